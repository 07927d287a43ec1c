//! The README's endpoint coverage table.

use crate::api::CONTRACT_ENDPOINTS;

/// The table, between the README's coverage markers.
pub fn coverage() -> String {
    let endpoints = crate::gen::decl().endpoints;
    let mut ids: Vec<u8> = endpoints.iter().map(|e| e.id).collect();
    ids.dedup();
    let mut out = format!(
        "**{}/{}** endpoints of the contract have typed methods.\n\n| # | HTTP | JS method | Rust method | status |\n|---|---|---|---|---|\n",
        ids.len(),
        CONTRACT_ENDPOINTS
    );
    for e in endpoints {
        out.push_str(&format!(
            "| {} | `{} {}` | `client.{}.{}` | `client.{}().{}` | ✅ |\n",
            e.id,
            e.method.as_str(),
            e.path,
            e.resource,
            e.name,
            crate::gen::camel_to_snake(e.resource),
            crate::gen::camel_to_snake(e.name)
        ));
    }
    out
}
