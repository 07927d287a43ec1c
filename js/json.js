// One call across the wasm boundary to learn what a parsed JSON value (or one of its members) is:
// -1 absent, 0 null, 1 boolean, 2 number, 3 string, 4 array, 5 object.
export function kindOf(v) {
  if (v === undefined) return -1;
  if (v === null) return 0;
  switch (typeof v) {
    case "boolean": return 1;
    case "number": return 2;
    case "string": return 3;
    case "object": return Array.isArray(v) ? 4 : 5;
    default: return -1;
  }
}

export function kindAt(o, key) {
  return kindOf(o[key]);
}

// UTF-8 bytes to a JS string without a round trip through wasm memory; throws on invalid UTF-8.
export function decodeUtf8(bytes) {
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
