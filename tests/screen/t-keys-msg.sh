#!/bin/sh
# Keys and the words that answer them: F1 and F10, an unknown key, r and R
# while paused (one fetch, polling stays paused), and the messages for a
# failed task and for an empty list.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=$BASIC_OK
FAIL=$BASIC_FAIL

fake_start basic.json || skip_all "fake server did not start"

for size in 150x40 120x35 80x24 40x10; do
	scr_size "$size"
	scr_start -u "$FAKE_URL" --state "$T/s-$size.json" --ascii "$OK1" "$FAIL"
	scr_ok "$size: started" "FAILURE"
	scr_keys F1
	scr_ok "$size: F1 opens the help" "sunotop keys"
	# Every line is reachable: the last one by scrolling where it does not fit.
	sleep 0.3
	if ! scr_cap | grep -Fq "F10"; then
		scr_keys G
		scr_ok "$size: G scrolls, the help stays open" "sunotop keys"
	fi
	scr_ok "$size: the help's last line reachable" "F10"
	scr_keys Escape
	scr_gone "$size: Esc closes the help" "sunotop keys"
	scr_keys Z
	scr_ok "$size: an unknown key says so" "unknown key Z"
	scr_keys F10
	is "$size: F10 quits with status 0" "$(scr_wait_rc)" 0
done

SCR_W=120
SCR_H=35
scr_start -u "$FAKE_URL" --state "$T/tasks.json" "$OK1" "$FAIL"
scr_ok "started" "FAILURE"
scr_keys F7
scr_ok "a function key with no action: the hint" "unknown key F7 — ? for help"
scr_keys G
scr_ok "the failed task is selected" "Reason:"
scr_keys w
scr_ok "w on a failed task: it ended without audio" "the task ended without audio"
scr_keys o
scr_ok "o on a failed task: no URL, ever" "ended without audio: there is no URL"
scr_keys p
scr_ok "paused" "polling paused"
sleep 0.5
before=$(wc -l <"$FAKE_LOG")
scr_keys R
scr_ok "R while paused: once, polling stays paused" "refreshing all 2 tasks once (polling stays paused"
_n=0
while [ "$(wc -l <"$FAKE_LOG")" -le "$before" ] && [ $_n -lt 50 ]; do
	sleep 0.1
	_n=$((_n + 1))
done
check "R while paused fetched" [ "$(wc -l <"$FAKE_LOG")" -gt "$before" ]
scr_ok "still paused after the fetch" "paused"
scr_keys r
scr_ok "r while paused: once" "once (polling stays paused"
scr_keys q
is "q exits 0" "$(scr_wait_rc)" 0

# An empty list: every key that needs a task says there is none.
scr_start -u "$FAKE_URL" --state "$T/empty.json"
scr_ok "empty list" "no tasks"
scr_keys Y
scr_ok "Y with no task" "no task selected"
scr_keys Escape C-l
scr_wait_gone "no task selected" 40 || true
scr_keys o
scr_ok "o with no task" "no task selected"
scr_keys Escape C-l
scr_wait_gone "no task selected" 40 || true
scr_keys r
scr_ok "r with no task" "no task selected"
scr_keys R
scr_ok "R with no task" "no tasks to refresh"
scr_keys q
is "q exits 0" "$(scr_wait_rc)" 0

done_testing
