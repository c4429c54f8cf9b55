#!/bin/sh
# Terminal safety beyond tests/screen/t-hostile.sh: with tmux's
# set-clipboard on, no OSC 52 from server text or pasted input ever reaches
# the terminal (the buffer list stays empty; a control shows it would not);
# hostile bytes pasted at the add and filter prompts are echoed neutralized;
# a hostile server error message in the banner is neutralized too; the pane
# title never changes.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

H1=0badc0de-0000-4000-8000-000000000001
H2=0badc0de-0000-4000-8000-000000000002
H3=0badc0de-0000-4000-8000-000000000003

# bad_chars: the capture carries no control, bidi or zero-width character.
bad_chars() {
	scr_cap >"$T/cap.txt"
	"$PYTHON3" -c '
import sys
t = open(sys.argv[1], encoding="utf-8", errors="replace").read()
bad = [hex(ord(c)) for c in t if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f
       or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069 or ord(c) in (0x200b, 0x200e, 0x200f, 0xfeff)]
print(" ".join(bad))
sys.exit(1 if bad else 0)' "$T/cap.txt"
}

buffers() {
	scr list-buffers 2>/dev/null | wc -l | tr -d ' '
}

# The first answer comes after 1 s, so set-clipboard is on before any server
# text is drawn; every later request gets a 500 whose message is hostile.
"$PYTHON3" - "$SCENARIOS/hostile.json" "$T/h.json" <<'EOF2'
import json, sys
sc = json.load(open(sys.argv[1], encoding="utf-8"))
msg = "boom\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007\u001b[2J\r\u202eCLOBBER\u009b31m"
sc["faults"] = [{"match": "any", "delay": 1.0},
                {"match": "any", "from": 1, "count": -1, "status": 500,
                 "body": json.dumps({"error": {"code": "", "message": msg, "type": "comet_api_error"}})}]
json.dump(sc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF2
fake_start "$T/h.json" || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/tasks.json" -i 1 "$H1" "$H2" "$H3"
scr set -s set-clipboard on
title0=$(scr display -p '#{pane_title}')
is "no paste buffer at start" "$(buffers)" 0

scr_ok "the hostile tasks are drawn" "FAILURE"
scr_ok "the lyrics task is drawn" "LYRICS"
check "list: nothing unsafe reaches the screen" bad_chars
scr_keys j j
scr_ok "the clip's audio URL is shown in the pane" "cdn1.suno.ai/a.mp3"
scr_ok "its OSC 52 shows neutralized" "^[]52;c;ZXZpbA=="
is "server text made no clipboard write" "$(buffers)" 0

# A hostile paste at the add prompt: its control characters are dropped,
# none of them edits or cancels the prompt, and the rest of the paste never
# runs as dashboard commands ("p" would pause, "d" ask to untrack).
scr set-buffer "$(printf 'ab\033]0;pwned\007cd\033]52;c;aGk=\007\033[2J\025\033dy')"
scr paste-buffer -p -d
scr_ok "add prompt: the paste opens the prompt" "add ids:"
scr_ok "add prompt: the paste stays in the prompt, controls dropped" "ab]0;pwnedcd]52;c;aGk=[2Jdy"
check "add prompt: nothing unsafe on the screen" bad_chars
scr_keys Enter
scr_ok "add prompt: refused with its reason" "1 invalid: 'ab]0;pwnedcd]52;c;aGk=[2Jdy'"
unlike "add prompt: no command ran from the paste (not paused)" "$(scr_cap | head -1)" "paused"
unlike "add prompt: no untrack was asked" "$(scr_cap)" "untrack [^ ]+\\? y/n"
like "add prompt: the list is intact" "$(scr_cap)" "3/3"
is "add prompt: no clipboard write" "$(buffers)" 0

# The same at the filter prompt.
scr_keys /
scr_wait "filter /" >/dev/null
scr set-buffer "$(printf 'zz\033]52;c;aGk=\007\033pq')"
scr paste-buffer -p -d
scr_ok "filter prompt: the paste stays in the prompt" "zz]52;c;aGk=pq"
check "filter prompt: nothing unsafe on the screen" bad_chars
scr_keys Escape
scr_ok "filter prompt: Esc typed after the paste still cancels" "filter cleared"
is "filter prompt: no clipboard write" "$(buffers)" 0

# A hostile server error in the banner.
scr_keys R
scr_ok "banner: the server's message is shown" "CLOBBER"
scr_ok "banner: its escapes are shown as ^[" "boom^[]0;pwned"
check "banner: nothing unsafe on the screen" bad_chars
like "banner: the header is still on the first row" "$(scr_cap | head -1)" "^sunotop"
is "banner: no clipboard write" "$(buffers)" 0
is "the pane title never changed" "$(scr display -p '#{pane_title}')" "$title0"

scr_keys q
is "q exits with status 0" "$(scr_wait_rc)" 0
is "nothing on stderr" "$(cat "$T/err.log")" ""
# Control: the same terminal does take an OSC 52 write from a program.
scr_wait "shell\$" >/dev/null
scr_keys "printf '\\033]52;c;aGVsbG8=\\007'" Enter
n=0
while [ "$(buffers)" = 0 ] && [ $n -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
is "control: an OSC 52 from the shell does create a buffer" "$(buffers)" 1

done_testing
