#!/bin/sh
# t-harden.sh - attacks on the gate as an attacker or a careless user would make them: links and
# FIFOs where flowrec reads team files, files over the size limit, hostile values in messages,
# inputs that would take quadratic time. Every command that could hang runs under `timeout`.
. "$TESTS/lib.sh"
export LANGUAGE=en   # the messages grepped below are the English ones (the team is zh-CN)

# a team repository (a git repository with one commit) holding one valid meeting record
make_team() {
	mkdir -p "$1/records/meetings" &&
	cp "$TESTS/rules/team.yaml" "$1/flowrec.yaml" &&
	cat > "$1/records/meetings/m.md" <<-'EOR' &&
	---
	kind: meeting
	title: 新品上市准备会
	date: 2026-03-05
	purpose: 确定X1上市的渠道和价格
	host: 王经理
	invited: [王经理, 李娜]
	present: [王经理, 李娜]
	agenda: [{topic: 渠道铺货, minutes: 20}]
	minutes: 20
	decisions:
	  - {decision: X1首批铺货50台, owner: 李娜, due: 2026-03-12, status: done}
	distributed: 2026-03-05
	---
	EOR
	(cd "$1" && git init -q && git add -A && git commit -q -m team)
}

# a forged record outside the team, with an error a followed link would show (X-PERSON)
forged() {
	sed "s/^host: 王经理/host: 伪造者/" "$1/records/meetings/m.md" > "$2"
}

# check in all three modes: the working tree, the index, the last commit; each must exit 1
# with exactly the X-FILE diagnostics named, at line 1, and nothing from behind the link
check_all_modes() {
	for mode in "" --staged "--rev HEAD"; do
		# shellcheck disable=SC2086
		test_expect_code 1 timeout 20 $FLOWREC check $mode --format json > out.json || return 1
		jq -r ".[] | \"\(.path):\(.line):\(.column) \(.rule)\"" out.json | sort > got &&
		printf "%s\n" "$@" | sort > want &&
		test_cmp want got || { echo "mode: '$mode'"; return 1; }
	done
}

test_case "record-link-is-x-file-in-every-mode" '
	make_team t && forged t outside.md && cd t &&
	ln -s ../../../outside.md records/meetings/n.md && git add -A && git commit -q -m link &&
	check_all_modes "records/meetings/n.md:1:1 X-FILE"
'

test_case "records-folder-link-is-x-file-in-every-mode" '
	make_team t && mkdir -p elsewhere/meetings && forged t elsewhere/meetings/m.md && cd t &&
	git rm -q -r records && rm -rf records && ln -s ../elsewhere records &&
	git add -A && git commit -q -m link &&
	check_all_modes "records:1:1 X-FILE"
'

test_case "folder-link-under-records-is-x-file-in-every-mode" '
	make_team t && mkdir -p elsewhere && forged t elsewhere/x.md && cd t &&
	ln -s ../../../elsewhere records/meetings/sub && git add -A && git commit -q -m link &&
	check_all_modes "records/meetings/sub:1:1 X-FILE"
'

test_case "config-link-is-x-file-in-every-mode" '
	make_team t && cp t/flowrec.yaml real.yaml && cd t &&
	rm flowrec.yaml && ln -s ../real.yaml flowrec.yaml && git add -A && git commit -q -m link &&
	for mode in "" --staged "--rev HEAD"; do
		test_expect_code 2 timeout 20 $FLOWREC check $mode 2>err &&
		grep -q "^flowrec.yaml:1:1: error: .*\[X-FILE\]$" err || { echo "mode: $mode"; cat err; exit 1; }
	done
'

test_case "schema-link-is-x-file-in-every-mode" '
	make_team t && printf "type: object\n" > loose.yaml && cd t && mkdir schemas &&
	ln -s ../../loose.yaml schemas/meeting.yaml && git add -A && git commit -q -m link &&
	for mode in "" --staged "--rev HEAD"; do
		test_expect_code 2 timeout 20 $FLOWREC check $mode 2>err &&
		grep -q "^schemas/meeting.yaml:1:1: error: .*\[X-FILE\]$" err || { echo "mode: $mode"; cat err; exit 1; }
	done
'

test_case "schemas-folder-link-is-x-file-in-every-mode" '
	make_team t && mkdir loose && printf "type: object\n" > loose/meeting.yaml && cd t &&
	ln -s ../loose schemas && git add -A && git commit -q -m link &&
	for mode in "" --staged "--rev HEAD"; do
		test_expect_code 2 timeout 20 $FLOWREC check $mode 2>err &&
		grep -q "^schemas:1:1: error: .*\[X-FILE\]$" err || { echo "mode: $mode"; cat err; exit 1; }
	done
'

test_case "links-outside-team-files-are-no-error" '
	make_team t && cd t && ln -s records/meetings/m.md notes.md && mkdir docs &&
	ln -s ../flowrec.yaml docs/config.yaml && ln -s m.md records/meetings/.hidden.md &&
	git add -A && git commit -q -m links &&
	$FLOWREC check && $FLOWREC check --staged && $FLOWREC check --rev HEAD
'

test_case "link-to-fifo-does-not-hang-check-or-render" '
	make_team t && mkfifo pipe && cd t &&
	ln -s ../../../pipe records/meetings/p.md &&
	test_expect_code 1 timeout 20 $FLOWREC check 2>err &&
	grep -q "^records/meetings/p.md:1:1: error: .*\[X-FILE\]$" err &&
	test_expect_code 1 timeout 20 $FLOWREC --lang en render -o ../site 2>err &&
	grep -q "\[X-FILE\]" err && test ! -e ../site
'

test_case "fifo-record-does-not-hang-check-or-render" '
	make_team t && cd t && mkfifo records/meetings/p.md &&
	test_expect_code 1 timeout 20 $FLOWREC check 2>err &&
	grep -q "^records/meetings/p.md:1:1: error: .*\[X-FILE\]$" err &&
	test_expect_code 1 timeout 20 $FLOWREC --lang en render -o ../site 2>err && test ! -e ../site
'

test_case "fifo-config-or-schema-does-not-hang" '
	make_team t && cd t && mkdir schemas && mkfifo schemas/meeting.yaml &&
	test_expect_code 2 timeout 20 $FLOWREC check 2>err &&
	grep -q "^schemas/meeting.yaml:1:1: error: .*\[X-FILE\]$" err &&
	rm schemas/meeting.yaml && rm flowrec.yaml && mkfifo flowrec.yaml &&
	test_expect_code 2 timeout 20 $FLOWREC check 2>err &&
	grep -q "^flowrec.yaml:1:1: error: .*\[X-FILE\]$" err
'

test_case "named-link-or-fifo-is-not-followed" '
	make_team t && forged t outside.md && mkfifo pipe && cd t &&
	test_expect_code 1 timeout 20 $FLOWREC check ../pipe 2>err &&
	grep -q "^../pipe:1:1: error: .*\[X-FILE\]$" err &&
	ln -s ../outside.md x.md &&
	test_expect_code 1 timeout 20 $FLOWREC check x.md 2>err &&
	grep -q "^x.md:1:1: error: .*\[X-FILE\]$" err && ! grep -q X-PERSON err
'

test_case "validate-refuses-a-fifo-without-hanging" '
	mkfifo pipe && printf "type: object\n" > s.yaml &&
	test_expect_code 2 timeout 20 $FLOWREC validate --schema s.yaml pipe 2>err &&
	grep -q "not a regular file" err
'

# a record just over 8 MiB: valid YAML up to its end, so only the size is wrong
big_record() {
	{ printf -- "---\nkind: meeting\nnotes: |\n"; head -c 8400000 /dev/zero | tr "\0" "x" | fold -w 100 | sed "s/^/  /"; printf -- "---\n"; } > "$1"
}

test_case "oversized-record-is-one-diagnostic-the-rest-checked" '
	make_team t && cd t && big_record records/meetings/big.md &&
	sed "s/^host: 王经理/host: 无名/" records/meetings/m.md > records/meetings/bad.md &&
	sed -i "s/^title: .*/title: 另一个会/" records/meetings/bad.md &&
	git add -A && git commit -q -m big &&
	for mode in "" --staged "--rev HEAD"; do
		test_expect_code 1 $FLOWREC check $mode --format json > out.json &&
		jq -e "length == 2" out.json > /dev/null &&
		jq -e ".[] | select(.path == \"records/meetings/big.md\") | .rule == \"X-FILE\" and .line == 1 and .column == 1" out.json > /dev/null &&
		jq -e ".[] | select(.path == \"records/meetings/bad.md\") | .rule == \"X-PERSON\"" out.json > /dev/null ||
		{ echo "mode: $mode"; cat out.json; exit 1; }
	done &&
	# the same in the text, however the working tree was walked: without a cache, writing it
	# (the walk does not stat the records, the engine finds the size when it opens them), and
	# warm (the walk stats each one): one X-FILE, and the big file is no record checked
	rm -rf .git/flowrec &&
	test_expect_code 1 env LANGUAGE=en $FLOWREC check --no-cache 2> nocache.txt &&
	test_expect_code 1 env LANGUAGE=en $FLOWREC check 2> cold.txt &&
	test -s .git/flowrec/cache &&
	test_expect_code 1 env LANGUAGE=en $FLOWREC check 2> warm.txt &&
	grep -q "records/meetings/big.md:1:1: error: file too large ([0-9]* bytes.* \[X-FILE\]" nocache.txt &&
	n=$(find records -name "*.md" | wc -l) &&
	grep -q "^checked $((n - 1)) records: 2 errors" nocache.txt &&
	test_cmp nocache.txt cold.txt && test_cmp nocache.txt warm.txt || { for f in nocache.txt cold.txt warm.txt; do echo "== $f"; tail -n 3 $f; done; exit 1; }
'

test_case "record-at-the-size-limit-is-read" '
	make_team t && cd t &&
	{ cat records/meetings/m.md; head -c $((8388608 - $(wc -c < records/meetings/m.md))) /dev/zero | tr "\0" "\n"; } > records/meetings/n.md &&
	test "$(wc -c < records/meetings/n.md)" -eq 8388608 &&
	sed -i "s/^title: .*/title: 另一个会/" records/meetings/n.md &&
	$FLOWREC check
'

# ---- values quoted in text messages ----

# a record whose host is a forged diagnostic, a GitHub workflow command, a screen clear, a
# colour and a right-to-left override; its file name holds a newline and an ESC too
hostile_names() {
	printf -- "---\nkind: meeting\ntitle: t\ndate: 2026-03-05\npurpose: p\nhost: \"x\\\\nrecords/meetings/m.md:1:1: error: forged [X-YAML]\\\\n::error file=a.md::pwned\\\\e[2J\\\\e[31m\\\\u202eevil\"\ninvited: [王经理]\npresent: [王经理]\nagenda: [{topic: a, minutes: 5}]\nminutes: 5\ndecisions: []\ndistributed: 2026-03-05\n---\n" > "$1"
}

# text output is one line per diagnostic, without a control byte or a bidi override, and no
# line a CI runner would take for a command
text_is_safe() {
	! grep -q "$(printf "\033")" "$1" && ! grep -q "$(printf "\342\200\256")" "$1" &&
	! grep -q "^::" "$1" && ! grep -q "forged" "$1" | grep -v "X-PERSON" &&
	test "$(grep -vc "^checked [0-9]* record" "$1")" -eq "$2" || { cat -A "$1"; return 1; }
}

test_case "field-value-cannot-inject-lines-or-escapes" '
	make_team t && cd t && hostile_names records/meetings/n.md &&
	test_expect_code 1 $FLOWREC check 2>err &&
	text_is_safe err 1 &&
	grep -q "^records/meetings/n.md:6:7: error: .*x\\\\nrecords/meetings/m.md:1:1: error: forged \[X-YAML\]\\\\n::error file=a.md::pwned\\\\x1b\[2J\\\\x1b\[31m\\\\u202eevil.* \[X-PERSON\]$" err &&
	test_expect_code 1 script -qec "$FLOWREC check" /dev/null > tty &&
	! grep -q "$(printf "\033")" tty && ! grep -q "$(printf "\342\200\256")" tty
'

test_case "file-name-cannot-inject-lines-or-escapes" '
	make_team t && cd t &&
	name="$(printf "records/meetings/a\n::error::x\033[2J\342\200\256.md")" &&
	printf -- "---\nkind: nope\n---\n" > "$name" &&
	test_expect_code 1 $FLOWREC check 2>err && text_is_safe err 1 &&
	grep -q "^records/meetings/a\\\\n::error::x\\\\x1b\[2J\\\\u202e.md:2:7: error: .*\[X-KIND\]$" err &&
	test_expect_code 1 $FLOWREC check --format json > out.json &&
	test "$(jq -r ".[0].path" out.json)" = "$name"
'

test_case "json-keeps-the-exact-value" '
	make_team t && cd t && hostile_names records/meetings/n.md &&
	test_expect_code 1 $FLOWREC check --format json > out.json &&
	jq -e "length == 1" out.json > /dev/null &&
	jq -r ".[0].message" out.json > msg &&
	grep -q "^::error file=a.md::pwned" msg &&
	grep -q "$(printf "\033")\[2J" msg && grep -q "$(printf "\342\200\256")evil" msg
'

test_case "push-output-is-quoted-too" '
	new_team seed && serve_seed && cd work && mkdir -p records/meetings &&
	hostile_names records/meetings/n.md && git add -A &&
	commit_as wang@example.com 2026-03-05T18:00:00+08:00 hostile --no-verify &&
	test_must_fail git push origin HEAD:main 2>err &&
	grep -q "X-PERSON" err &&
	! grep -q "$(printf "\033")" err && ! grep -q "$(printf "\342\200\256")" err &&
	! grep -q "^remote: ::" err && ! grep -q "^remote: records/meetings/m.md:1:1: error: forged" err
'

# ---- bounded checks: inputs that take minutes when an algorithm is quadratic ----

# a meeting record with extra front-matter lines from stdin, checked against a team schema
# that adds the given property schema as 'extra'
bounded_team() {
	make_team t && mkdir -p t/schemas &&
	printf "type: object\nrequired: [kind]\nproperties:\n  kind: {const: meeting}\n  extra: %s\n" "$1" > t/schemas/meeting.yaml
}

test_case "unique-items-300k-identical-is-linear" '
	bounded_team "{type: array, uniqueItems: true}" && cd t &&
	awk "BEGIN { printf \"---\\nkind: meeting\\nextra: [\"; for (i = 0; i < 300000; i++) printf \"%s1\", i ? \",\" : \"\"; printf \"]\\n---\\n\" }" > records/meetings/m.md &&
	test_expect_code 1 timeout 30 $FLOWREC check --format json > out.json &&
	jq -e "length == 1 and (.[0].message | test(\"item 2 repeats item 1\")) and .[0].rule == \"X-SCHEMA\"" out.json > /dev/null
'

test_case "unique-items-300k-identical-objects-is-linear" '
	bounded_team "{type: array, uniqueItems: true}" && cd t &&
	awk "BEGIN { printf \"---\\nkind: meeting\\nextra: [\"; for (i = 0; i < 300000; i++) printf \"%s{a: 1}\", i ? \",\" : \"\"; printf \"]\\n---\\n\" }" > records/meetings/m.md &&
	test_expect_code 1 timeout 30 $FLOWREC check --format json > out.json &&
	jq -e "length == 1 and (.[0].message | test(\"item 2 repeats item 1\"))" out.json > /dev/null
'

test_case "unique-items-300k-distinct-pass" '
	bounded_team "{type: array, uniqueItems: true}" && cd t &&
	awk "BEGIN { printf \"---\\nkind: meeting\\nextra: [\"; for (i = 0; i < 300000; i++) printf \"%s%d\", i ? \",\" : \"\", i; printf \"]\\n---\\n\" }" > records/meetings/m.md &&
	timeout 30 $FLOWREC check
'

# ANCHORS anchors and ALIASES aliases to them, each alias naming one of the anchors
aliases() {
	awk -v n="$1" -v m="$2" "BEGIN { printf \"---\\nkind: meeting\\n\"; for (i = 0; i < n; i++) printf \"a%d: &x%d v\\n\", i, i; printf \"extra: [\"; for (i = 0; i < m; i++) printf \"%s*x%d\", i ? \",\" : \"\", i % n; printf \"]\\n---\\n\" }"
}

test_case "yaml-10k-and-40k-aliases-are-linear" '
	bounded_team "{type: array}" && cd t &&
	printf "additionalProperties: true\n" >> schemas/meeting.yaml &&
	aliases 10000 10000 > records/meetings/m.md && timeout 20 $FLOWREC check &&
	aliases 40000 40000 > records/meetings/m.md && timeout 20 $FLOWREC check &&
	aliases 100000 100000 > records/meetings/m.md && timeout 30 $FLOWREC check
'

test_case "yaml-alias-expansion-over-the-limit-is-one-x-yaml-error" '
	bounded_team "{type: array}" && cd t &&
	awk "BEGIN { printf \"---\\nkind: meeting\\nb: &b [\"; for (i = 0; i < 1000; i++) printf \"%sx\", i ? \",\" : \"\"; printf \"]\\nextra: [\"; for (i = 0; i < 2000; i++) printf \"%s*b\", i ? \",\" : \"\"; printf \"]\\n---\\n\" }" > records/meetings/m.md &&
	test_expect_code 1 timeout 20 $FLOWREC check --format json > out.json &&
	jq -e "length == 1 and .[0].rule == \"X-YAML\" and (.[0].message | test(\"aliases\"))" out.json > /dev/null
'

test_case "catastrophic-pattern-is-bounded-with-a-clear-error" '
	bounded_team "{type: string, pattern: \"^(a+)+\$\"}" && cd t &&
	printf -- "---\nkind: meeting\nextra: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n---\n" > records/meetings/m.md &&
	test_expect_code 1 timeout 20 $FLOWREC check --format json > out.json &&
	jq -e "length == 1 and .[0].rule == \"X-SCHEMA\" and (.[0].message | test(\"simplify the pattern\"))" out.json > /dev/null
'

# ---- a team's schema says only what flowrec checks ----

# strict_rejects 'KEYWORD LINE' WORD: the team's meeting schema with that line is refused when
# compiled, exit 2, at the keyword, naming WORD
strict_rejects() {
	rm -rf t && make_team t && mkdir -p t/schemas &&
	printf "type: object\nrequired: [kind]\nproperties:\n  kind: {const: meeting}\n%s\n" "$1" > t/schemas/meeting.yaml &&
	(cd t && test_expect_code 2 $FLOWREC check 2>err &&
	 grep -q "^schemas/meeting.yaml:5:[0-9]*: error: .*$2.* \[X-SCHEMA\]$" err &&
	 git add -A && git commit -q -m schema && test_expect_code 2 $FLOWREC check --rev HEAD 2>/dev/null) ||
	{ cat t/err; return 1; }
}

test_case "unsupported-keywords-in-a-team-schema-are-errors" '
	strict_rejects "\$dynamicRef: \"#meta\"" "dynamicRef" &&
	strict_rejects "\$recursiveRef: \"#\"" "recursiveRef" &&
	strict_rejects "dependencies: {a: [b]}" "dependentRequired" &&
	strict_rejects "items: [{type: string}]" "prefixItems" &&
	strict_rejects "additionalItems: false" "prefixItems" &&
	strict_rejects "maximumm: 3" "unknown keyword .maximumm." &&
	strict_rejects "format: uri" "format .uri." &&
	strict_rejects "\$schema: http://json-schema.org/draft-07/schema#" "2020-12"
'

test_case "remote-ref-in-a-team-schema-is-an-error" '
	strict_rejects "\$ref: https://example.com/other.json" "cannot resolve"
'

test_case "nested-unknown-keyword-is-found-too" '
	make_team t && mkdir -p t/schemas && cd t &&
	printf "type: object\nproperties:\n  host:\n    type: string\n    minLenght: 2\n" > schemas/meeting.yaml &&
	test_expect_code 2 $FLOWREC check 2>err &&
	grep -q "^schemas/meeting.yaml:5:5: error: .*minLenght.*\[X-SCHEMA\]$" err
'

test_case "annotations-in-a-team-schema-are-fine" '
	make_team t && mkdir -p t/schemas && cd t &&
	printf "%s\n" "\$schema: https://json-schema.org/draft/2020-12/schema" "title: 会议" "description: d" \
		"\$comment: c" "type: object" "examples: [{}]" "deprecated: false" "x-team-note: 自定义" \
		"required: [kind]" "properties:" "  kind: {const: meeting, readOnly: true, default: meeting}" \
		"  notes: {type: string, writeOnly: true, contentMediaType: text/markdown, x-after-approval: true}" \
		> schemas/meeting.yaml &&
	$FLOWREC check
'

# ---- render never destroys what it did not write ----

# a meeting record of make_team's, retitled (distinct keys)
meeting_as() {
	mkdir -p "$(dirname "$2")" && sed "s/^title: .*/title: $1/" records/meetings/m.md > "$2"
}

test_case "render-o-dot-with-a-committed-marker-keeps-the-checkout" '
	make_team t && cd t && echo "flowrec site: forged" > .flowrec-site &&
	git add -A && git commit -q -m marker &&
	test_expect_code 2 $FLOWREC --lang en render -o . --today 2026-03-31 2>../err &&
	grep -q "never replaces it" ../err &&
	test -d .git && test -f flowrec.yaml && test -f records/meetings/m.md && git status --short > ../st &&
	test ! -s ../st && test -z "$(ls -d ../t.* 2>/dev/null)"
'

test_case "render-never-replaces-a-team-its-records-or-a-repository" '
	make_team t && cd t &&
	test_expect_code 2 $FLOWREC --lang en render -o records --today 2026-03-31 2>err && grep -q "never replaces" err &&
	test_expect_code 2 $FLOWREC --lang en render -o records/meetings --today 2026-03-31 2>err && grep -q "never replaces" err &&
	test_expect_code 2 $FLOWREC --lang en render -o .. --today 2026-03-31 2>err && grep -q "never replaces" err &&
	mkdir -p ../other && git init -q ../other && cp ../t/.flowrec-site ../other/ 2>/dev/null;
	test_expect_code 2 $FLOWREC --lang en render -o ../other --today 2026-03-31 2>err && grep -q "never replaces" err &&
	test -d ../other/.git && test -f records/meetings/m.md
'

test_case "render-keeps-a-folder-with-a-forged-marker" '
	make_team t && cd t && mkdir pub && echo precious > pub/keep.txt &&
	printf "flowrec site: \`flowrec render\` replaces this folder as a whole.\n" > pub/.flowrec-site &&
	test_expect_code 2 $FLOWREC --lang en render -o pub --today 2026-03-31 2>err && grep -q "did not write" err &&
	test "$(cat pub/keep.txt)" = precious &&
	$FLOWREC --lang en render -o site --today 2026-03-31 && cp pub/keep.txt site/ &&
	test_expect_code 2 $FLOWREC --lang en render -o site --today 2026-03-31 2>err && test -f site/keep.txt &&
	rm site/keep.txt && echo changed >> site/index.html &&
	test_expect_code 2 $FLOWREC --lang en render -o site --today 2026-03-31 2>err && grep -q "did not write" err
'

test_case "render-rerenders-its-own-site" '
	make_team t && cd t &&
	$FLOWREC --lang en render -o site --today 2026-03-31 && cp -R site before &&
	$FLOWREC --lang en render -o site --today 2026-03-31 && diff -r before site &&
	head -1 site/.flowrec-site | grep -q "^flowrec site: " &&
	grep -q "^[0-9a-f]\{40\} index.html$" site/.flowrec-site
'

test_case "leftovers-of-a-killed-render-are-cleaned-only-when-provably-ours" '
	make_team t && cd t && $FLOWREC --lang en render -o site --today 2026-03-31 &&
	cp -R site site.old-aB3dE9 &&
	mkdir -p site.tmp-Qw12er/records && echo "<p>" > site.tmp-Qw12er/index.html &&
	echo "<p>" > site.tmp-Qw12er/records/x.html &&
	printf "flowrec site: \`flowrec render\` replaces this folder as a whole.\n" > site.tmp-Qw12er/.flowrec-site &&
	mkdir site.tmp-Kp00zz && echo mine > site.tmp-Kp00zz/notes.txt &&
	printf "flowrec site: \`flowrec render\` replaces this folder as a whole.\n" > site.tmp-Kp00zz/.flowrec-site &&
	mkdir site.old-Zz99yy && echo mine > site.old-Zz99yy/index.html &&
	cp site/.flowrec-site site.old-Zz99yy/ &&
	$FLOWREC --lang en render -o site --today 2026-03-31 &&
	test ! -e site.old-aB3dE9 && test ! -e site.tmp-Qw12er &&
	test "$(cat site.tmp-Kp00zz/notes.txt)" = mine && test "$(cat site.old-Zz99yy/index.html)" = mine
'

test_case "page-names-are-unique-by-construction" '
	make_team t && cd t &&
	meeting_as 甲 "records/meetings/a:b.md" && meeting_as 乙 "records/meetings/a?b.md" &&
	meeting_as 丙 "records/meetings/x.md" && meeting_as 丁 "records/meetings/x.html/y.md" &&
	meeting_as 戊 "records/meetings/x/y.md" && meeting_as 己 "records/meetings/a b~20.md" &&
	meeting_as 庚 "records/meetings/a~20b.md" &&
	$FLOWREC --lang en render -o site --force --today 2026-03-31 &&
	for t in 甲 乙 丙 丁 戊 己 庚; do
		test "$(grep -l "$t" $(find site/records -name "*.html") | wc -l)" -eq 1 || { echo "page of $t"; exit 1; }
	done &&
	test "$(find site/records/meetings -name "*.html" | wc -l)" -eq 8
'

test_case "push-of-links-in-place-of-the-team-is-rejected" '
	new_team seed && serve_seed && cd work &&
	mkdir -p ../elsewhere/meetings && cp flowrec.yaml ../real.yaml &&
	git rm -q flowrec.yaml && ln -s ../real.yaml flowrec.yaml && ln -s ../elsewhere records &&
	git add -A && commit_as wang@example.com 2026-03-05T18:00:00+08:00 links --no-verify &&
	test_must_fail git push origin HEAD:main 2>err &&
	grep -q "flowrec.yaml:1:1: error: .*\[X-FILE\]" err &&
	git reset -q --hard HEAD~1 && mkdir -p records/meetings &&
	ln -s ../../../real.yaml records/meetings/m.md && git add -A &&
	commit_as wang@example.com 2026-03-05T18:00:00+08:00 link --no-verify &&
	test_must_fail git push origin HEAD:main 2>err &&
	grep -q "records/meetings/m.md:1:1: error: .*\[X-FILE\]" err
'

test_done
