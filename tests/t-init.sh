#!/bin/sh
# t-init.sh - `flowrec init` (a new team repository) and `flowrec schema` (JSON Schemas for
# editors), checked with git itself and a real JSON Schema validator (python3-jsonschema).
. "$TESTS/lib.sh"
SCHEMAS="$TESTS/../schemas"

test_case "init-makes-a-valid-team-repository-with-git-and-the-hook" '
	$FLOWREC init team >out &&
	cd team &&
	test -f flowrec.yaml && test -d records && test -d .git &&
	grep -qx "site/" .gitignore &&
	grep -q "flowrec-hook: 1" .git/hooks/pre-commit &&
	test -x .git/hooks/pre-commit &&
	grep -q "flowrec new weekly-meeting" ../out &&
	$FLOWREC check -q 2>err && test ! -s err &&
	$FLOWREC validate --schema "$SCHEMAS/flowrec-config.yaml" flowrec.yaml &&
	grep -q "^team: team$" flowrec.yaml &&
	grep -q "^locale: zh-CN" flowrec.yaml && grep -q "^# 人员名单" flowrec.yaml &&
	test -f .flowrec/schemas/weekly-meeting.json &&
	git config user.email wang@example.com &&
	git add -A && git commit -q -m "team" && git ls-files | grep -qx flowrec.yaml
'

test_case "init-in-an-existing-repository-keeps-it-and-its-gitignore" '
	git init -q r && cd r && printf "build/" > .gitignore && git commit -q --allow-empty -m first &&
	$FLOWREC init --team 华东销售部 --locale en --timezone Europe/Berlin >out &&
	test "$(git rev-list --count HEAD)" = 1 &&
	test "$(cat .gitignore)" = "$(printf "build/\nsite/")" &&
	grep -q "^team: 华东销售部$" flowrec.yaml && grep -q "^locale: en" flowrec.yaml &&
	grep -q "^timezone: Europe/Berlin" flowrec.yaml &&
	$FLOWREC check && grep -v -q "a new git repository" out
'

test_case "init-refuses-an-existing-flowrec-yaml-and-changes-nothing" '
	mkdir t && echo "people: []" > t/flowrec.yaml &&
	test_expect_code 1 $FLOWREC init t 2>err &&
	grep -q "t/flowrec.yaml" err &&
	test "$(cat t/flowrec.yaml)" = "people: []" && test ! -e t/records && test ! -e t/.git &&
	test_expect_code 2 $FLOWREC init a b &&
	test_expect_code 2 $FLOWREC init --locale fr x && test ! -e x
'

test_case "new-after-init-fails-only-X-PLACEHOLDER-and-the-hook-rejects-it" '
	$FLOWREC init t >/dev/null && cd t &&
	git config user.email wang@example.com &&
	p=$($FLOWREC new weekly-meeting --week 2026-W10) &&
	git add -A && test_must_fail git commit -q -m minutes 2>err &&
	grep -q "X-PLACEHOLDER" err && ! grep ": error: " err | grep -v -q X-PLACEHOLDER &&
	sed -i "s/待填写/已完成/g" "$p" && git add -A && git commit -q -m minutes
'

# PyYAML reads YAML 1.1 (2026-03-02 a date, yes/no booleans); flowrec and editors read 1.2
LOADER='
import json, re, sys, yaml
class L(yaml.SafeLoader): pass
L.yaml_implicit_resolvers = {k: [r for r in v if r[0] not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
                             for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
L.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
def fm(p):
    return yaml.load(open(p, encoding="utf-8").read().split("---\n")[1], Loader=L)
'

test_case "schema-KIND-prints-the-built-in-schema-as-JSON" '
	for k in weekly-meeting cards monthly-plan product-plan partner-scorecard channel-service onboarding meeting process flowrec-config; do
		$FLOWREC schema $k > $k.json || return 1
		python3 -c "$LOADER
assert json.load(open(\"$k.json\")) == yaml.load(open(\"$SCHEMAS/$k.yaml\"), Loader=L)" || return 1
	done &&
	test_expect_code 2 $FLOWREC schema weekly 2>err && grep -q weekly-meeting err &&
	test_expect_code 2 $FLOWREC schema
'

test_case "schema-write-and-a-real-validator-accepts-the-examples-and-rejects-a-bad-record" '
	$FLOWREC schema --write out/schemas &&
	test "$(ls out/schemas | wc -l)" = 10 &&
	python3 -c "$LOADER
import glob, jsonschema, os
ex = sys.argv[1]
n = 0
for p in sorted(glob.glob(ex + \"/records/**/*.md\", recursive=True)):
    doc = fm(p)
    s = json.load(open(\"out/schemas/%s.json\" % doc[\"kind\"]))
    jsonschema.Draft202012Validator(s).validate(doc)
    n += 1
assert n > 50, n
doc = fm(ex + \"/records/weekly/2026-W10.md\")
doc[\"reports\"][0][\"this_week\"].pop()
errs = list(jsonschema.Draft202012Validator(json.load(open(\"out/schemas/weekly-meeting.json\"))).iter_errors(doc))
assert errs, \"a report with two tasks should fail\"
" "$TESTS/../examples"
'

test_case "schema-in-a-team-uses-its-override" '
	git init -q t && cp "$TESTS/rules/team.yaml" t/flowrec.yaml && mkdir t/schemas &&
	sed "s/^title: 会议纪要$/title: 我们的会议/" "$SCHEMAS/meeting.yaml" > t/schemas/meeting.yaml &&
	cd t && $FLOWREC schema meeting | grep -q "\"title\": \"我们的会议\""
'

# A new team's first config has no roster before it to judge its writer; the next change does.
test_case "the-first-config-is-anyones-the-next-change-is-a-managers" '
	$FLOWREC init t >/dev/null && cd t && git add -A &&
	commit_as newbie@example.com 2026-03-02T09:00:00+08:00 "team" &&
	sed -i "s/^team: t$/team: 华东/" flowrec.yaml && git add flowrec.yaml &&
	test_must_fail commit_as newbie@example.com 2026-03-02T10:00:00+08:00 "rename" 2>err &&
	grep -q "G-APPROVAL" err &&
	commit_as wang@example.com 2026-03-02T10:00:00+08:00 "rename"
'

test_done

