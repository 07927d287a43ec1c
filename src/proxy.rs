//! The key-injecting proxy's plan: which origins may call it and which endpoints it forwards.
//!
//! A page must never hold the API key, so it calls a small proxy (a Worker, a Node route) that
//! adds the key. Anything reachable through that proxy is reachable with the key by whoever can
//! reach the proxy, so the plan is closed by default: no origin is allowed until one is named;
//! only reads are forwarded unless the allow-list names more, and anything beyond reads needs
//! the site's own `authorize` check; the webhook subscriptions are never forwarded (their
//! `hook_url`s carry the token that authenticates deliveries, and a subscription made through the
//! proxy could send every message to a stranger's URL). The request handling itself (`fetch`,
//! CORS, streaming) is in `js/proxy.js`.

use crate::check::is_http_url;
use crate::error::{Error, Result};
use crate::json::{quoted, Json};
use crate::options::Opts;
use crate::table::{Effect, Endpoint, ENDPOINTS};

/// The largest request body the proxy forwards by default (64 KiB: 2Chat's bodies are small).
pub const DEFAULT_MAX_BODY: i64 = 64 * 1024;

/// The endpoint ids a proxy never forwards: webhook subscriptions (#50–#53).
pub fn never_forwarded(e: &Endpoint) -> bool {
    e.path.starts_with("/open/webhooks")
}

/// What a proxy forwards, decided once when it is created.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Exact origins (`https://app.example.com`) whose pages may call the proxy.
    pub origins: Vec<String>,
    /// The endpoints forwarded, in table order.
    pub routes: Vec<&'static Endpoint>,
    /// Where 2Chat is.
    pub base_url: String,
    /// The path the proxy is mounted under (`/proxy`), or empty.
    pub prefix: String,
    /// The largest request body forwarded.
    pub max_body: i64,
    /// The upstream timeout.
    pub timeout_ms: i64,
}

/// Whether `s` is a web origin as browsers send it: `http(s)://host[:port]`, nothing after.
pub fn is_origin(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else { return false };
    !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
        && !rest.starts_with(':')
        && !rest.ends_with(':')
}

/// Reads the proxy's options (all but the functions `authorize` and `fetch`, which the caller
/// looked at: `has_authorize` says whether an `authorize` hook was given).
pub fn plan<J: Json>(options: Option<J>, has_authorize: bool) -> Result<Plan> {
    if options.is_none() {
        return Err(Error::invalid("options", "is required"));
    }
    let o = Opts::new("options", options)?;
    o.only(&["apiKey", "origins", "allow", "authorize", "baseUrl", "prefix", "maxBodyBytes", "timeoutMs", "fetch"])?;
    o.req_str("apiKey")?;
    // An item that is not a string is reported as not an origin.
    let origins = match o.opt_strings_of("origins", |got| {
        format!("must be an origin such as \"https://app.example.com\" (got {got})")
    })? {
        None => return Err(Error::invalid(
            "origins",
            "is required: the exact origins of the pages that may call the proxy, e.g. [\"https://app.example.com\"] \
                 (a proxy open to every origin would let any site spend your key)",
        )),
        Some(list) if list.is_empty() => return Err(Error::invalid("origins", "needs at least 1 item(s)")),
        Some(list) => {
            let mut out = Vec::new();
            for (i, s) in list.iter().enumerate() {
                out.push(match s.as_str() {
                    s if is_origin(s) => s.trim_end_matches('/').to_string(),
                    "*" => {
                        return Err(Error::invalid(
                            &format!("origins[{i}]"),
                            "cannot be \"*\": name each origin (any site could call the proxy otherwise)",
                        ))
                    }
                    s => {
                        return Err(Error::invalid(
                            &format!("origins[{i}]"),
                            format_args!("must be an origin such as \"https://app.example.com\" (got {})", quoted(s)),
                        ))
                    }
                });
            }
            out
        }
    };
    let routes: Vec<&'static Endpoint> = match o.opt_strings("allow")? {
        None => ENDPOINTS.iter().filter(|e| e.effect == Effect::Read && !never_forwarded(e)).collect(),
        Some(list) => {
            let mut routes: Vec<&'static Endpoint> = Vec::new();
            for (i, rule) in list.iter().enumerate() {
                let field = format!("allow[{i}]");
                let matched = allowed(rule);
                if matched.is_empty() {
                    return Err(Error::invalid(
                        &field,
                        format_args!(
                            "{} names no endpoint: use a tool name (\"list_messages\") or a method and path template of the endpoint table (\"GET /open/contacts/{{contact_uuid}}\")",
                            quoted(rule)
                        ),
                    ));
                }
                if let Some(e) = matched.iter().find(|e| never_forwarded(e)) {
                    return Err(Error::invalid(
                        &field,
                        format_args!(
                            "{} {} is never forwarded: webhook subscriptions carry the token that authenticates deliveries",
                            e.method.as_str(),
                            e.path
                        ),
                    ));
                }
                if let Some(e) = matched.iter().find(|e| e.effect != Effect::Read) {
                    if !has_authorize {
                        return Err(Error::invalid(
                            "authorize",
                            format_args!(
                                "is required to allow {} ({} {}): anything beyond reads must check who is asking",
                                e.tool,
                                e.method.as_str(),
                                e.path
                            ),
                        ));
                    }
                }
                for e in matched {
                    if !routes.iter().any(|r| std::ptr::eq(*r, e)) {
                        routes.push(e);
                    }
                }
            }
            routes
        }
    };
    let base_url = match o.opt_str("baseUrl")? {
        None => crate::config::DEFAULT_BASE_URL.to_string(),
        Some(u) if is_http_url(&u) && !u.contains(['?', '#']) => u.trim_end_matches('/').to_string(),
        Some(u) => {
            return Err(Error::invalid(
                "baseUrl",
                format_args!("must be an http(s) URL without a query (got {})", quoted(&u)),
            ))
        }
    };
    let prefix = match o.opt_str("prefix")? {
        None => String::new(),
        Some(p)
            if p.starts_with('/')
                && !p.ends_with('/')
                && !p.contains(['?', '#', '%', ';', '\\'])
                && crate::json::find(&p, "//").is_none() =>
        {
            p.to_string()
        }
        Some(p) => {
            return Err(Error::invalid(
                "prefix",
                format_args!("must be a path such as \"/proxy\": a leading '/', no trailing '/' (got {})", quoted(&p)),
            ))
        }
    };
    let max_body = o.opt_int("maxBodyBytes", 0, 1024 * 1024)?.unwrap_or(DEFAULT_MAX_BODY);
    let timeout_ms = o.opt_int("timeoutMs", 1, 600_000)?.unwrap_or(30_000);
    Ok(Plan { origins, routes, base_url, prefix, max_body, timeout_ms })
}

/// The endpoints an allow-list entry names: every row of a tool name, or the one row whose
/// method and path template it spells.
fn allowed(rule: &str) -> Vec<&'static Endpoint> {
    let rule = rule.trim();
    match rule.split_once(' ') {
        Some((method, path)) => {
            let method = crate::request::parse_method(method);
            ENDPOINTS.iter().filter(|e| Some(e.method) == method && e.path == path.trim()).collect()
        }
        None => ENDPOINTS.iter().filter(|e| e.tool == rule).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use serde_json::Value;

    fn err(v: Value, authorize: bool) -> String {
        plan(Some(&v), authorize).unwrap_err().message().to_string()
    }

    #[test]
    fn closed_until_origins_are_named() {
        assert!(err(json!({"apiKey": "UAK-1"}), false).starts_with("origins: is required"));
        assert!(err(json!({"apiKey": "UAK-1", "origins": []}), false).starts_with("origins: needs at least 1"));
        assert!(err(json!({"apiKey": "UAK-1", "origins": ["*"]}), false).starts_with("origins[0]: cannot be \"*\""));
        for bad in ["app.example.com", "https://app.example.com/path", "https://", "ftp://x", "https://a b"] {
            assert!(
                err(json!({"apiKey": "k", "origins": [bad]}), false).starts_with("origins[0]: must be an origin"),
                "{bad}"
            );
        }
        assert!(err(json!({"origins": ["https://a.example"]}), false).starts_with("apiKey: is required"));
    }

    #[test]
    fn reads_only_by_default_and_never_webhooks() {
        let p = plan(Some(&json!({"apiKey": "k", "origins": ["https://app.example.com"]})), false).unwrap();
        assert!(!p.routes.is_empty());
        assert!(p.routes.iter().all(|e| e.effect == Effect::Read), "reads only");
        assert!(
            p.routes.iter().all(|e| !e.path.starts_with("/open/webhooks")),
            "GET /open/webhooks leaks the hook token"
        );
        assert!(p.routes.iter().any(|e| e.path == "/open/info"));
        assert_eq!(p.base_url, "https://api.p.2chat.io");
        assert_eq!(p.max_body, DEFAULT_MAX_BODY);
    }

    #[test]
    fn the_allow_list_names_endpoints_of_the_table() {
        let p = plan(
            Some(&json!({"apiKey": "k", "origins": ["http://127.0.0.1:8080"], "allow": ["list_messages", "GET /open/contacts/{contact_uuid}"]})),
            false,
        )
        .unwrap();
        let ids: Vec<u8> = p.routes.iter().map(|e| e.id).collect();
        assert_eq!(ids, [13, 14, 47]);
        for (rule, want) in [
            ("GET /open/contacts/", "allow[0]: \"GET /open/contacts/\" names no endpoint"),
            ("list_webhooks", "allow[0]: GET /open/webhooks is never forwarded"),
            (
                "DELETE /open/webhooks/{webhook_uuid}",
                "allow[0]: DELETE /open/webhooks/{webhook_uuid} is never forwarded",
            ),
            ("send_message", "authorize: is required to allow send_message"),
            ("POST /open/numbers/purchase", "authorize: is required to allow purchase_numbers"),
        ] {
            let m = err(json!({"apiKey": "k", "origins": ["https://a.example"], "allow": [rule]}), false);
            assert!(m.starts_with(want), "{rule}: {m}");
        }
        let p = plan(Some(&json!({"apiKey": "k", "origins": ["https://a.example"], "allow": ["send_message"]})), true)
            .unwrap();
        assert_eq!(p.routes.iter().map(|e| e.id).collect::<Vec<_>>(), [12]);
    }

    #[test]
    fn base_url_and_prefix() {
        let p = plan(
            Some(&json!({"apiKey": "k", "origins": ["https://a.example"], "baseUrl": "http://127.0.0.1:9/", "prefix": "/proxy"})),
            false,
        )
        .unwrap();
        assert_eq!((p.base_url.as_str(), p.prefix.as_str()), ("http://127.0.0.1:9", "/proxy"));
        for bad in ["proxy", "/proxy/", "/a//b", "/a;b", "/a%2fb"] {
            let m = err(json!({"apiKey": "k", "origins": ["https://a.example"], "prefix": bad}), false);
            assert!(m.starts_with("prefix: must be a path"), "{bad}: {m}");
        }
        assert!(err(json!({"apiKey": "k", "origins": ["https://a.example"], "baseUrl": "javascript:x"}), false)
            .starts_with("baseUrl: must be an http(s) URL"));
    }
}
