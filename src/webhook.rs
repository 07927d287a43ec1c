//! Reading 2Chat's webhook deliveries. 2Chat sends a JSON object per event; its shape varies by
//! event family and by age (older payloads lack `event` and `channel_phone_number`, timestamps
//! come in several formats, `contact` may be absent or full of nulls). This module decides which
//! event a delivery is, checks the types of the fields it knows (naming the path of a wrong one),
//! and reads every timestamp it knows into epoch milliseconds. Nothing the sender sent is dropped:
//! callers keep the payload itself.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::events::EVENT_NAMES;
use crate::time;
use crate::validate::type_name;

/// The families of events, which share a payload shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// The WhatsApp message envelope (`session_key`, `message`, `remote_phone_number`…).
    Message,
    /// Group membership changes (join, leave, remove).
    GroupMembership,
    /// Phone calls (`call.*`): call detail records.
    Call,
    /// Channel status (`whatsapp.number.status`).
    NumberStatus,
    /// Anything else: only the common fields are checked.
    Other,
}

/// The family of a known event name.
pub fn family(name: &str) -> Family {
    match name {
        "whatsapp.group.join" | "whatsapp.group.leave" | "whatsapp.group.remove" => Family::GroupMembership,
        "whatsapp.number.status" => Family::NumberStatus,
        "whatsapp.call.received" | "whatsapp.call.made" => Family::Other,
        n if n.starts_with("call.") => Family::Call,
        n if n.starts_with("whatsapp.") => Family::Message,
        _ => Family::Other,
    }
}

/// What a delivery is.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// The event name as 2Chat (or the route) named it, if anyone did.
    pub name: Option<String>,
    /// The canonical name when it is one of the 27 known events.
    pub known: Option<&'static str>,
    /// The payload's `uuid` (or `id`), for de-duplication.
    pub uuid: Option<String>,
    /// Every known timestamp field present, by its path, in epoch milliseconds.
    pub timestamps: Vec<(String, f64)>,
}

impl Delivery {
    /// `created_at` in epoch milliseconds, when present and readable.
    pub fn created_at(&self) -> Option<f64> {
        self.timestamps.iter().find(|(p, _)| p == "created_at").map(|(_, t)| *t)
    }
}

/// Where timestamps may be found, by family.
const TIMESTAMP_PATHS: [&str; 11] = [
    "created_at",
    "updated_at",
    "timestamp",
    "start_time",
    "end_time",
    "message.order.created_at",
    "channel.created_at",
    "channel.updated_at",
    "contact.last_updated",
    "group.created_at",
    "participant.created_at",
];

/// Parses a delivery's raw bytes. `hint` is the event name the route or the caller knows.
pub fn parse_bytes(bytes: &[u8], hint: Option<&str>) -> Result<(Value, Delivery)> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| Error::invalid_webhook("body", format_args!("is not UTF-8 ({e})")))?;
    let value = parse_json(text)?;
    let d = inspect(&value, hint)?;
    Ok((value, d))
}

/// Parses JSON text into a value, with 2Chat-specific messages.
pub fn parse_json(text: &str) -> Result<Value> {
    if text.trim().is_empty() {
        return Err(Error::invalid_webhook("body", "is empty"));
    }
    serde_json::from_str(text).map_err(|e| Error::invalid_webhook("body", format_args!("is not JSON ({e})")))
}

/// Checks a parsed payload and describes it.
pub fn inspect(value: &Value, hint: Option<&str>) -> Result<Delivery> {
    let Value::Object(root) = value else {
        return Err(Error::invalid_webhook("body", format_args!("must be a JSON object, got {}", type_name(value))));
    };
    let event = opt_str(root, "", "event")?;
    let name = event.or(hint).filter(|n| !n.is_empty()).map(str::to_string);
    let known = name.as_deref().and_then(|n| EVENT_NAMES.iter().copied().find(|k| *k == n));
    let id = opt_str(root, "", "id")?;
    let uuid = opt_str(root, "", "uuid")?.or(id).map(str::to_string);
    match known.map(family) {
        Some(Family::Message) => message_envelope(root)?,
        Some(Family::GroupMembership) => group_membership(root)?,
        Some(Family::Call) => call(root)?,
        Some(Family::NumberStatus) => {
            opt_str(root, "", "status")?;
            opt_str(root, "", "qr_code")?;
        }
        Some(Family::Other) | None => {}
    }
    let mut timestamps = Vec::new();
    for path in TIMESTAMP_PATHS {
        let mut cur = value;
        let mut found = true;
        for part in path.split('.') {
            match cur.get(part) {
                Some(v) => cur = v,
                None => {
                    found = false;
                    break;
                }
            }
        }
        if !found || cur.is_null() {
            continue;
        }
        match cur {
            Value::String(_) | Value::Number(_) => {
                if let Some(ms) = time::to_epoch_ms(cur) {
                    timestamps.push((path.to_string(), ms));
                }
            }
            other => {
                return Err(Error::invalid_webhook(
                    path,
                    format_args!("must be a timestamp (string or number), got {}", type_name(other)),
                ))
            }
        }
    }
    Ok(Delivery { name, known, uuid, timestamps })
}

fn path(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

fn opt_str<'a>(m: &'a Map<String, Value>, prefix: &str, field: &str) -> Result<Option<&'a str>> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(Error::invalid_webhook(
            &path(prefix, field),
            format_args!("must be a string, got {}", type_name(other)),
        )),
    }
}

fn opt_kind(m: &Map<String, Value>, prefix: &str, field: &str, ok: fn(&Value) -> bool, want: &str) -> Result<()> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(()),
        Some(v) if ok(v) => Ok(()),
        Some(other) => {
            Err(Error::invalid_webhook(&path(prefix, field), format_args!("must be {want}, got {}", type_name(other))))
        }
    }
}

fn opt_obj<'a>(m: &'a Map<String, Value>, prefix: &str, field: &str) -> Result<Option<&'a Map<String, Value>>> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(other) => Err(Error::invalid_webhook(
            &path(prefix, field),
            format_args!("must be an object, got {}", type_name(other)),
        )),
    }
}

fn strings(m: &Map<String, Value>, prefix: &str, fields: &[&str]) -> Result<()> {
    for f in fields {
        opt_str(m, prefix, f)?;
    }
    Ok(())
}

fn number(v: &Value) -> bool {
    v.is_number()
}

fn boolean(v: &Value) -> bool {
    v.is_boolean()
}

fn contact(m: &Map<String, Value>, prefix: &str) -> Result<()> {
    if let Some(c) = opt_obj(m, prefix, "contact")? {
        let p = path(prefix, "contact");
        strings(c, &p, &["uuid", "first_name", "last_name", "name", "profile_pic_url", "channel_uuid"])?;
    }
    Ok(())
}

/// The WhatsApp message envelope shared by message, receipt, reaction, order, conversation,
/// transcription and WABA events.
fn message_envelope(root: &Map<String, Value>) -> Result<()> {
    strings(
        root,
        "",
        &[
            "session_key",
            "remote_phone_number",
            "channel_phone_number",
            "sent_by",
            "to_number",
            "_2chat_link",
            "time_period",
            "to_group_uuid",
        ],
    )?;
    if let Some(msg) = opt_obj(root, "", "message")? {
        opt_str(msg, "message", "text")?;
        if let Some(media) = opt_obj(msg, "message", "media")? {
            strings(media, "message.media", &["url", "type", "mime_type"])?;
        }
        if let Some(order) = opt_obj(msg, "message", "order")? {
            opt_kind(order, "message.order", "subtotal", number, "a number")?;
            opt_kind(order, "message.order", "total", number, "a number")?;
            opt_str(order, "message.order", "currency")?;
            if let Some(products) = order.get("products").filter(|v| !v.is_null()) {
                let Value::Array(items) = products else {
                    return Err(Error::invalid_webhook(
                        "message.order.products",
                        format_args!("must be an array, got {}", type_name(products)),
                    ));
                };
                for (i, item) in items.iter().enumerate() {
                    let p = format!("message.order.products[{i}]");
                    let Value::Object(prod) = item else {
                        return Err(Error::invalid_webhook(
                            &p,
                            format_args!("must be an object, got {}", type_name(item)),
                        ));
                    };
                    opt_kind(prod, &p, "id", |v| v.is_string() || v.is_number(), "a string or a number")?;
                    strings(prod, &p, &["name", "currency", "thumbnail_url"])?;
                    opt_kind(prod, &p, "price", number, "a number")?;
                    opt_kind(prod, &p, "quantity", number, "a number")?;
                }
            }
        }
    } else if let Some(m) = root.get("message").filter(|v| !v.is_null() && !v.is_object()) {
        return Err(Error::invalid_webhook("message", format_args!("must be an object, got {}", type_name(m))));
    }
    if let Some(channel) = opt_obj(root, "", "channel")? {
        strings(
            channel,
            "channel",
            &["uuid", "friendly_name", "iso_country_code", "phone_number", "connection_status"],
        )?;
    }
    if let Some(participant) = opt_obj(root, "", "participant")? {
        strings(participant, "participant", &["phone_number", "device", "pushname"])?;
    }
    contact(root, "")
}

fn group_membership(root: &Map<String, Value>) -> Result<()> {
    opt_str(root, "", "type")?;
    opt_str(root, "", "channel_phone_number")?;
    if let Some(p) = opt_obj(root, "", "participant")? {
        strings(p, "participant", &["phone_number", "pushname"])?;
        contact(p, "participant")?;
    }
    if let Some(g) = opt_obj(root, "", "group")? {
        strings(g, "group", &["uuid", "wa_group_id", "wa_group_name"])?;
    }
    Ok(())
}

fn call(root: &Map<String, Value>) -> Result<()> {
    strings(
        root,
        "",
        &[
            "account_uuid",
            "callid",
            "direction",
            "from",
            "iso_country_code",
            "received_on_number",
            "received_on_number_uuid",
            "status",
            "recording_url",
            "to_number",
        ],
    )?;
    opt_kind(root, "", "active", boolean, "a boolean")?;
    opt_kind(root, "", "is_toll_free", boolean, "a boolean")?;
    opt_kind(root, "", "duration", number, "a number")?;
    contact(root, "")?;
    if let Some(agent) = opt_obj(root, "", "agent")? {
        strings(agent, "agent", &["uuid", "first_name", "last_name", "full_name"])?;
    }
    Ok(())
}

/// Compares two byte strings in time that depends only on their lengths, so a wrong token
/// reveals nothing about the right one through timing.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= usize::from(x ^ y);
    }
    diff == 0
}

/// Remembers recently handled delivery uuids, for a bounded time and in bounded number.
#[derive(Debug, Default)]
pub struct Dedupe {
    window_ms: f64,
    capacity: usize,
    done: std::collections::VecDeque<(String, f64)>,
    in_flight: Vec<String>,
}

/// What to do with a delivery, given its uuid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// Not seen: handle it.
    New,
    /// Already handled within the window: acknowledge without running handlers.
    Handled,
    /// Being handled right now by another request.
    InFlight,
}

impl Dedupe {
    /// A memory of `capacity` uuids for `window_ms`.
    pub fn new(window_ms: f64, capacity: usize) -> Self {
        Dedupe { window_ms, capacity, done: Default::default(), in_flight: Vec::new() }
    }

    fn expire(&mut self, now: f64) {
        while self.done.front().is_some_and(|(_, at)| now - at > self.window_ms) {
            self.done.pop_front();
        }
        while self.done.len() > self.capacity {
            self.done.pop_front();
        }
    }

    /// Checks a uuid and, when new, marks it in flight.
    pub fn begin(&mut self, uuid: &str, now: f64) -> Seen {
        self.expire(now);
        if self.done.iter().any(|(u, _)| u == uuid) {
            Seen::Handled
        } else if self.in_flight.iter().any(|u| u == uuid) {
            Seen::InFlight
        } else {
            self.in_flight.push(uuid.to_string());
            Seen::New
        }
    }

    /// Ends handling: remembered as handled on success, forgotten on failure (so a retry runs).
    pub fn finish(&mut self, uuid: &str, ok: bool, now: f64) {
        self.in_flight.retain(|u| u != uuid);
        if ok {
            self.done.push_back((uuid.to_string(), now));
            self.expire(now);
        }
    }

    /// How many uuids are remembered.
    pub fn len(&self) -> usize {
        self.done.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../shared/fixtures/webhooks/{name}.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn fixtures_parse_with_their_route_name() {
        let (_, d) =
            parse_bytes(&fixture("whatsapp.message.received.media"), Some("whatsapp.message.received")).unwrap();
        assert_eq!(d.known, Some("whatsapp.message.received"));
        assert_eq!(d.uuid.as_deref(), Some("MSGcf20bbdb-0a8a-4eef-bca1-aa2ea22c5294"));
        assert_eq!(d.created_at(), Some(1_681_856_270_000.0));

        let (_, d) = parse_bytes(&fixture("whatsapp.order.received"), Some("whatsapp.order.received")).unwrap();
        assert_eq!(d.created_at(), Some(1_710_021_608_000.0), "ISO without a zone, read as UTC");
        assert!(d.timestamps.contains(&("message.order.created_at".to_string(), 1_710_021_608_000.0)), "epoch seconds");

        let (_, d) = parse_bytes(&fixture("whatsapp.waba.message.sent"), None).unwrap();
        assert_eq!(d.known, Some("whatsapp.waba.message.sent"), "named by its own event field");
        assert!(d.timestamps.iter().any(|(p, _)| p == "channel.created_at"), "YYYY-MM-DD HH:MM:SS");
        assert!(d.timestamps.iter().any(|(p, _)| p == "contact.last_updated"));
    }

    #[test]
    fn unknown_names_are_not_errors() {
        let d =
            inspect(&json!({"event": "whatsapp.message.teleported", "uuid": "MSG1", "weird": [1, {"x": null}]}), None)
                .unwrap();
        assert_eq!((d.name.as_deref(), d.known), (Some("whatsapp.message.teleported"), None));
        let d = inspect(&json!({"uuid": "MSG1"}), None).unwrap();
        assert_eq!((d.name, d.known), (None, None));
    }

    #[test]
    fn wrong_types_name_their_path() {
        let cases = [
            (json!({"message": {"text": 5}}), "message.text: must be a string"),
            (json!({"message": "hi"}), "message: must be an object"),
            (json!({"message": {"media": {"url": ["x"]}}}), "message.media.url: must be a string"),
            (json!({"contact": {"first_name": 1}}), "contact.first_name: must be a string"),
            (json!({"contact": "Ana"}), "contact: must be an object"),
            (json!({"created_at": {"at": 1}}), "created_at: must be a timestamp"),
            (
                json!({"message": {"order": {"products": [{"price": "1"}]}}}),
                "message.order.products[0].price: must be a number",
            ),
            (json!({"event": 7}), "event: must be a string"),
            (json!({"uuid": 7}), "uuid: must be a string"),
        ];
        for (payload, want) in cases {
            let e = inspect(&payload, Some("whatsapp.message.received")).unwrap_err();
            assert_eq!(e.code.as_str(), "invalid_webhook");
            assert!(e.message.starts_with(want), "{payload} -> {}", e.message);
        }
        let e = inspect(&json!({"duration": "42"}), Some("call.incoming.completed")).unwrap_err();
        assert!(e.message.starts_with("duration: must be a number"), "{}", e.message);
    }

    #[test]
    fn tolerant_of_nulls_and_absent_fields() {
        for payload in [
            json!({}),
            json!({"contact": null}),
            json!({"contact": {"first_name": null, "last_name": null}}),
            json!({"created_at": null, "updated_at": 0}),
        ] {
            inspect(&payload, Some("whatsapp.message.received")).unwrap();
        }
    }

    #[test]
    fn bad_bodies() {
        for (bytes, want) in [
            (&b""[..], "body: is empty"),
            (b"{\"a\":", "body: is not JSON"),
            (b"[1]", "body: must be a JSON object"),
            (b"\xff\xfe", "body: is not UTF-8"),
            (b"42", "body: must be a JSON object"),
        ] {
            let e = parse_bytes(bytes, None).unwrap_err();
            assert!(e.message.starts_with(want), "{:?} -> {}", bytes, e.message);
        }
    }

    #[test]
    fn very_long_texts_and_any_unicode() {
        let text = "👋 ñ 中文 \u{0000} ".repeat(50_000);
        let body =
            serde_json::to_vec(&json!({"event": "whatsapp.message.received", "message": {"text": text}})).unwrap();
        let (v, _) = parse_bytes(&body, None).unwrap();
        assert_eq!(v["message"]["text"].as_str().map(str::len), Some(text.len()));
    }

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq(b"secret-token", b"secret-token"));
        assert!(!constant_time_eq(b"secret-token", b"secret-tokeN"));
        assert!(!constant_time_eq(b"secret", b"secret-token"));
        assert!(!constant_time_eq(b"", b"x"));
        assert!(constant_time_eq(b"", b""));
    }

    #[test]
    fn dedupe_window_and_capacity() {
        let mut d = Dedupe::new(1000.0, 2);
        assert_eq!(d.begin("a", 0.0), Seen::New);
        assert_eq!(d.begin("a", 1.0), Seen::InFlight);
        d.finish("a", true, 2.0);
        assert_eq!(d.begin("a", 3.0), Seen::Handled);
        assert_eq!(d.begin("b", 4.0), Seen::New);
        d.finish("b", false, 5.0);
        assert_eq!(d.begin("b", 6.0), Seen::New, "a failed delivery runs again");
        d.finish("b", true, 7.0);
        assert_eq!(d.begin("c", 8.0), Seen::New);
        d.finish("c", true, 9.0);
        assert_eq!(d.len(), 2, "bounded");
        assert_eq!(d.begin("a", 2000.0), Seen::New, "expired");
    }

    #[test]
    fn every_event_name_has_a_family() {
        for name in EVENT_NAMES {
            let f = family(name);
            assert!(name.starts_with("call.") == (f == Family::Call), "{name}");
        }
    }
}
