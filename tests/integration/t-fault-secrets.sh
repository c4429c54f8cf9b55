#!/bin/sh
# The API key: never in the process's argv, the debug log, stdout or stderr,
# even when the server quotes it back in an error; key files that group or
# others may read are refused; plain http only draws a warning for a host
# that is not loopback.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

S=2a145658-3342-4228-b779-b8323a2b77df
SECRET=sk-Zq81xSECRETkey

# A server that wants SECRET, stalls the first batch (so the process can be
# inspected while it waits) and answers the rest.
"$PYTHON3" - "$SCENARIOS/basic.json" "$T/stall.json" "$SECRET" <<'EOF'
import json, sys
sc = json.load(open(sys.argv[1], encoding="utf-8"))
sc["key"] = sys.argv[3]
sc["faults"] = [{"match": "any", "count": 2, "stall": 4}]
json.dump(sc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
fake_start "$T/stall.json" || skip_all "fake server did not start"
URL_stall=$FAKE_URL LOG_stall=$FAKE_LOG
# A gateway that quotes the refused token in its message.
scenario_with_faults basic.json echo "[{\"match\": \"any\", \"count\": -1, \"status\": 401,
	\"body\": \"{\\\"error\\\":{\\\"code\\\":\\\"$SECRET\\\",\\\"message\\\":\\\"invalid token $SECRET (request id: 1)\\\",\\\"type\\\":\\\"comet_api_error\\\"}}\"}]"
fake_start "$T/echo.json" || skip_all "fake server did not start"
URL_echo=$FAKE_URL

umask 077
printf '%s\n' "$SECRET" >"$T/key"

# argv while running: once with the key in the environment, once from -K.
COMETAPI_KEY=$SECRET "$SUNOTOP" --watch -i 1 --log "$T/env.log" -u "$URL_stall" "$S" \
	>"$T/env.out" 2>"$T/env.err" </dev/null &
pid_env=$!
(unset COMETAPI_KEY; exec "$SUNOTOP" --watch -i 1 -K "$T/key" --log "$T/file.log" -u "$URL_stall" "$S" \
	>"$T/file.out" 2>"$T/file.err" </dev/null) &
pid_file=$!
sleep 1
for w in env file; do
	eval "p=\$pid_$w"
	if [ -r "/proc/$p/cmdline" ]; then
		tr '\0' ' ' <"/proc/$p/cmdline" >"$T/$w.cmdline"
		like "key from $w: the process is running with its arguments" "$(cat "$T/$w.cmdline")" "--watch"
		unlike "key from $w: not in /proc/PID/cmdline" "$(cat "$T/$w.cmdline")" "Zq81x"
		unlike "key from $w: not in any thread's name" "$(cat /proc/$p/task/*/comm 2>/dev/null)" "Zq81x"
		unlike "key from $w: not in the environment block" "$(tr '\0' '\n' <"/proc/$p/environ")" "Zq81x"
		like "key from $w: no core files" "$(grep 'core file size' "/proc/$p/limits")" "size +0 +0 "
	else
		skip "key from $w: no /proc here"
		skip "key from $w: no /proc here"
		skip "key from $w: no /proc here"
		skip "key from $w: no /proc here"
		skip "key from $w: no /proc here"
	fi
done
n=0
while { kill -0 "$pid_env" 2>/dev/null || kill -0 "$pid_file" 2>/dev/null; } && [ $n -lt 200 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill "$pid_env" "$pid_file" 2>/dev/null
wait "$pid_env"
rc_env=$?
wait "$pid_file"
rc_file=$?
is "key from the environment: --watch finished after the stall" "$rc_env" 0
like "key from the environment: the right task printed" "$(cat "$T/env.out")" "$S +SUCCESS"
is "key from -K: --watch finished after the stall" "$rc_file" 0
FAKE_LOG=$LOG_stall
is "both were authorized with the key" "$(fake_query all auth | sort -u)" ok
check "the debug logs were written" test -s "$T/env.log" -a -s "$T/file.log"
check "the key is in neither debug log" sh -c "! grep -q Zq81x '$T/env.log' '$T/file.log'"
check "the key is in no output" sh -c "! grep -q Zq81x '$T/env.out' '$T/env.err' '$T/file.out' '$T/file.err'"

# A server quoting the key in a 401 message and code.
COMETAPI_KEY=$SECRET run_sunotop echo --once --log "$T/echo.log" -u "$URL_echo" "$S"
is "key quoted back by the server: exit 3" "$RC" 3
like "key quoted back: the message is still shown" "$ERR" "invalid token \\*\\*\\* \\(request id: 1\\)"
unlike "key quoted back: masked on stderr" "$OUT$ERR" "Zq81x"
check "key quoted back: masked in the debug log" sh -c "! grep -q Zq81x '$T/echo.log'"
COMETAPI_KEY=$SECRET run_sunotop echow --watch --json -u "$URL_echo" "$S"
is "key quoted back in --watch --json: exit 3" "$RC" 3
unlike "key quoted back in --watch --json: masked" "$OUT$ERR" "Zq81x"

# Key file permissions.
for mode in 640 604 660 644; do
	chmod $mode "$T/key"
	(unset COMETAPI_KEY; run_sunotop "mode$mode" --once -K "$T/key" -u "$URL_stall" "$S"; echo "$RC" >"$T/mode$mode.rc")
	is "key file mode $mode: refused with exit 2" "$(cat "$T/mode$mode.rc")" 2
	like "key file mode $mode: the message names the file" "$(cat "$T/mode$mode.err")" "$T/key"
	unlike "key file mode $mode: the key is not printed" "$(cat "$T/mode$mode.err")" "Zq81x"
done
chmod 400 "$T/key"
(unset COMETAPI_KEY; RUN_TIMEOUT=20 run_sunotop mode400 --once --json -K "$T/key" -u "$URL_echo" "$S"; echo "$RC" >"$T/mode400.rc")
is "key file mode 400: accepted (then the key is rejected: exit 3)" "$(cat "$T/mode400.rc")" 3
check "key file mode 400: the key was sent and not printed" sh -c "! grep -q Zq81x '$T/mode400.err' '$T/mode400.out'"

# Plain http: loopback is quiet, anything else warns before trying.
run_sunotop loop --once -u "$URL_echo" "$S"
unlike "plain http to loopback: no warning" "$ERR" "plain http"
# Names that only start like loopback are remote (resolution fails locally).
for h in localhost.sunotop-test.invalid 127.sunotop-test.invalid; do
	RUN_TIMEOUT=60 run_sunotop "lookalike-$h" --once -u "http://$h" "$S"
	like "plain http to $h: warns" "$ERR" "plain http"
done

done_testing
