// The npm package as it is published, through the linters and the compilers its users run:
//   - publint (strict: no error, warning or suggestion) and arethetypeswrong (every entry point
//     resolves to types of the right module format under node10, node16 CJS and ESM, and bundler);
//   - TypeScript projects (consumers/: Node ESM and CommonJS under "nodenext", and "bundler")
//     compiled with the repo's tsc --strict against the installed tarball;
//   - `npm publish --dry-run`: every file package.json points to is published, no source or test
//     file is, and the package's version is the crate's.
// Each check is shown to fail on a broken input. Run by scripts/test-package.sh, which packs pkg/
// into a temporary directory (TWOCHAT_PACKAGE_DIR: the package directory, TWOCHAT_PACKAGE_TARBALL:
// its tarball) and installs the pinned linters (tests/package/package-lock.json); run alone, this
// file packs pkg/ itself. Nothing here reaches a network.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const tsc = join(root, "node_modules", ".bin", "tsc");
const attw = join(here, "node_modules", ".bin", "attw");
const CONSUMERS = ["esm-nodenext", "cjs-nodenext", "bundler"];

let work; // this run's temporary directory, removed at the end
let pkgDir; // the package directory (a copy of pkg/)
let tarball; // its npm pack

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
}
function ok(cmd, args, opts) {
  const r = run(cmd, args, opts);
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}
const npm = (args, cwd) => ok("npm", [...args, "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd });

/** npm pack of `dir` into `dest`; returns the tarball's path. */
function pack(dir, dest) {
  const name = npm(["pack", "--pack-destination", dest, "--silent"], dir).stdout.trim().split("\n").pop();
  const file = join(dest, name);
  assert.ok(existsSync(file), file);
  return file;
}

/** The tarball unpacked into a new directory; returns the package directory (…/package). */
function unpack(file) {
  const dir = mkdtempSync(join(work, "unpacked-"));
  ok("tar", ["-xzf", file, "-C", dir]);
  return join(dir, "package");
}

before(() => {
  work = mkdtempSync(join(tmpdir(), "twochat-package-"));
  if (process.env.TWOCHAT_PACKAGE_TARBALL && process.env.TWOCHAT_PACKAGE_DIR) {
    tarball = process.env.TWOCHAT_PACKAGE_TARBALL;
    pkgDir = process.env.TWOCHAT_PACKAGE_DIR;
  } else {
    pkgDir = join(work, "pkg");
    cpSync(join(root, "pkg"), pkgDir, { recursive: true });
    tarball = pack(pkgDir, work);
  }
  for (const bin of [tsc, attw]) assert.ok(existsSync(bin), `${bin} is missing: run scripts/test-package.sh (it installs tests/package's pinned tools)`);
});

after(() => rmSync(work, { recursive: true, force: true }));

// --- publint ------------------------------------------------------------------------------------

/** publint's messages (errors, warnings and suggestions, warnings counted as errors) for a tarball. */
async function publintMessages(file) {
  const { publint } = await import("publint");
  const { formatMessage } = await import("publint/utils");
  const data = readFileSync(file);
  const { messages, pkg } = await publint({ pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }, level: "suggestion", strict: true });
  return messages.map((m) => `${m.type} ${m.code}: ${formatMessage(m, pkg, { color: false })}`);
}

test("publint --strict: no error, warning or suggestion", async () => {
  assert.deepEqual(await publintMessages(tarball), []);
  // The same through the command line, as a developer runs it.
  const cli = run(join(here, "node_modules", ".bin", "publint"), ["run", "--strict", tarball], { cwd: work, env: { ...process.env, NO_COLOR: "1" } });
  assert.equal(cli.status, 0, cli.stdout + cli.stderr);
  assert.match(cli.stdout, /All good!/);
});

// --- arethetypeswrong ---------------------------------------------------------------------------

// What each entry point resolves to, types and JavaScript, under each of attw's resolution modes.
const P = "/node_modules/twochat/";
const RESOLUTIONS = {
  ".": {
    node10: ["index.d.cts", "index.cjs"],
    "node16-cjs": ["index.d.cts", "index.cjs"],
    "node16-esm": ["index.d.ts", "index.mjs"],
    bundler: ["web/index.d.ts", "web/index.js"],
  },
  "./tools": {
    node10: ["tools/index.d.cts", "tools/index.cjs"],
    "node16-cjs": ["tools/index.d.cts", "tools/index.cjs"],
    "node16-esm": ["tools/index.d.ts", "tools/index.mjs"],
    bundler: ["tools/index.d.ts", "tools/index.mjs"],
  },
  "./tools.json": Object.fromEntries(["node10", "node16-cjs", "node16-esm", "bundler"].map((m) => [m, ["tools/tools.json", "tools/tools.json"]])),
  "./cloudflare": {
    node10: ["cloudflare/index.d.cts", "cloudflare/index.cjs"],
    "node16-cjs": ["cloudflare/index.d.cts", "cloudflare/index.cjs"],
    "node16-esm": ["cloudflare/index.d.ts", "cloudflare/index.mjs"],
    bundler: ["cloudflare/index.d.ts", "cloudflare/index.mjs"],
  },
  "./package.json": Object.fromEntries(["node10", "node16-cjs", "node16-esm", "bundler"].map((m) => [m, ["package.json", "package.json"]])),
};

/** attw on a tarball: its exit status, the problems it found and what each entry point resolved to. */
function attwCheck(file) {
  const r = run(attw, ["--format", "json", "--no-color", file], { cwd: work });
  const { analysis, problems } = JSON.parse(r.stdout);
  const resolved = {};
  for (const [entry, { resolutions }] of Object.entries(analysis.entrypoints)) {
    resolved[entry] = {};
    for (const [mode, res] of Object.entries(resolutions)) {
      resolved[entry][mode] = [res.resolution?.fileName, res.implementationResolution?.fileName].map((f) => (f?.startsWith(P) ? f.slice(P.length) : f ?? null));
    }
  }
  return { status: r.status, problems: analysis.problems, kinds: Object.keys(problems ?? {}), resolved };
}

test("arethetypeswrong: every entry point green under node10, node16 (CJS and ESM) and bundler", () => {
  const r = attwCheck(tarball);
  assert.deepEqual(r.problems, []);
  assert.equal(r.status, 0);
  assert.deepEqual(r.resolved, RESOLUTIONS);
});

// The layout this package had before (a "type": "commonjs" package with ESM files in it and one
// CommonJS-flavoured .d.ts for both `import` and `require`): both linters must object to it.
test("the linters reject the layout they were brought in to fix", async () => {
  const dir = unpack(tarball);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  manifest.type = "commonjs";
  manifest.exports["."].node = { types: "./index.d.ts", import: "./index.mjs", require: "./index.cjs" };
  for (const sub of ["./tools", "./cloudflare"]) {
    const { import: esm, require: cjs } = manifest.exports[sub];
    manifest.exports[sub] = { types: esm.types, import: esm.default, require: cjs.default };
  }
  delete manifest.typesVersions;
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  rmSync(join(dir, "node", "package.json"));
  const broken = join(dir, "..", "broken.tgz");
  ok("tar", ["-czf", broken, "-C", join(dir, ".."), "package"]);

  const messages = await publintMessages(broken);
  assert.ok(messages.some((m) => m.startsWith("error FILE_INVALID_FORMAT") && m.includes("./worker/index.js")), messages.join("\n"));
  assert.ok(messages.some((m) => m.startsWith("error EXPORTS_TYPES_INVALID_FORMAT")), messages.join("\n"));

  const r = attwCheck(broken);
  assert.notEqual(r.status, 0);
  assert.ok(r.kinds.includes("FalseCJS"), `attw found ${r.kinds.join(", ")}`);
  assert.equal(r.resolved["./tools.json"].node10[0], null, "node10 finds twochat/tools.json only through typesVersions");
});

// --- TypeScript consumers -----------------------------------------------------------------------

// The declaration file each project's `import … from "twochat"` must land on.
const ENTRY_TYPES = { "esm-nodenext": "index.d.ts", "cjs-nodenext": "index.d.cts", bundler: "web/index.d.ts" };

function compile(dir) {
  const r = run(tsc, ["-p", "tsconfig.json", "--pretty", "false", "--listFiles"], { cwd: dir });
  const lines = r.stdout.split("\n");
  return {
    status: r.status,
    errors: lines.filter((l) => /\): error TS\d+/.test(l)),
    files: lines.filter((l) => l.includes("/node_modules/twochat/")).map((l) => l.slice(l.indexOf("/node_modules/twochat/") + P.length)),
    output: r.stdout + r.stderr,
  };
}

for (const name of CONSUMERS) {
  test(`TypeScript consumer ${name}: tsc --strict against the installed tarball, one deliberate error`, () => {
    const dir = join(work, "consumers", name);
    mkdirSync(dir, { recursive: true });
    cpSync(join(here, "consumers", name), dir, { recursive: true });
    npm(["install", tarball], dir);
    assert.equal(JSON.parse(readFileSync(join(dir, "node_modules", "twochat", "package.json"), "utf8")).version, JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version);

    const source = readFileSync(join(dir, "index.ts"), "utf8").split("\n");
    const marked = source.flatMap((l, i) => (l.trimEnd().endsWith("// error") ? [i + 1] : []));
    assert.equal(marked.length, 1, "one line marked // error");

    // As written: the marked line is the only error.
    const bad = compile(dir);
    assert.notEqual(bad.status, 0, "the deliberate mistake compiled");
    assert.ok(bad.errors.length > 0, bad.output);
    assert.deepEqual(bad.errors.filter((e) => !e.startsWith(`index.ts(${marked[0]},`)), [], `errors off the marked line ${marked[0]}:\n${bad.output}`);

    // Without it: no error at all, and the types came from the entry this project's resolution picks.
    writeFileSync(join(dir, "index.ts"), source.map((l, i) => (i + 1 === marked[0] ? "" : l)).join("\n"));
    const good = compile(dir);
    assert.equal(good.status, 0, good.output);
    assert.deepEqual(good.errors, []);
    assert.ok(good.files.includes(ENTRY_TYPES[name]), `${name} should use ${ENTRY_TYPES[name]}; used ${good.files.join(", ")}`);
    for (const f of ["tools/index.d", "cloudflare/index.d", "tools/tools.json"]) assert.ok(good.files.some((x) => x.startsWith(f)), `${f}* unused: ${good.files.join(", ")}`);
  });
}

// --- release hygiene ----------------------------------------------------------------------------

/** Every file path package.json points to: main, module, types, browser, exports, typesVersions, sideEffects. */
function pointedTo(manifest) {
  const out = new Set();
  const add = (v) => {
    if (typeof v === "string") out.add(posix.normalize(v.replace(/^\.\//, "")));
    else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === "object") Object.values(v).forEach(add);
  };
  for (const field of ["main", "module", "types", "typings", "browser", "exports", "sideEffects"]) if (typeof manifest[field] !== "boolean") add(manifest[field]);
  for (const map of Object.values(manifest.typesVersions ?? {})) add(map);
  return [...out].sort();
}

// What a release must not carry: Rust sources, tests, the crate's source tree, source maps,
// TypeScript sources (declarations are fine), dotfiles, tarballs and build manifests.
const FORBIDDEN = [/\.rs$/, /(^|\/)(tests?|src|__tests__)\//, /\.test\.[cm]?js$/, /\.map$/, /(?<!\.d)\.[cm]?tsx?$/, /(^|\/)\.[^/]+$/, /\.tgz$/, /(^|\/)Cargo\.(toml|lock)$/];

/** The problems with a published file list: what package.json points to but is missing, and what should not be there. */
function fileListProblems(manifest, files) {
  const have = new Set(files);
  return [
    ...pointedTo(manifest).filter((f) => !have.has(f)).map((f) => `package.json points to ${f}, which is not published`),
    ...files.filter((f) => FORBIDDEN.some((re) => re.test(f))).map((f) => `${f} should not be published`),
  ];
}

/** [package] version of a Cargo.toml. */
function crateVersion(cargoToml) {
  const section = /^\[package\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(cargoToml)?.[1];
  const version = section && /^version\s*=\s*"([^"]+)"/m.exec(section)?.[1];
  if (!version) throw new Error("no [package] version in Cargo.toml");
  return version;
}

test("npm publish --dry-run: every file package.json points to, no source or test file", () => {
  const dir = join(work, "publish");
  cpSync(pkgDir, dir, { recursive: true });
  const r = ok("npm", ["publish", "--dry-run", "--json", "--offline", "--ignore-scripts"], { cwd: dir });
  const report = JSON.parse(r.stdout);
  const published = (report.twochat ?? report).files.map((f) => f.path).sort();
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  assert.deepEqual(fileListProblems(manifest, published), []);
  // npm's only words are that it would need a login; it corrected nothing in package.json.
  const warnings = r.stderr.split("\n").filter((l) => /\bnpm (warn|WARN|error|ERR)/.test(l) && !/requires you to be logged in/.test(l));
  assert.deepEqual(warnings, [], r.stderr);
  // The tarball the other checks used holds the same files.
  const packed = ok("tar", ["-tzf", tarball]).stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, "")).sort();
  assert.deepEqual(packed, published);
  for (const f of ["index.mjs", "index.cjs", "index.d.ts", "index.d.cts", "node/package.json", "web/twochat_bg.wasm", "worker/index.js", "browser/index.js", "tools/tools.json", "cloudflare/index.d.cts", "README.md"]) {
    assert.ok(published.includes(f), `${f} is not published`);
  }
});

test("the file-list check catches a missing entry file and stray sources", () => {
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const files = readdirSync(pkgDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => posix.join(...join(e.parentPath ?? e.path, e.name).slice(pkgDir.length + 1).split(/[\\/]/)));
  assert.deepEqual(fileListProblems(manifest, files), [], "pkg/ itself");
  const broken = structuredClone(manifest);
  broken.exports["./tools"].require.types = "./tools/index.d.mts";
  broken.typesVersions["*"]["tools.json"] = ["./tools.json"];
  assert.deepEqual(fileListProblems(broken, [...files, "src/lib.rs", "tests/js/x.test.mjs", "web/twochat.js.map", "consumers/index.ts", ".npmrc"]), [
    "package.json points to tools.json, which is not published",
    "package.json points to tools/index.d.mts, which is not published",
    "src/lib.rs should not be published",
    "tests/js/x.test.mjs should not be published",
    "web/twochat.js.map should not be published",
    "consumers/index.ts should not be published",
    ".npmrc should not be published",
  ]);
});

test("the npm package's version is the crate's", () => {
  const cargo = crateVersion(readFileSync(join(root, "Cargo.toml"), "utf8"));
  assert.equal(JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version, cargo);
  const inTarball = ok("tar", ["-xzOf", tarball, "package/package.json"]).stdout;
  assert.equal(JSON.parse(inTarball).version, cargo);
  // The parser reads [package], not a dependency's or another table's version.
  assert.equal(crateVersion(`[workspace.package]\nversion = "9.0.0"\n\n[package]\nname = "x"\nedition = "2021"\nversion = "1.2.3"\n\n[dependencies]\nserde = { version = "1" }\n`), "1.2.3");
  assert.throws(() => crateVersion(`[workspace]\nmembers = []\n[dependencies]\nversion = "1"\n`), /no \[package\] version/);
});
