// Short names for the wasm module's imports. wasm-bindgen names each import of its glue after the
// JS it binds plus a 16-digit hash (`__wbg_set_body_877d5251e78ca815`); the module holds each name
// once and the glue once more, and hex hashes hardly compress: about 3.5 KB of the web build's
// gzip. This renames them `_a`, `_b`, … in the module's import section (in order, so the same
// module always gets the same names) and, token for token, in the glue. Nothing else changes: the
// import modules, the exports and every byte of code stay as they were.
//
//   node scripts/short-imports.mjs <module.wasm> <glue.js>…      (rewrites the files in place)
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
      body.push(...leb(modLen), ...mod, ...leb(bytes.length), ...bytes, ...wasm.subarray(n + nameLen, d));
      at = d;
    }
    parts.push(Uint8Array.of(2, ...leb(body.length)), Uint8Array.from(body));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { wasm: out, renamed };
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

/** Renames the imports of `wasmPath` and their names in each glue file, in place. */
export function shortenImports(wasmPath, gluePaths) {
  const { wasm, renamed } = renameImports(readFileSync(wasmPath));
  writeFileSync(wasmPath, wasm);
  for (const glue of gluePaths) writeFileSync(glue, renameInGlue(readFileSync(glue, "utf8"), renamed));
  return renamed.size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [wasmPath, ...glues] = process.argv.slice(2);
  if (!wasmPath) throw new Error("usage: node scripts/short-imports.mjs <module.wasm> [glue.js…]");
  const n = shortenImports(wasmPath, glues);
  process.stdout.write(`${wasmPath}: ${n} imports renamed\n`);
}
