/* summary.h - the roll-ups of a snapshot: what `report` prints and `render` draws
 *
 * One function turns a checked set (engine.h) into one tree (node.h) that every writer reads:
 * text, CSV, Markdown and JSON in report.c; the HTML site in render.c. Figures are computed
 * once here, never by a writer. Rates are fractions (0.85), null where nothing is reported.
 *
 * The tree, all keys always present (lists may be empty):
 * {
 *   "team": "华东销售部", "today": "2026-03-31", "period": "2026-Q1" | null,
 *   "records":  [{path, kind, title, figures}]                   sorted by path
 *   "weeks":    [{week, team_rate, people: [{person, rate}]}]    weekly meetings, by week
 *   "months":   [{month, team_rate, people: [{person, rate}]}]   monthly-plan summaries, by
 *                                                                the month they summarise
 *   "people":   [{person, role, weeks: [{week, rate}], months: [{month, rate}]}]  by roster
 *   "flagged":  [{path, line, kind, period, person, item, target, actual, unit, rate,
 *                 deviation, reason}]                             deviations over threshold
 *   "cards":    [{path, week, sku, name, card, quantity, sold, sell_through, status,
 *                 deadline, assignees: []}]
 *   "partners": [{partner, class, month, score, grade, path}]    latest month per partner,
 *                                                                best score first
 * }
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
 * forms above. Only records that parsed are summarised; invalid ones are still included
 * (report shows what it can), and `records[].valid` says which. */
int fr_summary(fr_node **out, const fr_set *s, const fr_filter *f, fr_arena *a);

/* Does a period filter ("2026-Q1", "2026-03", "2026-W10") contain the day number? */
int fr_period_contains(const char *period, int day);

#endif
