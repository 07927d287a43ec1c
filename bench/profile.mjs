// Where the time of an SDK call and of parseWebhook goes: V8's sampling profiler (node:inspector)
// over a fixed number of operations, self time per category, per operation. Not a timing
// benchmark (the profiler slows everything down a little); it says what weighs when the
// overhead targets are missed.
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PKG, webhookFixture, control, mockUrl, save, log, fmt, turns } from "./lib.mjs";

const CALLS = Number(process.env.BENCH_PROFILE_CALLS ?? 1500);
const PARSES = Number(process.env.BENCH_PROFILE_PARSES ?? 20000);
const { TwoChat, parseWebhook } = await import(pathToFileURL(join(PKG, "index.mjs")).href);

function category(frame) {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)") return "idle (waiting for the mock)";
  if (functionName === "(program)" || functionName === "(root)") return "V8 (program)";
  if (url.startsWith("wasm://") || /^wasm-function|^\$/.test(functionName)) return "wasm (Rust)";
  if (url.includes("/node/twochat.js") || url.includes("/snippets/")) return "SDK JS glue (wasm-bindgen)";
  if (url.includes("undici")) return "fetch (undici)";
  if (url.startsWith("node:") || url === "" ) return url === "" ? "native (JSON.parse, strings, sockets…)" : "Node internals (streams, timers, AbortSignal…)";
  if (url.includes("/zod/")) return "zod";
  return "bench harness";
}

async function profile(fn, n) {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  await fn();
  const { profile: p } = await session.post("Profiler.stop");
  session.disconnect();
  const self = new Map();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const out = {};
  const fns = {};
  for (const node of p.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const c = category(node.callFrame);
    out[c] = (out[c] ?? 0) + us / n;
    const f = `${node.callFrame.functionName || "(anonymous)"} (${c})`;
    fns[f] = (fns[f] ?? 0) + us / n;
  }
  return { categories: out, functions: fns }; // µs per operation
}

// --- calls: account.info, SDK vs raw fetch (same request) ----------------------------------------
const MOCK = mockUrl();
const API_KEY = `UAK-bench-profile-${process.pid}`;
await control("POST", "/__mock/accounts", { api_key: API_KEY, requests_per_minute: 1_000_000_000 });
const client = new TwoChat({ apiKey: API_KEY, baseUrl: MOCK });
await client.account.info();
const { requests } = await control("GET", `/__mock/requests?api_key=${encodeURIComponent(API_KEY)}`);
const sdkReq = requests[requests.length - 1];
const headers = {
  ...Object.fromEntries(Object.entries(sdkReq.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k))),
  "x-user-api-key": API_KEY, // logged as "[redacted]" by the mock
};
const raw = async () => (await fetch(`${MOCK}${sdkReq.path}`, { headers })).json();
for (let i = 0; i < 200; i++) {
  await client.account.info();
  await raw();
}
// The ways take turns, a segment of calls each in a new order every turn, each segment profiled on
// its own: what drifts during the run (the heap, the JIT's state, the machine) reaches them alike.
const SEGMENTS = 10;
const perWay = { sdk: () => client.account.info(), raw };
const sums = Object.fromEntries(Object.keys(perWay).map((k) => [k, { categories: {}, functions: {} }]));
const order = turns(Object.keys(perWay));
const add = (into, from) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v / SEGMENTS;
};
for (let t = 0; t < SEGMENTS; t++) {
  for (const way of order()) {
    const n = Math.ceil(CALLS / SEGMENTS);
    const p = await profile(async () => {
      for (let i = 0; i < n; i++) await perWay[way]();
    }, n);
    add(sums[way].categories, p.categories);
    add(sums[way].functions, p.functions);
  }
}
const { sdk: sdkCalls, raw: rawCalls } = sums;
await control("DELETE", `/__mock/requests?api_key=${encodeURIComponent(API_KEY)}`);

// --- parseWebhook vs JSON.parse, the small fixture --------------------------------------------------
const body = JSON.stringify(webhookFixture("whatsapp.message.received.media"));
let sink = 0;
for (let i = 0; i < 2000; i++) sink += parseWebhook(body, { event: "whatsapp.message.received" }).payload ? 1 : 0;
const sdkParse = await profile(async () => {
  for (let i = 0; i < PARSES; i++) sink += parseWebhook(body, { event: "whatsapp.message.received" }).payload ? 1 : 0;
}, PARSES);
const jsonParse = await profile(async () => {
  for (let i = 0; i < PARSES; i++) sink += JSON.parse(body) ? 1 : 0;
}, PARSES);
if (!sink) throw new Error("nothing parsed");

function diff(a, b, min = 0.05) {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .map((k) => ({ category: k, sdk_us: a[k] ?? 0, baseline_us: b[k] ?? 0, extra_us: (a[k] ?? 0) - (b[k] ?? 0) }))
    .filter((r) => Math.abs(r.sdk_us) + Math.abs(r.baseline_us) >= min)
    .sort((x, y) => y.extra_us - x.extra_us);
}
const calls = diff(sdkCalls.categories, rawCalls.categories);
const parse = diff(sdkParse.categories, jsonParse.categories);
const fnDiff = (a, b) => diff(a.functions, b.functions, 0.5).filter((r) => !r.category.startsWith("(idle)")).slice(0, 12).map(({ category, ...r }) => ({ function: category, ...r }));
save("profile", {
  calls_n: CALLS,
  calls_segments: SEGMENTS,
  parses_n: PARSES,
  calls,
  parse,
  calls_functions: fnDiff(sdkCalls, rawCalls),
  parse_functions: fnDiff(sdkParse, jsonParse),
});
const top = (rows) => rows.filter((r) => !r.category.startsWith("idle")).slice(0, 3).map((r) => `${r.category} +${fmt(r.extra_us)} µs`).join(", ");
log(`profile: account.info, SDK − fetch per call: ${top(calls)}`);
log(`profile: small webhook, parseWebhook − JSON.parse per parse: ${top(parse)}`);
