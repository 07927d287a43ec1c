//! JavaScript values read in place by the crate's checks ([`crate::json::Json`]), and the helpers
//! of `js/values.js` that shape what crosses into a request.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Error;
use crate::json::{Json, Kind};

#[wasm_bindgen(module = "/js/values.js")]
extern "C" {
    #[wasm_bindgen(js_name = plainProblem)]
    fn plain_problem(v: &JsValue, path: &str) -> JsValue;
    #[wasm_bindgen(js_name = buildBody)]
    pub(crate) fn build_body(params: &JsValue, keep_null: &Array, edits: &Array) -> JsValue;
    #[wasm_bindgen(js_name = pageParams)]
    pub(crate) fn page_params(params: &JsValue, page_key: &str, page: f64, per_page: Option<f64>) -> JsValue;
    #[wasm_bindgen(js_name = splitArgs)]
    pub(crate) fn split_args(args: &JsValue, names: &Array) -> Array;
    #[wasm_bindgen(js_name = applyAliases)]
    pub(crate) fn apply_aliases(body: &JsValue, aliases: &Array);
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(v: &JsValue) -> i32;
    #[wasm_bindgen(js_name = kindAt)]
    fn kind_at(o: &JsValue, key: &JsValue) -> i32;
    #[wasm_bindgen(js_name = numberText)]
    fn js_string(v: &JsValue) -> String;
    /// `JSON.parse` on a JS string as it is (js_sys's binding takes `&str`: a copy into wasm and
    /// back); `undefined` when it is not JSON.
    #[wasm_bindgen(js_name = parseOrUndefined)]
    fn parse_or_undefined(text: &JsValue) -> JsValue;
    /// `Reflect.get`, `undefined` where it would throw.
    #[wasm_bindgen(js_name = memberOf)]
    fn member_of(o: &JsValue, key: &JsValue) -> JsValue;
    /// `o[name]`, or `undefined` where reading it would throw or `o` is not an object: how the
    /// module reads a member of an options object, a store, the global object or an answer.
    #[wasm_bindgen(js_name = memberOf)]
    pub(crate) fn get(o: &JsValue, name: &str) -> JsValue;
}

/// Whether a JS value is given: neither `undefined` nor `null` (an absent option or argument).
pub(crate) fn is_present(v: &JsValue) -> bool {
    !v.is_undefined() && !v.is_null()
}

/// `JSON.parse` of a JS string; `None` when it is not JSON. A blank text is not JSON either:
/// `JSON.parse` refuses it, so a large body is never trimmed first.
pub(crate) fn json_parse(text: &JsValue) -> Option<JsValue> {
    let v = parse_or_undefined(text);
    (!v.is_undefined()).then_some(v)
}

/// Refuses what `JSON.stringify` would silently change (`NaN`, a `Date`, a function…), naming
/// its path; `name` is the argument's name.
pub fn plain(v: &JsValue, name: &str) -> Result<(), Error> {
    let problem = plain_problem(v, name);
    if problem.is_null() || problem.is_undefined() {
        return Ok(());
    }
    let p: &Array = problem.unchecked_ref();
    let path = p.get(0).as_string().unwrap_or_else(|| name.to_string());
    let message = p.get(1).as_string().unwrap_or_default();
    Err(Error::invalid(&path, message))
}

thread_local! {
    /// JS strings for the field names the checks read: made once, not on every lookup (each `&str`
    /// crossing into JS is a UTF-8 decode). Looked up by address first (the tables' names are
    /// static), then by content.
    static KEYS: std::cell::RefCell<Vec<(usize, Box<str>, JsValue)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The JS string of a field name.
fn key(k: &str) -> JsValue {
    let addr = k.as_ptr() as usize;
    KEYS.with(|keys| {
        if let Some((_, _, v)) = keys.borrow().iter().find(|(a, s, _)| *a == addr && **s == *k) {
            return v.clone();
        }
        if let Some((_, _, v)) = keys.borrow().iter().find(|(_, s, _)| **s == *k) {
            return v.clone();
        }
        let v = JsValue::from_str(k);
        let mut keys = keys.borrow_mut();
        // The names of the declarations are a few hundred; anything past that is not cached.
        if keys.len() < 1024 && k.len() <= 64 {
            keys.push((addr, k.into(), v.clone()));
        }
        v
    })
}

/// A JavaScript value as the checks read it.
#[derive(Clone, Debug)]
pub struct JsJson(pub JsValue);

/// The kind `kindOf` (`js/values.js`) gives as a bit; `None` for an absent value.
fn kind(code: i32) -> Option<Kind> {
    match code {
        1 => Some(Kind::Null),
        2 => Some(Kind::Bool),
        4 => Some(Kind::Number),
        8 => Some(Kind::String),
        16 => Some(Kind::Array),
        32 => Some(Kind::Object),
        _ => None,
    }
}

impl Json for JsJson {
    fn kind(&self) -> Kind {
        kind(kind_of(&self.0)).unwrap_or(Kind::Null)
    }
    fn member(&self, name: &str) -> Option<Self> {
        let v = member_of(&self.0, &key(name));
        (!v.is_undefined()).then_some(JsJson(v))
    }
    fn kind_at(&self, name: &str) -> Option<Kind> {
        kind(kind_at(&self.0, &key(name)))
    }
    fn text(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Vec<Self> {
        self.0.dyn_ref::<Array>().map(|a| a.iter().map(JsJson).collect()).unwrap_or_default()
    }
    fn keys(&self) -> Vec<String> {
        if !self.0.is_object() {
            return Vec::new();
        }
        js_sys::Object::keys(self.0.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()).collect()
    }
    fn number_text(&self) -> String {
        // JavaScript's own number formatting: none is compiled into the module.
        js_string(&self.0)
    }
}

/// A positional argument: `undefined` and `null` are absent.
pub fn arg(v: JsValue) -> Option<JsJson> {
    is_present(&v).then_some(JsJson(v))
}
