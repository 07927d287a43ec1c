//! # twochat-mock
//!
//! An offline, stateful stand-in for the 2Chat REST API, in the spirit of stripe-mock. The `twochat`
//! SDK's tests, its demo page and users' own integration suites run against it.
//!
//! * The 2Chat routes are built from [`twochat::endpoints::ENDPOINTS`], so the mock serves exactly
//!   the surface the SDK wraps; an endpoint without a handler answers 501 (see [`dispatch`]).
//! * Every API key is its own seeded account ([`state`], [`seed`]) with its own rate-limit window
//!   ([`rate_limit`]), request log ([`request_log`]) and injected faults ([`faults`]).
//! * A control API under `/__mock/` ([`control`]) registers accounts, reads the request log,
//!   queues faults and adds generated data for paging ([`generate`]).
//! * Like 2Chat, it delivers webhooks ([`delivery`], payloads in [`payloads`]): sends (#12, #59)
//!   and simulated events (`POST /__mock/simulate`, [`simulate`]) are POSTed to the subscriptions'
//!   hook URLs after the response — but only to loopback URLs (`http://127.0.0.1…`,
//!   `http://localhost…`, `http://[::1]…`); every attempt is listed by `GET /__mock/deliveries`.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = twochat_mock::bind(0).await?;
//! let port = listener.local_addr()?.port();
//! println!("mock on {port}");
//! twochat_mock::serve(listener, twochat_mock::Config::default(), twochat_mock::shutdown_signal()).await
//! # }
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::unreachable)
)]

pub mod auth;
pub mod control;
pub mod cors;
pub mod delivery;
pub mod dispatch;
pub mod faults;
pub mod generate;
pub mod payloads;
pub mod rate_limit;
pub mod reply;
pub mod request_log;
pub mod resources;
pub mod seed;
pub mod simulate;
pub mod state;
pub mod util;

use std::future::{Future, IntoFuture};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;

/// The key accepted when no `--api-key` is given.
pub const DEMO_API_KEY: &str = "UAK-mock-demo";

/// The default per-key limit (`--requests-per-minute`).
pub const DEFAULT_REQUESTS_PER_MINUTE: u32 = 600;

/// How the mock is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// Keys accepted. Empty means the single key [`DEMO_API_KEY`].
    pub api_keys: Vec<String>,
    /// Keys that exist but whose trial expired: every 2Chat call answers 402.
    pub expired_keys: Vec<String>,
    /// The per-key limit of the sliding one-minute window.
    pub requests_per_minute: u32,
    /// A directory served at `/` for paths nothing else routes (the demo page).
    pub static_dir: Option<PathBuf>,
    /// The byte budget of the request log (`--log-max-bytes`); past it, the oldest entries go.
    pub log_max_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_keys: Vec::new(),
            expired_keys: Vec::new(),
            requests_per_minute: DEFAULT_REQUESTS_PER_MINUTE,
            static_dir: None,
            log_max_bytes: request_log::DEFAULT_MAX_BYTES,
        }
    }
}

/// The mock as an axum router, for in-process tests (`tower::ServiceExt::oneshot`).
pub fn app(config: Config) -> Router {
    build(config).0
}

fn build(config: Config) -> (Router, state::AppState) {
    let state = Arc::new(state::Shared::new(config));
    (dispatch::router(state.clone()), state)
}

/// Binds `127.0.0.1:port` (the mock never listens on other interfaces); port 0 picks a free one.
pub async fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await
}

/// Serves the mock on `listener` until `shutdown` completes, then stops gracefully: requests held
/// open by a `hang` fault are released at once, and stragglers get at most five more seconds.
pub async fn serve<F>(listener: TcpListener, config: Config, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let (router, state) = build(config);
    let signalled = state.shutdown_receiver();
    let trigger = state.clone();
    let server = axum::serve(listener, router)
        .with_graceful_shutdown(async move {
            shutdown.await;
            trigger.begin_shutdown();
        })
        .into_future();
    let deadline = async move {
        let mut signalled = signalled;
        // An error means the sender is gone, which only happens once everything is shutting down.
        let _ = signalled.wait_for(|down| *down).await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    };
    tokio::select! {
        result = server => result,
        () = deadline => Ok(()),
    }
}

/// Completes on SIGINT (Ctrl-C) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
