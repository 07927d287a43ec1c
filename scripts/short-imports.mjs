// Short names between the wasm module and its glue. wasm-bindgen names each import of its glue
// after the JS it binds plus a 16-digit hash (`__wbg_set_body_877d5251e78ca815`), each export after
// its Rust path (`webhookrouter_generateToken`), and each import module by its file
// (`./snippets/twochat-ba48b16cff1a3869/js/values.js`); the module holds each name once and the
// glue once more, and hex hashes hardly compress: about 4 KB of the web build's gzip. This renames
// imports `_a`, `_b`, …, exports (but `memory`) `a`, `b`, … and import modules `a`, `b`, … in the
// module (in order, so the same module always gets the same names) and, token for token, in the
// glue (`wasm.<export>`, the keys of its imports object) and the raw exports' declarations.
// Nothing else changes: every byte of code stays as it was.
//
//   node scripts/short-imports.mjs <module.wasm> <glue.js | raw-exports.d.ts>…   (rewrites in place)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function leb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** The byte arrays one after the other. */
function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function shortName(i) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let s = "";
  let n = i;
  do {
    s = letters[n % 52] + s;
    n = Math.floor(n / 52) - 1;
  } while (n >= 0);
  return `_${s}`;
}

/** The module with its wasm-bindgen imports renamed, and the renaming (old → new). */
export function renameImports(wasm) {
  const text = new TextDecoder();
  const encoder = new TextEncoder();
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) throw new Error("not a wasm module");
  // Names the glue may use for something else too (an export of the same name) are left alone.
  const exported = new Set();
  const sections = [];
  for (let at = 8; at < wasm.length; ) {
    const id = wasm[at];
    const [size, start] = readLeb(wasm, at + 1);
    sections.push({ id, start, end: start + size, head: at });
    at = start + size;
  }
  for (const s of sections.filter((s) => s.id === 7)) {
    let [count, at] = readLeb(wasm, s.start);
    for (let i = 0; i < count; i++) {
      const [len, p] = readLeb(wasm, at);
      exported.add(text.decode(wasm.subarray(p, p + len)));
      at = p + len + 1;
      at = readLeb(wasm, at)[1];
    }
  }
  const renamed = new Map();
  const modules = new Map();
  const parts = [wasm.subarray(0, 8)];
  for (const s of sections) {
    if (s.id !== 2) {
      parts.push(wasm.subarray(s.head, s.end));
      continue;
    }
    const body = [];
    let [count, at] = readLeb(wasm, s.start);
    body.push(...leb(count));
    for (let i = 0; i < count; i++) {
      const [modLen, m] = readLeb(wasm, at);
      const mod = wasm.subarray(m, m + modLen);
      const [nameLen, n] = readLeb(wasm, m + modLen);
      const name = text.decode(wasm.subarray(n, n + nameLen));
      // The import's description: kind, then a function's type index, a table's, a memory's or a
      // global's type.
      let d = n + nameLen;
      const kind = wasm[d++];
      if (kind === 0) d = readLeb(wasm, d)[1];
      else if (kind === 1) {
        d++;
        const flags = wasm[d++];
        d = readLeb(wasm, d)[1];
        if (flags & 1) d = readLeb(wasm, d)[1];
      } else if (kind === 2) {
        const flags = wasm[d++];
        d = readLeb(wasm, d)[1];
        if (flags & 1) d = readLeb(wasm, d)[1];
      } else if (kind === 3) d += 2;
      else throw new Error(`import ${name}: unknown kind ${kind}`);
      let next = name;
      if ((name.startsWith("__wbg_") || name.startsWith("__wbindgen_")) && !exported.has(name)) {
        next = shortName(renamed.size);
        renamed.set(name, next);
      }
      const bytes = encoder.encode(next);
      // The module an import comes from ("./twochat_bg.js", a snippet's path) is only a key of
      // the glue's imports object: `a`, `b`, … too.
      const modName = text.decode(mod);
      if (!modules.has(modName)) modules.set(modName, String.fromCharCode(97 + modules.size));
      const modBytes = encoder.encode(modules.get(modName));
      body.push(...leb(modBytes.length), ...modBytes, ...leb(bytes.length), ...bytes, ...wasm.subarray(n + nameLen, d));
      at = d;
    }
    parts.push(Uint8Array.of(2, ...leb(body.length)), Uint8Array.from(body));
  }
  if (modules.size > 26) throw new Error("more than 26 import modules");
  return { wasm: concat(parts), renamed, modules };
}

/** The module with its exports (but `memory`) renamed `a`, `b`, … in order, and the renaming. */
export function renameExports(wasm) {
  const text = new TextDecoder();
  const encoder = new TextEncoder();
  const renamed = new Map();
  const parts = [wasm.subarray(0, 8)];
  for (let at = 8; at < wasm.length; ) {
    const head = at;
    const id = wasm[at];
    const [size, start] = readLeb(wasm, at + 1);
    at = start + size;
    if (id !== 7) {
      parts.push(wasm.subarray(head, at));
      continue;
    }
    const body = [];
    let [count, p] = readLeb(wasm, start);
    body.push(...leb(count));
    for (let i = 0; i < count; i++) {
      const [len, n] = readLeb(wasm, p);
      const name = text.decode(wasm.subarray(n, n + len));
      // The export's kind and index.
      const end = readLeb(wasm, n + len + 1)[1];
      let next = name;
      if (name !== "memory") {
        next = shortName(renamed.size).slice(1);
        renamed.set(name, next);
      }
      const bytes = encoder.encode(next);
      body.push(...leb(bytes.length), ...bytes, ...wasm.subarray(n + len, end));
      p = end;
    }
    parts.push(Uint8Array.of(7, ...leb(body.length)), Uint8Array.from(body));
  }
  return { wasm: concat(parts), renamed };
}

/** The glue with each renamed export's `wasm.<name>` replaced; the glue names exports only so. */
export function renameExportsInGlue(code, renamed) {
  for (const [from, to] of renamed) code = code.replace(new RegExp(`(?<![\\w$])wasm\\.${from}(?![\\w$])`, "g"), `wasm.${to}`);
  const known = new Set(["memory", ...renamed.values()]);
  const stray = [...code.matchAll(/(?<![\w$])wasm\.([\w$]+)/g)].map((m) => m[1]).find((name) => !known.has(name));
  if (stray !== undefined) throw new Error(`the glue uses wasm.${stray}, which the module does not export`);
  return code;
}

/** Declarations of the raw exports (`export const <name>:`, InitOutput's `readonly <name>:`)
 * renamed. `declaresAll` is for the module's own declarations (`*_bg.wasm.d.ts`): naming none of
 * the exports there means wasm-bindgen's layout changed under this script, an error rather than a
 * silent no-op (the node build's `twochat.d.ts` has no InitOutput, so may name none). */
export function renameExportsInDeclarations(code, renamed, declaresAll = false) {
  let named = 0;
  for (const [from, to] of renamed) {
    const pattern = new RegExp(`^(\\s*(?:export const|readonly) )${from}(?=:)`, "gm");
    if (pattern.test(code)) named++;
    code = code.replace(pattern, `$1${to}`);
  }
  if (declaresAll && renamed.size > 0 && named === 0) throw new Error("the module's declarations name none of its exports");
  return code;
}

/** The glue's imports object (`"./twochat_bg.js": import0, …`) keyed by the modules' new names. */
export function renameModulesInGlue(code, modules) {
  for (const [from, to] of modules) {
    const pattern = new RegExp(`(["'])${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\1(\\s*:\\s*import\\d+\\b)`, "g");
    if (!pattern.test(code)) throw new Error(`the glue's imports object has no key ${from}`);
    code = code.replace(pattern, `"${to}"$2`);
  }
  return code;
}

/** The glue with every renamed import's name replaced, as a whole token only. */
export function renameInGlue(code, renamed) {
  for (const [from, to] of renamed) {
    const pattern = new RegExp(`(?<![\\w$])${from}(?![\\w$])`, "g");
    if (!pattern.test(code)) throw new Error(`the glue never names the import ${from}`);
    code = code.replace(pattern, to);
  }
  return code;
}

/** Renames the imports, their modules and the exports of `wasmPath`, and their names in each glue
 * file, in place; declaration files (`.d.ts`) among them get the exports' new names. Returns how
 * many of each were renamed. */
export function shortenImports(wasmPath, gluePaths) {
  const imports = renameImports(readFileSync(wasmPath));
  const exports = renameExports(imports.wasm);
  writeFileSync(wasmPath, exports.wasm);
  for (const file of gluePaths) {
    const code = readFileSync(file, "utf8");
    writeFileSync(
      file,
      file.endsWith(".d.ts")
        ? renameExportsInDeclarations(code, exports.renamed, file.endsWith("_bg.wasm.d.ts"))
        : renameExportsInGlue(renameModulesInGlue(renameInGlue(code, imports.renamed), imports.modules), exports.renamed),
    );
  }
  return { imports: imports.renamed.size, modules: imports.modules.size, exports: exports.renamed.size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [wasmPath, ...glues] = process.argv.slice(2);
  if (!wasmPath) throw new Error("usage: node scripts/short-imports.mjs <module.wasm> [glue.js…]");
  const n = shortenImports(wasmPath, glues);
  process.stdout.write(`${wasmPath}: ${n.imports} imports, ${n.modules} import modules, ${n.exports} exports renamed\n`);
}
