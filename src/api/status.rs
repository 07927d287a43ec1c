//! WhatsApp status (stories) posts.

use serde_json::Value;

use super::{body_of, ep};
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{is_hex_color, quoted, required_e164, Fields};

/// #20 `POST /open/whatsapp/set-text-status/{number}`, with optional
/// `params: { backgroundColor: "#hex", font: <int> }`.
pub fn post_text(number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("number", number)?;
    let p = Fields::required("params", params)?;
    p.req_str("text")?;
    if let Some(style) = p.req_object("params").ok().filter(|_| p.has("params")) {
        if let Some(c) = style.opt_str("backgroundColor")? {
            if !is_hex_color(c) {
                return Err(Error::invalid(
                    &style.path("backgroundColor"),
                    format_args!("must be a #RRGGBB (or #RGB, #RRGGBBAA) colour (got {})", quoted(c)),
                ));
            }
        }
        style.opt_int("font", 0, 100)?;
    } else {
        p.opt_object("params")?;
    }
    Ok(RequestSpec::to(ep(20)?, &[("number", number)])?.body(body_of(&p)))
}

/// #21 `POST /open/whatsapp/set-image-status/{number}`.
pub fn post_image(number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("number", number)?;
    let p = Fields::required("params", params)?;
    p.req_url("image_url")?;
    Ok(RequestSpec::to(ep(21)?, &[("number", number)])?.body(body_of(&p)))
}
