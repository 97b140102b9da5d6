#!/bin/sh
# t-cache.sh - the cache under .git/flowrec/: every run with it gives exactly the diagnostics
# of a --no-cache run, whatever changed since the cache was written.
. "$TESTS/lib.sh"

# example_team DIR: the example team (config, 80 records) as a git repository, checked once
# so that its cache is there.
example_team() {
	cp -r "$TESTS/../examples" "$1" && rm -rf "$1/ci" "$1/README.md" &&
	(cd "$1" && git init -q . && git add -A && git commit -q -m records) &&
	(cd "$1" && { $FLOWREC check --today 2026-04-01 --format json > /dev/null; test $? -le 1; }) &&
	test -s "$1/.git/flowrec/cache"
}

# same_as_uncached [ARGS...]: check with the cache and without it: the same output and status;
# the cached run says nothing beyond the diagnostics (no warning).
same_as_uncached() {
	rc1=0 && rc2=0 &&
	{ $FLOWREC check --today 2026-04-01 --format json "$@" > cached 2> cached.err || rc1=$?; } &&
	{ $FLOWREC check --no-cache --today 2026-04-01 --format json "$@" > plain 2> plain.err || rc2=$?; } &&
	test "$rc1" = "$rc2" && test_cmp plain cached && test_cmp plain.err cached.err
}

# The cache file's layout (cache.c): u64 at OFFSET / u32 at OFFSET (the machine's order), and
# where its body's sections start: data at 80, then the records (120 bytes each), the paths,
# the kind results.
u64() { od -v -An -t u8 -j "$2" -N 8 "$1" | tr -d " "; }
u32() { od -v -An -t u4 -j "$2" -N 4 "$1" | tr -d " "; }
recs_at() { echo $((80 + $(u64 "$1" 48))); }
paths_at() { echo $(($(recs_at "$1") + 120 * $(u64 "$1" 32))); }
results_at() { echo $(($(paths_at "$1") + $(u64 "$1" 56))); }
# flip FILE OFFSET: one bit of the byte at OFFSET changed
flip() {
	b=$(od -v -An -t u1 -j "$2" -N 1 "$1" | tr -d " ") &&
	printf "\\$(printf %03o $((b ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
# record_of FILE PATH: the index of PATH's record in the body
record_of() {
	r=$(recs_at "$1") && n=$(u64 "$1" 32) && i=0 &&
	while [ "$i" -lt "$n" ]; do
		at=$(u32 "$1" $((r + 120 * i + 84))) && l=$(od -v -An -t u2 -j $((r + 120 * i + 68)) -N 2 "$1" | tr -d " ") &&
		if [ "$(dd if="$1" bs=1 skip="$at" count="$l" 2>/dev/null)" = "$2" ]; then echo "$i"; return 0; fi
		i=$((i + 1))
	done
	return 1
}
# same_warned: check with the damaged cache gives the --no-cache output and status, and says
# on stderr (kept in warned.err) that it ignores the cache; the run after it, warm again,
# says nothing.
same_warned() {
	rc1=0 && rc2=0 &&
	{ $FLOWREC check --today 2026-04-01 --format json > cached 2> cached.err || rc1=$?; } &&
	{ $FLOWREC check --no-cache --today 2026-04-01 --format json > plain 2> plain.err || rc2=$?; } &&
	test "$rc1" = "$rc2" && test_cmp plain cached && grep -q "warning: ignoring the cache" cached.err &&
	mv cached.err warned.err && same_as_uncached
}

test_case "a-warm-run-gives-the-cold-diagnostics-without-reading-the-files" '
	example_team t && cd t && same_as_uncached &&
	grep -q "O-OVERDUE" plain &&
	# files written within a second of a run are not known by their stat data (racy): once
	# they are older, a run that hashed them records their stat data, the next reads none
	sleep 2 && { $FLOWREC check --today 2026-04-01 > /dev/null 2>&1; test $? -le 1; } &&
	# LeakSanitizer cannot run under ptrace (make asan): no leak check for these runs
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=openat -o trace $FLOWREC check --today 2026-04-01 > /dev/null 2>&1;
	test "$(grep -c "\.md\"" trace)" -eq 0 &&
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=openat -o trace $FLOWREC check --no-cache --today 2026-04-01 > /dev/null 2>&1;
	test "$(grep -c "\.md\"" trace)" = "$(find records -name "*.md" | wc -l)"
'

test_case "a-changed-record" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	same_as_uncached && grep -q "无名氏" plain
'

test_case "a-changed-neighbour-w-carry-across-weeks" '
	example_team t && cd t &&
	sed -i "0,/target: 6, unit: 家}/s//target: 9, unit: 家}/" records/weekly/2026-W05.md &&
	same_as_uncached && grep -q "W-CARRY" plain && grep -q "2026-W06.md" plain
'

test_case "a-changed-roster" '
	example_team t && cd t &&
	sed -i "/name: 孙丽/d" flowrec.yaml &&
	same_as_uncached && grep -q "X-PERSON" plain
'

test_case "a-changed-schema" '
	example_team t && cd t && mkdir -p schemas &&
	sed "s/^title: 会议纪要/title: 会议纪要\nmaxProperties: 3/" "$TESTS/../schemas/meeting.yaml" > schemas/meeting.yaml &&
	same_as_uncached && grep -q "meetings/" plain
'

test_case "another-today" '
	example_team t && cd t &&
	$FLOWREC check --today 2026-01-10 --format json > early; test $? -le 1 &&
	same_as_uncached && ! grep -q O-OVERDUE early && grep -q O-OVERDUE plain
'

test_case "another-language" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	$FLOWREC check --lang zh-CN --today 2026-04-01 --format json > zh; test $? = 1 &&
	same_as_uncached --lang en && ! test_cmp zh plain > /dev/null
'

test_case "a-record-that-moves-to-another-kind" '
	example_team t && cd t &&
	f=records/meetings/2026-03-05-新品上市准备会.md &&
	sed -i "s/^kind: .*/kind: weekly-meeting/" "$f" &&
	same_as_uncached && grep -q "新品上市准备会" plain &&
	sed -i "s/^kind: .*/kind: no-such-kind/" "$f" &&
	same_as_uncached && grep -q "X-KIND" plain
'

test_case "a-kind-result-that-changes-back-and-forth" '
	example_team t && cd t &&
	cp records/weekly/2026-W05.md w05 &&
	sed -i "0,/target: 6, unit: 家}/s//target: 9, unit: 家}/" records/weekly/2026-W05.md &&
	same_as_uncached && grep -q "W-CARRY" plain &&
	cp w05 records/weekly/2026-W05.md && same_as_uncached && ! grep -q "W-CARRY" plain &&
	sed -i "0,/target: 6, unit: 家}/s//target: 9, unit: 家}/" records/weekly/2026-W05.md &&
	same_as_uncached && grep -q "W-CARRY" plain &&
	git mv records/weekly/2026-W06.md records/weekly/2026-W06-moved.md &&
	same_as_uncached && grep -q "2026-W06-moved.md" plain
'

test_case "the-text-output-and-the-forgeable-warning-warm" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	{ $FLOWREC check --today 2026-04-01 > /dev/null 2>&1; test $? = 1; } &&
	test_expect_code 1 $FLOWREC check --today 2026-04-01 2> cached &&
	test_expect_code 1 $FLOWREC check --no-cache --today 2026-04-01 2> plain &&
	test_cmp plain cached && grep -q "approvals can be forged" plain &&
	test_expect_code 0 $FLOWREC check --today 2026-04-01 records/partners 2> cached &&
	test_expect_code 0 $FLOWREC check --no-cache --today 2026-04-01 records/partners 2> plain &&
	test_cmp plain cached
'

test_case "a-corrupt-cache-is-a-warning-and-ignored" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	$FLOWREC check --no-cache --today 2026-04-01 --format json > plain; test $? = 1 &&
	size=$(stat -c %s .git/flowrec/cache) && recs=$(recs_at .git/flowrec/cache) &&
	printf "\377\377\377\377" | dd of=.git/flowrec/cache bs=1 seek=$((recs + 120 * 40 + 8)) conv=notrunc 2>/dev/null &&
	test_expect_code 1 $FLOWREC check --today 2026-04-01 --format json > cached 2> err &&
	test_cmp plain cached && grep -q "warning: ignoring the cache.*checksum mismatch" err &&
	head -c $((size / 3)) .git/flowrec/cache > short && mv short .git/flowrec/cache &&
	test_expect_code 1 $FLOWREC check --today 2026-04-01 --format json > cached 2> err &&
	test_cmp plain cached && grep -q "warning: ignoring the cache.*truncated" err &&
	test_expect_code 1 $FLOWREC check --today 2026-04-01 --format json > cached 2> err &&
	test_cmp plain cached && test ! -s err
'

test_case "a-corrupt-byte-in-the-header-a-record-a-path-or-a-result-drops-the-cache" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	{ $FLOWREC check --today 2026-04-01 > /dev/null 2>&1; test $? = 1; } &&
	c=.git/flowrec/cache && cp $c good &&
	test "$(u64 $c 32)" -gt 70 && test "$(u64 $c 40)" -ge 5 && test "$(u64 $c 64)" -gt 0 &&
	for at in 40 64 72 $(($(recs_at $c) + 3)) $(($(recs_at $c) + 120 * 50 + 71)) \
		  $(($(paths_at $c) + 30)) $(($(results_at $c) + 25)) $(($(results_at $c) + $(u64 $c 64) - 2)); do
		cp good $c && flip $c $at && same_warned || { echo "# byte $at"; exit 1; }
	done
'

test_case "a-corrupt-byte-in-an-entrys-diagnostics-is-never-trusted" '
	example_team t && cd t && f=records/meetings/2026-03-05-新品上市准备会.md &&
	sed -i "s/^host: .*/host: 无名氏/" $f && rm .git/flowrec/cache && sleep 2 &&
	{ $FLOWREC check --today 2026-04-01 > /dev/null 2>&1; test $? = 1; } &&
	c=.git/flowrec/cache && i=$(record_of $c $f) && r=$(($(recs_at $c) + 120 * i)) &&
	test "$(u32 $c $((r + 80)))" -ge 1 &&
	flip $c $(($(u64 $c $((r + 96))) + 12)) &&
	# the entry is read again from the file, not from its damaged data
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=openat -o trace $FLOWREC check --today 2026-04-01 > /dev/null 2>&1;
	grep -q "2026-03-05-.*\.md\"" trace && test "$(grep -c "\.md\"" trace)" -eq 1 &&
	same_as_uncached && grep -q "无名氏" plain
'

test_case "an-entry-whose-facts-are-corrupt-while-its-record-is-fine" '
	example_team t && cd t && c=.git/flowrec/cache &&
	i=$(record_of $c records/weekly/2026-W05.md) && r=$(($(recs_at $c) + 120 * i)) &&
	test "$(u32 $c $((r + 80)))" = 0 && len=$(u32 $c $((r + 104))) && test "$len" -gt 100 &&
	flip $c $(($(u64 $c $((r + 96))) + len / 2)) &&
	# nothing of the weekly kind changed: its result serves, the facts are not decoded
	same_as_uncached &&
	# a neighbour changed: the facts are decoded, found damaged, and the whole check runs
	# again without the cache
	sed -i "0,/target: 6, unit: 家}/s//target: 9, unit: 家}/" records/weekly/2026-W06.md &&
	same_warned && grep -q "checksum mismatch" warned.err
'

test_case "racy-a-file-changed-in-the-second-of-the-run-is-hashed-again" '
	example_team t && cd t && f=records/meetings/2026-03-05-新品上市准备会.md && c=.git/flowrec/cache &&
	sleep 2 && cp -p $f keep &&
	# changed in the second of the run: its stat data are not kept (all 0), the others are
	sed -i "s/^host: .*/host: 无名氏/" $f && touch -r keep $f && rm $c &&
	same_as_uncached && grep -q "无名氏" plain &&
	r=$(($(recs_at $c) + 120 * $(record_of $c $f))) &&
	test "$(od -v -An -t u8 -j $r -N 48 $c | tr -d " \n")" = 000000 &&
	w=$(($(recs_at $c) + 120 * $(record_of $c records/weekly/2026-W05.md))) &&
	test "$(u64 $c $((w + 8)))" -gt 0 &&
	# changed again, same size, same mtime: hashed, not served by its stat data
	sed -i "s/无名氏/有名氏/" $f && touch -r keep $f &&
	same_as_uncached && grep -q "有名氏" plain && ! grep -q "无名氏" plain
'

test_case "two-runs-at-once" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	$FLOWREC check --no-cache --today 2026-04-01 --format json > plain; test $? = 1 &&
	rm .git/flowrec/cache &&
	for i in 1 2 3 4; do
		($FLOWREC check --today 2026-04-01 --format json > out$i 2> err$i; echo $? > rc$i) &
	done && wait &&
	for i in 1 2 3 4; do test_cmp plain out$i && test ! -s err$i && test "$(cat rc$i)" = 1 || exit 1; done &&
	test_expect_code 1 $FLOWREC check --today 2026-04-01 --format json > cached 2> err &&
	test_cmp plain cached && test ! -s err && test -z "$(ls .git/flowrec | grep -v "^cache$" | grep -v "^hook-[0-9a-f]\{40\}$")"
'

# ---- the journal: a few new entries are appended, not the whole file rewritten ----

# inode FILE / size FILE
inode() { stat -c %i "$1"; }
size() { stat -c %s "$1"; }

test_case "a-changed-record-is-appended-to-the-journal" '
	example_team t && cd t && sleep 2 &&
	{ $FLOWREC check --today 2026-04-01 > /dev/null 2>&1; test $? -le 1; } &&
	i0=$(inode .git/flowrec/cache) && s0=$(size .git/flowrec/cache) &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	same_as_uncached && grep -q "无名氏" plain &&
	test "$(inode .git/flowrec/cache)" = "$i0" && s1=$(size .git/flowrec/cache) &&
	test "$s1" -gt "$s0" && test "$s1" -lt "$((s0 + s0 / 4 + 100))" &&
	# the journal serves the next run; nothing new: nothing written
	same_as_uncached && test "$(size .git/flowrec/cache)" = "$s1" &&
	# back to the old text: the entries of the body serve it again
	git checkout -- records && same_as_uncached && ! grep -q "无名氏" plain
'

test_case "the-journal-is-compacted-when-it-grows" '
	# a compaction renames a new file over the cache: its inode differs from the one just
	# before it (an append keeps the file); compared run to run, since a later compaction may
	# get the freed inode number of the first file back
	example_team t && cd t && prev=$(inode .git/flowrec/cache) && compacted=0 &&
	for n in 1 2 3 4 5 6 7 8 9 10 11 12; do
		sed -i "s/^host: .*/host: 无名氏$n/" records/meetings/2026-03-05-新品上市准备会.md &&
		sed -i "0,/target: [0-9]*, unit: 家}/s//target: $((n + 6)), unit: 家}/" records/weekly/2026-W05.md &&
		same_as_uncached || exit 1
		now=$(inode .git/flowrec/cache) &&
		{ test "$now" = "$prev" || compacted=$((compacted + 1)); } && prev=$now
	done &&
	test "$compacted" -ge 1 && grep -q "无名氏12" plain
'

test_case "a-torn-journal-is-ignored" '
	example_team t && cd t && s0=$(size .git/flowrec/cache) &&
	sed -i "0,/target: 6, unit: 家}/s//target: 9, unit: 家}/" records/weekly/2026-W05.md &&
	same_as_uncached && grep -q "W-CARRY" plain && s1=$(size .git/flowrec/cache) &&
	test "$s1" -gt "$s0" &&
	# the append cut short (a crash): the body still serves, the next write compacts
	head -c $(( (s0 + s1) / 2 )) .git/flowrec/cache > torn && mv torn .git/flowrec/cache &&
	same_as_uncached && grep -q "W-CARRY" plain && test ! -s cached.err &&
	s2=$(size .git/flowrec/cache) && test "$s2" != "$(( (s0 + s1) / 2 ))" &&
	same_as_uncached && test "$(size .git/flowrec/cache)" = "$s2" &&
	# a damaged chunk: the same (the files older than a second first, so that their stat
	# data are kept and the chunk holds the one change)
	sleep 2 && same_as_uncached && s2=$(size .git/flowrec/cache) &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	same_as_uncached && s3=$(size .git/flowrec/cache) && test "$s3" -gt "$s2" &&
	test "$(dd if=.git/flowrec/cache bs=1 skip=$s2 count=8 2>/dev/null)" = FRJOURN2 &&
	printf "\377\377\377\377" | dd of=.git/flowrec/cache bs=1 seek=$((s3 - 8)) conv=notrunc 2>/dev/null &&
	same_as_uncached && grep -q "W-CARRY" plain && grep -q "无名氏" plain && test ! -s cached.err &&
	sed -i "s/^host: .*/host: 无名氏二/" records/meetings/2026-03-05-新品上市准备会.md &&
	same_as_uncached && grep -q "无名氏二" plain && test ! -s cached.err
'

test_case "two-writers-at-once-on-a-warm-cache" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	sed -i "0,/target: 6, unit: 家}/s//target: 9, unit: 家}/" records/weekly/2026-W05.md &&
	$FLOWREC check --no-cache --today 2026-04-01 --format json > plain; test $? = 1 &&
	for i in 1 2 3 4; do
		($FLOWREC check --today 2026-04-01 --format json > out$i 2> err$i; echo $? > rc$i) &
	done && wait &&
	for i in 1 2 3 4; do test_cmp plain out$i && test ! -s err$i && test "$(cat rc$i)" = 1 || exit 1; done &&
	# staged and the hook at once, on the same cache (two snapshots each)
	git add records &&
	$FLOWREC check --staged --no-cache --today 2026-04-01 --format json > splain; test $? = 1 &&
	for i in 1 2 3; do
		($FLOWREC check --staged --today 2026-04-01 --format json > sout$i 2> serr$i; echo $? > src$i) &
		($FLOWREC hook pre-commit > hout$i 2>&1; echo $? > hrc$i) &
	done && wait &&
	for i in 1 2 3; do test_cmp splain sout$i && test ! -s serr$i && test "$(cat src$i)" = 1 &&
		test "$(cat hrc$i)" = 1 && test_cmp hout1 hout$i || exit 1; done &&
	! grep -q "warning: ignoring\|warning: cannot write" hout1 &&
	test_expect_code 1 $FLOWREC check --today 2026-04-01 --format json > cached 2> err &&
	test_cmp plain cached && test ! -s err && test -z "$(ls .git/flowrec | grep -v "^cache$" | grep -v "^hook-[0-9a-f]\{40\}$")"
'

test_case "no-cache-neither-reads-nor-writes-it" '
	example_team t && cd t && rm .git/flowrec/cache &&
	{ $FLOWREC check --no-cache --today 2026-04-01 > /dev/null 2>&1; test $? -le 1; } &&
	test ! -e .git/flowrec/cache
'

# ---- the snapshots: check --staged / --rev and the pre-commit hook ----

# same_staged [ARGS...]: check --staged with the cache and without: the same output and status.
same_staged() {
	rc1=0 && rc2=0 &&
	{ $FLOWREC check --staged --today 2026-04-01 --format json "$@" > cached 2> cached.err || rc1=$?; } &&
	{ $FLOWREC check --staged --no-cache --today 2026-04-01 --format json "$@" > plain 2> plain.err || rc2=$?; } &&
	test "$rc1" = "$rc2" && test_cmp plain cached && test_cmp plain.err cached.err
}

# same_hook: the pre-commit hook with the warm cache and with no cache file at all: the same
# diagnostics and status, and nothing left in .git/flowrec but the cache and the summaries
# (a small change is parsed from its blobs: the second run need not write a cache).
same_hook() {
	rc1=0 && rc2=0 &&
	{ $FLOWREC hook pre-commit > hook.cached 2>&1 || rc1=$?; } &&
	rm .git/flowrec/cache &&
	{ $FLOWREC hook pre-commit > hook.plain 2>&1 || rc2=$?; } &&
	test "$rc1" = "$rc2" && test_cmp hook.plain hook.cached &&
	test -z "$(ls .git/flowrec | grep -v "^cache$" | grep -v "^hook-[0-9a-f]\{40\}$")"
}

# blob_reads CMD...: how many loose objects CMD opens
blob_reads() {
	# LeakSanitizer cannot run under ptrace (make asan): no leak check for this run
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=openat -o trace "$@" > /dev/null 2>&1
	grep -c "\.git/objects/[0-9a-f][0-9a-f]/" trace
}

test_case "staged-a-changed-record-reads-only-its-blob" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md &&
	git add records && same_staged && grep -q "无名氏" plain &&
	n=$(blob_reads $FLOWREC check --staged --today 2026-04-01) &&
	all=$(blob_reads $FLOWREC check --staged --no-cache --today 2026-04-01) &&
	echo "objects read: $n with the cache, $all without" &&
	test "$n" -lt 20 && test "$all" -ge 80 &&
	same_hook &&
	grep -q "commit rejected" hook.plain
'

test_case "staged-a-changed-neighbour-w-carry-across-weeks" '
	example_team t && cd t &&
	sed -i "0,/target: 6, unit: 家}/s//target: 9, unit: 家}/" records/weekly/2026-W05.md &&
	git add records && same_staged && grep -q "W-CARRY" plain && grep -q "2026-W06.md" plain &&
	same_hook && grep -q "2026-W06.md.*W-CARRY" hook.plain
'

test_case "staged-a-changed-roster" '
	example_team t && cd t &&
	sed -i "/name: 孙丽/d" flowrec.yaml && git add flowrec.yaml &&
	same_staged && grep -q "X-PERSON" plain &&
	same_hook && grep -q "X-PERSON" hook.plain
'

test_case "staged-a-corrupt-cache-is-a-warning-and-ignored" '
	example_team t && cd t &&
	sed -i "s/^host: .*/host: 无名氏/" records/meetings/2026-03-05-新品上市准备会.md && git add records &&
	$FLOWREC check --staged --no-cache --today 2026-04-01 --format json > plain; test $? = 1 &&
	recs=$(recs_at .git/flowrec/cache) &&
	printf "\377\377\377\377" | dd of=.git/flowrec/cache bs=1 seek=$((recs + 120 * 40 + 8)) conv=notrunc 2>/dev/null &&
	test_expect_code 1 $FLOWREC check --staged --today 2026-04-01 --format json > cached 2> err &&
	test_cmp plain cached && grep -q "warning: ignoring the cache.*checksum mismatch" err &&
	test_expect_code 1 $FLOWREC check --staged --today 2026-04-01 --format json > cached 2> err &&
	test_cmp plain cached && test ! -s err
'

test_case "rev-and-a-warm-working-tree-share-the-cache" '
	example_team t && cd t &&
	sed -i "0,/target: 6, unit: 家}/s//target: 9, unit: 家}/" records/weekly/2026-W05.md &&
	git commit -q -am "raise a target" &&
	rc1=0 && rc2=0 &&
	{ $FLOWREC check --rev HEAD~1 --today 2026-04-01 --format json > old; test $? -le 1; } &&
	{ $FLOWREC check --rev HEAD --today 2026-04-01 --format json > cached || rc1=$?; } &&
	{ $FLOWREC check --rev HEAD --no-cache --today 2026-04-01 --format json > plain || rc2=$?; } &&
	test "$rc1" = "$rc2" && test_cmp plain cached && grep -q W-CARRY plain && ! grep -q W-CARRY old &&
	n=$(blob_reads $FLOWREC check --rev HEAD~1 --today 2026-04-01) &&
	all=$(blob_reads $FLOWREC check --rev HEAD~1 --no-cache --today 2026-04-01) &&
	echo "objects read: $n with the cache, $all without (trees and commits included)" &&
	test "$n" -le "$((all - 70))"
'

# same_walk_on_threads [ARGS...]: check with one thread and with four, each from the same cache
# (kept in ../cache.kept, so that both see what the first one would): the same stdout (the
# summary counts the records: a file dropped or walked twice changes it), stderr and status.
same_walk_on_threads() {
	cp .git/flowrec/cache ../cache.kept &&
	rc1=0 && rc4=0 &&
	{ FLOWREC_THREADS=1 $FLOWREC check --today 2026-04-01 "$@" > one 2> one.err || rc1=$?; } &&
	cp ../cache.kept .git/flowrec/cache &&
	{ FLOWREC_THREADS=4 $FLOWREC check --today 2026-04-01 "$@" > four 2> four.err || rc4=$?; } &&
	test "$rc1" = "$rc4" && test_cmp one four && test_cmp one.err four.err
}

# walk_tree: beside the example's records, enough entries in the kinds' folders for the walk
# to take threads (256): meetings copied, cards nested two folders down, a link to a file and
# to a folder, a FIFO named .md, a file and a link at the top of records/, a record over the
# limit; the cache warm with all of it.
walk_tree() {
	m="records/meetings/2026-03-05-新品上市准备会.md" && i=0 &&
	while [ $i -lt 200 ]; do
		sed "s/^title: .*/title: 会议$i/" "$m" > records/meetings/m$i.md
		i=$((i + 1))
	done &&
	printf "broken\n" > records/meetings/m77.md &&
	i=0 &&
	while [ $i -lt 80 ]; do
		mkdir -p records/cards/n$i/a && cp records/cards/2026-W04.md records/cards/n$i/a/x.md
		i=$((i + 1))
	done &&
	ln -s ../cards/2026-W04.md records/meetings/link.md &&
	ln -s ../cards records/channel/linked &&
	ln -s meetings records/zz.md &&
	cp "$m" records/top.md &&
	head -c 2000000 /dev/zero | tr "\0" "x" > records/processes/big.md &&
	git add -A && git commit -q -m more &&
	mkfifo records/processes/pipe.md &&
	{ $FLOWREC check --today 2026-04-01 > /dev/null 2>&1; test $? -le 2; }
}

test_case "the-walk-on-threads-gives-the-serial-walk" '
	example_team t && cd t && walk_tree &&
	same_walk_on_threads && same_walk_on_threads --format json &&
	grep -q "X-FILE" one && grep -q "linked" one && grep -q "pipe.md" one &&
	sed -i "s/^title: .*/title: 改了/" records/meetings/m150.md &&
	rm records/meetings/m3.md &&
	same_walk_on_threads && same_walk_on_threads --format json &&
	same_walk_on_threads -q records/meetings
'

# Over 64 entries in records/ itself, the walk takes its slices there.
test_case "the-walk-on-threads-of-a-wide-records-folder" '
	example_team t && cd t && i=0 &&
	while [ $i -lt 300 ]; do
		mkdir records/k$i && cp records/cards/2026-W04.md records/k$i/x.md
		i=$((i + 1))
	done &&
	ln -s cards records/k7/link && mkfifo records/k9/pipe.md &&
	{ $FLOWREC check --today 2026-04-01 > /dev/null 2>&1; test $? -le 2; } &&
	same_walk_on_threads && same_walk_on_threads --format json &&
	grep -q "k7/link" one && grep -q "k9/pipe.md" one &&
	echo "oops" >> records/k200/x.md &&
	same_walk_on_threads --format json
'

test_done
