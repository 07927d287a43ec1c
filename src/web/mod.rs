//! What the clients need from a JavaScript runtime (browsers, Node, Workers), bound to the
//! global scope so it works in every one of them: `fetch` and timers for the typed client; the
//! clock, the `no-store` probe, headers and error descriptions for both.

pub mod fetch;
pub mod timer;
