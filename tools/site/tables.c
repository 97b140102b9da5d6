/* tables.c - rate charts, flagged deviations, what is due and on-time rates: shown on more than one page */
#include "site.h"
#include "date.h"
#include "html.h"
#include "i18n.h"
#include "svg.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- a rate-over-time chart from summary rows ---- */

/* The rate of person (NULL: the team) in a row of summary weeks or months. */
static int row_rate(const fr_node *row, const char *who, double *v)
{
	const fr_node *people = fr_map_get(row, "people");
	size_t i;
	if (!who)
		return fr_map_num(row, "team_rate", v);
	for (i = 0; i < site_seq_len(people); i++)
		if (site_str_eq(fr_map_str(people->items[i], "person"), who))
			return fr_map_num(people->items[i], "rate", v);
	return 0;
}

/* A figure with a line chart of rows (summary weeks or months, label under key): the person's
 * line and the team's, or the team's alone when who is NULL. Returns 0 when nothing is known
 * (no chart written). */
int site_rate_chart(struct site *c, fr_buf *b, const fr_node *rows, const char *key, const char *who,
		      const char *title, const char *caption)
{
	size_t n = site_seq_len(rows), i, known = 0;
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
	fr_buf_adds(b, "<figure>\n<div class=\"scroll end\">\n");
	fr_svg_line_chart(b, &chart);
	fr_buf_adds(b, "</div>\n<figcaption>");
	site_esc(b, caption);
	fr_buf_adds(b, "</figcaption>\n</figure>\n");
	return 1;
}

/* The latest row (of summary weeks or months, or a person's) that began by today and has a
 * number under rate_key ("team_rate" or "rate"). */
const fr_node *site_latest_row(const struct site *c, const fr_node *rows, const char *key,
				 const char *rate_key)
{
	const fr_node *best = NULL;
	size_t i;
	for (i = 0; i < site_seq_len(rows); i++) {
		double v;
		int start = site_period_start(fr_map_str(rows->items[i], key));
		if (start != FR_NO_DATE && start <= c->today && fr_map_num(rows->items[i], rate_key, &v))
			best = rows->items[i];
	}
	return best;
}

/* ---- flagged deviations ---- */

size_t site_flagged_table(struct site *c, fr_buf *b, int depth, const char *kind, const char *period,
			    const char *who, int newest_first)
{
	static const char *const heads[] = { "Period", "Person", "Item", "Target", "Actual", "Rate",
					     "Deviation", "Reason" };
	const fr_node *fl = site_sum_get(c, "flagged");
	size_t n = site_seq_len(fl), k, shown = 0;
	for (k = 0; k < n; k++) {
		const fr_node *f = fl->items[newest_first ? n - 1 - k : k];
		const char *reason = fr_map_str(f, "reason");
		if ((kind && !site_str_eq(fr_map_str(f, "kind"), kind)) ||
		    (period && !site_str_eq(fr_map_str(f, "period"), period)) ||
		    (who && !site_str_eq(fr_map_str(f, "person"), who)))
			continue;
		if (!shown++)
			site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
		fr_buf_adds(b, "<tr><td>");
		site_record_link(c, b, depth, fr_map_str(f, "path"), fr_map_str(f, "period"));
		fr_buf_adds(b, "</td><td>");
		site_person(c, b, depth, fr_map_str(f, "person"));
		fr_buf_adds(b, "</td>");
		site_text_td(b, fr_map_str(f, "item"));
		site_num_td(b, f, "target", fr_map_str(f, "unit"));
		site_num_td(b, f, "actual", fr_map_str(f, "unit"));
		site_rate_td(b, f, "rate");
		site_deviation_td(b, f);
		if (reason) {
			site_text_td(b, reason);
		} else {
			fr_buf_adds(b, "<td class=\"flag-low\">");
			site_esc(b, L("no reason given"));
			fr_buf_adds(b, "</td>");
		}
		fr_buf_adds(b, "</tr>\n");
	}
	if (shown)
		site_table_end(b);
	return shown;
}

/* ---- what is due or late ---- */

static const char *const due_label[] = { "missing", "overdue", "due", "done late" };

/* A fact's text in the site's language: history.c writes it through gettext, in English
 * unless a catalog says otherwise; the site speaks the team's locale. */
const char *site_fact_what(struct site *c, const fr_fact *x)
{
	static const char *const forms[] = { "weekly minutes %s", "Thursday follow-up %s",
					     "monthly plan %s", "product plan %s drafted",
					     "product plan %s approved" };
	const char *what = x->what;
	size_t i;
	for (i = 0; x->period && i < FR_ARRAY_LEN(forms); i++)
		if (!strcmp(fr_asprintf(c->a, _(forms[i]), x->period), x->what)) {
			what = site_fmt(c, L(forms[i]), x->period);
			break;
		}
	return x->uncommitted ? site_fmt(c, L("%s (not committed)"), what) : what;
}

/* An item's text in the site's language, from what it comes from (dueitems.h). */
static const char *due_what(struct site *c, const fr_due_item *e)
{
	const fr_node *fm = e->rec ? e->rec->fm : NULL;
	const char *s;
	switch (e->source) {
	case FR_DUE_FACT:
		return e->fact ? site_fact_what(c, e->fact) : e->what;
	case FR_DUE_CARD:
		s = fr_map_str(e->node, "card");
		return fr_asprintf(c->a, "%s %s", s ? L(s) : "",
				   site_product_name(c, fr_map_str(e->node, "sku"), fr_map_str(e->node, "name")));
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
	case FR_DUE_PROCESS:   /* only fr_due_schedule's, which the site does not show */
		break;
	}
	return e->what;
}

static int due_is_for(const fr_due_item *e, const char *name)
{
	size_t i;
	for (i = 0; i < e->npeople; i++)
		if (site_str_eq(e->people[i], name))
			return 1;
	return 0;
}

/* The items of one person (who), or of everyone (NULL: what was done late only for the last
 * four weeks, so that the dashboard stays about what to do now). */
void site_due_table(struct site *c, fr_buf *b, int depth, const struct site_dues *d, const char *who)
{
	static const char *const heads[] = { "Status", "Due", "Who", "What", "Record" };
	size_t i, k, shown = 0;
	for (i = 0; i < d->list.n; i++) {
		const fr_due_item *e = &d->list.v[i];
		char day[11];
		if (who ? !due_is_for(e, who) : e->status == FR_DUE_LATE && e->due < c->today - 28)
			continue;
		if (!shown++)
			site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
		fr_buf_addf(b, "<tr><td class=\"st-%s\">", fr_due_status_name(e->status));
		site_esc(b, L(due_label[e->status]));
		fr_date_format(e->due, day);
		fr_buf_addf(b, "</td><td class=\"num\">%s", day);
		if (e->hhmm >= 0)
			fr_buf_addf(b, " %02d:%02d", e->hhmm / 60, e->hhmm % 60);
		fr_buf_adds(b, "</td><td>");
		for (k = 0; k < e->npeople; k++) {
			if (k)
				fr_buf_adds(b, L(", "));
			site_person(c, b, depth, e->people[k]);
		}
		fr_buf_adds(b, "</td>");
		site_text_td(b, due_what(c, e));
		fr_buf_adds(b, "<td>");
		if (e->path)
			site_record_link(c, b, depth, e->path, fr_site_kind_title(c->loc, e->kind));
		else
			site_esc(b, fr_site_kind_title(c->loc, e->kind));
		fr_buf_adds(b, "</td></tr>\n");
	}
	if (shown)
		site_table_end(b);
	else
		site_para(b, "muted", L("Nothing is due or late."));
}

void site_ontime_table(struct site *c, fr_buf *b, const struct site_dues *d)
{
	static const char *const heads[] = { "Person", "On time", "Judged", "On-time rate" };
	size_t i;
	if (!d->history) {
		site_para(b, "muted", L("On-time rates need the git history of the records; none was found."));
		return;
	}
	site_para(b, "muted", L(fr_clock_text(d->facts.clock)));
	if (!d->nrates) {
		site_para(b, "muted", L("Nothing has been judged yet."));
		return;
	}
	site_para(b, "muted", L("Of the minutes and plans due so far, how many were first committed by their deadline."));
	site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < d->nrates; i++) {
		const fr_ontime *o = &d->rates[i];
		fr_buf_adds(b, "<tr><td>");
		site_person(c, b, 0, o->person);
		fr_buf_addf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">",
			    o->on_time, o->total);
		fr_html_rate(b, o->total ? (double)o->on_time / (double)o->total : 0, o->total > 0);
		fr_buf_adds(b, "</td></tr>\n");
	}
	site_table_end(b);
}
