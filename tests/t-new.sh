#!/bin/sh
# t-new.sh - `flowrec new KIND`: every kind's template fails X-PLACEHOLDER and nothing else,
# is valid once filled in, carries over from the record before, and never overwrites.
. "$TESTS/lib.sh"
EXAMPLES="$TESTS/../examples"

# errors_other_than_placeholder FILE: the error lines of a check output that are not X-PLACEHOLDER
only_placeholders() {
	grep -q ': error: .*\[X-PLACEHOLDER\]$' "$1" &&
	! grep ': error: ' "$1" | grep -v '\[X-PLACEHOLDER\]$'
}

# new_then_fill DIR ARGS...: new, check (only X-PLACEHOLDER, exit 1), fill, check (exit 0)
new_then_fill() {
	_p=$($FLOWREC new "$@" --today 2026-03-30) &&
	test -f "$_p" &&
	test_expect_code 1 $FLOWREC check --today 2026-03-30 "$_p" 2>err &&
	only_placeholders err &&
	sed -i 's/待填写/已填写/g' "$_p" &&
	$FLOWREC check --today 2026-03-30 "$_p" 2>err2 &&
	! grep ': error: ' err2
}

team() {
	git init -q "$1" && cp "$TESTS/rules/team.yaml" "$1/flowrec.yaml"
}

test_case "every-kind-fails-only-X-PLACEHOLDER-then-is-valid-in-a-new-team" '
	team t && cd t &&
	new_then_fill weekly-meeting &&
	new_then_fill cards --person 李娜 &&
	new_then_fill monthly-plan --person 李娜 &&
	new_then_fill product-plan --person 李娜 &&
	new_then_fill partner-scorecard --customer 华信科技 --person 李娜 &&
	new_then_fill channel-service --person 赵敏 &&
	new_then_fill onboarding --customer 苏州新科 --person 李娜 &&
	new_then_fill meeting --title 新品上市准备会 &&
	new_then_fill process --title 红黄牌产品销售管理流程 &&
	$FLOWREC check --today 2026-03-30
'

test_case "every-kind-after-the-example-quarter-carries-and-is-valid" '
	cp -r "$EXAMPLES" t && cd t &&
	new_then_fill weekly-meeting &&
	new_then_fill cards &&
	new_then_fill monthly-plan --person 李娜 --month 2026-05 &&
	new_then_fill product-plan --person 李娜 --month 2026-05 &&
	new_then_fill partner-scorecard --customer 华信科技 --person 李娜 --month 2026-04 &&
	new_then_fill channel-service --person 赵敏 --month 2026-04 &&
	new_then_fill onboarding --customer 杭州新客 --person 王强 &&
	new_then_fill meeting --title 二季度启动会 &&
	new_then_fill process --title 月度总结计划流程
'

test_case "conventional-paths-and-default-periods-from-today" '
	team t && cd t &&
	test "$($FLOWREC new weekly-meeting --today 2026-03-12)" = records/weekly/2026-W11.md &&
	test "$($FLOWREC new cards --today 2026-03-15 --person 李娜)" = records/cards/2026-W11.md &&
	test "$($FLOWREC new monthly-plan --today 2026-03-28 --person 李娜)" = records/monthly/2026-04/李娜.md &&
	test "$($FLOWREC new product-plan --today 2026-03-28 --person 李娜)" = records/product/2026-04/李娜.md &&
	test "$($FLOWREC new partner-scorecard --today 2026-03-28 --person 李娜 --customer 华信科技)" = records/partners/2026-03/华信科技.md &&
	test "$($FLOWREC new channel-service --today 2026-03-28 --person 赵敏)" = records/channel/2026-03/赵敏.md &&
	test "$($FLOWREC new onboarding --today 2026-03-28 --person 李娜 --customer 苏州新科)" = records/onboarding/苏州新科.md &&
	test "$($FLOWREC new meeting --date 2026-03-05 --title 新品上市准备会)" = records/meetings/2026-03-05-新品上市准备会.md &&
	test "$($FLOWREC new process --title 周例会流程)" = records/processes/周例会流程.md &&
	mkdir sub && cd sub &&
	test "$($FLOWREC new weekly-meeting --week 2026-W20)" = "$(cd .. && pwd)/records/weekly/2026-W20.md"
'

test_case "the-person-defaults-to-the-roster-entry-of-the-git-email" '
	team t && cd t &&
	GIT_AUTHOR_EMAIL=zhao@example.com $FLOWREC new channel-service --today 2026-03-28 > out &&
	test "$(cat out)" = records/channel/2026-03/赵敏.md &&
	git config user.email lina@example.com &&
	test "$($FLOWREC new monthly-plan --today 2026-03-28)" = records/monthly/2026-04/李娜.md &&
	git config user.email nobody@example.com &&
	test_expect_code 2 $FLOWREC new monthly-plan --month 2026-06 2>err &&
	grep -q -- "--person" err
'

test_case "modeline-first-then-front-matter-then-chinese-headings" '
	team t && cd t &&
	p=$($FLOWREC new monthly-plan --person 李娜 --month 2026-04) &&
	test "$(sed -n 1p "$p")" = "---" &&
	test "$(sed -n 2p "$p")" = "# yaml-language-server: \$schema=../../../.flowrec/schemas/monthly-plan.json" &&
	grep -q "^## 上月总结$" "$p" && grep -q "^## 本月计划$" "$p" &&
	p=$($FLOWREC new weekly-meeting --week 2026-W10) &&
	test "$(sed -n 2p "$p")" = "# yaml-language-server: \$schema=../../.flowrec/schemas/weekly-meeting.json" &&
	grep -q "^## 本周三件要事$" "$p"
'

test_case "an-english-team-gets-english-headings-and-its-own-placeholder" '
	team t && cd t &&
	sed -i "s/^locale: zh-CN/locale: en/; s/^placeholders:.*/placeholders: [FILL-IN]/" flowrec.yaml &&
	p=$($FLOWREC new weekly-meeting --week 2026-W10) &&
	grep -q "^## This week.s three key tasks$" "$p" &&
	grep -q "task: FILL-IN" "$p" && ! grep -q "待填写\|TODO" "$p"
'

# W13 of the example team -> W14: each rep's this_week becomes last_week, no actuals, host next
test_case "weekly-carries-this_week-into-last_week-as-W-CARRY-wants" '
	cp -r "$EXAMPLES" t && cd t &&
	p=$($FLOWREC new weekly-meeting --week 2026-W14) &&
	python3 - "$p" records/weekly/2026-W13.md <<-EOF &&
	import sys, yaml
	def fm(p):
	    return yaml.safe_load(open(p, encoding="utf-8").read().split("---\n")[1])
	new, old = fm(sys.argv[1]), fm(sys.argv[2])
	assert new["host"] == "王强", new["host"]
	assert new["date"] == "2026-03-30" or str(new["date"]) == "2026-03-30"
	was = {r["person"]: r["this_week"] for r in old["reports"]}
	assert [r["person"] for r in new["reports"]] == ["李娜", "王强", "张伟"]
	for r in new["reports"]:
	    assert r["last_week"] == was[r["person"]], (r["last_week"], was[r["person"]])
	    assert all("actual" not in t for t in r["last_week"])
	    assert len(r["this_week"]) == 3
	names = {p["name"] for p in yaml.safe_load(open("flowrec.yaml", encoding="utf-8"))["people"]
	         if p["role"] in ("manager", "sales", "finance", "logistics", "aftersales")}
	assert set(new["attendees"]) == names, new["attendees"]
	EOF
	grep -q "^#   date: 2026-04-02$" "$p" &&
	sed -i "s/待填写/已填写/g" "$p" &&
	$FLOWREC check "$p" 2>err && ! grep -q W-CARRY err &&
	sed -i "0,/target: 6, unit: 家/s//target: 5, unit: 家/" "$p" &&
	test_must_fail $FLOWREC check "$p" 2>err && grep -q "W-CARRY" err
'

test_case "monthly-carries-last-months-planned-metrics-into-summary" '
	cp -r "$EXAMPLES" t && cd t &&
	p=$($FLOWREC new monthly-plan --person 李娜 --month 2026-05) &&
	python3 - "$p" records/monthly/2026-04/李娜.md <<-EOF &&
	import sys, yaml
	def fm(p):
	    return yaml.safe_load(open(p, encoding="utf-8").read().split("---\n")[1])
	new, old = fm(sys.argv[1]), fm(sys.argv[2])
	want = [{k: m[k] for k in ("name", "unit", "target") if k in m} for m in old["plan"]["metrics"]]
	assert new["summary"]["metrics"] == want, new["summary"]["metrics"]
	assert [m["name"] for m in new["plan"]["metrics"]] == [m["name"] for m in want]
	EOF
	sed -i "s/待填写/已填写/g" "$p" && $FLOWREC check "$p"
'

test_case "scorecard-in-a-new-quarter-flags-last-quarters-factors-for-rotation" '
	cp -r "$EXAMPLES" t && cd t &&
	p=$($FLOWREC new partner-scorecard --customer 华信科技 --person 李娜 --month 2026-04) &&
	test "$(grep -c "name: 待填写（上季度：" "$p")" -ge 2 &&
	p2=$($FLOWREC new partner-scorecard --customer 新伙伴 --person 李娜 --month 2026-03) &&
	! grep -q "上季度" "$p2" &&
	python3 - "$p2" records/partners/2026-03/华信科技.md <<-EOF
	import sys, yaml
	def fm(p):
	    return yaml.safe_load(open(p, encoding="utf-8").read().split("---\n")[1])
	new, old = fm(sys.argv[1]), fm(sys.argv[2])
	if old["class"] == new["class"]:
	    assert [f["name"] for f in new["factors"]] == [f["name"] for f in old["factors"]]
	EOF
'

test_case "onboarding-step-due-dates-from-the-first-pickup" '
	team t && cd t &&
	p=$($FLOWREC new onboarding --customer 苏州新科 --person 李娜 --date 2026-03-03) &&
	grep -q "^first_pickup: 2026-03-03" "$p" &&
	grep -q "^#   informed: 2026-03-02 " "$p" &&
	grep -q "^#   channel_review: 2026-03-08 " "$p" &&
	grep -q "^#   aftersales_call: 2026-03-23 " "$p" &&
	grep -q "^#   manager_visit: 2026-03-29 " "$p"
'

test_case "never-overwrites-exit-1-names-the-file" '
	team t && cd t &&
	p=$($FLOWREC new weekly-meeting --week 2026-W10) &&
	echo edited >> "$p" && cp "$p" before &&
	test_expect_code 1 $FLOWREC new weekly-meeting --week 2026-W10 >out 2>err &&
	grep -q "records/weekly/2026-W10.md" err && test ! -s out &&
	test_cmp before "$p" &&
	test -z "$(ls -A records/weekly | grep -v 2026-W10.md)"
'

test_case "edit-opens-VISUAL-then-EDITOR" '
	team t && cd t &&
	printf "#!/bin/sh\necho visual >> \"\$1\"\n" > vis && printf "#!/bin/sh\necho editor >> \"\$1\"\n" > ed &&
	chmod +x vis ed &&
	p=$(VISUAL="$PWD/vis" EDITOR="$PWD/ed" $FLOWREC new weekly-meeting --week 2026-W10 --edit) &&
	test "$(tail -1 "$p")" = visual &&
	p=$(VISUAL= EDITOR="$PWD/ed" $FLOWREC new weekly-meeting --week 2026-W11 --edit) &&
	test "$(tail -1 "$p")" = editor &&
	test_expect_code 2 env VISUAL=false $FLOWREC new weekly-meeting --week 2026-W12 --edit
'

test_case "usage-errors-exit-2" '
	team t && cd t &&
	test_expect_code 2 $FLOWREC new 2>err && grep -q weekly-meeting err &&
	test_expect_code 2 $FLOWREC new weekly 2>err && grep -q "weekly-meeting" err &&
	test_expect_code 2 $FLOWREC new weekly-meeting --week 2026-13 &&
	test_expect_code 2 $FLOWREC new monthly-plan --person 无名 &&
	test_expect_code 2 $FLOWREC new onboarding --person 李娜 &&
	test_expect_code 2 $FLOWREC new onboarding --person 李娜 --customer ../x &&
	test_expect_code 2 $FLOWREC new meeting &&
	test ! -e records
'

# a target carried into the next record reads back as the committed number exactly (W-CARRY
# and M-CARRY compare them): 15 significant digits are not always enough
test_case "carried-targets-keep-every-digit" '
	team t && cd t && mkdir -p records/weekly records/monthly/2026-03 &&
	cat >records/weekly/2026-W10.md <<-\EOF &&
	---
	kind: weekly-meeting
	week: 2026-W10
	date: 2026-03-02
	host: 李娜
	attendees: [王经理, 李娜]
	reports:
	  - person: 李娜
	    this_week:
	      - {task: 回款, target: 123456789.123456789, unit: 元}
	      - {task: 拜访, target: 0.30000000000000004, unit: 家, weight: 0.30000000000000004}
	      - {task: 铺货, target: 1e3, unit: 台}
	---
	EOF
	cat >records/monthly/2026-03/李娜.md <<-\EOF &&
	---
	kind: monthly-plan
	person: 李娜
	month: 2026-03
	summary:
	  metrics: [{name: 销售额, unit: 万元, target: 1, actual: 1}]
	  highlight: 亮点
	  lowlight: 暗点
	plan:
	  metrics: [{name: 销售额, unit: 万元, target: 9876543.21098765, measures: [拜访]}]
	  golden_page: [{action: 签约, owner: 李娜, due: 2026-03-10}]
	  blank_sheet: [{role: 销售代表, person: 李娜, action: 签约, due: 2026-03-10}]
	---
	EOF
	$FLOWREC check --today 2026-03-10 2>err0 && ! grep ": error: " err0 &&
	w=$($FLOWREC new weekly-meeting --week 2026-W11 --today 2026-03-10) &&
	m=$($FLOWREC new monthly-plan --month 2026-04 --person 李娜 --today 2026-03-10) &&
	grep -q "target: 123456789.12345679" "$w" && grep -q "target: 9876543.21098765" "$m" &&
	test_expect_code 1 $FLOWREC check --today 2026-03-10 "$w" "$m" 2>err &&
	only_placeholders err && ! grep -q "CARRY" err
'

test_done
