// Writes twochat/tools: every endpoint as an LLM tool. The tool list — names, descriptions,
// effects, MCP annotations and the JSON Schema of each tool's arguments — is generated from the
// endpoint declarations by twochat-spec (`twochat-gen tools`, run by scripts/build-pkg.sh); this
// script checks it and writes the module around it. Shipped as data behind the `twochat/tools`
// subpath, not compiled into the wasm module.
//   node scripts/gen-tools.mjs <package dir> <tools.json>
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2];
const source = process.argv[3];
if (!out || !source) throw new Error("usage: gen-tools.mjs <package dir> <tools.json>");

const EFFECTS = ["read", "create", "send", "update", "remove", "purchase"];
const TOOLS = JSON.parse(readFileSync(source, "utf8"));
const ALIASES = Object.fromEntries(TOOLS.filter((t) => t.alias_of).map((t) => [t.name, t.alias_of]));
for (const t of TOOLS) {
  if (!EFFECTS.includes(t.effect)) throw new Error(`tool ${t.name}: effect ${JSON.stringify(t.effect)} is not one of ${EFFECTS.join(", ")}`);
  if (t.alias_of && !TOOLS.some((x) => x.name === t.alias_of && !x.alias_of)) throw new Error(`alias ${t.name}: no tool ${t.alias_of}`);
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
/** One tool: an endpoint method as an LLM can call it. */
export interface Tool<E extends Effect = Effect> {
  /** snake_case, e.g. "send_message"; or a connector alias such as "_2CHAT_CREATE_CONTACT". */ name: string;
  /** What it does, for the model. */ description: string;
  /** The client method it runs, e.g. "messages.send". */ method: string;
  /** The endpoints of the contract it may call. */
  endpoints: {
    /** The endpoint's number (#1–#75). */
    id: number;
    /** "METHOD /path/template". */
    http: string;
  }[];
  /** What calling it does (the same for every endpoint it may call). */ effect: E;
  /** MCP's annotations for it (toMcpTools passes them on; the OpenAI and Anthropic shapes leave them out). */
  annotations: ToolAnnotations<E>;
  /** The JSON Schema of its arguments: one flat object. */ input_schema: JsonSchema;
  /** For the connector aliases: the tool it means (with the same effect). */ alias_of?: string;
}
/** Options of \`tools()\`. */
export interface ToolsOptions {
  /** false leaves out the five connector aliases (default true). */ aliases?: boolean;
  /** true keeps only the tools whose effect is "read": nothing that writes, sends, deletes or buys (default false). */
  readOnly?: boolean;
}
/** An MCP \`tools/list\` entry. */
export interface McpTool<E extends Effect = Effect> {
  /** The tool's name. */ name: string;
  /** The same as annotations.title (MCP clients show the one they know). */ title: string;
  /** What it does. */ description: string;
  /** The JSON Schema of its arguments. */ inputSchema: JsonSchema;
  /** Its hints, from its effect. */ annotations: ToolAnnotations<E>;
}
/** The tools whose effect is "read" (copies). */
export function tools(options: ToolsOptions & { readOnly: true }): Tool<"read">[];
/** Every tool (copies). Throws a TypeError when an option is given and is not a boolean. */
export function tools(options?: ToolsOptions): Tool[];
/** OpenAI's \`tools\` array (function calling), from \`list\` or every tool. */
export function toOpenAITools(list?: readonly Tool[]): {
  /** Always "function". */ type: "function";
  /** The function the model may call. */
  function: {
    /** The tool's name. */
    name: string;
    /** What it does. */
    description: string;
    /** Its arguments' JSON Schema. */
    parameters: JsonSchema;
  };
}[];
/** Anthropic's \`tools\` array (tool use), from \`list\` or every tool. */
export function toAnthropicTools(list?: readonly Tool[]): {
  /** The tool's name. */ name: string;
  /** What it does. */ description: string;
  /** Its arguments' JSON Schema. */ input_schema: JsonSchema;
}[];
/** MCP \`tools/list\` entries: name, title, description, inputSchema and annotations. */
export function toMcpTools<E extends Effect = Effect>(list?: readonly Tool<E>[]): McpTool<E>[];
`);
const reads = TOOLS.filter((t) => !t.alias_of && t.effect === "read").length;
console.log(`tools: ${TOOLS.length} (${TOOLS.length - Object.keys(ALIASES).length} methods, ${reads} of them read-only, + ${Object.keys(ALIASES).length} aliases)`);
