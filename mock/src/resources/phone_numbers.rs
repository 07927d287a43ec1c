//! Buying virtual numbers (#66–#75): regions, cities, DID types, requirements, number groups,
//! available numbers, reservations and purchase. The catalogue is static; reservations and
//! purchases are per account, and bought numbers join the virtual numbers (#62).

use serde_json::{json, Map, Value};

use super::{opt_string, require_e164, Call};
use crate::generate::virtual_number;
use crate::reply::ApiError;
use crate::state::{Account, Reservation};
use crate::util::{digits, iso_z, now_secs};

/// How long a reservation holds a number, in seconds.
pub const RESERVATION_SECONDS: i64 = 86_400;
/// Numbers each group offers.
pub const NUMBERS_PER_GROUP: u64 = 12;

/// `(id, region_name, iso_country_code)`; only US, CA and GB have regions.
const REGIONS: &[(u32, &str, &str)] = &[
    (1, "California", "US"),
    (2, "New York", "US"),
    (3, "Texas", "US"),
    (4, "Florida", "US"),
    (5, "Ontario", "CA"),
    (6, "Quebec", "CA"),
    (7, "British Columbia", "CA"),
    (8, "England", "GB"),
    (9, "Scotland", "GB"),
    (10, "Wales", "GB"),
];

/// `(id, city_name, iso_country_code, region id)`.
const CITIES: &[(u32, &str, &str, Option<u32>)] = &[
    (101, "San Francisco", "US", Some(1)),
    (102, "Los Angeles", "US", Some(1)),
    (103, "New York City", "US", Some(2)),
    (104, "Austin", "US", Some(3)),
    (105, "Miami", "US", Some(4)),
    (106, "Toronto", "CA", Some(5)),
    (107, "Montreal", "CA", Some(6)),
    (108, "Vancouver", "CA", Some(7)),
    (109, "London", "GB", Some(8)),
    (110, "Manchester", "GB", Some(8)),
    (111, "Edinburgh", "GB", Some(9)),
    (112, "Cardiff", "GB", Some(10)),
    (113, "Ciudad de México", "MX", None),
    (114, "Guadalajara", "MX", None),
    (115, "Madrid", "ES", None),
    (116, "Barcelona", "ES", None),
];

/// The DID types and their ids.
const DID_TYPES: &[(u32, &str)] =
    &[(1, "local"), (2, "mobile"), (3, "tollfree"), (4, "national"), (5, "global"), (6, "sharedcost")];

/// `(iso_country_code, did_type, description)`: documents needed before a number works.
const REQUIREMENTS: &[(&str, &str, &str)] = &[
    ("GB", "local", "Proof of address in the United Kingdom (utility bill or bank statement, under 3 months old)"),
    ("GB", "mobile", "Passport or national identity card of the end user"),
    ("ES", "local", "Proof of address in Spain"),
    ("ES", "local", "DNI, NIE or passport of the end user"),
    ("MX", "local", "Proof of address in Mexico (comprobante de domicilio)"),
];

/// A number group: numbers with one prefix, price and feature set.
struct Group {
    id: &'static str,
    country: &'static str,
    region: Option<u32>,
    city: Option<u32>,
    prefix: &'static str,
    location: &'static str,
    did_type: &'static str,
    /// Setup, monthly and per-minute prices in USD.
    price: (&'static str, &'static str, &'static str),
    allow_number_selection: bool,
    free: bool,
    features: &'static [&'static str],
}

const GROUPS: &[Group] = &[
    Group {
        id: "6f0c1a2b-1415-4c3d-8e4f-5a6b7c8d9e01",
        country: "US",
        region: Some(1),
        city: Some(101),
        prefix: "1415",
        location: "San Francisco, California",
        did_type: "local",
        price: ("0.00", "3.00", "0.0100"),
        allow_number_selection: true,
        free: true,
        features: &["voice", "sms_in", "sms_out", "whatsapp", "whatsapp_business"],
    },
    Group {
        id: "6f0c1a2b-1212-4c3d-8e4f-5a6b7c8d9e02",
        country: "US",
        region: Some(2),
        city: Some(103),
        prefix: "1212",
        location: "New York City, New York",
        did_type: "local",
        price: ("0.00", "4.00", "0.0100"),
        allow_number_selection: true,
        free: false,
        features: &["voice", "sms_in", "sms_out", "whatsapp"],
    },
    Group {
        id: "6f0c1a2b-1512-4c3d-8e4f-5a6b7c8d9e03",
        country: "US",
        region: Some(3),
        city: Some(104),
        prefix: "1512",
        location: "Austin, Texas",
        did_type: "local",
        price: ("0.00", "3.00", "0.0100"),
        allow_number_selection: true,
        free: false,
        features: &["voice", "whatsapp"],
    },
    Group {
        id: "6f0c1a2b-1833-4c3d-8e4f-5a6b7c8d9e04",
        country: "US",
        region: None,
        city: None,
        prefix: "1833",
        location: "United States (toll-free)",
        did_type: "tollfree",
        price: ("0.00", "6.00", "0.0300"),
        allow_number_selection: false,
        free: false,
        features: &["voice"],
    },
    Group {
        id: "6f0c1a2b-1416-4c3d-8e4f-5a6b7c8d9e05",
        country: "CA",
        region: Some(5),
        city: Some(106),
        prefix: "1416",
        location: "Toronto, Ontario",
        did_type: "local",
        price: ("0.00", "3.50", "0.0100"),
        allow_number_selection: true,
        free: false,
        features: &["voice", "sms_in", "sms_out", "whatsapp"],
    },
    Group {
        id: "6f0c1a2b-4420-4c3d-8e4f-5a6b7c8d9e06",
        country: "GB",
        region: Some(8),
        city: Some(109),
        prefix: "4420",
        location: "London, England",
        did_type: "local",
        price: ("1.00", "4.50", "0.0120"),
        allow_number_selection: true,
        free: false,
        features: &["voice", "whatsapp", "whatsapp_business"],
    },
    Group {
        id: "6f0c1a2b-4477-4c3d-8e4f-5a6b7c8d9e07",
        country: "GB",
        region: None,
        city: None,
        prefix: "4477",
        location: "United Kingdom (mobile)",
        did_type: "mobile",
        price: ("2.00", "8.00", "0.0200"),
        allow_number_selection: false,
        free: false,
        features: &["voice", "sms_in", "sms_out", "whatsapp"],
    },
    Group {
        id: "6f0c1a2b-5255-4c3d-8e4f-5a6b7c8d9e08",
        country: "MX",
        region: None,
        city: Some(113),
        prefix: "5255",
        location: "Ciudad de México",
        did_type: "local",
        price: ("0.00", "5.00", "0.0150"),
        allow_number_selection: true,
        free: false,
        features: &["voice", "whatsapp"],
    },
    Group {
        id: "6f0c1a2b-3491-4c3d-8e4f-5a6b7c8d9e09",
        country: "ES",
        region: None,
        city: Some(115),
        prefix: "3491",
        location: "Madrid",
        did_type: "local",
        price: ("1.00", "3.00", "0.0120"),
        allow_number_selection: false,
        free: false,
        features: &["voice"],
    },
];

/// Digits of a full number (with its country code) per country.
fn number_length(country: &str) -> usize {
    match country {
        "US" | "CA" | "ES" => 11,
        _ => 12,
    }
}

/// `country`: required ISO 3166 alpha-2 (case-insensitive), upper-cased.
fn country(call: &Call<'_>) -> Result<String, ApiError> {
    let c = call.req_query("country")?.trim();
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(c.to_ascii_uppercase())
    } else {
        Err(ApiError::invalid(format!("country must be an ISO 3166 two-letter code such as US, got `{c}`")))
    }
}

/// An optional integer id of the query.
fn id_query(call: &Call<'_>, name: &str) -> Result<Option<u32>, ApiError> {
    match call.opt_query(name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| ApiError::invalid(format!("{name} must be an integer id, got `{v}`"))),
    }
}

fn requirements_of(country: &str, did_type: Option<&str>) -> Vec<Value> {
    REQUIREMENTS
        .iter()
        .filter(|(c, t, _)| *c == country && did_type.is_none_or(|d| d == *t))
        .map(|(_, t, d)| json!({"description": d, "did_type": t}))
        .collect()
}

/// #66 `GET /open/numbers/regions?country=`: regions of US, CA and GB; empty elsewhere.
pub fn regions(_account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let country = country(call)?;
    let regions: Vec<Value> = REGIONS
        .iter()
        .filter(|(_, _, c)| *c == country)
        .map(|(id, name, c)| json!({"id": id, "region_name": name, "iso_country_code": c}))
        .collect();
    Ok(json!({"success": true, "data": {"regions": regions}}))
}

/// #67 `GET /open/numbers/cities?country=&region=`.
pub fn cities(_account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let country = country(call)?;
    let region = id_query(call, "region")?;
    let cities: Vec<Value> = CITIES
        .iter()
        .filter(|(_, _, c, r)| *c == country && (region.is_none() || *r == region))
        .map(|(id, name, c, r)| json!({"id": id, "city_name": name, "iso_country_code": c, "region_id": r}))
        .collect();
    Ok(json!({"success": true, "data": {"cities": cities}}))
}

/// #68 `GET /open/numbers/did-types`.
pub fn did_types(_account: &mut Account, _call: &Call<'_>) -> Result<Value, ApiError> {
    let types: Vec<Value> = DID_TYPES.iter().map(|(id, name)| json!({"id": id, "name": name})).collect();
    Ok(json!({"success": true, "data": {"did_types": types}}))
}

/// `did_type` of the query: a known type name, or `all` (= none). With `by_id`, also the numeric
/// id `did-types` lists (#69 takes whatever `did-types` returned; #70 documents names).
fn did_type(call: &Call<'_>, by_id: bool) -> Result<Option<&'static str>, ApiError> {
    match call.opt_query("did_type") {
        None | Some("all") => Ok(None),
        Some(t) => match DID_TYPES.iter().find(|(id, name)| *name == t || (by_id && t.parse() == Ok(*id))) {
            Some((_, name)) => Ok(Some(name)),
            None => Err(ApiError::invalid(format!(
                "did_type must be one of {} or all, got `{t}`",
                DID_TYPES.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(", ")
            ))),
        },
    }
}

/// #69 `GET /open/numbers/requirements?country=&did_type=`: an empty list means no documents.
pub fn requirements(_account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let country = country(call)?;
    let did_type = did_type(call, true)?;
    Ok(json!({"success": true, "data": {"requirements": requirements_of(&country, did_type)}}))
}

fn group_json(group: &Group) -> Value {
    let (setup_price, monthly_price, ppm) = group.price;
    json!({
        "id": group.id,
        "prefix": group.prefix,
        "location": group.location,
        "iso_country_code": group.country,
        "region_id": group.region,
        "city_id": group.city,
        "price": {"setup_price": setup_price, "monthly_price": monthly_price, "ppm": ppm},
        "type": group.did_type,
        "requirements": requirements_of(group.country, Some(group.did_type)),
        "allow_number_selection": group.allow_number_selection,
        "is_eligible_for_free_number": group.free,
        "features": group.features,
    })
}

/// #70 `GET /open/numbers/groups?country=&region_id=&city_id=&city_name_or_prefix=&did_type=`.
pub fn groups(_account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let country = country(call)?;
    let region = id_query(call, "region_id")?;
    let city = id_query(call, "city_id")?;
    let did_type = did_type(call, false)?;
    let term = call.opt_query("city_name_or_prefix").map(|t| t.trim().to_lowercase());
    let groups: Vec<Value> = GROUPS
        .iter()
        .filter(|g| g.country == country)
        .filter(|g| region.is_none() || g.region == region)
        .filter(|g| city.is_none() || g.city == city)
        .filter(|g| did_type.is_none_or(|t| t == g.did_type))
        .filter(|g| {
            term.as_deref().is_none_or(|t| {
                g.location.to_lowercase().contains(t) || g.prefix.starts_with(t.trim_start_matches('+'))
            })
        })
        .map(group_json)
        .collect();
    Ok(json!({"success": true, "data": {"groups": groups}}))
}

fn group(id: &str) -> Result<&'static Group, ApiError> {
    GROUPS.iter().find(|g| g.id == id).ok_or_else(|| ApiError::not_found(format!("Number group {id} not found")))
}

/// Every number a group offers, with its id, taken or not.
fn numbers_of(group: &Group) -> Vec<(String, String)> {
    let index = GROUPS.iter().position(|g| g.id == group.id).unwrap_or(0);
    let rest = number_length(group.country).saturating_sub(group.prefix.len() + 4);
    (0..NUMBERS_PER_GROUP)
        .map(|k| {
            let filler = "5".repeat(rest);
            let number = format!("+{}{filler}{:04}", group.prefix, 1_000 + k * 137);
            (format!("a7a1{index:04x}-0000-4000-8000-{k:012x}"), number)
        })
        .collect()
}

/// Whether `number` is still free: not reserved and not bought.
fn is_free(account: &Account, number: &str) -> bool {
    !account.reservations.iter().any(|r| r.number == number)
        && !account.virtual_numbers.iter().any(|n| n.get("phone_number").and_then(Value::as_str) == Some(number))
}

fn available_numbers(account: &Account, group: &Group) -> Vec<(String, String)> {
    numbers_of(group).into_iter().filter(|(_, n)| is_free(account, n)).collect()
}

/// #71 `GET /open/numbers/available?group_id=&number_contains=`: only for groups with
/// `allow_number_selection` (422 otherwise).
pub fn available(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let group = group(call.req_query("group_id")?.trim())?;
    let contains = match call.opt_query("number_contains") {
        None => None,
        Some(d) if d.bytes().all(|b| b.is_ascii_digit()) => Some(d),
        Some(d) => return Err(ApiError::invalid(format!("number_contains must be digits, got `{d}`"))),
    };
    if !group.allow_number_selection {
        return Err(ApiError::invalid(format!(
            "Number group {} does not allow choosing a number (allow_number_selection is false)",
            group.id
        )));
    }
    let numbers: Vec<Value> = available_numbers(account, group)
        .into_iter()
        .filter(|(_, n)| contains.is_none_or(|d| digits(n).contains(d)))
        .map(|(id, number)| json!({"id": id, "number": number}))
        .collect();
    Ok(json!({"success": true, "data": {"numbers": numbers}}))
}

/// An id the body may carry as a string or a whole number.
fn body_id(body: &Map<String, Value>, field: &str) -> Result<Option<String>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim().to_owned())),
        Some(Value::Number(n)) if n.is_u64() => Ok(Some(n.to_string())),
        Some(_) => Err(ApiError::invalid(format!("`{field}` must be an id (a string)"))),
    }
}

/// `number` of the body: an E.164 string, if given.
fn body_number(body: &Map<String, Value>) -> Result<Option<String>, ApiError> {
    match opt_string(body, "number")?.map(str::trim).filter(|n| !n.is_empty()) {
        None => Ok(None),
        Some(n) => {
            require_e164(n, "number")?;
            Ok(Some(n.to_owned()))
        }
    }
}

/// #72 `POST /open/numbers/reservations` `{group_id, number?}` → 201. Without `number`, the
/// group's first free number is reserved.
pub fn reserve(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_or_empty()?;
    let group_id = body_id(&body, "group_id")?.ok_or_else(|| ApiError::invalid("`group_id` is required"))?;
    let wanted = body_number(&body)?;
    let group = group(&group_id)?;
    let free = available_numbers(account, group);
    let number = match wanted {
        Some(number) => {
            if !group.allow_number_selection {
                return Err(ApiError::invalid(format!(
                    "Number group {group_id} does not allow choosing a number; leave `number` out"
                )));
            }
            if !free.iter().any(|(_, n)| *n == number) {
                return Err(ApiError::not_found(format!("{number} is not available in number group {group_id}")));
            }
            number
        }
        None => free
            .into_iter()
            .next()
            .map(|(_, n)| n)
            .ok_or_else(|| ApiError::not_found(format!("Number group {group_id} has no numbers left")))?,
    };
    let now = now_secs();
    let reservation = Reservation {
        uuid: uuid::Uuid::new_v4().to_string(),
        number,
        group_id: group.id.to_owned(),
        created_at: now,
        expires_at: now + RESERVATION_SECONDS,
    };
    let details = json!({
        "uuid": reservation.uuid,
        "number": reservation.number,
        "created_at": iso_z(reservation.created_at),
        "expires_at": iso_z(reservation.expires_at),
    });
    account.reservations.push(reservation);
    Ok(json!({"success": true, "data": {"reservation_details": details}}))
}

fn price_number(price: &str) -> f64 {
    price.parse().unwrap_or(0.0)
}

/// #73 `GET /open/numbers/reservations`: the active reservations, oldest first.
pub fn reservations(account: &mut Account, _call: &Call<'_>) -> Result<Value, ApiError> {
    let list: Vec<Value> = account
        .reservations
        .iter()
        .map(|r| {
            let g = GROUPS.iter().find(|g| g.id == r.group_id);
            let (setup, monthly, ppm) = g.map(|g| g.price).unwrap_or(("0", "0", "0"));
            let has = |f: &str| g.is_some_and(|g| g.features.contains(&f));
            json!({
                "uuid": r.uuid,
                "number": r.number,
                "did_group_id": r.group_id,
                "did_type": g.map(|g| g.did_type),
                "iso_country_code": g.map(|g| g.country),
                "location": g.map(|g| g.location),
                "setup_price": price_number(setup),
                "monthly_price": price_number(monthly),
                "ppm": price_number(ppm),
                "reservation_date": iso_z(r.created_at),
                "reservation_end_date": iso_z(r.expires_at),
                "needs_registration": g.is_some_and(|g| !requirements_of(g.country, Some(g.did_type)).is_empty()),
                "supports_sms_in": has("sms_in"),
                "supports_sms_out": has("sms_out"),
            })
        })
        .collect();
    Ok(json!({"success": true, "data": {"reservations": list}}))
}

/// #74 `DELETE /open/numbers/reservations/{reservation_uuid}`.
pub fn cancel_reservation(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("reservation_uuid")?;
    let index = account
        .reservations
        .iter()
        .position(|r| r.uuid == uuid)
        .ok_or_else(|| ApiError::not_found(format!("Reservation {uuid} not found")))?;
    let reservation = account.reservations.remove(index);
    Ok(json!({"success": true, "message": format!("Reservation of {} cancelled", reservation.number)}))
}

/// The `provider_type` a virtual number of `did_type` shows.
fn provider_type(did_type: &str) -> &'static str {
    match did_type {
        "mobile" => "mobile",
        "tollfree" => "tollfree",
        "national" => "national",
        "sharedcost" => "shared-cost",
        _ => "local",
    }
}

/// #75 `POST /open/numbers/purchase` → 201 `{success, purchased, failed}`. Accepts both
/// documented forms: with `number`, that reservation is bought (404 when not reserved); with only
/// `group_id`, that group's reservations (or, with none, its first free number); with neither,
/// every active reservation (422 when there is none).
pub fn purchase(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_or_empty()?;
    let group_id = body_id(&body, "group_id")?;
    let number = body_number(&body)?;
    let group = group_id.as_deref().map(group).transpose()?;

    let to_buy: Vec<(String, &'static Group)> = match (&number, group) {
        (Some(number), group) => {
            let reservation = account
                .reservations
                .iter()
                .find(|r| r.number == *number)
                .ok_or_else(|| ApiError::not_found(format!("{number} is not reserved: reserve it first")))?;
            if group.is_some_and(|g| g.id != reservation.group_id) {
                return Err(ApiError::invalid(format!("{number} was reserved in another number group")));
            }
            let g = GROUPS.iter().find(|g| g.id == reservation.group_id);
            g.map(|g| vec![(number.clone(), g)]).unwrap_or_default()
        }
        (None, Some(group)) => {
            let reserved: Vec<(String, &'static Group)> = account
                .reservations
                .iter()
                .filter(|r| r.group_id == group.id)
                .map(|r| (r.number.clone(), group))
                .collect();
            if reserved.is_empty() {
                let (_, free) = available_numbers(account, group)
                    .into_iter()
                    .next()
                    .ok_or_else(|| ApiError::not_found(format!("Number group {} has no numbers left", group.id)))?;
                vec![(free, group)]
            } else {
                reserved
            }
        }
        (None, None) => account
            .reservations
            .iter()
            .filter_map(|r| GROUPS.iter().find(|g| g.id == r.group_id).map(|g| (r.number.clone(), g)))
            .collect(),
    };
    if to_buy.is_empty() {
        return Err(ApiError::invalid("There are no active reservations to purchase"));
    }
    let mut purchased = Vec::with_capacity(to_buy.len());
    for (number, group) in to_buy {
        account.reservations.retain(|r| r.number != number);
        let needs_documents = !requirements_of(group.country, Some(group.did_type)).is_empty();
        let status = if needs_documents { "AWAITING_REGISTRATION" } else { "ACTIVE" };
        let sms = group.features.contains(&"sms_out");
        virtual_number(account, &number, provider_type(group.did_type), sms, status);
        purchased.push(number);
    }
    Ok(json!({"success": true, "purchased": purchased, "failed": []}))
}
