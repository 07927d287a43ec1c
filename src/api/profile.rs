//! The connected number's WhatsApp profile.

use serde_json::{json, Map, Value};

use super::{body_of, ep};
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{is_http_url, quoted, required_e164, type_name, Fields};

/// #18 `POST /open/whatsapp/set-profile-picture/{number}`: `url: null` removes the picture.
pub fn set_picture(number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("number", number)?;
    let p = Fields::required("params", params)?;
    let url = match p.map().and_then(|m: &Map<String, Value>| m.get("url")) {
        None => return Err(Error::invalid("url", "is required (a public image URL, or null to remove the picture)")),
        Some(Value::Null) => Value::Null,
        Some(Value::String(u)) if is_http_url(u) => Value::String(u.clone()),
        Some(Value::String(u)) => {
            return Err(Error::invalid("url", format_args!("must be an http(s) URL or null (got {})", quoted(u))))
        }
        Some(other) => {
            return Err(Error::invalid("url", format_args!("must be a string or null, got {}", type_name(other))))
        }
    };
    let mut body = body_of(&p);
    if let Some(o) = body.as_object_mut() {
        o.insert("url".into(), url);
    }
    Ok(RequestSpec::to(ep(18)?, &[("number", number)])?.body(body))
}

/// #19 `POST /open/whatsapp/set-status/{number}`: the profile's "about" text.
pub fn set_status(number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("number", number)?;
    let p = Fields::required("params", params)?;
    let status = p.opt_str_max("status", 139)?.ok_or_else(|| Error::invalid("status", "is required"))?;
    Ok(RequestSpec::to(ep(19)?, &[("number", number)])?.body(json!({ "status": status })))
}
