/* blocks.c - the pieces the views made for a kind are built from: a fact list, an item box,
 * a progress bar, a badge, days left (the views are view-KIND.c, registered in kindview.c) */
#include "site.h"
#include "date.h"
#include "html.h"
#include "rate.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void site_dt(struct site *c, fr_buf *b, const char *label)
{
	fr_buf_adds(b, "<dt>");
	site_esc(b, L(label));
	fr_buf_adds(b, "</dt><dd>");
}

void site_dd_end(fr_buf *b)
{
	fr_buf_adds(b, "</dd>\n");
}

void site_fact(struct site *c, fr_buf *b, const char *label, const char *text)
{
	site_dt(c, b, label);
	site_esc(b, text && *text ? text : SITE_DASH);
	site_dd_end(b);
}

void site_fact_person(struct site *c, fr_buf *b, int depth, const char *label, const char *name)
{
	site_dt(c, b, label);
	site_person(c, b, depth, name);
	site_dd_end(b);
}

void site_badge(fr_buf *b, const char *cls, const char *text)
{
	fr_buf_addf(b, "<span class=\"badge%s%s\">", cls ? " " : "", cls ? cls : "");
	site_esc(b, text);
	fr_buf_adds(b, "</span>");
}

/* A bar of 0..100% (more is drawn full) with presentation attributes only: no style
 * attribute, so that the page keeps to its stylesheet and CSP. */
void site_bar(fr_buf *b, double frac, int has, const char *tone)
{
	static const struct { const char *tone, *fill; } fills[] = {
		{ "ok", "#2e7d32" }, { "low", "#c62828" }, { "high", "#e07b00" }, { "accent", "#1f6fb2" },
	};
	const char *fill = fills[3].fill;
	double w = has && isfinite(frac) ? frac * 100 : 0;
	size_t i;
	for (i = 0; tone && i < FR_ARRAY_LEN(fills); i++)
		if (!strcmp(tone, fills[i].tone))
			fill = fills[i].fill;
	if (w < 0)
		w = 0;
	if (w > 100)
		w = 100;
	fr_buf_adds(b, "<svg class=\"bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
		       "<rect width=\"100\" height=\"6\" rx=\"1\" fill=\"#e8edf2\"/>");
	if (w > 0)
		fr_buf_addf(b, "<rect width=\"%.1f\" height=\"6\" rx=\"1\" fill=\"%s\"/>", w, fill);
	fr_buf_adds(b, "</svg>");
}

const char *site_days_text(struct site *c, int deadline)
{
	int d = deadline - c->today;
	if (deadline == FR_NO_DATE)
		return NULL;
	if (d > 0)
		return fr_asprintf(c->a, L("%d days left"), d);
	if (d == 0)
		return L("due today");
	return fr_asprintf(c->a, L("%d days overdue"), -d);
}

/* "12 万元": a number with its unit; the dash when there is none. */
void site_amount(fr_buf *b, const fr_node *m, const char *key, const char *unit)
{
	double v;
	if (!fr_map_num(m, key, &v)) {
		fr_buf_adds(b, SITE_DASH);
		return;
	}
	fr_html_num(b, v);
	if (unit && *unit) {
		fr_buf_adds(b, " ");
		site_esc(b, unit);
	}
}

/* The tone of a rate: flagged below (low), flagged above (high), else ok. */
const char *site_rate_tone(const struct site *c, double rate, int has)
{
	if (!has)
		return NULL;
	if (!fr_flagged(rate, c->cfg->threshold))
		return "ok";
	return rate < 1 ? "low" : "high";
}

static int cmp_fact(const void *x, const void *y)
{
	const fr_fact *a = *(const fr_fact *const *)x, *b = *(const fr_fact *const *)y;
	int k = strcmp(a->path, b->path);
	return k ? k : (a > b) - (a < b);   /* one array: its order */
}

/* The facts of the record at path, in their order: *n of them from the returned one. */
static const fr_fact *const *ontime_facts(struct site *c, const char *path, size_t *n)
{
	const fr_facts *f = c->dues && c->dues->history ? &c->dues->facts : NULL;
	size_t i, lo = 0, hi;
	if (!c->ontime_made) {
		c->ontime_made = 1;
		c->ontime = fr_alloc(c->a, ((f ? f->n : 0) + 1) * sizeof(*c->ontime));
		for (i = 0; f && i < f->n; i++)
			if (f->v[i].path)
				c->ontime[c->nontime++] = &f->v[i];
		if (c->nontime > 1)
			qsort(c->ontime, c->nontime, sizeof(*c->ontime), cmp_fact);
	}
	hi = c->nontime;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(c->ontime[mid]->path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < c->nontime && !strcmp(c->ontime[hi]->path, path); hi++)
		;
	*n = hi - lo;
	return c->ontime + lo;
}

void site_record_ontime(struct site *c, fr_buf *b, const fr_record *r)
{
	static const char *const states[][2] = {
		{ "st-open", "not due yet" }, { "st-done", "On time" }, { "st-late", "done late" },
		{ "st-overdue", "not committed in time" }, { "muted", "no commit to date it" },
	};
	size_t i, n, shown = 0;
	const fr_fact *const *v = ontime_facts(c, r->path, &n);
	for (i = 0; i < n; i++) {
		const fr_fact *x = v[i];
		if ((unsigned)x->status >= FR_ARRAY_LEN(states))
			continue;
		if (!shown++) {
			site_h2(b, "on-time", L("On time?"));
			fr_buf_adds(b, "<ul class=\"plain ontime\">\n");
		}
		fr_buf_adds(b, "<li>");
		site_esc(b, site_fact_what(c, x));
		fr_buf_adds(b, " ");
		site_badge(b, states[x->status][0], L(states[x->status][1]));
		fr_buf_adds(b, "</li>\n");
	}
	if (shown)
		fr_buf_adds(b, "</ul>\n");
}

/* The records of a kind that have the field key (and same, when given), sorted by (same, key,
 * their order): each page's neighbours by two binary searches instead of a scan. */
struct site_nav {
	const char *kind, *key, *same;
	struct nav_rec {
		const char *who, *w;
		size_t i;
		const fr_record *r;
	} *v;
	size_t n;
};

static int cmp_nav(const struct nav_rec *a, const char *who, const char *w, size_t i)
{
	int k = a->who && who ? strcmp(a->who, who) : 0;
	if (!k)
		k = strcmp(a->w, w);
	return k ? k : (a->i > i) - (a->i < i);
}

static int cmp_nav_rec(const void *x, const void *y)
{
	const struct nav_rec *b = y;
	return cmp_nav(x, b->who, b->w, b->i);
}

static const struct site_nav *nav_index(struct site *c, const char *kind, const char *key, const char *same)
{
	const fr_record *const *all;
	struct site_nav *x;
	size_t i, n;
	for (i = 0; i < c->nnavs; i++)
		if (!strcmp(c->navs[i].kind, kind) && !strcmp(c->navs[i].key, key) &&
		    (same ? c->navs[i].same && !strcmp(c->navs[i].same, same) : !c->navs[i].same))
			return &c->navs[i];
	if (!(c->nnavs & (c->nnavs + 1))) {   /* 0, 1, 3, 7, ...: grow to twice */
		struct site_nav *v = fr_alloc(c->a, (2 * c->nnavs + 2) * sizeof(*v));
		if (c->nnavs)
			memcpy(v, c->navs, c->nnavs * sizeof(*v));
		c->navs = v;
	}
	x = &c->navs[c->nnavs++];
	x->kind = kind;
	x->key = key;
	x->same = same;
	x->n = 0;
	all = fr_set_kind(c->set, kind, &n);
	x->v = fr_alloc(c->a, (n + 1) * sizeof(*x->v));
	for (i = 0; i < n; i++) {
		const char *w = fr_map_str(all[i]->fm, key), *who = same ? fr_map_str(all[i]->fm, same) : NULL;
		if (!w || (same && !who))
			continue;
		x->v[x->n].who = who;
		x->v[x->n].w = w;
		x->v[x->n].i = i;
		x->v[x->n].r = all[i];
		x->n++;
	}
	if (x->n > 1)
		qsort(x->v, x->n, sizeof(*x->v), cmp_nav_rec);
	return x;
}

/* The first entry at or after (who, w, i). */
static size_t nav_lower(const struct site_nav *x, const char *who, const char *w, size_t i)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_nav(&x->v[mid], who, w, i) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void site_neighbour_nav(struct site *c, fr_buf *b, int depth, const fr_record *r, const char *key,
			const char *same, const char *prev_label, const char *next_label)
{
	const char *v = fr_map_str(r->fm, key), *who = same ? fr_map_str(r->fm, same) : NULL;
	const fr_record *nb[2] = { NULL, NULL };
	const struct site_nav *x;
	size_t k, at;
	if (!v || !r->k || (same && !who))
		return;
	x = nav_index(c, r->k->name, key, same);
	/* before: the greatest value below v, the first record that has it; after: the least
	 * value above v, the first that has it */
	at = nav_lower(x, who, v, 0);
	if (at > 0 && (!same || !strcmp(x->v[at - 1].who, who)))
		nb[0] = x->v[nav_lower(x, who, x->v[at - 1].w, 0)].r;
	at = nav_lower(x, who, v, (size_t)-1);
	while (at < x->n && (!same || !strcmp(x->v[at].who, who)) && !strcmp(x->v[at].w, v))
		at++;
	if (at < x->n && (!same || !strcmp(x->v[at].who, who)))
		nb[1] = x->v[at].r;
	fr_buf_adds(b, "<nav class=\"weeks\">");
	for (k = 0; k < 2; k++) {
		const char *page = nb[k] ? site_page_of_path(c, nb[k]->path) : NULL;
		fr_buf_adds(b, "<span>");
		if (page)
			fr_html_link(b, depth, page, site_fmt(c, L(k ? next_label : prev_label), fr_map_str(nb[k]->fm, key)));
		else
			fr_buf_adds(b, SITE_DASH);
		fr_buf_adds(b, "</span>");
	}
	fr_buf_adds(b, "</nav>\n");
}

/* ---- target items (tasks, metrics) ---- */

const char *site_task_label(struct site *c, const char *task, int lower)
{
	if (!task)
		return SITE_DASH;
	return lower && *task ? fr_asprintf(c->a, "%s (%s)", task, L("better lower")) : task;
}

static void task_read(const fr_node *n, const char *name_key, double threshold, struct site_task *t)
{
	fr_item it;
	fr_item_read(n, name_key, &it);
	memset(t, 0, sizeof(*t));
	t->task = it.name ? it.name : "";
	t->unit = fr_map_str(n, "unit");
	t->reason = fr_map_str(n, "reason");
	t->due = fr_map_str(n, "due");
	t->target = it.target;
	t->actual = it.actual;
	t->has_target = it.has_target;
	t->has_actual = it.has_actual;
	t->lower = it.lower;
	if (it.has_target && it.has_actual && it.target > 0) {
		t->rate = fr_rate(it.actual, it.target, it.lower);
		t->has_rate = 1;
		t->flagged = fr_item_flagged(&it, threshold);
	}
}

struct site_task *site_tasks_read(fr_arena *a, const fr_node *seq, const char *name_key, double threshold,
				  size_t *n)
{
	size_t i, len = seq && seq->type == FR_SEQ ? seq->n : 0;
	struct site_task *v = fr_alloc(a, (len + 1) * sizeof(*v));
	for (i = 0; i < len; i++)
		task_read(seq->items[i], name_key, threshold, &v[i]);
	*n = len;
	return v;
}

/* ---- HTML: classes on the site, inline styles in a mail (mail clients strip <style>) ---- */

static const struct { const char *cls, *style; } styles[] = {
	{ "table", "border-collapse:collapse;margin:6px 0;font-size:14px" },
	{ "th", "border:1px solid #d8dee4;padding:4px 8px;text-align:left;background:#f3f6f9;white-space:nowrap" },
	{ "td", "border:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top" },
	{ "num", "border:1px solid #d8dee4;padding:4px 8px;text-align:right;white-space:nowrap" },
	{ "flag-low", "color:#c62828;font-weight:600" },
	{ "flag-high", "color:#e07b00;font-weight:600" },
	{ "ok", "color:#2e7d32" },
	{ "muted", "color:#5f6b76" },
	{ "h2", "font-size:18px;margin:20px 0 6px;border-bottom:1px solid #d8dee4" },
	{ "h3", "font-size:16px;margin:14px 0 4px" },
	{ "reason", "border:1px solid #d8dee4;padding:4px 8px;color:#5f6b76;font-size:13px" },
	{ "hl", "border-left:4px solid #2e7d32;padding:4px 10px;margin:6px 0;background:#f1f8f2" },
	{ "ll", "border-left:4px solid #c62828;padding:4px 10px;margin:6px 0;background:#fdf1f0" },
};

void site_tag(struct site_out *o, const char *tag, const char *cls)
{
	size_t i;
	fr_buf_addc(o->b, '<');
	fr_buf_adds(o->b, tag);
	if (!cls)
		cls = !strcmp(tag, "td") || !strcmp(tag, "th") || !strcmp(tag, "table") || !strcmp(tag, "h2") ||
			      !strcmp(tag, "h3")
		      ? (o->mail ? tag : NULL)
		      : NULL;
	if (!cls) {
		fr_buf_adds(o->b, ">");
		return;
	}
	if (!o->mail) {
		fr_buf_adds(o->b, " class=\"");
		fr_buf_adds(o->b, cls);
		fr_buf_adds(o->b, "\">");
		return;
	}
	for (i = 0; i < FR_ARRAY_LEN(styles) && strcmp(styles[i].cls, cls); i++)
		;
	if (i < FR_ARRAY_LEN(styles))
		fr_buf_addf(o->b, " style=\"%s\"", styles[i].style);
	fr_buf_adds(o->b, ">");
}

#undef L
#define L(s) fr_site_label(o->c->loc, s)

void site_text_el(struct site_out *o, const char *tag, const char *cls, const char *text)
{
	site_tag(o, tag, cls);
	site_esc(o->b, text);
	fr_buf_adds(o->b, "</");
	fr_buf_adds(o->b, tag);
	fr_buf_addc(o->b, '>');
}

void site_who(struct site_out *o, const char *name)
{
	if (o->mail)
		site_esc(o->b, name ? name : SITE_DASH);
	else
		site_person(o->c, o->b, o->depth, name);
}

/* "12 / 30 万元" */
void site_task_amount(struct site_out *o, const struct site_task *t)
{
	if (t->has_actual)
		fr_html_num(o->b, t->actual);
	else
		fr_buf_adds(o->b, SITE_DASH);
	fr_buf_adds(o->b, " / ");
	if (t->has_target)
		fr_html_num(o->b, t->target);
	else
		fr_buf_adds(o->b, SITE_DASH);
	if (t->unit) {
		fr_buf_adds(o->b, " ");
		site_esc(o->b, t->unit);
	}
}

void site_rate_cell(struct site_out *o, int has, double rate)
{
	site_tag(o, "td", "num");
	fr_html_rate(o->b, rate, has);
	fr_buf_adds(o->b, "</td>");
}

void site_dev_cell(struct site_out *o, const struct site_task *t)
{
	site_tag(o, "td", "num");
	if (t->has_rate) {
		double d = t->rate - 1;
		site_tag(o, "span", t->flagged ? (d < 0 ? "flag-low" : "flag-high") : "ok");
		if (d >= 0)
			fr_buf_adds(o->b, "+");
		fr_html_rate(o->b, d, 1);
		if (t->flagged)
			fr_buf_adds(o->b, " \xe2\x9a\x91");   /* ⚑ */
		fr_buf_adds(o->b, "</span>");
	} else {
		fr_buf_adds(o->b, SITE_DASH);
	}
	fr_buf_adds(o->b, "</td>");
}

void site_out_head(struct site_out *o, const char *const *heads, size_t n)
{
	size_t i;
	if (!o->mail)
		fr_buf_adds(o->b, "<div class=\"scroll\">");
	site_tag(o, "table", NULL);
	fr_buf_adds(o->b, "<thead><tr>");
	for (i = 0; i < n; i++)
		site_text_el(o, "th", NULL, L(heads[i]));
	fr_buf_adds(o->b, "</tr></thead>\n<tbody>\n");
}

void site_out_tail(struct site_out *o)
{
	fr_buf_adds(o->b, "</tbody></table>");
	if (!o->mail)
		fr_buf_adds(o->b, "</div>");
	fr_buf_adds(o->b, "\n");
}
