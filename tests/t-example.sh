#!/bin/sh
# t-example.sh - the example team (examples/) end to end: it is valid, its figures are the ones
# worked out by hand when it was written (examples/README.md), and with the history that
# tools/example-history.sh gives it, `due` names exactly the late commits it was made with and
# a server with flowrec's pre-receive hook accepts the whole history.
. "$TESTS/lib.sh"
EX="$TESTS/../examples"

# figure PATH KEY: a record's figure from `report --format json` (jq is a test dependency)
figure() {
	jq -r --arg p "$1" ".records[] | select(.path == \$p) | .figures.$2" report.json
}

test_case "examples-check-clean-but-two-warnings" '
	(cd "$EX" && $FLOWREC check --today 2026-03-31) 2>err &&
	test "$(grep -c ": warning: " err)" -eq 2 &&
	grep -q "无锡恒达.md:.*\[O-OVERDUE\]" err &&
	grep -q "苏州新科.md:.*\[O-LATE\]" err &&
	! grep -q ": error: " err
'

test_case "examples-figures-as-worked-out" '
	(cd "$EX" && $FLOWREC report --format json --today 2026-03-31) > report.json &&
	test "$(figure records/weekly/2026-W10.md team_rate)" = 0.9378 &&
	test "$(figure records/weekly/2026-W01.md team_rate)" = null &&
	test "$(figure records/monthly/2026-03/李娜.md rate)" = 0.7621 &&
	test "$(figure records/cards/2026-W11.md sell_through)" = 0.91 &&
	test "$(figure records/cards/2026-W06.md "products[] | select(.sku == \"S3\") | .status")" = late &&
	test "$(figure records/partners/2025-10/华信科技.md grade)" = excellent &&
	test "$(figure records/product/2026-03/张伟.md sales_rate)" = 1.0555 &&
	test "$(figure records/meetings/2026-03-05-新品上市准备会.md action_completion)" = 0.6667 &&
	test "$(figure records/processes/周例会流程.md review_score)" = 0.875
'

test_case "example-history-due-names-the-late-commits" '
	sh "$TESTS/../tools/example-history.sh" "$EX" team && cd team &&
	$FLOWREC due --today 2026-03-31 --format json > due.json &&
	jq -r ".items[] | select(.status == \"late\") | \"\(.rule) \(.path)\"" due.json | sort > got &&
	cat > want <<-\EOF &&
	M-ONTIME records/monthly/2026-03/王强.md
	P-ONTIME records/product/2026-03/张伟.md
	W-MIDWEEK records/weekly/2026-W06.md
	W-ONTIME records/weekly/2026-W03.md
	W-ONTIME records/weekly/2026-W09.md
	EOF
	test_cmp want got &&
	jq -r ".items[] | select(.status == \"missing\") | .what" due.json | grep -q "2026-W14"
'

test_case "example-history-passes-pre-receive" '
	sh "$TESTS/../tools/example-history.sh" "$EX" team &&
	git init -q --bare server.git &&
	(cd server.git && $FLOWREC hook install) &&
	(cd team && git push -q ../server.git main 2>../push.err) &&
	test "$(git --git-dir=server.git rev-parse main)" = "$(git -C team rev-parse main)"
'

test_done
