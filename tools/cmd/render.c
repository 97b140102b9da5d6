/* render.c - `flowrec render [-o DIR] [--today DATE]`: the static HTML site for CI
 *
 * records -> check -> summary (summary.h) -> pages (tools/site/, site.h) -> a temporary folder beside
 * DIR -> swapped into place. The site: index.html (the dashboard), people/NAME.html,
 * records/PATH.html (the record path with .md -> .html), processes/NAME.html, style.css and
 * the marker .flowrec-site (only a folder that has it, or an empty one, is ever replaced).
 * Nothing depends on hash order, the environment or the clock but "now": the end of --today,
 * else the current time (what is due, as `flowrec due` judges it). The same repository (its
 * files and git history) and --today give the same bytes.
 */
#include "cmd.h"
#include "date.h"
#include "diagout.h"
#include "i18n.h"
#include "repo.h"
#include "site.h"
#include "sitedir.h"
#include "source.h"
#include "summary.h"
#include "team.h"
#include "util.h"

#include <git2.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- git history: timeliness facts and on-time rates ---- */

/* The facts of the team's history (HEAD's commits) as of now: the end of --today, else the
 * current time, as `flowrec due` judges (timeliness.c). Outside a git repository, or before
 * the first commit, the facts that need no history are still there and d->history stays 0. */
static void load_history(fr_team_history *h, const fr_team *team, const fr_set *set, int fixed,
			 struct site_dues *d)
{
	long long now = fixed ? fr_due_end_of_day(team->today) : (long long)time(NULL);
	d->history = fr_team_timeliness(h, team, set, now);
	d->facts = h->facts;   /* the dues own the facts from here */
	memset(&h->facts, 0, sizeof(h->facts));
	if (d->history)
		d->nrates = fr_facts_rates(&d->facts, set->cfg, &d->rates);
}

/* ---- the folder: written beside DIR, swapped into place ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int remove_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Put the finished folder tmp at dir, atomically where the file system allows. */
static int swap_in(const char *tmp, const char *dir, int exists)
{
	char *old;
	if (!exists) {
		if (rename(tmp, dir) == 0)
			return 0;
		fr_die_msg(_("cannot rename '%s' to '%s': %s"), tmp, dir, strerror(errno));
		return -1;
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		/* tmp now holds the old site */
		if (remove_tree(tmp))
			fr_die_msg(_("warning: cannot remove the old site in '%s': %s"), tmp, strerror(errno));
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		fr_die_msg(_("cannot replace '%s': %s"), dir, strerror(errno));
		return -1;
	}
	/* no atomic exchange here: move the old site aside, the new one in */
	old = fr_xmalloc(strlen(dir) + sizeof(".old-XXXXXX"));
	sprintf(old, "%s.old-XXXXXX", dir);
	if (!mkdtemp(old) || rename(dir, old)) {
		fr_die_msg(_("cannot replace '%s': %s"), dir, strerror(errno));
		if (old[0])
			rmdir(old);
		free(old);
		return -1;
	}
	if (rename(tmp, dir)) {
		int e = errno;
		rename(old, dir);
		fr_die_msg(_("cannot rename '%s' to '%s': %s"), tmp, dir, strerror(e));
		free(old);
		return -1;
	}
	if (remove_tree(old))
		fr_die_msg(_("warning: cannot remove the old site in '%s': %s"), old, strerror(errno));
	free(old);
	return 0;
}

/* "-o DIR" and "-oDIR" become "--output DIR" and "--output=DIR" (the option table has long
 * names only); *alloc keeps what was allocated for the caller to free. */
static void short_options(int argc, char **argv, char **alloc)
{
	int i;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-o")) {
			argv[i] = "--output";
		} else if (!strncmp(argv[i], "-o", 2) && !*alloc) {
			*alloc = fr_xmalloc(strlen(argv[i]) + sizeof("--output="));
			sprintf(*alloc, "--output=%s", argv[i] + 2);
			argv[i] = *alloc;
		}
	}
}

int cmd_render(int argc, char **argv)
{
	const char *output = NULL, *today = NULL;
	int force = 0, quiet = 0;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("output", N_("DIR"), N_("the site's folder (default: site/ in the team repository); also -o DIR"), &output),
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("the date to judge deadlines by"), &today),
		FR_OPT_FLAG_("force", N_("render even when the records have errors"), &force),
		FR_OPT_FLAG_("quiet", N_("no summary line (-q)"), &quiet),
		FR_OPT_END_
	};
	fr_team team;
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	fr_team_history hist;
	struct site_dues due;
	struct site c;
	fr_site_files old = FR_SITE_FILES_INIT, written = FR_SITE_FILES_INIT;
	char *dir = NULL, *tmp = NULL, *alloc = NULL;
	size_t errors, len;
	int rc, exists, git_ready = 0;

	memset(&c, 0, sizeof(c));
	memset(&due, 0, sizeof(due));
	memset(&hist, 0, sizeof(hist));
	short_options(argc, argv, &alloc);
	rc = fr_parse_options("render", N_("[-q] [-o DIR] [--today YYYY-MM-DD] [--force]"), opts, &argc, argv);
	if (!rc && argc > 0)
		rc = fr_usage_error("render", _("unexpected argument '%s'"), argv[0]);
	else if (!rc && output && !*output)
		rc = fr_usage_error("render", "%s", _("--output wants a folder"));
	else if (!rc)
		rc = fr_team_open(&team, "render", today);
	if (rc) {
		free(alloc);
		return rc > 0 ? (rc == 1 ? 0 : rc) : FR_EXIT_FAIL;   /* 1: --help was shown */
	}
	rc = FR_EXIT_FAIL;
	/* the site is a document of the team: its language, not the reader's (i18n.h) */
	fr_i18n_set(fr_i18n_doc_lang(team.cfg->locale), FR_LANG_ENV);

	if (output) {
		dir = fr_xstrdup(output);
	} else {
		dir = fr_xmalloc(strlen(team.root) + sizeof("/site"));
		sprintf(dir, "%s/site", team.root);
	}
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	if ((exists = fr_sitedir_check(dir, team.root, &old)) < 0)
		goto done;
	fr_sitedir_clean_leftovers(dir);   /* what a killed render left beside it */
	git_libgit2_init();
	git_ready = 1;

	if (fr_files_from_dir(&files, team.root, &d)) {
		fr_diags_finish(&d);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, 0, NULL, NULL);
		fr_die_msg(_("cannot read the records: not rendering"));
		goto done;
	}
	fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	errors = fr_diags_count(&d, FR_SEV_ERROR);   /* X-FILE of the reader included */
	if (errors && !force) {
		fr_diags_finish(&d);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, isatty(2), NULL, NULL);
		fr_die_msg(_("the records have %zu error(s): not rendering (fix them, or use --force)"), errors);
		rc = FR_EXIT_FOUND;
		goto done;
	}
	if (errors)
		fr_die_msg(_("warning: the records have %zu error(s); rendering them anyway (--force)"), errors);

	c.cfg = team.cfg;
	c.set = set;
	c.schemas = team.schemas;
	c.a = fr_arena_new();
	c.loc = fr_i18n_doc_lang(team.cfg->locale);
	c.today = team.today;
	fr_date_format(team.today, c.today_s);
	{
		fr_node *sum = NULL;
		if (fr_summary(&sum, set, NULL, c.a) == 0)
			c.sum = sum;
	}

	load_history(&hist, &team, set, today != NULL, &due);

	tmp = fr_xmalloc(len + sizeof(".tmp-XXXXXX"));
	sprintf(tmp, "%s.tmp-XXXXXX", dir);
	if (!mkdtemp(tmp)) {
		fr_die_msg(_("cannot create a folder beside '%s': %s"), dir, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto done;
	}
	{
		/* mkdtemp makes it private; a site is for reading: 0777 less the umask */
		mode_t um = umask(0);
		umask(um);
		chmod(tmp, 0777 & ~um);
	}
	c.dir = tmp;
	c.old_dir = exists ? dir : NULL;
	c.old = &old;
	c.written = &written;
	if (site_write(&c, &due) || fr_sitedir_seal_files(tmp, &written, c.old_dir)) {   /* the manifest last */
		fr_die_msg("%s", c.err ? c.err : _("cannot write the site"));
		goto done;
	}
	if (swap_in(tmp, dir, exists))
		goto done;
	free(tmp);
	tmp = NULL;
	rc = FR_EXIT_OK;
	if (!quiet)
		fr_diags_summary(stderr, dir, set ? set->n : 0, &d);
done:
	if (tmp) {
		remove_tree(tmp);
		free(tmp);
	}
	free(c.err);
	free(c.made);
	fr_site_files_free(&old);
	fr_site_files_free(&written);
	fr_due_list_free(&due.list);
	free(due.rates);
	fr_facts_free(&due.facts);
	fr_team_history_free(&hist);
	if (git_ready)
		git_libgit2_shutdown();
	fr_arena_free(c.a);
	free(dir);
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_team_close(&team);
	free(alloc);
	return rc;
}

