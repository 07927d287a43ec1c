//! The router, built from the SDK's endpoint table, and the pipeline every 2Chat request goes
//! through: log → fault → auth → rate limit → usage → handler → (after the response is sent)
//! the webhook deliveries the handler planned.

use std::collections::BTreeMap;
use std::time::Instant;

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::{MethodFilter, MethodRouter};
use axum::Router;
use bytes::Bytes;
use serde_json::Value;
use tower::ServiceExt as _;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeDir;
use twochat::endpoints::{Endpoint, Method, ENDPOINTS};

use crate::reply::{error_response, json_response, ApiError, ErrorStyle};
use crate::request_log::LogEntry;
use crate::resources::{handler_for, Call};
use crate::state::AppState;
use crate::util::percent_decode_path;
use crate::{auth, control, cors, delivery, faults};

/// Request bodies above this answer 413.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// What a 2Chat-path request was routed to.
#[derive(Clone, Copy, Debug)]
enum Target {
    Endpoint(&'static Endpoint),
    /// The path matches a table template, but not with this method.
    MethodNotAllowed,
    /// A path under `/open`, `/ping` or `/sdk` that no endpoint has.
    Unknown,
}

/// The full router: 2Chat routes from [`ENDPOINTS`], the control API, the static fallback, CORS.
pub fn router(state: AppState) -> Router {
    let mut router: Router<AppState> = Router::new();
    for (shape, endpoints) in routes_by_shape() {
        let mut methods: MethodRouter<AppState> = MethodRouter::new();
        for endpoint in endpoints {
            methods =
                methods.on(method_filter(endpoint.method), move |State(state): State<AppState>, request: Request| {
                    twochat_call(state, Target::Endpoint(endpoint), request)
                });
        }
        methods = methods.fallback(|State(state): State<AppState>, request: Request| {
            twochat_call(state, Target::MethodNotAllowed, request)
        });
        // 2Chat's own Postman collection calls `/open/info/`: a single trailing slash is the same
        // endpoint (the request log still shows the path as received).
        router = router.route(&format!("{shape}/"), methods.clone()).route(&shape, methods);
    }
    router
        .merge(control::routes())
        .fallback(fallback)
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn(cors::layer))
        .with_state(state)
}

/// Table paths with their parameters renamed by position (`{p0}`, `{p1}`…), grouped. Two templates
/// that differ only in parameter names would otherwise conflict in the router; handlers read the
/// parameters by the names of their own template instead.
fn routes_by_shape() -> BTreeMap<String, Vec<&'static Endpoint>> {
    let mut shapes: BTreeMap<String, Vec<&'static Endpoint>> = BTreeMap::new();
    for endpoint in ENDPOINTS.iter() {
        let mut index = 0;
        let shape: Vec<String> = endpoint
            .path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    index += 1;
                    format!("{{p{}}}", index - 1)
                } else {
                    segment.to_owned()
                }
            })
            .collect();
        shapes.entry(shape.join("/")).or_default().push(endpoint);
    }
    shapes
}

fn method_filter(method: Method) -> MethodFilter {
    match method {
        Method::Get => MethodFilter::GET,
        Method::Post => MethodFilter::POST,
        Method::Put => MethodFilter::PUT,
        Method::Delete => MethodFilter::DELETE,
    }
}

/// Whether a path belongs to 2Chat's API (and so is logged, faultable, answered in JSON).
pub fn is_twochat_path(path: &str) -> bool {
    ["/open", "/ping", "/sdk"]
        .iter()
        .any(|prefix| path == *prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/')))
}

async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path();
    if is_twochat_path(path) {
        return twochat_call(state, Target::Unknown, request).await;
    }
    if path == "/__mock" || path.starts_with("/__mock/") {
        return control::not_found(path);
    }
    match &state.config().static_dir {
        Some(dir) => match ServeDir::new(dir).oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        },
        None => json_response(StatusCode::NOT_FOUND, &ErrorStyle::ErrorMessage.body(&format!("Not found: {path}"))),
    }
}

async fn twochat_call(state: AppState, target: Target, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let params = match target {
        Target::Endpoint(_) => Some(Path::<Vec<String>>::from_request_parts(&mut parts, &state).await.map(|p| p.0)),
        _ => None,
    };
    let (bytes, too_large) = match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => (bytes, false),
        Err(_) => (Bytes::new(), true),
    };
    let key = auth::api_key(&parts.headers);
    let raw_path = parts.uri.path().to_owned();
    let decoded_path = percent_decode_path(&raw_path);
    let endpoint_id = match target {
        Target::Endpoint(e) => Some(e.id),
        _ => None,
    };
    let entry =
        LogEntry::new(&key, parts.method.as_str(), &raw_path, parts.uri.query(), &parts.headers, &bytes, endpoint_id);
    let (log_id, fault) = {
        let mut inner = state.lock();
        let log_id = inner.log.push(entry);
        let fault = faults::take(&mut inner.faults, &key, parts.method.as_str(), &raw_path, &decoded_path);
        (log_id, fault)
    };
    if let Some(fault) = fault {
        let (response, status) = faults::respond(&fault, state.shutdown_receiver()).await;
        state.lock().log.set_status(log_id, status);
        return response;
    }
    let request = Incoming { parts: &parts, params, bytes: &bytes, too_large, key: &key, decoded_path: &decoded_path };
    let mut batch = None;
    let response = answer(&state, target, &request, &mut batch);
    state.lock().log.set_status(log_id, Some(response.status().as_u16()));
    match batch {
        Some(batch) => delivery::schedule(&state, batch, response),
        None => response,
    }
}

struct Incoming<'a> {
    parts: &'a Parts,
    params: Option<Result<Vec<String>, axum::extract::rejection::PathRejection>>,
    bytes: &'a Bytes,
    too_large: bool,
    key: &'a str,
    decoded_path: &'a str,
}

/// The answer. After a success, the webhook deliveries the handler planned go to `batch`; after a
/// failure they are dropped.
fn answer(state: &AppState, target: Target, request: &Incoming<'_>, batch: &mut Option<delivery::Batch>) -> Response {
    let method = request.parts.method.as_str();
    let endpoint = match target {
        Target::Endpoint(endpoint) => endpoint,
        Target::MethodNotAllowed => {
            let error = ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("{method} is not allowed on {}", request.decoded_path),
            );
            return error_response(ErrorStyle::for_path(request.decoded_path), &error);
        }
        Target::Unknown => {
            let error = ApiError::not_found(format!("No 2Chat endpoint at {method} {}", request.decoded_path));
            return error_response(ErrorStyle::for_path(request.decoded_path), &error);
        }
    };
    let style = ErrorStyle::for_resource(endpoint.resource);

    let mut inner = state.lock();
    if let Err(error) = auth::check(&inner, request.key) {
        return error_response(ErrorStyle::Both, &error);
    }
    let Some(account) = inner.accounts.get_mut(request.key) else {
        return error_response(ErrorStyle::Both, &ApiError::new(StatusCode::UNAUTHORIZED, auth::INVALID_KEY));
    };
    if let Err(retry_after) = account.window.admit(account.requests_per_minute, Instant::now()) {
        let message = format!(
            "Too many requests: this key is limited to {} requests per minute; retry in {retry_after} s",
            account.requests_per_minute
        );
        let mut response = error_response(ErrorStyle::Both, &ApiError::new(StatusCode::TOO_MANY_REQUESTS, message));
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        return response;
    }
    account.usage.api_request_count += 1;

    if request.too_large {
        let error = ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The request body is larger than {MAX_BODY_BYTES} bytes"),
        );
        return error_response(style, &error);
    }
    let Some(handler) = handler_for(endpoint.id) else {
        return not_implemented(endpoint.id);
    };
    let values = match &request.params {
        Some(Ok(values)) => values.clone(),
        Some(Err(_)) | None => {
            return error_response(style, &ApiError::bad_request("A path parameter is not valid percent-encoded UTF-8"))
        }
    };
    let params: Vec<(&'static str, String)> = endpoint.params().zip(values).collect();
    let query = match serde_urlencoded::from_str::<Vec<(String, String)>>(request.parts.uri.query().unwrap_or("")) {
        Ok(query) => query,
        Err(_) => return error_response(style, &ApiError::invalid("The query string is malformed")),
    };
    let body = match parse_body(request.bytes) {
        Ok(body) => body,
        Err(error) => return error_response(style, &error),
    };
    let call = Call { endpoint, params, query, body: body.as_ref(), page_cap: account.max_page_size };
    let result = handler(account, &call);
    let planned = std::mem::take(&mut account.outbox);
    match result {
        Ok(value) => {
            if !planned.is_empty() {
                *batch = Some(delivery::Batch {
                    api_key: request.key.to_owned(),
                    account_uuid: account.uuid.clone(),
                    planned,
                });
            }
            let status = StatusCode::from_u16(endpoint.success_status).unwrap_or(StatusCode::OK);
            json_response(status, &value)
        }
        Err(error) => error_response(style, &error),
    }
}

/// 501 for a table endpoint the mock has no handler for (the table grew; see the coverage test).
fn not_implemented(id: u8) -> Response {
    let error =
        ApiError::new(StatusCode::NOT_IMPLEMENTED, format!("endpoint #{id} is not implemented by twochat-mock"));
    error_response(ErrorStyle::ErrorMessage, &error)
}

fn parse_body(bytes: &[u8]) -> Result<Option<Value>, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(bytes)
        .map(Some)
        .map_err(|e| ApiError::bad_request(format!("The request body is not valid JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_endpoint_has_a_handler() {
        let missing: Vec<u8> = ENDPOINTS.iter().map(|e| e.id).filter(|id| handler_for(*id).is_none()).collect();
        assert!(
            missing.is_empty(),
            "endpoints of twochat::endpoints::ENDPOINTS without a twochat-mock handler (they answer 501): {missing:?}"
        );
    }

    #[tokio::test]
    async fn unimplemented_endpoints_answer_501() {
        use http_body_util::BodyExt as _;
        let response = not_implemented(64);
        assert_eq!(response.status(), StatusCode::NOT_IMPLEMENTED);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"success": false, "error": true,
                "error_message": "endpoint #64 is not implemented by twochat-mock"})
        );
    }

    #[test]
    fn shapes_rename_parameters_by_position() {
        let shapes = routes_by_shape();
        assert!(shapes.contains_key("/open/whatsapp/check-number/{p0}/{p1}"));
        let contacts = shapes.get("/open/contacts").map(Vec::len);
        assert_eq!(contacts, Some(2));
    }

    #[test]
    fn twochat_paths() {
        assert!(is_twochat_path("/open"));
        assert!(is_twochat_path("/open/info"));
        assert!(is_twochat_path("/ping"));
        assert!(is_twochat_path("/sdk/voip/access-token"));
        assert!(!is_twochat_path("/openings"));
        assert!(!is_twochat_path("/"));
        assert!(!is_twochat_path("/__mock/health"));
    }
}
