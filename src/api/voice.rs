//! The Voice SDK.

use serde_json::Value;

use super::{bare, body_of};
use crate::error::Result;
use crate::request::RequestSpec;
use crate::validate::Fields;

/// #4 `POST /sdk/voip/access-token` (outside `/open`): a short-lived JWT for the Voice SDK, so a
/// browser never holds the API key. `ttl` is in seconds, 60–86400.
pub fn create_access_token(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_str("user_uuid")?;
    p.opt_str_max("label", 255)?;
    p.opt_int("ttl", 60, 86_400)?;
    Ok(bare(4)?.body(body_of(&p)))
}
