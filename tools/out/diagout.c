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
	fr_buf_adds(b, "  ");
	for (i = 0; i < n; i++)
		fr_buf_addc(b, l[i] == '\t' ? ' ' : l[i]);
	fr_buf_adds(b, "\n  ");
	w = fr_utf8_width(l, off);
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
		fr_buf_adds(&b, g->path);
		if (g->line > 0)
			fr_buf_addf(&b, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
		fr_buf_addf(&b, ": %s: %s", _(sev_name(g->sev)), g->msg);
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
