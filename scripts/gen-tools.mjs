// Writes twochat/tools: every endpoint as an LLM tool, derived from the two sources the package
// already has — the endpoint table (tool name, description, method: `endpoints()`) and the shipped
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
  _2CHAT_TEST_API_KEY: "ping",
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
  const t = seen.get(e.tool) ?? { name: e.tool, description: e.summary, resource: e.resource, method: e.method, endpoints: [] };
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
    input_schema: { $schema: "https://json-schema.org/draft/2020-12/schema", ...schema },
  };
});
for (const [alias, target] of Object.entries(ALIASES)) {
  const t = TOOLS.find((x) => x.name === target);
  TOOLS.push({ ...t, name: alias, description: `${t.description} (Same as ${target}; the name agent platforms use for 2Chat's connector action.)`, alias_of: target });
}

const dir = join(out, "tools");
mkdirSync(dir, { recursive: true });
const json = JSON.stringify(TOOLS, null, 1);
writeFileSync(join(dir, "tools.json"), json + "\n");
const body = `const TOOLS = ${json};

/** Every tool: one per endpoint method, plus the five connector aliases (pass { aliases: false } to leave those out). */
function tools(options) {
  const withAliases = !options || options.aliases !== false;
  return TOOLS.filter((t) => withAliases || !t.alias_of).map((t) => JSON.parse(JSON.stringify(t)));
}
function plain(schema) {
  const { $schema, ...rest } = schema;
  return rest;
}
/** OpenAI's \`tools\` array (function calling). */
function toOpenAITools(list) {
  return (list || tools()).map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: plain(t.input_schema) } }));
}
/** Anthropic's \`tools\` array (tool use). */
function toAnthropicTools(list) {
  return (list || tools()).map((t) => ({ name: t.name, description: t.description, input_schema: plain(t.input_schema) }));
}
/** MCP \`tools/list\` entries. */
function toMcpTools(list) {
  return (list || tools()).map((t) => ({ name: t.name, description: t.description, inputSchema: plain(t.input_schema) }));
}
`;
writeFileSync(join(dir, "index.mjs"), `${body}\nexport { tools, toOpenAITools, toAnthropicTools, toMcpTools };\n`);
writeFileSync(join(dir, "index.cjs"), `"use strict";\n${body}\nmodule.exports = { tools, toOpenAITools, toAnthropicTools, toMcpTools };\n`);
writeFileSync(join(dir, "index.d.ts"), `/** A JSON Schema (draft 2020-12) object. */
export type JsonSchema = { [keyword: string]: unknown };
export interface Tool {
  /** snake_case, e.g. "send_message"; or a connector alias such as "_2CHAT_CREATE_CONTACT". */ name: string;
  description: string;
  /** The client method it runs, e.g. "messages.send". */ method: string;
  /** The endpoints of the contract it may call. */ endpoints: { id: number; http: string }[];
  input_schema: JsonSchema;
  /** For the connector aliases: the tool it means. */ alias_of?: string;
}
export function tools(options?: { aliases?: boolean }): Tool[];
export function toOpenAITools(list?: Tool[]): { type: "function"; function: { name: string; description: string; parameters: JsonSchema } }[];
export function toAnthropicTools(list?: Tool[]): { name: string; description: string; input_schema: JsonSchema }[];
export function toMcpTools(list?: Tool[]): { name: string; description: string; inputSchema: JsonSchema }[];
`);
console.log(`tools: ${TOOLS.length} (${TOOLS.length - Object.keys(ALIASES).length} methods + ${Object.keys(ALIASES).length} aliases)`);
