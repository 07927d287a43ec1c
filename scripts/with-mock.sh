#!/usr/bin/env bash
# Runs a command against a fresh twochat-mock on a free 127.0.0.1 port, and stops the mock when the
# command ends, whatever way it ends. The command sees the mock's URL in TWOCHAT_MOCK_URL.
#   scripts/with-mock.sh [--] command args...
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = "--" ] && shift

MOCK_BIN=${MOCK_BIN:-target/release/twochat-mock}
[ -x "$MOCK_BIN" ] || cargo build -q --release -p twochat-mock

tmp=$(mktemp -d)
"$MOCK_BIN" --port 0 --port-file "$tmp/port" ${MOCK_ARGS:-} >"$tmp/mock.log" 2>&1 &
mock_pid=$!
cleanup() {
  kill "$mock_pid" 2>/dev/null || true
  wait "$mock_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 200); do
  [ -s "$tmp/port" ] && break
  if ! kill -0 "$mock_pid" 2>/dev/null; then
    echo "twochat-mock failed to start:" >&2
    cat "$tmp/mock.log" >&2
    exit 1
  fi
  sleep 0.05
done
[ -s "$tmp/port" ] || { echo "twochat-mock did not report its port" >&2; exit 1; }

export TWOCHAT_MOCK_URL="http://127.0.0.1:$(cat "$tmp/port")"
echo "twochat-mock at $TWOCHAT_MOCK_URL" >&2
set +e
"$@"
status=$?
set -e
exit $status
