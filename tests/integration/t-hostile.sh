#!/bin/sh
# Server text with escape sequences, OSC title/clipboard writes, C1 controls,
# carriage returns, backspaces and bidi overrides: human output carries none
# of them; JSON carries the strings exactly, escaped.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

H1=0badc0de-0000-4000-8000-000000000001
H2=0badc0de-0000-4000-8000-000000000002
H3=0badc0de-0000-4000-8000-000000000003

fake_start hostile.json || skip_all "fake server did not start"

run_bg once --once -u "$FAKE_URL" "$H1" "$H2" "$H3"
run_bg watch --watch -i 1 -u "$FAKE_URL" "$H1" "$H2"
run_bg json --once --json -u "$FAKE_URL" "$H1" "$H2" "$H3"
run_bg es --once --exit-status -u "$FAKE_URL" "$H1" "$H2" "$H3"
wait_bg

is "once: exit 0" "$(rc_of once)" 0
check "once: stdout has no ESC, C1, CR, BS or bidi controls" no_terminal_controls "$T/once.out"
check "once: stderr has none either" no_terminal_controls "$T/once.err"
like "once: visible text of the title survives" "$(cat "$T/once.out")" "SPOOF"
like "once: visible text of the fail reason survives" "$(cat "$T/once.out")" "OVERWRITE"
is "watch: exit 0" "$(rc_of watch)" 0
check "watch: stdout clean" no_terminal_controls "$T/watch.out"
check "watch: stderr clean" no_terminal_controls "$T/watch.err"
is "exit-status with a failure: exit 1" "$(rc_of es)" 1
check "exit-status run: stdout clean" no_terminal_controls "$T/es.out"

is "json: exit 0" "$(rc_of json)" 0
check "json: valid lines" json_lines_valid "$T/json.out"
check "json: no raw ESC or CR bytes" "$PYTHON3" -c '
import sys
d = open(sys.argv[1], "rb").read()
sys.exit(1 if b"\x1b" in d or b"\r" in d or b"\x08" in d else 0)' "$T/json.out"
check "json: strings exactly as the server sent them" "$PYTHON3" -c '
import json, sys
sc = json.load(open(sys.argv[2], encoding="utf-8"))
want = {t["id"]: t for t in sc["tasks"]}
got = {}
for l in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(l)
    got[o["task_id"]] = o
h1, h2, h3 = (got[k] for k in sys.argv[3:6])
w1, w2 = want[sys.argv[3]], want[sys.argv[4]]
assert h1["fail_reason"] == w1["fail_reason"], h1["fail_reason"]
assert h1["clips"][0]["title"] == w1["title"]
assert h1["clips"][0]["tags"] == w1["tags"]
assert h2["lyrics"]["text"] == w2["lyrics"]
assert h2["lyrics"]["title"] == w2["title"]
rawclip = want[sys.argv[5]]["task"]["data"][0]
assert h3["clips"][0]["audio_url"] == rawclip["audio_url"]
assert h3["clips"][0]["title"] == rawclip["title"]
' "$T/json.out" "$SCENARIOS/hostile.json" "$H1" "$H2" "$H3"

done_testing
