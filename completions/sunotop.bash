# bash completion for sunotop                              -*- shell-script -*-
#
# Options; files after -f, -K, -c, --state, --cacert, --log and
# --lyrics-file; directories after --download-dir; the values of --color
# and --model; the submit subcommand and its options; and the tracked task
# ids, which `sunotop --complete-ids` prints from the state file that the
# command line's --state and -c select (it reads that file and nothing
# else: no key, no network, nothing written). Needs nothing but bash.

_sunotop_main_opts='-u --base-url -K --key-file -i --interval -f --file -c --config
	--state --once --watch --exit-status --json --timeout --color --ascii --cacert
	--download --download-dir --on-complete --log --no-mouse --list-actions
	-h --help -V --version'
_sunotop_submit_opts='--title --tags --negative-tags --model --lyrics
	--lyrics-file --describe --instrumental --extend --at --write-lyrics
	--wait --json --dry-run --help -u --base-url -K --key-file -c --config
	--state --cacert --log -i --interval'
_sunotop_models='chirp-v3-0 chirp-v3-5 chirp-v4 chirp-auk chirp-bluejay chirp-crow
	v3 v3.5 v4 v4.5 v4.5+ v5'

# The ids the state file tracks, for the command line being completed.
_sunotop_ids()
{
	local i w next state= config= cmd=${COMP_WORDS[0]}
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		next=${COMP_WORDS[i + 1]}
		# bash splits "--state=FILE" into "--state" "=" "FILE".
		[[ $next == = ]] && next=${COMP_WORDS[i + 2]}
		case $w in
		--state) state=$next ;;
		-c | --config) config=$next ;;
		esac
	done
	cmd=${cmd/#\~/$HOME}
	type -P -- "$cmd" >/dev/null 2>&1 || cmd=sunotop
	local args=(--complete-ids)
	[[ -n $state ]] && args+=(--state "${state/#\~/$HOME}")
	[[ -n $config ]] && args+=(--config "${config/#\~/$HOME}")
	"$cmd" "${args[@]}" 2>/dev/null </dev/null
}

_sunotop()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= submit=
	local IFS=$' \t\n'
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# "--opt=" and "--opt=val": complete the value of --opt.
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	[[ ${COMP_WORDS[1]-} == submit ]] && ((COMP_CWORD > 1)) && submit=yes
	COMPREPLY=()

	case $prev in
	-f | --file | -K | --key-file | -c | --config | --state | --cacert | --log | --lyrics-file)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--download-dir)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return
		;;
	--color)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return
		;;
	--model)
		[[ $submit ]] && COMPREPLY=($(compgen -W "$_sunotop_models" -- "$cur"))
		return
		;;
	--on-complete)
		mapfile -t COMPREPLY < <(compgen -c -- "$cur")
		return
		;;
	-u | --base-url | -i | --interval | --timeout | --title | --tags | --negative-tags | \
	--lyrics | --describe | --extend | --at | --write-lyrics)
		return
		;;
	esac

	if [[ $submit ]]; then
		COMPREPLY=($(compgen -W "$_sunotop_submit_opts" -- "$cur"))
	elif [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$_sunotop_main_opts" -- "$cur"))
	else
		local words=$(_sunotop_ids)
		((COMP_CWORD == 1)) && words="submit $words"
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
	fi
}

complete -F _sunotop sunotop
