#!/bin/sh
# Rate limits and server errors, checked against the request log: a 429
# storm with Retry-After keeps every gap >= Retry-After; without it the gaps
# follow min(30, 2^n) + jitter (< 1 s) and grow; an endless storm gives up
# after exactly 5 requests; a 5xx burst recovers; a 500 invalid_request is
# never retried in --watch either. The cases run side by side.
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

start ra '[{"match": "any", "count": 3, "status": 429, "retry_after": "3"}]'
start rb '[{"match": "any", "count": 3, "status": 429}]'
start storm '[{"match": "any", "count": -1, "status": 429, "retry_after": "1"}]'
start burst '[{"match": "batch", "status": 502}, {"match": "batch", "from": 1, "status": 503, "html": true},
	{"match": "batch", "from": 2, "status": 504}]'
start inval '[{"match": "any", "count": -1, "status": 500,
	"body": "{\"error\":{\"code\":\"invalid_request\",\"message\":\"invalid request body\",\"type\":\"comet_api_error\"}}"}]'

"$PYTHON3" - "$SCENARIOS/basic.json" "$T/hostile.json" <<'EOF2'
import json, sys
sc = json.load(open(sys.argv[1], encoding="utf-8"))
msg = "boom\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007\u001b[2J\r\u202eCLOBBER\u009b31m\b"
sc["faults"] = [{"match": "any", "count": 1, "status": 500,
                 "body": json.dumps({"error": {"code": "", "message": msg, "type": "x"}})}]
json.dump(sc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF2
fake_start "$T/hostile.json" || skip_all "fake server did not start"
URL_hostile=$FAKE_URL
run_bg hostile --once -u "$URL_hostile" "$S"
run_bg ra --once --json -u "$URL_ra" "$S" "$R"
run_bg rb --once --json -u "$URL_rb" "$S" "$R"
run_bg storm --watch -i 1 -u "$URL_storm" "$R"
run_bg burst --once --json -u "$URL_burst" "$S" "$R" "$F"
run_bg inval --watch -i 1 -u "$URL_inval" "$R"
wait_bg

# gaps_within LOG MIN MAX...: the gaps between logged requests, one bound
# pair per gap ("2:3.05"); passes when each gap lies within its pair.
gaps_within() {
	FAKE_LOG=$1
	shift
	fake_gaps all >"$T/gaps"
	"$PYTHON3" - "$T/gaps" "$@" <<'EOF'
import sys
gaps = [float(l) for l in open(sys.argv[1]) if l.strip()]
want = [tuple(map(float, a.split(":"))) for a in sys.argv[2:]]
if len(gaps) != len(want):
    print("# %d gaps, want %d: %s" % (len(gaps), len(want), gaps))
    sys.exit(1)
for g, (lo, hi) in zip(gaps, want):
    if not lo <= g <= hi:
        print("# gap %.3f outside [%s, %s]; all: %s" % (g, lo, hi, gaps))
        sys.exit(1)
EOF
}

is "429 x3 with Retry-After: 3: exit 0" "$(rc_of ra)" 0
is "429 x3 with Retry-After: data right" "$(jget "$T/ra.out" "$S" status):$(jget "$T/ra.out" "$R" status)" "SUCCESS:IN_PROGRESS"
check "429 x3 with Retry-After: 3: four requests, every gap >= 3 s" \
	gaps_within "$LOG_ra" 2.98:4.2 2.98:4.2 2.98:4.2

is "429 x3 without Retry-After: exit 0" "$(rc_of rb)" 0
is "429 x3 without Retry-After: data right" "$(jget "$T/rb.out" "$S" status)" SUCCESS
check "429 x3 without Retry-After: gaps 2, 4, 8 s plus < 1 s jitter" \
	gaps_within "$LOG_rb" 1.98:3.2 3.98:5.2 7.98:9.2

is "endless 429 in --watch: exit 3" "$(rc_of storm)" 3
check "endless 429 in --watch: exactly 5 requests, >= 1 s apart" \
	gaps_within "$LOG_storm" 0.98:2.2 0.98:2.2 0.98:2.2 0.98:2.2
like "endless 429 in --watch: says it gave up" "$(cat "$T/storm.err")" "giving up after 5 attempts"
like "endless 429 in --watch: names the status" "$(cat "$T/storm.err")" "HTTP 429"

is "502, 503, 504 then success: exit 0" "$(rc_of burst)" 0
is "5xx burst: every task right" \
	"$(jget "$T/burst.out" "$S" status):$(jget "$T/burst.out" "$R" status):$(jget "$T/burst.out" "$F" status)" \
	"SUCCESS:IN_PROGRESS:FAILURE"
check "5xx burst: backed off 2, 4, 8 s" gaps_within "$LOG_burst" 1.98:3.2 3.98:5.2 7.98:9.2
unlike "5xx burst: the edge page is not echoed" "$(cat "$T/burst.err")" "<html|<!DOCTYPE|<title"
check "5xx burst: stderr is sanitized" no_terminal_controls "$T/burst.err"

is "500 invalid_request in --watch: exit 3" "$(rc_of inval)" 3
FAKE_LOG=$LOG_inval
is "500 invalid_request in --watch: exactly one request" "$(fake_requests all)" 1
like "500 invalid_request in --watch: reason shown" "$(cat "$T/inval.err")" "invalid request body|invalid_request"

is "hostile 500 message: exit 0 after the retry" "$(rc_of hostile)" 0
like "hostile 500 message: shown with ESC as ^[" "$(cat "$T/hostile.err")" "boom\\^\\[\\]0;pwned"
check "hostile 500 message: stderr carries no control bytes" no_terminal_controls "$T/hostile.err"
check "hostile 500 message: stdout carries none either" no_terminal_controls "$T/hostile.out"

done_testing
