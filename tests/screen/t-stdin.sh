#!/bin/sh
# Ids piped into the dashboard with -f -: the list comes from the pipe, the
# keys from the terminal.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
FAIL=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098
STATE="$T/tasks.json"

fake_start basic.json || skip_all "fake server did not start"
printf '%s\n%s\n' "$OK1" "$FAIL" >"$T/ids"
SCR_PIPE="$T/ids" scr_start -u "$FAKE_URL" --state "$STATE" -i 1 -f -
scr_ok "piped ids: the first is listed" "SUCCESS"
scr_ok "piped ids: the second is listed" "FAILURE"
like "piped ids: two tasks" "$(scr_cap)" "2/2"
scr_keys a
scr_ok "keys come from the terminal: a opens the prompt" "add ids:"
scr_keys Escape
scr_ok "Esc cancels" "cancelled"
scr_keys q
is "q exits with status 0" "$(scr_wait_rc)" 0
check "the piped ids were saved" grep -Fq "$FAIL" "$STATE"

# Without a terminal at all the dashboard still refuses, and says why.
printf '%s\n' "$OK1" | setsid -w "$SUNOTOP" -u "$FAKE_URL" --state "$T/b.json" -f - \
	>"$T/out" 2>"$T/err"
rc=$?
is "no terminal: exit status 2" "$rc" 2
like "no terminal: says a terminal is needed" "$(cat "$T/err")" "needs a terminal"

done_testing
