#!/bin/sh
# t-render-threads.sh - render writes its pages on every core, and the site does not show it:
# the same bytes, the same files and modes, the same manifest, whatever the thread count
# (FLOWREC_THREADS=1 is one worker: the single-threaded order), fresh and over an old site;
# a write that fails in any thread leaves the old site as it was, no folder beside it, and
# reports the failure the single-threaded render reports (that of the earliest page); a
# thread that cannot start is a warning and the site is the same.
# Teams: the example team with its history (tools/example-history.sh), and records made by
# tools/bench/gen.mjs when node is there (enough pages for many chunks of work).
. "$TESTS/lib.sh"

TODAY=2026-03-31
ROOT=$(cd "$TESTS/.." && pwd)

# listing DIR: "MODE SIZE PATH" of everything under DIR (folders too), sorted by path.
listing() {
	(cd "$1" && find . -printf '%M %s %P\n' | LC_ALL=C sort -k3)
}

# same_sites A B: byte-identical, the same files, folders and modes.
same_sites() {
	diff -r "$1" "$2" && listing "$1" > "$1.list" && listing "$2" > "$2.list" &&
	test_cmp "$1.list" "$2.list"
}

# threads_case TEAM DAY: TEAM rendered on 1, 2, 3 and 7 threads gives one site.
threads_case() {
	(cd "$1" && FLOWREC_THREADS=1 $FLOWREC render -q --today "$2" -o "$TRASH/$1.t1") 2> err1 &&
	test_cmp /dev/null err1 &&
	test "$(find "$TRASH/$1.t1" -type f | wc -l)" -gt 10 &&
	for n in 2 3 7; do
		(cd "$1" && FLOWREC_THREADS=$n $FLOWREC render -q --today "$2" -o "$TRASH/$1.t$n") 2> errn &&
		test_cmp /dev/null errn &&
		same_sites "$TRASH/$1.t1" "$TRASH/$1.t$n" || return 1
	done
}

test_case "threads-setup-examples" '
	sh "$ROOT/tools/example-history.sh" "$ROOT/examples" "$TRASH/ex" > /dev/null &&
	test -d "$TRASH/ex/.git"
'

test_case "threads-examples-same-site" '
	cd "$TRASH" && threads_case ex $TODAY
'

# over an old site: the pages kept are links, the rest new; the folder is the fresh render
test_case "threads-rerender-same-as-fresh" '
	cd "$TRASH" &&
	(cd ex && FLOWREC_THREADS=3 $FLOWREC render -q --today $TODAY -o "$TRASH/re") &&
	(cd ex && echo "One more note." >> records/cards/2026-W03.md && git commit -qam note &&
	 FLOWREC_THREADS=1 $FLOWREC render -q --today $TODAY -o "$TRASH/re.fresh" &&
	 FLOWREC_THREADS=3 $FLOWREC render -q --today $TODAY -o "$TRASH/re") &&
	same_sites re.fresh re
'

if command -v node > /dev/null; then
	test_case "threads-setup-generated" '
		cd "$TRASH" &&
		node "$ROOT/tools/bench/gen.mjs" 600 gen > gen.log &&
		sed -n "s/^today //p" gen.log > gen.day && test -s gen.day &&
		(cd gen && git init -q . && git add -A && git commit -qm records)
	'

	test_case "threads-generated-same-site" '
		cd "$TRASH" && day=$(cat gen.day) && threads_case gen "$day" &&
		# the default (the cores) too
		(cd gen && $FLOWREC render -q --today "$day" -o "$TRASH/gen.default") &&
		same_sites gen.t1 gen.default
	'

	test_case "threads-generated-rerender-same-as-fresh" '
		cd "$TRASH" && day=$(cat gen.day) &&
		cp -a gen.t1 gen.site &&
		f=$(cd gen && find records/monthly -name "*.md" | sort | sed -n 5p) &&
		(cd gen && sed -i "s/^  highlight: .*/  highlight: a better month/" "$f" && git commit -qam plan &&
		 FLOWREC_THREADS=1 $FLOWREC render -q --today "$day" -o "$TRASH/gen.fresh" &&
		 FLOWREC_THREADS=4 $FLOWREC render -q --today "$day" -o "$TRASH/gen.site") &&
		same_sites gen.fresh gen.site &&
		! diff -rq gen.t1 gen.fresh > /dev/null
	'

	# the next day changes every page (its footer) but style.css (a link to the old one, made
	# before the workers start): no page fits under the file-size limit, every worker fails in
	# its first page, and the earliest page (index.html) is the one reported, as on one thread
	test_case "threads-failed-write-leaves-old-site" '
		cd "$TRASH" && day=$(cat gen.day) && next=$(date -u -d "$day 12:00 +1 day" +%F) &&
		(cd gen && $FLOWREC render -q --today "$day" -o "$TRASH/fail") &&
		listing fail > before && cp -a fail fail.copy &&
		for n in 1 4; do
			(cd gen && trap "" XFSZ && ulimit -f 1 &&
			 FLOWREC_THREADS=$n $FLOWREC render -q --today "$next" -o "$TRASH/fail") 2> err$n;
			test $? -eq 2 &&
			listing fail > after && test_cmp before after && diff -r fail.copy fail &&
			test -z "$(ls -d fail.tmp-* fail.old-* 2>/dev/null)" || return 1
		done &&
		grep -q "fail.tmp-.*/index.html" err1 &&
		sed "s/\.tmp-[A-Za-z0-9]*/.tmp-X/" err1 > err1.s && sed "s/\.tmp-[A-Za-z0-9]*/.tmp-X/" err4 > err4.s &&
		test_cmp err1.s err4.s
	'

	# a 1 GiB stack per thread under a 600 MB address-space limit: no thread starts (not under
	# ASan, whose shadow memory no `ulimit -v` holds)
	if [ -n "${FLOWREC_ASAN:-}" ]; then
		test_skip "threads-cannot-start-is-a-warning" "skipped under ASan: ulimit -v cannot hold its shadow memory"
	else
		test_case "threads-cannot-start-is-a-warning" '
			cd "$TRASH" && day=$(cat gen.day) &&
			(cd gen && ulimit -v 600000 && ulimit -s 1048576 &&
			 FLOWREC_THREADS=3 $FLOWREC render -q --today "$day" -o "$TRASH/gen.nothread") 2> err &&
			# in the team'\''s language (zh-CN) once render has set it
			grep -q -e "cannot start a thread.*rendering on fewer cores" -e "无法启动线程.*用较少的核生成网站" err &&
			same_sites gen.fresh gen.nothread
		'
	fi
else
	test_skip "threads-generated" "node is not installed (tools/install-deps.sh test)"
fi

test_done
