#!/bin/sh
# t-check.sh - `flowrec check` as a user meets it: where it looks, what it prints, how it exits.
. "$TESTS/lib.sh"

# a team repository with one valid meeting record
make_team() {
	mkdir -p "$1/records/meetings" &&
	cp "$TESTS/rules/team.yaml" "$1/flowrec.yaml" &&
	cat > "$1/records/meetings/m.md" <<-'EOR'
	---
	kind: meeting
	title: 新品上市准备会
	date: 2026-03-05
	purpose: 确定X1上市的渠道和价格
	host: 王经理
	invited: [王经理, 李娜]
	present: [王经理, 李娜]
	agenda: [{topic: 渠道铺货, minutes: 20}]
	minutes: 20
	decisions:
	  - {decision: X1首批铺货50台, owner: 李娜, due: 2026-03-12, status: done}
	distributed: 2026-03-05
	---
	正文
	EOR
}

test_case "valid-repo-exits-0-with-a-summary" '
	make_team t && cd t &&
	$FLOWREC check 2>err && test "$(cat err)" = "checked 1 record: 0 errors, 0 warnings" &&
	$FLOWREC check -q 2>err && test ! -s err &&
	$FLOWREC check --quiet 2>err && test ! -s err
'

test_case "config-found-from-a-subfolder" '
	make_team t && cd t/records/meetings &&
	$FLOWREC check
'

test_case "no-config-is-exit-2-with-one-line" '
	mkdir -p empty && cd empty &&
	test_expect_code 2 $FLOWREC check 2>err &&
	test "$(wc -l < err)" -eq 1 && grep -q "no flowrec.yaml" err
'

test_case "bad-config-is-reported-at-its-line" '
	make_team t && cd t &&
	printf "team: x\nlocale: fr\npeople: [{name: a, role: sales}]\n" > flowrec.yaml &&
	test_expect_code 2 $FLOWREC check 2>err &&
	grep -q "^flowrec.yaml:2:9: error: " err
'

test_case "errors-exit-1-and-name-the-file" '
	make_team t && cd t &&
	sed -i "s/^host: 王经理/host: 无名/" records/meetings/m.md &&
	test_expect_code 1 $FLOWREC check 2>err &&
	grep -q "^records/meetings/m.md:6:7: error: .* \[X-PERSON\]$" err
'

test_case "all-errors-in-one-run" '
	make_team t && cd t &&
	cp records/meetings/m.md records/meetings/n.md &&
	sed -i "s/^host: 王经理/host: 无名/; s/^title: .*/title: 另一个会/" records/meetings/m.md &&
	printf "no front matter\n" > records/meetings/bad.md &&
	test_expect_code 1 $FLOWREC check 2>err &&
	grep -q "bad.md:1:1: error: .*\[X-FRONTMATTER\]" err &&
	grep -q "m.md:6:7: error: .*\[X-PERSON\]" err
'

test_case "named-file-is-reported-as-given" '
	make_team t && cd t/records &&
	sed -i "s/^host: 王经理/host: 无名/" meetings/m.md &&
	test_expect_code 1 $FLOWREC check meetings/m.md 2>err &&
	grep -q "^meetings/m.md:6:7: error" err
'

test_case "named-file-only-its-diagnostics" '
	make_team t && cd t &&
	cp records/meetings/m.md ok.md &&
	sed -i "s/^host: 王经理/host: 无名/" records/meetings/m.md &&
	sed -i "s/^title: .*/title: 别的会/" ok.md &&
	$FLOWREC check -q ok.md 2>err && test ! -s err
'

test_case "missing-file-is-exit-2" '
	make_team t && cd t &&
	test_expect_code 2 $FLOWREC check nosuch.md 2>err &&
	grep -q "cannot read .nosuch.md." err
'

test_case "json-format-on-stdout" '
	make_team t && cd t &&
	sed -i "s/^host: 王经理/host: 无名/" records/meetings/m.md &&
	test_expect_code 1 $FLOWREC check --format json >out 2>err &&
	test ! -s err &&
	grep -q "\"path\": \"records/meetings/m.md\", \"line\": 6, \"column\": 7, \"severity\": \"error\", \"rule\": \"X-PERSON\"" out
'

test_case "bad-option-is-exit-2-with-hint" '
	make_team t && cd t &&
	test_expect_code 2 $FLOWREC check --nope 2>err &&
	grep -q "try .flowrec check --help." err &&
	test_expect_code 2 $FLOWREC check --format xml 2>err
'

test_case "help-exits-0" '
	$FLOWREC check --help | grep -q "usage: flowrec check" &&
	$FLOWREC --help | grep -q check
'

test_case "unknown-command-is-exit-2" '
	test_expect_code 2 $FLOWREC frobnicate 2>err && grep -q "not a flowrec command" err
'

test_case "caret-on-a-terminal" '
	make_team t && cd t &&
	sed -i "s/^host: 王经理/host: 无名/" records/meetings/m.md &&
	script -qc "$FLOWREC check" /dev/null > out || true;
	tr -d "\r" < out > clean &&
	grep -q "^  host: 无名$" clean &&
	grep -q "^        ^$" clean
'

test_case "team-schema-override" '
	make_team t && cd t && mkdir schemas &&
	printf "type: object\nrequired: [kind, room]\n" > schemas/meeting.yaml &&
	test_expect_code 1 $FLOWREC check 2>err &&
	grep -q "m.md:2:1: error: .*room.*\[X-SCHEMA\]" err
'

test_case "severity-override-turns-rule-off-and-on" '
	make_team t && cd t &&
	sed -i "s/^host: 王经理/host: 无名/" records/meetings/m.md &&
	printf "rules: {X-PERSON: off}\n" >> flowrec.yaml &&
	$FLOWREC check -q 2>err && test ! -s err &&
	sed -i "s/^rules: .*/rules: {X-PERSON: warning}/" flowrec.yaml &&
	$FLOWREC check 2>err && grep -q "warning: .*\[X-PERSON\]" err
'

test_case "unknown-rule-in-config" '
	make_team t && cd t &&
	printf "rules: {W-NOPE: off}\n" >> flowrec.yaml &&
	test_expect_code 2 $FLOWREC check 2>err && grep -q "unknown rule id" err
'

test_case "hostile-records-never-crash" '
	make_team t && cd t &&
	{ printf -- "---\n"; i=0; while [ $i -lt 3000 ]; do printf "["; i=$((i+1)); done; printf "\n---\n"; } > records/deep.md &&
	printf -- "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n" > records/bomb.md &&
	printf -- "---\nkind: meeting\n\0\n---\n" > records/nul.md &&
	printf -- "---\n---\n" > records/empty.md &&
	test_expect_code 1 $FLOWREC check 2>err &&
	grep -q "deep.md:.*nesting" err && grep -q "bomb.md:.*aliases" err &&
	grep -q "empty.md:.*\[X-KIND\]" err
'

test_case "threads-give-the-single-threaded-diagnostics" '
	make_team t && cd t && i=0 &&
	while [ $i -lt 300 ]; do
		sed "s/^title: .*/title: 会议$i/" records/meetings/m.md > records/meetings/m$i.md
		i=$((i + 1))
	done &&
	sed -i "s/^host: 王经理/host: 无名/" records/meetings/m7.md &&
	sed -i "s/^title: .*/title: 会议9/" records/meetings/m250.md &&
	printf "broken\n" > records/meetings/m299.md &&
	test_expect_code 1 env FLOWREC_THREADS=1 $FLOWREC check --format json > one &&
	test_expect_code 1 env FLOWREC_THREADS=2 $FLOWREC check --format json > two &&
	test_expect_code 1 env FLOWREC_THREADS=5 $FLOWREC check --format json > five &&
	test "$(grep -c "\"rule\"" one)" -eq 3 &&
	test_cmp one two && test_cmp one five
'

# A thread whose stack cannot be had (a 1 GiB stack each under a 600 MB address-space limit)
# is said on stderr, once however many pools could not start theirs (the reading, the
# per-record and the cross-record rules each have one); the diagnostics are the
# single-threaded ones. Not under ASan (make asan sets FLOWREC_ASAN=1): its shadow memory
# reserves terabytes of address space, so no `ulimit -v` leaves it room to start.
if [ -n "${FLOWREC_ASAN:-}" ]; then
	test_skip "a-thread-that-cannot-start-is-a-warning" "skipped under ASan: ulimit -v cannot hold its shadow memory"
else
test_case "a-thread-that-cannot-start-is-a-warning" '
	make_team t && cd t && i=0 &&
	while [ $i -lt 300 ]; do
		sed "s/^title: .*/title: 会议$i/" records/meetings/m.md > records/meetings/m$i.md
		i=$((i + 1))
	done &&
	sed -i "s/^host: 王经理/host: 无名/" records/meetings/m7.md &&
	test_expect_code 1 env FLOWREC_THREADS=1 $FLOWREC check --format json > one 2>one.err &&
	test ! -s one.err &&
	(ulimit -v 600000 && ulimit -s 1048576 &&
	 test_expect_code 1 env FLOWREC_THREADS=2 $FLOWREC check --format json > two 2>two.err) &&
	grep -q "warning: cannot start a thread" two.err &&
	test "$(grep -c "cannot start a thread" two.err)" = 1 &&
	test_cmp one two
'
fi

test_done
