#!/bin/sh
# check-all.sh - what `make check` (and so CI) runs, in three parts: the suite (`make suite`),
# the suite under ASan+UBSan (`make asan`, build-asan/), and every libFuzzer target for
# $FUZZ_SECONDS (`make fuzz`, build-fuzz/). Each part's lines are shown as they come, then
# "# PART: N passed, N failed (S s)"; a part that exits non-zero without a failed case (a build
# error) counts as one failed case. The last line is the totals of all parts, "N passed, N
# failed"; exits 1 if anything failed. Builds use every core unless make was given -j.
set -u
: "${MAKE:=make --no-print-directory}"
: "${FUZZ_SECONDS:=30}"
case " ${MAKEFLAGS:-} " in
*j*) ;;
*) MAKE="$MAKE -j$(nproc 2>/dev/null || echo 2)" ;;
esac
pass=0
fail=0
log=$(mktemp)
rcf=$(mktemp)
trap 'rm -f "$log" "$rcf"' EXIT
totals_re='^[0-9][0-9]* passed, [0-9][0-9]* failed$'
part() {
	name=$1
	shift
	start=$(date +%s)
	echo "# == $name: $* =="
	{
		"$@" 2>&1
		echo $? > "$rcf"
	} | tee "$log" | grep -v "$totals_re"
	rc=$(cat "$rcf")
	totals=$(grep "$totals_re" "$log" | tail -1)
	p=${totals%% passed*}
	f=${totals#*passed, }
	f=${f%% failed}
	if [ -z "$totals" ]; then
		p=0
		f=1
		echo "not ok - $name: exited $rc before its totals"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name: exited $rc"
	fi
	echo "# $name: $p passed, $f failed ($(($(date +%s) - start)) s)"
	pass=$((pass + p))
	fail=$((fail + f))
}
part suite $MAKE suite
part asan $MAKE asan
part fuzz $MAKE fuzz FUZZ_SECONDS="$FUZZ_SECONDS"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
