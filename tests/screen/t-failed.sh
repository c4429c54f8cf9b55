#!/bin/sh
# A failed task: its reason sits right under the status in the pane, in
# view at every size; the header's failed count is the last figure to go.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=$BASIC_OK
RUN=$BASIC_RUN
FAIL=$BASIC_FAIL

fake_start basic.json || skip_all "fake server did not start"
for size in 150x40 120x35 80x24 40x10; do
	scr_size "$size"
	for colour in always never; do
		# never: NO_COLOR in the environment, as a user sets it
		SCR_ENV=
		[ $colour = never ] && SCR_ENV=NO_COLOR=1
		scr_start -u "$FAKE_URL" --state "$T/s-$size-$colour.json" \
			"$OK1" "$RUN" "$FAIL"
		scr_ok "$size $colour: started" "FAILURE"
		scr_keys G
		if [ "$SCR_H" -gt 10 ]; then
			# (at 40x10 the list has the whole screen: no pane)
			scr_ok "$size $colour: the reason is in view" "Reason:"
			st=$(scr_line_of "Status:")
			re=$(scr_line_of "Reason:")
			is "$size $colour: the reason right under the status" "$re" $((st + 1))
		fi
		scr_cap | head -1 >"$T/head.txt"
		if grep -Eq "(✖|x) ?1( |$)" "$T/head.txt"; then
			ok "$size $colour: the header keeps the failed count"
		else
			not_ok "$size $colour: the header keeps the failed count"
			diag "$(cat "$T/head.txt")"
		fi
		scr_keys q
		is "$size $colour: q exits 0" "$(scr_wait_rc)" 0
	done
done

done_testing
