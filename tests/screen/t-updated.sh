#!/bin/sh
# "updated" is the age of the last successful answer: not "just now" while
# every poll gets a 503, nor after a rejected key with nothing fetched; a
# 503 is an API error with its status, not "unreachable".
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=$BASIC_OK

scenario_with_faults basic.json e503 '[{"match": "any", "count": 1000, "status": 503}]'
fake_start "$T/e503.json" || skip_all "fake server did not start"
for size in 150x40 120x35 80x24 40x10; do
	scr_size "$size"
	scr_start -u "$FAKE_URL" --state "$T/a-$size.json" -i 1 "$OK1"
	scr_ok "$size 503: the banner names the status" "API error (HTTP 503)"
	sleep 2
	scr_cap >"$T/cap.txt"
	if grep -Fq "updated" "$T/cap.txt"; then
		not_ok "$size 503: nothing counts as updated"
		diag "$(cat "$T/cap.txt")"
	else
		ok "$size 503: nothing counts as updated"
	fi
	if grep -Fq "unreachable" "$T/cap.txt"; then
		not_ok "$size 503: not called unreachable"
		diag "$(cat "$T/cap.txt")"
	else
		ok "$size 503: not called unreachable"
	fi
	scr_keys q
	is "$size 503: q exits with status 0" "$(scr_wait_rc)" 0
done
fake_stop

# A good answer first, then 503s: "updated" ages from that answer.
SCR_W=120
SCR_H=35
fake_start basic.json || skip_all "fake server did not start"
RUN=$BASIC_RUN
scr_start -u "$FAKE_URL" --state "$T/b.json" -i 1 "$RUN"
scr_ok "an answer: updated" "updated just now"
fake_control faults '[{"match": "any", "count": 1000, "status": 503}]'
scr_ok "then 503s: the banner" "API error (HTTP 503)"
_n=0
until scr_cap | grep -Eq "updated ([3-9]|[1-9][0-9])s ago" || [ $_n -ge 80 ]; do
	sleep 0.1
	_n=$((_n + 1))
done
if [ $_n -lt 80 ]; then
	ok "then 503s: updated ages from the last answer"
else
	not_ok "then 503s: updated ages from the last answer"
	diag "$(scr_cap)"
fi
scr_keys q
is "q exits with status 0" "$(scr_wait_rc)" 0

# A rejected key with nothing fetched: no data, not "updated".
fake_control clear-faults
printf 'not-the-key\n' >"$T/wrong.key"
chmod 600 "$T/wrong.key"
scr_start -u "$FAKE_URL" -K "$T/wrong.key" --state "$T/c.json" "$OK1"
scr_ok "rejected key: the banner says so" "API key rejected"
sleep 1
scr_cap >"$T/cap.txt"
if grep -Fq "updated" "$T/cap.txt"; then
	not_ok "rejected key: nothing counts as updated"
	diag "$(cat "$T/cap.txt")"
else
	ok "rejected key: nothing counts as updated"
fi
scr_ok "rejected key: no data yet" "no data yet"
scr_keys q
is "rejected key: q exits with status 0" "$(scr_wait_rc)" 0

done_testing
