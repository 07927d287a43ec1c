//! What each endpoint function sends, and what it refuses before anything is sent.

use serde_json::{json, Value};

use super::*;
use crate::endpoints::Method;
use crate::request::RequestSpec;

fn ok(r: crate::error::Result<RequestSpec>) -> RequestSpec {
    match r {
        Ok(r) => r,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fn refused(r: crate::error::Result<RequestSpec>, starts: &str) {
    match r {
        Ok(spec) => panic!("expected invalid_input starting with {starts:?}, got request {spec:?}"),
        Err(e) => {
            assert_eq!(e.code.as_str(), "invalid_input", "{e}");
            assert!(e.message.starts_with(starts), "expected {starts:?}, got {:?}", e.message);
        }
    }
}

fn v(x: Value) -> Option<Value> {
    Some(x)
}

#[test]
fn account_info() {
    let r = ok(account::info());
    assert_eq!((r.method, r.path_and_query().as_str(), r.body), (Method::Get, "/open/info", None));
}

#[test]
fn numbers_list_and_check() {
    let r = ok(numbers::list(v(json!({"status": "connected", "page_number": 1, "results_per_page": 100})).as_ref()));
    assert_eq!(r.path_and_query(), "/open/whatsapp/get-numbers?status=connected&page_number=1&results_per_page=100");
    assert_eq!(ok(numbers::list(None)).path_and_query(), "/open/whatsapp/get-numbers");
    refused(
        numbers::list(v(json!({"status": "online"})).as_ref()),
        "status: must be one of connected, disconnected, all",
    );
    // 2Chat documents a default of 50 and no maximum for get-numbers (2chat-api.md #5).
    refused(
        numbers::list(v(json!({"results_per_page": 0})).as_ref()),
        "results_per_page: must be a whole number of at least 1",
    );
    ok(numbers::list(v(json!({"results_per_page": 250})).as_ref()));
    refused(numbers::list(v(json!({"page_number": -1})).as_ref()), "page_number:");

    let r = ok(numbers::check(
        v(json!("+595981048477")).as_ref(),
        v(json!("+12025550123")).as_ref(),
        v(json!({"extra_information": true})).as_ref(),
    ));
    assert_eq!(r.path_and_query(), "/open/whatsapp/check-number/+595981048477/+12025550123?extra-information=true");
    let r = ok(numbers::check(v(json!("+595981048477")).as_ref(), v(json!("+12025550123")).as_ref(), None));
    assert_eq!(r.path_and_query(), "/open/whatsapp/check-number/+595981048477/+12025550123");
    refused(
        numbers::check(v(json!("595981048477")).as_ref(), v(json!("+12025550123")).as_ref(), None),
        "fromNumber: must be an E.164 number",
    );
    refused(numbers::check(v(json!("+595981048477")).as_ref(), None, None), "numberToCheck: is required");
    refused(numbers::check(v(json!("+595981048477")).as_ref(), v(json!("+1/../x")).as_ref(), None), "numberToCheck:");
}

#[test]
fn send_message_body_is_passed_through() {
    let params = json!({"from_number": "+595981048477", "to_number": "+5215512345432", "text": "hola 👋", "url": "https://example.com/a.png"});
    let r = ok(messages::send(Some(&params)));
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/open/whatsapp/send-message"));
    assert_eq!(r.body, Some(params));
}

#[test]
fn send_message_to_a_group_with_a_pin() {
    let params = json!({"from_number": "+595981048477", "to_group_uuid": "WAG768beeef-2b96-4bc7-9b7f-045078568723",
        "pin": {"latitude": "-25.2637", "longitude": "-57.5759", "name": "Asunción"}});
    let r = ok(messages::send(Some(&params)));
    let body = r.body.unwrap_or_default();
    assert_eq!(body["text"], json!(""), "2Chat expects a text field, empty with a bare pin");
    assert_eq!(body["pin"]["latitude"], json!("-25.2637"));
}

#[test]
fn send_message_validation() {
    let base = |extra: Value| {
        let mut p = json!({"from_number": "+595981048477", "to_number": "+5215512345432", "text": "hi"});
        if let (Some(o), Value::Object(e)) = (p.as_object_mut(), extra) {
            for (k, val) in e {
                o.insert(k, val);
            }
        }
        p
    };
    refused(messages::send(None), "params: is required");
    refused(messages::send(Some(&json!("hi"))), "params: must be an object, got a string");
    refused(messages::send(Some(&base(json!({"from_number": "0981 048477"})))), "from_number: must be an E.164 number");
    refused(messages::send(Some(&base(json!({"from_number": null})))), "from_number: is required");
    refused(messages::send(Some(&base(json!({"to_number": "+12"})))), "to_number: must be an E.164 number");
    refused(
        messages::send(Some(&base(json!({"to_group_uuid": "WAG1"})))),
        "to_number: give either to_number or to_group_uuid, not both",
    );
    refused(messages::send(Some(&base(json!({"to_number": null})))), "to_number: a recipient is required");
    refused(messages::send(Some(&base(json!({"text": ""})))), "text: the message is empty");
    refused(messages::send(Some(&base(json!({"text": "   "})))), "text: the message is empty");
    refused(messages::send(Some(&base(json!({"text": null})))), "text: the message is empty");
    refused(messages::send(Some(&base(json!({"text": 42})))), "text: must be a string, got a number");
    refused(messages::send(Some(&base(json!({"text": "x".repeat(65_537)})))), "text: must be at most 65536 characters");
    refused(messages::send(Some(&base(json!({"url": "ftp://example.com/a.png"})))), "url: must be an http(s) URL");
    refused(
        messages::send(Some(&base(json!({"pin": {"latitude": -25.2, "longitude": "-57.5"}})))),
        "pin.latitude: must be a string, got a number",
    );
    refused(
        messages::send(Some(&base(json!({"pin": {"latitude": "91", "longitude": "0"}})))),
        "pin.latitude: must be a decimal number between -90 and 90",
    );
    refused(messages::send(Some(&base(json!({"pin": {"latitude": "1"}})))), "pin.longitude: is required");
    refused(messages::send(Some(&base(json!({"pin": "here"})))), "pin: must be an object");
}

#[test]
fn messages_list() {
    let r = ok(messages::list(v(json!("+595981048477")).as_ref(), None));
    assert_eq!(r.path_and_query(), "/open/whatsapp/messages/+595981048477");
    let r = ok(messages::list(
        v(json!("+595981048477")).as_ref(),
        v(json!({"remote_number": "+5215512345432", "page_number": 2})).as_ref(),
    ));
    assert_eq!(r.path_and_query(), "/open/whatsapp/messages/+595981048477/+5215512345432?page_number=2");
    refused(messages::list(None, None), "number: is required");
    refused(
        messages::list(v(json!("+595981048477")).as_ref(), v(json!({"remote_number": "12"})).as_ref()),
        "remote_number: must be an E.164 number",
    );
}

#[test]
fn groups() {
    assert_eq!(ok(groups::list(v(json!("+595981048477")).as_ref())).path, "/open/whatsapp/groups/+595981048477");
    assert_eq!(ok(groups::get(v(json!("WGP768beeef")).as_ref())).path, "/open/whatsapp/group/WGP768beeef");
    refused(groups::get(v(json!("../info")).as_ref()), "groupUuid: must not contain '/'");
    refused(groups::get(v(json!("..")).as_ref()), "groupUuid:");
    refused(groups::get(v(json!("WAG%2F..")).as_ref()), "groupUuid: must not contain '%'");
    refused(groups::get(v(json!(7)).as_ref()), "groupUuid: must be a string, got a number");
    refused(groups::list(v(json!("+1")).as_ref()), "number: must be an E.164");
}

#[test]
fn contacts_create_sends_the_documented_spelling() {
    let documented = json!({"first_name": "2Chat", "last_name": "Support", "contact_detail": [
        {"type": "PH", "value": "+17137157533"}, {"type": "WAPH", "value": "+17137157533"}, {"type": "E", "value": "support@2chat.co"}]});
    let r = ok(contacts::create(Some(&documented)));
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/open/contacts"));
    assert_eq!(r.body.as_ref(), Some(&documented));
    let table_spelling = json!({"first_name": "A", "contact_details": [{"type": "A", "value": "Av. Mcal. López 123"}]});
    let body = ok(contacts::create(Some(&table_spelling))).body.unwrap_or_default();
    assert_eq!(body, json!({"first_name": "A", "contact_detail": [{"type": "A", "value": "Av. Mcal. López 123"}]}));
}

#[test]
fn contacts_validation() {
    refused(
        contacts::create(Some(&json!({"contact_detail": [{"type": "E", "value": "a@b.c"}]}))),
        "first_name: is required",
    );
    refused(contacts::create(Some(&json!({"first_name": "A"}))), "contact_detail: at least one detail");
    refused(
        contacts::create(Some(&json!({"first_name": "A", "contact_detail": []}))),
        "contact_detail: at least one detail",
    );
    refused(
        contacts::create(Some(&json!({"first_name": "A", "contact_detail": {"type": "E"}}))),
        "contact_detail: must be an array",
    );
    refused(
        contacts::create(Some(&json!({"first_name": "A", "contact_detail": [{"type": "X", "value": "1"}]}))),
        "contact_detail[0].type: must be one of E, A, PH, WAPH",
    );
    refused(
        contacts::create(Some(
            &json!({"first_name": "A", "contact_detail": [{"type": "E", "value": "a@b.c"}, {"type": "PH", "value": "555"}]}),
        )),
        "contact_detail[1].value: must be an E.164 number",
    );
    refused(
        contacts::create(Some(&json!({"first_name": "A", "contact_detail": [{"type": "E", "value": "nope"}]}))),
        "contact_detail[0].value: must be an email address",
    );
    refused(
        contacts::create(Some(&json!({"first_name": "A", "contact_detail": [{"type": "E"}]}))),
        "contact_detail[0].value: is required",
    );
    refused(
        contacts::create(Some(&json!({"first_name": "A", "contact_detail": ["x"]}))),
        "contact_detail[0]: must be an object",
    );
    refused(
        contacts::create(Some(&json!({"first_name": "A", "contact_detail": [], "contact_details": []}))),
        "contact_details: give contact_detail or contact_details, not both",
    );
    refused(
        contacts::create(Some(&json!({"first_name": 1, "contact_detail": [{"type": "E", "value": "a@b.c"}]}))),
        "first_name: must be a string",
    );
}

#[test]
fn contacts_list() {
    let r = ok(contacts::list(v(json!({"page_number": 0, "results_per_page": 25, "channel_uuid": "WPN1"})).as_ref()));
    assert_eq!(r.path_and_query(), "/open/contacts?page_number=0&results_per_page=25&channel_uuid=WPN1");
    refused(
        contacts::list(v(json!({"results_per_page": 500})).as_ref()),
        "results_per_page: must be between 1 and 100",
    );
}

#[test]
fn webhooks_subscribe() {
    let r = ok(webhooks::subscribe(
        v(json!("whatsapp.message.received")).as_ref(),
        v(json!({"hook_url": "https://example.com/hook", "on_number": "+595981048477"})).as_ref(),
    ));
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/open/webhooks/subscribe/whatsapp.message.received"));
    assert_eq!(r.body, Some(json!({"hook_url": "https://example.com/hook", "on_number": "+595981048477"})));
    ok(webhooks::subscribe(
        v(json!("call.status.update")).as_ref(),
        v(json!({"hook_url": "https://e.com/h", "channel_uuid": "DID1"})).as_ref(),
    ));
    ok(webhooks::subscribe(
        v(json!("whatsapp.conversation.new")).as_ref(),
        v(json!({"hook_url": "https://e.com/h", "on_number": "+595981048477", "time_period": "day"})).as_ref(),
    ));
    ok(webhooks::subscribe(
        v(json!("whatsapp.group.join")).as_ref(),
        v(json!({"hook_url": "https://e.com/h", "on_number": "+595981048477", "to_group_uuid": "WAG1"})).as_ref(),
    ));

    let p = |x: Value| Some(x);
    refused(
        webhooks::subscribe(
            p(json!("whatsapp.message.nope")).as_ref(),
            p(json!({"hook_url": "https://e.com", "on_number": "+595981048477"})).as_ref(),
        ),
        "eventName: \"whatsapp.message.nope\" is not a 2Chat webhook event name",
    );
    refused(
        webhooks::subscribe(
            p(json!("whatsapp.message.new")).as_ref(),
            p(json!({"hook_url": "javascript:alert(1)", "on_number": "+595981048477"})).as_ref(),
        ),
        "hook_url: must be an http(s) URL",
    );
    refused(
        webhooks::subscribe(
            p(json!("whatsapp.message.new")).as_ref(),
            p(json!({"on_number": "+595981048477"})).as_ref(),
        ),
        "hook_url: is required",
    );
    refused(
        webhooks::subscribe(
            p(json!("whatsapp.message.new")).as_ref(),
            p(json!({"hook_url": "https://e.com"})).as_ref(),
        ),
        "on_number: is required",
    );
    refused(
        webhooks::subscribe(
            p(json!("call.status.update")).as_ref(),
            p(json!({"hook_url": "https://e.com", "on_number": "+595981048477"})).as_ref(),
        ),
        "on_number: call.status.update is a phone-call event",
    );
    refused(
        webhooks::subscribe(
            p(json!("whatsapp.conversation.new")).as_ref(),
            p(json!({"hook_url": "https://e.com", "on_number": "+595981048477", "time_period": "decade"})).as_ref(),
        ),
        "time_period: must be one of all-time",
    );
    refused(
        webhooks::subscribe(
            p(json!("whatsapp.message.new")).as_ref(),
            p(json!({"hook_url": "https://e.com", "on_number": "+595981048477", "time_period": "day"})).as_ref(),
        ),
        "time_period: applies only",
    );
    refused(
        webhooks::subscribe(
            p(json!("whatsapp.message.new")).as_ref(),
            p(json!({"hook_url": "https://e.com", "on_number": "+595981048477", "to_group_uuid": "WAG1"})).as_ref(),
        ),
        "to_group_uuid: applies only",
    );
}

#[test]
fn webhooks_list_and_delete() {
    assert_eq!(ok(webhooks::list(None)).path, "/open/webhooks");
    assert_eq!(
        ok(webhooks::list(v(json!({"channel_uuid": "WPN95841312"})).as_ref())).path,
        "/open/webhooks/channel/WPN95841312"
    );
    let r = ok(webhooks::delete(v(json!("WHKdc78c87e")).as_ref()));
    assert_eq!((r.method, r.path.as_str()), (Method::Delete, "/open/webhooks/WHKdc78c87e"));
    refused(webhooks::delete(v(json!("a/b")).as_ref()), "webhookUuid: must not contain '/'");
    refused(webhooks::delete(None), "webhookUuid: is required");
}

#[test]
fn paths_outside_open() {
    assert_eq!(ok(account::ping()).path, "/ping");
    let r = ok(voice::create_access_token(Some(&json!({"user_uuid": "USR1", "ttl": 600}))));
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/sdk/voip/access-token"));
    refused(
        voice::create_access_token(Some(&json!({"user_uuid": "USR1", "ttl": 59}))),
        "ttl: must be between 60 and 86400",
    );
    refused(voice::create_access_token(Some(&json!({"user_uuid": "USR1", "ttl": 86_401}))), "ttl:");
    refused(voice::create_access_token(Some(&json!({"ttl": 600}))), "user_uuid: is required");
}

#[test]
fn channels() {
    assert_eq!(ok(channels::connect(v(json!("WPN1")).as_ref())).path, "/open/whatsapp/channel/WPN1/connect");
    assert_eq!(ok(channels::disconnect(v(json!("WPN1")).as_ref())).path, "/open/whatsapp/channel/WPN1/disconnect");
    assert_eq!(ok(channels::delete(v(json!("WPN1")).as_ref())).method, Method::Delete);
    refused(channels::create(Some(&json!({"phone_number": "+595981000000"}))), "friendly_name: is required");
    refused(channels::status(v(json!("WPN1/../x")).as_ref()), "channelUuid: must not contain '/'");
}

#[test]
fn groups_take_at_most_ten_participants() {
    let eleven: Vec<String> = (0..11).map(|i| format!("+5959810000{i:02}")).collect();
    let ten = &eleven[..10];
    ok(groups::create(Some(&json!({"from_number": "+595981048477", "group": {"name": "g", "participants": ten}}))));
    refused(
        groups::create(Some(&json!({"from_number": "+595981048477", "group": {"name": "g", "participants": eleven}}))),
        "group.participants: takes at most 10 items",
    );
    refused(
        groups::create(Some(&json!({"from_number": "+595981048477", "group": {"participants": ten}}))),
        "group.name: is required",
    );
    for f in [
        groups::add_participants,
        groups::remove_participants,
        groups::promote_participants,
        groups::demote_participants,
    ] {
        let r = ok(f(v(json!("WAG1")).as_ref(), Some(&json!({"from_number": "+595981048477", "participants": ten}))));
        assert_eq!(r.method, Method::Post);
        refused(
            f(v(json!("WAG1")).as_ref(), Some(&json!({"from_number": "+595981048477", "participants": eleven}))),
            "participants: takes at most 10 items",
        );
        refused(
            f(v(json!("WAG1")).as_ref(), Some(&json!({"from_number": "+595981048477", "participants": []}))),
            "participants: needs at least 1",
        );
        refused(
            f(
                v(json!("WAG1")).as_ref(),
                Some(&json!({"from_number": "+595981048477", "participants": ["595981000000"]})),
            ),
            "participants[0]: must be an E.164",
        );
    }
    assert_eq!(
        ok(groups::messages(v(json!("WAG1")).as_ref(), v(json!({"page_number": 2})).as_ref())).path_and_query(),
        "/open/whatsapp/groups/messages/WAG1?page_number=2"
    );
}

#[test]
fn catalog_deletes_carry_a_json_body_and_queries_encode_plus() {
    let r = ok(catalog::list_products(v(json!("+595981048477")).as_ref(), None));
    assert_eq!(r.path_and_query(), "/open/whatsapp/catalog/products?from_number=%2B595981048477");
    let r = ok(catalog::list_collections(
        v(json!("+595981048477")).as_ref(),
        v(json!({"target_number": "+5215512345432"})).as_ref(),
    ));
    assert_eq!(r.path_and_query(), "/open/whatsapp/catalog/collections/+5215512345432?from_number=%2B595981048477");
    for r in [
        ok(catalog::delete_product(v(json!("123")).as_ref(), Some(&json!({"from_number": "+595981048477"})))),
        ok(catalog::delete_collection(v(json!("456")).as_ref(), Some(&json!({"from_number": "+595981048477"})))),
        ok(catalog::delete_product_image(
            v(json!("123")).as_ref(),
            v(json!(1)).as_ref(),
            Some(&json!({"from_number": "+595981048477"})),
        )),
    ] {
        assert_eq!(r.method, Method::Delete);
        assert_eq!(r.body, Some(json!({"from_number": "+595981048477"})));
    }
    refused(
        catalog::delete_product_image(
            v(json!("123")).as_ref(),
            v(json!(0)).as_ref(),
            Some(&json!({"from_number": "+595981048477"})),
        ),
        "imageIndex: the default image",
    );
    refused(catalog::delete_product(v(json!("123")).as_ref(), None), "params: is required");
    refused(
        catalog::update_product(
            v(json!("1")).as_ref(),
            Some(&json!({"from_number": "+595981048477", "product": {"name": null}})),
        ),
        "product.name: cannot be null",
    );
    refused(
        catalog::create_product(Some(
            &json!({"from_number": "+595981048477", "product": {"name": "x", "image_url": "https://e.com/a.jpg", "price": 19.9}}),
        )),
        "product.price: must be a string",
    );
    refused(
        catalog::update_collection(
            v(json!("1")).as_ref(),
            Some(&json!({"from_number": "+595981048477", "collection": {}})),
        ),
        "collection.add_product_ids: give add_product_ids",
    );
    refused(
        catalog::add_product_images(
            v(json!("1")).as_ref(),
            Some(
                &json!({"from_number": "+595981048477", "product": {"image_urls": ["https://e.com/1.jpg", "https://e.com/2.jpg", "https://e.com/3.jpg"]}}),
            ),
        ),
        "product.image_urls: takes at most 2",
    );
}

#[test]
fn contacts_search_update() {
    assert_eq!(
        ok(contacts::search(Some(&json!({"q": "ana +52", "results_per_page": 10})))).path_and_query(),
        "/open/contacts/search?query=ana%20%2B52&results_per_page=10"
    );
    refused(contacts::search(Some(&json!({}))), "query: a search term is required");
    let r = ok(contacts::update(
        v(json!("CON1")).as_ref(),
        Some(&json!({"last_name": "B", "contact_detail": [{"type": "E", "value": "a@b.co"}]})),
    ));
    assert_eq!(r.body, Some(json!({"last_name": "B", "contact_details": [{"type": "E", "value": "a@b.co"}]})));
    refused(contacts::update(v(json!("CON1")).as_ref(), Some(&json!({}))), "params: nothing to update");
    refused(
        contacts::update(v(json!("CON1")).as_ref(), Some(&json!({"first_name": null}))),
        "first_name: cannot be null",
    );
}

#[test]
fn waba_template_xor_text() {
    let base = json!({"from_number": "+16173518454", "to_number": "+595981378890"});
    let with = |extra: Value| {
        let mut b = base.clone();
        if let (Some(o), Value::Object(e)) = (b.as_object_mut(), extra) {
            o.extend(e);
        }
        b
    };
    ok(waba::send_message(Some(&with(json!({"template_uuid": "TMP1", "params": {}})))));
    ok(waba::send_message(Some(&with(
        json!({"template_uuid": "TMP1", "params": {"body": ["Fredy"], "header": "Hi"}}),
    ))));
    ok(waba::send_message(Some(&with(json!({"text": "Hola"})))));
    refused(
        waba::send_message(Some(&with(json!({"template_uuid": "TMP1", "params": {}, "text": "x"})))),
        "text: a WABA message is a template",
    );
    refused(waba::send_message(Some(&with(json!({})))), "template_uuid: give template_uuid + params, or text");
    refused(waba::send_message(Some(&with(json!({"template_uuid": "TMP1"})))), "params: is required with a template");
    refused(
        waba::send_message(Some(&with(json!({"text": "x", "params": {}})))),
        "params: applies only to template messages",
    );
    refused(
        waba::send_message(Some(&with(json!({"template_uuid": "TMP1", "params": {"body": [1]}})))),
        "params.body[0]: must be a string",
    );
    let three_buttons = json!({"type": "button", "action": {"buttons": [{"reply": {"title": "a"}}, {"reply": {"title": "b"}}, {"reply": {"title": "c"}}, {"reply": {"title": "d"}}]}});
    refused(
        waba::send_message(Some(&with(json!({"text": "pick", "payload": {"interactive": three_buttons}})))),
        "payload.interactive.action.buttons: takes at most 3",
    );
    assert_eq!(
        ok(waba::list_templates(v(json!("+16173518454")).as_ref(), v(json!({"page": 2})).as_ref())).path_and_query(),
        "/open/waba/templates?phone_number=%2B16173518454&page=2"
    );
    assert_eq!(ok(waba::sync_templates(v(json!("+16173518454")).as_ref())).method, Method::Post);
}

#[test]
fn calls_sms_numbers() {
    assert_eq!(
        ok(calls::history(v(json!({"direction": "inbound", "page_number": 1})).as_ref())).path_and_query(),
        "/open/voip/call-history?page_number=1&direction=inbound"
    );
    refused(
        calls::history(v(json!({"direction": "incoming"})).as_ref()),
        "direction: must be one of inbound, outbound",
    );
    // 2Chat documents a default of 200 and no maximum for virtual numbers and caller IDs
    // (2chat-api.md #62, #63, "Pagination").
    ok(calls::list_virtual_numbers(v(json!({"results_per_page": 200})).as_ref()));
    ok(calls::list_caller_ids(v(json!({"results_per_page": 500})).as_ref()));
    refused(
        calls::list_caller_ids(v(json!({"results_per_page": 0})).as_ref()),
        "results_per_page: must be a whole number of at least 1",
    );
    let r = ok(sms::send(Some(&json!({"from_number": "+14155550199", "to_number": "+5215512345432", "text": "hi"}))));
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/open/sms/send"));
    refused(
        sms::send(Some(&json!({"from_number": "+14155550199", "to_number": "+5215512345432"}))),
        "text: is required",
    );
    assert_eq!(
        ok(phone_numbers::regions(Some(&json!({"country": "us"})))).path_and_query(),
        "/open/numbers/regions?country=US"
    );
    refused(phone_numbers::regions(Some(&json!({"country": "USA"}))), "country: must be an ISO 3166");
    assert_eq!(
        ok(phone_numbers::available(Some(&json!({"group_id": 42, "number_contains": "555"})))).path_and_query(),
        "/open/numbers/available?group_id=42&number_contains=555"
    );
    refused(phone_numbers::available(Some(&json!({}))), "group_id: is required");
    let r = ok(phone_numbers::purchase(None));
    assert_eq!((r.method, r.path.as_str(), r.body), (Method::Post, "/open/numbers/purchase", Some(json!({}))));
    assert_eq!(ok(phone_numbers::cancel_reservation(v(json!("RSV1")).as_ref())).method, Method::Delete);
}

#[test]
fn conversations_and_profile() {
    assert_eq!(
        ok(conversations::list(
            v(json!("WPN1")).as_ref(),
            v(json!({"phone_number": "+5215", "page_number": 1})).as_ref()
        ))
        .path_and_query(),
        "/open/whatsapp/conversations/WPN1?page_number=1&phone_number=%2B5215"
    );
    refused(
        conversations::list(v(json!("WPN1")).as_ref(), v(json!({"phone_number": "52"})).as_ref()),
        "phone_number: must be 3 to 20 digits",
    );
    let r = ok(profile::set_picture(v(json!("+595981048477")).as_ref(), Some(&json!({"url": null}))));
    assert_eq!(r.body, Some(json!({"url": null})), "null removes the picture and must be sent");
    refused(profile::set_picture(v(json!("+595981048477")).as_ref(), Some(&json!({}))), "url: is required");
    refused(
        status::post_text(
            v(json!("+595981048477")).as_ref(),
            Some(&json!({"text": "hi", "params": {"backgroundColor": "red"}})),
        ),
        "params.backgroundColor: must be a #RRGGBB",
    );
    ok(status::post_text(
        v(json!("+595981048477")).as_ref(),
        Some(&json!({"text": "hi", "params": {"backgroundColor": "#25D366", "font": 2}})),
    ));
    refused(
        status::post_image(v(json!("+595981048477")).as_ref(), Some(&json!({"image_url": "nope"}))),
        "image_url: must be an http(s) URL",
    );
}

#[test]
fn every_table_row_is_reachable_from_an_api_function() {
    // One valid call per row; the row each request lands on is its (method, path template).
    let n = "+595981048477";
    let specs = vec![
        account::ping(),
        account::info(),
        users::list(),
        voice::create_access_token(Some(&json!({"user_uuid": "USR1"}))),
        numbers::list(None),
        channels::get(v(json!("WPN1")).as_ref()),
        channels::create(Some(&json!({"phone_number": n, "friendly_name": "x"}))),
        channels::status(v(json!("WPN1")).as_ref()),
        channels::connect(v(json!("WPN1")).as_ref()),
        channels::disconnect(v(json!("WPN1")).as_ref()),
        channels::delete(v(json!("WPN1")).as_ref()),
        numbers::check(v(json!(n)).as_ref(), v(json!(n)).as_ref(), None),
        messages::send(Some(&json!({"from_number": n, "to_number": n, "text": "x"}))),
        messages::list(v(json!(n)).as_ref(), None),
        messages::list(v(json!(n)).as_ref(), v(json!({"remote_number": n})).as_ref()),
        messages::get(v(json!("S")).as_ref(), v(json!("M")).as_ref()),
        messages::delete(v(json!("S")).as_ref(), v(json!("M")).as_ref()),
        conversations::list(v(json!("WPN1")).as_ref(), None),
        profile::set_picture(v(json!(n)).as_ref(), Some(&json!({"url": null}))),
        profile::set_status(v(json!(n)).as_ref(), Some(&json!({"status": "x"}))),
        status::post_text(v(json!(n)).as_ref(), Some(&json!({"text": "x"}))),
        status::post_image(v(json!(n)).as_ref(), Some(&json!({"image_url": "https://e.com/a.jpg"}))),
        groups::list(v(json!(n)).as_ref()),
        groups::get(v(json!("G")).as_ref()),
        groups::create(Some(&json!({"from_number": n, "group": {"name": "g", "participants": [n]}}))),
        groups::add_participants(v(json!("G")).as_ref(), Some(&json!({"from_number": n, "participants": [n]}))),
        groups::remove_participants(v(json!("G")).as_ref(), Some(&json!({"from_number": n, "participants": [n]}))),
        groups::promote_participants(v(json!("G")).as_ref(), Some(&json!({"from_number": n, "participants": [n]}))),
        groups::demote_participants(v(json!("G")).as_ref(), Some(&json!({"from_number": n, "participants": [n]}))),
        groups::set_description(v(json!("G")).as_ref(), Some(&json!({"from_number": n, "description": ""}))),
        groups::set_picture(v(json!("G")).as_ref(), Some(&json!({"from_number": n, "url": "https://e.com/a.jpg"}))),
        groups::messages(v(json!("G")).as_ref(), None),
        catalog::list_products(v(json!(n)).as_ref(), None),
        catalog::list_products(v(json!(n)).as_ref(), v(json!({"target_number": n})).as_ref()),
        catalog::create_product(Some(
            &json!({"from_number": n, "product": {"name": "p", "image_url": "https://e.com/a.jpg"}}),
        )),
        catalog::update_product(v(json!("1")).as_ref(), Some(&json!({"from_number": n, "product": {"price": "2"}}))),
        catalog::delete_product(v(json!("1")).as_ref(), Some(&json!({"from_number": n}))),
        catalog::add_product_images(
            v(json!("1")).as_ref(),
            Some(&json!({"from_number": n, "product": {"image_urls": ["https://e.com/b.jpg"]}})),
        ),
        catalog::delete_product_image(v(json!("1")).as_ref(), v(json!(1)).as_ref(), Some(&json!({"from_number": n}))),
        catalog::list_collections(v(json!(n)).as_ref(), None),
        catalog::list_collections(v(json!(n)).as_ref(), v(json!({"target_number": n})).as_ref()),
        catalog::create_collection(Some(&json!({"from_number": n, "collection": {"name": "c", "product_ids": ["1"]}}))),
        catalog::update_collection(
            v(json!("C")).as_ref(),
            Some(&json!({"from_number": n, "collection": {"add_product_ids": ["1"]}})),
        ),
        catalog::delete_collection(v(json!("C")).as_ref(), Some(&json!({"from_number": n}))),
        contacts::create(Some(&json!({"first_name": "a", "contact_detail": [{"type": "E", "value": "a@b.c"}]}))),
        contacts::list(None),
        contacts::search(Some(&json!({"query": "a"}))),
        contacts::get(v(json!("C")).as_ref()),
        contacts::update(v(json!("C")).as_ref(), Some(&json!({"last_name": "b"}))),
        contacts::delete(v(json!("C")).as_ref()),
        webhooks::subscribe(
            v(json!("whatsapp.message.new")).as_ref(),
            Some(&json!({"hook_url": "https://e.com", "on_number": n})),
        ),
        webhooks::list(None),
        webhooks::list(v(json!({"channel_uuid": "WPN1"})).as_ref()),
        webhooks::delete(v(json!("W")).as_ref()),
        waba::list_numbers(),
        waba::get_number(v(json!("WAN1")).as_ref()),
        waba::list_templates(v(json!(n)).as_ref(), None),
        waba::sync_templates(v(json!(n)).as_ref()),
        waba::delete_template(v(json!("TMP1")).as_ref()),
        waba::send_message(Some(&json!({"from_number": n, "to_number": n, "text": "x"}))),
        calls::history(None),
        calls::get(v(json!("CDR1")).as_ref()),
        calls::list_virtual_numbers(None),
        calls::list_caller_ids(None),
        calls::delete_virtual_number(v(json!("DID1")).as_ref()),
        sms::send(Some(&json!({"from_number": n, "to_number": n, "text": "x"}))),
        phone_numbers::regions(Some(&json!({"country": "US"}))),
        phone_numbers::cities(Some(&json!({"country": "US"}))),
        phone_numbers::did_types(),
        phone_numbers::requirements(Some(&json!({"country": "US"}))),
        phone_numbers::search_groups(Some(&json!({"country": "US"}))),
        phone_numbers::available(Some(&json!({"group_id": 1}))),
        phone_numbers::reserve(Some(&json!({"group_id": 1}))),
        phone_numbers::list_reservations(),
        phone_numbers::cancel_reservation(v(json!("R")).as_ref()),
        phone_numbers::purchase(None),
    ];
    let mut rows: Vec<(Method, &str)> = Vec::new();
    for s in specs {
        let s = ok(s);
        let e = crate::endpoints::ENDPOINTS
            .iter()
            .find(|e| {
                Some(e.id) == s.endpoint
                    && e.method == s.method
                    && e.fill(&vec!["x".into(); e.params().count()]).split('/').count() == s.path.split('/').count()
                    && e.path.split('/').zip(s.path.split('/')).all(|(t, p)| t.starts_with('{') || t == p)
            })
            .unwrap_or_else(|| panic!("{} {} matches no table row", s.method.as_str(), s.path));
        rows.push((e.method, e.path));
    }
    rows.sort();
    rows.dedup();
    assert_eq!(rows.len(), crate::endpoints::ENDPOINTS.len(), "every row of the table is reached");
}

#[test]
fn routed_subscriptions_build_the_hook_url() {
    let r = ok(webhooks::subscribe(
        v(json!("whatsapp.message.received")).as_ref(),
        Some(
            &json!({"router": {"url": "https://hooks.example.workers.dev/2chat/", "token": "0123456789abcdef_XYZ"}, "on_number": "+595981048477"}),
        ),
    ));
    assert_eq!(
        r.body,
        Some(
            json!({"hook_url": "https://hooks.example.workers.dev/2chat/whatsapp.message.received?token=0123456789abcdef_XYZ", "on_number": "+595981048477"})
        )
    );
    refused(
        webhooks::subscribe(
            v(json!("whatsapp.message.received")).as_ref(),
            Some(&json!({"router": {"url": "https://h.example", "token": "short"}, "on_number": "+595981048477"})),
        ),
        "router.token:",
    );
    refused(
        webhooks::subscribe(
            v(json!("whatsapp.message.received")).as_ref(),
            Some(
                &json!({"router": {"url": "https://h.example", "token": "0123456789abcdef&x=1"}, "on_number": "+595981048477"}),
            ),
        ),
        "router.token:",
    );
    refused(
        webhooks::subscribe(
            v(json!("whatsapp.message.received")).as_ref(),
            Some(
                &json!({"router": {"url": "https://h.example?x", "token": "0123456789abcdef"}, "on_number": "+595981048477"}),
            ),
        ),
        "router.url:",
    );
    refused(
        webhooks::subscribe(
            v(json!("whatsapp.message.received")).as_ref(),
            Some(
                &json!({"router": {"url": "https://h.example", "token": "0123456789abcdef"}, "hook_url": "https://x.example", "on_number": "+595981048477"}),
            ),
        ),
        "router: give hook_url or router",
    );
}
