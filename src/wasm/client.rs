//! The `TwoChat` class. Its resources (`client.messages`…) are made from the method table in
//! `js/resources.js`: each method is one call of [`Core::call`] with the method's index in
//! [`crate::table::OPS`], validated and planned by [`crate::check`] — no per-endpoint code.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use super::http::{Call, Inner};
use super::jsjson::{arg, build_body, get, is_present, plain, split_args, JsJson};
use crate::check::{plan, BodyPlan, Edit};
use crate::config::{CallOptions, Config};
use crate::error::{Error, Result};
use crate::json::quoted;
use crate::options::Opts;
use crate::request::{parse_method, raw_path, raw_query, RequestSpec};
use crate::table::{Method, Op, OPS, RESOURCES};

#[wasm_bindgen(module = "/js/resources.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeResource)]
    fn make_resource(core: Core, name: &str, methods: &Array) -> JsValue;
    /// `{ successful, data, error }` from a call's promise; never rejects.
    #[wasm_bindgen(js_name = toolResult)]
    fn tool_result(call: &Promise) -> Promise;
    /// The endpoint table's objects from [`endpoint_lines`].
    #[wasm_bindgen(js_name = endpointList)]
    fn endpoint_list(lines: &str) -> JsValue;
}

/// Reads per-call options (`{ signal, timeoutMs, maxRetries, headers }`).
pub(crate) fn call_options(opts: &JsValue) -> Result<Call> {
    let opts = is_present(opts).then_some(opts);
    let options = CallOptions::from_options(opts.map(|o| JsJson(o.clone())))?;
    let signal = match opts.map(|o| get(o, "signal")).filter(is_present) {
        None => None,
        Some(s) => Some(s.dyn_into::<AbortSignal>().map_err(|_| Error::invalid("signal", "must be an AbortSignal"))?),
    };
    Ok(Call { options, signal })
}

const BROWSER_KEY_WARNING: &str = "an API key is being used in a browser page, where anyone who opens it can read \
the key. 2Chat's API also refuses browser origins (CORS). Call 2Chat from a server or a Worker — a page can talk \
to a proxy that adds the key there (createProxy) — or, if you understand the risk (e.g. against twochat-mock), \
pass { dangerouslyAllowBrowser: true }.";

/// Whether this runs in a browser page (a `window` with a `document`), where a key is exposed.
fn in_browser_page() -> bool {
    let g = super::global();
    let has = |k: &str| is_present(&get(&g, k));
    has("window") && has("document")
}

/// The body of a request as a JS string: the params shaped by the plan, `JSON.stringify`-ed where
/// they are (never copied into wasm memory).
fn body(params: Option<&JsJson>, plan: &BodyPlan) -> JsValue {
    let keep = Array::new();
    for k in &plan.keep_null {
        keep.push(&JsValue::from_str(k));
    }
    let edits = Array::new();
    for e in &plan.edits {
        let (kind, name, value) = match e {
            Edit::Remove(n) => (0, *n, JsValue::UNDEFINED),
            Edit::Rename(from, to) => (1, *from, JsValue::from_str(to)),
            Edit::SetText(n, v) => (2, *n, JsValue::from_str(v)),
            Edit::Default(n, json) => (3, *n, JsValue::from_str(json)),
        };
        edits.push(&Array::of3(&JsValue::from(kind), &JsValue::from_str(name), &value));
    }
    build_body(params.map_or(&JsValue::UNDEFINED, |p| &p.0), &keep, &edits)
}

/// Validates a call of `op` with its JS arguments (`[positional…, params?, opts?]`) and describes
/// the request.
pub(crate) fn prepare(op: &'static Op, args: &Array) -> Result<(RequestSpec<JsValue>, Call)> {
    let n = op.args.len();
    let mut positional = Vec::with_capacity(n);
    for (i, a) in op.args.iter().enumerate() {
        let v = args.get(i as u32);
        plain(&v, a.js)?;
        positional.push(arg(v));
    }
    let (params, opts_at) = match op.params {
        Some(_) => (arg(args.get(n as u32)), n + 1),
        None => (None, n),
    };
    if let Some(p) = &params {
        plain(&p.0, "params")?;
    }
    let planned = plan(op, &positional, params.as_ref())?;
    let call = call_options(&args.get(opts_at as u32))?;
    let body = planned.body.as_ref().map(|b| body(params.as_ref(), b));
    Ok((RequestSpec::from_plan(&planned, body), call))
}

/// What the resources of a client call: the client's state, shared.
#[wasm_bindgen(skip_typescript)]
#[derive(Clone)]
pub struct Core(pub(crate) Rc<Inner>);

/// A method's index that is not in the table: only a broken build can send one.
fn unknown_op(op: u8) -> JsValue {
    js_sys::Error::new(&format!("twochat: no method #{op} in the endpoint table (a bug of the SDK, please report it)")).into()
}

#[wasm_bindgen]
impl Core {
    /// Runs method `op` of the table with the JS arguments as given. `kept` is the resource's
    /// store of first attempts (`js/resources.js`), where the call's first attempt may be kept for
    /// a later call with the same arguments to replay ([`super::http::Exchange::keep_first_attempt`]).
    /// With `replayed`, the call's first attempt was such a replay (`replay` in `js/http.js`) and
    /// settled as (`replayed`, `outcome`): the call is prepared again (the same arguments give the
    /// same request) and its exchange takes that outcome as its first step.
    #[wasm_bindgen(skip_typescript)]
    pub fn call(&self, op: u8, args: Array, kept: JsValue, replayed: Option<bool>, outcome: JsValue) -> Promise {
        let Some(o) = OPS.get(usize::from(op)) else { return Promise::reject(&unknown_op(op)) };
        match prepare(o, &args) {
            Ok((spec, call)) => {
                let x = self.0.exchange(spec, call);
                match replayed {
                    None => {
                        x.keep_first_attempt(&kept, op, &args);
                        super::machine::call(x)
                    }
                    Some(ok) => super::machine::resume(x.after_first_attempt(), ok, outcome),
                }
            }
            Err(e) => Promise::reject(&e.into()),
        }
    }

    /// The async iterable over every page of list method `op`.
    #[wasm_bindgen(skip_typescript)]
    pub fn iterate(&self, op: u8, args: Array) -> Result<JsValue, JsValue> {
        let o = OPS.get(usize::from(op)).ok_or_else(|| unknown_op(op))?;
        Ok(super::pager::iterate(self.clone(), o, &args))
    }
}

/// A 2Chat API client.
#[wasm_bindgen]
pub struct TwoChat {
    core: Core,
    /// Resource objects, made once: `client.messages === client.messages`, and a call does not
    /// allocate a wrapper that only the garbage collector would free.
    resources: std::cell::RefCell<Vec<(&'static str, JsValue)>>,
}

thread_local! {
    /// The method table of each resource as JS arrays (`[[name, op, iterator?]…]`), made once.
    static TABLES: std::cell::RefCell<Vec<(&'static str, Array)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn methods_of(resource: &'static str) -> Array {
    TABLES.with(|t| {
        if let Some((_, a)) = t.borrow().iter().find(|(r, _)| *r == resource) {
            return a.clone();
        }
        let list = Array::new();
        let ops = RESOURCES.iter().find(|(r, _)| *r == resource).map_or(&[][..], |(_, ops)| *ops);
        for &i in ops {
            let Some(o) = OPS.get(usize::from(i)) else { continue };
            let iterator = o.paging.map_or(JsValue::UNDEFINED, |_| JsValue::from_str(&iterator_name(o.name)));
            list.push(&Array::of3(&JsValue::from_str(o.name), &JsValue::from(i), &iterator));
        }
        t.borrow_mut().push((resource, list.clone()));
        list
    })
}

/// The iterator of a paged list method: `list` → `iterate`, `listTemplates` → `iterateTemplates`,
/// `search` → `iterateSearch`.
pub fn iterator_name(method: &str) -> String {
    match method.strip_prefix("list") {
        Some("") => "iterate".into(),
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => format!("iterate{rest}"),
        _ => {
            let mut c = method.chars();
            let first = c.next().map(|f| f.to_ascii_uppercase().to_string()).unwrap_or_default();
            format!("iterate{first}{}", c.as_str())
        }
    }
}

impl TwoChat {
    fn resource(&self, name: &'static str) -> JsValue {
        if let Some((_, v)) = self.resources.borrow().iter().find(|(n, _)| *n == name) {
            return v.clone();
        }
        let v = make_resource(self.core.clone(), name, &methods_of(name));
        self.resources.borrow_mut().push((name, v.clone()));
        v
    }
}

// The resource getters (`client.messages`…), one per resource of the declarations.
include!(concat!(env!("OUT_DIR"), "/getters.rs"));

#[wasm_bindgen]
impl TwoChat {
    /// Creates a client. Throws a `TwoChatError` (`invalid_input`) on a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "TwoChatOptions")] options: Option<JsValue>,
    ) -> std::result::Result<TwoChat, JsValue> {
        let options = options.filter(is_present);
        let config = Config::from_options(options.clone().map(JsJson))?;
        let special = |name: &str| {
            options.as_ref().map(|o| get(o, name)).filter(is_present)
        };
        let fetch = match special("fetch") {
            None => None,
            Some(f) => Some(f.dyn_into::<Function>().map_err(|_| Error::invalid("fetch", "must be a function"))?),
        };
        let logger = match special("logger") {
            None => None,
            Some(l) if l.is_object() && !l.is_function() => Some(l),
            Some(_) => {
                return Err(Error::invalid("logger", "must be an object with error/warn/info/debug functions").into())
            }
        };
        let pacer = config.requests_per_minute.map(|rpm| std::cell::RefCell::new(crate::pacing::Pacer::new(rpm)));
        let headers = super::http::header_templates(&config);
        let inner = Inner { config, fetch, logger, pacer, headers };
        if inner.config.api_key.is_some() && !inner.config.dangerously_allow_browser && in_browser_page() {
            inner.log(crate::config::LogLevel::Warn, format_args!("{BROWSER_KEY_WARNING}"));
        }
        Ok(TwoChat { core: Core(Rc::new(inner)), resources: Default::default() })
    }

    /// Calls any 2Chat endpoint, including ones this version does not wrap yet:
    /// `client.request("GET", "/open/whatsapp/get-numbers", { query: { status: "all" } })`.
    #[wasm_bindgen(unchecked_return_type = "Promise<unknown>")]
    pub fn request(
        &self,
        method: &str,
        path: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "RawRequest")] request: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        let prepared = (|| {
            let method = parse_method(method).ok_or_else(|| {
                Error::invalid("method", format_args!("must be GET, POST, PUT or DELETE (got {})", quoted(method)))
            })?;
            let path = raw_path(path)?;
            let request = request.filter(is_present);
            if let Some(r) = &request {
                plain(r, "request")?;
            }
            let o = Opts::new("request", request.clone().map(JsJson))?;
            o.only(&["query", "body"])?;
            let query = raw_query(o.get("query"))?;
            let body = o.get("body").map(|b| js_sys::JSON::stringify(&b.0).map(JsValue::from).unwrap_or(JsValue::NULL));
            if body.is_some() && method == Method::Get {
                return Err(Error::invalid("body", "a GET request cannot carry a body"));
            }
            let call = call_options(&opts.clone().unwrap_or(JsValue::UNDEFINED))?;
            Ok((RequestSpec { method, path, query, body, endpoint: None }, call))
        })();
        self.core.0.start_prepared(prepared)
    }

    /// Runs an endpoint as an LLM tool: `name` is a tool name of `twochat/tools` (or one of the
    /// connector aliases such as `_2CHAT_CREATE_CONTACT`), `args` its flat arguments. Resolves
    /// `{ successful: true, data, error: null }` or `{ successful: false, data: null, error:
    /// "<code>: <message>" }` and never rejects, whatever the input.
    #[wasm_bindgen(js_name = callTool, unchecked_return_type = "Promise<ToolResult>")]
    pub fn call_tool(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "{ [argument: string]: unknown }")] args: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        let prepared = (|| {
            let name = name.as_string().ok_or_else(|| Error::invalid("name", "must be a tool name (a string)"))?;
            let (_, op) = crate::tools::resolve(&name)?;
            let args = args.filter(is_present);
            if let Some(a) = &args {
                plain(a, "arguments")?;
                if !a.is_object() || Array::is_array(a) {
                    return Err(Error::invalid("arguments", "must be an object"));
                }
                crate::tools::check_extra(op, &crate::json::Json::keys(&JsJson(a.clone())))?;
            }
            let names: Array = crate::tools::positional(op).map(JsValue::from_str).collect();
            let split = split_args(args.as_ref().unwrap_or(&JsValue::UNDEFINED), &names);
            if op.params.is_none() {
                split.pop();
            }
            split.push(&opts.clone().unwrap_or(JsValue::UNDEFINED));
            prepare(op, &split).map_err(|e| crate::tools::wire_names(op, e))
        })();
        tool_result(&self.core.0.start_prepared(prepared))
    }

    /// The base URL requests go to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.core.0.config.base_url.clone()
    }

    /// A description without the API key.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        let c = &self.core.0.config;
        format!(
            "TwoChat {{ baseUrl: {}, apiKey: {}, timeoutMs: {}, maxRetries: {} }}",
            crate::json::literal(&c.base_url),
            if c.api_key.is_some() { "[redacted]" } else { "none" },
            c.timeout_ms,
            c.max_retries
        )
    }

    /// What `JSON.stringify(client)` shows: the settings, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "TwoChatSummary")]
    pub fn to_json(&self) -> JsValue {
        let c = &self.core.0.config;
        let o = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("baseUrl", JsValue::from_str(&c.base_url));
        set("apiKey", if c.api_key.is_some() { JsValue::from_str("[redacted]") } else { JsValue::NULL });
        set("timeoutMs", JsValue::from(c.timeout_ms));
        set("maxRetries", JsValue::from(c.max_retries));
        o.into()
    }
}

/// Reads any of 2Chat's timestamp formats (ISO with `Z`, with an offset or without a zone,
/// `YYYY-MM-DD HH:MM:SS`, microseconds, epoch seconds) into epoch milliseconds; `null` for `null`,
/// `0` ("never") and anything unreadable.
#[wasm_bindgen(js_name = parseTimestamp, unchecked_return_type = "number | null")]
pub fn parse_timestamp(
    #[wasm_bindgen(unchecked_param_type = "string | number | null | undefined")] value: JsValue,
) -> JsValue {
    let ms = if let Some(s) = value.as_string() {
        crate::time::parse(&s)
    } else {
        value.as_f64().and_then(crate::time::from_number)
    };
    ms.map_or(JsValue::NULL, JsValue::from_f64)
}

/// The endpoint table: every 2Chat endpoint this version wraps, with its HTTP method, path
/// template, the `client.<resource>.<method>` that calls it, its tool and what calling it does.
/// It crosses as one text, made into objects in JS (`endpointList` in `js/resources.js`), not
/// property by property.
#[wasm_bindgen(js_name = endpoints, unchecked_return_type = "EndpointInfo[]")]
pub fn endpoints() -> JsValue {
    endpoint_list(&endpoint_lines())
}

/// The endpoint table as text: a line per endpoint, its fields (`id`, `httpMethod`, `path`,
/// `resource`, `method`, `tool`, `effect`, `args`) separated by tabs, the arguments by commas.
/// None of the declared names holds a tab, a line break or a comma (a test holds that).
fn endpoint_lines() -> String {
    let mut text = String::with_capacity(8192);
    for e in crate::table::ENDPOINTS.iter() {
        if !text.is_empty() {
            text.push('\n');
        }
        let id = e.id;
        if id >= 100 {
            text.push(char::from(b'0' + id / 100));
        }
        if id >= 10 {
            text.push(char::from(b'0' + id / 10 % 10));
        }
        text.push(char::from(b'0' + id % 10));
        for field in [e.method.as_str(), e.path, e.resource, e.method_name, e.tool, e.effect.as_str()] {
            text.push('\t');
            text.push_str(field);
        }
        text.push('\t');
        for (i, a) in e.op().map_or(&[][..], |o| o.args).iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(a.wire);
        }
    }
    text
}

/// The size of the module's linear memory in bytes, for soak tests (it only grows; a steady value
/// under load means no leak). Not part of the typed API.
#[wasm_bindgen(js_name = wasmMemoryBytes, skip_typescript)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) as f64) * 65_536.0
}
