//! The state machines behind the package's promises — a call ([`Exchange`]), a webhook delivery
//! ([`Delivery`]), a page of a walk ([`PageStep`]) — and the one JS loop that drives them (`run` in
//! `js/http.js`). A machine decides everything in synchronous steps: each step takes how the
//! promise the last one returned settled and returns the next promise to await, or the result.
//! Nothing in a machine awaits; `run` only awaits.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::http::Exchange;
use super::pager::PageStep;
use super::webhooks::Delivery;

/// A machine in flight, as `run` holds it.
#[wasm_bindgen(skip_typescript)]
pub struct Machine(Kind);

enum Kind {
    Call(Exchange),
    Delivery(Delivery),
    Page(PageStep),
}

#[wasm_bindgen(module = "/js/http.js")]
extern "C" {
    /// Steps `machine` to its end and frees it (see `js/http.js`).
    fn run(machine: Machine) -> Promise;
}

/// Starts a call: the promise of its body.
pub(crate) fn call(x: Exchange) -> Promise {
    run(Machine(Kind::Call(x)))
}

/// Starts answering a webhook delivery: the promise of the `Response`.
pub(crate) fn delivery(d: Delivery) -> Promise {
    run(Machine(Kind::Delivery(d)))
}

/// Starts fetching a page of a walk: the promise of its items.
pub(crate) fn page(p: PageStep) -> Promise {
    run(Machine(Kind::Page(p)))
}

#[wasm_bindgen]
impl Machine {
    /// Takes how the promise the last step returned settled (`ok`, `value`; nothing on the first
    /// step) and returns the next promise to await, or the result; throws the machine's error.
    #[wasm_bindgen(skip_typescript)]
    pub fn step(&mut self, ok: bool, value: JsValue) -> Result<JsValue, JsValue> {
        match &mut self.0 {
            Kind::Call(x) => x.step(ok, value),
            Kind::Delivery(d) => Ok(d.step(ok, value)),
            Kind::Page(p) => p.step(ok, value),
        }
    }
}
