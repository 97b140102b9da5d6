#!/bin/sh
# t-git-hooks.sh - check --staged / --rev, `flowrec hook install`, the pre-commit and
# pre-receive hooks, G-APPROVAL and G-OWNER, against real repositories made with the git CLI.
# Every commit has a fixed author, committer and date; the server is a bare repository that
# receives pushes over the local transport.
. "$TESTS/lib.sh"

ROOT=$(cd "$TESTS/.." && pwd)

# new_server: server.git (bare, pre-receive installed), seeded with the team config, and its
# clone work/.
new_server() {
	new_team seed &&
	serve_seed
}

# same_hook NAME FILE: FILE is hooks/NAME as install writes it: this flowrec's path in place of
# @FLOWREC@, and the line of @MISSING@ a printf of the message (quoted, translated: run below).
same_hook() {
	sed "s|@FLOWREC@|$(readlink -f "$FLOWREC")|; /printf @MISSING@ /d" "$ROOT/hooks/$1" > want.hook &&
	grep -v "^	*printf 'flowrec hook: .*' \"\$installed\" >&2\$" "$2" > got.hook &&
	test_cmp want.hook got.hook && test "$(grep -c "^	*printf '" "$2")" = 1
}

# Records (stdout). Complete unless said otherwise.
weekly() {   # weekly WEEK MONDAY HOST [MINUTES]
	cat <<EOF
---
kind: weekly-meeting
week: $1
date: $2
started: "09:10"
minutes: ${4:-50}
host: $3
attendees: [王经理, 李娜, 刘芳, 孙丽, 周杰]
reports:
  - person: 李娜
    this_week:
      - {task: 拜访重点客户, target: 5, unit: 家}
      - {task: 回款, target: 25, unit: 万元}
      - {task: 红黄牌产品销售, target: 40, unit: 台}
departments:
  - {department: 财务部, head: 刘芳, tasks: [{task: 完成对账, owner: 刘芳}]}
  - {department: 物流部, head: 孙丽, tasks: [{task: X1到仓入库, owner: 孙丽}]}
  - {department: 售后部, head: 周杰, tasks: [{task: 售后培训资料, owner: 周杰}]}
---
EOF
}

plan() {     # plan PERSON MONTH [incomplete]
	cat <<EOF
---
kind: monthly-plan
person: $1
month: $2
summary:
  metrics:
    - {name: 销售额, unit: 万元, target: 120, actual: 110}
  highlight: 拿下苏州新科首单80万元
  lowlight: 回款偏慢
plan:
  metrics:
    - {name: 销售额, unit: 万元, target: 130, measures: [每周拜访重点客户5家]}
  golden_page:
    - {action: 与华信科技签订季度返利协议, owner: $1, due: $2-10}
EOF
	[ "${3:-}" = incomplete ] ||
		printf '  blank_sheet:\n    - {role: 销售代表, person: %s, action: 完成3家新客户首单, due: %s-15}\n' "$1" "$2"
	echo ---
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

scorecard() { # scorecard [REVIEWER]
	printf -- '---\nkind: partner-scorecard\npartner: 华信科技\nclass: A\nmonth: 2026-03\nscorer: 李娜\n'
	printf 'factors:\n  - {name: 销售增长, weight: 60, score: 85}\n  - {name: 回款及时, weight: 40, score: 90}\n'
	[ -n "${1:-}" ] && echo "reviewed: {by: $1, date: 2026-03-31}"
	echo ---
}

# ---- check --staged and --rev ----

test_case "check-staged-uses-the-index-not-the-working-tree" '
	new_team r && cd r &&
	mkdir -p records/weekly &&
	weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md &&
	git add records &&
	weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md &&
	"$FLOWREC" check --staged &&
	test_must_fail "$FLOWREC" check 2> err &&
	grep -q "\[W-LENGTH\]" err &&
	weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md &&
	git add records &&
	weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md && git add records &&
	weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md &&
	"$FLOWREC" check &&
	test_expect_code 1 "$FLOWREC" check --staged 2> err &&
	grep -q "^records/weekly/2026-W10.md:6:10: error: .*\[W-LENGTH\]$" err
'

test_case "check-staged-cross-record-rules-see-the-same-snapshot" '
	new_team r && cd r &&
	mkdir -p records/weekly &&
	weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md &&
	git add records &&
	weekly 2026-W10 2026-03-02 李娜 > records/weekly/copy-of-W10.md &&
	test_must_fail "$FLOWREC" check 2> err &&
	grep -q "\[X-UNIQUE\]" err &&
	"$FLOWREC" check --staged 2> err &&
	test_must_fail grep -q "\[X-UNIQUE\]" err
'

test_case "check-staged-config-and-schemas-come-from-the-index" '
	new_team r && cd r &&
	mkdir -p records/weekly schemas &&
	weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md &&
	printf "rules: {W-LENGTH: off}\n" >> flowrec.yaml &&
	git add flowrec.yaml records &&
	git show HEAD:flowrec.yaml > flowrec.yaml &&
	test_must_fail "$FLOWREC" check 2> err && grep -q "\[W-LENGTH\]" err &&
	"$FLOWREC" check --staged 2> err && test_must_fail grep -q "\[W-LENGTH\]" err &&
	echo "team: [broken" > flowrec.yaml &&
	"$FLOWREC" check --staged &&
	git show HEAD:flowrec.yaml > flowrec.yaml && git add flowrec.yaml &&
	test_must_fail "$FLOWREC" check --staged 2> err && grep -q "\[W-LENGTH\]" err &&
	sed "s/maximum: 60/maximum: 90/" "$ROOT/schemas/weekly-meeting.yaml" > schemas/weekly-meeting.yaml &&
	git add schemas && rm -r schemas &&
	"$FLOWREC" check --staged &&
	test_must_fail "$FLOWREC" check 2> err && grep -q "\[W-LENGTH\]" err &&
	echo "type: [" > ../bad.yaml && git update-index --add --cacheinfo 100644,$(git hash-object -w ../bad.yaml),schemas/cards.yaml &&
	test_expect_code 2 "$FLOWREC" check --staged 2> err &&
	grep -q "^schemas/cards.yaml:" err
'

test_case "check-rev-checks-a-commit-with-its-own-config" '
	new_team r && cd r &&
	mkdir -p records/weekly &&
	weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md &&
	git add records && commit_as lina@example.com 2026-03-02T10:00:00+08:00 good &&
	weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md &&
	git add records && commit_as lina@example.com 2026-03-02T11:00:00+08:00 bad &&
	git rm -q -r records && commit_as lina@example.com 2026-03-02T12:00:00+08:00 gone &&
	"$FLOWREC" check --rev HEAD~2 &&
	test_expect_code 1 "$FLOWREC" check --rev HEAD~1 2> err &&
	grep -q "^records/weekly/2026-W10.md:6:10: error: .*\[W-LENGTH\]$" err &&
	"$FLOWREC" check --rev HEAD &&
	test_expect_code 1 "$FLOWREC" check --rev HEAD~1 --format json > out &&
	grep -q "\"rule\": \"W-LENGTH\"" out &&
	test_expect_code 1 "$FLOWREC" check --rev HEAD~1 records/weekly 2> err &&
	grep -q "\[W-LENGTH\]" err
'

test_case "check-snapshot-failures-are-one-line-exit-2" '
	mkdir plain && cp "$TESTS/rules/team.yaml" plain/flowrec.yaml && cd plain &&
	GIT_CEILING_DIRECTORIES=$PWD/.. test_expect_code 2 "$FLOWREC" check --staged 2> err &&
	echo "flowrec: not a git repository: '\''$PWD'\''" > want && test_cmp want err &&
	cd .. && new_team r && cd r &&
	test_expect_code 2 "$FLOWREC" check --rev nosuch 2> err &&
	echo "flowrec: unknown revision '\''nosuch'\''" > want && test_cmp want err &&
	test_expect_code 2 "$FLOWREC" check --staged --rev HEAD 2> err &&
	grep -q "cannot be used together" err &&
	git rm -q --cached flowrec.yaml &&
	test_expect_code 2 "$FLOWREC" check --staged 2> err &&
	test "$(wc -l < err)" = 1 && grep -q "^flowrec: no flowrec.yaml in the index" err
'

# ---- hook install ----

test_case "hook-install-writes-pre-commit-that-runs-this-flowrec" '
	new_team r && cd r &&
	"$FLOWREC" hook install > out &&
	test -x .git/hooks/pre-commit &&
	same_hook pre-commit .git/hooks/pre-commit &&
	grep -q "installed the pre-commit hook: .*/.git/hooks/pre-commit" out &&
	"$FLOWREC" hook install > out && test_must_fail ls .git/hooks/*backup* 2> /dev/null
'

test_case "hook-install-in-a-bare-repository-writes-pre-receive" '
	git init -q --bare server.git && cd server.git &&
	"$FLOWREC" hook install &&
	same_hook pre-receive hooks/pre-receive && test -x hooks/pre-receive &&
	test_must_fail test -e hooks/pre-commit
'

test_case "hook-install-honours-core-hooksPath" '
	new_team r && cd r &&
	git config core.hooksPath team-hooks &&
	mkdir sub && (cd sub && "$FLOWREC" hook install > /dev/null) &&
	test -x team-hooks/pre-commit && test_must_fail test -e .git/hooks/pre-commit &&
	mkdir -p records/weekly &&
	weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md && git add records &&
	test_must_fail commit_as lina@example.com 2026-03-02T10:00:00+08:00 bad 2> err &&
	grep -q "\[W-LENGTH\]" err
'

test_case "hook-install-never-silently-replaces-a-foreign-hook" '
	new_team r && cd r &&
	printf "#!/bin/sh\necho mine\n" > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit &&
	cp .git/hooks/pre-commit ../mine &&
	test_expect_code 2 "$FLOWREC" hook install 2> err &&
	test "$(wc -l < err)" = 1 &&
	grep -q "^flowrec: .*pre-commit. exists and was not written by flowrec.*--force" err &&
	test_cmp ../mine .git/hooks/pre-commit &&
	"$FLOWREC" hook install --force > out &&
	test_cmp ../mine .git/hooks/pre-commit.flowrec-backup &&
	grep -q "flowrec-hook: 1" .git/hooks/pre-commit &&
	grep -q "kept the old pre-commit hook as" out &&
	"$FLOWREC" hook install && test_must_fail test -e .git/hooks/pre-commit.flowrec-backup.1
'

test_case "hook-falls-back-to-flowrec-in-PATH" '
	new_team r && cd r && "$FLOWREC" hook install > /dev/null &&
	sed "s|^installed=.*|installed=/nonexistent/flowrec|" .git/hooks/pre-commit > h &&
	mv h .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit &&
	mkdir -p records/weekly ../bin &&
	weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md && git add records &&
	PATH=/usr/bin:/bin test_must_fail commit_as lina@example.com 2026-03-02T10:00:00+08:00 bad 2> err &&
	grep -q "flowrec is neither at ./nonexistent/flowrec. nor in PATH" err &&
	ln -s "$FLOWREC" ../bin/flowrec &&
	PATH=$PWD/../bin:/usr/bin:/bin test_must_fail commit_as lina@example.com 2026-03-02T10:00:00+08:00 bad 2> err &&
	grep -q "\[W-LENGTH\]" err
'

# The script cannot ask a missing flowrec for a translation: install writes its one message in
# the language of the install (--lang, the environment, the team's locale; a server: HEAD's).
test_case "hook-message-in-the-team-language" '
	new_team r && cd r && mkdir ../gone && cp "$FLOWREC" ../gone/flowrec &&
	env -u LANGUAGE ../gone/flowrec hook install > out && grep -q "^已安装 pre-commit 钩子：" out &&
	rm ../gone/flowrec &&
	PATH=/usr/bin:/bin test_expect_code 1 git commit -q --allow-empty -m x 2> err &&
	printf "%s\\n" "flowrec 钩子：找不到 flowrec，'\''$(cd .. && pwd)/gone/flowrec'\'' 和 PATH 里都没有；请重新安装 flowrec，或用新装的 flowrec 再运行一次 '\''flowrec hook install'\''" > want &&
	test_cmp want err &&
	cp "$FLOWREC" "../gone/fl%s\\n" && "../gone/fl%s\\n" --lang en hook install > /dev/null &&
	rm "../gone/fl%s\\n" &&
	PATH=/usr/bin:/bin test_expect_code 1 git commit -q --allow-empty -m x 2> err &&
	printf "%s\\n" "flowrec hook: flowrec is neither at '\''$(cd .. && pwd)/gone/fl%s\\n'\'' nor in PATH; install it again or run '\''flowrec hook install'\'' from the new one" > want &&
	test_cmp want err &&
	git init -q --bare ../server.git && git push -q ../server.git main 2> /dev/null && cd ../server.git &&
	env -u LANGUAGE "$FLOWREC" hook install > /dev/null 2>&1 &&
	grep -q "^	*printf .flowrec 钩子：找不到 flowrec" hooks/pre-receive &&
	LANG=en_US.UTF-8 "$FLOWREC" hook install > /dev/null 2>&1 &&
	grep -q "^	*printf .flowrec hook: flowrec is neither" hooks/pre-receive
'

# uninstall removes what flowrec wrote and nothing else: a foreign hook stays, with one line and
# exit 1; the hook a forced install put aside is named, not moved back.
test_case "hook-uninstall-removes-only-its-own" '
	new_team r && cd r && "$FLOWREC" hook install > /dev/null &&
	"$FLOWREC" hook uninstall > out && test_must_fail test -e .git/hooks/pre-commit &&
	grep -qx "removed the pre-commit hook: .*/r/.git/hooks/pre-commit" out &&
	"$FLOWREC" hook uninstall > out && grep -qx "no flowrec hook in .*/r/.git/hooks.: nothing to remove" out &&
	"$FLOWREC" hook uninstall pre-receive > out && grep -qx "no pre-receive hook in .*: nothing to remove" out &&
	printf "#!/bin/sh\necho mine\n" > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit &&
	cp .git/hooks/pre-commit ../mine &&
	test_expect_code 1 "$FLOWREC" hook uninstall > out 2> err && test "$(wc -l < err)" = 1 &&
	grep -qx "flowrec: .*/r/.git/hooks/pre-commit. was not written by flowrec: left as it is (remove it yourself if you no longer want it)" err &&
	test_cmp ../mine .git/hooks/pre-commit && test_must_fail test -s out &&
	test_expect_code 1 "$FLOWREC" --lang zh-CN hook uninstall pre-commit 2> err &&
	grep -q "不是 flowrec 写的：保持不动" err &&
	"$FLOWREC" hook install --force > /dev/null &&
	"$FLOWREC" hook uninstall > out && test_must_fail test -e .git/hooks/pre-commit &&
	grep -q "still kept as .*pre-commit.flowrec-backup.: rename it to .*/pre-commit. to use it again" out &&
	test_cmp ../mine .git/hooks/pre-commit.flowrec-backup &&
	"$FLOWREC" hook install pre-commit pre-receive > /dev/null 2>&1 &&
	ln -s pre-commit .git/hooks/pre-receive.tmp && mv .git/hooks/pre-receive.tmp .git/hooks/pre-receive &&
	test_expect_code 1 "$FLOWREC" hook uninstall > out 2> err &&
	test_must_fail test -e .git/hooks/pre-commit && test -L .git/hooks/pre-receive &&
	grep -q "pre-receive. was not written by flowrec" err && grep -q "removed the pre-commit hook" out &&
	test_expect_code 2 "$FLOWREC" hook uninstall post-merge 2> err && grep -q "no hook .post-merge." err
'

test_case "hook-usage-errors-exit-2" '
	test_expect_code 2 "$FLOWREC" hook 2> err &&
	test_expect_code 2 "$FLOWREC" hook nosuch 2> err && grep -q "not a hook command" err &&
	test_expect_code 2 "$FLOWREC" hook install post-merge 2> err && grep -q "no hook" err &&
	GIT_CEILING_DIRECTORIES=$PWD/.. test_expect_code 2 "$FLOWREC" hook install 2> err &&
	test "$(wc -l < err)" = 1 && grep -q "^flowrec: not a git repository: " err
'

# ---- pre-commit ----

test_case "pre-commit-rejects-an-incomplete-plan-and-leaves-everything-as-it-was" '
	new_team r && cd r && "$FLOWREC" hook install > /dev/null &&
	mkdir -p records/monthly/2026-04 &&
	plan 李娜 2026-04 incomplete > records/monthly/2026-04/李娜.md &&
	echo draft > notes.txt && git add records notes.txt &&
	echo "more, unstaged" >> notes.txt && echo untracked > scratch.txt &&
	git ls-files -s > ../stage.before && git status --porcelain > ../status.before &&
	git diff > ../diff.before && cp .git/index ../index.before &&
	sha1sum notes.txt scratch.txt records/monthly/2026-04/李娜.md > ../files.before &&
	test_expect_code 1 commit_as lina@example.com 2026-03-30T10:00:00+08:00 plan 2> ../err &&
	grep -q "^records/monthly/2026-04/李娜.md:11:3: error: .*\[M-BLANK\]$" ../err &&
	grep -q "^flowrec: commit rejected: 1 new error" ../err &&
	test_must_fail git rev-parse -q --verify HEAD~1 &&
	git ls-files -s > stage.after && test_cmp ../stage.before stage.after && rm stage.after &&
	git status --porcelain > ../status.after && test_cmp ../status.before ../status.after &&
	git diff > ../diff.after && test_cmp ../diff.before ../diff.after &&
	sha1sum -c --quiet ../files.before &&
	# git refreshes the index itself around hooks; the hook alone leaves it byte for byte
	cp .git/index ../index.before && ls -l --time-style=full-iso .git > ../gitdir.before &&
	test_expect_code 1 "$FLOWREC" hook pre-commit 2> /dev/null &&
	cmp ../index.before .git/index &&
	ls -l --time-style=full-iso .git > ../gitdir.after && test_cmp ../gitdir.before ../gitdir.after
'

test_case "pre-commit-passes-a-complete-plan-and-warnings" '
	new_team r && cd r && "$FLOWREC" hook install > /dev/null &&
	mkdir -p records/monthly/2026-04 records/weekly &&
	plan 李娜 2026-04 > records/monthly/2026-04/李娜.md &&
	weekly 2026-W10 2026-03-02 王强 | sed "/^departments:/,/售后部/d" > records/weekly/2026-W10.md &&
	git add records &&
	commit_as lina@example.com 2026-03-30T10:00:00+08:00 plan 2> err &&
	git rev-parse -q --verify HEAD~1 > /dev/null &&
	grep -q "warning: .*\[W-DEPT\]" err &&
	test_must_fail grep -q "error:" err
'

test_case "pre-commit-reports-only-the-records-the-change-touches" '
	new_team r && cd r && "$FLOWREC" hook install > /dev/null &&
	mkdir -p records/weekly records/monthly/2026-04 &&
	weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md && git add records &&
	commit_as lina@example.com 2026-03-02T10:00:00+08:00 "old breakage" --no-verify &&
	plan 李娜 2026-04 > records/monthly/2026-04/李娜.md && git add records &&
	commit_as lina@example.com 2026-03-30T10:00:00+08:00 plan 2> err &&
	test_must_fail grep -q "\[W-LENGTH\]" err &&
	echo "notes" > README && git add README &&
	commit_as lina@example.com 2026-03-30T11:00:00+08:00 readme 2> err &&
	test_must_fail test -s err &&
	git rm -q -r records flowrec.yaml &&
	commit_as wang@example.com 2026-03-30T12:00:00+08:00 "the team moves out" 2> err &&
	test_must_fail test -s err
'

test_case "pre-commit-checks-the-index-git-commit-a-builds" '
	new_team r && cd r && "$FLOWREC" hook install > /dev/null &&
	mkdir -p records/weekly &&
	weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md && git add records &&
	commit_as lina@example.com 2026-03-02T10:00:00+08:00 minutes &&
	weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md &&
	test_must_fail commit_as lina@example.com 2026-03-02T11:00:00+08:00 "commit -a" -a 2> err &&
	grep -q "\[W-LENGTH\]" err &&
	test_must_fail commit_as lina@example.com 2026-03-02T11:00:00+08:00 "commit path" records/weekly/2026-W10.md 2> err &&
	grep -q "\[W-LENGTH\]" err &&
	git diff --cached --quiet && test "$(git rev-list --count HEAD)" = 2
'

test_case "pre-commit-G-APPROVAL-only-the-approver-adds-an-approval" '
	new_team r && cd r && "$FLOWREC" hook install > /dev/null &&
	mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > records/product/2026-04/李娜.md && git add records &&
	commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > records/product/2026-04/李娜.md && git add records &&
	test_expect_code 1 commit_as lina@example.com 2026-04-01T10:00:00+08:00 forged 2> err &&
	grep -q "^records/product/2026-04/李娜.md:[0-9]*:[0-9]*: error: .*王经理.*\[G-APPROVAL\]$" err &&
	commit_as wang@example.com 2026-04-01T11:00:00+08:00 confirmed 2> err &&
	test_must_fail grep -q "\[G-APPROVAL\]" err
'

# ---- pre-receive ----

test_case "pre-receive-accepts-a-valid-push" '
	new_server && cd work &&
	mkdir -p records/weekly && weekly 2026-W10 2026-03-02 李娜 > records/weekly/2026-W10.md &&
	git add records && commit_as lina@example.com 2026-03-02T10:00:00+08:00 minutes &&
	git push -q origin main 2> err &&
	test "$(server_tip)" = "$(git rev-parse HEAD)"
'

test_case "pre-receive-rejects-a-broken-record-and-keeps-the-ref" '
	new_server && cd work && before=$(server_tip) &&
	mkdir -p records/monthly/2026-04 && plan 李娜 2026-04 incomplete > records/monthly/2026-04/李娜.md &&
	git add records && commit_as lina@example.com 2026-03-30T10:00:00+08:00 plan &&
	test_must_fail git push origin main 2> err &&
	grep -q "remote: records/monthly/2026-04/李娜.md:11:3: error: .*\[M-BLANK\]" err &&
	grep -q "remote: flowrec: push to .refs/heads/main. rejected" err &&
	test "$(server_tip)" = "$before"
'

test_case "pre-receive-checks-every-pushed-ref" '
	new_server && cd work && before=$(server_tip) &&
	mkdir -p records/monthly/2026-04 && plan 李娜 2026-04 > records/monthly/2026-04/李娜.md &&
	git add records && commit_as lina@example.com 2026-03-30T10:00:00+08:00 plan &&
	git checkout -q -b topic &&
	plan 李娜 2026-04 incomplete > records/monthly/2026-04/李娜.md &&
	git add records && commit_as lina@example.com 2026-03-30T11:00:00+08:00 broken &&
	test_must_fail git push origin main topic 2> err &&
	grep -q "remote: flowrec: push to .refs/heads/topic. rejected" err &&
	test "$(server_tip)" = "$before" &&
	test_must_fail git --git-dir=../server.git rev-parse -q --verify topic
'

test_case "pre-receive-takes-config-from-the-pushed-commit" '
	new_server && cd work &&
	mkdir -p records/weekly && weekly 2026-W10 2026-03-02 李娜 70 > records/weekly/2026-W10.md &&
	printf "rules: {W-LENGTH: warning}\n" >> flowrec.yaml &&
	git add flowrec.yaml records && commit_as wang@example.com 2026-03-02T10:00:00+08:00 relax &&
	git push origin main 2> err &&
	grep -q "remote: .*warning: .*\[W-LENGTH\]" err
'

test_case "pre-receive-ignores-deletions-and-trees-without-records" '
	new_server && cd work &&
	git checkout -q --orphan site && git rm -q -r --cached . && rm -f flowrec.yaml &&
	echo "<html>" > index.html && git add index.html &&
	commit_as lina@example.com 2026-03-02T10:00:00+08:00 site &&
	git push -q origin site 2> err &&
	git push -q origin :site 2> err &&
	test_must_fail git --git-dir=../server.git rev-parse -q --verify site
'

test_case "pre-receive-G-APPROVAL-rejects-a-forged-approval" '
	new_server && cd work && before=$(server_tip) &&
	mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 review:陈总:2026-04-02 > records/product/2026-04/李娜.md &&
	git add records && commit_as lina@example.com 2026-04-01T09:00:00+08:00 "plan, self-approved" &&
	test_must_fail git push origin main 2> err &&
	grep -q "remote: records/product/2026-04/李娜.md:[0-9]*:[0-9]*: error: .*confirm.*王经理.*lina@example.com.*\[G-APPROVAL\]" err &&
	grep -q "remote: records/product/2026-04/李娜.md:[0-9]*:[0-9]*: error: .*review.*陈总.*\[G-APPROVAL\]" err &&
	test "$(server_tip)" = "$before"
'

test_case "pre-receive-G-APPROVAL-accepts-genuine-approvals" '
	new_server && cd work &&
	mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > records/product/2026-04/李娜.md &&
	git add records && commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > records/product/2026-04/李娜.md &&
	git add records && commit_as WANG@example.com 2026-04-01T10:00:00+08:00 confirm &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 review:陈总:2026-04-02 > records/product/2026-04/李娜.md &&
	git add records && commit_as chen@example.com 2026-04-02T10:00:00+08:00 review &&
	git push origin main 2> err &&
	test_must_fail grep -q "\[G-APPROVAL\]" err &&
	test "$(server_tip)" = "$(git rev-parse HEAD)"
'

test_case "pre-receive-G-APPROVAL-checks-every-new-commit-not-only-the-tip" '
	new_server && cd work && before=$(server_tip) &&
	mkdir -p records/partners/2026-03 &&
	scorecard 王经理 > records/partners/2026-03/华信科技.md &&
	git add records && commit_as lina@example.com 2026-03-31T09:00:00+08:00 "forged review" &&
	echo "正文" >> records/partners/2026-03/华信科技.md &&
	git add records && commit_as wang@example.com 2026-03-31T10:00:00+08:00 "manager touches it" &&
	test_must_fail git push origin main 2> err &&
	grep -q "error: .*王经理.*commit $(git rev-parse --short=7 HEAD~1).*\[G-APPROVAL\]" err &&
	test "$(server_tip)" = "$before" &&
	git reset -q --hard "$before" &&
	mkdir -p records/partners/2026-03 &&
	scorecard > records/partners/2026-03/华信科技.md &&
	git add records && commit_as lina@example.com 2026-03-31T09:00:00+08:00 "scorecard" &&
	scorecard 王经理 > records/partners/2026-03/华信科技.md &&
	git add records && commit_as wang@example.com 2026-03-31T10:00:00+08:00 "review" &&
	git push origin main 2> err && test_must_fail grep -q "\[G-APPROVAL\]" err
'

test_case "pre-receive-G-APPROVAL-across-renames" '
	new_server && cd work &&
	mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > records/product/2026-04/李娜.md &&
	git add records && commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > records/product/2026-04/李娜.md &&
	git add records && commit_as wang@example.com 2026-04-01T10:00:00+08:00 confirm &&
	git push -q origin main 2> /dev/null &&
	mkdir -p records/product/plans && git mv records/product/2026-04/李娜.md records/product/plans/2026-04-李娜.md &&
	commit_as lina@example.com 2026-04-03T09:00:00+08:00 "move" &&
	git push origin main 2> err && test_must_fail grep -q "\[G-APPROVAL\]" err &&
	before=$(server_tip) &&
	git mv records/product/plans/2026-04-李娜.md records/product/plans/2026-05-李娜.md &&
	sed -i "s/^month: 2026-04/month: 2026-05/" records/product/plans/2026-05-李娜.md &&
	git add records && commit_as lina@example.com 2026-05-01T09:00:00+08:00 "reuse April approval for May" &&
	git diff --name-status -M HEAD~1 HEAD | grep -q "^R" &&
	test_must_fail git push origin main 2> err &&
	grep -q "error: .*王经理.*\[G-APPROVAL\]" err &&
	test "$(server_tip)" = "$before"
'

test_case "pre-receive-G-APPROVAL-the-roster-cannot-vouch-for-its-own-change" '
	new_server && cd work && before=$(server_tip) &&
	sed -i "s/wang@example.com/lina2@example.com/" flowrec.yaml &&
	mkdir -p records/partners/2026-03 && scorecard 王经理 > records/partners/2026-03/华信科技.md &&
	git add flowrec.yaml records && commit_as lina2@example.com 2026-03-31T09:00:00+08:00 "new email, new review" &&
	test_must_fail git push origin main 2> err &&
	grep -q "error: .*王经理.*wang@example.com.*\[G-APPROVAL\]" err &&
	test "$(server_tip)" = "$before"
'

test_case "pre-receive-G-APPROVAL-only-managers-change-the-roster-and-rules" '
	new_server && cd work && before=$(server_tip) &&
	sed -i "s/wang@example.com/lina2@example.com/" flowrec.yaml && git add flowrec.yaml &&
	commit_as lina@example.com 2026-03-31T08:00:00+08:00 "step 1: my second address is the manager" &&
	mkdir -p records/partners/2026-03 && scorecard 王经理 > records/partners/2026-03/华信科技.md &&
	git add records && commit_as lina2@example.com 2026-03-31T09:00:00+08:00 "step 2: review" &&
	test_must_fail git push origin main 2> err &&
	grep -q "remote: flowrec.yaml:1:1: error: commit $(git rev-parse --short=7 HEAD~1), authored by <lina@example.com>, changes the team.s config.*\[G-APPROVAL\]" err &&
	test "$(server_tip)" = "$before" &&
	git reset -q --hard "$before" &&
	printf "rules: {G-APPROVAL: off}\n" >> flowrec.yaml && git add flowrec.yaml &&
	commit_as lina@example.com 2026-03-31T08:00:00+08:00 "switch the check off" &&
	test_must_fail git push origin main 2> err && grep -q "flowrec.yaml:1:1: error: .*\[G-APPROVAL\]" err &&
	git reset -q --hard "$before" &&
	printf "rules: {W-ROTATION: error}\n" >> flowrec.yaml && git add flowrec.yaml &&
	commit_as chen@example.com 2026-03-31T08:00:00+08:00 "the director tunes the rules" &&
	git push origin main 2> err && test_must_fail grep -q "\[G-APPROVAL\]" err
'

test_case "pre-receive-G-APPROVAL-in-a-merge-is-judged-against-every-parent" '
	new_server && cd work &&
	mkdir -p records/product/2026-04 &&
	product 2026-04 李娜 > records/product/2026-04/李娜.md &&
	git add records && commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft &&
	git checkout -q -b approve &&
	product 2026-04 李娜 confirm:王经理:2026-04-01 > records/product/2026-04/李娜.md &&
	git add records && commit_as wang@example.com 2026-04-01T10:00:00+08:00 confirm &&
	git checkout -q main && echo notes > README && git add README &&
	commit_as lina@example.com 2026-04-01T10:30:00+08:00 readme &&
	GIT_AUTHOR_EMAIL=lina@example.com GIT_AUTHOR_DATE=2026-04-01T11:00:00+08:00 \
	GIT_COMMITTER_EMAIL=lina@example.com GIT_COMMITTER_DATE=2026-04-01T11:00:00+08:00 \
		git merge -q --no-edit approve &&
	git push origin main 2> err && test_must_fail grep -q "\[G-APPROVAL\]" err
'

test_case "pre-receive-G-OWNER-warns-by-default-and-blocks-when-an-error" '
	new_server && cd work &&
	mkdir -p records/monthly/2026-04 && plan 李娜 2026-04 > records/monthly/2026-04/李娜.md &&
	git add records && commit_as lina@example.com 2026-03-30T10:00:00+08:00 "own plan" &&
	git push origin main 2> err && test_must_fail grep -q "\[G-OWNER\]" err &&
	sed -i "s/lowlight: 回款偏慢/lowlight: 回款太慢/" records/monthly/2026-04/李娜.md &&
	git add records && commit_as wangqiang@example.com 2026-03-30T11:00:00+08:00 "not mine" &&
	git push origin main 2> err &&
	grep -q "remote: records/monthly/2026-04/李娜.md:3:9: warning: commit .*, authored by <wangqiang@example.com>, changes a record of 李娜 <lina@example.com>.*\[G-OWNER\]" err &&
	sed -i "s/lowlight: 回款太慢/lowlight: 回款偏慢/" records/monthly/2026-04/李娜.md &&
	git add records && commit_as wang@example.com 2026-03-30T12:00:00+08:00 "manager edits" &&
	git push origin main 2> err && test_must_fail grep -q "\[G-OWNER\]" err &&
	printf "rules: {G-OWNER: error}\n" >> flowrec.yaml && git add flowrec.yaml &&
	commit_as wang@example.com 2026-03-30T13:00:00+08:00 "owner rule is an error" &&
	git push -q origin main 2> /dev/null && before=$(server_tip) &&
	sed -i "s/lowlight: 回款偏慢/lowlight: 回款太慢/" records/monthly/2026-04/李娜.md &&
	git add records && commit_as wangqiang@example.com 2026-03-30T14:00:00+08:00 "not mine again" &&
	test_must_fail git push origin main 2> err &&
	grep -q "error: .*\[G-OWNER\]" err &&
	test "$(server_tip)" = "$before"
'

test_done
