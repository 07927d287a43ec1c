// A bundler project (Vite, webpack, esbuild: moduleResolution "bundler") using the installed
// tarball: `import` without the "node" condition resolves twochat's web build (web/index.d.ts).
// tests/package/package.test.mjs compiles it with tsc --strict twice: as it is, where the line
// marked `// error` must be the only error, and without that line, where it must compile.
import { TwoChat, TwoChatError, parseWebhook } from "twochat";
import type { SendMessageResponse, WebhookEvent } from "twochat";
import { tools, toOpenAITools, type Tool } from "twochat/tools";
import { kvDedupe } from "twochat/cloudflare";
import toolList from "twochat/tools.json";

const client = new TwoChat({ baseUrl: "https://proxy.example.com/2chat" });

export async function send(): Promise<string | undefined> {
  const pending: Promise<SendMessageResponse> = client.messages.send({ from_number: "+595981048477", to_number: "+5215512345432", text: "hi" });
  try {
    return (await pending).message_uuid;
  } catch (e) {
    if (e instanceof TwoChatError && e.code === "rate_limited") return `retry in ${e.retryAfterMs ?? 0} ms`;
    throw e;
  }
}

export function received(body: string): string | undefined {
  const event: WebhookEvent = parseWebhook(body, { event: "whatsapp.message.received" });
  return event.event === "whatsapp.message.received" ? event.payload.message?.text : undefined;
}

const readOnly: Tool<"read">[] = tools({ readOnly: true });
export const openai: string[] = toOpenAITools(readOnly).map((t) => t.function.name);
export const names: string[] = toOpenAITools().map((t) => t.function.parameters.type); // error
export const listed: number = toolList.length;
export const store = kvDedupe({ get: async () => null, put: async () => {}, delete: async () => {} });
