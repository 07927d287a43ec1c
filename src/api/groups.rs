//! WhatsApp groups.

use serde_json::Value;

use super::ep;
use crate::error::Result;
use crate::request::RequestSpec;
use crate::validate::{required_e164, required_str};

/// #22 `GET /open/whatsapp/groups/{number}`: the groups a connected number belongs to.
pub fn list(number: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("number", number)?;
    RequestSpec::to(ep(22)?, &[("number", number)])
}

/// #23 `GET /open/whatsapp/group/{group_uuid}`: one group with its participants.
pub fn get(group_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = required_str("groupUuid", group_uuid)?;
    RequestSpec::to(ep(23)?, &[("group_uuid", uuid)]).map_err(|e| rename(e, "group_uuid", "groupUuid"))
}

/// Path parameters are named as in the contract; errors speak of the JS argument's name.
pub(crate) fn rename(mut e: crate::Error, from: &str, to: &str) -> crate::Error {
    if let Some(rest) = e.message.strip_prefix(from).and_then(|r| r.strip_prefix(':')) {
        e.message = format!("{to}:{rest}");
    }
    e
}
