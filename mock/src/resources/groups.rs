//! WhatsApp groups: list (#22) and get (#23).

use serde_json::{json, Value};

use super::{account_number, Call};
use crate::reply::ApiError;
use crate::state::Account;

/// Fields of a full group record that the list leaves out (groups-list.json vs group-get.json).
const DETAIL_ONLY: [&str; 2] = ["owner_data", "participants"];

/// #22 `GET /open/whatsapp/groups/{number}`: the groups of one of the account's numbers.
pub fn list(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let number = account_number(account, call.param("number")?, "number")?;
    let channel = number.uuid.as_str();
    let groups: Vec<Value> = account
        .groups
        .iter()
        .filter(|g| g.get("channel_uuid").and_then(Value::as_str) == Some(channel))
        .map(|g| {
            let mut summary = g.clone();
            if let Some(obj) = summary.as_object_mut() {
                for field in DETAIL_ONLY {
                    obj.remove(field);
                }
            }
            summary
        })
        .collect();
    Ok(json!({"success": true, "data": groups}))
}

/// #23 `GET /open/whatsapp/group/{group_uuid}`: one group with its participants.
pub fn get(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("group_uuid")?;
    let group = account.group(uuid).ok_or_else(|| ApiError::not_found(format!("Group {uuid} not found")))?;
    Ok(json!({"success": true, "data": group}))
}
