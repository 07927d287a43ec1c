//! What the typed suite needs around the client: the mock's URL, its control API (accounts, the
//! request log, faults), on whichever platform the suite runs.
#![allow(dead_code)]

use serde_json::{json, Value};
use twochat::{Client, ClientOptions};

/// The connected numbers and ids of the mock's seed (mock/src/seed.rs).
pub const PY: &str = "+595981048477";
pub const PY_UUID: &str = "WPN95841312-b54d-46e3-b0bc-6414f4a5296b";
pub const MX: &str = "+5215512345432";
pub const GROUP: &str = "WAG768beeef-2b96-4bc7-9b7f-045078568723";
pub const WABA: &str = "+16173518454";
pub const WABA_UUID: &str = "WAN3ff9fb72-6ecd-4c2a-9055-4836d8ed33d7";
pub const SMS: &str = "+14155550199";
pub const USER: &str = "USR4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
pub const SESSION_KEY: &str = "WW-WPN95841312-b54d-46e3-b0bc-6414f4a5296b-5215512345432@c.us";
pub const MESSAGE_UUID: &str = "MSG8c39a0a9-01cf-46c9-ab46-3c0fb0477e99";
pub const PRODUCT: &str = "6562709013816345";
pub const COLLECTION: &str = "1051239876543210";

/// The documented request body of contact create.
pub const CONTACT_CREATE_REQUEST: &str = include_str!("../../../shared/fixtures/responses/contact-create.request.json");
/// The documented `whatsapp.order.received` delivery.
pub const ORDER_FIXTURE: &str = include_str!("../../../shared/fixtures/webhooks/whatsapp.order.received.json");

/// The mock the suite talks to. On wasm32 `scripts/with-mock.sh` starts it and names it in
/// `TWOCHAT_MOCK_URL` at build time; natively the suite starts its own, in this process, once.
#[cfg(target_arch = "wasm32")]
pub fn mock() -> String {
    env!("TWOCHAT_MOCK_URL", "run the wasm suites through scripts/with-mock.sh (make test-node / test-browser)").to_string()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn mock() -> String {
    use std::sync::OnceLock;
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        // Its own runtime on its own thread: each #[tokio::test] has a runtime that ends with it.
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = twochat_mock::bind(0).await.unwrap();
                tx.send(format!("http://{}", listener.local_addr().unwrap())).unwrap();
                twochat_mock::serve(listener, twochat_mock::Config::default(), std::future::pending()).await.unwrap();
            });
        });
        rx.recv().unwrap()
    })
    .clone()
}

/// Milliseconds on a monotonic-enough clock.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Waits `ms` milliseconds.
#[cfg(target_arch = "wasm32")]
pub async fn sleep_ms(ms: u64) {
    twochat::web::timer::sleep(ms as f64, None).await;
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn sleep_ms(ms: u64) {
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

#[cfg(not(target_arch = "wasm32"))]
mod http {
    use serde_json::Value;

    pub async fn send(method: &str, url: &str, body: Option<&Value>) -> (u16, Value) {
        let client = reqwest::Client::new();
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = client.request(m, url);
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b.to_string());
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

#[cfg(target_arch = "wasm32")]
mod http {
    use serde_json::Value;

    pub async fn send(method: &str, url: &str, body: Option<&Value>) -> (u16, Value) {
        let builder = gloo_net::http::RequestBuilder::new(url).method(match method {
            "POST" => gloo_net::http::Method::POST,
            "DELETE" => gloo_net::http::Method::DELETE,
            _ => gloo_net::http::Method::GET,
        });
        let r = match body {
            Some(b) => builder.header("content-type", "application/json").body(b.to_string()).unwrap().send().await,
            None => builder.send().await,
        }
        .unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

/// An isolated account on the mock: its own key, data, request log and faults.
pub struct Account {
    pub mock: String,
    pub key: String,
}

fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    #[cfg(target_arch = "wasm32")]
    let salt = js_sys::Date::now() as u64;
    #[cfg(not(target_arch = "wasm32"))]
    let salt = std::process::id() as u64;
    format!("{salt:x}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

impl Account {
    /// A fresh, seeded account with the given control settings.
    pub async fn new(mock: &str, extra: Value) -> Account {
        let key = format!("UAK-typed-{}", unique());
        let mut body = json!({ "api_key": key });
        if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
            b.extend(e);
        }
        let (status, reply) = http::send("POST", &format!("{mock}/__mock/accounts"), Some(&body)).await;
        assert_eq!(status, 201, "registering a mock account: {reply}");
        Account { mock: mock.to_string(), key }
    }

    /// A client of this account with retries off unless said otherwise.
    pub fn client(&self) -> Client {
        self.client_with(ClientOptions::new(&self.key).max_retries(0))
    }

    /// A client of this account with these options (the base URL is set here).
    pub fn client_with(&self, options: ClientOptions) -> Client {
        Client::new(options.base_url(&self.mock)).unwrap()
    }

    /// What the mock received with this key, in order.
    pub async fn requests(&self) -> Vec<Value> {
        let (_, v) = http::send("GET", &format!("{}/__mock/requests?api_key={}", self.mock, self.key), None).await;
        v["requests"].as_array().cloned().unwrap_or_default()
    }

    /// Seeds data (`{"messages": {"number", "count"}, "contacts": n, …}`: see mock/README.md).
    pub async fn seed(&self, seed: Value) {
        let mut body = seed;
        body["api_key"] = json!(self.key);
        let (status, reply) = http::send("POST", &format!("{}/__mock/seed", self.mock), Some(&body)).await;
        assert!((200..300).contains(&status), "seeding: {reply}");
    }

    /// Makes the next matching requests of this account fail as `fault` says.
    pub async fn fault(&self, fault: Value) {
        let mut f = fault;
        f["api_key"] = json!(self.key);
        let (status, reply) = http::send("POST", &format!("{}/__mock/faults", self.mock), Some(&f)).await;
        assert_eq!(status, 201, "injecting {f}: {reply}");
    }
}
