/* meeting.c - the meeting kind (高效会议): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "date", "title", NULL };
static const char *const people[] = { "host", "invited[]", "present[]", "decisions[].owner", NULL };
static const char *const actions[] = { "decisions[].decision", NULL };

const fr_kind fr_kind_meeting = {
	.name = "meeting",
	.title = N_("高效会议"),
	.key = key,
	.people = people,
	.actions = actions,
};
