import { ARR, NULL, NUM, OBJ, STR, kindOf } from "./values.js";

// Reads a fetch Request's body through its stream, counting bytes: past `maxBytes` the stream is
// cancelled and null comes back, so an oversized or endless upload costs at most about
// `maxBytes` plus one chunk of memory, never the whole body.
export async function readLimited(request, maxBytes) {
  const stream = request.body;
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

// Node's IncomingMessage as a web ReadableStream that reads only when asked (pull), so nothing of
// the upload is read before the router has checked the method, the token and Content-Length. A
// cancel (the handler saw enough) stops reading; the connection is closed once the answer (a
// 413) has been sent — destroying it now would lose that answer.
function bodyStream(req) {
  req.pause();
  return new ReadableStream(
    {
      start(controller) {
        req.on("data", (chunk) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if (controller.desiredSize <= 0) req.pause();
        });
        req.on("end", () => controller.close());
        req.on("error", (e) => controller.error(e));
      },
      pull() {
        req.resume();
      },
      cancel() {
        req.pause();
      },
    },
    { highWaterMark: 1 },
  );
}

// Node's http server speaks IncomingMessage/ServerResponse, not fetch's Request/Response: this
// adapter turns one into the other around a fetch-style `handler(request)` (a router's `handle`,
// a proxy). The body is streamed, not buffered: the handler reads it only after its checks, and
// cancels it past its limit.
export function toNodeListener(handler) {
  return (req, res) => {
    // `new URL` would resolve "\" and encoded dot segments ("/a/%2e%2e/b") before the handler
    // sees the path; a request target holding them is refused as it came.
    const target = (req.url ?? "/").split("?")[0];
    if (/\\|%2e|(^|\/)\.\.?(\/|$)/i.test(target)) {
      res.writeHead(400, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify({ ok: false, message: "the path holds '\\' or a dot segment" }));
      res.once("finish", () => req.destroy());
      return;
    }
    let finished = false;
    req.on("end", () => {
      finished = true;
    });
    (async () => {
      const host = req.headers.host ?? "localhost";
      const url = new URL(req.url ?? "/", `http://${host}`);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : String(v));
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const init = { method: req.method, headers };
      if (hasBody) {
        init.body = bodyStream(req);
        init.duplex = "half";
      }
      const response = await handler(new Request(url, init));
      res.statusCode = response.status;
      response.headers.forEach((v, k) => res.setHeader(k, v));
      // An upload the router did not read (refused before, or cut off) is not drained: the
      // connection closes once the answer is out.
      if (hasBody && !finished) res.setHeader("connection", "close");
      res.end(Buffer.from(await response.arrayBuffer()));
      if (hasBody && !finished) res.once("finish", () => req.destroy());
    })().catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
      req.destroy();
    });
  };
}

// The router's answer to a delivery: JSON `{ ok, message }` (a 405 says which method it takes).
export function reply(status, ok, message) {
  const headers = { "content-type": "application/json" };
  if (status === 405) headers.allow = "POST";
  return new Response(JSON.stringify({ ok, message }), { status, headers });
}

export function routerNodeListener(router) {
  return toNodeListener((request) => router.handle(request));
}

// ---------------------------------------------------------------------------------------------
// parseWebhook's checks, run where the payload is. The checks themselves are generated from the
// Rust event declarations (`twochat-spec`'s events) into ./checks.js, one function per payload
// shape; the wasm module hands over, once, that module's `checks` and the Rust functions that
// read a timestamp, and this module gives the checks their four helpers. The result means what `twochat::webhook::inspect` means, and
// tests/webhook-verdicts.json holds both to the same verdicts. A refusal comes back as [path,
// message, code], for the module to make a TwoChatError of.

// What a type accepts is a mask of kindOf's bits (js/values.js; see gen::runtime::event_checks_js).
const DESCRIBED = { 1: "null", 2: "a boolean", 4: "a number", 8: "a string", 16: "an array", 32: "an object" };
const WANTED = { 2: "a boolean", 4: "a number", 8: "a string", 12: "a string or a number", 16: "an array", 32: "an object" };

class Refused {
  constructor(path, message) {
    this.path = path;
    this.message = message;
  }
}

const join = (prefix, name) => (prefix === "" ? name : `${prefix}.${name}`);
const wanted = (mask) => (mask & 128 ? "a timestamp (string or number)" : mask & 64 ? "a value" : WANTED[mask & 63]);
const refuse = (path, mask, k) => {
  throw new Refused(path, `must be ${wanted(mask)}, got ${DESCRIBED[k]}`);
};

// The helpers of the generated checks. `null` and absent fields are not checked.
function x(v, mask, p, name) {
  if (v === undefined || v === null) return;
  const k = kindOf(v);
  if (k !== 0 && (k & mask) === 0) refuse(join(p, name), mask, k);
}
function t(v, p, name, ts) {
  if (v === undefined || v === null) return;
  const k = kindOf(v);
  if (k === 0) return;
  if ((k & (STR | NUM)) === 0) refuse(join(p, name), 128, k);
  ts.push(join(p, name), v);
}
function o(v, walk, p, name, ts) {
  if (v === undefined || v === null) return;
  const k = kindOf(v);
  if (k === 0) return;
  if (k !== OBJ) refuse(join(p, name), OBJ, k);
  walk(v, join(p, name), ts);
}
function a(v, mask, walk, p, name, ts) {
  if (v === undefined || v === null) return;
  const k = kindOf(v);
  if (k === 0) return;
  const path = join(p, name);
  if (k !== ARR) refuse(path, ARR, k);
  for (let j = 0; j < v.length; j++) {
    const item = v[j];
    const ik = kindOf(item);
    if (ik === 0 || ik === NULL) continue;
    if ((ik & mask) === 0) refuse(`${path}[${j}]`, mask, ik);
    if (walk !== null) walk(item, `${path}[${j}]`, ts);
  }
}

let CHECKS = null;
let READ_TEXT = null; // a timestamp string → epoch ms, NaN when unreadable (Rust's time::parse)
let READ_NUMBER = null; // the same for a number (Rust's time::from_number)
let READ_SCRATCH = null; // the same for the `len` bytes written at SCRATCH_AT
let MEMORY = null; // the module's WebAssembly.Memory
let SCRATCH_AT = 0;
let SCRATCH = new Uint8Array(0); // a view of the 64 bytes at SCRATCH_AT (empty once memory grew)

// `readers`: [readText, readNumber, readScratch, memory, scratchAt].
export function installChecks(checks, readers) {
  CHECKS = checks(x, t, o, a);
  [READ_TEXT, READ_NUMBER, READ_SCRATCH, MEMORY, SCRATCH_AT] = readers;
}

// A timestamp string in epoch ms. An ASCII one of up to 64 characters is written into the
// module's scratch bytes (no allocation, no UTF-8 encoder); anything else crosses as a string.
function readTime(s) {
  const n = s.length;
  if (n <= 64) {
    let view = SCRATCH;
    if (view.byteLength === 0) view = SCRATCH = new Uint8Array(MEMORY.buffer, SCRATCH_AT, 64);
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) break;
      view[i] = c;
    }
    if (i === n) return READ_SCRATCH(n);
  }
  return READ_TEXT(s);
}

// The event of a delivery already parsed: the checks, the name, the de-duplication key and the
// timestamps in epoch ms.
function eventOf(value, hint) {
  const rk = kindOf(value);
  if (rk !== OBJ) throw new Refused("body", `must be a JSON object, got ${DESCRIBED[rk] ?? "null"}`);
  const ev = value.event;
  const ek = kindOf(ev);
  if (ek !== 0 && ek !== NULL && ek !== STR) throw new Refused("event", `must be a string, got ${DESCRIBED[ek]}`);
  let name = ek === STR ? ev : hint;
  if (name === "" || name === undefined) name = null;
  const walk = name === null ? undefined : CHECKS.events.get(name);
  const ts = [];
  (walk ?? CHECKS.unknown)(value, "", ts);
  let uuid = value.uuid;
  if (typeof uuid !== "string") {
    const id = value.id;
    uuid = typeof id === "string" ? id : typeof id === "number" && Number.isInteger(id) && Math.abs(id) < 9007199254740992 ? String(id) : null;
  }
  const timestamps = {};
  let createdAt = null;
  for (let i = 0; i < ts.length; i += 2) {
    const v = ts[i + 1];
    const ms = typeof v === "string" ? readTime(v) : READ_NUMBER(v);
    if (ms === ms) {
      timestamps[ts[i]] = ms;
      if (createdAt === null && ts[i] === "created_at") createdAt = ms;
    }
  }
  return { event: walk === undefined ? "unknown" : name, name, uuid, createdAt, timestamps, payload: value };
}

function parsed(text, hint) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // A blank body is not JSON either: told apart only when it failed.
    if (text.trim().length === 0) throw new Refused("body", "is empty");
    throw new Refused("body", `is not JSON (${e?.message ?? ""})`);
  }
  return eventOf(value, hint);
}

// parseWebhook: the body is a string, bytes, or an object the caller parsed (checked as it is and
// handed back unchanged); `options.event` names the event when the payload does not. The event
// object, or [path, message, code] when it is refused (code 0: the delivery, 1: the options).
export function parseDelivery(body, options) {
  let hint;
  if (options !== undefined && options !== null) {
    hint = options.event;
    if (hint === null) hint = undefined;
    else if (hint !== undefined && typeof hint !== "string") return ["event", "must be a string", 1];
  }
  return deliveryEvent(body, hint);
}

// The event of a delivery (a string, bytes or an object) with the event name the route knows, or
// [path, message] when it is refused.
export function deliveryEvent(body, hint) {
  try {
    if (typeof body === "string") return parsed(body, hint);
    if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
      let text;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(body);
      } catch {
        throw new Refused("body", "is not UTF-8");
      }
      return parsed(text, hint);
    }
    if (typeof body === "object" && body !== null) return eventOf(body, hint);
    throw new Refused("body", "must be a string, a Uint8Array or an object");
  } catch (e) {
    if (e instanceof Refused) return [e.path, e.message];
    throw e;
  }
}
