// twochat/tools against twochat-mock: the tool list, each tool's effect and MCP annotations, the
// read-only filter, the generator's own checks, and the provider shapes; then — one table row
// per tool, all 77 — a good argument set that the tool's JSON Schema accepts and that
// `client.callTool` runs against the mock (one request, the expected method and path), and a bad
// one that the schema rejects and `callTool` refuses before sending anything. Last, `callTool`
// never rejects, whatever it is given.
//   scripts/with-mock.sh node --test tests/tools/
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { ToolSchema } from "@modelcontextprotocol/sdk/types.js";
import { endpoints } from "../../pkg/index.mjs";
import { tools, toOpenAITools, toAnthropicTools, toMcpTools } from "../../pkg/tools/index.mjs";
import { MOCK, SEED, TwoChat, clientFor, received, register } from "../js/mock.mjs";
import { DATA, fill, runSetup } from "../js/support/endpoint-rows.mjs";

const require = createRequire(import.meta.url);
const { PY, MX, GROUP } = SEED;
const ALIASES = {
  _2CHAT_CREATE_CONTACT: "create_contact",
  _2CHAT_GET_API_USAGE_INFO: "get_account_info",
  _2CHAT_LIST_CONTACTS: "list_contacts",
  _2CHAT_LIST_WEBHOOKS: "list_webhooks",
  // 2Chat's connector "validates your API key and retrieves account info": GET /open/info.
  _2CHAT_TEST_API_KEY: "get_account_info",
};
const TOOLS = tools();
const EFFECTS = ["read", "create", "send", "update", "remove", "purchase"];
// MCP's hints for each effect, written out here rather than computed as the generator does:
// readOnly = read; destructive = update|remove|purchase; idempotent = read|update|remove;
// openWorld = send|purchase (spec/src/lib.rs, Effect; spec/src/gen/tools.rs).
const HINTS = {
  read: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  create: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  send: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  update: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  remove: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  purchase: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
};
const T = { timeout: 60_000 };
const byName = new Map(TOOLS.map((t) => [t.name, t]));

// Draft 2020-12, strict mode (unknown keywords, ignored keywords, types, tuples, required names
// that are not properties...). `examples` is a draft 2020-12 meta-data keyword, which Ajv2020 knows.
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = new Map();
const validator = (name) => {
  if (!validators.has(name)) validators.set(name, ajv.compile(byName.get(name).input_schema));
  return validators.get(name);
};
const schemaErrors = (name, args) => {
  const v = validator(name);
  return v(args) ? null : ajv.errorsText(v.errors);
};

/** Every key of `value` at any depth. */
function keysDeep(value, out = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.add(k), keysDeep(v, out);
  return out;
}
const plain = ({ $schema, ...rest }) => rest;

// ---------------------------------------------------------------------------------------------
describe("the tool list", T, () => {
  test("one tool per distinct endpoint tool, plus the five connector aliases", () => {
    const fromTable = [...new Set(endpoints().map((e) => e.tool))];
    assert.equal(fromTable.length, 72);
    assert.equal(TOOLS.length, 77);
    assert.deepEqual(TOOLS.filter((t) => !t.alias_of).map((t) => t.name).sort(), [...fromTable].sort());
    assert.deepEqual(TOOLS.filter((t) => t.alias_of).map((t) => t.name).sort(), Object.keys(ALIASES).sort());
    assert.deepEqual(tools({ aliases: false }).map((t) => t.name).sort(), [...fromTable].sort());
  });

  test("names are unique, snake_case or one of the aliases", () => {
    const names = TOOLS.map((t) => t.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.ok(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(name) || name in ALIASES, name);
  });

  test("each tool names its method and endpoints as the endpoint table does", () => {
    for (const t of TOOLS.filter((t) => !t.alias_of)) {
      const rows = endpoints().filter((e) => e.tool === t.name);
      assert.deepEqual([...new Set(rows.map((e) => `${e.resource}.${e.method}`))], [t.method], t.name);
      assert.deepEqual(t.endpoints.map((e) => e.id).sort(), rows.map((e) => e.id).sort(), t.name);
      assert.equal(typeof t.description, "string");
      assert.ok(t.description.length > 10, t.name);
    }
  });

  test("an alias is its tool under another name", () => {
    for (const [alias, target] of Object.entries(ALIASES)) {
      const a = byName.get(alias);
      const t = byName.get(target);
      assert.equal(a.alias_of, target);
      assert.equal(a.method, t.method);
      assert.deepEqual(a.input_schema, t.input_schema);
      assert.deepEqual(a.endpoints, t.endpoints);
      assert.equal(a.effect, t.effect, alias);
      assert.deepEqual({ ...a.annotations, title: undefined }, { ...t.annotations, title: undefined }, alias);
      assert.ok(a.description.startsWith(t.description), alias);
    }
  });

  test("_2CHAT_TEST_API_KEY is get_account_info (GET /open/info), as 2Chat's connector and Postman mean it", () => {
    const a = byName.get("_2CHAT_TEST_API_KEY");
    assert.equal(a.alias_of, "get_account_info");
    assert.equal(a.method, "account.info");
    assert.deepEqual(a.endpoints, [{ id: 2, http: "GET /open/info" }]);
    assert.equal(a.annotations.title, "2Chat: Test API key");
    assert.notEqual(byName.get("ping").method, a.method);
  });

  test("tools() hands out copies", () => {
    const a = tools();
    a[0].input_schema.properties.hacked = { type: "string" };
    a[0].name = "changed";
    assert.deepEqual(tools()[0], TOOLS[0]);
  });

  test("the CommonJS entry and tools.json carry the same tools", () => {
    const cjs = require("../../pkg/tools/index.cjs");
    assert.deepEqual(cjs.tools(), TOOLS);
    assert.deepEqual(require("../../pkg/tools/tools.json"), TOOLS);
  });

  test("every input_schema is a draft 2020-12 object schema that Ajv compiles in strict mode", () => {
    for (const t of TOOLS) {
      assert.equal(t.input_schema.$schema, "https://json-schema.org/draft/2020-12/schema", t.name);
      assert.equal(t.input_schema.type, "object", t.name);
      assert.equal(typeof t.input_schema.properties, "object", t.name);
      assert.doesNotThrow(() => validator(t.name), t.name);
    }
  });

  test("every required name is a declared property (also inside oneOf)", () => {
    for (const t of TOOLS) {
      const s = t.input_schema;
      const required = [...(s.required ?? []), ...(s.oneOf ?? []).flatMap((b) => b.required ?? [])];
      for (const r of required) assert.ok(r in s.properties, `${t.name}: required ${r} is not in properties`);
    }
  });
});

describe("effects and MCP annotations", T, () => {
  test("every tool has one of the six effects, that of every endpoint it may call", () => {
    const table = endpoints();
    for (const t of TOOLS) {
      assert.ok(EFFECTS.includes(t.effect), `${t.name}: ${t.effect}`);
      const rows = table.filter((e) => e.tool === (t.alias_of ?? t.name));
      assert.ok(rows.length >= 1, t.name);
      for (const e of rows) assert.equal(e.effect, t.effect, `${t.name}: endpoint #${e.id}`);
    }
    // Tools spanning two endpoints (list_messages #13/#14, …) are among them: one effect for both.
    const multi = TOOLS.filter((t) => !t.alias_of && t.endpoints.length > 1).map((t) => t.name);
    assert.ok(multi.includes("list_messages"), multi.join(", "));
    assert.deepEqual(byName.get("list_messages").endpoints.map((e) => e.id), [13, 14]);
    assert.equal(byName.get("list_messages").effect, "read");
  });

  test("the effects of the tools that matter most", () => {
    const want = {
      purchase_numbers: "purchase", send_message: "send", send_waba_message: "send", send_sms: "send", post_text_status: "send",
      add_group_participants: "send", delete_channel: "remove", delete_message: "remove", delete_contact: "remove",
      disconnect_channel: "remove", create_contact: "create", update_contact: "update", list_messages: "read", get_account_info: "read", ping: "read",
    };
    for (const [name, effect] of Object.entries(want)) assert.equal(byName.get(name).effect, effect, name);
    assert.deepEqual(TOOLS.filter((t) => t.effect === "purchase").map((t) => t.name), ["purchase_numbers"]);
    // Every effect is someone's.
    assert.deepEqual([...new Set(TOOLS.map((t) => t.effect))].sort(), [...EFFECTS].sort());
  });

  test("the four hints follow from the effect, for every tool", () => {
    for (const t of TOOLS) {
      assert.deepEqual(Object.keys(t.annotations).sort(), ["destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint", "title"], t.name);
      const { title, ...hints } = t.annotations;
      assert.deepEqual(hints, HINTS[t.effect], `${t.name} (${t.effect})`);
    }
  });

  test("read tools are read-only; remove tools destructive and idempotent; send tools open-world and not idempotent", () => {
    const of = (effect) => TOOLS.filter((t) => t.effect === effect);
    for (const t of of("read")) assert.ok(t.annotations.readOnlyHint && !t.annotations.destructiveHint && !t.annotations.openWorldHint, t.name);
    for (const t of of("remove")) assert.ok(!t.annotations.readOnlyHint && t.annotations.destructiveHint && t.annotations.idempotentHint, t.name);
    for (const t of of("update")) assert.ok(!t.annotations.readOnlyHint && t.annotations.destructiveHint && t.annotations.idempotentHint, t.name);
    for (const t of of("send")) assert.ok(!t.annotations.readOnlyHint && t.annotations.openWorldHint && !t.annotations.idempotentHint, t.name);
    for (const t of of("create")) assert.ok(!t.annotations.readOnlyHint && !t.annotations.destructiveHint && !t.annotations.idempotentHint, t.name);
    for (const t of of("purchase")) assert.ok(t.annotations.destructiveHint && t.annotations.openWorldHint && !t.annotations.idempotentHint, t.name);
    // Nothing but reads claims to be read-only, and every GET-only tool reads.
    for (const t of TOOLS) {
      assert.equal(t.annotations.readOnlyHint, t.effect === "read", t.name);
      assert.equal(t.endpoints.every((e) => e.http.startsWith("GET ")), t.effect === "read", t.name);
    }
  });

  test("titles: short, human, distinct", () => {
    const titles = TOOLS.map((t) => t.annotations.title);
    assert.equal(new Set(titles).size, titles.length, "two tools share a title");
    for (const t of TOOLS) {
      const title = t.annotations.title;
      assert.equal(typeof title, "string", t.name);
      assert.ok(title.length >= 4 && title.length <= 40, `${t.name}: ${JSON.stringify(title)}`);
      assert.match(title, /^[A-Z0-9]/, t.name);
      assert.ok(!title.includes("_"), `${t.name}: ${title}`);
    }
    assert.equal(byName.get("send_message").annotations.title, "Send message");
    assert.equal(byName.get("send_waba_message").annotations.title, "Send WABA message");
    assert.equal(byName.get("_2CHAT_CREATE_CONTACT").annotations.title, "2Chat: Create contact");
  });
});

describe("tools({ readOnly: true })", T, () => {
  const READS = TOOLS.filter((t) => t.effect === "read");

  test("keeps exactly the read tools, aliases included, in order", () => {
    const ro = tools({ readOnly: true });
    assert.deepEqual(ro, READS);
    assert.equal(ro.length, 37);
    for (const name of ["send_message", "delete_channel", "purchase_numbers", "create_contact", "update_contact", "_2CHAT_CREATE_CONTACT"]) {
      assert.ok(!ro.some((t) => t.name === name), name);
    }
    for (const name of ["list_messages", "get_account_info", "_2CHAT_TEST_API_KEY", "_2CHAT_LIST_CONTACTS"]) assert.ok(ro.some((t) => t.name === name), name);
  });

  test("combines with { aliases: false }, and readOnly: false is every tool", () => {
    assert.deepEqual(tools({ readOnly: true, aliases: false }), READS.filter((t) => !t.alias_of));
    assert.equal(tools({ readOnly: true, aliases: false }).length, 33);
    assert.deepEqual(tools({ readOnly: false }), TOOLS);
    assert.deepEqual(tools({}), TOOLS);
    assert.deepEqual(tools(null), TOOLS);
  });

  test("an option that is not a boolean is a TypeError, not a silent 'every tool'", () => {
    for (const bad of ["true", 1, "yes", {}]) {
      assert.throws(() => tools({ readOnly: bad }), TypeError, JSON.stringify(bad));
      assert.throws(() => tools({ aliases: bad }), TypeError, JSON.stringify(bad));
    }
    assert.throws(() => tools("readOnly"), TypeError);
  });

  test("the converters take the read-only list; the CommonJS entry filters the same", () => {
    const ro = tools({ readOnly: true });
    assert.deepEqual(toMcpTools(ro).map((x) => x.name), ro.map((t) => t.name));
    assert.ok(toMcpTools(ro).every((x) => x.annotations.readOnlyHint === true));
    assert.deepEqual(require("../../pkg/tools/index.cjs").tools({ readOnly: true }), ro);
  });
});

// scripts/gen-tools.mjs writes twochat/tools from the list twochat-spec generates, and refuses a
// list that would make an annotation or the read-only filter lie: an effect it does not know, or
// none, or an alias of no tool. (Rows of one method that differ in effect never get this far: the
// crate's build refuses them — spec/src/gen/mod.rs, `problems`.) Run on altered copies of
// pkg/tools/tools.json.
describe("scripts/gen-tools.mjs checks the tool list", T, () => {
  const repo = fileURLToPath(new URL("../../", import.meta.url));
  function generate(alter) {
    const dir = mkdtempSync(join(tmpdir(), "twochat-gen-"));
    try {
      const list = JSON.parse(readFileSync(join(repo, "pkg/tools/tools.json"), "utf8")).map(alter);
      writeFileSync(join(dir, "in.json"), JSON.stringify(list));
      const r = spawnSync(process.execPath, [join(repo, "scripts/gen-tools.mjs"), dir, join(dir, "in.json")], { encoding: "utf8", timeout: 60_000 });
      const json = r.status === 0 ? JSON.parse(readFileSync(join(dir, "tools/tools.json"), "utf8")) : null;
      return { ...r, json };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("the list as it is: the same tools as pkg/", () => {
    const r = generate((t) => t);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.json, TOOLS);
  });

  test("an unknown effect, or none: refused", () => {
    const odd = generate((t) => (t.name === "ping" ? { ...t, effect: "delete" } : t));
    assert.notEqual(odd.status, 0);
    assert.match(odd.stderr, /tool ping: effect "delete" is not one of read, create, send, update, remove, purchase/);
    const none = generate(({ effect, ...t }) => t);
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /effect undefined is not one of/);
  });

  test("an alias of no tool: refused", () => {
    const r = generate((t) => (t.alias_of === "list_contacts" ? { ...t, alias_of: "list_contactz" } : t));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /alias _2CHAT_LIST_CONTACTS: no tool list_contactz/);
  });
});

describe("provider shapes", T, () => {
  const noSchemaKey = (label, value) => assert.ok(!keysDeep(value).has("$schema"), `${label}: a $schema key inside`);

  test("OpenAI: {type: 'function', function: {name, description, parameters}}", () => {
    const list = toOpenAITools();
    assert.equal(list.length, 77);
    list.forEach((x, i) => {
      assert.deepEqual(Object.keys(x).sort(), ["function", "type"]);
      assert.equal(x.type, "function");
      assert.deepEqual(Object.keys(x.function).sort(), ["description", "name", "parameters"]);
      assert.match(x.function.name, /^[a-zA-Z0-9_-]{1,64}$/);
      assert.equal(x.function.name, TOOLS[i].name);
      assert.equal(x.function.description, TOOLS[i].description);
      assert.deepEqual(x.function.parameters, plain(TOOLS[i].input_schema));
      assert.equal(x.function.parameters.type, "object");
      noSchemaKey(x.function.name, x);
    });
  });

  test("Anthropic: {name, description, input_schema}", () => {
    const list = toAnthropicTools();
    assert.equal(list.length, 77);
    list.forEach((x, i) => {
      assert.deepEqual(Object.keys(x).sort(), ["description", "input_schema", "name"]);
      assert.match(x.name, /^[a-zA-Z0-9_-]{1,64}$/);
      assert.equal(x.name, TOOLS[i].name);
      assert.deepEqual(x.input_schema, plain(TOOLS[i].input_schema));
      assert.equal(x.input_schema.type, "object");
      noSchemaKey(x.name, x);
    });
  });

  test("MCP: {name, title, description, inputSchema, annotations}, a valid MCP Tool", () => {
    const list = toMcpTools();
    assert.equal(list.length, 77);
    list.forEach((x, i) => {
      assert.deepEqual(Object.keys(x).sort(), ["annotations", "description", "inputSchema", "name", "title"]);
      assert.equal(x.name, TOOLS[i].name);
      assert.equal(x.title, TOOLS[i].annotations.title);
      assert.deepEqual(x.annotations, TOOLS[i].annotations);
      assert.deepEqual(x.annotations, { title: x.title, ...HINTS[TOOLS[i].effect] }, x.name);
      assert.deepEqual(x.inputSchema, plain(TOOLS[i].input_schema));
      assert.equal(x.inputSchema.type, "object");
      noSchemaKey(x.name, x);
      // The SDK's own schema for a tools/list entry keeps every field we give (nothing stripped).
      assert.deepEqual(ToolSchema.parse(x), x, x.name);
    });
  });

  test("OpenAI and Anthropic get no effect and no annotations (they refuse fields they do not know)", () => {
    for (const x of [...toOpenAITools(), ...toAnthropicTools()]) {
      const top = "function" in x ? x.function : x;
      for (const k of ["effect", "annotations", "title", "readOnlyHint", "alias_of", "endpoints", "method"]) assert.ok(!(k in top), `${top.name}: ${k}`);
    }
  });

  test("the converters take a subset, and leave the tools untouched", () => {
    const some = tools({ aliases: false }).slice(0, 3);
    const before = JSON.stringify(some);
    assert.deepEqual(toOpenAITools(some).map((x) => x.function.name), some.map((t) => t.name));
    assert.deepEqual(toAnthropicTools(some).map((x) => x.name), some.map((t) => t.name));
    assert.deepEqual(toMcpTools(some).map((x) => x.name), some.map((t) => t.name));
    toMcpTools(some)[0].annotations.readOnlyHint = "changed";
    assert.equal(JSON.stringify(some), before);
  });

  // OpenAI ("schema must have type 'object' and not have 'oneOf'/'anyOf'/'allOf'/'enum'/'not' at
  // the top level") and Anthropic ("input_schema does not support oneOf, allOf, or anyOf at the
  // top level") answer 400 to the WHOLE request when one tool has these at its root, so "exactly
  // one of" rules live in the description (and callTool enforces them).
  test("no schema has oneOf/anyOf/allOf/enum/not at its root (OpenAI and Anthropic refuse them)", () => {
    const offenders = toAnthropicTools()
      .filter((x) => ["oneOf", "anyOf", "allOf", "enum", "not"].some((k) => k in x.input_schema))
      .map((x) => x.name);
    assert.deepEqual(offenders, []);
  });
});

// ---------------------------------------------------------------------------------------------
// One row per tool, from tests/endpoints.json (shared with the client and the typed Rust suites):
// `setup` makes the state the good call needs (tool calls on the same account) and captures what
// `good` and `request` use; `request` is the one request the mock must then receive. `bad` must be
// refused by the schema and by callTool, with no request at all.
const ROWS = Object.fromEntries(
  Object.entries(DATA).map(([name, row]) => [
    name,
    {
      setup: row.setup
        ? (s) =>
            runSetup(row, async (tool, args) => {
              const r = await s.client.callTool(tool, args);
              assert.equal(r.error, null, `setup ${tool}: ${r.error}`);
              return r.data;
            })
        : undefined,
      good: (ctx) => fill(row.good, ctx),
      req: (ctx) => fill(row.request, ctx),
      also: (row.also ?? []).map((a) => ({ good: (ctx) => fill(a.good, ctx), req: (ctx) => fill(a.request, ctx) })),
      bad: row.bad,
    },
  ]),
);
// The aliases run their tool's row under their own name.
for (const [alias, target] of Object.entries(ALIASES)) ROWS[alias] = ROWS[target];

/** A fresh, seeded account on the mock and a client for it (no retries: one request per call). */
async function account() {
  const key = await register();
  return { key, client: clientFor(key) };
}

describe("every tool: good arguments run, bad ones are refused before sending", T, () => {
  test("the table has exactly one row per tool", () => {
    assert.deepEqual(Object.keys(ROWS).sort(), TOOLS.map((t) => t.name).sort());
  });

  for (const tool of TOOLS) {
    const row = ROWS[tool.name];
    test(tool.name, { skip: row ? false : "no row" }, async () => {
      const s = await account();

      // Bad: the schema refuses it, callTool refuses it, and nothing reaches the mock.
      assert.ok(schemaErrors(tool.name, row.bad), `the schema accepts the bad arguments ${JSON.stringify(row.bad)}`);
      const refused = await s.client.callTool(tool.name, row.bad);
      assert.equal(refused.successful, false, `callTool accepted the bad arguments ${JSON.stringify(row.bad)}`);
      assert.equal(refused.data, null);
      assert.equal(typeof refused.error, "string");
      assert.ok(refused.error.startsWith("invalid_input: "), refused.error);
      assert.deepEqual(await received(s.key), [], "the bad call reached the mock");

      // Good: the schema accepts it, callTool runs it: exactly one request, the expected one.
      // Then the row's `also` calls (the other endpoints of a tool a field selects), the same way.
      const ctx = row.setup ? await row.setup(s) : {};
      for (const call of [{ good: row.good, req: row.req }, ...row.also]) await goodCall(s, tool, call, ctx);
    });
  }
});

/** One good call of `tool`: accepted by the schema, run by callTool, exactly the one expected request. */
async function goodCall(s, tool, row, ctx) {
  const args = row.good(ctx);
  assert.equal(schemaErrors(tool.name, args), null, `the schema refuses the good arguments ${JSON.stringify(args)}`);
  const before = (await received(s.key)).length;
  const result = await s.client.callTool(tool.name, args);
  assert.deepEqual(Object.keys(result).sort(), ["data", "error", "successful"]);
  assert.equal(result.error, null, `callTool failed: ${result.error}`);
  assert.equal(result.successful, true);
  assert.equal(typeof result.data, "object");
  assert.notEqual(result.data, null);
  const log = await received(s.key);
  assert.equal(log.length, before + 1, `one request (log: ${log.slice(before).map((r) => `${r.method} ${r.path}`).join(", ")})`);
  const req = log.at(-1);
  const want = row.req(ctx);
  assert.equal(req.method, want.method, "method");
  assert.equal(req.path, want.path, "path");
  assert.equal(req.query, want.query ?? null, "query");
  assert.ok(tool.endpoints.some((e) => e.id === req.endpoint), `endpoint #${req.endpoint} is not one of the tool's`);
  assert.equal(req.status, want.status ?? 200, "the status the mock answered");
  // The log holds only this key's requests (?api_key=K); the mock may show the header redacted.
  assert.ok([s.key, "[redacted]"].includes(req.headers["x-user-api-key"]), `x-user-api-key: ${req.headers["x-user-api-key"]}`);
  if (want.body === undefined) assert.equal(req.body, null, `no body expected, got ${req.body_text}`);
  else assert.deepEqual(req.body, want.body, "body");
}

describe("schema and callTool agree", T, () => {
  // A client that never reaches a server: arguments callTool accepts end in a network error.
  const offline = new TwoChat({ apiKey: "UAK-offline", baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
  const acceptedOffline = async (name, args) => {
    const r = await offline.callTool(name, args);
    assert.equal(r.successful, false);
    return r.error.startsWith("network: ");
  };

  test("on empty arguments, except search_contacts (needs `query` or `q`, which the schema cannot say without a root anyOf)", async () => {
    const disagree = [];
    for (const t of TOOLS) {
      const schema = schemaErrors(t.name, {}) === null;
      if (schema !== (await acceptedOffline(t.name, {}))) disagree.push(t.name);
    }
    assert.deepEqual(disagree, ["search_contacts"]);
  });

  // callTool refuses arguments a method without a params object does not take (tools.rs
  // NO_PARAMS), and exactly those schemas say `additionalProperties: false`.
  test("a stray argument: refused by callTool exactly where the schema has additionalProperties: false", async () => {
    const disagree = [];
    for (const t of TOOLS) {
      const args = { ...ROWS[t.name].good({ id: "X1", number: "+12025550111" }), zz_stray: 1 };
      const schema = schemaErrors(t.name, args) === null;
      if (schema !== (await acceptedOffline(t.name, args))) disagree.push(t.name);
    }
    assert.deepEqual(disagree, []);
  });

  // A model reads callTool's error to fix its call, so the error must name the tool's argument
  // (`channel_uuid`), not the JS method's parameter (`channelUuid`).
  test("refusals name the tool's own argument", async () => {
    const wrong = [];
    for (const t of TOOLS) {
      const r = await offline.callTool(t.name, {});
      const field = /^invalid_input: ([A-Za-z_]+)[.[:]/.exec(r.error)?.[1];
      if (field && field !== "arguments" && !(field in t.input_schema.properties)) wrong.push(`${t.name}: ${r.error}`);
    }
    assert.deepEqual(wrong, []);
  });
});

// ---------------------------------------------------------------------------------------------
describe("callTool never rejects", T, () => {
  const offline = new TwoChat({ apiKey: "UAK-offline", baseUrl: "http://127.0.0.1:9", maxRetries: 0 });

  /** Calls `f`, which must return a promise that resolves to a failed envelope; returns its error. */
  async function failure(f) {
    let promise;
    assert.doesNotThrow(() => (promise = f()), "callTool threw synchronously");
    assert.ok(promise instanceof Promise);
    const r = await promise; // a rejection fails the test here
    assert.deepEqual(Object.keys(r).sort(), ["data", "error", "successful"]);
    assert.equal(r.successful, false);
    assert.equal(r.data, null);
    assert.equal(typeof r.error, "string");
    assert.match(r.error, /^[a-z_]+: ./);
    return r.error;
  }

  test("an unknown, empty, inherited or non-string tool name", async () => {
    for (const name of ["nope", "", "__proto__", "toString", "constructor", "PING", "ping "]) {
      assert.match(await failure(() => offline.callTool(name, {})), /^invalid_input: unknown tool /, JSON.stringify(name));
    }
    for (const name of [null, undefined, 5, {}, [], true, () => "ping", Symbol("ping"), 1n]) {
      assert.match(await failure(() => offline.callTool(name, {})), /^invalid_input: name: /, String(name?.toString?.() ?? name));
    }
    assert.match(await failure(() => offline.callTool()), /^invalid_input: name: /);
  });

  test("arguments that are not an object", async () => {
    for (const args of ["x", 1, 0, true, false, [], [{}], NaN, Infinity]) {
      assert.match(await failure(() => offline.callTool("ping", args)), /^invalid_input: arguments: must be /, String(args));
    }
  });

  test("null arguments are no arguments: refused where some are required, never a rejection", async () => {
    assert.match(await failure(() => offline.callTool("send_message", null)), /^invalid_input: from_number: is required/);
    assert.match(await failure(() => offline.callTool("ping", null)), /^network: /, "ping with null runs (and finds no server)");
    assert.match(await failure(() => offline.callTool("ping", undefined)), /^network: /);
  });

  test("functions, symbols, bigints, class instances, anywhere", async () => {
    const cases = [
      ["ping", () => ({})], ["ping", function () {}], ["ping", Symbol("a")], ["ping", 10n], ["ping", new Date()], ["ping", new Map()],
      ["send_message", { from_number: PY, to_number: MX, text: () => "hi" }],
      ["send_message", { from_number: PY, to_number: MX, text: Symbol("hi") }],
      ["send_message", { from_number: PY, to_number: MX, text: 1n }],
      ["send_message", { from_number: PY, to_number: MX, text: "hi", pin: new Date() }],
    ];
    for (const [name, args] of cases) assert.match(await failure(() => offline.callTool(name, args)), /^invalid_input: /);
  });

  test("bad per-call options", async () => {
    assert.match(await failure(() => offline.callTool("ping", {}, 5)), /^invalid_input: options: /);
    assert.match(await failure(() => offline.callTool("ping", {}, { timeoutMs: "soon" })), /^invalid_input: timeoutMs: /);
  });

  test("huge inputs: a 10 MB text, a 5 MB name, 100k participants, 100k keys, 100k levels, a cycle", async () => {
    const deep = (n) => {
      const root = {};
      let o = root;
      for (let i = 0; i < n; i++) o = o.a = {};
      return root;
    };
    const cyclic = { from_number: PY, to_number: MX, text: "loop" };
    cyclic.self = cyclic;
    assert.match(await failure(() => offline.callTool("send_message", { from_number: PY, to_number: MX, text: "x".repeat(10_000_000) })), /^invalid_input: text: /);
    assert.match(await failure(() => offline.callTool("p".repeat(5_000_000), {})), /^invalid_input: unknown tool /);
    assert.match(
      await failure(() => offline.callTool("add_group_participants", { group_uuid: GROUP, from_number: PY, participants: Array(100_000).fill(MX) })),
      /^invalid_input: participants: /,
    );
    const manyKeys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    assert.match(await failure(() => offline.callTool("get_account_info", manyKeys)), /^invalid_input: /);
    assert.match(await failure(() => offline.callTool("send_message", { from_number: PY, to_number: MX, text: "x", extra: deep(100_000) })), /^invalid_input: .*nested/);
    assert.match(await failure(() => offline.callTool("send_message", cyclic)), /^invalid_input: /);
  });

  test("a network failure", async () => {
    const client = new TwoChat({ apiKey: "UAK-offline", baseUrl: "http://127.0.0.1:9" }); // default retries
    assert.match(await failure(() => client.callTool("get_account_info", {})), /^network: /);
    assert.match(await failure(() => client.callTool("send_message", { from_number: PY, to_number: MX, text: "hi" })), /^network: /);
  });

  test("a 503 from the server, and a timeout", async () => {
    const s = await account();
    const fault = async (body) => {
      const r = await fetch(`${MOCK}/__mock/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key: s.key, ...body }) });
      assert.equal(r.status, 201);
    };
    await fault({ path: "/open/info", kind: "status", status: 503, count: 1 });
    assert.match(await failure(() => s.client.callTool("get_account_info", {})), /^server_error: /);
    await fault({ path: "/open/info", kind: "hang", delay_ms: 5000, count: 1 });
    assert.match(await failure(() => s.client.callTool("get_account_info", {}, { timeoutMs: 200 })), /^timeout: /);
    const log = await received(s.key);
    assert.equal(log[0].path, "/open/info");
    assert.equal(log[0].status, 503);
    // And the next call, with no fault queued, works.
    const ok = await s.client.callTool("get_account_info", {});
    assert.equal(ok.successful, true, ok.error);
  });

  // A Proxy whose ownKeys trap throws, a revoked Proxy, a throwing getter: still an envelope.
  test("arguments whose traps throw", async () => {
    const hostile = new Proxy({}, { ownKeys() { throw new Error("trap"); } });
    const quiet = console.error; // a --dev build's wasm-bindgen logs the escaping exception
    console.error = () => {};
    try {
      assert.match(await failure(() => offline.callTool("send_message", hostile)), /^invalid_input: /);
    } finally {
      console.error = quiet;
    }
  });
});
