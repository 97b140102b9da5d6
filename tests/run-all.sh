#!/bin/sh
# run-all.sh - run every test suite and count the cases.
#   unit tests:   $BUILD/tests/*      (C programs from tests/unit/*.c)
#   shell suites: tests/t-*.sh        (drive the real ./flowrec and the real git)
# Each suite prints "ok - NAME" or "not ok - NAME: why" per case. A suite that exits non-zero
# without printing a failure (a crash, a sanitizer report) counts as one failed case.
# With VALGRIND=1 the unit tests run under valgrind memcheck. With SANITIZER_LOGS=DIR (make asan
# points ASAN_OPTIONS/UBSAN_OPTIONS log_path there) a sanitizer report is a file in DIR, even one
# from a hook whose output git swallowed: a suite after which DIR holds a report fails.
# A suite after which a file under examples/ is new, gone or changed fails: the tests may read
# the example team but never write into it (a user's records are never written).
# Ends with the line "N passed, N failed"; exits 1 if anything failed.
set -u
: "${FLOWREC:?set FLOWREC to the flowrec binary}"
: "${BUILD:?set BUILD to the build folder}"
export FLOWREC BUILD
# flowrec's messages in English (the test team is zh-CN); t-i18n.sh tests the other choices
export LANGUAGE=en
here=$(cd "$(dirname "$0")" && pwd)
export TESTS="$here"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0
fail=0
examples_sum() { find "$here/../examples" -type f -exec cksum {} + | sort; }
examples_before=$(examples_sum)
run_suite() {
	name=$1
	shift
	out=$(mktemp)
	start=$(date +%s)
	"$@" > "$out" 2>&1
	rc=$?
	p=$(grep -c '^ok - ' "$out")
	f=$(grep -c '^not ok - ' "$out")
	# a skipped case says why
	grep '^ok - .*# SKIP' "$out"
	# each failure with the "#" lines that explain it
	awk '/^not ok - /{show=1; print; next} /^ok - /{show=0} show && /^#/{print}' "$out"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name: exited $rc"
		tail -20 "$out" | sed 's/^/#   /'
		f=1
	fi
	if [ -n "${SANITIZER_LOGS:-}" ] && [ -n "$(find "$SANITIZER_LOGS" -maxdepth 1 -type f)" ]; then
		mkdir -p "$SANITIZER_LOGS/$name"
		find "$SANITIZER_LOGS" -maxdepth 1 -type f -exec mv {} "$SANITIZER_LOGS/$name/" \;
		echo "not ok - $name: sanitizer reports in $SANITIZER_LOGS/$name/"
		for r in "$SANITIZER_LOGS/$name"/*; do
			head -40 "$r" | sed 's/^/#   /'
			break
		done
		f=$((f + 1))
	fi
	now=$(examples_sum)
	if [ "$now" != "$examples_before" ]; then
		echo "not ok - $name: it wrote into examples/ (a test must write only under its \$TRASH)"
		printf '%s\n%s\n' "$examples_before" "$now" | sort | uniq -u | sed 's/^/#   /' | head -10
		examples_before=$now
		f=$((f + 1))
	fi
	echo "# $name: $p passed, $f failed ($(($(date +%s) - start)) s)"
	pass=$((pass + p))
	fail=$((fail + f))
	rm -f "$out"
}
for t in "$BUILD"/tests/*; do
	[ -x "$t" ] || continue
	if [ "${VALGRIND:-0}" = 1 ]; then
		run_suite "$(basename "$t")" valgrind -q --error-exitcode=1 --leak-check=full "$t"
	else
		run_suite "$(basename "$t")" "$t"
	fi
done
for t in "$here"/t-*.sh; do
	[ -f "$t" ] || continue
	run_suite "$(basename "$t")" sh "$t"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
