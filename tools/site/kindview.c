/* kindview.c - the views made for a kind: a record's page from its figures, in the team's
 * language, instead of the generic tables of its data (view.c) */
#include "site.h"
#include "html.h"
#include "util.h"

#include <string.h>

static const char *const weekly_keys[] = { "kind", "week", "date", "started", "minutes", "host",
					   "attendees", "reports", "departments", "company",
					   "midweek", NULL };

static void week_link(struct site *c, fr_buf *b, int depth, const fr_record *r, const char *label)
{
	const char *page = r ? site_page_of_path(c, r->path) : NULL;
	fr_buf_adds(b, "<span>");
	if (page)
		fr_html_link(b, depth, page, site_fmt(c, label, fr_map_str(r->fm, "week")));
	else
		fr_buf_adds(b, SITE_DASH);
	fr_buf_adds(b, "</span>");
}

static const char *const *weekly_view(struct site *c, fr_buf *b, size_t idx, int depth)
{
	struct site_minutes m;
	if (site_minutes_read(c, idx, &m))
		return NULL;
	fr_buf_adds(b, "<nav class=\"weeks\">");
	week_link(c, b, depth, m.prev, L("\xe2\x86\x90 %s"));
	week_link(c, b, depth, m.next, L("%s \xe2\x86\x92"));
	fr_buf_adds(b, "</nav>\n");
	site_minutes_html(c, b, &m, depth, 0);
	return weekly_keys;
}

static const struct {
	const char *kind;
	const char *const *(*view)(struct site *c, fr_buf *b, size_t idx, int depth);
} views[] = {
	{ "weekly-meeting", weekly_view },
	{ "cards", site_view_cards },
	{ "monthly-plan", site_view_monthly },
	{ "product-plan", site_view_product },
	{ "partner-scorecard", site_view_scorecard },
	{ "channel-service", site_view_channel },
	{ "onboarding", site_view_onboarding },
	{ "meeting", site_view_meeting },
};

const char *const *site_kind_view(struct site *c, fr_buf *b, size_t idx, int depth)
{
	const fr_record *r = c->set->recs[idx];
	size_t i;
	for (i = 0; r->k && r->fm && r->fm->type == FR_MAP && i < FR_ARRAY_LEN(views); i++)
		if (!strcmp(views[i].kind, r->k->name))
			return views[i].view(c, b, idx, depth);
	return NULL;
}

fr_node *site_other_fields(struct site *c, const fr_node *fm, const char *const *shown)
{
	fr_node *rest = fr_node_map(c->a);
	size_t i, k;
	for (i = 0; fm && fm->type == FR_MAP && i < fm->n; i++) {
		const char *key = fm->pairs[i].key->str;
		for (k = 0; shown[k] && strcmp(shown[k], key); k++)
			;
		if (!shown[k])
			fr_map_set(c->a, rest, key, fm->pairs[i].val);
	}
	return rest;
}
