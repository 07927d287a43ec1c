//! Every endpoint's happy path (status and the documented shape), state across calls, and the
//! validation answers (422 / 404).

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------- #2 account

#[tokio::test]
async fn info_has_the_documented_shape_plus_usage() {
    let mock = Mock::new();
    let key = mock.account("info").await;
    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_shape(&fixture("account-info.json"), &r.json);
    let account = &r.json["account"];
    assert!(account["uuid"].as_str().unwrap().starts_with("ACC"));
    assert_eq!(account["blocked"], json!(false));
    assert_eq!(account["block_reason"], Value::Null);
    assert!(account["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(r.json["limits"]["requests_per_minute"], json!(600));
    let usage = &r.json["usage"];
    assert_eq!(usage["api_request_count"], json!(1));
    assert_eq!(usage["max_api_request_count"], json!(10000));
    assert_eq!(usage["number_check_count"], json!(0));
    assert_eq!(usage["max_number_check_count"], json!(100));
}

// ---------------------------------------------------------------- #5 numbers

#[tokio::test]
async fn numbers_list_filters_and_pages() {
    let mock = Mock::new();
    let key = mock.account("numbers").await;
    let r = mock.get("/open/whatsapp/get-numbers", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_shape(&fixture("numbers-list.json"), &r.json);
    let numbers = r.json["numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 3);
    // The documented number, field by field, except that the seeded one is a WhatsApp Business
    // number (it has the catalog); the second one is not.
    let without_business_flag = |n: &Value| {
        let mut n = n.clone();
        n.as_object_mut().unwrap().remove("is_business_profile");
        n
    };
    assert_eq!(without_business_flag(&numbers[0]), without_business_flag(&fixture("numbers-list.json")["numbers"][0]));
    assert_eq!(numbers[0]["is_business_profile"], json!(true));
    assert_eq!(numbers[1]["is_business_profile"], json!(false));
    assert!(numbers.iter().all(|n| n["uuid"].as_str().unwrap().starts_with("WPN")));

    let phones = |r: &Reply| -> Vec<String> {
        r.json["numbers"].as_array().unwrap().iter().map(|n| n["phone_number"].as_str().unwrap().to_owned()).collect()
    };
    let r = mock.get("/open/whatsapp/get-numbers?status=connected", &key).await;
    assert_eq!(phones(&r), [PY, MX]);
    let r = mock.get("/open/whatsapp/get-numbers?status=disconnected", &key).await;
    assert_eq!(phones(&r), [US_DISCONNECTED]);
    assert_eq!(r.json["numbers"][0]["connection_status"], json!("D"));
    let r = mock.get("/open/whatsapp/get-numbers?status=all&page_number=1&results_per_page=1", &key).await;
    assert_eq!(phones(&r), [MX]);
    let r = mock.get("/open/whatsapp/get-numbers?page_number=5", &key).await;
    assert_eq!(r.json["numbers"], json!([]));
}

#[tokio::test]
async fn numbers_list_rejects_bad_query_values() {
    let mock = Mock::new();
    let key = mock.account("numbers-bad").await;
    for q in ["status=online", "results_per_page=0", "results_per_page=x", "page_number=-1", "page_number=x"] {
        let r = mock.get(&format!("/open/whatsapp/get-numbers?{q}"), &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_error_message_style(&r);
    }
}

// ---------------------------------------------------------------- #11 check-number

#[tokio::test]
async fn check_number_happy_paths() {
    let mock = Mock::new();
    let key = mock.account("check").await;
    let r = mock.get(&format!("/open/whatsapp/check-number/{PY}/+14155551234?extra-information=true"), &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_shape(&fixture("check-number.json"), &r.json);
    assert_eq!(r.json["is_valid"], json!(true));
    assert_eq!(r.json["on_whatsapp"], json!(true));
    assert_eq!(r.json["number"]["iso_country_code"], json!("US"));

    let r = mock.get(&format!("/open/whatsapp/check-number/{PY}/+447700900123"), &key).await;
    assert_eq!(r.json["number"]["iso_country_code"], json!("GB"));
    assert!(r.json.get("whatsapp_info").is_none(), "no whatsapp_info without extra-information");
    for (number, cc) in
        [("+5215599998888", "MX"), ("+595981111222", "PY"), ("+34612345678", "ES"), ("+81312345678", "XX")]
    {
        let r = mock.get(&format!("/open/whatsapp/check-number/{PY}/{number}"), &key).await;
        assert_eq!(r.json["number"]["iso_country_code"], json!(cc), "{number}");
    }

    // Ending in 0000: not on WhatsApp, and so no whatsapp_info even when asked.
    let r = mock.get(&format!("/open/whatsapp/check-number/{MX}/+14155550000?extra-information=true"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["on_whatsapp"], json!(false));
    assert!(r.json.get("whatsapp_info").is_none());

    // A percent-encoded `+` is accepted too.
    let r = mock.get("/open/whatsapp/check-number/%2B595981048477/%2B14155551234", &key).await;
    assert_eq!(r.status, StatusCode::OK);

    let r = mock.get("/open/info", &key).await;
    assert_eq!(r.json["usage"]["number_check_count"], json!(2 + 1 + 4 + 2 + 1));
}

#[tokio::test]
async fn check_number_validation() {
    let mock = Mock::new();
    let key = mock.account("check-bad").await;
    let cases = [
        (format!("/open/whatsapp/check-number/{US_DISCONNECTED}/+14155551234"), StatusCode::NOT_FOUND),
        ("/open/whatsapp/check-number/+15550001111/+14155551234".to_owned(), StatusCode::NOT_FOUND),
        (format!("/open/whatsapp/check-number/{PY}/14155551234"), StatusCode::UNPROCESSABLE_ENTITY),
        (format!("/open/whatsapp/check-number/{PY}/+1234"), StatusCode::UNPROCESSABLE_ENTITY),
        (format!("/open/whatsapp/check-number/{PY}/+1415abc1234"), StatusCode::UNPROCESSABLE_ENTITY),
        (
            format!("/open/whatsapp/check-number/{PY}/+14155551234?extra-information=maybe"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("/open/whatsapp/check-number/not-a-number/+14155551234".to_owned(), StatusCode::UNPROCESSABLE_ENTITY),
    ];
    for (path, status) in cases {
        let r = mock.get(&path, &key).await;
        assert_eq!(r.status, status, "{path}: {}", r.text);
        assert_error_message_style(&r);
    }
}

// ---------------------------------------------------------------- #12–#14 messages

#[tokio::test]
async fn seeded_messages_match_the_fixture() {
    let mock = Mock::new();
    let key = mock.account("messages").await;
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_shape(&fixture("messages-list.json"), &r.json);
    assert_eq!(r.json["page_number"], json!(0));
    let uuids: Vec<&str> = r.json["messages"].as_array().unwrap().iter().map(|m| m["uuid"].as_str().unwrap()).collect();
    assert_eq!(uuids, ["MSGaf1fa3a1-0d8d-4aa5-b117-f9425b651485", "MSG8c39a0a9-01cf-46c9-ab46-3c0fb0477e99"]);
    assert_eq!(r.json["messages"][0]["message"], fixture("messages-list.json")["messages"][0]["message"]);

    let r = mock.get(&format!("/open/whatsapp/messages/{PY}/{MX}"), &key).await;
    assert_eq!(r.json["messages"].as_array().unwrap().len(), 2);
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}/+14155551234"), &key).await;
    assert_eq!(r.json["messages"], json!([]));
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}?page_number=1"), &key).await;
    assert_eq!(r.json["page_number"], json!(1));
    assert_eq!(r.json["messages"], json!([]));
    let r = mock.get(&format!("/open/whatsapp/messages/{MX}"), &key).await;
    assert_eq!(r.json["messages"], json!([]));
}

#[tokio::test]
async fn messages_list_validation() {
    let mock = Mock::new();
    let key = mock.account("messages-bad").await;
    let r = mock.get("/open/whatsapp/messages/+15550001111", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}/12345"), &key).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}?page_number=-2"), &key).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error_message_style(&r);
}

#[tokio::test]
async fn sent_messages_are_listed_newest_first() {
    let mock = Mock::new();
    let key = mock.account("send").await;
    let r = mock
        .post(
            "/open/whatsapp/send-message",
            &key,
            json!({"from_number": PY, "to_number": "+14155551234", "text": "hello"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_shape(&fixture("send-message.json"), &r.json);
    assert_eq!(r.json["batched"], json!(true));
    let first = r.json["message_uuid"].as_str().unwrap().to_owned();
    assert!(first.starts_with("MSG"));

    let r = mock
        .post(
            "/open/whatsapp/send-message",
            &key,
            json!({"from_number": PY, "to_number": "+14155551234", "text": "look", "url": "https://example.com/a/cat.png?x=1"}),
        )
        .await;
    let second = r.json["message_uuid"].as_str().unwrap().to_owned();

    let r = mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await;
    let messages = r.json["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 4);
    assert_eq!(messages[0]["uuid"], json!(second));
    assert_eq!(messages[1]["uuid"], json!(first));
    assert_eq!(
        messages[0]["message"]["media"],
        json!({"url": "https://example.com/a/cat.png?x=1", "type": "image", "mime_type": "image/png"})
    );
    assert_eq!(messages[0]["message"]["text"], json!("look"));
    let m = &messages[1];
    assert_eq!(m["message"], json!({"text": "hello"}));
    assert_eq!(m["sent_by"], json!("api"));
    assert_eq!(m["remote_phone_number"], json!("+14155551234"));
    assert_eq!(m["session_key"], json!(format!("WW-{PY_UUID}-14155551234@c.us")));
    assert!(m["timestamp"].is_f64());
    assert!(m["created_at"].as_str().unwrap().ends_with('Z'));

    let r = mock.get(&format!("/open/whatsapp/messages/{PY}/+14155551234"), &key).await;
    assert_eq!(r.json["messages"].as_array().unwrap().len(), 2);
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}/{MX}"), &key).await;
    assert_eq!(r.json["messages"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn sends_pins_media_and_group_messages() {
    let mock = Mock::new();
    let key = mock.account("send-kinds").await;
    let pin = json!({"latitude": "-25.2637", "longitude": "-57.5759", "name": "Asunción"});
    let r = mock
        .post("/open/whatsapp/send-message", &key, json!({"from_number": MX, "to_number": PY, "text": "", "pin": pin}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = mock
        .post(
            "/open/whatsapp/send-message",
            &key,
            json!({"from_number": MX, "to_number": PY, "url": "https://x.io/r.pdf"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = mock.get(&format!("/open/whatsapp/messages/{MX}/{PY}"), &key).await;
    assert_eq!(
        r.json["messages"][0]["message"],
        json!({"media": {"url": "https://x.io/r.pdf", "type": "document", "mime_type": "application/pdf"}})
    );
    assert_eq!(r.json["messages"][1]["message"], json!({"pin": pin}));

    let r = mock
        .post("/open/whatsapp/send-message", &key, json!({"from_number": PY, "to_group_uuid": GROUP, "text": "hi all"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await;
    let m = &r.json["messages"][0];
    assert_eq!(m["to_group_uuid"], json!(GROUP));
    assert!(m["session_key"].as_str().unwrap().ends_with("@g.us"), "{m}");
    assert!(m["session_key"].as_str().unwrap().starts_with(&format!("WW-{PY_UUID}-")));
}

#[tokio::test]
async fn send_message_validation() {
    let mock = Mock::new();
    let key = mock.account("send-bad").await;
    let unprocessable = [
        json!({"to_number": "+14155551234", "text": "x"}),
        json!({"from_number": "595981048477", "to_number": "+14155551234", "text": "x"}),
        json!({"from_number": PY, "text": "x"}),
        json!({"from_number": PY, "to_number": "+14155551234", "to_group_uuid": GROUP, "text": "x"}),
        json!({"from_number": PY, "to_number": "14155551234", "text": "x"}),
        json!({"from_number": PY, "to_number": "+14155551234"}),
        json!({"from_number": PY, "to_number": "+14155551234", "text": ""}),
        json!({"from_number": PY, "to_number": "+14155551234", "text": 42}),
        json!({"from_number": PY, "to_number": "+14155551234", "url": "ftp://x.io/a.png"}),
        json!({"from_number": PY, "to_number": "+14155551234", "pin": {"latitude": "1.0"}}),
        json!({"from_number": PY, "to_number": "+14155551234", "pin": {"latitude": 1.0, "longitude": 2.0}}),
        json!({"from_number": PY, "to_number": "+14155551234", "pin": "here"}),
        json!(["not", "an", "object"]),
    ];
    for body in unprocessable {
        let r = mock.post("/open/whatsapp/send-message", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text);
        assert_error_message_style(&r);
    }
    let not_found = [
        json!({"from_number": "+15550001111", "to_number": "+14155551234", "text": "x"}),
        json!({"from_number": US_DISCONNECTED, "to_number": "+14155551234", "text": "x"}),
        json!({"from_number": PY, "to_group_uuid": "WAG00000000-0000-4000-8000-000000000000", "text": "x"}),
        json!({"from_number": MX, "to_group_uuid": GROUP, "text": "x"}),
    ];
    for body in not_found {
        let r = mock.post("/open/whatsapp/send-message", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{body}: {}", r.text);
        assert_error_message_style(&r);
    }
    let r = mock.raw_post("/open/whatsapp/send-message", &key, "{not json").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = mock.call("POST", "/open/whatsapp/send-message", Some(&key), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // None of these were stored.
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await;
    assert_eq!(r.json["messages"].as_array().unwrap().len(), 2);
}

// ---------------------------------------------------------------- #22, #23 groups

#[tokio::test]
async fn groups_list_and_get() {
    let mock = Mock::new();
    let key = mock.account("groups").await;
    let r = mock.get(&format!("/open/whatsapp/groups/{PY}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_shape(&fixture("groups-list.json"), &r.json);
    let groups = r.json["data"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["uuid"], json!(GROUP));
    assert!(groups[1]["uuid"].as_str().unwrap().starts_with("WGP"));
    assert!(groups[0].get("participants").is_none());

    let r = mock.get(&format!("/open/whatsapp/groups/{MX}"), &key).await;
    assert_eq!(r.json["data"], json!([]));
    let r = mock.get("/open/whatsapp/groups/+15550001111", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_error_message_style(&r);

    let r = mock.get(&format!("/open/whatsapp/group/{GROUP}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_shape(&fixture("group-get.json"), &r.json);
    assert_eq!(r.json["data"]["uuid"], json!(GROUP));
    assert_eq!(r.json["data"]["channel_uuid"], json!(PY_UUID));
    let ids: Vec<&str> = r.json["data"]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["wa_participant_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["447700176576@c.us", "5215617554529@c.us", "595981048477@c.us"]);
    assert_eq!(r.json["data"]["size"], json!(3));

    let old = groups[1]["uuid"].as_str().unwrap();
    let r = mock.get(&format!("/open/whatsapp/group/{old}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = mock.get("/open/whatsapp/group/WAG00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_error_message_style(&r);
}

// ---------------------------------------------------------------- #44, #45 contacts

#[tokio::test]
async fn contacts_create_then_list() {
    let mock = Mock::new();
    let key = mock.account("contacts").await;
    let r = mock.get("/open/contacts", &key).await;
    assert_eq!(r.json, json!({"success": true, "page_number": 0, "count": 0, "total": 0, "contacts": []}));

    let request = serde_json::from_str::<Value>(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/fixtures/responses/contact-create.request.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let r = mock.post("/open/contacts", &key, request).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_shape(&fixture("contact-create.json"), &r.json);
    let contact = &r.json["contact"];
    assert!(contact["uuid"].as_str().unwrap().starts_with("CON"));
    assert_eq!(contact["first_name"], json!("2Chat"));
    assert_eq!(contact["channel_uuid"], Value::Null);
    let details = contact["details"].as_array().unwrap();
    let ids: Vec<u64> = details.iter().map(|d| d["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(details[2]["type"], json!("E"));
    assert_eq!(details[0]["updated_at"], json!(0));
    assert!(details[0]["created_at"].as_i64().unwrap() > 1_600_000_000);

    // The field-table spelling `contact_details` works too.
    let r = mock
        .post(
            "/open/contacts",
            &key,
            json!({"first_name": "Ana", "channel_uuid": PY_UUID, "contact_details": [{"type": "WAPH", "value": "+595981000111"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert!(r.json["contact"]["details"][0]["id"].as_u64().unwrap() > ids[2]);

    let r = mock.get("/open/contacts", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["count"], json!(2));
    let contacts = r.json["contacts"].as_array().unwrap();
    assert_eq!(contacts[0]["first_name"], json!("2Chat"));
    assert_eq!(contacts[1]["first_name"], json!("Ana"));
    assert!(contacts[0]["id"].as_u64().unwrap() < contacts[1]["id"].as_u64().unwrap());
    assert_shape(&fixture("contact-create.json")["contact"], &contacts[0]);

    let r = mock.get(&format!("/open/contacts?channel_uuid={PY_UUID}"), &key).await;
    assert_eq!(r.json["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(r.json["contacts"][0]["first_name"], json!("Ana"));
    let r = mock.get("/open/contacts?results_per_page=1&page_number=1", &key).await;
    assert_eq!(r.json["page_number"], json!(1));
    assert_eq!(r.json["count"], json!(1));
    assert_eq!(r.json["total"], json!(2));
    assert_eq!(r.json["contacts"][0]["first_name"], json!("Ana"));
}

#[tokio::test]
async fn contacts_validation_uses_the_message_shape() {
    let mock = Mock::new();
    let key = mock.account("contacts-bad").await;
    let detail = json!([{"type": "E", "value": "a@b.co"}]);
    let bad = [
        json!({"contact_detail": detail}),
        json!({"first_name": "", "contact_detail": detail}),
        json!({"first_name": 7, "contact_detail": detail}),
        json!({"first_name": "A"}),
        json!({"first_name": "A", "contact_detail": []}),
        json!({"first_name": "A", "contact_detail": [{"type": "X", "value": "1"}]}),
        json!({"first_name": "A", "contact_detail": [{"type": "PH", "value": "5551234"}]}),
        json!({"first_name": "A", "contact_detail": [{"type": "E", "value": "not-an-email"}]}),
        json!({"first_name": "A", "contact_detail": [{"type": "A"}]}),
        json!({"first_name": "A", "contact_detail": ["E"]}),
        json!({"first_name": "A", "last_name": 3, "contact_detail": detail}),
    ];
    for body in bad {
        let r = mock.post("/open/contacts", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text);
        assert_message_style(&r);
    }
    for q in ["results_per_page=0", "results_per_page=500", "page_number=-1"] {
        let r = mock.get(&format!("/open/contacts?{q}"), &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_message_style(&r);
    }
    assert_eq!(mock.get("/open/contacts", &key).await.json["count"], json!(0));
}

// ---------------------------------------------------------------- #50–#53 webhooks

#[tokio::test]
async fn webhooks_subscribe_list_delete() {
    let mock = Mock::new();
    let key = mock.account("webhooks").await;
    assert_eq!(mock.get("/open/webhooks", &key).await.json, json!({"success": true, "webhooks": []}));

    let hook = "https://hooks.example.com/2chat";
    let r = mock
        .post("/open/webhooks/subscribe/whatsapp.message.received", &key, json!({"hook_url": hook, "on_number": PY}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_shape(&fixture("webhooks-subscribe.json"), &r.json);
    let data = &r.json["data"];
    assert_eq!(data["event_name"], json!("whatsapp.message.received"));
    assert_eq!(data["channel_uuid"], json!(PY_UUID));
    assert_eq!(data["hook_params"], json!({"waweb_uuid": PY_UUID}));
    assert_eq!(data["hook_url"], json!(hook));
    let first = data["uuid"].as_str().unwrap().to_owned();
    assert!(first.starts_with("WHK"));

    let r = mock
        .post(
            "/open/webhooks/subscribe/whatsapp.conversation.new",
            &key,
            json!({"hook_url": "http://localhost:9000/h", "on_number": MX, "time_period": "day"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["data"]["time_period"], json!("day"));
    let r = mock
        .post(
            "/open/webhooks/subscribe/whatsapp.group.join",
            &key,
            json!({"hook_url": hook, "on_number": PY, "to_group_uuid": GROUP}),
        )
        .await;
    assert_eq!(r.json["data"]["to_group_uuid"], json!(GROUP));
    let r = mock
        .post(
            "/open/webhooks/subscribe/call.status.update",
            &key,
            json!({"hook_url": hook, "channel_uuid": "DID1a42aaaa-0000-4000-8000-000000000000"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["data"]["channel_uuid"], json!("DID1a42aaaa-0000-4000-8000-000000000000"));

    let r = mock.get("/open/webhooks", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_shape(&fixture("webhooks-list.json"), &r.json);
    let listed = r.json["webhooks"].as_array().unwrap();
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[3]["uuid"], json!(first), "newest first");

    let r = mock.get(&format!("/open/webhooks/channel/{PY_UUID}"), &key).await;
    assert_eq!(r.json["webhooks"].as_array().unwrap().len(), 2);
    let r = mock.get("/open/webhooks/channel/WPN00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.json["webhooks"], json!([]));

    let r = mock.delete(&format!("/open/webhooks/{first}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, fixture("webhooks-delete.json"));
    let r = mock.delete(&format!("/open/webhooks/{first}"), &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_message_style(&r);
    let r = mock.get("/open/webhooks", &key).await;
    assert!(r.json["webhooks"].as_array().unwrap().iter().all(|w| w["uuid"] != json!(first)));
    assert_eq!(r.json["webhooks"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn webhooks_validation() {
    let mock = Mock::new();
    let key = mock.account("webhooks-bad").await;
    let hook = "https://hooks.example.com/x";
    let cases = [
        ("whatsapp.message", json!({"hook_url": hook, "on_number": PY}), StatusCode::UNPROCESSABLE_ENTITY),
        ("whatsapp.message.sent", json!({"on_number": PY}), StatusCode::UNPROCESSABLE_ENTITY),
        ("whatsapp.message.sent", json!({"hook_url": "ftp://x", "on_number": PY}), StatusCode::UNPROCESSABLE_ENTITY),
        ("whatsapp.message.sent", json!({"hook_url": "not a url", "on_number": PY}), StatusCode::UNPROCESSABLE_ENTITY),
        ("whatsapp.message.sent", json!({"hook_url": hook}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "whatsapp.message.sent",
            json!({"hook_url": hook, "on_number": "595981048477"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("whatsapp.message.sent", json!({"hook_url": hook, "on_number": "+15550001111"}), StatusCode::NOT_FOUND),
        ("whatsapp.waba.message.sent", json!({"hook_url": hook, "on_number": "+15550001111"}), StatusCode::NOT_FOUND),
        ("call.incoming.completed", json!({"hook_url": hook, "on_number": PY}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "whatsapp.conversation.new",
            json!({"hook_url": hook, "on_number": PY, "time_period": "decade"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (event, body, status) in cases {
        let r = mock.post(&format!("/open/webhooks/subscribe/{event}"), &key, body.clone()).await;
        assert_eq!(r.status, status, "{event} {body}: {}", r.text);
        assert_message_style(&r);
    }
    let r = mock.delete("/open/webhooks/WHK00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_message_style(&r);
    assert_eq!(mock.get("/open/webhooks", &key).await.json["webhooks"], json!([]));
}

// ---------------------------------------------------------------- unknown paths

#[tokio::test]
async fn unknown_twochat_paths_are_json_404s() {
    let mock = Mock::new();
    let key = mock.account("unknown").await;
    for path in ["/open/nothing", "/open", "/ping/extra", "/sdk/voip", "/open/webhooks/a/b/c"] {
        let r = mock.get(path, &key).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.json["success"], json!(false), "{path}");
    }
    assert_message_style(&mock.get("/open/contacts/CONx/extra/deep", &key).await);
    let r = mock.call("POST", "/open/info", Some(&key), None).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_error_message_style(&r);
    let log = mock.requests(&key).await;
    assert_eq!(log.len(), 7);
    assert!(log.iter().all(|e| e["endpoint"].is_null()));
    assert_eq!(log[6]["status"], json!(405));
    // The token endpoint exists, for POST only.
    let r = mock.get("/sdk/voip/access-token", &key).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}

// ---------------------------------------------------------------- trailing slash

#[tokio::test]
async fn a_single_trailing_slash_is_the_same_endpoint() {
    let mock = Mock::new();
    let key = mock.account("slash").await;
    let r = mock.get("/open/info/", &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_shape(&fixture("account-info.json"), &r.json);
    assert_eq!(mock.get("/ping/", &key).await.status, StatusCode::OK);

    let plain = mock.get(&format!("/open/whatsapp/check-number/{PY}/+14155551234"), &key).await;
    let slashed = mock.get(&format!("/open/whatsapp/check-number/{PY}/+14155551234/"), &key).await;
    assert_eq!(slashed.status, StatusCode::OK, "{}", slashed.text);
    assert_eq!(slashed.json, plain.json);

    // Both methods of a shared path, and 405 for the others.
    let created = mock
        .post(
            "/open/contacts/",
            &key,
            json!({"first_name": "Ana", "contact_detail": [{"type": "E", "value": "a@b.co"}]}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(mock.get("/open/contacts/", &key).await.json["total"], json!(1));
    assert_eq!(mock.delete("/open/info/", &key).await.status, StatusCode::METHOD_NOT_ALLOWED);
    // Only one slash.
    assert_eq!(mock.get("/open/info//", &key).await.status, StatusCode::NOT_FOUND);

    let log = mock.requests(&key).await;
    let seen: Vec<(String, Value)> =
        log.iter().map(|e| (e["path"].as_str().unwrap().to_owned(), e["endpoint"].clone())).collect();
    assert_eq!(seen[0], ("/open/info/".to_owned(), json!(2)), "the path as received");
    assert_eq!(seen[1], ("/ping/".to_owned(), json!(1)));
    assert_eq!(seen[3], (format!("/open/whatsapp/check-number/{PY}/+14155551234/"), json!(11)));
    assert_eq!(seen[4].1, json!(44));
    assert_eq!(seen[5].1, json!(45));
}
