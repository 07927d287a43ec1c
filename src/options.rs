//! Reading an options object (`new TwoChat({...})`, per-call options, a router's or a proxy's
//! options) through [`Json`], so the same checks run on a JavaScript object in place and on a
//! `serde_json::Value`. Options, unlike params, refuse names they do not know: a misspelt option
//! would otherwise be silently ignored.

use crate::error::{Error, Result};
use crate::json::{describe, quoted, whole, Json, Kind};

/// An options object, or none.
pub struct Opts<'a, J> {
    obj: Option<J>,
    prefix: &'a str,
}

impl<'a, J: Json> Opts<'a, J> {
    /// Reads an optional options argument named `name`: absent or `null` is an empty set.
    pub fn new(name: &str, v: Option<J>) -> Result<Self> {
        match v {
            None => Ok(Opts { obj: None, prefix: "" }),
            Some(o) if o.kind() == Kind::Null => Ok(Opts { obj: None, prefix: "" }),
            Some(o) if o.kind() == Kind::Object => Ok(Opts { obj: Some(o), prefix: "" }),
            Some(o) => Err(Error::invalid(name, format_args!("must be an object, got {}", o.kind().described()))),
        }
    }

    /// The options of a nested object, with a dotted prefix in messages.
    pub fn nested(obj: J, prefix: &'a str) -> Self {
        Opts { obj: Some(obj), prefix }
    }

    /// The name of a field for messages.
    pub fn path(&self, field: &str) -> String {
        if self.prefix.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.prefix)
        }
    }

    /// A field's value; `null` counts as absent.
    pub fn get(&self, field: &str) -> Option<J> {
        self.obj.as_ref().and_then(|o| o.member(field)).filter(|v| v.kind() != Kind::Null)
    }

    /// Refuses any field outside `allowed`.
    pub fn only(&self, allowed: &[&str]) -> Result<()> {
        if let Some(o) = &self.obj {
            if let Some(k) = o.keys().into_iter().find(|k| !allowed.contains(&k.as_str())) {
                return Err(Error::invalid(
                    &self.path(&k),
                    format_args!("is not a known option (expected {})", crate::json::join(allowed, ", ")),
                ));
            }
        }
        Ok(())
    }

    /// An optional string.
    pub fn opt_str(&self, field: &str) -> Result<Option<String>> {
        match self.get(field) {
            None => Ok(None),
            Some(v) if v.kind() == Kind::String => Ok(v.text()),
            Some(v) => Err(Error::invalid(&self.path(field), format_args!("must be a string, got {}", v.kind().described()))),
        }
    }

    /// A required, non-blank string.
    pub fn req_str(&self, field: &str) -> Result<String> {
        match self.opt_str(field)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            Some(_) => Err(Error::invalid(&self.path(field), "must not be empty")),
            None => Err(Error::invalid(&self.path(field), "is required")),
        }
    }

    /// An optional boolean.
    pub fn opt_bool(&self, field: &str) -> Result<Option<bool>> {
        match self.get(field) {
            None => Ok(None),
            Some(v) if v.kind() == Kind::Bool => Ok(v.boolean()),
            Some(v) => Err(Error::invalid(&self.path(field), format_args!("must be a boolean, got {}", v.kind().described()))),
        }
    }

    /// An optional whole number within `min..=max`.
    pub fn opt_int(&self, field: &str, min: i64, max: i64) -> Result<Option<i64>> {
        let Some(v) = self.get(field) else { return Ok(None) };
        let n = if v.kind() == Kind::Number { v.number().and_then(whole) } else { None };
        match n {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            Some(n) => Err(Error::invalid(&self.path(field), format_args!("must be between {min} and {max} (got {n})"))),
            None => Err(Error::invalid(
                &self.path(field),
                format_args!("must be a whole number between {min} and {max}, got {}", describe(&v)),
            )),
        }
    }

    /// An optional string among `allowed`.
    pub fn opt_enum(&self, field: &str, allowed: &[&'static str]) -> Result<Option<&'static str>> {
        match self.opt_str(field)? {
            None => Ok(None),
            Some(s) => allowed.iter().copied().find(|a| *a == s).map(Some).ok_or_else(|| {
                Error::invalid(&self.path(field), format_args!("must be one of {} (got {})", crate::json::join(allowed, ", "), quoted(&s)))
            }),
        }
    }

    /// An optional array of strings.
    pub fn opt_strings(&self, field: &str) -> Result<Option<Vec<String>>> {
        self.opt_strings_of(field, |got| format!("must be a string, got {got}"))
    }

    /// An optional array of strings; `bad_item` says what an item must be, given what it is
    /// (`a number`), when it is not a string.
    pub fn opt_strings_of(&self, field: &str, bad_item: fn(&str) -> String) -> Result<Option<Vec<String>>> {
        let Some(v) = self.get(field) else { return Ok(None) };
        if v.kind() != Kind::Array {
            return Err(Error::invalid(&self.path(field), format_args!("must be an array, got {}", v.kind().described())));
        }
        // A loop, not `collect::<Result<_>>()`: the adapter that collect needs is generic code the
        // wasm module would carry once per call site.
        let mut out = Vec::new();
        for (i, item) in v.items().iter().enumerate() {
            match item.text() {
                Some(s) => out.push(s),
                None => return Err(Error::invalid(&format!("{}[{i}]", self.path(field)), bad_item(item.kind().described()))),
            }
        }
        Ok(Some(out))
    }

    /// An optional object of string values (headers), in order.
    pub fn opt_string_map(&self, field: &str) -> Result<Vec<(String, String)>> {
        let Some(v) = self.get(field) else { return Ok(Vec::new()) };
        if v.kind() != Kind::Object {
            return Err(Error::invalid(&self.path(field), format_args!("must be an object, got {}", v.kind().described())));
        }
        let mut out = Vec::new();
        for k in v.keys() {
            let Some(item) = v.member(&k) else { continue };
            match item.kind() {
                Kind::String => out.push((k, item.text().unwrap_or_default())),
                other => {
                    return Err(Error::invalid(
                        &format!("{}.{k}", self.path(field)),
                        format_args!("must be a string, got {}", other.described()),
                    ))
                }
            }
        }
        Ok(out)
    }
}
