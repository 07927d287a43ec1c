//! Webhook subscriptions: subscribe (#50), list (#51, #52), delete (#53). Errors here are
//! `{"success":false,"message":…}`.

use serde_json::{json, Value};
use twochat::events::{is_call_event, is_event_name, TIME_PERIODS};

use super::{account_number, opt_string, req_string, Call};
use crate::reply::ApiError;
use crate::state::{Account, Webhook};
use crate::util::{iso_z, new_id, now_secs};

/// #50 `POST /open/webhooks/subscribe/{event_name}`.
///
/// WhatsApp and WABA events are tied to one of the account's numbers by `on_number` (for
/// `whatsapp.waba.*` events, a WABA number: the subscription's `channel_uuid` is its `WAN…`);
/// phone-call events (`call.*`) to a virtual number by `channel_uuid`. Events are delivered by
/// [`crate::delivery`].
pub fn subscribe(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let event = call.param("event_name")?;
    if !is_event_name(event) {
        return Err(ApiError::invalid(format!("Unknown event name `{event}`")));
    }
    let body = call.body_object()?;
    let hook_url = req_string(body, "hook_url")?;
    if !(hook_url.starts_with("http://") || hook_url.starts_with("https://")) || hook_url.contains(char::is_whitespace)
    {
        return Err(ApiError::invalid(format!("`hook_url` must be an http or https URL, got `{hook_url}`")));
    }
    let to_group_uuid = opt_string(body, "to_group_uuid")?.map(str::to_owned);
    let time_period = match opt_string(body, "time_period")? {
        None => None,
        Some(p) if TIME_PERIODS.contains(&p) => Some(p.to_owned()),
        Some(p) => {
            return Err(ApiError::invalid(format!(
                "`time_period` must be one of {}, got `{p}`",
                TIME_PERIODS.join(", ")
            )))
        }
    };
    let (channel_uuid, on_number) = if is_call_event(event) {
        (req_string(body, "channel_uuid")?.to_owned(), None)
    } else {
        let number = opt_string(body, "on_number")?.ok_or_else(|| ApiError::invalid("`on_number` is required"))?;
        let waba = event
            .starts_with("whatsapp.waba.")
            .then(|| {
                account.waba_numbers.iter().find(|w| w.get("phone_number").and_then(Value::as_str) == Some(number))
            })
            .flatten();
        match waba {
            Some(waba) => {
                let uuid = waba.get("uuid").and_then(Value::as_str).unwrap_or_default().to_owned();
                (uuid, Some(number.to_owned()))
            }
            None => {
                let found = account_number(account, number, "on_number")?;
                (found.uuid.clone(), Some(found.phone_number.clone()))
            }
        }
    };
    let webhook = Webhook {
        uuid: new_id("WHK"),
        event_name: event.to_owned(),
        hook_params: json!({"waweb_uuid": channel_uuid}),
        channel_uuid,
        hook_url: hook_url.to_owned(),
        created_at: iso_z(now_secs()),
        on_number,
        to_group_uuid,
        time_period,
    };
    let answer = json!({"success": true, "data": webhook});
    account.webhooks.push(webhook);
    Ok(answer)
}

/// #51 `GET /open/webhooks` and #52 `GET /open/webhooks/channel/{channel_uuid}`: newest first.
pub fn list(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let channel = if call.has_param("channel_uuid") { Some(call.param("channel_uuid")?) } else { None };
    let webhooks: Vec<&Webhook> = account
        .webhooks
        .iter()
        .rev()
        .filter(|w| channel.is_none() || Some(w.channel_uuid.as_str()) == channel)
        .collect();
    Ok(json!({"success": true, "webhooks": webhooks}))
}

/// #53 `DELETE /open/webhooks/{webhook_uuid}`.
pub fn delete(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("webhook_uuid")?;
    let index = account
        .webhooks
        .iter()
        .position(|w| w.uuid == uuid)
        .ok_or_else(|| ApiError::not_found(format!("Webhook {uuid} not found")))?;
    account.webhooks.remove(index);
    Ok(json!({"success": true}))
}
