/* rulemsg.h - the words of the rules a schema owns (x-rule), so they read like code rules
 *
 * The validator reports a failing keyword with a generic sentence ("expected at most %zu
 * items, found %zu"). When the keyword sits under an x-rule, the rule's own sentence takes its
 * place ("exactly 3 key tasks a week: here there are 4"), with the same arguments in the same
 * order. X-SCHEMA and constraints no rule owns keep the generic sentence.
 */
#ifndef FR_RULEMSG_H
#define FR_RULEMSG_H

#include <stddef.h>

/* The translated sentence of rule for the generic format fmt (as the validator passes it,
 * already translated); fmt itself when the rule has none for it. */
const char *fr_rule_schema_fmt(const char *rule, const char *fmt);

/* The table, for tests: entry i's rule, generic and English sentence; NULL past the end. */
const char *fr_rule_schema_entry(size_t i, const char **generic, const char **text);

#endif
