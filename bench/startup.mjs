// Start-up of the released module.
//
// Node: fresh child processes (startup-child.mjs), each timing WebAssembly.compile of the web
// build's bytes + initSync; the median over the children.
//
// workerd (the pinned Miniflare of the repo root): fresh Miniflare instances, each running one of
// six Workers that answer GET / (see WORKERS). For each: t0 before `new Miniflare(...)`, t1 when
// `ready` resolved, t2 when the first response arrived. Every module is handed to Miniflare with
// its contents (as a bundle would be), so Miniflare's own import walker, a development-time cost
// that parses the JS in Node, stays out of the figures.
//   - the start-up target's measure: (t2 − t1) of the Worker that calls initSync on its first request minus
//     (t2 − t1) of the Worker without the wasm;
//   - everything the package adds to a cold start: (t2 − t0) of the Worker importing the package's
//     "workerd" entry (initSync at the top level, which workerd runs before `ready`) minus the same
//     without the wasm, split into JS glue, wasm load + compile and instantiation.
//   - what Miniflare itself adds per byte: the same glue and .wasm bytes as inert Data modules.
// The whole cold start that the target holds is measured again with workerd on its own (`workerd
// serve` with the modules embedded from disk, no Miniflare), free of that cost.
// Each difference is the median, over the rounds, of the two Workers' difference within a round.
import { execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync, readFileSync, readdirSync, existsSync, cpSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { PKG, ROOT, OUT, alternate, paired, webhookFixture, median, quantile, save, log, fmt } from "./lib.mjs";

const NODE_RUNS = Number(process.env.BENCH_NODE_RUNS ?? 21);
const WORKERD_RUNS = Number(process.env.BENCH_WORKERD_RUNS ?? 61);
const stats = (xs) => ({ median_ms: median(xs), p90_ms: quantile(xs, 0.9), min_ms: Math.min(...xs) });

// --- Node -----------------------------------------------------------------------------------------
// The package is "type": "commonjs" and its web build is ES modules meant for browsers, bundlers
// and workers; a copy marked "type": "module" lets Node import the web glue as it is.
const webCopy = join(OUT, "web-esm");
rmSync(webCopy, { recursive: true, force: true });
cpSync(join(PKG, "web"), webCopy, { recursive: true });
writeFileSync(join(webCopy, "package.json"), '{ "type": "module" }\n');

const runs = [];
for (let i = 0; i < NODE_RUNS + 1; i++) {
  const out = execFileSync(process.execPath, [join(ROOT, "bench", "startup-child.mjs"), join(webCopy, "twochat.js"), join(webCopy, "twochat_bg.wasm")], {
    encoding: "utf8",
    timeout: 60_000,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (i > 0) runs.push(JSON.parse(out)); // the first one warms the disk cache
}
if (!(runs[0].endpoints > 0)) throw new Error(`the module did not answer after initSync: ${JSON.stringify(runs[0])}`);
const node = {
  runs: NODE_RUNS,
  node_version: process.version,
  compile: stats(runs.map((r) => r.compile_ms)),
  init: stats(runs.map((r) => r.init_ms)),
  total: stats(runs.map((r) => r.compile_ms + r.init_ms)),
  import_glue: stats(runs.map((r) => r.import_ms)),
  first_call: stats(runs.map((r) => r.first_call_ms)),
};
log(`startup: Node: compile ${fmt(node.compile.median_ms)} ms + initSync ${fmt(node.init.median_ms)} ms = ${fmt(node.total.median_ms)} ms (median of ${NODE_RUNS} processes)`);

// --- workerd --------------------------------------------------------------------------------------
let Miniflare;
try {
  ({ Miniflare } = await import("miniflare")); // resolves to the repo root's node_modules (pinned in its package.json)
} catch (e) {
  throw new Error(`miniflare is not installed at the repo root (npm ci there): ${e.message}`);
}
const miniflareVersion = JSON.parse(readFileSync(join(ROOT, "node_modules", "miniflare", "package.json"), "utf8")).version;
if (!existsSync(join(PKG, "worker", "index.js"))) throw new Error(`${PKG}/worker/index.js is missing`);

const dir = join(OUT, "workers");
mkdirSync(dir, { recursive: true });
const rel = (p) => {
  const r = relative(dir, p).split("\\").join("/");
  return r.startsWith(".") ? r : `./${r}`;
};
const web = join(PKG, "web");
// The glue (its snippets are bundled into it by the package build; any left beside it count too).
const snippetDir = join(web, "snippets");
const glueFiles = [
  join(web, "twochat.js"),
  ...(existsSync(snippetDir) ? readdirSync(snippetDir, { recursive: true }).filter((f) => f.endsWith(".js")).map((f) => join(snippetDir, f)) : []),
];
const wasmFile = join(web, "twochat_bg.wasm");
const entryFiles = [join(PKG, "worker", "index.js"), join(web, "index.js")];

// What the Workers with twochat do on their first request, as a Worker receiving 2Chat's webhooks
// does: make a client and read a delivery (the documented message.received fixture).
const DELIVERY = JSON.stringify(JSON.stringify(webhookFixture("whatsapp.message.received.media")));
const FIRST_REQUEST = `const client = new TwoChat({ apiKey: "UAK-startup-probe", baseUrl: "https://api.example.invalid" });
  const delivery = parseWebhook(${DELIVERY}, { event: "whatsapp.message.received" });
  return new Response(String(client.baseUrl.length + Object.keys(delivery).length));`;

// Each Worker answers GET / with a number; what one adds over the one before is a part of the start-up.
const WORKERS = {
  // No twochat at all.
  baseline: { files: [], code: `export default { fetch() { return new Response("75"); } };` },
  // The web build's JS glue, no wasm.
  glue: { files: glueFiles, code: `import * as twochat from "${rel(join(web, "twochat.js"))}";\nexport default { fetch() { return new Response(String(Object.keys(twochat).length)); } };` },
  // The glue and the .wasm as a compiled module (workerd compiles it while loading), not instantiated.
  compiled: {
    files: [...glueFiles, wasmFile],
    code: `import * as twochat from "${rel(join(web, "twochat.js"))}";\nimport module from "${rel(wasmFile)}";\nexport default { fetch() { return new Response(String(Object.keys(twochat).length + WebAssembly.Module.exports(module).length)); } };`,
  },
  // The package's "workerd" entry, as users import it: initSync at the top level.
  entry: {
    files: [...glueFiles, wasmFile, ...entryFiles],
    code: `import { TwoChat, parseWebhook } from "${rel(join(PKG, "worker", "index.js"))}";\nexport default { fetch() {\n  ${FIRST_REQUEST}\n} };`,
  },
  // The same glue and .wasm bytes as inert Data modules (neither parsed nor compiled): what Miniflare
  // itself costs per byte it carries to workerd (its capnp encoder copies the whole config each time
  // its buffer grows), which a deployed Worker does not pay (see "workerd on its own" below).
  bytes: {
    files: [...glueFiles, wasmFile],
    data: true,
    code: `${[...glueFiles, wasmFile].map((f, i) => `import b${i} from "${rel(f)}";`).join("\n")}\nexport default { fetch() { return new Response(String(${[...glueFiles, wasmFile].map((_, i) => `b${i}.byteLength`).join(" + ")})); } };`,
  },
  // The web build with initSync on the first request: instantiation falls between ready and the response.
  lazy: {
    files: [...glueFiles, wasmFile],
    code: `import { initSync, TwoChat, parseWebhook } from "${rel(join(web, "twochat.js"))}";\nimport module from "${rel(wasmFile)}";\nlet ready = false;\nexport default { fetch() {\n  if (!ready) { initSync({ module }); ready = true; }\n  ${FIRST_REQUEST}\n} };`,
  },
};
const modules = {};
for (const [name, w] of Object.entries(WORKERS)) {
  const main = join(dir, `${name}.mjs`);
  writeFileSync(main, w.code + "\n");
  const type = (path) => (w.data ? "Data" : path.endsWith(".wasm") ? "CompiledWasm" : "ESModule");
  modules[name] = [{ type: "ESModule", path: main, contents: readFileSync(main) }, ...w.files.map((path) => ({ type: type(path), path, contents: readFileSync(path) }))];
}
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "examples", "worker", "wrangler.toml"), "utf8"))?.[1] ?? "2026-04-20";

async function coldStart(name) {
  const t0 = performance.now();
  const mf = new Miniflare({ modules: modules[name], modulesRoot: ROOT, compatibilityDate, host: "127.0.0.1", verbose: false });
  try {
    await mf.ready;
    const t1 = performance.now();
    const r = await mf.dispatchFetch("http://localhost/");
    const body = await r.text();
    const t2 = performance.now();
    if (r.status !== 200 || !(Number(body) > 0)) throw new Error(`Worker ${name} answered ${r.status} ${body}`);
    return { to_ready_ms: t1 - t0, ready_to_first_ms: t2 - t1, total_ms: t2 - t0 };
  } finally {
    await mf.dispose();
  }
}

/** Each Worker's cold starts (`start(name)`), `WORKERD_RUNS` rounds of all of them in turns. */
const rounds = (names, start) => alternate(Object.fromEntries(names.map((n) => [n, n])), WORKERD_RUNS, start);
/** Each Worker's statistics of the figures `keys` (`{ label: figure }`) of its cold starts. */
const variantsOf = (samples, keys) =>
  Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, Object.fromEntries(Object.entries(keys).map(([label, k]) => [label, stats(xs.map((x) => x[k]))]))]));
// What one Worker adds over another: their difference round by round (`paired`: both ran in the
// same round, back to back), which the machine's drift from round to round does not reach, unlike
// a difference of two medians of ~100 ms runs.
const deltaOf = (samples) => (a, b, k) => paired(samples[a], samples[b], (x, y) => x[k] - y[k]);

await coldStart("baseline"); // warms the disk cache and workerd's binary
for (const name of Object.keys(WORKERS)) await coldStart(name); // and proves every Worker answers
const samples = await rounds(Object.keys(WORKERS), coldStart);
const variants = variantsOf(samples, { to_ready: "to_ready_ms", ready_to_first: "ready_to_first_ms", total: "total_ms" });
const m = (name, k) => variants[name][k].median_ms;
const delta = deltaOf(samples);
const workerd = {
  runs: WORKERD_RUNS,
  miniflare: miniflareVersion,
  compatibility_date: compatibilityDate,
  variants,
  delta_ready_to_first_ms: delta("lazy", "baseline", "ready_to_first_ms"),
  delta_total_entry_ms: delta("entry", "baseline", "total_ms"),
  delta_total_bytes_ms: delta("bytes", "baseline", "total_ms"),
  parts_ms: {
    glue: delta("glue", "baseline", "total_ms"),
    wasm_load_compile: delta("compiled", "glue", "total_ms"),
    instantiate: delta("entry", "compiled", "total_ms"),
  },
};
log(
  `startup: workerd: ready→first response with initSync ${fmt(m("lazy", "ready_to_first"))} vs ${fmt(m("baseline", "ready_to_first"))} ms without the wasm (Δ ${fmt(workerd.delta_ready_to_first_ms)} ms);` +
    ` cold start with the package's entry Δ ${fmt(workerd.delta_total_entry_ms)} ms (glue ${fmt(workerd.parts_ms.glue)}, wasm load+compile ${fmt(workerd.parts_ms.wasm_load_compile)}, instantiate ${fmt(workerd.parts_ms.instantiate)})`,
);

// --- workerd on its own -----------------------------------------------------------------------------
// The workerd binary Miniflare runs (its pinned `workerd` dependency), started as a deployment
// starts it: `workerd serve` with a config whose modules are embedded from disk, no Miniflare in
// between. For each Worker: t0 before the process is spawned, t1 when workerd reports on its
// control fd that the socket listens (the modules are loaded, the `.wasm` compiled and the
// top-level code run), t2 at the first response. The Workers: none of twochat; the one-endpoint
// gloo-net floor of the size section (its web build, `initSync` at the top level); the package's
// "workerd" entry making a client and reading a delivery, as above.
const workerdBin = createRequire(join(ROOT, "node_modules", "miniflare", "package.json"))("workerd").default;
const direct = join(OUT, "workerd-direct");
rmSync(direct, { recursive: true, force: true });
const FLOOR = join(ROOT, "target", "bench-floor", "pkg");
if (!existsSync(join(FLOOR, "floor_bg.wasm"))) throw new Error(`${FLOOR} is missing (built by scripts/bench.sh before the size section)`);
const webModules = readdirSync(web, { recursive: true }).filter((f) => /\.(js|wasm)$/.test(f)).map((f) => `web/${f.split("\\").join("/")}`);
cpSync(web, join(direct, "web"), { recursive: true });
cpSync(join(PKG, "worker"), join(direct, "worker"), { recursive: true });
cpSync(FLOOR, join(direct, "floor"), { recursive: true });
const DIRECT = {
  baseline: { modules: [], code: WORKERS.baseline.code },
  floor: {
    modules: ["floor/floor.js", "floor/floor_bg.wasm"],
    code: `import * as floor from "./floor/floor.js";\nimport module from "./floor/floor_bg.wasm";\nfloor.initSync({ module });\nexport default { fetch() { return new Response(String(Object.keys(floor).length)); } };`,
  },
  entry: {
    modules: ["worker/index.js", ...webModules],
    code: `import { TwoChat, parseWebhook } from "./worker/index.js";\nexport default { fetch() {\n  ${FIRST_REQUEST}\n} };`,
  },
};
for (const [name, w] of Object.entries(DIRECT)) {
  writeFileSync(join(direct, `${name}.mjs`), w.code + "\n");
  const list = [`${name}.mjs`, ...w.modules].map((m) => `(name = "${m}", ${m.endsWith(".wasm") ? "wasm" : "esModule"} = embed "${m}")`);
  writeFileSync(
    join(direct, `${name}.capnp`),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = (modules = [
    ${list.join(",\n    ")}
  ], compatibilityDate = "${compatibilityDate}"))],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
`,
  );
}

async function workerdColdStart(name) {
  const t0 = performance.now();
  const child = spawn(workerdBin, ["serve", join(direct, `${name}.capnp`), "--control-fd=3"], { stdio: ["ignore", "ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const port = await new Promise((resolve, reject) => {
      createInterface(child.stdio[3]).on("line", (line) => {
        const m = JSON.parse(line);
        if (m.event === "listen" && m.socket === "http") resolve(m.port);
      });
      exited.then((code) => reject(new Error(`workerd (${name}) exited with ${code} before listening: ${stderr}`)));
    });
    const t1 = performance.now();
    const r = await fetch(`http://127.0.0.1:${port}/`);
    const body = await r.text();
    const t2 = performance.now();
    if (r.status !== 200 || !(Number(body) > 0)) throw new Error(`Worker ${name} (workerd) answered ${r.status} ${body} ${stderr}`);
    return { to_listen_ms: t1 - t0, listen_to_first_ms: t2 - t1, total_ms: t2 - t0 };
  } finally {
    child.kill();
    await exited;
  }
}

for (const name of Object.keys(DIRECT)) await workerdColdStart(name); // warms the disk cache, proves every Worker answers
const directSamples = await rounds(Object.keys(DIRECT), workerdColdStart);
const directDelta = deltaOf(directSamples);
workerd.direct = {
  runs: WORKERD_RUNS,
  workerd: execFileSync(workerdBin, ["--version"], { encoding: "utf8" }).trim(),
  variants: variantsOf(directSamples, { to_listen: "to_listen_ms", listen_to_first: "listen_to_first_ms", total: "total_ms" }),
  delta_total_entry_ms: directDelta("entry", "baseline", "total_ms"),
  delta_total_floor_ms: directDelta("floor", "baseline", "total_ms"),
  delta_to_listen_entry_ms: directDelta("entry", "baseline", "to_listen_ms"),
  delta_first_entry_ms: directDelta("entry", "baseline", "listen_to_first_ms"),
};
log(
  `startup: workerd on its own: whole cold start Δ ${fmt(workerd.direct.delta_total_entry_ms)} ms with the package's entry` +
    ` (to listening ${fmt(workerd.direct.delta_to_listen_entry_ms)}, first response ${fmt(workerd.direct.delta_first_entry_ms)}); the one-endpoint floor Δ ${fmt(workerd.direct.delta_total_floor_ms)} ms;` +
    ` through Miniflare the bytes alone, as Data modules, Δ ${fmt(workerd.delta_total_bytes_ms)} ms`,
);

save("startup", { node, workerd });
