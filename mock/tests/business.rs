//! Contacts beyond create/list (#46–#49), WABA (#54–#59), phone calls (#60–#64), SMS (#65),
//! buying numbers (#66–#75) and `POST /__mock/seed`.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};

fn strs(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
}

// ---------------------------------------------------------------- #46–#49 contacts

async fn create_contact(mock: &Mock, key: &str, body: Value) -> String {
    let r = mock.post("/open/contacts", key, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["contact"]["uuid"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn contacts_search_get_update_delete() {
    let mock = Mock::new();
    let key = mock.account("contacts-crud").await;
    let ana = create_contact(
        &mock,
        &key,
        json!({"first_name": "Ana", "last_name": "Benítez", "contact_detail": [{"type": "E", "value": "ana@Example.com"}]}),
    )
    .await;
    let luis = create_contact(
        &mock,
        &key,
        json!({"first_name": "Luis", "channel_uuid": PY_UUID,
               "contact_detail": [{"type": "WAPH", "value": "+595981000222"}, {"type": "E", "value": "luis@example.org"}]}),
    )
    .await;

    // Search by name (case-insensitive), by detail, with `query` or `q`.
    let r = mock.get("/open/contacts/search?query=ana", &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["page"], json!(0));
    assert_eq!(r.json["count"], json!(1));
    let c = &r.json["contacts"][0];
    assert_eq!(c["uuid"], json!(ana));
    assert!(c["id"].is_u64());
    assert_shape(&fixture("contact-create.json")["contact"], c);
    let r = mock.get("/open/contacts/search?q=BENÍTEZ", &key).await;
    assert_eq!(r.json["count"], json!(1), "{}", r.text);
    let r = mock.get("/open/contacts/search?query=example.com", &key).await;
    assert_eq!(r.json["contacts"][0]["uuid"], json!(ana));
    let r = mock.get("/open/contacts/search?query=%2B595981000", &key).await;
    assert_eq!(r.json["contacts"][0]["uuid"], json!(luis));
    let r = mock.get("/open/contacts/search?q=EXAMPLE&results_per_page=1&page_number=1", &key).await;
    assert_eq!(r.json["page"], json!(1));
    assert_eq!(r.json["count"], json!(1));
    assert_eq!(r.json["contacts"][0]["uuid"], json!(luis));
    let r = mock.get(&format!("/open/contacts/search?q=example&channel_uuid={PY_UUID}"), &key).await;
    assert_eq!(r.json["count"], json!(1));
    let r = mock.get("/open/contacts/search?query=nobody", &key).await;
    assert_eq!(r.json["contacts"], json!([]));
    for q in ["", "?query=", "?q=a&results_per_page=0", "?q=a&results_per_page=101", "?q=a&page_number=x"] {
        let r = mock.get(&format!("/open/contacts/search{q}"), &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_message_style(&r);
    }

    // Get.
    let r = mock.get(&format!("/open/contacts/{ana}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let c = &r.json["contact"];
    assert_eq!(c["uuid"], json!(ana));
    assert_eq!(c["first_name"], json!("Ana"));
    assert_eq!(c["last_name"], json!("Benítez"));
    assert_eq!(c["channel_uuid"], Value::Null);
    assert_eq!(c["profile_pic_url"], Value::Null);
    assert!(c["last_updated"].as_str().unwrap().ends_with('Z'));
    assert_eq!(c["details"][0]["type"], json!("E"));

    // Update: changed fields only; contact_details replaces the details.
    let r = mock
        .put(
            &format!("/open/contacts/{ana}"),
            &key,
            json!({"last_name": "Benítez Ruiz", "channel_uuid": PY_UUID,
                   "contact_details": [{"type": "PH", "value": "+595981000333"}, {"type": "A", "value": "Asunción"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let c = &r.json["contact"];
    assert_eq!(c["first_name"], json!("Ana"));
    assert_eq!(c["last_name"], json!("Benítez Ruiz"));
    assert_eq!(c["channel_uuid"], json!(PY_UUID));
    assert_eq!(c["details"].as_array().unwrap().len(), 2);
    assert!(c["last_updated"].is_string());
    let r = mock
        .put(&format!("/open/contacts/{ana}"), &key, json!({"contact_detail": [{"type": "E", "value": "a@b.co"}]}))
        .await;
    assert_eq!(r.json["contact"]["details"][0]["value"], json!("a@b.co"));
    let r = mock.get(&format!("/open/contacts/{ana}"), &key).await;
    assert_eq!(r.json["contact"]["last_name"], json!("Benítez Ruiz"));
    for body in [json!({}), json!({"first_name": ""}), json!({"contact_details": [{"type": "PH", "value": "123"}]})] {
        let r = mock.put(&format!("/open/contacts/{ana}"), &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_message_style(&r);
    }

    // Delete.
    let r = mock.delete(&format!("/open/contacts/{ana}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true}));
    for r in [
        mock.get(&format!("/open/contacts/{ana}"), &key).await,
        mock.delete(&format!("/open/contacts/{ana}"), &key).await,
        mock.put(&format!("/open/contacts/{ana}"), &key, json!({"first_name": "X"})).await,
    ] {
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_message_style(&r);
    }
    assert_eq!(mock.get("/open/contacts", &key).await.json["total"], json!(1));
}

// ---------------------------------------------------------------- #54–#59 WABA

#[tokio::test]
async fn waba_numbers() {
    let mock = Mock::new();
    let key = mock.account("waba-numbers").await;
    let r = mock.get("/open/waba/numbers", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let numbers = r.json["numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 1);
    for f in ["friendly_name", "phone_number", "connection_status", "iso_country_code"] {
        assert!(numbers[0][f].is_string(), "{f}");
    }
    let r = mock.get(&format!("/open/waba/numbers/{WABA_UUID}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let n = &r.json["number"];
    assert_eq!(n["uuid"], json!(WABA_UUID));
    assert_eq!(n["phone_number"], json!(WABA));
    assert_eq!(n["channel_type"], json!("whatsapp"));
    assert_eq!(n["messaging_provider"], json!("meta"));
    assert!(n["account_uuid"].as_str().unwrap().starts_with("ACT"));
    for f in ["business_id", "verified_name", "formatted_phone_number", "phone_number_id", "pushname", "meta_waba_id"] {
        assert!(n[f].is_string(), "{f}");
    }
    for f in ["enabled", "business_calling_enabled", "is_coexistence", "is_only_for_calls", "has_meta_token"] {
        assert!(n[f].is_boolean(), "{f}");
    }
    let created = n["created_at"].as_str().unwrap();
    assert_eq!(created.len(), 19);
    assert_eq!(&created[10..11], " ");
    let r = mock.get("/open/waba/numbers/WAN00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_error_message_style(&r);
}

#[tokio::test]
async fn waba_templates_page_sync_and_delete() {
    let mock = Mock::new();
    let key = mock.account("waba-templates").await;
    let mut all = Vec::new();
    let mut page = Some(0);
    let mut pages = 0;
    while let Some(p) = page {
        let r = mock.get(&format!("/open/waba/templates?phone_number=%2B16173518454&page={p}"), &key).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json["total"], json!(23));
        all.extend(r.json["templates"].as_array().unwrap().iter().cloned());
        page = r.json["next_page"].as_u64();
        pages += 1;
        assert!(pages <= 3);
    }
    assert_eq!(pages, 3);
    assert_eq!(all.len(), 23);
    let t = &all[0];
    assert!(t["uuid"].as_str().unwrap().starts_with("TMP"));
    assert_eq!(t["status"], json!("APPROVED"));
    assert!(["UTILITY", "MARKETING", "AUTHENTICATION"].contains(&t["category"].as_str().unwrap()));
    assert!(t["template_content"].as_str().unwrap().contains("{{1}}"));
    assert!(t["updated_at"].is_string());
    assert!(t.get("description").is_some());
    assert_eq!(t["waba"]["uuid"], json!(WABA_UUID));
    assert_eq!(t["waba"]["phone_number"], json!(WABA));
    for f in ["friendly_name", "iso_country_code", "verified_name", "connection_status", "created_at", "updated_at"] {
        assert!(t["waba"][f].is_string(), "{f}");
    }
    let statuses: Vec<&str> = all.iter().map(|t| t["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"PENDING") && statuses.contains(&"REJECTED"));

    // Without the `+`, and the default page.
    let r = mock.get("/open/waba/templates?phone_number=16173518454", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["next_page"], json!(1));
    assert_eq!(r.json["templates"].as_array().unwrap().len(), 10);
    let r = mock.get("/open/waba/templates?phone_number=%2B16173518454&page=9", &key).await;
    assert_eq!(r.json["templates"], json!([]));
    assert_eq!(r.json["next_page"], Value::Null);
    for q in ["", "?phone_number=abc", "?phone_number=%2B16173518454&page=-1"] {
        let r = mock.get(&format!("/open/waba/templates{q}"), &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
    }
    let r = mock.get("/open/waba/templates?phone_number=%2B595981048477", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "not a WABA number");

    let r = mock.call("POST", "/open/waba/templates/sync?phone_number=%2B16173518454", Some(&key), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["is_syncing"], json!(true));
    assert!(r.json["message"].is_string());
    let started = r.json["start_time_syncing"].as_str().unwrap();
    assert_eq!(started.len(), 26, "{started}");
    assert_eq!(&started[10..11], "T");
    assert_eq!(&started[19..20], ".");
    assert!(!started.ends_with('Z'));
    let r = mock.call("POST", "/open/waba/templates/sync", Some(&key), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    let uuid = all[22]["uuid"].as_str().unwrap();
    let r = mock.delete(&format!("/open/waba/templates/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["success"], json!(true));
    assert!(r.json["message"].is_string());
    assert_eq!(mock.delete(&format!("/open/waba/templates/{uuid}"), &key).await.status, StatusCode::NOT_FOUND);
    let r = mock.get("/open/waba/templates?phone_number=%2B16173518454&page=2", &key).await;
    assert_eq!(r.json["total"], json!(22));
    assert_eq!(r.json["templates"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn waba_send_template_xor_text() {
    let mock = Mock::new();
    let key = mock.account("waba-send").await;
    let r = mock.get("/open/waba/templates?phone_number=%2B16173518454", &key).await;
    let template = r.json["templates"][0]["uuid"].as_str().unwrap().to_owned();
    let to = "+595981378890";
    let ok = [
        json!({"from_number": WABA, "to_number": to, "text": "Hola"}),
        json!({"from_number": WABA, "to_number": to, "template_uuid": template, "params": {}}),
        json!({"from_number": WABA, "to_number": to, "template_uuid": template,
               "params": {"body": ["Fredy", "A-1"], "header": ["Hi"], "header_media_url": "https://x.io/h.png"}}),
        json!({"from_number": WABA, "to_number": to, "template_uuid": template, "params": {"header": "Hi"}}),
    ];
    for body in ok {
        let r = mock.post("/open/waba/send-message", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::OK, "{body}: {}", r.text);
        assert!(r.json["message_uuid"].as_str().unwrap().starts_with("MSG"));
        assert_eq!(r.json["batched"], json!(true));
        assert_eq!(r.json["success"], json!(true));
    }
    let bad = [
        json!({"from_number": WABA, "to_number": to}),
        json!({"from_number": WABA, "to_number": to, "text": "x", "template_uuid": template, "params": {}}),
        json!({"from_number": WABA, "to_number": to, "template_uuid": template}),
        json!({"from_number": WABA, "to_number": to, "text": "x", "params": {}}),
        json!({"from_number": WABA, "to_number": to, "template_uuid": template, "params": {"body": [1]}}),
        json!({"from_number": WABA, "to_number": to, "template_uuid": template, "params": []}),
        json!({"from_number": WABA, "to_number": "595981378890", "text": "x"}),
        json!({"to_number": to, "text": "x"}),
    ];
    for body in bad {
        let r = mock.post("/open/waba/send-message", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text);
        assert_error_message_style(&r);
    }
    let not_found = [
        json!({"from_number": WABA, "to_number": to, "template_uuid": "TMP00000000-0000-4000-8000-000000000000", "params": {}}),
        json!({"from_number": PY, "to_number": to, "text": "x"}),
    ];
    for body in not_found {
        let r = mock.post("/open/waba/send-message", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{body}: {}", r.text);
    }
}

// ---------------------------------------------------------------- #60–#64 calls

#[tokio::test]
async fn call_history_pages_and_direction() {
    let mock = Mock::new();
    let key = mock.account("calls").await;
    let r = mock.get("/open/voip/call-history", &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["page"], json!(0));
    assert_eq!(r.json["count"], json!(20));
    assert_eq!(r.json["total"], json!(35));
    let cdrs = r.json["cdrs"].as_array().unwrap();
    let c = &cdrs[0];
    assert!(c["uuid"].as_str().unwrap().starts_with("CDR"));
    for f in [
        "account_uuid",
        "callid",
        "direction",
        "iso_country_code",
        "status",
        "created_at",
        "updated_at",
        "start_time",
        "end_time",
    ] {
        assert!(c[f].is_string(), "{f}: {c}");
    }
    for f in ["active", "is_whatsapp_call"] {
        assert!(c[f].is_boolean(), "{f}");
    }
    assert!(c["duration"].is_i64());
    assert!(c.get("is_sip_trunk_call").is_some());
    for f in ["callid", "forwarded", "toll_free", "start_dt", "end_dt", "duration", "call_price"] {
        assert!(c["call_cost"].get(f).is_some(), "call_cost.{f}");
    }
    assert!(cdrs[0]["created_at"].as_str() > cdrs[19]["created_at"].as_str(), "newest first");
    let r = mock.get("/open/voip/call-history?page_number=1", &key).await;
    assert_eq!(r.json["count"], json!(15));
    let r = mock.get("/open/voip/call-history?page_number=2", &key).await;
    assert_eq!(r.json["cdrs"], json!([]));

    let mut both = 0;
    for (direction, letter) in [("inbound", "I"), ("outbound", "O")] {
        let r = mock.get(&format!("/open/voip/call-history?direction={direction}"), &key).await;
        assert_eq!(r.status, StatusCode::OK);
        let cdrs = r.json["cdrs"].as_array().unwrap();
        assert!(!cdrs.is_empty());
        assert!(cdrs.iter().all(|c| c["direction"] == json!(letter)), "{direction}");
        both += r.json["total"].as_u64().unwrap();
    }
    assert_eq!(both, 35);
    let r = mock.get("/open/voip/call-history?direction=outbound", &key).await;
    assert!(r.json["cdrs"][0]["from"].as_str().unwrap().starts_with("USR"));
    assert!(r.json["cdrs"][0]["caller_id_uuid"].as_str().unwrap().starts_with("VCI"));
    for q in ["direction=both", "direction=I", "page_number=-1"] {
        let r = mock.get(&format!("/open/voip/call-history?{q}"), &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_error_message_style(&r);
    }

    // One call, with its agent.
    let answered = cdrs.iter().find(|c| c["agent_id"].is_string()).unwrap();
    let uuid = answered["uuid"].as_str().unwrap();
    let r = mock.get(&format!("/open/voip/call/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let cdr = &r.json["cdr"];
    assert_eq!(cdr["uuid"], json!(uuid));
    let agent = &cdr["agent"];
    assert!(agent["uuid"].as_str().unwrap().starts_with("USR"));
    assert_eq!(
        agent["full_name"],
        json!(format!("{} {}", agent["first_name"].as_str().unwrap(), agent["last_name"].as_str().unwrap()))
    );
    assert!(agent.get("profile_pic_url").is_some());
    let r = mock.get("/open/voip/call/CDR00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn virtual_numbers_caller_ids_and_cancellation() {
    let mock = Mock::new();
    let key = mock.account("virtual-numbers").await;
    let r = mock.get("/open/voip/virtual-numbers", &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["page"], json!(0));
    assert_eq!(r.json["count"], json!(3));
    let n = &r.json["numbers"][0];
    assert!(n["uuid"].as_str().unwrap().starts_with("DID"));
    assert_eq!(n["uuid"].as_str().unwrap().len(), 39);
    assert_eq!(n["phone_number"], json!(SMS_FROM));
    for f in [
        "account_uuid",
        "formatted_phone_number",
        "iso_country_code",
        "region_name",
        "emoji",
        "friendly_name",
        "provider_type",
        "timezone",
        "status_text",
        "created_at",
        "updated_at",
        "expires_at",
    ] {
        assert!(n[f].is_string(), "{f}");
    }
    for f in ["record_inbound", "is_toll_free", "priced_per_minute"] {
        assert!(n[f].is_boolean(), "{f}");
    }
    assert_eq!(n["status"], json!(1));
    assert_eq!(n["status_text"], json!("ACTIVE"));
    let r = mock.get("/open/voip/virtual-numbers?results_per_page=2&page_number=1", &key).await;
    assert_eq!(r.json["count"], json!(1));
    assert_eq!(r.json["page"], json!(1));
    for q in ["results_per_page=0", "results_per_page=-1", "results_per_page=x", "page_number=x"] {
        assert_eq!(
            mock.get(&format!("/open/voip/virtual-numbers?{q}"), &key).await.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{q}"
        );
    }

    let r = mock.get("/open/voip/caller-ids", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["count"], json!(2));
    let c = &r.json["caller_ids"][0];
    assert!(c["uuid"].as_str().unwrap().starts_with("VCI"));
    for f in ["account_uuid", "phone_number", "friendly_name", "iso_country_code", "type", "created_at", "updated_at"] {
        assert!(c[f].is_string(), "{f}");
    }
    assert!(["VN", "WW", "WA", "CI"].contains(&c["type"].as_str().unwrap()));
    assert!(c["verified"].is_boolean());
    assert!(c.get("expires_at").is_some() && c.get("channel_uuid").is_some());

    let uuid = n["uuid"].as_str().unwrap().to_owned();
    let r = mock.delete(&format!("/open/voip/virtual-numbers/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true}));
    let r = mock.get("/open/voip/virtual-numbers", &key).await;
    let n = r.json["numbers"].as_array().unwrap().iter().find(|n| n["uuid"] == json!(uuid)).cloned().unwrap();
    assert_eq!(n["status_text"], json!("PENDING_CANCELLATION"));
    let r = mock.delete("/open/voip/virtual-numbers/DID00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A number pending cancellation no longer sends SMS.
    let r = mock
        .post("/open/sms/send", &key, json!({"from_number": SMS_FROM, "to_number": "+447700900123", "text": "x"}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------- #65 SMS

#[tokio::test]
async fn sms_accepted_and_refused() {
    let mock = Mock::new();
    let key = mock.account("sms").await;
    let r = mock
        .post("/open/sms/send", &key, json!({"from_number": SMS_FROM, "to_number": "+447700900123", "text": "hello"}))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    assert_eq!(r.json["success"], json!(true));
    assert!(!r.json["message_id"].as_str().unwrap().is_empty());

    let r = mock
        .post("/open/sms/send", &key, json!({"from_number": SMS_FROM, "to_number": "+14155551234", "text": "hi"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error_message_style(&r);
    assert_eq!(r.json["error_message"], json!("A2P messages to US numbers are not supported"));

    let bad = [
        json!({"to_number": "+447700900123", "text": "x"}),
        json!({"from_number": SMS_FROM, "text": "x"}),
        json!({"from_number": SMS_FROM, "to_number": "+447700900123"}),
        json!({"from_number": SMS_FROM, "to_number": "447700900123", "text": "x"}),
        json!({"from_number": SMS_FROM, "to_number": "+447700900123", "text": ""}),
    ];
    for body in bad {
        let r = mock.post("/open/sms/send", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    for from in [PY, "+442071838750"] {
        let r = mock
            .post("/open/sms/send", &key, json!({"from_number": from, "to_number": "+447700900123", "text": "x"}))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{from} is not SMS-enabled");
    }
}

// ---------------------------------------------------------------- #66–#75 numbers

#[tokio::test]
async fn number_catalogue_lookups() {
    let mock = Mock::new();
    let key = mock.account("numbers-lookup").await;
    let r = mock.get("/open/numbers/regions?country=US", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let regions = r.json["data"]["regions"].as_array().unwrap();
    assert!(!regions.is_empty());
    assert!(regions[0]["id"].is_u64() && regions[0]["region_name"].is_string());
    assert_eq!(regions[0]["iso_country_code"], json!("US"));
    assert!(!mock.get("/open/numbers/regions?country=gb", &key).await.json["data"]["regions"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(mock.get("/open/numbers/regions?country=MX", &key).await.json["data"]["regions"], json!([]));
    for q in ["", "?country=USA", "?country=1", "?country="] {
        let r = mock.get(&format!("/open/numbers/regions{q}"), &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_error_message_style(&r);
    }

    let region = regions[0]["id"].as_u64().unwrap();
    let r = mock.get(&format!("/open/numbers/cities?country=US&region={region}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let cities = r.json["data"]["cities"].as_array().unwrap();
    assert!(!cities.is_empty());
    assert!(cities.iter().all(|c| c["region_id"] == json!(region) && c["city_name"].is_string()));
    let all = mock.get("/open/numbers/cities?country=US", &key).await;
    assert!(all.json["data"]["cities"].as_array().unwrap().len() > cities.len());
    assert_eq!(mock.get("/open/numbers/cities", &key).await.status, StatusCode::UNPROCESSABLE_ENTITY);

    let r = mock.get("/open/numbers/did-types", &key).await;
    let names: Vec<&str> =
        r.json["data"]["did_types"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["local", "mobile", "tollfree", "national", "global", "sharedcost"]);

    let r = mock.get("/open/numbers/requirements?country=GB", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let reqs = r.json["data"]["requirements"].as_array().unwrap();
    assert!(!reqs.is_empty() && reqs[0]["description"].is_string() && reqs[0]["did_type"].is_string());
    let r = mock.get("/open/numbers/requirements?country=GB&did_type=mobile", &key).await;
    assert!(r.json["data"]["requirements"].as_array().unwrap().iter().all(|q| q["did_type"] == json!("mobile")));
    // did-types lists numeric ids: #69 takes the id as well as the name.
    let by_id = mock.get("/open/numbers/requirements?country=GB&did_type=2", &key).await;
    assert_eq!(by_id.status, StatusCode::OK);
    assert_eq!(by_id.json["data"]["requirements"], r.json["data"]["requirements"]);
    assert_eq!(
        mock.get("/open/numbers/groups?country=GB&did_type=2", &key).await.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "#70 documents a type name"
    );
    assert_eq!(mock.get("/open/numbers/requirements?country=US", &key).await.json["data"]["requirements"], json!([]));
    assert_eq!(
        mock.get("/open/numbers/requirements?country=US&did_type=fax", &key).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let r = mock.get("/open/numbers/groups?country=US", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let groups = r.json["data"]["groups"].as_array().unwrap();
    assert!(groups.len() >= 3);
    let g = &groups[0];
    assert!(g["id"].is_string() && g["prefix"].is_string() && g["location"].is_string() && g["type"].is_string());
    for f in ["setup_price", "monthly_price", "ppm"] {
        assert!(g["price"][f].is_string(), "{f}");
    }
    assert!(g["requirements"].is_array() && g["features"].is_array());
    assert!(g["allow_number_selection"].is_boolean() && g["is_eligible_for_free_number"].is_boolean());
    let r = mock.get("/open/numbers/groups?country=US&did_type=tollfree", &key).await;
    assert!(r.json["data"]["groups"].as_array().unwrap().iter().all(|g| g["type"] == json!("tollfree")));
    let r = mock.get("/open/numbers/groups?country=US&city_name_or_prefix=san%20fran", &key).await;
    assert_eq!(r.json["data"]["groups"].as_array().unwrap().len(), 1);
    let r = mock.get("/open/numbers/groups?country=US&city_name_or_prefix=1212", &key).await;
    assert_eq!(r.json["data"]["groups"][0]["prefix"], json!("1212"));
    let r = mock.get(&format!("/open/numbers/groups?country=US&region_id={region}&did_type=all"), &key).await;
    assert!(!r.json["data"]["groups"].as_array().unwrap().is_empty());
    assert_eq!(mock.get("/open/numbers/groups", &key).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        mock.get("/open/numbers/groups?country=US&city_id=x", &key).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Available numbers.
    let selectable = groups.iter().find(|g| g["allow_number_selection"] == json!(true)).unwrap();
    let fixed = groups.iter().find(|g| g["allow_number_selection"] == json!(false)).unwrap();
    let id = selectable["id"].as_str().unwrap();
    let r = mock.get(&format!("/open/numbers/available?group_id={id}"), &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let numbers = r.json["data"]["numbers"].as_array().unwrap();
    assert!(numbers.len() > 2);
    assert!(numbers[0]["id"].is_string());
    let first = numbers[0]["number"].as_str().unwrap();
    assert!(first.starts_with(&format!("+{}", selectable["prefix"].as_str().unwrap())), "{first}");
    let tail = &first[first.len() - 4..];
    let r = mock.get(&format!("/open/numbers/available?group_id={id}&number_contains={tail}"), &key).await;
    assert!(r.json["data"]["numbers"].as_array().unwrap().iter().all(|n| n["number"].as_str().unwrap().contains(tail)));
    let fixed_id = fixed["id"].as_str().unwrap();
    assert_eq!(
        mock.get(&format!("/open/numbers/available?group_id={fixed_id}"), &key).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(mock.get("/open/numbers/available?group_id=nope", &key).await.status, StatusCode::NOT_FOUND);
    assert_eq!(mock.get("/open/numbers/available", &key).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        mock.get(&format!("/open/numbers/available?group_id={id}&number_contains=12a"), &key).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

async fn us_groups(mock: &Mock, key: &str) -> (String, String, String) {
    let r = mock.get("/open/numbers/groups?country=US", key).await;
    let groups = r.json["data"]["groups"].as_array().unwrap().clone();
    let selectable: Vec<&Value> = groups.iter().filter(|g| g["allow_number_selection"] == json!(true)).collect();
    let fixed = groups.iter().find(|g| g["allow_number_selection"] == json!(false)).unwrap();
    (
        selectable[0]["id"].as_str().unwrap().to_owned(),
        selectable[1]["id"].as_str().unwrap().to_owned(),
        fixed["id"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn reserve_purchase_and_virtual_numbers() {
    let mock = Mock::new();
    let key = mock.account("purchase").await;
    let (group, _, fixed) = us_groups(&mock, &key).await;
    let available = mock.get(&format!("/open/numbers/available?group_id={group}"), &key).await;
    let chosen = available.json["data"]["numbers"][2]["number"].as_str().unwrap().to_owned();

    let r = mock.post("/open/numbers/reservations", &key, json!({"group_id": group, "number": chosen})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let d = &r.json["data"]["reservation_details"];
    assert_eq!(d["number"], json!(chosen));
    let reservation = d["uuid"].as_str().unwrap().to_owned();
    assert!(
        d["created_at"].as_str().unwrap().ends_with('Z')
            && d["expires_at"].as_str().unwrap() > d["created_at"].as_str().unwrap()
    );
    // Reserved numbers are no longer available, nor reservable twice.
    let available = mock.get(&format!("/open/numbers/available?group_id={group}"), &key).await;
    assert!(!available.json["data"]["numbers"].as_array().unwrap().iter().any(|n| n["number"] == json!(chosen)));
    let r = mock.post("/open/numbers/reservations", &key, json!({"group_id": group, "number": chosen})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A random one (also from a group without number selection).
    let r = mock.post("/open/numbers/reservations", &key, json!({"group_id": fixed})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let random = r.json["data"]["reservation_details"]["number"].as_str().unwrap().to_owned();

    let r = mock.get("/open/numbers/reservations", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let list = r.json["data"]["reservations"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    let res = &list[0];
    assert_eq!(res["uuid"], json!(reservation));
    assert_eq!(res["did_group_id"], json!(group));
    for f in ["did_type", "iso_country_code", "location", "reservation_date", "reservation_end_date"] {
        assert!(res[f].is_string(), "{f}");
    }
    for f in ["setup_price", "monthly_price", "ppm"] {
        assert!(res[f].is_number(), "{f}");
    }
    for f in ["needs_registration", "supports_sms_in", "supports_sms_out"] {
        assert!(res[f].is_boolean(), "{f}");
    }

    // Buy the chosen one by number.
    let r = mock.post("/open/numbers/purchase", &key, json!({"number": chosen})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json, json!({"success": true, "purchased": [chosen], "failed": []}));
    let r = mock.get("/open/numbers/reservations", &key).await;
    let left: Vec<&Value> = r.json["data"]["reservations"].as_array().unwrap().iter().map(|x| &x["number"]).collect();
    assert_eq!(left, [&json!(random)]);
    let r = mock.get("/open/voip/virtual-numbers", &key).await;
    let bought =
        r.json["numbers"].as_array().unwrap().iter().find(|n| n["phone_number"] == json!(chosen)).cloned().unwrap();
    assert_eq!(bought["status_text"], json!("ACTIVE"));
    assert!(bought["uuid"].as_str().unwrap().starts_with("DID"));
    assert_eq!(r.json["count"], json!(4));
    // Not reserved (any more): 404.
    let r = mock.post("/open/numbers/purchase", &key, json!({"number": chosen})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Bought numbers are not available.
    let available = mock.get(&format!("/open/numbers/available?group_id={group}"), &key).await;
    assert!(!available.json["data"]["numbers"].as_array().unwrap().iter().any(|n| n["number"] == json!(chosen)));

    // Cancel the other reservation.
    let uuid = mock.get("/open/numbers/reservations", &key).await.json["data"]["reservations"][0]["uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = mock.delete(&format!("/open/numbers/reservations/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["success"], json!(true));
    assert!(r.json["message"].is_string());
    assert_eq!(mock.get("/open/numbers/reservations", &key).await.json["data"]["reservations"], json!([]));
    assert_eq!(mock.delete(&format!("/open/numbers/reservations/{uuid}"), &key).await.status, StatusCode::NOT_FOUND);

    // Validation.
    for body in [
        json!({}),
        json!({"number": "+14155551000"}),
        json!({"group_id": group, "number": "14155551000"}),
        json!({"group_id": true}),
    ] {
        let r = mock.post("/open/numbers/reservations", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text);
    }
    let r = mock.post("/open/numbers/reservations", &key, json!({"group_id": "nope"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = mock.post("/open/numbers/reservations", &key, json!({"group_id": fixed, "number": "+18335551000"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "no number selection in that group");
    let r = mock.post("/open/numbers/purchase", &key, json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "nothing reserved");
    assert_error_message_style(&r);
}

#[tokio::test]
async fn purchase_without_a_number_buys_every_reservation() {
    let mock = Mock::new();
    let key = mock.account("purchase-all").await;
    let (a, b, _) = us_groups(&mock, &key).await;
    let mut reserved = Vec::new();
    for group in [&a, &a, &b] {
        let r = mock.post("/open/numbers/reservations", &key, json!({"group_id": group})).await;
        assert_eq!(r.status, StatusCode::CREATED);
        reserved.push(r.json["data"]["reservation_details"]["number"].as_str().unwrap().to_owned());
    }
    assert_eq!(reserved.iter().collect::<std::collections::HashSet<_>>().len(), 3, "distinct numbers");

    // With only group_id: that group's reservations.
    let r = mock.post("/open/numbers/purchase", &key, json!({"group_id": b})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(strs(&r.json["purchased"]), [reserved[2].clone()]);

    // With nothing (no body at all): every active reservation.
    let r = mock.call("POST", "/open/numbers/purchase", Some(&key), None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(strs(&r.json["purchased"]), reserved[..2]);
    assert_eq!(r.json["failed"], json!([]));
    assert_eq!(mock.get("/open/numbers/reservations", &key).await.json["data"]["reservations"], json!([]));
    let r = mock.get("/open/voip/virtual-numbers", &key).await;
    let phones: Vec<&str> =
        r.json["numbers"].as_array().unwrap().iter().map(|n| n["phone_number"].as_str().unwrap()).collect();
    for n in &reserved {
        assert!(phones.contains(&n.as_str()), "{n}");
    }
    assert_eq!(r.json["count"], json!(6));
}

// ---------------------------------------------------------------- POST /__mock/seed

#[tokio::test]
async fn seed_fills_pages() {
    let mock = Mock::new();
    let key = mock.account("seed").await;
    mock.seed(
        &key,
        json!({
            "messages": {"number": PY, "remote_number": MX, "count": 250},
            "contacts": 120,
            "calls": 45,
            "virtual_numbers": 5,
            "caller_ids": 5,
            "templates": 5,
        }),
    )
    .await;

    // Messages: 100 per page, a short page ends.
    let mut sizes = Vec::new();
    let mut uuids = std::collections::HashSet::new();
    for page in 0..4 {
        let r = mock.get(&format!("/open/whatsapp/messages/{PY}/{MX}?page_number={page}"), &key).await;
        let messages = r.json["messages"].as_array().unwrap();
        sizes.push(messages.len());
        for m in messages {
            assert!(uuids.insert(m["uuid"].as_str().unwrap().to_owned()), "distinct");
            assert_eq!(m["remote_phone_number"], json!(MX));
        }
    }
    assert_eq!(sizes, [100, 100, 52, 0]);
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await;
    let first = &r.json["messages"][0];
    assert!(first["timestamp"].as_f64().unwrap() > 1_700_000_000.0, "seeded messages are the newest");
    let session = first["session_key"].as_str().unwrap();
    let uuid = first["uuid"].as_str().unwrap();
    assert_eq!(mock.get(&format!("/open/whatsapp/message/{session}/{uuid}"), &key).await.status, StatusCode::OK);

    // Contacts: results_per_page with count (and total).
    let r = mock.get("/open/contacts?results_per_page=50&page_number=2", &key).await;
    assert_eq!(r.json["count"], json!(20));
    assert_eq!(r.json["total"], json!(120));
    let r = mock.get("/open/contacts/search?q=seed&results_per_page=100&page_number=1", &key).await;
    assert_eq!(r.json["count"], json!(20));
    let r = mock.get("/open/contacts/search?q=seed0007%40example.com", &key).await;
    assert_eq!(r.json["count"], json!(1));

    // Calls: 20 per page.
    let sizes: Vec<u64> = {
        let mut v = Vec::new();
        for page in 0..5 {
            v.push(
                mock.get(&format!("/open/voip/call-history?page_number={page}"), &key).await.json["count"]
                    .as_u64()
                    .unwrap(),
            );
        }
        v
    };
    assert_eq!(sizes, [20, 20, 20, 20, 0]);

    let r = mock.get("/open/voip/virtual-numbers?results_per_page=5&page_number=1", &key).await;
    assert_eq!(r.json["count"], json!(3));
    assert_eq!(r.json["total"], json!(8));
    let r = mock.get("/open/voip/caller-ids", &key).await;
    assert_eq!(r.json["count"], json!(7));
    let r = mock.get("/open/waba/templates?phone_number=%2B16173518454&page=2", &key).await;
    assert_eq!(r.json["total"], json!(28));
    assert_eq!(r.json["templates"].as_array().unwrap().len(), 8);
    assert_eq!(r.json["next_page"], Value::Null);
}

#[tokio::test]
async fn seed_validation() {
    let mock = Mock::new();
    let key = mock.account("seed-bad").await;
    let cases = [
        (json!({}), StatusCode::BAD_REQUEST),
        (json!({"api_key": "UAK-nobody", "contacts": 1}), StatusCode::NOT_FOUND),
        (json!({"api_key": key, "contacts": -1}), StatusCode::BAD_REQUEST),
        (json!({"api_key": key, "contacts": 100_001}), StatusCode::BAD_REQUEST),
        (json!({"api_key": key, "messages": {"number": "+15550001111", "count": 1}}), StatusCode::BAD_REQUEST),
        (json!({"api_key": key, "messages": {"count": 1}}), StatusCode::BAD_REQUEST),
        (json!({"api_key": key, "conversations": {"channel_uuid": "WPNnope", "count": 1}}), StatusCode::BAD_REQUEST),
        (json!({"api_key": key, "group_messages": {"group_uuid": "WAGnope", "count": 1}}), StatusCode::BAD_REQUEST),
        (json!({"api_key": key, "contacts": 5, "bananas": 3}), StatusCode::BAD_REQUEST),
    ];
    for (body, status) in cases {
        let r = mock.control("POST", "/__mock/seed", Some(body.clone())).await;
        assert_eq!(r.status, status, "{body}: {}", r.text);
        assert_eq!(r.json["ok"], json!(false));
    }
    // Nothing was applied, and the seed calls are not logged.
    assert_eq!(mock.get("/open/contacts", &key).await.json["total"], json!(0));
    assert_eq!(mock.requests(&key).await.len(), 1);
    mock.seed(&key, json!({})).await;
}
