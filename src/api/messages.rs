//! Sending and reading WhatsApp messages.

use serde_json::Value;

use super::{ep, paging, PerPage};
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{required_e164, segment, Fields};

/// WhatsApp's own limit on the length of a text message.
pub const MAX_TEXT_CHARS: usize = 65_536;

/// #12 `POST /open/whatsapp/send-message`.
///
/// Exactly one recipient (`to_number` or `to_group_uuid`) and at least one of `text`, `url`,
/// `pin`. 2Chat has no idempotency key, so this request is never retried after it may have been
/// processed (see [`crate::retry`]).
pub fn send(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    let to_number = p.opt_e164("to_number")?;
    let to_group = p.opt_str("to_group_uuid")?;
    match (to_number, to_group) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid("to_number", "give either to_number or to_group_uuid, not both"));
        }
        (None, None) => return Err(Error::invalid("to_number", "a recipient is required: to_number or to_group_uuid")),
        (None, Some(g)) if g.trim().is_empty() || g.chars().any(char::is_whitespace) => {
            return Err(Error::invalid("to_group_uuid", "must be a group uuid such as WAG… or WGP…"));
        }
        _ => {}
    }
    let text = p.opt_str("text")?;
    if let Some(t) = text {
        if t.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::invalid("text", format_args!("must be at most {MAX_TEXT_CHARS} characters")));
        }
    }
    let url = p.opt_url("url")?;
    let pin = p.opt_object("pin")?;
    if let Some(pin) = pin {
        let pin = Fields::nested(pin, "pin");
        coordinate(&pin, "latitude", 90.0)?;
        coordinate(&pin, "longitude", 180.0)?;
        pin.opt_str("name")?;
        pin.opt_str("address")?;
        pin.opt_url("url")?;
    }
    let has_text = text.is_some_and(|t| !t.trim().is_empty());
    if !has_text && url.is_none() && pin.is_none() {
        return Err(Error::invalid("text", "the message is empty: give text, url or pin"));
    }
    let mut body = p.to_body();
    // 2Chat's own n8n node always sends a text, empty with a bare location pin.
    if let (Some(obj), true) = (body.as_object_mut(), text.is_none()) {
        obj.insert("text".into(), Value::String(String::new()));
    }
    Ok(RequestSpec::to(ep(12)?, &[])?.body(body))
}

/// 2Chat wants pin coordinates as strings ("-25.2637"), not numbers.
fn coordinate(pin: &Fields<'_>, field: &str, limit: f64) -> Result<()> {
    let s = pin.req_str(field)?;
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(()),
        _ => Err(Error::invalid(
            &pin.path(field),
            format_args!("must be a decimal number between -{limit} and {limit}, as a string"),
        )),
    }
}

/// #13 `GET /open/whatsapp/messages/{number}` or, with `remote_number`, #14
/// `…/{number}/{remote_number}`. Page 0 holds the newest 100 messages.
pub fn list(number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("number", number)?;
    let p = Fields::optional("params", params)?;
    let remote = p.opt_e164("remote_number")?;
    let req = match remote {
        Some(r) => RequestSpec::to(ep(14)?, &[("number", number), ("remote_number", r)])?,
        None => RequestSpec::to(ep(13)?, &[("number", number)])?,
    };
    paging(req, &p, PerPage::No)
}

fn one(id: u8, session_key: Option<&Value>, message_uuid: Option<&Value>) -> Result<RequestSpec> {
    let key = segment("sessionKey", session_key)?;
    let uuid = segment("messageUuid", message_uuid)?;
    RequestSpec::to(ep(id)?, &[("session_key", key), ("message_uuid", uuid)])
}

/// #15 `GET /open/whatsapp/message/{session_key}/{uuid}`: one message with its delivery state
/// (`wa_msg_ack`: 0 created, 1 sent, 2 received, 3 read).
pub fn get(session_key: Option<&Value>, message_uuid: Option<&Value>) -> Result<RequestSpec> {
    one(15, session_key, message_uuid)
}

/// #16 `DELETE /open/whatsapp/message/{session_key}/{uuid}`: deletes for everyone, within
/// WhatsApp's time window.
pub fn delete(session_key: Option<&Value>, message_uuid: Option<&Value>) -> Result<RequestSpec> {
    one(16, session_key, message_uuid)
}
