/* team.c - open the team repository: root, config, schemas, today */
#include "team.h"
#include "cmd.h"
#include "date.h"
#include "diagout.h"
#include "i18n.h"
#include "limits.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int fr_parse_today(const char *cmd, const char *s, int *days)
{
	if (fr_date_parse(s, days)) {
		fr_usage_error(cmd, _("--today wants a date like 2026-03-31, not '%s'"), s);
		return -1;
	}
	return 0;
}

int fr_team_open(fr_team *t, const char *cmd, const char *today)
{
	fr_diags d = FR_DIAGS_INIT;
	char *path = NULL, *text = NULL, *sdir = NULL;
	size_t len;
	int rc = FR_EXIT_FAIL;

	memset(t, 0, sizeof(*t));
	if (today && fr_parse_today(cmd, today, &t->today))
		return FR_EXIT_FAIL;
	if (fr_config_find(".", &t->root)) {
		fr_die_msg(_("no flowrec.yaml here or in any parent folder: run flowrec inside a team repository"));
		return FR_EXIT_FAIL;
	}
	sdir = fr_xmalloc(strlen(t->root) + sizeof("/schemas"));
	sprintf(sdir, "%s/schemas", t->root);
	if (fr_schemas_load(&t->schemas, access(sdir, F_OK) == 0 ? sdir : NULL, &d))
		goto done;
	path = fr_xmalloc(strlen(t->root) + sizeof("/flowrec.yaml"));
	sprintf(path, "%s/flowrec.yaml", t->root);
	if (fr_read_file(path, FR_MAX_RECORD_BYTES, &text, &len)) {
		fr_die_msg(_("cannot read '%s': %s"), path, strerror(errno));
		goto done;
	}
	if (fr_config_load(&t->cfg, "flowrec.yaml", text, len, t->schemas, &d))
		goto done;
	/* deadlines are local times of the team's zone; set once, before any thread starts */
	setenv("TZ", t->cfg->timezone, 1);
	tzset();
	if (!today)
		t->today = fr_date_today();
	rc = 0;
done:
	if (d.n) {
		fr_diags_finish(&d);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, 0, NULL, NULL);
	}
	fr_diags_free(&d);
	free(text);
	free(path);
	free(sdir);
	if (rc)
		fr_team_close(t);
	return rc;
}

void fr_team_close(fr_team *t)
{
	fr_config_free(t->cfg);
	fr_schemas_free(t->schemas);
	free(t->root);
	memset(t, 0, sizeof(*t));
}
