// Start-up in a browser: headless Chromium (playwright-core, the system's /usr/bin/chromium) loads
// a page from a local server that imports the web build's glue and readies the module two ways:
//   - streaming: `init(url)`, which hands the fetch to `WebAssembly.instantiateStreaming`, so the
//     module compiles while its bytes arrive;
//   - bytes: `fetch` + `arrayBuffer()`, then `initSync({ module: bytes })` (compile and
//     instantiate on the main thread once every byte is there).
// Each run is a fresh browser profile (no HTTP cache, no cached compiled code). Times come from the
// page's own `performance.now()`: the glue's import (its snippets included, over loopback), then
// until the module is ready.
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname } from "node:path";
import { createRequire } from "node:module";
import { PKG, ROOT, median, quantile, save, log, fmt } from "./lib.mjs";

const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 11);
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

if (!existsSync(CHROMIUM)) {
  log(`browser start-up: skipped (${CHROMIUM} is missing; scripts/bootstrap.sh installs it)`);
  save("browser_startup", { skipped: `${CHROMIUM} is missing` });
  process.exit(0);
}
const { chromium } = createRequire(join(ROOT, "package.json"))("playwright-core");

const page = (mode) => `<!doctype html><meta charset="utf-8"><script type="module">
// A module of one line first: the page's first module fetch pays the fresh profile's own start-up,
// which is not the package's.
await import("./empty.js");
const t0 = performance.now();
const m = await import("./twochat.js");
const t1 = performance.now();
if (${JSON.stringify(mode)} === "streaming") {
  await m.default({ module_or_path: new URL("./twochat_bg.wasm", import.meta.url) });
} else {
  const bytes = await (await fetch(new URL("./twochat_bg.wasm", import.meta.url))).arrayBuffer();
  m.initSync({ module: bytes });
}
const t2 = performance.now();
// The module works: a timestamp read in Rust.
if (m.parseTimestamp("2023-04-17T18:50:50Z") !== 1681757450000) throw new Error("the module does not answer");
window.result = { glue_ms: t1 - t0, ready_ms: t2 - t1 };
</script>`;

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const web = join(PKG, "web");
const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  if (path === "/streaming.html" || path === "/bytes.html") {
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
    return res.end(page(path.slice(1, -5)));
  }
  if (path === "/empty.js") {
    res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" });
    return res.end("export {};\n");
  }
  const file = join(web, path);
  if (!file.startsWith(web) || !existsSync(file)) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

async function once(mode) {
  const profile = mkdtempSync(join(tmpdir(), "twochat-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const p = context.pages()[0] ?? (await context.newPage());
    await p.goto(`${origin}/${mode}.html`);
    await p.waitForFunction(() => window.result, null, { timeout: 30_000 });
    return await p.evaluate(() => window.result);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const runs = { streaming: [], bytes: [] };
try {
  await once("streaming"); // warm the OS file cache, not measured
  for (let i = 0; i < RUNS; i++) for (const mode of i % 2 ? ["bytes", "streaming"] : ["streaming", "bytes"]) runs[mode].push(await once(mode));
} finally {
  server.close();
}
const stats = (xs) => ({ median_ms: median(xs), p90_ms: quantile(xs, 0.9) });
const results = { runs: RUNS, chromium: CHROMIUM, modes: {} };
for (const [mode, rs] of Object.entries(runs)) {
  results.modes[mode] = { glue: stats(rs.map((r) => r.glue_ms)), ready: stats(rs.map((r) => r.ready_ms)) };
  log(`browser start-up (${mode}): glue import ${fmt(results.modes[mode].glue.median_ms)} ms, module ready ${fmt(results.modes[mode].ready.median_ms)} ms (median of ${RUNS})`);
}
save("browser_startup", results);
