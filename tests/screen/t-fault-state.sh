#!/bin/sh
# Data safety of the state file: kill -9 at random moments while ids are
# being added never loses an acknowledged id nor leaves a file that does not
# parse; a corrupt file is moved aside and the dashboard says so; a state
# directory the user may not write in gives a warning and the dashboard
# keeps running; a second instance on the same file says it is read-only.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

STATE="$T/state/tasks.json"
DEAD=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$DEAD"

# ids FIRST COUNT: COUNT distinct task ids, space-separated.
ids() {
	"$PYTHON3" -c 'import sys
a, n = int(sys.argv[1]), int(sys.argv[2])
print(" ".join("%08x-bbbb-4ccc-8ddd-%012x" % (i, i) for i in range(a, a + n)))' "$1" "$2"
}

# state_check: the file parses as version 1 and holds every id in $T/acked.
state_check() {
	"$PYTHON3" - "$STATE" "$T/acked" <<'EOF2'
import json, sys
st = json.load(open(sys.argv[1], encoding="utf-8"))
assert st["version"] == 1, st.get("version")
have = {e["id"] for e in st["tasks"]}
want = open(sys.argv[2]).read().split()
missing = [i for i in want if i not in have]
if missing:
    print("# %d acknowledged ids missing, e.g. %s" % (len(missing), missing[:3]))
    sys.exit(1)
EOF2
}

# scr_reset: end the tmux server and wait until it is gone, so the next
# session does not meet a server still shutting down.
scr_reset() {
	scr kill-server >/dev/null 2>&1
	_n=0
	while scr has-session >/dev/null 2>&1 && [ $_n -lt 20 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	sleep 0.2
}

sunotop_pid() {
	ps -o pid= --ppid "$(scr display -p '#{pane_pid}')" | tr -d ' ' | head -1
}

# ---- kill -9 while adding -----------------------------------------------
# 20,000 tracked ids make every save long enough to be hit in the middle.
ids 0 20000 | tr ' ' '\n' >"$T/big.txt"
cp "$T/big.txt" "$T/acked"
next=100000
total=20000
for round in 1 2 3 4; do
	if [ $round = 1 ]; then
		scr_start -u "$URL" --state "$STATE" -f "$T/big.txt"
	else
		scr_start -u "$URL" --state "$STATE"
	fi
	if ! scr_wait "$total/$total" 100; then
		not_ok "round $round: the dashboard shows the $total saved ids"
		diag "$(scr_cap)"
		break
	fi
	for burst in 1 2 3; do
		list=$(ids $next 25)
		next=$((next + 25))
		scr set-buffer "$list"
		scr paste-buffer -p
		scr_wait "add ids:" 20 >/dev/null
		scr_keys Enter
		if [ $burst = 3 ]; then
			# Kill at a random moment in the next ~60 ms: often mid-save.
			sleep "0.0$(awk -v s="$round$$" 'BEGIN { srand(s); printf "%d", rand() * 6 }')"
			kill -9 "$(sunotop_pid)"
			break
		fi
		total=$((total + 25))
		scr_wait "$total/$total" 50 && printf '%s\n' $list >>"$T/acked"
	done
	scr_wait_rc 30 >/dev/null
	check "round $round: after kill -9 the file parses and holds all $(wc -l <"$T/acked" | tr -d ' ') acknowledged ids" state_check
	total=$("$PYTHON3" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["tasks"]))' "$STATE")
	scr_reset
done
scr_start -u "$URL" --state "$STATE"
scr_ok "after the kills: the dashboard starts on the file" "$total/$total"
scr_keys q
is "after the kills: q exits with status 0" "$(scr_wait_rc)" 0
scr_reset
is "after the kills: temp files of killed saves were removed" "$(ls "$T/state" | grep -c 'tmp-')" 0
check "kill -9: no id was listed twice" "$PYTHON3" -c '
import json, sys
ids = [e["id"] for e in json.load(open(sys.argv[1]))["tasks"]]
sys.exit(0 if len(ids) == len(set(ids)) else 1)' "$STATE"

# ---- a corrupt state file ----------------------------------------------
mkdir -p "$T/c"
printf '{"version":1,"tasks":[{"id":"abc"' >"$T/c/tasks.json"
scr_start -u "$URL" --state "$T/c/tasks.json"
scr_ok "corrupt: the dashboard says it kept the file aside" "state file was unreadable; kept it as"
scr_ok "corrupt: and starts empty" "press a to add"
scr_keys q
is "corrupt: q exits with status 0" "$(scr_wait_rc)" 0
aside=$(ls "$T/c" | grep -c '^tasks\.json\.corrupt-')
is "corrupt: one file kept aside" "$aside" 1
is "corrupt: the kept file is the original" "$(cat "$T/c"/tasks.json.corrupt-*)" '{"version":1,"tasks":[{"id":"abc"'
scr_reset

# ---- a state directory the user may not write in ---------------------------
OK1=2a145658-3342-4228-b779-b8323a2b77df
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	mkdir -p "$T/ro" "$T/nobody"
	printf '{"version":1,"tasks":[\n{"id":"%s","added":1764424000,"fetched":0,"task":null}\n]}\n' "$OK1" >"$T/ro/tasks.json"
	chmod 755 "$T" "$T/ro"
	chmod 644 "$T/ro/tasks.json"
	chmod 777 "$T/nobody"
	cat >"$T/as-nobody.sh" <<EOF2
#!/bin/sh
exec env HOME='$T/nobody' XDG_CONFIG_HOME='$T/nobody' XDG_STATE_HOME='$T/nobody' \
	setpriv --reuid=65534 --regid=65534 --clear-groups '$SUNOTOP' "\$@"
EOF2
	chmod 755 "$T/as-nobody.sh"
	SUNOTOP_REAL=$SUNOTOP
	SUNOTOP="$T/as-nobody.sh"
	scr_start -u "$URL" --state "$T/ro/tasks.json"
	scr_ok "read-only dir: the dashboard warns that nothing will be saved" "changes will not be saved"
	scr_ok "read-only dir: the saved list is still shown" "1/1"
	scr_keys a "$OK1-x" Enter
	scr_ok "read-only dir: adding still works on screen" "2/2"
	scr_keys q
	is "read-only dir: q exits with status 0" "$(scr_wait_rc)" 0
	is "read-only dir: the file is untouched" "$(grep -c "$OK1-x" "$T/ro/tasks.json")" 0
	scr_reset
	SUNOTOP=$SUNOTOP_REAL
else
	for i in 1 2 3 4 5; do skip "read-only dir: needs root and setpriv"; done
fi

# ---- two instances on one state file --------------------------------------
mkdir -p "$T/two"
scr_start -u "$URL" --state "$T/two/tasks.json" "$OK1"
scr_ok "two: the first instance runs" "1/1"
cat >"$T/second.sh" <<EOF2
#!/bin/sh
'$SUNOTOP' -u '$URL' --state '$T/two/tasks.json' 2>'$T/err2.log'
echo \$? >'$T/rc2'
exec sh -i
EOF2
scr new-window -d -n second "env LANG=C.UTF-8 LC_ALL=C.UTF-8 sh '$T/second.sh'"
n=0
while ! scr capture-pane -p -t :second | grep -q "will not save" && [ $n -lt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
like "two: the second says it will not save" "$(scr capture-pane -p -t :second)" "another sunotop is using .*will not save changes"
like "two: the second shows the list" "$(scr capture-pane -p -t :second)" "1/1"
scr send-keys -t :second a "$OK1-second" Enter
sleep 1
is "two: the second's addition is not saved" "$(grep -c "$OK1-second" "$T/two/tasks.json")" 0
scr send-keys -t :second q
scr_keys a "$OK1-first" Enter
scr_ok "two: the first still adds" "2/2"
check "two: the first still saves" state_has "$T/two/tasks.json" "$OK1-first"
scr_keys q
is "two: the first exits with status 0" "$(scr_wait_rc)" 0
n=0
while [ ! -s "$T/rc2" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
is "two: the second exits with status 0" "$(cat "$T/rc2" 2>/dev/null)" 0
check "two: no temp files left behind" sh -c "! ls '$T/two' | grep -q tmp"

done_testing
