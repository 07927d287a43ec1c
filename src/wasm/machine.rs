//! The state machines behind the package's promises — a call ([`Exchange`]), a webhook delivery
//! ([`Delivery`]), a page of a walk ([`PageStep`]) — and the one JS loop that drives them (`run` in
//! `js/http.js`). A machine decides everything in synchronous steps: each step takes how the
//! promise the last one returned settled and returns the next promise to await, or the result.
//! Nothing in a machine awaits; `run` only awaits.
//!
//! The first step is taken where the machine starts, inside the call into the module that starts
//! it (a method, `router.handle`, `nextPage`), and `run` gets its outcome: a call enters the module
//! once to start and once per settled promise, not once more for its first step.

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

impl Kind {
    fn step(&mut self, ok: bool, value: JsValue) -> Result<JsValue, JsValue> {
        match self {
            Kind::Call(x) => x.step(ok, value),
            Kind::Delivery(d) => Ok(d.step(ok, value)),
            Kind::Page(p) => p.step(ok, value),
        }
    }
}

#[wasm_bindgen(module = "/js/http.js")]
extern "C" {
    /// Awaits `next` (what the first step returned), steps `machine` to its end and frees it (see
    /// `js/http.js`).
    fn run(machine: Machine, next: JsValue) -> Promise;
}

/// Takes the machine's first step and hands the machine to `run`; a first step that fails rejects
/// the returned promise, and the machine, never handed over, is dropped here.
fn start(mut kind: Kind) -> Promise {
    match kind.step(true, JsValue::UNDEFINED) {
        Ok(next) => run(Machine(kind), next),
        Err(e) => Promise::reject(&e),
    }
}

/// Starts a call: the promise of its body.
pub(crate) fn call(x: Exchange) -> Promise {
    start(Kind::Call(x))
}

/// Starts answering a webhook delivery: the promise of the `Response`.
pub(crate) fn delivery(d: Delivery) -> Promise {
    start(Kind::Delivery(d))
}

/// Starts fetching a page of a walk: the promise of its items.
pub(crate) fn page(p: PageStep) -> Promise {
    start(Kind::Page(p))
}

#[wasm_bindgen]
impl Machine {
    /// Takes how the promise the last step returned settled (`ok`, `value`) and returns the next
    /// promise to await, or the result; throws the machine's error.
    #[wasm_bindgen(skip_typescript)]
    pub fn step(&mut self, ok: bool, value: JsValue) -> Result<JsValue, JsValue> {
        self.0.step(ok, value)
    }
}
