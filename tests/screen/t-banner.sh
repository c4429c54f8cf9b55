#!/bin/sh
# The banner: an unreachable API and a rejected key are said plainly while
# the dashboard stays usable.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df

# A port with nothing listening: bind one, note it, close it.
DEAD=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
scr_start -u "http://127.0.0.1:$DEAD" --state "$T/a.json" "$OK1"
scr_ok "unreachable: the banner says so" "API unreachable"
scr_ok "unreachable: and when it retries" "retrying in"
scr_keys a
scr_ok "unreachable: keys still work" "add ids:"
scr_keys Escape q
is "unreachable: q exits with status 0" "$(scr_wait_rc)" 0
scr kill-server

fake_start basic.json || skip_all "fake server did not start"
printf 'not-the-key\n' >"$T/wrong.key"
chmod 600 "$T/wrong.key"
scr_start -u "$FAKE_URL" -K "$T/wrong.key" --state "$T/b.json" "$OK1"
scr_ok "rejected key: the banner says so" "API key rejected"
scr_keys q
is "rejected key: q exits with status 0" "$(scr_wait_rc)" 0

done_testing
