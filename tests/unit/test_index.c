/* test_index.c - the (who, day) index the cross-record rules join through */
#include "test.h"

#include "date.h"
#include "index.h"
#include "record.h"

static fr_record *rec(const char *path, const char *text)
{
	fr_diags d = FR_DIAGS_INIT;
	fr_record *r;
	fr_record_parse(&r, path, text, strlen(text), &d);
	fr_diags_free(&d);
	return r;
}

static int key(const fr_record *r, const char **who, int *day)
{
	*who = fr_map_str(r->fm, "person");
	return fr_month_parse(fr_map_str(r->fm, "month"), day, NULL);
}

static void test_index__finds_by_owner_and_period_first_in_path_order(void)
{
	fr_record *v[5];
	fr_index ix;
	int mar, feb, first;
	v[0] = rec("a.md", "---\nperson: 李娜\nmonth: 2026-03\n---\n");
	v[1] = rec("b.md", "---\nperson: 王强\nmonth: 2026-03\n---\n");
	v[2] = rec("c.md", "---\nperson: 李娜\nmonth: 2026-02\n---\n");
	v[3] = rec("d.md", "---\nperson: 李娜\nmonth: 2026-02\n---\n");
	v[4] = rec("e.md", "---\nmonth: 2026-01\n---\n");
	fr_month_parse("2026-03", &mar, NULL);
	fr_month_parse("2026-02", &feb, NULL);
	fr_index_build(&ix, (const fr_record *const *)v, 5, key);
	T_ASSERT(fr_index_find(&ix, "李娜", mar) == v[0]);
	T_ASSERT(fr_index_find(&ix, "王强", mar) == v[1]);
	T_ASSERT(fr_index_find(&ix, "李娜", feb) == v[2]);   /* the first of two, by path */
	T_ASSERT(fr_index_find(&ix, "王强", feb) == NULL);
	T_ASSERT(fr_index_find(&ix, "", feb) == NULL);       /* e.md has no person: keyed "" */
	T_INTEQ(fr_index_first_day(&ix, "李娜", &first), 0);
	T_INTEQ(first, feb);
	T_INTEQ(fr_index_first_day(&ix, "张伟", &first), -1);
	fr_index_free(&ix);
	for (first = 0; first < 5; first++)
		fr_record_free(v[first]);
}

int main(void)
{
	T_RUN(test_index__finds_by_owner_and_period_first_in_path_order);
	return t_done();
}
