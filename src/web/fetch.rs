//! `fetch` as every runtime has it, for both clients.

use gloo_net::http::Response;
use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `fetch`, looked up when called (a test or polyfill may replace it).
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &web_sys::RequestInit) -> Result<Promise, JsValue>;
}

/// Sends a request with the global fetch, as `fetch(url, init)`, and hands the answer to gloo-net.
/// No `Request` object is built first: fetch builds its own from `url` and `init`, and a second one
/// (with its own signal and headers list) would double that work on every attempt. The attempt's
/// signal in `init` is followed for the whole exchange, Node 20's fetch (undici) included.
/// (The npm package's client sends its attempts through `attempt` in `js/http.js`, which also
/// serves its `fetch` option and makes its init on the rules of [`request_init`].)
pub async fn fetch(url: &str, init: &web_sys::RequestInit) -> Result<Response, String> {
    let returned = global_fetch(url, init).map_err(|e| e.as_string().unwrap_or_else(|| describe_js_error(&e)))?;
    let settled = JsFuture::from(returned).await.map_err(|e| describe_js_error(&e))?;
    settled.dyn_into::<web_sys::Response>().map(Response::from).map_err(|_| "fetch did not resolve to a Response".to_string())
}

thread_local! {
    /// Whether this runtime's fetch takes `cache: "no-store"`, once probed.
    static NO_STORE: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// Whether `cache: "no-store"` may be asked for: older workerd refuses the option (building a
/// Request with it throws), so it is probed once, with a Request that is never sent.
pub fn no_store() -> bool {
    if let Some(known) = NO_STORE.get() {
        return known;
    }
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoStore);
    let known = web_sys::Request::new_with_str_and_init("https://no-store.invalid/", &init).is_ok();
    NO_STORE.set(Some(known));
    known
}

/// The `init` of an API call's fetch. Its answer must never come from an HTTP cache: without
/// `cache: "no-store"` a browser may answer a later call (even one with another key) with a
/// cached 404 or 410 (runtimes that refuse the option get the request without it). A redirect
/// would carry `X-User-API-Key` to wherever it points: it is an answer, never followed.
/// `headers` is a plain object of lower-case names.
pub fn request_init(
    method: &str,
    headers: &JsValue,
    body: Option<&JsValue>,
    signal: Option<&AbortSignal>,
) -> web_sys::RequestInit {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_headers(headers);
    if signal.is_some() {
        init.set_signal(signal);
    }
    if let Some(b) = body {
        init.set_body(b);
    }
    if no_store() {
        init.set_cache(web_sys::RequestCache::NoStore);
    }
    init.set_redirect(web_sys::RequestRedirect::Manual);
    init
}

/// Headers as the plain object `request_init` takes: names in lower case, so a later name
/// replaces an earlier one whatever its case (as `Headers.set` does).
pub fn headers_object<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        set_header(&o, k, v);
    }
    o
}

/// Sets a header in such an object, by its lower-case name.
pub fn set_header(headers: &js_sys::Object, name: &str, value: &str) {
    let _ = js_sys::Reflect::set(headers, &JsValue::from_str(&name.to_ascii_lowercase()), &JsValue::from_str(value));
}

/// A short description of a JS exception, e.g. `TypeError: fetch failed (ECONNREFUSED)`.
pub fn describe_js_error(v: &JsValue) -> String {
    let Some(err) = v.dyn_ref::<js_sys::Error>() else {
        return v.as_string().unwrap_or_else(|| "a non-Error value was thrown".to_string());
    };
    let mut out = format!("{}: {}", String::from(err.name()), String::from(err.message()));
    // Node's fetch hides the reason (ECONNREFUSED, UND_ERR_SOCKET…) in `cause`.
    let cause = err.cause();
    if !cause.is_undefined() && !cause.is_null() {
        let code = js_sys::Reflect::get(&cause, &JsValue::from_str("code")).ok().and_then(|c| c.as_string());
        let msg = cause.dyn_ref::<js_sys::Error>().map(|c| String::from(c.message()));
        match (code, msg) {
            (Some(c), _) => out.push_str(&format!(" ({c})")),
            (None, Some(m)) if !m.is_empty() => out.push_str(&format!(" ({m})")),
            _ => {}
        }
    }
    out
}
