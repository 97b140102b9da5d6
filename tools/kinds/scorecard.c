/* scorecard.c - the partner-scorecard kind (合作伙伴绩效): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "month", "partner", NULL };
static const char *const people[] = { "scorer", "reviewed.by", NULL };
static const char *const actions[] = {  NULL };

const fr_kind fr_kind_scorecard = {
	.name = "partner-scorecard",
	.title = N_("合作伙伴绩效"),
	.key = key,
	.people = people,
	.actions = actions,
};
