/* process.c - the process kind (流程): its rules in code and its figures
 *
 * The schema owns R-REVIEW. Here R-STEPS, a graph check:
 * - a step id used before is reported at the repeated id; links to it go to the first;
 * - every `next` item, `yes` and `no` that names no step is reported at that name;
 * - every step with a (first-time) id that cannot be reached from the first step along
 *   next/yes/no is reported at its id. Steps without a readable id are the schema's.
 * Figure: review_score = true answers / 8 (null when there is no `review`).
 */
#include "kind.h"
#include "i18n.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char *const key[] = { "name", NULL };
static const char *const people[] = { "owner", NULL };
static const char *const actions[] = { "steps[].activity", NULL };

/* The index of the first step whose id is `id`, or n. */
static size_t step_index(const fr_node *steps, const char *id)
{
	size_t i;
	for (i = 0; id && i < steps->n; i++) {
		const char *s = fr_map_str(steps->items[i], "id");
		if (s && !strcmp(s, id))
			return i;
	}
	return steps->n;
}

/* One link of a step: with seen NULL, report it when it names no step; else push the step it
 * names on todo unless seen. */
static void follow(fr_ctx *c, const fr_record *r, const fr_node *steps, const fr_node *link,
		   char *seen, size_t *todo, size_t *ntodo)
{
	size_t j;
	if (!link || link->type != FR_STRING)
		return;
	j = step_index(steps, link->str);
	if (!seen) {
		if (j == steps->n)
			fr_rule(c, r, link, "R-STEPS", _("no step has the id '%s'"), link->str);
	} else if (j < steps->n && !seen[j]) {
		seen[j] = 1;
		todo[(*ntodo)++] = j;
	}
}

/* Follow every link (next[], yes, no) of step s. */
static void follow_all(fr_ctx *c, const fr_record *r, const fr_node *steps, const fr_node *s,
		       char *seen, size_t *todo, size_t *ntodo)
{
	const fr_node *next = fr_map_get(s, "next");
	size_t k;
	for (k = 0; next && next->type == FR_SEQ && k < next->n; k++)
		follow(c, r, steps, next->items[k], seen, todo, ntodo);
	follow(c, r, steps, fr_map_get(s, "yes"), seen, todo, ntodo);
	follow(c, r, steps, fr_map_get(s, "no"), seen, todo, ntodo);
}

static void process_check(fr_ctx *c, const fr_record *r)
{
	const fr_node *steps = fr_map_get(r->fm, "steps");
	char *seen;
	size_t *todo, ntodo = 0, i;
	if (!steps || steps->type != FR_SEQ || !steps->n)
		return;
	/* unique ids */
	for (i = 0; i < steps->n; i++) {
		const fr_node *id = fr_map_get(steps->items[i], "id");
		if (id && id->type == FR_STRING && step_index(steps, id->str) != i)
			fr_rule(c, r, id, "R-STEPS", _("step id '%s' is used twice: ids are unique"),
				id->str);
	}
	/* links, checked in document order, then reachability from the first step */
	seen = fr_xcalloc(steps->n, 1);
	todo = fr_xcalloc(steps->n, sizeof(*todo));
	for (i = 0; i < steps->n; i++)
		follow_all(c, r, steps, steps->items[i], NULL, NULL, NULL);
	seen[0] = 1;
	todo[ntodo++] = 0;
	while (ntodo)
		follow_all(c, r, steps, steps->items[todo[--ntodo]], seen, todo, &ntodo);
	for (i = 1; i < steps->n; i++) {
		const fr_node *id = fr_map_get(steps->items[i], "id");
		if (seen[i] || !id || id->type != FR_STRING || step_index(steps, id->str) != i)
			continue;
		fr_rule(c, r, id, "R-STEPS",
			_("step '%s' cannot be reached from the first step '%s': link it with next, yes or no"),
			id->str, fr_map_str(steps->items[0], "id") ? fr_map_str(steps->items[0], "id") : "?");
	}
	free(seen);
	free(todo);
}

static fr_node *process_figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	static const char *const principles[] = { "goal_impact", "value_adding", "info_flow",
		"min_approvals", "easy_interfaces", "min_waiting", "min_people", "full_activities" };
	const fr_node *review = fr_map_get(r->fm, "review");
	fr_node *f = fr_node_map(a);
	size_t i, yes = 0;
	if (!review || review->type != FR_MAP) {
		fr_map_set(a, f, "review_score", fr_node_null(a));
		return f;
	}
	for (i = 0; i < FR_ARRAY_LEN(principles); i++) {
		const fr_node *v = fr_map_get(review, principles[i]);
		yes += v && v->type == FR_BOOL && v->boolean;
	}
	fr_map_set(a, f, "review_score", fr_node_number(a, (double)yes / 8));
	return f;
}

const fr_kind fr_kind_process = {
	.name = "process",
	.title = N_("流程"),
	.key = key,
	.people = people,
	.actions = actions,
	.check = process_check,
	.figures = process_figures,
};
