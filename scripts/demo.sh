#!/usr/bin/env bash
# Serves the demo page and the mock 2Chat API from one local server at http://127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}
scripts/demo-site.sh
echo
echo "  twochat demo:     http://127.0.0.1:$PORT/"
echo "  mock 2Chat API:   http://127.0.0.1:$PORT/open/…  (demo key UAK-mock-demo)"
echo "  stop with Ctrl-C"
echo
exec target/release/twochat-mock --port "$PORT" --static target/demo-site
