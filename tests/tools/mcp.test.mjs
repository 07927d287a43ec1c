// examples/mcp/server.mjs driven by the official MCP SDK's client over stdio, against twochat-mock.
//   scripts/with-mock.sh node --test tests/tools/
//
// How the server finds `twochat` without installing the tarball: the example is copied to a temp
// directory whose node_modules holds two symlinks, `twochat` -> this repo's pkg/ (the built
// package, resolved through its `exports` as users get it) and `@modelcontextprotocol/sdk` -> the
// SDK pinned in the root package.json. (NODE_PATH would not do: ESM imports ignore it.)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { toMcpTools } from "../../pkg/tools/index.mjs";
import { MOCK, SEED, received, register } from "../js/mock.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const { PY, MX } = SEED;

/** A runnable copy of examples/mcp whose dependencies are this repo's. */
function stage() {
  const dir = mkdtempSync(join(tmpdir(), "twochat-mcp-"));
  for (const f of ["server.mjs", "package.json"]) copyFileSync(join(repo, "examples/mcp", f), join(dir, f));
  mkdirSync(join(dir, "node_modules/@modelcontextprotocol"), { recursive: true });
  symlinkSync(join(repo, "pkg"), join(dir, "node_modules/twochat"), "dir");
  symlinkSync(join(repo, "node_modules/@modelcontextprotocol/sdk"), join(dir, "node_modules/@modelcontextprotocol/sdk"), "dir");
  return dir;
}

const envelope = (result) => {
  assert.equal(result.content.length, 1);
  assert.equal(result.content[0].type, "text");
  return JSON.parse(result.content[0].text);
};

describe("the MCP server example", () => {
  let dir, key, client, stderr = "";

  before(async () => {
    dir = stage();
    key = await register();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(dir, "server.mjs")],
      cwd: dir,
      env: { TWOCHAT_API_KEY: key, TWOCHAT_BASE_URL: MOCK },
      stderr: "pipe",
    });
    transport.stderr.on("data", (chunk) => (stderr += chunk));
    client = new Client({ name: "twochat-tests", version: "0.0.0" });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("introduces itself as twochat, with the tools capability", () => {
    const info = client.getServerVersion();
    assert.equal(info.name, "twochat");
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    assert.ok(client.getServerCapabilities().tools);
  });

  test("lists all 77 tools with their schemas (root oneOf/anyOf/allOf left out for the model APIs)", async () => {
    const { tools, nextCursor } = await client.listTools();
    assert.equal(nextCursor, undefined);
    const expected = toMcpTools();
    assert.equal(tools.length, 77);
    assert.deepEqual(tools.map((t) => t.name), expected.map((t) => t.name));
    tools.forEach((t, i) => {
      const { oneOf, anyOf, allOf, ...schema } = expected[i].inputSchema;
      assert.equal(t.description, expected[i].description, t.name);
      assert.deepEqual(t.inputSchema, schema, t.name);
      assert.equal(t.inputSchema.type, "object");
      for (const k of ["oneOf", "anyOf", "allOf", "$schema"]) assert.ok(!(k in t.inputSchema), `${t.name}: ${k}`);
    });
    // Where a rule was left out, the description still says it.
    for (const name of ["send_message", "create_contact", "send_waba_message"]) {
      assert.match(tools.find((t) => t.name === name).description, /Exactly one of: /, name);
    }
    assert.deepEqual(await received(key), [], "listing calls nothing");
  });

  test("send_message runs against the mock with exactly the arguments as its body", async () => {
    const args = { from_number: PY, to_number: MX, text: "hola desde MCP 👋" };
    const result = await client.callTool({ name: "send_message", arguments: args });
    assert.equal(result.isError, false);
    const env = envelope(result);
    assert.equal(env.successful, true, env.error);
    assert.equal(env.error, null);
    assert.match(env.data.message_uuid, /^MSG/);
    const log = await received(key);
    assert.equal(log.length, 1);
    const [req] = log;
    assert.equal(req.method, "POST");
    assert.equal(req.path, "/open/whatsapp/send-message");
    assert.equal(req.query, null);
    assert.equal(req.endpoint, 12);
    assert.equal(req.status, 200);
    assert.equal(req.headers["x-user-api-key"], key);
    assert.match(req.headers["content-type"], /^application\/json/);
    assert.deepEqual(req.body, args);
    assert.deepEqual(JSON.parse(req.body_text), args);
  });

  test("a bad call is an isError result naming invalid_input, and sends nothing", async () => {
    const bad = await client.callTool({ name: "send_message", arguments: { from_number: "123", to_number: MX, text: "hi" } });
    assert.equal(bad.isError, true);
    const env = envelope(bad);
    assert.equal(env.successful, false);
    assert.equal(env.data, null);
    assert.match(env.error, /^invalid_input: from_number: /);
    const unknown = await client.callTool({ name: "send_a_fax", arguments: {} });
    assert.equal(unknown.isError, true);
    assert.match(envelope(unknown).error, /^invalid_input: unknown tool "send_a_fax"/);
    const noArgs = await client.callTool({ name: "send_message" });
    assert.equal(noArgs.isError, true);
    assert.match(envelope(noArgs).error, /^invalid_input: from_number: is required/);
    assert.equal((await received(key)).length, 1, "only the earlier send-message");
  });

  test("an alias, and an HTTP error from 2Chat, come back the same way", async () => {
    const ping = await client.callTool({ name: "_2CHAT_TEST_API_KEY", arguments: {} });
    assert.equal(ping.isError, false);
    assert.equal(envelope(ping).successful, true);
    const missing = await client.callTool({ name: "get_contact", arguments: { contact_uuid: "CONdoes-not-exist" } });
    assert.equal(missing.isError, true);
    assert.match(envelope(missing).error, /^not_found: /);
    const log = await received(key);
    assert.deepEqual(log.slice(1).map((r) => `${r.method} ${r.path} ${r.status}`), ["GET /ping 200", "GET /open/contacts/CONdoes-not-exist 404"]);
  });

  test("logs go to stderr, name tools and outcomes, and never the API key", () => {
    assert.match(stderr, /ready: 77 tools, 2Chat at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(stderr, /send_message: ok in \d+ ms/);
    assert.match(stderr, /send_message: invalid_input in \d+ ms/);
    assert.match(stderr, /get_contact: not_found in \d+ ms/);
    assert.ok(!stderr.includes(key), "the API key was logged");
    assert.ok(!stderr.includes("hola desde MCP"), "arguments were logged");
  });

  test("without TWOCHAT_API_KEY it exits 1 and says why, on stderr only", () => {
    const r = spawnSync(process.execPath, [join(dir, "server.mjs")], { env: { PATH: process.env.PATH }, input: "", encoding: "utf8", timeout: 15_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /TWOCHAT_API_KEY is not set/);
  });
});
