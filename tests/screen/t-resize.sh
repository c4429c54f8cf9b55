#!/bin/sh
# Resizing at any moment: the pane moves from the right to below the list,
# a tiny window says so, and the layout comes back.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
FAIL=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098

fake_start basic.json || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$T/tasks.json" "$OK1" "$FAIL"

scr_ok "the list is drawn" "SUCCESS"
scr_ok "the pane is drawn" "Details"
is "wide: the pane sits beside the list" "$(scr_line_of Details)" "$(scr_line_of STATUS)"
like "wide: the full id fits in the pane" "$(scr_cap)" "$OK1"

scr resize-window -x 80 -y 30
scr_ok "narrow: the list is drawn again" "FAILURE"
sleep 0.2
l=$(scr_line_of Details)
s=$(scr_line_of STATUS)
if [ "$l" -gt "$s" ] && [ "$s" -ge 0 ]; then ok "narrow: the pane moves below the list"; else not_ok "narrow: the pane moves below the list"; diag "Details on row $l, STATUS on row $s" "$(scr_cap)"; fi
unlike "narrow: no line is wider than the window" "$(scr_cap)" '.{81,}'

scr resize-window -x 30 -y 6
scr_ok "tiny: says the terminal is too small" "terminal too small"
scr resize-window -x 100 -y 30
scr_gone "back: the message goes" "terminal too small"
scr_ok "back: the list returns" "SUCCESS"

scr_keys q
is "q exits with status 0" "$(scr_wait_rc)" 0
is "nothing on stderr" "$(cat "$T/err.log")" ""

done_testing
