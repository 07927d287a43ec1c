//! Generates, from the endpoint declarations of `twochat-spec`, what the crate compiles: the
//! runtime tables (`table.rs`), the Rust types and typed resources (`types.rs`, `resources.rs`)
//! and the TypeScript declarations of the npm package (`api.d.ts`).
use std::path::PathBuf;

fn main() {
    let problems = twochat_spec::gen::problems(&twochat_spec::gen::methods());
    for p in &problems {
        println!("cargo::error=twochat-spec: {p}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let files = [
        ("table.rs", twochat_spec::gen::runtime::tables()),
        ("api.d.ts", twochat_spec::gen::ts::declarations()),
        ("types.rs", twochat_spec::gen::rust::types()),
        ("resources.rs", twochat_spec::gen::rust::resources()),
        ("payload.rs", twochat_spec::gen::rust::payload()),
        ("getters.rs", twochat_spec::gen::rust::js_getters()),
    ];
    for (name, text) in files {
        let path = out.join(name);
        // Rewritten only when it changed, so an unchanged declaration recompiles nothing.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if let Err(e) = std::fs::write(&path, text) {
                println!("cargo::error=could not write {}: {e}", path.display());
            }
        }
    }
    // The webhook checks of the npm package are a JavaScript module beside the crate's other
    // snippets (wasm-bindgen reads snippets from the crate's own tree): rewritten when the event
    // declarations change it.
    let checks = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join("js/checks.js");
    let text = twochat_spec::gen::runtime::event_checks_js();
    if std::fs::read_to_string(&checks).ok().as_deref() != Some(text.as_str()) {
        if let Err(e) = std::fs::write(&checks, text) {
            println!("cargo::error=could not write {}: {e}", checks.display());
        }
    }
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=js/checks.js");
}
