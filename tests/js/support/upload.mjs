// What the body-limit tests of the webhook router and the proxy share: an upload that streams as
// fast as the server takes it and stops at the first sign the server is done with it, a request
// body that is produced only when pulled, and a local server's listen and close.
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

/**
 * A body stream that produces `total` bytes of `fill` in `chunkSize` chunks, only when asked
 * (highWaterMark 0, so nothing is produced before a reader pulls). Counts pulls and bytes;
 * `cancelled` settles when the reader cancels it, `cancelledWith` is the reason it gave.
 */
export function countingStream(total, { chunkSize = 64 * 1024, fill = 0 } = {}) {
  const s = { pulls: 0, produced: 0, cancelledWith: undefined };
  let onCancel;
  s.cancelled = new Promise((r) => (onCancel = r));
  s.stream = new ReadableStream(
    {
      pull(controller) {
        s.pulls++;
        if (s.produced >= total) return controller.close();
        controller.enqueue(new Uint8Array(chunkSize).fill(fill));
        s.produced += chunkSize;
      },
      cancel(reason) {
        s.cancelledWith = reason;
        onCancel(true);
      },
    },
    { highWaterMark: 0 },
  );
  return s;
}

/** Listens on a free 127.0.0.1 port; returns the server's base URL. */
export async function listen(server) {
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return `http://127.0.0.1:${server.address().port}`;
}

/** Closes a server and every connection it still holds. */
export function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
