/* monthly.c - the monthly-plan kind (月度总结计划): its rules in code and its figures
 *
 * The schema owns M-ONE, M-MEASURE, M-BLANK and the presence part of M-GOLDEN. Here:
 * M-REASON, M-GOLDEN's "due inside `month`", M-MIDONLY on one record; M-CARRY (carry.c) against
 * the same person's record of the month before.
 */
#include "kind.h"
#include "index.h"
#include "carry.h"
#include "date.h"
#include "i18n.h"
#include "rate.h"

#include <math.h>
#include <string.h>

static const char *const key[] = { "month", "person", NULL };
/* what check_all reads (fr_kind.facts) */
static const char *const facts[] = { "month", "person",
	"summary.metrics[].name", "summary.metrics[].target", "summary.metrics[].unit",
	"plan.metrics[].name", "plan.metrics[].target", "plan.metrics[].unit", NULL };
static const char *const people[] = { "person", "plan.golden_page[].owner", "plan.blank_sheet[].person", NULL };
static const char *const actions[] = { "plan.golden_page[].action", "plan.blank_sheet[].action", "plan.metrics[].measures[]", NULL };

/* The first day and length of the record's `month`; -1 when it cannot be read. */
static int month_of(const fr_record *r, int *first, int *ndays)
{
	return fr_month_parse(fr_map_str(r->fm, "month"), first, ndays);
}

/* The metric named name in a list of metrics, or NULL. */
static const fr_node *metric_named(const fr_node *metrics, const char *name)
{
	size_t i;
	for (i = 0; metrics && metrics->type == FR_SEQ && i < metrics->n; i++)
		if (fr_streq(fr_map_str(metrics->items[i], "name"), name))
			return metrics->items[i];
	return NULL;
}

/* ---- M-REASON ---- */

static void check_reason(fr_ctx *c, const fr_record *r)
{
	fr_check_reasons(c, r, fr_map_get(fr_map_get(r->fm, "summary"), "metrics"), "name",
			 "M-REASON");
}

/* ---- M-GOLDEN: each golden-page `due` inside `month` (presence is the schema's) ---- */

static void check_golden_due(fr_ctx *c, const fr_record *r)
{
	const fr_node *plan = fr_map_get(r->fm, "plan");
	size_t i, n = fr_map_len(plan, "golden_page");
	int first, ndays, day;
	if (month_of(r, &first, &ndays))
		return;
	for (i = 0; i < n; i++) {
		const fr_node *due = fr_map_get(fr_map_item(plan, "golden_page", i), "due");
		if (fr_date_parse(fr_node_str(due), &day) || (day >= first && day < first + ndays))
			continue;
		fr_rule(c, r, due, "M-GOLDEN", _("golden page action due '%s' is outside the month '%s'"),
			due->str, fr_map_str(r->fm, "month"));
	}
}

/* ---- M-MIDONLY ----
 * Pro-rated target = target x day of `date` / days in month. A mid_month date outside
 * `month` gives no day to pro-rate by: then nothing is judged. An item for a metric that is
 * not planned has no deviation at all, so it does not belong there either. */

static void check_mid_item(fr_ctx *c, const fr_record *r, const fr_node *item, int day, int ndays)
{
	const char *name = fr_map_str(item, "metric");
	const fr_node *pm = metric_named(fr_map_get(fr_map_get(r->fm, "plan"), "metrics"), name);
	fr_item it;
	double actual, pro, rate;
	if (!name || !fr_map_num(item, "actual_to_date", &actual))
		return;
	if (!pm) {
		fr_rule(c, r, item, "M-MIDONLY",
			_("'%s' is not a metric of 'plan.metrics': the mid-month review only discusses planned metrics off by over %g%%"),
			name, 100 * c->cfg->threshold);
		return;
	}
	fr_item_read(pm, "name", &it);
	if (!it.has_target)
		return;
	pro = it.target * day / ndays;
	rate = fr_rate(actual, pro, it.lower);
	if (fr_flagged(rate, c->cfg->threshold))
		return;
	fr_rule(c, r, item, "M-MIDONLY",
		_("'%s' is on track at mid-month (%.1f%% of the pro-rated target %g x %d/%d = %.4g): the mid-month review only discusses deviations over %g%%"),
		name, 100 * rate, it.target, day, ndays, pro, 100 * c->cfg->threshold);
}

static void check_midonly(fr_ctx *c, const fr_record *r)
{
	const fr_node *mid = fr_map_get(r->fm, "mid_month");
	size_t i, n = fr_map_len(mid, "items");
	int first, ndays, day;
	if (month_of(r, &first, &ndays) || fr_date_parse(fr_map_str(mid, "date"), &day) ||
	    day < first || day >= first + ndays)
		return;
	for (i = 0; i < n; i++)
		check_mid_item(c, r, fr_map_item(mid, "items", i), day - first + 1, ndays);
}

static void check(fr_ctx *c, const fr_record *r)
{
	if (!r->fm || r->fm->type != FR_MAP)
		return;
	check_reason(c, r);
	check_golden_due(c, r);
	check_midonly(c, r);
}

/* ---- M-CARRY: the summary lists exactly what was planned the month before ---- */

/* A monthly plan's key for the index: its person and the first day of its month. */
static int month_key(const fr_record *r, const char **who, int *day)
{
	*who = fr_map_str(r->fm, "person");
	return *who && !month_of(r, day, NULL) ? 0 : -1;
}

/* M-CARRY's words for fr_carry_check: name, when (last month), detail (last month's path). */
static const struct fr_carry_text carry_text = {
	.missing = N_("'%s' was planned for %s but is missing from 'summary.metrics'"),
	.extra = N_("'%s' was not planned for %s (%s)"),
	.changed = N_("the target of '%s' was %g in the plan for %s, now %s: a target cannot be changed after the fact"),
	.lowered = N_("the target of '%s' was %g in the plan for %s, now lowered to %g: a target cannot be lowered after the fact"),
	.unit = N_("the unit of '%s' was '%s' in the plan for %s, now '%s'"),
};

/* A missing metric is reported at summary.metrics, else summary, else the record. */
static void check_carry(fr_ctx *c, const fr_record *r, const fr_record *prev)
{
	const fr_node *summary = fr_map_get(r->fm, "summary");
	const fr_node *metrics = fr_map_get(summary, "metrics");
	const struct fr_carry how = { "M-CARRY", "name",
				      metrics ? metrics : summary ? summary : r->fm,
				      fr_map_str(prev->fm, "month"), prev->path, &carry_text };
	fr_carry_check(c, r, metrics, fr_map_get(fr_map_get(prev->fm, "plan"), "metrics"), &how);
}

/* Each plan against the same person's plan of the month before, found by index. */
static void check_all(fr_ctx *c, const fr_record *const *recs, size_t n)
{
	fr_index ix;
	size_t i;
	fr_index_build(&ix, recs, n, month_key);
	for (i = 0; i < n; i++) {
		const char *person;
		int first;
		const fr_record *prev;
		if (month_key(recs[i], &person, &first))
			continue;
		prev = fr_index_find(&ix, person, fr_month_add(first, -1));
		if (prev)
			check_carry(c, recs[i], prev);
	}
	fr_index_free(&ix);
}

/* ---- figures ---- */

static fr_node *string_or_null(fr_arena *a, const char *s)
{
	return s ? fr_node_string(a, s) : fr_node_null(a);
}

/* {person, month, summarises, rate, flagged: [name], unreported: [name]}: the rate is over the
 * summary's metrics (of the month before `month`), null when none has an actual. */
static fr_node *figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	const fr_node *summary = fr_map_get(r->fm, "summary");
	size_t i, n = fr_map_len(summary, "metrics");
	fr_item *items = fr_alloc(a, (n + 1) * sizeof(*items));
	fr_node *f = fr_node_map(a), *flagged = fr_node_seq(a), *unreported = fr_node_seq(a);
	double rate = 0;
	int first;
	char before[8];
	for (i = 0; i < n; i++) {
		fr_item_read(fr_map_item(summary, "metrics", i), "name", &items[i]);
		if (!items[i].name)
			continue;
		if (fr_item_flagged(&items[i], c->cfg->threshold))
			fr_seq_push(a, flagged, fr_node_string(a, items[i].name));
		if (!items[i].has_actual)
			fr_seq_push(a, unreported, fr_node_string(a, items[i].name));
	}
	fr_map_set(a, f, "person", string_or_null(a, fr_map_str(r->fm, "person")));
	fr_map_set(a, f, "month", string_or_null(a, fr_map_str(r->fm, "month")));
	if (!month_of(r, &first, NULL))
		fr_month_format(fr_month_add(first, -1), before);
	else
		before[0] = '\0';
	fr_map_set(a, f, "summarises", string_or_null(a, before[0] ? before : NULL));
	fr_map_set(a, f, "rate", fr_items_rate(items, n, &rate) == 0 && isfinite(rate)
					 ? fr_node_number(a, rate) : fr_node_null(a));
	fr_map_set(a, f, "flagged", flagged);
	fr_map_set(a, f, "unreported", unreported);
	return f;
}

const fr_kind fr_kind_monthly = {
	.name = "monthly-plan",
	.title = N_("月度总结计划"),
	.key = key,
	.facts = facts,
	.people = people,
	.actions = actions,
	.check = check,
	.check_all = check_all,
	.scope = month_key,
	.reach = 31,         /* the first day of the month before */
	.figures = figures,
};
