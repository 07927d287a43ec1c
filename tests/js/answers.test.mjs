// What a 2xx answer means. A call's attempt may settle a success in JavaScript (js/http.js: a 2xx
// of JSON that `failed`, generated from the failure flags the module reads, does not call a
// failure) instead of handing it to the module; the module decides every other answer, and every
// answer when the debug log is on or the endpoint has spellings to fill. These tests hold the two
// ways to the same verdicts, body by body.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { TwoChat } from "./mock.mjs";
import { watching } from "./support/spy.mjs";

// The machines' class (internal, not exported by the ESM entry): its steps are counted below to
// see which way an answer was settled.
const { Machine } = createRequire(import.meta.url)("../../pkg/index.cjs");

/** Runs `fn` counting the steps the module's machines take meanwhile. */
async function counting(fn) {
  let steps = 0;
  await watching(Machine.prototype, "step", () => steps++, fn);
  return steps;
}

const FROM = "+595981048477";

/** A client whose every call is answered with `body` and `status` (no network). */
function answering(body, status, options = {}) {
  return new TwoChat({ apiKey: "UAK-answers", baseUrl: "https://api.example.invalid", maxRetries: 0, fetch: async () => new Response(body, { status }), ...options });
}

/** How a call settled, comparable with deepEqual. */
async function outcome(call) {
  try {
    return { ok: true, value: await call };
  } catch (e) {
    return { ok: false, code: e.code, status: e.status, message: e.message };
  }
}

// The debug log needs the module for every answer (it logs each one), so it is the module's verdict.
const silent = { error() {}, warn() {}, info() {}, debug() {} };
const byModule = (body, status) => answering(body, status, { logLevel: "debug", logger: silent });

const BODIES = [
  '{"success":true,"account":{"uuid":"ACC1"}}',
  '{"success":false,"message":"the number is not connected"}',
  '{"success":false}',
  '{"error":true,"error_message":"quota exceeded"}',
  '{"success":true,"error":true,"error":"late"}',
  '{"success":"false","error":"true"}',
  '{"error":false,"success":true}',
  "{}",
  "[]",
  '[{"success":false}]',
  '"text"',
  "null",
  "0",
  "true",
  "",
  "   ",
  "not json",
  '{"success":true',
];

test("a 2xx answer settles the same in JavaScript as in the module, body by body", async () => {
  for (const status of [200, 201, 202, 299]) {
    for (const body of BODIES) {
      const fast = await outcome(answering(body, status).account.info());
      const slow = await outcome(byModule(body, status).account.info());
      assert.deepEqual(fast, slow, `HTTP ${status} ${JSON.stringify(body)}`);
    }
  }
  // And what they agree on: a success is the body as sent, a failure flag an unprocessable error.
  assert.deepEqual(await outcome(answering(BODIES[0], 200).account.info()), { ok: true, value: { success: true, account: { uuid: "ACC1" } } });
  const flagged = await outcome(answering(BODIES[3], 200).account.info());
  assert.deepEqual([flagged.code, flagged.status, flagged.message], ["unprocessable", 200, "quota exceeded"]);
  // Which way each took: a plain success in JavaScript, with no step of the call's machine after
  // its start; the same answer through the module, and a flagged one whatever the log level.
  assert.equal(await counting(() => answering(BODIES[0], 200).account.info()), 0);
  assert.equal(await counting(() => byModule(BODIES[0], 200).account.info()), 1);
  assert.equal(await counting(() => outcome(answering(BODIES[1], 200).account.info())), 1);
  const empty = [await outcome(answering(null, 204).account.info()), await outcome(byModule(null, 204).account.info())];
  assert.deepEqual(empty[0], empty[1]);
  assert.equal(empty[0].code, "decode");
});

test("an endpoint whose answers have two spellings is settled by the module, which fills both", async () => {
  const body = JSON.stringify({ success: true, data: [{ uuid: "G1", read_only: true }, { uuid: "G2", is_read_only: false }] });
  for (const client of [answering(body, 200), byModule(body, 200)]) {
    let data;
    assert.equal(await counting(async () => ({ data } = await client.groups.list(FROM))), 1, "a step of the module");
    assert.deepEqual(data, [
      { uuid: "G1", read_only: true, is_read_only: true },
      { uuid: "G2", is_read_only: false, read_only: false },
    ]);
  }
  const sms = JSON.stringify({ success: true, message_uuid: "SMS1" });
  const sent = await answering(sms, 202).sms.send({ from_number: FROM, to_number: "+12025550123", text: "hi" });
  assert.equal(sent.message_id, "SMS1");
});

test("a success settled in JavaScript still goes through the call's signal and timeout", async () => {
  // The Response has arrived and its body is being read when the signal fires: aborted, never a
  // settled success, although the rest of the body is a plain success.
  const controller = new AbortController();
  const encoder = new TextEncoder();
  const slow = new TwoChat({
    apiKey: "UAK-answers",
    baseUrl: "https://api.example.invalid",
    fetch: async () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(encoder.encode('{"success":'));
            setTimeout(() => {
              controller.abort();
              c.enqueue(encoder.encode("true}"));
              c.close();
            }, 20);
          },
        }),
        { status: 200 },
      ),
  });
  assert.equal((await outcome(slow.account.info({ signal: controller.signal }))).code, "aborted");
  // A body that never ends: the timeout, not a success.
  const stalled = new TwoChat({
    apiKey: "UAK-answers",
    baseUrl: "https://api.example.invalid",
    maxRetries: 0,
    fetch: async () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"success":')); } }), { status: 200 }),
  });
  assert.equal((await outcome(stalled.account.info({ timeoutMs: 200 }))).code, "timeout");
});
