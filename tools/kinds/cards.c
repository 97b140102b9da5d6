/* cards.c - the cards kind (红黄牌产品): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "week", NULL };
static const char *const people[] = { "products[].assignees[]", NULL };
static const char *const actions[] = {  NULL };

const fr_kind fr_kind_cards = {
	.name = "cards",
	.title = N_("红黄牌产品"),
	.key = key,
	.people = people,
	.actions = actions,
};
