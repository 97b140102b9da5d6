#!/bin/sh
# t-gate-approvals.sh - one judge per push: each attack below got a forged approval (or an
# edit of another's record) onto main before; each is now a real push to a real bare server
# over the local transport, and must be rejected with the server's ref unchanged. Then the
# legitimate work the same rules must let through.
. "$TESTS/lib.sh"

ROOT=$(cd "$TESTS/.." && pwd)

# new_server [RULES]: server.git (bare, pre-receive) seeded with the team config (RULES, a
# line such as "rules: {G-OWNER: error}", appended) and work/, its clone.
new_server() {
	new_team seed &&
	if [ -n "${1:-}" ]; then
		(cd seed && echo "$1" >> flowrec.yaml && git add flowrec.yaml &&
		 commit_as wang@example.com 2026-01-05T09:30:00+08:00 rules)
	fi &&
	serve_seed
}

# push_rejected [REF]: the push of main (or REF) fails with a G- error and the server's main
# has not moved.
push_rejected() {
	_before=$(server_tip) &&
	test_must_fail git push origin "${1:-main}" 2> err &&
	grep -q "remote: .*error: .*\[G-\(APPROVAL\|OWNER\)\]" err &&
	test "$(server_tip)" = "$_before"
}

# with_hook_off CMD...: run CMD while the server has no hook (a branch that got there before
# the hook was installed).
with_hook_off() {
	mv ../server.git/hooks/pre-receive ../hook.off && "$@"
	_rc=$?
	mv ../hook.off ../server.git/hooks/pre-receive
	return $_rc
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

scorecard() { # scorecard SCORE [REVIEWER] [NOTIFIED]
	printf -- '---\nkind: partner-scorecard\npartner: 华信科技\nclass: A\nmonth: 2026-03\nscorer: 李娜\n'
	printf 'factors:\n  - {name: 销售增长, weight: 60, score: %s}\n  - {name: 回款及时, weight: 40, score: 90}\n' "$1"
	[ -n "${2:-}" ] && echo "reviewed: {by: $2, date: 2026-03-31}"
	[ -n "${3:-}" ] && echo "notified: {date: 2026-04-02, written: true, verbal: true}"
	echo ---
}

P=records/product/2026-04/李娜.md
S=records/partners/2026-03/华信科技.md

# plan_confirmed: 李娜's plan, confirmed by 王经理 himself, on the server.
plan_confirmed() {
	mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > $P && git add records &&
	commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > $P && git add records &&
	commit_as wang@example.com 2026-04-01T10:00:00+08:00 confirm &&
	git push -q origin main 2> /dev/null
}

# commit_raw AUTHOR-LINE MESSAGE: commit the index with that exact author line (git's own
# commands refuse to write the odd ones).
commit_raw() {
	_t=$(git write-tree) && _p=$(git rev-parse HEAD) &&
	_c=$(printf 'tree %s\nparent %s\nauthor %s 1775005200 +0800\ncommitter %s 1775005200 +0800\n\n%s\n' \
		"$_t" "$_p" "$1" "$1" "$2" | git hash-object -t commit -w --stdin --literally) &&
	git update-ref HEAD "$_c"
}

# ---- forged identities ----

test_case "attack-author-line-with-two-addresses" '
	new_server && cd work && mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > $P && git add records &&
	commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > $P && git add records &&
	commit_raw "王经理 <lina@example.com> <wang@example.com>" confirm &&
	test "$(git log -1 --format=%ae)" = lina@example.com &&
	push_rejected && grep -q "ambiguous author line" err
'

test_case "attack-author-address-with-a-trailing-dot" '
	new_server && cd work && mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > $P && git add records &&
	commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > $P && git add records &&
	commit_raw "王经理 <wang@example.com.>" confirm && test "$(git log -1 --format=%ae)" = wang@example.com. &&
	push_rejected
'

# ---- forged history ----

# An orphan root commit brings its own roster, in which 王经理's address is the forger's.
forged_root() {
	git checkout -q --orphan forged && git rm -q -r --cached . > /dev/null &&
	sed "s/wang@example.com/lina@example.com/" "$TESTS/rules/team.yaml" > flowrec.yaml &&
	mkdir -p records/partners/2026-03 && scorecard 85 王经理 > $S &&
	git add flowrec.yaml records &&
	commit_as lina@example.com 2026-03-31T09:00:00+08:00 "a new root, reviewed"
}

test_case "attack-orphan-root-commit-on-a-new-branch" '
	new_server && cd work && forged_root &&
	test_must_fail git push origin forged 2> err &&
	grep -q "remote: .*error: .*\[G-APPROVAL\]" err &&
	test_must_fail git --git-dir=../server.git rev-parse -q --verify forged
'

test_case "attack-approval-on-another-branch-merged-into-main" '
	new_server && cd work && forged_root &&
	with_hook_off git push -q origin forged 2> /dev/null &&
	git checkout -q main &&
	commit_as lina@example.com 2026-03-31T10:00:00+08:00 merge --allow-empty &&
	git merge -q --allow-unrelated-histories -X ours --no-edit forged 2> /dev/null &&
	git checkout -q HEAD~1 -- flowrec.yaml && git commit -q --amend --no-edit &&
	git show HEAD:flowrec.yaml | grep -q wang@example.com &&
	push_rejected
'

test_case "attack-commit-based-on-an-old-roster" '
	new_team seed &&
	(cd seed && sed -i "s/wang@example.com/lina@example.com/" flowrec.yaml && git add flowrec.yaml &&
	 commit_as wang@example.com 2026-01-06T09:00:00+08:00 "roster v1 (a typo)" &&
	 sed -i "s/王经理, role: manager, email: lina@example.com/王经理, role: manager, email: wang@example.com/" flowrec.yaml &&
	 git add flowrec.yaml && commit_as chen@example.com 2026-01-07T09:00:00+08:00 "roster v2 (fixed)") &&
	serve_seed && cd work &&
	git checkout -q -b old HEAD~1 &&
	mkdir -p records/partners/2026-03 && scorecard 85 王经理 > $S && git add records &&
	commit_as lina@example.com 2026-03-31T09:00:00+08:00 "review, on the old roster" &&
	git checkout -q main && git merge -q --no-edit old 2> /dev/null &&
	git show HEAD:flowrec.yaml | grep -q "email: wang@example.com" &&
	push_rejected
'

test_case "attack-forged-line-behind-32-filler-lines" '
	new_server "rules: {P-APPROVER: warning}" && cd work && mkdir -p records/product/2026-04 &&
	set -- && i=0 && while [ $i -lt 32 ]; do set -- "$@" confirm:李娜:2026-04-01; i=$((i+1)); done &&
	product 2026-04 李娜 "$@" review:陈总:2026-04-02 > $P && git add records &&
	commit_as lina@example.com 2026-04-01T09:00:00+08:00 "plan with filler" &&
	push_rejected && grep -q "review.*陈总" err
'

test_case "attack-re-dating-an-approval" '
	new_server && cd work && plan_confirmed &&
	product 2026-04 李娜 confirm:王经理:2026-03-28 > $P && git add records &&
	commit_as lina@example.com 2026-04-02T09:00:00+08:00 "it was earlier, really" &&
	push_rejected
'

test_case "attack-merge-resurrects-a-withdrawn-approval" '
	new_server && cd work && plan_confirmed &&
	git checkout -q -b side && echo notes > README && git add README &&
	commit_as lina@example.com 2026-04-01T11:00:00+08:00 readme &&
	git checkout -q main && product 2026-04 李娜 > $P && git add records &&
	commit_as wang@example.com 2026-04-01T12:00:00+08:00 "withdraw the confirmation" &&
	git push -q origin main 2> /dev/null &&
	git merge -q --no-commit side 2> /dev/null; git checkout side -- $P &&
	commit_as lina@example.com 2026-04-01T13:00:00+08:00 "merge side" &&
	grep -q "by: 王经理" $P && push_rejected
'

test_case "attack-merge-resurrects-an-old-roster" '
	new_server && cd work && git checkout -q -b side && echo notes > README && git add README &&
	commit_as lina@example.com 2026-01-06T09:00:00+08:00 readme &&
	git checkout -q main && sed -i "s/王强, role: sales/王强, role: channel/" flowrec.yaml &&
	git add flowrec.yaml && commit_as chen@example.com 2026-01-06T10:00:00+08:00 "roster v2" &&
	git push -q origin main 2> /dev/null &&
	git merge -q --no-commit side 2> /dev/null; git checkout side -- flowrec.yaml &&
	commit_as lina@example.com 2026-01-06T11:00:00+08:00 "merge side" &&
	grep -q "王强, role: sales" flowrec.yaml && push_rejected
'

test_case "attack-scores-raised-after-the-review" '
	new_server && cd work && mkdir -p records/partners/2026-03 &&
	scorecard 85 > $S && git add records && commit_as lina@example.com 2026-03-31T09:00:00+08:00 scores &&
	scorecard 85 王经理 > $S && git add records && commit_as wang@example.com 2026-03-31T10:00:00+08:00 review &&
	git push -q origin main 2> /dev/null &&
	scorecard 100 王经理 > $S && git add records &&
	commit_as lina@example.com 2026-03-31T11:00:00+08:00 "a better score" &&
	push_rejected && grep -q "changes what .王经理. approved" err
'

test_case "attack-G-OWNER-deletion-inside-a-merge" '
	new_server "rules: {G-OWNER: error}" && cd work && mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > $P && git add records &&
	commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft && git push -q origin main 2> /dev/null &&
	git checkout -q -b side && echo notes > README && git add README &&
	commit_as wangqiang@example.com 2026-04-01T10:00:00+08:00 readme &&
	git checkout -q main && echo other > OTHER && git add OTHER &&
	commit_as lina@example.com 2026-04-01T10:30:00+08:00 other &&
	git merge -q --no-commit side 2> /dev/null; git rm -q $P &&
	commit_as wangqiang@example.com 2026-04-01T11:00:00+08:00 "merge, and a plan less" &&
	test "$(git rev-list --parents -1 HEAD | wc -w)" = 3 &&
	push_rejected && grep -q "deletes a record of 李娜" err
'

# ---- legitimate work ----

test_case "legit-the-approvers-own-approvals-and-the-owners-later-fields" '
	new_server && cd work && plan_confirmed &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 review:陈总:2026-04-02 > $P && git add records &&
	commit_as chen@example.com 2026-04-02T10:00:00+08:00 review &&
	git push origin main 2> err && test_must_fail grep -q "G-APPROVAL" err &&
	sed -i "s/forecast: {sales: 120, profit: 9.6}}/forecast: {sales: 120, profit: 9.6}, actual: {sales: 80, profit: 5}, reason: 新店开业推迟}/" $P &&
	git add records && commit_as lina@example.com 2026-05-01T10:00:00+08:00 actuals &&
	git push origin main 2> err && test_must_fail grep -q "G-APPROVAL" err &&
	test "$(server_tip)" = "$(git rev-parse HEAD)" &&
	mkdir -p records/partners/2026-03 &&
	scorecard 85 > $S && git add records && commit_as lina@example.com 2026-03-31T09:00:00+08:00 scores &&
	scorecard 85 王经理 > $S && git add records && commit_as wang@example.com 2026-03-31T10:00:00+08:00 review &&
	scorecard 85 王经理 notified > $S && git add records &&
	commit_as lina@example.com 2026-04-02T10:00:00+08:00 notified &&
	git push origin main 2> err && test_must_fail grep -q "G-APPROVAL" err &&
	test "$(server_tip)" = "$(git rev-parse HEAD)"
'

test_case "legit-the-approver-changes-what-he-approved" '
	new_server && cd work && mkdir -p records/partners/2026-03 &&
	scorecard 85 > $S && git add records && commit_as lina@example.com 2026-03-31T09:00:00+08:00 scores &&
	scorecard 85 王经理 > $S && git add records && commit_as wang@example.com 2026-03-31T10:00:00+08:00 review &&
	scorecard 80 王经理 > $S && git add records && commit_as wang@example.com 2026-03-31T11:00:00+08:00 "review, corrected" &&
	git push origin main 2> err && test_must_fail grep -q "G-APPROVAL" err &&
	test "$(server_tip)" = "$(git rev-parse HEAD)"
'

test_case "legit-a-branch-approved-then-merged-with-the-owners-edit" '
	new_server && cd work && mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > $P && git add records &&
	commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft && git push -q origin main 2> /dev/null &&
	git checkout -q -b approve &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > $P && git add records &&
	commit_as wang@example.com 2026-04-01T10:00:00+08:00 confirm && git push -q origin approve 2> /dev/null &&
	git checkout -q main && echo notes > README && git add README &&
	commit_as lina@example.com 2026-04-01T10:30:00+08:00 readme &&
	git merge -q --no-edit approve 2> /dev/null && git push origin main 2> err &&
	test_must_fail grep -q "G-APPROVAL" err && test "$(server_tip)" = "$(git rev-parse HEAD)"
'

test_case "the-server-writes-its-notes-itself" '
	new_server && cd work &&
	git notes --ref=flowrec-received add -m "received: 0" HEAD &&
	test_must_fail git push origin refs/notes/flowrec-received 2> err &&
	grep -q "the server writes its flowrec notes itself" err
'

test_done
