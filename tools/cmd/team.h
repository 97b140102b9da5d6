/* team.h - what every team command opens first: the repository root, the config, the schemas
 * and "today" */
#ifndef FR_TEAM_H
#define FR_TEAM_H

#include "config.h"
#include "diag.h"
#include "engine.h"
#include "history.h"
#include "repo.h"
#include "schemas.h"
#include "source.h"

typedef struct fr_team {
	char *root;            /* folder that holds flowrec.yaml (heap); NULL for a snapshot of a
				* bare repository */
	fr_config *cfg;
	fr_schemas *schemas;
	int today;             /* day number of --today, else of the local date in the team's zone */
} fr_team;

/* The folder holding flowrec.yaml: the working directory or the nearest parent that has one.
 * Returns 0 and *root (heap, free()), or prints one line and returns 2. */
int fr_team_find(char **root);

/* Find the team repository from the working directory, load its config and schemas (with the
 * team's schemas/ overrides), set the process time zone to the team's, and fix today (the
 * --today value when not NULL). Prints what went wrong (diagnostics or one line) and returns
 * the exit status to use (2), or 0 on success. */
int fr_team_open(fr_team *t, const char *cmd, const char *today);

/* The same from a snapshot (the index or a commit, repo.h): the config is the text of
 * flowrec.yaml in files and the overrides are its schemas/ files. root (copied, may be NULL)
 * is only kept for the caller. `where` names the snapshot in the message printed when it has
 * no flowrec.yaml ("the index", "commit 1a2b3c4"). Returns 0, or prints and returns 2. */
int fr_team_open_files(fr_team *t, const char *cmd, const char *today, const char *root,
		       const fr_files *files, const char *where);
/* Open the repository of the working directory (repo.h: honours $GIT_DIR, $GIT_INDEX_FILE, ...)
 * and set its prefix to the team's folder: the folder of the working tree's flowrec.yaml
 * (*root, heap, NULL when there is none, as in a bare repository), else the top. Prints one
 * line and returns 2 when there is no repository; 0 otherwise. */
int fr_team_repo(fr_repo **repo, char **root);

/* Open the team from the index (commit NULL) or a commit of repo: *records (empty on entry)
 * receives the snapshot's records, all selected; the config and schema overrides come from
 * the same snapshot. Problems with single files are appended to d. Prints and returns 2 on
 * failure, else 0. */
int fr_team_open_snapshot(fr_team *t, const char *cmd, const char *today, fr_repo *repo,
			  const char *commit, fr_files *records, fr_diags *d);
/* The same with the cache: the records' blobs are read only when *cache (opened for this
 * snapshot's flowrec.yaml and schemas, fr_team_cache; owned by the caller) cannot give them on
 * the team's today; the others have data NULL and their blob id, for fr_set_check_opts with
 * that cache and fr_team_load_blob as its loader. */
int fr_team_open_snapshot_cached(fr_team *t, const char *cmd, const char *today, fr_repo *repo,
				 const char *commit, fr_files *records, fr_diags *d,
				 struct fr_cache **cache);
void fr_team_close(fr_team *t);

/* The cache of repo (GITDIR/flowrec/cache) for a team whose flowrec.yaml and schemas/ files
 * are among team_files; never NULL (fr_cache_free). */
struct fr_cache *fr_team_cache(fr_repo *repo, const fr_files *team_files);
/* The key fr_team_cache opens it with (fr_cache_key of those files). */
void fr_team_cache_key(const fr_files *team_files, unsigned char key[20]);
/* Read the blob of each record of records (a fr_repo_snapshot_ids list) that c does not hold
 * for today (c NULL: every one); one over FR_MAX_RECORD_BYTES is left out with its X-FILE
 * error in d. Returns 0, or -1 after printing why a blob could not be read. */
int fr_team_load_missing(fr_repo *repo, fr_files *records, const struct fr_cache *c, int today,
			 fr_diags *d);
/* fr_check_opts.load for a snapshot of repo (an fr_repo *): reads f's blob, thread-safe. */
int fr_team_load_blob(void *repo, fr_file *f, fr_diags *d);

/* Parse --today's value; prints a usage error and returns -1 when it is not YYYY-MM-DD. */
int fr_parse_today(const char *cmd, const char *s, int *days);

/* The on-time facts (history.h) of set, a team opened from its working tree, as of now (unix
 * time), judged from the history of HEAD in the team's repository (timeliness.c). Outside a
 * repository or before the first commit, the facts that need no history are still made and
 * h->history is 0; a history that cannot be read is a warning on stderr. Returns h->history.
 * Free with fr_team_history_free. */
typedef struct fr_team_history {
	fr_repo *repo;
	fr_changes *changes;
	fr_facts facts;
	int history;
} fr_team_history;
int fr_team_timeliness(fr_team_history *h, const fr_team *team, const fr_set *set, long long now);
void fr_team_history_free(fr_team_history *h);

#endif
