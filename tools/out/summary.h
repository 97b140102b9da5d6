/* summary.h - the roll-ups of a snapshot: what `report` prints and `render` draws
 *
 * One function turns a checked set (engine.h) into one tree (node.h) that every writer reads:
 * text, CSV, Markdown and JSON in report.c; the HTML site in render.c. Figures are computed
 * once here (or by the kinds, through fr_set_figures), never by a writer. Rates are fractions
 * (0.85), null where nothing is reported; writers show them (jsonout.h: four decimals).
 *
 * The tree, all keys always present (lists may be empty, absent values are null):
 * {
 *   "team": "华东销售部", "today": "2026-03-31",
 *   "period": "2026-Q1" | null, "person": "李娜" | null, "kind": "cards" | null,  the filter
 *   "threshold": 0.3,
 *   "records":  [{path, kind, title, subject, date, person, valid, figures}]    by path
 *   "weeks":    [{week, path, team_rate, people: [{person, rate, path}]}]       by week
 *   "months":   [{month, team_rate, people: [{person, rate, path}]}]            by month
 *   "people":   [{person, role, weeks: [{week, rate}], months: [{month, rate}]}] roster order
 *   "flagged":  [{path, line, kind, period, person, item, target, actual, unit, better, rate,
 *                 deviation, reason}]                       by period, then path and line
 *   "cards":    [{path, week, sku, name, card, quantity, sold, sell_through, status,
 *                 deadline, assignees: []}]                 by path, then product order
 *   "partners": [{partner, class, month, score, grade, path}]
 * }
 *
 * records: every record that parsed and names a known kind, valid or not (`valid` is 0 when
 *   `check` finds an error in it: report shows what it can). `title` is the record's key as
 *   text ("2026-W10", "2026-04 李娜", "2026-03-05 新品上市准备会"); `subject` what it is about
 *   (partner, customer, meeting title, process name) or null; `date` the field that places it
 *   in time (week, month, date, first_pickup; null for process); `person` its owner (weekly
 *   host, monthly person, owner, scorer, specialist; null for cards). `figures` is the kind's
 *   mapping (DOMAIN.md section 5) or null when the kind computes none; under a person filter,
 *   a weekly meeting's `people` lists only that person (team_rate stays the team's).
 *
 * weeks: one row per weekly-meeting record, labelled with the week the tasks were FOR: the
 *   meeting of week W reports `last_week`, the tasks of W-1, so records/weekly/2026-W10.md
 *   gives the row "2026-W09" (`path` names the meeting). A person's rate is the weighted mean
 *   of their last_week item rates (rate.h); team_rate the mean of the known person rates.
 * months: one row per month SUMMARISED: the monthly-plan for month M summarises M-1, so
 *   records/monthly/2026-04/李娜.md gives 李娜's rate in row "2026-03" (summary.metrics).
 *   People in a row are in roster order, names outside the roster after them.
 * people: each person with at least one week or month rate, roster order first.
 * flagged: weekly last_week tasks and monthly summary metrics whose deviation is over the
 *   team's threshold; `period` is the week or month the item was for (as in weeks/months),
 *   `line` the item's line in the file, `reason` null when none was given.
 * cards: each red/yellow card product; sold is the last tracking `sold` (null: no tracking),
 *   deadline the Sunday of `week` (red) or of the week after (yellow), status done | late |
 *   overdue | open as of the set's today (null when card, week or quantity is unreadable).
 * partners: the latest scorecard (by month) of each partner in the selection;
 *   score = sum(weight x score) / 100, grade excellent >= 90, good >= 75, pass >= 60, else
 *   improve; best score first, then by name; unscorable (no factors) last with nulls.
 *
 * The filter: a record is in a period by its placing date (weekly and cards: the Monday of
 * `week`; monthly, product, scorecard, channel: the first of `month`; meeting: `date`;
 * onboarding: `first_pickup`; process: always; a record whose date is unreadable is in no
 * period). So --period 2026-03 takes the meetings of weeks 10..14 (Mondays in March), whose
 * rows are weeks 09..13. A person filter keeps the records where the person appears (weekly:
 * has a report; cards: is an assignee; meeting: host, invited, present or decision owner;
 * others: the owner field); weeks/months are computed over the whole team of the period and
 * then show only the rows and people entries of that person; flagged and cards keep only the
 * person's items. A kind filter keeps only that kind's records (and the roll-ups that come
 * from it).
 */
#ifndef FR_SUMMARY_H
#define FR_SUMMARY_H

#include "engine.h"
#include "node.h"

typedef struct fr_filter {
	const char *period;   /* "2026-03", "2026-W10", "2026-Q1" or NULL for all */
	const char *person;   /* a roster name or NULL */
	const char *kind;     /* a kind name or NULL */
} fr_filter;

/* Returns 0 and *out (allocated from a), or -1 when the filter's period is not one of the
 * forms above. f may be NULL (no filter). Never prints. */
int fr_summary(fr_node **out, const fr_set *s, const fr_filter *f, fr_arena *a);

/* The first and last day of a period "2026-Q1", "2026-03" or "2026-W10"; 0, or -1 when the
 * text is none of these forms (or names no such week: 2026-W54). */
int fr_period_parse(const char *period, int *first, int *last);
/* Does a period contain the day number? 0 for a malformed period or FR_NO_DATE. */
int fr_period_contains(const char *period, int day);

#endif
