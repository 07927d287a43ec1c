//! 2Chat's timestamps come in many formats, sometimes within one payload; this reads them all
//! into epoch milliseconds (UTC).
//!
//! - ISO 8601 with `Z`: `2023-04-17T18:50:50Z`
//! - ISO without a zone: `2024-03-09T22:00:08` (taken as UTC)
//! - `YYYY-MM-DD HH:MM:SS`, no `T`, no zone: `2022-10-31 22:05:44` (UTC)
//! - ISO with microseconds and no zone: `2026-04-10T12:08:02.318000`
//! - ISO with an offset: `2026-05-08T14:30:00+00:00`
//! - epoch seconds as a number (`1710021608`, or `1670454681.0` in message lists) or a digit string

use serde_json::Value;

use crate::retry::days_from_civil;

/// Epoch seconds below this are taken as seconds, above as milliseconds (year 2286 in seconds).
const MS_THRESHOLD: f64 = 1e10;

/// Reads any of 2Chat's timestamp forms into epoch milliseconds. `None` for `null`, `0` (2Chat's
/// "never" in `updated_at`), empty strings and anything unreadable.
pub fn to_epoch_ms(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64().and_then(epoch_number),
        Value::String(s) => parse(s),
        _ => None,
    }
}

/// Reads epoch seconds (or milliseconds, when too large to be seconds) into epoch milliseconds.
pub fn from_number(n: f64) -> Option<f64> {
    epoch_number(n)
}

fn epoch_number(n: f64) -> Option<f64> {
    if !n.is_finite() || n <= 0.0 {
        None
    } else if n < MS_THRESHOLD {
        Some((n * 1000.0).round())
    } else {
        Some(n.round())
    }
}

/// Reads `digits[.digits]` without the float parser (whose tables would weigh more in the wasm than
/// all of this module): the whole part exactly, the fraction to 15 digits, which is far below a
/// millisecond for any epoch or time of day.
fn decimal(s: &str) -> Option<f64> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.len() > 18 || (whole.is_empty() && frac.is_empty()) || frac.contains('.') {
        return None;
    }
    let mut n = 0u64;
    for b in whole.bytes() {
        n = n * 10 + u64::from(b.checked_sub(b'0').filter(|d| *d < 10)?);
    }
    let mut f = 0u64;
    let mut scale = 1u64;
    for b in frac.bytes().take(15) {
        f = f * 10 + u64::from(b.checked_sub(b'0').filter(|d| *d < 10)?);
        scale *= 10;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(n as f64 + f as f64 / scale as f64)
}

/// Parses a timestamp string (see the module docs).
pub fn parse(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return decimal(s).and_then(epoch_number);
    }
    let b = s.as_bytes();
    // `len` ASCII digits from `from` (no sign, no spaces), read without `str::parse`. Not
    // `json::parse_i64`: this runs for every timestamp of every webhook delivery, and that
    // reader's sign and overflow handling made a small delivery's parse a fifth slower.
    let num = |from: usize, len: usize| -> Option<i64> {
        b.get(from..from + len)?.iter().try_fold(0i64, |n, c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
    };
    if b.len() < 19
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, mi, sec) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    let mut millis = 0.0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        // The fraction as `decimal` reads one (to 15 digits), without building "0.…" to read.
        let (f, scale) =
            frac.bytes().take(digits.min(15)).fold((0u64, 1u64), |(f, scale), c| (f * 10 + u64::from(c - b'0'), scale * 10));
        millis = (f as f64 / scale as f64 * 1000.0).round();
        rest = frac.get(digits..)?;
    }
    let offset_min = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let o = rest.get(1..)?.replace(':', "");
            if o.len() != 4 || !o.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let digits = o.as_bytes();
            let two = |at: usize| -> Option<i64> {
                let (h, l) = (*digits.get(at)?, *digits.get(at + 1)?);
                Some(i64::from(h - b'0') * 10 + i64::from(l - b'0'))
            };
            let (oh, om) = (two(0)?, two(2)?);
            sign * (oh * 60 + om)
        }
    };
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + h * 3600 + mi * 60 + sec - offset_min * 60;
    Some(secs as f64 * 1000.0 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_documented_format() {
        let z = 1_681_757_450_000.0; // 2023-04-17T18:50:50Z
        assert_eq!(parse("2023-04-17T18:50:50Z"), Some(z));
        assert_eq!(parse("2023-04-17T18:50:50"), Some(z));
        assert_eq!(parse("2023-04-17 18:50:50"), Some(z));
        assert_eq!(parse("2023-04-17T18:50:50.318000"), Some(z + 318.0));
        assert_eq!(parse("2023-04-17T18:50:50+00:00"), Some(z));
        assert_eq!(parse("2023-04-17T20:50:50+02:00"), Some(z));
        assert_eq!(parse("2023-04-17T15:50:50-0300"), Some(z));
        assert_eq!(to_epoch_ms(&json!(1_681_757_450)), Some(z));
        assert_eq!(to_epoch_ms(&json!(1_681_757_450.0)), Some(z));
        assert_eq!(to_epoch_ms(&json!("1681757450")), Some(z));
        assert_eq!(to_epoch_ms(&json!(1_681_757_450_000u64)), Some(z));
        assert_eq!(to_epoch_ms(&json!("1681757450.25")), Some(z + 250.0));
        assert_eq!(to_epoch_ms(&json!("1681757450.")), Some(z));
        assert_eq!(parse("2023-04-17T18:50:50.5Z"), Some(z + 500.0));
        assert_eq!(parse("2023-04-17T18:50:50.0009"), Some(z + 1.0));
    }

    #[test]
    fn never_and_garbage() {
        for v in [
            json!(null),
            json!(0),
            json!(""),
            json!("soon"),
            json!("2023-13-01T00:00:00Z"),
            json!("2023-04-17T18:50"),
            json!(true),
            json!("2023-04-17T18:50:50+0"),
            json!(-5),
            json!("1.2.3"),
            json!("."),
            json!("99999999999999999999"),
        ] {
            assert_eq!(to_epoch_ms(&v), None, "{v}");
        }
    }
}
