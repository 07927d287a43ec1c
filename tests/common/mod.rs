//! Helpers for the wasm tests: a client on the mock, the mock's control API, awaiting promises.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gloo_net::http::Request;
use js_sys::{Object, Promise, Reflect};
use serde_json::{json, Value};
use twochat::wasm::error::JsTwoChatError;
use twochat::wasm::TwoChat;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The mock the test run started (`scripts/with-mock.sh` sets it at build time).
pub const MOCK: &str = match option_env!("TWOCHAT_MOCK_URL") {
    Some(u) => u,
    None => "http://127.0.0.1:8080",
};

/// An isolated account on the mock: its own key, state, request log and faults.
pub struct Account {
    pub key: String,
}

impl Account {
    pub async fn new() -> Account {
        Self::with(json!({})).await
    }

    pub async fn with(extra: Value) -> Account {
        let key = format!("UAK-test-{}", (js_sys::Math::random() * 1e15) as u64);
        let mut body = json!({"api_key": key});
        if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
            b.extend(e);
        }
        let r = Request::post(&format!("{MOCK}/__mock/accounts"))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .unwrap()
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "registering a mock account");
        Account { key }
    }

    /// A client for this account with the given extra options.
    pub fn client_with(&self, opts: Value) -> TwoChat {
        let mut o = json!({"apiKey": self.key, "baseUrl": MOCK});
        if let (Some(b), Value::Object(e)) = (o.as_object_mut(), opts) {
            b.extend(e);
        }
        TwoChat::new(Some(to_js(&o))).unwrap_or_else(|e| panic!("constructor threw {e:?}"))
    }

    pub fn client(&self) -> TwoChat {
        self.client_with(json!({}))
    }

    /// What the mock received for this account, in order.
    pub async fn requests(&self) -> Vec<Value> {
        let r = Request::get(&format!("{MOCK}/__mock/requests?api_key={}", self.key)).send().await.unwrap();
        let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
        v["requests"].as_array().cloned().unwrap_or_default()
    }

    /// The only request the mock received; fails if there were more or none.
    pub async fn only_request(&self) -> Value {
        let reqs = self.requests().await;
        assert_eq!(reqs.len(), 1, "expected exactly one request, got {reqs:#?}");
        reqs.into_iter().next().unwrap()
    }

    /// Makes the next matching requests of this account fail as `fault` says.
    pub async fn fault(&self, fault: Value) {
        let mut f = fault;
        f["api_key"] = json!(self.key);
        let r = Request::post(&format!("{MOCK}/__mock/faults"))
            .header("Content-Type", "application/json")
            .body(f.to_string())
            .unwrap()
            .send()
            .await
            .unwrap();
        assert!(r.ok(), "injecting fault {f}: HTTP {}", r.status());
    }
}

pub fn to_js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

pub fn from_js(v: &JsValue) -> Value {
    let s: String = js_sys::JSON::stringify(v).unwrap().into();
    serde_json::from_str(&s).unwrap()
}

/// Awaits a promise that must resolve, returning its value as JSON.
pub async fn ok(p: Promise) -> Value {
    match JsFuture::from(p).await {
        Ok(v) => from_js(&v),
        Err(e) => panic!("expected success, got {}", describe(&e)),
    }
}

/// A rejection, read as a user would.
#[derive(Debug)]
pub struct Rejection {
    pub code: String,
    pub message: String,
    pub status: Option<f64>,
    pub retry_after_ms: Option<f64>,
    pub raw: JsValue,
}

/// Awaits a promise that must reject with a `TwoChatError`.
pub async fn err(p: Promise) -> Rejection {
    match JsFuture::from(p).await {
        Ok(v) => panic!("expected a rejection, got {}", from_js(&v)),
        Err(e) => rejection(e),
    }
}

pub fn rejection(e: JsValue) -> Rejection {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    assert!(e.dyn_ref::<JsTwoChatError>().is_some(), "not a TwoChatError: {e:?}");
    let get = |k: &str| Reflect::get(&e, &JsValue::from_str(k)).unwrap();
    assert_eq!(get("name").as_string().as_deref(), Some("TwoChatError"));
    Rejection {
        code: get("code").as_string().unwrap(),
        message: get("message").as_string().unwrap(),
        status: get("status").as_f64(),
        retry_after_ms: get("retryAfterMs").as_f64(),
        raw: e,
    }
}

pub fn describe(e: &JsValue) -> String {
    let get = |k: &str| Reflect::get(e, &JsValue::from_str(k)).ok().and_then(|v| v.as_string()).unwrap_or_default();
    format!("{}: {}", get("code"), get("message"))
}

/// `{ …fields }` as a JS object.
pub fn obj(v: Value) -> Option<JsValue> {
    Some(to_js(&v))
}

/// Per-call options holding a signal.
pub fn with_signal(signal: &web_sys::AbortSignal, extra: Value) -> Option<JsValue> {
    let o: Object = to_js(&extra).unchecked_into();
    Reflect::set(&o, &JsValue::from_str("signal"), signal).unwrap();
    Some(o.into())
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}
