// Writes twochat/tools: every endpoint as an LLM tool, derived from the two sources the package
// already has — the endpoint table (tool name, description, method, effect: `endpoints()`) and the shipped
// TypeScript declarations (each method's arguments, with JSDoc limits such as @maxItems) — so the
// tools cannot drift from the client. Shipped as data behind the `twochat/tools` subpath, not
// compiled into the wasm module.
//   node scripts/gen-tools.mjs <package dir>
import { writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import ts from "typescript";

const out = process.argv[2];
if (!out) throw new Error("usage: gen-tools.mjs <package dir>");
const require = createRequire(import.meta.url);
const { endpoints } = require(resolve(out, "index.cjs"));

const ALIASES = {
  _2CHAT_CREATE_CONTACT: "create_contact",
  _2CHAT_GET_API_USAGE_INFO: "get_account_info",
  _2CHAT_LIST_CONTACTS: "list_contacts",
  _2CHAT_LIST_WEBHOOKS: "list_webhooks",
  // 2Chat's connector: "validates your API key and retrieves account info" (GET /open/info).
  _2CHAT_TEST_API_KEY: "get_account_info",
};

// What calling a tool does (src/endpoints.rs, enum Effect), and the MCP tool annotations that
// follow from it: readOnlyHint = read; destructiveHint = update|remove|purchase; idempotentHint =
// read|update|remove; openWorldHint = send|purchase.
const EFFECTS = ["read", "create", "send", "update", "remove", "purchase"];
const hints = (effect) => ({
  readOnlyHint: effect === "read",
  destructiveHint: ["update", "remove", "purchase"].includes(effect),
  idempotentHint: ["read", "update", "remove"].includes(effect),
  openWorldHint: ["send", "purchase"].includes(effect),
});
// A short human title: "send_waba_message" -> "Send WABA message".
const WORDS = { api: "API", waba: "WABA", did: "DID", sms: "SMS", ids: "IDs" };
const titleOf = (name) => {
  const words = name.split("_").map((w) => WORDS[w] ?? w);
  return words.map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w)).join(" ");
};
const E164 = { type: "string", pattern: "^\\+[1-9][0-9]{7,14}$", description: "E.164 phone number: '+' then 8 to 15 digits" };

const dts = resolve(out, "web", "twochat.d.ts");
const program = ts.createProgram([dts], { strict: true, target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.esnext.disposable.d.ts"], types: [] });
const checker = program.getTypeChecker();
const file = program.getSourceFile(dts);

const classes = new Map();
ts.forEachChild(file, (node) => {
  if (ts.isClassDeclaration(node) && node.name) classes.set(node.name.text, node);
});

const snake = (s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function docOf(symbol) {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const tags = Object.fromEntries(symbol.getJsDocTags(checker).map((t) => [t.name, ts.displayPartsToString(t.text ?? []).trim()]));
  // Tags written inline after the text ("… @minimum 1 @maximum 100") arrive as tags too.
  return { text, tags };
}

function applyTags(schema, { text, tags }) {
  if (text) schema.description = text;
  if ("integer" in tags && (schema.type === "number" || schema.type === "integer")) schema.type = "integer";
  for (const k of ["minimum", "maximum", "minItems", "maxItems", "maxLength", "minLength"]) if (k in tags) schema[k] = Number(tags[k]);
  if ("pattern" in tags) schema.pattern = tags.pattern.replace(/\\\\/g, "\\");
  return schema;
}

function isOpenString(t) {
  // `(string & {})`: "any other string", used next to known literals.
  return t.isIntersection?.() && t.types.some((x) => x.flags & ts.TypeFlags.String);
}

function schemaOf(type, depth = 0) {
  if (depth > 8) return {};
  const f = type.flags;
  if (f & ts.TypeFlags.Any || f & ts.TypeFlags.Unknown) return {};
  if (f & ts.TypeFlags.Never) return { not: {} };
  if (f & ts.TypeFlags.StringLiteral) return { type: "string", const: type.value };
  if (f & ts.TypeFlags.NumberLiteral) return { type: "number", const: type.value };
  if (f & ts.TypeFlags.BooleanLiteral) return { type: "boolean", const: checker.typeToString(type) === "true" };
  if (f & ts.TypeFlags.String) return { type: "string" };
  if (f & ts.TypeFlags.Number) return { type: "number" };
  if (f & ts.TypeFlags.Boolean) return { type: "boolean" };
  if (f & ts.TypeFlags.Null) return { type: "null" };
  if (f & ts.TypeFlags.TemplateLiteral) {
    if (type.texts?.[0] === "+") return { ...E164 };
    return { type: "string" };
  }
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    const literals = members.filter((t) => t.flags & ts.TypeFlags.StringLiteral);
    if (literals.length && members.some(isOpenString)) return { type: "string", examples: literals.map((t) => t.value) };
    if (literals.length === members.length) return { type: "string", enum: literals.map((t) => t.value) };
    if (members.every((t) => (t.flags & ts.TypeFlags.Object && !checker.isArrayType(t)) || t.isIntersection())) return mergeObjects(members, depth);
    const schemas = members.map((t) => schemaOf(t, depth + 1));
    return schemas.length === 1 ? schemas[0] : { anyOf: schemas };
  }
  if (checker.isArrayType(type)) return { type: "array", items: schemaOf(checker.getTypeArguments(type)[0], depth + 1) };
  if (f & ts.TypeFlags.Object || type.isIntersection()) return objectSchema(type, depth);
  return {};
}

function objectSchema(type, depth) {
  const properties = {};
  const required = [];
  for (const p of checker.getPropertiesOfType(type)) {
    const decl = p.valueDeclaration ?? p.declarations?.[0];
    const pt = checker.getTypeOfSymbolAtLocation(p, decl ?? file);
    // `to_group_uuid?: never` in one shape of a union means "not in this shape": leave it out here.
    if (pt.flags & (ts.TypeFlags.Never | ts.TypeFlags.Undefined)) continue;
    properties[p.name] = applyTags(schemaOf(pt, depth + 1), docOf(p));
    if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.name);
  }
  const schema = { type: "object", properties };
  if (required.length) schema.required = required;
  const index = checker.getIndexInfosOfType(type)[0];
  if (index && !Object.keys(properties).length) schema.additionalProperties = schemaOf(index.type, depth + 1);
  return schema;
}

// A union of object shapes (e.g. "to_number or to_group_uuid"): one object with every property,
// requiring what all shapes require, and naming the alternatives in the description.
function mergeObjects(members, depth) {
  const shapes = members.map((m) => objectSchema(m, depth));
  const properties = Object.assign({}, ...shapes.map((s) => s.properties));
  const required = shapes.map((s) => s.required ?? []).reduce((a, b) => a.filter((x) => b.includes(x)));
  const alternatives = shapes.map((s) => (s.required ?? []).filter((r) => !required.includes(r))).filter((a) => a.length);
  const schema = { type: "object", properties };
  if (required.length) schema.required = required;
  if (alternatives.length > 1) {
    schema.description = `Exactly one of: ${alternatives.map((a) => a.join(" + ")).join(" | ")}.`;
    schema.oneOf = alternatives.map((a) => ({ required: a }));
  }
  return schema;
}

function positionalSchema(name, param) {
  const t = checker.getTypeAtLocation(param);
  const s = schemaOf(t);
  if (name === "image_index") return { type: "integer", minimum: 1, description: "0-based index of the image; 0 (the default image) cannot be deleted." };
  return s;
}

function toolSchema(className, methodName) {
  const cls = classes.get(className);
  if (!cls) throw new Error(`class ${className} not in the declarations`);
  const method = cls.members.find((m) => ts.isMethodDeclaration(m) && m.name.getText(file) === methodName);
  if (!method) throw new Error(`${className}.${methodName} not in the declarations`);
  const schema = { type: "object", properties: {}, required: [] };
  let note;
  for (const p of method.parameters) {
    const name = p.name.getText(file);
    if (name === "opts") continue;
    if (name === "params") {
      const obj = schemaOf(checker.getTypeAtLocation(p));
      Object.assign(schema.properties, obj.properties ?? {});
      if (!p.questionToken) schema.required.push(...(obj.required ?? []));
      // "Exactly one of" goes in the description, not a top-level oneOf: OpenAI and Anthropic
      // refuse oneOf/anyOf/allOf at the top of a tool's schema. callTool enforces it anyway.
      note = obj.description;
      continue;
    }
    const key = snake(name);
    schema.properties[key] = positionalSchema(key, p);
    if (!p.questionToken) schema.required.push(key);
  }
  if (!schema.required.length) delete schema.required;
  // Without a params object, only the positional arguments exist (callTool refuses others).
  if (!method.parameters.some((p) => p.name.getText(file) === "params")) schema.additionalProperties = false;
  return { schema, note };
}

const seen = new Map();
for (const e of endpoints()) {
  if (!EFFECTS.includes(e.effect)) throw new Error(`endpoint #${e.id} (${e.tool}): effect ${JSON.stringify(e.effect)} is not one of ${EFFECTS.join(", ")}`);
  const t = seen.get(e.tool) ?? { name: e.tool, description: e.summary, resource: e.resource, method: e.method, effect: e.effect, endpoints: [] };
  // One tool, one effect: a tool spanning two endpoints (list_messages, #13/#14) must do the same
  // thing through both, or its annotations and a read-only filter would lie about one of them.
  if (e.effect !== t.effect) throw new Error(`tool ${e.tool}: endpoint #${e.id} is "${e.effect}" but #${t.endpoints[0].id} is "${t.effect}"`);
  t.endpoints.push({ id: e.id, http: `${e.httpMethod} ${e.path}` });
  seen.set(e.tool, t);
}
const className = (resource) => resource[0].toUpperCase() + resource.slice(1);
const TOOLS = [...seen.values()].map((t) => {
  const { schema, note } = toolSchema(className(t.resource), t.method);
  return {
    name: t.name,
    description: note ? `${t.description} ${note}` : t.description,
    method: `${t.resource}.${t.method}`,
    endpoints: t.endpoints,
    effect: t.effect,
    annotations: { title: titleOf(t.name), ...hints(t.effect) },
    input_schema: { $schema: "https://json-schema.org/draft/2020-12/schema", ...schema },
  };
});
for (const [alias, target] of Object.entries(ALIASES)) {
  const t = TOOLS.find((x) => x.name === target);
  if (!t) throw new Error(`alias ${alias}: no tool ${target}`);
  TOOLS.push({
    ...t,
    name: alias,
    description: `${t.description} (Same as ${target}; the name agent platforms use for 2Chat's connector action.)`,
    // "_2CHAT_TEST_API_KEY" -> "2Chat: Test API key", as the connector names its action.
    annotations: { ...t.annotations, title: `2Chat: ${titleOf(alias.replace(/^_2CHAT_/, "").toLowerCase())}` },
    alias_of: target,
  });
}

const dir = join(out, "tools");
mkdirSync(dir, { recursive: true });
const json = JSON.stringify(TOOLS, null, 1);
writeFileSync(join(dir, "tools.json"), json + "\n");
const body = `const TOOLS = ${json};

/**
 * Every tool: one per endpoint method, plus the five connector aliases (pass { aliases: false } to
 * leave those out). { readOnly: true } keeps only the tools whose effect is "read".
 */
function tools(options) {
  const o = options == null ? {} : options;
  if (typeof o !== "object") throw new TypeError("tools(options): options must be an object");
  for (const k of ["aliases", "readOnly"]) {
    if (o[k] !== undefined && typeof o[k] !== "boolean") throw new TypeError(\`tools(options): \${k} must be true or false\`);
  }
  return TOOLS.filter((t) => (o.aliases !== false || !t.alias_of) && (o.readOnly !== true || t.effect === "read")).map((t) => JSON.parse(JSON.stringify(t)));
}
function plain(schema) {
  const { $schema, ...rest } = schema;
  return rest;
}
// The providers' shapes carry only the fields each one accepts: OpenAI and Anthropic refuse a
// request with unknown tool fields, so \`effect\` and \`annotations\` go to MCP only.
/** OpenAI's \`tools\` array (function calling). */
function toOpenAITools(list) {
  return (list || tools()).map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: plain(t.input_schema) } }));
}
/** Anthropic's \`tools\` array (tool use). */
function toAnthropicTools(list) {
  return (list || tools()).map((t) => ({ name: t.name, description: t.description, input_schema: plain(t.input_schema) }));
}
/** MCP \`tools/list\` entries, with their ToolAnnotations (title and the four hints). */
function toMcpTools(list) {
  return (list || tools()).map((t) => ({ name: t.name, title: t.annotations.title, description: t.description, inputSchema: plain(t.input_schema), annotations: { ...t.annotations } }));
}
`;
writeFileSync(join(dir, "index.mjs"), `${body}\nexport { tools, toOpenAITools, toAnthropicTools, toMcpTools };\n`);
writeFileSync(join(dir, "index.cjs"), `"use strict";\n${body}\nmodule.exports = { tools, toOpenAITools, toAnthropicTools, toMcpTools };\n`);
writeFileSync(join(dir, "index.d.ts"), `/** A JSON Schema (draft 2020-12) object. */
export type JsonSchema = { [keyword: string]: unknown };
/**
 * What calling a tool does: "read" changes nothing; "create" adds to the account (a contact, a
 * product, a webhook…); "send" reaches people outside it (messages, SMS, status posts, group
 * members); "update" overwrites a setting or a record; "remove" deletes or disconnects;
 * "purchase" spends money.
 */
export type Effect = ${EFFECTS.map((e) => JSON.stringify(e)).join(" | ")};
/**
 * MCP's ToolAnnotations, derived from the tool's effect \`E\` (each hint is \`true\` or \`false\` for a
 * known effect). Hints, not guarantees: an MCP client decides what to do with them.
 */
export interface ToolAnnotations<E extends Effect = Effect> {
  /** A short human title, e.g. "Send message". */ title: string;
  /** The effect is "read": it changes nothing. */ readOnlyHint: E extends "read" ? true : false;
  /** The effect is "update", "remove" or "purchase": it may overwrite or delete what exists, or spend money. */
  destructiveHint: E extends "update" | "remove" | "purchase" ? true : false;
  /** The effect is "read", "update" or "remove": calling it twice does what calling it once does. */
  idempotentHint: E extends "read" | "update" | "remove" ? true : false;
  /** The effect is "send" or "purchase": it reaches people or businesses outside the account. */
  openWorldHint: E extends "send" | "purchase" ? true : false;
}
export interface Tool<E extends Effect = Effect> {
  /** snake_case, e.g. "send_message"; or a connector alias such as "_2CHAT_CREATE_CONTACT". */ name: string;
  description: string;
  /** The client method it runs, e.g. "messages.send". */ method: string;
  /** The endpoints of the contract it may call. */ endpoints: { id: number; http: string }[];
  /** What calling it does (the same for every endpoint it may call). */ effect: E;
  /** MCP's annotations for it (toMcpTools passes them on; the OpenAI and Anthropic shapes leave them out). */
  annotations: ToolAnnotations<E>;
  input_schema: JsonSchema;
  /** For the connector aliases: the tool it means (with the same effect). */ alias_of?: string;
}
export interface ToolsOptions {
  /** false leaves out the five connector aliases (default true). */ aliases?: boolean;
  /** true keeps only the tools whose effect is "read": nothing that writes, sends, deletes or buys (default false). */
  readOnly?: boolean;
}
/** An MCP \`tools/list\` entry. */
export interface McpTool<E extends Effect = Effect> {
  name: string;
  /** The same as annotations.title (MCP clients show the one they know). */ title: string;
  description: string;
  inputSchema: JsonSchema;
  annotations: ToolAnnotations<E>;
}
/** The tools whose effect is "read" (copies). */
export function tools(options: ToolsOptions & { readOnly: true }): Tool<"read">[];
/** Every tool (copies). Throws a TypeError when an option is given and is not a boolean. */
export function tools(options?: ToolsOptions): Tool[];
export function toOpenAITools(list?: readonly Tool[]): { type: "function"; function: { name: string; description: string; parameters: JsonSchema } }[];
export function toAnthropicTools(list?: readonly Tool[]): { name: string; description: string; input_schema: JsonSchema }[];
/** MCP \`tools/list\` entries: name, title, description, inputSchema and annotations. */
export function toMcpTools<E extends Effect = Effect>(list?: readonly Tool<E>[]): McpTool<E>[];
`);
const reads = TOOLS.filter((t) => !t.alias_of && t.effect === "read").length;
console.log(`tools: ${TOOLS.length} (${TOOLS.length - Object.keys(ALIASES).length} methods, ${reads} of them read-only, + ${Object.keys(ALIASES).length} aliases)`);
