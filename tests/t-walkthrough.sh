#!/bin/sh
# t-walkthrough.sh - README.md's "A new team in ten minutes", run as written: the ```sh blocks
# between <!-- walkthrough:begin --> and <!-- walkthrough:end --> in order, in an empty folder,
# with the built flowrec on PATH (set -e: every step must work); each line of the ```text blocks
# (what the README says you will see) must be in what they printed; then the outcomes: the hook
# rejected the unfinished minutes (X-PLACEHOLDER) and let the fixed ones in, three commits, the
# next week's minutes carry this week's tasks as last_week.
. "$TESTS/lib.sh"
README="$TESTS/../README.md"

# section KIND: the lines of the README's ```KIND blocks of the walkthrough, blocks in order
section() {
	awk -v kind="$1" '
		/<!-- walkthrough:begin -->/ { on = 1; next }
		/<!-- walkthrough:end -->/ { on = 0 }
		!on { next }
		inblock && /^```$/ { inblock = 0; next }
		inblock { print; next }
		$0 == "```" kind { inblock = 1 }
	' "$README"
}

mkdir -p "$TRASH/bin" && ln -s "$FLOWREC" "$TRASH/bin/flowrec"
section sh >"$TRASH/walkthrough.sh"
section text >"$TRASH/expected"

test_case "the-readme-walkthrough-has-its-blocks" '
	test $(wc -l <"$TRASH/walkthrough.sh") -gt 40 &&
	grep -q "^flowrec init " "$TRASH/walkthrough.sh" &&
	grep -q "^flowrec new weekly-meeting" "$TRASH/walkthrough.sh" &&
	grep -q "^git commit" "$TRASH/walkthrough.sh" &&
	grep -q "X-PLACEHOLDER" "$TRASH/expected"
'

# as a Chinese team's rep types it: git knows them, the messages speak the team's language
test_case "the-readme-walkthrough-runs-as-written" '
	git config --global user.name 李娜 && git config --global user.email lina.li@corp.example &&
	mkdir w && cd w &&
	env -u LANGUAGE PATH="$TRASH/bin:$PATH" sh -e "$TRASH/walkthrough.sh" >"$TRASH/log" 2>&1 ||
		{ tail -20 "$TRASH/log"; exit 1; }
	cat "$TRASH/log" &&
	while IFS= read -r line; do
		grep -Fxq -- "$line" "$TRASH/log" || { echo "README shows, not printed: $line"; exit 1; }
	done <"$TRASH/expected"
'

test_case "the-hook-rejected-the-placeholders-and-took-the-fix" '
	cd "$TRASH/the-readme-walkthrough-runs-as-written/w/my-team" &&
	grep -q "2026-W10.md:[0-9]*:[0-9]*: .*\[X-PLACEHOLDER\]$" "$TRASH/log" &&
	test $(git rev-list --count HEAD) -eq 3 &&
	git log --format=%s >subjects && grep -qx "2026-W10 例会纪要" subjects &&
	git show HEAD:records/cards/2026-W10.md >/dev/null &&
	git show HEAD:records/monthly/2026-04/李娜.md >/dev/null &&
	! git show HEAD:records/weekly/2026-W10.md | grep -q 待填写 &&
	test "$(git config user.email)" = lina.li@corp.example &&
	grep -q "email: lina.li@corp.example" flowrec.yaml &&
	$FLOWREC check --rev HEAD &&
	test -f site/index.html && grep -q "^BEGIN:VEVENT" deadlines.ics
'

test_case "next-weeks-minutes-carry-this-weeks-tasks" '
	cd "$TRASH/the-readme-walkthrough-runs-as-written/w/my-team" &&
	test -f records/weekly/2026-W11.md &&
	/usr/bin/python3 - <<-EOF
	import yaml
	def fm(p):
	    return yaml.safe_load(open(p, encoding="utf-8").read().split("---")[1])
	w10, w11 = fm("records/weekly/2026-W10.md"), fm("records/weekly/2026-W11.md")
	this = {r["person"]: [(t["task"], t["target"], t["unit"]) for t in r["this_week"]] for r in w10["reports"]}
	last = {r["person"]: [(t["task"], t["target"], t["unit"]) for t in r["last_week"]] for r in w11["reports"]}
	assert this == last and len(this) == 3, (this, last)
	assert all("actual" not in t for r in w11["reports"] for t in r["last_week"])
	rot = [p for p in yaml.safe_load(open("flowrec.yaml", encoding="utf-8"))["host_rotation"]]
	assert w11["host"] == rot[(rot.index(w10["host"]) + 1) % len(rot)], w11["host"]
	EOF
'

test_done
