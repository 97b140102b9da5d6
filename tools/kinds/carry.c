/* carry.c - a commitment carried into the next record unchanged: W-CARRY and M-CARRY's check */
#include "carry.h"

#include "i18n.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A value for a message: a number or string as written, else "none". */
static const char *shown(const fr_node *n, char *buf, size_t size)
{
	if (n && n->type == FR_NUMBER)
		snprintf(buf, size, "%g", n->num);
	else if (n && n->type == FR_STRING)
		snprintf(buf, size, "%s", n->str);
	else
		snprintf(buf, size, "%s", _("none"));
	return buf;
}

static size_t seq_len(const fr_node *seq)
{
	return seq && seq->type == FR_SEQ ? seq->n : 0;
}

/* The carried item `now` against the committed one `was`: target, then unit. */
static void compare_item(fr_ctx *c, const fr_record *r, const fr_node *now, const fr_node *was,
			 const struct fr_carry *how)
{
	const char *name = fr_map_str(now, how->key);
	const fr_node *t = fr_map_get(now, "target"), *wt = fr_map_get(was, "target");
	const fr_node *u = fr_map_get(now, "unit"), *wu = fr_map_get(was, "unit");
	int number = t && t->type == FR_NUMBER;
	char a[64], b[64];
	if (wt && wt->type == FR_NUMBER && !(number && fabs(t->num - wt->num) < 1e-9)) {
		if (how->text->lowered && number && t->num < wt->num)
			fr_rule(c, r, t, how->rule, _(how->text->lowered), name, wt->num, how->when,
				t->num);
		else
			fr_rule(c, r, t ? t : now, how->rule, _(how->text->changed), name, wt->num,
				how->when, shown(t, b, sizeof(b)));
	}
	if ((!wu || wu->type == FR_STRING) && !fr_node_equal(u, wu))
		fr_rule(c, r, u ? u : now, how->rule, _(how->text->unit), name,
			shown(wu, a, sizeof(a)), how->when, shown(u, b, sizeof(b)));
}

/* Index of the first item of now named name that is not taken yet, or m when there is none. */
static size_t find_item(const fr_node *now, size_t m, const char *key, const char *name,
			const char *taken)
{
	size_t j;
	for (j = 0; j < m; j++)
		if (!taken[j] && fr_streq(fr_map_str(now->items[j], key), name))
			return j;
	return m;
}

void fr_carry_check(fr_ctx *c, const fr_record *r, const fr_node *now, const fr_node *was,
		    const struct fr_carry *how)
{
	size_t i, j, n = seq_len(was), m = seq_len(now);
	char *taken = fr_xcalloc(m + 1, 1);
	for (i = 0; i < n; i++) {
		const char *name = fr_map_str(was->items[i], how->key);
		if (!name)
			continue;
		if ((j = find_item(now, m, how->key, name, taken)) == m) {
			fr_rule(c, r, how->missing_at, how->rule, _(how->text->missing), name,
				how->when, how->detail);
			continue;
		}
		taken[j] = 1;
		compare_item(c, r, now->items[j], was->items[i], how);
	}
	for (j = 0; j < m; j++) {
		const char *name = fr_map_str(now->items[j], how->key);
		if (!taken[j] && name)
			fr_rule(c, r, now->items[j], how->rule, _(how->text->extra), name, how->when,
				how->detail);
	}
	free(taken);
}
