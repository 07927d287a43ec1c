//! Profile and status of a connected number: set-profile-picture (#18), set-status (#19),
//! text status (#20) and image status (#21). What they set shows on get-channel (#6) as
//! `profile_pic_url`, `profile_status` and `status_updates`.

use serde_json::{json, Map, Value};

use super::{connected_number, is_http_url, req_string, req_url, Call};
use crate::reply::ApiError;
use crate::state::{Account, Number};
use crate::util::{iso_z, now_secs};

/// WhatsApp's limit on the "about" text.
pub const MAX_ABOUT_CHARS: usize = 139;

/// The path's `number`, which must be a connected number of the account.
fn number_mut<'a>(account: &'a mut Account, call: &Call<'_>) -> Result<&'a mut Number, ApiError> {
    let phone = call.param("number")?;
    connected_number(account, phone, "number")?;
    account.numbers.iter_mut().find(|n| n.phone_number == phone).ok_or_else(|| ApiError::not_found("Number not found"))
}

/// #18 `POST /open/whatsapp/set-profile-picture/{number}` `{url}`; `url: null` removes it.
pub fn set_picture(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let number = number_mut(account, call)?;
    let body = call.body_object()?;
    let url = match body.get("url") {
        Some(Value::Null) => None,
        Some(Value::String(url)) if is_http_url(url) => Some(url.clone()),
        Some(Value::String(url)) => {
            return Err(ApiError::invalid(format!("`url` must be an http(s) URL, got `{url}`")))
        }
        None => return Err(ApiError::invalid("`url` is required (null removes the picture)")),
        Some(_) => return Err(ApiError::invalid("`url` must be a string or null")),
    };
    number.profile.picture_url = url;
    Ok(json!({"success": true, "batched": true}))
}

/// #19 `POST /open/whatsapp/set-status/{number}` `{status}`: the "about" text (at most 139
/// characters).
pub fn set_status(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let number = number_mut(account, call)?;
    let body = call.body_object()?;
    let status = match body.get("status") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => return Err(ApiError::invalid("`status` is required")),
        Some(_) => return Err(ApiError::invalid("`status` must be a string")),
    };
    if status.chars().count() > MAX_ABOUT_CHARS {
        return Err(ApiError::invalid(format!("`status` is at most {MAX_ABOUT_CHARS} characters")));
    }
    number.profile.about = Some(status);
    Ok(json!({"success": true, "batched": true}))
}

/// `params` of a text status: `backgroundColor` (`#rgb` or `#rrggbb`) and `font` (an integer).
fn text_params(body: &Map<String, Value>) -> Result<Value, ApiError> {
    let params = match body.get("params") {
        None | Some(Value::Null) => return Ok(Value::Null),
        Some(Value::Object(params)) => params,
        Some(_) => return Err(ApiError::invalid("`params` must be an object {backgroundColor, font}")),
    };
    match params.get("backgroundColor") {
        None | Some(Value::Null) => {}
        Some(Value::String(c))
            if c.strip_prefix('#')
                .is_some_and(|h| matches!(h.len(), 3 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit())) => {}
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "`params.backgroundColor` must be a hex color like \"#1f2937\", got {other}"
            )))
        }
    }
    match params.get("font") {
        None | Some(Value::Null) => {}
        Some(v) if v.is_i64() || v.is_u64() => {}
        Some(other) => return Err(ApiError::invalid(format!("`params.font` must be an integer, got {other}"))),
    }
    Ok(Value::Object(params.clone()))
}

/// #20 `POST /open/whatsapp/set-text-status/{number}` `{text, params?}`.
pub fn post_text_status(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let number = number_mut(account, call)?;
    let body = call.body_object()?;
    let text = req_string(body, "text")?.to_owned();
    let params = text_params(body)?;
    number.profile.status_updates.push(json!({
        "type": "text", "text": text, "params": params, "created_at": iso_z(now_secs()),
    }));
    Ok(json!({"success": true}))
}

/// #21 `POST /open/whatsapp/set-image-status/{number}` `{image_url}`.
pub fn post_image_status(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let number = number_mut(account, call)?;
    let body = call.body_object()?;
    let image_url = req_url(body, "image_url")?.to_owned();
    number.profile.status_updates.push(json!({
        "type": "image", "image_url": image_url, "created_at": iso_z(now_secs()),
    }));
    Ok(json!({"success": true}))
}
