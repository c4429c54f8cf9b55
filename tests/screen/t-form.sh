#!/bin/sh
# The generation form in the dashboard: e on a failed task is filled from its
# clip with the fail reason above it; the confirmation shows the exact body;
# one POST however often Enter is pressed; the new task is selected, saved
# before the form closes, and names its origin (O goes there), also after a
# restart; x extends a finished clip; lyrics come from $EDITOR; an unclear
# outcome is not resent without an explicit new confirmation; Esc sends
# nothing.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=2a145658-3342-4228-b779-b8323a2b77df
FAIL=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098
STATE="$T/tasks.json"

# The editor: writes known lyrics into the file it is given.
cat >"$T/editor.sh" <<'EOF'
#!/bin/sh
printf '[Verse]\nwritten in the editor\n' >"$1"
EOF
chmod +x "$T/editor.sh"
EDITOR="$T/editor.sh"
export EDITOR
unset VISUAL

posts() {
	fake_requests submit
}

# made N: the id of the task the Nth submit made.
made() {
	fake_query submit made | sed -n "${1}p"
}

# body N KEY: KEY of the Nth submit body.
body() {
	fake_query submit body | sed -n "${1}p" | "$PYTHON3" -c '
import json, sys
v = json.loads(sys.stdin.read()).get(sys.argv[1], "<missing>")
print(v if isinstance(v, str) else json.dumps(v))' "$2"
}

fake_start basic.json || skip_all "fake server did not start"
scr_start -u "$FAKE_URL" --state "$STATE" -i 1 "$FAIL" "$OK1"
scr_ok "the failed task is listed" "FAILURE"
scr_ok "the finished one too" "SUCCESS"

# ---- e on the failed task: filled from its clip, reason above ----------------
scr_keys e
scr_ok "e opens the form for a retry" "Retry of $FAIL, with edits"
scr_ok "the fail reason is shown above the form" "It failed: Song Description contained artist name: metallica"
scr_ok "filled from the clip: description mode" "< description: the server writes the song >"
scr_ok "filled from the clip: the description" "a heavy song like metallica"
scr_ok "filled from the clip: the model" "chirp-v3-5 (v3.5)"
# to the description, replace it
scr_keys Down Down Down C-u
scr_keys -l "a heavy song like thunder"
scr_keys F2
scr_ok "F2 shows the confirmation" "Send exactly this? A generation costs money."
scr_ok "the confirmation shows the endpoint" "POST $FAKE_URL/suno/submit/music"
scr_ok "the confirmation shows the exact body" '{"gpt_description_prompt":"a heavy song like'
is "nothing sent before the confirmation" "$(posts)" 0
# a repeated Enter: one POST
scr_keys Enter Enter Enter Enter
scr_ok "accepted: the form closes with the new id" "; tracked and saved"
NEW=$(made 1)
like "the server made a task" "$NEW" '^[0-9a-f-]{36}$'
check "the new task is in the state file when the form closes" state_has "$STATE" "$NEW"
check "with its relation" grep -q '"relation":"retry","from_task":"'"$FAIL"'"' "$STATE"
sleep 1
is "a repeated Enter sent one POST" "$(posts)" 1
is "the body as received: the edited description" "$(body 1 gpt_description_prompt)" "a heavy song like thunder"
is "the body as received: the model" "$(body 1 mv)" "chirp-v3-5"
scr_ok "the new task is selected: the pane shows its id" "$NEW"
scr_ok "the pane names the origin" "retry of"
scr_keys O
scr_ok "O goes to the origin" "went to $FAIL"

# ---- x on the finished task: extend its clip, lyrics from $EDITOR -----------
scr_keys j x
scr_ok "x opens the form for an extend" "Extend clip"
scr_ok "x continues at the clip's length" "Continue at"
# Clip, Title, Style tags, Negative tags, Model, Instrumental, Lyrics
scr_keys Down Down Down Down Down Down Enter
scr_ok "Enter on the lyrics runs \$EDITOR and shows its text" "written in the editor"
scr_keys F2
scr_ok "the extend's body" '"continue_clip_id":"'
scr_keys y
scr_ok "the extend is accepted" "; tracked and saved"
sleep 0.5
is "two POSTs in all" "$(posts)" 2
is "extend body: the lyrics from the editor" "$(body 2 prompt)" "[Verse]
written in the editor"
is "extend body: the task of the clip" "$(body 2 task_id)" "$OK1"
like "extend body: the clip's length" "$(body 2 continue_at)" '^[0-9]+(\.[0-9]+)?$'
EXT=$(made 2)
scr_ok "the extend's pane names the clip and its task" "extends clip"

# ---- Esc: nothing sent ---------------------------------------------------------
scr_keys n
scr_ok "n opens an empty form" "New generation"
scr_keys Escape
scr_ok "Esc cancels" "cancelled: nothing was sent"
is "nothing more sent" "$(posts)" 2

# ---- an unclear outcome is not resent ------------------------------------------
fake_control faults '[{"match": "submit", "status": 502}]'
scr_keys n Right Down Down Down
scr_keys -l "rain on a tin roof"
scr_keys F2
scr_ok "the description's confirmation" "rain on a tin roof"
scr_keys Enter Enter Enter
scr_ok "502: says the task may or may not exist" "may or may not exist, and it was not sent again"
sleep 0.5
is "502: one POST, not resent" "$(posts)" 3
scr_keys Enter F2
scr_ok "a new confirmation warns of a second task" "An earlier request may have made a task already"
scr_keys Enter Enter
sleep 0.5
is "after an unclear outcome Enter alone sends nothing" "$(posts)" 3
scr_keys y
scr_ok "y sends it again, on purpose" "; tracked and saved"
sleep 0.5
is "the explicit confirmation sent one more" "$(posts)" 4

# ---- lineage across a restart --------------------------------------------------
scr_keys q
is "quit cleanly" "$(scr_wait_rc)" 0
scr_start -u "$FAKE_URL" --state "$STATE" -i 1
scr_ok "after a restart the list is back" "SUCCESS"
scr_keys /
scr_keys -l "$EXT"
sleep 0.3
scr_keys Enter
scr_ok "the filter shows the extend alone" "1 of 5 tasks match"
scr_ok "after a restart: the extend still names its origin" "extends clip"
scr_keys q
is "quit again" "$(scr_wait_rc)" 0

# ---- no editor: lyrics typed in place; a resize sends nothing ---------------
unset EDITOR VISUAL
scr_start -u "$FAKE_URL" --state "$STATE" -i 1
scr_ok "started without an editor" "SUCCESS"
scr_keys n
scr_ok "the form says Enter starts a new line" "(type; Enter: a new line)"
# Mode, Title, Style tags, Negative tags, Model, Instrumental, Lyrics
scr_keys Down Down Down Down Down Down
scr_keys -l "line one"
scr_keys Enter
scr_keys -l "line two"
scr_keys F2
scr_ok "the lyrics typed in place, on two lines" '{"prompt":"line one\nline two"'
before=$(posts)
scr resize-window -x 100 -y 32
scr_ok "a resize keeps the confirmation" "Send exactly this?"
scr resize-window -x "$SCR_W" -y "$SCR_H"
scr_keys n Escape
scr_ok "n then Esc: cancelled" "cancelled: nothing was sent"
sleep 0.5
is "a resize and a cancel sent nothing" "$(posts)" "$before"
scr_keys q
is "quit a third time" "$(scr_wait_rc)" 0

# ---- Ctrl-C while a submit is out: it is waited for, and the user told --------
fake_control faults '[{"match": "submit", "delay": 3}]'
scr_start -u "$FAKE_URL" --state "$STATE" -i 1
scr_ok "started for the slow submit" "SUCCESS"
before=$(posts)
scr_keys n Right Down Down Down
scr_keys -l "thunder over the bay"
scr_keys F2
scr_ok "the slow submit's confirmation" "thunder over the bay"
scr_keys Enter
sleep 0.3
scr_keys C-c
scr_ok "Ctrl-C during a submit says it waits for the answer" "waiting for the submit to be answered"
# (Ctrl-C also reaches the wrapper shell, so there is no exit status to read.)
n=0
while ! grep -q 'thunder over the bay' "$STATE" 2>/dev/null && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
is "the slow submit's task was saved when its answer came" \
	"$(grep -c 'thunder over the bay' "$STATE" | tr -d ' ')" 1
is "the slow submit was sent once" "$(posts)" "$((before + 1))"

done_testing
