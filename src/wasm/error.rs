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
    JsTwoChatError::new(e.code().as_str(), e.message(), e.status(), e.retry_after_ms().map(|ms| ms as f64)).into()
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        to_js(&e)
    }
}

pub use crate::web::fetch::describe_js_error;
