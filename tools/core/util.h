/* util.h - allocation that never returns NULL, and small helpers shared by every file */
#ifndef FR_UTIL_H
#define FR_UTIL_H

#include <stddef.h>

/* Each aborts with "flowrec: out of memory" when the system has none left: the only abort. */
void *fr_xmalloc(size_t n);
void *fr_xcalloc(size_t n, size_t size);
void *fr_xrealloc(void *p, size_t n);
char *fr_xstrdup(const char *s);
char *fr_xstrndup(const char *s, size_t n);

#define FR_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Grow *v (of element size sz) so that it holds at least need elements; *cap is updated. */
void fr_grow(void **v, size_t *cap, size_t need, size_t sz);
#define FR_GROW(v, cap, need) fr_grow((void **)&(v), &(cap), (need), sizeof(*(v)))

/* Read a whole file into a NUL-terminated heap buffer; *out owned by the caller (free()).
 * Returns 0, or -1 with errno set. Files over max bytes fail with EFBIG. */
int fr_read_file(const char *path, size_t max, char **out, size_t *len);

#endif
