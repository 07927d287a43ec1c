// The rows of tests/endpoints.json (one per tool: setup, good and bad arguments, the request the
// mock must receive), in the form the JS suites use. The typed Rust suite reads the same file
// (tests/typed/endpoints.rs), so adding an endpoint is one row there.
import { readFileSync } from "node:fs";

const FILE = new URL("../../endpoints.json", import.meta.url);
export const DATA = JSON.parse(readFileSync(FILE, "utf8")).rows;

/** `value` with every "${name}" in its strings replaced by `ctx[name]` (a whole-string placeholder keeps the value's type). */
export function fill(value, ctx) {
  if (typeof value === "string") {
    const whole = /^\$\{(\w+)\}$/.exec(value);
    if (whole) {
      if (!(whole[1] in ctx)) throw new Error(`no value for \${${whole[1]}}`);
      return ctx[whole[1]];
    }
    return value.replace(/\$\{(\w+)\}/g, (_, k) => {
      if (!(k in ctx)) throw new Error(`no value for \${${k}}`);
      return String(ctx[k]);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, ctx));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, ctx)]));
  return value;
}

/** The value at `path` in `data`: "a.b", "list[0].x", "list[key=value].x", "list[key!=value].x". */
export function at(data, path) {
  let v = data;
  for (const part of path.split(".")) {
    const m = /^(\w+)(?:\[(\d+|(\w+)(!?=)([^\]]*))\])?$/.exec(part);
    if (!m) throw new Error(`bad path ${path}`);
    v = v?.[m[1]];
    if (m[2] !== undefined) {
      if (!Array.isArray(v)) throw new Error(`${path}: ${m[1]} is not a list`);
      if (m[3] === undefined) v = v[Number(m[2])];
      else v = v.find((item) => (String(item?.[m[3]]) === m[5]) === (m[4] === "="));
    }
    if (v === undefined) throw new Error(`${path}: nothing at ${part}`);
  }
  return v;
}

/**
 * Runs a row's setup steps with `call(tool, args)` (which resolves to the tool's answer) and
 * returns the captured values.
 */
export async function runSetup(row, call) {
  const ctx = {};
  for (const step of row.setup ?? []) {
    const data = await call(step.tool, fill(step.args, ctx));
    for (const [name, path] of Object.entries(step.capture ?? {})) ctx[name] = at(data, path);
  }
  return ctx;
}
