//! Deterministic records, for the seed (templates, call records, virtual numbers, caller ids) and
//! for `POST /__mock/seed` (enough items to walk several pages). Ids come from the account's
//! sequence ([`Account::next_seq`]), so they are distinct and repeatable for the same calls.

use serde_json::{json, Value};

use crate::state::{Account, Contact, ContactDetail, GroupParticipant, Message, Template};
use crate::util::{digits, formatted_number, iso_z, now_secs, number_info, seq_id, sql_datetime};

/// Call records start here (2025-10-09) and are 90 minutes apart.
const CDR_EPOCH: i64 = 1_760_000_000;
/// Templates were last updated a day apart from here (2025-11-20).
const TEMPLATE_EPOCH: i64 = 1_763_600_000;

/// WhatsApp's id of a message: `true_` for our own, `false_` for incoming ones.
pub fn wa_msg_id(from_me: bool, jid: &str, n: u64) -> String {
    format!("{from_me}_{jid}_3EB0{n:016X}")
}

/// The regional-indicator flag of an ISO 3166 code (`US` → 🇺🇸); empty for unknown codes.
pub fn flag(iso: &str) -> String {
    if iso.len() != 2 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
        return String::new();
    }
    iso.bytes().filter_map(|b| char::from_u32(0x1F1E6 + u32::from(b - b'A'))).collect()
}

/// Appends a WABA template to `waba_uuid`: statuses and categories vary, the first is APPROVED.
pub fn template(account: &mut Account, waba_uuid: &str) {
    const KINDS: [(&str, &str, &str); 6] = [
        ("order_update", "UTILITY", "Hi {{1}}, your order {{2}} is on its way and should arrive on {{3}}."),
        ("welcome_offer", "MARKETING", "Welcome {{1}}! Use code {{2}} for 10% off your first purchase."),
        ("login_code", "AUTHENTICATION", "{{1}} is your verification code. Do not share it."),
        ("appointment_reminder", "UTILITY", "Hello {{1}}, this is a reminder of your appointment on {{2}}."),
        ("weekly_deals", "MARKETING", "{{1}}, this week's deals are here: {{2}}"),
        ("payment_received", "UTILITY", "Thanks {{1}}! We received your payment of {{2}}."),
    ];
    const STATUSES: [&str; 7] = ["APPROVED", "APPROVED", "APPROVED", "PENDING", "APPROVED", "REJECTED", "FAILED"];
    let n = account.templates.iter().filter(|t| t.waba_uuid == waba_uuid).count();
    let (base, category, content) = KINDS.get(n % KINDS.len()).copied().unwrap_or(("update", "UTILITY", "{{1}}"));
    let seq = account.next_seq();
    let language = if n % 2 == 0 { "es" } else { "en" };
    account.templates.push(Template {
        uuid: seq_id("TMP", seq),
        waba_uuid: waba_uuid.to_owned(),
        name: format!("{base}_{:02}", n + 1),
        language: language.into(),
        status: STATUSES.get(n % STATUSES.len()).copied().unwrap_or("APPROVED").into(),
        category: category.into(),
        template_content: content.into(),
        description: if n % 4 == 3 { None } else { Some(format!("{} ({language})", base.replace('_', " "))) },
        updated_at: sql_datetime(TEMPLATE_EPOCH + 86_400 * i64::try_from(n).unwrap_or(0)),
    });
}

/// Appends a virtual number (`DID…`), shaped like list-virtual-numbers (#62); returns it.
pub fn virtual_number(
    account: &mut Account,
    phone: &str,
    provider_type: &str,
    sms_enabled: bool,
    status_text: &str,
) -> Value {
    let seq = account.next_seq();
    let info = number_info(phone);
    let created = CDR_EPOCH - 30 * 86_400 + i64::try_from(seq).unwrap_or(0) * 60;
    let record = json!({
        "uuid": seq_id("DID", seq),
        "account_uuid": account.uuid,
        "phone_number": phone,
        "formatted_phone_number": formatted_number(phone),
        "iso_country_code": info.iso_country_code,
        "region_name": info.region,
        "emoji": flag(info.iso_country_code),
        "friendly_name": format!("{} line {}", info.iso_country_code, account.virtual_numbers.len() + 1),
        "record_inbound": true,
        "is_toll_free": provider_type == "tollfree",
        "provider_type": provider_type,
        "priced_per_minute": true,
        "incoming_price_per_minute": "0.0100",
        "ivr_uuid": null,
        "timezone": info.timezone.first().copied().unwrap_or("UTC"),
        "status": status_code(status_text),
        "status_text": status_text,
        "sms_enabled": sms_enabled,
        "created_at": iso_z(created),
        "updated_at": iso_z(created),
        "expires_at": iso_z(created + 365 * 86_400),
    });
    account.virtual_numbers.push(record.clone());
    record
}

/// The integer `status` that goes with a virtual number's `status_text`.
pub fn status_code(status_text: &str) -> u8 {
    match status_text {
        "ACTIVE" => 1,
        "AWAITING_REGISTRATION" => 2,
        "PENDING_ACTIVATION" => 3,
        "PENDING_CANCELLATION" => 4,
        _ => 5,
    }
}

/// Appends a caller id (`VCI…`), shaped like list-caller-ids (#63).
pub fn caller_id(account: &mut Account, phone: &str, kind: &str, channel_uuid: Value, friendly_name: &str) {
    let seq = account.next_seq();
    let created = CDR_EPOCH - 20 * 86_400 + i64::try_from(seq).unwrap_or(0) * 60;
    let record = json!({
        "uuid": seq_id("VCI", seq),
        "account_uuid": account.uuid,
        "channel_uuid": channel_uuid,
        "phone_number": phone,
        "friendly_name": friendly_name,
        "iso_country_code": number_info(phone).iso_country_code,
        "type": kind,
        "verified": true,
        "created_at": iso_z(created),
        "updated_at": iso_z(created),
        "expires_at": null,
    });
    account.caller_ids.push(record);
}

/// Appends a call record, 90 minutes after the previous one. Two in three are inbound; some are
/// missed or failed (no duration, no recording).
pub fn cdr(account: &mut Account) {
    let n = account.cdrs.len() as u64;
    let seq = account.next_seq();
    let uuid = seq_id("CDR", seq);
    let callid =
        format!("{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}", 0xe73d_8d61_u32, n & 0xffff, n & 0xfff, seq & 0xfff, seq);
    let outbound = n % 3 == 1;
    let failed = if outbound { n % 7 == 0 } else { n % 5 == 0 };
    let status = match (outbound, failed) {
        (_, false) => "COMPLETED",
        (true, true) => "FAILED",
        (false, true) => "MISSED",
    };
    let duration: i64 = if failed { 0 } else { 30 + i64::try_from(n * 37 % 600).unwrap_or(0) };
    let start = CDR_EPOCH + i64::try_from(n).unwrap_or(0) * 5_400;
    let end = start + duration;
    let user = account.users.get(n as usize % account.users.len().max(1)).map(|u| u.uuid.clone());
    let did = account.virtual_numbers.first().cloned().unwrap_or(Value::Null);
    let vci = account.caller_ids.first().cloned().unwrap_or(Value::Null);
    let other = if outbound { format!("+1415{:07}", 2_000_000 + n) } else { format!("+52155{:08}", 12_340_000 + n) };
    let agent_id = if failed && !outbound { None } else { user.clone() };
    let recording =
        (!failed).then(|| format!("https://2chat-user-data.s3.amazonaws.com/{}/calls/{uuid}.mp3", account.uuid));
    let price = (duration as f64 / 60.0 * 0.012 * 10_000.0).round() / 10_000.0;
    let mut record = json!({
        "uuid": uuid,
        "account_uuid": account.uuid,
        "callid": callid,
        "direction": if outbound { "O" } else { "I" },
        "active": false,
        "from": if outbound { json!(user) } else { json!(other) },
        "iso_country_code": number_info(&other).iso_country_code,
        "status": status,
        "is_whatsapp_call": false,
        "is_sip_trunk_call": null,
        "created_at": iso_z(start),
        "updated_at": iso_z(end + 5),
        "to_number": if outbound { json!(other) } else { did.get("phone_number").cloned().unwrap_or(Value::Null) },
        "caller_id_uuid": if outbound { vci.get("uuid").cloned().unwrap_or(Value::Null) } else { Value::Null },
        "caller_id_used": if outbound { vci.get("phone_number").cloned().unwrap_or(Value::Null) } else { Value::Null },
        "duration": duration,
        "recording_url": recording,
        "start_time": iso_z(start),
        "end_time": iso_z(end),
        "agent_id": agent_id,
        "call_cost": {
            "callid": callid,
            "forwarded": false,
            "toll_free": false,
            "start_dt": iso_z(start),
            "end_dt": iso_z(end),
            "duration": duration,
            "call_price": price,
        },
    });
    if !outbound {
        if let Some(obj) = record.as_object_mut() {
            obj.insert("received_on_number".into(), did.get("phone_number").cloned().unwrap_or(Value::Null));
            obj.insert("received_on_number_uuid".into(), did.get("uuid").cloned().unwrap_or(Value::Null));
        }
    }
    account.cdrs.push(record);
}

/// Appends `count` contacts with varied first names, a numbered last name, a WhatsApp phone and an
/// email, so search can find them by name or detail.
pub fn contacts(account: &mut Account, count: usize) {
    const FIRST: [&str; 8] = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Fabio", "Gabriela", "Hugo"];
    let now = now_secs();
    for _ in 0..count {
        let id = account.next_contact_id();
        let first = FIRST.get(id as usize % FIRST.len()).copied().unwrap_or("Ana");
        let details = vec![
            ContactDetail {
                id: account.next_detail_id(),
                value: format!("+5959810{:05}", id % 100_000),
                kind: "WAPH".into(),
                created_at: now,
                updated_at: 0,
            },
            ContactDetail {
                id: account.next_detail_id(),
                value: format!("seed{id:04}@example.com"),
                kind: "E".into(),
                created_at: now,
                updated_at: 0,
            },
        ];
        let uuid = seq_id("CON", account.next_seq());
        account.contacts.push(Contact {
            id,
            uuid,
            first_name: first.into(),
            last_name: Some(format!("Seed {id:04}")),
            channel_uuid: None,
            profile_pic_url: None,
            details,
            last_updated: now,
        });
    }
}

/// Appends `count` messages between the account's `number` and `remote`, alternating incoming and
/// outgoing, one second apart and ending a second ago.
pub fn messages(account: &mut Account, number: &str, remote: &str, count: usize) {
    let Some(channel) = account.number(number).map(|n| n.uuid.clone()) else { return };
    let now = now_secs();
    let jid = format!("{}@c.us", digits(remote));
    for i in 0..count {
        let seq = account.next_seq();
        let at = now - i64::try_from(count - i).unwrap_or(0);
        let from_me = i % 2 == 1;
        account.messages.push(Message {
            uuid: seq_id("MSG", seq),
            timestamp: at as f64,
            created_at: iso_z(at),
            session_key: format!("WW-{channel}-{jid}"),
            message: json!({"text": format!("seeded message {} of {count}", i + 1)}),
            remote_phone_number: Some(remote.to_owned()),
            to_group_uuid: None,
            sent_by: if from_me { "api" } else { "user" }.into(),
            channel_number: number.to_owned(),
            id: seq,
            wa_msg_id: wa_msg_id(from_me, &jid, seq),
            wa_msg_ack: if from_me { 2 } else { 0 },
            participant: None,
        });
    }
    sort_messages(account);
}

/// Appends `count` conversations on the channel `number`: one incoming message each from a new
/// remote number.
pub fn conversations(account: &mut Account, number: &str, count: usize) {
    let Some(channel) = account.number(number).map(|n| n.uuid.clone()) else { return };
    let now = now_secs();
    for i in 0..count {
        let seq = account.next_seq();
        let remote = format!("+5255{:08}", 30_000_000 + seq);
        let jid = format!("{}@c.us", digits(&remote));
        let at = now - i64::try_from(count - i).unwrap_or(0);
        account.messages.push(Message {
            uuid: seq_id("MSG", seq),
            timestamp: at as f64,
            created_at: iso_z(at),
            session_key: format!("WW-{channel}-{jid}"),
            message: json!({"text": format!("hello from conversation {}", i + 1)}),
            remote_phone_number: Some(remote),
            to_group_uuid: None,
            sent_by: "user".into(),
            channel_number: number.to_owned(),
            id: seq,
            wa_msg_id: wa_msg_id(false, &jid, seq),
            wa_msg_ack: 0,
            participant: None,
        });
    }
    sort_messages(account);
}

/// Appends `count` incoming messages to a group, written in turn by its participants (other than
/// the account's own number).
pub fn group_messages(account: &mut Account, group_uuid: &str, count: usize) {
    let Some(group) = account.group(group_uuid).cloned() else { return };
    let channel_uuid = group.get("channel_uuid").and_then(Value::as_str).unwrap_or_default().to_owned();
    let Some(number) = account.channel(&channel_uuid).map(|n| n.phone_number.clone()) else { return };
    let wa_group_id = group.get("wa_group_id").and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut authors: Vec<GroupParticipant> = group
        .get("participants")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter_map(|p| {
                    let phone = p.get("phone_number").and_then(Value::as_str)?;
                    (phone != number).then(|| GroupParticipant {
                        phone_number: phone.to_owned(),
                        pushname: p.get("wa_pushname").and_then(Value::as_str).map(str::to_owned),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    if authors.is_empty() {
        authors.push(GroupParticipant { phone_number: "+447700900123".into(), pushname: Some("Guest".into()) });
    }
    let now = now_secs();
    for i in 0..count {
        let seq = account.next_seq();
        let Some(author) = authors.get(i % authors.len()).cloned() else { continue };
        let at = now - i64::try_from(count - i).unwrap_or(0);
        account.messages.push(Message {
            uuid: seq_id("MSG", seq),
            timestamp: at as f64,
            created_at: iso_z(at),
            session_key: format!("WW-{channel_uuid}-{wa_group_id}"),
            message: json!({"text": format!("group message {} of {count}", i + 1)}),
            remote_phone_number: None,
            to_group_uuid: Some(group_uuid.to_owned()),
            sent_by: "user".into(),
            channel_number: number.clone(),
            id: seq,
            wa_msg_id: format!("{}_{}", wa_msg_id(false, &wa_group_id, seq), digits(&author.phone_number)),
            wa_msg_ack: 0,
            participant: Some(author),
        });
    }
    sort_messages(account);
}

/// Keeps messages oldest first after inserting generated ones (a stable sort: ties keep their
/// insertion order).
fn sort_messages(account: &mut Account) {
    account.messages.sort_by(|a, b| a.timestamp.total_cmp(&b.timestamp));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_message_ids() {
        assert_eq!(flag("US"), "🇺🇸");
        assert_eq!(flag("x"), "");
        assert_eq!(wa_msg_id(true, "1@c.us", 255), "true_1@c.us_3EB000000000000000FF");
        assert_eq!(status_code("PENDING_CANCELLATION"), 4);
    }
}
