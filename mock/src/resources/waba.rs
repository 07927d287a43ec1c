//! WABA (official WhatsApp Business API) numbers (#54, #55), templates (#56–#58) and
//! send-message (#59; it delivers `whatsapp.waba.message.sent`).

use serde_json::{json, Map, Value};

use super::messages::media_type;
use super::{is_http_url, opt_string, req_string, require_e164, Call};
use crate::payloads;
use crate::reply::ApiError;
use crate::state::{Account, Template};
use crate::util::{iso_micros, new_id, now_secs, now_secs_f64};

/// Templates per page of #56.
pub const TEMPLATES_PAGE_SIZE: usize = 10;

/// #54 `GET /open/waba/numbers`.
pub fn list_numbers(account: &mut Account, _call: &Call<'_>) -> Result<Value, ApiError> {
    Ok(json!({"success": true, "numbers": account.waba_numbers}))
}

/// #55 `GET /open/waba/numbers/{waba_uuid}`.
pub fn get_number(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("waba_uuid")?;
    let number = account
        .waba_numbers
        .iter()
        .find(|n| n.get("uuid").and_then(Value::as_str) == Some(uuid))
        .ok_or_else(|| ApiError::not_found(format!("WABA number {uuid} not found")))?;
    Ok(json!({"success": true, "number": number}))
}

fn field<'a>(record: &'a Value, name: &str) -> &'a str {
    record.get(name).and_then(Value::as_str).unwrap_or_default()
}

/// The WABA number `phone` (E.164; the `+` may be left out, as 2Chat's n8n node does): 422 when
/// malformed, 404 when not one of the account's WABA numbers.
fn waba_by_phone<'a>(account: &'a Account, phone: &str) -> Result<&'a Value, ApiError> {
    let phone = phone.trim();
    let normalized = if phone.starts_with('+') { phone.to_owned() } else { format!("+{phone}") };
    require_e164(&normalized, "phone_number")?;
    account
        .waba_numbers
        .iter()
        .find(|n| field(n, "phone_number") == normalized)
        .ok_or_else(|| ApiError::not_found(format!("{normalized} is not a WABA number of this account")))
}

fn template_json(template: &Template, waba: &Value) -> Value {
    let keys = [
        "uuid",
        "friendly_name",
        "iso_country_code",
        "verified_name",
        "phone_number",
        "connection_status",
        "created_at",
        "updated_at",
    ];
    let waba: Map<String, Value> =
        keys.iter().map(|k| ((*k).to_owned(), waba.get(*k).cloned().unwrap_or(Value::Null))).collect();
    json!({
        "uuid": template.uuid,
        "name": template.name,
        "language": template.language,
        "status": template.status,
        "category": template.category,
        "template_content": template.template_content,
        "description": template.description,
        "updated_at": template.updated_at,
        "waba": waba,
    })
}

/// #56 `GET /open/waba/templates?phone_number=&page=`: ten per page from page 0; `next_page` is
/// null on the last page, `total` counts them all.
pub fn list_templates(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let waba = waba_by_phone(account, call.req_query("phone_number")?)?;
    let page = match call.opt_query("page") {
        None => 0,
        Some(v) => {
            v.parse::<usize>().map_err(|_| ApiError::invalid(format!("page must be an integer >= 0, got `{v}`")))?
        }
    };
    let uuid = field(waba, "uuid");
    let all: Vec<&Template> = account.templates.iter().filter(|t| t.waba_uuid == uuid).collect();
    let total = all.len();
    let per_page = call.page_size(TEMPLATES_PAGE_SIZE);
    let templates: Vec<Value> =
        super::page(all.into_iter(), page, per_page).into_iter().map(|t| template_json(t, waba)).collect();
    let next_page = if (page + 1).saturating_mul(per_page) < total { Some(page + 1) } else { None };
    Ok(json!({"success": true, "templates": templates, "total": total, "next_page": next_page}))
}

/// #57 `POST /open/waba/templates/sync?phone_number=`: a background sync starts (nothing changes).
pub fn sync_templates(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    waba_by_phone(account, call.req_query("phone_number")?)?;
    Ok(json!({
        "success": true,
        "is_syncing": true,
        "start_time_syncing": iso_micros(now_secs_f64()),
        "message": "Template synchronization started",
    }))
}

/// #58 `DELETE /open/waba/templates/{template_uuid}`: gone for good.
pub fn delete_template(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("template_uuid")?;
    let index = account
        .templates
        .iter()
        .position(|t| t.uuid == uuid)
        .ok_or_else(|| ApiError::not_found(format!("Template {uuid} not found")))?;
    let template = account.templates.remove(index);
    Ok(json!({
        "success": true,
        "message": format!("Template {} deleted with all its language variants", template.name),
    }))
}

/// A list of strings, or (where `scalar_ok`) a single string.
fn strings(params: &Map<String, Value>, name: &str, scalar_ok: bool) -> Result<(), ApiError> {
    match params.get(name) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(_)) if scalar_ok => Ok(()),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => Ok(()),
        Some(_) => Err(ApiError::invalid(format!("`params.{name}` must be a list of strings"))),
    }
}

/// #59 `POST /open/waba/send-message` `{from_number, to_number}` plus exactly one of a template
/// (`template_uuid` + `params`, required even if `{}`) or a session `text`.
pub fn send_message(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_object()?;
    let from = req_string(body, "from_number")?;
    require_e164(from, "from_number")?;
    let to = req_string(body, "to_number")?;
    require_e164(to, "to_number")?;
    let template_uuid = opt_string(body, "template_uuid")?.filter(|t| !t.is_empty());
    let text = opt_string(body, "text")?.filter(|t| !t.is_empty());
    let params = body.get("params").filter(|p| !p.is_null());
    match (template_uuid, text) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid("Send either a template (`template_uuid` + `params`) or `text`, not both"))
        }
        (None, None) => {
            return Err(ApiError::invalid("A template (`template_uuid` + `params`) or a session `text` is required"))
        }
        (None, Some(_)) if params.is_some() => {
            return Err(ApiError::invalid("`params` goes with `template_uuid`, not with a session `text`"))
        }
        (Some(_), None) => {
            let params = params
                .ok_or_else(|| ApiError::invalid("`params` is required with `template_uuid` (use {} when empty)"))?
                .as_object()
                .ok_or_else(|| ApiError::invalid("`params` must be an object"))?;
            strings(params, "body", false)?;
            strings(params, "header", true)?;
            if let Some(url) = opt_string(params, "header_media_url")? {
                if !is_http_url(url) {
                    return Err(ApiError::invalid(format!(
                        "`params.header_media_url` must be an http(s) URL, got `{url}`"
                    )));
                }
            }
        }
        (None, Some(_)) => {}
    }
    if let Some(url) = opt_string(body, "url")? {
        if !is_http_url(url) {
            return Err(ApiError::invalid(format!("`url` must be an http(s) URL, got `{url}`")));
        }
    }
    let waba = waba_by_phone(account, from)?;
    let text = match template_uuid {
        Some(uuid) => {
            let waba_uuid = field(waba, "uuid");
            let template = account
                .templates
                .iter()
                .find(|t| t.uuid == uuid && t.waba_uuid == waba_uuid)
                .ok_or_else(|| ApiError::not_found(format!("Template {uuid} not found on {from}")))?;
            render(&template.template_content, params.and_then(|p| p.get("body")))
        }
        None => text.unwrap_or_default().to_owned(),
    };
    let mut message = Map::new();
    message.insert("text".into(), json!(text));
    if let Some(url) = opt_string(body, "url")? {
        let (kind, mime) = media_type(url);
        message.insert("media".into(), json!({"url": url, "type": kind, "mime_type": mime}));
    }
    let uuid = new_id("MSG");
    let planned = payloads::waba_message_sent(account, waba, &uuid, to, &Value::Object(message), now_secs());
    account.outbox.extend(planned);
    Ok(json!({"success": true, "message_uuid": uuid, "batched": true}))
}

/// A template's text with `{{n}}` replaced by the n-th `params.body` value (left as is when
/// missing).
fn render(content: &str, body: Option<&Value>) -> String {
    let values: Vec<&str> = match body {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(one)) => vec![one.as_str()],
        _ => Vec::new(),
    };
    let mut out = content.to_owned();
    for (i, value) in values.iter().enumerate() {
        out = out.replace(&format!("{{{{{}}}}}", i + 1), value);
    }
    out
}
