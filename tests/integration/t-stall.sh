#!/bin/sh
# A server that accepts and then says nothing must cost a bounded wait and
# a retry; a slow but steady one must simply work.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

S=2a145658-3342-4228-b779-b8323a2b77df
R=346c5d10-a4a1-4f49-a851-66a7dae6cfaf

scenario_with_faults basic.json stall '[{"match": "batch", "stall": 90}]'
fake_start "$T/stall.json" || skip_all "fake server did not start"
URL_stall=$FAKE_URL LOG_stall=$FAKE_LOG
scenario_with_faults basic.json slow '[{"match": "batch", "trickle": 1500}]'
fake_start "$T/slow.json" || skip_all "fake server did not start"
URL_slow=$FAKE_URL LOG_slow=$FAKE_LOG

t0=$(date +%s)
RUN_TIMEOUT=60 run_bg stall --once --json -u "$URL_stall" "$S" "$R"
RUN_TIMEOUT=60 run_bg slow --once --json -u "$URL_slow" "$S" "$R"
wait_bg
t1=$(date +%s)

is "stalled server: exit 0 after retrying" "$(rc_of stall)" 0
is "stalled server: data right" "$(jget "$T/stall.out" "$S" status):$(jget "$T/stall.out" "$R" status)" "SUCCESS:IN_PROGRESS"
like "stalled server: the timeout is reported" "$(cat "$T/stall.err")" "[Tt]ime|[Tt]imed|[Tt]imeout"
check "stalled server: gave up on it within 45 s ($((t1 - t0)) s)" test $((t1 - t0)) -le 45
FAKE_LOG=$LOG_stall
n=$(fake_requests all)
check "stalled server: retried ($n requests)" test "$n" -ge 2
is "slow server: exit 0" "$(rc_of slow)" 0
is "slow server: data right" "$(jget "$T/slow.out" "$S" clips.0.title)" "快乐周末"

done_testing
