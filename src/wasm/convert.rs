//! JavaScript arguments to JSON, strictly: what cannot be sent as JSON is refused with the path
//! of the offending value instead of being turned into something else. `NaN` or `Infinity` would
//! otherwise become `null` — and `url: null` tells 2Chat to remove a profile picture. Every
//! reflective step can throw on a hostile object (a Proxy with a throwing trap, a revoked Proxy,
//! a throwing getter), so each one is caught and reported as `invalid_input`.

use js_sys::{Array, Object, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;

use crate::error::{Error, Result};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(o: &JsValue) -> std::result::Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(v: &JsValue) -> std::result::Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(v: &JsValue) -> std::result::Result<JsValue, JsValue>;
    /// `JSON.parse` on a JS string as it is: js_sys's binding takes `&str`, a copy into wasm and back.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn json_parse(text: &JsValue) -> std::result::Result<JsValue, JsValue>;
}

/// Objects nested deeper than this are refused (this also stops circular structures).
const MAX_DEPTH: usize = 32;

fn unreadable(path: &str) -> Error {
    Error::invalid(path, "could not be read (a getter or proxy trap threw)")
}

/// Reads `o[key]`, refusing a throwing getter.
pub fn get(path: &str, o: &JsValue, key: &JsValue) -> Result<JsValue> {
    Reflect::get(o, key).map_err(|_| unreadable(path))
}

/// The own enumerable string keys of `o`, as `Object.keys` gives them.
pub fn keys(path: &str, o: &JsValue) -> Result<Vec<String>> {
    let keys = object_keys(o).map_err(|_| unreadable(path))?;
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// Whether `v` is a plain object (`{ … }`, or one made with `Object.create(null)`).
pub fn is_plain_object(path: &str, v: &JsValue) -> Result<bool> {
    if !v.is_object() || v.is_function() || is_array(v).map_err(|_| unreadable(path))? {
        return Ok(false);
    }
    let proto = prototype_of(v).map_err(|_| unreadable(path))?;
    Ok(proto.is_null() || proto == JsValue::from(Object::get_prototype_of(&Object::new())))
}

/// Converts a JS value. `undefined` members of objects are left out, as `JSON.stringify` does.
pub fn to_json(field: &str, v: &JsValue) -> Result<Value> {
    convert(field, v, 0)
}

fn child(path: &str, name: &str) -> String {
    if path.is_empty() || path == "params" || path == "options" || path == "request" || path == "arguments" {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

fn convert(path: &str, v: &JsValue, depth: usize) -> Result<Value> {
    if depth > MAX_DEPTH {
        return Err(Error::invalid(path, "is nested too deeply (or refers to itself)"));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(n) = v.as_f64() {
        return number(path, n);
    }
    if v.is_function() || v.is_symbol() || v.is_bigint() {
        return Err(Error::invalid(path, "must be a plain value (string, number, boolean, array or object)"));
    }
    if is_array(v).map_err(|_| unreadable(path))? {
        let len = get(path, v, &JsValue::from_str("length"))?.as_f64().unwrap_or(0.0);
        if len > 1_000_000.0 {
            return Err(Error::invalid(path, "has too many items"));
        }
        let mut out = Vec::with_capacity(len as usize);
        for i in 0..(len as u32) {
            let p = format!("{path}[{i}]");
            let item = get(&p, v, &JsValue::from(i))?;
            if item.is_undefined() {
                return Err(Error::invalid(&p, "must not be undefined"));
            }
            out.push(convert(&p, &item, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if v.is_object() {
        // A Map, Date, Headers or class instance would convert to `{}` or lose its meaning.
        if !is_plain_object(path, v)? {
            return Err(Error::invalid(path, "must be a plain object ({ … }), not a class instance"));
        }
        let mut map = Map::new();
        for name in keys(path, v)? {
            let p = child(path, &name);
            let value = get(&p, v, &JsValue::from_str(&name))?;
            if value.is_undefined() {
                continue;
            }
            map.insert(name, convert(&p, &value, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    Err(Error::invalid(path, "must be a plain value (string, number, boolean, array or object)"))
}

fn number(path: &str, n: f64) -> Result<Value> {
    if !n.is_finite() {
        let shown = if n.is_nan() {
            "NaN"
        } else if n > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        return Err(Error::invalid(path, format_args!("must be a finite number (got {shown})")));
    }
    // Whole numbers travel as integers, so `20` is sent as `20`, not `20.0`.
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        return Ok(Value::Number(Number::from(n as i64)));
    }
    Number::from_f64(n).map(Value::Number).ok_or_else(|| Error::invalid(path, "must be a finite number"))
}
