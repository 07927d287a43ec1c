//! Sending requests: a call is an [`Exchange`], a state machine of attempts, waits and retries
//! that `run` in `js/http.js` steps (see [`super::machine`]); a redirect's or a failure's headers
//! are read through gloo-net.

use gloo_net::http::Response;
use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use std::cell::RefCell;
use std::rc::Rc;

use super::jsjson::{apply_aliases, get, json_parse, JsJson};
use crate::config::{CallOptions, Config, LogLevel};
use crate::error::Error;
use crate::outcome::{aborted, answer_error, network_error, redirect_error, timeout_error};
use crate::pacing::Pacer;
use crate::request::RequestSpec;
use crate::response;
use crate::retry::{self, Decision, Failure};
use crate::table::Method;
use crate::web::fetch::{describe_js_error, headers_object, no_store, set_header};
use crate::web::timer::now_ms;

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
    /// The message is formatted only when it is logged.
    #[inline(never)]
    pub fn log(&self, level: LogLevel, message: std::fmt::Arguments<'_>) {
        if level == LogLevel::Off || level > self.config.log_level {
            return;
        }
        let sink = match &self.logger {
            Some(l) => l.clone(),
            None => get(&super::global(), "console"),
        };
        let f = get(&sink, level.as_str()).dyn_into::<Function>().ok();
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

    /// Starts a call: `run` (`js/http.js`) steps an [`Exchange`] through its attempts and waits,
    /// and the returned promise settles with the parsed body or a `TwoChatError`. Every decision
    /// (pacing, retries, errors, logs) is the exchange's, but one: a plain success (a 2xx of JSON
    /// without a failure flag) is settled by `attempt` when the exchange asks it to.
    pub fn start(self: &Rc<Self>, spec: RequestSpec<JsValue>, call: Call) -> Promise {
        super::machine::call(self.exchange(spec, call))
    }

    /// The exchange of a prepared call, before its first step.
    pub fn exchange(self: &Rc<Self>, spec: RequestSpec<JsValue>, call: Call) -> Exchange {
        Exchange {
            url: spec.url(&self.config.base_url),
            headers: self.headers(spec.body.is_some(), &call.options),
            timeout_ms: f64::from(call.options.timeout_ms.unwrap_or(self.config.timeout_ms)),
            max_retries: call.options.max_retries.unwrap_or(self.config.max_retries),
            signal: call.signal,
            inner: self.clone(),
            spec,
            retries_done: 0,
            waiting: Waiting::Start,
        }
    }

    /// Starts a prepared call, or rejects with what made it unpreparable (nothing is sent).
    pub fn start_prepared(self: &Rc<Self>, prepared: Result<(RequestSpec<JsValue>, Call), Error>) -> Promise {
        match prepared {
            Ok((spec, call)) => self.start(spec, call),
            Err(e) => Promise::reject(&e.into()),
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
    /// One attempt: `[kind * 1000 + status, response, detail]` (see `js/http.js`), with the init
    /// made on the rules of [`crate::web::fetch::request_init`]. `method` is the [`Method`]'s
    /// number ([`method_number`]), so no string crosses for it. With `settle`, a success the
    /// module would take as it is (a 2xx of JSON without a failure flag) ends the call there:
    /// `run` returns its parsed body, and the exchange takes no step for it.
    #[wasm_bindgen(js_name = attempt)]
    fn run_attempt(
        custom: &JsValue,
        url: &str,
        method: u8,
        headers: &JsValue,
        body: Option<&JsValue>,
        no_store: bool,
        ms: f64,
        signal: Option<&AbortSignal>,
        settle: bool,
    ) -> Promise;
    /// Resolves `true` after `ms`, `false` as soon as `signal` aborts.
    fn wait(ms: f64, signal: Option<&AbortSignal>) -> Promise;
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/resources.js")]
extern "C" {
    /// Keeps, in `kept[op]`, the first attempt of a call of `op` with `args` (see `js/resources.js`).
    #[wasm_bindgen(js_name = keepAttempt)]
    fn keep_attempt(
        kept: &JsValue,
        op: u8,
        args: &js_sys::Array,
        custom: &JsValue,
        url: &str,
        method: u8,
        headers: &JsValue,
        no_store: bool,
        ms: f64,
    );
}

/// A method's number in `METHODS` (js/http.js), which lists them in this order; a method added to
/// [`Method`] fails to compile here until it has its number there.
const fn method_number(m: Method) -> u8 {
    match m {
        Method::Get => 0,
        Method::Post => 1,
        Method::Put => 2,
        Method::Delete => 3,
    }
}

/// Parses a 2xx body with `JSON.parse` and checks 2Chat's failure envelope on the parsed value.
fn success_body(status: u16, body: &js_sys::JsString, redact: impl FnOnce(String) -> String) -> Result<JsValue, Error> {
    let parsed = json_parse(body);
    response::check(status, parsed.clone().map(JsJson), || redact(String::from(body)), None)?;
    Ok(parsed.unwrap_or(JsValue::NULL))
}

/// The method of `endpoint` (none for `request`), when there is one.
fn op_of(endpoint: Option<u8>) -> Option<&'static crate::table::Op> {
    endpoint.and_then(crate::table::endpoint).and_then(|e| e.op())
}

/// Whether the endpoint's responses have spellings to fill ([`aliases`]).
fn has_aliases(endpoint: Option<u8>) -> bool {
    op_of(endpoint).is_some_and(|op| !op.aliases.is_empty())
}

/// Makes both of 2Chat's spellings of a response field present, as the endpoint declares.
fn aliases(endpoint: Option<u8>, body: &JsValue) {
    let Some(op) = op_of(endpoint) else { return };
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

/// What the exchange last asked the driver to await, so the next step knows what its outcome means.
enum Waiting {
    /// Nothing yet: the first step.
    Start,
    /// A wait for `requestsPerMinute`; then the attempt.
    Pace,
    /// The wait before a retry; then pacing and the attempt.
    Backoff,
    /// An attempt, started at this clock reading (0 unless the debug log times it).
    Attempt(f64),
}

/// One call in flight, as a state machine (see [`super::machine`]): each step takes the outcome of
/// the promise the last one returned and returns the next to await, or the call's body.
pub struct Exchange {
    inner: Rc<Inner>,
    spec: RequestSpec<JsValue>,
    url: String,
    /// The headers of every attempt, as fetch's `init.headers`.
    headers: JsValue,
    /// The caller's signal.
    signal: Option<AbortSignal>,
    timeout_ms: f64,
    max_retries: u32,
    retries_done: u32,
    waiting: Waiting,
}

impl Exchange {
    /// Takes how the last returned promise settled (nothing on the first step; a wait's whether
    /// it ran to its end; an attempt's `[kind * 1000 + status, response, detail]`: neither is
    /// meant to reject) and returns the next promise to await, or the body when the call is done;
    /// or the call's `TwoChatError`.
    pub(crate) fn step(&mut self, ok: bool, outcome: JsValue) -> Result<JsValue, JsValue> {
        match self.advance(ok, outcome) {
            Ok(next) => Ok(next),
            Err(e) => {
                let e = match &self.inner.config.api_key {
                    Some(k) => e.redact(k.expose()),
                    None => e,
                };
                let spec = &self.spec;
                self.inner.log(LogLevel::Info, format_args!("{} {} failed: {e}", spec.method.as_str(), spec.path));
                Err(e.into())
            }
        }
    }

    fn advance(&mut self, ok: bool, outcome: JsValue) -> Result<JsValue, Error> {
        match self.waiting {
            Waiting::Start => {}
            Waiting::Pace | Waiting::Backoff if !outcome.is_truthy() => return Err(aborted()),
            Waiting::Pace => return Ok(self.attempt()),
            Waiting::Backoff => self.retries_done += 1,
            Waiting::Attempt(started) => match self.answer(ok, outcome, started)? {
                Ok(body) => return Ok(body),
                Err(ms) => {
                    self.waiting = Waiting::Backoff;
                    return Ok(wait(ms, self.signal.as_ref()).into());
                }
            },
        }
        let inner = &self.inner;
        if let Some(pacer) = &inner.pacer {
            // The clock is read before the borrow: a JS call that throws leaves no borrow behind.
            let now = now_ms();
            let wait = pacer.borrow_mut().reserve(now);
            if wait > 0.0 {
                let spec = &self.spec;
                let (method, path, ms) = (spec.method.as_str(), &spec.path, wait as u64);
                inner.log(LogLevel::Info, format_args!("pacing: {method} {path} waits {ms} ms (requestsPerMinute)"));
                self.waiting = Waiting::Pace;
                return Ok(self::wait(wait, self.signal.as_ref()).into());
            }
        }
        Ok(self.attempt())
    }

    /// Whether `attempt` may settle a success: the module has no debug log to write for it and
    /// no aliases of the endpoint to fill.
    fn settles(&self) -> bool {
        self.inner.config.log_level < LogLevel::Debug && !has_aliases(self.spec.endpoint)
    }

    /// Keeps this call's first attempt in `kept` (the resource's store in `js/resources.js`; an
    /// array only that module holds, so the assignment cannot throw; `undefined` for a call made
    /// some other way, and nothing is kept) when a later call with the same `args` would make the
    /// very same one and could leave its success to `attempt`: its first step does nothing but
    /// that attempt (no pacing, no debug log, no caller's signal), a success needs nothing of the
    /// module (see [`Self::settles`]), and the request has no body (a body is made from a params
    /// object, which is never kept).
    pub(crate) fn keep_first_attempt(&self, kept: &JsValue, op: u8, args: &js_sys::Array) {
        if kept.is_undefined()
            || self.inner.pacer.is_some()
            || self.signal.is_some()
            || self.spec.body.is_some()
            || !self.settles()
        {
            return;
        }
        let (custom, method) = (self.fetch_option(), method_number(self.spec.method));
        keep_attempt(kept, op, args, &custom, &self.url, method, &self.headers, no_store(), self.timeout_ms);
    }

    /// What an attempt hands `attempt` as its fetch: the client's `fetch` option, or null for the
    /// global fetch.
    fn fetch_option(&self) -> JsValue {
        self.inner.fetch.as_ref().map_or(JsValue::NULL, JsValue::from)
    }

    /// The exchange of a call whose first attempt was made from what [`Self::keep_first_attempt`]
    /// kept: its first step takes that attempt's outcome.
    pub(crate) fn after_first_attempt(mut self) -> Self {
        self.waiting = Waiting::Attempt(0.0);
        self
    }

    /// Asks for an attempt.
    fn attempt(&mut self) -> JsValue {
        let (inner, spec) = (&self.inner, &self.spec);
        let (method, path, n, of) = (spec.method.as_str(), &spec.path, self.retries_done + 1, self.max_retries + 1);
        inner.log(LogLevel::Debug, format_args!("→ {method} {path} (attempt {n} of {of})"));
        // The clock is read only when the debug log will say how long the attempt took.
        self.waiting = Waiting::Attempt(if inner.config.log_level >= LogLevel::Debug { now_ms() } else { 0.0 });
        let (custom, url, method, body) =
            (self.fetch_option(), &self.url, method_number(spec.method), spec.body.as_ref());
        let (settle, signal) = (self.settles(), self.signal.as_ref());
        run_attempt(&custom, url, method, &self.headers, body, no_store(), self.timeout_ms, signal, settle).into()
    }

    /// What an attempt's outcome means: the body (`Ok(Ok)`), a retry after so many milliseconds
    /// (`Ok(Err)`), or the call's error.
    fn answer(&self, ok: bool, outcome: JsValue, started: f64) -> Result<Result<JsValue, f64>, Error> {
        let (inner, spec) = (&self.inner, &self.spec);
        let attempt = if ok {
            read_attempt(inner, &outcome)
        } else {
            // Only a fault of `attempt` itself (a throwing `then` getter, say) rejects its promise.
            Attempt::Network(format!("the attempt could not run: {}", describe_js_error(&outcome)))
        };
        if let Attempt::Answer { status, .. } = &attempt {
            // `started` is 0 unless the debug log is on, and then the clock is read.
            let took = if started > 0.0 { (now_ms() - started) as u64 } else { 0 };
            let (method, path) = (spec.method.as_str(), &spec.path);
            inner.log(LogLevel::Debug, format_args!("← {status} {method} {path} in {took} ms"));
        }
        let (failure, error) = match attempt {
            Attempt::Aborted => return Err(aborted()),
            Attempt::Answer { status, retry_after, body } => {
                let retry_after_ms = retry_after.as_deref().and_then(|v| retry::parse_retry_after(v, now_ms()));
                if (200..300).contains(&status) {
                    let value = success_body(status, &body, |t| inner.redacted(t))?;
                    aliases(spec.endpoint, &value);
                    return Ok(Ok(value));
                }
                let parsed = json_parse(&body).map(JsJson);
                answer_error(spec.method, status, parsed, || inner.redacted(String::from(&body)), retry_after_ms)
            }
            Attempt::Redirect { status, location } => return Err(redirect_error(status, location.as_deref())),
            Attempt::Network(msg) => (Failure::Network, network_error(spec.method, &msg)),
            Attempt::Timeout => (Failure::Timeout, timeout_error(spec.method, self.timeout_ms as u64)),
        };
        let jitter = js_sys::Math::random();
        match retry::decide(spec.method, failure, self.retries_done, self.max_retries, error.retry_after_ms(), jitter) {
            Decision::GiveUp => Err(error),
            Decision::RetryAfter(ms) => {
                let (method, path, code) = (spec.method.as_str(), &spec.path, error.code());
                inner.log(LogLevel::Info, format_args!("retrying {method} {path} in {ms} ms after {code}"));
                Ok(Err(ms as f64))
            }
        }
    }
}

/// Reads what `attempt` in `js/http.js` resolved to: `[kind * 1000 + status, response, detail]`.
fn read_attempt(inner: &Inner, outcome: &JsValue) -> Attempt {
    // What `attempt` resolves to here is always an array (a Done never reaches a step), with a
    // status for every Response.
    let outcome: &js_sys::Array = outcome.unchecked_ref();
    let detail = || describe_js_error(&outcome.get(2));
    let code = outcome.get(0).as_f64().unwrap_or(2000.0) as u32;
    let (kind, status) = (code / 1000, (code % 1000) as u16);
    match kind {
        0 | 1 | 7 => {
            // A header is read only for a redirect or a failure; the Response is taken then.
            let header = |name: &str| {
                let response = outcome.get(1).dyn_into::<web_sys::Response>().ok().map(Response::from)?;
                response.headers().get(name)
            };
            match kind {
                1 => Attempt::Redirect { status, location: header("location") },
                7 => {
                    Attempt::Network(format!("the connection broke while reading the HTTP {status} body: {}", detail()))
                }
                _ => {
                    let body = outcome.get(2).unchecked_into();
                    // Only a failure's wait matters: a success's headers are not read.
                    let retry_after = if (200..300).contains(&status) { None } else { header("retry-after") };
                    Attempt::Answer { status, retry_after, body }
                }
            }
        }
        3 => Attempt::Timeout,
        4 => Attempt::Aborted,
        5 => Attempt::Network(format!("the fetch option threw: {}", detail())),
        6 => Attempt::Network(match inner.fetch {
            Some(_) => "the fetch option did not resolve to a Response".to_string(),
            None => "fetch did not resolve to a Response".to_string(),
        }),
        8 => Attempt::Network(format!("the request could not be built: {}", detail())),
        _ => Attempt::Network(detail()),
    }
}
