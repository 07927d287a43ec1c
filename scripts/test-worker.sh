#!/usr/bin/env bash
# The Cloudflare Worker example, end to end, the way a user ships it: packs pkg/ with `npm pack`,
# installs the tarball into a throwaway copy of examples/worker, bundles that with wrangler
# (`deploy --dry-run`, no login), then tests/worker/ runs the bundle in workerd under Miniflare on
# 127.0.0.1 against twochat-mock. Everything it starts it stops; everything it writes is in a
# temporary directory that is removed at the end.
#   scripts/with-mock.sh scripts/test-worker.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$PATH"

[ -n "${TWOCHAT_MOCK_URL:-}" ] || { echo "TWOCHAT_MOCK_URL is not set: run scripts/with-mock.sh scripts/test-worker.sh" >&2; exit 2; }

log() { printf '\033[1;34m[test-worker]\033[0m %s\n' "$*" >&2; }

# The pinned miniflare and wrangler of the root package-lock.json (what scripts/bootstrap.sh installs).
if [ ! -x node_modules/.bin/miniflare ] || [ ! -x node_modules/.bin/wrangler ] || [ ! -x node_modules/.bin/workerd ]; then
  log "installing the pinned npm tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
[ -f pkg/worker/index.js ] || { log "building pkg/"; scripts/build-pkg.sh; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/twochat-worker.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Other builds replace pkg/ now and then (rm + mv); retry a pack that caught it midway.
for attempt in 1 2 3 4 5; do
  if tarball=$(cd pkg && npm pack --pack-destination "$tmp" --ignore-scripts --silent 2>"$tmp/pack.err" | tail -n 1) && [ -f "$tmp/$tarball" ]; then
    break
  fi
  [ "$attempt" = 5 ] && { cat "$tmp/pack.err" >&2; echo "npm pack of pkg/ failed" >&2; exit 1; }
  sleep 2
done
log "packed $tarball"

# A copy of the example as a user would have it, minus anything generated, with the package
# installed from the tarball. wrangler comes from the root (pinned), so the copy's own
# devDependencies are dropped: the install then needs nothing from the registry.
mkdir "$tmp/app"
tar -C examples/worker --exclude=node_modules --exclude=.wrangler --exclude=dist --exclude=.dev.vars -cf - . | tar -C "$tmp/app" -xf -
(cd "$tmp/app" && node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
  delete p.devDependencies;
  fs.writeFileSync("package.json", JSON.stringify(p, null, 2) + "\n");
')
(cd "$tmp/app" && npm install --no-audit --no-fund --prefer-offline --ignore-scripts --loglevel=error "$tmp/$tarball")
log "installed into a copy of examples/worker"

# The types a Worker project sees through the "workerd" condition.
mkdir "$tmp/app/typecheck"
cp tests/worker/usage.ts "$tmp/app/typecheck/"
(cd "$tmp/app" && tsc --noEmit --strict --skipLibCheck --target es2022 --module esnext --moduleResolution bundler \
  --customConditions workerd --lib esnext,dom typecheck/usage.ts)
log "type-checked typecheck/usage.ts (condition workerd)"

# The bundle `wrangler deploy` would upload: the "workerd" export of twochat, its wasm as a module.
(
  cd "$tmp/app"
  export WRANGLER_SEND_METRICS=false WRANGLER_LOG_PATH="$tmp/wrangler-logs" XDG_CONFIG_HOME="$tmp/config" CI=1
  unset CLOUDFLARE_API_TOKEN CLOUDFLARE_ACCOUNT_ID
  wrangler deploy --dry-run --outdir "$tmp/dist" >"$tmp/wrangler.log" 2>&1 || { cat "$tmp/wrangler.log" >&2; exit 1; }
)
log "bundled with wrangler: $(cd "$tmp/dist" && ls -1 | grep -v '\.map$' | tr '\n' ' ')"

# The runtime smoke Worker (tests/worker/smoke.js), bundled the same way from the same install.
mkdir "$tmp/app/smoke"
cp tests/worker/smoke.js "$tmp/app/smoke/index.js"
(
  cd "$tmp/app"
  export WRANGLER_SEND_METRICS=false WRANGLER_LOG_PATH="$tmp/wrangler-logs" XDG_CONFIG_HOME="$tmp/config" CI=1
  unset CLOUDFLARE_API_TOKEN CLOUDFLARE_ACCOUNT_ID
  wrangler deploy smoke/index.js --name twochat-smoke --dry-run --outdir "$tmp/smoke-dist" >"$tmp/wrangler-smoke.log" 2>&1 || { cat "$tmp/wrangler-smoke.log" >&2; exit 1; }
)
log "bundled the smoke Worker"

WORKER_DIST="$tmp/dist" WORKER_APP="$tmp/app" SMOKE_DIST="$tmp/smoke-dist" node --test --test-timeout=120000 tests/worker/
