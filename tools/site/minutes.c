/* minutes.c - a weekly meeting as the minutes a rep mails: read once, written as the record's
 * page, as the mail's HTML (inline styles) and as its plain text */
#include "site.h"
#include "date.h"
#include "html.h"
#include "rate.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The first meeting whose week is not below (upper: above) week, in meetings sorted by week. */
static size_t week_bound(const fr_record *const *v, size_t n, const char *week, int upper)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k = strcmp(fr_map_str(v[mid]->fm, "week"), week);
		if (upper ? k <= 0 : k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sort by week, stable (a merge sort: equal weeks keep their order). */
static void sort_by_week(const fr_record **v, size_t n)
{
	const fr_record **tmp;
	size_t w, i;
	if (n < 2)
		return;
	tmp = fr_xmalloc(n * sizeof(*tmp));
	for (w = 1; w < n; w *= 2) {
		for (i = 0; i < n; i += 2 * w) {
			size_t a = i, am = i + w < n ? i + w : n, b = am, bm = i + 2 * w < n ? i + 2 * w : n, k = i;
			while (a < am && b < bm)
				tmp[k++] = strcmp(fr_map_str(v[b]->fm, "week"), fr_map_str(v[a]->fm, "week")) < 0 ? v[b++] : v[a++];
			while (a < am)
				tmp[k++] = v[a++];
			while (b < bm)
				tmp[k++] = v[b++];
		}
		memcpy(v, tmp, n * sizeof(*v));
	}
	free(tmp);
}

int site_minutes_read(struct site *c, size_t idx, struct site_minutes *m)
{
	const fr_record *r = c->set->recs[idx];
	const fr_node *fm = r->fm, *fig = c->entry ? fr_map_get(c->entry[idx], "figures") : NULL;
	const fr_node *reps = fr_map_get(fm, "reports"), *ppl = fr_map_get(fig, "people");
	const fr_node *checks = fr_map_get(fr_map_get(fm, "midweek"), "checks");
	double th = c->cfg->threshold;
	size_t i, j, n;
	const fr_record *const *all;

	memset(m, 0, sizeof(*m));
	if (!r->k || strcmp(r->k->name, "weekly-meeting") || !fm || fm->type != FR_MAP)
		return -1;
	m->r = r;
	m->week = fr_map_str(fm, "week");
	m->date = fr_map_str(fm, "date");
	m->started = fr_map_str(fm, "started");
	m->host = fr_map_str(fm, "host");
	m->has_team = fr_map_num(fig, "team_rate", &m->team_rate);
	m->nreps = site_seq_len(reps);
	m->reps = fr_alloc(c->a, (m->nreps + 1) * sizeof(*m->reps));
	for (i = 0; i < m->nreps; i++) {
		struct site_rep *p = &m->reps[i];
		const fr_node *rep = reps->items[i];
		p->person = fr_map_str(rep, "person");
		/* the person's rate is the kind's figure (weekly.c), not computed again here */
		for (j = 0; p->person && j < site_seq_len(ppl); j++)
			if (site_str_eq(fr_map_str(ppl->items[j], "person"), p->person))
				p->has_rate = fr_map_num(ppl->items[j], "rate", &p->rate);
		p->last = site_tasks_read(c->a, fr_map_get(rep, "last_week"), "task", th, &p->nlast);
		p->next = site_tasks_read(c->a, fr_map_get(rep, "this_week"), "task", th, &p->nnext);
	}
	m->nchecks = site_seq_len(checks);
	m->checks = fr_alloc(c->a, (m->nchecks + 1) * sizeof(*m->checks));
	for (i = 0; i < m->nchecks; i++) {
		struct site_check *k = &m->checks[i];
		const fr_node *ch = checks->items[i];
		k->person = fr_map_str(ch, "person");
		k->task = fr_map_str(ch, "task");
		k->has_progress = fr_map_num(ch, "progress", &k->progress);
		/* progress is toward the target set for this week at the meeting */
		for (j = 0; j < m->nreps; j++) {
			size_t t;
			if (!site_str_eq(m->reps[j].person, k->person))
				continue;
			for (t = 0; t < m->reps[j].nnext; t++)
				if (site_str_eq(m->reps[j].next[t].task, k->task)) {
					k->target = m->reps[j].next[t].target;
					k->has_target = m->reps[j].next[t].has_target;
					k->unit = m->reps[j].next[t].unit;
					k->lower = m->reps[j].next[t].lower;
				}
		}
	}
	m->midweek_date = fr_map_str(fr_map_get(fm, "midweek"), "date");
	/* the meetings before and after, by week: the first (in path order) of the latest week
	 * before and of the earliest week after, found in the meetings sorted once by week */
	if (!c->weeks) {
		all = fr_set_kind(c->set, "weekly-meeting", &n);
		c->weeks = fr_alloc(c->a, (n + 1) * sizeof(*c->weeks));
		for (i = 0; i < n; i++)
			if (fr_map_str(all[i]->fm, "week"))
				c->weeks[c->nweeks++] = all[i];
		/* merge-sort order: stable, so equal weeks keep the path order */
		sort_by_week(c->weeks, c->nweeks);
	}
	if (m->week) {
		size_t lo = week_bound(c->weeks, c->nweeks, m->week, 0);
		size_t hi = week_bound(c->weeks, c->nweeks, m->week, 1);
		if (lo > 0)
			m->prev = c->weeks[week_bound(c->weeks, c->nweeks,
						      fr_map_str(c->weeks[lo - 1]->fm, "week"), 0)];
		if (hi < c->nweeks)
			m->next = c->weeks[hi];
	}
	(void)j;
	return 0;
}

#undef L
#define L(s) fr_site_label(o->c->loc, s)

static void rep_html(struct site_out *o, const struct site_rep *p)
{
	static const char *const heads[] = { "Task", "Actual / target", "Rate", "Deviation" };
	static const char *const next_heads[] = { "Task", "Target" };
	size_t i;
	site_tag(o, "h3", NULL);
	site_who(o, p->person);
	fr_buf_adds(o->b, " \xc2\xb7 ");
	fr_html_rate(o->b, p->rate, p->has_rate);
	fr_buf_adds(o->b, "</h3>\n");
	site_text_el(o, "p", "muted", L("Last week's tasks"));
	if (p->nlast) {
		site_out_head(o, heads, FR_ARRAY_LEN(heads));
		for (i = 0; i < p->nlast; i++) {
			const struct site_task *t = &p->last[i];
			fr_buf_adds(o->b, "<tr>");
			site_text_el(o, "td", NULL, site_task_label(o->c, t->task, t->lower));
			site_tag(o, "td", "num");
			site_task_amount(o, t);
			fr_buf_adds(o->b, "</td>");
			site_rate_cell(o, t->has_rate, t->rate);
			site_dev_cell(o, t);
			fr_buf_adds(o->b, "</tr>\n");
			if (t->flagged || t->reason) {
				fr_buf_addf(o->b, "<tr><td colspan=\"4\" %s=\"%s\">", o->mail ? "style" : "class",
					    o->mail ? "border:1px solid #d8dee4;padding:4px 8px;color:#5f6b76;font-size:13px"
						    : "reason");
				site_esc(o->b, site_fmt(o->c, L("Reason: %s"), t->reason ? t->reason : L("no reason given")));
				fr_buf_adds(o->b, "</td></tr>\n");
			}
		}
		site_out_tail(o);
	} else {
		site_text_el(o, "p", "muted", SITE_DASH);
	}
	site_text_el(o, "p", "muted", L("This week's tasks"));
	if (p->nnext) {
		site_out_head(o, next_heads, FR_ARRAY_LEN(next_heads));
		for (i = 0; i < p->nnext; i++) {
			const struct site_task *t = &p->next[i];
			fr_buf_adds(o->b, "<tr>");
			const char *name = site_task_label(o->c, t->task, t->lower);
			site_text_el(o, "td", NULL, t->due ? fr_asprintf(o->c->a, "%s (%s %s)", name, L("Due"), t->due) : name);
			site_tag(o, "td", "num");
			if (t->has_target) {
				fr_html_num(o->b, t->target);
				if (t->unit) {
					fr_buf_adds(o->b, " ");
					site_esc(o->b, t->unit);
				}
			} else {
				fr_buf_adds(o->b, SITE_DASH);
			}
			fr_buf_adds(o->b, "</td></tr>\n");
		}
		site_out_tail(o);
	} else {
		site_text_el(o, "p", "muted", SITE_DASH);
	}
}

static void owner_tasks(struct site_out *o, const fr_node *ts)
{
	static const char *const heads[] = { "Task", "Owner", "Due" };
	size_t i;
	if (!site_seq_len(ts)) {
		site_text_el(o, "p", "muted", SITE_DASH);
		return;
	}
	site_out_head(o, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < ts->n; i++) {
		const fr_node *t = ts->items[i];
		fr_buf_adds(o->b, "<tr>");
		site_text_el(o, "td", NULL, fr_map_str(t, "task") ? fr_map_str(t, "task") : SITE_DASH);
		site_tag(o, "td", NULL);
		site_who(o, fr_map_str(t, "owner"));
		fr_buf_adds(o->b, "</td>");
		site_text_el(o, "td", "num", fr_map_str(t, "due") ? fr_map_str(t, "due") : SITE_DASH);
		fr_buf_adds(o->b, "</tr>\n");
	}
	site_out_tail(o);
}

void site_minutes_html(struct site *c, fr_buf *b, const struct site_minutes *m, int depth, int mail)
{
	static const char *const check_heads[] = { "Person", "Task", "Progress / target", "Progress" };
	struct site_out ob = { c, b, depth, mail };
	struct site_out *o = &ob;
	const fr_node *deps = fr_map_get(m->r->fm, "departments"), *co = fr_map_get(m->r->fm, "company");
	const fr_node *att = fr_map_get(m->r->fm, "attendees");
	size_t i;

	site_tag(o, "p", NULL);
	site_esc(b, site_fmt(c, L("Meeting of %s"), m->date));
	if (m->started) {
		fr_buf_adds(b, " ");
		site_esc(b, m->started);
	}
	fr_buf_adds(b, " \xc2\xb7 ");
	site_esc(b, L("Host"));
	fr_buf_adds(b, L(": "));
	site_who(o, m->host);
	if (site_seq_len(att)) {
		fr_buf_adds(b, " \xc2\xb7 ");
		site_esc(b, L("Attendees"));
		fr_buf_adds(b, L(": "));
		for (i = 0; i < att->n; i++) {
			if (i)
				fr_buf_adds(b, L(", "));
			site_who(o, fr_node_str(att->items[i]));
		}
	}
	fr_buf_adds(b, "</p>\n");
	site_tag(o, "p", NULL);
	site_esc(b, L("Team rate"));
	fr_buf_adds(b, L(": "));
	fr_buf_adds(b, "<strong>");
	fr_html_rate(b, m->team_rate, m->has_team);
	fr_buf_adds(b, "</strong>");
	fr_buf_adds(b, " \xc2\xb7 ");
	site_esc(b, site_fmt(c, L("deviations over %s are flagged \xe2\x9a\x91"),
			     fr_asprintf(c->a, "\xc2\xb1%.0f%%", c->cfg->threshold * 100)));
	fr_buf_adds(b, "</p>\n");

	site_text_el(o, "h2", NULL, L("Sales reps"));
	for (i = 0; i < m->nreps; i++)
		rep_html(o, &m->reps[i]);

	site_text_el(o, "h2", NULL, L("Departments"));
	if (!site_seq_len(deps))
		site_text_el(o, "p", "muted", SITE_DASH);
	for (i = 0; i < site_seq_len(deps); i++) {
		const fr_node *d = deps->items[i];
		site_tag(o, "h3", NULL);
		site_esc(b, fr_map_str(d, "department") ? fr_map_str(d, "department") : SITE_DASH);
		if (fr_map_str(d, "head")) {
			fr_buf_adds(b, " \xc2\xb7 ");
			site_who(o, fr_map_str(d, "head"));
		}
		fr_buf_adds(b, "</h3>\n");
		owner_tasks(o, fr_map_get(d, "tasks"));
	}
	site_text_el(o, "h2", NULL, L("Company tasks"));
	owner_tasks(o, co);

	site_text_el(o, "h2", NULL, L("Thursday follow-up"));
	if (!m->nchecks) {
		site_text_el(o, "p", "muted", L("Not followed up yet."));
	} else {
		if (m->midweek_date)
			site_text_el(o, "p", "muted", site_fmt(c, L("Followed up on %s."), m->midweek_date));
		site_out_head(o, check_heads, FR_ARRAY_LEN(check_heads));
		for (i = 0; i < m->nchecks; i++) {
			const struct site_check *k = &m->checks[i];
			int has = k->has_progress && k->has_target && k->target > 0;
			fr_buf_adds(b, "<tr>");
			site_tag(o, "td", NULL);
			site_who(o, k->person);
			fr_buf_adds(b, "</td>");
			site_text_el(o, "td", NULL, site_task_label(c, k->task, k->lower));
			site_tag(o, "td", "num");
			if (k->has_progress)
				fr_html_num(b, k->progress);
			else
				fr_buf_adds(b, SITE_DASH);
			fr_buf_adds(b, " / ");
			if (k->has_target)
				fr_html_num(b, k->target);
			else
				fr_buf_adds(b, SITE_DASH);
			if (k->unit) {
				fr_buf_adds(b, " ");
				site_esc(b, k->unit);
			}
			fr_buf_adds(b, "</td>");
			site_rate_cell(o, has, has ? fr_rate(k->progress, k->target, k->lower) : 0);
			fr_buf_adds(b, "</tr>\n");
		}
		site_out_tail(o);
	}
}

/* ---- plain text ---- */

static void num_text(fr_buf *b, int has, double v)
{
	if (has)
		fr_html_num(b, v);
	else
		fr_buf_adds(b, SITE_DASH);
}

static void rate_text(fr_buf *b, int has, double v)
{
	fr_buf b2 = FR_BUF_INIT;
	fr_html_rate(&b2, v, has);
	fr_buf_add(b, b2.ptr, b2.len);
	fr_buf_free(&b2);
}

#undef L
#define L(s) fr_site_label(c->loc, s)

/* One department or company task as a line of the plain-text minutes. */
static void task_text(struct site *c, fr_buf *b, const fr_node *t)
{
	fr_buf_addf(b, "  - %s", fr_map_str(t, "task") ? fr_map_str(t, "task") : SITE_DASH);
	if (fr_map_str(t, "owner"))
		fr_buf_addf(b, " (%s)", fr_map_str(t, "owner"));
	if (fr_map_str(t, "due"))
		fr_buf_addf(b, " %s %s", L("Due"), fr_map_str(t, "due"));
	fr_buf_adds(b, "\n");
}

void site_minutes_text(struct site *c, fr_buf *b, const struct site_minutes *m)
{
	const fr_node *deps = fr_map_get(m->r->fm, "departments"), *co = fr_map_get(m->r->fm, "company");
	size_t i, j, k;

	fr_buf_adds(b, site_fmt(c, L("Meeting of %s"), m->date));
	if (m->started)
		fr_buf_addf(b, " %s", m->started);
	fr_buf_addf(b, " \xc2\xb7 %s%s%s\n", L("Host"), L(": "), m->host ? m->host : SITE_DASH);
	fr_buf_addf(b, "%s%s", L("Team rate"), L(": "));
	rate_text(b, m->has_team, m->team_rate);
	fr_buf_addf(b, "\n\n== %s ==\n", L("Sales reps"));
	for (i = 0; i < m->nreps; i++) {
		const struct site_rep *p = &m->reps[i];
		fr_buf_addf(b, "\n%s \xc2\xb7 ", p->person ? p->person : SITE_DASH);
		rate_text(b, p->has_rate, p->rate);
		fr_buf_addf(b, "\n  %s\n", L("Last week's tasks"));
		for (j = 0; j < p->nlast; j++) {
			const struct site_task *t = &p->last[j];
			fr_buf_addf(b, "  - %s: ", site_task_label(c, t->task, t->lower));
			num_text(b, t->has_actual, t->actual);
			fr_buf_adds(b, " / ");
			num_text(b, t->has_target, t->target);
			if (t->unit)
				fr_buf_addf(b, " %s", t->unit);
			fr_buf_adds(b, ", ");
			rate_text(b, t->has_rate, t->rate);
			if (t->has_rate) {
				fr_buf_adds(b, t->rate >= 1 ? " (+" : " (");
				rate_text(b, 1, t->rate - 1);
				fr_buf_adds(b, t->flagged ? ") \xe2\x9a\x91" : ")");
			}
			fr_buf_adds(b, "\n");
			if (t->flagged || t->reason)
				fr_buf_addf(b, "    %s\n",
					    site_fmt(c, L("Reason: %s"), t->reason ? t->reason : L("no reason given")));
		}
		fr_buf_addf(b, "  %s\n", L("This week's tasks"));
		for (j = 0; j < p->nnext; j++) {
			const struct site_task *t = &p->next[j];
			fr_buf_addf(b, "  - %s: ", site_task_label(c, t->task, t->lower));
			num_text(b, t->has_target, t->target);
			if (t->unit)
				fr_buf_addf(b, " %s", t->unit);
			if (t->due)
				fr_buf_addf(b, " (%s %s)", L("Due"), t->due);
			fr_buf_adds(b, "\n");
		}
	}
	fr_buf_addf(b, "\n== %s ==\n", L("Departments"));
	for (i = 0; i < site_seq_len(deps); i++) {
		const fr_node *d = deps->items[i], *ts = fr_map_get(d, "tasks");
		fr_buf_addf(b, "%s", fr_map_str(d, "department") ? fr_map_str(d, "department") : SITE_DASH);
		if (fr_map_str(d, "head"))
			fr_buf_addf(b, " \xc2\xb7 %s", fr_map_str(d, "head"));
		fr_buf_adds(b, "\n");
		for (k = 0; k < site_seq_len(ts); k++) {
			task_text(c, b, ts->items[k]);
		}
	}
	fr_buf_addf(b, "\n== %s ==\n", L("Company tasks"));
	for (k = 0; k < site_seq_len(co); k++) {
		task_text(c, b, co->items[k]);
	}
	fr_buf_addf(b, "\n== %s ==\n", L("Thursday follow-up"));
	if (!m->nchecks)
		fr_buf_addf(b, "%s\n", L("Not followed up yet."));
	for (i = 0; i < m->nchecks; i++) {
		const struct site_check *ck = &m->checks[i];
		int has = ck->has_progress && ck->has_target && ck->target > 0;
		fr_buf_addf(b, "  - %s %s: ", ck->person ? ck->person : SITE_DASH, site_task_label(c, ck->task, ck->lower));
		num_text(b, ck->has_progress, ck->progress);
		fr_buf_adds(b, " / ");
		num_text(b, ck->has_target, ck->target);
		if (ck->unit)
			fr_buf_addf(b, " %s", ck->unit);
		fr_buf_adds(b, ", ");
		rate_text(b, has, has ? fr_rate(ck->progress, ck->target, ck->lower) : 0);
		fr_buf_adds(b, "\n");
	}
}
