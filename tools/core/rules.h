/* rules.h - every rule id of DOMAIN.md section 3: default severity and the handbook's words
 *
 * The one table of rules. A check names its rule by id; the severity a team sees is the
 * table's default unless flowrec.yaml's `rules:` overrides it (error, warning, off).
 */
#ifndef FR_RULES_H
#define FR_RULES_H

#include "diag.h"

typedef struct fr_rule_info {
	const char *id;          /* "W-REASON" */
	fr_severity sev;         /* default severity */
	int git;                 /* 1: a fact from history (never blocks a commit) */
	const char *quote;       /* the handbook line it comes from, or NULL */
	const char *summary;     /* one line, English, N_() marked */
} fr_rule_info;

/* The rule of that id, or NULL. */
const fr_rule_info *fr_rule_find(const char *id);
/* All rules, terminated by an entry whose id is NULL. */
extern const fr_rule_info fr_rules[];

#endif
