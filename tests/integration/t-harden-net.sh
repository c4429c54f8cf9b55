#!/bin/sh
# Hardening of the API client against a hostile server: a redirect is an
# API error naming where it pointed, never followed (so another origin's
# 401 is not blamed on the key); one oversized task in a batch costs only
# its own answer; a key echoed in any server string is scrubbed everywhere
# it could be kept; a giant header line is named as such; and a command
# run for a finished task inherits no descriptor but 0, 1 and 2.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

A=2a145658-3342-4228-b779-b8323a2b77df

# ---- redirects ------------------------------------------------------------
# The "other origin" is a second fake server that wants another key: had
# the redirect been followed, its 401 would read as our key being rejected.
"$PYTHON3" -c 'import json, sys
json.dump({"key": "other-key", "tasks": [{"id": sys.argv[2], "status": "SUCCESS"}]},
          open(sys.argv[1], "w"))' "$T/other.json" "$A"
fake_start "$T/other.json" || skip_all "fake server did not start"
OTHER_PORT=$FAKE_PORT
OTHER_LOG=$FAKE_LOG
scenario_with_faults basic.json redir \
	"[{\"match\": \"any\", \"count\": -1, \"status\": 307, \"body\": \"\", \"location\": \"http://127.0.0.1:$OTHER_PORT/suno/fetch/$A\"}]"
fake_start "$T/redir.json" || skip_all "fake server did not start"
run_sunotop redir --once -u "$FAKE_URL" "$A"
is "redirect: exit 3" "$RC" 3
like "redirect: says the API redirected, and where" "$ERR" "the API answered with a redirect to 127\\.0\\.0\\.1"
unlike "redirect: the key is not blamed" "$ERR" "rejected the key"
is "redirect: not retried (an API error)" "$(fake_requests all)" 1
is "redirect: the other origin got no request" "$(wc -l <"$OTHER_LOG" | tr -d ' ')" 0

# ---- one oversized task in a batch ----------------------------------------
# 20 small tasks and one whose title alone is 9 MiB: the batch is split
# until the big one is asked alone; the other 20 get their data at once.
"$PYTHON3" - "$T/big.json" <<'EOF2'
import json, sys
tasks = [{"id": "5a1e0000-0000-4000-8000-%012d" % i, "action": "MUSIC",
          "title": "Small %d" % i, "status": "SUCCESS"} for i in range(20)]
tasks.insert(7, {"id": "b16b16b1-0000-4000-8000-000000000000", "action": "MUSIC",
                 "title": "x" * (9 << 20), "status": "SUCCESS"})
json.dump({"key": "test-key", "tasks": tasks}, open(sys.argv[1], "w"))
EOF2
fake_start "$T/big.json" || skip_all "fake server did not start"
ids=$("$PYTHON3" -c 'import json, sys; print(" ".join(t["id"] for t in json.load(open(sys.argv[1]))["tasks"]))' "$T/big.json")
# shellcheck disable=SC2086
run_sunotop big --once --timeout 6 -u "$FAKE_URL" $ids
n_ok=$(printf '%s\n' "$OUT" | grep -c ' SUCCESS ')
is "oversized: the 20 other tasks have their data" "$n_ok" 20
like "oversized: only the big one has no answer" "$(printf '%s\n' "$OUT" | grep 'NO ANSWER')" "^b16b16b1-"
is "oversized: exactly one id without an answer" "$(printf '%s\n' "$OUT" | grep -c 'NO ANSWER')" 1
like "oversized: the reason is the size" "$ERR" "larger than 8388608 bytes"

# ---- a key echoed in server strings ---------------------------------------
"$PYTHON3" - "$T/echo.json" <<'EOF2'
import json, sys
k = "Bearer test-key"
json.dump({"key": "test-key", "tasks": [
    {"id": "ec40ec40-0000-4000-8000-000000000001", "action": "MUSIC",
     "title": "t " + k, "status": "FAILURE", "fail_reason": "auth " + k + " / test-key"},
    {"id": "ec40ec40-0000-4000-8000-000000000002", "raw": json.dumps({"code": "success", "message": "",
     "data": {"task_id": "ec40ec40-0000-4000-8000-000000000002", "status": "SUCCESS",
              "action": "MUSIC", "fail_reason": "ESCAPED",
              "data": [{"id": "c1", "title": "t" + k, "status": "complete",
                        "audio_url": "http://127.0.0.1/a.mp3?k=test-key"}]}}).replace(
     "ESCAPED", "te\\u0073t-key")}]},
    open(sys.argv[1], "w"))
EOF2
fake_start "$T/echo.json" || skip_all "fake server did not start"
E1=ec40ec40-0000-4000-8000-000000000001
E2=ec40ec40-0000-4000-8000-000000000002
run_sunotop echo --once --log "$T/echo.log" -u "$FAKE_URL" "$E1" "$E2"
unlike "echo: the key is not in --once output" "$OUT$ERR" "test-key"
like "echo: it is shown scrubbed" "$OUT" "Bearer \\*\\*\\*"
run_sunotop echoj --once --json -u "$FAKE_URL" "$E1" "$E2"
unlike "echo: the key is not in --json output" "$OUT$ERR" "test-key"
is "echo: the audio URL is scrubbed too" "$(jget "$T/echoj.out" "$E2" clips.0.audio_url)" \
	"http://127.0.0.1/a.mp3?k=***"
is "echo: a \\u-escaped copy is scrubbed" "$(jget "$T/echoj.out" "$E2" fail_reason)" "***"
check "echo: the key is not in the log" sh -c "! grep -q test-key '$T/echo.log'"

# ---- a 10 MB header line ---------------------------------------------------
scenario_with_faults basic.json hdr '[{"match": "any", "count": 1, "huge_header": 10000000}]'
fake_start "$T/hdr.json" || skip_all "fake server did not start"
run_sunotop hdr --once -u "$FAKE_URL" "$A"
is "huge header: the retry gets the data" "$RC" 0
like "huge header: named as an oversized header" "$ERR" "oversized header"
unlike "huge header: not 'Out of memory'" "$ERR" "Out of memory"

# ---- descriptors a child inherits -------------------------------------------
# The command lists its own descriptors (ls -l, after the shell's exec: the
# handle ls opens for the listing itself, on /proc/PID/fd, is left out). The
# program is started with nothing open but 0, 1 and 2.
W=22222222-aaaa-4bbb-8ccc-000000000011
"$PYTHON3" -c 'import json, sys
json.dump({"key": "test-key", "tasks": [{"id": sys.argv[2], "action": "MUSIC", "title": "T",
  "timeline": [{"after": 0, "status": "IN_PROGRESS"}, {"after": 1, "status": "SUCCESS"}]}]},
  open(sys.argv[1], "w"))' "$T/fd.json" "$W"
fake_start "$T/fd.json" || skip_all "fake server did not start"
with_timeout 30 "$PYTHON3" -c 'import os, sys
os.closerange(3, 65536)
os.execv(sys.argv[1], sys.argv[1:])' "$SUNOTOP" --watch -i 1 -u "$FAKE_URL" --download \
	--download-dir "$T/dl" --log "$T/fd.log" \
	--on-complete "sh -c 'exec ls -l /proc/self/fd >$T/fds.raw'" "$W" \
	</dev/null >"$T/fd.out" 2>"$T/fd.err"
is "fds: watch exits 0" "$?" 0
_i=0
while ! grep -q ' 0 -> ' "$T/fds.raw" 2>/dev/null && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
sleep 0.2
fds=$(grep -- ' -> ' "$T/fds.raw" | grep -Ev -- '-> /proc/[0-9]+/fd$' |
	sed 's/.* \([0-9][0-9]*\) -> .*/\1/' | sort -n | tr '\n' ' ')
is "fds: the command inherits only 0, 1 and 2" "$fds" "0 1 2 "

done_testing
