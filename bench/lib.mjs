// Helpers shared by the benchmark scripts: statistics, the mock's control API, results on disk,
// the instant server and fetch with a per-call signal.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where scripts/bench.sh builds the package and where the scripts leave their results. */
export const PKG = join(ROOT, process.env.BENCH_PKG ?? "target/pkg-bench");
export const OUT = join(ROOT, process.env.BENCH_OUT ?? "target/bench");

/** The q-quantile (0..1) of a list of numbers, linear between the closest ranks. */
export function quantile(values, q) {
  if (values.length === 0) throw new Error("quantile of nothing");
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
export const median = (values) => quantile(values, 0.5);

/**
 * Two ways compared turn by turn: the median over the turns of `f(a, b)` of their figures in the
 * same turn (a ratio, a difference). They ran moments apart, so the machine's drift from turn to
 * turn does not reach it, as it reaches a ratio or a difference of their two medians.
 */
export function paired(as, bs, f) {
  return median(as.map((a, i) => f(a, bs[i])));
}

/**
 * The order of the ways turn after turn: `turns(names)` gives a function returning the next
 * turn's order, a fresh shuffle (seeded, so a run can be repeated) that never starts with the way
 * that ended the turn before. No way has a fixed place or a fixed predecessor, and none runs twice
 * in a row; a fixed order reversed every other turn gave the first and the last way a second run
 * straight after their own at every turn's boundary (with their code and data still in the
 * caches), which favoured them.
 */
export function turns(names, seed = 0x2c4a7) {
  let state = seed >>> 0;
  // mulberry32
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let last;
  return () => {
    const order = [...names];
    do {
      for (let k = order.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [order[k], order[j]] = [order[j], order[k]];
      }
    } while (order.length > 1 && order[0] === last);
    last = order[order.length - 1];
    return order;
  };
}

/**
 * A call the module prepares every time: `call(...args)` and `call(...args, undefined)` in turn,
 * the same request, whose arguments never match the method's previous call's, so no call replays
 * the attempt the module kept (js/resources.js). `call` is a method already bound to its resource,
 * of a client that no other way calls (a resource keeps what its last call kept).
 */
export function preparedEachTime(call, ...args) {
  let flip = false;
  return () => ((flip = !flip) ? call(...args) : call(...args, undefined));
}

/** A documented webhook delivery of `../shared/fixtures/webhooks` (or TWOCHAT_FIXTURES), parsed. */
export function webhookFixture(name) {
  const dir = process.env.TWOCHAT_FIXTURES ?? join(ROOT, "../shared/fixtures/webhooks");
  return JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8"));
}

/**
 * Runs `count` turns of every one of `ways`, in a new order each turn (`turns`): `time(fn)` runs
 * one unit of a way and resolves to the figure kept for it. Each way's figures, in turn order.
 */
export async function alternate(ways, count, time) {
  const names = Object.keys(ways);
  const figures = Object.fromEntries(names.map((n) => [n, []]));
  const order = turns(names);
  for (let i = 0; i < count; i++) for (const n of order()) figures[n].push(await time(ways[n]));
  return figures;
}

/** Writes one benchmark's results as JSON under OUT. */
export function save(name, data) {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify(data, null, 2) + "\n");
}

/** Reads one benchmark's results, or null when it did not run. */
export function load(name) {
  const p = join(OUT, `${name}.json`);
  return existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : null;
}

export function mockUrl() {
  const url = process.env.TWOCHAT_MOCK_URL;
  if (!url) throw new Error("TWOCHAT_MOCK_URL is not set: run through scripts/with-mock.sh (make bench)");
  return url.replace(/\/$/, "");
}

/** A call to the mock's control API (no auth); throws unless the status is 2xx. */
export async function control(method, path, body) {
  const r = await fetch(`${mockUrl()}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`mock ${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Formats a number with a fixed count of significant digits, without exponent notation. */
export function fmt(n, digits = 3) {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 10 ** digits) return Math.round(n).toLocaleString("en-US");
  return Number(n.toPrecision(digits)).toString();
}

export function log(...args) {
  process.stderr.write(`\x1b[1;34m[bench]\x1b[0m ${args.join(" ")}\n`);
}

/** `fetch` the way a client with a per-call timeout must call it: an AbortSignal and a timer. */
export function withSignal(url, method, headers) {
  return async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const r = await fetch(url, { method, headers, signal: controller.signal });
      return await r.json();
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The instant server: a plain Node `http` server in its own process that answers each request
 * target of `answers` with its body (JSON) at once, nothing else (404). `stop()` ends it.
 */
export async function instantServer(answers) {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, "instant-answers.json");
  writeFileSync(file, JSON.stringify(answers));
  const code = `
    const http = require("node:http");
    const answers = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const server = http.createServer((req, res) => {
      const body = answers[req.url];
      res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
      res.end(body ?? "{}");
    });
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));
    process.stdin.on("end", () => process.exit(0));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ["-e", code, file], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(Number(String(d).trim())));
    child.once("exit", (c) => reject(new Error(`the instant server exited (${c})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.stdin.end() };
}
