//! Turning 2Chat's answers into either a body the caller receives or an [`Error`].

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, ErrorCode, Result};

/// The fields every 2Chat body may use to say it failed. Other fields are skipped while parsing.
#[derive(Deserialize, Default)]
struct Envelope {
    #[serde(default)]
    success: Option<Value>,
    #[serde(default)]
    error: Option<Value>,
    #[serde(default)]
    message: Option<Value>,
    #[serde(default)]
    error_message: Option<Value>,
}

impl Envelope {
    fn failed(&self) -> bool {
        matches!(self.success, Some(Value::Bool(false))) || matches!(self.error, Some(Value::Bool(true)))
    }

    /// 2Chat's explanation: `error_message` on newer pages, `message` on older ones, sometimes a
    /// string in `error`.
    fn server_message(&self) -> Option<String> {
        [&self.error_message, &self.message, &self.error].into_iter().find_map(|v| match v {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        })
    }
}

fn parse_envelope(body: &str) -> Option<std::result::Result<Envelope, ()>> {
    let t = body.trim_start();
    if t.starts_with('{') {
        Some(serde_json::from_str::<Envelope>(t).map_err(|_| ()))
    } else if t.is_empty() {
        None
    } else {
        Some(serde_json::from_str::<serde::de::IgnoredAny>(t).map(|_| Envelope::default()).map_err(|_| ()))
    }
}

/// For a 2xx body already parsed (by `JSON.parse`, in the wasm layer): 2Chat's explanation when
/// the body says it failed (`success: false` or `error: true`), `None` when it is a success. Only
/// the four envelope fields are needed, so the body is not parsed a second time here.
pub fn failure_in_success(
    success: Option<Value>,
    error: Option<Value>,
    message: Option<Value>,
    error_message: Option<Value>,
) -> Option<String> {
    let env = Envelope { success, error, message, error_message };
    env.failed().then(|| env.server_message().unwrap_or_else(|| "2Chat answered success: false".to_string()))
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

/// Checks a complete HTTP answer. `Ok(())` means `body` is JSON the caller can be handed as is
/// (every field kept); otherwise the error carries the code, status and 2Chat's own message.
pub fn check(status: u16, body: &str, retry_after_ms: Option<u64>) -> Result<()> {
    let envelope = parse_envelope(body);
    if (200..300).contains(&status) {
        return match envelope {
            Some(Ok(env)) if env.failed() => Err(Error::new(
                ErrorCode::Unprocessable,
                env.server_message().unwrap_or_else(|| "2Chat answered success: false".to_string()),
            )
            .with_status(status)),
            Some(Ok(_)) => Ok(()),
            Some(Err(())) => Err(Error::new(
                ErrorCode::Decode,
                format!("2Chat answered HTTP {status} with a body that is not JSON: {}", snippet(body)),
            )
            .with_status(status)),
            None => Err(Error::new(ErrorCode::Decode, format!("2Chat answered HTTP {status} with an empty body"))
                .with_status(status)),
        };
    }
    let code = ErrorCode::from_status(status);
    let server = match envelope {
        Some(Ok(env)) => env.server_message(),
        _ => None,
    };
    let message = match server {
        Some(m) => m,
        None => status_message(status),
    };
    let mut err = Error::new(code, message).with_status(status);
    if matches!(code, ErrorCode::RateLimited | ErrorCode::Conflict) || status == 503 {
        err.retry_after_ms = retry_after_ms;
    }
    Err(err)
}

/// The start of a body for a message: one line, bounded, never a whole HTML page.
fn snippet(body: &str) -> String {
    let one_line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = one_line.chars().take(MAX_SNIPPET).collect();
    if one_line.chars().count() > MAX_SNIPPET {
        cut.push('…');
    }
    format!("{cut:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!((e.code, e.status, e.message.as_str()), (ErrorCode::NotFound, Some(404), "number not found"));
        let e = check(422, r#"{"success":false,"message":"Malformed number"}"#, None).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (ErrorCode::Unprocessable, "Malformed number"));
    }

    #[test]
    fn a_2xx_saying_failure_is_an_error() {
        let e = check(200, r#"{"success":false,"message":"channel is not connected"}"#, None).unwrap_err();
        assert_eq!(
            (e.code, e.status, e.message.as_str()),
            (ErrorCode::Unprocessable, Some(200), "channel is not connected")
        );
        let e = check(200, r#"{"error":true}"#, None).unwrap_err();
        assert_eq!(e.code, ErrorCode::Unprocessable);
    }

    #[test]
    fn non_json_answers() {
        let e = check(200, "{\"success\": tr", None).unwrap_err();
        assert_eq!(e.code, ErrorCode::Decode);
        let e = check(200, "", None).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (ErrorCode::Decode, "2Chat answered HTTP 200 with an empty body"));
        let html = format!("<html><body><h1>502 Bad Gateway</h1>{}</body></html>", "x".repeat(10_000));
        let e = check(502, &html, None).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (ErrorCode::ServerError, "HTTP 502 Bad Gateway"));
        let e = check(200, &html, None).unwrap_err();
        assert!(e.message.len() < 300, "{}", e.message);
    }

    #[test]
    fn failure_inside_an_already_parsed_success() {
        use serde_json::json;
        assert_eq!(failure_in_success(Some(json!(true)), None, None, None), None);
        assert_eq!(failure_in_success(None, None, Some(json!("fine")), None), None);
        assert_eq!(
            failure_in_success(Some(json!(false)), None, None, Some(json!("not connected"))).as_deref(),
            Some("not connected")
        );
        assert_eq!(failure_in_success(None, Some(json!(true)), Some(json!("busy")), None).as_deref(), Some("busy"));
        assert_eq!(
            failure_in_success(Some(json!(false)), None, None, None).as_deref(),
            Some("2Chat answered success: false")
        );
    }

    #[test]
    fn retry_after_is_kept_on_rate_limits() {
        let e = check(429, "{}", Some(2000)).unwrap_err();
        assert_eq!((e.code, e.retry_after_ms), (ErrorCode::RateLimited, Some(2000)));
        let e = check(404, "{}", Some(2000)).unwrap_err();
        assert_eq!(e.retry_after_ms, None);
        let e = check(486, "", None).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode::Conflict, "HTTP 486 Busy: the number is handling a previous request; retry in a few seconds")
        );
    }
}
