/* jsonout.c - write a tree as pretty-printed JSON, rates with four decimals */
#include "jsonout.h"
#include "table.h"

#include <math.h>
#include <string.h>

int fr_json_rate_key(const char *key)
{
	static const char *const keys[] = { "rate", "team_rate", "sell_through", "sales_rate",
					    "profit_rate", "action_completion", "review_score",
					    "deviation", NULL };
	size_t i;
	for (i = 0; key && keys[i]; i++)
		if (!strcmp(keys[i], key))
			return 1;
	return 0;
}

static void indent(fr_buf *out, int level)
{
	fr_buf_addc(out, '\n');
	while (level-- > 0)
		fr_buf_adds(out, "  ");
}

static int scalar(const fr_node *n)
{
	return !n || (n->type != FR_SEQ && n->type != FR_MAP);
}

static void write_node(fr_buf *out, const fr_node *n, int level, int rate, int depth)
{
	size_t i;
	int flat;
	char num[32];

	if (!n || depth > 300) {
		fr_buf_adds(out, "null");
		return;
	}
	switch (n->type) {
	case FR_NULL:
		fr_buf_adds(out, "null");
		break;
	case FR_BOOL:
		fr_buf_adds(out, n->boolean ? "true" : "false");
		break;
	case FR_NUMBER:
		if (!isfinite(n->num)) {
			fr_buf_adds(out, "null");
		} else if (rate) {
			fr_buf_addf(out, "%.4f", n->num);
		} else {
			fr_format_number(num, n->num);
			fr_buf_adds(out, num);
		}
		break;
	case FR_STRING:
		fr_buf_add_json_str(out, n->str ? n->str : "", n->str ? n->len : 0);
		break;
	case FR_SEQ:
		if (!n->n) {
			fr_buf_adds(out, "[]");
			break;
		}
		flat = 1;
		for (i = 0; i < n->n; i++)
			flat &= scalar(n->items[i]);
		fr_buf_addc(out, '[');
		for (i = 0; i < n->n; i++) {
			if (i)
				fr_buf_addc(out, ',');
			if (flat) {
				if (i)
					fr_buf_addc(out, ' ');
			} else {
				indent(out, level + 1);
			}
			/* a list under a rate key is a list of rates */
			write_node(out, n->items[i], level + 1, rate, depth + 1);
		}
		if (!flat)
			indent(out, level);
		fr_buf_addc(out, ']');
		break;
	case FR_MAP:
		if (!n->n) {
			fr_buf_adds(out, "{}");
			break;
		}
		fr_buf_addc(out, '{');
		for (i = 0; i < n->n; i++) {
			const fr_node *k = n->pairs[i].key;
			if (i)
				fr_buf_addc(out, ',');
			indent(out, level + 1);
			fr_buf_add_json_str(out, k->str, k->len);
			fr_buf_adds(out, ": ");
			write_node(out, n->pairs[i].val, level + 1, fr_json_rate_key(k->str), depth + 1);
		}
		indent(out, level);
		fr_buf_addc(out, '}');
		break;
	}
}

void fr_json_write(fr_buf *out, const fr_node *n)
{
	write_node(out, n, 0, 0, 0);
}
