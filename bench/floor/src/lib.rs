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
/// bench/calls.mjs): a client holding its method and headers (made once, as a client would), each
/// call `method url` through gloo-net's `RequestBuilder` under a timeout (an `AbortController` and
/// a timer cleared when the call ends), the body's text, and `JSON.parse` of it. No validation, no
/// retries, no checks of the answer.
#[cfg(feature = "call")]
#[wasm_bindgen]
pub struct Client {
    method: gloo_net::http::Method,
    headers: std::rc::Rc<Vec<(String, String)>>,
    ms: i32,
}

#[cfg(feature = "call")]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

#[cfg(feature = "call")]
#[wasm_bindgen]
impl Client {
    /// `headers` as `[name, value, …]`.
    #[wasm_bindgen(constructor)]
    pub fn new(method: &str, headers: Vec<String>, ms: i32) -> Client {
        let method = match method {
            "POST" => gloo_net::http::Method::POST,
            "PUT" => gloo_net::http::Method::PUT,
            "DELETE" => gloo_net::http::Method::DELETE,
            _ => gloo_net::http::Method::GET,
        };
        let pairs = headers.chunks(2).filter_map(|p| match p {
            [name, value] => Some((name.clone(), value.clone())),
            _ => None,
        });
        Client { method, headers: std::rc::Rc::new(pairs.collect()), ms }
    }

    /// The parsed body of `url`.
    pub fn call(&self, url: String) -> js_sys::Promise {
        let (method, headers, ms) = (self.method.clone(), self.headers.clone(), self.ms);
        wasm_bindgen_futures::future_to_promise(async move {
            let controller = web_sys::AbortController::new()?;
            let abort = {
                let controller = controller.clone();
                Closure::once(move || controller.abort())
            };
            let timer = set_timeout(abort.as_ref().unchecked_ref(), ms);
            let mut request = gloo_net::http::RequestBuilder::new(&url).method(method);
            for (name, value) in headers.iter() {
                request = request.header(name, value);
            }
            let answer = async {
                let response = request.abort_signal(Some(&controller.signal())).send().await.map_err(js_error)?;
                let text = response.text().await.map_err(js_error)?;
                js_sys::JSON::parse(&text)
            }
            .await;
            clear_timeout(&timer);
            drop(abort);
            answer
        })
    }
}
