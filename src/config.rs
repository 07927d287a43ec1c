//! Client configuration: constructor options and per-call options, validated natively.

use std::fmt;

use crate::check::is_http_url;
use crate::error::{Error, Result};
use crate::json::{quoted, Json, Kind};
use crate::options::Opts;
use crate::retry::DEFAULT_MAX_RETRIES;

/// Where 2Chat's API lives.
pub const DEFAULT_BASE_URL: &str = "https://api.p.2chat.io";
/// Per-attempt timeout when none is given.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The largest timeout a JS timer can hold (2^31 - 1 ms, about 24.8 days).
pub const MAX_TIMEOUT_MS: i64 = 2_147_483_647;
/// Upper bound on `maxRetries`, so a typo cannot hammer 2Chat.
pub const MAX_RETRIES_LIMIT: i64 = 10;

/// The 2Chat API key. It is sent as `X-User-API-Key` and nowhere else: `Debug` and `Display`
/// print `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Validates a key: visible ASCII only, so it cannot smuggle a header line.
    pub fn new(key: &str) -> Result<Self> {
        if key.is_empty() {
            return Err(Error::invalid("apiKey", "must not be empty"));
        }
        if !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::invalid(
                "apiKey",
                "must contain only visible ASCII characters (no spaces or line breaks)",
            ));
        }
        Ok(ApiKey(key.to_string()))
    }

    /// The key itself, for the request header and for redaction.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Validated constructor options of `new TwoChat({...})`.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The key; absent when calls go through a proxy that injects it.
    pub api_key: Option<ApiKey>,
    /// Base URL without a trailing slash.
    pub base_url: String,
    /// Per-attempt timeout.
    pub timeout_ms: u32,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Headers sent with every request.
    pub default_headers: Vec<(String, String)>,
    /// The caller knows the key is exposed in a browser page and accepts it.
    pub dangerously_allow_browser: bool,
    /// Client-side pacing: at most this many requests a minute.
    pub requests_per_minute: Option<u32>,
    /// How much the client logs.
    pub log_level: LogLevel,
}

/// Log verbosity, from nothing to every attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    /// Nothing.
    Off,
    /// Errors of the client itself.
    Error,
    /// Also warnings (a key in a browser page): the default.
    Warn,
    /// Also failed calls, retries and pacing waits.
    Info,
    /// Also every attempt and its answer.
    Debug,
}

impl LogLevel {
    /// The level's name, also the console method used.
    pub const fn as_str(self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
        }
    }
}

/// Constructor option names (besides `fetch`, a function, handled by the wasm layer).
pub const OPTION_NAMES: [&str; 10] = [
    "apiKey",
    "baseUrl",
    "timeoutMs",
    "maxRetries",
    "fetch",
    "defaultHeaders",
    "dangerouslyAllowBrowser",
    "requestsPerMinute",
    "logLevel",
    "logger",
];

impl Config {
    /// Reads `new TwoChat(options)`; `fetch` and `logger`, functions, are checked by the caller.
    pub fn from_options<J: Json>(options: Option<J>) -> Result<Config> {
        let o = Opts::new("options", options)?;
        o.only(&OPTION_NAMES)?;
        let api_key = match o.opt_str("apiKey")? {
            None => None,
            Some(s) => Some(ApiKey::new(&s)?),
        };
        let base_url = base_url(o.opt_str("baseUrl")?)?;
        let timeout_ms = o.opt_int("timeoutMs", 1, MAX_TIMEOUT_MS)?.map_or(DEFAULT_TIMEOUT_MS, clamp_u32);
        let max_retries = o.opt_int("maxRetries", 0, MAX_RETRIES_LIMIT)?.map_or(DEFAULT_MAX_RETRIES, clamp_u32);
        let default_headers = headers(&o, "defaultHeaders")?;
        let dangerously_allow_browser = o.opt_bool("dangerouslyAllowBrowser")?.unwrap_or(false);
        let requests_per_minute = o.opt_int("requestsPerMinute", 1, 100_000)?.map(clamp_u32);
        let log_level = match o.opt_enum("logLevel", &["off", "error", "warn", "info", "debug"])? {
            Some("off") => LogLevel::Off,
            Some("error") => LogLevel::Error,
            Some("info") => LogLevel::Info,
            Some("debug") => LogLevel::Debug,
            _ => LogLevel::Warn,
        };
        Ok(Config {
            api_key,
            base_url,
            timeout_ms,
            max_retries,
            default_headers,
            dangerously_allow_browser,
            requests_per_minute,
            log_level,
        })
    }
}

/// A base URL: http(s), no query or fragment; the trailing slash is dropped.
pub fn base_url(given: Option<String>) -> Result<String> {
    match given {
        None => Ok(DEFAULT_BASE_URL.to_string()),
        Some(u) if is_http_url(&u) && !u.contains(['?', '#']) => Ok(u.trim_end_matches('/').to_string()),
        Some(u) => Err(Error::invalid(
            "baseUrl",
            format_args!("must be an http(s) URL without query or fragment (got {})", quoted(&u)),
        )),
    }
}

fn clamp_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Per-call options (`{ signal, timeoutMs, maxRetries, headers }`), without the signal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallOptions {
    /// Overrides the client's per-attempt timeout.
    pub timeout_ms: Option<u32>,
    /// Overrides the client's retry budget.
    pub max_retries: Option<u32>,
    /// Extra headers for this call.
    pub headers: Vec<(String, String)>,
}

/// Per-call option names.
pub const CALL_OPTION_NAMES: [&str; 4] = ["signal", "timeoutMs", "maxRetries", "headers"];

impl CallOptions {
    /// Reads the per-call options; `signal` is checked by the caller.
    pub fn from_options<J: Json>(options: Option<J>) -> Result<CallOptions> {
        let o = Opts::new("options", options)?;
        o.only(&CALL_OPTION_NAMES)?;
        Ok(CallOptions {
            timeout_ms: o.opt_int("timeoutMs", 1, MAX_TIMEOUT_MS)?.map(clamp_u32),
            max_retries: o.opt_int("maxRetries", 0, MAX_RETRIES_LIMIT)?.map(clamp_u32),
            headers: headers(&o, "headers")?,
        })
    }
}

/// Reads a `{ name: value }` header object, refusing what would break or forge a header line.
pub fn headers<J: Json>(o: &Opts<'_, J>, field: &str) -> Result<Vec<(String, String)>> {
    if let Some(v) = o.get(field) {
        if v.kind() != Kind::Object {
            return Err(Error::invalid(field, format_args!("must be an object of strings, got {}", v.kind().described())));
        }
    }
    let pairs = o.opt_string_map(field)?;
    for (name, value) in &pairs {
        let path = format!("{field}.{name}");
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            return Err(Error::invalid(&path, "is not a valid header name"));
        }
        if value.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
            return Err(Error::invalid(&path, "must not contain line breaks"));
        }
    }
    Ok(pairs)
}

/// Checks a header pair given by Rust code (same rules as the `headers` options).
pub fn check_header(name: &str, value: &str) -> Result<()> {
    if name.is_empty() || !name.bytes().all(is_token_byte) {
        return Err(Error::invalid(&format!("headers.{name}"), "is not a valid header name"));
    }
    if value.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
        return Err(Error::invalid(&format!("headers.{name}"), "must not contain line breaks"));
    }
    Ok(())
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults() {
        let c = Config::from_options::<&serde_json::Value>(None).unwrap();
        assert_eq!(c.base_url, DEFAULT_BASE_URL);
        assert_eq!((c.timeout_ms, c.max_retries, c.api_key), (30_000, 2, None));
    }

    #[test]
    fn the_key_never_prints() {
        let c = Config::from_options(Some(&json!({"apiKey": "UAK-secret-123", "baseUrl": "http://127.0.0.1:8080/"})))
            .unwrap();
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("UAK-secret-123"), "{dbg}");
        assert!(dbg.contains("[redacted]"));
        assert_eq!(c.base_url, "http://127.0.0.1:8080");
        assert_eq!(c.api_key.as_ref().map(ApiKey::expose), Some("UAK-secret-123"));
        assert_eq!(c.api_key.map(|k| k.to_string()).as_deref(), Some("[redacted]"));
    }

    #[test]
    fn bad_options_are_named() {
        let cases = [
            (json!({"apiKey": 5}), "apiKey: must be a string"),
            (json!({"apiKey": ""}), "apiKey: must not be empty"),
            (json!({"apiKey": "a\r\nX-Evil: 1"}), "apiKey: must contain only visible ASCII"),
            (json!({"baseUrl": "ftp://x"}), "baseUrl: must be an http(s) URL"),
            (json!({"timeoutMs": 0}), "timeoutMs: must be between 1"),
            (json!({"maxRetries": 11}), "maxRetries: must be between 0 and 10"),
            (json!({"maxRetries": 1.5}), "maxRetries: must be a whole number"),
            (json!({"apikey": "x"}), "apikey: is not a known option"),
            (json!({"dangerouslyAllowBrowser": "yes"}), "dangerouslyAllowBrowser: must be a boolean"),
            (json!({"requestsPerMinute": 0}), "requestsPerMinute: must be between 1"),
            (json!({"logLevel": "verbose"}), "logLevel: must be one of off, error, warn, info, debug"),
            (json!({"defaultHeaders": {"X-A": 1}}), "defaultHeaders.X-A: must be a string"),
            (json!({"defaultHeaders": {"X A": "1"}}), "defaultHeaders.X A: is not a valid header name"),
            (json!({"defaultHeaders": {"X-A": "1\n2"}}), "defaultHeaders.X-A: must not contain line breaks"),
            (json!("key"), "options: must be an object"),
        ];
        for (opts, want) in cases {
            let e = Config::from_options(Some(&opts)).unwrap_err();
            assert_eq!(e.code().as_str(), "invalid_input");
            assert!(e.message().starts_with(want), "{opts} -> {}", e.message());
        }
    }

    #[test]
    fn call_options() {
        let c =
            CallOptions::from_options(Some(&json!({"timeoutMs": 50, "maxRetries": 0, "headers": {"X-Trace": "t"}})))
                .unwrap();
        assert_eq!(
            c,
            CallOptions { timeout_ms: Some(50), max_retries: Some(0), headers: vec![("X-Trace".into(), "t".into())] }
        );
        assert!(CallOptions::from_options(Some(&json!({"timeout": 5})))
            .unwrap_err()
            .message()
            .starts_with("timeout: is not a known option"));
    }
}
