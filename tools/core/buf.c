/* buf.c - a growable byte string */
#include "buf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char fr_buf_empty[1];

void fr_buf_init(fr_buf *b)
{
	b->ptr = fr_buf_empty;
	b->len = b->cap = 0;
}

void fr_buf_free(fr_buf *b)
{
	if (b->cap)
		free(b->ptr);
	fr_buf_init(b);
}

void fr_buf_reset(fr_buf *b)
{
	b->len = 0;
	b->ptr[0] = '\0';
	if (!b->cap)
		b->ptr = fr_buf_empty;
}

void fr_buf_grow(fr_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (!b->cap) {
		b->ptr = NULL;
	}
	FR_GROW(b->ptr, b->cap, need);
	if (b->len == 0)
		b->ptr[0] = '\0';
}

void fr_buf_add(fr_buf *b, const void *p, size_t n)
{
	fr_buf_grow(b, n);
	memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void fr_buf_adds(fr_buf *b, const char *s)
{
	fr_buf_add(b, s, strlen(s));
}

void fr_buf_addc(fr_buf *b, char c)
{
	fr_buf_add(b, &c, 1);
}

void fr_buf_vaddf(fr_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	fr_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void fr_buf_addf(fr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fr_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *fr_buf_detach(fr_buf *b, size_t *len)
{
	char *p = b->cap ? b->ptr : fr_xstrdup("");
	if (len)
		*len = b->len;
	fr_buf_init(b);
	return p;
}

void fr_buf_add_json_str(fr_buf *b, const char *s, size_t n)
{
	size_t i;
	fr_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fr_buf_adds(b, "\\\""); break;
		case '\\': fr_buf_adds(b, "\\\\"); break;
		case '\n': fr_buf_adds(b, "\\n"); break;
		case '\r': fr_buf_adds(b, "\\r"); break;
		case '\t': fr_buf_adds(b, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fr_buf_addf(b, "\\u%04x", c);
			else
				fr_buf_addc(b, (char)c);
		}
	}
	fr_buf_addc(b, '"');
}

void fr_buf_add_html(fr_buf *b, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': fr_buf_adds(b, "&amp;"); break;
		case '<': fr_buf_adds(b, "&lt;"); break;
		case '>': fr_buf_adds(b, "&gt;"); break;
		case '"': fr_buf_adds(b, "&quot;"); break;
		case '\'': fr_buf_adds(b, "&#39;"); break;
		case '\0': break;
		default: fr_buf_addc(b, s[i]);
		}
	}
}
