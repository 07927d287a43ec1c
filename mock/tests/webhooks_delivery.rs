//! Webhook delivery over real TCP: the mock on 127.0.0.1:0 POSTs events to a tiny receiving server
//! on 127.0.0.1:0. Sends (#12, #59) and `POST /__mock/simulate` trigger them; the payloads are
//! compared with `shared/fixtures/webhooks/`, the attempts with `GET /__mock/deliveries`.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use common::{assert_shape, GROUP, MX, PY, PY_UUID, SMS_FROM, US_DISCONNECTED, WABA};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tower::ServiceExt as _;
use twochat_mock::Config;

const OLD_GROUP: &str = "WGP1f0e3a52-7c1d-4b8e-9f2a-3d4c5b6a7e8f";
const SKIPPED: &str = "only loopback hook URLs are delivered by twochat-mock";

/// A payload of `shared/fixtures/webhooks/`.
fn webhook_fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/webhooks").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap_or_else(|| panic!("not an object: {value}")).keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// `2024-03-09T22:00:08`
fn is_naive_iso(s: &Value) -> bool {
    let s = s.as_str().unwrap_or_default();
    s.len() == 19 && s.as_bytes()[10] == b'T' && !s.ends_with('Z')
}

/// `2024-03-09T22:00:08Z`
fn is_iso_z(s: &Value) -> bool {
    let s = s.as_str().unwrap_or_default();
    s.len() == 20 && s.as_bytes()[10] == b'T' && s.ends_with('Z')
}

// ------------------------------------------------------------------------------------------------
// The mock over TCP

struct MockServer {
    port: u16,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    head: String,
    json: Value,
}

impl MockServer {
    async fn start() -> MockServer {
        let listener = twochat_mock::bind(0).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(twochat_mock::serve(listener, Config::default(), async move {
            let _ = stopped.await;
        }));
        MockServer { port, stop: Some(stop) }
    }

    /// One HTTP/1.1 request (`Connection: close`), the answer read to the end.
    async fn http(&self, method: &str, path: &str, key: Option<&str>, body: Option<&Value>) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).await.unwrap();
        let body = body.map(|b| serde_json::to_string(b).unwrap()).unwrap_or_default();
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n", self.port);
        if let Some(key) = key {
            request.push_str(&format!("X-User-API-Key: {key}\r\n"));
        }
        if !body.is_empty() {
            request.push_str("Content-Type: application/json\r\n");
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        tokio::time::timeout(Duration::from_secs(70), stream.read_to_end(&mut raw)).await.unwrap().unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Answer { status, head: head.to_ascii_lowercase(), json: serde_json::from_str(body).unwrap_or(Value::Null) }
    }

    async fn account(&self, key: &str) -> String {
        let a = self.http("POST", "/__mock/accounts", None, Some(&json!({"api_key": key}))).await;
        assert_eq!(a.status, 201, "{a:?}");
        key.to_owned()
    }

    async fn call(&self, method: &str, path: &str, key: &str, body: Value) -> Answer {
        let body = (!body.is_null()).then_some(body);
        self.http(method, path, Some(key), body.as_ref()).await
    }

    async fn subscribe(&self, key: &str, event: &str, body: Value) -> String {
        let a = self.call("POST", &format!("/open/webhooks/subscribe/{event}"), key, body).await;
        assert_eq!(a.status, 200, "{a:?}");
        a.json["data"]["uuid"].as_str().unwrap().to_owned()
    }

    async fn simulate(&self, body: Value) -> Answer {
        self.http("POST", "/__mock/simulate", None, Some(&body)).await
    }

    /// `simulate` that must succeed with `n` deliveries scheduled.
    async fn simulate_ok(&self, body: Value, n: usize) -> Value {
        let a = self.simulate(body).await;
        assert_eq!(a.status, 200, "{a:?}");
        assert_eq!(a.json["ok"], json!(true), "{a:?}");
        assert_eq!(a.json["deliveries_scheduled"], json!(n), "{a:?}");
        a.json
    }

    /// `GET /__mock/deliveries`, waiting for at least `min`.
    async fn deliveries(&self, key: &str, min: usize) -> Vec<Value> {
        let a =
            self.http("GET", &format!("/__mock/deliveries?api_key={key}&min={min}&timeout_ms=5000"), None, None).await;
        assert_eq!(a.status, 200, "{a:?}");
        let list = a.json["deliveries"].as_array().cloned().unwrap();
        assert!(list.len() >= min, "expected at least {min} deliveries, got {list:#?}");
        list
    }
}

// ------------------------------------------------------------------------------------------------
// The receiving end

#[derive(Debug)]
struct Received {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    raw_body: Vec<u8>,
    body: Value,
}

struct Hooks {
    port: u16,
    rx: mpsc::UnboundedReceiver<Received>,
    connections: Arc<AtomicUsize>,
}

impl Hooks {
    /// Answers 200 (`ok`), or 500 for paths starting with `/fail`.
    async fn start() -> Hooks {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, rx) = mpsc::unbounded_channel();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let tx = tx.clone();
                tokio::spawn(async move {
                    if let Some(received) = Hooks::serve(stream).await {
                        let _ = tx.send(received);
                    }
                });
            }
        });
        Hooks { port, rx, connections }
    }

    async fn serve(mut stream: TcpStream) -> Option<Received> {
        let mut buffer = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            buffer.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next()?.split(' ');
        let method = request_line.next()?.to_owned();
        let path = request_line.next()?.to_owned();
        assert_eq!(request_line.next(), Some("HTTP/1.1"));
        let headers: HashMap<String, String> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let length: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
        let mut raw_body = buffer[head_end + 4..].to_vec();
        while raw_body.len() < length {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            raw_body.extend_from_slice(&chunk[..n]);
        }
        let answer: &[u8] = if path.starts_with("/fail") {
            b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\nConnection: close\r\n\r\nfail"
        } else {
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        };
        let _ = stream.write_all(answer).await;
        let _ = stream.shutdown().await;
        let body = serde_json::from_slice(&raw_body).unwrap_or(Value::Null);
        Some(Received { method, path, headers, raw_body, body })
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    async fn next(&mut self) -> Received {
        tokio::time::timeout(Duration::from_secs(5), self.rx.recv()).await.expect("no delivery within 5 s").unwrap()
    }

    /// Asserts that nothing more arrives within `ms`.
    async fn nothing_within(&mut self, ms: u64) {
        if let Ok(Some(r)) = tokio::time::timeout(Duration::from_millis(ms), self.rx.recv()).await {
            panic!("unexpected delivery to {}: {}", r.path, r.body);
        }
    }
}

/// Checks what every delivery looks like on the wire.
fn assert_wire(r: &Received, hooks_port: u16) {
    assert_eq!(r.method, "POST");
    assert_eq!(r.headers.get("content-type").map(String::as_str), Some("application/json"));
    assert_eq!(r.headers.get("user-agent").map(String::as_str), Some("twochat-mock"));
    assert_eq!(r.headers.get("host"), Some(&format!("127.0.0.1:{hooks_port}")));
    assert_eq!(r.headers.get("connection").map(String::as_str), Some("close"));
    assert_eq!(r.headers.get("content-length"), Some(&r.raw_body.len().to_string()));
    assert!(r.body.is_object(), "the body is JSON: {:?}", String::from_utf8_lossy(&r.raw_body));
}

// ------------------------------------------------------------------------------------------------

#[tokio::test]
async fn send_delivers_sent_and_new_and_records_them() {
    let mock = MockServer::start().await;
    let mut hooks = Hooks::start().await;
    let key = mock.account("UAK-hooks-send").await;
    let sent_hook =
        mock.subscribe(&key, "whatsapp.message.sent", json!({"hook_url": hooks.url("/sent"), "on_number": PY})).await;
    mock.subscribe(&key, "whatsapp.message.new", json!({"hook_url": hooks.url("/new?token=abc"), "on_number": PY}))
        .await;
    // Other numbers and other events get nothing.
    mock.subscribe(&key, "whatsapp.message.sent", json!({"hook_url": hooks.url("/mx"), "on_number": MX})).await;
    mock.subscribe(&key, "whatsapp.message.received", json!({"hook_url": hooks.url("/received"), "on_number": PY}))
        .await;
    let contact = mock
        .call(
            "POST",
            "/open/contacts",
            &key,
            json!({"first_name": "Mikey", "last_name": "Mike", "profile_pic_url": "https://example.com/mikey.jpg",
                "contact_detail": [{"type": "WAPH", "value": MX}]}),
        )
        .await;
    assert_eq!(contact.status, 201, "{contact:?}");
    let contact_uuid = contact.json["contact"]["uuid"].clone();

    let sent = mock
        .call("POST", "/open/whatsapp/send-message", &key, json!({"from_number": PY, "to_number": MX, "text": "hola"}))
        .await;
    assert_eq!(sent.status, 200, "{sent:?}");
    let uuid = sent.json["message_uuid"].clone();

    let first = hooks.next().await;
    let second = hooks.next().await;
    assert_eq!((first.path.as_str(), second.path.as_str()), ("/sent", "/new?token=abc"), "in subscription order");
    hooks.nothing_within(300).await;
    let fixture = webhook_fixture("whatsapp.message.received.media.json");
    for (r, event) in [(&first, "whatsapp.message.sent"), (&second, "whatsapp.message.new")] {
        assert_wire(r, hooks.port);
        let p = &r.body;
        let mut expected = keys(&fixture);
        expected.extend(set(&["event", "_2chat_link"]));
        assert_eq!(keys(p), expected, "{p}");
        assert_shape(
            &json!({"id": "", "uuid": "", "session_key": "", "created_at": "", "remote_phone_number": "",
            "channel_phone_number": "", "sent_by": "", "contact": fixture["contact"]}),
            p,
        );
        assert_eq!(p["id"], uuid);
        assert_eq!(p["uuid"], uuid);
        assert_eq!(p["event"], json!(event));
        assert_eq!(p["message"], json!({"text": "hola"}));
        assert_eq!(p["sent_by"], json!("api"));
        assert_eq!(p["channel_phone_number"], json!(PY));
        assert_eq!(p["remote_phone_number"], json!(MX));
        assert_eq!(p["session_key"], json!(format!("WW-{PY_UUID}-5215512345432@c.us")));
        assert!(is_naive_iso(&p["created_at"]), "{p}");
        let link = p["_2chat_link"].as_str().unwrap();
        assert!(
            link.starts_with("https://app.2chat.io/live-chat/STE")
                && link.ends_with(p["session_key"].as_str().unwrap())
        );
        assert_eq!(p["contact"]["uuid"], contact_uuid);
        assert_eq!(p["contact"]["first_name"], json!("Mikey"));
        assert_eq!(p["contact"]["last_name"], json!("Mike"));
        assert_eq!(p["contact"]["name"], json!("Mikey Mike"));
    }
    // The message is the stored one (#15).
    let got = mock
        .call(
            "GET",
            &format!(
                "/open/whatsapp/message/{}/{}",
                first.body["session_key"].as_str().unwrap(),
                uuid.as_str().unwrap()
            ),
            &key,
            Value::Null,
        )
        .await;
    assert_eq!(got.status, 200);

    let log = mock.deliveries(&key, 2).await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["event"], json!("whatsapp.message.sent"));
    assert_eq!(log[0]["webhook_uuid"], json!(sent_hook));
    assert_eq!(log[0]["hook_url"], json!(hooks.url("/sent")));
    assert_eq!(log[0]["payload"], first.body);
    assert_eq!(log[1]["payload"], second.body);
    for d in &log {
        assert_eq!(
            keys(d),
            set(&["id", "event", "webhook_uuid", "hook_url", "payload", "status", "error", "skipped", "delivered_at"])
        );
        assert_eq!(d["status"], json!(200));
        assert_eq!(d["error"], Value::Null);
        assert_eq!(d["skipped"], Value::Null);
        assert!(d["id"].as_str().unwrap().starts_with("DLV"));
        assert!(is_iso_z(&d["delivered_at"]), "{d}");
    }

    // No contact for an unknown number: the key is left out. A group send carries to_group_uuid.
    let r = mock
        .call(
            "POST",
            "/open/whatsapp/send-message",
            &key,
            json!({"from_number": PY, "to_number": "+447700900123", "text": "hi"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let p = hooks.next().await.body;
    assert!(p.get("contact").is_none(), "{p}");
    assert_eq!(p["remote_phone_number"], json!("+447700900123"));
    hooks.next().await;
    let r = mock
        .call(
            "POST",
            "/open/whatsapp/send-message",
            &key,
            json!({"from_number": PY, "to_group_uuid": GROUP, "text": "hola grupo"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let p = hooks.next().await.body;
    assert_eq!(p["to_group_uuid"], json!(GROUP));
    assert_eq!(p["remote_phone_number"], Value::Null);
    assert_eq!(p["id"], r.json["message_uuid"]);
    hooks.next().await;

    // A failed send delivers nothing.
    let r = mock.call("POST", "/open/whatsapp/send-message", &key, json!({"from_number": PY, "to_number": MX})).await;
    assert_eq!(r.status, 422);
    hooks.nothing_within(300).await;
    assert_eq!(mock.deliveries(&key, 6).await.len(), 6);
    assert_eq!(hooks.connections.load(Ordering::SeqCst), 6);
}

#[tokio::test]
async fn deliveries_start_only_after_the_response_is_sent() {
    let mut hooks = Hooks::start().await;
    let app = twochat_mock::app(Config::default());
    let call = |method: &str, path: &str, body: Value| {
        Request::builder()
            .method(method)
            .uri(path)
            .header("X-User-API-Key", "UAK-mock-demo")
            .header("Content-Type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let r = app
        .clone()
        .oneshot(call(
            "POST",
            "/open/webhooks/subscribe/whatsapp.message.sent",
            json!({"hook_url": hooks.url("/s"), "on_number": PY}),
        ))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let held = app
        .clone()
        .oneshot(call("POST", "/open/whatsapp/send-message", json!({"from_number": PY, "to_number": MX, "text": "x"})))
        .await
        .unwrap();
    assert_eq!(held.status(), 200);
    // The response (its body) is still held: nothing is delivered yet.
    hooks.nothing_within(400).await;
    drop(held);
    let r = hooks.next().await;
    assert_eq!(r.body["event"], json!("whatsapp.message.sent"));
}

#[tokio::test]
async fn inbound_messages_and_conversation_new_per_time_period() {
    let mock = MockServer::start().await;
    let mut hooks = Hooks::start().await;
    let key = mock.account("UAK-hooks-inbound").await;
    mock.subscribe(&key, "whatsapp.message.received", json!({"hook_url": hooks.url("/received"), "on_number": PY}))
        .await;
    mock.subscribe(&key, "whatsapp.message.new", json!({"hook_url": hooks.url("/new"), "on_number": PY})).await;
    mock.subscribe(&key, "whatsapp.conversation.new", json!({"hook_url": hooks.url("/conv-all"), "on_number": PY}))
        .await;
    mock.subscribe(
        &key,
        "whatsapp.conversation.new",
        json!({"hook_url": hooks.url("/conv-hour"), "on_number": PY, "time_period": "hour"}),
    )
    .await;
    mock.subscribe(
        &key,
        "whatsapp.conversation.new",
        json!({"hook_url": hooks.url("/conv-day"), "on_number": PY, "time_period": "day"}),
    )
    .await;
    // Sends do not open conversations, nor reach `received`.
    mock.subscribe(&key, "whatsapp.message.received", json!({"hook_url": hooks.url("/mx"), "on_number": MX})).await;

    let remote = "+5215533334444";
    let media = json!({"url": "https://2chat-user-data.s3.amazonaws.com/ACC28526e8e/example.jpeg", "type": "image", "mime_type": "image/jpeg"});
    let answer = mock
        .simulate_ok(
            json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": remote, "media": media}),
            5,
        )
        .await;
    let uuid = answer["message_uuid"].clone();
    assert!(uuid.as_str().unwrap().starts_with("MSG"));
    let mut got: Vec<Received> = Vec::new();
    for _ in 0..5 {
        got.push(hooks.next().await);
    }
    let paths: Vec<&str> = got.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/received", "/new", "/conv-all", "/conv-hour", "/conv-day"]);
    let fixture = webhook_fixture("whatsapp.message.received.media.json");
    for r in &got[..2] {
        assert_wire(r, hooks.port);
        let p = &r.body;
        // The fixture's fields (no `contact`: the number is not a contact), plus `event`.
        let mut expected = keys(&fixture);
        expected.remove("contact");
        expected.insert("event".into());
        assert_eq!(keys(p), expected, "{p}");
        assert_eq!(p["message"], json!({"media": media}));
        assert_eq!(p["id"], uuid);
        assert_eq!(p["uuid"], uuid);
        assert_eq!(p["sent_by"], json!("user"));
        assert_eq!(p["remote_phone_number"], json!(remote));
        assert_eq!(p["channel_phone_number"], json!(PY));
        assert_eq!(p["session_key"], json!(format!("WW-{PY_UUID}-5215533334444@c.us")));
        assert!(is_naive_iso(&p["created_at"]));
    }
    assert_eq!(got[0].body["event"], json!("whatsapp.message.received"));
    assert_eq!(got[1].body["event"], json!("whatsapp.message.new"));
    for (r, period) in got[2..].iter().zip(["all-time", "hour", "day"]) {
        let p = &r.body;
        assert_eq!(
            keys(p),
            set(&[
                "id",
                "uuid",
                "session_key",
                "message",
                "created_at",
                "remote_phone_number",
                "channel_phone_number",
                "sent_by",
                "event",
                "time_period"
            ])
        );
        assert_eq!(p["event"], json!("whatsapp.conversation.new"));
        assert_eq!(p["time_period"], json!(period));
        assert_eq!(p["uuid"], uuid);
    }

    // Stored like 2Chat: #14 and conversations list it.
    let list = mock.call("GET", &format!("/open/whatsapp/messages/{PY}/{remote}"), &key, Value::Null).await;
    assert_eq!(list.json["messages"][0]["uuid"], uuid);
    assert_eq!(list.json["messages"][0]["sent_by"], json!("user"));
    let conversations = mock.call("GET", &format!("/open/whatsapp/conversations/{PY_UUID}"), &key, Value::Null).await;
    assert_eq!(conversations.json["sessions"][0]["phone_number"], json!(remote));

    // The second message from that number opens no conversation.
    mock.simulate_ok(
        json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": remote, "text": "hola"}),
        2,
    )
    .await;
    assert_eq!(hooks.next().await.path, "/received");
    assert_eq!(hooks.next().await.path, "/new");
    hooks.nothing_within(300).await;

    // A known contact is in the payload; an override replaces it; null leaves it out.
    mock.call(
        "POST",
        "/open/contacts",
        &key,
        json!({"first_name": "Johny", "last_name": "Doe",
        "profile_pic_url": "https://example.com/p.jpeg", "contact_detail": [{"type": "PH", "value": remote}]}),
    )
    .await;
    mock.simulate_ok(json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": remote, "text": "1"}), 2)
        .await;
    let p = hooks.next().await.body;
    assert_eq!(keys(&p), keys(&fixture).into_iter().chain(["event".to_owned()]).collect());
    assert_shape(&fixture["contact"], &p["contact"]);
    assert_eq!(p["contact"]["first_name"], json!("Johny"));
    assert!(p["contact"]["uuid"].as_str().unwrap().starts_with("CON"));
    hooks.next().await;
    let custom = json!({"first_name": "Override", "last_name": null, "profile_pic_url": null});
    mock.simulate_ok(json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": remote, "text": "2", "contact": custom}), 2)
        .await;
    assert_eq!(hooks.next().await.body["contact"], custom);
    hooks.next().await;
    mock.simulate_ok(
        json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": remote, "text": "3", "contact": null}),
        2,
    )
    .await;
    assert!(hooks.next().await.body.get("contact").is_none());
    hooks.next().await;

    // time_period windows: a number last heard from two hours ago opens a conversation for "hour"
    // but not for "day" or "all-time".
    let other = "+5215599998888";
    let two_hours_ago = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() - 7_200;
    mock.simulate_ok(
        json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": other, "text": "old", "at": two_hours_ago}),
        5,
    )
    .await;
    for _ in 0..5 {
        hooks.next().await;
    }
    mock.simulate_ok(json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": other, "text": "new"}), 3)
        .await;
    let paths = [hooks.next().await.path, hooks.next().await.path, hooks.next().await.path];
    assert_eq!(paths, ["/received", "/new", "/conv-hour"]);
    hooks.nothing_within(200).await;

    let log = mock.deliveries(&key, 21).await;
    assert_eq!(log.len(), 21);
    assert!(log.iter().all(|d| d["status"] == json!(200)));
}

#[tokio::test]
async fn orders_are_shaped_like_the_fixture() {
    let mock = MockServer::start().await;
    let mut hooks = Hooks::start().await;
    let key = mock.account("UAK-hooks-order").await;
    mock.subscribe(&key, "whatsapp.order.received", json!({"hook_url": hooks.url("/order"), "on_number": PY})).await;
    mock.subscribe(&key, "whatsapp.message.received", json!({"hook_url": hooks.url("/received"), "on_number": PY}))
        .await;
    let answer =
        mock.simulate_ok(json!({"api_key": key, "kind": "order", "number": PY, "from": "+5215533334444"}), 1).await;
    let r = hooks.next().await;
    assert_wire(&r, hooks.port);
    assert_eq!(r.path, "/order");
    let fixture = webhook_fixture("whatsapp.order.received.json");
    let p = &r.body;
    assert_shape(&fixture, p);
    assert_eq!(keys(p), keys(&fixture));
    assert_eq!(keys(&p["message"]), keys(&fixture["message"]));
    assert_eq!(keys(&p["message"]["order"]), keys(&fixture["message"]["order"]));
    assert_eq!(keys(&p["message"]["order"]["products"][0]), keys(&fixture["message"]["order"]["products"][0]));
    assert_eq!(p["contact"], fixture["contact"], "an unknown number: null fields");
    assert_eq!(p["uuid"], answer["message_uuid"]);
    assert_eq!(p["id"], answer["message_uuid"]);
    assert!(p["message"]["order"]["created_at"].is_u64());
    assert!(is_naive_iso(&p["created_at"]));
    assert_eq!(p["sent_by"], json!("user"));
    let products = p["message"]["order"]["products"].as_array().unwrap();
    let ids: Vec<&str> = products.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["6562709013816345", "7130571828237716"], "the number's catalog");
    assert_eq!(p["message"]["text"], json!("Chipa x6, Yerba mate 500 g"));
    hooks.nothing_within(200).await;

    // Listed products, completed from the catalog; totals as given.
    mock.simulate_ok(
        json!({"api_key": key, "kind": "order", "number": PY, "from": "+5215533334444",
            "order": {"currency": "PYG", "total": 30000, "products": [{"id": "6562709013816345", "quantity": 2}]}}),
        1,
    )
    .await;
    let p = hooks.next().await.body;
    assert_eq!(p["message"]["order"]["products"][0]["quantity"], json!(2));
    assert_eq!(p["message"]["order"]["products"][0]["name"], json!("Chipa x6"));
    assert_eq!(p["message"]["order"]["total"], json!(30000));
    assert_eq!(p["message"]["order"]["currency"], json!("PYG"));
    let list = mock.call("GET", &format!("/open/whatsapp/messages/{PY}/+5215533334444"), &key, Value::Null).await;
    assert_eq!(list.json["messages"][0]["message"]["order"]["total"], json!(30000));
}

#[tokio::test]
async fn group_join_leave_remove_update_participants_and_honour_to_group_uuid() {
    let mock = MockServer::start().await;
    let mut hooks = Hooks::start().await;
    let key = mock.account("UAK-hooks-group").await;
    mock.subscribe(
        &key,
        "whatsapp.group.join",
        json!({"hook_url": hooks.url("/join"), "on_number": PY, "to_group_uuid": GROUP}),
    )
    .await;
    mock.subscribe(&key, "whatsapp.group.leave", json!({"hook_url": hooks.url("/leave"), "on_number": PY})).await;
    mock.subscribe(
        &key,
        "whatsapp.group.remove",
        json!({"hook_url": hooks.url("/remove-old"), "on_number": PY, "to_group_uuid": OLD_GROUP}),
    )
    .await;
    let member = "+447700900555";
    let members = |json: &Value| -> Vec<String> {
        json["data"]["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["phone_number"].as_str().unwrap().to_owned())
            .collect()
    };

    let answer = mock
        .simulate_ok(json!({"api_key": key, "kind": "group_join", "group_uuid": GROUP, "participant": member, "pushname": "Zoe"}), 1)
        .await;
    let r = hooks.next().await;
    assert_wire(&r, hooks.port);
    assert_eq!(r.path, "/join");
    let p = &r.body;
    assert_eq!(
        keys(p),
        set(&["event", "type", "id", "uuid", "created_at", "channel_phone_number", "group", "participant"])
    );
    assert_eq!(p["event"], json!("whatsapp.group.join"));
    assert_eq!(p["type"], json!("join"));
    assert_eq!(p["uuid"], answer["message_uuid"]);
    assert!(p["uuid"].as_str().unwrap().starts_with("MSG"));
    assert!(is_naive_iso(&p["created_at"]));
    assert_eq!(p["channel_phone_number"], json!(PY));
    assert_eq!(
        p["group"],
        json!({"uuid": GROUP, "wa_group_id": "120363043051234567@g.us", "wa_group_name": "2chat test group 👌"})
    );
    assert_eq!(p["participant"], json!({"phone_number": member, "contact": null, "pushname": "Zoe"}));
    let group = mock.call("GET", &format!("/open/whatsapp/group/{GROUP}"), &key, Value::Null).await;
    assert!(members(&group.json).contains(&member.to_owned()));
    let size = group.json["data"]["size"].as_u64().unwrap();

    // Joining twice is refused; leaving delivers and removes.
    let again =
        mock.simulate(json!({"api_key": key, "kind": "group_join", "group_uuid": GROUP, "participant": member})).await;
    assert_eq!(again.status, 400, "{again:?}");
    assert_eq!(again.json["ok"], json!(false));
    mock.call(
        "POST",
        "/open/contacts",
        &key,
        json!({"first_name": "Zoe", "last_name": "Lane", "contact_detail": [{"type": "WAPH", "value": member}]}),
    )
    .await;
    mock.simulate_ok(json!({"api_key": key, "kind": "group_leave", "group_uuid": GROUP, "participant": member}), 1)
        .await;
    let p = hooks.next().await.body;
    assert_eq!((p["event"].as_str(), p["type"].as_str()), (Some("whatsapp.group.leave"), Some("leave")));
    assert_eq!(
        p["participant"],
        json!({"phone_number": member, "contact": {"first_name": "Zoe", "last_name": "Lane"}, "pushname": "Zoe"})
    );
    let group = mock.call("GET", &format!("/open/whatsapp/group/{GROUP}"), &key, Value::Null).await;
    assert!(!members(&group.json).contains(&member.to_owned()));
    assert_eq!(group.json["data"]["size"].as_u64(), Some(size - 1));
    let gone =
        mock.simulate(json!({"api_key": key, "kind": "group_leave", "group_uuid": GROUP, "participant": member})).await;
    assert_eq!(gone.status, 400);

    // to_group_uuid: the remove subscription is for the other group, the join one for this group.
    mock.simulate_ok(json!({"api_key": key, "kind": "group_join", "group_uuid": GROUP, "participant": member}), 1)
        .await;
    assert_eq!(hooks.next().await.path, "/join");
    mock.simulate_ok(json!({"api_key": key, "kind": "group_remove", "group_uuid": GROUP, "participant": member}), 0)
        .await;
    mock.simulate_ok(json!({"api_key": key, "kind": "group_join", "group_uuid": OLD_GROUP, "participant": member}), 0)
        .await;
    hooks.nothing_within(300).await;
    mock.simulate_ok(
        json!({"api_key": key, "kind": "group_remove", "group_uuid": OLD_GROUP, "participant": member}),
        1,
    )
    .await;
    let p = hooks.next().await.body;
    assert_eq!((p["event"].as_str(), p["type"].as_str()), (Some("whatsapp.group.remove"), Some("remove")));
    assert_eq!(p["group"]["uuid"], json!(OLD_GROUP));

    let missing = mock
        .simulate(json!({"api_key": key, "kind": "group_join", "group_uuid": "WAG00000000-0000-4000-8000-000000000000", "participant": member}))
        .await;
    assert_eq!(missing.status, 404);
    let own =
        mock.simulate(json!({"api_key": key, "kind": "group_leave", "group_uuid": GROUP, "participant": PY})).await;
    assert_eq!(own.status, 400);
    let uuids: BTreeSet<String> =
        mock.deliveries(&key, 4).await.iter().map(|d| d["payload"]["uuid"].as_str().unwrap().to_owned()).collect();
    assert_eq!(uuids.len(), 4, "every group event has its own uuid");
}

#[tokio::test]
async fn calls_deliver_status_update_then_completed_including_the_n8n_spelling() {
    let mock = MockServer::start().await;
    let mut hooks = Hooks::start().await;
    let key = mock.account("UAK-hooks-call").await;
    let numbers = mock.call("GET", "/open/voip/virtual-numbers", &key, Value::Null).await;
    let did = |phone: &str| {
        numbers.json["numbers"].as_array().unwrap().iter().find(|n| n["phone_number"] == json!(phone)).unwrap()["uuid"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let line = did(SMS_FROM);
    let other_line = did("+442071838750");
    for (event, path) in [
        ("call.status.update", "/status"),
        ("call.incoming.completed", "/incoming"),
        ("call.outbound.completed", "/outbound"),
        ("call.outgoing.completed", "/outgoing"),
    ] {
        mock.subscribe(&key, event, json!({"hook_url": hooks.url(path), "channel_uuid": line})).await;
    }
    mock.subscribe(
        &key,
        "call.status.update",
        json!({"hook_url": hooks.url("/other-line"), "channel_uuid": other_line}),
    )
    .await;
    let caller = "+525512345555";
    mock.call(
        "POST",
        "/open/contacts",
        &key,
        json!({"first_name": "Juan", "last_name": "Pérez", "contact_detail": [{"type": "PH", "value": caller}]}),
    )
    .await;

    let answer = mock.simulate_ok(json!({"api_key": key, "kind": "call", "number": SMS_FROM, "from": caller}), 2).await;
    let cdr_uuid = answer["call_uuid"].clone();
    assert!(cdr_uuid.as_str().unwrap().starts_with("CDR"));
    let status = hooks.next().await;
    let done = hooks.next().await;
    assert_wire(&status, hooks.port);
    assert_eq!((status.path.as_str(), done.path.as_str()), ("/status", "/incoming"));
    let expected = set(&[
        "uuid",
        "account_uuid",
        "callid",
        "direction",
        "active",
        "from",
        "to_number",
        "iso_country_code",
        "received_on_number",
        "received_on_number_uuid",
        "is_toll_free",
        "status",
        "start_time",
        "end_time",
        "duration",
        "recording_url",
        "created_at",
        "updated_at",
        "contact",
        "agent",
        "event",
    ]);
    // The spec's example of a status update.
    let spec_example = json!({"uuid": "CDR8612", "account_uuid": "ACC91be", "callid": "e73d8d61", "direction": "I",
        "active": true, "from": "+525512345555", "iso_country_code": "MX", "received_on_number": "+525644448888",
        "received_on_number_uuid": "DID1a42", "is_toll_free": false, "status": "ANSWERED",
        "created_at": "2025-10-25T02:55:28Z", "updated_at": "2025-10-25T02:55:36Z",
        "contact": {"uuid": "CONe9b3", "first_name": "Jua"}});
    let s = &status.body;
    assert_eq!(keys(s), expected);
    assert_shape(&spec_example, s);
    assert_eq!(s["event"], json!("call.status.update"));
    assert_eq!(s["uuid"], cdr_uuid);
    assert_eq!(s["status"], json!("ANSWERED"));
    assert_eq!(s["active"], json!(true));
    assert_eq!(s["direction"], json!("I"));
    assert_eq!(s["from"], json!(caller));
    assert_eq!(s["iso_country_code"], json!("MX"));
    assert_eq!(s["received_on_number"], json!(SMS_FROM));
    assert_eq!(s["received_on_number_uuid"], json!(line));
    assert_eq!(s["contact"]["first_name"], json!("Juan"));
    assert_eq!(
        (s["duration"].clone(), s["end_time"].clone(), s["recording_url"].clone()),
        (Value::Null, Value::Null, Value::Null)
    );
    assert!(is_iso_z(&s["created_at"]) && is_iso_z(&s["updated_at"]) && is_iso_z(&s["start_time"]));
    let d = &done.body;
    assert_eq!(keys(d), expected);
    assert_shape(&spec_example, d);
    assert_eq!(d["event"], json!("call.incoming.completed"));
    assert_eq!(d["uuid"], cdr_uuid);
    assert_eq!(d["callid"], s["callid"]);
    assert_eq!(d["status"], json!("COMPLETED"));
    assert_eq!(d["active"], json!(false));
    assert_eq!(d["duration"], json!(42));
    assert!(d["recording_url"].as_str().unwrap().ends_with(".mp3"));
    assert!(is_iso_z(&d["end_time"]));
    assert!(d["agent"]["uuid"].as_str().unwrap().starts_with("USR"));
    hooks.nothing_within(200).await;

    // Stored: #61 finds it, #60 lists it first.
    let got = mock.call("GET", &format!("/open/voip/call/{}", cdr_uuid.as_str().unwrap()), &key, Value::Null).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.json["cdr"]["duration"], json!(42));
    let history = mock.call("GET", "/open/voip/call-history", &key, Value::Null).await;
    assert_eq!(history.json["cdrs"][0]["uuid"], cdr_uuid);

    // Outbound: both spellings of the completed event.
    mock.simulate_ok(
        json!({"api_key": key, "kind": "call", "number": SMS_FROM, "from": "+14155557777", "direction": "O", "status": "completed", "duration": 7}),
        3,
    )
    .await;
    let got = [hooks.next().await, hooks.next().await, hooks.next().await];
    let paths: Vec<&str> = got.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/status", "/outbound", "/outgoing"]);
    assert_eq!(got[1].body["event"], json!("call.outbound.completed"));
    assert_eq!(got[2].body["event"], json!("call.outgoing.completed"));
    assert_eq!(got[1].body["direction"], json!("O"));
    assert_eq!(got[1].body["to_number"], json!("+14155557777"));
    assert_eq!(got[2].body["duration"], json!(7));
    assert_eq!(got[1].body["uuid"], got[2].body["uuid"]);
    let outbound = mock.call("GET", "/open/voip/call-history?direction=outbound", &key, Value::Null).await;
    assert_eq!(outbound.json["cdrs"][0]["uuid"], got[0].body["uuid"]);

    // A missed call rings, then completes as MISSED, without duration or recording.
    mock.simulate_ok(
        json!({"api_key": key, "kind": "call", "number": SMS_FROM, "from": caller, "status": "missed"}),
        2,
    )
    .await;
    let ring = hooks.next().await.body;
    let missed = hooks.next().await.body;
    assert_eq!(ring["status"], json!("RINGING"));
    assert_eq!(missed["status"], json!("MISSED"));
    assert_eq!(missed["duration"], json!(0));
    assert_eq!(missed["recording_url"], Value::Null);

    // Unknown virtual number, bad direction.
    let r = mock.simulate(json!({"api_key": key, "kind": "call", "number": PY, "from": caller})).await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = mock
        .simulate(json!({"api_key": key, "kind": "call", "number": SMS_FROM, "from": caller, "direction": "X"}))
        .await;
    assert_eq!(r.status, 400, "{r:?}");
}

#[tokio::test]
async fn non_loopback_hook_urls_are_recorded_as_skipped_and_never_contacted() {
    let mock = MockServer::start().await;
    let mut hooks = Hooks::start().await;
    let key = mock.account("UAK-hooks-safety").await;
    let urls = [
        "http://example.invalid/hook".to_owned(),
        format!("https://127.0.0.1:{}/tls", hooks.port),
        format!("http://127.0.0.1:{}@example.invalid/", hooks.port),
        format!("http://127.0.0.1.example.invalid:{}/", hooks.port),
    ];
    for url in &urls {
        mock.subscribe(&key, "whatsapp.message.sent", json!({"hook_url": url, "on_number": PY})).await;
    }
    let r = mock
        .call("POST", "/open/whatsapp/send-message", &key, json!({"from_number": PY, "to_number": MX, "text": "x"}))
        .await;
    assert_eq!(r.status, 200);
    let log = mock.deliveries(&key, urls.len()).await;
    assert_eq!(log.len(), urls.len());
    for (d, url) in log.iter().zip(&urls) {
        assert_eq!(d["hook_url"], json!(url));
        assert_eq!(d["skipped"], json!(SKIPPED));
        assert_eq!(d["status"], Value::Null);
        assert_eq!(d["error"], Value::Null);
        assert_eq!(d["payload"]["event"], json!("whatsapp.message.sent"));
    }
    hooks.nothing_within(300).await;
    assert_eq!(hooks.connections.load(Ordering::SeqCst), 0, "the receiver was never contacted");
}

#[tokio::test]
async fn deliveries_log_waits_clears_and_records_failures() {
    let mock = MockServer::start().await;
    let mut hooks = Hooks::start().await;
    let key = mock.account("UAK-hooks-log").await;

    // Nothing yet: `min` waits for the timeout, then answers with what there is.
    let started = Instant::now();
    let a = mock.http("GET", &format!("/__mock/deliveries?api_key={key}&min=1&timeout_ms=300"), None, None).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json, json!({"deliveries": []}));
    assert!(started.elapsed() >= Duration::from_millis(280), "{:?}", started.elapsed());
    // The control API grants CORS to loopback origins only; this request has no `Origin`.
    assert!(!a.head.contains("access-control-"), "{}", a.head);

    // A closed port is an error, a 500 is recorded as such.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    mock.subscribe(&key, "whatsapp.message.received", json!({"hook_url": hooks.url("/fail/500"), "on_number": PY}))
        .await;
    mock.subscribe(
        &key,
        "whatsapp.message.received",
        json!({"hook_url": format!("http://localhost:{closed}/nobody"), "on_number": PY}),
    )
    .await;
    mock.subscribe(&key, "whatsapp.message.received", json!({"hook_url": hooks.url("/ok"), "on_number": PY})).await;

    // A waiting reader is answered as soon as enough deliveries are recorded.
    let waiter = {
        let port = mock.port;
        let key = key.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            let server = MockServer { port, stop: None };
            let a = server
                .http("GET", &format!("/__mock/deliveries?api_key={key}&min=3&timeout_ms=10000"), None, None)
                .await;
            (a, started.elapsed())
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!waiter.is_finished());
    mock.simulate_ok(json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": MX, "text": "hi"}), 3)
        .await;
    let (a, waited) = waiter.await.unwrap();
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    let log = a.json["deliveries"].as_array().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["status"], json!(500));
    assert_eq!(log[0]["error"], Value::Null);
    assert_eq!(log[1]["status"], Value::Null);
    assert!(log[1]["error"].as_str().unwrap().contains("connect"), "{}", log[1]);
    assert_eq!(log[1]["skipped"], Value::Null);
    assert_eq!(log[2]["status"], json!(200));
    assert_eq!(hooks.next().await.path, "/fail/500");
    assert_eq!(hooks.next().await.path, "/ok");

    // DELETE clears; other accounts are untouched and bad queries are refused.
    let a = mock.http("DELETE", &format!("/__mock/deliveries?api_key={key}"), None, None).await;
    assert_eq!((a.status, a.json.clone()), (200, json!({"ok": true})));
    let a = mock.http("GET", &format!("/__mock/deliveries?api_key={key}"), None, None).await;
    assert_eq!(a.json, json!({"deliveries": []}));
    assert_eq!(mock.http("GET", "/__mock/deliveries", None, None).await.status, 400);
    assert_eq!(mock.http("GET", "/__mock/deliveries?api_key=UAK-nobody", None, None).await.status, 404);
    assert_eq!(mock.http("DELETE", "/__mock/deliveries?api_key=UAK-nobody", None, None).await.status, 404);
    assert_eq!(mock.http("GET", &format!("/__mock/deliveries?api_key={key}&min=x"), None, None).await.status, 400);
    let a = mock.http("GET", &format!("/__mock/deliveries?api_key={key}&min=1&timeout_ms=600001"), None, None).await;
    assert_eq!(a.status, 400);
    // The control API is not logged.
    let logged = mock.http("GET", &format!("/__mock/requests?api_key={key}"), None, None).await;
    let paths: Vec<&str> =
        logged.json["requests"].as_array().unwrap().iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert!(paths.iter().all(|p| p.starts_with("/open/")), "{paths:?}");
}

#[tokio::test]
async fn simulate_validates_its_input() {
    let mock = MockServer::start().await;
    let key = mock.account("UAK-hooks-validate").await;
    let cases = [
        (json!({"kind": "inbound_message", "number": PY, "from": MX, "text": "x"}), 400),
        (json!({"api_key": "UAK-nobody", "kind": "inbound_message", "number": PY, "from": MX, "text": "x"}), 404),
        (json!({"api_key": key, "number": PY, "from": MX, "text": "x"}), 400),
        (json!({"api_key": key, "kind": "earthquake"}), 400),
        (json!({"api_key": key, "kind": "inbound_message", "from": MX, "text": "x"}), 400),
        (json!({"api_key": key, "kind": "inbound_message", "number": "+15550001111", "from": MX, "text": "x"}), 404),
        (json!({"api_key": key, "kind": "inbound_message", "number": US_DISCONNECTED, "from": MX, "text": "x"}), 400),
        (json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": "5215512345432", "text": "x"}), 400),
        (json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": MX}), 400),
        (
            json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": MX, "media": {"url": "ftp://x"}}),
            400,
        ),
        (json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": MX, "text": "x", "contact": 3}), 400),
        (
            json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": MX, "text": "x", "at": 99999999999u64}),
            400,
        ),
        (json!({"api_key": key, "kind": "order", "number": PY, "from": MX, "order": {"products": []}}), 400),
        (json!({"api_key": key, "kind": "group_join", "participant": MX}), 400),
        (json!({"api_key": key, "kind": "call", "number": SMS_FROM}), 400),
        (json!({"api_key": key, "kind": "call", "number": SMS_FROM, "from": MX, "duration": -1}), 400),
    ];
    for (body, status) in cases {
        let a = mock.simulate(body.clone()).await;
        assert_eq!(a.status, status, "{body}: {a:?}");
        assert_eq!(a.json["ok"], json!(false), "{body}");
        assert!(a.json["error"].is_string(), "{body}");
    }
    let a = mock.http("POST", "/__mock/simulate", None, None).await;
    assert_eq!(a.status, 400, "an empty body has no api_key");
    // Without subscriptions nothing is scheduled; without an `Origin` no CORS headers are sent.
    let a =
        mock.simulate(json!({"api_key": key, "kind": "inbound_message", "number": PY, "from": MX, "text": "x"})).await;
    assert_eq!(a.status, 200);
    assert_eq!(keys(&a.json), set(&["ok", "message_uuid", "deliveries_scheduled"]));
    assert_eq!(a.json["deliveries_scheduled"], json!(0));
    assert!(!a.head.contains("access-control-"), "{}", a.head);
    let preflight = mock.http("OPTIONS", "/__mock/simulate", None, None).await;
    assert_eq!(preflight.status, 204);
    assert!(!preflight.head.contains("access-control-"), "{}", preflight.head);
}

#[tokio::test]
async fn waba_sends_deliver_waba_message_sent_like_the_fixture() {
    let mock = MockServer::start().await;
    let mut hooks = Hooks::start().await;
    let key = mock.account("UAK-hooks-waba").await;
    let hook = mock
        .subscribe(&key, "whatsapp.waba.message.sent", json!({"hook_url": hooks.url("/waba"), "on_number": WABA}))
        .await;
    let listed = mock.call("GET", "/open/webhooks", &key, Value::Null).await;
    assert_eq!(listed.json["webhooks"][0]["uuid"], json!(hook));
    assert!(listed.json["webhooks"][0]["channel_uuid"].as_str().unwrap().starts_with("WAN"));
    let to = "+595981378890";
    mock.call(
        "POST",
        "/open/contacts",
        &key,
        json!({"first_name": "Fredy", "profile_pic_url": "https://example.com/fredy.jpeg", "last_name": "Lopez", "contact_detail": [{"type": "WAPH", "value": to}]}),
    )
    .await;
    let r = mock
        .call(
            "POST",
            "/open/waba/send-message",
            &key,
            json!({"from_number": WABA, "to_number": to, "text": "Hola Fredy desde API"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let got = hooks.next().await;
    assert_wire(&got, hooks.port);
    let fixture = webhook_fixture("whatsapp.waba.message.sent.json");
    let p = &got.body;
    assert_shape(&fixture, p);
    assert_eq!(keys(p), keys(&fixture));
    assert_eq!(keys(&p["channel"]), keys(&fixture["channel"]));
    assert_eq!(keys(&p["contact"]), keys(&fixture["contact"]));
    assert_eq!(p["uuid"], r.json["message_uuid"]);
    assert_eq!(p["message"], json!({"text": "Hola Fredy desde API"}));
    assert_eq!(p["session_key"], fixture["session_key"]);
    assert_eq!(p["channel_phone_number"], json!(WABA));
    assert_eq!(p["to_number"], json!(to));
    assert_eq!(p["contact"]["name"], json!("Fredy Lopez"));
    assert!(is_naive_iso(&p["created_at"]));
}
