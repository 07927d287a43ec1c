// Type-checked by scripts/test-worker.sh with `--customConditions workerd` against the installed
// tarball: the "workerd" export of twochat has its own declarations, and they are the web build's.
// (With skipLibCheck, as Workers projects have it: the declarations mention `node:http` for
// `router.nodeListener()`, which a project without @types/node cannot resolve.)
import { TwoChat, TwoChatError, WebhookRouter, parseWebhook, initSync, createProxy } from "twochat";
import type { E164, WebhookEvent, ProxyHandler } from "twochat";
import { durableObjectDedupe, kvDedupe, DedupeObject } from "twochat/cloudflare";
import type { KVNamespaceLike, DurableObjectNamespaceLike } from "twochat/cloudflare";

interface Env { TWOCHAT_API_KEY: string; TWOCHAT_BASE_URL?: string; HOOK_TOKEN: string; DEDUPE: DurableObjectNamespaceLike; DEDUPE_KV: KVNamespaceLike }
export { DedupeObject };

const ready: typeof initSync = initSync; // exported, though the entry already called it
void ready;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const client = new TwoChat({ apiKey: env.TWOCHAT_API_KEY, baseUrl: env.TWOCHAT_BASE_URL });
    const router = new WebhookRouter({ token: env.HOOK_TOKEN, dedupe: durableObjectDedupe(env.DEDUPE) });
    void new WebhookRouter({ token: env.HOOK_TOKEN, dedupe: kvDedupe(env.DEDUPE_KV), maxBodyBytes: 65536 });
    const proxy: ProxyHandler = createProxy({
      apiKey: env.TWOCHAT_API_KEY,
      origins: ["https://app.example.com"],
      allow: ["list_messages", "send_message"],
      authorize: async (req, call) => call.tool !== "send_message" || req.headers.get("authorization") === "Bearer x",
    });
    if (new URL(request.url).pathname.startsWith("/proxy")) return proxy(request);
    router.on("whatsapp.message.received", async (e: WebhookEvent) => {
      const p = parseWebhook(JSON.stringify(e.payload), { event: "whatsapp.message.received" }).payload as { remote_phone_number?: string | null };
      const to = p.remote_phone_number;
      if (to?.startsWith("+")) await client.messages.send({ from_number: "+595981048477", to_number: to as E164, text: "hi" });
    });
    router.onError((error: unknown) => console.error(error instanceof TwoChatError ? error.code : "error"));
    return router.handle(request);
  },
};

// @ts-expect-error: a message needs a to_number
void new TwoChat({ apiKey: "k" }).messages.send({ from_number: "+595981048477", text: "x" });

// @ts-expect-error: a router needs a token (or allowUnauthenticated: true)
void new WebhookRouter({});
void new WebhookRouter({ allowUnauthenticated: true });
// @ts-expect-error: origins are required
void createProxy({ apiKey: "k" });
