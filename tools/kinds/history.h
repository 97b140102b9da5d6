/* history.h - the rules only git history can decide
 *
 * Timeliness (W-ONTIME, W-MIDWEEK, M-ONTIME, P-ONTIME) are facts about when things were first
 * committed: `due`, `report` and the HTML show them, they never block a commit or a push.
 * Authorship (G-APPROVAL, G-OWNER) is about who committed a change: the hooks enforce it.
 *
 * Deadlines are local times of the team's zone (the process's TZ, which fr_team_open sets).
 * A change's time is its commit's author date: when the change was first committed, kept when
 * a commit is amended, rebased or cherry-picked (the committer date is not).
 *
 *   W-ONTIME    the weekly minutes of `week`: first committed by Monday 12:00 of `week`
 *   W-MIDWEEK   their `midweek` section: first committed by Thursday 12:00 of `week`
 *   M-ONTIME    a monthly plan for `month`: first committed by 23:59:59 of the last day of the
 *               month before (the handbook's "28日 文字初稿" is a draft nobody commits: it is not
 *               judged; `due` lists a missing plan as open from the 28th on)
 *   P-ONTIME    a product plan for `month`: drafted (first committed) by 23:59:59 of the 1st,
 *               approved (the commit that introduced the `review` approval) by the 2nd
 */
#ifndef FR_HISTORY_H
#define FR_HISTORY_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "engine.h"
#include "repo.h"

typedef enum {
	FR_FACT_OPEN,      /* not done, the deadline still ahead */
	FR_FACT_ONTIME,    /* done by the deadline */
	FR_FACT_LATE,      /* done after the deadline */
	FR_FACT_MISSING,   /* not done, the deadline passed */
	FR_FACT_UNKNOWN    /* the record exists but there is no history to date it */
} fr_fact_status;

typedef struct fr_fact {
	const char *rule;          /* "W-ONTIME", "W-MIDWEEK", "M-ONTIME", "P-ONTIME" */
	const char *kind;          /* the record kind, "weekly-meeting", ... */
	const char *path;          /* the record; NULL when it does not exist */
	const char *who;           /* the person responsible, "" when unknown */
	const char *what;          /* in the user's terms, translated: "weekly minutes 2026-W10" */
	const char *period;        /* "2026-W10" or "2026-04" */
	long long deadline;        /* the last second that is still on time (unix time) */
	long long done;            /* author time of the commit that did it; 0 when not done */
	char commit[41];           /* that commit; "" when not done */
	int uncommitted;           /* the record is in the snapshot but in no commit */
	fr_fact_status status;
} fr_fact;

typedef struct fr_facts {
	fr_arena *arena;           /* every string of the facts */
	fr_fact *v;
	size_t n, cap;
} fr_facts;

#define FR_FACTS_INIT { NULL, NULL, 0, 0 }

/* The timeliness facts of the records of set as of now (unix time; commits dated after it are
 * not yet made), and of the records that should exist but do not: the weekly minutes of every
 * week from the first minutes in set (or the current week) to the current one, and the
 * monthly plan of every sales rep for every month from the first plan in set (or next month)
 * to next month (listed from the 28th of the month before). hist is the history of the
 * snapshot (fr_repo_changes of its commit, or of HEAD for the working tree); NULL when there
 * is none: existing records are then FR_FACT_UNKNOWN. repo reads the versions of a record to
 * find when a section was added; may be NULL with hist. Facts are in the order of the
 * records, missing ones last. Returns 0, or -1 with err set when history cannot be read. */
int fr_history_timeliness(fr_facts *out, const fr_set *set, const fr_changes *hist,
			  fr_repo *repo, long long now, fr_error *err);
void fr_facts_free(fr_facts *f);

/* A person's on-time rate: of the facts judged so far (on time, late or missing) where they
 * are the one responsible, how many were on time. */
typedef struct fr_ontime {
	const char *person;        /* borrowed from the facts or the config */
	size_t on_time, total;
} fr_ontime;

/* One entry per person with at least one judged fact: roster order, then others by name.
 * *out heap (free()); returns the count. */
size_t fr_facts_rates(const fr_facts *f, const fr_config *cfg, fr_ontime **out);

/* G-APPROVAL and G-OWNER over every change of ch to a record:
 *   G-APPROVAL  an approval (product-plan `approvals` item: step and approver; scorecard
 *               `reviewed.by`) that the record did not have before the change, in any parent
 *               and under its old name if renamed, and for the same record (kind and key: an
 *               approval moved to another month is a new one), may only be introduced by a
 *               commit whose author email is the approver's.
 *   G-OWNER     a record owned by a person (monthly-plan person, product-plan owner, scorecard
 *               scorer, channel-service specialist, onboarding owner, meeting and
 *               weekly-meeting host; the owner before the change, or the new one when the
 *               change adds the record) is changed only by a commit of that person, a manager
 *               or a director.
 *               The team's config (flowrec.yaml, schemas/) says who the approvers are: a
 *               change to it by anyone but a manager or a director (of the roster before the
 *               change) is a G-APPROVAL error too, or a forgery would take two commits.
 * Emails compare without regard to case. The roster and the rules' severities are those of
 * flowrec.yaml in the commit's first parent, so a commit cannot vouch for itself by editing
 * the roster; a root commit (or a parent without one) uses its own, and fallback (may be NULL)
 * is used when neither has a readable flowrec.yaml. Diagnostics name the record's path and
 * the commit ("commit 1a2b3c4", or "the staged change"). Returns the number of errors added
 * to d, or -1 with err set when the repository cannot be read. */
long fr_history_authors(fr_repo *repo, const fr_changes *ch, const fr_config *fallback,
			fr_diags *d, fr_error *err);

#endif
