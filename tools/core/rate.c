/* rate.c - achievement rates and deviations */
#include "rate.h"

#include <math.h>
#include <string.h>

/* Rates come from divisions (21/30 is not exactly 0.7): compare with room for rounding. */
#define EPS 1e-9

void fr_item_read(const fr_node *map, const char *name_key, fr_item *it)
{
	const char *better = fr_map_str(map, "better");
	memset(it, 0, sizeof(*it));
	it->node = map;
	it->name = fr_map_str(map, name_key);
	it->has_target = fr_map_num(map, "target", &it->target) && it->target > 0;
	it->has_actual = fr_map_num(map, "actual", &it->actual);
	if (!fr_map_num(map, "weight", &it->weight) || !(it->weight > 0))
		it->weight = 1;
	it->lower = better && !strcmp(better, "lower");
}

double fr_rate(double actual, double target, int lower)
{
	double r = actual / target;
	if (lower) {
		r = 2 - r;
		if (r < 0)
			r = 0;
	}
	return r;
}

int fr_flagged(double rate, double threshold)
{
	return fabs(rate - 1) > threshold + EPS;
}

int fr_item_flagged(const fr_item *it, double threshold)
{
	return it->has_target && it->has_actual &&
	       fr_flagged(fr_rate(it->actual, it->target, it->lower), threshold);
}

int fr_items_rate(const fr_item *items, size_t n, double *rate)
{
	double sum = 0, wsum = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		if (!items[i].has_target || !items[i].has_actual)
			continue;
		sum += items[i].weight * fr_rate(items[i].actual, items[i].target, items[i].lower);
		wsum += items[i].weight;
	}
	if (wsum <= 0)
		return -1;
	*rate = sum / wsum;
	return 0;
}
