#!/bin/sh
# Never a double charge: every way a submit can fail, with the fake server's
# request log proving how many POSTs were sent. Tried again only when
# nothing can have been made (not reached, 429); a rejected key, a refused
# body, a timeout, a reset, a 5xx or an unreadable answer is never resent.
# The cases run side by side to save time.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

# start NAME FAULTS: a fake server for case NAME with these faults.
start() {
	scenario_with_faults basic.json "$1" "$2"
	fake_start "$T/$1.json" || skip_all "fake server did not start"
	eval "URL_$1=\$FAKE_URL LOG_$1=\$FAKE_LOG"
}

# go NAME [ARGS]: submit a song to case NAME's server in the background.
go() {
	_c=$1
	shift
	eval "_u=\$URL_$_c"
	RUN_TIMEOUT=60 run_bg "$_c" submit -u "$_u" --state "$T/$_c/tasks.json" \
		--log "$T/$_c.log" --lyrics "[Verse]\nla" --tags rock --json "$@"
}

# field NAME KEY: KEY of the JSON line case NAME printed.
field() {
	"$PYTHON3" -c 'import json, sys
try:
    d = json.loads(open(sys.argv[1]).readline())
except ValueError:
    print("<no json>"); sys.exit(0)
v = d.get(sys.argv[2], "<missing>")
print(v if isinstance(v, str) else json.dumps(v))' "$T/$1.out" "$2"
}

# posts NAME: the POSTs case NAME's server saw; made NAME: tasks it made.
posts() {
	eval "FAKE_LOG=\$LOG_$1"
	fake_requests submit
}
made() {
	eval "FAKE_LOG=\$LOG_$1"
	fake_query submit made | grep -vc '^null$'
}

# tracked NAME: ids in case NAME's state file.
tracked() {
	"$PYTHON3" -c 'import json, sys
try:
    print(len(json.load(open(sys.argv[1]))["tasks"]))
except (OSError, ValueError):
    print(0)' "$T/$1/tasks.json"
}

GW='{\"error\":{\"code\":\"\",\"message\":\"invalid token test-key\",\"type\":\"comet_api_error\"}}'
start busy1 '[{"match": "submit", "status": 429, "retry_after": "1"}]'
start busy2 '[{"match": "submit", "status": 429}]'
start busyall '[{"match": "submit", "count": -1, "status": 429}]'
start busylong '[{"match": "submit", "status": 429, "retry_after": "120"}]'
start key '[{"match": "submit", "status": 401, "body": "'"$GW"'"}]'
start bad '[{"match": "submit", "status": 400,
	"body": "{\"code\":\"invalid_request\",\"message\":\"prompt too long\",\"data\":null}"}]'
start quota '[{"match": "submit", "code": "quota_exceeded", "message": "no credits left"}]'
start e500 '[{"match": "submit", "status": 500, "made": true}]'
start e502 '[{"match": "submit", "status": 502}]'
start reset '[{"match": "submit", "reset": true, "made": true}]'
start cut '[{"match": "submit", "truncate": true, "made": true}]'
start drop '[{"match": "submit", "drop": true, "made": true}]'
start stall '[{"match": "submit", "stall": 40, "made": true}]'
start html '[{"match": "submit", "html": true}]'

# A port nobody listens on; the server for "late" starts there a second
# after the program has found it closed.
PORT=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL_late="http://127.0.0.1:$PORT"
DEAD=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL_dead="http://127.0.0.1:$DEAD"

t0=$(date +%s)
go late
go dead
for c in busy1 busy2 busyall busylong key bad quota e500 e502 reset cut drop stall html; do
	go "$c"
done
sleep 1
fake_start basic.json --port "$PORT" || skip_all "fake server did not start on $PORT"
LOG_late=$FAKE_LOG
wait_bg
t1=$(date +%s)

# ---- not sent: tried again, once the server is there it is one POST ---------
is "refused connection, then up: exit 0" "$(rc_of late)" 0
is "refused connection, then up: exactly one POST" "$(posts late)" 1
is "refused connection, then up: accepted" "$(field late outcome)" accepted
like "refused connection: said it tries again" "$(cat "$T/late.err")" "not sent: cannot reach 127\\.0\\.0\\.1:$PORT.*|trying again in"
is "refused connection, then up: tracked" "$(tracked late)" 1
is "never reachable: exit 3" "$(rc_of dead)" 3
is "never reachable: four tries, then not accepted" "$(field dead outcome):$(field dead attempts)" "not_accepted:4"
like "never reachable: says nothing was sent" "$(cat "$T/dead.err")" "not sent: cannot reach.*gave up"
like "never reachable: the failure in words" "$(head -n 1 "$T/dead.err")" "^sunotop: not sent: cannot reach 127\\.0\\.0\\.1:$DEAD: connection refused\$"
is "never reachable: nothing tracked" "$(tracked dead)" 0

# ---- 429: not accepted, tried again ------------------------------------------
is "429 + Retry-After: exit 0" "$(rc_of busy1)" 0
is "429 + Retry-After: two POSTs, one task" "$(posts busy1):$(made busy1)" "2:1"
FAKE_LOG=$LOG_busy1
gap=$(fake_gaps submit | head -1)
check "429 + Retry-After: waited >= 1 s (${gap:-none})" awk -v g="${gap:-0}" 'BEGIN { exit !(g >= 0.98) }'
is "429 without Retry-After: exit 0" "$(rc_of busy2)" 0
is "429 without Retry-After: two POSTs, one task" "$(posts busy2):$(made busy2)" "2:1"
is "429 every time: exit 3 after four POSTs" "$(rc_of busyall):$(posts busyall)" "3:4"
like "429 every time: says not accepted" "$(cat "$T/busyall.err")" "not accepted: the server is busy.*gave up"
is "429 asking for 2 minutes: not waited for, exit 3 after one POST" "$(rc_of busylong):$(posts busylong)" "3:1"
like "429 asking for 2 minutes: says so" "$(cat "$T/busylong.err")" "it asks to wait 120 s: submit again later"

# ---- not accepted, never tried again -----------------------------------------
is "401: exit 3, one POST" "$(rc_of key):$(posts key)" "3:1"
like "401: the key is named" "$(cat "$T/key.err")" "not accepted: the API rejected the key.*COMETAPI_KEY"
is "401: outcome" "$(field key outcome)" not_accepted
unlike "401: the key quoted back by the server is masked" "$(cat "$T/key.err" "$T/key.out")" "test-key"
like "401: masked as ***" "$(cat "$T/key.err")" "invalid token \\*\\*\\*"
like "the debug log names each POST" "$(cat "$T/e502.log")" "POST /suno/submit/music -> 502 .*unknown outcome"
check "no debug log holds the key" sh -c "! cat '$T'/*.log | grep -q test-key"
is "400 invalid_request: exit 3, one POST" "$(rc_of bad):$(posts bad)" "3:1"
like "400 invalid_request: the server's reason" "$(cat "$T/bad.err")" "not accepted: HTTP 400 invalid_request: prompt too long"
is "200 with an error code: exit 3, one POST" "$(rc_of quota):$(posts quota)" "3:1"
like "200 with an error code: the reason" "$(cat "$T/quota.err")" "not accepted: HTTP 200 quota_exceeded: no credits left"

# ---- unknown: may or may not exist, never resent -----------------------------
for c in e500 e502 reset cut drop stall html; do
	is "$c: exit 3" "$(rc_of "$c")" 3
	is "$c: exactly one POST" "$(posts "$c")" 1
	is "$c: outcome unknown, no id" "$(field "$c" outcome):$(field "$c" task_id)" "unknown:null"
	like "$c: says it may or may not exist" "$(cat "$T/$c.err")" "may or may not exist, and it was not sent again"
	is "$c: nothing tracked" "$(tracked "$c")" 0
done
is "500 after making the task: the server did make one" "$(made e500)" 1
is "reset after making the task: the server did make one" "$(made reset)" 1
like "502: said the server failed" "$(cat "$T/e502.err")" "the server failed: HTTP 502"
like "HTML answer: said it could not be read" "$(cat "$T/html.err")" "the answer could not be read"
like "stall: the timeout named" "$(cat "$T/stall.err")" "no full answer came back \\((Operation too slow|.*[Tt]ime)"
check "all cases within 50 s ($((t1 - t0)) s)" test $((t1 - t0)) -le 50

done_testing
