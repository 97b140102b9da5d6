/* test_schema.c - JSON Schema compile and validate: rules, positions, messages, bounds */
#include "buf.h"
#include "diag.h"
#include "json.h"
#include "limits.h"
#include "node.h"
#include "schema.h"
#include "test.h"
#include "util.h"

#include <pthread.h>
#include <stdlib.h>

static fr_arena *arena;
static fr_schema *schema;
static fr_diags diags = FR_DIAGS_INIT;
static fr_error cerr;

static void reset(void)
{
	fr_schema_free(schema);
	schema = NULL;
	fr_diags_free(&diags);
	fr_arena_free(arena);
	arena = fr_arena_new();
}

static fr_node *json(const char *text)
{
	fr_error err;
	fr_node *n = fr_json_parse(arena, text, strlen(text), &err);
	if (!n)
		printf("# bad JSON in test: %d:%d: %s\n", err.line, err.col, err.msg);
	return n;
}

/* Compile the schema text; 0 on success. */
static int compile(const char *text)
{
	reset();
	return fr_schema_compile(&schema, json(text), &cerr);
}

/* As the specification's validators do: unknown keywords ignored. */
static int compile_lenient(const char *text)
{
	reset();
	return fr_schema_compile_opts(&schema, json(text), FR_SCHEMA_IGNORE_UNKNOWN, &cerr);
}

/* Validate the instance text against the compiled schema; the number of diagnostics. */
static size_t check(const char *inst)
{
	fr_diags_free(&diags);
	return fr_schema_validate(schema, json(inst), "r.md", &diags);
}

static int has_diag(const char *rule, int line, int col, const char *msg_part)
{
	size_t i;
	for (i = 0; i < diags.n; i++) {
		const fr_diag *g = &diags.v[i];
		if (!strcmp(g->rule, rule) && g->line == line && g->col == col &&
		    strstr(g->msg, msg_part) && g->sev == FR_SEV_ERROR && !strcmp(g->path, "r.md"))
			return 1;
	}
	for (i = 0; i < diags.n; i++)
		printf("#   have %d:%d [%s] %s\n", diags.v[i].line, diags.v[i].col, diags.v[i].rule,
		       diags.v[i].msg);
	return 0;
}

static void test_schema__valid_instance_gives_no_diagnostics(void)
{
	T_INTEQ(compile("{\"type\": \"object\", \"required\": [\"a\"], \"properties\": "
			"{\"a\": {\"type\": \"integer\", \"minimum\": 1}}}"), 0);
	T_INTEQ(check("{\"a\": 3, \"b\": \"x\"}"), 0);
	T_INTEQ(diags.n, 0);
}

static void test_schema__default_rule_is_x_schema(void)
{
	T_INTEQ(compile("{\"properties\": {\"a\": {\"type\": \"string\"}}}"), 0);
	T_INTEQ(check("{\"a\": 1}"), 1);
	T_ASSERT(has_diag("X-SCHEMA", 1, 7, "expected string, found number 1"));
}

static void test_schema__x_rule_applies_to_its_subschema_and_below(void)
{
	T_INTEQ(compile("{\"properties\": {"
			"\"this_week\": {\"x-rule\": \"W-THREE\", \"type\": \"array\", "
			"  \"minItems\": 3, \"items\": {\"type\": \"object\", \"required\": [\"task\"]}},"
			"\"minutes\": {\"maximum\": 60}}}"), 0);
	T_INTEQ(check("{\"this_week\": [{\"x\": 1}],\n \"minutes\": 70}"), 3);
	T_ASSERT(has_diag("W-THREE", 1, 15, "exactly 3 key tasks a week: here there are only 1"));
	T_ASSERT(has_diag("W-THREE", 1, 16, "'task' is missing: every report lists this week's three key tasks"));
	T_ASSERT(has_diag("X-SCHEMA", 2, 13, "70 is greater than the maximum 60"));
}

static void test_schema__nested_x_rule_wins(void)
{
	T_INTEQ(compile("{\"x-rule\": \"W-OUTER\", \"properties\": {"
			"\"t\": {\"x-rule\": \"W-NUMERIC\", \"properties\": {\"target\": "
			"{\"exclusiveMinimum\": 0}}},"
			"\"u\": {\"type\": \"string\"}}}"), 0);
	T_INTEQ(check("{\"t\": {\"target\": 0}, \"u\": 5}"), 2);
	T_ASSERT(has_diag("W-NUMERIC", 1, 18, "0 must be greater than 0"));
	T_ASSERT(has_diag("W-OUTER", 1, 27, "expected string"));
}

static void test_schema__x_rule_follows_the_evaluation_path_through_ref(void)
{
	T_INTEQ(compile("{\"$defs\": {\"pos\": {\"exclusiveMinimum\": 0},"
			" \"own\": {\"x-rule\": \"W-OWN\", \"maximum\": 10}},"
			"\"properties\": {\"a\": {\"x-rule\": \"W-A\", \"$ref\": \"#/$defs/pos\"},"
			" \"b\": {\"$ref\": \"#/$defs/pos\"},"
			" \"c\": {\"x-rule\": \"W-C\", \"$ref\": \"#/$defs/own\"}}}"), 0);
	T_INTEQ(check("{\"a\": -1, \"b\": -1, \"c\": 11}"), 3);
	T_ASSERT(has_diag("W-A", 1, 7, "must be greater than 0"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 16, "must be greater than 0"));
	T_ASSERT(has_diag("W-OWN", 1, 25, "greater than the maximum 10"));
}

static void test_schema__one_diagnostic_per_failing_keyword_at_the_value(void)
{
	T_INTEQ(compile("{\"type\": \"object\", \"properties\": {\"code\": "
			"{\"type\": \"string\", \"minLength\": 5, \"pattern\": \"^A\", "
			"\"enum\": [\"ABCDE\", \"AXXXX\"]}}}"), 0);
	T_INTEQ(check("{\n  \"code\":\n     \"bb\"\n}"), 3);
	T_ASSERT(has_diag("X-SCHEMA", 3, 6, "'bb' is too short: expected at least 5 characters, "
				       "found 2"));
	T_ASSERT(has_diag("X-SCHEMA", 3, 6, "'bb' does not match the pattern '^A'"));
	T_ASSERT(has_diag("X-SCHEMA", 3, 6, "'bb' is not one of the allowed values: 'ABCDE', "
				       "'AXXXX'"));
}

static void test_schema__required_names_the_missing_property_at_the_object(void)
{
	T_INTEQ(compile("{\"properties\": {\"p\": {\"required\": [\"task\", \"target\"]}}}"), 0);
	T_INTEQ(check("{\"p\":\n  {\"target\": 3}}"), 1);
	T_ASSERT(has_diag("X-SCHEMA", 2, 3, "missing required property 'task'"));
	T_STREQ(diags.v[0].msg, "missing required property 'task'");
	T_INTEQ(check("{\"p\": {}}"), 1); /* one keyword, one diagnostic */
	T_STREQ(diags.v[0].msg, "missing required properties 'task', 'target'");
}

static void test_schema__additional_property_points_at_the_key(void)
{
	T_INTEQ(compile("{\"properties\": {\"a\": {}}, \"additionalProperties\": false}"), 0);
	T_INTEQ(check("{\"a\": 1,\n   \"typo\": 2}"), 1);
	T_ASSERT(has_diag("X-SCHEMA", 2, 4, "property 'typo' is not allowed"));
}

static void test_schema__false_property_schema_points_at_the_key(void)
{
	T_INTEQ(compile("{\"properties\": {\"old\": false}, \"patternProperties\": "
			"{\"^tmp_\": false}}"), 0);
	T_INTEQ(check("{\"old\": 1, \"tmp_x\": 2, \"ok\": 3}"), 2);
	T_ASSERT(has_diag("X-SCHEMA", 1, 2, "property 'old' is not allowed"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 12, "property 'tmp_x' is not allowed"));
}

static void test_schema__pattern_matches_chinese_text(void)
{
	T_INTEQ(compile("{\"properties\": {"
			"\"esc\": {\"pattern\": \"^[\\\\u4e00-\\\\u9fa5]+$\"},"
			"\"lit\": {\"pattern\": \"^[一-龥]{2,4}$\"},"
			"\"cat\": {\"pattern\": \"^\\\\p{Han}+\\\\s\\\\d+$\"}}}"), 0);
	T_INTEQ(check("{\"esc\": \"王强\", \"lit\": \"李娜\", \"cat\": \"回款\\u300030\"}"), 0);
	T_INTEQ(check("{\"esc\": \"Wang\", \"lit\": \"王\", \"cat\": \"回款\"}"), 3);
	T_ASSERT(has_diag("X-SCHEMA", 1, 9, "'Wang' does not match the pattern"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 24, "'王' does not match the pattern '^[一-龥]{2,4}$'"));
	/* not anchored unless the pattern says so; '$' does not match before a final newline */
	T_INTEQ(compile("{\"pattern\": \"强$\"}"), 0);
	T_INTEQ(check("\"王强\""), 0);
	T_INTEQ(check("\"王强\\n\""), 1);
}

static void test_schema__max_length_counts_code_points(void)
{
	T_INTEQ(compile("{\"maxLength\": 2, \"minLength\": 2}"), 0);
	T_INTEQ(check("\"王强\""), 0); /* 6 bytes, 2 characters */
	T_INTEQ(check("\"😀😀\""), 0);
	T_INTEQ(check("\"王强好\""), 1);
	T_STREQ(diags.v[0].msg, "'王强好' is too long: expected at most 2 characters, found 3");
	T_INTEQ(check("\"王\""), 1);
	T_STREQ(diags.v[0].msg, "'王' is too short: expected at least 2 characters, found 1");
}

static void test_schema__ref_cycle_without_progress_is_one_diagnostic(void)
{
	T_INTEQ(compile("{\"$ref\": \"#\"}"), 0);
	T_INTEQ(check("1"), 1);
	T_ASSERT(strstr(diags.v[0].msg, "refers back to itself"));
	T_INTEQ(compile("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": "
			"\"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}"), 0);
	T_INTEQ(check("{}"), 1);
	/* branching cycles would take 2^512 steps if only the depth bounded them */
	T_INTEQ(compile("{\"allOf\": [{\"$ref\": \"#\"}, {\"$ref\": \"#\"}], "
			"\"anyOf\": [{\"$ref\": \"#\"}, {\"$ref\": \"#\"}]}"), 0);
	T_ASSERT(check("[1, [2]]") >= 1);
}

static void test_schema__deep_recursion_through_ref_is_bounded(void)
{
	fr_node *root, *n;
	int i;
	T_INTEQ(compile("{\"type\": \"object\", \"properties\": {\"c\": {\"$ref\": \"#\"}}}"), 0);
	/* a tree deeper than any parser makes, built by hand: the bound must hold anyway */
	root = n = fr_node_map(arena);
	for (i = 0; i < 5000; i++) {
		fr_node *m = fr_node_map(arena);
		fr_map_set(arena, n, "c", m);
		n = m;
	}
	fr_diags_free(&diags);
	T_INTEQ(fr_schema_validate(schema, root, "r.md", &diags), 1);
	T_ASSERT(strstr(diags.v[0].msg, "deeper than 512 levels"));
	/* a legitimate recursive structure well inside the bound is fine */
	T_INTEQ(check("{\"c\": {\"c\": {\"c\": {}}}}"), 0);
	T_INTEQ(check("{\"c\": {\"c\": {\"c\": 1}}}"), 1);
	T_ASSERT(has_diag("X-SCHEMA", 1, 19, "expected object, found number 1"));
}

static void test_schema__combinators_report_once_without_sub_errors(void)
{
	T_INTEQ(compile("{\"properties\": {"
			"\"any\": {\"anyOf\": [{\"type\": \"object\", \"required\": [\"x\"]}, "
			"{\"type\": \"object\", \"required\": [\"y\"]}]},"
			"\"one\": {\"oneOf\": [{\"minimum\": 0}, {\"maximum\": 10}]},"
			"\"not\": {\"not\": {\"const\": \"TBD\"}},"
			"\"vals\": {\"anyOf\": [{\"const\": \"a\"}, {\"enum\": [\"b\", \"c\"]}]},"
			"\"types\": {\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}}}"),
		0);
	T_INTEQ(check("{\"any\": {}, \"one\": 5, \"not\": \"TBD\", \"vals\": \"z\", \"types\": "
		      "true}"), 5);
	T_ASSERT(has_diag("X-SCHEMA", 1, 9, "the object matches none of the allowed forms"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 20, "5 matches more than one of the allowed forms "
				        "(1 and 2)"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 30, "'TBD' is not allowed here"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 45, "'z' is not one of the allowed values: 'a', 'b', "
					 "'c'"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 59, "expected integer or string, found boolean true"));
}

static void test_schema__alternatives_with_titles_are_named(void)
{
	T_INTEQ(compile("{\"oneOf\": [{\"title\": \"a task\", \"required\": [\"task\"]}, "
			"{\"title\": \"a check\", \"required\": [\"progress\"]}]}"), 0);
	T_INTEQ(check("{}"), 1);
	T_STREQ(diags.v[0].msg, "the object matches none of the allowed forms ('a task', "
				"'a check')");
}

static void test_schema__titles_name_properties_and_alternatives_through_ref(void)
{
	T_INTEQ(compile("{\"$defs\": {\"task\": {\"title\": \"要事\", \"required\": [\"task\"]},"
			" \"check\": {\"title\": \"追踪\", \"required\": [\"progress\"]},"
			" \"person\": {\"title\": \"人员\", \"type\": \"string\"}},"
			"\"required\": [\"host\", \"x\"], \"properties\": {\"host\": {\"$ref\": "
			"\"#/$defs/person\"}, \"items\": {\"items\": {\"anyOf\": [{\"$ref\": "
			"\"#/$defs/task\"}, {\"$ref\": \"#/$defs/check\"}]}, \"contains\": "
			"{\"$ref\": \"#/$defs/check\"}}}}"), 0);
	T_INTEQ(check("{\"items\": [{}]}"), 3);
	T_ASSERT(has_diag("X-SCHEMA", 1, 1, "missing required properties 'host' (人员), 'x'"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 11, "the array has no item matching '追踪'"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 12, "the object matches none of the allowed forms "
				        "('要事', '追踪')"));
}

static void test_schema__scalar_alternative_of_its_type_gives_the_reason(void)
{
	T_INTEQ(compile("{\"anyOf\": [{\"type\": \"number\", \"exclusiveMinimum\": 0}, "
			"{\"type\": \"string\", \"pattern\": \"^[0-9]+%$\", \"maxLength\": 3}]}"), 0);
	T_INTEQ(check("\"half\""), 1);
	T_STREQ(diags.v[0].msg, "'half' is too long: expected at most 3 characters, found 4; "
				"'half' does not match the pattern '^[0-9]+%$'");
	T_INTEQ(check("-1"), 1);
	T_STREQ(diags.v[0].msg, "-1 must be greater than 0");
	T_INTEQ(check("true"), 1);
	T_STREQ(diags.v[0].msg, "expected number or string, found boolean true");
	T_INTEQ(check("\"50%\""), 0);
}

static void test_schema__if_then_reports_what_then_requires(void)
{
	T_INTEQ(compile("{\"if\": {\"properties\": {\"kind\": {\"const\": \"late\"}}}, "
			"\"then\": {\"required\": [\"reason\"]}, \"else\": {\"maxProperties\": 1}}"),
		0);
	T_INTEQ(check("{\"kind\": \"late\"}"), 1);
	T_STREQ(diags.v[0].msg, "missing required property 'reason'");
	T_INTEQ(check("{\"kind\": \"late\", \"reason\": \"x\"}"), 0);
	T_INTEQ(check("{\"kind\": \"ok\", \"b\": 1}"), 1);
	T_STREQ(diags.v[0].msg, "expected at most 1 properties, found 2");
}

static void test_schema__contains_and_unique_items(void)
{
	T_INTEQ(compile("{\"contains\": {\"const\": \"财务部\"}, \"maxContains\": 1, "
			"\"uniqueItems\": true}"), 0);
	T_INTEQ(check("[\"物流部\", \"财务部\"]"), 0);
	T_INTEQ(check("[\"物流部\"]"), 1);
	T_STREQ(diags.v[0].msg, "the array has no item of the required kind");
	T_INTEQ(check("[\"财务部\", 1,\n \"财务部\"]"), 2);
	T_ASSERT(has_diag("X-SCHEMA", 2, 2, "item 3 repeats item 1"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 1, "expected at most 1 matching items, found 2"));
}

static void test_schema__unique_items_in_a_big_array(void)
{
	fr_buf b = FR_BUF_INIT;
	int i;
	T_INTEQ(compile("{\"uniqueItems\": true}"), 0);
	fr_buf_adds(&b, "[");
	for (i = 0; i < 3000; i++)
		fr_buf_addf(&b, "{\"k\": %d, \"v\": [%d.0]}, ", i, i);
	fr_buf_adds(&b, "0]");
	T_INTEQ(check(b.ptr), 0);
	b.len -= 2;
	fr_buf_adds(&b, "{\"v\": [17], \"k\": 17}]"); /* key order and 17 == 17.0 do not matter */
	T_INTEQ(check(b.ptr), 1);
	T_STREQ(diags.v[0].msg, "item 3001 repeats item 18, the items must be unique");
	fr_buf_free(&b);
}

static void test_schema__numbers(void)
{
	T_INTEQ(compile("{\"properties\": {\"i\": {\"type\": \"integer\"}, "
			"\"m\": {\"multipleOf\": 0.0001}, \"h\": {\"type\": \"integer\", "
			"\"multipleOf\": 0.123456789}, \"x\": {\"exclusiveMaximum\": 1}}}"), 0);
	T_INTEQ(check("{\"i\": 1.0, \"m\": 0.0075, \"x\": 0.999}"), 0);
	T_INTEQ(check("{\"i\": 1.5, \"m\": 0.00751, \"h\": 1e308, \"x\": 1}"), 4);
	T_ASSERT(has_diag("X-SCHEMA", 1, 7, "expected integer, found number 1.5"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 17, "0.00751 is not a multiple of 0.0001"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 31, "1e+308 is not a multiple of 0.123456789"));
	T_ASSERT(has_diag("X-SCHEMA", 1, 43, "1 must be less than 1"));
}

static void test_schema__nan_fails_every_bound(void)
{
	fr_node *nan;
	T_INTEQ(compile("{\"exclusiveMinimum\": 0, \"maximum\": 10}"), 0);
	nan = fr_node_number(arena, NAN); /* after compile(), which renews the arena */
	fr_diags_free(&diags);
	T_INTEQ(fr_schema_validate(schema, nan, "r.md", &diags), 2);
}

static void test_schema__formats_are_asserted(void)
{
	T_INTEQ(compile("{\"properties\": {\"u\": {\"format\": \"unknown-format\"}}}"), -1);
	T_ASSERT(strstr(cerr.msg, "format 'unknown-format' is not checked by flowrec"));
	T_INTEQ(compile_lenient("{\"properties\": {\"d\": {\"format\": \"date\"}, \"t\": {\"format\": "
				"\"time\"}, \"e\": {\"format\": \"email\"}, \"z\": {\"format\": "
				"\"date-time\"}, \"u\": {\"format\": \"unknown-format\"}}}"), 0);
	T_INTEQ(check("{\"d\": \"2026-03-02\", \"t\": \"09:20:00+08:00\", \"e\": "
		      "\"li.na@example.com\", \"z\": \"2026-03-02T09:20:00Z\", \"u\": \"?\"}"), 0);
	T_INTEQ(check("{\"d\": \"2026-02-29\", \"t\": \"09:20\", \"e\": \"li na@example\", "
		      "\"z\": \"2026-03-02 09:20:00\"}"), 4);
	T_ASSERT(has_diag("X-SCHEMA", 1, 7, "'2026-02-29' is not a valid date (YYYY-MM-DD)"));
}

static void test_schema__dependent_required_is_one_diagnostic(void)
{
	T_INTEQ(compile("{\"dependentRequired\": {\"actual\": [\"reason\"], \"due\": [\"owner\", "
			"\"task\"]}}"), 0);
	T_INTEQ(check("{\"actual\": 1, \"reason\": \"x\"}"), 0);
	T_INTEQ(check("{\"actual\": 1, \"due\": 2}"), 1);
	T_STREQ(diags.v[0].msg, "missing property 'reason', required when 'actual' is present; "
				"missing properties 'owner', 'task', required when 'due' is "
				"present");
}

static void test_schema__refs_by_anchor_pointer_and_id(void)
{
	T_INTEQ(compile("{\"$id\": \"https://flowrec.example/s/root.json\", "
			"\"$defs\": {\"a/b\": {\"$anchor\": \"pos\", \"minimum\": 0}, "
			"\"t~\": {\"$id\": \"other.json\", \"type\": \"string\"}, "
			"\"%\": {\"type\": \"boolean\"}},"
			"\"properties\": {\"p\": {\"$ref\": \"#/$defs/a~1b\"}, \"q\": {\"$ref\": "
			"\"#pos\"}, \"r\": {\"$ref\": \"other.json\"}, \"s\": {\"$ref\": "
			"\"https://flowrec.example/s/root.json#/$defs/t~0\"}, \"u\": {\"$ref\": "
			"\"#/$defs/%25\"}}}"), 0);
	T_INTEQ(check("{\"p\": 1, \"q\": 2, \"r\": \"x\", \"s\": \"y\", \"u\": true}"), 0);
	T_INTEQ(check("{\"p\": -1, \"q\": -2, \"r\": 1, \"s\": 2, \"u\": 3}"), 5);
}

static void test_schema__unevaluated_properties_see_in_place_applicators(void)
{
	T_INTEQ(compile("{\"allOf\": [{\"properties\": {\"a\": {}}}], \"anyOf\": [{\"properties\": "
			"{\"b\": {}}}, {\"required\": [\"zz\"]}], \"unevaluatedProperties\": false}"), 0);
	T_INTEQ(check("{\"a\": 1, \"b\": 2}"), 0);
	T_INTEQ(check("{\"a\": 1, \"c\": 2}"), 1);
	T_ASSERT(has_diag("X-SCHEMA", 1, 10, "property 'c' is not allowed"));
}

static void test_schema__compile_errors_point_at_the_schema(void)
{
	T_INTEQ(compile("{\"properties\": {\"a\":\n  {\"pattern\": \"([a-z\"}}}"), -1);
	T_STREQ(cerr.rule, "X-SCHEMA");
	T_INTEQ(cerr.line, 2);
	T_INTEQ(cerr.col, 15);
	T_ASSERT(strstr(cerr.msg, "not a valid regular expression"));
	T_ASSERT(schema == NULL);
	T_INTEQ(compile("{\"$ref\": \"#/$defs/missing\"}"), -1);
	T_ASSERT(strstr(cerr.msg, "cannot resolve $ref '#/$defs/missing'"));
	T_INTEQ(compile("{\"$ref\": \"https://example.com/remote.json\"}"), -1);
	T_INTEQ(compile("{\"minLength\": -1}"), -1);
	T_ASSERT(strstr(cerr.msg, "'minLength' must be a non-negative integer"));
	T_INTEQ(compile("{\"type\": \"text\"}"), -1);
	T_INTEQ(compile("{\"required\": \"a\"}"), -1);
	T_INTEQ(compile("{\"properties\": {\"a\": 3}}"), -1);
	T_INTEQ(compile("{\"multipleOf\": 0}"), -1);
	T_INTEQ(compile("{\"x-rule\": 7}"), -1);
	T_INTEQ(compile("[]"), -1);
	T_INTEQ(compile("{\"minLength\": 2.0, \"unknownKeyword\": {\"$ref\": 5}}"), -1);
	T_ASSERT(strstr(cerr.msg, "unknown keyword 'unknownKeyword'"));
	T_INTEQ(cerr.line, 1);
	T_INTEQ(cerr.col, 20);
	T_INTEQ(compile_lenient("{\"minLength\": 2.0, \"unknownKeyword\": {\"$ref\": 5}}"), 0);
	T_INTEQ(compile("{\"$dynamicRef\": \"#x\"}"), -1);
	T_INTEQ(compile("{\"dependencies\": {\"a\": [\"b\"]}}"), -1);
	T_INTEQ(compile("{\"items\": [true]}"), -1);
	T_INTEQ(compile("{\"title\": \"t\", \"description\": \"d\", \"$comment\": \"c\", "
			"\"examples\": [1], \"default\": 1, \"deprecated\": true, \"readOnly\": true, "
			"\"writeOnly\": false, \"contentMediaType\": \"text/plain\", \"x-anything\": 1}"), 0);
	T_INTEQ(compile("true"), 0);
	T_INTEQ(check("{\"anything\": 1}"), 0);
	T_INTEQ(compile("false"), 0);
	T_INTEQ(check("1"), 1);
	T_STREQ(diags.v[0].msg, "1 is not allowed here");
}

struct job {
	const fr_schema *s;
	const fr_node *good, *bad;
	int wrong;
};

static void *validate_many(void *ud)
{
	struct job *j = ud;
	int i;
	for (i = 0; i < 2000; i++) {
		fr_diags d = FR_DIAGS_INIT;
		if (fr_schema_validate(j->s, j->good, "g", &d) != 0)
			j->wrong++;
		if (fr_schema_validate(j->s, j->bad, "b", &d) != 3)
			j->wrong++;
		fr_diags_free(&d);
	}
	return NULL;
}

static void test_schema__two_threads_share_one_compiled_schema(void)
{
	pthread_t t[2];
	struct job j[2];
	int i;
	T_INTEQ(compile("{\"type\": \"object\", \"properties\": {\"name\": {\"pattern\": "
			"\"^[一-龥]+$\"}, \"n\": {\"anyOf\": [{\"type\": \"integer\"}, {\"pattern\": "
			"\"^[0-9]+$\"}]}}, \"patternProperties\": {\"^x\": {\"type\": \"string\"}}, "
			"\"required\": [\"name\"]}"), 0);
	for (i = 0; i < 2; i++) {
		j[i].s = schema;
		j[i].good = json("{\"name\": \"王强\", \"n\": \"12\", \"x1\": \"a\"}");
		j[i].bad = json("{\"name\": \"Wang\", \"n\": \"a\", \"x1\": 1}");
		j[i].wrong = 0;
	}
	for (i = 0; i < 2; i++)
		T_INTEQ(pthread_create(&t[i], NULL, validate_many, &j[i]), 0);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	T_INTEQ(j[0].wrong + j[1].wrong, 0);
}

int main(void)
{
	T_RUN(test_schema__valid_instance_gives_no_diagnostics);
	T_RUN(test_schema__default_rule_is_x_schema);
	T_RUN(test_schema__x_rule_applies_to_its_subschema_and_below);
	T_RUN(test_schema__nested_x_rule_wins);
	T_RUN(test_schema__x_rule_follows_the_evaluation_path_through_ref);
	T_RUN(test_schema__one_diagnostic_per_failing_keyword_at_the_value);
	T_RUN(test_schema__required_names_the_missing_property_at_the_object);
	T_RUN(test_schema__additional_property_points_at_the_key);
	T_RUN(test_schema__false_property_schema_points_at_the_key);
	T_RUN(test_schema__pattern_matches_chinese_text);
	T_RUN(test_schema__max_length_counts_code_points);
	T_RUN(test_schema__ref_cycle_without_progress_is_one_diagnostic);
	T_RUN(test_schema__deep_recursion_through_ref_is_bounded);
	T_RUN(test_schema__combinators_report_once_without_sub_errors);
	T_RUN(test_schema__alternatives_with_titles_are_named);
	T_RUN(test_schema__titles_name_properties_and_alternatives_through_ref);
	T_RUN(test_schema__scalar_alternative_of_its_type_gives_the_reason);
	T_RUN(test_schema__if_then_reports_what_then_requires);
	T_RUN(test_schema__contains_and_unique_items);
	T_RUN(test_schema__unique_items_in_a_big_array);
	T_RUN(test_schema__numbers);
	T_RUN(test_schema__nan_fails_every_bound);
	T_RUN(test_schema__formats_are_asserted);
	T_RUN(test_schema__dependent_required_is_one_diagnostic);
	T_RUN(test_schema__refs_by_anchor_pointer_and_id);
	T_RUN(test_schema__unevaluated_properties_see_in_place_applicators);
	T_RUN(test_schema__compile_errors_point_at_the_schema);
	T_RUN(test_schema__two_threads_share_one_compiled_schema);
	reset();
	fr_arena_free(arena);
	return t_done();
}
