#!/bin/sh
# The list gets its width first: the pane sits beside it only when the list
# keeps a readable title column, else below; v hides and shows the pane, z
# makes it full screen (and back).
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=$BASIC_OK
RUN=$BASIC_RUN
FAIL=$BASIC_FAIL

fake_start basic.json || skip_all "fake server did not start"

# title_width: the columns of the list's TITLE heading up to the pane's rule.
title_width() {
	scr_cap | sed -n 2p | "$PYTHON3" -c '
import sys
l = sys.stdin.read().rstrip("\n").ljust(int(sys.argv[1]))
i = l.find("TITLE")
if i < 0:
    print(0)
else:
    j = l.find("\u2502", i)
    print((j if j >= 0 else len(l)) - i)' "$SCR_W"
}

for size in 150x40 120x35 80x24 40x10; do
	scr_size "$size"
	scr_start -u "$FAKE_URL" --state "$T/s-$size.json" "$OK1" "$RUN" "$FAIL"
	scr_ok "$size: started" "FAILURE"
	tw=$(title_width)
	case $size in
	150x40)
		check "$size: the pane is beside the list" [ "$(scr_line_of "Details")" -eq 1 ]
		check "$size: the title column is readable ($tw)" [ "$tw" -ge 20 ] ;;
	120x35)
		check "$size: the pane moved below the list" [ "$(scr_line_of "Details")" -gt 1 ]
		check "$size: the title column is readable ($tw)" [ "$tw" -ge 20 ] ;;
	esac
	scr_keys v
	scr_ok "$size: v hides the pane" "details pane hidden"
	if [ "$SCR_H" -gt 10 ]; then
		check "$size: no pane" [ "$(scr_line_of "Details")" -lt 0 ]
	fi
	scr_keys v
	scr_ok "$size: v shows it again" "details pane shown"
	scr_keys G z
	scr_ok "$size: z: the pane full screen" "details full screen"
	scr_ok "$size: the pane is on the first row" "Details"
	check "$size: z: the list is gone" [ "$(scr_line_of "STATUS")" -lt 0 ]
	check "$size: z: the pane starts under the header" [ "$(scr_line_of "Details")" -eq 1 ]
	scr_keys j
	scr_keys z
	scr_ok "$size: z again: back" "details pane shown"
	scr_ok "$size: the list is back" "STATUS"
	scr_keys z Escape
	scr_ok "$size: Esc leaves full screen too" "STATUS"
	scr_keys q
	is "$size: q exits 0" "$(scr_wait_rc)" 0
done

done_testing
