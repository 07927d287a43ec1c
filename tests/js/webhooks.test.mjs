// Receiving webhooks: parseWebhook for every event, the WebhookRouter's answers, the Node
// adapter, routed subscriptions, and the whole loop with the mock delivering (TWOCHAT_MOCK_URL).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseWebhook, WebhookRouter, TwoChat, TwoChatError } from "../../pkg/index.mjs";

const MOCK = process.env.TWOCHAT_MOCK_URL;
const fixture = (name) => readFileSync(new URL(`../../../shared/fixtures/webhooks/${name}.json`, import.meta.url));
const TOKEN = "test-token-0123456789abcdef";

const EVENTS = [
  "whatsapp.message.new", "whatsapp.message.received", "whatsapp.message.sent", "whatsapp.message.reaction",
  "whatsapp.message.edited", "whatsapp.message.receipt.sent", "whatsapp.message.receipt.received",
  "whatsapp.message.receipt.read", "whatsapp.conversation.new", "whatsapp.order.received", "whatsapp.audio.transcribed",
  "whatsapp.call.received", "whatsapp.call.made", "whatsapp.group.message.received", "whatsapp.group.message.reaction",
  "whatsapp.group.join", "whatsapp.group.leave", "whatsapp.group.remove", "whatsapp.number.status",
  "whatsapp.waba.message.sent", "whatsapp.waba.message.receipt.sent", "whatsapp.waba.message.receipt.received",
  "whatsapp.waba.message.received", "call.status.update", "call.incoming.completed", "call.outbound.completed",
  "call.outgoing.completed",
];

// A payload of each family, built as the spec shows (the docs show several only in part).
function payloadFor(event) {
  if (event.startsWith("call.")) {
    return { uuid: "CDR8612", account_uuid: "ACC91be", callid: "e73d8d61", direction: "I", active: true, from: "+525512345555",
      iso_country_code: "MX", received_on_number: "+525644448888", received_on_number_uuid: "DID1a42", is_toll_free: false,
      status: "ANSWERED", created_at: "2025-10-25T02:55:28Z", updated_at: "2025-10-25T02:55:36Z", duration: 8,
      start_time: "2025-10-25 02:55:28", end_time: null, recording_url: null, contact: { uuid: "CONe9b3", first_name: "Juan" } };
  }
  if (/group\.(join|leave|remove)$/.test(event)) {
    return { uuid: "MSGg1", type: event.split(".").pop(), created_at: "2024-07-05T19:21:51", channel_phone_number: "+595981461442",
      group: { uuid: "WAG1", wa_group_name: "Team" }, participant: { phone_number: "+5215533334444", contact: null, pushname: "Ana" } };
  }
  if (event === "whatsapp.number.status") return { uuid: "EVT1", status: "qr-received", qr_code: "2@abc", created_at: 1710021608 };
  if (event === "whatsapp.call.received" || event === "whatsapp.call.made") return { uuid: "MSGc1", created_at: "2024-03-09T22:00:08" };
  return { id: "MSG58fa", uuid: "MSG58fa", session_key: "WW-WPN3281-5215533334444@c.us", message: { text: "hello" },
    created_at: "2024-07-05T19:21:51", remote_phone_number: "+5215533334444", channel_phone_number: "+595981461442",
    sent_by: "user", time_period: event === "whatsapp.conversation.new" ? "all-time" : undefined };
}

describe("parseWebhook", () => {
  test("every one of the 27 event names parses to its own kind, named by the payload or the route", () => {
    for (const event of EVENTS) {
      const byField = parseWebhook({ ...payloadFor(event), event });
      assert.equal(byField.event, event);
      assert.equal(byField.name, event);
      const byRoute = parseWebhook(JSON.stringify(payloadFor(event)), { event });
      assert.equal(byRoute.event, event, `${event} named by the route`);
      assert.ok(byRoute.uuid, event);
      assert.equal(typeof byRoute.createdAt, "number", event);
    }
  });

  test("the documented fixtures", () => {
    const media = parseWebhook(fixture("whatsapp.message.received.media"), { event: "whatsapp.message.received" });
    assert.equal(media.event, "whatsapp.message.received");
    assert.equal(media.payload.message.media.mime_type, "image/jpeg");
    assert.equal(media.payload.contact.first_name, "Johny");
    assert.equal(media.createdAt, Date.UTC(2023, 3, 18, 22, 17, 50));
    const order = parseWebhook(fixture("whatsapp.order.received").toString("utf8"), { event: "whatsapp.order.received" });
    assert.equal(order.payload.message.order.products.length, 2);
    assert.equal(order.payload.contact.first_name, null);
    assert.equal(order.createdAt, Date.UTC(2024, 2, 9, 22, 0, 8), "ISO without a zone is UTC");
    assert.equal(order.timestamps["message.order.created_at"], 1710021608000, "epoch seconds");
    const waba = parseWebhook(JSON.parse(fixture("whatsapp.waba.message.sent")));
    assert.equal(waba.event, "whatsapp.waba.message.sent", "named by its own event field");
    assert.equal(waba.timestamps["channel.created_at"], Date.UTC(2025, 10, 19, 23, 4, 18), "YYYY-MM-DD HH:MM:SS");
    assert.equal(waba.timestamps["contact.last_updated"], Date.UTC(2026, 0, 5, 13, 3, 43));
  });

  test("an unknown event is never an error and keeps its payload", () => {
    const e = parseWebhook({ event: "whatsapp.message.teleported", uuid: "X1", anything: [1, { deep: true }] });
    assert.equal(e.event, "unknown");
    assert.equal(e.name, "whatsapp.message.teleported");
    assert.deepEqual(e.payload.anything, [1, { deep: true }]);
    const nameless = parseWebhook("{}");
    assert.equal(nameless.event, "unknown");
    assert.equal(nameless.name, null);
  });

  test("bodies as string, Uint8Array, ArrayBuffer or object; every field kept", () => {
    const p = { ...payloadFor("whatsapp.message.received"), brand_new_field: { x: [1, 2] } };
    const text = JSON.stringify(p);
    for (const body of [text, new TextEncoder().encode(text), new TextEncoder().encode(text).buffer, p]) {
      const e = parseWebhook(body, { event: "whatsapp.message.received" });
      assert.deepEqual(e.payload.brand_new_field, { x: [1, 2] });
      assert.equal(e.payload.message.text, "hello");
    }
  });

  test("contact absent, null or full of nulls; every timestamp format", () => {
    for (const contact of [undefined, null, { first_name: null, last_name: null, profile_pic_url: null }]) {
      parseWebhook({ ...payloadFor("whatsapp.message.received"), contact }, { event: "whatsapp.message.received" });
    }
    const z = Date.UTC(2023, 3, 17, 18, 50, 50);
    for (const [created_at, want] of [["2023-04-17T18:50:50Z", z], ["2023-04-17T18:50:50", z], ["2023-04-17 18:50:50", z],
      ["2023-04-17T18:50:50.318000", z + 318], ["2023-04-17T18:50:50+00:00", z], [1681757450, z], [1681757450.0, z], [null, null]]) {
      assert.equal(parseWebhook({ created_at }, { event: "whatsapp.message.new" }).createdAt, want, String(created_at));
    }
  });

  test("very long texts and any Unicode", () => {
    const text = "👋 ñ 中文 \u0000 ".repeat(100_000);
    const e = parseWebhook(JSON.stringify({ message: { text } }), { event: "whatsapp.message.received" });
    assert.equal(e.payload.message.text, text);
  });

  test("bad payloads are invalid_webhook errors naming the field path", () => {
    for (const [body, start] of [
      ["not json", "body: is not JSON"], ["", "body: is empty"], ["[1,2]", "body: must be a JSON object"], ["42", "body: must be a JSON object"],
      [new Uint8Array([0xff, 0xfe]), "body: is not UTF-8"], [42, "body: must be a string"], [null, "body: must be a string"],
      [JSON.stringify({ message: { text: 5 } }), "message.text: must be a string"],
      [JSON.stringify({ contact: "Ana" }), "contact: must be an object"],
      [JSON.stringify({ created_at: {} }), "created_at: must be a timestamp"],
      [JSON.stringify({ message: { order: { products: [{ price: "1" }] } } }), "message.order.products[0].price: must be a number"],
    ]) {
      assert.throws(() => parseWebhook(body, { event: "whatsapp.message.received" }), (e) => {
        assert.ok(e instanceof TwoChatError, String(e));
        assert.equal(e.code, "invalid_webhook");
        assert.ok(e.message.startsWith(start), `${e.message} (wanted ${start})`);
        return true;
      });
    }
    assert.throws(() => parseWebhook(JSON.stringify({ duration: "8" }), { event: "call.incoming.completed" }), /duration: must be a number/);
  });

  test("random bytes never crash the module", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 3000; i++) {
      const bytes = new Uint8Array(Math.floor(rnd() * 64)).map(() => Math.floor(rnd() * 256));
      try { parseWebhook(bytes); } catch (e) { assert.equal(e.code, "invalid_webhook"); }
    }
    assert.equal(parseWebhook("{}").event, "unknown", "the module still works");
  });
});

function post(path, body, { token = TOKEN, type = "application/json", method = "POST", headers = {} } = {}) {
  const url = `https://hooks.example/2chat${path}${token === null ? "" : `?token=${token}`}`;
  return new Request(url, { method, headers: { "content-type": type, ...headers }, body: method === "GET" ? undefined : body });
}

describe("WebhookRouter", () => {
  test("answers per the status table", async () => {
    const router = new WebhookRouter({ token: TOKEN, maxBodyBytes: 1024 });
    const seen = [];
    router.on("whatsapp.message.received", (e) => seen.push(e.payload.message.text));
    const body = JSON.stringify({ uuid: "MSG-ok", message: { text: "hi" } });
    const cases = [
      [post("/whatsapp.message.received", body, { method: "GET" }), 405],
      [post("/whatsapp.message.received", body, { method: "PUT" }), 405],
      [post("/whatsapp.message.received", body, { token: null }), 401],
      [post("/whatsapp.message.received", body, { token: "test-token-0123456789abcdeX" }), 401],
      [post("/whatsapp.message.received", body, { type: "text/plain" }), 415],
      [post("/whatsapp.message.received", "x".repeat(2000)), 413],
      [post("/whatsapp.message.received", "{ nope"), 400],
      [post("/whatsapp.message.received", JSON.stringify({ message: { text: 1 } })), 400],
      [post("/whatsapp.message.received", body), 200],
    ];
    for (const [req, status] of cases) {
      const res = await router.handle(req);
      assert.equal(res.status, status, `${req.method} ${req.url} ${req.headers.get("content-type")}`);
      assert.equal(res.headers.get("content-type"), "application/json");
    }
    assert.deepEqual(seen, ["hi"], "handlers ran once, for the valid delivery only");
    assert.equal((await router.handle(post("/x", body, { method: "GET" }))).headers.get("allow"), "POST");
  });

  test("a declared Content-Length above the limit is refused before reading", async () => {
    const router = new WebhookRouter({ maxBodyBytes: 10 });
    const res = await router.handle(post("/whatsapp.message.new", "{}", { headers: { "content-length": "999999" } }));
    assert.equal(res.status, 413);
  });

  test("the default limit is 1 MiB", async () => {
    const router = new WebhookRouter();
    const big = JSON.stringify({ message: { text: "x".repeat(1024 * 1024) } });
    assert.equal((await router.handle(post("/whatsapp.message.new", big))).status, 413);
    const fits = JSON.stringify({ message: { text: "x".repeat(1000 * 1000) } });
    assert.equal((await router.handle(post("/whatsapp.message.new", fits))).status, 200);
  });

  test("a throwing handler answers 500, reports to onError, and the delivery can run again", async () => {
    const router = new WebhookRouter({ token: TOKEN });
    const errors = [];
    let fail = true;
    let runs = 0;
    router.on("whatsapp.message.received", async () => {
      runs++;
      if (fail) throw new Error("database down");
    });
    router.onError((err, event) => errors.push([err.message, event.uuid]));
    const body = JSON.stringify({ uuid: "MSG-retry", message: { text: "x" } });
    assert.equal((await router.handle(post("/whatsapp.message.received", body))).status, 500);
    assert.deepEqual(errors, [["database down", "MSG-retry"]]);
    fail = false;
    assert.equal((await router.handle(post("/whatsapp.message.received", body))).status, 200, "2Chat's retry runs the handlers");
    assert.equal((await router.handle(post("/whatsapp.message.received", body))).status, 200, "then it is a duplicate");
    assert.equal(runs, 2);
  });

  test("duplicates within the window are acknowledged without running handlers; the window is bounded", async () => {
    const router = new WebhookRouter({ dedupeCapacity: 2 });
    let runs = 0;
    router.onAny(() => runs++);
    const send = (uuid) => router.handle(post("/whatsapp.message.new", JSON.stringify({ uuid }), { token: null }));
    for (const uuid of ["A", "A", "B", "A", "C", "D", "A"]) assert.equal((await send(uuid)).status, 200);
    assert.equal(runs, 5, "A, B, C, D, then A again once forgotten");
    const busy = new WebhookRouter();
    let release;
    busy.onAny(() => new Promise((r) => (release = r)));
    const first = busy.handle(post("/whatsapp.message.new", JSON.stringify({ uuid: "Z" }), { token: null }));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal((await busy.handle(post("/whatsapp.message.new", JSON.stringify({ uuid: "Z" }), { token: null }))).status, 409);
    release();
    assert.equal((await first).status, 200);
  });

  test("on, onAny, off; the event name comes from the payload or the route", async () => {
    const router = new WebhookRouter();
    const log = [];
    const a = (e) => log.push(`a:${e.event}`);
    const b = (e) => log.push(`b:${e.event}`);
    router.on(["whatsapp.message.received", "whatsapp.message.new"], a);
    router.on("call.incoming.completed", b);
    router.onAny((e) => log.push(`any:${e.name}`));
    const send = (path, payload) => router.handle(post(path, JSON.stringify(payload), { token: null }));
    await send("/whatsapp.message.received", { message: { text: "x" } });
    await send("/anything", { event: "whatsapp.message.new" });
    await send("/call.incoming.completed", { uuid: "CDR1", direction: "I" });
    await send("/hooks", { event: "brand.new.event" });
    router.off("whatsapp.message.new", a);
    await send("/whatsapp.message.new", {});
    router.off(b);
    await send("/call.incoming.completed", { uuid: "CDR2" });
    assert.deepEqual(log, [
      "a:whatsapp.message.received", "any:whatsapp.message.received", "a:whatsapp.message.new", "any:whatsapp.message.new",
      "b:call.incoming.completed", "any:call.incoming.completed", "any:brand.new.event", "any:whatsapp.message.new",
      "any:call.incoming.completed",
    ]);
  });

  test("bad options and tokens are refused", () => {
    assert.throws(() => new WebhookRouter({ token: "short" }), /token: must be at least 16/);
    assert.throws(() => new WebhookRouter({ token: "has spaces in it ok" }), /token: may contain only/);
    assert.throws(() => new WebhookRouter({ maxBody: 1 }), /maxBody: is not a known option/);
    const t = WebhookRouter.generateToken();
    assert.match(t, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(t, WebhookRouter.generateToken());
    assert.equal(WebhookRouter.hookUrl("https://w.example/h/", "whatsapp.message.new", t), `https://w.example/h/whatsapp.message.new?token=${t}`);
  });

  test("the Node adapter serves the same answers over http.createServer", async () => {
    const router = new WebhookRouter({ token: TOKEN, maxBodyBytes: 256 });
    const got = [];
    router.on("whatsapp.message.received", (e) => got.push(e.payload.message.text));
    const server = createServer(router.nodeListener());
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${server.address().port}/hooks`;
    try {
      const ok = await fetch(`${base}/whatsapp.message.received?token=${TOKEN}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ uuid: "N1", message: { text: "via node" } }) });
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { ok: true, message: "handled" });
      const big = await fetch(`${base}/whatsapp.message.received?token=${TOKEN}`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(1000) });
      assert.equal(big.status, 413);
      const wrong = await fetch(`${base}/whatsapp.message.received?token=nope`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      assert.equal(wrong.status, 401);
      assert.equal((await fetch(base)).status, 405);
      assert.deepEqual(got, ["via node"]);
    } finally {
      server.close();
    }
  });
});

describe("routed subscriptions and the mock's deliveries", () => {
  async function account() {
    const api_key = `UAK-hooks-${Math.random().toString(36).slice(2)}`;
    const r = await fetch(`${MOCK}/__mock/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key }) });
    assert.equal(r.status, 201);
    return { api_key, client: new TwoChat({ apiKey: api_key, baseUrl: MOCK }) };
  }

  test("subscribe with a router builds the hook URL the router understands", async () => {
    const { api_key, client } = await account();
    const sub = await client.webhooks.subscribe("whatsapp.message.received", { router: { url: "https://hooks.example/2chat", token: TOKEN }, on_number: "+595981048477" });
    assert.equal(sub.data.hook_url, `https://hooks.example/2chat/whatsapp.message.received?token=${TOKEN}`);
    const log = await (await fetch(`${MOCK}/__mock/requests?api_key=${api_key}`)).json();
    assert.deepEqual(log.requests[0].body, { hook_url: `https://hooks.example/2chat/whatsapp.message.received?token=${TOKEN}`, on_number: "+595981048477" });
  });

  test("an inbound message travels mock → router → typed handler", async () => {
    const { api_key, client } = await account();
    const router = new WebhookRouter({ token: TOKEN });
    const received = [];
    router.on("whatsapp.message.received", (e) => received.push(e));
    router.on("whatsapp.message.sent", (e) => received.push(e));
    const server = createServer(router.nodeListener());
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${server.address().port}/hooks`;
    try {
      for (const event of ["whatsapp.message.received", "whatsapp.message.sent"]) {
        await client.webhooks.subscribe(event, { router: { url, token: TOKEN }, on_number: "+595981048477" });
      }
      const sim = await fetch(`${MOCK}/__mock/simulate`, { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ api_key, kind: "inbound_message", number: "+595981048477", from: "+5215512345432", text: "¿hola?" }) });
      assert.equal(sim.status, 200, await sim.text());
      await client.messages.send({ from_number: "+595981048477", to_number: "+5215512345432", text: "¡hola!" });
      const deliveries = await (await fetch(`${MOCK}/__mock/deliveries?api_key=${api_key}&min=2&timeout_ms=5000`)).json();
      assert.ok(deliveries.deliveries.every((d) => d.status === 200), JSON.stringify(deliveries));
      const byEvent = Object.fromEntries(received.map((e) => [e.event, e]));
      assert.equal(byEvent["whatsapp.message.received"].payload.message.text, "¿hola?");
      assert.equal(byEvent["whatsapp.message.received"].payload.sent_by, "user");
      assert.equal(byEvent["whatsapp.message.sent"].payload.message.text, "¡hola!");
      assert.equal(typeof byEvent["whatsapp.message.sent"].createdAt, "number");
    } finally {
      server.close();
    }
  });
});
