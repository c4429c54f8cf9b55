# tests/lib.sh: shared helpers for the shell tests (sourced, POSIX sh).
# TAP output, a private temp dir and environment, and control of the fake
# API server (tests/fakeapi.py). Every helper is bounded in time.

: "${SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BUILDDIR:=$(pwd)}"
: "${PYTHON3:=python3}"
[ "$PYTHON3" = no ] && PYTHON3=python3
SUNOTOP="$BUILDDIR/sunotop"
FAKEAPI="$SRCDIR/tests/fakeapi.py"
SCENARIOS="$SRCDIR/tests/scenarios"
export SRCDIR BUILDDIR PYTHON3 SUNOTOP FAKEAPI

# ---- TAP -------------------------------------------------------------------
_tap_n=0
_tap_failed=0
_tap_plan=

plan() {
	_tap_plan=$1
	echo "1..$1"
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

ok() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $*"
}

not_ok() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $*"
}

skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - # SKIP $*"
}

# check NAME CMD...: passes when CMD exits 0.
check() {
	_name=$1
	shift
	if "$@"; then ok "$_name"; else not_ok "$_name"; diag "command failed: $*"; fi
}

# is NAME GOT WANT
is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		diag "got:  '$2'" "want: '$3'"
	fi
}

# like NAME GOT ERE: some line of GOT matches the extended regex.
like() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diag "no match for /$3/ in:" "$(printf '%s\n' "$2" | head -20)"
	fi
}

# unlike NAME GOT ERE: no line of GOT matches.
unlike() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		not_ok "$1"
		diag "unexpected match for /$3/ in:" "$(printf '%s\n' "$2" | grep -E -- "$3" | head -5)"
	else
		ok "$1"
	fi
}

# Call last: prints the plan if none was given, checks the count, and exits
# non-zero when anything failed.
done_testing() {
	if [ -z "$_tap_plan" ]; then
		echo "1..$_tap_n"
	elif [ "$_tap_plan" != "$_tap_n" ]; then
		echo "# planned $_tap_plan tests but ran $_tap_n"
		_tap_failed=$((_tap_failed + 1))
	fi
	[ "$_tap_failed" -eq 0 ] && exit 0
	echo "# $_tap_failed failed"
	exit 1
}

# ---- temp dir, environment, cleanup ----------------------------------------
_fake_pids=
_fake_n=0

_lib_cleanup() {
	for _p in $_fake_pids; do
		kill "$_p" 2>/dev/null
	done
	for _p in $_fake_pids; do
		wait "$_p" 2>/dev/null
	done
	if [ -n "$KEEP_TMP" ]; then
		echo "# kept $T" >&2
	else
		rm -rf "$T"
	fi
}

T=$(mktemp -d "${TMPDIR:-/tmp}/sunotop-test.XXXXXX") || exit 99
trap _lib_cleanup EXIT
trap 'exit 129' HUP INT TERM

HOME="$T/home"
XDG_CONFIG_HOME="$T/config"
XDG_STATE_HOME="$T/state"
XDG_MUSIC_DIR="$T/music"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_MUSIC_DIR"
LANG=C.UTF-8
LC_ALL=C.UTF-8
COMETAPI_KEY=test-key
export HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_MUSIC_DIR LANG LC_ALL COMETAPI_KEY
unset COMETAPI_BASE_URL NO_COLOR TMUX

# with_timeout SECS CMD...: run CMD, killed after SECS (exit 124).
with_timeout() {
	_secs=$1
	shift
	timeout -k 2 "$_secs" "$@"
}

require_sunotop() {
	[ -x "$SUNOTOP" ] || skip_all "no sunotop binary at $SUNOTOP"
	command -v "$PYTHON3" >/dev/null 2>&1 || skip_all "python3 not found"
}

# run_sunotop NAME [ARGS...]: runs the program (bounded by RUN_TIMEOUT, 30 s
# by default) with stdin from /dev/null unless RUN_STDIN names a file.
# Output goes to $T/NAME.out and $T/NAME.err; the exit status to RC, and
# the text to OUT and ERR.
run_sunotop() {
	_rn=$1
	shift
	with_timeout "${RUN_TIMEOUT:-30}" "$SUNOTOP" "$@" \
		<"${RUN_STDIN:-/dev/null}" >"$T/$_rn.out" 2>"$T/$_rn.err"
	RC=$?
	: >"$T/.ran"
	OUT=$(cat "$T/$_rn.out")
	ERR=$(cat "$T/$_rn.err")
}

# run_bg NAME [ARGS...]: run_sunotop in the background; its exit status goes
# to $T/NAME.rc. wait_bg waits for all of them (not for the servers).
_bg_pids=
run_bg() {
	_bn=$1
	(run_sunotop "$@"; echo "$RC" >"$T/$_bn.rc") &
	_bg_pids="$_bg_pids $!"
}

wait_bg() {
	for _p in $_bg_pids; do
		wait "$_p"
	done
	_bg_pids=
}

# rc_of NAME: the exit status a run_bg run left.
rc_of() {
	cat "$T/$1.rc" 2>/dev/null || echo none
}

# ---- the fake API ----------------------------------------------------------
# fake_start SCENARIO [EXTRA ARGS]: SCENARIO is a path or a name under
# tests/scenarios. Sets FAKE_URL, FAKE_PORT, FAKE_LOG, FAKE_PID, FAKE_DIR.
fake_start() {
	_sc=$1
	shift
	case $_sc in
	/* | ./*) ;;
	*) _sc="$SCENARIOS/$_sc" ;;
	esac
	_fake_n=$((_fake_n + 1))
	FAKE_DIR="$T/fake$_fake_n"
	mkdir -p "$FAKE_DIR"
	FAKE_LOG="$FAKE_DIR/requests.log"
	: >"$FAKE_LOG"
	"$PYTHON3" "$FAKEAPI" "$_sc" --port-file "$FAKE_DIR/port" --log "$FAKE_LOG" \
		--lifetime "${FAKE_LIFETIME:-180}" "$@" >"$FAKE_DIR/server.out" 2>&1 &
	FAKE_PID=$!
	_fake_pids="$_fake_pids $FAKE_PID"
	_i=0
	while [ ! -s "$FAKE_DIR/port" ]; do
		_i=$((_i + 1))
		if [ $_i -gt 50 ] || ! kill -0 "$FAKE_PID" 2>/dev/null; then
			echo "# fake server did not start:" >&2
			sed 's/^/# /' "$FAKE_DIR/server.out" >&2
			return 1
		fi
		sleep 0.1
	done
	FAKE_PORT=$(cat "$FAKE_DIR/port")
	FAKE_URL="http://127.0.0.1:$FAKE_PORT"
	case " $* " in
	*" --tls "*) FAKE_URL="https://127.0.0.1:$FAKE_PORT" ;;
	esac
	return 0
}

# fake_start_tls SCENARIO: HTTPS with a fresh self-signed certificate;
# sets FAKE_CERT too.
fake_start_tls() {
	_sc=$1
	shift
	FAKE_CERT="$T/tls$((_fake_n + 1))/cert.pem"
	fake_start "$_sc" --tls "$T/tls$((_fake_n + 1))" "$@"
}

fake_stop() {
	kill "$FAKE_PID" 2>/dev/null
	wait "$FAKE_PID" 2>/dev/null
	return 0
}

# fake_control WHAT [JSON]: POST to /_control/WHAT (faults, clear-faults,
# reset-counts, tasks).
fake_control() {
	"$PYTHON3" - "$FAKE_PORT" "$1" "${2:-}" <<'EOF'
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
c.request("POST", "/_control/" + sys.argv[2], sys.argv[3].encode())
sys.exit(0 if c.getresponse().status == 200 else 1)
EOF
}

# The server logs a request after answering it: give it a moment, once
# after each run of the program.
_fake_settle() {
	if [ -e "$T/.ran" ]; then
		sleep 0.3
		rm -f "$T/.ran"
	fi
}

# fake_query FILTER FIELD: prints FIELD (t, status, path, ids, auth, ua,
# body, made) of each logged request matching FILTER, one per line. FILTER:
# all, batch, get, get:ID (a GET of ID), id:ID (a GET of ID or a batch naming
# it), submit (a POST to either submit endpoint), submit:music,
# submit:lyrics, audio, other.
fake_query() {
	_fake_settle
	"$PYTHON3" - "$FAKE_LOG" "${1:-all}" "${2:-t}" <<'EOF'
import json, sys
log, flt, field = sys.argv[1:4]
for line in open(log, encoding="utf-8"):
    r = json.loads(line)
    path = r["path"].split("?")[0]
    kind = ("batch" if r["method"] == "POST" and path == "/suno/fetch" else
            "get" if r["method"] == "GET" and path.startswith("/suno/fetch/") else
            "submit" if r["method"] == "POST" and path.startswith("/suno/submit/") else
            "audio" if path.startswith("/audio/") else "other")
    if flt == "all" or flt == kind or (flt.startswith("submit:") and kind == "submit"
                                       and path == "/suno/submit/" + flt[7:]) or \
            (flt.startswith("get:") and kind == "get"
                                       and r["ids"] == [flt[4:]]) or \
            (flt.startswith("id:") and kind in ("get", "batch") and flt[3:] in r["ids"]):
        v = r.get(field)
        print(v if isinstance(v, (str, int, float)) else json.dumps(v, ensure_ascii=False))
EOF
}

# fake_requests [FILTER]: number of logged requests matching FILTER.
fake_requests() {
	fake_query "${1:-all}" t | wc -l | tr -d ' '
}

# fake_gaps FILTER: seconds between consecutive matching requests, one per line.
fake_gaps() {
	fake_query "${1:-all}" t | awk 'NR > 1 { printf "%.3f\n", $1 - prev } { prev = $1 }'
}

# scenario_with_faults BASE NAME FAULTS_JSON: writes $T/NAME.json, the
# scenario BASE (a name under tests/scenarios) with FAULTS_JSON as its faults.
scenario_with_faults() {
	"$PYTHON3" - "$SCENARIOS/$1" "$T/$2.json" "$3" <<'EOF'
import json, sys
sc = json.load(open(sys.argv[1], encoding="utf-8"))
sc["faults"] = json.loads(sys.argv[3])
json.dump(sc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
}

# ---- downloads -------------------------------------------------------------
# clip_ids ID: the clip ids of a task, one per line, asked of the server
# the way the program does.
clip_ids() {
	"$PYTHON3" - "$FAKE_PORT" "$1" <<'EOF'
import http.client, json, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
c.request("GET", "/suno/fetch/" + sys.argv[2], headers={"Authorization": "Bearer test-key"})
for clip in json.loads(c.getresponse().read())["data"]["data"]:
    print(clip["id"])
EOF
}

# served NAME [BYTES]: the bytes the server serves for /audio/NAME (the
# first BYTES of them), from its own generator.
served() {
	"$PYTHON3" -c 'import sys; sys.path.insert(0, sys.argv[1]); import fakeapi
b = fakeapi.audio_bytes(sys.argv[2]); n = int(sys.argv[3])
sys.stdout.buffer.write(b[:n] if n >= 0 else b)' "$SRCDIR/tests" "$1" "${2:--1}"
}

# same_as_served NAME FILE: FILE holds exactly what /audio/NAME serves.
same_as_served() {
	served "$1" >"$T/expected"
	cmp -s "$T/expected" "$2"
}

# ---- JSON Lines output -----------------------------------------------------
# jget FILE TASK_ID PATH: from the JSON Lines in FILE, the last line whose
# task_id is TASK_ID; prints the value at PATH (dot-separated keys and list
# indexes). Strings print raw, other values as JSON; a missing line or key
# prints "<missing>".
jget() {
	"$PYTHON3" - "$1" "$2" "$3" <<'EOF'
import json, sys
path, tid, keys = sys.argv[1], sys.argv[2], sys.argv[3]
found = None
for line in open(path, encoding="utf-8", errors="replace"):
    line = line.strip()
    if not line:
        continue
    try:
        obj = json.loads(line)
    except ValueError:
        continue
    if isinstance(obj, dict) and obj.get("task_id") == tid:
        found = obj
v = found
for k in keys.split(".") if keys else []:
    try:
        v = v[int(k)] if isinstance(v, list) else v[k]
    except (KeyError, IndexError, ValueError, TypeError):
        print("<missing>")
        sys.exit(0)
if found is None:
    print("<missing>")
elif isinstance(v, str):
    print(v)
else:
    print(json.dumps(v, ensure_ascii=False))
EOF
}

# json_lines_valid FILE: every non-empty line is a JSON object carrying the
# documented keys.
json_lines_valid() {
	"$PYTHON3" - "$1" <<'EOF'
import json, sys
keys = {"task_id", "action", "status", "progress", "fail_reason", "submit_time",
        "start_time", "finish_time", "clips", "lyrics", "error"}
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    obj = json.loads(line)
    missing = keys - set(obj)
    if missing:
        print("# missing keys %s in %s" % (sorted(missing), line[:100]))
        sys.exit(1)
    n += 1
sys.exit(0 if n else 1)
EOF
}

# no_terminal_controls FILE: no C0 controls other than \n and \t, no DEL, no
# C1 controls (raw bytes or UTF-8 encoded), no bidi overrides or isolates.
no_terminal_controls() {
	"$PYTHON3" - "$1" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
bad = [b for b in data if (b < 0x20 and b not in (0x09, 0x0a)) or b == 0x7f]
text = data.decode("utf-8", errors="surrogateescape")
bad += [hex(ord(c)) for c in text if 0x80 <= ord(c) <= 0x9f
        or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069
        or 0xdc80 <= ord(c) <= 0xdcff]
if bad:
    print("# control bytes/characters found: %s" % bad[:10])
    sys.exit(1)
EOF
}
