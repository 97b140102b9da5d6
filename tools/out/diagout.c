/* diagout.c - diagnostics as text (compiler style, caret on a terminal) or JSON */
#include "diagout.h"
#include "buf.h"
#include "i18n.h"
#include "node.h"

#include <string.h>

static const char *sev_name(fr_severity s)
{
	return s == FR_SEV_ERROR ? N_("error") : N_("warning");
}

/* The text of line `line` (1-based) of src, without its line break. */
static const char *line_at(const char *src, size_t len, int line, size_t *n)
{
	const char *p = src, *end = src + len, *e;
	int l = 1;
	while (l < line && p < end) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			return NULL;
		p = e + 1;
		l++;
	}
	if (l != line || p > end)
		return NULL;
	e = memchr(p, '\n', (size_t)(end - p));
	if (!e)
		e = end;
	if (e > p && e[-1] == '\r')
		e--;
	*n = (size_t)(e - p);
	return p;
}

static void caret(fr_buf *b, const char *src, size_t len, int line, int col)
{
	size_t n, off = 0, w, i;
	int c = 1;
	const char *l = line_at(src, len, line, &n);
	if (!l)
		return;
	if (line == 1 && n >= 3 && !memcmp(l, "\xef\xbb\xbf", 3)) {
		l += 3;
		n -= 3;
	}
	/* find the byte offset of code point `col` */
	while (off < n && c < col) {
		off++;
		while (off < n && ((unsigned char)l[off] & 0xc0) == 0x80)
			off++;
		c++;
	}
	/* the line as text (tabs as spaces, controls escaped: it is the file's own bytes), the
	 * caret under the column as shown */
	{
		fr_buf shown = FR_BUF_INIT;
		size_t pre = 0;
		for (i = 0; i < n; i++) {
			if (i == off)
				pre = shown.len;
			if (l[i] == '\t')
				fr_buf_addc(&shown, ' ');
			else if ((unsigned char)l[i] < 0x80)
				fr_buf_add_text(&shown, l + i, 1);
			else {
				size_t j = i + 1;
				while (j < n && ((unsigned char)l[j] & 0xc0) == 0x80 && j - i < 4)
					j++;
				fr_buf_add_text(&shown, l + i, j - i);
				i = j - 1;
			}
		}
		if (off >= n)
			pre = shown.len;
		fr_buf_adds(b, "  ");
		fr_buf_add(b, shown.ptr, shown.len);
		fr_buf_adds(b, "\n  ");
		w = fr_utf8_width(shown.ptr, pre);
		fr_buf_free(&shown);
	}
	for (i = 0; i < w; i++)
		fr_buf_addc(b, ' ');
	fr_buf_adds(b, "^\n");
}

int fr_diags_print(FILE *f, const fr_diags *d, fr_diag_format fmt, int want_caret,
		   fr_source_fn source, void *ud)
{
	fr_buf b = FR_BUF_INIT;
	size_t i;
	int rc = 0;

	if (fmt == FR_FMT_JSON)
		fr_buf_adds(&b, "[");
	for (i = 0; i < d->n; i++) {
		const fr_diag *g = &d->v[i];
		if (fmt == FR_FMT_JSON) {
			fr_buf_adds(&b, i ? ",\n  {" : "\n  {");
			fr_buf_adds(&b, "\"path\": ");
			fr_buf_add_json_str(&b, g->path, strlen(g->path));
			fr_buf_addf(&b, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"rule\": ",
				    g->line, g->col, sev_name(g->sev));
			if (g->rule[0])
				fr_buf_add_json_str(&b, g->rule, strlen(g->rule));
			else
				fr_buf_adds(&b, "null");
			fr_buf_adds(&b, ", \"message\": ");
			fr_buf_add_json_str(&b, g->msg, strlen(g->msg));
			fr_buf_adds(&b, "}");
			continue;
		}
		/* text: the path and the message may quote anything a file holds or is named;
		 * escaped, so they cannot add lines (a fake diagnostic, a CI "::error" command) or
		 * move the cursor; a path cannot start the line with "::" */
		if (!strncmp(g->path, "::", 2)) {
			fr_buf_adds(&b, "\\x3a");
			fr_buf_add_text(&b, g->path + 1, strlen(g->path + 1));
		} else {
			fr_buf_add_text(&b, g->path, strlen(g->path));
		}
		if (g->line > 0)
			fr_buf_addf(&b, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
		fr_buf_addf(&b, ": %s: ", _(sev_name(g->sev)));
		fr_buf_add_text(&b, g->msg, strlen(g->msg));
		if (g->rule[0])
			fr_buf_addf(&b, " [%s]", g->rule);
		fr_buf_addc(&b, '\n');
		if (want_caret && source && g->line > 0) {
			size_t len;
			const char *src = source(ud, g->path, &len);
			if (src)
				caret(&b, src, len, g->line, g->col > 0 ? g->col : 1);
		}
	}
	if (fmt == FR_FMT_JSON)
		fr_buf_adds(&b, d->n ? "\n]\n" : "]\n");
	if (fwrite(b.ptr, 1, b.len, f) != b.len || fflush(f))
		rc = -1;
	fr_buf_free(&b);
	return rc;
}

void fr_diags_summary(FILE *f, const char *site, size_t records, const fr_diags *d)
{
	char recs[64], errs[64], warns[64], done[512];
	size_t ne = fr_diags_count(d, FR_SEV_ERROR), nw = fr_diags_count(d, FR_SEV_WARNING);
	snprintf(recs, sizeof(recs), Q_("%zu record", "%zu records", records), records);
	snprintf(errs, sizeof(errs), Q_("%zu error", "%zu errors", ne), ne);
	snprintf(warns, sizeof(warns), Q_("%zu warning", "%zu warnings", nw), nw);
	if (site)
		snprintf(done, sizeof(done), _("rendered %s into '%s'"), recs, site);
	else
		snprintf(done, sizeof(done), _("checked %s"), recs);
	/* TRANSLATORS: "checked 79 records", "0 errors", "3 warnings" */
	fprintf(f, _("%s: %s, %s\n"), done, errs, warns);
	fflush(f);
}
