//! Timers and cancellation from JavaScript: `setTimeout`/`clearTimeout` of the global scope (so
//! they work in browsers, workers, Node and workerd) and `AbortSignal`. Never `std::time`.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    // Node returns a Timeout object, browsers a number: keep it opaque.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// Why a [`Watch`] fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fired {
    /// The time ran out.
    Elapsed,
    /// The caller's signal aborted.
    Aborted,
}

/// Fires when `ms` elapse or the caller's signal aborts, whichever comes first, optionally
/// aborting a controller at that moment. Dropping it clears the timer and removes the listener,
/// so a settled call leaves nothing pending behind (Node would otherwise stay alive).
pub struct Watch {
    fired: Rc<Cell<Option<Fired>>>,
    /// Settles the watch's promise. Called on drop too: a promise left pending forever would keep
    /// the future's callbacks (and their memory) alive until a garbage collection, if ever.
    resolve: Function,
    promise: Option<JsFuture>,
    timer: Option<JsValue>,
    _on_timer: Closure<dyn FnMut()>,
    listener: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

impl Watch {
    /// Starts watching. `controller`, if given, is aborted when the watch fires.
    pub fn start(ms: f64, signal: Option<&AbortSignal>, controller: Option<&AbortController>) -> Watch {
        let fired: Rc<Cell<Option<Fired>>> = Rc::new(Cell::new(None));
        let mut resolve: Option<Function> = None;
        let promise = Promise::new(&mut |res, _rej| resolve = Some(res));
        let resolve = resolve.unwrap_or_else(|| Function::new_no_args(""));
        let settle = resolve.clone();

        let fire = {
            let fired = fired.clone();
            let controller = controller.cloned();
            move |why: Fired| {
                if fired.get().is_none() {
                    fired.set(Some(why));
                    if let Some(c) = &controller {
                        c.abort();
                    }
                    let _ = resolve.call0(&JsValue::UNDEFINED);
                }
            }
        };

        let on_timer = {
            let fire = fire.clone();
            Closure::<dyn FnMut()>::new(move || fire(Fired::Elapsed))
        };
        let timer = Some(set_timeout(on_timer.as_ref().unchecked_ref(), ms));

        let listener = signal.map(|s| {
            let fire = fire.clone();
            let cb = Closure::<dyn FnMut()>::new(move || fire(Fired::Aborted));
            let _ = s.add_event_listener_with_callback("abort", cb.as_ref().unchecked_ref());
            (s.clone(), cb)
        });
        if signal.is_some_and(AbortSignal::aborted) {
            fire(Fired::Aborted);
        }

        Watch { fired, resolve: settle, promise: Some(JsFuture::from(promise)), timer, _on_timer: on_timer, listener }
    }

    /// What fired so far, if anything.
    pub fn fired(&self) -> Option<Fired> {
        self.fired.get()
    }

    /// Waits until the watch fires.
    pub async fn wait(&mut self) -> Fired {
        if let Some(p) = self.promise.take() {
            let _ = p.await;
        }
        self.fired.get().unwrap_or(Fired::Elapsed)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(t) = self.timer.take() {
            clear_timeout(&t);
        }
        if let Some((s, cb)) = self.listener.take() {
            let _ = s.remove_event_listener_with_callback("abort", cb.as_ref().unchecked_ref());
        }
        let _ = self.resolve.call0(&JsValue::UNDEFINED);
    }
}

/// Sleeps `ms`, or returns `false` at once when the signal aborts.
pub async fn sleep(ms: f64, signal: Option<&AbortSignal>) -> bool {
    let mut w = Watch::start(ms, signal, None);
    w.wait().await == Fired::Elapsed
}

/// Milliseconds since the epoch, from `Date.now()`.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
