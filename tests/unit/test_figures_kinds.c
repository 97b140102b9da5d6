/* test_figures_kinds.c - the figures of product-plan, partner-scorecard, channel-service,
 * onboarding, meeting and process records, computed by hand and through fr_set_figures */
#include "config.h"
#include "date.h"
#include "engine.h"
#include "schemas.h"
#include "source.h"
#include "test.h"

#include <stdlib.h>

static fr_schemas *schemas;
static fr_config *cfg;

/* The record checked last, its set and its figures; released by the next check or done(). */
static fr_set *set;
static fr_arena *arena;
static fr_diags diags = FR_DIAGS_INIT;
static size_t errors;

static const char team[] =
	"team: 测试销售部\n"
	"people:\n"
	"  - {name: 王经理, role: manager}\n"
	"  - {name: 陈总, role: director}\n"
	"  - {name: 李娜, role: sales}\n"
	"  - {name: 赵敏, role: channel}\n";

static void done(void)
{
	fr_set_free(set);
	set = NULL;
	fr_arena_free(arena);
	arena = NULL;
	fr_diags_free(&diags);
}

/* Check one record file (today as YYYY-MM-DD) and return its figures, NULL if it has none. */
static const fr_node *figures(const char *path, const char *text, const char *today)
{
	fr_files files = FR_FILES_INIT;
	fr_file *f;
	int day = 0;
	done();
	fr_date_parse(today, &day);
	f = fr_files_add(&files, path, text, strlen(text));
	f->selected = 1;
	errors = fr_set_check(&set, &files, cfg, schemas, day, &diags);
	fr_files_free(&files);
	arena = fr_arena_new();
	return set->n == 1 ? fr_set_figures(set, set->recs[0], arena) : NULL;
}

/* The node at a dotted path of mapping keys ("classes.star.sales_rate"), or NULL. */
static const fr_node *at(const fr_node *n, const char *path)
{
	char key[64];
	while (n && *path) {
		size_t len = strcspn(path, ".");
		if (len >= sizeof(key))
			return NULL;
		memcpy(key, path, len);
		key[len] = '\0';
		n = fr_map_get(n, key);
		path += len + (path[len] == '.');
	}
	return n;
}

static double num(const fr_node *f, const char *path)
{
	const fr_node *n = at(f, path);
	return n && n->type == FR_NUMBER ? n->num : -999;
}

static int is_null(const fr_node *f, const char *path)
{
	const fr_node *n = at(f, path);
	return n && n->type == FR_NULL;
}

static const char *str(const fr_node *f, const char *path)
{
	return fr_node_str(at(f, path));
}

/* ---- product-plan ---- */

static void test_product__rates_are_sums_of_actuals_over_forecasts(void)
{
	const fr_node *f = figures("records/product/2026-04/李娜.md",
		"---\nkind: product-plan\nmonth: 2026-04\nowner: 李娜\nproducts:\n"
		"  - {sku: X1-15, class: star, strategy: 主推机型, forecast: {sales: 120, profit: 9.6}, actual: {sales: 100, profit: 7.0}}\n"
		"  - {sku: X2, class: star, strategy: 门店展示, forecast: {sales: 30, profit: 3}, actual: {sales: 30, profit: 3.3}}\n"
		"  - {sku: P3, class: profit, strategy: 维持价格, forecast: {sales: 50, profit: 5}, actual: {sales: 40, profit: 5}}\n"
		"  - {sku: K2, class: key, strategy: 集中铺货, forecast: {sales: 80, profit: 4}}\n"
		"---\n", "2026-05-01");
	T_INTEQ(errors, 0);
	T_ASSERT(f != NULL);
	/* K2 has no actual yet: it is left out of both sums */
	T_NEAR(num(f, "sales_rate"), (100.0 + 30 + 40) / (120 + 30 + 50));
	T_NEAR(num(f, "profit_rate"), (7.0 + 3.3 + 5) / (9.6 + 3 + 5));
	T_NEAR(num(f, "classes.star.sales_rate"), 130.0 / 150);
	T_NEAR(num(f, "classes.star.profit_rate"), 10.3 / 12.6);
	T_NEAR(num(f, "classes.profit.sales_rate"), 0.8);
	T_NEAR(num(f, "classes.profit.profit_rate"), 1);
	T_ASSERT(is_null(f, "classes.key.sales_rate"));
	T_ASSERT(is_null(f, "classes.key.profit_rate"));
	T_ASSERT(at(f, "classes.slow") == NULL); /* no slow product in the plan */
}

static void test_product__rates_are_null_before_actuals(void)
{
	const fr_node *f = figures("records/product/2026-04/李娜.md",
		"---\nkind: product-plan\nmonth: 2026-04\nowner: 李娜\nproducts:\n"
		"  - {sku: K7, class: slow, strategy: 打包促销, sell_by: 2026-04-20, forecast: {sales: 20, profit: 0.5}}\n"
		"---\n", "2026-04-01");
	T_INTEQ(errors, 0);
	T_ASSERT(is_null(f, "sales_rate"));
	T_ASSERT(is_null(f, "profit_rate"));
	T_ASSERT(is_null(f, "classes.slow.sales_rate"));
}

static void test_product__profit_rate_is_null_when_no_profit_was_forecast(void)
{
	/* a slow product sold at a loss: the forecast profit sums to 0, no rate can be had */
	const fr_node *f = figures("records/product/2026-04/李娜.md",
		"---\nkind: product-plan\nmonth: 2026-04\nowner: 李娜\nproducts:\n"
		"  - {sku: K7, class: slow, strategy: 打包促销, sell_by: 2026-04-20, forecast: {sales: 20, profit: 0}, actual: {sales: 20, profit: -0.5}}\n"
		"---\n", "2026-05-01");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "sales_rate"), 1);
	T_ASSERT(is_null(f, "profit_rate"));
}

/* ---- partner-scorecard ---- */

static const fr_node *scorecard(const char *factors)
{
	char text[1024];
	snprintf(text, sizeof(text),
		 "---\nkind: partner-scorecard\npartner: 华信科技\nclass: A\nmonth: 2026-03\n"
		 "scorer: 李娜\nfactors:\n%s---\n", factors);
	return figures("records/partners/2026-03/华信科技.md", text, "2026-04-01");
}

static void test_scorecard__score_is_weighted_sum_over_100(void)
{
	const fr_node *f = scorecard("  - {name: 销售增长, weight: 40, score: 85}\n"
				     "  - {name: 回款及时, weight: 30, score: 90}\n"
				     "  - {name: 新品推广, weight: 30, score: 70}\n");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "score"), 82);
	T_STREQ(str(f, "grade"), "good");
}

static void test_scorecard__90_is_excellent(void)
{
	const fr_node *f = scorecard("  - {name: 销售增长, weight: 10, score: 99}\n"
				     "  - {name: 回款及时, weight: 90, score: 89}\n");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "score"), 90);
	T_STREQ(str(f, "grade"), "excellent");
}

static void test_scorecard__90_with_rounding_is_excellent(void)
{
	/* 16.4 and 83.6 are not exact in binary: the score lands a hair under 90 */
	const fr_node *f = scorecard("  - {name: 销售增长, weight: 16.4, score: 90}\n"
				     "  - {name: 回款及时, weight: 83.6, score: 90}\n");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "score"), 90);
	T_STREQ(str(f, "grade"), "excellent");
}

static void test_scorecard__89_99_is_good(void)
{
	const fr_node *f = scorecard("  - {name: 销售增长, weight: 50, score: 89.98}\n"
				     "  - {name: 回款及时, weight: 50, score: 90}\n");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "score"), 89.99);
	T_STREQ(str(f, "grade"), "good");
}

static void test_scorecard__grade_boundaries_75_and_60(void)
{
	const fr_node *f = scorecard("  - {name: 销售增长, weight: 50, score: 75}\n"
				     "  - {name: 回款及时, weight: 50, score: 75}\n");
	T_STREQ(str(f, "grade"), "good");
	f = scorecard("  - {name: 销售增长, weight: 50, score: 74.98}\n"
		      "  - {name: 回款及时, weight: 50, score: 75}\n");
	T_NEAR(num(f, "score"), 74.99);
	T_STREQ(str(f, "grade"), "pass");
	f = scorecard("  - {name: 销售增长, weight: 50, score: 60}\n"
		      "  - {name: 回款及时, weight: 50, score: 60}\n");
	T_STREQ(str(f, "grade"), "pass");
	f = scorecard("  - {name: 销售增长, weight: 50, score: 59.98}\n"
		      "  - {name: 回款及时, weight: 50, score: 60}\n");
	T_NEAR(num(f, "score"), 59.99);
	T_STREQ(str(f, "grade"), "improve");
	f = scorecard("  - {name: 销售增长, weight: 50, score: 0}\n"
		      "  - {name: 回款及时, weight: 50, score: 0}\n");
	T_NEAR(num(f, "score"), 0);
	T_STREQ(str(f, "grade"), "improve");
}

static void test_scorecard__no_factors_is_null(void)
{
	const fr_node *f = figures("records/partners/2026-03/华信科技.md",
		"---\nkind: partner-scorecard\npartner: 华信科技\nclass: A\nmonth: 2026-03\n"
		"scorer: 李娜\nfactors: []\n---\n", "2026-04-01");
	T_ASSERT(errors > 0); /* S-WEIGHTS: fewer than 2 factors */
	T_ASSERT(is_null(f, "score"));
	T_ASSERT(is_null(f, "grade"));
}

/* ---- channel-service ---- */

static void test_channel__counts_services_by_type(void)
{
	const fr_node *f = figures("records/channel/2026-03/赵敏.md",
		"---\nkind: channel-service\nmonth: 2026-03\nspecialist: 赵敏\nservices:\n"
		"  - {type: classified, date: 2026-03-10, customers: [华信科技], effect: 补货12台}\n"
		"  - {type: classified, date: 2026-03-25, customers: [苏州新科], effect: 完成陈列整改}\n"
		"  - {type: classified, date: 2026-03-27, customers: [苏州新科], effect: 完成培训}\n"
		"  - {type: key-customer, date: 2026-03-15, customers: [华信科技], effect: 签订Q2返利}\n"
		"price_survey: {date: 2026-03-20, summary: X1 渠道价 4299-4399}\n"
		"---\n", "2026-04-01");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "classified"), 3);
	T_NEAR(num(f, "key_customer"), 1);
}

static void test_channel__empty_month_counts_zero(void)
{
	const fr_node *f = figures("records/channel/2026-03/赵敏.md",
		"---\nkind: channel-service\nmonth: 2026-03\nspecialist: 赵敏\nservices: []\n---\n",
		"2026-04-01");
	T_NEAR(num(f, "classified"), 0);
	T_NEAR(num(f, "key_customer"), 0);
}

/* ---- onboarding ---- */

static const fr_node *onboarding(const char *steps, const char *today)
{
	char text[1024];
	snprintf(text, sizeof(text),
		 "---\nkind: onboarding\ncustomer: 苏州新科\nowner: 李娜\nfirst_pickup: 2026-03-03\n"
		 "steps:%s---\n", steps);
	return figures("records/onboarding/苏州新科.md", text, today);
}

static void test_onboarding__done_late_and_next(void)
{
	/* informed due 03-02 done 03-03 (late), promo due 03-03 done 03-04 (late) */
	const fr_node *f = onboarding("\n  informed: 2026-03-03\n  training: 2026-03-03\n"
				      "  promo_delivery: 2026-03-04\n", "2026-03-05");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "done"), 3);
	T_NEAR(num(f, "late"), 2);
	T_STREQ(str(f, "next.step"), "channel_review");
	T_STREQ(str(f, "next.due"), "2026-03-08");
}

static void test_onboarding__next_is_the_first_step_not_done(void)
{
	/* the channel review is done, the training is not: next is the training, due on D */
	const fr_node *f = onboarding("\n  informed: 2026-03-02\n  channel_review: 2026-03-06\n",
				      "2026-03-03");
	T_NEAR(num(f, "done"), 2);
	T_NEAR(num(f, "late"), 0);
	T_STREQ(str(f, "next.step"), "training");
	T_STREQ(str(f, "next.due"), "2026-03-03");
}

static void test_onboarding__nothing_done(void)
{
	const fr_node *f = onboarding(" {}\n", "2026-03-01");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "done"), 0);
	T_NEAR(num(f, "late"), 0);
	T_STREQ(str(f, "next.step"), "informed");
	T_STREQ(str(f, "next.due"), "2026-03-02");
}

static void test_onboarding__all_done_next_is_null(void)
{
	const fr_node *f = onboarding("\n  informed: 2026-03-02\n  training: 2026-03-03\n"
				      "  promo_delivery: 2026-03-03\n  channel_review: 2026-03-08\n"
				      "  aftersales_call: 2026-03-23\n  manager_visit: 2026-03-30\n",
				      "2026-04-10");
	T_NEAR(num(f, "done"), 6);
	T_NEAR(num(f, "late"), 1);
	T_ASSERT(is_null(f, "next"));
}

/* ---- meeting ---- */

static const fr_node *meeting(const char *decisions, const char *today)
{
	char text[2048];
	snprintf(text, sizeof(text),
		 "---\nkind: meeting\ntitle: 新品上市准备会\ndate: 2026-03-05\n"
		 "purpose: 确定X1上市的渠道和价格\nhost: 王经理\ninvited: [王经理, 李娜, 赵敏]\n"
		 "agenda: [{topic: 渠道铺货, minutes: 20}]\nminutes: 20\n%sdistributed: 2026-03-05\n---\n",
		 decisions);
	return figures("records/meetings/2026-03-05-新品上市准备会.md", text, today);
}

static void test_meeting__completion_leaves_out_dropped(void)
{
	const fr_node *f = meeting("decisions:\n"
		"  - {decision: 首批铺货50台, owner: 李娜, due: 2026-03-06, status: open}\n"
		"  - {decision: 培训门店店员, owner: 赵敏, due: 2026-03-10, status: open}\n"
		"  - {decision: 确定渠道价, owner: 王经理, due: 2026-03-06, status: done}\n"
		"  - {decision: 印制海报, owner: 赵敏, due: 2026-03-08, status: done}\n"
		"  - {decision: 取消发布会, owner: 王经理, due: 2026-03-08, status: dropped}\n",
		"2026-03-10");
	const fr_node *od = at(f, "overdue");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "action_completion"), 2.0 / 4);
	/* open and due before today; due today is not yet overdue */
	T_ASSERT(od && od->type == FR_SEQ);
	T_INTEQ(od->n, 1);
	T_STREQ(fr_node_str(od->items[0]), "首批铺货50台");
}

static void test_meeting__no_decisions_is_null(void)
{
	const fr_node *f = meeting("", "2026-03-10");
	const fr_node *od = at(f, "overdue");
	T_INTEQ(errors, 0);
	T_ASSERT(is_null(f, "action_completion"));
	T_ASSERT(od && od->type == FR_SEQ);
	T_INTEQ(od->n, 0);
}

static void test_meeting__all_dropped_is_null(void)
{
	const fr_node *f = meeting("decisions:\n"
		"  - {decision: 取消发布会, owner: 王经理, due: 2026-03-08, status: dropped}\n",
		"2026-03-10");
	T_INTEQ(errors, 0);
	T_ASSERT(is_null(f, "action_completion"));
}

/* ---- process ---- */

static const fr_node *process(const char *review)
{
	char text[2048];
	snprintf(text, sizeof(text),
		 "---\nkind: process\nname: 红黄牌产品销售管理流程\ncategory: operations\nowner: 王经理\n"
		 "steps:\n  - {id: s1, activity: 分配红黄牌产品, role: 经理, next: [s2]}\n"
		 "  - {id: s2, activity: 结案, role: 助理}\n%s---\n", review);
	return figures("records/processes/红黄牌产品销售管理流程.md", text, "2026-03-10");
}

static void test_process__review_score_is_true_answers_over_8(void)
{
	const fr_node *f = process("review:\n  goal_impact: true\n  value_adding: true\n"
				   "  info_flow: true\n  min_approvals: true\n  easy_interfaces: false\n"
				   "  min_waiting: true\n  min_people: false\n  full_activities: true\n");
	T_INTEQ(errors, 0);
	T_NEAR(num(f, "review_score"), 0.75);
}

static void test_process__no_review_is_null(void)
{
	const fr_node *f = process("");
	T_ASSERT(errors > 0); /* R-REVIEW */
	T_ASSERT(is_null(f, "review_score"));
}

int main(void)
{
	fr_diags d = FR_DIAGS_INIT;
	if (fr_schemas_load(&schemas, NULL, &d) ||
	    fr_config_load(&cfg, "flowrec.yaml", team, strlen(team), schemas, &d)) {
		printf("not ok - setup: %zu diagnostics, first: %s\n", d.n, d.n ? d.v[0].msg : "");
		return 1;
	}
	fr_diags_free(&d);
	T_RUN(test_product__rates_are_sums_of_actuals_over_forecasts);
	T_RUN(test_product__rates_are_null_before_actuals);
	T_RUN(test_product__profit_rate_is_null_when_no_profit_was_forecast);
	T_RUN(test_scorecard__score_is_weighted_sum_over_100);
	T_RUN(test_scorecard__90_is_excellent);
	T_RUN(test_scorecard__90_with_rounding_is_excellent);
	T_RUN(test_scorecard__89_99_is_good);
	T_RUN(test_scorecard__grade_boundaries_75_and_60);
	T_RUN(test_scorecard__no_factors_is_null);
	T_RUN(test_channel__counts_services_by_type);
	T_RUN(test_channel__empty_month_counts_zero);
	T_RUN(test_onboarding__done_late_and_next);
	T_RUN(test_onboarding__next_is_the_first_step_not_done);
	T_RUN(test_onboarding__nothing_done);
	T_RUN(test_onboarding__all_done_next_is_null);
	T_RUN(test_meeting__completion_leaves_out_dropped);
	T_RUN(test_meeting__no_decisions_is_null);
	T_RUN(test_meeting__all_dropped_is_null);
	T_RUN(test_process__review_score_is_true_answers_over_8);
	T_RUN(test_process__no_review_is_null);
	done();
	fr_config_free(cfg);
	fr_schemas_free(schemas);
	return t_done();
}
