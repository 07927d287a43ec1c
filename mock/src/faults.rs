//! Injected failures: the next N matching 2Chat requests get a canned bad answer instead of the
//! real one. Checked before auth and rate limiting, so a test can fake any status for any key.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use serde_json::{json, Value};
use tokio::sync::watch;

/// How long a `hang` holds the request, or a `stall` its body, when no `delay_ms` is given: ten
/// minutes.
pub const DEFAULT_HANG_MS: u64 = 600_000;

/// How long a `drip` waits between two bytes when no `interval_ms` is given.
pub const DEFAULT_DRIP_INTERVAL_MS: u64 = 50;

/// The body `stall` and `drip` send when the fault has none.
pub const DEFAULT_SLOW_BODY: &str = r#"{"success":true,"data":[]}"#;

/// The kinds, as the error messages list them.
const KINDS: &str = "status, hang, drop, malformed_json, html, empty, stall or drip";

/// What the faulty answer looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// A status with the given headers and body.
    Status,
    /// Never answers (for `delay_ms`, or until the server shuts down).
    Hang,
    /// Announces 1000 bytes, sends a few, then aborts the connection.
    Drop,
    /// `Content-Type: application/json` and a truncated JSON body.
    MalformedJson,
    /// A `text/html` Bad Gateway page, as a proxy in front of an API sends.
    Html,
    /// No body at all.
    Empty,
    /// Status and headers at once, then the first part of the body, then nothing for `delay_ms`
    /// (or until shutdown), then the rest: a server that stops mid-body.
    Stall,
    /// A valid JSON body, one byte every `interval_ms`: a slow server.
    Drip,
}

impl FaultKind {
    fn parse(s: &str) -> Option<FaultKind> {
        Some(match s {
            "status" => FaultKind::Status,
            "hang" => FaultKind::Hang,
            "drop" => FaultKind::Drop,
            "malformed_json" => FaultKind::MalformedJson,
            "html" => FaultKind::Html,
            "empty" => FaultKind::Empty,
            "stall" => FaultKind::Stall,
            "drip" => FaultKind::Drip,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            FaultKind::Status => "status",
            FaultKind::Hang => "hang",
            FaultKind::Drop => "drop",
            FaultKind::MalformedJson => "malformed_json",
            FaultKind::Html => "html",
            FaultKind::Empty => "empty",
            FaultKind::Stall => "stall",
            FaultKind::Drip => "drip",
        }
    }

    fn default_status(self) -> StatusCode {
        match self {
            FaultKind::Status => StatusCode::SERVICE_UNAVAILABLE,
            FaultKind::Html => StatusCode::BAD_GATEWAY,
            FaultKind::Hang
            | FaultKind::Drop
            | FaultKind::MalformedJson
            | FaultKind::Empty
            | FaultKind::Stall
            | FaultKind::Drip => StatusCode::OK,
        }
    }
}

/// One queued fault.
#[derive(Clone, Debug)]
pub struct Fault {
    /// Only requests carrying this key (any key when `None`).
    pub api_key: Option<String>,
    /// Only paths starting with this (raw or percent-decoded).
    pub path: Option<String>,
    /// Only this method (any when `None`).
    pub method: Option<String>,
    /// How many more requests get it.
    pub remaining: u32,
    pub kind: FaultKind,
    pub status: StatusCode,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Option<Value>,
    /// For `hang`: how long to hold the request; for `stall`: how long to hold the body. For the
    /// others: a delay before answering.
    pub delay_ms: Option<u64>,
    /// For `drip`: the pause between two bytes (default [`DEFAULT_DRIP_INTERVAL_MS`]).
    pub interval_ms: Option<u64>,
}

impl Fault {
    /// Parses the body of `POST /__mock/faults`.
    pub fn from_json(v: &Value) -> Result<Fault, String> {
        let obj = v.as_object().ok_or("the body must be a JSON object")?;
        let opt_str = |name: &str| -> Result<Option<String>, String> {
            match obj.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("`{name}` must be a string")),
            }
        };
        let opt_u64 = |name: &str| -> Result<Option<u64>, String> {
            match obj.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v.as_u64().map(Some).ok_or_else(|| format!("`{name}` must be a non-negative integer")),
            }
        };
        let kind_name = opt_str("kind")?.ok_or_else(|| format!("`kind` is required: {KINDS}"))?;
        let kind = FaultKind::parse(&kind_name).ok_or_else(|| format!("unknown kind `{kind_name}`: use {KINDS}"))?;
        let status = match opt_u64("status")? {
            None => kind.default_status(),
            Some(code) => u16::try_from(code)
                .ok()
                .filter(|c| (100..=599).contains(c))
                .and_then(|c| StatusCode::from_u16(c).ok())
                .ok_or("`status` must be an HTTP status between 100 and 599")?,
        };
        let remaining = match opt_u64("count")? {
            None => 1,
            Some(0) => return Err("`count` must be at least 1".into()),
            Some(n) => u32::try_from(n).unwrap_or(u32::MAX),
        };
        let mut headers = Vec::new();
        match obj.get("headers") {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                for (name, value) in map {
                    let value = match value {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        _ => return Err(format!("header `{name}` must be a string")),
                    };
                    let name = HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| format!("`{name}` is not a valid header name"))?;
                    let value =
                        HeaderValue::from_str(&value).map_err(|_| format!("header `{name}` has an invalid value"))?;
                    headers.push((name, value));
                }
            }
            Some(_) => return Err("`headers` must be an object".into()),
        }
        let method = opt_str("method")?.map(|m| m.to_ascii_uppercase());
        Ok(Fault {
            api_key: opt_str("api_key")?,
            path: opt_str("path")?,
            method,
            remaining,
            kind,
            status,
            headers,
            body: obj.get("body").cloned(),
            delay_ms: opt_u64("delay_ms")?,
            interval_ms: opt_u64("interval_ms")?,
        })
    }

    /// The fault as the control API lists it.
    pub fn to_json(&self) -> Value {
        let headers: serde_json::Map<String, Value> = self
            .headers
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), json!(String::from_utf8_lossy(v.as_bytes()))))
            .collect();
        json!({
            "api_key": self.api_key,
            "path": self.path,
            "method": self.method,
            "count": self.remaining,
            "kind": self.kind.as_str(),
            "status": self.status.as_u16(),
            "headers": headers,
            "body": self.body,
            "delay_ms": self.delay_ms,
            "interval_ms": self.interval_ms,
        })
    }

    fn matches(&self, api_key: &str, method: &str, raw_path: &str, decoded_path: &str) -> bool {
        filter_matches(self.api_key.as_deref(), api_key)
            && filter_matches(self.method.as_deref(), &method.to_ascii_uppercase())
            && match &self.path {
                None => true,
                Some(prefix) => raw_path.starts_with(prefix.as_str()) || decoded_path.starts_with(prefix.as_str()),
            }
    }
}

/// An unset filter matches everything.
fn filter_matches(filter: Option<&str>, value: &str) -> bool {
    match filter {
        None => true,
        Some(wanted) => wanted == value,
    }
}

/// Takes one use of the first queued fault matching the request, if any.
pub fn take(queue: &mut Vec<Fault>, api_key: &str, method: &str, raw_path: &str, decoded_path: &str) -> Option<Fault> {
    let index = queue.iter().position(|f| f.matches(api_key, method, raw_path, decoded_path))?;
    let fault = queue.get_mut(index)?;
    fault.remaining = fault.remaining.saturating_sub(1);
    let taken = fault.clone();
    if taken.remaining == 0 {
        queue.remove(index);
    }
    Some(taken)
}

/// Builds the faulty answer (waiting first where the fault says so). Returns the response and the
/// status to log: `None` for `hang` and `drop`, which never complete an answer.
pub async fn respond(fault: &Fault, mut shutdown: watch::Receiver<bool>) -> (Response, Option<u16>) {
    if fault.kind == FaultKind::Hang {
        let hold = Duration::from_millis(fault.delay_ms.unwrap_or(DEFAULT_HANG_MS));
        tokio::select! {
            () = tokio::time::sleep(hold) => {},
            _ = shutdown.wait_for(|down| *down) => {},
        }
        // Only reached once the hang is over; whoever still listens learns why.
        let body = json!({"success": false, "error": true, "error_message": "injected hang ended"});
        return (with_headers(crate::reply::json_response(StatusCode::GATEWAY_TIMEOUT, &body), fault), None);
    }
    if fault.kind == FaultKind::Stall {
        return (with_headers(stall(fault, shutdown), fault), Some(fault.status.as_u16()));
    }
    if let Some(ms) = fault.delay_ms.filter(|ms| *ms > 0) {
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(ms)) => {},
            _ = shutdown.wait_for(|down| *down) => {},
        }
    }
    let status = fault.status;
    if fault.kind == FaultKind::Drip {
        let body = slow_body(fault);
        let interval = Duration::from_millis(fault.interval_ms.unwrap_or(DEFAULT_DRIP_INTERVAL_MS));
        let length = body.len();
        return (
            with_headers(slow_response(status, length, drip(body, interval, shutdown)), fault),
            Some(status.as_u16()),
        );
    }
    let (content_type, body): (Option<&'static str>, Body) = match fault.kind {
        FaultKind::Status => {
            let value = fault.body.clone().unwrap_or_else(
                || json!({"success": false, "error": true, "error_message": format!("injected {}", status.as_u16())}),
            );
            (Some("application/json"), Body::from(serde_json::to_vec(&value).unwrap_or_default()))
        }
        FaultKind::MalformedJson => (Some("application/json"), Body::from(r#"{"success": tr"#)),
        FaultKind::Html => (Some("text/html; charset=utf-8"), Body::from(bad_gateway_page(status))),
        FaultKind::Empty => (Some("application/json"), Body::empty()),
        FaultKind::Drop => {
            // The pause lets the status line, headers and first bytes reach the client before the
            // error makes hyper abort the connection; without it nothing may be flushed at all.
            let first = futures_util::stream::once(async {
                Ok::<Bytes, std::io::Error>(Bytes::from_static(br#"{"success":true,"numbers":[{"uuid":"WPN"#))
            });
            let abort = futures_util::stream::once(async {
                tokio::time::sleep(Duration::from_millis(100)).await;
                Err::<Bytes, std::io::Error>(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "injected drop",
                ))
            });
            (Some("application/json"), Body::from_stream(futures_util::StreamExt::chain(first, abort)))
        }
        FaultKind::Hang | FaultKind::Stall | FaultKind::Drip => (None, Body::empty()),
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if let Some(ct) = content_type {
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if fault.kind == FaultKind::Drop {
        response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from_static("1000"));
    }
    let logged = if fault.kind == FaultKind::Drop { None } else { Some(status.as_u16()) };
    (with_headers(response, fault), logged)
}

/// The body of a `stall` or `drip`: the fault's `body` as JSON, or [`DEFAULT_SLOW_BODY`].
fn slow_body(fault: &Fault) -> Bytes {
    match &fault.body {
        Some(value) => Bytes::from(serde_json::to_vec(value).unwrap_or_default()),
        None => Bytes::from_static(DEFAULT_SLOW_BODY.as_bytes()),
    }
}

/// Waits `duration`, or less if the server starts shutting down.
async fn pause(duration: Duration, shutdown: &mut watch::Receiver<bool>) {
    tokio::select! {
        () = tokio::time::sleep(duration) => {},
        _ = shutdown.wait_for(|down| *down) => {},
    }
}

/// The `stall` answer: the status, `Content-Type: application/json` and `Content-Length` go out
/// at once with the first part of the body; the second half follows after `delay_ms` (or as
/// soon as the server shuts down), so a client that waits long enough gets a valid body.
fn stall(fault: &Fault, mut shutdown: watch::Receiver<bool>) -> Response {
    let body = slow_body(fault);
    let hold = Duration::from_millis(fault.delay_ms.unwrap_or(DEFAULT_HANG_MS));
    // The default body stops right inside its list (`{"success":true,"data":[`), any other at
    // its middle byte.
    let half = if fault.body.is_none() { body.len().saturating_sub(2) } else { body.len() / 2 };
    let (first, rest) = (body.slice(..half), body.slice(half..));
    let first = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(first) });
    let rest = futures_util::stream::once(async move {
        pause(hold, &mut shutdown).await;
        Ok::<Bytes, std::io::Error>(rest)
    });
    slow_response(fault.status, body.len(), Body::from_stream(futures_util::StreamExt::chain(first, rest)))
}

/// A body sent one byte at a time, `interval` apart (the first at once); once the server starts
/// shutting down, the rest goes in one piece.
fn drip(body: Bytes, interval: Duration, shutdown: watch::Receiver<bool>) -> Body {
    let stream = futures_util::stream::unfold((body, 0usize, shutdown), move |(body, sent, mut shutdown)| async move {
        if sent >= body.len() {
            return None;
        }
        if sent > 0 {
            pause(interval, &mut shutdown).await;
        }
        let end = if *shutdown.borrow() { body.len() } else { sent + 1 };
        let chunk = body.slice(sent..end);
        Some((Ok::<Bytes, std::io::Error>(chunk), (body, end, shutdown)))
    });
    Body::from_stream(stream)
}

/// A JSON answer whose body is streamed; its length is announced up front.
fn slow_response(status: StatusCode, length: usize, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response
}

fn with_headers(mut response: Response, fault: &Fault) -> Response {
    for (name, value) in &fault.headers {
        response.headers_mut().insert(name.clone(), value.clone());
    }
    response
}

fn bad_gateway_page(status: StatusCode) -> String {
    let line = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("Bad Gateway"));
    format!(
        "<html>\r\n<head><title>{line}</title></head>\r\n<body>\r\n<center><h1>{line}</h1></center>\r\n\
         <hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_queues() {
        let f = Fault::from_json(&json!({"kind": "status", "status": 503, "count": 2, "path": "/open/info",
            "headers": {"Retry-After": "1"}}))
        .unwrap();
        assert_eq!(f.status, StatusCode::SERVICE_UNAVAILABLE);
        let mut q = vec![f];
        assert!(take(&mut q, "k", "GET", "/open/whatsapp/get-numbers", "").is_none());
        assert!(take(&mut q, "k", "GET", "/open/info", "/open/info").is_some());
        assert_eq!(q.len(), 1);
        assert!(take(&mut q, "k", "get", "/open/info", "/open/info").is_some());
        assert!(q.is_empty());
    }

    #[test]
    fn rejects_bad_specs() {
        assert!(Fault::from_json(&json!({"kind": "boom"})).is_err());
        assert!(Fault::from_json(&json!({})).is_err());
        assert!(Fault::from_json(&json!({"kind": "status", "status": 1000})).is_err());
        assert!(Fault::from_json(&json!({"kind": "status", "count": 0})).is_err());
        assert!(Fault::from_json(&json!({"kind": "status", "headers": {"bad header": "x"}})).is_err());
        assert!(Fault::from_json(&json!([])).is_err());
        assert_eq!(Fault::from_json(&json!({"kind": "html"})).unwrap().status, StatusCode::BAD_GATEWAY);
    }
}
