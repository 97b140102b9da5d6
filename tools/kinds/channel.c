/* channel.c - the channel-service kind (渠道分类管理服务): its rules in code and its figures
 *
 * The schema owns H-EFFECT. Here: H-TWICE and H-KEY (counts by service type, reported at
 * `services`), the cross-record H-PRICE and H-SATISFACTION, and the figures.
 * Decisions: the surveys are windows over a specialist's months. A month counts
 * as surveyed when that month's record has the survey; a month with no record has no survey
 * (the survey is written into the month's record). A record of month M breaks
 * - H-PRICE when neither M nor M-1 was surveyed ("每两个月必须有一次"),
 * - H-SATISFACTION when none of M-5 .. M was ("每半年一次"),
 * but only when the specialist's first record is at or before the window's first month: a
 * specialist who started recording four months ago is not yet late for the six-monthly survey.
 * Both are reported at the record's `month`.
 */
#include "kind.h"
#include "index.h"
#include "date.h"
#include "i18n.h"

#include <string.h>

static const char *const key[] = { "month", "specialist", NULL };
/* what check_all reads (fr_kind.facts) */
static const char *const facts[] = { "month", "specialist", "price_survey!", "satisfaction_survey!", NULL };
static const char *const people[] = { "specialist", NULL };
static const char *const actions[] = { NULL };

static size_t count_type(const fr_node *services, const char *type)
{
	size_t i, k = 0;
	if (!services || services->type != FR_SEQ)
		return 0;
	for (i = 0; i < services->n; i++) {
		const char *t = fr_map_str(services->items[i], "type");
		k += t && !strcmp(t, type);
	}
	return k;
}

static void channel_check(fr_ctx *c, const fr_record *r)
{
	const fr_node *services = fr_map_get(r->fm, "services");
	size_t k;
	if (!services || services->type != FR_SEQ)
		return; /* the schema reports it */
	if ((k = count_type(services, "classified")) < 2)
		fr_rule(c, r, services, "H-TWICE",
			_("%zu classified service(s) this month: hold two a month"), k);
	if (!count_type(services, "key-customer"))
		fr_rule(c, r, services, "H-KEY",
			_("no key-customer service this month: hold one a month"));
}

/* ---- cross-record: survey windows per specialist, joined by index ---- */

static int present(const fr_node *fm, const char *k)
{
	const fr_node *v = fr_map_get(fm, k);
	return v && v->type != FR_NULL;
}

/* A channel-service record's key for the index: its specialist and its month's first day. */
static int channel_key(const fr_record *r, const char **who, int *day)
{
	*who = fr_map_str(r->fm, "specialist");
	return *who && !fr_month_parse(fr_map_str(r->fm, "month"), day, NULL) ? 0 : -1;
}

/* Did who survey (price: prices, else satisfaction) in one of the `months` months that end
 * with the month starting on `last`? */
static int surveyed(const fr_index *ix, const char *who, int last, int months, int price)
{
	int k;
	for (k = 0; k < months; k++) {
		const fr_record *r = fr_index_find(ix, who, fr_month_add(last, -k));
		if (r && present(r->fm, price ? "price_survey" : "satisfaction_survey"))
			return 1;
	}
	return 0;
}

static void channel_check_all(fr_ctx *c, const fr_record *const *recs, size_t n)
{
	fr_index ix;
	size_t i;
	char from[8];
	fr_index_build(&ix, recs, n, channel_key);
	for (i = 0; i < n; i++) {
		const char *who;
		int month, first;
		const fr_node *at;
		if (!recs[i]->fm || channel_key(recs[i], &who, &month) ||
		    fr_index_first_day(&ix, who, &first))
			continue;
		at = fr_map_get(recs[i]->fm, "month");
		if (fr_month_add(month, -1) >= first && !surveyed(&ix, who, month, 2, 1)) {
			fr_month_format(fr_month_add(month, -1), from);
			fr_rule(c, recs[i], at, "H-PRICE",
				_("no price survey by '%s' in %s or this month: survey prices at least every two months"),
				who, from);
		}
		if (fr_month_add(month, -5) >= first && !surveyed(&ix, who, month, 6, 0)) {
			fr_month_format(fr_month_add(month, -5), from);
			fr_rule(c, recs[i], at, "H-SATISFACTION",
				_("no satisfaction survey by '%s' in the six months from %s to this month: survey at least every six months"),
				who, from);
		}
	}
	fr_index_free(&ix);
}

/* ---- figures ---- */

static fr_node *channel_figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	const fr_node *services = fr_map_get(r->fm, "services");
	fr_node *f = fr_node_map(a);
	fr_map_set(a, f, "classified", fr_node_number(a, (double)count_type(services, "classified")));
	fr_map_set(a, f, "key_customer",
		   fr_node_number(a, (double)count_type(services, "key-customer")));
	return f;
}

const fr_kind fr_kind_channel = {
	.name = "channel-service",
	.title = N_("渠道分类管理服务"),
	.key = key,
	.facts = facts,
	.people = people,
	.actions = actions,
	.check = channel_check,
	.check_all = channel_check_all,
	.scope = channel_key,
	.reach = FR_REACH_ALL, /* a specialist's first month */
	.figures = channel_figures,
};
