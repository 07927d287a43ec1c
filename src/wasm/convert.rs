//! JavaScript arguments to JSON, strictly: what cannot be sent as JSON is refused with the path
//! of the offending value instead of being turned into something else. `NaN` or `Infinity` would
//! otherwise become `null` — and `url: null` tells 2Chat to remove a profile picture.

use js_sys::{Array, Object, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Error, Result};

/// Objects nested deeper than this are refused (this also stops circular structures).
const MAX_DEPTH: usize = 32;

/// Converts a JS value. `undefined` members of objects are left out, as `JSON.stringify` does.
pub fn to_json(field: &str, v: &JsValue) -> Result<Value> {
    convert(field, v, 0)
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
    if Array::is_array(v) {
        let arr: &Array = v.unchecked_ref();
        let mut out = Vec::with_capacity(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            let p = format!("{path}[{i}]");
            if item.is_undefined() {
                return Err(Error::invalid(&p, "must not be undefined"));
            }
            out.push(convert(&p, &item, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if v.is_object() {
        let proto = Object::get_prototype_of(v);
        // A Map, Date, Headers or class instance would convert to `{}` or lose its meaning.
        if !proto.is_null() && proto != Object::get_prototype_of(&Object::new()) {
            return Err(Error::invalid(path, "must be a plain object ({ … }), not a class instance"));
        }
        let obj: &Object = v.unchecked_ref();
        let mut map = Map::new();
        for key in Object::keys(obj).iter() {
            let Some(name) = key.as_string() else { continue };
            let value = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
            if value.is_undefined() {
                continue;
            }
            let p = if path.is_empty() || path == "params" || path == "options" || path == "request" {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            map.insert(name, convert(&p, &value, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    Err(Error::invalid(path, "must be a plain value (string, number, boolean, array or object)"))
}

fn number(path: &str, n: f64) -> Result<Value> {
    if !n.is_finite() {
        return Err(Error::invalid(path, format_args!("must be a finite number (got {n})")));
    }
    // Whole numbers travel as integers, so `20` is sent as `20`, not `20.0`.
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        return Ok(Value::Number(Number::from(n as i64)));
    }
    Number::from_f64(n).map(Value::Number).ok_or_else(|| Error::invalid(path, "must be a finite number"))
}
