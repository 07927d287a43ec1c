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

export function routerNodeListener(router) {
  return toNodeListener((request) => router.handle(request));
}
