#!/bin/sh
# The API key: rejected (exit 3), missing (exit 2), from a key file, and
# never written to requests' paths, output or the debug log.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

S=2a145658-3342-4228-b779-b8323a2b77df
R=346c5d10-a4a1-4f49-a851-66a7dae6cfaf

fake_start basic.json || skip_all "fake server did not start"

COMETAPI_KEY=wrong-key-Zq81x run_sunotop wrong --once -u "$FAKE_URL" "$S" "$R"
is "rejected key: exit 3" "$RC" 3
is "rejected key: both ids listed as NO ANSWER" "$(grep -cE "^($S|$R) +NO ANSWER" "$T/wrong.out")" 2
is "rejected key: each NO ANSWER row says why" \
	"$(grep -A1 'NO ANSWER' "$T/wrong.out" | grep -c '^    error: the API rejected the key (HTTP 401)$')" 2
like "rejected key: stderr mentions the key" "$ERR" "[Kk]ey"
unlike "rejected key: the key itself is not printed" "$OUT$ERR" "Zq81x"
is "rejected key: sent as a bearer token" "$(fake_query all auth | sort -u)" wrong
n=$(fake_requests all)
check "rejected key: not retried ($n requests)" test "$n" -ge 1 -a "$n" -le 2

COMETAPI_KEY=wrong-key-Zq81x run_sunotop wrongj --once --json -u "$FAKE_URL" "$S" "$R"
is "rejected key, --json: exit 3" "$RC" 3
is "rejected key, --json: a line for every id all the same" "$(wc -l <"$T/wrongj.out" | tr -d ' ')" 2
is "rejected key, --json: status NO_ANSWER" "$(jget "$T/wrongj.out" "$S" status)" NO_ANSWER
is "rejected key, --json: the reason in error" "$(jget "$T/wrongj.out" "$R" error)" key_rejected
COMETAPI_KEY=wrong-key-Zq81x run_sunotop wrongw --watch -i 1 -u "$FAKE_URL" "$R"
is "rejected key in --watch: exit 3" "$RC" 3

before=$(fake_requests all)
(unset COMETAPI_KEY; run_sunotop nokey --once -u "$FAKE_URL" "$S"; echo "$RC" >"$T/nokey.rc")
is "no key: exit 2" "$(cat "$T/nokey.rc")" 2
like "no key: says so" "$(cat "$T/nokey.err")" "[Kk]ey"
is "no key: nothing sent" "$(fake_requests all)" "$before"

printf 'test-key\n' >"$T/key"
chmod 600 "$T/key"
(unset COMETAPI_KEY; run_sunotop keyfile --once --json -K "$T/key" -u "$FAKE_URL" "$S"; echo "$RC" >"$T/keyfile.rc")
is "-K key file: exit 0" "$(cat "$T/keyfile.rc")" 0
is "-K key file: task fetched" "$(jget "$T/keyfile.out" "$S" status)" SUCCESS
chmod 644 "$T/key"
(unset COMETAPI_KEY; run_sunotop keyopen --once -K "$T/key" -u "$FAKE_URL" "$S"; echo "$RC" >"$T/keyopen.rc")
is "world-readable key file refused: exit 2" "$(cat "$T/keyopen.rc")" 2

run_sunotop dbg --once --log "$T/debug.log" -u "$FAKE_URL" "$S" "$R"
is "with --log: exit 0" "$RC" 0
check "debug log never holds the key" sh -c "! grep -q test-key '$T/debug.log'"
check "request log never holds the key" sh -c "! grep -q test-key '$FAKE_LOG'"
unlike "key never in a request path" "$(fake_query all path)" "key"

done_testing
