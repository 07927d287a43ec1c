#!/usr/bin/env bash
# Installs every tool the build and the tests need, each pinned and each skipped when already
# present, so `make demo` and `make test` work on a fresh machine and cost nothing the second time.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130
CARGO_FUZZ_VERSION=0.13.1
WORKER_BUILD_VERSION=0.8.7

log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  log "installing wasm-pack $WASM_PACK_VERSION"
  cargo install --locked "wasm-pack@$WASM_PACK_VERSION" --force
fi

# wasm-bindgen-cli must match the `wasm-bindgen = "=..."` pin in Cargo.toml exactly, or wasm-pack
# compiles its own copy. Its lockfile names a crate the registry mirror lacks, hence no --locked.
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The webhook parser's fuzz target runs on the machine's nightly toolchain with cargo-fuzz.
if [ "${TWOCHAT_SKIP_FUZZ:-}" != 1 ] && [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install --locked "cargo-fuzz@$CARGO_FUZZ_VERSION" --force
fi

# examples/rust-worker builds with workers-rs' worker-build (pointed at this machine's
# wasm-bindgen, esbuild and wasm-opt by scripts/test-rust-worker.sh, so it downloads nothing).
if [ "${TWOCHAT_SKIP_RUST_WORKER:-}" != 1 ] && [ "$(worker-build --version 2>/dev/null || true)" != "$WORKER_BUILD_VERSION" ]; then
  log "installing worker-build $WORKER_BUILD_VERSION"
  cargo install --locked "worker-build@$WORKER_BUILD_VERSION" --force
fi

# Node tools (wasm-opt from binaryen, playwright-core, tsc, miniflare…) are pinned in the root
# package-lock.json; `npm ci` runs only when the lockfile changed since the last install.
if [ ! -f node_modules/.bootstrap-stamp ] || [ package-lock.json -nt node_modules/.bootstrap-stamp ]; then
  log "installing the pinned npm tools"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.bootstrap-stamp
fi

if [ "${TWOCHAT_SKIP_BROWSER:-}" != 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  log "installing chromium and chromium-driver (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

log "ready"
