//! Webhook subscriptions: 2Chat calls a URL of yours when an event happens.

use serde_json::Value;

use super::ep;
use crate::error::{Error, Result};
use crate::events::{is_call_event, is_group_event, TIME_PERIODS};
use crate::request::RequestSpec;
use crate::validate::{event_name, is_http_url, quoted, segment, Fields};

/// #50 `POST /open/webhooks/subscribe/{event_name}` (the event is a path segment, although the
/// docs call it a query parameter). WhatsApp and WABA events name the number with `on_number`;
/// phone-call events name the virtual number with `channel_uuid`.
///
/// Instead of `hook_url`, `router: { url, token }` names a `WebhookRouter` endpoint: the hook URL
/// is then built as the router expects (event name as the last path segment, token as a query
/// parameter), since 2Chat signs nothing and the token in the URL is what authenticates a delivery.
pub fn subscribe(event: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let event = event_name("eventName", event)?;
    let p = Fields::required("params", params)?;
    let routed = match (p.has("hook_url"), p.opt_object("router")?) {
        (true, Some(_)) => return Err(Error::invalid("router", "give hook_url or router, not both")),
        (false, Some(r)) => {
            let r = Fields::nested(r, "router");
            Some(router_hook_url(r.req_str("url")?, event, r.req_str("token")?)?)
        }
        (_, None) => {
            p.req_url("hook_url")?;
            None
        }
    };
    if is_call_event(event) {
        if p.has("on_number") {
            return Err(Error::invalid(
                "on_number",
                format_args!("{event} is a phone-call event: use channel_uuid (DID…) instead"),
            ));
        }
        p.req_str("channel_uuid")?;
    } else {
        if p.has("channel_uuid") && !p.has("on_number") {
            return Err(Error::invalid(
                "on_number",
                format_args!("{event} needs on_number, the connected number (E.164)"),
            ));
        }
        p.req_e164("on_number")?;
    }
    if p.opt_str("to_group_uuid")?.is_some() && !is_group_event(event) {
        return Err(Error::invalid("to_group_uuid", "applies only to whatsapp.group.* events"));
    }
    if p.opt_enum("time_period", &TIME_PERIODS)?.is_some() && event != "whatsapp.conversation.new" {
        return Err(Error::invalid("time_period", "applies only to whatsapp.conversation.new"));
    }
    let mut body = p.to_body();
    if let (Some(url), Some(o)) = (routed, body.as_object_mut()) {
        o.remove("router");
        o.insert("hook_url".into(), Value::String(url));
    }
    Ok(RequestSpec::to(ep(50)?, &[("event_name", event)])?.body(body))
}

/// The hook URL a `WebhookRouter` served at `base_url` understands for `event`.
pub fn router_hook_url(base_url: &str, event: &str, token: &str) -> Result<String> {
    if !is_http_url(base_url) || base_url.contains(['?', '#']) {
        return Err(Error::invalid(
            "router.url",
            format_args!("must be an http(s) URL without query or fragment (got {})", quoted(base_url)),
        ));
    }
    if !crate::events::is_event_name(event) {
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

/// #51 `GET /open/webhooks`, or #52 `GET /open/webhooks/channel/{uuid}` with `channel_uuid`.
pub fn list(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::optional("params", params)?;
    match p.opt_str("channel_uuid")? {
        Some(c) => {
            segment("channel_uuid", p.get("channel_uuid"))?;
            RequestSpec::to(ep(52)?, &[("channel_uuid", c)])
        }
        None => RequestSpec::to(ep(51)?, &[]),
    }
}

/// #53 `DELETE /open/webhooks/{uuid}`. Subscriptions cannot be edited: delete and subscribe again.
pub fn delete(webhook_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("webhookUuid", webhook_uuid)?;
    RequestSpec::to(ep(53)?, &[("webhook_uuid", uuid)])
}
