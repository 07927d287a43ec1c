//! `createProxy`: a key-injecting proxy for pages, safe by default (see [`crate::proxy`]).

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::jsjson::{get, is_present};
use crate::error::Error;

#[wasm_bindgen(module = "/js/proxy.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeProxy)]
    fn make_proxy(config: &JsValue) -> JsValue;
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

/// Creates a proxy that lets a web page use 2Chat without holding the API key: a fetch handler
/// `(request: Request) => Promise<Response>` for Workers, Deno and Bun (`proxy.nodeListener()`
/// for Node's `http.createServer`). Closed by default: only the listed `origins` may call it (403
/// otherwise, and for requests without an `Origin`), only reads are forwarded unless `allow`
/// names more — and anything beyond reads requires an `authorize(request, call)` hook that checks
/// the site's own user. Webhook subscriptions are never forwarded. Paths are matched against the
/// endpoint table's templates; `;`, `//` and encoded separators are refused; answers are always
/// JSON with `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`.
#[wasm_bindgen(js_name = createProxy, unchecked_return_type = "ProxyHandler")]
pub fn create_proxy(
    #[wasm_bindgen(unchecked_param_type = "ProxyOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let given = is_present(&options).then(|| options.clone());
    let special = |name: &str| given.as_ref().map(|o| get(o, name));
    let function = |name: &str, v: Option<JsValue>| -> Result<Option<Function>, Error> {
        match v {
            None => Ok(None),
            Some(v) if !is_present(&v) => Ok(None),
            Some(v) => v.dyn_into::<Function>().map(Some).map_err(|_| Error::invalid(name, "must be a function")),
        }
    };
    let authorize = function("authorize", special("authorize"))?;
    let fetch = function("fetch", special("fetch"))?;
    let plan = crate::proxy::plan(given.clone().map(super::jsjson::JsJson), authorize.is_some())?;
    let api_key = special("apiKey")
        .and_then(|k| k.as_string())
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| Error::invalid("apiKey", "is required (a non-empty string)"))?;
    let config = Object::new();
    set(&config, "apiKey", &JsValue::from_str(&api_key));
    let origins = Array::new();
    for o in &plan.origins {
        origins.push(&JsValue::from_str(o));
    }
    set(&config, "origins", &origins);
    let routes = Array::new();
    for e in &plan.routes {
        let r = Object::new();
        set(&r, "id", &JsValue::from(e.id));
        set(&r, "tool", &JsValue::from_str(e.tool));
        set(&r, "method", &JsValue::from_str(e.method.as_str()));
        set(&r, "path", &JsValue::from_str(e.path));
        let segments = Array::new();
        for seg in e.path.split('/') {
            segments.push(&if seg.starts_with('{') { JsValue::NULL } else { JsValue::from_str(seg) });
        }
        set(&r, "segments", &segments);
        routes.push(&r);
    }
    set(&config, "routes", &routes);
    set(&config, "baseUrl", &JsValue::from_str(&plan.base_url));
    set(&config, "prefix", &JsValue::from_str(&plan.prefix));
    set(&config, "maxBodyBytes", &JsValue::from_f64(plan.max_body as f64));
    set(&config, "timeoutMs", &JsValue::from_f64(plan.timeout_ms as f64));
    if let Some(f) = authorize {
        set(&config, "authorize", &f);
    }
    if let Some(f) = fetch {
        set(&config, "fetch", &f);
    }
    Ok(make_proxy(&config))
}
