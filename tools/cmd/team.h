/* team.h - what every team command opens first: the repository root, the config, the schemas
 * and "today" */
#ifndef FR_TEAM_H
#define FR_TEAM_H

#include "config.h"
#include "diag.h"
#include "schemas.h"

typedef struct fr_team {
	char *root;            /* folder that holds flowrec.yaml (heap) */
	fr_config *cfg;
	fr_schemas *schemas;
	int today;             /* day number of --today, else of the local date in the team's zone */
} fr_team;

/* Find the team repository from the working directory, load its config and schemas (with the
 * team's schemas/ overrides), set the process time zone to the team's, and fix today (the
 * --today value when not NULL). Prints what went wrong (diagnostics or one line) and returns
 * the exit status to use (2), or 0 on success. */
int fr_team_open(fr_team *t, const char *cmd, const char *today);
void fr_team_close(fr_team *t);

/* Parse --today's value; prints a usage error and returns -1 when it is not YYYY-MM-DD. */
int fr_parse_today(const char *cmd, const char *s, int *days);

#endif
