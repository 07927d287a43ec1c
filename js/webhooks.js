// Node's http server speaks IncomingMessage/ServerResponse, not fetch's Request/Response: this
// adapter turns one into the other around `router.handle(request)`.
export function nodeListener(router, maxBodyBytes) {
  return (req, res) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("error", () => {
      res.statusCode = 400;
      res.end();
    });
    req.on("end", async () => {
      try {
        const host = req.headers.host ?? "localhost";
        const url = new URL(req.url ?? "/", `http://${host}`);
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) {
          if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : String(v));
        }
        if (tooLarge) headers.set("content-length", String(size));
        const hasBody = req.method !== "GET" && req.method !== "HEAD";
        const body = hasBody ? (tooLarge ? new Uint8Array(maxBodyBytes + 1) : Buffer.concat(chunks)) : undefined;
        const response = await router.handle(new Request(url, { method: req.method, headers, body }));
        res.statusCode = response.status;
        response.headers.forEach((v, k) => res.setHeader(k, v));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (e) {
        res.statusCode = 500;
        res.end();
      }
    });
  };
}
