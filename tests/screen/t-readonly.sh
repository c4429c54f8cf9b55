#!/bin/sh
# A second instance on the same state file: a lasting read-only mark in the
# header at every size, and every edit (add, untrack, undo) says it is not
# saved.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=$BASIC_OK
FAIL=$BASIC_FAIL

fake_start basic.json || skip_all "fake server did not start"
cat >"$T/second.sh" <<EOF2
#!/bin/sh
'$SUNOTOP' -u '$FAKE_URL' --state '$T/tasks.json' 2>'$T/err2.log'
echo \$? >'$T/rc2'
exec sh -i
EOF2

cap2() {
	scr capture-pane -p -t :second
}

# wait2 TEXT: until the second instance shows TEXT (5 s).
wait2() {
	_n=0
	while ! cap2 | grep -Fq -- "$1" && [ $_n -lt 50 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	cap2 | grep -Fq -- "$1"
}

ok2() {
	if wait2 "$2"; then ok "$1"; else not_ok "$1"; diag "$(cap2)"; fi
}

for size in 150x40 120x35 80x24 40x10; do
	scr_size "$size"
	rm -f "$T/rc2"
	scr_start -u "$FAKE_URL" --state "$T/tasks.json" "$OK1"
	scr_ok "$size: the first instance runs" "SUCCESS"
	scr new-window -d -n second "env LANG=C.UTF-8 LC_ALL=C.UTF-8 sh '$T/second.sh'"
	ok2 "$size: the second shows the list" "SUCCESS"
	ok2 "$size: the second's header is marked read-only" "read-only"
	# Messages come and go; the mark stays.
	scr send-keys -t :second C-l
	sleep 6
	if cap2 | head -1 | grep -Fq "read-only"; then
		ok "$size: the mark lasts"
	else
		not_ok "$size: the mark lasts"
		diag "$(cap2)"
	fi
	scr send-keys -t :second a "$FAIL" Enter
	ok2 "$size: an add says it is not saved" "read-only, not saved: added"
	scr send-keys -t :second u
	ok2 "$size: an undo says it is not saved" "read-only, not saved: undid"
	scr send-keys -t :second d y
	ok2 "$size: an untrack says it is not saved" "read-only, not saved: untracked"
	scr send-keys -t :second q
	scr_keys q
	is "$size: the first exits 0" "$(scr_wait_rc)" 0
	_n=0
	while [ ! -s "$T/rc2" ] && [ $_n -lt 50 ]; do sleep 0.1; _n=$((_n + 1)); done
	is "$size: the second exits 0" "$(cat "$T/rc2" 2>/dev/null)" 0
	scr_start -u "$FAKE_URL" --state "$T/tasks.json"
	scr_ok "$size: alone, the instance writes" "SUCCESS"
	if scr_cap | head -1 | grep -Fq "read-only"; then
		not_ok "$size: alone: no read-only mark"
	else
		ok "$size: alone: no read-only mark"
	fi
	scr_keys q
	is "$size: alone: q exits 0" "$(scr_wait_rc)" 0
	check "$size: the second's add was not saved" sh -c "! grep -q '$FAIL' '$T/tasks.json'"
done

done_testing
