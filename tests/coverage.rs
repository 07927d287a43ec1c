//! The README's coverage table is generated from the endpoint declarations; this test fails when
//! they disagree. Run with `TWOCHAT_UPDATE_README=1 cargo test --test coverage` to rewrite it.
#![cfg(not(target_arch = "wasm32"))]

const START: &str = "<!-- coverage:start -->\n";
const END: &str = "<!-- coverage:end -->";

#[test]
fn readme_coverage_table_matches_the_endpoint_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find(START).expect("coverage start marker") + START.len();
    let end = readme.find(END).expect("coverage end marker");
    let want = twochat_spec::gen::readme::coverage();
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
