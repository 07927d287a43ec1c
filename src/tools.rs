//! Every endpoint as an LLM tool: a tool's arguments are one flat object — the method's positional
//! arguments by their wire names (`group_uuid`), plus the fields of its params — which the front
//! ends split back into a call of the method ([`crate::check::plan`]).

use crate::error::{Error, ErrorCode, Result};
use crate::table::{Op, OPS};

/// Tool names agent platforms already use for 2Chat's connector actions, and the tool each means.
pub const ALIASES: [(&str, &str); 5] = [
    ("_2CHAT_CREATE_CONTACT", "create_contact"),
    ("_2CHAT_GET_API_USAGE_INFO", "get_account_info"),
    ("_2CHAT_LIST_CONTACTS", "list_contacts"),
    ("_2CHAT_LIST_WEBHOOKS", "list_webhooks"),
    // 2Chat's connector: "validates your API key and retrieves account info" (GET /open/info).
    ("_2CHAT_TEST_API_KEY", "get_account_info"),
];

/// The method a tool name (or a connector alias) runs.
pub fn resolve(name: &str) -> Result<(u8, &'static Op)> {
    let tool = ALIASES.iter().find(|(alias, _)| *alias == name).map_or(name, |(_, tool)| *tool);
    OPS.iter()
        .enumerate()
        .find(|(_, o)| o.tool == tool)
        .map(|(i, o)| (i as u8, o))
        .ok_or_else(|| Error::new(ErrorCode::InvalidInput, format!("unknown tool {}", crate::json::quoted(name))))
}

/// The flat argument names that are positional arguments of the tool's method, in order.
pub fn positional(op: &Op) -> impl Iterator<Item = &'static str> + '_ {
    op.args.iter().map(|a| a.wire)
}

/// Refuses an argument a tool without params does not take (it would be silently ignored).
pub fn check_extra(op: &Op, keys: &[String]) -> Result<()> {
    if op.params.is_some() {
        return Ok(());
    }
    match keys.iter().find(|k| !op.args.iter().any(|a| a.wire == k.as_str())) {
        Some(k) => Err(Error::invalid(k, format_args!("is not an argument of {}", op.tool))),
        None => Ok(()),
    }
}

/// An error of a tool call names its arguments as the tool does: by their wire names
/// (`from_number: …`, not the JS method's `fromNumber: …`).
pub fn wire_names(op: &Op, mut e: Error) -> Error {
    if e.code() != ErrorCode::InvalidInput {
        return e;
    }
    for a in op.args {
        if let Some(rest) = e.message().strip_prefix(a.js) {
            if rest.starts_with(':') || rest.starts_with('[') || rest.starts_with('.') {
                e.0.message = format!("{}{rest}", a.wire);
                break;
            }
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_names() {
        assert_eq!(resolve("_2CHAT_TEST_API_KEY").unwrap().1.tool, "get_account_info");
        assert_eq!(resolve("send_message").unwrap().1.name, "send");
        assert_eq!(resolve("nope").unwrap_err().message(), "unknown tool \"nope\"");
        let (_, op) = resolve("delete_product_image").unwrap();
        assert_eq!(positional(op).collect::<Vec<_>>(), ["product_id", "image_index"]);
        let (_, op) = resolve("get_channel").unwrap();
        assert!(check_extra(op, &["channel_uuid".into()]).is_ok());
        assert_eq!(check_extra(op, &["uuid".into()]).unwrap_err().message(), "uuid: is not an argument of get_channel");
        let (_, op) = resolve("list_messages").unwrap();
        let e = wire_names(op, Error::invalid("number", "is required"));
        assert_eq!(e.message(), "number: is required");
        let (_, op) = resolve("check_number").unwrap();
        let e = wire_names(op, Error::invalid("fromNumber", "must be an E.164 number"));
        assert_eq!(e.message(), "from_number: must be an E.164 number");
        let e = wire_names(op, Error::invalid("fromNumberX", "other"));
        assert_eq!(e.message(), "fromNumberX: other");
    }
}
