//! One module per 2Chat resource, mirroring the sections of 2Chat's docs. Each function
//! validates its arguments and describes the request; nothing here performs I/O.

pub mod account;
pub mod contacts;
pub mod groups;
pub mod messages;
pub mod numbers;
pub mod webhooks;

use crate::endpoints::{endpoint, Endpoint};
use crate::error::{Error, ErrorCode, Result};

/// The table entry with contract number `id`; a missing entry is a bug in this crate, reported
/// as an error rather than a panic.
pub(crate) fn ep(id: u8) -> Result<&'static Endpoint> {
    endpoint(id)
        .ok_or_else(|| Error::new(ErrorCode::InvalidInput, format!("endpoint #{id} is not in the endpoint table")))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
