/* process.c - the process kind (流程): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "name", NULL };
static const char *const people[] = { "owner", NULL };
static const char *const actions[] = { "steps[].activity", NULL };

const fr_kind fr_kind_process = {
	.name = "process",
	.title = N_("流程"),
	.key = key,
	.people = people,
	.actions = actions,
};
