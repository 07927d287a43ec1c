// twochat/cloudflare: de-duplication stores for `new WebhookRouter({ token, dedupe })` shared by
// every isolate of a Worker. A Worker runs in many isolates at once; a router's own memory only
// knows the deliveries its isolate handled, so a redelivery landing on another isolate would run
// the handlers again (and send a second reply). These stores remember deliveries where every
// isolate sees them.
//
//   durableObjectDedupe(env.DEDUPE)   consistent: a Durable Object decides each claim, one at a time
//   kvDedupe(env.DEDUPE_KV)           cheaper, eventually consistent (KV may take up to 60 s to
//                                     show a write in other locations): best effort
//
// Plain JavaScript, no WebAssembly: importing it adds nothing to the Worker's start-up.

const PREFIX = "twochat-dedupe:";
const SHARDS = 32;

function assertKey(key) {
  if (typeof key !== "string" || key.length === 0 || key.length > 512) throw new TypeError("dedupe key must be a non-empty string of at most 512 characters");
}

/**
 * A store on a Workers KV namespace. A claim reads the key and, when absent, writes it with the
 * window as its expiry (KV's minimum is 60 s). KV is eventually consistent, so two deliveries of
 * the same uuid arriving at the same moment in two locations may both run; use
 * `durableObjectDedupe` when that matters.
 */
export function kvDedupe(namespace, options = {}) {
  if (!namespace || typeof namespace.get !== "function" || typeof namespace.put !== "function" || typeof namespace.delete !== "function") {
    throw new TypeError("kvDedupe(namespace): pass a KV namespace binding (env.MY_KV)");
  }
  const prefix = options.prefix ?? PREFIX;
  return {
    async claim(key, ttlMs) {
      assertKey(key);
      const name = prefix + key;
      if ((await namespace.get(name)) !== null) return false;
      await namespace.put(name, String(Date.now()), { expirationTtl: Math.max(60, Math.ceil(ttlMs / 1000)) });
      return true;
    },
    async release(key) {
      assertKey(key);
      await namespace.delete(prefix + key);
    },
  };
}

// Spreads keys over a few objects, so one busy object does not serialise every delivery.
function shardOf(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SHARDS;
}

/**
 * A store on a Durable Object namespace whose class is `DedupeObject` (export it from your
 * Worker and bind it in wrangler.toml — see the package README). Each claim is decided by one
 * object, one request at a time, so a delivery is claimed once however many isolates receive it.
 */
export function durableObjectDedupe(namespace, options = {}) {
  if (!namespace || typeof namespace.idFromName !== "function" || typeof namespace.get !== "function") {
    throw new TypeError("durableObjectDedupe(namespace): pass a Durable Object namespace binding whose class is DedupeObject");
  }
  const name = options.name ?? "twochat-dedupe";
  async function call(op, key, ttlMs) {
    assertKey(key);
    const stub = namespace.get(namespace.idFromName(`${name}-${shardOf(key)}`));
    const r = await stub.fetch("https://dedupe.twochat/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ op, key, ttlMs }),
    });
    if (!r.ok) throw new Error(`the dedupe object answered HTTP ${r.status}`);
    return r.json();
  }
  return {
    async claim(key, ttlMs) {
      return (await call("claim", key, ttlMs)).claimed === true;
    },
    async release(key) {
      await call("release", key, 0);
    },
  };
}

/**
 * The Durable Object behind `durableObjectDedupe`. Storage holds each claimed key with the time
 * its claim ends; an alarm deletes what has expired, so storage stays the size of one window.
 */
export class DedupeObject {
  constructor(state) {
    this.storage = state.storage;
  }

  async fetch(request) {
    let op, key, ttlMs;
    try {
      ({ op, key, ttlMs } = await request.json());
      assertKey(key);
    } catch {
      return new Response(JSON.stringify({ error: "bad request" }), { status: 400 });
    }
    const now = Date.now();
    if (op === "claim") {
      const until = await this.storage.get(key);
      if (typeof until === "number" && until > now) return new Response(JSON.stringify({ claimed: false }));
      const ends = now + Math.max(0, Number(ttlMs) || 0);
      await this.storage.put(key, ends);
      const alarm = await this.storage.getAlarm();
      if (alarm === null || alarm > ends) await this.storage.setAlarm(ends);
      return new Response(JSON.stringify({ claimed: true }));
    }
    if (op === "release") {
      await this.storage.delete(key);
      return new Response(JSON.stringify({ released: true }));
    }
    return new Response(JSON.stringify({ error: "unknown op" }), { status: 400 });
  }

  async alarm() {
    const now = Date.now();
    let next = null;
    const expired = [];
    for (const [key, until] of await this.storage.list()) {
      if (typeof until !== "number" || until <= now) expired.push(key);
      else if (next === null || until < next) next = until;
    }
    for (let i = 0; i < expired.length; i += 128) await this.storage.delete(expired.slice(i, i + 128));
    if (next !== null) await this.storage.setAlarm(next);
  }
}
