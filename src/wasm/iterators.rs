//! `iterate…(…)` methods: every paged list as an async iterable (`for await … of`), with a
//! `limit` (default 1000 items) so nobody walks a whole history by accident.

use wasm_bindgen::prelude::*;

use super::client::arg;
use super::pager::iterate;
use super::resources::*;
use crate::api;
use crate::paging;

#[wasm_bindgen]
impl Numbers {
    /// #5 connected numbers, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<ConnectedNumber>")]
    pub fn iterate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NumbersListParams & IterateOptions")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let params = super::client::opt_arg("params", &params);
        iterate(&self.0, paging::NUMBERS, params, &opts, Box::new(move |p| api::numbers::list(Some(p))))
    }
}

#[wasm_bindgen]
impl Messages {
    /// #13 / #14 messages, newest first, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Message>")]
    pub fn iterate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "E164")] number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MessagesListParams & IterateOptions")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let first = arg("number", &number);
        let params = first.clone().and_then(|_| super::client::opt_arg("params", &params));
        let a0 = first.ok().flatten().unwrap_or(serde_json::Value::Null);
        iterate(&self.0, paging::MESSAGES, params, &opts, Box::new(move |p| api::messages::list(Some(&a0), Some(p))))
    }
}

#[wasm_bindgen]
impl Conversations {
    /// #17 conversations, page after page, until `total`.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Conversation>")]
    pub fn iterate(
        &self,
        #[wasm_bindgen(js_name = channelUuid, unchecked_param_type = "string")] channel_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConversationsListParams & IterateOptions")] params: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let first = arg("channelUuid", &channel_uuid);
        let params = first.clone().and_then(|_| super::client::opt_arg("params", &params));
        let a0 = first.ok().flatten().unwrap_or(serde_json::Value::Null);
        iterate(
            &self.0,
            paging::CONVERSATIONS,
            params,
            &opts,
            Box::new(move |p| api::conversations::list(Some(&a0), Some(p))),
        )
    }
}

#[wasm_bindgen]
impl Groups {
    /// #31 a group's messages, page after page.
    #[wasm_bindgen(js_name = iterateMessages, unchecked_return_type = "AsyncIterable<GroupMessage>")]
    pub fn iterate_messages(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageParams & IterateOptions")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let first = arg("groupUuid", &group_uuid);
        let params = first.clone().and_then(|_| super::client::opt_arg("params", &params));
        let a0 = first.ok().flatten().unwrap_or(serde_json::Value::Null);
        iterate(
            &self.0,
            paging::GROUP_MESSAGES,
            params,
            &opts,
            Box::new(move |p| api::groups::messages(Some(&a0), Some(p))),
        )
    }
}

#[wasm_bindgen]
impl Contacts {
    /// #45 contacts, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Contact>")]
    pub fn iterate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ContactsListParams & IterateOptions")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let params = super::client::opt_arg("params", &params);
        iterate(&self.0, paging::CONTACTS, params, &opts, Box::new(move |p| api::contacts::list(Some(p))))
    }
}

#[wasm_bindgen]
impl Contacts {
    /// #46 search results, page after page.
    #[wasm_bindgen(js_name = iterateSearch, unchecked_return_type = "AsyncIterable<Contact>")]
    pub fn iterate_search(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ContactsSearchParams & IterateOptions")] params: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let params = super::client::opt_arg("params", &params);
        iterate(&self.0, paging::CONTACTS, params, &opts, Box::new(move |p| api::contacts::search(Some(p))))
    }
}

#[wasm_bindgen]
impl Waba {
    /// #56 templates, page after page, until `next_page` is null.
    #[wasm_bindgen(js_name = iterateTemplates, unchecked_return_type = "AsyncIterable<WabaTemplate>")]
    pub fn iterate_templates(
        &self,
        #[wasm_bindgen(js_name = phoneNumber, unchecked_param_type = "E164")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "TemplatesListParams & IterateOptions")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let first = arg("phoneNumber", &phone_number);
        let params = first.clone().and_then(|_| super::client::opt_arg("params", &params));
        let a0 = first.ok().flatten().unwrap_or(serde_json::Value::Null);
        iterate(
            &self.0,
            paging::TEMPLATES,
            params,
            &opts,
            Box::new(move |p| api::waba::list_templates(Some(&a0), Some(p))),
        )
    }
}

#[wasm_bindgen]
impl Calls {
    /// #60 call records, page after page.
    #[wasm_bindgen(js_name = iterateHistory, unchecked_return_type = "AsyncIterable<CallRecord>")]
    pub fn iterate_history(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallHistoryParams & IterateOptions")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let params = super::client::opt_arg("params", &params);
        iterate(&self.0, paging::CALLS, params, &opts, Box::new(move |p| api::calls::history(Some(p))))
    }
}

#[wasm_bindgen]
impl Calls {
    /// #62 virtual numbers, page after page.
    #[wasm_bindgen(js_name = iterateVirtualNumbers, unchecked_return_type = "AsyncIterable<VirtualNumber>")]
    pub fn iterate_virtual_numbers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PerPageParams & IterateOptions")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let params = super::client::opt_arg("params", &params);
        iterate(
            &self.0,
            paging::VIRTUAL_NUMBERS,
            params,
            &opts,
            Box::new(move |p| api::calls::list_virtual_numbers(Some(p))),
        )
    }
}

#[wasm_bindgen]
impl Calls {
    /// #63 caller IDs, page after page.
    #[wasm_bindgen(js_name = iterateCallerIds, unchecked_return_type = "AsyncIterable<CallerId>")]
    pub fn iterate_caller_ids(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PerPageParams & IterateOptions")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> JsValue {
        let params = super::client::opt_arg("params", &params);
        iterate(&self.0, paging::CALLER_IDS, params, &opts, Box::new(move |p| api::calls::list_caller_ids(Some(p))))
    }
}
