/* channel.c - the channel-service kind (渠道分类管理服务): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "month", "specialist", NULL };
static const char *const people[] = { "specialist", NULL };
static const char *const actions[] = {  NULL };

const fr_kind fr_kind_channel = {
	.name = "channel-service",
	.title = N_("渠道分类管理服务"),
	.key = key,
	.people = people,
	.actions = actions,
};
