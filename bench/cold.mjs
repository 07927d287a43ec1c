// The SDK's own work per call, with warm and with cold caches. The global `fetch` is replaced by
// one that answers at once with a ready Response-like object (no socket, no streams), so what is
// timed is the client's own work: raw `fetch` + `json()`, `fetch` with a per-call AbortController
// and timer, `client.account.info()` (a repeated call, which replays the attempt the module kept),
// the same call prepared by the module every time (`preparedEachTime` in lib.mjs), and
// `client.groups.list(number)`, whose answer the module decides (the endpoint has spellings to
// fill, so `attempt` does not settle its success). Warm: the calls run back to back, so the code and data
// they touch stay in the CPU's caches. Cold: between two calls a buffer is walked (one write per
// cache line), as a real exchange's sockets, HTTP parser and other calls disturb the caches
// between two steps of a call: 8 MB, more than a core's own caches, and 32 MB, the size of a
// server's whole last-level cache (the report gives this CPU's). Each call is timed alone (the
// walk is not timed); medians over many calls, the five ways interleaved.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { PKG, alternate, median, save, log, fmt, withSignal, preparedEachTime } from "./lib.mjs";

const CALLS = Number(process.env.BENCH_COLD_CALLS ?? 5000);
const WARMUP = 3000;
const EVICT_MB = [8, 32];

// This CPU's unified caches as Linux lists them, e.g. "L2 1024K, L3 32768K" (empty elsewhere).
function caches() {
  const dir = "/sys/devices/system/cpu/cpu0/cache";
  try {
    const read = (d, f) => readFileSync(join(dir, d, f), "utf8").trim();
    return readdirSync(dir)
      .filter((d) => d.startsWith("index") && read(d, "type") === "Unified")
      .map((d) => `L${read(d, "level")} ${read(d, "size")}`)
      .join(", ");
  } catch {
    return "";
  }
}

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
// A client of its own for the calls the module prepares: a resource keeps what its last call kept.
const preparing = new TwoChat({ apiKey: "UAK-bench", baseUrl: "http://127.0.0.1:9" });
const ways = {
  raw: async () => (await fetch(url, { method: "GET", headers })).json(),
  signal: withSignal(url, "GET", headers),
  sdk: () => client.account.info(),
  prepared: preparedEachTime((...a) => preparing.account.info(...a)),
  module: () => client.groups.list("+595981048477"),
};
for (const [name, r] of [["account.info", await ways.sdk()], ["account.info prepared by the module", await ways.prepared()], ["groups.list", await ways.module()]]) {
  if (r?.success !== true) throw new Error(`${name} with the instant fetch: ${JSON.stringify(r)}`);
}

// One write per cache line: the writes are observable, so the engine cannot skip the walk.
const buffers = Object.fromEntries(EVICT_MB.map((mb) => [mb, new Uint8Array(mb * 1024 * 1024)]));
function walk(evict) {
  for (let i = 0; i < evict.length; i += 64) evict[i]++;
}

/** Each way's median µs per call, the caches walked over `evict` (when given) before each call. */
async function run(evict) {
  const times = await alternate(ways, CALLS, async (fn) => {
    if (evict) walk(evict);
    const t0 = performance.now();
    await fn();
    return (performance.now() - t0) * 1000;
  });
  return Object.fromEntries(Object.entries(times).map(([n, xs]) => [n, median(xs)]));
}

for (const fn of Object.values(ways)) for (let i = 0; i < WARMUP; i++) await fn();
const warm = await run(null);
const cold = [];
for (const mb of EVICT_MB) cold.push({ evict_mb: mb, us: await run(buffers[mb]) });
globalThis.fetch = realFetch;
for (const [label, r] of [["warm caches", warm], ...cold.map((c) => [`after a walk over ${c.evict_mb} MB`, c.us])]) {
  log(`cold: ${label}, µs per call: fetch ${fmt(r.raw)}, fetch + signal ${fmt(r.signal)}, SDK ${fmt(r.sdk)} (SDK − fetch + signal: ${fmt(r.sdk - r.signal)}), prepared by the module ${fmt(r.prepared)}, groups.list through the module ${fmt(r.module)}`);
}
save("cold", { calls: CALLS, caches: caches(), warm_us: warm, cold });
