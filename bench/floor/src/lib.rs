//! One endpoint, nothing else: `info(baseUrl, apiKey)` → the parsed body of GET /open/info.
use gloo_net::http::Request;
use wasm_bindgen::prelude::*;

fn js_error(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

/// GET {baseUrl}/open/info with the API key; the body parsed as JSON (in Rust, with serde_json,
/// as the SDK does), handed to JS as a plain object.
#[wasm_bindgen]
pub async fn info(base_url: String, api_key: String) -> Result<JsValue, JsValue> {
    let response = Request::get(&format!("{}/open/info", base_url.trim_end_matches('/')))
        .header("X-User-API-Key", &api_key)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(js_error)?;
    let text = response.text().await.map_err(js_error)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(js_error)?;
    if !response.ok() {
        return Err(js_error(format_args!("HTTP {}: {}", response.status(), value)));
    }
    js_sys::JSON::parse(&value.to_string())
}

/// The least a Rust client on gloo-net does per API call (`--features call`, for
/// bench/calls.mjs): `method url` with the given headers (`[name, value, …]`) under a timeout
/// signal (`AbortSignal.timeout(ms)`), the body's text, and `JSON.parse` of it. No validation, no
/// retries, no checks of the answer.
#[cfg(feature = "call")]
#[wasm_bindgen]
pub async fn call(method: String, url: String, headers: Vec<String>, ms: u32) -> Result<JsValue, JsValue> {
    let signal = web_sys::AbortSignal::timeout_with_u32(ms);
    let mut request = gloo_net::http::RequestBuilder::new(&url).method(match method.as_str() {
        "POST" => gloo_net::http::Method::POST,
        "PUT" => gloo_net::http::Method::PUT,
        "DELETE" => gloo_net::http::Method::DELETE,
        _ => gloo_net::http::Method::GET,
    });
    for pair in headers.chunks(2) {
        if let [name, value] = pair {
            request = request.header(name, value);
        }
    }
    let response = request.abort_signal(Some(&signal)).send().await.map_err(js_error)?;
    let text = response.text().await.map_err(js_error)?;
    js_sys::JSON::parse(&text)
}
