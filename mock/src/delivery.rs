//! The webhook delivery engine: deliveries planned while a request is answered are POSTed after its
//! response has been sent, by a tokio task, one after the other, with a tiny HTTP/1.1 client.
//!
//! * **Safety rule**: only `http://127.0.0.1…`, `http://localhost…` and `http://[::1]…` hook URLs are
//!   contacted. Any other URL (https, another host, a user-info trick such as
//!   `http://127.0.0.1@example.com/`) is never contacted: its delivery is recorded with
//!   `skipped` = [`SKIPPED_NOT_LOOPBACK`].
//! * Each delivery has [`DELIVERY_TIMEOUT`] (connect, send, read the status line); there are no
//!   retries.
//! * Every attempt is recorded on the account ([`Delivery`]), in the order attempts finish;
//!   `GET /__mock/deliveries` lists them (see [`crate::control`]).
//!
//! "After the response has been sent" is literal: the response body is wrapped so that dropping
//! it (hyper drops it once written, or when the client goes away) releases the task.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::response::Response;
use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

use crate::state::AppState;
use crate::util::{iso_z, new_id, now_secs};

/// How long one delivery may take: connecting, sending the request and reading the status line.
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the client keeps reading (and discarding) the rest of an answer after its status line.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(1);

/// The `skipped` reason of a hook URL that is not loopback.
pub const SKIPPED_NOT_LOOPBACK: &str = "only loopback hook URLs are delivered by twochat-mock";

/// The `User-Agent` of deliveries.
pub const USER_AGENT: &str = "twochat-mock";

/// At most this many deliveries are kept per account; the oldest go first.
pub const MAX_DELIVERIES: usize = 10_000;

/// A delivery decided while answering a request: one subscription, one payload.
#[derive(Clone, Debug)]
pub struct Planned {
    /// The subscription (`WHK…`).
    pub webhook_uuid: String,
    /// The event name, as subscribed.
    pub event: String,
    pub hook_url: String,
    pub payload: Value,
}

/// One recorded delivery attempt (`GET /__mock/deliveries`).
#[derive(Clone, Debug, Serialize)]
pub struct Delivery {
    /// `DLV…`
    pub id: String,
    pub event: String,
    /// The subscription it was for (`WHK…`).
    pub webhook_uuid: String,
    pub hook_url: String,
    /// The JSON body that was (or would have been) POSTed.
    pub payload: Value,
    /// The HTTP status the receiver answered; null when none was read.
    pub status: Option<u16>,
    /// Why no status was read (connection refused, timeout, …); null otherwise.
    pub error: Option<String>,
    /// Why the URL was not contacted at all; null when it was.
    pub skipped: Option<String>,
    /// When the attempt finished, ISO 8601 with `Z`.
    pub delivered_at: String,
}

/// Deliveries to run for one account once a response has been sent.
#[derive(Debug)]
pub struct Batch {
    pub api_key: String,
    /// Guards against recording into a different account registered under the same key meanwhile.
    pub account_uuid: String,
    pub planned: Vec<Planned>,
}

/// Spawns the deliveries of `batch`, to run once `response` has been sent (its body dropped), and
/// returns the response with its body wrapped accordingly. Without deliveries, or outside a tokio
/// runtime, the response is returned as it is.
pub fn schedule(state: &AppState, batch: Batch, response: Response) -> Response {
    if batch.planned.is_empty() {
        return response;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return response;
    };
    let (sent, released) = oneshot::channel::<()>();
    let state = state.clone();
    runtime.spawn(async move {
        // Completes (with an error) when the wrapped body is dropped.
        let _ = released.await;
        for planned in batch.planned {
            let delivery = attempt(planned).await;
            state.record_delivery(&batch.api_key, &batch.account_uuid, delivery);
        }
    });
    response.map(|inner| Body::new(SentSignal { inner, _sent: sent }))
}

/// A response body that drops a oneshot sender along with itself.
struct SentSignal {
    inner: Body,
    _sent: oneshot::Sender<()>,
}

impl HttpBody for SentSignal {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.get_mut().inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Runs one delivery and describes how it went.
pub async fn attempt(planned: Planned) -> Delivery {
    let (status, error, skipped) = match loopback_target(&planned.hook_url) {
        Err(Refusal::NotLoopback) => (None, None, Some(SKIPPED_NOT_LOOPBACK.to_owned())),
        Err(Refusal::Invalid(message)) => (None, Some(message), None),
        Ok(target) => {
            let body = serde_json::to_vec(&planned.payload).unwrap_or_default();
            match tokio::time::timeout(DELIVERY_TIMEOUT, post_json(&target, &body)).await {
                Ok(Ok(code)) => (Some(code), None, None),
                Ok(Err(message)) => (None, Some(message), None),
                Err(_) => (None, Some(format!("timed out after {} s", DELIVERY_TIMEOUT.as_secs())), None),
            }
        }
    };
    Delivery {
        id: new_id("DLV"),
        event: planned.event,
        webhook_uuid: planned.webhook_uuid,
        hook_url: planned.hook_url,
        payload: planned.payload,
        status,
        error,
        skipped,
        delivered_at: iso_z(now_secs()),
    }
}

/// Where a loopback hook URL points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The `Host` header: the URL's authority as written.
    pub authority: String,
    /// Addresses to try, in order (`localhost` is 127.0.0.1, then ::1; never resolved by DNS).
    pub addrs: Vec<SocketAddr>,
    /// Path and query, starting with `/`.
    pub path: String,
}

/// Why a hook URL is not contacted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not `http://` to `127.0.0.1`, `localhost` or `[::1]`: recorded as skipped.
    NotLoopback,
    /// A loopback URL the client cannot use (a bad port): recorded as an error.
    Invalid(String),
}

/// Applies the safety rule: the target of an `http://` URL whose host is exactly `127.0.0.1`,
/// `localhost` or `[::1]` (no user info), or why it is refused.
pub fn loopback_target(url: &str) -> Result<Target, Refusal> {
    let scheme = url.get(..7).ok_or(Refusal::NotLoopback)?;
    if !scheme.eq_ignore_ascii_case("http://") {
        return Err(Refusal::NotLoopback);
    }
    let rest = url.get(7..).unwrap_or_default();
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Err(Refusal::NotLoopback);
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (host, after) = bracketed.split_once(']').ok_or(Refusal::NotLoopback)?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or(Refusal::NotLoopback)?),
        };
        (host, port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let host = host.to_ascii_lowercase();
    let ips: Vec<std::net::IpAddr> = match host.as_str() {
        "127.0.0.1" => vec![Ipv4Addr::LOCALHOST.into()],
        "::1" => vec![Ipv6Addr::LOCALHOST.into()],
        "localhost" => vec![Ipv4Addr::LOCALHOST.into(), Ipv6Addr::LOCALHOST.into()],
        _ => return Err(Refusal::NotLoopback),
    };
    let port = match port {
        None | Some("") => 80,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| Refusal::Invalid(format!("the hook URL has an invalid port `{p}`")))?,
    };
    let tail = tail.split('#').next().unwrap_or_default();
    let path = if tail.starts_with('/') { tail.to_owned() } else { format!("/{tail}") };
    Ok(Target {
        authority: authority.to_owned(),
        addrs: ips.into_iter().map(|ip| SocketAddr::new(ip, port)).collect(),
        path,
    })
}

/// POSTs `body` as JSON to `target` and returns the status of the answer.
async fn post_json(target: &Target, body: &[u8]) -> Result<u16, String> {
    let mut stream = None;
    let mut last_error = String::from("no address to connect to");
    for addr in &target.addrs {
        match TcpStream::connect(addr).await {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last_error = format!("cannot connect to {addr}: {e}"),
        }
    }
    let mut stream = stream.ok_or(last_error)?;
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {USER_AGENT}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        target.path,
        target.authority,
        body.len()
    );
    let mut request = head.into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request).await.map_err(|e| format!("cannot send the request: {e}"))?;
    stream.flush().await.map_err(|e| format!("cannot send the request: {e}"))?;

    let mut buffer: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 2048];
    let line = loop {
        if let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            break String::from_utf8_lossy(buffer.get(..end).unwrap_or_default()).trim_end().to_owned();
        }
        if buffer.len() > 8192 {
            return Err("the answer's status line is longer than 8 KiB".into());
        }
        let n = stream.read(&mut chunk).await.map_err(|e| format!("cannot read the answer: {e}"))?;
        if n == 0 {
            return Err("the connection closed before a status line".into());
        }
        buffer.extend_from_slice(chunk.get(..n).unwrap_or_default());
    };
    let status = parse_status_line(&line).ok_or_else(|| format!("not an HTTP status line: {line:?}"))?;
    // Read the rest of the answer so it is not reset mid-write: up to the end of the body when
    // `Content-Length` says where that is (some servers, workerd among them, keep the connection
    // open despite `Connection: close`), else until the receiver closes; give up after a moment
    // or a megabyte.
    let _ = tokio::time::timeout(DRAIN_TIMEOUT, async {
        loop {
            if let Some(end) = find_subslice(&buffer, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(buffer.get(..end).unwrap_or_default()).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:").and_then(|v| v.trim().parse::<usize>().ok()));
                if let Some(length) = length {
                    if buffer.len() >= end + 4 + length {
                        break;
                    }
                }
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buffer.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            }
            if buffer.len() > 1 << 20 {
                break;
            }
        }
    })
    .await;
    Ok(status)
}

fn find_subslice(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `HTTP/1.1 204 No Content` → 204.
fn parse_status_line(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    let version = parts.next()?;
    if !version.starts_with("HTTP/") {
        return None;
    }
    let code = parts.next()?;
    if code.len() != 3 {
        return None;
    }
    code.parse::<u16>().ok().filter(|c| (100..=999).contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: &str) -> Target {
        loopback_target(url).unwrap()
    }

    #[test]
    fn loopback_urls_are_delivered() {
        let t = target("http://127.0.0.1:8081/hooks/a?x=1#frag");
        assert_eq!(t.authority, "127.0.0.1:8081");
        assert_eq!(t.addrs, vec![SocketAddr::from(([127, 0, 0, 1], 8081))]);
        assert_eq!(t.path, "/hooks/a?x=1");
        let t = target("http://localhost:9000");
        assert_eq!(t.path, "/");
        assert_eq!(t.addrs.len(), 2);
        assert_eq!(t.addrs[1], SocketAddr::from((Ipv6Addr::LOCALHOST, 9000)));
        let t = target("HTTP://LocalHost?q");
        assert_eq!(t.path, "/?q");
        assert_eq!(t.addrs[0].port(), 80);
        let t = target("http://[::1]:7000/h");
        assert_eq!(t.authority, "[::1]:7000");
        assert_eq!(t.addrs, vec![SocketAddr::from((Ipv6Addr::LOCALHOST, 7000))]);
    }

    #[test]
    fn everything_else_is_skipped() {
        for url in [
            "https://127.0.0.1/hook",
            "https://localhost:8443/hook",
            "http://example.invalid/hook",
            "http://127.0.0.1.example.com/hook",
            "http://127.0.0.1@example.com/hook",
            "http://user@127.0.0.1/hook",
            "http://127.0.0.2/hook",
            "http://10.0.0.1/hook",
            "http://[::2]:80/",
            "http://[::1]x/",
            "ftp://127.0.0.1/",
            "http:/",
        ] {
            assert_eq!(loopback_target(url), Err(Refusal::NotLoopback), "{url}");
        }
        assert!(matches!(loopback_target("http://127.0.0.1:99999/"), Err(Refusal::Invalid(_))));
        assert!(matches!(loopback_target("http://localhost:0/"), Err(Refusal::Invalid(_))));
    }

    #[test]
    fn status_lines() {
        assert_eq!(parse_status_line("HTTP/1.1 204 No Content"), Some(204));
        assert_eq!(parse_status_line("HTTP/1.0 500"), Some(500));
        assert_eq!(parse_status_line("HTTP/1.1 20 OK"), None);
        assert_eq!(parse_status_line("SSH-2.0-OpenSSH"), None);
    }
}
