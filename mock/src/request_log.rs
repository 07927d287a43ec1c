//! What the SDK sent: every non-OPTIONS request to a 2Chat path, in arrival order.
//!
//! The API key is never stored in clear: the `X-User-API-Key` header is logged as `[redacted]`,
//! every occurrence of the request's key in the path, query, other headers and body becomes
//! `[redacted]`, and entries are filed under a keyed, non-reversible fingerprint of the key, so
//! `?api_key=K` still selects exactly K's requests without the log holding K.
//!
//! The log is bounded in entries ([`MAX_ENTRIES`]) and in bytes (`--log-max-bytes`, default
//! [`DEFAULT_MAX_BYTES`]); past either, the oldest entries go first. A body longer than
//! [`MAX_BODY_BYTES`] is kept truncated, with `body_truncated: true` and `body: null`.

use std::collections::VecDeque;
use std::hash::{BuildHasher, RandomState};
use std::sync::OnceLock;

use axum::http::HeaderMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::auth::API_KEY_HEADER;

/// At most this many entries are kept (over all keys); the oldest go first. Keeps a long-running
/// demo server from growing without bound.
pub const MAX_ENTRIES: usize = 10_000;

/// The default byte budget of the whole log (32 MiB): the sum over entries of body text, path,
/// query and header names and values.
pub const DEFAULT_MAX_BYTES: usize = 32 << 20;

/// A logged body is cut at this many bytes (64 KiB).
pub const MAX_BODY_BYTES: usize = 64 << 10;

/// What replaces the API key wherever it would be logged.
pub const REDACTED: &str = "[redacted]";

/// A fingerprint of an API key: SipHash under a random key drawn once per process, so it is
/// stable while the mock runs, cannot be reversed, and cannot be precomputed for a guessed key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyFingerprint(u64);

impl KeyFingerprint {
    /// The fingerprint of `api_key`; `None` for a request without a key (or with an empty one).
    pub fn of(api_key: &str) -> Option<KeyFingerprint> {
        static HASHER: OnceLock<RandomState> = OnceLock::new();
        (!api_key.is_empty()).then(|| KeyFingerprint(HASHER.get_or_init(RandomState::new).hash_one(api_key)))
    }

    /// How the control API shows it: the first 12 hex digits. Filtering compares all 64 bits.
    pub fn short(self) -> String {
        let mut hex = format!("{:016x}", self.0);
        hex.truncate(12);
        hex
    }
}

impl Serialize for KeyFingerprint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.short())
    }
}

/// One recorded request.
#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    /// Which key the request carried, as a fingerprint (null if none); requests with a wrong key
    /// are logged under theirs.
    pub api_key_fingerprint: Option<KeyFingerprint>,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path exactly as received, still percent-encoded (a literal `+` stays a `+`; a trailing
    /// slash stays), with the key redacted.
    pub path: String,
    /// The raw query string, or null.
    pub query: Option<String>,
    /// Lower-cased header names to values (repeated headers joined with `, `); the value of
    /// `x-user-api-key` is `[redacted]`.
    pub headers: Map<String, Value>,
    /// The body parsed as JSON, or null when empty, not JSON or truncated.
    pub body: Value,
    /// The body as text (lossy UTF-8), at most [`MAX_BODY_BYTES`].
    pub body_text: String,
    /// Whether `body_text` was cut at [`MAX_BODY_BYTES`].
    pub body_truncated: bool,
    /// What the mock answered; null while pending and for `hang`/`drop` faults.
    pub status: Option<u16>,
    /// The id of the endpoint-table row the request matched, or null.
    pub endpoint: Option<u8>,
    /// What the entry counts against the byte budget.
    #[serde(skip)]
    size: usize,
}

/// `text` with every occurrence of `key` replaced by [`REDACTED`] (unchanged for an empty key).
fn redact(text: &str, key: &str) -> String {
    if key.is_empty() {
        text.to_owned()
    } else {
        text.replace(key, REDACTED)
    }
}

/// Redacts `key` in every string and object member name of a JSON value.
fn redact_value(value: Value, key: &str) -> Value {
    match value {
        Value::String(s) if !key.is_empty() && s.contains(key) => Value::String(redact(&s, key)),
        Value::Array(items) => Value::Array(items.into_iter().map(|v| redact_value(v, key)).collect()),
        Value::Object(map) if !key.is_empty() => {
            Value::Object(map.into_iter().map(|(k, v)| (redact(&k, key), redact_value(v, key))).collect())
        }
        other => other,
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn truncate_at_char(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

impl LogEntry {
    /// An entry for a request that just arrived, carrying `api_key`.
    pub fn new(
        api_key: &str,
        method: &str,
        path: &str,
        query: Option<&str>,
        headers: &HeaderMap,
        body: &[u8],
        endpoint: Option<u8>,
    ) -> LogEntry {
        let mut map = Map::new();
        let mut size = 0;
        for (name, value) in headers {
            let value = if name.as_str().eq_ignore_ascii_case(API_KEY_HEADER) {
                REDACTED.to_owned()
            } else {
                redact(&String::from_utf8_lossy(value.as_bytes()), api_key)
            };
            size += name.as_str().len() + value.len();
            let merged = match map.get(name.as_str()).and_then(Value::as_str) {
                Some(previous) => format!("{previous}, {value}"),
                None => value,
            };
            map.insert(name.as_str().to_owned(), Value::String(merged));
        }
        let text = redact(&String::from_utf8_lossy(body), api_key);
        let body_truncated = text.len() > MAX_BODY_BYTES;
        let (body, body_text) = if body_truncated {
            (Value::Null, truncate_at_char(text, MAX_BODY_BYTES))
        } else {
            let parsed = serde_json::from_slice(body).map(|v| redact_value(v, api_key)).unwrap_or(Value::Null);
            (parsed, text)
        };
        let path = redact(path, api_key);
        let query = query.map(|q| redact(q, api_key));
        size += path.len() + query.as_ref().map_or(0, String::len) + body_text.len();
        LogEntry {
            api_key_fingerprint: KeyFingerprint::of(api_key),
            method: method.to_owned(),
            path,
            query,
            headers: map,
            body,
            body_text,
            body_truncated,
            status: None,
            endpoint,
            size,
        }
    }

    /// What the entry counts against the log's byte budget: body text, path, query and headers.
    pub fn size(&self) -> usize {
        self.size
    }
}

/// The log itself.
#[derive(Debug)]
pub struct RequestLog {
    entries: VecDeque<(u64, LogEntry)>,
    next_id: u64,
    /// The sum of the entries' sizes.
    bytes: usize,
    max_bytes: usize,
}

impl Default for RequestLog {
    fn default() -> Self {
        RequestLog::with_max_bytes(DEFAULT_MAX_BYTES)
    }
}

impl RequestLog {
    /// An empty log holding at most `max_bytes` (see [`LogEntry::size`]), and [`MAX_ENTRIES`].
    pub fn with_max_bytes(max_bytes: usize) -> RequestLog {
        RequestLog { entries: VecDeque::new(), next_id: 0, bytes: 0, max_bytes }
    }

    /// Appends an entry, evicting the oldest ones until it fits both bounds; returns a handle for
    /// [`RequestLog::set_status`]. The newest entry is always kept, so the log holds at most the
    /// budget plus one entry.
    pub fn push(&mut self, entry: LogEntry) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        while self.entries.len() >= MAX_ENTRIES || self.bytes.saturating_add(entry.size) > self.max_bytes {
            match self.entries.pop_front() {
                Some((_, old)) => self.bytes -= old.size,
                None => break,
            }
        }
        self.bytes += entry.size;
        self.entries.push_back((id, entry));
        id
    }

    /// Records the status the mock answered.
    pub fn set_status(&mut self, id: u64, status: Option<u16>) {
        if let Some((_, entry)) = self.entries.iter_mut().rev().find(|(i, _)| *i == id) {
            entry.status = status;
        }
    }

    /// Entries of one key (or all), oldest first.
    pub fn entries(&self, api_key: Option<&str>) -> Vec<&LogEntry> {
        let wanted = api_key.map(KeyFingerprint::of);
        self.entries
            .iter()
            .map(|(_, e)| e)
            .filter(|e| wanted.is_none_or(|fingerprint| e.api_key_fingerprint == fingerprint))
            .collect()
    }

    /// Forgets the entries of one key (or all).
    pub fn clear(&mut self, api_key: Option<&str>) {
        match api_key.map(KeyFingerprint::of) {
            Some(fingerprint) => self.entries.retain(|(_, e)| e.api_key_fingerprint != fingerprint),
            None => self.entries.clear(),
        }
        self.bytes = self.entries.iter().map(|(_, e)| e.size).sum();
    }

    /// How many entries are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The sum of the kept entries' sizes.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, body: &str) -> LogEntry {
        LogEntry::new(key, "POST", "/open/info", None, &HeaderMap::new(), body.as_bytes(), Some(2))
    }

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        let a = KeyFingerprint::of("UAK-a").unwrap();
        assert_eq!(KeyFingerprint::of("UAK-a"), Some(a));
        assert_ne!(KeyFingerprint::of("UAK-b"), Some(a));
        assert_eq!(KeyFingerprint::of(""), None);
        assert_eq!(a.short().len(), 12);
        assert!(a.short().bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn evicts_oldest_past_the_byte_budget() {
        let one = entry("k", &"x".repeat(100)).size();
        let mut log = RequestLog::with_max_bytes(one * 3);
        for _ in 0..5 {
            log.push(entry("k", &"x".repeat(100)));
        }
        assert_eq!(log.len(), 3);
        assert_eq!(log.bytes(), one * 3);
        log.clear(Some("k"));
        assert_eq!((log.len(), log.bytes()), (0, 0));
    }

    #[test]
    fn truncates_long_bodies_on_a_char_boundary() {
        let body = format!("{{\"t\":\"{}\"}}", "ñ".repeat(MAX_BODY_BYTES));
        let e = entry("k", &body);
        assert!(e.body_truncated);
        assert_eq!(e.body, Value::Null);
        assert!(e.body_text.len() <= MAX_BODY_BYTES && e.body_text.len() > MAX_BODY_BYTES - 4);
    }
}
