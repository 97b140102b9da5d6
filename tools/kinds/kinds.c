/* kinds.c - the table of record kinds: add a new kind here */
#include "kind.h"

#include <string.h>

const fr_kind *const fr_kinds[] = {
	&fr_kind_weekly,
	&fr_kind_cards,
	&fr_kind_monthly,
	&fr_kind_product,
	&fr_kind_scorecard,
	&fr_kind_channel,
	&fr_kind_onboarding,
	&fr_kind_meeting,
	&fr_kind_process,
	NULL
};

const fr_kind *fr_kind_find(const char *name)
{
	size_t i;
	for (i = 0; name && fr_kinds[i]; i++)
		if (!strcmp(fr_kinds[i]->name, name))
			return fr_kinds[i];
	return NULL;
}
