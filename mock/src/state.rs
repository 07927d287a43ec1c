//! Accounts (one per API key), the request log and the fault queue, behind one lock.
//!
//! Nothing awaits while holding the lock: handlers are synchronous functions of the account.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use serde_json::{json, Map, Value};
use tokio::sync::watch;

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

/// A WhatsApp (QR / "WhatsApp Web") number of an account, as get-numbers lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Number {
    pub uuid: String,
    pub friendly_name: String,
    pub phone_number: String,
    pub iso_country_code: String,
    pub pushname: Option<String>,
    pub server: String,
    pub platform: String,
    /// `C` connected, `D` disconnected, `F` failed.
    pub connection_status: String,
    pub enabled: bool,
    pub is_business_profile: bool,
    pub channel_type: String,
    pub sync_contacts: bool,
    /// `YYYY-MM-DD HH:MM:SS`
    pub created_at: String,
    /// `YYYY-MM-DD HH:MM:SS`
    pub updated_at: String,
}

impl Number {
    /// Whether the number can send, check numbers and so on.
    pub fn is_connected(&self) -> bool {
        self.connection_status == "C"
    }
}

/// A message sent or received on one of the account's numbers.
#[derive(Clone, Debug, Serialize)]
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
    next_contact_id: u64,
    next_detail_id: u64,
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
            window: RateWindow::default(),
            usage: Usage::default(),
            numbers: Vec::new(),
            groups: Vec::new(),
            messages: Vec::new(),
            contacts: Vec::new(),
            webhooks: Vec::new(),
            next_contact_id: 1,
            next_detail_id: 1,
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
}

impl Shared {
    /// State for `config`, with its configured keys seeded.
    pub fn new(config: Config) -> Shared {
        let shared = Shared { inner: Mutex::new(Inner::default()), config, shutdown: watch::Sender::new(false) };
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

    /// Tells hanging requests to give up.
    pub fn begin_shutdown(&self) {
        self.shutdown.send_replace(true);
    }
}
