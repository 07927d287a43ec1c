//! `iterate(…)`: async iteration over 2Chat's paged lists, driven by [`crate::paging::Cursor`]
//! and the list's paging rule in the table.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::client::{prepare, Core};
use super::jsjson::{arg, get, is_present, page_params, plain};
use crate::error::{Error, Result};
use crate::paging::{Cursor, PageSummary};
use crate::table::Op;

#[wasm_bindgen(module = "/js/resources.js")]
extern "C" {
    #[wasm_bindgen(js_name = pageIterable)]
    fn page_iterable(walker: PageWalker) -> JsValue;
}

struct Walk {
    core: Core,
    op: &'static Op,
    /// The method's arguments; the params (at `params_at`) are replaced page by page.
    args: Array,
    params: JsValue,
    params_at: u32,
    per_page: Option<u64>,
    cursor: Cursor,
}

enum State {
    Ready(Box<Walk>),
    /// A page is in flight: its [`PageStep`] holds the walk.
    Busy,
    /// The arguments were invalid: the first `nextPage()` rejects with this.
    Invalid(Error),
    Over,
}

/// The state of one `iterate(…)` walk. Used through `for await`; `nextPage()` resolves the next
/// page's items, or `null` when the walk is over.
#[wasm_bindgen(skip_typescript)]
pub struct PageWalker(Rc<RefCell<State>>);

fn summary(page: &JsValue, items: &Array) -> PageSummary {
    let total = get(page, "total").as_f64().and_then(crate::json::whole).and_then(|t| u64::try_from(t).ok());
    let next = get(page, "next_page");
    let next_page = if next.is_undefined() {
        None
    } else {
        let n = next.as_f64().and_then(crate::json::whole).or_else(|| next.as_string().and_then(|s| crate::json::parse_i64(&s)));
        Some(n.and_then(|n| u64::try_from(n).ok()))
    };
    let first = items.get(0);
    let key = ["uuid", "id", "session_key"].iter().map(|k| get(&first, k)).find(is_present);
    let first_key = key.and_then(|v| {
        v.as_string().or_else(|| v.as_f64().and_then(crate::json::whole).map(|n| n.to_string()))
    });
    PageSummary { items: u64::from(items.length()), total, next_page, first_key }
}

impl Walk {
    /// The arguments of the request for `page`.
    fn args_for(&self, page: u64) -> Result<Array> {
        let rule = self.op.paging.ok_or_else(|| Error::invalid("iterate", "this method is not a list"))?;
        let args = self.args.slice(0, self.params_at);
        args.push(&page_params(&self.params, rule.page, page as f64, self.per_page.map(|n| n as f64)));
        // The per-call options (signal, timeout…) apply to every page.
        args.push(&self.args.get(self.params_at + 1));
        Ok(args)
    }
}

#[wasm_bindgen]
impl PageWalker {
    /// The next page's items, or `null` when there are no more.
    #[wasm_bindgen(js_name = nextPage, skip_typescript)]
    pub fn next_page(&self) -> Promise {
        super::machine::page(PageStep { state: self.0.clone(), walk: None })
    }
}

/// Fetching one page, as a state machine (see [`super::machine`]): the first step sends the
/// page's call, the second reads its body.
pub struct PageStep {
    state: Rc<RefCell<State>>,
    /// The walk, taken out while its page is in flight, so a concurrent call cannot interleave.
    walk: Option<Box<Walk>>,
}

impl PageStep {
    /// The page's call to await, then the page's items (or `null`); or the call's error.
    pub(crate) fn step(&mut self, ok: bool, value: JsValue) -> Result<JsValue, JsValue> {
        let Some(mut walk) = self.walk.take() else { return self.send() };
        if !ok {
            // The walk can go on: the caller may catch and ask again.
            *self.state.borrow_mut() = State::Ready(walk);
            return Err(value);
        }
        let items_key = walk.op.paging.map_or("items", |p| p.items);
        let items = get(&value, items_key)
            .dyn_into::<Array>()
            .ok()
            .unwrap_or_default();
        let take = walk.cursor.advance(&summary(&value, &items));
        *self.state.borrow_mut() = State::Ready(walk);
        if take == 0 {
            return Ok(JsValue::NULL);
        }
        Ok(items.slice(0, u32::try_from(take).unwrap_or(u32::MAX)).into())
    }

    /// Sends the next page's call: the promise to await, or `null` when the walk is over. The
    /// state is not borrowed while the call starts: its first step runs caller code (a `fetch`
    /// option, a logger) that may touch the walk.
    fn send(&mut self) -> Result<JsValue, JsValue> {
        let taken = std::mem::replace(&mut *self.state.borrow_mut(), State::Busy);
        let over = |state: &RefCell<State>| *state.borrow_mut() = State::Over;
        let walk = match taken {
            State::Ready(w) => w,
            State::Invalid(e) => {
                over(&self.state);
                return Err(e.into());
            }
            State::Busy => {
                return Err(Error::invalid("nextPage", "a page is already being fetched; await it first").into())
            }
            State::Over => {
                over(&self.state);
                return Ok(JsValue::NULL);
            }
        };
        let Some(page) = walk.cursor.next_page() else {
            over(&self.state);
            return Ok(JsValue::NULL);
        };
        match walk.args_for(page).and_then(|args| prepare(walk.op, &args)) {
            Ok((spec, call)) => {
                let core = walk.core.clone();
                self.walk = Some(walk);
                Ok(core.0.start(spec, call).into())
            }
            Err(e) => {
                over(&self.state);
                Err(e.into())
            }
        }
    }
}

/// Builds the async iterable for list method `op` (`args` as the JS caller gave them: positional,
/// params, options); argument errors surface on the first `next()`, before anything is sent.
pub(crate) fn iterate(core: Core, op: &'static Op, args: &Array) -> JsValue {
    let start = (|| {
        let rule = op.paging.ok_or_else(|| Error::invalid("iterate", "this method is not a list"))?;
        let params_at = op.args.len() as u32;
        let params = args.get(params_at);
        plain(&params, "params")?;
        let (cursor, per_page) = Cursor::start(rule, arg(params.clone()).as_ref())?;
        let walk = Walk { core, op, args: args.clone(), params, params_at, per_page, cursor };
        // The first request is validated now: bad arguments reject the first `next()`.
        prepare(op, &walk.args_for(walk.cursor.next_page().unwrap_or(0))?)?;
        Ok::<_, Error>(walk)
    })();
    let state = match start {
        Ok(walk) => State::Ready(Box::new(walk)),
        Err(e) => State::Invalid(e),
    };
    page_iterable(PageWalker(Rc::new(RefCell::new(state))))
}
