# fish completion for sunotop: options; files and directories for the
# options that take them; --color and --model values; the submit
# subcommand; tracked task ids from `sunotop --complete-ids`, which reads
# the state file that --state and -c on the line select and nothing else.

function __sunotop_ids
    set -l tokens (commandline -opc)
    set -l cmd $tokens[1]
    set -l args --complete-ids
    set -l n (count $tokens)
    for i in (seq 2 $n)
        set -l next ''
        test $i -lt $n; and set next $tokens[(math $i + 1)]
        switch $tokens[$i]
            case --state
                set -a args --state $next
            case '--state=*'
                set -a args --state (string replace -- --state= '' $tokens[$i])
            case -c --config
                set -a args --config $next
            case '--config=*'
                set -a args --config (string replace -- --config= '' $tokens[$i])
        end
    end
    command -q -- $cmd; or set cmd sunotop
    command $cmd $args 2>/dev/null </dev/null
end

function __sunotop_submit
    set -l tokens (commandline -opc)
    test (count $tokens) -ge 2; and test "$tokens[2]" = submit
end

complete -c sunotop -f

# Both forms.
complete -c sunotop -s u -l base-url -x -d 'API root'
complete -c sunotop -s K -l key-file -r -F -d 'read the API key from a file'
complete -c sunotop -s c -l config -r -F -d 'config file'
complete -c sunotop -l state -r -F -d 'tracked-task file'
complete -c sunotop -l cacert -r -F -d 'also trust the CA certificates in this PEM file'
complete -c sunotop -l log -r -F -d 'write a debug log'
complete -c sunotop -s i -l interval -x -d 'seconds between polls'
complete -c sunotop -l json -d 'print JSON'
complete -c sunotop -s h -l help -d 'show help'

# The dashboard and scripts.
set -l main 'not __sunotop_submit'
complete -c sunotop -n '__fish_use_subcommand' -a submit -d 'submit a generation'
complete -c sunotop -n $main -a '(__sunotop_ids)' -d 'task id'
complete -c sunotop -n $main -s f -l file -r -F -d 'read task ids from a file'
complete -c sunotop -n $main -l once -d 'poll each task once, print, exit'
complete -c sunotop -n $main -l watch -d 'poll until every task is finished'
complete -c sunotop -n $main -l exit-status -d 'exit 1 if a task failed'
complete -c sunotop -n $main -l timeout -x -d 'give up after this many seconds'
complete -c sunotop -n $main -l color -x -a 'auto always never' -d 'use colour'
complete -c sunotop -n $main -l ascii -d 'draw bars and borders with ASCII only'
complete -c sunotop -n $main -l no-mouse -d 'leave the mouse to the terminal'
complete -c sunotop -n $main -l list-actions -d 'print the dashboard actions for bind lines'
complete -c sunotop -n $main -l download -d 'save the audio of tasks that succeed'
complete -c sunotop -n $main -l download-dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'where audio is saved'
complete -c sunotop -n $main -l on-complete -x -a '(__fish_complete_command)' -d 'run a command when a task finishes'
complete -c sunotop -n $main -s V -l version -d 'show the version'

# sunotop submit
set -l sub __sunotop_submit
complete -c sunotop -n $sub -l title -x -d 'the song title'
complete -c sunotop -n $sub -l tags -x -d 'style, comma-separated'
complete -c sunotop -n $sub -l negative-tags -x -d 'styles to avoid'
complete -c sunotop -n $sub -l model -x -a 'chirp-v3-0 chirp-v3-5 chirp-v4 chirp-auk chirp-bluejay chirp-crow v3 v3.5 v4 v4.5 v4.5+ v5' -d 'model'
complete -c sunotop -n $sub -l lyrics -x -d 'custom mode: your lyrics'
complete -c sunotop -n $sub -l lyrics-file -r -F -d 'custom mode: lyrics from a file'
complete -c sunotop -n $sub -l describe -x -d 'inspiration mode: what the song is about'
complete -c sunotop -n $sub -l instrumental -d 'no vocals'
complete -c sunotop -n $sub -l extend -x -d 'continue a clip'
complete -c sunotop -n $sub -l at -x -d 'seconds into the clip'
complete -c sunotop -n $sub -l write-lyrics -x -d 'submit a lyrics task'
complete -c sunotop -n $sub -l wait -d 'then watch the task'
complete -c sunotop -n $sub -l dry-run -d 'print the request body; send nothing'
