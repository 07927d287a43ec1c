// parseWebhook checks deliveries in JavaScript (js/checks.js, generated from the event
// declarations, and js/webhooks.js); Rust's twochat::webhook checks them in Rust. The Rust test
// tests/webhook_verdicts.rs builds a corpus (2Chat's documented deliveries under every event name,
// each declared field set to values of every kind, and the corners of bodies, ids and timestamps)
// with Rust's verdict on each; this test runs it and holds parseWebhook to every verdict.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parseWebhook } from "../../pkg/index.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = join(ROOT, "../shared/fixtures/webhooks");

function setAt(value, path, to) {
  if (path.length === 0) return to;
  const [first, ...rest] = path;
  if (typeof first === "number") {
    const items = Array.isArray(value) ? [...value] : [];
    while (items.length <= first) items.push({});
    items[first] = setAt(items[first], rest, to);
    return items;
  }
  const o = value !== null && typeof value === "object" && !Array.isArray(value) ? { ...value } : {};
  o[first] = setAt(o[first] ?? null, rest, to);
  return o;
}

test("parseWebhook says of every delivery of the corpus what twochat::webhook says", { timeout: 600_000 }, () => {
  // The Rust side writes the corpus with its verdicts (built already when `make test` got here).
  execFileSync("cargo", ["test", "--quiet", "--test", "webhook_verdicts"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const { cases } = JSON.parse(readFileSync(join(ROOT, "target/tmp/webhook-verdicts.json"), "utf8"));
  assert.ok(cases.length > 1000, `only ${cases.length} cases`);
  const fixtures = new Map();
  const fixture = (name) => {
    if (!fixtures.has(name)) fixtures.set(name, JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")));
    return fixtures.get(name);
  };
  const differ = [];
  for (const c of cases) {
    let body = c.body;
    if (body === undefined) {
      const value = fixture(c.fixture);
      body = JSON.stringify(c.set === null ? value : setAt(value, c.set[0], c.set[1]));
    }
    const options = c.hint === null ? undefined : { event: c.hint };
    let got;
    try {
      const e = parseWebhook(body, options);
      got = { event: e.event, name: e.name, uuid: e.uuid, createdAt: e.createdAt, timestamps: Object.entries(e.timestamps) };
    } catch (e) {
      got = { code: e.code, message: e.message };
    }
    const want = c.verdict;
    // serde_json and JSON.parse word a syntax error differently: only the start must agree.
    const notJson = "body: is not JSON (";
    if (want.message?.startsWith(notJson) && got.message?.startsWith(notJson)) got.message = want.message;
    if (!isSame(got, want)) differ.push({ body: body.slice(0, 300), hint: c.hint, js: got, rust: want });
  }
  assert.deepEqual(differ.slice(0, 5), [], `${differ.length} of ${cases.length} cases differ`);
});

function isSame(a, b) {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
