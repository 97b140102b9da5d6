#!/bin/sh
# t-report.sh - `flowrec report`: figures and roll-ups computed by hand, filters, formats,
# alignment by display width, usage errors, and a run over the example repository.
#
# Every case builds a small team repository (tests/rules/team.yaml as flowrec.yaml) with
# records written below, runs the real binary and compares with values worked out by hand
# (DOMAIN.md section 2: rate = actual / target, lower-is-better max(0, 2 - actual / target),
# a person's rate the weighted mean, the team's the mean of the known person rates).
set -u
: "${FLOWREC:?}" "${TESTS:?}"
. "$TESTS/lib.sh"
EXAMPLES=$(cd "$TESTS/.." && pwd)/examples

# ---- records ----

make_team() {
	mkdir -p records && cp "$TESTS/rules/team.yaml" flowrec.yaml
}

# The meeting of 2026-W10, reporting the tasks of W09:
#   李娜  回款 18/30 = 0.6 (flagged, with reason), 拜访客户 5/5 = 1  -> (0.6 + 1) / 2 = 0.8
#   王强  库存 lower, weight 2: 2 - 150/100 = 0.5 (flagged), 新客户 4/4 = 1
#         -> (2 x 0.5 + 1) / 3 = 0.6667
#   张伟  nothing reported -> null, 回款 unreported
#   team  (0.8 + 0.6667) / 2 = 0.7333
write_w10() {
	mkdir -p records/weekly && cat > records/weekly/2026-W10.md <<'EOF'
---
kind: weekly-meeting
week: 2026-W10
date: 2026-03-02
started: "09:20"
minutes: 55
host: 李娜
attendees: [王经理, 李娜, 王强, 张伟, 刘芳, 孙丽, 周杰]
reports:
  - person: 李娜
    last_week:
      - {task: 回款, target: 30, unit: 万元, actual: 18, reason: 两家客户付款延期}
      - {task: 拜访客户, target: 5, unit: 家, actual: 5}
    this_week:
      - {task: 拜访重点客户, target: 5, unit: 家}
      - {task: 回款, target: 25, unit: 万元}
      - {task: 红黄牌产品销售, target: 40, unit: 台}
  - person: 王强
    last_week:
      - {task: 库存, target: 100, unit: 台, actual: 150, better: lower, weight: 2, reason: 到货提前}
      - {task: 新客户, target: 4, unit: 家, actual: 4}
    this_week:
      - {task: 拜访重点客户, target: 5, unit: 家}
      - {task: 回款, target: 20, unit: 万元}
      - {task: 新客户, target: 3, unit: 家}
  - person: 张伟
    last_week:
      - {task: 回款, target: 10, unit: 万元}
    this_week:
      - {task: 拜访重点客户, target: 4, unit: 家}
      - {task: 回款, target: 15, unit: 万元}
      - {task: 铺货, target: 30, unit: 台}
departments:
  - {department: 财务部, head: 刘芳, tasks: [{task: 完成3月对账, owner: 刘芳, due: 2026-03-06}]}
  - {department: 物流部, head: 孙丽, tasks: [{task: 新品入库, owner: 孙丽, due: 2026-03-04}]}
  - {department: 售后部, head: 周杰, tasks: [{task: 回访10家客户, owner: 周杰, due: 2026-03-06}]}
company: [{task: 新品X1上市准备, owner: 王经理}]
---
周例会纪要。
EOF
}

# The meeting of 2026-W14 (Monday 2026-03-30, still March), reporting W13: 李娜 12/10 = 1.2.
write_w14() {
	mkdir -p records/weekly && cat > records/weekly/2026-W14.md <<'EOF'
---
kind: weekly-meeting
week: 2026-W14
date: 2026-03-30
started: "09:10"
minutes: 40
host: 王强
attendees: [王经理, 李娜]
reports:
  - person: 李娜
    last_week:
      - {task: 铺货, target: 10, unit: 台, actual: 12}
    this_week:
      - {task: 拜访重点客户, target: 5, unit: 家}
      - {task: 回款, target: 25, unit: 万元}
      - {task: 红黄牌产品销售, target: 40, unit: 台}
---
EOF
}

# 李娜's plan for April summarises March: 销售额 98/120 = 0.8167, 回款 60/100 = 0.6 (flagged)
#   -> (0.81667 + 0.6) / 2 = 0.7083
write_monthly() {
	mkdir -p records/monthly/2026-04 && cat > records/monthly/2026-04/李娜.md <<'EOF'
---
kind: monthly-plan
person: 李娜
month: 2026-04
summary:
  metrics:
    - {name: 销售额, unit: 万元, target: 120, actual: 98}
    - {name: 回款, unit: 万元, target: 100, actual: 60, reason: 两家客户账期延长至60天}
  highlight: 拿下苏州新科首单80万元
  lowlight: 回款只完成60%
plan:
  metrics:
    - {name: 销售额, unit: 万元, target: 130, measures: [每周拜访重点客户5家]}
  golden_page:
    - {action: 4月10日前与华信科技签订季度返利协议, owner: 李娜, due: 2026-04-10}
  blank_sheet:
    - {role: 销售代表, person: 李娜, action: 4月15日前完成3家新客户首单, due: 2026-04-15}
---
EOF
}

# Cards of W10 (red deadline 2026-03-08, yellow 2026-03-15) and W13 (yellow 2026-04-05):
#   A1 red    40, sold out 03-05            -> done,    1.0
#   B2 yellow 10, sold out 03-20            -> late,    1.0
#   C3 red    50, 20 sold, today 03-31      -> overdue, 0.4
#   D4 yellow 30, 10 sold, deadline 04-05   -> open,    0.3333
write_cards() {
	mkdir -p records/cards && cat > records/cards/2026-W10.md <<'EOF'
---
kind: cards
week: 2026-W10
confirmed: 2026-03-02
products:
  - {sku: A1, name: A1 笔记本, card: red, quantity: 40, price: 3999, partner_price: 4299, assignees: [李娜],
     tracking: [{date: 2026-03-02, sold: 0}, {date: 2026-03-05, sold: 40}]}
  - {sku: B2, name: B2 平板, card: yellow, quantity: 10, price: 1999, partner_price: 2199, assignees: [王强],
     tracking: [{date: 2026-03-02, sold: 2}, {date: 2026-03-20, sold: 10}]}
  - {sku: C3, name: C3 键盘, card: red, quantity: 50, price: 99, partner_price: 129, assignees: [张伟, 李娜],
     tracking: [{date: 2026-03-02, sold: 20}]}
---
EOF
	cat > records/cards/2026-W13.md <<'EOF'
---
kind: cards
week: 2026-W13
confirmed: 2026-03-23
products:
  - {sku: D4, name: D4 显示器, card: yellow, quantity: 30, price: 999, partner_price: 1099, assignees: [王强],
     tracking: [{date: 2026-03-23, sold: 10}]}
---
EOF
}

# Scorecards: 华信科技 2026-03: 40x85 + 30x90 + 30x70 = 82 (good);
#   联创办公 2026-03: 50x96 + 50x94 = 95 (excellent);
#   金桥数码 2026-02: 50 (improve), then 2026-03: 60 (pass, the latest wins)
write_scorecard() { # PARTNER CLASS MONTH SCORE1 SCORE2 SCORE3 NOTIFIED (weights 40/30/30)
	mkdir -p "records/partners/$3" && cat > "records/partners/$3/$1.md" <<EOF
---
kind: partner-scorecard
partner: $1
class: $2
month: $3
scorer: 李娜
factors:
  - {name: 销售增长, weight: 40, score: $4}
  - {name: 回款及时, weight: 30, score: $5}
  - {name: 新品推广, weight: 30, score: $6}
reviewed: {by: 王经理, date: $7}
notified: {date: $7, written: true, verbal: true}
---
EOF
}
write_partners() {
	write_scorecard 华信科技 A 2026-03 85 90 70 2026-04-01 &&
	write_scorecard 联创办公 A 2026-03 95 95 95 2026-04-01 &&
	write_scorecard 金桥数码 A 2026-02 50 50 50 2026-03-02 &&
	write_scorecard 金桥数码 A 2026-03 60 60 60 2026-04-01
}

# ---- helpers ----

# json_block KEY < JSON: the lines of the report's top-level KEY (pretty-printed, two spaces).
json_block() {
	awk -v k="  \"$1\": " 'index($0, k) == 1 { on = 1; print; next }
		on && /^(  "|})/ { exit } on { print }'
}

# The values of some keys inside a JSON block, one "key": value a line, indentation and
# trailing commas dropped: picks KEY... < JSON
picks() {
	pat=$(printf '%s|' "$@")
	sed 's/^ *//; s/,$//' | grep -E "^\"(${pat%|})\": "
}

# Every table of a text report has rows of one display width: lines starting with two spaces
# and a non-space are table rows; a table ends at any other line.
tables_aligned() {
	awk '/^  [^ (]/ { print t "\t" $0; next } { t++ }' "$1" > rows &&
	while IFS='	' read -r t line; do
		printf '%s %s\n' "$t" "$(printf '%s' "$line" | wc -L)"
	done < rows | sort -u > widths &&
	test -s widths &&
	cut -d' ' -f1 widths | uniq -d > twice &&
	if test -s twice; then
		echo "tables with rows of different widths:" && cat twice && cat "$1"
		return 1
	fi
}

# ---- figures in JSON ----

test_case "json-weekly-rates-by-hand" '
	make_team && write_w10 &&
	$FLOWREC report --format json --today 2026-03-31 >out 2>err &&
	test ! -s err &&
	json_block weeks <out >weeks &&
	cat >expect <<-\EOF &&
	  "weeks": [
	    {
	      "week": "2026-W09",
	      "path": "records/weekly/2026-W10.md",
	      "team_rate": 0.7333,
	      "people": [
	        {
	          "person": "李娜",
	          "rate": 0.8000,
	          "path": "records/weekly/2026-W10.md"
	        },
	        {
	          "person": "王强",
	          "rate": 0.6667,
	          "path": "records/weekly/2026-W10.md"
	        },
	        {
	          "person": "张伟",
	          "rate": null,
	          "path": "records/weekly/2026-W10.md"
	        }
	      ]
	    }
	  ],
	EOF
	test_cmp expect weeks
'

test_case "json-records-contract-weekly" '
	make_team && write_w10 &&
	$FLOWREC report --format json --today 2026-03-31 >out &&
	head -n 1 out | grep -qx "{" &&
	json_block records <out | picks path kind team_rate person rate flagged unreported >got &&
	cat >expect <<-\EOF &&
	"path": "records/weekly/2026-W10.md"
	"kind": "weekly-meeting"
	"person": "李娜"
	"team_rate": 0.7333
	"person": "李娜"
	"rate": 0.8000
	"flagged": ["回款"]
	"unreported": []
	"person": "王强"
	"rate": 0.6667
	"flagged": ["库存"]
	"unreported": []
	"person": "张伟"
	"rate": null
	"flagged": []
	"unreported": ["回款"]
	EOF
	test_cmp expect got
'

test_case "json-monthly-rates-by-summarised-month" '
	make_team && write_monthly &&
	$FLOWREC report --format json --today 2026-03-31 >out 2>err &&
	test ! -s err &&
	json_block months <out | picks month team_rate person rate >got &&
	cat >expect <<-\EOF &&
	"month": "2026-03"
	"team_rate": 0.7083
	"person": "李娜"
	"rate": 0.7083
	EOF
	test_cmp expect got &&
	json_block records <out | picks rate flagged >got &&
	printf "%s\n" "\"rate\": 0.7083" "\"flagged\": [\"回款\"]" >expect &&
	test_cmp expect got
'

test_case "json-flagged-deviations" '
	make_team && write_w10 && write_monthly &&
	$FLOWREC report --format json --today 2026-03-31 >out &&
	json_block flagged <out | picks line period person item target actual rate deviation reason >got &&
	cat >expect <<-\EOF &&
	"line": 12
	"period": "2026-W09"
	"person": "李娜"
	"item": "回款"
	"target": 30
	"actual": 18
	"rate": 0.6000
	"deviation": -0.4000
	"reason": "两家客户付款延期"
	"line": 20
	"period": "2026-W09"
	"person": "王强"
	"item": "库存"
	"target": 100
	"actual": 150
	"rate": 0.5000
	"deviation": -0.5000
	"reason": "到货提前"
	"line": 8
	"period": "2026-03"
	"person": "李娜"
	"item": "回款"
	"target": 100
	"actual": 60
	"rate": 0.6000
	"deviation": -0.4000
	"reason": "两家客户账期延长至60天"
	EOF
	test_cmp expect got
'

test_case "json-exactly-thirty-percent-is-not-flagged" '
	make_team && mkdir -p records/weekly && cat >records/weekly/2026-W10.md <<-\EOF &&
	---
	kind: weekly-meeting
	week: 2026-W10
	date: 2026-03-02
	started: "09:00"
	minutes: 30
	host: 李娜
	attendees: [李娜]
	reports:
	  - person: 李娜
	    last_week:
	      - {task: 回款, target: 10, unit: 万元, actual: 7}
	      - {task: 铺货, target: 10, unit: 台, actual: 13}
	    this_week:
	      - {task: a, target: 1, unit: 家}
	      - {task: b, target: 1, unit: 家}
	      - {task: c, target: 1, unit: 家}
	---
	EOF
	$FLOWREC report --format json --today 2026-03-31 >out &&
	json_block flagged <out >got &&
	echo "  \"flagged\": []," >expect &&
	test_cmp expect got &&
	json_block weeks <out | picks team_rate >got &&
	echo "\"team_rate\": 1.0000" >expect &&
	test_cmp expect got
'

test_case "json-nothing-reported-is-null" '
	make_team && mkdir -p records/weekly && cat >records/weekly/2026-W10.md <<-\EOF &&
	---
	kind: weekly-meeting
	week: 2026-W10
	date: 2026-03-02
	started: "09:00"
	minutes: 30
	host: 李娜
	attendees: [李娜]
	reports:
	  - person: 李娜
	    last_week:
	      - {task: 回款, target: 10, unit: 万元}
	    this_week:
	      - {task: a, target: 1, unit: 家}
	      - {task: b, target: 1, unit: 家}
	      - {task: c, target: 1, unit: 家}
	---
	EOF
	$FLOWREC report --format json --today 2026-03-31 >out &&
	json_block weeks <out | picks team_rate rate >got &&
	printf "%s\n" "\"team_rate\": null" "\"rate\": null" >expect &&
	test_cmp expect got &&
	$FLOWREC report --today 2026-03-31 >text &&
	grep -q "^  2026-W09  *-  *-$" text
'

test_case "json-cards-status-and-sell-through" '
	make_team && write_cards &&
	$FLOWREC report --format json --today 2026-03-31 >out 2>err &&
	test ! -s err &&
	json_block cards <out | picks sku sell_through status deadline >got &&
	cat >expect <<-\EOF &&
	"sku": "A1"
	"sell_through": 1.0000
	"status": "done"
	"deadline": "2026-03-08"
	"sku": "B2"
	"sell_through": 1.0000
	"status": "late"
	"deadline": "2026-03-15"
	"sku": "C3"
	"sell_through": 0.4000
	"status": "overdue"
	"deadline": "2026-03-08"
	"sku": "D4"
	"sell_through": 0.3333
	"status": "open"
	"deadline": "2026-04-05"
	EOF
	test_cmp expect got
'

test_case "json-cards-open-before-the-deadline" '
	make_team && write_cards &&
	$FLOWREC report --format json --today 2026-03-08 >out &&
	json_block cards <out | picks sku status >got &&
	printf "%s\n" "\"sku\": \"A1\"" "\"status\": \"done\"" "\"sku\": \"B2\"" "\"status\": \"late\"" \
		"\"sku\": \"C3\"" "\"status\": \"open\"" "\"sku\": \"D4\"" "\"status\": \"open\"" >expect &&
	test_cmp expect got
'

test_case "json-partners-latest-ranked-with-grade" '
	make_team && write_partners &&
	$FLOWREC report --format json --today 2026-04-02 >out 2>err &&
	test ! -s err &&
	json_block partners <out | picks partner month score grade >got &&
	cat >expect <<-\EOF &&
	"partner": "联创办公"
	"month": "2026-03"
	"score": 95
	"grade": "excellent"
	"partner": "华信科技"
	"month": "2026-03"
	"score": 82
	"grade": "good"
	"partner": "金桥数码"
	"month": "2026-03"
	"score": 60
	"grade": "pass"
	EOF
	test_cmp expect got
'

test_case "json-records-sorted-by-path" '
	make_team && write_w14 && write_w10 && write_monthly && write_cards && write_partners &&
	$FLOWREC report --format json --today 2026-03-31 >out &&
	json_block records <out | sed -n "s/^      \"path\": \"\(.*\)\",$/\1/p" >paths &&
	test "$(wc -l <paths)" -eq 9 &&
	LC_ALL=C sort paths >sorted &&
	test_cmp sorted paths
'

# ---- filters ----

test_case "period-month-quarter-week" '
	make_team && write_w10 && write_w14 && write_monthly &&
	$FLOWREC report --format json --period 2026-03 --today 2026-03-31 >out &&
	json_block records <out | picks path >got &&
	printf "%s\n" "\"path\": \"records/weekly/2026-W10.md\"" "\"path\": \"records/weekly/2026-W14.md\"" >expect &&
	test_cmp expect got &&
	json_block weeks <out | picks week >got &&
	printf "%s\n" "\"week\": \"2026-W09\"" "\"week\": \"2026-W13\"" >expect &&
	test_cmp expect got &&
	$FLOWREC report --format json --period 2026-W10 --today 2026-03-31 >out &&
	json_block records <out | picks path >got &&
	echo "\"path\": \"records/weekly/2026-W10.md\"" >expect &&
	test_cmp expect got &&
	$FLOWREC report --format json --period 2026-Q2 --today 2026-03-31 >out &&
	json_block records <out | picks path >got &&
	echo "\"path\": \"records/monthly/2026-04/李娜.md\"" >expect &&
	test_cmp expect got &&
	json_block months <out | picks month >got &&
	echo "\"month\": \"2026-03\"" >expect &&
	test_cmp expect got &&
	$FLOWREC report --format json --period 2026-Q1 --today 2026-03-31 >out &&
	json_block records <out | picks path >got &&
	printf "%s\n" "\"path\": \"records/weekly/2026-W10.md\"" "\"path\": \"records/weekly/2026-W14.md\"" >expect &&
	test_cmp expect got
'

test_case "person-filter-keeps-team-rate" '
	make_team && write_w10 && write_cards && write_partners &&
	$FLOWREC report --format json --person 王强 --today 2026-03-31 >out &&
	json_block records <out | picks path team_rate person rate >got &&
	cat >expect <<-\EOF &&
	"path": "records/cards/2026-W10.md"
	"person": null
	"path": "records/cards/2026-W13.md"
	"person": null
	"path": "records/weekly/2026-W10.md"
	"person": "李娜"
	"team_rate": 0.7333
	"person": "王强"
	"rate": 0.6667
	EOF
	test_cmp expect got &&
	json_block weeks <out | picks team_rate person rate >got &&
	printf "%s\n" "\"team_rate\": 0.7333" "\"person\": \"王强\"" "\"rate\": 0.6667" >expect &&
	test_cmp expect got &&
	json_block cards <out | picks sku >got &&
	printf "%s\n" "\"sku\": \"B2\"" "\"sku\": \"D4\"" >expect &&
	test_cmp expect got &&
	json_block flagged <out | picks person >got &&
	echo "\"person\": \"王强\"" >expect &&
	test_cmp expect got &&
	json_block partners <out >got &&
	echo "  \"partners\": []" >expect &&
	test_cmp expect got
'

test_case "kind-filter" '
	make_team && write_w10 && write_cards &&
	$FLOWREC report --format json --kind cards --today 2026-03-31 >out &&
	json_block records <out | picks kind | sort -u >got &&
	echo "\"kind\": \"cards\"" >expect &&
	test_cmp expect got &&
	json_block weeks <out >got &&
	echo "  \"weeks\": []," >expect &&
	test_cmp expect got &&
	$FLOWREC report --kind cards --today 2026-03-31 >text &&
	grep -q "^红黄牌产品$" text &&
	! grep -q "^周达成率$" text
'

# ---- usage errors ----

test_case "bad-period-exits-2" '
	make_team &&
	for p in 2026-13 2026-Q5 2026-W54 2026 March 2026-3; do
		test_expect_code 2 $FLOWREC report --period "$p" >out 2>err &&
		test ! -s out &&
		head -n 1 err | grep -q "^flowrec report: --period wants a month (2026-03), an ISO week (2026-W10) or a quarter (2026-Q1), not .$p.$" ||
		return 1
	done
'

test_case "bad-format-kind-person-exit-2" '
	make_team &&
	test_expect_code 2 $FLOWREC report --format xml 2>err &&
	head -n 1 err | grep -q "^flowrec report: --format is text, csv, json or md, not .xml.$" &&
	test_expect_code 2 $FLOWREC report --kind weekly 2>err &&
	grep -q "unknown kind .weekly." err &&
	test_expect_code 2 $FLOWREC report --person 路人甲 2>err &&
	grep -q "路人甲" err &&
	test_expect_code 2 $FLOWREC report --today 2026-02-30 2>err &&
	test_expect_code 2 $FLOWREC report stray 2>err &&
	test_expect_code 2 $FLOWREC report --bogus 2>err
'

test_case "help-documents-csv" '
	$FLOWREC report --help >out &&
	grep -q "period,person,rate,on_time,judged,on_time_rate" out &&
	grep -q -- "--period" out && grep -q -- "--person" out && grep -q -- "--kind" out
'

test_case "outside-a-team-exits-2" '
	test_expect_code 2 $FLOWREC report 2>err &&
	grep -q "flowrec.yaml" err
'

# ---- errors in records: one line, still a report ----

test_case "records-with-errors-one-line-and-still-report" '
	make_team && write_w10 && mkdir -p records/weekly &&
	sed "s/, reason: 到货提前//" records/weekly/2026-W10.md >x && mv x records/weekly/2026-W10.md &&
	printf "no front matter\n" >records/weekly/junk.md &&
	$FLOWREC report --format json --today 2026-03-31 >out 2>err &&
	echo "flowrec: 2 records have errors; run '\''flowrec check'\''" >expect &&
	test_cmp expect err &&
	json_block weeks <out | picks team_rate >got &&
	echo "\"team_rate\": 0.7333" >expect &&
	test_cmp expect got &&
	json_block records <out | picks valid >got &&
	echo "\"valid\": false" >expect &&
	test_cmp expect got
'

test_case "malformed-records-do-not-crash" '
	make_team && mkdir -p records/weekly records/cards records/partners records/monthly &&
	printf -- "---\nkind: weekly-meeting\nweek: 2026-W10\nreports: 5\n---\n" >records/weekly/a.md &&
	printf -- "---\nkind: weekly-meeting\nweek: 2026-W11\nreports: [1, x, {person: [1]}, {person: 李娜, last_week: [1, {task: t, target: x, actual: 1}, {task: u, target: 0, actual: 3}, {task: v, target: 4, actual: 4, weight: -2, better: 7}]}]\n---\n" >records/weekly/b.md &&
	printf -- "---\nkind: weekly-meeting\nweek: nope\n---\n" >records/weekly/c.md &&
	printf -- "---\nkind: cards\nweek: 2026-W10\nproducts: [x, {sku: 1, card: blue, quantity: -1, tracking: 3}, {card: red, quantity: 5, tracking: [{sold: x}, {date: 2026-99-01, sold: 9}]}]\n---\n" >records/cards/a.md &&
	printf -- "---\nkind: partner-scorecard\npartner: [x]\nfactors: 1\n---\n" >records/partners/a.md &&
	printf -- "---\nkind: partner-scorecard\npartner: 甲\nmonth: 7\nfactors: [{weight: x}]\n---\n" >records/partners/b.md &&
	printf -- "---\nkind: monthly-plan\nperson: 李娜\nmonth: 2026-04\nsummary: [1]\n---\n" >records/monthly/a.md &&
	printf -- "---\n- just\n- a list\n---\n" >records/monthly/b.md &&
	printf -- "---\nkind: [weekly-meeting]\n---\n" >records/monthly/c.md &&
	printf -- "---\nkind: nonsense\n---\n" >records/monthly/d.md &&
	for f in text json csv md; do
		$FLOWREC report --format $f --today 2026-03-31 >out.$f 2>err.$f &&
		grep -q "records have errors" err.$f || return 1
	done &&
	tables_aligned out.text &&
	json_block weeks <out.json | picks week team_rate rate >got &&
	cat >expect <<-\EOF &&
	"week": "2026-W09"
	"team_rate": null
	"week": "2026-W10"
	"team_rate": 1.0000
	"rate": 1.0000
	EOF
	test_cmp expect got
'

# ---- text, CSV, Markdown ----

test_case "text-tables-aligned-by-display-width" '
	make_team && write_w10 && write_w14 && write_monthly && write_cards && write_partners &&
	$FLOWREC report --today 2026-03-31 >out 2>err &&
	test ! -s err &&
	tables_aligned out &&
	grep -q "^  2026-W09   73.3%   80.0%  66.7%     -$" out &&
	grep -q "^  2026-W13  120.0%  120.0%      -     -$" out
'

test_case "text-partners-table-exact" '
	make_team && write_partners &&
	$FLOWREC report --kind partner-scorecard --today 2026-04-02 >out &&
	cat >expect <<-\EOF &&
	测试销售部: 报告
	期间: 全部
	类型: partner-scorecard
	今天: 2026-04-02

	合作伙伴绩效

	  排名  合作伙伴  类别  月份     得分  等级
	  ----  --------  ----  -------  ----  ----
	     1  联创办公  A     2026-03    95  优秀
	     2  华信科技  A     2026-03    82  良好
	     3  金桥数码  A     2026-03    60  合格
	EOF
	test_cmp expect out
'

test_case "text-flagged-with-reasons-and-lines" '
	make_team && write_w10 &&
	$FLOWREC report --kind weekly-meeting --today 2026-03-31 >out &&
	sed -n "/^偏差超过阈值的事项$/,\$p" out | sed "s/ *\$//" >got &&
	cat >expect <<-\EOF &&
	偏差超过阈值的事项

	  期间      人员  事项  目标  实际  单位  达成率    偏差  原因              位置
	  --------  ----  ----  ----  ----  ----  ------  ------  ----------------  -----------------------------
	  2026-W09  李娜  回款    30    18  万元   60.0%  -40.0%  两家客户付款延期  records/weekly/2026-W10.md:12
	  2026-W09  王强  库存   100   150  台     50.0%  -50.0%  到货提前          records/weekly/2026-W10.md:20
	EOF
	test_cmp expect got
'

test_case "text-english-locale" '
	make_team && sed "s/^locale: zh-CN/locale: en/" flowrec.yaml >x && mv x flowrec.yaml &&
	write_w10 && write_cards &&
	$FLOWREC report --today 2026-03-31 >out &&
	grep -q "^Achievement by week$" out &&
	grep -q "^Red and yellow cards$" out &&
	grep -q "^Flagged deviations$" out &&
	grep -q "^  2026-W10  C3   C3 键盘    red card           50    20         40.0%  overdue  2026-03-08  张伟, 李娜$" out &&
	grep -q " overdue " out &&
	tables_aligned out
'

test_case "csv-rates-table" '
	make_team && write_w10 && write_monthly &&
	$FLOWREC report --format csv --today 2026-03-31 >out 2>err &&
	test ! -s err &&
	cat >expect <<-\EOF &&
	period,person,rate,on_time,judged,on_time_rate
	2026-W09,,0.7333,,,
	2026-W09,李娜,0.8000,,,
	2026-W09,王强,0.6667,,,
	2026-W09,张伟,,,,
	2026-03,,0.7083,,,
	2026-03,李娜,0.7083,,,
	EOF
	test_cmp expect out &&
	$FLOWREC report --format csv --person 李娜 --today 2026-03-31 >out &&
	grep -v 王强 expect | grep -v 张伟 >expect2 &&
	test_cmp expect2 out
'

test_case "markdown-gfm-tables" '
	make_team && write_w10 && write_partners &&
	$FLOWREC report --format md --today 2026-03-31 >out &&
	grep -q "^# 测试销售部: 报告$" out &&
	grep -q "^## 周达成率$" out &&
	grep -q "^## 合作伙伴绩效$" out &&
	grep -q "^| ---: | -------- | ---- | ------- | ---: | ---- |$" out &&
	grep -q "^|    1 | 联创办公 | A    | 2026-03 |   95 | 优秀 |$" out &&
	grep -q "^| 2026-W09 | 73.3% | 80.0% | 66.7% |    - |$" out
'

test_case "empty-repository" '
	make_team &&
	$FLOWREC report --today 2026-03-31 >out 2>err &&
	test ! -s err &&
	grep -q "^  (无数据)$" out &&
	$FLOWREC report --format json --today 2026-03-31 >out &&
	json_block records <out >got &&
	echo "  \"records\": []," >expect &&
	test_cmp expect got &&
	$FLOWREC report --format csv --today 2026-03-31 >out &&
	echo "period,person,rate,on_time,judged,on_time_rate" >expect &&
	test_cmp expect out
'

# ---- the example repository ----

# Run from the example repository; outputs go to the case's folder, never into examples/.
in_examples() {
	(cd "$EXAMPLES" && "$FLOWREC" "$@")
}

test_case "examples-report-every-section" '
	test -f "$EXAMPLES/flowrec.yaml" &&
	in_examples report --today 2026-03-31 >out 2>err &&
	test ! -s err &&
	for h in 周达成率 月达成率 偏差超过阈值的事项 红黄牌产品 合作伙伴绩效 产品运营计划 渠道服务 新客户启动 会议 流程; do
		grep -q "^$h$" out || { echo "no section $h"; return 1; }
	done &&
	! grep -q "(无数据)" out &&
	tables_aligned out
'

test_case "examples-json-rates-have-four-decimals" '
	test -f "$EXAMPLES/flowrec.yaml" &&
	in_examples report --format json --today 2026-03-31 >out &&
	grep -E "\"(rate|team_rate|sell_through|sales_rate|profit_rate|action_completion|review_score)\": " out |
		sed "s/^ *//; s/,$//" | grep -vE ": (null|-?[0-9]+\.[0-9]{4})$" >bad
	test ! -s bad || { cat bad; return 1; }
	json_block records <out | sed -n "s/^      \"path\": \"\(.*\)\",$/\1/p" >paths &&
	test "$(wc -l <paths)" -gt 50 &&
	LC_ALL=C sort paths >sorted &&
	test_cmp sorted paths
'

test_case "examples-filters-and-formats" '
	test -f "$EXAMPLES/flowrec.yaml" &&
	for p in 2026-Q1 2026-01 2026-03 2026-W10; do
		in_examples report --period $p --today 2026-03-31 >out.$p 2>err &&
		test ! -s err && tables_aligned out.$p || return 1
	done &&
	in_examples report --format md --person 李娜 --today 2026-03-31 >out.md &&
	grep -q "^| 2026-W10 |" out.md &&
	in_examples report --format csv --today 2026-03-31 >out.csv &&
	head -n 1 out.csv | grep -qx "period,person,rate,on_time,judged,on_time_rate" &&
	test "$(grep -c ",李娜," out.csv)" -gt 10
'

test_done
