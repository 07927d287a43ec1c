//! The generators: each turns the declarations into one surface.

pub mod readme;
pub mod runtime;
pub mod rust;
pub mod tools;
pub mod ts;

use std::cell::RefCell;

use crate::{Endpoint, Model};

/// What the generators read: the endpoint rows, the resources, and the models. Normally the
/// declarations of this crate ([`Declarations::declared`]); a test can run every generator over
/// other declarations with [`with_declarations`] (see `adding_an_endpoint_is_one_declaration`).
#[derive(Clone, Copy, Debug)]
pub struct Declarations {
    /// The rows ([`crate::api::ENDPOINTS`]).
    pub endpoints: &'static [Endpoint],
    /// The resources and their docs ([`crate::api::RESOURCES`]).
    pub resources: &'static [(&'static str, &'static str)],
    /// The params models ([`crate::api::PARAMS`]).
    pub params: &'static [&'static Model],
    /// The response models ([`crate::models::ALL`]).
    pub models: &'static [&'static Model],
}

impl Declarations {
    /// This crate's declarations.
    pub const fn declared() -> Declarations {
        Declarations {
            endpoints: crate::api::ENDPOINTS,
            resources: crate::api::RESOURCES,
            params: crate::api::PARAMS,
            models: crate::models::ALL,
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Declarations> = const { RefCell::new(Declarations::declared()) };
}

/// The declarations the generators read on this thread.
pub fn decl() -> Declarations {
    CURRENT.with(|c| *c.borrow())
}

/// Runs `f` with the generators reading `d` instead of this crate's declarations.
pub fn with_declarations<T>(d: Declarations, f: impl FnOnce() -> T) -> T {
    let before = CURRENT.with(|c| c.replace(d));
    let out = f();
    CURRENT.with(|c| c.replace(before));
    out
}

/// A method of the client: one or more rows of the table (`messages.list` is #13 and #14).
#[derive(Clone, Debug)]
pub struct Method {
    /// The resource (`messages`).
    pub resource: &'static str,
    /// The method (`list`).
    pub name: &'static str,
    /// The row that declares its arguments and params (the first).
    pub primary: &'static Endpoint,
    /// Every row it may call, the primary first.
    pub rows: Vec<&'static Endpoint>,
    /// Their positions in the endpoint rows ([`Declarations::endpoints`]).
    pub indices: Vec<usize>,
}

/// The client's methods, in table order.
pub fn methods() -> Vec<Method> {
    let mut out: Vec<Method> = Vec::new();
    for (i, e) in decl().endpoints.iter().enumerate() {
        match out.iter_mut().find(|m| m.resource == e.resource && m.name == e.name) {
            Some(m) => {
                m.rows.push(e);
                m.indices.push(i);
            }
            None => out.push(Method { resource: e.resource, name: e.name, primary: e, rows: vec![e], indices: vec![i] }),
        }
    }
    out
}

/// What would make a generated surface lie: the rows of one method that differ in effect (the
/// MCP annotations, the read-only tool filter and the proxy's reads-only default would each be
/// right for one row only) or in tool name. `build.rs` refuses to build with any.
pub fn problems(methods: &[Method]) -> Vec<String> {
    let mut out = Vec::new();
    for m in methods {
        let first = m.primary;
        for r in &m.rows {
            for name in r.path_params() {
                let filled = first.args.iter().any(|a| a.wire == name) || r.when == Some(name);
                if !filled {
                    out.push(format!("{}.{}: nothing fills {{{name}}} of endpoint #{} ({})", m.resource, m.name, r.id, r.path));
                }
            }
        }
        for r in m.rows.iter().skip(1) {
            if r.effect != first.effect {
                out.push(format!(
                    "tool {}: endpoint #{} is {:?} but #{} is {:?}",
                    first.tool,
                    r.id,
                    r.effect.as_str(),
                    first.id,
                    first.effect.as_str()
                ));
            }
            if r.tool != first.tool {
                out.push(format!("{}.{}: endpoint #{} is tool {} but #{} is {}", m.resource, m.name, r.id, r.tool, first.id, first.tool));
            }
        }
    }
    out
}

/// `phoneNumbers` → `PhoneNumbers`.
pub fn camel_to_pascal(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// `addParticipants` → `add_participants`.
pub fn camel_to_snake(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `send_message` → `SendMessage`.
pub fn snake_to_pascal(s: &str) -> String {
    s.split(['_', '-', '.']).filter(|p| !p.is_empty()).map(camel_to_pascal).collect()
}

/// The iterator of a paged list method: `list` → `iterate`, `listTemplates` → `iterateTemplates`,
/// `search` → `iterateSearch`.
pub fn iterator_name(method: &str) -> String {
    match method.strip_prefix("list") {
        Some("") => "iterate".into(),
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => format!("iterate{rest}"),
        _ => format!("iterate{}", camel_to_pascal(method)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(iterator_name("list"), "iterate");
        assert_eq!(iterator_name("listTemplates"), "iterateTemplates");
        assert_eq!(iterator_name("search"), "iterateSearch");
        assert_eq!(iterator_name("messages"), "iterateMessages");
        assert_eq!(camel_to_snake("addParticipants"), "add_participants");
        assert_eq!(snake_to_pascal("send_message"), "SendMessage");
        assert_eq!(methods().len(), 72);
    }

    #[test]
    fn the_declarations_have_no_problems_and_lying_ones_are_found() {
        assert_eq!(problems(&methods()), Vec::<String>::new());
        let mut all = methods();
        let list = all.iter_mut().find(|m| m.resource == "messages" && m.name == "list").unwrap();
        let mut second = *list.rows[1];
        second.effect = crate::Effect::Remove;
        list.rows[1] = Box::leak(Box::new(second));
        assert_eq!(problems(&all), vec![r#"tool list_messages: endpoint #14 is "remove" but #13 is "read""#.to_string()]);
        let mut all = methods();
        let get = all.iter_mut().find(|m| m.resource == "groups" && m.name == "get").unwrap();
        let mut row = *get.rows[0];
        row.path = "/open/whatsapp/group/{group_uuid}/{typo}";
        get.rows[0] = Box::leak(Box::new(row));
        assert_eq!(problems(&all), vec!["groups.get: nothing fills {typo} of endpoint #23 (/open/whatsapp/group/{group_uuid}/{typo})".to_string()]);
    }

    /// The README's "Adding an endpoint" steps, proven: one new row and its params model, and every
    /// generated surface has the new method — the runtime table (from which the JS method and the
    /// mock's route are made), the TypeScript declarations, the Rust types and resource method, the
    /// tool and the README coverage row — with nothing else edited.
    #[test]
    fn adding_an_endpoint_is_one_declaration() {
        use crate::models::{E164, SUCCESS_RESPONSE};
        use crate::{body, model, opt, req, shape, Effect, Method as Http, Text, Ty};

        static REACT_PARAMS: Model = model(
            "ReactParams",
            "A reaction to a message.",
            Ty::Obj(&shape(&[
                req("from_number", E164),
                req("message_uuid", Ty::Str(Text::Token)),
                opt("emoji", Ty::Str(Text::NonBlankMax(8))).doc("One emoji; leave out to remove the reaction."),
            ])),
        );
        let mut row = crate::api::ENDPOINTS[11];
        row.id = 76;
        row.method = Http::Post;
        row.path = "/open/whatsapp/react";
        row.resource = "messages";
        row.name = "react";
        row.args = &[];
        row.params = body(&REACT_PARAMS);
        row.response = &SUCCESS_RESPONSE;
        row.paging = None;
        row.tool = "react_to_message";
        row.effect = Effect::Send;
        row.summary = "Reacts to a WhatsApp message with an emoji.";
        let endpoints: Vec<Endpoint> = crate::api::ENDPOINTS.iter().copied().chain([row]).collect();
        let params: Vec<&'static Model> = crate::api::PARAMS.iter().copied().chain([&REACT_PARAMS]).collect();
        let extended = Declarations {
            endpoints: Box::leak(endpoints.into_boxed_slice()),
            params: Box::leak(params.into_boxed_slice()),
            ..Declarations::declared()
        };
        with_declarations(extended, || {
            assert_eq!(problems(&methods()), Vec::<String>::new());
            let tables = super::runtime::tables();
            assert!(tables.contains(r#"path: "/open/whatsapp/react""#), "the runtime row");
            assert!(tables.contains(r#"name: "react", tool: "react_to_message""#), "the method the JS resource is built from");
            let ts = super::ts::declarations();
            assert!(ts.contains("export interface ReactParams {"), "the params type");
            assert!(ts.contains("react(params: ReactParams, opts?: RequestOptions): Promise<SuccessResponse>;"), "the JS method's type");
            let types = super::rust::types();
            assert!(types.contains("pub struct ReactParams {"), "the Rust params type");
            let resources = super::rust::resources();
            assert!(resources.contains("pub async fn react(self, params: &crate::types::ReactParams) -> Result<crate::types::SuccessResponse>"));
            let tools = super::tools::json();
            assert!(tools.contains(r#""name":"react_to_message""#), "the tool");
            assert!(tools.contains(r#""effect":"send""#));
            let readme = super::readme::coverage();
            assert!(readme.contains("| 76 | `POST /open/whatsapp/react` | `client.messages.react` | `client.messages().react` |"), "the README row");
        });
        // And back to the declarations of the crate.
        assert!(!super::runtime::tables().contains("/open/whatsapp/react"));
    }
}
