// A Cloudflare Worker that receives 2Chat webhooks and answers every incoming WhatsApp message,
// and (when you turn it on) lets your web page use the SDK without ever holding the API key.
//
//   POST /webhooks/<event>?token=<HOOK_TOKEN>   2Chat's deliveries, checked and parsed by a WebhookRouter
//   *    /proxy/…                               off unless PROXY_ORIGINS is set: reads only, from those
//                                               origins, through twochat's createProxy
//   GET  /health                                200 {"ok":true}
//   anything else                               404 JSON
//
// Bindings: TWOCHAT_API_KEY and HOOK_TOKEN (secrets); TWOCHAT_FROM_NUMBER (the number replies go
// out from), TWOCHAT_BASE_URL, PROXY_ORIGINS, PROXY_ALLOW, PROXY_TOKEN (optional); DEDUPE (a
// Durable Object namespace bound to DedupeObject) or DEDUPE_KV (a KV namespace), optional. See
// wrangler.toml and README.md.
//
// The "workerd" entry of the twochat package instantiates its WebAssembly when the isolate starts,
// so there is nothing to initialise here.
import { TwoChat, WebhookRouter, TwoChatError, createProxy } from "twochat";
import { durableObjectDedupe, kvDedupe, DedupeObject } from "twochat/cloudflare";

// The Durable Object class behind `durableObjectDedupe`: bound as DEDUPE in wrangler.toml.
export { DedupeObject };

const WEBHOOKS = /^\/webhooks\/[^/]+\/?$/;
const PROXY = "/proxy";

class ConfigError extends Error {}

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

const list = (value) => String(value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

// Compares two strings in time that depends only on their lengths.
function sameSecret(a, b) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

// One router, one client and one proxy per isolate, built from `env` on the first request: a
// Worker only sees its bindings in `fetch`, and the router's duplicate-delivery memory should
// outlive a request.
let app;

function setUp(env) {
  if (app) return app;
  const missing = ["TWOCHAT_API_KEY", "HOOK_TOKEN"].filter((name) => !env[name]);
  if (missing.length > 0) {
    // Names only: never the values. Without HOOK_TOKEN the router would refuse to start anyway.
    throw new ConfigError(`missing secret(s): ${missing.join(", ")} (set them with \`wrangler secret put\`)`);
  }
  const baseUrl = env.TWOCHAT_BASE_URL || undefined; // unset or empty: 2Chat itself
  const client = new TwoChat({
    apiKey: env.TWOCHAT_API_KEY,
    baseUrl,
    // A delivery waits for the reply to be sent; keep that well under 2Chat's patience.
    timeoutMs: 10_000,
  });

  // A Worker runs in many isolates: with a shared store, a redelivery that lands on another
  // isolate is still recognised. The Durable Object is consistent; KV is best effort.
  const dedupe = env.DEDUPE ? durableObjectDedupe(env.DEDUPE) : env.DEDUPE_KV ? kvDedupe(env.DEDUPE_KV) : undefined;
  const router = new WebhookRouter({ token: env.HOOK_TOKEN, dedupe });

  // Replies go out from the account's own number only: TWOCHAT_FROM_NUMBER, or — when it is not
  // set — the delivery's channel number if, and only if, the account lists it as connected.
  // Never a number taken from the payload unchecked.
  let ownNumbers;
  async function replyFrom(channelNumber) {
    if (env.TWOCHAT_FROM_NUMBER) return channelNumber === env.TWOCHAT_FROM_NUMBER ? env.TWOCHAT_FROM_NUMBER : null;
    if (!channelNumber) return null;
    ownNumbers ??= client.numbers
      .list({ status: "connected" })
      .then((r) => new Set(r.numbers.map((n) => n.phone_number)))
      .catch((e) => {
        ownNumbers = undefined; // try again on the next delivery
        throw e;
      });
    return (await ownNumbers).has(channelNumber) ? channelNumber : null;
  }

  router.on("whatsapp.message.received", async (event) => {
    const p = event.payload;
    // Only what a person sent to us: not what this channel sent (through the API, an agent, or
    // this very auto-reply), which would make two bots answer each other forever.
    if (p.sent_by && p.sent_by !== "user") return;
    const to = p.remote_phone_number;
    const from = await replyFrom(p.channel_phone_number ?? null);
    if (!from || !to) {
      // A retry would not change that, so the delivery is acknowledged (200) with the reason logged.
      const why = !to ? "no remote_phone_number" : p.channel_phone_number ? "the channel is not this account's reply number" : "no channel_phone_number";
      console.warn(`twochat: not replying to ${event.uuid ?? "a message"}: ${why}`);
      return;
    }
    if (from === to) return; // a note to self
    const text = p.message?.text ?? (p.message?.media ? `[${p.message.media.type ?? "media"}]` : "[a message]");
    await client.messages.send({ from_number: from, to_number: to, text: "Thanks! We got: " + text });
  });

  // A handler that throws makes the router answer 500, so 2Chat delivers again later (and the
  // router runs the handlers again: a failed delivery is not remembered as handled).
  router.onError((error, event) => {
    // A TwoChatError's code, status and message never contain the API key; the request URL
    // holds the hook token, so it is not logged either.
    const detail = error instanceof TwoChatError ? `${error.code}${error.status ? ` ${error.status}` : ""}: ${error.message}` : String(error?.message ?? error);
    console.error(`twochat: ${event?.name ?? "a delivery"} ${event?.uuid ?? ""} failed: ${detail}`);
  });

  // The page proxy: closed unless PROXY_ORIGINS names the pages that may use it. Reads only by
  // default; PROXY_ALLOW may add calls (tool names or "METHOD /template"), and anything beyond
  // reads needs a check of who is asking — here a shared secret (PROXY_TOKEN) sent as
  // `Authorization: Bearer …`; a real site checks its own session instead.
  const origins = list(env.PROXY_ORIGINS);
  const allow = list(env.PROXY_ALLOW);
  const proxy =
    origins.length === 0
      ? null
      : createProxy({
          apiKey: env.TWOCHAT_API_KEY,
          baseUrl,
          prefix: PROXY,
          origins,
          allow: allow.length ? allow : undefined,
          authorize: env.PROXY_TOKEN
            ? (request) => sameSecret(request.headers.get("authorization") ?? "", `Bearer ${env.PROXY_TOKEN}`)
            : undefined,
        });

  app = { router, proxy };
  return app;
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/health") {
      if (request.method !== "GET" && request.method !== "HEAD") return json(405, { ok: false, message: "use GET" });
      return json(200, { ok: true });
    }
    const isProxy = pathname === PROXY || pathname.startsWith(`${PROXY}/`);
    if (!isProxy && !WEBHOOKS.test(pathname)) return json(404, { ok: false, message: "not found" });

    let setup;
    try {
      setup = setUp(env);
    } catch (error) {
      // A ConfigError names the missing secret; a TwoChatError (a HOOK_TOKEN too short, a bad
      // PROXY_ALLOW…) says what is wrong without repeating the token or the key.
      console.error(`twochat: the Worker is not configured: ${error instanceof ConfigError || error instanceof TwoChatError ? error.message : "setup failed"}`);
      return json(500, { ok: false, message: "this endpoint is not configured" });
    }
    if (isProxy) return setup.proxy ? setup.proxy(request) : json(404, { ok: false, message: "not found" });
    return setup.router.handle(request);
  },
};
