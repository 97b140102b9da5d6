/* meeting.c - the meeting kind (高效会议): its rules in code and its figures
 *
 * The schema owns Q-PURPOSE and Q-DECISION. Here:
 * - Q-TIMEBOX (warning): `minutes` over the sum of the agenda's time limits, at `minutes`;
 *   checked only when every agenda item has a number of minutes.
 * - Q-PRESENT: each name in `present` that is not in `invited`, at that name.
 * - Q-DISTRIBUTE (warning): `distributed` more than one day after `date`, at `distributed`;
 *   no `distributed` is reported (at `date`) only once the day after the meeting has passed,
 *   since the record may be drafted with its agenda before the meeting.
 * Figures: action_completion = done / (all - dropped), over decisions with a known status
 * (null when none counts); overdue = the open decisions whose due day is before today.
 */
#include "kind.h"
#include "date.h"
#include "i18n.h"

#include <string.h>

static const char *const key[] = { "date", "title", NULL };
static const char *const people[] = { "host", "invited[]", "present[]", "decisions[].owner",
				       "agenda[].presenter", NULL };
static const char *const actions[] = { "decisions[].decision", NULL };

static void check_timebox(fr_ctx *c, const fr_record *r)
{
	const fr_node *agenda = fr_map_get(r->fm, "agenda");
	const fr_node *minutes = fr_map_get(r->fm, "minutes");
	double sum = 0, m;
	size_t i;
	if (!minutes || minutes->type != FR_NUMBER || !agenda || agenda->type != FR_SEQ ||
	    !agenda->n)
		return;
	for (i = 0; i < agenda->n; i++) {
		if (!fr_map_num(agenda->items[i], "minutes", &m))
			return; /* Q-PURPOSE says the limit is missing */
		sum += m;
	}
	if (minutes->num > sum)
		fr_rule(c, r, minutes, "Q-TIMEBOX",
			_("the meeting took %g minutes, over its agenda's %g: keep to each topic's time limit"),
			minutes->num, sum);
}

static void check_present(fr_ctx *c, const fr_record *r)
{
	const fr_node *invited = fr_map_get(r->fm, "invited");
	const fr_node *present = fr_map_get(r->fm, "present");
	size_t i, j;
	if (!invited || invited->type != FR_SEQ || !present || present->type != FR_SEQ)
		return;
	for (i = 0; i < present->n; i++) {
		const char *who = fr_node_str(present->items[i]);
		int found = 0;
		if (!who)
			continue;
		for (j = 0; j < invited->n && !found; j++) {
			const char *inv = fr_node_str(invited->items[j]);
			found = inv && !strcmp(inv, who);
		}
		if (!found)
			fr_rule(c, r, present->items[i], "Q-PRESENT",
				_("'%s' is present but was not invited: add them to 'invited'"), who);
	}
}

static void check_distribute(fr_ctx *c, const fr_record *r)
{
	const fr_node *date = fr_map_get(r->fm, "date");
	const fr_node *dist = fr_map_get(r->fm, "distributed");
	int d, sent;
	char dues[11];
	if (fr_date_parse(fr_node_str(date), &d))
		return;
	fr_date_format(d + 1, dues);
	if (!dist) {
		if (fr_today(c) > d + 1)
			fr_rule(c, r, date, "Q-DISTRIBUTE",
				_("no 'distributed' date: send the minutes to the attendees by %s"), dues);
		return;
	}
	if (!fr_date_parse(fr_node_str(dist), &sent) && sent > d + 1)
		fr_rule(c, r, dist, "Q-DISTRIBUTE",
			_("the minutes were sent on '%s', %d days after the meeting: send them by %s"),
			dist->str, sent - d, dues);
}

static void meeting_check(fr_ctx *c, const fr_record *r)
{
	check_timebox(c, r);
	check_present(c, r);
	check_distribute(c, r);
}

static fr_node *meeting_figures(fr_ctx *c, const fr_record *r, fr_arena *a)
{
	const fr_node *decisions = fr_map_get(r->fm, "decisions");
	fr_node *f = fr_node_map(a), *overdue = fr_node_seq(a);
	size_t i, all = 0, done = 0, dropped = 0;
	for (i = 0; i < fr_node_count(decisions) && decisions->type == FR_SEQ; i++) {
		const fr_node *dn = decisions->items[i];
		const char *status = fr_map_str(dn, "status");
		const char *text = fr_map_str(dn, "decision");
		int due;
		if (!status)
			continue;
		if (!strcmp(status, "done"))
			done++;
		else if (!strcmp(status, "dropped"))
			dropped++;
		else if (strcmp(status, "open"))
			continue;
		all++;
		if (!strcmp(status, "open") && text && !fr_date_parse(fr_map_str(dn, "due"), &due) &&
		    due < c->today)
			fr_seq_push(a, overdue, fr_node_string(a, text));
	}
	fr_map_set(a, f, "action_completion",
		   all > dropped ? fr_node_number(a, (double)done / (double)(all - dropped))
				 : fr_node_null(a));
	fr_map_set(a, f, "overdue", overdue);
	return f;
}

const fr_kind fr_kind_meeting = {
	.name = "meeting",
	.title = N_("高效会议"),
	.key = key,
	.people = people,
	.actions = actions,
	.check = meeting_check,
	.figures = meeting_figures,
};
