/* schema_uri.h - URI references as $id and $ref use them (RFC 3986 section 5)
 *
 * Only what resolving identifiers inside one schema document needs: no normalisation beyond
 * removing dot segments, no fetching.
 */
#ifndef FR_SCHEMA_URI_H
#define FR_SCHEMA_URI_H

#include "arena.h"

/* ref resolved against base (both URI references; base "" when the document has no $id).
 * The result is allocated from a. */
char *fr_uri_resolve(fr_arena *a, const char *base, const char *ref);

/* The part of uri before '#' (allocated from a); *frag points at the fragment after '#' in
 * uri, or at "" when there is none. */
char *fr_uri_split(fr_arena *a, const char *uri, const char **frag);

/* Decode %XX escapes of s into a new string from a; *len gets its length (it may hold NUL).
 * Returns NULL when an escape is malformed. */
char *fr_uri_pct_decode(fr_arena *a, const char *s, size_t *len);

#endif
