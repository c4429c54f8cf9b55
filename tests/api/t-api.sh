#!/bin/sh
# The API client (src/api.c through tests/api/test_api) against the fake
# server: batching, GET confirmation and fallback, errors, limits, wakeup.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

DRIVER="$BUILDDIR/tests/api/test_api"
[ -x "$DRIVER" ] || skip_all "no driver at $DRIVER"
command -v "$PYTHON3" >/dev/null 2>&1 || skip_all "python3 not found"

S=2a145658-3342-4228-b779-b8323a2b77df
R=346c5d10-a4a1-4f49-a851-66a7dae6cfaf
F=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098
NOPE=00000000-0000-4000-8000-000000000000

# drive NAME MODE URL ARGS...: output in $T/NAME.out and OUT.
drive() {
	_dn=$1
	shift
	with_timeout 30 "$DRIVER" "$@" >"$T/$_dn.out" 2>"$T/$_dn.err"
	: >"$T/.ran"
	OUT=$(cat "$T/$_dn.out")
}

# field NAME ID COLUMN: a column of the outcome line for ID.
field() {
	awk -F '\t' -v id="$2" -v c="$3" '$1 == "outcome" && $2 == id { print $c }' "$T/$1.out"
}

val() {
	awk -F '\t' -v k="$2" '$1 == k { print $2 }' "$T/$1.out" | tail -1
}

# ---- api_new ----------------------------------------------------------------
drive bad new ftp://example.com
is "api_new rejects a non-HTTP URL" "$OUT" "error	base URL must start with http:// or https://: ftp://example.com"
drive host new https://api.example.com:8443/// -l "$T/mask.log"
like "log_write masks a bearer token" "$(cat "$T/mask.log")" \
	'^[0-9-]{10} [0-9:]{8}\.[0-9]{3} header Authorization: Bearer \*\*\* end; Bearer $'
is "api_host is host:port without path or slash" "$(val host host)" api.example.com:8443

# ---- 120 ids in three batches -----------------------------------------------
fake_start basic.json --synthetic 120:0.5 || skip_all "fake server did not start"
ids=$(seq -f 'syn-%06g' 1 120)
# shellcheck disable=SC2086
drive many fetch "$FAKE_URL" -l "$T/many.log" $ids
is "120 ids: 120 outcomes" "$(val many delivered)" 120
is "120 ids: every outcome OK" "$(grep -c "^outcome	syn-[0-9]*	OK	200	" "$T/many.out")" 120
got=$(awk -F '\t' '$1 == "outcome" { print $2 }' "$T/many.out" | sort | tr '\n' ' ')
is "120 ids: outcomes match the ids" "$got" "$(printf '%s\n' $ids | sort | tr '\n' ' ')"
got=$(awk -F '\t' '$1 == "outcome" && $2 != $7 { print }' "$T/many.out")
is "120 ids: each task carries its id" "$got" ""
is "120 ids: three POSTs" "$(fake_requests batch)" 3
is "120 ids: no GET" "$(fake_requests get)" 0
sizes=$(fake_query batch ids | "$PYTHON3" -c 'import json,sys; print(" ".join(sorted(str(len(json.loads(l))) for l in sys.stdin)))')
is "120 ids: chunks of 50, 50, 20" "$sizes" "20 50 50"
is "120 ids: stats" "$(val many stats)" "3"
like "120 ids: stats line" "$OUT" "^stats	3	3	0$"
like "log: batch line" "$(cat "$T/many.log")" \
	'^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3} POST /suno/fetch \(50 ids\) -> 200 in [0-9]+ ms, [0-9]+ bytes$'
unlike "log: never the key" "$(cat "$T/many.log")" "test-key|Authorization"
uas=$(fake_query all ua | sort -u)
like "User-Agent is sunotop/VERSION" "$uas" '^sunotop/[0-9]'
is "one User-Agent only" "$(printf '%s\n' "$uas" | wc -l | tr -d ' ')" 1
unlike "key never in request paths" "$(fake_query all path)" "test-key"
is "requests authorized" "$(fake_query all auth | sort -u)" ok
fake_stop

# ---- unknown id: confirmed by one GET ---------------------------------------
fake_start basic.json || skip_all "fake server did not start"
drive unknown fetch "$FAKE_URL" -l "$T/unknown.log" "$S" "$NOPE" "$R"
is "unknown id: 3 outcomes" "$(val unknown delivered)" 3
is "unknown id: NOT_FOUND" "$(field unknown "$NOPE" 3)" NOT_FOUND
is "unknown id: code task_not_exist" "$(field unknown "$NOPE" 6)" task_not_exist
is "unknown id: synthesized task" "$(field unknown "$NOPE" 7)" "$NOPE"
is "known ids still OK" "$(field unknown "$S" 3) $(field unknown "$R" 3)" "OK OK"
is "unknown id: one batch" "$(fake_requests batch)" 1
is "unknown id: one confirming GET" "$(fake_requests "get:$NOPE")" 1
is "unknown id: no other GET" "$(fake_requests get)" 1
like "log: GET line" "$(cat "$T/unknown.log")" "GET /suno/fetch/$NOPE -> 400 in [0-9]+ ms"

# a single id is fetched by GET, and odd characters are escaped
drive single fetch "$FAKE_URL" "$F"
is "single id: OK" "$(field single "$F" 3)" OK
is "single id: by GET" "$(fake_requests "get:$F")" 1
drive odd fetch "$FAKE_URL" "a/b c?d"
is "odd id: NOT_FOUND" "$(field odd "a/b c?d" 3)" NOT_FOUND
like "odd id: escaped in the path" "$(fake_query get path)" '^/suno/fetch/a%2Fb%20c%3Fd$'

# ---- wrong key --------------------------------------------------------------
COMETAPI_KEY=wrong-key drive badkey fetch "$FAKE_URL" -l "$T/badkey.log" "$S" "$R" "$F"
is "wrong key: KEY_REJECTED for all" "$(grep -c '^outcome	.*	KEY_REJECTED	401	' "$T/badkey.out")" 3
unlike "wrong key: not logged" "$(cat "$T/badkey.log")" "wrong-key"
drive badkey1 fetch "$FAKE_URL" "$S"
is "right key again: OK" "$(field badkey1 "$S" 3)" OK
fake_stop

# ---- transfers run side by side; a 401 mid-round answers everything --------
scenario_with_faults basic.json par '[{"match": "batch", "count": -1, "delay": 1}]'
fake_start "$T/par.json" --synthetic 120 || skip_all "fake server did not start"
# shellcheck disable=SC2086
drive par fetch "$FAKE_URL" $ids
is "parallel: 120 outcomes" "$(val par delivered)" 120
el=$(val par elapsed)
check "parallel: three delayed POSTs overlap (${el} s)" awk -v e="${el:-99}" 'BEGIN { exit !(e >= 0.9 && e < 2) }'
# shellcheck disable=SC2086
COMETAPI_KEY=wrong-key drive par401 fetch "$FAKE_URL" $ids
is "401 with batches in flight: 120 KEY_REJECTED" "$(grep -c '^outcome	syn-[0-9]*	KEY_REJECTED	401	' "$T/par401.out")" 120
is "401 with batches in flight: 120 delivered" "$(val par401 delivered)" 120
fake_stop

# ---- 429 with Retry-After ---------------------------------------------------
scenario_with_faults basic.json ra '[{"match": "batch", "status": 429, "retry_after": "2"}]'
fake_start "$T/ra.json" || skip_all "fake server did not start"
drive ra fetch "$FAKE_URL" "$S" "$R"
is "429: RETRY" "$(field ra "$S" 3) $(field ra "$R" 3)" "RETRY RETRY"
is "429: status" "$(field ra "$S" 4)" 429
is "429: retry_after 2" "$(field ra "$S" 5)" 2
fake_stop

# ---- HTML on the batch endpoint ----------------------------------------------
scenario_with_faults basic.json html '[{"match": "batch", "count": -1, "html": true}]'
fake_start "$T/html.json" || skip_all "fake server did not start"
drive html fetch "$FAKE_URL" -r 2 -l "$T/html.log" "$S" "$R" "$F"
is "HTML batch: 6 outcomes over two rounds" "$(grep -c '^outcome	.*	OK	200	' "$T/html.out")" 6
is "HTML batch: one POST only (remembered)" "$(fake_requests batch)" 1
is "HTML batch: six GETs" "$(fake_requests get)" 6
like "HTML batch: stats" "$OUT" "^stats	7	1	6$"
like "HTML batch: logged" "$(cat "$T/html.log")" "batch endpoint unusable"
fake_stop

# ---- a huge body is refused, memory stays bounded -----------------------------
# A batch answer too large only as a whole is split and asked again
# (t-harden-net.sh): here the two GETs it splits into are too large too.
scenario_with_faults basic.json huge '[{"match": "any", "count": 3, "huge": 20000000}]'
fake_start "$T/huge.json" || skip_all "fake server did not start"
drive huge fetch "$FAKE_URL" "$S" "$R"
is "huge: RETRY" "$(field huge "$S" 3) $(field huge "$R" 3)" "RETRY RETRY"
is "huge: message" "$(field huge "$S" 8)" "response larger than 8388608 bytes"
rss=$(val huge maxrss_kb)
check "huge: memory bounded (${rss} kB)" test "${rss:-999999}" -lt 60000
fake_stop

# A Content-Length beyond the cap is refused from the headers: the body
# trickles so slowly that reading it would end in the 2 s timeout instead.
scenario_with_faults basic.json hugecl '[{"match": "any", "count": 3, "huge": 20000000, "trickle": 2000}]'
fake_start "$T/hugecl.json" || skip_all "fake server did not start"
drive hugecl fetch "$FAKE_URL" -t 2000 "$S" "$R"
is "huge Content-Length: refused from the header" "$(field hugecl "$S" 8)" "response larger than 8388608 bytes"
fake_stop

# ---- a stalled answer ends within the total timeout ---------------------------
scenario_with_faults basic.json stall '[{"match": "any", "count": -1, "stall": 20}]'
fake_start "$T/stall.json" || skip_all "fake server did not start"
drive stall fetch "$FAKE_URL" -t 2000 "$S" "$R"
is "stall: RETRY" "$(field stall "$S" 3) $(field stall "$R" 3)" "RETRY RETRY"
is "stall: status 0" "$(field stall "$S" 4)" 0
like "stall: message names the timeout" "$(field stall "$S" 8)" "^timed out waiting for 127\.0\.0\.1:[0-9]+: no complete answer after [234] s$"
el=$(val stall elapsed)
check "stall: ended in 1.9-4 s (${el})" awk -v e="${el:-99}" 'BEGIN { exit !(e >= 1.9 && e < 4) }'

# ---- api_wakeup from another thread -------------------------------------------
drive wake wakeup "$FAKE_URL" "$S" "$R"
el=$(val wake elapsed)
check "wakeup: aborted fetch returned within 1 s (${el})" awk -v e="${el:-99}" 'BEGIN { exit !(e < 1) }'
is "wakeup: no outcome" "$(val wake delivered)" 0
drive wait wait "$FAKE_URL"
el=$(val wait elapsed)
check "wakeup: api_wait returned early (${el})" awk -v e="${el:-99}" 'BEGIN { exit !(e >= 0.25 && e < 1) }'
fake_stop

# ---- TLS: verified with the given CA, refused without it ----------------------
if fake_start_tls basic.json; then
	TEST_CACERT=$FAKE_CERT drive tls fetch "$FAKE_URL" "$S" "$R"
	is "TLS with CA: OK" "$(field tls "$S" 3) $(field tls "$R" 3)" "OK OK"
	drive notls fetch "$FAKE_URL" "$S" "$R"
	is "TLS without CA: FATAL" "$(field notls "$S" 3) $(field notls "$R" 3)" "FATAL FATAL"
	like "TLS without CA: message" "$(field notls "$S" 8)" "^TLS: the server's certificate is not trusted \(127\.0\.0\.1:[0-9]+\): .*certificate"
	fake_stop
else
	skip "TLS with CA (no TLS server)"
	skip "TLS without CA"
	skip "TLS without CA message"
fi

# ---- nobody listening ----------------------------------------------------------
drive refused fetch "http://127.0.0.1:1" "$S" "$R"
is "refused: RETRY status 0" "$(field refused "$S" 3) $(field refused "$S" 4)" "RETRY 0"
is "refused: message in words" "$(field refused "$S" 8)" "cannot reach 127.0.0.1:1: connection refused"

done_testing
