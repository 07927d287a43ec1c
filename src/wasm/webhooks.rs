//! `parseWebhook` and `WebhookRouter`: receiving 2Chat's webhook deliveries in Workers, Node and
//! any fetch-style runtime.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Request;

use super::jsjson::{get, is_present, JsJson};
use crate::web::timer::now_ms;
use crate::error::{Error, Result};
use crate::json::quoted;
use crate::options::Opts;
use crate::webhook::{self, constant_time_eq, Dedupe, Seen};

#[wasm_bindgen(module = "/js/webhooks.js")]
extern "C" {
    #[wasm_bindgen(js_name = routerNodeListener)]
    fn router_node_listener(router: WebhookRouter) -> JsValue;
    /// The body as bytes, or `null` once it passed `max_bytes` (the stream is then cancelled).
    #[wasm_bindgen(js_name = readLimited)]
    fn read_limited(request: &Request, max_bytes: f64) -> Promise;
    #[wasm_bindgen(js_name = installChecks)]
    fn install_checks(checks: &JsValue, readers: &Array);
    /// The event object of a delivery (a string, bytes or a parsed object), or `[path, message]`.
    #[wasm_bindgen(js_name = deliveryEvent)]
    fn delivery_event(body: &JsValue, hint: Option<&str>) -> JsValue;
    /// `parseWebhook(body, options)`: the event object, or `[path, message, code]`.
    #[wasm_bindgen(js_name = parseDelivery)]
    fn parse_delivery(body: &JsValue, options: &JsValue) -> JsValue;
    /// The router's answer: a JSON `Response` of `{ ok, message }`.
    fn reply(status: u16, ok: bool, message: &str) -> JsValue;
}

#[wasm_bindgen(module = "/js/checks.js")]
extern "C" {
    /// The checks of every event's payload, generated from the declarations by `build.rs`
    /// (`twochat_spec::gen::runtime::event_checks_js`).
    #[wasm_bindgen(thread_local_v2, js_name = checks)]
    static CHECKS: JsValue;
}

/// The longest timestamp string handed over through [`SCRATCH`]; longer ones cross as strings.
const SCRATCH_BYTES: usize = 64;

thread_local! {
    /// Whether `js/webhooks.js` has the event checks and the timestamp reader.
    static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where `js/webhooks.js` writes an ASCII timestamp for [`read_scratch`]: a string crossing
    /// without an allocation (a fixed buffer, never resized, so its address stays valid).
    static SCRATCH: RefCell<Vec<u8>> = RefCell::new(vec![0; SCRATCH_BYTES]);
}

/// The timestamp `js/webhooks.js` wrote into [`SCRATCH`] (its first `len` bytes), in epoch ms.
fn read_scratch(len: u32) -> f64 {
    SCRATCH.with(|s| {
        let s = s.borrow();
        let text = s.get(..len as usize).and_then(|b| std::str::from_utf8(b).ok());
        text.and_then(crate::time::parse).unwrap_or(f64::NAN)
    })
}

/// Hands `js/webhooks.js` the generated checks and the timestamp readers, once.
fn install() {
    if INSTALLED.get() {
        return;
    }
    // Made once and kept for the life of the module: JavaScript holds them from now on.
    let text = Closure::<dyn Fn(String) -> f64>::new(|s: String| crate::time::parse(&s).unwrap_or(f64::NAN));
    let number = Closure::<dyn Fn(f64) -> f64>::new(|n: f64| crate::time::from_number(n).unwrap_or(f64::NAN));
    let scratch = Closure::<dyn Fn(u32) -> f64>::new(read_scratch);
    let at = SCRATCH.with(|s| s.borrow().as_ptr() as usize);
    let readers = Array::of5(
        text.as_ref(),
        number.as_ref(),
        scratch.as_ref(),
        &wasm_bindgen::memory(),
        &JsValue::from_f64(at as f64),
    );
    CHECKS.with(|checks| install_checks(checks, &readers));
    text.forget();
    number.forget();
    scratch.forget();
    INSTALLED.set(true);
}

/// The event object `js/webhooks.js` made, or the error its `[path, message, code]` says.
fn event_or_error(event: JsValue) -> Result<JsValue> {
    if !Array::is_array(&event) {
        return Ok(event);
    }
    let a: &Array = event.unchecked_ref();
    let path = a.get(0).as_string().unwrap_or_default();
    let message = a.get(1).as_string().unwrap_or_default();
    Err(if a.get(2).as_f64() == Some(1.0) { Error::invalid(&path, message) } else { Error::invalid_webhook(&path, message) })
}

/// Checks a delivery where it is, in JavaScript, with the checks generated from the event
/// declarations (`js/checks.js`): one crossing per delivery, the payload parsed by the
/// engine's own `JSON.parse` and never copied into wasm memory.
fn checked_event(body: &JsValue, hint: Option<&str>) -> Result<JsValue> {
    install();
    event_or_error(delivery_event(body, hint))
}

/// Default largest body a router accepts (1 MiB).
pub const DEFAULT_MAX_BODY: usize = 1024 * 1024;

/// Parses a 2Chat webhook delivery into a typed event. `body` is the raw body (a string or a
/// `Uint8Array`) or an already-parsed object; `options.event` names the event when the payload
/// has no `event` field (older payloads don't). An event name this version does not know gives
/// `event: "unknown"` with the payload as sent — never an error. A body that is not a JSON
/// object, or a known field of the wrong type, throws a `TwoChatError` (`invalid_webhook`) naming
/// the field's path.
#[wasm_bindgen(js_name = parseWebhook, unchecked_return_type = "WebhookEvent")]
pub fn parse_webhook(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | { [field: string]: unknown }")]
    body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseWebhookOptions")] options: Option<JsValue>,
) -> std::result::Result<JsValue, JsValue> {
    install();
    Ok(event_or_error(parse_delivery(&body, options.as_ref().unwrap_or(&JsValue::UNDEFINED)))?)
}

enum Target {
    Name(String),
    Any,
}

struct Handler {
    target: Target,
    f: Function,
}

/// Where handled deliveries are remembered.
enum Memory {
    /// In this isolate (or process): handled and in-flight uuids, bounded in number and bytes.
    Local(RefCell<Dedupe>),
    /// A store shared by every isolate: `claim(key, ttlMs)` and `release(key)`.
    Shared { store: JsValue, claim: Function, release: Function },
}

struct RouterInner {
    token: Option<String>,
    max_body: usize,
    handlers: RefCell<Vec<Handler>>,
    error_handlers: RefCell<Vec<Function>>,
    window_ms: f64,
    memory: Memory,
}

/// Receives 2Chat's webhook deliveries: `router.handle(request)` answers a fetch `Request` (Workers,
/// Deno, Bun, Node's fetch servers); `router.nodeListener()` plugs into `http.createServer`.
///
/// 2Chat signs nothing, so a router authenticates a delivery by the `token` query parameter of its
/// hook URL (compared in constant time), and learns the event name from the URL's last path
/// segment when the payload has no `event` field. `client.webhooks.subscribe(event, { router:
/// { url, token }, on_number })` builds such URLs.
#[wasm_bindgen]
pub struct WebhookRouter {
    inner: Rc<RouterInner>,
}

/// The query parameter `name` of a URL, percent-decoded.
fn query_param(url: &str, name: &str) -> Option<String> {
    webhook::query_param(url.split_once('?')?.1, name)
}

/// The event name in the URL's last path segment, e.g. `/webhooks/whatsapp.message.received`.
fn route_event(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = crate::json::split_once(path, "://").map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let last = webhook::percent_decode(last);
    (last.contains('.') && last.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')).then_some(last)
}

/// Where a delivery stands: what the promise the last step returned was for.
enum Stage {
    /// Not started: the request to answer.
    Start(Request),
    /// Reading the body of the request at this URL.
    Body(String),
    /// The shared de-duplication store's `claim`.
    Claim,
    /// Handler `i` of the targets.
    Handler(usize),
    /// The shared store's `release`, after a handler failed.
    Release,
    /// `onError` reporter `r` on error `e`.
    Report(usize, usize),
    Over,
}

/// One webhook delivery being answered, as a state machine like a call (see
/// [`super::machine`]): each step returns the next promise to await (the body read, the store, a
/// handler, a reporter) or the `Response`. Every decision is here.
pub struct Delivery {
    router: Rc<RouterInner>,
    stage: Stage,
    event: JsValue,
    /// The de-duplication key of a delivery being claimed or claimed (settled in `finish`).
    key: Option<String>,
    /// The handlers of this event, as registered when it was claimed.
    targets: Vec<Function>,
    /// What the first failing handler threw.
    failure: Option<JsValue>,
    /// What `onError` reporters are given, in order, before the answer goes out.
    errors: Vec<JsValue>,
    /// The reporters of the error being reported, as registered when its reporting began.
    reporters: Vec<Function>,
    answer: JsValue,
}

impl Delivery {
    /// Takes how the last returned promise settled and returns the next to await, or the
    /// `Response` (see [`Delivery`]).
    pub(crate) fn step(&mut self, ok: bool, value: JsValue) -> JsValue {
        match std::mem::replace(&mut self.stage, Stage::Over) {
            Stage::Start(request) => self.begin(request),
            Stage::Body(url) => self.read(ok, value, &url),
            Stage::Claim => match value.as_bool().filter(|_| ok) {
                Some(true) => self.handlers(0),
                Some(false) => reply(200, true, "duplicate delivery: already handled"),
                None if ok => self.store_failed(
                    Error::invalid("dedupe.claim", "must resolve to true (new) or false (already claimed)").into(),
                ),
                None => self.store_failed(value),
            },
            Stage::Handler(i) if ok => self.handlers(i + 1),
            Stage::Handler(_) => {
                self.failure = Some(value);
                self.finish()
            }
            Stage::Release => {
                if !ok {
                    // The delivery was handled, but the store could not give back the claim:
                    // reported, and the answer stays what the handlers decided.
                    self.errors.push(value);
                }
                self.conclude()
            }
            // A reporter's own outcome is not looked at.
            Stage::Report(e, r) => self.report(e, r + 1),
            Stage::Over => self.answer.clone(),
        }
    }

    /// Answers what can be answered from the request line and headers; else reads the body.
    fn begin(&mut self, request: Request) -> JsValue {
        if request.method() != "POST" {
            return reply(405, false, "webhook deliveries are POST requests");
        }
        let url = request.url();
        let router = &self.router;
        if let Some(expected) = &router.token {
            let given = query_param(&url, "token").unwrap_or_default();
            if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
                return reply(401, false, "missing or wrong token");
            }
        }
        let headers = request.headers();
        let content_type = headers.get("content-type").ok().flatten().unwrap_or_default().to_ascii_lowercase();
        if crate::json::find(&content_type, "json").is_none() {
            return reply(415, false, "webhook deliveries are JSON (content-type: application/json)");
        }
        let declared = headers.get("content-length").ok().flatten().and_then(|l| crate::json::parse_u64(l.trim()));
        if declared.is_some_and(|l| l > router.max_body as u64) {
            return reply(413, false, "body too large");
        }
        // Read through the stream and stop past the limit: a chunked or lying upload is cut off
        // while it is read, not after.
        let read = read_limited(&request, router.max_body as f64);
        self.stage = Stage::Body(url);
        read.into()
    }

    /// The body is read: the event, then its claim in the de-duplication memory.
    fn read(&mut self, ok: bool, buffer: JsValue, url: &str) -> JsValue {
        if !ok {
            return reply(400, false, "the body could not be read");
        }
        if buffer.is_null() {
            return reply(413, false, "body too large");
        }
        let hint = route_event(url);
        self.event = match checked_event(&buffer, hint.as_deref()) {
            Ok(event) => event,
            Err(e) => return reply(400, false, &e.to_string()),
        };
        let uuid = get(&self.event, "uuid").as_string();
        let Some(k) = uuid.as_deref().map(|u| webhook::dedupe_key(u).into_owned()) else { return self.handlers(0) };
        let router = self.router.clone();
        let seen = match &router.memory {
            Memory::Local(d) => {
                // The clock is read before the borrow: a JS call that throws leaves no borrow behind.
                let now = now_ms();
                d.borrow_mut().begin(&k, now)
            }
            Memory::Shared { store, claim, .. } => {
                return match claim.call2(store, &JsValue::from_str(&k), &JsValue::from_f64(router.window_ms)) {
                    Ok(r) => {
                        self.key = Some(k);
                        self.stage = Stage::Claim;
                        Promise::resolve(&r).into()
                    }
                    Err(e) => self.store_failed(e),
                };
            }
        };
        match seen {
            Seen::New => {
                self.key = Some(k);
                self.handlers(0)
            }
            Seen::InFlight => reply(409, false, "this delivery is being handled"),
            _ => reply(200, true, "duplicate delivery: already handled"),
        }
    }

    /// The shared store failed: the delivery is answered 500, so 2Chat delivers it again.
    fn store_failed(&mut self, err: JsValue) -> JsValue {
        self.errors.push(err);
        self.answer = reply(500, false, "the de-duplication store failed");
        self.report(0, 0)
    }

    /// Runs the handlers from `i` on, in registration order, until one fails.
    fn handlers(&mut self, i: usize) -> JsValue {
        if i == 0 {
            let name = get(&self.event, "name").as_string();
            self.targets = self
                .router
                .handlers
                .borrow()
                .iter()
                .filter(|h| match &h.target {
                    Target::Any => true,
                    Target::Name(n) => Some(n) == name.as_ref(),
                })
                .map(|h| h.f.clone())
                .collect();
        }
        let Some(f) = self.targets.get(i) else { return self.finish() };
        match f.call1(&JsValue::UNDEFINED, &self.event) {
            Ok(r) => {
                self.stage = Stage::Handler(i);
                Promise::resolve(&r).into()
            }
            Err(e) => {
                self.failure = Some(e);
                self.finish()
            }
        }
    }

    /// The handlers are done: the claim is settled (a failure gives it back, so a redelivery is
    /// handled again).
    fn finish(&mut self) -> JsValue {
        let ok = self.failure.is_none();
        let router = self.router.clone();
        match (&router.memory, &self.key) {
            (Memory::Local(d), Some(k)) => {
                let now = now_ms();
                d.borrow_mut().finish(k, ok, now);
            }
            // A claim made by `claim` stands for the window; only a failure gives it back.
            (Memory::Shared { store, release, .. }, Some(k)) if !ok => {
                match release.call1(store, &JsValue::from_str(k)) {
                    Ok(r) => {
                        self.stage = Stage::Release;
                        return Promise::resolve(&r).into();
                    }
                    Err(e) => self.errors.push(e),
                }
            }
            _ => {}
        }
        self.conclude()
    }

    /// The answer, once what went wrong has been reported.
    fn conclude(&mut self) -> JsValue {
        self.answer = match self.failure.take() {
            None => reply(200, true, "handled"),
            Some(err) => {
                self.errors.push(err);
                reply(500, false, "a handler failed")
            }
        };
        self.report(0, 0)
    }

    /// Hands error `e` to reporter `r`, and so on through every error and reporter; then the
    /// answer. Each error goes to the reporters registered when its reporting began: an `off` or
    /// `onError` while a reporter runs changes nothing for it.
    fn report(&mut self, mut e: usize, mut r: usize) -> JsValue {
        while let Some(err) = self.errors.get(e) {
            if r == 0 {
                self.reporters = self.router.error_handlers.borrow().clone();
            }
            let Some(reporter) = self.reporters.get(r) else {
                (e, r) = (e + 1, 0);
                continue;
            };
            if let Ok(p) = reporter.call2(&JsValue::UNDEFINED, err, &self.event) {
                self.stage = Stage::Report(e, r);
                return Promise::resolve(&p).into();
            }
            r += 1;
        }
        self.answer.clone()
    }
}

fn names(v: &JsValue) -> Result<Vec<String>> {
    if let Some(s) = v.as_string() {
        return Ok(vec![s]);
    }
    if Array::is_array(v) {
        let arr: &Array = v.unchecked_ref();
        let mut out = Vec::new();
        for n in arr.iter() {
            out.push(n.as_string().ok_or_else(|| Error::invalid("names", "must be event names (strings)"))?);
        }
        return Ok(out);
    }
    Err(Error::invalid("names", "must be an event name or an array of event names"))
}

#[wasm_bindgen]
impl WebhookRouter {
    /// `new WebhookRouter({ token, maxBodyBytes?, dedupeWindowMs?, dedupeCapacity?, dedupe? })`.
    /// A router without a `token` accepts anyone's POSTs, so it is refused unless built with
    /// `allowUnauthenticated: true` (for a route protected some other way).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "WebhookRouterOptions")] options: JsValue,
    ) -> std::result::Result<WebhookRouter, JsValue> {
        let options = Some(options).filter(is_present);
        let o = Opts::new("options", options.clone().map(JsJson))?;
        o.only(&["token", "allowUnauthenticated", "maxBodyBytes", "dedupeWindowMs", "dedupeCapacity", "dedupe"])?;
        let special = options.map(|opts| get(&opts, "dedupe"));
        let token = match o.opt_str("token")? {
            Some(t) if t.len() < 16 => return Err(Error::invalid(
                "token",
                "must be at least 16 characters: it is the only thing standing between your endpoint and the internet",
            )
            .into()),
            Some(t) if !t.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b)) => {
                return Err(Error::invalid(
                    "token",
                    "may contain only letters, digits, '-', '_', '.' and '~' (it goes in a URL)",
                )
                .into())
            }
            t => t,
        };
        let open = o.opt_bool("allowUnauthenticated")?.unwrap_or(false);
        match (&token, open) {
            (None, false) => {
                return Err(Error::invalid(
                    "token",
                    "is required: without it the router accepts anyone's POSTs (make one with \
                     WebhookRouter.generateToken(), or pass allowUnauthenticated: true if the route is protected \
                     some other way)",
                )
                .into())
            }
            (Some(_), true) => {
                return Err(Error::invalid("allowUnauthenticated", "cannot be combined with a token").into());
            }
            _ => {}
        }
        let max_body = o.opt_int("maxBodyBytes", 1, 64 * 1024 * 1024)?.map_or(DEFAULT_MAX_BODY, |n| n as usize);
        let window = o.opt_int("dedupeWindowMs", 0, 7 * 24 * 3600 * 1000)?.unwrap_or(10 * 60 * 1000);
        let capacity = o.opt_int("dedupeCapacity", 0, 1_000_000)?;
        let memory = match special.filter(is_present) {
            None => Memory::Local(RefCell::new(Dedupe::new(window as f64, capacity.unwrap_or(10_000) as usize))),
            Some(_) if capacity.is_some() => {
                return Err(Error::invalid(
                    "dedupeCapacity",
                    "applies to the in-memory de-duplication only, not to a dedupe store",
                )
                .into())
            }
            Some(store) => {
                let method = |name: &str| {
                    get(&store, name).dyn_into::<Function>().ok()
                };
                match (method("claim"), method("release")) {
                    (Some(claim), Some(release)) => Memory::Shared { store, claim, release },
                    _ => return Err(Error::invalid(
                        "dedupe",
                        "must be a store with claim(key, ttlMs) and release(key) methods (see dedupeStore adapters)",
                    )
                    .into()),
                }
            }
        };
        Ok(WebhookRouter {
            inner: Rc::new(RouterInner {
                token,
                max_body,
                handlers: RefCell::new(Vec::new()),
                error_handlers: RefCell::new(Vec::new()),
                window_ms: window as f64,
                memory,
            }),
        })
    }

    /// Runs `handler(event)` for deliveries of the named event(s). Handlers may be async; they run
    /// in registration order, and the delivery is answered once they finish.
    pub fn on(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "WebhookEventName | (string & {}) | Array<WebhookEventName | (string & {})>"
        )]
        names_arg: JsValue,
        #[wasm_bindgen(unchecked_param_type = "(event: WebhookEvent) => unknown")] handler: Function,
    ) -> std::result::Result<(), JsValue> {
        for n in names(&names_arg)? {
            if n.is_empty() {
                return Err(Error::invalid("names", "must not be empty").into());
            }
            self.inner.handlers.borrow_mut().push(Handler { target: Target::Name(n), f: handler.clone() });
        }
        Ok(())
    }

    /// Runs `handler(event)` for every delivery, known or not.
    #[wasm_bindgen(js_name = onAny)]
    pub fn on_any(&self, #[wasm_bindgen(unchecked_param_type = "(event: WebhookEvent) => unknown")] handler: Function) {
        self.inner.handlers.borrow_mut().push(Handler { target: Target::Any, f: handler });
    }

    /// Runs `handler(error, event)` when a handler throws; the delivery is then answered 500 so
    /// 2Chat may deliver it again.
    #[wasm_bindgen(js_name = onError)]
    pub fn on_error(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(error: unknown, event: WebhookEvent) => unknown")] handler: Function,
    ) {
        self.inner.error_handlers.borrow_mut().push(handler);
    }

    /// Removes a handler: `off(handler)` everywhere, `off(name)` every handler of that event,
    /// `off(name, handler)` that one.
    pub fn off(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | string[] | ((event: WebhookEvent) => unknown)")] first: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "(event: WebhookEvent) => unknown")] handler: Option<Function>,
    ) -> std::result::Result<(), JsValue> {
        let mut hs = self.inner.handlers.borrow_mut();
        if let Some(f) = first.dyn_ref::<Function>() {
            hs.retain(|h| h.f != *f);
            self.inner.error_handlers.borrow_mut().retain(|e| e != f);
            return Ok(());
        }
        let ns = names(&first)?;
        hs.retain(|h| {
            let named = matches!(&h.target, Target::Name(n) if ns.contains(n));
            !(named && handler.as_ref().is_none_or(|f| *f == h.f))
        });
        Ok(())
    }

    /// Answers one delivery: 405 for a non-POST, 401 for a wrong token, 415 for a non-JSON body,
    /// 413 above the size limit, 400 for a malformed payload, 200 once the handlers finished (or
    /// for a delivery already handled), 500 only when a handler threw.
    #[wasm_bindgen(unchecked_return_type = "Promise<Response>")]
    pub fn handle(&self, #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue) -> Promise {
        let Ok(request) = request.dyn_into::<Request>() else {
            return Promise::resolve(&reply(400, false, "not a Request"));
        };
        super::machine::delivery(Delivery {
            router: self.inner.clone(),
            stage: Stage::Start(request),
            event: JsValue::UNDEFINED,
            key: None,
            targets: Vec::new(),
            failure: None,
            errors: Vec::new(),
            reporters: Vec::new(),
            answer: JsValue::UNDEFINED,
        })
    }

    /// A listener for Node's `http.createServer(router.nodeListener())`.
    #[wasm_bindgen(js_name = nodeListener, unchecked_return_type = "NodeRequestListener")]
    pub fn node_listener_js(&self) -> JsValue {
        router_node_listener(WebhookRouter { inner: self.inner.clone() })
    }

    /// The hook URL a router at `base_url` understands for `event`: the event name as the last
    /// path segment, the token as a query parameter.
    #[wasm_bindgen(js_name = hookUrl)]
    pub fn hook_url(
        #[wasm_bindgen(js_name = baseUrl)] base_url: &str,
        event: &str,
        token: &str,
    ) -> std::result::Result<String, JsValue> {
        Ok(crate::rules::router_hook_url(base_url, event, token)?)
    }

    /// A random token for a router (32 bytes from `crypto.getRandomValues`, base64url).
    #[wasm_bindgen(js_name = generateToken)]
    pub fn generate_token() -> std::result::Result<String, JsValue> {
        let crypto = get(&super::global(), "crypto");
        let fill = get(&crypto, "getRandomValues").dyn_into::<Function>().ok();
        let Some(fill) = fill else {
            return Err(Error::invalid(
                "crypto",
                format_args!(
                    "crypto.getRandomValues is not available in this runtime ({})",
                    quoted("globalThis.crypto")
                ),
            )
            .into());
        };
        let bytes = Uint8Array::new_with_length(32);
        fill.call1(&crypto, &bytes)?;
        Ok(base64url(&bytes.to_vec()))
    }
}

fn base64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            let idx = ((n >> (18 - 6 * i)) & 63) as usize;
            out.push(char::from(A.get(idx).copied().unwrap_or(b'A')));
        }
    }
    out
}
