/* product.c - the product-plan kind (产品运营计划): its rules in code and its figures
 *
 * The schema owns P-CLASS and P-CARDS. Here: P-SLOW (a slow product's sell_by date is inside
 * `month`), P-REASON (an actual off the forecast by more than the threshold has a reason),
 * P-APPROVER (the manager confirms, then the director reviews), and the figures.
 * Decisions:
 * - P-SLOW: a slow product without `sell_by` breaks P-SLOW as well ("滞销产品销售时间").
 * - P-REASON: deviation = actual / forecast - 1, for sales and for profit, flagged as in
 *   rate.h (exactly the threshold is fine). A forecast <= 0 has no meaningful rate and is
 *   skipped. One diagnostic per product, at the first flagged actual (sales before profit).
 * - P-APPROVER: each step at most once; confirm by a person whose role is manager, review by
 *   a director; a review without a confirm, or dated before it, is out of order. A confirm
 *   without a review yet is fine (the review is still to come); so is no approval at all
 *   (P-ONTIME and `due` say when that is late).
 * Figures: sales_rate and profit_rate = sum of actuals / sum of forecasts over the products
 * that have both (null when none has, or the forecasts sum to <= 0), and the same per class
 * present in the plan: classes: {star: {sales_rate, profit_rate}, ...}.
 */
#include "kind.h"
#include "date.h"
#include "i18n.h"
#include "rate.h"
#include "util.h"

#include <string.h>

static const char *const key[] = { "month", "owner", NULL };
static const char *const people[] = { "owner", "approvals[].by", NULL };
static const char *const actions[] = { "products[].strategy", NULL };

static const char *sku_of(const fr_node *p)
{
	const char *s = fr_map_str(p, "sku");
	return s ? s : "?";
}

static void check_slow(fr_ctx *c, const fr_record *r, const fr_node *p, int first, int ndays)
{
	const fr_node *sb = fr_map_get(p, "sell_by");
	int d;
	if (!sb) {
		fr_rule(c, r, p, "P-SLOW",
			_("slow product '%s' has no 'sell_by': give the date it is to be sold by"),
			sku_of(p));
		return;
	}
	if (first == FR_NO_DATE || fr_date_parse(fr_node_str(sb), &d))
		return; /* the schema reports a bad date; a bad month leaves nothing to compare */
	if (d < first || d >= first + ndays)
		fr_rule(c, r, sb, "P-SLOW",
			_("sell_by '%s' of slow product '%s' is outside the plan's month '%s'"),
			sb->str, sku_of(p), fr_map_str(r->fm, "month"));
}

/* The deviation of actual[field] against forecast[field]; 1 when it is flagged, with the
 * actual's node in *at and the numbers in *act and *fc. */
static int off_forecast(const fr_ctx *c, const fr_node *p, const char *field, const fr_node **at,
			double *act, double *fc)
{
	const fr_node *a = fr_map_get(p, "actual");
	if (!fr_map_num(fr_map_get(p, "forecast"), field, fc) || !fr_map_num(a, field, act) ||
	    !(*fc > 0))
		return 0;
	*at = fr_map_get(a, field);
	return fr_flagged(fr_rate(*act, *fc, 0), c->cfg->threshold);
}

static void check_reason(fr_ctx *c, const fr_record *r, const fr_node *p)
{
	static const char *const fields[] = { "sales", "profit" };
	const fr_node *reason = fr_map_get(p, "reason");
	size_t i;
	if (reason && (reason->type != FR_STRING || fr_str_nonblank(reason->str)))
		return; /* given (a wrong type is the schema's to report) */
	for (i = 0; i < FR_ARRAY_LEN(fields); i++) {
		const fr_node *at = NULL;
		double act, fc;
		if (!off_forecast(c, p, fields[i], &at, &act, &fc))
			continue;
		fr_rule(c, r, at, "P-REASON",
			_("'%s' %s: actual %g against a forecast of %g (%+.1f%%), more than %g%% off: give a 'reason'"),
			sku_of(p), fields[i], act, fc, (act / fc - 1) * 100, c->cfg->threshold * 100);
		return;
	}
}

static void check_approvals(fr_ctx *c, const fr_record *r, const fr_node *approvals)
{
	const fr_node *confirm = NULL, *review = NULL;
	int cdate, rdate;
	size_t i;
	if (!approvals || approvals->type != FR_SEQ)
		return;
	for (i = 0; i < approvals->n; i++) {
		const fr_node *ap = approvals->items[i];
		const char *step = fr_map_str(ap, "step");
		const fr_node *by = fr_map_get(ap, "by");
		const fr_person *who = fr_config_person(c->cfg, fr_node_str(by));
		const char *want;
		const fr_node **seen;
		if (!step)
			continue;
		if (!strcmp(step, "confirm")) {
			want = "manager";
			seen = &confirm;
		} else if (!strcmp(step, "review")) {
			want = "director";
			seen = &review;
		} else {
			continue; /* the schema's enum */
		}
		if (*seen) {
			fr_rule(c, r, fr_map_get(ap, "step"), "P-APPROVER",
				_("the plan has a second '%s' line (first on line %d): each step is done once"),
				step, (*seen)->line);
			continue;
		}
		*seen = ap;
		/* someone not in the roster is X-PERSON's to report */
		if (who && (!who->role || strcmp(who->role, want)))
			fr_rule(c, r, by, "P-APPROVER",
				_("'%s' (role '%s') cannot %s the plan: the %s does"), who->name,
				who->role ? who->role : "", step, want);
	}
	if (review && !confirm) {
		fr_rule(c, r, fr_map_get(review, "step"), "P-APPROVER",
			_("the plan is reviewed but not confirmed: the manager confirms it first"));
		return;
	}
	if (review && confirm && !fr_date_parse(fr_map_str(confirm, "date"), &cdate) &&
	    !fr_date_parse(fr_map_str(review, "date"), &rdate) && rdate < cdate)
		fr_rule(c, r, fr_map_get(review, "date"), "P-APPROVER",
			_("the review on '%s' comes before the manager's confirmation on '%s': confirm first, then review"),
			fr_map_str(review, "date"), fr_map_str(confirm, "date"));
}

static void product_check(fr_ctx *c, const fr_record *r)
{
	const fr_node *products = fr_map_get(r->fm, "products");
	int first = FR_NO_DATE, ndays = 0;
	size_t i;
	if (fr_month_parse(fr_map_str(r->fm, "month"), &first, &ndays))
		first = FR_NO_DATE;
	if (products && products->type == FR_SEQ) {
		for (i = 0; i < products->n; i++) {
			const fr_node *p = products->items[i];
			const char *cls = fr_map_str(p, "class");
			if (p->type != FR_MAP)
				continue;
			if (cls && !strcmp(cls, "slow"))
				check_slow(c, r, p, first, ndays);
			check_reason(c, r, p);
		}
	}
	check_approvals(c, r, fr_map_get(r->fm, "approvals"));
}

/* ---- figures ---- */

typedef struct sums {
	double sales_act, sales_fc, profit_act, profit_fc;
	int sales_n, profit_n;
} sums;

static void sums_add(sums *s, const fr_node *p)
{
	const fr_node *a = fr_map_get(p, "actual"), *f = fr_map_get(p, "forecast");
	double act, fc;
	if (fr_map_num(a, "sales", &act) && fr_map_num(f, "sales", &fc)) {
		s->sales_act += act;
		s->sales_fc += fc;
		s->sales_n++;
	}
	if (fr_map_num(a, "profit", &act) && fr_map_num(f, "profit", &fc)) {
		s->profit_act += act;
		s->profit_fc += fc;
		s->profit_n++;
	}
}

/* sum of actuals / sum of forecasts; null when nothing is reported or nothing was forecast */
static fr_node *ratio(fr_arena *a, int n, double act, double fc)
{
	return n && fc > 0 ? fr_node_number(a, act / fc) : fr_node_null(a);
}

static void sums_put(fr_arena *a, fr_node *m, const sums *s)
{
	fr_map_set(a, m, "sales_rate", ratio(a, s->sales_n, s->sales_act, s->sales_fc));
	fr_map_set(a, m, "profit_rate", ratio(a, s->profit_n, s->profit_act, s->profit_fc));
}

static fr_node *product_figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	static const char *const classes[] = { "profit", "key", "slow", "star" };
	const fr_node *products = fr_map_get(r->fm, "products");
	fr_node *f = fr_node_map(a), *byclass = fr_node_map(a);
	sums all = { 0 };
	size_t i, k;
	for (i = 0; i < fr_node_count(products) && products->type == FR_SEQ; i++)
		sums_add(&all, products->items[i]);
	sums_put(a, f, &all);
	/* per class, in the handbook's order, for the classes the plan has */
	for (k = 0; k < FR_ARRAY_LEN(classes); k++) {
		sums s = { 0 };
		int seen = 0;
		for (i = 0; i < fr_node_count(products) && products->type == FR_SEQ; i++) {
			const char *cls = fr_map_str(products->items[i], "class");
			if (!cls || strcmp(cls, classes[k]))
				continue;
			seen = 1;
			sums_add(&s, products->items[i]);
		}
		if (seen) {
			fr_node *m = fr_node_map(a);
			sums_put(a, m, &s);
			fr_map_set(a, byclass, classes[k], m);
		}
	}
	fr_map_set(a, f, "classes", byclass);
	return f;
}

const fr_kind fr_kind_product = {
	.name = "product-plan",
	.title = N_("产品运营计划"),
	.key = key,
	.people = people,
	.actions = actions,
	.approvals = "approvals",
	.check = product_check,
	.figures = product_figures,
};
