/* suggest.h - "did you mean": the known word closest to a mistyped one
 *
 * Distance is Damerau-Levenshtein over code points (a swap of two neighbours is one edit), so
 * 郑莉华 is one edit from 郑丽华 as "atendees" is from "attendees". A word is suggested when it
 * is within a third of the longer word's length (at least 1 edit) and no other word is as
 * close; case differences in ASCII count half.
 */
#ifndef FR_SUGGEST_H
#define FR_SUGGEST_H

#include <stddef.h>

/* The edit distance of a and b (UTF-8), counted in code points. */
size_t fr_edit_distance(const char *a, const char *b);
/* The one candidate close enough to word, or NULL (none close, or two equally close). The
 * candidates are n strings at stride bytes from each other starting at first (a string array,
 * or the name field of an array of structs); NULL entries are skipped. */
const char *fr_suggest(const char *word, const void *first, size_t n, size_t stride);

#endif
