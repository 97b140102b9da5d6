#!/bin/sh
# t-coverage.sh - every rule id of the rule table (tools/core/rules.c) has a case that fails
# with it and a case that passes where it applies: a rule case file rules/RULE-ID.case must
# exist, expect that rule in at least one case, and hold at least one case whose expect
# section does not name it. Rules that only git history can judge are covered by the git
# suites (t-git*.sh) instead; they are listed in GIT_RULES.
set -u
: "${TESTS:?}"
root=$(cd "$TESTS/.." && pwd)
ids=$(sed -n 's/^\t{ "\([A-Z]-[A-Z0-9-]*\)", [EW], \([01]\),.*/\1 \2/p' "$root/tools/core/rules.c")
failed=0
echo "$ids" | while read -r id git; do
	[ -n "$id" ] || continue
	if [ "$git" = 1 ]; then
		if grep -q "$id" "$TESTS"/t-git*.sh 2>/dev/null; then
			echo "ok - coverage/$id (git suite)"
		else
			echo "not ok - coverage/$id: no git test names it"
		fi
		continue
	fi
	f="$TESTS/rules/$id.case"
	if [ ! -f "$f" ]; then
		echo "not ok - coverage/$id: no tests/rules/$id.case"
		continue
	fi
	fails=$(awk -v id="[$id]" '/^=== expect/{e=1; next} /^===|^###/{e=0} e && index($0, id){c++} END{print c+0}' "$f")
	passes=$(awk -v id="[$id]" '/^### /{if (n && !hit) p++; n=1; hit=0; next} /^=== expect/{e=1; next} /^===/{e=0} e && index($0, id){hit=1} END{if (n && !hit) p++; print p+0}' "$f")
	if [ "$fails" -gt 0 ] && [ "$passes" -gt 0 ]; then
		echo "ok - coverage/$id"
	else
		echo "not ok - coverage/$id: $fails failing and $passes passing cases"
	fi
done
