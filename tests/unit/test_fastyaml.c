/* test_fastyaml.c - the fast front-matter reader (fastyaml.c) gives libyaml's tree or gives up
 *
 * Without arguments: hand-written cases, each read by both readers (fr_yaml_fast and fr_yaml_parse)
 * and by fr_yaml_parse_fm, which must give exactly what fr_yaml_parse gives (the same tree to the
 * line and column, or the same error); the cases say which the fast reader must take (so that a
 * change that sends records back to libyaml is seen) and which it must leave to libyaml. Then
 * every record of examples/ and of the .case files of tests/rules/, compared the same way.
 * With arguments (tests/t-fastyaml.sh): every *.md under each folder named, compared; prints how
 * many the fast reader took.
 */
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "limits.h"
#include "node.h"
#include "util.h"
#include "yaml.h"

enum { GIVES_UP, FAST, EITHER };

struct yaml_case {
	const char *text;
	int want;
};

static const struct yaml_case cases[] = {
	{ "a: 1\n", FAST },
	{ "", FAST },
	{ "# only a comment\n\n   \n", FAST },
	{ "a:\n", FAST },
	{ "a:", FAST },
	{ "a: 1", FAST },
	{ "a:   # nothing\nb: x\n", FAST },
	{ "主持人: 王强\n参会: [李娜, 王强]\n", FAST },
	{ "k: [a, b, 'c d', \"e\", -1, .5, []]\n", FAST },
	{ "k: {task: 拜访重点客户, target: 8, unit: 家, actual: 7}\n", FAST },
	{ "k: { a: 1 , b: [ x , y ] }\nm: {}\nn: [ ]\n", FAST },
	{ "- a\n- b\n", FAST },
	{ "a:\n- x\n- y\nb: 1\n", FAST },
	{ "a:\n  - x\n  -\n  - {}\n  -   # empty\nb: []\n", FAST },
	{ "- a: 1\n  b: 2\n-   c: 3\n    d:\n      - e\n", FAST },
	{ "- - a\n  - b\n- c\n-\n  - d\n", FAST },
	{ "k:\n- a:\n  - x\n  b: y\n", FAST },
	{ "a: 'it''s'\nb: \"q\\\"x\\\\y\\n\\t\\r\\/\"\n'c d': 1\n\"e\": 2\n", FAST },
	{ "n1: ~\nn2: null\nn3: NULL\nb: True\nc: FALSE\ni: -42\nj: +7\no: 0o17\nx: 0x1F\n"
	  "f: 0.30\ne: 1e3\ng: 1.5E-3\ninf: -.inf\ninf2: .Inf\nnan: .NaN\ns: 2026-03-02\n"
	  "t: 09:20\nu: no\nv: 0o9\nw: 0x\ny: 1_000\nz: 12.3.4\nq: '7'\nbig: 123456789012345678901\n"
	  "neg0: -0\nlead: 007\n", FAST },
	{ "  a: 1\n  b: 2\n", FAST },
	{ "a: b#c\nurl: http://x.y/z?q=1&r=[2]\nd: a,b {c}\n", FAST },
	{ "a: x  y   \nb: 'x  '   \n", FAST },
	{ "true: 1\n1: x\n~: y\nnull: z\n0x10: h\n", FAST },
	{ "a:\n  b:\n    c: [1, [2, {d: e}]]\n  f: g\nh: i\n", FAST },
	{ "a: 😀 emoji\nb: ü\n", FAST },
	{ "a: 1 # c\n# c\n   # c\nb: 2\n\n\n", FAST },
	{ "a:\n    # comment between\n  b: 1\n", FAST },
	{ "- # c\n  a: 1\n", FAST },
	{ "a: -\n", GIVES_UP },
	{ "a: 1\na: 2\n", GIVES_UP },
	{ "a: {b: 1, b: 2}\n", GIVES_UP },
	{ "a: |\n  x\n", GIVES_UP },
	{ "a: >\n  x\n", GIVES_UP },
	{ "a: &x 1\nb: *x\n", GIVES_UP },
	{ "a: !!str 1\n", GIVES_UP },
	{ "a: foo\n  bar\n", GIVES_UP },
	{ "- foo\n  bar\n", GIVES_UP },
	{ "a: foo\n\n  bar\n", GIVES_UP },
	{ "a: [1,\n 2]\n", GIVES_UP },
	{ "a: 'x\n  y'\n", GIVES_UP },
	{ "a:\tb\n", GIVES_UP },
	{ "a: 1\r\nb: 2\r\n", GIVES_UP },
	{ "\xef\xbb\xbf" "a: 1\n", GIVES_UP },
	{ "a: \xff\n", GIVES_UP },
	{ "a: \xc3\n", GIVES_UP },
	{ "a: x\x01y\n", GIVES_UP },
	{ "a: x\xc2\x85y\n", GIVES_UP },
	{ "a: x\xe2\x80\xa8y\n", GIVES_UP },
	{ "a: x\x7fy\n", GIVES_UP },
	{ "? a\n: b\n", GIVES_UP },
	{ "--- \na: 1\n", GIVES_UP },
	{ "a: 1\n--- x\n", GIVES_UP },
	{ "%YAML 1.2\n---\na: 1\n", GIVES_UP },
	{ "a: 1\n...\n", GIVES_UP },
	{ "a: b: c\n", GIVES_UP },
	{ "a:1\n", GIVES_UP },
	{ "a : 1\n", GIVES_UP },
	{ "[a]: 1\n", GIVES_UP },
	{ "- [a]: 1\n", GIVES_UP },
	{ "a: [b: 1]\n", GIVES_UP },
	{ "a: {b}\n", GIVES_UP },
	{ "a: {b: }\n", GIVES_UP },
	{ "a: [1, 2,]\n", GIVES_UP },
	{ "a: [x]y\n", GIVES_UP },
	{ "a: [x] #c\nb: [y]#c\n", GIVES_UP },
	{ "a: 'x'#c\n", GIVES_UP },
	{ "a: \"\\u00e9\"\n", GIVES_UP },
	{ "a: \"unterminated\n", GIVES_UP },
	{ "a:\n    b: 1\n  c: 2\n", GIVES_UP },
	{ "- a\nb: 1\n", GIVES_UP },
	{ "a: 1\n- b\n", GIVES_UP },
	{ "a: 1\n b: 2\n", GIVES_UP },
	{ "just text\n", GIVES_UP },
	{ "a: [a:b]\n", GIVES_UP },
	{ "a: {x?: 1}\n", GIVES_UP },
	{ "a: @x\n", GIVES_UP },
	{ "a: `x\n", GIVES_UP },
	{ "a: %x\n", GIVES_UP },
	{ "a: \"x\" : y\n", GIVES_UP },
	{ "- a\n  - b\n", GIVES_UP },
	{ "a:\n  -\n  b: 1\n", GIVES_UP },
	{ "a:\n-\nb: 1\n", FAST },
	{ "a: [[[[[[[[1]]]]]]]]\n", FAST },
	{ "-1: 2\n-.5: x\n", FAST },
	{ "a: x\n\x00", GIVES_UP },
};

static int same_error(const fr_error *a, const fr_error *b)
{
	return a->line == b->line && a->col == b->col && !strcmp(a->rule, b->rule) &&
	       !strcmp(a->msg, b->msg);
}

/* 1 when both paths agree on text (and the fast reader, if it answered, with them); *fast set
 * to whether the fast reader took it. */
static int agree(const char *text, size_t len, int line_offset, int *fast)
{
	fr_arena *a = fr_arena_new();
	fr_error e1, e2;
	fr_node *f = fr_yaml_fast(a, text, len, line_offset);
	fr_node *l = fr_yaml_parse(a, text, len, line_offset, &e1);
	fr_node *m = fr_yaml_parse_fm(a, text, len, line_offset, &e2);
	int ok = (!f || (l && fr_node_identical(f, l))) && !m == !l &&
		 (m ? fr_node_identical(m, l) : same_error(&e1, &e2));
	*fast = f != NULL;
	fr_arena_free(a);
	return ok;
}

static void test_fastyaml__cases_agree_with_libyaml(void)
{
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(cases); i++) {
		const char *t = cases[i].text;
		/* the one case with a NUL inside is two bytes longer than its strlen */
		size_t len = strlen(t) + (i + 1 == FR_ARRAY_LEN(cases) ? 1 : 0);
		int fast;
		if (!agree(t, len, 1, &fast))
			printf("# disagree on case %zu: %s\n", i, t);
		T_ASSERT(agree(t, len, 1, &fast));
		if (cases[i].want != EITHER && fast != (cases[i].want == FAST))
			printf("# case %zu: fast reader %s: %s\n", i, fast ? "took it" : "gave up", t);
		T_ASSERT(cases[i].want == EITHER || fast == (cases[i].want == FAST));
	}
}

static void test_fastyaml__positions_of_empty_values_and_entries(void)
{
	fr_arena *a = fr_arena_new();
	fr_node *r = fr_yaml_fast(a, "主持人:\nl:\n  -\n  - x\n", 21, 1);
	T_ASSERT(r && r->type == FR_MAP);
	T_INTEQ(r->pairs[0].val->type, FR_NULL);
	T_INTEQ(r->pairs[0].val->line, 2);
	T_INTEQ(r->pairs[0].val->col, 5);   /* right after the ':' */
	T_INTEQ(r->pairs[1].val->items[0]->col, 4); /* right after the '-' */
	T_INTEQ(r->pairs[1].val->items[1]->line, 5);
	fr_arena_free(a);
}

static void test_fastyaml__depth_beyond_the_bound_is_libyamls_error(void)
{
	size_t n = FR_MAX_DEPTH + 10, i;
	char *s = fr_xmalloc(2 * n + 2);
	fr_arena *a = fr_arena_new();
	fr_error e;
	for (i = 0; i < n; i++)
		s[i] = '[';
	for (i = 0; i < n; i++)
		s[n + i] = ']';
	s[2 * n] = '\n';
	T_ASSERT(fr_yaml_fast(a, s, 2 * n + 1, 0) == NULL);
	T_ASSERT(fr_yaml_parse_fm(a, s, 2 * n + 1, 0, &e) == NULL);
	T_STREQ(e.rule, "X-YAML");
	free(s);
	fr_arena_free(a);
}

static void test_fastyaml__duplicate_key_is_libyamls_error(void)
{
	fr_arena *a = fr_arena_new();
	fr_error e;
	T_ASSERT(fr_yaml_parse_fm(a, "a: 1\nb: {c: 1, c: 2}\n", 21, 1, &e) == NULL);
	T_STREQ(e.rule, "X-DUPKEY");
	T_INTEQ(e.line, 3);
	T_INTEQ(e.col, 11);
	fr_arena_free(a);
}

/* A record file's front-matter as record.c finds it: after a first line "---", up to a line
 * "---" or "..." (trailing blanks allowed). 0 if there is none. */
static int front_matter(const char *s, size_t n, const char **fm, size_t *fmlen)
{
	const char *end = s + n, *p, *e;
	if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	if ((size_t)(end - s) < 4 || memcmp(s, "---", 3))
		return 0;
	if (!(p = memchr(s, '\n', (size_t)(end - s))))
		return 0;
	*fm = ++p;
	for (; p < end; p = e + 1) {
		const char *q;
		if (!(e = memchr(p, '\n', (size_t)(end - p))))
			e = end;
		if (e - p >= 3 && (!memcmp(p, "---", 3) || !memcmp(p, "...", 3))) {
			for (q = p + 3; q < e && (*q == ' ' || *q == '\t' || *q == '\r'); q++)
				;
			if (q == e) {
				*fmlen = (size_t)(p - *fm);
				return 1;
			}
		}
		if (e == end)
			break;
	}
	return 0;
}

static size_t n_files, n_fast, n_disagree;

static void compare_text(const char *what, const char *s, size_t n)
{
	const char *fm;
	size_t len;
	int fast;
	if (!front_matter(s, n, &fm, &len))
		return;
	n_files++;
	if (!agree(fm, len, 1, &fast)) {
		n_disagree++;
		printf("# the readers disagree on %s\n", what);
	}
	n_fast += fast;
}

static void compare_file(const char *path)
{
	char *data;
	size_t n;
	if (fr_read_file(path, FR_MAX_RECORD_BYTES, &data, &n))
		return;
	compare_text(path, data, n);
	free(data);
}

static void compare_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d))) {
		char *p;
		struct stat st;
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		p = fr_xmalloc(strlen(dir) + l + 2);
		sprintf(p, "%s/%s", dir, de->d_name);
		if (!stat(p, &st) && S_ISDIR(st.st_mode))
			compare_tree(p);
		else if (l > 3 && !strcmp(de->d_name + l - 3, ".md"))
			compare_file(p);
		free(p);
	}
	closedir(d);
}

/* The records of a .case file: each "=== PATH.md" section up to the next "===" or "###". */
static void compare_case_file(const char *path)
{
	char *data, *p, *sec = NULL, *name = NULL;
	size_t n;
	if (fr_read_file(path, FR_MAX_RECORD_BYTES, &data, &n))
		return;
	for (p = data; p < data + n;) {
		char *e = memchr(p, '\n', (size_t)(data + n - p));
		char *next = e ? e + 1 : data + n;
		if (!strncmp(p, "=== ", 4) || !strncmp(p, "### ", 4)) {
			if (sec && name)
				compare_text(name, sec, (size_t)(p - sec));
			free(name);
			name = NULL;
			sec = next;
			if (!strncmp(p, "=== ", 4) && e && e - p > 7 && !memcmp(e - 3, ".md", 3))
				name = fr_xstrndup(p + 4, (size_t)(e - p - 4));
		}
		p = next;
	}
	if (sec && name)
		compare_text(name, sec, (size_t)(data + n - sec));
	free(name);
	free(data);
}

static const char *tests_dir(void)
{
	const char *t = getenv("TESTS");
	return t ? t : "tests";
}

static void test_fastyaml__examples_agree_and_take_the_fast_path(void)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/../examples/records", tests_dir());
	n_files = n_fast = n_disagree = 0;
	compare_tree(dir);
	printf("# examples: %zu records, %zu read by the fast reader\n", n_files, n_fast);
	T_ASSERT(n_files >= 50);
	T_INTEQ(n_disagree, 0);
	T_INTEQ(n_fast, n_files);
}

static void test_fastyaml__rule_cases_agree(void)
{
	char dir[4096];
	DIR *d;
	struct dirent *de;
	snprintf(dir, sizeof(dir), "%s/rules", tests_dir());
	T_ASSERT((d = opendir(dir)) != NULL);
	n_files = n_fast = n_disagree = 0;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char *p;
		if (l < 6 || strcmp(de->d_name + l - 5, ".case"))
			continue;
		p = fr_xmalloc(strlen(dir) + l + 2);
		sprintf(p, "%s/%s", dir, de->d_name);
		compare_case_file(p);
		free(p);
	}
	closedir(d);
	printf("# rule cases: %zu records, %zu read by the fast reader\n", n_files, n_fast);
	T_ASSERT(n_files >= 100);
	T_INTEQ(n_disagree, 0);
	/* most cases are ordinary records; the ones with YAML errors go to libyaml */
	T_ASSERT(n_fast * 10 >= n_files * 8);
}

int main(int argc, char **argv)
{
	int i;
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			compare_tree(argv[i]);
		printf("%zu records, %zu read by the fast reader, %zu disagree\n", n_files, n_fast,
		       n_disagree);
		return n_disagree || !n_files ? 1 : 0;
	}
	T_RUN(test_fastyaml__cases_agree_with_libyaml);
	T_RUN(test_fastyaml__positions_of_empty_values_and_entries);
	T_RUN(test_fastyaml__depth_beyond_the_bound_is_libyamls_error);
	T_RUN(test_fastyaml__duplicate_key_is_libyamls_error);
	T_RUN(test_fastyaml__examples_agree_and_take_the_fast_path);
	T_RUN(test_fastyaml__rule_cases_agree);
	return t_done();
}
