/* arena.h - one bump allocator per record: every node and string of a record, freed in one call
 *
 * Not thread-safe by itself: an arena belongs to one record, and a record to one thread.
 */
#ifndef FR_ARENA_H
#define FR_ARENA_H

#include <stddef.h>

typedef struct fr_arena fr_arena;

/* A new, empty arena; the caller owns it and releases it with fr_arena_free. */
fr_arena *fr_arena_new(void);
/* Release the arena and everything allocated from it; NULL is allowed. */
void fr_arena_free(fr_arena *a);

/* Zeroed memory aligned for any type, valid until the arena is freed. Never NULL. */
void *fr_alloc(fr_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n) (n bytes, may contain NULs) owned by the arena. */
char *fr_strndup(fr_arena *a, const char *s, size_t n);
char *fr_strdup(fr_arena *a, const char *s);
/* printf into the arena. */
char *fr_asprintf(fr_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for limits and tests). */
size_t fr_arena_used(const fr_arena *a);

#endif
