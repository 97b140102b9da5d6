/* view-product.c - a product plan by class (star, key, slow, profit products): each product's
 * strategy and forecast against actual in 万元, the class's rates and the plan's, from the
 * kind's figures (product.c); the proposed cards, promotions and approvals */
#include "site.h"
#include "html.h"
#include "util.h"

#include <string.h>

static const char *const product_keys[] = { "kind", "month", "owner", "products", "cards",
					    "promotions", "approvals", NULL };

/* the handbook's order: what to push first */
static const char *const classes[] = { "star", "key", "profit", "slow" };

/* The unit of forecast and actual (the schema: "Sales and profit, in 万元"). */
#define MONEY L("ten thousand yuan")

static void rates_line(struct site *c, fr_buf *b, const fr_node *m)
{
	double v;
	int has = fr_map_num(m, "sales_rate", &v);
	fr_buf_adds(b, "<p class=\"muted\">");
	site_esc(b, L("Sales rate"));
	fr_buf_adds(b, L(": "));
	fr_buf_adds(b, "<strong class=\"mv\">");
	fr_html_rate(b, v, has);
	fr_buf_adds(b, "</strong> \xc2\xb7 ");
	has = fr_map_num(m, "profit_rate", &v);
	site_esc(b, L("Profit rate"));
	fr_buf_adds(b, L(": "));
	fr_buf_adds(b, "<strong class=\"mv\">");
	fr_html_rate(b, v, has);
	fr_buf_adds(b, "</strong></p>\n");
}

static void product_box(struct site *c, fr_buf *b, const fr_node *p)
{
	static const char *const heads[] = { "Item", "Forecast", "Actual", "Rate" };
	static const char *const rows[][2] = { { "sales", "Sales" }, { "profit", "Profit" } };
	const fr_node *fc = fr_map_get(p, "forecast"), *act = fr_map_get(p, "actual");
	const char *sell_by = fr_map_str(p, "sell_by"), *reason = fr_map_str(p, "reason");
	size_t i;
	fr_buf_adds(b, "<section class=\"item\">\n<h3>");
	site_product(c, b, fr_map_str(p, "sku"), fr_map_str(p, "name"));
	fr_buf_adds(b, "</h3>\n<dl class=\"facts\">\n");
	site_fact(c, b, "Strategy", fr_map_str(p, "strategy"));
	if (sell_by)
		site_fact(c, b, "Sell by", sell_by);
	if (reason)
		site_fact(c, b, "Reason", reason);
	if (fr_map_str(p, "notes"))
		site_fact(c, b, "Remarks", fr_map_str(p, "notes"));
	fr_buf_adds(b, "</dl>\n");
	site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
	for (i = 0; i < FR_ARRAY_LEN(rows); i++) {
		double f, a;
		int has = fr_map_num(fc, rows[i][0], &f) && fr_map_num(act, rows[i][0], &a) && f > 0;
		fr_buf_adds(b, "<tr>");
		site_text_td(b, L(rows[i][1]));
		site_num_td(b, fc, rows[i][0], MONEY);
		site_num_td(b, act, rows[i][0], MONEY);
		fr_buf_adds(b, "<td class=\"num\">");
		if (has)
			fr_html_rate(b, a / f, 1);
		else
			site_esc(b, fr_map_get(fc, rows[i][0]) ? L("no actual yet") : SITE_DASH);
		fr_buf_adds(b, "</td></tr>\n");
	}
	site_table_end(b);
	fr_buf_adds(b, "</section>\n");
}

static void approvals(struct site *c, fr_buf *b, int depth, const fr_node *ap)
{
	static const char *const steps[][2] = { { "confirm", "Confirmed by the manager" },
						{ "review", "Reviewed by the director" } };
	size_t i, k;
	fr_buf_adds(b, "<dl class=\"facts\">\n");
	for (k = 0; k < FR_ARRAY_LEN(steps); k++) {
		const fr_node *a = NULL;
		for (i = 0; i < site_seq_len(ap); i++)
			if (site_str_eq(fr_map_str(ap->items[i], "step"), steps[k][0]))
				a = ap->items[i];
		site_dt(c, b, steps[k][1]);
		site_signoff(c, b, depth, a, 1);
		site_dd_end(b);
	}
	fr_buf_adds(b, "</dl>\n");
}

const char *const *site_view_product(struct site *c, fr_buf *b, size_t idx, int depth)
{
	const fr_record *r = c->set->recs[idx];
	const fr_node *fig = fr_map_get(c->entry[idx], "figures"), *byclass = fr_map_get(fig, "classes");
	const fr_node *prods = fr_map_get(r->fm, "products"), *cards = fr_map_get(r->fm, "cards");
	const fr_node *promos = fr_map_get(r->fm, "promotions");
	double v = 0;
	int has;
	size_t i, k, other = 0;

	if (!fig || fig->type != FR_MAP)
		return NULL;
	fr_buf_adds(b, "<dl class=\"facts\">\n");
	site_fact_person(c, b, depth, "Owner", fr_map_str(r->fm, "owner"));
	site_fact(c, b, "Month", fr_map_str(r->fm, "month"));
	fr_buf_adds(b, "</dl>\n<div class=\"kpis\">\n");
	/* each v set before it is passed: argument evaluation order is unspecified */
	has = fr_map_num(fig, "sales_rate", &v);
	site_kpi(b, L("Sales rate"), v, has, "sales-rate");
	has = fr_map_num(fig, "profit_rate", &v);
	site_kpi(b, L("Profit rate"), v, has, "profit-rate");
	fr_buf_adds(b, "</div>\n");
	site_para(b, "muted", site_fmt(c, L("Rates are the sum of actuals over the sum of forecasts; amounts in %s."), MONEY));

	for (k = 0; k < FR_ARRAY_LEN(classes); k++) {
		const fr_node *m = fr_map_get(byclass, classes[k]);
		if (!m)
			continue;
		fr_buf_addf(b, "<h2 id=\"class-%s\">", classes[k]);
		site_esc(b, L(fr_asprintf(c->a, "class %s", classes[k])));
		fr_buf_adds(b, "</h2>\n");
		rates_line(c, b, m);
		for (i = 0; i < site_seq_len(prods); i++)
			if (site_str_eq(fr_map_str(prods->items[i], "class"), classes[k]))
				product_box(c, b, prods->items[i]);
	}
	/* a product whose class is none of the four (the record has an error) */
	for (i = 0; i < site_seq_len(prods); i++) {
		const char *cls = fr_map_str(prods->items[i], "class");
		for (k = 0; k < FR_ARRAY_LEN(classes) && !site_str_eq(cls, classes[k]); k++)
			;
		if (k < FR_ARRAY_LEN(classes))
			continue;
		if (!other++)
			site_h2(b, "class-other", L("Not classified"));
		product_box(c, b, prods->items[i]);
	}

	site_h2(b, "cards", L("Proposed red and yellow cards"));
	if (site_seq_len(cards)) {
		fr_buf_adds(b, "<p>");
		for (i = 0; i < cards->n; i++) {
			const char *sku = fr_node_str(cards->items[i]), *name = NULL;
			for (k = 0; sku && k < site_seq_len(prods); k++)
				if (site_str_eq(fr_map_str(prods->items[k], "sku"), sku))
					name = fr_map_str(prods->items[k], "name");
			if (i)
				fr_buf_adds(b, L(", "));
			site_product(c, b, sku, name);
		}
		fr_buf_adds(b, "</p>\n");
	} else {
		site_para(b, "muted", L("none"));
	}
	site_h2(b, "promotions", L("Promotions"));
	if (site_seq_len(promos)) {
		static const char *const heads[] = { "Name", "Starts", "Ends", "Budget" };
		site_th_row(c, b, heads, FR_ARRAY_LEN(heads));
		for (i = 0; i < promos->n; i++) {
			const fr_node *p = promos->items[i];
			fr_buf_adds(b, "<tr>");
			site_text_td(b, fr_map_str(p, "name"));
			site_text_td(b, fr_map_str(p, "start"));
			site_text_td(b, fr_map_str(p, "end"));
			site_num_td(b, p, "budget", MONEY);
			fr_buf_adds(b, "</tr>\n");
		}
		site_table_end(b);
	} else {
		site_para(b, "muted", L("none"));
	}
	site_h2(b, "approvals", L("Approvals"));
	approvals(c, b, depth, fr_map_get(r->fm, "approvals"));
	return product_keys;
}
