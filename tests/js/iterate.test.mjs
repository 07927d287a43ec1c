// Paged lists walked with `for await` against the mock (TWOCHAT_MOCK_URL), page after page, each
// stopping on its own end signal: a short page, `total`, or `next_page: null`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TwoChat, TwoChatError } from "../../pkg/index.mjs";

const MOCK = process.env.TWOCHAT_MOCK_URL;
const FROM = "+595981048477";
const GROUP = "WAG768beeef-2b96-4bc7-9b7f-045078568723";
const WABA = "+16173518454";

async function account(seed, settings = {}) {
  const api_key = `UAK-iter-${Math.random().toString(36).slice(2)}`;
  const post = (path, body) => fetch(`${MOCK}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal((await post("/__mock/accounts", { api_key, ...settings })).status, 201);
  if (seed) assert.ok((await post("/__mock/seed", { api_key, ...seed })).ok);
  const client = new TwoChat({ apiKey: api_key, baseUrl: MOCK });
  const requests = async (pathPrefix) => {
    const log = await (await fetch(`${MOCK}/__mock/requests?api_key=${api_key}`)).json();
    return log.requests.filter((r) => r.path.startsWith(pathPrefix));
  };
  return { client, requests, api_key };
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

// Each of the 10 lists, seeded past two pages, with the exact requests made and items returned.
// Seeds add to each account's own data (mock/README.md): 2 messages between the seeded numbers,
// 2 conversations, 3 group messages, 23 templates, 35 call records, 3 virtual numbers, 2 caller ids
// and 3 numbers.
const queries = (pages) => pages.map((r) => r.query);

test("messages: 100 a page, ends on the first page shorter than 100", async () => {
  const { client, requests } = await account({ messages: { number: FROM, count: 250 } });
  const all = await collect(client.messages.iterate(FROM, { limit: 10_000 }));
  assert.equal(all.length, 252);
  assert.equal(new Set(all.map((m) => m.uuid)).size, 252, "no message twice");
  assert.deepEqual(queries(await requests("/open/whatsapp/messages/")), ["page_number=0", "page_number=1", "page_number=2"]);
});

test("limit stops the walk without fetching further pages", async () => {
  const { client, requests } = await account({ messages: { number: FROM, count: 250 } });
  const some = await collect(client.messages.iterate(FROM, { limit: 150 }));
  assert.equal(some.length, 150);
  assert.equal((await requests("/open/whatsapp/messages/")).length, 2);
});

test("breaking out of the loop fetches nothing more", async () => {
  const { client, requests } = await account({ messages: { number: FROM, count: 250 } });
  let n = 0;
  for await (const m of client.messages.iterate(FROM)) {
    assert.ok(m.uuid);
    if (++n === 5) break;
  }
  assert.equal((await requests("/open/whatsapp/messages/")).length, 1);
});

test("the default limit is 1000 items", async () => {
  const { client } = await account({ contacts: 1050 });
  const all = await collect(client.contacts.iterate());
  assert.equal(all.length, 1000);
});

test("contacts and contact search: ask for 100 a page, end on the short page", async () => {
  const { client, requests } = await account({ contacts: 230 });
  const all = await collect(client.contacts.iterate({ limit: 5000 }));
  assert.equal(all.length, 230);
  assert.deepEqual(queries(await requests("/open/contacts")), [0, 1, 2].map((p) => `page_number=${p}&results_per_page=100`));
  const name = all[0].first_name;
  const matching = all.filter((c) => c.first_name === name).length;
  const found = await collect(client.contacts.iterateSearch({ query: name, results_per_page: 1, limit: 50 }));
  assert.equal(found.length, matching);
  assert.ok(found.every((c) => c.first_name === name));
});

test("conversations: 10 a page, ends when total is reached (no empty page asked for)", async () => {
  const channel = "WPN95841312-b54d-46e3-b0bc-6414f4a5296b";
  const { client, requests } = await account({ conversations: { channel_uuid: channel, count: 25 } });
  const all = await collect(client.conversations.iterate(channel));
  const pages = queries(await requests("/open/whatsapp/conversations/"));
  assert.equal(all.length, 27, "25 seeded and the two sessions every account starts with");
  assert.deepEqual(pages, ["page_number=0", "page_number=1", "page_number=2"]);
});

test("group messages: 50 a page, ends on the short page", async () => {
  const { client, requests } = await account({ group_messages: { group_uuid: GROUP, count: 120 } });
  const all = await collect(client.groups.iterateMessages(GROUP));
  assert.equal(all.length, 123);
  assert.deepEqual(queries(await requests("/open/whatsapp/groups/messages/")), ["page_number=0", "page_number=1", "page_number=2"]);
});

test("WABA templates: follows next_page until it is null", async () => {
  const { client, requests } = await account();
  const all = await collect(client.waba.iterateTemplates(WABA));
  const pages = await requests("/open/waba/templates");
  assert.equal(all.length, 23);
  assert.deepEqual(pages.map((r) => new URLSearchParams(r.query).get("page")), ["0", "1", "2"]);
  assert.ok(pages.every((r) => new URLSearchParams(r.query).get("phone_number") === WABA));
});

test("call history: the first page (20) sets the size, a shorter one ends the walk", async () => {
  const { client, requests } = await account({ calls: 50 });
  const all = await collect(client.calls.iterateHistory());
  assert.equal(all.length, 85);
  assert.equal(new Set(all.map((c) => c.uuid)).size, 85);
  assert.deepEqual(queries(await requests("/open/voip/call-history")), [0, 1, 2, 3, 4].map((p) => `page_number=${p}`));
  const inbound = await collect(client.calls.iterateHistory({ direction: "inbound" }));
  assert.ok(inbound.length > 0 && inbound.every((c) => c.direction === "I"));
});

test("virtual numbers and caller ids: 200 a page, end on the short page", async () => {
  const { client, requests } = await account({ virtual_numbers: 450, caller_ids: 450 });
  assert.equal((await collect(client.calls.iterateVirtualNumbers({ limit: 5000 }))).length, 453);
  assert.deepEqual(queries(await requests("/open/voip/virtual-numbers")), [0, 1, 2].map((p) => `page_number=${p}&results_per_page=200`));
  assert.equal((await collect(client.calls.iterateCallerIds({ limit: 5000 }))).length, 452);
  assert.deepEqual(queries(await requests("/open/voip/caller-ids")), [0, 1, 2].map((p) => `page_number=${p}&results_per_page=200`));
});

test("connected numbers: a server that caps pages at 1 is walked to its empty page", async () => {
  const { client, requests } = await account(undefined, { max_page_size: 1 });
  const numbers = await collect(client.numbers.iterate({ status: "all" }));
  assert.equal(numbers.length, 3);
  assert.ok(numbers.some((n) => n.phone_number === FROM));
  assert.deepEqual(queries(await requests("/open/whatsapp/get-numbers")), [0, 1, 2, 3].map((p) => `status=all&page_number=${p}&results_per_page=100`));
});

test("bad arguments reject the first step, before any request", async () => {
  const { client, requests } = await account();
  for (const [iterable, field] of [
    [client.messages.iterate("0981"), "number:"],
    [client.messages.iterate(FROM, { limit: 0 }), "limit:"],
    [client.contacts.iterate({ results_per_page: 500 }), "results_per_page:"],
    [client.calls.iterateHistory({ direction: "sideways" }), "direction:"],
    [client.contacts.iterateSearch({}), "query:"],
  ]) {
    const e = await collect(iterable).catch((e) => e);
    assert.ok(e instanceof TwoChatError, String(e));
    assert.equal(e.code, "invalid_input");
    assert.ok(e.message.startsWith(field), e.message);
  }
  assert.deepEqual(await requests("/"), []);
});

test("a failing page rejects the loop with its TwoChatError", async () => {
  const { client, api_key } = await account({ messages: { number: FROM, count: 150 } });
  const it = client.messages.iterate(FROM, { limit: 1000 }, { maxRetries: 0 })[Symbol.asyncIterator]();
  const first = await it.next();
  assert.equal(first.done, false);
  await fetch(`${MOCK}/__mock/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key, kind: "status", status: 500 }) });
  let e;
  try {
    for (let i = 0; i < 200; i++) await it.next();
  } catch (err) {
    e = err;
  }
  assert.ok(e instanceof TwoChatError);
  assert.equal(e.code, "server_error");
});

test("a server that sends fewer items a page than asked does not end the walk early", { timeout: 30_000 }, async () => {
  // The mock caps this account's pages at 7: asked for 100 contacts a page, it sends 7.
  const { client, requests } = await account({ contacts: 20 }, { max_page_size: 7 });
  const seeded = (await client.contacts.list({ results_per_page: 100 })).contacts.length;
  assert.equal(seeded, 7, "the cap applies");
  const before = (await requests("/open/contacts")).length;
  const all = await collect(client.contacts.iterate());
  assert.equal(new Set(all.map((c) => c.uuid)).size, all.length);
  const total = all.length;
  assert.ok(total >= 20, `walked ${total} contacts`);
  const pages = (await requests("/open/contacts")).slice(before);
  // ceil(total / 7) pages, and one more (empty) when the last page is full.
  assert.equal(pages.length, Math.ceil(total / 7) + (total % 7 === 0 ? 1 : 0));
  assert.deepEqual(pages.map((p) => p.query), pages.map((_, i) => `page_number=${i}&results_per_page=100`));
});

test("a fetch option that asks the same walk for its next page while the page is being sent: refused, and the walk goes on", async () => {
  const { api_key } = await account({ messages: { number: FROM, count: 150 } });
  let it;
  let nested;
  let calls = 0;
  const client = new TwoChat({
    apiKey: api_key,
    baseUrl: MOCK,
    // Called while the page's call starts: the walk is busy with that page.
    fetch: (request, init) => {
      if (calls++ === 0) nested = it.next().then(() => null, (e) => e);
      return fetch(request, init);
    },
  });
  it = client.messages.iterate(FROM, { limit: 150 })[Symbol.asyncIterator]();
  const first = await it.next();
  assert.equal(first.done, false, "the walk's own page arrives");
  const e = await nested;
  assert.ok(e instanceof TwoChatError, String(e));
  assert.equal(e.code, "invalid_input");
  assert.match(e.message, /^nextPage: a page is already being fetched/);
  let n = 1;
  while (!(await it.next()).done) n++;
  assert.equal(n, 150, "every item of the walk, once");
});
