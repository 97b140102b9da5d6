/* test_figures_weekly.c - the figures of weekly-meeting, cards and monthly-plan records,
 * computed through the engine from in-memory files and checked against hand-computed values */
#include "test.h"

#include <stdlib.h>

#include "config.h"
#include "date.h"
#include "engine.h"
#include "schemas.h"
#include "source.h"

static const char TEAM[] =
	"team: 测试销售部\n"
	"people:\n"
	"  - {name: 王经理, role: manager}\n"
	"  - {name: 李娜, role: sales}\n"
	"  - {name: 王强, role: sales}\n"
	"  - {name: 张伟, role: sales}\n"
	"  - {name: 刘芳, role: finance}\n"
	"  - {name: 孙丽, role: logistics}\n"
	"  - {name: 周杰, role: aftersales}\n"
	"host_rotation: [李娜, 王强, 张伟]\n";

#define DEPTS \
	"departments:\n" \
	"  - {department: 财务部, head: 刘芳, tasks: [{task: 对账, owner: 刘芳}]}\n" \
	"  - {department: 物流部, head: 孙丽, tasks: [{task: 发货, owner: 孙丽}]}\n" \
	"  - {department: 售后部, head: 周杰, tasks: [{task: 回访, owner: 周杰}]}\n"
#define THIS_WEEK \
	"    this_week:\n" \
	"      - {task: 拜访, target: 5, unit: 家}\n" \
	"      - {task: 回款, target: 25, unit: 万元}\n" \
	"      - {task: 销售, target: 40, unit: 台}\n"
#define MEETING_HEAD \
	"---\nkind: weekly-meeting\nweek: 2026-W10\ndate: 2026-03-02\nhost: 李娜\n" \
	"attendees: [王经理, 李娜, 王强, 张伟, 刘芳, 孙丽, 周杰]\nreports:\n"

/* 李娜: 回款 0.6 (weight 2, flagged), 库存 lower-is-better 12 of 10 = 0.8, 培训 unreported:
 * (2 x 0.6 + 0.8) / 3 = 2/3. 王强: nothing reported, null. 张伟: 4 of 4 = 1.
 * team_rate = (2/3 + 1) / 2 = 5/6, 王强 left out. */
static const char WEEK10[] = MEETING_HEAD
	"  - person: 李娜\n"
	"    last_week:\n"
	"      - {task: 回款, target: 30, unit: 万元, actual: 18, weight: 2, reason: 客户付款延期}\n"
	"      - {task: 库存, target: 10, unit: 台, actual: 12, better: lower}\n"
	"      - {task: 培训, target: 2, unit: 场}\n"
	THIS_WEEK
	"  - person: 王强\n"
	"    last_week:\n"
	"      - {task: 拜访, target: 3, unit: 家}\n"
	THIS_WEEK
	"  - person: 张伟\n"
	"    last_week:\n"
	"      - {task: 拜访, target: 4, unit: 家, actual: 4}\n"
	THIS_WEEK
	DEPTS "---\n";

/* Edges: exactly 30% off is not flagged, 30.01% is; a lower-is-better rate stops at 0. */
static const char EDGES[] = MEETING_HEAD
	"  - person: 李娜\n"
	"    last_week:\n"
	"      - {task: 回款, target: 30, unit: 万元, actual: 21}\n"
	"      - {task: 拜访, target: 10000, unit: 元, actual: 6999, reason: 缺货}\n"
	"      - {task: 库存, target: 10, unit: 台, actual: 25, better: lower, reason: 滞销}\n"
	THIS_WEEK
	"  - person: 王强\n" THIS_WEEK
	"  - person: 张伟\n" THIS_WEEK
	DEPTS "---\n";

static const char NOBODY[] = MEETING_HEAD
	"  - person: 李娜\n" THIS_WEEK
	"  - person: 王强\n" THIS_WEEK
	"  - person: 张伟\n" THIS_WEEK
	DEPTS "---\n";

/* X1 red, 25 of 40 by Thursday; K7 yellow, sold out on 2026-03-06 (deadline 2026-03-15);
 * S9 red, no count yet; P3 red, sold out on 2026-03-09, the day after its deadline. */
static const char CARDS[] =
	"---\nkind: cards\nweek: 2026-W10\nconfirmed: 2026-03-02\nproducts:\n"
	"  - {sku: X1, card: red, quantity: 40, price: 3999, partner_price: 4299, assignees: [李娜],\n"
	"     tracking: [{date: 2026-03-02, sold: 0}, {date: 2026-03-05, sold: 25}]}\n"
	"  - {sku: K7, card: yellow, quantity: 20, price: 1999, partner_price: 2199, assignees: [王强],\n"
	"     tracking: [{date: 2026-03-03, sold: 10}, {date: 2026-03-06, sold: 20}]}\n"
	"  - {sku: S9, card: red, quantity: 10, price: 599, partner_price: 699, assignees: [张伟]}\n"
	"---\n";

static const char CARDS_LATE[] =
	"---\nkind: cards\nweek: 2026-W10\nconfirmed: 2026-03-02\nproducts:\n"
	"  - {sku: P3, card: red, quantity: 10, price: 99, partner_price: 129, assignees: [李娜],\n"
	"     tracking: [{date: 2026-03-04, sold: 6}, {date: 2026-03-09, sold: 10}, {date: 2026-03-10, sold: 10}]}\n"
	"  - {sku: X1, card: red, quantity: 40, price: 3999, partner_price: 4299, assignees: [李娜],\n"
	"     tracking: [{date: 2026-03-05, sold: 25}]}\n"
	"---\n";

static const char CARDS_NONE[] =
	"---\nkind: cards\nweek: 2026-W10\nconfirmed: 2026-03-02\nproducts:\n"
	"  - {sku: X1, card: red, quantity: 40, price: 3999, partner_price: 4299, assignees: [李娜]}\n"
	"---\n";

/* 销售额 98 of 120, 回款 60 of 100 (flagged), 费用 unreported: (98/120 + 0.6) / 2. */
static const char MONTHLY[] =
	"---\nkind: monthly-plan\nperson: 李娜\nmonth: 2026-04\n"
	"summary:\n"
	"  metrics:\n"
	"    - {name: 销售额, unit: 万元, target: 120, actual: 98}\n"
	"    - {name: 回款, unit: 万元, target: 100, actual: 60, reason: 账期延长}\n"
	"    - {name: 费用, unit: 万元, target: 10, better: lower}\n"
	"  highlight: 拿下苏州新科首单\n"
	"  lowlight: 回款只完成60%\n"
	"plan:\n"
	"  metrics:\n"
	"    - {name: 销售额, unit: 万元, target: 130, measures: [每周拜访重点客户5家]}\n"
	"  golden_page:\n"
	"    - {action: 签订返利协议, owner: 李娜, due: 2026-04-10}\n"
	"  blank_sheet:\n"
	"    - {role: 销售代表, person: 李娜, action: 完成3家新客户首单, due: 2026-04-15}\n"
	"---\n";

static const char MONTHLY_NONE[] =
	"---\nkind: monthly-plan\nperson: 李娜\nmonth: 2026-04\n"
	"summary:\n"
	"  metrics:\n"
	"    - {name: 销售额, unit: 万元, target: 120}\n"
	"  highlight: 拿下苏州新科首单\n"
	"  lowlight: 回款只完成60%\n"
	"plan:\n"
	"  metrics:\n"
	"    - {name: 销售额, unit: 万元, target: 130, measures: [每周拜访重点客户5家]}\n"
	"  golden_page:\n"
	"    - {action: 签订返利协议, owner: 李娜, due: 2026-04-10}\n"
	"  blank_sheet:\n"
	"    - {role: 销售代表, person: 李娜, action: 完成3家新客户首单, due: 2026-04-15}\n"
	"---\n";

/* Wrong types everywhere: the schema reports them; figures skip what they cannot read. */
static const char BAD_WEEKLY[] =
	"---\nkind: weekly-meeting\nweek: [1]\nreports:\n  - 李娜\n  - {person: [x], last_week: 3}\n"
	"  - person: 李娜\n"
	"    last_week: [1, null, {task: [], target: x, actual: {}}, {task: a, target: 0, actual: 5},\n"
	"                {task: b, target: 2, actual: 1, weight: -3, better: 7}]\n"
	"---\n";
static const char BAD_CARDS[] =
	"---\nkind: cards\nweek: 2026-W10\nproducts:\n  - 1\n"
	"  - {sku: [], card: blue, quantity: x, tracking: 5}\n"
	"  - {sku: a, card: red, quantity: 0, tracking: [1, {date: 5, sold: x}, {sold: 3}]}\n"
	"---\n";
static const char BAD_MONTHLY[] =
	"---\nkind: monthly-plan\nperson: [李娜]\nmonth: 13\n"
	"summary: {metrics: [1, {name: [], target: 0, actual: 1}, {name: y, target: 1, actual: x}]}\n"
	"---\n";

/* One checked snapshot of one record and its figures; main frees it after every case, so
 * a failing assertion (which returns early) leaks nothing. */
static struct {
	fr_schemas *schemas;
	fr_config *cfg;
	fr_files files;
	fr_set *set;
	fr_diags d;
	fr_arena *a;
	fr_node *fig;
	size_t errors;
} F;

static void teardown(void)
{
	fr_set_free(F.set);
	fr_files_free(&F.files);
	fr_config_free(F.cfg);
	fr_schemas_free(F.schemas);
	fr_diags_free(&F.d);
	fr_arena_free(F.a);
	memset(&F, 0, sizeof(F));
}

/* Check the record text as of today ("YYYY-MM-DD") and compute its figures into F.fig;
 * F.errors is the number of errors the checks found (0 for the fixtures above). */
static void figures_of(const char *text, const char *today)
{
	int day = 0;
	F.a = fr_arena_new();
	F.errors = 999;
	if (fr_schemas_load(&F.schemas, NULL, &F.d) ||
	    fr_config_load(&F.cfg, "flowrec.yaml", TEAM, strlen(TEAM), F.schemas, &F.d))
		return;
	fr_date_parse(today, &day);
	fr_files_add(&F.files, "records/r.md", text, strlen(text));
	F.errors = fr_set_check(&F.set, &F.files, F.cfg, F.schemas, day, &F.d);
	F.fig = F.set->n ? fr_set_figures(F.set, F.set->recs[0], F.a) : NULL;
}

static const fr_node *person(const fr_node *fig, size_t i)
{
	const fr_node *p = fr_map_get(fig, "people");
	return p && p->type == FR_SEQ && i < p->n ? p->items[i] : NULL;
}

static const fr_node *product(const fr_node *fig, size_t i)
{
	const fr_node *p = fr_map_get(fig, "products");
	return p && p->type == FR_SEQ && i < p->n ? p->items[i] : NULL;
}

/* The i-th string of the list at map[key], or NULL. */
static const char *nth(const fr_node *map, const char *key, size_t i)
{
	const fr_node *s = fr_map_get(map, key);
	return s && s->type == FR_SEQ && i < s->n ? fr_node_str(s->items[i]) : NULL;
}

static double num(const fr_node *map, const char *key)
{
	double v = -12345;
	fr_map_num(map, key, &v);
	return v;
}

static int is_null(const fr_node *map, const char *key)
{
	const fr_node *n = fr_map_get(map, key);
	return n && n->type == FR_NULL;
}

static int str_is(const char *s, const char *want)
{
	return s && !strcmp(s, want);
}

static void test_figures__weekly_person_rate_is_weighted_with_lower_is_better(void)
{
	const fr_node *p;
	figures_of(WEEK10, "2026-03-02");
	T_INTEQ(F.errors, 0);
	T_STREQ(fr_map_str(F.fig, "week"), "2026-W10");
	T_ASSERT((p = person(F.fig, 0)));
	T_STREQ(fr_map_str(p, "person"), "李娜");
	T_NEAR(num(p, "rate"), 2.0 / 3.0);
	T_INTEQ(fr_node_count(fr_map_get(p, "flagged")), 1);
	T_STREQ(nth(p, "flagged", 0), "回款");
	T_INTEQ(fr_node_count(fr_map_get(p, "unreported")), 1);
	T_STREQ(nth(p, "unreported", 0), "培训");
}

static void test_figures__weekly_unreported_person_is_null_and_left_out_of_team_rate(void)
{
	figures_of(WEEK10, "2026-03-02");
	T_INTEQ(F.errors, 0);
	T_ASSERT(is_null(person(F.fig, 1), "rate"));
	T_STREQ(nth(person(F.fig, 1), "unreported", 0), "拜访");
	T_NEAR(num(person(F.fig, 2), "rate"), 1.0);
	T_NEAR(num(F.fig, "team_rate"), (2.0 / 3.0 + 1.0) / 2.0);
}

static void test_figures__weekly_team_rate_is_null_when_nobody_reported(void)
{
	figures_of(NOBODY, "2026-03-02");
	T_INTEQ(F.errors, 0);
	T_ASSERT(is_null(F.fig, "team_rate"));
	T_INTEQ(fr_node_count(fr_map_get(F.fig, "people")), 3);
	T_ASSERT(is_null(person(F.fig, 0), "rate"));
	T_INTEQ(fr_node_count(fr_map_get(person(F.fig, 0), "flagged")), 0);
}

static void test_figures__weekly_flags_over_30_percent_not_exactly_30(void)
{
	const fr_node *p;
	figures_of(EDGES, "2026-03-02");
	T_INTEQ(F.errors, 0);
	T_ASSERT((p = person(F.fig, 0)));
	T_INTEQ(fr_node_count(fr_map_get(p, "flagged")), 2);
	T_STREQ(nth(p, "flagged", 0), "拜访");
	T_STREQ(nth(p, "flagged", 1), "库存");
	/* 21/30 = 0.7, 6999/10000 = 0.6999, lower-is-better 25 of 10: max(0, 2 - 2.5) = 0 */
	T_NEAR(num(p, "rate"), (0.7 + 0.6999 + 0.0) / 3.0);
}

static void test_figures__cards_status_and_sell_through_midweek(void)
{
	const fr_node *x1, *k7, *s9;
	figures_of(CARDS, "2026-03-05");
	T_INTEQ(F.errors, 0);
	T_ASSERT((x1 = product(F.fig, 0)) && (k7 = product(F.fig, 1)) && (s9 = product(F.fig, 2)));
	T_STREQ(fr_map_str(x1, "status"), "open");
	T_STREQ(fr_map_str(x1, "deadline"), "2026-03-08");
	T_NEAR(num(x1, "sell_through"), 25.0 / 40.0);
	T_STREQ(fr_map_str(k7, "status"), "done");
	T_STREQ(fr_map_str(k7, "deadline"), "2026-03-15");
	T_NEAR(num(k7, "sell_through"), 1.0);
	T_STREQ(fr_map_str(s9, "status"), "open");
	T_ASSERT(is_null(s9, "sell_through"));
	/* S9 has no count yet and is left out, as an unreported item is */
	T_NEAR(num(F.fig, "sell_through"), (25.0 + 20.0) / (40.0 + 20.0));
}

static void test_figures__cards_late_and_overdue_after_the_deadline(void)
{
	figures_of(CARDS_LATE, "2026-03-10");
	T_INTEQ(F.errors, 0);
	T_STREQ(fr_map_str(product(F.fig, 0), "status"), "late");
	T_STREQ(fr_map_str(product(F.fig, 1), "status"), "overdue");
}

static void test_figures__cards_red_is_open_on_its_sunday(void)
{
	figures_of(CARDS, "2026-03-08");
	T_INTEQ(F.errors, 0);
	T_ASSERT(str_is(fr_map_str(product(F.fig, 0), "status"), "open"));
	T_ASSERT(str_is(fr_map_str(product(F.fig, 2), "status"), "open"));
}

static void test_figures__cards_overall_is_null_without_counts(void)
{
	figures_of(CARDS_NONE, "2026-03-02");
	T_INTEQ(F.errors, 0);
	T_ASSERT(is_null(F.fig, "sell_through"));
	T_ASSERT(is_null(product(F.fig, 0), "sell_through"));
}

static void test_figures__monthly_rate_over_reported_metrics(void)
{
	figures_of(MONTHLY, "2026-04-01");
	T_INTEQ(F.errors, 0);
	T_NEAR(num(F.fig, "rate"), (98.0 / 120.0 + 0.6) / 2.0);
	T_INTEQ(fr_node_count(fr_map_get(F.fig, "flagged")), 1);
	T_STREQ(nth(F.fig, "flagged", 0), "回款");
	T_STREQ(nth(F.fig, "unreported", 0), "费用");
	T_STREQ(fr_map_str(F.fig, "person"), "李娜");
	T_STREQ(fr_map_str(F.fig, "month"), "2026-04");
	T_STREQ(fr_map_str(F.fig, "summarises"), "2026-03");
}

static void test_figures__monthly_rate_is_null_when_nothing_reported(void)
{
	figures_of(MONTHLY_NONE, "2026-04-01");
	T_INTEQ(F.errors, 0);
	T_ASSERT(is_null(F.fig, "rate"));
	T_INTEQ(fr_node_count(fr_map_get(F.fig, "unreported")), 1);
}

static int has_contract_keys(const fr_node *fig, const char *const *keys)
{
	for (; *keys; keys++)
		if (!fr_map_get(fig, *keys))
			return 0;
	return 1;
}

static void test_figures__malformed_records_keep_the_contract_keys(void)
{
	static const char *const weekly[] = { "team_rate", "people", NULL };
	static const char *const cards[] = { "sell_through", "products", NULL };
	static const char *const monthly[] = { "rate", "flagged", NULL };
	figures_of(BAD_WEEKLY, "2026-03-02");
	T_ASSERT(F.errors > 0);
	T_ASSERT(has_contract_keys(F.fig, weekly));
	/* reports without a person's name are left out; 李娜's only readable item: b, 1 of 2 (a
	 * weight <= 0 counts as 1) */
	T_INTEQ(fr_node_count(fr_map_get(F.fig, "people")), 1);
	T_NEAR(num(person(F.fig, 0), "rate"), 0.5);
	T_NEAR(num(F.fig, "team_rate"), 0.5);
	teardown();
	figures_of(BAD_CARDS, "2026-03-02");
	T_ASSERT(has_contract_keys(F.fig, cards));
	/* the product "1" is no mapping and left out; a quantity of 0 gives no sell-through */
	T_INTEQ(fr_node_count(fr_map_get(F.fig, "products")), 2);
	T_ASSERT(is_null(F.fig, "sell_through"));
	T_STREQ(fr_map_str(product(F.fig, 0), "status"), "open");
	T_ASSERT(is_null(product(F.fig, 0), "deadline"));
	T_ASSERT(is_null(product(F.fig, 0), "sku"));
	T_ASSERT(is_null(product(F.fig, 1), "sell_through"));
	T_NEAR(num(product(F.fig, 1), "sold"), 3);
	teardown();
	figures_of(BAD_MONTHLY, "2026-03-02");
	T_ASSERT(has_contract_keys(F.fig, monthly));
	T_ASSERT(is_null(F.fig, "rate"));
	T_ASSERT(is_null(F.fig, "person"));
}

#define RUN(fn) do { T_RUN(fn); teardown(); } while (0)

int main(void)
{
	RUN(test_figures__weekly_person_rate_is_weighted_with_lower_is_better);
	RUN(test_figures__weekly_unreported_person_is_null_and_left_out_of_team_rate);
	RUN(test_figures__weekly_team_rate_is_null_when_nobody_reported);
	RUN(test_figures__weekly_flags_over_30_percent_not_exactly_30);
	RUN(test_figures__cards_status_and_sell_through_midweek);
	RUN(test_figures__cards_late_and_overdue_after_the_deadline);
	RUN(test_figures__cards_red_is_open_on_its_sunday);
	RUN(test_figures__cards_overall_is_null_without_counts);
	RUN(test_figures__monthly_rate_over_reported_metrics);
	RUN(test_figures__monthly_rate_is_null_when_nothing_reported);
	RUN(test_figures__malformed_records_keep_the_contract_keys);
	return t_done();
}
