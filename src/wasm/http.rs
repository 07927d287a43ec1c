//! Sending requests: one attempt through gloo-net, and the retry loop around it.

use std::pin::pin;

use futures_util::future::{select, Either};
use gloo_net::http::Response;
use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};
use web_sys::{RequestCache, RequestRedirect, ResponseType};

use super::error::describe_js_error;
use super::timer::{now_ms, sleep, Fired, Watch};
use std::cell::RefCell;

use crate::config::{CallOptions, Config, LogLevel};
use crate::endpoints::Method;
use crate::error::{Error, ErrorCode};
use crate::pacing::Pacer;
use crate::request::RequestSpec;
use crate::response;
use crate::retry::{self, Decision, Failure};

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
            let _ = f.call1(&sink, &JsValue::from_str(&format!("twochat: {}", message())));
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
    pub async fn execute(&self, spec: RequestSpec, call: Call) -> Result<JsValue, Error> {
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

    async fn run(&self, spec: RequestSpec, call: Call) -> Result<JsValue, Error> {
        let url = spec.url(&self.config.base_url);
        let body = match &spec.body {
            Some(b) => Some(serde_json::to_string(b).map_err(|e| Error::invalid("body", e))?),
            None => None,
        };
        let timeout_ms = f64::from(call.options.timeout_ms.unwrap_or(self.config.timeout_ms));
        let max_retries = call.options.max_retries.unwrap_or(self.config.max_retries);
        let signal = call.signal.as_ref();
        let mut retries_done = 0u32;
        loop {
            if let Some(pacer) = &self.pacer {
                let wait = pacer.borrow_mut().reserve(now_ms());
                if wait > 0.0 {
                    self.log(LogLevel::Info, || {
                        format!("pacing: {} {} waits {wait} ms (requestsPerMinute)", spec.method.as_str(), spec.path)
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
            let started = now_ms();
            let outcome = self.attempt(&spec, &url, body.as_deref(), &call.options, timeout_ms, signal).await;
            if let Attempt::Answer { status, .. } = &outcome {
                self.log(LogLevel::Debug, || {
                    format!("← {status} {} {} in {} ms", spec.method.as_str(), spec.path, now_ms() - started)
                });
            }
            let (failure, error) = match outcome {
                Attempt::Aborted => return Err(aborted()),
                Attempt::Answer { status, retry_after, body } => {
                    let retry_after_ms = retry_after.as_deref().and_then(|v| retry::parse_retry_after(v, now_ms()));
                    if (200..300).contains(&status) {
                        let value = success_body(status, &body, |t| self.redacted(t))?;
                        super::normalize::aliases(spec.endpoint, &value);
                        return Ok(value);
                    }
                    let text = self.redacted(String::from(&body));
                    let e = match response::check(status, &text, retry_after_ms) {
                        Err(e) => e,
                        Ok(()) => {
                            Error::new(ErrorCode::Decode, format!("unexpected HTTP {status}")).with_status(status)
                        }
                    };
                    if status >= 500 && !spec.method.is_idempotent() {
                        (Failure::Status(status), with_unknown_outcome(e))
                    } else {
                        (Failure::Status(status), e)
                    }
                }
                Attempt::Redirect { status, location } => return Err(redirect_error(status, location.as_deref())),
                Attempt::Network(msg) => (Failure::Network, network_error(spec.method, &msg)),
                Attempt::Timeout => (Failure::Timeout, timeout_error(spec.method, timeout_ms)),
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

    async fn attempt(
        &self,
        spec: &RequestSpec,
        url: &str,
        body: Option<&str>,
        options: &CallOptions,
        timeout_ms: f64,
        signal: Option<&AbortSignal>,
    ) -> Attempt {
        if signal.is_some_and(AbortSignal::aborted) {
            return Attempt::Aborted;
        }
        let controller = match AbortController::new() {
            Ok(c) => c,
            Err(e) => return Attempt::Network(describe_js_error(&e)),
        };
        let mut watch = Watch::start(timeout_ms, signal, Some(&controller));
        let attempt_signal = controller.signal();
        let exchange = self.exchange(spec, url, body, options, &attempt_signal);
        let outcome = match select(pin!(exchange), pin!(watch.wait())).await {
            Either::Left((outcome, _)) => outcome,
            Either::Right((Fired::Aborted, _)) => Attempt::Aborted,
            Either::Right((Fired::Elapsed, _)) => Attempt::Timeout,
        };
        // The fetch rejects when the watch aborts it; report why it was aborted, not the rejection.
        match (watch.fired(), outcome) {
            (Some(Fired::Aborted), _) => Attempt::Aborted,
            (Some(Fired::Elapsed), Attempt::Network(_)) => Attempt::Timeout,
            (_, outcome) => outcome,
        }
    }

    /// Builds the request, once (gloo's builder would construct it twice and parse its URL).
    /// Responses of an API must never come from an HTTP cache: without `cache: "no-store"` a
    /// browser may answer a later call (even one with another key) with a cached 404 or 410.
    /// Runtimes that refuse the option (older workerd) get the request without it.
    fn build(
        &self,
        spec: &RequestSpec,
        url: &str,
        body: Option<&str>,
        options: &CallOptions,
        signal: &AbortSignal,
    ) -> Result<web_sys::Request, String> {
        let headers = web_sys::Headers::new().map_err(|e| describe_js_error(&e))?;
        let set = |k: &str, v: &str| headers.set(k, v).map_err(|e| format!("header {k}: {}", describe_js_error(&e)));
        set("Accept", "application/json")?;
        if let Some(key) = &self.config.api_key {
            set("X-User-API-Key", key.expose())?;
        }
        if body.is_some() {
            set("Content-Type", "application/json")?;
        }
        for (k, v) in self.config.default_headers.iter().chain(options.headers.iter()) {
            set(k, v)?;
        }
        let make = |no_store: bool| {
            let init = web_sys::RequestInit::new();
            init.set_method(spec.method.as_str());
            init.set_headers(&headers);
            init.set_signal(Some(signal));
            if let Some(b) = body {
                init.set_body(&JsValue::from_str(b));
            }
            if no_store {
                init.set_cache(RequestCache::NoStore);
            }
            // A redirect would carry X-User-API-Key to wherever it points; it becomes an error.
            init.set_redirect(RequestRedirect::Manual);
            web_sys::Request::new_with_str_and_init(url, &init)
        };
        make(true)
            .or_else(|_| make(false))
            .map_err(|e| format!("the request could not be built: {}", describe_js_error(&e)))
    }

    /// One HTTP exchange: send, then read the whole body.
    async fn exchange(
        &self,
        spec: &RequestSpec,
        url: &str,
        body: Option<&str>,
        options: &CallOptions,
        signal: &AbortSignal,
    ) -> Attempt {
        let request = match self.build(spec, url, body, options, signal) {
            Ok(r) => r,
            Err(msg) => return Attempt::Network(msg),
        };
        let response = fetch(self.fetch.as_ref(), &request, signal).await;
        let response = match response {
            Ok(r) => r,
            Err(msg) => return Attempt::Network(msg),
        };
        let status = response.status();
        let raw: web_sys::Response = response.into();
        if (300..400).contains(&status) || raw.type_() == ResponseType::Opaqueredirect {
            let location = raw.headers().get("location").ok().flatten();
            return Attempt::Redirect { status, location };
        }
        let retry_after = raw.headers().get("retry-after").ok().flatten();
        let text = match raw.text() {
            Ok(p) => JsFuture::from(p).await,
            Err(e) => Err(e),
        };
        match text {
            Ok(body) => Attempt::Answer { status, retry_after, body: body.unchecked_into() },
            Err(e) => Attempt::Network(format!(
                "the connection broke while reading the HTTP {status} body: {}",
                describe_js_error(&e)
            )),
        }
    }
}

/// Parses a 2xx body with `JSON.parse` and checks 2Chat's failure envelope on the parsed value.
fn success_body(status: u16, body: &js_sys::JsString, redact: impl FnOnce(String) -> String) -> Result<JsValue, Error> {
    let parsed = if body.trim().length() == 0 { None } else { super::convert::json_parse(body).ok() };
    let Some(value) = parsed else {
        // Not JSON (or empty): the core says so, with a bounded snippet of what came instead.
        let text = redact(String::from(body));
        return Err(response::check(status, &text, None)
            .err()
            .unwrap_or_else(|| Error::new(ErrorCode::Decode, "the body is not JSON").with_status(status)));
    };
    if value.is_object() && !js_sys::Array::is_array(&value) {
        let field = |k: &str| -> Option<serde_json::Value> {
            let v = js_sys::Reflect::get(&value, &JsValue::from_str(k)).ok()?;
            if let Some(b) = v.as_bool() {
                Some(serde_json::Value::Bool(b))
            } else {
                v.as_string().map(serde_json::Value::String)
            }
        };
        if let Some(message) =
            response::failure_in_success(field("success"), field("error"), field("message"), field("error_message"))
        {
            return Err(Error::new(ErrorCode::Unprocessable, message).with_status(status));
        }
    }
    Ok(value)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `fetch`, looked up when called (a test or polyfill may replace it).
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &web_sys::Request, init: &JsValue) -> Result<Promise, JsValue>;
}

/// Sends the built request with the global fetch, or the `fetch` option, and hands the answer
/// to gloo-net. The attempt's signal is in the Request and also given again in `init`: Node 20's
/// fetch (undici) follows a Request's own signal through a weak reference that a garbage
/// collection can drop, after which an abort or a timeout no longer reaches the fetch and a
/// stalled connection stays open; a signal passed in `init` is followed for the whole fetch.
/// (gloo-net's `send` has no way to pass `init`, so the call is made here.) Whatever a `fetch`
/// option throws, rejects with or resolves to becomes a value or an error, never a panic.
async fn fetch(
    custom: Option<&Function>,
    request: &web_sys::Request,
    signal: &AbortSignal,
) -> Result<Response, String> {
    let init = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&init, &JsValue::from_str("signal"), signal);
    let returned = match custom {
        None => global_fetch(request, &init).map(JsValue::from),
        Some(f) => f
            .call2(&JsValue::UNDEFINED, request, &init)
            .map_err(|e| JsValue::from_str(&format!("the fetch option threw: {}", describe_js_error(&e)))),
    }
    .map_err(|e| e.as_string().unwrap_or_else(|| describe_js_error(&e)))?;
    let settled = JsFuture::from(Promise::resolve(&returned)).await.map_err(|e| describe_js_error(&e))?;
    settled.dyn_into::<web_sys::Response>().map(Response::from).map_err(|_| match custom {
        Some(_) => "the fetch option did not resolve to a Response".to_string(),
        None => "fetch did not resolve to a Response".to_string(),
    })
}

fn redirect_error(status: u16, location: Option<&str>) -> Error {
    // Only the origin of the target is named: its path or query could hold anything.
    let target = location
        .and_then(|l| {
            l.split_once("://").map(|(scheme, rest)| (scheme, rest.split(['/', '?', '#']).next().unwrap_or("")))
        })
        .map(|(scheme, host)| format!(" to {scheme}://{host}"))
        .unwrap_or_default();
    let shown = if status == 0 { "a redirect".to_string() } else { format!("HTTP {status}") };
    let mut e = Error::new(
        ErrorCode::Network,
        format!(
            "2Chat answered {shown}{target}: redirects are not followed, so the API key is only ever sent to baseUrl"
        ),
    );
    if status != 0 {
        e = e.with_status(status);
    }
    e
}

fn aborted() -> Error {
    Error::new(ErrorCode::Aborted, "the request was aborted by its AbortSignal")
}

const UNKNOWN_OUTCOME: &str =
    ". It may or may not have been processed, so it was not repeated: 2Chat has no idempotency key";

fn with_unknown_outcome(mut e: Error) -> Error {
    e.message.push_str(UNKNOWN_OUTCOME);
    e
}

fn network_error(method: Method, msg: &str) -> Error {
    let e = Error::new(ErrorCode::Network, format!("no answer from 2Chat: {msg}"));
    if method.is_idempotent() {
        e
    } else {
        with_unknown_outcome(e)
    }
}

fn timeout_error(method: Method, timeout_ms: f64) -> Error {
    let e = Error::new(ErrorCode::Timeout, format!("no complete answer within {timeout_ms} ms"));
    if method.is_idempotent() {
        e
    } else {
        with_unknown_outcome(e)
    }
}
