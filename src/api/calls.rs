//! Phone calls: history, virtual numbers, caller IDs.

use serde_json::Value;

use super::{ep, paging, PerPage, MAX_PAGE_SIZE};
use crate::error::Result;
use crate::request::RequestSpec;
use crate::validate::{segment, Fields};

/// #60 `GET /open/voip/call-history`, optionally only `inbound` or `outbound` calls.
pub fn history(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::optional("params", params)?;
    let direction = p.opt_enum("direction", &["inbound", "outbound"])?;
    Ok(paging(RequestSpec::to(ep(60)?, &[])?, &p, PerPage::No)?.query_opt("direction", direction))
}

/// #61 `GET /open/voip/call/{uuid}`.
pub fn get(call_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("callUuid", call_uuid)?;
    RequestSpec::to(ep(61)?, &[("call_uuid", uuid)])
}

/// #62 `GET /open/voip/virtual-numbers`.
pub fn list_virtual_numbers(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::optional("params", params)?;
    paging(RequestSpec::to(ep(62)?, &[])?, &p, PerPage::UpTo(MAX_PAGE_SIZE))
}

/// #63 `GET /open/voip/caller-ids`.
pub fn list_caller_ids(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::optional("params", params)?;
    paging(RequestSpec::to(ep(63)?, &[])?, &p, PerPage::UpTo(MAX_PAGE_SIZE))
}

/// #64 `DELETE /open/voip/virtual-numbers/{uuid}`: marks it pending cancellation.
pub fn delete_virtual_number(virtual_number_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("virtualNumberUuid", virtual_number_uuid)?;
    RequestSpec::to(ep(64)?, &[("virtual_number_uuid", uuid)])
}
