//! Phone calls: history (#60), one call (#61), virtual numbers (#62, #64) and caller ids (#63).

use serde_json::{json, Value};

use super::{page, Call};
use crate::generate::status_code;
use crate::reply::ApiError;
use crate::state::{Account, User};
use crate::util::{iso_z, now_secs};

/// Call records per page of #60.
pub const HISTORY_PAGE_SIZE: usize = 20;
/// Default `results_per_page` of #62 and #63 (the docs say 200 for #62, 2Chat's own code 50).
/// The contract states no maximum.
pub const DEFAULT_PER_PAGE: usize = 50;

fn text<'a>(record: &'a Value, name: &str) -> Option<&'a str> {
    record.get(name).and_then(Value::as_str)
}

/// #60 `GET /open/voip/call-history?page_number=&direction=inbound|outbound`: newest first,
/// twenty per page. `count` is the number on this page, `total` all matching records.
pub fn history(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let page_number = call.page_number()?;
    let direction = match call.opt_query("direction") {
        None => None,
        Some("inbound") => Some("I"),
        Some("outbound") => Some("O"),
        Some(other) => return Err(ApiError::invalid(format!("direction must be inbound or outbound, got `{other}`"))),
    };
    let matching =
        || account.cdrs.iter().rev().filter(move |c| direction.is_none() || text(c, "direction") == direction);
    let cdrs = page(matching(), page_number, call.page_size(HISTORY_PAGE_SIZE));
    Ok(json!({
        "success": true,
        "count": cdrs.len(),
        "total": matching().count(),
        "page": page_number,
        "cdrs": cdrs,
    }))
}

/// #61 `GET /open/voip/call/{call_uuid}`: the record plus its `agent`.
pub fn get(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("call_uuid")?;
    let mut cdr = account
        .cdrs
        .iter()
        .find(|c| text(c, "uuid") == Some(uuid))
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("Call {uuid} not found")))?;
    let agent = text(&cdr, "agent_id")
        .and_then(|id| account.users.iter().find(|u| u.uuid == id))
        .map(User::as_agent)
        .unwrap_or(Value::Null);
    if let Some(obj) = cdr.as_object_mut() {
        obj.insert("agent".into(), agent);
    }
    Ok(json!({"success": true, "cdr": cdr}))
}

fn paged(records: &[Value], call: &Call<'_>, key: &str) -> Result<Value, ApiError> {
    let page_number = call.page_number()?;
    let per_page = call.results_per_page_unbounded(DEFAULT_PER_PAGE)?;
    let items = page(records.iter(), page_number, per_page);
    let mut answer = json!({"success": true, "count": items.len(), "total": records.len(), "page": page_number});
    if let Some(obj) = answer.as_object_mut() {
        obj.insert(key.to_owned(), json!(items));
    }
    Ok(answer)
}

/// #62 `GET /open/voip/virtual-numbers?page_number=&results_per_page=` (>= 1, default 50).
pub fn virtual_numbers(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    paged(&account.virtual_numbers, call, "numbers")
}

/// #63 `GET /open/voip/caller-ids?page_number=&results_per_page=` (>= 1, default 50).
pub fn caller_ids(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    paged(&account.caller_ids, call, "caller_ids")
}

/// #64 `DELETE /open/voip/virtual-numbers/{virtual_number_uuid}`: the number stays listed, with
/// `status_text: "PENDING_CANCELLATION"`.
pub fn delete_virtual_number(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("virtual_number_uuid")?;
    let number = account
        .virtual_numbers
        .iter_mut()
        .find(|n| text(n, "uuid") == Some(uuid))
        .and_then(Value::as_object_mut)
        .ok_or_else(|| ApiError::not_found(format!("Virtual number {uuid} not found")))?;
    number.insert("status_text".into(), json!("PENDING_CANCELLATION"));
    number.insert("status".into(), json!(status_code("PENDING_CANCELLATION")));
    number.insert("updated_at".into(), json!(iso_z(now_secs())));
    Ok(json!({"success": true}))
}
