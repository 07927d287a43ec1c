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
    refused(numbers::list(v(json!({"results_per_page": 0})).as_ref()), "results_per_page: must be between 1 and 100");
    refused(numbers::list(v(json!({"results_per_page": 101})).as_ref()), "results_per_page:");
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
