#!/bin/sh
# Adding ids at the prompt (typed, pasted, invalid, duplicate), untracking
# with confirmation and undo, each reflected in the state file at once.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
RUN=346c5d10-a4a1-4f49-a851-66a7dae6cfaf
NS=dcb812bd-40c5-4907-836e-3a7aa9a2e546
FAIL=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098
LYR=b85c241a-4d97-4ee4-1111-68c053509b24
Q=bee8f32e1994417ba8d7485d1aaf3b26
STATE="$T/tasks.json"

# wait_state ID: until the state file lists ID (it is written at once).
wait_state() {
	_n=0
	while [ $_n -lt 50 ]; do
		state_has "$STATE" "$1" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

wait_state_gone() {
	_n=0
	while [ $_n -lt 50 ]; do
		state_has "$STATE" "$1" || return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

fake_start basic.json || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$STATE" -i 1

scr_ok "an empty list says how to add" "press a to add"
scr_keys a
scr_ok "a opens the add prompt" "add ids:"
scr_keys "$OK1, $FAIL bad/id" Enter
scr_ok "report: two added, one invalid with its value" "added 2; 1 invalid: 'bad/id'"
scr_ok "the added task is fetched" "SUCCESS"
scr_ok "so is the other" "FAILURE"
check "state file lists the first id" wait_state "$OK1"
check "state file lists the second id" wait_state "$FAIL"

scr_keys a "$OK1" Enter
scr_ok "a duplicate is reported" "added 0; 1 duplicate"

scr_keys a "zzz-never"
scr_ok "typed text is echoed" "zzz-never"
scr_keys Escape
scr_ok "Esc cancels the prompt" "cancelled"
unlike "the cancelled id is not listed" "$(scr_cap)" "zzz-never"

# A bracketed paste on the list opens the prompt; its newlines separate ids.
scr set-buffer "$RUN
$NS
"
scr paste-buffer -p
scr_ok "a paste opens the add prompt" "add ids:"
scr_keys Enter
scr_ok "both pasted ids are added" "added 2"
check "pasted id saved" wait_state "$NS"

# A plain paste (newlines arrive as Enter) adds every line too.
scr_keys a
scr_wait "add ids:" >/dev/null
scr set-buffer "$LYR
$Q"
scr paste-buffer
scr_keys Enter
check "first line of a plain paste saved" wait_state "$LYR"
check "last line of a plain paste saved" wait_state "$Q"
scr_ok "the list shows six tasks" "6/6"

# Untrack the selection (the last added) after y, then undo.
scr_keys G d
scr_ok "d asks first" "untrack $Q? y/n"
scr_keys n
scr_ok "n keeps it" "kept $Q"
scr_keys d y
scr_ok "y untracks" "untracked $Q"
check "the state file drops it" wait_state_gone "$Q"
scr_ok "the list drops it" "5/5"
scr_keys u
scr_ok "u restores it" "restored $Q"
check "the state file has it again" wait_state "$Q"
scr_ok "the list shows it again" "6/6"

# An add is undone too.
EXTRA=0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6
scr_keys a "$EXTRA" Enter
scr_ok "one more added" "7/7"
check "the extra id is saved" wait_state "$EXTRA"
scr_keys u
scr_ok "u undoes the add" "undid adding $EXTRA"
check "the state file drops the undone add" wait_state_gone "$EXTRA"
scr_ok "the list is back to six" "6/6"

# Shell junk pasted by mistake: nothing is tracked, the refusal says why.
scr_keys a
scr_wait "add ids:" >/dev/null
scr_keys -l 'hello; rm -rf / $(x) 12 ../../etc/passwd'
scr_keys Enter
scr_ok "junk: nothing added, all seven words refused" "added 0; 7 invalid: 'hello;' and others"
scr_ok "the list still shows six tasks" "6/6"

# Text copied from a Chinese page: full-width colon and comma separate ids
# from their label and from each other.
W1=6f1c2a9e-0b7d-4e21-9a55-3c8e1d0f7a01
W2=6f1c2a9e-0b7d-4e21-9a55-3c8e1d0f7a02
scr set-buffer "任务ID：$W1，$W2"
scr paste-buffer -p
scr_ok "a full-width paste opens the add prompt" "add ids:"
scr_keys Enter
scr_ok "both ids are added, the label refused" "added 2; 1 invalid: '任务ID'"
check "the first id after the colon is saved" wait_state "$W1"
check "the id after the full-width comma is saved" wait_state "$W2"
scr_ok "the list shows eight tasks" "8/8"

scr_keys q
is "q exits with status 0" "$(scr_wait_rc)" 0
is "nothing on stderr" "$(cat "$T/err.log")" ""
n=0
for id in "$OK1" "$RUN" "$NS" "$FAIL" "$LYR" "$Q"; do
	state_has "$STATE" "$id" && n=$((n + 1))
done
is "the state file holds all six ids" "$n" 6
unlike "the state file has no junk word" "$(cat "$STATE")" '"(rm|12|hello;)"'


done_testing
