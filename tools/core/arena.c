/* arena.c - one bump allocator per record */
#include "arena.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chunks start small (most records are a few KiB) and double up to CHUNK_MAX, so 100,000
 * records held at once cost little more than their nodes. */
#define CHUNK_MIN 2048
#define CHUNK_MAX 65536
#define ALIGN 16

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

struct fr_arena {
	struct chunk *head;
	size_t total;
	size_t next;      /* size of the next chunk */
};

fr_arena *fr_arena_new(void)
{
	return fr_xcalloc(1, sizeof(fr_arena));
}

void fr_arena_free(fr_arena *a)
{
	struct chunk *c, *next;
	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* n bytes, not zeroed */
static void *alloc_raw(fr_arena *a, size_t n)
{
	struct chunk *c = a->head;
	void *p;

	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (!n)
		n = ALIGN;
	if (!c || c->size - c->used < n) {
		size_t size;
		if (a->next < CHUNK_MIN)
			a->next = CHUNK_MIN;
		size = n > a->next ? n : a->next;
		if (a->next < CHUNK_MAX)
			a->next *= 2;
		c = fr_xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		/* A big block goes behind the current chunk so its free space is kept. */
		if (a->head && n > CHUNK_MAX) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

void *fr_alloc(fr_arena *a, size_t n)
{
	void *p = alloc_raw(a, n);
	memset(p, 0, n);
	return p;
}

char *fr_strndup(fr_arena *a, const char *s, size_t n)
{
	char *p = alloc_raw(a, n + 1); /* every byte written: no need to zero it first */
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *fr_strdup(fr_arena *a, const char *s)
{
	return fr_strndup(a, s, strlen(s));
}

char *fr_asprintf(fr_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return fr_strdup(a, "");
	p = fr_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t fr_arena_used(const fr_arena *a)
{
	return a->total;
}
