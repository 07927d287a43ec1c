//! The typed client suite in Node, over the runtime's `fetch`:
//! `scripts/with-mock.sh wasm-pack test --node -- --test node` (see `make test`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod typed;
