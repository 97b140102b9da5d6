/* dashboard.c - index.html: the team's rates, this week, cards, partners, what is due, every page */
#include "site.h"
#include "date.h"
#include "html.h"
#include "svg.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- the dashboard ---- */

static void dash_weeks(struct site *c, fr_buf *b, const fr_node *week)
{
	const fr_node *people = fr_map_get(week, "people");
	const char *label = fr_map_str(week, "week");
	size_t n = site_seq_len(people), i;
	fr_svg_bar *bars;

	site_h2(b, "week", site_fmt(c, L("This week by person: %s"), label ? label : SITE_DASH));
	if (!week) {
		site_para(b, "muted", L("No weekly meeting has reported actuals yet."));
		return;
	}
	site_para(b, "muted", L("Rates are of the week the tasks were for, reported at the next Monday's meeting."));
	bars = fr_xcalloc(n + 1, sizeof(*bars));
	for (i = 0; i < n; i++) {
		bars[i].label = fr_map_str(people->items[i], "person");
		if (!bars[i].label)
			bars[i].label = "?";
		bars[i].has = fr_map_num(people->items[i], "rate", &bars[i].v);
		bars[i].note = L("no actuals reported");
	}
	fr_buf_adds(b, "<figure>\n<div class=\"scroll end\">\n");
	fr_svg_bar_chart(b, site_fmt(c, L("Achievement rate by person, %s"), label), bars, n,
			 c->cfg->threshold);
	fr_buf_adds(b, "</div>\n<figcaption>");
	site_esc(b, site_fmt(c, L("Shaded: within %s of target; red below, orange above."),
		   fr_asprintf(c->a, "\xc2\xb1%.0f%%", c->cfg->threshold * 100)));
	fr_buf_adds(b, "</figcaption>\n</figure>\n");
	free(bars);
	fr_buf_adds(b, "<h3>");
	site_esc(b, L("Flagged deviations and their reasons"));
	fr_buf_adds(b, "</h3>\n");
	if (!site_flagged_table(c, b, 0, "weekly-meeting", label, NULL, 0))
		site_para(b, "muted", L("No deviation over the threshold."));
}

static void dash_cards(struct site *c, fr_buf *b)
{
	static const char *const heads[] = { "Week", "Card", "Product", "Quantity", "Sold",
					     "Sell-through", "Status", "Deadline", "Assignees" };
	const fr_node *cards = site_sum_get(c, "cards");
	const char *latest = NULL;
	double qty = 0, sold = 0;
	size_t i, shown = 0;

	site_h2(b, "cards", L("Red and yellow cards"));
	for (i = 0; i < site_seq_len(cards); i++) {
		const char *w = fr_map_str(cards->items[i], "week");
		int start = site_period_start(w);
		if (start != FR_NO_DATE && start <= c->today && (!latest || strcmp(w, latest) > 0))
			latest = w;
	}
	if (!latest) {
		site_para(b, "muted", L("No red or yellow cards yet."));
		return;
	}
	for (i = 0; i < site_seq_len(cards); i++) {
		const fr_node *p = cards->items[i];
		double q, s;
		if (site_str_eq(fr_map_str(p, "week"), latest) && fr_map_num(p, "quantity", &q)) {
			qty += q;
			if (fr_map_num(p, "sold", &s))
				sold += s;
		}
	}
	fr_buf_adds(b, "<div class=\"kpis\">\n");
	site_kpi(b, site_fmt(c, L("Sell-through, cards of %s"), latest), qty > 0 ? sold / qty : 0, qty > 0, NULL);
	fr_buf_adds(b, "</div>\n");
	site_para(b, "muted", L("The latest week's cards, and earlier ones not sold out yet."));
	for (i = 0; i < site_seq_len(cards); i++) {
		const fr_node *p = cards->items[i];
		const char *st = fr_map_str(p, "status"), *card = fr_map_str(p, "card");
		if (!site_str_eq(fr_map_str(p, "week"), latest) && !site_str_eq(st, "overdue") && !site_str_eq(st, "open"))
			continue;
		if (!shown++)
			site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
		fr_buf_adds(b, "<tr><td>");
		site_record_link(c, b, 0, fr_map_str(p, "path"), fr_map_str(p, "week"));
		fr_buf_adds(b, "</td><td>");
		if (site_str_eq(card, "red") || site_str_eq(card, "yellow"))
			fr_buf_addf(b, "<span class=\"badge card-%s\">", card);
		else
			fr_buf_adds(b, "<span class=\"badge\">");
		site_esc(b, card ? L(card) : SITE_DASH);
		fr_buf_adds(b, "</span></td><td class=\"t\">");
		site_product(c, b, fr_map_str(p, "sku"), fr_map_str(p, "name"));
		fr_buf_adds(b, "</td>");
		site_num_td(b, p, "quantity", NULL);
		site_num_td(b, p, "sold", NULL);
		site_rate_td(b, p, "sell_through");
		if (st && (!strcmp(st, "done") || !strcmp(st, "late") || !strcmp(st, "overdue") ||
			   !strcmp(st, "open")))
			fr_buf_addf(b, "<td class=\"st-%s\">", st);
		else
			fr_buf_adds(b, "<td>");
		site_esc(b, st ? L(site_fmt(c, "card %s", st)) : SITE_DASH);
		fr_buf_adds(b, "</td>");
		site_text_td(b, fr_map_str(p, "deadline"));
		fr_buf_adds(b, "<td>");
		site_people_list(c, b, 0, fr_map_get(p, "assignees"));
		fr_buf_adds(b, "</td></tr>\n");
	}
	if (shown)
		site_table_end(b);
}

static void dash_partners(struct site *c, fr_buf *b)
{
	static const char *const heads[] = { "Rank", "Partner", "Class", "Month", "Score", "Grade" };
	const fr_node *ps = site_sum_get(c, "partners");
	size_t i;

	site_h2(b, "partners", L("Partners by score"));
	if (!site_seq_len(ps)) {
		site_para(b, "muted", L("No partner scorecards yet."));
		return;
	}
	site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < site_seq_len(ps); i++) {
		const fr_node *p = ps->items[i];
		const char *grade = fr_map_str(p, "grade");
		fr_buf_addf(b, "<tr><td class=\"num\">%zu</td><td>", i + 1);
		site_record_link(c, b, 0, fr_map_str(p, "path"), fr_map_str(p, "partner"));
		fr_buf_adds(b, "</td>");
		site_text_td(b, fr_map_str(p, "class"));
		site_text_td(b, fr_map_str(p, "month"));
		site_num_td(b, p, "score", NULL);
		fr_buf_adds(b, site_str_eq(grade, "improve") ? "<td class=\"flag-low\">"
			       : site_str_eq(grade, "excellent") ? "<td class=\"ok\">" : "<td>");
		site_esc(b, grade ? L(grade) : SITE_DASH);
		fr_buf_adds(b, "</td></tr>\n");
	}
	site_table_end(b);
}

static void dash_lists(struct site *c, fr_buf *b)
{
	const fr_node *sp = site_sum_get(c, "people");
	size_t i, j, k;

	site_h2(b, "people", L("People"));
	if (c->npeople) {
		fr_buf_adds(b, "<ul class=\"cols\">\n");
		for (i = 0; i < c->npeople; i++) {
			const fr_person *p = fr_config_person(c->cfg, c->people[i].name);
			fr_buf_adds(b, "<li>");
			fr_html_link(b, 0, c->people[i].path, c->people[i].name);
			if (p && p->role) {
				fr_buf_adds(b, " <span class=\"muted\">");
				site_esc(b, L(p->role));
				fr_buf_adds(b, "</span>");
			}
			for (j = 0; j < site_seq_len(sp); j++) {
				const fr_node *e = sp->items[j];
				const fr_node *w;
				if (!site_str_eq(fr_map_str(e, "person"), c->people[i].name))
					continue;
				w = site_latest_row(c, fr_map_get(e, "weeks"), "week", "rate");
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
		site_para(b, "muted", L("No people in flowrec.yaml."));
	}

	site_h2(b, "processes", L("Processes"));
	if (c->nprocs) {
		fr_buf_adds(b, "<ul>\n");
		for (i = 0; i < c->nprocs; i++) {
			fr_buf_adds(b, "<li>");
			fr_html_link(b, 0, c->procs[i].path, c->procs[i].name);
			fr_buf_adds(b, "</li>\n");
		}
		fr_buf_adds(b, "</ul>\n");
	} else {
		site_para(b, "muted", L("No processes yet."));
	}

	site_h2(b, "records", L("Records"));
	for (k = 0; fr_kinds[k]; k++) {
		size_t n;
		const fr_record *const *recs = fr_set_kind(c->set, fr_kinds[k]->name, &n);
		if (!n)
			continue;
		fr_buf_adds(b, "<h3>");
		site_esc(b, fr_site_kind_title(c->loc, fr_kinds[k]->name));
		fr_buf_addf(b, " <span class=\"muted\">(%zu)</span></h3>\n<ul class=\"cols\">\n", n);
		for (i = j = 0; i < n; i++) {
			/* a kind's records are in the records' order: the search goes on from the
			 * last one found (from the start only on a miss) */
			while (j < c->set->n && c->set->recs[j] != recs[i])
				j++;
			if (j == c->set->n)
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
				site_esc(b, fr_map_str(c->entry[j], "subject"));
			}
			if (!recs[i]->valid) {
				fr_buf_adds(b, " <span class=\"flag-low\">");
				site_esc(b, L("(has errors)"));
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
			site_esc(b, L("Not readable as a record"));
			fr_buf_adds(b, "</h3>\n<ul>\n");
		}
		fr_buf_adds(b, "<li>");
		fr_html_link(b, 0, c->page[i], c->set->recs[i]->path);
		fr_buf_adds(b, "</li>\n");
	}
	if (j)
		fr_buf_adds(b, "</ul>\n");
}

int site_dashboard(struct site *c, const struct site_dues *due)
{
	fr_buf b = FR_BUF_INIT;
	const fr_node *weeks = site_sum_get(c, "weeks"), *months = site_sum_get(c, "months");
	const fr_node *week = site_latest_row(c, weeks, "week", "team_rate");
	const fr_node *month = site_latest_row(c, months, "month", "team_rate");
	size_t i, late = 0;
	double v;
	int rc;

	for (i = 0; i < due->list.n; i++)
		late += due->list.v[i].status == FR_DUE_OVERDUE || due->list.v[i].status == FR_DUE_MISSING;
	site_page_begin(c, &b, 0, L("Dashboard"), site_fmt(c, L("As of %s"), c->today_s));
	if (!c->sum)
		site_para(&b, "invalid", L("The figures could not be computed."));

	fr_buf_adds(&b, "<div class=\"kpis\">\n");
	site_kpi(&b, site_fmt(c, L("Team rate, week %s"), week ? fr_map_str(week, "week") : SITE_DASH),
	    fr_map_num(week, "team_rate", &v) ? v : 0, week != NULL, "team-week");
	site_kpi(&b, site_fmt(c, L("Team rate, month %s"), month ? fr_map_str(month, "month") : SITE_DASH),
	    fr_map_num(month, "team_rate", &v) ? v : 0, month != NULL, NULL);
	site_kpi_count(&b, L("Late items"), late, late ? "flag-low" : NULL);
	fr_buf_adds(&b, "</div>\n");

	site_h2(&b, "trend", L("Team achievement rate by week"));
	if (!site_rate_chart(c, &b, weeks, "week", NULL, L("Team achievement rate by week"),
			L("The mean of the people's rates; the shaded band is the reasonable deviation, the dashed line the target.")))
		site_para(&b, "muted", L("No weekly meeting has reported actuals yet."));

	dash_weeks(c, &b, week);

	site_h2(&b, "months", L("Team achievement rate by month"));
	if (!site_rate_chart(c, &b, months, "month", NULL, L("Team achievement rate by month"),
			L("Rates are of the month summarised, in the next month's plan.")))
		site_para(&b, "muted", L("No monthly summary yet."));
	if (month) {
		fr_buf_adds(&b, "<h3>");
		site_esc(&b, site_fmt(c, L("Flagged deviations and their reasons: %s"), fr_map_str(month, "month")));
		fr_buf_adds(&b, "</h3>\n");
		if (!site_flagged_table(c, &b, 0, "monthly-plan", fr_map_str(month, "month"), NULL, 0))
			site_para(&b, "muted", L("No deviation over the threshold."));
	}
	dash_cards(c, &b);
	dash_partners(c, &b);

	site_h2(&b, "due", L("Due and late"));
	site_due_table(c, &b, 0, due, NULL);
	site_h2(&b, "ontime", L("On-time rates"));
	site_ontime_table(c, &b, due);

	dash_lists(c, &b);
	site_page_end(c, &b);
	rc = site_write_file(c, "index.html", &b);
	fr_buf_free(&b);
	return rc;
}
