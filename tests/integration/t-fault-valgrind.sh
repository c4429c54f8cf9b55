#!/bin/sh
# valgrind memcheck over --once and --watch against the fake server, on the
# good path and through 429, truncated and too-deep answers: no memory
# errors and no definite leaks. Skipped without valgrind or on a sanitizer
# build (the two do not mix).
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop
command -v valgrind >/dev/null 2>&1 || skip_all "valgrind not found"
if grep -qE '__asan_init|__tsan_init' "$SUNOTOP" 2>/dev/null; then
	skip_all "sanitizer build"
fi

S=2a145658-3342-4228-b779-b8323a2b77df
R=346c5d10-a4a1-4f49-a851-66a7dae6cfaf
F=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098
U=0e0e0e0e-dead-4bee-8fee-000000000404

fake_start basic.json || skip_all "fake server did not start"
URL_good=$FAKE_URL
scenario_with_faults basic.json bad '[{"match": "any", "status": 429, "retry_after": "1"},
	{"match": "any", "from": 1, "truncate": true}, {"match": "any", "from": 2, "deep": 5000}]'
fake_start "$T/bad.json" || skip_all "fake server did not start"
URL_bad=$FAKE_URL

VG="valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 --log-file=$T/vg-%p.log"
with_timeout 60 $VG "$SUNOTOP" --once -u "$URL_good" "$S" "$R" "$F" "$U" >"$T/good.out" 2>"$T/good.err" </dev/null &
p1=$!
with_timeout 60 $VG "$SUNOTOP" --once --json --exit-status -u "$URL_good" "$S" "$U" >"$T/json.out" 2>"$T/json.err" </dev/null &
p2=$!
with_timeout 60 $VG "$SUNOTOP" --watch --json -u "$URL_bad" "$S" "$F" >"$T/bad.out" 2>"$T/bad.err" </dev/null &
p3=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
wait $p3; rc3=$?

is "memcheck --once: clean exit 0" "$rc1" 0
is "memcheck --once --json --exit-status (not found): clean exit 1" "$rc2" 1
is "memcheck --watch through 429, truncated and deep answers: clean exit 0" "$rc3" 0
is "memcheck --watch: both tasks finished" "$(jget "$T/bad.out" "$S" status):$(jget "$T/bad.out" "$F" status)" "SUCCESS:FAILURE"
like "memcheck --watch: the faults were met" "$(cat "$T/bad.err")" "attempt 3 failed"
n=$(cat "$T"/vg-*.log | grep -c "ERROR SUMMARY: 0 errors")
is "memcheck: three runs, zero errors each" "$n" 3
unlike "memcheck: no definite leak" "$(cat "$T"/vg-*.log)" "definitely lost: [1-9]"

done_testing
