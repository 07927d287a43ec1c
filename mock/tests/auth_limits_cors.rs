//! Auth (401/402), the per-key rate limit (429 + Retry-After), usage counting and CORS.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::json;
use twochat_mock::Config;

#[tokio::test]
async fn missing_or_unknown_key_is_401_with_both_message_fields() {
    let mock = Mock::new();
    for key in [None, Some("UAK-nobody")] {
        let r = mock.call("GET", "/open/info", key, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            r.json,
            json!({"success": false, "error": true,
                   "error_message": "Invalid or missing API key", "message": "Invalid or missing API key"})
        );
    }
    // Contacts and webhooks answer 401 the same way: the key is checked before the resource.
    let r = mock.call("GET", "/open/contacts", None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json["message"], json!("Invalid or missing API key"));
}

#[tokio::test]
async fn demo_key_is_accepted_only_without_configured_keys() {
    let r = Mock::new().get("/open/info", "UAK-mock-demo").await;
    assert_eq!(r.status, StatusCode::OK);

    let mock = Mock::with(Config { api_keys: vec!["k1".into(), "k2".into()], ..Config::default() });
    assert_eq!(mock.get("/open/info", "k1").await.status, StatusCode::OK);
    assert_eq!(mock.get("/open/info", "k2").await.status, StatusCode::OK);
    assert_eq!(mock.get("/open/info", "UAK-mock-demo").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn expired_keys_answer_402_on_every_call() {
    let mock = Mock::with(Config { expired_keys: vec!["old".into()], ..Config::default() });
    for path in ["/open/info", "/open/whatsapp/get-numbers", "/open/contacts", "/open/webhooks"] {
        let r = mock.get(path, "old").await;
        assert_eq!(r.status, StatusCode::PAYMENT_REQUIRED, "{path}");
        assert!(r.json["error_message"].as_str().unwrap().contains("trial"), "{}", r.text);
        assert_eq!(r.json["success"], json!(false));
    }
    // The demo key still works next to an expired key.
    assert_eq!(mock.get("/open/info", "UAK-mock-demo").await.status, StatusCode::OK);

    let key = mock.account_with("expired", json!({"expired": true})).await;
    let r = mock.post("/open/whatsapp/send-message", &key, json!({"from_number": PY})).await;
    assert_eq!(r.status, StatusCode::PAYMENT_REQUIRED);
}

#[tokio::test]
async fn rate_limit_is_per_key_with_retry_after() {
    let mock = Mock::new();
    let key = mock.account_with("rl", json!({"requests_per_minute": 2})).await;
    let other = mock.account_with("rl-other", json!({"requests_per_minute": 2})).await;
    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.json["limits"]["requests_per_minute"], json!(2));
    assert_eq!(mock.get("/open/whatsapp/get-numbers", &key).await.status, StatusCode::OK);
    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_error_message_style(&r);
    assert_eq!(r.header("access-control-expose-headers"), Some("Retry-After"));
    // Another key has its own window.
    assert_eq!(mock.get("/open/info", &other).await.status, StatusCode::OK);
    // Rejected calls are still logged, with their status.
    let log = mock.requests(&key).await;
    assert_eq!(log.len(), 3);
    assert_eq!(log[2]["status"], json!(429));
}

#[tokio::test]
async fn usage_counts_every_admitted_call() {
    let mock = Mock::new();
    let key = mock.account("usage").await;
    mock.get("/open/whatsapp/get-numbers", &key).await;
    mock.get("/open/whatsapp/get-numbers?status=bogus", &key).await; // 422 still counts
    mock.get(&format!("/open/whatsapp/check-number/{PY}/+14155551234"), &key).await;
    mock.get(&format!("/open/whatsapp/check-number/{PY}/+14155551234?extra-information=true"), &key).await;
    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.json["usage"]["api_request_count"], json!(5));
    assert_eq!(r.json["usage"]["number_check_count"], json!(3));
}

#[tokio::test]
async fn cors_headers_on_every_kind_of_api_answer() {
    let mock = Mock::new();
    let key = mock.account("cors").await;
    mock.fault(json!({"api_key": key, "path": "/open/contacts", "kind": "status", "status": 500})).await;
    let answers = [
        mock.get("/open/info", &key).await,                 // 200
        mock.call("GET", "/open/info", None, None).await,   // 401
        mock.get("/open/contacts", &key).await,             // fault
        mock.get("/open/nothing-here", &key).await,         // 404
        mock.control("GET", "/somewhere/else", None).await, // no static dir: 404
        with_origin(&mock, "GET", "/open/info", "http://evil.example", Some(&key)).await, // any origin
    ];
    for r in &answers {
        assert_eq!(r.header("access-control-allow-origin"), Some("*"), "{:?}", r.status);
        assert_eq!(r.header("access-control-expose-headers"), Some("Retry-After"), "{:?}", r.status);
    }
    assert_eq!(answers[2].status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(answers[5].status, StatusCode::OK);
}

/// A request with an `Origin` header (and optionally a key).
async fn with_origin(mock: &Mock, method: &str, path: &str, origin: &str, key: Option<&str>) -> Reply {
    let mut builder = Request::builder().method(method).uri(path).header("Origin", origin);
    if let Some(key) = key {
        builder = builder.header("X-User-API-Key", key);
    }
    Mock::read(mock.send(builder.body(Body::empty()).unwrap()).await).await
}

/// A CORS preflight for a POST with a JSON body.
async fn preflight(mock: &Mock, path: &str, origin: &str) -> Reply {
    let request = Request::builder()
        .method("OPTIONS")
        .uri(path)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .body(Body::empty())
        .unwrap();
    Mock::read(mock.send(request).await).await
}

fn cors_headers(r: &Reply) -> Vec<String> {
    r.headers.keys().map(|k| k.as_str().to_owned()).filter(|k| k.starts_with("access-control-")).collect()
}

#[tokio::test]
async fn control_api_grants_cors_to_loopback_origins_only() {
    let mock = Mock::new();
    for origin in ["http://127.0.0.1:5173", "http://localhost", "https://localhost:8443", "http://[::1]:3000"] {
        for path in ["/__mock/health", "/__mock/nothing"] {
            let r = with_origin(&mock, "GET", path, origin, None).await;
            assert_eq!(r.header("access-control-allow-origin"), Some(origin), "{origin} {path}");
            assert_eq!(r.header("access-control-expose-headers"), Some("Retry-After"), "{origin} {path}");
            assert_eq!(r.header("vary"), Some("Origin"), "{origin} {path}");
        }
        let r = preflight(&mock, "/__mock/faults", origin).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{origin}");
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        assert_eq!(r.header("access-control-allow-methods"), Some("GET, POST, PUT, DELETE, OPTIONS"));
        assert_eq!(r.header("access-control-allow-headers"), Some("content-type"));
        assert_eq!(r.header("vary"), Some("Origin"));
    }

    // Other origins get no CORS headers at all, and their requests are refused before they run.
    let key = mock.account("cors-control").await;
    mock.fault(json!({"api_key": key, "kind": "status", "status": 500})).await;
    for origin in [
        "http://evil.example",
        "null",
        "http://127.0.0.1.evil.example",
        "http://localhost.evil.example:8080",
        "http://localhost:80@evil.example",
        "http://127.0.0.2:8080",
    ] {
        let r = with_origin(&mock, "GET", "/__mock/requests", origin, None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin}");
        assert_eq!(cors_headers(&r), Vec::<String>::new(), "{origin}");
        assert!(r.text.contains("loopback"), "{}", r.text);
        let r = preflight(&mock, "/__mock/reset", origin).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin}");
        assert_eq!(cors_headers(&r), Vec::<String>::new(), "{origin}");
        // A "simple" POST needs no preflight; it must not reset the mock either.
        let r = with_origin(&mock, "POST", "/__mock/reset", origin, None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin}");
        assert_eq!(cors_headers(&r), Vec::<String>::new(), "{origin}");
    }
    let queued = mock.control("GET", "/__mock/faults", None).await;
    assert_eq!(queued.json["faults"].as_array().unwrap().len(), 1, "nothing was reset");
    assert_eq!(mock.get("/open/info", &key).await.status, StatusCode::INTERNAL_SERVER_ERROR);

    // Without `Origin` (curl, Node, tests) the control API works, without CORS headers.
    for r in [
        mock.control("GET", "/__mock/health", None).await,
        mock.control("GET", "/__mock/nothing", None).await,
        Mock::read(
            mock.send(Request::builder().method("OPTIONS").uri("/__mock/seed").body(Body::empty()).unwrap()).await,
        )
        .await,
    ] {
        assert!(r.status == StatusCode::OK || r.status == StatusCode::NOT_FOUND || r.status == StatusCode::NO_CONTENT);
        assert_eq!(cors_headers(&r), Vec::<String>::new(), "{:?}", r.status);
        assert_eq!(r.header("vary"), Some("Origin"));
    }
}

#[tokio::test]
async fn preflight_is_204_without_auth_and_not_logged() {
    let mock = Mock::new();
    let key = mock.account("preflight").await;
    let request = Request::builder()
        .method("OPTIONS")
        .uri("/open/whatsapp/send-message")
        .header("Origin", "http://localhost:5173")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-user-api-key, content-type")
        .header("X-User-API-Key", &key)
        .body(Body::empty())
        .unwrap();
    let r = Mock::read(mock.send(request).await).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(r.header("access-control-allow-methods"), Some("GET, POST, PUT, DELETE, OPTIONS"));
    assert_eq!(r.header("access-control-allow-headers"), Some("x-user-api-key, content-type"));
    assert_eq!(r.header("access-control-max-age"), Some("600"));
    assert_eq!(r.header("access-control-expose-headers"), Some("Retry-After"));

    // Any path, no key, no requested headers → `*`.
    let request = Request::builder().method("OPTIONS").uri("/anything/at/all").body(Body::empty()).unwrap();
    let r = Mock::read(mock.send(request).await).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(r.header("access-control-allow-headers"), Some("*"));

    assert!(mock.requests(&key).await.is_empty());
    let all = mock.control("GET", "/__mock/requests", None).await;
    assert_eq!(all.json["requests"], json!([]));
}
