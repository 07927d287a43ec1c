//! Sending requests: one attempt through gloo-net, and the retry loop around it.

use gloo_net::http::Response;
use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use std::cell::RefCell;

use super::jsjson::{apply_aliases, json_parse, JsJson};
use crate::config::{CallOptions, Config, LogLevel};
use crate::error::Error;
use crate::outcome::{aborted, answer_error, network_error, redirect_error, timeout_error};
use crate::pacing::Pacer;
use crate::request::RequestSpec;
use crate::response;
use crate::retry::{self, Decision, Failure};
use crate::web::fetch::{describe_js_error, headers_object, request_init, set_header};
use crate::web::timer::{now_ms, sleep};

/// The shared state behind a client and its resources.
pub struct Inner {
    /// Validated options.
    pub config: Config,
    /// A caller-supplied `fetch`, used instead of the global one.
    pub fetch: Option<Function>,
    /// Where logs go; the global console when absent.
    pub logger: Option<JsValue>,
    /// Spreads calls when `requestsPerMinute` is set.
    pub pacer: Option<RefCell<Pacer>>,
    /// The headers of every call, as fetch's `init.headers`: without a body, and with one.
    pub headers: [js_sys::Object; 2],
}

/// The headers every call of a client sends (`Accept`, the key, `defaultHeaders`), built once:
/// without a body and with one (`Content-Type`). Names are lower case, so `defaultHeaders` replace
/// the SDK's own whatever their case.
pub fn header_templates(config: &Config) -> [js_sys::Object; 2] {
    let make = |body: bool| {
        let mut pairs: Vec<(&str, &str)> = vec![("accept", "application/json")];
        if let Some(key) = &config.api_key {
            pairs.push(("x-user-api-key", key.expose()));
        }
        if body {
            pairs.push(("content-type", "application/json"));
        }
        pairs.extend(config.default_headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        headers_object(pairs)
    };
    [make(false), make(true)]
}

/// A call's options with the signal resolved.
#[derive(Clone)]
pub struct Call {
    /// Overrides from the caller.
    pub options: CallOptions,
    /// The caller's signal.
    pub signal: Option<AbortSignal>,
}

enum Attempt {
    /// An HTTP answer; the body stays a JS string (a 2xx body goes straight to `JSON.parse`,
    /// never copied into wasm memory and back).
    Answer {
        status: u16,
        retry_after: Option<String>,
        body: js_sys::JsString,
    },
    /// A 3xx (or, in browsers, an opaque redirect): never followed, so the key goes nowhere but
    /// `baseUrl`.
    Redirect {
        status: u16,
        location: Option<String>,
    },
    Network(String),
    Timeout,
    Aborted,
}

impl Inner {
    /// Logs `message` at `level` when the configured level allows it. Messages never hold the key:
    /// they name the method, the path, statuses and codes, and error messages are redacted first.
    pub fn log(&self, level: LogLevel, message: impl FnOnce() -> String) {
        if level == LogLevel::Off || level > self.config.log_level {
            return;
        }
        self.write_log(level, message());
    }

    /// Hands a message to the logger (one body for every call site of [`Inner::log`]).
    #[inline(never)]
    fn write_log(&self, level: LogLevel, message: String) {
        let sink = match &self.logger {
            Some(l) => l.clone(),
            None => {
                js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("console")).unwrap_or(JsValue::UNDEFINED)
            }
        };
        let f = js_sys::Reflect::get(&sink, &JsValue::from_str(level.as_str()))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        if let Some(f) = f {
            let _ = f.call1(&sink, &JsValue::from_str(&format!("twochat: {message}")));
        }
    }

    /// A body with the API key taken out, before any part of it is quoted in an error.
    fn redacted(&self, text: String) -> String {
        match &self.config.api_key {
            Some(k) => match crate::error::redact_text(&text, k.expose()) {
                std::borrow::Cow::Owned(t) => t,
                std::borrow::Cow::Borrowed(_) => text,
            },
            None => text,
        }
    }

    /// Runs a request with retries and returns the parsed JSON body.
    pub async fn execute(&self, spec: RequestSpec<JsValue>, call: Call) -> Result<JsValue, Error> {
        let key = self.config.api_key.as_ref().map(|k| k.expose().to_string());
        let (method, path) = (spec.method.as_str(), spec.path.clone());
        let result = self.run(spec, call).await;
        result.map_err(|e| {
            let e = match &key {
                Some(k) => e.redact(k),
                None => e,
            };
            self.log(LogLevel::Info, || format!("{method} {path} failed: {e}"));
            e
        })
    }

    async fn run(&self, spec: RequestSpec<JsValue>, call: Call) -> Result<JsValue, Error> {
        let url = spec.url(&self.config.base_url);
        let body = spec.body.as_ref();
        let timeout_ms = f64::from(call.options.timeout_ms.unwrap_or(self.config.timeout_ms));
        let max_retries = call.options.max_retries.unwrap_or(self.config.max_retries);
        let signal = call.signal.as_ref();
        let mut retries_done = 0u32;
        loop {
            if let Some(pacer) = &self.pacer {
                let wait = pacer.borrow_mut().reserve(now_ms());
                if wait > 0.0 {
                    self.log(LogLevel::Info, || {
                        format!("pacing: {} {} waits {} ms (requestsPerMinute)", spec.method.as_str(), spec.path, wait as u64)
                    });
                    if !sleep(wait, signal).await {
                        return Err(aborted());
                    }
                }
            }
            self.log(LogLevel::Debug, || {
                format!(
                    "→ {} {} (attempt {} of {})",
                    spec.method.as_str(),
                    spec.path,
                    retries_done + 1,
                    max_retries + 1
                )
            });
            // The clock is read only when the debug log will say how long the attempt took.
            let started = if self.config.log_level >= LogLevel::Debug { now_ms() } else { 0.0 };
            let outcome = self.attempt(&spec, &url, body, &call.options, timeout_ms, signal).await;
            if let Attempt::Answer { status, .. } = &outcome {
                self.log(LogLevel::Debug, || {
                    format!("← {status} {} {} in {} ms", spec.method.as_str(), spec.path, (now_ms() - started) as u64)
                });
            }
            let (failure, error) = match outcome {
                Attempt::Aborted => return Err(aborted()),
                Attempt::Answer { status, retry_after, body } => {
                    let retry_after_ms = retry_after.as_deref().and_then(|v| retry::parse_retry_after(v, now_ms()));
                    if (200..300).contains(&status) {
                        let value = success_body(status, &body, |t| self.redacted(t))?;
                        aliases(spec.endpoint, &value);
                        return Ok(value);
                    }
                    let parsed = parse(&body).map(JsJson);
                    answer_error(spec.method, status, parsed, || self.redacted(String::from(&body)), retry_after_ms)
                }
                Attempt::Redirect { status, location } => return Err(redirect_error(status, location.as_deref())),
                Attempt::Network(msg) => (Failure::Network, network_error(spec.method, &msg)),
                Attempt::Timeout => (Failure::Timeout, timeout_error(spec.method, timeout_ms as u64)),
            };
            match retry::decide(
                spec.method,
                failure,
                retries_done,
                max_retries,
                error.retry_after_ms,
                js_sys::Math::random(),
            ) {
                Decision::GiveUp => return Err(error),
                Decision::RetryAfter(ms) => {
                    self.log(LogLevel::Info, || {
                        format!("retrying {} {} in {ms} ms after {}", spec.method.as_str(), spec.path, error.code)
                    });
                    if !sleep(ms as f64, signal).await {
                        return Err(aborted());
                    }
                    retries_done += 1;
                }
            }
        }
    }

    /// One attempt (`js/http.js`): the fetch and its whole body under the attempt's timer and the
    /// caller's signal, as a single promise; the answer is read through gloo-net.
    async fn attempt(
        &self,
        spec: &RequestSpec<JsValue>,
        url: &str,
        body: Option<&JsValue>,
        options: &CallOptions,
        timeout_ms: f64,
        signal: Option<&AbortSignal>,
    ) -> Attempt {
        if signal.is_some_and(AbortSignal::aborted) {
            return Attempt::Aborted;
        }
        let init = request_init(spec.method.as_str(), &self.headers(body.is_some(), options), body, None);
        let custom = self.fetch.as_ref().map_or(JsValue::NULL, JsValue::from);
        let settled = JsFuture::from(run_attempt(&custom, url, &init, timeout_ms, signal)).await;
        let Ok(outcome) = settled.map(|v| js_sys::Array::from(&v)) else {
            return Attempt::Network("the attempt could not run".to_string());
        };
        let detail = || describe_js_error(&outcome.get(2));
        let response = || outcome.get(1).dyn_into::<web_sys::Response>().ok().map(Response::from);
        match outcome.get(0).as_f64().unwrap_or(2.0) as u8 {
            0 | 1 | 7 => {
                let Some(response) = response() else { return Attempt::Network("fetch did not resolve to a Response".into()) };
                let status = response.status();
                let header = |name: &str| response.headers().get(name);
                if outcome.get(0).as_f64() == Some(1.0) {
                    return Attempt::Redirect { status, location: header("location") };
                }
                if outcome.get(0).as_f64() == Some(7.0) {
                    return Attempt::Network(format!(
                        "the connection broke while reading the HTTP {status} body: {}",
                        detail()
                    ));
                }
                Attempt::Answer { status, retry_after: header("retry-after"), body: outcome.get(2).unchecked_into() }
            }
            3 => Attempt::Timeout,
            4 => Attempt::Aborted,
            5 => Attempt::Network(format!("the fetch option threw: {}", detail())),
            6 => Attempt::Network(match self.fetch {
                Some(_) => "the fetch option did not resolve to a Response".to_string(),
                None => "fetch did not resolve to a Response".to_string(),
            }),
            8 => Attempt::Network(format!("the request could not be built: {}", detail())),
            _ => Attempt::Network(detail()),
        }
    }

    /// The headers of a call: the client's, and the call's own. The client's object is shared by
    /// its calls (fetch copies it into its own list; a `fetch` option gets a Request).
    fn headers(&self, body: bool, options: &CallOptions) -> JsValue {
        let [plain, json] = &self.headers;
        let base = if body { json } else { plain };
        if options.headers.is_empty() {
            return base.into();
        }
        let own = js_sys::Object::assign(&js_sys::Object::new(), base);
        for (k, v) in &options.headers {
            set_header(&own, k, v);
        }
        own.into()
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/http.js")]
extern "C" {
    /// One attempt: `[kind, response, detail]` (see `js/http.js`).
    #[wasm_bindgen(js_name = attempt)]
    fn run_attempt(
        custom: &JsValue,
        url: &str,
        init: &web_sys::RequestInit,
        ms: f64,
        signal: Option<&AbortSignal>,
    ) -> js_sys::Promise;
}

/// `JSON.parse` of a body that is still a JS string; `None` when it is empty or not JSON.
fn parse(body: &js_sys::JsString) -> Option<JsValue> {
    if body.trim().length() == 0 {
        None
    } else {
        json_parse(body).ok()
    }
}

/// Parses a 2xx body with `JSON.parse` and checks 2Chat's failure envelope on the parsed value.
fn success_body(status: u16, body: &js_sys::JsString, redact: impl FnOnce(String) -> String) -> Result<JsValue, Error> {
    let parsed = parse(body);
    response::check(status, parsed.clone().map(JsJson), || redact(String::from(body)), None)?;
    Ok(parsed.unwrap_or(JsValue::NULL))
}

/// Makes both of 2Chat's spellings of a response field present, as the endpoint declares.
fn aliases(endpoint: Option<u8>, body: &JsValue) {
    let Some(op) = endpoint.and_then(crate::table::endpoint).and_then(|e| e.op()) else { return };
    if op.aliases.is_empty() {
        return;
    }
    let list = js_sys::Array::new();
    for a in op.aliases {
        let from: js_sys::Array = a.from.iter().map(|f| JsValue::from_str(f)).collect();
        list.push(&js_sys::Array::of3(&JsValue::from_str(a.at), &JsValue::from_str(a.to), &from));
    }
    apply_aliases(body, &list);
}

