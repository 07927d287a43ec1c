// Cancelling a call from JavaScript: an AbortSignal fired before the call, while it waits for an
// answer, while the body is being read, during a retry's backoff and during a pacing wait — each
// rejects at once with `aborted`, sends nothing more, and is never retried; a per-call timeout
// also holds while a body stalls. And the `fetch` option: a wrapper is used, a broken one is a
// network error, never a crash. Waits here observe the mock's log, they do not sleep to order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MOCK, TwoChat, received, register, rejection } from "./mock.mjs";

const T = { timeout: 30_000 };
const FROM = "+595981048477";
const TO = "+5215512345432";

const fault = (api_key, f) =>
  fetch(`${MOCK}/__mock/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key, ...f }) }).then((r) =>
    assert.equal(r.status, 201),
  );

/** Resolves once the mock has logged `n` requests for `key` (polling its log, within 10 s). */
async function logged(key, n) {
  const until = Date.now() + 10_000;
  for (;;) {
    const log = await received(key);
    if (log.length >= n) return log;
    if (Date.now() > until) assert.fail(`the mock saw ${log.length} requests, waiting for ${n}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("a signal fired while the call waits for its answer rejects at once with aborted, not retried", T, async () => {
  const key = await register();
  await fault(key, { kind: "hang" });
  const client = new TwoChat({ apiKey: key, baseUrl: MOCK }); // default retries: an abort must not use them
  const controller = new AbortController();
  const call = client.account.info({ signal: controller.signal });
  await logged(key, 1);
  const started = Date.now();
  controller.abort();
  const e = await rejection(call);
  assert.equal(e.code, "aborted");
  assert.ok(Date.now() - started < 5_000, "not held until a timeout");
  assert.equal((await received(key)).length, 1);
});

test("an already-aborted signal sends nothing", T, async () => {
  const key = await register();
  const client = new TwoChat({ apiKey: key, baseUrl: MOCK });
  const e = await rejection(client.messages.send({ from_number: FROM, to_number: TO, text: "never" }, { signal: AbortSignal.abort() }));
  assert.equal(e.code, "aborted");
  assert.deepEqual(await received(key), []);
});

test("a signal fired while the body is being read rejects with aborted", T, async () => {
  const key = await register();
  await fault(key, { kind: "stall" }); // headers and half a body, then nothing
  const client = new TwoChat({ apiKey: key, baseUrl: MOCK });
  const controller = new AbortController();
  const call = client.users.list({ signal: controller.signal });
  await logged(key, 1);
  controller.abort();
  assert.equal((await rejection(call)).code, "aborted");
  assert.equal((await received(key)).length, 1);
});

test("a per-call timeout holds while the body stalls: timeout, and a send is not repeated", T, async () => {
  const key = await register();
  await fault(key, { kind: "stall", count: 3 });
  const client = new TwoChat({ apiKey: key, baseUrl: MOCK });
  const e = await rejection(client.messages.send({ from_number: FROM, to_number: TO, text: "once" }, { timeoutMs: 300 }));
  assert.equal(e.code, "timeout");
  assert.match(e.message, /300 ms/);
  assert.equal((await received(key)).length, 1);
});

test("a signal fired during a retry's backoff rejects at once, with no second attempt", T, async () => {
  const key = await register();
  await fault(key, { kind: "status", status: 503, headers: { "Retry-After": "20" } }); // waits 20 s before retrying
  const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 2 });
  const controller = new AbortController();
  const call = client.account.info({ signal: controller.signal });
  await logged(key, 1);
  const started = Date.now();
  controller.abort();
  assert.equal((await rejection(call)).code, "aborted");
  assert.ok(Date.now() - started < 5_000, "the 20 s backoff was not waited out");
  // Give a wrongly scheduled retry the chance to show: the log stays at one request.
  assert.equal((await received(key)).length, 1);
});

test("a signal fired during a pacing wait rejects at once; the paced call is never sent", T, async () => {
  const key = await register({ requests_per_minute: 100000 });
  const client = new TwoChat({ apiKey: key, baseUrl: MOCK, requestsPerMinute: 1 }); // one call a minute
  await client.account.info();
  const controller = new AbortController();
  const paced = client.account.info({ signal: controller.signal });
  const started = Date.now();
  controller.abort();
  assert.equal((await rejection(paced)).code, "aborted");
  assert.ok(Date.now() - started < 5_000, "the minute was not waited out");
  assert.equal((await received(key)).length, 1);
});

test("the fetch option: a wrapper is used; one that rejects or returns junk is a network error", T, async () => {
  const key = await register();
  const wrapper = (req, init) => {
    const headers = new Headers(req.headers);
    headers.set("x-via", "custom-fetch");
    return fetch(new Request(req, { headers }), init);
  };
  await new TwoChat({ apiKey: key, baseUrl: MOCK, fetch: wrapper }).account.info();
  assert.equal((await received(key))[0].headers["x-via"], "custom-fetch");
  for (const broken of [() => Promise.reject("not an Error"), () => 42, () => { throw new TypeError("boom"); }]) {
    const e = await rejection(new TwoChat({ apiKey: key, baseUrl: MOCK, fetch: broken, maxRetries: 0 }).account.info());
    assert.equal(e.code, "network", String(broken));
  }
  assert.equal((await received(key)).length, 1, "the broken ones reached nothing");
});

test("the fetch option gets a request that no HTTP cache answers and that follows no redirect", T, async () => {
  const key = await register();
  const seen = [];
  const spy = (req, init) => {
    seen.push([req.method, req.cache, req.redirect]);
    return fetch(req, init);
  };
  const client = new TwoChat({ apiKey: key, baseUrl: MOCK, fetch: spy });
  await client.account.info();
  await client.contacts.create({ first_name: "Ana", channel_uuid: "WPN8dc5b4a4-8a0c-4b0b-9e5e-2c0e0f1b6c11", contact_detail: [{ type: "WAPH", value: TO }] });
  assert.deepEqual(seen, [
    ["GET", "no-store", "manual"],
    ["POST", "no-store", "manual"],
  ]);
});

test("an attempt that cannot run (a promise fetch's answer cannot be taken from) is a network error naming the cause", T, async () => {
  const key = await register();
  const odd = () => {
    const p = Promise.resolve(new Response("{}"));
    Object.defineProperty(p, "constructor", {
      get() {
        throw new Error("constructor getter threw");
      },
    });
    return p;
  };
  const e = await rejection(new TwoChat({ apiKey: key, baseUrl: MOCK, fetch: odd, maxRetries: 0 }).account.info());
  assert.equal(e.code, "network");
  assert.match(e.message, /constructor getter threw/);
});
