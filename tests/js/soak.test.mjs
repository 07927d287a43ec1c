// A long-running Worker or page must not grow: 100,000 calls (some failing) and 100,000 webhook
// parses (some invalid) in one process, with the wasm linear memory measured after the first
// 1,000 and at the end; and 1,000 calls in flight at once all settle. Its figures (times vary from
// run to run) go to artifacts/soak.md; `UPDATE_DOCS=1` also rewrites the tracked docs/soak.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { TwoChat, parseWebhook, wasmMemoryBytes } from "../../pkg/index.mjs";

const MOCK = process.env.TWOCHAT_MOCK_URL;
const CALLS = Number(process.env.SOAK_CALLS ?? 100_000);
const PARSES = Number(process.env.SOAK_PARSES ?? 100_000);
const BOUND = 2 * 1024 * 1024;
const figures = {};

async function account() {
  const api_key = `UAK-soak-${Math.random().toString(36).slice(2)}`;
  const r = await fetch(`${MOCK}/__mock/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key, requests_per_minute: 10_000_000 }) });
  assert.equal(r.status, 201);
  return new TwoChat({ apiKey: api_key, baseUrl: MOCK, maxRetries: 0 });
}

test(`${CALLS} calls, some failing: memory stays flat`, { timeout: 600_000 }, async () => {
  const client = await account();
  const kinds = [
    () => client.account.info(),
    () => client.groups.get("WAG00000000-0000-4000-8000-000000000000"), // 404
    () => client.messages.send({ from_number: "+595981048477", to_number: "12" }), // invalid_input, nothing sent
    () => client.numbers.list({ status: "connected" }),
  ];
  // What each kind must come to: a success, not_found, invalid_input, a success.
  const expected = ["ok", "not_found", "invalid_input", "ok"];
  const outcomes = { ok: 0, not_found: 0, invalid_input: 0 };
  let afterFirst = 0;
  const started = Date.now();
  for (let done = 0; done < CALLS; ) {
    const batch = Math.min(200, CALLS - done);
    const results = await Promise.allSettled(Array.from({ length: batch }, (_, i) => kinds[(done + i) % kinds.length]()));
    results.forEach((r, i) => {
      const got = r.status === "fulfilled" ? "ok" : r.reason.code;
      const want = expected[(done + i) % kinds.length];
      if (got !== want) assert.fail(`call ${done + i}: ${got}, expected ${want}${r.reason ? ` (${r.reason.message})` : ""}`);
      outcomes[got]++;
    });
    done += batch;
    if (!afterFirst && done >= 1000) afterFirst = wasmMemoryBytes();
  }
  const end = wasmMemoryBytes();
  const ok = outcomes.ok;
  const failed = outcomes.not_found + outcomes.invalid_input;
  Object.assign(figures, { calls: CALLS, ok, failed, callsMs: Date.now() - started, callsMemAfter1000: afterFirst, callsMemEnd: end });
  const each = (k) => Array.from({ length: CALLS }, (_, i) => i % kinds.length).filter((i) => expected[i] === k).length;
  assert.deepEqual(outcomes, { ok: each("ok"), not_found: each("not_found"), invalid_input: each("invalid_input") });
  assert.ok(end - afterFirst <= BOUND, `wasm memory grew by ${end - afterFirst} bytes`);
});

test(`${PARSES} webhook parses, some invalid: memory stays flat`, () => {
  const good = readFileSync(new URL("../../../shared/fixtures/webhooks/whatsapp.order.received.json", import.meta.url), "utf8");
  // Each body and what it must give: the order, not JSON, a field of the wrong kind, an event
  // this version does not know ("unknown", never an error), the order as bytes.
  const bodies = [good, "{ not json", JSON.stringify({ message: { text: 5 } }), JSON.stringify({ event: "brand.new", uuid: "X" }), new TextEncoder().encode(good)];
  const expected = ["whatsapp.order.received", "invalid_webhook", "invalid_webhook", "unknown", "whatsapp.order.received"];
  let valid = 0;
  let invalid = 0;
  let afterFirst = 0;
  const started = Date.now();
  for (let i = 0; i < PARSES; i++) {
    const want = expected[i % bodies.length];
    let got;
    try {
      got = parseWebhook(bodies[i % bodies.length], { event: "whatsapp.order.received" }).event;
      valid++;
    } catch (e) {
      got = e.code;
      invalid++;
    }
    if (got !== want) assert.fail(`parse ${i}: ${got}, expected ${want}`);
    if (i === 999) afterFirst = wasmMemoryBytes();
  }
  const end = wasmMemoryBytes();
  Object.assign(figures, { parses: PARSES, valid, invalid, parsesMs: Date.now() - started, parsesMemAfter1000: afterFirst, parsesMemEnd: end });
  const invalidKinds = expected.filter((e) => e === "invalid_webhook").length;
  assert.equal(invalid, Math.floor(PARSES / bodies.length) * invalidKinds + expected.slice(0, PARSES % bodies.length).filter((e) => e === "invalid_webhook").length);
  assert.equal(valid + invalid, PARSES);
  assert.ok(end - afterFirst <= BOUND, `wasm memory grew by ${end - afterFirst} bytes`);
});

test("1,000 calls in flight at once all settle", { timeout: 120_000 }, async () => {
  const client = await account();
  const started = Date.now();
  const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? client.groups.get("nope/x") : client.account.info())));
  figures.inFlightMs = Date.now() - started;
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 900);
  assert.ok(results.filter((r) => r.status === "rejected").every((r) => r.reason.code === "invalid_input"));
});

test("write the figures (artifacts/soak.md; docs/soak.md with UPDATE_DOCS=1)", () => {
  const mib = (b) => (b / 1024 / 1024).toFixed(2);
  const text = [
    "# Soak",
    "",
    "Generated by `tests/js/soak.test.mjs` (part of `make test`; its figures land in `artifacts/soak.md` on every run, and here with `make docs-figures`): one Node process, the package's Node build, twochat-mock.",
    "",
    "| run | count | outcome | wasm memory after 1,000 | at the end | growth | time |",
    "|---|---|---|---|---|---|---|",
    `| calls (4 kinds: ok, 404, invalid input, list) | ${figures.calls} | ${figures.ok} ok, ${figures.failed} failed | ${mib(figures.callsMemAfter1000)} MiB | ${mib(figures.callsMemEnd)} MiB | ${figures.callsMemEnd - figures.callsMemAfter1000} bytes | ${(figures.callsMs / 1000).toFixed(1)} s |`,
    `| webhook parses (valid, not JSON, wrong type, unknown event, bytes) | ${figures.parses} | ${figures.valid} valid, ${figures.invalid} invalid | ${mib(figures.parsesMemAfter1000)} MiB | ${mib(figures.parsesMemEnd)} MiB | ${figures.parsesMemEnd - figures.parsesMemAfter1000} bytes | ${(figures.parsesMs / 1000).toFixed(1)} s |`,
    "",
    `1,000 calls in flight at once (900 to the mock, 100 refused before sending) all settled in ${(figures.inFlightMs / 1000).toFixed(1)} s.`,
    `The bound checked by the test: growth of at most ${mib(BOUND)} MiB after the first 1,000.`,
    "",
  ].join("\n");
  mkdirSync(new URL("../../artifacts/", import.meta.url), { recursive: true });
  writeFileSync(new URL("../../artifacts/soak.md", import.meta.url), text);
  if (process.env.UPDATE_DOCS === "1") writeFileSync(new URL("../../docs/soak.md", import.meta.url), text);
});
