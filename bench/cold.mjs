// The SDK's own work per call, with warm and with cold caches. The global `fetch` is replaced by
// one that answers at once with a ready Response-like object (no socket, no streams), so what is
// timed is the client's own work: raw `fetch` + `json()`, `fetch` with a per-call AbortController
// and timer, and `client.account.info()`. Warm: the calls run back to back, so the code and data
// they touch stay in the CPU's caches. Cold: between two calls a buffer larger than the caches is
// walked, as a real exchange's sockets, HTTP parser and other calls do between two steps of a
// call. Each call is timed alone (the walk is not timed); medians over many calls, the three ways
// interleaved.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { PKG, median, save, log, fmt } from "./lib.mjs";

const CALLS = Number(process.env.BENCH_COLD_CALLS ?? 5000);
const WARMUP = 3000;
const EVICT_BYTES = 8 * 1024 * 1024;

const body = JSON.stringify({ success: true, account: { uuid: "ACC1", name: "bench", plan: "pro" }, numbers: [] });
// A Response as fetch resolves it, minus the stream: `instanceof Response`, a status, the body.
function answer() {
  const r = Object.create(Response.prototype);
  Object.defineProperties(r, {
    status: { value: 200 },
    type: { value: "basic" },
    text: { value: () => Promise.resolve(body) },
    json: { value: () => Promise.resolve(JSON.parse(body)) },
  });
  return r;
}
const realFetch = globalThis.fetch;
globalThis.fetch = () => Promise.resolve(answer());

const { TwoChat } = await import(pathToFileURL(join(PKG, "index.mjs")).href);
const url = "http://127.0.0.1:9/open/info";
const headers = { accept: "application/json", "x-user-api-key": "UAK-bench" };
const client = new TwoChat({ apiKey: "UAK-bench", baseUrl: "http://127.0.0.1:9" });
const ways = {
  raw: async () => (await fetch(url, { method: "GET", headers })).json(),
  signal: async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await (await fetch(url, { method: "GET", headers, signal: controller.signal })).json();
    } finally {
      clearTimeout(timer);
    }
  },
  sdk: () => client.account.info(),
};
const check = await ways.sdk();
if (check?.success !== true) throw new Error(`account.info with the instant fetch: ${JSON.stringify(check)}`);

const evict = new Uint8Array(EVICT_BYTES);
let sink = 0;
function walk() {
  for (let i = 0; i < evict.length; i += 64) sink += evict[i]++;
}

async function run(cold) {
  const names = Object.keys(ways);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < CALLS; i++) {
    for (const n of i % 2 === 0 ? names : [...names].reverse()) {
      if (cold) walk();
      const t0 = performance.now();
      await ways[n]();
      times[n].push((performance.now() - t0) * 1000);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n])]));
}

for (const fn of Object.values(ways)) for (let i = 0; i < WARMUP; i++) await fn();
const warm = await run(false);
const cold = await run(true);
globalThis.fetch = realFetch;
if (sink === -1) log("");
for (const [label, r] of [["warm", warm], ["cold", cold]]) {
  log(`cold: ${label} caches, µs per call: fetch ${fmt(r.raw)}, fetch + signal ${fmt(r.signal)}, SDK ${fmt(r.sdk)} (SDK − fetch + signal: ${fmt(r.sdk - r.signal)})`);
}
save("cold", { calls: CALLS, evict_bytes: EVICT_BYTES, warm_us: warm, cold_us: cold });
