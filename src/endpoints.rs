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
}

const fn ep(
    id: u8,
    method: Method,
    path: &'static str,
    resource: &'static str,
    method_name: &'static str,
    success_status: u16,
) -> Endpoint {
    Endpoint { id, method, path, resource, method_name, success_status }
}

use Method::{Delete, Get, Post, Put};

/// Every endpoint of the 2Chat contract, in its order. #9 (`channel/{uuid}/{command}`) has two
/// rows, one per command, and #13/#14 share one JS method.
pub const ENDPOINTS: &[Endpoint] = &[
    // Account, keys, users
    ep(1, Get, "/ping", "account", "ping", 200),
    ep(2, Get, "/open/info", "account", "info", 200),
    ep(3, Get, "/open/users", "users", "list", 200),
    ep(4, Post, "/sdk/voip/access-token", "voice", "createAccessToken", 200),
    // WhatsApp numbers and channels
    ep(5, Get, "/open/whatsapp/get-numbers", "numbers", "list", 200),
    ep(6, Get, "/open/whatsapp/channel/{channel_uuid}", "channels", "get", 200),
    ep(7, Post, "/open/whatsapp/channel/create", "channels", "create", 200),
    ep(8, Get, "/open/whatsapp/channel/{channel_uuid}/status", "channels", "status", 200),
    ep(9, Post, "/open/whatsapp/channel/{channel_uuid}/connect", "channels", "connect", 200),
    ep(9, Post, "/open/whatsapp/channel/{channel_uuid}/disconnect", "channels", "disconnect", 200),
    ep(10, Delete, "/open/whatsapp/channel/{channel_uuid}", "channels", "delete", 200),
    ep(11, Get, "/open/whatsapp/check-number/{from_number}/{number_to_check}", "numbers", "check", 200),
    // Messaging
    ep(12, Post, "/open/whatsapp/send-message", "messages", "send", 200),
    ep(13, Get, "/open/whatsapp/messages/{number}", "messages", "list", 200),
    ep(14, Get, "/open/whatsapp/messages/{number}/{remote_number}", "messages", "list", 200),
    ep(15, Get, "/open/whatsapp/message/{session_key}/{message_uuid}", "messages", "get", 200),
    ep(16, Delete, "/open/whatsapp/message/{session_key}/{message_uuid}", "messages", "delete", 200),
    ep(17, Get, "/open/whatsapp/conversations/{channel_uuid}", "conversations", "list", 200),
    // Profile and status
    ep(18, Post, "/open/whatsapp/set-profile-picture/{number}", "profile", "setPicture", 200),
    ep(19, Post, "/open/whatsapp/set-status/{number}", "profile", "setStatus", 200),
    ep(20, Post, "/open/whatsapp/set-text-status/{number}", "status", "postText", 200),
    ep(21, Post, "/open/whatsapp/set-image-status/{number}", "status", "postImage", 200),
    // Groups
    ep(22, Get, "/open/whatsapp/groups/{number}", "groups", "list", 200),
    ep(23, Get, "/open/whatsapp/group/{group_uuid}", "groups", "get", 200),
    ep(24, Post, "/open/whatsapp/group/create", "groups", "create", 200),
    ep(25, Post, "/open/whatsapp/group/{group_uuid}/add-participant", "groups", "addParticipants", 200),
    ep(26, Post, "/open/whatsapp/group/{group_uuid}/remove-participant", "groups", "removeParticipants", 200),
    ep(27, Post, "/open/whatsapp/group/{group_uuid}/promote-participant", "groups", "promoteParticipants", 200),
    ep(28, Post, "/open/whatsapp/group/{group_uuid}/demote-participant", "groups", "demoteParticipants", 200),
    ep(29, Post, "/open/whatsapp/group/{group_uuid}/set-description", "groups", "setDescription", 200),
    ep(30, Post, "/open/whatsapp/group/{group_uuid}/set-picture", "groups", "setPicture", 200),
    ep(31, Get, "/open/whatsapp/groups/messages/{group_uuid}", "groups", "messages", 200),
    // Catalog (WhatsApp Business app)
    ep(32, Get, "/open/whatsapp/catalog/products", "catalog", "listProducts", 200),
    ep(33, Get, "/open/whatsapp/catalog/products/{target_number}", "catalog", "listProducts", 200),
    ep(34, Post, "/open/whatsapp/catalog/product", "catalog", "createProduct", 200),
    ep(35, Put, "/open/whatsapp/catalog/product/{product_id}", "catalog", "updateProduct", 200),
    ep(36, Delete, "/open/whatsapp/catalog/product/{product_id}", "catalog", "deleteProduct", 200),
    ep(37, Post, "/open/whatsapp/catalog/product/image/{product_id}", "catalog", "addProductImages", 200),
    ep(38, Delete, "/open/whatsapp/catalog/product/image/{product_id}/{image_index}", "catalog", "deleteProductImage", 200),
    ep(39, Get, "/open/whatsapp/catalog/collections", "catalog", "listCollections", 200),
    ep(40, Get, "/open/whatsapp/catalog/collections/{target_number}", "catalog", "listCollections", 200),
    ep(41, Post, "/open/whatsapp/catalog/collection", "catalog", "createCollection", 200),
    ep(42, Put, "/open/whatsapp/catalog/collection/{collection_id}", "catalog", "updateCollection", 200),
    ep(43, Delete, "/open/whatsapp/catalog/collection/{collection_id}", "catalog", "deleteCollection", 200),
    // Contacts
    ep(44, Post, "/open/contacts", "contacts", "create", 201),
    ep(45, Get, "/open/contacts", "contacts", "list", 200),
    ep(46, Get, "/open/contacts/search", "contacts", "search", 200),
    ep(47, Get, "/open/contacts/{contact_uuid}", "contacts", "get", 200),
    ep(48, Put, "/open/contacts/{contact_uuid}", "contacts", "update", 200),
    ep(49, Delete, "/open/contacts/{contact_uuid}", "contacts", "delete", 200),
    // Webhook subscriptions
    ep(50, Post, "/open/webhooks/subscribe/{event_name}", "webhooks", "subscribe", 200),
    ep(51, Get, "/open/webhooks", "webhooks", "list", 200),
    ep(52, Get, "/open/webhooks/channel/{channel_uuid}", "webhooks", "list", 200),
    ep(53, Delete, "/open/webhooks/{webhook_uuid}", "webhooks", "delete", 200),
    // WABA
    ep(54, Get, "/open/waba/numbers", "waba", "listNumbers", 200),
    ep(55, Get, "/open/waba/numbers/{waba_uuid}", "waba", "getNumber", 200),
    ep(56, Get, "/open/waba/templates", "waba", "listTemplates", 200),
    ep(57, Post, "/open/waba/templates/sync", "waba", "syncTemplates", 200),
    ep(58, Delete, "/open/waba/templates/{template_uuid}", "waba", "deleteTemplate", 200),
    ep(59, Post, "/open/waba/send-message", "waba", "sendMessage", 200),
    // Phone calls
    ep(60, Get, "/open/voip/call-history", "calls", "history", 200),
    ep(61, Get, "/open/voip/call/{call_uuid}", "calls", "get", 200),
    ep(62, Get, "/open/voip/virtual-numbers", "calls", "listVirtualNumbers", 200),
    ep(63, Get, "/open/voip/caller-ids", "calls", "listCallerIds", 200),
    ep(64, Delete, "/open/voip/virtual-numbers/{virtual_number_uuid}", "calls", "deleteVirtualNumber", 200),
    // SMS
    ep(65, Post, "/open/sms/send", "sms", "send", 202),
    // Buying virtual numbers
    ep(66, Get, "/open/numbers/regions", "phoneNumbers", "regions", 200),
    ep(67, Get, "/open/numbers/cities", "phoneNumbers", "cities", 200),
    ep(68, Get, "/open/numbers/did-types", "phoneNumbers", "didTypes", 200),
    ep(69, Get, "/open/numbers/requirements", "phoneNumbers", "requirements", 200),
    ep(70, Get, "/open/numbers/groups", "phoneNumbers", "searchGroups", 200),
    ep(71, Get, "/open/numbers/available", "phoneNumbers", "available", 200),
    ep(72, Post, "/open/numbers/reservations", "phoneNumbers", "reserve", 201),
    ep(73, Get, "/open/numbers/reservations", "phoneNumbers", "listReservations", 200),
    ep(74, Delete, "/open/numbers/reservations/{reservation_uuid}", "phoneNumbers", "cancelReservation", 200),
    ep(75, Post, "/open/numbers/purchase", "phoneNumbers", "purchase", 201),
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
