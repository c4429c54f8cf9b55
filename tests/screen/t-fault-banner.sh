#!/bin/sh
# The dashboard's banner for API trouble, checked against the request log: a
# rejected key pauses polling until R (which reads a fixed key file), a
# 429 storm honours Retry-After, a 500 invalid_request is not retried until
# R, and damaged bodies (truncated, nested too deep, a non-success code, a
# 50 MB body, invalid UTF-8) are each bannered and then recovered from.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
RUN=346c5d10-a4a1-4f49-a851-66a7dae6cfaf

# wait_requests N: until the fake server has logged at least N requests.
wait_requests() {
	_n=0
	while [ "$(fake_requests all)" -lt "$1" ] && [ $_n -lt 50 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	[ "$(fake_requests all)" -ge "$1" ]
}

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

# ---- 401: paused until R; R reads the fixed key file -------------------------
fake_start basic.json || skip_all "fake server did not start"
printf 'not-the-key\n' >"$T/key"
chmod 600 "$T/key"
scr_start -u "$FAKE_URL" -K "$T/key" --state "$T/a.json" -i 1 "$OK1"
scr_ok "401: the banner says the key was rejected" "API key rejected"
scr_ok "401: and how to go on" "fix the key file, then R retries"
n1=$(fake_requests all)
sleep 2.5
is "401: polling is paused (no request in 2.5 s at -i 1)" "$(fake_requests all)" "$n1"
printf 'still-wrong\n' >"$T/key"
scr_keys R
check "401: R sends a request again" wait_requests $((n1 + 1))
scr_ok "401: a wrong key from the file is rejected again" "API key rejected"
n2=$(fake_requests all)
printf 'test-key\n' >"$T/key"
chmod 644 "$T/key"
scr_keys R
scr_ok "401: R refuses a key file others can read" "accessible by others"
sleep 1
is "401: and sends nothing with it" "$(fake_requests all)" "$n2"
like "401: the banner stays" "$(scr_cap)" "API key rejected"
chmod 600 "$T/key"
scr_keys R
scr_ok "401: R with the fixed key file recovers" "SUCCESS"
scr_gone "401: the banner goes" "API key rejected"
is "401: the last request carried the new key" "$(fake_query all auth | tail -n 1)" ok
is "401: requests used the old, the wrong and the new key only" \
	"$(fake_query all auth | uniq | tr '\n' ' ')" "wrong ok "
scr_keys q
is "401: q exits with status 0" "$(scr_wait_rc)" 0
grep -Fq 'test-key' "$T/a.json" "$T/err.log" 2>/dev/null && not_ok "401: the key stays out of the state file and stderr" ||
	ok "401: the key stays out of the state file and stderr"
scr_reset

# ---- 401 with COMETAPI_KEY: R retries; the banner says restart -------------
fake_start basic.json || skip_all "fake server did not start"
COMETAPI_KEY=not-the-key scr_start -u "$FAKE_URL" --state "$T/a2.json" -i 1 "$OK1"
scr_ok "401 (env): the banner says a new COMETAPI_KEY needs a restart" "a new COMETAPI_KEY needs a restart"
n1=$(fake_requests all)
scr_keys R
check "401 (env): R sends a request again" wait_requests $((n1 + 1))
scr_ok "401 (env): still rejected" "API key rejected"
scr_keys q
is "401 (env): q exits with status 0" "$(scr_wait_rc)" 0
scr_reset

# ---- 429 storm with Retry-After -------------------------------------------
scenario_with_faults basic.json ra '[{"match": "any", "count": 3, "status": 429, "retry_after": "2"}]'
fake_start "$T/ra.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/b.json" -i 1 "$OK1"
scr_ok "429: bannered with the status" "HTTP 429"
scr_ok "429: the countdown shows" "retrying in"
if scr_wait "SUCCESS" 100; then ok "429: recovered after the storm"; else not_ok "429: recovered after the storm"; diag "$(scr_cap)"; fi
scr_gone "429: the banner goes" "HTTP 429"
gaps=$(fake_gaps all | head -3 | tr '\n' ' ')
check "429: the three retries waited >= 2 s each ($gaps)" awk -v g="$gaps" \
	'BEGIN { n = split(g, a, " "); if (n != 3) exit 1; for (i = 1; i <= n; i++) if (a[i] < 1.98) exit 1 }'
scr_keys q
is "429: q exits with status 0" "$(scr_wait_rc)" 0
scr_reset

# ---- 500 invalid_request: not retried until R ------------------------------
scenario_with_faults basic.json inval '[{"match": "any", "count": 2, "status": 500,
	"body": "{\"error\":{\"code\":\"invalid_request\",\"message\":\"invalid request body\",\"type\":\"comet_api_error\"}}"}]'
fake_start "$T/inval.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/c.json" -i 1 "$OK1"
scr_ok "500 invalid_request: bannered with the reason" "invalid request body"
scr_ok "500 invalid_request: says R retries" "press R to retry"
sleep 2.5
is "500 invalid_request: not retried by itself" "$(fake_requests all)" 1
scr_keys R
check "500 invalid_request: R retries" wait_requests 2
scr_ok "500 invalid_request: bannered again" "invalid request body"
scr_keys R
if scr_wait "SUCCESS" 50; then ok "500 invalid_request: recovered once the server accepts"; else not_ok "500 invalid_request: recovered once the server accepts"; diag "$(scr_cap)"; fi
scr_gone "500 invalid_request: the banner goes" "API error"
scr_keys q
is "500 invalid_request: q exits with status 0" "$(scr_wait_rc)" 0
scr_reset

# ---- damaged bodies, one per R ---------------------------------------------
# (The oversized batch is split into a GET per id: those are oversized too.)
scenario_with_faults basic.json damaged '[{"match": "batch", "truncate": true},
	{"match": "batch", "from": 1, "deep": 100000},
	{"match": "batch", "from": 2, "code": "get_task_failed"},
	{"match": "batch", "from": 3, "huge": 52428800, "chunked": true},
	{"match": "get", "count": 2, "huge": 52428800, "chunked": true},
	{"match": "batch", "from": 4, "bad_utf8": true}]'
fake_start "$T/damaged.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/d.json" -i 1 "$OK1" "$RUN"
for what in "truncated:not JSON" "too deep:nested too deeply" "code:get_task_failed" "50 MB:larger than"; do
	name=${what%%:*}
	text=${what#*:}
	if scr_wait "$text" 50; then ok "damaged ($name): bannered with the reason"; else not_ok "damaged ($name): bannered with the reason"; diag "$(scr_cap)"; fi
	like "damaged ($name): the list is intact" "$(scr_cap)" "2/2"
	n=$(fake_requests batch)
	scr_keys R
	wait_requests $((n + 1)) || diag "R sent no request"
done
if scr_wait "IN_PROGRESS" 50; then ok "damaged: recovered with the data"; else not_ok "damaged: recovered with the data"; diag "$(scr_cap)"; fi
scr_ok "damaged: invalid UTF-8 in a title is drawn replaced" "快乐周末"
scr_keys q
is "damaged: q exits with status 0" "$(scr_wait_rc)" 0
is "damaged: nothing on stderr" "$(cat "$T/err.log")" ""

done_testing
