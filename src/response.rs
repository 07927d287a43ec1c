//! Turning 2Chat's answers into either a body the caller receives or an [`Error`].

use crate::error::{Error, ErrorCode, Result};
use crate::json::Json;

/// 2Chat's explanation in a body: its first non-blank `error_message` (newer pages), `message`
/// (older ones) or `error` string.
fn message<J: Json>(body: &J) -> Option<String> {
    let message = ["error_message", "message", "error"].iter().find_map(|k| {
        body.member(k).and_then(|v| v.text()).filter(|s| !s.trim().is_empty())
    });
    message.map(|m| m.trim().to_string())
}

/// For a 2xx body already parsed: 2Chat's explanation when the body says it failed (`success:
/// false` or `error: true`), `None` when it is a success.
pub fn failure_in_success<J: Json>(body: &J) -> Option<String> {
    // `member` is `None` for anything but an object: an array or a string never failed.
    let failed =
        twochat_spec::FAILURE_FLAGS.iter().any(|&(field, says)| body.member(field).and_then(|v| v.boolean()) == Some(says));
    // The message is read only for a failure: a success's `message` never crosses into wasm.
    failed.then(|| message(body).unwrap_or_else(|| "2Chat answered success: false".to_string()))
}

const MAX_SNIPPET: usize = 120;

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict: the number is booting; retry in a few seconds",
        410 => "Gone: the number is connecting or disconnecting; retry in a few seconds",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        486 => "Busy: the number is handling a previous request; retry in a few seconds",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

fn status_message(status: u16) -> String {
    match reason(status) {
        "" => format!("HTTP {status}"),
        r => format!("HTTP {status} {r}"),
    }
}

/// Checks a complete HTTP answer whose body was parsed as JSON (`parsed`, `None` when it was not
/// JSON or was empty). `Ok(())` means the body is JSON the caller can be handed as is (every field
/// kept); otherwise the error carries the code, status and 2Chat's own message. `raw` gives the
/// body's text, asked for only to quote a bounded snippet of a body that is not JSON.
pub fn check<J: Json>(
    status: u16,
    parsed: Option<J>,
    raw: impl FnOnce() -> String,
    retry_after_ms: Option<u64>,
) -> Result<()> {
    if (200..300).contains(&status) {
        return match parsed {
            Some(body) => match failure_in_success(&body) {
                Some(message) => Err(Error::new(ErrorCode::Unprocessable, message).with_status(status)),
                None => Ok(()),
            },
            None => {
                let text = raw();
                if text.trim().is_empty() {
                    Err(Error::new(ErrorCode::Decode, format!("2Chat answered HTTP {status} with an empty body"))
                        .with_status(status))
                } else {
                    Err(Error::new(
                        ErrorCode::Decode,
                        format!("2Chat answered HTTP {status} with a body that is not JSON: {}", snippet(&text)),
                    )
                    .with_status(status))
                }
            }
        };
    }
    let code = ErrorCode::from_status(status);
    let server = parsed.and_then(|body| message(&body));
    let message = match server {
        Some(m) => m,
        None => status_message(status),
    };
    let mut err = Error::new(code, message).with_status(status);
    if matches!(code, ErrorCode::RateLimited | ErrorCode::Conflict) || status == 503 {
        err.0.retry_after_ms = retry_after_ms;
    }
    Err(err)
}

/// The start of a body for a message: one line, bounded, never a whole HTML page.
fn snippet(body: &str) -> String {
    let one_line: String = crate::json::join(&body.split_whitespace().collect::<Vec<_>>(), " ");
    let mut cut: String = one_line.chars().take(MAX_SNIPPET).collect();
    if crate::json::char_count(&one_line) > MAX_SNIPPET {
        cut.push('…');
    }
    crate::json::literal(&cut)
}

/// Makes both of 2Chat's spellings of a response field present, as the endpoint declares (see
/// [`crate::table::Alias`]); nothing the server sent is removed or changed.
pub fn apply_aliases(body: &mut serde_json::Value, aliases: &[crate::table::Alias]) {
    fn visit(node: &mut serde_json::Value, parts: &[&str], to: &str, from: &[&str]) {
        match parts.split_first() {
            None => {
                if let Some(obj) = node.as_object_mut() {
                    if obj.get(to).is_none() {
                        if let Some(v) = from.iter().find_map(|f| obj.get(*f).cloned()) {
                            obj.insert(to.to_string(), v);
                        }
                    }
                }
            }
            Some((part, rest)) => {
                let (key, list) = match part.strip_suffix("[]") {
                    Some(k) => (k, true),
                    None => (*part, false),
                };
                let Some(child) = node.get_mut(key) else { return };
                if list {
                    if let Some(items) = child.as_array_mut() {
                        for item in items {
                            visit(item, rest, to, from);
                        }
                    }
                } else {
                    visit(child, rest, to, from);
                }
            }
        }
    }
    for a in aliases {
        let parts: Vec<&str> = if a.at.is_empty() { Vec::new() } else { a.at.split('.').collect() };
        visit(body, &parts, a.to, a.from);
    }
}

/// [`check`] on a body as text, parsed here with serde_json (the Rust client, tests).
pub fn check_text(status: u16, body: &str, retry_after_ms: Option<u64>) -> Result<()> {
    let parsed: Option<serde_json::Value> = serde_json::from_str(body.trim_start()).ok();
    check(status, parsed.as_ref(), || body.to_string(), retry_after_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn check(status: u16, body: &str, retry_after_ms: Option<u64>) -> Result<()> {
        check_text(status, body, retry_after_ms)
    }

    #[test]
    fn success_bodies_pass() {
        assert!(check(200, r#"{"success":true,"numbers":[]}"#, None).is_ok());
        assert!(check(201, r#"{"success":true,"contact":{"uuid":"CON1"}}"#, None).is_ok());
        assert!(check(200, r#"[{"uuid":"WHK1"}]"#, None).is_ok());
        assert!(check(202, r#"{"success":true,"message_id":"x"}"#, None).is_ok());
    }

    #[test]
    fn both_message_spellings_are_read() {
        let e = check(404, r#"{"success":false,"error":true,"error_message":"number not found"}"#, None).unwrap_err();
        assert_eq!((e.code(), e.status(), e.message()), (ErrorCode::NotFound, Some(404), "number not found"));
        let e = check(422, r#"{"success":false,"message":"Malformed number"}"#, None).unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::Unprocessable, "Malformed number"));
    }

    #[test]
    fn a_2xx_saying_failure_is_an_error() {
        let e = check(200, r#"{"success":false,"message":"channel is not connected"}"#, None).unwrap_err();
        assert_eq!(
            (e.code(), e.status(), e.message()),
            (ErrorCode::Unprocessable, Some(200), "channel is not connected")
        );
        let e = check(200, r#"{"error":true}"#, None).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Unprocessable);
    }

    #[test]
    fn non_json_answers() {
        let e = check(200, "{\"success\": tr", None).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Decode);
        let e = check(200, "", None).unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::Decode, "2Chat answered HTTP 200 with an empty body"));
        let html = format!("<html><body><h1>502 Bad Gateway</h1>{}</body></html>", "x".repeat(10_000));
        let e = check(502, &html, None).unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::ServerError, "HTTP 502 Bad Gateway"));
        let e = check(200, &html, None).unwrap_err();
        assert!(e.message().len() < 300, "{}", e.message());
    }

    #[test]
    fn failure_inside_an_already_parsed_success() {
        use serde_json::json;
        let f = |v: serde_json::Value| failure_in_success(&&v);
        assert_eq!(f(json!({"success": true})), None);
        assert_eq!(f(json!({"message": "fine"})), None);
        assert_eq!(f(json!({"success": false, "error_message": "not connected"})).as_deref(), Some("not connected"));
        assert_eq!(f(json!({"error": true, "message": "busy"})).as_deref(), Some("busy"));
        assert_eq!(f(json!({"success": false})).as_deref(), Some("2Chat answered success: false"));
    }

    #[test]
    fn retry_after_is_kept_on_rate_limits() {
        let e = check(429, "{}", Some(2000)).unwrap_err();
        assert_eq!((e.code(), e.retry_after_ms()), (ErrorCode::RateLimited, Some(2000)));
        let e = check(404, "{}", Some(2000)).unwrap_err();
        assert_eq!(e.retry_after_ms(), None);
        let e = check(486, "", None).unwrap_err();
        assert_eq!(
            (e.code(), e.message()),
            (ErrorCode::Conflict, "HTTP 486 Busy: the number is handling a previous request; retry in a few seconds")
        );
    }
}
