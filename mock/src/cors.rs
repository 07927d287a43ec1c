//! CORS. The 2Chat routes (`/open`, `/ping`, `/sdk`) and static files answer
//! `Access-Control-Allow-Origin: *`, so the demo page and browser tests can call the mock from any
//! origin. The control API (`/__mock/…`) is different: it can reset the mock, queue faults and
//! read the request log, so only pages served from a loopback origin (`http(s)://127.0.0.1`,
//! `localhost` or `[::1]`, any port) get CORS grants there; any other web page the developer
//! happens to visit must not be able to drive it.
//!
//! Hand-rolled rather than tower-http's `CorsLayer`: preflights must answer on any path (routed or
//! not) before auth, and every granted answer — errors, faults, control API, static files — must
//! expose `Retry-After`.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::reply::json_response;

/// The middleware (`axum::middleware::from_fn(cors::layer)`).
pub async fn layer(request: Request, next: Next) -> Response {
    if !is_control_path(request.uri().path()) {
        if request.method() == Method::OPTIONS {
            return preflight(request.headers(), HeaderValue::from_static("*"));
        }
        let mut response = next.run(request).await;
        add_common(response.headers_mut(), HeaderValue::from_static("*"));
        return response;
    }

    // The control API: grant the request's own origin, and only a loopback one.
    let origin = request.headers().get(header::ORIGIN).cloned();
    let granted = origin.clone().filter(is_loopback_origin);
    if origin.is_some() && granted.is_none() {
        // A browser sends `Origin` on every cross-origin request, and on same-origin ones except
        // plain GET/HEAD. A request from a foreign page is refused before it runs: without CORS
        // headers the page could not read the answer, but a "simple" POST (no preflight, e.g.
        // `text/plain`) would still reset the mock, queue faults or simulate events. A preflight
        // from such a page is refused the same way (403 rather than a 204 without CORS headers):
        // the browser blocks the real request either way, and a 403 says why in its network panel.
        let mut response = json_response(
            StatusCode::FORBIDDEN,
            &serde_json::json!({"ok": false,
                "error": "the control API only accepts pages served from a loopback origin"}),
        );
        response.headers_mut().insert(header::VARY, HeaderValue::from_static("Origin"));
        return response;
    }
    let mut response = match (&granted, request.method() == Method::OPTIONS) {
        (Some(origin), true) => preflight(request.headers(), origin.clone()),
        // No `Origin`: not a CORS request (curl, Node, tests); nothing to grant.
        (None, true) => empty(StatusCode::NO_CONTENT),
        (_, false) => next.run(request).await,
    };
    let headers = response.headers_mut();
    if let Some(origin) = granted {
        add_common(headers, origin);
    }
    // The answer depends on `Origin`, so caches must key on it.
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    response
}

/// Whether `path` belongs to the control API.
pub fn is_control_path(path: &str) -> bool {
    path == "/__mock" || path.starts_with("/__mock/")
}

/// Whether an `Origin` value is `http(s)://` + `127.0.0.1`, `localhost` or `[::1]`, with an
/// optional port and nothing else (no path, no user info, no other host that merely starts so).
pub fn is_loopback_origin(origin: &HeaderValue) -> bool {
    let Ok(origin) = origin.to_str() else { return false };
    let lower = origin.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://")) else {
        return false;
    };
    let port = ["127.0.0.1", "localhost", "[::1]"].iter().find_map(|host| rest.strip_prefix(host));
    match port {
        Some("") => true,
        Some(port) => port.strip_prefix(':').is_some_and(|digits| {
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && digits.parse::<u16>().is_ok()
        }),
        None => false,
    }
}

fn empty(status: StatusCode) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

fn add_common(headers: &mut HeaderMap, origin: HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Retry-After"));
}

/// 204 granting `origin` the methods and headers it asked for.
fn preflight(request_headers: &HeaderMap, origin: HeaderValue) -> Response {
    let mut response = empty(StatusCode::NO_CONTENT);
    let headers = response.headers_mut();
    add_common(headers, origin);
    headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, PUT, DELETE, OPTIONS"));
    let allow_headers = request_headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("*"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
    headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_origins() {
        for ok in [
            "http://127.0.0.1",
            "http://127.0.0.1:8080",
            "https://localhost",
            "http://localhost:5173",
            "http://[::1]:3000",
            "HTTP://LOCALHOST:1",
        ] {
            assert!(is_loopback_origin(&HeaderValue::from_static(ok)), "{ok}");
        }
        for bad in [
            "null",
            "http://example.com",
            "http://127.0.0.1.example.com",
            "http://localhost.example.com",
            "http://localhost:80@example.com",
            "http://127.0.0.1:",
            "http://127.0.0.1:99999",
            "http://127.0.0.1/",
            "http://127.0.0.2",
            "ftp://127.0.0.1",
            "http://[::1]x",
            "",
        ] {
            assert!(!is_loopback_origin(&HeaderValue::from_static(bad)), "{bad}");
        }
    }
}
