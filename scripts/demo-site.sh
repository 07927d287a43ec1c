#!/usr/bin/env bash
# Assembles the demo site (www/ plus the web build of pkg/) into target/demo-site, with the API
# reference (target/site/docs, scripts/docs.sh) at docs/ when it was built.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/web/index.js ] || { echo "pkg/ is missing: run make pkg" >&2; exit 1; }
site=target/demo-site
rm -rf "$site"
mkdir -p "$site/pkg"
cp -r www/. "$site/"
cp -r pkg/web "$site/pkg/web"
if [ -f target/site/docs/index.html ]; then
  cp -r target/site/docs "$site/docs"
fi
