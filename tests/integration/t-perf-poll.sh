#!/bin/sh
# The dashboard's polling costs, checked by what it does rather than by the
# clock: a finished task is requested once and never again, a refresh that
# changes nothing does not rewrite the state file, and with every task
# finished the header ages go to the minute (so it wakes once a minute).
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

N=200
echo '{"tasks": []}' >"$T/empty.json"
seq -f 'syn-%06g' 1 "$N" >"$T/ids"
STATE="$T/state/tasks.json"

# request_counts LOG: "ID COUNT" for every id named by a request in LOG.
request_counts() {
	"$PYTHON3" - "$1" <<'EOF'
import collections, json, sys
n = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    for i in json.loads(line)["ids"]:
        n[i] += 1
for i, c in sorted(n.items()):
    print(i, c)
EOF
}

# saved_finished: ids the state file holds as finished.
saved_finished() {
	"$PYTHON3" - "$STATE" <<'EOF'
import json, sys
for e in json.load(open(sys.argv[1], encoding="utf-8"))["tasks"]:
    t = e.get("task") or {}
    if t.get("status") in ("SUCCESS", "FAILURE"):
        print(e["id"])
EOF
}

file_id() {
	stat -c '%i %Y' "$1" 2>/dev/null
}

fake_start "$T/empty.json" --synthetic "$N:0.5" || skip_all "fake server did not start"

# Run 1: fresh ids, polled every second for a few rounds.
scr_start -u "$FAKE_URL" -i 1 --state "$STATE" -f "$T/ids"
check "run 1: the list shows the tasks" scr_wait "syn-000001" 100
sleep 4
scr_keys q
is "run 1: q exits 0" "$(scr_wait_rc 100)" 0
sleep 0.3
request_counts "$FAKE_LOG" >"$T/counts1"
saved_finished >"$T/finished"
is "run 1: half the tasks saved as finished" "$(wc -l <"$T/finished" | tr -d ' ')" $((N / 2))
once=$(grep -cFf "$T/finished" "$T/counts1")
is "run 1: every finished id was requested" "$once" $((N / 2))
more=$(grep -Ff "$T/finished" "$T/counts1" | awk '$2 != 1' | head -3)
is "run 1: finished ids requested exactly once" "$more" ""
again=$(grep -vFf "$T/finished" "$T/counts1" | awk '$2 >= 3' | wc -l | tr -d ' ')
is "run 1: unfinished ids polled again and again" "$again" $((N / 2))

# Run 2: from the saved state. Unfinished tasks answer the same data every
# second; the state file must stay as it is, and finished ids stay quiet.
before=$(file_id "$STATE")
reqs_before=$(wc -l <"$FAKE_LOG" | tr -d ' ')
rm -f "$T/rc"
scr kill-server >/dev/null 2>&1
scr_start -u "$FAKE_URL" -i 1 --state "$STATE"
check "run 2: the list shows the saved tasks" scr_wait "syn-000001" 100
sleep 4
after=$(file_id "$STATE")
reqs_after=$(wc -l <"$FAKE_LOG" | tr -d ' ')
check "run 2: polled meanwhile ($reqs_before -> $reqs_after requests)" \
	test "$reqs_after" -ge $((reqs_before + 6))
is "run 2: unchanged answers do not rewrite the state file" "$after" "$before"
scr_keys q
is "run 2: q exits 0" "$(scr_wait_rc 100)" 0
sleep 0.3
request_counts "$FAKE_LOG" >"$T/counts2"
more=$(grep -Ff "$T/finished" "$T/counts2" | awk '$2 != 1' | head -3)
is "run 2: finished ids were not requested again" "$more" ""
fake_stop

# Run 3: every task finished: nothing counts seconds any more.
fake_start "$T/empty.json" --synthetic "20:1" || skip_all "fake server did not start"
seq -f 'syn-%06g' 1 20 >"$T/ids20"
scr kill-server >/dev/null 2>&1
scr_start -u "$FAKE_URL" -i 1 --state "$T/state3.json" -f "$T/ids20"
check "run 3: at rest the header age is to the minute" scr_wait "updated <1m ago" 100
unlike "run 3: no countdown to a next poll" "$(scr_cap | head -1)" "next in"
# At rest nothing of ours wakes up: the main thread, the poller and the
# download thread together sleep through three seconds. (Context switches
# of the threads we name; a sanitizer's own threads are not counted.)
pid=$(pgrep -P "$(scr display -p '#{pane_pid}')" | head -n 1)
wakeups() {
	for _t in /proc/"$pid"/task/*; do
		case $(cat "$_t/comm" 2>/dev/null) in
		sunotop-*) ;;
		*) [ "${_t##*/}" = "$pid" ] || continue ;;
		esac
		awk '/^voluntary_ctxt_switches/ { print $2 }' "$_t/status"
	done | awk '{ s += $1 } END { print s + 0 }'
}
if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
	sleep 1
	is "run 3: three threads of ours" "$(grep -l '^sunotop-' /proc/"$pid"/task/*/comm | wc -l | tr -d ' ')" 2
	w0=$(wakeups)
	sleep 3
	w1=$(wakeups)
	check "run 3: at most one wake-up in 3 s at rest ($w0 -> $w1)" test $((w1 - w0)) -le 1
else
	skip "run 3: no /proc to count wake-ups in"
	skip "run 3: no /proc to count wake-ups in"
fi
scr_keys q
is "run 3: q exits 0" "$(scr_wait_rc 100)" 0
is "run 3: each task requested once" "$(request_counts "$FAKE_LOG" | awk '$2 != 1' | wc -l | tr -d ' ')" 0

done_testing
