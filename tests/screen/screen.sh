# tests/screen/screen.sh: drive the real dashboard in a detached tmux with a
# private socket (sourced after tests/lib.sh). Every wait is bounded.

: "${TMUX_BIN:=tmux}"
[ "$TMUX_BIN" = no ] && TMUX_BIN=tmux
command -v "$TMUX_BIN" >/dev/null 2>&1 || skip_all "tmux not found"
require_sunotop

SCR_SOCK="sunotop-test-$$-0"
_scr_n=0
SCR_W=150      # wide enough for the pane beside the list (from 136 columns)
SCR_H=40
unset TMUX

# Tasks of tests/scenarios/basic.json: succeeded, running, failed.
BASIC_OK=2a145658-3342-4228-b779-b8323a2b77df
BASIC_RUN=346c5d10-a4a1-4f49-a851-66a7dae6cfaf
BASIC_FAIL=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098

# scr_size WxH: the size of the next scr_start.
scr_size() {
	SCR_W=${1%x*}
	SCR_H=${1#*x}
}

scr() {
	"$TMUX_BIN" -L "$SCR_SOCK" -f /dev/null "$@"
}

_scr_cleanup() {
	scr kill-server >/dev/null 2>&1
	_lib_cleanup
}
trap _scr_cleanup EXIT

# scr_start ARGS...: runs sunotop ARGS in a 150x40 pane (SCR_W, SCR_H). When
# it exits its status goes to $T/rc, stderr to $T/err.log, and a plain shell
# takes over the pane so the restored terminal can be checked. With
# SCR_PIPE=FILE, FILE is piped into its standard input; with SCR_TERM=NAME
# it runs with TERM=NAME (SCR_TERM=- : with TERM unset); SCR_ENV adds
# NAME=VALUE words to its environment (SCR_ENV=NO_COLOR=1).
#
# Each start gets a tmux server of its own: the previous one is told to quit,
# but a server told to quit is still on its socket for a moment, and a new
# session started on that socket could die with it.
scr_start() {
	rm -f "$T/rc"
	if [ $_scr_n -gt 0 ]; then
		scr kill-server >/dev/null 2>&1
	fi
	_scr_n=$((_scr_n + 1))
	SCR_SOCK="sunotop-test-$$-$_scr_n"
	{
		echo '#!/bin/sh'
		echo "cd '$T' || exit 1"
		case ${SCR_TERM:-} in
		'') ;;
		-) echo "unset TERM" ;;
		*) echo "TERM='$SCR_TERM'; export TERM" ;;
		esac
		[ -n "${SCR_PIPE:-}" ] && printf "cat '%s' | " "$SCR_PIPE"
		printf '"$SUNOTOP"'
		for _a in "$@"; do
			printf " '%s'" "$_a"
		done
		echo " 2>'$T/err.log'"
		echo "echo \$? >'$T/rc'"
		echo "PS1='shell\$ ' exec sh -i"
	} >"$T/run.sh"
	scr new-session -d -x "$SCR_W" -y "$SCR_H" "env LANG=C.UTF-8 LC_ALL=C.UTF-8 ${SCR_ENV:-} SUNOTOP='$SUNOTOP' sh '$T/run.sh'"
}

scr_cap() {
	scr capture-pane -p
}

scr_keys() {
	scr send-keys "$@"
}

# scr_wait TEXT [TENTHS]: until the pane shows TEXT (fixed string); 5 s default.
scr_wait() {
	_n=0
	while [ $_n -lt "${2:-50}" ]; do
		scr_cap | grep -Fq -- "$1" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# scr_wait_gone TEXT [TENTHS]: until the pane no longer shows TEXT.
scr_wait_gone() {
	_n=0
	while [ $_n -lt "${2:-50}" ]; do
		scr_cap | grep -Fq -- "$1" || return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# scr_wait_rc [TENTHS]: until the program has exited; prints its status.
scr_wait_rc() {
	_n=0
	while [ ! -s "$T/rc" ] && [ $_n -lt "${1:-50}" ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	cat "$T/rc" 2>/dev/null || echo none
}

# scr_ok NAME TEXT: a test that passes when TEXT shows up in time.
scr_ok() {
	if scr_wait "$2"; then
		ok "$1"
	else
		not_ok "$1"
		diag "never saw '$2' on the screen:" "$(scr_cap)"
	fi
}

# scr_gone NAME TEXT: a test that passes when TEXT leaves the screen in time.
scr_gone() {
	if scr_wait_gone "$2"; then
		ok "$1"
	else
		not_ok "$1"
		diag "'$2' is still on the screen:" "$(scr_cap)"
	fi
}

# scr_line_of TEXT: the 0-based screen row showing TEXT first, or -1.
scr_line_of() {
	scr_cap | grep -nF -- "$1" | head -1 | cut -d: -f1 | awk '{ print $1 - 1 } END { if (NR == 0) print -1 }'
}

# state_has FILE ID: the state file lists ID.
state_has() {
	grep -Fq "\"$2\"" "$1" 2>/dev/null
}
