#!/bin/sh
# --watch --on-complete: the command runs once per task that finishes while
# watched (not for one finished at its first answer), without a shell, with
# the task's text in SUNOTOP_* variables exactly as the server sent it; a
# bad command is a usage error; nothing rings when stderr is not a terminal.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

W1=22222222-aaaa-4bbb-8ccc-000000000001   # NOT_START, SUCCESS (hostile title)
W2=22222222-aaaa-4bbb-8ccc-000000000002   # NOT_START, FAILURE (hostile reason)
W3=22222222-aaaa-4bbb-8ccc-000000000003   # SUCCESS at the first answer
TITLE='$(touch pwned); rm -rf "$HOME" `touch pwned2` '"'"'q'"'"' 快乐'
REASON='time out; $(touch pwned3) && echo hi > pwned4'

"$PYTHON3" - "$T/watch.json" "$W1" "$W2" "$W3" "$TITLE" "$REASON" <<'EOF'
import json, sys
out, w1, w2, w3, title, reason = sys.argv[1:7]
tl = lambda last: [{"after": 0, "status": "NOT_START"}, {"after": 2, "status": last}]
json.dump({"key": "test-key", "tasks": [
    {"id": w1, "action": "MUSIC", "title": title, "timeline": tl("SUCCESS")},
    {"id": w2, "action": "MUSIC", "title": "Doomed", "fail_reason": reason,
     "timeline": tl("FAILURE")},
    {"id": w3, "action": "MUSIC", "title": "Done Already", "status": "SUCCESS"}]},
    open(out, "w", encoding="utf-8"), ensure_ascii=False)
EOF

# The hook records its arguments and environment, one file per task.
mkdir -p "$T/hook" "$T/cwd"
cat >"$T/hook.sh" <<'EOF'
#!/bin/sh
d=$(dirname "$0")/hook
printf '%s\n' "$SUNOTOP_TASK_ID" >>"$d/calls"
printf '%s' "$SUNOTOP_TITLE" >"$d/$SUNOTOP_TASK_ID.title"
printf '%s' "$SUNOTOP_STATUS" >"$d/$SUNOTOP_TASK_ID.status"
printf '%s' "$SUNOTOP_FAIL_REASON" >"$d/$SUNOTOP_TASK_ID.reason"
printf '%s' "$SUNOTOP_AUDIO_URL" >"$d/$SUNOTOP_TASK_ID.audio"
printf '%s|' "$@" >"$d/$SUNOTOP_TASK_ID.args"
printf '%s' "${COMETAPI_KEY-unset}" >"$d/$SUNOTOP_TASK_ID.key"
EOF
chmod +x "$T/hook.sh"

fake_start "$T/watch.json" || skip_all "fake server did not start"
cd "$T/cwd" || exit 99
run_sunotop watch --watch -i 1 -u "$FAKE_URL" \
	--on-complete "$T/hook.sh one 'two words' \"three \\\"q\\\"\" \$(touch pwned0)" "$W1" "$W2" "$W3"
is "watch exits 0" "$RC" 0
sort "$T/hook/calls" >"$T/calls.sorted" 2>/dev/null
is "the command ran once for each task that finished while watched" \
	"$(cat "$T/calls.sorted")" "$(printf '%s\n%s\n' "$W1" "$W2")"
is "the title reaches the command exactly" "$(cat "$T/hook/$W1.title")" "$TITLE"
is "the status is given" "$(cat "$T/hook/$W1.status")" SUCCESS
like "the audio URL is given" "$(cat "$T/hook/$W1.audio")" "^http://127\\.0\\.0\\.1:$FAKE_PORT/audio/.*\\.mp3\$"
is "the failure's status" "$(cat "$T/hook/$W2.status")" FAILURE
is "the fail reason reaches the command exactly" "$(cat "$T/hook/$W2.reason")" "$REASON"
is "the command line is split into words, no expansion" "$(cat "$T/hook/$W1.args")" \
	'one|two words|three "q"|$(touch|pwned0)|'
is "the command does not inherit the API key" "$(cat "$T/hook/$W1.key")" unset
n=$(find "$T" -name 'pwned*' | wc -l | tr -d ' ')
is "no server text or command text was run by a shell" "$n" 0
is "no bell or notification on a stderr that is not a terminal" "$(cat "$T/watch.err")" ""
check "watch output has no terminal controls" no_terminal_controls "$T/watch.out"

# An unterminated quote is a usage error before anything is polled.
: >"$FAKE_LOG"
run_sunotop badcmd --watch -i 1 -u "$FAKE_URL" --on-complete "$T/hook.sh 'oops" "$W3"
is "bad --on-complete: exit 2" "$RC" 2
like "bad --on-complete: says why" "$ERR" "unterminated single quote"
is "bad --on-complete: nothing polled" "$(fake_requests all)" 0

# A command that cannot be started is reported, and watching goes on.
fake_control reset-counts
run_sunotop missing --watch -i 1 -u "$FAKE_URL" --on-complete "$T/no-such-command" "$W1"
is "missing command: exit 0 all the same" "$RC" 0
like "missing command: reported" "$ERR" "cannot run the --on-complete command"

done_testing
