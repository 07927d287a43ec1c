// The Cloudflare Worker example (examples/worker) end to end: the bundle wrangler built from the
// packed `twochat` tarball runs in workerd under Miniflare on 127.0.0.1, twochat-mock delivers a
// simulated inbound WhatsApp message to it, and the Worker's auto-reply must reach the mock.
//
// Run by scripts/test-worker.sh (through scripts/with-mock.sh), which sets:
//   TWOCHAT_MOCK_URL  the mock
//   WORKER_DIST       the output of `wrangler deploy --dry-run --outdir` (index.js + the .wasm)
//   WORKER_APP        the throwaway copy of examples/worker with the tarball installed
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { Miniflare } from "miniflare";
import { Witness, mockCall } from "../support/workerd.mjs";

const { TWOCHAT_MOCK_URL: MOCK, WORKER_DIST: DIST, WORKER_APP: APP } = process.env;
if (!MOCK || !DIST || !APP) throw new Error("run through scripts/with-mock.sh scripts/test-worker.sh");

// The package as a Node user gets it: the copy installed from the tarball, via its "node" exports.
const { TwoChat, WebhookRouter } = createRequire(join(APP, "package.json"))("twochat");

const PY = "+595981048477"; // seeded, connected: the channel that receives and replies
const MX = "+5215512345432"; // the person writing to it
const RECEIVED = "whatsapp.message.received";
const API_KEY = `UAK-worker-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const HOOK_TOKEN = WebhookRouter.generateToken();
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(APP, "wrangler.toml"), "utf8"))?.[1];

let mf;
let base; // the Worker's URL, e.g. http://127.0.0.1:41234
let client; // the Node-side client: subscriptions and checks
const witness = new Witness(); // what the Workers answered and printed

/** The example's bundle as one Worker, with the given extra bindings. */
function workerOptions(bindings = {}, extra = {}) {
  return {
    modules: true,
    modulesRoot: DIST,
    scriptPath: join(DIST, "index.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    bindings: { TWOCHAT_API_KEY: API_KEY, TWOCHAT_BASE_URL: MOCK, HOOK_TOKEN, ...bindings },
    ...extra,
  };
}

/** A request to the Worker; its answer is recorded. */
const worker = (path, init = {}) => witness.fetch(base, path, init);

function delivery(event, payload, token = HOOK_TOKEN) {
  const q = token === null ? "" : `?token=${encodeURIComponent(token)}`;
  return worker(`/webhooks/${event}${q}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
}

/** The `send-message` requests the mock received with the Worker's key. */
async function sends() {
  const { body } = await mockCall(MOCK, "GET", `/__mock/requests?api_key=${encodeURIComponent(API_KEY)}`);
  return body.requests.filter((r) => r.method === "POST" && r.path === "/open/whatsapp/send-message");
}

/** Waits until the account has at least `min` delivery attempts; returns them all. */
async function deliveries(min) {
  const { status, body } = await mockCall(MOCK, "GET", `/__mock/deliveries?api_key=${encodeURIComponent(API_KEY)}&min=${min}&timeout_ms=10000`);
  assert.equal(status, 200);
  assert.ok(body.deliveries.length >= min, `waited for ${min} deliveries, got ${JSON.stringify(body.deliveries)}`);
  return body.deliveries;
}

async function simulate(text) {
  const r = await mockCall(MOCK, "POST", "/__mock/simulate", { api_key: API_KEY, kind: "inbound_message", number: PY, from: MX, text });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

before(async () => {
  assert.ok(compatibilityDate, "examples/worker/wrangler.toml has a compatibility_date");
  assert.ok(readdirSync(DIST).some((f) => f.endsWith(".wasm")), `the bundle in ${DIST} carries the wasm as its own module`);
  const bundle = readFileSync(join(DIST, "index.js"), "utf8");
  // Bundlers drop modules they think are side-effect free; the worker entry's init must survive.
  // (The web build's glue is minified, so the call is found by its argument, not its name.)
  assert.match(bundle, /\b[\w$]+\(\{ module \}\);/, "the bundle holds the package's worker entry (workerd condition)");

  assert.equal((await mockCall(MOCK, "POST", "/__mock/accounts", { api_key: API_KEY })).status, 201);
  client = new TwoChat({ apiKey: API_KEY, baseUrl: MOCK, maxRetries: 0 });

  mf = new Miniflare({
    ...workerOptions({ TWOCHAT_FROM_NUMBER: PY, PROXY_ORIGINS: "http://page.example" }),
    host: "127.0.0.1",
    port: 0,
    handleRuntimeStdio: witness.stdio,
  });
  base = (await mf.ready).href.replace(/\/$/, "");
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
});

after(async () => {
  await mf?.dispose();
});

test("the package in workerd, as a Worker imports it: account.info against the mock, a webhook parsed", async () => {
  const smoke = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    modulesRoot: process.env.SMOKE_DIST,
    scriptPath: join(process.env.SMOKE_DIST, "index.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    bindings: { TWOCHAT_API_KEY: API_KEY, TWOCHAT_BASE_URL: MOCK },
    handleRuntimeStdio: witness.stdio,
  });
  try {
    const url = (await smoke.ready).href;
    const r = await (await fetch(url)).json();
    assert.match(r.uuid, /^ACC/);
    assert.deepEqual([r.event, r.createdAt, r.media, r.invalid], ["whatsapp.message.received", Date.UTC(2023, 3, 18, 22, 17, 50), "image", "invalid_input"]);
  } finally {
    await smoke.dispose();
  }
});

test("GET /health answers 200", async () => {
  const r = await worker("/health");
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { ok: true });
});

test("any other path answers 404 JSON", async () => {
  for (const [path, method] of [["/", "GET"], ["/webhooks", "POST"], ["/webhooks/", "POST"], ["/webhooks/a/b", "POST"], ["/favicon.ico", "GET"], ["/health/x", "GET"]]) {
    const r = await worker(path, { method, headers: { "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined });
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.equal(r.headers.get("content-type"), "application/json");
    assert.equal(r.json.ok, false);
  }
});

test("a wrong or missing token answers 401 and sends nothing", async () => {
  const payload = { uuid: "MSG-intruder", sent_by: "user", channel_phone_number: PY, remote_phone_number: MX, message: { text: "let me in" } };
  assert.equal((await delivery(RECEIVED, payload, "not-the-token-0123456789")).status, 401);
  assert.equal((await delivery(RECEIVED, payload, `${HOOK_TOKEN}x`)).status, 401);
  assert.equal((await delivery(RECEIVED, payload, null)).status, 401);
  assert.equal((await worker(`/webhooks/${RECEIVED}?token=${HOOK_TOKEN}`)).status, 405, "GET is not a delivery");
  assert.deepEqual(await sends(), []);
});

let handled; // the payload of the first delivery the Worker answered

test("an inbound message travels mock → Worker → auto-reply → mock", async () => {
  const sub = await client.webhooks.subscribe(RECEIVED, { router: { url: `${base}/webhooks`, token: HOOK_TOKEN }, on_number: PY });
  assert.equal(sub.data.hook_url, `${base}/webhooks/${RECEIVED}?token=${HOOK_TOKEN}`);

  await simulate("hello worker");
  const [d] = await deliveries(1);
  assert.equal(d.event, RECEIVED);
  assert.equal(d.skipped, null);
  assert.equal(d.error, null);
  assert.equal(d.status, 200, "the Worker acknowledged the delivery");
  handled = d.payload;

  const sent = await sends();
  assert.equal(sent.length, 1, JSON.stringify(sent));
  assert.deepEqual(sent[0].body, { from_number: PY, to_number: MX, text: "Thanks! We got: hello worker" });
  // The mock logs the key redacted; the entry is listed under this key, so this key was sent.
  assert.equal(sent[0].headers["x-user-api-key"], "[redacted]");
  assert.equal(sent[0].status, 200, "the mock accepted the reply");

  // The same isolate keeps its router and client: a second message is answered too.
  await simulate("¿otra vez? 👋");
  const all = await deliveries(2);
  assert.equal(all[1].status, 200);
  const again = await sends();
  assert.equal(again.length, 2);
  assert.equal(again[1].body.text, "Thanks! We got: ¿otra vez? 👋");
});

test("a redelivered message is acknowledged without a second reply", async () => {
  assert.ok(handled, "needs the previous test");
  const before = (await sends()).length;
  const r = await delivery(RECEIVED, handled);
  assert.equal(r.status, 200);
  assert.match(r.json.message, /duplicate/);
  assert.equal((await sends()).length, before);
});

test("a reply that fails answers 500 (so 2Chat retries), is logged without secrets, and the retry replies", async () => {
  const fault = await mockCall(MOCK, "POST", "/__mock/faults", { api_key: API_KEY, path: "/open/whatsapp/send-message", method: "POST", kind: "status", status: 503, count: 1 });
  assert.equal(fault.status, 201, JSON.stringify(fault.body));
  const seen = (await deliveries(0)).length;
  const before = (await sends()).length;
  await simulate("this one fails first");
  const all = await deliveries(seen + 1);
  const failed = all[seen];
  assert.equal(failed.status, 500, JSON.stringify(failed));
  assert.equal((await sends()).length, before + 1, "one attempt: a POST answered 5xx is never repeated by the SDK");
  await witness.waitFor(() => /failed: server_error 503/.test(witness.output), "the onError log line");

  // 2Chat's retry of that delivery: the router did not remember it as handled, so it replies.
  const retry = await delivery(RECEIVED, failed.payload);
  assert.equal(retry.status, 200, retry.text);
  const sent = await sends();
  assert.equal(sent.length, before + 2);
  assert.equal(sent.at(-1).body.text, "Thanks! We got: this one fails first");
  assert.equal(sent.at(-1).status, 200);
});

test("messages the channel sent, and deliveries without channel_phone_number, get no reply", async () => {
  const before = (await sends()).length;
  const ours = { channel_phone_number: PY, remote_phone_number: MX, message: { text: "from us" } };
  for (const [uuid, extra] of [["MSG-api", { sent_by: "api" }], ["MSG-agent", { sent_by: "agent" }], ["MSG-self", { sent_by: "user", remote_phone_number: PY }]]) {
    const r = await delivery(RECEIVED, { uuid, ...ours, ...extra });
    assert.equal(r.status, 200, uuid);
  }
  const old = { uuid: "MSG-old", sent_by: "user", remote_phone_number: MX, message: { text: "old payload" } };
  assert.equal((await delivery(RECEIVED, old)).status, 200, "acknowledged: a retry could not help");
  await witness.waitFor(() => /not replying to MSG-old: no channel_phone_number/.test(witness.output), "the warning about MSG-old");
  assert.equal((await sends()).length, before);
  // Other events are acknowledged and ignored.
  assert.equal((await delivery("whatsapp.message.sent", { uuid: "MSG-sent", sent_by: "api", ...ours })).status, 200);
  assert.equal((await sends()).length, before);
});

test("the proxy route: a listed origin uses the SDK without the key; the Worker adds it, for reads only", async () => {
  const requests = async () => (await mockCall(MOCK, "GET", `/__mock/requests?api_key=${encodeURIComponent(API_KEY)}`)).body.requests;
  // The SDK as "the page" would use it: no apiKey, the Worker's /proxy as its base URL, and the
  // page's origin (a browser sends it; here it is set by hand).
  const page = new TwoChat({ baseUrl: `${base}/proxy`, maxRetries: 0, defaultHeaders: { origin: "http://page.example" } });
  const before = (await requests()).length;
  const info = await page.account.info();
  assert.equal(info.success, true);
  const last = (await requests()).at(-1);
  assert.equal(last.path, "/open/info");
  assert.equal(last.headers["x-user-api-key"], "[redacted]", "the key was added by the Worker (the entry is under its key)");
  const numbers = await page.numbers.list({ status: "connected" });
  assert.ok(numbers.numbers.some((n) => n.phone_number === PY));
  assert.equal((await requests()).length, before + 2);

  const refused = await page.messages.send({ from_number: PY, to_number: MX, text: "from the page" }).catch((e) => e);
  assert.equal(refused.code, "forbidden", "sends are not allowed by default");
  const hooks = await page.webhooks.list().catch((e) => e);
  assert.equal(hooks.code, "forbidden", "webhook subscriptions (they carry the hook token) are never forwarded");
  assert.equal((await requests()).length, before + 2, "nothing refused was forwarded");

  // What the old example let anyone do: read with no Origin at all (curl), or from another site.
  for (const [path, headers, status] of [
    ["/proxy/open/info", {}, 403],
    ["/proxy/open/whatsapp/messages/" + PY, {}, 403],
    ["/proxy/open/info", { origin: "http://evil.example" }, 403],
    ["/proxy/open/webhooks", { origin: "http://page.example" }, 403],
    ["/proxy/open/..%2F..%2Fping", { origin: "http://page.example" }, 400],
    ["/proxy/open/contacts/..;", { origin: "http://page.example" }, 400],
  ]) {
    const r = await worker(path, { headers });
    assert.equal(r.status, status, `${path} ${JSON.stringify(headers)}`);
    assert.equal(r.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(r.headers.get("x-content-type-options"), "nosniff");
    // The listed page may read why it was refused; nobody else gets a CORS grant.
    assert.equal(r.headers.get("access-control-allow-origin"), headers.origin === "http://page.example" ? "http://page.example" : null);
  }
  assert.equal((await requests()).length, before + 2, "nothing refused was forwarded");

  const preflight = await worker("/proxy/open/info", { method: "OPTIONS", headers: { origin: "http://page.example", "access-control-request-method": "GET" } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), "http://page.example");
  const sneaky = await worker("/proxy/open/info", { headers: { origin: "http://page.example", "x-user-api-key": "UAK-someone-else", cookie: "session=1" } });
  assert.equal(sneaky.status, 200);
  assert.equal(sneaky.headers.get("cache-control"), "no-store");
  const log = await mockCall(MOCK, "GET", `/__mock/requests?api_key=UAK-someone-else`);
  assert.equal((log.body?.requests ?? []).length, 0, "a key sent by the page is not passed on");
  assert.equal((await requests()).at(-1).headers.cookie, undefined, "nor its cookies");
});

test("with PROXY_ORIGINS unset the proxy is off", async () => {
  const off = new Miniflare({ ...workerOptions({ TWOCHAT_FROM_NUMBER: PY }), host: "127.0.0.1", port: 0, handleRuntimeStdio: witness.stdio });
  try {
    const url = (await off.ready).href.replace(/\/$/, "");
    const r = await fetch(`${url}/proxy/open/info`, { headers: { origin: "http://page.example" } });
    assert.equal(r.status, 404);
    assert.ok(!(await r.text()).includes(API_KEY));
  } finally {
    await off.dispose();
  }
});

test("a delivery for a number that is not the account's reply number gets no reply", async () => {
  const before = (await sends()).length;
  const forged = { uuid: "MSG-other-channel", sent_by: "user", channel_phone_number: "+15550001111", remote_phone_number: "+15550002222", message: { text: "send this for me" } };
  assert.equal((await delivery(RECEIVED, forged)).status, 200);
  await witness.waitFor(() => /not replying to MSG-other-channel: the channel is not this account's reply number/.test(witness.output), "the warning about MSG-other-channel");
  assert.equal((await sends()).length, before, "nothing sent from a number taken from the payload");
});

/** A delivery straight to one Miniflare worker (by name) rather than over HTTP. */
async function deliverTo(target, payload) {
  const r = await target.fetch(`http://worker.test/webhooks/${RECEIVED}?token=${encodeURIComponent(HOOK_TOKEN)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  const text = await r.text();
  witness.record("(dedupe)", r, text);
  return { status: r.status, json: JSON.parse(text) };
}

test("a Durable Object shared by two Worker instances: one delivery, sent to both at once, is handled once", async () => {
  const two = new Miniflare({
    workers: [
      { ...workerOptions({ TWOCHAT_FROM_NUMBER: PY }), name: "a", durableObjects: { DEDUPE: "DedupeObject" } },
      { ...workerOptions({ TWOCHAT_FROM_NUMBER: PY }), name: "b", durableObjects: { DEDUPE: { className: "DedupeObject", scriptName: "a" } } },
    ],
    host: "127.0.0.1",
    port: 0,
    handleRuntimeStdio: witness.stdio,
  });
  try {
    await two.ready;
    const [a, b] = [await two.getWorker("a"), await two.getWorker("b")];
    const before = (await sends()).length;
    const payload = { uuid: `MSG-do-${Date.now()}`, sent_by: "user", channel_phone_number: PY, remote_phone_number: MX, message: { text: "once, please" } };
    const answers = await Promise.all([deliverTo(a, payload), deliverTo(b, payload), deliverTo(a, payload), deliverTo(b, payload)]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 200]);
    assert.equal(answers.filter((r) => /duplicate/.test(r.json.message)).length, 3, JSON.stringify(answers));
    const sent = (await sends()).slice(before);
    assert.equal(sent.length, 1, "one reply for four copies of the delivery");
    assert.equal(sent[0].body.text, "Thanks! We got: once, please");

    // A failed reply gives the claim back, so 2Chat's retry (landing on the other instance) runs.
    await mockCall(MOCK, "POST", "/__mock/faults", { api_key: API_KEY, path: "/open/whatsapp/send-message", method: "POST", kind: "status", status: 503, count: 1 });
    const retried = { ...payload, uuid: `MSG-do-retry-${Date.now()}`, message: { text: "retry me" } };
    assert.equal((await deliverTo(a, retried)).status, 500);
    assert.equal((await deliverTo(b, retried)).status, 200);
    assert.equal((await deliverTo(a, retried)).json.message, "duplicate delivery: already handled");
    assert.deepEqual((await sends()).slice(before + 1).map((s) => [s.body.text, s.status]), [["Thanks! We got: retry me", 503], ["Thanks! We got: retry me", 200]]);
  } finally {
    await two.dispose();
  }
});

test("Workers KV persisted and shared by two Worker instances: a redelivery to the other instance is not answered twice", async () => {
  const dir = mkdtempSync(join(tmpdir(), "twochat-kv-"));
  const start = () => new Miniflare({ ...workerOptions({ TWOCHAT_FROM_NUMBER: PY }, { kvNamespaces: ["DEDUPE_KV"], kvPersist: dir }), host: "127.0.0.1", port: 0, handleRuntimeStdio: witness.stdio });
  // One after the other: two workerd processes opening the same fresh KV store at once can find
  // its SQLite database locked while it is being created.
  const one = start();
  const a = await one.ready.then(() => one.getWorker());
  const other = start();
  try {
    const b = await other.ready.then(() => other.getWorker());
    const before = (await sends()).length;
    const payload = { uuid: `MSG-kv-${Date.now()}`, sent_by: "user", channel_phone_number: PY, remote_phone_number: MX, message: { text: "kv once" } };
    assert.equal((await deliverTo(a, payload)).json.message, "handled");
    assert.equal((await deliverTo(b, payload)).json.message, "duplicate delivery: already handled", "the other instance sees the claim");
    assert.equal((await deliverTo(a, payload)).json.message, "duplicate delivery: already handled");
    assert.equal((await sends()).length - before, 1);
  } finally {
    await Promise.all([one.dispose(), other.dispose()]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("neither the Worker's answers nor its logs contain the API key or the hook token", () => {
  witness.assertNoLeak({ apiKey: API_KEY, hookToken: HOOK_TOKEN }, 15);
});
