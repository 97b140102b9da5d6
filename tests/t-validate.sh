#!/bin/sh
# t-validate.sh - `flowrec validate --schema SCHEMA FILE...` on plain YAML and JSON documents.
. "$TESTS/lib.sh"

schema() {
	cat > s.yaml <<-'EOS'
	type: object
	required: [name, target]
	properties:
	  name: {type: string, minLength: 1}
	  target: {type: number, exclusiveMinimum: 0, x-rule: W-NUMERIC}
	additionalProperties: false
	EOS
}

test_case "valid-yaml-and-json-exit-0" '
	schema && printf "name: 回款\ntarget: 30\n" > a.yaml && printf "{\"name\": \"x\", \"target\": 1}" > b.json &&
	$FLOWREC validate --schema s.yaml a.yaml b.json 2>err && test ! -s err
'

test_case "invalid-document-exit-1-with-rule-and-position" '
	schema && printf "name: 回款\ntarget: 0\nextra: 1\n" > a.yaml &&
	test_expect_code 1 $FLOWREC validate --schema s.yaml a.yaml 2>err &&
	grep -q "^a.yaml:2:9: error: .*\[W-NUMERIC\]$" err &&
	grep -q "^a.yaml:3:1: error: .*\[X-SCHEMA\]$" err
'

test_case "json-schema-and-json-output" '
	printf "{\"type\": \"array\", \"maxItems\": 1}" > s.json && printf "[1, 2]\n" > a.json &&
	test_expect_code 1 $FLOWREC validate --schema s.json --format json a.json >out &&
	grep -q "\"path\": \"a.json\", \"line\": 1, \"column\": 5" out
'

test_case "duplicate-key-in-json-document" '
	schema && printf "{\"name\": \"x\", \"name\": \"y\", \"target\": 1}" > a.json &&
	test_expect_code 1 $FLOWREC validate --schema s.yaml a.json 2>err &&
	grep -q "a.json:1:15: error: .*\[X-DUPKEY\]" err
'

test_case "bad-schema-is-exit-2" '
	printf "type: [nope\n" > bad.yaml && printf "1\n" > a.yaml &&
	test_expect_code 2 $FLOWREC validate --schema bad.yaml a.yaml 2>err && test -s err
'

test_case "missing-file-and-missing-schema-option-are-exit-2" '
	schema &&
	test_expect_code 2 $FLOWREC validate --schema s.yaml nosuch.yaml 2>err &&
	grep -q "cannot read" err &&
	test_expect_code 2 $FLOWREC validate a.yaml 2>err
'

test_done
