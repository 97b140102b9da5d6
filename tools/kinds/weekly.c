/* weekly.c - the weekly-meeting kind (周例会纪要): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "week", NULL };
static const char *const people[] = { "host", "attendees[]", "reports[].person", "departments[].head", "departments[].tasks[].owner", "company[].owner", "midweek.checks[].person", NULL };
static const char *const actions[] = { "reports[].this_week[].task", "reports[].last_week[].task", "departments[].tasks[].task", "company[].task", NULL };

const fr_kind fr_kind_weekly = {
	.name = "weekly-meeting",
	.title = N_("周例会纪要"),
	.key = key,
	.people = people,
	.actions = actions,
};
