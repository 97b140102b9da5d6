/* process.c - processes/NAME.html: a process as a swimlane diagram, its steps and review */
#include "site.h"
#include "date.h"
#include "html.h"
#include "svg.h"
#include "util.h"

#include <string.h>
#include <stdlib.h>

/* ---- a process's page ---- */

int site_process_page(struct site *c, const struct site_named *p, const fr_record *r, size_t idx)
{
	static const char *const heads[] = { "Step", "Activity", "Role", "When", "Next" };
	const fr_node *steps = fr_map_get(r->fm, "steps"), *review = fr_map_get(r->fm, "review");
	const fr_node *fig = fr_map_get(c->entry[idx], "figures");
	const fr_schema *sc = fr_schemas_get(c->schemas, "process");
	struct site_view w = { c, sc ? fr_schema_root(sc) : NULL, site_depth_of(p->path), 0 };
	size_t n = site_seq_len(steps), i, j;
	fr_svg_step *st = fr_xcalloc(n + 1, sizeof(*st));
	fr_buf b = FR_BUF_INIT;
	const char *cat = fr_map_str(r->fm, "category");
	double v;
	int rc;

	site_page_begin(c, &b, w.depth, p->name,
		   cat ? L(site_fmt(c, "category %s", cat)) : fr_site_kind_title(c->loc, "process"));
	if (!r->valid) {
		fr_buf_adds(&b, "<p class=\"invalid\">");
		site_esc(&b, L("This record has errors: run flowrec check to see them. Its figures may be wrong."));
		fr_buf_adds(&b, "</p>\n");
	}
	fr_buf_adds(&b, "<table class=\"kv\">\n<tbody>\n");
	{
		static const char *const keys[] = { "owner", "customer", "input", "output" };
		for (i = 0; i < FR_ARRAY_LEN(keys); i++) {
			const fr_node *val = fr_map_get(r->fm, keys[i]);
			if (!val)
				continue;
			fr_buf_adds(&b, "<tr><th scope=\"row\">");
			site_esc(&b, site_key_label(&w, site_sch_prop(&w, w.root, keys[i]), keys[i]));
			fr_buf_adds(&b, "</th><td>");
			site_value_html(&w, &b, val, NULL, keys[i], 1);
			fr_buf_adds(&b, "</td></tr>\n");
		}
		fr_buf_adds(&b, "<tr><th scope=\"row\">");
		site_esc(&b, L("Review score"));
		fr_buf_adds(&b, "</th><td>");
		fr_html_rate(&b, fr_map_num(fig, "review_score", &v) ? v : 0, fr_map_num(fig, "review_score", &v));
		fr_buf_adds(&b, "</td></tr>\n<tr><th scope=\"row\">");
		site_esc(&b, L("Record"));
		fr_buf_adds(&b, "</th><td>");
		fr_html_link(&b, w.depth, c->page[idx], r->path);
		fr_buf_adds(&b, "</td></tr>\n</tbody>\n</table>\n");
	}

	site_h2(&b, "swimlane", L("Swimlane"));
	for (i = 0; i < n; i++) {
		const fr_node *s = steps->items[i], *next = fr_map_get(s, "next");
		const char **ids = fr_alloc(c->a, (site_seq_len(next) + 1) * sizeof(*ids));
		size_t k = 0;
		for (j = 0; j < site_seq_len(next); j++)
			if (fr_node_str(next->items[j]))
				ids[k++] = next->items[j]->str;
		st[i].id = fr_map_str(s, "id") ? fr_map_str(s, "id") : "";
		st[i].activity = fr_map_str(s, "activity") ? fr_map_str(s, "activity") : "";
		st[i].role = fr_map_str(s, "role") ? fr_map_str(s, "role") : "";
		st[i].when = fr_map_str(s, "when");
		st[i].next = ids;
		st[i].nnext = k;
		st[i].yes = fr_map_str(s, "yes");
		st[i].no = fr_map_str(s, "no");
	}
	if (n) {
		fr_buf_adds(&b, "<figure>\n<div class=\"scroll\">\n");
		fr_svg_swimlane(&b, site_fmt(c, L("Swimlane diagram of %s"), p->name), st, n, L("yes"), L("no"));
		fr_buf_adds(&b, "</div>\n<figcaption>");
		site_esc(&b, L("One lane per role; time runs left to right. Grey: next; green: yes; red, dashed: no."));
		fr_buf_adds(&b, "</figcaption>\n</figure>\n");
		site_th_row(c, &b, heads, FR_ARRAY_LEN(heads));
		for (i = 0; i < n; i++) {
			fr_buf_adds(&b, "<tr>");
			site_text_td(&b, st[i].id);
			site_text_td(&b, st[i].activity);
			site_text_td(&b, st[i].role);
			site_text_td(&b, st[i].when);
			fr_buf_adds(&b, "<td>");
			for (j = 0; j < st[i].nnext; j++) {
				if (j)
					fr_buf_adds(&b, L(", "));
				site_esc(&b, st[i].next[j]);
			}
			if (st[i].yes) {
				fr_buf_adds(&b, st[i].nnext ? L(", ") : "");
				site_esc(&b, site_fmt(c, L("yes: %s"), st[i].yes));
			}
			if (st[i].no) {
				fr_buf_adds(&b, st[i].nnext || st[i].yes ? L(", ") : "");
				site_esc(&b, site_fmt(c, L("no: %s"), st[i].no));
			}
			if (!st[i].nnext && !st[i].yes && !st[i].no)
				site_esc(&b, L("(end)"));
			fr_buf_adds(&b, "</td></tr>\n");
		}
		site_table_end(&b);
	} else {
		site_para(&b, "muted", L("No steps."));
	}

	site_h2(&b, "review", L("Review: the eight principles"));
	if (review && review->type == FR_MAP && review->n) {
		const fr_node *rs = site_sch_prop(&w, w.root, "review");
		fr_buf_adds(&b, "<table class=\"kv\">\n<tbody>\n");
		for (i = 0; i < review->n; i++) {
			const fr_node *val = review->pairs[i].val;
			fr_buf_adds(&b, "<tr><th scope=\"row\">");
			site_esc(&b, site_key_label(&w, site_sch_prop(&w, rs, review->pairs[i].key->str), review->pairs[i].key->str));
			fr_buf_adds(&b, "</th>");
			if (val && val->type == FR_BOOL)
				fr_buf_addf(&b, "<td class=\"%s\">%s ", val->boolean ? "ok" : "flag-low",
					    val->boolean ? "\xe2\x9c\x93" : "\xe2\x9c\x97");   /* ✓ ✗ */
			else
				fr_buf_adds(&b, "<td>");
			site_value_html(&w, &b, val, NULL, "review", 1);
			fr_buf_adds(&b, "</td></tr>\n");
		}
		fr_buf_adds(&b, "</tbody>\n</table>\n");
	} else {
		site_para(&b, "muted", L("Not reviewed yet."));
	}
	site_body_section(c, &b, r);
	site_page_end(c, &b);
	rc = site_write_file(c, p->path, &b);
	fr_buf_free(&b);
	free(st);
	return rc;
}
