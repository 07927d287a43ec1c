//! `TwoChatError`, the JavaScript face of [`crate::Error`].

use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// The JS class every rejection is an instance of.
    #[wasm_bindgen(extends = js_sys::Error, js_name = TwoChatError)]
    #[derive(Clone, Debug)]
    pub type JsTwoChatError;

    #[wasm_bindgen(constructor, js_class = TwoChatError)]
    fn new(code: &str, message: &str, status: Option<u16>, retry_after_ms: Option<f64>) -> JsTwoChatError;
}

/// Builds the JS error for `e`.
pub fn to_js(e: &Error) -> JsValue {
    JsTwoChatError::new(e.code.as_str(), &e.message, e.status, e.retry_after_ms.map(|ms| ms as f64)).into()
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        to_js(&e)
    }
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
