#!/usr/bin/env bash
# The Rust Cloudflare Worker example (examples/rust-worker: workers-rs + the typed twochat client),
# end to end, the way a user ships it: `wrangler deploy --dry-run` (no login) runs the example's
# [build] command — worker-build, pinned, with the machine's own wasm-bindgen, esbuild and wasm-opt
# so that nothing is downloaded — and bundles its output; then tests/rust-worker/ runs that bundle
# in workerd under Miniflare on 127.0.0.1 against twochat-mock. Everything it starts it stops;
# everything it writes outside the build outputs (examples/rust-worker/build, target/rust-worker)
# is in a temporary directory that is removed at the end.
#   scripts/with-mock.sh scripts/test-rust-worker.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
example=examples/rust-worker

# worker-build must be of the `worker` crate's minor version (examples/rust-worker/Cargo.toml).
WORKER_BUILD_VERSION=0.8.7
# The versions worker-build 0.8.7 would download (its src/versions.rs), here from the root
# package-lock.json instead: npm esbuild and binaryen.
ESBUILD_VERSION=0.28.2
WASM_OPT_VERSION=132

export PATH="$root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

[ -n "${TWOCHAT_MOCK_URL:-}" ] || { echo "TWOCHAT_MOCK_URL is not set: run scripts/with-mock.sh scripts/test-rust-worker.sh" >&2; exit 2; }

log() { printf '\033[1;34m[test-rust-worker]\033[0m %s\n' "$*" >&2; }
started=$SECONDS

# --- Tools, each pinned and installed only when missing (as scripts/bootstrap.sh does) ----------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen CLI must be exactly the wasm-bindgen of the example's Cargo.lock.
wasm_bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' "$example/Cargo.lock")
[ -n "$wasm_bindgen_version" ] || { echo "no wasm-bindgen in $example/Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  log "installing wasm-bindgen-cli $wasm_bindgen_version"
  # Its lockfile names a crate the registry mirror lacks, hence no --locked (as in bootstrap.sh).
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

if [ "$(worker-build --version 2>/dev/null || true)" != "$WORKER_BUILD_VERSION" ]; then
  log "installing worker-build $WORKER_BUILD_VERSION"
  cargo install --locked "worker-build@$WORKER_BUILD_VERSION" --force
fi

if [ ! -x node_modules/.bin/miniflare ] || [ ! -x node_modules/.bin/wrangler ] || [ ! -x node_modules/.bin/workerd ] \
  || [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/wasm-opt ]; then
  log "installing the pinned npm tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
[ "$(esbuild --version)" = "$ESBUILD_VERSION" ] || { echo "node_modules has esbuild $(esbuild --version), not $ESBUILD_VERSION: run npm ci" >&2; exit 1; }
wasm-opt --version | grep -q "^wasm-opt version $WASM_OPT_VERSION\b" || { echo "node_modules has $(wasm-opt --version), not binaryen $WASM_OPT_VERSION: run npm ci" >&2; exit 1; }

# --- Build and bundle -----------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/twochat-rust-worker.XXXXXX")
# wrangler keeps scratch files in the project's .wrangler/: removed too, unless it was there before.
[ -e "$example/.wrangler" ] && keep_wrangler_dir=1 || keep_wrangler_dir=
cleanup() {
  rm -rf "$tmp"
  [ -n "$keep_wrangler_dir" ] || rm -rf "$root/$example/.wrangler"
}
trap cleanup EXIT

# Its own target directory, so this build never waits on (or invalidates) the workspace's.
export CARGO_TARGET_DIR="${RUST_WORKER_TARGET_DIR:-$root/target/rust-worker}"
# worker-build's overrides ({NAME}_BIN): without them it downloads wasm-bindgen from GitHub and
# esbuild / wasm-opt from their release archives.
WASM_BINDGEN_BIN=$(command -v wasm-bindgen)
export WASM_BINDGEN_BIN
export ESBUILD_BIN="$root/node_modules/.bin/esbuild"
export WASM_OPT_BIN="$root/node_modules/.bin/wasm-opt"

# worker-build runs a plain `cargo build`: make sure it builds exactly what Cargo.lock pins.
(cd "$example" && cargo metadata --locked --format-version 1 >/dev/null) \
  || { echo "$example/Cargo.lock is out of date with its Cargo.toml" >&2; exit 1; }

build_started=$SECONDS
(
  cd "$example"
  export WRANGLER_SEND_METRICS=false WRANGLER_LOG_PATH="$tmp/wrangler-logs" XDG_CONFIG_HOME="$tmp/config" CI=1
  unset CLOUDFLARE_API_TOKEN CLOUDFLARE_ACCOUNT_ID
  wrangler deploy --dry-run --outdir "$tmp/dist" >"$tmp/wrangler.log" 2>&1 || { cat "$tmp/wrangler.log" >&2; exit 1; }
)
# No download may have happened: every tool came from an override.
for tool in "Wasm Bindgen" "Wasm Opt" "Esbuild"; do
  grep -q "Using custom $tool from" "$tmp/wrangler.log" || { cat "$tmp/wrangler.log" >&2; echo "worker-build did not use the installed $tool" >&2; exit 1; }
done
build_seconds=$((SECONDS - build_started))
log "built with worker-build $WORKER_BUILD_VERSION and bundled with wrangler in ${build_seconds}s: $(cd "$tmp/dist" && ls -1 | grep -v '\.map$' | tr '\n' ' ')"

# --- Test -----------------------------------------------------------------------------------------
test_started=$SECONDS
RUST_WORKER_DIST="$tmp/dist" node --test --test-timeout=120000 tests/rust-worker/
log "tests took $((SECONDS - test_started))s; $((SECONDS - started))s in all"
