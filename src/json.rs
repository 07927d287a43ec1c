//! Reading JSON-like values in place. The checks of the SDK — params against their declarations,
//! webhook payloads, options — read values through [`Json`], so one implementation serves a
//! `serde_json::Value` (the Rust API, native tests, fuzzing) and the objects JavaScript hands the
//! wasm module (read field by field, never converted or copied).

/// The kinds of JSON values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool,
    /// a number
    Number,
    /// a string
    String,
    /// an array
    Array,
    /// an object
    Object,
}

impl Kind {
    /// "a string", "an object"…, for messages.
    pub const fn described(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// A JSON value as the checks read it.
pub trait Json: Sized {
    /// What this value is.
    fn kind(&self) -> Kind;
    /// An object's member; `None` when absent (or JavaScript `undefined`), and for anything that
    /// is not an object.
    fn member(&self, key: &str) -> Option<Self>;
    /// The kind of an object's member without fetching it; `None` when absent.
    fn kind_at(&self, key: &str) -> Option<Kind> {
        self.member(key).map(|m| m.kind())
    }
    /// A string's content.
    fn text(&self) -> Option<String>;
    /// A number's value.
    fn number(&self) -> Option<f64>;
    /// A boolean's value.
    fn boolean(&self) -> Option<bool>;
    /// An array's items.
    fn items(&self) -> Vec<Self>;
    /// An object's keys, in order.
    fn keys(&self) -> Vec<String>;
    /// A number as it would be written in JSON, for messages (`2.5`, `1e21`).
    fn number_text(&self) -> String;
}

impl Json for &serde_json::Value {
    fn kind(&self) -> Kind {
        use serde_json::Value::*;
        match self {
            Null => Kind::Null,
            Bool(_) => Kind::Bool,
            Number(_) => Kind::Number,
            String(_) => Kind::String,
            Array(_) => Kind::Array,
            Object(_) => Kind::Object,
        }
    }
    fn member(&self, key: &str) -> Option<Self> {
        self.get(key)
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Vec<Self> {
        self.as_array().map(|a| a.iter().collect()).unwrap_or_default()
    }
    fn keys(&self) -> Vec<String> {
        self.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
    }
    fn number_text(&self) -> String {
        self.to_string()
    }
}

/// A whole number the way 2Chat's ids and counts are: an `f64` with no fraction, within the
/// range a double holds exactly.
pub fn whole(n: f64) -> Option<i64> {
    (n.is_finite() && n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0).then_some(n as i64)
}

/// Where `needle` first occurs in `hay` (bytes). A plain search over byte windows: core's
/// substring searcher and its panic messages weigh several kilobytes in the wasm module, for
/// needles that are a few bytes long.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.as_bytes().windows(needle.len()).position(|w| w == needle.as_bytes())
}

/// `items` separated by `sep`, for messages (one plain function instead of `[T]::join`'s generic
/// code at every call site).
pub fn join(items: &[&str], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

/// `s` as a `u64`, read as `str::parse::<u64>` reads it (an optional `+`, then ASCII digits;
/// `None` when empty, signed negative or too large), without the generic integer parser.
pub fn parse_u64(s: &str) -> Option<u64> {
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u64, |n, b| {
        let d = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u64::from(d))
    })
}

/// `s` as an `i64`, read as `str::parse::<i64>` reads it (an optional sign, then ASCII digits).
pub fn parse_i64(s: &str) -> Option<i64> {
    match s.strip_prefix('-') {
        Some(rest) if !rest.starts_with('+') => {
            let n = parse_u64(rest)?;
            if n == 1 << 63 {
                Some(i64::MIN)
            } else {
                i64::try_from(n).ok().map(|n| -n)
            }
        }
        Some(_) => None,
        None => parse_u64(s).and_then(|n| i64::try_from(n).ok()),
    }
}

/// How many characters `s` has (what a length limit counts): the bytes that do not continue a
/// UTF-8 sequence. (`chars().count()` compiles a word-at-a-time counter; this is a few bytes.)
pub fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| (b & 0xC0) != 0x80).count()
}

/// `hay` with every occurrence of `needle` (not empty) replaced by `with`.
pub fn replace_all(hay: &str, needle: &str, with: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    while let Some(i) = find(rest, needle).filter(|_| !needle.is_empty()) {
        out.push_str(rest.get(..i).unwrap_or_default());
        out.push_str(with);
        rest = rest.get(i + needle.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// `hay` split around the first `needle`.
pub fn split_once<'a>(hay: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let i = find(hay, needle)?;
    Some((hay.get(..i)?, hay.get(i + needle.len()..)?))
}

/// The value quoted for an error message, cut to a readable length.
pub fn quoted(s: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::with_capacity(s.len().min(MAX * 4) + 4);
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A string as a JSON string literal (`"a \"b\""`): for messages and bodies, without the `Debug`
/// formatter (whose Unicode tables would weigh in the wasm).
pub fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                let hex = |n: u32| char::from_digit(n & 15, 16).unwrap_or('0');
                out.push(hex(c as u32 >> 4));
                out.push(hex(c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
#[test]
fn literals_escape_quotes_backslashes_and_controls() {
    assert_eq!(literal("a \"b\" \\ \n\u{1f} é"), r#""a \"b\" \\ \u000a\u001f é""#);
}

/// What a value is, for "…, got {}" messages: its kind, or for strings and numbers the value.
pub fn describe<J: Json>(v: &J) -> String {
    match v.kind() {
        Kind::Number => v.number_text(),
        Kind::String => format!("the string {}", quoted(&v.text().unwrap_or_default())),
        other => other.described().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_read_as_str_parse_reads_them() {
        let cases = [
            "", "0", "7", "+7", "-7", "+", "-", "+-7", "-+7", "007", "18446744073709551615", "18446744073709551616",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", " 7", "7 ",
            "1e3", "٣",
        ];
        for s in cases {
            assert_eq!(parse_u64(s), s.parse::<u64>().ok(), "u64 {s:?}");
            assert_eq!(parse_i64(s), s.parse::<i64>().ok(), "i64 {s:?}");
        }
    }

    #[test]
    fn reading_serde_values() {
        let v = json!({"a": [1, "x"], "b": 2.5, "c": null});
        let r = &v;
        assert_eq!(r.kind(), Kind::Object);
        assert_eq!(r.keys(), ["a", "b", "c"]);
        assert_eq!(r.kind_at("c"), Some(Kind::Null));
        assert_eq!(r.kind_at("z"), None);
        assert_eq!(r.member("a").map(|a| a.items().len()), Some(2));
        assert_eq!(describe(&r.member("b").unwrap()), "2.5");
        assert_eq!(describe(&(&json!("hi"))), "the string \"hi\"");
        assert_eq!(whole(3.0), Some(3));
        assert_eq!(whole(3.5), None);
        assert_eq!(quoted(&"x".repeat(50)).chars().count(), 43);
    }
}
