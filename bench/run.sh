#!/bin/bash
# bench/run.sh BINARY: figures for sunotop against what users do otherwise
# (a curl|jq loop per id, curl --parallel), on the fake API over loopback.
# Prints a table; never part of `make check`. Bounded: every step has a timeout.
set -u
BIN=${1:?usage: bench/run.sh path/to/sunotop}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
work=$(mktemp -d)
export LANG=C.UTF-8 HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/cfg"
mkdir -p "$HOME"
KEY=bench-key
export COMETAPI_KEY=$KEY
SIZES=${BENCH_SIZES:-"1000 10000"}
LOOP_MAX=${BENCH_LOOP_MAX:-1000}     # the curl|jq loop runs at most this many ids, then extrapolates
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM

fake_start() { # N FRACTION_FINISHED
	rm -f "$work/port" "$work/req.log"
	python3 "$src/tests/fakeapi.py" --synthetic "$1:$2" --port-file "$work/port" \
		--log "$work/req.log" --lifetime 1800 >"$work/fake.out" 2>&1 &
	FAKE_PID=$!
	pids+=("$FAKE_PID")
	for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
	URL="http://127.0.0.1:$(cat "$work/port")"
}
fake_stop() { kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null; }
requests() { wc -l <"$work/req.log" | tr -d ' '; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l; }
fmt() { printf '%.2f' "$1"; }

ids_file() { # N -> file of ids syn-000001...
	seq -f 'syn-%06g' 1 "$1" >"$work/ids.$1"
}

printf '\n== Refresh throughput (wall seconds, unfinished tasks, loopback) ==\n'
printf '%-8s %12s %12s %12s %10s %10s %12s\n' tasks "curl|jq loop" "curl --par" sunotop "vs loop" "vs par" "requests"
for n in $SIZES; do
	ids_file "$n"
	fake_start "$n" 0

	# (a) what people do today: one curl | jq per id, sequentially.
	m=$n; [ "$m" -gt "$LOOP_MAX" ] && m=$LOOP_MAX
	printf 'header = "Authorization: Bearer %s"\n' "$KEY" >"$work/curl-auth.cfg"
	t0=$(now)
	head -n "$m" "$work/ids.$n" | while read -r id; do
		curl -s -K "$work/curl-auth.cfg" "$URL/suno/fetch/$id" | jq -r '.data.status' >/dev/null
	done
	loop=$(echo "$(elapsed "$t0") * $n / $m" | bc -l)

	# (b) the ceiling for per-id fetching: curl --parallel, one GET per id.
	{ cat "$work/curl-auth.cfg"; sed "s|.*|url = \"$URL/suno/fetch/&\"\noutput = \"/dev/null\"|" "$work/ids.$n"; } >"$work/par.cfg"
	t0=$(now)
	timeout 600 curl -s --no-progress-meter --parallel --parallel-max 50 -K "$work/par.cfg"
	par=$(elapsed "$t0")

	# (c) sunotop --once over the same ids.
	: >"$work/req.log"
	t0=$(now)
	timeout 600 "$BIN" -u "$URL" --once --json -f "$work/ids.$n" >"$work/once.out" 2>"$work/once.err"
	ours=$(elapsed "$t0")
	reqs=$(requests)
	got=$(wc -l <"$work/once.out" | tr -d ' ')
	[ "$got" -eq "$n" ] || echo "warning: sunotop printed $got of $n tasks" >&2
	printf '%-8s %12s %12s %12s %9sx %9sx %12s\n' "$n" "$(fmt "$loop")$([ "$m" -lt "$n" ] && echo '*')" \
		"$(fmt "$par")" "$(fmt "$ours")" "$(fmt "$(echo "$loop / $ours" | bc -l)")" \
		"$(fmt "$(echo "$par / $ours" | bc -l)")" "$reqs (max $(( (n + 49) / 50 + 5 )))"
	fake_stop
done
echo "* extrapolated from the first $LOOP_MAX ids"

# The dashboard runs in a detached tmux so it has a real terminal.
tmux_run() { # NAME CMD...
	tmux -L "sunobench" -f /dev/null new-session -d -s "$1" -x 160 -y 50 "$2"
}
tmux_pid() { tmux -L sunobench list-panes -t "$1" -F '#{pane_pid}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)
REST_SECS=${BENCH_REST_SECS:-60}

dash_measure() { # LABEL N FRACTION
	local label=$1 n=$2 frac=$3
	ids_file "$n"
	fake_start "$n" "$frac"
	rm -f "$work/state.json"
	"$BIN" -u "$URL" --once --json -f "$work/ids.$n" >/dev/null 2>&1   # warm the server
	tmux_run "$label" "exec $BIN -u $URL -i 5 --state $work/state.json -f $work/ids.$n 2>$work/dash.err"
	local pid; pid=$(tmux_pid "$label")
	sleep 8     # first fetch of every id and the first save
	local c0 r0; c0=$(cpu_ticks "$pid"); r0=$(rss_kb "$pid")
	sleep "$REST_SECS"
	local c1 r1; c1=$(cpu_ticks "$pid"); r1=$(rss_kb "$pid")
	local ms; ms=$(echo "($c1 - $c0) * 1000 / $hz" | bc -l)
	printf '%-34s %10s ms CPU in %ss (%s%% of a core)   RSS %s -> %s KiB\n' "$label" "$(fmt "$ms")" \
		"$REST_SECS" "$(fmt "$(echo "$ms / ($REST_SECS * 10)" | bc -l)")" "$r0" "$r1"
	tmux -L sunobench send-keys -t "$label" q
	sleep 1
	tmux -L sunobench kill-session -t "$label" 2>/dev/null
	fake_stop
}

if command -v tmux >/dev/null; then
	printf '\n== Dashboard at rest and while polling ==\n'
	dash_measure "1000 finished, idle" 1000 1
	dash_measure "1000 unfinished, -i 5" 1000 0
	dash_measure "10000 mixed (memory)" 10000 0.5
	tmux -L sunobench kill-server 2>/dev/null
fi
