import { failed } from "./checks.js";
import { parseOrUndefined } from "./values.js";

// Runs a state machine of the module to its end (src/wasm/machine.rs): a call, a webhook
// delivery or a page of a walk. `next` is what its first step returned, when the module took it
// (a call's), or undefined, and the first step is taken here. The machine decides, one
// synchronous step at a time: each step gets how the promise the last one returned settled
// (ok, value) and returns the next promise to await, or the result. The one exception is a
// call's plain success, which `attempt` settles (a Done, below). A step that throws rejects the
// returned promise. The machine is freed at the end.
export async function run(machine, next) {
  try {
    // No first step returns undefined: a call's is a promise, a page's a promise or null.
    if (next === undefined) next = machine.step(true, undefined);
    while (next instanceof Promise) {
      let ok;
      let value;
      try {
        value = await next;
        ok = true;
      } catch (e) {
        value = e;
        ok = false;
      }
      // An attempt the module let settle its success here (see `attempt`): the machine's result.
      if (value instanceof Done) return value.body;
      next = machine.step(ok, value);
    }
    return next;
  } finally {
    machine.free();
  }
}

// A call whose first attempt the module kept (`call` in js/resources.js): the attempt `k`, made
// here as the module's first step would make it. Its success (a Done) is the call's result; any
// other outcome goes to the module (`core.call` with how the attempt settled), whose exchange
// takes it as its first step.
export function replay(core, op, args, k) {
  return attempt(k.custom, k.url, k.method, k.headers, undefined, k.noStore, k.ms, undefined, true).then(
    (value) => (value instanceof Done ? value.body : core.call(op, args, undefined, true, value)),
    (e) => core.call(op, args, undefined, false, e),
  );
}

// Resolves true after `ms`, or false as soon as the caller's signal aborts.
export function wait(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort);
  });
}

// One attempt of an API call, in one promise: the fetch and the whole body under the attempt's
// timer and the caller's signal. Done here, where the timer, the listener and the fetch's own
// promises are plain JavaScript callbacks; the module awaits a single promise per attempt and
// reads a redirect's or a failure's headers through gloo-net. It resolves (never rejects) to
// [kind * 1000 + status, response, detail], the status being 0 without a Response (one number,
// so the module reads the kind and the status in one go), or to a Done (below), with these kinds:
//   0 an answer: detail is the body text       1 a redirect (3xx or opaque): the body is not read
//   2 fetch failed: detail is what it threw    3 the attempt's time ran out
//   4 the caller's signal aborted              5 the fetch option threw: detail
//   6 it did not resolve to a Response         7 the body broke while read: detail
//   8 the Request for the fetch option could not be built: detail
// `custom` is the fetch option (given the built Request and { signal }, as its type promises) or
// null (the global fetch, given url and init). The init is made here, one plain object per
// attempt, on the rules of `request_init` (src/web/fetch.rs): `cache: "no-store"` where the
// runtime takes it (`noStore`, probed once by the module), and redirects are answers, never
// followed, so the key goes nowhere but `baseUrl`. `method` is a number of `METHODS` (in the order of
// `method_number` in src/wasm/http.rs). `body` is a JSON string or undefined.
//
// `settle` (the module's choice: no debug log to write, no aliases to fill) lets the attempt end
// the call on a success: a 2xx whose body is JSON that `failed` (js/checks.js, generated from the
// failure flags the module reads) does not call a failure resolves to a Done holding the parsed
// body, which `run` returns without a step of the machine. Any other answer goes to the module as
// above, which parses it again and decides.
const METHODS = ["GET", "POST", "PUT", "DELETE"];
class Done {
  constructor(body) {
    this.body = body;
  }
}
export function attempt(custom, url, method, headers, body, noStore, ms, signal, settle) {
  return new Promise((resolve) => {
    const controller = new AbortController();
    const init = { method: METHODS[method], headers, body, cache: noStore ? "no-store" : undefined, redirect: "manual", signal: controller.signal };
    let done = false;
    let timer;
    const onAbort = () => stop(4, null, null);
    function stop(kind, response, detail, status = 0) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (signal) signal.removeEventListener("abort", onAbort);
      // Settled by the timer or the caller: the fetch (or the body it is reading) is cut off.
      if (kind === 3 || kind === 4) controller.abort();
      if (kind === 0 && settle && status >= 200 && status < 300) {
        const parsed = parseOrUndefined(detail);
        if (parsed !== undefined && !failed(parsed)) return resolve(new Done(parsed));
      }
      resolve([kind * 1000 + status, response, detail]);
    }
    if (signal) {
      if (signal.aborted) return stop(4, null, null);
      signal.addEventListener("abort", onAbort);
    }
    timer = setTimeout(() => stop(3, null, null), ms);
    let sent;
    if (custom) {
      let request;
      try {
        request = new Request(url, init);
      } catch (e) {
        return stop(8, null, e);
      }
      try {
        sent = custom(request, { signal: controller.signal });
      } catch (e) {
        return stop(5, null, e);
      }
    } else {
      try {
        sent = fetch(url, init);
      } catch (e) {
        return stop(2, null, e);
      }
    }
    Promise.resolve(sent).then(
      (response) => {
        if (!(response instanceof Response)) return stop(6, null, null);
        const status = response.status;
        if ((status >= 300 && status < 400) || response.type === "opaqueredirect") return stop(1, response, null, status);
        response.text().then(
          (text) => stop(0, response, text, status),
          (e) => stop(7, response, e, status),
        );
      },
      (e) => stop(2, null, e),
    );
  });
}
