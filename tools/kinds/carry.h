/* carry.h - a commitment carried into the next record unchanged (W-CARRY, M-CARRY)
 *
 * A weekly meeting's `last_week` repeats the `this_week` tasks of the week before; a monthly
 * summary repeats the metrics planned the month before. Both are the same check: the items
 * now listed must be exactly the items committed then, matched by name, each with the same
 * target and unit. The kinds differ only in where the two lists are, what an item's name is
 * called and how the diagnostics read; struct fr_carry says that.
 */
#ifndef FR_CARRY_H
#define FR_CARRY_H

#include "kind.h"

/* The diagnostics of one carry rule: printf formats marked with N_(), translated by
 * fr_carry_check. Whatever the rule, each format is given the same arguments, in this order;
 * a format that needs them in another order uses numbered conversions ("%3$s") for all of
 * its arguments, and may leave out only trailing ones.
 *   missing  name, when, detail               an item committed then is not listed now
 *   extra    name, when, detail               an item listed now was not committed then
 *   changed  name, was (double), when, now    the target is not the committed one; now is
 *                                             the new target as written, or "none"
 *   lowered  name, was (double), when, now (double)
 *                                             the target is a smaller number; NULL: such a
 *                                             target is reported with `changed`
 *   unit     name, was, when, now             the unit differs; both as written, or "none"
 * name is the item's name, when and detail are struct fr_carry's. */
struct fr_carry_text {
	const char *missing;
	const char *extra;
	const char *changed;
	const char *lowered;
	const char *unit;
};

/* One use of the check. Every pointer is borrowed and must outlive the call. */
struct fr_carry {
	const char *rule;                  /* the rule id of every diagnostic: "W-CARRY" */
	const char *key;                   /* the field that names an item: "task", "name" */
	const fr_node *missing_at;         /* where a missing item is reported (NULL: the
					    * record's first line) */
	const char *when;                  /* the period committed for, as the messages say it */
	const char *detail;                /* a third string for missing and extra, the rule's
					    * choice (W-CARRY: the rep; M-CARRY: the plan's path) */
	const struct fr_carry_text *text;
};

/* Check that the sequence `now` of record r carries the sequence `was` (of an earlier record)
 * unchanged, reporting every difference in r with rule how->rule; nothing is returned.
 * Either may be NULL or not a sequence: it then has no items. Items are matched by the string
 * how->key, in order: each item of `was` takes the first item of `now` with its name that no
 * earlier one took. Items without a string name are skipped on both sides (the schema
 * reports them). Reported, at:
 *   - an item of `was` that no item of `now` takes (missing): how->missing_at;
 *   - a taken item whose target is not the committed number (changed, or lowered when
 *     how->text->lowered is set and the target is a smaller number): its `target`, or the
 *     item itself when it has none;
 *   - a taken item whose unit is not the committed one (unit): its `unit`, or the item;
 *   - an item of `now` that none of `was` took (extra): that item.
 * Only a readable commitment is compared: a `was` target that is not a number, or a unit that
 * is neither a string nor absent, is a defect of the earlier record, reported there. */
void fr_carry_check(fr_ctx *c, const fr_record *r, const fr_node *now, const fr_node *was,
		    const struct fr_carry *how);

#endif
