#!/bin/sh
# t-hook-kinds.sh - the hooks check only the kinds a change touches (hook.c, "only the touched
# kinds"): on generated records (tools/bench/gen.mjs) with errors already there in two kinds,
# every case runs the pre-commit hook both ways, the fast one and FLOWREC_HOOK_FULL=1 (both
# whole snapshots checked, the reference), asserts the same stdout, stderr and exit status, that
# the fast one did take the shortcut when it may (FLOWREC_HOOK_TRACE), and the verdict of a real
# `git commit` through the installed hook; then the same for pre-receive on a real bare server.
. "$TESTS/lib.sh"

ROOT=$TESTS/..
if ! command -v node > /dev/null 2>&1; then
	test_skip "hook-kinds" "node is not installed (tools/bench/gen.mjs)"
	test_done
fi

# The base, built once: 300 generated records (S-ROTATE an error, so that the gate sees the
# quarter before) committed by the manager, then two errors
# committed without the hook (X-PLACEHOLDER in a channel record, M-CARRY in a monthly plan),
# then two commits through the hook (the first checks both snapshots whole, the second only
# the touched kind, from the summary the first kept): HEAD's summary is one the shortcut made.
BASE=$TRASH/base
edit_actual() { # WEEK: a task's actual in a weekly record, a hundredth more
	sed -i '0,/actual: \([0-9]*\)}/s//actual: \1.01}/' "records/weekly/2026/2026-$1.md"
}
(
	node "$ROOT/tools/bench/gen.mjs" 300 "$BASE" > "$TRASH/gen.log" && cd "$BASE" &&
	sed -i 's/^rules: {W-ROTATION: error}/rules: {W-ROTATION: error, S-ROTATE: error}/' flowrec.yaml &&
	grep -q S-ROTATE flowrec.yaml &&
	git init -q && git config user.email wang@example.com && git config user.name 王经理 &&
	git add -A && git commit -q -m base --no-verify &&
	sed -i 's/{name: 销售额, unit: 万元, target: 110, actual: 109.4}/{name: 销售额, unit: 万元, target: 111, actual: 109.4}/' \
		records/monthly/2026-02/李娜.md &&
	echo "TODO 待补" >> records/channel/2026-03/赵敏.md &&
	git commit -q -am "errors already there" --no-verify &&
	"$FLOWREC" hook install > /dev/null &&
	edit_actual W05 && git commit -q -am one && edit_actual W07 && git commit -q -am two
) > "$TRASH/base.log" 2>&1 || { echo "not ok - base"; cat "$TRASH/base.log"; exit 1; }

# both_ways WAY: the staged change through `flowrec hook pre-commit` both ways, the same
# stdout, stderr and status; the fast way took the shortcut (WAY fast) or could not (WAY full:
# the team's files changed, no summary). Leaves err and rc (the fast way's).
both_ways() {
	rm -rf ../full && cp -a . ../full &&
	{ (cd ../full && FLOWREC_HOOK_TRACE=$PWD/../trace.full FLOWREC_HOOK_FULL=1 "$FLOWREC" hook pre-commit \
		> ../out.full 2> ../err.full; echo $? > ../rc.full); } &&
	{ FLOWREC_HOOK_TRACE=$PWD/../trace "$FLOWREC" hook pre-commit > ../out 2> ../err; echo $? > ../rc; } &&
	sed "s|/full/|/repo/|" ../err.full > ../err.full.same &&
	test_cmp ../out.full ../out && test_cmp ../err.full.same ../err && test_cmp ../rc.full ../rc &&
	grep -qx full ../trace.full &&
	if [ "$1" = full ]; then grep -qx full ../trace; else grep -q "^fast " ../trace; fi
}

# kept N: the "already there" line says N errors (0: there is no such line).
kept() {
	if [ "$1" = 0 ]; then ! grep -q "already in HEAD" ../err
	else grep -q "^flowrec: $1 error(s) already in HEAD are still there" ../err; fi
}

# The cases: NAME | the edit (in a copy of the base) | exit status | errors already there |
# the fast way takes the shortcut (fast) or not (full) | a line the rejection must show.
cases() {
	cat <<'EOF'
kind-a-changed-while-b-has-errors|edit_actual W09|0|2|fast|
second-hooked-commit-in-a-row|edit_actual W11 && git commit -q -am w11 && edit_actual W12|0|2|fast|
error-in-the-changed-record|echo "TBD" >> records/weekly/2026/2026-W10.md|1|2|fast|2026-W10.md:.*X-PLACEHOLDER
carry-broken-in-a-neighbour|sed -i '0,/{task: 回款, target: \([0-9]*\), unit: 万元}/s//{task: 回款, target: 999, unit: 万元}/' records/weekly/2026/2026-W05.md|1|2|fast|2026-W06.md:.*W-CARRY
unique-broken-by-a-new-record|cp records/weekly/2026/2026-W20.md records/weekly/2026/copy.md|1|2|fast|X-UNIQUE
record-added-valid|set -- records/onboarding/2026/*.md && sed 's/^customer: .*/customer: 新客户二/' "$1" > records/onboarding/2026/new.md|0|2|fast|
record-added-collides-with-an-untouched-one|set -- records/onboarding/2026/*.md && cp "$1" records/onboarding/2026/new.md|1|2|fast|onboarding/2026/[^n].*X-UNIQUE
record-deleted|git rm -q records/weekly/2026/2026-W30.md|0|2|fast|
record-renamed|git mv records/weekly/2026/2026-W31.md records/weekly/2026/w31.md|0|2|fast|
record-moved-to-another-kinds-folder|git mv records/monthly/2026-03/王强.md records/weekly/2026/王强.md|0|2|fast|
kind-changed|sed -i 's/^kind: channel-service/kind: cards/' records/channel/2026-05/赵敏.md|1|2|fast|channel/2026-05
rotation-broken-in-the-next-week|sed -i 's/^host: 王强/host: 李娜/' records/weekly/2026/2026-W05.md|1|2|fast|2026-W06.md:.*W-ROTATION
week-of-a-record-changed|sed -i 's/^week: 2026-W10/week: 2026-W40/' records/weekly/2026/2026-W10.md|1|2|fast|2026-W40.md:.*X-UNIQUE
monthly-carry-broken-in-the-next-month|sed -i 's/target: 157, measures/target: 999, measures/' records/monthly/2026-03/李娜.md|1|2|fast|monthly/2026-04/李娜.md:.*M-CARRY
price-survey-removed-breaks-the-next-month|sed -i '/^price_survey:/d' records/channel/2026-03/赵敏.md|1|2|fast|channel/2026-04/.*H-PRICE
first-channel-month-removed|git rm -q records/channel/2026-01/赵敏.md|0|2|fast|
quarter-factors-changed-in-its-first-month|sed -i 's/{name: 销售增长,/{name: 新增长,/' records/partners/2026-01/*.md|1|2|fast|partners/2026-0[23]/.*S-QUARTER
first-factors-reused-by-the-next-quarter|sed -i 's/销售增长/新品铺货/; s/回款及时/客户满意度/; s/价格管控/培训参与/' records/partners/2026-01/华信科技.md|1|2|fast|partners/2026-0[456]/.*S-ROTATE
first-month-removed-ends-a-later-error|sed -i '/^satisfaction_survey:/d' records/channel/2026-01/赵敏.md && git commit -q --no-verify -am s && edit_actual W09 && git add -A && { "$FLOWREC" hook pre-commit > /dev/null 2>&1; git reset -q --hard; } && git rm -q records/channel/2026-01/赵敏.md|0|2|fast|
link-staged-alone|ln -s 2026-W05.md records/weekly/2026/link.md|1|2|fast|link.md:.*X-FILE
link-added-with-a-record-change|ln -s 2026-W05.md records/weekly/2026/link.md && edit_actual W09|1|2|fast|link.md:.*X-FILE
link-already-there-untouched|ln -s 2026-W05.md records/weekly/2026/link.md && git add -A && git commit -q --no-verify -m l && edit_actual W09 && git add -A && { "$FLOWREC" hook pre-commit > /dev/null 2>&1; git reset -q --hard; } && edit_actual W13|0|3|fast|
error-already-there-fixed|sed -i 's/^TODO 待补$//' records/channel/2026-03/赵敏.md|0|1|fast|
roster-change-breaks-an-untouched-kind|sed -i '/name: 赵敏/d' flowrec.yaml|1|2|full|channel/.*X-PERSON
config-change-breaks-an-untouched-kind|sed -i 's/^placeholders: \[/placeholders: [百川科技, /' flowrec.yaml|1|2|full|X-PLACEHOLDER
schema-change-breaks-an-untouched-kind|mkdir -p schemas && "$FLOWREC" schema channel-service > s.json && sed 's/"required": \[/"required": ["nosuchfield", /' s.json > schemas/channel-service.json && rm s.json|1|2|full|channel/.*nosuchfield
cache-missing|rm -f .git/flowrec/cache && edit_actual W09|0|2|fast|
cache-corrupt|dd if=/dev/urandom of=.git/flowrec/cache bs=1 seek=200 count=64 conv=notrunc 2> /dev/null && edit_actual W09|0|2|fast|
summary-corrupt|for f in .git/flowrec/hook-*; do dd if=/dev/urandom of=$f bs=1 seek=48 count=8 conv=notrunc 2> /dev/null; done && edit_actual W09|0|2|full|
summary-missing-head-never-checked|rm .git/flowrec/hook-* && edit_actual W09|0|2|full|
EOF
}

while IFS='|' read -r name edit want kept way shows; do
	test_case "pre-commit-$name" '
		cp -a "$BASE" repo && cd repo && '"$edit"' && git add -A &&
		both_ways "'"$way"'" && test "$(cat ../rc)" = "'"$want"'" && kept "'"$kept"'" &&
		{ [ -z "'"$shows"'" ] || grep -q "'"$shows"'" ../err; } &&
		before=$(git rev-parse HEAD) &&
		if [ "'"$want"'" = 0 ]; then
			git commit -q -m change 2> commit.err && test "$(git rev-parse HEAD)" != "$before"
		else
			test_expect_code 1 git commit -q -m change 2> commit.err &&
			test "$(git rev-parse HEAD)" = "$before"
		fi
	'
done <<EOF
$(cases)
EOF

# pre-receive: a bare server seeded with the base before its hooks were installed (the errors
# already there came in while the hook was off), then two pushes of valid changes (the first
# checks both tips whole, the second only the touched kind, from the summary the first kept).
SERVER=$TRASH/server
(
	mkdir -p "$SERVER" && cd "$SERVER" && cp -a "$BASE" seed && rm -f seed/.git/hooks/pre-commit &&
	git init -q --bare server.git && (cd seed && git push -q ../server.git HEAD:main) &&
	(cd server.git && "$FLOWREC" hook install > /dev/null 2>&1) && git clone -q server.git work &&
	cd work && git config user.email wang@example.com && git config user.name 王经理 &&
	edit_actual W13 && git commit -q -am w13 && git push -q origin main &&
	edit_actual W14 && git commit -q -am w14 && git push -q origin main
) > "$TRASH/server.log" 2>&1 || { echo "not ok - server"; cat "$TRASH/server.log"; exit 1; }

# push_both_ways WAY: the commit of work/ as a push of main, through `flowrec hook pre-receive`
# run both ways on two copies of the server that hold its objects already, compared as
# both_ways does; leaves ../err and ../rc.
push_both_ways() {
	old=$(git --git-dir=../server.git rev-parse main) && new=$(git rev-parse HEAD) &&
	git --git-dir=../server.git fetch -q "$PWD" "+HEAD:refs/flowrec-test/incoming" &&
	rm -rf ../full.git && cp -a ../server.git ../full.git &&
	{ echo "$old $new refs/heads/main" | (cd ../full.git && FLOWREC_HOOK_TRACE=$PWD/../trace.full \
		FLOWREC_HOOK_FULL=1 "$FLOWREC" hook pre-receive > ../out.full 2> ../err.full); echo $? > ../rc.full; } &&
	{ echo "$old $new refs/heads/main" | (cd ../server.git && FLOWREC_HOOK_TRACE=$PWD/../trace \
		"$FLOWREC" hook pre-receive > ../out 2> ../err); echo $? > ../rc; } &&
	test_cmp ../out.full ../out && test_cmp ../err.full ../err && test_cmp ../rc.full ../rc &&
	grep -qx full ../trace.full &&
	if [ "$1" = full ]; then grep -qx full ../trace; else grep -q "^fast " ../trace; fi
}

# NAME | the edit (committed in work/) | exit status | errors already there | fast or full |
# a line the rejection must show.
push_cases() {
	cat <<'EOF'
kind-a-changed-while-b-has-errors|edit_actual W15|0|2|fast|
carry-broken-in-a-neighbour|sed -i '0,/{task: 回款, target: \([0-9]*\), unit: 万元}/s//{task: 回款, target: 999, unit: 万元}/' records/weekly/2026/2026-W05.md|1|2|fast|2026-W06.md:.*W-CARRY
record-added-collides-with-an-untouched-one|set -- records/onboarding/2026/*.md && cp "$1" records/onboarding/2026/new.md|1|2|fast|onboarding/2026/[^n].*X-UNIQUE
error-already-there-fixed|sed -i 's/^TODO 待补$//' records/channel/2026-03/赵敏.md|0|1|fast|
roster-change-breaks-an-untouched-kind|sed -i '/name: 赵敏/d' flowrec.yaml|1|2|full|channel/.*X-PERSON
summary-missing|rm ../server.git/flowrec/hook-* && edit_actual W15|0|2|full|
EOF
}

while IFS='|' read -r name edit want kept way shows; do
	test_case "pre-receive-$name" '
		cp -a "$SERVER/server.git" "$SERVER/work" . && cd work &&
		git remote set-url origin "$PWD/../server.git" && '"$edit"' &&
		git add -A && git commit -q -m change &&
		push_both_ways "'"$way"'" && test "$(cat ../rc)" = "'"$want"'" &&
		if [ "'"$kept"'" = 0 ]; then ! grep -q "already in commit" ../err
		else grep -q "^flowrec: '"$kept"' error(s) already in commit [0-9a-f]* are still there" ../err; fi &&
		{ [ -z "'"$shows"'" ] || grep -q "'"$shows"'" ../err; } &&
		before=$(git --git-dir=../server.git rev-parse main) &&
		if [ "'"$want"'" = 0 ]; then
			git push -q origin main 2> push.err &&
			test "$(git --git-dir=../server.git rev-parse main)" = "$(git rev-parse HEAD)"
		else
			test_must_fail git push -q origin main 2> push.err &&
			test "$(git --git-dir=../server.git rev-parse main)" = "$before"
		fi
	'
done <<EOF
$(push_cases)
EOF

test_done
