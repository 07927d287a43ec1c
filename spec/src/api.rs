//! Every endpoint of the contract (`2chat-api.md`, #1–#75), in its order, each with the params it
//! takes. #9 (`channel/{uuid}/{command}`) has two rows, one per command; #13/#14, #32/#33, #39/#40
//! and #51/#52 are one method each, whose second row is chosen by a params field (`when`).

use crate::events::TIME_PERIODS;
use crate::models::*;
use crate::Effect::*;
use crate::Method::*;
use crate::Text::{Color, Country, Decimal, Digits, Event, NonBlank, Token};
use crate::Ty::*;
use crate::*;

// ----- shared field types

/// A whole number with no bound worth naming (positions, fonts).
const WHOLE: Ty = Int { min: 0, max: u32::MAX as i64 };
/// `results_per_page` where 2Chat documents no maximum.
const PER_PAGE: Ty = Int { min: 1, max: u32::MAX as i64 };
/// `results_per_page` of contacts: 1–100.
const CONTACTS_PER_PAGE: Ty = Int { min: 1, max: 100 };
const NON_BLANK: Ty = Str(NonBlank);
const FROM_NUMBER: Field = req("from_number", E164).doc("A connected number of the account.");
const PAGE_NUMBER: Field = opt("page_number", PAGE).doc("0-based.");

const fn list_of(of: &'static Ty) -> Ty {
    Array { of, min: 0, max: 0 }
}

// ----- params

/// `voice.createAccessToken`.
pub const VOICE_ACCESS_TOKEN_PARAMS: Model = model(
    "VoiceAccessTokenParams",
    "A Voice SDK token for a user.",
    Obj(&shape(&[
        req("user_uuid", NON_BLANK).doc("A user (USR…) of the account."),
        opt("label", STR),
        opt("ttl", Int { min: 60, max: 86_400 })
            .doc("Seconds, 60–86400 (default 3600).")
            .src("clamped to 60–86400"),
    ])),
);

/// `numbers.list`.
pub const NUMBERS_LIST_PARAMS: Model = model(
    "NumbersListParams",
    "Filters of `numbers.list`.",
    Obj(&shape(&[
        opt("status", Enum(&["connected", "disconnected", "all"])).src("`connected`\\|`disconnected`\\|`all`"),
        PAGE_NUMBER,
        opt("results_per_page", PER_PAGE).doc("2Chat's default is 50; it documents no maximum.").src("`results_per_page` (default 50)"),
    ])),
);

/// `numbers.check`.
pub const CHECK_NUMBER_PARAMS: Model = model(
    "CheckNumberParams",
    "Options of `numbers.check`.",
    Obj(&shape(&[opt("extra_information", Bool)
        .doc("Adds `whatsapp_info`; billed as two calls.")
        .alias("extra-information", true)
        .src("query `extra-information=true`")])),
);

/// `channels.create`.
pub const CHANNEL_CREATE_PARAMS: Model = model(
    "ChannelCreateParams",
    "A new WhatsApp channel.",
    Obj(&shape(&[req("phone_number", E164), req("friendly_name", NON_BLANK)])),
);

/// A location pin.
pub const PIN: Model = model(
    "Pin",
    "A location pin; 2Chat wants the coordinates as strings.",
    Obj(&shape(&[
        req("latitude", Str(Decimal { max_abs: 90, signed: true }))
            .doc("A decimal number as a string, e.g. \"-25.2637\".")
            .src("`latitude`, `longitude` required **as strings**"),
        req("longitude", Str(Decimal { max_abs: 180, signed: true })).src("`latitude`, `longitude` required **as strings**"),
        opt("name", STR),
        opt("address", STR),
        opt("url", URL),
    ])),
);

/// `messages.send`.
pub const SEND_MESSAGE_PARAMS: Model = model(
    "SendMessageParams",
    "Exactly one recipient, and at least one of `text`, `url`, `pin`.",
    Obj(&shape(&[
        FROM_NUMBER,
        opt("to_number", E164).src("exactly one of `to_number` (E.164) **or** `to_group_uuid`"),
        opt("to_group_uuid", Str(Token)).doc("A group uuid (WAG… or WGP…).").src("exactly one of `to_number` (E.164) **or** `to_group_uuid`"),
        opt("text", Str(Text::Max(65_536))).doc("At most 65536 characters, WhatsApp's limit for one message."),
        opt("url", URL).doc("A public media URL (at most 16 MB)."),
        opt("pin", Ref(&PIN)),
    ])
    .rules(&[
        Rule::ExactlyOne(&["to_number", "to_group_uuid"]),
        Rule::AtLeastOne(&["text", "url", "pin"]),
    ])
    .variants(&[&["to_number"], &["to_group_uuid"]])),
);

/// `messages.list`.
pub const MESSAGES_LIST_PARAMS: Model = model(
    "MessagesListParams",
    "Which messages `messages.list` gives.",
    Obj(&shape(&[
        opt("remote_number", E164).doc("Only the conversation with this number."),
        opt("page_number", PAGE).doc("0 is the newest 100."),
    ])),
);

/// `conversations.list`.
pub const CONVERSATIONS_LIST_PARAMS: Model = model(
    "ConversationsListParams",
    "Which conversations `conversations.list` gives.",
    Obj(&shape(&[
        PAGE_NUMBER,
        opt("phone_number", Str(Digits { min: 3, max: 20, plus: true }))
            .doc("3–20 digits contained in the remote number.")
            .src("search on 3–20 digits"),
    ])),
);

/// `profile.setPicture`.
pub const SET_PROFILE_PICTURE_PARAMS: Model = model(
    "SetProfilePictureParams",
    "The new profile picture.",
    Obj(&shape(&[req("url", Nullable(&URL))
        .null(Null::Keep)
        .doc("A public image URL, or `null` to remove the picture.")
        .src("`null` removes the picture")])),
);

/// `profile.setStatus`.
pub const SET_PROFILE_STATUS_PARAMS: Model =
    model("SetProfileStatusParams", "The profile's about text.", Obj(&shape(&[req("status", STR)])));

/// `status.postText`.
pub const TEXT_STATUS_PARAMS: Model = model(
    "TextStatusParams",
    "A text status (story).",
    Obj(&shape(&[
        req("text", NON_BLANK),
        opt(
            "params",
            Obj(&shape(&[
                opt("backgroundColor", Str(Color)).doc("\"#RRGGBB\"").src("backgroundColor (\"#hex\")"),
                opt("font", WHOLE).src("font (int)"),
            ])),
        ),
    ])),
);

/// `status.postImage`.
pub const IMAGE_STATUS_PARAMS: Model =
    model("ImageStatusParams", "An image status (story).", Obj(&shape(&[req("image_url", URL)])));

const PARTICIPANTS: Field = req("participants", Array { of: &E164, min: 1, max: 10 })
    .doc("1–10 numbers.")
    .src("max 10");

/// `groups.create`.
pub const GROUP_CREATE_PARAMS: Model = model(
    "GroupCreateParams",
    "A new group.",
    Obj(&shape(&[
        FROM_NUMBER,
        req(
            "group",
            Obj(&shape(&[
                req("name", NON_BLANK),
                opt("description", STR),
                req("participants", Array { of: &E164, min: 1, max: 10 })
                    .doc("1–10 numbers.")
                    .src("participants[] (E.164, max 10)"),
            ])),
        ),
    ])),
);

/// `groups.addParticipants` and the other participant changes.
pub const GROUP_PARTICIPANTS_PARAMS: Model =
    model("GroupParticipantsParams", "Numbers to add, remove, promote or demote.", Obj(&shape(&[FROM_NUMBER, PARTICIPANTS])));

/// `groups.setDescription`.
pub const GROUP_DESCRIPTION_PARAMS: Model = model(
    "GroupDescriptionParams",
    "A group's description.",
    Obj(&shape(&[FROM_NUMBER, req("description", STR).doc("An empty string clears it.")])),
);

/// `groups.setPicture`.
pub const GROUP_PICTURE_PARAMS: Model =
    model("GroupPictureParams", "A group's picture.", Obj(&shape(&[FROM_NUMBER, req("url", URL)])));

/// Paging by page number only.
pub const PAGE_PARAMS: Model = model("PageParams", "A page of a list.", Obj(&shape(&[PAGE_NUMBER])));

/// `catalog.listProducts` and `catalog.listCollections`.
pub const CATALOG_LIST_PARAMS: Model = model(
    "CatalogListParams",
    "Whose catalog.",
    Obj(&shape(&[opt("target_number", E164).doc("List another business's catalog.")])),
);

const PRICE: Field = opt("price", Str(Decimal { max_abs: 0, signed: false }))
    .doc("A decimal string, e.g. \"19.90\".")
    .src("price (string)");

/// `catalog.createProduct`.
pub const PRODUCT_CREATE_PARAMS: Model = model(
    "ProductCreateParams",
    "A new catalog product.",
    Obj(&shape(&[
        FROM_NUMBER,
        req(
            "product",
            Obj(&shape(&[
                req("name", NON_BLANK).src("`product{name (req), image_url (req)"),
                req("image_url", URL).src("`product{name (req), image_url (req)"),
                opt("description", STR),
                PRICE,
                opt("currency", STR),
                opt("is_hidden", Bool),
                opt("url", URL),
                opt("retailer_id", STR),
            ])),
        ),
    ])),
);

/// `catalog.updateProduct`.
pub const PRODUCT_UPDATE_PARAMS: Model = model(
    "ProductUpdateParams",
    "Changes to a catalog product.",
    Obj(&shape(&[
        FROM_NUMBER,
        req(
            "product",
            Obj(&shape(&[
                opt("name", NON_BLANK).null(Null::Refuse).src("`name` and `image_url` cannot be set to null"),
                opt("image_url", URL).null(Null::Refuse).src("`name` and `image_url` cannot be set to null"),
                opt("description", STR),
                PRICE,
                opt("currency", STR),
                opt("is_hidden", Bool),
                opt("url", URL),
                opt("retailer_id", STR),
            ])),
        ),
    ])),
);

/// A catalog change that needs only the number.
pub const FROM_NUMBER_PARAMS: Model = model("FromNumberParams", "The connected number.", Obj(&shape(&[FROM_NUMBER])));

/// `catalog.addProductImages`.
pub const PRODUCT_IMAGES_PARAMS: Model = model(
    "ProductImagesParams",
    "More images of a product.",
    Obj(&shape(&[
        FROM_NUMBER,
        req(
            "product",
            Obj(&shape(&[req("image_urls", Array { of: &URL, min: 1, max: 2 })
                .doc("One or two image URLs.")
                .src("image_urls[] (max 2)")])),
        ),
    ])),
);

/// `catalog.createCollection`.
pub const COLLECTION_CREATE_PARAMS: Model = model(
    "CollectionCreateParams",
    "A new collection.",
    Obj(&shape(&[
        FROM_NUMBER,
        req("collection", Obj(&shape(&[req("name", NON_BLANK), req("product_ids", list_of(&Id))]))),
    ])),
);

/// `catalog.updateCollection`.
pub const COLLECTION_UPDATE_PARAMS: Model = model(
    "CollectionUpdateParams",
    "Products to add to or remove from a collection.",
    Obj(&shape(&[
        FROM_NUMBER,
        req(
            "collection",
            Obj(&shape(&[opt("add_product_ids", list_of(&Id)), opt("remove_product_ids", list_of(&Id))])
                .rules(&[Rule::AtLeastOne(&["add_product_ids", "remove_product_ids"])])),
        ),
    ])),
);

/// One email, address or phone of a new contact.
pub const CONTACT_DETAIL_INPUT: Model = model(
    "ContactDetailInput",
    "An email (`E`), address (`A`), phone (`PH`) or phone on WhatsApp (`WAPH`): phones in E.164.",
    Obj(&shape(&[req("type", Ref(&CONTACT_DETAIL_TYPE)), req("value", NON_BLANK)])
        .rules(&[Rule::Named("contact_detail_value")])),
);

/// `contacts.create`.
pub const CONTACT_CREATE_PARAMS: Model = model(
    "ContactCreateParams",
    "A new contact, with at least one detail. `contact_detail` is what 2Chat's examples send; `contact_details` (its field table) is accepted too.",
    Obj(&shape(&[
        req("first_name", NON_BLANK),
        opt("last_name", STR),
        opt("profile_pic_url", URL),
        opt("channel_uuid", STR),
        req("contact_detail", Array { of: &Ref(&CONTACT_DETAIL_INPUT), min: 1, max: 0 })
            .alias("contact_details", false)
            .src("At least one detail is expected"),
    ])),
);

/// `contacts.list`.
pub const CONTACTS_LIST_PARAMS: Model = model(
    "ContactsListParams",
    "Which contacts `contacts.list` gives.",
    Obj(&shape(&[
        PAGE_NUMBER,
        opt("results_per_page", CONTACTS_PER_PAGE).src("`results_per_page` (1–100)"),
        opt("channel_uuid", STR),
    ])),
);

/// `contacts.search`.
pub const CONTACTS_SEARCH_PARAMS: Model = model(
    "ContactsSearchParams",
    "A contact search.",
    Obj(&shape(&[
        req("query", NON_BLANK).doc("The search term (`q` is accepted too).").alias("q", false),
        PAGE_NUMBER,
        opt("results_per_page", CONTACTS_PER_PAGE).src("`results_per_page` (1–100)"),
        opt("channel_uuid", STR),
    ])),
);

/// `contacts.update`.
pub const CONTACT_UPDATE_PARAMS: Model = model(
    "ContactUpdateParams",
    "The fields of a contact to change (at least one).",
    Obj(&shape(&[
        opt("first_name", NON_BLANK).null(Null::Refuse),
        opt("last_name", STR),
        opt("profile_pic_url", URL),
        opt("channel_uuid", STR),
        opt("contact_details", list_of(&Ref(&CONTACT_DETAIL_INPUT))).alias("contact_detail", false),
    ])
    .rules(&[Rule::NonEmpty])),
);

/// `webhooks.subscribe`.
pub const WEBHOOK_SUBSCRIBE_PARAMS: Model = model(
    "WebhookSubscribeParams",
    "Where and for what 2Chat will POST the event.",
    Obj(&shape(&[
        opt("hook_url", URL).doc("Public http(s) URL 2Chat will POST to (or give `router` instead)."),
        opt("router", Obj(&shape(&[req("url", URL), req("token", NON_BLANK)])))
            .doc("A `WebhookRouter` endpoint: the hook URL is built as `${url}/${event}?token=${token}`."),
        opt("on_number", E164).doc("The connected number, for WhatsApp and WABA events."),
        opt("channel_uuid", STR).doc("The virtual number (DID…), for phone-call events."),
        opt("to_group_uuid", STR).doc("Group events only."),
        opt("time_period", Enum(TIME_PERIODS))
            .doc("`whatsapp.conversation.new` only.")
            .src("`all-time` (default), `hour`, `day`, `week`, `month`, `year`"),
    ])
    .rules(&[Rule::Named("webhook_subscription")])),
);

/// `webhooks.list`.
pub const WEBHOOKS_LIST_PARAMS: Model =
    model("WebhooksListParams", "Whose subscriptions.", Obj(&shape(&[opt("channel_uuid", NON_BLANK)])));

/// `waba.listTemplates`.
pub const TEMPLATES_LIST_PARAMS: Model =
    model("TemplatesListParams", "A page of templates.", Obj(&shape(&[opt("page", PAGE).doc("0-based.")])));

/// The values of a template's variables.
pub const TEMPLATE_PARAMS: Model = model(
    "TemplateParams",
    "The values of a template's variables (`{}` when it has none).",
    Obj(&open(&[
        opt("body", list_of(&STR)).doc("Values for {{1}}, {{2}}…"),
        opt("header", OneOf(&[STR, list_of(&STR)]))
            .doc("A TEXT header: an array (newer docs) or a single value (older docs).")
            .src("`params.header` (newer docs: array of strings"),
        opt("header_media_url", URL),
        opt("header_media_filename", STR),
        opt("buttons", list_of(&Unknown)),
    ])),
);

/// `waba.sendMessage`.
pub const WABA_SEND_MESSAGE_PARAMS: Model = model(
    "WabaSendMessageParams",
    "A template (`template_uuid` + `params`, `{}` without variables) or a session `text` — never both.",
    Obj(&shape(&[
        FROM_NUMBER,
        req("to_number", E164),
        opt("template_uuid", NON_BLANK),
        opt("params", Ref(&TEMPLATE_PARAMS)).src("`params` (required even if `{}`)"),
        opt("text", STR).src("Never send template and text together"),
        opt("url", URL),
        opt("payload", Obj(&open(&[opt("interactive", Map(&Unknown))])))
            .src("≤3 reply buttons, ≤10 list rows, section titles required when there is more than one section"),
    ])
    .rules(&[Rule::Named("waba_message")])
    .variants(&[&["template_uuid", "params"], &["text"]])),
);

/// `calls.history`.
pub const CALL_HISTORY_PARAMS: Model = model(
    "CallHistoryParams",
    "Which calls `calls.history` gives.",
    Obj(&shape(&[
        PAGE_NUMBER,
        opt("direction", Enum(&["inbound", "outbound"])).src("`direction` (`inbound`\\|`outbound`; omit for both)"),
    ])),
);

/// Paging by page number and page size.
pub const PER_PAGE_PARAMS: Model = model(
    "PerPageParams",
    "A page of a list.",
    Obj(&shape(&[
        PAGE_NUMBER,
        opt("results_per_page", PER_PAGE).doc("2Chat's default is 200; it documents no maximum.").src("(docs: default 200; [O]: default 50)"),
    ])),
);

/// `sms.send`.
pub const SMS_SEND_PARAMS: Model = model(
    "SmsSendParams",
    "An SMS.",
    Obj(&shape(&[
        req("from_number", E164).doc("An SMS-enabled virtual number.").src("all required, E.164"),
        req("to_number", E164).src("all required, E.164"),
        req("text", NON_BLANK).src("all required, E.164"),
    ])),
);

const COUNTRY: Field = req("country", Str(Country)).doc("ISO 3166 two-letter code, e.g. \"US\".").src("`country` (req ISO-2)");

/// `phoneNumbers.regions`.
pub const COUNTRY_PARAMS: Model = model("CountryParams", "A country.", Obj(&shape(&[COUNTRY])));
/// `phoneNumbers.cities`.
pub const CITIES_PARAMS: Model =
    model("CitiesParams", "A country, and maybe a region.", Obj(&shape(&[COUNTRY, opt("region", Id)])));
/// `phoneNumbers.requirements`.
pub const REQUIREMENTS_PARAMS: Model = model(
    "RequirementsParams",
    "A country, and maybe a type of number.",
    Obj(&shape(&[COUNTRY, opt("did_type", Id).doc("An id from `didTypes()` (string or number).")])),
);
/// `phoneNumbers.searchGroups`.
pub const NUMBER_GROUPS_PARAMS: Model = model(
    "NumberGroupsParams",
    "Where to look for numbers.",
    Obj(&shape(&[
        COUNTRY,
        opt("region_id", Id),
        opt("city_id", Id),
        opt("city_name_or_prefix", STR),
        opt("did_type", STR).doc("A type name from `didTypes()` (\"local\", \"mobile\"…), or \"all\".").src("`did_type` (type name or `all`)"),
    ])),
);
/// `phoneNumbers.available`.
pub const AVAILABLE_NUMBERS_PARAMS: Model = model(
    "AvailableNumbersParams",
    "A group, and maybe digits the number should contain.",
    Obj(&shape(&[
        req("group_id", Id).src("`group_id` (req)"),
        opt("number_contains", Str(Digits { min: 1, max: 15, plus: false })).doc("Vanity digits.").src("`number_contains` (opt vanity digits)"),
    ])),
);
/// `phoneNumbers.reserve`.
pub const RESERVE_PARAMS: Model = model(
    "ReserveParams",
    "A group, and maybe the number to reserve (a random one otherwise).",
    Obj(&shape(&[req("group_id", Id).src("body `group_id` (req)"), opt("number", STR)])),
);
/// `phoneNumbers.purchase`.
pub const PURCHASE_PARAMS: Model = model(
    "PurchaseParams",
    "What to buy: a reserved number, or every active reservation.",
    Obj(&shape(&[opt("group_id", Id), opt("number", STR)])),
);

/// Every params model, for the generators.
pub const PARAMS: &[&Model] = &[
    &VOICE_ACCESS_TOKEN_PARAMS,
    &NUMBERS_LIST_PARAMS,
    &CHECK_NUMBER_PARAMS,
    &CHANNEL_CREATE_PARAMS,
    &PIN,
    &SEND_MESSAGE_PARAMS,
    &MESSAGES_LIST_PARAMS,
    &CONVERSATIONS_LIST_PARAMS,
    &SET_PROFILE_PICTURE_PARAMS,
    &SET_PROFILE_STATUS_PARAMS,
    &TEXT_STATUS_PARAMS,
    &IMAGE_STATUS_PARAMS,
    &GROUP_CREATE_PARAMS,
    &GROUP_PARTICIPANTS_PARAMS,
    &GROUP_DESCRIPTION_PARAMS,
    &GROUP_PICTURE_PARAMS,
    &PAGE_PARAMS,
    &CATALOG_LIST_PARAMS,
    &PRODUCT_CREATE_PARAMS,
    &PRODUCT_UPDATE_PARAMS,
    &FROM_NUMBER_PARAMS,
    &PRODUCT_IMAGES_PARAMS,
    &COLLECTION_CREATE_PARAMS,
    &COLLECTION_UPDATE_PARAMS,
    &CONTACT_DETAIL_INPUT,
    &CONTACT_CREATE_PARAMS,
    &CONTACTS_LIST_PARAMS,
    &CONTACTS_SEARCH_PARAMS,
    &CONTACT_UPDATE_PARAMS,
    &WEBHOOK_SUBSCRIBE_PARAMS,
    &WEBHOOKS_LIST_PARAMS,
    &TEMPLATES_LIST_PARAMS,
    &TEMPLATE_PARAMS,
    &WABA_SEND_MESSAGE_PARAMS,
    &CALL_HISTORY_PARAMS,
    &PER_PAGE_PARAMS,
    &SMS_SEND_PARAMS,
    &COUNTRY_PARAMS,
    &CITIES_PARAMS,
    &REQUIREMENTS_PARAMS,
    &NUMBER_GROUPS_PARAMS,
    &AVAILABLE_NUMBERS_PARAMS,
    &RESERVE_PARAMS,
    &PURCHASE_PARAMS,
];

// ----- paging rules

const fn paging(items: &'static str, page: &'static str, size: PageSize, end: End, item: &'static Model) -> Option<Paging> {
    Some(Paging { items, page, size, end, item })
}

const NUMBERS_PAGING: Option<Paging> =
    paging("numbers", "page_number", PageSize::PerPage { ask: 100, max: None }, End::ShortPage, &CONNECTED_NUMBER);
const MESSAGES_PAGING: Option<Paging> = paging("messages", "page_number", PageSize::Fixed(100), End::ShortPage, &MESSAGE);
const CONTACTS_PAGING: Option<Paging> =
    paging("contacts", "page_number", PageSize::PerPage { ask: 100, max: Some(100) }, End::ShortPage, &crate::models::CONTACT);
const SMALL: &[Alias] = &[];

// ----- the endpoints

/// One row of the table, with everything that is usually empty left empty.
#[allow(clippy::too_many_arguments)]
const fn row(
    id: u8,
    method: Method,
    path: &'static str,
    resource: &'static str,
    name: &'static str,
    args: &'static [Arg],
    params: Option<Params>,
    response: &'static Model,
    tool: &'static str,
    effect: Effect,
    summary: &'static str,
) -> Endpoint {
    Endpoint {
        id,
        method,
        path,
        resource,
        name,
        args,
        params,
        response,
        paging: None,
        success: 200,
        tool,
        effect,
        summary,
        doc: "",
        when: None,
        aliases: SMALL,
        defaults: &[],
    }
}

impl Endpoint {
    const fn status(mut self, success: u16) -> Endpoint {
        self.success = success;
        self
    }
    const fn paged(mut self, paging: Option<Paging>) -> Endpoint {
        self.paging = paging;
        self
    }
    const fn doc(mut self, doc: &'static str) -> Endpoint {
        self.doc = doc;
        self
    }
    const fn when(mut self, field: &'static str) -> Endpoint {
        self.when = Some(field);
        self
    }
    const fn aliases(mut self, aliases: &'static [Alias]) -> Endpoint {
        self.aliases = aliases;
        self
    }
    const fn defaults(mut self, defaults: &'static [(&'static str, &'static str)]) -> Endpoint {
        self.defaults = defaults;
        self
    }
}

const CHANNEL: &[Arg] = &[id_arg("channelUuid", "channel_uuid")];
const NUMBER: &[Arg] = &[number_arg("number", "number")];
const GROUP: &[Arg] = &[id_arg("groupUuid", "group_uuid")];
const PRODUCT: &[Arg] = &[id_arg("productId", "product_id")];
const COLLECTION: &[Arg] = &[id_arg("collectionId", "collection_id")];
const CONTACT: &[Arg] = &[id_arg("contactUuid", "contact_uuid")];
const MESSAGE_KEY: &[Arg] = &[id_arg("sessionKey", "session_key"), id_arg("messageUuid", "message_uuid")];
const CATALOG_OWNER: &[Arg] = &[Arg { js: "fromNumber", wire: "from_number", ty: E164, at: At::Query, doc: "" }];
const WABA_NUMBER_ARG: &[Arg] = &[Arg { js: "phoneNumber", wire: "phone_number", ty: E164, at: At::Query, doc: "" }];

const READ_ONLY_ALIAS: &[Alias] = &[
    Alias { at: "data[]", to: "is_read_only", from: &["read_only"] },
    Alias { at: "data[]", to: "read_only", from: &["is_read_only"] },
];
const READ_ONLY_ALIAS_ONE: &[Alias] = &[
    Alias { at: "data", to: "is_read_only", from: &["read_only"] },
    Alias { at: "data", to: "read_only", from: &["is_read_only"] },
];
const CONTACT_DETAILS: &[Alias] = &[Alias { at: "contact", to: "details", from: &["contact_details", "contact_detail"] }];
const CONTACTS_DETAILS: &[Alias] = &[Alias { at: "contacts[]", to: "details", from: &["contact_details", "contact_detail"] }];
const SMS_ID: &[Alias] = &[
    Alias { at: "", to: "message_id", from: &["message_uuid"] },
    Alias { at: "", to: "message_uuid", from: &["message_id"] },
];

const NOT_RETRIED: &str = "Never retried once 2Chat may have processed it (2Chat has no idempotency key): a timeout or 5xx rejects, and the caller decides.";

/// Every endpoint of the contract, in its order.
pub const ENDPOINTS: &[Endpoint] = &[
    // Account, keys, users
    row(1, Get, "/ping", "account", "ping", &[], None, &PING_RESPONSE, "ping", Read,
        "Checks that the API key works (GET /ping, outside /open)."),
    row(2, Get, "/open/info", "account", "info", &[], None, &ACCOUNT_INFO, "get_account_info", Read,
        "The account, its limits (requests per minute) and its usage counters; also checks the API key."),
    row(3, Get, "/open/users", "users", "list", &[], None, &USERS_LIST_RESPONSE, "list_users", Read,
        "Lists the account's active users."),
    row(4, Post, "/sdk/voip/access-token", "voice", "createAccessToken", &[], body(&VOICE_ACCESS_TOKEN_PARAMS),
        &VOICE_ACCESS_TOKEN_RESPONSE, "create_voice_access_token", Create,
        "Mints a short-lived JWT for the 2Chat Voice SDK for a user (ttl 60-86400 s)."),
    // WhatsApp numbers and channels
    row(5, Get, "/open/whatsapp/get-numbers", "numbers", "list", &[], query_opt(&NUMBERS_LIST_PARAMS),
        &NUMBERS_LIST_RESPONSE, "list_numbers", Read,
        "Lists the WhatsApp numbers connected to the account, with their connection status.")
        .paged(NUMBERS_PAGING),
    row(6, Get, "/open/whatsapp/channel/{channel_uuid}", "channels", "get", CHANNEL, None, &CHANNEL_GET_RESPONSE,
        "get_channel", Read, "Gets one WhatsApp channel (connected number): status, timezone, language, business profile."),
    row(7, Post, "/open/whatsapp/channel/create", "channels", "create", &[], body(&CHANNEL_CREATE_PARAMS),
        &CHANNEL_CREATE_RESPONSE, "create_channel", Create,
        "Creates a WhatsApp channel for a phone number; connecting starts at once (get the QR code from the channel status)."),
    row(8, Get, "/open/whatsapp/channel/{channel_uuid}/status", "channels", "status", CHANNEL, None,
        &CHANNEL_STATUS_RESPONSE, "get_channel_status", Read,
        "Gets a channel's connection status, its QR code while waiting for a scan, and recent events.")
        .doc("Poll no faster than every 3 s."),
    row(9, Post, "/open/whatsapp/channel/{channel_uuid}/connect", "channels", "connect", CHANNEL, None,
        &SUCCESS_RESPONSE, "connect_channel", Update, "Starts connecting a channel (a QR login)."),
    row(9, Post, "/open/whatsapp/channel/{channel_uuid}/disconnect", "channels", "disconnect", CHANNEL, None,
        &SUCCESS_RESPONSE, "disconnect_channel", Remove, "Disconnects a channel, keeping it."),
    row(10, Delete, "/open/whatsapp/channel/{channel_uuid}", "channels", "delete", CHANNEL, None, &SUCCESS_RESPONSE,
        "delete_channel", Remove, "Deletes a channel."),
    row(11, Get, "/open/whatsapp/check-number/{from_number}/{number_to_check}", "numbers", "check",
        &[number_arg("fromNumber", "from_number"), number_arg("numberToCheck", "number_to_check")],
        query_opt(&CHECK_NUMBER_PARAMS), &CHECK_NUMBER_RESPONSE, "check_number", Read,
        "Checks whether a phone number is valid and on WhatsApp, from one of your connected numbers."),
    // Messaging
    row(12, Post, "/open/whatsapp/send-message", "messages", "send", &[], body(&SEND_MESSAGE_PARAMS),
        &SEND_MESSAGE_RESPONSE, "send_message", Send,
        "Sends a WhatsApp message (text, media URL or location pin) from a connected number to a number or a group.")
        .doc(NOT_RETRIED)
        // 2Chat's own n8n node always sends a text, empty with a bare location pin.
        .defaults(&[("text", "\"\"")]),
    row(13, Get, "/open/whatsapp/messages/{number}", "messages", "list", NUMBER, query_opt(&MESSAGES_LIST_PARAMS),
        &MESSAGES_LIST_RESPONSE, "list_messages", Read,
        "Lists the messages of a connected number, newest first, optionally with one remote number (100 a page).")
        .paged(MESSAGES_PAGING),
    row(14, Get, "/open/whatsapp/messages/{number}/{remote_number}", "messages", "list", NUMBER,
        query_opt(&MESSAGES_LIST_PARAMS), &MESSAGES_LIST_RESPONSE, "list_messages", Read,
        "Lists the messages of a connected number, newest first, optionally with one remote number (100 a page).")
        .paged(MESSAGES_PAGING)
        .when("remote_number"),
    row(15, Get, "/open/whatsapp/message/{session_key}/{message_uuid}", "messages", "get", MESSAGE_KEY, None,
        &MESSAGE_GET_RESPONSE, "get_message", Read,
        "Gets one message with its delivery state (wa_msg_ack: 0 created, 1 sent, 2 received, 3 read)."),
    row(16, Delete, "/open/whatsapp/message/{session_key}/{message_uuid}", "messages", "delete", MESSAGE_KEY, None,
        &MESSAGE_DELETE_RESPONSE, "delete_message", Remove, "Deletes a message for everyone, within WhatsApp's time window."),
    row(17, Get, "/open/whatsapp/conversations/{channel_uuid}", "conversations", "list", CHANNEL,
        query_opt(&CONVERSATIONS_LIST_PARAMS), &CONVERSATIONS_LIST_RESPONSE, "list_conversations", Read,
        "Lists the conversations of a channel (10 a page), optionally searching by phone digits.")
        .paged(paging("sessions", "page_number", PageSize::Fixed(10), End::Total, &crate::models::CONVERSATION)),
    // Profile and status
    row(18, Post, "/open/whatsapp/set-profile-picture/{number}", "profile", "setPicture", NUMBER,
        body(&SET_PROFILE_PICTURE_PARAMS), &BATCHED_RESPONSE, "set_profile_picture", Update,
        "Sets the connected number's profile picture from a public image URL (null removes it)."),
    row(19, Post, "/open/whatsapp/set-status/{number}", "profile", "setStatus", NUMBER, body(&SET_PROFILE_STATUS_PARAMS),
        &BATCHED_RESPONSE, "set_profile_status", Update, "Sets the connected number's profile status (about) text."),
    row(20, Post, "/open/whatsapp/set-text-status/{number}", "status", "postText", NUMBER, body(&TEXT_STATUS_PARAMS),
        &SUCCESS_RESPONSE, "post_text_status", Send,
        "Posts a text WhatsApp status (story), with an optional background colour and font."),
    row(21, Post, "/open/whatsapp/set-image-status/{number}", "status", "postImage", NUMBER, body(&IMAGE_STATUS_PARAMS),
        &SUCCESS_RESPONSE, "post_image_status", Send, "Posts an image WhatsApp status (story) from a public image URL."),
    // Groups
    row(22, Get, "/open/whatsapp/groups/{number}", "groups", "list", NUMBER, None, &GROUPS_LIST_RESPONSE, "list_groups",
        Read, "Lists the WhatsApp groups a connected number belongs to.")
        .aliases(READ_ONLY_ALIAS),
    row(23, Get, "/open/whatsapp/group/{group_uuid}", "groups", "get", GROUP, None, &GROUP_GET_RESPONSE, "get_group",
        Read, "Gets a WhatsApp group with its participants.")
        .aliases(READ_ONLY_ALIAS_ONE),
    row(24, Post, "/open/whatsapp/group/create", "groups", "create", &[], body(&GROUP_CREATE_PARAMS),
        &GROUP_CREATE_RESPONSE, "create_group", Send, "Creates a WhatsApp group with up to 10 participants.")
        .doc("The group may take minutes to appear in lists."),
    row(25, Post, "/open/whatsapp/group/{group_uuid}/add-participant", "groups", "addParticipants", GROUP,
        body(&GROUP_PARTICIPANTS_PARAMS), &GROUP_PARTICIPANTS_RESPONSE, "add_group_participants", Send,
        "Adds up to 10 participants to a group."),
    row(26, Post, "/open/whatsapp/group/{group_uuid}/remove-participant", "groups", "removeParticipants", GROUP,
        body(&GROUP_PARTICIPANTS_PARAMS), &GROUP_PARTICIPANTS_RESPONSE, "remove_group_participants", Remove,
        "Removes up to 10 participants from a group."),
    row(27, Post, "/open/whatsapp/group/{group_uuid}/promote-participant", "groups", "promoteParticipants", GROUP,
        body(&GROUP_PARTICIPANTS_PARAMS), &GROUP_PARTICIPANTS_RESPONSE, "promote_group_participants", Update,
        "Makes up to 10 participants group admins."),
    row(28, Post, "/open/whatsapp/group/{group_uuid}/demote-participant", "groups", "demoteParticipants", GROUP,
        body(&GROUP_PARTICIPANTS_PARAMS), &GROUP_PARTICIPANTS_RESPONSE, "demote_group_participants", Update,
        "Removes admin rights from up to 10 participants."),
    row(29, Post, "/open/whatsapp/group/{group_uuid}/set-description", "groups", "setDescription", GROUP,
        body(&GROUP_DESCRIPTION_PARAMS), &SUCCESS_RESPONSE, "set_group_description", Update, "Sets a group's description."),
    row(30, Post, "/open/whatsapp/group/{group_uuid}/set-picture", "groups", "setPicture", GROUP,
        body(&GROUP_PICTURE_PARAMS), &SUCCESS_RESPONSE, "set_group_picture", Update,
        "Sets a group's picture from a public image URL."),
    row(31, Get, "/open/whatsapp/groups/messages/{group_uuid}", "groups", "messages", GROUP, query_opt(&PAGE_PARAMS),
        &GROUP_MESSAGES_RESPONSE, "list_group_messages", Read, "Lists a group's messages with each sender (50 a page).")
        .paged(paging("messages", "page_number", PageSize::Fixed(50), End::ShortPage, &GROUP_MESSAGE)),
    // Catalog (WhatsApp Business app)
    row(32, Get, "/open/whatsapp/catalog/products", "catalog", "listProducts", CATALOG_OWNER,
        query_opt(&CATALOG_LIST_PARAMS), &PRODUCTS_LIST_RESPONSE, "list_products", Read,
        "Lists the catalog products of a WhatsApp Business number (or of another business with target_number)."),
    row(33, Get, "/open/whatsapp/catalog/products/{target_number}", "catalog", "listProducts", CATALOG_OWNER,
        query_opt(&CATALOG_LIST_PARAMS), &PRODUCTS_LIST_RESPONSE, "list_products", Read,
        "Lists the catalog products of a WhatsApp Business number (or of another business with target_number).")
        .when("target_number"),
    row(34, Post, "/open/whatsapp/catalog/product", "catalog", "createProduct", &[], body(&PRODUCT_CREATE_PARAMS),
        &PRODUCT_RESPONSE, "create_product", Create,
        "Adds a product to the WhatsApp Business catalog (goes through WhatsApp review)."),
    row(35, Put, "/open/whatsapp/catalog/product/{product_id}", "catalog", "updateProduct", PRODUCT,
        body(&PRODUCT_UPDATE_PARAMS), &PRODUCT_RESPONSE, "update_product", Update, "Updates a catalog product."),
    row(36, Delete, "/open/whatsapp/catalog/product/{product_id}", "catalog", "deleteProduct", PRODUCT,
        body(&FROM_NUMBER_PARAMS), &SUCCESS_RESPONSE, "delete_product", Remove, "Deletes a catalog product."),
    row(37, Post, "/open/whatsapp/catalog/product/image/{product_id}", "catalog", "addProductImages", PRODUCT,
        body(&PRODUCT_IMAGES_PARAMS), &PRODUCT_RESPONSE, "add_product_images", Create,
        "Adds one or two images to a catalog product."),
    row(38, Delete, "/open/whatsapp/catalog/product/image/{product_id}/{image_index}", "catalog", "deleteProductImage",
        &[id_arg("productId", "product_id"),
          Arg { js: "imageIndex", wire: "image_index", ty: Int { min: 1, max: u32::MAX as i64 }, at: At::Path,
                doc: "0-based index of the image; 0 (the default image) cannot be deleted." }],
        body(&FROM_NUMBER_PARAMS), &SUCCESS_RESPONSE, "delete_product_image", Remove,
        "Deletes an image of a catalog product (not the default image, index 0)."),
    row(39, Get, "/open/whatsapp/catalog/collections", "catalog", "listCollections", CATALOG_OWNER,
        query_opt(&CATALOG_LIST_PARAMS), &COLLECTIONS_LIST_RESPONSE, "list_collections", Read,
        "Lists the catalog collections of a WhatsApp Business number (or of another business)."),
    row(40, Get, "/open/whatsapp/catalog/collections/{target_number}", "catalog", "listCollections", CATALOG_OWNER,
        query_opt(&CATALOG_LIST_PARAMS), &COLLECTIONS_LIST_RESPONSE, "list_collections", Read,
        "Lists the catalog collections of a WhatsApp Business number (or of another business).")
        .when("target_number"),
    row(41, Post, "/open/whatsapp/catalog/collection", "catalog", "createCollection", &[], body(&COLLECTION_CREATE_PARAMS),
        &COLLECTION_RESPONSE, "create_collection", Create, "Creates a catalog collection of products.")
        .doc("A collection cannot be renamed later."),
    row(42, Put, "/open/whatsapp/catalog/collection/{collection_id}", "catalog", "updateCollection", COLLECTION,
        body(&COLLECTION_UPDATE_PARAMS), &COLLECTION_RESPONSE, "update_collection", Update,
        "Adds or removes products of a collection; the collection gets a new id, returned."),
    row(43, Delete, "/open/whatsapp/catalog/collection/{collection_id}", "catalog", "deleteCollection", COLLECTION,
        body(&FROM_NUMBER_PARAMS), &SUCCESS_RESPONSE, "delete_collection", Remove, "Deletes a catalog collection."),
    // Contacts
    row(44, Post, "/open/contacts", "contacts", "create", &[], body(&CONTACT_CREATE_PARAMS), &CONTACT_CREATE_RESPONSE,
        "create_contact", Create,
        "Creates a contact with a first name and at least one detail (email, address, phone, WhatsApp phone).")
        .status(201)
        .aliases(CONTACT_DETAILS),
    row(45, Get, "/open/contacts", "contacts", "list", &[], query_opt(&CONTACTS_LIST_PARAMS), &CONTACTS_LIST_RESPONSE,
        "list_contacts", Read, "Lists the account's contacts.")
        .paged(CONTACTS_PAGING)
        .aliases(CONTACTS_DETAILS),
    row(46, Get, "/open/contacts/search", "contacts", "search", &[], query(&CONTACTS_SEARCH_PARAMS),
        &CONTACTS_SEARCH_RESPONSE, "search_contacts", Read, "Searches contacts by name or detail.")
        .paged(CONTACTS_PAGING)
        .aliases(CONTACTS_DETAILS),
    row(47, Get, "/open/contacts/{contact_uuid}", "contacts", "get", CONTACT, None, &CONTACT_GET_RESPONSE, "get_contact",
        Read, "Gets one contact.")
        .aliases(CONTACT_DETAILS),
    row(48, Put, "/open/contacts/{contact_uuid}", "contacts", "update", CONTACT, body(&CONTACT_UPDATE_PARAMS),
        &CONTACT_CREATE_RESPONSE, "update_contact", Update, "Updates the given fields of a contact.")
        .doc("Details replace the old ones and are sent as `contact_details`, the spelling of 2Chat's update docs.")
        .aliases(CONTACT_DETAILS),
    row(49, Delete, "/open/contacts/{contact_uuid}", "contacts", "delete", CONTACT, None, &SUCCESS_RESPONSE,
        "delete_contact", Remove, "Deletes a contact."),
    // Webhook subscriptions
    row(50, Post, "/open/webhooks/subscribe/{event_name}", "webhooks", "subscribe",
        &[Arg { js: "eventName", wire: "event_name", ty: Str(Event), at: At::Path, doc: "" }],
        body(&WEBHOOK_SUBSCRIBE_PARAMS), &WEBHOOK_SUBSCRIBE_RESPONSE, "subscribe_webhook", Create,
        "Subscribes a URL to a webhook event of a number (or of a virtual number for call events)."),
    row(51, Get, "/open/webhooks", "webhooks", "list", &[], query_opt(&WEBHOOKS_LIST_PARAMS), &WEBHOOKS_LIST_RESPONSE,
        "list_webhooks", Read, "Lists the enabled webhook subscriptions, optionally of one channel."),
    row(52, Get, "/open/webhooks/channel/{channel_uuid}", "webhooks", "list", &[], query_opt(&WEBHOOKS_LIST_PARAMS),
        &WEBHOOKS_LIST_RESPONSE, "list_webhooks", Read, "Lists the enabled webhook subscriptions, optionally of one channel.")
        .when("channel_uuid"),
    row(53, Delete, "/open/webhooks/{webhook_uuid}", "webhooks", "delete", &[id_arg("webhookUuid", "webhook_uuid")],
        None, &SUCCESS_RESPONSE, "delete_webhook", Remove, "Deletes a webhook subscription.")
        .doc("Subscriptions cannot be edited: delete and subscribe again."),
    // WABA
    row(54, Get, "/open/waba/numbers", "waba", "listNumbers", &[], None, &WABA_NUMBERS_LIST_RESPONSE,
        "list_waba_numbers", Read, "Lists the account's WhatsApp Business API (WABA) numbers."),
    row(55, Get, "/open/waba/numbers/{waba_uuid}", "waba", "getNumber", &[id_arg("wabaUuid", "waba_uuid")], None,
        &WABA_NUMBER_RESPONSE, "get_waba_number", Read, "Gets one WABA number."),
    row(56, Get, "/open/waba/templates", "waba", "listTemplates", WABA_NUMBER_ARG, query_opt(&TEMPLATES_LIST_PARAMS),
        &TEMPLATES_LIST_RESPONSE, "list_waba_templates", Read,
        "Lists the message templates of a WABA number (ends when next_page is null).")
        .paged(paging("templates", "page", PageSize::FirstPage, End::NextPage, &WABA_TEMPLATE)),
    row(57, Post, "/open/waba/templates/sync", "waba", "syncTemplates", WABA_NUMBER_ARG, None, &TEMPLATES_SYNC_RESPONSE,
        "sync_waba_templates", Update, "Starts syncing a WABA number's templates from the provider."),
    row(58, Delete, "/open/waba/templates/{template_uuid}", "waba", "deleteTemplate",
        &[id_arg("templateUuid", "template_uuid")], None, &MESSAGE_RESPONSE, "delete_waba_template", Remove,
        "Deletes a WABA template (every language variant, permanently)."),
    row(59, Post, "/open/waba/send-message", "waba", "sendMessage", &[], body(&WABA_SEND_MESSAGE_PARAMS),
        &SEND_MESSAGE_RESPONSE, "send_waba_message", Send,
        "Sends a WABA message: a template (template_uuid + params) or, within 24 h, a session text; never both.")
        .doc(NOT_RETRIED),
    // Phone calls
    row(60, Get, "/open/voip/call-history", "calls", "history", &[], query_opt(&CALL_HISTORY_PARAMS),
        &CALL_HISTORY_RESPONSE, "list_call_history", Read, "Lists phone call records, optionally only inbound or outbound.")
        .paged(paging("cdrs", "page_number", PageSize::FirstPage, End::ShortPage, &CALL_RECORD)),
    row(61, Get, "/open/voip/call/{call_uuid}", "calls", "get", &[id_arg("callUuid", "call_uuid")], None,
        &CALL_GET_RESPONSE, "get_call", Read, "Gets one phone call record with its agent."),
    row(62, Get, "/open/voip/virtual-numbers", "calls", "listVirtualNumbers", &[], query_opt(&PER_PAGE_PARAMS),
        &VIRTUAL_NUMBERS_LIST_RESPONSE, "list_virtual_numbers", Read, "Lists the account's virtual phone numbers.")
        .paged(paging("numbers", "page_number", PageSize::PerPage { ask: 200, max: None }, End::ShortPage, &VIRTUAL_NUMBER)),
    row(63, Get, "/open/voip/caller-ids", "calls", "listCallerIds", &[], query_opt(&PER_PAGE_PARAMS),
        &CALLER_IDS_LIST_RESPONSE, "list_caller_ids", Read, "Lists the account's caller IDs.")
        .paged(paging("caller_ids", "page_number", PageSize::PerPage { ask: 200, max: None }, End::ShortPage, &CALLER_ID)),
    row(64, Delete, "/open/voip/virtual-numbers/{virtual_number_uuid}", "calls", "deleteVirtualNumber",
        &[id_arg("virtualNumberUuid", "virtual_number_uuid")], None, &SUCCESS_RESPONSE, "delete_virtual_number", Remove,
        "Cancels a virtual phone number."),
    // SMS
    row(65, Post, "/open/sms/send", "sms", "send", &[], body(&SMS_SEND_PARAMS), &SMS_SEND_RESPONSE, "send_sms", Send,
        "Sends an SMS from an SMS-enabled virtual number.")
        .status(202)
        .doc(NOT_RETRIED)
        .aliases(SMS_ID),
    // Buying virtual numbers
    row(66, Get, "/open/numbers/regions", "phoneNumbers", "regions", &[], query(&COUNTRY_PARAMS), &REGIONS_RESPONSE,
        "list_number_regions", Read, "Lists the regions where virtual numbers can be bought in a country (US, CA, GB)."),
    row(67, Get, "/open/numbers/cities", "phoneNumbers", "cities", &[], query(&CITIES_PARAMS), &CITIES_RESPONSE,
        "list_number_cities", Read, "Lists the cities where virtual numbers can be bought in a country."),
    row(68, Get, "/open/numbers/did-types", "phoneNumbers", "didTypes", &[], None, &DID_TYPES_RESPONSE, "list_did_types",
        Read, "Lists the types of virtual numbers (local, mobile, toll free...)."),
    row(69, Get, "/open/numbers/requirements", "phoneNumbers", "requirements", &[], query(&REQUIREMENTS_PARAMS),
        &REQUIREMENTS_RESPONSE, "get_number_requirements", Read, "Lists the documents needed to buy virtual numbers in a country."),
    row(70, Get, "/open/numbers/groups", "phoneNumbers", "searchGroups", &[], query(&NUMBER_GROUPS_PARAMS),
        &NUMBER_GROUPS_RESPONSE, "search_number_groups", Read,
        "Searches groups of virtual numbers for sale in a country, with prices and features."),
    row(71, Get, "/open/numbers/available", "phoneNumbers", "available", &[], query(&AVAILABLE_NUMBERS_PARAMS),
        &AVAILABLE_NUMBERS_RESPONSE, "list_available_numbers", Read, "Lists the numbers available in a number group."),
    row(72, Post, "/open/numbers/reservations", "phoneNumbers", "reserve", &[], body(&RESERVE_PARAMS),
        &RESERVATION_RESPONSE, "reserve_number", Create, "Reserves a virtual number of a group.")
        .status(201),
    row(73, Get, "/open/numbers/reservations", "phoneNumbers", "listReservations", &[], None,
        &RESERVATIONS_LIST_RESPONSE, "list_number_reservations", Read, "Lists the active number reservations."),
    row(74, Delete, "/open/numbers/reservations/{reservation_uuid}", "phoneNumbers", "cancelReservation",
        &[id_arg("reservationUuid", "reservation_uuid")], None, &MESSAGE_RESPONSE, "cancel_number_reservation", Remove,
        "Cancels a number reservation."),
    row(75, Post, "/open/numbers/purchase", "phoneNumbers", "purchase", &[], body_opt(&PURCHASE_PARAMS), &PURCHASE_RESPONSE,
        "purchase_numbers", Purchase, "Buys a reserved number (or, with no number, every active reservation).")
        .status(201),
];

/// How many endpoints the contract lists.
pub const CONTRACT_ENDPOINTS: u8 = 75;

/// The resources of the client, in the order the client lists them, with a line about each.
pub const RESOURCES: &[(&str, &str)] = &[
    ("account", "Account, limits and usage."),
    ("users", "The account's users."),
    ("voice", "Voice SDK access tokens."),
    ("numbers", "Connected WhatsApp numbers."),
    ("channels", "WhatsApp channels and their connection."),
    ("messages", "Sending and reading messages."),
    ("conversations", "Conversations of a channel."),
    ("profile", "The connected number's profile."),
    ("status", "WhatsApp status posts."),
    ("groups", "WhatsApp groups."),
    ("catalog", "The WhatsApp Business catalog."),
    ("contacts", "The contact book."),
    ("webhooks", "Webhook subscriptions."),
    ("waba", "WhatsApp Business API numbers, templates and messages."),
    ("calls", "Phone calls, virtual numbers and caller IDs."),
    ("sms", "SMS."),
    ("phoneNumbers", "Searching, reserving and buying virtual numbers."),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of `shape` (and of the shapes inside it), with its path.
    fn fields(path: &str, shape: &Shape, out: &mut Vec<(String, Field)>) {
        if let Some(Model { ty: Ty::Obj(base), .. }) = shape.base {
            fields(path, base, out);
        }
        for f in shape.fields {
            let here = if path.is_empty() { f.name.to_string() } else { format!("{path}.{}", f.name) };
            inner(&here, &f.ty, out);
            out.push((here, *f));
        }
    }

    fn inner(path: &str, ty: &Ty, out: &mut Vec<(String, Field)>) {
        match ty {
            Ty::Obj(s) => fields(path, s, out),
            Ty::Ref(Model { ty: Ty::Obj(s), .. }) => fields(path, s, out),
            Ty::Array { of, .. } | Ty::Nullable(of) | Ty::Map(of) => inner(&format!("{path}[]"), of, out),
            _ => {}
        }
    }

    /// Whether a type sets a limit the validator enforces beyond its kind.
    fn limited(ty: &Ty) -> bool {
        match ty {
            Ty::Int { min, max } => *max < u32::MAX as i64 || *min > 1,
            Ty::Str(Text::Max(_) | Text::NonBlankMax(_) | Text::Digits { .. } | Text::Decimal { .. }) => true,
            Ty::Enum(_) => true,
            Ty::Array { min, max, .. } => *max > 0 || *min > 1,
            Ty::Nullable(inner) => limited(inner),
            _ => false,
        }
    }

    /// Where a limit comes from is a line of the contract: every limit a params field sets names
    /// the contract's words for it (`.src`), and those words are in `2chat-api.md` — or the limit
    /// is WhatsApp's own, named in the field's doc.
    #[test]
    fn every_limit_is_the_contracts() {
        let contract = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/spec/2chat-api.md"))
            .expect("the contract, ../shared/spec/2chat-api.md");
        let mut unsourced = Vec::new();
        for m in PARAMS {
            let Ty::Obj(shape) = m.ty else { continue };
            let mut all = Vec::new();
            fields("", shape, &mut all);
            for (path, f) in all {
                if !f.src.is_empty() {
                    assert!(contract.contains(f.src), "{}.{path}: {:?} is not in the contract", m.name, f.src);
                } else if limited(&f.ty) && !f.doc.contains("WhatsApp") {
                    unsourced.push(format!("{}.{path}", m.name));
                }
            }
        }
        assert_eq!(unsourced, Vec::<String>::new(), "limits with no line of the contract behind them");
    }
}
