/* view-monthly.c - a monthly plan as the person wrote it: last month's summary with each
 * metric's rate and flagged deviation, the highlight and lowlight, this month's metrics with
 * their measures, the golden page, the blank sheet and the mid-month review. Read once
 * (site_monthly_read), written as the record's page, as a mail's HTML (inline styles) and as
 * its plain text (`flowrec mail monthly`); the person's rate is the kind's figure (monthly.c). */
#include "site.h"
#include "date.h"
#include "html.h"
#include "rate.h"
#include "util.h"

#include <math.h>
#include <string.h>

static const char *const monthly_keys[] = { "kind", "person", "month", "summary", "plan",
					    "mid_month", NULL };

static struct site_action *actions_read(fr_arena *a, const fr_node *seq, const char *who_key, size_t *n)
{
	size_t i, len = site_seq_len(seq);
	struct site_action *v = fr_alloc(a, (len + 1) * sizeof(*v));
	for (i = 0; i < len; i++) {
		v[i].action = fr_map_str(seq->items[i], "action");
		v[i].role = fr_map_str(seq->items[i], "role");
		v[i].who = fr_map_str(seq->items[i], who_key);
		v[i].due = fr_map_str(seq->items[i], "due");
	}
	*n = len;
	return v;
}

int site_monthly_read(struct site *c, size_t idx, struct site_monthly *m)
{
	const fr_record *r = c->set->recs[idx];
	const fr_node *fm = r->fm, *fig = c->entry ? fr_map_get(c->entry[idx], "figures") : NULL;
	const fr_node *sum = fr_map_get(fm, "summary"), *plan = fr_map_get(fm, "plan");
	const fr_node *mm = fr_map_get(fm, "mid_month"), *items = fr_map_get(mm, "items");
	double th = c->cfg->threshold;
	int day, first, ndays, y, mo, d = 0;
	size_t i, k;

	memset(m, 0, sizeof(*m));
	if (!r->k || strcmp(r->k->name, "monthly-plan") || !fm || fm->type != FR_MAP || !fig ||
	    fig->type != FR_MAP)
		return -1;
	m->r = r;
	m->person = fr_map_str(fm, "person");
	m->month = fr_map_str(fm, "month");
	m->summarises = fr_map_str(fig, "summarises");
	m->has_rate = fr_map_num(fig, "rate", &m->rate);
	m->nflagged = site_seq_len(fr_map_get(fig, "flagged"));
	m->nunreported = site_seq_len(fr_map_get(fig, "unreported"));
	m->summary = site_tasks_read(c->a, fr_map_get(sum, "metrics"), "name", th, &m->nsummary);
	m->highlight = fr_map_str(sum, "highlight");
	m->lowlight = fr_map_str(sum, "lowlight");
	m->plan = site_tasks_read(c->a, fr_map_get(plan, "metrics"), "name", th, &m->nplan);
	m->measures = fr_alloc(c->a, (m->nplan + 1) * sizeof(*m->measures));
	for (i = 0; i < m->nplan; i++)
		m->measures[i] = fr_map_get(fr_map_item(plan, "metrics", i), "measures");
	m->golden = actions_read(c->a, fr_map_get(plan, "golden_page"), "owner", &m->ngolden);
	m->blank = actions_read(c->a, fr_map_get(plan, "blank_sheet"), "person", &m->nblank);
	m->has_mid = mm != NULL;
	m->mid_date = fr_map_str(mm, "date");
	/* the pro-rated target, as M-MIDONLY reads it: target x day of the review / days in month */
	ndays = 0;
	if (m->mid_date && !fr_date_parse(m->mid_date, &day) && !fr_month_parse(m->month, &first, &ndays))
		fr_date_ymd(day, &y, &mo, &d);
	m->nmid = site_seq_len(items);
	m->mid = fr_alloc(c->a, (m->nmid + 1) * sizeof(*m->mid));
	for (i = 0; i < m->nmid; i++) {
		struct site_mid *x = &m->mid[i];
		x->metric = fr_map_str(items->items[i], "metric");
		x->reason = fr_map_str(items->items[i], "reason");
		x->has_to_date = fr_map_num(items->items[i], "actual_to_date", &x->to_date);
		for (k = 0; x->metric && k < m->nplan; k++)
			if (site_str_eq(m->plan[k].task, x->metric) && m->plan[k].has_target) {
				x->unit = m->plan[k].unit;
				x->target = m->plan[k].target;
				x->has_target = 1;
			}
		if (x->has_target && ndays) {
			x->prorated = round(x->target * d / ndays * 10) / 10;
			x->has_prorated = 1;
		}
	}
	return 0;
}

/* ---- HTML ---- */

#undef L
#define L(s) fr_site_label(o->c->loc, s)

static void num_unit(struct site_out *o, int has, double v, const char *unit)
{
	if (!has) {
		fr_buf_adds(o->b, SITE_DASH);
		return;
	}
	fr_html_num(o->b, v);
	if (unit && *unit) {
		fr_buf_adds(o->b, " ");
		site_esc(o->b, unit);
	}
}

/* A "label: value" line: a fact list on the site, a paragraph in a mail. */
static void fact(struct site_out *o, const char *label, const char *text, int person)
{
	if (o->mail) {
		site_tag(o, "p", NULL);
		site_esc(o->b, L(label));
		fr_buf_adds(o->b, L(": "));
	} else {
		site_dt(o->c, o->b, label);
	}
	if (person)
		site_who(o, text);
	else
		site_esc(o->b, text && *text ? text : SITE_DASH);
	if (o->mail)
		fr_buf_adds(o->b, "</p>\n");
	else
		site_dd_end(o->b);
}

static void summary_table(struct site_out *o, const struct site_monthly *m)
{
	static const char *const heads[] = { "Metric", "Actual / target", "Rate", "Deviation" };
	size_t i;
	site_out_head(o, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < m->nsummary; i++) {
		const struct site_task *t = &m->summary[i];
		fr_buf_adds(o->b, "<tr>");
		site_text_el(o, "td", o->mail ? NULL : "s", site_task_label(o->c, t->task, t->lower));
		site_tag(o, "td", "num");
		site_task_amount(o, t);
		fr_buf_adds(o->b, "</td>");
		site_rate_cell(o, t->has_rate, t->rate);
		if (!t->has_rate && t->has_target) {
			site_text_el(o, "td", "num", L("no actual yet"));
		} else {
			site_dev_cell(o, t);
		}
		fr_buf_adds(o->b, "</tr>\n");
		if (t->flagged || t->reason) {
			fr_buf_adds(o->b, "<tr>");
			fr_buf_adds(o->b, o->mail ? "<td colspan=\"4\" style=\"border:1px solid #d8dee4;padding:4px 8px;"
						    "color:#5f6b76;font-size:13px\">"
						  : "<td colspan=\"4\" class=\"reason\">");
			site_esc(o->b, site_fmt(o->c, L("Reason: %s"), t->reason ? t->reason : L("no reason given")));
			fr_buf_adds(o->b, "</td></tr>\n");
		}
	}
	site_out_tail(o);
}

static void light(struct site_out *o, const char *cls, const char *label, const char *text)
{
	site_tag(o, "div", cls);
	fr_buf_adds(o->b, o->mail ? "<b style=\"display:block;color:#5f6b76;font-size:12px\">" : "<b>");
	site_esc(o->b, L(label));
	fr_buf_adds(o->b, "</b>");
	site_esc(o->b, text && *text ? text : SITE_DASH);
	fr_buf_adds(o->b, "</div>\n");
}

static void plan_metrics(struct site_out *o, const struct site_monthly *m)
{
	size_t i, k;
	if (!m->nplan) {
		site_text_el(o, "p", "muted", SITE_DASH);
		return;
	}
	fr_buf_adds(o->b, o->mail ? "<ul>\n" : "<ul class=\"plain\">\n");
	for (i = 0; i < m->nplan; i++) {
		const struct site_task *t = &m->plan[i];
		const fr_node *ms = m->measures[i];
		fr_buf_adds(o->b, "<li><strong>");
		site_esc(o->b, *t->task ? site_task_label(o->c, t->task, t->lower) : SITE_DASH);
		fr_buf_adds(o->b, "</strong> ");
		site_esc(o->b, L("Target"));
		fr_buf_adds(o->b, L(": "));
		site_tag(o, "span", "mv");
		num_unit(o, t->has_target, t->target, t->unit);
		fr_buf_adds(o->b, "</span>");
		if (site_seq_len(ms)) {
			fr_buf_adds(o->b, "<ul>");
			for (k = 0; k < ms->n; k++)
				site_text_el(o, "li", NULL, fr_node_str(ms->items[k]) ? fr_node_str(ms->items[k]) : SITE_DASH);
			fr_buf_adds(o->b, "</ul>");
		} else {
			fr_buf_adds(o->b, " ");
			site_text_el(o, "span", "flag-low", L("no measure"));
		}
		fr_buf_adds(o->b, "</li>\n");
	}
	fr_buf_adds(o->b, "</ul>\n");
}

/* Golden page and blank sheet rows: the action first, then who and by when. */
static void actions(struct site_out *o, const struct site_action *v, size_t n)
{
	size_t i;
	if (!n) {
		site_text_el(o, "p", "muted", SITE_DASH);
		return;
	}
	fr_buf_adds(o->b, o->mail ? "<ul>\n" : "<ul class=\"plain\">\n");
	for (i = 0; i < n; i++) {
		fr_buf_adds(o->b, "<li>");
		site_esc(o->b, v[i].action ? v[i].action : SITE_DASH);
		fr_buf_adds(o->b, "<br>");
		if (v[i].role)
			site_text_el(o, "span", "muted", fr_asprintf(o->c->a, "%s \xc2\xb7 ", v[i].role));
		site_who(o, v[i].who);
		fr_buf_adds(o->b, " ");
		site_text_el(o, "span", "muted", fr_asprintf(o->c->a, "\xc2\xb7 %s%s%s", L("Due"), L(": "),
							     v[i].due ? v[i].due : SITE_DASH));
		fr_buf_adds(o->b, "</li>\n");
	}
	fr_buf_adds(o->b, "</ul>\n");
}

static void mid_month(struct site_out *o, const struct site_monthly *m)
{
	static const char *const heads[] = { "Metric", "To date / target", "Pro-rated target" };
	size_t i;
	if (!m->has_mid) {
		site_text_el(o, "p", "muted", L("No mid-month review yet."));
		return;
	}
	site_text_el(o, "p", "muted",
		     site_fmt(o->c, L("Reviewed on %s; only deviations over the threshold are discussed."), m->mid_date));
	if (!m->nmid)
		return;
	site_out_head(o, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < m->nmid; i++) {
		const struct site_mid *x = &m->mid[i];
		fr_buf_adds(o->b, "<tr>");
		site_text_el(o, "td", o->mail ? NULL : "s", x->metric ? x->metric : SITE_DASH);
		site_tag(o, "td", "num");
		num_unit(o, x->has_to_date, x->to_date, NULL);
		fr_buf_adds(o->b, " / ");
		num_unit(o, x->has_target, x->target, x->unit);
		fr_buf_adds(o->b, "</td>");
		site_tag(o, "td", "num");
		num_unit(o, x->has_prorated, x->prorated, x->unit);
		fr_buf_adds(o->b, "</td>");
		fr_buf_adds(o->b, "</tr>\n");
		if (x->reason) {
			fr_buf_adds(o->b, o->mail ? "<tr><td colspan=\"3\" style=\"border:1px solid #d8dee4;padding:4px 8px;"
						    "color:#5f6b76;font-size:13px\">"
						  : "<tr><td colspan=\"3\" class=\"reason\">");
			site_esc(o->b, site_fmt(o->c, L("Reason: %s"), x->reason));
			fr_buf_adds(o->b, "</td></tr>\n");
		}
	}
	site_out_tail(o);
}

static void h(struct site_out *o, const char *tag, const char *id, const char *text)
{
	if (!o->mail && id && !strcmp(tag, "h2")) {
		site_h2(o->b, id, text);
		return;
	}
	site_text_el(o, tag, NULL, text);
	fr_buf_adds(o->b, "\n");
}

void site_monthly_html(struct site *c, fr_buf *b, const struct site_monthly *m, int depth, int mail)
{
	struct site_out ob = { c, b, depth, mail };
	struct site_out *o = &ob;

	if (!mail)
		fr_buf_adds(b, "<dl class=\"facts\">\n");
	fact(o, "Person", m->person, 1);
	fact(o, "Month planned", m->month, 0);
	fact(o, "Summarises", m->summarises, 0);
	if (!mail) {
		const char *tone = site_rate_tone(c, m->rate, m->has_rate);
		fr_buf_adds(b, "</dl>\n<div class=\"kpis\">\n");
		site_kpi(b, site_fmt(c, L("Rate, month %s"), m->summarises), m->rate, m->has_rate,
			 site_str_eq(tone, "low") ? "flag-low" : site_str_eq(tone, "high") ? "flag-high" : NULL);
		site_kpi_count(b, L("Flagged"), m->nflagged, m->nflagged ? "flag-low" : NULL);
		site_kpi_count(b, L("Unreported"), m->nunreported, NULL);
		fr_buf_adds(b, "</div>\n");
	} else {
		site_tag(o, "p", NULL);
		site_esc(b, site_fmt(c, L("Rate, month %s"), m->summarises));
		fr_buf_adds(b, L(": "));
		fr_buf_adds(b, "<strong>");
		fr_html_rate(b, m->rate, m->has_rate);
		fr_buf_adds(b, "</strong></p>\n");
	}
	h(o, "h2", "summary", site_fmt(c, L("Summary of %s"), m->summarises));
	if (m->nsummary)
		summary_table(o, m);
	else
		site_text_el(o, "p", "muted", L("No summary: nothing was planned for that month."));
	if (m->highlight || m->lowlight) {
		light(o, "hl", "Highlight", m->highlight);
		light(o, "ll", "Lowlight", m->lowlight);
	}
	h(o, "h2", "plan", site_fmt(c, L("Plan for %s"), m->month));
	h(o, "h3", NULL, L("Metrics and measures"));
	plan_metrics(o, m);
	h(o, "h3", NULL, L("Golden page: methods and actions"));
	actions(o, m->golden, m->ngolden);
	h(o, "h3", NULL, L("Blank sheet: who does what"));
	actions(o, m->blank, m->nblank);
	h(o, "h2", "mid-month", L("Mid-month review"));
	mid_month(o, m);
}

/* ---- plain text ---- */

#undef L
#define L(s) fr_site_label(c->loc, s)

static void num_text(fr_buf *b, int has, double v, const char *unit)
{
	if (has)
		fr_html_num(b, v);
	else
		fr_buf_adds(b, SITE_DASH);
	if (has && unit && *unit)
		fr_buf_addf(b, " %s", unit);
}

static void rate_text(fr_buf *b, int has, double v)
{
	fr_buf b2 = FR_BUF_INIT;
	fr_html_rate(&b2, v, has);
	fr_buf_add(b, b2.ptr, b2.len);
	fr_buf_free(&b2);
}

static void actions_text(struct site *c, fr_buf *b, const char *title, const struct site_action *v, size_t n)
{
	size_t i;
	fr_buf_addf(b, "  %s\n", title);
	for (i = 0; i < n; i++) {
		fr_buf_addf(b, "  - %s (", v[i].action ? v[i].action : SITE_DASH);
		if (v[i].role)
			fr_buf_addf(b, "%s \xc2\xb7 ", v[i].role);
		fr_buf_addf(b, "%s, %s %s)\n", v[i].who ? v[i].who : SITE_DASH, L("Due"), v[i].due ? v[i].due : SITE_DASH);
	}
}

void site_monthly_text(struct site *c, fr_buf *b, const struct site_monthly *m)
{
	size_t i, k;
	fr_buf_addf(b, "%s \xc2\xb7 %s%s", m->person ? m->person : SITE_DASH, site_fmt(c, L("Rate, month %s"), m->summarises),
		    L(": "));
	rate_text(b, m->has_rate, m->rate);
	fr_buf_addf(b, "\n  %s\n", site_fmt(c, L("Summary of %s"), m->summarises));
	for (i = 0; i < m->nsummary; i++) {
		const struct site_task *t = &m->summary[i];
		fr_buf_addf(b, "  - %s: ", site_task_label(c, t->task, t->lower));
		num_text(b, t->has_actual, t->actual, NULL);
		fr_buf_adds(b, " / ");
		num_text(b, t->has_target, t->target, t->unit);
		fr_buf_adds(b, ", ");
		if (t->has_rate) {
			rate_text(b, 1, t->rate);
			fr_buf_adds(b, t->rate >= 1 ? " (+" : " (");
			rate_text(b, 1, t->rate - 1);
			fr_buf_adds(b, t->flagged ? ") \xe2\x9a\x91" : ")");
		} else {
			fr_buf_adds(b, L("no actual yet"));
		}
		fr_buf_adds(b, "\n");
		if (t->flagged || t->reason)
			fr_buf_addf(b, "    %s\n", site_fmt(c, L("Reason: %s"), t->reason ? t->reason : L("no reason given")));
	}
	if (m->highlight)
		fr_buf_addf(b, "  %s%s%s\n", L("Highlight"), L(": "), m->highlight);
	if (m->lowlight)
		fr_buf_addf(b, "  %s%s%s\n", L("Lowlight"), L(": "), m->lowlight);
	fr_buf_addf(b, "  %s\n", site_fmt(c, L("Plan for %s"), m->month));
	for (i = 0; i < m->nplan; i++) {
		const struct site_task *t = &m->plan[i];
		fr_buf_addf(b, "  - %s %s%s", site_task_label(c, t->task, t->lower), L("Target"), L(": "));
		num_text(b, t->has_target, t->target, t->unit);
		fr_buf_adds(b, "\n");
		for (k = 0; k < site_seq_len(m->measures[i]); k++)
			fr_buf_addf(b, "      * %s\n", fr_node_str(m->measures[i]->items[k]) ? fr_node_str(m->measures[i]->items[k])
											    : SITE_DASH);
	}
	actions_text(c, b, L("Golden page: methods and actions"), m->golden, m->ngolden);
	actions_text(c, b, L("Blank sheet: who does what"), m->blank, m->nblank);
	if (m->has_mid) {
		fr_buf_addf(b, "  %s %s\n", L("Mid-month review"), m->mid_date ? m->mid_date : SITE_DASH);
		for (i = 0; i < m->nmid; i++) {
			const struct site_mid *x = &m->mid[i];
			fr_buf_addf(b, "  - %s: ", x->metric ? x->metric : SITE_DASH);
			num_text(b, x->has_to_date, x->to_date, NULL);
			fr_buf_adds(b, " / ");
			num_text(b, x->has_target, x->target, x->unit);
			if (x->has_prorated) {
				fr_buf_addf(b, ", %s%s", L("Pro-rated target"), L(": "));
				num_text(b, 1, x->prorated, x->unit);
			}
			if (x->reason)
				fr_buf_addf(b, ", %s", site_fmt(c, L("Reason: %s"), x->reason));
			fr_buf_adds(b, "\n");
		}
	}
}

const char *const *site_view_monthly(struct site *c, fr_buf *b, size_t idx, int depth)
{
	struct site_monthly m;
	if (site_monthly_read(c, idx, &m))
		return NULL;
	site_neighbour_nav(c, b, depth, m.r, "month", "person", "\xe2\x86\x90 month %s", "month %s \xe2\x86\x92");
	site_monthly_html(c, b, &m, depth, 0);
	return monthly_keys;
}
