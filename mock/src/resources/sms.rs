//! SMS (#65): `POST /open/sms/send`, answered 202.

use serde_json::{json, Value};

use super::{req_string, require_e164, Call};
use crate::reply::ApiError;
use crate::state::Account;
use crate::util::new_id;

/// #65 `{from_number, to_number, text}`, all required. `from_number` must be one of the
/// account's SMS-enabled virtual numbers (404 otherwise); US destinations (`+1`) are refused
/// (no A2P to US numbers).
pub fn send(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_object()?;
    let from = req_string(body, "from_number")?;
    require_e164(from, "from_number")?;
    let to = req_string(body, "to_number")?;
    require_e164(to, "to_number")?;
    req_string(body, "text")?;
    let enabled = account.virtual_numbers.iter().any(|n| {
        n.get("phone_number").and_then(Value::as_str) == Some(from)
            && n.get("sms_enabled") == Some(&Value::Bool(true))
            && n.get("status_text").and_then(Value::as_str) == Some("ACTIVE")
    });
    if !enabled {
        return Err(ApiError::not_found(format!("{from} is not an SMS-enabled number of this account")));
    }
    if to.starts_with("+1") {
        return Err(ApiError::invalid("A2P messages to US numbers are not supported"));
    }
    Ok(json!({"success": true, "message_id": new_id("SMS")}))
}
