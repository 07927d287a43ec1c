// createProxy: the key-injecting proxy a web page calls instead of holding the API key. Closed by
// default (exact origins, reads only, never webhook subscriptions, writes only behind `authorize`),
// strict about paths and bodies, and careful with what goes upstream and what comes back. Checked
// with an injected `fetch` that records what would go upstream, end to end against twochat-mock
// (TWOCHAT_MOCK_URL), and over a real Node http server through `proxy.nodeListener()`.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createServer, request as httpRequest } from "node:http";
import { createProxy, endpoints } from "../../pkg/index.mjs";
import { MOCK, TwoChat, TwoChatError, register, received as mockLog } from "./mock.mjs";
import { closeServer, countingStream, listen, upload } from "./support/upload.mjs";

const T = { timeout: 15_000 };
const MiB = 1024 * 1024;
const ORIGIN = "https://app.example.com";
const KEY = "UAK-proxy-0123456789abcdef-secret";
const UPSTREAM = "https://api.2chat.test";
const PY = "+595981048477";
const MX = "+5215512345432";

// ---------------------------------------------------------------- helpers

/** A proxy whose upstream is a recorder: `calls` holds every (url, init) it was asked to fetch. */
function recorded(options = {}, respond = () => Response.json({ success: true, upstream: "ok" })) {
  const calls = [];
  const proxy = createProxy({
    apiKey: KEY,
    origins: [ORIGIN],
    baseUrl: UPSTREAM,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return respond(url, init);
    },
    ...options,
  });
  return { proxy, calls };
}

/** A request as a page (or anyone) would send it to the proxy at https://proxy.example. */
function page(path, { origin = ORIGIN, method = "GET", headers = {}, body, base = "https://proxy.example" } = {}) {
  const h = { ...headers };
  if (origin) h.origin = origin;
  const init = { method, headers: h };
  if (body !== undefined) {
    init.body = body;
    if (body instanceof ReadableStream) init.duplex = "half";
  }
  return new Request(`${base}${path}`, init);
}

/** Checks the headers every proxy answer carries and returns the parsed JSON body. */
async function json(res, status, { cors = ORIGIN } = {}) {
  const text = await res.text();
  assert.equal(res.status, status, `status (body: ${text})`);
  assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.equal(res.headers.get("cache-control"), "no-store");
  if (cors) {
    assert.equal(res.headers.get("access-control-allow-origin"), cors);
    assert.match(res.headers.get("vary") ?? "", /\borigin\b/i);
  } else {
    assert.equal(res.headers.get("access-control-allow-origin"), null, "no CORS grant for a refused origin");
  }
  return JSON.parse(text);
}

/** Expects `fn` to throw a TwoChatError invalid_input whose message matches `pattern`. */
function invalid(fn, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TwoChatError, String(e));
    assert.equal(e.code, "invalid_input");
    assert.match(e.message, pattern);
    return true;
  });
}

// Values for the endpoint table's path templates.
const SAMPLE = {
  number: PY,
  remote_number: MX,
  from_number: PY,
  number_to_check: MX,
  target_number: PY,
  session_key: "WW-WPN1-5215512345432@c.us",
  image_index: "0",
};
const fill = (template) => template.replace(/\{(\w+)\}/g, (_, name) => SAMPLE[name] ?? "ID-1");

async function clearLog(key) {
  const r = await fetch(`${MOCK}/__mock/requests?api_key=${encodeURIComponent(key)}`, { method: "DELETE" });
  assert.ok(r.ok);
}


/** A raw GET, path sent exactly as written (no client-side URL normalisation). */
function rawGet(base, path, headers = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: "GET", headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}


// ---------------------------------------------------------------- construction

describe("createProxy: what it may forward is decided when it is created", () => {
  test("origins are required, exact and never \"*\"", T, () => {
    invalid(() => createProxy({ apiKey: KEY }), /^origins: is required/);
    invalid(() => createProxy({ apiKey: KEY, origins: [] }), /^origins: needs at least 1/);
    invalid(() => createProxy({ apiKey: KEY, origins: ["*"] }), /^origins\[0\]: cannot be "\*"/);
    invalid(() => createProxy({ apiKey: KEY, origins: [ORIGIN, "*"] }), /^origins\[1\]: cannot be "\*"/);
    for (const bad of ["app.example.com", "https://app.example.com/path", "https://", "ftp://app.example.com", "null", 7]) {
      invalid(() => createProxy({ apiKey: KEY, origins: [bad] }), /^origins\[0\]: must be an origin/);
    }
    invalid(() => createProxy({ origins: [ORIGIN] }), /^apiKey: is required/);
    invalid(() => createProxy(), /options/);
    // The key never shows in an error about the other options.
    for (const options of [{ apiKey: KEY, origins: ["*"] }, { apiKey: KEY, origins: [ORIGIN], allow: ["nope"] }, { apiKey: KEY, origins: [ORIGIN], bogus: 1 }]) {
      assert.throws(() => createProxy(options), (e) => !e.message.includes(KEY) && !e.message.includes("secret"));
    }
    assert.equal(typeof createProxy({ apiKey: KEY, origins: [ORIGIN] }), "function");
  });

  test("webhook subscriptions can never be allowed, not even with authorize", T, () => {
    const authorize = () => true;
    for (const rule of [
      "list_webhooks",
      "subscribe_webhook",
      "delete_webhook",
      "GET /open/webhooks",
      "GET /open/webhooks/channel/{channel_uuid}",
      "POST /open/webhooks/subscribe/{event_name}",
      "DELETE /open/webhooks/{webhook_uuid}",
    ]) {
      invalid(() => createProxy({ apiKey: KEY, origins: [ORIGIN], allow: [rule], authorize }), /^allow\[0\]: .*\/open\/webhooks.* is never forwarded/);
      invalid(() => createProxy({ apiKey: KEY, origins: [ORIGIN], allow: ["get_account_info", rule] }), /^allow\[1\]: .* is never forwarded/);
    }
  });

  test("anything beyond reads needs authorize; rules must name endpoints of the table", T, () => {
    const writes = endpoints().filter((e) => e.httpMethod !== "GET" && !e.path.startsWith("/open/webhooks"));
    assert.ok(writes.length > 30);
    for (const e of writes) {
      const rule = `${e.httpMethod} ${e.path}`;
      invalid(() => createProxy({ apiKey: KEY, origins: [ORIGIN], allow: [rule] }), /^authorize: is required to allow /);
      invalid(() => createProxy({ apiKey: KEY, origins: [ORIGIN], allow: [e.tool] }), /^authorize: is required to allow /);
      assert.equal(typeof createProxy({ apiKey: KEY, origins: [ORIGIN], allow: [rule], authorize: () => true }), "function", rule);
    }
    // Reads may be listed without authorize; a rule must spell a template, not a prefix.
    createProxy({ apiKey: KEY, origins: [ORIGIN], allow: ["list_messages", "GET /open/contacts/{contact_uuid}"] });
    for (const rule of ["GET /open/contacts/", "GET /open", "GET /open/*", "send_everything", 42]) {
      invalid(() => createProxy({ apiKey: KEY, origins: [ORIGIN], allow: [rule] }), /^allow\[0\]: /);
    }
    invalid(() => createProxy({ apiKey: KEY, origins: [ORIGIN], authorize: "yes" }), /^authorize: must be a function/);
  });
});

// ---------------------------------------------------------------- request handling, upstream recorded

describe("createProxy: who may call it", () => {
  test("a missing or unlisted Origin is 403 JSON and nothing goes upstream", T, async () => {
    const { proxy, calls } = recorded();
    const noOrigin = await json(await proxy(page("/open/info", { origin: null })), 403, { cors: null });
    assert.equal(noOrigin.success, false);
    for (const origin of ["https://evil.example", "https://app.example.com.evil.example", "http://app.example.com", "https://app.example.com:8443", "null"]) {
      const body = await json(await proxy(page("/open/info", { origin })), 403, { cors: null });
      assert.equal(body.success, false, origin);
    }
    // A cross-site fetch without Origin, or one that claims same-origin from an unlisted site.
    await json(await proxy(page("/open/info", { origin: null, headers: { "sec-fetch-site": "cross-site" } })), 403, { cors: null });
    await json(await proxy(page("/open/info", { origin: null, headers: { "sec-fetch-site": "same-origin" }, base: "https://evil.example" })), 403, { cors: null });
    assert.equal(calls.length, 0);
  });

  test("a listed origin is forwarded with a CORS grant for that origin only", T, async () => {
    const other = "http://127.0.0.1:5173";
    const { proxy, calls } = recorded({ origins: [ORIGIN, other] });
    for (const origin of [ORIGIN, other]) {
      const body = await json(await proxy(page("/open/info", { origin })), 200, { cors: origin });
      assert.deepEqual(body, { success: true, upstream: "ok" });
    }
    assert.deepEqual(calls.map((c) => c.url), [`${UPSTREAM}/open/info`, `${UPSTREAM}/open/info`]);
  });

  test("a same-origin GET without Origin passes when sec-fetch-site says so and the page's origin is listed", T, async () => {
    const { proxy, calls } = recorded();
    const res = await proxy(page("/open/info", { origin: null, headers: { "sec-fetch-site": "same-origin" }, base: ORIGIN }));
    await json(res, 200);
    assert.equal(calls.length, 1);
  });
});

describe("createProxy: what it forwards", () => {
  test("by default every GET row of the endpoint table but webhooks, at its exact template, and nothing else", T, async () => {
    const { proxy, calls } = recorded();
    const rows = endpoints();
    let forwarded = 0;
    for (const e of rows) {
      const path = fill(e.path);
      const before = calls.length;
      const res = await proxy(page(path, { method: e.httpMethod, body: e.httpMethod === "GET" ? undefined : "{}" }));
      const label = `#${e.id} ${e.httpMethod} ${e.path}`;
      if (e.httpMethod === "GET" && !e.path.startsWith("/open/webhooks")) {
        await json(res, 200);
        assert.equal(calls.length, before + 1, label);
        assert.equal(calls.at(-1).url, `${UPSTREAM}${path}`, label);
        assert.equal(calls.at(-1).init.method, "GET", label);
        assert.equal(calls.at(-1).init.body, undefined, label);
        forwarded++;
      } else {
        const body = await json(res, 403);
        assert.match(body.message, /not allowed through this proxy/, label);
        assert.equal(calls.length, before, `${label} must not go upstream`);
      }
    }
    assert.equal(forwarded, rows.filter((e) => e.effect === "read" && !e.path.startsWith("/open/webhooks")).length, "reads are exactly the GET rows");
  });

  test("paths are matched against templates, not prefixes; queries pass through", T, async () => {
    const { proxy, calls } = recorded();
    for (const path of [
      "/open/info/",
      "/open/info/extra",
      "/open/infox",
      "/open",
      "/",
      "/open/contacts/C1/extra",
      "/open/whatsapp/messages",
      "/open/contacts/..", // URL parsing makes this /open/, which is no template
      "/open/users/../webhooks", // and this /open/webhooks
      "/open/whatsapp/channel/WPN1/status/x",
    ]) {
      await json(await proxy(page(path)), 403);
    }
    assert.equal(calls.length, 0);
    await json(await proxy(page("/open/contacts?results_per_page=5&page_number=2")), 200);
    assert.equal(calls.at(-1).url, `${UPSTREAM}/open/contacts?results_per_page=5&page_number=2`);
    await json(await proxy(page(`/open/whatsapp/messages/${PY}/${MX}`)), 200);
    assert.equal(calls.at(-1).url, `${UPSTREAM}/open/whatsapp/messages/${PY}/${MX}`, "+ stays literal");
  });

  test("';', '//', '%2f', '%5c' and '%2e' in the path are 400 and nothing goes upstream", T, async () => {
    const { proxy, calls } = recorded({ allow: ["get_contact", "get_account_info", "get_group"] });
    for (const path of [
      "/open/info;jsessionid=1",
      "/open/contacts/..;",
      "/open/contacts/a;b",
      "/open//info",
      "//open/info",
      "/open/contacts/a%2fb",
      "/open/contacts/a%2Fb",
      "/open/contacts/a%5cb",
      "/open/contacts/a%5Cb",
      "/open/contacts/a%2eb",
      "/open/contacts/%2E%2E%2finfo",
      "/open/whatsapp/group/%2e%2e%2f%2e%2e%2fwebhooks",
    ]) {
      const body = await json(await proxy(page(path)), 400);
      assert.equal(body.success, false, path);
    }
    assert.equal(calls.length, 0);
  });

  test("webhook subscriptions are 403 whatever the method, even for an authorized caller", T, async () => {
    // Everything that can be allowed is allowed, behind an authorize that says yes.
    const allow = [...new Set(endpoints().filter((e) => !e.path.startsWith("/open/webhooks")).map((e) => e.tool))];
    let authorized = 0;
    const { proxy, calls } = recorded({ allow, authorize: () => (authorized++, true) });
    for (const [method, path] of [
      ["GET", "/open/webhooks"],
      ["GET", "/open/webhooks/channel/WPN1"],
      ["POST", "/open/webhooks/subscribe/whatsapp.message.received"],
      ["DELETE", "/open/webhooks/WHK1"],
    ]) {
      const body = await json(await proxy(page(path, { method, body: method === "GET" ? undefined : '{"hook_url":"https://evil.example/"}' })), 403);
      assert.equal(body.success, false);
    }
    assert.equal(calls.length, 0);
    assert.equal(authorized, 0, "refused before authorize is asked");
  });

  test("authorize(request, call) decides: only `true` forwards; anything else, or a throw, is 401 with nothing upstream", T, async () => {
    const seen = [];
    let verdict;
    const { proxy, calls } = recorded({
      allow: ["send_message", "get_account_info"],
      authorize: async (request, call) => {
        seen.push({ cookie: request.headers.get("cookie"), call });
        return verdict();
      },
    });
    const send = () => page("/open/whatsapp/send-message", { method: "POST", headers: { cookie: "session=s1" }, body: JSON.stringify({ from_number: PY, to_number: MX, text: "hi" }) });
    for (const v of [() => false, () => "true", () => 1, () => undefined, () => ({}), () => Promise.resolve(false),
      () => { throw new Error("no session"); }, () => Promise.reject(new Error("no session"))]) {
      verdict = v;
      const body = await json(await proxy(send()), 401);
      assert.equal(body.success, false);
    }
    assert.equal(calls.length, 0, "nothing was sent upstream");
    verdict = () => true;
    await json(await proxy(send()), 200);
    assert.equal(calls.length, 1);
    assert.deepEqual(seen.at(-1), { cookie: "session=s1", call: { id: 12, tool: "send_message", method: "POST", path: "/open/whatsapp/send-message" } });
    // Reads go through authorize too when it is given.
    verdict = () => false;
    await json(await proxy(page("/open/info")), 401);
    assert.deepEqual(seen.at(-1).call, { id: 2, tool: "get_account_info", method: "GET", path: "/open/info" });
    assert.equal(calls.length, 1);
  });
});

describe("createProxy: what goes upstream", () => {
  test("only accept and the proxy's own x-user-api-key (+ content-type with a body); never the page's cookies, authorization or key; redirect manual", T, async () => {
    const { proxy, calls } = recorded({ allow: ["get_account_info", "send_message", "connect_channel"], authorize: () => true });
    const pageHeaders = {
      cookie: "session=s1; other=2",
      authorization: "Bearer page-token",
      "x-user-api-key": "UAK-attacker-key",
      "x-forwarded-for": "10.0.0.1",
      "content-type": "text/plain",
      referer: `${ORIGIN}/inbox`,
    };
    await json(await proxy(page("/open/info", { headers: pageHeaders })), 200);
    const body = JSON.stringify({ from_number: PY, to_number: MX, text: "¡hola! 👋" });
    await json(await proxy(page("/open/whatsapp/send-message", { method: "POST", headers: pageHeaders, body })), 200);
    await json(await proxy(page("/open/whatsapp/channel/WPN1/connect", { method: "POST", headers: pageHeaders })), 200);
    assert.equal(calls.length, 3);
    const [get, post, empty] = calls;
    assert.equal(get.url, `${UPSTREAM}/open/info`);
    assert.deepEqual(new Headers(get.init.headers), new Headers({ accept: "application/json", "x-user-api-key": KEY }));
    assert.deepEqual(Object.fromEntries(new Headers(get.init.headers)), { accept: "application/json", "x-user-api-key": KEY });
    assert.equal(get.init.body, undefined);
    assert.equal(post.init.method, "POST");
    assert.deepEqual(Object.fromEntries(new Headers(post.init.headers)), { accept: "application/json", "content-type": "application/json", "x-user-api-key": KEY });
    assert.equal(new TextDecoder().decode(post.init.body), body, "the body, byte for byte");
    assert.deepEqual(Object.fromEntries(new Headers(empty.init.headers)), { accept: "application/json", "x-user-api-key": KEY }, "no content-type without a body");
    assert.equal(empty.init.body, undefined);
    for (const c of calls) assert.equal(c.init.redirect, "manual");
  });

  test("bodies over maxBodyBytes are 413, counted while streaming; nothing goes upstream", T, async () => {
    const { proxy, calls } = recorded({ allow: ["send_message"], authorize: () => true, maxBodyBytes: 100 });
    const send = (body, headers) => proxy(page("/open/whatsapp/send-message", { method: "POST", body, headers }));
    await json(await send("x".repeat(101)), 413);
    assert.equal(calls.length, 0);
    await json(await send(`"${"x".repeat(98)}"`), 200);
    assert.equal(calls.length, 1, "exactly the limit is forwarded");
    // A declared length over the limit is refused before the body is read.
    const declared = countingStream(50 * MiB, { fill: 0x20 });
    await json(await send(declared.stream, { "content-length": String(50 * MiB) }), 413);
    assert.equal(declared.pulls, 0);
    // No length: read while streaming, cut off past the (default 64 KiB) limit.
    const big = recorded({ allow: ["send_message"], authorize: () => true });
    const s = countingStream(50 * MiB, { fill: 0x20 });
    await json(await big.proxy(page("/open/whatsapp/send-message", { method: "POST", body: s.stream })), 413);
    assert.ok(s.pulls <= 3, `${s.pulls} pulls of 64 KiB for a 64 KiB limit`);
    assert.equal(await s.cancelled, true, "the stream is cancelled");
    assert.equal(big.calls.length, 0);
    assert.equal(calls.length, 1);
  });
});

describe("createProxy: what comes back", () => {
  test("an upstream redirect is never followed nor passed on: 502", T, async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const { proxy, calls } = recorded({}, () => new Response(null, { status, headers: { location: "https://evil.example/steal?key=1" } }));
      const res = await proxy(page("/open/info"));
      assert.equal(res.headers.get("location"), null);
      const body = await json(res, 502);
      assert.match(body.message, new RegExp(`${status}.*redirect`));
      assert.ok(!JSON.stringify(body).includes("evil.example"));
      assert.equal(calls.length, 1);
    }
  });

  test("answers are JSON, nosniff, no-store, CORS for the origin; upstream headers such as set-cookie are not passed", T, async () => {
    const { proxy } = recorded({}, (url) => {
      const status = url.endsWith("/open/users") ? 404 : url.endsWith("/open/contacts") ? 429 : 200;
      return new Response(JSON.stringify({ success: status === 200, status }), {
        status,
        headers: { "content-type": "text/html", "set-cookie": "upstream=1", "retry-after": "7", "x-upstream": "1", "access-control-allow-origin": "*" },
      });
    });
    for (const [path, status] of [["/open/info", 200], ["/open/users", 404], ["/open/contacts", 429]]) {
      const res = await proxy(page(path));
      assert.equal(res.headers.get("set-cookie"), null);
      assert.equal(res.headers.get("x-upstream"), null);
      const body = await json(res, status);
      assert.equal(body.status, status);
      if (status === 429) {
        assert.equal(res.headers.get("retry-after"), "7");
        assert.match(res.headers.get("access-control-expose-headers") ?? "", /retry-after/i);
      }
    }
  });

  test("every hook_url in a JSON answer has its query replaced by ?[redacted]", T, async () => {
    const upstreamBody = {
      success: true,
      hook_url: "https://hooks.example/h/whatsapp.message.new?token=SECRET-1",
      data: [
        { uuid: "W1", hook_url: "https://hooks.example/h?token=SECRET-2&x=1", event: "whatsapp.message.new" },
        { uuid: "W2", nested: { deeper: [{ hook_url: "http://127.0.0.1:9/h?SECRET-3" }] } },
        { uuid: "W3", hook_url: "https://hooks.example/no-query" },
        { uuid: "W4", hook_url: null },
      ],
    };
    const { proxy } = recorded({}, () => Response.json(upstreamBody));
    const res = await proxy(page("/open/info"));
    const body = await json(res, 200);
    assert.ok(!JSON.stringify(body).includes("SECRET"), JSON.stringify(body));
    assert.equal(body.hook_url, "https://hooks.example/h/whatsapp.message.new?[redacted]");
    assert.equal(body.data[0].hook_url, "https://hooks.example/h?[redacted]");
    assert.equal(body.data[0].event, "whatsapp.message.new");
    assert.equal(body.data[1].nested.deeper[0].hook_url, "http://127.0.0.1:9/h?[redacted]");
    assert.equal(body.data[2].hook_url, "https://hooks.example/no-query");
    assert.equal(body.data[3].hook_url, null);
  });

  test("a non-JSON upstream body becomes a JSON error; an unreachable or slow upstream is 502", T, async () => {
    for (const [status, want] of [[200, 502], [500, 500], [503, 503]]) {
      const { proxy } = recorded({}, () => new Response("<html><script>alert(1)</script></html>", { status, headers: { "content-type": "text/html" } }));
      const res = await proxy(page("/open/info"));
      const body = await json(res, want);
      assert.equal(body.success, false);
      assert.match(body.message, /not JSON/);
      assert.ok(!JSON.stringify(body).includes("<script>"));
    }
    const down = recorded({}, () => Promise.reject(new TypeError("fetch failed: ECONNREFUSED 10.0.0.7")));
    const body = await json(await down.proxy(page("/open/info")), 502);
    assert.ok(!JSON.stringify(body).includes("10.0.0.7"), "no internal detail");
    // An upstream that never answers is cut off at timeoutMs.
    const held = [];
    const hanging = createServer((req, res) => held.push(res));
    const hangingBase = await listen(hanging);
    try {
      const slow = createProxy({ apiKey: KEY, origins: [ORIGIN], baseUrl: hangingBase, timeoutMs: 100 });
      const started = Date.now();
      const body = await json(await slow(page("/open/info")), 502);
      assert.equal(body.success, false);
      assert.equal(held.length, 1, "the upstream was asked once");
      assert.ok(Date.now() - started < 10_000);
    } finally {
      await closeServer(hanging);
    }
  });

  test("preflight: OPTIONS for an allowed method is 204 with the allowed methods; others are refused", T, async () => {
    const { proxy, calls } = recorded({ allow: ["get_account_info", "send_message"], authorize: () => { throw new Error("not for preflights"); } });
    const preflight = (method, origin = ORIGIN) =>
      proxy(page("/open/whatsapp/send-message", { method: "OPTIONS", origin, headers: { "access-control-request-method": method, "access-control-request-headers": "content-type" } }));
    for (const method of ["GET", "POST"]) {
      const res = await preflight(method);
      assert.equal(res.status, 204, method);
      assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
      const methods = (res.headers.get("access-control-allow-methods") ?? "").split(/\s*,\s*/).sort();
      assert.deepEqual(methods, ["GET", "POST"]);
      assert.match(res.headers.get("access-control-allow-headers") ?? "", /content-type/i);
      assert.match(res.headers.get("vary") ?? "", /origin/i);
    }
    await json(await preflight("DELETE"), 403);
    await json(await preflight("POST", "https://evil.example"), 403, { cors: null });
    const readOnly = recorded();
    await json(await readOnly.proxy(page("/open/info", { method: "OPTIONS", headers: { "access-control-request-method": "POST" } })), 403);
    assert.equal(calls.length + readOnly.calls.length, 0);
  });

  test("a prefix mounts the proxy under a path; anything outside it is 404", T, async () => {
    const { proxy, calls } = recorded({ prefix: "/api/2chat" });
    await json(await proxy(page("/api/2chat/open/info")), 200);
    assert.equal(calls.at(-1).url, `${UPSTREAM}/open/info`);
    for (const path of ["/open/info", "/api/2chatx/open/info", "/api/open/info"]) await json(await proxy(page(path)), 404);
    await json(await proxy(page("/api/2chat/open/webhooks")), 403);
    assert.equal(calls.length, 1);
  });
});

// ---------------------------------------------------------------- end to end, against twochat-mock

describe("createProxy against twochat-mock", () => {
  test("the attack on the old example: anonymous reads and GET /open/webhooks leaked the hook token; now 403 and nothing reaches 2Chat", T, async () => {
    const key = await register();
    // The account has a webhook whose hook URL carries its delivery token.
    const hookToken = "hook-token-SECRET-0123456789";
    const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 0 });
    await client.webhooks.subscribe("whatsapp.message.received", { hook_url: `https://hooks.example/2chat?token=${hookToken}`, on_number: PY });
    await clearLog(key);

    const proxy = createProxy({ apiKey: key, origins: [ORIGIN], baseUrl: MOCK });
    // curl with no Origin, as in the report.
    for (const path of ["/open/info", "/open/webhooks", "/open/whatsapp/get-numbers"]) {
      const res = await proxy(new Request(`https://proxy.example${path}`, { headers: { "user-agent": "curl/8.5.0", accept: "*/*" } }));
      const body = await json(res, 403, { cors: null });
      assert.ok(!JSON.stringify(body).includes(hookToken));
    }
    // Even from the listed origin, webhook subscriptions are never forwarded.
    for (const path of ["/open/webhooks", `/open/webhooks/channel/WPN95841312-b54d-46e3-b0bc-6414f4a5296b`]) {
      const res = await proxy(page(path));
      assert.ok(!(await res.clone().text()).includes(hookToken));
      await json(res, 403);
    }
    // Writes are not forwarded without an allow-list and authorize.
    await json(await proxy(page("/open/whatsapp/send-message", { method: "POST", body: JSON.stringify({ from_number: PY, to_number: MX, text: "spam" }) })), 403);
    await json(await proxy(page("/open/contacts/..;/webhooks")), 400);
    assert.deepEqual(await mockLog(key), [], "no refused request reached the mock");
  });

  test("a listed origin reads through the proxy with the proxy's key; the page's headers stay behind", T, async () => {
    const key = await register();
    const attackerKey = await register();
    const proxy = createProxy({ apiKey: key, origins: [ORIGIN], baseUrl: MOCK });
    const res = await proxy(page("/open/whatsapp/get-numbers?results_per_page=2", {
      headers: { cookie: "session=s1", authorization: "Bearer page", "x-user-api-key": attackerKey, referer: `${ORIGIN}/x` },
    }));
    const body = await json(res, 200);
    assert.equal(body.numbers.length, 2);
    const log = await mockLog(key);
    assert.equal(log.length, 1, "logged under the proxy's key");
    const [req] = log;
    assert.equal(req.method, "GET");
    assert.equal(req.path, "/open/whatsapp/get-numbers");
    assert.equal(req.query, "results_per_page=2");
    assert.equal(req.endpoint, 5);
    assert.equal(req.status, 200);
    assert.equal(req.headers["x-user-api-key"], "[redacted]");
    assert.equal(req.headers.accept, "application/json");
    for (const h of ["cookie", "authorization", "referer", "origin"]) assert.equal(req.headers[h], undefined, h);
    assert.deepEqual(await mockLog(attackerKey), [], "the page's own key was not used");
  });

  test("a write behind authorize reaches the mock only when authorize says yes", T, async () => {
    const key = await register();
    const proxy = createProxy({
      apiKey: key,
      origins: [ORIGIN],
      baseUrl: MOCK,
      allow: ["send_message"],
      authorize: (request) => request.headers.get("cookie") === "session=valid",
    });
    const message = { from_number: PY, to_number: MX, text: "through the proxy" };
    const send = (cookie) => proxy(page("/open/whatsapp/send-message", { method: "POST", headers: cookie ? { cookie } : {}, body: JSON.stringify(message) }));
    await json(await send(null), 401);
    await json(await send("session=forged"), 401);
    assert.deepEqual(await mockLog(key), []);
    const ok = await json(await send("session=valid"), 200);
    assert.equal(ok.success, true);
    const log = await mockLog(key);
    assert.equal(log.length, 1);
    assert.equal(log[0].path, "/open/whatsapp/send-message");
    assert.deepEqual(log[0].body, message);
    assert.match(log[0].headers["content-type"], /^application\/json/);
    assert.equal(log[0].headers.cookie, undefined);
    // Reads were not opened by listing a write.
    await json(await proxy(page("/open/info", { headers: { cookie: "session=valid" } })), 403);
    assert.equal((await mockLog(key)).length, 1);
  });

  test("over http.createServer(proxy.nodeListener()): real requests, refusals, an oversized upload cut off, the server survives", { timeout: 30_000 }, async () => {
    const key = await register();
    const proxy = createProxy({ apiKey: key, origins: [ORIGIN], baseUrl: MOCK, allow: ["get_account_info", "send_message"], authorize: () => true, maxBodyBytes: 1024 });
    const server = createServer(proxy.nodeListener());
    const base = await listen(server);
    try {
      const info = await fetch(`${base}/open/info`, { headers: { origin: ORIGIN, cookie: "session=1" } });
      const body = await json(info, 200);
      assert.equal(body.account.name, "twochat-mock account");
      await json(await fetch(`${base}/open/info`), 403, { cors: null });
      await json(await fetch(`${base}/open/info`, { headers: { origin: "https://evil.example" } }), 403, { cors: null });
      await json(await fetch(`${base}/open/webhooks`, { headers: { origin: ORIGIN } }), 403);
      const pre = await fetch(`${base}/open/whatsapp/send-message`, { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "POST" } });
      assert.equal(pre.status, 204);
      const sent = await fetch(`${base}/open/whatsapp/send-message`, {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ from_number: PY, to_number: MX, text: "via node" }),
      });
      await json(sent, 200);
      assert.deepEqual((await mockLog(key)).map((r) => `${r.method} ${r.path} ${r.status}`), ["GET /open/info 200", "POST /open/whatsapp/send-message 200"]);

      // A 64 MiB chunked upload against a 1 KiB limit.
      const total = 64 * MiB;
      const out = await upload(`${base}/open/whatsapp/send-message`, { headers: { origin: ORIGIN, "content-type": "application/json", "transfer-encoding": "chunked" }, total });
      assert.equal(out.completed, false, "the upload was cut off");
      assert.ok(out.written < total / 4, `${out.written} of ${total} bytes written before the server closed`);
      assert.equal((await mockLog(key)).length, 2, "nothing of it went upstream");
      // The server survives.
      await json(await fetch(`${base}/open/info`, { headers: { origin: ORIGIN } }), 200);
      assert.equal((await mockLog(key)).length, 3);
      // What the page is told.
      assert.equal(out.status, 413, `the client saw ${out.status === null ? `no answer (${out.error?.code})` : out.status}`);
    } finally {
      await closeServer(server);
    }
  });

  test("over nodeListener, raw paths holding '\\' or an encoded dot segment are 400, not normalised and forwarded", T, async () => {
    const key = await register();
    const proxy = createProxy({ apiKey: key, origins: [ORIGIN], baseUrl: MOCK });
    const server = createServer(proxy.nodeListener());
    const base = await listen(server);
    try {
      const results = [];
      for (const path of ["/open\\info", "/open/users\\..\\info", "/open/contacts/%2e%2e/info", "/open/contacts/%2E%2E/info"]) {
        const res = await rawGet(base, path, { origin: ORIGIN });
        results.push(`${path} -> ${res.status}`);
      }
      const log = await mockLog(key);
      assert.deepEqual(results, [
        "/open\\info -> 400",
        "/open/users\\..\\info -> 400",
        "/open/contacts/%2e%2e/info -> 400",
        "/open/contacts/%2E%2E/info -> 400",
      ], `mock received: ${log.map((r) => `${r.method} ${r.path}`).join(", ")}`);
      assert.deepEqual(log, []);
    } finally {
      await closeServer(server);
    }
  });
});
