#!/bin/sh
# --ascii: glyphs, bars, borders and server text all stay within ASCII.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
RUN=346c5d10-a4a1-4f49-a851-66a7dae6cfaf
FAIL=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098

fake_start basic.json || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/tasks.json" --ascii --color never "$OK1" "$RUN" "$FAIL"

scr_ok "success glyph in ASCII" "+ SUCCESS"
scr_ok "failure glyph in ASCII" "x FAILURE"
scr_ok "running glyph in ASCII" "> IN_PROGRESS"
scr_ok "a finished bar is drawn with #" "######## 100%"
scr_ok "an estimate is marked with ~" "~"
scr_keys '?'
scr_ok "the help opens" "any key closes"
scr_cap >"$T/cap.txt"
# --ascii changes the drawing characters only: the server's words (the CJK
# title and lyrics here) stay as the UTF-8 locale shows them; everything
# else on the screen is ASCII.
check "the screen holds only ASCII besides the server's CJK text" "$PYTHON3" -c '
import sys
d = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if all(ord(c) < 128 or 0x4e00 <= ord(c) <= 0x9fff for c in d) else 1)' "$T/cap.txt"
scr_keys Escape
scr_ok "a CJK title stays readable under --ascii" "快乐周末"
scr_keys g
scr_ok "the pane's clip title stays readable too" "1. 快乐周末"
scr_keys q
is "q exits with status 0" "$(scr_wait_rc)" 0

done_testing
