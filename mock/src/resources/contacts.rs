//! Contacts: create (#44) and list (#45). Errors here are `{"success":false,"message":…}`.

use serde_json::{json, Value};

use super::{opt_string, page, req_string, Call};
use crate::reply::ApiError;
use crate::state::{Account, Contact, ContactDetail};
use crate::util::{is_e164, new_id, now_secs};

/// Detail types: email, address, phone, phone on WhatsApp.
pub const DETAIL_TYPES: [&str; 4] = ["E", "A", "PH", "WAPH"];

/// #44 `POST /open/contacts`. Details come in `contact_detail` (every documented example) or
/// `contact_details` (the docs' field table); both are accepted.
pub fn create(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_object()?;
    let first_name = req_string(body, "first_name")?.to_owned();
    let last_name = opt_string(body, "last_name")?.map(str::to_owned);
    let profile_pic_url = opt_string(body, "profile_pic_url")?.map(str::to_owned);
    let channel_uuid = opt_string(body, "channel_uuid")?.map(str::to_owned);

    let raw_details = match (body.get("contact_detail"), body.get("contact_details")) {
        (Some(v), _) if !v.is_null() => v,
        (_, Some(v)) if !v.is_null() => v,
        _ => return Err(ApiError::invalid("`contact_detail` is required: a non-empty list of {type, value}")),
    };
    let items = raw_details
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| ApiError::invalid("`contact_detail` must be a non-empty list of {type, value}"))?;
    let mut parsed = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let obj = item
            .as_object()
            .ok_or_else(|| ApiError::invalid(format!("contact_detail[{i}] must be an object {{type, value}}")))?;
        let kind = match obj.get("type").and_then(Value::as_str) {
            Some(k) if DETAIL_TYPES.contains(&k) => k.to_owned(),
            _ => {
                return Err(ApiError::invalid(format!("contact_detail[{i}].type must be one of E, A, PH, WAPH")));
            }
        };
        let value = match obj.get("value").and_then(Value::as_str) {
            Some(v) if !v.trim().is_empty() => v.to_owned(),
            _ => return Err(ApiError::invalid(format!("contact_detail[{i}].value is required"))),
        };
        if (kind == "PH" || kind == "WAPH") && !is_e164(&value) {
            return Err(ApiError::invalid(format!(
                "contact_detail[{i}].value must be an international (E.164) phone number, got `{value}`"
            )));
        }
        if kind == "E" && !value.contains('@') {
            return Err(ApiError::invalid(format!("contact_detail[{i}].value must be an email address")));
        }
        parsed.push((kind, value));
    }

    let now = now_secs();
    let details = parsed
        .into_iter()
        .map(|(kind, value)| ContactDetail {
            id: account.next_detail_id(),
            value,
            kind,
            created_at: now,
            updated_at: 0,
        })
        .collect();
    let contact = Contact {
        id: account.next_contact_id(),
        uuid: new_id("CON"),
        first_name,
        last_name,
        channel_uuid,
        profile_pic_url,
        details,
    };
    let answer = json!({"success": true, "contact": contact.to_json(false)});
    account.contacts.push(contact);
    Ok(answer)
}

/// #45 `GET /open/contacts?page_number=&results_per_page=&channel_uuid=`: oldest first.
/// `count` is the number of contacts on this page, `total` the number matching.
pub fn list(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let page_number = call.page_number()?;
    let per_page = call.results_per_page(50)?;
    let channel = call.query("channel_uuid").filter(|c| !c.is_empty());
    let matching =
        || account.contacts.iter().filter(move |c| channel.is_none() || c.channel_uuid.as_deref() == channel);
    let contacts: Vec<Value> = page(matching(), page_number, per_page).into_iter().map(|c| c.to_json(true)).collect();
    Ok(json!({
        "success": true,
        "page_number": page_number,
        "count": contacts.len(),
        "total": matching().count(),
        "contacts": contacts,
    }))
}
