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

# The monthly mail holds each plan as its page does (view-monthly.c): a plan left out of the
# plain text, or a figure changed in it, is caught.
test_case "mail-monthly-check-catches-a-missing-plan" '
	cd "$EXAMPLES" &&
	python3 - "$TRASH/m.eml" "$TRASH/m-bad.eml" <<-\EOF &&
	import email, sys
	from email import policy
	m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=policy.default)
	text = m.get_body(("plain",))
	body = text.get_content()
	cut = body.index("== 李娜 ==")
	text.set_content(body[:cut] + body[cut:].replace("83.6%", "38.6%"), charset="utf-8", cte="base64")
	open(sys.argv[2], "wb").write(m.as_bytes(policy=policy.SMTP))
	EOF
	test_expect_code 1 $CHECK "$TRASH/m-bad.eml" "$TRASH/report.json" monthly 2026-03 > "$TRASH/out" &&
	cat "$TRASH/out" && grep -q "text: 李娜: no" "$TRASH/out"
'

# examples/ci/gitlab-ci.yml: the `minutes` job's script, run as GitLab would after a push that
# adds a weekly record (its msmtp a stand-in that keeps what it was given), mails that week's
# minutes and only that week's.
test_case "mail-gitlab-ci-minutes-job" '
	git init -q repo && cd repo &&
	cp -R "$EXAMPLES/flowrec.yaml" "$EXAMPLES/records" . &&
	mv records/weekly/2026-W13.md "$TRASH/W13.md" &&
	git add -A && commit_as wang@example.com 2026-03-20T09:00:00+08:00 "records" &&
	before=$(git rev-parse HEAD) &&
	cp "$TRASH/W13.md" records/weekly/2026-W13.md && git add -A &&
	commit_as wang@example.com 2026-03-23T10:00:00+08:00 "W13" &&
	mkdir "$TRASH/bin" &&
	cat > "$TRASH/bin/msmtp" <<-\EOF &&
	#!/bin/sh
	printf "%s\n" "$@" > "$(dirname "$0")/msmtp.args"
	cat > "$(dirname "$0")/sent.eml"
	EOF
	chmod +x "$TRASH/bin/msmtp" &&
	python3 -c "import yaml, sys; print(\"\\n\".join(yaml.safe_load(open(sys.argv[1]))[\"minutes\"][\"script\"]))" \
		"$EXAMPLES/ci/gitlab-ci.yml" | sed "s|/opt/flowrec/flowrec|\$FLOWREC|g" > job.sh &&
	PATH="$TRASH/bin:$PATH" CI_COMMIT_BEFORE_SHA=$before CI_COMMIT_SHA=$(git rev-parse HEAD) \
		SMTP_HOST=smtp.example.com SMTP_USER=u SMTP_PASSWORD=p sh -e job.sh &&
	test "$(cat weeks)" = 2026-W13 &&
	test -f minutes-2026-W13.eml && cmp minutes-2026-W13.eml "$TRASH/bin/sent.eml" &&
	grep -qx -- "-t" "$TRASH/bin/msmtp.args" && grep -qx -- "--from=[a-z]*@example.com" "$TRASH/bin/msmtp.args" &&
	$CHECK "$TRASH/bin/sent.eml" "$TRASH/report.json" weekly 2026-W13
'

test_case "mail-usage-and-missing-records" '
	cd "$EXAMPLES" &&
	test_expect_code 2 $FLOWREC mail &&
	test_expect_code 2 $FLOWREC mail yearly &&
	test_expect_code 2 $FLOWREC mail weekly --week 2026-13 &&
	test_expect_code 2 $FLOWREC mail monthly --week 2026-W12 &&
	test_expect_code 2 $FLOWREC mail weekly --week 2025-W40 --today $TODAY 2> "$TRASH/err" &&
	grep -q "2025-W40" "$TRASH/err" &&
	test_expect_code 2 $FLOWREC mail weekly --today $TODAY -o "$TRASH/no/such/dir/x.eml" &&
	! ls "$TRASH/no" 2> /dev/null
'

test_done
