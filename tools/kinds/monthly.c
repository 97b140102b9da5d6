/* monthly.c - the monthly-plan kind (月度总结计划): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "month", "person", NULL };
static const char *const people[] = { "person", "plan.golden_page[].owner", "plan.blank_sheet[].person", NULL };
static const char *const actions[] = { "plan.golden_page[].action", "plan.blank_sheet[].action", "plan.metrics[].measures[]", NULL };

const fr_kind fr_kind_monthly = {
	.name = "monthly-plan",
	.title = N_("月度总结计划"),
	.key = key,
	.people = people,
	.actions = actions,
};
