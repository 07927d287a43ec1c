// Call overhead: a `TwoChat` call (the Node entry of the bench build, pkg/index.mjs) against the
// same request made with the global `fetch` + `response.json()`, on the mock, for a small response
// (account.info) and a large one (messages.list: a page of 100 messages). The raw request copies
// the path, query and headers that the mock recorded for the SDK's request, and the mock's log is
// checked afterwards: both sides sent the same request.
//
// Five ways alternate in one run (in a new order every turn, `turns` in lib.mjs, so drift in the
// machine's speed hits all of them alike): the SDK (the same call again and again, as a poller
// makes it: after the first, each replays the attempt the module kept, js/resources.js); raw
// fetch (the target's baseline); fetch with a per-call AbortController and timer (the least any
// client with a timeout asks of the runtime); the plain gloo-net client (bench/floor's `Client`,
// built with `--features call`): the same request through gloo-net's RequestBuilder under a
// timeout, its text, JSON.parse, and nothing else, i.e. the least a Rust client of this design
// does per call; and the same SDK call prepared by the module every time (preparedEachTime).
// Sequential: one call of each way per turn. 64 in flight: a round of 64
// concurrent calls of each way per turn, timed whole. Every way is first warmed up with the same
// number of calls, so all of them run JIT-compiled code (the first calls are the start-up rows').
//
// The same again against an instant server: a plain Node `http` server in its own process that
// answers each of the two requests with the body the mock gave, at once (no routing, no checks,
// no logging), so the figures are the client's own cost.
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { ROOT, PKG, alternate, control, median, paired, quantile, mockUrl, save, log, fmt, instantServer, withSignal, preparedEachTime } from "./lib.mjs";

const SEQ_CALLS = Number(process.env.BENCH_SEQ_CALLS ?? 300);
const CONC = 64;
const CONC_ROUNDS = Number(process.env.BENCH_CONC_ROUNDS ?? 100);
// Calls of each way before a case is measured, made in rounds of CONC.
const WARMUP_CALLS = 2048;
const PY = "+595981048477";

const { TwoChat } = await import(pathToFileURL(join(PKG, "index.mjs")).href);
const floor = createRequire(import.meta.url)(join(ROOT, "target/bench-floor/node/floor.js"));
/** The plain gloo-net client's call of the same request: a `floor.Client` (bench/floor, `call`). */
const glooNet = (method, url, headers) => {
  const client = new floor.Client(method, Object.entries(headers).flat(), 30_000);
  return () => client.call(url);
};
const MOCK = mockUrl();
const API_KEY = `UAK-bench-${process.pid}-${Date.now().toString(36)}`;

// An account the mock never rate-limits, with 150 more messages on the seeded number.
await control("POST", "/__mock/accounts", { api_key: API_KEY, requests_per_minute: 1_000_000_000 });
await control("POST", "/__mock/seed", { api_key: API_KEY, messages: { number: PY, count: 150 } });

const client = new TwoChat({ apiKey: API_KEY, baseUrl: MOCK });
// The client of the calls the module prepares every time: a client of its own, since what one
// resource keeps is what its last call kept (the SDK way's calls must keep replaying).
const preparing = new TwoChat({ apiKey: API_KEY, baseUrl: MOCK });
const q = encodeURIComponent(API_KEY);

async function lastRequest() {
  const { requests } = await control("GET", `/__mock/requests?api_key=${q}`);
  if (!requests.length) throw new Error("the mock logged no request");
  return requests[requests.length - 1];
}

// Headers the runtime's fetch adds or manages itself; everything else the SDK sent is copied.
const RUNTIME_HEADERS = new Set(["host", "connection", "content-length", "keep-alive", "transfer-encoding"]);
function sentHeaders(entry) {
  return Object.fromEntries(Object.entries(entry.headers).filter(([k]) => !RUNTIME_HEADERS.has(k)));
}

/** Throws unless two of the mock's log entries are the same request (method, path, query, headers). */
function sameRequest(what, sdkReq, req) {
  const sorted = (h) => JSON.stringify(Object.entries(h).sort(([x], [y]) => (x < y ? -1 : 1)));
  const same = req.method === sdkReq.method && req.path === sdkReq.path && req.query === sdkReq.query && sorted(sentHeaders(req)) === sorted(sentHeaders(sdkReq));
  if (!same) throw new Error(`${what} differs from the SDK's:\n${JSON.stringify(sdkReq)}\n${JSON.stringify(req)}`);
}

/** Builds the raw equivalent of one SDK call from what the mock received, and checks it. */
async function rawTwin(name, sdkCall, check) {
  await control("DELETE", `/__mock/requests?api_key=${q}`);
  const sdkBody = await sdkCall();
  const sdkReq = await lastRequest();
  const url = `${MOCK}${sdkReq.path}${sdkReq.query ? `?${sdkReq.query}` : ""}`;
  // The mock logs the key as "[redacted]"; the raw twin sends the real one, as the SDK did.
  const headers = { ...sentHeaders(sdkReq), "x-user-api-key": API_KEY };
  const raw = async () => {
    const r = await fetch(url, { method: sdkReq.method, headers });
    return r.json();
  };
  const rawBody = await raw();
  const rawReq = await lastRequest();
  sameRequest(`${name}: the raw request`, sdkReq, rawReq);
  check(sdkBody, "SDK");
  check(rawBody, "raw fetch");
  await control("DELETE", `/__mock/requests?api_key=${q}`);
  const text = await (await fetch(url, { headers })).text();
  const bytes = Buffer.byteLength(text);
  const target = `${sdkReq.path}${sdkReq.query ? `?${sdkReq.query}` : ""}`;
  return { raw, sdkReq, request: `${sdkReq.method} ${target}`, target, method: sdkReq.method, headers, text, bytes };
}

async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function warmUp(ways) {
  for (const fn of Object.values(ways)) for (let i = 0; i < WARMUP_CALLS / CONC; i++) await round(fn);
}


const round = (fn) => Promise.all(Array.from({ length: CONC }, fn));

/** The ratio of two ways' times, turn by turn (`paired` in lib.mjs). */
const ratio = (times, a, b) => paired(times[a], times[b], (x, y) => x / y);

/**
 * Medians and p90s, and each way's ratio to raw fetch's, turn by turn (`median_ratio`, the ratio
 * of the two medians, is kept too).
 */
function summary(times) {
  const stat = (xs) => ({ median_ms: median(xs), p90_ms: quantile(xs, 0.9) });
  const raw = stat(times.raw);
  const out = { n: times.raw.length };
  for (const [name, xs] of Object.entries(times)) {
    const s = stat(xs);
    out[name] = name === "raw" ? s : { ...s, ratio: ratio(times, name, "raw"), median_ratio: s.median_ms / raw.median_ms };
  }
  out.sdk_over_signal = ratio(times, "sdk", "signal");
  out.sdk_over_gloo = ratio(times, "sdk", "gloo");
  out.prepared_over_signal = ratio(times, "prepared", "signal");
  return out;
}

const cases = [
  {
    id: "info",
    label: "account.info (small)",
    sdk: () => client.account.info(),
    prepared: (c) => preparedEachTime((...a) => c.account.info(...a)),
    check: (body, who) => {
      if (body?.success !== true) throw new Error(`account.info via ${who}: ${JSON.stringify(body)}`);
    },
  },
  {
    id: "messages",
    label: "messages.list, 100 messages (large)",
    sdk: () => client.messages.list(PY),
    prepared: (c) => preparedEachTime((...a) => c.messages.list(...a), PY),
    check: (body, who) => {
      if (body?.messages?.length !== 100) throw new Error(`messages.list via ${who}: ${body?.messages?.length} messages, want 100`);
    },
  },
];

/** The five ways, sequential and 64 in flight. */
async function measure(label, server, ways) {
  await warmUp(ways);
  const seq = summary(await alternate(ways, SEQ_CALLS, (fn) => timed(() => fn())));
  const conc = summary(await alternate(ways, CONC_ROUNDS, (fn) => timed(() => round(fn))));
  for (const [mode, m] of [["sequential", seq], [`${CONC} in flight`, conc]]) {
    log(
      `calls (${server}): ${label}, ${mode}: SDK ${fmt(m.sdk.median_ms)} ms, fetch ${fmt(m.raw.median_ms)} ms, ×${fmt(m.sdk.ratio)} (of the medians ×${fmt(m.sdk.median_ratio)})` +
        ` (fetch + signal ×${fmt(m.signal.ratio)}; SDK ÷ fetch + signal ×${fmt(m.sdk_over_signal)}; prepared by the module ×${fmt(m.prepared.ratio)}; plain gloo-net ×${fmt(m.gloo.ratio)})`,
    );
  }
  return { sequential: seq, concurrent: conc };
}

// The ways a request can be given a deadline that cuts it off, against raw fetch: account.info on
// the instant server, sequential and 64 in flight. Each is a way the SDK could have taken.
async function signalWays(url, twin) {
  const init = { method: twin.method, headers: twin.headers };
  // One timer for every call's deadline (all have the same timeout, so they expire in order).
  const pending = new Set();
  let timer = null;
  const arm = () => {
    if (timer || !pending.size) return;
    const first = pending.values().next().value;
    timer = setTimeout(expire, Math.max(0, first.at - performance.now()));
  };
  const expire = () => {
    timer = null;
    const now = performance.now();
    for (const e of pending) {
      if (e.at > now) break;
      pending.delete(e);
      e.controller.abort();
    }
    arm();
  };
  const ways = {
    raw: async () => (await fetch(url, init)).json(),
    controller_and_timer: withSignal(url, twin.method, twin.headers),
    signal_timeout: async () => (await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })).json(),
    controller_only: async () => (await fetch(url, { ...init, signal: new AbortController().signal })).json(),
    one_timer_for_all: async () => {
      const e = { at: performance.now() + 30_000, controller: new AbortController() };
      pending.add(e);
      arm();
      try {
        return await (await fetch(url, { ...init, signal: e.controller.signal })).json();
      } finally {
        pending.delete(e);
      }
    },
  };
  await warmUp(ways);
  const ratios = (times) => Object.fromEntries(Object.keys(times).map((k) => [k, ratio(times, k, "raw")]));
  const out = {
    sequential: ratios(await alternate(ways, SEQ_CALLS * 3, (fn) => timed(() => fn()))),
    concurrent: ratios(await alternate(ways, CONC_ROUNDS * 2, (fn) => timed(() => round(fn)))),
  };
  if (timer) clearTimeout(timer);
  // What a signal costs undici's Request, which fetch makes of its arguments: constructions alone,
  // without and with a signal, in batches that alternate.
  const BATCH = 2000;
  const BATCHES = 101;
  // Both make an AbortController, so the difference is the signal's in the Request alone.
  const make = {
    plain: () => new AbortController() && new Request(url, { ...init }),
    with_signal: () => new Request(url, { ...init, signal: new AbortController().signal }),
  };
  const per = { plain: [], with_signal: [] };
  let made = 0;
  for (let b = 0; b < BATCHES + 10; b++) {
    for (const [k, f] of Object.entries(make)) {
      const t0 = performance.now();
      for (let i = 0; i < BATCH; i++) made += f().method.length;
      if (b >= 10) per[k].push(((performance.now() - t0) / BATCH) * 1000);
    }
  }
  if (!made) throw new Error("no Request made");
  out.request_us = { batch: BATCH, batches: BATCHES, plain: median(per.plain), with_signal: median(per.with_signal) };
  const show = (r) => Object.entries(r).filter(([k]) => k !== "raw").map(([k, v]) => `${k} ×${fmt(v)}`).join(", ");
  log(`calls (instant server): the ways to cut a request off, ÷ raw fetch: sequential ${show(out.sequential)}; ${CONC} in flight ${show(out.concurrent)}`);
  log(`calls: new Request(url, init): ${fmt(out.request_us.plain)} µs, with a signal ${fmt(out.request_us.with_signal)} µs`);
  return out;
}

const results = { seq_calls: SEQ_CALLS, concurrency: CONC, conc_rounds: CONC_ROUNDS, warmup_calls: WARMUP_CALLS, cases: [] };
const twins = [];
for (const c of cases) {
  const twin = await rawTwin(c.id, c.sdk, c.check);
  twins.push(twin);
  log(`calls: ${c.label}: ${twin.request} (${twin.bytes} bytes), headers ${Object.keys(twin.headers).sort().join(", ")}`);
  const target = `${MOCK}${twin.target}`;
  const gloo = glooNet(twin.method, target, twin.headers);
  c.check(await gloo(), "gloo-net");
  sameRequest(`${c.id}: gloo-net's request`, twin.sdkReq, await lastRequest());
  await control("DELETE", `/__mock/requests?api_key=${q}`);
  // The same call prepared by the module every time (see preparedEachTime): both of its forms
  // make the SDK's request.
  const prepared = c.prepared(preparing);
  for (let i = 0; i < 2; i++) {
    c.check(await prepared(), "SDK (prepared by the module)");
    sameRequest(`${c.id}: the prepared call's request`, twin.sdkReq, await lastRequest());
  }
  await control("DELETE", `/__mock/requests?api_key=${q}`);
  const m = await measure(c.label, "mock", { sdk: c.sdk, raw: twin.raw, signal: withSignal(target, twin.method, twin.headers), gloo, prepared });
  results.cases.push({ id: c.id, server: "mock", label: c.label, request: twin.request, headers: Object.keys(twin.headers).sort(), response_bytes: twin.bytes, ...m });
}
await control("DELETE", `/__mock/requests?api_key=${q}`);

// The instant server, with the bodies the mock gave.
const instant = await instantServer(Object.fromEntries(twins.map((t) => [t.target, t.text])));
try {
  const fast = new TwoChat({ apiKey: API_KEY, baseUrl: instant.url });
  const fastPreparing = new TwoChat({ apiKey: API_KEY, baseUrl: instant.url });
  const sdkCalls = { info: () => fast.account.info(), messages: () => fast.messages.list(PY) };
  for (const [i, c] of cases.entries()) {
    const twin = twins[i];
    const url = `${instant.url}${twin.target}`;
    const raw = async () => (await fetch(url, { method: twin.method, headers: twin.headers })).json();
    c.check(await sdkCalls[c.id](), "SDK (instant server)");
    c.check(await raw(), "raw fetch (instant server)");
    const gloo = glooNet(twin.method, url, twin.headers);
    c.check(await gloo(), "gloo-net (instant server)");
    const prepared = c.prepared(fastPreparing);
    c.check(await prepared(), "SDK prepared by the module (instant server)");
    const m = await measure(c.label, "instant server", { sdk: sdkCalls[c.id], raw, signal: withSignal(url, twin.method, twin.headers), gloo, prepared });
    results.cases.push({ id: c.id, server: "instant", label: c.label, request: twin.request, headers: Object.keys(twin.headers).sort(), response_bytes: twin.bytes, ...m });
  }
  results.signals = await signalWays(`${instant.url}${twins[0].target}`, twins[0]);
} finally {
  instant.stop();
}
save("calls", results);
