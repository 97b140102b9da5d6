/* team.c - open the team repository: root, config, schemas, today */
#include "team.h"
#include "cmd.h"
#include "date.h"
#include "cache.h"
#include "diagout.h"
#include "i18n.h"
#include "limits.h"
#include "util.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
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

int fr_team_find(char **root)
{
	if (fr_config_find(".", root)) {
		fr_die_msg(_("no flowrec.yaml here or in any parent folder: run flowrec inside a team repository"));
		return FR_EXIT_FAIL;
	}
	return 0;
}

/* Load the config from its text; set the time zone and today. Diagnostics go to d. */
static int load(fr_team *t, const char *today, const char *text, size_t len, fr_diags *d)
{
	if (fr_config_load(&t->cfg, "flowrec.yaml", text, len, t->schemas, d))
		return -1;
	fr_i18n_set(t->cfg->locale, FR_LANG_TEAM);
	/* deadlines are local times of the team's zone; set once, before any thread starts */
	setenv("TZ", t->cfg->timezone, 1);
	tzset();
	if (!today)
		t->today = fr_date_today();
	return 0;
}

static void print_diags(fr_diags *d)
{
	if (d->n) {
		fr_diags_finish(d);
		fr_diags_print(stderr, d, FR_FMT_TEXT, 0, NULL, NULL);
	}
	fr_diags_free(d);
}

int fr_team_open(fr_team *t, const char *cmd, const char *today)
{
	fr_diags d = FR_DIAGS_INIT;
	fr_files overrides = FR_FILES_INIT;
	char *path = NULL, *text = NULL;
	size_t len;
	int rc = FR_EXIT_FAIL;

	memset(t, 0, sizeof(*t));
	if (today && fr_parse_today(cmd, today, &t->today))
		return FR_EXIT_FAIL;
	if (fr_team_find(&t->root))
		return FR_EXIT_FAIL;
	if (fr_files_from_schema_dir(&overrides, t->root, &d) ||
	    fr_schemas_load(&t->schemas, &overrides, &d))
		goto done;
	path = fr_xmalloc(strlen(t->root) + sizeof("/flowrec.yaml"));
	sprintf(path, "%s/flowrec.yaml", t->root);
	if (fr_read_file_at(AT_FDCWD, path, FR_MAX_RECORD_BYTES, FR_READ_NOFOLLOW, &text, &len)) {
		if (errno == ELOOP || errno == ESPIPE || errno == EFBIG)
			fr_diag_file(&d, "flowrec.yaml", errno, len);
		else
			fr_die_msg(_("cannot read '%s': %s"), path, strerror(errno));
		goto done;
	}
	if (load(t, today, text, len, &d))
		goto done;
	rc = 0;
done:
	print_diags(&d);
	fr_files_free(&overrides);
	free(text);
	free(path);
	if (rc)
		fr_team_close(t);
	return rc;
}

int fr_team_open_files(fr_team *t, const char *cmd, const char *today, const char *root,
		       const fr_files *files, const char *where)
{
	fr_diags d = FR_DIAGS_INIT;
	const fr_file *cf = fr_files_find(files, "flowrec.yaml");
	int rc = FR_EXIT_FAIL;

	memset(t, 0, sizeof(*t));
	if (today && fr_parse_today(cmd, today, &t->today))
		return FR_EXIT_FAIL;
	if (!cf) {
		fr_die_msg(_("no flowrec.yaml in %s: the team's config must be committed with its records"),
			   where);
		return FR_EXIT_FAIL;
	}
	t->root = root ? fr_xstrdup(root) : NULL;
	if (fr_schemas_load(&t->schemas, files, &d))
		goto done;
	if (load(t, today, cf->data, cf->len, &d))
		goto done;
	rc = 0;
done:
	print_diags(&d);
	if (rc)
		fr_team_close(t);
	return rc;
}

int fr_team_repo(fr_repo **repo, char **root)
{
	fr_error err;
	const char *top;
	*root = NULL;
	if (fr_repo_open(repo, NULL, &err)) {
		fr_die_msg("%s", err.msg);
		return FR_EXIT_FAIL;
	}
	top = fr_repo_workdir(*repo);
	if (top && fr_config_find(".", root) == 0) {
		char *real = realpath(top, NULL);
		size_t n = real ? strlen(real) : 0;
		if (real && !strncmp(*root, real, n) && (*root)[n] == '/')
			fr_repo_set_prefix(*repo, *root + n + 1);
		else if (!real || strcmp(*root, real)) {
			/* a flowrec.yaml above the repository is not this repository's team */
			free(*root);
			*root = NULL;
		}
		free(real);
	}
	return 0;
}

void fr_team_cache_key(const fr_files *team_files, unsigned char key[20])
{
	const fr_file *cf = fr_files_find(team_files, "flowrec.yaml");
	unsigned char hash[20];
	fr_cache_team_hash(hash, cf ? cf->data : NULL, cf ? cf->len : 0, team_files);
	fr_cache_key(key, hash);
}

fr_cache *fr_team_cache(fr_repo *repo, const fr_files *team_files)
{
	unsigned char key[20];
	char *dir = NULL;
	fr_cache *c;
	fr_team_cache_key(team_files, key);
	if (fr_repo_gitdir(repo)) {
		dir = fr_xmalloc(strlen(fr_repo_gitdir(repo)) + sizeof("/flowrec"));
		sprintf(dir, "%s/flowrec", fr_repo_gitdir(repo));
	}
	c = fr_cache_open(dir, key);
	free(dir);
	return c;
}

int fr_team_load_missing(fr_repo *repo, fr_files *records, const fr_cache *c, int today,
			 fr_diags *d)
{
	size_t i, j;
	fr_error err;
	int rc = 0;
	for (i = j = 0; i < records->n; i++) {
		fr_file *f = &records->v[i];
		int e = 0;
		if (!rc && !f->data && (!c || fr_cache_find(c, f->path, f->oid, today) < 0))
			e = fr_repo_load(repo, f, d, &err);
		if (e < 0) {
			fr_die_msg("%s", err.msg);
			rc = -1;
		}
		if (e > 0) { /* too large: an X-FILE error, and no record, as fr_repo_snapshot */
			free(f->path);
			free(f->data);
			continue;
		}
		records->v[j++] = *f;
	}
	records->n = j;
	return rc;
}

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

int fr_team_load_blob(void *repo, fr_file *f, fr_diags *d)
{
	fr_error err;
	int rc;
	pthread_mutex_lock(&load_lock);
	rc = fr_repo_load(repo, f, d, &err);
	pthread_mutex_unlock(&load_lock);
	if (rc < 0)
		fr_diags_add(d, f->path, 0, 0, FR_SEV_ERROR, "", "%s", err.msg);
	return rc;
}

int fr_team_open_snapshot(fr_team *t, const char *cmd, const char *today, fr_repo *repo,
			  const char *commit, fr_files *records, fr_diags *d)
{
	return fr_team_open_snapshot_cached(t, cmd, today, repo, commit, records, d, NULL);
}

int fr_team_open_snapshot_cached(fr_team *t, const char *cmd, const char *today, fr_repo *repo,
				 const char *commit, fr_files *records, fr_diags *d,
				 fr_cache **cache)
{
	fr_files team = FR_FILES_INIT;
	fr_error err;
	char where[64];
	char *root = NULL;
	int rc;

	memset(t, 0, sizeof(*t));
	if (commit)
		snprintf(where, sizeof(where), _("commit %.7s"), commit);
	else
		snprintf(where, sizeof(where), "%s", _("the index"));
	if ((cache ? fr_repo_snapshot_ids : fr_repo_snapshot)(repo, commit, records, &team, d, &err)) {
		fr_die_msg("%s", err.msg);
		fr_files_free(&team);
		return FR_EXIT_FAIL;
	}
	{
		/* a link in place of flowrec.yaml or a schema: say so, not "no flowrec.yaml" */
		size_t i;
		int bad = 0;
		for (i = 0; i < d->n; i++)
			if (!strcmp(d->v[i].rule, "X-FILE") && strncmp(d->v[i].path, "records", 7))
				bad = 1;
		if (bad) {
			fr_diags_finish(d);
			fr_diags_print(stderr, d, FR_FMT_TEXT, 0, NULL, NULL);
			fr_diags_free(d);
			fr_files_free(&team);
			return FR_EXIT_FAIL;
		}
	}
	if (fr_repo_workdir(repo)) {
		const char *top = fr_repo_workdir(repo), *prefix = fr_repo_prefix(repo);
		char *real = realpath(top, NULL);
		if (real) {
			root = fr_xmalloc(strlen(real) + strlen(prefix) + 2);
			sprintf(root, "%s%s%s", real, *prefix ? "/" : "", prefix);
			if (*prefix)
				root[strlen(root) - 1] = '\0';
			free(real);
		}
	}
	rc = fr_team_open_files(t, cmd, today, root, &team, where);
	if (!rc && cache) {
		*cache = fr_team_cache(repo, &team);
		if (fr_team_load_missing(repo, records, *cache, t->today, d)) {
			fr_cache_free(*cache);
			*cache = NULL;
			fr_team_close(t);
			rc = FR_EXIT_FAIL;
		}
	}
	free(root);
	fr_files_free(&team);
	return rc;
}

void fr_team_close(fr_team *t)
{
	fr_config_free(t->cfg);
	fr_schemas_free(t->schemas);
	free(t->root);
	memset(t, 0, sizeof(*t));
}
