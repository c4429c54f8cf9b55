#!/bin/sh
# --watch on progress.json: one line per status change, finished tasks are
# not polled again, exit 0 when all are done (1 with --exit-status when one
# failed), and the same with --json.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

P1=11111111-aaaa-4bbb-8ccc-000000000001   # NOT_START QUEUED IN_PROGRESS SUCCESS
P2=11111111-aaaa-4bbb-8ccc-000000000002   # NOT_START IN_PROGRESS (x2) FAILURE
P3=11111111-aaaa-4bbb-8ccc-000000000003   # QUEUED (x2) SUCCESS

for c in human es esok json; do
	fake_start progress.json || skip_all "fake server did not start"
	eval "URL_$c=\$FAKE_URL LOG_$c=\$FAKE_LOG"
done

RUN_TIMEOUT=30 run_bg human --watch -i 1 -u "$URL_human" "$P1" "$P2" "$P3"
RUN_TIMEOUT=30 run_bg es --watch --exit-status -i 1 -u "$URL_es" "$P1" "$P2" "$P3"
RUN_TIMEOUT=30 run_bg esok --watch --exit-status -i 1 -u "$URL_esok" "$P1" "$P3"
RUN_TIMEOUT=30 run_bg json --watch --json -i 1 -u "$URL_json" "$P1" "$P2" "$P3"
wait_bg

# The status words on the lines naming ID, in order, joined by spaces.
statuses() {
	grep -F -- "$2" "$1" | grep -oE 'NOT_START|QUEUED|IN_PROGRESS|SUCCESS|FAILURE' | tr '\n' ' ' | sed 's/ $//'
}

H="$T/human.out"
is "watch: exit 0 when all finished" "$(rc_of human)" 0
is "watch: P1 lines" "$(grep -cF -- "$P1" "$H")" 4
is "watch: P1 changes in order" "$(statuses "$H" "$P1")" "NOT_START QUEUED IN_PROGRESS SUCCESS"
is "watch: P2 changes in order" "$(statuses "$H" "$P2")" "NOT_START IN_PROGRESS FAILURE"
is "watch: P3 changes in order" "$(statuses "$H" "$P3")" "QUEUED SUCCESS"
like "watch: failure reason shown" "$(cat "$H")" "time out"
like "watch: a failure shows no progress figure" "$(grep -F -- "$P2" "$H" | grep FAILURE)" " FAILURE +- "
like "watch: a success shows 100%" "$(grep -F -- "$P1" "$H" | grep SUCCESS)" " SUCCESS +100% "
check "watch: no terminal controls" no_terminal_controls "$H"
is "watch: ends with the counts" "$(tail -n 1 "$H")" "summary: 2 succeeded, 1 failed, 0 not found"
is "watch: the summary comes once" "$(grep -c '^summary:' "$H")" 1
is "watch --exit-status, all succeeded: its counts" "$(tail -n 1 "$T/esok.out")" "summary: 2 succeeded, 0 failed, 0 not found"
FAKE_LOG=$LOG_human
is "watch: P1 fetched until finished, then not again" "$(fake_requests "id:$P1")" 4
is "watch: P2 fetched until finished, then not again" "$(fake_requests "id:$P2")" 4
is "watch: P3 fetched until finished, then not again" "$(fake_requests "id:$P3")" 3
gap=$(fake_gaps all | sort -n | head -1)
check "watch: -i 1 keeps rounds >= ~1 s apart (min gap ${gap:-none})" awk -v g="${gap:-0}" 'BEGIN { exit !(g >= 0.9) }'

is "watch --exit-status with a failure: exit 1" "$(rc_of es)" 1
is "watch --exit-status, all succeeded: exit 0" "$(rc_of esok)" 0
is "watch --exit-status, all succeeded: P1 SUCCESS seen" "$(statuses "$T/esok.out" "$P1" | sed 's/.* //')" SUCCESS

J="$T/json.out"
is "watch --json: exit 0" "$(rc_of json)" 0
check "watch --json: every line a full task object" json_lines_valid "$J"
seq=$("$PYTHON3" -c '
import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["task_id"] == sys.argv[2]:
        print(o["status"], end=" ")' "$J" "$P1")
is "watch --json: P1 lines in order" "$seq" "NOT_START QUEUED IN_PROGRESS SUCCESS "
is "watch --json: P1 ends at 100" "$(jget "$J" "$P1" progress)" 100
is "watch --json: P2 fail_reason" "$(jget "$J" "$P2" fail_reason)" "time out"
is "watch --json: P3 clip complete" "$(jget "$J" "$P3" clips.0.status)" complete
is "watch --json: line count" "$(grep -c . "$J")" 9
is "watch --json: the counts go to stderr" "$(grep summary "$T/json.err")" "sunotop: summary: 2 succeeded, 1 failed, 0 not found"

done_testing
