#!/bin/sh
# t-calendar.sh - `flowrec calendar`: the process deadlines of the example team as iCalendar,
# read by a real parser (python3-icalendar, tests/calendar/check.py) and checked against the
# handbook's deadlines computed there on their own; folding, CRLF, stable UIDs, --person, the
# team's language, -o written whole, the errors.
. "$TESTS/lib.sh"
EXAMPLES="$TESTS/../examples"
CHECK="/usr/bin/python3 $TESTS/calendar/check.py"

# example DIR: a git repository holding a copy of the example team
example() {
	mkdir "$1" && cp -r "$EXAMPLES/flowrec.yaml" "$EXAMPLES/records" "$1/" &&
	(cd "$1" && git init -q && git add . && git commit -q -m team)
}

test_case "march-2026-the-handbook-deadlines-and-what-the-records-owe" '
	example t && cd t &&
	$FLOWREC calendar --from 2026-03-01 --to 2026-03-31 >cal.ics &&
	$CHECK cal.ics --team . --from 2026-03-01 --to 2026-03-31 >report && cat report &&
	n=$(grep -c "^BEGIN:VEVENT" cal.ics) && test "$n" -gt 20 &&
	grep -q "^$n events, " report &&
	grep -q "^CATEGORIES:cards" cal.ics && grep -q "^CATEGORIES:onboarding" cal.ics &&
	grep -q "^CATEGORIES:meeting" cal.ics
'

test_case "ranges-across-a-new-year-and-a-whole-quarter" '
	example t && cd t &&
	$FLOWREC calendar --from 2025-12-15 --to 2026-02-10 >a.ics &&
	$CHECK a.ics --team . --from 2025-12-15 --to 2026-02-10 &&
	$FLOWREC calendar --from 2026-01-01 --to 2026-04-30 >b.ics &&
	$CHECK b.ics --team . --from 2026-01-01 --to 2026-04-30
'

test_case "default-range-is-this-month-and-next" '
	example t && cd t &&
	$FLOWREC calendar --today 2026-03-15 >cal.ics &&
	$CHECK cal.ics --team . --from 2026-03-01 --to 2026-04-30 &&
	grep -q "^DTSTART;VALUE=DATE:20260301" cal.ics && grep -q "^DTSTART;VALUE=DATE:20260430" cal.ics &&
	$FLOWREC calendar --today 2026-03-15 --from 2026-12-01 >dec.ics &&
	$CHECK dec.ics --team . --from 2026-12-01 --to 2027-01-31
'

test_case "person-gets-own-deadlines-and-the-whole-teams" '
	example t && cd t &&
	for p in $(sed -n "s/^  - {name: \([^,]*\),.*/\1/p" flowrec.yaml); do
		$FLOWREC calendar --from 2026-02-20 --to 2026-04-10 --person "$p" >"$p.ics" &&
		$CHECK "$p.ics" --team . --from 2026-02-20 --to 2026-04-10 --person "$p" || exit 1
	done &&
	test $(grep -c "^BEGIN:VEVENT" 刘芳.ics) -lt $(grep -c "^BEGIN:VEVENT" 李娜.ics) &&
	grep -q "^X-WR-CALNAME:.*(李娜)" 李娜.ics
'

test_case "lines-folded-at-75-octets-between-utf8-characters-and-CRLF" '
	example t && cd t &&
	long="X1首批铺货50台并在三月底之前完成华东区全部重点门店的陈列整改和店员培训以及促销物料的配送" &&
	sed -i "s/{decision: X1首批铺货50台,/{decision: $long,/" records/meetings/2026-03-05-新品上市准备会.md &&
	grep -q "$long" records/meetings/2026-03-05-新品上市准备会.md &&
	$FLOWREC calendar --from 2026-03-01 --to 2026-03-31 >cal.ics &&
	$CHECK cal.ics --team . --from 2026-03-01 --to 2026-03-31 >report && cat report &&
	! grep -q "^[0-9]* events, 0 folded" report &&
	! grep -q "$long" cal.ics &&
	tr -d "\r" <cal.ics | sed -n "/^SUMMARY:决策/{N;N;s/\n //g;p}" | grep -q "$long"
'

test_case "uids-stable-across-runs-and-edits-of-other-records" '
	example t && cd t &&
	$FLOWREC calendar --from 2026-03-01 --to 2026-04-30 >one.ics &&
	sleep 1 &&
	$FLOWREC calendar --from 2026-03-01 --to 2026-04-30 >two.ics &&
	$CHECK --uids one.ics >one && $CHECK --uids two.ics >two && test_cmp one two &&
	! cmp -s one.ics two.ics &&
	# another decision before the others, a product added, an unrelated field changed
	sed -i "s/^decisions:$/decisions:\n  - {decision: 新增一项决策, owner: 李娜, due: 2026-03-20, status: open}/" \
		records/meetings/2026-03-19-二季度返利政策讨论会.md &&
	sed -i "s/^minutes: .*/minutes: 58/" records/weekly/2026-W11.md &&
	cp records/onboarding/苏州新科.md records/onboarding/杭州新客.md &&
	sed -i "s/^customer: .*/customer: 杭州新客/; s/^first_pickup: .*/first_pickup: 2026-04-01/" records/onboarding/杭州新客.md &&
	sed -i "/^steps:/,/^---/{/^  /d}; s/^steps:$/steps: {}/" records/onboarding/杭州新客.md &&
	$FLOWREC calendar --from 2026-03-01 --to 2026-04-30 >three.ics &&
	$CHECK three.ics --team . --from 2026-03-01 --to 2026-04-30 &&
	$CHECK --uids three.ics >three &&
	test $(wc -l <three) -gt $(wc -l <one) &&
	comm -23 one three >gone && test_cmp /dev/null gone &&
	grep -q "新增一项决策" three && grep -q "杭州新客" three
'

test_case "a-redated-deadline-keeps-its-uid" '
	example t && cd t &&
	$FLOWREC calendar --from 2026-03-01 --to 2026-03-31 >a.ics &&
	$CHECK --uids a.ics | grep "^card-" >a && test $(wc -l <a) -eq 1 &&
	f=records/cards/2026-W11.md && grep -q "card: yellow" "$f" &&
	sed -i "/sku: H2/,/card:/s/card: yellow/card: red/" "$f" &&
	$FLOWREC calendar --from 2026-03-01 --to 2026-03-31 >b.ics &&
	$CHECK b.ics --team . --from 2026-03-01 --to 2026-03-31 &&
	$CHECK --uids b.ics | grep "^card-" >b &&
	test "$(cut -f1 a)" = "$(cut -f1 b)" && test "$(cut -f2 a)" != "$(cut -f2 b)"
'

test_case "titles-in-the-teams-language-zh-and-en" '
	example t && cd t &&
	$FLOWREC calendar --from 2026-03-01 --to 2026-03-31 >zh.ics &&
	$FLOWREC --lang en calendar --from 2026-03-01 --to 2026-03-31 >en.ics &&
	sed "s/^locale: .*/locale: en/" flowrec.yaml >f && mv f flowrec.yaml &&
	LANGUAGE=zh_CN $FLOWREC calendar --from 2026-03-01 --to 2026-03-31 >team-en.ics &&
	/usr/bin/python3 - <<-EOF
	import icalendar, re
	cjk = re.compile("[\u4e00-\u9fff]")
	def ev(p):
	    c = icalendar.Calendar.from_ical(open(p, "rb").read())
	    # the process deadlines: their titles are flowrec words and a period, no record text
	    return [e for e in c.walk("VEVENT") if re.match("(weekly|monthly|product|scorecard)-", str(e["UID"]))]
	zh, en, ten = ev("zh.ics"), ev("en.ics"), ev("team-en.ics")
	assert len(zh) == len(en) == len(ten) > 20
	assert all(cjk.search(str(e["SUMMARY"])) for e in zh), [str(e["SUMMARY"]) for e in zh]
	for evs in (en, ten):
	    assert all(str(e["SUMMARY"]).isascii() for e in evs), [str(e["SUMMARY"]) for e in evs]
	    assert all(not cjk.search(str(e["DESCRIPTION"]).split("handbook:")[0].split("who:")[0]) for e in evs)
	assert [str(e["UID"]) for e in zh] == [str(e["UID"]) for e in en]
	EOF
'

test_case "times-follow-the-teams-zone-across-a-dst-change" '
	example t && cd t &&
	sed -i "s|^timezone: .*|timezone: Europe/Berlin|; s/^work_start: .*/work_start: \"08:30\"/" flowrec.yaml &&
	$FLOWREC calendar --from 2026-03-16 --to 2026-04-05 >cal.ics &&
	$CHECK cal.ics --team . --from 2026-03-16 --to 2026-04-05 &&
	grep -q "^DTSTART:20260323T110000Z" cal.ics && grep -q "^DTSTART:20260330T100000Z" cal.ics &&
	grep -q "^DTSTART:20260330T063000Z" cal.ics && grep -q "^X-WR-TIMEZONE:Europe/Berlin" cal.ics
'

test_case "output-file-written-whole-and-dtstamp" '
	example t && cd t &&
	SOURCE_DATE_EPOCH=1767225600 $FLOWREC calendar --from 2026-03-01 --to 2026-03-31 >stdout.ics &&
	echo old >out.ics &&
	SOURCE_DATE_EPOCH=1767225600 $FLOWREC calendar --from 2026-03-01 --to 2026-03-31 -o out.ics >printed &&
	test_cmp stdout.ics out.ics && test_cmp /dev/null printed &&
	test $(grep -c "^DTSTAMP:20260101T000000Z" out.ics) -eq $(grep -c "^BEGIN:VEVENT" out.ics) &&
	ls -a >files && ! grep -q tmp files &&
	mkdir dir &&
	test_expect_code 2 $FLOWREC calendar -o dir 2>err && test $(wc -l <err) -eq 1 &&
	ls -a >files && ! grep -q tmp files && test -d dir &&
	test_expect_code 2 $FLOWREC calendar -o nowhere/x.ics 2>err && test $(wc -l <err) -eq 1 &&
	grep -q "nowhere/x.ics" err
'

test_case "usage-errors-one-line-and-exit-2" '
	example t && cd t &&
	test_expect_code 2 $FLOWREC calendar --from 2026-3-1 2>err && grep -q "2026-3-1" err &&
	test $(wc -l <err) -eq 2 && grep -q "try .flowrec calendar --help." err &&
	test_expect_code 2 $FLOWREC calendar --from 2026-03-10 --to 2026-03-01 2>err &&
	test_expect_code 2 $FLOWREC calendar --person 不存在 2>err && grep -q "不存在" err &&
	test_expect_code 2 $FLOWREC calendar --from 2000-01-01 --to 2026-01-01 2>err &&
	test_expect_code 2 $FLOWREC calendar extra 2>err &&
	test_expect_code 2 $FLOWREC --lang zh-CN calendar --to x 2>err && grep -q "try\|请运行" err &&
	$FLOWREC calendar --help >help && grep -q -- "--person NAME" help && grep -q -- "-o FILE" help &&
	cd .. && mkdir empty && cd empty && test_expect_code 2 $FLOWREC calendar 2>err
'

test_done
