// The demo page in headless Chromium (playwright-core, Debian's /usr/bin/chromium), served by
// twochat-mock together with the mock API (TWOCHAT_MOCK_URL, started with --static).
// Every test registers its own mock account and opens the page with `?apiKey=` for it.
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
const PY = "+595981048477"; // the seeded Business number, connected
const GROUP = "WAG768beeef-2b96-4bc7-9b7f-045078568723";
const CHANNEL = "WPN95841312-b54d-46e3-b0bc-6414f4a5296b";

let context, profile;

before(async () => {
  assert.ok(MOCK, "run through scripts/with-mock.sh (TWOCHAT_MOCK_URL)");
  mkdirSync(ARTIFACTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "twochat-e2e-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: FLAGS, viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const post = (path, body) => fetch(`${MOCK}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const requests = async (apiKey) => (await (await fetch(`${MOCK}/__mock/requests?api_key=${apiKey}`)).json()).requests;

/** A fresh mock account (optionally seeded) and a page connected to it; `done()` checks for page errors. */
async function openDemo(t, { seed, width = 1280, height = 900, colorScheme = "light" } = {}) {
  const apiKey = `UAK-e2e-${Math.random().toString(36).slice(2)}`;
  assert.equal((await post("/__mock/accounts", { api_key: apiKey })).status, 201);
  if (seed) assert.equal((await post("/__mock/seed", { api_key: apiKey, ...seed })).status, 200);
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  await page.goto(`${MOCK}/?apiKey=${apiKey}`);
  await page.getByTestId("status").filter({ hasText: /^connected$/ }).waitFor();
  await page.locator("#numbers .number.selected").waitFor();
  t.after(() => page.close());
  const shoot = async (locator, name) => {
    await page.addStyleTag({ content: ".top { position: static !important; }" });
    await locator.screenshot({ path: join(ARTIFACTS, name) });
  };
  const done = () => assert.deepEqual(pageErrors.map(String), []);
  return { page, apiKey, done, shoot };
}

test("connects and shows the account, its usage and limits, and the numbers", async (t) => {
  const { page, done } = await openDemo(t);
  assert.equal(await page.getByTestId("account-name").textContent(), "twochat-mock account");
  assert.equal(await page.getByTestId("rate-limit").textContent(), "600 req/min");
  assert.match(await page.getByTestId("usage-requests").textContent(), /API requests\s*\d+ \/ 10000/);
  const numbers = await page.locator("#numbers .number").allTextContents();
  assert.equal(numbers.length, 3);
  assert.match(numbers[0], /\+595981048477.*connected/);
  assert.ok(numbers.some((n) => /disconnected/.test(n)));
  assert.equal(await page.locator("#numbers .number.selected").getAttribute("data-number"), PY);
  // The first messages, groups, contacts and webhooks views have loaded.
  await page.getByTestId("message").first().waitFor();
  await page.getByTestId("group-item").first().waitFor();
  assert.match(await page.getByTestId("contacts-caption").textContent(), /All contacts · 0/);
  assert.match(await page.getByTestId("webhook-list").textContent(), /No subscriptions yet/);
  assert.equal(await page.locator("#webhook-event option").count(), 27);
  assert.equal(await page.locator("#webhook-event optgroup").count(), 6);
  assert.equal(await page.getByTestId("webhook-url").inputValue(), `${MOCK}/__mock/inbox/whatsapp.message.received`);
  await page.screenshot({ path: join(ARTIFACTS, "demo-1280.png"), fullPage: true });
  done();
});

test("sends a message that then appears first in the list (one send-message recorded)", async (t) => {
  const { page, apiKey, done } = await openDemo(t);
  const text = `e2e hello ${Date.now()}`;
  await page.getByTestId("send-to").fill("+5215512345432");
  await page.getByTestId("send-text").fill(text);
  await page.getByTestId("send-submit").click();
  await page.getByTestId("sent").waitFor();
  assert.match(await page.getByTestId("sent").textContent(), /Queued ✓ MSG/);
  await page.locator("#messages .message .bubble", { hasText: text }).waitFor();
  assert.equal(await page.locator("#messages .message .bubble").first().textContent(), text);
  const sends = (await requests(apiKey)).filter((r) => r.path === "/open/whatsapp/send-message");
  assert.equal(sends.length, 1);
  assert.deepEqual(sends[0].body, { from_number: PY, to_number: "+5215512345432", text });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, "demo-sent.png"), fullPage: true });
  done();
});

test("shows a TwoChatError code for bad input, and sends nothing", async (t) => {
  const { page, apiKey, done, shoot } = await openDemo(t);
  await page.getByTestId("message").first().waitFor();
  const before = (await requests(apiKey)).length;
  await page.getByTestId("send-to").fill("12345");
  await page.getByTestId("send-text").fill("never sent");
  await page.getByTestId("send-submit").click();
  const error = page.locator("#send-result .error");
  await error.waitFor();
  assert.equal(await error.getAttribute("data-code"), "invalid_input");
  assert.match(await error.textContent(), /^invalid_input .*to_number: must be an E\.164 number/);
  assert.equal((await requests(apiKey)).length, before);
  await shoot(page.getByTestId("send-form"), "demo-error.png");
  done();
});

test("shows a refused API key by its error code", async (t) => {
  const page = await context.newPage();
  t.after(() => page.close());
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  await page.goto(`${MOCK}/?apiKey=UAK-nobody-${Date.now()}`);
  await page.getByTestId("status").filter({ hasText: "connection failed" }).waitFor();
  const error = page.getByTestId("account").getByTestId("error");
  assert.equal(await error.getAttribute("data-code"), "unauthorized");
  assert.match(await error.textContent(), /^unauthorized .*HTTP 401$/);
  assert.ok(await page.getByTestId("send-submit").isDisabled());
  assert.ok(await page.getByTestId("simulate").isHidden());
  assert.deepEqual(pageErrors.map(String), []);
});

test("checks a number, with the extra information", async (t) => {
  const { page, apiKey, done } = await openDemo(t);
  await page.getByTestId("check-number").fill("+5215512345671");
  await page.getByTestId("check-extra").check();
  await page.getByTestId("check-submit").click();
  await page.getByTestId("check-output").waitFor();
  assert.match(await page.getByTestId("check-verdict").textContent(), /\+5215512345671 is on WhatsApp/);
  assert.equal(await page.getByTestId("check-valid").textContent(), "yes");
  assert.equal(await page.getByTestId("check-on-whatsapp").textContent(), "yes");
  assert.equal(await page.getByTestId("check-country").textContent(), "Mexico (MX) · Ciudad de México");
  assert.match(await page.getByTestId("check-business").textContent(), /^yes · Mock Business/);
  const checks = (await requests(apiKey)).filter((r) => r.path.startsWith("/open/whatsapp/check-number/"));
  assert.equal(checks.length, 1);
  assert.match(checks[0].query ?? "", /extra-information=true/);
  // The usage meter follows (an extra-information check counts twice).
  await page.getByTestId("usage-checks").filter({ hasText: "2 / 100" }).waitFor();

  await page.getByTestId("check-number").fill("+5215512340000");
  await page.getByTestId("check-extra").uncheck();
  await page.getByTestId("check-submit").click();
  await page.getByTestId("check-verdict").filter({ hasText: "is not on WhatsApp" }).waitFor();
  assert.equal(await page.getByTestId("check-on-whatsapp").textContent(), "no");
  done();
});

test("creates, searches and deletes contacts", async (t) => {
  const { page, apiKey, done, shoot } = await openDemo(t);
  const last = `Tester${Date.now().toString(36)}`;
  await page.getByTestId("contact-first").fill("Lucía");
  await page.getByTestId("contact-last").fill(last);
  await page.getByTestId("contact-detail-value").first().fill("+5215512345678");
  await page.getByTestId("contact-add-detail").click();
  await page.getByTestId("contact-detail-type").nth(1).selectOption("E");
  await page.getByTestId("contact-detail-value").nth(1).fill("lucia@example.com");
  await page.getByTestId("contact-create").click();
  await page.getByTestId("contact-created").waitFor();
  await page.getByTestId("contact-row").filter({ hasText: last }).waitFor();
  const created = (await requests(apiKey)).find((r) => r.method === "POST" && r.path === "/open/contacts");
  assert.deepEqual(created.body, { first_name: "Lucía", last_name: last, contact_detail: [{ type: "WAPH", value: "+5215512345678" }, { type: "E", value: "lucia@example.com" }] });

  // A second contact, so the search has something to leave out.
  await page.getByTestId("contact-first").fill("Pedro");
  await page.getByTestId("contact-detail-value").first().fill("+14155550111");
  await page.getByTestId("contact-create").click();
  await page.getByTestId("contact-row").filter({ hasText: "Pedro" }).waitFor();
  assert.equal(await page.getByTestId("contact-row").count(), 2);

  await page.getByTestId("contact-search").fill(last.toLowerCase());
  await page.getByTestId("contact-search-submit").click();
  await page.getByTestId("contacts-caption").filter({ hasText: `1 result for “${last.toLowerCase()}”` }).waitFor();
  assert.equal(await page.getByTestId("contact-row").count(), 1);
  const row = page.getByTestId("contact-row").first();
  assert.equal(await row.getByTestId("contact-name").textContent(), `Lucía ${last}`);
  assert.match(await row.textContent(), /WAPH\+5215512345678.*Elucia@example\.com.*CON/);
  const searches = (await requests(apiKey)).filter((r) => r.path === "/open/contacts/search");
  assert.equal(searches.length, 1);
  assert.match(searches[0].query, new RegExp(`(^|&)query=${last.toLowerCase()}(&|$)`));
  await shoot(page.locator("section[aria-labelledby=contacts-title]"), "demo-contacts.png");

  // Delete takes two clicks (no blocking confirm()).
  await row.getByTestId("contact-delete").click();
  await row.getByTestId("contact-delete").filter({ hasText: "Confirm" }).click();
  await page.getByTestId("contact-deleted").waitFor();
  await page.getByTestId("contacts-caption").filter({ hasText: "0 results" }).waitFor();
  assert.equal((await requests(apiKey)).filter((r) => r.method === "DELETE" && r.path.startsWith("/open/contacts/CON")).length, 1);
  done();
});

test("shows a group's participants with their admin badges", async (t) => {
  const { page, done, shoot } = await openDemo(t);
  const items = page.getByTestId("group-item");
  await items.first().waitFor();
  assert.equal(await items.count(), 2);
  await page.locator(`[data-testid=group-item][data-uuid="${GROUP}"]`).click();
  await page.getByTestId("participant").first().waitFor();
  assert.equal(await page.getByTestId("group-name").textContent(), "2chat test group 👌");
  assert.equal(await page.getByTestId("group-subject").textContent(), "daily motivational quotes 💪");
  const participants = page.getByTestId("participant");
  assert.equal(await participants.count(), 3);
  // Admins first; the channel's own number is the admin here.
  const first = participants.first();
  assert.equal(await first.getAttribute("data-phone"), PY);
  assert.equal(await first.getByTestId("admin-badge").textContent(), "admin");
  assert.match(await first.textContent(), /^2P2Chat PARadmin\+595 981 048477 · this number$/);
  assert.equal(await page.getByTestId("admin-badge").count(), 1);
  assert.match(await page.getByTestId("participants").textContent(), /\+44 7700 176576/);
  // The send form offers the number's groups.
  assert.deepEqual(await page.locator("#send-group option").evaluateAll((o) => o.map((x) => x.value)).then((v) => v.includes(GROUP)), true);
  await shoot(page.locator("section[aria-labelledby=groups-title]"), "demo-groups.png");
  done();
});

test("subscribes to webhooks and shows simulated deliveries as typed cards in the live feed", async (t) => {
  const { page, apiKey, done, shoot } = await openDemo(t);
  // whatsapp.message.received on the selected number, to the mock's inbox (the defaults).
  await page.getByTestId("webhook-subscribe").click();
  await page.getByTestId("webhook-subscribed").waitFor();
  const item = page.locator('[data-testid=webhook-item][data-event="whatsapp.message.received"]');
  await item.waitFor();
  assert.match(await item.textContent(), new RegExp(`on \\${PY}.*/__mock/inbox/whatsapp\\.message\\.received`));
  // A group join subscription, and a phone-call one on a virtual number (another kind of target).
  await page.getByTestId("webhook-event").selectOption("whatsapp.group.join");
  await page.getByTestId("webhook-subscribe").click();
  await page.locator('[data-testid=webhook-item][data-event="whatsapp.group.join"]').waitFor();
  await page.getByTestId("webhook-event").selectOption("call.incoming.completed");
  assert.match(await page.locator("#webhook-number-label").textContent(), /On virtual number/);
  await page.getByTestId("webhook-subscribe").click();
  await page.locator('[data-testid=webhook-item][data-event="call.incoming.completed"]').waitFor();
  const subscribed = (await requests(apiKey)).filter((r) => r.path.startsWith("/open/webhooks/subscribe/"));
  assert.deepEqual(subscribed.map((r) => r.path.split("/").pop()), ["whatsapp.message.received", "whatsapp.group.join", "call.incoming.completed"]);
  assert.deepEqual(subscribed[0].body, { hook_url: `${MOCK}/__mock/inbox/whatsapp.message.received`, on_number: PY });
  assert.equal(subscribed[2].body.channel_uuid, "DID5eed0020-0000-4000-8000-000000000020");

  // An inbound message, with a photo.
  const text = `Is the shop open? ${Date.now()}`;
  await page.getByTestId("sim-text").fill(text);
  await page.getByTestId("sim-photo").check();
  await page.getByTestId("simulate-message").click();
  await page.getByTestId("simulated").waitFor();
  const card = page.locator('[data-testid=feed-item][data-event="whatsapp.message.received"]');
  await card.waitFor({ timeout: 5000 });
  assert.equal(await card.getAttribute("data-kind"), "message");
  assert.equal(await card.getByTestId("feed-text").textContent(), text);
  assert.match(await card.getByTestId("feed-title").textContent(), new RegExp(`^From \\+5215512345678 to \\${PY}$`));
  assert.match(await card.getByTestId("feed-time").textContent(), /\d{1,2}:\d{2}/);
  await card.getByTestId("media-thumb").waitFor();
  // The message also shows among the number's messages.
  await page.locator("#messages .bubble", { hasText: text }).waitFor();

  await page.getByTestId("simulate-join").click();
  const joined = page.locator('[data-testid=feed-item][data-event="whatsapp.group.join"]');
  await joined.waitFor({ timeout: 5000 });
  assert.equal(await joined.getAttribute("data-kind"), "group");
  assert.match(await joined.getByTestId("feed-title").textContent(), /Simulated guest \(\+5215512345678\) joined 2chat test group/);

  await page.getByTestId("simulate-call").click();
  const call = page.locator('[data-testid=feed-item][data-event="call.incoming.completed"]');
  await call.waitFor({ timeout: 5000 });
  assert.equal(await call.getAttribute("data-kind"), "call");
  assert.match(await call.getByTestId("feed-title").textContent(), /^Incoming call from \+5215512345678 to \+14155550199$/);
  assert.match(await call.textContent(), /completed.*42 s/);

  // Newest first; the order simulation has no subscription, so the page says so.
  assert.deepEqual(await page.getByTestId("feed-item").evaluateAll((els) => els.map((e) => e.dataset.event)),
    ["call.incoming.completed", "whatsapp.group.join", "whatsapp.message.received"]);
  await page.getByTestId("simulate-order").click();
  await page.getByTestId("simulated").filter({ hasText: "no subscription matches" }).waitFor();
  // Its link prepares the subscription; then an order shows as an order card.
  await page.getByTestId("simulated").getByRole("button", { name: "Subscribe to whatsapp.order.received" }).click();
  assert.equal(await page.getByTestId("webhook-event").inputValue(), "whatsapp.order.received");
  await page.getByTestId("webhook-subscribe").click();
  await page.locator('[data-testid=webhook-item][data-event="whatsapp.order.received"]').waitFor();
  await page.getByTestId("simulate-order").click();
  const order = page.locator('[data-testid=feed-item][data-event="whatsapp.order.received"]');
  await order.waitFor({ timeout: 5000 });
  assert.equal(await order.getAttribute("data-kind"), "order");
  assert.equal(await order.getByTestId("feed-title").textContent(), "Order from +5215512345678");
  assert.deepEqual(await order.locator("[data-testid=order-lines] li").allTextContents(), ["1 × Chipa x615,000 PYG", "1 × Yerba mate 500 g22,000 PYG"]);
  assert.match(await order.getByTestId("order-total").textContent(), /^Total \(items\)37,000 PYG$/);
  await shoot(page.locator(".webhooks-row"), "demo-webhooks-feed.png");

  // Deleting a subscription removes it from the list.
  await item.getByTestId("webhook-delete").click();
  await page.getByTestId("webhook-deleted").waitFor();
  await item.waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("webhook-item").count(), 3);
  done();
});

test("pages through messages and conversations", async (t) => {
  const { page, apiKey, done } = await openDemo(t, {
    seed: { messages: { number: PY, count: 120 }, conversations: { channel_uuid: CHANNEL, count: 15 } },
  });
  await page.getByTestId("message").first().waitFor();
  assert.equal(await page.getByTestId("message").count(), 100);
  await page.getByTestId("messages-more").click();
  await page.getByTestId("messages-more").waitFor({ state: "hidden" });
  // 120 seeded + 2 fixture messages + 15 conversation openers, on this number.
  assert.equal(await page.getByTestId("message").count(), 137);

  await page.getByTestId("tab-conversations").click();
  await page.getByTestId("conversation").first().waitFor();
  assert.equal(await page.getByTestId("conversation").count(), 10);
  assert.match(await page.getByTestId("conversations-count").textContent(), /^10 of 17$/);
  await page.getByTestId("conversations-more").click();
  await page.getByTestId("conversations-count").filter({ hasText: /^17 of 17$/ }).waitFor();
  assert.equal(await page.getByTestId("conversation").count(), 17);
  assert.ok(await page.getByTestId("conversations-more").isHidden());
  const convRequests = (await requests(apiKey)).filter((r) => r.path === `/open/whatsapp/conversations/${CHANNEL}`);
  assert.deepEqual(convRequests.map((r) => r.query), ["page_number=0", "page_number=1"]);
  // Keyboard: arrow keys move between the tabs.
  await page.getByTestId("tab-conversations").press("ArrowLeft");
  assert.equal(await page.getByTestId("tab-messages").getAttribute("aria-selected"), "true");
  done();
});

test("fits a 375 px phone screen, light and dark", async (t) => {
  const { page, done } = await openDemo(t, { width: 375, height: 812 });
  await page.getByTestId("message").first().waitFor();
  await page.getByTestId("group-item").first().click();
  await page.getByTestId("participant").first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 375 px`);
  await page.screenshot({ path: join(ARTIFACTS, "demo-375.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(400); // let the colour transitions finish
  await page.screenshot({ path: join(ARTIFACTS, "demo-375-dark.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(ARTIFACTS, "demo-1280-dark.png"), fullPage: true });
  done();
});
