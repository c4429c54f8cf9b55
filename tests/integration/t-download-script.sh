#!/bin/sh
# --download in scripts: --watch and --once save the clips of tasks that
# succeed, wait for the files before exiting, report each on stderr, keep
# stdout for the task lines, skip files already there, and count a failed
# download with --exit-status. The config's auto_download alone does not
# make a script download.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

OK1=2a145658-3342-4228-b779-b8323a2b77df     # SUCCESS, title 快乐周末, 2 clips
FAIL=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098    # FAILURE
A1=33333333-aaaa-4bbb-8ccc-000000000001      # NOT_START, then SUCCESS

# ---- --watch: the task finishes, both clips are saved, then exit ----------
fake_start late.json || skip_all "fake server did not start"   # A1 succeeds after 2 s
DL="$T/dl1"
run_sunotop watch --watch --json --download -i 1 -u "$FAKE_URL" --download-dir "$DL" "$A1"
is "watch: exit 0" "$RC" 0
AC1=$(jget "$T/watch.out" "$A1" clips.0.id)
AC2=$(jget "$T/watch.out" "$A1" clips.1.id)
check "watch: clip 1 saved as served ('/' made safe)" \
	same_as_served "$AC1.mp3" "$DL/Auto-Save - $(printf '%.8s' "$AC1").mp3"
check "watch: clip 2 saved as served" \
	same_as_served "$AC2.mp3" "$DL/Auto-Save - $(printf '%.8s' "$AC2").mp3"
like "watch: stderr names the saved file" "$ERR" "^sunotop: $A1: clip 1 audio saved to $DL/Auto-Save - "
is "watch: stdout holds only task lines" "$(grep -vc '^{"task_id"' "$T/watch.out")" 0
is "watch: no .part left" "$(find "$DL" -name '*.part' | wc -l | tr -d ' ')" 0
is "watch: one request per clip" "$(fake_requests audio)" 2
is "watch: no video without download_video" "$(find "$DL" -name '*.mp4' | wc -l | tr -d ' ')" 0
fake_stop

# ---- --once over a finished and a failed task; then again ---------------
fake_start basic.json || skip_all "fake server did not start"
set -- $(clip_ids "$OK1")
C1=$1 C2=$2
DL="$T/dl2"
run_sunotop once1 --once --download --exit-status -u "$FAKE_URL" --download-dir "$DL" "$OK1" "$FAIL"
is "once: exit 1 (a task failed)" "$RC" 1
check "once: clip 1 saved" same_as_served "$C1.mp3" "$DL/快乐周末 - $(printf '%.8s' "$C1").mp3"
check "once: clip 2 saved" same_as_served "$C2.mp3" "$DL/快乐周末 - $(printf '%.8s' "$C2").mp3"
is "once: nothing for the failed task" "$(find "$DL" -type f | wc -l | tr -d ' ')" 2
like "once: the table still comes out" "$OUT" "FAILURE"
n=$(fake_requests audio)
run_sunotop once2 --once --download -u "$FAKE_URL" --download-dir "$DL" "$OK1"
is "again: exit 0" "$RC" 0
like "again: says the file is already there" "$ERR" "clip 2 audio already in $DL/"
is "again: no audio request" "$(fake_requests audio)" "$n"

# ---- tasks the state file already knows as succeeded are saved too --------
run_sunotop task --once --json -u "$FAKE_URL" "$OK1"
"$PYTHON3" - "$T/task.out" "$T/state.json" "$OK1" <<'EOF'
import json, sys
task = json.loads(open(sys.argv[1], encoding="utf-8").readline())
json.dump({"version": 1, "tasks": [{"id": sys.argv[3], "added": 1, "fetched": 1, "task": task}]},
          open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
DL="$T/dl5"
run_sunotop saved --once --download --state "$T/state.json" -u "$FAKE_URL" --download-dir "$DL"
is "saved state: exit 0" "$RC" 0
is "saved state: both clips of the known task saved" "$(find "$DL" -name '*.mp3' | wc -l | tr -d ' ')" 2

# ---- auto_download in the config does not make --once download -----------
mkdir -p "$XDG_CONFIG_HOME/sunotop"
printf 'auto_download = yes\ndownload_dir = %s\n' "$T/dl3" >"$XDG_CONFIG_HOME/sunotop/config"
run_sunotop cfg --once -u "$FAKE_URL" "$OK1"
is "config only: exit 0" "$RC" 0
check "config only: nothing downloaded" test ! -e "$T/dl3"
rm -f "$XDG_CONFIG_HOME/sunotop/config"
fake_stop

# ---- four files, three slots: the waiting one costs no busy loop ----------
# Audio and video of two clips trickle in; the download thread may wake for
# data and progress (tens of times a second), not spin on the waiting file.
scenario_with_faults basic.json slow '[{"match": "audio", "count": -1, "trickle": 20000}]'
fake_start "$T/slow.json" || skip_all "fake server did not start"
mkdir -p "$XDG_CONFIG_HOME/sunotop"
printf 'download_video = yes\n' >"$XDG_CONFIG_HOME/sunotop/config"
"$SUNOTOP" --once --download -u "$FAKE_URL" --download-dir "$T/dl6" "$OK1" >"$T/slow.out" 2>"$T/slow.err" &
pid=$!
dl_switches() {
	for _t in /proc/"$pid"/task/*; do
		[ "$(cat "$_t/comm" 2>/dev/null)" = sunotop-dl ] &&
			awk '/^voluntary_ctxt_switches/ { print $2 }' "$_t/status"
	done
}
n=0
while [ -z "$(dl_switches)" ] && [ $n -lt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
sleep 1
if [ -n "$(dl_switches)" ]; then
	s0=$(dl_switches)
	sleep 2
	s1=$(dl_switches)
	check "4 files, 3 slots: the download thread sleeps between events ($s0 -> $s1 in 2 s)" \
		test "$((s1 - s0))" -lt 400
	is "4 files, 3 slots: three transfers at a time" "$(find "$T/dl6" -name '*.part' | wc -l | tr -d ' ')" 3
else
	skip "4 files, 3 slots: no /proc to count wake-ups in"
	skip "4 files, 3 slots: no /proc to count wake-ups in"
fi
kill "$pid" 2>/dev/null
wait "$pid"
rm -f "$XDG_CONFIG_HOME/sunotop/config"
fake_stop

# ---- 403: reported; counted by --exit-status ------------------------------
scenario_with_faults basic.json forbidden '[{"match": "audio", "count": -1, "status": 403}]'
fake_start "$T/forbidden.json" || skip_all "fake server did not start"
DL="$T/dl4"
run_sunotop f1 --once --download --exit-status -u "$FAKE_URL" --download-dir "$DL" "$OK1"
is "403: exit 1 with --exit-status" "$RC" 1
like "403: stderr says why" "$ERR" "clip 1 audio download failed: HTTP 403"
is "403: no file and no .part" "$(find "$DL" -type f 2>/dev/null | wc -l | tr -d ' ')" 0
run_sunotop f2 --once --download -u "$FAKE_URL" --download-dir "$DL" "$OK1"
is "403: exit 0 without --exit-status" "$RC" 0
fake_stop

done_testing
