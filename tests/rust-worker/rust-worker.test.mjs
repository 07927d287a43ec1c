// The Rust Cloudflare Worker example (examples/rust-worker, workers-rs + the typed twochat client)
// end to end: the bundle `wrangler deploy --dry-run` made from worker-build's output runs in
// workerd under Miniflare on 127.0.0.1, webhook deliveries are POSTed to it, and its replies must
// reach twochat-mock exactly as expected.
//
// Run by scripts/test-rust-worker.sh (through scripts/with-mock.sh), which sets:
//   TWOCHAT_MOCK_URL   the mock
//   RUST_WORKER_DIST   the output of `wrangler deploy --dry-run --outdir` (index.js + the .wasm)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { Miniflare } from "miniflare";
import { Witness, mockCall } from "../support/workerd.mjs";

const { TWOCHAT_MOCK_URL: MOCK, RUST_WORKER_DIST: DIST } = process.env;
if (!MOCK || !DIST) throw new Error("run through scripts/with-mock.sh scripts/test-rust-worker.sh");

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PY = "+595981048477"; // the seeded account's connected number: the Worker's own number
const MX = "+5215512345432"; // the person writing to it
const RECEIVED = "whatsapp.message.received";
const SEND_PATH = "/open/whatsapp/send-message";
const API_KEY = `UAK-rust-worker-${randomBytes(8).toString("hex")}`;
const HOOK_TOKEN = randomBytes(24).toString("hex");
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "examples/rust-worker/wrangler.toml"), "utf8"))?.[1];

let mf;
let base; // the Worker's URL, e.g. http://127.0.0.1:41234
const witness = new Witness(); // what the Workers answered and printed
let seq = 0;

/** The example's bundle as one Worker, with these bindings. */
function workerOptions(bindings) {
  return {
    modules: true,
    modulesRoot: DIST,
    scriptPath: join(DIST, "index.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    bindings,
    host: "127.0.0.1",
    port: 0,
    handleRuntimeStdio: witness.stdio,
  };
}

const BINDINGS = { TWOCHAT_API_KEY: API_KEY, HOOK_TOKEN, TWOCHAT_FROM_NUMBER: PY, TWOCHAT_BASE_URL: MOCK };

/** A request to a Worker (the main one unless `at` says otherwise); its answer is recorded. */
const worker = (path, init = {}, at = base) => witness.fetch(at, path, init);

/** POSTs a delivery to /webhooks/<event>; `token` null sends none. `body` may be raw text. */
function delivery(event, body, { token = HOOK_TOKEN, at } = {}) {
  const q = token === null ? "" : `?token=${encodeURIComponent(token)}`;
  return worker(`/webhooks/${event}${q}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }, at);
}

/** A `whatsapp.message.received` payload as 2Chat sends it, with a fresh uuid. */
function received(text, extra = {}) {
  return {
    uuid: `MSG${Date.now()}-${++seq}`,
    event: RECEIVED,
    message: { text },
    remote_phone_number: MX,
    channel_phone_number: PY,
    created_at: "2024-03-09T22:00:08",
    ...extra,
  };
}

/** Every request the mock logged under the Worker's key. */
async function requests() {
  const { status, body } = await mockCall(MOCK, "GET", `/__mock/requests?api_key=${encodeURIComponent(API_KEY)}`);
  assert.equal(status, 200);
  return body.requests;
}

const sends = async () => (await requests()).filter((r) => r.method === "POST" && r.path === SEND_PATH);

before(async () => {
  assert.ok(compatibilityDate, "examples/rust-worker/wrangler.toml has a compatibility_date");
  assert.ok(readdirSync(DIST).some((f) => f.endsWith(".wasm")), `the bundle in ${DIST} carries the wasm as its own module`);
  const bundle = readFileSync(join(DIST, "index.js"), "utf8");
  // worker-build's entry: a WorkerEntrypoint class whose fetch calls the #[event(fetch)] export.
  assert.match(bundle, /WorkerEntrypoint/, "the bundle is worker-build's workers-rs entry point");

  assert.equal((await mockCall(MOCK, "POST", "/__mock/accounts", { api_key: API_KEY })).status, 201);
  mf = new Miniflare(workerOptions(BINDINGS));
  base = (await mf.ready).href.replace(/\/$/, "");
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
});

after(async () => {
  await mf?.dispose();
  if (process.env.RUST_WORKER_SHOW_LOGS) console.log(`--- the Worker's console ---\n${witness.output}`);
});

test("GET /health answers 200", async () => {
  const r = await worker("/health");
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { ok: true });
  assert.equal(r.headers.get("content-type"), "application/json");
});

test("a whatsapp.message.received delivery is answered 200 and replied to once, from the configured number", async () => {
  const r = await delivery(RECEIVED, received("hola"));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ok, true);
  assert.equal(r.json.replied, true);
  assert.match(r.json.message_uuid, /^MSG/);

  const all = await requests();
  assert.equal(all.length, 1, `exactly one request reached the mock: ${JSON.stringify(all)}`);
  const [sent] = all;
  assert.equal(sent.method, "POST");
  assert.equal(sent.path, SEND_PATH);
  assert.deepEqual(sent.body, { from_number: PY, to_number: MX, text: "Got it: hola" });
  assert.equal(sent.status, 200, "the mock accepted the reply");
  // The mock logs the key redacted; the entry is listed under this key, so this key was sent.
  assert.equal(sent.headers["x-user-api-key"], "[redacted]");
});

test("a payload without `event` is typed by the URL's event name", async () => {
  const before = (await sends()).length;
  const { event: _omitted, ...payload } = received("sin evento");
  const r = await delivery(RECEIVED, payload);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.replied, true);
  const sent = await sends();
  assert.equal(sent.length, before + 1);
  assert.deepEqual(sent.at(-1).body, { from_number: PY, to_number: MX, text: "Got it: sin evento" });
});

test("mock → Worker → mock: a subscribed hook URL gets a simulated inbound message, and the reply goes out", async () => {
  // Subscribed through the mock's 2Chat API, as a user subscribes the deployed Worker's URL.
  const hookUrl = `${base}/webhooks/${RECEIVED}?token=${HOOK_TOKEN}`;
  const sub = await fetch(`${MOCK}/open/webhooks/subscribe/${RECEIVED}`, {
    method: "POST",
    headers: { "x-user-api-key": API_KEY, "content-type": "application/json" },
    body: JSON.stringify({ hook_url: hookUrl, on_number: PY }),
  });
  assert.equal(sub.status, 200, await sub.text());

  const before = (await sends()).length;
  const sim = await mockCall(MOCK, "POST", "/__mock/simulate", { api_key: API_KEY, kind: "inbound_message", number: PY, from: MX, text: "desde el mock" });
  assert.equal(sim.status, 200, JSON.stringify(sim.body));
  const { body } = await mockCall(MOCK, "GET", `/__mock/deliveries?api_key=${encodeURIComponent(API_KEY)}&min=1&timeout_ms=10000`);
  assert.equal(body.deliveries.length, 1, JSON.stringify(body.deliveries));
  const [d] = body.deliveries;
  assert.deepEqual([d.event, d.skipped, d.error, d.status], [RECEIVED, null, null, 200], JSON.stringify(d));

  const sent = await sends();
  assert.equal(sent.length, before + 1);
  assert.deepEqual(sent.at(-1).body, { from_number: PY, to_number: MX, text: "Got it: desde el mock" });
  assert.equal(sent.at(-1).status, 200);
});

test("a wrong or missing token answers 401 and nothing reaches the mock", async () => {
  const before = (await requests()).length;
  for (const token of ["not-the-token", `${HOOK_TOKEN}x`, HOOK_TOKEN.slice(1), "", null]) {
    const r = await delivery(RECEIVED, received("let me in"), { token });
    assert.equal(r.status, 401, `token ${JSON.stringify(token)}`);
    assert.equal(r.json.ok, false);
  }
  // The token elsewhere than `token=` does not count either.
  const r = await worker(`/webhooks/${RECEIVED}?hook_token=${HOOK_TOKEN}`, { method: "POST", body: JSON.stringify(received("x")) });
  assert.equal(r.status, 401);
  assert.equal((await requests()).length, before);
});

test("a body that is not a JSON object answers 400 and sends nothing", async () => {
  const before = (await requests()).length;
  for (const body of ["not json", "{\"uuid\":", "", "[1,2]", "\"text\"", "\u0000\u00ff"]) {
    const r = await delivery(RECEIVED, body);
    assert.equal(r.status, 400, `body ${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.ok, false);
    assert.match(r.json.error, /^invalid_webhook: body/);
  }
  // A known field of the wrong type is refused too, naming it.
  const r = await delivery(RECEIVED, received("x", { remote_phone_number: 5215512345432 }));
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error, /remote_phone_number/);
  assert.equal((await requests()).length, before);
});

test("an unknown event name is acknowledged with 200 and no reply", async () => {
  const before = (await requests()).length;
  const r = await delivery("whatsapp.something.new", { uuid: "MSG-unknown", message: { text: "hi" }, remote_phone_number: MX, channel_phone_number: PY });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { ok: true, event: "whatsapp.something.new", replied: false });
  // Other known events are acknowledged and left alone as well.
  const sentEvent = await delivery("whatsapp.message.sent", received("from us", { event: "whatsapp.message.sent", sent_by: "api" }));
  assert.equal(sentEvent.status, 200, sentEvent.text);
  assert.equal(sentEvent.json.replied, false);
  assert.equal((await requests()).length, before);
});

test("messages the Worker must not answer: sent by the channel, without text, for another number, to itself", async () => {
  const before = (await requests()).length;
  for (const [why, payload] of [
    ["sent through the API (the auto-reply itself)", received("Got it: hola", { sent_by: "api" })],
    ["sent by an agent", received("hi", { sent_by: "agent" })],
    ["media, no text", received(undefined, { message: { media: { url: "https://example.com/a.jpg", type: "image" } } })],
    ["blank text", received("   ")],
    ["no remote number", received("hi", { remote_phone_number: undefined })],
    ["another channel's delivery", received("send this for me", { channel_phone_number: "+15550001111", remote_phone_number: "+15550002222" })],
    ["a note to self", received("note", { remote_phone_number: PY })],
  ]) {
    const r = await delivery(RECEIVED, payload);
    assert.equal(r.status, 200, `${why}: ${r.text}`);
    assert.equal(r.json.replied, false, why);
    assert.equal(typeof r.json.reason, "string", why);
  }
  assert.equal((await requests()).length, before, "nothing sent");
});

test("other methods and paths: GET on the hook answers 405, unknown paths 404", async () => {
  const before = (await requests()).length;
  const get = await worker(`/webhooks/${RECEIVED}?token=${HOOK_TOKEN}`);
  assert.equal(get.status, 405);
  assert.equal(get.headers.get("allow"), "POST");
  for (const method of ["PUT", "DELETE", "PATCH"]) {
    assert.equal((await worker(`/webhooks/${RECEIVED}?token=${HOOK_TOKEN}`, { method, body: "{}" })).status, 405, method);
  }
  assert.equal((await worker("/health", { method: "POST", body: "{}" })).status, 405);
  for (const [path, method] of [["/", "GET"], ["/", "POST"], ["/webhooks", "POST"], ["/webhooks/", "POST"], ["/webhooks/a/b", "POST"], ["/webhooks/%2e%2e", "POST"], ["/favicon.ico", "GET"]]) {
    const r = await worker(`${path}?token=${HOOK_TOKEN}`, { method, body: method === "POST" ? JSON.stringify(received("x")) : undefined });
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.equal(r.json.ok, false);
  }
  assert.equal((await requests()).length, before);
});

test("a reply 2Chat refuses answers 500 (so 2Chat delivers again), logged without secrets", async () => {
  const fault = await mockCall(MOCK, "POST", "/__mock/faults", { api_key: API_KEY, path: SEND_PATH, method: "POST", kind: "status", status: 503, count: 1 });
  assert.equal(fault.status, 201, JSON.stringify(fault.body));
  const before = (await sends()).length;
  const payload = received("fails first");
  const r = await delivery(RECEIVED, payload);
  assert.equal(r.status, 500, r.text);
  assert.deepEqual(r.json, { ok: false, error: "the reply could not be sent", code: "server_error" });
  assert.equal((await sends()).length, before + 1, "one attempt: a send answered 5xx is never repeated");
  await witness.waitFor(() => new RegExp(`replying to ${payload.uuid} failed: server_error`).test(witness.output), "the error log line");

  // 2Chat's redelivery is answered.
  const again = await delivery(RECEIVED, payload);
  assert.equal(again.status, 200, again.text);
  const sent = await sends();
  assert.equal(sent.length, before + 2);
  assert.deepEqual([sent.at(-1).body.text, sent.at(-1).status], ["Got it: fails first", 200]);
});

test("a Worker missing its bindings answers 500 and names them (not their values) in its log", async () => {
  const bare = new Miniflare(workerOptions({ TWOCHAT_BASE_URL: MOCK, HOOK_TOKEN }));
  try {
    const at = (await bare.ready).href.replace(/\/$/, "");
    const before = (await requests()).length;
    const r = await delivery(RECEIVED, received("anyone?"), { at });
    assert.equal(r.status, 500, r.text);
    assert.deepEqual(r.json, { ok: false, error: "the Worker is not configured" });
    await witness.waitFor(() => /set TWOCHAT_API_KEY and TWOCHAT_FROM_NUMBER/.test(witness.output), "the configuration log line");
    assert.equal((await requests()).length, before);
    // Without HOOK_TOKEN nothing is accepted at all.
    const noToken = new Miniflare(workerOptions({ ...BINDINGS, HOOK_TOKEN: "" }));
    try {
      const at2 = (await noToken.ready).href.replace(/\/$/, "");
      const r2 = await delivery(RECEIVED, received("x"), { at: at2, token: "" });
      assert.equal(r2.status, 500, r2.text);
    } finally {
      await noToken.dispose();
    }
  } finally {
    await bare.dispose();
  }
});

test("neither the Worker's answers nor its logs contain the API key or the hook token", () => {
  witness.assertNoLeak({ apiKey: API_KEY, hookToken: HOOK_TOKEN }, 30);
});
