#!/bin/sh
# HTTP/2 where the server offers it: against nghttpd (TLS, ALPN h2) serving
# the sample answer as static files, --once fetches 20 ids over a single
# connection, one stream per request. nghttpd has no batch endpoint (a POST
# to the directory is redirected, then 404), so this also walks the per-id
# GET fallback over HTTP/2.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop
NGHTTPD=$(command -v nghttpd 2>/dev/null || echo /usr/sbin/nghttpd)
[ -x "$NGHTTPD" ] || skip_all "nghttpd not found (Debian package nghttp2-server)"
command -v openssl >/dev/null 2>&1 || skip_all "openssl not found"

N=20
mkdir -p "$T/h2/suno/fetch"
"$PYTHON3" - "$SRCDIR/tests/data/get-success-music.json" "$T/h2/suno/fetch" "$N" <<'EOF'
import json, sys
src = json.load(open(sys.argv[1], encoding="utf-8"))
for i in range(1, int(sys.argv[3]) + 1):
    src["data"]["task_id"] = "h2-task-%04d" % i
    json.dump(src, open("%s/h2-task-%04d" % (sys.argv[2], i), "w", encoding="utf-8"), ensure_ascii=False)
EOF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
	-subj /CN=localhost -addext 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
	-keyout "$T/key.pem" -out "$T/cert.pem" >/dev/null 2>&1 || skip_all "openssl could not make a certificate"

# nghttpd wants a port number: take a free one, retry if it is taken meanwhile.
started=no
for _try in 1 2 3; do
	port=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	with_timeout 60 "$NGHTTPD" -v -a 127.0.0.1 --htdocs="$T/h2" "$port" "$T/key.pem" "$T/cert.pem" >"$T/h2.log" 2>&1 &
	_fake_pids="$_fake_pids $!"
	_n=0
	while [ $_n -lt 30 ] && ! grep -q 'listen' "$T/h2.log" 2>/dev/null; do
		sleep 0.1
		_n=$((_n + 1))
	done
	if "$PYTHON3" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 2)' "$port" 2>/dev/null; then
		started=yes
		break
	fi
done
[ $started = yes ] || skip_all "nghttpd did not start"

ids=$(seq -f 'h2-task-%04g' 1 "$N")
RUN_TIMEOUT=30 run_sunotop h2 --once --json --exit-status --cacert "$T/cert.pem" -u "https://127.0.0.1:$port" $ids
is "HTTP/2: exit 0" "$RC" 0
is "HTTP/2: a line per id" "$(grep -c '"status":"SUCCESS"' "$T/h2.out")" "$N"
is "HTTP/2: every id answered with its own task" "$(jget "$T/h2.out" h2-task-0017 task_id)" h2-task-0017
# (The start-up probe above is a connection too, but sends no request.)
is "HTTP/2: one connection carried the requests" \
	"$(grep 'recv HEADERS frame' "$T/h2.log" | grep -o '^\[id=[0-9]*\]' | sort -u | wc -l | tr -d ' ')" 1
gets=$(grep -c 'recv (stream_id=[0-9]*) :path: /suno/fetch/h2-' "$T/h2.log")
is "HTTP/2: one stream per id on it" "$gets" "$N"
like "HTTP/2: the user agent is ours" "$(grep -m 1 'user-agent' "$T/h2.log")" "sunotop/"

done_testing
