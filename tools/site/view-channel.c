/* view-channel.c - a specialist's month of channel services: the classified and key-customer
 * counts against the handbook's two and one (the kind's figures, channel.c), each service with
 * its effect, the price and satisfaction surveys */
#include "site.h"
#include "html.h"
#include "util.h"

#include <string.h>

static const char *const channel_keys[] = { "kind", "month", "specialist", "services", "price_survey",
					    "satisfaction_survey", "notes", NULL };

static void count_kpi(struct site *c, fr_buf *b, const fr_node *fig, const char *key, double need,
		      const char *label)
{
	double n = 0;
	fr_map_num(fig, key, &n);
	fr_buf_addf(b, "<div class=\"kpi\"><span class=\"v num %s %s\">", key, n >= need ? "ok" : "flag-low");
	fr_html_num(b, n);
	fr_buf_adds(b, "</span><span class=\"l\">");
	site_esc(b, L(label));
	fr_buf_adds(b, "</span></div>\n");
}

const char *const *site_view_channel(struct site *c, fr_buf *b, size_t idx, int depth)
{
	const fr_record *r = c->set->recs[idx];
	const fr_node *fig = fr_map_get(c->entry[idx], "figures"), *sv = fr_map_get(r->fm, "services");
	const fr_node *price = fr_map_get(r->fm, "price_survey"), *sat = fr_map_get(r->fm, "satisfaction_survey");
	size_t i;

	if (!fig || fig->type != FR_MAP)
		return NULL;
	fr_buf_adds(b, "<dl class=\"facts\">\n");
	site_fact_person(c, b, depth, "Specialist", fr_map_str(r->fm, "specialist"));
	site_fact(c, b, "Month", fr_map_str(r->fm, "month"));
	if (fr_map_str(r->fm, "notes"))
		site_fact(c, b, "Remarks", fr_map_str(r->fm, "notes"));
	fr_buf_adds(b, "</dl>\n<div class=\"kpis\">\n");
	count_kpi(c, b, fig, "classified", 2, "Classified services (two a month at least)");
	count_kpi(c, b, fig, "key_customer", 1, "Key-customer services (one a month at least)");
	fr_buf_adds(b, "</div>\n");

	site_h2(b, "services", L("Services"));
	site_para(b, "muted", L("Effect first, process second."));
	if (!site_seq_len(sv))
		site_para(b, "muted", L("No services this month."));
	for (i = 0; i < site_seq_len(sv); i++) {
		const fr_node *s = sv->items[i];
		const char *type = fr_map_str(s, "type");
		fr_buf_adds(b, "<section class=\"item\">\n<h3>");
		site_esc(b, fr_map_str(s, "date") ? fr_map_str(s, "date") : SITE_DASH);
		fr_buf_adds(b, " ");
		site_badge(b, site_str_eq(type, "key-customer") ? "card-yellow" : NULL,
			   type ? L(fr_asprintf(c->a, "type %s", type)) : SITE_DASH);
		fr_buf_adds(b, "</h3>\n<dl class=\"facts\">\n");
		site_dt(c, b, "Customers");
		site_people_list(c, b, depth, fr_map_get(s, "customers"));
		site_dd_end(b);
		if (fr_map_str(s, "content"))
			site_fact(c, b, "Content", fr_map_str(s, "content"));
		site_dt(c, b, "Effect");
		fr_buf_adds(b, "<strong>");
		site_esc(b, fr_map_str(s, "effect") ? fr_map_str(s, "effect") : SITE_DASH);
		fr_buf_adds(b, "</strong>");
		site_dd_end(b);
		if (fr_map_str(s, "notes"))
			site_fact(c, b, "Remarks", fr_map_str(s, "notes"));
		fr_buf_adds(b, "</dl>\n</section>\n");
	}

	site_h2(b, "surveys", L("Surveys"));
	fr_buf_adds(b, "<dl class=\"facts\">\n");
	site_dt(c, b, "Price survey");
	if (price) {
		site_esc(b, fr_map_str(price, "date") ? fr_map_str(price, "date") : SITE_DASH);
		fr_buf_adds(b, L(": "));
		site_esc(b, fr_map_str(price, "summary") ? fr_map_str(price, "summary") : SITE_DASH);
	} else {
		fr_buf_adds(b, "<span class=\"muted\">");
		site_esc(b, L("none this month (one at least every two months)"));
		fr_buf_adds(b, "</span>");
	}
	site_dd_end(b);
	site_dt(c, b, "Satisfaction survey");
	if (sat) {
		double v;
		site_esc(b, fr_map_str(sat, "date") ? fr_map_str(sat, "date") : SITE_DASH);
		fr_buf_adds(b, L(": "));
		if (fr_map_num(sat, "score", &v))
			fr_buf_addf(b, "<strong>%.1f</strong> / 5", v);
		else
			fr_buf_adds(b, SITE_DASH);
		if (fr_map_num(sat, "responses", &v))
			site_esc(b, fr_asprintf(c->a, L(", %g responses"), v));
	} else {
		fr_buf_adds(b, "<span class=\"muted\">");
		site_esc(b, L("none this month (one at least every six months)"));
		fr_buf_adds(b, "</span>");
	}
	site_dd_end(b);
	fr_buf_adds(b, "</dl>\n");
	return channel_keys;
}
