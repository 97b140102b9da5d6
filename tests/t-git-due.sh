#!/bin/sh
# t-git-due.sh - the timeliness rules from history (W-ONTIME, W-MIDWEEK, M-ONTIME, P-ONTIME)
# and `flowrec due`, against real repositories whose commits have fixed authors and dates.
# The team's zone is Asia/Shanghai (UTC+8); the tests run with TZ=UTC, so a deadline judged
# in the wrong zone shows.
. "$TESTS/lib.sh"

# weekly WEEK MONDAY HOST [midweek]: complete minutes (last week's tasks carried, met).
weekly() {
	cat <<EOF
---
kind: weekly-meeting
week: $1
date: $2
started: "09:10"
minutes: 50
host: $3
attendees: [王经理, 李娜, 刘芳, 孙丽, 周杰]
reports:
  - person: 李娜
    last_week:
      - {task: 拜访重点客户, target: 5, unit: 家, actual: 5}
      - {task: 回款, target: 25, unit: 万元, actual: 25}
      - {task: 红黄牌产品销售, target: 40, unit: 台, actual: 40}
    this_week:
      - {task: 拜访重点客户, target: 5, unit: 家}
      - {task: 回款, target: 25, unit: 万元}
      - {task: 红黄牌产品销售, target: 40, unit: 台}
departments:
  - {department: 财务部, head: 刘芳, tasks: [{task: 完成对账, owner: 刘芳}]}
  - {department: 物流部, head: 孙丽, tasks: [{task: X1到仓入库, owner: 孙丽}]}
  - {department: 售后部, head: 周杰, tasks: [{task: 售后培训资料, owner: 周杰}]}
EOF
	[ "${4:-}" = midweek ] &&
		printf 'midweek:\n  date: %s\n  checks: [{person: 李娜, task: 回款, progress: 12}]\n' "$2"
	echo ---
}

plan() {     # plan PERSON MONTH
	cat <<EOF
---
kind: monthly-plan
person: $1
month: $2
summary:
  metrics:
    - {name: 销售额, unit: 万元, target: 120, actual: 110}
  highlight: 拿下苏州新科首单80万元
  lowlight: 回款偏慢
plan:
  metrics:
    - {name: 销售额, unit: 万元, target: 130, measures: [每周拜访重点客户5家]}
  golden_page:
    - {action: 与华信科技签订季度返利协议, owner: $1, due: $2-10}
  blank_sheet:
    - {role: 销售代表, person: $1, action: 完成3家新客户首单, due: $2-15}
---
EOF
}

product() {  # product MONTH OWNER [APPROVALS...]: each approval "step:by:date"
	printf -- '---\nkind: product-plan\nmonth: %s\nowner: %s\n' "$1" "$2"
	printf 'products:\n  - {sku: X1-15, class: star, strategy: 主推机型配合门店展示, forecast: {sales: 120, profit: 9.6}}\n'
	shift 2
	[ $# -gt 0 ] && echo "approvals:"
	for a in "$@"; do
		IFS=: read -r step by date <<EOF
$a
EOF
		echo "  - {step: $step, by: $by, date: $date}"
	done
	echo ---
}

# The weekly history every W- case shares: W10 on time to the second (12:00 Shanghai is
# 04:00 UTC) with its follow-up on time; W11 a second late, its follow-up late; W12 on time
# without a follow-up.
weekly_history() {
	new_team r && cd r && mkdir -p records/weekly &&
	weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md && git add records &&
	commit_as lina@example.com 2026-03-02T04:00:00Z "W10" &&
	weekly 2026-W10 2026-03-02 李娜 midweek > records/weekly/2026-W10.md && git add records &&
	commit_as lina@example.com 2026-03-05T11:59:59+08:00 "W10 follow-up" &&
	weekly 2026-W11 2026-03-09 王强 > records/weekly/2026-W11.md && git add records &&
	commit_as wangqiang@example.com 2026-03-09T04:00:01Z "W11" &&
	weekly 2026-W11 2026-03-09 王强 midweek > records/weekly/2026-W11.md && git add records &&
	commit_as wangqiang@example.com 2026-03-12T14:00:00+08:00 "W11 follow-up" &&
	weekly 2026-W12 2026-03-16 张伟 > records/weekly/2026-W12.md && git add records &&
	commit_as zhangwei@example.com 2026-03-16T10:00:00+08:00 "W12" &&
	"$FLOWREC" check
}

test_case "W-ONTIME-and-W-MIDWEEK-from-the-commits-that-added-them" '
	weekly_history &&
	"$FLOWREC" due --today 2026-03-20 --format json > out &&
	cat > want <<-\EOF &&
	{"items": [
	  {"kind": "weekly-meeting", "what": "Thursday follow-up 2026-W12", "who": "张伟", "due": "2026-03-19", "status": "missing", "path": "records/weekly/2026-W12.md", "rule": "W-MIDWEEK"},
	  {"kind": "weekly-meeting", "what": "Thursday follow-up 2026-W11", "who": "王强", "due": "2026-03-12", "status": "late", "path": "records/weekly/2026-W11.md", "rule": "W-MIDWEEK", "done": "2026-03-12T14:00:00+08:00", "clock": "commit"},
	  {"kind": "weekly-meeting", "what": "weekly minutes 2026-W11", "who": "王强", "due": "2026-03-09", "status": "late", "path": "records/weekly/2026-W11.md", "rule": "W-ONTIME", "done": "2026-03-09T12:00:01+08:00", "clock": "commit"}
	], "on_time": [
	  {"person": "李娜", "on_time": 2, "total": 2, "rate": 1.0000},
	  {"person": "王强", "on_time": 0, "total": 2, "rate": 0.0000},
	  {"person": "张伟", "on_time": 1, "total": 2, "rate": 0.5000}
	], "clock": "commit"}
	EOF
	test_cmp want out
'

test_case "due-text-is-a-table-most-urgent-first" '
	weekly_history &&
	"$FLOWREC" due --today 2026-03-20 > out &&
	cat > want <<-\EOF &&
	STATUS   DUE               WHO   KIND            WHAT                         PATH
	missing  2026-03-19 12:00  张伟  weekly-meeting  Thursday follow-up 2026-W12  records/weekly/2026-W12.md
	late     2026-03-12 12:00  王强  weekly-meeting  Thursday follow-up 2026-W11  records/weekly/2026-W11.md
	late     2026-03-09 12:00  王强  weekly-meeting  weekly minutes 2026-W11      records/weekly/2026-W11.md

	on time (first commits by their deadlines, from git history):
	clock: commit dates (can be backdated)
	PERSON  ON TIME  TOTAL  RATE
	李娜    2        2      100.0%
	王强    0        2      0.0%
	张伟    1        2      50.0%
	EOF
	test_cmp want out
'

test_case "W-ONTIME-open-then-missing-in-the-current-week" '
	weekly_history &&
	"$FLOWREC" due --today 2026-03-22 --format json > out &&
	grep -q "\"what\": \"Thursday follow-up 2026-W12\", .*\"status\": \"missing\"" out &&
	test_must_fail grep -q "2026-W13" out &&
	"$FLOWREC" due --today 2026-03-23 --format json > out &&
	grep -q "{\"kind\": \"weekly-meeting\", \"what\": \"weekly minutes 2026-W13\", \"who\": \"李娜\", \"due\": \"2026-03-23\", \"status\": \"missing\", \"path\": null, \"rule\": \"W-ONTIME\"}" out &&
	weekly 2026-W13 2026-03-23 李娜 > records/weekly/2026-W13.md &&
	"$FLOWREC" due --today 2026-03-23 --format json > out &&
	grep -q "\"what\": \"weekly minutes 2026-W13 (not committed)\", \"who\": \"李娜\", \"due\": \"2026-03-23\", \"status\": \"missing\", \"path\": \"records/weekly/2026-W13.md\"" out &&
	git add records && commit_as lina@example.com 2026-03-23T11:00:00+08:00 "W13" &&
	"$FLOWREC" due --today 2026-03-23 --format json > out &&
	test_must_fail grep -q "minutes 2026-W13" out &&
	grep -q "\"what\": \"Thursday follow-up 2026-W13\", \"who\": \"李娜\", \"due\": \"2026-03-26\", \"status\": \"open\"" out
'

test_case "W-ONTIME-today-in-the-past-ignores-later-commits" '
	weekly_history &&
	"$FLOWREC" due --today 2026-03-08 --format json > out &&
	grep -q "\"what\": \"weekly minutes 2026-W11\", \"who\": \"王强\", \"due\": \"2026-03-09\", \"status\": \"open\"" out &&
	test_must_fail grep -q "\"status\": \"late\"" out &&
	grep -q "{\"person\": \"李娜\", \"on_time\": 2, \"total\": 2" out &&
	test_must_fail grep -q "王强\", \"on_time\"" out
'

test_case "W-ONTIME-follows-renames" '
	new_team r && cd r && mkdir -p records/weekly &&
	weekly 2026-W10 2026-03-02 李娜 midweek > records/weekly/minutes.md && git add records &&
	commit_as lina@example.com 2026-03-02T11:00:00+08:00 "W10 under another name" &&
	git mv records/weekly/minutes.md records/weekly/2026-W10.md &&
	commit_as lina@example.com 2026-03-10T11:00:00+08:00 "rename" &&
	"$FLOWREC" due --today 2026-03-08 --format json > out &&
	test_must_fail grep -q "late\|missing" out &&
	grep -q "{\"person\": \"李娜\", \"on_time\": 2, \"total\": 2, \"rate\": 1.0000}" out
'

# The monthly and product history: 李娜 on time (23:00 Shanghai on the 31st), 王强 late
# (00:30 Shanghai on the 1st, still the 31st in UTC), 张伟 none. 李娜 drafts her product plan
# on the 1st, the manager confirms on the 1st, the director reviews on the 3rd (late); 王强
# drafts on the 2nd (late) and nobody reviews.
plan_history() {
	new_team r && cd r && mkdir -p records/monthly/2026-04 records/product/2026-04 &&
	plan 李娜 2026-04 > records/monthly/2026-04/李娜.md && git add records &&
	commit_as lina@example.com 2026-03-31T23:00:00+08:00 "plan" &&
	plan 王强 2026-04 > records/monthly/2026-04/王强.md && git add records &&
	commit_as wangqiang@example.com 2026-04-01T00:30:00+08:00 "plan" &&
	product 2026-04 李娜 > records/product/2026-04/李娜.md && git add records &&
	commit_as lina@example.com 2026-04-01T10:00:00+08:00 "product plan" &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > records/product/2026-04/李娜.md && git add records &&
	commit_as wang@example.com 2026-04-01T15:00:00+08:00 "confirm" &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 review:陈总:2026-04-03 > records/product/2026-04/李娜.md && git add records &&
	commit_as chen@example.com 2026-04-03T09:00:00+08:00 "review" &&
	product 2026-04 王强 > records/product/2026-04/王强.md && git add records &&
	commit_as wangqiang@example.com 2026-04-02T09:00:00+08:00 "product plan" &&
	"$FLOWREC" check
}

test_case "M-ONTIME-and-P-ONTIME-from-history" '
	plan_history &&
	"$FLOWREC" due --today 2026-04-05 --format json > out &&
	cat > want <<-\EOF &&
	{"items": [
	  {"kind": "weekly-meeting", "what": "weekly minutes 2026-W14", "who": "", "due": "2026-03-30", "status": "missing", "path": null, "rule": "W-ONTIME"},
	  {"kind": "monthly-plan", "what": "monthly plan 2026-04", "who": "张伟", "due": "2026-03-31", "status": "missing", "path": null, "rule": "M-ONTIME"},
	  {"kind": "product-plan", "what": "product plan 2026-04 approved", "who": "陈总", "due": "2026-04-02", "status": "missing", "path": "records/product/2026-04/王强.md", "rule": "P-ONTIME"},
	  {"kind": "product-plan", "what": "product plan 2026-04 approved", "who": "陈总", "due": "2026-04-02", "status": "late", "path": "records/product/2026-04/李娜.md", "rule": "P-ONTIME", "done": "2026-04-03T09:00:00+08:00", "clock": "commit"},
	  {"kind": "product-plan", "what": "product plan 2026-04 drafted", "who": "王强", "due": "2026-04-01", "status": "late", "path": "records/product/2026-04/王强.md", "rule": "P-ONTIME", "done": "2026-04-02T09:00:00+08:00", "clock": "commit"},
	  {"kind": "monthly-plan", "what": "monthly plan 2026-04", "who": "王强", "due": "2026-03-31", "status": "late", "path": "records/monthly/2026-04/王强.md", "rule": "M-ONTIME", "done": "2026-04-01T00:30:00+08:00", "clock": "commit"}
	], "on_time": [
	  {"person": "陈总", "on_time": 0, "total": 2, "rate": 0.0000},
	  {"person": "李娜", "on_time": 2, "total": 2, "rate": 1.0000},
	  {"person": "王强", "on_time": 0, "total": 2, "rate": 0.0000},
	  {"person": "张伟", "on_time": 0, "total": 1, "rate": 0.0000}
	], "clock": "commit"}
	EOF
	test_cmp want out
'

test_case "M-ONTIME-a-missing-plan-is-open-from-the-28th" '
	plan_history &&
	"$FLOWREC" due --today 2026-03-27 --format json > out &&
	test_must_fail grep -q "张伟" out &&
	"$FLOWREC" due --today 2026-03-28 --format json > out &&
	grep -q "{\"kind\": \"monthly-plan\", \"what\": \"monthly plan 2026-04\", \"who\": \"张伟\", \"due\": \"2026-03-31\", \"status\": \"open\", \"path\": null, \"rule\": \"M-ONTIME\"}" out &&
	grep -q "{\"kind\": \"monthly-plan\", \"what\": \"monthly plan 2026-04\", \"who\": \"王强\", \"due\": \"2026-03-31\", \"status\": \"open\", \"path\": \"records/monthly/2026-04/王强.md\", \"rule\": \"M-ONTIME\"}" out &&
	"$FLOWREC" due --today 2026-04-01 --format json > out &&
	test_must_fail grep -q "李娜\", \"due\": \"2026-03-31\"" out &&
	grep -q "\"who\": \"张伟\", \"due\": \"2026-03-31\", \"status\": \"missing\"" out
'

test_case "P-ONTIME-approved-in-time-is-not-listed" '
	new_team r && cd r && mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > records/product/2026-04/李娜.md && git add records &&
	commit_as lina@example.com 2026-04-01T23:59:59+08:00 "draft" &&
	product 2026-04 李娜 confirm:王经理:2026-04-02 review:陈总:2026-04-02 > records/product/2026-04/李娜.md && git add records &&
	commit_as chen@example.com 2026-04-02T23:00:00+08:00 "approvals" &&
	"$FLOWREC" due --today 2026-04-02 --format json > out &&
	test_must_fail grep -q "product-plan" out &&
	grep -q "{\"person\": \"陈总\", \"on_time\": 1, \"total\": 1, \"rate\": 1.0000}" out &&
	grep -q "{\"person\": \"李娜\", \"on_time\": 1, \"total\": 1, \"rate\": 1.0000}" out
'

test_case "timeliness-never-blocks-a-commit" '
	plan_history && "$FLOWREC" hook install > /dev/null &&
	plan 张伟 2026-04 > records/monthly/2026-04/张伟.md && git add records &&
	commit_as zhangwei@example.com 2026-04-09T10:00:00+08:00 "a late plan is better than none" 2> err &&
	test_must_fail grep -q "M-ONTIME\]" err &&
	"$FLOWREC" check --rev HEAD &&
	"$FLOWREC" due --today 2026-04-10 --format json > out &&
	grep -q "\"who\": \"张伟\", \"due\": \"2026-03-31\", \"status\": \"late\", \"path\": \"records/monthly/2026-04/张伟.md\", \"rule\": \"M-ONTIME\"" out
'

test_case "due-rev-reads-records-and-history-of-a-commit" '
	weekly_history &&
	git rm -q -r records && commit_as wang@example.com 2026-03-20T09:00:00+08:00 "gone" &&
	"$FLOWREC" due --today 2026-03-20 --rev HEAD~1 --format json > out &&
	grep -q "\"what\": \"weekly minutes 2026-W11\", .*\"status\": \"late\"" out &&
	"$FLOWREC" due --today 2026-03-20 --format json > out &&
	test_must_fail grep -q "\"status\": \"late\"" out
'

test_case "due-lists-cards-onboarding-decisions-scorecards" '
	new_team r && cd r &&
	mkdir -p records/cards records/onboarding records/meetings records/partners/2026-03 records/partners/2026-02 &&
	cat > records/cards/2026-W12.md <<-\EOF &&
	---
	kind: cards
	week: 2026-W12
	confirmed: 2026-03-16
	products:
	  - {sku: X1-15, name: X1 15寸笔记本, card: red, quantity: 40, price: 3999, partner_price: 4299, assignees: [李娜], tracking: [{date: 2026-03-16, sold: 0}, {date: 2026-03-19, sold: 25}]}
	  - {sku: K7, name: K7 键鼠套装, card: yellow, quantity: 80, price: 99, partner_price: 129, assignees: [王强], tracking: [{date: 2026-03-20, sold: 80}]}
	---
	EOF
	cat > records/cards/2026-W13.md <<-\EOF &&
	---
	kind: cards
	week: 2026-W13
	confirmed: 2026-03-23
	products:
	  - {sku: H2, name: H2 耳机, card: yellow, quantity: 40, price: 199, partner_price: 239, assignees: [张伟, 李娜], tracking: [{date: 2026-03-26, sold: 10}]}
	---
	EOF
	cat > records/onboarding/苏州新科.md <<-\EOF &&
	---
	kind: onboarding
	customer: 苏州新科
	owner: 李娜
	first_pickup: 2026-03-10
	steps: {informed: 2026-03-09, training: 2026-03-10, promo_delivery: 2026-03-10, channel_review: 2026-03-15}
	---
	EOF
	cat > records/meetings/2026-03-05-新品上市准备会.md <<-\EOF &&
	---
	kind: meeting
	title: 新品上市准备会
	date: 2026-03-05
	purpose: 确定X1上市的渠道、价格和培训安排
	host: 王经理
	invited: [王经理, 李娜, 赵敏]
	present: [王经理, 李娜]
	agenda: [{topic: 渠道铺货, minutes: 20}]
	minutes: 20
	decisions:
	  - {decision: X1首批铺货50台, owner: 李娜, due: 2026-03-12, status: open}
	  - {decision: 价格体系定稿, owner: 王经理, due: 2026-03-10, status: done}
	  - {decision: 售后培训, owner: 赵敏, due: 2026-04-10, status: open}
	distributed: 2026-03-05
	---
	EOF
	cat > records/partners/2026-03/华信科技.md <<-\EOF &&
	---
	kind: partner-scorecard
	partner: 华信科技
	class: A
	month: 2026-03
	scorer: 李娜
	factors: [{name: 销售增长, weight: 60, score: 85}, {name: 回款及时, weight: 40, score: 90}]
	---
	EOF
	cat > records/partners/2026-02/联创办公.md <<-\EOF &&
	---
	kind: partner-scorecard
	partner: 联创办公
	class: A
	month: 2026-02
	scorer: 王强
	factors: [{name: 销售增长, weight: 60, score: 85}, {name: 回款及时, weight: 40, score: 90}]
	reviewed: {by: 王经理, date: 2026-02-28}
	notified: {date: 2026-03-05, written: true, verbal: true}
	---
	EOF
	git add records && commit_as wang@example.com 2026-03-20T10:00:00+08:00 "records" &&
	"$FLOWREC" due --today 2026-03-31 > out &&
	cat > want <<-\EOF &&
	STATUS   DUE               WHO         KIND               WHAT                                               PATH
	overdue  2026-03-12        李娜        meeting            decision '\''X1首批铺货50台'\'' (新品上市准备会)         records/meetings/2026-03-05-新品上市准备会.md
	overdue  2026-03-22        李娜        cards              red card X1-15: 25 of 40 sold                      records/cards/2026-W12.md
	overdue  2026-03-30        李娜        onboarding         onboarding 苏州新科: step after-sales call         records/onboarding/苏州新科.md
	missing  2026-03-30 12:00  -           weekly-meeting     weekly minutes 2026-W14                            -
	open     2026-03-31        张伟        monthly-plan       monthly plan 2026-04                               -
	open     2026-03-31        李娜        monthly-plan       monthly plan 2026-04                               -
	open     2026-03-31        王强        monthly-plan       monthly plan 2026-04                               -
	open     2026-03-31        王经理      partner-scorecard  review of scorecard 华信科技 2026-03               records/partners/2026-03/华信科技.md
	open     2026-04-03        李娜        partner-scorecard  written and verbal notice to 华信科技 for 2026-03  records/partners/2026-03/华信科技.md
	open     2026-04-05        张伟, 李娜  cards              yellow card H2: 10 of 40 sold                      records/cards/2026-W13.md
	open     2026-04-05        李娜        onboarding         onboarding 苏州新科: step manager visit            records/onboarding/苏州新科.md
	open     2026-04-10        赵敏        meeting            decision '\''售后培训'\'' (新品上市准备会)               records/meetings/2026-03-05-新品上市准备会.md
	late     2026-03-03        王强        partner-scorecard  written and verbal notice to 联创办公 for 2026-02  records/partners/2026-02/联创办公.md

	on time (first commits by their deadlines, from git history):
	clock: commit dates (can be backdated)
	nothing judged yet
	EOF
	test_cmp want out
'

test_case "due-outside-git-and-usage-errors" '
	mkdir plain && cp "$TESTS/rules/team.yaml" plain/flowrec.yaml && cd plain &&
	mkdir -p records/weekly && weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md &&
	GIT_CEILING_DIRECTORIES=$PWD/.. "$FLOWREC" due --today 2026-03-04 --format json > out 2> err &&
	echo "flowrec: warning: not a git repository: '\''$PWD'\'': on-time facts need the git history" > want &&
	test_cmp want err &&
	test_must_fail grep -q "W-ONTIME\|W-MIDWEEK" out && grep -q "\"on_time\": \[\]" out &&
	test_expect_code 2 "$FLOWREC" due --today 2026-13-01 2> err && grep -q "today" err &&
	test_expect_code 2 "$FLOWREC" due --format xml 2> err && grep -q "format" err &&
	test_expect_code 2 "$FLOWREC" due extra 2> err &&
	cd .. && new_team r && cd r &&
	test_expect_code 2 "$FLOWREC" due --rev nosuch 2> err &&
	echo "flowrec: unknown revision '\''nosuch'\''" > want && test_cmp want err
'

test_done
