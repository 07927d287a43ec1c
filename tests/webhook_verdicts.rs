//! The npm package's `parseWebhook` checks a delivery in JavaScript (`js/checks.js`, generated
//! from the event declarations, and `js/webhooks.js`); Rust callers' `twochat::webhook::parse`
//! checks it in Rust. Both must say the same of every delivery. This test builds a corpus from
//! 2Chat's documented deliveries (`shared/fixtures/webhooks`): each under every event name, and
//! each declared field of every event's payload set to values of every kind; it computes Rust's
//! verdict on each and writes the corpus with them to `target/tmp/webhook-verdicts.json`;
//! `tests/js/webhook-verdicts.test.mjs` runs this test and holds `parseWebhook` to every verdict.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use twochat_spec::{Model, Ty};

const FILE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/webhook-verdicts.json");

fn fixtures() -> Vec<(String, Value)> {
    let dir = format!("{}/../shared/fixtures/webhooks", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(format!("{dir}/{n}")).unwrap();
            (n.trim_end_matches(".json").to_string(), serde_json::from_str(&text).unwrap())
        })
        .collect()
}

/// Every declared field path of a payload model (an array's items as index 0), to a few levels.
fn paths(ty: &Ty, prefix: &[Value], out: &mut Vec<Vec<Value>>) {
    if prefix.len() > 6 {
        return;
    }
    match ty {
        Ty::Ref(m) => paths(&m.ty, prefix, out),
        Ty::Nullable(inner) => paths(inner, prefix, out),
        Ty::Array { of, .. } => {
            let mut p = prefix.to_vec();
            p.push(json!(0));
            out.push(p.clone());
            paths(of, &p, out);
        }
        Ty::Obj(shape) => {
            let mut fields = Vec::new();
            twochat_spec::gen::runtime::flatten(shape, &mut fields);
            for f in fields {
                let mut p = prefix.to_vec();
                p.push(json!(f.name));
                out.push(p.clone());
                paths(&f.ty, &p, out);
            }
        }
        _ => {}
    }
}

/// `value` with `path` set to `to` (objects and arrays made on the way as needed).
fn set(value: &Value, path: &[Value], to: &Value) -> Value {
    let Some((first, rest)) = path.split_first() else { return to.clone() };
    match first {
        Value::Number(n) => {
            let i = n.as_u64().unwrap() as usize;
            let mut items = value.as_array().cloned().unwrap_or_default();
            while items.len() <= i {
                items.push(json!({}));
            }
            items[i] = set(&items[i], rest, to);
            Value::Array(items)
        }
        _ => {
            let key = first.as_str().unwrap();
            let mut map = value.as_object().cloned().unwrap_or_default();
            let child = map.get(key).cloned().unwrap_or(Value::Null);
            map.insert(key.to_string(), set(&child, rest, to));
            Value::Object(map)
        }
    }
}

/// What `twochat::webhook` says of a body.
fn verdict(body: &str, hint: Option<&str>) -> Value {
    match twochat::webhook::parse_bytes(body.as_bytes(), hint) {
        Ok((_, d)) => json!({
            "event": d.known.unwrap_or("unknown"),
            "name": d.name,
            "uuid": d.uuid,
            "createdAt": d.created_at(),
            "timestamps": d.timestamps,
        }),
        Err(e) => json!({ "code": e.code().as_str(), "message": e.message() }),
    }
}

fn corpus() -> Vec<Value> {
    let mut cases = Vec::new();
    let mut case = |fixture: Option<&str>, body: String, hint: Option<&str>, set_: Value| {
        let mut c = json!({ "hint": hint, "verdict": verdict(&body, hint) });
        match fixture {
            Some(f) => {
                c["fixture"] = json!(f);
                c["set"] = set_;
            }
            None => c["body"] = json!(body),
        }
        cases.push(c);
    };
    // Bodies that are not a delivery, and the corners of names, ids and timestamps.
    let long = format!("\"{}\"", "2023-04-18T22:17:50".to_string() + &"0".repeat(60));
    for body in [
        "", "  \n", "[]", "5", "null", "\"x\"", "{", "{\"event\":5}", "{\"event\":\"\"}", "{\"event\":null}",
        "{\"id\":5}", "{\"id\":5.5}", "{\"id\":-0}", "{\"id\":9007199254740993}", "{\"id\":true}",
        "{\"uuid\":7,\"id\":\"x\"}", "{\"uuid\":\"u\",\"id\":7}", "{\"created_at\":0}", "{\"created_at\":-3}",
        "{\"created_at\":1681856270}", "{\"created_at\":1681856270123}", "{\"created_at\":1681856270.5}",
        "{\"created_at\":\"2023-04-18T22:17:50.5+02:00\"}", "{\"created_at\":\"2023-04-18 22:17:50\"}",
        "{\"created_at\":\"2023-04-18T22:17:50Z\\u00e9\"}", "{\"created_at\":\" 1681856270 \"}",
        "{\"created_at\":\"soon\"}", "{\"created_at\":[]}", "{\"created_at\":true}",
    ] {
        for hint in [None, Some("whatsapp.message.received"), Some("no.such.event"), Some("")] {
            case(None, body.to_string(), hint, Value::Null);
        }
    }
    case(None, format!("{{\"created_at\":{long}}}"), None, Value::Null);
    let fixtures = fixtures();
    let mut hints: Vec<Option<&str>> = vec![None, Some("no.such.event")];
    hints.extend(twochat_spec::events::EVENTS.iter().map(|e| Some(e.name)));
    // Each documented delivery under every name.
    for (name, value) in &fixtures {
        for hint in &hints {
            case(Some(name), value.to_string(), *hint, Value::Null);
        }
    }
    // Each declared field of each payload model (once per model), set to values of every kind,
    // in each documented delivery that the first event of that model names.
    let probes = [
        json!(null),
        json!(7),
        json!("1681856270"),
        json!({ "created_at": 1681856270, "id": true, "name": 5 }),
        json!([null, { "price": "x", "created_at": "2023-04-18T22:17:50Z" }, 3]),
    ];
    let mut seen: Vec<&'static Model> = Vec::new();
    for event in twochat_spec::events::EVENTS {
        if seen.iter().any(|m| std::ptr::eq(*m, event.payload)) {
            continue;
        }
        seen.push(event.payload);
        let mut declared = Vec::new();
        paths(&event.payload.ty, &[], &mut declared);
        for path in declared {
            for probe in &probes {
                for (name, value) in &fixtures {
                    let body = set(value, &path, probe);
                    case(Some(name), body.to_string(), Some(event.name), json!([Value::Array(path.clone()), probe]));
                }
            }
        }
    }
    cases
}

#[test]
fn the_corpus_and_its_verdicts_for_the_js_checks() {
    let cases = corpus();
    // The corpus reaches every kind of verdict the checks can give.
    let count = |f: &dyn Fn(&Value) -> bool| cases.iter().filter(|c| f(&c["verdict"])).count();
    let refused = |m: &'static str| move |v: &Value| v["message"].as_str().is_some_and(|s| s.contains(m));
    for (what, n) in [
        ("known events", count(&|v| v["event"].as_str().is_some_and(|e| e != "unknown"))),
        ("unknown events", count(&|v| v["event"] == "unknown")),
        ("timestamps read", count(&|v| v["timestamps"].as_array().is_some_and(|t| !t.is_empty()))),
        ("numeric ids as keys", count(&|v| v["uuid"] == "5")),
        ("wrong strings", count(&refused("must be a string, got"))),
        ("wrong numbers", count(&refused("must be a number, got"))),
        ("wrong objects", count(&refused("must be an object, got"))),
        ("wrong arrays", count(&refused("must be an array, got"))),
        ("wrong timestamps", count(&refused("must be a timestamp (string or number), got"))),
        ("wrong items", count(&refused("[1]."))),
        ("non-objects", count(&refused("must be a JSON object"))),
        ("empty bodies", count(&refused("body: is empty"))),
    ] {
        assert!(n > 0, "no case of {what}");
    }
    let text = serde_json::to_string(&json!({ "cases": cases })).unwrap();
    std::fs::write(FILE, text).unwrap_or_else(|e| panic!("{FILE}: {e}"));
}
