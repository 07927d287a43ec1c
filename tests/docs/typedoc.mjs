// typedoc over the package's SHIPPED declarations, shared by scripts/docs.sh (through build.mjs,
// which renders the reference) and docs.test.mjs (which validates it).
//
// The entry points are read from the package's own package.json `exports` (and `types`), never
// hard-coded: whatever files a layout ships (.d.ts, .d.mts, .d.cts, nested import/require
// conditions), typedoc reads those. Each entry gets a one-line wrapper module in a work directory
// (`export * from "<entry>"`, tagged `@module twochat/tools`…) so the reference names its modules
// the way users import them, not after the folder the file happens to sit in.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "..", "..");
export const typedocBin = join(here, "node_modules", "typedoc", "bin", "typedoc");
export const optionsFile = join(here, "typedoc.json");

const DECL = /\.d\.[mc]?ts$/;

/** The declaration file TypeScript would pair with a JS file (`x.mjs` → `x.d.mts`). */
function declarationOf(file) {
  if (DECL.test(file)) return file;
  const m = /^(.*)\.([mc]?)js$/.exec(file);
  return m ? `${m[1]}.d.${m[2]}ts` : null;
}

/** Every `types` path under one `exports` value, with the conditions that lead to it. */
function typesLeaves(value, path = []) {
  if (typeof value === "string") return [];
  if (Array.isArray(value)) return value.flatMap((v) => typesLeaves(v, path));
  if (!value || typeof value !== "object") return [];
  const out = [];
  for (const [cond, v] of Object.entries(value)) {
    if (cond === "types" && typeof v === "string") out.push({ conditions: [...path, cond], file: v });
    else out.push(...typesLeaves(v, [...path, cond]));
  }
  return out;
}

/**
 * What a TypeScript user with no runtime-specific condition gets (conditions `types`, `import`,
 * `default`, in the order the package lists them): the declaration file, or null.
 */
function resolveDefault(value, pkgDir) {
  if (typeof value === "string") {
    const d = declarationOf(value);
    return d && existsSync(join(pkgDir, d)) ? d : null;
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const r = resolveDefault(v, pkgDir);
      if (r) return r;
    }
    return null;
  }
  if (!value || typeof value !== "object") return null;
  for (const [cond, v] of Object.entries(value)) {
    if (cond !== "types" && cond !== "import" && cond !== "default") continue;
    const r = resolveDefault(v, pkgDir);
    if (r) return r;
  }
  return null;
}

/**
 * The package's public declaration entry points, from its package.json.
 *  - `render`: one per export subpath that has declarations, as TypeScript resolves it without a
 *    runtime condition (for `twochat` that is the web build, a superset of Node's: it adds the
 *    `default`/`initSync` initialisers);
 *  - `validate`: every declaration file any condition of any subpath (or `types`) leads to.
 */
export function entryPoints(pkgDir) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  let exportsField = pkg.exports ?? {};
  if (typeof exportsField === "string" || Array.isArray(exportsField) || !Object.keys(exportsField).some((k) => k.startsWith("."))) {
    exportsField = { ".": exportsField };
  }
  const render = [];
  const validate = new Map();
  const add = (subpath, conditions, file) => {
    const abs = join(pkgDir, file);
    if (!existsSync(abs)) throw new Error(`${pkgDir}/package.json: ${subpath} (${conditions.join(" → ")}) names ${file}, which does not exist`);
    const key = realpathSync(abs);
    if (!validate.has(key)) validate.set(key, { subpath, conditions, file });
  };
  for (const [subpath, value] of Object.entries(exportsField)) {
    if (subpath === "./package.json" || subpath.includes("*")) continue;
    for (const leaf of typesLeaves(value)) add(subpath, leaf.conditions, leaf.file);
    const file = resolveDefault(value, pkgDir);
    if (file) {
      render.push({ subpath, file, name: subpath === "." ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, "")}` });
      add(subpath, ["(default)"], file);
    }
  }
  for (const field of ["types", "typings"]) if (typeof pkg[field] === "string") add(".", [field], pkg[field]);
  if (!render.length) throw new Error(`${pkgDir}/package.json: no export with declarations`);
  return { pkg, render, validate: [...validate.values()] };
}

function hasDefaultExport(file) {
  const text = readFileSync(file, "utf8");
  return /\bexport\s+default\b/.test(text) || /\bexport\s*\{[^}]*\bdefault\b[^}]*\}/.test(text);
}

/**
 * A work directory typedoc can run in: one wrapper module per entry and a tsconfig listing them.
 * entries: [{ name, file, doc }] (file relative to pkgDir).
 */
export function workspace(pkgDir, entries, workDir) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(join(workDir, "entries"), { recursive: true });
  const files = entries.map((e, i) => {
    const target = join(pkgDir, e.file);
    let spec = relative(join(workDir, "entries"), target).split(sep).join("/").replace(/\.d\.([mc]?)ts$/, ".$1js");
    if (!spec.startsWith(".")) spec = `./${spec}`;
    const wrapper = join(workDir, "entries", `${String(i).padStart(2, "0")}-${e.name.replace(/[^\w.-]+/g, "_")}.d.ts`);
    const doc = (e.doc ?? `Declarations of \`${e.name}\`.`).split("\n").map((l) => ` * ${l}`.trimEnd()).join("\n");
    writeFileSync(
      wrapper,
      `/**\n${doc}\n *\n * @module ${e.name}\n */\n` +
        `export * from ${JSON.stringify(spec)};\n` +
        (hasDefaultExport(target) ? `export { default } from ${JSON.stringify(spec)};\n` : ""),
    );
    return wrapper;
  });
  writeFileSync(
    join(workDir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          lib: ["ES2022", "ESNext.Disposable", "ESNext.AsyncIterable", "DOM", "DOM.Iterable"],
          types: [],
          noEmit: true,
          skipLibCheck: false,
        },
        files,
      },
      null,
      2,
    ) + "\n",
  );
  return { tsconfig: join(workDir, "tsconfig.json"), files };
}

/**
 * The options that tie a run to the package: its declarations must be documented (typedoc only
 * requires documentation of the package its entry points sit in, which for the wrappers would be
 * the repo's workspace package).
 */
export function packageArgs(pkg) {
  return ["--packagesRequiringDocumentation", pkg.name];
}

/**
 * Runs typedoc (the pinned one in tests/docs/node_modules) with tests/docs/typedoc.json. Its output
 * goes to a file, not a pipe: typedoc ends with process.exit(), which drops what a pipe has not taken
 * yet (a run's report would be cut short at random).
 */
export function typedoc(args, opts = {}) {
  if (!existsSync(typedocBin)) throw new Error(`${typedocBin} is missing: run scripts/docs.sh (make docs), which installs tests/docs/'s pinned npm packages`);
  const logDir = mkdtempSync(join(tmpdir(), "twochat-typedoc-"));
  try {
    const logFile = join(logDir, "typedoc.log");
    const fd = openSync(logFile, "w");
    let r;
    try {
      r = spawnSync(process.execPath, [typedocBin, "--options", optionsFile, ...args], {
        stdio: ["ignore", fd, fd],
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
        ...opts,
      });
    } finally {
      closeSync(fd);
    }
    if (r.error) throw r.error;
    return { status: r.status, output: readFileSync(logFile, "utf8").replace(/\x1b\[[0-9;]*m/g, "") };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}

const NOT_DOCUMENTED = /^\[(?:warning|error)\] (.+) \((\w+)\), defined in (.+), does not have any documentation$/;

/**
 * The notDocumented findings of a typedoc run, de-duplicated across modules (the same declaration
 * reached through several entry points is reported once): [{ symbol, kind, file }], sorted.
 */
export function undocumented(output, moduleNames) {
  const prefixes = [...moduleNames].sort((a, b) => b.length - a.length).map((n) => `${n}.`);
  const seen = new Map();
  for (const line of output.split("\n")) {
    const m = NOT_DOCUMENTED.exec(line.trim());
    if (!m) continue;
    let symbol = m[1];
    const p = prefixes.find((x) => symbol.startsWith(x));
    if (p) symbol = symbol.slice(p.length);
    const item = { symbol, kind: m[2], file: m[3] };
    seen.set(`${item.file}\0${symbol}\0${item.kind}`, item);
  }
  return [...seen.values()].sort((a, b) => a.file.localeCompare(b.file) || a.symbol.localeCompare(b.symbol));
}

/** The other warnings and errors of a run (anything typedoc flagged that is not notDocumented). */
export function otherProblems(output) {
  return output
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^\[(warning|error)\]/.test(l) && !NOT_DOCUMENTED.test(l) && !/^\[(warning|error)\] Found \d+ errors? and \d+ warnings?$/.test(l));
}

/**
 * The findings for a person: each undocumented declaration once, with its undocumented members,
 * grouped by the set of shipped files that declare it (node/ and web/ carry the same declarations,
 * .d.ts and .d.cts the same text). `limit` caps the number of declarations listed.
 */
export function describe(items, limit = Infinity) {
  const tops = new Map();
  for (const it of items) {
    const [top] = it.symbol.split(".");
    const member = it.symbol === top ? "(itself)" : it.symbol.slice(top.length + 1).replaceAll("__type.", "");
    if (!tops.has(top)) tops.set(top, { members: new Set(), files: new Set() });
    tops.get(top).members.add(member);
    tops.get(top).files.add(it.file);
  }
  const groups = new Map();
  for (const [top, { members, files }] of tops) {
    const key = [...files].sort().join(", ");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(`${top}: ${[...members].sort((a, b) => (a === "(itself)" ? -1 : b === "(itself)" ? 1 : a.localeCompare(b))).join(", ")}`);
  }
  const lines = [`${items.length} findings, ${tops.size} declarations:`];
  let n = 0;
  for (const [files, list] of [...groups].sort((a, b) => a[1].length - b[1].length)) {
    lines.push(`  in ${files} (${list.length}):`);
    for (const l of list.sort()) {
      if (n++ < limit) lines.push(`    ${l}`);
    }
  }
  if (n > limit) lines.push(`  … ${n - limit} more declarations`);
  return lines.join("\n");
}

/** One line per finding, as typedoc names it. */
export function list(items) {
  return items.map((u) => `${u.file}\t${u.kind}\t${u.symbol}`).join("\n");
}

/**
 * Validation mode over every declaration entry of the package in pkgDir: typedoc with
 * notDocumented on, warnings as errors, nothing emitted.
 */
export function validatePackage(pkgDir, workDir) {
  const { pkg, validate } = entryPoints(pkgDir);
  const entries = validate.map((e) => ({
    name: `${e.subpath === "." ? pkg.name : `${pkg.name}/${e.subpath.replace(/^\.\//, "")}`} [${e.conditions.join(" → ")}]`,
    file: e.file,
  }));
  const ws = workspace(pkgDir, entries, workDir);
  const r = typedoc(["--tsconfig", ws.tsconfig, "--emit", "none", ...packageArgs(pkg), "--entryPoints", ...ws.files]);
  // A failed run ends with typedoc's count of what it found; a clean one prints nothing.
  const complete = r.status === 0 || /^\[(?:warning|error)\] Found \d+ errors? and \d+ warnings?$/m.test(r.output);
  return { ...r, entries, complete, undocumented: undocumented(r.output, entries.map((e) => e.name)), other: otherProblems(r.output) };
}
