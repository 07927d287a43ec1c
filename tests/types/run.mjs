// The TypeScript layer: usage.ts must compile under `tsc --strict` and then run against the mock
// (TWOCHAT_MOCK_URL), calling every method; bad.ts must fail to compile, with an error on each line
// marked `// error` and nowhere else. The .d.ts checked is the one pkg/ ships.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const tsc = join(root, "node_modules", ".bin", "tsc");

function compile(file, outDir) {
  const args = ["-p", join(here, "tsconfig.json"), "--pretty", "false"];
  const scratch = outDir ? null : mkdtempSync(join(tmpdir(), "twochat-tsc-"));
  const cfg = join(outDir ?? scratch, "tsconfig.json");
  writeFileSync(cfg, JSON.stringify({
    extends: join(here, "tsconfig.json"),
    compilerOptions: { noEmit: !outDir, ...(outDir ? { outDir, rootDir: here } : {}), paths: { twochat: [join(root, "pkg", "index.d.ts")] } },
    files: [join(here, file)],
  }));
  args.splice(0, 2, "-p", cfg);
  try {
    return spawnSync(tsc, args, { encoding: "utf8" });
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

test("the typed calls compile under tsc --strict and run against the mock", async () => {
  const out = mkdtempSync(join(tmpdir(), "twochat-types-"));
  try {
    const r = compile("usage.ts", out);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    mkdirSync(join(out, "node_modules"));
    symlinkSync(join(root, "pkg"), join(out, "node_modules", "twochat"), "dir");
    writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
    const { everyMethod } = await import(pathToFileURL(join(out, "usage.js")).href);
    const { TwoChat } = await import(pathToFileURL(join(root, "pkg", "index.mjs")).href);
    const MOCK = process.env.TWOCHAT_MOCK_URL;
    const apiKey = `UAK-types-${Math.random().toString(36).slice(2)}`;
    const reg = await fetch(`${MOCK}/__mock/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key: apiKey }) });
    assert.equal(reg.status, 201);
    const called = await everyMethod(new TwoChat({ apiKey, baseUrl: MOCK }), new AbortController().signal);
    assert.equal(new Set(called).size, 72, `methods called: ${called.length}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("the deliberate mistakes fail to compile, each where marked", () => {
  const r = compile("bad.ts");
  assert.notEqual(r.status, 0, "bad.ts must not compile");
  const src = readFileSync(join(here, "bad.ts"), "utf8").split("\n");
  const marked = new Set(src.flatMap((l, i) => (l.trimEnd().endsWith("// error") ? [i + 1] : [])));
  const errored = new Set([...r.stdout.matchAll(/bad\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
  assert.deepEqual([...marked].filter((l) => !errored.has(l)), [], `marked lines without a type error:\n${r.stdout}`);
  assert.deepEqual([...errored].filter((l) => !marked.has(l)), [], `unexpected type errors:\n${r.stdout}`);
  assert.ok(marked.size >= 15);
});

// 2Chat's documented payloads (../shared/fixtures) written as object literals of the package's
// declared types, so tsc checks every field's kind and every enum value against the .d.ts: the
// responses as the answer type their endpoint declares, the webhooks as their event's payload.
const FIXTURES = [
  ["responses/account-info.json", "AccountInfo"],
  ["responses/check-number.json", "CheckNumberResponse"],
  ["responses/contact-create.json", "ContactCreateResponse"],
  ["responses/contact-create.request.json", "ContactCreateParams"],
  ["responses/group-get.json", "GroupGetResponse"],
  ["responses/groups-list.json", "GroupsListResponse"],
  ["responses/messages-list.json", "MessagesListResponse"],
  ["responses/numbers-list.json", "NumbersListResponse"],
  ["responses/send-message.json", "SendMessageResponse"],
  ["responses/webhooks-delete.json", "SuccessResponse"],
  ["responses/webhooks-list.json", "WebhooksListResponse"],
  ["responses/webhooks-subscribe.json", "WebhookSubscribeResponse"],
  ["webhooks/whatsapp.message.received.media.json", 'WebhookPayloads["whatsapp.message.received"]'],
  ["webhooks/whatsapp.order.received.json", 'WebhookPayloads["whatsapp.order.received"]'],
  ["webhooks/whatsapp.waba.message.sent.json", 'WebhookPayloads["whatsapp.waba.message.sent"]'],
];

test("every documented payload type-checks as the type the package declares for it", () => {
  const fixtures = join(root, "..", "shared", "fixtures");
  const names = [...new Set(FIXTURES.map(([, t]) => t.split("[")[0]))];
  const lines = [`import type { ${names.join(", ")} } from "twochat";`];
  FIXTURES.forEach(([file, type], i) => lines.push(`// ${file}`, `export const f${i}: ${type} = ${readFileSync(join(fixtures, file), "utf8").trim()};`));
  // A payload that breaks the types must fail, or the check above proves nothing.
  lines.push(`// deliberately wrong`, `export const wrong: AccountInfo = { success: true, account: { name: "x", uuid: 5 } } as never as AccountInfo;`);
  const dir = mkdtempSync(join(here, ".fixtures-"));
  try {
    writeFileSync(join(dir, "fixtures.ts"), lines.join("\n") + "\n");
    const good = compile(join(dir, "fixtures.ts").slice(here.length));
    assert.equal(good.status, 0, good.stdout + good.stderr);
    writeFileSync(join(dir, "fixtures.ts"), lines.join("\n").replace(' as never as AccountInfo', "") + "\n");
    const bad = compile(join(dir, "fixtures.ts").slice(here.length));
    assert.notEqual(bad.status, 0, "a wrong payload type-checked");
    assert.match(bad.stdout, /fixtures\.ts\(\d+,\d+\): error TS2322/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
