#!/bin/sh
# run.sh - link and run each libFuzzer target tests/fuzz/fuzz_TARGET.c against the clang build
# in $FUZZ_BUILD (libflowrec.a, made by `make fuzz`), for $FUZZ_SECONDS each, from the seeds
# committed in tests/fuzz/corpus/TARGET/ (read only) and what earlier runs found in
# $FUZZ_BUILD/corpus/TARGET/ (where new inputs go). Every seed runs first, so a seed that once
# crashed is a regression test. One line per target, "ok - fuzz/TARGET (...)" or "not ok -
# fuzz/TARGET: why" with the reproducer's path, the command that replays it, its bytes in base64
# and the end of libFuzzer's log. The last line is "N passed, N failed"; exits 1 if one failed.
set -u
: "${FUZZ_SECONDS:=60}"
: "${FUZZ_BUILD:=build-fuzz}"
: "${FUZZ_CFLAGS:=-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1}"
: "${LIBS:?set LIBS to the link flags of flowrec}"
mkdir -p "$FUZZ_BUILD" && b=$(cd "$FUZZ_BUILD" && pwd) || exit 2
pass=0
fail=0
for src in tests/fuzz/fuzz_*.c; do
	t=${src#tests/fuzz/fuzz_}
	t=${t%.c}
	mkdir -p "$b/corpus/$t" "$b/artifacts/$t" tests/fuzz/corpus/$t
	rm -f "$b/artifacts/$t"/*
	log=$b/fuzz_$t.log
	# shellcheck disable=SC2086
	if ! clang $FUZZ_CFLAGS -std=c11 -D_GNU_SOURCE -iquote tools/core -iquote tools/kinds \
		-o "$b/fuzz_$t" "$src" "$b/libflowrec.a" $LIBS > "$log" 2>&1; then
		echo "not ok - fuzz/$t: does not link"
		tail -20 "$log" | sed 's/^/#   /'
		fail=$((fail + 1))
		continue
	fi
	seeds=$(find tests/fuzz/corpus/$t -type f | wc -l)
	if "$b/fuzz_$t" -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$b/artifacts/$t/" \
		"$b/corpus/$t" "tests/fuzz/corpus/$t" >> "$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "ok - fuzz/$t ($FUZZ_SECONDS s, $seeds seeds, $runs inputs run)"
		pass=$((pass + 1))
	else
		echo "not ok - fuzz/$t: libFuzzer found a failing input; the whole log is $log"
		for r in $(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log") "$b/artifacts/$t"/*; do
			[ -f "$r" ] || continue
			echo "#   reproducer: $r ($(wc -c < "$r") bytes); replay: $b/fuzz_$t $r"
			if [ "$(wc -c < "$r")" -le 4096 ]; then
				echo "#   base64 (decode into tests/fuzz/corpus/$t/ once fixed):"
				base64 -w 76 "$r" | sed 's/^/#     /'
			fi
			break
		done
		# the report (what, where: the stack), else the end of the log
		if grep -q 'ERROR: \|runtime error\|deadly signal\|timeout after\|out-of-memory' "$log"; then
			sed -n '/ERROR: \|runtime error\|deadly signal\|timeout after\|out-of-memory/,$p' "$log" |
				grep -v '^ *0x[0-9a-f]*: \|^ *=>0x' | head -30 | sed 's/^/#   /'
		else
			tail -30 "$log" | sed 's/^/#   /'
		fi
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
