//! The control API under `/__mock/`: no auth, not rate limited, not logged; CORS only for
//! loopback origins, and requests from any other origin are refused (see [`crate::cors`]).
//!
//! | Route | Does |
//! |---|---|
//! | `GET /__mock/health` | `{"ok":true}` |
//! | `POST /__mock/accounts` | `{"api_key", "expired"?, "requests_per_minute"?, "max_page_size"?}` → 201, a fresh seeded account |
//! | `GET /__mock/requests[?api_key=K]` | `{"requests":[…]}` in arrival order |
//! | `DELETE /__mock/requests[?api_key=K]` | clears them |
//! | `POST /__mock/faults` | queues a fault (see [`crate::faults`]) → 201 |
//! | `GET /__mock/faults` | `{"faults":[…]}`, still queued |
//! | `DELETE /__mock/faults` | clears the queue |
//! | `POST /__mock/reset` | drops registered accounts, clears logs and faults, reseeds configured keys |
//! | `POST /__mock/seed` | adds generated items to an account, to walk pages (see [`seed_account`]) |
//! | `POST /__mock/simulate` | makes an event happen and delivers its webhooks (see [`crate::simulate`]) |
//! | `GET /__mock/deliveries?api_key=K[&min=N&timeout_ms=T]` | `{"deliveries":[…]}`, webhook delivery attempts in the order they finished; with `min`, waits up to `timeout_ms` (default 5000) for at least N |
//! | `DELETE /__mock/deliveries?api_key=K` | clears them |

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::faults::Fault;
use crate::generate;
use crate::reply::json_response;
use crate::seed::{MX_NUMBER, PY_NUMBER};
use crate::state::{Account, AppState, Origin};
use crate::util::is_e164;

/// The control routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/__mock/health", get(health))
        .route("/__mock/accounts", post(create_account))
        .route("/__mock/requests", get(list_requests).delete(clear_requests))
        .route("/__mock/faults", get(list_faults).post(add_fault).delete(clear_faults))
        .route("/__mock/reset", post(reset))
        .route("/__mock/seed", post(seed_account))
        .route("/__mock/simulate", post(crate::simulate::simulate))
        .route("/__mock/deliveries", get(list_deliveries).delete(clear_deliveries))
        .route("/__mock/inbox", post(inbox))
        .route("/__mock/inbox/{*rest}", post(inbox))
}

/// 404 for an unknown `/__mock/…` path.
pub fn not_found(path: &str) -> Response {
    failure(StatusCode::NOT_FOUND, &format!("no control endpoint at {path}"))
}

pub(crate) fn failure(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({"ok": false, "error": message}))
}

pub(crate) fn parse_json(body: &Bytes) -> Result<Value, Box<Response>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(body)
        .map_err(|e| Box::new(failure(StatusCode::BAD_REQUEST, &format!("the body is not valid JSON: {e}"))))
}

/// `api_key` of the query string, if given.
fn api_key_param(query: Option<&str>) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or(""))
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "api_key")
        .map(|(_, v)| v)
}

/// Default `timeout_ms` of `GET /__mock/deliveries?min=N`.
pub const DEFAULT_WAIT_MS: u64 = 5_000;
/// Largest `timeout_ms` of `GET /__mock/deliveries`.
pub const MAX_WAIT_MS: u64 = 60_000;

/// `api_key` (required), `min` and `timeout_ms` of `GET /__mock/deliveries`.
struct DeliveriesQuery {
    api_key: String,
    min: Option<usize>,
    timeout_ms: u64,
}

/// The query of `/__mock/deliveries`, or why it is a 400.
fn deliveries_query(query: Option<&str>) -> Result<DeliveriesQuery, String> {
    let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or(""))
        .map_err(|_| "the query string is malformed".to_owned())?;
    let param = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let api_key = match param("api_key") {
        Some(k) if !k.is_empty() => k.to_owned(),
        _ => return Err("the query parameter `api_key` is required".into()),
    };
    let min = match param("min") {
        None | Some("") => None,
        Some(v) => Some(v.parse::<usize>().map_err(|_| "`min` must be an integer >= 0".to_owned())?),
    };
    let timeout_ms = match param("timeout_ms") {
        None | Some("") => DEFAULT_WAIT_MS,
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|t| *t <= MAX_WAIT_MS)
            .ok_or_else(|| format!("`timeout_ms` must be an integer from 0 to {MAX_WAIT_MS}"))?,
    };
    Ok(DeliveriesQuery { api_key, min, timeout_ms })
}

/// `GET /__mock/deliveries?api_key=K[&min=N&timeout_ms=T]`: the account's delivery attempts in the
/// order they finished. With `min`, answers once at least N are recorded, or when `timeout_ms`
/// (default 5000, at most 60000) has passed, or when the server shuts down — with whatever is
/// there then.
async fn list_deliveries(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let query = match deliveries_query(query.as_deref()) {
        Ok(q) => q,
        Err(message) => return failure(StatusCode::BAD_REQUEST, &message),
    };
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_millis(query.timeout_ms);
    let mut changes = state.deliveries_receiver();
    let mut shutdown = state.shutdown_receiver();
    loop {
        changes.borrow_and_update();
        {
            let inner = state.lock();
            let Some(account) = inner.accounts.get(&query.api_key) else {
                return failure(StatusCode::NOT_FOUND, &format!("no account with the key {}", query.api_key));
            };
            let enough = query.min.is_none_or(|min| account.deliveries.len() >= min);
            if enough || tokio::time::Instant::now() >= deadline || *shutdown.borrow() {
                let deliveries = serde_json::to_value(&account.deliveries).unwrap_or(Value::Null);
                return json_response(StatusCode::OK, &json!({"deliveries": deliveries}));
            }
        }
        tokio::select! {
            changed = changes.changed() => {
                if changed.is_err() {
                    tokio::time::sleep_until(deadline).await;
                }
            }
            () = tokio::time::sleep_until(deadline) => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// `DELETE /__mock/deliveries?api_key=K`.
async fn clear_deliveries(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let query = match deliveries_query(query.as_deref()) {
        Ok(q) => q,
        Err(message) => return failure(StatusCode::BAD_REQUEST, &message),
    };
    let mut inner = state.lock();
    match inner.accounts.get_mut(&query.api_key) {
        Some(account) => {
            account.deliveries.clear();
            json_response(StatusCode::OK, &json!({"ok": true}))
        }
        None => failure(StatusCode::NOT_FOUND, &format!("no account with the key {}", query.api_key)),
    }
}

async fn health() -> Response {
    json_response(StatusCode::OK, &json!({"ok": true}))
}

/// The JSON object body of a control request and its required `api_key`; a ready 400 otherwise.
pub(crate) fn keyed_body(body: &Bytes) -> Result<(Value, String), Box<Response>> {
    let value = parse_json(body)?;
    let api_key = match value.as_object().map(|o| o.get("api_key")) {
        None => return Err(Box::new(failure(StatusCode::BAD_REQUEST, "the body must be a JSON object"))),
        Some(Some(Value::String(k))) if !k.is_empty() => k.clone(),
        Some(_) => {
            return Err(Box::new(failure(StatusCode::BAD_REQUEST, "`api_key` (a non-empty string) is required")))
        }
    };
    Ok((value, api_key))
}

/// A hook URL that answers 200 to any delivery, so subscriptions can point at the mock itself
/// (the demo does: its live feed reads the payloads from `/__mock/deliveries`).
async fn inbox() -> Response {
    json_response(StatusCode::OK, &json!({"ok": true}))
}

async fn create_account(State(state): State<AppState>, body: Bytes) -> Response {
    let (value, api_key) = match keyed_body(&body) {
        Ok(parsed) => parsed,
        Err(response) => return *response,
    };
    let Some(obj) = value.as_object() else {
        return failure(StatusCode::BAD_REQUEST, "the body must be a JSON object");
    };
    let expired = match obj.get("expired") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return failure(StatusCode::BAD_REQUEST, "`expired` must be a boolean"),
    };
    let requests_per_minute = match obj.get("requests_per_minute") {
        None | Some(Value::Null) => state.config().requests_per_minute,
        Some(v) => match v.as_u64().filter(|n| *n >= 1).map(u32::try_from) {
            Some(Ok(n)) => n,
            _ => return failure(StatusCode::BAD_REQUEST, "`requests_per_minute` must be an integer >= 1"),
        },
    };
    let max_page_size = match obj.get("max_page_size") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64().filter(|n| *n >= 1).map(usize::try_from) {
            Some(Ok(n)) => Some(n),
            _ => return failure(StatusCode::BAD_REQUEST, "`max_page_size` must be an integer >= 1 or null"),
        },
    };
    let mut account = Account::new(Origin::Registered, expired, requests_per_minute);
    account.max_page_size = max_page_size;
    state.lock().accounts.insert(api_key.clone(), account);
    json_response(
        StatusCode::CREATED,
        &json!({"api_key": api_key, "expired": expired, "requests_per_minute": requests_per_minute,
            "max_page_size": max_page_size}),
    )
}

async fn list_requests(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let key = api_key_param(query.as_deref());
    let inner = state.lock();
    let requests = serde_json::to_value(inner.log.entries(key.as_deref())).unwrap_or(Value::Null);
    json_response(StatusCode::OK, &json!({"requests": requests}))
}

async fn clear_requests(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let key = api_key_param(query.as_deref());
    state.lock().log.clear(key.as_deref());
    json_response(StatusCode::OK, &json!({"ok": true}))
}

async fn list_faults(State(state): State<AppState>) -> Response {
    let faults: Vec<Value> = state.lock().faults.iter().map(Fault::to_json).collect();
    json_response(StatusCode::OK, &json!({"faults": faults}))
}

async fn add_fault(State(state): State<AppState>, body: Bytes) -> Response {
    let value = match parse_json(&body) {
        Ok(v) => v,
        Err(response) => return *response,
    };
    match Fault::from_json(&value) {
        Ok(fault) => {
            let echo = fault.to_json();
            let mut inner = state.lock();
            inner.faults.push(fault);
            json_response(StatusCode::CREATED, &json!({"ok": true, "fault": echo, "queued": inner.faults.len()}))
        }
        Err(message) => failure(StatusCode::BAD_REQUEST, &message),
    }
}

async fn clear_faults(State(state): State<AppState>) -> Response {
    state.lock().faults.clear();
    json_response(StatusCode::OK, &json!({"ok": true}))
}

async fn reset(State(state): State<AppState>) -> Response {
    state.reset();
    json_response(StatusCode::OK, &json!({"ok": true}))
}

/// Most items one member of `POST /__mock/seed` may add.
pub const MAX_GENERATED: u64 = 10_000;

/// What `POST /__mock/seed` will add, checked against the account before anything changes.
#[derive(Debug, Default)]
struct SeedPlan {
    messages: Option<(String, String, usize)>,
    contacts: usize,
    conversations: Option<(String, usize)>,
    group_messages: Option<(String, usize)>,
    calls: usize,
    virtual_numbers: usize,
    caller_ids: usize,
    templates: usize,
}

fn count(value: &Value, what: &str) -> Result<usize, String> {
    match value.as_u64() {
        Some(n) if n <= MAX_GENERATED => usize::try_from(n).map_err(|_| format!("`{what}` is too large")),
        _ => Err(format!("`{what}` must be an integer from 0 to {MAX_GENERATED}")),
    }
}

fn member<'a>(obj: &'a Value, field: &str, what: &str) -> Result<&'a str, String> {
    obj.get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("`{what}.{field}` is required"))
}

fn plan(account: &Account, body: &serde_json::Map<String, Value>) -> Result<SeedPlan, String> {
    let mut plan = SeedPlan::default();
    for (key, value) in body {
        match key.as_str() {
            "api_key" => {}
            "messages" => {
                let number = member(value, "number", key)?;
                if account.number(number).is_none() {
                    return Err(format!("`messages.number`: {number} is not a number of this account"));
                }
                let remote = match value.get("remote_number") {
                    None | Some(Value::Null) => if number == MX_NUMBER { PY_NUMBER } else { MX_NUMBER }.to_owned(),
                    Some(Value::String(r)) if is_e164(r) => r.clone(),
                    Some(_) => return Err("`messages.remote_number` must be an E.164 number".into()),
                };
                let n = count(value.get("count").unwrap_or(&Value::Null), "messages.count")?;
                plan.messages = Some((number.to_owned(), remote, n));
            }
            "conversations" => {
                let uuid = member(value, "channel_uuid", key)?;
                let number = account
                    .channel(uuid)
                    .ok_or_else(|| format!("`conversations.channel_uuid`: channel {uuid} not found"))?;
                let n = count(value.get("count").unwrap_or(&Value::Null), "conversations.count")?;
                plan.conversations = Some((number.phone_number.clone(), n));
            }
            "group_messages" => {
                let uuid = member(value, "group_uuid", key)?;
                if account.group(uuid).is_none() {
                    return Err(format!("`group_messages.group_uuid`: group {uuid} not found"));
                }
                let n = count(value.get("count").unwrap_or(&Value::Null), "group_messages.count")?;
                plan.group_messages = Some((uuid.to_owned(), n));
            }
            "contacts" => plan.contacts = count(value, key)?,
            "calls" => plan.calls = count(value, key)?,
            "virtual_numbers" => plan.virtual_numbers = count(value, key)?,
            "caller_ids" => plan.caller_ids = count(value, key)?,
            "templates" => {
                plan.templates = count(value, key)?;
                if plan.templates > 0 && account.waba_numbers.is_empty() {
                    return Err("`templates`: the account has no WABA number".into());
                }
            }
            other => return Err(format!("unknown member `{other}`")),
        }
    }
    Ok(plan)
}

fn apply(account: &mut Account, plan: SeedPlan) {
    if let Some((number, remote, n)) = plan.messages {
        generate::messages(account, &number, &remote, n);
    }
    if let Some((number, n)) = plan.conversations {
        generate::conversations(account, &number, n);
    }
    if let Some((group, n)) = plan.group_messages {
        generate::group_messages(account, &group, n);
    }
    generate::contacts(account, plan.contacts);
    for _ in 0..plan.calls {
        generate::cdr(account);
    }
    for _ in 0..plan.virtual_numbers {
        let mut n = account.virtual_numbers.len() as u64;
        let number = loop {
            let candidate = format!("+1628{:07}", 5_550_000 + n);
            if !account
                .virtual_numbers
                .iter()
                .any(|v| v.get("phone_number").and_then(Value::as_str) == Some(&candidate))
            {
                break candidate;
            }
            n += 1;
        };
        generate::virtual_number(account, &number, "local", false, "ACTIVE");
    }
    for _ in 0..plan.caller_ids {
        let number = format!("+1650{:07}", 5_550_000 + account.caller_ids.len() as u64);
        let name = format!("Caller id {}", account.caller_ids.len() + 1);
        generate::caller_id(account, &number, "CI", Value::Null, &name);
    }
    let waba = account.waba_numbers.first().and_then(|w| w.get("uuid")).and_then(Value::as_str).map(str::to_owned);
    if let Some(waba) = waba {
        for _ in 0..plan.templates {
            generate::template(account, &waba);
        }
    }
}

/// `POST /__mock/seed` `{"api_key", "messages"?: {number, remote_number?, count},
/// "contacts"?: n, "conversations"?: {channel_uuid, count}, "group_messages"?: {group_uuid, count},
/// "calls"?: n, "virtual_numbers"?: n, "caller_ids"?: n, "templates"?: n}`: adds that many
/// generated items to the account → `{"ok":true}`. Everything is checked first: a bad member
/// changes nothing (400; 404 for an unknown key).
pub async fn seed_account(State(state): State<AppState>, body: Bytes) -> Response {
    let (value, api_key) = match keyed_body(&body) {
        Ok(parsed) => parsed,
        Err(response) => return *response,
    };
    let Some(obj) = value.as_object() else {
        return failure(StatusCode::BAD_REQUEST, "the body must be a JSON object");
    };
    let mut inner = state.lock();
    let Some(account) = inner.accounts.get_mut(&api_key) else {
        return failure(StatusCode::NOT_FOUND, &format!("no account with the key {api_key}"));
    };
    match plan(account, obj) {
        Ok(plan) => {
            apply(account, plan);
            json_response(StatusCode::OK, &json!({"ok": true}))
        }
        Err(message) => failure(StatusCode::BAD_REQUEST, &message),
    }
}
