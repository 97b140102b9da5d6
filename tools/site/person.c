/* person.c - people/NAME.html: a person's rates, flagged deviations, open tasks and decisions */
#include "site.h"
#include "date.h"
#include "html.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- a person's page ---- */

struct task {
	const char *what, *due, *path, *source;
	const fr_node *item;   /* for target and unit, or NULL */
};

static void task_row(struct site *c, fr_buf *b, int depth, const struct task *t)
{
	fr_buf_adds(b, "<tr>");
	site_text_td(b, t->what);
	if (t->item && fr_map_get(t->item, "target"))
		site_num_td(b, t->item, "target", fr_map_str(t->item, "unit"));
	else
		site_text_td(b, NULL);
	site_text_td(b, t->due);
	fr_buf_adds(b, "<td>");
	site_record_link(c, b, depth, t->path, t->source);
	fr_buf_adds(b, "</td></tr>\n");
}

static void open_tasks(struct site *c, fr_buf *b, int depth, const char *name)
{
	static const char *const heads[] = { "Task", "Target", "Due", "From" };
	size_t n, i, j, k, shown = 0;
	const fr_record *const *rs;
	const fr_record *meeting = NULL;
	struct task t;

#define ROW(T)                                                                 \
	do {                                                                   \
		if (!shown++)                                                  \
			site_th_row(c, b, heads, FR_ARRAY_LEN(heads));              \
		task_row(c, b, depth, &(T));                                   \
	} while (0)

	/* this week's key tasks: the latest weekly meeting held by today */
	rs = fr_set_kind(c->set, "weekly-meeting", &n);
	for (i = 0; i < n; i++) {
		int start = site_period_start(fr_map_str(rs[i]->fm, "week"));
		if (start != FR_NO_DATE && start <= c->today)
			meeting = rs[i];
	}
	if (meeting) {
		const fr_node *reps = fr_map_get(meeting->fm, "reports"), *deps = fr_map_get(meeting->fm, "departments");
		const fr_node *co = fr_map_get(meeting->fm, "company");
		const char *week = fr_map_str(meeting->fm, "week");
		for (i = 0; i < site_seq_len(reps); i++) {
			const fr_node *tw = fr_map_get(reps->items[i], "this_week");
			if (!site_str_eq(fr_map_str(reps->items[i], "person"), name))
				continue;
			for (j = 0; j < site_seq_len(tw); j++) {
				t.what = fr_map_str(tw->items[j], "task");
				t.due = fr_map_str(tw->items[j], "due") ? fr_map_str(tw->items[j], "due") : week;
				t.path = meeting->path;
				t.source = site_fmt(c, L("weekly meeting %s"), week);
				t.item = tw->items[j];
				ROW(t);
			}
		}
		for (i = 0; i < site_seq_len(deps); i++) {
			const fr_node *ts = fr_map_get(deps->items[i], "tasks");
			for (j = 0; j < site_seq_len(ts); j++) {
				if (!site_str_eq(fr_map_str(ts->items[j], "owner"), name))
					continue;
				t.what = fr_map_str(ts->items[j], "task");
				t.due = fr_map_str(ts->items[j], "due");
				t.path = meeting->path;
				t.source = site_fmt(c, L("weekly meeting %s"), week);
				t.item = NULL;
				ROW(t);
			}
		}
		for (i = 0; i < site_seq_len(co); i++) {
			if (!site_str_eq(fr_map_str(co->items[i], "owner"), name))
				continue;
			t.what = fr_map_str(co->items[i], "task");
			t.due = fr_map_str(co->items[i], "due") ? fr_map_str(co->items[i], "due") : week;
			t.path = meeting->path;
			t.source = site_fmt(c, L("weekly meeting %s"), week);
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
			for (j = 0; j < site_seq_len(items); j++) {
				const char *due = fr_map_str(items->items[j], "due");
				int day;
				if (!site_str_eq(fr_map_str(items->items[j], lists[k][1]), name) || !due ||
				    fr_date_parse(due, &day) || day < c->today)
					continue;
				t.what = fr_map_str(items->items[j], lists[k][2]);
				t.due = due;
				t.path = rs[i]->path;
				t.source = site_fmt(c, L("monthly plan %s"), fr_map_str(rs[i]->fm, "month"));
				t.item = NULL;
				ROW(t);
			}
		}
	}
	if (shown)
		site_table_end(b);
	else
		site_para(b, "muted", L("No open tasks."));
#undef ROW
}

static void open_decisions(struct site *c, fr_buf *b, int depth, const char *name)
{
	static const char *const heads[] = { "Decision", "Due", "Status", "Meeting" };
	size_t n, i, j, shown = 0;
	const fr_record *const *rs = fr_set_kind(c->set, "meeting", &n);
	for (i = 0; i < n; i++) {
		const fr_node *ds = fr_map_get(rs[i]->fm, "decisions");
		for (j = 0; j < site_seq_len(ds); j++) {
			const fr_node *d = ds->items[j];
			const char *due = fr_map_str(d, "due");
			int day, late;
			if (!site_str_eq(fr_map_str(d, "owner"), name) || !site_str_eq(fr_map_str(d, "status"), "open"))
				continue;
			late = due && !fr_date_parse(due, &day) && day < c->today;
			if (!shown++)
				site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
			fr_buf_adds(b, "<tr>");
			site_text_td(b, fr_map_str(d, "decision"));
			site_text_td(b, due);
			fr_buf_addf(b, "<td class=\"st-%s\">", late ? "overdue" : "open");
			site_esc(b, L(late ? "overdue" : "due"));
			fr_buf_adds(b, "</td><td>");
			site_record_link(c, b, depth, rs[i]->path,
				    fr_asprintf(c->a, "%s %s", fr_map_str(rs[i]->fm, "date") ? fr_map_str(rs[i]->fm, "date") : "",
						fr_map_str(rs[i]->fm, "title") ? fr_map_str(rs[i]->fm, "title") : ""));
			fr_buf_adds(b, "</td></tr>\n");
		}
	}
	if (shown)
		site_table_end(b);
	else
		site_para(b, "muted", L("No open decisions."));
}

int site_person_page(struct site *c, const struct site_named *p, const struct site_dues *due)
{
	fr_buf b = FR_BUF_INIT;
	const fr_person *cp = fr_config_person(c->cfg, p->name);
	const fr_node *sp = site_sum_get(c, "people"), *me = NULL, *recs = site_sum_get(c, "records");
	const fr_node *w, *m;
	int depth = site_depth_of(p->path), rc;
	size_t i, shown = 0;
	double v;

	for (i = 0; i < site_seq_len(sp); i++)
		if (site_str_eq(fr_map_str(sp->items[i], "person"), p->name))
			me = sp->items[i];
	site_page_begin(c, &b, depth, p->name, cp && cp->role ? L(cp->role) : L("not in the roster"));
	w = site_latest_row(c, fr_map_get(me, "weeks"), "week", "rate");
	m = site_latest_row(c, fr_map_get(me, "months"), "month", "rate");
	for (i = 0; i < due->nrates && !site_str_eq(due->rates[i].person, p->name); i++)
		;
	if (w || m || i < due->nrates) {
		fr_buf_adds(&b, "<div class=\"kpis\">\n");
		if (w)
			site_kpi(&b, site_fmt(c, L("Rate, week %s"), fr_map_str(w, "week")),
			    fr_map_num(w, "rate", &v) ? v : 0, 1, NULL);
		if (m)
			site_kpi(&b, site_fmt(c, L("Rate, month %s"), fr_map_str(m, "month")),
			    fr_map_num(m, "rate", &v) ? v : 0, 1, NULL);
		if (i < due->nrates && due->rates[i].total)
			site_kpi(&b, L("On-time rate"),
			    (double)due->rates[i].on_time / (double)due->rates[i].total, 1, NULL);
		fr_buf_adds(&b, "</div>\n");
	}
	site_h2(&b, "weeks", L("Weekly achievement rate"));
	if (!site_rate_chart(c, &b, site_sum_get(c, "weeks"), "week", p->name,
			site_fmt(c, L("Weekly achievement rate of %s"), p->name),
			L("Solid: this person; dashed: the team. Rates are of the week the tasks were for.")))
		site_para(&b, "muted", L("No weekly rates."));
	site_h2(&b, "months", L("Monthly achievement rate"));
	if (!site_rate_chart(c, &b, site_sum_get(c, "months"), "month", p->name,
			site_fmt(c, L("Monthly achievement rate of %s"), p->name),
			L("Solid: this person; dashed: the team. Rates are of the month summarised.")))
		site_para(&b, "muted", L("No monthly rates."));
	site_h2(&b, "flagged", L("Flagged deviations"));
	if (!site_flagged_table(c, &b, depth, NULL, NULL, p->name, 1))
		site_para(&b, "muted", L("No deviation over the threshold."));
	site_h2(&b, "tasks", L("Open tasks"));
	open_tasks(c, &b, depth, p->name);
	site_h2(&b, "decisions", L("Open decisions"));
	open_decisions(c, &b, depth, p->name);
	site_h2(&b, "due", L("Due and late"));
	site_due_table(c, &b, depth, due, p->name);
	site_h2(&b, "records", L("Records"));
	for (i = 0; i < site_seq_len(recs); i++) {
		const fr_node *e = recs->items[i];
		if (!site_str_eq(fr_map_str(e, "person"), p->name))
			continue;
		if (!shown++)
			fr_buf_adds(&b, "<ul class=\"cols\">\n");
		fr_buf_adds(&b, "<li>");
		site_record_link(c, &b, depth, fr_map_str(e, "path"),
			    fr_asprintf(c->a, "%s %s", fr_site_kind_title(c->loc, fr_map_str(e, "kind")),
					fr_map_str(e, "title") ? fr_map_str(e, "title") : ""));
		fr_buf_adds(&b, "</li>\n");
	}
	if (shown)
		fr_buf_adds(&b, "</ul>\n");
	else
		site_para(&b, "muted", L("No records."));
	site_page_end(c, &b);
	rc = site_write_file(c, p->path, &b);
	fr_buf_free(&b);
	return rc;
}
