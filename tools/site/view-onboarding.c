/* view-onboarding.c - a new customer's first month as a timeline from D-1 to D+26: each step's
 * due day, the day it was done and whether in time, from the kind's figures (onboarding.c) */
#include "site.h"
#include "date.h"
#include "html.h"
#include "util.h"

#include <string.h>

static const char *const onboarding_keys[] = { "kind", "customer", "owner", "first_pickup", "steps",
					       "notes", NULL };

static void step_li(struct site *c, fr_buf *b, const fr_node *s)
{
	const char *state = fr_map_str(s, "state"), *step = fr_map_str(s, "step");
	const char *due = fr_map_str(s, "due"), *done = fr_map_str(s, "done");
	double off = 0;
	int dday, ddone;
	if (!site_str_eq(state, "done") && !site_str_eq(state, "late") && !site_str_eq(state, "overdue"))
		state = "open";
	fr_map_num(s, "offset", &off);
	fr_buf_addf(b, "<li class=\"t-%s\"><span class=\"tday\">D", state);
	if (off > 0)
		fr_buf_addf(b, "+%.0f", off);
	else if (off < 0)
		fr_buf_addf(b, "%.0f", off);
	fr_buf_adds(b, "</span><span class=\"muted\">");
	site_esc(b, due ? due : SITE_DASH);
	fr_buf_adds(b, "</span><br><strong>");
	site_esc(b, step ? L(step) : SITE_DASH);
	fr_buf_addf(b, "</strong> <span class=\"st-%s step-state\">", state);
	site_esc(b, L(fr_asprintf(c->a, "step %s", state)));
	fr_buf_adds(b, "</span>");
	if (done) {
		fr_buf_adds(b, "<br><span class=\"muted\">");
		site_esc(b, site_fmt(c, L("done on %s"), done));
		if (site_str_eq(state, "late") && due && !fr_date_parse(due, &dday) && !fr_date_parse(done, &ddone))
			site_esc(b, fr_asprintf(c->a, L(", %d day(s) late"), ddone - dday));
		fr_buf_adds(b, "</span>");
	} else if (due && !fr_date_parse(due, &dday)) {
		fr_buf_addf(b, "<br><span class=\"st-%s\">", state);
		site_esc(b, site_days_text(c, dday));
		fr_buf_adds(b, "</span>");
	}
	fr_buf_adds(b, "</li>\n");
}

const char *const *site_view_onboarding(struct site *c, fr_buf *b, size_t idx, int depth)
{
	const fr_record *r = c->set->recs[idx];
	const fr_node *fig = fr_map_get(c->entry[idx], "figures"), *steps = fr_map_get(fig, "steps");
	const fr_node *next = fr_map_get(fig, "next");
	double done = 0, late = 0;
	size_t i;

	if (!fig || fig->type != FR_MAP || !site_seq_len(steps))
		return NULL;
	fr_map_num(fig, "done", &done);
	fr_map_num(fig, "late", &late);
	/* done late and not done by their day both count: the manager's question is "which slipped" */
	for (i = 0; i < steps->n; i++)
		late += site_str_eq(fr_map_str(steps->items[i], "state"), "overdue");
	fr_buf_adds(b, "<dl class=\"facts\">\n");
	site_fact(c, b, "Customer", fr_map_str(r->fm, "customer"));
	site_fact_person(c, b, depth, "Owner", fr_map_str(r->fm, "owner"));
	site_fact(c, b, "First pickup (D)", fr_map_str(r->fm, "first_pickup"));
	if (fr_map_str(r->fm, "notes"))
		site_fact(c, b, "Remarks", fr_map_str(r->fm, "notes"));
	fr_buf_adds(b, "</dl>\n<div class=\"kpis\">\n");
	fr_buf_addf(b, "<div class=\"kpi\"><span class=\"v num steps-done\">%.0f / %zu</span><span class=\"l\">",
		    done, steps->n);
	site_esc(b, L("Steps done"));
	fr_buf_addf(b, "</span></div>\n<div class=\"kpi\"><span class=\"v num steps-late%s\">%.0f</span><span class=\"l\">",
		    late > 0 ? " flag-high" : "", late);
	site_esc(b, L("Steps late or overdue"));
	fr_buf_adds(b, "</span></div>\n<div class=\"kpi\"><span class=\"v next-step\">");
	site_esc(b, next && next->type == FR_MAP ? L(fr_map_str(next, "step")) : L("all done"));
	fr_buf_adds(b, "</span><span class=\"l\">");
	site_esc(b, next && next->type == FR_MAP ? site_fmt(c, L("Next step, due %s"), fr_map_str(next, "due"))
						 : L("Next step"));
	fr_buf_adds(b, "</span></div>\n</div>\n");
	site_h2(b, "timeline", L("Timeline"));
	fr_buf_adds(b, "<ol class=\"timeline\">\n");
	for (i = 0; i < steps->n; i++)
		step_li(c, b, steps->items[i]);
	fr_buf_adds(b, "</ol>\n");
	return onboarding_keys;
}
