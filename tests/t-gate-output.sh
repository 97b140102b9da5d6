#!/bin/sh
# t-gate-output.sh - what the server prints to the pusher quotes what the pusher chose: a ref
# name with a bidi override or an ESC prints escaped (\u202e, \x1b), like every other value,
# not raw (which would reorder or repaint the pusher's terminal). Real pushes over the local
# transport; git itself refuses control characters in ref names, so the ESC case feeds the
# installed hook the line git would.
. "$TESTS/lib.sh"

P=records/product/2026-04/李娜.md
RLO=$(printf '\342\200\256')
ESC=$(printf '\033')

new_server() {
	new_team seed &&
	serve_seed
}

# bad_plan: a product plan whose class is not one of the four (an error of the new tip).
bad_plan() {
	mkdir -p records/product/2026-04 &&
	printf -- "---\nkind: product-plan\nmonth: 2026-04\nowner: 李娜\n" > $P &&
	printf "products:\n  - {sku: X1-15, class: stellar, strategy: 主推机型配合门店展示, forecast: {sales: 120, profit: 9.6}}\n---\n" >> $P &&
	git add records && commit_as lina@example.com 2026-04-01T09:00:00+08:00 "bad plan"
}

test_case "a-ref-name-with-a-bidi-override-prints-escaped" '
	new_server && cd work && bad_plan &&
	test_must_fail git push origin "HEAD:refs/heads/a${RLO}b" 2> err &&
	grep -q "remote: flowrec: refs/heads/a\\\\u202eb ([0-9a-f]*):" err &&
	grep -q "push to .refs/heads/a\\\\u202eb. rejected" err &&
	grep "^remote: " err > remote.err && test_must_fail grep -q "$RLO" remote.err &&
	test_must_fail git --git-dir=../server.git rev-parse -q --verify "refs/heads/a${RLO}b"
'

test_case "a-ref-name-with-an-esc-prints-escaped" '
	new_server && cd work && bad_plan &&
	mv ../server.git/hooks/pre-receive ../off && git push -q origin HEAD:refs/heads/x 2> /dev/null &&
	mv ../off ../server.git/hooks/pre-receive &&
	zero=0000000000000000000000000000000000000000 &&
	printf "%s %s refs/heads/a${ESC}[2Jb\n" $zero "$(git rev-parse HEAD)" |
		(cd ../server.git && test_expect_code 1 "$FLOWREC" hook pre-receive) 2> err &&
	grep -q "^flowrec: refs/heads/a\\\\x1b\[2Jb ([0-9a-f]*):$" err &&
	grep -q "push to .refs/heads/a\\\\x1b\[2Jb. rejected" err &&
	test_must_fail grep -q "$ESC" err
'

test_done
