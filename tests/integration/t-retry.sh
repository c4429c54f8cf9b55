#!/bin/sh
# Retry policy: Retry-After honoured, 429 without it backs off, a 500
# invalid_request is not retried, 5xx recovers, HTML on the batch endpoint
# falls back to per-id GET. The cases run side by side to save time.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

S=2a145658-3342-4228-b779-b8323a2b77df
R=346c5d10-a4a1-4f49-a851-66a7dae6cfaf
F=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098

start() {
	scenario_with_faults basic.json "$1" "$2"
	fake_start "$T/$1.json" || skip_all "fake server did not start"
	eval "URL_$1=\$FAKE_URL LOG_$1=\$FAKE_LOG"
}

start ra '[{"match": "batch", "status": 429, "retry_after": "2"}]'
start rb '[{"match": "batch", "status": 429}]'
start rc '[{"match": "any", "count": -1, "status": 500,
	"body": "{\"error\":{\"code\":\"invalid_request\",\"message\":\"invalid request body\",\"type\":\"comet_api_error\"}}"}]'
start rd '[{"match": "batch", "status": 503}, {"match": "batch", "from": 1, "status": 500}]'
start re '[{"match": "batch", "count": -1, "html": true}]'

run_bg ra --once --json -u "$URL_ra" "$S" "$R"
run_bg rb --once --json -u "$URL_rb" "$S" "$R"
run_bg rc --once --json -u "$URL_rc" "$S"
RUN_TIMEOUT=40 run_bg rd --once --json -u "$URL_rd" "$S" "$R" "$F"
run_bg re --once --json -u "$URL_re" "$S" "$R" "$F"
wait_bg

FAKE_LOG=$LOG_ra
is "429 + Retry-After: exit 0" "$(rc_of ra)" 0
is "429 + Retry-After: task fetched after the retry" "$(jget "$T/ra.out" "$R" status)" IN_PROGRESS
is "429 + Retry-After: two batch requests" "$(fake_requests batch)" 2
gap=$(fake_gaps batch | head -1)
check "429 + Retry-After: retry waited >= 2 s (${gap:-none})" awk -v g="${gap:-0}" 'BEGIN { exit !(g >= 1.98) }'

FAKE_LOG=$LOG_rb
is "429 without Retry-After: exit 0" "$(rc_of rb)" 0
is "429 without Retry-After: task fetched" "$(jget "$T/rb.out" "$S" status)" SUCCESS
gap=$(fake_gaps all | head -1)
check "429 without Retry-After: backed off >= 1 s (${gap:-none})" awk -v g="${gap:-0}" 'BEGIN { exit !(g >= 0.98) }'
like "429: the retry was reported" "$(cat "$T/rb.err")" "429"

FAKE_LOG=$LOG_rc
is "500 invalid_request: exit 3" "$(rc_of rc)" 3
is "500 invalid_request: exactly one request" "$(fake_requests all)" 1
like "500 invalid_request: reason shown" "$(cat "$T/rc.err")" "invalid request body|invalid_request"

FAKE_LOG=$LOG_rd
is "503 then 500 then success: exit 0" "$(rc_of rd)" 0
is "5xx recovery: failure reason intact" "$(jget "$T/rd.out" "$F" fail_reason)" "Song Description contained artist name: metallica"
is "5xx recovery: success intact" "$(jget "$T/rd.out" "$S" status)" SUCCESS
n=$(fake_requests all)
check "5xx recovery: three or more requests ($n)" test "$n" -ge 3
unlike "5xx recovery: edge HTML not echoed raw" "$(cat "$T/rd.err")" "<html|<!DOCTYPE"

FAKE_LOG=$LOG_re
is "HTML 200 on batch: exit 0" "$(rc_of re)" 0
is "HTML 200 on batch: success via GET" "$(jget "$T/re.out" "$S" status)" SUCCESS
is "HTML 200 on batch: failure via GET" "$(jget "$T/re.out" "$F" status)" FAILURE
is "HTML 200 on batch: one GET per id" "$(fake_requests "get:$S"):$(fake_requests "get:$R"):$(fake_requests "get:$F")" "1:1:1"
n=$(fake_requests batch)
check "HTML 200 on batch: batch endpoint not hammered ($n)" test "$n" -ge 1 -a "$n" -le 2

done_testing
