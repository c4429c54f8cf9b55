#!/bin/sh
# Y copies only what o would open: with tmux's set-clipboard on, an audio
# URL holding an OSC 52, a carriage return, a C1 CSI or a bidi override is
# refused with the reason and never reaches the clipboard; a clean one is
# copied. The dashboard ended by SIGTERM or SIGHUP saves and exits with
# 128 + the signal, as --once/--watch do; through a state file that is a
# symbolic link, the list is saved into the file it names and the link
# stays.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

A=2a145658-3342-4228-b779-b8323a2b77df
# o must never start a real browser here
BROWSER=true
export BROWSER

# ---- Y -----------------------------------------------------------------------
"$PYTHON3" - "$T/urls.json" <<'EOF2'
import json, sys
urls = ["https://cdn1.suno.ai/a.mp3\u001b]52;c;ZXZpbA==\u0007",
        "https://cdn1.suno.ai/b.mp3\rtouch /tmp/pwned\r",
        "https://cdn1.suno.ai/c.mp3\u009b31m",
        "https://cdn1.suno.ai/\u202e3pm.exe",
        "https://cdn1.suno.ai/clean.mp3"]
tasks = []
for i, u in enumerate(urls):
    tid = "c0b1c0b1-0000-4000-8000-%012d" % i
    tasks.append({"id": tid, "task": {"task_id": tid, "action": "MUSIC", "status": "SUCCESS",
        "progress": "100%", "data": [{"id": "clip%d" % i, "title": "Song %d" % i,
        "status": "complete", "audio_url": u}]}})
json.dump({"key": "test-key", "tasks": tasks}, open(sys.argv[1], "w"))
EOF2
fake_start "$T/urls.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/y.json" -i 1 c0b1c0b1-0000-4000-8000-000000000000 \
	c0b1c0b1-0000-4000-8000-000000000001 c0b1c0b1-0000-4000-8000-000000000002 \
	c0b1c0b1-0000-4000-8000-000000000003 c0b1c0b1-0000-4000-8000-000000000004
scr set -s set-clipboard on
scr_ok "Y: the tasks are drawn" "Song 4"
for what in "an OSC 52" "a carriage return" "a C1 CSI" "a bidi override"; do
	scr_keys Y
	case $what in
	*bidi*) reason="it holds invisible or bidi characters" ;;
	*) reason="it holds control characters" ;;
	esac
	scr_ok "Y: a URL with $what is refused with the reason" "not copying the audio URL: $reason"
	scr_keys o
	scr_ok "o: the same URL is not opened either" "not opening the URL: $reason"
	scr_keys j
	sleep 0.3
done
is "Y: nothing reached the clipboard" "$(scr list-buffers 2>/dev/null | wc -l | tr -d ' ')" 0
scr_keys Y
scr_ok "Y: a clean URL is copied" "sent the audio URL to the terminal's clipboard (OSC 52)"
n=0
while [ "$(scr list-buffers 2>/dev/null | wc -l | tr -d ' ')" = 0 ] && [ $n -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
like "Y: the clean URL is on the clipboard" "$(scr show-buffer 2>/dev/null)" "^https://cdn1\.suno\.ai/clean\.mp3\$"
scr_keys q
is "Y: q exits 0" "$(scr_wait_rc)" 0
fake_stop

# ---- signals and a linked state file ----------------------------------------
fake_start basic.json || skip_all "fake server did not start"

# the program's pid: the pane's shell runs it as its one child
prog_pid() {
	scr_pane=$(scr display -p '#{pane_pid}')
	pgrep -P "$scr_pane" | head -1
}

mkdir -p "$T/real"
ln -s real/tasks.json "$T/link.json"
for sig in TERM HUP; do
	scr_start -u "$FAKE_URL" --state "$T/link.json" -i 1 "$A"
	scr_ok "$sig: the task is drawn" "SUCCESS"
	pid=$(prog_pid)
	if [ -n "$pid" ]; then
		kill -"$sig" "$pid"
	fi
	want=143
	[ "$sig" = HUP ] && want=129
	is "SIG$sig ends the dashboard with $want" "$(scr_wait_rc)" "$want"
	check "SIG$sig: the list was saved through the link" state_has "$T/real/tasks.json" "$A"
	check "SIG$sig: the link is still a link" test -L "$T/link.json"
done

done_testing
