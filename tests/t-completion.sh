#!/bin/sh
# t-completion.sh - the bash completion (tools/completion/flowrec.bash) in a real bash: source
# it, set COMP_WORDS/COMP_CWORD as readline would, call _flowrec, compare COMPREPLY. What it
# should offer comes from elsewhere: `flowrec help` and each `--help` as printed, the kinds
# flowrec names in its usage error, the roster in flowrec.yaml.
. "$TESTS/lib.sh"
COMPLETION=$(cd "$TESTS/.." && pwd)/tools/completion/flowrec.bash
mkdir -p "$TRASH/bin" && ln -s "$FLOWREC" "$TRASH/bin/flowrec"
PATH=$TRASH/bin:$PATH

# comp WORD... [-- ...]: the completions of the last WORD (one a line, sorted) on stdout
comp() {
	bash -c '. "$0" && complete -p flowrec >/dev/null || exit 1
		w=(); for a in "$@"; do [[ $a == -- ]] && break; w+=("$a"); done
		COMP_WORDS=("${w[@]}") && COMP_CWORD=$((${#w[@]} - 1)) &&
		_flowrec && printf "%s\n" "${COMPREPLY[@]}"' "$COMPLETION" "$@" | sed "/^\$/d" | sort
}
# expect WORD... -- WANT...: the completions of the last WORD are exactly WANT
expect() {
	comp "$@" >got.c &&
	for a do shift; [ "$a" = -- ] && break; done &&
	printf "%s\n" "$@" | sed "/^\$/d" | sort >want.c &&
	test_cmp want.c got.c
}
team() {
	cp "$TESTS/rules/team.yaml" flowrec.yaml &&
	sed -i "s/name: 王强,/name: Wang Qiang,/; s/\[李娜, 王强, 张伟\]/[李娜, Wang Qiang, 张伟]/" flowrec.yaml &&
	flowrec check -q >/dev/null 2>&1 || { flowrec check; return 1; }
}

test_case "commands-are-those-of-flowrec-help" '
	flowrec help | sed -n "s/^    \([a-z]*\)  .*/\1/p" | sort >want.c && test "$(wc -l <want.c)" -ge 12 &&
	comp flowrec "" >got.c && test_cmp want.c got.c &&
	expect flowrec ch -- check &&
	expect flowrec --lang zh-CN r -- report render roster &&
	expect flowrec - -- --help --lang --version &&
	expect flowrec --lang "" -- zh-CN en
'

test_case "every-option-of-every-help" '
	for c in $(flowrec help | sed -n "s/^    \([a-z]*\)  .*/\1/p" | grep -vx "help\|hook") \
		$($FLOWREC hook --help | sed -n "s/^    \([a-z-]*\)  .*/hook_\1/p"); do
		c=$(echo "$c" | tr _ " ")
		flowrec $c --help | sed -n "s/^    \(--[a-z-]*\).*/\1/p" | sort >want.c &&
		test "$(wc -l <want.c)" -ge 2 &&
		comp flowrec $c - >got.c && test_cmp want.c got.c || { echo "in: flowrec $c"; return 1; }
	done &&
	expect flowrec check --f -- --format &&
	expect flowrec hook "" -- install uninstall pre-commit pre-receive post-receive &&
	expect flowrec hook un -- uninstall
'

test_case "kinds-for-new-schema-and-report-kind" '
	test_expect_code 2 flowrec new nosuch 2>err &&
	sed -n "s/.*the kinds are: //p" err | tr -d " " | tr , "\n" | sort >kinds && test "$(wc -l <kinds)" -ge 9 &&
	comp flowrec new "" >got.c && test_cmp kinds got.c &&
	comp flowrec report --kind "" >got.c && test_cmp kinds got.c &&
	{ cat kinds; echo flowrec-config; } | sort >all && comp flowrec schema "" >got.c && test_cmp all got.c &&
	expect flowrec new week -- weekly-meeting &&
	expect flowrec --lang en report --format text --kind ca -- cards &&
	expect flowrec schema f -- flowrec-config &&
	expect flowrec new cards "" -- &&
	expect flowrec new --week 2026-W10 c -- cards channel-service
'

test_case "roster-names-for-person" '
	team && sed -n "s/^  - {name: \([^,]*\),.*/\1/p" flowrec.yaml | sed "s/ /\\\\ /" | sort >want.c &&
	test "$(wc -l <want.c)" -ge 10 &&
	comp flowrec report --person "" >got.c && test_cmp want.c got.c &&
	expect flowrec new weekly-meeting --person 王 -- 王经理 &&
	expect flowrec report --person W -- "Wang\\ Qiang" &&
	mkdir sub && cd sub && expect flowrec new cards --person 李 -- 李娜 &&
	cd / && expect flowrec report --person "" --
'

test_case "values-files-and-folders" '
	team && mkdir -p out records && : >a.yaml &&
	expect flowrec check --format "" -- text json sarif gitlab github &&
	expect flowrec check --format s -- sarif &&
	expect flowrec report --format "" -- text csv json md &&
	expect flowrec init --locale "" -- zh-CN en &&
	expect flowrec mail "" -- weekly monthly &&
	expect flowrec mail weekly --week "" -- &&
	expect flowrec render --output o -- out &&
	expect flowrec render -q --output "" -- out records &&
	expect flowrec validate --schema a -- a.yaml &&
	expect flowrec check r -- records &&
	expect flowrec hook install pre-r -- pre-receive &&
	expect flowrec check --rev "" --
'

# what the completion reads: roster's lines are flowrec.yaml's people (read here by PyYAML)
test_case "roster-and-schema-list" '
	team && flowrec roster >got &&
	/usr/bin/python3 -c "import yaml; [print(p[\"name\"], p[\"role\"], p.get(\"email\", \"\"), sep=\"\t\") for p in yaml.safe_load(open(\"flowrec.yaml\"))[\"people\"]]" >want &&
	test_cmp want got &&
	flowrec roster --role sales | cut -f1 >got && printf "李娜\nWang Qiang\n张伟\n" >want && test_cmp want got &&
	test_expect_code 2 flowrec roster extra 2>err && grep -q "takes no operands" err &&
	cd / && test_expect_code 2 flowrec roster 2>err && grep -q "no flowrec.yaml" err &&
	flowrec schema --list | tail -n 1 | grep -qx flowrec-config &&
	test_expect_code 2 flowrec schema --list cards 2>err && grep -q "or --list" err
'

test_done
