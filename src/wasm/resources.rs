//! Resource classes: `client.messages.send(…)` and friends, one per row of the endpoint table
//! (see `tests/js/endpoints.test.mjs` for the check that none is missing). Each method is one
//! line: the native validator in [`crate::api`] describes the request, [`Handle::call`] runs it.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::client::{args, Handle};
use crate::api;

/// Account, limits and usage.
#[wasm_bindgen]
pub struct Account(pub(crate) Handle);

#[wasm_bindgen]
impl Account {
    /// #1 `GET /ping`: checks the API key (outside `/open`).
    #[wasm_bindgen(unchecked_return_type = "Promise<PingResponse>")]
    pub fn ping(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(api::account::ping(), &opts)
    }

    /// #2 `GET /open/info`: the account, its limits and usage counters. Also the cheapest way to check an API key.
    #[wasm_bindgen(unchecked_return_type = "Promise<AccountInfo>")]
    pub fn info(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(api::account::info(), &opts)
    }
}

/// The account's users.
#[wasm_bindgen]
pub struct Users(pub(crate) Handle);

#[wasm_bindgen]
impl Users {
    /// #3 `GET /open/users`: the account's active users.
    #[wasm_bindgen(unchecked_return_type = "Promise<UsersListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(api::users::list(), &opts)
    }
}

/// The Voice SDK.
#[wasm_bindgen]
pub struct Voice(pub(crate) Handle);

#[wasm_bindgen]
impl Voice {
    /// #4 `POST /sdk/voip/access-token`: a short-lived JWT for the Voice SDK, minted server-side.
    #[wasm_bindgen(js_name = createAccessToken, unchecked_return_type = "Promise<VoiceAccessTokenResponse>")]
    pub fn create_access_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "VoiceAccessTokenParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("params", Some(&params))]).and_then(|[v0]| api::voice::create_access_token(v0.as_ref())),
            &opts,
        )
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
        self.0.call(args([("params", params.as_ref())]).and_then(|[v0]| api::numbers::list(v0.as_ref())), &opts)
    }

    /// #11 `GET /open/whatsapp/check-number/{from}/{to}`: whether a number is on WhatsApp.
    #[wasm_bindgen(unchecked_return_type = "Promise<CheckNumberResponse>")]
    pub fn check(
        &self,
        #[wasm_bindgen(js_name = fromNumber, unchecked_param_type = "E164")] from_number: JsValue,
        #[wasm_bindgen(js_name = numberToCheck, unchecked_param_type = "E164")] number_to_check: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckNumberParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([
                ("fromNumber", Some(&from_number)),
                ("numberToCheck", Some(&number_to_check)),
                ("params", params.as_ref()),
            ])
            .and_then(|[v0, v1, v2]| api::numbers::check(v0.as_ref(), v1.as_ref(), v2.as_ref())),
            &opts,
        )
    }
}

/// WhatsApp channels and their connection.
#[wasm_bindgen]
pub struct Channels(pub(crate) Handle);

#[wasm_bindgen]
impl Channels {
    /// #6 `GET /open/whatsapp/channel/{uuid}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ChannelGetResponse>")]
    pub fn get(
        &self,
        #[wasm_bindgen(js_name = channelUuid, unchecked_param_type = "string")] channel_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0
            .call(args([("channelUuid", Some(&channel_uuid))]).and_then(|[v0]| api::channels::get(v0.as_ref())), &opts)
    }

    /// #7 `POST /open/whatsapp/channel/create`: a new QR channel; connecting starts at once.
    #[wasm_bindgen(unchecked_return_type = "Promise<ChannelCreateResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChannelCreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::channels::create(v0.as_ref())), &opts)
    }

    /// #8 `GET /open/whatsapp/channel/{uuid}/status`: connection state and QR code; poll no faster than every 3 s.
    #[wasm_bindgen(unchecked_return_type = "Promise<ChannelStatusResponse>")]
    pub fn status(
        &self,
        #[wasm_bindgen(js_name = channelUuid, unchecked_param_type = "string")] channel_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("channelUuid", Some(&channel_uuid))]).and_then(|[v0]| api::channels::status(v0.as_ref())),
            &opts,
        )
    }

    /// #9 `POST /open/whatsapp/channel/{uuid}/connect`: starts a QR login.
    #[wasm_bindgen(unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn connect(
        &self,
        #[wasm_bindgen(js_name = channelUuid, unchecked_param_type = "string")] channel_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("channelUuid", Some(&channel_uuid))]).and_then(|[v0]| api::channels::connect(v0.as_ref())),
            &opts,
        )
    }

    /// #9 `POST /open/whatsapp/channel/{uuid}/disconnect`: keeps the channel.
    #[wasm_bindgen(unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn disconnect(
        &self,
        #[wasm_bindgen(js_name = channelUuid, unchecked_param_type = "string")] channel_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("channelUuid", Some(&channel_uuid))]).and_then(|[v0]| api::channels::disconnect(v0.as_ref())),
            &opts,
        )
    }

    /// #10 `DELETE /open/whatsapp/channel/{uuid}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(js_name = channelUuid, unchecked_param_type = "string")] channel_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("channelUuid", Some(&channel_uuid))]).and_then(|[v0]| api::channels::delete(v0.as_ref())),
            &opts,
        )
    }
}

/// Sending and reading WhatsApp messages.
#[wasm_bindgen]
pub struct Messages(pub(crate) Handle);

#[wasm_bindgen]
impl Messages {
    /// #12 `POST /open/whatsapp/send-message`. Never retried once 2Chat may have processed it (2Chat has no idempotency key): a timeout or 5xx rejects, and the caller decides.
    #[wasm_bindgen(unchecked_return_type = "Promise<SendMessageResponse>")]
    pub fn send(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendMessageParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::messages::send(v0.as_ref())), &opts)
    }

    /// #13 / #14 `GET /open/whatsapp/messages/{number}[/{remote_number}]`: newest first, 100 a page.
    #[wasm_bindgen(unchecked_return_type = "Promise<MessagesListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "E164")] number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MessagesListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("number", Some(&number)), ("params", params.as_ref())])
                .and_then(|[v0, v1]| api::messages::list(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #15 `GET /open/whatsapp/message/{session_key}/{uuid}`: one message and its delivery state.
    #[wasm_bindgen(unchecked_return_type = "Promise<MessageGetResponse>")]
    pub fn get(
        &self,
        #[wasm_bindgen(js_name = sessionKey, unchecked_param_type = "string")] session_key: JsValue,
        #[wasm_bindgen(js_name = messageUuid, unchecked_param_type = "string")] message_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("sessionKey", Some(&session_key)), ("messageUuid", Some(&message_uuid))])
                .and_then(|[v0, v1]| api::messages::get(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #16 `DELETE /open/whatsapp/message/{session_key}/{uuid}`: deletes for everyone, within WhatsApp's window.
    #[wasm_bindgen(unchecked_return_type = "Promise<MessageDeleteResponse>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(js_name = sessionKey, unchecked_param_type = "string")] session_key: JsValue,
        #[wasm_bindgen(js_name = messageUuid, unchecked_param_type = "string")] message_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("sessionKey", Some(&session_key)), ("messageUuid", Some(&message_uuid))])
                .and_then(|[v0, v1]| api::messages::delete(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }
}

/// Conversations of a channel.
#[wasm_bindgen]
pub struct Conversations(pub(crate) Handle);

#[wasm_bindgen]
impl Conversations {
    /// #17 `GET /open/whatsapp/conversations/{channel_uuid}`: 10 a page, with `total`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ConversationsListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(js_name = channelUuid, unchecked_param_type = "string")] channel_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConversationsListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("channelUuid", Some(&channel_uuid)), ("params", params.as_ref())])
                .and_then(|[v0, v1]| api::conversations::list(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }
}

/// The connected number's profile.
#[wasm_bindgen]
pub struct Profile(pub(crate) Handle);

#[wasm_bindgen]
impl Profile {
    /// #18 `POST /open/whatsapp/set-profile-picture/{number}`: `url: null` removes the picture.
    #[wasm_bindgen(js_name = setPicture, unchecked_return_type = "Promise<BatchedResponse>")]
    pub fn set_picture(
        &self,
        #[wasm_bindgen(unchecked_param_type = "E164")] number: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SetProfilePictureParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("number", Some(&number)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::profile::set_picture(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #19 `POST /open/whatsapp/set-status/{number}`: the profile's about text.
    #[wasm_bindgen(js_name = setStatus, unchecked_return_type = "Promise<BatchedResponse>")]
    pub fn set_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "E164")] number: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SetProfileStatusParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("number", Some(&number)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::profile::set_status(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }
}

/// WhatsApp status posts.
#[wasm_bindgen]
pub struct Status(pub(crate) Handle);

#[wasm_bindgen]
impl Status {
    /// #20 `POST /open/whatsapp/set-text-status/{number}`.
    #[wasm_bindgen(js_name = postText, unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn post_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "E164")] number: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TextStatusParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("number", Some(&number)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::status::post_text(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #21 `POST /open/whatsapp/set-image-status/{number}`.
    #[wasm_bindgen(js_name = postImage, unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn post_image(
        &self,
        #[wasm_bindgen(unchecked_param_type = "E164")] number: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ImageStatusParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("number", Some(&number)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::status::post_image(v0.as_ref(), v1.as_ref())),
            &opts,
        )
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
        #[wasm_bindgen(unchecked_param_type = "E164")] number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("number", Some(&number))]).and_then(|[v0]| api::groups::list(v0.as_ref())), &opts)
    }

    /// #23 `GET /open/whatsapp/group/{group_uuid}`: a group with its participants.
    #[wasm_bindgen(unchecked_return_type = "Promise<GroupGetResponse>")]
    pub fn get(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("groupUuid", Some(&group_uuid))]).and_then(|[v0]| api::groups::get(v0.as_ref())), &opts)
    }

    /// #24 `POST /open/whatsapp/group/create`: at most 10 participants; the group may take minutes to appear.
    #[wasm_bindgen(unchecked_return_type = "Promise<GroupCreateResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GroupCreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::groups::create(v0.as_ref())), &opts)
    }

    /// #25 `POST /open/whatsapp/group/{uuid}/add-participant`: at most 10 a call.
    #[wasm_bindgen(js_name = addParticipants, unchecked_return_type = "Promise<GroupParticipantsResponse>")]
    pub fn add_participants(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GroupParticipantsParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("groupUuid", Some(&group_uuid)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::groups::add_participants(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #26 `POST /open/whatsapp/group/{uuid}/remove-participant`: at most 10 a call.
    #[wasm_bindgen(js_name = removeParticipants, unchecked_return_type = "Promise<GroupParticipantsResponse>")]
    pub fn remove_participants(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GroupParticipantsParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("groupUuid", Some(&group_uuid)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::groups::remove_participants(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #27 `POST /open/whatsapp/group/{uuid}/promote-participant`: makes them admins.
    #[wasm_bindgen(js_name = promoteParticipants, unchecked_return_type = "Promise<GroupParticipantsResponse>")]
    pub fn promote_participants(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GroupParticipantsParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("groupUuid", Some(&group_uuid)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::groups::promote_participants(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #28 `POST /open/whatsapp/group/{uuid}/demote-participant`.
    #[wasm_bindgen(js_name = demoteParticipants, unchecked_return_type = "Promise<GroupParticipantsResponse>")]
    pub fn demote_participants(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GroupParticipantsParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("groupUuid", Some(&group_uuid)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::groups::demote_participants(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #29 `POST /open/whatsapp/group/{uuid}/set-description`.
    #[wasm_bindgen(js_name = setDescription, unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn set_description(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GroupDescriptionParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("groupUuid", Some(&group_uuid)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::groups::set_description(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #30 `POST /open/whatsapp/group/{uuid}/set-picture`.
    #[wasm_bindgen(js_name = setPicture, unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn set_picture(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GroupPictureParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("groupUuid", Some(&group_uuid)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::groups::set_picture(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #31 `GET /open/whatsapp/groups/messages/{uuid}`: 50 a page, each with its participant.
    #[wasm_bindgen(unchecked_return_type = "Promise<GroupMessagesResponse>")]
    pub fn messages(
        &self,
        #[wasm_bindgen(js_name = groupUuid, unchecked_param_type = "string")] group_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("groupUuid", Some(&group_uuid)), ("params", params.as_ref())])
                .and_then(|[v0, v1]| api::groups::messages(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }
}

/// The WhatsApp Business catalog.
#[wasm_bindgen]
pub struct Catalog(pub(crate) Handle);

#[wasm_bindgen]
impl Catalog {
    /// #32 / #33 `GET /open/whatsapp/catalog/products[/{target}]`: your catalog, or another business's with `target_number`.
    #[wasm_bindgen(js_name = listProducts, unchecked_return_type = "Promise<ProductsListResponse>")]
    pub fn list_products(
        &self,
        #[wasm_bindgen(js_name = fromNumber, unchecked_param_type = "E164")] from_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CatalogListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("fromNumber", Some(&from_number)), ("params", params.as_ref())])
                .and_then(|[v0, v1]| api::catalog::list_products(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #34 `POST /open/whatsapp/catalog/product`: goes through WhatsApp review.
    #[wasm_bindgen(js_name = createProduct, unchecked_return_type = "Promise<ProductResponse>")]
    pub fn create_product(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ProductCreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::catalog::create_product(v0.as_ref())), &opts)
    }

    /// #35 `PUT /open/whatsapp/catalog/product/{id}`.
    #[wasm_bindgen(js_name = updateProduct, unchecked_return_type = "Promise<ProductResponse>")]
    pub fn update_product(
        &self,
        #[wasm_bindgen(js_name = productId, unchecked_param_type = "string")] product_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ProductUpdateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("productId", Some(&product_id)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::catalog::update_product(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #36 `DELETE /open/whatsapp/catalog/product/{id}` (with a JSON body).
    #[wasm_bindgen(js_name = deleteProduct, unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn delete_product(
        &self,
        #[wasm_bindgen(js_name = productId, unchecked_param_type = "string")] product_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "FromNumberParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("productId", Some(&product_id)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::catalog::delete_product(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #37 `POST /open/whatsapp/catalog/product/image/{id}`: one or two images.
    #[wasm_bindgen(js_name = addProductImages, unchecked_return_type = "Promise<ProductResponse>")]
    pub fn add_product_images(
        &self,
        #[wasm_bindgen(js_name = productId, unchecked_param_type = "string")] product_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ProductImagesParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("productId", Some(&product_id)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::catalog::add_product_images(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #38 `DELETE /open/whatsapp/catalog/product/image/{id}/{index}`: not the default image (0).
    #[wasm_bindgen(js_name = deleteProductImage, unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn delete_product_image(
        &self,
        #[wasm_bindgen(js_name = productId, unchecked_param_type = "string")] product_id: JsValue,
        #[wasm_bindgen(js_name = imageIndex, unchecked_param_type = "number")] image_index: JsValue,
        #[wasm_bindgen(unchecked_param_type = "FromNumberParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("productId", Some(&product_id)), ("imageIndex", Some(&image_index)), ("params", Some(&params))])
                .and_then(|[v0, v1, v2]| api::catalog::delete_product_image(v0.as_ref(), v1.as_ref(), v2.as_ref())),
            &opts,
        )
    }

    /// #39 / #40 `GET /open/whatsapp/catalog/collections[/{target}]`.
    #[wasm_bindgen(js_name = listCollections, unchecked_return_type = "Promise<CollectionsListResponse>")]
    pub fn list_collections(
        &self,
        #[wasm_bindgen(js_name = fromNumber, unchecked_param_type = "E164")] from_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CatalogListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("fromNumber", Some(&from_number)), ("params", params.as_ref())])
                .and_then(|[v0, v1]| api::catalog::list_collections(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #41 `POST /open/whatsapp/catalog/collection`: cannot be renamed later.
    #[wasm_bindgen(js_name = createCollection, unchecked_return_type = "Promise<CollectionResponse>")]
    pub fn create_collection(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CollectionCreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("params", Some(&params))]).and_then(|[v0]| api::catalog::create_collection(v0.as_ref())),
            &opts,
        )
    }

    /// #42 `PUT /open/whatsapp/catalog/collection/{id}`: the answer has the collection's NEW id.
    #[wasm_bindgen(js_name = updateCollection, unchecked_return_type = "Promise<CollectionResponse>")]
    pub fn update_collection(
        &self,
        #[wasm_bindgen(js_name = collectionId, unchecked_param_type = "string")] collection_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CollectionUpdateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("collectionId", Some(&collection_id)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::catalog::update_collection(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #43 `DELETE /open/whatsapp/catalog/collection/{id}` (with a JSON body).
    #[wasm_bindgen(js_name = deleteCollection, unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn delete_collection(
        &self,
        #[wasm_bindgen(js_name = collectionId, unchecked_param_type = "string")] collection_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "FromNumberParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("collectionId", Some(&collection_id)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::catalog::delete_collection(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }
}

/// The contact book.
#[wasm_bindgen]
pub struct Contacts(pub(crate) Handle);

#[wasm_bindgen]
impl Contacts {
    /// #44 `POST /open/contacts`: at least one detail.
    #[wasm_bindgen(unchecked_return_type = "Promise<ContactCreateResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ContactCreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::contacts::create(v0.as_ref())), &opts)
    }

    /// #45 `GET /open/contacts`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ContactsListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ContactsListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", params.as_ref())]).and_then(|[v0]| api::contacts::list(v0.as_ref())), &opts)
    }

    /// #46 `GET /open/contacts/search`: by name or detail.
    #[wasm_bindgen(unchecked_return_type = "Promise<ContactsSearchResponse>")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ContactsSearchParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::contacts::search(v0.as_ref())), &opts)
    }

    /// #47 `GET /open/contacts/{uuid}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ContactGetResponse>")]
    pub fn get(
        &self,
        #[wasm_bindgen(js_name = contactUuid, unchecked_param_type = "string")] contact_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0
            .call(args([("contactUuid", Some(&contact_uuid))]).and_then(|[v0]| api::contacts::get(v0.as_ref())), &opts)
    }

    /// #48 `PUT /open/contacts/{uuid}`: only the given fields change.
    #[wasm_bindgen(unchecked_return_type = "Promise<ContactGetResponse>")]
    pub fn update(
        &self,
        #[wasm_bindgen(js_name = contactUuid, unchecked_param_type = "string")] contact_uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ContactUpdateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("contactUuid", Some(&contact_uuid)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::contacts::update(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #49 `DELETE /open/contacts/{uuid}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(js_name = contactUuid, unchecked_param_type = "string")] contact_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("contactUuid", Some(&contact_uuid))]).and_then(|[v0]| api::contacts::delete(v0.as_ref())),
            &opts,
        )
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
        self.0.call(
            args([("eventName", Some(&event_name)), ("params", Some(&params))])
                .and_then(|[v0, v1]| api::webhooks::subscribe(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #51 / #52 `GET /open/webhooks[/channel/{uuid}]`: enabled subscriptions.
    #[wasm_bindgen(unchecked_return_type = "Promise<WebhooksListResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "WebhooksListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", params.as_ref())]).and_then(|[v0]| api::webhooks::list(v0.as_ref())), &opts)
    }

    /// #53 `DELETE /open/webhooks/{uuid}`. Subscriptions cannot be edited: delete and subscribe again.
    #[wasm_bindgen(unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(js_name = webhookUuid, unchecked_param_type = "string")] webhook_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("webhookUuid", Some(&webhook_uuid))]).and_then(|[v0]| api::webhooks::delete(v0.as_ref())),
            &opts,
        )
    }
}

/// WhatsApp Business API (WABA) numbers, templates and messages.
#[wasm_bindgen]
pub struct Waba(pub(crate) Handle);

#[wasm_bindgen]
impl Waba {
    /// #54 `GET /open/waba/numbers`.
    #[wasm_bindgen(js_name = listNumbers, unchecked_return_type = "Promise<WabaNumbersListResponse>")]
    pub fn list_numbers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(api::waba::list_numbers(), &opts)
    }

    /// #55 `GET /open/waba/numbers/{uuid}`.
    #[wasm_bindgen(js_name = getNumber, unchecked_return_type = "Promise<WabaNumberResponse>")]
    pub fn get_number(
        &self,
        #[wasm_bindgen(js_name = wabaUuid, unchecked_param_type = "string")] waba_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("wabaUuid", Some(&waba_uuid))]).and_then(|[v0]| api::waba::get_number(v0.as_ref())), &opts)
    }

    /// #56 `GET /open/waba/templates`: ends when `next_page` is null.
    #[wasm_bindgen(js_name = listTemplates, unchecked_return_type = "Promise<TemplatesListResponse>")]
    pub fn list_templates(
        &self,
        #[wasm_bindgen(js_name = phoneNumber, unchecked_param_type = "E164")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "TemplatesListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("phoneNumber", Some(&phone_number)), ("params", params.as_ref())])
                .and_then(|[v0, v1]| api::waba::list_templates(v0.as_ref(), v1.as_ref())),
            &opts,
        )
    }

    /// #57 `POST /open/waba/templates/sync`: runs in the background.
    #[wasm_bindgen(js_name = syncTemplates, unchecked_return_type = "Promise<TemplatesSyncResponse>")]
    pub fn sync_templates(
        &self,
        #[wasm_bindgen(js_name = phoneNumber, unchecked_param_type = "E164")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("phoneNumber", Some(&phone_number))]).and_then(|[v0]| api::waba::sync_templates(v0.as_ref())),
            &opts,
        )
    }

    /// #58 `DELETE /open/waba/templates/{uuid}`: every language variant, permanently.
    #[wasm_bindgen(js_name = deleteTemplate, unchecked_return_type = "Promise<MessageResponse>")]
    pub fn delete_template(
        &self,
        #[wasm_bindgen(js_name = templateUuid, unchecked_param_type = "string")] template_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("templateUuid", Some(&template_uuid))]).and_then(|[v0]| api::waba::delete_template(v0.as_ref())),
            &opts,
        )
    }

    /// #59 `POST /open/waba/send-message`: a template or a session text, never both. Never retried after it may have been processed.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<SendMessageResponse>")]
    pub fn send_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WabaSendMessageParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::waba::send_message(v0.as_ref())), &opts)
    }
}

/// Phone calls, virtual numbers and caller IDs.
#[wasm_bindgen]
pub struct Calls(pub(crate) Handle);

#[wasm_bindgen]
impl Calls {
    /// #60 `GET /open/voip/call-history`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CallHistoryResponse>")]
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallHistoryParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", params.as_ref())]).and_then(|[v0]| api::calls::history(v0.as_ref())), &opts)
    }

    /// #61 `GET /open/voip/call/{uuid}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CallGetResponse>")]
    pub fn get(
        &self,
        #[wasm_bindgen(js_name = callUuid, unchecked_param_type = "string")] call_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("callUuid", Some(&call_uuid))]).and_then(|[v0]| api::calls::get(v0.as_ref())), &opts)
    }

    /// #62 `GET /open/voip/virtual-numbers`.
    #[wasm_bindgen(js_name = listVirtualNumbers, unchecked_return_type = "Promise<VirtualNumbersListResponse>")]
    pub fn list_virtual_numbers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PerPageParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("params", params.as_ref())]).and_then(|[v0]| api::calls::list_virtual_numbers(v0.as_ref())),
            &opts,
        )
    }

    /// #63 `GET /open/voip/caller-ids`.
    #[wasm_bindgen(js_name = listCallerIds, unchecked_return_type = "Promise<CallerIdsListResponse>")]
    pub fn list_caller_ids(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PerPageParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0
            .call(args([("params", params.as_ref())]).and_then(|[v0]| api::calls::list_caller_ids(v0.as_ref())), &opts)
    }

    /// #64 `DELETE /open/voip/virtual-numbers/{uuid}`: marks it pending cancellation.
    #[wasm_bindgen(js_name = deleteVirtualNumber, unchecked_return_type = "Promise<SuccessResponse>")]
    pub fn delete_virtual_number(
        &self,
        #[wasm_bindgen(js_name = virtualNumberUuid, unchecked_param_type = "string")] virtual_number_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("virtualNumberUuid", Some(&virtual_number_uuid))])
                .and_then(|[v0]| api::calls::delete_virtual_number(v0.as_ref())),
            &opts,
        )
    }
}

/// SMS.
#[wasm_bindgen]
pub struct Sms(pub(crate) Handle);

#[wasm_bindgen]
impl Sms {
    /// #65 `POST /open/sms/send`: answered 202. Never retried after it may have been processed.
    #[wasm_bindgen(unchecked_return_type = "Promise<SmsSendResponse>")]
    pub fn send(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SmsSendParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::sms::send(v0.as_ref())), &opts)
    }
}

/// Searching, reserving and buying virtual numbers.
#[wasm_bindgen]
pub struct PhoneNumbers(pub(crate) Handle);

#[wasm_bindgen]
impl PhoneNumbers {
    /// #66 `GET /open/numbers/regions`.
    #[wasm_bindgen(unchecked_return_type = "Promise<RegionsResponse>")]
    pub fn regions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CountryParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::phone_numbers::regions(v0.as_ref())), &opts)
    }

    /// #67 `GET /open/numbers/cities`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CitiesResponse>")]
    pub fn cities(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CitiesParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::phone_numbers::cities(v0.as_ref())), &opts)
    }

    /// #68 `GET /open/numbers/did-types`.
    #[wasm_bindgen(js_name = didTypes, unchecked_return_type = "Promise<DidTypesResponse>")]
    pub fn did_types(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(api::phone_numbers::did_types(), &opts)
    }

    /// #69 `GET /open/numbers/requirements`.
    #[wasm_bindgen(unchecked_return_type = "Promise<RequirementsResponse>")]
    pub fn requirements(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RequirementsParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("params", Some(&params))]).and_then(|[v0]| api::phone_numbers::requirements(v0.as_ref())),
            &opts,
        )
    }

    /// #70 `GET /open/numbers/groups`.
    #[wasm_bindgen(js_name = searchGroups, unchecked_return_type = "Promise<NumberGroupsResponse>")]
    pub fn search_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NumberGroupsParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("params", Some(&params))]).and_then(|[v0]| api::phone_numbers::search_groups(v0.as_ref())),
            &opts,
        )
    }

    /// #71 `GET /open/numbers/available`.
    #[wasm_bindgen(unchecked_return_type = "Promise<AvailableNumbersResponse>")]
    pub fn available(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AvailableNumbersParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0
            .call(args([("params", Some(&params))]).and_then(|[v0]| api::phone_numbers::available(v0.as_ref())), &opts)
    }

    /// #72 `POST /open/numbers/reservations`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ReservationResponse>")]
    pub fn reserve(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReserveParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(args([("params", Some(&params))]).and_then(|[v0]| api::phone_numbers::reserve(v0.as_ref())), &opts)
    }

    /// #73 `GET /open/numbers/reservations`.
    #[wasm_bindgen(js_name = listReservations, unchecked_return_type = "Promise<ReservationsListResponse>")]
    pub fn list_reservations(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(api::phone_numbers::list_reservations(), &opts)
    }

    /// #74 `DELETE /open/numbers/reservations/{uuid}`.
    #[wasm_bindgen(js_name = cancelReservation, unchecked_return_type = "Promise<MessageResponse>")]
    pub fn cancel_reservation(
        &self,
        #[wasm_bindgen(js_name = reservationUuid, unchecked_param_type = "string")] reservation_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0.call(
            args([("reservationUuid", Some(&reservation_uuid))])
                .and_then(|[v0]| api::phone_numbers::cancel_reservation(v0.as_ref())),
            &opts,
        )
    }

    /// #75 `POST /open/numbers/purchase`: without `number`, every active reservation is bought.
    #[wasm_bindgen(unchecked_return_type = "Promise<PurchaseResponse>")]
    pub fn purchase(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PurchaseParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: Option<JsValue>,
    ) -> Promise {
        self.0
            .call(args([("params", params.as_ref())]).and_then(|[v0]| api::phone_numbers::purchase(v0.as_ref())), &opts)
    }
}
