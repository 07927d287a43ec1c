//! The declarations against the contract, `../shared/spec/2chat-api.md`, read independently: its
//! endpoint tables (§2: number, method, path, success status) and its event names (§3.1). The mock
//! takes its routes and event names from the declarations, so it cannot catch a declaration that
//! disagrees with 2Chat; this test can.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

fn contract() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/spec/2chat-api.md");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The lines of the section that starts with `start` and ends at the next `## ` heading.
fn section<'a>(text: &'a str, start: &str) -> Vec<&'a str> {
    let from = text.find(start).unwrap_or_else(|| panic!("no section {start:?} in the contract"));
    let rest = &text[from + start.len()..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest[..end].lines().collect()
}

/// One row of the contract's endpoint tables.
#[derive(Debug)]
struct Row {
    method: String,
    /// From the host, placeholders as `{}`, without a query string.
    path: String,
    success: u16,
}

/// `/whatsapp/messages/{your_number}` (relative to /open) or an absolute URL → `/open/whatsapp/messages/{}`.
fn normalise(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    let path = match path.strip_prefix("https://api.p.2chat.io") {
        Some(absolute) => absolute.to_string(),
        None => format!("/open{path}"),
    };
    path.split('/')
        .map(|seg| if seg.starts_with('{') && seg.ends_with('}') { "{}" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

fn rows(text: &str) -> BTreeMap<u8, Row> {
    let mut out = BTreeMap::new();
    for line in section(text, "## 2. Endpoint reference") {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | # | `METHOD path` | params | response | source |
        let (Some(id), Some(call), Some(response)) = (cells.get(1), cells.get(2), cells.get(4)) else { continue };
        let Ok(id) = id.parse::<u8>() else { continue };
        let call = call.split('`').nth(1).unwrap_or_else(|| panic!("#{id}: no `METHOD path` in {call:?}"));
        let (method, path) = call.split_once(' ').unwrap_or_else(|| panic!("#{id}: {call:?}"));
        let success = if response.contains("**HTTP 202**") {
            202
        } else if response.starts_with("**201**") {
            201
        } else {
            200
        };
        let previous = out.insert(id, Row { method: method.to_string(), path: normalise(path), success });
        assert!(previous.is_none(), "#{id} appears twice in the contract");
    }
    out
}

/// Whether a declared path is the contract's: the same segments, placeholders for placeholders;
/// where the contract has a placeholder the declaration may fix its value (#9's `{command}` is one
/// row per command: `connect`, `disconnect`).
fn same_path(declared: &str, contract: &str) -> bool {
    let d: Vec<&str> = declared.split('/').collect();
    let c: Vec<&str> = contract.split('/').collect();
    d.len() == c.len()
        && d.iter().zip(&c).all(|(d, c)| {
            *c == "{}" || (!d.starts_with('{') && d == c)
        })
}

#[test]
fn every_declared_row_is_the_contracts_and_every_contract_row_is_declared() {
    let text = contract();
    let contract = rows(&text);
    assert_eq!(contract.len(), usize::from(twochat::endpoints::CONTRACT_ENDPOINTS), "the contract's row count");
    let declared = twochat::endpoints::ENDPOINTS;
    for e in declared.iter() {
        let c = contract.get(&e.id).unwrap_or_else(|| panic!("#{} {} {} is not in the contract", e.id, e.method.as_str(), e.path));
        assert_eq!(e.method.as_str(), c.method, "#{} method", e.id);
        assert!(same_path(e.path, &c.path), "#{}: declared {} but the contract says {}", e.id, e.path, c.path);
    }
    for id in contract.keys() {
        assert!(declared.iter().any(|e| e.id == *id), "contract row #{id} is not declared");
    }
    // The literal values of #9's {command}: the contract names them in the row.
    let nine = text.lines().find(|l| l.starts_with("| 9 |")).unwrap();
    for e in declared.iter().filter(|e| e.id == 9) {
        let command = e.path.rsplit('/').next().unwrap();
        assert!(nine.contains(&format!("`{command}`")), "#9 does not document the command {command:?}");
    }
}

#[test]
fn success_statuses_are_the_contracts() {
    let text = contract();
    let contract = rows(&text);
    // #44 says nothing in its row; the status table does: "201 | Created (e.g. contact creation, …)".
    assert!(text.contains("| 201 | Created (e.g. contact creation"), "the status table's 201 line changed");
    for e in twochat::endpoints::ENDPOINTS.iter() {
        let want = if e.id == 44 { 201 } else { contract[&e.id].success };
        assert_eq!(e.success_status, want, "#{} {} {}", e.id, e.method.as_str(), e.path);
    }
}

#[test]
fn the_event_names_are_the_contracts() {
    let text = contract();
    let mut names: Vec<String> = section(&text, "### 3.1 Event names")
        .iter()
        .take_while(|l| !l.starts_with("### "))
        .filter_map(|l| l.strip_prefix("| `").and_then(|r| r.split('`').next()))
        .map(str::to_string)
        .collect();
    names.sort();
    let mut declared: Vec<String> = twochat::events::EVENT_NAMES.iter().map(|s| s.to_string()).collect();
    declared.sort();
    assert_eq!(declared, names);
    assert!(text.contains("25 distinct documented names, plus 2 names that appear only in n8n"));
    assert_eq!(names.len(), 27);
}

#[test]
fn the_reader_of_the_contract_is_not_blind() {
    // The parser above is what makes the checks meaningful: it must see every row and tell a wrong
    // declaration apart.
    let contract = rows(&contract());
    assert_eq!(contract[&11].path, "/open/whatsapp/check-number/{}/{}");
    assert_eq!(contract[&1].path, "/ping");
    assert_eq!(contract[&4].path, "/sdk/voip/access-token");
    assert_eq!(contract[&65].success, 202);
    assert_eq!(contract[&75].success, 201);
    assert!(!same_path("/open/whatsapp/check-number/{from_number}", &contract[&11].path));
    assert!(!same_path("/open/whatsapp/checknumber/{a}/{b}", &contract[&11].path));
    assert!(!same_path("/open/whatsapp/check-number/fixed/{b}", "/open/whatsapp/check-number/x/{}"));
}

#[test]
fn no_declared_name_holds_a_separator_of_the_endpoint_text() {
    // `endpoints()` hands the table to JavaScript as one text: tab-separated fields, a line per
    // endpoint, comma-separated arguments (src/wasm/client.rs).
    for e in twochat::endpoints::ENDPOINTS.iter() {
        let args = e.op().map_or(&[][..], |o| o.args).iter().map(|a| a.wire);
        for name in [e.method.as_str(), e.path, e.resource, e.method_name, e.tool, e.effect.as_str()].into_iter().chain(args) {
            assert!(!name.is_empty() && !name.contains(['\t', '\n', ',']), "#{}: {name:?}", e.id);
        }
    }
}
