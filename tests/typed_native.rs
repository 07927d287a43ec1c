//! The typed client suite natively (reqwest + tokio), against a mock started in this process:
//! `cargo test --features native --test typed_native`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod typed;

/// A `Client` moves between threads and its calls run on a multi-threaded runtime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_is_send_and_sync_and_its_calls_are_send() {
    fn send_sync<T: Send + Sync + Clone + std::fmt::Debug>(_: &T) {}
    let acct = typed::support::Account::new(&typed::support::mock(), serde_json::json!({})).await;
    let client = acct.client();
    send_sync(&client);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.account().info().await })
        })
        .collect();
    for h in handles {
        assert!(h.await.unwrap().unwrap().success);
    }
    assert_eq!(acct.requests().await.len(), 4);
}
