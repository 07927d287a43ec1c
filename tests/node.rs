//! The wasm test suite in Node: `wasm-pack test --node -- --test node` (see `make test`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;
mod suite;
