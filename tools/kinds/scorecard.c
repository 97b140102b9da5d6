/* scorecard.c - the partner-scorecard kind (合作伙伴绩效): its rules in code and its figures
 *
 * The schema owns S-WEIGHTS' "at least 2 factors, each weight > 0" and S-RANGE. Here: the
 * weights' sum (S-WEIGHTS), S-REVIEW, S-NOTIFY, the cross-record S-QUARTER and S-ROTATE, and
 * the figures. Decisions:
 * - S-WEIGHTS sum: checked when there are at least 2 factors and every weight is a number
 *   (otherwise the schema has already said what is wrong); reported at `factors`.
 * - S-NOTIFY: the deadline is the 3rd of the month after `month`. A notice that is not both
 *   written and verbal, or dated after the 3rd, is an error. No `notified` at all is not a
 *   defect of the record but something due: `flowrec due` lists it as overdue after the 3rd
 *   (a record must not turn red by the calendar alone; see docs/DECISIONS.md).
 * - S-QUARTER: scorecards are grouped by class and calendar quarter of `month`; the first of a
 *   group (by month, then path) sets the factor names, compared as a set (order and repeats
 *   do not count); every other scorecard of the group that differs is reported at its
 *   `factors`.
 * - S-ROTATE (warning): a scorecard whose factor-name set equals the one the same class used in
 *   the previous quarter (that quarter's first scorecard) is reported at its `factors`; a
 *   class with no scorecards in the previous quarter is not compared.
 */
#include "kind.h"
#include "date.h"
#include "i18n.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

static const char *const key[] = { "month", "partner", NULL };
/* what check_all reads (fr_kind.facts) */
static const char *const facts[] = { "month", "partner", "class", "factors[].name", NULL };
static const char *const people[] = { "scorer", "reviewed.by", NULL };
static const char *const actions[] = { NULL };

static void check_weights(fr_ctx *c, const fr_record *r)
{
	const fr_node *factors = fr_map_get(r->fm, "factors");
	double sum = 0, w;
	size_t i;
	if (!factors || factors->type != FR_SEQ || factors->n < 2)
		return;
	for (i = 0; i < factors->n; i++) {
		if (!fr_map_num(factors->items[i], "weight", &w))
			return;
		sum += w;
	}
	if (sum < 100 - EPS || sum > 100 + EPS)
		fr_rule(c, r, factors, "S-WEIGHTS",
			_("the factors' weights add up to %g, not 100"), sum);
}

static void check_review(fr_ctx *c, const fr_record *r)
{
	const fr_node *by = fr_map_get(fr_map_get(r->fm, "reviewed"), "by");
	const fr_person *who = fr_config_person(c->cfg, fr_node_str(by));
	if (who && (!who->role || strcmp(who->role, "manager")))
		fr_rule(c, r, by, "S-REVIEW",
			_("'%s' (role '%s') cannot review the scorecard: the manager does"), who->name,
			who->role ? who->role : "");
}

/* The notice deadline of a scorecard: the 3rd of the month after `month`. */
static int notify_due(const fr_record *r, int *due)
{
	int first;
	if (fr_month_parse(fr_map_str(r->fm, "month"), &first, NULL))
		return -1;
	*due = fr_month_add(first, 1) + 2;
	return 0;
}

static void check_notify(fr_ctx *c, const fr_record *r)
{
	const fr_node *n = fr_map_get(r->fm, "notified"), *v;
	char dues[11];
	int due, d;
	if (notify_due(r, &due))
		return;
	fr_date_format(due, dues);
	if (!n || n->type != FR_MAP)
		return;
	if ((v = fr_map_get(n, "written")) && v->type == FR_BOOL && !v->boolean)
		fr_rule(c, r, v, "S-NOTIFY", _("no written notice: the partner is told in writing"));
	if ((v = fr_map_get(n, "verbal")) && v->type == FR_BOOL && !v->boolean)
		fr_rule(c, r, v, "S-NOTIFY",
			_("no verbal notice: the results are also explained to the partner in person or by phone"));
	v = fr_map_get(n, "date");
	if (!fr_date_parse(fr_node_str(v), &d) && d > due)
		fr_rule(c, r, v, "S-NOTIFY", _("notified on '%s', after the deadline %s"), v->str,
			dues);
}

static void scorecard_check(fr_ctx *c, const fr_record *r)
{
	check_weights(c, r);
	check_review(c, r);
	check_notify(c, r);
}

/* ---- cross-record: factor names per class and quarter ---- */

typedef struct card {
	const fr_record *r;
	size_t order;         /* path order */
	const char *cls;
	int month;            /* first day of the month */
	int quarter;          /* year * 4 + quarter index */
	const char **names;   /* sorted, unique */
	size_t nnames;
} card;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_card(const void *a, const void *b)
{
	const card *x = a, *y = b;
	int k = strcmp(x->cls, y->cls);
	if (k)
		return k;
	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* 0 and *out filled when the record has a class, a month and readable factor names. */
static int card_read(const fr_record *r, size_t order, card *out)
{
	const fr_node *factors = fr_map_get(r->fm, "factors");
	int y, m, d;
	size_t i, j;
	memset(out, 0, sizeof(*out));
	out->r = r;
	out->order = order;
	out->cls = fr_map_str(r->fm, "class");
	if (!out->cls || fr_month_parse(fr_map_str(r->fm, "month"), &out->month, NULL) ||
	    !factors || factors->type != FR_SEQ || !factors->n)
		return -1;
	fr_date_ymd(out->month, &y, &m, &d);
	out->quarter = y * 4 + (m - 1) / 3;
	out->names = fr_xcalloc(factors->n, sizeof(*out->names));
	for (i = 0; i < factors->n; i++) {
		const char *name = fr_map_str(factors->items[i], "name");
		if (!name) {
			free(out->names);
			out->names = NULL;
			return -1; /* a factor without a name: the schema reports it */
		}
		out->names[i] = name;
	}
	qsort(out->names, factors->n, sizeof(*out->names), cmp_str);
	for (i = j = 0; i < factors->n; i++)
		if (!j || strcmp(out->names[j - 1], out->names[i]))
			out->names[j++] = out->names[i];
	out->nnames = j;
	return 0;
}

static int same_names(const card *a, const card *b)
{
	size_t i;
	if (a->nnames != b->nnames)
		return 0;
	for (i = 0; i < a->nnames; i++)
		if (strcmp(a->names[i], b->names[i]))
			return 0;
	return 1;
}

static void quarter_name(int q, char out[16])
{
	snprintf(out, 16, "%d-Q%d", q / 4, q % 4 + 1);
}

/* A scorecard's scope: its class and its quarter (a card check_all reads has both). */
static int scorecard_scope(const fr_record *r, const char **cls, int *quarter)
{
	int month, y, m, d;
	*cls = fr_map_str(r->fm, "class");
	if (!*cls || fr_month_parse(fr_map_str(r->fm, "month"), &month, NULL))
		return -1;
	fr_date_ymd(month, &y, &m, &d);
	*quarter = y * 4 + (m - 1) / 3;
	return 0;
}

static void scorecard_check_all(fr_ctx *c, const fr_record *const *recs, size_t n)
{
	card *cards = fr_xcalloc(n + 1, sizeof(*cards));
	size_t i, m = 0, g, prev = (size_t)-1;
	char qs[16];
	for (i = 0; i < n; i++)
		if (recs[i]->fm && !card_read(recs[i], i, &cards[m]))
			m++;
	qsort(cards, m, sizeof(*cards), cmp_card);
	/* groups of one class and quarter are runs of the sorted array; g is a group's first */
	for (g = 0; g < m; g = i) {
		for (i = g + 1; i < m && !strcmp(cards[i].cls, cards[g].cls) &&
				cards[i].quarter == cards[g].quarter;
		     i++) {
			if (same_names(&cards[i], &cards[g]))
				continue;
			quarter_name(cards[g].quarter, qs);
			fr_rule(c, cards[i].r, fr_map_get(cards[i].r->fm, "factors"), "S-QUARTER",
				_("class '%s' is scored on other factors in %s (%s): one class uses the same factors for the whole quarter"),
				cards[i].cls, qs, cards[g].r->path);
		}
		/* prev: the first of the previous group, when it is the same class */
		if (prev != (size_t)-1 && !strcmp(cards[prev].cls, cards[g].cls) &&
		    cards[prev].quarter == cards[g].quarter - 1) {
			size_t k;
			quarter_name(cards[prev].quarter, qs);
			for (k = g; k < i; k++)
				if (same_names(&cards[k], &cards[prev]))
					fr_rule(c, cards[k].r, fr_map_get(cards[k].r->fm, "factors"),
						"S-ROTATE",
						_("class '%s' is scored on the same factors as in %s (%s): change the factors every quarter"),
						cards[k].cls, qs, cards[prev].r->path);
		}
		prev = g;
	}
	for (i = 0; i < m; i++)
		free(cards[i].names);
	free(cards);
}

/* ---- figures ---- */

static const char *grade_of(double score)
{
	if (score >= 90 - EPS)
		return "excellent";
	if (score >= 75 - EPS)
		return "good";
	if (score >= 60 - EPS)
		return "pass";
	return "improve";
}

static fr_node *scorecard_figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	const fr_node *factors = fr_map_get(r->fm, "factors");
	fr_node *f = fr_node_map(a);
	double sum = 0, w, s;
	size_t i, used = 0;
	for (i = 0; i < fr_node_count(factors) && factors->type == FR_SEQ; i++) {
		if (!fr_map_num(factors->items[i], "weight", &w) ||
		    !fr_map_num(factors->items[i], "score", &s))
			continue;
		sum += w * s;
		used++;
	}
	if (!used) {
		fr_map_set(a, f, "score", fr_node_null(a));
		fr_map_set(a, f, "grade", fr_node_null(a));
		return f;
	}
	fr_map_set(a, f, "score", fr_node_number(a, sum / 100));
	fr_map_set(a, f, "grade", fr_node_string(a, grade_of(sum / 100)));
	return f;
}

const fr_kind fr_kind_scorecard = {
	.name = "partner-scorecard",
	.title = N_("合作伙伴绩效"),
	.key = key,
	.facts = facts,
	.people = people,
	.actions = actions,
	.approvals = "reviewed",
	.check = scorecard_check,
	.check_all = scorecard_check_all,
	.scope = scorecard_scope,
	.reach = 1,          /* the quarter before */
	.figures = scorecard_figures,
};
