/* timeliness.c - the on-time facts of a team's working tree, from HEAD's history: what `render`
 * and `report` judge by, the same facts `due` prints */
#include "cmd.h"
#include "i18n.h"
#include "team.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int fr_team_timeliness(fr_team_history *h, const fr_team *team, const fr_set *set, long long now)
{
	char tip[41] = "";
	fr_error err;

	memset(h, 0, sizeof(*h));
	if (fr_repo_open(&h->repo, team->root, &err) == 0) {
		const char *top = fr_repo_workdir(h->repo);
		char *real = top ? realpath(top, NULL) : NULL;
		size_t n = real ? strlen(real) : 0;
		if (real && !strncmp(team->root, real, n) && team->root[n] == '/')
			fr_repo_set_prefix(h->repo, team->root + n + 1);
		free(real);
		if (fr_repo_resolve(h->repo, "HEAD", tip, &err))
			tip[0] = '\0';   /* no commit yet */
	}
	if (h->repo && tip[0] && fr_repo_changes(&h->changes, h->repo, tip, NULL, 0, 0, &err)) {
		fr_die_msg(_("warning: %s: judging without the git history"), err.msg);
		h->changes = NULL;
	}
	if (fr_history_timeliness(&h->facts, set, h->changes, h->changes ? h->repo : NULL, now, &err)) {
		fr_die_msg(_("warning: %s: judging without the git history"), err.msg);
		fr_facts_free(&h->facts);
		memset(&h->facts, 0, sizeof(h->facts));
		return 0;
	}
	h->history = h->changes != NULL;
	return h->history;
}

void fr_team_history_free(fr_team_history *h)
{
	fr_facts_free(&h->facts);
	fr_changes_free(h->changes);
	fr_repo_free(h->repo);
	memset(h, 0, sizeof(*h));
}
