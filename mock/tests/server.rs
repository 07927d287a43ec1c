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
        .args(["--requests-per-minute", "5", "--port-file"])
        .arg(&port_file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
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

    let pid = child.id().unwrap().to_string();
    let killed = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.unwrap().unwrap();
    assert!(status.success(), "{status:?}");
    let _ = std::fs::remove_dir_all(dir);
}
