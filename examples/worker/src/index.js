// A Cloudflare Worker that receives 2Chat webhooks and answers every incoming WhatsApp message.
//
//   POST /webhooks/<event>?token=<HOOK_TOKEN>   2Chat's deliveries, checked and parsed by a WebhookRouter
//   *    /proxy/open/…                          allowed 2Chat API calls, with the key added here, so
//                                               a web page can use the SDK without holding the key
//   GET  /health                                200 {"ok":true}
//   anything else                               404 JSON
//
// Bindings: TWOCHAT_API_KEY and HOOK_TOKEN (secrets), TWOCHAT_BASE_URL and, optionally,
// TWOCHAT_FROM_NUMBER (vars). See wrangler.toml and README.md.
//
// The "workerd" entry of the twochat package instantiates its WebAssembly when the isolate starts,
// so there is nothing to initialise here.
import { TwoChat, WebhookRouter, TwoChatError } from "twochat";

const WEBHOOKS = /^\/webhooks\/[^/]+\/?$/;
const PROXY = "/proxy";

// What the proxy forwards unless PROXY_ALLOW says otherwise: reads only. Each rule is
// "METHOD /path" (exact) or "METHOD /prefix/" (anything below). A page's visitors can use
// whatever is allowed here with your key, so allow sends (POST /open/whatsapp/send-message) only
// behind your own authentication.
const DEFAULT_PROXY_ALLOW = [
  "GET /open/info",
  "GET /open/whatsapp/get-numbers",
  "GET /open/whatsapp/messages/",
  "GET /open/whatsapp/conversations/",
  "GET /open/whatsapp/groups/",
  "GET /open/whatsapp/group/",
  "GET /open/contacts",
  "GET /open/contacts/",
  "GET /open/webhooks",
].join(",");

function proxyAllows(env, method, path) {
  return String(env.PROXY_ALLOW ?? DEFAULT_PROXY_ALLOW)
    .split(",")
    .map((rule) => rule.trim().split(/\s+/))
    .some(([m, p]) => m === method && p && (p.endsWith("/") ? path.startsWith(p) && path.length > p.length : path === p));
}

function corsHeaders(env, request) {
  const origin = request.headers.get("origin");
  const allowed = String(env.PROXY_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  if (!origin || !(allowed.includes(origin) || allowed.includes("*"))) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "GET, POST, PUT, DELETE",
    "access-control-allow-headers": "content-type, accept",
    "access-control-expose-headers": "retry-after",
    "access-control-max-age": "600",
    vary: "origin",
  };
}

async function proxy(request, env) {
  const cors = corsHeaders(env, request);
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
  const url = new URL(request.url);
  // URL parsing has already resolved "." and ".." segments; encoded separators are refused.
  const path = url.pathname.slice(PROXY.length);
  if (!path.startsWith("/open/") || /%2f|%5c|%2e/i.test(path) || !proxyAllows(env, request.method, path)) {
    return new Response(JSON.stringify({ success: false, message: `${request.method} ${path} is not allowed through this proxy` }), {
      status: 403, headers: { "content-type": "application/json", ...cors },
    });
  }
  if (!env.TWOCHAT_API_KEY) return json(500, { ok: false, message: "the proxy is not configured" });
  const base = (env.TWOCHAT_BASE_URL || "https://api.p.2chat.io").replace(/\/+$/, "");
  const hasBody = request.method !== "GET" && request.method !== "DELETE";
  // Only what 2Chat needs goes upstream: the key is added here, and nothing the page sent
  // (cookies, its own X-User-API-Key…) is passed on.
  const upstream = await fetch(`${base}${path}${url.search}`, {
    method: request.method,
    headers: { accept: "application/json", "x-user-api-key": env.TWOCHAT_API_KEY, ...(hasBody ? { "content-type": "application/json" } : {}) },
    body: hasBody ? await request.text() : undefined,
  });
  const headers = { "content-type": upstream.headers.get("content-type") ?? "application/json", "cache-control": "no-store", ...cors };
  const retryAfter = upstream.headers.get("retry-after");
  if (retryAfter) headers["retry-after"] = retryAfter;
  return new Response(upstream.body, { status: upstream.status, headers });
}

// One router (and one client) per isolate, built from `env` on the first request: a Worker only
// sees its bindings in `fetch`, and the router's duplicate-delivery memory should outlive a request.
let app;

function setUp(env) {
  if (app) return app;
  const missing = ["TWOCHAT_API_KEY", "HOOK_TOKEN"].filter((name) => !env[name]);
  if (missing.length > 0) {
    // Names only: never the values. Without HOOK_TOKEN the router would accept anyone's POSTs.
    throw new ConfigError(`missing secret(s): ${missing.join(", ")} (set them with \`wrangler secret put\`)`);
  }

  const client = new TwoChat({
    apiKey: env.TWOCHAT_API_KEY,
    baseUrl: env.TWOCHAT_BASE_URL || undefined, // unset or empty: 2Chat itself
    // A delivery waits for the reply to be sent; keep that well under 2Chat's patience.
    timeoutMs: 10_000,
  });
  const router = new WebhookRouter({ token: env.HOOK_TOKEN });

  router.on("whatsapp.message.received", async (event) => {
    const p = event.payload;
    // Only what a person sent to us: not what this channel sent (through the API, an agent, or
    // this very auto-reply), which would make two bots answer each other forever.
    if (p.sent_by && p.sent_by !== "user") return;
    const from = p.channel_phone_number || env.TWOCHAT_FROM_NUMBER;
    const to = p.remote_phone_number;
    if (!from || !to) {
      // The oldest payloads lack channel_phone_number. A retry would not fix that, so acknowledge
      // the delivery (200) and say why nothing was sent.
      console.warn(`twochat: not replying to ${event.uuid ?? "a message"}: no ${from ? "remote_phone_number" : "channel_phone_number (set TWOCHAT_FROM_NUMBER)"}`);
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

  app = { router };
  return app;
}

class ConfigError extends Error {}

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/health") {
      if (request.method !== "GET" && request.method !== "HEAD") return json(405, { ok: false, message: "use GET" });
      return json(200, { ok: true });
    }
    if (pathname.startsWith(`${PROXY}/`)) return proxy(request, env);
    if (!WEBHOOKS.test(pathname)) return json(404, { ok: false, message: "not found" });

    let router;
    try {
      ({ router } = setUp(env));
    } catch (error) {
      // A ConfigError names the missing secret; anything else (e.g. a HOOK_TOKEN too short for
      // WebhookRouter) is reported by its message, which never repeats the token or the key.
      console.error(`twochat: the Worker is not configured: ${error instanceof ConfigError || error instanceof TwoChatError ? error.message : "setup failed"}`);
      return json(500, { ok: false, message: "the webhook endpoint is not configured" });
    }
    return router.handle(request);
  },
};
