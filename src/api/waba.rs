//! WhatsApp Business API (WABA) numbers, templates and messages.

use serde_json::Value;

use super::{bare, body_of, ep};
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{required_e164, segment, type_name, Fields};

/// #54 `GET /open/waba/numbers`.
pub fn list_numbers() -> Result<RequestSpec> {
    bare(54)
}

/// #55 `GET /open/waba/numbers/{uuid}`.
pub fn get_number(waba_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("wabaUuid", waba_uuid)?;
    RequestSpec::to(ep(55)?, &[("waba_uuid", uuid)])
}

/// #56 `GET /open/waba/templates?phone_number=`: 0-based `page`, ends when `next_page` is null.
pub fn list_templates(phone_number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("phoneNumber", phone_number)?;
    let p = Fields::optional("params", params)?;
    let page = p.opt_int("page", 0, i64::from(u32::MAX))?;
    Ok(RequestSpec::to(ep(56)?, &[])?.query("phone_number", number).query_opt("page", page))
}

/// #57 `POST /open/waba/templates/sync?phone_number=`: runs in the background.
pub fn sync_templates(phone_number: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("phoneNumber", phone_number)?;
    Ok(RequestSpec::to(ep(57)?, &[])?.query("phone_number", number))
}

/// #58 `DELETE /open/waba/templates/{uuid}`: every language variant, permanently.
pub fn delete_template(template_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("templateUuid", template_uuid)?;
    RequestSpec::to(ep(58)?, &[("template_uuid", uuid)])
}

fn strings(f: &Fields<'_>, field: &str) -> Result<()> {
    if let Some(items) = f.opt_array(field)? {
        for (i, v) in items.iter().enumerate() {
            if !v.is_string() {
                return Err(Error::invalid(
                    &format!("{}[{i}]", f.path(field)),
                    format_args!("must be a string, got {}", type_name(v)),
                ));
            }
        }
    }
    Ok(())
}

fn template_params(params: &Fields<'_>) -> Result<()> {
    strings(params, "body")?;
    // Newer docs send a TEXT header as an array of strings, older ones as a single value.
    match params.get("header") {
        None | Some(Value::String(_)) => {}
        Some(Value::Array(_)) => strings(params, "header")?,
        Some(other) => {
            return Err(Error::invalid(
                &params.path("header"),
                format_args!("must be a string or an array of strings, got {}", type_name(other)),
            ))
        }
    }
    params.opt_url("header_media_url")?;
    params.opt_str("header_media_filename")?;
    params.opt_array("buttons")?;
    Ok(())
}

/// WhatsApp's limits on interactive messages.
fn interactive(payload: &Fields<'_>) -> Result<()> {
    let Some(i) = payload.opt_object("interactive")? else { return Ok(()) };
    let i = Fields::nested(i, "payload.interactive");
    let kind = i.opt_enum("type", &["button", "list", "cta_url"])?;
    let Some(action) = i.opt_object("action")? else { return Ok(()) };
    let action = Fields::nested(action, "payload.interactive.action");
    match kind {
        Some("button") => {
            if let Some(buttons) = action.opt_array("buttons")? {
                if buttons.len() > 3 {
                    return Err(Error::invalid(&action.path("buttons"), "takes at most 3 reply buttons"));
                }
                for (n, b) in buttons.iter().enumerate() {
                    let title =
                        b.pointer("/reply/title").or_else(|| b.get("title")).and_then(Value::as_str).unwrap_or("");
                    if title.chars().count() > 20 {
                        return Err(Error::invalid(
                            &format!("{}[{n}].title", action.path("buttons")),
                            "must be at most 20 characters",
                        ));
                    }
                }
            }
        }
        Some("list") => {
            let sections = action.opt_array("sections")?.map(Vec::as_slice).unwrap_or_default();
            let rows: Vec<&Value> =
                sections.iter().filter_map(|s| s.get("rows").and_then(Value::as_array)).flatten().collect();
            if rows.len() > 10 {
                return Err(Error::invalid(&action.path("sections"), "take at most 10 rows in all"));
            }
            if sections.len() > 1
                && sections.iter().any(|s| s.get("title").and_then(Value::as_str).is_none_or(str::is_empty))
            {
                return Err(Error::invalid(&action.path("sections"), "each need a title when there is more than one"));
            }
            for r in rows {
                let title = r.get("title").and_then(Value::as_str).unwrap_or("");
                let desc = r.get("description").and_then(Value::as_str).unwrap_or("");
                if title.chars().count() > 24 || desc.chars().count() > 72 {
                    return Err(Error::invalid(
                        &action.path("sections"),
                        "row titles take at most 24 characters, descriptions 72",
                    ));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// #59 `POST /open/waba/send-message`: a template (`template_uuid` + `params`, `{}` when it has
/// no variables) or, inside the 24-hour window, a session `text` — never both.
pub fn send_message(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    p.req_e164("to_number")?;
    let template = p.opt_str("template_uuid")?;
    let text = p.opt_str("text")?.filter(|t| !t.trim().is_empty());
    match (template, text) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid(
                "text",
                "a WABA message is a template (template_uuid + params) or a text, never both",
            ))
        }
        (None, None) if p.get("url").is_none() && p.get("payload").is_none() => {
            return Err(Error::invalid("template_uuid", "give template_uuid + params, or text"))
        }
        (Some(t), None) => {
            if t.trim().is_empty() {
                return Err(Error::invalid("template_uuid", "must not be empty"));
            }
            template_params(&p.req_object("params").map_err(|_| {
                Error::invalid("params", "is required with a template (use {} when it has no variables)")
            })?)?;
        }
        (None, _) if p.has("params") => {
            return Err(Error::invalid("params", "applies only to template messages (template_uuid)"))
        }
        _ => {}
    }
    p.opt_url("url")?;
    if let Some(payload) = p.opt_object("payload")? {
        interactive(&Fields::nested(payload, "payload"))?;
    }
    Ok(RequestSpec::to(ep(59)?, &[])?.body(body_of(&p)))
}
