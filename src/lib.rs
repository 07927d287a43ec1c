//! # twochat
//!
//! The 2Chat API (WhatsApp automation) SDK for JavaScript runtimes — browsers, Node and Cloudflare
//! Workers — written in Rust and compiled to WebAssembly.
//!
//! The crate has two layers. Everything that can be decided without JavaScript lives in plain
//! modules that compile and test natively: the endpoint table ([`endpoints`]), input validation
//! ([`validate`]), request descriptions ([`request`]), response handling ([`response`]), retry
//! decisions ([`retry`]) and the error taxonomy ([`error`]). The `wasm` module (only on
//! `wasm32`) is the thin part: `#[wasm_bindgen]` classes, `fetch` through gloo-net, timers and
//! `JsValue` conversions.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::unreachable)
)]

pub mod api;
pub mod config;
pub mod endpoints;
pub mod error;
pub mod events;

pub use error::{Error, ErrorCode};
pub mod pacing;
pub mod paging;
pub mod proxy;
pub mod request;
pub mod response;
pub mod retry;
pub mod time;
pub mod validate;
pub mod webhook;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
