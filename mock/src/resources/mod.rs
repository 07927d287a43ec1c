//! The 2Chat endpoint handlers, one module per resource of the API docs.
//!
//! A handler is a plain synchronous function of the account and the parsed request; the pipeline
//! in [`crate::dispatch`] has already logged, authenticated and rate-limited the call, and renders
//! the result (the table's success status, or the error in the resource's error style).

pub mod account;
pub mod calls;
pub mod catalog;
pub mod channels;
pub mod contacts;
pub mod groups;
pub mod messages;
pub mod numbers;
pub mod phone_numbers;
pub mod profile;
pub mod sms;
pub mod users;
pub mod voice;
pub mod waba;
pub mod webhooks;

use serde_json::{Map, Value};
use twochat::endpoints::Endpoint;

use crate::reply::ApiError;
use crate::state::{Account, Number};
use crate::util::is_e164;

/// A parsed 2Chat request.
#[derive(Debug)]
pub struct Call<'a> {
    /// The table row it matched.
    pub endpoint: &'static Endpoint,
    /// Path parameters by the template's names, percent-decoded.
    pub params: Vec<(&'static str, String)>,
    /// Query pairs, decoded.
    pub query: Vec<(String, String)>,
    /// The JSON body, if any.
    pub body: Option<&'a Value>,
    /// The account's `max_page_size` (`POST /__mock/accounts`): no page of any list is longer,
    /// whatever the request asks for, as a real server may cap pages.
    pub page_cap: Option<usize>,
}

/// What every handler looks like.
pub type Handler = fn(&mut Account, &Call<'_>) -> Result<Value, ApiError>;

/// The handler of endpoint `id` (its number in the API contract), if the mock implements it.
pub fn handler_for(id: u8) -> Option<Handler> {
    let handler: Handler = match id {
        1 => account::ping,
        2 => account::info,
        3 => users::list,
        4 => voice::access_token,
        5 => numbers::list,
        6 => channels::get,
        7 => channels::create,
        8 => channels::status,
        9 => channels::command,
        10 => channels::delete,
        11 => numbers::check,
        12 => messages::send,
        13 | 14 => messages::list,
        15 => messages::get,
        16 => messages::delete,
        17 => messages::conversations,
        18 => profile::set_picture,
        19 => profile::set_status,
        20 => profile::post_text_status,
        21 => profile::post_image_status,
        22 => groups::list,
        23 => groups::get,
        24 => groups::create,
        25 => groups::add_participants,
        26 => groups::remove_participants,
        27 => groups::promote_participants,
        28 => groups::demote_participants,
        29 => groups::set_description,
        30 => groups::set_picture,
        31 => groups::messages,
        32 | 33 => catalog::list_products,
        34 => catalog::create_product,
        35 => catalog::update_product,
        36 => catalog::delete_product,
        37 => catalog::add_images,
        38 => catalog::delete_image,
        39 | 40 => catalog::list_collections,
        41 => catalog::create_collection,
        42 => catalog::update_collection,
        43 => catalog::delete_collection,
        44 => contacts::create,
        45 => contacts::list,
        46 => contacts::search,
        47 => contacts::get,
        48 => contacts::update,
        49 => contacts::delete,
        50 => webhooks::subscribe,
        51 | 52 => webhooks::list,
        53 => webhooks::delete,
        54 => waba::list_numbers,
        55 => waba::get_number,
        56 => waba::list_templates,
        57 => waba::sync_templates,
        58 => waba::delete_template,
        59 => waba::send_message,
        60 => calls::history,
        61 => calls::get,
        62 => calls::virtual_numbers,
        63 => calls::caller_ids,
        64 => calls::delete_virtual_number,
        65 => sms::send,
        66 => phone_numbers::regions,
        67 => phone_numbers::cities,
        68 => phone_numbers::did_types,
        69 => phone_numbers::requirements,
        70 => phone_numbers::groups,
        71 => phone_numbers::available,
        72 => phone_numbers::reserve,
        73 => phone_numbers::reservations,
        74 => phone_numbers::cancel_reservation,
        75 => phone_numbers::purchase,
        _ => return None,
    };
    Some(handler)
}

impl Call<'_> {
    /// A path parameter of the endpoint's template.
    pub fn param(&self, name: &str) -> Result<&str, ApiError> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| ApiError::not_found(format!("Missing path parameter `{name}`")))
    }

    /// Whether the template has a parameter `name` (#13 and #14 share a handler).
    pub fn has_param(&self, name: &str) -> bool {
        self.params.iter().any(|(n, _)| *n == name)
    }

    /// The first value of query parameter `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// `page_number`: an integer ≥ 0, default 0.
    pub fn page_number(&self) -> Result<usize, ApiError> {
        match self.query("page_number") {
            None | Some("") => Ok(0),
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| ApiError::invalid(format!("page_number must be an integer >= 0, got `{v}`"))),
        }
    }

    /// How many items a page of a list with `size` items per page really holds: `size`, or the
    /// account's `max_page_size` if that is smaller. A handler computes offsets and end signals
    /// (`next_page`, short pages) from this size.
    pub fn page_size(&self, size: usize) -> usize {
        self.page_cap.map_or(size, |cap| size.min(cap))
    }

    /// The page size of `results_per_page` (1 to `max`, default `default`), capped by
    /// [`Call::page_size`].
    pub fn results_per_page_up_to(&self, default: usize, max: usize) -> Result<usize, ApiError> {
        let requested = match self.query("results_per_page") {
            None | Some("") => default,
            Some(v) => v.parse::<usize>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
                if max == usize::MAX {
                    ApiError::invalid(format!("results_per_page must be an integer >= 1, got `{v}`"))
                } else {
                    ApiError::invalid(format!("results_per_page must be between 1 and {max}, got `{v}`"))
                }
            })?,
        };
        Ok(self.page_size(requested))
    }

    /// The page size of `results_per_page` where the contract states no maximum (any integer
    /// >= 1, default `default`), capped by [`Call::page_size`].
    pub fn results_per_page_unbounded(&self, default: usize) -> Result<usize, ApiError> {
        self.results_per_page_up_to(default, usize::MAX)
    }

    /// A required, non-empty query parameter (422 when missing).
    pub fn req_query(&self, name: &str) -> Result<&str, ApiError> {
        match self.query(name) {
            Some(v) if !v.trim().is_empty() => Ok(v),
            _ => Err(ApiError::invalid(format!("The query parameter `{name}` is required"))),
        }
    }

    /// An optional, non-empty query parameter.
    pub fn opt_query(&self, name: &str) -> Option<&str> {
        self.query(name).filter(|v| !v.trim().is_empty())
    }

    /// The body as a JSON object, or an empty object when there is no body.
    pub fn body_or_empty(&self) -> Result<Map<String, Value>, ApiError> {
        match self.body {
            None | Some(Value::Null) => Ok(Map::new()),
            Some(Value::Object(map)) => Ok(map.clone()),
            Some(_) => Err(ApiError::invalid("The request body must be a JSON object")),
        }
    }

    /// The body as a JSON object (422 when missing or not an object).
    pub fn body_object(&self) -> Result<&Map<String, Value>, ApiError> {
        self.body.and_then(Value::as_object).ok_or_else(|| ApiError::invalid("The request body must be a JSON object"))
    }
}

/// One page of `items`.
pub fn page<T>(items: impl Iterator<Item = T>, page_number: usize, per_page: usize) -> Vec<T> {
    items.skip(page_number.saturating_mul(per_page)).take(per_page).collect()
}

/// An optional string field: absent or null is `None`, anything but a string is 422.
pub fn opt_string<'a>(body: &'a Map<String, Value>, field: &str) -> Result<Option<&'a str>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(ApiError::invalid(format!("`{field}` must be a string"))),
    }
}

/// A required, non-empty string field.
pub fn req_string<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, ApiError> {
    match opt_string(body, field)? {
        Some(s) if !s.trim().is_empty() => Ok(s),
        _ => Err(ApiError::invalid(format!("`{field}` is required"))),
    }
}

/// A required object field.
pub fn req_object<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a Map<String, Value>, ApiError> {
    match body.get(field) {
        Some(Value::Object(map)) => Ok(map),
        None | Some(Value::Null) => Err(ApiError::invalid(format!("`{field}` is required"))),
        Some(_) => Err(ApiError::invalid(format!("`{field}` must be an object"))),
    }
}

/// An optional boolean field.
pub fn opt_bool(body: &Map<String, Value>, field: &str) -> Result<Option<bool>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError::invalid(format!("`{field}` must be a boolean"))),
    }
}

/// An optional list of strings (absent or null is `None`).
pub fn opt_strings(body: &Map<String, Value>, field: &str) -> Result<Option<Vec<String>>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| ApiError::invalid(format!("`{field}[{i}]` must be a string")))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(ApiError::invalid(format!("`{field}` must be a list of strings"))),
    }
}

/// Whether `url` is an absolute http(s) URL without whitespace.
pub fn is_http_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

/// A required http(s) URL field.
pub fn req_url<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, ApiError> {
    let url = req_string(body, field)?;
    if is_http_url(url) {
        Ok(url)
    } else {
        Err(ApiError::invalid(format!("`{field}` must be an http(s) URL, got `{url}`")))
    }
}

/// `participants`: 1 to 10 E.164 numbers, deduplicated in order.
pub fn participants(body: &Map<String, Value>) -> Result<Vec<String>, ApiError> {
    let list = opt_strings(body, "participants")?.ok_or_else(|| ApiError::invalid("`participants` is required"))?;
    if list.is_empty() || list.len() > 10 {
        return Err(ApiError::invalid(format!("`participants` must list 1 to 10 numbers, got {}", list.len())));
    }
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for number in list {
        require_e164(&number, "every participant")?;
        if !out.contains(&number) {
            out.push(number);
        }
    }
    Ok(out)
}

/// Checks that `number` is E.164 (422 otherwise); `what` names it in the message.
pub fn require_e164(number: &str, what: &str) -> Result<(), ApiError> {
    if is_e164(number) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!("{what} must be an E.164 number (`+` then 8 to 15 digits), got `{number}`")))
    }
}

/// One of the account's numbers, connected or not: 422 if not E.164, 404 if not the account's.
pub fn account_number<'a>(account: &'a Account, number: &str, what: &str) -> Result<&'a Number, ApiError> {
    require_e164(number, what)?;
    account
        .number(number)
        .ok_or_else(|| ApiError::not_found(format!("The number {number} is not a number of this account")))
}

/// A connected number of the account: 422 if not E.164, 404 if unknown or not connected.
pub fn connected_number<'a>(account: &'a Account, number: &str, what: &str) -> Result<&'a Number, ApiError> {
    let found = account_number(account, number, what)?;
    if found.is_connected() {
        Ok(found)
    } else {
        Err(ApiError::not_found(format!("The number {number} is not connected")))
    }
}
