//! The error taxonomy every failure of the SDK maps to.

use std::fmt;

/// The stable string codes a caller branches on (`err.code` in JavaScript).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Caught before any request was sent.
    InvalidInput,
    /// 401: missing, wrong or rotated API key.
    Unauthorized,
    /// 402: trial expired or API credits used up.
    PaymentRequired,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409 / 410 / 486: the connected number is booting, (dis)connecting or busy; retry soon.
    Conflict,
    /// 400 / 406 / 422 and other 4xx, or a 2xx body that says `success: false`.
    Unprocessable,
    /// 429.
    RateLimited,
    /// 5xx.
    ServerError,
    /// An attempt took longer than `timeoutMs` (or the server answered 408).
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// The request never got an HTTP answer (refused, dropped, DNS, CORS).
    Network,
    /// The answer was not what 2Chat sends (not JSON, empty, unexpected status).
    Decode,
    /// A webhook delivery that is not a valid 2Chat payload.
    InvalidWebhook,
}

impl ErrorCode {
    /// The code as JavaScript sees it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::PaymentRequired => "payment_required",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Unprocessable => "unprocessable",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ServerError => "server_error",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Aborted => "aborted",
            ErrorCode::Network => "network",
            ErrorCode::Decode => "decode",
            ErrorCode::InvalidWebhook => "invalid_webhook",
        }
    }

    /// Every code, in the order of the docs.
    pub const ALL: [ErrorCode; 14] = [
        ErrorCode::InvalidInput,
        ErrorCode::Unauthorized,
        ErrorCode::PaymentRequired,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::Unprocessable,
        ErrorCode::RateLimited,
        ErrorCode::ServerError,
        ErrorCode::Timeout,
        ErrorCode::Aborted,
        ErrorCode::Network,
        ErrorCode::Decode,
        ErrorCode::InvalidWebhook,
    ];

    /// The code for a non-2xx HTTP status.
    pub const fn from_status(status: u16) -> ErrorCode {
        match status {
            401 => ErrorCode::Unauthorized,
            402 => ErrorCode::PaymentRequired,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            408 => ErrorCode::Timeout,
            409 | 410 | 486 => ErrorCode::Conflict,
            429 => ErrorCode::RateLimited,
            400..=499 => ErrorCode::Unprocessable,
            500..=599 => ErrorCode::ServerError,
            _ => ErrorCode::Decode,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure: what kind ([`Error::code`]), a sentence for humans, and the HTTP status and the
/// wait 2Chat asked for when there was an answer. Its `Display` and `Debug` never hold the API
/// key. The wasm layer turns it into a JavaScript `TwoChatError`.
///
/// ```
/// use twochat::{Error, ErrorCode};
///
/// fn retry_later(e: &Error) -> Option<u64> {
///     match e.code() {
///         ErrorCode::RateLimited | ErrorCode::Conflict => Some(e.retry_after_ms().unwrap_or(1_000)),
///         _ => None,
///     }
/// }
/// let e = twochat::webhook::parse(b"not json", None).unwrap_err();
/// assert_eq!(e.code(), ErrorCode::InvalidWebhook);
/// assert_eq!(e.status(), None);
/// assert_eq!(retry_later(&e), None);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(pub(crate) Box<Fields>);

/// What an [`Error`] holds, behind one pointer: a `Result<T, Error>` stays the size of a `T` or a
/// pointer, so every `?` on the way out of the validator moves a word, not forty bytes (in the
/// wasm module, 3 KB gzip of copies).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fields {
    pub(crate) code: ErrorCode,
    pub(crate) message: String,
    pub(crate) status: Option<u16>,
    pub(crate) retry_after_ms: Option<u64>,
    pub(crate) outcome_unknown: bool,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.0.code)
            .field("message", &self.0.message)
            .field("status", &self.0.status)
            .field("retry_after_ms", &self.0.retry_after_ms)
            .field("outcome_unknown", &self.0.outcome_unknown)
            .finish()
    }
}

impl Error {
    /// What kind of failure: the value to branch on.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// A sentence for humans; for an invalid input it starts with the field's path
    /// (`to_number: must be an E.164 number…`); for server errors it is 2Chat's own message.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        self.0.status
    }

    /// How long 2Chat asked to wait (`Retry-After`), on rate limits and "retry soon" answers.
    pub fn retry_after_ms(&self) -> Option<u64> {
        self.0.retry_after_ms
    }

    /// Whether the request may have reached 2Chat and done its work (a timeout, a dropped
    /// connection, a 5xx after a send): retrying such a send could deliver the message twice.
    pub fn outcome_unknown(&self) -> bool {
        self.0.outcome_unknown
    }

    /// An error with just a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        let message = message.into();
        Error(Box::new(Fields { code, message, status: None, retry_after_ms: None, outcome_unknown: false }))
    }

    /// Bad input, caught before any request is sent. `field` is named in the message.
    pub fn invalid(field: &str, problem: impl fmt::Display) -> Self {
        Error::with_field(ErrorCode::InvalidInput, field, &problem)
    }

    /// `code` with the message "`field`: `problem`" (one body for every kind of `problem`).
    #[inline(never)]
    fn with_field(code: ErrorCode, field: &str, problem: &dyn fmt::Display) -> Self {
        Error::new(code, format!("{field}: {problem}"))
    }

    /// A bad webhook payload; `path` is the offending field path.
    pub fn invalid_webhook(path: &str, problem: impl fmt::Display) -> Self {
        Error::with_field(ErrorCode::InvalidWebhook, path, &problem)
    }

    /// Adds the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.0.status = Some(status);
        self
    }

    /// Removes every occurrence of `secret` from the message. Servers and proxies sometimes echo
    /// request headers into error bodies; the API key must never reach an error.
    pub fn redact(mut self, secret: &str) -> Self {
        if let std::borrow::Cow::Owned(m) = redact_text(&self.0.message, secret) {
            self.0.message = m;
        }
        self
    }
}

/// `text` with every occurrence of `secret` replaced by `[redacted]`. A body is redacted with this
/// before any snippet of it is cut for a message: cut first, and the part of an echoed key that
/// falls before the cut would survive.
pub fn redact_text<'a>(text: &'a str, secret: &str) -> std::borrow::Cow<'a, str> {
    if secret.len() >= 4 && crate::json::find(text, secret).is_some() {
        std::borrow::Cow::Owned(crate::json::replace_all(text, secret, "[redacted]"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.code, self.0.message)
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_the_documented_codes() {
        let cases = [
            (400, "unprocessable"),
            (401, "unauthorized"),
            (402, "payment_required"),
            (403, "forbidden"),
            (404, "not_found"),
            (406, "unprocessable"),
            (408, "timeout"),
            (409, "conflict"),
            (410, "conflict"),
            (422, "unprocessable"),
            (429, "rate_limited"),
            (486, "conflict"),
            (500, "server_error"),
            (502, "server_error"),
            (503, "server_error"),
            (504, "server_error"),
            (302, "decode"),
        ];
        for (status, code) in cases {
            assert_eq!(ErrorCode::from_status(status).as_str(), code, "status {status}");
        }
    }

    #[test]
    fn a_snippet_cut_after_redaction_shows_no_part_of_the_key() {
        let key = "UAK-0123456789abcdef0123456789abcdef";
        // The key straddles the 120-character cut of a non-JSON body.
        let body = format!("{}{key} trailing", "x".repeat(100));
        let redacted = redact_text(&body, key);
        let e = crate::response::check_text(200, &redacted, None).unwrap_err();
        assert!(!e.message().contains("UAK-0123"), "{}", e.message());
        assert!(e.message().contains("[redacted]"), "{}", e.message());
    }

    #[test]
    fn redact_removes_the_secret_everywhere() {
        let e = Error::new(ErrorCode::Unauthorized, "key UAK-123-456 is invalid (UAK-123-456)").redact("UAK-123-456");
        assert_eq!(e.message(), "key [redacted] is invalid ([redacted])");
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()));
        }
    }
}
