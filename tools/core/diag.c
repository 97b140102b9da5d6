/* diag.c - the list of diagnostics a run collects */
#include "diag.h"
#include "buf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fr_diags_vadd(fr_diags *d, const char *path, int line, int col, fr_severity sev,
		   const char *rule, const char *fmt, va_list ap)
{
	fr_buf b = FR_BUF_INIT;
	fr_diag *g;

	FR_GROW(d->v, d->cap, d->n + 1);
	g = &d->v[d->n++];
	g->path = fr_xstrdup(path ? path : "");
	g->line = line;
	g->col = col;
	g->sev = sev;
	snprintf(g->rule, sizeof(g->rule), "%s", rule ? rule : "");
	fr_buf_vaddf(&b, fmt, ap);
	g->msg = fr_buf_detach(&b, NULL);
}

void fr_diags_add(fr_diags *d, const char *path, int line, int col, fr_severity sev,
		  const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fr_diags_vadd(d, path, line, col, sev, rule, fmt, ap);
	va_end(ap);
}

void fr_diags_move(fr_diags *dst, fr_diags *src)
{
	if (!src->n) {
		fr_diags_free(src);
		return;
	}
	FR_GROW(dst->v, dst->cap, dst->n + src->n);
	memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

static int cmp_diag(const fr_diag *a, const fr_diag *b)
{
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

static void diag_free1(fr_diag *g)
{
	free(g->path);
	free(g->msg);
}

void fr_diags_finish(fr_diags *d)
{
	size_t i, j, k;

	/* insertion sort by merge: stable, and lists are short */
	for (i = 1; i < d->n; i++) {
		fr_diag t = d->v[i];
		for (j = i; j > 0 && cmp_diag(&d->v[j - 1], &t) > 0; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
	for (i = k = 0; i < d->n; i++) {
		fr_diag *g = &d->v[i];
		int dup = 0;
		if (g->sev == FR_SEV_OFF) {
			diag_free1(g);
			continue;
		}
		for (j = k; j > 0; j--) {
			fr_diag *h = &d->v[j - 1];
			if (cmp_diag(h, g))
				break;
			if (h->sev == g->sev && !strcmp(h->rule, g->rule) && !strcmp(h->msg, g->msg)) {
				dup = 1;
				break;
			}
		}
		if (dup) {
			diag_free1(g);
			continue;
		}
		d->v[k++] = *g;
	}
	d->n = k;
}

size_t fr_diags_count(const fr_diags *d, fr_severity sev)
{
	size_t i, n = 0;
	for (i = 0; i < d->n; i++)
		n += d->v[i].sev == sev;
	return n;
}

void fr_diags_free(fr_diags *d)
{
	size_t i;
	for (i = 0; i < d->n; i++)
		diag_free1(&d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

void fr_error_set(fr_error *e, int line, int col, const char *rule, const char *fmt, ...)
{
	va_list ap;
	e->line = line;
	e->col = col;
	snprintf(e->rule, sizeof(e->rule), "%s", rule ? rule : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}
