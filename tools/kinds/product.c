/* product.c - the product-plan kind (产品运营计划): its rules in code and its figures */
#include "kind.h"
#include "i18n.h"

static const char *const key[] = { "month", "owner", NULL };
static const char *const people[] = { "owner", "approvals[].by", NULL };
static const char *const actions[] = { "products[].strategy", NULL };

const fr_kind fr_kind_product = {
	.name = "product-plan",
	.title = N_("产品运营计划"),
	.key = key,
	.people = people,
	.actions = actions,
};
