//! TypeScript declarations for what crosses the JS boundary. Field names are 2Chat's own
//! snake_case; every response type also admits fields this version does not know yet.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r##"
/** The stable codes a `TwoChatError` carries. */
export type TwoChatErrorCode =
  | "invalid_input" | "unauthorized" | "payment_required" | "forbidden" | "not_found"
  | "conflict" | "unprocessable" | "rate_limited" | "server_error" | "timeout" | "aborted"
  | "network" | "decode" | "invalid_webhook";

/** Every rejection of the SDK. A real `Error`; branch on `code`. Never contains the API key. */
export class TwoChatError extends Error {
  private constructor();
  /** Always "TwoChatError". */
  readonly name: "TwoChatError";
  /** What went wrong, stable across versions: branch on this. */
  readonly code: TwoChatErrorCode;
  /** The HTTP status, when 2Chat answered. */
  readonly status?: number;
  /** How long 2Chat asked to wait before retrying (rate limits, "retry soon" answers). */
  readonly retryAfterMs?: number;
  /** What `JSON.stringify(error)` writes: the fields above and the message (never the key). */
  toJSON(): {
    /** Always "TwoChatError". */ name: "TwoChatError";
    /** The error's code. */ code: TwoChatErrorCode;
    /** The error's message. */ message: string;
    /** The HTTP status, when 2Chat answered. */ status?: number;
    /** How long 2Chat asked to wait. */ retryAfterMs?: number;
  };
}

/** A `fetch`-compatible function. It receives the built Request and `{ signal }` (the attempt's
 * AbortSignal, also in the Request): pass both on — `(request, init) => fetch(request, init)` — so an
 * abort or a timeout reaches the connection in every runtime. */
export type FetchLike = (input: Request, init: { signal: AbortSignal }) => Promise<Response>;

/** Options of `new TwoChat(options)`. */
export interface TwoChatOptions {
  /** Sent as `X-User-API-Key`. Omit it when a proxy injects the key. */
  apiKey?: string;
  /** Defaults to `https://api.p.2chat.io`; a proxy or the local mock also fit here. */
  baseUrl?: string;
  /** Per attempt, default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt (0–10, default 2). */
  maxRetries?: number;
  /** Used instead of the global `fetch`. */
  fetch?: FetchLike;
  /** Sent with every request. */
  defaultHeaders?: Record<string, string>;
  /** Silences the warning printed when a key is used in a browser page, where anyone can read it. */
  dangerouslyAllowBrowser?: boolean;
  /** Client-side pacing: calls are spread so that at most this many go out a minute (trial accounts: 10). */
  requestsPerMinute?: number;
  /** How much to log (default "warn"): "debug" logs every attempt. The API key is never logged. */
  logLevel?: "off" | "error" | "warn" | "info" | "debug";
  /** Where logs go (default: the global console). */
  logger?: TwoChatLogger;
}

/** Where the client logs: any object with these methods (the console fits). */
export interface TwoChatLogger {
  /** Failures. */ error?: (message: string) => void;
  /** Warnings (a key used in a browser page). */ warn?: (message: string) => void;
  /** Retries, pacing waits and failed calls. */ info?: (message: string) => void;
  /** Every attempt and answer. */ debug?: (message: string) => void;
}

/** Per-call options, the last argument of every method. */
export interface RequestOptions {
  /** Cancels the call at once; it rejects with code `aborted`. */
  signal?: AbortSignal;
  /** This call's per-attempt timeout, instead of the client's. */
  timeoutMs?: number;
  /** This call's retries after the first attempt, instead of the client's. */
  maxRetries?: number;
  /** Headers for this call, on top of the client's `defaultHeaders`. */
  headers?: Record<string, string>;
}

/** The query and body of `client.request(method, path, request)`. */
export interface RawRequest {
  /** Query parameters, encoded by the client (`+` as `%2B`); `null`/`undefined` ones are left out. */
  query?: Record<string, string | number | boolean | null | undefined | Array<string | number | boolean>>;
  /** The JSON body. */
  body?: JsonValue;
}

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What `JSON.stringify(client)` shows. */
export interface TwoChatSummary {
  /** Where the client sends requests. */ baseUrl: string;
  /** Whether a key is set; never the key. */ apiKey: "[redacted]" | null;
  /** The per-attempt timeout. */ timeoutMs: number;
  /** Retries after the first attempt. */ maxRetries: number;
}

/** An E.164 phone number: `+` and 8–15 digits, e.g. `"+595981048477"`. */
export type E164 = `+${string}`;

/** Timestamps come in several formats (ISO with or without zone, `YYYY-MM-DD HH:MM:SS`, epoch seconds). */
export type Timestamp = string | number;

/** A row of the endpoint table (`endpoints()`). */
export interface EndpointInfo {
  /** Its number in 2Chat's API reference (#1–#75). */ id: number;
  /** Its HTTP method. */ httpMethod: "GET" | "POST" | "PUT" | "DELETE";
  /** Its path template from the host (`{name}` marks an argument). */ path: string;
  /** The client's resource (`client.<resource>`). */ resource: string;
  /** The resource's method (`client.<resource>.<method>`). */ method: string;
  /** The LLM tool that calls it (see `twochat/tools`, whose `description` says what it does). */ tool: string;
  /** What calling it does: "read" changes nothing; "create" adds to the account; "send" reaches
   * people outside it (messages, SMS, status posts, group members); "update" overwrites;
   * "remove" deletes or disconnects; "purchase" spends money. */
  effect: "read" | "create" | "send" | "update" | "remove" | "purchase";
  /** The method's positional arguments, by their wire names (a tool's flat arguments use them). */
  args: string[];
}

/** The envelope `client.callTool` always resolves with (it never rejects). */
export type ToolResult =
  | {
      /** The call succeeded. */
      successful: true;
      /** 2Chat's answer. */
      data: unknown;
      /** No error. */
      error: null;
    }
  | {
      /** The call failed (nothing was sent for `invalid_input`). */
      successful: false;
      /** No answer. */
      data: null;
      /** "<code>: <message>", e.g. "invalid_input: to_number: must be an E.164 number…" */
      error: string;
    };

/** Options of every `iterate…()` method. */
export interface IterateOptions {
  /** Stop after this many items (default 1000, at most 1000000). */ limit?: number }


// ----- webhooks received
/** Options of `parseWebhook`. */
export interface ParseWebhookOptions {
  /** The event name, when the payload has no `event` field (older payloads). */ event?: WebhookEventName | (string & {}) }
/** Options of `new WebhookRouter(options)`: a token, or an explicit opt-out of one. */
export type WebhookRouterOptions = WebhookRouterLimits & (
  | {
      /** Required in the hook URL's `token` query parameter (at least 16 URL-safe characters; `WebhookRouter.generateToken()` makes one). */
      token: string;
      /** Left out or `false`: deliveries need the token. */
      allowUnauthenticated?: false;
    }
  | {
      /** Accept deliveries without a token: only for a route protected some other way (2Chat signs nothing). */
      allowUnauthenticated: true;
      /** No token with `allowUnauthenticated`. */
      token?: undefined;
    });
/** The limits of a `WebhookRouter`: body size and de-duplication. */
export interface WebhookRouterLimits {
  /** Larger bodies are answered 413, counted while the body is read (default 1 MiB). @integer @minimum 1 @maximum 67108864 */
  maxBodyBytes?: number;
  /** A delivery whose `uuid` was handled this recently is acknowledged without running handlers (default 10 min). @integer @minimum 0 */
  dedupeWindowMs?: number;
  /** How many handled uuids this isolate remembers (default 10000; in-memory de-duplication only). @integer @minimum 0 @maximum 1000000 */
  dedupeCapacity?: number;
  /** Remember handled deliveries in a store every isolate shares (Workers KV, a Durable Object…)
   * instead of this isolate's memory: see `twochat/cloudflare`. */
  dedupe?: DedupeStore;
}
/** A de-duplication memory shared between isolates or processes. Keys are at most 64 characters. */
export interface DedupeStore {
  /** Claims `key` for `ttlMs`: `true` when this is the first claim (the delivery is handled),
   * `false` when it was claimed before and not released (acknowledged as a duplicate). */
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Gives a claim back after the handlers failed, so 2Chat's next attempt runs them again. */
  release(key: string): void | Promise<void>;
}

/** What every parsed delivery carries. */
interface WebhookEventBase {
  /** The payload's `uuid` (or `id`), used for de-duplication. */ uuid: string | null;
  /** `created_at` in epoch milliseconds, whatever format it came in. */ createdAt: number | null;
  /** Every known timestamp field present, by path (e.g. "message.order.created_at"), in epoch milliseconds. */
  timestamps: { [path: string]: number };
}
/** A delivery of a known event: `event` tells which, and `payload` is typed accordingly. */
export type KnownWebhookEvent = {
  [K in keyof WebhookPayloads]: WebhookEventBase & {
    /** The event name. */ event: K;
    /** The event name as 2Chat (or the route) gave it. */ name: K;
    /** The payload, typed for this event; every field the sender sent is kept. */ payload: WebhookPayloads[K];
  };
}[keyof WebhookPayloads];
/** A delivery this version does not know: the name as sent (or null) and the payload as sent. */
export interface UnknownWebhookEvent extends WebhookEventBase {
  /** Always "unknown". */ event: "unknown";
  /** The name as sent, or `null` when nothing named the event. */ name: string | null;
  /** The payload as sent. */ payload: { [field: string]: unknown };
}
/** A parsed delivery: a known event with its typed payload, or an unknown one. */
export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;
/**
 * A listener for Node's `http.createServer(listener)`. Typed without Node's own types, so projects
 * without `@types/node` (Workers, browsers) still type-check; it is assignable to `RequestListener`.
 */
export type NodeRequestListener = (req: unknown, res: unknown) => void;

/** Options of `createProxy`. */
export interface ProxyOptions {
  /** The 2Chat API key the proxy adds to each forwarded call; it never reaches the page. */
  apiKey: string;
  /** The exact origins whose pages may call the proxy ("https://app.example.com"); every other
   * origin, and a request without one, gets 403. Required: there is no "*". @minItems 1 */
  origins: string[];
  /** What is forwarded: tool names ("list_messages") or "METHOD /template" rows of the endpoint
   * table ("GET /open/contacts/{contact_uuid}"). Default: every read except webhook
   * subscriptions, which are never forwarded. Anything beyond reads requires `authorize`. */
  allow?: string[];
  /** The site's own check of who is asking (a session cookie, a JWT…): resolve `true` to forward.
   * Required to allow anything beyond reads, and recommended for reads: an `Origin` header
   * stops other sites' pages, not a script that sets one. */
  authorize?: (request: Request, call: ProxyCall) => boolean | Promise<boolean>;
  /** Where 2Chat is (default https://api.p.2chat.io). */
  baseUrl?: string;
  /** The path the proxy is mounted under, e.g. "/proxy" (pages then use `baseUrl: ".../proxy"`). */
  prefix?: string;
  /** Larger request bodies are answered 413, counted while read (default 65536). @integer @minimum 0 @maximum 1048576 */
  maxBodyBytes?: number;
  /** How long to wait for 2Chat (default 30000 ms). @integer @minimum 1 @maximum 600000 */
  timeoutMs?: number;
  /** The fetch to call 2Chat with (default: the global one). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}
/** The endpoint a proxied request matched, as `authorize` sees it. */
export interface ProxyCall {
  /** The endpoint's number in 2Chat's API reference. */ id: number;
  /** Its tool name. */ tool: string;
  /** Its HTTP method. */ method: "GET" | "POST" | "PUT" | "DELETE";
  /** Its path template. */ path: string;
}
/** A fetch handler: `export default { fetch: proxy }` in a Worker, `Deno.serve(proxy)`, `Bun.serve({ fetch: proxy })`. */
export interface ProxyHandler {
  (request: Request): Promise<Response>;
  /** The same proxy as a listener for Node's `http.createServer`. */
  nodeListener(): NodeRequestListener;
}
"##;

/// The declarations generated from the endpoint declarations (`twochat-spec`): every model, params
/// type, webhook payload and resource interface.
#[wasm_bindgen(typescript_custom_section)]
const TS_API: &str = include_str!(concat!(env!("OUT_DIR"), "/api.d.ts"));
