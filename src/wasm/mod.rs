//! The thin JavaScript layer: classes, `fetch` through gloo-net, timers and conversions.

mod client;
mod convert;
pub mod error;
mod http;
mod iterators;
mod normalize;
mod pager;
mod proxy;
mod resources;
mod timer;
mod types;
mod webhooks;

pub use proxy::create_proxy;
pub use webhooks::{parse_webhook, WebhookRouter};

pub use client::{endpoints, parse_timestamp, wasm_memory_bytes, TwoChat};
pub use resources::*;
