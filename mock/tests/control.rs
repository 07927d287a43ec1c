//! The control API: faults of every kind, the request log, accounts and reset.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt as _;
use serde_json::{json, Value};

#[tokio::test]
async fn health() {
    let r = Mock::new().control("GET", "/__mock/health", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"ok": true}));
}

#[tokio::test]
async fn the_inbox_accepts_any_delivery() {
    let mock = Mock::new();
    for path in ["/__mock/inbox", "/__mock/inbox/whatsapp.message.received", "/__mock/inbox/a/b"] {
        let r = mock.control("POST", path, Some(json!({"uuid": "MSG1"}))).await;
        assert_eq!((r.status, r.json.clone()), (StatusCode::OK, json!({"ok": true})), "{path}");
    }
    assert_eq!(mock.control("GET", "/__mock/inbox", None).await.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn status_fault_with_headers_and_default_or_custom_body() {
    let mock = Mock::new();
    let key = mock.account("fault-status").await;
    mock.fault(json!({"api_key": key, "kind": "status", "status": 503, "headers": {"Retry-After": "1"}})).await;
    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(r.json, json!({"success": false, "error": true, "error_message": "injected 503"}));
    assert_eq!(mock.get("/open/info", &key).await.status, StatusCode::OK, "count defaults to 1");

    mock.fault(
        json!({"api_key": key, "kind": "status", "status": 410, "body": {"success": false, "message": "connecting"}}),
    )
    .await;
    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert_eq!(r.json, json!({"success": false, "message": "connecting"}));
}

#[tokio::test]
async fn faults_come_before_auth_and_rate_limit_and_are_logged() {
    let mock = Mock::new();
    let key = mock.account_with("fault-first", json!({"requests_per_minute": 1})).await;
    mock.fault(json!({"api_key": "", "kind": "status", "status": 500})).await;
    let r = mock.call("GET", "/open/info", None, None).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "no key, yet the fault answers");
    assert_eq!(mock.call("GET", "/open/info", None, None).await.status, StatusCode::UNAUTHORIZED);

    assert_eq!(mock.get("/open/info", &key).await.status, StatusCode::OK);
    mock.fault(json!({"api_key": key, "kind": "status", "status": 502})).await;
    assert_eq!(
        mock.get("/open/info", &key).await.status,
        StatusCode::BAD_GATEWAY,
        "over the limit, yet the fault answers"
    );
    assert_eq!(mock.get("/open/info", &key).await.status, StatusCode::TOO_MANY_REQUESTS);
    let statuses: Vec<Value> = mock.requests(&key).await.iter().map(|e| e["status"].clone()).collect();
    assert_eq!(statuses, [json!(200), json!(502), json!(429)]);
    let keyless = mock.requests("").await;
    assert_eq!(keyless.len(), 2);
    assert_eq!(keyless[0]["status"], json!(500));
}

#[tokio::test]
async fn faults_match_on_key_path_and_method_and_queue_in_order() {
    let mock = Mock::new();
    let key = mock.account("fault-match").await;
    let other = mock.account("fault-match-other").await;
    mock.fault(json!({"api_key": key, "path": "/open/whatsapp/messages/+595", "method": "get", "kind": "status", "status": 409, "count": 2})).await;
    mock.fault(json!({"api_key": key, "kind": "status", "status": 486})).await;
    mock.fault(json!({"api_key": key, "kind": "status", "status": 504})).await;

    let listed = mock.control("GET", "/__mock/faults", None).await;
    assert_eq!(listed.json["faults"].as_array().unwrap().len(), 3);
    assert_eq!(listed.json["faults"][0]["count"], json!(2));

    // Another key is untouched.
    assert_eq!(mock.get(&format!("/open/whatsapp/messages/{PY}"), &other).await.status, StatusCode::OK);
    // The first fault matches only GETs under its path (raw or percent-decoded)…
    assert_eq!(mock.get("/open/whatsapp/messages/%2B595981048477", &key).await.status, StatusCode::CONFLICT);
    // …so this request takes the next one in the queue.
    assert_eq!(mock.get("/open/info", &key).await.status.as_u16(), 486);
    assert_eq!(mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await.status, StatusCode::CONFLICT);
    assert_eq!(mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await.status, StatusCode::OK);

    mock.fault(json!({"kind": "status", "status": 500, "count": 5})).await;
    let r = mock.control("DELETE", "/__mock/faults", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(mock.get("/open/info", &key).await.status, StatusCode::OK);
    // Faults never hit the control API.
    mock.fault(json!({"kind": "status", "status": 500})).await;
    assert_eq!(mock.control("GET", "/__mock/health", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn hang_never_answers_until_its_delay() {
    let mock = Mock::new();
    let key = mock.account("fault-hang").await;
    mock.fault(json!({"api_key": key, "kind": "hang"})).await;
    let request = Request::builder().uri("/open/info").header("X-User-API-Key", &key).body(Body::empty()).unwrap();
    let pending = tokio::time::timeout(Duration::from_millis(300), mock.send(request)).await;
    assert!(pending.is_err(), "a hang must not answer");

    mock.fault(json!({"api_key": key, "kind": "hang", "delay_ms": 50})).await;
    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::GATEWAY_TIMEOUT);
    let log = mock.requests(&key).await;
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|e| e["status"].is_null()), "{log:?}");
}

#[tokio::test]
async fn drop_announces_more_than_it_sends() {
    let mock = Mock::new();
    let key = mock.account("fault-drop").await;
    mock.fault(json!({"api_key": key, "kind": "drop"})).await;
    let request = Request::builder()
        .uri("/open/whatsapp/get-numbers")
        .header("X-User-API-Key", &key)
        .body(Body::empty())
        .unwrap();
    let response = mock.send(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-length"], "1000");
    assert!(response.into_body().collect().await.is_err(), "reading the body must fail");
    assert!(mock.requests(&key).await[0]["status"].is_null());
}

#[tokio::test]
async fn malformed_html_and_empty_bodies() {
    let mock = Mock::new();
    let key = mock.account("fault-bodies").await;
    mock.fault(json!({"api_key": key, "kind": "malformed_json"})).await;
    mock.fault(json!({"api_key": key, "kind": "html"})).await;
    mock.fault(json!({"api_key": key, "kind": "empty"})).await;
    mock.fault(json!({"api_key": key, "kind": "malformed_json", "status": 500})).await;

    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.text, r#"{"success": tr"#);
    assert!(serde_json::from_str::<Value>(&r.text).is_err());

    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::BAD_GATEWAY);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text.contains("502 Bad Gateway"));

    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.is_empty());

    assert_eq!(mock.get("/open/info", &key).await.status, StatusCode::INTERNAL_SERVER_ERROR);
    let statuses: Vec<Value> = mock.requests(&key).await.iter().map(|e| e["status"].clone()).collect();
    assert_eq!(statuses, [json!(200), json!(502), json!(200), json!(500)]);
}

#[tokio::test]
async fn bad_fault_specs_are_400() {
    let mock = Mock::new();
    for spec in [
        json!({"kind": "explode"}),
        json!({"status": 500}),
        json!({"kind": "status", "status": 42}),
        json!({"kind": "status", "count": 0}),
        json!({"kind": "drip", "interval_ms": -1}),
        json!({"kind": "stall", "delay_ms": "soon"}),
        json!("status"),
    ] {
        let r = mock.control("POST", "/__mock/faults", Some(spec.clone())).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{spec}");
        assert_eq!(r.json["ok"], json!(false));
    }
    // The message lists every kind.
    for spec in [json!({"kind": "explode"}), json!({})] {
        let r = mock.control("POST", "/__mock/faults", Some(spec)).await;
        let message = r.json["error"].as_str().unwrap();
        for kind in ["status", "hang", "drop", "malformed_json", "html", "empty", "stall", "drip"] {
            assert!(message.contains(kind), "{message}");
        }
    }
    let r = mock.control("GET", "/__mock/faults", None).await;
    assert_eq!(r.json["faults"], json!([]));
}

#[tokio::test]
async fn request_log_records_what_was_sent() {
    let mock = Mock::new();
    let key = mock.account("log").await;
    let request = Request::builder()
        .method("POST")
        .uri("/open/whatsapp/send-message?trace=a%2Bb")
        .header("X-User-API-Key", &key)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("X-Custom", "Yes")
        .body(Body::from(format!(r#"{{"from_number":"{PY}","to_number":"+14155551234","text":"hi"}}"#)))
        .unwrap();
    assert_eq!(mock.send(request).await.status(), StatusCode::OK);
    mock.get(&format!("/open/whatsapp/messages/{PY}/+14155551234"), &key).await;
    mock.get("/open/whatsapp/messages/%2B595981048477", &key).await;
    mock.control("GET", "/__mock/health", None).await;

    let log = mock.requests(&key).await;
    assert_eq!(log.len(), 3);
    let send = &log[0];
    assert_eq!(send["method"], json!("POST"));
    assert_eq!(send["path"], json!("/open/whatsapp/send-message"));
    assert_eq!(send["query"], json!("trace=a%2Bb"));
    assert_eq!(send["headers"]["x-user-api-key"], json!("[redacted]"));
    let fingerprint = send["api_key_fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(fingerprint.len(), 12);
    assert!(send.get("api_key").is_none());
    assert_eq!(send["body_truncated"], json!(false));
    assert_eq!(send["headers"]["content-type"], json!("application/json; charset=utf-8"));
    assert_eq!(send["headers"]["x-custom"], json!("Yes"));
    assert_eq!(send["body"], json!({"from_number": PY, "to_number": "+14155551234", "text": "hi"}));
    assert_eq!(send["body_text"], json!(format!(r#"{{"from_number":"{PY}","to_number":"+14155551234","text":"hi"}}"#)));
    assert_eq!(send["status"], json!(200));
    assert_eq!(send["endpoint"], json!(12));

    assert_eq!(log[1]["path"], json!("/open/whatsapp/messages/+595981048477/+14155551234"), "raw `+` kept");
    assert_eq!(log[1]["query"], Value::Null);
    assert_eq!(log[1]["body"], Value::Null);
    assert_eq!(log[1]["body_text"], json!(""));
    assert_eq!(log[1]["endpoint"], json!(14));
    assert_eq!(log[2]["path"], json!("/open/whatsapp/messages/%2B595981048477"), "still percent-encoded");
    assert_eq!(log[2]["endpoint"], json!(13));

    // Without api_key: every key's requests, in arrival order.
    let other = mock.account("log-other").await;
    mock.get("/open/info", &other).await;
    let all = mock.control("GET", "/__mock/requests", None).await;
    let all = all.json["requests"].as_array().unwrap();
    assert!(all.len() >= 4);
    let last = all.last().unwrap();
    assert_eq!(last["headers"]["x-user-api-key"], json!("[redacted]"));
    assert_eq!(last["path"], json!("/open/info"));
    assert_ne!(last["api_key_fingerprint"], json!(fingerprint), "another key, another fingerprint");
    assert_eq!(all.iter().filter(|e| e["api_key_fingerprint"] == json!(fingerprint)).count(), 3);

    assert_eq!(mock.control("DELETE", &format!("/__mock/requests?api_key={key}"), None).await.status, StatusCode::OK);
    assert!(mock.requests(&key).await.is_empty());
    assert_eq!(mock.requests(&other).await.len(), 1);
    mock.control("DELETE", "/__mock/requests", None).await;
    assert!(mock.requests(&other).await.is_empty());
}

#[tokio::test]
async fn registering_again_gives_a_fresh_account() {
    let mock = Mock::new();
    let key = mock.account("again").await;
    let r = mock
        .post("/open/contacts", &key, json!({"first_name": "A", "contact_detail": [{"type": "E", "value": "a@b.co"}]}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = mock.control("POST", "/__mock/accounts", Some(json!({"api_key": key}))).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(mock.get("/open/contacts", &key).await.json["count"], json!(0));

    for body in [
        json!({}),
        json!({"api_key": ""}),
        json!({"api_key": "k", "requests_per_minute": 0}),
        json!({"api_key": "k", "expired": "yes"}),
    ] {
        let r = mock.control("POST", "/__mock/accounts", Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
    }
}

#[tokio::test]
async fn reset_drops_registered_accounts_logs_and_faults() {
    let mock = Mock::new();
    let key = mock.account("reset").await;
    mock.post(
        "/open/contacts",
        "UAK-mock-demo",
        json!({"first_name": "A", "contact_detail": [{"type": "E", "value": "a@b.co"}]}),
    )
    .await;
    mock.get("/open/info", &key).await;
    mock.fault(json!({"path": "/open/webhooks", "kind": "status", "status": 500})).await;

    let r = mock.control("POST", "/__mock/reset", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(mock.control("GET", "/__mock/requests", None).await.json["requests"], json!([]));
    assert_eq!(mock.control("GET", "/__mock/faults", None).await.json["faults"], json!([]));
    assert_eq!(mock.get("/open/info", &key).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(mock.get("/open/contacts", "UAK-mock-demo").await.json["count"], json!(0), "configured key reseeded");
    assert_eq!(mock.get("/open/webhooks", "UAK-mock-demo").await.status, StatusCode::OK);
}

#[tokio::test]
async fn accounts_are_isolated() {
    let mock = Mock::new();
    let a = mock.account("iso-a").await;
    let b = mock.account("iso-b").await;
    mock.post(
        "/open/webhooks/subscribe/whatsapp.message.sent",
        &a,
        json!({"hook_url": "https://h.io/x", "on_number": PY}),
    )
    .await;
    assert_eq!(mock.get("/open/webhooks", &a).await.json["webhooks"].as_array().unwrap().len(), 1);
    assert_eq!(mock.get("/open/webhooks", &b).await.json["webhooks"], json!([]));
    assert_eq!(mock.get("/open/info", &b).await.json["usage"]["api_request_count"], json!(2));
}

#[tokio::test]
async fn stall_and_drip_match_and_count_like_the_other_faults() {
    let mock = Mock::new();
    let key = mock.account("fault-slow").await;
    let other = mock.account("fault-slow-other").await;
    let body = json!({"success": true, "numbers": ["a", "b"]});
    mock.fault(json!({"api_key": key, "path": "/open/whatsapp", "method": "GET", "kind": "drip", "interval_ms": 1,
        "body": body, "count": 2}))
        .await;
    mock.fault(json!({"api_key": key, "path": "/open/info", "kind": "stall", "delay_ms": 20, "status": 503})).await;
    let listed = mock.control("GET", "/__mock/faults", None).await;
    assert_eq!(listed.json["faults"][0]["kind"], json!("drip"));
    assert_eq!(listed.json["faults"][0]["interval_ms"], json!(1));
    assert_eq!(listed.json["faults"][1]["kind"], json!("stall"));
    assert_eq!(listed.json["faults"][1]["delay_ms"], json!(20));

    // Another key, another method: untouched.
    let r = mock.get("/open/whatsapp/get-numbers", &other).await;
    assert_eq!(r.json["numbers"].as_array().unwrap().len(), 3);
    let r = mock.post("/open/whatsapp/send-message", &key, json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Twice the drip, then the real answer.
    for _ in 0..2 {
        let r = mock.get("/open/whatsapp/get-numbers", &key).await;
        assert_eq!((r.status, r.json.clone()), (StatusCode::OK, body.clone()));
        assert_eq!(r.header("content-type"), Some("application/json"));
    }
    assert_eq!(mock.get("/open/whatsapp/get-numbers", &key).await.json["numbers"].as_array().unwrap().len(), 3);
    // The stall with a delay completes its default body.
    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.json, json!({"success": true, "data": []}));
    assert_eq!(mock.get("/open/info", &key).await.status, StatusCode::OK);

    let statuses: Vec<Value> = mock.requests(&key).await.iter().map(|e| e["status"].clone()).collect();
    assert_eq!(statuses, [json!(422), json!(200), json!(200), json!(200), json!(503), json!(200)]);
    assert_eq!(mock.control("GET", "/__mock/faults", None).await.json["faults"], json!([]));
}
