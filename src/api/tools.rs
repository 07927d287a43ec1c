//! Every endpoint as an LLM tool: the tool's arguments are one flat object — the method's
//! positional arguments by their snake_case names, plus the fields of its params object — and
//! this module turns them back into the method's request.

use serde_json::{Map, Value};

use super::*;
use crate::endpoints::ENDPOINTS;
use crate::error::{Error, ErrorCode, Result};
use crate::request::RequestSpec;
use crate::validate::type_name;

/// Tool names agent platforms already use for 2Chat's connector actions, and the tool each means.
pub const ALIASES: [(&str, &str); 5] = [
    ("_2CHAT_CREATE_CONTACT", "create_contact"),
    ("_2CHAT_GET_API_USAGE_INFO", "get_account_info"),
    ("_2CHAT_LIST_CONTACTS", "list_contacts"),
    ("_2CHAT_LIST_WEBHOOKS", "list_webhooks"),
    ("_2CHAT_TEST_API_KEY", "get_account_info"),
];

/// The positional arguments of each tool's method, by their snake_case names, in order.
pub fn positional(tool: &str) -> &'static [&'static str] {
    match tool {
        "check_number" => &["from_number", "number_to_check"],
        "get_channel" | "get_channel_status" | "connect_channel" | "disconnect_channel" | "delete_channel"
        | "list_conversations" => &["channel_uuid"],
        "list_messages"
        | "set_profile_picture"
        | "set_profile_status"
        | "post_text_status"
        | "post_image_status"
        | "list_groups" => &["number"],
        "get_message" | "delete_message" => &["session_key", "message_uuid"],
        "get_group"
        | "add_group_participants"
        | "remove_group_participants"
        | "promote_group_participants"
        | "demote_group_participants"
        | "set_group_description"
        | "set_group_picture"
        | "list_group_messages" => &["group_uuid"],
        "list_products" | "list_collections" => &["from_number"],
        "update_product" | "delete_product" | "add_product_images" => &["product_id"],
        "delete_product_image" => &["product_id", "image_index"],
        "update_collection" | "delete_collection" => &["collection_id"],
        "get_contact" | "update_contact" | "delete_contact" => &["contact_uuid"],
        "subscribe_webhook" => &["event_name"],
        "delete_webhook" => &["webhook_uuid"],
        "get_waba_number" => &["waba_uuid"],
        "list_waba_templates" | "sync_waba_templates" => &["phone_number"],
        "delete_waba_template" => &["template_uuid"],
        "get_call" => &["call_uuid"],
        "delete_virtual_number" => &["virtual_number_uuid"],
        "cancel_number_reservation" => &["reservation_uuid"],
        _ => &[],
    }
}

/// The canonical tool name of `name` (itself, or what an alias means), if it is one.
pub fn resolve(name: &str) -> Option<&'static str> {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, tool)| *tool)
        .or_else(|| ENDPOINTS.iter().find(|e| e.tool == name).map(|e| e.tool))
}

/// Describes the request a tool call makes, validating its arguments as the method would.
pub fn request(name: &str, args: Option<&Value>) -> Result<RequestSpec> {
    let tool = resolve(name).ok_or_else(|| Error::new(ErrorCode::InvalidInput, format!("unknown tool {name:?}")))?;
    let empty = Map::new();
    let args = match args {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(m)) => m,
        Some(other) => {
            return Err(Error::invalid("arguments", format_args!("must be an object, got {}", type_name(other))))
        }
    };
    let names = positional(tool);
    let pos: Vec<Option<&Value>> = names.iter().map(|n| args.get(*n)).collect();
    let rest: Map<String, Value> =
        args.iter().filter(|(k, _)| !names.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
    let params = Value::Object(rest);
    let p = Some(&params);
    let a = |i: usize| pos.get(i).copied().flatten();
    match tool {
        "ping" => account::ping(),
        "get_account_info" => account::info(),
        "list_users" => users::list(),
        "create_voice_access_token" => voice::create_access_token(p),
        "list_numbers" => numbers::list(p),
        "check_number" => numbers::check(a(0), a(1), p),
        "get_channel" => channels::get(a(0)),
        "create_channel" => channels::create(p),
        "get_channel_status" => channels::status(a(0)),
        "connect_channel" => channels::connect(a(0)),
        "disconnect_channel" => channels::disconnect(a(0)),
        "delete_channel" => channels::delete(a(0)),
        "send_message" => messages::send(p),
        "list_messages" => messages::list(a(0), p),
        "get_message" => messages::get(a(0), a(1)),
        "delete_message" => messages::delete(a(0), a(1)),
        "list_conversations" => conversations::list(a(0), p),
        "set_profile_picture" => profile::set_picture(a(0), p),
        "set_profile_status" => profile::set_status(a(0), p),
        "post_text_status" => status::post_text(a(0), p),
        "post_image_status" => status::post_image(a(0), p),
        "list_groups" => groups::list(a(0)),
        "get_group" => groups::get(a(0)),
        "create_group" => groups::create(p),
        "add_group_participants" => groups::add_participants(a(0), p),
        "remove_group_participants" => groups::remove_participants(a(0), p),
        "promote_group_participants" => groups::promote_participants(a(0), p),
        "demote_group_participants" => groups::demote_participants(a(0), p),
        "set_group_description" => groups::set_description(a(0), p),
        "set_group_picture" => groups::set_picture(a(0), p),
        "list_group_messages" => groups::messages(a(0), p),
        "list_products" => catalog::list_products(a(0), p),
        "create_product" => catalog::create_product(p),
        "update_product" => catalog::update_product(a(0), p),
        "delete_product" => catalog::delete_product(a(0), p),
        "add_product_images" => catalog::add_product_images(a(0), p),
        "delete_product_image" => catalog::delete_product_image(a(0), a(1), p),
        "list_collections" => catalog::list_collections(a(0), p),
        "create_collection" => catalog::create_collection(p),
        "update_collection" => catalog::update_collection(a(0), p),
        "delete_collection" => catalog::delete_collection(a(0), p),
        "create_contact" => contacts::create(p),
        "list_contacts" => contacts::list(p),
        "search_contacts" => contacts::search(p),
        "get_contact" => contacts::get(a(0)),
        "update_contact" => contacts::update(a(0), p),
        "delete_contact" => contacts::delete(a(0)),
        "subscribe_webhook" => webhooks::subscribe(a(0), p),
        "list_webhooks" => webhooks::list(p),
        "delete_webhook" => webhooks::delete(a(0)),
        "list_waba_numbers" => waba::list_numbers(),
        "get_waba_number" => waba::get_number(a(0)),
        "list_waba_templates" => waba::list_templates(a(0), p),
        "sync_waba_templates" => waba::sync_templates(a(0)),
        "delete_waba_template" => waba::delete_template(a(0)),
        "send_waba_message" => waba::send_message(p),
        "list_call_history" => calls::history(p),
        "get_call" => calls::get(a(0)),
        "list_virtual_numbers" => calls::list_virtual_numbers(p),
        "list_caller_ids" => calls::list_caller_ids(p),
        "delete_virtual_number" => calls::delete_virtual_number(a(0)),
        "send_sms" => sms::send(p),
        "list_number_regions" => phone_numbers::regions(p),
        "list_number_cities" => phone_numbers::cities(p),
        "list_did_types" => phone_numbers::did_types(),
        "get_number_requirements" => phone_numbers::requirements(p),
        "search_number_groups" => phone_numbers::search_groups(p),
        "list_available_numbers" => phone_numbers::available(p),
        "reserve_number" => phone_numbers::reserve(p),
        "list_number_reservations" => phone_numbers::list_reservations(),
        "cancel_number_reservation" => phone_numbers::cancel_reservation(a(0)),
        "purchase_numbers" => phone_numbers::purchase(p),
        other => Err(Error::new(ErrorCode::InvalidInput, format!("tool {other:?} has no method"))),
    }
    .and_then(|spec| no_stray_arguments(tool, args, spec))
    .map_err(|e| speak_the_tools_names(tool, e))
}

/// Errors name a method's positional argument by its JS name (`channelUuid`); a tool's caller
/// knows it as the tool's argument (`channel_uuid`).
fn speak_the_tools_names(tool: &str, mut e: Error) -> Error {
    for snake in positional(tool) {
        let camel = camel_case(snake);
        if let Some(rest) = e.message.strip_prefix(camel.as_str()).filter(|r| r.starts_with(':')) {
            e.message = format!("{snake}{rest}");
            break;
        }
    }
    e
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Tools whose method takes no params object: arguments besides the positional ones are refused
/// rather than silently dropped. (Tools with params pass unknown fields on, as the methods do, so
/// options 2Chat adds later can be used before this SDK knows them.)
const NO_PARAMS: [&str; 24] = [
    "ping",
    "get_account_info",
    "list_users",
    "list_waba_numbers",
    "list_did_types",
    "list_number_reservations",
    "get_channel",
    "get_channel_status",
    "connect_channel",
    "disconnect_channel",
    "delete_channel",
    "get_message",
    "delete_message",
    "list_groups",
    "get_group",
    "get_contact",
    "delete_contact",
    "delete_webhook",
    "get_waba_number",
    "sync_waba_templates",
    "delete_waba_template",
    "get_call",
    "delete_virtual_number",
    "cancel_number_reservation",
];

/// Whether the tool's method takes a params object.
pub fn takes_params(tool: &str) -> bool {
    !NO_PARAMS.contains(&tool)
}

fn no_stray_arguments(tool: &str, args: &Map<String, Value>, spec: RequestSpec) -> Result<RequestSpec> {
    if !takes_params(tool) {
        if let Some(k) = args.keys().find(|k| !positional(tool).contains(&k.as_str())) {
            return Err(Error::invalid(k, format_args!("is not an argument of {tool}")));
        }
    }
    Ok(spec)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_tool_of_the_table_dispatches() {
        for e in ENDPOINTS {
            let r = request(e.tool, Some(&json!({})));
            if let Err(err) = &r {
                assert_eq!(err.code, ErrorCode::InvalidInput, "{}: {err}", e.tool);
                assert!(
                    !err.message.contains("has no method") && !err.message.contains("unknown tool"),
                    "{}: {err}",
                    e.tool
                );
            }
        }
    }

    #[test]
    fn flat_arguments_become_the_methods_arguments() {
        let r = request(
            "check_number",
            Some(
                &json!({"from_number": "+595981048477", "number_to_check": "+12025550123", "extra_information": true}),
            ),
        )
        .unwrap();
        assert_eq!(r.path_and_query(), "/open/whatsapp/check-number/+595981048477/+12025550123?extra-information=true");
        let r = request("list_messages", Some(&json!({"number": "+595981048477", "remote_number": "+5215512345432"})))
            .unwrap();
        assert_eq!(r.path, "/open/whatsapp/messages/+595981048477/+5215512345432");
        let r = request(
            "send_message",
            Some(&json!({"from_number": "+595981048477", "to_number": "+5215512345432", "text": "hi"})),
        )
        .unwrap();
        assert_eq!(r.body, Some(json!({"from_number": "+595981048477", "to_number": "+5215512345432", "text": "hi"})));
    }

    #[test]
    fn aliases_and_bad_calls() {
        assert_eq!(request("_2CHAT_GET_API_USAGE_INFO", None).unwrap().path, "/open/info");
        // 2Chat's connector: "validates your API key and retrieves account info" (GET /open/info).
        assert_eq!(request("_2CHAT_TEST_API_KEY", None).unwrap().path, "/open/info");
        assert!(request(
            "_2CHAT_CREATE_CONTACT",
            Some(&json!({"first_name": "A", "contact_detail": [{"type": "E", "value": "a@b.co"}]}))
        )
        .is_ok());
        assert!(request("nope", None).unwrap_err().message.contains("unknown tool"));
        assert!(request("get_account_info", Some(&json!({"x": 1})))
            .unwrap_err()
            .message
            .starts_with("x: is not an argument"));
        assert!(request("send_message", Some(&json!([1])))
            .unwrap_err()
            .message
            .starts_with("arguments: must be an object"));
    }
}
