//! The mock over real TCP: `serve`, graceful shutdown, `drop` on the wire, the static fallback and
//! the command line.

use std::path::PathBuf;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use twochat_mock::Config;

/// A fresh directory under the system temp dir.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twochat-mock-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Sends one HTTP/1.1 request and reads until the server closes; a reset counts as a close.
async fn raw(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
            Err(_) => panic!("no close within 10 s; got {}", String::from_utf8_lossy(&out)),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn start(config: Config) -> (u16, oneshot::Sender<()>, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = twochat_mock::bind(0).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    assert!(listener.local_addr().unwrap().ip().is_loopback());
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(twochat_mock::serve(listener, config, async move {
        let _ = stopped.await;
    }));
    (port, stop, server)
}

#[tokio::test]
async fn serves_over_tcp_and_drops_mid_body() {
    let (port, stop, server) = start(Config::default()).await;
    let reply = raw(port, "GET", "/open/info", &[("X-User-API-Key", "UAK-mock-demo")], "").await;
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.to_ascii_lowercase().contains("access-control-allow-origin: *"));

    let fault = r#"{"kind":"drop","path":"/open/whatsapp/get-numbers"}"#;
    let reply = raw(port, "POST", "/__mock/faults", &[("Content-Type", "application/json")], fault).await;
    assert!(reply.starts_with("HTTP/1.1 201"), "{reply}");
    let reply = raw(port, "GET", "/open/whatsapp/get-numbers", &[("X-User-API-Key", "UAK-mock-demo")], "").await;
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.to_ascii_lowercase().contains("content-length: 1000"), "{reply}");
    let body = reply.split("\r\n\r\n").nth(1).unwrap_or_default();
    assert!(!body.is_empty() && body.len() < 1000, "the body must be cut short: {body:?}");

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), server).await.unwrap().unwrap().unwrap();
}

#[tokio::test]
async fn shutdown_releases_hanging_requests() {
    let (port, stop, server) = start(Config::default()).await;
    let fault = r#"{"kind":"hang"}"#;
    raw(port, "POST", "/__mock/faults", &[("Content-Type", "application/json")], fault).await;
    let hanging = tokio::spawn(async move { raw(port, "GET", "/open/info", &[], "").await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!hanging.is_finished());
    stop.send(()).unwrap();
    let result = tokio::time::timeout(Duration::from_secs(8), server).await;
    assert!(result.is_ok(), "serve must return soon after shutdown");
    let _ = tokio::time::timeout(Duration::from_secs(8), hanging).await.unwrap();
}

#[tokio::test]
async fn static_directory_is_the_fallback() {
    let dir = temp_dir("static");
    std::fs::write(dir.join("index.html"), "<h1>demo</h1>").unwrap();
    std::fs::write(dir.join("app.js"), "console.log(1)").unwrap();
    let (port, stop, server) = start(Config { static_dir: Some(dir.clone()), ..Config::default() }).await;
    let reply = raw(port, "GET", "/", &[], "").await;
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("<h1>demo</h1>"));
    assert!(reply.to_ascii_lowercase().contains("access-control-allow-origin: *"));
    let reply = raw(port, "GET", "/app.js", &[], "").await;
    assert!(reply.contains("console.log(1)"));
    let reply = raw(port, "GET", "/missing.css", &[], "").await;
    assert!(reply.starts_with("HTTP/1.1 404"), "{reply}");
    let reply = raw(port, "GET", "/open/none", &[], "").await;
    assert!(reply.starts_with("HTTP/1.1 404") && reply.contains("\"success\":false"), "{reply}");
    // Static files are not logged.
    let reply = raw(port, "GET", "/__mock/requests?api_key=", &[], "").await;
    assert!(reply.contains("/open/none") && !reply.contains("app.js"), "{reply}");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[tokio::test]
async fn command_line_writes_the_port_file_and_stops_on_sigterm() {
    use tokio::io::AsyncBufReadExt;

    let dir = temp_dir("cli");
    let port_file = dir.join("port");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_twochat-mock"))
        .args(["--port", "0", "--api-key", "k1", "--api-key", "k2", "--expired-key", "old"])
        .args(["--requests-per-minute", "5", "--log-max-bytes", "1", "--port-file"])
        .arg(&port_file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line()).await.unwrap().unwrap().unwrap();
    let port: u16 = line.strip_prefix("twochat-mock listening on http://127.0.0.1:").unwrap().parse().unwrap();
    let written = std::fs::read_to_string(&port_file).unwrap();
    assert_eq!(written, format!("{port}\n"));

    let reply = raw(port, "GET", "/open/info", &[("X-User-API-Key", "k2")], "").await;
    assert!(reply.starts_with("HTTP/1.1 200") && reply.contains("\"requests_per_minute\":5"), "{reply}");
    let reply = raw(port, "GET", "/open/info", &[("X-User-API-Key", "old")], "").await;
    assert!(reply.starts_with("HTTP/1.1 402"), "{reply}");
    let reply = raw(port, "GET", "/open/info", &[("X-User-API-Key", "UAK-mock-demo")], "").await;
    assert!(reply.starts_with("HTTP/1.1 401"), "{reply}");
    let secret = [("X-User-API-Key", "UAK-cli-secret-key"), ("Content-Type", "application/json")];
    let reply = raw(port, "POST", "/open/whatsapp/send-message", &secret, r#"{"text":"BODY-MARKER"}"#).await;
    assert!(reply.starts_with("HTTP/1.1 401"), "{reply}");
    // `--log-max-bytes 1`: only the newest entry is kept.
    let reply = raw(port, "GET", "/__mock/requests", &[], "").await;
    assert_eq!(reply.matches("\"method\"").count(), 1, "{reply}");
    assert!(reply.contains("\"status\":401"), "{reply}");

    let pid = child.id().unwrap().to_string();
    let killed = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.unwrap().unwrap();
    assert!(status.success(), "{status:?}");
    // Neither keys nor bodies are ever printed.
    let mut printed = String::new();
    while let Some(line) = lines.next_line().await.unwrap() {
        printed.push_str(&line);
    }
    stderr.read_to_string(&mut printed).await.unwrap();
    assert!(!printed.contains("UAK-cli-secret-key") && !printed.contains("BODY-MARKER"), "{printed}");
    assert!(!printed.contains("k2"), "{printed}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Sends a GET with `Connection: close` and returns the stream once the status line and headers
/// have arrived, with them (lower-cased) and the body bytes read so far.
async fn head_of(port: u16, path: &str, key: &str) -> (TcpStream, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-User-API-Key: {key}\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = out.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&out[..end]).to_ascii_lowercase();
            return (stream, head, out[end + 4..].to_vec());
        }
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .expect("the headers must come at once")
            .unwrap();
        assert!(n > 0, "closed before the headers: {}", String::from_utf8_lossy(&out));
        out.extend_from_slice(&buf[..n]);
    }
}

/// Reads until `body` holds at least `len` bytes, or `within` passes; whether it got there.
async fn read_until(stream: &mut TcpStream, body: &mut Vec<u8>, len: usize, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 4096];
    while body.len() < len {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return false,
            Ok(Ok(n)) => body.extend_from_slice(&buf[..n]),
        }
    }
    true
}

async fn queue_fault(port: u16, spec: &str) {
    let reply = raw(port, "POST", "/__mock/faults", &[("Content-Type", "application/json")], spec).await;
    assert!(reply.starts_with("HTTP/1.1 201"), "{reply}");
}

#[tokio::test]
async fn stall_sends_headers_and_half_a_body_then_holds_it() {
    let (port, stop, server) = start(Config::default()).await;
    queue_fault(port, r#"{"kind":"stall","path":"/open/info","delay_ms":1500}"#).await;
    let started = std::time::Instant::now();
    let (mut stream, head, mut body) = head_of(port, "/open/info", "UAK-mock-demo").await;
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(head.contains("content-length: 26"), "{head}");
    let prefix = br#"{"success":true,"data":["#;
    assert!(read_until(&mut stream, &mut body, prefix.len(), Duration::from_secs(2)).await);
    assert_eq!(body, prefix, "the first part comes at once");
    assert!(started.elapsed() < Duration::from_millis(1000), "{:?}", started.elapsed());
    // Then nothing for a while…
    assert!(!read_until(&mut stream, &mut body, prefix.len() + 1, Duration::from_millis(700)).await);
    assert_eq!(body, prefix);
    // …then the rest: a valid body.
    assert!(read_until(&mut stream, &mut body, 26, Duration::from_secs(5)).await);
    assert!(started.elapsed() >= Duration::from_millis(1400), "{:?}", started.elapsed());
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
        serde_json::json!({"success": true, "data": []})
    );

    // With a body of its own and no delay, the stall lasts until shutdown, then completes it.
    queue_fault(port, r#"{"kind":"stall","status":202,"body":{"numbers":[1,2,3],"success":true}}"#).await;
    let (mut stream, head, mut body) = head_of(port, "/open/whatsapp/get-numbers", "UAK-mock-demo").await;
    assert!(head.starts_with("http/1.1 202"), "{head}");
    let full = br#"{"numbers":[1,2,3],"success":true}"#;
    assert!(read_until(&mut stream, &mut body, full.len() / 2, Duration::from_secs(2)).await);
    assert!(!read_until(&mut stream, &mut body, full.len() / 2 + 1, Duration::from_millis(500)).await);
    assert_eq!(body, full[..full.len() / 2]);
    stop.send(()).unwrap();
    assert!(read_until(&mut stream, &mut body, full.len(), Duration::from_secs(5)).await, "shutdown ends the stall");
    assert_eq!(body, full);
    tokio::time::timeout(Duration::from_secs(10), server).await.unwrap().unwrap().unwrap();
}

#[tokio::test]
async fn drip_sends_a_valid_body_one_byte_at_a_time() {
    let (port, stop, server) = start(Config::default()).await;
    queue_fault(port, r#"{"kind":"drip","interval_ms":40,"body":{"n":12345,"success":true}}"#).await;
    let full = br#"{"n":12345,"success":true}"#;
    let started = std::time::Instant::now();
    let (mut stream, head, mut body) = head_of(port, "/open/info", "UAK-mock-demo").await;
    assert!(started.elapsed() < Duration::from_millis(500), "headers at once: {:?}", started.elapsed());
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(head.contains(&format!("content-length: {}", full.len())), "{head}");
    // After 300 ms only part of the body is there.
    assert!(!read_until(&mut stream, &mut body, full.len(), Duration::from_millis(300)).await);
    assert!(!body.is_empty() && body.len() < full.len() - 5, "{}", body.len());
    // One byte per read from here on, and all of it in the end.
    let mut reads = 0;
    let mut buf = [0u8; 64];
    while body.len() < full.len() {
        let n = tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buf)).await.unwrap().unwrap();
        assert!(n > 0);
        body.extend_from_slice(&buf[..n]);
        reads += 1;
    }
    assert!(reads >= 10, "{reads} reads");
    assert!(started.elapsed() >= Duration::from_millis(40 * (full.len() as u64 - 1) - 100), "{:?}", started.elapsed());
    assert_eq!(body, full);

    // Without a body: the default one, at the default pace.
    queue_fault(port, r#"{"kind":"drip"}"#).await;
    let reply = raw(port, "GET", "/open/info", &[("X-User-API-Key", "UAK-mock-demo")], "").await;
    assert!(reply.ends_with("\r\n\r\n{\"success\":true,\"data\":[]}"), "{reply}");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
