/* render.c - `flowrec render [-o DIR] [--today DATE]`: the static HTML site for CI
 *
 * records -> check -> summary (summary.h) -> pages (html.h, svg.h) -> a temporary folder beside
 * DIR -> swapped into place. The site: index.html (the dashboard), people/NAME.html,
 * records/PATH.html (the record path with .md -> .html), processes/NAME.html, style.css and
 * the marker .flowrec-site (only a folder that has it, or an empty one, is ever replaced).
 * Nothing depends on hash order, the environment or the clock but "now": the end of --today,
 * else the current time (what is due, as `flowrec due` judges it). The same repository (its
 * files and git history) and --today give the same bytes.
 */
#include "cmd.h"
#include "date.h"
#include "diagout.h"
#include "dueitems.h"
#include "engine.h"
#include "history.h"
#include "html.h"
#include "i18n.h"
#include "locale.h"
#include "source.h"
#include "summary.h"
#include "svg.h"
#include "team.h"
#include "util.h"

#include <git2.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MARKER ".flowrec-site"
#define DASH "\xe2\x80\x94"

/* A page that has a name: a person or a process, and its site path. */
struct named {
	const char *name;
	const char *path;
};

struct ctx {
	const fr_config *cfg;
	const fr_set *set;
	const fr_schemas *schemas;
	const fr_node *sum;        /* summary.h's tree; NULL when it could not be made */
	fr_arena *a;
	const char *loc;           /* the team's locale */
	const char *dir;           /* the folder being written */
	int today;
	char today_s[11];
	const fr_node **entry;     /* per set->recs[i]: its summary.records entry, or NULL */
	const char **page;         /* per set->recs[i]: its site path */
	struct named *people;
	size_t npeople;
	struct named *procs;       /* per process record, by path */
	size_t nprocs;
	char *err;                 /* the message of the first failure (heap) */
};

#define L(s) fr_site_label(c->loc, s)

/* ---- reading trees ---- */

static size_t seq_len(const fr_node *n)
{
	return n && n->type == FR_SEQ ? n->n : 0;
}

static const fr_node *sum_get(const struct ctx *c, const char *key)
{
	return fr_map_get(c->sum, key);
}

static int str_eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* The Monday of a "2026-W10" or first day of a "2026-03"; FR_NO_DATE when neither. */
static int period_start(const char *s)
{
	int d;
	if (s && !fr_week_parse(s, &d))
		return d;
	if (s && !fr_month_parse(s, &d, NULL))
		return d;
	return FR_NO_DATE;
}

static const struct named *find_named(const struct named *v, size_t n, const char *name)
{
	size_t i;
	for (i = 0; name && i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static const char *page_of_path(const struct ctx *c, const char *path)
{
	size_t i;
	for (i = 0; path && i < c->set->n; i++)
		if (!strcmp(c->set->recs[i]->path, path))
			return c->page[i];
	return NULL;
}

/* ---- writing files ---- */

/* Keep the first failure's message: "cannot write 'PATH': REASON" (errno). */
static void fail(struct ctx *c, const char *what, const char *path)
{
	const char *why = strerror(errno);
	if (c->err)
		return;
	c->err = fr_xmalloc(strlen(what) + strlen(path) + strlen(why) + 8);
	sprintf(c->err, "%s '%s': %s", what, path, why);
}

/* Write the bytes of b to DIR/rel, creating the folders on the way. */
static int write_file(struct ctx *c, const char *rel, const fr_buf *b)
{
	char *full = fr_xmalloc(strlen(c->dir) + strlen(rel) + 2), *p;
	size_t off = 0;
	int fd, rc = -1;

	sprintf(full, "%s/%s", c->dir, rel);
	for (p = full + strlen(c->dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(full, 0777) && errno != EEXIST) {
			fail(c, _("cannot create"), full);
			goto done;
		}
		*p = '/';
	}
	fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		fail(c, _("cannot create"), full);
		goto done;
	}
	while (off < b->len) {
		ssize_t w = write(fd, b->ptr + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fail(c, _("cannot write"), full);
			close(fd);
			goto done;
		}
		off += (size_t)w;
	}
	if (close(fd)) {
		fail(c, _("cannot write"), full);
		goto done;
	}
	rc = 0;
done:
	free(full);
	return rc;
}

/* ---- page frame ---- */

static void page_begin(struct ctx *c, fr_buf *b, int depth, const char *title, const char *subtitle)
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

static void page_end(struct ctx *c, fr_buf *b)
{
	fr_buf f = FR_BUF_INIT;
	fr_buf_addf(&f, "flowrec %s \xc2\xb7 ", FLOWREC_VERSION);
	fr_buf_addf(&f, L("as of %s"), c->today_s);
	fr_html_end(b, f.ptr);
	fr_buf_free(&f);
}

static int depth_of(const char *site_path)
{
	int d = 0;
	for (; *site_path; site_path++)
		d += *site_path == '/';
	return d;
}

/* ---- small pieces ---- */

static void esc(fr_buf *b, const char *s)
{
	fr_html_esc(b, s);
}

static void h2(fr_buf *b, const char *id, const char *text)
{
	fr_buf_adds(b, "<h2");
	if (id)
		fr_buf_addf(b, " id=\"%s\"", id);   /* ids are literals of this file */
	fr_buf_adds(b, ">");
	esc(b, text);
	fr_buf_adds(b, "</h2>\n");
}

static void para(fr_buf *b, const char *cls, const char *text)
{
	fr_buf_adds(b, cls ? "<p class=\"" : "<p");
	if (cls) {
		fr_buf_adds(b, cls);
		fr_buf_adds(b, "\"");
	}
	fr_buf_adds(b, ">");
	esc(b, text);
	fr_buf_adds(b, "</p>\n");
}

/* A person's name, linked to their page when they have one. */
static void person(struct ctx *c, fr_buf *b, int depth, const char *name)
{
	const struct named *p = find_named(c->people, c->npeople, name);
	if (p)
		fr_html_link(b, depth, p->path, name);
	else
		esc(b, name ? name : DASH);
}

static void people_list(struct ctx *c, fr_buf *b, int depth, const fr_node *seq)
{
	size_t i;
	for (i = 0; i < seq_len(seq); i++) {
		if (i)
			fr_buf_adds(b, L(", "));
		person(c, b, depth, fr_node_str(seq->items[i]));
	}
}

static void record_link(struct ctx *c, fr_buf *b, int depth, const char *path, const char *text)
{
	const char *page = page_of_path(c, path);
	if (page)
		fr_html_link(b, depth, page, text);
	else
		esc(b, text);
}

static void rate_td(fr_buf *b, const fr_node *m, const char *key)
{
	double v;
	int has = fr_map_num(m, key, &v);
	fr_buf_adds(b, "<td class=\"num\">");
	fr_html_rate(b, v, has);
	fr_buf_adds(b, "</td>");
}

static void num_td(fr_buf *b, const fr_node *m, const char *key, const char *unit)
{
	double v;
	fr_buf_adds(b, "<td class=\"num\">");
	if (fr_map_num(m, key, &v)) {
		fr_html_num(b, v);
		if (unit) {
			fr_buf_adds(b, " ");
			esc(b, unit);
		}
	} else {
		fr_buf_adds(b, DASH);
	}
	fr_buf_adds(b, "</td>");
}

static void text_td(fr_buf *b, const char *s)
{
	fr_buf_adds(b, "<td>");
	esc(b, s ? s : DASH);
	fr_buf_adds(b, "</td>");
}

static void th_row(struct ctx *c, fr_buf *b, const char *const *heads, size_t n)
{
	size_t i;
	fr_buf_adds(b, "<div class=\"scroll\"><table>\n<thead><tr>");
	for (i = 0; i < n; i++) {
		fr_buf_adds(b, "<th>");
		esc(b, L(heads[i]));
		fr_buf_adds(b, "</th>");
	}
	fr_buf_adds(b, "</tr></thead>\n<tbody>\n");
}

static void table_end(fr_buf *b)
{
	fr_buf_adds(b, "</tbody>\n</table></div>\n");
}

/* A deviation with its sign ("+40.0%", "-40.0%"), coloured by direction. */
static void deviation_td(fr_buf *b, const fr_node *m)
{
	double d;
	fr_buf_adds(b, "<td class=\"num\">");
	if (fr_map_num(m, "deviation", &d)) {
		fr_buf_adds(b, d < 0 ? "<span class=\"flag-low\">" : "<span class=\"flag-high\">+");
		fr_html_rate(b, d, 1);
		fr_buf_adds(b, "</span>");
	} else {
		fr_buf_adds(b, DASH);
	}
	fr_buf_adds(b, "</td>");
}

static void kpi(fr_buf *b, const char *label, double v, int has, const char *cls)
{
	fr_buf_adds(b, "<div class=\"kpi\"><span class=\"v");
	if (cls) {
		fr_buf_adds(b, " ");
		fr_buf_adds(b, cls);
	}
	fr_buf_adds(b, "\">");
	fr_html_rate(b, v, has);
	fr_buf_adds(b, "</span><span class=\"l\">");
	esc(b, label);
	fr_buf_adds(b, "</span></div>\n");
}

static void kpi_count(fr_buf *b, const char *label, size_t n, const char *cls)
{
	fr_buf_addf(b, "<div class=\"kpi\"><span class=\"v%s%s\">%zu</span><span class=\"l\">",
		    cls ? " " : "", cls ? cls : "", n);
	esc(b, label);
	fr_buf_adds(b, "</span></div>\n");
}

/* A label with one %s (the table's, never a record's text) and its argument. */
static const char *fmt(struct ctx *c, const char *f, const char *arg)
{
	return fr_asprintf(c->a, f, arg ? arg : DASH);
}

/* ---- a rate-over-time chart from summary rows ---- */

/* The rate of person (NULL: the team) in a row of summary weeks or months. */
static int row_rate(const fr_node *row, const char *who, double *v)
{
	const fr_node *people = fr_map_get(row, "people");
	size_t i;
	if (!who)
		return fr_map_num(row, "team_rate", v);
	for (i = 0; i < seq_len(people); i++)
		if (str_eq(fr_map_str(people->items[i], "person"), who))
			return fr_map_num(people->items[i], "rate", v);
	return 0;
}

/* A figure with a line chart of rows (summary weeks or months, label under key): the person's
 * line and the team's, or the team's alone when who is NULL. Returns 0 when nothing is known
 * (no chart written). */
static int rate_chart(struct ctx *c, fr_buf *b, const fr_node *rows, const char *key, const char *who,
		      const char *title, const char *caption)
{
	size_t n = seq_len(rows), i, known = 0;
	const char **x = fr_alloc(c->a, (n + 1) * sizeof(*x));
	double *pv = fr_alloc(c->a, (n + 1) * sizeof(double)), *tv = fr_alloc(c->a, (n + 1) * sizeof(double));
	unsigned char *ph = fr_alloc(c->a, n + 1), *th = fr_alloc(c->a, n + 1);
	fr_svg_series s[2];
	fr_svg_line chart;

	for (i = 0; i < n; i++) {
		const char *lab = fr_map_str(rows->items[i], key);
		x[i] = lab ? lab : "?";
		th[i] = (unsigned char)row_rate(rows->items[i], NULL, &tv[i]);
		ph[i] = who ? (unsigned char)row_rate(rows->items[i], who, &pv[i]) : 0;
		known += who ? ph[i] : th[i];
	}
	if (!known)
		return 0;
	if (who) {
		s[0].name = who;
		s[0].v = pv;
		s[0].has = ph;
		s[1].name = L("team");
		s[1].v = tv;
		s[1].has = th;
	} else {
		s[0].name = L("team");
		s[0].v = tv;
		s[0].has = th;
	}
	chart.title = title;
	chart.x = x;
	chart.n = n;
	chart.series = s;
	chart.nseries = who ? 2 : 1;
	chart.band = c->cfg->threshold;
	fr_buf_adds(b, "<figure>\n<div class=\"scroll\">\n");
	fr_svg_line_chart(b, &chart);
	fr_buf_adds(b, "</div>\n<figcaption>");
	esc(b, caption);
	fr_buf_adds(b, "</figcaption>\n</figure>\n");
	return 1;
}

/* The latest row (of summary weeks or months, or a person's) that began by today and has a
 * number under rate_key ("team_rate" or "rate"). */
static const fr_node *latest_row(const struct ctx *c, const fr_node *rows, const char *key,
				 const char *rate_key)
{
	const fr_node *best = NULL;
	size_t i;
	for (i = 0; i < seq_len(rows); i++) {
		double v;
		int start = period_start(fr_map_str(rows->items[i], key));
		if (start != FR_NO_DATE && start <= c->today && fr_map_num(rows->items[i], rate_key, &v))
			best = rows->items[i];
	}
	return best;
}

/* ---- flagged deviations ---- */

static size_t flagged_table(struct ctx *c, fr_buf *b, int depth, const char *kind, const char *period,
			    const char *who, int newest_first)
{
	static const char *const heads[] = { "Period", "Person", "Item", "Target", "Actual", "Rate",
					     "Deviation", "Reason" };
	const fr_node *fl = sum_get(c, "flagged");
	size_t n = seq_len(fl), k, shown = 0;
	for (k = 0; k < n; k++) {
		const fr_node *f = fl->items[newest_first ? n - 1 - k : k];
		const char *reason = fr_map_str(f, "reason");
		if ((kind && !str_eq(fr_map_str(f, "kind"), kind)) ||
		    (period && !str_eq(fr_map_str(f, "period"), period)) ||
		    (who && !str_eq(fr_map_str(f, "person"), who)))
			continue;
		if (!shown++)
			th_row(c, b, heads, FR_ARRAY_LEN(heads));
		fr_buf_adds(b, "<tr><td>");
		record_link(c, b, depth, fr_map_str(f, "path"), fr_map_str(f, "period"));
		fr_buf_adds(b, "</td><td>");
		person(c, b, depth, fr_map_str(f, "person"));
		fr_buf_adds(b, "</td>");
		text_td(b, fr_map_str(f, "item"));
		num_td(b, f, "target", fr_map_str(f, "unit"));
		num_td(b, f, "actual", fr_map_str(f, "unit"));
		rate_td(b, f, "rate");
		deviation_td(b, f);
		if (reason) {
			text_td(b, reason);
		} else {
			fr_buf_adds(b, "<td class=\"flag-low\">");
			esc(b, L("no reason given"));
			fr_buf_adds(b, "</td>");
		}
		fr_buf_adds(b, "</tr>\n");
	}
	if (shown)
		table_end(b);
	return shown;
}

/* ---- what is due or late ---- */

static const char *const due_label[] = { "missing", "overdue", "due", "done late" };

/* What is due or late (dueitems.h), and the on-time rates, from git history when there is. */
struct dues {
	fr_due_list list;
	fr_facts facts;                   /* from git history (history.h) */
	int history;                      /* 1 when there was a history to judge by */
	fr_ontime *rates;                 /* on-time rate per person */
	size_t nrates;
};

/* A fact's text in the site's language: history.c writes it through gettext, in English
 * unless a catalog says otherwise; the site speaks the team's locale. */
static const char *fact_what(struct ctx *c, const fr_fact *x)
{
	static const char *const forms[] = { "weekly minutes %s", "Thursday follow-up %s",
					     "monthly plan %s", "product plan %s drafted",
					     "product plan %s approved" };
	const char *what = x->what;
	size_t i;
	for (i = 0; x->period && i < FR_ARRAY_LEN(forms); i++)
		if (!strcmp(fr_asprintf(c->a, _(forms[i]), x->period), x->what)) {
			what = fmt(c, L(forms[i]), x->period);
			break;
		}
	return x->uncommitted ? fmt(c, L("%s (not committed)"), what) : what;
}

/* An item's text in the site's language, from what it comes from (dueitems.h). */
static const char *due_what(struct ctx *c, const fr_due_item *e)
{
	const fr_node *fm = e->rec ? e->rec->fm : NULL;
	const char *s;
	switch (e->source) {
	case FR_DUE_FACT:
		return e->fact ? fact_what(c, e->fact) : e->what;
	case FR_DUE_CARD:
		s = fr_map_str(e->node, "card");
		return fr_asprintf(c->a, "%s %s %s", s ? L(s) : "",
				   fr_map_str(e->node, "sku") ? fr_map_str(e->node, "sku") : "",
				   fr_map_str(e->node, "name") ? fr_map_str(e->node, "name") : "");
	case FR_DUE_STEP:
		s = fr_map_str(e->node, "step");
		return fr_asprintf(c->a, "%s: %s",
				   fr_map_str(fm, "customer") ? fr_map_str(fm, "customer") : "",
				   s ? L(s) : "");
	case FR_DUE_DECISION:
		return fr_map_str(e->node, "decision") ? fr_map_str(e->node, "decision") : "";
	case FR_DUE_REVIEW:
	case FR_DUE_NOTICE:
		/* the same message ids as `due`: the locale's label once it has one */
		s = L(e->source == FR_DUE_REVIEW ? FR_DUE_REVIEW_FORM : FR_DUE_NOTICE_FORM);
		return fr_asprintf(c->a, s,
				   fr_map_str(fm, "partner") ? fr_map_str(fm, "partner") : "?",
				   fr_map_str(fm, "month") ? fr_map_str(fm, "month") : "?");
	}
	return e->what;
}

static int due_is_for(const fr_due_item *e, const char *name)
{
	size_t i;
	for (i = 0; i < e->npeople; i++)
		if (str_eq(e->people[i], name))
			return 1;
	return 0;
}

/* The items of one person (who), or of everyone (NULL: what was done late only for the last
 * four weeks, so that the dashboard stays about what to do now). */
static void due_table(struct ctx *c, fr_buf *b, int depth, const struct dues *d, const char *who)
{
	static const char *const heads[] = { "Status", "Due", "Who", "What", "Record" };
	size_t i, k, shown = 0;
	for (i = 0; i < d->list.n; i++) {
		const fr_due_item *e = &d->list.v[i];
		char day[11];
		if (who ? !due_is_for(e, who) : e->status == FR_DUE_LATE && e->due < c->today - 28)
			continue;
		if (!shown++)
			th_row(c, b, heads, FR_ARRAY_LEN(heads));
		fr_buf_addf(b, "<tr><td class=\"st-%s\">", fr_due_status_name(e->status));
		esc(b, L(due_label[e->status]));
		fr_date_format(e->due, day);
		fr_buf_addf(b, "</td><td class=\"num\">%s", day);
		if (e->hhmm >= 0)
			fr_buf_addf(b, " %02d:%02d", e->hhmm / 60, e->hhmm % 60);
		fr_buf_adds(b, "</td><td>");
		for (k = 0; k < e->npeople; k++) {
			if (k)
				fr_buf_adds(b, L(", "));
			person(c, b, depth, e->people[k]);
		}
		fr_buf_adds(b, "</td>");
		text_td(b, due_what(c, e));
		fr_buf_adds(b, "<td>");
		if (e->path)
			record_link(c, b, depth, e->path, fr_site_kind_title(c->loc, e->kind));
		else
			esc(b, fr_site_kind_title(c->loc, e->kind));
		fr_buf_adds(b, "</td></tr>\n");
	}
	if (shown)
		table_end(b);
	else
		para(b, "muted", L("Nothing is due or late."));
}

static void ontime_table(struct ctx *c, fr_buf *b, const struct dues *d)
{
	static const char *const heads[] = { "Person", "On time", "Judged", "On-time rate" };
	size_t i;
	if (!d->history) {
		para(b, "muted", L("On-time rates need the git history of the records; none was found."));
		return;
	}
	if (!d->nrates) {
		para(b, "muted", L("Nothing has been judged yet."));
		return;
	}
	para(b, "muted", L("Of the minutes and plans due so far, how many were first committed by their deadline."));
	th_row(c, b, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < d->nrates; i++) {
		const fr_ontime *o = &d->rates[i];
		fr_buf_adds(b, "<tr><td>");
		person(c, b, 0, o->person);
		fr_buf_addf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">",
			    o->on_time, o->total);
		fr_html_rate(b, o->total ? (double)o->on_time / (double)o->total : 0, o->total > 0);
		fr_buf_adds(b, "</td></tr>\n");
	}
	table_end(b);
}

/* ---- the dashboard ---- */

static void dash_weeks(struct ctx *c, fr_buf *b, const fr_node *week)
{
	const fr_node *people = fr_map_get(week, "people");
	const char *label = fr_map_str(week, "week");
	size_t n = seq_len(people), i;
	fr_svg_bar *bars;

	h2(b, "week", fmt(c, L("This week by person: %s"), label ? label : DASH));
	if (!week) {
		para(b, "muted", L("No weekly meeting has reported actuals yet."));
		return;
	}
	para(b, "muted", L("Rates are of the week the tasks were for, reported at the next Monday's meeting."));
	bars = fr_xcalloc(n + 1, sizeof(*bars));
	for (i = 0; i < n; i++) {
		bars[i].label = fr_map_str(people->items[i], "person");
		if (!bars[i].label)
			bars[i].label = "?";
		bars[i].has = fr_map_num(people->items[i], "rate", &bars[i].v);
		bars[i].note = L("no actuals reported");
	}
	fr_buf_adds(b, "<figure>\n<div class=\"scroll\">\n");
	fr_svg_bar_chart(b, fmt(c, L("Achievement rate by person, %s"), label), bars, n,
			 c->cfg->threshold);
	fr_buf_adds(b, "</div>\n<figcaption>");
	esc(b, fmt(c, L("Shaded: within %s of target; red below, orange above."),
		   fr_asprintf(c->a, "\xc2\xb1%.0f%%", c->cfg->threshold * 100)));
	fr_buf_adds(b, "</figcaption>\n</figure>\n");
	free(bars);
	fr_buf_adds(b, "<h3>");
	esc(b, L("Flagged deviations and their reasons"));
	fr_buf_adds(b, "</h3>\n");
	if (!flagged_table(c, b, 0, "weekly-meeting", label, NULL, 0))
		para(b, "muted", L("No deviation over the threshold."));
}

static void dash_cards(struct ctx *c, fr_buf *b)
{
	static const char *const heads[] = { "Week", "Card", "Product", "Quantity", "Sold",
					     "Sell-through", "Status", "Deadline", "Assignees" };
	const fr_node *cards = sum_get(c, "cards");
	const char *latest = NULL;
	double qty = 0, sold = 0;
	size_t i, shown = 0;

	h2(b, "cards", L("Red and yellow cards"));
	for (i = 0; i < seq_len(cards); i++) {
		const char *w = fr_map_str(cards->items[i], "week");
		int start = period_start(w);
		if (start != FR_NO_DATE && start <= c->today && (!latest || strcmp(w, latest) > 0))
			latest = w;
	}
	if (!latest) {
		para(b, "muted", L("No red or yellow cards yet."));
		return;
	}
	for (i = 0; i < seq_len(cards); i++) {
		const fr_node *p = cards->items[i];
		double q, s;
		if (str_eq(fr_map_str(p, "week"), latest) && fr_map_num(p, "quantity", &q)) {
			qty += q;
			if (fr_map_num(p, "sold", &s))
				sold += s;
		}
	}
	fr_buf_adds(b, "<div class=\"kpis\">\n");
	kpi(b, fmt(c, L("Sell-through, cards of %s"), latest), qty > 0 ? sold / qty : 0, qty > 0, NULL);
	fr_buf_adds(b, "</div>\n");
	para(b, "muted", L("The latest week's cards, and earlier ones not sold out yet."));
	for (i = 0; i < seq_len(cards); i++) {
		const fr_node *p = cards->items[i];
		const char *st = fr_map_str(p, "status"), *card = fr_map_str(p, "card");
		if (!str_eq(fr_map_str(p, "week"), latest) && !str_eq(st, "overdue") && !str_eq(st, "open"))
			continue;
		if (!shown++)
			th_row(c, b, heads, FR_ARRAY_LEN(heads));
		fr_buf_adds(b, "<tr><td>");
		record_link(c, b, 0, fr_map_str(p, "path"), fr_map_str(p, "week"));
		fr_buf_adds(b, "</td><td>");
		if (str_eq(card, "red") || str_eq(card, "yellow"))
			fr_buf_addf(b, "<span class=\"badge card-%s\">", card);
		else
			fr_buf_adds(b, "<span class=\"badge\">");
		esc(b, card ? L(card) : DASH);
		fr_buf_adds(b, "</span></td><td>");
		esc(b, fr_map_str(p, "sku"));
		if (fr_map_str(p, "name")) {
			fr_buf_adds(b, " ");
			esc(b, fr_map_str(p, "name"));
		}
		fr_buf_adds(b, "</td>");
		num_td(b, p, "quantity", NULL);
		num_td(b, p, "sold", NULL);
		rate_td(b, p, "sell_through");
		if (st && (!strcmp(st, "done") || !strcmp(st, "late") || !strcmp(st, "overdue") ||
			   !strcmp(st, "open")))
			fr_buf_addf(b, "<td class=\"st-%s\">", st);
		else
			fr_buf_adds(b, "<td>");
		esc(b, st ? L(fmt(c, "card %s", st)) : DASH);
		fr_buf_adds(b, "</td>");
		text_td(b, fr_map_str(p, "deadline"));
		fr_buf_adds(b, "<td>");
		people_list(c, b, 0, fr_map_get(p, "assignees"));
		fr_buf_adds(b, "</td></tr>\n");
	}
	if (shown)
		table_end(b);
}

static void dash_partners(struct ctx *c, fr_buf *b)
{
	static const char *const heads[] = { "Rank", "Partner", "Class", "Month", "Score", "Grade" };
	const fr_node *ps = sum_get(c, "partners");
	size_t i;

	h2(b, "partners", L("Partners by score"));
	if (!seq_len(ps)) {
		para(b, "muted", L("No partner scorecards yet."));
		return;
	}
	th_row(c, b, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < seq_len(ps); i++) {
		const fr_node *p = ps->items[i];
		const char *grade = fr_map_str(p, "grade");
		fr_buf_addf(b, "<tr><td class=\"num\">%zu</td><td>", i + 1);
		record_link(c, b, 0, fr_map_str(p, "path"), fr_map_str(p, "partner"));
		fr_buf_adds(b, "</td>");
		text_td(b, fr_map_str(p, "class"));
		text_td(b, fr_map_str(p, "month"));
		num_td(b, p, "score", NULL);
		fr_buf_adds(b, str_eq(grade, "improve") ? "<td class=\"flag-low\">"
			       : str_eq(grade, "excellent") ? "<td class=\"ok\">" : "<td>");
		esc(b, grade ? L(grade) : DASH);
		fr_buf_adds(b, "</td></tr>\n");
	}
	table_end(b);
}

static void dash_lists(struct ctx *c, fr_buf *b)
{
	const fr_node *sp = sum_get(c, "people");
	size_t i, j, k;

	h2(b, "people", L("People"));
	if (c->npeople) {
		fr_buf_adds(b, "<ul class=\"cols\">\n");
		for (i = 0; i < c->npeople; i++) {
			const fr_person *p = fr_config_person(c->cfg, c->people[i].name);
			fr_buf_adds(b, "<li>");
			fr_html_link(b, 0, c->people[i].path, c->people[i].name);
			if (p && p->role) {
				fr_buf_adds(b, " <span class=\"muted\">");
				esc(b, L(p->role));
				fr_buf_adds(b, "</span>");
			}
			for (j = 0; j < seq_len(sp); j++) {
				const fr_node *e = sp->items[j];
				const fr_node *w;
				if (!str_eq(fr_map_str(e, "person"), c->people[i].name))
					continue;
				w = latest_row(c, fr_map_get(e, "weeks"), "week", "rate");
				if (w) {
					double v;
					fr_map_num(w, "rate", &v);
					fr_buf_adds(b, " \xc2\xb7 ");
					fr_html_rate(b, v, 1);
				}
			}
			fr_buf_adds(b, "</li>\n");
		}
		fr_buf_adds(b, "</ul>\n");
	} else {
		para(b, "muted", L("No people in flowrec.yaml."));
	}

	h2(b, "processes", L("Processes"));
	if (c->nprocs) {
		fr_buf_adds(b, "<ul>\n");
		for (i = 0; i < c->nprocs; i++) {
			fr_buf_adds(b, "<li>");
			fr_html_link(b, 0, c->procs[i].path, c->procs[i].name);
			fr_buf_adds(b, "</li>\n");
		}
		fr_buf_adds(b, "</ul>\n");
	} else {
		para(b, "muted", L("No processes yet."));
	}

	h2(b, "records", L("Records"));
	for (k = 0; fr_kinds[k]; k++) {
		size_t n;
		const fr_record *const *recs = fr_set_kind(c->set, fr_kinds[k]->name, &n);
		if (!n)
			continue;
		fr_buf_adds(b, "<h3>");
		esc(b, fr_site_kind_title(c->loc, fr_kinds[k]->name));
		fr_buf_addf(b, " <span class=\"muted\">(%zu)</span></h3>\n<ul class=\"cols\">\n", n);
		for (i = 0; i < n; i++) {
			for (j = 0; j < c->set->n && c->set->recs[j] != recs[i]; j++)
				;
			fr_buf_adds(b, "<li>");
			fr_html_link(b, 0, c->page[j], c->entry[j] && fr_map_str(c->entry[j], "title") &&
						       *fr_map_str(c->entry[j], "title")
						       ? fr_map_str(c->entry[j], "title")
						       : recs[i]->path);
			if (c->entry[j] && fr_map_str(c->entry[j], "subject") &&
			    !strstr(fr_map_str(c->entry[j], "title"), fr_map_str(c->entry[j], "subject"))) {
				fr_buf_adds(b, " ");
				esc(b, fr_map_str(c->entry[j], "subject"));
			}
			if (!recs[i]->valid) {
				fr_buf_adds(b, " <span class=\"flag-low\">");
				esc(b, L("(has errors)"));
				fr_buf_adds(b, "</span>");
			}
			fr_buf_adds(b, "</li>\n");
		}
		fr_buf_adds(b, "</ul>\n");
	}
	/* files that are not records of a known kind */
	for (i = j = 0; i < c->set->n; i++) {
		if (c->set->recs[i]->k)
			continue;
		if (!j++) {
			fr_buf_adds(b, "<h3>");
			esc(b, L("Not readable as a record"));
			fr_buf_adds(b, "</h3>\n<ul>\n");
		}
		fr_buf_adds(b, "<li>");
		fr_html_link(b, 0, c->page[i], c->set->recs[i]->path);
		fr_buf_adds(b, "</li>\n");
	}
	if (j)
		fr_buf_adds(b, "</ul>\n");
}

static int dashboard(struct ctx *c, const struct dues *due)
{
	fr_buf b = FR_BUF_INIT;
	const fr_node *weeks = sum_get(c, "weeks"), *months = sum_get(c, "months");
	const fr_node *week = latest_row(c, weeks, "week", "team_rate");
	const fr_node *month = latest_row(c, months, "month", "team_rate");
	size_t i, late = 0;
	double v;
	int rc;

	for (i = 0; i < due->list.n; i++)
		late += due->list.v[i].status == FR_DUE_OVERDUE || due->list.v[i].status == FR_DUE_MISSING;
	page_begin(c, &b, 0, L("Dashboard"), fmt(c, L("As of %s"), c->today_s));
	if (!c->sum)
		para(&b, "invalid", L("The figures could not be computed."));

	fr_buf_adds(&b, "<div class=\"kpis\">\n");
	kpi(&b, fmt(c, L("Team rate, week %s"), week ? fr_map_str(week, "week") : DASH),
	    fr_map_num(week, "team_rate", &v) ? v : 0, week != NULL, "team-week");
	kpi(&b, fmt(c, L("Team rate, month %s"), month ? fr_map_str(month, "month") : DASH),
	    fr_map_num(month, "team_rate", &v) ? v : 0, month != NULL, NULL);
	kpi_count(&b, L("Late items"), late, late ? "flag-low" : NULL);
	fr_buf_adds(&b, "</div>\n");

	h2(&b, "trend", L("Team achievement rate by week"));
	if (!rate_chart(c, &b, weeks, "week", NULL, L("Team achievement rate by week"),
			L("The mean of the people's rates; the shaded band is the reasonable deviation, the dashed line the target.")))
		para(&b, "muted", L("No weekly meeting has reported actuals yet."));

	dash_weeks(c, &b, week);

	h2(&b, "months", L("Team achievement rate by month"));
	if (!rate_chart(c, &b, months, "month", NULL, L("Team achievement rate by month"),
			L("Rates are of the month summarised, in the next month's plan.")))
		para(&b, "muted", L("No monthly summary yet."));
	if (month) {
		fr_buf_adds(&b, "<h3>");
		esc(&b, fmt(c, L("Flagged deviations and their reasons: %s"), fr_map_str(month, "month")));
		fr_buf_adds(&b, "</h3>\n");
		if (!flagged_table(c, &b, 0, "monthly-plan", fr_map_str(month, "month"), NULL, 0))
			para(&b, "muted", L("No deviation over the threshold."));
	}
	dash_cards(c, &b);
	dash_partners(c, &b);

	h2(&b, "due", L("Due and late"));
	due_table(c, &b, 0, due, NULL);
	h2(&b, "ontime", L("On-time rates"));
	ontime_table(c, &b, due);

	dash_lists(c, &b);
	page_end(c, &b);
	rc = write_file(c, "index.html", &b);
	fr_buf_free(&b);
	return rc;
}

/* ---- a person's page ---- */

struct task {
	const char *what, *due, *path, *source;
	const fr_node *item;   /* for target and unit, or NULL */
};

static void task_row(struct ctx *c, fr_buf *b, int depth, const struct task *t)
{
	fr_buf_adds(b, "<tr>");
	text_td(b, t->what);
	if (t->item && fr_map_get(t->item, "target"))
		num_td(b, t->item, "target", fr_map_str(t->item, "unit"));
	else
		text_td(b, NULL);
	text_td(b, t->due);
	fr_buf_adds(b, "<td>");
	record_link(c, b, depth, t->path, t->source);
	fr_buf_adds(b, "</td></tr>\n");
}

static void open_tasks(struct ctx *c, fr_buf *b, int depth, const char *name)
{
	static const char *const heads[] = { "Task", "Target", "Due", "From" };
	size_t n, i, j, k, shown = 0;
	const fr_record *const *rs;
	const fr_record *meeting = NULL;
	struct task t;

#define ROW(T)                                                                 \
	do {                                                                   \
		if (!shown++)                                                  \
			th_row(c, b, heads, FR_ARRAY_LEN(heads));              \
		task_row(c, b, depth, &(T));                                   \
	} while (0)

	/* this week's key tasks: the latest weekly meeting held by today */
	rs = fr_set_kind(c->set, "weekly-meeting", &n);
	for (i = 0; i < n; i++) {
		int start = period_start(fr_map_str(rs[i]->fm, "week"));
		if (start != FR_NO_DATE && start <= c->today)
			meeting = rs[i];
	}
	if (meeting) {
		const fr_node *reps = fr_map_get(meeting->fm, "reports"), *deps = fr_map_get(meeting->fm, "departments");
		const fr_node *co = fr_map_get(meeting->fm, "company");
		const char *week = fr_map_str(meeting->fm, "week");
		for (i = 0; i < seq_len(reps); i++) {
			const fr_node *tw = fr_map_get(reps->items[i], "this_week");
			if (!str_eq(fr_map_str(reps->items[i], "person"), name))
				continue;
			for (j = 0; j < seq_len(tw); j++) {
				t.what = fr_map_str(tw->items[j], "task");
				t.due = fr_map_str(tw->items[j], "due") ? fr_map_str(tw->items[j], "due") : week;
				t.path = meeting->path;
				t.source = fmt(c, L("weekly meeting %s"), week);
				t.item = tw->items[j];
				ROW(t);
			}
		}
		for (i = 0; i < seq_len(deps); i++) {
			const fr_node *ts = fr_map_get(deps->items[i], "tasks");
			for (j = 0; j < seq_len(ts); j++) {
				if (!str_eq(fr_map_str(ts->items[j], "owner"), name))
					continue;
				t.what = fr_map_str(ts->items[j], "task");
				t.due = fr_map_str(ts->items[j], "due");
				t.path = meeting->path;
				t.source = fmt(c, L("weekly meeting %s"), week);
				t.item = NULL;
				ROW(t);
			}
		}
		for (i = 0; i < seq_len(co); i++) {
			if (!str_eq(fr_map_str(co->items[i], "owner"), name))
				continue;
			t.what = fr_map_str(co->items[i], "task");
			t.due = fr_map_str(co->items[i], "due") ? fr_map_str(co->items[i], "due") : week;
			t.path = meeting->path;
			t.source = fmt(c, L("weekly meeting %s"), week);
			t.item = NULL;
			ROW(t);
		}
	}
	/* monthly plans: golden-page actions and blank-sheet rows not yet due */
	rs = fr_set_kind(c->set, "monthly-plan", &n);
	for (i = 0; i < n; i++) {
		const fr_node *plan = fr_map_get(rs[i]->fm, "plan");
		static const char *const lists[][3] = { { "golden_page", "owner", "action" },
							{ "blank_sheet", "person", "action" } };
		for (k = 0; k < FR_ARRAY_LEN(lists); k++) {
			const fr_node *items = fr_map_get(plan, lists[k][0]);
			for (j = 0; j < seq_len(items); j++) {
				const char *due = fr_map_str(items->items[j], "due");
				int day;
				if (!str_eq(fr_map_str(items->items[j], lists[k][1]), name) || !due ||
				    fr_date_parse(due, &day) || day < c->today)
					continue;
				t.what = fr_map_str(items->items[j], lists[k][2]);
				t.due = due;
				t.path = rs[i]->path;
				t.source = fmt(c, L("monthly plan %s"), fr_map_str(rs[i]->fm, "month"));
				t.item = NULL;
				ROW(t);
			}
		}
	}
	if (shown)
		table_end(b);
	else
		para(b, "muted", L("No open tasks."));
#undef ROW
}

static void open_decisions(struct ctx *c, fr_buf *b, int depth, const char *name)
{
	static const char *const heads[] = { "Decision", "Due", "Status", "Meeting" };
	size_t n, i, j, shown = 0;
	const fr_record *const *rs = fr_set_kind(c->set, "meeting", &n);
	for (i = 0; i < n; i++) {
		const fr_node *ds = fr_map_get(rs[i]->fm, "decisions");
		for (j = 0; j < seq_len(ds); j++) {
			const fr_node *d = ds->items[j];
			const char *due = fr_map_str(d, "due");
			int day, late;
			if (!str_eq(fr_map_str(d, "owner"), name) || !str_eq(fr_map_str(d, "status"), "open"))
				continue;
			late = due && !fr_date_parse(due, &day) && day < c->today;
			if (!shown++)
				th_row(c, b, heads, FR_ARRAY_LEN(heads));
			fr_buf_adds(b, "<tr>");
			text_td(b, fr_map_str(d, "decision"));
			text_td(b, due);
			fr_buf_addf(b, "<td class=\"st-%s\">", late ? "overdue" : "open");
			esc(b, L(late ? "overdue" : "due"));
			fr_buf_adds(b, "</td><td>");
			record_link(c, b, depth, rs[i]->path,
				    fr_asprintf(c->a, "%s %s", fr_map_str(rs[i]->fm, "date") ? fr_map_str(rs[i]->fm, "date") : "",
						fr_map_str(rs[i]->fm, "title") ? fr_map_str(rs[i]->fm, "title") : ""));
			fr_buf_adds(b, "</td></tr>\n");
		}
	}
	if (shown)
		table_end(b);
	else
		para(b, "muted", L("No open decisions."));
}

static int person_page(struct ctx *c, const struct named *p, const struct dues *due)
{
	fr_buf b = FR_BUF_INIT;
	const fr_person *cp = fr_config_person(c->cfg, p->name);
	const fr_node *sp = sum_get(c, "people"), *me = NULL, *recs = sum_get(c, "records");
	const fr_node *w, *m;
	int depth = depth_of(p->path), rc;
	size_t i, shown = 0;
	double v;

	for (i = 0; i < seq_len(sp); i++)
		if (str_eq(fr_map_str(sp->items[i], "person"), p->name))
			me = sp->items[i];
	page_begin(c, &b, depth, p->name, cp && cp->role ? L(cp->role) : L("not in the roster"));
	w = latest_row(c, fr_map_get(me, "weeks"), "week", "rate");
	m = latest_row(c, fr_map_get(me, "months"), "month", "rate");
	for (i = 0; i < due->nrates && !str_eq(due->rates[i].person, p->name); i++)
		;
	if (w || m || i < due->nrates) {
		fr_buf_adds(&b, "<div class=\"kpis\">\n");
		if (w)
			kpi(&b, fmt(c, L("Rate, week %s"), fr_map_str(w, "week")),
			    fr_map_num(w, "rate", &v) ? v : 0, 1, NULL);
		if (m)
			kpi(&b, fmt(c, L("Rate, month %s"), fr_map_str(m, "month")),
			    fr_map_num(m, "rate", &v) ? v : 0, 1, NULL);
		if (i < due->nrates && due->rates[i].total)
			kpi(&b, L("On-time rate"),
			    (double)due->rates[i].on_time / (double)due->rates[i].total, 1, NULL);
		fr_buf_adds(&b, "</div>\n");
	}
	h2(&b, "weeks", L("Weekly achievement rate"));
	if (!rate_chart(c, &b, sum_get(c, "weeks"), "week", p->name,
			fmt(c, L("Weekly achievement rate of %s"), p->name),
			L("Solid: this person; dashed: the team. Rates are of the week the tasks were for.")))
		para(&b, "muted", L("No weekly rates."));
	h2(&b, "months", L("Monthly achievement rate"));
	if (!rate_chart(c, &b, sum_get(c, "months"), "month", p->name,
			fmt(c, L("Monthly achievement rate of %s"), p->name),
			L("Solid: this person; dashed: the team. Rates are of the month summarised.")))
		para(&b, "muted", L("No monthly rates."));
	h2(&b, "flagged", L("Flagged deviations"));
	if (!flagged_table(c, &b, depth, NULL, NULL, p->name, 1))
		para(&b, "muted", L("No deviation over the threshold."));
	h2(&b, "tasks", L("Open tasks"));
	open_tasks(c, &b, depth, p->name);
	h2(&b, "decisions", L("Open decisions"));
	open_decisions(c, &b, depth, p->name);
	h2(&b, "due", L("Due and late"));
	due_table(c, &b, depth, due, p->name);
	h2(&b, "records", L("Records"));
	for (i = 0; i < seq_len(recs); i++) {
		const fr_node *e = recs->items[i];
		if (!str_eq(fr_map_str(e, "person"), p->name))
			continue;
		if (!shown++)
			fr_buf_adds(&b, "<ul class=\"cols\">\n");
		fr_buf_adds(&b, "<li>");
		record_link(c, &b, depth, fr_map_str(e, "path"),
			    fr_asprintf(c->a, "%s %s", fr_site_kind_title(c->loc, fr_map_str(e, "kind")),
					fr_map_str(e, "title") ? fr_map_str(e, "title") : ""));
		fr_buf_adds(&b, "</li>\n");
	}
	if (shown)
		fr_buf_adds(&b, "</ul>\n");
	else
		para(&b, "muted", L("No records."));
	page_end(c, &b);
	rc = write_file(c, p->path, &b);
	fr_buf_free(&b);
	return rc;
}

/* ---- a record's data, labelled by its schema ---- */

struct view {
	struct ctx *c;
	const fr_node *root;   /* the schema's tree, or NULL */
	int depth;             /* the page's depth, for links */
	int figures;           /* 1: a figures mapping (labels and formats by key) */
};

/* Follow local $refs ("#/$defs/x", any JSON pointer in the document). */
static const fr_node *sch_resolve(const struct view *w, const fr_node *s)
{
	int hops;
	for (hops = 0; s && s->type == FR_MAP && hops < 16; hops++) {
		const char *ref = fr_map_str(s, "$ref"), *p;
		const fr_node *t = w->root;
		if (!ref || ref[0] != '#')
			return s;
		for (p = ref + 1; t && *p == '/';) {
			const char *e = strchr(p + 1, '/');
			size_t n = e ? (size_t)(e - p - 1) : strlen(p + 1);
			char key[128], *k = key;
			size_t i;
			if (n >= sizeof(key))
				return s;
			for (i = 0; i < n; i++) {   /* ~1 is '/', ~0 is '~' */
				char ch = p[1 + i];
				if (ch == '~' && i + 1 < n && (p[2 + i] == '0' || p[2 + i] == '1')) {
					*k++ = p[2 + i] == '1' ? '/' : '~';
					i++;
				} else {
					*k++ = ch;
				}
			}
			*k = '\0';
			t = fr_map_get(t, key);
			p += 1 + n;
		}
		if (!t)
			return s;
		s = t;
	}
	return s;
}

static const fr_node *sch_prop(const struct view *w, const fr_node *s, const char *key)
{
	return fr_map_get(fr_map_get(sch_resolve(w, s), "properties"), key);
}

static const fr_node *sch_items(const struct view *w, const fr_node *s)
{
	return fr_map_get(sch_resolve(w, s), "items");
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Known figure keys: their label and how their numbers show. */
static const struct fig_key {
	const char *key, *label;
	char fmt;   /* '%' rate, 'l' a label to translate, 0 as is */
} fig_keys[] = {
	{ "team_rate", "Team rate", '%' },
	{ "rate", "Rate", '%' },
	{ "sell_through", "Sell-through", '%' },
	{ "sales_rate", "Sales rate", '%' },
	{ "profit_rate", "Profit rate", '%' },
	{ "action_completion", "Action completion", '%' },
	{ "review_score", "Review score", '%' },
	{ "deviation", "Deviation", '%' },
	{ "score", "Score", 0 },
	{ "grade", "Grade", 'l' },
	{ "status", "Status", 'l' },
	{ "card", "Card", 'l' },
	{ "step", "Step", 'l' },
	{ "people", "People", 0 },
	{ "person", "Person", 0 },
	{ "flagged", "Flagged", 0 },
	{ "unreported", "Unreported", 0 },
	{ "products", "Products", 0 },
	{ "overdue", "Overdue", 0 },
	{ "next", "Next step", 0 },
	{ "due", "Due", 0 },
	{ "done", "Steps done", 0 },
	{ "late", "Steps late", 0 },
	{ "classified", "Classified services", 0 },
	{ "key_customer", "Key-customer services", 0 },
	{ "week", "Week", 0 },
	{ "month", "Month", 0 },
	{ "summarises", "Summarises", 0 },
	{ "classes", "By class", 0 },
	{ "sku", "SKU", 0 },
	{ "name", "Name", 0 },
	{ "quantity", "Quantity", 0 },
	{ "sold", "Sold", 0 },
	{ "deadline", "Deadline", 0 },
	{ "assignees", "Assignees", 0 },
	{ "profit", "profit products", 0 },
	{ "key", "key products", 0 },
	{ "slow", "slow products", 0 },
	{ "star", "star products", 0 },
};

static const struct fig_key *fig_key(const char *key)
{
	size_t i;
	for (i = 0; key && i < FR_ARRAY_LEN(fig_keys); i++)
		if (!strcmp(fig_keys[i].key, key))
			return &fig_keys[i];
	return NULL;
}

/* "last_week" -> "Last week" */
static const char *humanize(struct ctx *c, const char *key)
{
	char *s = fr_strdup(c->a, key), *p;
	for (p = s; *p; p++)
		if (*p == '_' || *p == '-')
			*p = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 32);
	return s;
}

static const char *key_label(const struct view *w, const fr_node *sch, const char *key)
{
	struct ctx *c = w->c;
	const char *title;
	if (w->figures) {
		const struct fig_key *k = fig_key(key);
		return k ? L(k->label) : humanize(c, key);
	}
	title = fr_map_str(sch, "title");
	if (!title)
		title = fr_map_str(sch_resolve(w, sch), "title");
	if (title && (!strcmp(fr_site_lang(c->loc), "zh-CN") || is_ascii(title)))
		return title;
	return humanize(c, key);
}

static int is_person_key(const char *key)
{
	static const char *const keys[] = { "person", "owner", "host", "head", "by", "scorer",
					    "specialist", "assignees", "attendees", "invited",
					    "present", "presenter" };
	size_t i;
	for (i = 0; key && i < FR_ARRAY_LEN(keys); i++)
		if (!strcmp(keys[i], key))
			return 1;
	return 0;
}

static void value_html(const struct view *w, fr_buf *b, const fr_node *v, const fr_node *sch,
		       const char *key, int nest);

static void map_table(const struct view *w, fr_buf *b, const fr_node *m, const fr_node *sch, int nest)
{
	size_t i;
	if (!m->n) {
		fr_buf_adds(b, DASH);
		return;
	}
	fr_buf_adds(b, "<table class=\"kv\">\n<tbody>\n");
	for (i = 0; i < m->n; i++) {
		const char *key = m->pairs[i].key->str;
		const fr_node *ps = w->figures ? NULL : sch_prop(w, sch, key);
		fr_buf_adds(b, "<tr><th scope=\"row\">");
		esc(b, key_label(w, ps, key));
		fr_buf_adds(b, "</th><td>");
		value_html(w, b, m->pairs[i].val, ps, key, nest + 1);
		fr_buf_adds(b, "</td></tr>\n");
	}
	fr_buf_adds(b, "</tbody>\n</table>\n");
}

/* A sequence of mappings as one table: a column per key, in order of first appearance. */
static void seq_table(const struct view *w, fr_buf *b, const fr_node *seq, const fr_node *items, int nest)
{
	const char *cols[32];
	size_t nc = 0, i, j, k;
	for (i = 0; i < seq->n; i++)
		for (j = 0; j < seq->items[i]->n; j++) {
			const char *key = seq->items[i]->pairs[j].key->str;
			for (k = 0; k < nc && strcmp(cols[k], key); k++)
				;
			if (k == nc && nc < FR_ARRAY_LEN(cols))
				cols[nc++] = key;
		}
	if (!nc) {
		fr_buf_adds(b, DASH);
		return;
	}
	fr_buf_adds(b, "<div class=\"scroll\"><table>\n<thead><tr>");
	for (k = 0; k < nc; k++) {
		fr_buf_adds(b, "<th>");
		esc(b, key_label(w, w->figures ? NULL : sch_prop(w, items, cols[k]), cols[k]));
		fr_buf_adds(b, "</th>");
	}
	fr_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < seq->n; i++) {
		fr_buf_adds(b, "<tr>");
		for (k = 0; k < nc; k++) {
			const fr_node *v = fr_map_get(seq->items[i], cols[k]);
			fr_buf_adds(b, v && v->type == FR_NUMBER ? "<td class=\"num\">" : "<td>");
			if (v)
				value_html(w, b, v, w->figures ? NULL : sch_prop(w, items, cols[k]), cols[k],
					   nest + 1);
			fr_buf_adds(b, "</td>");
		}
		fr_buf_adds(b, "</tr>\n");
	}
	fr_buf_adds(b, "</tbody>\n</table></div>\n");
}

static void value_html(const struct view *w, fr_buf *b, const fr_node *v, const fr_node *sch,
		       const char *key, int nest)
{
	struct ctx *c = w->c;
	const struct fig_key *fk = w->figures ? fig_key(key) : NULL;
	size_t i;
	int maps = 1;

	if (nest > 16) {
		fr_buf_adds(b, "\xe2\x80\xa6");
		return;
	}
	if (!v || v->type == FR_NULL) {
		fr_buf_adds(b, DASH);
		return;
	}
	switch (v->type) {
	case FR_BOOL:
		esc(b, L(v->boolean ? "yes" : "no"));
		break;
	case FR_NUMBER:
		if (fk && fk->fmt == '%')
			fr_html_rate(b, v->num, 1);
		else
			fr_html_num(b, v->num);
		break;
	case FR_STRING:
		if (fk && fk->fmt == 'l')
			esc(b, L(key && !strcmp(key, "status") ? fmt(c, "card %s", v->str) : v->str));
		else if (is_person_key(key))
			person(c, b, w->depth, v->str);
		else
			fr_html_escn(b, v->str, v->len);
		break;
	case FR_SEQ:
		if (!v->n) {
			fr_buf_adds(b, DASH);
			break;
		}
		for (i = 0; i < v->n; i++)
			if (!v->items[i] || v->items[i]->type != FR_MAP)
				maps = 0;
		if (maps) {
			seq_table(w, b, v, w->figures ? NULL : sch_items(w, sch), nest);
			break;
		}
		for (i = 0; i < v->n; i++)
			if (v->items[i] && (v->items[i]->type == FR_SEQ || v->items[i]->type == FR_MAP))
				break;
		if (i == v->n) {   /* scalars: one line */
			for (i = 0; i < v->n; i++) {
				if (i)
					fr_buf_adds(b, L(", "));
				value_html(w, b, v->items[i], w->figures ? NULL : sch_items(w, sch), key, nest + 1);
			}
			break;
		}
		fr_buf_adds(b, "<ul>\n");
		for (i = 0; i < v->n; i++) {
			fr_buf_adds(b, "<li>");
			value_html(w, b, v->items[i], w->figures ? NULL : sch_items(w, sch), key, nest + 1);
			fr_buf_adds(b, "</li>\n");
		}
		fr_buf_adds(b, "</ul>\n");
		break;
	case FR_MAP:
		map_table(w, b, v, sch, nest);
		break;
	default:
		break;
	}
}

/* ---- a record's page ---- */

/* The Markdown body, when it shows anything. */
static void body_section(struct ctx *c, fr_buf *b, const fr_record *r)
{
	fr_buf html = FR_BUF_INIT;
	size_t i;
	int failed = fr_html_markdown(&html, r->body, r->body_len, 2);
	for (i = 0; i < html.len; i++)
		if (html.ptr[i] != ' ' && html.ptr[i] != '\n')
			break;
	if (failed || i < html.len) {
		h2(b, "notes", L("Notes"));
		fr_buf_adds(b, "<div class=\"body\">\n");
		if (failed)
			para(b, "invalid", L("The notes could not be rendered."));
		else
			fr_buf_add(b, html.ptr, html.len);
		fr_buf_adds(b, "</div>\n");
	}
	fr_buf_free(&html);
}

static int record_page(struct ctx *c, size_t idx)
{
	const fr_record *r = c->set->recs[idx];
	const fr_node *e = c->entry[idx], *fig = fr_map_get(e, "figures");
	const fr_schema *sc = r->k ? fr_schemas_get(c->schemas, r->k->name) : NULL;
	struct view w = { c, sc ? fr_schema_root(sc) : NULL, depth_of(c->page[idx]), 0 };
	const char *title = fr_map_str(e, "title");
	const struct named *proc = NULL;
	fr_buf b = FR_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < c->nprocs; i++)
		if (!strcmp(c->procs[i].name, fr_map_str(r->fm, "name") ? fr_map_str(r->fm, "name") : "") &&
		    r->k && !strcmp(r->k->name, "process"))
			proc = &c->procs[i];
	page_begin(c, &b, w.depth,
		   r->k ? fr_asprintf(c->a, "%s %s", fr_site_kind_title(c->loc, r->k->name),
				      title && *title ? title : "")
			: r->path,
		   r->path);
	if (!r->valid) {
		fr_buf_adds(&b, "<p class=\"invalid\">");
		esc(&b, L("This record has errors: run flowrec check to see them. Its figures may be wrong."));
		fr_buf_adds(&b, "</p>\n");
	}
	if (proc) {
		fr_buf_adds(&b, "<p>");
		fr_html_link(&b, w.depth, proc->path, L("Swimlane diagram of this process"));
		fr_buf_adds(&b, "</p>\n");
	}
	if (fig && fig->type == FR_MAP && fig->n) {
		struct view fw = w;
		fw.figures = 1;
		h2(&b, "figures", L("Figures"));
		map_table(&fw, &b, fig, NULL, 0);
	}
	h2(&b, "data", L("Data"));
	if (r->fm && r->fm->type == FR_MAP)
		map_table(&w, &b, r->fm, w.root, 0);
	else
		para(&b, "invalid", L("The front-matter could not be read."));
	body_section(c, &b, r);
	page_end(c, &b);
	rc = write_file(c, c->page[idx], &b);
	fr_buf_free(&b);
	return rc;
}

/* ---- a process's page ---- */

static int process_page(struct ctx *c, const struct named *p, const fr_record *r, size_t idx)
{
	static const char *const heads[] = { "Step", "Activity", "Role", "When", "Next" };
	const fr_node *steps = fr_map_get(r->fm, "steps"), *review = fr_map_get(r->fm, "review");
	const fr_node *fig = fr_map_get(c->entry[idx], "figures");
	const fr_schema *sc = fr_schemas_get(c->schemas, "process");
	struct view w = { c, sc ? fr_schema_root(sc) : NULL, depth_of(p->path), 0 };
	size_t n = seq_len(steps), i, j;
	fr_svg_step *st = fr_xcalloc(n + 1, sizeof(*st));
	fr_buf b = FR_BUF_INIT;
	const char *cat = fr_map_str(r->fm, "category");
	double v;
	int rc;

	page_begin(c, &b, w.depth, p->name,
		   cat ? L(fmt(c, "category %s", cat)) : fr_site_kind_title(c->loc, "process"));
	if (!r->valid) {
		fr_buf_adds(&b, "<p class=\"invalid\">");
		esc(&b, L("This record has errors: run flowrec check to see them. Its figures may be wrong."));
		fr_buf_adds(&b, "</p>\n");
	}
	fr_buf_adds(&b, "<table class=\"kv\">\n<tbody>\n");
	{
		static const char *const keys[] = { "owner", "customer", "input", "output" };
		for (i = 0; i < FR_ARRAY_LEN(keys); i++) {
			const fr_node *val = fr_map_get(r->fm, keys[i]);
			if (!val)
				continue;
			fr_buf_adds(&b, "<tr><th scope=\"row\">");
			esc(&b, key_label(&w, sch_prop(&w, w.root, keys[i]), keys[i]));
			fr_buf_adds(&b, "</th><td>");
			value_html(&w, &b, val, NULL, keys[i], 1);
			fr_buf_adds(&b, "</td></tr>\n");
		}
		fr_buf_adds(&b, "<tr><th scope=\"row\">");
		esc(&b, L("Review score"));
		fr_buf_adds(&b, "</th><td>");
		fr_html_rate(&b, fr_map_num(fig, "review_score", &v) ? v : 0, fr_map_num(fig, "review_score", &v));
		fr_buf_adds(&b, "</td></tr>\n<tr><th scope=\"row\">");
		esc(&b, L("Record"));
		fr_buf_adds(&b, "</th><td>");
		fr_html_link(&b, w.depth, c->page[idx], r->path);
		fr_buf_adds(&b, "</td></tr>\n</tbody>\n</table>\n");
	}

	h2(&b, "swimlane", L("Swimlane"));
	for (i = 0; i < n; i++) {
		const fr_node *s = steps->items[i], *next = fr_map_get(s, "next");
		const char **ids = fr_alloc(c->a, (seq_len(next) + 1) * sizeof(*ids));
		size_t k = 0;
		for (j = 0; j < seq_len(next); j++)
			if (fr_node_str(next->items[j]))
				ids[k++] = next->items[j]->str;
		st[i].id = fr_map_str(s, "id") ? fr_map_str(s, "id") : "";
		st[i].activity = fr_map_str(s, "activity") ? fr_map_str(s, "activity") : "";
		st[i].role = fr_map_str(s, "role") ? fr_map_str(s, "role") : "";
		st[i].when = fr_map_str(s, "when");
		st[i].next = ids;
		st[i].nnext = k;
		st[i].yes = fr_map_str(s, "yes");
		st[i].no = fr_map_str(s, "no");
	}
	if (n) {
		fr_buf_adds(&b, "<figure>\n<div class=\"scroll\">\n");
		fr_svg_swimlane(&b, fmt(c, L("Swimlane diagram of %s"), p->name), st, n, L("yes"), L("no"));
		fr_buf_adds(&b, "</div>\n<figcaption>");
		esc(&b, L("One lane per role; time runs left to right. Grey: next; green: yes; red, dashed: no."));
		fr_buf_adds(&b, "</figcaption>\n</figure>\n");
		th_row(c, &b, heads, FR_ARRAY_LEN(heads));
		for (i = 0; i < n; i++) {
			fr_buf_adds(&b, "<tr>");
			text_td(&b, st[i].id);
			text_td(&b, st[i].activity);
			text_td(&b, st[i].role);
			text_td(&b, st[i].when);
			fr_buf_adds(&b, "<td>");
			for (j = 0; j < st[i].nnext; j++) {
				if (j)
					fr_buf_adds(&b, L(", "));
				esc(&b, st[i].next[j]);
			}
			if (st[i].yes) {
				fr_buf_adds(&b, st[i].nnext ? L(", ") : "");
				esc(&b, fmt(c, L("yes: %s"), st[i].yes));
			}
			if (st[i].no) {
				fr_buf_adds(&b, st[i].nnext || st[i].yes ? L(", ") : "");
				esc(&b, fmt(c, L("no: %s"), st[i].no));
			}
			if (!st[i].nnext && !st[i].yes && !st[i].no)
				esc(&b, L("(end)"));
			fr_buf_adds(&b, "</td></tr>\n");
		}
		table_end(&b);
	} else {
		para(&b, "muted", L("No steps."));
	}

	h2(&b, "review", L("Review: the eight principles"));
	if (review && review->type == FR_MAP && review->n) {
		const fr_node *rs = sch_prop(&w, w.root, "review");
		fr_buf_adds(&b, "<table class=\"kv\">\n<tbody>\n");
		for (i = 0; i < review->n; i++) {
			const fr_node *val = review->pairs[i].val;
			fr_buf_adds(&b, "<tr><th scope=\"row\">");
			esc(&b, key_label(&w, sch_prop(&w, rs, review->pairs[i].key->str), review->pairs[i].key->str));
			fr_buf_adds(&b, "</th>");
			if (val && val->type == FR_BOOL)
				fr_buf_addf(&b, "<td class=\"%s\">%s ", val->boolean ? "ok" : "flag-low",
					    val->boolean ? "\xe2\x9c\x93" : "\xe2\x9c\x97");   /* ✓ ✗ */
			else
				fr_buf_adds(&b, "<td>");
			value_html(&w, &b, val, NULL, "review", 1);
			fr_buf_adds(&b, "</td></tr>\n");
		}
		fr_buf_adds(&b, "</tbody>\n</table>\n");
	} else {
		para(&b, "muted", L("Not reviewed yet."));
	}
	body_section(c, &b, r);
	page_end(c, &b);
	rc = write_file(c, p->path, &b);
	fr_buf_free(&b);
	free(st);
	return rc;
}

/* ---- page names ---- */

/* "people/NAME.html": a name made safe for a file, unique among the used ones. */
static const char *unique_path(struct ctx *c, const char *folder, const char *name,
			       const struct named *used, size_t nused)
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
static const char *record_site_path(struct ctx *c, const char *path)
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
			fr_html_file_name(&f, part);
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

static void name_pages(struct ctx *c)
{
	const fr_node *sp = sum_get(c, "people"), *recs = sum_get(c, "records");
	size_t i, j, n;
	const fr_record *const *procs;

	c->entry = fr_alloc(c->a, (c->set->n + 1) * sizeof(*c->entry));
	c->page = fr_alloc(c->a, (c->set->n + 1) * sizeof(*c->page));
	for (i = 0; i < c->set->n; i++) {
		const char *path = c->set->recs[i]->path;
		for (j = 0; j < seq_len(recs); j++)
			if (str_eq(fr_map_str(recs->items[j], "path"), path)) {
				c->entry[i] = recs->items[j];
				break;
			}
		c->page[i] = record_site_path(c, path);
	}
	/* people: the roster, then names the summary found outside it */
	c->people = fr_alloc(c->a, (c->cfg->npeople + seq_len(sp) + 1) * sizeof(*c->people));
	for (i = 0; i < c->cfg->npeople; i++) {
		const char *name = c->cfg->people[i].name;
		if (!name || find_named(c->people, c->npeople, name))
			continue;
		c->people[c->npeople].name = name;
		c->people[c->npeople].path = unique_path(c, "people", name, c->people, c->npeople);
		c->npeople++;
	}
	for (i = 0; i < seq_len(sp); i++) {
		const char *name = fr_map_str(sp->items[i], "person");
		if (!name || find_named(c->people, c->npeople, name))
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

static int write_site(struct ctx *c, struct dues *due)
{
	fr_buf b = FR_BUF_INIT;
	size_t i, j, n;
	const fr_record *const *procs;
	int rc = -1;

	name_pages(c);
	fr_due_collect(&due->list, c->set, &due->facts, c->today);
	fr_buf_adds(&b, fr_html_css);
	if (write_file(c, "style.css", &b))
		goto done;
	fr_buf_reset(&b);
	fr_buf_adds(&b, "flowrec site: `flowrec render` replaces this folder as a whole.\n");
	if (write_file(c, MARKER, &b))
		goto done;
	if (dashboard(c, due))
		goto done;
	for (i = 0; i < c->npeople; i++)
		if (person_page(c, &c->people[i], due))
			goto done;
	for (i = 0; i < c->set->n; i++)
		if (record_page(c, i))
			goto done;
	procs = fr_set_kind(c->set, "process", &n);
	for (i = j = 0; i < n && j < c->nprocs; i++) {
		size_t idx;
		if (!fr_map_str(procs[i]->fm, "name"))
			continue;
		for (idx = 0; c->set->recs[idx] != procs[i]; idx++)
			;
		if (process_page(c, &c->procs[j++], procs[i], idx))
			goto done;
	}
	rc = 0;
done:
	fr_buf_free(&b);
	return rc;
}

/* ---- git history: timeliness facts and on-time rates ---- */

struct history {
	fr_repo *repo;
	fr_changes *changes;
};

/* The facts of the team's history (HEAD's commits) as of now: the end of --today, else the
 * current time, as `flowrec due` judges. Outside a git repository, or before the first
 * commit, the facts that need no history are still there and d->history stays 0. */
static void load_history(struct history *h, const fr_team *team, const fr_set *set, int fixed,
			 struct dues *d)
{
	long long now = fixed ? fr_due_end_of_day(team->today) : (long long)time(NULL);
	char tip[41] = "";
	fr_error err;

	if (fr_repo_open(&h->repo, team->root, &err) == 0) {
		const char *top = fr_repo_workdir(h->repo);
		char *real = top ? realpath(top, NULL) : NULL;
		size_t n = real ? strlen(real) : 0;
		if (real && !strncmp(team->root, real, n) && team->root[n] == '/')
			fr_repo_set_prefix(h->repo, team->root + n + 1);
		free(real);
		if (fr_repo_resolve(h->repo, "HEAD", tip, &err))
			tip[0] = '\0';   /* no commit yet */
	}
	if (h->repo && tip[0] && fr_repo_changes(&h->changes, h->repo, tip, NULL, 0, 0, &err)) {
		fr_die_msg(_("warning: %s: rendering without the git history"), err.msg);
		h->changes = NULL;
	}
	if (fr_history_timeliness(&d->facts, set, h->changes, h->changes ? h->repo : NULL, now, &err)) {
		fr_die_msg(_("warning: %s: rendering without the git history"), err.msg);
		fr_facts_free(&d->facts);
		memset(&d->facts, 0, sizeof(d->facts));
		return;
	}
	d->history = h->changes != NULL;
	if (d->history)
		d->nrates = fr_facts_rates(&d->facts, set->cfg, &d->rates);
}

/* ---- the folder: written beside DIR, swapped into place ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int remove_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int dir_is_empty(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int empty = 1;
	if (!dp)
		return 0;
	while (empty && (de = readdir(dp)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(dp);
	return empty;
}

/* DIR may be replaced: it does not exist, is an empty folder, or holds the marker. Returns 1
 * when it exists, 0 when not, -1 (message printed) when it must not be touched. */
static int check_target(const char *dir)
{
	struct stat st;
	char *marker;
	int ok;
	if (lstat(dir, &st)) {
		if (errno == ENOENT)
			return 0;
		fr_die_msg(_("cannot use '%s': %s"), dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fr_die_msg(_("'%s' exists and is not a folder: not replacing it"), dir);
		return -1;
	}
	marker = fr_xmalloc(strlen(dir) + sizeof("/" MARKER));
	sprintf(marker, "%s/%s", dir, MARKER);
	ok = access(marker, F_OK) == 0 || dir_is_empty(dir);
	free(marker);
	if (!ok) {
		fr_die_msg(_("'%s' is not a flowrec site (it has no %s): not replacing it"), dir, MARKER);
		return -1;
	}
	return 1;
}

/* Put the finished folder tmp at dir, atomically where the file system allows. */
static int swap_in(const char *tmp, const char *dir, int exists)
{
	char *old;
	if (!exists) {
		if (rename(tmp, dir) == 0)
			return 0;
		fr_die_msg(_("cannot rename '%s' to '%s': %s"), tmp, dir, strerror(errno));
		return -1;
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		/* tmp now holds the old site */
		if (remove_tree(tmp))
			fr_die_msg(_("warning: cannot remove the old site in '%s': %s"), tmp, strerror(errno));
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		fr_die_msg(_("cannot replace '%s': %s"), dir, strerror(errno));
		return -1;
	}
	/* no atomic exchange here: move the old site aside, the new one in */
	old = fr_xmalloc(strlen(dir) + sizeof(".old-XXXXXX"));
	sprintf(old, "%s.old-XXXXXX", dir);
	if (!mkdtemp(old) || rename(dir, old)) {
		fr_die_msg(_("cannot replace '%s': %s"), dir, strerror(errno));
		if (old[0])
			rmdir(old);
		free(old);
		return -1;
	}
	if (rename(tmp, dir)) {
		int e = errno;
		rename(old, dir);
		fr_die_msg(_("cannot rename '%s' to '%s': %s"), tmp, dir, strerror(e));
		free(old);
		return -1;
	}
	if (remove_tree(old))
		fr_die_msg(_("warning: cannot remove the old site in '%s': %s"), old, strerror(errno));
	free(old);
	return 0;
}

/* "-o DIR" and "-oDIR" become "--output DIR" and "--output=DIR" (the option table has long
 * names only); *alloc keeps what was allocated for the caller to free. */
static void short_options(int argc, char **argv, char **alloc)
{
	int i;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-o")) {
			argv[i] = "--output";
		} else if (!strncmp(argv[i], "-o", 2) && !*alloc) {
			*alloc = fr_xmalloc(strlen(argv[i]) + sizeof("--output="));
			sprintf(*alloc, "--output=%s", argv[i] + 2);
			argv[i] = *alloc;
		}
	}
}

int cmd_render(int argc, char **argv)
{
	const char *output = NULL, *today = NULL;
	int force = 0;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("output", "DIR", N_("the site's folder (default: site/ in the team repository); also -o DIR"), &output),
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("the date to judge deadlines by"), &today),
		FR_OPT_FLAG_("force", N_("render even when the records have errors"), &force),
		FR_OPT_END_
	};
	fr_team team;
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	struct history hist = { NULL, NULL };
	struct dues due;
	struct ctx c;
	char *dir = NULL, *tmp = NULL, *alloc = NULL;
	size_t errors, len;
	int rc, exists, git_ready = 0;

	memset(&c, 0, sizeof(c));
	memset(&due, 0, sizeof(due));
	short_options(argc, argv, &alloc);
	rc = fr_parse_options("render", "[-o DIR] [--today YYYY-MM-DD] [--force]", opts, &argc, argv);
	if (!rc && argc > 0)
		rc = fr_usage_error("render", _("unexpected argument '%s'"), argv[0]);
	else if (!rc && output && !*output)
		rc = fr_usage_error("render", "%s", _("--output wants a folder"));
	else if (!rc)
		rc = fr_team_open(&team, "render", today);
	if (rc) {
		free(alloc);
		return rc > 0 ? (rc == 1 ? 0 : rc) : FR_EXIT_FAIL;   /* 1: --help was shown */
	}
	rc = FR_EXIT_FAIL;

	if (output) {
		dir = fr_xstrdup(output);
	} else {
		dir = fr_xmalloc(strlen(team.root) + sizeof("/site"));
		sprintf(dir, "%s/site", team.root);
	}
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	if ((exists = check_target(dir)) < 0)
		goto done;
	git_libgit2_init();
	git_ready = 1;

	if (fr_files_from_dir(&files, team.root, &d)) {
		fr_diags_finish(&d);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, 0, NULL, NULL);
		fr_die_msg(_("cannot read the records: not rendering"));
		goto done;
	}
	errors = fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	if (errors && !force) {
		fr_diags_finish(&d);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, isatty(2), NULL, NULL);
		fr_die_msg(_("the records have %zu error(s): not rendering (fix them, or use --force)"), errors);
		rc = FR_EXIT_FOUND;
		goto done;
	}
	if (errors)
		fr_die_msg(_("warning: the records have %zu error(s); rendering them anyway (--force)"), errors);

	c.cfg = team.cfg;
	c.set = set;
	c.schemas = team.schemas;
	c.a = fr_arena_new();
	c.loc = team.cfg->locale ? team.cfg->locale : "en";
	c.today = team.today;
	fr_date_format(team.today, c.today_s);
	{
		fr_node *sum = NULL;
		if (fr_summary(&sum, set, NULL, c.a) == 0)
			c.sum = sum;
	}

	load_history(&hist, &team, set, today != NULL, &due);

	tmp = fr_xmalloc(len + sizeof(".tmp-XXXXXX"));
	sprintf(tmp, "%s.tmp-XXXXXX", dir);
	if (!mkdtemp(tmp)) {
		fr_die_msg(_("cannot create a folder beside '%s': %s"), dir, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto done;
	}
	{
		/* mkdtemp makes it private; a site is for reading: 0777 less the umask */
		mode_t um = umask(0);
		umask(um);
		chmod(tmp, 0777 & ~um);
	}
	c.dir = tmp;
	if (write_site(&c, &due)) {
		fr_die_msg("%s", c.err ? c.err : _("cannot write the site"));
		goto done;
	}
	if (swap_in(tmp, dir, exists))
		goto done;
	free(tmp);
	tmp = NULL;
	rc = FR_EXIT_OK;
done:
	if (tmp) {
		remove_tree(tmp);
		free(tmp);
	}
	free(c.err);
	fr_due_list_free(&due.list);
	free(due.rates);
	fr_facts_free(&due.facts);
	fr_changes_free(hist.changes);
	fr_repo_free(hist.repo);
	if (git_ready)
		git_libgit2_shutdown();
	fr_arena_free(c.a);
	free(dir);
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_team_close(&team);
	free(alloc);
	return rc;
}
