// Helpers shared by the end-to-end tests: fresh isolated accounts on twochat-mock
// (TWOCHAT_MOCK_URL, set by scripts/with-mock.sh), the mock's request log, and a client wrapper
// that checks, call by call, what the mock received.
import assert from "node:assert/strict";
import { TwoChat, TwoChatError } from "../../pkg/index.mjs";

export const MOCK = process.env.TWOCHAT_MOCK_URL;
if (!MOCK) throw new Error("TWOCHAT_MOCK_URL is not set: run the tests through scripts/with-mock.sh");

// The mock's seeded data (mock/src/seed.rs), the same in every fresh account.
export const SEED = {
  PY: "+595981048477", // connected, has the catalog
  PY_UUID: "WPN95841312-b54d-46e3-b0bc-6414f4a5296b",
  MX: "+5215512345432", // connected
  MX_UUID: "WPNc568c832-606c-4d50-8092-fc51b5149d16",
  GROUP: "WAG768beeef-2b96-4bc7-9b7f-045078568723",
  WABA: "+16173518454",
  WABA_UUID: "WAN3ff9fb72-6ecd-4c2a-9055-4836d8ed33d7",
  SMS: "+14155550199", // the SMS-enabled virtual number
  USER_UUID: "USR4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  PRODUCT_IDS: ["6562709013816345", "7130571828237716"],
  COLLECTION_ID: "1051239876543210",
  SESSION_KEY: "WW-WPN95841312-b54d-46e3-b0bc-6414f4a5296b-5215512345432@c.us",
  MESSAGE_UUID: "MSG8c39a0a9-01cf-46c9-ab46-3c0fb0477e99",
};

/** Every API key registered by this process, so a file can merge its accounts' logs. */
export const keysUsed = [];

/** Registers a fresh, isolated, seeded account on the mock and returns its API key. */
export async function register(extra = {}) {
  const api_key = `UAK-e2e-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const r = await fetch(`${MOCK}/__mock/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ api_key, ...extra }),
  });
  assert.equal(r.status, 201, `POST /__mock/accounts answered ${r.status}`);
  keysUsed.push(api_key);
  return api_key;
}

/** What the mock received with `key`, oldest first. */
export async function received(key) {
  const r = await fetch(`${MOCK}/__mock/requests?api_key=${encodeURIComponent(key)}`);
  assert.equal(r.status, 200);
  return (await r.json()).requests;
}

/** A client on the mock for `key`, with no retries (a retry would add log entries). */
export function clientFor(apiKey) {
  return new TwoChat({ apiKey, baseUrl: MOCK, maxRetries: 0 });
}

/**
 * One account and its client. `call(promise, expected)` awaits one SDK call and checks the one
 * request it caused, in order:
 *   expected = { method, path, query?: string|null, body?: any (undefined = no body),
 *                endpoint, status?: number (default 200) }
 */
export class Session {
  static async open() {
    return new Session(await register());
  }

  constructor(key) {
    this.key = key;
    this.client = clientFor(key);
    this.seen = 0;
  }

  async call(promise, expected) {
    let response;
    try {
      response = await promise;
    } catch (e) {
      const where = `${expected.method} ${expected.path}${expected.query ? `?${expected.query}` : ""} (#${expected.endpoint})`;
      throw new assert.AssertionError({
        message: `${where} rejected: ${e?.code} ${e?.status ?? ""} ${e?.message}`,
        actual: e,
        expected: "a resolved promise",
        operator: "call",
      });
    }
    const log = await received(this.key);
    assert.equal(log.length, this.seen + 1, `one request per call (log: ${log.map((r) => `${r.method} ${r.path}`).join(", ")})`);
    const req = log[this.seen++];
    assertRequest(req, expected, this.key);
    return response;
  }

  /** Like `call`, for a call the mock must answer with an error (e.g. a deleted resource). */
  async fails(promise, expected, { code, status }) {
    const e = await rejection(promise);
    assert.ok(e instanceof TwoChatError, `a TwoChatError, got ${e?.message}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.status, status, e.message);
    const log = await received(this.key);
    assert.equal(log.length, this.seen + 1, "one request per call");
    assertRequest(log[this.seen++], { ...expected, status }, this.key);
    return e;
  }

  /** The endpoint ids the mock logged for this account. */
  async endpointIds() {
    return (await received(this.key)).map((r) => r.endpoint);
  }
}

/** Checks one logged request against `expected` (see `Session.call`). */
export function assertRequest(req, expected, key) {
  const label = `#${expected.endpoint} ${expected.method} ${expected.path}`;
  assert.equal(req.method, expected.method, `${label}: method`);
  assert.equal(req.path, expected.path, `${label}: path`);
  assert.equal(req.query, expected.query ?? null, `${label}: query`);
  assert.equal(req.endpoint, expected.endpoint, `${label}: endpoint id`);
  // The mock logs the key redacted; the entry being listed under ?api_key=key shows that key was sent.
  assert.equal(req.headers["x-user-api-key"], "[redacted]", `${label}: x-user-api-key header`);
  if (expected.body === undefined) {
    assert.equal(req.body, null, `${label}: no body expected, got ${req.body_text}`);
  } else {
    assert.deepEqual(req.body, expected.body, `${label}: body`);
    assert.match(req.headers["content-type"] ?? "", /^application\/json/, `${label}: content-type`);
  }
  assert.equal(req.status, expected.status ?? 200, `${label}: status the mock answered`);
}

/** Awaits a call that must be refused before sending; returns the TwoChatError. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected the call to reject, but it resolved");
}

export { TwoChat, TwoChatError };
