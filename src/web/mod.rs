//! What both clients need from a JavaScript runtime (browsers, Node, Workers): `fetch` and
//! timers, bound to the global scope so they work in every one of them.

pub mod fetch;
pub mod timer;
