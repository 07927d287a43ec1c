//! Contacts: create (#44), list (#45), search (#46), get (#47), update (#48) and delete (#49).
//! Errors here are `{"success":false,"message":…}`.

use serde_json::{json, Map, Value};

use super::{opt_string, page, req_string, Call};
use crate::reply::ApiError;
use crate::state::{Account, Contact, ContactDetail};
use crate::util::{is_e164, iso_z, new_id, now_secs};

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
    let parsed = parse_details(raw_details, false)?;

    let now = now_secs();
    let details = new_details(account, parsed, now);
    let contact = Contact {
        id: account.next_contact_id(),
        uuid: new_id("CON"),
        first_name,
        last_name,
        channel_uuid,
        profile_pic_url,
        details,
        last_updated: now,
    };
    let answer = json!({"success": true, "contact": contact.to_json(false)});
    account.contacts.push(contact);
    Ok(answer)
}

/// Validates a list of `{type, value}` details; an empty list only when `allow_empty`.
/// Stored details for parsed `(type, value)` pairs: new ids, created now, never updated.
fn new_details(account: &mut Account, parsed: Vec<(String, String)>, now: i64) -> Vec<ContactDetail> {
    parsed
        .into_iter()
        .map(|(kind, value)| ContactDetail {
            id: account.next_detail_id(),
            value,
            kind,
            created_at: now,
            updated_at: 0,
        })
        .collect()
}

fn parse_details(raw: &Value, allow_empty: bool) -> Result<Vec<(String, String)>, ApiError> {
    let items = raw
        .as_array()
        .filter(|a| allow_empty || !a.is_empty())
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
    Ok(parsed)
}

/// Default `results_per_page` of #45 and #46.
pub const DEFAULT_PER_PAGE: usize = 50;
/// Largest `results_per_page` of #45 and #46 (the contract: 1–100).
pub const MAX_PER_PAGE: usize = 100;

/// #45 `GET /open/contacts?page_number=&results_per_page=&channel_uuid=`: oldest first.
/// `count` is the number of contacts on this page, `total` the number matching.
pub fn list(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let page_number = call.page_number()?;
    let per_page = call.results_per_page_up_to(DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
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

/// #46 `GET /open/contacts/search?query=|q=&page_number=&results_per_page=&channel_uuid=`:
/// contacts whose first name, last name, full name or any detail value contains the query,
/// case-insensitively; oldest first. `count` is the number on this page, `total` all matches.
pub fn search(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let query = call
        .opt_query("query")
        .or_else(|| call.opt_query("q"))
        .ok_or_else(|| ApiError::invalid("The search term is required: `query` (or `q`)"))?
        .trim()
        .to_lowercase();
    let page_number = call.page_number()?;
    let per_page = call.results_per_page_up_to(DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    let channel = call.opt_query("channel_uuid");
    let matches = |c: &&Contact| {
        let full = format!("{} {}", c.first_name, c.last_name.as_deref().unwrap_or(""));
        (channel.is_none() || c.channel_uuid.as_deref() == channel)
            && (full.to_lowercase().contains(&query)
                || c.details.iter().any(|d| d.value.to_lowercase().contains(&query)))
    };
    let total = account.contacts.iter().filter(matches).count();
    let contacts: Vec<Value> = page(account.contacts.iter().filter(matches), page_number, per_page)
        .into_iter()
        .map(|c| c.to_json(true))
        .collect();
    Ok(json!({"success": true, "page": page_number, "count": contacts.len(), "total": total, "contacts": contacts}))
}

/// A contact as get and update show it: with `last_updated` (ISO Z).
fn detail_json(contact: &Contact) -> Value {
    let mut value = contact.to_json(false);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("last_updated".into(), json!(iso_z(contact.last_updated)));
    }
    value
}

/// The index of the path's `contact_uuid`, or 404.
fn index(account: &Account, call: &Call<'_>) -> Result<usize, ApiError> {
    let uuid = call.param("contact_uuid")?;
    account
        .contacts
        .iter()
        .position(|c| c.uuid == uuid)
        .ok_or_else(|| ApiError::not_found(format!("Contact {uuid} not found")))
}

/// #47 `GET /open/contacts/{contact_uuid}`.
pub fn get(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let i = index(account, call)?;
    let contact = account.contacts.get(i).ok_or_else(|| ApiError::not_found("Contact not found"))?;
    Ok(json!({"success": true, "contact": detail_json(contact)}))
}

/// An optional nullable string field: `None` when absent, `Some(None)` for null.
fn nullable(body: &Map<String, Value>, field: &str) -> Result<Option<Option<String>>, ApiError> {
    if body.contains_key(field) {
        Ok(Some(opt_string(body, field)?.map(str::to_owned)))
    } else {
        Ok(None)
    }
}

/// #48 `PUT /open/contacts/{contact_uuid}`: any of `first_name`, `last_name`, `profile_pic_url`,
/// `channel_uuid`, and `contact_details` (or `contact_detail`), which replaces the details.
pub fn update(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let i = index(account, call)?;
    let body = call.body_object()?;
    let first_name = match body.get("first_name") {
        None => None,
        Some(_) => Some(req_string(body, "first_name")?.to_owned()),
    };
    let last_name = nullable(body, "last_name")?;
    let profile_pic_url = nullable(body, "profile_pic_url")?;
    let channel_uuid = nullable(body, "channel_uuid")?;
    let details = match (body.get("contact_details"), body.get("contact_detail")) {
        (Some(v), _) | (None, Some(v)) => Some(parse_details(v, true)?),
        (None, None) => None,
    };
    if first_name.is_none()
        && last_name.is_none()
        && profile_pic_url.is_none()
        && channel_uuid.is_none()
        && details.is_none()
    {
        return Err(ApiError::invalid(
            "Nothing to update: send any of first_name, last_name, profile_pic_url, channel_uuid, contact_details",
        ));
    }
    let now = now_secs();
    let details = details.map(|parsed| new_details(account, parsed, now));
    let contact = account.contacts.get_mut(i).ok_or_else(|| ApiError::not_found("Contact not found"))?;
    if let Some(v) = first_name {
        contact.first_name = v;
    }
    if let Some(v) = last_name {
        contact.last_name = v;
    }
    if let Some(v) = profile_pic_url {
        contact.profile_pic_url = v;
    }
    if let Some(v) = channel_uuid {
        contact.channel_uuid = v;
    }
    if let Some(v) = details {
        contact.details = v;
    }
    contact.last_updated = now;
    Ok(json!({"success": true, "contact": detail_json(contact)}))
}

/// #49 `DELETE /open/contacts/{contact_uuid}`.
pub fn delete(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let i = index(account, call)?;
    account.contacts.remove(i);
    Ok(json!({"success": true}))
}
