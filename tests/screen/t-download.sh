#!/bin/sh
# After a task finishes, in the dashboard: download progress in the list and
# the pane, y / Y reaching tmux's buffer through OSC 52 (plain when tmux
# takes it, wrapped for passthrough when it does not), o starting $BROWSER
# with the URL, and one bell, OSC 777 and OSC 9 notification and one
# --on-complete run per task that finishes while watched.
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

OK1=2a145658-3342-4228-b779-b8323a2b77df     # SUCCESS, 快乐周末
N1=44444444-aaaa-4bbb-8ccc-000000000001      # NOT_START, then SUCCESS
N2=44444444-aaaa-4bbb-8ccc-000000000002      # NOT_START, then FAILURE

# count_in FILE TEXT: how many times TEXT (printf escapes allowed) occurs.
count_in() {
	"$PYTHON3" -c 'import sys
data = open(sys.argv[1], "rb").read() if __import__("os").path.exists(sys.argv[1]) else b""
print(data.count(sys.argv[2].encode().decode("unicode_escape").encode("latin-1")))' "$1" "$2"
}

cat >"$T/browser.sh" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$(dirname "$0")/browser.args"
EOF
chmod +x "$T/browser.sh"
BROWSER="$T/browser.sh"
export BROWSER

# ---- progress, y / Y, o on a slow download ---------------------------------
scenario_with_faults basic.json slow '[{"match": "audio", "count": -1, "trickle": 40000}]'
fake_start "$T/slow.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/s1.json" -i 5 --download-dir "$T/dl" "$OK1"
scr pipe-pane -O "cat >>'$T/raw1'"
scr_ok "the finished task is shown" "SUCCESS"
scr_keys w
scr_ok "w: the message says what is downloading" "downloading 2 files (w again within 2 s adds the videos)"
sleep 1.5
like "the list shows the download's progress" "$(scr_cap)" "↓ [0-9]+%"
like "the pane shows each clip's progress" "$(scr_cap)" "Download: +audio [0-9]+% \\([0-9]+ of 300 KiB\\)"

scr set -g set-clipboard on
scr_keys y
scr_ok "y: the message says what was done" "sent the task id to the terminal's clipboard (OSC 52): $OK1"
is "y: tmux's buffer holds the task id" "$(scr show-buffer 2>/dev/null)" "$OK1"
scr_keys Y
scr_ok "Y: the message names the audio URL" "sent the audio URL to the terminal's clipboard (OSC 52): http://"
like "Y: tmux's buffer holds the first audio URL" "$(scr show-buffer 2>/dev/null)" \
	"^$FAKE_URL/audio/[0-9a-f-]+\\.mp3\$"
URL=$(scr show-buffer 2>/dev/null)

# With set-clipboard external tmux ignores OSC 52 from programs: the
# sequence is wrapped for passthrough instead, and the buffer stays.
scr set -g set-clipboard external
scr_keys y
scr_ok "y again, external: says tmux may drop it and how to enable it" "tmux may drop it: tmux set -g set-clipboard on"
sleep 0.3
is "OSC 52 sent three times in all" "$(count_in "$T/raw1" '\x1b]52;c;')" 3
is "external: the wrapped sequence was sent instead" "$(count_in "$T/raw1" '\x1bPtmux;\x1b\x1b]52;c;')" 1
is "external: tmux's buffer is unchanged" "$(scr show-buffer 2>/dev/null)" "$URL"

scr_keys o
scr_ok "o: the message names the program" "opening the audio with $BROWSER"
n=0
while [ ! -s "$T/browser.args" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
is "o: \$BROWSER got exactly the URL" "$(cat "$T/browser.args" 2>/dev/null)" "$URL"

scr_ok_long "the download completes: the list marks the task as saved" "↓✓" 150
like "the title stays beside the mark" "$(scr_cap)" "↓✓ 快乐周末"
scr_ok "the pane gives the saved path" "audio saved:"
is "nothing on stderr" "$(cat "$T/err.log")" ""
scr_keys q
is "q exits 0" "$(scr_wait_rc)" 0
scr kill-server >/dev/null 2>&1
fake_stop

# ---- notifications: once per task that finishes while watched --------------
"$PYTHON3" - "$T/fin.json" "$OK1" "$N1" "$N2" <<'EOF'
import json, sys
out, ok1, n1, n2 = sys.argv[1:5]
tl = lambda last: [{"after": 0, "status": "NOT_START"}, {"after": 2, "status": last}]
json.dump({"key": "test-key", "tasks": [
    {"id": ok1, "action": "MUSIC", "title": "Was Done", "status": "SUCCESS"},
    {"id": n1, "action": "MUSIC", "title": "Bell \u001b]0;owned\u0007 Song", "timeline": tl("SUCCESS")},
    {"id": n2, "action": "MUSIC", "title": "Doomed", "fail_reason": "time out",
     "timeline": tl("FAILURE")}]}, open(out, "w"))
EOF
cat >"$T/hook.sh" <<'EOF'
#!/bin/sh
printf '%s\n' "$SUNOTOP_TASK_ID" >>"$(dirname "$0")/calls"
EOF
chmod +x "$T/hook.sh"
fake_start "$T/fin.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/s2.json" -i 1 --on-complete "$T/hook.sh" "$OK1" "$N1" "$N2"
scr pipe-pane -O "cat >>'$T/raw2'"
scr_ok_long "the failure shows up" "FAILURE" 100
scr_ok_long "both finish" "2 done" 100
sleep 1
scr_keys R
sleep 2.5
R="$T/raw2"
is "one bell per task that finished while watched" "$(count_in "$R" '\x07')" 2
is "one OSC 777 notification each" "$(count_in "$R" '\x1b]777;notify;sunotop;')" 2
is "one OSC 9 notification each" "$(count_in "$R" '\x1b]9;sunotop: ')" 2
is "the failure's notification carries the reason" \
	"$(count_in "$R" '\x1b]777;notify;sunotop;Doomed: FAILURE (time out)\x1b\\')" 1
is "a hostile title is shown in caret notation, not sent" \
	"$(count_in "$R" '\x1b]777;notify;sunotop;Bell ^[]0,owned^G Song: SUCCESS\x1b\\')" 1
is "no notification for the task that was finished when loaded" \
	"$(count_in "$R" 'sunotop;Was Done')" 0
sort "$T/calls" >"$T/calls.sorted" 2>/dev/null
is "--on-complete ran once per finished task, not per poll" "$(cat "$T/calls.sorted")" \
	"$(printf '%s\n%s\n' "$N1" "$N2")"
scr_keys q
is "q exits 0" "$(scr_wait_rc)" 0
scr kill-server >/dev/null 2>&1

# ---- bell = no, notify = no: nothing is sent -------------------------------
fake_stop
fake_start "$T/fin.json" || skip_all "fake server did not start"
mkdir -p "$XDG_CONFIG_HOME/sunotop"
printf 'bell = no\nnotify = no\n' >"$XDG_CONFIG_HOME/sunotop/config"
scr_start -u "$FAKE_URL" --state "$T/s3.json" -i 1 "$N1"
scr pipe-pane -O "cat >>'$T/raw3'"
scr_ok_long "quiet: the task finishes" "1 done" 100
sleep 0.5
is "quiet: no bell" "$(count_in "$T/raw3" '\x07')" 0
is "quiet: no OSC notification" "$(count_in "$T/raw3" '\x1b]777;')" 0
scr_keys q
scr_wait_rc >/dev/null
rm -f "$XDG_CONFIG_HOME/sunotop/config"

done_testing
