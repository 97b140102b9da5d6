/* cards.c - the cards kind (红黄牌产品): its rules in code and its figures
 *
 * The schema owns C-MAX3 and C-ASSIGN. Here: C-MONDAY, C-PROFIT, C-TRACK, and the figures:
 * each product's deadline (red: Sunday of `week`; yellow: Sunday of the week after), its
 * sell-through and its status as of "today".
 */
#include "kind.h"
#include "date.h"
#include "i18n.h"

#include <math.h>
#include <string.h>

static const char *const key[] = { "week", NULL };
static const char *const people[] = { "products[].assignees[]", NULL };
static const char *const actions[] = {  NULL };

/* ---- C-MONDAY, C-PROFIT, C-TRACK ---- */

static void check_monday(fr_ctx *c, const fr_record *r)
{
	int monday = fr_record_week_monday(r), day;
	const fr_node *conf = fr_map_get(r->fm, "confirmed");
	char want[11];
	if (monday == FR_NO_DATE || fr_date_parse(fr_node_str(conf), &day) || day == monday)
		return;
	fr_date_format(monday, want);
	fr_rule(c, r, conf, "C-MONDAY",
		_("confirmed on '%s', not at the Monday meeting of week '%s' (%s)"), conf->str,
		fr_map_str(r->fm, "week"), want);
}

static void check_profit(fr_ctx *c, const fr_record *r, const fr_node *p)
{
	double price, partner;
	const char *sku = fr_map_str(p, "sku");
	if (!fr_map_num(p, "price", &price) || !fr_map_num(p, "partner_price", &partner) ||
	    partner > price)
		return;
	fr_rule(c, r, fr_map_get(p, "partner_price"), "C-PROFIT",
		_("the partner's price %g for '%s' is not above our price %g: the partner earns nothing"),
		partner, sku ? sku : "?", price);
}

/* Dates ascend strictly (two counts on one day are one count written twice) and the
 * cumulative `sold` never decreases. Each entry is compared with the last readable one. */
static void check_track(fr_ctx *c, const fr_record *r, const fr_node *p)
{
	size_t i, n = fr_map_len(p, "tracking");
	int last_day = FR_NO_DATE, day, have_sold = 0;
	double last_sold = 0, sold;
	for (i = 0; i < n; i++) {
		const fr_node *e = fr_map_item(p, "tracking", i);
		const fr_node *dn = fr_map_get(e, "date");
		if (!fr_date_parse(fr_node_str(dn), &day)) {
			if (last_day != FR_NO_DATE && day <= last_day)
				fr_rule(c, r, dn, "C-TRACK",
					_("tracking date '%s' is not after the one before it"), dn->str);
			last_day = day;
		}
		if (fr_map_num(e, "sold", &sold)) {
			if (have_sold && sold < last_sold)
				fr_rule(c, r, fr_map_get(e, "sold"), "C-TRACK",
					_("sold %g is less than the %g sold before: 'sold' counts all units sold so far"),
					sold, last_sold);
			last_sold = sold;
			have_sold = 1;
		}
	}
}

static void check(fr_ctx *c, const fr_record *r)
{
	size_t i, n;
	if (!r->fm || r->fm->type != FR_MAP)
		return;
	check_monday(c, r);
	n = fr_map_len(r->fm, "products");
	for (i = 0; i < n; i++) {
		const fr_node *p = fr_map_item(r->fm, "products", i);
		check_profit(c, r, p);
		check_track(c, r, p);
	}
}

/* ---- figures ---- */

/* What the tracking of one product says. */
struct sales {
	int tracked;     /* at least one entry with a number sold */
	double sold;     /* the last entry's sold */
	int sold_out_on; /* date of the first entry reaching quantity, FR_NO_DATE if none/unknown */
	int sold_out;    /* last sold >= quantity */
};

static void read_sales(const fr_node *p, struct sales *s)
{
	size_t i, n = fr_map_len(p, "tracking");
	double quantity = 0, sold;
	int day, reached = 0;
	int has_q = fr_map_num(p, "quantity", &quantity) && quantity > 0;
	memset(s, 0, sizeof(*s));
	s->sold_out_on = FR_NO_DATE;
	for (i = 0; i < n; i++) {
		const fr_node *e = fr_map_item(p, "tracking", i);
		if (!fr_map_num(e, "sold", &sold))
			continue;
		s->tracked = 1;
		s->sold = sold;
		if (has_q && sold >= quantity && !reached) {
			reached = 1;
			if (!fr_date_parse(fr_map_str(e, "date"), &day))
				s->sold_out_on = day;
		}
	}
	s->sold_out = has_q && s->tracked && s->sold >= quantity;
}

/* red: Sunday of the week; yellow: Sunday of the week after; FR_NO_DATE when unknown. */
static int deadline_of(const fr_record *r, const fr_node *p)
{
	int monday = fr_record_week_monday(r);
	const char *card = fr_map_str(p, "card");
	if (monday == FR_NO_DATE || !card)
		return FR_NO_DATE;
	if (!strcmp(card, "red"))
		return monday + 6;
	if (!strcmp(card, "yellow"))
		return monday + 13;
	return FR_NO_DATE;
}

/* done: sold out by the deadline; late: sold out after it; overdue: deadline passed and not
 * sold out; open otherwise. Sold out on an unknown day or without a deadline counts as done. */
static const char *status_of(const struct sales *s, int deadline, int today)
{
	if (s->sold_out)
		return deadline != FR_NO_DATE && s->sold_out_on != FR_NO_DATE &&
		       s->sold_out_on > deadline ? "late" : "done";
	return deadline != FR_NO_DATE && today > deadline ? "overdue" : "open";
}

/* A number, or null when it is not finite (a .inf in the record). */
static fr_node *number_or_null(fr_arena *a, int ok, double v)
{
	return ok && isfinite(v) ? fr_node_number(a, v) : fr_node_null(a);
}

static fr_node *date_or_null(fr_arena *a, int day)
{
	char buf[11];
	if (day == FR_NO_DATE)
		return fr_node_null(a);
	fr_date_format(day, buf);
	return fr_node_string(a, buf);
}

static fr_node *copy_or_null(fr_arena *a, const fr_node *map, const char *field, fr_type t)
{
	const fr_node *v = fr_map_get(map, field);
	if (!v || v->type != t)
		return fr_node_null(a);
	return t == FR_NUMBER ? number_or_null(a, 1, v->num) : fr_node_string(a, v->str);
}

static fr_node *assignees_of(fr_arena *a, const fr_node *p)
{
	fr_node *seq = fr_node_seq(a);
	size_t i, n = fr_map_len(p, "assignees");
	for (i = 0; i < n; i++) {
		const char *name = fr_node_str(fr_map_item(p, "assignees", i));
		if (name)
			fr_seq_push(a, seq, fr_node_string(a, name));
	}
	return seq;
}

/* {sku, name, card, quantity, sold, sell_through, status, deadline, assignees}; a product with
 * no count yet has sold and sell_through null. */
static fr_node *product_figures(fr_ctx *c, const fr_record *r, const fr_node *p, fr_arena *a,
				const struct sales *s)
{
	fr_node *f = fr_node_map(a);
	double quantity = 0;
	int deadline = deadline_of(r, p);
	int has_q = fr_map_num(p, "quantity", &quantity) && quantity > 0;
	fr_map_set(a, f, "sku", copy_or_null(a, p, "sku", FR_STRING));
	fr_map_set(a, f, "name", copy_or_null(a, p, "name", FR_STRING));
	fr_map_set(a, f, "card", copy_or_null(a, p, "card", FR_STRING));
	fr_map_set(a, f, "quantity", copy_or_null(a, p, "quantity", FR_NUMBER));
	fr_map_set(a, f, "sold", number_or_null(a, s->tracked, s->sold));
	fr_map_set(a, f, "sell_through",
		   number_or_null(a, s->tracked && has_q, has_q ? s->sold / quantity : 0));
	fr_map_set(a, f, "status", fr_node_string(a, status_of(s, deadline, c->today)));
	fr_map_set(a, f, "deadline", date_or_null(a, deadline));
	fr_map_set(a, f, "assignees", assignees_of(a, p));
	return f;
}

/* {week, sell_through, products}: products that are not mappings are left out. The overall
 * sell-through is the sum of last sold over the sum of quantity of the products that have a
 * count (as a person's rate leaves out unreported items); null when none has. */
static fr_node *figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	fr_node *f = fr_node_map(a), *prods = fr_node_seq(a);
	size_t i, n = fr_map_len(r->fm, "products");
	double sold = 0, quantity = 0, q;
	for (i = 0; i < n; i++) {
		const fr_node *p = fr_map_item(r->fm, "products", i);
		struct sales s;
		if (!p || p->type != FR_MAP)
			continue;
		read_sales(p, &s);
		fr_seq_push(a, prods, product_figures(c, r, p, a, &s));
		if (s.tracked && fr_map_num(p, "quantity", &q) && q > 0) {
			sold += s.sold;
			quantity += q;
		}
	}
	fr_map_set(a, f, "week", copy_or_null(a, r->fm, "week", FR_STRING));
	fr_map_set(a, f, "sell_through",
		   number_or_null(a, quantity > 0, quantity > 0 ? sold / quantity : 0));
	fr_map_set(a, f, "products", prods);
	return f;
}

const fr_kind fr_kind_cards = {
	.name = "cards",
	.title = N_("红黄牌产品"),
	.key = key,
	.people = people,
	.actions = actions,
	.check = check,
	.figures = figures,
};
