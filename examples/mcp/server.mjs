#!/usr/bin/env node
// A stdio MCP server that exposes every 2Chat endpoint as a tool: the list is twochat/tools
// (toMcpTools()), and each call runs through client.callTool, whose envelope
// {successful, data, error} is the answer, as JSON text (isError when not successful).
//
//   TWOCHAT_API_KEY=UAK-… node server.mjs          (TWOCHAT_BASE_URL: a proxy or twochat-mock)
//
// stdout carries the MCP protocol only; every log line goes to stderr, and never the API key.
import { createRequire } from "node:module";
import process from "node:process";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { TwoChat } from "twochat";
import { toMcpTools } from "twochat/tools";

const log = (...parts) => process.stderr.write(`[twochat-mcp] ${parts.join(" ")}\n`);

const apiKey = process.env.TWOCHAT_API_KEY?.trim();
if (!apiKey) {
  log("TWOCHAT_API_KEY is not set: give your 2Chat API key in the server's env (see README.md)");
  process.exit(1);
}
const baseUrl = process.env.TWOCHAT_BASE_URL?.trim() || undefined;

let client;
try {
  client = new TwoChat({ apiKey, ...(baseUrl ? { baseUrl } : {}) });
} catch (e) {
  log(`bad settings: ${e.message}`); // TwoChatError messages never carry the key
  process.exit(1);
}

// OpenAI and Anthropic answer 400 to a whole request when one tool's input schema has oneOf,
// anyOf or allOf at its root, and MCP clients pass these schemas on as they are. The "exactly one
// of" rules twochat writes there are also in the tool's description, and callTool enforces them,
// so they are left out here.
const forModels = ({ inputSchema: { oneOf, anyOf, allOf, ...inputSchema }, ...tool }) => ({ ...tool, inputSchema });
const TOOLS = toMcpTools().map(forModels);

const { version } = createRequire(import.meta.url)("twochat/package.json");
const server = new Server({ name: "twochat", version }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

server.setRequestHandler(CallToolRequestSchema, async ({ params }, { signal }) => {
  const started = Date.now();
  // Never rejects: bad arguments, unknown tools, HTTP and network errors all come back here.
  const result = await client.callTool(params.name, params.arguments ?? {}, { signal });
  const outcome = result.successful ? "ok" : result.error.split(":", 1)[0];
  log(`${params.name}: ${outcome} in ${Date.now() - started} ms`); // not the arguments: they hold personal data
  return { content: [{ type: "text", text: JSON.stringify(result) }], isError: !result.successful };
});

server.onerror = (e) => log(`protocol error: ${e?.message ?? e}`);

const stop = async () => {
  await server.close().catch(() => {});
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.stdin.on("end", stop); // the client went away

await server.connect(new StdioServerTransport());
log(`ready: ${TOOLS.length} tools, 2Chat at ${new URL(client.baseUrl).origin}`);
