//! `twochat::types` against 2Chat's documented payloads (`shared/fixtures`): each response decodes
//! into the type its endpoint declares and serialises back to exactly what 2Chat sent; each webhook
//! delivery parses into its typed payload; params read from the JSON of 2Chat's docs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use twochat::types::*;
use twochat::webhook::Payload;

fn fixture(path: &str) -> Value {
    let file = format!("{}/../shared/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// The response model the declarations give `resource.method`.
fn declared_response(resource: &str, method: &str) -> &'static str {
    twochat_spec::api::ENDPOINTS
        .iter()
        .find(|e| e.resource == resource && e.name == method)
        .unwrap_or_else(|| panic!("no endpoint {resource}.{method}"))
        .response
        .name
}

fn short_name<T>() -> &'static str {
    std::any::type_name::<T>().rsplit("::").next().unwrap()
}

/// Decodes `file` as `T`, checks `T` is what `resource.method` declares, and that it serialises
/// back to the fixture.
fn round_trip<T: DeserializeOwned + Serialize + std::fmt::Debug>(file: &str, resource: &str, method: &str) -> T {
    assert_eq!(short_name::<T>(), declared_response(resource, method), "{file}");
    let sent = fixture(&format!("responses/{file}"));
    let typed: T = serde_json::from_value(sent.clone()).unwrap_or_else(|e| panic!("{file} does not decode: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), sent, "{file} does not serialise back to what was sent");
    typed
}

#[test]
fn every_documented_response_decodes_into_its_declared_type_and_back() {
    let info: AccountInfo = round_trip("account-info.json", "account", "info");
    assert!(info.account.uuid.starts_with("ACC"));
    let check: CheckNumberResponse = round_trip("check-number.json", "numbers", "check");
    assert!(check.is_valid);
    let created: ContactCreateResponse = round_trip("contact-create.json", "contacts", "create");
    assert!(!created.contact.uuid.is_empty());
    let group: GroupGetResponse = round_trip("group-get.json", "groups", "get");
    assert!(group.data.uuid.starts_with("WGP"));
    let _: GroupsListResponse = round_trip("groups-list.json", "groups", "list");
    let messages: MessagesListResponse = round_trip("messages-list.json", "messages", "list");
    assert!(!messages.messages.is_empty());
    let numbers: NumbersListResponse = round_trip("numbers-list.json", "numbers", "list");
    assert!(numbers.numbers.iter().all(|n| n.phone_number.starts_with('+')));
    let sent: SendMessageResponse = round_trip("send-message.json", "messages", "send");
    assert!(sent.success);
    let _: SuccessResponse = round_trip("webhooks-delete.json", "webhooks", "delete");
    let _: WebhooksListResponse = round_trip("webhooks-list.json", "webhooks", "list");
    let sub: WebhookSubscribeResponse = round_trip("webhooks-subscribe.json", "webhooks", "subscribe");
    assert!(!sub.data.uuid.is_empty());
}

#[test]
fn the_documented_request_reads_into_its_params_type_and_back() {
    let documented = fixture("responses/contact-create.request.json");
    let params: ContactCreateParams = serde_json::from_value(documented.clone()).unwrap();
    assert_eq!(params.first_name, "2Chat");
    let kinds: Vec<&ContactDetailType> = params.contact_detail.iter().map(|d| &d.r#type).collect();
    assert_eq!(kinds, [&ContactDetailType::Ph, &ContactDetailType::Waph, &ContactDetailType::E]);
    assert_eq!(serde_json::to_value(&params).unwrap(), documented);
    // The other spelling 2Chat's sources use reads too, and goes out under the documented name.
    let mut other = documented.clone();
    let details = other.as_object_mut().unwrap().remove("contact_detail").unwrap();
    other["contact_details"] = details;
    let read: ContactCreateParams = serde_json::from_value(other).unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap(), documented);
}

#[test]
fn every_documented_delivery_parses_into_its_typed_payload_and_back() {
    for (file, name) in [
        ("whatsapp.message.received.media.json", "whatsapp.message.received"),
        ("whatsapp.order.received.json", "whatsapp.order.received"),
        ("whatsapp.waba.message.sent.json", "whatsapp.waba.message.sent"),
    ] {
        let sent = fixture(&format!("webhooks/{file}"));
        let event = twochat::webhook::parse(sent.to_string(), Some(name)).unwrap();
        assert_eq!(event.name(), name);
        assert_eq!(event.payload.event_name(), Some(name), "{file}");
        assert!(!matches!(event.payload, Payload::Unknown(_)), "{file}");
        assert_eq!(serde_json::to_value(&event.payload).unwrap(), sent, "{file} does not serialise back");
    }
}

#[test]
fn a_response_tolerates_what_2chat_leaves_out_or_nulls() {
    // `null` and missing fields read as empty values; new fields and enum values are kept.
    let number: ConnectedNumber = serde_json::from_value(json!({
        "uuid": "WPN1", "phone_number": null, "connection_status": "Q", "created_at": null,
        "channel_type": null, "brand_new": {"a": 1}
    }))
    .unwrap();
    assert_eq!(number.phone_number, "");
    assert_eq!(number.connection_status, ConnectionStatus::Other("Q".into()));
    assert_eq!(number.created_at.epoch_ms(), None);
    assert_eq!(number.channel_type.as_str(), "");
    assert_eq!(number.extra["brand_new"], json!({"a": 1}));
    assert!(!number.enabled);
    // A value of the wrong kind is still an error: that is not 2Chat's answer.
    assert!(serde_json::from_value::<ConnectedNumber>(json!({"uuid": 5})).is_err());
}

#[test]
fn params_send_only_what_was_set() {
    let p = SendMessageParams { from_number: "+595981048477".into(), to_number: Some("+5215512345432".into()), ..Default::default() };
    assert_eq!(serde_json::to_value(&p).unwrap(), json!({"from_number": "+595981048477", "to_number": "+5215512345432"}));
    // `null` that means "remove the picture" is sent; the type has no default that would say it.
    let remove = SetProfilePictureParams::new(None);
    assert_eq!(serde_json::to_value(&remove).unwrap(), json!({"url": null}));
    // The hyphenated query option is written the way 2Chat reads it.
    let check = CheckNumberParams { extra_information: Some(true), ..Default::default() };
    assert_eq!(serde_json::to_value(&check).unwrap(), json!({"extra-information": true}));
}
