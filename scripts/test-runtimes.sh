#!/usr/bin/env bash
# Every runtime a user brings, from the packed tarball (tests/runtimes/): Deno 2 and Bun run the
# same smoke script as Node (account.info, an iterator, a webhook, a WebhookRouter, the proxy, a
# validation error) against the mock, and a webpack 5 production build of a small page runs in
# headless Chromium. Deno, Bun and webpack are the pinned devDependencies of
# tests/runtimes/package.json (Deno's and Bun's binaries come in their npm packages' platform
# packages), installed with `npm ci` when tests/runtimes/package-lock.json changed since the last
# install. The package is built into target/pkg-runtimes (RUNTIMES_PKG=<dir> tests a package
# already built there instead, e.g. RUNTIMES_PKG=pkg). Everything the tests start they stop;
# everything they write is in a temporary directory they remove.
#   scripts/with-mock.sh scripts/test-runtimes.sh     (make test-runtimes)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
start=$SECONDS

log() { printf '\033[1;34m[test-runtimes]\033[0m %s\n' "$*" >&2; }

[ -n "${TWOCHAT_MOCK_URL:-}" ] || { echo "TWOCHAT_MOCK_URL is not set: run scripts/with-mock.sh scripts/test-runtimes.sh (make test-runtimes)" >&2; exit 2; }

# The project's tools: wasm-pack and wasm-bindgen (to build), esbuild and playwright-core (root
# package-lock.json), Chromium (Debian). scripts/bootstrap.sh installs what is missing.
if { [ -z "${RUNTIMES_PKG:-}" ] && { ! command -v wasm-pack >/dev/null || ! command -v wasm-bindgen >/dev/null ||
  ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; }; } ||
  [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/esbuild ] || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  log "installing the project's tools (scripts/bootstrap.sh)"
  TWOCHAT_SKIP_FUZZ=1 TWOCHAT_SKIP_RUST_WORKER=1 scripts/bootstrap.sh >&2
fi

# Deno, Bun, webpack and webpack-cli, pinned in tests/runtimes/package-lock.json; `npm ci` when that
# lockfile changed since the last install. (Their postinstall scripts, allowed by name in
# tests/runtimes/package.json, only link the binary of the platform package npm installed.)
lock_sum=$(sha256sum tests/runtimes/package-lock.json | cut -d' ' -f1)
if [ "$(cat tests/runtimes/node_modules/.lock-sha256 2>/dev/null || true)" != "$lock_sum" ]; then
  log "installing Deno, Bun and webpack (npm ci in tests/runtimes/)"
  (cd tests/runtimes && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$lock_sum" >tests/runtimes/node_modules/.lock-sha256
fi
pin() { node -p "require('./tests/runtimes/package.json').devDependencies['$1']"; }
deno_version=$(DENO_NO_UPDATE_CHECK=1 tests/runtimes/node_modules/.bin/deno --version 2>&1 | head -n 1 || true)
bun_version=$(tests/runtimes/node_modules/.bin/bun --version 2>&1 || true)
case "$deno_version" in "deno $(pin deno) "*) ;; *)
  echo "tests/runtimes/node_modules/.bin/deno is not deno $(pin deno): '$deno_version' (rm -rf tests/runtimes/node_modules and run again)" >&2; exit 1 ;;
esac
[ "$bun_version" = "$(pin bun)" ] || {
  echo "tests/runtimes/node_modules/.bin/bun is not bun $(pin bun): '$bun_version' (rm -rf tests/runtimes/node_modules and run again)" >&2; exit 1
}
log "$deno_version, bun $bun_version, webpack $(pin webpack), webpack-cli $(pin webpack-cli)"

if [ -z "${RUNTIMES_PKG:-}" ]; then
  log "building the package into target/pkg-runtimes"
  PKG_OUT=target/pkg-runtimes scripts/build-pkg.sh >&2
  export RUNTIMES_PKG=target/pkg-runtimes
fi

# The tests' throwaway projects, caches and browser profile go under a directory of this run's own,
# removed at the end even if a test was killed midway (a timeout skips its cleanup).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/twochat-test-runtimes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
set +e
TMPDIR=$tmp node --test --test-timeout=120000 tests/runtimes/
status=$?
set -e
log "finished in $((SECONDS - start)) s (exit $status)"
exit $status
