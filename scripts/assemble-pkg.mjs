// Turns two wasm-pack outputs (node/, web/) into one npm package: entry points that also export
// the TwoChatError class (which lives in a wasm-bindgen snippet), a Cloudflare Workers entry
// (worker/, over the web build), a package.json from
// pkg-template/ with the crate's version, and the npm README.
//
// Module formats (what publint and arethetypeswrong check, tests/package/): the package is
// "type": "module", so every .js and .d.ts is ESM except under node/, whose own package.json says
// "type": "commonjs" (wasm-pack's Node build is CommonJS). Each CommonJS entry is a .cjs with its
// declarations in a .d.cts beside it; each ESM entry is a .js or .mjs with a .d.ts.
import { readFileSync, writeFileSync, readdirSync, rmSync, renameSync, copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { shortenImports } from "./short-imports.mjs";

const out = process.argv[2];
if (!out) throw new Error("usage: assemble-pkg.mjs <dir>");

// Both builds' modules import their glue, and export to it, under short names (see
// short-imports.mjs): 4 KB less gzip for the web build, where wasm-bindgen's hashed names hardly
// compress. The declarations of the raw exports follow.
for (const build of ["node", "web"]) {
  const files = ["twochat.js", "twochat_bg.wasm.d.ts", "twochat.d.ts"].map((f) => join(out, build, f));
  shortenImports(join(out, build, "twochat_bg.wasm"), files);
}

function findSnippet(dir, name = "error.js") {
  const root = join(dir, "snippets");
  for (const crate of readdirSync(root)) {
    const p = join(root, crate, "js", name);
    if (existsSync(p)) return p;
  }
  throw new Error(`no ${name} snippet under ${root}`);
}

// The Node build is CommonJS; make its snippets CommonJS too, so they load on every Node version
// (require() of an ES module is recent) under node/'s "type": "commonjs".
function snippetsToCommonJs(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const names = [];
    const code = readFileSync(file, "utf8")
      .replace(/^export (class|function|async function|const|let) (\w+)/gm, (_, kind, name) => {
        names.push(name);
        return `${kind} ${name}`;
      })
      // One snippet may use another: `import { a, b } from "./x.js";` becomes a require.
      .replace(/^import \{([^}]+)\} from "(\.\/[\w-]+\.js)";$/gm, (_, list, from) => `const {${list}} = require(${JSON.stringify(from)});`);
    if (/^\s*(export|import)\s/m.test(code)) throw new Error(`${file}: only 'export <declaration>' and 'import { … } from "./x.js"' are supported in snippets`);
    writeFileSync(file, `${code}\nmodule.exports = { ${names.join(", ")} };\n`);
  }
}
const nodeSnippet = findSnippet(join(out, "node"));
snippetsToCommonJs(join(out, "node", "snippets"));
// node/ is CommonJS inside a "type": "module" package: its own package.json scopes its .js (and
// the .d.ts beside them) as CommonJS, for Node, bundlers and TypeScript alike. (It replaces
// wasm-pack's.)
writeFileSync(join(out, "node", "package.json"), `{ "type": "commonjs" }\n`);
const nodeSnippetRel = "./" + relative(out, nodeSnippet);
const nodeResourcesRel = "./" + relative(out, findSnippet(join(out, "node"), "resources.js"));
const webSnippetRel = "./" + relative(join(out, "web"), findSnippet(join(out, "web")));
const webResourcesRel = "./" + relative(join(out, "web"), findSnippet(join(out, "web"), "resources.js"));

// Both entries keep what a client's getters give (`keepGetters`, js/resources.js).
writeFileSync(
  join(out, "index.cjs"),
  `"use strict";
const bindings = require("./node/twochat.js");
const { TwoChatError } = require(${JSON.stringify(nodeSnippetRel)});
require(${JSON.stringify(nodeResourcesRel)}).keepGetters(bindings.TwoChat);
module.exports = { ...bindings, TwoChatError };
`,
);

// Named ESM exports for Node, listed from what the CommonJS build really exports.
const require = createRequire(import.meta.url);
// The internal classes behind the resources, iterators, calls and deliveries are not part of the API.
const INTERNAL = new Set(["Core", "PageWalker", "Machine"]);
const names = Object.keys(require(resolve(out, "index.cjs"))).filter((n) => !n.startsWith("__") && !INTERNAL.has(n));
writeFileSync(
  join(out, "index.mjs"),
  `import bindings from "./index.cjs";
export const { ${names.join(", ")} } = bindings;
`,
);

// The web build is what browsers download: its wasm-bindgen glue and snippets are minified
// (esbuild, pinned in package.json). Names are kept in error.js (`TwoChatError`,
// `err.constructor.name`); the glue's exported classes and functions get theirs back in the bundle
// below; everything else is called by the module only, and no caller sees its name. The Node
// build stays as generated.
{
  const esbuild = require("esbuild");
  const KEEP_NAMES = new Set(["error.js"]);
  for (const entry of readdirSync(join(out, "web"), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const { code } = esbuild.transformSync(readFileSync(file, "utf8"), { minify: true, keepNames: KEEP_NAMES.has(entry.name), format: "esm", legalComments: "none" });
    writeFileSync(file, code);
  }
}

// Then the glue and its snippets become one module: a page that loads the package without a
// bundler makes one request for the JavaScript instead of eight, and one file compresses better
// than eight. The bundle keeps its name (twochat.js, beside twochat_bg.wasm: `import.meta.url`
// still finds the module) and also exports TwoChatError, which lives in a snippet.
{
  const esbuild = require("esbuild");
  const web = join(out, "web");
  const entry = join(web, "bundle-entry.js");
  writeFileSync(
    entry,
    `import * as glue from "./twochat.js";
export * from "./twochat.js";
export { default } from "./twochat.js";
export { TwoChatError } from ${JSON.stringify(webSnippetRel)};
import { keepGetters } from ${JSON.stringify(webResourcesRel)};
keepGetters(glue.TwoChat);
// Minified without esbuild's keepNames (which would wrap every function of the glue), so the
// exported classes and functions get their own names back here (TwoChat.name, what consoles show).
for (const [name, value] of Object.entries(glue)) if (typeof value === "function" && name !== "default") Object.defineProperty(value, "name", { value: name });
`,
  );
  const bundled = join(web, "twochat.bundle.js");
  esbuild.buildSync({ entryPoints: [entry], bundle: true, format: "esm", platform: "neutral", minify: true, legalComments: "none", outfile: bundled, logLevel: "error" });
  renameSync(bundled, join(web, "twochat.js"));
  rmSync(entry);
  rmSync(join(web, "snippets"), { recursive: true, force: true });
}

writeFileSync(
  join(out, "web", "index.js"),
  `export * from "./twochat.js";
export { default } from "./twochat.js";
`,
);
// wasm-bindgen types the raw wasm exports (`InitOutput`) with `any` for externref slots; they
// are opaque handles, so `unknown` says the same without switching off type checking.
const webDts = join(out, "web", "twochat.d.ts");
writeFileSync(
  webDts,
  (() => {
    const text = readFileSync(webDts, "utf8");
    const start = text.indexOf("export interface InitOutput {");
    if (start < 0) throw new Error("no InitOutput in the web declarations");
    let depth = 0;
    let end = start;
    for (let i = text.indexOf("{", start); i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    // Every member of InitOutput is a raw export: say so, so the reference documents each symbol.
    const block = text
      .slice(start, end)
      .replace(/\bany\b/g, "unknown")
      .replace(/^([ \t]*)(readonly \w+)/gm, "$1/** A raw export of the module, for wasm-bindgen's glue (not an API). */\n$1$2");
    return text.slice(0, start) + block + text.slice(end);
  })(),
);

// Doc comments for what wasm-bindgen declares without one, in both builds, so every public symbol
// of the shipped declarations is documented (tests/docs holds that).
for (const dts of [join(out, "node", "twochat.d.ts"), join(out, "web", "twochat.d.ts")]) {
  const docs = [
    [/^([ \t]*)(free\(\): void;)/gm, "Frees the object's memory in the wasm module now, instead of when it is garbage-collected."],
    [/^([ \t]*)(\[Symbol\.dispose\]\(\): void;)/gm, "Frees the object at the end of a `using` block (the same as `free()`)."],
    [/^([ \t]*)(export type InitInput\b)/gm, "What `init()` can load the module from: a URL, a Response, bytes or a compiled module."],
    [/^([ \t]*)(export type SyncInitInput\b)/gm, "What `initSync()` can compile the module from: bytes or a compiled module."],
    [/^([ \t]*)(export interface InitOutput\b)/gm, "The instantiated module's raw exports, as `init()` and `initSync()` return them."],
  ];
  let text = readFileSync(dts, "utf8");
  for (const [re, doc] of docs) text = text.replace(re, `$1/** ${doc} */\n$1$2`);
  writeFileSync(dts, text);
}
writeFileSync(join(out, "web", "index.d.ts"), `export * from "./twochat.js";\nexport { default } from "./twochat.js";\n`);

// Cloudflare Workers (workerd) import a `.wasm` file as a compiled `WebAssembly.Module` (wrangler's
// default `CompiledWasm` rule), so the Worker entry instantiates the web build synchronously while
// the isolate starts: Worker code imports `twochat` and uses it, with no init call and no fetch of
// the wasm. Exported under the "workerd" and "worker" conditions of package.json.
mkdirSync(join(out, "worker"), { recursive: true });
writeFileSync(
  join(out, "worker", "index.js"),
  `// The twochat entry for Cloudflare Workers (workerd): the wasm is imported as a WebAssembly.Module
// and instantiated once per isolate, before any request, so nothing needs initialising.
import module from "../web/twochat_bg.wasm";
import { initSync } from "../web/twochat.js";

initSync({ module });

export * from "../web/index.js";
export { default } from "../web/index.js";
`,
);
writeFileSync(
  join(out, "worker", "index.d.ts"),
  `export * from "../web/index.js";\nexport { default } from "../web/index.js";\n`,
);
// Browsers and bundlers (Vite, webpack 5, esbuild): the web build fetches its wasm from a URL next
// to the module (`new URL("twochat_bg.wasm", import.meta.url)`, which bundlers rewrite to the
// emitted asset); the entry awaits that once at the top level, so app code imports and uses.
mkdirSync(join(out, "browser"), { recursive: true });
writeFileSync(
  join(out, "browser", "index.js"),
  `// The twochat entry for browsers and bundlers: the wasm is fetched and instantiated on import.
import init from "../web/twochat.js";

await init();

export * from "../web/index.js";
export { default } from "../web/index.js";
`,
);
writeFileSync(join(out, "browser", "index.d.ts"), `export * from "../web/index.js";\nexport { default } from "../web/index.js";\n`);
// The Node entry's declarations, one per module format (both over node/'s CommonJS declarations,
// so `import` and `require` see the same types): index.d.ts (ESM, for index.mjs) and index.d.cts
// (CommonJS, for index.cjs and TypeScript's node10 resolution).
writeFileSync(join(out, "index.d.ts"), `export * from "./node/twochat.js";\n`);
writeFileSync(join(out, "index.d.cts"), `export * from "./node/twochat.js";\n`);
for (const [d, files] of [["node", [".gitignore", "README.md", "LICENSE"]], ["web", ["package.json", ".gitignore", "README.md", "LICENSE"]]]) {
  for (const f of files) rmSync(join(out, d, f), { force: true });
}

// twochat/cloudflare: de-duplication stores for Workers (plain JS, written as ESM in
// pkg-template/cloudflare; the CommonJS copy is made here).
mkdirSync(join(out, "cloudflare"), { recursive: true });
{
  const esm = readFileSync("pkg-template/cloudflare/index.js", "utf8");
  const names = [];
  const cjs = esm.replace(/^export (class|function|async function|const) (\w+)/gm, (_, kind, name) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(export|import)\s/m.test(cjs)) throw new Error("pkg-template/cloudflare/index.js: only 'export <declaration>' is supported");
  writeFileSync(join(out, "cloudflare", "index.mjs"), esm);
  writeFileSync(join(out, "cloudflare", "index.cjs"), `"use strict";\n${cjs}\nmodule.exports = { ${names.join(", ")} };\n`);
  // index.d.ts (ESM) takes DedupeStore from the web build's declarations, index.d.cts (CommonJS)
  // from the Node build's (CommonJS too): the same interface, in each one's own module format.
  const dts = readFileSync("pkg-template/cloudflare/index.d.ts", "utf8");
  const from = `from "../web/twochat.js";`;
  if (!dts.includes(from)) throw new Error(`pkg-template/cloudflare/index.d.ts: expected an import ${from}`);
  writeFileSync(join(out, "cloudflare", "index.d.ts"), dts);
  writeFileSync(join(out, "cloudflare", "index.d.cts"), dts.replaceAll(from, `from "../node/twochat.js";`));
}

// twochat/tools: the LLM tool definitions, as data.
execFileSync(process.execPath, [join("scripts", "gen-tools.mjs"), out, join(out, "tools.json")], { stdio: "inherit" });
rmSync(join(out, "tools.json"));
// Its declarations stand alone (no imports), so the CommonJS ones are the same text.
copyFileSync(join(out, "tools", "index.d.ts"), join(out, "tools", "index.d.cts"));

const cargo = readFileSync("Cargo.toml", "utf8");
const version = /\[package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(cargo)?.[1];
if (!version) throw new Error("no [package] version in Cargo.toml");
const template = readFileSync("pkg-template/package.json", "utf8").replaceAll("{{version}}", version);
writeFileSync(join(out, "package.json"), JSON.stringify(JSON.parse(template), null, 2) + "\n");
copyFileSync("pkg-template/README.md", join(out, "README.md"));
console.log(`assembled ${out}: twochat ${version}, exports ${names.join(", ")}`);
