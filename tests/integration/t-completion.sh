#!/bin/sh
# Shell completion: the bash script registers itself (complete -p) and,
# called as bash calls it (COMP_WORDS, COMP_CWORD), offers options, values,
# files, directories, the submit subcommand and the tracked task ids from
# `sunotop --complete-ids`; its option lists match --help. The hidden
# --complete-ids reads the state file only. zsh and fish are checked where
# installed, and `make install` puts each script where its shell looks.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
require_sunotop
command -v bash >/dev/null 2>&1 || skip_all "bash not found"

COMP="$SRCDIR/completions"
A=2a145658-3342-4228-b779-b8323a2b77df
B=bee8f32e1994417ba8d7485d1aaf3b26
C=task_0123456789abcdefABCDEF0123456789
D=4f6e2d1c-9b8a-4c7d-a6e5-f4d3c2b1a098
unset COMETAPI_KEY XDG_STATE_HOME XDG_CONFIG_HOME

# state FILE ID...: a state file tracking the ids, in order.
state() {
	_f=$1
	shift
	{
		printf '{"version":1,"tasks":[\n'
		_sep=
		for _id in "$@"; do
			printf '%s{"id":"%s","added":1700000000}\n' "$_sep" "$_id"
			_sep=,
		done
		printf ']}\n'
	} >"$_f"
}
state "$T/s.json" "$A" "$B" "$C"
state "$T/s2.json" "$D"
mkdir -p "$HOME/.local/state/sunotop" "$T/dir1" "$T/dir2"
state "$HOME/.local/state/sunotop/tasks.json" "$B"
printf 'state = %s\n' "$T/s2.json" >"$T/conf"
: >"$T/files.txt"
: >"$T/dirfile"

# ---- --complete-ids ------------------------------------------------------------
run_sunotop ids --complete-ids --state "$T/s.json"
is "--complete-ids: exit 0 without a key" "$RC" 0
is "--complete-ids: the tracked ids, in order" "$(cat "$T/ids.out")" "$A
$B
$C"
run_sunotop idsconf --complete-ids -c "$T/conf"
is "--complete-ids: the config file's state path" "$(cat "$T/idsconf.out")" "$D"
run_sunotop idsnone --complete-ids --state "$T/none/tasks.json"
is "--complete-ids, no state file: exit 0" "$RC" 0
is "--complete-ids, no state file: nothing printed" "$(cat "$T/idsnone.out" "$T/idsnone.err")" ""
check "--complete-ids, no state file: nothing created" test ! -e "$T/none"
printf '{"version":1,"tasks":[{"id":' >"$T/bad.json"
run_sunotop idsbad --complete-ids --state "$T/bad.json"
is "--complete-ids, corrupt state file: exit 0, nothing printed" "$RC:$(cat "$T/idsbad.out" "$T/idsbad.err")" "0:"
check "--complete-ids, corrupt state file: left where it is" test -f "$T/bad.json"
is "--complete-ids, corrupt state file: nothing set aside" "$(ls "$T" | grep -c 'corrupt')" 0
check "--complete-ids: no lock file made" test ! -e "$T/s.json.lock"
unlike "--help does not list the hidden option" "$("$SUNOTOP" --help)" "complete-ids"

# ---- bash --------------------------------------------------------------------------
cat >"$T/drive.bash" <<'EOS'
# drive.bash WORD...: the completion of the last word, as bash would ask.
source "$COMP/sunotop.bash"
COMP_WORDS=(sunotop "$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_sunotop
printf '%s\n' "${COMPREPLY[@]}"
EOS
comp() {
	PATH="$BUILDDIR:$PATH" COMP="$COMP" bash --norc --noprofile "$T/drive.bash" "$@" 2>"$T/bash.err" |
		tr '\n' ' ' | sed 's/ $//'
}

is "bash: complete -p names the function" \
	"$(bash --norc --noprofile -c ". '$COMP/sunotop.bash'; complete -p sunotop")" "complete -F _sunotop sunotop"
is "bash: a long option" "$(comp --col)" "--color"
is "bash: options by prefix" "$(comp --down)" "--download --download-dir"
is "bash: --color values" "$(comp --color '')" "auto always never"
is "bash: --color=VALUE" "$(comp --color = al)" "always"
is "bash: ids from --state FILE, in order" "$(comp --state "$T/s.json" '')" "$A $B $C"
is "bash: ids by prefix" "$(comp --state "$T/s.json" 2a)" "$A"
is "bash: ids from --state=FILE" "$(comp --state = "$T/s.json" task_)" "$C"
is "bash: ids after other ids" "$(comp --state "$T/s.json" "$A" '')" "$A $B $C"
is "bash: ids from the state file of -c FILE" "$(comp -c "$T/conf" '')" "$D"
is "bash: the subcommand first, then ids from the default state file" "$(comp '')" "submit $B"
is "bash: the subcommand" "$(comp su)" "submit"
is "bash: no ids for a state file that is not there" "$(comp --state "$T/nope.json" 4f)" ""
for o in -f --file -K --key-file -c --config --state --cacert --log; do
	is "bash: files after $o" "$(comp "$o" "$T/fil")" "$T/files.txt"
done
is "bash: directories only after --download-dir" "$(comp --download-dir "$T/di")" "$T/dir1 $T/dir2"
is "bash: nothing offered for -i" "$(comp -i '')" ""
is "bash: submit options" "$(comp submit --mo)" "--model"
is "bash: submit model names" "$(comp submit --model chirp-c)" "chirp-crow"
is "bash: submit --lyrics-file takes a file" "$(comp submit --lyrics-file "$T/fil")" "$T/files.txt"
like "bash: submit offers its flags" "$(comp submit --d)" "^--describe --dry-run$"
unlike "bash: submit offers no dashboard options" "$(comp submit --)" "--once|--watch|--download-dir"
is "bash: nothing on stderr" "$(cat "$T/bash.err")" ""

# The lists in the script are the ones --help gives.
opts_of() {
	bash --norc --noprofile -c ". '$COMP/sunotop.bash'; printf '%s\n' \$$1" | sort -u
}
help_main=$("$SUNOTOP" --help | grep -oE '^ +(-[A-Za-z], )?--[a-z][a-z-]*' | tr ', ' '\n\n' | grep . | sort -u)
is "bash: the options of --help, no more, no fewer" "$(opts_of _sunotop_main_opts)" "$help_main"
help_sub=$( { "$SUNOTOP" submit --help | grep -oE '^ +--[a-z][a-z-]*' | tr -d ' '
	"$SUNOTOP" submit --help | tr -d '\n' | sed 's/.*own options (\([^)]*\)).*/\1/' | tr ', ' '\n\n'
	printf '\n--help\n'; } | grep . | sort -u)
sub_long=$(opts_of _sunotop_submit_opts | grep -vxE -- '--base-url|--key-file|--config|--interval')
is "bash: the options of submit --help, no more, no fewer" "$sub_long" "$help_sub"
for m in $("$SUNOTOP" submit --help | grep -oE 'chirp-[a-z0-9-]*[a-z0-9]' | sort -u); do
	is "bash: model $m offered" "$(comp submit --model "$m")" "$m"
done

# ---- zsh ------------------------------------------------------------------------------
if command -v zsh >/dev/null 2>&1; then
	check "zsh: the script parses" zsh -n "$COMP/_sunotop"
	# The id helper, with the completion system's two calls stubbed out.
	got=$(PATH="$BUILDDIR:$PATH" zsh -f -c '
		_call_program() { shift; eval "$@"; }
		_wanted() { print -l -- ${(P)${@[-1]}}; }
		_arguments() { :; }
		source "$1/_sunotop"
		words=(sunotop --state "$2" "")
		CURRENT=4
		_sunotop_ids' zsh "$COMP" "$T/s.json" 2>&1 | tr '\n' ' ' | sed 's/ $//')
	is "zsh: ids from --state FILE" "$got" "$A $B $C"
	got=$(PATH="$BUILDDIR:$PATH" zsh -f -c '
		_call_program() { shift; eval "$@"; }
		_wanted() { print -l -- ${(P)${@[-1]}}; }
		_arguments() { :; }
		source "$1/_sunotop"
		words=(sunotop --config="$2" "")
		CURRENT=3
		_sunotop_ids' zsh "$COMP" "$T/conf" 2>&1 | tr '\n' ' ' | sed 's/ $//')
	is "zsh: ids from --config=FILE" "$got" "$D"
else
	skip "zsh not installed"
	skip "zsh not installed"
	skip "zsh not installed"
fi

# ---- fish ------------------------------------------------------------------------------
if command -v fish >/dev/null 2>&1; then
	fcomp() {
		PATH="$BUILDDIR:$PATH" fish --no-config -c "source '$COMP/sunotop.fish'; complete -C '$1'" 2>&1 |
			cut -f1 | tr '\n' ' ' | sed 's/ $//'
	}
	check "fish: the script parses" fish --no-execute "$COMP/sunotop.fish"
	is "fish: a long option" "$(fcomp 'sunotop --col')" "--color"
	is "fish: --color values" "$(fcomp 'sunotop --color ')" "always auto never"
	is "fish: ids from --state FILE" "$(fcomp "sunotop --state $T/s.json 2a")" "$A"
	is "fish: ids from --state=FILE" "$(fcomp "sunotop --state=$T/s.json task")" "$C"
	is "fish: the subcommand" "$(fcomp 'sunotop su')" "submit"
	is "fish: submit model names" "$(fcomp 'sunotop submit --model chirp-c')" "chirp-crow"
	is "fish: directories after --download-dir" "$(fcomp "sunotop --download-dir $T/di")" "$T/dir1/ $T/dir2/"
else
	for i in 1 2 3 4 5 6 7 8; do skip "fish not installed"; done
fi

# ---- make install ----------------------------------------------------------------------
if [ -f "$BUILDDIR/Makefile" ]; then
	(unset MAKEFLAGS MFLAGS MAKELEVEL; make -s -C "$BUILDDIR" install-data DESTDIR="$T/dest") >"$T/install.out" 2>&1
	is "make install-data: exit 0" "$?" 0
	f=$(find "$T/dest" -path '*/bash-completion/completions/sunotop' -type f)
	check "bash completion installed as bash-completion/completions/sunotop" test -n "$f"
	check "installed bash completion is the script" cmp -s "$f" "$COMP/sunotop.bash"
	zf=$(find "$T/dest" -name _sunotop -type f)
	ff=$(find "$T/dest" -name sunotop.fish -type f)
	like "zsh completion installed in a site-functions directory" "$zf" "/zsh/site-functions/_sunotop\$"
	like "fish completion installed in vendor_completions.d" "$ff" "/fish/vendor_completions.d/sunotop\\.fish\$"
else
	for i in 1 2 3 4 5; do skip "no build directory"; done
fi

done_testing
