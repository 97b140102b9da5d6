/* rate.h - achievement rates and deviations (DOMAIN.md section 2) */
#ifndef FR_RATE_H
#define FR_RATE_H

#include <stddef.h>

#include "node.h"

/* A target item: a task or a metric. */
typedef struct fr_item {
	const fr_node *node;   /* the item's mapping, for positions */
	const char *name;      /* task or metric name */
	double target;
	double actual;
	double weight;         /* 1 unless given */
	int has_target, has_actual;
	int lower;             /* better: lower (costs, overstock) */
} fr_item;

/* Read target/actual/weight/better of a mapping; name from name_key ("task" or "name"). */
void fr_item_read(const fr_node *map, const char *name_key, fr_item *it);

/* Higher is better: actual / target; lower is better: max(0, 2 - actual / target).
 * Both 1 at target. target must be > 0. */
double fr_rate(double actual, double target, int lower);
/* Is |rate - 1| over the threshold? Exactly the threshold is not (0.30 is "合理"). */
int fr_flagged(double rate, double threshold);
/* Does this item have an actual whose deviation is flagged? */
int fr_item_flagged(const fr_item *it, double threshold);

/* Weighted mean of the rates of the items that have an actual and a target > 0; returns 0 and
 * sets *rate, or -1 when none has (the rate is then null, never 0). */
int fr_items_rate(const fr_item *items, size_t n, double *rate);

#endif
