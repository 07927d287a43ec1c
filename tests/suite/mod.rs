//! The wasm client against twochat-mock. The same suite runs in Node (`tests/node.rs`) and in
//! headless Chrome (`tests/browser.rs`). Each test has its own mock account, so the request log
//! it asserts on holds exactly what that test sent.

use crate::common::*;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const FROM: &str = "+595981048477";
const TO: &str = "+5215512345432";
const GROUP: &str = "WAG768beeef-2b96-4bc7-9b7f-045078568723";

fn js(v: Value) -> JsValue {
    to_js(&v)
}

// ---------------------------------------------------------------- endpoints of the slice

#[wasm_bindgen_test]
async fn account_info_sends_the_key_and_returns_every_field() {
    let acct = Account::with(json!({"requests_per_minute": 77})).await;
    let info = ok(acct.client().account_api().info(None)).await;
    assert_eq!(info["success"], json!(true));
    assert!(info["account"]["uuid"].as_str().unwrap().starts_with("ACC"));
    assert_eq!(info["limits"]["requests_per_minute"], json!(77));
    assert!(info["usage"]["api_request_count"].is_number());
    let req = acct.only_request().await;
    assert_eq!(req["method"], "GET");
    assert_eq!(req["path"], "/open/info");
    assert_eq!(req["query"], Value::Null);
    // The mock logs the key redacted; the entry is listed under this account's key, so it was sent.
    assert_eq!(req["headers"]["x-user-api-key"], json!("[redacted]"));
    assert_eq!(req["headers"]["accept"], "application/json");
    assert_eq!(req["endpoint"], json!(2));
}

#[wasm_bindgen_test]
async fn numbers_list_passes_filters_as_query() {
    let acct = Account::new().await;
    let res =
        ok(acct.client().numbers_api().list(obj(json!({"status": "connected", "results_per_page": 10})), None)).await;
    let numbers = res["numbers"].as_array().unwrap();
    assert!(numbers.iter().all(|n| n["connection_status"] == "C"), "{numbers:?}");
    assert!(numbers.iter().any(|n| n["phone_number"] == FROM));
    let req = acct.only_request().await;
    assert_eq!((req["method"].as_str(), req["path"].as_str()), (Some("GET"), Some("/open/whatsapp/get-numbers")));
    assert_eq!(req["query"], "status=connected&results_per_page=10");
}

#[wasm_bindgen_test]
async fn numbers_check_keeps_the_literal_plus_in_the_path() {
    let acct = Account::new().await;
    let res = ok(acct.client().numbers_api().check(
        js(json!(FROM)),
        js(json!("+12025550123")),
        obj(json!({"extra_information": true})),
        None,
    ))
    .await;
    assert_eq!(res["is_valid"], json!(true));
    assert_eq!(res["on_whatsapp"], json!(true));
    assert!(res["whatsapp_info"].is_object(), "{res}");
    let req = acct.only_request().await;
    assert_eq!(req["path"], "/open/whatsapp/check-number/+595981048477/+12025550123");
    assert_eq!(req["query"], "extra-information=true");
}

#[wasm_bindgen_test]
async fn messages_send_posts_the_body_and_the_message_is_listed() {
    let acct = Account::new().await;
    let client = acct.client();
    let params = json!({"from_number": FROM, "to_number": TO, "text": "¡Hola! 👋 from twochat"});
    let sent = ok(client.messages_api().send(js(params.clone()), None)).await;
    assert_eq!(sent["success"], json!(true));
    let uuid = sent["message_uuid"].as_str().unwrap().to_string();
    assert!(uuid.starts_with("MSG"));

    let req = acct.only_request().await;
    assert_eq!((req["method"].as_str(), req["path"].as_str()), (Some("POST"), Some("/open/whatsapp/send-message")));
    assert_eq!(req["headers"]["content-type"], "application/json");
    assert_eq!(req["body"], params);

    let list = ok(client.messages_api().list(js(json!(FROM)), None, None)).await;
    let first = &list["messages"][0];
    assert_eq!(first["uuid"], json!(uuid), "newest first: {list}");
    assert_eq!(first["message"]["text"], "¡Hola! 👋 from twochat");

    let filtered =
        ok(client.messages_api().list(js(json!(FROM)), obj(json!({"remote_number": TO, "page_number": 0})), None))
            .await;
    assert!(filtered["messages"].as_array().unwrap().iter().all(|m| m["remote_phone_number"] == TO));
    let reqs = acct.requests().await;
    assert_eq!(reqs[1]["path"], "/open/whatsapp/messages/+595981048477");
    assert_eq!(reqs[2]["path"], "/open/whatsapp/messages/+595981048477/+5215512345432");
    assert_eq!(reqs[2]["query"], "page_number=0");
    assert_eq!(reqs[2]["endpoint"], json!(14));
}

#[wasm_bindgen_test]
async fn messages_send_to_a_group_with_a_pin() {
    let acct = Account::new().await;
    let params = json!({"from_number": FROM, "to_group_uuid": GROUP, "pin": {"latitude": "-25.2637", "longitude": "-57.5759", "name": "Asunción"}});
    ok(acct.client().messages_api().send(js(params), None)).await;
    let req = acct.only_request().await;
    assert_eq!(req["body"]["to_group_uuid"], GROUP);
    assert_eq!(req["body"]["pin"]["latitude"], "-25.2637");
    assert_eq!(req["body"]["text"], "");
}

#[wasm_bindgen_test]
async fn groups_list_and_get() {
    let acct = Account::new().await;
    let client = acct.client();
    let groups = ok(client.groups_api().list(js(json!(FROM)), None)).await;
    assert!(groups["data"].as_array().unwrap().iter().any(|g| g["uuid"] == GROUP));
    let group = ok(client.groups_api().get(js(json!(GROUP)), None)).await;
    assert_eq!(group["data"]["participants"].as_array().map(Vec::len), Some(3));
    let reqs = acct.requests().await;
    assert_eq!(reqs[0]["path"], "/open/whatsapp/groups/+595981048477");
    assert_eq!(reqs[1]["path"], format!("/open/whatsapp/group/{GROUP}"));
}

#[wasm_bindgen_test]
async fn contacts_create_then_list() {
    let acct = Account::new().await;
    let client = acct.client();
    // The documented request body (shared/fixtures/responses/contact-create.request.json).
    let body = json!({"first_name": "2Chat", "last_name": "Support", "contact_detail": [
        {"type": "PH", "value": "+17137157533"}, {"type": "WAPH", "value": "+17137157533"}, {"type": "E", "value": "support@2chat.co"}]});
    let created = ok(client.contacts_api().create(js(body.clone()), None)).await;
    let uuid = created["contact"]["uuid"].as_str().unwrap().to_string();
    assert!(uuid.starts_with("CON"));
    assert_eq!(created["contact"]["details"].as_array().map(Vec::len), Some(3));
    let list = ok(client.contacts_api().list(obj(json!({"page_number": 0, "results_per_page": 100})), None)).await;
    assert!(list["contacts"].as_array().unwrap().iter().any(|c| c["uuid"] == json!(uuid)));
    let reqs = acct.requests().await;
    assert_eq!(
        (reqs[0]["method"].as_str(), reqs[0]["path"].as_str(), reqs[0]["status"].as_u64()),
        (Some("POST"), Some("/open/contacts"), Some(201))
    );
    assert_eq!(reqs[0]["body"], body);
    assert_eq!(reqs[1]["query"], "page_number=0&results_per_page=100");
}

#[wasm_bindgen_test]
async fn webhooks_subscribe_list_delete() {
    let acct = Account::new().await;
    let client = acct.client();
    let sub = ok(client.webhooks_api().subscribe(
        js(json!("whatsapp.message.received")),
        js(json!({"hook_url": "https://example.com/hooks/2chat", "on_number": FROM})),
        None,
    ))
    .await;
    let uuid = sub["data"]["uuid"].as_str().unwrap().to_string();
    assert!(uuid.starts_with("WHK"));
    let list = ok(client.webhooks_api().list(None, None)).await;
    let channel = list["webhooks"][0]["channel_uuid"].as_str().unwrap().to_string();
    assert_eq!(list["webhooks"][0]["uuid"], json!(uuid));
    let by_channel = ok(client.webhooks_api().list(obj(json!({"channel_uuid": channel})), None)).await;
    assert_eq!(by_channel["webhooks"].as_array().map(Vec::len), Some(1));
    ok(client.webhooks_api().delete(js(json!(uuid)), None)).await;
    let after = ok(client.webhooks_api().list(None, None)).await;
    assert_eq!(after["webhooks"], json!([]));
    let again = err(client.webhooks_api().delete(js(json!(uuid)), None)).await;
    assert_eq!((again.code.as_str(), again.status), ("not_found", Some(404.0)));

    let reqs = acct.requests().await;
    assert_eq!(reqs[0]["path"], "/open/webhooks/subscribe/whatsapp.message.received");
    assert_eq!(reqs[0]["body"], json!({"hook_url": "https://example.com/hooks/2chat", "on_number": FROM}));
    assert_eq!(reqs[2]["path"], format!("/open/webhooks/channel/{channel}"));
    assert_eq!(
        (reqs[3]["method"].as_str(), reqs[3]["path"].as_str()),
        (Some("DELETE"), Some(&*format!("/open/webhooks/{uuid}")))
    );
}

#[wasm_bindgen_test]
async fn raw_request_reaches_any_path_with_encoded_query() {
    let acct = Account::new().await;
    let res = ok(acct.client().request(
        "GET",
        "/open/whatsapp/get-numbers",
        obj(json!({"query": {"status": "all", "x": "+1 2"}})),
        None,
    ))
    .await;
    assert!(res["numbers"].is_array());
    assert_eq!(acct.only_request().await["query"], "status=all&x=%2B1%202");
}

#[wasm_bindgen_test]
async fn default_and_per_call_headers_are_sent() {
    let acct = Account::new().await;
    let client = acct.client_with(json!({"defaultHeaders": {"X-Trace": "default", "X-App": "demo"}}));
    ok(client.account_api().info(obj(json!({"headers": {"X-Trace": "per-call"}})))).await;
    let req = acct.only_request().await;
    assert_eq!(req["headers"]["x-app"], "demo");
    assert!(req["headers"]["x-trace"].as_str().unwrap().contains("per-call"), "{req}");
}

// ---------------------------------------------------------------- validation: nothing is sent

#[wasm_bindgen_test]
async fn invalid_input_is_rejected_before_any_request() {
    let acct = Account::new().await;
    let c = acct.client();
    let cases: Vec<(js_sys::Promise, &str)> = vec![
        (c.messages_api().send(js(json!({"from_number": "0981", "to_number": TO, "text": "x"})), None), "from_number:"),
        (
            c.messages_api()
                .send(js(json!({"from_number": FROM, "to_number": TO, "to_group_uuid": GROUP, "text": "x"})), None),
            "to_number:",
        ),
        (c.messages_api().send(js(json!({"from_number": FROM, "text": "x"})), None), "to_number:"),
        (c.messages_api().send(js(json!({"from_number": FROM, "to_number": TO})), None), "text:"),
        (c.messages_api().send(JsValue::UNDEFINED, None), "params:"),
        (c.messages_api().send(js(json!("hello")), None), "params:"),
        (
            c.contacts_api().create(js(json!({"contact_detail": [{"type": "E", "value": "a@b.co"}]})), None),
            "first_name:",
        ),
        (
            c.contacts_api()
                .create(js(json!({"first_name": "A", "contact_detail": [{"type": "FAX", "value": "1"}]})), None),
            "contact_detail[0].type:",
        ),
        (
            c.webhooks_api().subscribe(
                js(json!("whatsapp.message.nope")),
                js(json!({"hook_url": "https://e.com", "on_number": FROM})),
                None,
            ),
            "eventName:",
        ),
        (
            c.webhooks_api().subscribe(
                js(json!("whatsapp.message.new")),
                js(json!({"hook_url": "file:///etc/passwd", "on_number": FROM})),
                None,
            ),
            "hook_url:",
        ),
        (c.groups_api().get(js(json!("../info")), None), "groupUuid:"),
        (c.groups_api().get(js(json!("..")), None), "groupUuid:"),
        (c.webhooks_api().delete(js(json!("WHK1/../../info")), None), "webhookUuid:"),
        (c.messages_api().list(js(json!(595981048477u64)), None, None), "number:"),
        (c.numbers_api().list(obj(json!({"results_per_page": 0})), None), "results_per_page:"),
        (c.contacts_api().list(obj(json!({"page_number": -1})), None), "page_number:"),
        (c.request("GET", "/open/../ping", None, None), "path:"),
        (c.request("PATCH", "/open/info", None, None), "method:"),
        (c.account_api().info(obj(json!({"timeoutMs": -5}))), "timeoutMs:"),
        (c.account_api().info(obj(json!({"retries": 1}))), "retries:"),
    ];
    for (p, field) in cases {
        let e = err(p).await;
        assert_eq!(e.code, "invalid_input", "{e:?}");
        assert!(e.message.starts_with(field), "expected the message to name {field}, got {:?}", e.message);
        assert_eq!(e.status, None);
    }
    let fn_arg: JsValue = js_sys::Function::new_no_args("return 1").into();
    let e = err(c.messages_api().send(fn_arg, None)).await;
    assert_eq!((e.code.as_str(), e.message.starts_with("params:")), ("invalid_input", true));
    let signal_not_a_signal = err(c.account_api().info(obj(json!({"signal": "stop"})))).await;
    assert!(signal_not_a_signal.message.starts_with("signal:"), "{signal_not_a_signal:?}");
    assert_eq!(acct.requests().await, Vec::<Value>::new(), "no request may reach 2Chat");
}

#[wasm_bindgen_test]
fn constructor_rejects_bad_options_with_a_two_chat_error() {
    for (opts, field) in [
        (json!({"apiKey": 42}), "apiKey:"),
        (json!({"baseUrl": "ftp://example.com"}), "baseUrl:"),
        (json!({"maxRetries": 100}), "maxRetries:"),
        (json!({"apikey": "UAK"}), "apikey:"),
        (json!({"fetch": "fetch"}), "fetch:"),
    ] {
        let e = match twochat::wasm::TwoChat::new(obj(opts)) {
            Ok(_) => panic!("accepted bad options"),
            Err(e) => rejection(e),
        };
        assert_eq!(e.code, "invalid_input");
        assert!(e.message.starts_with(field), "{}", e.message);
    }
}

// ---------------------------------------------------------------- every error code

#[wasm_bindgen_test]
async fn unknown_key_is_unauthorized_and_the_key_is_not_echoed() {
    let client = twochat::wasm::TwoChat::new(obj(json!({"apiKey": "UAK-wrong-0000", "baseUrl": MOCK}))).unwrap();
    let e = err(client.account_api().info(None)).await;
    assert_eq!((e.code.as_str(), e.status), ("unauthorized", Some(401.0)));
    assert!(!e.message.contains("UAK-wrong-0000"));
}

#[wasm_bindgen_test]
async fn expired_trial_is_payment_required() {
    let acct = Account::with(json!({"expired": true})).await;
    let e = err(acct.client().account_api().info(None)).await;
    assert_eq!((e.code.as_str(), e.status), ("payment_required", Some(402.0)));
    assert_eq!(acct.requests().await.len(), 1, "402 is not retried");
}

#[wasm_bindgen_test]
async fn http_statuses_map_to_codes_with_the_servers_message() {
    let acct = Account::new().await;
    let c = acct.client_with(json!({"maxRetries": 0}));
    for (status, code) in [
        (400, "unprocessable"),
        (403, "forbidden"),
        (404, "not_found"),
        (409, "conflict"),
        (410, "conflict"),
        (422, "unprocessable"),
        (486, "conflict"),
        (500, "server_error"),
        (502, "server_error"),
        (503, "server_error"),
        (504, "server_error"),
    ] {
        acct.fault(json!({"kind": "status", "status": status, "body": {"success": false, "message": format!("told {status}")}})).await;
        let e = err(c.account_api().info(None)).await;
        assert_eq!(
            (e.code.as_str(), e.status, e.message.as_str()),
            (code, Some(f64::from(status)), &*format!("told {status}"))
        );
    }
    acct.fault(json!({"kind": "status", "status": 404, "body": {"success": false, "error": true, "error_message": "number not found"}})).await;
    assert_eq!(err(c.account_api().info(None)).await.message, "number not found");
}

#[wasm_bindgen_test]
async fn real_validation_failures_from_the_server() {
    let acct = Account::new().await;
    let c = acct.client();
    let e = err(c.messages_api().send(js(json!({"from_number": "+14155550000", "to_number": TO, "text": "x"})), None))
        .await;
    assert_eq!((e.code.as_str(), e.status), ("not_found", Some(404.0)), "{e:?}");
    let e = err(c.groups_api().get(js(json!("WAG00000000-0000-4000-8000-000000000000")), None)).await;
    assert_eq!(e.code, "not_found");
}

#[wasm_bindgen_test]
async fn rate_limited_carries_retry_after() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "status", "status": 429, "headers": {"Retry-After": "120"}})).await;
    let e = err(acct.client().account_api().info(None)).await;
    assert_eq!((e.code.as_str(), e.status, e.retry_after_ms), ("rate_limited", Some(429.0), Some(120_000.0)));
    assert_eq!(acct.requests().await.len(), 1, "a Retry-After above 60 s is left to the caller");
}

#[wasm_bindgen_test]
async fn the_mocks_own_rate_limit_is_retried_after_its_retry_after() {
    let acct = Account::with(json!({"requests_per_minute": 1})).await;
    let c = acct.client_with(json!({"maxRetries": 0}));
    ok(c.account_api().info(None)).await;
    let e = err(c.account_api().info(None)).await;
    assert_eq!(e.code, "rate_limited");
    assert!(e.retry_after_ms.unwrap() >= 1000.0, "{e:?}");
}

#[wasm_bindgen_test]
async fn undecodable_bodies_are_decode_errors() {
    let acct = Account::new().await;
    let c = acct.client_with(json!({"maxRetries": 0}));
    for fault in [json!({"kind": "malformed_json"}), json!({"kind": "empty"}), json!({"kind": "html", "status": 200})] {
        acct.fault(fault.clone()).await;
        let e = err(c.account_api().info(None)).await;
        assert_eq!((e.code.as_str(), e.status), ("decode", Some(200.0)), "{fault}: {e:?}");
        assert!(e.message.len() < 400, "{}", e.message);
    }
    acct.fault(json!({"kind": "html"})).await;
    let e = err(c.account_api().info(None)).await;
    assert_eq!((e.code.as_str(), e.status, e.message.as_str()), ("server_error", Some(502.0), "HTTP 502 Bad Gateway"));
}

#[wasm_bindgen_test]
async fn success_false_in_a_200_is_an_error() {
    let acct = Account::new().await;
    acct.fault(
        json!({"kind": "status", "status": 200, "body": {"success": false, "error_message": "channel not connected"}}),
    )
    .await;
    let e = err(acct.client().account_api().info(None)).await;
    assert_eq!(
        (e.code.as_str(), e.status, e.message.as_str()),
        ("unprocessable", Some(200.0), "channel not connected")
    );
}

#[wasm_bindgen_test]
async fn connection_refused_is_a_network_error() {
    let client =
        twochat::wasm::TwoChat::new(obj(json!({"apiKey": "UAK-x", "baseUrl": "http://127.0.0.1:9", "maxRetries": 0})))
            .unwrap();
    let e = err(client.account_api().info(None)).await;
    assert_eq!((e.code.as_str(), e.status), ("network", None));
}

#[wasm_bindgen_test]
async fn dropped_connection_mid_body_is_a_network_error_and_a_send_is_not_repeated() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "drop", "count": 3})).await;
    let e =
        err(acct.client().messages_api().send(js(json!({"from_number": FROM, "to_number": TO, "text": "once"})), None))
            .await;
    assert_eq!(e.code, "network", "{e:?}");
    assert!(e.message.contains("not repeated"), "{}", e.message);
    assert_eq!(acct.requests().await.len(), 1, "a send whose answer was cut off may have gone out: never repeat it");
}

#[wasm_bindgen_test]
async fn the_key_is_redacted_from_server_messages() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "status", "status": 401, "body": {"success": false, "message": format!("key {} revoked", acct.key)}})).await;
    let e = err(acct.client().account_api().info(None)).await;
    assert_eq!(e.message, "key [redacted] revoked");
    let json = from_js(&e.raw).to_string();
    assert!(!json.contains(&acct.key), "{json}");
}

// ---------------------------------------------------------------- retries, timeouts, aborts

#[wasm_bindgen_test]
async fn a_get_is_retried_after_503_then_succeeds() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "status", "status": 503})).await;
    let info = ok(acct.client().account_api().info(None)).await;
    assert_eq!(info["success"], json!(true));
    let statuses: Vec<Value> = acct.requests().await.iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, vec![json!(503), json!(200)]);
}

#[wasm_bindgen_test]
async fn retries_stop_at_max_retries() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "status", "status": 502, "count": 5, "headers": {"Retry-After": "0"}})).await;
    let e = err(acct.client_with(json!({"maxRetries": 2})).account_api().info(None)).await;
    assert_eq!(e.code, "server_error");
    assert_eq!(acct.requests().await.len(), 3, "one attempt and two retries");
    acct.fault(json!({"kind": "status", "status": 502})).await;
    err(acct.client().account_api().info(obj(json!({"maxRetries": 0})))).await;
    assert_eq!(acct.requests().await.len(), 4, "per-call maxRetries: 0 makes a single attempt");
}

#[wasm_bindgen_test]
async fn a_post_answered_503_is_sent_exactly_once() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "status", "status": 503, "count": 3})).await;
    let e =
        err(acct.client().messages_api().send(js(json!({"from_number": FROM, "to_number": TO, "text": "once"})), None))
            .await;
    assert_eq!((e.code.as_str(), e.status), ("server_error", Some(503.0)));
    assert!(e.message.contains("not repeated"), "{}", e.message);
    assert_eq!(acct.requests().await.len(), 1, "a send must never be repeated after a 5xx");
}

#[wasm_bindgen_test]
async fn a_post_that_timed_out_is_not_repeated() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "hang", "count": 3})).await;
    let e = err(acct
        .client()
        .messages_api()
        .send(js(json!({"from_number": FROM, "to_number": TO, "text": "once"})), obj(json!({"timeoutMs": 300}))))
    .await;
    assert_eq!(e.code, "timeout");
    assert_eq!(acct.requests().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_post_refused_with_429_or_486_is_retried() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "status", "status": 429, "headers": {"Retry-After": "0"}})).await;
    acct.fault(json!({"kind": "status", "status": 486, "headers": {"Retry-After": "0"}})).await;
    let sent = ok(acct
        .client()
        .messages_api()
        .send(js(json!({"from_number": FROM, "to_number": TO, "text": "after busy"})), None))
    .await;
    assert_eq!(sent["success"], json!(true));
    let statuses: Vec<Value> = acct.requests().await.iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, vec![json!(429), json!(486), json!(200)]);
}

#[wasm_bindgen_test]
async fn a_get_that_times_out_is_retried() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "hang"})).await;
    let started = now();
    let info = ok(acct.client_with(json!({"timeoutMs": 300})).account_api().info(None)).await;
    assert_eq!(info["success"], json!(true));
    assert_eq!(acct.requests().await.len(), 2);
    assert!(now() - started >= 300.0);
}

#[wasm_bindgen_test]
async fn timeout_applies_per_attempt() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "hang"})).await;
    let started = now();
    let e = err(acct.client_with(json!({"maxRetries": 0})).account_api().info(obj(json!({"timeoutMs": 200})))).await;
    assert_eq!(e.code, "timeout");
    assert!(e.message.contains("200 ms"), "{}", e.message);
    assert!(now() - started >= 200.0);
}

#[wasm_bindgen_test]
async fn abort_cancels_a_hanging_call_at_once() {
    let acct = Account::new().await;
    acct.fault(json!({"kind": "hang"})).await;
    let controller = web_sys::AbortController::new().unwrap();
    let p = acct.client().account_api().info(with_signal(&controller.signal(), json!({})));
    let abort_later = {
        let controller = controller.clone();
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
            let controller = controller.clone();
            let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
                controller.abort();
                resolve.call0(&JsValue::NULL).unwrap();
            });
            let global = js_sys::global();
            let set_timeout: js_sys::Function = js_sys::Reflect::get(&global, &"setTimeout".into()).unwrap().into();
            set_timeout.call2(&JsValue::NULL, &cb, &JsValue::from(150)).unwrap();
        }))
    };
    let started = now();
    let (e, _) = futures_join(err(p), abort_later).await;
    assert_eq!(e.code, "aborted");
    assert!(now() - started < 5_000.0, "abort must not wait for the 30 s timeout");
    assert_eq!(acct.requests().await.len(), 1, "an aborted call is not retried");
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    let acct = Account::new().await;
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let e = err(acct.client().account_api().info(with_signal(&controller.signal(), json!({})))).await;
    assert_eq!(e.code, "aborted");
    assert!(acct.requests().await.is_empty());
}

#[wasm_bindgen_test]
async fn a_custom_fetch_is_used() {
    let acct = Account::new().await;
    // A fetch wrapper that tags every request, as users do for tracing.
    let wrapper = js_sys::Function::new_with_args(
        "req",
        "const h = new Headers(req.headers); h.set('x-via', 'custom-fetch'); return fetch(new Request(req, { headers: h }));",
    );
    let opts = to_js(&json!({"apiKey": acct.key, "baseUrl": MOCK}));
    js_sys::Reflect::set(&opts, &"fetch".into(), &wrapper).unwrap();
    let client = twochat::wasm::TwoChat::new(Some(opts)).unwrap();
    ok(client.account_api().info(None)).await;
    assert_eq!(acct.only_request().await["headers"]["x-via"], "custom-fetch");

    let broken = js_sys::Function::new_with_args("req", "return Promise.reject('not an Error')");
    let opts = to_js(&json!({"apiKey": acct.key, "baseUrl": MOCK, "maxRetries": 0}));
    js_sys::Reflect::set(&opts, &"fetch".into(), &broken).unwrap();
    let e = err(twochat::wasm::TwoChat::new(Some(opts)).unwrap().account_api().info(None)).await;
    assert_eq!(e.code, "network");
    let junk = js_sys::Function::new_with_args("req", "return 42");
    let opts = to_js(&json!({"apiKey": acct.key, "baseUrl": MOCK, "maxRetries": 0}));
    js_sys::Reflect::set(&opts, &"fetch".into(), &junk).unwrap();
    let e = err(twochat::wasm::TwoChat::new(Some(opts)).unwrap().account_api().info(None)).await;
    assert_eq!(e.code, "network");
}

#[wasm_bindgen_test]
fn the_client_never_shows_its_key() {
    let client = twochat::wasm::TwoChat::new(obj(json!({"apiKey": "UAK-very-secret", "baseUrl": MOCK}))).unwrap();
    assert!(!client.to_string_js().contains("UAK-very-secret"));
    let json: String = js_sys::JSON::stringify(&client.to_json()).unwrap().into();
    assert!(!json.contains("UAK-very-secret"), "{json}");
    assert!(json.contains("[redacted]"));
}

async fn futures_join<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    futures_util::future::join(a, b).await
}

#[wasm_bindgen_test]
fn a_key_in_a_browser_page_is_warned_about_unless_allowed() {
    let global = js_sys::global();
    let console = js_sys::Reflect::get(&global, &"console".into()).unwrap();
    let original = js_sys::Reflect::get(&console, &"warn".into()).unwrap();
    let seen = js_sys::Array::new();
    let capture = js_sys::Function::new_with_args("m", "this.push(m)").bind(&seen);
    js_sys::Reflect::set(&console, &"warn".into(), &capture).unwrap();
    let in_page =
        ["window", "document"].iter().all(|k| !js_sys::Reflect::get(&global, &(*k).into()).unwrap().is_undefined());

    let _with_key = twochat::wasm::TwoChat::new(obj(json!({"apiKey": "UAK-page-key", "baseUrl": MOCK}))).unwrap();
    let _allowed = twochat::wasm::TwoChat::new(obj(
        json!({"apiKey": "UAK-page-key", "baseUrl": MOCK, "dangerouslyAllowBrowser": true}),
    ))
    .unwrap();
    let _proxied = twochat::wasm::TwoChat::new(obj(json!({"baseUrl": MOCK}))).unwrap();
    js_sys::Reflect::set(&console, &"warn".into(), &original).unwrap();

    assert_eq!(seen.length(), u32::from(in_page), "one warning in a page, none in Node or with the opt-in");
    if in_page {
        let msg = seen.get(0).as_string().unwrap();
        assert!(msg.contains("dangerouslyAllowBrowser") && !msg.contains("UAK-page-key"), "{msg}");
    }
}
