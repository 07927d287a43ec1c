//! The control API under `/__mock/`: no auth, not rate limited, not logged (CORS applies).
//!
//! | Route | Does |
//! |---|---|
//! | `GET /__mock/health` | `{"ok":true}` |
//! | `POST /__mock/accounts` | `{"api_key", "expired"?, "requests_per_minute"?}` → 201, a fresh seeded account |
//! | `GET /__mock/requests[?api_key=K]` | `{"requests":[…]}` in arrival order |
//! | `DELETE /__mock/requests[?api_key=K]` | clears them |
//! | `POST /__mock/faults` | queues a fault (see [`crate::faults`]) → 201 |
//! | `GET /__mock/faults` | `{"faults":[…]}`, still queued |
//! | `DELETE /__mock/faults` | clears the queue |
//! | `POST /__mock/reset` | drops registered accounts, clears logs and faults, reseeds configured keys |

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::faults::Fault;
use crate::reply::json_response;
use crate::state::{Account, AppState, Origin};

/// The control routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/__mock/health", get(health))
        .route("/__mock/accounts", post(create_account))
        .route("/__mock/requests", get(list_requests).delete(clear_requests))
        .route("/__mock/faults", get(list_faults).post(add_fault).delete(clear_faults))
        .route("/__mock/reset", post(reset))
}

/// 404 for an unknown `/__mock/…` path.
pub fn not_found(path: &str) -> Response {
    failure(StatusCode::NOT_FOUND, &format!("no control endpoint at {path}"))
}

fn failure(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({"ok": false, "error": message}))
}

fn parse_json(body: &Bytes) -> Result<Value, Box<Response>> {
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

async fn health() -> Response {
    json_response(StatusCode::OK, &json!({"ok": true}))
}

async fn create_account(State(state): State<AppState>, body: Bytes) -> Response {
    let value = match parse_json(&body) {
        Ok(v) => v,
        Err(response) => return *response,
    };
    let Some(obj) = value.as_object() else {
        return failure(StatusCode::BAD_REQUEST, "the body must be a JSON object");
    };
    let api_key = match obj.get("api_key") {
        Some(Value::String(k)) if !k.is_empty() => k.clone(),
        _ => return failure(StatusCode::BAD_REQUEST, "`api_key` (a non-empty string) is required"),
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
    state.lock().accounts.insert(api_key.clone(), Account::new(Origin::Registered, expired, requests_per_minute));
    json_response(
        StatusCode::CREATED,
        &json!({"api_key": api_key, "expired": expired, "requests_per_minute": requests_per_minute}),
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
