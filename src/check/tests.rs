//! What each method sends, and what it refuses before anything is sent: the declarations of
//! `twochat-spec` run through the one validator. Limits are those of the contract (`2chat-api.md`),
//! named next to each case.

use serde_json::{json, Value};

use super::*;
use crate::table::op;

/// Plans `resource.name(args…, params)`: the path and query, and the body.
fn call(resource: &str, name: &str, args: &[Value], params: Option<Value>) -> Result<(String, Option<Value>)> {
    let (_, o) = op(resource, name).unwrap_or_else(|| panic!("no method {resource}.{name}"));
    let args: Vec<Option<&Value>> = args.iter().map(Some).collect();
    let p = params.as_ref();
    let plan = plan(o, &args, p.as_ref())?;
    let spec = crate::request::RequestSpec::<Value>::from_plan(&plan, None);
    let body = plan.body.as_ref().map(|b| body_json(p, b));
    Ok((spec.path_and_query(), body))
}

fn ok(resource: &str, name: &str, args: &[Value], params: Option<Value>) -> (String, Option<Value>) {
    call(resource, name, args, params).unwrap_or_else(|e| panic!("{resource}.{name}: unexpected error: {e}"))
}

fn refused(resource: &str, name: &str, args: &[Value], params: Option<Value>, starts: &str) {
    match call(resource, name, args, params) {
        Ok(r) => panic!("{resource}.{name}: expected invalid_input starting with {starts:?}, got {r:?}"),
        Err(e) => {
            assert_eq!(e.code().as_str(), "invalid_input", "{e}");
            assert!(e.message().starts_with(starts), "{resource}.{name}: expected {starts:?}, got {:?}", e.message());
        }
    }
}

const PY: &str = "+595981048477";
const MX: &str = "+5215512345432";

#[test]
fn bare_endpoints() {
    assert_eq!(ok("account", "info", &[], None), ("/open/info".into(), None));
    assert_eq!(ok("account", "ping", &[], None), ("/ping".into(), None));
    assert_eq!(ok("phoneNumbers", "didTypes", &[], None).0, "/open/numbers/did-types");
}

#[test]
fn numbers_list_and_check() {
    let (pq, _) = ok("numbers", "list", &[], Some(json!({"status": "connected", "page_number": 1, "results_per_page": 100})));
    assert_eq!(pq, "/open/whatsapp/get-numbers?status=connected&page_number=1&results_per_page=100");
    assert_eq!(ok("numbers", "list", &[], None).0, "/open/whatsapp/get-numbers");
    refused("numbers", "list", &[], Some(json!({"status": "online"})), "status: must be one of connected, disconnected, all");
    // #5: "`results_per_page` (default 50)" and no maximum.
    refused("numbers", "list", &[], Some(json!({"results_per_page": 0})), "results_per_page: must be a whole number of at least 1");
    ok("numbers", "list", &[], Some(json!({"results_per_page": 250})));
    refused("numbers", "list", &[], Some(json!({"page_number": -1})), "page_number:");

    // #11: "query `extra-information=true`".
    let (pq, _) = ok("numbers", "check", &[json!(PY), json!("+12025550123")], Some(json!({"extra_information": true})));
    assert_eq!(pq, "/open/whatsapp/check-number/+595981048477/+12025550123?extra-information=true");
    let (pq, _) = ok("numbers", "check", &[json!(PY), json!("+12025550123")], Some(json!({"extra_information": false})));
    assert_eq!(pq, "/open/whatsapp/check-number/+595981048477/+12025550123");
    refused("numbers", "check", &[json!("595981048477"), json!("+12025550123")], None, "fromNumber: must be an E.164 number");
    refused("numbers", "check", &[json!(PY)], None, "numberToCheck: is required");
    refused("numbers", "check", &[json!(PY), json!("+1/../x")], None, "numberToCheck:");
}

#[test]
fn send_message() {
    let params = json!({"from_number": PY, "to_number": MX, "text": "hola 👋", "url": "https://example.com/a.png", "future_option": 1});
    let (pq, body) = ok("messages", "send", &[], Some(params.clone()));
    assert_eq!(pq, "/open/whatsapp/send-message");
    assert_eq!(body, Some(params), "passed through, unknown fields kept");
    // WhatsApp's limit for one message: 65536 characters (not bytes).
    ok("messages", "send", &[], Some(json!({"from_number": PY, "to_number": MX, "text": "👋".repeat(65_536)})));
    refused("messages", "send", &[], Some(json!({"from_number": PY, "to_number": MX, "text": "x".repeat(65_537)})), "text: must be at most 65536 characters");

    let (_, body) = ok(
        "messages",
        "send",
        &[],
        Some(json!({"from_number": PY, "to_group_uuid": "WAG768beeef", "pin": {"latitude": "-25.2637", "longitude": "-57.5759"}})),
    );
    let body = body.unwrap_or_default();
    assert_eq!(body["text"], json!(""), "2Chat's n8n node sends an empty text with a bare pin");
    assert_eq!(body["pin"]["latitude"], json!("-25.2637"));

    let base = |extra: Value| {
        let mut p = json!({"from_number": PY, "to_number": MX, "text": "hi"});
        if let (Some(o), Value::Object(e)) = (p.as_object_mut(), extra) {
            for (k, val) in e {
                o.insert(k, val);
            }
        }
        Some(p)
    };
    refused("messages", "send", &[], None, "params: is required");
    refused("messages", "send", &[], Some(json!("hi")), "params: must be an object, got a string");
    refused("messages", "send", &[], base(json!({"from_number": "0981 048477"})), "from_number: must be an E.164 number");
    refused("messages", "send", &[], base(json!({"from_number": null})), "from_number: is required");
    refused("messages", "send", &[], base(json!({"to_number": "+12"})), "to_number: must be an E.164 number");
    // #12: "exactly one of `to_number` (E.164) **or** `to_group_uuid`".
    refused("messages", "send", &[], base(json!({"to_group_uuid": "WAG1"})), "to_number: give either to_number or to_group_uuid, not both");
    refused("messages", "send", &[], base(json!({"to_number": null})), "to_number: is required: give to_number or to_group_uuid");
    refused("messages", "send", &[], base(json!({"text": ""})), "text: give at least one of text, url, pin");
    refused("messages", "send", &[], base(json!({"text": "   "})), "text: give at least one of text, url, pin");
    refused("messages", "send", &[], base(json!({"text": 42})), "text: must be a string, got a number");
    refused("messages", "send", &[], base(json!({"url": "ftp://example.com/a.png"})), "url: must be an http(s) URL");
    refused("messages", "send", &[], base(json!({"to_number": null, "to_group_uuid": "WAG 1"})), "to_group_uuid: must not contain whitespace");
    // #12: "`latitude`, `longitude` required **as strings**".
    refused("messages", "send", &[], base(json!({"pin": {"latitude": -25.2, "longitude": "-57.5"}})), "pin.latitude: must be a string, got a number");
    refused("messages", "send", &[], base(json!({"pin": {"latitude": "91", "longitude": "0"}})), "pin.latitude: must be a decimal number between -90 and 90");
    ok("messages", "send", &[], base(json!({"pin": {"latitude": "90.000", "longitude": "-180"}})));
    refused("messages", "send", &[], base(json!({"pin": {"latitude": "90.01", "longitude": "0"}})), "pin.latitude:");
    refused("messages", "send", &[], base(json!({"pin": {"latitude": "1"}})), "pin.longitude: is required");
    refused("messages", "send", &[], base(json!({"pin": "here"})), "pin: must be an object");
}

#[test]
fn messages_list_chooses_its_row() {
    assert_eq!(ok("messages", "list", &[json!(PY)], None).0, "/open/whatsapp/messages/+595981048477");
    let (pq, _) = ok("messages", "list", &[json!(PY)], Some(json!({"remote_number": MX, "page_number": 2})));
    assert_eq!(pq, "/open/whatsapp/messages/+595981048477/+5215512345432?page_number=2");
    refused("messages", "list", &[], None, "number: is required");
    refused("messages", "list", &[json!(PY)], Some(json!({"remote_number": "12"})), "remote_number: must be an E.164 number");
    let (pq, _) = ok("messages", "get", &[json!("WW-WPN1-5215512345432@c.us"), json!("MSG1")], None);
    assert_eq!(pq, "/open/whatsapp/message/WW-WPN1-5215512345432@c.us/MSG1");
    refused("messages", "get", &[json!("WW-1@c.us;x=1"), json!("MSG1")], None, "sessionKey: must not contain ';'");
}

#[test]
fn contacts() {
    let params = json!({"first_name": "Ana", "contact_details": [{"type": "WAPH", "value": MX}]});
    let (pq, body) = ok("contacts", "create", &[], Some(params));
    assert_eq!(pq, "/open/contacts");
    // #44: every example sends `contact_detail`; the field table's spelling is accepted too.
    assert_eq!(body, Some(json!({"first_name": "Ana", "contact_detail": [{"type": "WAPH", "value": MX}]})));
    refused("contacts", "create", &[], Some(json!({"first_name": "A", "contact_detail": []})), "contact_detail: needs at least 1 item(s)");
    refused("contacts", "create", &[], Some(json!({"first_name": "A"})), "contact_detail: is required");
    refused(
        "contacts",
        "create",
        &[],
        Some(json!({"first_name": "A", "contact_detail": [], "contact_details": []})),
        "contact_details: give contact_detail or contact_details, not both",
    );
    refused("contacts", "create", &[], Some(json!({"first_name": "A", "contact_detail": [{"type": "PH", "value": "555"}]})), "contact_detail[0].value: must be an E.164 number");
    refused("contacts", "create", &[], Some(json!({"first_name": "A", "contact_detail": [{"type": "E", "value": "ana"}]})), "contact_detail[0].value: must be an email address");
    refused("contacts", "create", &[], Some(json!({"first_name": "A", "contact_detail": [{"type": "X", "value": "a"}]})), "contact_detail[0].type: must be one of E, A, PH, WAPH");

    let (pq, _) = ok("contacts", "list", &[], Some(json!({"page_number": 0, "results_per_page": 25, "channel_uuid": "WPN1"})));
    assert_eq!(pq, "/open/contacts?page_number=0&results_per_page=25&channel_uuid=WPN1");
    // #45: "`results_per_page` (1–100)".
    refused("contacts", "list", &[], Some(json!({"results_per_page": 500})), "results_per_page: must be between 1 and 100");

    // #46: the term is `query` (docs) or `q` ([O]); `query` is sent.
    let (pq, _) = ok("contacts", "search", &[], Some(json!({"q": "ana +52", "results_per_page": 10})));
    assert_eq!(pq, "/open/contacts/search?query=ana%20%2B52&results_per_page=10");
    refused("contacts", "search", &[], Some(json!({"query": "a", "q": "b"})), "q: give query or q, not both");
    refused("contacts", "search", &[], Some(json!({"query": " "})), "query: must not be empty");

    // #48: updates send `contact_details`.
    let (pq, body) = ok("contacts", "update", &[json!("CON1")], Some(json!({"last_name": "B", "contact_detail": [{"type": "E", "value": "a@b.c"}]})));
    assert_eq!(pq, "/open/contacts/CON1");
    assert_eq!(body, Some(json!({"last_name": "B", "contact_details": [{"type": "E", "value": "a@b.c"}]})));
    refused("contacts", "update", &[json!("CON1")], Some(json!({})), "params: nothing to update");
    refused("contacts", "update", &[json!("CON1")], Some(json!({"first_name": null})), "first_name: cannot be null");
    refused("contacts", "get", &[json!("..;")], None, "contactUuid: must not contain ';'");
}

#[test]
fn groups() {
    let eleven: Vec<String> = (0..11).map(|i| format!("+1202555{:04}", 100 + i)).collect();
    // #24/#25: "max 10" participants a call.
    refused(
        "groups",
        "create",
        &[],
        Some(json!({"from_number": PY, "group": {"name": "g", "participants": eleven}})),
        "group.participants: takes at most 10 items (got 11)",
    );
    refused(
        "groups",
        "addParticipants",
        &[json!("WAG1")],
        Some(json!({"from_number": PY, "participants": ["+12025550100", "123"]})),
        "participants[1]: must be an E.164 number",
    );
    let (pq, body) = ok("groups", "setDescription", &[json!("WAG1")], Some(json!({"from_number": PY, "description": ""})));
    assert_eq!(pq, "/open/whatsapp/group/WAG1/set-description");
    assert_eq!(body, Some(json!({"from_number": PY, "description": ""})), "an empty description clears it");
}

#[test]
fn catalog_and_deletes_with_a_body() {
    let (pq, body) = ok("catalog", "listProducts", &[json!(PY)], Some(json!({"target_number": MX})));
    assert_eq!(pq, "/open/whatsapp/catalog/products/+5215512345432?from_number=%2B595981048477");
    assert_eq!(body, None);
    let (pq, body) = ok("catalog", "deleteProduct", &[json!("6562709013816345")], Some(json!({"from_number": PY})));
    assert_eq!(pq, "/open/whatsapp/catalog/product/6562709013816345");
    assert_eq!(body, Some(json!({"from_number": PY})), "#36: a JSON body on a DELETE");
    let (pq, _) = ok("catalog", "deleteProductImage", &[json!("P1"), json!(2)], Some(json!({"from_number": PY})));
    assert_eq!(pq, "/open/whatsapp/catalog/product/image/P1/2");
    ok("catalog", "deleteProductImage", &[json!("P1"), json!("2")], Some(json!({"from_number": PY})));
    refused("catalog", "deleteProductImage", &[json!("P1"), json!(0)], Some(json!({"from_number": PY})), "imageIndex: must be a whole number of at least 1");
    refused(
        "catalog",
        "updateProduct",
        &[json!("P1")],
        Some(json!({"from_number": PY, "product": {"name": null}})),
        "product.name: cannot be null",
    );
    refused(
        "catalog",
        "createProduct",
        &[],
        Some(json!({"from_number": PY, "product": {"name": "x", "image_url": "https://a.b/c.png", "price": "19,90"}})),
        "product.price: must be a decimal amount",
    );
    refused(
        "catalog",
        "updateCollection",
        &[json!("C1")],
        Some(json!({"from_number": PY, "collection": {}})),
        "collection.add_product_ids: give at least one of add_product_ids, remove_product_ids",
    );
    // #37: "image_urls[] (max 2)".
    refused(
        "catalog",
        "addProductImages",
        &[json!("P1")],
        Some(json!({"from_number": PY, "product": {"image_urls": ["https://a/1", "https://a/2", "https://a/3"]}})),
        "product.image_urls: takes at most 2 items",
    );
}

#[test]
fn webhook_subscriptions() {
    let (pq, body) = ok(
        "webhooks",
        "subscribe",
        &[json!("whatsapp.message.received")],
        Some(json!({"router": {"url": "https://hooks.example/2chat/", "token": "abcdefghijklmnop"}, "on_number": PY})),
    );
    assert_eq!(pq, "/open/webhooks/subscribe/whatsapp.message.received");
    assert_eq!(
        body,
        Some(json!({"on_number": PY, "hook_url": "https://hooks.example/2chat/whatsapp.message.received?token=abcdefghijklmnop"}))
    );
    refused("webhooks", "subscribe", &[json!("whatsapp.nope")], Some(json!({"hook_url": "https://h/x", "on_number": PY})), "eventName: \"whatsapp.nope\" is not a 2Chat webhook event name");
    refused("webhooks", "subscribe", &[json!("call.status.update")], Some(json!({"hook_url": "https://h/x", "on_number": PY})), "on_number: call.status.update is a phone-call event");
    refused("webhooks", "subscribe", &[json!("call.status.update")], Some(json!({"hook_url": "https://h/x"})), "channel_uuid: is required");
    refused("webhooks", "subscribe", &[json!("whatsapp.message.sent")], Some(json!({"hook_url": "https://h/x", "on_number": PY, "to_group_uuid": "WAG1"})), "to_group_uuid: applies only to whatsapp.group.*");
    refused("webhooks", "subscribe", &[json!("whatsapp.message.sent")], Some(json!({"hook_url": "https://h/x", "on_number": PY, "time_period": "day"})), "time_period: applies only to whatsapp.conversation.new");
    refused("webhooks", "subscribe", &[json!("whatsapp.message.sent")], Some(json!({"on_number": PY})), "hook_url: is required");
    refused("webhooks", "subscribe", &[json!("whatsapp.message.sent")], Some(json!({"hook_url": "https://h/x", "router": {"url": "https://h", "token": "abcdefghijklmnop"}, "on_number": PY})), "router: give hook_url or router, not both");
    assert_eq!(ok("webhooks", "list", &[], Some(json!({"channel_uuid": "WPN1"}))).0, "/open/webhooks/channel/WPN1");
    assert_eq!(ok("webhooks", "list", &[], None).0, "/open/webhooks");
}

#[test]
fn waba() {
    let (pq, body) = ok("waba", "listTemplates", &[json!("+16173518454")], Some(json!({"page": 2})));
    assert_eq!(pq, "/open/waba/templates?phone_number=%2B16173518454&page=2");
    assert_eq!(body, None);
    let (pq, body) = ok("waba", "syncTemplates", &[json!("+16173518454")], None);
    assert_eq!((pq.as_str(), body), ("/open/waba/templates/sync?phone_number=%2B16173518454", None), "#57: a POST with a query");
    let base = json!({"from_number": "+16173518454", "to_number": MX});
    let with = |extra: Value| {
        let mut p = base.clone();
        if let (Some(o), Value::Object(e)) = (p.as_object_mut(), extra) {
            o.extend(e);
        }
        Some(p)
    };
    ok("waba", "sendMessage", &[], with(json!({"template_uuid": "TMP1", "params": {}})));
    ok("waba", "sendMessage", &[], with(json!({"text": "hola"})));
    refused("waba", "sendMessage", &[], with(json!({"template_uuid": "TMP1", "text": "x", "params": {}})), "text: a WABA message is a template");
    refused("waba", "sendMessage", &[], with(json!({"template_uuid": "TMP1"})), "params: is required with a template");
    refused("waba", "sendMessage", &[], with(json!({"text": "x", "params": {}})), "params: applies only to template messages");
    refused("waba", "sendMessage", &[], with(json!({"template_uuid": "TMP1", "params": {"header": 5}})), "params.header: must be a string or an array, got a number");
    refused("waba", "sendMessage", &[], with(json!({"template_uuid": "TMP1", "params": {"header": ["a", 1]}})), "params.header[1]: must be a string, got a number");
    let buttons = json!([{"reply": {"title": "a"}}, {"reply": {"title": "b"}}, {"reply": {"title": "c"}}, {"reply": {"title": "d"}}]);
    refused(
        "waba",
        "sendMessage",
        &[],
        with(json!({"text": "x", "payload": {"interactive": {"type": "button", "action": {"buttons": buttons}}}})),
        "payload.interactive.action.buttons: takes at most 3 reply buttons",
    );
}

#[test]
fn calls_sms_and_numbers_for_sale() {
    // #62/#63: "docs: default 200", no maximum.
    ok("calls", "listVirtualNumbers", &[], Some(json!({"results_per_page": 200})));
    ok("calls", "listCallerIds", &[], Some(json!({"results_per_page": 500})));
    refused("calls", "listCallerIds", &[], Some(json!({"results_per_page": 0})), "results_per_page: must be a whole number of at least 1");
    refused("calls", "history", &[], Some(json!({"direction": "incoming"})), "direction: must be one of inbound, outbound");
    refused("sms", "send", &[], Some(json!({"from_number": "+14155550199", "to_number": MX})), "text: is required");
    // #69: did-types returns numeric ids.
    let (pq, _) = ok("phoneNumbers", "requirements", &[], Some(json!({"country": "US", "did_type": 3})));
    assert_eq!(pq, "/open/numbers/requirements?country=US&did_type=3");
    refused("phoneNumbers", "regions", &[], Some(json!({"country": "USA"})), "country: must be a two-letter country code");
    refused("phoneNumbers", "available", &[], Some(json!({"group_id": 5, "number_contains": "12a"})), "number_contains: must be 1 to 15 digits");
    refused("voice", "createAccessToken", &[], Some(json!({"user_uuid": "USR1", "ttl": 59})), "ttl: must be between 60 and 86400");
    refused("conversations", "list", &[json!("WPN1")], Some(json!({"phone_number": "12"})), "phone_number: must be 3 to 20 digits");
    let (_, body) = ok("profile", "setPicture", &[json!(PY)], Some(json!({"url": null})));
    assert_eq!(body, Some(json!({"url": null})), "#18: `null` removes the picture, so it is sent");
    refused("profile", "setPicture", &[json!(PY)], Some(json!({})), "url: is required");
}

#[test]
fn every_method_has_a_primary_row_and_every_path_parameter_a_source() {
    for o in crate::table::OPS.iter() {
        let primary = o.primary().unwrap();
        for e in o.endpoints() {
            for p in e.params() {
                let from_arg = o.args.iter().any(|a| a.wire == p);
                assert!(from_arg || e.when == Some(p), "#{} {}: {{{p}}} has no argument", e.id, e.path);
            }
            assert_eq!((e.resource, e.method_name), (o.resource, o.name));
        }
        assert!(primary.when.is_none());
    }
}
