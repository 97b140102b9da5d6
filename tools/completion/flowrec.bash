# flowrec.bash - bash completion for flowrec: the commands, each command's options, the kinds
# of record (new, schema, report --kind), the roster's names (--person), fixed values
# (--format json, --lang zh-CN) and files or folders where a command takes them.
#
# Everything is asked of flowrec itself, so it cannot drift: `flowrec [CMD] --dump-options`
# (the option tables that print --help), `flowrec schema --list` (the kinds) and `flowrec
# roster` (the people of the flowrec.yaml of the current folder). Installed by `make install`
# as PREFIX/share/bash-completion/completions/flowrec; without installing:
#     source tools/completion/flowrec.bash

# _flowrec_reply WORDS: COMPREPLY from the words (one a line in $1) that start with $cur; a
# word with a blank or a shell character (a name may hold a space) is quoted for the line.
_flowrec_reply()
{
	local IFS=$'\n' w
	COMPREPLY=()
	for w in $1; do
		[[ $w == "$cur"* ]] || continue
		if [[ $w == *[[:space:]\'\"\\\$\`\;\&\|\<\>\(\)\*\?\[\]\#\~\!]* ]]; then
			COMPREPLY+=("$(printf '%q' "$w")")
		else
			COMPREPLY+=("$w")
		fi
	done
}

# _flowrec_files -d|-f: folders or files that start with $cur, quoted by readline
_flowrec_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen "$1" -- "$cur"))
}

_flowrec()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	local flowrec=${COMP_WORDS[0]} cmd= sub= spec= i w n=0 arg= name
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	# the command: the first word that is not an option (--lang takes a value)
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == --lang ]]; then
			((i++))
		elif [[ $w != -* ]]; then
			cmd=$w
			break
		fi
	done
	if [[ $prev == --lang ]]; then
		_flowrec_reply $'zh-CN\nen'
		return
	fi
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_flowrec_reply "$(command "$flowrec" --dump-options 2>/dev/null | awk -F'\t' '$1 == "option" { print "--" $2 }')"
		else
			_flowrec_reply "$(command "$flowrec" --dump-options 2>/dev/null | awk -F'\t' '$1 == "command" { print $2 }')"
		fi
		return
	fi
	if [[ $cmd == hook ]]; then
		if ((COMP_CWORD == i + 1)); then
			_flowrec_reply "$(command "$flowrec" hook --dump-options 2>/dev/null | awk -F'\t' '$1 == "command" { print $2 }')"
			return
		fi
		sub=${COMP_WORDS[i + 1]}
		((i++))
	fi
	# "NAME<TAB>ARG" of each option of the command (ARG empty for a flag)
	spec=$(command "$flowrec" $cmd $sub --dump-options 2>/dev/null | awk -F'\t' '$1 == "option" { print $2 "\t" $3 }')

	# the value of an option that takes one
	if [[ $prev == --?* ]]; then
		while IFS=$'\t' read -r name arg; do
			[[ --$name == "$prev" ]] && break
			arg=
		done <<<"$spec"
		if [[ -n $arg ]]; then
			case ${prev#--} in
			person) _flowrec_reply "$(command "$flowrec" roster 2>/dev/null | cut -f1)" ;;
			kind) _flowrec_reply "$(command "$flowrec" schema --list 2>/dev/null | grep -vx flowrec-config)" ;;
			*)
				if [[ $arg =~ ^[A-Za-z][A-Za-z-]*(\|[A-Za-z][A-Za-z-]*)+$ ]]; then
					_flowrec_reply "${arg//|/$'\n'}"
				elif [[ $arg == DIR ]]; then
					_flowrec_files -d
				elif [[ $arg == FILE ]]; then
					_flowrec_files -f
				fi
				;;
			esac
			return
		fi
	fi
	if [[ $cur == -* ]]; then
		_flowrec_reply "$(cut -f1 <<<"$spec" | sed 's/^/--/')"
		return
	fi
	# an operand: how many come before this one (words after the command that are neither
	# options nor their values)
	for ((i++; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == --?* && $w != *=* ]] && grep -q "^${w#--}	." <<<"$spec"; then
			((i++))
		elif [[ $w != -* ]]; then
			((n++))
		fi
	done
	case $cmd$sub in
	new) ((n == 0)) && _flowrec_reply "$(command "$flowrec" schema --list 2>/dev/null | grep -vx flowrec-config)" ;;
	schema) ((n == 0)) && _flowrec_reply "$(command "$flowrec" schema --list 2>/dev/null)" ;;
	mail) ((n == 0)) && _flowrec_reply $'weekly\nmonthly' ;;
	hookinstall | hookuninstall) _flowrec_reply $'pre-commit\npre-receive' ;;
	check | validate) _flowrec_files -f ;;
	init) ((n == 0)) && _flowrec_files -d ;;
	esac
}

complete -F _flowrec flowrec
