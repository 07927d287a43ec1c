//! The thin JavaScript layer: classes, `fetch` through gloo-net, timers and conversions.

mod client;
pub mod error;
mod http;
mod resources;
mod timer;
mod types;

pub use client::TwoChat;
pub use resources::{Account, Contacts, Groups, Messages, Numbers, Webhooks};
