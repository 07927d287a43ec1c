//! `POST /__mock/simulate`: makes something happen that 2Chat would report by webhook — a message
//! or an order arriving, a group member joining or leaving, a phone call — stores it like 2Chat
//! would, and delivers the events to the account's subscriptions once the answer has been sent
//! ([`crate::delivery`], payloads from [`crate::payloads`]).
//!
//! Body `{"api_key", "kind", …}`:
//!
//! | `kind` | Members | Stores | Delivers |
//! |---|---|---|---|
//! | `inbound_message` | `number` (a connected number of the account), `from` (E.164), `text`? and/or `media{url, type?, mime_type?}`?, `contact`? (payload override; null omits it), `at`? (epoch seconds in the past: when it arrived, default now) | an incoming message (`sent_by: "user"`) | `whatsapp.message.received`, `whatsapp.message.new`, `whatsapp.conversation.new` (per `time_period`) |
//! | `order` | `number`, `from`, `order{products?[{id, name?, price?, currency?, quantity?, thumbnail_url?}], currency?, subtotal?, total?}`?, `text`?, `contact`?, `at`? | an incoming message with `message.order` | `whatsapp.order.received` |
//! | `group_join` / `group_leave` / `group_remove` | `group_uuid`, `participant` (E.164), `pushname`? | the participant change (#23) | `whatsapp.group.join` / `.leave` / `.remove` |
//! | `call` | `number` (a virtual number), `from` (the other party; `to` also works for outbound), `direction` `I`/`O` (default `I`), `status` (default `COMPLETED`), `duration` (s; default 42, 0 unless completed) | a call record (#60, #61) | `call.status.update`, then `call.incoming.completed` or `call.outbound.completed` + `call.outgoing.completed` |
//!
//! Answers `{"ok": true, "message_uuid"?, "call_uuid"?, "deliveries_scheduled": N}`; 400
//! `{"ok": false, "error"}` for bad input, 404 for an unknown key, number or group.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::control::failure;
use crate::delivery::{self, Batch, Planned};
use crate::generate::wa_msg_id;
use crate::payloads::{self, GroupChange};
use crate::reply::json_response;
use crate::resources::groups::{on_whatsapp, participant_record, phone_of, put_records, take_records};
use crate::resources::messages::media_type;
use crate::state::{Account, Message, User};
use crate::util::{digits, is_e164, iso_z, new_id, now_secs, now_secs_f64, number_info};

/// The kinds `POST /__mock/simulate` knows.
pub const KINDS: [&str; 6] = ["inbound_message", "order", "group_join", "group_leave", "group_remove", "call"];

/// Longest simulated call, in seconds.
pub const MAX_CALL_SECONDS: u64 = 86_400;

/// A refusal: 400 or 404 and its message.
type Failure = (StatusCode, String);

fn bad(message: impl Into<String>) -> Failure {
    (StatusCode::BAD_REQUEST, message.into())
}

fn missing(message: impl Into<String>) -> Failure {
    (StatusCode::NOT_FOUND, message.into())
}

/// What a simulation stored (members of the answer) and the deliveries it planned.
struct Outcome {
    answer: Map<String, Value>,
    planned: Vec<Planned>,
}

impl Outcome {
    fn new(key: &str, value: &str, planned: Vec<Planned>) -> Outcome {
        let mut answer = Map::new();
        answer.insert(key.into(), json!(value));
        Outcome { answer, planned }
    }
}

/// `POST /__mock/simulate` (see the module docs).
pub async fn simulate(State(state): State<crate::state::AppState>, body: Bytes) -> Response {
    let (value, api_key) = match crate::control::keyed_body(&body) {
        Ok(parsed) => parsed,
        Err(response) => return *response,
    };
    let Some(obj) = value.as_object() else {
        return failure(StatusCode::BAD_REQUEST, "the body must be a JSON object");
    };
    let kind = match obj.get("kind") {
        Some(Value::String(k)) => k.clone(),
        _ => return failure(StatusCode::BAD_REQUEST, &format!("`kind` is required: one of {}", KINDS.join(", "))),
    };
    let (outcome, account_uuid) = {
        let mut inner = state.lock();
        let Some(account) = inner.accounts.get_mut(&api_key) else {
            return failure(StatusCode::NOT_FOUND, &format!("no account with the key {api_key}"));
        };
        let result = match kind.as_str() {
            "inbound_message" => inbound(account, obj, false),
            "order" => inbound(account, obj, true),
            "group_join" => group(account, obj, GroupChange::Join),
            "group_leave" => group(account, obj, GroupChange::Leave),
            "group_remove" => group(account, obj, GroupChange::Remove),
            "call" => call(account, obj),
            other => Err(bad(format!("unknown kind `{other}`: one of {}", KINDS.join(", ")))),
        };
        match result {
            Ok(outcome) => (outcome, account.uuid.clone()),
            Err((status, message)) => return failure(status, &message),
        }
    };
    let mut answer = Map::new();
    answer.insert("ok".into(), json!(true));
    answer.extend(outcome.answer);
    answer.insert("deliveries_scheduled".into(), json!(outcome.planned.len()));
    let response = json_response(StatusCode::OK, &Value::Object(answer));
    delivery::schedule(&state, Batch { api_key, account_uuid, planned: outcome.planned }, response)
}

/// An optional string member: absent or null is `None`, anything but a string is 400.
fn opt_str<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<Option<&'a str>, Failure> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(bad(format!("`{field}` must be a string"))),
    }
}

fn req_e164<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<&'a str, Failure> {
    match opt_str(obj, field)? {
        Some(n) if is_e164(n) => Ok(n),
        Some(n) => Err(bad(format!("`{field}` must be an E.164 number (`+` then 8 to 15 digits), got `{n}`"))),
        None => Err(bad(format!("`{field}` is required"))),
    }
}

fn is_http_url(url: &str) -> bool {
    crate::resources::is_http_url(url)
}

/// `inbound_message` and `order`.
fn inbound(account: &mut Account, obj: &Map<String, Value>, is_order: bool) -> Result<Outcome, Failure> {
    let number = req_e164(obj, "number")?;
    let channel =
        account.number(number).ok_or_else(|| missing(format!("{number} is not a number of this account")))?.clone();
    if !channel.is_connected() {
        return Err(bad(format!("{number} is not connected, so it receives nothing")));
    }
    let from = req_e164(obj, "from")?;
    if from == number {
        return Err(bad("`from` must be another number than `number`"));
    }
    // Some(v): the payload's contact is v; None: no contact key.
    let known = payloads::contact_of(account, from);
    let contact = match obj.get("contact") {
        None => {
            if is_order {
                Some(payloads::order_contact(known))
            } else {
                known.map(payloads::contact_json)
            }
        }
        Some(Value::Null) => is_order.then(|| payloads::order_contact(None)),
        Some(v @ Value::Object(_)) => Some(v.clone()),
        Some(_) => return Err(bad("`contact` must be an object or null")),
    };
    let now = now_secs_f64();
    let at = match obj.get("at") {
        None | Some(Value::Null) => now,
        Some(v) => match v.as_i64() {
            // `as` saturates; epoch seconds are far inside f64's exact range.
            Some(secs) if secs >= 0 && (secs as f64) <= now => secs as f64,
            _ => return Err(bad("`at` must be epoch seconds, not in the future")),
        },
    };
    let message = if is_order { order_content(account, number, obj, at as i64)? } else { message_content(obj)? };

    let id = account.next_id();
    let uuid = new_id("MSG");
    let jid = format!("{}@c.us", digits(from));
    // Messages are kept oldest first; one from the past (`at`) goes in its place.
    let index = account.messages.partition_point(|m| m.timestamp <= at);
    account.messages.insert(
        index,
        Message {
            uuid: uuid.clone(),
            timestamp: at,
            // Whole seconds; the float keeps the fraction. `as` saturates, so this cannot panic.
            created_at: iso_z(at as i64),
            session_key: format!("WW-{}-{jid}", channel.uuid),
            message,
            remote_phone_number: Some(from.to_owned()),
            to_group_uuid: None,
            sent_by: "user".into(),
            channel_number: channel.phone_number.clone(),
            id,
            wa_msg_id: wa_msg_id(false, &jid, id),
            wa_msg_ack: 0,
            participant: None,
        },
    );
    let Some(stored) = account.messages.get(index) else { return Err(bad("the message could not be stored")) };
    let planned = match (is_order, &contact) {
        (true, Some(contact)) => payloads::order_received(account, stored, contact),
        (true, None) => payloads::order_received(account, stored, &payloads::order_contact(None)),
        (false, contact) => payloads::message_received(account, stored, contact.as_ref()),
    };
    Ok(Outcome::new("message_uuid", &uuid, planned))
}

/// `{text?, media?{url, type?, mime_type?}}`: at least one.
fn message_content(obj: &Map<String, Value>) -> Result<Value, Failure> {
    let mut message = Map::new();
    if let Some(text) = opt_str(obj, "text")?.filter(|t| !t.is_empty()) {
        message.insert("text".into(), json!(text));
    }
    match obj.get("media") {
        None | Some(Value::Null) => {}
        Some(Value::Object(media)) => {
            let url = opt_str(media, "url")?.ok_or_else(|| bad("`media.url` is required"))?;
            if !is_http_url(url) {
                return Err(bad(format!("`media.url` must be an http(s) URL, got `{url}`")));
            }
            let (kind, mime) = media_type(url);
            let kind = opt_str(media, "type")?.unwrap_or(kind);
            let mime = opt_str(media, "mime_type")?.unwrap_or(mime);
            message.insert("media".into(), json!({"url": url, "type": kind, "mime_type": mime}));
        }
        Some(_) => return Err(bad("`media` must be an object `{url, type?, mime_type?}`")),
    }
    if message.is_empty() {
        return Err(bad("an inbound message needs `text` and/or `media`"));
    }
    Ok(Value::Object(message))
}

/// `{text, order{subtotal, total, currency, created_at, products[…]}}` as the order fixture has it.
/// Products default to the visible products of the number's catalog (or the seeded catalog);
/// listed ones are completed from it by id. Totals are 0 and `currency` null unless given, as
/// 2Chat sends them.
fn order_content(account: &Account, number: &str, obj: &Map<String, Value>, at: i64) -> Result<Value, Failure> {
    let empty = Map::new();
    let spec = match obj.get("order") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(spec)) => spec,
        Some(_) => return Err(bad("`order` must be an object")),
    };
    let catalog = account.catalogs.get(number).cloned().unwrap_or_else(crate::seed::catalog);
    let from_catalog = |id: &str| catalog.products.iter().find(|p| p.id == id);
    let product_json = |id: &str, item: &Map<String, Value>| -> Result<Value, Failure> {
        let known = from_catalog(id);
        let name = match opt_str(item, "name")? {
            Some(name) => name.to_owned(),
            None => known.map(|p| p.name.clone()).unwrap_or_else(|| format!("Product {id}")),
        };
        let price = match item.get("price") {
            None | Some(Value::Null) => {
                known.and_then(|p| p.price.as_deref()).and_then(|p| p.parse::<f64>().ok()).unwrap_or(0.0)
            }
            Some(v) => v.as_f64().ok_or_else(|| bad("`order.products[].price` must be a number"))?,
        };
        let currency = match opt_str(item, "currency")? {
            Some(c) => json!(c),
            None => known.map(|p| json!(p.currency)).unwrap_or(Value::Null),
        };
        let quantity = match item.get("quantity") {
            None | Some(Value::Null) => 1,
            Some(v) => v
                .as_u64()
                .filter(|q| *q >= 1)
                .ok_or_else(|| bad("`order.products[].quantity` must be an integer >= 1"))?,
        };
        let thumbnail = match opt_str(item, "thumbnail_url")? {
            Some(url) => json!(url),
            None => known.and_then(|p| p.images.first()).map(|u| json!(u)).unwrap_or(Value::Null),
        };
        Ok(json!({
            "id": id, "name": name, "price": price, "currency": currency, "quantity": quantity,
            "data": null, "thumbnail_url": thumbnail,
        }))
    };
    let products: Vec<Value> = match spec.get("products") {
        None | Some(Value::Null) => catalog
            .products
            .iter()
            .filter(|p| !p.is_hidden)
            .map(|p| product_json(&p.id, &empty))
            .collect::<Result<Vec<Value>, Failure>>()?,
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|item| {
                let item = item.as_object().ok_or_else(|| bad("every `order.products[]` must be an object"))?;
                let id = match item.get("id") {
                    Some(Value::String(id)) if !id.is_empty() => id.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ => return Err(bad("`order.products[].id` is required")),
                };
                product_json(&id, item)
            })
            .collect::<Result<Vec<Value>, Failure>>()?,
        Some(_) => return Err(bad("`order.products` must be a non-empty list")),
    };
    let amount = |field: &str| -> Result<Value, Failure> {
        match spec.get(field) {
            None | Some(Value::Null) => Ok(json!(0)),
            Some(v @ Value::Number(_)) => Ok(v.clone()),
            Some(_) => Err(bad(format!("`order.{field}` must be a number"))),
        }
    };
    let currency = opt_str(spec, "currency")?.map(|c| json!(c)).unwrap_or(Value::Null);
    let text = match opt_str(obj, "text")?.filter(|t| !t.is_empty()) {
        Some(text) => text.to_owned(),
        None => products.iter().filter_map(|p| p.get("name").and_then(Value::as_str)).collect::<Vec<_>>().join(", "),
    };
    Ok(json!({
        "text": text,
        "order": {
            "subtotal": amount("subtotal")?,
            "total": amount("total")?,
            "currency": currency,
            "created_at": at,
            "products": products,
        },
    }))
}

/// `group_join`, `group_leave`, `group_remove`.
fn group(account: &mut Account, obj: &Map<String, Value>, change: GroupChange) -> Result<Outcome, Failure> {
    let group_uuid = match opt_str(obj, "group_uuid")? {
        Some(g) if !g.is_empty() => g.to_owned(),
        _ => return Err(bad("`group_uuid` is required")),
    };
    let participant = req_e164(obj, "participant")?;
    let pushname = opt_str(obj, "pushname")?.map(str::to_owned);
    let group = account.group(&group_uuid).ok_or_else(|| missing(format!("group {group_uuid} not found")))?;
    let own = group
        .get("channel_uuid")
        .and_then(Value::as_str)
        .and_then(|c| account.channel(c))
        .map(|n| n.phone_number.clone());
    if own.as_deref() == Some(participant) {
        return Err(bad("`participant` is the group's own number"));
    }
    let record = group
        .get("participants")
        .and_then(Value::as_array)
        .and_then(|list| list.iter().find(|r| phone_of(r) == Some(participant)))
        .cloned();
    let pushname = match (change, &record) {
        (GroupChange::Join, Some(_)) => return Err(bad(format!("{participant} is already in the group"))),
        (GroupChange::Join, None) if !on_whatsapp(participant) => {
            return Err(bad(format!("{participant} is not on WhatsApp (numbers ending in 0000)")))
        }
        (GroupChange::Join, None) => pushname,
        (_, None) => return Err(bad(format!("{participant} is not in the group"))),
        (_, Some(record)) => pushname.or_else(|| record.get("wa_pushname").and_then(Value::as_str).map(str::to_owned)),
    };

    let Some(group) = account.group_mut(&group_uuid).and_then(Value::as_object_mut) else {
        return Err(missing(format!("group {group_uuid} not found")));
    };
    let mut list = take_records(group);
    match change {
        GroupChange::Join => list.push(participant_record(participant, false, false, pushname.as_deref())),
        GroupChange::Leave | GroupChange::Remove => list.retain(|r| phone_of(r) != Some(participant)),
    }
    put_records(group, list);
    let snapshot = Value::Object(group.clone());

    let uuid = new_id("MSG");
    let planned =
        payloads::group_change(account, &snapshot, change, participant, pushname.as_deref(), &uuid, now_secs());
    Ok(Outcome::new("message_uuid", &uuid, planned))
}

/// `call`.
fn call(account: &mut Account, obj: &Map<String, Value>) -> Result<Outcome, Failure> {
    let number = req_e164(obj, "number")?;
    let did = account
        .virtual_numbers
        .iter()
        .find(|v| v.get("phone_number").and_then(Value::as_str) == Some(number))
        .cloned()
        .ok_or_else(|| missing(format!("{number} is not a virtual number of this account")))?;
    let did_uuid = did.get("uuid").and_then(Value::as_str).unwrap_or_default().to_owned();
    let outbound = match opt_str(obj, "direction")? {
        None | Some("I") => false,
        Some("O") => true,
        Some(other) => return Err(bad(format!("`direction` must be `I` or `O`, got `{other}`"))),
    };
    let remote = if outbound && obj.get("to").is_some_and(|v| !v.is_null()) {
        req_e164(obj, "to")?
    } else {
        req_e164(obj, "from")?
    };
    let status = match opt_str(obj, "status")? {
        None => "COMPLETED".to_owned(),
        Some(s) if !s.trim().is_empty() => s.trim().to_ascii_uppercase(),
        Some(_) => return Err(bad("`status` must not be empty")),
    };
    let completed = status == "COMPLETED";
    let duration = match obj.get("duration") {
        None | Some(Value::Null) => {
            if completed {
                42
            } else {
                0
            }
        }
        Some(v) => v
            .as_u64()
            .filter(|d| *d <= MAX_CALL_SECONDS)
            .ok_or_else(|| bad(format!("`duration` must be an integer from 0 to {MAX_CALL_SECONDS}")))?,
    };
    let duration = i64::try_from(duration).unwrap_or(0);

    let end = now_secs();
    let start = end - duration;
    let uuid = new_id("CDR");
    let callid = uuid::Uuid::new_v4().to_string();
    let user = account.users.first().filter(|_| completed || outbound);
    let agent = user.map(User::as_agent).unwrap_or(Value::Null);
    let agent_id = user.map(|u| u.uuid.clone());
    let contact = payloads::contact_of(account, remote).map(payloads::contact_json).unwrap_or(Value::Null);
    let caller_id = account
        .caller_ids
        .iter()
        .find(|c| c.get("phone_number").and_then(Value::as_str) == Some(number))
        .and_then(|c| c.get("uuid").cloned())
        .unwrap_or(Value::Null);
    let toll_free = did.get("is_toll_free").and_then(Value::as_bool).unwrap_or(false);
    let recording = (completed && duration > 0)
        .then(|| format!("https://2chat-user-data.s3.amazonaws.com/{}/calls/{uuid}.mp3", account.uuid));
    let price = (duration as f64 / 60.0 * 0.012 * 10_000.0).round() / 10_000.0;
    let mut cdr = json!({
        "uuid": uuid,
        "account_uuid": account.uuid,
        "callid": callid,
        "direction": if outbound { "O" } else { "I" },
        "active": false,
        "from": if outbound { number } else { remote },
        "iso_country_code": number_info(remote).iso_country_code,
        "status": status,
        "is_whatsapp_call": false,
        "is_sip_trunk_call": null,
        "is_toll_free": toll_free,
        "created_at": iso_z(start),
        "updated_at": iso_z(end),
        "to_number": if outbound { remote } else { number },
        "caller_id_uuid": if outbound { caller_id } else { Value::Null },
        "caller_id_used": if outbound { json!(number) } else { Value::Null },
        "duration": duration,
        "recording_url": recording,
        "start_time": iso_z(start),
        "end_time": iso_z(end),
        "agent_id": agent_id,
        "call_cost": {
            "callid": callid,
            "forwarded": false,
            "toll_free": toll_free,
            "start_dt": iso_z(start),
            "end_dt": iso_z(end),
            "duration": duration,
            "call_price": price,
        },
    });
    if !outbound {
        if let Some(record) = cdr.as_object_mut() {
            record.insert("received_on_number".into(), json!(number));
            record.insert("received_on_number_uuid".into(), json!(did_uuid));
        }
    }
    account.cdrs.push(cdr.clone());
    let planned = payloads::call_finished(account, &cdr, &did_uuid, &contact, &agent);
    Ok(Outcome::new("call_uuid", &uuid, planned))
}
