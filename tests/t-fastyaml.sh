#!/bin/sh
# t-fastyaml.sh - the fast front-matter reader (tools/core/fastyaml.c) against libyaml's path on
# generated records (tools/bench/gen.mjs): it reads all of them, builds the same trees, and
# `flowrec check` prints exactly the same diagnostics and exits the same with it as with
# FLOWREC_YAML=libyaml, on valid records and on records broken in many ways, with and without the
# cache.
. "$TESTS/lib.sh"

N=1500

# gen DIR: N generated records in DIR (a git repository), its date for --today in DIR.today
gen() {
	node "$TESTS/../tools/bench/gen.mjs" $N "$1" > "$1.log" &&
	sed -n 's/^today //p' "$1.log" > "$1.today" && test -s "$1.today" &&
	(cd "$1" && git init -q . && git add -A && git commit -q -m records)
}

# both OUT ARGS...: `flowrec check ARGS` as is and with FLOWREC_YAML=libyaml: the same stdout,
# stderr and exit status (kept in OUT.*)
both() {
	out=$1 && shift &&
	rc1=0 && rc2=0 &&
	{ FLOWREC_YAML=libyaml $FLOWREC check "$@" > "$out.lib" 2> "$out.lib.err" || rc1=$?; } &&
	{ $FLOWREC check "$@" > "$out.fast" 2> "$out.fast.err" || rc2=$?; } &&
	echo "$rc1" > "$out.rc" &&
	test "$rc1" = "$rc2" && test_cmp "$out.lib" "$out.fast" && test_cmp "$out.lib.err" "$out.fast.err"
}

# break_records: change every 5th record in one of 18 ways (YAML the fast reader takes and YAML it
# leaves to libyaml, schema and rule errors)
break_records() {
	i=0
	find records -name '*.md' | sort | awk 'NR % 5 == 0' > broken.list &&
	while read -r f; do
		i=$((i + 1))
		case $((i % 18)) in
		0) sed -i '2{p}' "$f" ;;                                   # a duplicate key
		1) sed -i '3s/: /:\t/' "$f" ;;                             # a tab
		2) sed -i '3s/: \(.*\)/: |\n  \1/' "$f" ;;                   # a block scalar
		3) sed -i '3s/: /: \&a /; 4s/: .*/: *a/' "$f" ;;            # an anchor, an alias
		4) sed -i '3s/$/\n  continued/' "$f" ;;                    # a multi-line scalar
		5) sed -i '3d' "$f" ;;                                     # a field missing
		6) sed -i '4s/: \(.*\)/: "\1"/' "$f" ;;                     # quoted: a string
		7) sed -i '2s/$/\nextra_field: 1/' "$f" ;;                 # a field the schema lacks
		8) sed -i 's/$/\r/' "$f" ;;                                # CRLF
		9) sed -i '4s/^/ /' "$f" ;;                                # bad indentation
		10) sed -i '3s/: \(.*\)/: "\\u00e9\1"/' "$f" ;;             # an escape libyaml reads
		11) sed -i '/^---$/!s/$/ # note/' "$f" ;;                   # comments everywhere
		12) sed -i 's/{\([^}]*\)}/{ \1 }/; s/, /,  /g' "$f" ;;    # flow spacing
		13) sed -i '3s/: .*/: [a, {b: c}, [d]]/' "$f" ;;          # a value of the wrong type
		14) sed -i '2s/^/\xef\xbb\xbf/' "$f" ;;                    # a BOM in the middle
		15) sed -i '3s/: .*/: ~/; 4s/: .*/: 0x1F/; 5s/: .*/: .inf/' "$f" ;;  # core-schema scalars
		16) sed -i '3s/:.*/:/; 4s/: .*/:   # empty/' "$f" ;;         # empty values
		17) sed -i '0,/^  - /s/^  - .*/  -/' "$f" ;;              # an empty entry
		esac
	done < broken.list
}

if ! command -v node > /dev/null 2>&1; then
	test_skip "generated-records-take-the-fast-path" "node is not installed (tools/bench/gen.mjs)"
	test_done
fi

test_case "generated-records-take-the-fast-path-and-give-libyamls-trees" '
	gen t &&
	"$BUILD/tests/test_fastyaml" t/records > got &&
	cat got && grep -q "^$N records, $N read by the fast reader, 0 disagree$" got
'

test_case "check-of-generated-records-is-the-same-with-libyaml" '
	gen t && cd t && T=$(cat ../t.today) &&
	both text --no-cache --today "$T" &&
	both json --no-cache --today "$T" --format json
'

test_case "check-of-broken-records-is-the-same-with-libyaml" '
	gen t && cd t && T=$(cat ../t.today) && break_records &&
	test "$(wc -l < broken.list)" -ge 250 &&
	both text --no-cache --today "$T" &&
	test "$(cat text.rc)" = 1 &&
	both json --no-cache --today "$T" --format json &&
	for rule in X-DUPKEY X-YAML X-SCHEMA; do grep -q "\[$rule\]" text.lib.err || { echo "no $rule"; exit 1; }; done &&
	"$BUILD/tests/test_fastyaml" records > got; cat got &&
	grep -q " 0 disagree$" got
'

test_case "the-cache-written-by-one-reader-serves-the-other" '
	gen t && cd t && T=$(cat ../t.today) && break_records &&
	rc1=0 && rc2=0 && rc3=0 &&
	{ FLOWREC_YAML=libyaml $FLOWREC check --no-cache --today "$T" --format json > plain 2> plain.err || rc1=$?; } &&
	{ $FLOWREC check --today "$T" --format json > cold 2> cold.err || rc2=$?; } &&
	test -s .git/flowrec/cache &&
	{ FLOWREC_YAML=libyaml $FLOWREC check --today "$T" --format json > warm 2> warm.err || rc3=$?; } &&
	test "$rc1" = 1 && test "$rc2" = 1 && test "$rc3" = 1 &&
	test_cmp plain cold && test_cmp plain warm && test_cmp plain.err cold.err && test_cmp plain.err warm.err
'

test_done
