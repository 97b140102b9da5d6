#!/bin/sh
# t-render-keep.sh - a re-render writes only the pages that changed, and still swaps the whole
# site in: the pages whose bytes are the old site's stay the same files (inode and mtime).
#
# What depends on a change is derived independently: two full renders of the team, before and
# after the change, into fresh folders, and `diff -rq` between them. Then the same two renders
# into one folder: exactly those pages (and the marker, whose manifest lists them) are new
# files, every other file keeps its inode and mtime, and the folder is byte-identical to the
# fresh full render (diff -r). Also: an old page edited so that the manifest still holds is
# rewritten, not linked; an old page edited behind the manifest's back stops the render (exit
# 2, the site as it was); a deleted record's page is gone; a render that fails leaves the old
# site as it was (the same files, the same bytes, no folder left beside it).
# Teams: the example team with its real history (tools/example-history.sh), and records made
# by tools/bench/gen.mjs when node is there.
. "$TESTS/lib.sh"

TODAY=2026-03-31
ROOT=$(cd "$TESTS/.." && pwd)

# files DIR: "INODE MTIME PATH" of every file under DIR, sorted by path.
files() {
	(cd "$1" && find . -type f -printf '%i %T@ %P\n' | sort -k3)
}

# changed_pages A B: the paths that differ between the sites A and B or are in only one.
changed_pages() {
	diff -rq "$1" "$2" | sed -n -e "s|^Files $1/\(.*\) and $2/.* differ\$|\1|p" \
		-e "s|^Only in $2/*\(.*\): \(.*\)|\1/\2|p" | sed 's|^/||' | sort
}

# rewritten BEFORE AFTER: the paths of AFTER (files output) that are new files: another
# inode or another mtime than in BEFORE, or not in BEFORE.
rewritten() {
	awk 'NR == FNR { old[$3] = $1 " " $2; next } old[$3] != $1 " " $2 { print $3 }' "$1" "$2" | sort
}

# keep_case TEAM EDIT: render TEAM (a git repository) fresh and into site/, run EDIT in TEAM,
# render both ways again; the rewritten pages are exactly those the full renders differ in.
keep_case() {
	(cd "$1" && $FLOWREC render -q --today "$2" -o "$TRASH/$1.full1" &&
	 $FLOWREC render -q --today "$2" -o "$TRASH/$1.site") &&
	diff -r "$TRASH/$1.full1" "$TRASH/$1.site" &&
	files "$TRASH/$1.site" > before &&
	(cd "$1" && eval "$3") &&
	(cd "$1" && $FLOWREC render -q --today "$2" -o "$TRASH/$1.full2" &&
	 $FLOWREC render -q --today "$2" -o "$TRASH/$1.site") &&
	diff -r "$TRASH/$1.full2" "$TRASH/$1.site" &&
	changed_pages "$TRASH/$1.full1" "$TRASH/$1.full2" > want.raw &&
	{ cat want.raw; echo .flowrec-site; } | sort -u > want &&
	files "$TRASH/$1.site" > after &&
	rewritten before after > got &&
	test_cmp want got &&
	# the change showed somewhere, and most pages were kept
	test "$(wc -l < want)" -gt 1 &&
	test "$(wc -l < got)" -lt "$(($(wc -l < after) / 2))"
}

test_case "keep-setup-examples" '
	sh "$ROOT/tools/example-history.sh" "$ROOT/examples" "$TRASH/ex" > /dev/null &&
	test -d "$TRASH/ex/.git"
'

# nothing changed: not even the marker is a new file
test_case "keep-unchanged-rerender-rewrites-nothing" '
	cd "$TRASH" &&
	(cd ex && $FLOWREC render -q --today $TODAY -o "$TRASH/same") &&
	files same > before &&
	sleep 0.01 &&
	(cd ex && $FLOWREC render -q --today $TODAY -o "$TRASH/same") &&
	files same > after &&
	rewritten before after > got &&
	test_cmp /dev/null got
'

test_case "keep-manifest-ids-are-git-blob-ids" '
	cd "$TRASH" &&
	(cd ex && $FLOWREC render -q --today $TODAY -o "$TRASH/ids") &&
	(cd ids && find . -type f ! -name .flowrec-site -printf "%P\n" | LC_ALL=C sort |
	 while IFS= read -r f; do echo "$(git hash-object "$f") $f"; done) > want &&
	sed 1d ids/.flowrec-site > got &&
	test_cmp want got &&
	test "$(wc -l < got)" -gt 80
'

test_case "keep-one-weekly-record-changed" '
	cd "$TRASH" &&
	keep_case ex $TODAY "sed -i \"s/sold: 22}/sold: 23}/\" records/cards/2026-W01.md && git commit -qam \"W01 sold 23\""
'

test_case "keep-one-monthly-plan-changed-uncommitted" '
	cd "$TRASH" &&
	f=$(cd ex && find records/monthly -name "*.md" | sort | head -n 1) &&
	keep_case ex $TODAY "echo One more line of notes. >> $f"
'

test_case "keep-deleted-record-page-gone" '
	cd "$TRASH" &&
	f=$(cd ex && ls records/meetings/*.md | tail -n 1) &&
	page=$(echo "$f" | sed "s/\.md\$/.html/") &&
	test -f "ex.site/$page" &&
	keep_case ex $TODAY "git rm -q $f && git commit -qm \"drop a meeting\"" &&
	test ! -e "ex.site/$page" &&
	! grep -q " $page\$" ex.site/.flowrec-site
'

test_case "keep-tampered-page-with-manifest-is-rewritten" '
	cd "$TRASH" &&
	(cd ex && $FLOWREC render -q --today $TODAY -o "$TRASH/tamper") &&
	page=records/cards/2026-W02.html &&
	cp tamper/$page orig.html &&
	touch -r tamper/$page stamp &&
	sed -i "s/<main/<main data-edited=\"1\"/" tamper/$page &&
	! cmp -s orig.html tamper/$page &&
	# same size and mtime as before: only its bytes say it changed
	sz=$(stat -c %s orig.html) && truncate -s "$sz" tamper/$page &&
	touch -r stamp tamper/$page &&
	id=$(git hash-object tamper/$page) &&
	sed -i "s|^[0-9a-f]* $page\$|$id $page|" tamper/.flowrec-site &&
	files tamper > before &&
	(cd ex && $FLOWREC render -q --today $TODAY -o "$TRASH/tamper") &&
	cmp orig.html tamper/$page &&
	files tamper > after &&
	rewritten before after > got &&
	printf "%s\n" .flowrec-site $page | sort > want &&
	test_cmp want got &&
	(cd ex && $FLOWREC render -q --today $TODAY -o "$TRASH/tamper.full") &&
	diff -r tamper.full tamper
'

test_case "keep-tampered-page-behind-manifest-stops" '
	cd "$TRASH" &&
	(cd ex && $FLOWREC render -q --today $TODAY -o "$TRASH/edited") &&
	echo "<!-- mine -->" >> edited/index.html &&
	files edited > before && cp -a edited edited.copy &&
	(cd ex && test_expect_code 2 $FLOWREC render -q --today $TODAY -o "$TRASH/edited") 2> err &&
	grep -q "flowrec-site" err &&
	files edited > after &&
	test_cmp before after && diff -r edited.copy edited &&
	test -z "$(ls -d edited.tmp-* edited.old-* 2>/dev/null)"
'

test_case "keep-failed-render-leaves-old-site" '
	cd "$TRASH" &&
	(cd ex && $FLOWREC render -q --today $TODAY -o "$TRASH/fail") &&
	files fail > before && cp -a fail fail.copy &&
	(cd ex && echo "One more note." >> records/cards/2026-W03.md &&
	 # a page over 512 bytes cannot be written: the render fails midway, after links were made
	 (trap "" XFSZ; ulimit -f 1; exec $FLOWREC render -q --today $TODAY -o "$TRASH/fail"); rc=$?;
	 git checkout -q -- records/cards/2026-W03.md; test $rc -ne 0) &&
	files fail > after &&
	test_cmp before after && diff -r fail.copy fail &&
	test -z "$(ls -d fail.tmp-* fail.old-* 2>/dev/null)"
'

if command -v node > /dev/null; then
	test_case "keep-generated-records" '
		cd "$TRASH" &&
		node "$ROOT/tools/bench/gen.mjs" 400 gen > gen.log &&
		day=$(sed -n "s/^today //p" gen.log) &&
		(cd gen && git init -q . && git add -A && git commit -qm records) &&
		f=$(cd gen && find records/monthly -name "*.md" | sort | sed -n 3p) &&
		keep_case gen "$day" "sed -i \"s/^  highlight: .*/  highlight: a better month/\" $f && git commit -qam \"one plan\""
	'
else
	test_skip "keep-generated-records" "node is not installed (tools/install-deps.sh test)"
fi

test_done
