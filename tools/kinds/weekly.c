/* weekly.c - the weekly-meeting kind (周例会纪要): its rules in code and its figures
 *
 * The schema owns W-LENGTH, W-THREE and W-NUMERIC. Here: W-MONDAY, W-START, W-REPORT,
 * W-THISWEEK, W-REASON, W-DEPT on one record; W-ROTATION and W-CARRY (carry.c) against the
 * record of the week before. Everything reads the tree defensively: a field of the wrong type
 * is the schema's to report, and a rule simply skips what it cannot read.
 */
#include "kind.h"
#include "index.h"
#include "carry.h"
#include "date.h"
#include "i18n.h"
#include "suggest.h"
#include "rate.h"
#include "util.h"

#include <math.h>
#include <string.h>

static const char *const key[] = { "week", NULL };
/* what check_all reads (fr_kind.facts) */
static const char *const facts[] = { "week", "host", "reports[].person",
	"reports[].last_week[].task", "reports[].last_week[].target", "reports[].last_week[].unit",
	"reports[].this_week[].task", "reports[].this_week[].target", "reports[].this_week[].unit", NULL };
static const char *const people[] = { "host", "attendees[]", "reports[].person", "departments[].head", "departments[].tasks[].owner", "company[].owner", "midweek.checks[].person", NULL };
static const char *const actions[] = { "reports[].this_week[].task", "reports[].last_week[].task", "departments[].tasks[].task", "company[].task", NULL };

/* ---- W-MONDAY, W-START ---- */

static void check_monday(fr_ctx *c, const fr_record *r)
{
	int monday = fr_record_week_monday(r), day;
	const fr_node *date = fr_map_get(r->fm, "date");
	char want[11];
	if (monday == FR_NO_DATE || fr_date_parse(fr_node_str(date), &day) || day == monday)
		return;
	fr_date_format(monday, want);
	fr_rule(c, r, date, "W-MONDAY", _("the meeting date '%s' is not the Monday of week '%s' (%s)"),
		date->str, fr_map_str(r->fm, "week"), want);
}

static void check_start(fr_ctx *c, const fr_record *r)
{
	const fr_node *started = fr_map_get(r->fm, "started");
	int at, latest = c->cfg->work_start + 30;
	if (fr_time_parse(fr_node_str(started), &at) || at <= latest)
		return;
	fr_rule(c, r, started, "W-START",
		_("the meeting started at '%s', %d minutes after work starts (%02d:%02d): at most 30 are allowed"),
		started->str, at - c->cfg->work_start, c->cfg->work_start / 60, c->cfg->work_start % 60);
}

/* ---- W-REPORT ----
 * Every attending sales rep reports exactly once. A report by someone who is not among the
 * attendees is an error too: either the attendance is wrong or the report belongs to another
 * meeting, and both make the minutes untrue. Non-sales attendees may report but need not. */

static int is_attendee(const fr_record *r, const char *name)
{
	size_t i, n = fr_map_len(r->fm, "attendees");
	for (i = 0; i < n; i++)
		if (fr_streq(fr_node_str(fr_map_item(r->fm, "attendees", i)), name))
			return 1;
	return 0;
}

/* Whether the attendance can be trusted: a list of roster names. When it is missing or holds
 * a name that is not in the roster, X-SCHEMA or X-PERSON says so once; the reports are not
 * judged against it too (one mistake, one error). */
static int attendance_known(const fr_ctx *c, const fr_record *r)
{
	const fr_node *a = fr_map_get(r->fm, "attendees");
	size_t i;
	if (!a || a->type != FR_SEQ)
		return 0;
	for (i = 0; i < a->n; i++)
		if (!fr_config_person(c->cfg, fr_node_str(a->items[i])))
			return 0;
	return 1;
}

/* The number of reports by name among the first n reports. */
static size_t reports_by(const fr_record *r, const char *name, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		k += fr_streq(fr_map_str(fr_map_item(r->fm, "reports", i), "person"), name);
	return k;
}

/* Whether a report is by a name not in the roster that is a near-spelling of name: the typo
 * is X-PERSON's (with "did you mean"), not a missing report too. */
static int report_by_misspelt(const fr_ctx *c, const fr_record *r, const char *name, size_t nrep)
{
	size_t i;
	for (i = 0; i < nrep; i++) {
		const char *who = fr_map_str(fr_map_item(r->fm, "reports", i), "person");
		if (who && !fr_config_person(c->cfg, who) && fr_suggest(who, &name, 1, sizeof(name)))
			return 1;
	}
	return 0;
}

static void check_report_attendees(fr_ctx *c, const fr_record *r)
{
	size_t i, n = fr_map_len(r->fm, "attendees"), nrep = fr_map_len(r->fm, "reports");
	for (i = 0; i < n; i++) {
		const fr_node *a = fr_map_item(r->fm, "attendees", i);
		const fr_person *p = fr_config_person(c->cfg, fr_node_str(a));
		if (!p || !fr_streq(p->role, "sales") || reports_by(r, a->str, nrep) ||
		    report_by_misspelt(c, r, a->str, nrep))
			continue;
		fr_rule(c, r, a, "W-REPORT", _("sales rep '%s' attends but has no entry in 'reports'"),
			a->str);
	}
}

static void check_report_entries(fr_ctx *c, const fr_record *r)
{
	size_t i, n = fr_map_len(r->fm, "reports");
	for (i = 0; i < n; i++) {
		const fr_node *who = fr_map_get(fr_map_item(r->fm, "reports", i), "person");
		const char *name = fr_node_str(who);
		if (!name)
			continue;
		if (reports_by(r, name, i))
			fr_rule(c, r, who, "W-REPORT", _("'%s' has more than one entry in 'reports'"), name);
		else if (attendance_known(c, r) && fr_config_person(c->cfg, name) && !is_attendee(r, name))
			fr_rule(c, r, who, "W-REPORT",
				_("'%s' has a report but is not among the attendees"), name);
	}
}

/* ---- W-THISWEEK ---- */

struct due_walk {
	fr_ctx *c;
	const fr_record *r;
	int monday;
};

static void check_due(void *ud, const fr_node *due)
{
	struct due_walk *w = ud;
	char mon[11], sun[11];
	int day;
	if (fr_date_parse(fr_node_str(due), &day) || (day >= w->monday && day <= w->monday + 6))
		return;
	fr_date_format(w->monday, mon);
	fr_date_format(w->monday + 6, sun);
	fr_rule(w->c, w->r, due, "W-THISWEEK",
		_("due date '%s' is outside the meeting's week (%s to %s): only discuss what can be done this week"),
		due->str, mon, sun);
}

static void check_thisweek(fr_ctx *c, const fr_record *r)
{
	/* last_week's tasks were due last week: only this week's commitments are checked */
	static const char *const paths[] = { "reports[].this_week[].due",
		"departments[].tasks[].due", "company[].due" };
	struct due_walk w = { c, r, fr_record_week_monday(r) };
	size_t i;
	if (w.monday == FR_NO_DATE)
		return;
	for (i = 0; i < FR_ARRAY_LEN(paths); i++)
		fr_node_walk(r->fm, paths[i], check_due, &w);
}

/* ---- W-REASON ---- */

static void check_reason(fr_ctx *c, const fr_record *r)
{
	size_t i, n = fr_map_len(r->fm, "reports");
	for (i = 0; i < n; i++)
		fr_check_reasons(c, r, fr_map_get(fr_map_item(r->fm, "reports", i), "last_week"),
				 "task", "W-REASON");
}

/* ---- W-DEPT ----
 * Only roles that the roster has are asked for: a team without a logistics head cannot list
 * one. Each missing department is one warning, at `departments` (or the record's start). */

static int roster_has_role(const fr_config *cfg, const char *role)
{
	size_t i;
	for (i = 0; i < cfg->npeople; i++)
		if (fr_streq(cfg->people[i].role, role))
			return 1;
	return 0;
}

static int head_with_role(const fr_ctx *c, const fr_record *r, const char *role)
{
	size_t i, n = fr_map_len(r->fm, "departments");
	for (i = 0; i < n; i++) {
		const fr_person *p = fr_config_person(c->cfg,
			fr_map_str(fr_map_item(r->fm, "departments", i), "head"));
		if (p && fr_streq(p->role, role))
			return 1;
	}
	return 0;
}

static void check_dept(fr_ctx *c, const fr_record *r)
{
	static const char *const roles[] = { "finance", "logistics", "aftersales" };
	const fr_node *at = fr_map_get(r->fm, "departments");
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(roles); i++) {
		if (!roster_has_role(c->cfg, roles[i]) || head_with_role(c, r, roles[i]))
			continue;
		fr_rule(c, r, at ? at : r->fm, "W-DEPT",
			_("no '%s' department in 'departments': its head passes on the department's tasks for the week"),
			roles[i]);
	}
}

static void check(fr_ctx *c, const fr_record *r)
{
	if (!r->fm || r->fm->type != FR_MAP)
		return;
	check_monday(c, r);
	check_start(c, r);
	check_report_attendees(c, r);
	check_report_entries(c, r);
	check_thisweek(c, r);
	check_reason(c, r);
	check_dept(c, r);
}

/* ---- cross-record: W-ROTATION, W-CARRY against the week before ---- */

/* A weekly meeting's key for the index: its week's Monday (no owner). */
static int week_key(const fr_record *r, const char **who, int *day)
{
	*who = "";
	*day = fr_record_week_monday(r);
	return *day == FR_NO_DATE ? -1 : 0;
}

static void check_rotation(fr_ctx *c, const fr_record *r, const fr_record *prev)
{
	const fr_config *cfg = c->cfg;
	const char *last = fr_map_str(prev->fm, "host");
	const fr_node *host = fr_map_get(r->fm, "host");
	size_t i;
	if (!fr_node_str(host) || !last)
		return;
	for (i = 0; i < cfg->nrotation; i++) {
		const char *next = cfg->rotation[(i + 1) % cfg->nrotation];
		if (!fr_streq(cfg->rotation[i], last))
			continue;
		if (!fr_streq(host->str, next))
			fr_rule(c, r, host, "W-ROTATION",
				_("host is '%s' but '%s' is next in 'host_rotation' after last week's host '%s'"),
				host->str, next, last);
		return;
	}
	/* last week's host is not in the rotation: who comes next cannot be told */
}

/* The report of name in record r, or NULL. */
static const fr_node *report_of(const fr_record *r, const char *name)
{
	size_t i, n = fr_map_len(r->fm, "reports");
	for (i = 0; i < n; i++)
		if (fr_streq(fr_map_str(fr_map_item(r->fm, "reports", i), "person"), name))
			return fr_map_item(r->fm, "reports", i);
	return NULL;
}

/* W-CARRY's words for fr_carry_check: name, when (last week), detail (the rep). */
static const struct fr_carry_text carry_text = {
	.missing = N_("'%3$s' committed to '%1$s' in %2$s's meeting but it is missing from 'last_week'"),
	.extra = N_("'%1$s' is not among the tasks '%3$s' committed to in %2$s's meeting"),
	.changed = N_("the target of '%s' was %g in %s's meeting, now %s: a target cannot be changed after the fact"),
	.lowered = NULL,
	.unit = N_("the unit of '%s' was '%s' in %s's meeting, now '%s'"),
};

/* The report rep's last_week against old, the same rep's report of the week before. */
static void carry_report(fr_ctx *c, const fr_record *r, const fr_node *rep, const fr_node *old,
			 const char *week)
{
	const fr_node *lw = fr_map_get(rep, "last_week");
	const struct fr_carry how = { "W-CARRY", "task", lw && lw->type == FR_SEQ ? lw : rep, week,
				      fr_map_str(rep, "person"), &carry_text };
	fr_carry_check(c, r, lw, fr_map_get(old, "this_week"), &how);
}

/* A person without a report the week before committed to nothing then: nothing to carry. */
static void check_carry(fr_ctx *c, const fr_record *r, const fr_record *prev)
{
	const char *week = fr_map_str(prev->fm, "week");
	size_t i, n = fr_map_len(r->fm, "reports");
	for (i = 0; i < n; i++) {
		const fr_node *rep = fr_map_item(r->fm, "reports", i);
		const fr_node *old = report_of(prev, fr_map_str(rep, "person"));
		if (old && reports_by(r, fr_map_str(rep, "person"), i) == 0)
			carry_report(c, r, rep, old, week);
	}
}

/* Each meeting against the first record (path order) of the week before, found by index. */
static void check_all(fr_ctx *c, const fr_record *const *recs, size_t n)
{
	fr_index ix;
	size_t i;
	fr_index_build(&ix, recs, n, week_key);
	for (i = 0; i < n; i++) {
		int monday = fr_record_week_monday(recs[i]);
		const fr_record *prev = monday == FR_NO_DATE ? NULL : fr_index_find(&ix, "", monday - 7);
		if (!prev || !fr_node_count(recs[i]->fm) || !fr_node_count(prev->fm))
			continue;
		check_rotation(c, recs[i], prev);
		check_carry(c, recs[i], prev);
	}
	fr_index_free(&ix);
}

/* ---- figures ---- */

static fr_node *string_or_null(fr_arena *a, const char *s)
{
	return s ? fr_node_string(a, s) : fr_node_null(a);
}

/* A rate, or null when there is none or it is not finite (a .inf in the record). */
static fr_node *rate_or_null(fr_arena *a, int ok, double rate)
{
	return ok && isfinite(rate) ? fr_node_number(a, rate) : fr_node_null(a);
}

/* {person, rate, flagged: [task], unreported: [task]}; *rate and *ok for the team rate. */
static fr_node *person_figures(fr_ctx *c, const fr_node *rep, fr_arena *a, double *rate, int *ok)
{
	size_t i, n = fr_map_len(rep, "last_week");
	fr_item *items = fr_alloc(a, (n + 1) * sizeof(*items));
	fr_node *f = fr_node_map(a), *flagged = fr_node_seq(a), *unreported = fr_node_seq(a);
	for (i = 0; i < n; i++) {
		fr_item_read(fr_map_item(rep, "last_week", i), "task", &items[i]);
		if (!items[i].name)
			continue;
		if (fr_item_flagged(&items[i], c->cfg->threshold))
			fr_seq_push(a, flagged, fr_node_string(a, items[i].name));
		if (!items[i].has_actual)
			fr_seq_push(a, unreported, fr_node_string(a, items[i].name));
	}
	*ok = fr_items_rate(items, n, rate) == 0;
	fr_map_set(a, f, "person", fr_node_string(a, fr_map_str(rep, "person")));
	fr_map_set(a, f, "rate", rate_or_null(a, *ok, *rate));
	fr_map_set(a, f, "flagged", flagged);
	fr_map_set(a, f, "unreported", unreported);
	return f;
}

/* {week, team_rate, people}: team_rate is the mean of the person rates that are not null. A
 * report that names nobody is left out: a rate of nobody means nothing. */
static fr_node *figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	fr_node *f = fr_node_map(a), *ppl = fr_node_seq(a);
	size_t i, n = fr_map_len(r->fm, "reports"), rated = 0;
	double sum = 0;
	for (i = 0; i < n; i++) {
		const fr_node *rep = fr_map_item(r->fm, "reports", i);
		double rate = 0;
		int ok;
		if (!fr_map_str(rep, "person"))
			continue;
		fr_seq_push(a, ppl, person_figures(c, rep, a, &rate, &ok));
		if (ok && isfinite(rate)) {
			sum += rate;
			rated++;
		}
	}
	fr_map_set(a, f, "week", string_or_null(a, fr_map_str(r->fm, "week")));
	fr_map_set(a, f, "team_rate", rate_or_null(a, rated > 0, rated ? sum / (double)rated : 0));
	fr_map_set(a, f, "people", ppl);
	return f;
}

const fr_kind fr_kind_weekly = {
	.name = "weekly-meeting",
	.title = N_("周例会纪要"),
	.key = key,
	.facts = facts,
	.people = people,
	.actions = actions,
	.check = check,
	.check_all = check_all,
	.scope = week_key,
	.reach = 7,          /* the week before */
	.figures = figures,
};
