/* view.c - a record's data or figures as tables, labelled by its schema (the generic view) */
#include "site.h"
#include "date.h"
#include "html.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- a record's data, labelled by its schema ---- */

/* Follow local $refs ("#/$defs/x", any JSON pointer in the document). */
const fr_node *site_sch_resolve(const struct site_view *w, const fr_node *s)
{
	int hops;
	for (hops = 0; s && s->type == FR_MAP && hops < 16; hops++) {
		const char *ref = fr_map_str(s, "$ref"), *p;
		const fr_node *t = w->root;
		if (!ref || ref[0] != '#')
			return s;
		for (p = ref + 1; t && *p == '/';) {
			const char *e = strchr(p + 1, '/');
			size_t n = e ? (size_t)(e - p - 1) : strlen(p + 1);
			char key[128], *k = key;
			size_t i;
			if (n >= sizeof(key))
				return s;
			for (i = 0; i < n; i++) {   /* ~1 is '/', ~0 is '~' */
				char ch = p[1 + i];
				if (ch == '~' && i + 1 < n && (p[2 + i] == '0' || p[2 + i] == '1')) {
					*k++ = p[2 + i] == '1' ? '/' : '~';
					i++;
				} else {
					*k++ = ch;
				}
			}
			*k = '\0';
			t = fr_map_get(t, key);
			p += 1 + n;
		}
		if (!t)
			return s;
		s = t;
	}
	return s;
}

const fr_node *site_sch_prop(const struct site_view *w, const fr_node *s, const char *key)
{
	return fr_map_get(fr_map_get(site_sch_resolve(w, s), "properties"), key);
}

static const fr_node *sch_items(const struct site_view *w, const fr_node *s)
{
	return fr_map_get(site_sch_resolve(w, s), "items");
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Known figure keys: their label and how their numbers show. */
static const struct fig_key {
	const char *key, *label;
	char fmt;   /* '%' rate, 'l' a label to translate, 0 as is */
} fig_keys[] = {
	{ "team_rate", "Team rate", '%' },
	{ "rate", "Rate", '%' },
	{ "sell_through", "Sell-through", '%' },
	{ "sales_rate", "Sales rate", '%' },
	{ "profit_rate", "Profit rate", '%' },
	{ "action_completion", "Action completion", '%' },
	{ "review_score", "Review score", '%' },
	{ "deviation", "Deviation", '%' },
	{ "score", "Score", 0 },
	{ "grade", "Grade", 'l' },
	{ "status", "Status", 'l' },
	{ "card", "Card", 'l' },
	{ "step", "Step", 'l' },
	{ "people", "People", 0 },
	{ "person", "Person", 0 },
	{ "flagged", "Flagged", 0 },
	{ "unreported", "Unreported", 0 },
	{ "products", "Products", 0 },
	{ "overdue", "Overdue", 0 },
	{ "next", "Next step", 0 },
	{ "due", "Due", 0 },
	{ "done", "Steps done", 0 },
	{ "late", "Steps late", 0 },
	{ "classified", "Classified services", 0 },
	{ "key_customer", "Key-customer services", 0 },
	{ "week", "Week", 0 },
	{ "month", "Month", 0 },
	{ "summarises", "Summarises", 0 },
	{ "classes", "By class", 0 },
	{ "sku", "SKU", 0 },
	{ "name", "Name", 0 },
	{ "quantity", "Quantity", 0 },
	{ "sold", "Sold", 0 },
	{ "deadline", "Deadline", 0 },
	{ "assignees", "Assignees", 0 },
	{ "profit", "profit products", 0 },
	{ "key", "key products", 0 },
	{ "slow", "slow products", 0 },
	{ "star", "star products", 0 },
};

static const struct fig_key *fig_key(const char *key)
{
	size_t i;
	for (i = 0; key && i < FR_ARRAY_LEN(fig_keys); i++)
		if (!strcmp(fig_keys[i].key, key))
			return &fig_keys[i];
	return NULL;
}

/* "last_week" -> "Last week" */
static const char *humanize(struct site *c, const char *key)
{
	char *s = fr_strdup(c->a, key), *p;
	for (p = s; *p; p++)
		if (*p == '_' || *p == '-')
			*p = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 32);
	return s;
}

const char *site_key_label(const struct site_view *w, const fr_node *sch, const char *key)
{
	struct site *c = w->c;
	const char *title;
	if (w->figures) {
		const struct fig_key *k = fig_key(key);
		return k ? L(k->label) : humanize(c, key);
	}
	title = fr_map_str(sch, "title");
	if (!title)
		title = fr_map_str(site_sch_resolve(w, sch), "title");
	if (title && (!strcmp(fr_site_lang(c->loc), "zh-CN") || is_ascii(title)))
		return title;
	return humanize(c, key);
}

/* The label "KEY VALUE" when the table has one (an enum the schema states under allOf). */
static const char *key_value_label(struct site *c, const char *key, const char *val)
{
	const char *k = fr_asprintf(c->a, "%s %s", key ? key : "", val), *l = L(k);
	return strcmp(l, k) ? l : NULL;
}

/* An enum value in the team's language: the label "KEY VALUE" ("better lower", "status done":
 * the same word means different things under different keys), else the value's own label
 * ("red"), else the value. */
static const char *enum_label(struct site *c, const char *key, const char *val)
{
	const char *l = key_value_label(c, key, val);
	return l ? l : L(val);
}

static int is_person_key(const char *key)
{
	static const char *const keys[] = { "person", "owner", "host", "head", "by", "scorer",
					    "specialist", "assignees", "attendees", "invited",
					    "present", "presenter" };
	size_t i;
	for (i = 0; key && i < FR_ARRAY_LEN(keys); i++)
		if (!strcmp(keys[i], key))
			return 1;
	return 0;
}

void site_map_table(const struct site_view *w, fr_buf *b, const fr_node *m, const fr_node *sch, int nest)
{
	size_t i;
	if (!m->n) {
		fr_buf_adds(b, SITE_DASH);
		return;
	}
	fr_buf_adds(b, "<table class=\"kv\">\n<tbody>\n");
	for (i = 0; i < m->n; i++) {
		const char *key = m->pairs[i].key->str;
		const fr_node *ps = w->figures ? NULL : site_sch_prop(w, sch, key);
		fr_buf_adds(b, "<tr><th scope=\"row\">");
		site_esc(b, site_key_label(w, ps, key));
		fr_buf_adds(b, "</th><td>");
		site_value_html(w, b, m->pairs[i].val, ps, key, nest + 1);
		fr_buf_adds(b, "</td></tr>\n");
	}
	fr_buf_adds(b, "</tbody>\n</table>\n");
}

/* A sequence of mappings as one table: a column per key, in order of first appearance. */
static void seq_table(const struct site_view *w, fr_buf *b, const fr_node *seq, const fr_node *items, int nest)
{
	const char *cols[32];
	size_t nc = 0, i, j, k;
	for (i = 0; i < seq->n; i++)
		for (j = 0; j < seq->items[i]->n; j++) {
			const char *key = seq->items[i]->pairs[j].key->str;
			for (k = 0; k < nc && strcmp(cols[k], key); k++)
				;
			if (k == nc && nc < FR_ARRAY_LEN(cols))
				cols[nc++] = key;
		}
	if (!nc) {
		fr_buf_adds(b, SITE_DASH);
		return;
	}
	fr_buf_adds(b, "<div class=\"scroll\"><table>\n<thead><tr>");
	for (k = 0; k < nc; k++) {
		fr_buf_adds(b, "<th>");
		site_esc(b, site_key_label(w, w->figures ? NULL : site_sch_prop(w, items, cols[k]), cols[k]));
		fr_buf_adds(b, "</th>");
	}
	fr_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < seq->n; i++) {
		fr_buf_adds(b, "<tr>");
		for (k = 0; k < nc; k++) {
			const fr_node *v = fr_map_get(seq->items[i], cols[k]);
			fr_buf_adds(b, v && v->type == FR_NUMBER ? "<td class=\"num\">" : "<td>");
			if (v)
				site_value_html(w, b, v, w->figures ? NULL : site_sch_prop(w, items, cols[k]), cols[k],
					   nest + 1);
			fr_buf_adds(b, "</td>");
		}
		fr_buf_adds(b, "</tr>\n");
	}
	fr_buf_adds(b, "</tbody>\n</table></div>\n");
}

void site_value_html(const struct site_view *w, fr_buf *b, const fr_node *v, const fr_node *sch,
		       const char *key, int nest)
{
	struct site *c = w->c;
	const struct fig_key *fk = w->figures ? fig_key(key) : NULL;
	size_t i;
	int maps = 1;

	if (nest > 16) {
		fr_buf_adds(b, "\xe2\x80\xa6");
		return;
	}
	if (!v || v->type == FR_NULL) {
		fr_buf_adds(b, SITE_DASH);
		return;
	}
	switch (v->type) {
	case FR_BOOL:
		site_esc(b, L(v->boolean ? "yes" : "no"));
		break;
	case FR_NUMBER:
		if (fk && fk->fmt == '%')
			fr_html_rate(b, v->num, 1);
		else
			fr_html_num(b, v->num);
		break;
	case FR_STRING:
		if (fk && fk->fmt == 'l')
			site_esc(b, L(key && !strcmp(key, "status") ? site_fmt(c, "card %s", v->str) : v->str));
		else if (is_person_key(key))
			site_person(c, b, w->depth, v->str);
		else if (!w->figures && key && !strcmp(key, "kind"))
			site_esc(b, fr_site_kind_title(c->loc, v->str));
		else if (!w->figures && (fr_map_get(site_sch_resolve(w, sch), "enum") || key_value_label(c, key, v->str)))
			site_esc(b, enum_label(c, key, v->str));
		else
			fr_html_escn(b, v->str, v->len);
		break;
	case FR_SEQ:
		if (!v->n) {
			fr_buf_adds(b, SITE_DASH);
			break;
		}
		for (i = 0; i < v->n; i++)
			if (!v->items[i] || v->items[i]->type != FR_MAP)
				maps = 0;
		if (maps) {
			seq_table(w, b, v, w->figures ? NULL : sch_items(w, sch), nest);
			break;
		}
		for (i = 0; i < v->n; i++)
			if (v->items[i] && (v->items[i]->type == FR_SEQ || v->items[i]->type == FR_MAP))
				break;
		if (i == v->n) {   /* scalars: one line */
			for (i = 0; i < v->n; i++) {
				if (i)
					fr_buf_adds(b, L(", "));
				site_value_html(w, b, v->items[i], w->figures ? NULL : sch_items(w, sch), key, nest + 1);
			}
			break;
		}
		fr_buf_adds(b, "<ul>\n");
		for (i = 0; i < v->n; i++) {
			fr_buf_adds(b, "<li>");
			site_value_html(w, b, v->items[i], w->figures ? NULL : sch_items(w, sch), key, nest + 1);
			fr_buf_adds(b, "</li>\n");
		}
		fr_buf_adds(b, "</ul>\n");
		break;
	case FR_MAP:
		site_map_table(w, b, v, sch, nest);
		break;
	default:
		break;
	}
}

/* ---- an approval's cell ---- */

void site_signoff(struct site *c, fr_buf *b, int depth, const fr_node *a, int mark)
{
	if (!a) {
		fr_buf_adds(b, "<span class=\"st-open\">");
		site_esc(b, L("not yet"));
		fr_buf_adds(b, "</span>");
		return;
	}
	if (mark)
		fr_buf_adds(b, "<span class=\"st-done\">\xe2\x9c\x93</span> ");
	site_person(c, b, depth, fr_map_str(a, "by"));
	fr_buf_adds(b, " \xc2\xb7 ");
	site_esc(b, fr_map_str(a, "date") ? fr_map_str(a, "date") : SITE_DASH);
}
