// The key-injecting proxy's request handling. What it forwards was decided in Rust when it was
// created (src/proxy.rs): `config` holds the allowed origins, the routes (the endpoint table's
// templates it may forward), the key and the limits. Every answer is JSON, never cached, never
// sniffed; anything refused is refused before a byte goes upstream.
import { readLimited, toNodeListener } from "./webhooks.js";

const JSON_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
};

function answer(status, body, extra) {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...extra } });
}

function refuse(status, message, extra) {
  return answer(status, { success: false, message }, extra);
}

// A path segment as the SDK sends it: never empty, never a dot segment, never an encoded
// separator or dot; `+` (E.164 numbers) and `@` (session keys) stay literal.
const SEGMENT = /^(?:[A-Za-z0-9\-._~+@:!$&'()*,=]|%(?!2[eEfF]|5[cC])[0-9A-Fa-f]{2})+$/;

function route(routes, method, path) {
  const parts = path.split("/");
  for (const r of routes) {
    if (r.method !== method || r.segments.length !== parts.length) continue;
    let ok = true;
    for (let i = 1; i < parts.length && ok; i++) {
      const want = r.segments[i];
      const got = parts[i];
      ok = want === null ? SEGMENT.test(got) && got !== "." && got !== ".." : got === want;
    }
    if (ok) return r;
  }
  return null;
}

// `hook_url`s carry the token that authenticates webhook deliveries: whatever a response holds,
// their query strings never leave the proxy.
function redactHookUrls(value, depth = 0) {
  if (depth > 64 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = redactHookUrls(value[i], depth + 1);
    return value;
  }
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (k === "hook_url" && typeof v === "string") {
      const q = v.indexOf("?");
      value[k] = q < 0 ? v : `${v.slice(0, q)}?[redacted]`;
    } else {
      value[k] = redactHookUrls(v, depth + 1);
    }
  }
  return value;
}

function originOf(request) {
  const origin = request.headers.get("origin");
  if (origin) return origin;
  // Browsers leave Origin out of same-origin GETs; they do say the request is same-origin.
  if (request.headers.get("sec-fetch-site") === "same-origin") return new URL(request.url).origin;
  return null;
}

export function makeProxy(config) {
  const { apiKey, origins, routes, baseUrl, prefix, maxBodyBytes, timeoutMs, authorize } = config;
  const upstreamFetch = config.fetch ?? ((...args) => globalThis.fetch(...args));
  const methods = [...new Set(routes.map((r) => r.method))].join(", ");

  async function handle(request) {
    const origin = originOf(request);
    if (!origin || !origins.includes(origin)) {
      return refuse(403, origin ? `origin ${origin} is not allowed` : "requests without an Origin are not allowed");
    }
    const cors = {
      "access-control-allow-origin": origin,
      "access-control-expose-headers": "retry-after",
      vary: "origin",
    };
    const url = new URL(request.url);
    // The raw path, as sent: URL parsing has resolved "." and ".." already, so a traversal shows
    // up as a path outside the prefix or a mismatch with every template.
    let path = url.pathname;
    if (prefix) {
      if (path !== prefix && !path.startsWith(`${prefix}/`)) return refuse(404, "not found", cors);
      path = path.slice(prefix.length);
    }
    if (/;|\/\/|%2f|%5c|%2e|\\/i.test(path) || /;|%2f|%5c/i.test(url.search)) {
      return refuse(400, "the path holds a separator, ';' or an encoded '/', '\\' or '.'", cors);
    }
    if (request.method === "OPTIONS") {
      const asked = request.headers.get("access-control-request-method") ?? "";
      if (!routes.some((r) => r.method === asked)) return refuse(403, `${asked || "this method"} is not allowed`, cors);
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          "access-control-allow-methods": methods,
          "access-control-allow-headers": "content-type, accept",
          "access-control-max-age": "600",
        },
      });
    }
    const target = route(routes, request.method, path);
    if (!target) return refuse(403, `${request.method} ${path} is not allowed through this proxy`, cors);
    if (authorize) {
      let ok;
      try {
        ok = await authorize(request, { tool: target.tool, method: target.method, path: target.path, id: target.id });
      } catch {
        ok = false;
      }
      if (ok !== true) return refuse(401, "not authorized", cors);
    }
    let body;
    if (target.method !== "GET" && target.method !== "HEAD") {
      const declared = Number(request.headers.get("content-length") ?? 0);
      if (declared > maxBodyBytes) return refuse(413, "body too large", cors);
      let bytes;
      try {
        bytes = await readLimited(request, maxBodyBytes);
      } catch {
        return refuse(400, "the body could not be read", cors);
      }
      if (bytes === null) return refuse(413, "body too large", cors);
      if (bytes.byteLength > 0) body = bytes;
    }
    // Only what 2Chat needs goes upstream: the key is added here; nothing the page sent
    // (cookies, its own X-User-API-Key, authorization) is passed on; redirects are not followed.
    const headers = { accept: "application/json", "x-user-api-key": apiKey };
    if (body) headers["content-type"] = "application/json";
    let upstream;
    try {
      upstream = await upstreamFetch(`${baseUrl}${path}${url.search}`, {
        method: target.method,
        headers,
        body,
        redirect: "manual",
        signal: typeof AbortSignal.timeout === "function" ? AbortSignal.timeout(timeoutMs) : undefined,
      });
    } catch {
      return refuse(502, "2Chat could not be reached", cors);
    }
    const extra = { ...cors };
    const retryAfter = upstream.headers.get("retry-after");
    if (retryAfter) extra["retry-after"] = retryAfter;
    if (upstream.status >= 300 && upstream.status < 400) {
      return refuse(502, `2Chat answered HTTP ${upstream.status} (a redirect, not followed)`, extra);
    }
    let text;
    try {
      text = await upstream.text();
    } catch {
      return refuse(502, "the connection to 2Chat broke while reading its answer", extra);
    }
    let parsed;
    try {
      parsed = text.trim() === "" ? null : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) {
      return refuse(upstream.status >= 400 ? upstream.status : 502, `2Chat answered HTTP ${upstream.status} with a body that is not JSON`, extra);
    }
    if (upstream.status === 204 || upstream.status === 205) return new Response(null, { status: upstream.status, headers: { ...JSON_HEADERS, ...extra } });
    return answer(upstream.status, redactHookUrls(parsed), extra);
  }

  const proxy = (request) =>
    handle(request).catch(() => refuse(500, "the proxy failed"));
  proxy.nodeListener = () => toNodeListener(proxy);
  return proxy;
}
