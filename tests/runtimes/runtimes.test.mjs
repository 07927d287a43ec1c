// Every runtime a user brings, from the packed tarball, in throwaway projects: Deno 2 and Bun run
// the same smoke script (tests/runtimes/smoke.mjs: account.info, an iterator across pages, a parsed
// webhook, a WebhookRouter, the proxy, a validation error) against the mock, with Node running it
// as a control; a webpack 5 production build of a small page runs in Chromium. Deno, Bun and
// webpack are the pinned devDependencies of tests/runtimes/package.json (scripts/test-runtimes.sh
// installs them).
//
// The tarball reaches each runtime the way its users get a package: `npm install <tarball>`, `bun
// add <tarball>`, and — for `deno add npm:twochat` and `bun add twochat` — from an npm registry,
// here a small one on 127.0.0.1 that serves only this tarball. Nothing reaches beyond 127.0.0.1:
// npm installs are --offline, Deno runs --cached-only with network access to 127.0.0.1 alone, and
// the registry records every request. Run it as `scripts/with-mock.sh scripts/test-runtimes.sh`.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, extname, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../", import.meta.url));
const here = fileURLToPath(new URL("./", import.meta.url));
const MOCK = process.env.TWOCHAT_MOCK_URL;
if (!MOCK) throw new Error("TWOCHAT_MOCK_URL is not set: run scripts/with-mock.sh scripts/test-runtimes.sh");
// The built package to pack (scripts/test-runtimes.sh builds it there).
const PKG = resolve(root, process.env.RUNTIMES_PKG ?? "target/pkg-runtimes");
const FIXTURE = readFileSync(join(root, "..", "shared", "fixtures", "webhooks", "whatsapp.message.received.media.json"), "utf8");
const SMOKE = readFileSync(join(here, "smoke.mjs"), "utf8");
const NUMBER = "+595981048477";
const pins = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).devDependencies;
const bin = (name) => join(here, "node_modules", ".bin", name);

let work;
let tarball;
let registry;

/**
 * An npm registry on 127.0.0.1 holding one package, the tarball: its packument at /<name> and the
 * tarball at /<name>/-/<name>-<version>.tgz; anything else is 404. `requests` lists what was asked.
 */
async function startRegistry(file) {
  const pkg = JSON.parse(execFileSync("tar", ["-xzOf", file, "package/package.json"], { encoding: "utf8" }));
  const bytes = readFileSync(file);
  const tgzPath = `/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz`;
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const base = `http://127.0.0.1:${server.address().port}`;
    if (req.method === "GET" && req.url === `/${pkg.name}`) {
      const dist = {
        tarball: `${base}${tgzPath}`,
        shasum: createHash("sha1").update(bytes).digest("hex"),
        integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
      };
      const version = { ...pkg, _id: `${pkg.name}@${pkg.version}`, dist };
      const packument = { name: pkg.name, "dist-tags": { latest: pkg.version }, versions: { [pkg.version]: version } };
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(packument));
    }
    if (req.method === "GET" && req.url === tgzPath) return res.writeHead(200, { "content-type": "application/octet-stream" }).end(bytes);
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "Not found" }));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    version: pkg.version,
    requests,
    tarballPath: tgzPath,
    close: () => new Promise((r) => server.close(r)),
  };
}

before(async () => {
  for (const name of ["deno", "bun", "webpack"]) {
    assert.ok(existsSync(bin(name)), `${bin(name)} is missing: scripts/test-runtimes.sh installs tests/runtimes/ (npm ci)`);
  }
  assert.ok(existsSync(join(PKG, "package.json")), `${PKG} holds no built package: scripts/test-runtimes.sh builds it`);
  work = mkdtempSync(join(tmpdir(), "twochat-runtimes-"));
  const out = execFileSync("npm", ["pack", "--pack-destination", work, "--ignore-scripts", "--silent"], { cwd: PKG, encoding: "utf8" }).trim().split("\n").pop();
  tarball = join(work, out);
  assert.ok(existsSync(tarball), tarball);
  registry = await startRegistry(tarball);
});

after(async () => {
  await registry?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A throwaway project: package.json (unless `pkg: null`) and files; `npm install --offline <tarball>` if `npm`. */
function project(name, files, { pkg = {}, npm = true } = {}) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  if (pkg) writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module", ...pkg }, null, 2));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  if (npm) execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: dir, stdio: "pipe" });
  return dir;
}

/**
 * Runs a command with the test's environment plus `env`; fails with its output. Asynchronously: the
 * registry it may ask is served by this process.
 */
async function run(cmd, args, { cwd, env = {} }) {
  try {
    const { stdout } = await promisify(execFile)(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FIXTURE, TWOCHAT_MOCK_URL: MOCK, ...env },
      encoding: "utf8",
      timeout: 90_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (e) {
    assert.fail(`${cmd} ${args.join(" ")} failed (${e.code ?? e.signal}):\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

/** Runs the smoke script; its last stdout line is the JSON of results. */
async function runJson(cmd, args, options) {
  const out = await run(cmd, args, options);
  const line = out.trim().split("\n").pop();
  try {
    return JSON.parse(line);
  } catch {
    assert.fail(`no JSON line in the output of ${cmd}:\n${out}`);
  }
}

/** What every runtime must report from tests/runtimes/smoke.mjs; `under` is where the package was installed. */
function assertSmoke(r, runtime, under) {
  assert.equal(r.runtime, runtime, "the runtime that ran the script");
  // The package's ESM entry for servers (the "node" condition), from where the install put it.
  assert.ok(r.entry.startsWith(pathToFileURL(under).href + "/") && r.entry.endsWith("/index.mjs"), `entry ${r.entry}, expected under ${under}`);
  // 1-2. an account, account.info
  assert.equal(r.accountStatus, 201);
  assert.equal(r.infoSuccess, true);
  assert.match(r.uuid ?? "", /^ACC/);
  // 3. for await over pages: exactly the limit, each item once, in more than one request
  assert.equal(r.seedStatus, 200);
  assert.equal(r.iterated, 120);
  assert.equal(r.iteratedUnique, 120);
  assert.ok(r.iteratePages >= 2, `120 of 150 messages took ${r.iteratePages} request(s)`);
  // 4. a webhook
  assert.deepEqual([r.event, r.media], ["whatsapp.message.received", "image"]);
  // 5. the router: the right token runs the handler once; a wrong one is 401 and runs nothing
  assert.equal(r.routerStatus, 200);
  assert.equal(r.routerHandled, 1);
  assert.deepEqual(r.routerEvents, ["whatsapp.message.received"]);
  assert.equal(r.routerWrongTokenStatus, 401);
  assert.equal(r.routerHandledAfterWrongToken, 1);
  assert.equal(r.shortToken, "invalid_input");
  // 6. the proxy: the allowed origin gets the account, with CORS and without the key; others 403
  assert.equal(r.proxyType, "function");
  assert.equal(r.proxyStatus, 200);
  assert.equal(r.proxyCors, "https://app.example.com");
  assert.equal(r.proxyUuid, r.uuid);
  assert.equal(r.proxyLeaksKey, false);
  assert.equal(r.proxyNoOriginStatus, 403);
  assert.equal(r.proxyOtherOriginStatus, 403);
  // 7. a validation error, before anything is sent
  assert.equal(r.code, "invalid_input");
  assert.equal(r.errorName, "TwoChatError");
  assert.equal(r.sentByInvalid, 0);
}

test("node (control): npm install <tarball>, the smoke script", async () => {
  const dir = project("node-smoke", { "smoke.mjs": SMOKE });
  assertSmoke(await runJson(process.execPath, ["smoke.mjs"], { cwd: dir }), `node ${process.versions.node}`, join(dir, "node_modules", "twochat"));
});

// Deno: its own cache and settings in the test's directory, npm: packages from the local registry.
// The script runs --cached-only and may reach 127.0.0.1, read two variables and read the package
// (the Node build reads its .wasm from disk), nothing else.
const denoDir = () => join(work, "deno-dir");
const denoEnv = () => ({ DENO_DIR: denoDir(), NPM_CONFIG_REGISTRY: registry.url, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" });
const denoRun = (dir, readable) =>
  runJson(bin("deno"), ["run", "--cached-only", "--allow-net=127.0.0.1", `--allow-read=${readable}`, "--allow-env=TWOCHAT_MOCK_URL,FIXTURE", "smoke.mjs"], {
    cwd: dir,
    env: denoEnv(),
  });

test(`deno ${pins.deno}: deno add npm:twochat (from a registry), Deno's npm cache, no node_modules`, async () => {
  const dir = project("deno-add", { "smoke.mjs": SMOKE }, { pkg: null, npm: false });
  const asked = registry.requests.length;
  await run(bin("deno"), ["add", "npm:twochat"], { cwd: dir, env: denoEnv() });
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "deno.json"), "utf8")).imports, { twochat: `npm:twochat@^${registry.version}` });
  assert.ok(existsSync(join(dir, "deno.lock")), "deno add wrote deno.lock");
  assert.ok(!existsSync(join(dir, "node_modules")), "no node_modules");
  assert.ok(registry.requests.slice(asked).includes(`GET ${registry.tarballPath}`), "the tarball came from the registry");
  const installed = registry.requests.length;
  const r = await denoRun(dir, join(denoDir(), "npm"));
  assert.equal(registry.requests.length, installed, "running asked the registry nothing");
  assertSmoke(r, `deno ${pins.deno}`, join(denoDir(), "npm"));
});

test(`deno ${pins.deno}: npm install <tarball>, package.json and node_modules (nodeModulesDir "manual")`, async () => {
  const dir = project("deno-node-modules", { "smoke.mjs": SMOKE, "deno.json": JSON.stringify({ nodeModulesDir: "manual" }) });
  assertSmoke(await denoRun(dir, dir), `deno ${pins.deno}`, join(dir, "node_modules", "twochat"));
});

// Bun: its caches in the test's directory.
const bunEnv = (registryUrl) => ({
  BUN_CONFIG_REGISTRY: registryUrl,
  BUN_INSTALL_CACHE_DIR: join(work, "bun-cache"),
  XDG_CACHE_HOME: join(work, "xdg-cache"),
  BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0",
  DO_NOT_TRACK: "1",
});

test(`bun ${pins.bun}: bun add twochat (from a registry), bun run`, async () => {
  const dir = project("bun-add-registry", { "smoke.mjs": SMOKE }, { npm: false });
  const env = bunEnv(registry.url);
  const asked = registry.requests.length;
  await run(bin("bun"), ["add", "twochat"], { cwd: dir, env });
  assert.equal(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies?.twochat, `^${registry.version}`);
  assert.ok(existsSync(join(dir, "bun.lock")), "bun add wrote bun.lock");
  assert.ok(registry.requests.slice(asked).includes(`GET ${registry.tarballPath}`), "the tarball came from the registry");
  const r = await runJson(bin("bun"), ["run", "--no-install", "smoke.mjs"], { cwd: dir, env });
  assertSmoke(r, `bun ${pins.bun}`, join(dir, "node_modules", "twochat"));
});

test(`bun ${pins.bun}: bun add <tarball>, bun run`, async () => {
  const dir = project("bun-add-tarball", { "smoke.mjs": SMOKE }, { npm: false });
  // A dead registry: installing the tarball must need none.
  const env = bunEnv("http://127.0.0.1:9/");
  await run(bin("bun"), ["add", tarball], { cwd: dir, env });
  assert.match(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies?.twochat ?? "", /twochat-.*\.tgz$/);
  const r = await runJson(bin("bun"), ["run", "--no-install", "smoke.mjs"], { cwd: dir, env });
  assertSmoke(r, `bun ${pins.bun}`, join(dir, "node_modules", "twochat"));
});

// --- webpack 5 in Chromium ----------------------------------------------------------------------------

// The page: `import … from "twochat"` (the package's "browser" condition: the wasm is fetched and
// instantiated by the module itself, at the top level). Its query says what to do: `mode=allowed`
// calls the mock with dangerouslyAllowBrowser; `mode=warn` only constructs a client with a key.
const PAGE = `import { TwoChat, TwoChatError, parseWebhook } from "twochat";
const FIXTURE = ${JSON.stringify(FIXTURE)};
const out = document.getElementById("out");
const q = new URLSearchParams(location.search);
try {
  if (q.get("mode") === "warn") {
    const client = new TwoChat({ apiKey: q.get("key") });
    out.dataset.result = JSON.stringify({ constructed: typeof client.account.info === "function" });
  } else {
    const client = new TwoChat({ apiKey: q.get("key"), baseUrl: q.get("mock"), dangerouslyAllowBrowser: true });
    const info = await client.account.info();
    let iterated = 0;
    for await (const m of client.messages.iterate(${JSON.stringify(NUMBER)}, { limit: 120 })) if (m) iterated++;
    const event = parseWebhook(FIXTURE, { event: "whatsapp.message.received" });
    const err = await client.messages.send({ from_number: "nope" }).catch((e) => e);
    out.dataset.result = JSON.stringify({
      success: info.success, uuid: info.account.uuid, iterated, event: event.event, media: event.payload.message.media.type,
      code: err instanceof TwoChatError ? err.code : String(err),
    });
  }
} catch (e) {
  out.dataset.result = JSON.stringify({ error: String(e && e.stack || e) });
}
`;

describe(`webpack ${pins.webpack} (webpack-cli ${pins["webpack-cli"]}) production build, loaded in Chromium`, () => {
  let dist;
  let server;
  let served;
  let context;
  let profile;
  let origin;

  before(async () => {
    const dir = project("webpack-app", { "src/index.js": PAGE });
    // Zero configuration: webpack's defaults (./src/index.js → dist/main.js), production mode.
    try {
      execFileSync(bin("webpack"), ["--mode", "production", "--no-color"], { cwd: dir, stdio: "pipe", encoding: "utf8", timeout: 90_000 });
    } catch (e) {
      assert.fail(`webpack failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
    }
    dist = join(dir, "dist");
    writeFileSync(join(dist, "index.html"), `<!doctype html><html><head><meta charset="utf-8"></head><body><pre id="out">loading</pre><script src="main.js"></script></body></html>`);
    const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };
    served = [];
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const file = resolve(dist, "." + (path === "/" ? "/index.html" : path));
      const ok = file.startsWith(dist + sep) && existsSync(file);
      served.push({ path, status: ok ? 200 : 404 });
      if (!ok) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${server.address().port}`;
    profile = mkdtempSync(join(tmpdir(), "twochat-runtimes-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });

  after(async () => {
    await context?.close();
    if (server) await new Promise((r) => server.close(r));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Opens the page with a query; returns its result, console messages and page errors. */
  async function open(query) {
    const page = await context.newPage();
    const consoleMessages = [];
    const errors = [];
    page.on("console", (m) => consoleMessages.push({ type: m.type(), text: m.text() }));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    try {
      await page.goto(`${origin}/?${new URLSearchParams(query)}`);
      await page.waitForFunction(() => document.getElementById("out")?.dataset.result, null, { timeout: 30_000 });
      return { result: JSON.parse(await page.getAttribute("#out", "data-result")), consoleMessages, errors };
    } finally {
      await page.close();
    }
  }

  test("the wasm is an emitted asset next to the bundle, with no loader or experiment configured", () => {
    const files = readdirSync(dist);
    assert.ok(files.includes("main.js"), files.join(", "));
    assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 1, `one .wasm asset: ${files.join(", ")}`);
    const wasm = files.find((f) => f.endsWith(".wasm"));
    assert.ok(readFileSync(join(dist, "main.js"), "utf8").includes(`"${wasm}"`), `main.js loads the emitted ${wasm}`);
  });

  test("with dangerouslyAllowBrowser: account.info, an iterator, a webhook and a validation error against the mock", async () => {
    const key = `UAK-rt-webpack-${Math.random().toString(36).slice(2)}`;
    const post = (path, body) => fetch(`${MOCK}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    assert.equal((await post("/__mock/accounts", { api_key: key })).status, 201);
    assert.equal((await post("/__mock/seed", { api_key: key, messages: { number: NUMBER, count: 150 } })).status, 200);
    const before = served.length;
    const { result, consoleMessages, errors } = await open({ mode: "allowed", key, mock: MOCK });
    assert.deepEqual(errors, []);
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.success, true);
    assert.match(result.uuid, /^ACC/);
    assert.equal(result.iterated, 120);
    assert.deepEqual([result.event, result.media, result.code], ["whatsapp.message.received", "image", "invalid_input"]);
    // The page fetched its wasm from the static server, and nothing it asked for was missing.
    const fetched = served.slice(before);
    assert.ok(fetched.some((s) => s.path.endsWith(".wasm") && s.status === 200), JSON.stringify(fetched));
    assert.deepEqual(fetched.filter((s) => s.status !== 200 && s.path !== "/favicon.ico"), []);
    // Allowed explicitly: no warning about the key.
    assert.deepEqual(consoleMessages.filter((m) => /API key/i.test(m.text)), []);
    // The invalid call never reached the mock: only account.info and the message pages did.
    const log = await (await fetch(`${MOCK}/__mock/requests?api_key=${key}`)).json();
    assert.ok(log.requests.length >= 3, JSON.stringify(log.requests.map((r) => r.path)));
    assert.deepEqual(log.requests.filter((r) => !/^\/open\/(info|whatsapp\/messages\/)/.test(r.path)).map((r) => `${r.method} ${r.path}`), []);
  });

  test("without dangerouslyAllowBrowser: a console warning about the key, which never shows the key", async () => {
    const key = `UAK-rt-secret-${Math.random().toString(36).slice(2)}`;
    const { result, consoleMessages, errors } = await open({ mode: "warn", key });
    assert.deepEqual(errors, []);
    assert.deepEqual(result, { constructed: true });
    const warnings = consoleMessages.filter((m) => m.type === "warning" && m.text.includes("API key is being used in a browser page"));
    assert.equal(warnings.length, 1, JSON.stringify(consoleMessages));
    assert.match(warnings[0].text, /dangerouslyAllowBrowser/);
    assert.ok(consoleMessages.every((m) => !m.text.includes(key) && !m.text.includes(key.slice(7))), "the key appears in no console message");
  });
});
