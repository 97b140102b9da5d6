#!/bin/sh
# t-i18n.sh - the language of the messages and where the catalogs come from.
#
# The language, strongest first: --lang, then LANGUAGE / LC_ALL / LC_MESSAGES / LANG (the first
# that names a language; C and POSIX name none), then the team's `locale`, then English. None
# of this needs a generated system locale: this machine has only C.UTF-8 (checked below), so
# every Chinese line here comes from flowrec's own .mo reader. Catalogs are found in
# $FLOWREC_LOCALEDIR, next to the binary (build/locale, ../share/locale) and compiled in.
set -u
: "${FLOWREC:?}" "${TESTS:?}" "${BUILD:?}"
. "$TESTS/lib.sh"
unset LANGUAGE LC_ALL LC_MESSAGES LANG
ROOT=$(cd "$TESTS/.." && pwd)

zh_team() {
	cp "$TESTS/rules/team.yaml" flowrec.yaml && mkdir -p records
}
en_team() {
	sed "s/^locale: zh-CN/locale: en/" "$TESTS/rules/team.yaml" >flowrec.yaml && mkdir -p records
}
# says_zh FILE / says_en FILE: the unknown-command message of `flowrec chek` in that language
says_zh() {
	grep -q "^flowrec: 'chek' 不是 flowrec 命令；您是不是想用 'check'？" "$1"
}
says_en() {
	grep -q "^flowrec: 'chek' is not a flowrec command; did you mean 'check'?" "$1"
}

# setlocale() fails for a locale that is not generated: no reason to speak English
test_case "locale-not-generated" '
	if locale -a 2>/dev/null | grep -qi "^zh_CN"; then
		echo "# note: zh_CN is generated on this machine" >&2
	fi &&
	en_team && test_must_fail env LC_ALL=zh_CN.UTF-8 $FLOWREC chek 2>err && says_zh err
'

test_case "zh-team-no-environment" '
	zh_team && test_must_fail $FLOWREC chek 2>err && says_zh err
'

test_case "zh-team-c-locale" '
	zh_team && test_must_fail env LC_ALL=C.UTF-8 LANG=C $FLOWREC chek 2>err && says_zh err
'

test_case "en-team-english" '
	en_team && test_must_fail $FLOWREC chek 2>err && says_en err
'

test_case "lang-zh-beats-en-team" '
	en_team && test_must_fail env LANG=zh_CN.UTF-8 $FLOWREC chek 2>err && says_zh err &&
	test_must_fail env LC_ALL=zh_CN.UTF-8 $FLOWREC chek 2>err && says_zh err &&
	test_must_fail env LC_MESSAGES=zh_CN.UTF-8 LANG=en_US.UTF-8 $FLOWREC chek 2>err && says_zh err
'

test_case "lang-en-beats-zh-team" '
	zh_team && test_must_fail env LANG=en_US.UTF-8 $FLOWREC chek 2>err && says_en err &&
	test_must_fail env LANG=de_DE.UTF-8 $FLOWREC chek 2>err && says_en err
'

test_case "c-names-no-language" '
	en_team && test_must_fail env LC_ALL=C LANG=zh_CN.UTF-8 $FLOWREC chek 2>err && says_zh err &&
	test_must_fail env LC_ALL=POSIX $FLOWREC chek 2>err && says_en err
'

test_case "language-list" '
	en_team && test_must_fail env LANGUAGE=fr:zh_CN:en LANG=en_US.UTF-8 $FLOWREC chek 2>err && says_zh err &&
	test_must_fail env LANGUAGE=en LANG=zh_CN.UTF-8 $FLOWREC chek 2>err && says_en err
'

test_case "option-beats-everything" '
	zh_team && test_must_fail env LANG=zh_CN.UTF-8 $FLOWREC --lang en chek 2>err && says_en err &&
	test_must_fail env LANGUAGE=en $FLOWREC chek --lang zh-CN 2>err && says_zh err &&
	test_must_fail env LANGUAGE=en $FLOWREC chek --lang=zh_CN.UTF-8 2>err && says_zh err
'

test_case "option-bad-value" '
	zh_team &&
	test_expect_code 2 env LANGUAGE=en $FLOWREC check --lang fr 2>err &&
	grep -q "^flowrec: --lang is zh-CN or en, not '\''fr'\''$" err &&
	test_expect_code 2 $FLOWREC check --lang 2>err &&
	grep -q "^flowrec: --lang 需要一个值：zh-CN 或 en$" err
'

test_case "help-in-the-team-language" '
	zh_team && $FLOWREC check --help >out && grep -q "^用法：flowrec check " out &&
	grep -q "^    --lang zh-CN|en  *提示信息的语言" out &&
	$FLOWREC --lang en check --help >out && grep -q "^usage: flowrec check " out &&
	mkdir sub && cd sub && $FLOWREC help >out && grep -q "^    check      按模式" out
'

# Every command's --help (the hook's subcommands too), in both languages: the English has no
# Chinese; the Chinese synopsis and every option's help are translated and no English
# placeholder (NAME, FILE, KIND, ...) is left: only formats (YYYY-MM-DD) and names (JSON, HEAD).
# The commands come from flowrec itself, and are checked against 'flowrec help'.
has_zh() { LC_ALL=C.UTF-8 grep -qP "[\\x{4e00}-\\x{9fff}]" "$@"; }
helps() {
	$FLOWREC --dump-options | sed -n "s/^command	\([^	]*\)	.*/\1/p" | grep -vx "help\|hook" &&
	$FLOWREC hook --dump-options | sed -n "s/^command	\([^	]*\)	.*/hook \1/p"
}
test_case "help-of-every-command-in-both-languages" '
	zh_team && helps >cmds && test "$(wc -l <cmds)" -ge 13 &&
	$FLOWREC --lang en help | sed -n "s/^    \([a-z]*\)  .*/\1/p" | grep -vx "help\|hook" >listed &&
	grep -v "^hook " cmds | test_cmp listed - &&
	while read -r c; do
		$FLOWREC --lang en $c --help >en && head -n 1 en | grep -q "^usage: flowrec $c" &&
		test_must_fail has_zh en &&
		$FLOWREC --lang zh-CN $c --help >zh && head -n 1 zh | grep -q "^用法：flowrec $c" &&
		test "$(grep -c "^    --" en)" = "$(grep -c "^    --" zh)" && test "$(grep -c "^    --" zh)" -ge 2 &&
		grep -v "^    --[^ ]*\( [^ ]*\)\?\$" zh | grep -v "^\$" | while read -r l; do
			printf "%s\n" "$l" | has_zh || { echo "$c: untranslated: $l"; exit 1; }
		done &&
		sed -E "s/YYYY-MM-DD|YYYY-MM|YYYY-Www|JSON|SARIF|HTML|YAML|HEAD|ISO|zh-CN|[$]VISUAL|[$]EDITOR//g" zh |
			grep -E "\b[A-Z]{2,}\b" && { echo "$c: an English placeholder in Chinese help"; exit 1; }
		test "$(head -n 1 en)" != "$(head -n 1 zh | sed "s/^用法：/usage: /")" ||
			grep -vqE "\b(NAME|FILE|DIR|KIND|REV|ZONE|PATH|OLD)\b" en || { echo "$c: synopsis untranslated"; exit 1; }
	done <cmds &&
	for l in en zh-CN; do
		$FLOWREC --lang $l --help >top && $FLOWREC --lang $l hook --help >hook &&
		grep -q "^    --version " top && grep -q "^    uninstall " hook || exit 1
	done &&
	$FLOWREC --lang zh-CN --help >top && $FLOWREC --lang zh-CN hook --help >hook &&
	sed -n "/^    [a-z-]/p" top hook >lines && test "$(wc -l <lines)" -ge 18 &&
	while read -r l; do printf "%s\n" "$l" | has_zh || { echo "untranslated: $l"; exit 1; }; done <lines &&
	$FLOWREC --lang en --help >top && test_must_fail has_zh top
'

test_case "version-is-listed-and-works" '
	$FLOWREC --version >v && grep -Eqx "flowrec [0-9]+\.[0-9]+\.[0-9]+" v &&
	$FLOWREC --help | grep -q "^    --version  *print flowrec.s version" &&
	$FLOWREC --lang zh-CN --help | grep -q "^    --version  *显示 flowrec 的版本号"
'

# A catalog next to an installed binary (PREFIX/bin/flowrec, PREFIX/share/locale) wins over
# the compiled-in copy; so does $FLOWREC_LOCALEDIR. The marker proves which one spoke.
test_case "catalog-beside-the-binary" '
	zh_team && mkdir -p p/bin p/share/locale/zh_CN/LC_MESSAGES l/zh_CN/LC_MESSAGES &&
	cp "$FLOWREC" p/bin/flowrec &&
	sed "s/您是不是想用/MARK-SHARE/" "$ROOT/po/zh_CN.po" >share.po &&
	msgfmt --check -o p/share/locale/zh_CN/LC_MESSAGES/flowrec.mo share.po &&
	test_must_fail ./p/bin/flowrec chek 2>err && grep -q "MARK-SHARE" err &&
	sed "s/您是不是想用/MARK-ENV/" "$ROOT/po/zh_CN.po" >env.po &&
	msgfmt --check -o l/zh_CN/LC_MESSAGES/flowrec.mo env.po &&
	test_must_fail env FLOWREC_LOCALEDIR="$PWD/l" ./p/bin/flowrec chek 2>err && grep -q "MARK-ENV" err
'

test_case "catalog-compiled-in" '
	zh_team && mkdir solo && cp "$FLOWREC" solo/flowrec &&
	test_must_fail ./solo/flowrec chek 2>err && says_zh err &&
	printf "not a catalog" >bad.mo && mkdir -p l/zh_CN/LC_MESSAGES && cp bad.mo l/zh_CN/LC_MESSAGES/flowrec.mo &&
	test_must_fail env FLOWREC_LOCALEDIR="$PWD/l" ./solo/flowrec chek 2>err && says_zh err
'

test_case "build-catalog-is-checked" '
	test -f "$BUILD/locale/zh_CN/LC_MESSAGES/flowrec.mo" &&
	grep -q "^\"Plural-Forms: nplurals=1; plural=0;\\\\n\"$" "$ROOT/po/zh_CN.po" &&
	msgfmt --check -o /dev/null "$ROOT/po/zh_CN.po"
'

# ---- the catalog: complete, checked, and current with the sources ----

test_case "catalog-complete-no-fuzzy" '
	msgfmt --check --statistics -o /dev/null "$ROOT/po/zh_CN.po" 2>stats &&
	cat stats && grep -Eq "^[0-9]+ translated messages?\.$" stats &&
	! grep -q "^#, .*fuzzy" "$ROOT/po/zh_CN.po"
'

# every _(), N_() and Q_() in the sources has its translation (not only those in the .pot)
test_case "catalog-covers-every-message-of-the-sources" '
	(cd "$ROOT" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
		--keyword=Q_:1,2 -o "$OLDPWD/now.pot" tools/*.c tools/*/*.c) &&
	msgcmp "$ROOT/po/zh_CN.po" now.pot
'

# ---- messages that say how to fix it: each row of issue 9's table, in both languages ----

# week W10 of the rule cases, with one change (a sed script) in records/weekly/2026-W10.md
weekly() {
	sed "s/^  - {name: 李娜, /  - {name: 郑丽华, role: sales, email: zheng@example.com}\n&/" \
		"$TESTS/rules/team.yaml" >flowrec.yaml && mkdir -p records/weekly &&
	sed "$1" >records/weekly/2026-W10.md <<-\EOF
	---
	kind: weekly-meeting
	week: 2026-W10
	date: 2026-03-02
	started: "09:20"
	minutes: 55
	host: 李娜
	attendees: [王经理, 李娜, 郑丽华, 刘芳, 孙丽, 周杰]
	reports:
	  - person: 李娜
	    this_week:
	      - {task: 拜访重点客户, target: 5, unit: 家}
	      - {task: 回款, target: 25, unit: 万元}
	      - {task: 红黄牌产品销售, target: 40, unit: 台}
	  - person: 郑丽华
	    this_week:
	      - {task: 拜访客户, target: 3, unit: 家}
	      - {task: 铺货, target: 20, unit: 台}
	      - {task: 回款, target: 10, unit: 万元}
	departments:
	  - {department: 财务部, head: 刘芳, tasks: [{task: 完成3月对账, owner: 刘芳}]}
	  - {department: 物流部, head: 孙丽, tasks: [{task: 发货X1共50台, owner: 孙丽}]}
	  - {department: 售后部, head: 周杰, tasks: [{task: 回访5家新客户, owner: 周杰}]}
	---
	EOF
}
# both EN ZH: flowrec check prints exactly the line EN with --lang en and ZH with --lang zh-CN
# (the path:line:col prefix and [RULE] included), and nothing else but the summary; exit 1
both() {
	test_expect_code 1 $FLOWREC --lang en check -q 2>en &&
	printf "%s\n" "$1" >want.en && test_cmp want.en en &&
	test_expect_code 1 $FLOWREC --lang zh-CN check -q 2>zh &&
	printf "%s\n" "$2" >want.zh && test_cmp want.zh zh
}
W=records/weekly/2026-W10.md

test_case "fix-full-width-colon" '
	weekly "s/^minutes: 55/minutes： 55/" &&
	both "$W:6:8: error: line 6, column 8: full-width colon '\''：'\'': write the half-width '\'': '\'' (a colon and a space) [X-YAML]" \
	     "$W:6:8: 错误: 第6行第8列：全角冒号「：」，请改为半角「: 」 [X-YAML]"
'

test_case "fix-no-space-after-colon" '
	weekly "s/^minutes: 55/minutes:55/" &&
	both "$W:6:8: error: line 6, column 8: no space after '\'':'\'': write '\''key: value'\'' with a space after the colon [X-YAML]" \
	     "$W:6:8: 错误: 第6行第8列：冒号「:」后面缺少空格，请改为「键: 值」 [X-YAML]"
'

test_case "fix-full-width-space-indent" '
	weekly "s/^    this_week:/  　this_week:/" &&
	both "$W:11:3: error: line 11, column 3: full-width space '\''　'\'': indent and separate with half-width spaces [X-YAML]" \
	     "$W:11:3: 错误: 第11行第3列：全角空格「　」，缩进和分隔请用半角空格 [X-YAML]"
'

test_case "fix-full-width-commas-in-a-list" '
	weekly "s/^attendees: .*/attendees: [王经理，李娜，郑丽华，刘芳，孙丽，周杰]/" &&
	both "$W:8:13: error: '\''王经理，李娜，郑丽华，刘芳，孙丽，周杰'\'' is not one name: names in a list are separated by a half-width '\'', '\'', not '\''，'\'' or '\''、'\'' [X-PERSON]" \
	     "$W:8:13: 错误: '\''王经理，李娜，郑丽华，刘芳，孙丽，周杰'\'' 不是一个人名：列表中的人名请用半角「, 」分隔，不要用「，」或「、」 [X-PERSON]"
'

test_case "fix-full-width-digits" '
	weekly "s/target: 5,/target: ３０,/" &&
	both "$W:12:32: error: a task'\''s target is a number and its unit a text: expected number, found string '\''３０'\''; full-width digits '\''３０'\'': write the half-width 30 (handbook: 「要事具体化、数字化」) [W-NUMERIC]" \
	     "$W:12:32: 错误: 要事的目标应为数字、单位应为文字：应为数字，实为文字 '\''３０'\''；全角数字「３０」，请改为半角「30」（手册：「要事具体化、数字化」） [W-NUMERIC]"
'

test_case "fix-typo-in-a-key-is-one-error" '
	weekly "s/^attendees:/atendees:/" &&
	both "$W:8:1: error: unknown property '\''atendees'\'': did you mean '\''attendees'\'' (与会人员)? [X-SCHEMA]" \
	     "$W:8:1: 错误: 未知字段 '\''atendees'\''：您是不是想写 '\''attendees'\'' (与会人员)？ [X-SCHEMA]"
'

test_case "fix-typo-of-a-key-a-rule-requires" '
	weekly "0,/^    this_week:/s//    this_weak:/" &&
	both "$W:11:5: error: unknown property '\''this_weak'\'': did you mean '\''this_week'\''? (handbook: 「本周三件要事」) [W-THREE]" \
	     "$W:11:5: 错误: 未知字段 '\''this_weak'\''：您是不是想写 '\''this_week'\''？（手册：「本周三件要事」） [W-THREE]"
'

test_case "fix-name-not-in-the-roster" '
	weekly "s/^  - person: 郑丽华/  - person: 郑莉华/" &&
	both "$W:15:13: error: '\''郑莉华'\'' is not in the team'\''s roster; did you mean '\''郑丽华'\''? [X-PERSON]" \
	     "$W:15:13: 错误: '\''郑莉华'\'' 不在团队人员名单中；您是不是想写 '\''郑丽华'\''？ [X-PERSON]"
'

test_case "fix-unknown-command" '
	test_expect_code 2 $FLOWREC --lang en chek 2>en &&
	test "$(cat en)" = "flowrec: '\''chek'\'' is not a flowrec command; did you mean '\''check'\''? See '\''flowrec help'\''" &&
	test_expect_code 2 $FLOWREC --lang zh-CN chek 2>zh &&
	test "$(cat zh)" = "flowrec: '\''chek'\'' 不是 flowrec 命令；您是不是想用 '\''check'\''？请看 '\''flowrec help'\''"
'

test_case "fix-unknown-option-and-kind" '
	weekly "" &&
	test_expect_code 2 $FLOWREC --lang en check --formt json 2>en &&
	grep -qx "flowrec check: unknown option '\''--formt'\''; did you mean '\''--format'\''?" en &&
	test_expect_code 2 $FLOWREC --lang zh-CN check --formt json 2>zh &&
	grep -qx "flowrec check: 未知选项 '\''--formt'\''；您是不是想用 '\''--format'\''？" zh &&
	test_expect_code 2 $FLOWREC --lang en report --kind weekly-meting 2>en &&
	grep -qx "flowrec report: --kind: unknown kind '\''weekly-meting'\''; did you mean '\''weekly-meeting'\''?" en &&
	test_expect_code 2 $FLOWREC --lang zh-CN report --kind weekly-meting 2>zh &&
	grep -qx "flowrec report: --kind：未知的记录类型 '\''weekly-meting'\''；您是不是想用 '\''weekly-meeting'\''？" zh
'

test_case "fix-four-key-tasks-at-the-fourth" '
	weekly "s/^      - {task: 红黄牌产品销售, target: 40, unit: 台}/&\n      - {task: 培训, target: 1, unit: 场}/" &&
	both "$W:15:9: error: exactly 3 key tasks a week: here there are 4, keep the three that matter most (handbook: 「本周三件要事」) [W-THREE]" \
	     "$W:15:9: 错误: 本周要事应为3件，这里有4件：只保留最重要的三件（手册：「本周三件要事」） [W-THREE]"
'

test_case "fix-meeting-too-long" '
	weekly "s/^minutes: 55/minutes: 75/" &&
	both "$W:6:10: error: the meeting ran 75 minutes, at most 60 are allowed (handbook: 「会议时间不超过60分钟」) [W-LENGTH]" \
	     "$W:6:10: 错误: 会议开了75分钟，最长只能开60分钟（手册：「会议时间不超过60分钟」） [W-LENGTH]"
'

# ---- the summary line, and what stays the same in every language ----

test_case "summary-line-both-languages" '
	weekly "s/{task: 回款, target: 25/{task: 加强回款, target: 25/" &&
	$FLOWREC --lang en check 2>en && tail -n 1 en >last &&
	test "$(cat last)" = "checked 1 record: 0 errors, 1 warning" &&
	$FLOWREC --lang zh-CN check 2>zh && tail -n 1 zh >last &&
	test "$(cat last)" = "已检查 1 条记录：0 个错误，1 个警告" &&
	$FLOWREC --lang zh-CN check -q 2>zh && ! grep -q "已检查" zh
'

test_case "json-is-the-same-in-every-language" '
	weekly "s/^minutes: 55/minutes: 75/" &&
	test_expect_code 1 $FLOWREC --lang en check --format json >en.json 2>en &&
	test_expect_code 1 $FLOWREC --lang zh-CN check --format json >zh.json 2>zh &&
	jq -c ".[] | [.path, .line, .column, .severity, .rule]" en.json >en.keys &&
	jq -c ".[] | [.path, .line, .column, .severity, .rule]" zh.json >zh.keys &&
	test_cmp en.keys zh.keys && test -s en.keys &&
	jq -r ".[0].severity" zh.json | grep -qx error &&
	jq -r ".[0].message" zh.json | grep -q "会议开了75分钟"
'

test_case "due-table-in-chinese" '
	weekly "" && git init -q . && git add -A && commit_as wang@example.com 2026-03-02T10:00:00+08:00 w10 &&
	env -u LANGUAGE $FLOWREC due --today 2026-03-12 >out &&
	head -n 1 out | grep -q "^状态 *截止 *负责人 *类型 *事项" &&
	grep -q "周四中午跟进 2026-W10" out &&
	$FLOWREC --lang en due --today 2026-03-12 >out &&
	head -n 1 out | grep -q "^STATUS *DUE *WHO *KIND *WHAT" &&
	grep -q "Thursday follow-up 2026-W10" out
'

# every item text of the due table speaks the language: onboarding steps and partner notices too
test_case "due-items-in-chinese" '
	(cd "$ROOT/examples" && $FLOWREC --lang zh-CN due --today 2026-04-10) >out &&
	grep -q "新客户启动 无锡恒达：步骤 售后回访" out &&
	grep -q "向华信科技书面及口头通告2026-03绩效" out &&
	! grep -q "aftersales_call\|written and verbal" out &&
	(cd "$ROOT/examples" && $FLOWREC --lang en due --today 2026-04-10) >out &&
	grep -q "onboarding 无锡恒达: step after-sales call" out &&
	grep -q "written and verbal notice to 华信科技 for 2026-03" out
'

test_case "diagnostics-sorted-by-path-line-column" '
	weekly "s/^started: \"09:20\"/started: \"09:50\"/; s/^minutes: 55/minutes: 75/; s/{task: 回款, target: 25, unit: 万元}/{task: 加强回款, target: 25, unit: 万元}/; s/{task: 铺货, target: 20, unit: 台}/{task: 铺货, target: 20, unit: 台, due: 2026-03-20}/" &&
	mkdir -p records/cards && printf -- "---\nkind: cards\n---\n" >records/cards/2026-W10.md &&
	for l in en zh-CN; do
		test_expect_code 1 $FLOWREC --lang $l check -q 2>err &&
		sed -n "s/^\([^:]*\):\([0-9]*\):\([0-9]*\): .*/\1 \2 \3/p" err >got &&
		sort -k1,1 -k2,2n -k3,3n got >sorted && test_cmp sorted got &&
		test "$(wc -l <got)" -ge 5 || return 1
	done
'

test_done
