//! Every endpoint through the typed client: each row of `tests/endpoints.json` (the rows the JS
//! suites run too) through `Client::call_tool`, which reads the arguments into the method's typed
//! params and the answer into its typed response. A bad row is refused before anything is sent; a
//! good one makes exactly the request the row says. The rows reached are compared with every row
//! of the declarations, so an endpoint without a row fails here.

use serde_json::{json, Map, Value};
use twochat::ErrorCode;

use super::support::*;

const ROWS: &str = include_str!("../endpoints.json");

/// `value` with every "${name}" replaced from `ctx` (a whole-string placeholder keeps the type).
fn fill(value: &Value, ctx: &Map<String, Value>) -> Value {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')).filter(|n| !n.contains('{')) {
                return ctx.get(name).cloned().unwrap_or_else(|| panic!("no value for ${{{name}}}"));
            }
            let mut out = s.clone();
            for (k, v) in ctx {
                let text = match v {
                    Value::String(t) => t.clone(),
                    other => other.to_string(),
                };
                out = out.replace(&format!("${{{k}}}"), &text);
            }
            assert!(!out.contains("${"), "unfilled placeholder in {out}");
            Value::String(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| fill(v, ctx)).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), fill(v, ctx))).collect()),
        other => other.clone(),
    }
}

/// The value at `path`: "a.b", "list[0].x", "list[key=value].x", "list[key!=value].x".
fn at(data: &Value, path: &str) -> Value {
    let mut v = data.clone();
    for part in path.split('.') {
        let (name, pick) = match part.split_once('[') {
            Some((n, rest)) => (n, Some(rest.trim_end_matches(']'))),
            None => (part, None),
        };
        v = v[name].clone();
        if let Some(pick) = pick {
            let items = v.as_array().unwrap_or_else(|| panic!("{path}: {name} is not a list")).clone();
            v = if let Ok(i) = pick.parse::<usize>() {
                items[i].clone()
            } else {
                let (key, want, equal) = match pick.split_once("!=") {
                    Some((k, w)) => (k, w, false),
                    None => {
                        let (k, w) = pick.split_once('=').unwrap();
                        (k, w, true)
                    }
                };
                let text = |x: &Value| match x {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                items.into_iter().find(|item| (text(&item[key]) == want) == equal).unwrap_or_else(|| panic!("{path}: no match"))
            };
        }
        assert!(!v.is_null(), "{path}: nothing at {part}");
    }
    v
}

typed_test! {
    async fn every_row_of_the_endpoint_table_through_the_typed_client() {
        let data: Value = serde_json::from_str(ROWS).unwrap();
        let rows = data["rows"].as_object().unwrap();
        let mut reached: Vec<u64> = Vec::new();
        for (tool, row) in rows {
            let acct = Account::new(&mock(), json!({})).await;
            let c = acct.client();

            let refused = c.call_tool(tool, row["bad"].clone()).await;
            let e = refused.expect_err(&format!("{tool}: the bad arguments {} were accepted", row["bad"]));
            assert_eq!(e.code(), ErrorCode::InvalidInput, "{tool}: {e}");
            assert!(acct.requests().await.is_empty(), "{tool}: the bad call reached the mock");

            let mut ctx = Map::new();
            for step in row["setup"].as_array().into_iter().flatten() {
                let name = step["tool"].as_str().unwrap();
                let answer = c.call_tool(name, fill(&step["args"], &ctx)).await.unwrap_or_else(|e| panic!("{tool}: setup {name}: {e}"));
                for (k, path) in step["capture"].as_object().into_iter().flatten() {
                    ctx.insert(k.clone(), at(&answer, path.as_str().unwrap()));
                }
            }
            let mut calls = vec![(row["good"].clone(), row["request"].clone())];
            for also in row["also"].as_array().into_iter().flatten() {
                calls.push((also["good"].clone(), also["request"].clone()));
            }
            for (good, request) in calls {
                let before = acct.requests().await.len();
                let answer = c.call_tool(tool, fill(&good, &ctx)).await.unwrap_or_else(|e| panic!("{tool}: {e}"));
                assert!(answer.is_object(), "{tool}: {answer}");
                let log = acct.requests().await;
                assert_eq!(log.len(), before + 1, "{tool}: one request");
                let req = &log[before];
                let want = fill(&request, &ctx);
                assert_eq!(req["method"], want["method"], "{tool}");
                assert_eq!(req["path"], want["path"], "{tool}");
                assert_eq!(req["query"], want.get("query").cloned().unwrap_or(Value::Null), "{tool}: query");
                assert_eq!(req["status"], want.get("status").cloned().unwrap_or(json!(200)), "{tool}: status");
                assert_eq!(req["body"], want.get("body").cloned().unwrap_or(Value::Null), "{tool}: body");
                reached.push(req["endpoint"].as_u64().unwrap());
            }
        }

        // A connector alias runs its tool.
        let acct = Account::new(&mock(), json!({})).await;
        let info = acct.client().call_tool("_2CHAT_TEST_API_KEY", Value::Null).await.unwrap();
        assert_eq!(info["success"], json!(true));
        assert_eq!(acct.requests().await[0]["path"], "/open/info");

        // Every row of the declarations was reached.
        reached.sort_unstable();
        reached.dedup();
        let mut declared: Vec<u64> = twochat::endpoints::ENDPOINTS.iter().map(|e| u64::from(e.id)).collect();
        declared.sort_unstable();
        declared.dedup();
        let missing: Vec<u64> = declared.iter().filter(|id| !reached.contains(id)).copied().collect();
        assert_eq!(missing, Vec::<u64>::new(), "rows of the declarations tests/endpoints.json does not reach");
    }
}
