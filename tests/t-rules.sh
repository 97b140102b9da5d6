#!/bin/sh
# t-rules.sh - the data-driven rule cases in tests/rules/*.case, run through the real binary.
#
# A .case file holds one or more cases. Each case starts with "### ID  what it shows" and then
# has sections, each opened by a line "=== NAME":
#   === PATH          a file of the team repository (e.g. records/weekly/2026-W10.md); the
#                     case's repository gets tests/rules/team.yaml as flowrec.yaml unless a
#                     section "=== flowrec.yaml" gives its own
#   === link PATH -> TARGET   PATH is a symbolic link to TARGET (as `ln -s TARGET PATH`)
#   === fifo PATH     PATH is a FIFO (mkfifo); every check runs under a timeout
#   === args          extra arguments for `flowrec check` (one line), e.g. --today 2026-03-10
#   === expect        the diagnostics expected, one a line, without the message:
#                        PATH:LINE:COL: error [RULE-ID]
#                     nothing under it means the records must pass with no diagnostic at all
# The case passes when `flowrec check` prints exactly the expected diagnostics (compared as
# sets of lines, order-insensitive) and exits 1 if one of them is an error, else 0; and when
# `flowrec --lang zh-CN check` prints the same diagnostics with every message in Chinese.
# Every rule id has at least one case that fails with it and one that passes: see
# tests/t-coverage.sh.
set -u
: "${FLOWREC:?}" "${TESTS:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
cjk=$(printf '[\344-\351]')   # the lead bytes of the CJK ideographs U+4E00-U+9FFF in UTF-8
for file in "$TESTS"/rules/*.case; do
	[ -f "$file" ] || continue
	rm -rf "$work/split"
	mkdir -p "$work/split"
	# split into $work/split/<n>/{id,files/...,args,expect}
	awk -v out="$work/split" '
		/^### / { n++; dir = out "/" n; system("mkdir -p \"" dir "/repo\""); 
			  sub(/^### /, ""); print > (dir "/id"); close(dir "/id"); cur = ""; next }
		/^=== / { if (cur != "") close(cur); name = substr($0, 5); sub(/[ \t]+$/, "", name);
			  if (name ~ /^link .* -> /) { l = substr(name, 6); i = index(l, " -> ");
				 lp = dir "/repo/" substr(l, 1, i - 1); d = lp; sub(/\/[^\/]*$/, "", d);
				 system("mkdir -p \"" d "\" && ln -s \"" substr(l, i + 4) "\" \"" lp "\"");
				 cur = ""; next }
			  if (name ~ /^fifo /) { lp = dir "/repo/" substr(name, 6); d = lp;
				 sub(/\/[^\/]*$/, "", d); system("mkdir -p \"" d "\" && mkfifo \"" lp "\"");
				 cur = ""; next }
			  if (name == "args" || name == "expect") cur = dir "/" name;
			  else { cur = dir "/repo/" name; d = cur; sub(/\/[^\/]*$/, "", d);
				 system("mkdir -p \"" d "\"") }
			  printf "" > cur; next }
		{ if (cur != "") print >> cur }
	' "$file"
	for dir in "$work"/split/*; do
		[ -d "$dir" ] || continue
		id=$(sed -n '1s/[ \t].*//p' "$dir/id")
		[ -f "$dir/repo/flowrec.yaml" ] || cp "$TESTS/rules/team.yaml" "$dir/repo/flowrec.yaml"
		args=""
		[ -f "$dir/args" ] && args=$(head -n 1 "$dir/args")
		touch "$dir/expect"
		# shellcheck disable=SC2086
		(cd "$dir/repo" && timeout 20 "$FLOWREC" check $args) > "$dir/stdout" 2> "$dir/stderr"
		rc=$?
		sed -n 's/^\([^:]*:[0-9]*:[0-9]*\): \(error\|warning\): .* \[\([A-Z]-[A-Z0-9-]*\)\]$/\1: \2 [\3]/p' \
			"$dir/stderr" | sort > "$dir/got"
		grep -v '^[ \t]*$' "$dir/expect" | sed 's/[ \t]*$//' | sort > "$dir/want"
		want_rc=0
		grep -q ': error \[' "$dir/want" && want_rc=1
		# the same run in Chinese: the same diagnostics (path, line, column, rule, severity)
		# and exit status, every message translated (not the English one, and Chinese outside
		# the quoted values)
		# shellcheck disable=SC2086
		(cd "$dir/repo" && "$FLOWREC" --lang zh-CN check $args) > "$dir/stdout.zh" 2> "$dir/stderr.zh"
		rc_zh=$?
		sed -n 's/^\([^:]*:[0-9]*:[0-9]*\): \(错误\|警告\): .* \[\([A-Z]-[A-Z0-9-]*\)\]$/\1: \2 [\3]/p' \
			"$dir/stderr.zh" | sed 's/: 错误 \[/: error [/; s/: 警告 \[/: warning [/' | sort > "$dir/got.zh"
		untranslated=$(sed -n 's/^[^:]*:[0-9]*:[0-9]*: [^:]*: \(.*\) \[[A-Z]-[A-Z0-9-]*\]$/\1/p' "$dir/stderr.zh" |
			sed "s/'[^']*'//g; s/「[^」]*」//g" | LC_ALL=C grep -v "$cjk" | head -3)
		zh_ok=1
		if ! cmp -s "$dir/got.zh" "$dir/want" || [ "$rc_zh" -ne "$rc" ] || [ -n "$untranslated" ]; then
			zh_ok=0
		fi
		if [ "$zh_ok" = 1 ] && grep -q '\[[A-Z]-' "$dir/stderr"; then
			sed -n 's/^[^:]*:[0-9]*:[0-9]*: [^:]*: \(.*\) \[[A-Z]-[A-Z0-9-]*\]$/\1/p' "$dir/stderr" > "$dir/msg.en"
			sed -n 's/^[^:]*:[0-9]*:[0-9]*: [^:]*: \(.*\) \[[A-Z]-[A-Z0-9-]*\]$/\1/p' "$dir/stderr.zh" > "$dir/msg.zh"
			sort -u "$dir/msg.en" > "$dir/msg.en.s"
			sort -u "$dir/msg.zh" > "$dir/msg.zh.s"
			untranslated=$(comm -12 "$dir/msg.en.s" "$dir/msg.zh.s" | head -3)
			[ -n "$untranslated" ] && zh_ok=0
		fi
		if cmp -s "$dir/got" "$dir/want" && [ "$rc" -eq "$want_rc" ] && [ "$zh_ok" = 1 ]; then
			echo "ok - rules/$(basename "$file" .case)/$id"
		elif [ "$zh_ok" = 0 ] && cmp -s "$dir/got" "$dir/want"; then
			echo "not ok - rules/$(basename "$file" .case)/$id: in Chinese (exit $rc_zh)"
			diff -u "$dir/want" "$dir/got.zh" | sed 's/^/#   /'
			[ -n "$untranslated" ] && printf '%s\n' "$untranslated" | sed 's/^/#   untranslated: /'
			sed 's/^/#   stderr: /' "$dir/stderr.zh" | head -20
			failed=1
		else
			echo "not ok - rules/$(basename "$file" .case)/$id: exit $rc (want $want_rc)"
			diff -u "$dir/want" "$dir/got" | sed 's/^/#   /'
			sed 's/^/#   stderr: /' "$dir/stderr" | head -20
			failed=1
		fi
	done
done
exit $failed
