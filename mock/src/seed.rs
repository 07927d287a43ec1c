//! The data every account starts with, shaped like `shared/fixtures/responses/*.json` and the
//! contract's rows (`shared/spec/2chat-api.md` §2). `mock/README.md` ("Seed data") documents it.
//!
//! Fixed records (numbers, groups, the fixture messages, users, the catalog, the WABA number) are
//! written out here; the long lists (templates, call records) and the virtual numbers and caller
//! ids come from [`crate::generate`], so they have the same shapes as the records
//! `POST /__mock/seed` adds. Ids of generated records follow the account's sequence, so every
//! fresh account gets the same ones.

use serde_json::{json, Value};

use crate::generate::{self, wa_msg_id};
use crate::state::{Account, Catalog, ChannelEvent, Collection, Message, Number, Product, User};
use crate::util::{digits, formatted_number, iso_z, sql_to_iso_z};

/// The connected number of the fixtures; the only WhatsApp Business number (it has the catalog).
pub const PY_NUMBER: &str = "+595981048477";
/// Its channel uuid.
pub const PY_NUMBER_UUID: &str = "WPN95841312-b54d-46e3-b0bc-6414f4a5296b";
/// The second connected number (the remote party of the fixture messages); not a Business number.
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
/// Incoming messages seeded in [`GROUP_UUID`].
pub const GROUP_MESSAGES: usize = 3;

/// The fixture message the agent wrote (text).
pub const AGENT_MESSAGE_UUID: &str = "MSG8c39a0a9-01cf-46c9-ab46-3c0fb0477e99";
/// The fixture message sent through the API (an image).
pub const API_MESSAGE_UUID: &str = "MSGaf1fa3a1-0d8d-4aa5-b117-f9425b651485";

/// The first user (Ana Gómez).
pub const USER_UUID: &str = "USR4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
/// The second user (Carlos Pérez).
pub const SECOND_USER_UUID: &str = "USR7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d";

/// The first product of the catalog of [`PY_NUMBER`].
pub const PRODUCT_ID: &str = "6562709013816345";
/// The second product.
pub const SECOND_PRODUCT_ID: &str = "7130571828237716";
/// The collection holding both products.
pub const COLLECTION_ID: &str = "1051239876543210";

/// The WABA number.
pub const WABA_NUMBER: &str = "+16173518454";
/// Its uuid.
pub const WABA_UUID: &str = "WAN3ff9fb72-6ecd-4c2a-9055-4836d8ed33d7";
/// Templates seeded on the WABA number (three pages of ten).
pub const TEMPLATES: usize = 23;

/// The SMS-enabled virtual number (the first one listed).
pub const SMS_NUMBER: &str = "+14155550199";
/// A UK virtual number, voice only.
pub const GB_VIRTUAL_NUMBER: &str = "+442071838750";
/// A Mexican virtual number, voice only, waiting for its registration documents.
pub const MX_VIRTUAL_NUMBER: &str = "+525644448888";
/// Call records seeded (two pages of twenty).
pub const CALLS: usize = 35;

/// Fills a fresh account. The order matters only for the ids of generated records (the account's
/// sequence) and for the call records, which take their agents, virtual number and caller id from
/// what is already there.
pub fn seed(account: &mut Account) {
    account.users = users();

    let mut numbers = numbers();
    for number in &mut numbers {
        number.id = account.next_id();
        number.events = history(number);
    }
    account.numbers = numbers;
    account.groups = vec![main_group(), old_group()];
    account.messages = fixture_messages(account);
    generate::group_messages(account, GROUP_UUID, GROUP_MESSAGES);

    // A number has a catalog iff it is a WhatsApp Business number.
    account.catalogs.insert(PY_NUMBER.to_owned(), catalog());

    account.waba_numbers = vec![waba_number(&account.uuid)];
    for _ in 0..TEMPLATES {
        generate::template(account, WABA_UUID);
    }

    let sms_line = generate::virtual_number(account, SMS_NUMBER, "local", true, "ACTIVE");
    generate::virtual_number(account, GB_VIRTUAL_NUMBER, "local", false, "ACTIVE");
    generate::virtual_number(account, MX_VIRTUAL_NUMBER, "local", false, "AWAITING_REGISTRATION");
    let sms_line_uuid = sms_line.get("uuid").cloned().unwrap_or(Value::Null);
    // The first caller id is the one outbound calls use.
    generate::caller_id(account, SMS_NUMBER, "VN", sms_line_uuid, "support line");
    generate::caller_id(account, PY_NUMBER, "WW", json!(PY_NUMBER_UUID), "my testing number");
    for _ in 0..CALLS {
        generate::cdr(account);
    }
}

/// The account's users (#3): agents of the call records, subjects of Voice SDK tokens.
fn users() -> Vec<User> {
    vec![
        User {
            uuid: USER_UUID.into(),
            first_name: "Ana".into(),
            last_name: "Gómez".into(),
            email: "ana.gomez@example.com".into(),
        },
        User {
            uuid: SECOND_USER_UUID.into(),
            first_name: "Carlos".into(),
            last_name: "Pérez".into(),
            email: "carlos.perez@example.com".into(),
        },
    ]
}

/// The three WhatsApp numbers; the first is numbers-list.json's, except that it is a Business
/// number (it has the catalog). Ids and status events are filled in by [`seed`].
fn numbers() -> Vec<Number> {
    vec![
        Number {
            uuid: PY_NUMBER_UUID.into(),
            friendly_name: "my testing number".into(),
            phone_number: PY_NUMBER.into(),
            iso_country_code: "PY".into(),
            pushname: Some("✌️".into()),
            server: "595981048477@c.us".into(),
            platform: Some("iphone".into()),
            connection_status: "C".into(),
            enabled: true,
            is_business_profile: true,
            channel_type: "WW".into(),
            sync_contacts: true,
            created_at: "2022-10-31 22:05:44".into(),
            updated_at: Some("2022-12-01 21:40:04".into()),
            ..Number::default()
        },
        Number {
            uuid: MX_NUMBER_UUID.into(),
            friendly_name: "mexico sales".into(),
            phone_number: MX_NUMBER.into(),
            iso_country_code: "MX".into(),
            pushname: Some("Ventas MX".into()),
            server: "5215512345432@c.us".into(),
            platform: Some("android".into()),
            connection_status: "C".into(),
            enabled: true,
            is_business_profile: false,
            channel_type: "WW".into(),
            sync_contacts: true,
            created_at: "2023-01-15 14:12:09".into(),
            updated_at: Some("2023-03-02 09:30:51".into()),
            ..Number::default()
        },
        Number {
            uuid: US_NUMBER_UUID.into(),
            friendly_name: "old us number".into(),
            phone_number: US_NUMBER.into(),
            iso_country_code: "US".into(),
            pushname: None,
            server: "14155550123@c.us".into(),
            platform: Some("android".into()),
            connection_status: "D".into(),
            enabled: false,
            is_business_profile: false,
            channel_type: "WW".into(),
            sync_contacts: false,
            created_at: "2022-06-03 17:45:00".into(),
            updated_at: Some("2023-02-11 08:00:13".into()),
            ..Number::default()
        },
    ]
}

/// A seeded number's status history, oldest first: it was linked with a QR code when created,
/// and a disconnected one was disconnected when last updated.
fn history(number: &Number) -> Vec<ChannelEvent> {
    let created = sql_to_iso_z(&number.created_at);
    let mut events = vec![
        ChannelEvent { event: "qr-received".into(), created_at: created.clone() },
        ChannelEvent { event: "ready".into(), created_at: created },
    ];
    if !number.is_connected() {
        let at = number.updated_at.as_deref().map(sql_to_iso_z).unwrap_or_else(|| sql_to_iso_z(&number.created_at));
        events.push(ChannelEvent { event: "disconnected".into(), created_at: at });
    }
    events
}

/// The two messages of messages-list.json, between [`PY_NUMBER`] and [`MX_NUMBER`], oldest first
/// as stored (lists show them newest first, as the fixture does). Both are outgoing: the agent's
/// was read, the API's delivered.
fn fixture_messages(account: &mut Account) -> Vec<Message> {
    let jid = format!("{}@c.us", digits(MX_NUMBER));
    let session_key = format!("WW-{PY_NUMBER_UUID}-{jid}");
    let agent_id = account.next_id();
    let api_id = account.next_id();
    vec![
        Message {
            uuid: AGENT_MESSAGE_UUID.into(),
            timestamp: 1_670_378_997.0,
            created_at: iso_z(1_670_378_997),
            session_key: session_key.clone(),
            message: json!({"text": "you can see my replies here"}),
            remote_phone_number: Some(MX_NUMBER.into()),
            to_group_uuid: None,
            sent_by: "agent".into(),
            channel_number: PY_NUMBER.into(),
            id: agent_id,
            wa_msg_id: wa_msg_id(true, &jid, agent_id),
            wa_msg_ack: 3,
            participant: None,
        },
        Message {
            uuid: API_MESSAGE_UUID.into(),
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
            id: api_id,
            wa_msg_id: wa_msg_id(true, &jid, api_id),
            wa_msg_ack: 2,
            participant: None,
        },
    ]
}

/// The catalog of [`PY_NUMBER`]: two approved products and one collection holding both. It is
/// also what another Business number's catalog (#33, #40 with a `target_number`) shows.
pub fn catalog() -> Catalog {
    let image = |id: &str, n: u8| format!("https://2chat-user-data.s3.amazonaws.com/mock/catalog/{id}-{n}.jpg");
    Catalog {
        products: vec![
            Product {
                id: PRODUCT_ID.into(),
                name: "Chipa x6".into(),
                description: Some("Six cheese breads, baked this morning".into()),
                price: Some("15000".into()),
                currency: "PYG".into(),
                availability: "in stock".into(),
                images: vec![image(PRODUCT_ID, 0), image(PRODUCT_ID, 1)],
                is_hidden: false,
                url: Some("https://shop.example.com/p/chipa-x6".into()),
                retailer_id: Some("CHIPA-6".into()),
                approval_status: "APPROVED".into(),
            },
            Product {
                id: SECOND_PRODUCT_ID.into(),
                name: "Yerba mate 500 g".into(),
                description: Some("Traditional yerba mate with stems".into()),
                price: Some("22000".into()),
                currency: "PYG".into(),
                availability: "in stock".into(),
                images: vec![image(SECOND_PRODUCT_ID, 0)],
                is_hidden: false,
                url: Some("https://shop.example.com/p/yerba-500".into()),
                retailer_id: Some("YERBA-500".into()),
                approval_status: "APPROVED".into(),
            },
        ],
        collections: vec![Collection {
            id: COLLECTION_ID.into(),
            name: "Desayuno".into(),
            is_approved: true,
            approval_status: "APPROVED".into(),
            product_ids: vec![PRODUCT_ID.into(), SECOND_PRODUCT_ID.into()],
        }],
    }
}

/// The WABA number, shaped like #55's `number` (`account_uuid` shows as `ACT…`).
fn waba_number(account_uuid: &str) -> Value {
    let account = account_uuid.strip_prefix("ACC").unwrap_or(account_uuid);
    json!({
        "uuid": WABA_UUID,
        "account_uuid": format!("ACT{account}"),
        "business_id": "104766552512345",
        "friendly_name": "boston support",
        "iso_country_code": "US",
        "verified_name": "2Chat Mock Store",
        "phone_number": WABA_NUMBER,
        "formatted_phone_number": formatted_number(WABA_NUMBER),
        "phone_number_id": "109876543210987",
        "channel_type": "whatsapp",
        "connection_status": "C",
        "enabled": true,
        "pushname": "2Chat Mock Store",
        "business_calling_enabled": false,
        "messaging_provider": "meta",
        "is_coexistence": false,
        "meta_waba_id": "112233445566778",
        "is_only_for_calls": false,
        "has_meta_token": true,
        "created_at": "2024-02-14 16:20:11",
        "updated_at": "2025-11-20 09:12:45",
    })
}

/// The group of group-get.json (its participants, with the `...` placeholders filled in).
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

/// A read-only announcements group the number owns (it is the super admin).
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
