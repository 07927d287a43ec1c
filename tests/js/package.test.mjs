// The built package (pkg/) as users load it, against twochat-mock (TWOCHAT_MOCK_URL).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TwoChat, TwoChatError } from "../../pkg/index.mjs";

const require = createRequire(import.meta.url);
const MOCK = process.env.TWOCHAT_MOCK_URL;
const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));

async function account(extra = {}) {
  const api_key = `UAK-js-${Math.random().toString(36).slice(2)}`;
  const r = await fetch(`${MOCK}/__mock/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key, ...extra }) });
  assert.equal(r.status, 201);
  return api_key;
}

async function received(key) {
  const r = await fetch(`${MOCK}/__mock/requests?api_key=${key}`);
  return (await r.json()).requests;
}

test("the ESM and CommonJS entries export the same classes", () => {
  const cjs = require("../../pkg/index.cjs");
  assert.equal(cjs.TwoChat, TwoChat);
  assert.equal(cjs.TwoChatError, TwoChatError);
  assert.equal(typeof TwoChat, "function");
});

test("a call through the package reaches the mock and returns every field", async () => {
  const apiKey = await account();
  const client = new TwoChat({ apiKey, baseUrl: MOCK });
  const info = await client.account.info();
  assert.equal(info.success, true);
  assert.match(info.account.uuid, /^ACC/);
  const [req] = await received(apiKey);
  assert.equal(req.path, "/open/info");
  assert.equal(req.headers["x-user-api-key"], "[redacted]", "sent, and logged redacted (the entry is apiKey's)");
});

test("rejections are TwoChatError instances with a code, in both module systems", async () => {
  const client = new TwoChat({ apiKey: "UAK-js-invalid", baseUrl: MOCK });
  const e = await client.messages.send({ from_number: "123", to_number: "+5215512345432", text: "x" }).catch((e) => e);
  assert.ok(e instanceof Error);
  assert.ok(e instanceof TwoChatError);
  assert.ok(e instanceof require("../../pkg/index.cjs").TwoChatError);
  assert.equal(e.name, "TwoChatError");
  assert.equal(e.code, "invalid_input");
  assert.match(e.message, /^from_number: /);
  assert.equal(e.status, undefined);
  assert.deepEqual(JSON.parse(JSON.stringify(e)), { name: "TwoChatError", code: "invalid_input", message: e.message });
  const unauthorized = await client.account.info().catch((e) => e);
  assert.equal(unauthorized.code, "unauthorized");
  assert.equal(unauthorized.status, 401);
});

test("the constructor throws TwoChatError on bad options", () => {
  assert.throws(() => new TwoChat({ apiKey: 12 }), (e) => e instanceof TwoChatError && e.code === "invalid_input" && e.message.startsWith("apiKey:"));
  assert.throws(() => new TwoChat({ timeoutMs: "soon" }), (e) => e.code === "invalid_input" && e.message.startsWith("timeoutMs:"));
});

test("the API key appears in no printable form of the client or its errors", async () => {
  const apiKey = "UAK-js-never-print-me";
  const client = new TwoChat({ apiKey, baseUrl: MOCK, maxRetries: 0 });
  for (const shown of [String(client), `${client}`, JSON.stringify(client), inspect(client, { depth: 10, showHidden: true })]) {
    assert.ok(!shown.includes(apiKey), shown);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(client)), { baseUrl: MOCK, apiKey: "[redacted]", timeoutMs: 30000, maxRetries: 0 });
  const e = await client.account.info().catch((e) => e);
  for (const shown of [e.message, e.stack, JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })]) {
    assert.ok(!shown.includes(apiKey), shown);
  }
});

test("resources are getters sharing the client", () => {
  const client = new TwoChat({ apiKey: "UAK-x", baseUrl: MOCK });
  for (const [name, methods] of Object.entries({
    account: ["info"], numbers: ["list", "check"], messages: ["send", "list"], groups: ["list", "get"],
    contacts: ["create", "list"], webhooks: ["subscribe", "list", "delete"],
  })) {
    for (const m of methods) assert.equal(typeof client[name][m], "function", `${name}.${m}`);
  }
});

test("a client's resources are read from the module once, then kept on the client (Node and web builds)", async () => {
  const web = await import("../../pkg/web/index.js");
  web.initSync({ module: readFileSync(new URL("../../pkg/web/twochat_bg.wasm", import.meta.url)) });
  for (const [build, Client] of [["node", TwoChat], ["web", web.TwoChat]]) {
    const [keyA, keyB] = [await account(), await account()];
    const [a, b] = [new Client({ apiKey: keyA, baseUrl: MOCK }), new Client({ apiKey: keyB, baseUrl: MOCK })];
    assert.equal(Object.getOwnPropertyDescriptor(a, "account"), undefined, `${build}: nothing is kept before the first read`);
    const resource = a.account;
    const kept = Object.getOwnPropertyDescriptor(a, "account");
    assert.equal(kept?.value, resource, `${build}: the first read is kept on the client`);
    assert.equal(kept.writable || kept.enumerable, false, `${build}: read-only and not enumerable`);
    assert.equal(a.account, resource);
    assert.notEqual(b.account, resource, `${build}: each client has its own resources`);
    assert.equal(typeof Object.getOwnPropertyDescriptor(Client.prototype, "account")?.get, "function", `${build}: still a getter on the class`);
    assert.equal(a.baseUrl, MOCK);
    await a.account.info();
    await b.account.info();
    await b.account.info();
    assert.equal((await received(keyA)).length, 1, `${build}: client A's call went with A's key`);
    assert.equal((await received(keyB)).length, 2, `${build}: client B's calls went with B's key`);
  }
});

test("kept getters never hide a subclass's own getter, never fail on a frozen client, and go with free()", async () => {
  const apiKey = await account();
  class Wrapped extends TwoChat {
    get account() {
      return { wrapped: true, inner: super.account };
    }
  }
  const w = new Wrapped({ apiKey, baseUrl: MOCK });
  assert.equal(w.account.wrapped, true);
  assert.equal(w.account.wrapped, true, "the subclass's getter still answers the second read");
  assert.equal(Object.getOwnPropertyDescriptor(w, "account"), undefined);
  class Plain extends TwoChat {}
  const p = new Plain({ apiKey, baseUrl: MOCK });
  assert.equal(p.account, p.account, "a subclass without its own getter gets the same resource");
  const frozen = Object.freeze(new TwoChat({ apiKey, baseUrl: MOCK }));
  assert.equal(typeof frozen.account.info, "function", "a frozen client's getter answers");
  assert.equal((await frozen.account.info()).success, true);
  const freed = new TwoChat({ apiKey, baseUrl: MOCK });
  assert.equal(typeof freed.messages.send, "function");
  freed.free();
  assert.equal(Object.getOwnPropertyDescriptor(freed, "messages"), undefined, "free() drops what was kept");
  assert.throws(() => freed.messages, "a freed client's getters throw alike, read before or not");
  assert.throws(() => freed.groups);
  assert.equal(TwoChat.prototype.free.name, "free");
});

test("a settled call leaves no timer behind: the process exits at once", () => {
  // With a 60 s per-attempt timeout, a leaked timer would keep Node alive for a minute.
  const script = `
    const { TwoChat } = require(${JSON.stringify(pkgDir + "index.cjs")});
    const c = new TwoChat({ apiKey: "UAK-x", baseUrl: ${JSON.stringify(MOCK)}, timeoutMs: 60000 });
    Promise.allSettled([c.account.info(), c.messages.send({}), c.groups.get("x/y")]).then((r) => console.log(r.map((x) => x.status).join(",")));
  `;
  const started = Date.now();
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 20000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "rejected,rejected,rejected");
  assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
});

test("the shipped type declarations never say any", () => {
  for (const f of ["node/twochat.d.ts", "web/twochat.d.ts", "index.d.ts", "web/index.d.ts", "worker/index.d.ts", "browser/index.d.ts", "tools/index.d.ts"]) {
    const code = readFileSync(pkgDir + f, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bany\b/, f);
  }
});
