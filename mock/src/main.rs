//! `twochat-mock`: the command line. It only parses flags; everything else is in the library.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use twochat_mock::request_log::DEFAULT_MAX_BYTES as DEFAULT_LOG_MAX_BYTES;
use twochat_mock::{Config, DEFAULT_REQUESTS_PER_MINUTE, DEMO_API_KEY};

/// An offline, stateful stand-in for the 2Chat REST API. Listens on 127.0.0.1 only.
#[derive(Debug, Parser)]
#[command(name = "twochat-mock", version)]
struct Cli {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// After binding, write the actual port (digits and a newline) to this file, atomically.
    #[arg(long, value_name = "PATH")]
    port_file: Option<PathBuf>,
    /// An accepted API key (repeatable). Without any, the single key `UAK-mock-demo` is accepted.
    #[arg(long = "api-key", value_name = "KEY")]
    api_keys: Vec<String>,
    /// A key whose trial expired (repeatable): every 2Chat call with it answers 402.
    #[arg(long = "expired-key", value_name = "KEY")]
    expired_keys: Vec<String>,
    /// Per-key limit of the sliding one-minute window; over it, 429 with Retry-After.
    #[arg(long, default_value_t = DEFAULT_REQUESTS_PER_MINUTE, value_parser = clap::value_parser!(u32).range(1..))]
    requests_per_minute: u32,
    /// Serve this directory at `/` (index.html for directories) for paths nothing else routes.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Byte budget of the request log (body text, path, query and headers of every entry); past
    /// it, the oldest entries are dropped. A single body is logged up to 64 KiB.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_LOG_MAX_BYTES)]
    log_max_bytes: usize,
}

/// Writes `port\n` to a temporary file next to `path`, then renames it over `path`, so a reader
/// polling for the file never sees it half-written.
fn write_port_file(path: &Path, port: u16) -> std::io::Result<()> {
    let mut tmp_name = path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "port".into());
    tmp_name.push(format!(".tmp.{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    std::fs::write(&tmp, format!("{port}\n"))?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(dir) = &cli.static_dir {
        if !dir.is_dir() {
            eprintln!("twochat-mock: --static {}: not a directory", dir.display());
            return ExitCode::from(2);
        }
    }
    let listener = match twochat_mock::bind(cli.port).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("twochat-mock: cannot listen on 127.0.0.1:{}: {e}", cli.port);
            return ExitCode::FAILURE;
        }
    };
    let port = match listener.local_addr() {
        Ok(addr) => addr.port(),
        Err(e) => {
            eprintln!("twochat-mock: cannot read the bound address: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &cli.port_file {
        if let Err(e) = write_port_file(path, port) {
            eprintln!("twochat-mock: cannot write --port-file {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if cli.api_keys.is_empty() {
        eprintln!("twochat-mock: no --api-key given; accepting {DEMO_API_KEY}");
    }
    println!("twochat-mock listening on http://127.0.0.1:{port}");
    let _ = std::io::stdout().flush();

    let config = Config {
        api_keys: cli.api_keys,
        expired_keys: cli.expired_keys,
        requests_per_minute: cli.requests_per_minute,
        static_dir: cli.static_dir,
        log_max_bytes: cli.log_max_bytes,
    };
    match twochat_mock::serve(listener, config, twochat_mock::shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("twochat-mock: {e}");
            ExitCode::FAILURE
        }
    }
}
