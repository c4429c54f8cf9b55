#!/bin/sh
# A terminal that cannot show the dashboard (TERM=dumb: no cursor
# addressing; an unknown TERM; none at all) gets one clear message on
# stderr and exit 2 before curses starts: nothing is drawn, the state file
# is not touched, and the shell that takes over finds a clean terminal.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
DEAD=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

# refused NAME TERM MESSAGE-ERE
refused() {
	SCR_TERM=$2 scr_start -u "http://127.0.0.1:$DEAD" --state "$T/$1.json" "$OK1"
	is "$1: exit status 2" "$(scr_wait_rc)" 2
	like "$1: says why and what to use instead" "$(cat "$T/err.log")" "$3.*use --once or --watch"
	is "$1: one line on stderr" "$(wc -l <"$T/err.log" | tr -d ' ')" 1
	check "$1: stderr carries no control bytes" no_terminal_controls "$T/err.log"
	scr_wait 'shell$' >/dev/null
	is "$1: nothing was drawn (only the shell's prompt)" \
		"$(scr_cap | grep -v '^shell\$ *$' | grep -c .)" 0
	check "$1: the state file was not created" test ! -e "$T/$1.json"
}

refused dumb dumb "^sunotop: the terminal TERM=dumb cannot move the cursor, which the dashboard needs"
refused unknown nosuchterm "^sunotop: unknown terminal type TERM=nosuchterm \\(no terminfo entry\\)"
refused unset - "^sunotop: TERM is not set"
refused hostile "$(printf 'x\033]0;owned\007')" "^sunotop: unknown terminal type TERM=x\\^\\[\\]0;owned\\^G"

# The same program in a terminal that can address the cursor starts.
SCR_TERM=xterm scr_start -u "http://127.0.0.1:$DEAD" --state "$T/ok.json" "$OK1"
scr_ok "xterm: the dashboard starts" "1/1"
scr_keys q
is "xterm: q exits with status 0" "$(scr_wait_rc)" 0

done_testing
