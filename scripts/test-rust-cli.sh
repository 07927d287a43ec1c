#!/usr/bin/env bash
# examples/rust-cli against the mock, as a user runs it: it sends a message and walks the
# conversation; a bad number is refused before anything is sent (exit 1, nothing in the mock's log).
#   scripts/with-mock.sh scripts/test-rust-cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${TWOCHAT_MOCK_URL:-}" ] || { echo "TWOCHAT_MOCK_URL is not set: run scripts/with-mock.sh scripts/test-rust-cli.sh" >&2; exit 2; }

cargo build -q -p twochat-cli-example
cli=target/debug/twochat-cli-example
key="UAK-cli-$$-$RANDOM"
# The mock's control API, through Node's fetch (no curl needed).
http() { node -e 'const [m, u, b] = process.argv.slice(1); fetch(u, { method: m, headers: { "content-type": "application/json" }, body: b || undefined }).then(async (r) => { if (!r.ok) throw new Error(`${m} ${u}: ${r.status}`); process.stdout.write(await r.text()); }).catch((e) => { console.error(e.message); process.exit(1); })' "$@"; }
http POST "$TWOCHAT_MOCK_URL/__mock/accounts" "{\"api_key\":\"$key\"}" >/dev/null
export TWOCHAT_API_KEY="$key" TWOCHAT_BASE_URL="$TWOCHAT_MOCK_URL"
fail() { echo "test-rust-cli: $*" >&2; exit 1; }

out=$("$cli" +595981048477 +5215512345432 "Hola desde Rust" --list 3)
echo "$out"
[ "$(grep -c '^sent MSG' <<<"$out")" = 1 ] || fail "no 'sent MSG…' line"
[ "$(grep -c '^MSG' <<<"$out")" = 3 ] || fail "--list 3 did not print three messages"
grep -q 'Hola desde Rust$' <<<"$out" || fail "the sent message is not in the conversation"
grep -q "$key" <<<"$out" && fail "the key was printed"

log=$(http GET "$TWOCHAT_MOCK_URL/__mock/requests?api_key=$key")
sent=$(node -e 'const r = JSON.parse(process.argv[1]).requests; console.log(r.filter((x) => x.path === "/open/whatsapp/send-message").length)' "$log")
[ "$sent" = 1 ] || fail "expected one send-message, the mock saw $sent"

set +e
err=$("$cli" 0981 +5215512345432 "x" 2>&1)
status=$?
set -e
[ "$status" = 1 ] || fail "a bad number exited $status, not 1"
grep -q '^error: invalid_input: from_number: ' <<<"$err" || fail "unexpected error output: $err"
grep -q "$key" <<<"$err" && fail "the key was printed"
after=$(node -e 'console.log(JSON.parse(process.argv[1]).requests.length)' "$(http GET "$TWOCHAT_MOCK_URL/__mock/requests?api_key=$key")")
before=$(node -e 'console.log(JSON.parse(process.argv[1]).requests.length)' "$log")
[ "$after" = "$before" ] || fail "the refused call reached the mock"
echo "test-rust-cli: ok"
