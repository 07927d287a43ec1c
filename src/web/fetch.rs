//! `fetch` as every runtime has it, for both clients.

use gloo_net::http::Response;
use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

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
pub async fn fetch(
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

/// Builds a request for an API call. Its answer must never come from an HTTP cache: without
/// `cache: "no-store"` a browser may answer a later call (even one with another key) with a
/// cached 404 or 410, so runtimes that refuse the option (older workerd) get the request without
/// it. A redirect would carry `X-User-API-Key` to wherever it points: it is an answer, never
/// followed.
pub fn build_request(
    method: &str,
    url: &str,
    headers: &web_sys::Headers,
    body: Option<&JsValue>,
    signal: &AbortSignal,
) -> Result<web_sys::Request, String> {
    let make = |no_store: bool| {
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        init.set_headers(headers);
        init.set_signal(Some(signal));
        if let Some(b) = body {
            init.set_body(b);
        }
        if no_store {
            init.set_cache(web_sys::RequestCache::NoStore);
        }
        init.set_redirect(web_sys::RequestRedirect::Manual);
        web_sys::Request::new_with_str_and_init(url, &init)
    };
    make(true).or_else(|_| make(false)).map_err(|e| format!("the request could not be built: {}", describe_js_error(&e)))
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
