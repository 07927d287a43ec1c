// Receiving webhooks: parseWebhook for every event, the WebhookRouter's answers, the Node
// adapter, routed subscriptions, and the whole loop with the mock delivering (TWOCHAT_MOCK_URL).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseWebhook, WebhookRouter, TwoChat, TwoChatError, wasmMemoryBytes } from "../../pkg/index.mjs";
import { closeServer, countingStream, listen, upload } from "./support/upload.mjs";
import { MOCK, received as requestsOf, register } from "./mock.mjs";

const fixture = (name) => readFileSync(new URL(`../../../shared/fixtures/webhooks/${name}.json`, import.meta.url));
const TOKEN = "test-token-0123456789abcdef";
const T = { timeout: 15_000 };
const MiB = 1024 * 1024;

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
  test("every one of the 27 event names parses to its own kind, named by the payload or the route", T, () => {
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

  test("the documented fixtures", T, () => {
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

  test("an unknown event is never an error and keeps its payload", T, () => {
    const e = parseWebhook({ event: "whatsapp.message.teleported", uuid: "X1", anything: [1, { deep: true }] });
    assert.equal(e.event, "unknown");
    assert.equal(e.name, "whatsapp.message.teleported");
    assert.deepEqual(e.payload.anything, [1, { deep: true }]);
    const nameless = parseWebhook("{}");
    assert.equal(nameless.event, "unknown");
    assert.equal(nameless.name, null);
  });

  test("bodies as string, Uint8Array, ArrayBuffer or object; every field kept", T, () => {
    const p = { ...payloadFor("whatsapp.message.received"), brand_new_field: { x: [1, 2] } };
    const text = JSON.stringify(p);
    for (const body of [text, new TextEncoder().encode(text), new TextEncoder().encode(text).buffer, p]) {
      const e = parseWebhook(body, { event: "whatsapp.message.received" });
      assert.deepEqual(e.payload.brand_new_field, { x: [1, 2] });
      assert.equal(e.payload.message.text, "hello");
    }
  });

  test("contact absent, null or full of nulls; every timestamp format", T, () => {
    for (const contact of [undefined, null, { first_name: null, last_name: null, profile_pic_url: null }]) {
      const e = parseWebhook({ ...payloadFor("whatsapp.message.received"), contact }, { event: "whatsapp.message.received" });
      assert.equal(e.event, "whatsapp.message.received");
      assert.deepEqual(e.payload.contact, contact, "the contact is handed back as sent");
      assert.equal(typeof e.createdAt, "number");
    }
    const z = Date.UTC(2023, 3, 17, 18, 50, 50);
    for (const [created_at, want] of [["2023-04-17T18:50:50Z", z], ["2023-04-17T18:50:50", z], ["2023-04-17 18:50:50", z],
      ["2023-04-17T18:50:50.318000", z + 318], ["2023-04-17T18:50:50+00:00", z], [1681757450, z], [1681757450.0, z], [null, null]]) {
      assert.equal(parseWebhook({ created_at }, { event: "whatsapp.message.new" }).createdAt, want, String(created_at));
    }
  });

  test("very long texts and any Unicode", T, () => {
    const text = "👋 ñ 中文 \u0000 ".repeat(100_000);
    const e = parseWebhook(JSON.stringify({ message: { text } }), { event: "whatsapp.message.received" });
    assert.equal(e.payload.message.text, text);
  });

  test("bad payloads are invalid_webhook errors naming the field path", T, () => {
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

  test("random bytes never crash the module", T, () => {
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
  test("answers per the status table", T, async () => {
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

  test("a Request whose reads throw rejects the delivery's promise, and leaves the router usable and freeable", T, async () => {
    const router = new WebhookRouter({ token: TOKEN });
    // Passes `instanceof Request`, but every getter of Request.prototype throws on it.
    const spoof = Object.create(Request.prototype);
    let settled;
    assert.doesNotThrow(() => {
      settled = router.handle(spoof).then(
        (r) => ({ status: r.status }),
        (e) => ({ error: e }),
      );
    });
    const outcome = await settled;
    assert.ok(outcome.error !== undefined || outcome.status === 400, JSON.stringify(outcome));
    assert.equal((await router.handle(post("/whatsapp.message.received", JSON.stringify({ message: { text: "x" } })))).status, 200);
    assert.doesNotThrow(() => router.free(), "the router is not left borrowed");
  });

  test("a declared Content-Length above the limit is refused before reading", T, async () => {
    const router = new WebhookRouter({ token: TOKEN, maxBodyBytes: 10 });
    const res = await router.handle(post("/whatsapp.message.new", "{}", { headers: { "content-length": "999999" } }));
    assert.equal(res.status, 413);
  });

  test("the default limit is 1 MiB", T, async () => {
    const router = new WebhookRouter({ token: TOKEN });
    const big = JSON.stringify({ message: { text: "x".repeat(1024 * 1024) } });
    assert.equal((await router.handle(post("/whatsapp.message.new", big))).status, 413);
    const fits = JSON.stringify({ message: { text: "x".repeat(1000 * 1000) } });
    assert.equal((await router.handle(post("/whatsapp.message.new", fits))).status, 200);
  });

  test("a throwing handler answers 500, reports to onError, and the delivery can run again", T, async () => {
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

  test("an error goes to the reporters registered when its reporting began, even if one removes itself", T, async () => {
    const router = new WebhookRouter({ token: TOKEN });
    const calls = [];
    router.on("whatsapp.message.received", () => {
      throw new Error("database down");
    });
    const once = async (err) => {
      calls.push(["once", err.message]);
      router.off(once);
      await null;
    };
    router.onError(once);
    router.onError((err) => calls.push(["always", err.message]));
    const send = (uuid) => router.handle(post("/whatsapp.message.received", JSON.stringify({ uuid, message: { text: "x" } })));
    assert.equal((await send("MSG-off-1")).status, 500);
    assert.deepEqual(calls, [["once", "database down"], ["always", "database down"]], "the second reporter is not skipped");
    assert.equal((await send("MSG-off-2")).status, 500);
    assert.deepEqual(calls.slice(2), [["always", "database down"]], "the removed reporter is gone for the next delivery");
  });

  test("duplicates within the window are acknowledged without running handlers; the window is bounded", T, async () => {
    const router = new WebhookRouter({ token: TOKEN, dedupeCapacity: 2 });
    let runs = 0;
    router.onAny(() => runs++);
    const send = (uuid) => router.handle(post("/whatsapp.message.new", JSON.stringify({ uuid })));
    for (const uuid of ["A", "A", "B", "A", "C", "D", "A"]) assert.equal((await send(uuid)).status, 200);
    assert.equal(runs, 5, "A, B, C, D, then A again once forgotten");
    const busy = new WebhookRouter({ token: TOKEN });
    let release;
    let entered;
    const inHandler = new Promise((r) => (entered = r));
    busy.onAny(() => {
      entered();
      return new Promise((r) => (release = r));
    });
    const first = busy.handle(post("/whatsapp.message.new", JSON.stringify({ uuid: "Z" })));
    await inHandler;
    assert.equal((await busy.handle(post("/whatsapp.message.new", JSON.stringify({ uuid: "Z" })))).status, 409);
    release();
    assert.equal((await first).status, 200);
  });

  test("dedupeWindowMs: a delivery is a duplicate inside the window and runs again once it has passed", T, async () => {
    const router = new WebhookRouter({ token: TOKEN, dedupeWindowMs: 50 });
    let runs = 0;
    router.onAny(() => runs++);
    const send = async () => (await (await router.handle(post("/whatsapp.message.new", JSON.stringify({ uuid: "W1" })))).json()).message;
    assert.equal(await send(), "handled");
    assert.equal(await send(), "duplicate delivery: already handled");
    // The window is what passes here (not a synchronisation): four times its length.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await send(), "handled", "remembered past its window");
    assert.equal(runs, 2);
    assert.throws(() => new WebhookRouter({ token: TOKEN, dedupeWindowMs: -1 }), { code: "invalid_input", message: /^dedupeWindowMs: / });
  });

  test("on, onAny, off; the event name comes from the payload or the route", T, async () => {
    const router = new WebhookRouter({ token: TOKEN });
    const log = [];
    const a = (e) => log.push(`a:${e.event}`);
    const b = (e) => log.push(`b:${e.event}`);
    router.on(["whatsapp.message.received", "whatsapp.message.new"], a);
    router.on("call.incoming.completed", b);
    router.onAny((e) => log.push(`any:${e.name}`));
    const send = async (path, payload) => assert.equal((await router.handle(post(path, JSON.stringify(payload)))).status, 200, path);
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

  test("bad options and tokens are refused", T, () => {
    assert.throws(() => new WebhookRouter({ token: "short" }), /token: must be at least 16/);
    assert.throws(() => new WebhookRouter({ token: "has spaces in it ok" }), /token: may contain only/);
    assert.throws(() => new WebhookRouter({ maxBody: 1 }), /maxBody: is not a known option/);
    const t = WebhookRouter.generateToken();
    assert.match(t, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(t, WebhookRouter.generateToken());
    assert.equal(WebhookRouter.hookUrl("https://w.example/h/", "whatsapp.message.new", t), `https://w.example/h/whatsapp.message.new?token=${t}`);
  });

  test("the Node adapter serves the same answers over http.createServer", T, async () => {
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
      await closeServer(server);
    }
  });
});

describe("WebhookRouter: authentication is required", () => {
  test("a router without a token is refused unless allowUnauthenticated is set, and never both", T, async () => {
    for (const options of [undefined, {}, { allowUnauthenticated: false }, { maxBodyBytes: 1024 }]) {
      assert.throws(() => new WebhookRouter(options), (e) => {
        assert.ok(e instanceof TwoChatError, String(e));
        assert.equal(e.code, "invalid_input");
        assert.ok(e.message.startsWith("token: is required"), e.message);
        return true;
      }, JSON.stringify(options));
    }
    assert.throws(() => new WebhookRouter({ allowUnauthenticated: true, token: TOKEN }), (e) => {
      assert.equal(e.code, "invalid_input");
      assert.match(e.message, /^allowUnauthenticated: cannot be combined with a token/);
      return true;
    });
    // Opting out explicitly gives a router that takes deliveries without a token.
    const open = new WebhookRouter({ allowUnauthenticated: true });
    const seen = [];
    open.on("whatsapp.message.received", (e) => seen.push(e.uuid));
    const res = await open.handle(post("/whatsapp.message.received", JSON.stringify({ uuid: "OPEN1" }), { token: null }));
    assert.equal(res.status, 200);
    assert.deepEqual(seen, ["OPEN1"]);
  });
});

describe("WebhookRouter: bodies are read through their stream and cut off at the limit", () => {
  const url = (token) => `https://hooks.example/2chat/whatsapp.message.new?token=${token}`;
  const streamed = (token, s, headers = {}) =>
    new Request(url(token), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: s.stream, duplex: "half" });

  test("a 50 MiB chunked body with the right token: 413 after reading about the limit, stream cancelled, little memory", T, async () => {
    const router = new WebhookRouter({ token: TOKEN, maxBodyBytes: MiB });
    let runs = 0;
    router.onAny(() => runs++);
    const s = countingStream(50 * MiB);
    const before = process.memoryUsage().arrayBuffers;
    const res = await router.handle(streamed(TOKEN, s));
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), { ok: false, message: "body too large" });
    // 1 MiB in 64 KiB chunks is 16 chunks; the 17th passes the limit.
    assert.ok(s.pulls <= MiB / (64 * 1024) + 2, `${s.pulls} pulls (${s.produced} bytes produced) for a 1 MiB limit`);
    assert.ok(s.produced <= MiB + 2 * 64 * 1024, `${s.produced} bytes produced`);
    assert.equal(await s.cancelled, true, "the router cancels the stream");
    assert.ok(grown < 8 * MiB, `array buffers grew by ${(grown / MiB).toFixed(1)} MiB for a 1 MiB limit`);
    assert.equal(runs, 0);
  });

  test("a wrong token, a wrong content type or a declared oversize body is answered without pulling the body at all", T, async () => {
    const router = new WebhookRouter({ token: TOKEN, maxBodyBytes: MiB });
    let runs = 0;
    router.onAny(() => runs++);
    for (const [token, headers, status] of [
      ["test-token-0123456789abcdeX", {}, 401],
      [TOKEN, { "content-type": "text/plain" }, 415],
      [TOKEN, { "content-length": String(50 * MiB) }, 413],
    ]) {
      const s = countingStream(50 * MiB);
      const res = await router.handle(streamed(token, s, headers));
      assert.equal(res.status, status, JSON.stringify(headers));
      assert.equal(s.pulls, 0, `${status}: the body was not pulled`);
      assert.equal(s.produced, 0);
    }
    assert.equal(runs, 0);
  });
});

describe("WebhookRouter.nodeListener streams the upload", () => {
  const LIMIT = MiB;

  async function serve() {
    const router = new WebhookRouter({ token: TOKEN, maxBodyBytes: LIMIT });
    const handled = [];
    router.onAny((e) => handled.push(e.uuid));
    const listener = router.nodeListener();
    const requests = [];
    const server = createServer((req, res) => {
      requests.push(req);
      listener(req, res);
    });
    const base = await listen(server);
    return { server, base, handled, requests };
  }

  test("method, token, Content-Type and Content-Length are checked before the body is read; the upload is not drained", T, async () => {
    const { server, base, handled, requests } = await serve();
    try {
      const hook = `${base}/hooks/whatsapp.message.new`;
      const chunked = { "content-type": "application/json", "transfer-encoding": "chunked" };
      for (const [label, url, options, status] of [
        ["wrong token", `${hook}?token=nope-nope-nope-nope`, { headers: chunked }, 401],
        ["no token", hook, { headers: chunked }, 401],
        ["not JSON", `${hook}?token=${TOKEN}`, { headers: { ...chunked, "content-type": "text/plain" } }, 415],
        ["PUT", `${hook}?token=${TOKEN}`, { method: "PUT", headers: chunked }, 405],
        ["declared 64 MiB", `${hook}?token=${TOKEN}`, { headers: { "content-type": "application/json", "content-length": String(64 * MiB) } }, 413],
      ]) {
        const total = 64 * MiB;
        const out = await upload(url, { ...options, total });
        assert.equal(out.status, status, `${label}: ${out.error?.code ?? ""} ${out.body}`);
        assert.equal(out.completed, false, `${label}: the upload was cut off`);
        assert.ok(out.written < total / 4, `${label}: ${out.written} of ${total} bytes written before the server closed`);
        const read = requests.at(-1).socket.bytesRead;
        assert.ok(read < LIMIT / 2, `${label}: the server read ${read} bytes of a ${total}-byte upload`);
      }
      assert.deepEqual(handled, []);
      // The server survives and still takes a good delivery.
      const ok = await fetch(`${hook}?token=${TOKEN}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ uuid: "AFTER" }) });
      assert.equal(ok.status, 200);
      assert.deepEqual(handled, ["AFTER"]);
    } finally {
      await closeServer(server);
    }
  });

  test("a chunked upload over the limit with the right token is cut off and answered 413; the server survives", T, async () => {
    const { server, base, handled, requests } = await serve();
    try {
      const hook = `${base}/hooks/whatsapp.message.new?token=${TOKEN}`;
      const total = 64 * MiB;
      const out = await upload(hook, { headers: { "content-type": "application/json", "transfer-encoding": "chunked" }, total });
      assert.equal(out.completed, false, "the upload was cut off");
      assert.ok(out.written < total / 4, `${out.written} of ${total} bytes written before the server closed`);
      const read = requests.at(-1).socket.bytesRead;
      assert.ok(read < LIMIT + MiB, `the server read ${read} bytes for a ${LIMIT}-byte limit`);
      assert.deepEqual(handled, []);
      const ok = await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ uuid: "AFTER" }) });
      assert.equal(ok.status, 200, "the server survives");
      assert.deepEqual(handled, ["AFTER"]);
      // What the sender is told.
      assert.equal(out.status, 413, `the client saw ${out.status === null ? `no answer (${out.error?.code})` : out.status}`);
      assert.match(out.body, /body too large/);
    } finally {
      await closeServer(server);
    }
  });
});

describe("WebhookRouter: de-duplication", () => {
  const deliver = (router, payload, event = "whatsapp.message.new") =>
    router.handle(post(`/${event}`, typeof payload === "string" ? payload : JSON.stringify(payload)));

  test("memory is bounded in bytes: 200 distinct 512 KiB uuids grow wasm memory far less than 100 MiB; a repeat is still a duplicate", { timeout: 60_000 }, async () => {
    const router = new WebhookRouter({ token: TOKEN, maxBodyBytes: 2 * MiB });
    const runs = new Map();
    router.onAny((e) => runs.set(e.uuid, (runs.get(e.uuid) ?? 0) + 1));
    const long = (i) => `${String(i).padStart(8, "0")}${"u".repeat(512 * 1024 - 8)}`;
    const before = wasmMemoryBytes();
    for (let i = 0; i < 200; i++) {
      const res = await deliver(router, { uuid: long(i) });
      assert.equal(res.status, 200, `delivery ${i}`);
    }
    const grown = wasmMemoryBytes() - before;
    assert.ok(grown < 16 * MiB, `wasm memory grew by ${(grown / MiB).toFixed(1)} MiB`);
    assert.equal(runs.size, 200);
    const again = await deliver(router, { uuid: long(7) });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { ok: true, message: "duplicate delivery: already handled" });
    assert.equal(runs.get(long(7)), 1, "the handlers ran once for that uuid");
    assert.equal([...runs.values()].reduce((a, b) => a + b, 0), 200);
  });

  class MapStore {
    constructor() {
      this.claims = new Map();
      this.calls = [];
    }
    claim(key, ttlMs) {
      this.calls.push(["claim", key, ttlMs]);
      if (this.claims.has(key)) return false;
      this.claims.set(key, ttlMs);
      return true;
    }
    release(key) {
      this.calls.push(["release", key]);
      this.claims.delete(key);
    }
  }

  class AsyncMapStore extends MapStore {
    async claim(key, ttlMs) {
      await null;
      return super.claim(key, ttlMs);
    }
    async release(key) {
      await null;
      super.release(key);
    }
  }

  for (const Store of [MapStore, AsyncMapStore]) {
    test(`a ${Store === MapStore ? "sync" : "async"} store: claim(uuid or #hash, window), false is a duplicate, a failure releases`, T, async () => {
      const store = new Store();
      const router = new WebhookRouter({ token: TOKEN, dedupe: store, dedupeWindowMs: 120_000 });
      const runs = [];
      let fail = false;
      router.on("whatsapp.message.new", (e) => {
        runs.push(e.uuid);
        if (fail) throw new Error("handler down");
      });
      const errors = [];
      router.onError((err, e) => errors.push([err.message, e.uuid]));

      assert.equal((await deliver(router, { uuid: "MSG-1" })).status, 200);
      assert.deepEqual(store.calls, [["claim", "MSG-1", 120_000]], "claimed under the uuid, for the window");
      const dup = await deliver(router, { uuid: "MSG-1" });
      assert.equal(dup.status, 200, "a false claim is acknowledged");
      assert.deepEqual(await dup.json(), { ok: true, message: "duplicate delivery: already handled" });
      assert.deepEqual(runs, ["MSG-1"], "without running the handlers");

      // Longer than 64 characters: claimed under a fixed-size hash of the uuid.
      const long = `MSG-${"x".repeat(200)}`;
      store.calls.length = 0;
      assert.equal((await deliver(router, { uuid: long })).status, 200);
      assert.equal(store.calls.length, 1);
      const [, key, ttl] = store.calls[0];
      assert.match(key, /^#[0-9a-f]{32}$/);
      assert.equal(ttl, 120_000);
      assert.equal((await deliver(router, { uuid: long })).status, 200);
      assert.deepEqual(store.calls[1], ["claim", key, 120_000], "the same uuid, the same key");
      await deliver(router, { uuid: `MSG-${"y".repeat(200)}` });
      assert.notEqual(store.calls[2][1], key, "another uuid, another key");

      // A handler failure: 500, onError, and the claim given back so 2Chat's retry runs again.
      fail = true;
      store.calls.length = 0;
      runs.length = 0;
      assert.equal((await deliver(router, { uuid: "MSG-2" })).status, 500);
      assert.deepEqual(store.calls, [["claim", "MSG-2", 120_000], ["release", "MSG-2"]]);
      assert.deepEqual(errors, [["handler down", "MSG-2"]]);
      fail = false;
      assert.equal((await deliver(router, { uuid: "MSG-2" })).status, 200, "the retry is handled");
      assert.deepEqual(runs, ["MSG-2", "MSG-2"]);
      assert.ok(!store.calls.slice(2).some(([op]) => op === "release"), "a success keeps its claim");
    });
  }

  /** A store method that fails with `message` both ways: by throwing, and by rejecting. */
  const failing = (message) => [
    () => {
      throw new Error(message);
    },
    async () => {
      throw new Error(message);
    },
  ];

  test("a store whose claim throws or rejects: 500, reported to onError, handlers not run", T, async () => {
    for (const claim of failing("store down")) {
      const router = new WebhookRouter({ token: TOKEN, dedupe: { claim, release() {} } });
      let runs = 0;
      router.onAny(() => runs++);
      const errors = [];
      router.onError((err, e) => errors.push([err?.message, e.uuid]));
      const res = await deliver(router, { uuid: "MSG-S" });
      assert.equal(res.status, 500);
      assert.equal((await res.json()).ok, false);
      assert.equal(runs, 0);
      assert.deepEqual(errors, [["store down", "MSG-S"]]);
    }
  });

  test("a store whose claim resolves something else than a boolean: 500, reported as the store's fault", T, async () => {
    const router = new WebhookRouter({ token: TOKEN, dedupe: { claim: async () => "yes", release() {} } });
    let runs = 0;
    router.onAny(() => runs++);
    const errors = [];
    router.onError((err, e) => errors.push([err?.code, err?.message, e.uuid]));
    const res = await deliver(router, { uuid: "MSG-Y" });
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { ok: false, message: "the de-duplication store failed" });
    assert.equal(runs, 0);
    assert.deepEqual(errors, [["invalid_input", "dedupe.claim: must resolve to true (new) or false (already claimed)", "MSG-Y"]]);
  });

  test("a handler fails and the store cannot release the claim: both reported, the release's failure first, and 500", T, async () => {
    for (const release of failing("release down")) {
      const router = new WebhookRouter({ token: TOKEN, dedupe: { claim: async () => true, release } });
      router.onAny(async () => {
        throw new Error("handler down");
      });
      const errors = [];
      router.onError(async (err, e) => errors.push([err?.message, e.uuid]));
      router.onError((err) => errors.push(["second reporter", err?.message]));
      const res = await deliver(router, { uuid: "MSG-R" });
      assert.equal(res.status, 500);
      assert.deepEqual(await res.json(), { ok: false, message: "a handler failed" });
      assert.deepEqual(errors, [
        ["release down", "MSG-R"],
        ["second reporter", "release down"],
        ["handler down", "MSG-R"],
        ["second reporter", "handler down"],
      ]);
    }
  });

  test("store options are checked when the router is built", T, () => {
    const invalid = (options, pattern) =>
      assert.throws(() => new WebhookRouter({ token: TOKEN, ...options }), (e) => {
        assert.ok(e instanceof TwoChatError, String(e));
        assert.equal(e.code, "invalid_input");
        assert.match(e.message, pattern);
        return true;
      });
    invalid({ dedupe: new MapStore(), dedupeCapacity: 10 }, /^dedupeCapacity: /);
    invalid({ dedupe: { claim: () => true } }, /^dedupe: must be a store with claim\(key, ttlMs\) and release\(key\)/);
    invalid({ dedupe: { release() {} } }, /^dedupe: must be a store/);
    new WebhookRouter({ token: TOKEN, dedupe: new MapStore() });
  });

  test("two routers sharing one store handle a delivery once", T, async () => {
    const store = new MapStore();
    const a = new WebhookRouter({ token: TOKEN, dedupe: store });
    const b = new WebhookRouter({ token: TOKEN, dedupe: store });
    const runs = [];
    a.onAny((e) => runs.push(["a", e.uuid]));
    b.onAny((e) => runs.push(["b", e.uuid]));
    assert.equal((await deliver(a, { uuid: "MSG-SHARED" })).status, 200);
    const second = await deliver(b, { uuid: "MSG-SHARED" });
    assert.equal(second.status, 200);
    assert.equal((await second.json()).message, "duplicate delivery: already handled");
    assert.deepEqual(runs, [["a", "MSG-SHARED"]]);
    // With the default window: 10 minutes.
    assert.deepEqual(store.calls[0], ["claim", "MSG-SHARED", 600_000]);
  });

  test("a delivery whose id is a number (2Chat's message records) is accepted and de-duplicated on it", T, async () => {
    const body = JSON.stringify({ event: "whatsapp.message.received", id: 12345, message: { text: "hi" }, remote_phone_number: "+5215512345432" });
    const parsed = parseWebhook(body);
    assert.equal(parsed.event, "whatsapp.message.received");
    assert.equal(parsed.uuid, "12345");
    assert.equal(parsed.payload.id, 12345, "the payload is kept as sent");
    const router = new WebhookRouter({ token: TOKEN });
    const seen = [];
    router.on("whatsapp.message.received", (e) => seen.push([e.uuid, e.payload.message.text]));
    const res = await router.handle(post("/hooks", body));
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), { ok: true, message: "handled" });
    assert.deepEqual(seen, [["12345", "hi"]]);
    const again = await router.handle(post("/hooks", body));
    assert.equal((await again.json()).message, "duplicate delivery: already handled");
    assert.equal(seen.length, 1);
  });
});

describe("routed subscriptions and the mock's deliveries", () => {
  async function account() {
    const api_key = await register();
    return { api_key, client: new TwoChat({ apiKey: api_key, baseUrl: MOCK }) };
  }

  test("subscribe with a router builds the hook URL the router understands", T, async () => {
    const { api_key, client } = await account();
    const sub = await client.webhooks.subscribe("whatsapp.message.received", { router: { url: "https://hooks.example/2chat", token: TOKEN }, on_number: "+595981048477" });
    assert.equal(sub.data.hook_url, `https://hooks.example/2chat/whatsapp.message.received?token=${TOKEN}`);
    const log = await requestsOf(api_key);
    assert.deepEqual(log[0].body, { hook_url: `https://hooks.example/2chat/whatsapp.message.received?token=${TOKEN}`, on_number: "+595981048477" });
  });

  test("an inbound message travels mock → router → typed handler", T, async () => {
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
      await closeServer(server);
    }
  });
});
