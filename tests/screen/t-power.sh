#!/bin/sh
# The dashboard for many tasks: a slow task flagged in its row, the header
# and the f cycle, the pane's stage time and timeline; marks with a bulk
# untrack undone in one step; the sort arrow; the mouse in both encodings
# (a click selects, a second one focuses the pane, the wheel scrolls, a
# heading sorts and reverses, a footer key runs), sent as the bytes a
# terminal sends; --no-mouse; a bind line in the help overlay. At 150x40
# in colour and 80x24 without colour, with --ascii.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

SLOW=5a0e1d2c-0000-4000-8000-000000000001
RUN=5a0e1d2c-0000-4000-8000-000000000002
OK=5a0e1d2c-0000-4000-8000-000000000003
FAIL=5a0e1d2c-0000-4000-8000-000000000004
NF1=5a0e1d2c-0000-4000-8000-0000000000f1
NF2=5a0e1d2c-0000-4000-8000-0000000000f2
NF3=5a0e1d2c-0000-4000-8000-0000000000f3
STATE="$T/tasks.json"

# click X Y [BUTTON]: a press (and, for a button, its release) at 1-based
# X, Y in the encoding the program asked for ($ENC: sgr or x10).
click() {
	_b=${3:-0}
	if [ "$ENC" = sgr ]; then
		scr_keys -l "$(printf '\033[<%d;%d;%dM' "$_b" "$1" "$2")"
		[ "$_b" -lt 64 ] && scr_keys -l "$(printf '\033[<%d;%d;%dm' "$_b" "$1" "$2")"
	else
		scr_keys -l "$(printf '\033[M')$(chr $((32 + _b)))$(chr $((32 + $1)))$(chr $((32 + $2)))"
		[ "$_b" -lt 64 ] && scr_keys -l "$(printf '\033[M')$(chr 35)$(chr $((32 + $1)))$(chr $((32 + $2)))"
	fi
	sleep 0.2
}
chr() {
	printf "\\$(printf '%03o' "$1")"
}
# col_of TEXT: the 1-based column where TEXT starts on the screen's row
# showing it first (in characters: every glyph on these rows is one column).
col_of() {
	scr_cap | "$PYTHON3" -c '
import sys
t = sys.argv[1]
for line in sys.stdin:
    if t in line:
        print(line.index(t) + 1)
        break' "$1"
}

fake_start slow.json || skip_all "fake server did not start"

# ---- 150x40, colour, SGR mouse ------------------------------------------------
SCR_W=150 SCR_H=40 SCR_TERM=xterm-256color
scr_start -u "$FAKE_URL" --state "$STATE" -i 1 "$SLOW" "$RUN" "$OK" "$FAIL" "$NF1" "$NF2" "$NF3"
scr_ok "150x40: the list is up" "Running Fine"
scr_ok "the slow task is counted in the header" "1 slow"
like "its row says slow" "$(scr_cap | grep -F NOT_START)" " slow "
unlike "the running one does not" "$(scr_cap | grep -F 'Running Fine')" " slow "
is "the program asked for SGR mouse reports" "$(scr display-message -p '#{mouse_sgr_flag}')" 1
ENC=sgr

# The pane: the stage's time against the typical one, then the timeline.
scr_keys g
scr_ok "pane: time in the stage" "In stage:  SUBMITTED 2"
scr_ok "pane: slow, nothing learned yet" "slow, typical ?"
scr_ok "pane: a timeline" "Timeline ("
scr_ok "pane: it turned slow" "slow in SUBMITTED"

# f cycles to slow.
scr_keys f f f f
scr_ok "f: show:slow" "show:slow"
scr_gone "slow: only the slow task is listed" "Running Fine"
scr_keys f
scr_gone "f: back to all" "show:"

# Marks: the three not-found ids, shown by the failed filter, marked at once.
scr_keys f f
scr_ok "f: failed shows the not-found ids" "show:failed"
scr_keys '*'
scr_ok "*: the header counts the marks" "4 marked"
scr_keys f f f
scr_gone "back to all" "show:"
scr_keys Escape
scr_gone "Esc clears the marks" "marked"
scr_keys f f '*'
scr_ok "marked again" "4 marked"
scr_keys y
scr_ok "y copies the marked ids" "sent the 4 task ids to the terminal's clipboard"
scr_keys d
scr_ok "d asks once for all" "untrack 4 marked tasks? y/n"
scr_keys y
scr_ok "untracked all four" "untracked 4 tasks (u undoes)"
scr_keys f f f
scr_gone "back to all again" "show:"
scr_gone "the not-found ids are gone" "NOT_FOUND"
check "the state file lost them" sh -c "sleep 1; ! grep -q '$NF1' '$STATE'"
scr_keys u
scr_ok "one u restores them all" "restored 4 tasks"
scr_ok "marks and all" "4 marked"
scr_ok "the not-found ids are back" "NOT_FOUND"
check "the state file has them again" sh -c "sleep 1; grep -q '$NF3' '$STATE'"
scr_keys Escape
scr_gone "marks cleared" "marked"

# Space marks the selected task and moves down.
scr_keys g ' '
scr_ok "Space marks one" "1 marked"
like "the marked row shows *" "$(scr_cap | grep -F "$(printf '%.8s' "$SLOW")" | head -1)" '^\* NOT_START'
scr_keys Escape

# The sort arrow.
scr_keys s s
scr_ok "s s: sorted by status, ascending" "STATUS▲"
scr_keys S
scr_ok "S: descending" "STATUS▼"

# The mouse. A click on the RUN heading sorts by run time, again reverses.
y=$(( $(scr_line_of "PROGRESS") + 1 ))
x=$(col_of "RUN ")
click "$x" "$y"
scr_ok "a click on RUN sorts by it" "RUN▼"
click "$x" "$y"
scr_ok "a second click reverses" "RUN▲"
# A click on a row selects it; a click on the selected row focuses the pane.
y=$(( $(scr_line_of "Done Already") + 1 ))
click 20 "$y"
scr_ok "a click selects the row (the pane shows it)" "$OK"
click 20 "$y"
scr_ok "a second click focuses the pane" "(Tab/Esc back)"
# The wheel over the list moves the selection three rows.
scr_keys Escape g
fourth=$(scr_cap | sed -n 6p | awk '{ print $3 }' | sed 's/.*…//')
click 20 5 65
sleep 0.3
like "the wheel over the list moves three rows" "$(scr_cap | sed -n 3p)" "│   5a0e1d2c-[-0-9a-f]*$fourth\$"
# A click on a footer key runs it: "? help".
y=$(( $(scr_line_of "? help") + 1 ))
x=$(col_of "? help")
click "$x" "$y"
scr_ok "a click on '? help' opens the help" "any key closes"
scr_keys x
scr_gone "closed" "any key closes"
# A click on the header's slow count sorts slowest first.
x=$(col_of "1 slow")
click "$x" 1
scr_ok "a click on the slow count sorts slowest first" "SLOWEST▼"
scr_keys q
is "150x40: q exits 0" "$(scr_wait_rc)" 0
is "150x40: nothing on stderr" "$(cat "$T/err.log")" ""

# ---- 80x24, no colour, ASCII, the older mouse encoding -------------------------
SCR_W=80 SCR_H=24 SCR_TERM=screen
scr_start -u "$FAKE_URL" --state "$STATE" -i 1 --ascii --color never
scr_ok "80x24: the list is up" "NOT_START"
scr_ok "80x24: the slow count fits" "slow"
is "80x24: the older encoding was asked for" \
	"$(scr display-message -p '#{mouse_sgr_flag}/#{mouse_standard_flag}')" "0/1"
ENC=x10
scr_keys s s
scr_ok "ascii: the arrow is ^" "STATUS^"
scr_keys S
scr_ok "ascii: v when descending" "STATUSv"
y=$(( $(scr_line_of "Done Already") + 1 ))
click 10 "$y"
like "80x24: a click selects the row" "$(scr_cap | grep -F 'Status:')" "SUCCESS"
# The wheel over the pane (small here) scrolls it.
py=$(( $(scr_line_of "Details") + 3 ))
px=$(( $(col_of "Details") + 2 ))
scr_keys Escape
click "$px" "$py" 65
scr_ok "80x24: the wheel scrolls the pane" "Details 4-"
click "$px" "$py" 64
scr_ok "80x24: and back" "Details 1-"
scr_keys ' '
scr_ok "80x24: Space marks" "*1"
scr_keys Escape q
is "80x24: q exits 0" "$(scr_wait_rc)" 0

# ---- --no-mouse; a bind line in the help overlay --------------------------------
printf 'bind m mark\n' >"$T/bind.conf"
SCR_W=150 SCR_H=40 SCR_TERM=xterm-256color
scr_start -u "$FAKE_URL" --state "$STATE" -i 1 -c "$T/bind.conf" --no-mouse
scr_ok "--no-mouse: the list is up" "NOT_START"
is "--no-mouse: no mouse reports asked for" \
	"$(scr display-message -p '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}')" 0000
scr_keys m
scr_ok "m marks, as bound" "1 marked"
scr_keys '?'
scr_ok "the help shows the bound key" "Space, m / *"
scr_keys x q
is "--no-mouse: q exits 0" "$(scr_wait_rc)" 0

# A bad bind stops the program at start with FILE:LINE.
printf 'interval = 5\nbind m nosuch\n' >"$T/bad.conf"
run_sunotop bad -c "$T/bad.conf" --once x
is "bad bind: exit 2" "$RC" 2
like "bad bind: FILE:LINE" "$ERR" "bad.conf:2: unknown action 'nosuch'"
done_testing
