//! Resource classes: `client.messages.send(…)` and friends. Each method is one line: the native
//! validator describes the request, [`Handle::call`] runs it.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::client::{arg, Handle};
use crate::api;
use crate::error::Result;
use crate::request::RequestSpec;

fn one(
    name: &str,
    v: &JsValue,
    f: impl FnOnce(Option<&serde_json::Value>) -> Result<RequestSpec>,
) -> Result<RequestSpec> {
    let a = arg(name, v)?;
    f(a.as_ref())
}

fn two(
    (n1, v1): (&str, &JsValue),
    (n2, v2): (&str, &JsValue),
    f: impl FnOnce(Option<&serde_json::Value>, Option<&serde_json::Value>) -> Result<RequestSpec>,
) -> Result<RequestSpec> {
    let a = arg(n1, v1)?;
    let b = arg(n2, v2)?;
    f(a.as_ref(), b.as_ref())
}

fn or_undefined(v: &Option<JsValue>) -> JsValue {
    v.clone().unwrap_or(JsValue::UNDEFINED)
}

/// Account, limits and usage.
#[wasm_bindgen]
pub struct Account(pub(crate) Handle);

#[wasm_bindgen]
impl Account {
    /// #2 `GET /open/info`: the account, its limits and usage counters. Also the cheapest way to
    /// check an API key.
    #[wasm_bindgen(unchecked_return_type = "Promise<AccountInfo>")]
    pub fn info(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(api::account::info(), &opts)
    }
}

/// Connected WhatsApp numbers.
#[wasm_bindgen]
pub struct Numbers(pub(crate) Handle);

#[wasm_bindgen]
impl Numbers {
    /// #5 `GET /open/whatsapp/get-numbers`: the numbers connected to the account.
    #[wasm_bindgen(unchecked_return_type = "Promise<NumbersListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NumbersListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(one("params", &or_undefined(&params), api::numbers::list), &opts)
    }

    /// #11 `GET /open/whatsapp/check-number/{from}/{to}`: whether a number is on WhatsApp.
    #[wasm_bindgen(unchecked_return_type = "Promise<CheckNumberResponse>")]
    pub fn check(
        &self,
        #[wasm_bindgen(js_name = fromNumber, unchecked_param_type = "string")] from_number: JsValue,
        #[wasm_bindgen(js_name = numberToCheck, unchecked_param_type = "string")] number_to_check: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckNumberParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        let spec = (|| {
            let from = arg("fromNumber", &from_number)?;
            let to = arg("numberToCheck", &number_to_check)?;
            let p = arg("params", &or_undefined(&params))?;
            api::numbers::check(from.as_ref(), to.as_ref(), p.as_ref())
        })();
        self.0.call(spec, &opts)
    }
}

/// Sending and reading WhatsApp messages.
#[wasm_bindgen]
pub struct Messages(pub(crate) Handle);

#[wasm_bindgen]
impl Messages {
    /// #12 `POST /open/whatsapp/send-message`. Never retried once 2Chat may have processed it
    /// (2Chat has no idempotency key): a timeout or 5xx rejects, and the caller decides.
    #[wasm_bindgen(unchecked_return_type = "Promise<SendMessageResponse>")]
    pub fn send(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendMessageParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(one("params", &params, api::messages::send), &opts)
    }

    /// #13 / #14 `GET /open/whatsapp/messages/{number}[/{remote_number}]`: newest first, 100 a page.
    #[wasm_bindgen(unchecked_return_type = "Promise<MessagesListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MessagesListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(two(("number", &number), ("params", &or_undefined(&params)), api::messages::list), &opts)
    }
}

/// WhatsApp groups.
#[wasm_bindgen]
pub struct Groups(pub(crate) Handle);

#[wasm_bindgen]
impl Groups {
    /// #22 `GET /open/whatsapp/groups/{number}`: the groups a connected number is in.
    #[wasm_bindgen(unchecked_return_type = "Promise<GroupsListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(one("number", &number, api::groups::list), &opts)
    }

    /// #23 `GET /open/whatsapp/group/{group_uuid}`: a group with its participants.
    #[wasm_bindgen(unchecked_return_type = "Promise<GroupGetResponse>")]
    pub fn get(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(one("groupUuid", &group_uuid, api::groups::get), &opts)
    }
}

/// The contact book.
#[wasm_bindgen]
pub struct Contacts(pub(crate) Handle);

#[wasm_bindgen]
impl Contacts {
    /// #44 `POST /open/contacts`: creates a contact with at least one detail.
    #[wasm_bindgen(unchecked_return_type = "Promise<ContactCreateResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ContactCreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(one("params", &params, api::contacts::create), &opts)
    }

    /// #45 `GET /open/contacts`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ContactsListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ContactsListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(one("params", &or_undefined(&params), api::contacts::list), &opts)
    }
}

/// Webhook subscriptions.
#[wasm_bindgen]
pub struct Webhooks(pub(crate) Handle);

#[wasm_bindgen]
impl Webhooks {
    /// #50 `POST /open/webhooks/subscribe/{event}`: 2Chat will POST `event` to `hook_url`.
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhookSubscribeResponse>")]
    pub fn subscribe(
        &self,
        #[wasm_bindgen(js_name = eventName, unchecked_param_type = "WebhookEventName")] event_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WebhookSubscribeParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(two(("eventName", &event_name), ("params", &params), api::webhooks::subscribe), &opts)
    }

    /// #51 / #52 `GET /open/webhooks[/channel/{uuid}]`: enabled subscriptions.
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhooksListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "WebhooksListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(one("params", &or_undefined(&params), api::webhooks::list), &opts)
    }

    /// #53 `DELETE /open/webhooks/{uuid}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(js_name = webhookUuid, unchecked_param_type = "string")] webhook_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(one("webhookUuid", &webhook_uuid, api::webhooks::delete), &opts)
    }
}
