//! Conversations (sessions) of a channel.

use serde_json::Value;

use super::{ep, paging, PerPage};
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{quoted, segment, Fields};

/// #17 `GET /open/whatsapp/conversations/{channel_uuid}`: 10 a page, with `total`.
/// `phone_number` searches 3 to 20 digits contained in the remote number.
pub fn list(channel_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("channelUuid", channel_uuid)?;
    let p = Fields::optional("params", params)?;
    let search = p.opt_str("phone_number")?;
    if let Some(s) = search {
        let digits = s.strip_prefix('+').unwrap_or(s);
        if !(3..=20).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(
                "phone_number",
                format_args!("must be 3 to 20 digits to search for (got {})", quoted(s)),
            ));
        }
    }
    let req = paging(RequestSpec::to(ep(17)?, &[("channel_uuid", uuid)])?, &p, PerPage::No)?;
    Ok(req.query_opt("phone_number", search))
}
