// What crosses from a caller's JavaScript values into a request, done where the values are: the
// strict JSON check (what JSON.stringify would silently change is refused, with its path), the
// body made from a params object, the params of each page of a walk, a tool's flat arguments
// split back into a method call, and the response spellings 2Chat's sources disagree on.

const MAX_DEPTH = 32;

function child(path, name) {
  return path === "" || path === "params" || path === "options" || path === "request" || path === "arguments" ? name : `${path}.${name}`;
}

// Null when `v` can be sent as JSON as it is; otherwise [path, message] of the first problem.
// NaN or Infinity would become null (and `url: null` removes a profile picture); a Date, Map or
// class instance would lose its meaning; a getter or proxy trap that throws is reported, not thrown.
export function plainProblem(v, path) {
  try {
    return walk(v, path, 0);
  } catch {
    return [path, "could not be read (a getter or proxy trap threw)"];
  }
}

function walk(v, path, depth) {
  if (depth > MAX_DEPTH) return [path, "is nested too deeply (or refers to itself)"];
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "string":
    case "boolean":
      return null;
    case "number":
      if (Number.isFinite(v)) return null;
      return [path, `must be a finite number (got ${Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity"})`];
    case "object":
      break;
    default:
      return [path, "must be a plain value (string, number, boolean, array or object)"];
  }
  if (Array.isArray(v)) {
    if (v.length > 1_000_000) return [path, "has too many items"];
    for (let i = 0; i < v.length; i++) {
      const p = `${path}[${i}]`;
      let item;
      try {
        item = v[i];
      } catch {
        return [p, "could not be read (a getter or proxy trap threw)"];
      }
      if (item === undefined) return [p, "must not be undefined"];
      const problem = walk(item, p, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && proto !== Object.prototype) return [path, "must be a plain object ({ … }), not a class instance"];
  for (const k of Object.keys(v)) {
    const p = child(path, k);
    let item;
    try {
      item = v[k];
    } catch {
      return [p, "could not be read (a getter or proxy trap threw)"];
    }
    if (item === undefined) continue;
    const problem = walk(item, p, depth + 1);
    if (problem) return problem;
  }
  return null;
}

// The JSON body made of a params object: top-level nulls dropped (but for the fields in
// `keepNull`), then the edits, each [kind, name, value]: 0 remove, 1 rename to value, 2 set to
// the string value, 3 set to the JSON value when absent. Unknown fields are kept.
export function buildBody(params, keepNull, edits) {
  const out = {};
  if (params) {
    for (const k of Object.keys(params)) {
      const v = params[k];
      if (v === undefined || (v === null && !keepNull.includes(k))) continue;
      out[k] = v;
    }
  }
  for (const [kind, name, value] of edits) {
    if (kind === 0) delete out[name];
    else if (kind === 1) {
      if (Object.hasOwn(out, name)) {
        out[value] = out[name];
        delete out[name];
      }
    } else if (kind === 2) out[name] = value;
    else if (kind === 3 && !Object.hasOwn(out, name)) out[name] = JSON.parse(value);
  }
  return JSON.stringify(out);
}

// The params of one page of a walk: the caller's, without `limit`, with the page (and the page
// size, for lists sized by results_per_page).
export function pageParams(params, pageKey, page, perPage) {
  const out = {};
  if (params) for (const k of Object.keys(params)) if (k !== "limit") out[k] = params[k];
  out[pageKey] = page;
  if (perPage !== undefined) out.results_per_page = perPage;
  return out;
}

// A tool's flat arguments as [positional…, params]: `names` are the positional arguments' wire
// names; everything else is the params object.
export function splitArgs(args, names) {
  const out = names.map((n) => (args ? args[n] : undefined));
  const rest = {};
  if (args) for (const k of Object.keys(args)) if (!names.includes(k)) rest[k] = args[k];
  out.push(rest);
  return out;
}

// Where 2Chat's sources disagree on a response field's name, both names are made present: each
// alias [at, to, from[]] fills `to` from the first present of `from` at the dotted path `at`
// (`[]` walks an array). Nothing the server sent is removed or changed.
export function applyAliases(body, aliases) {
  for (const [at, to, from] of aliases) {
    let nodes = [body];
    for (const part of at ? at.split(".") : []) {
      const list = part.endsWith("[]");
      const key = list ? part.slice(0, -2) : part;
      const next = [];
      for (const n of nodes) {
        const v = n !== null && typeof n === "object" ? n[key] : undefined;
        if (list) {
          if (Array.isArray(v)) next.push(...v);
        } else if (v !== undefined) next.push(v);
      }
      nodes = next;
    }
    for (const n of nodes) {
      if (n === null || typeof n !== "object" || Array.isArray(n) || n[to] !== undefined) continue;
      for (const f of from) {
        if (n[f] !== undefined) {
          n[to] = n[f];
          break;
        }
      }
    }
  }
  return body;
}

// What a parsed JSON value (or one of its members) is, as one bit; 0 for what JSON has no word
// for (absent, a function…). One call across the boundary for the module (`jsjson::kind`, which
// reads the same numbers); parseWebhook's generated checks test it against masks of these bits
// (js/webhooks.js, gen::runtime::event_checks_js).
export const NULL = 1;
export const BOOL = 2;
export const NUM = 4;
export const STR = 8;
export const ARR = 16;
export const OBJ = 32;

export function kindOf(v) {
  switch (typeof v) {
    case "string":
      return STR;
    case "number":
      return NUM;
    case "boolean":
      return BOOL;
    case "object":
      return v === null ? NULL : Array.isArray(v) ? ARR : OBJ;
    default:
      return 0;
  }
}

// The kind of `o[key]` (see memberOf): 0 where that cannot be read.
export function kindAt(o, key) {
  return kindOf(memberOf(o, key));
}

// `JSON.parse(text)`, or undefined (which JSON has no word for) when the text is not JSON: no
// exception crosses into the module, so its import needs no catching wrapper.
export function parseOrUndefined(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// `Reflect.get(o, key)`, or undefined where that throws: `o` not an object (nothing to read), a
// getter or a proxy that throws.
export function memberOf(o, key) {
  if ((typeof o !== "object" || o === null) && typeof o !== "function") return undefined;
  try {
    return o[key];
  } catch {
    return undefined;
  }
}

// A number as JavaScript writes it (`2.5`, `1e21`, `NaN`), for messages: no float formatting is
// compiled into the wasm module.
export function numberText(v) {
  return String(v);
}
