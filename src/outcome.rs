//! What one attempt's outcome means, for both clients (the JavaScript one and the Rust one): the
//! error each failure becomes, and how the retry policy ([`crate::retry`]) sees it. A send that
//! may have been processed says so in its message, since 2Chat has no idempotency key.

use crate::error::{Error, ErrorCode};
use crate::json::Json;
use crate::request::is_idempotent;
use crate::retry::Failure;
use crate::table::Method;

const UNKNOWN_OUTCOME: &str =
    ". It may or may not have been processed, so it was not repeated: 2Chat has no idempotency key";

fn with_unknown_outcome(mut e: Error) -> Error {
    e.0.message.push_str(UNKNOWN_OUTCOME);
    e.0.outcome_unknown = true;
    e
}

/// A 3xx (or, in browsers, an opaque redirect with status 0): never followed, so the key goes
/// nowhere but the base URL. Only the origin of the target is named: its path or query could
/// hold anything.
pub fn redirect_error(status: u16, location: Option<&str>) -> Error {
    let target = location
        .and_then(|l| {
            crate::json::split_once(l, "://").map(|(scheme, rest)| (scheme, rest.split(['/', '?', '#']).next().unwrap_or("")))
        })
        .map(|(scheme, host)| format!(" to {scheme}://{host}"))
        .unwrap_or_default();
    let shown = if status == 0 { "a redirect".to_string() } else { format!("HTTP {status}") };
    let e = Error::new(
        ErrorCode::Network,
        format!(
            "2Chat answered {shown}{target}: redirects are not followed, so the API key is only ever sent to baseUrl"
        ),
    );
    if status == 0 {
        e
    } else {
        e.with_status(status)
    }
}

/// The caller cancelled.
pub fn aborted() -> Error {
    Error::new(ErrorCode::Aborted, "the request was aborted by its AbortSignal")
}

/// No HTTP answer.
pub fn network_error(method: Method, msg: &str) -> Error {
    let e = Error::new(ErrorCode::Network, format!("no answer from 2Chat: {msg}"));
    if is_idempotent(method) {
        e
    } else {
        with_unknown_outcome(e)
    }
}

/// The attempt ran out of time.
pub fn timeout_error(method: Method, timeout_ms: u64) -> Error {
    let e = Error::new(ErrorCode::Timeout, format!("no complete answer within {timeout_ms} ms"));
    if is_idempotent(method) {
        e
    } else {
        with_unknown_outcome(e)
    }
}

/// A non-2xx answer: its error (2Chat's own message when the body has one) and the failure the
/// retry policy weighs.
pub fn answer_error<J: Json>(
    method: Method,
    status: u16,
    parsed: Option<J>,
    raw: impl FnOnce() -> String,
    retry_after_ms: Option<u64>,
) -> (Failure, Error) {
    let e = match crate::response::check(status, parsed, raw, retry_after_ms) {
        Err(e) => e,
        Ok(()) => Error::new(ErrorCode::Decode, format!("unexpected HTTP {status}")).with_status(status),
    };
    if status >= 500 && !is_idempotent(method) {
        (Failure::Status(status), with_unknown_outcome(e))
    } else {
        (Failure::Status(status), e)
    }
}
