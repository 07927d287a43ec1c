//! The account's contact book.

use serde_json::{Map, Value};

use super::ep;
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{check_e164, quoted, type_name, Fields};

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
    let page = p.opt_int("page_number", 0, i64::from(u32::MAX))?;
    let per_page = p.opt_int("results_per_page", 1, 100)?;
    let channel = p.opt_str("channel_uuid")?;
    Ok(RequestSpec::to(ep(45)?, &[])?
        .query_opt("page_number", page)
        .query_opt("results_per_page", per_page)
        .query_opt("channel_uuid", channel))
}
