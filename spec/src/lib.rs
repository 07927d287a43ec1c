//! # twochat-spec
//!
//! The one declaration of the 2Chat API that every surface of `twochat` is generated from: each
//! endpoint (its HTTP method and path template, its JS resource and method, its arguments, the
//! fields of its params with their limits, its response type, its paging rule, its success status,
//! its tool name and effect), the models it exchanges, and the webhook events with their payloads.
//!
//! Nothing here is code that runs in the SDK. `twochat`'s `build.rs` reads these declarations and
//! writes what the crate compiles: compact runtime tables (validation specs, routes, paging rules,
//! tools), the Rust types and the typed client of every endpoint, and the TypeScript declarations
//! of the npm package; the mock takes its routes from the same tables, the README its coverage
//! table, and the tests iterate the declarations.
//!
//! ## Reading a declaration
//!
//! ```text
//! Endpoint {
//!     id: 12, method: Post, path: "/open/whatsapp/send-message",
//!     resource: "messages", name: "send", args: &[], params: body(&SEND_MESSAGE_PARAMS),
//!     response: &SEND_MESSAGE_RESPONSE, tool: "send_message", effect: Send, …
//! }
//! ```
//!
//! A field is `req("from_number", E164)` or `opt("text", Ty::Str(Text::Max(65_536)))`, with
//! `.doc(…)` for its description and `.src(…)` for the line of the contract its limit comes from.
//! A rule no field can say ("exactly one recipient") is a [`Rule`] of the [`Shape`]; one no rule
//! can say either is a [`Rule::Named`] function of the runtime, referred to by name.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api;
pub mod events;
pub mod gen;
pub mod models;

/// An HTTP method 2Chat uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method as it goes on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// What calling an endpoint does to the account and to the world outside it. The MCP tool
/// annotations and the proxy's "reads only" default come from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Reads only; changes nothing.
    Read,
    /// Adds something to the account (a contact, a product, a subscription…); repeating it adds
    /// another.
    Create,
    /// Reaches people outside the account: a WhatsApp message, an SMS, a status post, a group
    /// they are put into. Repeating it reaches them again.
    Send,
    /// Overwrites a setting or a record; repeating it changes nothing more.
    Update,
    /// Deletes, removes or disconnects.
    Remove,
    /// Spends money (buying numbers).
    Purchase,
}

impl Effect {
    /// The name used in `endpoints()` and the tool definitions.
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Read => "read",
            Effect::Create => "create",
            Effect::Send => "send",
            Effect::Update => "update",
            Effect::Remove => "remove",
            Effect::Purchase => "purchase",
        }
    }
}

/// What a string must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Any string, empty included.
    Any,
    /// At least one character that is not whitespace.
    NonBlank,
    /// At most this many characters (Unicode scalar values); may be empty.
    Max(u32),
    /// Not blank, and at most this many characters.
    NonBlankMax(u32),
    /// Not blank and without whitespace: an id sent in a body (`to_group_uuid`).
    Token,
    /// An E.164 number: `+` then 8 to 15 digits, no leading zero.
    E164,
    /// An absolute http(s) URL with a host.
    Url,
    /// An email address (holds an `@`).
    Email,
    /// A `#RGB`, `#RRGGBB` or `#RRGGBBAA` colour.
    Color,
    /// An ISO 3166 two-letter country code.
    Country,
    /// Digits only, between `min` and `max` of them, optionally after a `+`.
    Digits {
        /// Fewest digits.
        min: u8,
        /// Most digits.
        max: u8,
        /// Whether a leading `+` is allowed.
        plus: bool,
    },
    /// A decimal number written as a string (`"-25.2637"`, `"19.90"`): `max_abs` bounds its
    /// absolute value (0: unbounded); `signed: false` refuses a minus sign.
    Decimal {
        /// The largest absolute value (0 for none).
        max_abs: u32,
        /// Whether it may be negative.
        signed: bool,
    },
    /// One of the webhook event names of [`events::EVENTS`].
    Event,
}

/// The type of a value the API exchanges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A string, with what it must be.
    Str(Text),
    /// A whole number within `min..=max`.
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// Any finite number.
    Num,
    /// `true` or `false`.
    Bool,
    /// One of these strings, nothing else.
    Enum(&'static [&'static str]),
    /// One of these strings, or another one a later 2Chat may send (responses only).
    OpenEnum(&'static [&'static str]),
    /// One of these whole numbers, or another one a later 2Chat may send (responses only).
    OpenIntEnum(&'static [i64]),
    /// An id that is a string or a whole number (2Chat sends both).
    Id,
    /// A timestamp in any of 2Chat's formats: a string or epoch seconds.
    Timestamp,
    /// The type, or `null`.
    Nullable(&'static Ty),
    /// An array of `of`, with `min..=max` items (`max` 0: no maximum).
    Array {
        /// The item type.
        of: &'static Ty,
        /// Fewest items.
        min: u32,
        /// Most items (0: no maximum).
        max: u32,
    },
    /// An object whose keys are free and whose values are of this type.
    Map(&'static Ty),
    /// An object written in place.
    Obj(&'static Shape),
    /// A named model.
    Ref(&'static Model),
    /// Any of these types (`string | string[]`).
    OneOf(&'static [Ty]),
    /// Anything (passed through as sent).
    Unknown,
}

/// What `null` means for a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Null {
    /// `null` is the same as leaving the field out (it is not sent).
    Absent,
    /// `null` is refused: 2Chat cannot clear this field.
    Refuse,
    /// `null` is a value and is sent (`url: null` removes a profile picture).
    Keep,
}

/// One field of an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Its name on the wire (2Chat's snake_case).
    pub name: &'static str,
    /// Its type and limits.
    pub ty: Ty,
    /// Whether it must be present (and, for strings, not blank unless its [`Text`] allows).
    pub required: bool,
    /// What it is, for people: the JSDoc, the rustdoc and the tool schema's description.
    pub doc: &'static str,
    /// Where its limit comes from in the contract (`2chat-api.md`), for the tests that tie each
    /// rule to a line of the contract.
    pub src: &'static str,
    /// What `null` means.
    pub null: Null,
    /// Another name 2Chat's sources use for the same field: either is accepted (never both), and
    /// `name` is what is sent.
    pub alias: Option<&'static str>,
    /// Whether the alias, not `name`, is what is sent.
    pub send_alias: bool,
}

/// A required field.
pub const fn req(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: true, doc: "", src: "", null: Null::Absent, alias: None, send_alias: false }
}

/// An optional field.
pub const fn opt(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: false, doc: "", src: "", null: Null::Absent, alias: None, send_alias: false }
}

impl Field {
    /// With a description.
    pub const fn doc(mut self, doc: &'static str) -> Field {
        self.doc = doc;
        self
    }
    /// With the contract line its limit comes from.
    pub const fn src(mut self, src: &'static str) -> Field {
        self.src = src;
        self
    }
    /// With a meaning for `null`.
    pub const fn null(mut self, null: Null) -> Field {
        self.null = null;
        self
    }
    /// With another accepted name; `send_alias` sends that name instead of this one.
    pub const fn alias(mut self, alias: &'static str, send_alias: bool) -> Field {
        self.alias = Some(alias);
        self.send_alias = send_alias;
        self
    }
}

/// A check over the fields of one object that no single field can make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Exactly one of these fields is present.
    ExactlyOne(&'static [&'static str]),
    /// At least one of these is present and not empty (a blank string, an empty array or object
    /// does not count); the message names the first.
    AtLeastOne(&'static [&'static str]),
    /// At least one field is present.
    NonEmpty,
    /// A function of the runtime (`twochat::rules`), by name.
    Named(&'static str),
}

/// An object type: its fields and what holds across them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// The model whose fields come first (TypeScript `extends`).
    pub base: Option<&'static Model>,
    /// Whether the base's fields are all optional here (`Partial<Base>`).
    pub partial_base: bool,
    /// The fields, in the order they are sent in a query string.
    pub fields: &'static [Field],
    /// Whether fields this version does not know may appear (every response) — TypeScript's
    /// `[field: string]: unknown`, a flattened map in Rust. Params are always open on the wire
    /// (an option 2Chat adds later can be passed before the SDK knows it), so this is about types.
    pub open: bool,
    /// Cross-field checks.
    pub rules: &'static [Rule],
    /// The shapes of a discriminated union, for the types only: each lists the fields it
    /// requires, and the fields of the other shapes are `never` in it.
    pub variants: &'static [&'static [&'static str]],
}

/// A closed object of these fields.
pub const fn shape(fields: &'static [Field]) -> Shape {
    Shape { base: None, partial_base: false, fields, open: false, rules: &[], variants: &[] }
}

/// An open object (any other field may appear) of these fields.
pub const fn open(fields: &'static [Field]) -> Shape {
    Shape { base: None, partial_base: false, fields, open: true, rules: &[], variants: &[] }
}

impl Shape {
    /// With a base model.
    pub const fn base(mut self, base: &'static Model) -> Shape {
        self.base = Some(base);
        self
    }
    /// With a base model whose fields are all optional.
    pub const fn partial_base(mut self, base: &'static Model) -> Shape {
        self.base = Some(base);
        self.partial_base = true;
        self
    }
    /// With cross-field rules.
    pub const fn rules(mut self, rules: &'static [Rule]) -> Shape {
        self.rules = rules;
        self
    }
    /// With the shapes of a discriminated union (types only).
    pub const fn variants(mut self, variants: &'static [&'static [&'static str]]) -> Shape {
        self.variants = variants;
        self
    }
}

/// A named type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Model {
    /// Its name in TypeScript and in `twochat::types`.
    pub name: &'static str,
    /// What it is.
    pub doc: &'static str,
    /// What it is made of.
    pub ty: Ty,
}

/// A named type.
pub const fn model(name: &'static str, doc: &'static str, ty: Ty) -> Model {
    Model { name, doc, ty }
}

/// Where an argument or the params go in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// A segment of the path template (`{name}`).
    Path,
    /// The query string.
    Query,
    /// The JSON body.
    Body,
}

/// A positional argument of a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    /// Its name in JavaScript (camelCase): error messages name it.
    pub js: &'static str,
    /// Its name on the wire, in the path template or the query (snake_case): tools name it.
    pub wire: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Where it goes.
    pub at: At,
    /// What it is.
    pub doc: &'static str,
}

/// A path argument that is an id or a key (a single safe path segment).
pub const fn id_arg(js: &'static str, wire: &'static str) -> Arg {
    Arg { js, wire, ty: Ty::Str(Text::NonBlank), at: At::Path, doc: "" }
}

/// A path argument that is an E.164 number (kept with its literal `+`).
pub const fn number_arg(js: &'static str, wire: &'static str) -> Arg {
    Arg { js, wire, ty: Ty::Str(Text::E164), at: At::Path, doc: "" }
}

/// The params object of a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Its type.
    pub model: &'static Model,
    /// Whether the method requires it.
    pub required: bool,
    /// Where its fields go: the body (POST, PUT, a DELETE with a body) or the query (GET).
    pub at: At,
}

/// Required params, sent as the JSON body.
pub const fn body(model: &'static Model) -> Option<Params> {
    Some(Params { model, required: true, at: At::Body })
}

/// Optional params, sent as the JSON body (`{}` when left out).
pub const fn body_opt(model: &'static Model) -> Option<Params> {
    Some(Params { model, required: false, at: At::Body })
}

/// Required params, sent as the query string.
pub const fn query(model: &'static Model) -> Option<Params> {
    Some(Params { model, required: true, at: At::Query })
}

/// Optional params, sent as the query string.
pub const fn query_opt(model: &'static Model) -> Option<Params> {
    Some(Params { model, required: false, at: At::Query })
}

/// How big a page of a list is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageSize {
    /// 2Chat decides, and documents the size.
    Fixed(u64),
    /// The client asks with `results_per_page`: `ask` unless told otherwise, at most `max`
    /// (`None`: 2Chat documents no maximum). A server may still send fewer than asked.
    PerPage {
        /// Asked for by default.
        ask: u64,
        /// The documented maximum.
        max: Option<u64>,
    },
    /// Undocumented: the first page's length is taken as the size.
    FirstPage,
}

/// How a list says it has no more pages (an empty page always ends it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// By a short page.
    ShortPage,
    /// By a `total` item count.
    Total,
    /// By `next_page: null`.
    NextPage,
}

/// The paging rule of a list endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// The array holding each page's items.
    pub items: &'static str,
    /// The query parameter naming the page (0-based).
    pub page: &'static str,
    /// The page size.
    pub size: PageSize,
    /// The end signal.
    pub end: End,
    /// The items' type.
    pub item: &'static Model,
}

/// A spelling 2Chat's sources disagree on, in a response: `to` is filled from the first present
/// field of `from` when missing, at `at` (a dotted path; `[]` walks an array).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alias {
    /// Where (empty: the body itself).
    pub at: &'static str,
    /// The field made present.
    pub to: &'static str,
    /// The spellings it is copied from, in order.
    pub from: &'static [&'static str],
}

/// How a 2xx answer of 2Chat says it failed: each field with the value that says so (`success:
/// false`, `error: true`). `twochat::response` reads them in Rust; the npm package's calls test a
/// 2xx body with `failed` in `js/checks.js`, generated from this table
/// ([`gen::runtime::event_checks_js`]).
pub const FAILURE_FLAGS: &[(&str, bool)] = &[("success", false), ("error", true)];

/// One 2Chat endpoint: everything about it, once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Its number in the contract (`2chat-api.md`, #1–#75).
    pub id: u8,
    /// HTTP method.
    pub method: Method,
    /// Path template from the host; `{name}` marks a path parameter.
    pub path: &'static str,
    /// The resource on the client (`client.<resource>`).
    pub resource: &'static str,
    /// The method on that resource (`client.<resource>.<name>`, camelCase).
    pub name: &'static str,
    /// The positional arguments, in order.
    pub args: &'static [Arg],
    /// The params object, if the method takes one.
    pub params: Option<Params>,
    /// The response type.
    pub response: &'static Model,
    /// The paging rule, for lists.
    pub paging: Option<Paging>,
    /// The status 2Chat answers on success.
    pub success: u16,
    /// The LLM tool that calls it (snake_case).
    pub tool: &'static str,
    /// What calling it does.
    pub effect: Effect,
    /// What it does, in one sentence: the tool's description.
    pub summary: &'static str,
    /// More for the method's documentation (JSDoc, rustdoc), if any.
    pub doc: &'static str,
    /// For a second row of the same method: the params field whose presence selects this row
    /// (its value then goes in the path instead of the query).
    pub when: Option<&'static str>,
    /// Response spellings to reconcile.
    pub aliases: &'static [Alias],
    /// A fixed field added to the body when the caller left it out, as JSON text
    /// (`("text", "\"\"")`).
    pub defaults: &'static [(&'static str, &'static str)],
}

impl Endpoint {
    /// The names of the path parameters, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        let path: &'static str = self.path;
        path.split('/').filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }
}

/// The rows of the contract, in order.
pub fn endpoints() -> &'static [Endpoint] {
    api::ENDPOINTS
}
