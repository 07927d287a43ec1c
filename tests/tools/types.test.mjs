// The declarations pkg/tools/index.d.ts ships, under tsc --strict: a tool's effect and annotations
// are typed precisely (the effect a union of six literals; for a known effect, each hint the
// literal true or false), tools({ readOnly: true }) is typed as read tools, and wrong uses fail to
// compile, each on the line marked `// error` and nowhere else.
//   node --test tests/tools/types.test.mjs        (after `make pkg`; no mock needed)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsc = join(root, "node_modules", ".bin", "tsc");

/** Compiles `source` as one strict .ts file importing "twochat/tools" from pkg/; returns tsc's output and status. */
function compile(source) {
  const dir = mkdtempSync(join(tmpdir(), "twochat-tools-tsc-"));
  try {
    writeFileSync(join(dir, "check.ts"), source);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, target: "ES2022", module: "ES2022", moduleResolution: "Bundler", lib: ["ES2022"], types: [], skipLibCheck: false,
          paths: { "twochat/tools": [join(root, "pkg", "tools", "index.d.ts")] },
        },
        files: [join(dir, "check.ts")],
      }),
    );
    const r = spawnSync(tsc, ["-p", join(dir, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8", timeout: 120_000 });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const GOOD = `
import { tools, toMcpTools, toOpenAITools, toAnthropicTools, type Effect, type McpTool, type Tool, type ToolAnnotations, type ToolsOptions } from "twochat/tools";
const all: Tool[] = tools();
const effect: Effect = all[0].effect;
const hint: boolean = all[0].annotations.readOnlyHint;
const title: string = all[0].annotations.title;
const reads = tools({ readOnly: true });
const readOnly: true = reads[0].annotations.readOnlyHint;
const notDestructive: false = reads[0].annotations.destructiveHint;
const idempotent: true = reads[0].annotations.idempotentHint;
const closed: false = reads[0].annotations.openWorldHint;
const isRead: "read" = reads[0].effect;
const asTool: Tool = reads[0];
const mcp: McpTool[] = toMcpTools(all);
const mcpRead: true = toMcpTools(reads)[0].annotations.readOnlyHint;
const mcpTitle: string = toMcpTools()[0].title;
const options: ToolsOptions = { aliases: false, readOnly: false };
const some: Tool[] = tools(options);
const purchase: ToolAnnotations<"purchase"> = { title: "Buy", readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
const remove: ToolAnnotations<"remove"> = { title: "Delete", readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };
const send: ToolAnnotations<"send"> = { title: "Send", readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
const frozen: readonly Tool[] = Object.freeze(tools());
const providers = [toOpenAITools(frozen), toAnthropicTools(frozen)];
export { effect, hint, title, readOnly, notDestructive, idempotent, closed, isRead, asTool, mcp, mcpRead, mcpTitle, some, purchase, remove, send, providers };
`;

const BAD = `
import { tools, toMcpTools, type Effect, type Tool, type ToolAnnotations } from "twochat/tools";
const a: true = tools()[0].annotations.readOnlyHint; // error
const b: Effect = "delete"; // error
tools({ readOnly: "yes" }); // error
tools({ aliases: 1 }); // error
const c: true = tools({ readOnly: true })[0].annotations.openWorldHint; // error
const d: "send" = tools({ readOnly: true })[0].effect; // error
const e: ToolAnnotations<"remove"> = { title: "x", readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false }; // error
const f: ToolAnnotations<"read"> = { title: "x", readOnlyHint: true, destructiveHint: false, idempotentHint: true }; // error
const g: string = tools()[0].annotations.idempotentHint; // error
const h = tools()[0].annotations.nope; // error
const i: Tool<"read">[] = tools(); // error
const j = toMcpTools()[0].annotations.effect; // error
export { a, b, c, d, e, f, g, h, i, j };
`;

test("the right uses compile under --strict, read tools typed as such", { timeout: 120_000 }, () => {
  const r = compile(GOOD);
  assert.equal(r.status, 0, r.out);
});

test("each wrong use fails to compile, on its line and nowhere else", { timeout: 120_000 }, () => {
  const r = compile(BAD);
  assert.notEqual(r.status, 0, "the wrong uses compiled");
  const lines = BAD.split("\n");
  const marked = new Set(lines.flatMap((l, i) => (l.trimEnd().endsWith("// error") ? [i + 1] : [])));
  const errored = new Set([...r.out.matchAll(/check\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
  assert.equal(marked.size, 12);
  assert.deepEqual([...marked].filter((l) => !errored.has(l)), [], `marked lines without a type error:\n${r.out}`);
  assert.deepEqual([...errored].filter((l) => !marked.has(l)), [], `unexpected type errors:\n${r.out}`);
});
