/* roster.c - `flowrec roster [--role ROLE]`: the team's people as flowrec.yaml lists them, one a
 * line "NAME<TAB>ROLE<TAB>EMAIL" (email empty when there is none), never translated: what a
 * script or the bash completion (--person) reads instead of parsing YAML itself */
#include "cmd.h"
#include "i18n.h"
#include "team.h"

#include <stdio.h>
#include <string.h>

int cmd_roster(int argc, char **argv)
{
	const char *role = NULL;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("role", N_("ROLE"), N_("only the people of one role (sales, manager, finance, ...)"), &role),
		FR_OPT_END_
	};
	fr_team team;
	size_t i;
	int rc;

	memset(&team, 0, sizeof(team));
	rc = fr_parse_options("roster", N_("[--role ROLE]"), opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (argc > 0)
		return fr_usage_error("roster", _("roster takes no operands, not '%s'"), argv[0]);
	if ((rc = fr_team_open(&team, "roster", NULL)))
		return rc;
	for (i = 0; i < team.cfg->npeople; i++) {
		const fr_person *p = &team.cfg->people[i];
		if (!role || !strcmp(p->role, role))
			printf("%s\t%s\t%s\n", p->name, p->role, p->email ? p->email : "");
	}
	fr_team_close(&team);
	return 0;
}
