/* util.c - allocation that never returns NULL, and small shared helpers */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("flowrec: out of memory\n", stderr);
	abort();
}

void *fr_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *fr_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *fr_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *fr_xstrndup(const char *s, size_t n)
{
	char *p = fr_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *fr_xstrdup(const char *s)
{
	return fr_xstrndup(s, strlen(s));
}

void fr_grow(void **v, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;
	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / sz)
			oom();
		c *= 2;
	}
	*v = fr_xrealloc(*v, c * sz);
	*cap = c;
}

int fr_read_file(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	*len = 0;
	if (!f)
		return -1;
	for (;;) {
		size_t got;
		FR_GROW(buf, cap, n + 65536 + 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			free(buf);
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		fclose(f);
		errno = e ? e : EIO;
		return -1;
	}
	fclose(f);
	buf = fr_xrealloc(buf, n + 1); /* keep only what the file holds: records stay in memory */
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}
