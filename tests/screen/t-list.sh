#!/bin/sh
# The dashboard against the basic scenario: status words, the details pane
# with the fail reason, the text and status filters, quitting with the list
# saved and the terminal handed back.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
RUN=346c5d10-a4a1-4f49-a851-66a7dae6cfaf
NS=dcb812bd-40c5-4907-836e-3a7aa9a2e546
FAIL=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098
LYR=b85c241a-4d97-4ee4-1111-68c053509b24
Q=bee8f32e1994417ba8d7485d1aaf3b26
STATE="$T/tasks.json"

fake_start basic.json || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$STATE" -i 1 "$OK1" "$RUN" "$NS" "$FAIL" "$LYR" "$Q"

scr_ok "header names the program" "sunotop"
scr_ok "finished task: SUCCESS" "SUCCESS"
scr_ok "failed task: FAILURE" "FAILURE"
scr_ok "running task: IN_PROGRESS" "IN_PROGRESS"
scr_ok "waiting task: NOT_START" "NOT_START"
scr_ok "queued task: QUEUED" "QUEUED"
scr_ok "a CJK title is drawn" "快乐周末"
scr_ok "header counts the failure" "1 failed"
scr_ok "header counts the finished ones" "2 done"
scr_ok "header tells when data came" "updated"
scr_ok "pane shows the selected task's full id" "$OK1"
scr_ok "pane lists the clips" "Clips (2)"

# Text filter on the fail reason: only the failed task stays, and the pane
# shows the reason in full.
scr_keys /
scr_ok "the filter prompt opens" "filter /"
scr_keys metallica Enter
scr_gone "filter: the others leave the list" "IN_PROGRESS"
scr_ok "pane: fail reason label" "Reason:"
scr_ok "pane: the fail reason itself" "Reason:    Song Description contained artist"
like "footer: one of six shown" "$(scr_cap)" "1/6"
# One rule for the figures: a failed task shows no progress (never an almost
# full bar) and its run time from start to finish, as --once prints it.
row=$(scr_cap | grep -F "FAILURE" | head -1)
like "failed row: no progress figure, run time start to finish" "$row" "FAILURE .* - .* 1m25s "
unlike "failed row: not an almost full bar" "$row" "9[0-9]%|100%"
scr_ok "pane: run time, start to finish" "Run time:  1m25s"
like "list: the run-time column is RUN" "$(scr_cap | sed -n 2p)" "SUBMITTED +RUN +TITLE"
scr_keys Escape
scr_ok "Esc clears the filter" "IN_PROGRESS"

# Status filter: all -> active -> failed -> done -> slow -> all.
scr_keys f
scr_ok "f: active" "show:active"
scr_gone "active: no finished task listed" "SUCCESS"
scr_keys f
scr_ok "f: failed" "show:failed"
scr_gone "failed: the running task is hidden" "IN_PROGRESS"
like "failed: the failed task is listed" "$(scr_cap)" "FAILURE"
scr_keys f
scr_ok "f: done" "show:done"
scr_gone "done: the failed task is hidden" "FAILURE"
scr_keys f
scr_ok "f: slow" "show:slow"
scr_gone "slow: no task is slow yet" "SUCCESS"
scr_keys f
scr_gone "f: back to all" "show:"
scr_ok "all tasks again" "NOT_START"

# Moving the selection changes the pane; the help overlay opens and closes.
scr_keys G
scr_ok "G selects the last task" "Electric Dreams"
scr_keys '?'
scr_ok "? opens the help" "any key closes"
scr_keys x
scr_gone "any key closes the help" "any key closes"

scr_keys q
is "q exits with status 0" "$(scr_wait_rc)" 0
scr_ok "the shell gets the terminal back" "shell\$"
scr_keys "echo back-to-the-shell" Enter
scr_ok "the terminal echoes again" "back-to-the-shell"
is "nothing on stderr" "$(cat "$T/err.log")" ""
n=0
for id in "$OK1" "$RUN" "$NS" "$FAIL" "$LYR" "$Q"; do
	state_has "$STATE" "$id" && n=$((n + 1))
done
is "the state file holds all six ids" "$n" 6

# The header counts each row as what it is: an id the API does not know is
# not a failure, and a task that has not started is queued.
UNK=0e0e0e0e-dead-4bee-8fee-000000000404
scr_start -u "$FAKE_URL" --state "$T/counts.json" -i 1 "$OK1" "$FAIL" "$NS" "$UNK"
scr_ok "counts: the unknown id is NOT_FOUND" "NOT_FOUND"
like "counts: one of each, NOT_FOUND not failed" "$(scr_cap | head -1)" \
	"0 running +… 1 queued +✔ 1 done +✖ 1 failed"
scr_keys q
is "counts: q exits with status 0" "$(scr_wait_rc)" 0

done_testing
