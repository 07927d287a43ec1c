// The web build's size (what a browser or a Worker downloads: wasm + JS glue, gzip -9), held to the
// package's budget of 80,000 bytes. Sizes are deterministic for a given toolchain, so this can never
// flake; it fails on any change that takes the package over the budget (make bench reports the
// size, with twiggy's view of what weighs).
//   node --test tests/js/size.test.mjs   (after make pkg)
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET_BYTES = 80_000;
const web = fileURLToPath(new URL("../../pkg/web/", import.meta.url));
const gzip9 = (file) => execFileSync("gzip", ["-9", "-n", "-c", file], { maxBuffer: 64 << 20 }).length;

test(`the web build is at most ${BUDGET_BYTES} bytes gzip -9`, () => {
  // The wasm and every JavaScript module the web build loads: the glue (its snippets are bundled
  // into it) and any module left beside it; index.js only re-exports the glue.
  const modules = readdirSync(web, { recursive: true })
    .map((f) => join(web, f))
    .filter((f) => f.endsWith(".js") && !f.endsWith("/index.js") && statSync(f).isFile());
  const files = [join(web, "twochat_bg.wasm"), ...modules];
  const sizes = files.map((f) => [f.slice(web.length), gzip9(f)]);
  const total = sizes.reduce((s, [, n]) => s + n, 0);
  assert.ok(modules.includes(join(web, "twochat.js")), `expected the wasm and its glue, found ${sizes.map(([f]) => f).join(", ")}`);
  assert.ok(total <= BUDGET_BYTES, `${total} bytes (${sizes.map(([f, n]) => `${f} ${n}`).join(", ")}) is over the budget of ${BUDGET_BYTES}`);
});

test("the web build's module and glue know each other by short names, and the glue provides each import", async () => {
  const { readFileSync } = await import("node:fs");
  const module = new WebAssembly.Module(readFileSync(join(web, "twochat_bg.wasm")));
  const imports = WebAssembly.Module.imports(module);
  const glue = readFileSync(join(web, "twochat.js"), "utf8");
  const long = imports.filter((i) => i.name.startsWith("__wbg_") || i.name.startsWith("__wbindgen_"));
  assert.deepEqual(long.map((i) => i.name), [], "wasm-bindgen's hashed import names are left in the module");
  for (const { name } of imports) assert.ok(new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(glue), `the glue does not name the import ${name}`);
  const longModules = [...new Set(imports.map((i) => i.module))].filter((m) => m.length > 1);
  assert.deepEqual(longModules, [], "import modules keep their file names");
  const exports = WebAssembly.Module.exports(module).map((e) => e.name).filter((n) => n !== "memory");
  assert.deepEqual(exports.filter((n) => n.length > 2), [], "exports keep wasm-bindgen's long names");
});

test("minified, the web build's classes and functions keep the names callers see", async () => {
  const { readFileSync } = await import("node:fs");
  const { pathToFileURL } = await import("node:url");
  // The web build is ES modules for browsers; a copy marked "type": "module" lets Node load it.
  const { mkdtempSync, cpSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "twochat-web-"));
  cpSync(web, dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  const m = await import(pathToFileURL(join(dir, "index.js")).href);
  m.initSync({ module: readFileSync(join(dir, "twochat_bg.wasm")) });
  for (const name of ["TwoChat", "WebhookRouter", "TwoChatError", "createProxy", "parseWebhook", "parseTimestamp", "endpoints", "initSync"]) {
    assert.equal(m[name].name, name);
  }
  assert.equal(new m.TwoChat({ apiKey: "UAK-names", baseUrl: "http://127.0.0.1:9" }).constructor.name, "TwoChat");
});
