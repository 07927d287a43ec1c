//! The rules no field declaration can say, each a small function the declarations name
//! (`Rule::Named("…")` in `twochat-spec`). The generated [`Named`] enum lists them; a name
//! declared without a function here does not compile.

use crate::check::{invalid, Ctx, Edit, Path};
use crate::error::{Error, Result};
use crate::json::{quoted, Json, Kind};
use crate::table::{Named, Shape};

/// Runs a named rule on the object at `path`.
pub fn run<J: Json>(named: Named, path: &Path<'_>, _shape: &Shape, obj: &J, ctx: &mut Ctx<'_, J>) -> Result<()> {
    match named {
        Named::ContactDetailValue => contact_detail_value(path, obj),
        Named::WebhookSubscription => webhook_subscription(path, obj, ctx),
        Named::WabaMessage => waba_message(path, obj),
    }
}

fn text<J: Json>(obj: &J, name: &str) -> Option<String> {
    obj.member(name).filter(|v| v.kind() == Kind::String).and_then(|v| v.text())
}

fn has<J: Json>(obj: &J, name: &str) -> bool {
    obj.member(name).is_some_and(|v| v.kind() != Kind::Null)
}

/// A contact detail's value fits its type: phones (`PH`, `WAPH`) in E.164, emails (`E`) with an
/// `@` (2chat-api.md §2.6: "Phones must be international format").
fn contact_detail_value<J: Json>(path: &Path<'_>, obj: &J) -> Result<()> {
    let (Some(kind), Some(value)) = (text(obj, "type"), text(obj, "value")) else { return Ok(()) };
    let at = path.field("value");
    match kind.as_str() {
        "PH" | "WAPH" if !crate::check::is_e164(&value) => Err(invalid(
            &at,
            format_args!("must be an E.164 number: '+' then 8 to 15 digits (got {})", quoted(&value)),
        )),
        "E" if !value.contains('@') => Err(invalid(&at, format_args!("must be an email address (got {})", quoted(&value)))),
        _ => Ok(()),
    }
}

/// A subscription names its target the way its event needs (2chat-api.md #50): `hook_url` (or a
/// `router` to build it from), `on_number` for WhatsApp and WABA events, `channel_uuid` (a
/// virtual number) for phone-call events; `to_group_uuid` only for group events, `time_period`
/// only for `whatsapp.conversation.new`.
fn webhook_subscription<J: Json>(path: &Path<'_>, p: &J, ctx: &mut Ctx<'_, J>) -> Result<()> {
    let event = ctx.args.first().and_then(|a| a.as_ref()).and_then(|a| a.text()).unwrap_or_default();
    match (has(p, "hook_url"), p.member("router").filter(|r| r.kind() == Kind::Object)) {
        (true, Some(_)) => return Err(invalid(&path.field("router"), "give hook_url or router, not both")),
        (false, Some(r)) => {
            let url = text(&r, "url").unwrap_or_default();
            let token = text(&r, "token").unwrap_or_default();
            let hook = router_hook_url(&url, &event, &token)?;
            ctx.edits.push(Edit::Remove("router"));
            ctx.edits.push(Edit::SetText("hook_url", hook));
        }
        (false, None) => return Err(invalid(&path.field("hook_url"), "is required (or give router)")),
        (true, None) => {}
    }
    if twochat_spec::events::is_call_event(&event) {
        if has(p, "on_number") {
            return Err(invalid(
                &path.field("on_number"),
                format_args!("{event} is a phone-call event: use channel_uuid (DID…) instead"),
            ));
        }
        if text(p, "channel_uuid").is_none_or(|c| c.trim().is_empty()) {
            return Err(invalid(&path.field("channel_uuid"), format_args!("is required for {event}, a phone-call event")));
        }
    } else if !has(p, "on_number") {
        return Err(invalid(
            &path.field("on_number"),
            format_args!("{event} needs on_number, the connected number (E.164)"),
        ));
    }
    if has(p, "to_group_uuid") && !twochat_spec::events::is_group_event(&event) {
        return Err(invalid(&path.field("to_group_uuid"), "applies only to whatsapp.group.* events"));
    }
    if has(p, "time_period") && event != "whatsapp.conversation.new" {
        return Err(invalid(&path.field("time_period"), "applies only to whatsapp.conversation.new"));
    }
    Ok(())
}

/// The hook URL a `WebhookRouter` served at `base_url` understands for `event`: the event name as
/// the last path segment, the token as a query parameter.
pub fn router_hook_url(base_url: &str, event: &str, token: &str) -> Result<String> {
    if !crate::check::is_http_url(base_url) || base_url.contains(['?', '#']) {
        return Err(Error::invalid(
            "router.url",
            format_args!("must be an http(s) URL without query or fragment (got {})", quoted(base_url)),
        ));
    }
    if !crate::table::EVENT_NAMES.contains(&event) {
        return Err(Error::invalid("eventName", format_args!("{} is not a 2Chat webhook event name", quoted(event))));
    }
    if token.len() < 16 || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b)) {
        return Err(Error::invalid(
            "router.token",
            "must be at least 16 URL-safe characters (letters, digits, '-', '_', '.', '~')",
        ));
    }
    Ok(format!("{}/{event}?token={token}", base_url.trim_end_matches('/')))
}

/// A WABA message is a template (`template_uuid` + `params`) or a session `text`, never both;
/// `params` only with a template; interactive payloads within WhatsApp's limits (2chat-api.md
/// #59: "≤3 reply buttons (title ≤20 chars), ≤10 list rows (title ≤24, description ≤72)").
fn waba_message<J: Json>(path: &Path<'_>, p: &J) -> Result<()> {
    let template = has(p, "template_uuid");
    let session = text(p, "text").is_some_and(|t| !t.trim().is_empty());
    match (template, session) {
        (true, true) => {
            return Err(invalid(
                &path.field("text"),
                "a WABA message is a template (template_uuid + params) or a text, never both",
            ))
        }
        (true, false) if p.member("params").is_none_or(|v| v.kind() != Kind::Object) => {
            return Err(invalid(&path.field("params"), "is required with a template (use {} when it has no variables)"));
        }
        (false, false) if !has(p, "url") && !has(p, "payload") => {
            return Err(invalid(&path.field("template_uuid"), "give template_uuid + params, or text"))
        }
        (false, _) if has(p, "params") => {
            return Err(invalid(&path.field("params"), "applies only to template messages (template_uuid)"))
        }
        _ => {}
    }
    let Some(interactive) = p.member("payload").and_then(|pl| pl.member("interactive")).filter(|i| i.kind() == Kind::Object)
    else {
        return Ok(());
    };
    let payload = path.field("payload");
    let ipath = payload.field("interactive");
    let kind = interactive.member("type");
    if let Some(k) = kind.filter(|k| k.kind() != Kind::Null) {
        let t = k.text().unwrap_or_default();
        if !["button", "list", "cta_url"].contains(&t.as_str()) {
            return Err(invalid(&ipath.field("type"), format_args!("must be one of button, list, cta_url (got {})", quoted(&t))));
        }
    }
    let Some(action) = interactive.member("action").filter(|a| a.kind() == Kind::Object) else { return Ok(()) };
    let apath = ipath.field("action");
    let chars = |v: Option<J>| v.and_then(|v| v.text()).map_or(0, |s| crate::json::char_count(&s));
    match text(&interactive, "type").as_deref() {
        Some("button") => {
            let buttons = action.member("buttons").map(|b| b.items()).unwrap_or_default();
            let bpath = apath.field("buttons");
            if buttons.len() > 3 {
                return Err(invalid(&bpath, "takes at most 3 reply buttons"));
            }
            for (n, b) in buttons.iter().enumerate() {
                let title = b.member("reply").and_then(|r| r.member("title")).or_else(|| b.member("title"));
                if chars(title) > 20 {
                    return Err(invalid(&Path::Field(&Path::Index(&bpath, n), "title"), "must be at most 20 characters"));
                }
            }
        }
        Some("list") => {
            let sections = action.member("sections").map(|s| s.items()).unwrap_or_default();
            let spath = apath.field("sections");
            let rows: Vec<J> = sections.iter().flat_map(|s| s.member("rows").map(|r| r.items()).unwrap_or_default()).collect();
            if rows.len() > 10 {
                return Err(invalid(&spath, "take at most 10 rows in all"));
            }
            if sections.len() > 1 && sections.iter().any(|s| text(s, "title").is_none_or(|t| t.is_empty())) {
                return Err(invalid(&spath, "each need a title when there is more than one"));
            }
            if rows.iter().any(|r| chars(r.member("title")) > 24 || chars(r.member("description")) > 72) {
                return Err(invalid(&spath, "row titles take at most 24 characters, descriptions 72"));
            }
        }
        _ => {}
    }
    Ok(())
}
