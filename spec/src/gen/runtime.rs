//! The runtime tables: the declarations as compact Rust data for `twochat`'s generic validator,
//! router, pager and tool dispatcher. Only what a running client needs is kept — no model names,
//! no descriptions but the one-line summaries, no response types — so the tables cost the wasm
//! module a few kilobytes. The types they fill are `twochat::table`'s.

use std::fmt::Write as _;

use crate::gen::methods;
use crate::{Field, Model, Rule, Shape, Text, Ty};

/// Shapes already written, with their static's name (equal shapes are written once).
struct Shapes {
    done: Vec<(&'static Shape, String)>,
    out: String,
}

impl Shapes {
    fn name_of(&mut self, shape: &'static Shape) -> String {
        if let Some((_, n)) = self.done.iter().find(|(p, _)| *p == shape) {
            return n.clone();
        }
        let name = format!("S{}", self.done.len());
        self.done.push((shape, name.clone()));
        let mut fields: Vec<Field> = Vec::new();
        flatten(shape, &mut fields);
        let mut body = String::new();
        for f in &fields {
            let ty = self.ty(&f.ty);
            let alias = f.alias.map_or_else(|| "None".to_string(), |a| format!("Some({a:?})"));
            let _ = write!(
                body,
                "Field {{ name: {:?}, ty: {ty}, required: {}, null: Null::{:?}, alias: {alias}, send_alias: {} }}, ",
                f.name, f.required, f.null, f.send_alias
            );
        }
        let rules: Vec<String> = shape.rules.iter().map(rule).collect();
        let _ = writeln!(
            self.out,
            "static {name}: Shape = Shape {{ fields: &[{body}], rules: &[{}] }};",
            rules.join(", ")
        );
        name
    }

    fn ty(&mut self, t: &Ty) -> String {
        match t {
            Ty::Str(text) => format!("Ty::Str(Text::{})", text_expr(text)),
            // The runtime holds limits in 32 bits: a declared limit outside them cannot build.
            Ty::Int { min, max } => match (u32::try_from(*min), u32::try_from(*max)) {
                (Ok(min), Ok(max)) => format!("Ty::Int({min}, {max})"),
                _ => format!("{{ compile_error!(\"twochat-spec: the range {min}..={max} does not fit in 32 bits\"); Ty::Any }}"),
            },
            Ty::Num => "Ty::Num".into(),
            Ty::Bool => "Ty::Bool".into(),
            Ty::Enum(values) => format!("Ty::Enum(&{values:?})"),
            // Open enums admit any string: at run time they are strings.
            Ty::OpenEnum(_) => "Ty::Str(Text::Any)".into(),
            Ty::OpenIntEnum(_) => "Ty::Num".into(),
            Ty::Id => "Ty::Id".into(),
            Ty::Timestamp => "Ty::Ts".into(),
            Ty::Nullable(inner) => format!("Ty::Nullable(&{})", self.ty(inner)),
            Ty::Array { of, min, max } => format!("Ty::Array(&{}, {min}, {max})", self.ty(of)),
            Ty::Map(of) => format!("Ty::Map(&{})", self.ty(of)),
            Ty::Obj(shape) => format!("Ty::Obj(&{})", self.name_of(shape)),
            Ty::Ref(m) => self.ty(&m.ty),
            Ty::OneOf(tys) => {
                let parts: Vec<String> = tys.iter().map(|t| self.ty(t)).collect();
                format!("Ty::OneOf(&[{}])", parts.join(", "))
            }
            Ty::Unknown => "Ty::Any".into(),
        }
    }

    fn model_shape(&mut self, m: &'static Model) -> String {
        match m.ty {
            Ty::Obj(shape) => self.name_of(shape),
            Ty::Ref(inner) => self.model_shape(inner),
            // A declaration error: the generated code does not compile, and says why.
            _ => format!("{{ compile_error!(\"twochat-spec: {} is not an object model\"); EMPTY }}", m.name),
        }
    }
}

/// A shape's fields with its base's first (all optional for a partial base); a field of the
/// shape replaces the base's of the same name.
pub fn flatten(shape: &'static Shape, out: &mut Vec<Field>) {
    if let Some(base) = shape.base {
        let mut b = base;
        while let Ty::Ref(inner) = b.ty {
            b = inner;
        }
        if let Ty::Obj(bs) = b.ty {
            let start = out.len();
            flatten(bs, out);
            if shape.partial_base {
                for f in out.iter_mut().skip(start) {
                    f.required = false;
                }
            }
        }
    }
    for f in shape.fields {
        match out.iter_mut().find(|g| g.name == f.name) {
            Some(g) => *g = *f,
            None => out.push(*f),
        }
    }
}

fn text_expr(t: &Text) -> String {
    match t {
        Text::Digits { min, max, plus } => format!("Digits {{ min: {min}, max: {max}, plus: {plus} }}"),
        Text::Decimal { max_abs, signed } => format!("Decimal {{ max_abs: {max_abs}, signed: {signed} }}"),
        other => format!("{other:?}"),
    }
}

fn rule(r: &Rule) -> String {
    match r {
        Rule::ExactlyOne(names) => format!("Rule::ExactlyOne(&{names:?})"),
        Rule::AtLeastOne(names) => format!("Rule::AtLeastOne(&{names:?})"),
        Rule::NonEmpty => "Rule::NonEmpty".into(),
        Rule::Named(name) => format!("Rule::Named(Named::{})", crate::gen::snake_to_pascal(name)),
    }
}

/// The names of every named rule, for the `Named` enum the runtime implements.
pub fn named_rules() -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut visit = |shape: &Shape| {
        for r in shape.rules {
            if let Rule::Named(n) = r {
                if !names.contains(n) {
                    names.push(*n);
                }
            }
        }
    };
    fn walk(t: &Ty, f: &mut dyn FnMut(&Shape)) {
        match t {
            Ty::Obj(s) => {
                f(s);
                for field in s.fields {
                    walk(&field.ty, f);
                }
            }
            Ty::Ref(m) => walk(&m.ty, f),
            Ty::Nullable(i) | Ty::Map(i) => walk(i, f),
            Ty::Array { of, .. } => walk(of, f),
            Ty::OneOf(ts) => ts.iter().for_each(|t| walk(t, f)),
            _ => {}
        }
    }
    for m in crate::gen::decl().params {
        walk(&m.ty, &mut visit);
    }
    names
}

/// The Rust source of the tables.
pub fn tables() -> String {
    let mut shapes = Shapes { done: Vec::new(), out: String::new() };
    let methods = methods();
    let mut ops = String::new();
    for m in &methods {
        let e = m.primary;
        let rows: Vec<String> = m.indices.iter().map(|i| i.to_string()).collect();
        let args: Vec<String> = e
            .args
            .iter()
            .map(|a| {
                format!("Arg {{ js: {:?}, wire: {:?}, ty: {}, at: At::{:?} }}", a.js, a.wire, shapes.ty(&a.ty), a.at)
            })
            .collect();
        let params = match e.params {
            None => "None".to_string(),
            Some(p) => format!(
                "Some(Params {{ shape: &{}, required: {}, at: At::{:?} }})",
                shapes.model_shape(p.model),
                p.required,
                p.at
            ),
        };
        let paging = match e.paging {
            None => "None".to_string(),
            Some(p) => format!(
                "Some(Paging {{ items: {:?}, page: {:?}, size: PageSize::{:?}, end: End::{:?} }})",
                p.items, p.page, p.size, p.end
            ),
        };
        let aliases: Vec<String> = e
            .aliases
            .iter()
            .map(|a| format!("Alias {{ at: {:?}, to: {:?}, from: &{:?} }}", a.at, a.to, a.from))
            .collect();
        let _ = writeln!(
            ops,
            "    Op {{ resource: {:?}, name: {:?}, tool: {:?}, rows: &[{}], args: &[{}], params: {params}, paging: {paging}, aliases: &[{}], defaults: &{:?} }},",
            m.resource,
            m.name,
            e.tool,
            rows.join(", "),
            args.join(", "),
            aliases.join(", "),
            e.defaults
        );
    }
    let mut endpoints = String::new();
    for e in crate::gen::decl().endpoints {
        let op = methods.iter().position(|m| m.resource == e.resource && m.name == e.name).unwrap_or(0);
        let when = e.when.map_or_else(|| "None".to_string(), |w| format!("Some({w:?})"));
        let _ = writeln!(
            endpoints,
            "    Endpoint {{ id: {}, method: Method::{:?}, path: {:?}, resource: {:?}, method_name: {:?}, success_status: {}, tool: {:?}, effect: Effect::{:?}, op: {op}, when: {when} }},",
            e.id, e.method, e.path, e.resource, e.name, e.success, e.tool, e.effect
        );
    }
    let mut events = String::new();
    for ev in crate::events::EVENTS {
        let shape = shapes.model_shape(ev.payload);
        let _ = writeln!(events, "    EventSpec {{ name: {:?}, payload: &{shape} }},", ev.name);
    }
    let unknown = shapes.model_shape(&crate::events::OTHER_EVENT_PAYLOAD);
    let mut resources = String::new();
    for (r, _) in crate::gen::decl().resources {
        let ids: Vec<String> =
            methods.iter().enumerate().filter(|(_, m)| m.resource == *r).map(|(i, _)| i.to_string()).collect();
        let _ = writeln!(resources, "    ({r:?}, &[{}]),", ids.join(", "));
    }
    let named: Vec<String> = named_rules().iter().map(|n| crate::gen::snake_to_pascal(n)).collect();
    format!(
        "// Generated by twochat-spec (gen::runtime) from the endpoint declarations: do not edit.\n\
         /// The rules no field spec can say, each a function of `crate::rules`.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n#[allow(missing_docs)]\npub enum Named {{ {} }}\n\n\
         {}\n\
         /// Every row of the contract, in its order.\npub static ENDPOINTS: [Endpoint; {}] = [\n{endpoints}];\n\n\
         /// Every method of the client, in table order.\npub static OPS: [Op; {}] = [\n{ops}];\n\n\
         /// Every webhook event with the checks of its payload.\npub static EVENTS: [EventSpec; {}] = [\n{events}];\n\n\
         /// The checks of a payload whose event this version does not know: the shared fields.\npub static UNKNOWN_PAYLOAD: &Shape = &{unknown};\n\n\
         /// The name of every webhook event, in `EVENTS` order.\npub static EVENT_NAMES: [&str; {}] = {:?};\n\n\
         /// The resources of the client and their methods (indices into `OPS`).\npub static RESOURCES: [(&str, &[u8]); {}] = [\n{resources}];\n",
        named.join(", "),
        shapes.out,
        crate::gen::decl().endpoints.len(),
        methods.len(),
        crate::events::EVENTS.len(),
        crate::events::EVENTS.len(),
        crate::events::EVENTS.iter().map(|e| e.name).collect::<Vec<_>>(),
        crate::gen::decl().resources.len(),
    )
}

/// The checks of every webhook event's payload as JavaScript (`js/checks.js`): what the npm
/// package's `parseWebhook` runs, with the same meaning as the `EVENTS` and `UNKNOWN_PAYLOAD`
/// tables `twochat::webhook::inspect` walks in Rust. One function per payload shape reads each
/// declared field by name (a property access the engine can cache, where a loop over a table of
/// names cannot), through four helpers `js/webhooks.js` passes in:
///
/// - `x(value, mask, path, name)`: a value of one of the kinds in `mask`;
/// - `t(value, path, name, ts)`: a timestamp (string or number), collected into `ts`;
/// - `o(value, walk, path, name, ts)`: an object, whose fields `walk` checks;
/// - `a(value, mask, walk, path, name, ts)`: an array whose items are of `mask` (each walked
///   by `walk` when the items are objects).
///
/// A mask is the accepted kinds (2 boolean, 4 number, 8 string, 16 array, 32 object) plus 64 when
/// the message says "a value" (one of several types) or 128 when it says "a timestamp". `null`
/// and absent fields are never checked.
pub fn event_checks_js() -> String {
    struct Out {
        done: Vec<&'static Shape>,
        fns: Vec<String>,
    }
    const BOOL: u32 = 2;
    const NUM: u32 = 4;
    const STR: u32 = 8;
    const ARR: u32 = 16;
    const OBJ: u32 = 32;
    const VALUE: u32 = 64;
    const TIME: u32 = 128;
    /// The mask of what `t` accepts, as an item or a field checked by `x`.
    fn mask(t: &Ty) -> u32 {
        match t {
            Ty::Str(_) | Ty::Enum(_) | Ty::OpenEnum(_) => STR,
            Ty::Int { .. } | Ty::Num | Ty::OpenIntEnum(_) => NUM,
            Ty::Bool => BOOL,
            Ty::Id => STR | NUM,
            Ty::Timestamp => STR | NUM | TIME,
            Ty::Map(_) | Ty::Obj(_) => OBJ,
            Ty::Array { .. } => ARR,
            Ty::Unknown => 63 | VALUE,
            Ty::Nullable(inner) => mask(inner),
            Ty::Ref(m) => mask(&m.ty),
            Ty::OneOf(tys) => tys.iter().fold(VALUE, |m, t| m | (mask(t) & 63)),
        }
    }
    fn shape(o: &mut Out, s: &'static Shape) -> usize {
        if let Some(i) = o.done.iter().position(|p| std::ptr::eq(*p, s)) {
            return i;
        }
        let i = o.done.len();
        o.done.push(s);
        o.fns.push(String::new());
        let mut fields: Vec<Field> = Vec::new();
        flatten(s, &mut fields);
        let mut body = String::new();
        for f in &fields {
            let read = if f.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') && !f.name.starts_with(|c: char| c.is_ascii_digit()) {
                format!("v.{}", f.name)
            } else {
                format!("v[{:?}]", f.name)
            };
            let _ = writeln!(body, "    {};", field(o, &f.ty, &read, f.name));
        }
        if let Some(slot) = o.fns.get_mut(i) {
            *slot = format!("  function s{i}(v, p, ts) {{\n{body}  }}\n");
        }
        i
    }
    /// The check of one field.
    fn field(o: &mut Out, t: &Ty, read: &str, name: &str) -> String {
        match t {
            Ty::Nullable(inner) => field(o, inner, read, name),
            Ty::Ref(m) => field(o, &m.ty, read, name),
            Ty::Timestamp => format!("t({read}, p, {name:?}, ts)"),
            Ty::Obj(s) => format!("o({read}, s{}, p, {name:?}, ts)", shape(o, s)),
            Ty::Array { of, .. } => {
                // Items are walked when the item type is an object itself (not a nullable one).
                let mut item = *of;
                while let Ty::Ref(m) = item {
                    item = &m.ty;
                }
                let walk = match item {
                    Ty::Obj(s) => format!("s{}", shape(o, s)),
                    _ => "null".into(),
                };
                format!("a({read}, {}, {walk}, p, {name:?}, ts)", mask(of))
            }
            other => format!("x({read}, {}, p, {name:?})", mask(other)),
        }
    }
    let mut o = Out { done: Vec::new(), fns: Vec::new() };
    let model = |o: &mut Out, m: &'static Model| -> usize {
        let mut t = &m.ty;
        while let Ty::Ref(inner) = t {
            t = &inner.ty;
        }
        match t {
            Ty::Obj(s) => shape(o, s),
            _ => shape(o, &EMPTY_SHAPE),
        }
    };
    let events: Vec<String> =
        crate::events::EVENTS.iter().map(|e| format!("    [{:?}, s{}],", e.name, model(&mut o, e.payload))).collect();
    let unknown = model(&mut o, &crate::events::OTHER_EVENT_PAYLOAD);
    // A 2xx body's failure flags (`FAILURE_FLAGS`), one property access each.
    let flags: Vec<String> =
        crate::FAILURE_FLAGS.iter().map(|(field, says)| format!("b[{field:?}] === {says}")).collect();
    format!(
        "// Generated by twochat-spec (gen::runtime::event_checks_js) from the webhook event declarations\n\
         // (spec/src/events.rs) and the failure flags of a 2xx answer (FAILURE_FLAGS in spec/src/lib.rs)\n\
         // when the crate builds: do not edit. The checks of each event's payload, for js/webhooks.js;\n\
         // twochat::webhook::inspect walks the same declarations in Rust. Whether a parsed 2xx body says\n\
         // it failed, for js/http.js; twochat::response reads the same flags in Rust.\n\n\
         export function checks(x, t, o, a) {{\n{}  const events = new Map([\n{}\n  ]);\n  return {{ events, unknown: s{unknown} }};\n}}\n\n\
         export function failed(b) {{\n  return b !== null && typeof b === \"object\" && ({});\n}}\n",
        o.fns.join(""),
        events.join("\n"),
        flags.join(" || "),
    )
}

static EMPTY_SHAPE: Shape = Shape { base: None, partial_base: false, fields: &[], open: true, rules: &[], variants: &[] };
