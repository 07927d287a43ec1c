//! The `X-User-API-Key` check.

use axum::http::{HeaderMap, StatusCode};

use crate::reply::ApiError;
use crate::state::Inner;

/// The header 2Chat reads the key from.
pub const API_KEY_HEADER: &str = "x-user-api-key";

/// The 401 message (2Chat's own wording is not documented).
pub const INVALID_KEY: &str = "Invalid or missing API key";

/// The 402 message.
pub const TRIAL_EXPIRED: &str = "Your trial period has expired. Upgrade your 2Chat plan to keep using the API";

/// The key a request carried, or `""`. A key that is not valid UTF-8 is read lossily; it will not
/// match any account.
pub fn api_key(headers: &HeaderMap) -> String {
    headers.get(API_KEY_HEADER).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).unwrap_or_default()
}

/// 401 for a missing or unknown key, 402 for an expired one.
pub fn check(inner: &Inner, key: &str) -> Result<(), ApiError> {
    match inner.accounts.get(key) {
        None => Err(ApiError::new(StatusCode::UNAUTHORIZED, INVALID_KEY)),
        Some(account) if account.expired => Err(ApiError::new(StatusCode::PAYMENT_REQUIRED, TRIAL_EXPIRED)),
        Some(_) => Ok(()),
    }
}
