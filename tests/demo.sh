#!/bin/sh
# demo.sh BINARY: the dashboard (or --watch when not on a terminal) against a
# lively fake API (tests/scenarios/demo.json). Used by `make demo`.
# Everything lives in a private temp dir that is removed on exit.

BINARY=${1:?usage: demo.sh BINARY}
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON3:-python3}
SCENARIO="$HERE/scenarios/demo.json"

D=$(mktemp -d "${TMPDIR:-/tmp}/sunotop-demo.XXXXXX") || exit 1
SERVER=
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM

"$PY" "$HERE/fakeapi.py" "$SCENARIO" --port-file "$D/port" --log "$D/requests.log" \
	--lifetime 3600 >"$D/server.out" 2>&1 &
SERVER=$!
i=0
while [ ! -s "$D/port" ]; do
	i=$((i + 1))
	if [ $i -gt 50 ] || ! kill -0 "$SERVER" 2>/dev/null; then
		echo "demo: the fake API did not start:" >&2
		cat "$D/server.out" >&2
		exit 1
	fi
	sleep 0.1
done
URL="http://127.0.0.1:$(cat "$D/port")"

IDS=$("$PY" -c '
import json, sys
print(" ".join(t["id"] for t in json.load(open(sys.argv[1], encoding="utf-8"))["tasks"]))' "$SCENARIO")

COMETAPI_KEY=demo-key
export COMETAPI_KEY
XDG_STATE_HOME="$D/state"
XDG_CONFIG_HOME="$D/config"
export XDG_STATE_HOME XDG_CONFIG_HOME
mkdir -p "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"

if [ -t 0 ] && [ -t 1 ]; then
	# shellcheck disable=SC2086
	"$BINARY" -u "$URL" --state "$D/state/tasks.json" --download-dir "$D/music" $IDS
else
	echo "demo: not a terminal, so --watch (the tasks finish within about 2 minutes)"
	# shellcheck disable=SC2086
	"$BINARY" --watch -u "$URL" $IDS
fi
