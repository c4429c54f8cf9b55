#!/bin/bash
# bench/run.sh BINARY: figures for sunotop against what users do otherwise
# (a curl|jq loop per id, curl --parallel), then the dashboard's own costs
# (CPU at rest and while polling, memory and its slope, first frame, work
# per key press), on the fake API over loopback. Prints one table per part
# with the target and PASS/MISSED; never part of `make check`. Bounded:
# every step has a timeout; about 5 minutes in all.
set -u
BIN=${1:?usage: bench/run.sh path/to/sunotop}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
build=$(cd "$(dirname "$BIN")" && pwd)
work=$(mktemp -d)
export LANG=C.UTF-8 HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/cfg"
mkdir -p "$HOME"
KEY=bench-key
export COMETAPI_KEY=$KEY
SIZES=${BENCH_SIZES:-"1000 10000"}
LOOP_MAX=${BENCH_LOOP_MAX:-300}      # the curl|jq loop runs at most this many ids, then extrapolates
REST_SECS=${BENCH_REST_SECS:-60}     # idle window (the target is stated over 60 s)
POLL_SECS=${BENCH_POLL_SECS:-30}     # polling window: six rounds at -i 5
MEM_SECS=${BENCH_MEM_SECS:-120}      # memory window, RSS sampled every 5 s
MEM_WARM_SECS=${BENCH_MEM_WARM_SECS:-40} # the heap settles over the first rounds and saves
WARM_SECS=${BENCH_WARM_SECS:-12}     # first round and the first (debounced) save
pids=()
cleanup() {
	tmux -L sunobench kill-server 2>/dev/null
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$work"
}
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
calc() { echo "$*" | bc -l; }
elapsed() { calc "$(now) - $1"; }
fmt() { printf '%.2f' "$1"; }
verdict() { [ "$(calc "$1")" = 1 ] && echo PASS || echo MISSED; }   # verdict 'EXPR' (bc, 1 = met)
# BENCH_PARTS="1 4" runs those parts only (2 and 3 run together).
part() { case " ${BENCH_PARTS:-1 2 3 4} " in *" $1 "*) return 0 ;; esac; return 1; }
ids_file() { seq -f 'syn-%06g' 1 "$1" >"$work/ids.$1"; }   # N -> ids syn-000001...

printf 'machine: %s CPUs, %s, Linux %s\n' "$(nproc)" \
	"$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" "$(uname -r)"

# ---- 1. Refresh throughput ------------------------------------------------
if part 1; then
	printf '\n== 1. Refresh throughput: wall seconds to fetch N unfinished tasks once (loopback) ==\n'
	printf '%-7s %13s %11s %9s %9s %9s %14s %s\n' tasks "curl|jq loop" "curl --par" sunotop \
		"vs loop" "vs par" "requests" "target: >=20x loop, >=2x par, <=N/50+5 requests"
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
		loop=$(calc "$(elapsed "$t0") * $n / $m")

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
		sleep 0.3    # the server logs a request after answering it
		reqs=$(requests)
		maxreq=$(( (n + 49) / 50 + 5 ))
		got=$(wc -l <"$work/once.out" | tr -d ' ')
		[ "$got" -eq "$n" ] || echo "warning: sunotop printed $got of $n tasks" >&2
		vl=$(calc "$loop / $ours"); vp=$(calc "$par / $ours")
		printf '%-7s %13s %11s %9s %8sx %8sx %14s %s\n' "$n" "$(fmt "$loop")$([ "$m" -lt "$n" ] && echo '*')" \
			"$(fmt "$par")" "$(fmt "$ours")" "$(fmt "$vl")" "$(fmt "$vp")" "$reqs (max $maxreq)" \
			"$(verdict "$vl >= 20 && $vp >= 2 && $reqs <= $maxreq")"
		[ "$n" = 10000 ] && cp "$work/once.out" "$work/once.10000"
		fake_stop
	done
	echo "* extrapolated from the first $LOOP_MAX ids"
fi

# ---- 2./3. The dashboard in a detached tmux (a real terminal) --------------
tmux_run() { tmux -L sunobench -f /dev/null new-session -d -s "$1" -x 160 -y 50 "$2"; }
tmux_pid() { tmux -L sunobench list-panes -t "$1" -F '#{pane_pid}'; }
# CPU nanoseconds of every thread of PID (scheduler accounting, not ticks).
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%d\n", s }'; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# dash_start LABEL N FRACTION: fake server + dashboard, after the warm-up.
dash_start() {
	local label=$1 n=$2 frac=$3
	ids_file "$n"
	fake_start "$n" "$frac"
	rm -f "$work/state.json"
	tmux_run "$label" "exec $BIN -u $URL -i 5 --state $work/state.json -f $work/ids.$n 2>$work/dash.err"
	DPID=$(tmux_pid "$label")
	sleep "$WARM_SECS"
}
dash_stop() {
	tmux -L sunobench send-keys -t "$1" q
	sleep 1
	tmux -L sunobench kill-session -t "$1" 2>/dev/null
	fake_stop
}
# dash_cpu LABEL N FRACTION SECS: prints milliseconds of CPU in SECS.
dash_cpu() {
	local c0 c1
	dash_start "$1" "$2" "$3"
	c0=$(cpu_ns "$DPID"); sleep "$4"; c1=$(cpu_ns "$DPID")
	dash_stop "$1"
	calc "($c1 - $c0) / 1000000"
}

if { part 2 || part 3; } && command -v tmux >/dev/null; then
	printf '\n== 2. Dashboard CPU (all threads; after a %s s warm-up: first round and first save) ==\n' "$WARM_SECS"
	printf '%-34s %12s %10s %12s %s\n' case "CPU ms" "window" "% of core" target
	rest=$(dash_cpu rest 1000 1 "$REST_SECS")
	printf '%-34s %12s %9ss %11s%% %s\n' "1,000 tracked, all finished" "$(fmt "$rest")" "$REST_SECS" \
		"$(fmt "$(calc "$rest / ($REST_SECS * 10)")")" \
		"< 20 ms per 60 s: $(verdict "$rest * 60 / $REST_SECS < 20")"
	poll=$(dash_cpu poll 1000 0 "$POLL_SECS")
	pct=$(calc "$poll / ($POLL_SECS * 10)")
	printf '%-34s %12s %9ss %11s%% %s\n' "1,000 unfinished, polled -i 5" "$(fmt "$poll")" "$POLL_SECS" \
		"$(fmt "$pct")" "< 1%: $(verdict "$pct < 1")"

	printf '\n== 3. Dashboard memory: 10,000 tracked (half finished, all with clips), -i 5, after %s s ==\n' "$MEM_WARM_SECS"
	WARM_SECS=$MEM_WARM_SECS dash_start mem 10000 0.5
	: >"$work/rss"
	t0=$(now)
	for _ in $(seq 0 5 "$MEM_SECS"); do
		printf '%s %s\n' "$(elapsed "$t0")" "$(rss_kb "$DPID")" >>"$work/rss"
		sleep 5
	done
	dash_stop mem
	read -r r0 rmax r1 slope < <(awk '{ n++; x[n] = $1; y[n] = $2; sx += $1; sy += $2 }
		END { mx = sx / n; my = sy / n; for (i = 1; i <= n; i++) {
			sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ^ 2; if (y[i] > max) max = y[i] }
			printf "%d %d %d %.1f\n", y[1], max, y[n], sxx ? sxy / sxx * 60 : 0 }' "$work/rss")
	printf '%-34s %s\n' "RSS first / max / last sample" "$r0 / $rmax / $r1 KiB ($(awk 'END { print NR }' "$work/rss") samples over ${MEM_SECS} s)"
	printf '%-34s %s\n' "max RSS" "$(fmt "$(calc "$rmax / 1024")") MiB   target < 40 MiB: $(verdict "$rmax < 40 * 1024")"
	printf '%-34s %s\n' "RSS slope (least squares)" "$slope KiB/min   target: no growth (|slope| < 256 KiB/min): $(verdict "$slope < 256 && $slope > -4096")"
fi

part 4 || exit 0
# ---- 4. Responsiveness with 10,000 tasks -----------------------------------
printf '\n== 4. Responsiveness with 10,000 tracked tasks ==\n'
if [ ! -s "$work/once.10000" ]; then   # part 1 did not run
	ids_file 10000
	fake_start 10000 0
	timeout 600 "$BIN" -u "$URL" --once --json -f "$work/ids.10000" >"$work/once.10000" 2>/dev/null
	fake_stop
fi
if [ -s "$work/once.10000" ]; then
	# A saved state of 10,000 tasks, from the --once answers above.
	python3 - "$work/once.10000" "$work/state10k.json" <<'EOF'
import json, sys, time
now = int(time.time())
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write('{"version":1,"tasks":[')
    for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
        t = json.loads(line)
        out.write("%s\n%s" % ("," if i else "", json.dumps(
            {"id": t["task_id"], "added": now - 3600, "fetched": now - 60, "task": t},
            ensure_ascii=False, separators=(",", ":"))))
    out.write("\n]}\n")
EOF
	fake_start 10000 0.5
	: >"$work/first"
	for _ in 1 2 3 4 5; do
		# The previous run's first round may still keep the server busy:
		# let it finish, so each start meets the same idle machine.
		sleep 3
		cp "$work/state10k.json" "$work/state-first.json"
		timeout 60 python3 "$here/firstframe.py" syn-000001 "$BIN" -u "$URL" \
			--state "$work/state-first.json" >>"$work/first" 2>/dev/null
	done
	fake_stop
	first=$(sort -n "$work/first" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	printf '%-34s %s\n' "first frame from a saved state" "$(fmt "$(calc "$first * 1000")") ms (median of $(wc -l <"$work/first" | tr -d ' '): $(tr '\n' ' ' <"$work/first"))  target < 150 ms: $(verdict "$first < 0.150")"
fi

# Instructions per action, from a small driver over the ui modules (callgrind).
CC=${CC:-cc}
if command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null &&
   $CC -O2 -g -D_GNU_SOURCE -pthread -I"$build" -I"$src/src/core" -I"$src/src/net" -I"$src/src/engine" -I"$src/src/ui" -I"$src/src/cli" $(pkg-config --cflags ncursesw) \
	"$here/uibench.c" "$build/libsunotop.a" $(pkg-config --libs ncursesw libcurl json-c) -lm \
	-o "$work/uibench" 2>"$work/cc.err"; then
	declare -A ir
	for n in 1000 10000; do
		SRCDIR=$src timeout 300 valgrind --tool=callgrind --collect-atstart=no \
			--toggle-collect=bench_op_redraw --toggle-collect=bench_op_move \
			--toggle-collect=bench_op_sort --toggle-collect=bench_op_filter \
			--callgrind-out-file="$work/cg.$n" "$work/uibench" "$n" 10 >/dev/null 2>&1
		while read -r count op; do ir[$op.$n]=$count; done < <(callgrind_annotate --inclusive=yes \
			"$work/cg.$n" 2>/dev/null | awk '/uibench.c:bench_op_/ { gsub(",", "", $1);
				# the share is printed "(53.74%)" or "( 6.83%)": take the
				# name by its pattern, not by its column
				for (i = 2; i <= NF; i++) if ($i ~ /bench_op_/) op = $i
				sub(/.*bench_op_/, "", op); printf "%d %s\n", $1 / 10, op }')
	done
	printf '%-34s %14s %14s %8s %s\n' "instructions per action (+redraw)" "1,000 tasks" "10,000 tasks" ratio target
	for op in redraw move sort filter; do
		a=${ir[$op.1000]:-0}; b=${ir[$op.10000]:-0}
		r=$( [ "$a" != 0 ] && calc "$b / $a" || echo 0)
		case $op in
		redraw | move) t="flat (ratio < 1.1): $(verdict "$r < 1.1 && $r > 0")" ;;
		*) t="O(N) at worst (ratio <= 12): $(verdict "$r <= 12 && $r > 0")" ;;
		esac
		printf '%-34s %14.0f %14.0f %7sx %s\n' "  $op" "$a" "$b" "$(fmt "$r")" "$t"
	done
	SRCDIR=$src "$work/uibench" 10000 20 | sed 's/^/  wall: /'
else
	echo "instructions per action: skipped (needs valgrind, callgrind_annotate and a C compiler)"
fi

# Bulk actions over marks: 10,000 tasks, 5,000 marked, untracked in one
# step and restored by one undo (engine and poller thread; CPU of the process).
if $CC -O2 -g -D_GNU_SOURCE -pthread -I"$build" -I"$src/src/core" -I"$src/src/net" -I"$src/src/engine" -I"$src/src/ui" -I"$src/src/cli" $(pkg-config --cflags ncursesw) \
	"$here/markbench.c" "$build/libsunotop.a" $(pkg-config --libs ncursesw libcurl json-c) -lm \
	-o "$work/markbench" 2>"$work/cc-mark.err"; then
	: >"$work/mark"
	for _ in 1 2 3 4 5; do timeout 60 "$work/markbench" 10000 >>"$work/mark"; done
	median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
	untrack=$(awk '{ print $7 }' "$work/mark" | median)
	undo=$(awk '{ print $14 }' "$work/mark" | median)
	printf '%-34s %s\n' "bulk untrack, 5,000 of 10,000" "$untrack ms CPU (median of 5)  target < 100 ms: $(verdict "$untrack < 100")"
	printf '%-34s %s\n' "  and its undo" "$undo ms CPU (median of 5)  target < 100 ms: $(verdict "$undo < 100")"
else
	echo "bulk untrack: skipped (needs a C compiler)"
fi

# A stalled server must not delay a key press: the worker alone waits.
if command -v tmux >/dev/null; then
	ids_file 1000
	fake_start 1000 0
	python3 - "$(cat "$work/port")" <<'EOF'
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
c.request("POST", "/_control/faults", b'[{"match": "any", "from": 0, "count": -1, "stall": 30}]')
c.getresponse()
EOF
	tmux_run stall "exec $BIN -u $URL -i 5 --state $work/state-stall.json -f $work/ids.1000 2>/dev/null"
	sleep 2
	t0=$(now)
	tmux -L sunobench send-keys -t stall /
	for _ in $(seq 200); do
		tmux -L sunobench capture-pane -p -t stall | grep -qF 'filter /' && break
		sleep 0.01
	done
	key=$(elapsed "$t0")
	tmux -L sunobench send-keys -t stall Escape q
	sleep 1
	tmux -L sunobench kill-session -t stall 2>/dev/null
	fake_stop
	printf '%-34s %s\n' "key press while the API stalls" "$(fmt "$(calc "$key * 1000")") ms to the prompt on screen (incl. tmux round trips)  target < 150 ms: $(verdict "$key < 0.150")"
fi

# A mouse click is answered within one frame (16.7 ms at 60 Hz): from the
# click's bytes sent to the selected task's id in the pane, tmux's round
# trips included (median of 10 clicks on alternating rows; SGR encoding).
if command -v tmux >/dev/null; then
	ids_file 1000
	fake_start 1000 1
	tmux -L sunobench -f /dev/null new-session -d -s click -x 160 -y 50 \
		"TERM=xterm-256color exec $BIN -u $URL -i 5 --state $work/state-click.json -f $work/ids.1000 2>/dev/null"
	sleep 3
	: >"$work/clicks"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		row=$((3 + i % 2)); id=$(printf 'syn-%06d' $((1 + i % 2)))
		t0=$(now)
		tmux -L sunobench send-keys -t click -l "$(printf '\033[<0;5;%dM\033[<0;5;%dm' "$row" "$row")"
		for _ in $(seq 500); do
			tmux -L sunobench capture-pane -p -t click | grep -q "│ *$id" && break
		done
		calc "($(now) - $t0) * 1000" >>"$work/clicks"
		sleep 0.2
	done
	tmux -L sunobench send-keys -t click q
	sleep 1
	tmux -L sunobench kill-session -t click 2>/dev/null
	fake_stop
	click=$(sort -n "$work/clicks" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	printf '%-34s %s\n' "mouse click to the pane updated" "$(fmt "$click") ms (median of 10, incl. tmux round trips)  target < 16.7 ms: $(verdict "$click < 16.7")"
fi
