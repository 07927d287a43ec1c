//! SMS from a 2Chat virtual number.

use serde_json::Value;

use super::{body_of, ep};
use crate::error::Result;
use crate::request::RequestSpec;
use crate::validate::Fields;

/// #65 `POST /open/sms/send`: answered 202; 160 characters a billed segment. 2Chat names the id
/// `message_id` in its docs and `message_uuid` in its tools; both are read.
pub fn send(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    p.req_e164("to_number")?;
    p.req_str("text")?;
    Ok(RequestSpec::to(ep(65)?, &[])?.body(body_of(&p)))
}
