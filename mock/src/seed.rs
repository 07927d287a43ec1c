//! The data every account starts with, shaped like `shared/fixtures/responses/*.json`.

use serde_json::{json, Value};

use crate::state::{Account, Message, Number};
use crate::util::iso_z;

/// The connected number of the fixtures.
pub const PY_NUMBER: &str = "+595981048477";
/// Its channel uuid.
pub const PY_NUMBER_UUID: &str = "WPN95841312-b54d-46e3-b0bc-6414f4a5296b";
/// The second connected number (the remote party of the fixture messages).
pub const MX_NUMBER: &str = "+5215512345432";
/// Its channel uuid (the one the fixtures show on `owner_contact.channel_uuid`).
pub const MX_NUMBER_UUID: &str = "WPNc568c832-606c-4d50-8092-fc51b5149d16";
/// A disconnected number.
pub const US_NUMBER: &str = "+14155550123";
/// Its channel uuid.
pub const US_NUMBER_UUID: &str = "WPN3f1b2a7e-8c4d-4e5f-9a6b-7c8d9e0f1a2b";
/// The group of groups-list.json / group-get.json (newer `WAG` prefix).
pub const GROUP_UUID: &str = "WAG768beeef-2b96-4bc7-9b7f-045078568723";
/// Its WhatsApp id.
pub const GROUP_WA_ID: &str = "120363043051234567@g.us";
/// A second group on the same number, with the older `WGP` prefix.
pub const OLD_GROUP_UUID: &str = "WGP1f0e3a52-7c1d-4b8e-9f2a-3d4c5b6a7e8f";
/// Its WhatsApp id.
pub const OLD_GROUP_WA_ID: &str = "120363021987654321@g.us";

/// Fills a fresh account.
pub fn seed(account: &mut Account) {
    account.numbers = vec![
        Number {
            uuid: PY_NUMBER_UUID.into(),
            friendly_name: "my testing number".into(),
            phone_number: PY_NUMBER.into(),
            iso_country_code: "PY".into(),
            pushname: Some("✌️".into()),
            server: "595981048477@c.us".into(),
            platform: "iphone".into(),
            connection_status: "C".into(),
            enabled: true,
            is_business_profile: false,
            channel_type: "WW".into(),
            sync_contacts: true,
            created_at: "2022-10-31 22:05:44".into(),
            updated_at: "2022-12-01 21:40:04".into(),
        },
        Number {
            uuid: MX_NUMBER_UUID.into(),
            friendly_name: "mexico sales".into(),
            phone_number: MX_NUMBER.into(),
            iso_country_code: "MX".into(),
            pushname: Some("Ventas MX".into()),
            server: "5215512345432@c.us".into(),
            platform: "android".into(),
            connection_status: "C".into(),
            enabled: true,
            is_business_profile: true,
            channel_type: "WW".into(),
            sync_contacts: true,
            created_at: "2023-01-15 14:12:09".into(),
            updated_at: "2023-03-02 09:30:51".into(),
        },
        Number {
            uuid: US_NUMBER_UUID.into(),
            friendly_name: "old us number".into(),
            phone_number: US_NUMBER.into(),
            iso_country_code: "US".into(),
            pushname: None,
            server: "14155550123@c.us".into(),
            platform: "android".into(),
            connection_status: "D".into(),
            enabled: false,
            is_business_profile: false,
            channel_type: "WW".into(),
            sync_contacts: false,
            created_at: "2022-06-03 17:45:00".into(),
            updated_at: "2023-02-11 08:00:13".into(),
        },
    ];

    account.groups = vec![main_group(), old_group()];

    let session_key = format!("WW-{PY_NUMBER_UUID}-5215512345432@c.us");
    // Oldest first, as stored; lists show them newest first, as messages-list.json does.
    account.messages = vec![
        Message {
            uuid: "MSG8c39a0a9-01cf-46c9-ab46-3c0fb0477e99".into(),
            timestamp: 1_670_378_997.0,
            created_at: iso_z(1_670_378_997),
            session_key: session_key.clone(),
            message: json!({"text": "you can see my replies here"}),
            remote_phone_number: Some(MX_NUMBER.into()),
            to_group_uuid: None,
            sent_by: "agent".into(),
            channel_number: PY_NUMBER.into(),
        },
        Message {
            uuid: "MSGaf1fa3a1-0d8d-4aa5-b117-f9425b651485".into(),
            timestamp: 1_670_454_681.0,
            created_at: iso_z(1_670_454_681),
            session_key,
            message: json!({"media": {
                "url": "https://2chat-user-data-dev.s3.amazonaws.com/ACC91be87af-5a29-4034-b599-342f2aeb5d52/accm/sfe4d7e29cd9dfad63b535dec54c5992055498dcd13cfc319f723c4b962b8803a.svg",
                "type": "image",
                "mime_type": "image/svg+xml"
            }}),
            remote_phone_number: Some(MX_NUMBER.into()),
            to_group_uuid: None,
            sent_by: "api".into(),
            channel_number: PY_NUMBER.into(),
        },
    ];
}

fn main_group() -> Value {
    json!({
        "uuid": GROUP_UUID,
        "channel_uuid": PY_NUMBER_UUID,
        "wa_group_id": GROUP_WA_ID,
        "profile_pic_url": "https://2chat-user-data.s3.amazonaws.com/mock/groups/WAG768beeef.jpg",
        "wa_owner_id": "5215530483303@c.us",
        "wa_group_name": "2chat test group 👌",
        "wa_created_at": "2022-10-23T17:11:41Z",
        "wa_subject": "daily motivational quotes 💪",
        "size": 3,
        "is_muted": false,
        "is_read_only": false,
        "channel_is_owner": false,
        "created_at": "2023-06-22T20:02:56Z",
        "updated_at": "2023-07-12T19:18:41Z",
        "owner_contact": {
            "uuid": "CON1653490d-194b-4992-8353-e4b46a64e321",
            "first_name": "Mikey",
            "last_name": "Mike",
            "channel_uuid": MX_NUMBER_UUID,
            "profile_pic_url": "https://2chat-user-data.s3.amazonaws.com/mock/contacts/CON1653490d.jpg"
        },
        "owner_data": {
            "phone_number": "+5215530483303",
            "formatted_phone_number": "+52 1 55 3048 3303",
            "iso_country_code": "MX"
        },
        "participants": [
            {
                "wa_participant_id": "447700176576@c.us",
                "wa_pushname": "Carlos @ 2Chat",
                "profile_pic_url": "https://2chat-user-data.s3.amazonaws.com/mock/contacts/447700176576.jpg",
                "wa_is_super_admin": false,
                "wa_is_admin": false,
                "device": "ios",
                "created_at": "2023-07-11T19:21:45Z",
                "updated_at": "2023-07-12T19:18:41Z",
                "contact": {
                    "uuid": "CON767f3ab9-e2c1-48e0-9234-092e835fa089",
                    "first_name": "2Chat",
                    "last_name": "UK",
                    "channel_uuid": null,
                    "profile_pic_url": null
                },
                "phone_number": "+447700176576",
                "formatted_phone_number": "+44 7700 176576",
                "iso_country_code": "GB"
            },
            {
                "wa_participant_id": "5215617554529@c.us",
                "wa_pushname": "Mikey",
                "profile_pic_url": "https://2chat-user-data.s3.amazonaws.com/mock/contacts/5215617554529.jpg",
                "wa_is_super_admin": false,
                "wa_is_admin": false,
                "device": null,
                "created_at": "2023-07-11T19:30:03Z",
                "updated_at": "2023-07-12T19:18:41Z",
                "phone_number": "+525617554529",
                "formatted_phone_number": "+52 56 1755 4529",
                "iso_country_code": "MX"
            },
            {
                "wa_participant_id": "595981048477@c.us",
                "wa_pushname": null,
                "profile_pic_url": null,
                "wa_is_super_admin": false,
                "wa_is_admin": true,
                "device": null,
                "created_at": "2023-06-23T19:43:31Z",
                "updated_at": "2023-07-12T19:18:40Z",
                "contact": {
                    "uuid": "CON36b2bc38-c21a-4712-8015-99bf2f8001f6",
                    "first_name": "2Chat",
                    "last_name": "PAR",
                    "channel_uuid": MX_NUMBER_UUID,
                    "profile_pic_url": null
                },
                "phone_number": "+595981048477",
                "formatted_phone_number": "+595 981 048477",
                "iso_country_code": "PY"
            }
        ]
    })
}

fn old_group() -> Value {
    json!({
        "uuid": OLD_GROUP_UUID,
        "channel_uuid": PY_NUMBER_UUID,
        "wa_group_id": OLD_GROUP_WA_ID,
        "profile_pic_url": null,
        "wa_owner_id": "595981048477@c.us",
        "wa_group_name": "mock announcements 📣",
        "wa_created_at": "2021-05-02T12:00:00Z",
        "wa_subject": "read-only announcements",
        "size": 2,
        "is_muted": true,
        "is_read_only": true,
        "channel_is_owner": true,
        "created_at": "2022-11-02T10:15:30Z",
        "updated_at": "2023-01-20T16:42:07Z",
        "owner_contact": null,
        "owner_data": {
            "phone_number": "+595981048477",
            "formatted_phone_number": "+595 981 048477",
            "iso_country_code": "PY"
        },
        "participants": [
            {
                "wa_participant_id": "595981048477@c.us",
                "wa_pushname": "✌️",
                "profile_pic_url": null,
                "wa_is_super_admin": true,
                "wa_is_admin": true,
                "device": "ios",
                "created_at": "2022-11-02T10:15:30Z",
                "updated_at": "2023-01-20T16:42:07Z",
                "phone_number": "+595981048477",
                "formatted_phone_number": "+595 981 048477",
                "iso_country_code": "PY"
            },
            {
                "wa_participant_id": "34612345678@c.us",
                "wa_pushname": "Lucía",
                "profile_pic_url": null,
                "wa_is_super_admin": false,
                "wa_is_admin": false,
                "device": "android",
                "created_at": "2022-11-02T10:16:02Z",
                "updated_at": "2023-01-20T16:42:07Z",
                "phone_number": "+34612345678",
                "formatted_phone_number": "+34 612 34 56 78",
                "iso_country_code": "ES"
            }
        ]
    })
}
