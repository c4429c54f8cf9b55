#!/bin/sh
# URLs in the pane are never wrapped (the border and indentation would end
# up inside a mouse selection): one line, cut with … where it does not fit;
# Y copies it whole.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/screen/screen.sh"

OK1=$BASIC_OK

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
		# Scroll the pane until the clip's audio line is in view.
		scr_keys Enter
		n=0
		while ! scr_cap | grep -q "Audio:" && [ $n -lt 20 ]; do
			scr_keys j
			sleep 0.05
			n=$((n + 1))
		done
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

done_testing
