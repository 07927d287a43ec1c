//! The one list of 2Chat endpoints. Client methods, the mock server's routes and the README's
//! coverage table are all derived from [`ENDPOINTS`], so they cannot drift apart.

/// An HTTP method 2Chat uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method as it goes on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name, case-insensitively.
    pub fn parse(s: &str) -> Option<Method> {
        match s.to_ascii_uppercase().as_str() {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }

    /// Whether repeating the request cannot change anything on 2Chat's side twice.
    pub const fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }
}

/// One 2Chat endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Its number in the API contract (`2chat-api.md`, #1–#75).
    pub id: u8,
    /// HTTP method.
    pub method: Method,
    /// Path template from the host; `{name}` marks a path parameter.
    pub path: &'static str,
    /// The resource getter on the JS client (`client.<resource>`).
    pub resource: &'static str,
    /// The JS method on that resource (`client.<resource>.<method>`).
    pub method_name: &'static str,
    /// The status 2Chat answers on success.
    pub success_status: u16,
    /// The name of the LLM tool that calls it (snake_case, e.g. `send_message`).
    pub tool: &'static str,
    /// What calling it does to the account and to the world outside it.
    pub effect: Effect,
    /// What it does, in one sentence: the tool's description.
    pub summary: &'static str,
}

#[allow(clippy::too_many_arguments)] // one row of the table: each field is named by Endpoint
const fn ep(
    id: u8,
    method: Method,
    path: &'static str,
    resource: &'static str,
    method_name: &'static str,
    success_status: u16,
    tool: &'static str,
    effect: Effect,
    summary: &'static str,
) -> Endpoint {
    Endpoint { id, method, path, resource, method_name, success_status, tool, effect, summary }
}

/// What an endpoint does, as an agent (or a proxy's allow-list) must know it: the MCP tool
/// annotations and the proxy's "reads only" default come from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Reads only; changes nothing.
    Read,
    /// Adds something to the account (a contact, a product, a subscription…); repeating it adds
    /// another.
    Create,
    /// Reaches people outside the account: a WhatsApp message, an SMS, a status post, a group
    /// they are put into. Repeating it reaches them again.
    Send,
    /// Overwrites a setting or a record; repeating it changes nothing more.
    Update,
    /// Deletes, removes or disconnects.
    Remove,
    /// Spends money (buying numbers).
    Purchase,
}

impl Effect {
    /// Changes nothing (MCP `readOnlyHint`).
    pub const fn read_only(self) -> bool {
        matches!(self, Effect::Read)
    }
    /// May overwrite or remove what exists, or spend money (MCP `destructiveHint`).
    pub const fn destructive(self) -> bool {
        matches!(self, Effect::Update | Effect::Remove | Effect::Purchase)
    }
    /// Calling it twice has the effect of calling it once (MCP `idempotentHint`).
    pub const fn idempotent(self) -> bool {
        matches!(self, Effect::Read | Effect::Update | Effect::Remove)
    }
    /// Reaches people or businesses outside the account (MCP `openWorldHint`).
    pub const fn open_world(self) -> bool {
        matches!(self, Effect::Send | Effect::Purchase)
    }
    /// The name used in `endpoints()` and the tool definitions.
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Read => "read",
            Effect::Create => "create",
            Effect::Send => "send",
            Effect::Update => "update",
            Effect::Remove => "remove",
            Effect::Purchase => "purchase",
        }
    }
}

use Effect::{Create, Purchase, Read, Remove, Send, Update};
use Method::{Delete, Get, Post, Put};

/// Every endpoint of the 2Chat contract, in its order. #9 (`channel/{uuid}/{command}`) has two
/// rows, one per command, and #13/#14 share one JS method.
pub const ENDPOINTS: &[Endpoint] = &[
    // Account, keys, users
    ep(1, Get, "/ping", "account", "ping", 200, "ping", Read, "Checks that the API key works (GET /ping, outside /open)."),
    ep(2, Get, "/open/info", "account", "info", 200, "get_account_info", Read, "The account, its limits (requests per minute) and its usage counters; also checks the API key."),
    ep(3, Get, "/open/users", "users", "list", 200, "list_users", Read, "Lists the account's active users."),
    ep(4, Post, "/sdk/voip/access-token", "voice", "createAccessToken", 200, "create_voice_access_token", Create, "Mints a short-lived JWT for the 2Chat Voice SDK for a user (ttl 60-86400 s)."),
    // WhatsApp numbers and channels
    ep(5, Get, "/open/whatsapp/get-numbers", "numbers", "list", 200, "list_numbers", Read, "Lists the WhatsApp numbers connected to the account, with their connection status."),
    ep(6, Get, "/open/whatsapp/channel/{channel_uuid}", "channels", "get", 200, "get_channel", Read, "Gets one WhatsApp channel (connected number): status, timezone, language, business profile."),
    ep(7, Post, "/open/whatsapp/channel/create", "channels", "create", 200, "create_channel", Create, "Creates a WhatsApp channel for a phone number; connecting starts at once (get the QR code from the channel status)."),
    ep(8, Get, "/open/whatsapp/channel/{channel_uuid}/status", "channels", "status", 200, "get_channel_status", Read, "Gets a channel's connection status, its QR code while waiting for a scan, and recent events."),
    ep(9, Post, "/open/whatsapp/channel/{channel_uuid}/connect", "channels", "connect", 200, "connect_channel", Update, "Starts connecting a channel (a QR login)."),
    ep(9, Post, "/open/whatsapp/channel/{channel_uuid}/disconnect", "channels", "disconnect", 200, "disconnect_channel", Remove, "Disconnects a channel, keeping it."),
    ep(10, Delete, "/open/whatsapp/channel/{channel_uuid}", "channels", "delete", 200, "delete_channel", Remove, "Deletes a channel."),
    ep(11, Get, "/open/whatsapp/check-number/{from_number}/{number_to_check}", "numbers", "check", 200, "check_number", Read, "Checks whether a phone number is valid and on WhatsApp, from one of your connected numbers."),
    // Messaging
    ep(12, Post, "/open/whatsapp/send-message", "messages", "send", 200, "send_message", Send, "Sends a WhatsApp message (text, media URL or location pin) from a connected number to a number or a group."),
    ep(13, Get, "/open/whatsapp/messages/{number}", "messages", "list", 200, "list_messages", Read, "Lists the messages of a connected number, newest first, optionally with one remote number (100 a page)."),
    ep(14, Get, "/open/whatsapp/messages/{number}/{remote_number}", "messages", "list", 200, "list_messages", Read, "Lists the messages of a connected number, newest first, optionally with one remote number (100 a page)."),
    ep(15, Get, "/open/whatsapp/message/{session_key}/{message_uuid}", "messages", "get", 200, "get_message", Read, "Gets one message with its delivery state (wa_msg_ack: 0 created, 1 sent, 2 received, 3 read)."),
    ep(16, Delete, "/open/whatsapp/message/{session_key}/{message_uuid}", "messages", "delete", 200, "delete_message", Remove, "Deletes a message for everyone, within WhatsApp's time window."),
    ep(17, Get, "/open/whatsapp/conversations/{channel_uuid}", "conversations", "list", 200, "list_conversations", Read, "Lists the conversations of a channel (10 a page), optionally searching by phone digits."),
    // Profile and status
    ep(18, Post, "/open/whatsapp/set-profile-picture/{number}", "profile", "setPicture", 200, "set_profile_picture", Update, "Sets the connected number's profile picture from a public image URL (null removes it)."),
    ep(19, Post, "/open/whatsapp/set-status/{number}", "profile", "setStatus", 200, "set_profile_status", Update, "Sets the connected number's profile status (about) text."),
    ep(20, Post, "/open/whatsapp/set-text-status/{number}", "status", "postText", 200, "post_text_status", Send, "Posts a text WhatsApp status (story), with an optional background colour and font."),
    ep(21, Post, "/open/whatsapp/set-image-status/{number}", "status", "postImage", 200, "post_image_status", Send, "Posts an image WhatsApp status (story) from a public image URL."),
    // Groups
    ep(22, Get, "/open/whatsapp/groups/{number}", "groups", "list", 200, "list_groups", Read, "Lists the WhatsApp groups a connected number belongs to."),
    ep(23, Get, "/open/whatsapp/group/{group_uuid}", "groups", "get", 200, "get_group", Read, "Gets a WhatsApp group with its participants."),
    ep(24, Post, "/open/whatsapp/group/create", "groups", "create", 200, "create_group", Send, "Creates a WhatsApp group with up to 10 participants."),
    ep(25, Post, "/open/whatsapp/group/{group_uuid}/add-participant", "groups", "addParticipants", 200, "add_group_participants", Send, "Adds up to 10 participants to a group."),
    ep(26, Post, "/open/whatsapp/group/{group_uuid}/remove-participant", "groups", "removeParticipants", 200, "remove_group_participants", Remove, "Removes up to 10 participants from a group."),
    ep(27, Post, "/open/whatsapp/group/{group_uuid}/promote-participant", "groups", "promoteParticipants", 200, "promote_group_participants", Update, "Makes up to 10 participants group admins."),
    ep(28, Post, "/open/whatsapp/group/{group_uuid}/demote-participant", "groups", "demoteParticipants", 200, "demote_group_participants", Update, "Removes admin rights from up to 10 participants."),
    ep(29, Post, "/open/whatsapp/group/{group_uuid}/set-description", "groups", "setDescription", 200, "set_group_description", Update, "Sets a group's description."),
    ep(30, Post, "/open/whatsapp/group/{group_uuid}/set-picture", "groups", "setPicture", 200, "set_group_picture", Update, "Sets a group's picture from a public image URL."),
    ep(31, Get, "/open/whatsapp/groups/messages/{group_uuid}", "groups", "messages", 200, "list_group_messages", Read, "Lists a group's messages with each sender (50 a page)."),
    // Catalog (WhatsApp Business app)
    ep(32, Get, "/open/whatsapp/catalog/products", "catalog", "listProducts", 200, "list_products", Read, "Lists the catalog products of a WhatsApp Business number (or of another business with target_number)."),
    ep(33, Get, "/open/whatsapp/catalog/products/{target_number}", "catalog", "listProducts", 200, "list_products", Read, "Lists the catalog products of a WhatsApp Business number (or of another business with target_number)."),
    ep(34, Post, "/open/whatsapp/catalog/product", "catalog", "createProduct", 200, "create_product", Create, "Adds a product to the WhatsApp Business catalog (goes through WhatsApp review)."),
    ep(35, Put, "/open/whatsapp/catalog/product/{product_id}", "catalog", "updateProduct", 200, "update_product", Update, "Updates a catalog product."),
    ep(36, Delete, "/open/whatsapp/catalog/product/{product_id}", "catalog", "deleteProduct", 200, "delete_product", Remove, "Deletes a catalog product."),
    ep(37, Post, "/open/whatsapp/catalog/product/image/{product_id}", "catalog", "addProductImages", 200, "add_product_images", Create, "Adds one or two images to a catalog product."),
    ep(38, Delete, "/open/whatsapp/catalog/product/image/{product_id}/{image_index}", "catalog", "deleteProductImage", 200, "delete_product_image", Remove, "Deletes an image of a catalog product (not the default image, index 0)."),
    ep(39, Get, "/open/whatsapp/catalog/collections", "catalog", "listCollections", 200, "list_collections", Read, "Lists the catalog collections of a WhatsApp Business number (or of another business)."),
    ep(40, Get, "/open/whatsapp/catalog/collections/{target_number}", "catalog", "listCollections", 200, "list_collections", Read, "Lists the catalog collections of a WhatsApp Business number (or of another business)."),
    ep(41, Post, "/open/whatsapp/catalog/collection", "catalog", "createCollection", 200, "create_collection", Create, "Creates a catalog collection of products."),
    ep(42, Put, "/open/whatsapp/catalog/collection/{collection_id}", "catalog", "updateCollection", 200, "update_collection", Update, "Adds or removes products of a collection; the collection gets a new id, returned."),
    ep(43, Delete, "/open/whatsapp/catalog/collection/{collection_id}", "catalog", "deleteCollection", 200, "delete_collection", Remove, "Deletes a catalog collection."),
    // Contacts
    ep(44, Post, "/open/contacts", "contacts", "create", 201, "create_contact", Create, "Creates a contact with a first name and at least one detail (email, address, phone, WhatsApp phone)."),
    ep(45, Get, "/open/contacts", "contacts", "list", 200, "list_contacts", Read, "Lists the account's contacts."),
    ep(46, Get, "/open/contacts/search", "contacts", "search", 200, "search_contacts", Read, "Searches contacts by name or detail."),
    ep(47, Get, "/open/contacts/{contact_uuid}", "contacts", "get", 200, "get_contact", Read, "Gets one contact."),
    ep(48, Put, "/open/contacts/{contact_uuid}", "contacts", "update", 200, "update_contact", Update, "Updates the given fields of a contact."),
    ep(49, Delete, "/open/contacts/{contact_uuid}", "contacts", "delete", 200, "delete_contact", Remove, "Deletes a contact."),
    // Webhook subscriptions
    ep(50, Post, "/open/webhooks/subscribe/{event_name}", "webhooks", "subscribe", 200, "subscribe_webhook", Create, "Subscribes a URL to a webhook event of a number (or of a virtual number for call events)."),
    ep(51, Get, "/open/webhooks", "webhooks", "list", 200, "list_webhooks", Read, "Lists the enabled webhook subscriptions, optionally of one channel."),
    ep(52, Get, "/open/webhooks/channel/{channel_uuid}", "webhooks", "list", 200, "list_webhooks", Read, "Lists the enabled webhook subscriptions, optionally of one channel."),
    ep(53, Delete, "/open/webhooks/{webhook_uuid}", "webhooks", "delete", 200, "delete_webhook", Remove, "Deletes a webhook subscription."),
    // WABA
    ep(54, Get, "/open/waba/numbers", "waba", "listNumbers", 200, "list_waba_numbers", Read, "Lists the account's WhatsApp Business API (WABA) numbers."),
    ep(55, Get, "/open/waba/numbers/{waba_uuid}", "waba", "getNumber", 200, "get_waba_number", Read, "Gets one WABA number."),
    ep(56, Get, "/open/waba/templates", "waba", "listTemplates", 200, "list_waba_templates", Read, "Lists the message templates of a WABA number (ends when next_page is null)."),
    ep(57, Post, "/open/waba/templates/sync", "waba", "syncTemplates", 200, "sync_waba_templates", Update, "Starts syncing a WABA number's templates from the provider."),
    ep(58, Delete, "/open/waba/templates/{template_uuid}", "waba", "deleteTemplate", 200, "delete_waba_template", Remove, "Deletes a WABA template (every language variant, permanently)."),
    ep(59, Post, "/open/waba/send-message", "waba", "sendMessage", 200, "send_waba_message", Send, "Sends a WABA message: a template (template_uuid + params) or, within 24 h, a session text; never both."),
    // Phone calls
    ep(60, Get, "/open/voip/call-history", "calls", "history", 200, "list_call_history", Read, "Lists phone call records, optionally only inbound or outbound."),
    ep(61, Get, "/open/voip/call/{call_uuid}", "calls", "get", 200, "get_call", Read, "Gets one phone call record with its agent."),
    ep(62, Get, "/open/voip/virtual-numbers", "calls", "listVirtualNumbers", 200, "list_virtual_numbers", Read, "Lists the account's virtual phone numbers."),
    ep(63, Get, "/open/voip/caller-ids", "calls", "listCallerIds", 200, "list_caller_ids", Read, "Lists the account's caller IDs."),
    ep(64, Delete, "/open/voip/virtual-numbers/{virtual_number_uuid}", "calls", "deleteVirtualNumber", 200, "delete_virtual_number", Remove, "Cancels a virtual phone number."),
    // SMS
    ep(65, Post, "/open/sms/send", "sms", "send", 202, "send_sms", Send, "Sends an SMS from an SMS-enabled virtual number."),
    // Buying virtual numbers
    ep(66, Get, "/open/numbers/regions", "phoneNumbers", "regions", 200, "list_number_regions", Read, "Lists the regions where virtual numbers can be bought in a country (US, CA, GB)."),
    ep(67, Get, "/open/numbers/cities", "phoneNumbers", "cities", 200, "list_number_cities", Read, "Lists the cities where virtual numbers can be bought in a country."),
    ep(68, Get, "/open/numbers/did-types", "phoneNumbers", "didTypes", 200, "list_did_types", Read, "Lists the types of virtual numbers (local, mobile, toll free...)."),
    ep(69, Get, "/open/numbers/requirements", "phoneNumbers", "requirements", 200, "get_number_requirements", Read, "Lists the documents needed to buy virtual numbers in a country."),
    ep(70, Get, "/open/numbers/groups", "phoneNumbers", "searchGroups", 200, "search_number_groups", Read, "Searches groups of virtual numbers for sale in a country, with prices and features."),
    ep(71, Get, "/open/numbers/available", "phoneNumbers", "available", 200, "list_available_numbers", Read, "Lists the numbers available in a number group."),
    ep(72, Post, "/open/numbers/reservations", "phoneNumbers", "reserve", 201, "reserve_number", Create, "Reserves a virtual number of a group."),
    ep(73, Get, "/open/numbers/reservations", "phoneNumbers", "listReservations", 200, "list_number_reservations", Read, "Lists the active number reservations."),
    ep(74, Delete, "/open/numbers/reservations/{reservation_uuid}", "phoneNumbers", "cancelReservation", 200, "cancel_number_reservation", Remove, "Cancels a number reservation."),
    ep(75, Post, "/open/numbers/purchase", "phoneNumbers", "purchase", 201, "purchase_numbers", Purchase, "Buys a reserved number (or, with no number, every active reservation)."),
];

/// How many endpoints the contract lists.
pub const CONTRACT_ENDPOINTS: u8 = 75;

/// The endpoint with contract number `id`.
pub fn endpoint(id: u8) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.id == id)
}

impl Endpoint {
    /// The names of the path parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &'static str> {
        let path: &'static str = self.path;
        path.split('/').filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// Whether the path lives under `/open` (all but `/ping` and `/sdk/voip/access-token`).
    pub fn is_open(&self) -> bool {
        self.path.starts_with("/open/")
    }

    /// Fills the template with already-validated, already-encoded segments, in order.
    pub(crate) fn fill(&self, segments: &[String]) -> String {
        let mut out = String::with_capacity(self.path.len() + 64);
        let mut values = segments.iter();
        for seg in self.path.split('/').skip(1) {
            out.push('/');
            if seg.starts_with('{') {
                if let Some(v) = values.next() {
                    out.push_str(v);
                }
            } else {
                out.push_str(seg);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_endpoint_of_the_contract_is_in_the_table_in_order() {
        let ids: Vec<u8> = ENDPOINTS.iter().map(|e| e.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted, "rows follow the contract's order");
        sorted.dedup();
        assert_eq!(sorted, (1..=CONTRACT_ENDPOINTS).collect::<Vec<_>>(), "75/75");
    }

    #[test]
    fn only_channel_commands_repeat_an_id() {
        let mut seen = HashSet::new();
        for e in ENDPOINTS {
            if !seen.insert(e.id) {
                assert_eq!(e.id, 9, "#{} twice", e.id);
            }
        }
    }

    #[test]
    fn one_tool_per_js_method() {
        use std::collections::HashMap;
        let mut by_tool: HashMap<&str, (&str, &str)> = HashMap::new();
        for e in ENDPOINTS {
            let prev = by_tool.insert(e.tool, (e.resource, e.method_name));
            assert!(prev.is_none_or(|p| p == (e.resource, e.method_name)), "{} names two methods", e.tool);
            assert!(e.tool.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", e.tool);
            assert!(e.summary.ends_with('.') && e.summary.len() < 200, "{}", e.summary);
        }
        assert_eq!(by_tool.len(), 72);
    }

    #[test]
    fn effects_agree_with_http_methods() {
        for e in ENDPOINTS {
            assert_eq!(e.method == Method::Get, e.effect == Effect::Read, "{}: only GETs read", e.tool);
            if e.method == Method::Delete {
                assert_eq!(e.effect, Effect::Remove, "{}", e.tool);
            }
        }
        let sends: Vec<_> = ENDPOINTS.iter().filter(|e| e.effect == Effect::Send).map(|e| e.tool).collect();
        for t in ["send_message", "send_waba_message", "send_sms", "post_text_status", "add_group_participants"] {
            assert!(sends.contains(&t), "{t} reaches people outside the account");
        }
    }

    #[test]
    fn method_and_path_pairs_are_unique() {
        let mut seen = HashSet::new();
        for e in ENDPOINTS {
            assert!(seen.insert((e.method, e.path)), "{} {} twice", e.method.as_str(), e.path);
        }
    }

    #[test]
    fn templates_are_well_formed() {
        for e in ENDPOINTS {
            assert!(e.path.starts_with('/'), "{}", e.path);
            for seg in e.path.split('/').skip(1) {
                assert!(!seg.is_empty(), "{}", e.path);
                assert_eq!(seg.starts_with('{'), seg.ends_with('}'), "{}", e.path);
            }
        }
    }

    #[test]
    fn fill_places_segments_in_order() {
        let e = endpoint(14).map(|e| e.fill(&["+1555".into(), "+1666".into()]));
        assert_eq!(e.as_deref(), Some("/open/whatsapp/messages/+1555/+1666"));
        let names: Vec<_> = endpoint(11).map(|e| e.params().collect()).unwrap_or_default();
        assert_eq!(names, ["from_number", "number_to_check"]);
    }
}
