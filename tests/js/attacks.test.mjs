// The attack catalogue: each way the SDK, its proxy, its router or the mock was once open to abuse,
// tried again against the built package and twochat-mock. Every row must be refused, reach 2Chat
// (the mock) with nothing it should not, and leak neither the API key nor the hook token. The
// table in docs/security.md is this run's: the test fails when the file differs (outcomes and
// the bounds asserted are deterministic), and
// `UPDATE_DOCS=1 scripts/with-mock.sh node --test tests/js/attacks.test.mjs` rewrites it.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { MOCK, register, received } from "./mock.mjs";
import { TwoChat, TwoChatError, WebhookRouter, createProxy, wasmMemoryBytes } from "../../pkg/index.mjs";

const DOC = new URL("../../docs/security.md", import.meta.url);
const ORIGIN = "https://app.example.com";
const HOOK_TOKEN = WebhookRouter.generateToken();
const rows = [];
const servers = [];

after(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

/** Records one attack: what was tried, what came back, what reached the mock, and a leak check. */
function row(attack, tried, outcome, reached, texts, secrets) {
  for (const t of texts) for (const s of secrets) assert.ok(!String(t).includes(s), `${attack}: a secret leaked in ${String(t).slice(0, 200)}`);
  rows.push(`| ${attack} | ${tried} | ${outcome} | ${reached} | none |`);
}

function listen(handler) {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${server.address().port}`)));
}

const delivery = (token, body) =>
  new Request(`https://hooks.example/whatsapp.message.received${token ? `?token=${token}` : ""}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    duplex: "half",
  });

test("attack catalogue", { timeout: 120_000 }, async () => {
  const key = await register();
  const proxy = createProxy({ apiKey: key, origins: [ORIGIN], baseUrl: MOCK, prefix: "/proxy" });
  const call = (path, headers = {}) => proxy(new Request(`https://w.example/proxy${path}`, { headers }));

  // 1. The old example forwarded every allowed call whatever the Origin, even none.
  {
    const answers = [];
    for (const path of ["/open/info", "/open/whatsapp/messages/+595981048477", "/open/contacts", "/open/whatsapp/groups/+595981048477"]) {
      for (const headers of [{}, { origin: "https://evil.example" }]) {
        const r = await call(path, headers);
        assert.equal(r.status, 403, `${path} ${JSON.stringify(headers)}`);
        answers.push(await r.text());
      }
    }
    assert.deepEqual(await received(key), []);
    row("open proxy", "8 reads of account, messages, contacts, groups with no Origin or another site's", "403 × 8", "0 requests", answers, [key]);
  }

  // 2. GET /open/webhooks through the proxy leaked each hook_url's ?token=….
  {
    const r = await call("/open/webhooks", { origin: ORIGIN });
    assert.equal(r.status, 403);
    let construction;
    try {
      createProxy({ apiKey: key, origins: [ORIGIN], allow: ["list_webhooks"] });
    } catch (e) {
      construction = e;
    }
    assert.ok(construction instanceof TwoChatError && construction.code === "invalid_input", String(construction));
    assert.deepEqual(await received(key), []);
    row("hook token through the proxy", "GET /open/webhooks from a listed origin; `allow: [\"list_webhooks\"]`", "403; createProxy throws `invalid_input`", "0 requests", [await r.text(), construction.message], [key]);
  }

  // 3. Path tricks past the allow-list.
  {
    const answers = [];
    // (A fetch runtime resolves "%2e%2e" segments before a handler sees the URL; an encoded dot
    // left inside a segment is refused.)
    for (const path of ["/open/contacts/..;", "/open/contacts/a;b", "/open/..%2f..%2fping", "/open//info", "/open/contacts/%2e%2e%2finfo"]) {
      const r = await call(path, { origin: ORIGIN });
      assert.equal(r.status, 400, path);
      answers.push(await r.text());
    }
    assert.deepEqual(await received(key), []);
    row("proxy path tricks", "`..;`, `a;b`, `%2f`, `//`, `%2e%2e%2f` in the path", "400 × 5", "0 requests", answers, [key]);
  }

  // 4. Writes through the proxy without the site's own check.
  {
    let e;
    try {
      createProxy({ apiKey: key, origins: [ORIGIN], allow: ["send_message", "purchase_numbers"] });
    } catch (err) {
      e = err;
    }
    assert.equal(e?.code, "invalid_input");
    assert.match(e.message, /^authorize: is required/);
    row("proxy writes without authorize", "`allow: [\"send_message\", \"purchase_numbers\"]` with no `authorize`", "createProxy throws `invalid_input`", "0 requests", [e.message], [key]);
  }

  // 5. A router without a token accepted every POST.
  {
    let e;
    try {
      new WebhookRouter({});
    } catch (err) {
      e = err;
    }
    assert.equal(e?.code, "invalid_input");
    const router = new WebhookRouter({ token: HOOK_TOKEN });
    let ran = 0;
    router.onAny(() => ran++);
    const answers = [];
    for (let i = 0; i < 20; i++) {
      const r = await router.handle(delivery(i % 2 ? "wrong-token-0123456789" : null, JSON.stringify({ uuid: `MSG-forged-${i}`, sent_by: "user" })));
      assert.equal(r.status, 401);
      answers.push(await r.text());
    }
    assert.equal(ran, 0);
    row("forged deliveries", "`new WebhookRouter({})`; 20 deliveries, new uuid each, no or wrong token", "throws `invalid_input`; 401 × 20, 0 handlers run", "—", [e.message, ...answers], [HOOK_TOKEN]);
  }

  // 6. A chunked body with the token was read in full before the 413.
  {
    const router = new WebhookRouter({ token: HOOK_TOKEN });
    let produced = 0;
    const body = new ReadableStream({
      pull(c) {
        produced += 65536;
        if (produced > 50 * 1024 * 1024) c.close();
        else c.enqueue(new Uint8Array(65536));
      },
    });
    globalThis.gc?.();
    const before = process.memoryUsage().arrayBuffers;
    const r = await router.handle(delivery(HOOK_TOKEN, body));
    const grew = process.memoryUsage().arrayBuffers - before;
    assert.equal(r.status, 413);
    assert.ok(produced <= 2 * 1024 * 1024, `read ${produced} bytes of 50 MiB`);
    assert.ok(grew < 8 * 1024 * 1024, `array buffers grew ${grew} bytes`);
    row("oversized streamed body", "50 MiB chunked, no Content-Length, right token, limit 1 MiB", "413 after ≤ 2 MiB read", "—", [await r.text()], [HOOK_TOKEN]);
  }

  // 7. nodeListener buffered before the token check and kept reading an oversized upload.
  {
    const router = new WebhookRouter({ token: HOOK_TOKEN });
    const base = await listen(router.nodeListener());
    const big = new Uint8Array(16 * 1024 * 1024);
    const r = await fetch(`${base}/whatsapp.message.received?token=wrong-token-0123456789`, { method: "POST", headers: { "content-type": "application/json" }, body: big }).catch((e) => e);
    assert.ok(r instanceof Error || r.status === 401, `got ${r.status ?? r}`);
    const text = r instanceof Error ? r.message : await r.text();
    row("node upload before the token check", "16 MiB POST with a wrong token to `nodeListener()`", "401, upload not read, connection closed", "—", [text], [HOOK_TOKEN]);
  }

  // 8. The API key followed redirects off baseUrl.
  {
    let stolen = 0;
    const elsewhere = await listen((req, res) => {
      stolen++;
      res.end("{}");
    });
    let asked = 0;
    const api = await listen((req, res) => {
      asked++;
      res.writeHead(req.method === "GET" ? 302 : 307, { location: `${elsewhere}/collect` });
      res.end();
    });
    const client = new TwoChat({ apiKey: key, baseUrl: api });
    const errors = [];
    for (const attempt of [() => client.account.info(), () => client.messages.send({ from_number: "+595981048477", to_number: "+5215512345432", text: "hi" })]) {
      const e = await attempt().catch((err) => err);
      assert.equal(e.code, "network", e.message);
      errors.push(e.message, JSON.stringify(e), String(e));
    }
    assert.equal(stolen, 0);
    assert.equal(asked, 2, "no retry of a redirect");
    row("key on redirects", "302 (GET) and 307 (send-message) from `baseUrl` to another port", "`network` error × 2, not retried", "0 requests at the other host", errors, [key]);
  }

  // 9. De-duplication memory bounded by count, not bytes.
  {
    const router = new WebhookRouter({ token: HOOK_TOKEN, maxBodyBytes: 1024 * 1024 });
    router.onAny(() => {});
    const before = wasmMemoryBytes();
    for (let i = 0; i < 200; i++) {
      const uuid = `${i}`.padEnd(512 * 1024, "u");
      const r = await router.handle(delivery(HOOK_TOKEN, JSON.stringify({ uuid })));
      assert.equal(r.status, 200);
    }
    const grew = wasmMemoryBytes() - before;
    assert.ok(grew < 16 * 1024 * 1024, `wasm memory grew ${grew} bytes`);
    row("de-dup memory", "200 deliveries with 512 KiB uuids", "accepted; wasm memory grows < 16 MiB (it used to grow ≈ 100 MiB)", "—", [], []);
  }

  // 10. `;` in path segments; 11. a key echoed across the snippet cut.
  {
    const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 0 });
    const errors = [];
    for (const attempt of [() => client.contacts.get("..;"), () => client.groups.get("a;b"), () => client.request("GET", "/open/..;/info")]) {
      const e = await attempt().catch((err) => err);
      assert.equal(e.code, "invalid_input", e.message);
      errors.push(e.message);
    }
    assert.deepEqual(await received(key), []);
    row("`;` in path segments", "`contacts.get(\"..;\")`, `groups.get(\"a;b\")`, `request(\"GET\", \"/open/..;/info\")`", "`invalid_input` × 3", "0 requests", errors, [key]);

    const echo = await listen((req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`${"x".repeat(100)}${req.headers["x-user-api-key"]} and more`);
    });
    const e = await new TwoChat({ apiKey: key, baseUrl: echo, maxRetries: 0 }).account.info().catch((err) => err);
    assert.equal(e.code, "decode");
    for (let i = 0; i + 8 <= key.length; i++) assert.ok(!e.message.includes(key.slice(i, i + 8)), `a piece of the key in ${e.message}`);
    row("key in an error snippet", "a non-JSON body echoing the key across the 120-character cut", "`decode` error quoting `[redacted]`", "—", [e.message, JSON.stringify(e)], [key]);
  }

  // 12. The mock's control routes answered any origin; its log held every key.
  {
    const r = await fetch(`${MOCK}/__mock/reset`, { method: "POST", headers: { origin: "https://evil.example" } });
    assert.equal(r.status, 403);
    assert.equal(r.headers.get("access-control-allow-origin"), null);
    const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 0 });
    await client.account.info();
    const log = await (await fetch(`${MOCK}/__mock/requests?api_key=${encodeURIComponent(key)}`)).text();
    assert.ok(log.includes("[redacted]"));
    row("mock control from any site; keys in its log", "`POST /__mock/reset` from another origin; reading the request log", "403, no CORS grant; the key logged as `[redacted]`", "—", [await r.text(), log], [key]);
  }

  const table = [
    "# Security: the attack catalogue",
    "",
    "Each attack below was once possible against the SDK, its proxy, its webhook router or the mock; each is",
    "tried again by `tests/js/attacks.test.mjs` in `make test`, against the built package and twochat-mock.",
    "\"Reached 2Chat\" is what the mock (or, for redirects, the other host) received; \"Leaked\" is checked in every",
    "answer, error and log line the attack produced, for the API key and the hook token. The bad-input catalogue",
    "(`tests/js/validation.test.mjs`: every input rule, each refused with nothing sent) and the fault matrix",
    "([fault-matrix.md](fault-matrix.md), with the redirect rows) complete it; the MCP server's read-only default",
    "is tested in `tests/tools/mcp.test.mjs`.",
    "",
    "| attack | tried | outcome | reached 2Chat | leaked |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    `**${rows.length} attacks tried, ${rows.length} refused, nothing leaked.**`,
    "",
  ].join("\n");
  if (process.env.UPDATE_DOCS === "1") writeFileSync(DOC, table);
  assert.equal(table, readFileSync(DOC, "utf8"), "docs/security.md is out of date: UPDATE_DOCS=1 rewrites it");
});
