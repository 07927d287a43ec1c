//! WhatsApp channels: get (#6), create (#7), status (#8), connect / disconnect (#9), delete (#10).
//!
//! A channel is one of the account's numbers ([`Number`]); a created one also shows in
//! get-numbers (#5). It never becomes connected by itself: after create or `connect` it waits on
//! a QR code (`qr-received`), which a second status call still shows.

use serde_json::{json, Value};

use super::{req_string, require_e164, Call};
use crate::reply::ApiError;
use crate::state::{Account, ChannelEvent, Number};
use crate::util::{iso_z, language_of, new_id, now_secs, number_info, sql_datetime, sql_to_iso_z};

/// How many events the status endpoint shows.
pub const STATUS_EVENTS: usize = 10;

/// The channel with the path's `channel_uuid`, or 404.
fn channel_index(account: &Account, call: &Call<'_>) -> Result<usize, ApiError> {
    let uuid = call.param("channel_uuid")?;
    account
        .numbers
        .iter()
        .position(|n| n.uuid == uuid)
        .ok_or_else(|| ApiError::not_found(format!("Channel {uuid} not found")))
}

/// The IANA time zone of a number, `UTC` when its country is unknown.
pub fn timezone(number: &str) -> &'static str {
    number_info(number).timezone.first().copied().unwrap_or("UTC")
}

/// A channel as #6 and #7 show it: the get-numbers fields with ISO timestamps, plus the integer
/// id, time zone, language and what #18–#21 set.
pub fn channel_json(number: &Number) -> Value {
    json!({
        "id": number.id,
        "uuid": number.uuid,
        "friendly_name": number.friendly_name,
        "phone_number": number.phone_number,
        "iso_country_code": number.iso_country_code,
        "pushname": number.pushname,
        "server": number.server,
        "platform": number.platform,
        "connection_status": number.connection_status,
        "enabled": number.enabled,
        "is_business_profile": number.is_business_profile,
        "channel_type": number.channel_type,
        "sync_contacts": number.sync_contacts,
        "timezone": timezone(&number.phone_number),
        "lang": language_of(&number.phone_number),
        "profile_pic_url": number.profile.picture_url,
        "profile_status": number.profile.about,
        "status_updates": number.profile.status_updates,
        "created_at": sql_to_iso_z(&number.created_at),
        "updated_at": number.updated_at.as_deref().map(sql_to_iso_z),
    })
}

/// #6 `GET /open/whatsapp/channel/{channel_uuid}`.
pub fn get(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let index = channel_index(account, call)?;
    let number = account.numbers.get(index).ok_or_else(|| ApiError::not_found("Channel not found"))?;
    Ok(json!({"success": true, "channel": channel_json(number)}))
}

/// A fresh QR payload, shaped like WhatsApp Web's (`2@…,…,…,1`).
fn qr_payload() -> String {
    let a = uuid::Uuid::new_v4().simple().to_string();
    let b = uuid::Uuid::new_v4().simple().to_string();
    format!("2@{a},{b}=,{}=,1", uuid::Uuid::new_v4().simple())
}

/// Records `event` on the channel; `qr-received` also sets a new QR code, anything else clears it.
fn push_event(number: &mut Number, event: &str) {
    let now = now_secs();
    number.events.push(ChannelEvent { event: event.to_owned(), created_at: iso_z(now) });
    number.qr_code = (event == "qr-received").then(qr_payload);
    number.updated_at = Some(sql_datetime(now));
}

/// #7 `POST /open/whatsapp/channel/create` `{phone_number, friendly_name}`: a disconnected
/// channel that at once waits on a QR code. 403 when the account already has the number.
pub fn create(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_object()?;
    let phone = req_string(body, "phone_number")?.to_owned();
    require_e164(&phone, "phone_number")?;
    let friendly_name = req_string(body, "friendly_name")?.to_owned();
    if account.numbers.iter().any(|n| n.phone_number == phone) {
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            format!("The number {phone} already exists on this account"),
        ));
    }
    let now = now_secs();
    let mut number = Number {
        uuid: new_id("WPN"),
        friendly_name,
        iso_country_code: number_info(&phone).iso_country_code.to_owned(),
        pushname: None,
        server: format!("{}@c.us", phone.trim_start_matches('+')),
        platform: None,
        connection_status: "D".into(),
        enabled: true,
        is_business_profile: false,
        channel_type: "WW".into(),
        sync_contacts: false,
        created_at: sql_datetime(now),
        updated_at: None,
        id: account.next_id(),
        phone_number: phone,
        ..Number::default()
    };
    // "A connect command runs at once": the channel is waiting on its QR code.
    number.events.push(ChannelEvent { event: "qr-received".into(), created_at: iso_z(now) });
    number.qr_code = Some(qr_payload());
    let answer = json!({"success": true, "channel": channel_json(&number)});
    account.numbers.push(number);
    Ok(answer)
}

/// #8 `GET /open/whatsapp/channel/{channel_uuid}/status`: the connection status, the QR code
/// while the last event is `qr-received`, and the last ten events, newest first.
pub fn status(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let index = channel_index(account, call)?;
    let number = account.numbers.get(index).ok_or_else(|| ApiError::not_found("Channel not found"))?;
    let events: Vec<&ChannelEvent> = number.events.iter().rev().take(STATUS_EVENTS).collect();
    let mut answer = json!({
        "success": true,
        "connection_status": number.connection_status,
        "events": events,
    });
    let waiting_on_qr = number.events.last().is_some_and(|e| e.event == "qr-received");
    if let (true, Some(qr), Some(obj)) = (waiting_on_qr, &number.qr_code, answer.as_object_mut()) {
        obj.insert("qr_code".into(), json!(qr));
    }
    Ok(answer)
}

/// #9 `POST /open/whatsapp/channel/{channel_uuid}/connect|disconnect`. `connect` starts a QR
/// login (status `D`, event `qr-received`); `disconnect` keeps the channel (status `D`, event
/// `disconnected`).
pub fn command(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let index = channel_index(account, call)?;
    let number = account.numbers.get_mut(index).ok_or_else(|| ApiError::not_found("Channel not found"))?;
    let event = if call.endpoint.path.ends_with("/connect") { "qr-received" } else { "disconnected" };
    number.connection_status = "D".into();
    push_event(number, event);
    Ok(json!({"success": true}))
}

/// #10 `DELETE /open/whatsapp/channel/{channel_uuid}`: the channel and its groups are gone.
pub fn delete(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let index = channel_index(account, call)?;
    let number = account.numbers.remove(index);
    account.groups.retain(|g| g.get("channel_uuid").and_then(Value::as_str) != Some(number.uuid.as_str()));
    account.catalogs.remove(&number.phone_number);
    Ok(json!({"success": true}))
}
