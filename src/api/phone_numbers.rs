//! Searching, reserving and buying virtual numbers.

use serde_json::Value;

use super::{bare, body_of, ep};
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{quoted, segment, type_name, Fields};

fn country(p: &Fields<'_>) -> Result<String> {
    let c = p.req_str("country")?;
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(c.to_ascii_uppercase())
    } else {
        Err(Error::invalid(
            "country",
            format_args!("must be an ISO 3166 two-letter code such as \"US\" (got {})", quoted(c)),
        ))
    }
}

/// An id 2Chat may send as a number or a string.
fn id_value(p: &Fields<'_>, field: &str, required: bool) -> Result<Option<String>> {
    match p.get(field) {
        None if required => Err(Error::invalid(&p.path(field), "is required")),
        None => Ok(None),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
        Some(Value::Number(n)) if n.is_u64() => Ok(Some(n.to_string())),
        Some(other) => Err(Error::invalid(
            &p.path(field),
            format_args!("must be an id (string or whole number), got {}", type_name(other)),
        )),
    }
}

/// #66 `GET /open/numbers/regions?country=` (regions exist for US, CA and GB).
pub fn regions(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    Ok(RequestSpec::to(ep(66)?, &[])?.query("country", country(&p)?))
}

/// #67 `GET /open/numbers/cities?country=&region=`.
pub fn cities(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    let c = country(&p)?;
    Ok(RequestSpec::to(ep(67)?, &[])?.query("country", c).query_opt("region", id_value(&p, "region", false)?))
}

/// #68 `GET /open/numbers/did-types`.
pub fn did_types() -> Result<RequestSpec> {
    bare(68)
}

/// #69 `GET /open/numbers/requirements?country=&did_type=`.
pub fn requirements(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    let c = country(&p)?;
    Ok(RequestSpec::to(ep(69)?, &[])?.query("country", c).query_opt("did_type", id_value(&p, "did_type", false)?))
}

/// #70 `GET /open/numbers/groups`: number groups with prices and features.
pub fn search_groups(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    let c = country(&p)?;
    Ok(RequestSpec::to(ep(70)?, &[])?
        .query("country", c)
        .query_opt("region_id", id_value(&p, "region_id", false)?)
        .query_opt("city_id", id_value(&p, "city_id", false)?)
        .query_opt("city_name_or_prefix", p.opt_str("city_name_or_prefix")?)
        .query_opt("did_type", p.opt_str("did_type")?))
}

/// #71 `GET /open/numbers/available?group_id=`: only for groups with `allow_number_selection`.
pub fn available(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    let group = id_value(&p, "group_id", true)?;
    let contains = p.opt_str("number_contains")?;
    if let Some(d) = contains {
        if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid("number_contains", format_args!("must be digits (got {})", quoted(d))));
        }
    }
    Ok(RequestSpec::to(ep(71)?, &[])?.query_opt("group_id", group).query_opt("number_contains", contains))
}

/// #72 `POST /open/numbers/reservations`: a random number of the group unless `number` is given.
pub fn reserve(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    id_value(&p, "group_id", true)?;
    p.opt_e164("number")?;
    Ok(bare(72)?.body(body_of(&p)))
}

/// #73 `GET /open/numbers/reservations`.
pub fn list_reservations() -> Result<RequestSpec> {
    bare(73)
}

/// #74 `DELETE /open/numbers/reservations/{uuid}`.
pub fn cancel_reservation(reservation_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("reservationUuid", reservation_uuid)?;
    RequestSpec::to(ep(74)?, &[("reservation_uuid", uuid)])
}

/// #75 `POST /open/numbers/purchase`. 2Chat's docs require `group_id`; its own tools send only an
/// optional `number`, and with neither every active reservation is bought. Both forms are sent as
/// given.
pub fn purchase(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::optional("params", params)?;
    id_value(&p, "group_id", false)?;
    p.opt_e164("number")?;
    Ok(bare(75)?.body(body_of(&p)))
}
