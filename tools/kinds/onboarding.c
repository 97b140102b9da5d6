/* onboarding.c - the onboarding kind (新客户快速增长): its rules in code and its figures
 *
 * The six steps after a new customer's first pickup D, each due on a fixed day: informed D-1,
 * training D, promo_delivery D, channel_review D+5, aftersales_call D+20, manager_visit D+26.
 * O-LATE (warning): a step done after its due day, reported at its date. O-OVERDUE (warning):
 * a step not done while today is past its due day (due day itself is still in time), reported
 * at the `steps` key. Steps whose date cannot be read are the schema's to report: skipped.
 * Figures: done (steps with a date), late (done after the due day), next (the first step in
 * the handbook's order not done, with its due day; null when all are done); pending (every step
 * not done) and steps (all six in order: step, offset, due, done: the
 * date or null, state: done | late (done after the due day) | overdue (not done, past it) | open).
 */
#include "kind.h"
#include "date.h"
#include "i18n.h"
#include "util.h"

static const char *const key[] = { "customer", NULL };
static const char *const people[] = { "owner", NULL };
static const char *const actions[] = { NULL };

static const struct step {
	const char *name;
	int offset;          /* due day relative to the first pickup */
} steps[] = {
	{ "informed", -1 },
	{ "training", 0 },
	{ "promo_delivery", 0 },
	{ "channel_review", 5 },
	{ "aftersales_call", 20 },
	{ "manager_visit", 26 },
};

/* The first pickup day D; -1 when it cannot be read. */
static int pickup(const fr_record *r, int *d)
{
	return fr_date_parse(fr_map_str(r->fm, "first_pickup"), d);
}

static void onboarding_check(fr_ctx *c, const fr_record *r)
{
	const fr_pair *sp = fr_map_pair(r->fm, "steps");
	const fr_node *done = sp ? sp->val : NULL;
	char dues[11];
	size_t i;
	int d0, d;
	if (pickup(r, &d0) || !done || done->type != FR_MAP)
		return;
	for (i = 0; i < FR_ARRAY_LEN(steps); i++) {
		const fr_node *v = fr_map_get(done, steps[i].name);
		int due = d0 + steps[i].offset;
		fr_date_format(due, dues);
		if (!v) {
			if (fr_today(c) > due)
				fr_rule(c, r, sp->key, "O-OVERDUE",
					_("step '%s' was due on %s and is not done"), steps[i].name,
					dues);
			continue;
		}
		if (!fr_date_parse(fr_node_str(v), &d) && d > due)
			fr_rule(c, r, v, "O-LATE",
				_("step '%s' was done on '%s', %d day(s) after its due day %s"),
				steps[i].name, v->str, d - due, dues);
	}
}

/* Figures: done, late, next {step, due} (DOMAIN.md section 5), and pending: every step not done
 * with its due day, in handbook order (what `due` lists). */
static fr_node *onboarding_figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	const fr_node *done = fr_map_get(r->fm, "steps");
	fr_node *f = fr_node_map(a), *pending = fr_node_seq(a), *all = fr_node_seq(a);
	int d0, d, ndone = 0, late = 0, known = !pickup(r, &d0);
	char dues[11];
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(steps); i++) {
		const fr_node *v = fr_map_get(done, steps[i].name);
		int is_done = v && !fr_date_parse(fr_node_str(v), &d);
		fr_node *p, *s = fr_node_map(a);
		/* the timeline: every step with its offset from D, due day, date done and lateness */
		fr_map_set(a, s, "step", fr_node_string(a, steps[i].name));
		fr_map_set(a, s, "offset", fr_node_number(a, steps[i].offset));
		if (known)
			fr_date_format(d0 + steps[i].offset, dues);
		fr_map_set(a, s, "due", known ? fr_node_string(a, dues) : fr_node_null(a));
		fr_map_set(a, s, "done", is_done ? fr_node_string(a, v->str) : fr_node_null(a));
		fr_map_set(a, s, "state",
			   fr_node_string(a, is_done ? (known && d > d0 + steps[i].offset ? "late" : "done")
					     : (known && c->today > d0 + steps[i].offset ? "overdue" : "open")));
		fr_seq_push(a, all, s);
		if (is_done) {
			ndone++;
			late += known && d > d0 + steps[i].offset;
			continue;
		}
		p = fr_node_map(a);
		fr_map_set(a, p, "step", fr_node_string(a, steps[i].name));
		if (known) {
			fr_date_format(d0 + steps[i].offset, dues);
			fr_map_set(a, p, "due", fr_node_string(a, dues));
		} else {
			fr_map_set(a, p, "due", fr_node_null(a));
		}
		fr_seq_push(a, pending, p);
	}
	fr_map_set(a, f, "done", fr_node_number(a, ndone));
	fr_map_set(a, f, "late", fr_node_number(a, late));
	fr_map_set(a, f, "next", pending->n ? pending->items[0] : fr_node_null(a));
	fr_map_set(a, f, "pending", pending);
	fr_map_set(a, f, "steps", all);
	return f;
}

const fr_kind fr_kind_onboarding = {
	.name = "onboarding",
	.title = N_("新客户快速增长"),
	.key = key,
	.people = people,
	.actions = actions,
	.check = onboarding_check,
	.figures = onboarding_figures,
};
