#!/bin/sh
# Network faults in script mode: connection refused, a name that does not
# resolve, a body trickling one byte a second, 50 MB bodies (chunked and
# with Content-Length), a reset in the middle of a body during --watch, and
# the server killed and restarted on the same port during --watch. Each must
# end in bounded time with a clear message, every id accounted for, and
# recovery once the fault is gone. The cases run side by side.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

S=2a145658-3342-4228-b779-b8323a2b77df   # SUCCESS
R=346c5d10-a4a1-4f49-a851-66a7dae6cfaf   # IN_PROGRESS
P1=11111111-aaaa-4bbb-8ccc-000000000001  # finishes on the 4th fetch
P3=11111111-aaaa-4bbb-8ccc-000000000003  # finishes on the 3rd fetch

start() {
	scenario_with_faults "$2" "$1" "$3"
	fake_start "$T/$1.json" || skip_all "fake server did not start"
	eval "URL_$1=\$FAKE_URL LOG_$1=\$FAKE_LOG"
}

# A port with nothing listening.
DEAD=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

start trickle basic.json '[{"match": "batch", "trickle": 1}]'
# A batch answer too large only as a whole is split and asked again
# (t-harden-net.sh): here the two GETs it splits into are too large too.
start hugecl basic.json '[{"match": "any", "count": 3, "huge": 52428800}]'
start hugech basic.json '[{"match": "any", "count": 3, "huge": 52428800, "chunked": true}]'
start resetw progress.json '[{"match": "batch", "from": 1, "reset": true}]'
start restart progress.json '[]'
PORT_restart=$FAKE_PORT
PID_restart=$FAKE_PID

t0=$(date +%s)
RUN_TIMEOUT=50 run_bg refused --once -u "http://127.0.0.1:$DEAD" "$S" "$R"
RUN_TIMEOUT=50 run_bg dns --once -u "http://sunotop-test.invalid" "$S"
RUN_TIMEOUT=50 run_bg trickle --once --json -u "$URL_trickle" "$S" "$R"
RUN_TIMEOUT=30 run_bg hugecl --once --json -u "$URL_hugecl" "$S" "$R"
RUN_TIMEOUT=30 run_bg hugech --once --json -u "$URL_hugech" "$S" "$R"
RUN_TIMEOUT=40 run_bg resetw --watch --json -i 1 -u "$URL_resetw" "$P1" "$P3"
RUN_TIMEOUT=50 run_bg restart --watch --json -i 1 -u "$URL_restart" "$P1" "$P3"

# Kill the server under the running --watch once it has answered a round,
# leave the port dead for a few seconds, then start a new one on it.
FAKE_LOG=$LOG_restart
n=0
while [ "$(fake_requests all)" -lt 1 ] && [ $n -lt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill -9 "$PID_restart" 2>/dev/null
wait "$PID_restart" 2>/dev/null
sleep 3
fake_start progress.json --port "$PORT_restart" || diag "restarted server did not start"
LOG_restart2=$FAKE_LOG
wait_bg
t1=$(date +%s)

is "refused: exit 3" "$(rc_of refused)" 3
like "refused: says it cannot reach the server" "$(cat "$T/refused.err")" "cannot reach 127\\.0\\.0\\.1:$DEAD"
is "refused: five attempts, then gave up" "$(grep -c 'attempt [0-9] failed' "$T/refused.err"):$(grep -c 'gave up after 5 attempts' "$T/refused.err")" "4:2"
is "refused: both ids still listed" "$(grep -cE "^($S|$R) +NO ANSWER" "$T/refused.out")" 2
is "refused: the first failure in words" "$(grep -m1 'attempt 1 failed' "$T/refused.err")" \
	"sunotop: attempt 1 failed: cannot reach 127.0.0.1:$DEAD: connection refused"
unlike "refused: no bare status code" "$(cat "$T/refused.err")" "status 0|Couldn't connect|after [0-9]+ ms"
is "refused: each NO ANSWER row says why" \
	"$(grep -A1 'NO ANSWER' "$T/refused.out" | grep -c "^    error: cannot reach 127\.0\.0\.1:$DEAD: connection refused\$")" 2

is "DNS failure: exit 3" "$(rc_of dns)" 3
like "DNS failure: plain http to a remote host warned first" "$(head -1 "$T/dns.err")" "warning: http://sunotop-test\\.invalid is plain http"
like "DNS failure: says the name did not resolve" "$(cat "$T/dns.err")" "^sunotop: attempt 1 failed: cannot reach sunotop-test\\.invalid: could not resolve host\$"
unlike "DNS failure: the key is not in the messages" "$(cat "$T/dns.err" "$T/dns.out")" "test-key"

is "1 byte/s body: exit 0 after a retry" "$(rc_of trickle)" 0
is "1 byte/s body: data right" "$(jget "$T/trickle.out" "$S" status):$(jget "$T/trickle.out" "$R" status)" "SUCCESS:IN_PROGRESS"
like "1 byte/s body: the timeout is reported" "$(cat "$T/trickle.err")" "[Tt]imed? ?out|too slow"

for c in hugecl hugech; do
	is "$c: 50 MB body refused, then recovered: exit 0" "$(rc_of $c)" 0
	like "$c: the size is the reason" "$(cat "$T/$c.err")" "larger than [0-9]+ bytes"
	is "$c: data right" "$(jget "$T/$c.out" "$S" status):$(jget "$T/$c.out" "$R" status)" "SUCCESS:IN_PROGRESS"
done

is "reset mid-body in --watch: exit 0" "$(rc_of resetw)" 0
is "reset mid-body in --watch: both finished" "$(jget "$T/resetw.out" "$P1" status):$(jget "$T/resetw.out" "$P3" status)" "SUCCESS:SUCCESS"
like "reset mid-body in --watch: reported" "$(cat "$T/resetw.err")" "attempt 1 failed"
check "reset mid-body in --watch: output is valid JSON Lines" json_lines_valid "$T/resetw.out"

is "server restarted under --watch: exit 0" "$(rc_of restart)" 0
like "server restarted: the outage was reported" "$(cat "$T/restart.err")" "cannot reach 127\\.0\\.0\\.1:$PORT_restart"
is "server restarted: both finished" "$(jget "$T/restart.out" "$P1" status):$(jget "$T/restart.out" "$P3" status)" "SUCCESS:SUCCESS"
FAKE_LOG=$LOG_restart2
n=$(fake_requests all)
check "server restarted: polling resumed on the new server ($n requests)" test "$n" -ge 3
check "whole file within 55 s ($((t1 - t0)) s)" test $((t1 - t0)) -le 55

done_testing
