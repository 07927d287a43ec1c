//! Helpers shared by the integration tests: an in-process mock driven with `oneshot`.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt as _;
use serde_json::{json, Value};
use tower::ServiceExt as _;
use twochat_mock::Config;

/// The connected number of the fixtures.
pub const PY: &str = "+595981048477";
pub const PY_UUID: &str = "WPN95841312-b54d-46e3-b0bc-6414f4a5296b";
pub const MX: &str = "+5215512345432";
pub const US_DISCONNECTED: &str = "+14155550123";
pub const GROUP: &str = "WAG768beeef-2b96-4bc7-9b7f-045078568723";
pub const WABA: &str = "+16173518454";
pub const WABA_UUID: &str = "WAN3ff9fb72-6ecd-4c2a-9055-4836d8ed33d7";
pub const SMS_FROM: &str = "+14155550199";
pub const USER: &str = "USR4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

/// A key no other test uses.
pub fn unique_key(tag: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("UAK-test-{tag}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// An answer, body read in full.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub struct Mock {
    pub app: Router,
}

impl Mock {
    pub fn new() -> Mock {
        Mock::with(Config::default())
    }

    pub fn with(config: Config) -> Mock {
        Mock { app: twochat_mock::app(config) }
    }

    /// Registers a fresh account through the control API and returns its key.
    pub async fn account(&self, tag: &str) -> String {
        self.account_with(tag, json!({})).await
    }

    pub async fn account_with(&self, tag: &str, extra: Value) -> String {
        let key = unique_key(tag);
        let mut body = json!({"api_key": key});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        let r = self.control("POST", "/__mock/accounts", Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["api_key"], json!(key));
        key
    }

    pub async fn send(&self, request: Request<Body>) -> axum::response::Response {
        self.app.clone().oneshot(request).await.unwrap()
    }

    pub async fn read(response: axum::response::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply { status, headers, text, json }
    }

    /// A 2Chat call with `key` (no header when `None`).
    pub async fn call(&self, method: &str, path: &str, key: Option<&str>, body: Option<Value>) -> Reply {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(key) = key {
            builder = builder.header("X-User-API-Key", key);
        }
        let body = match body {
            Some(v) => {
                builder = builder.header("Content-Type", "application/json");
                Body::from(serde_json::to_vec(&v).unwrap())
            }
            None => Body::empty(),
        };
        Mock::read(self.send(builder.body(body).unwrap()).await).await
    }

    pub async fn get(&self, path: &str, key: &str) -> Reply {
        self.call("GET", path, Some(key), None).await
    }

    pub async fn post(&self, path: &str, key: &str, body: Value) -> Reply {
        self.call("POST", path, Some(key), Some(body)).await
    }

    pub async fn raw_post(&self, path: &str, key: &str, body: &str) -> Reply {
        let request = Request::builder()
            .method("POST")
            .uri(path)
            .header("X-User-API-Key", key)
            .header("Content-Type", "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap();
        Mock::read(self.send(request).await).await
    }

    pub async fn delete(&self, path: &str, key: &str) -> Reply {
        self.call("DELETE", path, Some(key), None).await
    }

    /// A DELETE with a JSON body (catalog deletes carry `from_number`).
    pub async fn delete_with(&self, path: &str, key: &str, body: Value) -> Reply {
        self.call("DELETE", path, Some(key), Some(body)).await
    }

    pub async fn put(&self, path: &str, key: &str, body: Value) -> Reply {
        self.call("PUT", path, Some(key), Some(body)).await
    }

    /// `POST /__mock/seed` for `key` with `members`; asserts `{"ok":true}`.
    pub async fn seed(&self, key: &str, members: Value) {
        let mut body = json!({"api_key": key});
        if let (Some(b), Some(m)) = (body.as_object_mut(), members.as_object()) {
            for (k, v) in m {
                b.insert(k.clone(), v.clone());
            }
        }
        let r = self.control("POST", "/__mock/seed", Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json, json!({"ok": true}));
    }

    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        self.call(method, path, None, body).await
    }

    pub async fn fault(&self, spec: Value) {
        let r = self.control("POST", "/__mock/faults", Some(spec)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }

    pub async fn requests(&self, key: &str) -> Vec<Value> {
        let r = self.control("GET", &format!("/__mock/requests?api_key={key}"), None).await;
        assert_eq!(r.status, StatusCode::OK);
        r.json["requests"].as_array().cloned().unwrap()
    }
}

/// A documented response body from `shared/fixtures/responses/`.
pub fn fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/responses").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Asserts that `actual` has every field of `fixture`, with the same JSON type (integers stay
/// integers, floats floats); `null` in the fixture matches anything. Arrays are compared element
/// by element over the shorter length.
pub fn assert_shape(fixture: &Value, actual: &Value) {
    shape(fixture, actual, "$");
}

fn shape(fixture: &Value, actual: &Value, at: &str) {
    match fixture {
        Value::Null => {}
        Value::Bool(_) => assert!(actual.is_boolean(), "{at}: expected a boolean, got {actual}"),
        Value::String(_) => assert!(actual.is_string(), "{at}: expected a string, got {actual}"),
        Value::Number(n) => {
            if n.is_f64() {
                assert!(actual.is_f64(), "{at}: expected a float, got {actual}");
            } else {
                assert!(actual.is_i64() || actual.is_u64(), "{at}: expected an integer, got {actual}");
            }
        }
        Value::Array(items) => {
            let got = actual.as_array().unwrap_or_else(|| panic!("{at}: expected an array, got {actual}"));
            for (i, (f, a)) in items.iter().zip(got).enumerate() {
                shape(f, a, &format!("{at}[{i}]"));
            }
        }
        Value::Object(fields) => {
            let got = actual.as_object().unwrap_or_else(|| panic!("{at}: expected an object, got {actual}"));
            for (k, f) in fields {
                let a = got.get(k).unwrap_or_else(|| panic!("{at}.{k}: missing in {actual}"));
                shape(f, a, &format!("{at}.{k}"));
            }
        }
    }
}

/// Asserts the `{"success":false,"error":true,"error_message":…}` shape.
pub fn assert_error_message_style(r: &Reply) {
    assert_eq!(r.json["success"], json!(false), "{}", r.text);
    assert_eq!(r.json["error"], json!(true), "{}", r.text);
    assert!(r.json["error_message"].is_string(), "{}", r.text);
}

/// Asserts the `{"success":false,"message":…}` shape (contacts, webhooks).
pub fn assert_message_style(r: &Reply) {
    assert_eq!(r.json["success"], json!(false), "{}", r.text);
    assert!(r.json["message"].is_string(), "{}", r.text);
    assert!(r.json.get("error_message").is_none(), "{}", r.text);
}
