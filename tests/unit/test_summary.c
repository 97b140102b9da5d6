/* test_summary.c - the roll-ups of summary.c, the period filter, the table writers and the
 * JSON writer's rates, from in-memory records and hand-computed values */
#include "test.h"

#include <stdlib.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "engine.h"
#include "jsonout.h"
#include "schemas.h"
#include "source.h"
#include "summary.h"
#include "table.h"

static const char TEAM[] =
	"team: 测试销售部\n"
	"people:\n"
	"  - {name: 王经理, role: manager}\n"
	"  - {name: 李娜, role: sales}\n"
	"  - {name: 王强, role: sales}\n"
	"  - {name: 张伟, role: sales}\n";

/* W10 reports W09: 王强 first in the file, roster order in the roll-up.
 * 李娜 18/30 = 0.6 and 5/5 = 1 -> 0.8; 王强 lower 150/100 weight 2 = 0.5 and 4/4 -> 2/3;
 * team (0.8 + 2/3) / 2 = 11/15. */
static const char W10[] =
	"---\nkind: weekly-meeting\nweek: 2026-W10\nreports:\n"
	"  - person: 王强\n"
	"    last_week:\n"
	"      - {task: 库存, target: 100, actual: 150, better: lower, weight: 2}\n"
	"      - {task: 新客户, target: 4, actual: 4}\n"
	"  - person: 李娜\n"
	"    last_week:\n"
	"      - {task: 回款, target: 30, actual: 18, reason: 延期}\n"
	"      - {task: 拜访, target: 5, actual: 5}\n"
	"---\n";

/* Two plans for April (March summarised): 李娜 98/120 and 60/100 -> 0.70833; 张伟 1/1 -> 1. */
static const char M04_LINA[] =
	"---\nkind: monthly-plan\nperson: 李娜\nmonth: 2026-04\nsummary:\n  metrics:\n"
	"    - {name: 销售额, target: 120, actual: 98}\n"
	"    - {name: 回款, target: 100, actual: 60}\n---\n";
static const char M04_ZW[] =
	"---\nkind: monthly-plan\nperson: 张伟\nmonth: 2026-04\nsummary:\n  metrics:\n"
	"    - {name: 销售额, target: 1, actual: 1}\n---\n";

struct fixture {
	fr_config *cfg;
	fr_schemas *schemas;
	fr_set *set;
	fr_arena *a;
	fr_node *sum;
};

static int setup(struct fixture *fx, const char *const *files, const fr_filter *f)
{
	fr_files fs = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	int today, rc;
	size_t i;
	memset(fx, 0, sizeof(*fx));
	fr_date_parse("2026-03-31", &today);
	if (fr_schemas_load(&fx->schemas, NULL, &d) ||
	    fr_config_load(&fx->cfg, "flowrec.yaml", TEAM, strlen(TEAM), fx->schemas, &d))
		return -1;
	for (i = 0; files[i]; i += 2)
		fr_files_add(&fs, files[i], files[i + 1], strlen(files[i + 1]))->selected = 1;
	fr_files_sort(&fs);
	fr_set_check(&fx->set, &fs, fx->cfg, fx->schemas, today, &d);
	fr_files_free(&fs);
	fr_diags_free(&d);
	fx->a = fr_arena_new();
	rc = fr_summary(&fx->sum, fx->set, f, fx->a);
	return rc;
}

static void teardown(struct fixture *fx)
{
	fr_arena_free(fx->a);
	fr_set_free(fx->set);
	fr_config_free(fx->cfg);
	fr_schemas_free(fx->schemas);
}

static double num_at(const fr_node *m, const char *key)
{
	double v = -99;
	fr_map_num(m, key, &v);
	return v;
}

static void test_summary__period_forms(void)
{
	int first, last, day;
	char s[11];
	T_INTEQ(fr_period_parse("2026-Q1", &first, &last), 0);
	fr_date_format(first, s);
	T_STREQ(s, "2026-01-01");
	fr_date_format(last, s);
	T_STREQ(s, "2026-03-31");
	T_INTEQ(fr_period_parse("2026-Q4", &first, &last), 0);
	fr_date_format(last, s);
	T_STREQ(s, "2026-12-31");
	T_INTEQ(fr_period_parse("2024-02", &first, &last), 0);
	fr_date_format(last, s);
	T_STREQ(s, "2024-02-29");
	T_INTEQ(fr_period_parse("2026-W10", &first, &last), 0);
	fr_date_format(first, s);
	T_STREQ(s, "2026-03-02");
	fr_date_format(last, s);
	T_STREQ(s, "2026-03-08");
	T_INTEQ(fr_period_parse("2026-Q0", &first, &last), -1);
	T_INTEQ(fr_period_parse("2026-Q5", &first, &last), -1);
	T_INTEQ(fr_period_parse("2026-13", &first, &last), -1);
	T_INTEQ(fr_period_parse("2026-W54", &first, &last), -1);
	T_INTEQ(fr_period_parse("", &first, &last), -1);
	T_INTEQ(fr_period_parse(NULL, &first, &last), -1);
	fr_date_parse("2026-03-31", &day);
	T_INTEQ(fr_period_contains("2026-Q1", day), 1);
	T_INTEQ(fr_period_contains("2026-Q2", day), 0);
	T_INTEQ(fr_period_contains("2026-03", day), 1);
	T_INTEQ(fr_period_contains("2026-W14", day), 1);
	T_INTEQ(fr_period_contains("2026-W13", day), 0);
	T_INTEQ(fr_period_contains("bad", day), 0);
	T_INTEQ(fr_period_contains("2026-Q1", FR_NO_DATE), 0);
}

static void test_summary__weekly_rates_labelled_by_the_week_before(void)
{
	const char *files[] = { "records/weekly/2026-W10.md", W10, NULL };
	struct fixture fx;
	const fr_node *weeks, *row, *people;
	T_ASSERT(setup(&fx, files, NULL) == 0);
	weeks = fr_map_get(fx.sum, "weeks");
	T_INTEQ(fr_node_count(weeks), 1);
	row = weeks->items[0];
	T_STREQ(fr_map_str(row, "week"), "2026-W09");
	T_NEAR(num_at(row, "team_rate"), 11.0 / 15);
	people = fr_map_get(row, "people");
	T_INTEQ(fr_node_count(people), 2);
	T_STREQ(fr_map_str(people->items[0], "person"), "李娜"); /* roster order */
	T_NEAR(num_at(people->items[0], "rate"), 0.8);
	T_STREQ(fr_map_str(people->items[1], "person"), "王强");
	T_NEAR(num_at(people->items[1], "rate"), 2.0 / 3);
	T_INTEQ(fr_node_count(fr_map_get(fx.sum, "flagged")), 2);
	teardown(&fx);
}

static void test_summary__monthly_rates_labelled_by_the_month_summarised(void)
{
	const char *files[] = { "records/monthly/2026-04/李娜.md", M04_LINA,
				"records/monthly/2026-04/张伟.md", M04_ZW, NULL };
	struct fixture fx;
	const fr_node *months, *people;
	T_ASSERT(setup(&fx, files, NULL) == 0);
	months = fr_map_get(fx.sum, "months");
	T_INTEQ(fr_node_count(months), 1);
	T_STREQ(fr_map_str(months->items[0], "month"), "2026-03");
	T_NEAR(num_at(months->items[0], "team_rate"), ((98.0 / 120 + 0.6) / 2 + 1) / 2);
	people = fr_map_get(fx.sum, "people");
	T_INTEQ(fr_node_count(people), 2);
	T_STREQ(fr_map_str(people->items[0], "person"), "李娜");
	T_STREQ(fr_map_str(people->items[1], "person"), "张伟");
	teardown(&fx);
}

static void test_summary__person_filter_keeps_the_team_rate(void)
{
	const char *files[] = { "records/weekly/2026-W10.md", W10, "records/monthly/2026-04/李娜.md",
				M04_LINA, "records/monthly/2026-04/张伟.md", M04_ZW, NULL };
	fr_filter f = { NULL, "张伟", NULL };
	struct fixture fx;
	const fr_node *months, *people;
	T_ASSERT(setup(&fx, files, &f) == 0);
	/* 张伟 has no weekly report: no weekly record, no week row */
	T_INTEQ(fr_node_count(fr_map_get(fx.sum, "records")), 1);
	T_INTEQ(fr_node_count(fr_map_get(fx.sum, "weeks")), 0);
	months = fr_map_get(fx.sum, "months");
	T_INTEQ(fr_node_count(months), 1);
	T_NEAR(num_at(months->items[0], "team_rate"), ((98.0 / 120 + 0.6) / 2 + 1) / 2);
	people = fr_map_get(months->items[0], "people");
	T_INTEQ(fr_node_count(people), 1);
	T_STREQ(fr_map_str(people->items[0], "person"), "张伟");
	T_INTEQ(fr_node_count(fr_map_get(fx.sum, "flagged")), 0);
	teardown(&fx);
}

static void test_summary__bad_period_is_refused(void)
{
	const char *files[] = { NULL };
	fr_filter f = { "2026-3", NULL, NULL };
	struct fixture fx;
	T_INTEQ(setup(&fx, files, &f), -1);
	T_ASSERT(fx.sum == NULL);
	teardown(&fx);
}

static void test_summary__unreadable_records_are_skipped(void)
{
	const char *files[] = {
		"records/a.md", "no front matter\n",
		"records/b.md", "---\n[1, 2]\n---\n",
		"records/c.md", "---\nkind: weekly-meeting\nweek: 2026-W10\nreports: {a: 1}\n---\n",
		"records/d.md", "---\nkind: cards\nweek: 2026-W10\nproducts: [1, {card: red}]\n---\n",
		"records/e.md", "---\nkind: partner-scorecard\npartner: X\nfactors: [[1]]\n---\n",
		NULL
	};
	struct fixture fx;
	const fr_node *cards, *partners;
	T_ASSERT(setup(&fx, files, NULL) == 0);
	T_INTEQ(fr_node_count(fr_map_get(fx.sum, "records")), 3);
	T_INTEQ(fr_node_count(fr_map_get(fx.sum, "weeks")), 1);
	cards = fr_map_get(fx.sum, "cards");
	T_INTEQ(fr_node_count(cards), 1);
	T_ASSERT(fr_map_get(cards->items[0], "sell_through")->type == FR_NULL);
	T_ASSERT(fr_map_get(cards->items[0], "sku")->type == FR_NULL);
	partners = fr_map_get(fx.sum, "partners");
	T_INTEQ(fr_node_count(partners), 1);
	T_ASSERT(fr_map_get(partners->items[0], "score")->type == FR_NULL);
	teardown(&fx);
}

static void test_table__aligns_by_display_width(void)
{
	fr_table *t = fr_table_new();
	fr_buf b = FR_BUF_INIT;
	fr_table_col(t, "名字", FR_ALIGN_LEFT);
	fr_table_col(t, "n", FR_ALIGN_RIGHT);
	fr_table_row(t);
	fr_table_cell(t, "李娜");
	fr_table_cell(t, "5");
	fr_table_row(t);
	fr_table_cell(t, "abcde");
	fr_table_cell(t, "10");
	fr_table_row(t);
	fr_table_cell(t, "a\tb");
	fr_table_text(t, &b, NULL);
	T_STREQ(b.ptr, "名字    n\n-----  --\n李娜    5\nabcde  10\na b      \n");
	fr_buf_reset(&b);
	fr_table_md(t, &b);
	T_STREQ(b.ptr, "| 名字  |   n |\n| ----- | --: |\n| 李娜  |   5 |\n| abcde |  10 |\n"
		       "| a b   |     |\n");
	fr_buf_reset(&b);
	fr_table_csv(t, &b);
	T_STREQ(b.ptr, "名字,n\n李娜,5\nabcde,10\na\tb,\n");
	fr_buf_free(&b);
	fr_table_free(t);
}

static void test_table__csv_quotes(void)
{
	fr_buf b = FR_BUF_INIT;
	fr_csv_field(&b, "a,\"b\"\nc");
	T_STREQ(b.ptr, "\"a,\"\"b\"\"\nc\"");
	fr_buf_free(&b);
}

static void test_table__numbers_and_percents(void)
{
	char s[32];
	fr_format_number(s, 40);
	T_STREQ(s, "40");
	fr_format_number(s, 91.75);
	T_STREQ(s, "91.75");
	fr_format_number(s, -0.0);
	T_STREQ(s, "0");
	fr_format_percent(s, 0.85);
	T_STREQ(s, "85.0%");
	fr_format_percent(s, 2.0 / 3);
	T_STREQ(s, "66.7%");
	fr_format_percent(s, 0);
	T_STREQ(s, "0.0%");
}

static void test_table__zh_labels_follow_the_team_locale(void)
{
	T_STREQ(fr_label("zh-CN", "Partners"), "合作伙伴绩效");
	T_STREQ(fr_label("en", "Partners"), "Partners");
	T_STREQ(fr_label("zh-CN", "no such label"), "no such label");
}

static void test_jsonout__rates_have_four_decimals(void)
{
	fr_arena *a = fr_arena_new();
	fr_node *m = fr_node_map(a), *l = fr_node_seq(a);
	fr_buf b = FR_BUF_INIT;
	fr_map_set(a, m, "rate", fr_node_number(a, 1));
	fr_map_set(a, m, "team_rate", fr_node_null(a));
	fr_map_set(a, m, "score", fr_node_number(a, 82.5));
	fr_map_set(a, m, "n", fr_node_number(a, 3));
	fr_seq_push(a, l, fr_node_string(a, "回\"款"));
	fr_map_set(a, m, "flagged", l);
	fr_map_set(a, m, "empty", fr_node_seq(a));
	fr_json_write(&b, m);
	T_STREQ(b.ptr, "{\n  \"rate\": 1.0000,\n  \"team_rate\": null,\n  \"score\": 82.5,\n"
		       "  \"n\": 3,\n  \"flagged\": [\"回\\\"款\"],\n  \"empty\": []\n}");
	fr_buf_free(&b);
	fr_arena_free(a);
}

int main(void)
{
	T_RUN(test_summary__period_forms);
	T_RUN(test_summary__weekly_rates_labelled_by_the_week_before);
	T_RUN(test_summary__monthly_rates_labelled_by_the_month_summarised);
	T_RUN(test_summary__person_filter_keeps_the_team_rate);
	T_RUN(test_summary__bad_period_is_refused);
	T_RUN(test_summary__unreadable_records_are_skipped);
	T_RUN(test_table__aligns_by_display_width);
	T_RUN(test_table__csv_quotes);
	T_RUN(test_table__numbers_and_percents);
	T_RUN(test_table__zh_labels_follow_the_team_locale);
	T_RUN(test_jsonout__rates_have_four_decimals);
	return t_done();
}
