//! Webhook payloads (`shared/spec/2chat-api.md` §3, `shared/fixtures/webhooks/`) and the
//! subscriptions each event goes to.
//!
//! An event of a WhatsApp number goes to the account's subscriptions of that event name whose
//! `channel_uuid` is the number's (`WPN…`; `WAN…` for WABA events); a phone-call event to those of
//! the virtual number (`DID…`). Group events also honour a subscription's `to_group_uuid` (`any`
//! or none means every group). Every payload carries a `uuid` receivers can de-duplicate on: the
//! message's, the call record's, or a new `MSG…` id for group events.
//!
//! `created_at` of WhatsApp payloads is ISO 8601 without a zone (`2024-03-09T22:00:08`, the newer
//! style); call payloads use ISO 8601 with `Z`.

use serde_json::{json, Map, Value};

use crate::delivery::Planned;
use crate::state::{Account, Contact, Message, Webhook};
use crate::util::{digits, iso_naive, iso_z};

pub const MESSAGE_SENT: &str = "whatsapp.message.sent";
pub const MESSAGE_NEW: &str = "whatsapp.message.new";
pub const MESSAGE_RECEIVED: &str = "whatsapp.message.received";
pub const CONVERSATION_NEW: &str = "whatsapp.conversation.new";
pub const ORDER_RECEIVED: &str = "whatsapp.order.received";
pub const WABA_MESSAGE_SENT: &str = "whatsapp.waba.message.sent";
pub const CALL_STATUS_UPDATE: &str = "call.status.update";
pub const CALL_INCOMING_COMPLETED: &str = "call.incoming.completed";
pub const CALL_OUTBOUND_COMPLETED: &str = "call.outbound.completed";
/// The n8n spelling of [`CALL_OUTBOUND_COMPLETED`]; its subscribers get the same payloads.
pub const CALL_OUTGOING_COMPLETED: &str = "call.outgoing.completed";

/// The account's subscriptions to `event` on `channel_uuid`, oldest first. With `group` (group
/// events), a subscription's `to_group_uuid` must be that group, `any` or unset.
pub fn subscribers<'a>(
    account: &'a Account,
    event: &'a str,
    channel_uuid: &'a str,
    group: Option<&'a str>,
) -> impl Iterator<Item = &'a Webhook> + 'a {
    account.webhooks.iter().filter(move |w| {
        w.event_name == event
            && w.channel_uuid == channel_uuid
            && match (w.to_group_uuid.as_deref(), group) {
                (Some(wanted), Some(actual)) => wanted == "any" || wanted == actual,
                _ => true,
            }
    })
}

fn planned(webhook: &Webhook, payload: Value) -> Planned {
    Planned {
        webhook_uuid: webhook.uuid.clone(),
        event: webhook.event_name.clone(),
        hook_url: webhook.hook_url.clone(),
        payload,
    }
}

/// The account's contact with `phone` among its phone details (`PH` / `WAPH`).
pub fn contact_of<'a>(account: &'a Account, phone: &str) -> Option<&'a Contact> {
    account.contacts.iter().find(|c| c.details.iter().any(|d| (d.kind == "PH" || d.kind == "WAPH") && d.value == phone))
}

/// A contact as message payloads show it (fixture whatsapp.waba.message.sent.json).
pub fn contact_json(contact: &Contact) -> Value {
    let name = match &contact.last_name {
        Some(last) if !last.is_empty() => format!("{} {last}", contact.first_name),
        _ => contact.first_name.clone(),
    };
    json!({
        "uuid": contact.uuid,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "name": name,
        "channel_uuid": contact.channel_uuid,
        "profile_pic_url": contact.profile_pic_url,
        "last_updated": iso_z(contact.last_updated),
    })
}

/// `2023-04-18T22:17:50Z` → `2023-04-18T22:17:50`.
fn naive(created_at: &str) -> String {
    created_at.strip_suffix('Z').unwrap_or(created_at).to_owned()
}

/// The web-app link of a session (`_2chat_link`).
pub fn live_chat_link(account: &Account, session_key: &str) -> String {
    let id = account.uuid.strip_prefix("ACC").unwrap_or(&account.uuid);
    format!("https://app.2chat.io/live-chat/STE{id}/{session_key}")
}

/// The §3.2 envelope of a stored message.
fn envelope(m: &Message, event: &str) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("id".into(), json!(m.uuid));
    map.insert("uuid".into(), json!(m.uuid));
    map.insert("session_key".into(), json!(m.session_key));
    map.insert("message".into(), m.message.clone());
    map.insert("created_at".into(), json!(naive(&m.created_at)));
    map.insert("remote_phone_number".into(), json!(m.remote_phone_number));
    map.insert("channel_phone_number".into(), json!(m.channel_number));
    map.insert("sent_by".into(), json!(m.sent_by));
    map.insert("event".into(), json!(event));
    map
}

fn channel_uuid_of(account: &Account, phone: &str) -> Option<String> {
    account.number(phone).map(|n| n.uuid.clone())
}

/// A message sent through the API (#12): `whatsapp.message.sent` and `whatsapp.message.new`, with
/// `_2chat_link`, `contact` (known contacts only) and `to_group_uuid` (group sends).
pub fn message_sent(account: &Account, m: &Message) -> Vec<Planned> {
    let Some(channel) = channel_uuid_of(account, &m.channel_number) else { return Vec::new() };
    let contact = m.remote_phone_number.as_deref().and_then(|p| contact_of(account, p)).map(contact_json);
    let mut out = Vec::new();
    for event in [MESSAGE_SENT, MESSAGE_NEW] {
        for webhook in subscribers(account, event, &channel, None) {
            let mut payload = envelope(m, event);
            payload.insert("_2chat_link".into(), json!(live_chat_link(account, &m.session_key)));
            if let Some(contact) = &contact {
                payload.insert("contact".into(), contact.clone());
            }
            if let Some(group) = &m.to_group_uuid {
                payload.insert("to_group_uuid".into(), json!(group));
            }
            out.push(planned(webhook, Value::Object(payload)));
        }
    }
    out
}

/// Seconds a `time_period` looks back; `None` for `all-time`.
pub fn period_seconds(time_period: &str) -> Option<f64> {
    match time_period {
        "hour" => Some(3_600.0),
        "day" => Some(86_400.0),
        "week" => Some(7.0 * 86_400.0),
        "month" => Some(30.0 * 86_400.0),
        "year" => Some(365.0 * 86_400.0),
        _ => None,
    }
}

/// Whether `m` (incoming) opens a conversation for `time_period`: no earlier incoming message from
/// the same remote number on the same channel within that period (ever, for `all-time`).
pub fn opens_conversation(account: &Account, m: &Message, time_period: &str) -> bool {
    let since = period_seconds(time_period).map(|s| m.timestamp - s);
    !account.messages.iter().any(|other| {
        other.uuid != m.uuid
            && other.channel_number == m.channel_number
            && other.sent_by == "user"
            && other.to_group_uuid.is_none()
            && other.remote_phone_number == m.remote_phone_number
            && other.timestamp <= m.timestamp
            && since.is_none_or(|since| other.timestamp >= since)
    })
}

/// An incoming message: `whatsapp.message.received` and `whatsapp.message.new` (fixture
/// whatsapp.message.received.media.json plus `event`), then `whatsapp.conversation.new` to the
/// subscriptions whose `time_period` window had no earlier message from that number.
pub fn message_received(account: &Account, m: &Message, contact: Option<&Value>) -> Vec<Planned> {
    let Some(channel) = channel_uuid_of(account, &m.channel_number) else { return Vec::new() };
    let with_contact = |mut payload: Map<String, Value>| {
        if let Some(contact) = contact {
            payload.insert("contact".into(), contact.clone());
        }
        payload
    };
    let mut out = Vec::new();
    for event in [MESSAGE_RECEIVED, MESSAGE_NEW] {
        for webhook in subscribers(account, event, &channel, None) {
            out.push(planned(webhook, Value::Object(with_contact(envelope(m, event)))));
        }
    }
    for webhook in subscribers(account, CONVERSATION_NEW, &channel, None) {
        let period = webhook.time_period.as_deref().unwrap_or("all-time");
        if opens_conversation(account, m, period) {
            let mut payload = with_contact(envelope(m, CONVERSATION_NEW));
            payload.insert("time_period".into(), json!(period));
            out.push(planned(webhook, Value::Object(payload)));
        }
    }
    out
}

/// An order: `whatsapp.order.received`, shaped exactly like fixtures/webhooks/whatsapp.order.received.json
/// (no `event`; `contact` always present, its fields null for an unknown number).
pub fn order_received(account: &Account, m: &Message, contact: &Value) -> Vec<Planned> {
    let Some(channel) = channel_uuid_of(account, &m.channel_number) else { return Vec::new() };
    subscribers(account, ORDER_RECEIVED, &channel, None)
        .map(|webhook| {
            let payload = json!({
                "id": m.uuid,
                "uuid": m.uuid,
                "session_key": m.session_key,
                "message": m.message,
                "created_at": naive(&m.created_at),
                "remote_phone_number": m.remote_phone_number,
                "channel_phone_number": m.channel_number,
                "sent_by": m.sent_by,
                "contact": contact,
            });
            planned(webhook, payload)
        })
        .collect()
}

/// The `contact` of an order payload: `{first_name, last_name, profile_pic_url}`, null fields for
/// an unknown number.
pub fn order_contact(contact: Option<&Contact>) -> Value {
    match contact {
        Some(c) => json!({"first_name": c.first_name, "last_name": c.last_name, "profile_pic_url": c.profile_pic_url}),
        None => json!({"first_name": null, "last_name": null, "profile_pic_url": null}),
    }
}

/// What happened to a group participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupChange {
    Join,
    Leave,
    Remove,
}

impl GroupChange {
    /// `join`, `leave`, `remove`.
    pub fn kind(self) -> &'static str {
        match self {
            GroupChange::Join => "join",
            GroupChange::Leave => "leave",
            GroupChange::Remove => "remove",
        }
    }

    /// `whatsapp.group.join`, …
    pub fn event(self) -> &'static str {
        match self {
            GroupChange::Join => "whatsapp.group.join",
            GroupChange::Leave => "whatsapp.group.leave",
            GroupChange::Remove => "whatsapp.group.remove",
        }
    }
}

/// A participant joined, left or was removed: `whatsapp.group.join|leave|remove` to the
/// subscriptions of the group's number (honouring `to_group_uuid`), each carrying `uuid` (a new
/// `MSG…` id, also as `id`).
pub fn group_change(
    account: &Account,
    group: &Value,
    change: GroupChange,
    participant: &str,
    pushname: Option<&str>,
    uuid: &str,
    at: i64,
) -> Vec<Planned> {
    let text = |name: &str| group.get(name).and_then(Value::as_str).unwrap_or_default().to_owned();
    let (group_uuid, channel_uuid) = (text("uuid"), text("channel_uuid"));
    let channel_phone = account.channel(&channel_uuid).map(|n| n.phone_number.clone());
    let contact = contact_of(account, participant)
        .map(|c| json!({"first_name": c.first_name, "last_name": c.last_name}))
        .unwrap_or(Value::Null);
    let event = change.event();
    subscribers(account, event, &channel_uuid, Some(&group_uuid))
        .map(|webhook| {
            let payload = json!({
                "event": event,
                "type": change.kind(),
                "id": uuid,
                "uuid": uuid,
                "created_at": iso_naive(at),
                "channel_phone_number": channel_phone,
                "group": {
                    "uuid": group_uuid,
                    "wa_group_id": group.get("wa_group_id").cloned().unwrap_or(Value::Null),
                    "wa_group_name": group.get("wa_group_name").cloned().unwrap_or(Value::Null),
                },
                "participant": {"phone_number": participant, "contact": contact, "pushname": pushname},
            });
            planned(webhook, payload)
        })
        .collect()
}

/// Fields of a call record that call payloads carry (spec §3.3), in this order.
const CALL_FIELDS: [&str; 17] = [
    "uuid",
    "account_uuid",
    "callid",
    "direction",
    "active",
    "from",
    "to_number",
    "iso_country_code",
    "received_on_number",
    "received_on_number_uuid",
    "is_toll_free",
    "status",
    "start_time",
    "end_time",
    "duration",
    "recording_url",
    "created_at",
];

/// A finished call on a virtual number: `call.status.update` while it is up (status `ANSWERED`,
/// or `RINGING` for a call that ends other than `COMPLETED`; `active: true`, no end, duration or
/// recording yet), then `call.incoming.completed` (inbound) or `call.outbound.completed` and its
/// n8n spelling `call.outgoing.completed` (outbound), to the subscriptions of the virtual number's
/// `DID…` channel. `contact` is the other party when known, `agent` the user who took the call.
pub fn call_finished(account: &Account, cdr: &Value, did_uuid: &str, contact: &Value, agent: &Value) -> Vec<Planned> {
    let mut completed = Map::new();
    for field in CALL_FIELDS {
        completed.insert(field.into(), cdr.get(field).cloned().unwrap_or(Value::Null));
    }
    completed.insert("updated_at".into(), cdr.get("updated_at").cloned().unwrap_or(Value::Null));
    completed.insert("contact".into(), contact.clone());
    completed.insert("agent".into(), agent.clone());
    completed.insert("active".into(), json!(false));

    let answered = cdr.get("status").and_then(Value::as_str) == Some("COMPLETED");
    let mut update = completed.clone();
    update.insert("status".into(), json!(if answered { "ANSWERED" } else { "RINGING" }));
    update.insert("active".into(), json!(true));
    update.insert("end_time".into(), Value::Null);
    update.insert("duration".into(), Value::Null);
    update.insert("recording_url".into(), Value::Null);
    update.insert("updated_at".into(), cdr.get("created_at").cloned().unwrap_or(Value::Null));
    if !answered {
        update.insert("agent".into(), Value::Null);
    }

    let finals: &[&str] = if cdr.get("direction").and_then(Value::as_str) == Some("O") {
        &[CALL_OUTBOUND_COMPLETED, CALL_OUTGOING_COMPLETED]
    } else {
        &[CALL_INCOMING_COMPLETED]
    };
    let mut out = Vec::new();
    for (event, body) in std::iter::once((CALL_STATUS_UPDATE, &update)).chain(finals.iter().map(|e| (*e, &completed))) {
        for webhook in subscribers(account, event, did_uuid, None) {
            let mut payload = body.clone();
            payload.insert("event".into(), json!(event));
            out.push(planned(webhook, Value::Object(payload)));
        }
    }
    out
}

/// A WABA message sent through the API (#59): `whatsapp.waba.message.sent`, shaped like
/// fixtures/webhooks/whatsapp.waba.message.sent.json, to the subscriptions of the WABA number.
pub fn waba_message_sent(
    account: &Account,
    waba: &Value,
    uuid: &str,
    to: &str,
    message: &Value,
    at: i64,
) -> Vec<Planned> {
    let text = |name: &str| waba.get(name).cloned().unwrap_or(Value::Null);
    let waba_uuid = waba.get("uuid").and_then(Value::as_str).unwrap_or_default();
    let session_key = format!("WA-{waba_uuid}-{}", digits(to));
    let contact = contact_of(account, to).map(contact_json);
    subscribers(account, WABA_MESSAGE_SENT, waba_uuid, None)
        .map(|webhook| {
            let mut payload = json!({
                "id": uuid,
                "uuid": uuid,
                "session_key": session_key,
                "message": message,
                "created_at": iso_naive(at),
                "remote_phone_number": to,
                "_2chat_link": live_chat_link(account, &session_key),
                "channel_phone_number": text("phone_number"),
                "sent_by": "api",
                "event": WABA_MESSAGE_SENT,
                "channel": {
                    "uuid": waba_uuid,
                    "friendly_name": text("friendly_name"),
                    "iso_country_code": text("iso_country_code"),
                    "verified_name": text("verified_name"),
                    "phone_number": text("phone_number"),
                    "connection_status": text("connection_status"),
                    "created_at": text("created_at"),
                    "updated_at": text("updated_at"),
                },
                "to_number": to,
            });
            if let (Some(obj), Some(contact)) = (payload.as_object_mut(), &contact) {
                obj.insert("contact".into(), contact.clone());
            }
            planned(webhook, payload)
        })
        .collect()
}
