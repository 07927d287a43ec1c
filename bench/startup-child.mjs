// One fresh Node process's start-up of the web build: import the glue, WebAssembly.compile the
// bytes, initSync, one call. Prints its timings as JSON. Run by startup.mjs.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const [glue, wasmPath] = process.argv.slice(2);
const t0 = performance.now();
const { initSync, endpoints } = await import(pathToFileURL(glue).href);
const t1 = performance.now();
const bytes = readFileSync(wasmPath);
const t2 = performance.now();
const module = await WebAssembly.compile(bytes);
const t3 = performance.now();
initSync({ module });
const t4 = performance.now();
const n = endpoints().length;
const t5 = performance.now();
process.stdout.write(JSON.stringify({ import_ms: t1 - t0, compile_ms: t3 - t2, init_ms: t4 - t3, first_call_ms: t5 - t4, endpoints: n }) + "\n");
