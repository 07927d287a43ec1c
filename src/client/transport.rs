//! One HTTP attempt, a sleep, the clock and a random number: what the typed client needs from its
//! platform. On wasm32 the runtime's `fetch` (through gloo-net) and timers; natively reqwest and
//! tokio's timer.

use crate::table::Method;

/// One HTTP answer, read in full.
pub(crate) struct Answer {
    pub status: u16,
    pub retry_after: Option<String>,
    pub location: Option<String>,
    pub body: String,
}

/// What one attempt came to.
pub(crate) enum Sent {
    Answer(Answer),
    Network(String),
    Timeout,
}

/// One request to send.
pub(crate) struct Outgoing<'a> {
    pub method: Method,
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub body: Option<&'a str>,
    pub timeout_ms: u32,
}

#[cfg(all(not(target_arch = "wasm32"), feature = "native"))]
mod platform {
    use super::{Answer, Outgoing, Sent};
    use crate::table::Method;

    /// reqwest, with redirects never followed (the key would go with them).
    #[derive(Clone, Debug)]
    pub(crate) struct Transport {
        http: reqwest::Client,
    }

    impl Transport {
        pub(crate) fn new() -> Result<Self, String> {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| e.to_string())?;
            Ok(Transport { http })
        }

        pub(crate) async fn send(&self, req: Outgoing<'_>) -> Sent {
            let method = match req.method {
                Method::Get => reqwest::Method::GET,
                Method::Post => reqwest::Method::POST,
                Method::Put => reqwest::Method::PUT,
                Method::Delete => reqwest::Method::DELETE,
            };
            let mut builder = self
                .http
                .request(method, req.url)
                .timeout(std::time::Duration::from_millis(u64::from(req.timeout_ms)));
            for (k, v) in req.headers {
                builder = builder.header(k.as_str(), v.as_str());
            }
            if let Some(b) = req.body {
                builder = builder.body(b.to_string());
            }
            let response = match builder.send().await {
                Ok(r) => r,
                Err(e) if e.is_timeout() => return Sent::Timeout,
                Err(e) => return Sent::Network(describe(&e)),
            };
            let status = response.status().as_u16();
            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            let retry_after = header("retry-after");
            let location = header("location");
            match response.text().await {
                Ok(body) => Sent::Answer(Answer { status, retry_after, location, body }),
                Err(e) if e.is_timeout() => Sent::Timeout,
                Err(e) => Sent::Network(format!(
                    "the connection broke while reading the HTTP {status} body: {}",
                    describe(&e)
                )),
            }
        }

        pub(crate) async fn sleep(&self, ms: u64) {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        }

        pub(crate) fn now_ms(&self) -> f64 {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0.0, |d| d.as_millis() as f64)
        }
    }

    /// reqwest's error and its causes, on one line (never the URL, which is the caller's own).
    fn describe(e: &reqwest::Error) -> String {
        let mut out = if e.is_connect() { "could not connect".to_string() } else { "the request failed".to_string() };
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            out.push_str(": ");
            out.push_str(&s.to_string());
            source = s.source();
        }
        out
    }
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use std::pin::pin;

    use futures_util::future::{select, Either};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{AbortController, ResponseType};

    use super::{Answer, Outgoing, Sent};
    use crate::web::fetch::{describe_js_error, fetch, headers_object, request_init};
    use crate::web::timer::{now_ms, sleep, Fired, Watch};

    /// The runtime's own `fetch`; redirects are answers, never followed.
    #[derive(Clone, Debug)]
    pub(crate) struct Transport;

    /// Aborts the attempt's fetch when the attempt is dropped (the caller dropped its future).
    struct AbortOnDrop(AbortController);

    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            self.0.abort();
        }
    }

    impl Transport {
        pub(crate) fn new() -> Result<Self, String> {
            Ok(Transport)
        }

        pub(crate) async fn send(&self, req: Outgoing<'_>) -> Sent {
            let controller = match AbortController::new() {
                Ok(c) => c,
                Err(e) => return Sent::Network(describe_js_error(&e)),
            };
            let guard = AbortOnDrop(controller);
            let signal = guard.0.signal();
            let mut watch = Watch::start(f64::from(req.timeout_ms), None, Some(&guard.0));
            let exchange = async {
                let headers = headers_object(req.headers.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
                let body = req.body.map(JsValue::from_str);
                let init = request_init(req.method.as_str(), &headers, body.as_ref(), Some(&signal));
                let response = fetch(req.url, &init).await?;
                let status = response.status();
                let raw: web_sys::Response = response.into();
                let header = |n: &str| raw.headers().get(n).ok().flatten();
                let (retry_after, location) = (header("retry-after"), header("location"));
                if raw.type_() == ResponseType::Opaqueredirect {
                    return Ok(Answer { status: 0, retry_after, location, body: String::new() });
                }
                let text = match raw.text() {
                    Ok(p) => JsFuture::from(p).await,
                    Err(e) => Err(e),
                }
                .map_err(|e| format!("the connection broke while reading the HTTP {status} body: {}", describe_js_error(&e)))?;
                Ok::<_, String>(Answer { status, retry_after, location, body: text.as_string().unwrap_or_default() })
            };
            let outcome = match select(pin!(exchange), pin!(watch.wait())).await {
                Either::Left((Ok(answer), _)) => Sent::Answer(answer),
                Either::Left((Err(msg), _)) => Sent::Network(msg),
                Either::Right((Fired::Elapsed | Fired::Aborted, _)) => Sent::Timeout,
            };
            match (watch.fired(), outcome) {
                (Some(_), Sent::Network(_)) => Sent::Timeout,
                (_, outcome) => outcome,
            }
        }

        pub(crate) async fn sleep(&self, ms: u64) {
            sleep(ms as f64, None).await;
        }

        pub(crate) fn now_ms(&self) -> f64 {
            now_ms()
        }
    }
}

pub(crate) use platform::Transport;

/// A number in `[0, 1)` for the retry jitter: not for secrets.
pub(crate) fn random(seed: f64) -> f64 {
    // SplitMix64 over the clock and a counter: enough to spread retries of concurrent calls.
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let mut z = (seed as u64) ^ COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}
