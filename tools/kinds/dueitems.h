/* dueitems.h - what is due, late or missing as of a day: one list for `flowrec due` and the site
 *
 * Items (DOMAIN.md sections 4 and 5), each with a status:
 *   missing  a record or a section that should exist by now does not (weekly minutes, the
 *            Thursday follow-up, a sales rep's monthly plan, a product plan's approval)
 *   overdue  a thing inside a record is past its due date and not done (a card product not
 *            sold out by its deadline, an onboarding step, an open meeting decision, a
 *            scorecard not reviewed by the month's end, a partner notice after the 3rd)
 *   open     not done, due later (the next onboarding step, this week's minutes, ...)
 *   late     done, but after its deadline (from history: W-ONTIME, W-MIDWEEK, M-ONTIME,
 *            P-ONTIME; and partner notices given after the 3rd)
 * The history-based items are the timeliness facts (history.h); the others come from the
 * records of a set and the kinds' figures (cards.c, onboarding.c). Nothing here prints.
 */
#ifndef FR_DUEITEMS_H
#define FR_DUEITEMS_H

#include <stddef.h>

#include "arena.h"
#include "engine.h"
#include "history.h"
#include "i18n.h"
#include "node.h"

typedef enum {
	FR_DUE_MISSING,
	FR_DUE_OVERDUE,
	FR_DUE_OPEN,
	FR_DUE_LATE
} fr_due_status;

/* Where an item comes from: what a presenter that words items itself may read. */
typedef enum {
	FR_DUE_FACT,       /* a timeliness fact (fact) */
	FR_DUE_CARD,       /* a card product not sold out (rec: the cards record; node: the
			    * product's figure {sku, name, card, quantity, sold, deadline, ...}) */
	FR_DUE_STEP,       /* an onboarding step not done (rec; node: the `pending` figure's
			    * {step, due}) */
	FR_DUE_DECISION,   /* an open meeting decision (rec; node: the `decisions` item) */
	FR_DUE_REVIEW,     /* a scorecard's review by a manager (rec) */
	FR_DUE_NOTICE,     /* a scorecard's written and verbal notice to the partner (rec) */
	FR_DUE_PROCESS     /* a recurring process deadline of the handbook (fr_due_schedule:
			    * deadline names it; rec and node NULL) */
} fr_due_source;

/* ---- The process deadlines of the handbook, in one place ----
 * history.c judges W-ONTIME, W-MIDWEEK, M-ONTIME and P-ONTIME by them, fr_due_collect dates
 * the scorecard items by them, fr_due_schedule (`flowrec calendar`) lists them. Each belongs
 * to a period: an ISO week (its Monday) or a month (its first day): the minutes of week W, the
 * monthly plan for month M (due in the month before), the scorecards of month M (the notice is
 * due in the month after). */
typedef enum {
	FR_DL_MEETING,          /* the Monday meeting: from work_start, at most 60 minutes */
	FR_DL_MINUTES,          /* W-ONTIME: the minutes mailed by Monday 12:00 */
	FR_DL_MIDWEEK,          /* W-MIDWEEK: the follow-up by Thursday 12:00 */
	FR_DL_MIDMONTH,         /* the mid-month review of month M's plan on the 16th */
	FR_DL_PLAN_DRAFT,       /* the plan for M drafted by the 28th of the month before */
	FR_DL_PLAN,             /* M-ONTIME: the plan for M by the last day of the month before */
	FR_DL_PRODUCT_DRAFT,    /* P-ONTIME: the product plan of M drafted, confirmed by the 1st */
	FR_DL_PRODUCT_APPROVAL, /* P-ONTIME: the product plan of M approved by the 2nd */
	FR_DL_SCORE_INFORM,     /* commerce, finance, after-sales tell the reps about M by the 27th */
	FR_DL_SCORE_DRAFT,      /* the reps score their partners for M by the 28th */
	FR_DL_SCORE_DONE,       /* scorecards of M completed, summed up, reviewed by the last day */
	FR_DL_NOTICE,           /* S-NOTIFY: written and verbal notice for M by the 3rd after */
	FR_DL_COUNT
} fr_deadline_id;

typedef struct fr_deadline_def {
	const char *name;       /* stable ASCII name ("weekly-minutes"): calendar UIDs use it */
	const char *kind;       /* the record kind it is about */
	const char *rule;       /* the rule that judges it, or NULL */
	int weekly;             /* 1: one per ISO week; 0: one per month */
	int minutes;            /* how long it takes (the meeting: 60); 0: a deadline */
	const char *roles;      /* who: roles, space-separated; "host": the week's host; "": the
				 * whole team */
	const char *what;       /* N_() message id, %s the period ("2026-W10", "2026-04") */
	const char *handbook;   /* the handbook's words for it (not translated) */
} fr_deadline_def;

extern const fr_deadline_def fr_deadlines[FR_DL_COUNT];

/* The due day of deadline id of the period that starts on day period (a Monday, or the first
 * of a month); *hhmm (may be NULL) its clock time in minutes, -1 for the end of the day (the
 * meeting's is cfg's work_start; cfg may be NULL for the others). */
int fr_deadline_day(fr_deadline_id id, int period, const fr_config *cfg, int *hhmm);
/* The same as unix time: the last second that is still on time (local time, the process's
 * zone): 23:59:59 of the day, or the clock time's first second. */
long long fr_deadline_at(fr_deadline_id id, int period, const fr_config *cfg);

/* The texts of the scorecard items, as message ids of the partner and the month: `what` is
 * _(form) filled in; a presenter in another language can fill in its own translation. */
#define FR_DUE_REVIEW_FORM N_("review of scorecard %s %s")
#define FR_DUE_NOTICE_FORM N_("written and verbal notice to %s for %s")

typedef struct fr_due_item {
	const char *kind;          /* the record kind: "weekly-meeting", "cards", ... */
	const char *what;          /* in the user's terms, through _(): "weekly minutes 2026-W10" */
	const char *who;           /* the people responsible, ", "-joined; "" when nobody is named */
	const char *const *people; /* the same one by one, npeople of them */
	size_t npeople;
	const char *path;          /* the record; NULL when it does not exist */
	const char *rule;          /* the rule that judges it ("W-ONTIME", "S-NOTIFY", ...), or NULL */
	int due;                   /* the due day (date.h) */
	int hhmm;                  /* the deadline's clock time in minutes; -1: the end of the day */
	long long done;            /* FR_DUE_LATE: when it was done (unix time); else 0 */
	fr_due_status status;
	fr_due_source source;
	const fr_fact *fact;       /* FR_DUE_FACT: the fact; else NULL */
	const fr_record *rec;      /* the record of the other sources; NULL for facts */
	const fr_node *node;       /* see fr_due_source; NULL when it names none */
	fr_deadline_id deadline;   /* FR_DUE_PROCESS: which one; else FR_DL_COUNT */
	const char *key;           /* fr_due_schedule: what the item is, stable while the thing it
				    * is about stays ("weekly-minutes 2026-W10", "card 2026-W10
				    * X1-15", "decision 2026-03-05 TITLE DECISION"); else NULL */
	int team_wide;             /* fr_due_schedule: it concerns the whole team */
} fr_due_item;

/* A list of items. The strings and nodes of the items are the arena's, or borrowed from the
 * set and the facts they were collected from: free the list before those. */
typedef struct fr_due_list {
	fr_arena *a;               /* created by fr_due_collect when NULL; freed with the list */
	fr_due_item *v;
	size_t n, cap;
} fr_due_list;

#define FR_DUE_LIST_INIT { NULL, NULL, 0, 0 }

/* Add to out (FR_DUE_LIST_INIT, or a list collected before) what is due, late or missing as of
 * the end of day today (date.h): the facts with the status open, late or missing (facts may
 * be NULL: none), card products not sold out, onboarding steps not done (the overdue ones
 * and the next one), open meeting decisions, and each scorecard's review and notice. Then
 * sort the whole list most urgent first: missing and overdue (oldest first), then open
 * (soonest first), then late (latest first); the same day by kind, path, who and what. */
void fr_due_collect(fr_due_list *out, const fr_set *s, const fr_facts *facts, int today);

/* Add to out every deadline whose day is in [from, to]: the process deadlines of every week
 * and month (FR_DUE_PROCESS, status open; the people of their roles, the host of a week from
 * its minutes or the rotation), and what the records of s still owe: card products not sold
 * out, onboarding steps not done, open meeting decisions (overdue or open as of today, as
 * fr_due_collect says). Each item gets its key. Sorted by day, clock time, kind and key. */
void fr_due_schedule(fr_due_list *out, const fr_set *s, int from, int to, int today);

/* Release the items and their arena; the list is left empty (FR_DUE_LIST_INIT). NULL is
 * allowed. */
void fr_due_list_free(fr_due_list *l);

/* "missing", "overdue", "open" or "late": the JSON name of a status, untranslated (a
 * message id: show it through _()). */
const char *fr_due_status_name(fr_due_status st);

/* The unix time of a clock time (minutes after midnight) on a day, local time. */
long long fr_due_local_time(int day, int minutes);

/* The last second of a day (23:59:59 local time) as unix time: "now" for a --today. */
long long fr_due_end_of_day(int day);

#endif
