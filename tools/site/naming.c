/* naming.c - the site path of every page: records keep their path, people and processes their name */
#include "site.h"
#include "date.h"
#include "html.h"
#include "sitedir.h"
#include "util.h"

#include <string.h>
#include <stdlib.h>

/* ---- page names ---- */

/* "people/NAME.html": a name made safe for a file, unique among the used ones. */
static const char *unique_path(struct site *c, const char *folder, const char *name,
			       const struct site_named *used, size_t nused)
{
	fr_buf f = FR_BUF_INIT;
	const char *path;
	size_t i;
	int k;
	for (k = 1;; k++) {
		fr_buf_reset(&f);
		fr_buf_addf(&f, "%s/", folder);
		fr_html_file_name(&f, name);
		if (k > 1)
			fr_buf_addf(&f, "~%d", k);
		fr_buf_adds(&f, ".html");
		for (i = 0; i < nused && strcmp(used[i].path, f.ptr); i++)
			;
		if (i == nused)
			break;
	}
	path = fr_strdup(c->a, f.ptr);
	fr_buf_free(&f);
	return path;
}

/* records/weekly/2026-W10.md -> records/weekly/2026-W10.html, each part made safe. */
static const char *record_site_path(struct site *c, const char *path)
{
	fr_buf f = FR_BUF_INIT;
	const char *p = path, *out;
	size_t n = strlen(path);
	if (n > 3 && !strcmp(path + n - 3, ".md"))
		n -= 3;
	while (p < path + n) {
		const char *e = memchr(p, '/', (size_t)(path + n - p));
		size_t len = e ? (size_t)(e - p) : (size_t)(path + n - p);
		char *part = fr_xstrndup(p, len);
		if (len && strcmp(part, ".") && strcmp(part, "..")) {
			if (f.len)
				fr_buf_addc(&f, '/');
			fr_site_path_part(&f, part, len, e != NULL);   /* injective: sitedir.h */
		}
		free(part);
		p += len + 1;
	}
	if (strncmp(f.ptr, "records/", 8)) {
		/* keep every record page under records/ */
		char *t = fr_xstrdup(f.ptr);
		fr_buf_reset(&f);
		fr_buf_addf(&f, "records/%s", t);
		free(t);
	}
	fr_buf_adds(&f, ".html");
	out = fr_strdup(c->a, f.ptr);
	fr_buf_free(&f);
	return out;
}

/* The summary's record entries sorted by path (then by their order), to find each record's
 * in O(log n): the first entry of its path, as a scan would. */
struct by_path {
	const fr_node *e;
	const char *path;          /* "" when it has none (never a record's) */
	size_t i;
};

static int cmp_by_path(const void *x, const void *y)
{
	const struct by_path *a = x, *b = y;
	int k = strcmp(a->path, b->path);
	return k ? k : (a->i > b->i) - (a->i < b->i);
}

static const fr_node *entry_of(const struct by_path *v, size_t n, const char *path)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && *path && !strcmp(v[lo].path, path) ? v[lo].e : NULL;
}

void site_name_pages(struct site *c)
{
	const fr_node *sp = site_sum_get(c, "people"), *recs = site_sum_get(c, "records");
	size_t i, n, nrecs = site_seq_len(recs);
	const fr_record *const *procs;
	struct by_path *sorted = fr_xcalloc(nrecs + 1, sizeof(*sorted));

	for (i = 0; i < nrecs; i++) {
		const char *p = fr_map_str(recs->items[i], "path");
		sorted[i].e = recs->items[i];
		sorted[i].path = p ? p : "";
		sorted[i].i = i;
	}
	qsort(sorted, nrecs, sizeof(*sorted), cmp_by_path);
	c->entry = fr_alloc(c->a, (c->set->n + 1) * sizeof(*c->entry));
	c->page = fr_alloc(c->a, (c->set->n + 1) * sizeof(*c->page));
	for (i = 0; i < c->set->n; i++) {
		const char *path = c->set->recs[i]->path;
		c->entry[i] = entry_of(sorted, nrecs, path);
		c->page[i] = record_site_path(c, path);
	}
	free(sorted);
	/* people: the roster, then names the summary found outside it */
	c->people = fr_alloc(c->a, (c->cfg->npeople + site_seq_len(sp) + 1) * sizeof(*c->people));
	for (i = 0; i < c->cfg->npeople; i++) {
		const char *name = c->cfg->people[i].name;
		if (!name || site_find_named(c->people, c->npeople, name))
			continue;
		c->people[c->npeople].name = name;
		c->people[c->npeople].path = unique_path(c, "people", name, c->people, c->npeople);
		c->npeople++;
	}
	for (i = 0; i < site_seq_len(sp); i++) {
		const char *name = fr_map_str(sp->items[i], "person");
		if (!name || site_find_named(c->people, c->npeople, name))
			continue;
		c->people[c->npeople].name = name;
		c->people[c->npeople].path = unique_path(c, "people", name, c->people, c->npeople);
		c->npeople++;
	}
	procs = fr_set_kind(c->set, "process", &n);
	c->procs = fr_alloc(c->a, (n + 1) * sizeof(*c->procs));
	for (i = 0; i < n; i++) {
		const char *name = fr_map_str(procs[i]->fm, "name");
		if (!name)
			continue;
		c->procs[c->nprocs].name = name;
		c->procs[c->nprocs].path = unique_path(c, "processes", name, c->procs, c->nprocs);
		c->nprocs++;
	}
}
