// Memory: what a call and a parse allocate, and whether the wasm heap grows.
//
// JS heap per operation: a child Node process with a young generation large enough that a window
// of operations runs without any garbage collection (`--max-semi-space-size`, checked with a
// PerformanceObserver on "gc" entries: a window with a collection is measured again, smaller), so
// the growth of `heapUsed` over the window is what the operations allocated. Calls go to an
// instant local server (a plain Node `http` server in its own process) and are set beside raw
// `fetch` + `response.json()` and `fetch` with a per-call AbortSignal; parses beside `JSON.parse`.
// External memory (sockets' buffers) is not in `heapUsed`, for either side.
//
// wasm heap: the module's linear memory (`wasmMemoryBytes`) after 1,000 operations and after
// 100,000 (calls against the instant server; parses of the documented delivery), which the soak
// test of `make test` also holds to a bound.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PKG, webhookFixture, save, log, fmt, median, instantServer, withSignal, preparedEachTime } from "./lib.mjs";

const CALLS = Number(process.env.BENCH_MEMORY_CALLS ?? 100_000);
const PARSES = Number(process.env.BENCH_MEMORY_PARSES ?? 100_000);

if (process.argv[2] === "child") {
  await child(process.argv[3]);
} else {
  const out = execFileSync(process.execPath, ["--expose-gc", "--max-semi-space-size=256", fileURLToPath(import.meta.url), "child", PKG], {
    encoding: "utf8",
    timeout: 600_000,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const results = JSON.parse(out);
  for (const r of results.js_heap) log(`memory: ${r.what}: ${fmt(r.bytes_per_op)} B per ${r.unit} (${r.label})`);
  for (const r of results.wasm) log(`memory: wasm heap over ${r.count} ${r.what}: ${r.after_1000} → ${r.at_end} bytes (growth ${r.growth})`);
  save("memory", results);
}

async function child(pkg) {
  const { TwoChat, parseWebhook, wasmMemoryBytes } = await import(pathToFileURL(join(pkg, "index.mjs")).href);
  const { PerformanceObserver } = await import("node:perf_hooks");
  let collections = 0;
  new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  }).observe({ entryTypes: ["gc"] });
  // Lets the observer hear of a collection that just happened (its entries arrive in a later task).
  const settle = () => new Promise((r) => setTimeout(r, 5));

  /** Bytes of JS heap one operation allocates: the median over windows without a collection. */
  async function perOp(fn, n) {
    for (let i = 0; i < 200; i++) await fn(); // warm up (JIT, connections)
    const samples = [];
    for (let tries = 0; samples.length < 7 && tries < 40; tries++) {
      globalThis.gc();
      await settle();
      await settle();
      const before = collections;
      const h0 = process.memoryUsage().heapUsed;
      for (let i = 0; i < n; i++) await fn();
      const h1 = process.memoryUsage().heapUsed;
      await settle();
      if (collections === before) samples.push((h1 - h0) / n);
      else n = Math.max(10, Math.floor(n / 2));
    }
    if (samples.length === 0) throw new Error("no window without a garbage collection");
    return median(samples);
  }

  // The instant server, in its own process.
  const body = JSON.stringify({ success: true, account: { uuid: "ACC1", name: "bench" } });
  const server = await instantServer({ "/open/info": body });
  try {
    const client = new TwoChat({ apiKey: "UAK-memory-bench", baseUrl: server.url, maxRetries: 0 });
    const headers = { accept: "application/json", "x-user-api-key": "UAK-memory-bench" };
    const url = `${server.url}/open/info`;
    const raw = async () => (await fetch(url, { headers })).json();
    // The wasm heap is the module's: its calls are the ones it prepares (a replay's success never
    // enters it).
    const preparing = new TwoChat({ apiKey: "UAK-memory-bench", baseUrl: server.url, maxRetries: 0 });
    const prepared = preparedEachTime((...a) => preparing.account.info(...a));
    const signalled = withSignal(url, "GET", headers);
    const text = JSON.stringify(webhookFixture("whatsapp.message.received.media"));
    const options = { event: "whatsapp.message.received" };
    const js_heap = [
      { what: "account.info", unit: "call", label: "SDK (repeated: replays)", bytes_per_op: await perOp(() => client.account.info(), 500) },
      { what: "account.info", unit: "call", label: "SDK (prepared by the module)", bytes_per_op: await perOp(prepared, 500) },
      { what: "account.info", unit: "call", label: "raw fetch", bytes_per_op: await perOp(raw, 500) },
      { what: "account.info", unit: "call", label: "fetch with a signal", bytes_per_op: await perOp(signalled, 500) },
      { what: "message.received (fixture)", unit: "parse", label: "parseWebhook", bytes_per_op: await perOp(() => parseWebhook(text, options), 5000) },
      { what: "message.received (fixture)", unit: "parse", label: "JSON.parse", bytes_per_op: await perOp(() => JSON.parse(text), 5000) },
    ];
    const wasm = [];
    for (const [what, count, fn] of [
      ["calls (each prepared by the module)", CALLS, prepared],
      ["parses", PARSES, () => parseWebhook(text, options)],
    ]) {
      for (let i = 0; i < 1000; i++) await fn();
      const after1000 = wasmMemoryBytes();
      for (let i = 1000; i < count; i++) await fn();
      const atEnd = wasmMemoryBytes();
      wasm.push({ what, count, after_1000: after1000, at_end: atEnd, growth: atEnd - after1000 });
    }
    process.stdout.write(JSON.stringify({ calls: CALLS, parses: PARSES, js_heap, wasm }));
  } finally {
    server.stop();
  }
}
