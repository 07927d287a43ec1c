//! `iterate(…)`: async iteration over 2Chat's paged lists, driven by [`crate::paging::Cursor`].

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise, Reflect};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

use super::client::Handle;
use super::http::Call;
use crate::error::Result;
use crate::paging::{Cursor, PageSummary, Rule};
use crate::request::RequestSpec;

#[wasm_bindgen(module = "/js/iterate.js")]
extern "C" {
    #[wasm_bindgen(js_name = pageIterable)]
    fn page_iterable(walker: PageWalker) -> JsValue;
}

type Build = Box<dyn Fn(&Value) -> Result<RequestSpec>>;

struct Walk {
    handle: Handle,
    build: Build,
    params: Map<String, Value>,
    cursor: Cursor,
    call: Call,
}

enum State {
    Ready(Box<Walk>),
    /// A page is in flight.
    Busy,
    /// The arguments were invalid: the first `nextPage()` rejects with this.
    Invalid(crate::Error),
    Over,
}

/// The state of one `iterate(…)` walk. Used through `for await`; `nextPage()` resolves the next
/// page's items, or `null` when the walk is over.
#[wasm_bindgen]
pub struct PageWalker(Rc<RefCell<State>>);

fn summary(page: &JsValue, items: &Array) -> PageSummary {
    let get = |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let total = get(page, "total").as_f64().filter(|t| *t >= 0.0).map(|t| t as u64);
    let next = get(page, "next_page");
    let next_page = if next.is_undefined() {
        None
    } else {
        Some(
            next.as_f64()
                .or_else(|| next.as_string().and_then(|s| s.parse().ok()))
                .filter(|n| *n >= 0.0)
                .map(|n| n as u64),
        )
    };
    let first = items.get(0);
    let key = ["uuid", "id", "session_key"].iter().map(|k| get(&first, k)).find(|v| !v.is_undefined() && !v.is_null());
    let first_key = key.and_then(|v| v.as_string().or_else(|| v.as_f64().map(|n| n.to_string())));
    PageSummary { items: u64::from(items.length()), total, next_page, first_key }
}

#[wasm_bindgen]
impl PageWalker {
    /// The next page's items, or `null` when there are no more.
    #[wasm_bindgen(js_name = nextPage, unchecked_return_type = "Promise<unknown[] | null>")]
    pub fn next_page(&self) -> Promise {
        let state = self.0.clone();
        future_to_promise(async move {
            // Take the walk out while a page is in flight, so a concurrent call cannot interleave.
            let taken = std::mem::replace(&mut *state.borrow_mut(), State::Busy);
            let mut walk = match taken {
                State::Ready(w) => w,
                State::Invalid(e) => {
                    *state.borrow_mut() = State::Over;
                    return Err(e.into());
                }
                State::Busy => {
                    return Err(
                        crate::Error::invalid("nextPage", "a page is already being fetched; await it first").into()
                    )
                }
                State::Over => {
                    *state.borrow_mut() = State::Over;
                    return Ok(JsValue::NULL);
                }
            };
            let Some(page) = walk.cursor.next_page() else {
                *state.borrow_mut() = State::Over;
                return Ok(JsValue::NULL);
            };
            let rule = walk.cursor.rule();
            walk.params.insert(rule.page_param.to_string(), Value::from(page));
            let spec = match (walk.build)(&Value::Object(walk.params.clone())) {
                Ok(s) => s,
                Err(e) => {
                    *state.borrow_mut() = State::Over;
                    return Err(e.into());
                }
            };
            let call = walk.call.clone();
            let result = walk.handle.0.execute(spec, call).await;
            let body = match result {
                Ok(b) => b,
                Err(e) => {
                    // The walk can go on: the caller may catch and ask again.
                    *state.borrow_mut() = State::Ready(walk);
                    return Err(e.into());
                }
            };
            let items = Reflect::get(&body, &JsValue::from_str(rule.items_key))
                .ok()
                .and_then(|v| v.dyn_into::<Array>().ok())
                .unwrap_or_default();
            let take = walk.cursor.advance(&summary(&body, &items));
            *state.borrow_mut() = State::Ready(walk);
            if take == 0 {
                return Ok(JsValue::NULL);
            }
            Ok(items.slice(0, u32::try_from(take).unwrap_or(u32::MAX)).into())
        })
    }
}

/// Builds the async iterable for a paged list; argument errors surface on the first `next()`.
pub(crate) fn iterate(
    handle: &Handle,
    rule: Rule,
    params: Result<Option<Value>>,
    opts: &Option<JsValue>,
    build: Build,
) -> JsValue {
    let state = match (params.and_then(|p| Cursor::start(rule, p.as_ref())), super::client::call_options(opts)) {
        (Ok((cursor, params)), Ok(call)) => {
            // Validate the first request now, so bad arguments reject the first `next()` before
            // anything is sent.
            let mut first = params.clone();
            first.insert(rule.page_param.to_string(), Value::from(cursor.next_page().unwrap_or(0)));
            match build(&Value::Object(first)) {
                Ok(_) => Ok(Box::new(Walk { handle: handle.clone(), build, params, cursor, call })),
                Err(e) => Err(e),
            }
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let state = match state {
        Ok(walk) => State::Ready(walk),
        Err(e) => State::Invalid(e),
    };
    page_iterable(PageWalker(Rc::new(RefCell::new(state))))
}
