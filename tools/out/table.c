/* table.c - tables of text cells written as aligned text, GFM Markdown or CSV */
#include "table.h"
#include "i18n.h"
#include "node.h"
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct col {
	char *header;
	fr_align align;
};

struct fr_table {
	struct col *cols;
	size_t ncols, colcap;
	char **cells;          /* row-major, nrows * ncols, NULL for empty */
	size_t nrows, rowcap;
	size_t next;           /* the next cell's column in the current row */
};

fr_table *fr_table_new(void)
{
	return fr_xcalloc(1, sizeof(fr_table));
}

void fr_table_free(fr_table *t)
{
	size_t i;
	if (!t)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i].header);
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cols);
	free(t->cells);
	free(t);
}

void fr_table_col(fr_table *t, const char *header, fr_align align)
{
	if (t->nrows)
		return; /* columns come first: a late column would shift every row */
	FR_GROW(t->cols, t->colcap, t->ncols + 1);
	t->cols[t->ncols].header = fr_xstrdup(header ? header : "");
	t->cols[t->ncols].align = align;
	t->ncols++;
}

void fr_table_row(fr_table *t)
{
	size_t need = (t->nrows + 1) * t->ncols, have = t->nrows * t->ncols;
	if (need > t->rowcap) {
		size_t cap = t->rowcap;
		FR_GROW(t->cells, cap, need);
		t->rowcap = cap;
	}
	memset(t->cells + have, 0, (need - have) * sizeof(*t->cells));
	t->nrows++;
	t->next = 0;
}

void fr_table_cell(fr_table *t, const char *text)
{
	if (!t->nrows || t->next >= t->ncols) {
		t->next++;
		return;
	}
	t->cells[(t->nrows - 1) * t->ncols + t->next++] = text ? fr_xstrdup(text) : NULL;
}

void fr_table_cellf(fr_table *t, const char *fmt, ...)
{
	fr_buf b = FR_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	fr_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	fr_table_cell(t, b.ptr);
	fr_buf_free(&b);
}

size_t fr_table_rows(const fr_table *t)
{
	return t->nrows;
}

static const char *cell(const fr_table *t, size_t r, size_t c)
{
	const char *s = t->cells[r * t->ncols + c];
	return s ? s : "";
}

/* Append s with control characters as spaces (a cell is one line); '|' escaped for Markdown. */
static void add_clean(fr_buf *out, const char *s, int md)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			fr_buf_addc(out, ' ');
		else if (md && c == '|')
			fr_buf_adds(out, "\\|");
		else
			fr_buf_addc(out, (char)c);
	}
}

/* Display width of a cell as add_clean writes it: fr_utf8_width counts a control character
 * as one column, as the space that replaces it; "\|" is one more. */
static size_t width_of(const char *s, int md)
{
	size_t w = fr_utf8_width(s, strlen(s));
	for (; md && *s; s++)
		w += *s == '|';
	return w;
}

static void pad(fr_buf *out, size_t n, char c)
{
	while (n--)
		fr_buf_addc(out, c);
}

static void add_aligned(fr_buf *out, const char *s, size_t width, fr_align align, int md)
{
	size_t w = width_of(s, md);
	size_t gap = w < width ? width - w : 0;
	if (align == FR_ALIGN_RIGHT)
		pad(out, gap, ' ');
	add_clean(out, s, md);
	if (align != FR_ALIGN_RIGHT)
		pad(out, gap, ' ');
}

static size_t *widths(const fr_table *t, int md, size_t min)
{
	size_t *w = fr_xcalloc(t->ncols + 1, sizeof(*w));
	size_t r, c;
	for (c = 0; c < t->ncols; c++) {
		w[c] = width_of(t->cols[c].header, md);
		if (w[c] < min)
			w[c] = min;
		for (r = 0; r < t->nrows; r++) {
			size_t cw = width_of(cell(t, r, c), md);
			if (cw > w[c])
				w[c] = cw;
		}
	}
	return w;
}

void fr_table_text(const fr_table *t, fr_buf *out, const char *indent)
{
	size_t *w = widths(t, 0, 1);
	size_t r, c;
	if (!indent)
		indent = "";
	fr_buf_adds(out, indent);
	for (c = 0; c < t->ncols; c++) {
		if (c)
			fr_buf_adds(out, "  ");
		add_aligned(out, t->cols[c].header, w[c], t->cols[c].align, 0);
	}
	fr_buf_addc(out, '\n');
	fr_buf_adds(out, indent);
	for (c = 0; c < t->ncols; c++) {
		if (c)
			fr_buf_adds(out, "  ");
		pad(out, w[c], '-');
	}
	fr_buf_addc(out, '\n');
	for (r = 0; r < t->nrows; r++) {
		fr_buf_adds(out, indent);
		for (c = 0; c < t->ncols; c++) {
			if (c)
				fr_buf_adds(out, "  ");
			add_aligned(out, cell(t, r, c), w[c], t->cols[c].align, 0);
		}
		fr_buf_addc(out, '\n');
	}
	free(w);
}

void fr_table_md(const fr_table *t, fr_buf *out)
{
	size_t *w = widths(t, 1, 3);
	size_t r, c;
	fr_buf_addc(out, '|');
	for (c = 0; c < t->ncols; c++) {
		fr_buf_addc(out, ' ');
		add_aligned(out, t->cols[c].header, w[c], t->cols[c].align, 1);
		fr_buf_adds(out, " |");
	}
	fr_buf_adds(out, "\n|");
	for (c = 0; c < t->ncols; c++) {
		fr_buf_addc(out, ' ');
		pad(out, w[c] - 1, '-');
		fr_buf_addc(out, t->cols[c].align == FR_ALIGN_RIGHT ? ':' : '-');
		fr_buf_adds(out, " |");
	}
	fr_buf_addc(out, '\n');
	for (r = 0; r < t->nrows; r++) {
		fr_buf_addc(out, '|');
		for (c = 0; c < t->ncols; c++) {
			fr_buf_addc(out, ' ');
			add_aligned(out, cell(t, r, c), w[c], t->cols[c].align, 1);
			fr_buf_adds(out, " |");
		}
		fr_buf_addc(out, '\n');
	}
	free(w);
}

void fr_csv_field(fr_buf *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		fr_buf_adds(out, s);
		return;
	}
	fr_buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			fr_buf_addc(out, '"');
		fr_buf_addc(out, *s);
	}
	fr_buf_addc(out, '"');
}

void fr_table_csv(const fr_table *t, fr_buf *out)
{
	size_t r, c;
	for (c = 0; c < t->ncols; c++) {
		if (c)
			fr_buf_addc(out, ',');
		fr_csv_field(out, t->cols[c].header);
	}
	fr_buf_addc(out, '\n');
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				fr_buf_addc(out, ',');
			fr_csv_field(out, cell(t, r, c));
		}
		fr_buf_addc(out, '\n');
	}
}

size_t fr_format_fixed(char out[32], double v, int decimals)
{
	static const unsigned pow10[] = { 1, 10, 100, 1000 };
	uint64_t bits, m, q;
	unsigned __int128 n;
	int e, neg, k, len = 0;
	char digits[24];
	if (decimals < 0 || decimals > 3 || !isfinite(v))
		goto by_printf;
	memcpy(&bits, &v, sizeof(bits));
	neg = (int)(bits >> 63);
	e = (int)((bits >> 52) & 0x7ff);
	m = bits & ((UINT64_C(1) << 52) - 1);
	if (e)
		m |= UINT64_C(1) << 52;
	else
		e = 1;   /* subnormal */
	e -= 1075;   /* v = m * 2^e, exactly */
	/* q = |v| * 10^decimals rounded to the nearest, ties to even: as glibc's printf */
	n = (unsigned __int128)m * pow10[decimals];
	if (e >= 0) {
		if (e > 10 || (n << e) >> 63)
			goto by_printf;   /* over 2^63: rare */
		q = (uint64_t)(n << e);
	} else if (-e >= 120) {
		q = 0;   /* below 2^-60: rounds to 0 */
	} else {
		unsigned __int128 rem, half = (unsigned __int128)1 << (-e - 1);
		q = (uint64_t)(n >> -e);
		rem = n - ((unsigned __int128)q << -e);
		if (rem > half || (rem == half && (q & 1)))
			q++;
	}
	do {   /* the digits, the last first */
		digits[len++] = (char)('0' + q % 10);
		q /= 10;
	} while (q);
	while (len <= decimals)   /* one digit before the point: "0.05" */
		digits[len++] = '0';
	k = 0;
	if (neg)
		out[k++] = '-';
	while (len > 0) {
		if (len == decimals)
			out[k++] = '.';
		out[k++] = digits[--len];
	}
	out[k] = '\0';
	return (size_t)k;
by_printf:
	snprintf(out, 32, "%.*f", decimals, v);   /* cut at 31 bytes, as ever */
	return strlen(out);
}

void fr_format_number(char out[32], double v)
{
	if (!isfinite(v))
		snprintf(out, 32, "%s", "-");
	else if (v == floor(v) && fabs(v) < 1e15)
		fr_format_fixed(out, v, 0);   /* "%.0f", without printf */
	else
		snprintf(out, 32, "%.15g", v);
	if (!strcmp(out, "-0"))
		strcpy(out, "0");
}

void fr_format_percent(char out[32], double rate)
{
	if (!isfinite(rate)) {
		snprintf(out, 32, "%s", "-");
	} else if (fabs(rate * 100) < 1e15) {
		size_t n = fr_format_fixed(out, rate * 100, 1);   /* "%.1f%%", without printf */
		out[n] = '%';
		out[n + 1] = '\0';
	} else {
		snprintf(out, 32, "%.1f%%", rate * 100);
	}
	if (!strcmp(out, "-0.0%"))
		strcpy(out, "0.0%");
}

/* The labels report and render show, in Chinese for teams whose locale is zh-CN: the team's
 * locale decides, not the reader's environment, so that one repository reads the same for
 * everyone. Keys are the English msgids. */

