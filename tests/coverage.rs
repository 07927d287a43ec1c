//! The README's coverage table is generated from the endpoint table; this test fails when they
//! disagree. Run with `TWOCHAT_UPDATE_README=1 cargo test --test coverage` to rewrite it.
#![cfg(not(target_arch = "wasm32"))]

use twochat::endpoints::{CONTRACT_ENDPOINTS, ENDPOINTS};

const START: &str = "<!-- coverage:start -->\n";
const END: &str = "<!-- coverage:end -->";

fn table() -> String {
    let mut ids: Vec<u8> = ENDPOINTS.iter().map(|e| e.id).collect();
    ids.dedup();
    let mut out = format!(
        "**{}/{}** endpoints of the contract have typed methods.\n\n| # | HTTP | JS method | status |\n|---|---|---|---|\n",
        ids.len(),
        CONTRACT_ENDPOINTS
    );
    for e in ENDPOINTS {
        out.push_str(&format!(
            "| {} | `{} {}` | `client.{}.{}` | ✅ |\n",
            e.id,
            e.method.as_str(),
            e.path,
            e.resource,
            e.method_name
        ));
    }
    out
}

#[test]
fn readme_coverage_table_matches_the_endpoint_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find(START).expect("coverage start marker") + START.len();
    let end = readme.find(END).expect("coverage end marker");
    let want = table();
    if std::env::var_os("TWOCHAT_UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], want, &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        want,
        "README coverage table is stale: run TWOCHAT_UPDATE_README=1 cargo test --test coverage"
    );
}
