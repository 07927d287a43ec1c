// Turns two wasm-pack outputs (node/, web/) into one npm package: entry points that also export
// the TwoChatError class (which lives in a wasm-bindgen snippet), a package.json from
// pkg-template/ with the crate's version, and the npm README.
import { readFileSync, writeFileSync, readdirSync, rmSync, copyFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";

const out = process.argv[2];
if (!out) throw new Error("usage: assemble-pkg.mjs <dir>");

function findSnippet(dir) {
  const root = join(dir, "snippets");
  for (const crate of readdirSync(root)) {
    const p = join(root, crate, "js", "error.js");
    if (existsSync(p)) return p;
  }
  throw new Error(`no error.js snippet under ${root}`);
}

// The Node build is CommonJS; make its snippets CommonJS too, so they load on every Node version
// (require() of an ES module is recent) and under the package's "type": "commonjs".
function snippetsToCommonJs(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const names = [];
    const code = readFileSync(file, "utf8").replace(/^export (class|function|async function|const|let) (\w+)/gm, (_, kind, name) => {
      names.push(name);
      return `${kind} ${name}`;
    });
    if (/^\s*(export|import)\s/m.test(code)) throw new Error(`${file}: only 'export <declaration>' is supported in snippets`);
    writeFileSync(file, `${code}\nmodule.exports = { ${names.join(", ")} };\n`);
  }
}
const nodeSnippet = findSnippet(join(out, "node"));
snippetsToCommonJs(join(out, "node", "snippets"));
const nodeSnippetRel = "./" + relative(out, nodeSnippet);
const webSnippetRel = "./" + relative(join(out, "web"), findSnippet(join(out, "web")));

writeFileSync(
  join(out, "index.cjs"),
  `"use strict";
const bindings = require("./node/twochat.js");
const { TwoChatError } = require(${JSON.stringify(nodeSnippetRel)});
module.exports = { ...bindings, TwoChatError };
`,
);

// Named ESM exports for Node, listed from what the CommonJS build really exports.
const require = createRequire(import.meta.url);
const names = Object.keys(require(join(process.cwd(), out, "index.cjs"))).filter((n) => !n.startsWith("__"));
writeFileSync(
  join(out, "index.mjs"),
  `import bindings from "./index.cjs";
export const { ${names.join(", ")} } = bindings;
`,
);

writeFileSync(
  join(out, "web", "index.js"),
  `export * from "./twochat.js";
export { default } from "./twochat.js";
export { TwoChatError } from ${JSON.stringify(webSnippetRel)};
`,
);
// wasm-bindgen types the raw wasm exports (`InitOutput`) with `any` for externref slots; they
// are opaque handles, so `unknown` says the same without switching off type checking.
const webDts = join(out, "web", "twochat.d.ts");
writeFileSync(
  webDts,
  readFileSync(webDts, "utf8").replace(/export interface InitOutput \{[\s\S]*?\n\}/, (block) => block.replace(/\bany\b/g, "unknown")),
);
writeFileSync(join(out, "web", "index.d.ts"), `export * from "./twochat.js";\nexport { default } from "./twochat.js";\n`);
writeFileSync(join(out, "index.d.ts"), `export * from "./node/twochat.js";\n`);
for (const d of ["node", "web"]) {
  for (const f of ["package.json", ".gitignore", "README.md", "LICENSE"]) rmSync(join(out, d, f), { force: true });
}

const cargo = readFileSync("Cargo.toml", "utf8");
const version = /\[package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(cargo)?.[1];
if (!version) throw new Error("no [package] version in Cargo.toml");
const template = readFileSync("pkg-template/package.json", "utf8").replaceAll("{{version}}", version);
writeFileSync(join(out, "package.json"), JSON.stringify(JSON.parse(template), null, 2) + "\n");
copyFileSync("pkg-template/README.md", join(out, "README.md"));
console.log(`assembled ${out}: twochat ${version}, exports ${names.join(", ")}`);
