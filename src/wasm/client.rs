//! The `TwoChat` class and its resource getters.

use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

use super::http::{Call, Inner};
use crate::config::{CallOptions, Config};
use crate::endpoints::Method;
use crate::error::{Error, Result};
use crate::request::{raw_path, raw_query, RequestSpec};
use crate::validate::{quoted, Fields};

/// Converts a JS argument to JSON; `undefined` and `null` become `None`.
pub(crate) fn arg(field: &str, v: &JsValue) -> Result<Option<Value>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    super::convert::to_json(field, v).map(Some)
}

/// Converts a method's JS arguments, naming each in its error.
pub(crate) fn args<const N: usize>(named: [(&str, Option<&JsValue>); N]) -> Result<[Option<Value>; N]> {
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    for ((name, v), slot) in named.into_iter().zip(out.iter_mut()) {
        if let Some(v) = v {
            *slot = arg(name, v)?;
        }
    }
    Ok(out)
}

pub(crate) fn opt_arg(field: &str, v: &Option<JsValue>) -> Result<Option<Value>> {
    match v {
        Some(v) => arg(field, v),
        None => Ok(None),
    }
}

/// Reads an options object that may hold non-JSON members (`fetch`, `signal`): those are taken
/// out by name, the rest is converted to JSON for the native validators.
pub(crate) fn split_options(
    field: &str,
    v: &Option<JsValue>,
    special: &[&str],
) -> Result<(Option<Value>, Vec<JsValue>)> {
    let Some(v) = v.as_ref().filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok((None, special.iter().map(|_| JsValue::UNDEFINED).collect()));
    };
    if !super::convert::is_plain_object(field, v)? {
        return Err(Error::invalid(field, "must be an object"));
    }
    let mut map = Map::new();
    let mut taken = vec![JsValue::UNDEFINED; special.len()];
    for name in super::convert::keys(field, v)? {
        let value = super::convert::get(&name, v, &JsValue::from_str(&name))?;
        if let Some(i) = special.iter().position(|s| *s == name) {
            if let Some(slot) = taken.get_mut(i) {
                *slot = value;
            }
            map.insert(name, Value::Null);
        } else if !value.is_undefined() {
            map.insert(name.clone(), super::convert::to_json(&name, &value)?);
        }
    }
    Ok((Some(Value::Object(map)), taken))
}

pub(crate) fn call_options(opts: &Option<JsValue>) -> Result<Call> {
    let (json, special) = split_options("options", opts, &["signal"])?;
    let options = CallOptions::from_options(json.as_ref())?;
    let signal = match special.into_iter().next() {
        None => None,
        Some(s) if s.is_undefined() || s.is_null() => None,
        Some(s) => Some(s.dyn_into::<AbortSignal>().map_err(|_| Error::invalid("signal", "must be an AbortSignal"))?),
    };
    Ok(Call { options, signal })
}

const BROWSER_KEY_WARNING: &str = "an API key is being used in a browser page, where anyone who opens it can read \
the key. 2Chat's API also refuses browser origins (CORS). Call 2Chat from a server or a Worker — a page can talk \
to a small proxy that adds the key there (see examples/worker) — or, if you understand the risk (e.g. against \
twochat-mock), pass { dangerouslyAllowBrowser: true }.";

/// Whether this runs in a browser page (a `window` with a `document`), where a key is exposed.
fn in_browser_page() -> bool {
    let g = js_sys::global();
    let has = |k: &str| Reflect::get(&g, &JsValue::from_str(k)).is_ok_and(|v| !v.is_undefined() && !v.is_null());
    has("window") && has("document")
}

/// Shared by the client and every resource: validates, sends, and returns a Promise.
#[derive(Clone)]
pub(crate) struct Handle(pub(crate) Rc<Inner>);

impl Handle {
    /// Runs `spec` (or rejects with its validation error) as a Promise.
    pub(crate) fn call(&self, spec: Result<RequestSpec>, opts: &Option<JsValue>) -> Promise {
        let inner = self.0.clone();
        let call = call_options(opts);
        future_to_promise(async move {
            let spec = spec?;
            let call = call?;
            Ok(inner.execute(spec, call).await?)
        })
    }
}

/// A 2Chat API client.
#[wasm_bindgen]
pub struct TwoChat {
    handle: Handle,
    /// Resource objects, made once: `client.messages === client.messages`, and a call does not
    /// allocate a wrapper that only the garbage collector would free.
    resources: std::cell::RefCell<Vec<(&'static str, JsValue)>>,
}

/// Typed access from Rust (the wasm tests use it): new handles on the same client state as the JS
/// getters' objects.
#[allow(missing_docs)]
impl TwoChat {
    pub fn account_api(&self) -> super::resources::Account {
        super::resources::Account(self.handle.clone())
    }
    pub fn numbers_api(&self) -> super::resources::Numbers {
        super::resources::Numbers(self.handle.clone())
    }
    pub fn messages_api(&self) -> super::resources::Messages {
        super::resources::Messages(self.handle.clone())
    }
    pub fn groups_api(&self) -> super::resources::Groups {
        super::resources::Groups(self.handle.clone())
    }
    pub fn contacts_api(&self) -> super::resources::Contacts {
        super::resources::Contacts(self.handle.clone())
    }
    pub fn webhooks_api(&self) -> super::resources::Webhooks {
        super::resources::Webhooks(self.handle.clone())
    }
}

impl TwoChat {
    fn resource<T: Into<JsValue>>(&self, name: &'static str, make: impl FnOnce(Handle) -> T) -> JsValue {
        if let Some((_, v)) = self.resources.borrow().iter().find(|(n, _)| *n == name) {
            return v.clone();
        }
        let v: JsValue = make(self.handle.clone()).into();
        self.resources.borrow_mut().push((name, v.clone()));
        v
    }
}

#[wasm_bindgen]
impl TwoChat {
    /// Creates a client. Throws a `TwoChatError` (`invalid_input`) on a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "TwoChatOptions")] options: Option<JsValue>,
    ) -> std::result::Result<TwoChat, JsValue> {
        let (json, special) = split_options("options", &options, &["fetch", "logger"])?;
        let config = Config::from_options(json.as_ref())?;
        let mut special = special.into_iter();
        let fetch = match special.next() {
            None => None,
            Some(f) if f.is_undefined() || f.is_null() => None,
            Some(f) => Some(f.dyn_into::<Function>().map_err(|_| Error::invalid("fetch", "must be a function"))?),
        };
        let logger = match special.next() {
            Some(l) if l.is_object() && !l.is_function() => Some(l),
            Some(l) if l.is_undefined() || l.is_null() => None,
            None => None,
            Some(_) => {
                return Err(Error::invalid("logger", "must be an object with error/warn/info/debug functions").into())
            }
        };
        let pacer = config.requests_per_minute.map(|rpm| std::cell::RefCell::new(crate::pacing::Pacer::new(rpm)));
        let inner = Inner { config, fetch, logger, pacer };
        if inner.config.api_key.is_some() && !inner.config.dangerously_allow_browser && in_browser_page() {
            inner.log(crate::config::LogLevel::Warn, || BROWSER_KEY_WARNING.to_string());
        }
        Ok(TwoChat { handle: Handle(Rc::new(inner)), resources: Default::default() })
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
        let spec = (|| {
            let method = Method::parse(method).ok_or_else(|| {
                Error::invalid("method", format_args!("must be GET, POST, PUT or DELETE (got {})", quoted(method)))
            })?;
            let path = raw_path(path)?;
            let req = opt_arg("request", &request)?;
            let f = Fields::optional("request", req.as_ref())?;
            f.only(&["query", "body"])?;
            let query = raw_query(f.get("query"))?;
            let body = f.get("body").cloned();
            if body.is_some() && method == Method::Get {
                return Err(Error::invalid("body", "a GET request cannot carry a body"));
            }
            Ok(RequestSpec { method, path, query, body, endpoint: None })
        })();
        self.handle.call(spec, &opts)
    }

    /// Account, limits and usage.
    #[wasm_bindgen(getter, unchecked_return_type = "Account")]
    pub fn account(&self) -> JsValue {
        self.resource("account", super::resources::Account)
    }

    /// The account's users.
    #[wasm_bindgen(getter, unchecked_return_type = "Users")]
    pub fn users(&self) -> JsValue {
        self.resource("users", super::resources::Users)
    }

    /// Voice SDK access tokens.
    #[wasm_bindgen(getter, unchecked_return_type = "Voice")]
    pub fn voice(&self) -> JsValue {
        self.resource("voice", super::resources::Voice)
    }

    /// Connected WhatsApp numbers.
    #[wasm_bindgen(getter, unchecked_return_type = "Numbers")]
    pub fn numbers(&self) -> JsValue {
        self.resource("numbers", super::resources::Numbers)
    }

    /// WhatsApp channels and their connection.
    #[wasm_bindgen(getter, unchecked_return_type = "Channels")]
    pub fn channels(&self) -> JsValue {
        self.resource("channels", super::resources::Channels)
    }

    /// Sending and reading messages.
    #[wasm_bindgen(getter, unchecked_return_type = "Messages")]
    pub fn messages(&self) -> JsValue {
        self.resource("messages", super::resources::Messages)
    }

    /// Conversations of a channel.
    #[wasm_bindgen(getter, unchecked_return_type = "Conversations")]
    pub fn conversations(&self) -> JsValue {
        self.resource("conversations", super::resources::Conversations)
    }

    /// The connected number's profile.
    #[wasm_bindgen(getter, unchecked_return_type = "Profile")]
    pub fn profile(&self) -> JsValue {
        self.resource("profile", super::resources::Profile)
    }

    /// WhatsApp status posts.
    #[wasm_bindgen(getter, unchecked_return_type = "Status")]
    pub fn status(&self) -> JsValue {
        self.resource("status", super::resources::Status)
    }

    /// WhatsApp groups.
    #[wasm_bindgen(getter, unchecked_return_type = "Groups")]
    pub fn groups(&self) -> JsValue {
        self.resource("groups", super::resources::Groups)
    }

    /// The WhatsApp Business catalog.
    #[wasm_bindgen(getter, unchecked_return_type = "Catalog")]
    pub fn catalog(&self) -> JsValue {
        self.resource("catalog", super::resources::Catalog)
    }

    /// The contact book.
    #[wasm_bindgen(getter, unchecked_return_type = "Contacts")]
    pub fn contacts(&self) -> JsValue {
        self.resource("contacts", super::resources::Contacts)
    }

    /// Webhook subscriptions.
    #[wasm_bindgen(getter, unchecked_return_type = "Webhooks")]
    pub fn webhooks(&self) -> JsValue {
        self.resource("webhooks", super::resources::Webhooks)
    }

    /// WhatsApp Business API numbers, templates and messages.
    #[wasm_bindgen(getter, unchecked_return_type = "Waba")]
    pub fn waba(&self) -> JsValue {
        self.resource("waba", super::resources::Waba)
    }

    /// Phone calls, virtual numbers and caller IDs.
    #[wasm_bindgen(getter, unchecked_return_type = "Calls")]
    pub fn calls(&self) -> JsValue {
        self.resource("calls", super::resources::Calls)
    }

    /// SMS.
    #[wasm_bindgen(getter, unchecked_return_type = "Sms")]
    pub fn sms(&self) -> JsValue {
        self.resource("sms", super::resources::Sms)
    }

    /// Searching, reserving and buying virtual numbers.
    #[wasm_bindgen(getter, js_name = phoneNumbers, unchecked_return_type = "PhoneNumbers")]
    pub fn phone_numbers(&self) -> JsValue {
        self.resource("phone_numbers", super::resources::PhoneNumbers)
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
        let spec = (|| {
            let name = name.as_string().ok_or_else(|| Error::invalid("name", "must be a tool name (a string)"))?;
            let args = opt_arg("arguments", &args)?;
            crate::api::tools::request(&name, args.as_ref())
        })();
        let inner = self.handle.0.clone();
        let call = call_options(&opts);
        future_to_promise(async move {
            let outcome = match (spec, call) {
                (Ok(spec), Ok(call)) => inner.execute(spec, call).await,
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            let envelope = Object::new();
            let set = |k: &str, v: &JsValue| {
                let _ = Reflect::set(&envelope, &JsValue::from_str(k), v);
            };
            match outcome {
                Ok(data) => {
                    set("successful", &JsValue::TRUE);
                    set("data", &data);
                    set("error", &JsValue::NULL);
                }
                Err(e) => {
                    set("successful", &JsValue::FALSE);
                    set("data", &JsValue::NULL);
                    set("error", &JsValue::from_str(&format!("{}: {}", e.code, e.message)));
                }
            }
            Ok(envelope.into())
        })
    }

    /// The base URL requests go to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.handle.0.config.base_url.clone()
    }

    /// A description without the API key.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        let c = &self.handle.0.config;
        format!(
            "TwoChat {{ baseUrl: {:?}, apiKey: {}, timeoutMs: {}, maxRetries: {} }}",
            c.base_url,
            if c.api_key.is_some() { "[redacted]" } else { "none" },
            c.timeout_ms,
            c.max_retries
        )
    }

    /// What `JSON.stringify(client)` shows: the settings, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "TwoChatSummary")]
    pub fn to_json(&self) -> JsValue {
        let c = &self.handle.0.config;
        let o = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("baseUrl", JsValue::from_str(&c.base_url));
        set("apiKey", if c.api_key.is_some() { JsValue::from_str("[redacted]") } else { JsValue::NULL });
        set("timeoutMs", JsValue::from_f64(f64::from(c.timeout_ms)));
        set("maxRetries", JsValue::from_f64(f64::from(c.max_retries)));
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
    let v = if let Some(s) = value.as_string() {
        Value::String(s)
    } else if let Some(n) = value.as_f64() {
        serde_json::Number::from_f64(n).map(Value::Number).unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    crate::time::to_epoch_ms(&v).map_or(JsValue::NULL, JsValue::from_f64)
}

/// The endpoint table: every 2Chat endpoint this version wraps, with its HTTP method, path
/// template and the `client.<resource>.<method>` that calls it.
#[wasm_bindgen(js_name = endpoints, unchecked_return_type = "EndpointInfo[]")]
pub fn endpoints() -> JsValue {
    let list = js_sys::Array::new();
    for e in crate::endpoints::ENDPOINTS {
        let o = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("id", JsValue::from(e.id));
        set("httpMethod", JsValue::from_str(e.method.as_str()));
        set("path", JsValue::from_str(e.path));
        set("resource", JsValue::from_str(e.resource));
        set("method", JsValue::from_str(e.method_name));
        set("tool", JsValue::from_str(e.tool));
        set("summary", JsValue::from_str(e.summary));
        set("effect", JsValue::from_str(e.effect.as_str()));
        list.push(&o);
    }
    list.into()
}

/// The size of the module's linear memory in bytes: a figure for soak tests and dashboards (it
/// only grows; a steady value under load means no leak).
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) as f64) * 65_536.0
}
