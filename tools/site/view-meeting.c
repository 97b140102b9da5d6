/* view-meeting.c - a meeting as its minutes: purpose, who came, the agenda against its time
 * limits, each decision with owner, due day and state (open, done, dropped, overdue), the
 * completion rate (the kind's figures, meeting.c) and the next meeting */
#include "site.h"
#include "date.h"
#include "html.h"
#include "util.h"

#include <string.h>

static const char *const meeting_keys[] = { "kind", "title", "date", "purpose", "host", "invited",
					    "present", "agenda", "minutes", "decisions", "next",
					    "distributed", "notes", NULL };

static int in_seq(const fr_node *seq, const char *s)
{
	size_t i;
	for (i = 0; s && i < site_seq_len(seq); i++)
		if (site_str_eq(fr_node_str(seq->items[i]), s))
			return 1;
	return 0;
}

const char *const *site_view_meeting(struct site *c, fr_buf *b, size_t idx, int depth)
{
	static const char *const agenda_heads[] = { "Topic", "Minutes", "Presenter" };
	const fr_record *r = c->set->recs[idx];
	const fr_node *fm = r->fm, *fig = fr_map_get(c->entry[idx], "figures");
	const fr_node *inv = fr_map_get(fm, "invited"), *pres = fr_map_get(fm, "present");
	const fr_node *agenda = fr_map_get(fm, "agenda"), *dec = fr_map_get(fm, "decisions");
	const fr_node *overdue = fr_map_get(fig, "overdue"), *next = fr_map_get(fm, "next");
	double v = 0, limit = 0, m;
	int has;
	size_t i, absent = 0;

	if (!fig || fig->type != FR_MAP)
		return NULL;
	fr_buf_adds(b, "<dl class=\"facts\">\n");
	site_fact(c, b, "Date", fr_map_str(fm, "date"));
	site_fact(c, b, "Purpose", fr_map_str(fm, "purpose"));
	site_fact_person(c, b, depth, "Host", fr_map_str(fm, "host"));
	site_dt(c, b, "Present");
	site_people_list(c, b, depth, pres);
	site_dd_end(b);
	for (i = 0; i < site_seq_len(inv); i++)
		if (!in_seq(pres, fr_node_str(inv->items[i]))) {
			if (!absent++)
				site_dt(c, b, "Absent");
			else
				fr_buf_adds(b, L(", "));
			site_person(c, b, depth, fr_node_str(inv->items[i]));
		}
	if (absent)
		site_dd_end(b);
	site_fact(c, b, "Minutes sent", fr_map_str(fm, "distributed") ? fr_map_str(fm, "distributed")
								    : L("not yet"));
	if (fr_map_str(fm, "notes"))
		site_fact(c, b, "Remarks", fr_map_str(fm, "notes"));
	fr_buf_adds(b, "</dl>\n<div class=\"kpis\">\n");
	/* v is set before it is passed: the order arguments are evaluated in is unspecified
	 * (clang reads v first, gcc last) */
	has = fr_map_num(fig, "action_completion", &v);
	site_kpi(b, L("Action completion"), v, has, "completion");
	site_kpi_count(b, L("Overdue"), site_seq_len(overdue), site_seq_len(overdue) ? "flag-low" : NULL);
	for (i = 0; i < site_seq_len(agenda); i++)
		if (fr_map_num(agenda->items[i], "minutes", &m))
			limit += m;
	fr_buf_adds(b, "<div class=\"kpi\"><span class=\"v num");
	if (fr_map_num(fm, "minutes", &v) && v > limit)
		fr_buf_adds(b, " flag-high");
	fr_buf_adds(b, "\">");
	site_amount(b, fm, "minutes", NULL);
	fr_buf_adds(b, " / ");
	fr_html_num(b, limit);
	fr_buf_adds(b, "</span><span class=\"l\">");
	site_esc(b, L("Minutes used / planned"));
	fr_buf_adds(b, "</span></div>\n</div>\n");

	site_h2(b, "agenda", L("Agenda"));
	if (site_seq_len(agenda)) {
		site_th_row(c, b, agenda_heads, FR_ARRAY_LEN(agenda_heads));
		for (i = 0; i < agenda->n; i++) {
			const fr_node *a = agenda->items[i];
			fr_buf_adds(b, "<tr>");
			site_text_td(b, fr_map_str(a, "topic"));
			site_num_td(b, a, "minutes", L("min"));
			fr_buf_adds(b, "<td>");
			site_person(c, b, depth, fr_map_str(a, "presenter"));
			fr_buf_adds(b, "</td></tr>\n");
		}
		site_table_end(b);
	} else {
		site_para(b, "muted", SITE_DASH);
	}

	site_h2(b, "decisions", L("Decisions"));
	if (site_seq_len(dec)) {
		fr_buf_adds(b, "<ul class=\"plain decisions\">\n");
		for (i = 0; i < dec->n; i++) {
			const fr_node *d = dec->items[i];
			const char *st = fr_map_str(d, "status"), *text = fr_map_str(d, "decision");
			const char *due = fr_map_str(d, "due");
			int late = site_str_eq(st, "open") && in_seq(overdue, text), day;
			fr_buf_adds(b, "<li>");
			fr_buf_addf(b, "<span class=\"badge %s\">",
				    late ? "st-overdue" : site_str_eq(st, "done") ? "st-done" :
				    site_str_eq(st, "open") ? "st-open" : "muted");
			site_esc(b, st ? L(fr_asprintf(c->a, "status %s", st)) : SITE_DASH);
			fr_buf_adds(b, "</span> ");
			site_esc(b, text ? text : SITE_DASH);
			fr_buf_adds(b, "<br><span class=\"muted\">");
			site_esc(b, L("Owner"));
			fr_buf_adds(b, L(": "));
			fr_buf_adds(b, "</span>");
			site_person(c, b, depth, fr_map_str(d, "owner"));
			fr_buf_adds(b, " <span class=\"muted\">\xc2\xb7 ");
			site_esc(b, L("Due"));
			fr_buf_adds(b, L(": "));
			site_esc(b, due ? due : SITE_DASH);
			fr_buf_adds(b, "</span>");
			if (site_str_eq(st, "open") && due && !fr_date_parse(due, &day)) {
				fr_buf_addf(b, " <span class=\"%s\">", late ? "st-overdue" : "st-open");
				site_esc(b, site_days_text(c, day));
				fr_buf_adds(b, "</span>");
			}
			if (fr_map_str(d, "notes")) {
				fr_buf_adds(b, "<br><span class=\"muted\">");
				site_esc(b, fr_map_str(d, "notes"));
				fr_buf_adds(b, "</span>");
			}
			fr_buf_adds(b, "</li>\n");
		}
		fr_buf_adds(b, "</ul>\n");
	} else {
		site_para(b, "muted", L("No decisions."));
	}

	site_h2(b, "next", L("Next meeting"));
	if (next) {
		const fr_node *t = fr_map_get(next, "topics");
		fr_buf_adds(b, "<p>");
		site_esc(b, fr_map_str(next, "date") ? fr_map_str(next, "date") : SITE_DASH);
		for (i = 0; i < site_seq_len(t); i++) {
			fr_buf_adds(b, i ? L(", ") : L(": "));
			site_esc(b, fr_node_str(t->items[i]) ? fr_node_str(t->items[i]) : SITE_DASH);
		}
		fr_buf_adds(b, "</p>\n");
	} else {
		site_para(b, "muted", L("none planned"));
	}
	return meeting_keys;
}
