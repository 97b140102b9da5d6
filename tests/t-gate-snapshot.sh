#!/bin/sh
# t-gate-snapshot.sh - the whole-snapshot rule of both hooks: a change is rejected when the
# check of the snapshot after it has an error the snapshot before it did not have, wherever
# that error is (in a record the change did not touch too); errors already there do not block
# unrelated work. Real repositories, a real bare server, real pushes over the local transport.
. "$TESTS/lib.sh"

GATE=$TESTS/gate

# new_server: server.git (bare, hooks installed) seeded with the team config and the weeks
# 2026-W09 and 2026-W10 (W10 carries W09's targets), and its clone work/ with pre-commit.
new_server() {
	new_team seed && mkdir -p seed/records/weekly &&
	cp "$GATE/2026-W09.md" "$GATE/2026-W10.md" seed/records/weekly/ &&
	(cd seed && git add records && commit_as lina@example.com 2026-03-02T10:00:00+08:00 weeks) &&
	serve_seed &&
	(cd work && "$FLOWREC" hook install > /dev/null)
}

# The attacks: NAME, the rule the untouched record breaks, the edit (run in work/).
attacks() {
	cat <<'EOF'
carry-broken-in-a-neighbour|W-CARRY|records/weekly/2026-W10.md|sed -i "s/{task: 回款, target: 30, unit: 万元}/{task: 回款, target: 35, unit: 万元}/" records/weekly/2026-W09.md
new-record-collides-with-an-untouched-one|X-UNIQUE|records/weekly/|sed "s/^host: 李娜/host: 王强/" records/weekly/2026-W09.md > records/weekly/copy.md
EOF
}

while IFS='|' read -r name rule where edit; do
	test_case "pre-commit-rejects-$name" '
		new_server && cd work && before=$(git rev-parse HEAD) &&
		'"$edit"' && git add records &&
		"$FLOWREC" check --staged > /dev/null 2>&1; test $? = 1 &&
		test_expect_code 1 commit_as lina@example.com 2026-03-03T10:00:00+08:00 edit 2> err &&
		grep -q "^'"$where"'.*: error: .*\['"$rule"'\]" err &&
		grep -q "^flowrec: commit rejected: 1 new error" err &&
		test "$(git rev-parse HEAD)" = "$before"
	'
	test_case "pre-receive-rejects-$name" '
		new_server && cd work && before=$(server_tip) &&
		'"$edit"' && git add records &&
		commit_as lina@example.com 2026-03-03T10:00:00+08:00 edit --no-verify &&
		test_must_fail git push origin main 2> err &&
		grep -q "^remote: '"$where"'.*: error: .*\['"$rule"'\]" err &&
		grep -q "remote: flowrec: push to .refs/heads/main. rejected: 1 new error" err &&
		test "$(server_tip)" = "$before"
	'
done <<EOF
$(attacks)
EOF

test_case "a-new-ref-is-judged-against-the-servers-HEAD" '
	new_server && cd work &&
	sed -i "s/{task: 回款, target: 30, unit: 万元}/{task: 回款, target: 35, unit: 万元}/" records/weekly/2026-W09.md &&
	git add records && commit_as lina@example.com 2026-03-03T10:00:00+08:00 edit --no-verify &&
	test_must_fail git push origin HEAD:refs/heads/topic 2> err &&
	grep -q "^remote: records/weekly/2026-W10.md.*\[W-CARRY\]" err &&
	test_must_fail git --git-dir=../server.git rev-parse -q --verify topic
'

# Errors already on main (pushed while the hook was off): unrelated work goes through, with one
# line saying so; a new error in another record still blocks; fixing the old one is accepted.
test_case "old-errors-do-not-block-unrelated-work-and-are-said-once" '
	new_server && cd work &&
	sed -i "s/^minutes: 50/minutes: 70/" records/weekly/2026-W09.md && git add records &&
	commit_as lina@example.com 2026-03-03T10:00:00+08:00 "old breakage" --no-verify &&
	mv ../server.git/hooks/pre-receive ../off && git push -q origin main 2> /dev/null &&
	mv ../off ../server.git/hooks/pre-receive &&
	sed -i "s/^started: \"09:20\"/started: \"09:25\"/" records/weekly/2026-W10.md && git add records &&
	commit_as wangqiang@example.com 2026-03-03T11:00:00+08:00 "unrelated" 2> err &&
	test "$(grep -c "already in HEAD are still there" err)" = 1 &&
	test_must_fail grep -q "W-LENGTH" err &&
	git push origin main 2> err &&
	test "$(grep -c "remote: flowrec: 1 error(s) already in commit .* are still there" err)" = 1 &&
	test "$(server_tip)" = "$(git rev-parse HEAD)" &&
	sed -i "s/^minutes: 55/minutes: 75/" records/weekly/2026-W10.md && git add records &&
	test_expect_code 1 commit_as lina@example.com 2026-03-03T12:00:00+08:00 "a second one" 2> err &&
	grep -q "^records/weekly/2026-W10.md:.*\[W-LENGTH\]$" err &&
	git reset -q --hard && sed -i "s/^minutes: 70/minutes: 50/" records/weekly/2026-W09.md &&
	git add records && commit_as lina@example.com 2026-03-03T13:00:00+08:00 fix 2> err &&
	test_must_fail grep -q "already in" err &&
	git push -q origin main
'

# Line numbers are not part of an error's identity: lines added above an old error do not
# make it new.
test_case "an-old-error-moved-by-an-edit-is-still-old" '
	new_server && cd work &&
	sed -i "s/^minutes: 50/minutes: 70/" records/weekly/2026-W09.md && git add records &&
	commit_as lina@example.com 2026-03-03T10:00:00+08:00 "old breakage" --no-verify &&
	sed -i "2i # 会议纪要" records/weekly/2026-W09.md && git add records &&
	"$FLOWREC" check --staged 2>&1 | grep -q "2026-W09.md:7:.*W-LENGTH" &&
	commit_as lina@example.com 2026-03-03T11:00:00+08:00 comment 2> err &&
	grep -q "already in HEAD" err
'

test_done
