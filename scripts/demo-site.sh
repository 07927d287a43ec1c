#!/usr/bin/env bash
# Assembles the demo site (www/ plus the web build of pkg/) into target/demo-site.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/web/index.js ] || { echo "pkg/ is missing: run make pkg" >&2; exit 1; }
site=target/demo-site
rm -rf "$site"
mkdir -p "$site/pkg"
cp -r www/. "$site/"
cp -r pkg/web "$site/pkg/web"
