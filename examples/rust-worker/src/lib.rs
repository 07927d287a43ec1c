//! A Cloudflare Worker, written in Rust with workers-rs, that receives 2Chat webhook deliveries and
//! answers every incoming WhatsApp text message through the typed `twochat` client.
//!
//! ```text
//! POST /webhooks/<event>?token=<HOOK_TOKEN>   a 2Chat delivery (subscribe with that hook URL)
//! GET  /health                                200 {"ok":true}
//! anything else                               404, or 405 for another method on those paths
//! ```
//!
//! Bindings (see wrangler.toml and README.md):
//! - `TWOCHAT_API_KEY` (secret): the 2Chat API key;
//! - `HOOK_TOKEN` (secret): the token the subscription's hook URL carries as `?token=`;
//! - `TWOCHAT_FROM_NUMBER` (var): the account's own connected number, that replies go out from;
//! - `TWOCHAT_BASE_URL` (var, optional): where the 2Chat API is (default `https://api.p.2chat.io`;
//!   point it at twochat-mock to try the Worker offline).
//!
//! Nothing here panics on input: every failure is an answer with a status and a short JSON body,
//! and nothing logged or answered ever contains the API key or the hook token.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use twochat::types::{MessageEventPayload, SendMessageParams};
use twochat::webhook::{self, Event, Payload};
use twochat::{Client, ClientOptions, ErrorCode};
use worker::{console_error, console_log, console_warn, event, Context, Env, Method, Request, Response, Result};

/// The route 2Chat delivers to: `/webhooks/` followed by the event name.
const WEBHOOKS: &str = "/webhooks/";
/// A delivery is a small JSON object; anything much bigger is not one.
const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The reply is sent while 2Chat waits for the delivery's answer: keep it short.
const REPLY_TIMEOUT_MS: u32 = 10_000;
/// The most characters of the incoming text echoed back.
const MAX_ECHO_CHARS: usize = 500;

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let url = req.url()?;
    let path = url.path();

    if path == "/health" {
        return match req.method() {
            Method::Get | Method::Head => json(200, json!({ "ok": true })),
            _ => method_not_allowed("GET"),
        };
    }

    let Some(event_name) = path.strip_prefix(WEBHOOKS).map(|rest| rest.strip_suffix('/').unwrap_or(rest)) else {
        return json(404, json!({ "ok": false, "error": "not found" }));
    };
    if !is_event_name(event_name) {
        return json(404, json!({ "ok": false, "error": "not found" }));
    }
    if req.method() != Method::Post {
        return method_not_allowed("POST");
    }
    // Own the name: the request is borrowed mutably below to read its body.
    let event_name = event_name.to_string();
    delivery(req, &env, url.as_str(), &event_name).await
}

/// One 2Chat delivery: token, body, event, and the reply when it is an incoming text message.
async fn delivery(mut req: Request, env: &Env, url: &str, event_name: &str) -> Result<Response> {
    let Some(hook_token) = binding(env, "HOOK_TOKEN") else {
        return not_configured(&["HOOK_TOKEN"]);
    };
    // Constant time; false when `token` is missing. The URL (it holds the token) is never logged.
    if !webhook::verify_token(url, &hook_token) {
        return json(401, json!({ "ok": false, "error": "unauthorized" }));
    }

    let body = match req.bytes().await {
        Ok(body) => body,
        Err(_) => return json(400, json!({ "ok": false, "error": "the body could not be read" })),
    };
    if body.len() > MAX_BODY_BYTES {
        return json(413, json!({ "ok": false, "error": "the body is too large for a 2Chat delivery" }));
    }

    // Older payloads carry no `event` member: the URL's last segment names it.
    let event = match webhook::parse(&body, Some(event_name)) {
        Ok(event) => event,
        // An `InvalidWebhook` error names what is wrong ("body: is not JSON…"), never a secret.
        Err(e) => return json(400, json!({ "ok": false, "error": e.to_string() })),
    };

    match &event.payload {
        Payload::MessageReceived(message) => reply(env, &event, message).await,
        // Every other event (known or not) is acknowledged, so 2Chat does not deliver it again.
        _ => json(200, json!({ "ok": true, "event": event.name(), "replied": false })),
    }
}

/// Answers an incoming message with "Got it: <its text>", from the account's own number.
async fn reply(env: &Env, event: &Event, m: &MessageEventPayload) -> Result<Response> {
    let uuid = event.uuid().unwrap_or("a message");
    let skip = |reason: &str| {
        console_log!("twochat: not replying to {uuid}: {reason}");
        json(200, json!({ "ok": true, "event": event.name(), "replied": false, "reason": reason }))
    };

    // Only what a person wrote: never what this channel sent (through the API, an agent, or this
    // very auto-reply), or two bots would answer each other forever.
    if m.sent_by.as_ref().is_some_and(|s| s.as_str() != "user") {
        return skip("not sent by a person");
    }
    let Some(text) = m.message.as_ref().and_then(|msg| msg.text.as_deref()).filter(|t| !t.trim().is_empty()) else {
        return skip("no text");
    };
    let Some(to_number) = m.remote_phone_number.as_deref().filter(|n| !n.is_empty()) else {
        return skip("no remote_phone_number");
    };

    let (api_key, from_number) = match (binding(env, "TWOCHAT_API_KEY"), binding(env, "TWOCHAT_FROM_NUMBER")) {
        (Some(key), Some(from)) => (key, from),
        (key, from) => {
            let missing = [("TWOCHAT_API_KEY", key.is_none()), ("TWOCHAT_FROM_NUMBER", from.is_none())];
            let names: Vec<&str> = missing.iter().filter(|(_, m)| *m).map(|(n, _)| *n).collect();
            return not_configured(&names);
        }
    };
    // Replies go out from the configured number only, never from a number the payload names; a
    // delivery about another channel is acknowledged and left alone.
    if m.channel_phone_number.as_deref().is_some_and(|c| c != from_number) {
        return skip("the delivery is for another number");
    }
    if to_number == from_number {
        return skip("a message to itself");
    }

    let mut options = ClientOptions::new(api_key).timeout_ms(REPLY_TIMEOUT_MS);
    if let Some(base_url) = binding(env, "TWOCHAT_BASE_URL") {
        options = options.base_url(base_url);
    }
    let client = match Client::new(options) {
        Ok(client) => client,
        Err(e) => {
            // A bad option (an invalid base URL…): the message names the option, never the key.
            console_error!("twochat: the Worker is not configured: {e}");
            return json(500, json!({ "ok": false, "error": "the Worker is not configured" }));
        }
    };

    let echoed: String = text.chars().take(MAX_ECHO_CHARS).collect();
    let params = SendMessageParams {
        from_number,
        to_number: Some(to_number.to_string()),
        text: Some(format!("Got it: {echoed}")),
        ..Default::default()
    };
    match client.messages().send(&params).await {
        Ok(sent) => {
            console_log!("twochat: replied to {uuid}");
            json(200, json!({ "ok": true, "event": event.name(), "replied": true, "message_uuid": sent.message_uuid }))
        }
        // The params themselves are wrong (say, a remote number that is not E.164): a redelivery
        // would fail the same way, so the delivery is acknowledged.
        Err(e) if e.code() == ErrorCode::InvalidInput => {
            console_warn!("twochat: not replying to {uuid}: {e}");
            json(200, json!({ "ok": true, "event": event.name(), "replied": false, "reason": "invalid reply" }))
        }
        // 2Chat (or the network) failed: answer 500 so that 2Chat delivers the event again later.
        // `twochat::Error`'s Display never holds the API key.
        Err(e) => {
            console_error!("twochat: replying to {uuid} failed: {e}");
            json(500, json!({ "ok": false, "error": "the reply could not be sent", "code": e.code().to_string() }))
        }
    }
}

/// A string binding (a var or a secret), when it is set and not empty.
fn binding(env: &Env, name: &str) -> Option<String> {
    env.var(name).ok().map(|v| v.to_string()).filter(|v| !v.is_empty())
}

/// 2Chat event names: `whatsapp.message.received`, `call.status.update`…
fn is_event_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 100 && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn json(status: u16, body: Value) -> Result<Response> {
    Ok(Response::from_json(&body)?.with_status(status))
}

fn method_not_allowed(allow: &str) -> Result<Response> {
    let mut response = json(405, json!({ "ok": false, "error": format!("use {allow}") }))?;
    response.headers_mut().set("allow", allow)?;
    Ok(response)
}

/// 500, logging which bindings to set: their names, never their values.
fn not_configured(names: &[&str]) -> Result<Response> {
    console_error!("twochat: the Worker is not configured: set {} (wrangler secret put / [vars])", names.join(" and "));
    json(500, json!({ "ok": false, "error": "the Worker is not configured" }))
}
