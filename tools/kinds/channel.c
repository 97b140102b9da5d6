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
#include "date.h"
#include "i18n.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char *const key[] = { "month", "specialist", NULL };
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

/* ---- cross-record: survey windows per specialist ---- */

typedef struct month_rec {
	const fr_record *r;
	const char *who;
	int month;      /* months since year 0: year * 12 + month - 1 */
	int price, satisfaction;
} month_rec;

static int month_index(const char *s, int *out)
{
	int first, y, m, d;
	if (fr_month_parse(s, &first, NULL))
		return -1;
	fr_date_ymd(first, &y, &m, &d);
	*out = y * 12 + m - 1;
	return 0;
}

static int present(const fr_node *fm, const char *k)
{
	const fr_node *v = fr_map_get(fm, k);
	return v && v->type != FR_NULL;
}

/* Did `who` survey (price: prices, else satisfaction) in one of the months lo..hi? */
static int surveyed(const month_rec *m, size_t n, const char *who, int lo, int hi, int price)
{
	size_t j;
	for (j = 0; j < n; j++)
		if (!strcmp(m[j].who, who) && m[j].month >= lo && m[j].month <= hi &&
		    (price ? m[j].price : m[j].satisfaction))
			return 1;
	return 0;
}

static int first_month(const month_rec *m, size_t n, const char *who)
{
	size_t j;
	int first = 0x7fffffff;
	for (j = 0; j < n; j++)
		if (!strcmp(m[j].who, who) && m[j].month < first)
			first = m[j].month;
	return first;
}

static void month_text(int idx, char out[8])
{
	out[0] = '\0';
	fr_month_format(fr_date_from_ymd(idx / 12, idx % 12 + 1, 1), out);
}

static void channel_check_all(fr_ctx *c, const fr_record *const *recs, size_t n)
{
	month_rec *m = fr_xcalloc(n + 1, sizeof(*m));
	size_t i, k = 0;
	char from[8];
	for (i = 0; i < n; i++) {
		const fr_node *fm = recs[i]->fm;
		m[k].r = recs[i];
		m[k].who = fr_map_str(fm, "specialist");
		if (!m[k].who || month_index(fr_map_str(fm, "month"), &m[k].month))
			continue;
		m[k].price = present(fm, "price_survey");
		m[k].satisfaction = present(fm, "satisfaction_survey");
		k++;
	}
	for (i = 0; i < k; i++) {
		int first = first_month(m, k, m[i].who);
		const fr_node *at = fr_map_get(m[i].r->fm, "month");
		if (m[i].month - 1 >= first && !surveyed(m, k, m[i].who, m[i].month - 1, m[i].month, 1)) {
			month_text(m[i].month - 1, from);
			fr_rule(c, m[i].r, at, "H-PRICE",
				_("no price survey by '%s' in %s or this month: survey prices at least every two months"),
				m[i].who, from);
		}
		if (m[i].month - 5 >= first &&
		    !surveyed(m, k, m[i].who, m[i].month - 5, m[i].month, 0)) {
			month_text(m[i].month - 5, from);
			fr_rule(c, m[i].r, at, "H-SATISFACTION",
				_("no satisfaction survey by '%s' in the six months from %s to this month: survey at least every six months"),
				m[i].who, from);
		}
	}
	free(m);
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
	.people = people,
	.actions = actions,
	.check = channel_check,
	.check_all = channel_check_all,
	.figures = channel_figures,
};
