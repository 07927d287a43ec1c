// Runs the fault matrix in a process of its own, so that what a settled call leaves behind
// (timers, unhandled rejections) can be seen: prints the results as JSON on stdout.
import { TwoChat, TwoChatError } from "../../../pkg/index.mjs";

const MOCK = process.env.TWOCHAT_MOCK_URL;
let unhandled = 0;
process.on("unhandledRejection", () => unhandled++);

const post = (path, body) => fetch(`${MOCK}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export const FAULTS = [
  ["401", { kind: "status", status: 401 }], ["402", { kind: "status", status: 402 }], ["403", { kind: "status", status: 403 }],
  ["404", { kind: "status", status: 404 }], ["409", { kind: "status", status: 409 }], ["410", { kind: "status", status: 410 }],
  ["422", { kind: "status", status: 422 }], ["429", { kind: "status", status: 429 }],
  ["429, Retry-After: 1", { kind: "status", status: 429, headers: { "Retry-After": "1" } }],
  ["429, Retry-After: HTTP date", { kind: "status", status: 429, headers: { "Retry-After": "DATE" } }],
  ["429, Retry-After: 120", { kind: "status", status: 429, headers: { "Retry-After": "120" } }],
  ["486", { kind: "status", status: 486 }], ["500", { kind: "status", status: 500 }], ["502", { kind: "status", status: 502 }],
  ["503", { kind: "status", status: 503 }], ["504", { kind: "status", status: 504 }],
  ["connection refused", null], ["connection dropped mid-body", { kind: "drop" }], ["hang past the timeout", { kind: "hang" }],
  ["malformed JSON (200)", { kind: "malformed_json" }], ["HTML error page (502)", { kind: "html" }], ["empty body (200)", { kind: "empty" }],
  ["headers, then the body stalls past the timeout", { kind: "stall" }],
  // Port 9 (discard) is another origin: were the redirect followed, the key would go there.
  ["302 redirect to another host", { kind: "status", status: 302, headers: { Location: "http://127.0.0.1:9/open/info" } }],
  ["307 redirect to another host", { kind: "status", status: 307, headers: { Location: "http://127.0.0.1:9/open/whatsapp/send-message" } }],
];

const CALLS = {
  GET: (c) => c.account.info(),
  POST: (c) => c.messages.send({ from_number: "+595981048477", to_number: "+5215512345432", text: "matrix" }),
};

async function runCase(label, fault, method) {
  const apiKey = `UAK-matrix-${Math.random().toString(36).slice(2)}`;
  await post("/__mock/accounts", { api_key: apiKey, requests_per_minute: 100000 });
  if (fault) {
    const f = structuredClone(fault);
    if (f.headers?.["Retry-After"] === "DATE") f.headers["Retry-After"] = new Date(Date.now() + 1500).toUTCString();
    await post("/__mock/faults", { ...f, api_key: apiKey, count: 3 });
  }
  let attempts = 0;
  const counting = (req, init) => {
    attempts++;
    return fetch(req, init);
  };
  const client = new TwoChat({ apiKey, baseUrl: fault ? MOCK : "http://127.0.0.1:9", timeoutMs: 400, fetch: counting });
  let outcome;
  try {
    await CALLS[method](client);
    outcome = { code: "ok" };
  } catch (e) {
    outcome = { code: e instanceof TwoChatError ? e.code : `not a TwoChatError: ${e}`, status: e.status ?? null, retryAfterMs: e.retryAfterMs ?? null };
  }
  const log = await (await fetch(`${MOCK}/__mock/requests?api_key=${apiKey}`)).json();
  return { label, method, ...outcome, attempts, received: log.requests.length };
}

const results = await Promise.all(FAULTS.flatMap(([label, fault]) => ["GET", "POST"].map((m) => runCase(label, fault, m))));
await new Promise((r) => setTimeout(r, 50));
const timers = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
process.stdout.write(JSON.stringify({ results, unhandled, timers }));
