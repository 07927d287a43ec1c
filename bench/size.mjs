// Size of the released package (web build: what a browser or a Worker downloads) against the
// one-endpoint gloo-net floor (bench/floor), and what weighs in the module (twiggy).
//
// Inputs, built by scripts/bench.sh:
//   $BENCH_PKG (target/pkg-bench)        PKG_OUT=… scripts/build-pkg.sh, release
//   target/bench-floor/pkg/               wasm-pack --target web --release of bench/floor
//   target/bench-prof/names.wasm          the same release wasm, wasm-opt -Oz -g (names kept)
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { PKG, ROOT, control, mockUrl, save, log, fmt } from "./lib.mjs";

export const BUDGET_BYTES = 80_000; // "at most 80 KB gzip in total", 1 KB = 1000 bytes
const FLOOR = join(ROOT, "target", "bench-floor", "pkg");
const PROF = join(ROOT, "target", "bench-prof");

const gzip9 = (file) => execFileSync("gzip", ["-9", "-n", "-c", file], { maxBuffer: 64 << 20 }).length;
const raw = (file) => statSync(file).size;

function jsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith(".js") && statSync(f).isFile())
    .sort();
}

function sizeOf(files) {
  const rows = files.map((f) => ({ file: f, raw: raw(f), gzip: gzip9(f) }));
  return { files: rows.map((r) => ({ ...r, file: relative(ROOT, r.file) })), raw: rows.reduce((s, r) => s + r.raw, 0), gzip: rows.reduce((s, r) => s + r.gzip, 0) };
}

// --- the SDK ---------------------------------------------------------------------------------------
const web = join(PKG, "web");
const sdkWasm = join(web, "twochat_bg.wasm");
const sdk = {
  wasm: sizeOf([sdkWasm]),
  glue: sizeOf([join(web, "twochat.js"), ...jsFiles(join(web, "snippets"))]),
};
sdk.total_gzip = sdk.wasm.gzip + sdk.glue.gzip;
sdk.total_raw = sdk.wasm.raw + sdk.glue.raw;

// --- the floor -------------------------------------------------------------------------------------
const floor = {
  wasm: sizeOf([join(FLOOR, "floor_bg.wasm")]),
  glue: sizeOf([join(FLOOR, "floor.js"), ...jsFiles(join(FLOOR, "snippets"))]),
};
floor.total_gzip = floor.wasm.gzip + floor.glue.gzip;
floor.total_raw = floor.wasm.raw + floor.glue.raw;

// The floor must really be a working client: one call to the mock through it.
writeFileSync(join(FLOOR, "package.json"), '{ "type": "module" }\n');
{
  const { initSync, info } = await import(pathToFileURL(join(FLOOR, "floor.js")).href);
  initSync({ module: readFileSync(join(FLOOR, "floor_bg.wasm")) });
  const key = `UAK-bench-floor-${process.pid}`;
  await control("POST", "/__mock/accounts", { api_key: key, requests_per_minute: 1000 });
  const body = await info(mockUrl(), key);
  if (body?.success !== true) throw new Error(`the floor client's info() gave ${JSON.stringify(body)}`);
  log("size: the floor client answered GET /open/info against the mock");
}

// --- what weighs (twiggy on the names-kept build) --------------------------------------------------
const names = join(PROF, "names.wasm");
const twiggy = (...args) => execFileSync("twiggy", args, { encoding: "utf8", maxBuffer: 64 << 20 });
// twiggy pads its rule lines to the longest name in the module; cut them to the table's width.
function tidy(text) {
  const lines = text.trimEnd().split("\n");
  const rule = (l) => /^[─┼\s]+$/.test(l);
  const width = Math.max(...lines.filter((l) => !rule(l)).map((l) => [...l].length));
  return lines.map((l) => (rule(l) ? [...l].slice(0, width).join("") : l)).join("\n");
}
const top = tidy(twiggy("top", "-n", "20", names));
const dominators = tidy(twiggy("dominators", "-d", "1", names).split("\n").slice(0, 22).join("\n"));
const items = JSON.parse(twiggy("top", "-n", "1000000", "-f", "json", names));
const twiggyVersion = twiggy("--version").trim();

// Shallow bytes by origin: the crate a function comes from, wasm-bindgen's generated shims,
// data segments, and the name section (absent from the shipped module).
function origin(name) {
  if (name === '"function names" subsection' || /names" subsection$|^name section/.test(name)) return "(name section: not shipped)";
  if (/^data segment/.test(name)) return "data segments (string literals, tables)";
  // wasm-bindgen's shim for each export; wasm-opt inlines the exported method's body into it.
  if (/ (externref|multivalue) shim$/.test(name)) return "exported methods (wasm-bindgen shims + inlined bodies)";
  if (/^__wbg|^__wbindgen|^<?wasm_bindgen(\[[0-9a-f]+\])?::/.test(name)) return "wasm_bindgen";
  if (/^(export|import) |^(type|table|elem|memory|global)\[|section|headers?$/.test(name)) return "wasm structure (imports, exports, tables, headers)";
  if (/^code\[\d+\]$/.test(name)) return "unnamed functions";
  const m = /^<?(?:&(?:mut )?)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
  if (m) {
    const c = m[1];
    if (c === "twochat") {
      const sub = /^<?twochat::(wasm|api|webhook|validate|request|response|retry|config|error|endpoints|paging|time|events)\b/.exec(name.replace(/^<+/, ""));
      return sub ? `twochat::${sub[1]}` : "twochat (other)";
    }
    if (["core", "alloc", "std", "dlmalloc", "compiler_builtins"].includes(c)) return `std (${c})`;
    return c;
  }
  // `<T as Trait>::f`: the trait's crate says less than the type's; use the type's.
  const t = /^<([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (t) {
    if (["f64", "f32", "u8", "u16", "u32", "u64", "usize", "i32", "i64", "str", "char", "bool"].includes(t[1])) return "std (core)";
    if (/^[A-Z]$/.test(t[1])) return "generic impls (<T as …>)";
    return t[1];
  }
  return "other";
}
const byOrigin = new Map();
for (const it of items) {
  const o = origin(it.name);
  const e = byOrigin.get(o) ?? { origin: o, bytes: 0, items: 0 };
  e.bytes += it.shallow_size;
  e.items += 1;
  byOrigin.set(o, e);
}
const namesBytes = raw(names);
const groups = [...byOrigin.values()].sort((a, b) => b.bytes - a.bytes);

const result = {
  budget_bytes: BUDGET_BYTES,
  sdk,
  floor,
  pass: sdk.total_gzip <= BUDGET_BYTES,
  over_bytes: Math.max(0, sdk.total_gzip - BUDGET_BYTES),
  twiggy: {
    version: twiggyVersion,
    module: relative(ROOT, names),
    module_bytes: namesBytes,
    identical_when_stripped: process.env.BENCH_PROF_IDENTICAL === "1",
    top,
    dominators,
    by_origin: groups,
  },
};
save("size", result);
log(
  `size: SDK wasm ${sdk.wasm.raw} B raw, ${sdk.wasm.gzip} B gzip; glue ${sdk.glue.gzip} B gzip; total ${sdk.total_gzip} B gzip` +
    ` (budget ${BUDGET_BYTES}: ${result.pass ? "PASS" : `MISS by ${result.over_bytes} B`}); floor ${floor.total_gzip} B gzip (${fmt(sdk.total_gzip / floor.total_gzip)}×)`,
);
