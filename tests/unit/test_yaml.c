/* test_yaml.c - the YAML tree: positions, core-schema types, duplicate keys, bounds */
#include "test.h"

#include <stdlib.h>

#include "limits.h"
#include "node.h"
#include "record.h"
#include "yaml.h"

static fr_arena *A;
static fr_error E;

static fr_node *parse(const char *s)
{
	return fr_yaml_parse(A, s, strlen(s), 0, &E);
}

static void test_yaml__positions_are_one_based_and_offset(void)
{
	fr_node *r = fr_yaml_parse(A, "a: 1\nlist:\n  - x\n  - {k: v}\n", 28, 1, &E);
	fr_node *list;
	T_ASSERT(r && r->type == FR_MAP);
	T_INTEQ(r->pairs[0].key->line, 2);
	T_INTEQ(r->pairs[0].key->col, 1);
	T_INTEQ(r->pairs[0].val->col, 4);
	list = fr_map_get(r, "list");
	T_INTEQ(list->items[0]->line, 4);
	T_INTEQ(list->items[0]->col, 5);
	T_INTEQ(fr_map_get(list->items[1], "k")->line, 5);
	T_INTEQ(fr_map_get(list->items[1], "k")->col, 9);
}

static void test_yaml__columns_count_code_points(void)
{
	fr_node *r = parse("主持人: 王强\n");
	T_ASSERT(r);
	T_INTEQ(fr_map_get(r, "主持人")->col, 6);
}

static void test_yaml__core_schema_keeps_strings_strings(void)
{
	fr_node *r = parse("a: no\nb: on\nc: 09:20\nd: 2026-03-02\ne: yes\nf: 2026-W10\ng: '12'\n");
	const char *keys[] = { "a", "b", "c", "d", "e", "f", "g" };
	size_t i;
	T_ASSERT(r);
	for (i = 0; i < 7; i++)
		T_INTEQ(fr_map_get(r, keys[i])->type, FR_STRING);
	T_STREQ(fr_map_str(r, "c"), "09:20");
}

static void test_yaml__core_schema_resolves_scalars(void)
{
	fr_node *r = parse("n1: ~\nn2: null\nn3:\nb1: true\nb2: False\ni: -42\no: 0o17\nx: 0x1F\n"
			   "f: 0.30\ne: 1e3\ninf: -.inf\nq: \"true\"\n");
	double v;
	T_ASSERT(r);
	T_INTEQ(fr_map_get(r, "n1")->type, FR_NULL);
	T_INTEQ(fr_map_get(r, "n2")->type, FR_NULL);
	T_INTEQ(fr_map_get(r, "n3")->type, FR_NULL);
	T_INTEQ(fr_map_get(r, "b1")->boolean, 1);
	T_INTEQ(fr_map_get(r, "b2")->type, FR_BOOL);
	T_INTEQ(fr_map_get(r, "b2")->boolean, 0);
	T_ASSERT(fr_map_num(r, "i", &v));
	T_NEAR(v, -42);
	T_ASSERT(fr_map_num(r, "o", &v));
	T_NEAR(v, 15);
	T_ASSERT(fr_map_num(r, "x", &v));
	T_NEAR(v, 31);
	T_ASSERT(fr_map_num(r, "f", &v));
	T_NEAR(v, 0.30);
	T_ASSERT(fr_map_num(r, "e", &v));
	T_NEAR(v, 1000);
	T_ASSERT(fr_map_num(r, "inf", &v) && isinf(v) && v < 0);
	T_INTEQ(fr_map_get(r, "q")->type, FR_STRING);
}

/* Integers as strtod reads them, to the bit: the sign of zero, leading zeros and '+', 15 digits
 * and more (past 2^53 strtod rounds), numbers that are strings. */
static void test_yaml__integers_are_exactly_strtods(void)
{
	static const char *const nums[] = { "0", "-0", "+0", "7", "+7", "-7", "007", "-0012",
		"999999999999999", "-999999999999999", "9007199254740993", "12345678901234567890",
		"1.5", "-.5", "+1e3", NULL };
	static const char *const strs[] = { "+", "-x", "1_000", "1-2", "--1", "0b1", "12a", NULL };
	size_t i;
	for (i = 0; nums[i]; i++) {
		char doc[64];
		fr_node *r, *v;
		double want = strtod(nums[i], NULL);
		snprintf(doc, sizeof(doc), "v: %s\n", nums[i]);
		r = parse(doc);
		T_ASSERT(r && (v = fr_map_get(r, "v")) && v->type == FR_NUMBER);
		T_ASSERT(!memcmp(&v->num, &want, sizeof(want)));
		T_STREQ(v->str, nums[i]);
	}
	for (i = 0; strs[i]; i++) {
		char doc[64];
		fr_node *r;
		snprintf(doc, sizeof(doc), "v: %s\n", strs[i]);
		r = parse(doc);
		T_ASSERT(r && fr_map_get(r, "v")->type == FR_STRING);
	}
}

static void test_yaml__rejects_duplicate_key_at_second(void)
{
	fr_node *r = parse("task: 回款\ntarget: 30\nunit: 万元\ntarget: 50\n");
	T_ASSERT(r == NULL);
	T_STREQ(E.rule, "X-DUPKEY");
	T_INTEQ(E.line, 4);
	T_INTEQ(E.col, 1);
}

static void test_yaml__rejects_duplicate_key_in_large_mapping(void)
{
	char buf[4096] = "";
	int i;
	for (i = 0; i < 40; i++)
		sprintf(buf + strlen(buf), "k%d: %d\n", i, i);
	strcat(buf, "k7: again\n");
	T_ASSERT(parse(buf) == NULL);
	T_STREQ(E.rule, "X-DUPKEY");
	T_INTEQ(E.line, 41);
}

static void test_yaml__alias_bomb_is_an_error(void)
{
	const char *bomb =
		"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	T_ASSERT(parse(bomb) == NULL);
	T_STREQ(E.rule, "X-YAML");
	T_ASSERT(strstr(E.msg, "aliases") != NULL);
}

static void test_yaml__small_aliases_are_shared(void)
{
	fr_node *r = parse("base: &t {task: 回款, target: 30}\ncopy: *t\n");
	T_ASSERT(r);
	T_ASSERT(fr_map_get(r, "copy") == fr_map_get(r, "base"));
}

static void test_yaml__unknown_alias_is_an_error(void)
{
	T_ASSERT(parse("a: *nowhere\n") == NULL);
	T_STREQ(E.rule, "X-YAML");
	T_INTEQ(E.line, 1);
}

static void test_yaml__deep_nesting_is_an_error_not_a_crash(void)
{
	size_t n = 100000, i;
	char *s = malloc(2 * n + 1);
	for (i = 0; i < n; i++) {
		s[i] = '[';
		s[n + i] = ']';
	}
	s[2 * n] = '\0';
	T_ASSERT(fr_yaml_parse(A, s, 2 * n, 0, &E) == NULL);
	free(s);
	T_STREQ(E.rule, "X-YAML");
	T_ASSERT(strstr(E.msg, "nesting") != NULL);
}

static void test_yaml__syntax_error_has_position(void)
{
	T_ASSERT(parse("a: 1\nb: [1, 2\nc: 3\n") == NULL);
	T_STREQ(E.rule, "X-YAML");
	T_ASSERT(E.line >= 2);
	T_ASSERT(E.col >= 1);
}

static void test_yaml__second_document_is_an_error(void)
{
	T_ASSERT(parse("a: 1\n---\nb: 2\n") == NULL);
	T_INTEQ(E.line, 2);
}

static void test_yaml__complex_key_is_an_error(void)
{
	T_ASSERT(parse("? [a, b]\n: 1\n") == NULL);
	T_STREQ(E.rule, "X-YAML");
}

static void test_yaml__empty_document_is_null(void)
{
	fr_node *r = parse("");
	T_ASSERT(r && r->type == FR_NULL);
}

static void test_record__splits_front_matter_with_bom_and_crlf(void)
{
	const char *src = "\xef\xbb\xbf---\r\nkind: meeting\r\ntitle: 例会\r\n---\r\n# 正文\r\n";
	fr_diags d = FR_DIAGS_INIT;
	fr_record *r;
	T_INTEQ(fr_record_parse(&r, "m.md", src, strlen(src), &d), 0);
	T_STREQ(r->kind, "meeting");
	T_INTEQ(fr_map_get(r->fm, "title")->line, 3);
	T_INTEQ(r->body_line, 5);
	T_ASSERT(!strncmp(r->body, "# 正文", strlen("# 正文")));
	T_INTEQ(d.n, 0);
	fr_record_free(r);
}

static void test_record__dot_dot_dot_closes(void)
{
	const char *src = "---\nkind: process\n...\nbody\n";
	fr_diags d = FR_DIAGS_INIT;
	fr_record *r;
	T_INTEQ(fr_record_parse(&r, "p.md", src, strlen(src), &d), 0);
	T_INTEQ(r->body_line, 4);
	fr_record_free(r);
}

static void test_record__unclosed_front_matter(void)
{
	const char *src = "---\nkind: process\nname: x\n";
	fr_diags d = FR_DIAGS_INIT;
	fr_record *r;
	T_INTEQ(fr_record_parse(&r, "p.md", src, strlen(src), &d), -1);
	T_INTEQ(d.n, 1);
	T_STREQ(d.v[0].rule, "X-FRONTMATTER");
	fr_diags_free(&d);
	fr_record_free(r);
}

static void test_record__invalid_utf8_has_position(void)
{
	const char *src = "---\nkind: meeting\ntitle: ab\xff\n---\n";
	fr_diags d = FR_DIAGS_INIT;
	fr_record *r;
	T_INTEQ(fr_record_parse(&r, "m.md", src, strlen(src), &d), -1);
	T_INTEQ(d.v[0].line, 3);
	T_INTEQ(d.v[0].col, 10);
	T_STREQ(d.v[0].rule, "X-FRONTMATTER");
	fr_diags_free(&d);
	fr_record_free(r);
}

static void test_record__yaml_error_position_is_relative_to_file(void)
{
	const char *src = "---\nkind: meeting\ntitle: [x\n---\n";
	fr_diags d = FR_DIAGS_INIT;
	fr_record *r;
	T_INTEQ(fr_record_parse(&r, "m.md", src, strlen(src), &d), -1);
	T_STREQ(d.v[0].rule, "X-YAML");
	T_ASSERT(d.v[0].line >= 3);
	fr_diags_free(&d);
	fr_record_free(r);
}

static void test_utf8__check_rejects_overlong_and_surrogates(void)
{
	T_INTEQ(fr_utf8_check("a\xc0\xaf", 3), 1);
	T_INTEQ(fr_utf8_check("\xed\xa0\x80", 3), 0);
	T_INTEQ(fr_utf8_check("\xe4\xb8", 2), 0);
	T_INTEQ(fr_utf8_check("王强", strlen("王强")), strlen("王强"));
	T_INTEQ(fr_utf8_width("王强ab", strlen("王强ab")), 6);
}

static void test_prune__keeps_named_paths_with_positions(void)
{
	static const char *const paths[] = { "kind", "reports[].last_week[].task", "survey!" };
	fr_node *r = parse("kind: w\nnote: x\nreports:\n  - person: a\n    last_week:\n"
			   "      - {task: t1, target: 3}\n  - 7\nsurvey: {a: 1}\n");
	fr_arena *b = fr_arena_new();
	fr_node *p = fr_node_prune(b, r, paths, 3, 1000), *rep, *lw;
	T_ASSERT(p && p->type == FR_MAP);
	T_INTEQ(p->n, 3);
	T_STREQ(fr_map_str(p, "kind"), "w");
	T_ASSERT(!fr_map_get(p, "note"));
	rep = fr_map_get(p, "reports");
	T_INTEQ(rep->n, 2);
	T_ASSERT(!fr_map_get(rep->items[0], "person"));
	T_ASSERT(rep->items[1]->type == FR_NUMBER && rep->items[1]->num == 7);
	lw = fr_map_get(rep->items[0], "last_week");
	T_INTEQ(lw->items[0]->n, 1);
	T_STREQ(fr_map_str(lw->items[0], "task"), "t1");
	T_INTEQ(fr_map_get(lw->items[0], "task")->line, 6);
	T_INTEQ(fr_map_get(lw->items[0], "task")->col, 16);
	T_ASSERT(fr_map_get(p, "survey")->type == FR_MAP && fr_map_get(p, "survey")->n == 0);
	/* a copy beyond its budget is refused, not cut short */
	T_ASSERT(!fr_node_prune(b, r, paths, 3, 5));
	fr_arena_free(b);
}

int main(void)
{
	A = fr_arena_new();
	T_RUN(test_yaml__positions_are_one_based_and_offset);
	T_RUN(test_yaml__columns_count_code_points);
	T_RUN(test_yaml__core_schema_keeps_strings_strings);
	T_RUN(test_yaml__core_schema_resolves_scalars);
	T_RUN(test_yaml__integers_are_exactly_strtods);
	T_RUN(test_yaml__rejects_duplicate_key_at_second);
	T_RUN(test_yaml__rejects_duplicate_key_in_large_mapping);
	T_RUN(test_yaml__alias_bomb_is_an_error);
	T_RUN(test_yaml__small_aliases_are_shared);
	T_RUN(test_yaml__unknown_alias_is_an_error);
	T_RUN(test_yaml__deep_nesting_is_an_error_not_a_crash);
	T_RUN(test_yaml__syntax_error_has_position);
	T_RUN(test_yaml__second_document_is_an_error);
	T_RUN(test_yaml__complex_key_is_an_error);
	T_RUN(test_yaml__empty_document_is_null);
	T_RUN(test_record__splits_front_matter_with_bom_and_crlf);
	T_RUN(test_record__dot_dot_dot_closes);
	T_RUN(test_record__unclosed_front_matter);
	T_RUN(test_record__invalid_utf8_has_position);
	T_RUN(test_record__yaml_error_position_is_relative_to_file);
	T_RUN(test_utf8__check_rejects_overlong_and_surrogates);
	T_RUN(test_prune__keeps_named_paths_with_positions);
	fr_arena_free(A);
	return t_done();
}
