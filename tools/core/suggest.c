/* suggest.c - edit distance and the closest known word */
#include "suggest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAXCP 64

/* Decode up to MAXCP code points of s into cp; returns how many (longer words are cut). */
static size_t decode(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	while (*p && n < MAXCP) {
		uint32_t c = *p++;
		int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
		if (more)
			c &= 0x3fu >> more;
		while (more-- && (*p & 0xc0) == 0x80)
			c = (c << 6) | (*p++ & 0x3f);
		cp[n++] = c;
	}
	return n;
}

static uint32_t lower(uint32_t c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Distance in half edits: a case-only difference costs 1, any other edit 2. */
static size_t dist2(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
	size_t d[MAXCP + 1][MAXCP + 1], i, j;
	for (i = 0; i <= n; i++)
		d[i][0] = 2 * i;
	for (j = 0; j <= m; j++)
		d[0][j] = 2 * j;
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			size_t sub = a[i - 1] == b[j - 1] ? 0 : lower(a[i - 1]) == lower(b[j - 1]) ? 1 : 2;
			size_t v = d[i - 1][j - 1] + sub;
			if (d[i - 1][j] + 2 < v)
				v = d[i - 1][j] + 2;
			if (d[i][j - 1] + 2 < v)
				v = d[i][j - 1] + 2;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 2 < v)
				v = d[i - 2][j - 2] + 2;
			d[i][j] = v;
		}
	return d[n][m];
}

size_t fr_edit_distance(const char *a, const char *b)
{
	uint32_t x[MAXCP], y[MAXCP];
	size_t n = decode(a, x), m = decode(b, y);
	return (dist2(x, n, y, m) + 1) / 2;
}

const char *fr_suggest(const char *word, const void *first, size_t n, size_t stride)
{
	uint32_t w[MAXCP], c[MAXCP];
	size_t wn, i, best = SIZE_MAX, ties = 0;
	const char *pick = NULL;
	if (!word || !*word)
		return NULL;
	wn = decode(word, w);
	for (i = 0; i < n; i++) {
		const char *cand = *(const char *const *)((const char *)first + i * stride);
		size_t cn, d, longer, limit;
		if (!cand || !*cand || !strcmp(cand, word))
			continue;
		cn = decode(cand, c);
		d = dist2(w, wn, c, cn);
		longer = wn > cn ? wn : cn;
		limit = longer >= 6 ? 2 * (longer / 3) : 2;
		if (d > limit)
			continue;
		if (d < best) {
			best = d;
			pick = cand;
			ties = 0;
		} else if (d == best && strcmp(cand, pick)) {
			ties++;
		}
	}
	return ties ? NULL : pick;
}
