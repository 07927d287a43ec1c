//! WhatsApp groups: list (#22), get (#23), create (#24), participants (#25–#28), description
//! (#29), picture (#30) and messages (#31). Groups are stored as full records shaped like
//! group-get.json; participant changes show on #23 at once.

use serde_json::{json, Map, Value};

use super::{account_number, connected_number, opt_string, page, participants, req_object, req_string, req_url, Call};
use crate::reply::ApiError;
use crate::state::{Account, Number};
use crate::util::{digits, formatted_number, iso_z, new_id, now_secs, number_info};

/// Fields of a full group record that the list leaves out (groups-list.json vs group-get.json).
const DETAIL_ONLY: [&str; 2] = ["owner_data", "participants"];

/// Group messages per page (#31).
pub const MESSAGES_PAGE_SIZE: usize = 50;

/// #22 `GET /open/whatsapp/groups/{number}`: the groups of one of the account's numbers.
pub fn list(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let number = account_number(account, call.param("number")?, "number")?;
    let channel = number.uuid.as_str();
    let groups: Vec<Value> = account
        .groups
        .iter()
        .filter(|g| g.get("channel_uuid").and_then(Value::as_str) == Some(channel))
        .map(|g| {
            let mut summary = g.clone();
            if let Some(obj) = summary.as_object_mut() {
                for field in DETAIL_ONLY {
                    obj.remove(field);
                }
            }
            summary
        })
        .collect();
    Ok(json!({"success": true, "data": groups}))
}

/// #23 `GET /open/whatsapp/group/{group_uuid}`: one group with its participants.
pub fn get(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("group_uuid")?;
    let group = account.group(uuid).ok_or_else(|| ApiError::not_found(format!("Group {uuid} not found")))?;
    Ok(json!({"success": true, "data": group}))
}

/// A participant record as #23 lists it.
pub(crate) fn participant_record(phone: &str, admin: bool, super_admin: bool, pushname: Option<&str>) -> Value {
    let now = iso_z(now_secs());
    json!({
        "wa_participant_id": format!("{}@c.us", digits(phone)),
        "wa_pushname": pushname,
        "profile_pic_url": format!("https://2chat-user-data.s3.amazonaws.com/mock/profile-pics/{}.jpg", digits(phone)),
        "wa_is_super_admin": super_admin,
        "wa_is_admin": admin,
        "device": null,
        "created_at": now,
        "updated_at": now,
        "phone_number": phone,
        "formatted_phone_number": formatted_number(phone),
        "iso_country_code": number_info(phone).iso_country_code,
    })
}

/// Numbers ending in `0000` are "not on WhatsApp" (as for check-number), so they cannot join.
pub(crate) fn on_whatsapp(phone: &str) -> bool {
    !phone.ends_with("0000")
}

/// #24 `POST /open/whatsapp/group/create` `{from_number, group{name, description?, participants}}`.
/// The creator is the group's super admin; participants not on WhatsApp are left out.
pub fn create(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let body = call.body_object()?;
    let from = req_string(body, "from_number")?;
    let channel: Number = connected_number(account, from, "from_number")?.clone();
    let group = req_object(body, "group")?;
    let name = req_string(group, "name")?.to_owned();
    let description = opt_string(group, "description")?.map(str::to_owned);
    let wanted = participants(group)?;

    let mut results = Map::new();
    let mut accepted = Vec::new();
    let mut unaccepted = Vec::new();
    let mut records = vec![participant_record(&channel.phone_number, true, true, channel.pushname.as_deref())];
    for phone in wanted {
        let (code, message) = if phone == channel.phone_number {
            (409, "the group creator is already a participant")
        } else if !on_whatsapp(&phone) {
            (404, "the number is not on WhatsApp")
        } else {
            records.push(participant_record(&phone, false, false, None));
            (200, "")
        };
        results.insert(
            phone.clone(),
            json!({"statusCode": code, "message": message, "isGroupCreator": false, "isInviteV4Sent": false}),
        );
        if code == 200 {
            accepted.push(phone);
        } else {
            unaccepted.push(phone);
        }
    }

    let uuid = new_id("WAG");
    let wa_group_id = format!("120363{:012}@g.us", uuid::Uuid::new_v4().as_u128() % 1_000_000_000_000);
    let now = iso_z(now_secs());
    account.groups.push(json!({
        "uuid": uuid,
        "channel_uuid": channel.uuid,
        "wa_group_id": wa_group_id,
        "profile_pic_url": null,
        "wa_owner_id": format!("{}@c.us", digits(&channel.phone_number)),
        "wa_group_name": name,
        "wa_created_at": now,
        "wa_subject": description,
        "size": records.len(),
        "is_muted": false,
        "is_read_only": false,
        "channel_is_owner": true,
        "created_at": now,
        "updated_at": now,
        "owner_contact": null,
        "owner_data": {
            "phone_number": channel.phone_number,
            "formatted_phone_number": formatted_number(&channel.phone_number),
            "iso_country_code": channel.iso_country_code,
        },
        "participants": records,
    }));
    Ok(json!({
        "success": true,
        "group": {
            "name": name,
            "wa_group_id": wa_group_id,
            "participants": results,
            "accepted_numbers": accepted,
            "unaccepted_numbers": unaccepted,
            "uuid": uuid,
        },
    }))
}

/// A group record to change, the body's `from_number` and the body.
type Target<'a> = (&'a mut Map<String, Value>, String, Map<String, Value>);

/// The path's group, checked against the body's `from_number` (a connected number that owns the
/// group's channel); also returns that number and the body.
fn target<'a>(account: &'a mut Account, call: &Call<'_>) -> Result<Target<'a>, ApiError> {
    let uuid = call.param("group_uuid")?;
    let body = call.body_object()?.clone();
    let from = req_string(&body, "from_number")?;
    let channel_uuid = connected_number(account, from, "from_number")?.uuid.clone();
    let group = account
        .group_mut(uuid)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| ApiError::not_found(format!("Group {uuid} not found")))?;
    if group.get("channel_uuid").and_then(Value::as_str) != Some(channel_uuid.as_str()) {
        return Err(ApiError::not_found(format!("Group {uuid} not found on {from}")));
    }
    Ok((group, from.to_owned(), body))
}

/// Takes the participant records out of a group, to change them and [`put_records`] back.
pub(crate) fn take_records(group: &mut Map<String, Value>) -> Vec<Value> {
    match group.remove("participants") {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

/// Puts the participant records back, with a new `size` and `updated_at`.
pub(crate) fn put_records(group: &mut Map<String, Value>, records: Vec<Value>) {
    group.insert("size".into(), json!(records.len()));
    group.insert("participants".into(), Value::Array(records));
    group.insert("updated_at".into(), json!(iso_z(now_secs())));
}

pub(crate) fn phone_of(record: &Value) -> Option<&str> {
    record.get("phone_number").and_then(Value::as_str)
}

/// #25 `POST …/group/{group_uuid}/add-participant` `{from_number, participants}`: 200 per added
/// number, 409 for one already in the group, 404 for one not on WhatsApp.
pub fn add_participants(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let (group, _, body) = target(account, call)?;
    let wanted = participants(&body)?;
    let mut results = Map::new();
    let mut unaccepted = Vec::new();
    let mut list = take_records(group);
    for phone in wanted {
        let present = list.iter().any(|r| phone_of(r) == Some(phone.as_str()));
        let (code, message) = if present {
            (409, "the number is already a participant")
        } else if !on_whatsapp(&phone) {
            (404, "the number is not on WhatsApp")
        } else {
            list.push(participant_record(&phone, false, false, None));
            (200, "")
        };
        results.insert(phone.clone(), json!({"statusCode": code, "message": message, "isInviteV4Sent": false}));
        if code != 200 {
            unaccepted.push(phone);
        }
    }
    put_records(group, list);
    Ok(json!({"success": true, "participants": results, "unaccepted_numbers": unaccepted}))
}

/// #26 `POST …/group/{group_uuid}/remove-participant`: numbers not in the group (and the
/// channel's own number) are unaccepted.
pub fn remove_participants(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let (group, from, body) = target(account, call)?;
    let wanted = participants(&body)?;
    let (mut accepted, mut unaccepted) = (Vec::new(), Vec::new());
    let mut list = take_records(group);
    for phone in wanted {
        match list.iter().position(|r| phone_of(r) == Some(phone.as_str())) {
            Some(i) if phone != from => {
                list.remove(i);
                accepted.push(phone);
            }
            _ => unaccepted.push(phone),
        }
    }
    put_records(group, list);
    Ok(json!({
        "success": true,
        "participants": {"timestamp": now_secs(), "accepted_numbers": accepted, "unaccepted_numbers": unaccepted},
    }))
}

/// Sets `wa_is_admin` on the listed participants; the super admin cannot be demoted.
fn set_admin(account: &mut Account, call: &Call<'_>, admin: bool) -> Result<Value, ApiError> {
    let (group, _, body) = target(account, call)?;
    let wanted = participants(&body)?;
    let (mut accepted, mut unaccepted) = (Vec::new(), Vec::new());
    let mut list = take_records(group);
    for phone in wanted {
        let record = list.iter_mut().find(|r| phone_of(r) == Some(phone.as_str()));
        match record.and_then(Value::as_object_mut) {
            Some(r) if admin || r.get("wa_is_super_admin") != Some(&Value::Bool(true)) => {
                r.insert("wa_is_admin".into(), json!(admin));
                r.insert("updated_at".into(), json!(iso_z(now_secs())));
                accepted.push(phone);
            }
            _ => unaccepted.push(phone),
        }
    }
    put_records(group, list);
    Ok(json!({"success": true, "participants": {"accepted_numbers": accepted, "unaccepted_numbers": unaccepted}}))
}

/// #27 `POST …/group/{group_uuid}/promote-participant`.
pub fn promote_participants(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    set_admin(account, call, true)
}

/// #28 `POST …/group/{group_uuid}/demote-participant`.
pub fn demote_participants(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    set_admin(account, call, false)
}

/// #29 `POST …/group/{group_uuid}/set-description` `{from_number, description}`: sets
/// `wa_subject` (an empty string clears it).
pub fn set_description(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let (group, _, body) = target(account, call)?;
    let description = match body.get("description") {
        Some(Value::String(d)) => d.clone(),
        None | Some(Value::Null) => return Err(ApiError::invalid("`description` is required")),
        Some(_) => return Err(ApiError::invalid("`description` must be a string")),
    };
    group.insert("wa_subject".into(), json!(description));
    group.insert("updated_at".into(), json!(iso_z(now_secs())));
    Ok(json!({"success": true}))
}

/// #30 `POST …/group/{group_uuid}/set-picture` `{from_number, url}`: sets `profile_pic_url`.
pub fn set_picture(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let (group, _, body) = target(account, call)?;
    let url = req_url(&body, "url")?.to_owned();
    group.insert("profile_pic_url".into(), json!(url));
    group.insert("updated_at".into(), json!(iso_z(now_secs())));
    Ok(json!({"success": true}))
}

/// #31 `GET /open/whatsapp/groups/messages/{group_uuid}?page_number=`: newest first, fifty per
/// page, each with its author; the account's own messages show its number as the participant.
pub fn messages(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let uuid = call.param("group_uuid")?;
    let group = account.group(uuid).ok_or_else(|| ApiError::not_found(format!("Group {uuid} not found")))?;
    let channel = group
        .get("channel_uuid")
        .and_then(Value::as_str)
        .and_then(|c| account.channel(c))
        .map(|n| (n.phone_number.clone(), n.pushname.clone()));
    let page_number = call.page_number()?;
    let items = account.messages.iter().rev().filter(|m| m.to_group_uuid.as_deref() == Some(uuid)).map(|m| {
        let participant = match (&m.participant, &channel) {
            (Some(p), _) => json!({"phone_number": p.phone_number, "pushname": p.pushname}),
            (None, Some((phone, pushname))) => json!({"phone_number": phone, "pushname": pushname}),
            (None, None) => Value::Null,
        };
        json!({
            "uuid": m.uuid,
            "session_key": m.session_key,
            "message": m.message,
            "created_at": m.created_at,
            "sent_by": m.sent_by,
            "participant": participant,
        })
    });
    let messages = page(items, page_number, call.page_size(MESSAGES_PAGE_SIZE));
    Ok(json!({"success": true, "page_number": page_number, "messages": messages}))
}
