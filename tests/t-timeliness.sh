#!/bin/sh
# t-timeliness.sh - on-time facts in `report` (per record `on_time`, per person and period the
# rates `due` computes, in text, Markdown and JSON) and `since:` in flowrec.yaml (deadlines
# before it are judged by none of due, report and the site), in real git repositories.
. "$TESTS/lib.sh"

EXAMPLES=$(cd "$TESTS/../examples" && pwd)
TODAY=2026-01-31

# A team whose config is first committed on 2026-01-05 (new_team), with the minutes of W01
# and W02 committed that morning (W02 on time; W01's deadline, 2025-12-29, is before the team
# started), W03 after its deadline (Monday 2026-01-12 12:00), W04 on time and W05 never
# committed.
weekly_team() {
	new_team "$TRASH/team" && cd "$TRASH/team" && mkdir -p records/weekly &&
	cp "$EXAMPLES"/records/weekly/2026-W0[1-5].md records/weekly/ &&
	git add records/weekly/2026-W01.md records/weekly/2026-W02.md &&
	commit_as lina@example.com 2026-01-05T11:00:00+08:00 "W01 W02" &&
	git add records/weekly/2026-W03.md && commit_as zhangwei@example.com 2026-01-12T15:00:00+08:00 "W03" &&
	git add records/weekly/2026-W04.md && commit_as lina@example.com 2026-01-19T10:00:00+08:00 "W04"
}

# on_time PATH: the record's on_time in report.json
on_time() {
	jq -c ".records[] | select(.path == \"$1\") | .on_time" report.json
}

test_case "report-on-time-per-record" '
	weekly_team &&
	$FLOWREC report --format json --today $TODAY > report.json 2> /dev/null &&
	test "$(on_time records/weekly/2026-W01.md)" = null &&
	test "$(on_time records/weekly/2026-W02.md)" = true &&
	test "$(on_time records/weekly/2026-W03.md)" = false &&
	test "$(on_time records/weekly/2026-W04.md)" = true &&
	test "$(on_time records/weekly/2026-W05.md)" = null &&
	test "$(jq .on_time.history report.json)" = true
'

test_case "report-on-time-rates-are-those-of-due" '
	cd "$TRASH/team" &&
	$FLOWREC due --format json --today $TODAY > due.json &&
	jq -c "[.on_time[] | [.person, .on_time, .total]]" due.json > want &&
	jq -c "[.on_time.people[] | [.person, .on_time, .judged]]" report.json > got &&
	test_cmp want got &&
	test "$(jq "[.on_time[].total] | add" due.json)" = "$(jq .on_time.judged report.json)" &&
	test "$(jq -c "[.on_time.periods[] | .period]" report.json)" = "[\"2026-W02\",\"2026-W03\",\"2026-W04\",\"2026-W05\"]" &&
	test "$(jq -c ".on_time.periods[] | select(.period == \"2026-W03\") | [.on_time, .judged]" report.json)" = "[1,2]" &&
	$FLOWREC report --today $TODAY > report.txt 2> /dev/null &&
	grep -q "^按时率$" report.txt &&
	for row in $(jq -r ".on_time[] | \"\(.person):\(.on_time):\(.total)\"" due.json); do
		IFS=: read -r who ok total <<-EOF
		$row
		EOF
		grep -Eq "^  $who +$ok +$total +" report.txt || { echo "no text row $row"; exit 1; }
	done &&
	$FLOWREC report --format md --today $TODAY 2> /dev/null | grep -Eq "^\| 2026-W03 \| +1 \| +2 \| +50.0% \|$"
'

# CSV: the on-time columns of each period and person are on_time.periods of the JSON (the facts
# `due` judges); the achievement rate stays in the third column; a period with only on-time
# figures (W05: its minutes were never committed) has an empty rate.
test_case "report-on-time-rates-in-csv" '
	cd "$TRASH/team" &&
	$FLOWREC report --format csv --today $TODAY > report.csv 2> /dev/null &&
	head -n 1 report.csv | grep -qx "period,person,rate,on_time,judged,on_time_rate" &&
	jq -r ".on_time.periods[] | (.period + \",,\" + (.on_time|tostring) + \",\" + (.judged|tostring)),
		(.period as \$p | .people[] | \$p + \",\" + .person + \",\" + (.on_time|tostring) + \",\" + (.judged|tostring))" \
		report.json | sort > want &&
	test -s want &&
	python3 -c "
import csv, sys
for r in csv.DictReader(open(\"report.csv\", encoding=\"utf-8\")):
    if r[\"judged\"]:
        ok, n = int(r[\"on_time\"]), int(r[\"judged\"])
        assert abs(float(r[\"on_time_rate\"]) - ok / n) < 1e-4, r
        print(\"%s,%s,%d,%d\" % (r[\"period\"], r[\"person\"], ok, n))
" | sort > got &&
	test_cmp want got &&
	grep -q "^2026-W03,,[0-9.]*,1,2,0.5000$" report.csv &&
	grep -q "^2026-W05,,,0,2,0.0000$" report.csv &&
	jq -r ".weeks[] | select(.team_rate != null) | .week + \",,\" + (.team_rate * 10000 | round | tostring)" report.json |
	while IFS=, read -r w _ r; do
		grep -q "^$w,,$(awk -v r="$r" "BEGIN { printf \"%.4f\", r / 10000 }")," report.csv || { echo "no rate of $w"; exit 1; }
	done
'

# A record's page says whether it was on time, from the same facts: W02's minutes on time,
# W03's late (committed Monday 15:00), W04's on time, W05's never committed; W01's deadline was
# before the team started: nothing judged.
test_case "site-record-pages-say-on-time" '
	cd "$TRASH/team" &&
	$FLOWREC render -o site --today $TODAY 2> /dev/null &&
	grep -q "<li>周例会纪要 2026-W02 <span class=\"badge st-done\">按时</span></li>" site/records/weekly/2026-W02.html &&
	grep -q "<li>周例会纪要 2026-W03 <span class=\"badge st-late\">延期完成</span></li>" site/records/weekly/2026-W03.html &&
	grep -q "<li>周例会纪要 2026-W04 <span class=\"badge st-done\">按时</span></li>" site/records/weekly/2026-W04.html &&
	! grep -q "id=\"on-time\"" site/records/weekly/2026-W01.html &&
	test "$(jq "[.records[] | select(.on_time == false)] | length" report.json)" -eq \
		"$(grep -l "<span class=\"badge st-late\">" site/records/weekly/*.html | wc -l)" &&
	grep -q "周例会纪要 2026-W05（未提交） <span class=\"badge st-overdue\">逾期未提交</span>" site/records/weekly/2026-W05.html
'

test_case "report-on-time-with-filters" '
	cd "$TRASH/team" &&
	$FLOWREC report --format json --person 张伟 --today $TODAY > p.json 2> /dev/null &&
	jq -e "[.on_time.people[].person] | unique == [\"张伟\"] or . == []" p.json > /dev/null &&
	$FLOWREC report --format json --period 2026-W03 --today $TODAY > w.json 2> /dev/null &&
	test "$(jq -c "[.on_time.periods[].period]" w.json)" = "[\"2026-W03\"]"
'

test_case "report-on-time-without-history-is-null" '
	mkdir plain && cp "$TESTS/rules/team.yaml" plain/flowrec.yaml && mkdir -p plain/records/weekly &&
	cp "$EXAMPLES/records/weekly/2026-W02.md" plain/records/weekly/ && cd plain &&
	$FLOWREC report --format json --today $TODAY > r.json 2> /dev/null &&
	test "$(jq -c "[.records[].on_time]" r.json)" = "[null]" &&
	test "$(jq .on_time.history r.json)" = false &&
	! $FLOWREC report --today $TODAY 2> /dev/null | grep -q "按时率"
'

# since: 2026-01-13: the deadlines of W02 (minutes and Thursday follow-up) and W03's minutes
# (2026-01-12 12:00, missed) are no longer judged, anywhere; W03's Thursday follow-up (due
# 2026-01-15, on time) still is, so W03 is on time.
test_case "since-leaves-earlier-deadlines-unjudged" '
	cd "$TRASH/team" &&
	$FLOWREC due --format json --today $TODAY > before.json &&
	jq -e ".items[] | select(.period == \"2026-W03\" or (.what | test(\"2026-W03\")))" before.json > /dev/null &&
	echo "since: 2026-01-13" >> flowrec.yaml && git add flowrec.yaml &&
	commit_as wang@example.com 2026-01-20T09:00:00+08:00 "since" &&
	$FLOWREC check --today $TODAY > /dev/null 2>&1; test $? -ne 2 &&
	$FLOWREC due --format json --today $TODAY > after.json &&
	! jq -e ".items[] | select(.what | test(\"2026-W03\"))" after.json > /dev/null &&
	test "$(jq "[.on_time[].total] | add" after.json)" -eq $(($(jq "[.on_time[].total] | add" before.json) - 3)) &&
	$FLOWREC report --format json --today $TODAY > report.json 2> /dev/null &&
	test "$(on_time records/weekly/2026-W03.md)" = true &&
	test "$(on_time records/weekly/2026-W04.md)" = true &&
	test "$(on_time records/weekly/2026-W02.md)" = null &&
	jq -c "[.on_time[] | [.person, .on_time, .total]]" after.json > want &&
	jq -c "[.on_time.people[] | [.person, .on_time, .judged]]" report.json > got &&
	test_cmp want got &&
	$FLOWREC render -o site --today $TODAY &&
	for row in $(jq -r ".on_time[] | \"\(.person):\(.on_time):\(.total)\"" after.json); do
		who=${row%%:*} rest=${row#*:} &&
		grep -q ">$who</a></td><td class=\"num\">${rest%%:*}</td><td class=\"num\">${rest#*:}</td>" site/index.html ||
			{ echo "site: no on-time row $row"; exit 1; }
	done
'

test_case "since-must-be-a-date" '
	cd "$TRASH/team" &&
	sed -i "s/^since: .*/since: 2026-13-01/" flowrec.yaml &&
	test_must_fail $FLOWREC check --today $TODAY 2> err &&
	grep -q "since" err
'

test_done
