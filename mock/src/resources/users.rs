//! Users of the account (#3).

use serde_json::{json, Value};

use super::Call;
use crate::reply::ApiError;
use crate::state::Account;

/// #3 `GET /open/users`: the account's active users.
pub fn list(account: &mut Account, _call: &Call<'_>) -> Result<Value, ApiError> {
    Ok(json!({"success": true, "data": {"users": account.users}}))
}
