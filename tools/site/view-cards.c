/* view-cards.c - a week's red and yellow cards: each product's sell-through as a bar, its
 * deadline and the days left or overdue, from the kind's figures (cards.c) */
#include "site.h"
#include "date.h"
#include "html.h"
#include "util.h"

#include <string.h>

static const char *const cards_keys[] = { "kind", "week", "confirmed", "products", NULL };

static const char *tone_of(const char *status)
{
	if (site_str_eq(status, "done"))
		return "ok";
	if (site_str_eq(status, "late"))
		return "high";
	if (site_str_eq(status, "overdue"))
		return "low";
	return "accent";
}

/* One product: fig is its figures entry, p its mapping in the record. */
static void product_box(struct site *c, fr_buf *b, int depth, const fr_node *fig, const fr_node *p)
{
	const char *card = fr_map_str(fig, "card"), *status = fr_map_str(fig, "status");
	const char *deadline = fr_map_str(fig, "deadline");
	const fr_node *track = fr_map_get(p, "tracking");
	double st;
	int has_st = fr_map_num(fig, "sell_through", &st), day;
	size_t i;

	fr_buf_adds(b, "<section class=\"item\">\n<h3>");
	if (site_str_eq(card, "red") || site_str_eq(card, "yellow"))
		site_badge(b, site_str_eq(card, "red") ? "card-red" : "card-yellow", L(card));
	else
		site_badge(b, NULL, card ? card : SITE_DASH);
	fr_buf_adds(b, " ");
	site_product(c, b, fr_map_str(fig, "sku"), fr_map_str(fig, "name"));
	fr_buf_adds(b, "</h3>\n<div class=\"meter\">");
	site_bar(b, st, has_st, tone_of(status));
	fr_buf_adds(b, "<span class=\"mv\">");
	site_esc(b, L("Sold"));
	fr_buf_adds(b, " ");
	site_amount(b, fig, "sold", NULL);
	fr_buf_adds(b, " / ");
	site_amount(b, fig, "quantity", NULL);
	fr_buf_adds(b, " \xc2\xb7 <strong class=\"sell-through\">");
	fr_html_rate(b, st, has_st);
	fr_buf_adds(b, "</strong></span></div>\n<dl class=\"facts\">\n");
	site_dt(c, b, "Status");
	fr_buf_addf(b, "<span class=\"st-%s\">", tone_of(status)[0] == 'a' ? "open" : status);
	site_esc(b, status ? L(fr_asprintf(c->a, "card %s", status)) : SITE_DASH);
	fr_buf_adds(b, "</span>");
	site_dd_end(b);
	site_dt(c, b, "Deadline");
	site_esc(b, deadline ? deadline : SITE_DASH);
	if (deadline && !fr_date_parse(deadline, &day) &&
	    (site_str_eq(status, "open") || site_str_eq(status, "overdue"))) {
		fr_buf_addf(b, " <span class=\"st-%s days\">", site_str_eq(status, "overdue") ? "overdue" : "open");
		site_esc(b, site_days_text(c, day));
		fr_buf_adds(b, "</span>");
	}
	site_dd_end(b);
	site_dt(c, b, "Assignees");
	site_people_list(c, b, depth, fr_map_get(fig, "assignees"));
	site_dd_end(b);
	site_dt(c, b, "Price");
	site_amount(b, p, "price", NULL);
	fr_buf_adds(b, " \xe2\x86\x92 ");
	site_amount(b, p, "partner_price", NULL);
	fr_buf_adds(b, " <span class=\"muted\">");
	site_esc(b, L("(ours \xe2\x86\x92 the partner's resale)"));
	fr_buf_adds(b, "</span>");
	site_dd_end(b);
	fr_buf_adds(b, "</dl>\n");
	if (site_seq_len(track)) {
		static const char *const heads[] = { "Date", "Sold to date" };
		site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
		for (i = 0; i < track->n; i++) {
			fr_buf_adds(b, "<tr>");
			site_text_td(b, fr_map_str(track->items[i], "date"));
			site_num_td(b, track->items[i], "sold", NULL);
			fr_buf_adds(b, "</tr>\n");
		}
		site_table_end(b);
	} else {
		site_para(b, "muted", L("No sales tracked yet."));
	}
	fr_buf_adds(b, "</section>\n");
}

const char *const *site_view_cards(struct site *c, fr_buf *b, size_t idx, int depth)
{
	const fr_record *r = c->set->recs[idx];
	const fr_node *fig = fr_map_get(c->entry[idx], "figures"), *figs = fr_map_get(fig, "products");
	const fr_node *prods = fr_map_get(r->fm, "products");
	double st;
	int has = fr_map_num(fig, "sell_through", &st);
	size_t i, k = 0;

	if (!fig || fig->type != FR_MAP)
		return NULL;
	site_neighbour_nav(c, b, depth, r, "week", NULL, "\xe2\x86\x90 %s", "%s \xe2\x86\x92");
	fr_buf_adds(b, "<p>");
	site_esc(b, site_fmt(c, L("Confirmed at the meeting of %s"), fr_map_str(r->fm, "confirmed")));
	fr_buf_adds(b, " \xc2\xb7 ");
	site_esc(b, L("red: sold out by this Sunday; yellow: by next Sunday"));
	fr_buf_adds(b, "</p>\n<div class=\"kpis\">\n");
	site_kpi(b, L("Sell-through"), st, has, "sell-through-all");
	site_kpi_count(b, L("Products"), site_seq_len(figs), NULL);
	fr_buf_adds(b, "</div>\n");
	/* the figures list the products that are mappings, in the record's order */
	for (i = 0; i < site_seq_len(prods); i++) {
		if (prods->items[i]->type != FR_MAP || k >= site_seq_len(figs))
			continue;
		product_box(c, b, depth, figs->items[k++], prods->items[i]);
	}
	if (!k)
		site_para(b, "muted", L("No products."));
	return cards_keys;
}
