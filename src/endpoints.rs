//! The one list of 2Chat endpoints. Client methods, the mock server's routes and the README's
//! coverage table are all derived from [`ENDPOINTS`], so they cannot drift apart.

/// An HTTP method 2Chat uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

use Method::{Delete, Get, Post};

/// Every endpoint the SDK wraps, in the order of the contract.
pub const ENDPOINTS: &[Endpoint] = &[
    ep(2, Get, "/open/info", "account", "info", 200),
    ep(5, Get, "/open/whatsapp/get-numbers", "numbers", "list", 200),
    ep(11, Get, "/open/whatsapp/check-number/{from_number}/{number_to_check}", "numbers", "check", 200),
    ep(12, Post, "/open/whatsapp/send-message", "messages", "send", 200),
    ep(13, Get, "/open/whatsapp/messages/{number}", "messages", "list", 200),
    ep(14, Get, "/open/whatsapp/messages/{number}/{remote_number}", "messages", "list", 200),
    ep(22, Get, "/open/whatsapp/groups/{number}", "groups", "list", 200),
    ep(23, Get, "/open/whatsapp/group/{group_uuid}", "groups", "get", 200),
    ep(44, Post, "/open/contacts", "contacts", "create", 201),
    ep(45, Get, "/open/contacts", "contacts", "list", 200),
    ep(50, Post, "/open/webhooks/subscribe/{event_name}", "webhooks", "subscribe", 200),
    ep(51, Get, "/open/webhooks", "webhooks", "list", 200),
    ep(52, Get, "/open/webhooks/channel/{channel_uuid}", "webhooks", "list", 200),
    ep(53, Delete, "/open/webhooks/{webhook_uuid}", "webhooks", "delete", 200),
];

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
    fn ids_are_unique_and_ordered() {
        let ids: Vec<u8> = ENDPOINTS.iter().map(|e| e.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
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
