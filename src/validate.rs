//! Input validation, run before any request is sent. Every failure names the offending field.
//!
//! Inputs arrive from JavaScript as JSON-like values, so validation works on
//! [`serde_json::Value`]: a wrong JS type (a number where a string belongs, an array for an
//! object, `null` for a required field) is caught here with a message a user can act on.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::events;

/// Whether `s` is an E.164 number as 2Chat wants it: `+` then 8 to 15 digits, no leading zero.
pub fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else { return false };
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

/// Whether `s` is an absolute http(s) URL with a host.
pub fn is_http_url(s: &str) -> bool {
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !host.starts_with(':') && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A required path argument (an id, a uuid, a session key): a non-blank string that is a safe
/// single path segment. Errors name the JS argument.
pub fn segment<'a>(field: &str, v: Option<&'a Value>) -> Result<&'a str> {
    let s = required_str(field, v)?;
    crate::request::encode_path_segment(field, s)?;
    Ok(s)
}

/// Whether `s` is a `#RGB`, `#RRGGBB` or `#RRGGBBAA` colour.
pub fn is_hex_color(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|h| matches!(h.len(), 3 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A short description of a JSON value's type, for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A required string argument (a positional one, such as a number or an id).
pub fn required_str<'a>(field: &str, v: Option<&'a Value>) -> Result<&'a str> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(Error::invalid(field, "must not be empty")),
        None | Some(Value::Null) => Err(Error::invalid(field, "is required")),
        Some(other) => Err(Error::invalid(field, format_args!("must be a string, got {}", type_name(other)))),
    }
}

/// A required E.164 number.
pub fn required_e164<'a>(field: &str, v: Option<&'a Value>) -> Result<&'a str> {
    let s = required_str(field, v)?;
    check_e164(field, s)?;
    Ok(s)
}

/// Checks that `s` is E.164.
pub fn check_e164(field: &str, s: &str) -> Result<()> {
    if is_e164(s) {
        Ok(())
    } else {
        Err(Error::invalid(field, format_args!("must be an E.164 number: '+' then 8 to 15 digits (got {})", quoted(s))))
    }
}

/// The value quoted for an error message, cut to a readable length.
pub fn quoted(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        let cut: String = s.chars().take(MAX).collect();
        format!("\"{cut}…\"")
    } else {
        format!("\"{s}\"")
    }
}

/// An object of named fields, the optional `params` argument of most methods.
#[derive(Clone, Debug)]
pub struct Fields<'a> {
    map: Option<&'a Map<String, Value>>,
    prefix: std::borrow::Cow<'a, str>,
}

impl<'a> Fields<'a> {
    /// Reads an optional object argument; `undefined` / `null` give an empty set of fields.
    pub fn optional(name: &'a str, v: Option<&'a Value>) -> Result<Self> {
        match v {
            None | Some(Value::Null) => Ok(Fields { map: None, prefix: "".into() }),
            Some(Value::Object(m)) => Ok(Fields { map: Some(m), prefix: "".into() }),
            Some(other) => Err(Error::invalid(name, format_args!("must be an object, got {}", type_name(other)))),
        }
    }

    /// Reads a required object argument.
    pub fn required(name: &'a str, v: Option<&'a Value>) -> Result<Self> {
        match v {
            None | Some(Value::Null) => Err(Error::invalid(name, "is required")),
            _ => Self::optional(name, v),
        }
    }

    /// The fields of a nested object, with a dotted prefix for messages.
    pub fn nested(map: &'a Map<String, Value>, prefix: &'a str) -> Self {
        Fields { map: Some(map), prefix: prefix.into() }
    }

    fn nested_owned(map: &'a Map<String, Value>, parent: &str, field: &str) -> Self {
        let prefix = if parent.is_empty() { field.to_string() } else { format!("{parent}.{field}") };
        Fields { map: Some(map), prefix: prefix.into() }
    }

    /// The underlying object, if one was given.
    pub fn map(&self) -> Option<&'a Map<String, Value>> {
        self.map
    }

    /// The name of a field for an error message: bare for a top-level argument, dotted inside a
    /// nested object.
    pub fn path(&self, field: &str) -> String {
        if self.prefix.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.prefix)
        }
    }

    /// A field's value; `null` counts as absent.
    pub fn get(&self, field: &str) -> Option<&'a Value> {
        self.map.and_then(|m| m.get(field)).filter(|v| !v.is_null())
    }

    /// Whether the field is present and not null.
    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    /// An optional string field.
    pub fn opt_str(&self, field: &str) -> Result<Option<&'a str>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => {
                Err(Error::invalid(&self.path(field), format_args!("must be a string, got {}", type_name(other))))
            }
        }
    }

    /// A required, non-blank string field.
    pub fn req_str(&self, field: &str) -> Result<&'a str> {
        required_str(&self.path(field), self.get(field))
    }

    /// An optional E.164 field.
    pub fn opt_e164(&self, field: &str) -> Result<Option<&'a str>> {
        let s = self.opt_str(field)?;
        if let Some(s) = s {
            check_e164(&self.path(field), s)?;
        }
        Ok(s)
    }

    /// A required E.164 field.
    pub fn req_e164(&self, field: &str) -> Result<&'a str> {
        required_e164(&self.path(field), self.get(field))
    }

    /// An optional http(s) URL field.
    pub fn opt_url(&self, field: &str) -> Result<Option<&'a str>> {
        let s = self.opt_str(field)?;
        if let Some(s) = s {
            if !is_http_url(s) {
                return Err(Error::invalid(
                    &self.path(field),
                    format_args!("must be an http(s) URL (got {})", quoted(s)),
                ));
            }
        }
        Ok(s)
    }

    /// A required http(s) URL field.
    pub fn req_url(&self, field: &str) -> Result<&'a str> {
        self.req_str(field)?;
        self.opt_url(field)?.ok_or_else(|| Error::invalid(&self.path(field), "is required"))
    }

    /// An optional boolean field.
    pub fn opt_bool(&self, field: &str) -> Result<Option<bool>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => {
                Err(Error::invalid(&self.path(field), format_args!("must be a boolean, got {}", type_name(other))))
            }
        }
    }

    /// An optional whole number within `min..=max`.
    pub fn opt_int(&self, field: &str, min: i64, max: i64) -> Result<Option<i64>> {
        let Some(v) = self.get(field) else { return Ok(None) };
        let n = match v {
            Value::Number(n) => {
                n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
            }
            _ => None,
        };
        // Above 32 bits a maximum is only a guard, not a limit of 2Chat's worth naming.
        let range =
            if max >= i64::from(u32::MAX) { format!("of at least {min}") } else { format!("between {min} and {max}") };
        match n {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            Some(n) if max >= i64::from(u32::MAX) => {
                Err(Error::invalid(&self.path(field), format_args!("must be a whole number {range} (got {n})")))
            }
            Some(n) => {
                Err(Error::invalid(&self.path(field), format_args!("must be between {min} and {max} (got {n})")))
            }
            None => Err(Error::invalid(
                &self.path(field),
                format_args!("must be a whole number {range}, got {}", describe(v)),
            )),
        }
    }

    /// An optional string field restricted to `allowed` values.
    pub fn opt_enum(&self, field: &str, allowed: &[&str]) -> Result<Option<&'a str>> {
        let s = self.opt_str(field)?;
        if let Some(s) = s {
            if !allowed.contains(&s) {
                return Err(Error::invalid(
                    &self.path(field),
                    format_args!("must be one of {} (got {})", allowed.join(", "), quoted(s)),
                ));
            }
        }
        Ok(s)
    }

    /// An optional array field.
    pub fn opt_array(&self, field: &str) -> Result<Option<&'a Vec<Value>>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a)),
            Some(other) => {
                Err(Error::invalid(&self.path(field), format_args!("must be an array, got {}", type_name(other))))
            }
        }
    }

    /// A required array field with `min..=max` items.
    pub fn req_array(&self, field: &str, min: usize, max: usize) -> Result<&'a Vec<Value>> {
        let a = self.opt_array(field)?.ok_or_else(|| Error::invalid(&self.path(field), "is required"))?;
        if a.len() < min {
            return Err(Error::invalid(&self.path(field), format_args!("needs at least {min} item(s)")));
        }
        if a.len() > max {
            return Err(Error::invalid(&self.path(field), format_args!("takes at most {max} items (got {})", a.len())));
        }
        Ok(a)
    }

    /// A required list of 1 to `max` E.164 numbers.
    pub fn req_e164_list(&self, field: &str, max: usize) -> Result<&'a Vec<Value>> {
        let items = self.req_array(field, 1, max)?;
        for (i, item) in items.iter().enumerate() {
            required_e164(&format!("{}[{i}]", self.path(field)), Some(item))?;
        }
        Ok(items)
    }

    /// A required nested object, as [`Fields`] with a dotted prefix.
    pub fn req_object(&self, field: &'a str) -> Result<Fields<'a>> {
        match self.opt_object(field)? {
            Some(m) => Ok(Fields::nested_owned(m, &self.prefix, field)),
            None => Err(Error::invalid(&self.path(field), "is required")),
        }
    }

    /// Fails when the field is present and explicitly `null` (for values 2Chat cannot clear).
    pub fn not_null(&self, field: &str) -> Result<()> {
        match self.map.and_then(|m| m.get(field)) {
            Some(Value::Null) => Err(Error::invalid(&self.path(field), "cannot be null")),
            _ => Ok(()),
        }
    }

    /// An optional string of at most `max` characters.
    pub fn opt_str_max(&self, field: &str, max: usize) -> Result<Option<&'a str>> {
        let s = self.opt_str(field)?;
        if let Some(s) = s {
            if s.chars().count() > max {
                return Err(Error::invalid(&self.path(field), format_args!("must be at most {max} characters")));
            }
        }
        Ok(s)
    }

    /// An optional object field.
    pub fn opt_object(&self, field: &str) -> Result<Option<&'a Map<String, Value>>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(other) => {
                Err(Error::invalid(&self.path(field), format_args!("must be an object, got {}", type_name(other))))
            }
        }
    }

    /// Fails when any field outside `allowed` is present: used where a stray field would change
    /// what 2Chat does (never for response-shaped data, which is always passed through).
    pub fn only(&self, allowed: &[&str]) -> Result<()> {
        if let Some(m) = self.map {
            if let Some(k) = m.keys().find(|k| !allowed.contains(&k.as_str())) {
                return Err(Error::invalid(
                    &self.path(k),
                    format_args!("is not a known option (expected {})", allowed.join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// The object with its `null` fields removed: the body 2Chat receives. Unknown fields are
    /// kept, so options 2Chat adds later can be passed before this SDK knows them.
    pub fn to_body(&self) -> Value {
        let map: Map<String, Value> = self
            .map
            .map(|m| m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        Value::Object(map)
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string {}", quoted(s)),
        other => type_name(other).to_string(),
    }
}

/// A webhook event name 2Chat knows.
pub fn event_name<'a>(field: &str, v: Option<&'a Value>) -> Result<&'a str> {
    let s = required_str(field, v)?;
    if events::is_event_name(s) {
        Ok(s)
    } else {
        Err(Error::invalid(field, format_args!("{} is not a 2Chat webhook event name", quoted(s))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn e164() {
        for ok in ["+595981048477", "+12025550123", "+44770017657", "+12345678", "+123456789012345"] {
            assert!(is_e164(ok), "{ok}");
        }
        for bad in [
            "595981048477",
            "+1234567",
            "+1234567890123456",
            "+1 202 555 0123",
            "+0123456789",
            "",
            "+",
            "++12345678",
            "+12345678a",
            "+١٢٣٤٥٦٧٨٩",
        ] {
            assert!(!is_e164(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://example.com/a.jpg"));
        assert!(is_http_url("http://127.0.0.1:8080/hook?x=1"));
        for bad in [
            "ftp://x",
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "https://a b",
            "example.com",
            "file:///etc/passwd",
            "data:text/plain,hi",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn fields_name_the_offender() {
        let v = json!({"text": 5, "n": "x", "page_number": -1, "flag": "yes", "pin": {"latitude": 1}});
        let f = Fields::optional("params", Some(&v)).unwrap();
        assert_eq!(f.opt_str("text").unwrap_err().message, "text: must be a string, got a number");
        assert!(f.req_str("missing").unwrap_err().message.starts_with("missing: is required"));
        assert!(f.opt_int("page_number", 0, 1000).unwrap_err().message.starts_with("page_number: must be between 0"));
        assert!(f.opt_bool("flag").unwrap_err().message.starts_with("flag: must be a boolean"));
        assert!(f.req_e164("n").unwrap_err().message.starts_with("n: must be an E.164 number"));
        let pin = f.opt_object("pin").unwrap().unwrap();
        let p = Fields::nested(pin, "pin");
        assert_eq!(p.opt_str("latitude").unwrap_err().message, "pin.latitude: must be a string, got a number");
    }

    #[test]
    fn wrong_argument_types() {
        assert!(Fields::optional("params", Some(&json!([1])))
            .unwrap_err()
            .message
            .contains("must be an object, got an array"));
        assert!(Fields::required("params", None).unwrap_err().message.contains("is required"));
        assert!(required_str("number", Some(&json!(12))).unwrap_err().message.contains("got a number"));
        assert!(required_str("number", Some(&json!("  "))).unwrap_err().message.contains("must not be empty"));
        assert_eq!(required_str("number", Some(&json!("+1"))).ok(), Some("+1"));
    }

    #[test]
    fn ints_accept_whole_floats_only() {
        let v = json!({"a": 2.0, "b": 2.5, "c": "2"});
        let f = Fields::optional("params", Some(&v)).unwrap();
        assert_eq!(f.opt_int("a", 0, 10).unwrap(), Some(2));
        assert!(f.opt_int("b", 0, 10).is_err());
        assert!(f.opt_int("c", 0, 10).is_err());
    }

    #[test]
    fn to_body_drops_nulls_and_keeps_unknown_fields() {
        let v = json!({"a": null, "b": 1, "future_option": true});
        let f = Fields::optional("params", Some(&v)).unwrap();
        assert_eq!(f.to_body(), json!({"b": 1, "future_option": true}));
    }

    #[test]
    fn events() {
        assert_eq!(event_name("event", Some(&json!("whatsapp.message.sent"))).unwrap(), "whatsapp.message.sent");
        assert!(event_name("event", Some(&json!("whatsapp.nope")))
            .unwrap_err()
            .message
            .contains("not a 2Chat webhook event"));
    }
}
