#!/bin/sh
# t-gitindex.sh - the index file reader (tools/core/gitindex.c) and the staged state built from
# it (repo.c): the index's snapshot, HEAD's and the staged change must be exactly what libgit2
# gives, on real repositories made with the git CLI, in every index version; whatever the
# reader does not handle exactly (split index, intent-to-add, conflicts) must be read by
# libgit2 instead; the trailing checksum is not verified, as git does not verify it. `flowrec hook debug-staged` prints the three;
# FLOWREC_GITINDEX=off forces libgit2, =only the index reader (or a failure).
. "$TESTS/lib.sh"

ROOT=$(cd "$TESTS/.." && pwd)

# debug_both [PREFIX]: the libgit2 and the index reader's views are identical, and the index
# reader read them (reader.err says how many trees of HEAD it read).
debug_both() {
	FLOWREC_GITINDEX=off "$FLOWREC" hook debug-staged "$@" > slow.txt 2> slow.err &&
	grep -q "^reader: libgit2 (FLOWREC_GITINDEX=off)" slow.err &&
	FLOWREC_GITINDEX=only "$FLOWREC" hook debug-staged "$@" > fast.txt 2> reader.err &&
	grep -q "^reader: index file" reader.err &&
	test_cmp slow.txt fast.txt &&
	"$FLOWREC" hook debug-staged "$@" > auto.txt 2> /dev/null &&
	test_cmp slow.txt auto.txt
}

# fallback WHY: the index reader refuses this index (saying WHY), and the default reader gives
# libgit2's answer.
fallback() {
	FLOWREC_GITINDEX=off "$FLOWREC" hook debug-staged > slow.txt 2> /dev/null &&
	test_must_fail env FLOWREC_GITINDEX=only "$FLOWREC" hook debug-staged > /dev/null 2> only.err &&
	grep -q "FLOWREC_GITINDEX=only: .*$1" only.err &&
	"$FLOWREC" hook debug-staged > auto.txt 2> auto.err &&
	grep -q "^reader: libgit2 (.*$1" auto.err &&
	test_cmp slow.txt auto.txt
}

# trees_at_most N: the staged change read at most N trees of HEAD (the cache-tree spared the
# rest).
trees_at_most() {
	n=$(sed -n 's/^reader: index file (\([0-9]*\) trees)$/\1/p' reader.err) &&
	test -n "$n" && test "$n" -le "$1" || { cat reader.err; return 1; }
}

# many_files: a repository with records in nested folders, schemas, a config, and files
# flowrec does not read (in and beside records/), committed.
many_files() {
	git init -q . &&
	mkdir -p records/weekly/2026 records/weekly/2027 records/monthly records/.hidden schemas docs &&
	for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
		printf -- '---\nkind: weekly-meeting\nweek: 2026-W%s\n---\n' $i > records/weekly/2026/2026-W$i.md &&
		printf -- '---\nkind: weekly-meeting\nweek: 2027-W%s\n---\n' $i > records/weekly/2027/2027-W$i.md &&
		printf 'doc %s\n' $i > docs/d$i.txt || return 1
	done &&
	printf -- '---\nkind: monthly-plan\n---\n' > records/monthly/a.md &&
	printf 'not a record\n' > records/notes.txt &&
	printf 'hidden\n' > records/.hidden/x.md &&
	printf 'team: t\n' > flowrec.yaml &&
	printf 'type: object\n' > schemas/weekly-meeting.yaml &&
	printf 'x\n' > README &&
	git add . && git commit -q -m base
}

# for each index version: the same changes, read both ways
for v in 2 3 4; do
	test_case "gitindex-v$v-one-record-modified" "
		many_files &&
		echo changed >> records/weekly/2026/2026-W07.md && git add records/weekly/2026/2026-W07.md &&
		git update-index --index-version $v &&
		debug_both && trees_at_most 4 &&
		grep -q '^change records/weekly/2026/2026-W07.md ' fast.txt &&
		test \$(grep -c '^change ' fast.txt) = 1
	"
	test_case "gitindex-v$v-nothing-staged" "
		many_files && git update-index --index-version $v &&
		debug_both && trees_at_most 0 && ! grep -q '^change ' fast.txt
	"
	test_case "gitindex-v$v-add-delete-modify-team" "
		many_files &&
		printf -- '---\nkind: weekly-meeting\n---\n' > records/weekly/2027/2027-W40.md &&
		mkdir -p records/cards/new && echo card > records/cards/new/c.md &&
		git rm -q records/weekly/2026/2026-W03.md records/monthly/a.md &&
		echo 'team: u' > flowrec.yaml && echo 'type: array' > schemas/cards.yml &&
		echo 'x' > docs/d99.txt && git add -A && git update-index --index-version $v &&
		debug_both && test \$(grep -c '^change ' fast.txt) -ge 5
	"
	test_case "gitindex-v$v-rename-exact-and-similar" "
		many_files &&
		git mv records/weekly/2026/2026-W05.md records/weekly/2027/moved.md &&
		sed 's/W06/W99/' records/weekly/2026/2026-W06.md > records/monthly/similar.md &&
		git rm -q records/weekly/2026/2026-W06.md && git add -A &&
		git update-index --index-version $v &&
		debug_both && grep -q 'before records/weekly/2026/2026-W05.md' fast.txt
	"
	test_case "gitindex-v$v-modes-and-symlinks" "
		many_files &&
		chmod +x records/weekly/2026/2026-W08.md &&
		ln -s ../2026/2026-W01.md records/weekly/2027/link.md &&
		rm records/weekly/2026/2026-W09.md && ln -s 2026-W01.md records/weekly/2026/2026-W09.md &&
		rm schemas/weekly-meeting.yaml && ln -s ../README schemas/weekly-meeting.yaml &&
		git add -A && git update-index --index-version $v &&
		debug_both && grep -q '^diag records/weekly/2027/link.md' fast.txt
	"
	test_case "gitindex-v$v-skip-worktree-and-assume-valid" "
		many_files &&
		echo more >> records/weekly/2027/2027-W02.md && git add records/weekly/2027/2027-W02.md &&
		git update-index --skip-worktree records/weekly/2026/2026-W11.md &&
		git update-index --assume-unchanged records/weekly/2026/2026-W12.md &&
		git update-index --index-version $v &&
		debug_both && trees_at_most 5
	"
	test_case "gitindex-v$v-team-in-a-subfolder" "
		git init -q . && mkdir -p a/team/records/w other/records &&
		echo 'team: t' > a/team/flowrec.yaml && echo r > a/team/records/w/1.md &&
		echo r > a/team/records/w/2.md && echo o > other/records/o.md &&
		echo t > a/teamfile && git add . && git commit -q -m base &&
		echo r2 >> a/team/records/w/1.md && echo o2 >> other/records/o.md &&
		echo n > a/team/records/w/3.md && echo x > a/team/README && git add -A &&
		git update-index --index-version $v &&
		debug_both a/team && test \$(grep -c '^change ' fast.txt) = 2 &&
		grep -q '^record records/w/3.md ' fast.txt && ! grep -q other fast.txt
	"
	test_case "gitindex-v$v-read-tree-invalidates-cache-tree" "
		many_files && git checkout -q -b side &&
		echo side >> records/weekly/2026/2026-W02.md && git commit -q -am side &&
		git checkout -q main && git read-tree side &&
		git update-index --index-version $v &&
		debug_both && grep -q '^change records/weekly/2026/2026-W02.md ' fast.txt &&
		echo x >> records/weekly/2027/2027-W03.md && git update-index records/weekly/2027/2027-W03.md &&
		debug_both && test \$(grep -c '^change ' fast.txt) = 2
	"
done

test_case "gitindex-no-commit-yet" '
	git init -q . && mkdir -p records/w && echo r > records/w/1.md && echo t > flowrec.yaml &&
	git add . && debug_both && test $(grep -c "^change " fast.txt) = 2
'

test_case "gitindex-many-files-manyfiles-feature" '
	git init -q . && mkdir -p records &&
	i=0 && while [ $i -lt 300 ]; do
		mkdir -p records/d$((i % 17)) && echo $i > records/d$((i % 17))/r$i.md && i=$((i + 1))
	done && git -c feature.manyFiles=true add . && git -c feature.manyFiles=true commit -q -m base &&
	echo y >> records/d3/r20.md && git -c feature.manyFiles=true add records/d3/r20.md &&
	test "$(od -An -tu1 -j7 -N1 .git/index | tr -d " ")" = 4 &&
	debug_both && trees_at_most 3
'

# trailer N: overwrite the index's 20-byte trailing checksum with N (zeros: index.skipHash,
# git 2.40's feature.manyFiles; 377: a wrong one), in octal
trailer() {
	size=$(wc -c < .git/index) &&
	head -c 20 /dev/zero | tr "\0" "\\$1" |
		dd of=.git/index bs=1 seek=$((size - 20)) conv=notrunc 2> /dev/null
}

# The checksum is not verified, as git itself does not verify it when it reads the index:
# an index with none (index.skipHash, all zeros; libgit2 1.5 cannot read it) or a wrong one
# is read as git reads it, the same lists as libgit2 gave before the trailer was touched.
for t in 000 377; do
	test_case "gitindex-trailer-$t-read-like-git" "
		many_files && echo s >> records/monthly/a.md && git add records &&
		FLOWREC_GITINDEX=off \"\$FLOWREC\" hook debug-staged > slow.txt 2> /dev/null &&
		trailer $t && test \"\$(tail -c 1 .git/index | od -An -to1 | tr -d ' ')\" = $t &&
		test \"\$(git diff --cached --name-only)\" = records/monthly/a.md &&
		FLOWREC_GITINDEX=only \"\$FLOWREC\" hook debug-staged > fast.txt 2> reader.err &&
		grep -q '^reader: index file' reader.err && test_cmp slow.txt fast.txt &&
		\"\$FLOWREC\" hook debug-staged > auto.txt 2> /dev/null && test_cmp slow.txt auto.txt
	"
done

# ... and the hook's verdict on such an index is the one on the intact index
test_case "gitindex-skiphash-hook-verdict" '
	git init -q . && cp "$ROOT/examples/flowrec.yaml" . && cp -R "$ROOT/examples/records" . &&
	git add . && commit_as wang@example.com 2026-01-05T09:00:00+08:00 base --no-verify &&
	f=$(git ls-files records/weekly | head -1) &&
	sed "s/^kind: weekly-meeting/kind: weekly-meeting\nbogus_field: 1/" "$f" > t && mv t "$f" &&
	git add "$f" &&
	test_must_fail env FLOWREC_GITINDEX=off "$FLOWREC" hook pre-commit 2> intact.err &&
	grep -q "bogus_field" intact.err && trailer 000 &&
	test_must_fail env FLOWREC_GITINDEX=only "$FLOWREC" hook pre-commit 2> zeros.err &&
	test_cmp intact.err zeros.err
'

# libgit2 cannot read a split index either: the hook fails as it did, it does not guess
test_case "gitindex-split-index-falls-back" '
	many_files && echo s >> records/weekly/2026/2026-W04.md && git add records &&
	git update-index --split-index && echo t >> records/weekly/2026/2026-W05.md && git add records &&
	test_must_fail env FLOWREC_GITINDEX=only "$FLOWREC" hook debug-staged > /dev/null 2> only.err &&
	grep -q "FLOWREC_GITINDEX=only: " only.err &&
	test_must_fail env FLOWREC_GITINDEX=off "$FLOWREC" hook debug-staged > /dev/null 2> off.err &&
	test_must_fail "$FLOWREC" hook debug-staged > /dev/null 2> auto.err &&
	test_cmp off.err auto.err && grep -q "link" auto.err
'

test_case "gitindex-intent-to-add-falls-back" '
	many_files && echo n > records/weekly/2027/new.md && git add -N records/weekly/2027/new.md &&
	fallback "intent-to-add"
'

test_case "gitindex-conflict-falls-back" '
	many_files && git checkout -q -b side && echo a >> records/monthly/a.md && git commit -q -am a &&
	git checkout -q main && echo b >> records/monthly/a.md && git commit -q -am b &&
	test_must_fail git merge -q side > /dev/null 2>&1 &&
	fallback "unmerged"
'

test_case "gitindex-GIT_INDEX_FILE" '
	many_files && cp .git/index other.idx &&
	echo s >> records/monthly/a.md && GIT_INDEX_FILE=other.idx git add records &&
	GIT_INDEX_FILE=other.idx debug_both && grep -q "^change records/monthly/a.md " fast.txt &&
	debug_both && ! grep -q "^change " fast.txt
'

# real commits through the installed hook: the verdict and the messages are the same both ways
test_case "gitindex-hook-commit-same-verdict" '
	git init -q . && cp "$ROOT/examples/flowrec.yaml" . && cp -R "$ROOT/examples/records" . &&
	git add . && commit_as wang@example.com 2026-01-05T09:00:00+08:00 base --no-verify &&
	"$FLOWREC" hook install pre-commit > /dev/null &&
	f=$(git ls-files records/weekly | head -1) &&
	sed "s/^kind: weekly-meeting/kind: weekly-meeting\nbogus_field: 1/" "$f" > t && mv t "$f" &&
	git add "$f" &&
	test_must_fail env FLOWREC_GITINDEX=off git commit -q -m bad 2> off.err &&
	test_must_fail env FLOWREC_GITINDEX=only FLOWREC_HOOK_TRACE="$PWD/../trace" git commit -q -m bad 2> only.err &&
	test_cmp off.err only.err && grep -q "commit rejected" only.err &&
	grep -q "^index read ahead" ../trace &&
	test_must_fail env FLOWREC_GITINDEX=only FLOWREC_THREADS=1 FLOWREC_HOOK_TRACE="$PWD/../trace1" git commit -q -m bad 2> one.err &&
	test_cmp off.err one.err && ! grep -q "^index read ahead" ../trace1 &&
	git checkout -q HEAD -- "$f" &&
	echo >> "$f" && git add "$f" &&
	FLOWREC_GITINDEX=only commit_as wang@example.com 2026-01-06T09:00:00+08:00 ok 2> ok.err &&
	test "$(git log --format=%s -1)" = ok
'

# git commit -a and git commit PATH run the hook on a temporary index ($GIT_INDEX_FILE)
test_case "gitindex-hook-commit-a-and-partial-commit" '
	git init -q . && cp "$ROOT/examples/flowrec.yaml" . && cp -R "$ROOT/examples/records" . &&
	git add . && commit_as wang@example.com 2026-01-05T09:00:00+08:00 base --no-verify &&
	"$FLOWREC" hook install pre-commit > /dev/null &&
	f=$(git ls-files records/weekly | head -1) && g=$(git ls-files records/weekly | tail -1) &&
	sed "s/^kind: weekly-meeting/kind: weekly-meeting\nbogus_field: 1/" "$f" > t && mv t "$f" &&
	test_must_fail env FLOWREC_GITINDEX=off git commit -q -a -m bad 2> off.err &&
	test_must_fail env FLOWREC_GITINDEX=only git commit -q -a -m bad 2> only.err &&
	test_cmp off.err only.err && grep -q "commit rejected" only.err &&
	test_must_fail env FLOWREC_GITINDEX=only git commit -q -m bad -- "$f" 2> partial.err &&
	test_cmp off.err partial.err &&
	echo >> "$g" &&
	FLOWREC_GITINDEX=only commit_as wang@example.com 2026-01-06T09:00:00+08:00 partial -- "$g" &&
	test "$(git log --format=%s -1)" = partial && test "$(git diff --cached --name-only)" = "" &&
	git checkout -q -- "$f" && echo >> "$f" &&
	FLOWREC_GITINDEX=only commit_as wang@example.com 2026-01-07T09:00:00+08:00 all -a &&
	test "$(git log --format=%s -1)" = all
'

test_done
