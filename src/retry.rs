//! When to try a request again, and how long to wait first.
//!
//! 2Chat has no idempotency key: a `send-message` that timed out, lost its connection or got a
//! 5xx may already have reached WhatsApp, and repeating it would send the message twice. So POST
//! and PUT are retried only on answers that mean "refused before processing" (409 booting, 410
//! (dis)connecting, 429 rate limited, 486 busy); GET and DELETE, which cannot do harm twice, are
//! also retried on 408, 5xx, network errors and timeouts.

use crate::request::is_idempotent;
use crate::table::Method;

/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The longest `Retry-After` honoured automatically; a longer wait is the caller's decision.
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;
const INITIAL_BACKOFF_MS: f64 = 500.0;
const MAX_BACKOFF_MS: f64 = 8_000.0;

/// How an attempt failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// An HTTP answer with a non-2xx status.
    Status(u16),
    /// No HTTP answer (refused, reset, dropped mid-body, DNS).
    Network,
    /// The attempt exceeded its timeout.
    Timeout,
}

/// Statuses that mean 2Chat did not act on the request: safe to repeat even a send.
const fn refused_before_processing(status: u16) -> bool {
    matches!(status, 409 | 410 | 429 | 486)
}

/// Whether a failed attempt may be repeated with `method`.
pub const fn is_retryable(method: Method, failure: Failure) -> bool {
    match failure {
        Failure::Status(s) if refused_before_processing(s) => true,
        _ if !is_idempotent(method) => false,
        Failure::Status(s) => s == 408 || s >= 500,
        Failure::Network | Failure::Timeout => true,
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this many milliseconds, then try again.
    RetryAfter(u64),
    /// Give up and report the failure.
    GiveUp,
}

/// Decides whether to retry after `retries_done` retries, given the server's `Retry-After` (in
/// ms, if any) and a uniform random number in `[0, 1)` for jitter.
pub fn decide(
    method: Method,
    failure: Failure,
    retries_done: u32,
    max_retries: u32,
    retry_after_ms: Option<u64>,
    random: f64,
) -> Decision {
    if retries_done >= max_retries || !is_retryable(method, failure) {
        return Decision::GiveUp;
    }
    match retry_after_ms {
        Some(ms) if ms <= MAX_RETRY_AFTER_MS => Decision::RetryAfter(ms),
        // The server asked for a longer pause than a call should silently block for.
        Some(_) => Decision::GiveUp,
        None => Decision::RetryAfter(backoff_ms(retries_done, random)),
    }
}

/// Exponential backoff: 0.5 s doubling to at most 8 s, minus up to 25 % jitter.
pub fn backoff_ms(retries_done: u32, random: f64) -> u64 {
    let base = (INITIAL_BACKOFF_MS * 2f64.powi(retries_done.min(16) as i32)).min(MAX_BACKOFF_MS);
    let jitter = 1.0 - random.clamp(0.0, 1.0) * 0.25;
    (base * jitter).round() as u64
}

/// Reads a `Retry-After` header: delay-seconds or an HTTP date (relative to `now_ms`, epoch ms).
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return crate::json::parse_u64(v).map(|s| s.saturating_mul(1000));
    }
    let at = parse_http_date(v)?;
    let delta = at - now_ms;
    Some(if delta > 0.0 { delta.ceil() as u64 } else { 0 })
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into epoch milliseconds.
pub fn parse_http_date(s: &str) -> Option<f64> {
    let mut parts = s.split_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day: i64 = crate::json::parse_i64(parts.next()?)?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = crate::json::parse_i64(parts.next()?)?;
    let mut hms = parts.next()?.split(':');
    let h: i64 = crate::json::parse_i64(hms.next()?)?;
    let m: i64 = crate::json::parse_i64(hms.next()?)?;
    let sec: i64 = crate::json::parse_i64(hms.next()?)?;
    if parts.next()? != "GMT" || parts.next().is_some() || !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3600 + m * 60 + sec) * 1000) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use Method::*;

    #[test]
    fn reads_are_retried_on_transient_failures() {
        for f in [
            Failure::Status(408),
            Failure::Status(409),
            Failure::Status(410),
            Failure::Status(429),
            Failure::Status(486),
            Failure::Status(500),
            Failure::Status(502),
            Failure::Status(503),
            Failure::Status(504),
            Failure::Network,
            Failure::Timeout,
        ] {
            assert!(is_retryable(Get, f), "GET {f:?}");
            assert!(is_retryable(Delete, f), "DELETE {f:?}");
        }
        for s in [400, 401, 402, 403, 404, 406, 422] {
            assert!(!is_retryable(Get, Failure::Status(s)), "GET {s}");
        }
    }

    #[test]
    fn writes_are_retried_only_when_refused_before_processing() {
        for s in [409, 410, 429, 486] {
            assert!(is_retryable(Post, Failure::Status(s)));
            assert!(is_retryable(Put, Failure::Status(s)));
        }
        for f in [
            Failure::Status(408),
            Failure::Status(500),
            Failure::Status(502),
            Failure::Status(503),
            Failure::Status(504),
            Failure::Network,
            Failure::Timeout,
            Failure::Status(400),
        ] {
            assert!(!is_retryable(Post, f), "POST {f:?} must never be repeated");
            assert!(!is_retryable(Put, f), "PUT {f:?}");
        }
    }

    #[test]
    fn backoff_doubles_to_eight_seconds_with_jitter() {
        assert_eq!(backoff_ms(0, 0.0), 500);
        assert_eq!(backoff_ms(1, 0.0), 1000);
        assert_eq!(backoff_ms(4, 0.0), 8000);
        assert_eq!(backoff_ms(10, 0.0), 8000);
        assert_eq!(backoff_ms(0, 0.999_999), 375);
        assert_eq!(backoff_ms(u32::MAX, 0.5), 7000);
    }

    #[test]
    fn decide_respects_budget_and_retry_after() {
        assert_eq!(decide(Get, Failure::Status(503), 0, 2, None, 0.0), Decision::RetryAfter(500));
        assert_eq!(decide(Get, Failure::Status(503), 2, 2, None, 0.0), Decision::GiveUp);
        assert_eq!(decide(Get, Failure::Status(503), 0, 0, None, 0.0), Decision::GiveUp);
        assert_eq!(decide(Post, Failure::Status(429), 0, 2, Some(3000), 0.0), Decision::RetryAfter(3000));
        assert_eq!(decide(Post, Failure::Status(429), 0, 2, Some(0), 0.0), Decision::RetryAfter(0));
        assert_eq!(decide(Post, Failure::Status(429), 0, 2, Some(61_000), 0.0), Decision::GiveUp);
        assert_eq!(decide(Post, Failure::Status(503), 0, 2, None, 0.0), Decision::GiveUp);
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("7", 0.0), Some(7000));
        assert_eq!(parse_retry_after(" 0 ", 0.0), Some(0));
        let now = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(now, 784_111_777_000.0);
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now), Some(30_000));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:40:00 GMT", now), Some(0));
        for bad in [
            "",
            "-1",
            "1.5",
            "soon",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "99999999999999999999999",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    }
}
