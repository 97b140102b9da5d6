#!/bin/sh
# t-mail.sh - `flowrec mail weekly|monthly`: the minutes as an e-mail, read back with Python's
# email package (tests/mail/check.py): multipart/alternative, plain text then HTML with inline
# styles, UTF-8, RFC 2047 headers, To/Cc from the roster, Date and a stable Message-ID, and the
# figures of `flowrec report --format json`.
. "$TESTS/lib.sh"

TODAY=2026-03-31
EXAMPLES=$(cd "$TESTS/../examples" && pwd)
CHECK="/usr/bin/python3 $TESTS/mail/check.py"

test_case "mail-weekly-latest" '
	cd "$EXAMPLES" &&
	$FLOWREC report --format json --today $TODAY > "$TRASH/report.json" &&
	$FLOWREC mail weekly --today $TODAY > "$TRASH/w13.eml" &&
	$CHECK "$TRASH/w13.eml" "$TRASH/report.json" weekly 2026-W13
'

test_case "mail-weekly-of-a-week-with-a-flagged-task" '
	cd "$EXAMPLES" &&
	$FLOWREC mail weekly --week 2026-W12 --today $TODAY -o "$TRASH/w12.eml" &&
	$CHECK "$TRASH/w12.eml" "$TRASH/report.json" weekly 2026-W12 &&
	$FLOWREC mail weekly --week 2026-W12 --today $TODAY > "$TRASH/w12b.eml" &&
	cmp "$TRASH/w12.eml" "$TRASH/w12b.eml" &&
	test "$(grep "^Message-ID:" "$TRASH/w12.eml")" != "$(grep "^Message-ID:" "$TRASH/w13.eml")" &&
	grep -q "^Message-ID: <weekly.2026-W12." "$TRASH/w12.eml"
'

test_case "mail-check-catches-a-wrong-message" '
	cd "$EXAMPLES" &&
	sed "s/^Date: Mon, 16 Mar 2026/Date: Tue, 17 Mar 2026/" "$TRASH/w12.eml" > "$TRASH/bad.eml" &&
	test_expect_code 1 $CHECK "$TRASH/bad.eml" "$TRASH/report.json" weekly 2026-W12 > "$TRASH/out" &&
	grep -q "Date" "$TRASH/out" &&
	sed "/^Cc:/,/^Subject:/{/^Subject:/!d}" "$TRASH/w12.eml" > "$TRASH/bad2.eml" &&
	test_expect_code 1 $CHECK "$TRASH/bad2.eml" "$TRASH/report.json" weekly 2026-W12 > "$TRASH/out" &&
	grep -q "Cc" "$TRASH/out" &&
	test_expect_code 1 $CHECK "$TRASH/w13.eml" "$TRASH/report.json" weekly 2026-W12 > "$TRASH/out" &&
	grep -q "no rate" "$TRASH/out"
'

test_case "mail-monthly" '
	cd "$EXAMPLES" &&
	$FLOWREC mail monthly --today $TODAY > "$TRASH/m.eml" &&
	$CHECK "$TRASH/m.eml" "$TRASH/report.json" monthly 2026-03 &&
	$FLOWREC mail monthly --month 2026-02 --today $TODAY > "$TRASH/m2.eml" &&
	$CHECK "$TRASH/m2.eml" "$TRASH/report.json" monthly 2026-02
'

test_case "mail-usage-and-missing-records" '
	cd "$EXAMPLES" &&
	test_expect_code 2 $FLOWREC mail &&
	test_expect_code 2 $FLOWREC mail yearly &&
	test_expect_code 2 $FLOWREC mail weekly --week 2026-13 &&
	test_expect_code 2 $FLOWREC mail monthly --week 2026-W12 &&
	test_expect_code 2 $FLOWREC mail weekly --week 2025-W40 --today $TODAY 2> err &&
	grep -q "2025-W40" err &&
	test_expect_code 2 $FLOWREC mail weekly --today $TODAY -o "$TRASH/no/such/dir/x.eml" &&
	! ls "$TRASH/no" 2> /dev/null
'

test_done
