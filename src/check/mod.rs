//! The one validator: it reads a method's arguments and params against their declarations (see
//! [`crate::table`]) and plans the request — path, query string, and how the body is made from
//! the params — or says, with the path of the offending field, why nothing may be sent. It is
//! data-driven: adding an endpoint adds no code here.

use crate::error::{Error, Result};
use crate::json::{describe, quoted, whole, Json, Kind};
use crate::request::encode_path_segment;
use crate::table::{At, Endpoint, Field, Null, Op, Rule, Shape, Text, Ty, ENDPOINTS};

/// Where a value sits, for messages: built as the checks descend, turned into text only when a
/// check fails (`group.participants[3]`).
#[derive(Clone, Copy)]
pub enum Path<'a> {
    /// A top-level name: an argument (`channelUuid`) or a params field (`to_number`).
    Name(&'a str),
    /// A member of an object.
    Field(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The path as text.
    pub fn render(&self) -> String {
        match self {
            Path::Name(n) => (*n).to_string(),
            Path::Field(parent, name) => format!("{}.{name}", parent.render()),
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }

    /// A member of this path; at the params root (`Path::Name("")`) the member is the name.
    pub fn field<'b>(&'b self, name: &'b str) -> Path<'b> {
        match self {
            Path::Name("") => Path::Name(name),
            _ => Path::Field(self, name),
        }
    }
}

/// An `invalid_input` error at `path`.
pub fn invalid(path: &Path<'_>, message: impl std::fmt::Display) -> Error {
    Error::invalid(&path.render(), message)
}

/// How the JSON body is made from the params: top-level `null`s are dropped (but for the fields
/// in `keep_null`), then the edits are applied in order; fields the SDK does not know are kept,
/// so options 2Chat adds later can be passed before this version knows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BodyPlan {
    /// Fields whose `null` is a value.
    pub keep_null: Vec<&'static str>,
    /// Changes to the params object.
    pub edits: Vec<Edit>,
}

/// One change to the params object on its way to the body.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Remove a field.
    Remove(&'static str),
    /// Move a field's value to another name.
    Rename(&'static str, &'static str),
    /// Set a field to a string.
    SetText(&'static str, String),
    /// Set a field, when absent, to this JSON value (given as JSON text).
    Default(&'static str, &'static str),
}

/// A validated request: which row, the encoded path, the query pairs (not yet encoded) and, for a
/// request with a body, how to make it.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The row called.
    pub endpoint: &'static Endpoint,
    /// The path, its segments validated and encoded.
    pub path: String,
    /// Query parameters, in order.
    pub query: Vec<(&'static str, String)>,
    /// The body, made from the params.
    pub body: Option<BodyPlan>,
}

/// Validates a call of `op` and plans its request. `args` are the positional arguments (`None`
/// for `undefined`/`null`), `params` the params object if one was given.
pub fn plan<J: Json>(op: &'static Op, args: &[Option<J>], params: Option<&J>) -> Result<Plan> {
    let primary = op.primary().ok_or_else(sdk_bug)?;
    // The arguments, in order.
    let mut path_values: Vec<(&'static str, String)> = Vec::with_capacity(op.args.len() + 1);
    let mut query: Vec<(&'static str, String)> = Vec::new();
    for (i, arg) in op.args.iter().enumerate() {
        let path = Path::Name(arg.js);
        let v = args.get(i).and_then(Option::as_ref).filter(|v| v.kind() != Kind::Null);
        let Some(v) = v else { return Err(invalid(&path, "is required")) };
        let text = scalar_arg(&path, &arg.ty, v)?;
        match arg.at {
            At::Path => path_values.push((arg.wire, text)),
            _ => query.push((arg.wire, text)),
        }
    }
    // The params.
    let params = params.filter(|p| p.kind() != Kind::Null);
    let mut body = None;
    let mut endpoint = primary;
    if let Some(spec) = op.params {
        let root = Path::Name("params");
        match params {
            None if spec.required => return Err(invalid(&root, "is required")),
            None => {}
            Some(p) if p.kind() != Kind::Object => {
                return Err(invalid(&root, format_args!("must be an object, got {}", p.kind().described())))
            }
            Some(_) => {}
        }
        let mut ctx = Ctx { args, edits: Vec::new() };
        if let Some(p) = params {
            shape(&Path::Name(""), spec.shape, p, &mut ctx)?;
        }
        // A second row chosen by a params field, whose value goes in the path.
        let mut chosen_by = None;
        for row in op.endpoints().skip(1) {
            if let (Some(field), Some(p)) = (row.when, params) {
                if let Some(v) = p.member(field).filter(|v| v.kind() != Kind::Null) {
                    path_values.push((field, scalar_arg(&Path::Name(field), &Ty::Str(Text::NonBlank), &v)?));
                    endpoint = row;
                    chosen_by = Some(field);
                    break;
                }
            }
        }
        match spec.at {
            At::Body => {
                let mut plan = BodyPlan::default();
                for f in spec.shape.fields {
                    if f.null == Null::Keep {
                        plan.keep_null.push(f.name);
                    }
                    if let (Some(alias), Some(p)) = (f.alias, params) {
                        let (from, to) = if f.send_alias { (f.name, alias) } else { (alias, f.name) };
                        if p.member(from).is_some_and(|v| v.kind() != Kind::Null) {
                            plan.edits.push(Edit::Rename(from, to));
                        }
                    }
                }
                plan.edits.extend(ctx.edits);
                for (name, json) in op.defaults {
                    plan.edits.push(Edit::Default(name, json));
                }
                body = Some(plan);
            }
            _ => {
                if let Some(p) = params {
                    for f in spec.shape.fields {
                        if Some(f.name) == chosen_by {
                            continue;
                        }
                        let given = present(p, f.name).or_else(|| f.alias.and_then(|a| present(p, a)));
                        let Some(v) = given else { continue };
                        let wire = match (f.alias, f.send_alias) {
                            (Some(alias), true) => alias,
                            _ => f.name,
                        };
                        if let Some(text) = query_text(&v) {
                            // Country codes go upper case, as 2Chat lists them ("US").
                            let text = if matches!(f.ty, Ty::Str(Text::Country)) { text.to_ascii_uppercase() } else { text };
                            query.push((wire, text));
                        }
                    }
                }
            }
        }
    }
    let path = fill(endpoint, &path_values)?;
    Ok(Plan { endpoint, path, query, body })
}

/// What the checks of one call collect besides errors: the body edits named rules make.
pub struct Ctx<'a, J> {
    /// The call's positional arguments.
    pub args: &'a [Option<J>],
    /// Edits of the body.
    pub edits: Vec<Edit>,
}

/// Unreachable: every generated method has a row, and twochat-spec's `problems` refuses a path
/// placeholder no argument fills. Were the table ever broken, the caller is told it is the SDK's
/// fault, not theirs (so not `invalid_input`).
fn sdk_bug() -> Error {
    Error::new(crate::ErrorCode::Decode, "twochat: the endpoint table is inconsistent (a bug of the SDK, please report it)")
}

/// A positional argument as path or query text: a string of its kind, or a whole number.
fn scalar_arg<J: Json>(path: &Path<'_>, ty: &Ty, v: &J) -> Result<String> {
    match ty {
        Ty::Int(min, max) => {
            // Path positions are text: a digit string is as good as a number.
            let n = match v.kind() {
                Kind::Number => v.number().and_then(whole),
                Kind::String => v.text().filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).and_then(|s| crate::json::parse_i64(&s)),
                _ => None,
            };
            match n {
                Some(n) if (i64::from(*min)..=i64::from(*max)).contains(&n) => Ok(n.to_string()),
                _ => Err(invalid(path, format_args!("must be a whole number {}, got {}", range(*min, *max), describe(v)))),
            }
        }
        _ => {
            value(path, ty, v, &mut Ctx::<J> { args: &[], edits: Vec::new() })?;
            let s = v.text().ok_or_else(|| invalid(path, "must be a string"))?;
            if s.trim().is_empty() {
                return Err(invalid(path, "must not be empty"));
            }
            encode_path_segment(&path.render(), &s)?;
            Ok(s)
        }
    }
}

/// The template of `endpoint` filled with validated, encoded segments.
fn fill(endpoint: &Endpoint, values: &[(&'static str, String)]) -> Result<String> {
    let mut out = String::with_capacity(endpoint.path.len() + 48);
    for seg in endpoint.path.split('/').skip(1) {
        out.push('/');
        match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => {
                // The build checks that every placeholder is an argument or a `when` field.
                let v = values.iter().find(|(n, _)| *n == name).map(|(_, v)| v).ok_or_else(sdk_bug)?;
                out.push_str(&encode_path_segment(name, v)?);
            }
            None => out.push_str(seg),
        }
    }
    Ok(out)
}

/// A query value's text: strings as they are, whole numbers in decimal, `true`; `false` and other
/// kinds are not sent.
fn query_text<J: Json>(v: &J) -> Option<String> {
    match v.kind() {
        Kind::String => v.text(),
        Kind::Number => v.number().and_then(whole).map(|n| n.to_string()),
        Kind::Bool => v.boolean().filter(|b| *b).map(|_| "true".to_string()),
        _ => None,
    }
}

fn range(min: u32, max: u32) -> String {
    // `u32::MAX` as a maximum is only a guard, not a limit of 2Chat's worth naming.
    if max == u32::MAX {
        format!("of at least {min}")
    } else {
        format!("between {min} and {max}")
    }
}

/// Checks the fields and rules of an object.
pub fn shape<J: Json>(path: &Path<'_>, s: &Shape, obj: &J, ctx: &mut Ctx<'_, J>) -> Result<()> {
    for f in s.fields {
        field(path, f, obj, ctx)?;
    }
    for r in s.rules {
        rule(path, s, r, obj, ctx)?;
    }
    Ok(())
}

fn present<J: Json>(obj: &J, name: &str) -> Option<J> {
    obj.member(name).filter(|v| v.kind() != Kind::Null)
}

fn field<J: Json>(path: &Path<'_>, f: &Field, obj: &J, ctx: &mut Ctx<'_, J>) -> Result<()> {
    let main = obj.member(f.name);
    let alt = f.alias.and_then(|a| obj.member(a).map(|v| (a, v)));
    let main_given = main.as_ref().is_some_and(|v| v.kind() != Kind::Null);
    let alt_given = alt.as_ref().is_some_and(|(_, v)| v.kind() != Kind::Null);
    if let (true, true, Some((a, _))) = (main_given, alt_given, &alt) {
        return Err(invalid(&path.field(a), format_args!("give {} or {a}, not both", f.name)));
    }
    let (name, v) = match (main, alt) {
        (Some(m), _) if main_given => (f.name, Some(m)),
        (_, Some((a, v))) if alt_given => (a, Some(v)),
        (Some(m), _) => (f.name, Some(m)),
        (None, Some((a, v))) => (a, Some(v)),
        (None, None) => (f.name, None),
    };
    let at = path.field(name);
    match v {
        None => {
            if f.required {
                Err(invalid(&at, "is required"))
            } else {
                Ok(())
            }
        }
        Some(v) if v.kind() == Kind::Null => match f.null {
            Null::Refuse => Err(invalid(&at, "cannot be null")),
            Null::Keep => Ok(()),
            Null::Absent if f.required => Err(invalid(&at, "is required")),
            Null::Absent => Ok(()),
        },
        Some(v) => value(&at, &f.ty, &v, ctx),
    }
}

/// Checks one value against its type.
pub fn value<J: Json>(path: &Path<'_>, ty: &Ty, v: &J, ctx: &mut Ctx<'_, J>) -> Result<()> {
    let kind = v.kind();
    let wrong = |want: &str| invalid(path, format_args!("must be {want}, got {}", kind.described()));
    match ty {
        Ty::Any => Ok(()),
        Ty::Nullable(inner) => {
            if kind == Kind::Null {
                Ok(())
            } else {
                value(path, inner, v, ctx)
            }
        }
        Ty::Str(text) => {
            if kind != Kind::String {
                return Err(wrong("a string"));
            }
            let s = v.text().unwrap_or_default();
            string(path, text, &s)
        }
        Ty::Int(min, max) => {
            let n = if kind == Kind::Number { v.number().and_then(whole) } else { None };
            match n {
                Some(n) if (i64::from(*min)..=i64::from(*max)).contains(&n) => Ok(()),
                Some(n) if *max == u32::MAX => {
                    Err(invalid(path, format_args!("must be a whole number {} (got {n})", range(*min, *max))))
                }
                Some(n) => Err(invalid(path, format_args!("must be between {min} and {max} (got {n})"))),
                None => Err(invalid(path, format_args!("must be a whole number {}, got {}", range(*min, *max), describe(v)))),
            }
        }
        Ty::Num => {
            if kind == Kind::Number {
                Ok(())
            } else {
                Err(wrong("a number"))
            }
        }
        Ty::Bool => {
            if kind == Kind::Bool {
                Ok(())
            } else {
                Err(wrong("a boolean"))
            }
        }
        Ty::Enum(values) => {
            let s = if kind == Kind::String { v.text() } else { None };
            match s {
                Some(s) if values.contains(&s.as_str()) => Ok(()),
                Some(s) => Err(invalid(path, format_args!("must be one of {} (got {})", crate::json::join(values, ", "), quoted(&s)))),
                None => Err(wrong(&format!("one of {}", crate::json::join(values, ", ")))),
            }
        }
        Ty::Id => match kind {
            Kind::String if v.text().is_some_and(|s| !s.trim().is_empty()) => Ok(()),
            Kind::Number if v.number().and_then(whole).is_some_and(|n| n >= 0) => Ok(()),
            _ => Err(invalid(path, format_args!("must be an id (string or whole number), got {}", describe(v)))),
        },
        Ty::Ts => match kind {
            Kind::String | Kind::Number => Ok(()),
            _ => Err(wrong("a timestamp (string or number)")),
        },
        Ty::Array(of, min, max) => {
            if kind != Kind::Array {
                return Err(wrong("an array"));
            }
            let items = v.items();
            if items.len() < *min as usize {
                return Err(invalid(path, format_args!("needs at least {min} item(s)")));
            }
            if *max > 0 && items.len() > *max as usize {
                return Err(invalid(path, format_args!("takes at most {max} items (got {})", items.len())));
            }
            for (i, item) in items.iter().enumerate() {
                value(&Path::Index(path, i), of, item, ctx)?;
            }
            Ok(())
        }
        Ty::Map(of) => {
            if kind != Kind::Object {
                return Err(wrong("an object"));
            }
            for k in v.keys() {
                if let Some(item) = v.member(&k) {
                    value(&Path::Field(path, &k), of, &item, ctx)?;
                }
            }
            Ok(())
        }
        Ty::Obj(s) => {
            if kind != Kind::Object {
                return Err(wrong("an object"));
            }
            shape(path, s, v, ctx)
        }
        Ty::OneOf(alternatives) => {
            // The alternative of the value's own kind decides (a string, or an array of strings).
            if let Some(t) = alternatives.iter().find(|t| same_kind(t, kind)) {
                return value(path, t, v, ctx);
            }
            let wanted: Vec<&str> = alternatives.iter().map(kind_name).collect();
            Err(invalid(path, format_args!("must be {}, got {}", crate::json::join(&wanted, " or "), kind.described())))
        }
    }
}

fn same_kind(t: &Ty, k: Kind) -> bool {
    matches!(
        (t, k),
        (Ty::Str(_) | Ty::Enum(_), Kind::String)
            | (Ty::Int(..) | Ty::Num, Kind::Number)
            | (Ty::Bool, Kind::Bool)
            | (Ty::Array(..), Kind::Array)
            | (Ty::Obj(_) | Ty::Map(_), Kind::Object)
            | (Ty::Id | Ty::Ts, Kind::String | Kind::Number)
            | (Ty::Any, _)
    )
}

fn kind_name(t: &Ty) -> &'static str {
    match t {
        Ty::Str(_) | Ty::Enum(_) => "a string",
        Ty::Int(..) | Ty::Num => "a number",
        Ty::Bool => "a boolean",
        Ty::Array(..) => "an array",
        Ty::Obj(_) | Ty::Map(_) => "an object",
        Ty::Id => "an id",
        Ty::Ts => "a timestamp",
        Ty::Nullable(inner) => kind_name(inner),
        Ty::OneOf(_) | Ty::Any => "a value",
    }
}

/// Checks a string against what it must be.
pub fn string(path: &Path<'_>, text: &Text, s: &str) -> Result<()> {
    let ok = match text {
        Text::Any => true,
        Text::NonBlank => {
            if s.trim().is_empty() {
                return Err(invalid(path, "must not be empty"));
            }
            true
        }
        Text::Max(n) | Text::NonBlankMax(n) => {
            if matches!(text, Text::NonBlankMax(_)) && s.trim().is_empty() {
                return Err(invalid(path, "must not be empty"));
            }
            if crate::json::char_count(s) > *n as usize {
                return Err(invalid(path, format_args!("must be at most {n} characters")));
            }
            true
        }
        Text::Token => {
            if s.trim().is_empty() {
                return Err(invalid(path, "must not be empty"));
            }
            if s.chars().any(char::is_whitespace) {
                return Err(invalid(path, format_args!("must not contain whitespace (got {})", quoted(s))));
            }
            true
        }
        Text::E164 => {
            if !is_e164(s) {
                return Err(invalid(path, format_args!("must be an E.164 number: '+' then 8 to 15 digits (got {})", quoted(s))));
            }
            true
        }
        Text::Url => {
            if !is_http_url(s) {
                return Err(invalid(path, format_args!("must be an http(s) URL (got {})", quoted(s))));
            }
            true
        }
        Text::Email => s.contains('@') && !s.trim().is_empty(),
        Text::Color => {
            if !is_hex_color(s) {
                return Err(invalid(path, format_args!("must be a #RRGGBB (or #RGB, #RRGGBBAA) colour (got {})", quoted(s))));
            }
            true
        }
        Text::Country => s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()),
        Text::Digits { min, max, plus } => {
            let digits = if *plus { s.strip_prefix('+').unwrap_or(s) } else { s };
            let ok = (usize::from(*min)..=usize::from(*max)).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
            if !ok {
                return Err(invalid(path, format_args!("must be {min} to {max} digits (got {})", quoted(s))));
            }
            true
        }
        Text::Decimal { max_abs, signed } => {
            if !is_decimal(s, *max_abs, *signed) {
                let bound = if *max_abs > 0 { format!(" between -{max_abs} and {max_abs}") } else { String::new() };
                let what = if *signed { format!("a decimal number{bound}") } else { "a decimal amount".to_string() };
                return Err(invalid(path, format_args!("must be {what} written as a string, e.g. \"{}\" (got {})", if *signed { "-25.2637" } else { "19.90" }, quoted(s))));
            }
            true
        }
        Text::Event => {
            if !crate::table::EVENT_NAMES.contains(&s) {
                return Err(invalid(path, format_args!("{} is not a 2Chat webhook event name", quoted(s))));
            }
            true
        }
    };
    if ok {
        Ok(())
    } else {
        let what = match text {
            Text::Email => "an email address",
            Text::Country => "a two-letter country code such as \"US\"",
            _ => "valid",
        };
        Err(invalid(path, format_args!("must be {what} (got {})", quoted(s))))
    }
}

/// Whether `s` is an E.164 number as 2Chat wants it: `+` then 8 to 15 digits, no leading zero.
pub fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else { return false };
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

/// Whether `s` is an absolute http(s) URL with a host.
pub fn is_http_url(s: &str) -> bool {
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !host.starts_with(':') && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether `s` is a `#RGB`, `#RRGGBB` or `#RRGGBBAA` colour.
pub fn is_hex_color(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|h| matches!(h.len(), 3 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether `s` is a plain decimal (`-25.2637`, `19.90`), read without floating point: digits, an
/// optional fraction, an optional minus sign when `signed`, and an absolute value of at most
/// `max_abs` when it is not 0.
pub fn is_decimal(s: &str, max_abs: u32, signed: bool) -> bool {
    let t = s.trim();
    let t = match t.strip_prefix('-') {
        Some(rest) if signed => rest,
        Some(_) => return false,
        None => t,
    };
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    if max_abs == 0 {
        return true;
    }
    let int = int.trim_start_matches('0');
    if int.len() > 10 {
        return false;
    }
    let whole: u64 = if int.is_empty() { 0 } else { crate::json::parse_u64(int).unwrap_or(u64::MAX) };
    let fraction_nonzero = frac.is_some_and(|f| f.bytes().any(|b| b != b'0'));
    whole < u64::from(max_abs) || (whole == u64::from(max_abs) && !fraction_nonzero)
}

/// Whether a present value counts as given: a blank string, an empty array or object does not.
fn given<J: Json>(v: &J) -> bool {
    match v.kind() {
        Kind::Null => false,
        Kind::String => v.text().is_some_and(|s| !s.trim().is_empty()),
        Kind::Array => !v.items().is_empty(),
        Kind::Object => !v.keys().is_empty(),
        _ => true,
    }
}

fn rule<J: Json>(path: &Path<'_>, s: &Shape, r: &Rule, obj: &J, ctx: &mut Ctx<'_, J>) -> Result<()> {
    match r {
        Rule::ExactlyOne(names) => {
            let present: Vec<&str> = names.iter().copied().filter(|n| present(obj, n).is_some()).collect();
            let first = names.first().copied().unwrap_or("");
            match present.len() {
                1 => Ok(()),
                0 => Err(invalid(&path.field(first), format_args!("is required: give {}", crate::json::join(names, " or ")))),
                _ => Err(invalid(&path.field(first), format_args!("give either {}, not both", crate::json::join(names, " or ")))),
            }
        }
        Rule::AtLeastOne(names) => {
            if names.iter().any(|n| present(obj, n).is_some_and(|v| given(&v))) {
                Ok(())
            } else {
                let first = names.first().copied().unwrap_or("");
                Err(invalid(&path.field(first), format_args!("give at least one of {}", crate::json::join(names, ", "))))
            }
        }
        Rule::NonEmpty => {
            let any = obj.keys().iter().any(|k| obj.member(k).is_some_and(|v| v.kind() != Kind::Null));
            if any {
                Ok(())
            } else {
                let at = match path {
                    Path::Name("") => Path::Name("params"),
                    p => *p,
                };
                Err(invalid(&at, "nothing to update: give at least one field"))
            }
        }
        Rule::Named(named) => crate::rules::run(*named, path, s, obj, ctx),
    }
}

/// The op that calls `tool` (or the tool an alias means), if any.
pub fn tool_op(tool: &str) -> Option<(u8, &'static Op)> {
    crate::table::OPS.iter().enumerate().find(|(_, o)| o.tool == tool).map(|(i, o)| (i as u8, o))
}

/// Every row of the table, for callers that walk them.
pub fn endpoints() -> &'static [Endpoint] {
    &ENDPOINTS
}

#[cfg(test)]
mod tests;

/// The JSON body a plan makes of `params` (the Rust client, tests): top-level `null`s dropped but
/// for the fields whose `null` is a value, then the edits applied.
pub fn body_json(params: Option<&serde_json::Value>, plan: &BodyPlan) -> serde_json::Value {
    use serde_json::{Map, Value};
    let mut out: Map<String, Value> = match params {
        Some(Value::Object(m)) => {
            m.iter().filter(|(k, v)| !v.is_null() || plan.keep_null.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
        }
        _ => Map::new(),
    };
    for edit in &plan.edits {
        match edit {
            Edit::Remove(name) => {
                out.remove(*name);
            }
            Edit::Rename(from, to) => {
                if let Some(v) = out.remove(*from) {
                    out.insert((*to).to_string(), v);
                }
            }
            Edit::SetText(name, text) => {
                out.insert((*name).to_string(), Value::String(text.clone()));
            }
            Edit::Default(name, json) => {
                if !out.contains_key(*name) {
                    out.insert((*name).to_string(), serde_json::from_str(json).unwrap_or(Value::Null));
                }
            }
        }
    }
    Value::Object(out)
}
