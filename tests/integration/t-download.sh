#!/bin/sh
# Downloads from the dashboard (driven in tmux) against the fake server's
# /audio/: the saved bytes are the served bytes, names come from title and
# clip id, no Authorization header is sent, a .part is resumed with a Range
# request, a dropped body is retried, a 403 and a redirect to another scheme
# fail cleanly, and auto_download fetches each clip once.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

# scr_ok_long NAME TEXT TENTHS: scr_ok with a longer wait.
scr_ok_long() {
	if scr_wait "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diag "never saw '$2' on the screen:" "$(scr_cap)"
	fi
}

OK1=2a145658-3342-4228-b779-b8323a2b77df     # SUCCESS, title 快乐周末, 2 clips
A1=33333333-aaaa-4bbb-8ccc-000000000001      # NOT_START, then SUCCESS

# stop_dashboard: q, then a fresh tmux server for the next run.
stop_dashboard() {
	scr_keys q
	scr_wait_rc >/dev/null
	scr kill-server >/dev/null 2>&1
}

# audio_status PATH-PART: HTTP statuses logged for audio paths containing it.
audio_status() {
	fake_query audio path >"$T/paths"
	fake_query audio status >"$T/statuses"
	paste -d' ' "$T/paths" "$T/statuses" | grep -F -- "$1" | cut -d' ' -f2 | tr '\n' ' ' | sed 's/ $//'
}

# ---- w, then w again: audio and video, bytes as served --------------------
fake_start basic.json || skip_all "fake server did not start"
set -- $(clip_ids "$OK1")
C1=$1 C2=$2
N1=$(printf '%.8s' "$C1") N2=$(printf '%.8s' "$C2")
DL="$T/dl/nested/music"
scr_start -u "$FAKE_URL" --state "$T/s1.json" -i 5 --download-dir "$DL" "$OK1"
scr_ok "the finished task is shown" "SUCCESS"
scr_keys w w
scr_ok "w w: the message says where the files went" "saved 4 files in"
is "the directory was created 0755" "$(stat -c %a "$DL")" 755
check "clip 1 audio: named title - id, bytes as served" same_as_served "$C1.mp3" "$DL/快乐周末 - $N1.mp3"
check "clip 2 audio: bytes as served" same_as_served "$C2.mp3" "$DL/快乐周末 - $N2.mp3"
check "clip 1 video (w twice): bytes as served" same_as_served "$C1.mp4" "$DL/快乐周末 - $N1.mp4"
check "clip 2 video: bytes as served" same_as_served "$C2.mp4" "$DL/快乐周末 - $N2.mp4"
is "no .part left behind" "$(find "$DL" -name '*.part' | wc -l | tr -d ' ')" 0
is "four requests, none with an Authorization header" "$(fake_query audio auth | sort | uniq -c | tr -s ' ')" " 4 missing"
scr_ok "the list marks the task as saved" "↓✓"
# Again: the files are there, nothing is fetched.
scr_keys w
scr_ok "w on saved files: they are left alone" "(2 already there)"
is "no further request for files already saved" "$(fake_requests audio)" 4
stop_dashboard
fake_stop

# ---- resume: a .part with the first bytes gets a Range request ------------
fake_start basic.json || skip_all "fake server did not start"
DL="$T/dl2"
mkdir -p "$DL"
served "$C1.mp3" 100000 >"$DL/快乐周末 - $N1.mp3.part"
scr_start -u "$FAKE_URL" --state "$T/s2.json" -i 5 --download-dir "$DL" "$OK1"
scr_ok "resume: the task is shown" "SUCCESS"
scr_keys w
scr_ok "resume: both clips saved" "saved 2 files in"
check "resume: the resumed file is complete and as served" same_as_served "$C1.mp3" "$DL/快乐周末 - $N1.mp3"
is "resume: the partial clip was asked with a Range (206)" "$(audio_status "$C1")" 206
is "resume: the other clip in full (200)" "$(audio_status "$C2")" 200
is "resume: one w saves no video" "$(find "$DL" -name '*.mp4' | wc -l | tr -d ' ')" 0
stop_dashboard
fake_stop

# ---- a body cut off mid-way is retried and resumed -------------------------
scenario_with_faults basic.json cut '[{"match": "audio", "count": 1, "reset": true}]'
fake_start "$T/cut.json" || skip_all "fake server did not start"
DL="$T/dl3"
scr_start -u "$FAKE_URL" --state "$T/s3.json" -i 5 --download-dir "$DL" "$OK1"
scr_ok "cut: the task is shown" "SUCCESS"
scr_keys w
scr_ok_long "cut: both clips saved after a retry" "saved 2 files in" 100
check "cut: clip 1 complete and as served" same_as_served "$C1.mp3" "$DL/快乐周末 - $N1.mp3"
check "cut: clip 2 complete and as served" same_as_served "$C2.mp3" "$DL/快乐周末 - $N2.mp3"
is "cut: three requests (one cut, one retried)" "$(fake_requests audio)" 3
like "cut: the retry resumed with a Range (206)" "$(fake_query audio status | tr '\n' ' ')" "206"
stop_dashboard
fake_stop

# ---- 403 from an expired link: reported, not retried, nothing left --------
scenario_with_faults basic.json forbidden '[{"match": "audio", "count": -1, "status": 403}]'
fake_start "$T/forbidden.json" || skip_all "fake server did not start"
DL="$T/dl4"
scr_start -u "$FAKE_URL" --state "$T/s4.json" -i 5 --download-dir "$DL" "$OK1"
scr_ok "403: the task is shown" "SUCCESS"
scr_keys w
scr_ok "403: the message line says so" "HTTP 403: the link has probably expired"
scr_ok "403: the list marks the failure" "↓✗"
scr_ok "403: the pane says so per clip" "audio failed: HTTP 403"
sleep 1.5
is "403: not retried (one request per clip)" "$(fake_requests audio)" 2
is "403: no file and no .part" "$(find "$DL" -type f | wc -l | tr -d ' ')" 0
stop_dashboard
fake_stop

# ---- a redirect to another scheme is refused -------------------------------
scenario_with_faults basic.json redirect \
	'[{"match": "audio", "count": -1, "status": 302, "location": "file:///etc/passwd"}]'
fake_start "$T/redirect.json" || skip_all "fake server did not start"
DL="$T/dl5"
scr_start -u "$FAKE_URL" --state "$T/s5.json" -i 5 --download-dir "$DL" "$OK1"
scr_ok "redirect: the task is shown" "SUCCESS"
scr_keys w
scr_ok "redirect: refused with a message" "not http(s)"
scr_ok "redirect: the list marks the failure once both are over" "↓✗"
is "redirect: nothing saved" "$(find "$DL" -type f | wc -l | tr -d ' ')" 0
stop_dashboard
fake_stop

# ---- auto_download: once per clip, existing files skipped ------------------
fake_start late.json || skip_all "fake server did not start"   # A1 succeeds after 2 s
DL="$T/dl6"
mkdir -p "$DL" "$XDG_CONFIG_HOME/sunotop"
printf 'auto_download = yes\ndownload_dir = %s\n' "$DL" >"$XDG_CONFIG_HOME/sunotop/config"
"$PYTHON3" - "$FAKE_PORT" "$A1" >"$T/auto-clips" <<'EOF'
import hashlib, sys
def derived_uuid(seed):
    h = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    return "%s-%s-4%s-a%s-%s" % (h[0:8], h[8:12], h[13:16], h[17:20], h[20:32])
for i in range(2):
    print(derived_uuid(sys.argv[2] + "/clip/%d" % i))
EOF
set -- $(cat "$T/auto-clips")
AC1=$1 AC2=$2
served "$AC2.mp3" >"$DL/Auto-Save - $(printf '%.8s' "$AC2").mp3"
scr_start -u "$FAKE_URL" --state "$T/s6.json" -i 1 "$A1"
scr_ok_long "auto: the task finishes" "SUCCESS" 100
scr_ok_long "auto: saved without a key press" "saved 1 file in $DL (1 already there)" 100
check "auto: the new clip is as served ('/' in the title made safe)" \
	same_as_served "$AC1.mp3" "$DL/Auto-Save - $(printf '%.8s' "$AC1").mp3"
scr_keys R
sleep 2
is "auto: one request in all (the existing file is skipped, a refresh asks nothing)" \
	"$(fake_requests audio)" 1
stop_dashboard
rm -f "$XDG_CONFIG_HOME/sunotop/config"

done_testing
