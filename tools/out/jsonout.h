/* jsonout.h - write a tree (node.h) as JSON, with rates the way DOMAIN.md section 5 wants them
 *
 * Output is pretty-printed, two spaces an indent level, keys in the tree's order; an array of
 * scalars stays on one line. Numbers: integral values without decimals (40), others with up to
 * 15 significant digits (82.5); the value of a rate key (fr_json_rate_key) always with four
 * decimals (0.8500, 1.0000), as a fraction. NaN and infinities are null. Strings are UTF-8 as
 * stored, with the JSON escapes for quotes, backslashes and control characters.
 */
#ifndef FR_JSONOUT_H
#define FR_JSONOUT_H

#include "buf.h"
#include "node.h"

/* Append n as JSON (no trailing newline); NULL is written as null. */
void fr_json_write(fr_buf *out, const fr_node *n);

/* Is a value under this key a rate (a fraction shown with four decimals)? rate, team_rate,
 * sell_through, sales_rate, profit_rate, action_completion, review_score, deviation. */
int fr_json_rate_key(const char *key);

#endif
