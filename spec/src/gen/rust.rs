//! The Rust side of the declarations: `twochat::types`, the typed resources of `twochat::Client`,
//! the webhook `Payload` enum, and the resource getters of the JavaScript `TwoChat` class.
//!
//! Every model becomes a struct with 2Chat's field names; an object written in place becomes a
//! struct named after its parent and field (`AccountInfo.account` → `AccountInfoAccount`); a set of
//! strings becomes an enum that also holds a value this version does not know (`Other`); a type
//! that is one of several becomes an untagged enum. Open objects (every response) keep the fields
//! they do not declare in `extra`, so serialising one gives back what 2Chat sent.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::gen::{camel_to_pascal, camel_to_snake, iterator_name, methods, snake_to_pascal};
use crate::{At, Field, Model, Null, Shape, Text, Ty};

/// Sets of strings that have a name of their own wherever they appear.
fn known_enum(values: &[&str]) -> Option<(&'static str, &'static str)> {
    if values == crate::events::NAMES {
        Some(("WebhookEventName", "A webhook event name: the 25 of 2Chat's docs and the two spellings only its n8n node uses."))
    } else if values == crate::events::TIME_PERIODS {
        Some(("TimePeriod", "The `time_period` of `whatsapp.conversation.new` subscriptions."))
    } else {
        None
    }
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static", "struct",
    "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final",
    "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// A wire name as a Rust field name (`statusCode` → `status_code`, `extra-information` →
/// `extra_information`), and whether serde needs a `rename`.
fn field_ident(name: &str) -> (String, bool) {
    let chars: Vec<char> = name.chars().collect();
    let mut ident = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary && !ident.ends_with('_') {
                ident.push('_');
            }
            ident.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() || c == '_' {
            ident.push(c);
        } else if !ident.ends_with('_') {
            ident.push('_');
        }
    }
    if ident.is_empty() || ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    let renamed = ident != name;
    if KEYWORDS.contains(&ident.as_str()) {
        // serde strips `r#`, so the wire name stays.
        ident.insert_str(0, "r#");
    }
    (ident, renamed)
}

/// A string value as an enum variant: `connected` → `Connected`, `all-time` → `AllTime`,
/// `PENDING` → `Pending`, `whatsapp.message.new` → `WhatsappMessageNew`.
fn variant(value: &str) -> String {
    let words = value.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    let mut out = String::new();
    for w in words {
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            out.push(f.to_ascii_uppercase());
            let rest = cs.as_str();
            if w.chars().all(|c| !c.is_ascii_lowercase()) {
                out.push_str(&rest.to_ascii_lowercase());
            } else {
                out.push_str(rest);
            }
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// The name of the item type of an array field: `products` → `…Product`.
fn singular(name: &str) -> String {
    match name.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => match name.strip_suffix('s') {
            Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_string(),
            _ => format!("{name}Item"),
        },
    }
}

fn doc_lines(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

/// Whether a value of this type has a `Default` (so a struct of such fields can derive it).
fn defaultable(t: &Ty) -> bool {
    match t {
        Ty::Str(_)
        | Ty::Int { .. }
        | Ty::Num
        | Ty::Bool
        | Ty::OpenIntEnum(_)
        | Ty::Nullable(_)
        | Ty::Array { .. }
        | Ty::Map(_)
        | Ty::Unknown => true,
        // String enums, ids and timestamps default to an empty value (`Other("")`, `Text("")`).
        Ty::Enum(_) | Ty::OpenEnum(_) | Ty::Id | Ty::Timestamp => true,
        Ty::OneOf(_) => false,
        Ty::Obj(shape) => shape_defaultable(shape),
        Ty::Ref(m) => defaultable(&m.ty),
    }
}

/// A struct derives `Default` when every field has one, except that a required field whose `null`
/// means something (`url: null` removes a profile picture) must be given: a default would say it.
fn shape_defaultable(shape: &Shape) -> bool {
    all_fields(shape).iter().all(|(_, f, optional)| *optional || (defaultable(&f.ty) && f.null != Null::Keep))
}

/// A shape's fields with its base's first, each with the model that declares it (for the names of
/// the types written in place: an inherited field keeps its base's type); a field is optional when
/// it is not required, when its base is partial, or when it is one of the shape's variants (the
/// validator checks those).
fn all_fields(shape: &Shape) -> Vec<(Option<&'static str>, Field, bool)> {
    let mut out: Vec<(Option<&'static str>, Field, bool)> = Vec::new();
    if let Some(base) = shape.base {
        if let Ty::Obj(base_shape) = base.ty {
            for (owner, f, optional) in all_fields(base_shape) {
                if !shape.fields.iter().any(|own| own.name == f.name) {
                    out.push((owner.or(Some(base.name)), f, optional || shape.partial_base));
                }
            }
        }
    }
    let in_variants: Vec<&str> = shape.variants.iter().flat_map(|v| v.iter().copied()).collect();
    for f in shape.fields {
        out.push((None, *f, !f.required || in_variants.contains(&f.name)));
    }
    out
}

/// The generator's state: the definitions written so far, by name.
#[derive(Default)]
struct Types {
    defs: BTreeMap<String, String>,
    order: Vec<String>,
    /// The doc of a type written in place, from the field that holds it.
    place: String,
}

impl Types {
    fn define(&mut self, name: &str, code: String) {
        match self.defs.get(name) {
            Some(existing) if *existing == code => {}
            // A declaration error: the generated code does not compile, and says why.
            Some(_) => self.order.push(format!(
                "compile_error!(\"twochat-spec: two different Rust types are named {name}; rename a model or field\");"
            )),
            None => {
                self.defs.insert(name.to_string(), code);
                self.order.push(name.to_string());
            }
        }
    }

    fn model(&mut self, m: &Model) {
        match m.ty {
            Ty::Obj(shape) => self.structure(m.name, m.doc, shape),
            Ty::Enum(values) | Ty::OpenEnum(values) => self.string_enum(m.name, m.doc, values),
            other => {
                let mut code = String::new();
                doc_lines(&mut code, "", m.doc);
                let t = self.ty(&other, m.name);
                let _ = writeln!(code, "pub type {} = {t};", m.name);
                self.define(m.name, code);
            }
        }
    }

    /// The Rust type of a value; `ctx` names a type written in place.
    fn ty(&mut self, t: &Ty, ctx: &str) -> String {
        match t {
            Ty::Str(_) => "String".into(),
            Ty::Int { .. } => "i64".into(),
            // A number in an answer is kept as written (`10`, `1.5`, `1670454681.0`).
            Ty::Num | Ty::OpenIntEnum(_) => "Number".into(),
            Ty::Bool => "bool".into(),
            Ty::Enum(values) | Ty::OpenEnum(values) => {
                let (name, doc) = known_enum(values).unwrap_or((ctx, ""));
                self.string_enum(name, doc, values);
                name.to_string()
            }
            Ty::Id => "Id".into(),
            Ty::Timestamp => "Timestamp".into(),
            Ty::Nullable(inner) => format!("Option<{}>", self.ty(inner, ctx)),
            Ty::Array { of, .. } => format!("Vec<{}>", self.ty(of, &singular(ctx))),
            Ty::Map(Ty::Unknown) => "serde_json::Map<String, serde_json::Value>".into(),
            Ty::Map(of) => format!("std::collections::BTreeMap<String, {}>", self.ty(of, &format!("{ctx}Value"))),
            Ty::Obj(shape) => {
                self.structure(ctx, "", shape);
                ctx.to_string()
            }
            Ty::Ref(m) => {
                self.model(m);
                m.name.to_string()
            }
            Ty::OneOf(tys) => {
                self.one_of(ctx, tys);
                ctx.to_string()
            }
            Ty::Unknown => "serde_json::Value".into(),
        }
    }

    fn string_enum(&mut self, name: &str, doc: &str, values: &[&str]) {
        let mut code = String::new();
        code.push_str("string_enum! {\n");
        let place = format!("{} One of 2Chat's values, or one this version does not know.", self.place);
        doc_lines(&mut code, "    ", if doc.is_empty() { place.trim() } else { doc });
        let _ = writeln!(code, "    {name} {{");
        for v in values {
            let _ = writeln!(code, "        /// `{v}`\n        {} = {v:?},", variant(v));
        }
        code.push_str("    }\n}\n");
        self.define(name, code);
    }

    fn one_of(&mut self, name: &str, tys: &[Ty]) {
        let mut code = String::new();
        doc_lines(&mut code, "", &self.place);
        let _ = writeln!(
            code,
            "/// One of the forms 2Chat accepts or sends here.\n#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]\n#[serde(untagged)]\npub enum {name} {{"
        );
        for t in tys {
            let (v, what) = match t {
                Ty::Str(_) => ("Text", "A string."),
                Ty::Num | Ty::Int { .. } => ("Number", "A number."),
                Ty::Bool => ("Bool", "A boolean."),
                Ty::Array { .. } => ("List", "A list."),
                Ty::Obj(_) | Ty::Ref(_) | Ty::Map(_) => ("Object", "An object."),
                _ => ("Value", "Any other value."),
            };
            let inner = self.ty(t, &format!("{name}{v}"));
            let _ = writeln!(code, "    /// {what}\n    {v}({inner}),");
        }
        code.push_str("}\n");
        self.define(name, code);
    }

    fn structure(&mut self, name: &str, doc: &str, shape: &Shape) {
        // Claim the name first, so a model that refers to itself ends.
        if self.defs.contains_key(name) {
            return;
        }
        self.defs.insert(name.to_string(), String::new());
        let mut code = String::new();
        doc_lines(&mut code, "", if doc.is_empty() { &self.place } else { doc });
        let defaultable = shape_defaultable(shape);
        let default = if defaultable { ", Default" } else { "" };
        // A response keeps the fields it does not type in `extra`, and the `null`s of its optional
        // fields too (see `keep_nulls!`), so it serialises back to exactly what was sent.
        let remote = if shape.open { "\n#[serde(remote = \"Self\")]" } else { "" };
        let _ = writeln!(code, "#[derive(Clone, Debug, PartialEq, Serialize, Deserialize{default})]{remote}\npub struct {name} {{");
        let mut nullable_keys: Vec<String> = Vec::new();
        let mut ctor_args: Vec<String> = Vec::new();
        let mut ctor_fields: Vec<String> = Vec::new();
        for (owner, f, optional) in all_fields(shape) {
            let t = self.field(&mut code, owner.unwrap_or(name), &f, optional, shape.open);
            if t.starts_with("Option<") {
                nullable_keys.push(format!("{:?}", f.name));
            }
            let (ident, _) = field_ident(f.name);
            if optional || (t.starts_with("Option<") && f.null != Null::Keep) {
                ctor_fields.push(format!("{ident}: None"));
            } else if t == "String" {
                ctor_args.push(format!("{ident}: impl Into<String>"));
                ctor_fields.push(format!("{ident}: {ident}.into()"));
            } else {
                ctor_args.push(format!("{ident}: {t}"));
                ctor_fields.push(ident);
            }
        }
        code.push_str(
            "    /// Every other field, as sent: fields 2Chat adds later, or that this version does not type.\n    #[serde(flatten)]\n    pub extra: serde_json::Map<String, serde_json::Value>,\n}\n",
        );
        if shape.open {
            let _ = writeln!(code, "keep_nulls!({name}, [{}]);", nullable_keys.join(", "));
        }
        if !shape.open && !ctor_args.is_empty() {
            // Params: a constructor of the required fields (the only way in when a field has no
            // honest default, and shorter than a struct literal otherwise).
            ctor_fields.push("extra: serde_json::Map::new()".into());
            let _ = writeln!(
                code,
                "\nimpl {name} {{\n    /// The required fields; every optional one `None`, nothing in `extra`.\n    #[allow(clippy::too_many_arguments)]\n    pub fn new({}) -> Self {{\n        {name} {{ {} }}\n    }}\n}}",
                ctor_args.join(", "),
                ctor_fields.join(", ")
            );
        }
        self.defs.remove(name);
        self.define(name, code);
    }

    /// Writes one field; returns its Rust type.
    fn field(&mut self, code: &mut String, parent: &str, f: &Field, optional: bool, open: bool) -> String {
        let ctx = format!("{parent}{}", snake_to_pascal(f.name));
        self.place = format!("The `{}` of a [`{parent}`].", f.name);
        let (ident, renamed) = field_ident(f.name);
        let mut serde: Vec<String> = Vec::new();
        if f.send_alias {
            if let Some(alias) = f.alias {
                serde.push(format!("rename(serialize = {alias:?}, deserialize = {:?})", f.name));
            }
        } else if renamed {
            serde.push(format!("rename = {:?}", f.name));
        }
        if let Some(alias) = f.alias {
            serde.push(format!("alias = {alias:?}"));
        }
        let inner = match f.ty {
            Ty::Nullable(inner) => inner,
            _ => &f.ty,
        };
        let nullable = matches!(f.ty, Ty::Nullable(_));
        let t = if optional || nullable {
            let t = format!("Option<{}>", self.ty(inner, &ctx));
            // A `null` that means something (`url: null` removes a picture) is sent as `null`,
            // and must be given: read from JSON, a missing one is an error, not a `null`. (A
            // response's `null`s are kept by `keep_nulls!`.)
            if f.required && f.null == Null::Keep {
                // serde would read a missing `Option` as `None`: this one must be there.
                serde.push("deserialize_with = \"present\"".into());
            } else {
                serde.push("default".into());
                serde.push("skip_serializing_if = \"Option::is_none\"".into());
            }
            t
        } else {
            let t = self.ty(&f.ty, &ctx);
            if open && defaultable(&f.ty) {
                // A response missing a field, or with `null` in it, still reads: a call that
                // succeeded (a message that went out) never turns into an error over its answer.
                serde.push("default".into());
                serde.push("deserialize_with = \"null_as_default\"".into());
            }
            t
        };
        let mut doc = f.doc.to_string();
        if let Some(limit) = limit(&f.ty) {
            if !doc.is_empty() {
                doc.push(' ');
            }
            doc.push_str(&limit);
        }
        if let Some(alias) = f.alias {
            if !doc.is_empty() {
                doc.push(' ');
            }
            let _ = write!(doc, "Also read from `{alias}`.");
        }
        if doc.is_empty() {
            doc = format!("`{}`", f.name);
        }
        doc_lines(code, "    ", &doc);
        if !serde.is_empty() {
            let _ = writeln!(code, "    #[serde({})]", serde.join(", "));
        }
        let _ = writeln!(code, "    pub {ident}: {t},");
        t
    }
}

/// What the validator holds a field to, for its rustdoc.
fn limit(t: &Ty) -> Option<String> {
    Some(match t {
        Ty::Str(Text::E164) => "An E.164 number (`+` then 8–15 digits).".into(),
        Ty::Str(Text::NonBlank) | Ty::Str(Text::Token) => "Not blank.".into(),
        Ty::Str(Text::Max(n)) => format!("At most {n} characters."),
        Ty::Str(Text::NonBlankMax(n)) => format!("Not blank; at most {n} characters."),
        Ty::Str(Text::Url) => "An http(s) URL.".into(),
        Ty::Str(Text::Color) => "A `#RGB`, `#RRGGBB` or `#RRGGBBAA` colour.".into(),
        Ty::Str(Text::Country) => "A two-letter country code.".into(),
        Ty::Str(Text::Digits { min, max, .. }) => format!("{min}–{max} digits."),
        Ty::Int { min, max } if *max < u32::MAX as i64 => format!("{min}–{max}."),
        Ty::Int { min, .. } => format!("At least {min}."),
        Ty::Array { min, max, .. } if *max > 0 => format!("{min}–{max} items."),
        Ty::Array { min, .. } if *min > 0 => format!("At least {min} item(s)."),
        Ty::Nullable(inner) => return limit(inner),
        _ => return None,
    })
}

/// `twochat::types`: a Rust type for every model, params type and webhook payload.
pub fn types() -> String {
    let mut t = Types::default();
    for m in crate::gen::decl().models.iter().chain(crate::gen::decl().params).chain(crate::events::PAYLOADS) {
        t.model(m);
    }
    let mut out = String::from("// Generated by twochat-spec (gen::rust::types): do not edit.\n");
    for name in &t.order {
        match t.defs.get(name) {
            Some(code) => out.push_str(code),
            None => out.push_str(name),
        }
        out.push('\n');
    }
    out
}

/// The webhook `Payload` enum: one variant per event name, and `Unknown` for the rest.
pub fn payload() -> String {
    let mut out = String::from(
        "// Generated by twochat-spec (gen::rust::payload): do not edit.\n\
         /// A delivery's payload, typed by its event name.\n\
         #[derive(Clone, Debug, PartialEq, Serialize)]\n#[serde(untagged)]\n#[non_exhaustive]\npub enum Payload {\n",
    );
    for e in crate::events::EVENTS {
        let note = if e.note.is_empty() { String::new() } else { format!(" ({})", e.note) };
        let _ = writeln!(out, "    /// `{}`{note}\n    {}(crate::types::{}),", e.name, e.variant, e.payload.name);
    }
    out.push_str(
        "    /// An event name this version does not know, as sent: never an error.\n    Unknown(serde_json::Value),\n}\n\n\
         impl Payload {\n    /// Reads the payload of event `name`; a name this version does not know gives [`Payload::Unknown`].\n\
         \x20   pub fn from_value(name: &str, value: serde_json::Value) -> Result<Payload, serde_json::Error> {\n        Ok(match name {\n",
    );
    for e in crate::events::EVENTS {
        let _ = writeln!(out, "            {:?} => Payload::{}(serde_json::from_value(value)?),", e.name, e.variant);
    }
    out.push_str("            _ => Payload::Unknown(value),\n        })\n    }\n\n");
    out.push_str("    /// The event name of a typed payload (`None` for [`Payload::Unknown`]).\n    pub fn event_name(&self) -> Option<&'static str> {\n        Some(match self {\n");
    for e in crate::events::EVENTS {
        let _ = writeln!(out, "            Payload::{}(_) => {:?},", e.variant, e.name);
    }
    out.push_str("            Payload::Unknown(_) => return None,\n        })\n    }\n}\n");
    out
}

/// The typed resources of `twochat::Client`: `client.messages().send(&params)`.
pub fn resources() -> String {
    let all = methods();
    let mut out = String::from("// Generated by twochat-spec (gen::rust::resources): do not edit.\nimpl Client {\n");
    for (resource, doc) in crate::gen::decl().resources {
        let _ = writeln!(
            out,
            "    /// {doc}\n    pub fn {}(&self) -> resources::{}<'_> {{\n        resources::{}::new(self)\n    }}\n",
            camel_to_snake(resource),
            camel_to_pascal(resource),
            camel_to_pascal(resource)
        );
    }
    out.push_str("}\n\n");
    call_tool(&mut out, &all);
    out.push_str("\n/// The resources of a [`Client`], one per part of the API.\npub mod resources {\n    #![allow(clippy::needless_lifetimes)]\n    use super::{params as to_json, Client};\n    use crate::error::Result;\n    use serde_json::Value;\n\n");
    for (resource, doc) in crate::gen::decl().resources {
        let pascal = camel_to_pascal(resource);
        let example = resource_example(&all, resource);
        let _ = writeln!(
            out,
            "    /// {doc} From [`Client::{}`].\n    ///\n{example}    #[derive(Clone, Copy, Debug)]\n    pub struct {pascal}<'a> {{\n        client: &'a Client,\n    }}\n\n    impl<'a> {pascal}<'a> {{\n        pub(crate) fn new(client: &'a Client) -> Self {{\n            {pascal} {{ client }}\n        }}\n",
            camel_to_snake(resource)
        );
        for (op, m) in all.iter().enumerate().filter(|(_, m)| m.resource == *resource) {
            method(&mut out, op, m);
        }
        out.push_str("    }\n\n");
    }
    out.push_str("}\n");
    out
}

/// A value for an example argument of this type.
fn example_arg(a: &crate::Arg) -> String {
    match a.ty {
        Ty::Int { .. } => "1".into(),
        Ty::Str(Text::E164) => "\"+595981048477\"".into(),
        Ty::Str(Text::Event) => "\"whatsapp.message.received\"".into(),
        _ => format!("\"{}\"", a.wire.to_ascii_uppercase()),
    }
}

/// The rustdoc example of a resource: its first method that takes no params or default ones,
/// compiled by `cargo test --doc` (not run: it would need a 2Chat account).
fn resource_example(all: &[crate::gen::Method], resource: &str) -> String {
    let pick = all.iter().filter(|m| m.resource == resource).find(|m| match m.primary.params {
        None => true,
        Some(p) => matches!(p.model.ty, Ty::Obj(shape) if shape_defaultable(shape)),
    });
    let Some(m) = pick else { return String::new() };
    let e = m.primary;
    let mut args: Vec<String> = e.args.iter().map(example_arg).collect();
    if e.params.is_some() {
        args.push("&Default::default()".into());
    }
    let call = format!("client.{}().{}({})", camel_to_snake(resource), camel_to_snake(e.name), args.join(", "));
    let mut text = String::from("    /// ```no_run\n    /// # async fn demo(client: twochat::Client) -> Result<(), twochat::Error> {\n");
    let _ = writeln!(text, "    /// let answer = {call}.await?;\n    /// println!(\"{{answer:?}}\");");
    if e.paging.is_some() {
        let iter = camel_to_snake(&iterator_name(e.name));
        let _ = writeln!(
            text,
            "    /// // Every item, page after page; `take` stops asking for pages.\n    /// use futures_util::StreamExt;\n    /// let mut items = Box::pin(client.{}().{iter}({}).take(500));\n    /// while let Some(item) = items.next().await {{\n    ///     println!(\"{{:?}}\", item?);\n    /// }}",
            camel_to_snake(resource),
            args.join(", ")
        );
    }
    text.push_str("    /// # Ok(()) }\n    /// ```\n");
    text
}

/// `Client::call_tool`: a tool call (flat JSON arguments, as an LLM makes it) run through the typed
/// method of its tool, so its arguments are read into the typed params and its answer into the
/// typed response before being handed back as JSON.
fn call_tool(out: &mut String, all: &[crate::gen::Method]) {
    out.push_str(
        "impl Client {\n    /// Runs a tool of `twochat/tools` (or a connector alias) with its flat JSON arguments, through the\n         \x20   /// typed method it names: the arguments are read into the typed params (an error names the\n         \x20   /// tool's own argument), validated as every call is, and the answer comes back as the JSON of\n         \x20   /// the typed response.\n    ///\n    /// ```no_run\n         \x20   /// # async fn demo(client: twochat::Client) -> Result<(), twochat::Error> {\n         \x20   /// let sent = client.call_tool(\"send_message\", serde_json::json!({\n         \x20   ///     \"from_number\": \"+595981048477\", \"to_number\": \"+5215512345432\", \"text\": \"hi\"\n         \x20   /// })).await?;\n    /// println!(\"{sent}\");\n    /// # Ok(()) }\n    /// ```\n         \x20   pub async fn call_tool(&self, name: &str, args: Value) -> Result<Value> {\n         \x20       let (op, o) = crate::tools::resolve(name)?;\n         \x20       let mut args = tool_arguments(args)?;\n         \x20       let wire = |e: Error| crate::tools::wire_names(o, e);\n         \x20       match op {\n",
    );
    for (op, m) in all.iter().enumerate() {
        let e = m.primary;
        let mut lets = String::new();
        let mut call_args: Vec<String> = Vec::new();
        for (i, a) in e.args.iter().enumerate() {
            match a.ty {
                Ty::Int { .. } => {
                    let _ = write!(lets, "let a{i} = take_whole(&mut args, {:?})?; ", a.wire);
                    call_args.push(format!("a{i}"));
                }
                _ => {
                    let _ = write!(lets, "let a{i} = take_text(&mut args, {:?})?; ", a.wire);
                    call_args.push(format!("&a{i}"));
                }
            }
        }
        match e.params {
            Some(p) => {
                let _ = write!(lets, "let p: crate::types::{} = tool_params(args)?; ", p.model.name);
                call_args.push("&p".into());
            }
            None => {
                let _ = write!(lets, "no_other_arguments(o, &args)?; ");
            }
        }
        let _ = writeln!(
            out,
            "            {op} => {{ {lets}to_json(&self.{}().{}({}).await.map_err(wire)?) }}",
            camel_to_snake(m.resource),
            camel_to_snake(e.name),
            call_args.join(", ")
        );
    }
    out.push_str("            _ => Err(Error::invalid(\"name\", \"names no tool of this version\")),\n        }\n    }\n}\n");
}

fn method(out: &mut String, op: usize, m: &crate::gen::Method) {
    let e = m.primary;
    let rows: Vec<String> = m.rows.iter().map(|r| format!("#{} `{} {}`", r.id, r.method.as_str(), r.path)).collect();
    let mut args_sig: Vec<String> = vec!["self".into()];
    let mut args_val: Vec<String> = Vec::new();
    for a in e.args {
        let name = camel_to_snake(a.js);
        match a.ty {
            Ty::Int { .. } => {
                args_sig.push(format!("{name}: u32"));
                args_val.push(format!("Value::from({name})"));
            }
            _ => {
                args_sig.push(format!("{name}: &str"));
                args_val.push(format!("Value::from({name})"));
            }
        }
    }
    let params_ty = e.params.map(|p| p.model.name);
    if let Some(p) = params_ty {
        args_sig.push(format!("params: &crate::types::{p}"));
    }
    let params_val = if params_ty.is_some() { "Some(to_json(params)?)" } else { "None" };
    let name = camel_to_snake(e.name);
    let mut doc = format!("{} {}", rows.join(" / "), e.summary);
    if !e.doc.is_empty() {
        doc.push(' ');
        doc.push_str(e.doc);
    }
    if e.args.iter().any(|a| a.at == At::Query) {
        doc.push_str(" The positional argument goes in the query string.");
    }
    doc_lines(out, "        ", &doc);
    let _ = writeln!(
        out,
        "        pub async fn {name}({}) -> Result<crate::types::{}> {{\n            self.client.call({op}, vec![{}], {params_val}).await\n        }}\n",
        args_sig.join(", "),
        e.response.name,
        args_val.join(", ")
    );
    if let Some(paging) = e.paging {
        let iter = camel_to_snake(&iterator_name(e.name));
        let params_val = if params_ty.is_some() { "to_json(params)" } else { "Ok(Value::Object(Default::default()))" };
        let _ = writeln!(
            out,
            "        /// Every item of [`Self::{name}`], page after page, fetched lazily as the stream is polled; it ends\n        /// on the list's own end signal. `StreamExt::take(n)` stops it without asking for more pages.\n        pub fn {iter}({}) -> impl futures_core::Stream<Item = Result<crate::types::{}>> + 'a {{\n            self.client.walk({op}, vec![{}], {params_val})\n        }}\n",
            args_sig.join(", "),
            paging.item.name,
            args_val.join(", ")
        );
    }
}

/// The getters of the JS `TwoChat` class, one per resource.
pub fn js_getters() -> String {
    let mut out = String::from("// Generated by twochat-spec (gen::rust::js_getters): do not edit.\n#[wasm_bindgen]\nimpl TwoChat {\n");
    for (resource, doc) in crate::gen::decl().resources {
        let _ = writeln!(
            out,
            "    /// {doc}\n    #[wasm_bindgen(getter, js_name = {resource}, unchecked_return_type = \"{}\")]\n    pub fn {}(&self) -> JsValue {{\n        self.resource({resource:?})\n    }}\n",
            camel_to_pascal(resource),
            camel_to_snake(resource)
        );
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(variant("all-time"), "AllTime");
        assert_eq!(variant("PENDING"), "Pending");
        assert_eq!(variant("WAPH"), "Waph");
        assert_eq!(variant("whatsapp.message.new"), "WhatsappMessageNew");
        assert_eq!(singular("products"), "product");
        assert_eq!(singular("categories"), "category");
        assert_eq!(field_ident("type"), ("r#type".to_string(), false));
        assert_eq!(field_ident("extra-information"), ("extra_information".to_string(), true));
        assert_eq!(field_ident("statusCode"), ("status_code".to_string(), true));
        assert_eq!(field_ident("isInviteV4Sent"), ("is_invite_v4_sent".to_string(), true));
        assert_eq!(field_ident("from_number"), ("from_number".to_string(), false));
    }

    #[test]
    fn every_model_has_one_rust_type() {
        let code = types();
        for m in crate::gen::decl().models.iter().chain(crate::gen::decl().params).chain(crate::events::PAYLOADS) {
            let defined = code.contains(&format!("pub struct {} {{", m.name))
                || code.contains(&format!("    {} {{\n", m.name))
                || code.contains(&format!("pub type {} =", m.name));
            assert!(defined, "{} has no Rust type", m.name);
        }
    }
}
