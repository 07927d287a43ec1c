//! Reading 2Chat's webhook deliveries. 2Chat sends a JSON object per event; its shape varies by
//! event family and by age (older payloads lack `event` and `channel_phone_number`, timestamps
//! come in several formats, `contact` may be absent or full of nulls). This module decides which
//! event a delivery is, checks the types of the fields it knows (naming the path of a wrong one),
//! and reads every timestamp it knows into epoch milliseconds. Nothing the sender sent is dropped:
//! callers keep the payload itself.

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
pub use crate::json::{Json, Kind};
use crate::table::{Shape, Ty, EVENTS, UNKNOWN_PAYLOAD};
use crate::time;

/// What a delivery is.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// The event name as 2Chat (or the route) named it, if anyone did.
    pub name: Option<String>,
    /// The canonical name when it is one of the 27 known events.
    pub known: Option<&'static str>,
    /// The payload's `uuid` (or `id`), for de-duplication.
    pub uuid: Option<String>,
    /// Every declared timestamp field present and readable, by its path, in epoch milliseconds.
    pub timestamps: Vec<(String, f64)>,
}

impl Delivery {
    /// `created_at` in epoch milliseconds, when present and readable.
    pub fn created_at(&self) -> Option<f64> {
        self.timestamps.iter().find(|(p, _)| p == "created_at").map(|(_, t)| *t)
    }
}

include!(concat!(env!("OUT_DIR"), "/payload.rs"));

/// A webhook delivery, checked and typed: what [`parse`] gives.
///
/// ```
/// use twochat::webhook::{parse, Payload};
///
/// let body = br#"{"event":"whatsapp.message.received","uuid":"MSG1","created_at":"2023-04-17T18:50:50Z",
///                 "message":{"text":"hi"},"remote_phone_number":"+5215512345432"}"#;
/// let event = parse(body, None)?;
/// assert_eq!(event.name(), "whatsapp.message.received");
/// assert_eq!(event.uuid(), Some("MSG1"));
/// assert_eq!(event.created_at_ms(), Some(1681757450000.0));
/// match &event.payload {
///     Payload::MessageReceived(m) => {
///         assert_eq!(m.message.as_ref().and_then(|m| m.text.as_deref()), Some("hi"));
///     }
///     other => panic!("unexpected payload {other:?}"),
/// }
/// # Ok::<(), twochat::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    name: Option<String>,
    known: Option<&'static str>,
    uuid: Option<String>,
    /// The payload, typed by the event name; every field the sender sent is kept.
    pub payload: Payload,
    /// Every declared timestamp present and readable, by its dotted path, in epoch milliseconds
    /// (UTC), whatever format 2Chat used.
    pub timestamps: Vec<(String, f64)>,
}

impl Event {
    /// The event name 2Chat (or the hint) gave, or `"unknown"` when nobody named it.
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("unknown")
    }

    /// The canonical name when it is one of the events this version knows (and types).
    pub fn known(&self) -> Option<&'static str> {
        self.known
    }

    /// The payload's `uuid` (or whole-number `id`): the key to de-duplicate redeliveries by.
    pub fn uuid(&self) -> Option<&str> {
        self.uuid.as_deref()
    }

    /// `created_at` in epoch milliseconds, when present and readable.
    pub fn created_at_ms(&self) -> Option<f64> {
        self.timestamps.iter().find(|(p, _)| p == "created_at").map(|(_, t)| *t)
    }
}

/// Parses a delivery's raw body into a typed [`Event`]. `hint` names the event when the payload
/// has no `event` field (older payloads don't; a router knows it from the URL). An event name
/// this version does not know gives [`Payload::Unknown`], never an error; a body that is not a
/// JSON object, or a known field of the wrong type, is an [`Error`] with code
/// [`InvalidWebhook`](crate::ErrorCode::InvalidWebhook) naming the field's path.
pub fn parse(body: impl AsRef<[u8]>, hint: Option<&str>) -> Result<Event> {
    let (value, d) = parse_bytes(body.as_ref(), hint)?;
    event(value, d)
}

/// [`parse`] for a payload already parsed as JSON.
pub fn from_value(value: Value, hint: Option<&str>) -> Result<Event> {
    let d = inspect(&value, hint)?;
    event(value, d)
}

fn event(value: Value, d: Delivery) -> Result<Event> {
    let payload = match d.known {
        Some(name) => Payload::from_value(name, value)
            .map_err(|e| Error::invalid_webhook("body", format_args!("does not fit the `{name}` payload ({e})")))?,
        None => Payload::Unknown(value),
    };
    Ok(Event { name: d.name, known: d.known, uuid: d.uuid, payload, timestamps: d.timestamps })
}

/// Checks a delivery's token in constant time: `url_or_query` is the hook URL the delivery came
/// to (or just its query string), `expected` the token the subscription's URL carries
/// (`?token=…`). False when the token is missing or different.
///
/// ```
/// use twochat::webhook::verify_token;
/// assert!(verify_token("https://hooks.example.com/2chat?token=s3cr%2Bt", "s3cr+t"));
/// assert!(!verify_token("https://hooks.example.com/2chat?token=guess", "s3cr+t"));
/// assert!(!verify_token("https://hooks.example.com/2chat", "s3cr+t"));
/// ```
pub fn verify_token(url_or_query: &str, expected: &str) -> bool {
    let query = url_or_query.split_once('?').map_or(url_or_query, |(_, q)| q);
    match query_param(query, "token") {
        Some(given) => !expected.is_empty() && constant_time_eq(given.as_bytes(), expected.as_bytes()),
        None => false,
    }
}

/// The first value of `name` in a query string (without its `?`), percent-decoded.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    let query = query.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k) == name).then(|| percent_decode(v))
    })
}

/// Decodes `%XX` escapes and `+` (a space, in a query string); invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b, bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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

/// Checks a parsed payload against the declared payload of its event (see `twochat-spec`'s
/// `events`) and describes it. A declared field that is present and not `null` must have its
/// declared kind; fields not declared are never looked at. An unknown event name is not an error:
/// only the fields every event shares are checked.
pub fn inspect<J: Json>(value: J, hint: Option<&str>) -> Result<Delivery> {
    let root_kind = value.kind();
    if root_kind != Kind::Object {
        return Err(Error::invalid_webhook(
            "body",
            format_args!("must be a JSON object, got {}", root_kind.described()),
        ));
    }
    let event = match value.kind_at("event") {
        None | Some(Kind::Null) => None,
        Some(Kind::String) => value.member("event").and_then(|v| v.text()),
        Some(k) => return Err(Error::invalid_webhook("event", format_args!("must be a string, got {}", k.described()))),
    };
    let name = event.or_else(|| hint.map(str::to_string)).filter(|n| !n.is_empty());
    let spec = name.as_deref().and_then(|n| EVENTS.iter().find(|e| e.name == n));
    let known = spec.map(|e| e.name);
    // An unknown name is checked as an undocumented event: only the shared fields.
    let shape = spec.map_or(UNKNOWN_PAYLOAD, |e| e.payload);
    let mut timestamps = Vec::new();
    walk(&value, shape, "", &mut timestamps)?;
    let uuid = match value.member("uuid").filter(|v| v.kind() == Kind::String).and_then(|v| v.text()) {
        Some(u) => Some(u),
        None => id(&value),
    };
    Ok(Delivery { name, known, uuid, timestamps })
}

/// The top-level `id` as a de-duplication key: a string as it is, a whole number (2Chat's message
/// records have integer ids) in decimal; anything else is not an id to remember.
fn id<J: Json>(node: &J) -> Option<String> {
    let v = node.member("id")?;
    match v.kind() {
        Kind::String => v.text(),
        Kind::Number => v.number().and_then(crate::json::whole).map(|n| n.to_string()),
        _ => None,
    }
}

fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

/// Checks the declared fields of `node` and collects its timestamps.
fn walk<J: Json>(node: &J, shape: &Shape, prefix: &str, ts: &mut Vec<(String, f64)>) -> Result<()> {
    for f in shape.fields {
        let Some(kind) = node.kind_at(f.name) else { continue };
        if kind == Kind::Null {
            continue;
        }
        value(node, f.name, &f.ty, kind, prefix, ts)?;
    }
    Ok(())
}

fn wanted(ty: &Ty) -> &'static str {
    match ty {
        Ty::Str(_) | Ty::Enum(_) => "a string",
        Ty::Int(..) | Ty::Num => "a number",
        Ty::Bool => "a boolean",
        Ty::Id => "a string or a number",
        Ty::Ts => "a timestamp (string or number)",
        Ty::Array(..) => "an array",
        Ty::Obj(_) | Ty::Map(_) => "an object",
        Ty::Nullable(inner) => wanted(inner),
        Ty::OneOf(_) | Ty::Any => "a value",
    }
}

fn accepts(ty: &Ty, kind: Kind) -> bool {
    match ty {
        Ty::Str(_) | Ty::Enum(_) => kind == Kind::String,
        Ty::Int(..) | Ty::Num => kind == Kind::Number,
        Ty::Bool => kind == Kind::Bool,
        Ty::Id | Ty::Ts => matches!(kind, Kind::String | Kind::Number),
        Ty::Array(..) => kind == Kind::Array,
        Ty::Obj(_) | Ty::Map(_) => kind == Kind::Object,
        Ty::Nullable(inner) => kind == Kind::Null || accepts(inner, kind),
        Ty::OneOf(tys) => tys.iter().any(|t| accepts(t, kind)),
        Ty::Any => true,
    }
}

/// Checks the member `name` of `node`, of kind `kind`, against `ty`.
fn value<J: Json>(node: &J, name: &str, ty: &Ty, kind: Kind, prefix: &str, ts: &mut Vec<(String, f64)>) -> Result<()> {
    if !accepts(ty, kind) {
        return Err(Error::invalid_webhook(
            &join(prefix, name),
            format_args!("must be {}, got {}", wanted(ty), kind.described()),
        ));
    }
    match ty {
        Ty::Nullable(inner) => value(node, name, inner, kind, prefix, ts),
        Ty::Ts => {
            let ms = match kind {
                Kind::String => node.member(name).and_then(|v| v.text()).and_then(|s| time::parse(&s)),
                _ => node.member(name).and_then(|v| v.number()).and_then(time::from_number),
            };
            if let Some(ms) = ms {
                ts.push((join(prefix, name), ms));
            }
            Ok(())
        }
        Ty::Obj(shape) => match node.member(name) {
            Some(child) => walk(&child, shape, &join(prefix, name), ts),
            None => Ok(()),
        },
        Ty::Array(of, _, _) => {
            let Some(list) = node.member(name) else { return Ok(()) };
            let path = join(prefix, name);
            for (i, item) in list.items().iter().enumerate() {
                let k = item.kind();
                if k == Kind::Null {
                    continue;
                }
                let at = format!("{path}[{i}]");
                if !accepts(of, k) {
                    return Err(Error::invalid_webhook(&at, format_args!("must be {}, got {}", wanted(of), k.described())));
                }
                if let Ty::Obj(shape) = of {
                    walk(item, shape, &at, ts)?;
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
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
        assert!(d.timestamps.contains(&("message.order.created_at".to_string(), 1_710_021_608_000.0)), "epoch seconds");

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
        // (Every check below comes from the event's declared payload in twochat-spec.)
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
            assert_eq!(e.code().as_str(), "invalid_webhook");
            assert!(e.message().starts_with(want), "{payload} -> {}", e.message());
        }
        let e = inspect(&json!({"duration": "42"}), Some("call.incoming.completed")).unwrap_err();
        assert!(e.message().starts_with("duration: must be a number"), "{}", e.message());
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
            .message()
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
            assert!(e.message().starts_with(want), "{:?} -> {}", bytes, e.message());
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
        // "a" was the oldest: the third uuid pushed it out, long before its window ended.
        assert_eq!(d.begin("a", 10.0), Seen::New, "evicted by capacity");
    }

    #[test]
    fn dedupe_forgets_after_its_window_and_not_before() {
        let mut d = Dedupe::new(1000.0, 100);
        assert_eq!(d.begin("a", 0.0), Seen::New);
        d.finish("a", true, 10.0);
        assert_eq!(d.begin("a", 1009.0), Seen::Handled, "still inside the window (handled at 10)");
        assert_eq!(d.begin("a", 1011.0), Seen::New, "the window has passed");
        assert_eq!(d.len(), 0, "the expired entry is gone, not just skipped");
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
    fn every_event_has_a_declared_payload() {
        assert_eq!(EVENTS.len(), 27);
        for e in EVENTS.iter() {
            assert!(e.payload.fields.iter().any(|f| f.name == "uuid"), "{}", e.name);
        }
    }
}
