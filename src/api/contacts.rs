//! The account's contact book.

use serde_json::{Map, Value};

use super::{ep, paging, PerPage, MAX_CONTACTS_PER_PAGE};
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{check_e164, quoted, segment, type_name, Fields};

/// Contact detail types: email, address, phone, phone with WhatsApp.
pub const DETAIL_TYPES: [&str; 4] = ["E", "A", "PH", "WAPH"];

/// #44 `POST /open/contacts`.
///
/// 2Chat's field table says `contact_details` but every example sends `contact_detail`; either is
/// accepted here and the documented example spelling is sent.
pub fn create(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_str("first_name")?;
    p.opt_str("last_name")?;
    p.opt_url("profile_pic_url")?;
    p.opt_str("channel_uuid")?;
    let (field, details) = match (p.get("contact_detail"), p.get("contact_details")) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid("contact_details", "give contact_detail or contact_details, not both"))
        }
        (Some(d), None) => ("contact_detail", d),
        (None, Some(d)) => ("contact_details", d),
        (None, None) => {
            return Err(Error::invalid("contact_detail", "at least one detail ({type, value}) is required"))
        }
    };
    let details = details_list(field, details, true)?;
    let mut body = p.to_body();
    if let Some(obj) = body.as_object_mut() {
        obj.remove("contact_details");
        obj.insert("contact_detail".into(), Value::Array(details));
    }
    Ok(RequestSpec::to(ep(44)?, &[])?.body(body))
}

/// Validates a list of `{type, value}` details.
pub(crate) fn details_list(field: &str, v: &Value, non_empty: bool) -> Result<Vec<Value>> {
    let Value::Array(items) = v else {
        return Err(Error::invalid(field, format_args!("must be an array of {{type, value}}, got {}", type_name(v))));
    };
    if non_empty && items.is_empty() {
        return Err(Error::invalid(field, "at least one detail ({type, value}) is required"));
    }
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{i}]");
        let Value::Object(m) = item else {
            return Err(Error::invalid(
                &path,
                format_args!("must be an object {{type, value}}, got {}", type_name(item)),
            ));
        };
        detail(&path, m)?;
    }
    Ok(items.clone())
}

fn detail(path: &str, m: &Map<String, Value>) -> Result<()> {
    let f = Fields::nested(m, path);
    let kind = f.req_str("type")?;
    if !DETAIL_TYPES.contains(&kind) {
        return Err(Error::invalid(
            &f.path("type"),
            format_args!("must be one of E, A, PH, WAPH (got {})", quoted(kind)),
        ));
    }
    let value = f.req_str("value")?;
    match kind {
        "PH" | "WAPH" => check_e164(&f.path("value"), value),
        "E" if !value.contains('@') => {
            Err(Error::invalid(&f.path("value"), format_args!("must be an email address (got {})", quoted(value))))
        }
        _ => Ok(()),
    }
}

/// #45 `GET /open/contacts`.
pub fn list(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::optional("params", params)?;
    let channel = p.opt_str("channel_uuid")?;
    Ok(paging(RequestSpec::to(ep(45)?, &[])?, &p, PerPage::UpTo(MAX_CONTACTS_PER_PAGE))?
        .query_opt("channel_uuid", channel))
}

/// #46 `GET /open/contacts/search`. 2Chat's docs call the term `query`, its own tools `q`;
/// either is accepted here and `query` is sent.
pub fn search(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    let term = match (p.opt_str("query")?, p.opt_str("q")?) {
        (Some(_), Some(_)) => return Err(Error::invalid("q", "give query or q, not both")),
        (Some(t), None) | (None, Some(t)) if !t.trim().is_empty() => t,
        _ => return Err(Error::invalid("query", "a search term is required")),
    };
    let channel = p.opt_str("channel_uuid")?;
    let req = RequestSpec::to(ep(46)?, &[])?.query("query", term);
    Ok(paging(req, &p, PerPage::UpTo(MAX_CONTACTS_PER_PAGE))?.query_opt("channel_uuid", channel))
}

fn one(id: u8, contact_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("contactUuid", contact_uuid)?;
    RequestSpec::to(ep(id)?, &[("contact_uuid", uuid)])
}

/// #47 `GET /open/contacts/{uuid}`.
pub fn get(contact_uuid: Option<&Value>) -> Result<RequestSpec> {
    one(47, contact_uuid)
}

/// #48 `PUT /open/contacts/{uuid}`: only the fields given change. Details replace the old ones
/// and are sent as `contact_details`, the spelling of 2Chat's update docs.
pub fn update(contact_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let req = one(48, contact_uuid)?;
    let p = Fields::required("params", params)?;
    p.not_null("first_name")?;
    if p.opt_str("first_name")?.is_some_and(|f| f.trim().is_empty()) {
        return Err(Error::invalid("first_name", "must not be empty"));
    }
    p.opt_str("last_name")?;
    p.opt_url("profile_pic_url")?;
    p.opt_str("channel_uuid")?;
    let details = match (p.get("contact_detail"), p.get("contact_details")) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid("contact_details", "give contact_detail or contact_details, not both"))
        }
        (Some(d), None) => Some(details_list("contact_detail", d, false)?),
        (None, Some(d)) => Some(details_list("contact_details", d, false)?),
        (None, None) => None,
    };
    let mut body = p.to_body();
    if let Some(obj) = body.as_object_mut() {
        obj.remove("contact_detail");
        if let Some(d) = details {
            obj.insert("contact_details".into(), Value::Array(d));
        }
        if obj.is_empty() {
            return Err(Error::invalid("params", "nothing to update: give at least one field"));
        }
    }
    Ok(req.body(body))
}

/// #49 `DELETE /open/contacts/{uuid}`.
pub fn delete(contact_uuid: Option<&Value>) -> Result<RequestSpec> {
    one(49, contact_uuid)
}
