//! Reading 2Chat's webhook deliveries. 2Chat sends a JSON object per event; its shape varies by
//! event family and by age (older payloads lack `event` and `channel_phone_number`, timestamps
//! come in several formats, `contact` may be absent or full of nulls). This module decides which
//! event a delivery is, checks the types of the fields it knows (naming the path of a wrong one),
//! and reads every timestamp it knows into epoch milliseconds. Nothing the sender sent is dropped:
//! callers keep the payload itself.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::events::EVENT_NAMES;
use crate::time;

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
    pub timestamps: Vec<(&'static str, f64)>,
}

impl Delivery {
    /// `created_at` in epoch milliseconds, when present and readable.
    pub fn created_at(&self) -> Option<f64> {
        self.timestamps.iter().find(|(p, _)| *p == "created_at").map(|(_, t)| *t)
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

/// The kinds of JSON values the checks distinguish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool,
    /// a number
    Number,
    /// a string
    String,
    /// an array
    Array,
    /// an object
    Object,
}

impl Kind {
    fn described(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// A parsed JSON value as the checks read it: a `serde_json` tree natively (tests, fuzzing), or
/// the object `JSON.parse` made in the wasm layer — so the payload is parsed once, by the engine,
/// and only the fields the checks know are looked at.
pub trait Json: Sized {
    /// What this value is.
    fn kind(&self) -> Kind;
    /// An object's member; `None` when absent.
    fn member(&self, key: &'static str) -> Option<Self>;
    /// The kind of an object's member without fetching it; `None` when absent.
    fn kind_at(&self, key: &'static str) -> Option<Kind> {
        self.member(key).map(|m| m.kind())
    }
    /// A string's content.
    fn text(&self) -> Option<String>;
    /// A number's value.
    fn number(&self) -> Option<f64>;
    /// An array's items.
    fn items(&self) -> Vec<Self>;
}

impl Json for &Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }
    fn member(&self, key: &'static str) -> Option<Self> {
        self.get(key)
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn items(&self) -> Vec<Self> {
        self.as_array().map(|a| a.iter().collect()).unwrap_or_default()
    }
}

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
pub fn inspect<J: Json>(value: J, hint: Option<&str>) -> Result<Delivery> {
    let root_kind = value.kind();
    if root_kind != Kind::Object {
        return Err(Error::invalid_webhook(
            "body",
            format_args!("must be a JSON object, got {}", root_kind.described()),
        ));
    }
    let event = text_at(&value, "", "event")?;
    let name = event.or_else(|| hint.map(str::to_string)).filter(|n| !n.is_empty());
    let known = name.as_deref().and_then(|n| EVENT_NAMES.iter().copied().find(|k| *k == n));
    let uuid = match text_at(&value, "", "uuid")? {
        Some(u) => Some(u),
        None => id_at(&value)?,
    };
    match known.map(family) {
        Some(Family::Message) => message_envelope(&value)?,
        Some(Family::GroupMembership) => group_membership(&value)?,
        Some(Family::Call) => call(&value)?,
        Some(Family::NumberStatus) => strings(&value, "", &["status", "qr_code"])?,
        Some(Family::Other) | None => {}
    }
    let mut timestamps = Vec::new();
    for path in TIMESTAMP_PATHS {
        let (parents, leaf) = match path.rsplit_once('.') {
            Some((p, l)) => (Some(p), l),
            None => (None, path),
        };
        let mut holder = None;
        if let Some(parents) = parents {
            let mut cur = value.member(parents.split('.').next().unwrap_or(""));
            for part in parents.split('.').skip(1) {
                cur = cur.and_then(|c| c.member(part));
            }
            match cur {
                Some(c) if c.kind() == Kind::Object => holder = Some(c),
                _ => continue,
            }
        }
        let owner = holder.as_ref().unwrap_or(&value);
        let ms = match owner.kind_at(leaf) {
            None | Some(Kind::Null) => continue,
            Some(Kind::String) => owner.member(leaf).and_then(|v| v.text()).and_then(|s| time::parse(&s)),
            Some(Kind::Number) => owner.member(leaf).and_then(|v| v.number()).and_then(time::from_number),
            Some(other) => {
                return Err(Error::invalid_webhook(
                    path,
                    format_args!("must be a timestamp (string or number), got {}", other.described()),
                ))
            }
        };
        if let Some(ms) = ms {
            timestamps.push((path, ms));
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

/// The wanted kinds of a known field.
#[derive(Clone, Copy)]
enum Want {
    Str,
    Num,
    Bool,
    StrOrNum,
}

impl Want {
    fn accepts(self, k: Kind) -> bool {
        matches!(
            (self, k),
            (Want::Str, Kind::String)
                | (Want::Num, Kind::Number)
                | (Want::Bool, Kind::Bool)
                | (Want::StrOrNum, Kind::String | Kind::Number)
        )
    }
    fn described(self) -> &'static str {
        match self {
            Want::Str => "a string",
            Want::Num => "a number",
            Want::Bool => "a boolean",
            Want::StrOrNum => "a string or a number",
        }
    }
}

/// Checks that `field`, when present and not null, is of the wanted kind.
fn check<J: Json>(node: &J, prefix: &str, field: &'static str, want: Want) -> Result<()> {
    match node.kind_at(field) {
        None | Some(Kind::Null) => Ok(()),
        Some(k) if want.accepts(k) => Ok(()),
        Some(k) => Err(Error::invalid_webhook(
            &path(prefix, field),
            format_args!("must be {}, got {}", want.described(), k.described()),
        )),
    }
}

/// A string field's content, checking its kind.
fn text_at<J: Json>(node: &J, prefix: &str, field: &'static str) -> Result<Option<String>> {
    check(node, prefix, field, Want::Str)?;
    Ok(match node.kind_at(field) {
        Some(Kind::String) => node.member(field).and_then(|v| v.text()),
        _ => None,
    })
}

/// The top-level `id` as a de-duplication key: a string as it is, a whole number (2Chat's
/// message records have integer ids) in decimal; anything else is not an id to remember.
fn id_at<J: Json>(node: &J) -> Result<Option<String>> {
    check(node, "", "id", Want::StrOrNum)?;
    Ok(match node.kind_at("id") {
        Some(Kind::String) => node.member("id").and_then(|v| v.text()),
        Some(Kind::Number) => node
            .member("id")
            .and_then(|v| v.number())
            .filter(|n| n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15)
            .map(|n| (n as i64).to_string()),
        _ => None,
    })
}

/// An object field, when present and not null.
fn object<J: Json>(node: &J, prefix: &str, field: &'static str) -> Result<Option<J>> {
    match node.kind_at(field) {
        None | Some(Kind::Null) => Ok(None),
        Some(Kind::Object) => Ok(node.member(field)),
        Some(k) => {
            Err(Error::invalid_webhook(&path(prefix, field), format_args!("must be an object, got {}", k.described())))
        }
    }
}

fn strings<J: Json>(node: &J, prefix: &str, fields: &[&'static str]) -> Result<()> {
    for f in fields {
        check(node, prefix, f, Want::Str)?;
    }
    Ok(())
}

fn contact<J: Json>(node: &J, prefix: &str) -> Result<()> {
    if let Some(c) = object(node, prefix, "contact")? {
        strings(
            &c,
            &path(prefix, "contact"),
            &["uuid", "first_name", "last_name", "name", "profile_pic_url", "channel_uuid"],
        )?;
    }
    Ok(())
}

/// The WhatsApp message envelope shared by message, receipt, reaction, order, conversation,
/// transcription and WABA events.
fn message_envelope<J: Json>(root: &J) -> Result<()> {
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
    if let Some(msg) = object(root, "", "message")? {
        check(&msg, "message", "text", Want::Str)?;
        if let Some(media) = object(&msg, "message", "media")? {
            strings(&media, "message.media", &["url", "type", "mime_type"])?;
        }
        if let Some(order) = object(&msg, "message", "order")? {
            check(&order, "message.order", "subtotal", Want::Num)?;
            check(&order, "message.order", "total", Want::Num)?;
            check(&order, "message.order", "currency", Want::Str)?;
            match order.kind_at("products") {
                None | Some(Kind::Null) => {}
                Some(Kind::Array) => {
                    let items = order.member("products").map(|p| p.items()).unwrap_or_default();
                    for (i, item) in items.iter().enumerate() {
                        let p = format!("message.order.products[{i}]");
                        let k = item.kind();
                        if k != Kind::Object {
                            return Err(Error::invalid_webhook(
                                &p,
                                format_args!("must be an object, got {}", k.described()),
                            ));
                        }
                        check(item, &p, "id", Want::StrOrNum)?;
                        strings(item, &p, &["name", "currency", "thumbnail_url"])?;
                        check(item, &p, "price", Want::Num)?;
                        check(item, &p, "quantity", Want::Num)?;
                    }
                }
                Some(k) => {
                    return Err(Error::invalid_webhook(
                        "message.order.products",
                        format_args!("must be an array, got {}", k.described()),
                    ))
                }
            }
        }
    }
    if let Some(channel) = object(root, "", "channel")? {
        strings(
            &channel,
            "channel",
            &["uuid", "friendly_name", "iso_country_code", "phone_number", "connection_status"],
        )?;
    }
    if let Some(participant) = object(root, "", "participant")? {
        strings(&participant, "participant", &["phone_number", "device", "pushname"])?;
    }
    contact(root, "")
}

fn group_membership<J: Json>(root: &J) -> Result<()> {
    strings(root, "", &["type", "channel_phone_number"])?;
    if let Some(p) = object(root, "", "participant")? {
        strings(&p, "participant", &["phone_number", "pushname"])?;
        contact(&p, "participant")?;
    }
    if let Some(g) = object(root, "", "group")? {
        strings(&g, "group", &["uuid", "wa_group_id", "wa_group_name"])?;
    }
    Ok(())
}

fn call<J: Json>(root: &J) -> Result<()> {
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
    check(root, "", "active", Want::Bool)?;
    check(root, "", "is_toll_free", Want::Bool)?;
    check(root, "", "duration", Want::Num)?;
    contact(root, "")?;
    if let Some(agent) = object(root, "", "agent")? {
        strings(&agent, "agent", &["uuid", "first_name", "last_name", "full_name"])?;
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

/// The longest delivery id remembered as it is; a longer one is remembered by its hash, so the
/// de-duplication memory is bounded in bytes whatever a sender puts in `uuid`.
pub const MAX_DEDUPE_KEY: usize = 64;

/// The key a delivery id is de-duplicated under: the id itself when it is at most
/// [`MAX_DEDUPE_KEY`] bytes, otherwise `#` and a 128-bit hash of it in hex (33 bytes). Only
/// deliveries that passed the token check get here, so the hash need not resist an attacker.
pub fn dedupe_key(id: &str) -> std::borrow::Cow<'_, str> {
    if id.len() <= MAX_DEDUPE_KEY {
        return std::borrow::Cow::Borrowed(id);
    }
    // Two FNV-1a passes with different offsets: 128 bits, no dependency.
    let fnv = |offset: u64| id.bytes().fold(offset, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    std::borrow::Cow::Owned(format!("#{:016x}{:016x}", fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142)))
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

    /// Checks a uuid and, when new, marks it in flight. Long uuids are remembered by their hash
    /// ([`dedupe_key`]).
    pub fn begin(&mut self, uuid: &str, now: f64) -> Seen {
        let uuid = &*dedupe_key(uuid);
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
        let uuid = &*dedupe_key(uuid);
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
        assert!(d.timestamps.contains(&("message.order.created_at", 1_710_021_608_000.0)), "epoch seconds");

        let (_, d) = parse_bytes(&fixture("whatsapp.waba.message.sent"), None).unwrap();
        assert_eq!(d.known, Some("whatsapp.waba.message.sent"), "named by its own event field");
        assert!(d.timestamps.iter().any(|(p, _)| *p == "channel.created_at"), "YYYY-MM-DD HH:MM:SS");
        assert!(d.timestamps.iter().any(|(p, _)| *p == "contact.last_updated"));
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
    fn a_numeric_top_level_id_is_a_delivery_id_not_an_error() {
        // 2Chat's message records have integer ids; a delivery carrying one must not be refused.
        let d = inspect(&json!({"event": "whatsapp.message.received", "id": 1_234_567}), None).unwrap();
        assert_eq!(d.uuid.as_deref(), Some("1234567"));
        let d = inspect(&json!({"event": "whatsapp.message.received", "id": 2.5}), None).unwrap();
        assert_eq!(d.uuid, None, "not a whole number: nothing to de-duplicate on");
        let d = inspect(&json!({"id": 7, "uuid": "MSG1"}), Some("whatsapp.message.sent")).unwrap();
        assert_eq!(d.uuid.as_deref(), Some("MSG1"), "uuid first");
        assert!(inspect(&json!({"id": [1]}), None)
            .unwrap_err()
            .message
            .starts_with("id: must be a string or a number"));
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
    fn dedupe_memory_is_bounded_in_bytes() {
        let mut d = Dedupe::new(60_000.0, 10);
        let long = "u".repeat(512 * 1024);
        assert_eq!(d.begin(&long, 0.0), Seen::New);
        d.finish(&long, true, 1.0);
        assert_eq!(d.begin(&long, 2.0), Seen::Handled, "the same long uuid is still recognised");
        let other = format!("{}v", "u".repeat(512 * 1024 - 1));
        assert_eq!(d.begin(&other, 3.0), Seen::New, "a different long uuid is not");
        let stored: usize = d.done.iter().map(|(u, _)| u.len()).sum();
        assert!(stored <= 10 * MAX_DEDUPE_KEY, "{stored} bytes remembered");
        assert_eq!(dedupe_key("MSG-short"), "MSG-short");
        assert_eq!(dedupe_key(&long).len(), 33);
    }

    #[test]
    fn every_event_name_has_a_family() {
        for name in EVENT_NAMES {
            let f = family(name);
            assert!(name.starts_with("call.") == (f == Family::Call), "{name}");
        }
    }
}
