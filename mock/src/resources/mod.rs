//! The 2Chat endpoint handlers, one module per resource of the API docs.
//!
//! A handler is a plain synchronous function of the account and the parsed request; the pipeline
//! in [`crate::dispatch`] has already logged, authenticated and rate-limited the call, and renders
//! the result (the table's success status, or the error in the resource's error style).

pub mod account;
pub mod contacts;
pub mod groups;
pub mod messages;
pub mod numbers;
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
}

/// What every handler looks like.
pub type Handler = fn(&mut Account, &Call<'_>) -> Result<Value, ApiError>;

/// The handler of endpoint `id` (its number in the API contract), if the mock implements it.
pub fn handler_for(id: u8) -> Option<Handler> {
    let handler: Handler = match id {
        2 => account::info,
        5 => numbers::list,
        11 => numbers::check,
        12 => messages::send,
        13 | 14 => messages::list,
        22 => groups::list,
        23 => groups::get,
        44 => contacts::create,
        45 => contacts::list,
        50 => webhooks::subscribe,
        51 | 52 => webhooks::list,
        53 => webhooks::delete,
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

    /// `results_per_page`: 1 to 100, default `default`.
    pub fn results_per_page(&self, default: usize) -> Result<usize, ApiError> {
        match self.query("results_per_page") {
            None | Some("") => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=100).contains(n))
                .ok_or_else(|| ApiError::invalid(format!("results_per_page must be between 1 and 100, got `{v}`"))),
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
