#!/bin/sh
# --once against basic.json: every state, JSON Lines shape, unknown ids,
# --exit-status, the ways of giving ids, and the requests it costs.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

S=2a145658-3342-4228-b779-b8323a2b77df   # SUCCESS, CJK title
R=346c5d10-a4a1-4f49-a851-66a7dae6cfaf   # IN_PROGRESS
N=dcb812bd-40c5-4907-836e-3a7aa9a2e546   # NOT_START
F=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098   # FAILURE
L=b85c241a-4d97-4ee4-1111-68c053509b24   # LYRICS SUCCESS
Q=bee8f32e1994417ba8d7485d1aaf3b26       # QUEUED
U=0e0e0e0e-dead-4bee-8fee-000000000404   # unknown to the server

fake_start basic.json || skip_all "fake server did not start"

run_sunotop all --once --json -u "$FAKE_URL" "$S" "$R" "$N" "$F" "$L" "$Q" "$U"
J="$T/all.out"
is "once --json exits 0" "$RC" 0
check "every line is a task object with all keys" json_lines_valid "$J"
is "one line per task" "$(grep -c . "$J")" 7
is "success status" "$(jget "$J" "$S" status)" SUCCESS
is "success progress" "$(jget "$J" "$S" progress)" 100
is "success CJK title" "$(jget "$J" "$S" clips.0.title)" "快乐周末"
is "success has two clips" "$(jget "$J" "$S" clips.1.status)" complete
like "success audio url" "$(jget "$J" "$S" clips.0.audio_url)" "^http://127\\.0\\.0\\.1:$FAKE_PORT/audio/[0-9a-f-]+\\.mp3$"
like "success duration is a number" "$(jget "$J" "$S" clips.0.duration)" '^[0-9]+(\.[0-9]+)?$'
like "submit_time is Unix seconds" "$(jget "$J" "$S" submit_time)" '^1[0-9]{9}$'
is "success lyrics is null" "$(jget "$J" "$S" lyrics)" null
is "success error is null" "$(jget "$J" "$S" error)" null
is "running status" "$(jget "$J" "$R" status)" IN_PROGRESS
is "running progress" "$(jget "$J" "$R" progress)" 0
is "running finish_time null" "$(jget "$J" "$R" finish_time)" null
is "running clip streaming" "$(jget "$J" "$R" clips.0.status)" streaming
is "not started status" "$(jget "$J" "$N" status)" NOT_START
like "not started has no clips" "$(jget "$J" "$N" clips)" '^(\[\]|null)$'
is "queued status" "$(jget "$J" "$Q" status)" QUEUED
is "failure status" "$(jget "$J" "$F" status)" FAILURE
is "failure reason exact" "$(jget "$J" "$F" fail_reason)" "Song Description contained artist name: metallica"
is "failure clip error_message" "$(jget "$J" "$F" clips.0.error_message)" "Song Description contained artist name: metallica"
is "lyrics action" "$(jget "$J" "$L" action)" LYRICS
is "lyrics title" "$(jget "$J" "$L" lyrics.title)" "喵星摇滚"
like "lyrics text" "$(jget "$J" "$L" lyrics.text)" "^喵星人 爬上墙$"
is "lyrics status" "$(jget "$J" "$L" lyrics.status)" complete
is "unknown id status" "$(jget "$J" "$U" status)" NOT_FOUND
is "unknown id error" "$(jget "$J" "$U" error)" task_not_exist
is "one batch request" "$(fake_requests batch)" 1
is "one GET, for the unknown id" "$(fake_requests get):$(fake_requests "get:$U")" "1:1"
is "every request authorized" "$(fake_query all auth | sort -u)" ok
unlike "key never in a request path" "$(fake_query all path)" "test-key"
unlike "key not printed" "$OUT$ERR" "test-key"
check "state file left alone with ids on the command line" test ! -e "$XDG_STATE_HOME/sunotop/tasks.json"

# --exit-status
run_sunotop es0 --once --exit-status -u "$FAKE_URL" "$S" "$R" "$Q"
is "--exit-status: done and running -> 0" "$RC" 0
run_sunotop es1 --once --exit-status -u "$FAKE_URL" "$S" "$F"
is "--exit-status: a failure -> 1" "$RC" 1
run_sunotop es2 --once --exit-status --json -u "$FAKE_URL" "$S" "$U"
is "--exit-status: not found -> 1" "$RC" 1
run_sunotop es3 --once -u "$FAKE_URL" "$F" "$U"
is "without --exit-status a failure still exits 0" "$RC" 0

# Human output. The figures follow the core's rules, as in the dashboard:
# run time from start to finish (the fake starts finished tasks 11 s after
# submitting them and ends them 96 s after), no progress figure for a task
# that ended without success, ~0% while waiting.
run_sunotop human --once -u "$FAKE_URL" "$S" "$F" "$L" "$N" "$U"
is "human once exits 0" "$RC" 0
like "human: the columns say what they hold" "$(head -1 "$T/human.out")" "^TASK ID +STATUS +PROG +SUBMITTED +RUN +TITLE$"
like "human: success at 100%, run time start to finish" "$(grep -F -- "$S" "$T/human.out")" "^$S +SUCCESS +100% .* 1m25s +快乐周末$"
like "human: failure shows no progress figure" "$(grep -F -- "$F" "$T/human.out")" "^$F +FAILURE +- +[0-9-]+ [0-9:]+ +1m25s +-$"
like "human: waiting task ~0%, no run time yet" "$(grep -F -- "$N" "$T/human.out")" "^$N +NOT_START +~0% .* +- +-$"
like "human: unknown id NOT_FOUND, no figures" "$(grep -F -- "$U" "$T/human.out")" "^$U +NOT_FOUND +- +- +- +-$"
like "human: lists the success id" "$OUT" "$S"
like "human: shows FAILURE" "$OUT" "FAILURE"
like "human: shows the fail reason" "$OUT" "Song Description contained artist name: metallica"
like "human: shows the CJK title" "$OUT" "快乐周末"
check "human: no terminal controls" no_terminal_controls "$T/human.out"

# --color=always: the status words in the dashboard's colours, the columns
# where they would be without (digits masked: the estimate moves between
# the runs); never colour unless asked.
run_sunotop col --once --color=always -u "$FAKE_URL" "$S" "$R" "$Q" "$F" "$U"
is "color=always: exit 0" "$RC" 0
esc=$(printf '\033')
is "color=always: SUCCESS green" "$(grep -cF "${esc}[32mSUCCESS${esc}[0m " "$T/col.out")" 1
is "color=always: IN_PROGRESS bold cyan" "$(grep -cF "${esc}[1;36mIN_PROGRESS${esc}[0m " "$T/col.out")" 1
is "color=always: QUEUED yellow" "$(grep -cF "${esc}[33mQUEUED${esc}[0m " "$T/col.out")" 1
is "color=always: FAILURE bold red" "$(grep -cF "${esc}[1;31mFAILURE${esc}[0m " "$T/col.out")" 1
is "color=always: NOT_FOUND bold red" "$(grep -cF "${esc}[1;31mNOT_FOUND${esc}[0m " "$T/col.out")" 1
is "color=always: nothing else coloured" "$(grep -o "${esc}\[[0-9;]*m" "$T/col.out" | wc -l | tr -d ' ')" 10
run_sunotop nocol --once --color=never -u "$FAKE_URL" "$S" "$R" "$Q" "$F" "$U"
is "color=always: the same columns as without colour" \
	"$(sed "s/${esc}\[[0-9;]*m//g" "$T/col.out" | cut -c1-55 | tr 0-9 d)" "$(cut -c1-55 "$T/nocol.out" | tr 0-9 d)"
check "color=never: no terminal controls" no_terminal_controls "$T/nocol.out"
run_sunotop auto --once -u "$FAKE_URL" "$S" "$F"
check "color not asked (auto): no terminal controls" no_terminal_controls "$T/auto.out"
run_sunotop colj --once --json --color=always -u "$FAKE_URL" "$S" "$F"
check "color=always with --json: no terminal controls" no_terminal_controls "$T/colj.out"

# Ways of giving ids
run_sunotop sep --once --json -u "$FAKE_URL" "$S,$R" "$N"
is "comma-separated argument: exit 0" "$RC" 0
is "comma-separated argument: three tasks" "$(grep -c task_id "$T/sep.out")" 3
is "comma-separated: second id found" "$(jget "$T/sep.out" "$R" status)" IN_PROGRESS
run_sunotop wide --once --json -u "$FAKE_URL" "$S，$R、$N；$F：$L　$Q"
is "full-width separators: exit 0" "$RC" 0
is "full-width separators: six tasks" "$(grep -c task_id "$T/wide.out")" 6
is "full-width separators: last id found" "$(jget "$T/wide.out" "$Q" status)" QUEUED
printf '%s, %s\n\n  %s\t%s\n' "$S" "$R" "$F" "$L" >"$T/ids.txt"
run_sunotop file --once --json -u "$FAKE_URL" -f "$T/ids.txt"
is "-f FILE: exit 0" "$RC" 0
is "-f FILE: four tasks" "$(grep -c task_id "$T/file.out")" 4
is "-f FILE: lyrics found" "$(jget "$T/file.out" "$L" status)" SUCCESS
printf '%s\n%s,%s\n' "$Q" "$N" "$F" >"$T/stdin.txt"
RUN_STDIN="$T/stdin.txt" run_sunotop stdin --once --json -u "$FAKE_URL" -f -
is "-f -: exit 0" "$RC" 0
is "-f -: three tasks" "$(grep -c task_id "$T/stdin.out")" 3
is "-f -: queued found" "$(jget "$T/stdin.out" "$Q" status)" QUEUED

before=$(fake_requests all)
run_sunotop bad --once -u "$FAKE_URL" "$S" 'bad/id'
is "invalid id: exit 2" "$RC" 2
like "invalid id: reason names it" "$ERR" "bad/id"
run_sunotop long --once -u "$FAKE_URL" "$(printf '%0200d' 7)"
is "overlong id: exit 2" "$RC" 2
run_sunotop nofile --once -u "$FAKE_URL" -f "$T/does-not-exist"
is "unreadable id file: exit 2" "$RC" 2
like "unreadable id file: named" "$ERR" "does-not-exist"
is "no requests for refused input" "$(fake_requests all)" "$before"

done_testing
