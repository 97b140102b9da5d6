/* index.c - records of one kind by (who, day), for the cross-record rules */
#include "index.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int cmp_key(const char *who, int day, const struct fr_index_entry *e)
{
	int c = strcmp(who, e->who);
	if (c)
		return c;
	return (day > e->day) - (day < e->day);
}

static int cmp_entry(const void *x, const void *y)
{
	const struct fr_index_entry *a = x, *b = y;
	int c = cmp_key(a->who, a->day, b);
	return c ? c : (a->order > b->order) - (a->order < b->order);
}

void fr_index_build(fr_index *ix, const fr_record *const *recs, size_t n, fr_index_key_fn key)
{
	size_t i;
	ix->v = fr_xcalloc(n + 1, sizeof(*ix->v));
	ix->n = 0;
	for (i = 0; i < n; i++) {
		struct fr_index_entry *e = &ix->v[ix->n];
		if (!recs[i]->fm || key(recs[i], &e->who, &e->day))
			continue;
		if (!e->who)
			e->who = "";
		e->order = i;
		e->r = recs[i];
		ix->n++;
	}
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp_entry);
}

void fr_index_free(fr_index *ix)
{
	free(ix->v);
	ix->v = NULL;
	ix->n = 0;
}

/* The first entry whose key is not below (who, day). */
static size_t lower_bound(const fr_index *ix, const char *who, int day)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(who, day, &ix->v[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const fr_record *fr_index_find(const fr_index *ix, const char *who, int day)
{
	size_t i = lower_bound(ix, who ? who : "", day);
	if (i < ix->n && !cmp_key(who ? who : "", day, &ix->v[i]))
		return ix->v[i].r;
	return NULL;
}

int fr_index_first_day(const fr_index *ix, const char *who, int *day)
{
	size_t i = lower_bound(ix, who ? who : "", -2147483647 - 1);
	if (i < ix->n && !strcmp(ix->v[i].who, who ? who : "")) {
		*day = ix->v[i].day;
		return 0;
	}
	return -1;
}
