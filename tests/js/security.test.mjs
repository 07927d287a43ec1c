// Client hardening: the API key goes to baseUrl and nowhere else (redirects are never followed),
// path arguments cannot climb out of their endpoint (';' is refused), an error never quotes any
// part of the key, and calls that used to go to the wrong endpoint or with the wrong page sizes or
// ids now send what 2Chat documents. Against twochat-mock (TWOCHAT_MOCK_URL) and small local
// servers on port 0.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { MOCK, TwoChat, TwoChatError, register, received as mockLog, rejection } from "./mock.mjs";

const T = { timeout: 15_000 };
const PY = "+595981048477";
const MX = "+5215512345432";

/** A server on a free 127.0.0.1 port that records every request (with its body) and answers with `respond`. */
async function recordingServer(respond) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(entry);
      respond(entry, res);
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  const close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
  return { base, requests, close };
}

/** A random key, so no 8-character piece of it can occur anywhere by chance. */
function randomKey() {
  const hex = [...crypto.getRandomValues(new Uint8Array(20))].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `UAK-${hex}`;
}

/** Asserts no 8-character substring of `key` occurs in `text`. */
function assertNoPieceOf(key, text, label) {
  for (let i = 0; i + 8 <= key.length; i++) {
    const piece = key.slice(i, i + 8);
    assert.ok(!text.includes(piece), `${label}: shows ${JSON.stringify(piece)} of the key in ${JSON.stringify(text)}`);
  }
}

describe("redirects are never followed", () => {
  test("a 302 on a GET and a 307 on a POST reject as network errors; the redirect target gets nothing, the server one request", T, async () => {
    const elsewhere = await recordingServer((_, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"success":true}'));
    const redirector = await recordingServer((req, res) => {
      const status = req.method === "GET" ? 302 : 307;
      res.writeHead(status, { location: `${elsewhere.base}/collect?secret-path=1${req.url}` }).end();
    });
    try {
      const key = randomKey();
      const client = new TwoChat({ apiKey: key, baseUrl: redirector.base });
      for (const [call, status, method, path] of [
        [() => client.account.info(), 302, "GET", "/open/info"],
        [() => client.messages.send({ from_number: PY, to_number: MX, text: "hi" }), 307, "POST", "/open/whatsapp/send-message"],
      ]) {
        const before = redirector.requests.length;
        const e = await rejection(call());
        assert.ok(e instanceof TwoChatError, String(e));
        assert.equal(e.code, "network", e.message);
        assert.equal(e.status, status);
        assert.match(e.message, /redirects are not followed/);
        assert.ok(!e.message.includes("secret-path"), `only the target's origin is named: ${e.message}`);
        assertNoPieceOf(key, e.message, "the error");
        assert.equal(redirector.requests.length, before + 1, "exactly one request, no retry");
        const got = redirector.requests.at(-1);
        assert.equal(got.method, method);
        assert.equal(got.url, path);
        assert.equal(got.headers["x-user-api-key"], key);
      }
      assert.deepEqual(elsewhere.requests, [], "the redirect target received nothing, so never the key");
    } finally {
      await Promise.all([redirector.close(), elsewhere.close()]);
    }
  });

  test("every redirect status is refused the same way", T, async () => {
    const elsewhere = await recordingServer((_, res) => res.end("{}"));
    const redirector = await recordingServer((req, res) => res.writeHead(Number(req.headers["x-want"] ?? 301), { location: `${elsewhere.base}/x` }).end());
    try {
      for (const status of [301, 302, 303, 307, 308]) {
        const client = new TwoChat({ apiKey: randomKey(), baseUrl: redirector.base, defaultHeaders: { "x-want": String(status) } });
        const e = await rejection(client.account.info());
        assert.equal(e.code, "network", `${status}: ${e.message}`);
        assert.equal(e.status, status);
      }
      assert.equal(redirector.requests.length, 5);
      assert.deepEqual(elsewhere.requests, []);
    } finally {
      await Promise.all([redirector.close(), elsewhere.close()]);
    }
  });
});

describe("path arguments", () => {
  test("';' is refused in path arguments and raw paths before any request", T, async () => {
    const key = await register();
    const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 0 });
    for (const [call, field] of [
      [() => client.contacts.get("..;"), "contactUuid"],
      [() => client.contacts.get(";"), "contactUuid"],
      [() => client.groups.get("a;b"), "groupUuid"],
      [() => client.groups.get("WAG1;jsessionid=x"), "groupUuid"],
      [() => client.request("GET", "/open/..;/info"), "path"],
      [() => client.request("GET", "/open/info;x=1"), "path"],
    ]) {
      const e = await rejection(call());
      assert.ok(e instanceof TwoChatError, String(e));
      assert.equal(e.code, "invalid_input", e.message);
      assert.ok(e.message.startsWith(`${field}:`), `names ${field}: ${e.message}`);
      assert.match(e.message, /;/);
    }
    assert.deepEqual(await mockLog(key), [], "nothing was sent");
    // The same calls with clean arguments do go out.
    await client.groups.get("WAG768beeef-2b96-4bc7-9b7f-045078568723");
    assert.deepEqual((await mockLog(key)).map((r) => r.path), ["/open/whatsapp/group/WAG768beeef-2b96-4bc7-9b7f-045078568723"]);
  });
});

describe("errors never show the key", () => {
  test("a body echoing the key across the 120-character snippet cut shows no part of it", T, async () => {
    const key = randomKey();
    const server = await recordingServer((req, res) => {
      const status = Number(req.headers["x-want"]);
      res.writeHead(status, { "content-type": status === 200 ? "text/plain" : "text/html" }).end(`${"x".repeat(100)}${req.headers["x-user-api-key"]} and then some more text`);
    });
    try {
      for (const status of [200, 500, 502, 404]) {
        const client = new TwoChat({ apiKey: key, baseUrl: server.base, maxRetries: 0, defaultHeaders: { "x-want": String(status) } });
        const e = await rejection(client.account.info());
        assert.ok(e instanceof TwoChatError, String(e));
        assert.equal(e.status, status, e.message);
        // Wherever the body is quoted (always for a 2xx that is not JSON), the key's place shows [redacted].
        if (status === 200 || e.message.includes("x".repeat(20))) assert.match(e.message, /x{20}.*\[redacted\]/, `${status}: ${e.message}`);
        assertNoPieceOf(key, e.message, `HTTP ${status}`);
        assertNoPieceOf(key, String(e), `HTTP ${status} toString`);
        assertNoPieceOf(key, JSON.stringify(e), `HTTP ${status} JSON`);
      }
      // The server did receive the key (it echoed it): the redaction is the client's doing.
      assert.ok(server.requests.every((r) => r.headers["x-user-api-key"] === key));
    } finally {
      await server.close();
    }
  });
});

describe("calls that now send what 2Chat documents", () => {
  test("_2CHAT_TEST_API_KEY calls GET /open/info and returns the account", T, async () => {
    const key = await register();
    const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 0 });
    const result = await client.callTool("_2CHAT_TEST_API_KEY", {});
    const log = await mockLog(key);
    assert.deepEqual(log.map((r) => `${r.method} ${r.path} #${r.endpoint} ${r.status}`), ["GET /open/info #2 200"]);
    const info = await client.account.info();
    assert.equal(result.successful, true, JSON.stringify(result).slice(0, 200));
    assert.equal(result.data.account.name, "twochat-mock account");
    assert.equal(result.data.account.uuid, info.account.uuid);
    assert.equal(result.data.limits.requests_per_minute, info.limits.requests_per_minute);
  });

  test("virtual numbers and caller IDs take any page size (200, 500); contacts stay 1–100", T, async () => {
    const key = await register();
    const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 0 });
    const numbers = await client.calls.listVirtualNumbers({ results_per_page: 200 });
    assert.equal(numbers.count, 3);
    const callerIds = await client.calls.listCallerIds({ results_per_page: 500 });
    assert.equal(callerIds.count, 2);
    await client.contacts.list({ results_per_page: 100 });
    const e = await rejection(client.contacts.list({ results_per_page: 101 }));
    assert.ok(e instanceof TwoChatError, String(e));
    assert.equal(e.code, "invalid_input");
    assert.ok(e.message.startsWith("results_per_page:"), e.message);
    assert.match(e.message, /100/);
    const log = await mockLog(key);
    assert.deepEqual(log.map((r) => `${r.path}?${r.query} ${r.status}`), [
      "/open/voip/virtual-numbers?results_per_page=200 200",
      "/open/voip/caller-ids?results_per_page=500 200",
      "/open/contacts?results_per_page=100 200",
    ], "101 was never sent");
  });

  test("phoneNumbers.requirements sends a numeric did_type (the ids did-types returns)", T, async () => {
    const key = await register();
    const client = new TwoChat({ apiKey: key, baseUrl: MOCK, maxRetries: 0 });
    const types = await client.phoneNumbers.didTypes();
    assert.ok(types.data.did_types.some((t) => t.id === 3), JSON.stringify(types.data.did_types));
    const outcome = await client.phoneNumbers.requirements({ country: "US", did_type: 3 }).then(() => null, (e) => e);
    assert.ok(outcome === null || outcome.code !== "invalid_input", `the SDK refused a numeric did_type: ${outcome?.message}`);
    const log = await mockLog(key);
    assert.equal(log.length, 2);
    assert.equal(log[1].path, "/open/numbers/requirements");
    assert.equal(log[1].query, "country=US&did_type=3");
  });
});
