//! The state machines behind the package's promises — a call ([`Exchange`]), a webhook delivery
//! ([`Delivery`]), a page of a walk ([`PageStep`]) — and the one JS loop that drives them (`run` in
//! `js/http.js`). A machine decides everything in synchronous steps: each step takes how the
//! promise the last one returned settled and returns the next promise to await, or the result.
//! Nothing in a machine awaits; `run` only awaits, and returns a call's plain success when
//! `attempt` settled it (see `js/http.js`).
//!
//! A call's first step is taken where it starts, inside the method's call into the module, and
//! `run` gets its outcome: a call enters the module once to start and once per promise whose
//! outcome the module decides, not once more for its first step. That step makes no JS call that
//! can throw (`attempt` and `wait` do their work inside a promise; the logger's calls are caught).
//! A delivery's and a page's first step read what the caller gave (a `Request`, a params object),
//! which can throw: they run inside `run`, where a throw rejects the promise instead of escaping
//! the module's call with the router or the walk still borrowed.

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
    /// Awaits `next` (what the first step returned; `undefined`: the first step is yet to be
    /// taken), steps `machine` to its end and frees it (see `js/http.js`).
    fn run(machine: Machine, next: JsValue) -> Promise;
}

/// Starts a call: takes its first step and hands the exchange to `run`; a first step that fails
/// rejects the returned promise, and the exchange, never handed over, is dropped here.
pub(crate) fn call(x: Exchange) -> Promise {
    resume(x, true, JsValue::UNDEFINED)
}

/// Goes on with a call whose first attempt was made in JS (see `replay` in `js/http.js`): its
/// first step takes how that attempt settled.
pub(crate) fn resume(mut x: Exchange, ok: bool, outcome: JsValue) -> Promise {
    match x.step(ok, outcome) {
        Ok(next) => run(Machine(Kind::Call(x)), next),
        Err(e) => Promise::reject(&e),
    }
}

/// Starts answering a webhook delivery: the promise of the `Response`. Its first step runs in
/// `run` (no outcome is passed).
pub(crate) fn delivery(d: Delivery) -> Promise {
    run(Machine(Kind::Delivery(d)), JsValue::UNDEFINED)
}

/// Starts fetching a page of a walk: the promise of its items. Its first step runs in `run`.
pub(crate) fn page(p: PageStep) -> Promise {
    run(Machine(Kind::Page(p)), JsValue::UNDEFINED)
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
