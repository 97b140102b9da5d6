/* index.h - records of one kind by (who, day): the joins of the cross-record rules
 *
 * "Last week's meeting", "the same person's plan for last month", "this specialist's record of
 * three months ago": each is a lookup by an owner and a day. An index sorts the records once
 * (O(n log n)) so each lookup is a binary search, instead of a scan of every record for every
 * record. The index borrows the records and the key strings; free it before them.
 */
#ifndef FR_INDEX_H
#define FR_INDEX_H

#include <stddef.h>

#include "record.h"

struct fr_index_entry {
	const char *who;        /* "" when the kind has no owner (weekly meetings) */
	int day;                /* the period's first day: a week's Monday, a month's 1st */
	size_t order;           /* position in path order: the first record of a key wins */
	const fr_record *r;
};

typedef struct fr_index {
	struct fr_index_entry *v;
	size_t n;
} fr_index;

/* The key of a record: 0 and *who, *day set, or -1 when it has none (left out). */
typedef int (*fr_index_key_fn)(const fr_record *r, const char **who, int *day);

void fr_index_build(fr_index *ix, const fr_record *const *recs, size_t n, fr_index_key_fn key);
void fr_index_free(fr_index *ix);

/* The first record (in path order) with exactly this key, or NULL. */
const fr_record *fr_index_find(const fr_index *ix, const char *who, int day);
/* The earliest day recorded for who; 0 and *day set, or -1 when who has no record. */
int fr_index_first_day(const fr_index *ix, const char *who, int *day);

#endif
