#!/bin/sh
# After the help overlay, a prompt or the y/n question closes, the screen is
# exactly what a fresh start draws, at every width where the pane sits
# beside the list and below it, with and without --ascii; Ctrl-L too.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=$BASIC_OK
FAIL=$BASIC_FAIL

fake_start basic.json || skip_all "fake server did not start"

# The header's clock moves, and so do ages: compare everything below the
# header, with figures masked.
body() {
	scr_cap | sed '1d; s/just now/0s ago/g; s/[0-9][0-9]*/#/g'
}

# same NAME: the screen equals the one saved in $T/fresh.txt.
same() {
	_n=0
	while [ $_n -lt 30 ]; do
		body >"$T/now.txt"
		cmp -s "$T/fresh.txt" "$T/now.txt" && { ok "$1"; return; }
		sleep 0.1
		_n=$((_n + 1))
	done
	not_ok "$1"
	diag "differs from a fresh redraw:" "$(diff "$T/fresh.txt" "$T/now.txt")"
}

for size in 150x40 120x35 80x24 40x10; do
	scr_size "$size"
	for mode in "" --ascii; do
		# In colour plain, with NO_COLOR under --ascii.
		SCR_ENV=
		[ -n "$mode" ] && SCR_ENV=NO_COLOR=1
		scr_start -u "$FAKE_URL" --state "$T/tasks-$size$mode.json" \
			--interval 3600 $mode "$OK1" "$FAIL"
		scr_wait "SUCCESS" || true
		sleep 0.5
		scr_keys C-l
		sleep 0.5
		body >"$T/fresh.txt"
		scr_keys '?'
		scr_wait "any key" || scr_wait "keys" || true
		scr_keys Escape
		same "$size$mode: help closed, the screen is a fresh redraw"
		scr_keys '?'
		scr_wait "any key" || true
		scr_keys Escape C-l
		same "$size$mode: Ctrl-L after the help, a fresh redraw"
		scr_keys /
		scr_wait "filter" || true
		scr_keys Escape
		scr_wait_gone "filter /" || true
		scr_keys C-l
		same "$size$mode: a prompt closed, a fresh redraw"
		scr_keys d
		scr_wait "untrack" || true
		scr_keys n
		scr_keys C-l
		same "$size$mode: the question closed, a fresh redraw"
		scr_keys q
		is "$size$mode: q exits 0" "$(scr_wait_rc)" 0
	done
done

done_testing
