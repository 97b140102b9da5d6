/* test_json.c - the JSON parser: positions, strictness, bounds */
#include "json.h"
#include "buf.h"
#include "limits.h"
#include "node.h"
#include "test.h"
#include "util.h"

#include <stdlib.h>

static fr_arena *arena;
static fr_error err;

static fr_node *parse(const char *text)
{
	fr_arena_free(arena);
	arena = fr_arena_new();
	return fr_json_parse(arena, text, strlen(text), &err);
}

static fr_node *parsen(const char *text, size_t len)
{
	fr_arena_free(arena);
	arena = fr_arena_new();
	return fr_json_parse(arena, text, len, &err);
}

static void test_json__parses_every_value_type(void)
{
	fr_node *n = parse("{\"n\": null, \"b\": true, \"f\": false, \"x\": -12.5e1, \"s\": \"hi\", "
			   "\"a\": [], \"o\": {}}");
	T_ASSERT(n && n->type == FR_MAP);
	T_INTEQ(n->n, 7);
	T_INTEQ(fr_map_get(n, "n")->type, FR_NULL);
	T_INTEQ(fr_map_get(n, "b")->boolean, 1);
	T_INTEQ(fr_map_get(n, "f")->boolean, 0);
	T_NEAR(fr_map_get(n, "x")->num, -125);
	T_STREQ(fr_map_str(n, "s"), "hi");
	T_INTEQ(fr_map_get(n, "a")->type, FR_SEQ);
	T_INTEQ(fr_map_get(n, "o")->type, FR_MAP);
	/* keys keep document order */
	T_STREQ(n->pairs[0].key->str, "n");
	T_STREQ(n->pairs[6].key->str, "o");
}

static void test_json__positions_are_one_based_and_count_code_points(void)
{
	const fr_pair *p;
	fr_node *n = parse("{\n  \"名字\": \"王强\", \"x\": 1,\n\t\"list\": [true,\n   null]\n}");
	T_ASSERT(n);
	T_INTEQ(n->line, 1);
	T_INTEQ(n->col, 1);
	p = fr_map_pair(n, "名字");
	T_ASSERT(p);
	T_INTEQ(p->key->line, 2);
	T_INTEQ(p->key->col, 3);
	T_INTEQ(p->val->line, 2);
	T_INTEQ(p->val->col, 9); /* "名字" is 4 columns with its quotes, not 8 bytes */
	p = fr_map_pair(n, "x");
	T_INTEQ(p->key->col, 15);
	T_INTEQ(p->val->col, 20);
	p = fr_map_pair(n, "list");
	T_INTEQ(p->key->line, 3);
	T_INTEQ(p->key->col, 2); /* a tab is one column */
	T_INTEQ(p->val->col, 10);
	T_INTEQ(p->val->items[0]->line, 3);
	T_INTEQ(p->val->items[0]->col, 11);
	T_INTEQ(p->val->items[1]->line, 4);
	T_INTEQ(p->val->items[1]->col, 4);
}

static void test_json__crlf_line_ends_count_lines(void)
{
	fr_node *n = parse("[1,\r\n 2]");
	T_ASSERT(n);
	T_INTEQ(n->items[1]->line, 2);
	T_INTEQ(n->items[1]->col, 2);
}

static void test_json__rejects_duplicate_key_at_second_occurrence(void)
{
	T_ASSERT(!parse("{\"a\": 1,\n \"b\": 2,\n  \"a\": 3}"));
	T_STREQ(err.rule, "X-DUPKEY");
	T_INTEQ(err.line, 3);
	T_INTEQ(err.col, 3);
	T_ASSERT(strstr(err.msg, "'a'"));
}

static void test_json__rejects_duplicate_key_in_big_object(void)
{
	fr_buf b = FR_BUF_INIT;
	int i;
	fr_node *n;
	fr_buf_adds(&b, "{");
	for (i = 0; i < 5000; i++)
		fr_buf_addf(&b, "\"k%d\": %d, ", i, i);
	fr_buf_adds(&b, "\"k4321\": 0}");
	n = parse(b.ptr);
	fr_buf_free(&b);
	T_ASSERT(!n);
	T_STREQ(err.rule, "X-DUPKEY");
	T_ASSERT(strstr(err.msg, "'k4321'"));
}

static void test_json__same_key_in_different_objects_is_fine(void)
{
	T_ASSERT(parse("{\"a\": {\"a\": 1}, \"b\": {\"a\": 2}}"));
	/* keys that differ only after a NUL are different keys */
	T_ASSERT(parse("{\"a\\u0000x\": 1, \"a\\u0000y\": 2}"));
}

static void test_json__depth_bomb_is_an_error_not_a_crash(void)
{
	size_t n = 100000;
	char *s = fr_xmalloc(n);
	memset(s, '[', n);
	T_ASSERT(!parsen(s, n));
	T_STREQ(err.rule, "X-YAML");
	T_INTEQ(err.line, 1);
	T_INTEQ(err.col, FR_MAX_DEPTH + 1);
	memset(s, '{', n);
	T_ASSERT(!parsen(s, n));
	free(s);
}

static void test_json__nesting_up_to_the_limit_parses(void)
{
	fr_buf b = FR_BUF_INIT;
	int i;
	fr_node *n;
	for (i = 0; i < FR_MAX_DEPTH; i++)
		fr_buf_addc(&b, '[');
	for (i = 0; i < FR_MAX_DEPTH; i++)
		fr_buf_addc(&b, ']');
	n = parse(b.ptr);
	T_ASSERT(n);
	fr_buf_reset(&b);
	for (i = 0; i <= FR_MAX_DEPTH; i++)
		fr_buf_addc(&b, '[');
	for (i = 0; i <= FR_MAX_DEPTH; i++)
		fr_buf_addc(&b, ']');
	n = parse(b.ptr);
	fr_buf_free(&b);
	T_ASSERT(!n);
	T_ASSERT(strstr(err.msg, "nesting"));
}

static void test_json__rejects_invalid_utf8(void)
{
	static const char *const bad[] = {
		"\"\xff\"", "\"\xc0\xaf\"", "\"\xe0\x80\xaf\"", "\"\xed\xa0\x80\"", /* surrogate */
		"\"\xf4\x90\x80\x80\"", "\"\xe4\xb8\"", "\"abc\x80\"", "[\"ok\", \"\xc3\"]",
	};
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(bad); i++) {
		T_ASSERT(!parse(bad[i]));
		T_STREQ(err.rule, "X-YAML");
		T_ASSERT(strstr(err.msg, "UTF-8"));
	}
	T_ASSERT(!parse("\"ab\xff\""));
	T_INTEQ(err.col, 4);
	T_ASSERT(parse("\"\xe4\xb8\xad\xf0\x9f\x98\x80\"")); /* 中 and an emoji */
}

static void test_json__decodes_escapes_and_surrogate_pairs(void)
{
	fr_node *n = parse("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4E2D\\ud83d\\ude00\"");
	T_ASSERT(n && n->type == FR_STRING);
	T_INTEQ(n->len, 9 + 2 + 3 + 4);
	T_ASSERT(!memcmp(n->str, "a\"\\/\b\f\n\r\t\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80", n->len));
	T_INTEQ(n->str[n->len], '\0');
}

static void test_json__keeps_nul_from_escape(void)
{
	fr_node *n = parse("\"a\\u0000b\"");
	T_ASSERT(n);
	T_INTEQ(n->len, 3);
	T_ASSERT(!memcmp(n->str, "a\0b", 3));
}

static void test_json__rejects_lone_surrogates(void)
{
	static const char *const bad[] = {
		"\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"",
		"\"\\udbff\\udbff\"", "\"x\\ude00\"",
	};
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(bad); i++) {
		T_ASSERT(!parse(bad[i]));
		T_ASSERT(strstr(err.msg, "surrogate"));
	}
}

static void test_json__rejects_bad_escapes_and_control_characters(void)
{
	T_ASSERT(!parse("\"\\x41\""));
	T_ASSERT(!parse("\"\\u12\""));
	T_ASSERT(!parse("\"\\u12g4\""));
	T_ASSERT(!parse("\"tab\there\""));
	T_INTEQ(err.col, 5);
	T_ASSERT(!parse("\"line\nbreak\""));
	T_ASSERT(!parse("\"unterminated"));
	T_ASSERT(!parse("\"ends in backslash\\"));
}

static void test_json__numbers_follow_the_rfc_grammar(void)
{
	static const char *const bad[] = {
		"01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "Infinity",
		"-Infinity", "1.5.2", "1e400", "-1e400", "--1", "1 2",
	};
	size_t i;
	fr_node *n;
	for (i = 0; i < FR_ARRAY_LEN(bad); i++) {
		n = parse(bad[i]);
		T_ASSERT(!n);
	}
	n = parse("[0, -0, 1.0, -0.5e2, 1E3, 2e-2, 12345678901234567890, 1e-400]");
	T_ASSERT(n);
	T_NEAR(n->items[0]->num, 0);
	T_NEAR(n->items[2]->num, 1);
	T_ASSERT(fr_node_is_int(n->items[2]));
	T_NEAR(n->items[3]->num, -50);
	T_NEAR(n->items[4]->num, 1000);
	T_NEAR(n->items[5]->num, 0.02);
	T_ASSERT(n->items[6]->num > 1.2e19);
	T_NEAR(n->items[7]->num, 0);
}

static void test_json__long_number_text_is_handled(void)
{
	size_t len = 100000, i;
	char *s = fr_xmalloc(len + 1);
	fr_node *n;
	s[0] = '0';
	s[1] = '.';
	for (i = 2; i < len; i++)
		s[i] = '5';
	s[len] = '\0';
	n = parse(s);
	free(s);
	T_ASSERT(n);
	T_NEAR(n->num, 0.5555555555555556);
}

static void test_json__rejects_what_json_does_not_allow(void)
{
	static const char *const bad[] = {
		"", "   ", "[1,]", "{\"a\":1,}", "{a: 1}", "{'a': 1}", "['a']", "[1 2]",
		"{\"a\" 1}", "{\"a\":}", "// c\n1", "/* c */ 1", "[1] x", "{} {}", "tru", "nul",
		"True", "[", "{", "]", "}", ":", "{1: 2}", "\"a\" \"b\"", "[1,,2]", "\xef\xbb",
	};
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(bad); i++) {
		fr_node *n = parse(bad[i]);
		T_ASSERT(!n);
		T_STREQ(err.rule, "X-YAML");
		T_ASSERT(err.line >= 1 && err.col >= 1);
	}
}

static void test_json__error_points_at_the_offending_character(void)
{
	T_ASSERT(!parse("{\n  \"a\": tru\n}"));
	T_INTEQ(err.line, 2);
	T_INTEQ(err.col, 8);
	T_ASSERT(!parse("[1,\n 2\n 3]"));
	T_INTEQ(err.line, 3);
	T_INTEQ(err.col, 2);
	T_ASSERT(strstr(err.msg, "','"));
	T_ASSERT(!parse("[\"王\" x]"));
	T_INTEQ(err.col, 6);
	T_ASSERT(!parse("[1,"));
	T_ASSERT(strstr(err.msg, "end of file"));
}

static void test_json__byte_order_mark_is_ignored(void)
{
	fr_node *n = parse("\xef\xbb\xbf{\"a\": 1}");
	T_ASSERT(n);
	T_INTEQ(n->col, 1);
	T_INTEQ(fr_map_pair(n, "a")->key->col, 2);
}

static void test_json__text_need_not_be_nul_terminated(void)
{
	fr_node *n = parsen("[1, 2]garbage", 6);
	T_ASSERT(n && n->n == 2);
	T_ASSERT(!parsen("\"abc\"", 4));
	T_ASSERT(!parsen("123", 0));
	T_ASSERT(parsen("123", 2) && arena);
}

/* Mutations of a valid document and random bytes: every one parses or fails cleanly (the
 * sanitizers watch for the rest). */
static void test_json__never_crashes_on_mutated_input(void)
{
	static const char base[] = "{\"a\": [1, -2.5e3, true, null, \"x\\u00e9\\ud83d\\ude00\"], "
				   "\"名\": {\"b\": \"\\n\"}, \"c\": [[[]]], \"d\": false}";
	char buf[sizeof(base) + 8];
	unsigned long seed = 12345;
	int round;
	T_ASSERT(parse(base));
	for (round = 0; round < 20000; round++) {
		size_t len = sizeof(base) - 1, k, edits;
		memcpy(buf, base, len);
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		edits = 1 + (seed >> 60) % 4;
		for (k = 0; k < edits; k++) {
			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			buf[(seed >> 33) % len] = (char)(seed >> 20);
		}
		if (round % 3 == 0)
			len = (seed >> 40) % len; /* truncated too */
		parsen(buf, len);
	}
	T_ASSERT(1);
}

int main(void)
{
	T_RUN(test_json__parses_every_value_type);
	T_RUN(test_json__positions_are_one_based_and_count_code_points);
	T_RUN(test_json__crlf_line_ends_count_lines);
	T_RUN(test_json__rejects_duplicate_key_at_second_occurrence);
	T_RUN(test_json__rejects_duplicate_key_in_big_object);
	T_RUN(test_json__same_key_in_different_objects_is_fine);
	T_RUN(test_json__depth_bomb_is_an_error_not_a_crash);
	T_RUN(test_json__nesting_up_to_the_limit_parses);
	T_RUN(test_json__rejects_invalid_utf8);
	T_RUN(test_json__decodes_escapes_and_surrogate_pairs);
	T_RUN(test_json__keeps_nul_from_escape);
	T_RUN(test_json__rejects_lone_surrogates);
	T_RUN(test_json__rejects_bad_escapes_and_control_characters);
	T_RUN(test_json__numbers_follow_the_rfc_grammar);
	T_RUN(test_json__long_number_text_is_handled);
	T_RUN(test_json__rejects_what_json_does_not_allow);
	T_RUN(test_json__error_points_at_the_offending_character);
	T_RUN(test_json__byte_order_mark_is_ignored);
	T_RUN(test_json__text_need_not_be_nul_terminated);
	T_RUN(test_json__never_crashes_on_mutated_input);
	fr_arena_free(arena);
	return t_done();
}
