/* write.c - every page of the site, in a fixed order */
#include "site.h"
#include "html.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int site_write(struct site *c, struct site_dues *due)
{
	fr_buf b = FR_BUF_INIT;
	size_t i, j, n, idx;
	const fr_record *const *procs;
	int rc = -1;

	c->dues = due;
	site_name_pages(c);
	fr_due_collect(&due->list, c->set, &due->facts, c->today);
	fr_buf_adds(&b, fr_html_css);
	if (site_write_file(c, "style.css", &b))
		goto done;
	fr_buf_reset(&b);
	fr_buf_adds(&b, "flowrec site: `flowrec render` replaces this folder as a whole.\n");
	if (site_write_file(c, SITE_MARKER, &b))
		goto done;
	if (site_dashboard(c, due))
		goto done;
	for (i = 0; i < c->npeople; i++)
		if (site_person_page(c, &c->people[i], due))
			goto done;
	for (i = 0; i < c->set->n; i++)
		if (site_record_page(c, i))
			goto done;
	procs = fr_set_kind(c->set, "process", &n);
	for (i = j = 0, idx = 0; i < n && j < c->nprocs; i++) {
		if (!fr_map_str(procs[i]->fm, "name"))
			continue;
		/* the processes are in the records' order: the search goes on from the last */
		while (idx < c->set->n && c->set->recs[idx] != procs[i])
			idx++;
		if (idx == c->set->n)
			for (idx = 0; c->set->recs[idx] != procs[i]; idx++)
				;
		if (site_process_page(c, &c->procs[j++], procs[i], idx))
			goto done;
	}
	rc = 0;
done:
	fr_buf_free(&b);
	return rc;
}
