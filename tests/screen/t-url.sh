#!/bin/sh
# URLs in the pane are never wrapped (the border and indentation would end
# up inside a mouse selection): one line, cut with … where it does not fit;
# Y copies it whole.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=$BASIC_OK

# to_audio: focus the pane and scroll until the clip's audio line is in view.
to_audio() {
	scr_keys Enter
	n=0
	while ! scr_cap | grep -q "Audio:" && [ $n -lt 20 ]; do
		scr_keys j
		sleep 0.05
		n=$((n + 1))
	done
}

fake_start basic.json || skip_all "fake server did not start"
for size in 150x40 120x35 80x24 40x10; do
	scr_size "$size"
	for colour in always never; do
		# never: NO_COLOR in the environment, as a user sets it
		SCR_ENV=
		[ $colour = never ] && SCR_ENV=NO_COLOR=1
		scr_start -u "$FAKE_URL" --state "$T/s-$size-$colour.json" "$OK1"
		scr_ok "$size $colour: started" "SUCCESS"
		if [ "$SCR_H" -le 10 ]; then
			scr_keys q
			is "$size $colour: q exits 0 (no pane at this size)" "$(scr_wait_rc)" 0
			continue
		fi
		to_audio
		scr_ok "$size $colour: the audio URL is shown" "Audio:"
		line=$(scr_cap | grep -m1 "Audio:")
		like "$size $colour: on one line: whole, or cut with an ellipsis" "$line" \
			"Audio: +http://127\\.0\\.0\\.1:$FAKE_PORT/audio/([0-9a-f-]+\\.mp3|[^ ]*…)\$"
		unlike "$size $colour: no URL fragment wrapped onto a line of its own" "$(scr_cap)" \
			"^[^A-Za-z]* {10,}[0-9a-f-]*\\.(mp3|mp4|jpeg)\$"
		scr set -g set-clipboard on
		scr_keys Y
		scr_ok "$size $colour: Y copies it" "sent the audio URL"
		like "$size $colour: whole" "$(scr show-buffer 2>/dev/null)" \
			"^$FAKE_URL/audio/[0-9a-f-]+\\.mp3\$"
		scr_keys q
		is "$size $colour: q exits 0" "$(scr_wait_rc)" 0
	done
done

# OSC 8: where the terminal takes hyperlinks (forced here: tmux is never
# assumed to), the URL's cells are written again inside a hyperlink to the
# URL `o` would open; the screen stays the same.
count_osc8() {
	"$PYTHON3" -c '
import re, sys
d = open(sys.argv[1], "rb").read()
print(len(re.findall(rb"\x1b\]8;;http://127\.0\.0\.1:[0-9]+/audio/[0-9a-f-]+\.mp3\x1b\\", d)))' "$1"
}
for links in 1 0; do
	scr_size 150x40
	SCR_ENV=SUNOTOP_HYPERLINKS=$links
	rm -f "$T/raw$links"
	scr_start -u "$FAKE_URL" --state "$T/l$links.json" "$OK1"
	scr pipe-pane -O "cat >>'$T/raw$links'"
	scr_ok "links=$links: started" "SUCCESS"
	to_audio
	sleep 0.5
	like "links=$links: the URL line as before" "$(scr_cap | grep -m1 "Audio:")" \
		"Audio: +http://127\\.0\\.0\\.1:$FAKE_PORT/audio/[^ ]*…\$"
	if [ $links = 1 ]; then
		check "links=1: the audio URL is an OSC 8 hyperlink" [ "$(count_osc8 "$T/raw1")" -gt 0 ]
	else
		is "links=0: no hyperlink" "$(count_osc8 "$T/raw0")" 0
	fi
	scr_keys q
	is "links=$links: q exits 0" "$(scr_wait_rc)" 0
done
SCR_ENV=

done_testing
