// The wasm of a crate that depends on twochat with default features exports its own function and
// nothing of twochat's JavaScript surface (that surface exists only with the `js` feature).
//   wasm-bindgen --target web --out-dir target/outside target/wasm32-unknown-unknown/release/twochat_outside.wasm
//   node tests/outside/exports.mjs target/outside/twochat_outside_bg.wasm
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

const file = process.argv[2];
if (!file) throw new Error("usage: exports.mjs <twochat_outside_bg.wasm (after wasm-bindgen)>");
const names = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);
assert.ok(names.includes("outside_inbound_text"), `the crate's own export is missing: ${names.slice(0, 20).join(", ")}…`);
// Besides its own function, only the memory and wasm-bindgen's runtime (`__wbindgen_*`,
// `__externref_*`, `__abort_handler`…) may be exported; twochat's classes would bring their own
// `__wbg_<class>_free`.
const foreign = names.filter(
  (n) => n !== "outside_inbound_text" && n !== "memory" && (!n.startsWith("__") || /twochat|webhookrouter|pagewalker|_core_/i.test(n)),
);
assert.deepEqual(foreign, [], "twochat's JS exports leaked into a dependent");
console.log(`tests/outside: ${names.length} exports, none of twochat's (${names.filter((n) => !n.startsWith("__")).join(", ")})`);
