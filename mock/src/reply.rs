//! Responses and the error bodies 2Chat sends, in both of its shapes.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

/// Which error body an endpoint answers with. 2Chat is not consistent: the contacts and webhooks
/// pages show `{"success":false,"message":…}`, every newer page `{"success":false,"error":true,
/// "error_message":…}`. The SDK must read both, so the mock sends both, each where 2Chat does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorStyle {
    /// `{"success":false,"error":true,"error_message":"…"}`
    ErrorMessage,
    /// `{"success":false,"message":"…"}`
    Message,
    /// Both fields; used where the failure happens before any endpoint is known (auth, limits).
    Both,
}

impl ErrorStyle {
    /// The style of a resource of the endpoint table.
    pub fn for_resource(resource: &str) -> ErrorStyle {
        match resource {
            "contacts" | "webhooks" => ErrorStyle::Message,
            _ => ErrorStyle::ErrorMessage,
        }
    }

    /// The style of a raw path, for paths no endpoint matched.
    pub fn for_path(path: &str) -> ErrorStyle {
        let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
        if under("/open/contacts") || under("/open/webhooks") {
            ErrorStyle::Message
        } else {
            ErrorStyle::ErrorMessage
        }
    }

    /// The error body in this style.
    pub fn body(self, message: &str) -> Value {
        match self {
            ErrorStyle::ErrorMessage => json!({"success": false, "error": true, "error_message": message}),
            ErrorStyle::Message => json!({"success": false, "message": message}),
            ErrorStyle::Both => {
                json!({"success": false, "error": true, "error_message": message, "message": message})
            }
        }
    }
}

/// A failure a handler reports; the pipeline renders it in the endpoint's [`ErrorStyle`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The human-readable message.
    pub message: String,
}

impl ApiError {
    /// An error with any status.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    /// 422, what 2Chat answers for a malformed or invalid request.
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

/// A JSON response.
pub fn json_response(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec());
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// An error response in `style`.
pub fn error_response(style: ErrorStyle, error: &ApiError) -> Response {
    json_response(error.status, &style.body(&error.message))
}
