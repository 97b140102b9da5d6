/* onboarding.c - the onboarding kind (新客户快速增长): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "customer", NULL };
static const char *const people[] = { "owner", NULL };
static const char *const actions[] = {  NULL };

const fr_kind fr_kind_onboarding = {
	.name = "onboarding",
	.title = N_("新客户快速增长"),
	.key = key,
	.people = people,
	.actions = actions,
};
