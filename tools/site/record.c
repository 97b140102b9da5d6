/* record.c - records/PATH.html: a record's figures, data and notes */
#include "site.h"
#include "date.h"
#include "html.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- a record's page ---- */

/* The Markdown body, when it shows anything. */
void site_body_section(struct site *c, fr_buf *b, const fr_record *r)
{
	fr_buf html = FR_BUF_INIT;
	size_t i;
	int failed = fr_html_markdown(&html, r->body, r->body_len, 2);
	for (i = 0; i < html.len; i++)
		if (html.ptr[i] != ' ' && html.ptr[i] != '\n')
			break;
	if (failed || i < html.len) {
		site_h2(b, "notes", L("Notes"));
		fr_buf_adds(b, "<div class=\"body\">\n");
		if (failed)
			site_para(b, "invalid", L("The notes could not be rendered."));
		else
			fr_buf_add(b, html.ptr, html.len);
		fr_buf_adds(b, "</div>\n");
	}
	fr_buf_free(&html);
}

int site_record_page(struct site *c, size_t idx)
{
	const fr_record *r = c->set->recs[idx];
	const fr_node *e = c->entry[idx], *fig = fr_map_get(e, "figures");
	const fr_schema *sc = r->k ? fr_schemas_get(c->schemas, r->k->name) : NULL;
	struct site_view w = { c, sc ? fr_schema_root(sc) : NULL, site_depth_of(c->page[idx]), 0 };
	const char *title = fr_map_str(e, "title");
	const struct site_named *proc = NULL;
	const char *const *shown;
	fr_buf b = FR_BUF_INIT;
	size_t i;
	int rc;

	if (r->k && !strcmp(r->k->name, "process")) {
		const char *name = fr_map_str(r->fm, "name");
		for (i = 0; i < c->nprocs; i++)   /* the last of that name, as the names were given */
			if (!strcmp(c->procs[i].name, name ? name : ""))
				proc = &c->procs[i];
	}
	site_page_begin(c, &b, w.depth,
		   r->k ? fr_asprintf(c->a, "%s %s", fr_site_kind_title(c->loc, r->k->name),
				      title && *title ? title : "")
			: r->path,
		   r->path);
	if (!r->valid) {
		fr_buf_adds(&b, "<p class=\"invalid\">");
		site_esc(&b, L("This record has errors: run flowrec check to see them. Its figures may be wrong."));
		fr_buf_adds(&b, "</p>\n");
	}
	if (proc) {
		fr_buf_adds(&b, "<p>");
		fr_html_link(&b, w.depth, proc->path, L("Swimlane diagram of this process"));
		fr_buf_adds(&b, "</p>\n");
	}
	if ((shown = site_kind_view(c, &b, idx, w.depth))) {
		/* fields a team added through its own schema, in the generic view */
		const fr_node *rest = site_other_fields(c, r->fm, shown);
		if (rest->n) {
			site_h2(&b, "data", L("Other fields"));
			site_map_table(&w, &b, rest, w.root, 0);
		}
	} else if (fig && fig->type == FR_MAP && fig->n) {
		struct site_view fw = w;
		fw.figures = 1;
		site_h2(&b, "figures", L("Figures"));
		site_map_table(&fw, &b, fig, NULL, 0);
	}
	site_record_ontime(c, &b, r);
	if (!shown) {
		site_h2(&b, "data", L("Data"));
		if (r->fm && r->fm->type == FR_MAP)
			site_map_table(&w, &b, r->fm, w.root, 0);
		else
			site_para(&b, "invalid", L("The front-matter could not be read."));
	}
	site_body_section(c, &b, r);
	site_page_end(c, &b);
	rc = site_write_file(c, c->page[idx], &b);
	fr_buf_free(&b);
	return rc;
}
