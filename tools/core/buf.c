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

/* The length of the UTF-8 sequence at s (1 to 4), or 0 when it is not one; *cp gets its code
 * point. */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return len;
}

static int unsafe_cp(unsigned long c)
{
	return (c >= 0x80 && c <= 0x9f) ||                  /* C1 controls (CSI is 0x9b) */
	       c == 0x061c || c == 0x200e || c == 0x200f || /* ALM, LRM, RLM */
	       (c >= 0x202a && c <= 0x202e) ||              /* embeddings and overrides */
	       (c >= 0x2066 && c <= 0x2069) ||              /* isolates */
	       c == 0x2028 || c == 0x2029;                  /* line and paragraph separator */
}

int fr_text_needs_quoting(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned long c;
		size_t l = utf8_seq(p + i, n - i, &c);
		if (!l || c < 0x20 || c == 0x7f || unsafe_cp(c))
			return 1;
		i += l;
	}
	return 0;
}

void fr_buf_add_text(fr_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned long c;
		size_t l = utf8_seq(p + i, n - i, &c);
		if (!l) {
			fr_buf_addf(b, "\\x%02x", p[i]);
			i++;
			continue;
		}
		if (c == '\n')
			fr_buf_adds(b, "\\n");
		else if (c == '\r')
			fr_buf_adds(b, "\\r");
		else if (c == '\t')
			fr_buf_adds(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			fr_buf_addf(b, "\\x%02lx", c);
		else if (unsafe_cp(c))
			fr_buf_addf(b, "\\u%04lx", c);
		else
			fr_buf_add(b, s + i, l);
		i += l;
	}
}
