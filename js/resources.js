import { replay } from "./http.js";

// The resource objects of a client (`client.messages`, `client.groups`…), made from the method
// table the wasm module hands over: each method calls `core.call(op, args, kept)` (or replays, see
// below), each list's iterator `core.iterate(op, args)`. One prototype per resource, shared by
// every client.
const protos = new Map();

// A call of method `op`. The module prepares a call (checks its arguments, makes its URL and
// headers) and decides its attempts. What it prepared depends on nothing but the client and the
// arguments, so where a call's first step is one attempt whose success needs nothing of the module
// (no pacing, no debug log, no signal, no body, no aliases to fill), the module keeps that attempt
// for the resource, with the arguments (`keepAttempt`, when every one is a primitive), in the
// place of the one it kept before. A later call of the method with the same arguments as the kept
// attempt's makes that attempt here (`replay` in http.js); its success ends the call, and any other
// outcome goes to the module, which prepares the call again and decides from there as it would
// have. A call with other arguments goes to the module.
//
// What is kept holds the client's headers, the API key among them: it lives here, keyed by the
// resource, and nothing reachable from a client or a resource leads to it.
const KEPT = new WeakMap();

function call(resource, op, args) {
  const kept = KEPT.get(resource);
  const k = kept?.[op];
  if (k !== undefined && sameArgs(k.args, args)) return replay(resource.__core, op, args, k);
  return resource.__core.call(op, args, kept);
}

function sameArgs(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

// Keeps the first attempt the module prepared for a call of `op` with `args` (see `call`): only
// when every argument is a primitive, which the next call's arguments are compared to by value.
// `kept` is the resource's own array in `KEPT`, which nothing outside this module can reach.
export function keepAttempt(kept, op, args, custom, url, method, headers, noStore, ms) {
  for (const a of args) if ((typeof a === "object" && a !== null) || typeof a === "function") return;
  kept[op] = { args, custom, url, method, headers, noStore, ms };
}

export function makeResource(core, name, methods) {
  let proto = protos.get(name);
  if (!proto) {
    proto = {};
    for (const [method, op, iterator] of methods) {
      Object.defineProperty(proto, method, {
        value: { [method](...args) { return call(this, op, args); } }[method],
        writable: true,
        configurable: true,
      });
      if (iterator) {
        Object.defineProperty(proto, iterator, {
          value: { [iterator](...args) { return this.__core.iterate(op, args); } }[iterator],
          writable: true,
          configurable: true,
        });
      }
    }
    Object.defineProperty(proto, Symbol.toStringTag, { value: name });
    protos.set(name, proto);
  }
  const resource = Object.create(proto);
  Object.defineProperty(resource, "__core", { value: core });
  KEPT.set(resource, []);
  return resource;
}

// What a `TwoChat` getter gives (a resource, `baseUrl`) is fixed for the client's life, and
// `client.messages.send(…)` reads one on every call: the first read of each is kept as the
// client's own property (read-only, not enumerable), so later reads are a property load and not a
// call into the module. Called once on the class by the package's entries. Nothing is kept where
// it would change what a read gives or fail: on an instance of a subclass that declares the same
// getter (its own getter must keep answering), or on a frozen or sealed client. `free()` drops
// what was kept, so every getter of a freed client throws alike.
export function keepGetters(cls) {
  const kept = [];
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(cls.prototype))) {
    if (typeof d.get !== "function" || d.set) continue;
    const read = d.get;
    kept.push(name);
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: d.enumerable,
      get() {
        const value = read.call(this);
        if (Object.isExtensible(this) && foundOn(this, name) === cls.prototype) {
          Object.defineProperty(this, name, { value, configurable: true });
        }
        return value;
      },
    });
  }
  const free = cls.prototype.free;
  if (typeof free !== "function") return;
  const freeing = function () {
    for (const name of kept) if (Object.hasOwn(this, name)) delete this[name];
    return free.call(this);
  };
  Object.defineProperty(freeing, "name", { value: "free" });
  cls.prototype.free = freeing;
  if (Symbol.dispose && cls.prototype[Symbol.dispose] === free) cls.prototype[Symbol.dispose] = freeing;
}

// The object of `o`'s prototype chain that defines `name`.
function foundOn(o, name) {
  for (let p = Object.getPrototypeOf(o); p; p = Object.getPrototypeOf(p)) if (Object.hasOwn(p, name)) return p;
  return null;
}

// Async iteration over a paged 2Chat list: `for await (const item of client.messages.iterate(…))`.
// `walker.nextPage()` resolves the next page's items, or null when there are no more; pages are
// fetched one at a time, only when the loop asks for more.
export function pageIterable(walker) {
  return {
    [Symbol.asyncIterator]() {
      let items = [];
      let index = 0;
      let finished = false;
      return {
        async next() {
          while (!finished) {
            if (index < items.length) return { value: items[index++], done: false };
            const page = await walker.nextPage();
            if (page === null) finished = true;
            else {
              items = page;
              index = 0;
            }
          }
          return { value: undefined, done: true };
        },
        async return(value) {
          finished = true;
          return { value, done: true };
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
}

// `endpoints()`: the objects of the endpoint table, from the text the module makes of it
// (`endpoint_lines` in src/wasm/client.rs): a line per endpoint, its fields separated by tabs, its
// arguments by commas. One crossing, where building each object in the module took nine.
export function endpointList(text) {
  return text.split("\n").map((line) => {
    const [id, httpMethod, path, resource, method, tool, effect, args] = line.split("\t");
    return { id: Number(id), httpMethod, path, resource, method, tool, effect, args: args ? args.split(",") : [] };
  });
}

// What `callTool` resolves: `{ successful: true, data, error: null }` or `{ successful: false,
// data: null, error: "<code>: <message>" }`. It never rejects.
export function toolResult(call) {
  return call.then(
    (data) => ({ successful: true, data, error: null }),
    (e) => ({ successful: false, data: null, error: `${e?.code}: ${e?.message}` }),
  );
}
