//! The typed Rust client: the same client as the npm package's, for Rust code in the browser
//! (Leptos, Yew), in Cloudflare Workers (workers-rs), in wasm-bindgen-test runs and on servers.
//!
//! ```no_run
//! # async fn demo() -> Result<(), twochat::Error> {
//! use twochat::types::SendMessageParams;
//! use twochat::{Client, ClientOptions};
//!
//! let client = Client::new(ClientOptions::new("UAK-…").base_url("http://127.0.0.1:8080"))?;
//! let sent = client
//!     .messages()
//!     .send(&SendMessageParams {
//!         from_number: "+595981048477".into(),
//!         to_number: Some("+5215512345432".into()),
//!         text: Some("Hello from Rust".into()),
//!         ..Default::default()
//!     })
//!     .await?;
//! println!("{:?}", sent.message_uuid);
//! # Ok(()) }
//! ```
//!
//! Every method validates its arguments exactly as the JavaScript client does, before anything is
//! sent; the retry, timeout and never-repeat-a-send rules are the same; dropping a call's future
//! cancels its request.

mod transport;

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::check::{body_json, plan};
use crate::config::{check_header, ApiKey, MAX_RETRIES_LIMIT, MAX_TIMEOUT_MS};
use crate::error::{Error, ErrorCode, Result};
use crate::outcome::{answer_error, network_error, redirect_error, timeout_error};
use crate::pacing::Pacer;
use crate::paging::{Cursor, PageSummary};
use crate::request::RequestSpec;
use crate::retry::{self, Decision, Failure};
use crate::table::{Op, OPS};
use transport::{Outgoing, Sent, Transport};

/// How a [`Client`] talks to 2Chat. Built with [`ClientOptions::new`] and its setters; checked by
/// [`Client::new`].
#[derive(Clone)]
pub struct ClientOptions {
    api_key: Option<String>,
    base_url: String,
    timeout_ms: u32,
    max_retries: u32,
    headers: Vec<(String, String)>,
    requests_per_minute: Option<u32>,
}

impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientOptions")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("requests_per_minute", &self.requests_per_minute)
            .finish_non_exhaustive()
    }
}

impl ClientOptions {
    /// Options with the API key, sent as `X-User-API-Key`: never in `Debug`, `Display` or logs.
    pub fn new(api_key: impl Into<String>) -> Self {
        ClientOptions { api_key: Some(api_key.into()), ..Self::without_key() }
    }

    /// Options without a key, for a proxy that adds it (see `createProxy` in the npm package).
    pub fn without_key() -> Self {
        ClientOptions {
            api_key: None,
            base_url: crate::config::DEFAULT_BASE_URL.to_string(),
            timeout_ms: crate::config::DEFAULT_TIMEOUT_MS,
            max_retries: crate::retry::DEFAULT_MAX_RETRIES,
            headers: Vec::new(),
            requests_per_minute: None,
        }
    }

    /// Where 2Chat is (default `https://api.p.2chat.io`); a proxy or `twochat-mock` fit here.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Per-attempt timeout in milliseconds (default 30000).
    pub fn timeout_ms(mut self, ms: u32) -> Self {
        self.timeout_ms = ms;
        self
    }

    /// Retries after the first attempt (0–10, default 2).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// A header sent with every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Client-side pacing: at most this many requests a minute (trial accounts: 10).
    pub fn requests_per_minute(mut self, n: u32) -> Self {
        self.requests_per_minute = Some(n);
        self
    }
}

struct Inner {
    key: Option<ApiKey>,
    base_url: String,
    timeout_ms: u32,
    max_retries: u32,
    headers: Vec<(String, String)>,
    pacer: Option<Mutex<Pacer>>,
    transport: Transport,
}

/// A 2Chat API client: cheap to clone (the clones share one connection pool and pacing), `Send +
/// Sync` on native targets, and its `Debug` never shows the key.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &self.inner.key.as_ref().map(|_| "[redacted]"))
            .field("timeout_ms", &self.inner.timeout_ms)
            .field("max_retries", &self.inner.max_retries)
            .finish_non_exhaustive()
    }
}

/// A params value as the validator reads it.
pub(crate) fn params<P: Serialize>(p: &P) -> Result<Value> {
    serde_json::to_value(p).map_err(|e| Error::invalid("params", format_args!("could not be serialised: {e}")))
}

impl Client {
    /// A client; a bad option is an [`Error`] (`ErrorCode::InvalidInput`), never a panic.
    pub fn new(options: ClientOptions) -> Result<Client> {
        let key = options.api_key.as_deref().map(ApiKey::new).transpose()?;
        let base_url = crate::config::base_url(Some(options.base_url))?;
        if options.timeout_ms == 0 || i64::from(options.timeout_ms) > MAX_TIMEOUT_MS {
            return Err(Error::invalid("timeoutMs", format_args!("must be between 1 and {MAX_TIMEOUT_MS}")));
        }
        if i64::from(options.max_retries) > MAX_RETRIES_LIMIT {
            return Err(Error::invalid("maxRetries", format_args!("must be between 0 and {MAX_RETRIES_LIMIT}")));
        }
        for (k, v) in &options.headers {
            check_header(k, v)?;
        }
        let pacer = match options.requests_per_minute {
            Some(0) => return Err(Error::invalid("requestsPerMinute", "must be between 1 and 100000")),
            Some(n) => Some(Mutex::new(Pacer::new(n.min(100_000)))),
            None => None,
        };
        let transport = Transport::new().map_err(|e| Error::new(ErrorCode::Network, e))?;
        Ok(Client {
            inner: Arc::new(Inner {
                key,
                base_url,
                timeout_ms: options.timeout_ms,
                max_retries: options.max_retries,
                headers: options.headers,
                pacer,
                transport,
            }),
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Runs method `op` of the table (the generated resources call this) and decodes the answer.
    pub(crate) async fn call<T: DeserializeOwned>(&self, op: u8, args: Vec<Value>, params: Option<Value>) -> Result<T> {
        let o = OPS.get(usize::from(op)).ok_or_else(|| missing(op))?;
        let value = self.run(o, &args, params.as_ref()).await?;
        decode(value)
    }

    /// Validates and sends one call, and returns the answer's JSON with its aliases filled.
    async fn run(&self, op: &'static Op, args: &[Value], params: Option<&Value>) -> Result<Value> {
        let args: Vec<Option<&Value>> = args.iter().map(|a| Some(a).filter(|v| !v.is_null())).collect();
        let planned = plan(op, &args, params.as_ref())?;
        let body = planned.body.as_ref().map(|b| body_json(params, b).to_string());
        let spec = RequestSpec::from_plan(&planned, body);
        let mut value = self.execute(&spec).await?;
        crate::response::apply_aliases(&mut value, op.aliases);
        Ok(value)
    }

    /// Sends a request with retries; the JSON of a successful answer.
    async fn execute(&self, spec: &RequestSpec) -> Result<Value> {
        let key = self.inner.key.as_ref().map(|k| k.expose().to_string());
        self.attempts(spec).await.map_err(|e| match &key {
            Some(k) => e.redact(k),
            None => e,
        })
    }

    async fn attempts(&self, spec: &RequestSpec) -> Result<Value> {
        let inner = &self.inner;
        let url = spec.url(&inner.base_url);
        let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
        if let Some(k) = &inner.key {
            headers.push(("X-User-API-Key".to_string(), k.expose().to_string()));
        }
        if spec.body.is_some() {
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        headers.extend(inner.headers.iter().cloned());
        let mut retries_done = 0u32;
        loop {
            if let Some(pacer) = &inner.pacer {
                let wait = pacer.lock().map(|mut p| p.reserve(inner.transport.now_ms())).unwrap_or(0.0);
                if wait > 0.0 {
                    inner.transport.sleep(wait as u64).await;
                }
            }
            let sent = inner
                .transport
                .send(Outgoing {
                    method: spec.method,
                    url: &url,
                    headers: &headers,
                    body: spec.body.as_deref(),
                    timeout_ms: inner.timeout_ms,
                })
                .await;
            let (failure, error) = match sent {
                Sent::Answer(a) if a.status == 0 || (300..400).contains(&a.status) => {
                    return Err(redirect_error(a.status, a.location.as_deref()))
                }
                Sent::Answer(a) => {
                    let now = inner.transport.now_ms();
                    let retry_after_ms = a.retry_after.as_deref().and_then(|v| retry::parse_retry_after(v, now));
                    let parsed: Option<Value> = serde_json::from_str(a.body.trim_start()).ok();
                    if (200..300).contains(&a.status) {
                        crate::response::check(a.status, parsed.as_ref(), || a.body.clone(), None)?;
                        return Ok(parsed.unwrap_or(Value::Null));
                    }
                    answer_error(spec.method, a.status, parsed.as_ref(), || a.body.clone(), retry_after_ms)
                }
                Sent::Network(msg) => (Failure::Network, network_error(spec.method, &msg)),
                Sent::Timeout => (Failure::Timeout, timeout_error(spec.method, u64::from(inner.timeout_ms))),
            };
            let jitter = transport::random(inner.transport.now_ms());
            match retry::decide(spec.method, failure, retries_done, inner.max_retries, error.retry_after_ms(), jitter) {
                Decision::GiveUp => return Err(error),
                Decision::RetryAfter(ms) => {
                    inner.transport.sleep(ms).await;
                    retries_done += 1;
                }
            }
        }
    }

    /// Walks every page of list method `op`, lazily: a page is fetched only when the stream is
    /// polled past the items it has; the walk ends on the list's own end signal.
    pub(crate) fn walk<'a, T: DeserializeOwned + 'a>(
        &'a self,
        op: u8,
        args: Vec<Value>,
        params: Result<Value>,
    ) -> impl futures_core::Stream<Item = Result<T>> + 'a {
        struct Walk<'a> {
            client: &'a Client,
            op: Option<&'static Op>,
            args: Vec<Value>,
            params: Value,
            per_page: Option<u64>,
            cursor: Option<Cursor>,
            items: VecDeque<Value>,
            error: Option<Error>,
        }
        let o = OPS.get(usize::from(op));
        let mut walk = Walk {
            client: self,
            op: o,
            args,
            params: Value::Null,
            per_page: None,
            cursor: None,
            items: VecDeque::new(),
            error: None,
        };
        let started = (|| {
            let o = o.ok_or_else(|| missing(op))?;
            let rule = o.paging.ok_or_else(|| Error::invalid("iterate", "this method is not a list"))?;
            let p = params?;
            let (cursor, per_page) = Cursor::start(rule, Some(&&p))?;
            Ok::<_, Error>((p, cursor, per_page))
        })();
        match started {
            Ok((p, cursor, per_page)) => {
                walk.params = p;
                walk.cursor = Some(cursor);
                walk.per_page = per_page;
            }
            Err(e) => walk.error = Some(e),
        }
        futures_util::stream::unfold(walk, |mut w| async move {
            loop {
                if let Some(e) = w.error.take() {
                    w.cursor = None;
                    return Some((Err(e), w));
                }
                if let Some(item) = w.items.pop_front() {
                    return Some((decode(item), w));
                }
                let (Some(op), Some(cursor)) = (w.op, w.cursor.as_mut()) else { return None };
                let rule = op.paging?;
                let page = cursor.next_page()?;
                let mut p = match &w.params {
                    Value::Object(m) => m.clone(),
                    _ => serde_json::Map::new(),
                };
                p.remove("limit");
                p.insert(rule.page.to_string(), Value::from(page));
                if let Some(n) = w.per_page {
                    p.insert("results_per_page".to_string(), Value::from(n));
                }
                let page_params = Value::Object(p);
                let body = match w.client.run(op, &w.args, Some(&page_params)).await {
                    Ok(b) => b,
                    Err(e) => {
                        w.error = Some(e);
                        continue;
                    }
                };
                let items = match body.get(rule.items) {
                    Some(Value::Array(items)) => items.clone(),
                    _ => Vec::new(),
                };
                let first_key = items.first().and_then(|f| {
                    ["uuid", "id", "session_key"].iter().find_map(|k| match f.get(*k) {
                        Some(Value::String(s)) => Some(s.clone()),
                        Some(Value::Number(n)) => Some(n.to_string()),
                        _ => None,
                    })
                });
                let next_page = body.get("next_page").map(|n| n.as_u64().or_else(|| n.as_str().and_then(|s| s.parse().ok())));
                let summary = PageSummary {
                    items: items.len() as u64,
                    total: body.get("total").and_then(Value::as_u64),
                    next_page,
                    first_key,
                };
                let take = cursor.advance(&summary) as usize;
                w.items.extend(items.into_iter().take(take));
                if take == 0 {
                    return None;
                }
            }
        })
    }
}

/// A tool call's arguments: a JSON object (`null` is none).
fn tool_arguments(args: Value) -> Result<serde_json::Map<String, Value>> {
    match args {
        Value::Object(m) => Ok(m),
        Value::Null => Ok(serde_json::Map::new()),
        other => Err(Error::invalid("arguments", format_args!("must be an object, got {}", crate::json::describe(&&other)))),
    }
}

/// Takes a positional argument that is text, by its wire name.
fn take_text(args: &mut serde_json::Map<String, Value>, wire: &str) -> Result<String> {
    match args.remove(wire) {
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) => Err(Error::invalid(wire, "is required")),
        Some(other) => Err(Error::invalid(wire, format_args!("must be a string, got {}", crate::json::describe(&&other)))),
    }
}

/// Takes a positional argument that is a whole number (a digit string is as good).
fn take_whole(args: &mut serde_json::Map<String, Value>, wire: &str) -> Result<u32> {
    let v = args.remove(wire).ok_or_else(|| Error::invalid(wire, "is required"))?;
    let n = match &v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
        _ => None,
    };
    n.and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| Error::invalid(wire, format_args!("must be a whole number, got {}", crate::json::describe(&&v))))
}

/// The rest of a tool call's arguments as the method's typed params.
fn tool_params<P: DeserializeOwned>(rest: serde_json::Map<String, Value>) -> Result<P> {
    serde_json::from_value(Value::Object(rest)).map_err(|e| Error::invalid("arguments", format_args!("{e}")))
}

/// A method without params takes nothing but its positional arguments.
fn no_other_arguments(op: &Op, rest: &serde_json::Map<String, Value>) -> Result<()> {
    let keys: Vec<String> = rest.keys().cloned().collect();
    crate::tools::check_extra(op, &keys)
}

/// A typed answer as JSON.
fn to_json<T: Serialize>(answer: &T) -> Result<Value> {
    serde_json::to_value(answer).map_err(|e| Error::new(ErrorCode::Decode, format!("the answer could not be serialised: {e}")))
}

fn missing(op: u8) -> Error {
    Error::new(ErrorCode::Decode, format!("twochat: no method #{op} in the endpoint table (a bug of the SDK)"))
}

/// An answer's JSON as the declared response type.
fn decode<T: DeserializeOwned>(value: Value) -> Result<T> {
    serde_json::from_value(value)
        .map_err(|e| {
            Error::new(
                ErrorCode::Decode,
                format!("the call succeeded, but 2Chat's answer does not have the declared shape ({e}); it was not repeated"),
            )
        })
}

include!(concat!(env!("OUT_DIR"), "/resources.rs"));
