//! Connected WhatsApp numbers.

use serde_json::Value;

use super::{ep, paging, PerPage, MAX_PAGE_SIZE};
use crate::error::Result;
use crate::request::RequestSpec;
use crate::validate::{required_e164, Fields};

/// #5 `GET /open/whatsapp/get-numbers`.
pub fn list(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::optional("params", params)?;
    let status = p.opt_enum("status", &["connected", "disconnected", "all"])?;
    paging(RequestSpec::to(ep(5)?, &[])?.query_opt("status", status), &p, PerPage::UpTo(MAX_PAGE_SIZE))
}

/// #11 `GET /open/whatsapp/check-number/{from}/{to}`: whether `number_to_check` is on WhatsApp.
/// `extra_information: true` adds `whatsapp_info` and is billed as two calls.
pub fn check(
    from_number: Option<&Value>,
    number_to_check: Option<&Value>,
    params: Option<&Value>,
) -> Result<RequestSpec> {
    let from = required_e164("fromNumber", from_number)?;
    let to = required_e164("numberToCheck", number_to_check)?;
    let p = Fields::optional("params", params)?;
    let extra = p.opt_bool("extra_information")?;
    let req = RequestSpec::to(ep(11)?, &[("from_number", from), ("number_to_check", to)])?;
    Ok(if extra == Some(true) { req.query("extra-information", "true") } else { req })
}
