#!/bin/sh
# t-gate-received.sh - the server's clock: the post-receive hook notes when each new commit
# arrived (refs/notes/flowrec-received), and `due`, `report` and the site judge by it instead
# of the commit dates, which whoever commits chooses. Real bare servers, real pushes over the
# local transport, real clones.
. "$TESTS/lib.sh"

NOTES=refs/notes/flowrec-received
M=records/monthly/2026-04/王强.md

plan() {     # plan PERSON MONTH
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
  blank_sheet:
    - {role: 销售代表, person: $1, action: 完成3家新客户首单, due: $2-15}
---
EOF
}

# new_server: server.git (bare, `hook install`: pre-receive and post-receive) seeded with the
# team config; work/ its clone.
new_server() {
	new_team seed &&
	serve_seed install.out first.err
}

# late_plan: 王强's plan for April, dated the 30th of March (on time by its dates) but
# pushed now, long after the deadline of the 31st.
late_plan() {
	mkdir -p records/monthly/2026-04 && plan 王强 2026-04 > $M && git add records &&
	commit_as wangqiang@example.com 2026-03-30T10:00:00+08:00 "plan, backdated"
}

fetch_notes() {
	git fetch -q origin "refs/notes/*:refs/notes/*"
}

# on_time: the plan's on_time in `report --format json`
on_time() {
	"$FLOWREC" report --format json > report.json &&
	jq -c ".records[] | select(.path == \"$M\") | .on_time" report.json
}

test_case "install-in-a-bare-repository-puts-both-server-hooks" '
	new_server &&
	grep -q "installed the pre-receive hook" install.out &&
	grep -q "installed the post-receive hook: .*server.git/hooks/post-receive" install.out &&
	sed "s|@FLOWREC@|$(readlink -f "$FLOWREC")|; /printf @MISSING@ /d" "$TESTS/../hooks/post-receive" > want &&
	grep -v "^	*printf .flowrec hook: .* \"\$installed\" >&2\$" server.git/hooks/post-receive > got &&
	test_cmp want got && test -x server.git/hooks/post-receive &&
	test "$(grep -c "^	*printf " server.git/hooks/post-receive)" = 1 &&
	git init -q --bare other.git && (cd other.git && "$FLOWREC" hook install post-receive > out) &&
	test -x other.git/hooks/post-receive && test_must_fail test -e other.git/hooks/pre-receive
'

test_case "the-first-push-to-an-empty-server-keeps-its-commit-dates" '
	new_server &&
	grep -q "first push to an empty server" first.err &&
	test_must_fail git --git-dir=server.git rev-parse -q --verify $NOTES
'

test_case "a-backdated-late-plan-is-late-by-the-servers-clock" '
	new_server && cd work && late_plan &&
	before=$(date +%s) && git push -q origin main 2> err && after=$(date +%s) &&
	git --git-dir=../server.git notes --ref=flowrec-received show HEAD > note &&
	grep -q "^ref: refs/heads/main$" note &&
	at=$(sed -n "s/^received: //p" note) && t=$(date -d "$at" +%s) &&
	test "$t" -ge "$before" && test "$t" -le "$after" &&
	# without the notes: the commit date says on time (what the note fixes)
	test "$(on_time)" = true &&
	"$FLOWREC" due --format json > due.json &&
	test "$(jq -r .clock due.json)" = commit &&
	test "$(jq -c "[.items[] | select(.path == \"$M\")]" due.json)" = "[]" &&
	"$FLOWREC" due > due.txt && grep -q "^clock: commit dates (can be backdated)$" due.txt &&
	# with them: late, said so
	fetch_notes &&
	test "$(on_time)" = false && test "$(jq -r .on_time.clock report.json)" = received &&
	"$FLOWREC" due --format json > due.json &&
	test "$(jq -r .clock due.json)" = received &&
	test "$(jq -r ".items[] | select(.path == \"$M\") | [.rule, .status, .clock] | @tsv" due.json)" = "$(printf "M-ONTIME\tlate\treceived")" &&
	"$FLOWREC" due > due.txt &&
	grep -q "^clock: server receive time (refs/notes/flowrec-received)$" due.txt &&
	grep -q "^late .*王强  *monthly-plan" due.txt
'

test_case "report-and-site-say-which-clock" '
	new_server && cd work && late_plan && git push -q origin main 2> err &&
	"$FLOWREC" report --lang en > r.txt && grep -q "(clock: commit dates (can be backdated))" r.txt &&
	"$FLOWREC" report --lang en --format md > r.md && grep -q "^_clock: commit dates (can be backdated)_$" r.md &&
	"$FLOWREC" render -o site > /dev/null && grep -q "时间依据：提交记录上的日期（可被改早）" site/index.html &&
	fetch_notes &&
	"$FLOWREC" report --lang en > r.txt &&
	grep -q "(clock: server receive time (refs/notes/flowrec-received))" r.txt &&
	"$FLOWREC" render -o site > /dev/null &&
	grep -q "时间依据：服务器收到提交的时间（refs/notes/flowrec-received）" site/index.html
'

test_case "notes-survive-a-clone-and-a-fetch-of-refs-notes" '
	new_server && cd work && late_plan && git push -q origin main 2> err && cd .. &&
	git clone -q server.git other && cd other &&
	test_must_fail git rev-parse -q --verify $NOTES &&
	"$FLOWREC" due --format json > due.json && test "$(jq -r .clock due.json)" = commit &&
	fetch_notes && git rev-parse -q --verify $NOTES > /dev/null &&
	git notes --ref=flowrec-received show HEAD | grep -q "^received: 20[0-9-]*T[0-9:]*Z$" &&
	"$FLOWREC" due --format json > due.json && test "$(jq -r .clock due.json)" = received &&
	test "$(jq -r ".items[] | select(.path == \"$M\") | .status" due.json)" = late
'

test_case "a-commit-keeps-its-first-note-when-it-reaches-another-ref" '
	new_server && cd work && late_plan &&
	git push -q origin HEAD:refs/heads/draft 2> err &&
	git --git-dir=../server.git notes --ref=flowrec-received show $(git rev-parse HEAD) > first &&
	grep -q "^ref: refs/heads/draft$" first &&
	n=$(git --git-dir=../server.git rev-list --count $NOTES) &&
	sleep 1 && git push -q origin main 2> err &&
	git --git-dir=../server.git notes --ref=flowrec-received show $(git rev-parse HEAD) > second &&
	test_cmp first second &&
	test "$(git --git-dir=../server.git rev-list --count $NOTES)" = "$n"
'

test_case "the-note-names-the-pusher-the-host-names" '
	new_server && cd work && late_plan &&
	GL_USERNAME=wangqiang git push -q origin main 2> err &&
	git --git-dir=../server.git notes --ref=flowrec-received show HEAD > note &&
	grep -q "^pusher: wangqiang$" note &&
	git commit -q --allow-empty -m empty &&
	GITEA_PUSHER_NAME="$(printf "evil\nreceived: 2020-01-01T00:00:00Z")" git push -q origin main 2> err &&
	git --git-dir=../server.git notes --ref=flowrec-received show HEAD > note &&
	test "$(grep -c "^received: " note)" = 1 && grep -q "^pusher: evil?received" note
'

test_case "a-note-that-cannot-be-written-loses-no-push-and-says-so" '
	new_server && cd work && late_plan &&
	mkdir -p ../server.git/refs/notes && : > ../server.git/$NOTES.lock &&
	git push origin main 2> err &&
	test "$(git --git-dir=../server.git rev-parse main)" = "$(git rev-parse HEAD)" &&
	grep -q "remote: .*the push is in, but its receive time is not noted in refs/notes/flowrec-received" err &&
	rm ../server.git/$NOTES.lock
'

test_case "a-push-of-the-notes-ref-is-refused" '
	new_server && cd work && late_plan && git push -q origin main 2> err && fetch_notes &&
	git notes --ref=flowrec-received add -f -m "received: 2026-03-30T00:00:00Z" HEAD &&
	test_must_fail git push origin $NOTES 2> err &&
	grep -q "the server writes its flowrec notes itself" err &&
	git --git-dir=../server.git notes --ref=flowrec-received show HEAD | test_must_fail grep -q 2026-03-30
'

test_case "malformed-notes-are-no-receive-time" '
	new_server && cd work && late_plan && git push -q origin main 2> err && fetch_notes &&
	for bad in "received: 2026-13-45T99:99:99Z" "received:2026-12-01T00:00:00Z" \
		"received: 1970-01-01T00:00:00Z" "received: 2026-12-01T00:00:00Zjunk" \
		"received: $(printf "%0300d" 0)" "pusher: x"; do
		git notes --ref=flowrec-received add -f -m "$bad" HEAD 2> /dev/null &&
		"$FLOWREC" due --format json > due.json &&
		test "$(jq -r .clock due.json)" = commit || { echo "with the note: $bad"; return 1; }
	done &&
	printf "received: 2026-12-01T00:00:00Z\0pusher: x\n" > nul.note &&
	git notes --ref=flowrec-received add -f -F nul.note HEAD &&
	"$FLOWREC" due --format json > due.json && test "$(jq -r .clock due.json)" = received
'

test_done
