#!/bin/sh
# Hostile server text on the dashboard: escape sequences, OSC title and
# clipboard writes, carriage returns and bidi overrides are shown neutralized
# and never reach the terminal.
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

fake_start hostile.json || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/tasks.json" "$H1" "$H2" "$H3"
title0=$(scr display -p '#{pane_title}')

scr_ok "the failed task is listed" "FAILURE"
scr_ok "the fail reason's visible text survives" "OVERWRITE"
scr_ok "an escape shows in caret notation" "^["
like "the header is still on the first row" "$(scr_cap | head -1)" "^sunotop"
check "no control or bidi character reaches the screen" bad_chars
scr_keys j
scr_ok "the lyrics task's text is shown" "back"
check "lyrics: no control character reaches the screen" bad_chars
scr_keys j
scr_ok "the third task's URL is shown" "cdn1.suno.ai/a.mp3"
check "clip fields: nothing reaches the screen" bad_chars
is "the pane title was not changed by server text" "$(scr display -p '#{pane_title}')" "$title0"
unlike "no OSC title text became the title" "$(scr display -p '#{pane_title}')" "owned|^t$"

scr_keys q
is "q exits with status 0" "$(scr_wait_rc)" 0

done_testing
