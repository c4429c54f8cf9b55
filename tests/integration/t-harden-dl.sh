#!/bin/sh
# Downloads against a hostile or slow server: an HTML page (any answer that
# is not audio, video or an octet stream) is refused, not saved as .mp3; two
# clips whose names clash (same title, ids alike in their first 8
# characters) get a file each, and "already there" is said only to the
# clip the file belongs to; a title starting with '-' never makes a file
# name that starts with one; a download that cannot finish in reasonable
# time (400 B/s of an announced 100 MB) is abandoned, saying why, and
# retried.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

fake_start basic.json || skip_all "fake server did not start"
T1=c1a5c1a5-0000-4000-8000-000000000001
T2=c1a5c1a5-0000-4000-8000-000000000002
T3=c1a5c1a5-0000-4000-8000-000000000003
T4=c1a5c1a5-0000-4000-8000-000000000004
"$PYTHON3" - "$FAKE_PORT" "$T1" "$T2" "$T3" "$T4" >"$T/tasks.json" <<'EOF2'
import json, sys
port, t1, t2, t3, t4 = sys.argv[1:6]
def task(tid, clip, title, audio):
    return {"id": tid, "task": {"task_id": tid, "action": "MUSIC", "status": "SUCCESS",
            "progress": "100%", "data": [{"id": clip, "title": title, "status": "complete",
            "audio_url": "http://127.0.0.1:%s/audio/%s" % (port, audio)}]}}
print(json.dumps([task(t1, "abcdef12-1111-4000-8000-000000000001", "Same", "one.mp3"),
                  task(t2, "abcdef12-2222-4000-8000-000000000002", "Same", "two.mp3"),
                  task(t3, "d4d4d4d4-3333-4000-8000-000000000003", "-rf --help", "three.mp3"),
                  task(t4, "e5e5e5e5-4444-4000-8000-000000000004", "Page", "page.mp3")]))
EOF2
fake_control tasks "$(cat "$T/tasks.json")" || skip_all "cannot add tasks"
DL="$T/dl"

# ---- a name clash across runs ------------------------------------------------
run_sunotop c1 --once --download --exit-status -u "$FAKE_URL" --download-dir "$DL" "$T1"
is "clash: the first clip is saved" "$RC" 0
check "clash: as served" same_as_served one.mp3 "$DL/Same - abcdef12.mp3"
run_sunotop c2 --once --download --exit-status -u "$FAKE_URL" --download-dir "$DL" "$T2"
is "clash: the second run exits 0" "$RC" 0
unlike "clash: the second clip is not said to be there already" "$ERR" "already in"
like "clash: it is saved under a name of its own" "$ERR" "clip 1 audio saved to $DL/Same - abcdef12 \\(2\\)\\.mp3"
check "clash: the second file holds the second clip's audio" same_as_served two.mp3 "$DL/Same - abcdef12 (2).mp3"
check "clash: the first file still holds the first clip's" same_as_served one.mp3 "$DL/Same - abcdef12.mp3"
n=$(fake_requests audio)
run_sunotop c3 --once --download -u "$FAKE_URL" --download-dir "$DL" "$T2" "$T1"
like "clash: again, each clip is found in its own file" "$ERR" "$T2: clip 1 audio already in $DL/Same - abcdef12 \\(2\\)\\.mp3"
like "clash: and the first in its own" "$ERR" "$T1: clip 1 audio already in $DL/Same - abcdef12\\.mp3"
is "clash: no audio fetched again" "$(fake_requests audio)" "$n"

# ---- a title starting with '-' ---------------------------------------------
run_sunotop dash --once --download -u "$FAKE_URL" --download-dir "$DL" "$T3"
is "dash: saved" "$RC" 0
check "dash: the file name does not start with '-'" test -f "$DL/rf --help - d4d4d4d4.mp3"
is "dash: no file name in the directory starts with '-'" "$(ls "$DL" | grep -c '^-')" 0

# ---- an HTML page instead of audio -------------------------------------------
fake_control faults '[{"match": "audio", "count": -1, "status": 200, "html": true}]'
run_sunotop html --once --download --exit-status -u "$FAKE_URL" --download-dir "$DL" "$T4"
is "html: the failed download counts (exit 1)" "$RC" 1
like "html: refused, saying what came" "$ERR" "the server sent text/html; charset=utf-8, not audio or video; not saved"
check "html: no file" test ! -e "$DL/Page - e5e5e5e5.mp3"
check "html: no .part" test ! -e "$DL/Page - e5e5e5e5.mp3.part"
is "html: not retried (one request)" "$(fake_requests audio | tr -d ' ')" "$((n + 2))"
fake_control clear-faults

# ---- --timeout covers the downloads too ----------------------------------------
fake_control faults '[{"match": "audio", "count": -1, "trickle": 2000}]'
start=$(date +%s)
run_sunotop tdl --once --download --timeout 3 -u "$FAKE_URL" --download-dir "$T/tdl" "$T4"
took=$(( $(date +%s) - start ))
is "timeout with a download running: exit 3" "$RC" 3
check "timeout with a download running: over in ${took} s" test "$took" -le 5
like "timeout with a download running: says so" "$ERR" "downloads still running at --timeout 3 s"
check "timeout with a download running: the .part is kept" test -s "$T/tdl/Page - e5e5e5e5.mp3.part"
fake_control clear-faults

# ---- 400 bytes a second of an announced 100 MB -----------------------------------
# The pace rule lets 30 s go by, then sees the end is days away.
fake_control faults '[{"match": "audio", "count": -1, "trickle": 400, "content_length": 100000000}]'
start=$(date +%s)
with_timeout 60 "$SUNOTOP" --watch --download -u "$FAKE_URL" --download-dir "$T/slow" \
	--log "$T/slow.log" "$T4" >"$T/slow.out" 2>"$T/slow.err" &
pid=$!
_i=0
while ! grep -q "try 1 failed" "$T/slow.log" 2>/dev/null && [ $_i -lt 450 ]; do
	sleep 0.1
	_i=$((_i + 1))
done
took=$(( $(date +%s) - start ))
_i=0
while ! grep -q "start (try 2" "$T/slow.log" 2>/dev/null && [ $_i -lt 50 ]; do
	sleep 0.1
	_i=$((_i + 1))
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
like "slow: abandoned, saying why" "$(grep 'try 1 failed' "$T/slow.log")" \
	"too slow: .* KiB/s with .* KiB to go would take over 15 minutes"
check "slow: after the 30 s grace, not much later (${took} s)" test "$took" -ge 29 -a "$took" -le 40
like "slow: tried again" "$(cat "$T/slow.log")" "start \\(try 2"

done_testing
