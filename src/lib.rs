//! # twochat
//!
//! The 2Chat API (WhatsApp automation) SDK, written in Rust: for JavaScript runtimes as an npm
//! package (browsers, Node, Cloudflare Workers), and for Rust code in the browser, in Workers, in
//! wasm-bindgen-test runs and on servers.
//!
//! Every endpoint is declared once, in the `twochat-spec` crate; `build.rs` generates from those
//! declarations the runtime tables ([`table`]), the Rust types and the TypeScript declarations.
//! Everything that can be decided without I/O is plain Rust that tests natively: the validator
//! ([`check`], with the [`rules`] no declaration can say), request encoding ([`request`]),
//! response handling ([`response`]), retry decisions ([`retry`]), paging ([`paging`]), webhook
//! parsing ([`webhook`]) and the error taxonomy ([`error`]).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::unreachable)
)]

pub mod check;
#[cfg(any(target_arch = "wasm32", feature = "native"))]
pub mod client;
pub mod config;
pub mod error;
pub mod json;
pub mod options;
pub mod outcome;
pub mod pacing;
pub mod paging;
pub mod proxy;
pub mod request;
pub mod response;
pub mod retry;
pub mod rules;
pub mod table;
pub mod time;
pub mod tools;
pub mod types;
pub mod webhook;

#[cfg(any(target_arch = "wasm32", feature = "native"))]
pub use client::{Client, ClientOptions};
pub use error::{Error, ErrorCode};

/// The endpoint table (the runtime rows of the declarations).
pub mod endpoints {
    pub use crate::table::{endpoint, Effect, Endpoint, Method, CONTRACT_ENDPOINTS, ENDPOINTS};
}

/// The webhook event names 2Chat documents, and how subscriptions name their target.
pub mod events {
    pub use twochat_spec::events::{is_call_event, is_group_event, NAMES as EVENT_NAMES, TIME_PERIODS};

    /// Whether `name` is a known event name.
    pub fn is_event_name(name: &str) -> bool {
        EVENT_NAMES.contains(&name)
    }
}

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod wasm;
