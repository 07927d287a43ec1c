// An upload that streams as fast as the server takes it and stops at the first sign the server is
// done with it: for the body limits of the webhook router and the proxy.
import { request as httpRequest } from "node:http";

const MiB = 1024 * 1024;

/**
 * Streams up to `total` bytes to `url` in `chunkSize` writes, as fast as the server takes them
 * (waiting for 'drain' when the socket's buffers are full), and stops writing at the first sign
 * the server is done with the upload: its answer, an error or the connection closing.
 * Resolves once the connection is closed: { status, headers, body, written, completed, error }.
 */
export function upload(url, { method = "POST", headers = {}, total = 64 * MiB, chunkSize = 64 * 1024 } = {}) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const out = { status: null, headers: null, body: "", written: 0, completed: false, error: null };
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, agent: false });
    let stop = false;
    let wake = null;
    const poke = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    let responseDone = Promise.resolve();
    req.on("response", (res) => {
      stop = true;
      out.status = res.statusCode;
      out.headers = res.headers;
      res.setEncoding("utf8");
      responseDone = new Promise((r) => {
        res.on("data", (d) => (out.body += d));
        res.on("end", r);
        res.on("error", r);
        res.on("close", r);
      });
      poke();
    });
    req.on("drain", poke);
    req.on("error", (e) => {
      out.error ??= e;
      stop = true;
      poke();
    });
    req.on("close", async () => {
      stop = true;
      poke();
      await responseDone;
      resolve(out);
    });
    const chunk = Buffer.alloc(chunkSize, 0x20);
    (async () => {
      while (!stop && out.written < total) {
        const ok = req.write(chunk);
        out.written += chunkSize;
        if (!ok && !stop) await new Promise((r) => (wake = r));
      }
      if (!stop) {
        out.completed = true;
        req.end();
      }
    })();
  });
}
