//! The generators: each turns the declarations into one surface.

pub mod readme;
pub mod runtime;
pub mod rust;
pub mod tools;
pub mod ts;

use crate::Endpoint;

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
    /// Their positions in [`crate::api::ENDPOINTS`].
    pub indices: Vec<usize>,
}

/// The client's methods, in table order.
pub fn methods() -> Vec<Method> {
    let mut out: Vec<Method> = Vec::new();
    for (i, e) in crate::api::ENDPOINTS.iter().enumerate() {
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
}
