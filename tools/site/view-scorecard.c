/* view-scorecard.c - a partner's scorecard: each factor with its weight, score and weighted
 * points, the total and grade (the kind's figures, scorecard.c), the review and the notice */
#include "site.h"
#include "html.h"
#include "util.h"

#include <string.h>

static const char *const scorecard_keys[] = { "kind", "partner", "class", "month", "scorer",
					      "factors", "reviewed", "notified", "notes", NULL };

static const char *grade_class(const char *grade)
{
	if (site_str_eq(grade, "excellent") || site_str_eq(grade, "good"))
		return "st-done";
	if (site_str_eq(grade, "pass"))
		return "st-open";
	return "st-overdue";
}

static void check_mark(struct site *c, fr_buf *b, const fr_node *m, const char *key, const char *label)
{
	const fr_node *v = fr_map_get(m, key);
	int yes = v && v->type == FR_BOOL && v->boolean;
	fr_buf_addf(b, "<span class=\"%s\">%s ", yes ? "st-done" : "st-overdue", yes ? "\xe2\x9c\x93" : "\xe2\x9c\x97");
	site_esc(b, L(label));
	fr_buf_adds(b, "</span>");
}

const char *const *site_view_scorecard(struct site *c, fr_buf *b, size_t idx, int depth)
{
	static const char *const heads[] = { "Factor", "Weight", "Score", "Points" };
	const fr_record *r = c->set->recs[idx];
	const fr_node *fig = fr_map_get(c->entry[idx], "figures"), *factors = fr_map_get(r->fm, "factors");
	const fr_node *rev = fr_map_get(r->fm, "reviewed"), *note = fr_map_get(r->fm, "notified");
	const char *grade = fr_map_str(fig, "grade");
	double score, wsum = 0;
	int has;
	size_t i;

	if (!fig || fig->type != FR_MAP)
		return NULL;
	has = fr_map_num(fig, "score", &score);
	fr_buf_adds(b, "<dl class=\"facts\">\n");
	site_fact(c, b, "Partner", fr_map_str(r->fm, "partner"));
	site_fact(c, b, "Class", fr_map_str(r->fm, "class"));
	site_fact(c, b, "Month", fr_map_str(r->fm, "month"));
	site_fact_person(c, b, depth, "Scorer", fr_map_str(r->fm, "scorer"));
	fr_buf_adds(b, "</dl>\n<div class=\"kpis\">\n<div class=\"kpi\"><span class=\"v num score\">");
	if (has)
		fr_buf_addf(b, "%.2f", score);
	else
		fr_buf_adds(b, SITE_DASH);
	fr_buf_adds(b, "</span><span class=\"l\">");
	site_esc(b, L("Score (of 100)"));
	fr_buf_addf(b, "</span></div>\n<div class=\"kpi\"><span class=\"v %s grade\">", grade_class(grade));
	site_esc(b, grade ? L(grade) : SITE_DASH);
	fr_buf_adds(b, "</span><span class=\"l\">");
	site_esc(b, L("Grade"));
	fr_buf_adds(b, "</span></div>\n</div>\n");
	site_para(b, "muted", L("Score = sum of weight \xc3\x97 score / 100; excellent from 90, good from 75, pass from 60."));

	site_h2(b, "factors", L("Factors"));
	site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < site_seq_len(factors); i++) {
		const fr_node *f = factors->items[i];
		double w = 0, s = 0;
		int has_w = fr_map_num(f, "weight", &w), has_s = fr_map_num(f, "score", &s);
		fr_buf_adds(b, "<tr>");
		site_text_td(b, fr_map_str(f, "name"));
		fr_buf_adds(b, "<td class=\"num\">");
		if (has_w) {
			fr_html_num(b, w);
			fr_buf_adds(b, "%");
		} else {
			fr_buf_adds(b, SITE_DASH);
		}
		fr_buf_adds(b, "</td><td class=\"num\"><div class=\"meter\">");
		site_bar(b, s / 100, has_s, s >= 75 ? "ok" : s >= 60 ? "high" : "low");
		fr_buf_adds(b, "<span class=\"mv\">");
		site_amount(b, f, "score", NULL);
		fr_buf_adds(b, "</span></div></td><td class=\"num\">");
		if (has_w && has_s) {
			fr_buf_addf(b, "%.2f", w * s / 100);
			wsum += w;
		} else {
			fr_buf_adds(b, SITE_DASH);
		}
		fr_buf_adds(b, "</td></tr>\n");
	}
	fr_buf_adds(b, "<tr class=\"total\"><th>");
	site_esc(b, L("Total"));
	fr_buf_adds(b, "</th><td class=\"num\">");
	fr_html_num(b, wsum);
	fr_buf_adds(b, "%</td><td></td><td class=\"num\"><strong>");
	if (has)
		fr_buf_addf(b, "%.2f", score);
	else
		fr_buf_adds(b, SITE_DASH);
	fr_buf_adds(b, "</strong></td></tr>\n");
	site_table_end(b);

	site_h2(b, "review", L("Review and notice"));
	fr_buf_adds(b, "<dl class=\"facts\">\n");
	site_dt(c, b, "Reviewed by the manager");
	site_signoff(c, b, depth, rev, 0);
	site_dd_end(b);
	site_dt(c, b, "Partner notified");
	if (note) {
		site_esc(b, fr_map_str(note, "date") ? fr_map_str(note, "date") : SITE_DASH);
		fr_buf_adds(b, " \xc2\xb7 ");
		check_mark(c, b, note, "written", "in writing");
		fr_buf_adds(b, " ");
		check_mark(c, b, note, "verbal", "verbally");
	} else {
		fr_buf_adds(b, "<span class=\"st-open\">");
		site_esc(b, L("not yet (by the 3rd of next month, in writing and verbally)"));
		fr_buf_adds(b, "</span>");
	}
	site_dd_end(b);
	if (fr_map_str(r->fm, "notes"))
		site_fact(c, b, "Remarks", fr_map_str(r->fm, "notes"));
	fr_buf_adds(b, "</dl>\n");
	return scorecard_keys;
}
