//! Voice SDK access tokens (#4): `POST /sdk/voip/access-token`.

use serde_json::{json, Value};

use super::{opt_string, Call};
use crate::reply::ApiError;
use crate::state::Account;
use crate::util::{base64url, iso_offset, now_secs};

/// Shortest token lifetime, in seconds.
pub const MIN_TTL: i64 = 60;
/// Longest token lifetime, in seconds.
pub const MAX_TTL: i64 = 86_400;
/// Lifetime when `ttl` is not given.
pub const DEFAULT_TTL: i64 = 3_600;

/// #4: a JWT-shaped token for one of the account's users. `ttl` is clamped to 60–86400 s.
/// A missing or unknown `user_uuid` is a 400, as the docs show.
pub fn access_token(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_or_empty()?;
    let user_uuid = match body.get("user_uuid") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => return Err(ApiError::bad_request("`user_uuid` is required (the USR… id of one of your users)")),
    };
    if !account.users.iter().any(|u| u.uuid == user_uuid) {
        return Err(ApiError::bad_request(format!("User {user_uuid} not found")));
    }
    let label = opt_string(&body, "label")?.map(str::to_owned);
    let ttl = match body.get("ttl") {
        None | Some(Value::Null) => DEFAULT_TTL,
        Some(v) => v.as_i64().ok_or_else(|| ApiError::invalid("`ttl` must be an integer number of seconds"))?,
    }
    .clamp(MIN_TTL, MAX_TTL);
    let now = now_secs();
    let expires = now + ttl;
    let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = json!({"sub": user_uuid, "acc": account.uuid, "label": label, "iat": now, "exp": expires});
    let payload = base64url(claims.to_string().as_bytes());
    let mut key = uuid::Uuid::new_v4().as_bytes().to_vec();
    key.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    let signature = base64url(&key);
    Ok(json!({
        "success": true,
        "token": format!("{header}.{payload}.{signature}"),
        "user_uuid": user_uuid,
        "label": label,
        "expires_at": iso_offset(expires),
    }))
}
