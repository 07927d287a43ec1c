//! The typed client suite in headless Chrome, over the page's `fetch`:
//! `scripts/with-mock.sh wasm-pack test --headless --chrome -- --test browser` (see `make test`).
//! The mock answers with CORS headers, as a browser needs.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod typed;
