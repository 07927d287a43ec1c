//! Page sizes as the contract states them, and `max_page_size`: an account whose pages are capped
//! below what is asked for, with truthful end signals.

mod common;

use std::collections::HashSet;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};

fn uuids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|item| item["uuid"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn lists_without_a_documented_maximum_accept_at_least_200() {
    let mock = Mock::new();
    let key = mock.account("pages-200").await;
    mock.seed(&key, json!({"virtual_numbers": 205, "caller_ids": 210})).await;

    // #62: the docs give a default of 200 and no maximum.
    for (per_page, count) in [(200, 200), (201, 201), (1000, 208)] {
        let r = mock.get(&format!("/open/voip/virtual-numbers?results_per_page={per_page}"), &key).await;
        assert_eq!(r.status, StatusCode::OK, "{per_page}: {}", r.text);
        assert_eq!(r.json["count"], json!(count), "{per_page}");
        assert_eq!(r.json["total"], json!(208));
    }
    let r = mock.get("/open/voip/virtual-numbers?results_per_page=200&page_number=1", &key).await;
    assert_eq!(r.json["count"], json!(8));
    // #63: no maximum either.
    let r = mock.get("/open/voip/caller-ids?results_per_page=250", &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["count"], json!(212));
    // #5: no maximum.
    let r = mock.get("/open/whatsapp/get-numbers?results_per_page=500", &key).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["numbers"].as_array().unwrap().len(), 3);
    // Contacts keep their documented 1–100.
    for path in ["/open/contacts?results_per_page=101", "/open/contacts/search?q=a&results_per_page=101"] {
        let r = mock.get(path, &key).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_message_style(&r);
    }
    assert_eq!(mock.get("/open/contacts?results_per_page=100", &key).await.status, StatusCode::OK);
}

#[tokio::test]
async fn max_page_size_caps_every_list_with_truthful_end_signals() {
    let mock = Mock::new();
    let key = mock.account_with("pages-cap", json!({"max_page_size": 7})).await;
    mock.seed(&key, json!({"contacts": 20})).await;

    // Contacts (#45) ask for 50 per page and get 7; `total` stays the number matching, and the
    // walk sees every contact once, ending on a page shorter than 7.
    let mut seen = Vec::new();
    let mut counts = Vec::new();
    for page in 0..4 {
        let r = mock.get(&format!("/open/contacts?results_per_page=50&page_number={page}"), &key).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json["total"], json!(20));
        counts.push(r.json["count"].as_u64().unwrap());
        seen.extend(uuids(&r.json["contacts"]));
    }
    assert_eq!(counts, [7, 7, 6, 0]);
    assert_eq!(seen.len(), 20);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 20, "no contact twice");
    // Asking for fewer than the cap still gets fewer.
    let r = mock.get("/open/contacts?results_per_page=3&page_number=1", &key).await;
    assert_eq!(r.json["count"], json!(3));
    assert_eq!(uuids(&r.json["contacts"]), seen[3..6]);

    // WABA templates (#56, ten per page): 23 seeded → pages of 7, `next_page` null only on the
    // last page, which holds the remaining two.
    let mut page = Some(0);
    let mut templates = Vec::new();
    let mut sizes = Vec::new();
    while let Some(n) = page {
        let r = mock.get(&format!("/open/waba/templates?phone_number=%2B16173518454&page={n}"), &key).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json["total"], json!(23));
        sizes.push(r.json["templates"].as_array().unwrap().len());
        templates.extend(uuids(&r.json["templates"]));
        page = r.json["next_page"].as_u64();
        assert!(templates.len() < 30, "next_page must end the walk");
    }
    assert_eq!(sizes, [7, 7, 7, 2]);
    assert_eq!(templates.iter().collect::<HashSet<_>>().len(), 23);

    // Call history (#60, twenty per page): 35 records → 7 per page, `total` 35.
    let r = mock.get("/open/voip/call-history?page_number=4", &key).await;
    assert_eq!((r.json["count"].clone(), r.json["total"].clone()), (json!(7), json!(35)));
    let r = mock.get("/open/voip/call-history?page_number=5", &key).await;
    assert_eq!(r.json["count"], json!(0));
    // Messages (#13, a hundred per page): two seeded → one short page.
    let r = mock.get(&format!("/open/whatsapp/messages/{PY}"), &key).await;
    assert_eq!(r.json["messages"].as_array().unwrap().len(), 2);
    mock.seed(&key, json!({"messages": {"number": PY, "count": 10}})).await;
    let sizes: Vec<usize> = {
        let mut v = Vec::new();
        for page in 0..3 {
            let r = mock.get(&format!("/open/whatsapp/messages/{PY}?page_number={page}"), &key).await;
            v.push(r.json["messages"].as_array().unwrap().len());
        }
        v
    };
    assert_eq!(sizes, [7, 5, 0]);

    // Another account is not capped.
    let free = mock.account("pages-free").await;
    mock.seed(&free, json!({"contacts": 20})).await;
    assert_eq!(mock.get("/open/contacts?results_per_page=50", &free).await.json["count"], json!(20));
}

#[tokio::test]
async fn max_page_size_is_echoed_and_validated() {
    let mock = Mock::new();
    let key = unique_key("pages-echo");
    let r = mock.control("POST", "/__mock/accounts", Some(json!({"api_key": key, "max_page_size": 2}))).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.json["max_page_size"], json!(2));
    let numbers = |r: &Reply| r.json["numbers"].as_array().unwrap().len();
    let r = mock.get("/open/whatsapp/get-numbers?results_per_page=200", &key).await;
    assert_eq!(numbers(&r), 2, "three numbers, capped at two");
    let r = mock.get("/open/whatsapp/get-numbers?results_per_page=200&page_number=1", &key).await;
    assert_eq!(numbers(&r), 1);
    mock.seed(&key, json!({"caller_ids": 5})).await;
    let r = mock.get("/open/voip/caller-ids?results_per_page=200&page_number=3", &key).await;
    assert_eq!((r.json["count"].clone(), r.json["total"].clone()), (json!(1), json!(7)));

    let r = mock.control("POST", "/__mock/accounts", Some(json!({"api_key": key, "max_page_size": null}))).await;
    assert_eq!(r.json["max_page_size"], Value::Null);
    let r = mock.control("POST", "/__mock/accounts", Some(json!({"api_key": key}))).await;
    assert_eq!(r.json["max_page_size"], Value::Null);
    for bad in [json!(0), json!(-1), json!("7"), json!(1.5)] {
        let r = mock.control("POST", "/__mock/accounts", Some(json!({"api_key": key, "max_page_size": bad}))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(r.json["error"].as_str().unwrap().contains("max_page_size"));
    }
}
