#!/bin/sh
# Input safety: a 100,000-line id file is read quickly and an invalid id deep
# in it is refused with its line's text; invalid ids of every kind are
# refused with a reason naming them (control characters shown neutralized);
# a config file with an unknown key or a bad value stops with FILE:LINE.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

"$PYTHON3" - "$T/big.txt" "$T/bigbad.txt" <<'EOF2'
import sys
ids = ["%08x-aaaa-4bbb-8ccc-%012x" % (i, i) for i in range(100000)]
open(sys.argv[1], "w").write("\n".join(ids) + "\n")
ids[99990] = "zz-bad/id-99990"
open(sys.argv[2], "w").write("\n".join(ids) + "\n")
EOF2
DEAD=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

t0=$(date +%s)
RUN_TIMEOUT=10 run_sunotop bigbad --once -u "http://127.0.0.1:$DEAD" -f "$T/bigbad.txt"
t1=$(date +%s)
is "100,000 lines with one bad id: exit 2" "$RC" 2
like "100,000 lines: the bad id and the file are named" "$ERR" "invalid task id 'zz-bad/id-99990' in $T/bigbad.txt"
check "100,000 lines: refused within 10 s ($((t1 - t0)) s)" test $((t1 - t0)) -le 10

# All 100,000 valid: the list is built and the first round starts; the
# server is unreachable, so stop it after the first failure is reported.
"$SUNOTOP" --watch -u "http://127.0.0.1:$DEAD" -f "$T/big.txt" >"$T/big.out" 2>"$T/big.err" </dev/null &
pid=$!
n=0
while ! grep -q "attempt 1 failed" "$T/big.err" && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill "$pid" 2>/dev/null
wait "$pid"
rc=$?
check "100,000 valid ids: the first round ran within 10 s" grep -q "attempt 1 failed" "$T/big.err"
is "100,000 valid ids: SIGTERM ends it with 143" "$rc" 143

# Invalid ids on the command line: each named, with the reason.
check_bad() {
	run_sunotop bad --once -u "http://127.0.0.1:$DEAD" -- "$1"
	is "invalid id ($3): exit 2" "$RC" 2
	like "invalid id ($3): named and explained" "$ERR" "$2"
	check "invalid id ($3): stderr carries no control bytes" no_terminal_controls "$T/bad.err"
}
check_bad 'a/b' "invalid task id 'a/b': contains a character" "slash"
check_bad '-rf' "invalid task id '-rf': must not start with" "leading dash"
check_bad '../etc' "invalid task id '\\.\\./etc': must not start with" "dot-dot"
check_bad "$(printf '%0200d' 7)" "invalid task id '0{80}'\\.\\.\\.: too long" "200 characters"
check_bad "$(printf 'x\033]0;owned\007y')" "invalid task id 'x\\^\\[\\]0;owned\\^Gy'" "OSC title sequence"
check_bad "$(printf 'id\342\200\256evil')" "invalid task id 'id.*evil': contains" "bidi override"
check_bad "$(printf 'id\377\376')" "invalid task id 'id.*': contains" "invalid UTF-8"
# Words and numbers around ids are not ids: each is named with its reason.
run_sunotop junk --once -u "http://127.0.0.1:$DEAD" -- 'hello; rm -rf / $(x) 12 ../../etc/passwd'
is "pasted shell junk: exit 2" "$RC" 2
is "pasted shell junk: all seven words refused" "$(grep -c "^sunotop: invalid task id '" "$T/junk.err")" 7
like "pasted shell junk: a short word is too short" "$ERR" "invalid task id 'rm': too short"
like "pasted shell junk: a number is too short" "$ERR" "invalid task id '12': too short"
like "pasted shell junk: a path is refused" "$ERR" "invalid task id '\\.\\./\\.\\./etc/passwd': must not start with"
run_sunotop short --once -u "http://127.0.0.1:$DEAD" junk1
is "a 5-character id: exit 2" "$RC" 2
like "a 5-character id: too short" "$ERR" "invalid task id 'junk1': too short"
"$PYTHON3" -c 'print("\n".join("bad%d" % i for i in range(25)))' >"$T/many.txt"
run_sunotop many --once -u "http://127.0.0.1:$DEAD" -f "$T/many.txt"
is "25 invalid ids: exit 2" "$RC" 2
is "25 invalid ids: ten named" "$(grep -c "^sunotop: invalid task id 'bad" "$T/many.err")" 10
like "25 invalid ids: the rest counted" "$ERR" "and 15 more invalid task ids"
printf 'good-0001\n\n   \nsp ace,\001ctl\n' >"$T/ids.txt"
run_sunotop badfile --once -u "http://127.0.0.1:$DEAD" -f "$T/ids.txt"
is "control character in an id file: exit 2" "$RC" 2
like "control character in an id file: named, neutralized, with the file" "$ERR" "invalid task id '\\^Actl' in $T/ids.txt"

# Config files.
conf() {
	printf "$2" >"$T/$1.conf"
	run_sunotop "conf$1" --once -c "$T/$1.conf" -u "http://127.0.0.1:$DEAD" good-id-1
}
conf unknown 'interval = 5\n# a comment\n\nbogus_key = 1\n'
is "config unknown key: exit 2" "$RC" 2
like "config unknown key: FILE:LINE and the key" "$ERR" "$T/unknown\\.conf:4: unknown key 'bogus_key'"
conf interval 'interval = soon\n'
is "config bad interval: exit 2" "$RC" 2
like "config bad interval: FILE:LINE and the reason" "$ERR" "$T/interval\\.conf:1: interval"
conf bool '\n\nascii = maybe\n'
is "config bad boolean: exit 2" "$RC" 2
like "config bad boolean: FILE:LINE" "$ERR" "$T/bool\\.conf:3: ascii"
conf color 'color = sometimes\n'
is "config bad colour: exit 2" "$RC" 2
like "config bad colour: FILE:LINE" "$ERR" "$T/color\\.conf:1: color"
conf noeq 'interval 5\n'
is "config line without '=': exit 2" "$RC" 2
like "config line without '=': FILE:LINE" "$ERR" "$T/noeq\\.conf:1:"
conf esc 'base_url = "http://x\033]0;owned\007"\nbogus\033[2J = 1\n'
is "config with escape sequences: exit 2" "$RC" 2
check "config with escape sequences: stderr neutralized" no_terminal_controls "$T/confesc.err"

done_testing
