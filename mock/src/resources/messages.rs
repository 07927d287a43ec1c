//! WhatsApp messages: send (#12; it delivers `whatsapp.message.sent` and `whatsapp.message.new`),
//! list (#13, #14), get (#15), delete (#16) and the conversations of a channel (#17).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::{account_number, connected_number, opt_string, page, require_e164, Call};
use crate::generate::wa_msg_id;
use crate::payloads;
use crate::reply::ApiError;
use crate::state::{Account, Message};
use crate::util::{digits, iso_z, new_id, now_secs_f64, number_info};

/// Messages per page of get-messages.
pub const PAGE_SIZE: usize = 100;
/// Sessions per page of list-conversations.
pub const CONVERSATIONS_PAGE_SIZE: usize = 10;

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
    let id = account.next_id();
    account.messages.push(Message {
        id,
        wa_msg_id: wa_msg_id(true, &session_suffix, id),
        wa_msg_ack: 1,
        participant: None,
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
    if let Some(message) = account.messages.last() {
        let planned = payloads::message_sent(account, message);
        account.outbox.extend(planned);
    }
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
            .filter(|m| m.channel_number == number && !m.is_incoming_group_message())
            .filter(|m| remote.is_none() || m.remote_phone_number.as_deref() == remote),
        page_number,
        call.page_size(PAGE_SIZE),
    );
    Ok(json!({"success": true, "page_number": page_number, "messages": messages}))
}

/// The stored message of the path's `session_key` and `message_uuid`, or 404.
fn find(account: &Account, call: &Call<'_>) -> Result<usize, ApiError> {
    let session_key = call.param("session_key")?;
    let uuid = call.param("message_uuid")?;
    account
        .messages
        .iter()
        .position(|m| m.uuid == uuid && m.session_key == session_key)
        .ok_or_else(|| ApiError::not_found(format!("Message {uuid} not found in session {session_key}")))
}

/// #15 `GET /open/whatsapp/message/{session_key}/{message_uuid}`: one message with its delivery
/// state (`wa_msg_ack` 0 created, 1 sent, 2 received, 3 read).
pub fn get(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let index = find(account, call)?;
    let m = account.messages.get(index).ok_or_else(|| ApiError::not_found("Message not found"))?;
    let mut message = json!({
        "id": m.id,
        "uuid": m.uuid,
        "session_key": m.session_key,
        "message": m.message,
        "created_at": m.created_at,
        "remote_phone_number": m.remote_phone_number,
        "channel_phone_number": m.channel_number,
        "sent_by": m.sent_by,
        "is_from_flow_run": false,
        "is_from_api": m.sent_by == "api",
        "is_from_chatter": false,
        "is_from_agent": m.sent_by == "agent",
        "wa_msg_id": m.wa_msg_id,
        "wa_msg_ack": m.wa_msg_ack,
        "sent": m.sent_by != "user",
    });
    if let Some(obj) = message.as_object_mut() {
        if let Some(group) = &m.to_group_uuid {
            obj.insert("to_group_uuid".into(), json!(group));
        }
        if let Some(participant) = &m.participant {
            obj.insert("participant".into(), json!(participant));
        }
    }
    Ok(json!({"success": true, "message": message}))
}

/// #16 `DELETE /open/whatsapp/message/{session_key}/{message_uuid}`: deleted for everyone; it
/// leaves every list.
pub fn delete(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let index = find(account, call)?;
    let message = account.messages.remove(index);
    Ok(json!({"success": true, "message_uuid": message.uuid, "whatsapp_message_id": message.wa_msg_id}))
}

/// #17 `GET /open/whatsapp/conversations/{channel_uuid}?page_number=&phone_number=`: one session
/// per remote party (or group) of the channel's messages, most recent activity first, ten per
/// page; `total` counts every matching session. `phone_number` (3 to 20 digits, a `+` is
/// ignored) keeps the sessions whose number contains those digits.
pub fn conversations(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let account: &Account = account;
    let channel_uuid = call.param("channel_uuid")?;
    let channel = account
        .channel(channel_uuid)
        .ok_or_else(|| ApiError::not_found(format!("Channel {channel_uuid} not found")))?;
    let page_number = call.page_number()?;
    let search = match call.opt_query("phone_number") {
        None => None,
        Some(term) => {
            let term = term.trim();
            let wanted = term.strip_prefix('+').unwrap_or(term);
            if !(3..=20).contains(&wanted.len()) || !wanted.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ApiError::invalid(format!("phone_number must be 3 to 20 digits, got `{term}`")));
            }
            Some((term.to_owned(), wanted.to_owned()))
        }
    };

    // Newest message of each session, in order of first appearance from the newest end.
    let mut order: Vec<&str> = Vec::new();
    let mut last: HashMap<&str, &Message> = HashMap::new();
    for m in account.messages.iter().rev().filter(|m| m.channel_number == channel.phone_number) {
        if !last.contains_key(m.session_key.as_str()) {
            order.push(&m.session_key);
            last.insert(&m.session_key, m);
        }
    }
    let sessions: Vec<Value> = order
        .iter()
        .filter_map(|key| last.get(key).copied())
        .filter(|m| match &search {
            None => true,
            Some((_, wanted)) => m.remote_phone_number.as_deref().is_some_and(|p| digits(p).contains(wanted.as_str())),
        })
        .map(|m| session_json(account, &channel.uuid, m))
        .collect();
    let total = sessions.len();
    let sessions = page(sessions.into_iter(), page_number, call.page_size(CONVERSATIONS_PAGE_SIZE));
    Ok(json!({
        "success": true,
        "page_number": page_number,
        "total": total,
        "search_term": search.map(|(term, _)| term),
        "sessions": sessions,
    }))
}

/// One session of list-conversations, described from its newest message.
fn session_json(account: &Account, channel_uuid: &str, m: &Message) -> Value {
    let (friendly_name, phone, is_group) = match (&m.to_group_uuid, &m.remote_phone_number) {
        (Some(group), _) => {
            let name = account.group(group).and_then(|g| g.get("wa_group_name")).cloned().unwrap_or(Value::Null);
            (name, None, true)
        }
        (None, Some(remote)) => {
            let contact = account
                .contacts
                .iter()
                .find(|c| c.details.iter().any(|d| (d.kind == "PH" || d.kind == "WAPH") && d.value == *remote));
            let name = match contact {
                Some(c) => json!(match &c.last_name {
                    Some(last) => format!("{} {last}", c.first_name),
                    None => c.first_name.clone(),
                }),
                None => json!(remote),
            };
            (name, Some(remote.clone()), false)
        }
        (None, None) => (Value::Null, None, false),
    };
    let info = phone.as_deref().map(number_info);
    let device =
        phone.as_deref().map(|p| if digits(p).bytes().last().is_some_and(|b| b % 2 == 0) { "android" } else { "ios" });
    json!({
        "session_key": m.session_key,
        "friendly_name": friendly_name,
        "region_name": info.map(|i| i.region),
        "iso_country_code": info.map(|i| i.iso_country_code),
        "device": device,
        "channel_uuid": channel_uuid,
        "phone_number": phone,
        "timezone": info.and_then(|i| i.timezone.first().copied()),
        "profile_pic_url": phone.as_deref().map(|p| format!(
            "https://2chat-user-data.s3.amazonaws.com/mock/profile-pics/{}.jpg",
            digits(p)
        )),
        "is_group": is_group,
        "last_activity": m.created_at,
    })
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
