#!/bin/sh
# The dashboard under network faults: keys are answered while a request
# stalls or trickles, q quits at once in the middle of one, the server killed
# and restarted on the same port is picked up again, an unresolvable plain
# http host is warned about and bannered. The tracked list stays whole.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
RUN=346c5d10-a4a1-4f49-a851-66a7dae6cfaf
P1=11111111-aaaa-4bbb-8ccc-000000000001  # finishes on the 4th fetch
P3=11111111-aaaa-4bbb-8ccc-000000000003  # finishes on the 3rd fetch

# scr_reset: end the tmux server and wait until it is gone, so the next
# session does not meet a server still shutting down.
scr_reset() {
	scr kill-server >/dev/null 2>&1
	_n=0
	while scr has-session >/dev/null 2>&1 && [ $_n -lt 20 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	sleep 0.2
}

# ---- a stalled answer: keys answered, then recovery ------------------------
scenario_with_faults basic.json stall '[{"match": "any", "stall": 4}]'
fake_start "$T/stall.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/a.json" -i 1 "$OK1" "$RUN"
scr_ok "stall: the list is drawn before any answer" "no data yet"
sleep 0.5
scr_keys '?'
if scr_wait "any key closes" 10; then ok "stall: ? answered within 1 s while the request hangs"; else not_ok "stall: ? answered within 1 s while the request hangs"; diag "$(scr_cap)"; fi
scr_keys x a
if scr_wait "add ids:" 10; then ok "stall: the add prompt opens within 1 s"; else not_ok "stall: the add prompt opens within 1 s"; fi
scr_keys Escape
scr_ok "stall: the stalled request is reported in the banner" "API unreachable"
if scr_wait "SUCCESS" 100; then ok "stall: recovered, data shown"; else not_ok "stall: recovered, data shown"; diag "$(scr_cap)"; fi
scr_gone "stall: the banner goes after recovery" "API unreachable"
like "stall: both tasks still tracked" "$(scr_cap)" "2/2"
scr_keys q
is "stall: q exits with status 0" "$(scr_wait_rc)" 0
scr_reset

# ---- a body trickling at 1 byte/s: keys answered, q quits at once --------
scenario_with_faults basic.json trickle '[{"match": "any", "count": -1, "trickle": 1}]'
fake_start "$T/trickle.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/b.json" -i 1 "$OK1"
scr_ok "trickle: the list is drawn" "no data yet"
sleep 1
scr_keys '?'
if scr_wait "any key closes" 10; then ok "trickle: ? answered within 1 s"; else not_ok "trickle: ? answered within 1 s"; diag "$(scr_cap)"; fi
scr_keys x
t0=$("$PYTHON3" -c 'import time; print(time.monotonic())')
scr_keys q
rc=$(scr_wait_rc 30)
t1=$("$PYTHON3" -c 'import time; print(time.monotonic())')
is "trickle: q in the middle of a transfer exits with status 0" "$rc" 0
check "trickle: and within 2 s" awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a < 2) }'
check "trickle: the state file was saved" state_has "$T/b.json" "$OK1"
scr_reset

# ---- the server killed and restarted on the same port ----------------------
fake_start progress.json || skip_all "fake server did not start"
port=$FAKE_PORT
scr_start -u "$FAKE_URL" --state "$T/c.json" -i 1 "$P1" "$P3"
scr_ok "restart: first answers shown" "NOT_START"
kill -9 "$FAKE_PID"
wait "$FAKE_PID" 2>/dev/null
scr_ok "restart: the outage is bannered" "API unreachable"
scr_ok "restart: the banner says why" "cannot reach 127.0.0.1:$port"
like "restart: the data is kept, marked stale" "$(scr_cap | head -1)" "stale"
scr_keys j
scr_ok "restart: keys still work during the outage" "$P3"
fake_start progress.json --port "$port" || diag "restarted server did not start"
if scr_wait_gone "API unreachable" 100; then ok "restart: the banner goes once the server is back"; else not_ok "restart: the banner goes once the server is back"; diag "$(scr_cap)"; fi
if scr_wait "2 done" 100; then ok "restart: both tasks reach SUCCESS on the new server"; else not_ok "restart: both tasks reach SUCCESS on the new server"; diag "$(scr_cap)"; fi
like "restart: both tasks still tracked" "$(scr_cap)" "2/2"
scr_keys q
is "restart: q exits with status 0" "$(scr_wait_rc)" 0
check "restart: the state file holds both" sh -c "grep -q '$P1' '$T/c.json' && grep -q '$P3' '$T/c.json'"
scr_reset

# ---- a plain http host that does not resolve -----------------------------
scr_start -u "http://sunotop-test.invalid" --state "$T/d.json" "$OK1"
scr_ok "DNS: plain http to a remote host is warned about" "plain http to a remote host"
scr_ok "DNS: the banner says the API is unreachable" "API unreachable"
scr_ok "DNS: and why" "resolve host"
scr_keys q
is "DNS: q exits with status 0" "$(scr_wait_rc)" 0

done_testing
