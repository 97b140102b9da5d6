/* kind.h - what a record kind is: its schema, its rules in code, its figures
 *
 * A new record kind is one schema (schemas/KIND.yaml) plus one file here that defines a
 * `const fr_kind`, registered in the table of kinds.c. The engine (engine.c) runs, for every
 * record: the common rules (X-*), the kind's schema, then `check`; then, once per kind, over
 * all records of that kind in path order, `check_all` (cross-record rules, as joins).
 */
#ifndef FR_KIND_H
#define FR_KIND_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "node.h"
#include "record.h"

struct fr_set;

/* What a rule needs: read-only but for the diagnostics it appends. */
typedef struct fr_ctx {
	const fr_config *cfg;
	const struct fr_set *set;   /* every record of the snapshot */
	fr_diags *diags;
	int today;                  /* "now": --today or the local date, as day number */
	int *today_read;            /* set to 1 when a record's own rule or a kind's check_all
				     * reads today (the cache keeps those diagnostics for that day
				     * only); may be NULL */
} fr_ctx;

/* c->today, for a record's own rules and for check_all: noted, so that the cache never serves
 * a diagnostic of another day. */
static inline int fr_today(fr_ctx *c)
{
	if (c->today_read)
		*c->today_read = 1;
	return c->today;
}

/* Report that record r breaks rule at node `at` (NULL: the record's first line). The
 * severity is the team's (fr_config_severity); nothing is reported when it is off. The
 * handbook's words for the rule are appended to the message. fmt is translated by the caller
 * (_("...")). */
void fr_rule(fr_ctx *c, const fr_record *r, const fr_node *at, const char *rule,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The rule shared by W-REASON and M-REASON: every target item of the sequence `items` (named
 * by name_key) whose deviation is flagged has a non-blank `reason`; else `rule` at the item. */
void fr_check_reasons(fr_ctx *c, const fr_record *r, const fr_node *items, const char *name_key,
		      const char *rule);
/* The Monday of the record's `week` field, or FR_NO_DATE when it cannot be read. */
int fr_record_week_monday(const fr_record *r);

#define FR_REACH_ALL (-1) /* fr_kind.reach: check_all looks at every unit of an owner */

typedef struct fr_kind {
	const char *name;              /* the `kind:` value and the schema's name */
	const char *title;             /* Chinese name, N_() marked: 周例会纪要 */
	const char *const *key;        /* X-UNIQUE key fields, NULL-terminated */
	const char *const *people;     /* fr_node_walk paths of person names (X-PERSON) */
	const char *const *actions;    /* fr_node_walk paths of action texts (X-SLOGAN) */
	/* fr_node_prune paths of all that check_all reads besides `kind` and the key: what a
	 * record keeps of its tree for the cross-record phase (and the cache); NULL: nothing */
	const char *const *facts;
	/* the field that holds the record's approvals (G-APPROVAL, history.c): a list of {step,
	 * by, date} (product-plan `approvals`) or one {by, date} (scorecard `reviewed`); kept
	 * among the facts too; NULL: the kind has none */
	const char *approvals;
	/* rules of one record; may be NULL */
	void (*check)(fr_ctx *c, const fr_record *r);
	/* cross-record rules over all records of this kind, in path order; may be NULL.
	 * The rule for every kind: what check_all reports is a function of c->cfg, today and
	 * recs alone (each record's path and facts: fm as fr_kind.facts keeps it, k, len,
	 * body_line): it never reads c->set, another kind's records, a file, the clock or
	 * other global state, reads today only through fr_today(c) (never c->today), and
	 * reports only through c->diags. The cache relies on this: a kind's result is kept
	 * under the hash of (cache key, kind, its records' paths and blob ids in path order),
	 * for that today only when fr_today was called, and replayed without decoding the
	 * kind's facts (engine.c, check_kind; docs/DECISIONS.md, the cache). */
	void (*check_all)(fr_ctx *c, const fr_record *const *recs, size_t n);
	/* Where check_all looks, so that the hooks check only a change's neighbourhood (hook.c,
	 * "the neighbourhood of a change"): scope gives a record's owner (a string, "" when the
	 * kind has one chain for the team) and unit (a day number, a month's first day, a quarter:
	 * the kind's own) and returns 0, or -1 when it has none, and then check_all neither
	 * reports on that record nor reads it. The rule: what check_all reports on record r is a
	 * function of the records whose scope has r's owner and a unit in [unit - reach, unit]
	 * (FR_REACH_ALL: any unit) alone, in path order; scope reads only facts. A kind with a
	 * check_all has a scope. (X-UNIQUE needs none: it looks at the records of one key.) */
	int (*scope)(const fr_record *r, const char **owner, int *unit);
	int reach;
	/* the figures of DOMAIN.md section 5 as a mapping allocated from a; may be NULL */
	fr_node *(*figures)(fr_ctx *c, const fr_record *r, fr_arena *a);
} fr_kind;

/* All kinds, NULL-terminated, in DOMAIN.md's order. */
extern const fr_kind *const fr_kinds[];
const fr_kind *fr_kind_find(const char *name);

extern const fr_kind fr_kind_weekly, fr_kind_cards, fr_kind_monthly, fr_kind_product,
	fr_kind_scorecard, fr_kind_channel, fr_kind_onboarding, fr_kind_meeting, fr_kind_process;

#endif
