//! The LLM tool definitions (`twochat/tools`): one tool per client method, with a JSON Schema
//! (draft 2020-12) of its flat arguments — the positional arguments by their wire names plus the
//! fields of its params — its effect and MCP annotations, and the five connector aliases.

use crate::gen::{methods, Method as M};
use crate::{Effect, Field, Null, Shape, Text, Ty};

/// A JSON value, written compactly.
#[derive(Clone, Debug)]
enum J {
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn write(&self, out: &mut String) {
        match self {
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Int(n) => out.push_str(&n.to_string()),
            J::Str(s) => {
                out.push('"');
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    J::Str(k.clone()).write(out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn s(v: &str) -> J {
    J::Str(v.to_string())
}

fn obj(members: Vec<(&str, J)>) -> J {
    J::Obj(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn with(mut schema: J, key: &str, value: J) -> J {
    if let J::Obj(m) = &mut schema {
        m.push((key.to_string(), value));
    }
    schema
}

/// `^\+[1-9][0-9]{7,14}$`: what the E.164 check of the validator accepts.
const E164_PATTERN: &str = "^\\+[1-9][0-9]{7,14}$";

fn text_schema(t: &Text) -> J {
    let string = |extra: Vec<(&str, J)>| {
        let mut m = vec![("type", s("string"))];
        m.extend(extra);
        obj(m)
    };
    match t {
        Text::Any => string(vec![]),
        Text::NonBlank | Text::Token => string(vec![("minLength", J::Int(1))]),
        Text::Max(n) => string(vec![("maxLength", J::Int(i64::from(*n)))]),
        Text::NonBlankMax(n) => string(vec![("minLength", J::Int(1)), ("maxLength", J::Int(i64::from(*n)))]),
        Text::E164 => string(vec![
            ("pattern", s(E164_PATTERN)),
            ("description", s("E.164 phone number: '+' then 8 to 15 digits")),
        ]),
        Text::Url => string(vec![("pattern", s("^https?://"))]),
        Text::Email => string(vec![("pattern", s("@"))]),
        Text::Color => string(vec![("pattern", s("^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$"))]),
        Text::Country => string(vec![("pattern", s("^[A-Za-z]{2}$"))]),
        Text::Digits { min, max, plus } => {
            string(vec![("pattern", J::Str(format!("^{}[0-9]{{{min},{max}}}$", if *plus { "\\+?" } else { "" })))])
        }
        Text::Decimal { signed, .. } => {
            string(vec![("pattern", J::Str(format!("^{}[0-9]+(\\.[0-9]+)?$", if *signed { "-?" } else { "" })))])
        }
        Text::Event => string(vec![("enum", J::Arr(crate::events::NAMES.iter().map(|n| s(n)).collect()))]),
    }
}

fn schema(t: &Ty) -> J {
    match t {
        Ty::Str(text) => text_schema(text),
        Ty::Int { min, max } => {
            let mut m = vec![("type", s("integer")), ("minimum", J::Int(*min))];
            if *max < u32::MAX as i64 {
                m.push(("maximum", J::Int(*max)));
            }
            obj(m)
        }
        Ty::Num => obj(vec![("type", s("number"))]),
        Ty::Bool => obj(vec![("type", s("boolean"))]),
        Ty::Enum(values) => obj(vec![("type", s("string")), ("enum", J::Arr(values.iter().map(|v| s(v)).collect()))]),
        Ty::OpenEnum(values) => {
            obj(vec![("type", s("string")), ("examples", J::Arr(values.iter().map(|v| s(v)).collect()))])
        }
        Ty::OpenIntEnum(_) => obj(vec![("type", s("number"))]),
        Ty::Id => obj(vec![("anyOf", J::Arr(vec![obj(vec![("type", s("string"))]), obj(vec![("type", s("integer"))])]))]),
        Ty::Timestamp => obj(vec![("anyOf", J::Arr(vec![obj(vec![("type", s("string"))]), obj(vec![("type", s("number"))])]))]),
        Ty::Nullable(inner) => obj(vec![("anyOf", J::Arr(vec![schema(inner), obj(vec![("type", s("null"))])]))]),
        Ty::Array { of, min, max } => {
            let mut m = vec![("type", s("array")), ("items", schema(of))];
            if *min > 0 {
                m.push(("minItems", J::Int(i64::from(*min))));
            }
            if *max > 0 {
                m.push(("maxItems", J::Int(i64::from(*max))));
            }
            obj(m)
        }
        Ty::Map(of) => obj(vec![("type", s("object")), ("additionalProperties", schema(of))]),
        Ty::Obj(shape) => object(shape).0,
        Ty::Ref(m) => schema(&m.ty),
        Ty::OneOf(tys) => obj(vec![("anyOf", J::Arr(tys.iter().map(schema).collect()))]),
        Ty::Unknown => obj(vec![]),
    }
}

fn field_schema(f: &Field) -> J {
    let ty = match (f.null, f.ty) {
        (Null::Keep, Ty::Nullable(_)) => schema(&f.ty),
        (Null::Keep, t) => obj(vec![("anyOf", J::Arr(vec![schema(&t), obj(vec![("type", s("null"))])]))]),
        _ => schema(&f.ty),
    };
    if f.doc.is_empty() {
        ty
    } else {
        let ty = match ty {
            J::Obj(m) => J::Obj(m.into_iter().filter(|(k, _)| k != "description").collect()),
            other => other,
        };
        with(ty, "description", s(f.doc))
    }
}

fn is_ident(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// An object's schema and the "exactly one of" note its rules or variants call for.
fn object(shape: &'static Shape) -> (J, Option<String>) {
    let mut fields: Vec<Field> = Vec::new();
    crate::gen::runtime::flatten(shape, &mut fields);
    let mut props = Vec::new();
    let mut required = Vec::new();
    let mut alternatives: Vec<String> = shape.variants.iter().map(|v| v.join(" + ")).collect();
    for f in &fields {
        let alias = f.alias.filter(|a| is_ident(a));
        props.push((f.name.to_string(), field_schema(f)));
        if let Some(a) = alias {
            let mut g = *f;
            g.doc = "";
            props.push((a.to_string(), with(field_schema(&g), "description", J::Str(format!("Another spelling of {}: give one of them.", f.name)))));
        }
        let in_variant = shape.variants.iter().any(|v| v.contains(&f.name));
        match (f.required, alias) {
            (true, Some(a)) => alternatives.extend([f.name.to_string(), a.to_string()]),
            (true, None) if !in_variant => required.push(s(f.name)),
            _ => {}
        }
    }
    let mut m = vec![("type".to_string(), s("object")), ("properties".to_string(), J::Obj(props))];
    if !required.is_empty() {
        m.push(("required".to_string(), J::Arr(required)));
    }
    let note = (alternatives.len() > 1).then(|| format!("Exactly one of: {}.", alternatives.join(" | ")));
    (J::Obj(m), note)
}

const ALIASES: [(&str, &str, &str); 5] = [
    ("_2CHAT_CREATE_CONTACT", "create_contact", "Create contact"),
    ("_2CHAT_GET_API_USAGE_INFO", "get_account_info", "Get API usage info"),
    ("_2CHAT_LIST_CONTACTS", "list_contacts", "List contacts"),
    ("_2CHAT_LIST_WEBHOOKS", "list_webhooks", "List webhooks"),
    // 2Chat's connector: "validates your API key and retrieves account info" (GET /open/info).
    ("_2CHAT_TEST_API_KEY", "get_account_info", "Test API key"),
];

/// A short human title: `send_waba_message` → "Send WABA message".
fn title(name: &str) -> String {
    let words: Vec<String> = name
        .split('_')
        .map(|w| match w {
            "api" => "API".into(),
            "waba" => "WABA".into(),
            "did" => "DID".into(),
            "sms" => "SMS".into(),
            "ids" => "IDs".into(),
            w => w.to_string(),
        })
        .collect();
    let mut out = words.join(" ");
    if let Some(first) = out.get(0..1) {
        out = first.to_uppercase() + out.get(1..).unwrap_or("");
    }
    out
}

fn annotations(t: &str, e: Effect) -> J {
    obj(vec![
        ("title", J::Str(t.to_string())),
        ("readOnlyHint", J::Bool(e == Effect::Read)),
        ("destructiveHint", J::Bool(matches!(e, Effect::Update | Effect::Remove | Effect::Purchase))),
        ("idempotentHint", J::Bool(matches!(e, Effect::Read | Effect::Update | Effect::Remove))),
        ("openWorldHint", J::Bool(matches!(e, Effect::Send | Effect::Purchase))),
    ])
}

fn tool(m: &M) -> (J, String, Effect, String) {
    let e = m.primary;
    let mut props: Vec<(String, J)> = Vec::new();
    let mut required: Vec<J> = Vec::new();
    for a in e.args {
        let mut sc = schema(&a.ty);
        if !a.doc.is_empty() {
            sc = with(sc, "description", s(a.doc));
        }
        props.push((a.wire.to_string(), sc));
        required.push(s(a.wire));
    }
    let mut note = None;
    if let Some(p) = e.params {
        if let Ty::Obj(shape) = resolve(&p.model.ty) {
            let (sc, n) = object(shape);
            note = n;
            if let J::Obj(members) = sc {
                for (k, v) in members {
                    match (k.as_str(), v) {
                        ("properties", J::Obj(ps)) => props.extend(ps),
                        ("required", J::Arr(rs)) if p.required => required.extend(rs),
                        _ => {}
                    }
                }
            }
        }
    }
    let mut sc = vec![
        ("$schema".to_string(), s("https://json-schema.org/draft/2020-12/schema")),
        ("type".to_string(), s("object")),
        ("properties".to_string(), J::Obj(props)),
    ];
    if !required.is_empty() {
        sc.push(("required".to_string(), J::Arr(required)));
    }
    if e.params.is_none() {
        // Without a params object only the positional arguments exist (callTool refuses others).
        sc.push(("additionalProperties".to_string(), J::Bool(false)));
    }
    let description = match note {
        Some(n) => format!("{} {n}", e.summary),
        None => e.summary.to_string(),
    };
    (J::Obj(sc), description, e.effect, format!("{}.{}", e.resource, e.name))
}

fn resolve(t: &Ty) -> &Ty {
    match t {
        Ty::Ref(m) => resolve(&m.ty),
        other => other,
    }
}

/// The tools as JSON: an array of `{ name, description, method, endpoints, effect, annotations,
/// input_schema, alias_of? }`.
pub fn json() -> String {
    let mut list = Vec::new();
    let mut made: Vec<(String, J, String, Effect, String, J)> = Vec::new();
    for m in methods() {
        let (input, description, effect, method) = tool(&m);
        let endpoints = J::Arr(
            m.rows.iter().map(|r| obj(vec![("id", J::Int(i64::from(r.id))), ("http", J::Str(format!("{} {}", r.method.as_str(), r.path)))])).collect(),
        );
        made.push((m.primary.tool.to_string(), input, description, effect, method, endpoints));
    }
    let entry = |name: &str, t: &(String, J, String, Effect, String, J), description: String, title_text: String, alias: Option<&str>| {
        let mut m = vec![
            ("name", s(name)),
            ("description", J::Str(description)),
            ("method", s(&t.4)),
            ("endpoints", t.5.clone()),
            ("effect", s(t.3.as_str())),
            ("annotations", annotations(&title_text, t.3)),
            ("input_schema", t.1.clone()),
        ];
        if let Some(a) = alias {
            m.push(("alias_of", s(a)));
        }
        obj(m)
    };
    for t in &made {
        list.push(entry(&t.0, t, t.2.clone(), title(&t.0), None));
    }
    for (alias, target, name) in ALIASES {
        if let Some(t) = made.iter().find(|t| t.0 == target) {
            let description =
                format!("{} (Same as {target}; the name agent platforms use for 2Chat's connector action.)", t.2);
            list.push(entry(alias, t, description, format!("2Chat: {name}"), Some(target)));
        }
    }
    let mut out = String::new();
    J::Arr(list).write(&mut out);
    out
}

