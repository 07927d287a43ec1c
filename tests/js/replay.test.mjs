// A call repeated with the same arguments replays the first attempt the module prepared for it
// (`call` in js/resources.js, `replay` in js/http.js) instead of preparing it again. These tests
// hold a replayed call to what the module would have done: the same request, the same verdict on
// every answer that is not a plain success, and no replay where the module has more to do than
// one attempt (pacing, the debug log, a signal, options, a body, spellings to fill).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { TwoChat, MOCK, register, received } from "./mock.mjs";
import { watching } from "./support/spy.mjs";

// The module's entry for every method call (internal, not exported by the ESM entry): counted
// below to see whether a call was prepared by the module or replayed. Its fourth argument is how
// a replayed attempt settled, given only when a replay hands its outcome to the module.
const { Core } = createRequire(import.meta.url)("../../pkg/index.cjs");

/** Runs `fn` counting the module's entries meanwhile: calls it prepared, and replays it took over. */
async function counted(fn) {
  const n = { prepared: 0, resumed: 0 };
  await watching(Core.prototype, "call", (args) => (args[3] === undefined ? n.prepared++ : n.resumed++), fn);
  return n;
}

/** How many calls the module prepared while `fn` ran (replays it took over are not counted). */
async function entries(fn) {
  return (await counted(fn)).prepared;
}

const FROM = "+595981048477";
const OTHER = "+5215512345432";
const OK = '{"success":true,"account":{"uuid":"ACC1"}}';

/**
 * A client whose `fetch` answers each request with the next of `answers` (`[status, body,
 * headers?]`, or a function given the request and its init: what it returns or throws), then
 * with 200 OK, and records each request.
 */
function scripted(answers = [], options = {}) {
  const seen = [];
  const client = new TwoChat({
    apiKey: "UAK-replay",
    baseUrl: "https://api.example.invalid",
    // Not async: an answer that throws throws from the fetch option itself.
    fetch: (request, init) => {
      seen.push({ method: request.method, url: request.url, headers: [...request.headers], cache: request.cache, redirect: request.redirect });
      const next = answers.shift() ?? [200, OK];
      if (typeof next === "function") return next(request, init);
      const [status, body, headers] = next;
      return Promise.resolve(new Response(body, { status, headers }));
    },
    ...options,
  });
  return { client, seen };
}

/** How a call settled, comparable with deepEqual. */
async function outcome(call) {
  try {
    return { ok: true, value: await call };
  } catch (e) {
    return { ok: false, code: e.code, status: e.status, message: e.message, retryAfterMs: e.retryAfterMs };
  }
}

test("a call repeated with the same arguments makes the same request without preparing it again", async () => {
  const { client, seen } = scripted();
  assert.equal(await entries(() => client.account.info()), 1);
  let bodies = [];
  assert.equal(await entries(async () => bodies.push(await client.account.info(), await client.account.info())), 0);
  assert.deepEqual(bodies, [JSON.parse(OK), JSON.parse(OK)]);
  assert.equal(seen.length, 3);
  assert.deepEqual(seen[1], seen[0]);
  assert.deepEqual(seen[2], seen[0]);

  // Per method, the last arguments: others are prepared by the module (and replace the kept ones).
  seen.length = 0;
  assert.equal(await entries(() => client.messages.list(FROM)), 1);
  assert.equal(await entries(() => client.messages.list(FROM)), 0);
  assert.equal(await entries(() => client.messages.list(OTHER)), 1);
  assert.equal(await entries(() => client.messages.list(OTHER)), 0);
  assert.equal(await entries(() => client.messages.list(FROM)), 1);
  assert.deepEqual(
    seen.map((r) => new URL(r.url).pathname),
    [FROM, FROM, OTHER, OTHER, FROM].map((n) => `/open/whatsapp/messages/${n}`),
  );
  assert.deepEqual(seen[1], seen[0]);
  // A call with an object among its arguments is prepared by the module and keeps nothing: the
  // attempt kept before it stays.
  assert.equal(await entries(() => client.messages.list(FROM, { page_number: 1 })), 1);
  assert.equal(await entries(() => client.messages.list(FROM)), 0);
  assert.match(seen[seen.length - 2].url, /page_number=1/);
  assert.deepEqual(seen[seen.length - 1], seen[seen.length - 3]);
  // Another method keeps its own; another client too.
  assert.equal(await entries(() => client.account.info()), 0);
  assert.equal(await entries(() => scripted().client.account.info()), 1);
});

test("arguments the module refuses are refused on every call, and nothing is sent", async () => {
  const { client, seen } = scripted();
  for (let i = 0; i < 2; i++) {
    let e;
    assert.equal(await entries(async () => (e = await outcome(client.messages.list("595981048477")))), 1);
    assert.equal(e.code, "invalid_input");
  }
  assert.equal(seen.length, 0);
  // Arguments are compared one by one, their count too.
  assert.equal(await entries(() => client.messages.list(FROM)), 1);
  assert.equal(await entries(() => client.messages.list(FROM, undefined)), 1, "another count of arguments");
});

// Answers that are not a plain success, each as the first answer a call gets (then 200 OK).
const SCRIPTS = {
  "HTTP 500 (retried)": [[500, '{"success":false,"message":"boom"}']],
  "HTTP 429, Retry-After: 0 (retried)": [[429, '{"success":false}', { "retry-after": "0" }]],
  "HTTP 401": [[401, '{"success":false,"message":"Invalid API key"}']],
  "HTTP 404, not JSON": [[404, "no such thing"]],
  "a 200 flagged as a failure": [[200, '{"success":false,"message":"the number is not connected"}']],
  "a 200 that is not JSON": [[200, "not json"]],
  "a 204": [[204, null]],
  "a redirect": [[302, "", { location: "https://elsewhere.example/" }]],
  "fetch fails (retried)": [() => Promise.reject(new TypeError("fetch failed"))],
  "the fetch option throws": [
    () => {
      throw new Error("no network here");
    },
  ],
  "fetch resolves something else": [() => "not a response"],
  "the body breaks while read": [
    () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.error(new Error("connection reset"));
          },
        }),
        { status: 200 },
      ),
  ],
};

test("a replayed attempt's answer, other than a plain success, is decided by the module as a first attempt's", async () => {
  for (const [label, script] of Object.entries(SCRIPTS)) {
    for (const maxRetries of [0, 2]) {
      // The info log says what failed and what is retried: the same lines either way (a retry's
      // wait is jittered, so its figure is left out).
      const line = (level, m) => `${level} ${m.replace(/ in \d+ ms /, " in … ms ")}`;
      const logger = (lines) => ({ error: (m) => lines.push(line("error", m)), warn: (m) => lines.push(line("warn", m)), info: (m) => lines.push(line("info", m)), debug() {} });
      const firstLog = [];
      const replayLog = [];
      // The module's verdict: the call's first attempt, prepared by the module.
      const first = scripted([...script], { maxRetries, logLevel: "info", logger: logger(firstLog) });
      const expected = await outcome(first.client.account.info());
      // The same answers to a call whose first attempt is replayed.
      const replaying = scripted([[200, OK], ...script], { maxRetries, logLevel: "info", logger: logger(replayLog) });
      await replaying.client.account.info();
      replaying.seen.length = 0;
      let got;
      const n = await counted(async () => (got = await outcome(replaying.client.account.info())));
      assert.deepEqual(got, expected, `${label}, maxRetries ${maxRetries}`);
      assert.deepEqual(n, { prepared: 0, resumed: 1 }, `${label}: replayed, then taken over by the module`);
      assert.equal(replaying.seen.length, first.seen.length, `${label}: as many attempts`);
      assert.deepEqual(replaying.seen, first.seen, `${label}: the same requests`);
      assert.deepEqual(replayLog, firstLog, `${label}: the same log`);
    }
  }
  // The failures were failures and the retries retries, not all alike.
  const codes = new Set();
  for (const script of Object.values(SCRIPTS)) codes.add((await outcome(scripted([...script], { maxRetries: 0 }).client.account.info())).code);
  assert.ok(codes.size >= 5, [...codes].join(", "));
});

test("many replays in flight at once each make their own attempt", async () => {
  const { client, seen } = scripted();
  await client.account.info();
  seen.length = 0;
  let bodies;
  const n = await counted(async () => (bodies = await Promise.all(Array.from({ length: 32 }, () => client.account.info()))));
  assert.deepEqual(n, { prepared: 0, resumed: 0 });
  assert.equal(bodies.length, 32);
  for (const b of bodies) assert.deepEqual(b, JSON.parse(OK));
  assert.notEqual(bodies[0], bodies[1], "each call its own parsed body");
  assert.equal(seen.length, 32);
  for (const r of seen) assert.deepEqual(r, seen[0]);
});

test("what is kept for a replay is out of reach: the key shows nowhere on the client", async () => {
  const key = "UAK-replay-secret-4f1c2d3e5a6b";
  const { client } = scripted([], { apiKey: key });
  await client.account.info();
  await client.messages.list(FROM);
  await client.account.info();
  for (const shown of [
    inspect(client, { showHidden: true, depth: 20 }),
    inspect(client.account, { showHidden: true, depth: 20 }),
    inspect(client.messages, { showHidden: true, depth: 20 }),
    JSON.stringify(client),
    String(client),
  ]) {
    assert.ok(!shown.includes("secret-4f1c"), shown);
  }
  for (const r of [client.account, client.messages]) {
    for (const k of Reflect.ownKeys(r)) assert.ok(!inspect(r[k], { showHidden: true, depth: 20 }).includes("secret-4f1c"), String(k));
  }
});

test("a replayed attempt keeps the client's timeout and cuts the request off", async () => {
  let signal;
  const { client } = scripted(
    [
      [200, OK],
      (request, init) => {
        signal = init.signal;
        return new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
      },
    ],
    { timeoutMs: 100, maxRetries: 0 },
  );
  await client.account.info();
  const started = performance.now();
  const got = await outcome(client.account.info());
  assert.equal(got.code, "timeout");
  const took = performance.now() - started;
  // The client's 100 ms, not the default 30 s (a wide bound: this is which timeout, not speed).
  assert.ok(took >= 90 && took < 10_000, `timed out after ${took} ms`);
  assert.equal(signal.aborted, true, "the request was cut off");
});

test("a call is replayed only where its first step is one attempt the module has nothing to add to", async () => {
  const silent = { error() {}, warn() {}, info() {}, debug() {} };
  const cases = {
    "requestsPerMinute (each call is paced)": [{ requestsPerMinute: 6000 }, (c) => c.account.info()],
    "the debug log (each attempt is logged)": [{ logLevel: "debug", logger: silent }, (c) => c.account.info()],
    "call options": [{}, (c) => c.account.info({ timeoutMs: 5000 })],
    "a signal": [{}, (c) => c.account.info({ signal: new AbortController().signal })],
    "params": [{}, (c) => c.messages.list(FROM, { page_number: 1 })],
    "a body": [{}, (c) => c.messages.send({ from_number: FROM, to_number: OTHER, text: "hi" })],
    "spellings to fill (aliases)": [{}, (c) => c.groups.list(FROM)],
  };
  for (const [label, [options, call]] of Object.entries(cases)) {
    const body = label.startsWith("spellings") ? '{"success":true,"data":[]}' : OK;
    const { client, seen } = scripted([[200, body], [200, body], [200, body]], options);
    const n = await entries(async () => {
      for (let i = 0; i < 3; i++) await call(client);
    });
    assert.equal(n, 3, `${label}: every call prepared by the module`);
    assert.equal(seen.length, 3);
  }
  // And the same calls without any of these: replayed.
  const { client } = scripted();
  assert.equal(await entries(async () => (await client.account.info(), await client.account.info())), 1);
});

test("against the mock: a replayed request is the first one again, key and headers included", async () => {
  const key = await register();
  const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 0 });
  const a = await client.account.info();
  let b;
  assert.equal(await entries(async () => (b = await client.account.info())), 0);
  assert.deepEqual(b.account, a.account);
  assert.equal(b.usage.api_request_count, a.usage.api_request_count + 1, "the mock answered it");
  const log = await received(key);
  assert.equal(log.length, 2);
  const { method, path, query, headers } = log[0];
  assert.deepEqual({ method: log[1].method, path: log[1].path, query: log[1].query, headers: log[1].headers }, { method, path, query, headers });
  // A key the mock refuses: the replayed attempt's 401 is the module's invalid_api_key.
  const wrong = new TwoChat({ apiKey: "UAK-not-registered", baseUrl: MOCK, maxRetries: 0 });
  const refused = [await outcome(wrong.account.info()), await outcome(wrong.account.info())];
  assert.equal(refused[0].ok, false);
  assert.deepEqual(refused[1], refused[0]);
});
