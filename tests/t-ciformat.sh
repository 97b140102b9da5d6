#!/bin/sh
# t-ciformat.sh - check --format sarif|gitlab|github: SARIF validated against the official
# SARIF 2.1.0 schema (draft-04) by python3-jsonschema, the same findings as --format json,
# fingerprints that survive moved lines, and GitHub's escapes.
. "$TESTS/lib.sh"
EXAMPLES="$TESTS/../examples"
SARIF_SCHEMA=${SARIF_SCHEMA:-$TESTS/../../shared/sarif/sarif-schema-2.1.0.json}

# a copy of the example team with a few errors: a new weekly meeting (placeholders), a
# deviation without its reason (W-REASON, a message with '%'), a file name with ',' and ':'
broken_team() {
	cp -r "$EXAMPLES" t && cd t &&
	$FLOWREC new weekly-meeting --week 2026-W14 >/dev/null &&
	sed -i "s/, reason: 新品X1上市，集中拜访教育行业客户//" records/weekly/2026-W11.md &&
	printf -- "---\nkind: meeting\n---\n" > "records/meetings/a,b:c.md"
}

if [ -f "$SARIF_SCHEMA" ]; then
test_case "sarif-validates-against-the-sarif-2.1.0-schema" '
	broken_team && test_expect_code 1 $FLOWREC check --format sarif --today 2026-03-31 >out.sarif &&
	python3 - "$SARIF_SCHEMA" out.sarif <<-EOF
	import json, sys, jsonschema
	schema = json.load(open(sys.argv[1], encoding="utf-8"))
	doc = json.load(open(sys.argv[2], encoding="utf-8"))
	jsonschema.Draft4Validator.check_schema(schema)
	jsonschema.Draft4Validator(schema).validate(doc)
	assert len(doc["runs"][0]["results"]) > 20
	EOF
'
else
	echo "ok - sarif-validates-against-the-sarif-2.1.0-schema # SKIP no SARIF schema at '$SARIF_SCHEMA' (put sarif-schema-2.1.0.json there, or set SARIF_SCHEMA)"
fi

test_case "sarif-has-the-findings-of-json-with-rules-and-handbook-help" '
	broken_team &&
	test_expect_code 1 $FLOWREC check --format sarif --today 2026-03-31 >out.sarif &&
	test_expect_code 1 $FLOWREC check --format json --today 2026-03-31 >out.json &&
	python3 - <<-EOF
	import json
	s = json.load(open("out.sarif", encoding="utf-8"))
	j = json.load(open("out.json", encoding="utf-8"))
	run = s["runs"][0]
	rules = run["tool"]["driver"]["rules"]
	res = run["results"]
	assert len(res) == len(j), (len(res), len(j))
	for r, d in zip(res, j):
	    assert r["ruleId"] == d["rule"] and r["level"] == d["severity"]
	    assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
	    assert r["message"]["text"] == d["message"]
	    loc = r["locations"][0]["physicalLocation"]
	    from urllib.parse import unquote
	    assert unquote(loc["artifactLocation"]["uri"]) == d["path"]
	    if d["line"]:
	        assert loc["region"]["startLine"] == d["line"] and loc["region"]["startColumn"] == d["column"]
	w = [x for x in rules if x["id"] == "W-REASON"][0]
	assert "上周达成率正负超过30%的做简述" in w["help"]["text"], w
	assert w["defaultConfiguration"]["level"] == "error"
	assert {"W-REASON", "X-PLACEHOLDER", "X-SCHEMA"} <= {r["ruleId"] for r in res}
	fps = [r["partialFingerprints"]["flowrec/v1"] for r in res]
	assert len(set(fps)) == len(fps), "fingerprints must be unique"
	EOF
'

test_case "fingerprints-survive-lines-added-above-and-the-language" '
	broken_team &&
	$FLOWREC check --format sarif --today 2026-03-31 >a.sarif
	$FLOWREC check --format gitlab --today 2026-03-31 >a.gl
	sed -i "2i # a comment that moves every line down" records/weekly/2026-W14.md records/weekly/2026-W10.md &&
	$FLOWREC check --format sarif --today 2026-03-31 --lang en >b.sarif
	$FLOWREC check --format gitlab --today 2026-03-31 >b.gl
	python3 - <<-EOF
	import json
	def fp(p):
	    return sorted(r["partialFingerprints"]["flowrec/v1"] for r in json.load(open(p))["runs"][0]["results"])
	def lines(p):
	    return sorted(r["region"]["startLine"] for r in [x["locations"][0]["physicalLocation"] for x in json.load(open(p))["runs"][0]["results"]] if "region" in r)
	assert fp("a.sarif") == fp("b.sarif")
	assert lines("a.sarif") != lines("b.sarif")
	a = sorted(x["fingerprint"] for x in json.load(open("a.gl")))
	b = sorted(x["fingerprint"] for x in json.load(open("b.gl")))
	assert a == b and a == fp("a.sarif")
	EOF
'

test_case "gitlab-code-quality-fields" '
	broken_team &&
	test_expect_code 1 $FLOWREC check --format gitlab --today 2026-03-31 >out.gl &&
	test_expect_code 1 $FLOWREC check --format json --today 2026-03-31 >out.json &&
	python3 - <<-EOF
	import json
	g = json.load(open("out.gl", encoding="utf-8"))
	j = json.load(open("out.json", encoding="utf-8"))
	assert len(g) == len(j)
	for x, d in zip(g, j):
	    assert set(x) == {"description", "check_name", "fingerprint", "severity", "location"}
	    assert x["description"] == d["message"] and x["check_name"] == d["rule"]
	    assert x["severity"] == {"error": "major", "warning": "minor"}[d["severity"]]
	    assert x["location"]["path"] == d["path"]
	    assert x["location"]["lines"]["begin"] == max(d["line"], 1)
	EOF
'

test_case "github-workflow-commands-with-escapes" '
	broken_team &&
	test_expect_code 1 $FLOWREC check --format github --today 2026-03-31 >out.gh &&
	test_expect_code 1 $FLOWREC check --format json --today 2026-03-31 >out.json &&
	python3 - <<-EOF
	import json, re
	j = json.load(open("out.json", encoding="utf-8"))
	lines = open("out.gh", encoding="utf-8").read().splitlines()
	assert len(lines) == len(j)
	pat = re.compile(r"^::(error|warning) file=([^,:]*)(?:,line=(\d+))?(?:,col=(\d+))?,title=([^,:]*)::(.*)$")
	def unesc(s, prop):
	    s = s.replace("%0D", "\r").replace("%0A", "\n")
	    if prop:
	        s = s.replace("%3A", ":").replace("%2C", ",")
	    return s.replace("%25", "%")
	for l, d in zip(lines, j):
	    m = pat.match(l)
	    assert m, l
	    assert m.group(1) == d["severity"] and unesc(m.group(2), 1) == d["path"]
	    if d["line"]:
	        assert int(m.group(3)) == d["line"] and int(m.group(4)) == d["column"]
	    assert m.group(5) == d["rule"] and unesc(m.group(6), 0) == d["message"]
	assert any("file=records/meetings/a%2Cb%3Ac.md" in l for l in lines)
	assert any("%25" in l and "W-REASON" in l for l in lines)
	EOF
'

test_case "a-clean-team-gives-empty-reports-and-exit-0" '
	mkdir -p t/records && cp "$TESTS/rules/team.yaml" t/flowrec.yaml && cd t &&
	$FLOWREC check --format github --today 2026-03-31 >gh && test ! -s gh &&
	$FLOWREC check --format gitlab --today 2026-03-31 >gl && test "$(cat gl)" = "[]" &&
	$FLOWREC check --format sarif --today 2026-03-31 >s &&
	python3 -c "import json; assert json.load(open(\"s\"))[\"runs\"][0][\"results\"] == []" &&
	test_expect_code 2 $FLOWREC check --format xml
'

test_done
