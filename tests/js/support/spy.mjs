// Watching an internal method of the package while a test runs: how the tests see which way a call
// took (a step of the module's machine, a call the module prepared, a replay it took over).

/**
 * Runs `fn` with `proto[name]` wrapped so that `seen(args)` is called with the arguments of every
 * call made meanwhile (the call itself goes on as before); the method is put back afterwards.
 */
export async function watching(proto, name, seen, fn) {
  const method = proto[name];
  proto[name] = function (...args) {
    seen(args);
    return method.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto[name] = method;
  }
}
