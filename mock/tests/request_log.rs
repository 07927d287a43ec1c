//! The request log keeps no API key in clear, filters by key through a fingerprint, and is bounded
//! in bytes as well as entries.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::{json, Value};
use twochat_mock::request_log::MAX_BODY_BYTES;
use twochat_mock::Config;

/// A POST to send-message with `key` (header spelled `header_name`), a query and a raw body.
async fn send(mock: &Mock, header_name: &str, key: &str, query: &str, body: String) -> StatusCode {
    let request = Request::builder()
        .method("POST")
        .uri(format!("/open/whatsapp/send-message{query}"))
        .header(header_name, key)
        .header("Content-Type", "application/json")
        .header("X-Echo", format!("sent with {key}"))
        .body(Body::from(body))
        .unwrap();
    mock.send(request).await.status()
}

async fn log(mock: &Mock, query: &str) -> (String, Vec<Value>) {
    let r = mock.control("GET", &format!("/__mock/requests{query}"), None).await;
    assert_eq!(r.status, StatusCode::OK);
    (r.text.clone(), r.json["requests"].as_array().cloned().unwrap())
}

#[tokio::test]
async fn the_key_is_redacted_everywhere_and_filters_by_fingerprint() {
    let mock = Mock::new();
    let key = mock.account("redact").await;
    let other = mock.account("redact-other").await;
    let body = json!({"from_number": PY, "to_number": "+14155551234", "text": format!("my key is {key}!"),
        key.clone(): [key.clone()]});
    let status = send(&mock, "X-USER-API-KEY", &key, &format!("?trace={key}"), body.to_string()).await;
    let plain = json!({"from_number": PY, "to_number": "+14155551234", "text": "hi"});
    assert_eq!(send(&mock, "x-user-api-key", &other, "", plain.to_string()).await, StatusCode::OK);
    mock.get("/open/info", "UAK-not-registered").await;
    mock.call("GET", "/open/info", None, None).await;

    let (text, mine) = log(&mock, &format!("?api_key={key}")).await;
    assert!(!text.contains(&key), "the key is nowhere in the log: {text}");
    assert_eq!(mine.len(), 1);
    let entry = &mine[0];
    assert_eq!(entry["headers"]["x-user-api-key"], json!("[redacted]"));
    assert_eq!(entry["headers"]["x-echo"], json!("sent with [redacted]"));
    assert_eq!(entry["query"], json!("trace=[redacted]"));
    assert_eq!(entry["body"]["text"], json!("my key is [redacted]!"));
    assert_eq!(entry["body"]["[redacted]"], json!(["[redacted]"]));
    assert_eq!(entry["body"]["from_number"], json!(PY), "the rest of the body is untouched");
    let body_text: Value = serde_json::from_str(entry["body_text"].as_str().unwrap()).unwrap();
    assert_eq!(body_text, entry["body"]);
    assert_eq!(entry["status"], json!(status.as_u16()));
    assert!(entry.get("api_key").is_none());
    let fingerprint = entry["api_key_fingerprint"].as_str().unwrap();
    assert!(fingerprint.len() == 12 && fingerprint.bytes().all(|b| b.is_ascii_hexdigit()), "{fingerprint}");

    // The filter still selects exactly one key's requests, registered or not.
    let (text, theirs) = log(&mock, &format!("?api_key={other}")).await;
    assert!(!text.contains(&other));
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0]["body"]["text"], json!("hi"));
    assert_ne!(theirs[0]["api_key_fingerprint"], json!(fingerprint));
    let (_, unknown) = log(&mock, "?api_key=UAK-not-registered").await;
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0]["status"], json!(401));
    let (_, keyless) = log(&mock, "?api_key=").await;
    assert_eq!(keyless.len(), 1);
    assert_eq!(keyless[0]["api_key_fingerprint"], Value::Null);
    assert!(keyless[0]["headers"].get("x-user-api-key").is_none());
    assert!(log(&mock, "?api_key=UAK-nobody-at-all").await.1.is_empty());

    let (text, all) = log(&mock, "").await;
    assert_eq!(all.len(), 4);
    assert!(!text.contains(&key) && !text.contains(&other) && !text.contains("UAK-not-registered"));

    // Clearing by key still works through the fingerprint.
    mock.control("DELETE", &format!("/__mock/requests?api_key={key}"), None).await;
    assert!(log(&mock, &format!("?api_key={key}")).await.1.is_empty());
    assert_eq!(log(&mock, "").await.1.len(), 3);
}

#[tokio::test]
async fn long_bodies_are_logged_truncated() {
    let mock = Mock::new();
    let key = mock.account("truncate").await;
    let long = json!({"from_number": PY, "to_number": "+14155551234", "text": "ñ".repeat(MAX_BODY_BYTES)}).to_string();
    send(&mock, "X-User-API-Key", &key, "", long.clone()).await;
    let fits = json!({"from_number": PY, "to_number": "+14155551234", "text": "x".repeat(MAX_BODY_BYTES - 100)});
    send(&mock, "X-User-API-Key", &key, "", fits.to_string()).await;

    let entries = mock.requests(&key).await;
    assert_eq!(entries[0]["body_truncated"], json!(true));
    assert_eq!(entries[0]["body"], Value::Null);
    let text = entries[0]["body_text"].as_str().unwrap();
    assert!(text.len() <= MAX_BODY_BYTES && text.len() >= MAX_BODY_BYTES - 3, "{}", text.len());
    assert!(long.starts_with(text));
    assert_eq!(entries[1]["body_truncated"], json!(false));
    assert_eq!(entries[1]["body"], fits);
}

/// What an entry counts against the byte budget.
fn size(entry: &Value) -> usize {
    let headers: usize =
        entry["headers"].as_object().unwrap().iter().map(|(k, v)| k.len() + v.as_str().unwrap().len()).sum();
    entry["body_text"].as_str().unwrap().len()
        + entry["path"].as_str().unwrap().len()
        + entry["query"].as_str().map_or(0, str::len)
        + headers
}

#[tokio::test]
async fn the_log_is_bounded_in_bytes_oldest_first() {
    let mock = Mock::with(Config { log_max_bytes: 20_000, ..Config::default() });
    let key = mock.account("budget").await;
    for i in 0..10 {
        let body = json!({"from_number": PY, "to_number": "+14155551234", "text": format!("{i}{}", "x".repeat(5_000))});
        send(&mock, "X-User-API-Key", &key, "", body.to_string()).await;
    }
    let entries = mock.requests(&key).await;
    let kept: Vec<String> =
        entries.iter().map(|e| e["body"]["text"].as_str().unwrap().chars().next().unwrap().to_string()).collect();
    assert_eq!(kept, ["7", "8", "9"], "about 5 KB each: the newest three fit in 20 000 bytes");
    let total: usize = entries.iter().map(size).sum();
    assert!(total <= 20_000 && total + size(&entries[0]) > 20_000, "{total}");

    // The default budget keeps all of them.
    let mock = Mock::new();
    let key = mock.account("budget-default").await;
    for i in 0..10 {
        let body = json!({"from_number": PY, "to_number": "+14155551234", "text": format!("{i}{}", "x".repeat(5_000))});
        send(&mock, "X-User-API-Key", &key, "", body.to_string()).await;
    }
    assert_eq!(mock.requests(&key).await.len(), 10);
}
