//! Accounts (one per API key), the request log and the fault queue, behind one lock.
//!
//! Nothing awaits while holding the lock: handlers are synchronous functions of the account.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use serde_json::{json, Map, Value};
use tokio::sync::watch;

use crate::delivery::{Delivery, Planned, MAX_DELIVERIES};
use crate::faults::Fault;
use crate::rate_limit::RateWindow;
use crate::request_log::RequestLog;
use crate::util::{iso_z, new_id, now_secs};
use crate::{Config, DEMO_API_KEY};

/// The state shared by every handler.
pub type AppState = Arc<Shared>;

/// How a key came to exist; `POST /__mock/reset` drops the registered ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// From `--api-key` / `--expired-key` (or the demo key).
    Configured,
    /// From `POST /__mock/accounts`.
    Registered,
}

/// A WhatsApp (QR / "WhatsApp Web") number of an account, as get-numbers lists it. The fields
/// skipped in serialization are the channel's own state (#6–#10, #18–#21).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Number {
    pub uuid: String,
    pub friendly_name: String,
    pub phone_number: String,
    pub iso_country_code: String,
    pub pushname: Option<String>,
    pub server: String,
    pub platform: Option<String>,
    /// `C` connected, `D` disconnected, `F` failed.
    pub connection_status: String,
    pub enabled: bool,
    pub is_business_profile: bool,
    pub channel_type: String,
    pub sync_contacts: bool,
    /// `YYYY-MM-DD HH:MM:SS`
    pub created_at: String,
    /// `YYYY-MM-DD HH:MM:SS`; null until the channel is first updated.
    pub updated_at: Option<String>,
    /// The integer id channel create answers with.
    #[serde(skip)]
    pub id: u64,
    /// Status events, oldest first (`ready`, `qr-received`, `disconnected`…).
    #[serde(skip)]
    pub events: Vec<ChannelEvent>,
    /// The QR payload while the last event is `qr-received`.
    #[serde(skip)]
    pub qr_code: Option<String>,
    /// Picture, about text and posted statuses (#18–#21).
    #[serde(skip)]
    pub profile: Profile,
}

impl Number {
    /// Whether the number can send, check numbers and so on.
    pub fn is_connected(&self) -> bool {
        self.connection_status == "C"
    }
}

/// One entry of a channel's status history.
#[derive(Clone, Debug, Serialize)]
pub struct ChannelEvent {
    pub event: String,
    /// ISO 8601 with `Z`.
    pub created_at: String,
}

/// What #18–#21 change on a number.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// Set by set-profile-picture; `None` after removing it.
    pub picture_url: Option<String>,
    /// Set by set-status (the "about" text).
    pub about: Option<String>,
    /// Posted text and image statuses, oldest first.
    pub status_updates: Vec<Value>,
}

/// A message sent or received on one of the account's numbers.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Message {
    pub uuid: String,
    /// Epoch seconds as a float, as get-messages shows it.
    pub timestamp: f64,
    /// ISO 8601 with `Z`.
    pub created_at: String,
    pub session_key: String,
    /// `{text}` and/or `{media{url,type,mime_type}}` and/or `{pin}`.
    pub message: Value,
    /// The other party; null for group messages.
    pub remote_phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_group_uuid: Option<String>,
    /// `api`, `agent` or `user`.
    pub sent_by: String,
    /// The account's number the message belongs to.
    #[serde(skip)]
    pub channel_number: String,
    /// The integer id get-message shows.
    #[serde(skip)]
    pub id: u64,
    /// WhatsApp's own id (`true_5215512345432@c.us_3EB0…`).
    #[serde(skip)]
    pub wa_msg_id: String,
    /// 0 created, 1 sent, 2 received, 3 read.
    #[serde(skip)]
    pub wa_msg_ack: u8,
    /// Who wrote an incoming group message. Such messages are listed by group messages (#31)
    /// only, not by get-messages (#13, #14).
    #[serde(skip)]
    pub participant: Option<GroupParticipant>,
}

impl Message {
    /// Whether this is a message someone else wrote in a group.
    pub fn is_incoming_group_message(&self) -> bool {
        self.participant.is_some()
    }
}

/// The author of a group message.
#[derive(Clone, Debug, Serialize)]
pub struct GroupParticipant {
    pub phone_number: String,
    pub pushname: Option<String>,
}

/// One detail of a contact (`E` email, `A` address, `PH` phone, `WAPH` phone on WhatsApp).
#[derive(Clone, Debug, Serialize)]
pub struct ContactDetail {
    pub id: u64,
    pub value: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds; 0 means never updated.
    pub updated_at: i64,
}

/// A contact of the account.
#[derive(Clone, Debug)]
pub struct Contact {
    pub id: u64,
    pub uuid: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub channel_uuid: Option<String>,
    pub profile_pic_url: Option<String>,
    pub details: Vec<ContactDetail>,
    /// Epoch seconds of the last create or update.
    pub last_updated: i64,
}

impl Contact {
    /// The contact as 2Chat shows it; create answers without the integer `id`, lists with it.
    pub fn to_json(&self, with_id: bool) -> Value {
        let mut map = Map::new();
        if with_id {
            map.insert("id".into(), json!(self.id));
        }
        map.insert("uuid".into(), json!(self.uuid));
        map.insert("first_name".into(), json!(self.first_name));
        map.insert("last_name".into(), json!(self.last_name));
        map.insert("channel_uuid".into(), json!(self.channel_uuid));
        map.insert("profile_pic_url".into(), json!(self.profile_pic_url));
        map.insert("details".into(), json!(self.details));
        Value::Object(map)
    }
}

/// A user of the account (#3), also the agent of calls and the subject of Voice SDK tokens.
#[derive(Clone, Debug, Serialize)]
pub struct User {
    pub uuid: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

impl User {
    /// The user as a call record's `agent`.
    pub fn as_agent(&self) -> serde_json::Value {
        serde_json::json!({
            "uuid": self.uuid,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "full_name": format!("{} {}", self.first_name, self.last_name),
            "profile_pic_url": null,
        })
    }
}

/// A product of a WhatsApp Business catalog.
#[derive(Clone, Debug, Serialize)]
pub struct Product {
    /// Digits, as a string.
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// A decimal amount as a string.
    pub price: Option<String>,
    pub currency: String,
    pub availability: String,
    /// Image URLs; the first is the default image.
    pub images: Vec<String>,
    pub is_hidden: bool,
    pub url: Option<String>,
    pub retailer_id: Option<String>,
    /// PENDING / OUTDATED / REJECTED / APPROVED.
    pub approval_status: String,
}

/// A collection of a WhatsApp Business catalog.
#[derive(Clone, Debug)]
pub struct Collection {
    /// Digits, as a string; replaced on every edit.
    pub id: String,
    pub name: String,
    pub is_approved: bool,
    pub approval_status: String,
    pub product_ids: Vec<String>,
}

/// The catalog of one WhatsApp Business number.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub products: Vec<Product>,
    pub collections: Vec<Collection>,
}

/// A WABA message template.
#[derive(Clone, Debug)]
pub struct Template {
    pub uuid: String,
    /// The WABA number (`WAN…`) it belongs to.
    pub waba_uuid: String,
    pub name: String,
    pub language: String,
    /// APPROVED / PENDING / REJECTED / FAILED.
    pub status: String,
    /// UTILITY / MARKETING / AUTHENTICATION.
    pub category: String,
    pub template_content: String,
    pub description: Option<String>,
    /// `YYYY-MM-DD HH:MM:SS`
    pub updated_at: String,
}

/// A reserved virtual number, waiting to be bought.
#[derive(Clone, Debug)]
pub struct Reservation {
    pub uuid: String,
    pub number: String,
    /// The id of its number group (`/open/numbers/groups`).
    pub group_id: String,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds.
    pub expires_at: i64,
}

/// A webhook subscription.
#[derive(Clone, Debug, Serialize)]
pub struct Webhook {
    pub uuid: String,
    pub event_name: String,
    pub channel_uuid: String,
    pub hook_url: String,
    pub hook_params: Value,
    /// ISO 8601 with `Z`.
    pub created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_group_uuid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_period: Option<String>,
}

/// Counters `/open/info` reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct Usage {
    /// Every authenticated, admitted 2Chat call.
    pub api_request_count: u64,
    /// Check-number calls; 2 each with `extra-information=true`.
    pub number_check_count: u64,
}

/// One API key's world.
#[derive(Debug)]
pub struct Account {
    pub origin: Origin,
    pub uuid: String,
    pub name: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// Whether the trial expired: every 2Chat call answers 402.
    pub expired: bool,
    pub requests_per_minute: u32,
    /// No page of any paged list is longer than this (`POST /__mock/accounts` `max_page_size`).
    pub max_page_size: Option<usize>,
    pub window: RateWindow,
    pub usage: Usage,
    pub numbers: Vec<Number>,
    /// Full group records, shaped like group-get.json.
    pub groups: Vec<Value>,
    /// Oldest first.
    pub messages: Vec<Message>,
    /// Oldest first.
    pub contacts: Vec<Contact>,
    /// Oldest first.
    pub webhooks: Vec<Webhook>,
    pub users: Vec<User>,
    /// WhatsApp Business catalogs by phone number; a number has one iff it is a Business number.
    pub catalogs: BTreeMap<String, Catalog>,
    /// WABA numbers (`WAN…`), shaped like #55's `number`.
    pub waba_numbers: Vec<Value>,
    /// Oldest first.
    pub templates: Vec<Template>,
    /// Call records, oldest first.
    pub cdrs: Vec<Value>,
    /// Virtual numbers (`DID…`), oldest first.
    pub virtual_numbers: Vec<Value>,
    /// Caller ids (`VCI…`), oldest first.
    pub caller_ids: Vec<Value>,
    /// Active reservations, oldest first.
    pub reservations: Vec<Reservation>,
    /// Webhook deliveries a handler planned; the pipeline takes them after a successful answer and
    /// runs them once the response has been sent ([`crate::delivery`]).
    pub outbox: Vec<Planned>,
    /// Delivery attempts, in the order they finished (`GET /__mock/deliveries`).
    pub deliveries: Vec<Delivery>,
    next_contact_id: u64,
    next_detail_id: u64,
    next_seq: u64,
}

impl Account {
    /// A freshly seeded account.
    pub fn new(origin: Origin, expired: bool, requests_per_minute: u32) -> Account {
        let now = now_secs();
        let mut account = Account {
            origin,
            uuid: new_id("ACC"),
            name: "twochat-mock account".into(),
            created_at: now,
            expires_at: now + 30 * 86_400,
            expired,
            requests_per_minute: requests_per_minute.max(1),
            max_page_size: None,
            window: RateWindow::default(),
            usage: Usage::default(),
            numbers: Vec::new(),
            groups: Vec::new(),
            messages: Vec::new(),
            contacts: Vec::new(),
            webhooks: Vec::new(),
            users: Vec::new(),
            catalogs: BTreeMap::new(),
            waba_numbers: Vec::new(),
            templates: Vec::new(),
            cdrs: Vec::new(),
            virtual_numbers: Vec::new(),
            caller_ids: Vec::new(),
            reservations: Vec::new(),
            outbox: Vec::new(),
            deliveries: Vec::new(),
            next_contact_id: 1,
            next_detail_id: 1,
            next_seq: 1,
        };
        crate::seed::seed(&mut account);
        account
    }

    /// `created_at` as `/info` shows it.
    pub fn created_at_iso(&self) -> String {
        iso_z(self.created_at)
    }

    /// `expires_at` as `/info` shows it.
    pub fn expires_at_iso(&self) -> String {
        iso_z(self.expires_at)
    }

    /// The account's number `phone_number`, connected or not.
    pub fn number(&self, phone_number: &str) -> Option<&Number> {
        self.numbers.iter().find(|n| n.phone_number == phone_number)
    }

    /// The group with `uuid`.
    pub fn group(&self, uuid: &str) -> Option<&Value> {
        self.groups.iter().find(|g| g.get("uuid").and_then(Value::as_str) == Some(uuid))
    }

    /// The next integer contact id.
    pub fn next_contact_id(&mut self) -> u64 {
        let id = self.next_contact_id;
        self.next_contact_id += 1;
        id
    }

    /// The number `uuid` (`WPN…`).
    pub fn channel(&self, uuid: &str) -> Option<&Number> {
        self.numbers.iter().find(|n| n.uuid == uuid)
    }

    /// The group with `uuid`, to change it.
    pub fn group_mut(&mut self, uuid: &str) -> Option<&mut Value> {
        self.groups.iter_mut().find(|g| g.get("uuid").and_then(Value::as_str) == Some(uuid))
    }

    /// The next value of the account's sequence, for deterministic ids and generated data.
    pub fn next_seq(&mut self) -> u64 {
        let n = self.next_seq;
        self.next_seq += 1;
        n
    }

    /// The next integer id of a message or channel.
    pub fn next_id(&mut self) -> u64 {
        self.next_seq()
    }

    /// The next integer contact-detail id.
    pub fn next_detail_id(&mut self) -> u64 {
        let id = self.next_detail_id;
        self.next_detail_id += 1;
        id
    }
}

/// Everything behind the lock.
#[derive(Debug, Default)]
pub struct Inner {
    pub accounts: HashMap<String, Account>,
    pub log: RequestLog,
    pub faults: Vec<Fault>,
}

/// The mock's shared state.
#[derive(Debug)]
pub struct Shared {
    inner: Mutex<Inner>,
    config: Config,
    shutdown: watch::Sender<bool>,
    /// Counts recorded deliveries, to wake `GET /__mock/deliveries?min=N` waiters.
    deliveries: watch::Sender<u64>,
}

impl Shared {
    /// State for `config`, with its configured keys seeded.
    pub fn new(config: Config) -> Shared {
        let inner = Inner { log: RequestLog::with_max_bytes(config.log_max_bytes), ..Inner::default() };
        let shared = Shared {
            inner: Mutex::new(inner),
            config,
            shutdown: watch::Sender::new(false),
            deliveries: watch::Sender::new(0),
        };
        shared.seed_configured(&mut shared.lock());
        shared
    }

    /// The lock. A panic elsewhere cannot poison the mock for later requests.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The configuration the mock was started with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// (Re)creates the configured accounts: `--api-key`s (or the demo key) and `--expired-key`s.
    pub fn seed_configured(&self, inner: &mut Inner) {
        let rpm = self.config.requests_per_minute;
        let keys: Vec<&str> = if self.config.api_keys.is_empty() {
            vec![DEMO_API_KEY]
        } else {
            self.config.api_keys.iter().map(String::as_str).collect()
        };
        for key in keys {
            inner.accounts.insert(key.to_owned(), Account::new(Origin::Configured, false, rpm));
        }
        for key in &self.config.expired_keys {
            inner.accounts.insert(key.clone(), Account::new(Origin::Configured, true, rpm));
        }
    }

    /// `POST /__mock/reset`: drops registered accounts, clears logs and faults, reseeds.
    pub fn reset(&self) {
        let mut inner = self.lock();
        inner.accounts.clear();
        inner.log.clear(None);
        inner.faults.clear();
        self.seed_configured(&mut inner);
    }

    /// A receiver that turns `true` when the server starts shutting down.
    pub fn shutdown_receiver(&self) -> watch::Receiver<bool> {
        self.shutdown.subscribe()
    }

    /// Records a finished delivery on the account `api_key`, unless that key now belongs to another
    /// account (registered or reset meanwhile), and wakes the waiters of `GET /__mock/deliveries`.
    pub fn record_delivery(&self, api_key: &str, account_uuid: &str, delivery: Delivery) {
        {
            let mut inner = self.lock();
            if let Some(account) = inner.accounts.get_mut(api_key).filter(|a| a.uuid == account_uuid) {
                if account.deliveries.len() >= MAX_DELIVERIES {
                    account.deliveries.remove(0);
                }
                account.deliveries.push(delivery);
            }
        }
        self.deliveries.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// A receiver that changes whenever a delivery is recorded.
    pub fn deliveries_receiver(&self) -> watch::Receiver<u64> {
        self.deliveries.subscribe()
    }

    /// Tells hanging requests to give up.
    pub fn begin_shutdown(&self) {
        self.shutdown.send_replace(true);
    }
}
