//! Any bytes through the webhook parser (the checks, and the typed `Payload` of the Rust API), with
//! and without a route's event name, and through the timestamp reader: every input must give a
//! value or an `invalid_webhook` error, never a panic, and the two agree on what they accept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twochat::events::EVENT_NAMES;
use twochat::webhook;

fuzz_target!(|data: &[u8]| {
    let hint = data.first().map(|b| EVENT_NAMES[usize::from(*b) % EVENT_NAMES.len()]);
    for h in [None, hint] {
        // The typed payload never refuses what the checks accept: a delivery is never lost to Rust
        // types stricter than the checks.
        assert_eq!(webhook::parse_bytes(data, h).is_ok(), webhook::parse(data, h).is_ok());
        match webhook::parse_bytes(data, h) {
            Ok((value, delivery)) => {
                assert!(value.is_object());
                if let Some(k) = delivery.known {
                    assert!(EVENT_NAMES.contains(&k));
                }
            }
            Err(e) => assert_eq!(e.code().as_str(), "invalid_webhook"),
        }
        match webhook::parse(data, h) {
            Ok(event) => assert_eq!(event.payload.event_name(), event.known()),
            Err(e) => assert_eq!(e.code().as_str(), "invalid_webhook"),
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = twochat::time::parse(s);
    }
});
