#!/bin/sh
# Scripts and their surroundings: a reader that goes away ends the run at
# once with 141 and nothing on stderr; --timeout bounds a run and a
# Retry-After beyond it ends the run saying the server asked to wait; at
# most 4 --on-complete commands run at once and none is lost; a script
# never moves or rewrites the state file; SIGHUP ends a script with 129.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

# ---- standard output closed --------------------------------------------------
"$PYTHON3" - "$T/many.json" <<'EOF2'
import json, sys
tl = [{"after": 0, "status": "IN_PROGRESS"}]
json.dump({"key": "test-key", "tasks": [
    {"id": "0000a000-0000-4000-8000-%012d" % i, "action": "MUSIC", "title": "Song %d " % i + "x" * 200,
     "clips": 2, "timeline": tl} for i in range(150)]}, open(sys.argv[1], "w"))
EOF2
fake_start "$T/many.json" || skip_all "fake server did not start"
ids=$("$PYTHON3" -c 'import json, sys; print(" ".join(t["id"] for t in json.load(open(sys.argv[1]))["tasks"]))' "$T/many.json")
W=0000a000-0000-4000-8000-000000000000

start=$(date +%s)
{ with_timeout 15 "$SUNOTOP" --watch -i 1 -u "$FAKE_URL" "$W" 2>"$T/head.err"; echo $? >"$T/head.rc"; } |
	head -1 >"$T/head.out"
took=$(( $(date +%s) - start ))
is "watch | head -1: status 141, as if killed by SIGPIPE" "$(cat "$T/head.rc")" 141
check "watch | head -1: ends at once (${took} s)" test "$took" -le 4
is "watch | head -1: nothing on stderr" "$(cat "$T/head.err")" ""
like "watch | head -1: the one line" "$(cat "$T/head.out")" "$W"

# shellcheck disable=SC2086
{ with_timeout 15 "$SUNOTOP" --once --json -u "$FAKE_URL" $ids 2>"$T/headc.err"; echo $? >"$T/headc.rc"; } |
	head -c 10 >/dev/null
is "once --json | head -c 10: status 141" "$(cat "$T/headc.rc")" 141
is "once --json | head -c 10: nothing on stderr" "$(cat "$T/headc.err")" ""

# A full disk is not a reader going away: said, and status 4.
if [ -w /dev/full ]; then
	with_timeout 15 "$SUNOTOP" --once -u "$FAKE_URL" "$W" >/dev/full 2>"$T/full.err"
	is "stdout on a full disk: status 4" "$?" 4
	like "stdout on a full disk: says why" "$(cat "$T/full.err")" "cannot write the output"
else
	skip "no /dev/full"
	skip "no /dev/full"
fi
fake_stop

# ---- --timeout ----------------------------------------------------------------
scenario_with_faults basic.json ra '[{"match": "any", "count": -1, "status": 429, "retry_after": "600"}]'
fake_start "$T/ra.json" || skip_all "fake server did not start"
A=2a145658-3342-4228-b779-b8323a2b77df
start=$(date +%s)
run_sunotop ra --once --timeout 5 -u "$FAKE_URL" "$A"
took=$(( $(date +%s) - start ))
is "Retry-After 600 with --timeout 5: exit 3" "$RC" 3
check "Retry-After 600 with --timeout 5: over in ${took} s" test "$took" -le 6
like "the error line says the server asked to wait longer" "$ERR" \
	"the server asked to wait 600 s, longer than the [0-9]+ s left of --timeout 5 s"
run_sunotop raj --once --json --timeout 3 -u "$FAKE_URL" "$A"
like "the id is NO_ANSWER with the reason" "$(jget "$T/raj.out" "$A" error)" "server asked to wait 600 s"
run_sunotop raw --watch --timeout 3 -u "$FAKE_URL" "$A"
is "--watch --timeout: exit 3 as well" "$RC" 3
fake_stop

scenario_with_faults basic.json stall '[{"match": "any", "count": -1, "stall": 60}]'
fake_start "$T/stall.json" || skip_all "fake server did not start"
start=$(date +%s)
run_sunotop stall --watch --timeout 3 -u "$FAKE_URL" "$A"
took=$(( $(date +%s) - start ))
is "a stalled server with --timeout 3: exit 3" "$RC" 3
check "a stalled server with --timeout 3: over in ${took} s" test "$took" -le 5
like "a stalled server: says the time ran out" "$ERR" "no answer within --timeout 3 s"
run_sunotop bad --once --timeout 0 "$A"
is "--timeout 0 is a usage error" "$RC" 2
run_sunotop bad2 --timeout 5 "$A"
is "--timeout without --once/--watch is a usage error" "$RC" 2
fake_stop

# ---- at most 4 --on-complete commands at once ----------------------------------
"$PYTHON3" - "$T/burst.json" <<'EOF2'
import json, sys
tl = [{"after": 0, "status": "IN_PROGRESS"}, {"after": 1, "status": "SUCCESS"}]
json.dump({"key": "test-key", "tasks": [
    {"id": "b0000000-0000-4000-8000-%012d" % i, "action": "MUSIC", "title": "T", "timeline": tl}
    for i in range(12)]}, open(sys.argv[1], "w"))
EOF2
fake_start "$T/burst.json" || skip_all "fake server did not start"
ids=$("$PYTHON3" -c 'import json, sys; print(" ".join(t["id"] for t in json.load(open(sys.argv[1]))["tasks"]))' "$T/burst.json")
mkdir -p "$T/running"
cat >"$T/hook.sh" <<'EOF2'
#!/bin/sh
d=$(dirname "$0")
mkdir "$d/running/$$"
ls "$d/running" | wc -l >>"$d/concurrency"
echo "$SUNOTOP_TASK_ID" >>"$d/calls"
sleep 1
rmdir "$d/running/$$"
EOF2
chmod +x "$T/hook.sh"
# shellcheck disable=SC2086
run_sunotop burst --watch -i 1 -u "$FAKE_URL" --on-complete "$T/hook.sh" $ids
is "burst: watch exits 0" "$RC" 0
_i=0
while [ "$(wc -l <"$T/calls" 2>/dev/null | tr -d ' ')" != 12 ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
is "burst: every one of the 12 commands ran" "$(sort -u "$T/calls" | wc -l | tr -d ' ')" 12
is "burst: never more than 4 at once" "$(sort -n "$T/concurrency" | tail -1 | tr -d ' ')" 4
fake_stop

# ---- a script leaves the state file alone ---------------------------------------
fake_start basic.json || skip_all "fake server did not start"
mkdir -p "$T/st"
printf '{"version":2,"tasks":[{"id":"%s"}]}' "$A" >"$T/st/tasks.json"
cp "$T/st/tasks.json" "$T/st/orig.json"
run_sunotop newer --once -u "$FAKE_URL" --state "$T/st/tasks.json"
is "newer state file: a script says there is nothing to poll" "$RC" 2
like "newer state file: and why" "$ERR" "left as it is"
check "newer state file: untouched" cmp -s "$T/st/tasks.json" "$T/st/orig.json"
is "newer state file: nothing moved aside or created" "$(ls "$T/st" | tr '\n' ' ')" "orig.json tasks.json "
printf 'garbage' >"$T/st/tasks.json"
run_sunotop corrupt --watch -u "$FAKE_URL" --state "$T/st/tasks.json"
is "corrupt state file: left as it is" "$(cat "$T/st/tasks.json")" "garbage"
is "corrupt state file: nothing moved aside" "$(ls "$T/st" | tr '\n' ' ')" "orig.json tasks.json "

# ---- --json is valid UTF-8 ------------------------------------------------------
J=5a5a5a5a-0000-4000-8000-000000000001
"$PYTHON3" - "$T/utf.json" "$J" <<'EOF2'
import json, sys
title = "a\u0000b \u009b31m \u202eevil\u202c \U0001F468\u200d\U0001F469 \u00e9"
json.dump({"key": "test-key", "tasks": [{"id": sys.argv[2], "action": "MUSIC", "title": title,
           "status": "SUCCESS"}],
           "faults": [{"match": "any", "count": -1, "bad_utf8": True}]},
          open(sys.argv[1], "w"), ensure_ascii=True)
EOF2
fake_start "$T/utf.json" || skip_all "fake server did not start"
run_sunotop utf --once --json -u "$FAKE_URL" "$J"
check "--json: strict UTF-8 even with invalid bytes from the server" \
	"$PYTHON3" -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8", "strict")' "$T/utf.out"
like "--json: NUL kept as \\u0000" "$OUT" 'a\\u0000b'
like "--json: C1 written as \\u009b" "$OUT" '\\u009b31m'
like "--json: bidi written as \\u202e" "$OUT" '\\u202eevil\\u202c'
like "--json: the family emoji is kept whole" "$OUT" "$(printf '\360\237\221\250\342\200\215\360\237\221\251')"
like "--json: invalid bytes became U+FFFD" "$OUT" "$(printf '\357\277\275')"
fake_stop

# ---- SIGHUP -------------------------------------------------------------------------
with_timeout 20 "$SUNOTOP" --watch -i 1 -u "$FAKE_URL" 346c5d10-a4a1-4f49-a851-66a7dae6cfaf \
	>/dev/null 2>&1 &
pid=$!
sleep 1
kill -HUP "$pid"
wait "$pid"
is "SIGHUP ends --watch with 129" "$?" 129

done_testing
