#!/usr/bin/env bash
# The npm package as it is published: packs pkg/ into a temporary directory, installs the pinned
# package linters (publint, @arethetypeswrong/cli: tests/package/package-lock.json; `npm ci` only
# when that lockfile changed), then tests/package/ lints the tarball, compiles the TypeScript
# consumer projects against it with the repo's tsc, and checks `npm publish --dry-run`'s file list
# and the version. Nothing reaches a network; everything temporary is removed at the end.
#   scripts/test-package.sh          (make test-package; builds pkg/ first when it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$PATH"

log() { printf '\033[1;34m[test-package]\033[0m %s\n' "$*" >&2; }

# The repo's pinned tsc (root package-lock.json, what scripts/bootstrap.sh installs).
if [ ! -x node_modules/.bin/tsc ]; then
  log "installing the pinned npm tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The linters, pinned in tests/package/package-lock.json.
lock_sum=$(sha256sum tests/package/package-lock.json | cut -d' ' -f1)
if [ "$(cat tests/package/node_modules/.lock-sha256 2>/dev/null || true)" != "$lock_sum" ]; then
  log "installing publint and arethetypeswrong (npm ci in tests/package/)"
  (cd tests/package && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$lock_sum" >tests/package/node_modules/.lock-sha256
fi
[ -f pkg/package.json ] || { log "building pkg/"; scripts/build-pkg.sh; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/twochat-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# A snapshot of pkg/, packed: other builds replace pkg/ now and then (rm + mv), so retry a copy
# that caught it midway.
for attempt in 1 2 3 4 5; do
  rm -rf "$tmp/pkg"
  if cp -r pkg "$tmp/pkg" 2>"$tmp/cp.err" && [ -f "$tmp/pkg/package.json" ]; then break; fi
  [ "$attempt" = 5 ] && { cat "$tmp/cp.err" >&2; echo "copying pkg/ failed" >&2; exit 1; }
  sleep 2
done
tarball=$(cd "$tmp/pkg" && npm pack --pack-destination "$tmp" --ignore-scripts --offline --silent | tail -n 1)
[ -f "$tmp/$tarball" ] || { echo "npm pack of pkg/ wrote no tarball" >&2; exit 1; }
log "packed $tarball ($(wc -c <"$tmp/$tarball") bytes)"

TWOCHAT_PACKAGE_DIR="$tmp/pkg" TWOCHAT_PACKAGE_TARBALL="$tmp/$tarball" \
  node --test --test-timeout=120000 tests/package/
