//! Walking 2Chat's paged lists. Each list signals its end its own way — a short page, a `total`,
//! or `next_page: null` — and some ignore the page parameter entirely; the cursor here knows the
//! rule of each list and stops on the first sign of the end, never looping.

use crate::error::{Error, Result};
use crate::json::{whole, Json, Kind};
use crate::table::{End, PageSize, Paging};

/// A list's paging rule (declared with its endpoint in `twochat-spec`).
pub type Rule = Paging;

/// Items an iterator yields when no `limit` is given: enough for most uses, and a guard against
/// walking a whole history by accident.
pub const DEFAULT_LIMIT: u64 = 1_000;
/// The largest `limit` accepted.
pub const MAX_LIMIT: u64 = 1_000_000;

/// What the cursor needs to know about a page it was handed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageSummary {
    /// Number of items.
    pub items: u64,
    /// The `total` field, if any.
    pub total: Option<u64>,
    /// The `next_page` field: `None` absent, `Some(None)` null, `Some(Some(n))` a page.
    pub next_page: Option<Option<u64>>,
    /// The first item's `uuid` or `id`, to notice a server that ignores the page parameter.
    pub first_key: Option<String>,
}

/// Where an iteration stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    rule: Rule,
    page: u64,
    page_size: Option<u64>,
    seen: u64,
    /// The longest page the server has sent so far.
    longest: u64,
    done: bool,
    last_first_key: Option<String>,
    /// Items still to yield.
    pub remaining: u64,
}

impl Cursor {
    /// Starts an iteration from the user's params: reads `limit`, starts at their page (or 0)
    /// and, for lists sized by `results_per_page`, asks for the rule's page size unless told
    /// otherwise. Returns the cursor and, for those lists, the `results_per_page` to send; the
    /// caller sends the params without `limit`.
    pub fn start<J: Json>(rule: Rule, params: Option<&J>) -> Result<(Cursor, Option<u64>)> {
        let params = params.filter(|p| p.kind() != Kind::Null);
        if let Some(p) = params {
            if p.kind() != Kind::Object {
                return Err(Error::invalid("params", format_args!("must be an object, got {}", p.kind().described())));
            }
        }
        let get = |name: &str| params.and_then(|p| p.member(name)).filter(|v| v.kind() != Kind::Null);
        let count = |v: &J| if v.kind() == Kind::Number { v.number().and_then(whole) } else { None };
        let limit = match get("limit") {
            None => DEFAULT_LIMIT,
            Some(v) => match count(&v).and_then(|n| u64::try_from(n).ok()) {
                Some(l) if (1..=MAX_LIMIT).contains(&l) => l,
                _ => return Err(Error::invalid("limit", format_args!("must be a whole number from 1 to {MAX_LIMIT}"))),
            },
        };
        let page = match get(rule.page) {
            None => 0,
            Some(v) => count(&v)
                .and_then(|n| u64::try_from(n).ok())
                .ok_or_else(|| Error::invalid(rule.page, "must be a whole number ≥ 0"))?,
        };
        let mut send = None;
        let page_size = match rule.size {
            PageSize::Fixed(n) => Some(n),
            PageSize::FirstPage => None,
            PageSize::PerPage { ask, max } => {
                let top = max.unwrap_or(u64::from(u32::MAX));
                let per_page = match get("results_per_page") {
                    None => Some(ask),
                    Some(v) => count(&v).and_then(|n| u64::try_from(n).ok()).filter(|n| (1..=top).contains(n)),
                }
                .ok_or_else(|| {
                    Error::invalid("results_per_page", format_args!("must be a whole number between 1 and {top}"))
                })?;
                send = Some(per_page);
                Some(per_page)
            }
        };
        let cursor =
            Cursor { rule, page, page_size, seen: 0, longest: 0, done: false, last_first_key: None, remaining: limit };
        Ok((cursor, send))
    }

    /// The page to ask for next, or `None` when the walk is over.
    pub fn next_page(&self) -> Option<u64> {
        (!self.done && self.remaining > 0).then_some(self.page)
    }

    /// The paging rule.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// Takes in a fetched page. Returns how many of its items to yield (0 when the page repeats
    /// the previous one) and moves to the next page or ends the walk.
    pub fn advance(&mut self, page: &PageSummary) -> u64 {
        if page.items == 0 {
            self.done = true;
            return 0;
        }
        if page.first_key.is_some() && page.first_key == self.last_first_key {
            // The server ignored the page parameter and sent the same page again.
            self.done = true;
            return 0;
        }
        self.last_first_key.clone_from(&page.first_key);
        self.seen += page.items;
        let size = *self.page_size.get_or_insert(page.items);
        let mut done = match self.rule.size {
            // Asked for `size`, but a server may cap pages lower: a short page is the end only
            // when it is shorter than one the server already sent.
            PageSize::PerPage { .. } => page.items < size && page.items < self.longest,
            PageSize::Fixed(_) | PageSize::FirstPage => page.items < size,
        };
        self.longest = self.longest.max(page.items);
        match self.rule.end {
            End::Total => done |= page.total.is_some_and(|t| self.seen >= t),
            End::NextPage => match page.next_page {
                Some(None) => done = true,
                Some(Some(n)) if n > self.page => {
                    self.page = n;
                    done = false;
                }
                Some(Some(_)) => done = true,
                None => {}
            },
            End::ShortPage => {}
        }
        if !matches!(page.next_page, Some(Some(_))) || self.rule.end != End::NextPage {
            self.page += 1;
        }
        self.done = done;
        let take = page.items.min(self.remaining);
        self.remaining -= take;
        take
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule(resource: &str, name: &str) -> Rule {
        crate::table::op(resource, name).and_then(|(_, o)| o.paging).unwrap()
    }
    fn messages() -> Rule {
        rule("messages", "list")
    }
    fn conversations() -> Rule {
        rule("conversations", "list")
    }
    fn templates() -> Rule {
        rule("waba", "listTemplates")
    }
    fn calls() -> Rule {
        rule("calls", "history")
    }
    fn contacts() -> Rule {
        rule("contacts", "list")
    }
    fn virtual_numbers() -> Rule {
        rule("calls", "listVirtualNumbers")
    }
    fn caller_ids() -> Rule {
        rule("calls", "listCallerIds")
    }
    fn numbers() -> Rule {
        rule("numbers", "list")
    }
    fn start(rule: Rule, p: Option<serde_json::Value>) -> Result<(Cursor, Option<u64>)> {
        Cursor::start(rule, p.as_ref().as_ref())
    }

    fn page(items: u64, first: &str) -> PageSummary {
        PageSummary { items, first_key: Some(first.into()), ..Default::default() }
    }

    #[test]
    fn short_page_ends_fixed_size_lists() {
        let (mut c, _) = start(messages(), None).unwrap();
        assert_eq!(c.next_page(), Some(0));
        assert_eq!(c.advance(&page(100, "a")), 100);
        assert_eq!(c.next_page(), Some(1));
        assert_eq!(c.advance(&page(100, "b")), 100);
        assert_eq!(c.advance(&page(50, "c")), 50);
        assert_eq!(c.next_page(), None);
    }

    #[test]
    fn empty_page_ends() {
        let (mut c, _) = start(messages(), None).unwrap();
        c.advance(&page(100, "a"));
        assert_eq!(c.advance(&page(0, "")), 0);
        assert_eq!(c.next_page(), None);
    }

    #[test]
    fn total_ends_conversations_even_on_a_full_page() {
        let (mut c, _) = start(conversations(), None).unwrap();
        let p = |first: &str| PageSummary {
            items: 10,
            total: Some(20),
            first_key: Some(first.into()),
            ..Default::default()
        };
        c.advance(&p("a"));
        assert_eq!(c.next_page(), Some(1));
        c.advance(&p("b"));
        assert_eq!(c.next_page(), None, "20 of 20 seen");
    }

    #[test]
    fn next_page_null_ends_templates() {
        let (mut c, _) = start(templates(), None).unwrap();
        let p = |first: &str, next| PageSummary {
            items: 10,
            next_page: Some(next),
            first_key: Some(first.into()),
            ..Default::default()
        };
        c.advance(&p("a", Some(1)));
        assert_eq!(c.next_page(), Some(1));
        c.advance(&p("b", Some(2)));
        assert_eq!(c.next_page(), Some(2));
        c.advance(&PageSummary { items: 3, next_page: Some(None), first_key: Some("c".into()), ..Default::default() });
        assert_eq!(c.next_page(), None);
    }

    #[test]
    fn a_server_ignoring_the_page_parameter_cannot_loop() {
        let (mut c, _) = start(calls(), None).unwrap();
        assert_eq!(c.advance(&page(20, "same")), 20);
        assert_eq!(c.advance(&page(20, "same")), 0);
        assert_eq!(c.next_page(), None);
        let (mut t, _) = start(templates(), None).unwrap();
        t.advance(&PageSummary {
            items: 10,
            next_page: Some(Some(0)),
            first_key: Some("x".into()),
            ..Default::default()
        });
        assert_eq!(t.next_page(), None, "next_page pointing backwards ends the walk");
    }

    #[test]
    fn first_page_sets_the_size_when_undocumented() {
        let (mut c, _) = start(calls(), None).unwrap();
        c.advance(&page(20, "a"));
        c.advance(&page(20, "b"));
        assert_eq!(c.next_page(), Some(2));
        c.advance(&page(7, "c"));
        assert_eq!(c.next_page(), None);
    }

    #[test]
    fn a_server_capping_pages_lower_than_asked_does_not_end_the_walk() {
        // Asked for 100 a page, the server sends 7: the walk goes on until a page is shorter
        // than 7, or empty.
        let (mut c, params) = start(contacts(), None).unwrap();
        assert_eq!(params, Some(100));
        assert_eq!(c.advance(&page(7, "a")), 7);
        assert_eq!(c.next_page(), Some(1), "7 of 100 asked is not the end yet");
        assert_eq!(c.advance(&page(7, "b")), 7);
        assert_eq!(c.next_page(), Some(2));
        assert_eq!(c.advance(&page(6, "c")), 6);
        assert_eq!(c.next_page(), None, "shorter than the server's own page size");
        // A list that fits on its first short page costs one more (empty) request.
        let (mut c, _) = start(virtual_numbers(), None).unwrap();
        assert_eq!(c.advance(&page(3, "a")), 3);
        assert_eq!(c.next_page(), Some(1));
        assert_eq!(c.advance(&page(0, "")), 0);
        assert_eq!(c.next_page(), None);
    }

    #[test]
    fn page_sizes_follow_the_contract() {
        // 2Chat documents 1–100 for contacts, and defaults of 200 (no maximum) for virtual numbers
        // and caller IDs.
        let ask = |rule, p: serde_json::Value| start(rule, Some(p)).map(|(_, m)| m);
        assert_eq!(ask(virtual_numbers(), json!({})).unwrap(), Some(200));
        assert_eq!(ask(caller_ids(), json!({})).unwrap(), Some(200));
        assert_eq!(ask(caller_ids(), json!({"results_per_page": 500})).unwrap(), Some(500));
        assert_eq!(ask(numbers(), json!({"results_per_page": 250})).unwrap(), Some(250));
        assert!(ask(contacts(), json!({"results_per_page": 101}))
            .unwrap_err()
            .message()
            .starts_with("results_per_page: must be a whole number between 1 and 100"));
    }

    #[test]
    fn limit_caps_what_is_yielded() {
        let (mut c, per_page) = start(contacts(), Some(json!({"limit": 150, "channel_uuid": "WPN1"}))).unwrap();
        assert_eq!(per_page, Some(100));
        assert_eq!(c.advance(&page(100, "a")), 100);
        assert_eq!(c.advance(&page(100, "b")), 50);
        assert_eq!(c.next_page(), None);
    }

    #[test]
    fn start_respects_the_users_page_and_page_size() {
        let (mut c, per_page) = start(contacts(), Some(json!({"page_number": 3, "results_per_page": 5}))).unwrap();
        assert_eq!(c.next_page(), Some(3));
        assert_eq!(per_page, Some(5));
        c.advance(&page(5, "a"));
        assert_eq!(c.next_page(), Some(4));
        c.advance(&page(4, "b"));
        assert_eq!(c.next_page(), None);
    }

    #[test]
    fn bad_limits() {
        for bad in [
            json!({"limit": 0}),
            json!({"limit": -1}),
            json!({"limit": 1.5}),
            json!({"limit": "10"}),
            json!({"limit": 2_000_000}),
        ] {
            let e = start(messages(), Some(bad.clone())).unwrap_err();
            assert!(e.message().starts_with("limit:"), "{bad}: {}", e.message());
        }
        assert!(start(contacts(), Some(json!({"results_per_page": 0}))).is_err());
    }
}
