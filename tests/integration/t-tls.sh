#!/bin/sh
# HTTPS with a self-signed certificate: refused without --cacert (exit 3),
# trusted with it (added to the system's CAs); a --cacert that is missing or
# not a certificate is refused at start.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop
command -v openssl >/dev/null 2>&1 || skip_all "openssl not found"

S=2a145658-3342-4228-b779-b8323a2b77df

fake_start_tls basic.json || skip_all "fake TLS server did not start"
check "certificate generated" test -s "$FAKE_CERT"

RUN_TIMEOUT=45 run_bg untrusted --once --json -u "$FAKE_URL" "$S"
RUN_TIMEOUT=45 run_bg untrustedh --once -u "$FAKE_URL" "$S"
RUN_TIMEOUT=20 run_bg trusted --once --json --cacert "$FAKE_CERT" -u "$FAKE_URL" "$S"
RUN_TIMEOUT=20 run_bg byname --once --json --cacert "$FAKE_CERT" -u "https://localhost:$FAKE_PORT" "$S"
wait_bg
printf 'not a certificate\n' >"$T/bad.pem"
n=$(fake_requests all)
RUN_TIMEOUT=20 run_bg missing --once -u "$FAKE_URL" --cacert "$T/none.pem" "$S"
RUN_TIMEOUT=20 run_bg notpem --once -u "$FAKE_URL" --cacert "$T/bad.pem" "$S"
wait_bg

is "self-signed without --cacert: exit 3" "$(rc_of untrusted)" 3
like "self-signed without --cacert: says why" "$(cat "$T/untrusted.err")" "[Cc]ertificate|SSL|TLS|issuer"
is "no data from an untrusted server, only a NO_ANSWER line" \
	"$(grep -c '"status":"NO_ANSWER"' "$T/untrusted.out")/$(grep -c '"clips":\[{' "$T/untrusted.out")" "1/0"
is "self-signed, table: exit 3" "$(rc_of untrustedh)" 3
like "self-signed, table: TLS said in words" "$(cat "$T/untrustedh.err")" \
	"^sunotop: TLS: the server's certificate is not trusted \\(127\\.0\\.0\\.1:$FAKE_PORT\\): "
is "self-signed, table: the NO ANSWER row says why" \
	"$(grep -A1 'NO ANSWER' "$T/untrustedh.out" | grep -c "^    error: TLS: the server's certificate is not trusted")" 1
is "with --cacert: exit 0" "$(rc_of trusted)" 0
is "with --cacert: task fetched" "$(jget "$T/trusted.out" "$S" status)" SUCCESS
is "with --cacert, by host name: exit 0" "$(rc_of byname)" 0
like "https audio URL built from the host" "$(jget "$T/byname.out" "$S" clips.0.audio_url)" "^https://localhost:$FAKE_PORT/audio/"
is "--cacert missing: exit 2" "$(rc_of missing)" 2
like "--cacert missing: says so" "$(cat "$T/missing.err")" "cannot read CA file .*none.pem: No such file"
is "--cacert not PEM: exit 2" "$(rc_of notpem)" 2
like "--cacert not PEM: says so" "$(cat "$T/notpem.err")" "holds no PEM certificate"
is "--cacert refused: no request sent" "$(fake_requests all)" "$n"

done_testing
