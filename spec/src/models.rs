//! The models 2Chat's endpoints exchange: what responses hold, and the parts params share. Field
//! names are 2Chat's own snake_case; every response model is open (a field this version does not
//! know is kept).

use crate::Text::*;
use crate::Ty::*;
use crate::*;

// ----- building blocks

/// An E.164 number.
pub const E164: Ty = Str(Text::E164);
/// Any string.
pub const STR: Ty = Str(Any);
/// A string or `null`.
pub const STR_NULL: Ty = Nullable(&STR);
/// A timestamp or `null`.
pub const TS_NULL: Ty = Nullable(&Timestamp);
/// An http(s) URL.
pub const URL: Ty = Str(Url);
/// A number or `null`.
pub const NUM_NULL: Ty = Nullable(&Num);
/// A whole number ≥ 0 (page numbers).
pub const PAGE: Ty = Int { min: 0, max: u32::MAX as i64 };

/// The fields of every 2Chat answer.
pub const SUCCESS_RESPONSE: Model =
    model("SuccessResponse", "What every 2Chat answer carries.", Obj(&open(&[req("success", Bool)])));

/// `GET /ping`: 2Chat documents no body.
pub const PING_RESPONSE: Model = model("PingResponse", "The answer of `GET /ping` (2Chat documents no body).", Obj(&open(&[])));
/// A success flag, maybe `batched`.
pub const BATCHED_RESPONSE: Model = model(
    "BatchedResponse",
    "A success flag; `batched` when 2Chat queued the change.",
    Obj(&open(&[opt("batched", Bool)]).base(&SUCCESS_RESPONSE)),
);
/// A success flag, maybe a message.
pub const MESSAGE_RESPONSE: Model =
    model("MessageResponse", "A success flag and, sometimes, a message.", Obj(&open(&[opt("message", STR)]).base(&SUCCESS_RESPONSE)));
/// `C` connected, `D` disconnected, `F` failed.
pub const CONNECTION_STATUS: Model =
    model("ConnectionStatus", "`C` connected, `D` disconnected, `F` failed.", OpenEnum(&["C", "D", "F"]));

// ----- account and users

/// `GET /open/info`.
pub const ACCOUNT_INFO: Model = model(
    "AccountInfo",
    "The account, its limits and its usage counters.",
    Obj(&open(&[
        req(
            "account",
            Obj(&open(&[
                req("name", STR),
                req("uuid", STR),
                req("on_trial", Bool),
                req("blocked", Bool),
                opt("block_reason", STR_NULL),
                req("created_at", Timestamp),
                opt("expires_at", TS_NULL),
            ])),
        ),
        req("limits", Obj(&open(&[req("requests_per_minute", Num)]))),
        opt(
            "usage",
            Obj(&open(&[
                req("api_request_count", Num),
                req("max_api_request_count", Num),
                req("number_check_count", Num),
                req("max_number_check_count", Num),
            ])),
        ),
    ])
    .base(&SUCCESS_RESPONSE)),
);

/// A user of the account.
pub const USER: Model = model(
    "User",
    "A user of the account.",
    Obj(&open(&[req("uuid", STR), req("first_name", STR_NULL), req("last_name", STR_NULL), req("email", STR)])),
);
/// `GET /open/users`.
pub const USERS_LIST_RESPONSE: Model = model(
    "UsersListResponse",
    "The account's active users.",
    Obj(&open(&[req("data", Obj(&open(&[req("users", Array { of: &Ref(&USER), min: 0, max: 0 })])))])
        .base(&SUCCESS_RESPONSE)),
);
/// `POST /sdk/voip/access-token`.
pub const VOICE_ACCESS_TOKEN_RESPONSE: Model = model(
    "VoiceAccessTokenResponse",
    "A Voice SDK token.",
    Obj(&open(&[
        req("token", STR).doc("A JWT for the Voice SDK."),
        req("user_uuid", STR),
        req("label", STR_NULL),
        req("expires_at", Timestamp),
    ])
    .base(&SUCCESS_RESPONSE)),
);

// ----- numbers and channels

/// A connected WhatsApp number.
pub const CONNECTED_NUMBER: Model = model(
    "ConnectedNumber",
    "A WhatsApp number connected to the account.",
    Obj(&open(&[
        req("uuid", STR),
        req("friendly_name", STR),
        req("phone_number", E164),
        req("iso_country_code", STR),
        opt("pushname", STR_NULL),
        opt("server", STR),
        opt("platform", STR_NULL),
        req("connection_status", Ref(&CONNECTION_STATUS)),
        req("enabled", Bool),
        req("is_business_profile", Bool),
        req("channel_type", OpenEnum(&["WW", "IG", "SMS"])),
        opt("sync_contacts", Bool),
        req("created_at", Timestamp),
        opt("updated_at", TS_NULL),
    ])),
);
/// `GET /open/whatsapp/get-numbers`.
pub const NUMBERS_LIST_RESPONSE: Model = model(
    "NumbersListResponse",
    "The connected numbers.",
    Obj(&open(&[req("numbers", Array { of: &Ref(&CONNECTED_NUMBER), min: 0, max: 0 })]).base(&SUCCESS_RESPONSE)),
);
/// `GET /open/whatsapp/check-number/…`.
pub const CHECK_NUMBER_RESPONSE: Model = model(
    "CheckNumberResponse",
    "Whether a number is valid and on WhatsApp.",
    Obj(&open(&[
        req("is_valid", Bool),
        opt("on_whatsapp", Bool),
        opt(
            "number",
            Obj(&open(&[
                req("iso_country_code", STR),
                opt("region", STR),
                opt("carrier", STR),
                opt("timezone", Array { of: &STR, min: 0, max: 0 }),
            ])),
        ),
        opt(
            "whatsapp_info",
            Obj(&open(&[
                opt("is_business", Bool),
                opt("is_enterprise", Bool),
                opt("profile_pic", STR_NULL),
                opt("verified_level", Num),
                opt("verified_name", STR_NULL),
            ])),
        ),
    ])),
);
/// A WhatsApp channel.
pub const CHANNEL: Model = model(
    "Channel",
    "A WhatsApp channel (a connected number) with its settings.",
    Obj(&open(&[req("uuid", STR), opt("timezone", STR_NULL), opt("lang", STR_NULL)]).partial_base(&CONNECTED_NUMBER)),
);
/// `GET /open/whatsapp/channel/{uuid}`.
pub const CHANNEL_GET_RESPONSE: Model = model(
    "ChannelGetResponse",
    "One channel.",
    Obj(&open(&[opt("channel", Ref(&CHANNEL))]).base(&SUCCESS_RESPONSE)),
);
/// `POST /open/whatsapp/channel/create`.
pub const CHANNEL_CREATE_RESPONSE: Model = model(
    "ChannelCreateResponse",
    "The new channel.",
    Obj(&open(&[req("channel", Ref(&CHANNEL))]).base(&SUCCESS_RESPONSE)),
);
/// An event in a channel's connection history.
pub const CHANNEL_EVENT: Model = model(
    "ChannelEvent",
    "An event of a channel's connection (ready, qr-received…).",
    Obj(&open(&[req("event", STR), opt("created_at", Timestamp)])),
);
/// `GET /open/whatsapp/channel/{uuid}/status`.
pub const CHANNEL_STATUS_RESPONSE: Model = model(
    "ChannelStatusResponse",
    "A channel's connection state.",
    Obj(&open(&[
        req("connection_status", Ref(&CONNECTION_STATUS)),
        opt("qr_code", STR_NULL).doc("Present only while the last event is `qr-received`."),
        opt("events", Array { of: &Ref(&CHANNEL_EVENT), min: 0, max: 0 }),
    ])
    .base(&SUCCESS_RESPONSE)),
);

// ----- messages and conversations

/// What a message holds.
pub const MESSAGE_CONTENT: Model = model(
    "MessageContent",
    "A message's text or media.",
    Obj(&open(&[
        opt("text", STR),
        opt("media", Obj(&open(&[req("url", STR), req("type", STR), opt("mime_type", STR)]))),
    ])),
);
/// Who sent a message.
pub const SENT_BY: Ty = OpenEnum(&["api", "agent", "user"]);
/// A message.
pub const MESSAGE: Model = model(
    "Message",
    "A WhatsApp message.",
    Obj(&open(&[
        req("uuid", STR),
        req("session_key", STR),
        req("message", Ref(&MESSAGE_CONTENT)),
        opt("remote_phone_number", E164),
        opt("sent_by", SENT_BY),
        opt("timestamp", Num),
        opt("created_at", Timestamp),
    ])),
);
/// `POST /open/whatsapp/send-message`.
pub const SEND_MESSAGE_RESPONSE: Model = model(
    "SendMessageResponse",
    "The message 2Chat accepted.",
    Obj(&open(&[opt("message_uuid", STR), opt("batched", Bool)]).base(&SUCCESS_RESPONSE)),
);
/// `GET /open/whatsapp/messages/…`.
pub const MESSAGES_LIST_RESPONSE: Model = model(
    "MessagesListResponse",
    "A page of messages, newest first.",
    Obj(&open(&[opt("page_number", Num), req("messages", Array { of: &Ref(&MESSAGE), min: 0, max: 0 })])
        .base(&SUCCESS_RESPONSE)),
);
/// One message with its delivery state.
pub const MESSAGE_DETAILS: Model = model(
    "MessageDetails",
    "A message with its delivery state.",
    Obj(&open(&[
        opt("id", Id),
        opt("is_from_api", Bool),
        opt("is_from_agent", Bool),
        opt("is_from_chatter", Bool),
        opt("is_from_flow_run", Bool),
        opt("wa_msg_id", STR_NULL),
        opt("wa_msg_ack", OpenIntEnum(&[0, 1, 2, 3])).doc("0 created, 1 sent, 2 received, 3 read."),
        opt("sent", Bool),
    ])
    .base(&MESSAGE)),
);
/// `GET /open/whatsapp/message/{key}/{uuid}`.
pub const MESSAGE_GET_RESPONSE: Model = model(
    "MessageGetResponse",
    "One message.",
    Obj(&open(&[req("message", Ref(&MESSAGE_DETAILS))]).base(&SUCCESS_RESPONSE)),
);
/// `DELETE /open/whatsapp/message/{key}/{uuid}`.
pub const MESSAGE_DELETE_RESPONSE: Model = model(
    "MessageDeleteResponse",
    "The deleted message.",
    Obj(&open(&[opt("message_uuid", STR), opt("whatsapp_message_id", STR_NULL)]).base(&SUCCESS_RESPONSE)),
);
/// A conversation.
pub const CONVERSATION: Model = model(
    "Conversation",
    "A conversation (session) of a channel.",
    Obj(&open(&[
        req("session_key", STR),
        opt("friendly_name", STR_NULL),
        opt("region_name", STR_NULL),
        opt("iso_country_code", STR_NULL),
        opt("device", STR_NULL),
        opt("channel_uuid", STR),
        opt("phone_number", STR),
        opt("timezone", STR_NULL),
        opt("profile_pic_url", STR_NULL),
    ])),
);
/// `GET /open/whatsapp/conversations/{uuid}`.
pub const CONVERSATIONS_LIST_RESPONSE: Model = model(
    "ConversationsListResponse",
    "A page of conversations.",
    Obj(&open(&[
        opt("page_number", Num),
        opt("total", Num),
        opt("search_term", STR_NULL),
        req("sessions", Array { of: &Ref(&CONVERSATION), min: 0, max: 0 }),
    ])
    .base(&SUCCESS_RESPONSE)),
);

// ----- groups

/// A contact as groups refer to one.
pub const CONTACT_REF: Model = model(
    "ContactRef",
    "A contact, as other records refer to one.",
    Obj(&open(&[
        opt("uuid", STR),
        opt("first_name", STR_NULL),
        opt("last_name", STR_NULL),
        opt("channel_uuid", STR_NULL),
        opt("profile_pic_url", STR_NULL),
    ])),
);
/// A group.
pub const GROUP: Model = model(
    "Group",
    "A WhatsApp group.",
    Obj(&open(&[
        req("uuid", STR),
        req("wa_group_name", STR),
        opt("size", Num),
        opt("is_muted", Bool),
        opt("is_read_only", Bool).doc("2Chat's docs spell it `is_read_only`, its n8n node `read_only`: both are given."),
        opt("read_only", Bool),
        opt("channel_is_owner", Bool),
        opt("profile_pic_url", STR_NULL),
        opt("owner_contact", Nullable(&Ref(&CONTACT_REF))),
    ])),
);
/// A member of a group.
pub const GROUP_PARTICIPANT: Model = model(
    "GroupParticipant",
    "A member of a group.",
    Obj(&open(&[
        req("wa_participant_id", STR),
        opt("wa_pushname", STR_NULL),
        opt("wa_is_admin", Bool),
        opt("wa_is_super_admin", Bool),
        opt("phone_number", E164),
        opt("formatted_phone_number", STR),
        opt("iso_country_code", STR),
        opt("contact", Ref(&CONTACT_REF)),
    ])),
);
/// A group with its members.
pub const GROUP_DETAILS: Model = model(
    "GroupDetails",
    "A group with its participants.",
    Obj(&open(&[opt("participants", Array { of: &Ref(&GROUP_PARTICIPANT), min: 0, max: 0 })]).base(&GROUP)),
);
/// `GET /open/whatsapp/groups/{number}`.
pub const GROUPS_LIST_RESPONSE: Model = model(
    "GroupsListResponse",
    "The groups of a number.",
    Obj(&open(&[req("data", Array { of: &Ref(&GROUP), min: 0, max: 0 })]).base(&SUCCESS_RESPONSE)),
);
/// `GET /open/whatsapp/group/{uuid}`.
pub const GROUP_GET_RESPONSE: Model = model(
    "GroupGetResponse",
    "One group.",
    Obj(&open(&[req("data", Ref(&GROUP_DETAILS))]).base(&SUCCESS_RESPONSE)),
);
/// What happened to one number of a group change.
pub const PARTICIPANT_RESULT: Model = model(
    "ParticipantResult",
    "What happened to one number of a group change.",
    Obj(&open(&[opt("statusCode", Num), opt("message", STR), opt("isGroupCreator", Bool), opt("isInviteV4Sent", Bool)])),
);
/// `POST /open/whatsapp/group/create`.
pub const GROUP_CREATE_RESPONSE: Model = model(
    "GroupCreateResponse",
    "The new group.",
    Obj(&open(&[req(
        "group",
        Obj(&open(&[
            req("uuid", STR),
            req("name", STR),
            opt("wa_group_id", STR),
            opt("participants", Map(&Ref(&PARTICIPANT_RESULT))),
            opt("accepted_numbers", Array { of: &STR, min: 0, max: 0 }),
            opt("unaccepted_numbers", Array { of: &STR, min: 0, max: 0 }),
        ])),
    )])
    .base(&SUCCESS_RESPONSE)),
);
/// Adding, removing, promoting or demoting participants.
pub const GROUP_PARTICIPANTS_RESPONSE: Model = model(
    "GroupParticipantsResponse",
    "What happened to each participant.",
    Obj(&open(&[opt("participants", Map(&Unknown)), opt("unaccepted_numbers", Array { of: &STR, min: 0, max: 0 })])
        .base(&SUCCESS_RESPONSE)),
);
/// A group message.
pub const GROUP_MESSAGE: Model = model(
    "GroupMessage",
    "A message of a group, with who sent it.",
    Obj(&open(&[opt("participant", Obj(&open(&[opt("phone_number", STR), opt("pushname", STR_NULL)])))]).base(&MESSAGE)),
);
/// `GET /open/whatsapp/groups/messages/{uuid}`.
pub const GROUP_MESSAGES_RESPONSE: Model = model(
    "GroupMessagesResponse",
    "A page of a group's messages.",
    Obj(&open(&[opt("page_number", Num), req("messages", Array { of: &Ref(&GROUP_MESSAGE), min: 0, max: 0 })])
        .base(&SUCCESS_RESPONSE)),
);

// ----- catalog

/// Where WhatsApp's review of a catalog item stands.
pub const APPROVAL_STATUS: Model =
    model("ApprovalStatus", "WhatsApp's review of a catalog item.", OpenEnum(&["PENDING", "OUTDATED", "REJECTED", "APPROVED"]));
/// A catalog product.
pub const PRODUCT: Model = model(
    "Product",
    "A catalog product.",
    Obj(&open(&[
        req("id", STR),
        req("name", STR),
        opt("description", STR_NULL),
        opt("price", Nullable(&OneOf(&[STR, Num]))),
        opt("currency", STR_NULL),
        opt("availability", STR_NULL),
        opt("images", Array { of: &Unknown, min: 0, max: 0 }),
        opt("is_hidden", Bool),
        opt("url", STR_NULL),
        opt("retailer_id", STR_NULL),
        opt("approval_status", Ref(&APPROVAL_STATUS)),
    ])),
);
/// `GET /open/whatsapp/catalog/products`.
pub const PRODUCTS_LIST_RESPONSE: Model = model(
    "ProductsListResponse",
    "The products of a catalog.",
    Obj(&open(&[req("products", Array { of: &Ref(&PRODUCT), min: 0, max: 0 })]).base(&SUCCESS_RESPONSE)),
);
/// A product created or changed.
pub const PRODUCT_RESPONSE: Model =
    model("ProductResponse", "A product.", Obj(&open(&[opt("product", Ref(&PRODUCT))]).base(&SUCCESS_RESPONSE)));
/// A catalog collection.
pub const COLLECTION: Model = model(
    "Collection",
    "A catalog collection.",
    Obj(&open(&[
        req("id", STR),
        req("name", STR),
        opt("is_approved", Bool),
        opt("approval_status", Ref(&APPROVAL_STATUS)),
        opt("products", Array { of: &Ref(&PRODUCT), min: 0, max: 0 }),
    ])),
);
/// `GET /open/whatsapp/catalog/collections`.
pub const COLLECTIONS_LIST_RESPONSE: Model = model(
    "CollectionsListResponse",
    "The collections of a catalog.",
    Obj(&open(&[req("collections", Array { of: &Ref(&COLLECTION), min: 0, max: 0 })]).base(&SUCCESS_RESPONSE)),
);
/// A collection created or changed.
pub const COLLECTION_RESPONSE: Model = model(
    "CollectionResponse",
    "A collection. After an edit, `collection.id` is the collection's NEW id.",
    Obj(&open(&[opt("collection", Ref(&COLLECTION))]).base(&SUCCESS_RESPONSE)),
);

// ----- contacts

/// `E` email, `A` address, `PH` phone, `WAPH` phone on WhatsApp.
pub const CONTACT_DETAIL_TYPE: Model = model(
    "ContactDetailType",
    "`E` email, `A` address, `PH` phone, `WAPH` phone on WhatsApp.",
    Enum(&["E", "A", "PH", "WAPH"]),
);
/// A contact's email, address or phone.
pub const CONTACT_DETAIL: Model = model(
    "ContactDetail",
    "A contact's email, address or phone.",
    Obj(&open(&[
        req("id", Num),
        req("type", Ref(&CONTACT_DETAIL_TYPE)),
        req("value", STR),
        opt("created_at", Timestamp),
        opt("updated_at", Timestamp),
    ])),
);
/// A contact.
pub const CONTACT: Model = model(
    "Contact",
    "A contact of the account.",
    Obj(&open(&[
        req("uuid", STR),
        req("first_name", STR),
        opt("last_name", STR_NULL),
        opt("channel_uuid", STR_NULL),
        opt("profile_pic_url", STR_NULL),
        opt("details", Array { of: &Ref(&CONTACT_DETAIL), min: 0, max: 0 }),
    ])),
);
/// A contact, created or changed.
pub const CONTACT_CREATE_RESPONSE: Model =
    model("ContactCreateResponse", "The contact.", Obj(&open(&[req("contact", Ref(&CONTACT))]).base(&SUCCESS_RESPONSE)));
/// `GET /open/contacts`.
pub const CONTACTS_LIST_RESPONSE: Model = model(
    "ContactsListResponse",
    "A page of contacts.",
    Obj(&open(&[
        req("contacts", Array { of: &Ref(&CONTACT), min: 0, max: 0 }),
        opt("count", Num),
        opt("page_number", Num),
    ])
    .base(&SUCCESS_RESPONSE)),
);
/// `GET /open/contacts/search`.
pub const CONTACTS_SEARCH_RESPONSE: Model = model(
    "ContactsSearchResponse",
    "A page of matching contacts.",
    Obj(&open(&[opt("page", Num), opt("count", Num), req("contacts", Array { of: &Ref(&CONTACT), min: 0, max: 0 })])
        .base(&SUCCESS_RESPONSE)),
);
/// `GET /open/contacts/{uuid}`.
pub const CONTACT_GET_RESPONSE: Model = model(
    "ContactGetResponse",
    "One contact.",
    Obj(&open(&[req("contact", Obj(&open(&[opt("last_updated", Timestamp)]).base(&CONTACT)))]).base(&SUCCESS_RESPONSE)),
);

// ----- webhook subscriptions

/// A webhook subscription.
pub const WEBHOOK_SUBSCRIPTION: Model = model(
    "WebhookSubscription",
    "A webhook subscription.",
    Obj(&open(&[
        req("uuid", STR),
        req("event_name", OpenEnum(crate::events::NAMES)),
        req("channel_uuid", STR),
        req("hook_url", STR),
        opt("hook_params", Nullable(&Map(&Unknown))),
        req("created_at", Timestamp),
    ])),
);
/// `POST /open/webhooks/subscribe/{event}`.
pub const WEBHOOK_SUBSCRIBE_RESPONSE: Model = model(
    "WebhookSubscribeResponse",
    "The new subscription.",
    Obj(&open(&[req("data", Ref(&WEBHOOK_SUBSCRIPTION))]).base(&SUCCESS_RESPONSE)),
);
/// `GET /open/webhooks`.
pub const WEBHOOKS_LIST_RESPONSE: Model = model(
    "WebhooksListResponse",
    "The enabled subscriptions.",
    Obj(&open(&[req("webhooks", Array { of: &Ref(&WEBHOOK_SUBSCRIPTION), min: 0, max: 0 })]).base(&SUCCESS_RESPONSE)),
);

// ----- WABA

/// A WABA number.
pub const WABA_NUMBER: Model = model(
    "WabaNumber",
    "A WhatsApp Business API number.",
    Obj(&open(&[
        opt("uuid", STR),
        opt("friendly_name", STR),
        req("phone_number", STR),
        opt("connection_status", Ref(&CONNECTION_STATUS)),
        opt("iso_country_code", STR),
        opt("verified_name", STR_NULL),
        opt("channel_type", STR),
        opt("created_at", Timestamp),
        opt("updated_at", Timestamp),
    ])),
);
/// `GET /open/waba/numbers`.
pub const WABA_NUMBERS_LIST_RESPONSE: Model = model(
    "WabaNumbersListResponse",
    "The WABA numbers.",
    Obj(&open(&[req("numbers", Array { of: &Ref(&WABA_NUMBER), min: 0, max: 0 })]).base(&SUCCESS_RESPONSE)),
);
/// `GET /open/waba/numbers/{uuid}`.
pub const WABA_NUMBER_RESPONSE: Model =
    model("WabaNumberResponse", "One WABA number.", Obj(&open(&[req("number", Ref(&WABA_NUMBER))]).base(&SUCCESS_RESPONSE)));
/// A template's review state.
pub const TEMPLATE_STATUS: Model =
    model("TemplateStatus", "A template's review state.", OpenEnum(&["APPROVED", "PENDING", "REJECTED", "FAILED"]));
/// A WABA message template.
pub const WABA_TEMPLATE: Model = model(
    "WabaTemplate",
    "A WABA message template.",
    Obj(&open(&[
        req("uuid", STR),
        req("name", STR),
        req("status", Ref(&TEMPLATE_STATUS)),
        opt("category", OpenEnum(&["UTILITY", "MARKETING", "AUTHENTICATION"])),
        opt("template_content", STR),
        opt("description", STR_NULL),
        opt("updated_at", Timestamp),
        opt("waba", Ref(&WABA_NUMBER)),
    ])),
);
/// `GET /open/waba/templates`.
pub const TEMPLATES_LIST_RESPONSE: Model = model(
    "TemplatesListResponse",
    "A page of templates.",
    Obj(&open(&[
        req("templates", Array { of: &Ref(&WABA_TEMPLATE), min: 0, max: 0 }),
        opt("total", Num),
        req("next_page", NUM_NULL).doc("`null` on the last page."),
    ])
    .base(&SUCCESS_RESPONSE)),
);
/// `POST /open/waba/templates/sync`.
pub const TEMPLATES_SYNC_RESPONSE: Model = model(
    "TemplatesSyncResponse",
    "Whether a sync started.",
    Obj(&open(&[req("is_syncing", Bool), opt("start_time_syncing", TS_NULL), opt("message", STR)]).base(&SUCCESS_RESPONSE)),
);

// ----- calls

/// A call detail record.
pub const CALL_RECORD: Model = model(
    "CallRecord",
    "A phone call record.",
    Obj(&open(&[
        req("uuid", STR),
        opt("account_uuid", STR),
        opt("callid", STR),
        req("direction", OpenEnum(&["I", "O"])),
        opt("active", Bool),
        opt("from", STR),
        opt("status", STR),
        opt("to_number", STR_NULL),
        opt("duration", NUM_NULL),
        opt("recording_url", STR_NULL),
        opt("start_time", TS_NULL),
        opt("end_time", TS_NULL),
        opt("created_at", Timestamp),
    ])),
);
/// `GET /open/voip/call-history`.
pub const CALL_HISTORY_RESPONSE: Model = model(
    "CallHistoryResponse",
    "A page of call records.",
    Obj(&open(&[opt("count", Num), opt("page", Num), req("cdrs", Array { of: &Ref(&CALL_RECORD), min: 0, max: 0 })])
        .base(&SUCCESS_RESPONSE)),
);
/// `GET /open/voip/call/{uuid}`.
pub const CALL_GET_RESPONSE: Model = model(
    "CallGetResponse",
    "One call record, with its agent.",
    Obj(&open(&[req(
        "cdr",
        Obj(&open(&[opt(
            "agent",
            Nullable(&Obj(&open(&[
                opt("uuid", STR),
                opt("first_name", STR),
                opt("last_name", STR),
                opt("full_name", STR),
                opt("profile_pic_url", STR_NULL),
            ]))),
        )])
        .base(&CALL_RECORD)),
    )])
    .base(&SUCCESS_RESPONSE)),
);
/// A virtual number.
pub const VIRTUAL_NUMBER: Model = model(
    "VirtualNumber",
    "A virtual phone number of the account.",
    Obj(&open(&[
        req("uuid", STR),
        req("phone_number", STR),
        opt("friendly_name", STR_NULL),
        opt("iso_country_code", STR),
        opt("status_text", STR),
        opt("provider_type", STR),
        opt("created_at", Timestamp),
        opt("expires_at", TS_NULL),
    ])),
);
/// `GET /open/voip/virtual-numbers`.
pub const VIRTUAL_NUMBERS_LIST_RESPONSE: Model = model(
    "VirtualNumbersListResponse",
    "A page of virtual numbers.",
    Obj(&open(&[opt("count", Num), opt("page", Num), req("numbers", Array { of: &Ref(&VIRTUAL_NUMBER), min: 0, max: 0 })])
        .base(&SUCCESS_RESPONSE)),
);
/// A caller ID.
pub const CALLER_ID: Model = model(
    "CallerId",
    "A caller ID of the account.",
    Obj(&open(&[
        req("uuid", STR),
        req("phone_number", STR),
        opt("type", OpenEnum(&["VN", "WW", "WA", "CI"])),
        opt("verified", Bool),
    ])),
);
/// `GET /open/voip/caller-ids`.
pub const CALLER_IDS_LIST_RESPONSE: Model = model(
    "CallerIdsListResponse",
    "A page of caller IDs.",
    Obj(&open(&[opt("count", Num), opt("page", Num), req("caller_ids", Array { of: &Ref(&CALLER_ID), min: 0, max: 0 })])
        .base(&SUCCESS_RESPONSE)),
);

// ----- SMS

/// `POST /open/sms/send`.
pub const SMS_SEND_RESPONSE: Model = model(
    "SmsSendResponse",
    "The SMS 2Chat accepted. 2Chat's docs name the id `message_id`, its tools `message_uuid`: both are given.",
    Obj(&open(&[opt("message_id", STR), opt("message_uuid", STR)]).base(&SUCCESS_RESPONSE)),
);

// ----- buying numbers

/// A success response with these fields (a `data` object, for the numbers API).
const fn data(fields: &'static [Field]) -> Shape {
    open(fields).base(&SUCCESS_RESPONSE)
}

/// `GET /open/numbers/regions`.
pub const REGIONS_RESPONSE: Model = model(
    "RegionsResponse",
    "The regions of a country.",
    Obj(&data(&[req(
        "data",
        Obj(&shape(&[req(
            "regions",
            Array {
                of: &Obj(&open(&[req("id", Id), req("region_name", STR), req("iso_country_code", STR)])),
                min: 0,
                max: 0,
            },
        )])),
    )])),
);
/// `GET /open/numbers/cities`.
pub const CITIES_RESPONSE: Model = model(
    "CitiesResponse",
    "The cities of a country.",
    Obj(&data(&[req(
        "data",
        Obj(&shape(&[req(
            "cities",
            Array { of: &Obj(&open(&[req("id", Id), req("city_name", STR), req("iso_country_code", STR)])), min: 0, max: 0 },
        )])),
    )])),
);
/// `GET /open/numbers/did-types`.
pub const DID_TYPES_RESPONSE: Model = model(
    "DidTypesResponse",
    "The types of virtual numbers.",
    Obj(&data(&[req(
        "data",
        Obj(&shape(&[req("did_types", Array { of: &Obj(&open(&[req("id", Id), req("name", STR)])), min: 0, max: 0 })])),
    )])),
);
/// `GET /open/numbers/requirements`.
pub const REQUIREMENTS_RESPONSE: Model = model(
    "RequirementsResponse",
    "The documents needed to buy numbers in a country.",
    Obj(&data(&[req(
        "data",
        Obj(&shape(&[req(
            "requirements",
            Array { of: &Obj(&open(&[req("description", STR), opt("did_type", STR)])), min: 0, max: 0 },
        )])),
    )])),
);
/// A group of numbers for sale.
pub const NUMBER_GROUP: Model = model(
    "NumberGroup",
    "A group of virtual numbers for sale.",
    Obj(&open(&[
        req("id", Id),
        opt("prefix", STR),
        opt("location", STR),
        opt("price", Obj(&open(&[opt("setup_price", STR), opt("monthly_price", STR), opt("ppm", STR)]))),
        opt("type", STR),
        opt("requirements", Array { of: &Unknown, min: 0, max: 0 }),
        opt("allow_number_selection", Bool),
        opt("is_eligible_for_free_number", Bool),
        opt("features", Array { of: &STR, min: 0, max: 0 }),
    ])),
);
/// `GET /open/numbers/groups`.
pub const NUMBER_GROUPS_RESPONSE: Model = model(
    "NumberGroupsResponse",
    "Groups of numbers for sale.",
    Obj(&data(&[req("data", Obj(&shape(&[req("groups", Array { of: &Ref(&NUMBER_GROUP), min: 0, max: 0 })])))])),
);
/// `GET /open/numbers/available`.
pub const AVAILABLE_NUMBERS_RESPONSE: Model = model(
    "AvailableNumbersResponse",
    "The numbers available in a group.",
    Obj(&data(&[req(
        "data",
        Obj(&shape(&[req("numbers", Array { of: &Obj(&open(&[req("id", Id), req("number", STR)])), min: 0, max: 0 })])),
    )])),
);
/// `POST /open/numbers/reservations`.
pub const RESERVATION_RESPONSE: Model = model(
    "ReservationResponse",
    "The reservation made.",
    Obj(&data(&[req(
        "data",
        Obj(&shape(&[req(
            "reservation_details",
            Obj(&open(&[req("uuid", STR), req("number", STR), opt("created_at", Timestamp), opt("expires_at", Timestamp)])),
        )])),
    )])),
);
/// A number reservation.
pub const RESERVATION: Model =
    model("Reservation", "A number reservation.", Obj(&open(&[req("uuid", STR), req("number", STR)])));
/// `GET /open/numbers/reservations`.
pub const RESERVATIONS_LIST_RESPONSE: Model = model(
    "ReservationsListResponse",
    "The active reservations.",
    Obj(&data(&[req("data", Obj(&shape(&[req("reservations", Array { of: &Ref(&RESERVATION), min: 0, max: 0 })])))])),
);
/// `POST /open/numbers/purchase`.
pub const PURCHASE_RESPONSE: Model = model(
    "PurchaseResponse",
    "What was bought.",
    Obj(&open(&[opt("purchased", Array { of: &STR, min: 0, max: 0 }), opt("failed", Array { of: &Unknown, min: 0, max: 0 })])
        .base(&SUCCESS_RESPONSE)),
);

/// Every named response and shared model, for the generators.
pub const ALL: &[&Model] = &[
    &SUCCESS_RESPONSE,
    &PING_RESPONSE,
    &BATCHED_RESPONSE,
    &MESSAGE_RESPONSE,
    &CONNECTION_STATUS,
    &ACCOUNT_INFO,
    &USER,
    &USERS_LIST_RESPONSE,
    &VOICE_ACCESS_TOKEN_RESPONSE,
    &CONNECTED_NUMBER,
    &NUMBERS_LIST_RESPONSE,
    &CHECK_NUMBER_RESPONSE,
    &CHANNEL,
    &CHANNEL_GET_RESPONSE,
    &CHANNEL_CREATE_RESPONSE,
    &CHANNEL_EVENT,
    &CHANNEL_STATUS_RESPONSE,
    &MESSAGE_CONTENT,
    &MESSAGE,
    &SEND_MESSAGE_RESPONSE,
    &MESSAGES_LIST_RESPONSE,
    &MESSAGE_DETAILS,
    &MESSAGE_GET_RESPONSE,
    &MESSAGE_DELETE_RESPONSE,
    &CONVERSATION,
    &CONVERSATIONS_LIST_RESPONSE,
    &CONTACT_REF,
    &GROUP,
    &GROUP_PARTICIPANT,
    &GROUP_DETAILS,
    &GROUPS_LIST_RESPONSE,
    &GROUP_GET_RESPONSE,
    &PARTICIPANT_RESULT,
    &GROUP_CREATE_RESPONSE,
    &GROUP_PARTICIPANTS_RESPONSE,
    &GROUP_MESSAGE,
    &GROUP_MESSAGES_RESPONSE,
    &APPROVAL_STATUS,
    &PRODUCT,
    &PRODUCTS_LIST_RESPONSE,
    &PRODUCT_RESPONSE,
    &COLLECTION,
    &COLLECTIONS_LIST_RESPONSE,
    &COLLECTION_RESPONSE,
    &CONTACT_DETAIL_TYPE,
    &CONTACT_DETAIL,
    &CONTACT,
    &CONTACT_CREATE_RESPONSE,
    &CONTACTS_LIST_RESPONSE,
    &CONTACTS_SEARCH_RESPONSE,
    &CONTACT_GET_RESPONSE,
    &WEBHOOK_SUBSCRIPTION,
    &WEBHOOK_SUBSCRIBE_RESPONSE,
    &WEBHOOKS_LIST_RESPONSE,
    &WABA_NUMBER,
    &WABA_NUMBERS_LIST_RESPONSE,
    &WABA_NUMBER_RESPONSE,
    &TEMPLATE_STATUS,
    &WABA_TEMPLATE,
    &TEMPLATES_LIST_RESPONSE,
    &TEMPLATES_SYNC_RESPONSE,
    &CALL_RECORD,
    &CALL_HISTORY_RESPONSE,
    &CALL_GET_RESPONSE,
    &VIRTUAL_NUMBER,
    &VIRTUAL_NUMBERS_LIST_RESPONSE,
    &CALLER_ID,
    &CALLER_IDS_LIST_RESPONSE,
    &SMS_SEND_RESPONSE,
    &REGIONS_RESPONSE,
    &CITIES_RESPONSE,
    &DID_TYPES_RESPONSE,
    &REQUIREMENTS_RESPONSE,
    &NUMBER_GROUP,
    &NUMBER_GROUPS_RESPONSE,
    &AVAILABLE_NUMBERS_RESPONSE,
    &RESERVATION_RESPONSE,
    &RESERVATION,
    &RESERVATIONS_LIST_RESPONSE,
    &PURCHASE_RESPONSE,
];
