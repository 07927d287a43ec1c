//! What the SDK sent: every non-OPTIONS request to a 2Chat path, per API key, in arrival order.

use std::collections::VecDeque;

use axum::http::HeaderMap;
use serde::Serialize;
use serde_json::{Map, Value};

/// At most this many entries are kept (over all keys); the oldest go first. Keeps a long-running
/// demo server from growing without bound.
pub const MAX_ENTRIES: usize = 10_000;

/// One recorded request.
#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    /// The key the request carried (`""` if none); requests with a wrong key are logged under it.
    pub api_key: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path exactly as received, still percent-encoded (a literal `+` stays a `+`).
    pub path: String,
    /// The raw query string, or null.
    pub query: Option<String>,
    /// Lower-cased header names to values (repeated headers joined with `, `).
    pub headers: Map<String, Value>,
    /// The body parsed as JSON, or null when empty or not JSON.
    pub body: Value,
    /// The body as text (lossy UTF-8).
    pub body_text: String,
    /// What the mock answered; null while pending and for `hang`/`drop` faults.
    pub status: Option<u16>,
    /// The id of the endpoint-table row the request matched, or null.
    pub endpoint: Option<u8>,
}

impl LogEntry {
    /// An entry for a request that just arrived.
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
        for (name, value) in headers {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            let merged = match map.get(name.as_str()).and_then(Value::as_str) {
                Some(previous) => format!("{previous}, {value}"),
                None => value,
            };
            map.insert(name.as_str().to_owned(), Value::String(merged));
        }
        LogEntry {
            api_key: api_key.to_owned(),
            method: method.to_owned(),
            path: path.to_owned(),
            query: query.map(str::to_owned),
            headers: map,
            body: serde_json::from_slice(body).unwrap_or(Value::Null),
            body_text: String::from_utf8_lossy(body).into_owned(),
            status: None,
            endpoint,
        }
    }
}

/// The log itself.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: VecDeque<(u64, LogEntry)>,
    next_id: u64,
}

impl RequestLog {
    /// Appends an entry; returns a handle for [`RequestLog::set_status`].
    pub fn push(&mut self, entry: LogEntry) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.pop_front();
        }
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
        self.entries
            .iter()
            .map(|(_, e)| e)
            .filter(|e| match api_key {
                Some(k) => e.api_key == k,
                None => true,
            })
            .collect()
    }

    /// Forgets the entries of one key (or all).
    pub fn clear(&mut self, api_key: Option<&str>) {
        match api_key {
            Some(k) => self.entries.retain(|(_, e)| e.api_key != k),
            None => self.entries.clear(),
        }
    }
}
