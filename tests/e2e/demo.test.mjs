// The demo page in headless Chromium (playwright-core, Debian's /usr/bin/chromium), served by
// twochat-mock together with the mock API (TWOCHAT_MOCK_URL, started with --static).
// Screenshots go to artifacts/ (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const MOCK = process.env.TWOCHAT_MOCK_URL;
const ARTIFACTS = new URL("../../artifacts/", import.meta.url).pathname;
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let context, page, profile, apiKey;
const pageErrors = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  apiKey = `UAK-e2e-${Math.random().toString(36).slice(2)}`;
  const r = await fetch(`${MOCK}/__mock/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key: apiKey }) });
  assert.equal(r.status, 201);
  profile = mkdtempSync(join(tmpdir(), "twochat-e2e-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: FLAGS, viewport: { width: 1280, height: 1100 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => pageErrors.push(e));
  await page.goto(`${MOCK}/?apiKey=${apiKey}`);
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("connects and shows the account with usage and limits", async () => {
  await page.getByTestId("status").filter({ hasText: /^connected$/ }).waitFor();
  assert.equal(await page.getByTestId("account-name").textContent(), "twochat-mock account");
  assert.match(await page.locator("#account").textContent(), /600 req\/min/);
  await page.screenshot({ path: join(ARTIFACTS, "demo-account.png"), fullPage: true });
});

test("lists the connected numbers", async () => {
  await page.locator("#numbers .number").first().waitFor();
  const numbers = await page.locator("#numbers .number").allTextContents();
  assert.equal(numbers.length, 3);
  assert.match(numbers[0], /\+595981048477.*connected/);
  assert.ok(numbers.some((n) => /disconnected/.test(n)));
});

test("sends a message that then appears first in the list", async () => {
  const text = `e2e hello ${Date.now()}`;
  await page.fill("#send-to", "+5215512345432");
  await page.fill("#send-text", text);
  await page.click("#send-button");
  await page.getByTestId("sent").waitFor();
  assert.match(await page.getByTestId("sent").textContent(), /Queued ✓ MSG/);
  await page.locator("#messages .message .bubble", { hasText: text }).waitFor();
  assert.equal(await page.locator("#messages .message .bubble").first().textContent(), text);
  const log = await (await fetch(`${MOCK}/__mock/requests?api_key=${apiKey}`)).json();
  const sends = log.requests.filter((r) => r.path === "/open/whatsapp/send-message");
  assert.equal(sends.length, 1);
  assert.equal(sends[0].body.text, text);
  await page.screenshot({ path: join(ARTIFACTS, "demo-sent.png"), fullPage: true });
});

test("shows a TwoChatError code for bad input, and sends nothing", async () => {
  const before = (await (await fetch(`${MOCK}/__mock/requests?api_key=${apiKey}`)).json()).requests.length;
  await page.fill("#send-to", "12345");
  await page.fill("#send-text", "never sent");
  await page.click("#send-button");
  const error = page.locator("#send-result .error");
  await error.waitFor();
  assert.equal(await error.getAttribute("data-code"), "invalid_input");
  assert.match(await error.textContent(), /to_number: must be an E\.164 number/);
  const afterCount = (await (await fetch(`${MOCK}/__mock/requests?api_key=${apiKey}`)).json()).requests.length;
  assert.equal(afterCount, before);
  await page.screenshot({ path: join(ARTIFACTS, "demo-error.png"), fullPage: true });
  assert.deepEqual(pageErrors, []);
});
