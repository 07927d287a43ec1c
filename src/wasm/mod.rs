//! The npm package's JavaScript surface (feature `js`): the `TwoChat` class and its calls (state
//! machines stepped by `js/http.js`), `parseWebhook`, `WebhookRouter` and `createProxy`.

mod client;
pub mod error;
mod http;
mod jsjson;
mod machine;
mod pager;
mod proxy;
mod types;
mod webhooks;

pub use client::{endpoints, parse_timestamp, wasm_memory_bytes, Core, TwoChat};
pub use proxy::create_proxy;
pub use webhooks::{parse_webhook, WebhookRouter};

/// The package's allocator: talc, smaller than Rust's default dlmalloc in the module and faster.
/// Only the npm build (feature `js`) sets it; a crate depending on twochat keeps its own.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `globalThis`, which every runtime the package supports has (js_sys's `global()` probes four
    /// names for older ones).
    #[wasm_bindgen(thread_local_v2, js_name = globalThis)]
    static GLOBAL_THIS: wasm_bindgen::JsValue;
}

/// The global object (`window`, `self`, Node's `global`, a Worker's scope).
fn global() -> wasm_bindgen::JsValue {
    GLOBAL_THIS.with(wasm_bindgen::JsValue::clone)
}
