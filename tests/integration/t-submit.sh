#!/bin/sh
# sunotop submit against the fake API: every field of every body as the
# server received it, the new id printed and saved, --json, --dry-run,
# every refusal made before anything is sent, --wait, and the lineage of an
# extend kept across a restart.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop

STATE="$T/state/tasks.json"
fake_start basic.json || skip_all "fake server did not start"

# body N: the Nth submit body the server received (1-based), as JSON with
# sorted keys; "none" when there is no such submit.
body() {
	fake_query submit body | "$PYTHON3" -c '
import json, sys
lines = sys.stdin.read().splitlines()
n = int(sys.argv[1])
print(json.dumps(json.loads(lines[n - 1]), sort_keys=True, ensure_ascii=False) if len(lines) >= n else "none")' "$1"
}

# canon JSON: the same JSON with sorted keys.
canon() {
	"$PYTHON3" -c 'import json, sys; print(json.dumps(json.loads(sys.argv[1]), sort_keys=True, ensure_ascii=False))' "$1"
}

# tracked ID: the state file's entry for ID, as JSON ("none" when absent).
tracked() {
	"$PYTHON3" - "$STATE" "$1" <<'EOF'
import json, sys
try:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
except (OSError, ValueError):
    print("none"); sys.exit(0)
for e in doc["tasks"]:
    if e["id"] == sys.argv[2]:
        print(json.dumps(e, sort_keys=True, ensure_ascii=False)); sys.exit(0)
print("none")
EOF
}

sub() {
	_n=$1
	shift
	run_sunotop "$_n" submit -u "$FAKE_URL" --state "$STATE" "$@"
}

# ---- custom mode, every field ----------------------------------------------
printf '\357\273\277[Verse]\r\nRain on the roof\r\n\r\n[Chorus]\r\n"Quoted" line\r\n\r\n' >"$T/lyrics.txt"
sub custom --lyrics-file "$T/lyrics.txt" --title "Tin Roof 雨" --tags "folk, acoustic" \
	--negative-tags "metal, screaming" --model v4.5+ --instrumental
ID1=$OUT
is "custom: exit 0" "$RC" 0
like "custom: stdout is the new id alone" "$OUT" '^[0-9a-f-]{36}$'
is "custom: nothing on stderr" "$ERR" ""
is "custom: every field as received" "$(body 1)" "$(canon '{"prompt": "[Verse]\nRain on the roof\n\n[Chorus]\n\"Quoted\" line",
	"tags": "folk, acoustic", "title": "Tin Roof 雨", "negative_tags": "metal, screaming",
	"mv": "chirp-bluejay", "make_instrumental": true}')"
is "custom: the id is the one the server made" "$(fake_query submit made | head -1)" "$ID1"
like "custom: saved in the state file before exit" "$(tracked "$ID1")" '"relation": "new"'
like "custom: the exact body kept with the entry" "$(tracked "$ID1")" '"path": "/suno/submit/music"'
is "custom: one POST" "$(fake_requests submit)" 1

# ---- inspiration mode -------------------------------------------------------
sub insp --describe "a calm song about tea" --model chirp-v3-5
is "inspiration: exit 0" "$RC" 0
is "inspiration: every field as received" "$(body 2)" \
	"$(canon '{"gpt_description_prompt": "a calm song about tea", "prompt": "", "mv": "chirp-v3-5", "make_instrumental": false}')"

# ---- lyrics endpoint, from standard input for --lyrics-file - too ---------
sub lyr --write-lyrics "rain on a tin roof" --json
is "lyrics: exit 0" "$RC" 0
is "lyrics: posted to the lyrics endpoint" "$(fake_requests submit:lyrics)" 1
is "lyrics: the body" "$(body 3)" "$(canon '{"prompt": "rain on a tin roof"}')"
printf '%s\n' "$OUT" >"$T/lyr.json"
LID=$("$PYTHON3" -c 'import json,sys; print(json.load(open(sys.argv[1]))["task_id"])' "$T/lyr.json")
is "lyrics --json: outcome" "$("$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["outcome"], d["http_status"], d["attempts"], d["error"], d["path"], d["origin"], json.dumps(d["request"]))' "$T/lyr.json")" \
	'accepted 200 1 None /suno/submit/lyrics None {"prompt": "rain on a tin roof"}'
like "lyrics --json: the id is tracked" "$(tracked "$LID")" '/suno/submit/lyrics'
RUN_STDIN="$T/lyrics.txt" sub stdin --lyrics-file - --tags x --dry-run
like "lyrics from standard input" "$OUT" '^\{"prompt":"\[Verse\]\\nRain on the roof\\n\\n\[Chorus\]\\n\\"Quoted\\" line","tags":"x"'

# ---- custom model -----------------------------------------------------------
sub cust --lyrics "la" --model custom:chirp-v9-upload
is "custom:NAME: the server says model_not_found: exit 3" "$RC" 3
like "custom:NAME: sent as the mv" "$(body 4)" '"mv": "chirp-v9-upload"'
like "custom:NAME: not accepted, with the server's reason" "$ERR" "not accepted: HTTP 503 model_not_found"
is "custom:NAME: nothing tracked" "$(grep -c chirp-v9 "$STATE")" 0

# ---- --wait: watches the new task ------------------------------------------
RUN_TIMEOUT=60 sub wait --lyrics "[Verse]\nhello" --tags pop --title "Wait For It" --wait --json
is "--wait: exit 0 when it succeeds" "$RC" 0
printf '%s\n' "$OUT" >"$T/wait.json"
WID=$(head -1 "$T/wait.json" | "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["task_id"])')
is "--wait: the task's last line is SUCCESS" "$(jget "$T/wait.json" "$WID" status)" SUCCESS
is "--wait: clip metadata reflects the request" "$(jget "$T/wait.json" "$WID" clips.0.title)" "Wait For It"
is "--wait: lines carry the origin key" "$(jget "$T/wait.json" "$WID" origin)" null
like "--wait: the finished task is saved" "$(tracked "$WID")" '"status": "SUCCESS"'
CLIP=$(jget "$T/wait.json" "$WID" clips.1.id)

RUN_TIMEOUT=60 sub waitfail --describe "thrash like Metallica" --wait
is "--wait: exit 1 when it fails" "$RC" 1
like "--wait: the fail reason is shown" "$OUT" "fail_reason: Song Description contained artist name: metallica"

# ---- extend a tracked clip; lineage across a restart -----------------------
sub ext --extend "$CLIP" --at 61.5 --lyrics "[Bridge]\nmore" --tags pop --title "Wait For It II"
XID=$OUT
is "extend: exit 0" "$RC" 0
n=$(fake_requests submit)
is "extend: every field as received, the clip's task found in the state file" "$(body "$n")" \
	"$(canon "{\"prompt\": \"[Bridge]\\\\nmore\", \"tags\": \"pop\", \"title\": \"Wait For It II\", \"make_instrumental\": false, \"continue_clip_id\": \"$CLIP\", \"continue_at\": 61.5, \"task_id\": \"$WID\"}")"
sub extu --extend 0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d --at 10 --lyrics "x" --dry-run
like "extend of an untracked clip: no task_id" "$OUT" '"continue_at":10\}$'

run_sunotop restart --once --json -u "$FAKE_URL" --state "$STATE"
is "after a restart: --once exits 0" "$RC" 0
is "after a restart: the extend's origin" "$(jget "$T/restart.out" "$XID" origin)" \
	"{\"relation\": \"extend\", \"task_id\": \"$WID\", \"clip_id\": \"$CLIP\"}"
is "after a restart: a new task has no origin" "$(jget "$T/restart.out" "$ID1" origin)" null
check "after a restart: every line has the documented keys" json_lines_valid "$T/restart.out"

# ---- refused before anything is sent ----------------------------------------
before=$(fake_requests all)
refuse() {
	_what=$1
	_want=$2
	shift 2
	sub refuse "$@"
	is "refused ($_what): exit 2" "$RC" 2
	like "refused ($_what): says why" "$ERR" "$_want"
	is "refused ($_what): stdout empty" "$OUT" ""
}
long=$("$PYTHON3" -c 'print("é" * 101)')
lyr3001=$("$PYTHON3" -c 'print("a" * 3001)')
refuse "both" "not both" --lyrics a --describe b
refuse "neither" "give lyrics \\(--lyrics, --lyrics-file\\) or a description" --tags rock
refuse "--at without --extend" "--at needs --extend CLIP_ID" --lyrics a --at 30
refuse "--extend without --at" "--extend needs --at SECONDS" --lyrics a --extend "$CLIP"
refuse "unknown model" "unknown model 'chirp-v9' \\(--model\\).*chirp-crow \\(v5\\).*custom:NAME" --lyrics a --model chirp-v9
refuse "title over the limit" "the title \\(--title\\) is 101 characters long; the limit is 100" --lyrics a --title "$long"
refuse "lyrics over the model's limit" "the lyrics is 3001 characters long; the limit is 3000" --lyrics "$lyr3001" --model v4
refuse "lyrics and a lyrics file" "give --lyrics or --lyrics-file, not both" --lyrics a --lyrics-file "$T/lyrics.txt"
refuse "missing lyrics file" "cannot read lyrics from $T/none" --lyrics-file "$T/none"
refuse "--write-lyrics with more" "takes only its text" --write-lyrics rain --title t
refuse "tags with a description" "takes no title or tags" --describe b --tags rock
refuse "bad --at" "invalid --at 'soon'" --extend "$CLIP" --at soon --lyrics a
refuse "a task id" "submit takes no task ids" --lyrics a "$ID1"
refuse "a repeated option" "option '--title' is given twice" --lyrics a --title a --title b
is "refusals: not one request reached the server" "$(fake_requests all)" "$before"

# ---- --dry-run: the body, nothing sent, no key needed ------------------------
before=$(fake_requests all)
COMETAPI_KEY= run_sunotop dry submit -u "$FAKE_URL" --state "$STATE" --lyrics "a" --tags t --dry-run
is "--dry-run: exit 0 without a key" "$RC" 0
is "--dry-run: prints the body" "$OUT" '{"prompt":"a","tags":"t","title":"","make_instrumental":false}'
like "--dry-run: says where it would go" "$ERR" "would POST to $FAKE_URL/suno/submit/music; nothing sent"
is "--dry-run: nothing sent" "$(fake_requests all)" "$before"

# ---- the state file held by another instance: nothing sent -----------------
"$PYTHON3" - "$STATE.lock" "$T/locked" <<'EOF' &
import fcntl, os, sys, time
f = open(sys.argv[1], "a")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(20)
EOF
HOLDER=$!
i=0
while [ ! -e "$T/locked" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
before=$(fake_requests submit)
sub locked --lyrics a
is "state file in use: exit 2" "$RC" 2
like "state file in use: says so" "$ERR" "in use by another sunotop.*nothing was sent"
is "state file in use: no POST" "$(fake_requests submit)" "$before"
kill "$HOLDER" 2>/dev/null
wait "$HOLDER" 2>/dev/null

# ---- help --------------------------------------------------------------------
run_sunotop help submit --help
is "submit --help: exit 0" "$RC" 0
like "submit --help: usage" "$OUT" "^Usage: sunotop submit"
like "submit --help: the limits" "$OUT" "title 100"

done_testing
