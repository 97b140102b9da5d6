/* history.h - the rules only git history can decide
 *
 * Timeliness (W-ONTIME, W-MIDWEEK, M-ONTIME, P-ONTIME) are facts about when things were first
 * committed: `due`, `report` and the HTML show them, they never block a commit or a push.
 * Authorship (G-APPROVAL, G-OWNER) is about who committed a change: the hooks enforce it.
 *
 * Deadlines are local times of the team's zone (the process's TZ, which fr_team_open sets).
 * A change's time is when the server received its commit, when the commit has a note in
 * refs/notes/flowrec-received (written by the post-receive hook); else its commit's author
 * date: when the change was first committed, kept when a commit is amended, rebased or
 * cherry-picked (the committer date is not), and chosen by whoever commits (fr_commit_time).
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
#include <stdio.h>

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
	long long done;            /* time of the commit that did it (fr_commit_time); 0 when not
				    * done */
	int received;              /* done is the server's receive time, not a commit date */
	char commit[41];           /* that commit; "" when not done */
	int uncommitted;           /* the record is in the snapshot but in no commit */
	fr_fact_status status;
} fr_fact;

/* Which clock dated the facts: every dated fact by a receive note, none, or some. */
typedef enum { FR_CLOCK_COMMIT, FR_CLOCK_RECEIVED, FR_CLOCK_MIXED } fr_clock;

typedef struct fr_facts {
	fr_arena *arena;           /* every string of the facts */
	fr_fact *v;
	size_t n, cap;
	fr_clock clock;
} fr_facts;

#define FR_FACTS_INIT { NULL, NULL, 0, 0, FR_CLOCK_COMMIT }

/* The clock of facts: RECEIVED when every dated fact has a receive time (or none is dated and
 * notes says the repository has the notes ref), COMMIT when none has, else MIXED. */
fr_clock fr_facts_clock(const fr_facts *f, int notes);
/* "received", "commit", "mixed": for JSON, never translated. */
const char *fr_clock_name(fr_clock c);
/* The line that says it, untranslated (N_): "clock: commit dates (can be backdated)". */
const char *fr_clock_text(fr_clock c);

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

/* The first second that is judged: the start of the team's `since` day (config.h), else of the
 * day of the first commit in hist that holds flowrec.yaml; 0 (everything) when neither is
 * known. fr_history_timeliness leaves out every fact whose deadline is before it, so `due`,
 * `report` and the site do not judge what came before the team used flowrec. */
long long fr_history_since(const fr_config *cfg, const fr_changes *hist);

/* The host of the week that starts on monday: its minutes' `host`, else the one the rotation
 * gives counting from the nearest week with a known host; "" when neither says. */
const char *fr_history_host(const fr_set *set, int monday);

/* A person's on-time rate: of the facts judged so far (on time, late or missing) where they
 * are the one responsible, how many were on time. */
typedef struct fr_ontime {
	const char *person;        /* borrowed from the facts or the config */
	size_t on_time, total;
} fr_ontime;

/* One entry per person with at least one judged fact: roster order, then others by name.
 * *out heap (free()); returns the count. */
size_t fr_facts_rates(const fr_facts *f, const fr_config *cfg, fr_ontime **out);

/* Who vouches for a commit (flowrec.yaml `approvals: {trust: ...}`):
 *   FR_TRUST_SIGNATURE  the commit's SSH signature (ssh-keygen) or OpenPGP one (gpgv), against the
 *                       roster's `signing_key`s
 *   FR_TRUST_PUSHER     the pusher the git host names in the hook's environment, matched to
 *                       the roster's `login` (GITEA_PUSHER_EMAIL: to `email`)
 *   FR_TRUST_AUTHOR     the author email as git reads it: anyone who can push can forge it */
typedef enum { FR_TRUST_AUTHOR, FR_TRUST_PUSHER, FR_TRUST_SIGNATURE } fr_trust;

typedef struct fr_judge {
	const fr_config *roster;       /* who approves, the rules' severities (the protected
					* branch's as on the server before the push) */
	const struct fr_schemas *schemas; /* x-after-approval (the same branch's) */
	fr_trust trust;
	const char *pusher;            /* FR_TRUST_PUSHER: the pusher's login, or NULL */
	const char *pusher_email;      /* FR_TRUST_PUSHER: GITEA_PUSHER_EMAIL, or NULL */
	int first_config;              /* no config before (a new team): the first one is taken
					* as given, there is no roster yet to say who may write it */
} fr_judge;

/* The trust level of a roster: its approvals.trust, else the strongest available: signature
 * when a manager or a director has a signing_key, else pusher when the environment names a
 * pusher (fr_judge_pusher, or GITEA_PUSHER_EMAIL), else author. */
fr_trust fr_judge_trust(const fr_config *roster);
const char *fr_trust_name(fr_trust t);
/* The pusher's login from the environment: roster's approvals.pusher_variable when set, else
 * GL_USERNAME, GITHUB_USER_LOGIN, GITEA_PUSHER_NAME, REMOTE_USER; *var the variable read. */
const char *fr_judge_pusher(const fr_config *roster, const char **var);

/* Whether the approvals of set can be forged: its config trusts authors (fr_judge_trust) and
 * some record holds an approval. fr_history_warn_forgeable prints the one-line warning. */
int fr_history_forgeable(const fr_set *set);
void fr_history_warn_forgeable(FILE *f);
/* 1 when the front matter fm holds an approval (what fr_history_forgeable looks for). */
int fr_history_has_approvals(const fr_node *fm);

/* G-APPROVAL and G-OWNER over every change of ch, judged by j (one roster for all commits):
 *   G-APPROVAL  approvals are values (product-plan `approvals` items, scorecard `reviewed`):
 *               an approval of the record after a change that no parent's version of the same
 *               record (kind, month, owner or partner) holds with every field equal was
 *               introduced by the change (re-dating one makes a new one); a merge also
 *               introduces one its merge base holds but a parent dropped (a resurrection).
 *               Only the approver may introduce it. An approval kept by a change still vouches
 *               for the record as approved: the change may alter no field but those the
 *               schema marks `x-after-approval: true`, unless the approver makes it.
 *               A change to flowrec.yaml or schemas/ by anyone but a manager or director is a
 *               G-APPROVAL error too.
 *   G-OWNER     a record owned by a person (monthly-plan person, product-plan owner, scorecard
 *               scorer, channel-service specialist, onboarding owner, meeting and
 *               weekly-meeting host; the owner before the change, or the new one when the
 *               change adds the record) is changed or deleted only by that person, a manager
 *               or a director.
 * Identities per j->trust (see actor in history.c). Returns the number of errors added to d,
 * or -1 with err set when the repository cannot be read. */
long fr_history_authors(fr_repo *repo, const fr_changes *ch, const fr_judge *j, fr_diags *d,
			fr_error *err);

#endif
