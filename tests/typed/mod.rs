//! The typed Rust client against twochat-mock: one suite, run natively (`tests/typed_native.rs`,
//! reqwest + tokio), in Node (`tests/node.rs`) and in headless Chrome (`tests/browser.rs`), both
//! over the runtime's `fetch`. Each test has its own mock account, so the request log it asserts
//! on holds exactly what that test sent.

pub mod support;

use futures_util::StreamExt;
use serde_json::{json, Value};
use support::*;
use twochat::types::*;
use twochat::{ClientOptions, Error, ErrorCode};

/// `#[tokio::test]` natively, `#[wasm_bindgen_test]` on wasm32; either way the test fails after
/// a minute instead of hanging the run.
macro_rules! typed_test {
    ($(#[$meta:meta])* async fn $name:ident() $body:block) => {
        $(#[$meta])*
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), tokio::test)]
        async fn $name() {
            $crate::typed::within_a_minute(stringify!($name), async move $body).await
        }
    };
}

/// Runs a test body, failing it if it has not finished within a minute.
pub async fn within_a_minute(name: &str, body: impl std::future::Future<Output = ()>) {
    let body = Box::pin(body);
    let limit = Box::pin(support::sleep_ms(60_000));
    if let futures_util::future::Either::Right(_) = futures_util::future::select(body, limit).await {
        panic!("{name} did not finish within a minute");
    }
}

mod endpoints;

fn failed<T: std::fmt::Debug>(r: Result<T, Error>) -> Error {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

fn send_params(text: &str) -> SendMessageParams {
    SendMessageParams {
        from_number: PY.into(),
        to_number: Some(MX.into()),
        text: Some(text.into()),
        ..Default::default()
    }
}

// ---------------------------------------------------------------- typed calls, as sent

typed_test! {
    async fn account_info_is_typed_and_sends_the_key() {
        let acct = Account::new(&mock(), json!({"requests_per_minute": 77})).await;
        let info = acct.client().account().info().await.unwrap();
        assert!(info.success);
        assert!(info.account.uuid.starts_with("ACC"), "{info:?}");
        assert_eq!(info.limits.requests_per_minute, 77.0);
        assert!(info.account.created_at.epoch_ms().is_some(), "{:?}", info.account.created_at);
        assert!(info.usage.is_some());
        let reqs = acct.requests().await;
        assert_eq!(reqs.len(), 1);
        assert_eq!((reqs[0]["method"].as_str(), reqs[0]["path"].as_str()), (Some("GET"), Some("/open/info")));
        assert_eq!(reqs[0]["query"], Value::Null);
        assert_eq!(reqs[0]["headers"]["x-user-api-key"], "[redacted]");
        assert_eq!(reqs[0]["headers"]["accept"], "application/json");
    }
}

typed_test! {
    async fn numbers_list_sends_typed_filters_as_the_query() {
        let acct = Account::new(&mock(), json!({})).await;
        let params = NumbersListParams {
            status: Some(NumbersListParamsStatus::Connected),
            results_per_page: Some(10),
            ..Default::default()
        };
        let res = acct.client().numbers().list(&params).await.unwrap();
        assert!(res.numbers.iter().all(|n| n.connection_status == ConnectionStatus::C), "{res:?}");
        assert!(res.numbers.iter().any(|n| n.phone_number == PY));
        let reqs = acct.requests().await;
        assert_eq!(reqs[0]["path"], "/open/whatsapp/get-numbers");
        assert_eq!(reqs[0]["query"], "status=connected&results_per_page=10");
    }
}

typed_test! {
    async fn numbers_check_keeps_the_literal_plus_and_the_hyphenated_option() {
        let acct = Account::new(&mock(), json!({})).await;
        let params = CheckNumberParams { extra_information: Some(true), ..Default::default() };
        let res = acct.client().numbers().check(PY, "+12025550123", &params).await.unwrap();
        assert!(res.is_valid);
        assert_eq!(res.on_whatsapp, Some(true));
        assert!(res.whatsapp_info.is_some(), "{res:?}");
        let reqs = acct.requests().await;
        assert_eq!(reqs[0]["path"], "/open/whatsapp/check-number/+595981048477/+12025550123");
        assert_eq!(reqs[0]["query"], "extra-information=true");
    }
}

typed_test! {
    async fn a_sent_message_is_listed_and_the_filter_picks_the_second_row() {
        let acct = Account::new(&mock(), json!({})).await;
        let client = acct.client();
        let sent = client.messages().send(&send_params("¡Hola! 👋 from Rust")).await.unwrap();
        let uuid = sent.message_uuid.clone().unwrap();
        assert!(uuid.starts_with("MSG"));
        let list = client.messages().list(PY, &Default::default()).await.unwrap();
        assert_eq!(list.messages[0].uuid, uuid, "newest first");
        assert_eq!(list.messages[0].message.text.as_deref(), Some("¡Hola! 👋 from Rust"));
        let filtered = MessagesListParams { remote_number: Some(MX.into()), page_number: Some(0), ..Default::default() };
        let only = client.messages().list(PY, &filtered).await.unwrap();
        assert!(only.messages.iter().all(|m| m.remote_phone_number.as_deref() == Some(MX)));

        let reqs = acct.requests().await;
        assert_eq!((reqs[0]["method"].as_str(), reqs[0]["path"].as_str()), (Some("POST"), Some("/open/whatsapp/send-message")));
        assert_eq!(reqs[0]["headers"]["content-type"], "application/json");
        assert_eq!(reqs[0]["body"], json!({"from_number": PY, "to_number": MX, "text": "¡Hola! 👋 from Rust"}));
        assert_eq!(reqs[1]["path"], "/open/whatsapp/messages/+595981048477");
        assert_eq!(reqs[2]["path"], "/open/whatsapp/messages/+595981048477/+5215512345432");
        assert_eq!(reqs[2]["query"], "page_number=0");
        assert_eq!(reqs[2]["endpoint"], json!(14));
    }
}

typed_test! {
    async fn a_pin_to_a_group_gets_the_empty_text_2chat_requires() {
        let acct = Account::new(&mock(), json!({})).await;
        let params = SendMessageParams {
            from_number: PY.into(),
            to_group_uuid: Some(GROUP.into()),
            pin: Some(Pin { latitude: "-25.2637".into(), longitude: "-57.5759".into(), name: Some("Asunción".into()), ..Default::default() }),
            ..Default::default()
        };
        acct.client().messages().send(&params).await.unwrap();
        let body = &acct.requests().await[0]["body"];
        assert_eq!(body["to_group_uuid"], GROUP);
        assert_eq!(body["pin"], json!({"latitude": "-25.2637", "longitude": "-57.5759", "name": "Asunción"}));
        assert_eq!(body["text"], "");
    }
}

typed_test! {
    async fn groups_are_listed_and_read() {
        let acct = Account::new(&mock(), json!({})).await;
        let client = acct.client();
        let groups = client.groups().list(PY).await.unwrap();
        assert!(groups.data.iter().any(|g| g.uuid == GROUP), "{groups:?}");
        let group = client.groups().get(GROUP).await.unwrap();
        assert_eq!(group.data.participants.as_ref().map(Vec::len), Some(3));
        let reqs = acct.requests().await;
        assert_eq!(reqs[0]["path"], "/open/whatsapp/groups/+595981048477");
        assert_eq!(reqs[1]["path"], format!("/open/whatsapp/group/{GROUP}"));
    }
}

typed_test! {
    async fn params_built_from_the_documented_json_are_sent_as_they_are() {
        let acct = Account::new(&mock(), json!({})).await;
        let client = acct.client();
        let documented: Value = serde_json::from_str(CONTACT_CREATE_REQUEST).unwrap();
        let params: ContactCreateParams = serde_json::from_value(documented.clone()).unwrap();
        assert_eq!(params.contact_detail[1].r#type, ContactDetailType::Waph);
        let created = client.contacts().create(&params).await.unwrap();
        assert!(created.contact.uuid.starts_with("CON"));
        let list = client.contacts().list(&ContactsListParams { page_number: Some(0), results_per_page: Some(100), ..Default::default() }).await.unwrap();
        assert!(list.contacts.iter().any(|c| c.uuid == created.contact.uuid));
        let reqs = acct.requests().await;
        assert_eq!((reqs[0]["path"].as_str(), reqs[0]["status"].as_u64()), (Some("/open/contacts"), Some(201)));
        assert_eq!(reqs[0]["body"], documented);
        assert_eq!(reqs[1]["query"], "page_number=0&results_per_page=100");
    }
}

typed_test! {
    async fn webhooks_are_subscribed_listed_and_deleted() {
        let acct = Account::new(&mock(), json!({})).await;
        let client = acct.client();
        let sub = WebhookSubscribeParams {
            hook_url: Some("https://example.com/hooks/2chat".into()),
            on_number: Some(PY.into()),
            ..Default::default()
        };
        let made = client.webhooks().subscribe("whatsapp.message.received", &sub).await.unwrap();
        let uuid = made.data.uuid.clone();
        assert!(uuid.starts_with("WHK"));
        assert_eq!(made.data.event_name, WebhookEventName::WhatsappMessageReceived);
        let list = client.webhooks().list(&Default::default()).await.unwrap();
        assert_eq!(list.webhooks[0].uuid, uuid);
        let channel = list.webhooks[0].channel_uuid.clone();
        let by_channel = client.webhooks().list(&WebhooksListParams { channel_uuid: Some(channel.clone()), ..Default::default() }).await.unwrap();
        assert_eq!(by_channel.webhooks.len(), 1);
        client.webhooks().delete(&uuid).await.unwrap();
        assert!(client.webhooks().list(&Default::default()).await.unwrap().webhooks.is_empty());
        let again = failed(client.webhooks().delete(&uuid).await);
        assert_eq!((again.code(), again.status()), (ErrorCode::NotFound, Some(404)));

        let reqs = acct.requests().await;
        assert_eq!(reqs[0]["path"], "/open/webhooks/subscribe/whatsapp.message.received");
        assert_eq!(reqs[0]["body"], json!({"hook_url": "https://example.com/hooks/2chat", "on_number": PY}));
        assert_eq!(reqs[2]["path"], format!("/open/webhooks/channel/{channel}"));
        assert_eq!((reqs[3]["method"].as_str(), reqs[3]["path"].as_str()), (Some("DELETE"), Some(&*format!("/open/webhooks/{uuid}"))));
    }
}

typed_test! {
    async fn an_option_2chat_adds_later_can_be_sent_through_extra() {
        let acct = Account::new(&mock(), json!({})).await;
        let mut params = send_params("with an extra");
        params.extra.insert("future_option".into(), json!(true));
        acct.client().messages().send(&params).await.unwrap();
        assert_eq!(acct.requests().await[0]["body"]["future_option"], json!(true));
    }
}

typed_test! {
    async fn client_headers_are_sent() {
        let acct = Account::new(&mock(), json!({})).await;
        let client = acct.client_with(ClientOptions::new(&acct.key).header("X-App", "demo"));
        client.account().info().await.unwrap();
        assert_eq!(acct.requests().await[0]["headers"]["x-app"], "demo");
    }
}

// ---------------------------------------------------------------- paged lists

typed_test! {
    async fn iterate_walks_every_page_lazily() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.seed(json!({"messages": {"number": PY, "remote_number": MX, "count": 250}})).await;
        let client = acct.client();
        let all: Vec<Message> =
            client.messages().iterate(PY, &Default::default()).map(|m| m.unwrap()).collect().await;
        let pages = acct.requests().await.len();
        assert!(all.len() >= 250, "{}", all.len());
        let mut uuids: Vec<&str> = all.iter().map(|m| m.uuid.as_str()).collect();
        uuids.sort_unstable();
        uuids.dedup();
        assert_eq!(uuids.len(), all.len(), "no item twice");
        assert_eq!(pages, all.len() / 100 + 1, "pages of 100 until a short one");

        let first: Vec<Message> =
            client.messages().iterate(PY, &Default::default()).take(150).map(|m| m.unwrap()).collect().await;
        assert_eq!(first.len(), 150);
        assert_eq!(acct.requests().await.len(), pages + 2, "take(150) asks for two pages, no more");
    }
}

typed_test! {
    async fn iterate_reaches_every_item_when_the_server_caps_its_pages() {
        let acct = Account::new(&mock(), json!({"max_page_size": 7})).await;
        acct.seed(json!({"contacts": 30})).await;
        let all: Vec<Contact> = acct.client().contacts().iterate(&Default::default()).map(|c| c.unwrap()).collect().await;
        assert_eq!(all.len(), 30);
        let reqs = acct.requests().await;
        assert!(reqs.iter().all(|r| r["query"].as_str().is_some_and(|q| q.contains("results_per_page=100"))), "{reqs:?}");
    }
}

typed_test! {
    async fn a_failing_page_ends_the_stream_with_its_error() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.seed(json!({"contacts": 120})).await;
        let client = acct.client();
        let mut stream = Box::pin(client.contacts().iterate(&ContactsListParams { results_per_page: Some(50), ..Default::default() }));
        for _ in 0..50 {
            stream.next().await.unwrap().unwrap();
        }
        acct.fault(json!({"kind": "status", "status": 500})).await;
        let e = stream.next().await.unwrap().unwrap_err();
        assert_eq!(e.code(), ErrorCode::ServerError);
        assert!(stream.next().await.is_none(), "nothing after the error");
    }
}

typed_test! {
    async fn iterate_refuses_bad_params_in_its_first_item() {
        let acct = Account::new(&mock(), json!({})).await;
        let client = acct.client();
        let mut stream = Box::pin(client.contacts().iterate(&ContactsListParams { results_per_page: Some(500), ..Default::default() }));
        let e = stream.next().await.unwrap().unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
        assert!(e.message().starts_with("results_per_page:"), "{e}");
        assert!(stream.next().await.is_none());
        assert!(acct.requests().await.is_empty());
    }
}

// ---------------------------------------------------------------- validation: nothing is sent

typed_test! {
    async fn invalid_input_is_refused_before_any_request() {
        let acct = Account::new(&mock(), json!({})).await;
        let c = acct.client();
        let mut bad_number = send_params("x");
        bad_number.from_number = "0981".into();
        let mut two_recipients = send_params("x");
        two_recipients.to_group_uuid = Some(GROUP.into());
        let mut no_recipient = send_params("x");
        no_recipient.to_number = None;
        let mut no_content = send_params("x");
        no_content.text = None;
        let no_name = ContactCreateParams {
            contact_detail: vec![ContactDetailInput::new(ContactDetailType::E, "a@b.co")],
            ..Default::default()
        };
        let fax = ContactCreateParams {
            first_name: "A".into(),
            contact_detail: vec![ContactDetailInput::new(ContactDetailType::Other("FAX".into()), "1")],
            ..Default::default()
        };
        let hook = |url: &str| WebhookSubscribeParams { hook_url: Some(url.into()), on_number: Some(PY.into()), ..Default::default() };
        let cases: Vec<(Error, &str)> = vec![
            (failed(c.messages().send(&bad_number).await), "from_number:"),
            (failed(c.messages().send(&two_recipients).await), "to_number:"),
            (failed(c.messages().send(&no_recipient).await), "to_number:"),
            (failed(c.messages().send(&no_content).await), "text:"),
            (failed(c.contacts().create(&no_name).await), "first_name:"),
            (failed(c.contacts().create(&fax).await), "contact_detail[0].type:"),
            (failed(c.webhooks().subscribe("whatsapp.message.nope", &hook("https://e.com")).await), "eventName:"),
            (failed(c.webhooks().subscribe("whatsapp.message.new", &hook("file:///etc/passwd")).await), "hook_url:"),
            (failed(c.groups().get("../info").await), "groupUuid:"),
            (failed(c.groups().get("..").await), "groupUuid:"),
            (failed(c.webhooks().delete("WHK1/../../info").await), "webhookUuid:"),
            (failed(c.messages().list("595981048477", &Default::default()).await), "number:"),
            (failed(c.numbers().list(&NumbersListParams { results_per_page: Some(0), ..Default::default() }).await), "results_per_page:"),
            (failed(c.contacts().list(&ContactsListParams { page_number: Some(-1), ..Default::default() }).await), "page_number:"),
            (failed(c.catalog().delete_product_image("6562709013816345", 0, &FromNumberParams { from_number: PY.into(), ..Default::default() }).await), "imageIndex:"),
        ];
        for (e, field) in cases {
            assert_eq!(e.code(), ErrorCode::InvalidInput, "{e:?}");
            assert!(e.message().starts_with(field), "expected the message to name {field}, got {:?}", e.message());
            assert_eq!(e.status(), None);
        }
        assert!(acct.requests().await.is_empty(), "no request may reach 2Chat");
    }
}

typed_test! {
    async fn bad_options_are_an_error_not_a_panic() {
        for (options, field) in [
            (ClientOptions::new("UAK-x").base_url("ftp://example.com"), "baseUrl:"),
            (ClientOptions::new("UAK-x").max_retries(100), "maxRetries:"),
            (ClientOptions::new("UAK-x").timeout_ms(0), "timeoutMs:"),
            (ClientOptions::new("UAK-x").header("X-Bad", "a\nb"), "X-Bad"),
            (ClientOptions::new(""), "apiKey:"),
            (ClientOptions::new("UAK-x").requests_per_minute(0), "requestsPerMinute:"),
        ] {
            let e = twochat::Client::new(options).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
            assert!(e.message().contains(field), "{field}: {e}");
        }
    }
}

// ---------------------------------------------------------------- every error code

typed_test! {
    async fn an_unknown_key_is_unauthorized_and_never_shown() {
        let key = "UAK-wrong-0000-0000";
        let client = twochat::Client::new(ClientOptions::new(key).base_url(mock())).unwrap();
        let e = failed(client.account().info().await);
        assert_eq!((e.code(), e.status()), (ErrorCode::Unauthorized, Some(401)));
        for shown in [e.to_string(), format!("{e:?}"), format!("{client:?}"), format!("{:?}", ClientOptions::new(key))] {
            assert!(!shown.contains(key), "{shown}");
        }
    }
}

typed_test! {
    async fn an_expired_trial_is_payment_required_and_not_retried() {
        let acct = Account::new(&mock(), json!({"expired": true})).await;
        let e = failed(acct.client_with(ClientOptions::new(&acct.key)).account().info().await);
        assert_eq!((e.code(), e.status()), (ErrorCode::PaymentRequired, Some(402)));
        assert_eq!(acct.requests().await.len(), 1);
    }
}

typed_test! {
    async fn statuses_map_to_codes_with_the_servers_message() {
        let acct = Account::new(&mock(), json!({})).await;
        let c = acct.client();
        for (status, code) in [
            (400, ErrorCode::Unprocessable),
            (403, ErrorCode::Forbidden),
            (404, ErrorCode::NotFound),
            (409, ErrorCode::Conflict),
            (410, ErrorCode::Conflict),
            (422, ErrorCode::Unprocessable),
            (486, ErrorCode::Conflict),
            (500, ErrorCode::ServerError),
            (503, ErrorCode::ServerError),
        ] {
            acct.fault(json!({"kind": "status", "status": status, "body": {"success": false, "message": format!("told {status}")}})).await;
            let e = failed(c.account().info().await);
            assert_eq!((e.code(), e.status(), e.message()), (code, Some(status), &*format!("told {status}")));
        }
        acct.fault(json!({"kind": "status", "status": 404, "body": {"success": false, "error": true, "error_message": "number not found"}})).await;
        assert_eq!(failed(c.account().info().await).message(), "number not found");
    }
}

typed_test! {
    async fn the_servers_own_refusals_come_back_typed() {
        let acct = Account::new(&mock(), json!({})).await;
        let c = acct.client();
        let mut unknown_number = send_params("x");
        unknown_number.from_number = "+14155550000".into();
        let e = failed(c.messages().send(&unknown_number).await);
        assert_eq!((e.code(), e.status()), (ErrorCode::NotFound, Some(404)), "{e:?}");
        let e = failed(c.groups().get("WAG00000000-0000-4000-8000-000000000000").await);
        assert_eq!(e.code(), ErrorCode::NotFound);
    }
}

typed_test! {
    async fn a_long_retry_after_is_left_to_the_caller() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 429, "headers": {"Retry-After": "120"}})).await;
        let e = failed(acct.client_with(ClientOptions::new(&acct.key)).account().info().await);
        assert_eq!((e.code(), e.status(), e.retry_after_ms()), (ErrorCode::RateLimited, Some(429), Some(120_000)));
        assert_eq!(acct.requests().await.len(), 1);
    }
}

typed_test! {
    async fn bodies_2chat_would_not_send_are_decode_errors() {
        let acct = Account::new(&mock(), json!({})).await;
        let c = acct.client();
        for fault in [json!({"kind": "malformed_json"}), json!({"kind": "empty"}), json!({"kind": "html", "status": 200})] {
            acct.fault(fault.clone()).await;
            let e = failed(c.account().info().await);
            assert_eq!((e.code(), e.status()), (ErrorCode::Decode, Some(200)), "{fault}: {e:?}");
        }
        acct.fault(json!({"kind": "html"})).await;
        let e = failed(c.account().info().await);
        assert_eq!((e.code(), e.status(), e.message()), (ErrorCode::ServerError, Some(502), "HTTP 502 Bad Gateway"));
        // A 200 missing what the declaration requires still reads (the call succeeded)…
        acct.fault(json!({"kind": "status", "status": 200, "body": {"success": true}})).await;
        let info = c.account().info().await.unwrap();
        assert_eq!(info.account.uuid, "");
        // …but a field of another kind is a decode error that says the call went through.
        acct.fault(json!({"kind": "status", "status": 200, "body": {"success": true, "account": "closed"}})).await;
        let e = failed(c.account().info().await);
        assert_eq!(e.code(), ErrorCode::Decode, "{e:?}");
        assert!(e.message().contains("succeeded"), "{e}");
    }
}

typed_test! {
    async fn success_false_in_a_200_is_an_error() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 200, "body": {"success": false, "error_message": "channel not connected"}})).await;
        let e = failed(acct.client().account().info().await);
        assert_eq!((e.code(), e.status(), e.message()), (ErrorCode::Unprocessable, Some(200), "channel not connected"));
    }
}

typed_test! {
    async fn a_refused_connection_is_a_network_error() {
        let client = twochat::Client::new(ClientOptions::new("UAK-x").base_url("http://127.0.0.1:9").max_retries(0)).unwrap();
        let e = failed(client.account().info().await);
        assert_eq!((e.code(), e.status()), (ErrorCode::Network, None));
    }
}

typed_test! {
    async fn a_send_cut_off_mid_answer_is_not_repeated() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "drop", "count": 3})).await;
        let e = failed(acct.client_with(ClientOptions::new(&acct.key)).messages().send(&send_params("once")).await);
        assert_eq!(e.code(), ErrorCode::Network, "{e:?}");
        assert!(e.outcome_unknown() && e.message().contains("not repeated"), "{e}");
        assert_eq!(acct.requests().await.len(), 1);
    }
}

typed_test! {
    async fn the_key_is_redacted_from_server_messages() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 401, "body": {"success": false, "message": format!("key {} revoked", acct.key)}})).await;
        let e = failed(acct.client().account().info().await);
        assert_eq!(e.message(), "key [redacted] revoked");
        assert!(!format!("{e:?}").contains(&acct.key));
    }
}

typed_test! {
    async fn a_redirect_is_not_followed() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 302, "headers": {"Location": "https://elsewhere.example/steal?k=1"}})).await;
        let e = failed(acct.client().account().info().await);
        assert_eq!(e.code(), ErrorCode::Network, "{e:?}");
        assert!(e.message().contains("redirects are not followed"), "{e}");
        assert_eq!(acct.requests().await.len(), 1);
    }
}

// ---------------------------------------------------------------- retries, timeouts, cancelling

typed_test! {
    async fn a_read_is_retried_after_a_503() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 503, "headers": {"Retry-After": "0"}})).await;
        acct.client_with(ClientOptions::new(&acct.key)).account().info().await.unwrap();
        let statuses: Vec<Value> = acct.requests().await.iter().map(|r| r["status"].clone()).collect();
        assert_eq!(statuses, vec![json!(503), json!(200)]);
    }
}

typed_test! {
    async fn retries_stop_at_max_retries() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 502, "count": 5, "headers": {"Retry-After": "0"}})).await;
        let e = failed(acct.client_with(ClientOptions::new(&acct.key).max_retries(2)).account().info().await);
        assert_eq!(e.code(), ErrorCode::ServerError);
        assert_eq!(acct.requests().await.len(), 3, "one attempt and two retries");
    }
}

typed_test! {
    async fn a_send_answered_503_is_sent_exactly_once() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 503, "count": 3, "headers": {"Retry-After": "0"}})).await;
        let e = failed(acct.client_with(ClientOptions::new(&acct.key)).messages().send(&send_params("once")).await);
        assert_eq!((e.code(), e.status()), (ErrorCode::ServerError, Some(503)));
        assert!(e.outcome_unknown(), "{e}");
        assert_eq!(acct.requests().await.len(), 1);
    }
}

typed_test! {
    async fn a_send_that_timed_out_is_not_repeated() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "hang", "count": 3})).await;
        let e = failed(acct.client_with(ClientOptions::new(&acct.key).timeout_ms(300)).messages().send(&send_params("once")).await);
        assert_eq!(e.code(), ErrorCode::Timeout);
        assert!(e.message().contains("300 ms"), "{e}");
        assert_eq!(acct.requests().await.len(), 1);
    }
}

typed_test! {
    async fn a_send_refused_with_429_or_486_is_retried() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 429, "headers": {"Retry-After": "0"}})).await;
        acct.fault(json!({"kind": "status", "status": 486, "headers": {"Retry-After": "0"}})).await;
        let sent = acct.client_with(ClientOptions::new(&acct.key)).messages().send(&send_params("after busy")).await.unwrap();
        assert!(sent.success);
        let statuses: Vec<Value> = acct.requests().await.iter().map(|r| r["status"].clone()).collect();
        assert_eq!(statuses, vec![json!(429), json!(486), json!(200)]);
    }
}

typed_test! {
    async fn a_read_that_times_out_is_retried() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "hang"})).await;
        let started = now_ms();
        // 1.5 s an attempt: the hanging one times out, the retry (answered at once) never does,
        // even on a loaded machine.
        acct.client_with(ClientOptions::new(&acct.key).timeout_ms(1_500)).account().info().await.unwrap();
        assert_eq!(acct.requests().await.len(), 2);
        assert!(now_ms() - started >= 1_490.0);
    }
}

typed_test! {
    async fn a_body_that_stalls_times_out() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "stall"})).await;
        let e = failed(acct.client_with(ClientOptions::new(&acct.key).timeout_ms(300).max_retries(0)).users().list().await);
        assert_eq!(e.code(), ErrorCode::Timeout, "{e:?}");
    }
}

typed_test! {
    async fn dropping_a_call_cancels_it() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "hang"})).await;
        let client = acct.client();
        let started = now_ms();
        let call = Box::pin(client.account().info());
        let timer = Box::pin(sleep_ms(150));
        match futures_util::future::select(call, timer).await {
            futures_util::future::Either::Left((r, _)) => panic!("a hanging call finished: {r:?}"),
            futures_util::future::Either::Right(((), call)) => drop(call),
        }
        assert!(now_ms() - started < 5_000.0);
        // The next call goes out at once: nothing of the dropped one is left waiting.
        client.account().info().await.unwrap();
        assert_eq!(acct.requests().await.len(), 2);
    }
}

typed_test! {
    async fn dropping_a_call_during_its_retry_backoff_sends_nothing_more() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "status", "status": 503, "headers": {"Retry-After": "20"}})).await;
        let client = acct.client_with(ClientOptions::new(&acct.key).max_retries(2));
        let started = now_ms();
        {
            let call = Box::pin(client.account().info());
            let first_answered = Box::pin(async {
                // Until the mock has logged the first attempt (its 503): the call is then waiting
                // out the 20 s Retry-After.
                while acct.requests().await.is_empty() {
                    sleep_ms(20).await;
                }
            });
            match futures_util::future::select(call, first_answered).await {
                futures_util::future::Either::Left((r, _)) => panic!("the call ended during its backoff: {r:?}"),
                futures_util::future::Either::Right(((), call)) => drop(call),
            }
        }
        assert!(now_ms() - started < 5_000.0);
        client.account().ping().await.unwrap();
        let paths: Vec<Value> = acct.requests().await.iter().map(|r| r["path"].clone()).collect();
        assert_eq!(paths, vec![json!("/open/info"), json!("/ping")], "no retry of the dropped call");
    }
}

typed_test! {
    async fn dropping_a_call_while_its_body_stalls_ends_it() {
        let acct = Account::new(&mock(), json!({})).await;
        acct.fault(json!({"kind": "stall"})).await;
        let client = acct.client();
        let started = now_ms();
        {
            let call = Box::pin(client.users().list());
            let answered = Box::pin(async {
                while acct.requests().await.is_empty() {
                    sleep_ms(20).await;
                }
                // Headers and half a body are out; the rest never comes.
                sleep_ms(100).await;
            });
            match futures_util::future::select(call, answered).await {
                futures_util::future::Either::Left((r, _)) => panic!("a stalled body completed: {r:?}"),
                futures_util::future::Either::Right(((), call)) => drop(call),
            }
        }
        assert!(now_ms() - started < 5_000.0);
        client.users().list().await.unwrap();
        assert_eq!(acct.requests().await.len(), 2);
    }
}

typed_test! {
    async fn dropping_a_call_during_a_pacing_wait_never_sends_it() {
        let acct = Account::new(&mock(), json!({})).await;
        let client = acct.client_with(ClientOptions::new(&acct.key).requests_per_minute(1));
        client.account().ping().await.unwrap();
        let started = now_ms();
        {
            let paced = Box::pin(client.account().info());
            match futures_util::future::select(paced, Box::pin(sleep_ms(200))).await {
                futures_util::future::Either::Left((r, _)) => panic!("a paced call went out within the minute: {r:?}"),
                futures_util::future::Either::Right(((), paced)) => drop(paced),
            }
        }
        assert!(now_ms() - started < 5_000.0);
        sleep_ms(300).await;
        assert_eq!(acct.requests().await.len(), 1, "the dropped call was never sent");
    }
}

typed_test! {
    async fn pacing_spaces_calls_out() {
        let acct = Account::new(&mock(), json!({})).await;
        let client = acct.client_with(ClientOptions::new(&acct.key).requests_per_minute(600));
        let started = now_ms();
        for _ in 0..3 {
            client.account().ping().await.unwrap();
        }
        // 600 a minute is one every 100 ms: the third call waits for at least ~200 ms.
        assert!(now_ms() - started >= 150.0, "{}", now_ms() - started);
    }
}

// ---------------------------------------------------------------- webhooks

typed_test! {
    async fn a_documented_delivery_parses_into_its_typed_payload() {
        // The documented payload has no `event` field: the route names it.
        let unnamed = twochat::webhook::parse(ORDER_FIXTURE, None).unwrap();
        assert_eq!(unnamed.name(), "unknown");
        assert!(matches!(unnamed.payload, twochat::webhook::Payload::Unknown(_)));
        let event = twochat::webhook::parse(ORDER_FIXTURE, Some("whatsapp.order.received")).unwrap();
        assert_eq!(event.name(), "whatsapp.order.received");
        assert!(event.uuid().is_some_and(|u| u.starts_with("MSG")));
        match &event.payload {
            twochat::webhook::Payload::OrderReceived(p) => {
                let order = p.message.as_ref().and_then(|m| m.order.as_ref()).unwrap();
                assert!(!order.products.as_ref().unwrap().is_empty(), "{order:?}");
            }
            other => panic!("{other:?}"),
        }
        let e = twochat::webhook::parse(b"[1, 2]", None).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidWebhook);
    }
}
