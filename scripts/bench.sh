#!/usr/bin/env bash
# The benchmark suite: size of the released package (against a one-endpoint gloo-net floor, with
# twiggy's view of what weighs), call overhead against raw fetch, webhook parsing against
# JSON.parse and zod, start-up in Node, workerd and Chromium, memory per call and parse. Prints a
# table, writes BENCHMARKS.md and bench/ratios.svg. It reports PASS/MISS against fixed targets and
# fails only when something could not be measured. Installs what it needs (idempotent); everything it builds is in target/.
#   make bench    (= scripts/with-mock.sh scripts/bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TWIGGY_VERSION=0.8.0

log() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }

[ -n "${TWOCHAT_MOCK_URL:-}" ] || { echo "TWOCHAT_MOCK_URL is not set: run scripts/with-mock.sh scripts/bench.sh (make bench)" >&2; exit 2; }
loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- tools -------------------------------------------------------------------------------------------
# wasm-pack, wasm-bindgen-cli and the root npm tools (binaryen's wasm-opt, miniflare): the
# project's pinned set, installed by bootstrap.sh when one of them is missing.
if ! command -v wasm-pack >/dev/null || ! command -v wasm-bindgen >/dev/null || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/miniflare ] ||
  ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "installing the project's tools (scripts/bootstrap.sh)"
  TWOCHAT_SKIP_FUZZ=1 TWOCHAT_SKIP_BROWSER=1 scripts/bootstrap.sh >&2
fi

# The bench's own npm dependencies (zod, vega, vega-lite), pinned in bench/package-lock.json;
# `npm ci` when that lockfile changed since the last install.
lock_sum=$(sha256sum bench/package-lock.json | cut -d' ' -f1)
if [ "$(cat bench/node_modules/.lock-sha256 2>/dev/null || true)" != "$lock_sum" ]; then
  log "installing the bench's npm dependencies (npm ci in bench/)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$lock_sum" >bench/node_modules/.lock-sha256
fi

# (`twiggy --version` prints "twiggy-opt 0.8.0")
if [ "$(twiggy --version 2>/dev/null | awk '{print $2}' || true)" != "$TWIGGY_VERSION" ]; then
  log "installing twiggy $TWIGGY_VERSION"
  cargo install --locked "twiggy@$TWIGGY_VERSION" --force
fi
[ -d node_modules/miniflare ] || { echo "miniflare is missing from the repo root's node_modules (npm ci there)" >&2; exit 1; }

# The release wasm-opt flags, read from Cargo.toml so the floor and the twiggy build use the same.
wasm_opt_flags() {
  sed -n '/^\[package\.metadata\.wasm-pack\.profile\.release\]/,/^\[/p' "$1" | grep '^wasm-opt' | grep -o '"[^"]*"' | tr -d '"'
}
mapfile -t opt_flags < <(wasm_opt_flags Cargo.toml)
[ "${#opt_flags[@]}" -gt 0 ] || { echo "no wasm-opt flags under [package.metadata.wasm-pack.profile.release] in Cargo.toml" >&2; exit 1; }
if [ "$(wasm_opt_flags Cargo.toml)" != "$(wasm_opt_flags bench/floor/Cargo.toml)" ]; then
  echo "bench/floor/Cargo.toml's wasm-opt flags differ from Cargo.toml's (${opt_flags[*]}): update the floor so the sizes compare" >&2
  exit 1
fi

# --- builds --------------------------------------------------------------------------------------------
log "building the release package into target/pkg-bench"
PKG_OUT=target/pkg-bench scripts/build-pkg.sh >&2

# What twiggy reads: the web build's cargo artifact (build-pkg.sh builds web last) through
# wasm-bindgen --keep-debug and the release wasm-opt flags plus -g, i.e. the shipped module with
# its name section. Without -g the same steps must give the shipped module byte for byte.
prof=target/bench-prof
rm -rf "$prof"
mkdir -p "$prof"
cp target/wasm32-unknown-unknown/release/twochat.wasm "$prof/cargo.wasm"
wasm-bindgen --target web --keep-debug --out-dir "$prof/bindgen" --out-name twochat "$prof/cargo.wasm"
wasm-opt "${opt_flags[@]}" "$prof/bindgen/twochat_bg.wasm" -o "$prof/stripped.wasm"
wasm-opt "${opt_flags[@]}" -g "$prof/bindgen/twochat_bg.wasm" -o "$prof/names.wasm"
# The package build gives imports, exports and import modules short names
# (scripts/short-imports.mjs); so do these.
node scripts/short-imports.mjs "$prof/stripped.wasm" >/dev/null
node scripts/short-imports.mjs "$prof/names.wasm" >/dev/null
if cmp -s "$prof/stripped.wasm" target/pkg-bench/web/twochat_bg.wasm; then
  prof_identical=1
else
  prof_identical=0
  log "warning: the twiggy build differs from the shipped wasm (was target/ rebuilt meanwhile?)"
fi

log "building the floor (bench/floor) with wasm-pack --target web --release"
CARGO_TARGET_DIR="$root/target/bench-floor" wasm-pack build bench/floor --target web --release \
  --out-dir "$root/target/bench-floor/pkg" --out-name floor --no-pack -- --locked >&2
# The same crate with its `call` function, for Node: the plain gloo-net client of the call bench.
log "building the floor's call (bench/floor --features call) with wasm-pack --target nodejs --release"
CARGO_TARGET_DIR="$root/target/bench-floor" wasm-pack build bench/floor --target nodejs --release \
  --out-dir "$root/target/bench-floor/node" --out-name floor --no-pack -- --locked --features call >&2

# --- measurements -------------------------------------------------------------------------------------
export BENCH_PKG=target/pkg-bench BENCH_OUT=target/bench BENCH_PROF_IDENTICAL=$prof_identical BENCH_LOADAVG="$loadavg_before"
rm -rf target/bench
mkdir -p target/bench
log "1/6 size"
node bench/size.mjs
log "2/6 call overhead"
node bench/calls.mjs
node bench/cold.mjs
log "3/6 webhook parsing"
node bench/webhooks.mjs
log "4/6 start-up"
node bench/startup.mjs
node bench/browser-startup.mjs
log "5/6 memory"
node bench/memory.mjs
log "6/6 profiles (what weighs in calls and parsing)"
node bench/profile.mjs
node bench/report.mjs
