//! One module per 2Chat resource, mirroring the sections of 2Chat's docs. Each function
//! validates its arguments and describes the request; nothing here performs I/O.

pub mod account;
pub mod calls;
pub mod catalog;
pub mod channels;
pub mod contacts;
pub mod conversations;
pub mod groups;
pub mod messages;
pub mod numbers;
pub mod phone_numbers;
pub mod profile;
pub mod sms;
pub mod status;
pub mod tools;
pub mod users;
pub mod voice;
pub mod waba;
pub mod webhooks;

use serde_json::Value;

use crate::endpoints::{endpoint, Endpoint};
use crate::error::{Error, ErrorCode, Result};
use crate::request::RequestSpec;
use crate::validate::Fields;

/// The table entry with contract number `id`; a missing entry is a bug in this crate, reported
/// as an error rather than a panic.
pub(crate) fn ep(id: u8) -> Result<&'static Endpoint> {
    endpoint(id)
        .ok_or_else(|| Error::new(ErrorCode::InvalidInput, format!("endpoint #{id} is not in the endpoint table")))
}

/// The table row of endpoint `id` whose path ends with `suffix` (for #9's two commands).
pub(crate) fn ep_path(id: u8, suffix: &str) -> Result<&'static Endpoint> {
    crate::endpoints::ENDPOINTS.iter().find(|e| e.id == id && e.path.ends_with(suffix)).ok_or_else(|| {
        Error::new(ErrorCode::InvalidInput, format!("endpoint #{id} …{suffix} is not in the endpoint table"))
    })
}

/// The largest `results_per_page` 2Chat documents, for contacts ("1–100"). The other lists sized
/// by `results_per_page` (numbers, virtual numbers, caller IDs) document defaults (50, 200) and
/// no maximum, so any positive whole number is sent as given.
pub const MAX_CONTACTS_PER_PAGE: i64 = 100;
const MAX_PAGE: i64 = u32::MAX as i64;
/// The largest page size sent where 2Chat documents none: any positive 32-bit whole number.
pub const MAX_PAGE_SIZE: i64 = u32::MAX as i64;

/// How a list is sized: by 2Chat alone, or by the caller's `results_per_page` up to a maximum.
#[derive(Clone, Copy)]
pub(crate) enum PerPage {
    /// No `results_per_page` parameter.
    No,
    /// `results_per_page` from 1 to the given maximum.
    UpTo(i64),
}

/// `page_number` (0-based) and, where the list takes one, `results_per_page`, as query parameters.
pub(crate) fn paging(req: RequestSpec, p: &Fields<'_>, per_page: PerPage) -> Result<RequestSpec> {
    let page = p.opt_int("page_number", 0, MAX_PAGE)?;
    let req = req.query_opt("page_number", page);
    Ok(match per_page {
        PerPage::UpTo(max) => req.query_opt("results_per_page", p.opt_int("results_per_page", 1, max)?),
        PerPage::No => req,
    })
}

/// A request with no arguments.
pub(crate) fn bare(id: u8) -> Result<RequestSpec> {
    RequestSpec::to(ep(id)?, &[])
}

/// A JSON body of the given fields, with `null`s dropped and unknown fields kept.
pub(crate) fn body_of(p: &Fields<'_>) -> Value {
    p.to_body()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
