/* frame.c - the site's page frame, files and the small pieces every page is made of */
#include "site.h"
#include "cache.h"
#include "date.h"
#include "html.h"
#include "i18n.h"
#include "sitedir.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- reading trees ---- */

size_t site_seq_len(const fr_node *n)
{
	return n && n->type == FR_SEQ ? n->n : 0;
}

const fr_node *site_sum_get(const struct site *c, const char *key)
{
	return fr_map_get(c->sum, key);
}

int site_str_eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* The Monday of a "2026-W10" or first day of a "2026-03"; FR_NO_DATE when neither. */
int site_period_start(const char *s)
{
	int d;
	if (s && !fr_week_parse(s, &d))
		return d;
	if (s && !fr_month_parse(s, &d, NULL))
		return d;
	return FR_NO_DATE;
}

const struct site_named *site_find_named(const struct site_named *v, size_t n, const char *name)
{
	size_t i;
	for (i = 0; name && i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

const char *site_page_of_path(const struct site *c, const char *path)
{
	size_t i, lo = 0, hi = c->set->n;
	/* the records are in path order (engine.h): a binary search; a scan only on a miss */
	while (path && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k = strcmp(c->set->recs[mid]->path, path);
		if (!k)
			return c->page[mid];
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = 0; path && i < c->set->n; i++)
		if (!strcmp(c->set->recs[i]->path, path))
			return c->page[i];
	return NULL;
}

/* ---- writing files ---- */

/* Keep the first failure's message: "cannot write 'PATH': REASON" (errno), PATH under
 * c->dir when it is relative. */
void site_fail(struct site *c, const char *what, const char *path)
{
	const char *why = strerror(errno);
	if (c->err)
		return;
	c->err = fr_xmalloc(strlen(what) + strlen(c->dir) + strlen(path) + strlen(why) + 9);
	if (path[0] == '/' || path == c->dir)
		sprintf(c->err, "%s '%s': %s", what, path, why);
	else
		sprintf(c->err, "%s '%s/%s': %s", what, c->dir, path, why);
}

/* Link c->dir's rel to the old site's file o, which was hashed to the bytes wanted: 1 when the
 * link is there and is still that file (the same inode, size and mtime as when it was hashed:
 * an old page edited or replaced since is never trusted), else 0 and nothing left at rel. */
static int link_old(struct site *c, const fr_site_file *o, const char *rel, size_t len)
{
	struct stat st;
	if (c->old_dirfd < 0 || linkat(c->old_dirfd, o->path, c->dirfd, rel, 0))
		return 0;
	if (!fstatat(c->dirfd, rel, &st, AT_SYMLINK_NOFOLLOW) && S_ISREG(st.st_mode) && st.st_dev == o->dev &&
	    st.st_ino == o->ino && st.st_size == o->size && (size_t)st.st_size == len &&
	    st.st_mtim.tv_sec == o->mtime.tv_sec && st.st_mtim.tv_nsec == o->mtime.tv_nsec)
		return 1;
	unlinkat(c->dirfd, rel, 0);
	return 0;
}

int site_make_folders(struct site *c, const char *rel)
{
	char *path = fr_xstrdup(rel), *p, *q, *slash = strrchr(path, '/');
	int rc = 0;
	if (!slash) {
		free(path);
		return 0;
	}
	*slash = '\0';
	/* the folder of the last file is there already, and its parents: each is made once */
	if (c->made && !strcmp(c->made, path)) {
		free(path);
		return 0;
	}
	for (p = path;; p = q + 1) {
		size_t at;
		q = strchr(p, '/');
		at = q ? (size_t)(q - path) : strlen(path);
		if (!(c->made && !strncmp(c->made, path, at) && (c->made[at] == '/' || !c->made[at]))) {
			if (q)
				*q = '\0';
			if (mkdirat(c->dirfd, path, 0777) && errno != EEXIST) {
				site_fail(c, _("cannot create"), path);
				rc = -1;
				break;
			}
			if (q)
				*q = '/';
		}
		if (!q)
			break;
	}
	if (!rc) {
		free(c->made);
		c->made = path;
	} else {
		free(path);
	}
	return rc;
}

int site_write_file(struct site *c, const char *rel, const fr_buf *b)
{
	char id[41];
	const fr_site_file *o;
	size_t off = 0;
	int fd, marker = !strcmp(rel, SITE_MARKER);

	fr_blob_oid(b->ptr, b->len, id);
	if (!c->folders_made && site_make_folders(c, rel))
		return -1;
	if (!marker && c->old && c->old_dir && (o = fr_site_files_find(c->old, rel)) && !strcmp(o->id, id) &&
	    link_old(c, o, rel, b->len)) {
		c->nlinked++;
		goto listed;
	}
	fd = openat(c->dirfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		site_fail(c, _("cannot create"), rel);
		return -1;
	}
	while (off < b->len) {   /* one write, unless the kernel takes less */
		ssize_t w = write(fd, b->ptr + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			site_fail(c, _("cannot write"), rel);
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	if (close(fd)) {
		site_fail(c, _("cannot write"), rel);
		return -1;
	}
listed:
	if (!marker && c->written)   /* the marker is the manifest's, not in it */
		fr_site_files_add(c->written, rel, id);
	return 0;
}

/* ---- page frame ---- */

void site_page_begin(struct site *c, fr_buf *b, int depth, const char *title, const char *subtitle)
{
	const fr_html_nav nav[] = {
		{ L("Dashboard"), "index.html" },
		{ L("People"), "index.html#people" },
		{ L("Processes"), "index.html#processes" },
		{ L("Records"), "index.html#records" },
	};
	fr_html_head h = { fr_site_lang(c->loc), title, c->cfg->team, depth, nav, FR_ARRAY_LEN(nav),
			   subtitle };
	fr_html_begin(b, &h);
}

void site_page_end(struct site *c, fr_buf *b)
{
	fr_buf f = FR_BUF_INIT;
	fr_buf_addf(&f, "flowrec %s \xc2\xb7 ", FLOWREC_VERSION);
	fr_buf_addf(&f, L("as of %s"), c->today_s);
	fr_html_end(b, f.ptr);
	fr_buf_free(&f);
}

int site_depth_of(const char *site_path)
{
	int d = 0;
	for (; *site_path; site_path++)
		d += *site_path == '/';
	return d;
}

/* ---- small pieces ---- */

void site_esc(fr_buf *b, const char *s)
{
	fr_html_esc(b, s);
}

void site_h2(fr_buf *b, const char *id, const char *text)
{
	fr_buf_adds(b, "<h2");
	if (id)
		fr_buf_addf(b, " id=\"%s\"", id);   /* ids are literals of this file */
	fr_buf_adds(b, ">");
	site_esc(b, text);
	fr_buf_adds(b, "</h2>\n");
}

void site_para(fr_buf *b, const char *cls, const char *text)
{
	fr_buf_adds(b, cls ? "<p class=\"" : "<p");
	if (cls) {
		fr_buf_adds(b, cls);
		fr_buf_adds(b, "\"");
	}
	fr_buf_adds(b, ">");
	site_esc(b, text);
	fr_buf_adds(b, "</p>\n");
}

/* A person's name, linked to their page when they have one. */
void site_person(struct site *c, fr_buf *b, int depth, const char *name)
{
	const struct site_named *p = site_find_named(c->people, c->npeople, name);
	if (p)
		fr_html_link(b, depth, p->path, name);
	else
		site_esc(b, name ? name : SITE_DASH);
}

void site_people_list(struct site *c, fr_buf *b, int depth, const fr_node *seq)
{
	size_t i;
	for (i = 0; i < site_seq_len(seq); i++) {
		if (i)
			fr_buf_adds(b, L(", "));
		site_person(c, b, depth, fr_node_str(seq->items[i]));
	}
}

void site_record_link(struct site *c, fr_buf *b, int depth, const char *path, const char *text)
{
	const char *page = site_page_of_path(c, path);
	if (page)
		fr_html_link(b, depth, page, text);
	else
		site_esc(b, text);
}

void site_rate_td(fr_buf *b, const fr_node *m, const char *key)
{
	double v;
	int has = fr_map_num(m, key, &v);
	fr_buf_adds(b, "<td class=\"num\">");
	fr_html_rate(b, v, has);
	fr_buf_adds(b, "</td>");
}

void site_num_td(fr_buf *b, const fr_node *m, const char *key, const char *unit)
{
	double v;
	fr_buf_adds(b, "<td class=\"num\">");
	if (fr_map_num(m, key, &v)) {
		fr_html_num(b, v);
		if (unit) {
			fr_buf_adds(b, " ");
			site_esc(b, unit);
		}
	} else {
		fr_buf_adds(b, SITE_DASH);
	}
	fr_buf_adds(b, "</td>");
}

void site_text_td(fr_buf *b, const char *s)
{
	/* a long text gets a wider cell, so that on a phone it wraps into lines, not characters */
	fr_buf_adds(b, s && fr_utf8_width(s, strlen(s)) > 12 ? "<td class=\"t\">" : "<td class=\"s\">");
	site_esc(b, s ? s : SITE_DASH);
	fr_buf_adds(b, "</td>");
}

void site_th_row(struct site *c, fr_buf *b, const char *const *heads, size_t n)
{
	size_t i;
	fr_buf_adds(b, "<div class=\"scroll\"><table>\n<thead><tr>");
	for (i = 0; i < n; i++) {
		fr_buf_adds(b, "<th>");
		site_esc(b, L(heads[i]));
		fr_buf_adds(b, "</th>");
	}
	fr_buf_adds(b, "</tr></thead>\n<tbody>\n");
}

void site_table_end(fr_buf *b)
{
	fr_buf_adds(b, "</tbody>\n</table></div>\n");
}

/* A deviation with its sign ("+40.0%", "-40.0%"), coloured by direction. */
void site_deviation_td(fr_buf *b, const fr_node *m)
{
	double d;
	fr_buf_adds(b, "<td class=\"num\">");
	if (fr_map_num(m, "deviation", &d)) {
		fr_buf_adds(b, d < 0 ? "<span class=\"flag-low\">" : "<span class=\"flag-high\">+");
		fr_html_rate(b, d, 1);
		fr_buf_adds(b, "</span>");
	} else {
		fr_buf_adds(b, SITE_DASH);
	}
	fr_buf_adds(b, "</td>");
}

void site_kpi(fr_buf *b, const char *label, double v, int has, const char *cls)
{
	fr_buf_adds(b, "<div class=\"kpi\"><span class=\"v");
	if (cls) {
		fr_buf_adds(b, " ");
		fr_buf_adds(b, cls);
	}
	fr_buf_adds(b, "\">");
	fr_html_rate(b, v, has);
	fr_buf_adds(b, "</span><span class=\"l\">");
	site_esc(b, label);
	fr_buf_adds(b, "</span></div>\n");
}

void site_kpi_count(fr_buf *b, const char *label, size_t n, const char *cls)
{
	fr_buf_addf(b, "<div class=\"kpi\"><span class=\"v%s%s\">%zu</span><span class=\"l\">",
		    cls ? " " : "", cls ? cls : "", n);
	site_esc(b, label);
	fr_buf_adds(b, "</span></div>\n");
}

/* A label with one %s (the table's, never a record's text) and its argument. */
const char *site_fmt(struct site *c, const char *f, const char *arg)
{
	return fr_asprintf(c->a, f, arg ? arg : SITE_DASH);
}

const char *site_product_name(struct site *c, const char *sku, const char *name)
{
	/* the SKU once when the name already starts with it ("H2 降噪耳机", not "H2 H2 降噪耳机") */
	if (sku && *sku && name && !strncmp(name, sku, strlen(sku)))
		return name;
	if (sku && *sku && name && *name)
		return fr_asprintf(c->a, "%s %s", sku, name);
	if (sku && *sku)
		return sku;
	return name && *name ? name : SITE_DASH;
}

void site_product(struct site *c, fr_buf *b, const char *sku, const char *name)
{
	site_esc(b, site_product_name(c, sku, name));
}
