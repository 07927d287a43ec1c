//! Account extras (#1, #3, #4), channels (#6–#10), single messages and conversations (#15–#17),
//! profile and status (#18–#21), group changes (#24–#31) and the catalog (#32–#43).

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};

fn strs(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
}

// ---------------------------------------------------------------- #1, #3, #4

#[tokio::test]
async fn ping_users_and_voice_tokens() {
    let mock = Mock::new();
    let key = mock.account("ping").await;
    let r = mock.get("/ping", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true}));
    let r = mock.call("GET", "/ping", None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "ping needs a key like everything else");

    let r = mock.get("/open/users", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let users = r.json["data"]["users"].as_array().unwrap();
    assert_eq!(users.len(), 2);
    for u in users {
        assert!(u["uuid"].as_str().unwrap().starts_with("USR"));
        for f in ["first_name", "last_name", "email"] {
            assert!(u[f].is_string(), "{f}");
        }
    }
    assert_eq!(users[0]["uuid"], json!(USER));

    let r = mock.post("/sdk/voip/access-token", &key, json!({"user_uuid": USER, "label": "web", "ttl": 120})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["success"], json!(true));
    assert_eq!(r.json["user_uuid"], json!(USER));
    assert_eq!(r.json["label"], json!("web"));
    let token = r.json["token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "{token}");
    for p in &parts {
        assert!(!p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{p}");
    }
    assert!(parts[0].starts_with("eyJ"));
    let expires = r.json["expires_at"].as_str().unwrap();
    assert!(expires.ends_with("+00:00") && expires.contains('T'), "{expires}");

    // No label → null; ttl is clamped; the default is an hour.
    let r = mock.post("/sdk/voip/access-token", &key, json!({"user_uuid": USER, "ttl": 5})).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["label"], Value::Null);
    let short = r.json["expires_at"].as_str().unwrap().to_owned();
    let r = mock.post("/sdk/voip/access-token", &key, json!({"user_uuid": USER, "ttl": 999_999})).await;
    let long = r.json["expires_at"].as_str().unwrap().to_owned();
    let r = mock.post("/sdk/voip/access-token", &key, json!({"user_uuid": USER})).await;
    let default = r.json["expires_at"].as_str().unwrap().to_owned();
    assert!(short < default && default < long, "{short} {default} {long}");

    for body in [json!({}), json!({"user_uuid": "USR00000000-0000-4000-8000-000000000000"})] {
        let r = mock.post("/sdk/voip/access-token", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        assert_error_message_style(&r);
    }
    let r = mock.post("/sdk/voip/access-token", &key, json!({"user_uuid": USER, "ttl": "long"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

// ---------------------------------------------------------------- #6–#10 channels

#[tokio::test]
async fn seeded_channel_details() {
    let mock = Mock::new();
    let key = mock.account("channel-get").await;
    let r = mock.get(&format!("/open/whatsapp/channel/{PY_UUID}"), &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let c = &r.json["channel"];
    assert_eq!(c["uuid"], json!(PY_UUID));
    assert_eq!(c["phone_number"], json!(PY));
    assert_eq!(c["connection_status"], json!("C"));
    assert_eq!(c["timezone"], json!("America/Asuncion"));
    assert_eq!(c["lang"], json!("es"));
    assert_eq!(c["is_business_profile"], json!(true), "it has the catalog");
    assert_eq!(c["pushname"], json!("✌️"));
    assert_eq!(c["created_at"], json!("2022-10-31T22:05:44Z"));
    let r = mock.get(&format!("/open/whatsapp/channel/{PY_UUID}/status"), &key).await;
    assert_eq!(r.json["connection_status"], json!("C"));
    assert_eq!(r.json["events"][0]["event"], json!("ready"));
    assert!(r.json.get("qr_code").is_none());
    let r = mock.get("/open/whatsapp/channel/WPN00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_error_message_style(&r);
}

#[tokio::test]
async fn channel_lifecycle() {
    let mock = Mock::new();
    let key = mock.account("channels").await;
    let phone = "+447700900555";
    let r = mock
        .post("/open/whatsapp/channel/create", &key, json!({"phone_number": phone, "friendly_name": "uk support"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["success"], json!(true));
    let c = &r.json["channel"];
    let uuid = c["uuid"].as_str().unwrap().to_owned();
    assert!(uuid.starts_with("WPN"));
    assert!(c["id"].is_u64());
    assert_eq!(c["friendly_name"], json!("uk support"));
    assert_eq!(c["phone_number"], json!(phone));
    assert_eq!(c["iso_country_code"], json!("GB"));
    assert_eq!(c["pushname"], Value::Null);
    assert_eq!(c["server"], json!("447700900555@c.us"));
    assert_eq!(c["platform"], Value::Null);
    assert_eq!(c["connection_status"], json!("D"));
    assert_eq!(c["enabled"], json!(true));
    assert_eq!(c["is_business_profile"], json!(false));
    assert_eq!(c["channel_type"], json!("WW"));
    assert_eq!(c["sync_contacts"], json!(false));
    assert_eq!(c["timezone"], json!("Europe/London"));
    assert_eq!(c["lang"], json!("en"));
    assert!(c["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(c["updated_at"], Value::Null);

    // Listed by get-numbers, in its format.
    let r = mock.get("/open/whatsapp/get-numbers", &key).await;
    let listed = r.json["numbers"].as_array().unwrap().iter().find(|n| n["uuid"] == json!(uuid)).cloned().unwrap();
    assert_eq!(listed["phone_number"], json!(phone));
    assert_eq!(listed["created_at"].as_str().unwrap().len(), 19);
    assert_eq!(listed["updated_at"], Value::Null);
    let r = mock.get("/open/whatsapp/get-numbers?status=disconnected", &key).await;
    assert_eq!(r.json["numbers"].as_array().unwrap().len(), 2);

    // Same number again: 403.
    let r = mock
        .post("/open/whatsapp/channel/create", &key, json!({"phone_number": phone, "friendly_name": "again"}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_error_message_style(&r);
    let r = mock.post("/open/whatsapp/channel/create", &key, json!({"phone_number": PY, "friendly_name": "x"})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = mock.get(&format!("/open/whatsapp/channel/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["channel"]["uuid"], json!(uuid));

    // connect → waiting on a QR code, twice in a row.
    let r = mock.post(&format!("/open/whatsapp/channel/{uuid}/connect"), &key, json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json, json!({"success": true}));
    for _ in 0..2 {
        let r = mock.get(&format!("/open/whatsapp/channel/{uuid}/status"), &key).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json["success"], json!(true));
        assert_eq!(r.json["connection_status"], json!("D"));
        assert!(!r.json["qr_code"].as_str().unwrap().is_empty(), "{}", r.text);
        assert_eq!(r.json["events"][0]["event"], json!("qr-received"));
        assert!(r.json["events"][0]["created_at"].as_str().unwrap().ends_with('Z'));
    }

    // disconnect → no QR code; the last ten events only, newest first.
    let r = mock.call("POST", &format!("/open/whatsapp/channel/{uuid}/disconnect"), Some(&key), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = mock.get(&format!("/open/whatsapp/channel/{uuid}/status"), &key).await;
    assert_eq!(r.json["connection_status"], json!("D"));
    assert!(r.json.get("qr_code").is_none());
    assert_eq!(r.json["events"][0]["event"], json!("disconnected"));
    for _ in 0..10 {
        mock.post(&format!("/open/whatsapp/channel/{uuid}/connect"), &key, json!({})).await;
    }
    let r = mock.get(&format!("/open/whatsapp/channel/{uuid}/status"), &key).await;
    assert_eq!(r.json["events"].as_array().unwrap().len(), 10);

    // delete → gone everywhere.
    let r = mock.delete(&format!("/open/whatsapp/channel/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true}));
    for path in [format!("/open/whatsapp/channel/{uuid}"), format!("/open/whatsapp/channel/{uuid}/status")] {
        let r = mock.get(&path, &key).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(mock.delete(&format!("/open/whatsapp/channel/{uuid}"), &key).await.status, StatusCode::NOT_FOUND);
    let r = mock.post(&format!("/open/whatsapp/channel/{uuid}/connect"), &key, json!({})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(mock.get("/open/whatsapp/get-numbers", &key).await.json["numbers"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn channel_create_validation() {
    let mock = Mock::new();
    let key = mock.account("channels-bad").await;
    for body in [
        json!({"friendly_name": "x"}),
        json!({"phone_number": "447700900555", "friendly_name": "x"}),
        json!({"phone_number": "+447700900555"}),
        json!({"phone_number": "+447700900555", "friendly_name": ""}),
        json!({"phone_number": 447_700_900_555_u64, "friendly_name": "x"}),
    ] {
        let r = mock.post("/open/whatsapp/channel/create", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text);
        assert_error_message_style(&r);
    }
}

// ---------------------------------------------------------------- #15–#17 messages

#[tokio::test]
async fn get_and_delete_single_messages() {
    let mock = Mock::new();
    let key = mock.account("message-get").await;
    let session = format!("WW-{PY_UUID}-5215512345432@c.us");
    let seeded = "MSG8c39a0a9-01cf-46c9-ab46-3c0fb0477e99";
    let r = mock.get(&format!("/open/whatsapp/message/{session}/{seeded}"), &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let m = &r.json["message"];
    assert!(m["id"].is_u64());
    assert_eq!(m["uuid"], json!(seeded));
    assert_eq!(m["session_key"], json!(session));
    assert_eq!(m["message"], json!({"text": "you can see my replies here"}));
    assert!(m["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(m["remote_phone_number"], json!(MX));
    assert_eq!(m["sent_by"], json!("agent"));
    assert_eq!(m["is_from_agent"], json!(true));
    assert_eq!(m["is_from_api"], json!(false));
    for f in ["is_from_flow_run", "is_from_chatter", "sent"] {
        assert!(m[f].is_boolean(), "{f}");
    }
    assert!(m["wa_msg_id"].as_str().unwrap().contains("@c.us"));
    assert!((0..=3).contains(&m["wa_msg_ack"].as_u64().unwrap()));

    // A sent message has a session key and can be read back, then deleted.
    let r = mock
        .post(
            "/open/whatsapp/send-message",
            &key,
            json!({"from_number": PY, "to_number": "+14155551234", "text": "hi"}),
        )
        .await;
    let uuid = r.json["message_uuid"].as_str().unwrap().to_owned();
    let listed = mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await;
    let session = listed.json["messages"][0]["session_key"].as_str().unwrap().to_owned();
    let r = mock.get(&format!("/open/whatsapp/message/{session}/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["message"]["is_from_api"], json!(true));
    assert_eq!(r.json["message"]["wa_msg_ack"], json!(1));
    let wa_id = r.json["message"]["wa_msg_id"].clone();

    let r = mock.delete(&format!("/open/whatsapp/message/{session}/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json, json!({"success": true, "message_uuid": uuid, "whatsapp_message_id": wa_id}));
    assert_eq!(mock.get(&format!("/open/whatsapp/message/{session}/{uuid}"), &key).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        mock.delete(&format!("/open/whatsapp/message/{session}/{uuid}"), &key).await.status,
        StatusCode::NOT_FOUND
    );
    let listed = mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await;
    assert_eq!(listed.json["messages"].as_array().unwrap().len(), 2);

    // The wrong session key for a real message is 404.
    let r = mock.get(&format!("/open/whatsapp/message/WW-{PY_UUID}-1@c.us/{seeded}"), &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_error_message_style(&r);
}

#[tokio::test]
async fn conversations_list_search_and_pages() {
    let mock = Mock::new();
    let key = mock.account("conversations").await;
    let r = mock.get(&format!("/open/whatsapp/conversations/{PY_UUID}"), &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["page_number"], json!(0));
    assert_eq!(r.json["search_term"], Value::Null);
    let sessions = r.json["sessions"].as_array().unwrap();
    // The fixture chat with MX and the seeded group.
    assert_eq!(r.json["total"], json!(2));
    let mx = sessions.iter().find(|s| s["phone_number"] == json!(MX)).unwrap();
    for f in
        ["session_key", "friendly_name", "region_name", "iso_country_code", "device", "timezone", "profile_pic_url"]
    {
        assert!(mx[f].is_string(), "{f}: {mx}");
    }
    assert_eq!(mx["channel_uuid"], json!(PY_UUID));
    assert_eq!(mx["iso_country_code"], json!("MX"));
    assert_eq!(mx["is_group"], json!(false));
    assert!(mx["last_activity"].as_str().unwrap().ends_with('Z'));
    assert!(sessions.iter().any(|s| s["is_group"] == json!(true)));

    mock.seed(&key, json!({"conversations": {"channel_uuid": PY_UUID, "count": 25}})).await;
    let mut seen = Vec::new();
    for page in 0..3 {
        let r = mock.get(&format!("/open/whatsapp/conversations/{PY_UUID}?page_number={page}"), &key).await;
        assert_eq!(r.json["total"], json!(27));
        assert_eq!(r.json["page_number"], json!(page));
        seen.extend(r.json["sessions"].as_array().unwrap().iter().map(|s| s["session_key"].clone()));
    }
    assert_eq!(seen.len(), 27);
    let r = mock.get(&format!("/open/whatsapp/conversations/{PY_UUID}?page_number=3"), &key).await;
    assert_eq!(r.json["sessions"], json!([]));

    let r = mock.get(&format!("/open/whatsapp/conversations/{PY_UUID}?phone_number=5215512"), &key).await;
    assert_eq!(r.json["search_term"], json!("5215512"));
    assert_eq!(r.json["total"], json!(1));
    assert_eq!(r.json["sessions"][0]["phone_number"], json!(MX));
    let r = mock.get(&format!("/open/whatsapp/conversations/{PY_UUID}?phone_number=%2B52155"), &key).await;
    assert_eq!(r.json["total"], json!(1));

    for q in ["phone_number=12", "phone_number=abc12", "phone_number=123456789012345678901", "page_number=-1"] {
        let r = mock.get(&format!("/open/whatsapp/conversations/{PY_UUID}?{q}"), &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_error_message_style(&r);
    }
    let r = mock.get("/open/whatsapp/conversations/WPN00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------- #18–#21 profile and status

#[tokio::test]
async fn profile_and_status_updates_show_on_the_channel() {
    let mock = Mock::new();
    let key = mock.account("profile").await;
    let pic = "https://example.com/me.jpg";
    let r = mock.post(&format!("/open/whatsapp/set-profile-picture/{PY}"), &key, json!({"url": pic})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json, json!({"success": true, "batched": true}));
    let r = mock.post(&format!("/open/whatsapp/set-status/{PY}"), &key, json!({"status": "At work 💼"})).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true, "batched": true}));
    let r = mock
        .post(
            &format!("/open/whatsapp/set-text-status/{PY}"),
            &key,
            json!({"text": "Open today", "params": {"backgroundColor": "#1f2937", "font": 2}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json, json!({"success": true}));
    let r = mock
        .post(&format!("/open/whatsapp/set-image-status/{PY}"), &key, json!({"image_url": "https://x.io/s.png"}))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true}));

    let c = mock.get(&format!("/open/whatsapp/channel/{PY_UUID}"), &key).await.json["channel"].clone();
    assert_eq!(c["profile_pic_url"], json!(pic));
    assert_eq!(c["profile_status"], json!("At work 💼"));
    let updates = c["status_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0]["text"], json!("Open today"));
    assert_eq!(updates[1]["image_url"], json!("https://x.io/s.png"));

    // null removes the picture.
    let r = mock.post(&format!("/open/whatsapp/set-profile-picture/{PY}"), &key, json!({"url": null})).await;
    assert_eq!(r.status, StatusCode::OK);
    let c = mock.get(&format!("/open/whatsapp/channel/{PY_UUID}"), &key).await.json["channel"].clone();
    assert_eq!(c["profile_pic_url"], Value::Null);
}

#[tokio::test]
async fn profile_and_status_validation() {
    let mock = Mock::new();
    let key = mock.account("profile-bad").await;
    let cases = [
        ("set-profile-picture", PY, json!({}), StatusCode::UNPROCESSABLE_ENTITY),
        ("set-profile-picture", PY, json!({"url": "not a url"}), StatusCode::UNPROCESSABLE_ENTITY),
        ("set-status", PY, json!({}), StatusCode::UNPROCESSABLE_ENTITY),
        ("set-status", PY, json!({"status": 5}), StatusCode::UNPROCESSABLE_ENTITY),
        ("set-status", PY, json!({"status": "x".repeat(140)}), StatusCode::UNPROCESSABLE_ENTITY),
        ("set-text-status", PY, json!({"params": {}}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "set-text-status",
            PY,
            json!({"text": "x", "params": {"backgroundColor": "red"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("set-text-status", PY, json!({"text": "x", "params": {"font": "bold"}}), StatusCode::UNPROCESSABLE_ENTITY),
        ("set-image-status", PY, json!({}), StatusCode::UNPROCESSABLE_ENTITY),
        ("set-image-status", PY, json!({"image_url": "ftp://x/y.png"}), StatusCode::UNPROCESSABLE_ENTITY),
        ("set-status", "+15550001111", json!({"status": "x"}), StatusCode::NOT_FOUND),
        ("set-status", US_DISCONNECTED, json!({"status": "x"}), StatusCode::NOT_FOUND),
        ("set-image-status", "12345", json!({"image_url": "https://x.io/a.png"}), StatusCode::UNPROCESSABLE_ENTITY),
    ];
    for (path, number, body, status) in cases {
        let r = mock.post(&format!("/open/whatsapp/{path}/{number}"), &key, body.clone()).await;
        assert_eq!(r.status, status, "{path} {number} {body}: {}", r.text);
        assert_error_message_style(&r);
    }
}

// ---------------------------------------------------------------- #24–#31 groups

fn participant_phones(group: &Value) -> Vec<String> {
    group["participants"].as_array().unwrap().iter().map(|p| p["phone_number"].as_str().unwrap().to_owned()).collect()
}

fn is_admin(group: &Value, phone: &str) -> bool {
    group["participants"].as_array().unwrap().iter().find(|p| p["phone_number"] == json!(phone)).unwrap()["wa_is_admin"]
        .as_bool()
        .unwrap()
}

#[tokio::test]
async fn group_create_and_participant_changes() {
    let mock = Mock::new();
    let key = mock.account("groups-write").await;
    let (a, b, c, gone) = ("+447700900111", "+447700900222", "+5215599990001", "+14155550000");
    let r = mock
        .post(
            "/open/whatsapp/group/create",
            &key,
            json!({"from_number": PY, "group": {"name": "mock team", "description": "all hands", "participants": [a, b, gone]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let g = &r.json["group"];
    assert_eq!(g["name"], json!("mock team"));
    assert!(g["wa_group_id"].as_str().unwrap().ends_with("@g.us"));
    let uuid = g["uuid"].as_str().unwrap().to_owned();
    assert!(uuid.starts_with("WAG"));
    assert_eq!(
        g["participants"][a],
        json!({"statusCode": 200, "message": "", "isGroupCreator": false, "isInviteV4Sent": false})
    );
    assert_ne!(g["participants"][gone]["statusCode"], json!(200));
    assert_eq!(strs(&g["accepted_numbers"]), [a, b]);
    assert_eq!(strs(&g["unaccepted_numbers"]), [gone]);

    // Listed for the number and readable with its participants.
    let r = mock.get(&format!("/open/whatsapp/groups/{PY}"), &key).await;
    assert!(r.json["data"].as_array().unwrap().iter().any(|x| x["uuid"] == json!(uuid)));
    let r = mock.get(&format!("/open/whatsapp/group/{uuid}"), &key).await;
    assert_eq!(r.status, StatusCode::OK);
    // The same fields as a documented participant; a new one's pushname is not known yet.
    let mut documented = fixture("group-get.json")["data"]["participants"][1].clone();
    documented["wa_pushname"] = Value::Null;
    assert_shape(&documented, &r.json["data"]["participants"][1]);
    let group = &r.json["data"];
    assert_eq!(group["wa_group_name"], json!("mock team"));
    assert_eq!(group["wa_subject"], json!("all hands"));
    assert_eq!(group["channel_uuid"], json!(PY_UUID));
    assert_eq!(participant_phones(group), [PY, a, b]);
    assert_eq!(group["size"], json!(3));
    assert!(is_admin(group, PY));

    // add: one new, one already there (409).
    let r = mock
        .post(
            &format!("/open/whatsapp/group/{uuid}/add-participant"),
            &key,
            json!({"from_number": PY, "participants": [c, a]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["participants"][c], json!({"statusCode": 200, "message": "", "isInviteV4Sent": false}));
    assert_eq!(r.json["participants"][a]["statusCode"], json!(409));
    assert_eq!(strs(&r.json["unaccepted_numbers"]), [a]);
    let group = mock.get(&format!("/open/whatsapp/group/{uuid}"), &key).await.json["data"].clone();
    assert_eq!(participant_phones(&group), [PY, a, b, c]);
    assert_eq!(group["size"], json!(4));

    // promote, then demote.
    let r = mock
        .post(
            &format!("/open/whatsapp/group/{uuid}/promote-participant"),
            &key,
            json!({"from_number": PY, "participants": [b, "+447700900999"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(strs(&r.json["participants"]["accepted_numbers"]), [b]);
    assert_eq!(strs(&r.json["participants"]["unaccepted_numbers"]), ["+447700900999"]);
    let group = mock.get(&format!("/open/whatsapp/group/{uuid}"), &key).await.json["data"].clone();
    assert!(is_admin(&group, b));
    assert!(!is_admin(&group, a));
    let r = mock
        .post(
            &format!("/open/whatsapp/group/{uuid}/demote-participant"),
            &key,
            json!({"from_number": PY, "participants": [b]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(strs(&r.json["participants"]["accepted_numbers"]), [b]);
    let group = mock.get(&format!("/open/whatsapp/group/{uuid}"), &key).await.json["data"].clone();
    assert!(!is_admin(&group, b));

    // remove: one member, one stranger.
    let r = mock
        .post(
            &format!("/open/whatsapp/group/{uuid}/remove-participant"),
            &key,
            json!({"from_number": PY, "participants": [a, "+447700900999"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let p = &r.json["participants"];
    assert!(p["timestamp"].as_i64().unwrap() > 1_600_000_000);
    assert_eq!(strs(&p["accepted_numbers"]), [a]);
    assert_eq!(strs(&p["unaccepted_numbers"]), ["+447700900999"]);
    let group = mock.get(&format!("/open/whatsapp/group/{uuid}"), &key).await.json["data"].clone();
    assert_eq!(participant_phones(&group), [PY, b, c]);
    assert_eq!(group["size"], json!(3));

    // description and picture.
    let r = mock
        .post(
            &format!("/open/whatsapp/group/{uuid}/set-description"),
            &key,
            json!({"from_number": PY, "description": "new rules"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true}));
    let r = mock
        .post(
            &format!("/open/whatsapp/group/{uuid}/set-picture"),
            &key,
            json!({"from_number": PY, "url": "https://x.io/g.png"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true}));
    let group = mock.get(&format!("/open/whatsapp/group/{uuid}"), &key).await.json["data"].clone();
    assert_eq!(group["wa_subject"], json!("new rules"));
    assert_eq!(group["profile_pic_url"], json!("https://x.io/g.png"));

    // The seeded group takes changes too.
    let r = mock
        .post(
            &format!("/open/whatsapp/group/{GROUP}/add-participant"),
            &key,
            json!({"from_number": PY, "participants": [c]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let group = mock.get(&format!("/open/whatsapp/group/{GROUP}"), &key).await.json["data"].clone();
    assert_eq!(group["size"], json!(4));
}

#[tokio::test]
async fn group_write_validation() {
    let mock = Mock::new();
    let key = mock.account("groups-bad").await;
    let eleven: Vec<String> = (0..11).map(|i| format!("+4477009001{i:02}")).collect();
    let cases = [
        json!({"group": {"name": "x", "participants": ["+447700900111"]}}),
        json!({"from_number": PY, "group": {"participants": ["+447700900111"]}}),
        json!({"from_number": PY, "group": {"name": "x"}}),
        json!({"from_number": PY, "group": {"name": "x", "participants": []}}),
        json!({"from_number": PY, "group": {"name": "x", "participants": eleven}}),
        json!({"from_number": PY, "group": {"name": "x", "participants": ["447700900111"]}}),
        json!({"from_number": PY}),
    ];
    for body in cases {
        let r = mock.post("/open/whatsapp/group/create", &key, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text);
        assert_error_message_style(&r);
    }
    let r = mock
        .post(
            "/open/whatsapp/group/create",
            &key,
            json!({"from_number": US_DISCONNECTED, "group": {"name": "x", "participants": ["+447700900111"]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let add = format!("/open/whatsapp/group/{GROUP}/add-participant");
    let r = mock.post(&add, &key, json!({"from_number": PY, "participants": eleven})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock.post(&add, &key, json!({"from_number": PY})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock.post(&add, &key, json!({"from_number": MX, "participants": ["+447700900111"]})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "the group is not on MX's channel");
    let r = mock
        .post(
            "/open/whatsapp/group/WAG00000000-0000-4000-8000-000000000000/remove-participant",
            &key,
            json!({"from_number": PY, "participants": ["+447700900111"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = mock
        .post(&format!("/open/whatsapp/group/{GROUP}/set-picture"), &key, json!({"from_number": PY, "url": "x"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock.post(&format!("/open/whatsapp/group/{GROUP}/set-description"), &key, json!({"from_number": PY})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error_message_style(&r);
}

#[tokio::test]
async fn group_messages_pages() {
    let mock = Mock::new();
    let key = mock.account("group-messages").await;
    let r = mock.get(&format!("/open/whatsapp/groups/messages/{GROUP}"), &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["page_number"], json!(0));
    let messages = r.json["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3);
    let m = &messages[0];
    assert!(m["uuid"].as_str().unwrap().starts_with("MSG"));
    assert!(m["session_key"].as_str().unwrap().ends_with("@g.us"));
    assert!(m["message"]["text"].is_string());
    assert!(m["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(m["participant"]["phone_number"].as_str().unwrap().starts_with('+'));
    assert!(m.get("participant").unwrap().get("pushname").is_some());
    // Newest first.
    assert!(messages[0]["created_at"].as_str().unwrap() >= messages[2]["created_at"].as_str().unwrap());
    // Incoming group messages are not in the number's direct messages.
    assert_eq!(
        mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await.json["messages"].as_array().unwrap().len(),
        2
    );

    // A message sent to the group shows with the account's number as the participant.
    mock.post("/open/whatsapp/send-message", &key, json!({"from_number": PY, "to_group_uuid": GROUP, "text": "hello"}))
        .await;
    let r = mock.get(&format!("/open/whatsapp/groups/messages/{GROUP}"), &key).await;
    assert_eq!(r.json["messages"][0]["message"], json!({"text": "hello"}));
    assert_eq!(r.json["messages"][0]["participant"]["phone_number"], json!(PY));

    mock.seed(&key, json!({"group_messages": {"group_uuid": GROUP, "count": 120}})).await;
    let sizes: Vec<usize> = futures_sizes(&mock, &key).await;
    assert_eq!(sizes, [50, 50, 24, 0]);
    let r = mock.get("/open/whatsapp/groups/messages/WAG00000000-0000-4000-8000-000000000000", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn futures_sizes(mock: &Mock, key: &str) -> Vec<usize> {
    let mut sizes = Vec::new();
    for page in 0..4 {
        let r = mock.get(&format!("/open/whatsapp/groups/messages/{GROUP}?page_number={page}"), key).await;
        assert_eq!(r.json["page_number"], json!(page));
        sizes.push(r.json["messages"].as_array().unwrap().len());
    }
    sizes
}

// ---------------------------------------------------------------- #32–#43 catalog

const PRODUCT: &str = "6562709013816345";
const OTHER_PRODUCT: &str = "7130571828237716";
const COLLECTION: &str = "1051239876543210";

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn catalog_lists_and_business_check() {
    let mock = Mock::new();
    let key = mock.account("catalog-list").await;
    let r = mock.get("/open/whatsapp/catalog/products?from_number=%2B595981048477", &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["success"], json!(true));
    let products = r.json["products"].as_array().unwrap();
    assert_eq!(ids(&r.json["products"]), [PRODUCT, OTHER_PRODUCT]);
    let p = &products[0];
    for f in ["id", "name", "description", "price", "currency", "availability", "url", "retailer_id", "approval_status"]
    {
        assert!(p[f].is_string(), "{f}: {p}");
    }
    assert!(p["id"].as_str().unwrap().bytes().all(|b| b.is_ascii_digit()));
    assert!(p["images"].is_array());
    assert_eq!(p["is_hidden"], json!(false));

    let r = mock.get("/open/whatsapp/catalog/collections?from_number=%2B595981048477", &key).await;
    assert_eq!(r.status, StatusCode::OK);
    let c = &r.json["collections"][0];
    assert_eq!(c["id"], json!(COLLECTION));
    assert!(c["name"].is_string());
    assert!(c["is_approved"].is_boolean());
    assert!(c["approval_status"].is_string());
    assert_eq!(ids(&c["products"]), [PRODUCT, OTHER_PRODUCT]);

    // Another business's catalog.
    let r = mock.get("/open/whatsapp/catalog/products/+5215533334444?from_number=%2B595981048477", &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["products"].as_array().unwrap().len(), 2);
    let r = mock.get("/open/whatsapp/catalog/collections/%2B5215533334444?from_number=%2B595981048477", &key).await;
    assert_eq!(r.json["collections"].as_array().unwrap().len(), 1);

    // Not a Business number: 406; unknown number 404; raw `+` (a space) or nothing: 422.
    let r = mock.get("/open/whatsapp/catalog/products?from_number=%2B5215512345432", &key).await;
    assert_eq!(r.status, StatusCode::NOT_ACCEPTABLE);
    assert_error_message_style(&r);
    assert!(r.json["error_message"].as_str().unwrap().contains("catalog needs a WhatsApp Business number"));
    let r = mock.get("/open/whatsapp/catalog/collections?from_number=%2B5215512345432", &key).await;
    assert_eq!(r.status, StatusCode::NOT_ACCEPTABLE);
    let r = mock.get("/open/whatsapp/catalog/products?from_number=%2B15550001111", &key).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for q in ["", "?from_number=+595981048477", "?from_number="] {
        let r = mock.get(&format!("/open/whatsapp/catalog/products{q}"), &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
    }
    let r = mock.get("/open/whatsapp/catalog/products/12345?from_number=%2B595981048477", &key).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn products(mock: &Mock, key: &str) -> Value {
    mock.get("/open/whatsapp/catalog/products?from_number=%2B595981048477", key).await.json["products"].clone()
}

#[tokio::test]
async fn catalog_products_create_update_delete_and_images() {
    let mock = Mock::new();
    let key = mock.account("catalog-products").await;
    let r = mock
        .post(
            "/open/whatsapp/catalog/product",
            &key,
            json!({"from_number": PY, "product": {"name": "Sopa paraguaya", "image_url": "https://x.io/sopa.jpg",
                "description": "cornbread", "price": "18000", "retailer_id": "SOPA-1", "url": "https://shop.example.com/sopa"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let p = r.json["product"].clone();
    let id = p["id"].as_str().unwrap().to_owned();
    assert!(id.len() >= 15 && id.bytes().all(|b| b.is_ascii_digit()), "{id}");
    assert_eq!(p["name"], json!("Sopa paraguaya"));
    assert_eq!(p["price"], json!("18000"));
    assert_eq!(p["currency"], json!("PYG"), "defaults to the number's country");
    assert_eq!(p["images"], json!(["https://x.io/sopa.jpg"]));
    assert_eq!(p["is_hidden"], json!(false));
    assert_eq!(p["approval_status"], json!("PENDING"));
    assert_eq!(ids(&products(&mock, &key).await), [PRODUCT, OTHER_PRODUCT, id.as_str()]);

    // Update.
    let r = mock
        .put(
            &format!("/open/whatsapp/catalog/product/{id}"),
            &key,
            json!({"from_number": PY, "product": {"price": "19500", "is_hidden": true, "description": null}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["product"]["price"], json!("19500"));
    assert_eq!(r.json["product"]["is_hidden"], json!(true));
    assert_eq!(r.json["product"]["description"], Value::Null);
    assert_eq!(r.json["product"]["name"], json!("Sopa paraguaya"));
    for field in ["name", "image_url"] {
        let r = mock
            .put(
                &format!("/open/whatsapp/catalog/product/{id}"),
                &key,
                json!({"from_number": PY, "product": {field: null}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
    }
    let r = mock
        .put(
            &format!("/open/whatsapp/catalog/product/{PRODUCT}"),
            &key,
            json!({"from_number": PY, "product": {"name": "Chipa x12"}}),
        )
        .await;
    assert_eq!(r.json["product"]["approval_status"], json!("PENDING"), "edits go back to review");

    // Images: add two, delete one, not the default one, not past the end.
    let r = mock
        .post(
            &format!("/open/whatsapp/catalog/product/image/{id}"),
            &key,
            json!({"from_number": PY, "product": {"image_urls": ["https://x.io/2.jpg", "https://x.io/3.jpg"]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["product"]["images"].as_array().unwrap().len(), 3);
    let r = mock
        .post(
            &format!("/open/whatsapp/catalog/product/image/{id}"),
            &key,
            json!({"from_number": PY, "product": {"image_urls": ["https://x.io/4.jpg", "https://x.io/5.jpg", "https://x.io/6.jpg"]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "at most two per call");
    let r = mock
        .delete_with(&format!("/open/whatsapp/catalog/product/image/{id}/1"), &key, json!({"from_number": PY}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json, json!({"success": true}));
    let product =
        products(&mock, &key).await.as_array().unwrap().iter().find(|p| p["id"] == json!(id)).cloned().unwrap();
    assert_eq!(product["images"], json!(["https://x.io/sopa.jpg", "https://x.io/3.jpg"]));
    let r = mock
        .delete_with(&format!("/open/whatsapp/catalog/product/image/{id}/0"), &key, json!({"from_number": PY}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock
        .delete_with(&format!("/open/whatsapp/catalog/product/image/{id}/2"), &key, json!({"from_number": PY}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = mock
        .delete_with(&format!("/open/whatsapp/catalog/product/image/{id}/x"), &key, json!({"from_number": PY}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock.delete(&format!("/open/whatsapp/catalog/product/image/{id}/1"), &key).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "the body is required");

    // Delete: the body with from_number is required.
    let r = mock.delete(&format!("/open/whatsapp/catalog/product/{id}"), &key).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error_message_style(&r);
    let r = mock.delete_with(&format!("/open/whatsapp/catalog/product/{id}"), &key, json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock.delete_with(&format!("/open/whatsapp/catalog/product/{id}"), &key, json!({"from_number": PY})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json, json!({"success": true}));
    assert_eq!(ids(&products(&mock, &key).await), [PRODUCT, OTHER_PRODUCT]);
    let r = mock.delete_with(&format!("/open/whatsapp/catalog/product/{id}"), &key, json!({"from_number": PY})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = mock
        .put(
            &format!("/open/whatsapp/catalog/product/{id}"),
            &key,
            json!({"from_number": PY, "product": {"name": "x"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn catalog_product_validation() {
    let mock = Mock::new();
    let key = mock.account("catalog-bad").await;
    let ok = json!({"name": "x", "image_url": "https://x.io/a.jpg"});
    let cases = [
        (json!({"product": ok}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"from_number": PY}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"from_number": PY, "product": {"image_url": "https://x.io/a.jpg"}}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"from_number": PY, "product": {"name": "x"}}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"from_number": PY, "product": {"name": "x", "image_url": "x.jpg"}}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            json!({"from_number": PY, "product": {"name": "x", "image_url": "https://x.io/a.jpg", "price": 10}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"from_number": PY, "product": {"name": "x", "image_url": "https://x.io/a.jpg", "is_hidden": "no"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (json!({"from_number": MX, "product": ok}), StatusCode::NOT_ACCEPTABLE),
        (json!({"from_number": "+15550001111", "product": ok}), StatusCode::NOT_FOUND),
    ];
    for (body, status) in cases {
        let r = mock.post("/open/whatsapp/catalog/product", &key, body.clone()).await;
        assert_eq!(r.status, status, "{body}: {}", r.text);
        assert_error_message_style(&r);
    }
}

#[tokio::test]
async fn catalog_collections_change_id_on_every_edit() {
    let mock = Mock::new();
    let key = mock.account("catalog-collections").await;
    let r = mock
        .post(
            "/open/whatsapp/catalog/collection",
            &key,
            json!({"from_number": PY, "collection": {"name": "Breakfast", "product_ids": [PRODUCT]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let c = r.json["collection"].clone();
    let first = c["id"].as_str().unwrap().to_owned();
    assert_eq!(c["name"], json!("Breakfast"));
    assert_eq!(c["is_approved"], json!(false));
    assert_eq!(c["approval_status"], json!("PENDING"));
    assert_eq!(ids(&c["products"]), [PRODUCT]);

    let r = mock
        .put(
            &format!("/open/whatsapp/catalog/collection/{first}"),
            &key,
            json!({"from_number": PY, "collection": {"add_product_ids": [OTHER_PRODUCT], "remove_product_ids": [PRODUCT]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let second = r.json["collection"]["id"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    assert_eq!(ids(&r.json["collection"]["products"]), [OTHER_PRODUCT]);
    let body = json!({"from_number": PY, "collection": {"add_product_ids": [PRODUCT]}});
    let r = mock.put(&format!("/open/whatsapp/catalog/collection/{first}"), &key, body.clone()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "the old id is gone");
    let r = mock.put(&format!("/open/whatsapp/catalog/collection/{second}"), &key, body).await;
    assert_eq!(r.status, StatusCode::OK);
    let third = r.json["collection"]["id"].as_str().unwrap().to_owned();
    assert_ne!(third, second);

    let r = mock.get("/open/whatsapp/catalog/collections?from_number=%2B595981048477", &key).await;
    assert_eq!(ids(&r.json["collections"]), [COLLECTION, third.as_str()]);

    // The seeded one changes id too.
    let r = mock
        .put(
            &format!("/open/whatsapp/catalog/collection/{COLLECTION}"),
            &key,
            json!({"from_number": PY, "collection": {"remove_product_ids": [OTHER_PRODUCT]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_ne!(r.json["collection"]["id"], json!(COLLECTION));

    // Validation and delete.
    let r = mock
        .put(&format!("/open/whatsapp/catalog/collection/{third}"), &key, json!({"from_number": PY, "collection": {}}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock
        .post(
            "/open/whatsapp/catalog/collection",
            &key,
            json!({"from_number": PY, "collection": {"product_ids": [PRODUCT]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = mock
        .post(
            "/open/whatsapp/catalog/collection",
            &key,
            json!({"from_number": PY, "collection": {"name": "x", "product_ids": ["999"]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = mock.delete(&format!("/open/whatsapp/catalog/collection/{third}"), &key).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r =
        mock.delete_with(&format!("/open/whatsapp/catalog/collection/{third}"), &key, json!({"from_number": PY})).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"success": true}));
    let r =
        mock.delete_with(&format!("/open/whatsapp/catalog/collection/{third}"), &key, json!({"from_number": PY})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r =
        mock.delete_with(&format!("/open/whatsapp/catalog/collection/{third}"), &key, json!({"from_number": MX})).await;
    assert_eq!(r.status, StatusCode::NOT_ACCEPTABLE);
}
