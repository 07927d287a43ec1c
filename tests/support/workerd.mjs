// What a Worker under Miniflare answered and printed, for the tests of both Worker examples
// (examples/worker in JavaScript, examples/rust-worker in Rust): every answer is recorded and
// everything workerd printed is kept, so a test can wait for a log line and, at the end, check
// that no answer and no log line holds a secret and that nothing panicked.
import assert from "node:assert/strict";

export class Witness {
  /** Every answer a Worker gave: `{ path, status, headers, text }`. */
  responses = [];
  /** Everything workerd printed (the Worker's console). */
  output = "";

  /** For Miniflare's `handleRuntimeStdio` option. */
  stdio = (stdout, stderr) => {
    for (const s of [stdout, stderr]) s.on("data", (chunk) => (this.output += chunk));
  };

  /** Records an answer a Worker gave, read as `text`, for the leak check. */
  record(path, response, text) {
    this.responses.push({ path, status: response.status, headers: [...response.headers].join("\n"), text });
  }

  /** A request to the Worker at `base`, recorded; an answer that is not JSON (or empty) fails the test. */
  async fetch(base, path, init = {}) {
    const r = await fetch(`${base}${path}`, init);
    const text = await r.text();
    this.record(path, r, text);
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      assert.fail(`${init.method ?? "GET"} ${path} answered ${r.status} with a body that is not JSON: ${text}`);
    }
    return { status: r.status, headers: r.headers, text, json };
  }

  /** Waits until `check()` holds, or fails naming `what` with what the Worker printed. */
  async waitFor(check, what, ms = 5000) {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}; the Worker printed:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** No recorded answer (body or headers) and no log line holds a secret; the Worker never panicked. */
  assertNoLeak({ apiKey, hookToken }, atLeast) {
    assert.ok(this.responses.length >= atLeast, `checked ${this.responses.length} answers`);
    for (const r of this.responses) {
      assert.ok(!r.text.includes(apiKey) && !r.headers.includes(apiKey), `${r.path} leaked the API key`);
      assert.ok(!r.text.includes(hookToken) && !r.headers.includes(hookToken), `${r.path} leaked the hook token`);
    }
    assert.ok(this.output.length > 0, "the Worker logged something");
    assert.ok(!this.output.includes(apiKey), `the logs hold the API key:\n${this.output}`);
    assert.ok(!this.output.includes(hookToken), `the logs hold the hook token:\n${this.output}`);
    assert.ok(!/panicked|RuntimeError: unreachable/.test(this.output), `the Worker panicked:\n${this.output}`);
  }
}

/** A control request to twochat-mock at `mockUrl`: `{ status, body }` (the body parsed). */
export async function mockCall(mockUrl, method, path, body) {
  const r = await fetch(`${mockUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
