//! Small helpers: clocks and the three timestamp formats 2Chat mixes, prefixed ids, E.164 checks.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, with sub-second precision (message `timestamp`s are floats).
pub fn now_secs_f64() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

/// Whole seconds since the Unix epoch (contact details use these).
pub fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)).unwrap_or(0)
}

/// Splits epoch seconds into a civil UTC date and time (Howard Hinnant's `civil_from_days`).
fn civil(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Every value below is already in range; the casts cannot truncate.
    (year, month as u32, day as u32, (rem / 3600) as u32, (rem % 3600 / 60) as u32, (rem % 60) as u32)
}

/// `2023-04-17T18:50:50Z`: ISO 8601 UTC, the format of `/info`, webhooks, groups and messages.
pub fn iso_z(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `2024-03-09T22:00:08`: ISO 8601 UTC without a zone, the `created_at` of newer webhook payloads.
pub fn iso_naive(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
}

/// `2022-10-31 22:05:44`: no `T`, no zone, the format of get-numbers.
pub fn sql_datetime(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

/// `2026-05-08T14:30:00+00:00`: ISO 8601 with an explicit offset (Voice SDK token expiry).
pub fn iso_offset(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+00:00")
}

/// `2026-04-10T12:08:02.318000`: ISO 8601 with microseconds and no zone (template sync).
pub fn iso_micros(secs: f64) -> String {
    // `as` saturates; the clock is never negative or absurd.
    let whole = secs.floor() as i64;
    let micros = ((secs - secs.floor()) * 1_000_000.0) as u32;
    let (y, mo, d, h, mi, s) = civil(whole);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:06}", micros.min(999_999))
}

/// `2022-10-31 22:05:44` → `2022-10-31T22:05:44Z` (the same instant in the ISO format).
pub fn sql_to_iso_z(sql: &str) -> String {
    format!("{}Z", sql.replacen(' ', "T", 1))
}

/// A deterministic id: `prefix` and a UUID-shaped string built from `n`, for seeded and generated
/// records (`CDR5eed0001-0000-4000-8000-000000000001`).
pub fn seq_id(prefix: &str, n: u64) -> String {
    format!("{prefix}5eed{:04x}-0000-4000-8000-{n:012x}", n & 0xffff)
}

/// Unpadded base64url (RFC 4648 §5), as JWTs use.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            if let Some(&c) = ALPHABET.get(index as usize) {
                out.push(char::from(c));
            }
        }
    }
    out
}

/// A human-readable rendering of an E.164 number: the country prefix the mock knows, a space,
/// then the rest (`+595 981048477`).
pub fn formatted_number(number: &str) -> String {
    COUNTRIES
        .iter()
        .find_map(|(prefix, _)| number.strip_prefix(prefix).map(|rest| format!("{prefix} {rest}")))
        .unwrap_or_else(|| number.to_owned())
}

/// The language 2Chat would guess for a number's country.
pub fn language_of(number: &str) -> &'static str {
    match number_info(number).iso_country_code {
        "PY" | "MX" | "ES" => "es",
        _ => "en",
    }
}

/// A 2Chat id: a three-letter prefix glued to a random v4 UUID (`MSG8c39a0a9-01cf-…`).
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4())
}

/// Whether `s` is E.164 as the mock checks it: `+` then 8 to 15 digits.
pub fn is_e164(s: &str) -> bool {
    match s.strip_prefix('+') {
        Some(digits) => (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

/// The digits of an E.164 number, without its `+`.
pub fn digits(number: &str) -> &str {
    number.strip_prefix('+').unwrap_or(number)
}

/// What the mock pretends to know about a number, derived from its country prefix.
pub struct NumberInfo {
    /// ISO 3166 alpha-2, or `XX` when the prefix is not one the mock knows.
    pub iso_country_code: &'static str,
    /// A plausible region.
    pub region: &'static str,
    /// IANA time zones.
    pub timezone: &'static [&'static str],
}

/// Longest prefixes first, so `+595` wins over a hypothetical `+5`.
const COUNTRIES: &[(&str, NumberInfo)] = &[
    ("+595", NumberInfo { iso_country_code: "PY", region: "Asunción", timezone: &["America/Asuncion"] }),
    ("+52", NumberInfo { iso_country_code: "MX", region: "Ciudad de México", timezone: &["America/Mexico_City"] }),
    ("+44", NumberInfo { iso_country_code: "GB", region: "London", timezone: &["Europe/London"] }),
    ("+34", NumberInfo { iso_country_code: "ES", region: "Madrid", timezone: &["Europe/Madrid"] }),
    ("+1", NumberInfo { iso_country_code: "US", region: "California", timezone: &["America/Los_Angeles"] }),
];

const UNKNOWN_COUNTRY: NumberInfo = NumberInfo { iso_country_code: "XX", region: "", timezone: &[] };

/// Country facts for an E.164 number.
pub fn number_info(number: &str) -> &'static NumberInfo {
    COUNTRIES.iter().find(|(prefix, _)| number.starts_with(prefix)).map(|(_, info)| info).unwrap_or(&UNKNOWN_COUNTRY)
}

/// Decodes `%XX` escapes of a path (not `+`, which means a plus in a path).
pub fn percent_decode_path(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_timestamps() {
        assert_eq!(iso_z(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_z(1_681_757_450), "2023-04-17T18:50:50Z");
        assert_eq!(sql_datetime(1_667_253_944), "2022-10-31 22:05:44");
        assert_eq!(iso_z(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn checks_e164() {
        assert!(is_e164("+595981048477"));
        assert!(is_e164("+12345678"));
        assert!(!is_e164("+1234567"));
        assert!(!is_e164("595981048477"));
        assert!(!is_e164("+1234567890123456"));
        assert!(!is_e164("+1 415 555"));
    }

    #[test]
    fn countries_by_prefix() {
        assert_eq!(number_info("+595981048477").iso_country_code, "PY");
        assert_eq!(number_info("+5215512345432").iso_country_code, "MX");
        assert_eq!(number_info("+14155550123").iso_country_code, "US");
        assert_eq!(number_info("+81312345678").iso_country_code, "XX");
    }

    #[test]
    fn other_formats() {
        assert_eq!(iso_offset(1_681_757_450), "2023-04-17T18:50:50+00:00");
        assert_eq!(iso_naive(1_710_021_608), "2024-03-09T22:00:08");
        assert_eq!(iso_micros(1_681_757_450.318), "2023-04-17T18:50:50.318000");
        assert_eq!(sql_to_iso_z("2022-10-31 22:05:44"), "2022-10-31T22:05:44Z");
        assert_eq!(base64url(b"{\"alg\":\"HS256\"}"), "eyJhbGciOiJIUzI1NiJ9");
        assert_eq!(base64url(b"ab"), "YWI");
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(formatted_number("+595981048477"), "+595 981048477");
        assert_eq!(seq_id("CDR", 1), "CDR5eed0001-0000-4000-8000-000000000001");
        assert_eq!(seq_id("CDR", 1).len(), 39);
    }

    #[test]
    fn decodes_paths() {
        assert_eq!(percent_decode_path("/a/%2B595/+1/%zz"), "/a/+595/+1/%zz");
        assert!(new_id("MSG").starts_with("MSG"));
        assert_eq!(new_id("MSG").len(), 39);
    }
}
