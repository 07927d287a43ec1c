// The runtime smoke test: one script, run as-is by Deno and by Bun (and by Node, as a control) in a
// throwaway project where the packed tarball was installed the way that runtime's users install it.
// Against the mock (TWOCHAT_MOCK_URL): an account, account.info, an iterator across pages, a
// parsed webhook, a WebhookRouter answering a fetch Request, the key-injecting proxy, and a
// validation error that sends nothing. It prints one JSON line; tests/runtimes/runtimes.test.mjs
// asserts on it. It checks nothing itself: every observation goes into the line.
import { TwoChat, TwoChatError, parseWebhook, WebhookRouter, createProxy } from "twochat";

const env = (k) => (globalThis.Deno ? globalThis.Deno.env.get(k) : globalThis.process.env[k]);
const MOCK = env("TWOCHAT_MOCK_URL");
const FIXTURE = env("FIXTURE");
const NUMBER = "+595981048477";
const ORIGIN = "https://app.example.com";
const TOKEN = "t0ken-with-at-least-16-chars-runtimes";
if (!MOCK || !FIXTURE) throw new Error("TWOCHAT_MOCK_URL and FIXTURE must be set");

const r = {
  runtime: globalThis.Deno ? `deno ${globalThis.Deno.version.deno}` : globalThis.Bun ? `bun ${globalThis.Bun.version}` : `node ${globalThis.process.versions.node}`,
};
// Which file of the package this runtime picked (its export conditions decide).
try {
  r.entry = String(await import.meta.resolve("twochat"));
} catch (e) {
  r.entry = `unresolved: ${e}`;
}

const post = (path, body) =>
  fetch(`${MOCK}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const logged = async (apiKey) => (await (await fetch(`${MOCK}/__mock/requests?api_key=${encodeURIComponent(apiKey)}`)).json()).requests.length;

// 1. an account of its own
const apiKey = `UAK-rt-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const created = await post("/__mock/accounts", { api_key: apiKey });
r.accountStatus = created.status;
await created.body?.cancel();

// 2. account.info
const client = new TwoChat({ apiKey, baseUrl: MOCK });
const info = await client.account.info();
r.infoSuccess = info.success;
r.uuid = info.account?.uuid;

// 3. an iterator over pages
const seeded = await post("/__mock/seed", { api_key: apiKey, messages: { number: NUMBER, count: 150 } });
r.seedStatus = seeded.status;
await seeded.body?.cancel();
const before = await logged(apiKey);
const messages = [];
for await (const m of client.messages.iterate(NUMBER, { limit: 120 })) messages.push(m);
r.iterated = messages.length;
r.iteratedUnique = new Set(messages.map((m) => m.uuid ?? m.id ?? JSON.stringify(m))).size;
r.iteratePages = (await logged(apiKey)) - before;

// 4. a webhook
const event = parseWebhook(FIXTURE, { event: "whatsapp.message.received" });
r.event = event.event;
r.media = event.payload?.message?.media?.type ?? null;

// 5. the router, through a fetch Request
const router = new WebhookRouter({ token: TOKEN });
const handled = [];
router.on("whatsapp.message.received", (e) => {
  handled.push(e.event);
});
const delivery = (token) =>
  new Request(`http://localhost/hooks/whatsapp.message.received?token=${encodeURIComponent(token)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: FIXTURE,
  });
const ok = await router.handle(delivery(TOKEN));
r.routerStatus = ok.status;
r.routerHandled = handled.length;
r.routerEvents = [...handled];
const wrong = await router.handle(delivery("wrong-token-wrong-token-wrong"));
r.routerWrongTokenStatus = wrong.status;
r.routerHandledAfterWrongToken = handled.length;
try {
  new WebhookRouter({ token: "short" });
  r.shortToken = "accepted";
} catch (e) {
  r.shortToken = e instanceof TwoChatError ? e.code : `not a TwoChatError: ${e}`;
}

// 6. the key-injecting proxy
const proxy = createProxy({ apiKey, origins: [ORIGIN], baseUrl: MOCK });
r.proxyType = typeof proxy;
const viaProxy = async (headers) => {
  const res = await proxy(new Request("https://proxy.example/open/info", { method: "GET", headers }));
  const body = await res.json().catch(() => null);
  return { status: res.status, cors: res.headers.get("access-control-allow-origin"), uuid: body?.account?.uuid ?? null, text: JSON.stringify(body) };
};
const proxied = await viaProxy({ origin: ORIGIN });
r.proxyStatus = proxied.status;
r.proxyCors = proxied.cors;
r.proxyUuid = proxied.uuid;
r.proxyLeaksKey = proxied.text.includes(apiKey);
r.proxyNoOriginStatus = (await viaProxy({})).status;
r.proxyOtherOriginStatus = (await viaProxy({ origin: "https://evil.example.com" })).status;

// 7. a validation error, and nothing sent
const sentBefore = await logged(apiKey);
try {
  await client.messages.send({ from_number: "nope" });
  r.code = "no error";
} catch (e) {
  r.code = e instanceof TwoChatError ? e.code : `not a TwoChatError: ${e}`;
  r.errorName = e?.name;
}
r.sentByInvalid = (await logged(apiKey)) - sentBefore;

console.log(JSON.stringify(r));
