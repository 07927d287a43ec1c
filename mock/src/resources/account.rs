//! Account: `/ping` (#1) and `/open/info` (#2).

use serde_json::{json, Value};

use super::Call;
use crate::reply::ApiError;
use crate::state::Account;

/// `max_api_request_count` reported by `/info`.
pub const MAX_API_REQUEST_COUNT: u64 = 10_000;
/// `max_number_check_count` reported by `/info` (2Chat caps trials at 100 checks).
pub const MAX_NUMBER_CHECK_COUNT: u64 = 100;

/// #1 `GET /ping`: the key works.
pub fn ping(_account: &mut Account, _call: &Call<'_>) -> Result<Value, ApiError> {
    Ok(json!({"success": true}))
}

/// #2 `GET /open/info`: the account, its limit and its usage.
pub fn info(account: &mut Account, _call: &Call<'_>) -> Result<Value, ApiError> {
    Ok(json!({
        "success": true,
        "account": {
            "name": account.name,
            "uuid": account.uuid,
            "on_trial": true,
            "blocked": false,
            "block_reason": null,
            "created_at": account.created_at_iso(),
            "expires_at": account.expires_at_iso(),
        },
        "limits": {"requests_per_minute": account.requests_per_minute},
        "usage": {
            "api_request_count": account.usage.api_request_count,
            "max_api_request_count": MAX_API_REQUEST_COUNT,
            "number_check_count": account.usage.number_check_count,
            "max_number_check_count": MAX_NUMBER_CHECK_COUNT,
        },
    }))
}
