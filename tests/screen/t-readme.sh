#!/bin/sh
# The README's sample screen is a real capture of the demo (make demo) at
# 120x35: its column headings, the pane's first line and the footer hints
# must be what the program draws. On a failure the fresh capture is printed
# (or left in $T/capture.txt with KEEP_TMP=1) to paste into the README.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

IDS=$("$PYTHON3" -c '
import json, sys
print(" ".join(t["id"] for t in json.load(open(sys.argv[1], encoding="utf-8"))["tasks"]))' \
	"$SCENARIOS/demo.json")
# The README's block: the first ``` fence's lines.
awk '/^```$/ { if (f) exit; f = 1; next } f' "$SRCDIR/README.md" >"$T/readme.txt"

fake_start demo.json || skip_all "fake server did not start"
scr_size 120x35
# shellcheck disable=SC2086
COMETAPI_KEY=demo-key scr_start -u "$FAKE_URL" --state "$T/tasks.json" --download-dir "$T/music" $IDS
scr_ok "the demo runs" "SUCCESS"
sleep 4
scr_cap | sed "s/127\\.0\\.0\\.1:$FAKE_PORT/127.0.0.1:8421/g" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$T/capture.txt"

# same_line NAME N: line N of the capture and of the README's sample agree.
same_line() {
	is "$1" "$(sed -n "$2p" "$T/readme.txt")" "$(sed -n "$2p" "$T/capture.txt")"
}
same_line "the column headings are the program's" 2
is "the footer hints are the program's" "$(tail -n 1 "$T/readme.txt")" "$(tail -n 1 "$T/capture.txt")"
is "the sample has the screen's height" "$(wc -l <"$T/readme.txt")" 35
like "the header is the program's" "$(head -n 1 "$T/readme.txt")" "^sunotop 127\\.0\\.0\\.1:8421 "
if [ "$(sed -n 2p "$T/readme.txt")" != "$(sed -n 2p "$T/capture.txt")" ]; then
	diag "a fresh capture for the README:" "$(cat "$T/capture.txt")"
fi
scr_keys q
is "q exits 0" "$(scr_wait_rc)" 0

done_testing
