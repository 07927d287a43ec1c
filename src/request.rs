//! Request descriptions: what to send, independent of how it is sent.

use crate::check::Plan;
use crate::error::{Error, Result};
use crate::json::{quoted, whole, Json, Kind};
use crate::table::Method;

/// One HTTP request to 2Chat, validated and encoded; `B` is the body as the transport holds it
/// (JSON text natively, a JavaScript string in the npm package).
#[derive(Clone, Debug, PartialEq)]
pub struct RequestSpec<B = String> {
    /// HTTP method.
    pub method: Method,
    /// Encoded path from the host, e.g. `/open/whatsapp/messages/+595981048477`.
    pub path: String,
    /// Query parameters, not yet encoded.
    pub query: Vec<(String, String)>,
    /// The JSON body, if any.
    pub body: Option<B>,
    /// The endpoint-table id, when the request targets a known endpoint.
    pub endpoint: Option<u8>,
}

impl<B> RequestSpec<B> {
    /// The request a validated plan describes, with its body made by the caller.
    pub fn from_plan(plan: &Plan, body: Option<B>) -> Self {
        RequestSpec {
            method: plan.endpoint.method,
            path: plan.path.clone(),
            query: plan.query.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect(),
            body,
            endpoint: Some(plan.endpoint.id),
        }
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.query.push((name.to_string(), value.into()));
        self
    }

    /// The path and encoded query string, e.g. `/open/contacts?page_number=1`.
    pub fn path_and_query(&self) -> String {
        let mut out = String::with_capacity(self.path.len());
        self.push_path_and_query(&mut out);
        out
    }

    fn push_path_and_query(&self, out: &mut String) {
        out.push_str(&self.path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            encode_query_component(k, out);
            out.push('=');
            encode_query_component(v, out);
        }
    }

    /// The full URL on `base_url` (which may carry a path prefix, as a proxy's does). Made with
    /// `push_str`, not `format!`: it runs on every call.
    pub fn url(&self, base_url: &str) -> String {
        let base = base_url.trim_end_matches('/');
        let mut out = String::with_capacity(base.len() + self.path.len());
        out.push_str(base);
        self.push_path_and_query(&mut out);
        out
    }
}

/// Parses a method name, case-insensitively.
pub fn parse_method(s: &str) -> Option<Method> {
    match s.to_ascii_uppercase().as_str() {
        "GET" => Some(Method::Get),
        "POST" => Some(Method::Post),
        "PUT" => Some(Method::Put),
        "DELETE" => Some(Method::Delete),
        _ => None,
    }
}

/// Whether repeating a request of this method cannot change anything on 2Chat's side twice.
pub const fn is_idempotent(m: Method) -> bool {
    matches!(m, Method::Get | Method::Delete)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_pct(out: &mut String, b: u8) {
    out.push('%');
    out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
    out.push(char::from(HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0')));
}

/// Validates and percent-encodes one path segment.
///
/// 2Chat puts the `+` of an E.164 number literally into paths (`/messages/+595981048477`), and
/// session keys carry `@c.us`, so `+` and `@` stay as they are; anything that could change which
/// resource is addressed (`/`, `\`, `.`/`..`, `%`, `?`, `#`, and `;`, which some servers and
/// proxies read as the start of path parameters, so that `..;` climbs a level) is refused instead
/// of encoded.
pub fn encode_path_segment(field: &str, value: &str) -> Result<String> {
    if value.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if value == "." || value == ".." {
        return Err(Error::invalid(field, format_args!("{} is not a valid identifier", quoted(value))));
    }
    if let Some(c) =
        value.chars().find(|c| matches!(c, '/' | '\\' | '%' | '?' | '#' | ';') || c.is_whitespace() || c.is_control())
    {
        return Err(Error::invalid(
            field,
            format_args!("must not contain {} (got {})", describe_char(c), quoted(value)),
        ));
    }
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'+'
                    | b'@'
                    | b':'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b','
                    | b'='
            )
        {
            out.push(char::from(b));
        } else {
            push_pct(&mut out, b);
        }
    }
    Ok(out)
}

fn describe_char(c: char) -> String {
    if c.is_whitespace() {
        "whitespace".to_string()
    } else if c.is_control() {
        "control characters".to_string()
    } else {
        format!("'{c}'")
    }
}

/// Percent-encodes a query-string component. A `+` becomes `%2B`: a raw `+` in a query string
/// decodes as a space on most servers, which would turn `+595…` into ` 595…`.
pub fn encode_query_component(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            push_pct(out, b);
        }
    }
}

/// Validates the path given to `client.request(method, path, …)`, the escape hatch for endpoints
/// not wrapped yet: an absolute path on the API host, free of traversal and of a query string.
pub fn raw_path(path: &str) -> Result<String> {
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(Error::invalid("path", format_args!("must start with a single '/' (got {})", quoted(path))));
    }
    if let Some(c) = path.chars().find(|c| matches!(c, '?' | '#' | '\\' | ';') || c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(
            "path",
            format_args!("must not contain {}; pass query parameters in options.query", describe_char(c)),
        ));
    }
    for seg in path.split('/') {
        let decoded = crate::json::replace_all(&crate::json::replace_all(seg, "%2e", "."), "%2E", ".");
        if decoded == "." || decoded == ".." {
            return Err(Error::invalid(
                "path",
                format_args!("must not contain '.' or '..' segments (got {})", quoted(path)),
            ));
        }
        if ["%2f", "%2F", "%5c", "%5C"].iter().any(|n| crate::json::find(seg, n).is_some()) {
            return Err(Error::invalid(
                "path",
                format_args!("must not contain an encoded '/' or '\\' (got {})", quoted(path)),
            ));
        }
    }
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                push_pct(&mut out, b);
            }
        }
    }
    Ok(out)
}

/// Turns the `query` option of `client.request` into parameters: strings, finite numbers and
/// booleans; arrays repeat the key.
pub fn raw_query<J: Json>(v: Option<J>) -> Result<Vec<(String, String)>> {
    let Some(map) = v.filter(|v| v.kind() != Kind::Null) else { return Ok(Vec::new()) };
    if map.kind() != Kind::Object {
        return Err(Error::invalid("query", format_args!("must be an object, got {}", map.kind().described())));
    }
    let mut out = Vec::new();
    for k in map.keys() {
        let Some(v) = map.member(&k) else { continue };
        let scalar = |v: &J| -> Result<Option<String>> {
            match v.kind() {
                Kind::Null => Ok(None),
                Kind::String => Ok(v.text()),
                Kind::Bool => Ok(v.boolean().map(|b| b.to_string())),
                Kind::Number => Ok(Some(v.number().and_then(whole).map_or_else(|| v.number_text(), |n| n.to_string()))),
                other => Err(Error::invalid(
                    &format!("query.{k}"),
                    format_args!("must be a string, number or boolean, got {}", other.described()),
                )),
            }
        };
        if v.kind() == Kind::Array {
            for item in v.items() {
                if let Some(s) = scalar(&item)? {
                    out.push((k.clone(), s));
                }
            }
        } else if let Some(s) = scalar(&v)? {
            out.push((k.clone(), s));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(path: &str) -> RequestSpec {
        RequestSpec { method: Method::Get, path: path.into(), query: Vec::new(), body: None, endpoint: None }
    }

    #[test]
    fn plus_in_query_is_encoded() {
        let r = spec("/open/whatsapp/get-numbers").query("from_number", "+595 981").query("a&b", "x=y");
        assert_eq!(r.path_and_query(), "/open/whatsapp/get-numbers?from_number=%2B595%20981&a%26b=x%3Dy");
    }

    #[test]
    fn traversal_and_separators_are_refused() {
        for bad in ["..", ".", "a/b", "../x", "a%2Fb", "a\\b", "a?b", "a#b", "a b", "", "x\n", "..;", "a;b", ";"] {
            let e = encode_path_segment("group_uuid", bad).unwrap_err();
            assert_eq!(e.code().as_str(), "invalid_input", "{bad:?}");
            assert!(e.message().starts_with("group_uuid:"), "{bad:?} -> {}", e.message());
        }
    }

    #[test]
    fn other_bytes_are_percent_encoded() {
        assert_eq!(encode_path_segment("x", "WW-WPN1-52155@c.us").unwrap(), "WW-WPN1-52155@c.us");
        assert_eq!(encode_path_segment("x", "+595981048477").unwrap(), "+595981048477");
        assert_eq!(encode_path_segment("x", "añ\"<").unwrap(), "a%C3%B1%22%3C");
    }

    #[test]
    fn url_joins_base_with_or_without_slash_and_prefix() {
        let r = spec("/open/info");
        assert_eq!(r.url("https://api.p.2chat.io/"), "https://api.p.2chat.io/open/info");
        assert_eq!(r.url("https://proxy.example/2chat"), "https://proxy.example/2chat/open/info");
    }

    #[test]
    fn raw_paths() {
        assert_eq!(raw_path("/open/whatsapp/messages/+1555").unwrap(), "/open/whatsapp/messages/+1555");
        assert_eq!(raw_path("/open/ñ").unwrap(), "/open/%C3%B1");
        for bad in [
            "open/info",
            "//evil.example/x",
            "/open/../admin",
            "/open/%2e%2e/x",
            "/open/a%2Fb",
            "/open/info?x=1",
            "/a b",
            "/open/./x",
            "/open/..;/admin",
            "/open/info;jsessionid=1",
        ] {
            assert!(raw_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn raw_queries() {
        let v = json!({"a": "+1", "b": 2, "c": true, "d": null, "e": ["x", "y"], "f": 2.5});
        let q = raw_query(Some(&v)).unwrap();
        assert_eq!(
            q,
            vec![
                ("a".into(), "+1".into()),
                ("b".into(), "2".into()),
                ("c".into(), "true".into()),
                ("e".into(), "x".into()),
                ("e".into(), "y".into()),
                ("f".into(), "2.5".into())
            ]
        );
        assert!(raw_query(Some(&json!({"a": {"b": 1}}))).unwrap_err().message().starts_with("query.a:"));
        assert!(raw_query(Some(&json!("a=1"))).is_err());
    }
}
