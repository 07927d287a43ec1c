//! WhatsApp messages: send (#12) and list (#13, #14).

use serde_json::{json, Map, Value};

use super::{account_number, connected_number, opt_string, page, require_e164, Call};
use crate::reply::ApiError;
use crate::state::{Account, Message};
use crate::util::{digits, iso_z, new_id, now_secs_f64};

/// Messages per page of get-messages.
pub const PAGE_SIZE: usize = 100;

/// #12 `POST /open/whatsapp/send-message`.
pub fn send(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_object()?;
    let from = opt_string(body, "from_number")?.ok_or_else(|| ApiError::invalid("`from_number` is required"))?;
    let channel = connected_number(account, from, "from_number")?.clone();

    let to_number = opt_string(body, "to_number")?;
    let to_group = opt_string(body, "to_group_uuid")?;
    let (remote, group_uuid, session_suffix) = match (to_number, to_group) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid("Send either `to_number` or `to_group_uuid`, not both"));
        }
        (None, None) => return Err(ApiError::invalid("One of `to_number` or `to_group_uuid` is required")),
        (Some(to), None) => {
            require_e164(to, "to_number")?;
            (Some(to.to_owned()), None, format!("{}@c.us", digits(to)))
        }
        (None, Some(uuid)) => {
            let group = account
                .group(uuid)
                .filter(|g| g.get("channel_uuid").and_then(Value::as_str) == Some(channel.uuid.as_str()))
                .ok_or_else(|| ApiError::not_found(format!("Group {uuid} not found on {from}")))?;
            let wa_id = group.get("wa_group_id").and_then(Value::as_str).unwrap_or_default().to_owned();
            (None, Some(uuid.to_owned()), wa_id)
        }
    };

    let content = content(body)?;
    let now = now_secs_f64();
    let uuid = new_id("MSG");
    // Whole seconds; the float keeps the fraction. `as` saturates, so this cannot panic.
    let created_at = iso_z(now as i64);
    account.messages.push(Message {
        uuid: uuid.clone(),
        timestamp: now,
        created_at,
        session_key: format!("WW-{}-{session_suffix}", channel.uuid),
        message: content,
        remote_phone_number: remote,
        to_group_uuid: group_uuid,
        sent_by: "api".into(),
        channel_number: channel.phone_number.clone(),
    });
    Ok(json!({"success": true, "message_uuid": uuid, "batched": true}))
}

/// The stored `message` object: `text`, `media` and/or `pin`; at least one is required.
fn content(body: &Map<String, Value>) -> Result<Value, ApiError> {
    let mut message = Map::new();
    if let Some(text) = opt_string(body, "text")?.filter(|t| !t.is_empty()) {
        message.insert("text".into(), json!(text));
    }
    if let Some(url) = opt_string(body, "url")?.filter(|u| !u.is_empty()) {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ApiError::invalid(format!("`url` must be an http(s) URL, got `{url}`")));
        }
        let (kind, mime) = media_type(url);
        message.insert("media".into(), json!({"url": url, "type": kind, "mime_type": mime}));
    }
    match body.get("pin") {
        None | Some(Value::Null) => {}
        Some(Value::Object(pin)) => {
            for field in ["latitude", "longitude"] {
                match pin.get(field) {
                    Some(Value::String(s)) if !s.trim().is_empty() => {}
                    Some(Value::String(_)) | None | Some(Value::Null) => {
                        return Err(ApiError::invalid(format!("`pin.{field}` is required")))
                    }
                    Some(_) => return Err(ApiError::invalid(format!("`pin.{field}` must be a string"))),
                }
            }
            for field in ["name", "address", "url"] {
                match pin.get(field) {
                    None | Some(Value::Null | Value::String(_)) => {}
                    Some(_) => return Err(ApiError::invalid(format!("`pin.{field}` must be a string"))),
                }
            }
            message.insert("pin".into(), Value::Object(pin.clone()));
        }
        Some(_) => return Err(ApiError::invalid("`pin` must be an object with `latitude` and `longitude`")),
    }
    if message.is_empty() {
        return Err(ApiError::invalid("At least one of `text`, `url` or `pin` is required"));
    }
    Ok(Value::Object(message))
}

/// The media `type` and `mime_type` 2Chat reports, guessed from the URL's extension.
pub fn media_type(url: &str) -> (&'static str, &'static str) {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    let ext = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => ("image", "image/jpeg"),
        "png" => ("image", "image/png"),
        "gif" => ("image", "image/gif"),
        "webp" => ("image", "image/webp"),
        "svg" => ("image", "image/svg+xml"),
        "mp4" => ("video", "video/mp4"),
        "3gp" => ("video", "video/3gpp"),
        "mov" => ("video", "video/quicktime"),
        "webm" => ("video", "video/webm"),
        "mp3" => ("audio", "audio/mpeg"),
        "ogg" | "opus" => ("audio", "audio/ogg"),
        "m4a" => ("audio", "audio/mp4"),
        "aac" => ("audio", "audio/aac"),
        "wav" => ("audio", "audio/wav"),
        "amr" => ("audio", "audio/amr"),
        "pdf" => ("document", "application/pdf"),
        "txt" => ("document", "text/plain"),
        "csv" => ("document", "text/csv"),
        "doc" => ("document", "application/msword"),
        "docx" => ("document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "xls" => ("document", "application/vnd.ms-excel"),
        "xlsx" => ("document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "zip" => ("document", "application/zip"),
        _ => ("document", "application/octet-stream"),
    }
}

/// #13 `GET /open/whatsapp/messages/{number}` and #14 `…/{number}/{remote_number}`: newest first,
/// 100 per page.
pub fn list(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let number = account_number(account, call.param("number")?, "number")?.phone_number.clone();
    let remote = if call.has_param("remote_number") {
        let remote = call.param("remote_number")?;
        require_e164(remote, "remote_number")?;
        Some(remote)
    } else {
        None
    };
    let page_number = call.page_number()?;
    let messages = page(
        account
            .messages
            .iter()
            .rev()
            .filter(|m| m.channel_number == number)
            .filter(|m| remote.is_none() || m.remote_phone_number.as_deref() == remote),
        page_number,
        PAGE_SIZE,
    );
    Ok(json!({"success": true, "page_number": page_number, "messages": messages}))
}

#[cfg(test)]
mod tests {
    use super::media_type;

    #[test]
    fn media_types_from_extensions() {
        assert_eq!(media_type("https://x.io/a/cat.JPG?sig=1"), ("image", "image/jpeg"));
        assert_eq!(media_type("https://x.io/v.mp4"), ("video", "video/mp4"));
        assert_eq!(media_type("https://x.io/voice.ogg#t"), ("audio", "audio/ogg"));
        assert_eq!(media_type("https://x.io/report.pdf"), ("document", "application/pdf"));
        assert_eq!(media_type("https://x.io/download"), ("document", "application/octet-stream"));
    }
}
