// The packed tarball installed the way users install it, in throwaway projects, one per runtime:
// Node ESM, Node CommonJS, and a Vite (vite@7) browser build loaded in Chromium. Each calls
// account.info against the mock (TWOCHAT_MOCK_URL) and parses a webhook. (The Cloudflare Worker
// runs under workerd in tests/worker/.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, readFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../", import.meta.url));
const MOCK = process.env.TWOCHAT_MOCK_URL;
const FIXTURE = readFileSync(join(root, "..", "shared", "fixtures", "webhooks", "whatsapp.message.received.media.json"), "utf8");
let work;
let tarball;

async function account() {
  const api_key = `UAK-eco-${Math.random().toString(36).slice(2)}`;
  const r = await fetch(`${MOCK}/__mock/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key }) });
  assert.equal(r.status, 201);
  return api_key;
}

function project(name, pkg, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, ...pkg, dependencies: { twochat: `file:${tarball}` } }, null, 2));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "pipe" });
  return dir;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), "twochat-eco-"));
  const out = execFileSync("npm", ["pack", "--pack-destination", work, "--silent"], { cwd: join(root, "pkg"), encoding: "utf8" }).trim().split("\n").pop();
  tarball = join(work, out);
  assert.ok(existsSync(tarball), tarball);
});

after(() => rmSync(work, { recursive: true, force: true }));

const script = (imp) => `${imp}
const MOCK = process.env.TWOCHAT_MOCK_URL;
const client = new TwoChat({ apiKey: process.env.API_KEY, baseUrl: MOCK });
const info = await client.account.info();
const event = parseWebhook(process.env.FIXTURE, { event: "whatsapp.message.received" });
let code = null;
try { await client.messages.send({ from_number: "nope" }); } catch (e) { code = e instanceof TwoChatError ? e.code : "not a TwoChatError"; }
console.log(JSON.stringify({ uuid: info.account.uuid, event: event.event, media: event.payload.message.media.type, code }));
`;

for (const [name, pkg, file, imp] of [
  ["node-esm", { type: "module" }, "index.mjs", `import { TwoChat, parseWebhook, TwoChatError } from "twochat";`],
  ["node-cjs", {}, "index.cjs", `const { TwoChat, parseWebhook, TwoChatError } = require("twochat");`],
]) {
  test(`${name}: import the tarball, call the mock, parse a webhook`, async () => {
    const apiKey = await account();
    const body = file.endsWith(".cjs") ? `(async () => {\n${script(imp)}\n})().catch((e) => { console.error(e); process.exit(1); });` : script(imp);
    const dir = project(name, pkg, { [file]: body });
    const out = execFileSync(process.execPath, [file], { cwd: dir, env: { ...process.env, API_KEY: apiKey, FIXTURE }, encoding: "utf8" });
    const r = JSON.parse(out.trim().split("\n").pop());
    assert.match(r.uuid, /^ACC/);
    assert.deepEqual([r.event, r.media, r.code], ["whatsapp.message.received", "image", "invalid_input"]);
  });
}

test("vite@7 browser build, loaded in Chromium: no manual wasm initialisation", async () => {
  const apiKey = await account();
  const dir = project("vite-app", { type: "module" }, {
    "index.html": `<!doctype html><html><body><pre id="out">loading</pre><script type="module" src="/main.js"></script></body></html>`,
    "main.js": `import { TwoChat, parseWebhook, TwoChatError } from "twochat";
const out = document.getElementById("out");
try {
  const client = new TwoChat({ apiKey: import.meta.env.VITE_API_KEY, baseUrl: import.meta.env.VITE_MOCK_URL, dangerouslyAllowBrowser: true });
  const info = await client.account.info();
  const event = parseWebhook(${JSON.stringify(FIXTURE)}, { event: "whatsapp.message.received" });
  const err = await client.groups.get("a/b").catch((e) => e);
  out.dataset.result = JSON.stringify({ uuid: info.account.uuid, event: event.event, code: err instanceof TwoChatError ? err.code : String(err) });
} catch (e) {
  out.dataset.result = JSON.stringify({ error: String(e) });
}
`,
  });
  execFileSync(join(root, "node_modules", ".bin", "vite"), ["build", "--logLevel", "error"], {
    cwd: dir, env: { ...process.env, VITE_API_KEY: apiKey, VITE_MOCK_URL: MOCK }, stdio: "pipe",
  });
  const dist = join(dir, "dist");
  assert.ok(readFileSync(join(dist, "index.html"), "utf8").includes("<script"));
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const server = createServer((req, res) => {
    const file = join(dist, req.url === "/" ? "index.html" : decodeURIComponent(req.url.split("?")[0]));
    if (!file.startsWith(dist) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const profile = mkdtempSync(join(tmpdir(), "twochat-eco-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.getElementById("out")?.dataset.result, null, { timeout: 20_000 });
    const r = JSON.parse(await page.getAttribute("#out", "data-result"));
    assert.deepEqual(errors, []);
    assert.match(r.uuid ?? JSON.stringify(r), /^ACC/);
    assert.deepEqual([r.event, r.code], ["whatsapp.message.received", "invalid_input"]);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
