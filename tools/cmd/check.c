/* check.c - `flowrec check [--staged | --rev REV] [PATH...]`: validate records, print
 * compiler-style diagnostics */
#include "cmd.h"
#include "buf.h"
#include "cache.h"
#include "ciformat.h"
#include "diagout.h"
#include "engine.h"
#include "history.h"
#include "i18n.h"
#include "limits.h"
#include "repo.h"
#include "source.h"
#include "team.h"
#include "util.h"

#include <git2.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *lazy_root; /* where a file the cache spared from reading is */
static fr_repo *snapshot_repo; /* or the snapshot whose blob it is */

static const char *source_of(void *ud, const char *path, size_t *len)
{
	fr_file *f = fr_files_find(ud, path);
	if (!f)
		return NULL;
	if (!f->data && snapshot_repo) { /* for the carets of a terminal only */
		fr_diags scratch = FR_DIAGS_INIT;
		fr_error err;
		fr_repo_load(snapshot_repo, f, &scratch, &err);
		fr_diags_free(&scratch);
	} else if (!f->data && lazy_root) {
		char *full = fr_xmalloc(strlen(lazy_root) + strlen(f->path) + 2);
		sprintf(full, "%s/%s", lazy_root, f->path);
		if (fr_read_file_at(AT_FDCWD, full, FR_MAX_RECORD_BYTES, FR_READ_NOFOLLOW, &f->data,
				    &f->len))
			f->data = NULL;
		free(full);
	}
	*len = f->len;
	return f->data;
}

/* The cache of the team's repository (.git/flowrec/cache) for this build, language, config
 * and schemas; a cache that is never written when the team is not in a git repository. */
static fr_cache *open_cache(const fr_team *team)
{
	fr_files team_files = FR_FILES_INIT;
	fr_diags scratch = FR_DIAGS_INIT;
	fr_repo *repo = NULL;
	fr_error err;
	char *cfg = NULL, *path, *dir = NULL;
	size_t len = 0;
	unsigned char hash[20], key[20];
	fr_cache *c;

	path = fr_xmalloc(strlen(team->root) + sizeof("/flowrec.yaml"));
	sprintf(path, "%s/flowrec.yaml", team->root);
	if (fr_read_file_at(AT_FDCWD, path, FR_MAX_RECORD_BYTES, FR_READ_NOFOLLOW, &cfg, &len))
		cfg = NULL;
	fr_files_from_schema_dir(&team_files, team->root, &scratch);
	fr_cache_team_hash(hash, cfg, len, &team_files);
	fr_cache_key(key, hash);
	if (!fr_repo_open(&repo, team->root, &err) && fr_repo_gitdir(repo)) {
		dir = fr_xmalloc(strlen(fr_repo_gitdir(repo)) + sizeof("/flowrec"));
		sprintf(dir, "%s/flowrec", fr_repo_gitdir(repo));
	}
	c = fr_cache_open(dir, key);
	free(dir);
	fr_repo_free(repo);
	fr_files_free(&team_files);
	fr_diags_free(&scratch);
	free(cfg);
	free(path);
	return c;
}

/* The path of arg relative to root when it lies inside it, else NULL (heap). */
static char *relative_to(const char *root, const char *arg)
{
	char *real = realpath(arg, NULL), *rel = NULL;
	size_t n = strlen(root);
	if (real && !strncmp(real, root, n) && real[n] == '/')
		rel = fr_xstrdup(real + n + 1);
	free(real);
	return rel;
}

static int add_named(fr_files *fs, const char *root, const char *arg, fr_diags *d);

static int add_dir(fr_files *fs, const char *root, const char *dir, fr_diags *d, int depth)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;
	if (!dp) {
		fr_die_msg(_("cannot read '%s': %s"), dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		FR_GROW(names, cap, n + 1);
		names[n++] = fr_xstrdup(de->d_name);
	}
	closedir(dp);
	for (i = 0; i < n; i++) {
		char *p = fr_xmalloc(strlen(dir) + strlen(names[i]) + 2);
		struct stat st;
		size_t l = strlen(names[i]);
		sprintf(p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth < 32) {
			if (add_dir(fs, root, p, d, depth + 1))
				rc = -1;
		} else if (l > 3 && !strcmp(names[i] + l - 3, ".md") && S_ISREG(st.st_mode)) {
			if (add_named(fs, root, p, d))
				rc = -1;
		}
		free(p);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* Mark a file the user named: the snapshot's copy if it is one of the records, else a new
 * entry; its diagnostics name it as the user wrote it. */
static int add_named(fr_files *fs, const char *root, const char *arg, fr_diags *d)
{
	struct stat st;
	char *rel, *data;
	size_t len;
	fr_file *f;

	if (lstat(arg, &st)) {
		fr_die_msg(_("cannot read '%s': %s"), arg, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode) || (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))) {
		/* never followed nor opened: the same X-FILE error as under records/ */
		fr_diag_file(d, arg, S_ISLNK(st.st_mode) ? ELOOP : ESPIPE, 0);
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return add_dir(fs, root, arg, d, 0);
	rel = relative_to(root, arg);
	f = rel ? fr_files_find(fs, rel) : NULL;
	free(rel);
	if (f && !f->data) { /* known to the cache, but named: its diagnostics say its name */
		char *full = fr_xmalloc(strlen(root) + strlen(f->path) + 2);
		int bad;
		sprintf(full, "%s/%s", root, f->path);
		bad = fr_read_file_at(AT_FDCWD, full, FR_MAX_RECORD_BYTES, FR_READ_NOFOLLOW, &f->data,
				      &f->len);
		free(full);
		if (bad) {
			fr_die_msg(_("cannot read '%s': %s"), arg, strerror(errno));
			return -1;
		}
	}
	if (f) {
		free(f->path);
		f->path = fr_xstrdup(arg);
		f->selected = 1;
		return 0;
	}
	if (fr_read_file_at(AT_FDCWD, arg, FR_MAX_RECORD_BYTES, FR_READ_NOFOLLOW, &data, &len)) {
		if (errno != ELOOP && errno != ESPIPE && errno != EFBIG) {
			fr_die_msg(_("cannot read '%s': %s"), arg, strerror(errno));
			return -1;
		}
		fr_diag_file(d, arg, errno, len);
		return 0;
	}
	f = fr_files_add(fs, arg, "", 0);
	free(f->data);
	f->data = data;
	f->len = len;
	return 0;
}

/* arg (a path on the command line) relative to root, worked out on the text alone since the
 * file may exist only in the snapshot: "" for root itself, NULL when outside it. Without a
 * root (a bare repository) the argument is already relative to the team's folder. */
static char *snapshot_path(const char *root, const char *arg)
{
	char *cwd = NULL, *abs, *out, *tok, *save = NULL;
	size_t n = 0, rl;
	if (!root) {
		while (!strncmp(arg, "./", 2))
			arg += 2;
		out = fr_xstrdup(strcmp(arg, ".") ? arg : "");
		n = strlen(out);
		while (n && out[n - 1] == '/')
			out[--n] = '\0';
		return out;
	}
	if (arg[0] != '/' && !(cwd = getcwd(NULL, 0)))
		return NULL;
	abs = fr_xmalloc((cwd ? strlen(cwd) : 0) + strlen(arg) + 2);
	sprintf(abs, "%s%s%s", cwd ? cwd : "", cwd ? "/" : "", arg);
	free(cwd);
	out = fr_xmalloc(strlen(abs) + 2);
	out[0] = '\0';
	for (tok = strtok_r(abs, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..")) {
			char *slash = strrchr(out, '/');
			if (slash)
				*slash = '\0';
			continue;
		}
		strcat(out, "/");
		strcat(out, tok);
	}
	free(abs);
	n = strlen(out);
	rl = strlen(root);
	if (!strcmp(out, root) || (n == 0 && !strcmp(root, "/"))) {
		out[0] = '\0';
	} else if (!strncmp(out, root, rl) && out[rl] == '/') {
		memmove(out, out + rl + 1, n - rl);
	} else if (!strcmp(root, "/")) {
		memmove(out, out + 1, n);
	} else {
		free(out);
		return NULL;
	}
	return out;
}

/* Select the snapshot's records that the arguments name (files or folders). */
static int select_named(fr_files *files, const char *root, int argc, char **argv,
			const char *where)
{
	size_t i;
	int a;
	for (i = 0; i < files->n; i++)
		files->v[i].selected = 0;
	for (a = 0; a < argc; a++) {
		char *rel = snapshot_path(root, argv[a]);
		size_t n = rel ? strlen(rel) : 0, hits = 0;
		for (i = 0; rel && i < files->n; i++) {
			const char *p = files->v[i].path;
			if (!n || !strcmp(p, rel) || (!strncmp(p, rel, n) && p[n] == '/')) {
				files->v[i].selected = 1;
				hits++;
			}
		}
		free(rel);
		if (!hits) {
			fr_die_msg(_("'%s' names no record in %s"), argv[a], where);
			return -1;
		}
	}
	return 0;
}

/* --format: 0 text, 1 json, 2 sarif, 3 gitlab, 4 github */
static const char *const formats[] = { "text", "json", "sarif", "gitlab", "github", NULL };

/* Print the diagnostics (text on stderr with carets on a terminal; JSON, SARIF, GitLab Code
 * Quality or GitHub workflow commands on stdout); returns rc, or 2 when stdout could not be
 * written. */
static int print_diags(fr_diags *d, const fr_files *files, int json, int quiet, int rc)
{
	size_t i, n = 0;
	fr_diags_finish(d);
	if (json >= 2) {
		if (fr_diags_print_ci(stdout, d, json == 2 ? FR_CI_SARIF : json == 3 ? FR_CI_GITLAB : FR_CI_GITHUB,
				      source_of, (void *)files))
			rc = FR_EXIT_FAIL;
	} else if (json) {
		if (fr_diags_print(stdout, d, FR_FMT_JSON, 0, NULL, NULL))
			rc = FR_EXIT_FAIL;
	} else {
		fr_diags_print(stderr, d, FR_FMT_TEXT, isatty(2), source_of, (void *)files);
		for (i = 0; i < files->n; i++)
			n += files->v[i].selected && !files->v[i].xfile;
		/* the summary, unless the check could not run (rc 2 says why already) */
		if (!quiet && rc != FR_EXIT_FAIL)
			fr_diags_summary(stderr, NULL, n, d);
	}
	return rc;
}

/* Every check, keeping of each record only its facts; the sources only when the carets of
 * a terminal will want them. */
static size_t check_set(fr_set **set, fr_files *files, const fr_team *team, int json,
			fr_diags *d, fr_cache *cache, fr_repo *repo)
{
	fr_check_opts o = { 1, json || !isatty(2), cache, team->root, NULL, NULL };
	if (repo) { /* a snapshot: what the cache does not hold is a blob */
		o.load = fr_team_load_blob;
		o.load_ud = repo;
	}
	return fr_set_check_opts(set, files, team->cfg, team->schemas, team->today, d, &o);
}

/* check --staged / --rev: the records, the config and the schemas all come from the index or
 * from the commit, so cross-record rules resolve against the same snapshot. */
static int check_snapshot(const char *rev, const char *today, int json, int quiet, int no_cache,
			  int argc, char **argv)
{
	fr_cache *cache = NULL;
	fr_team team = { NULL, NULL, NULL, 0 };
	fr_repo *repo = NULL;
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	fr_error err;
	char commit[41] = "", where[64], *root = NULL;
	int rc;

	git_libgit2_init();
	if ((rc = fr_team_repo(&repo, &root)))
		goto done;
	if (rev) {
		if (fr_repo_resolve(repo, rev, commit, &err)) {
			fr_die_msg("%s", err.msg);
			rc = FR_EXIT_FAIL;
			goto done;
		}
		snprintf(where, sizeof(where), _("commit %.7s"), commit);
	} else {
		snprintf(where, sizeof(where), "%s", _("the index"));
	}
	if ((rc = fr_team_open_snapshot_cached(&team, "check", today, repo, rev ? commit : NULL,
						&files, &d, no_cache ? NULL : &cache)))
		goto done;
	snapshot_repo = repo;
	if (argc > 0 && select_named(&files, team.root, argc, argv, where)) {
		rc = FR_EXIT_FAIL;
		goto done;
	}
	rc = check_set(&set, &files, &team, json, &d, cache, repo) ||
	     fr_diags_count(&d, FR_SEV_ERROR) ? FR_EXIT_FOUND : FR_EXIT_OK;
	fr_cache_write(cache);
	rc = print_diags(&d, &files, json, quiet, rc);
	if (!json && !quiet && fr_history_forgeable(set))
		fr_history_warn_forgeable(stderr);
done:
	snapshot_repo = NULL;
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_cache_free(cache);
	fr_team_close(&team);
	fr_repo_free(repo);
	free(root);
	git_libgit2_shutdown();
	return rc;
}

int cmd_check(int argc, char **argv)
{
	const char *format = "text", *today = NULL, *rev = NULL;
	int staged = 0, quiet = 0, no_cache = 0;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("format", "text|json|sarif|gitlab|github", N_("compiler-style text, a JSON array, SARIF 2.1.0, GitLab Code Quality or GitHub workflow commands"), &format),
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("the date to judge deadlines by"), &today),
		FR_OPT_FLAG_("staged", N_("check the records as staged in the git index"), &staged),
		FR_OPT_STR_("rev", N_("REV"), N_("check the records of a commit (branch, tag, id)"), &rev),
		FR_OPT_FLAG_("quiet", N_("no summary line (-q)"), &quiet),
		FR_OPT_FLAG_("no-cache", N_("neither use nor write the cache in .git/flowrec/"), &no_cache),
		FR_OPT_END_
	};
	fr_cache *cache = NULL;
	fr_team team;
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	size_t errors, i;
	int rc, json;

	rc = fr_parse_options("check", N_("[-q] [--format text|json|sarif|gitlab|github] [--staged | --rev REV] [PATH...]"), opts,
			      &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	for (json = 0; formats[json] && strcmp(formats[json], format); json++)
		;
	if (!formats[json])
		return fr_usage_error("check", _("--format is text, json, sarif, gitlab or github, not '%s'"), format);
	if (staged && rev)
		return fr_usage_error("check", _("--staged and --rev cannot be used together"));
	if (rev && !*rev)
		return fr_usage_error("check", _("--rev wants a revision"));
	if (staged || rev)
		return check_snapshot(rev, today, json, quiet, no_cache, argc, argv);
	if ((rc = fr_team_open(&team, "check", today)))
		return rc;

	git_libgit2_init();
	if (!no_cache)
		cache = open_cache(&team);
	lazy_root = team.root;
	rc = FR_EXIT_FAIL;
	if (fr_files_from_dir_cached(&files, team.root, &d, cache))
		goto print;
	if (argc > 0) {
		for (i = 0; i < files.n; i++)
			files.v[i].selected = 0;
		for (i = 0; i < (size_t)argc; i++)
			if (add_named(&files, team.root, argv[i], &d))
				goto done;
		fr_files_sort(&files);
	}
	errors = check_set(&set, &files, &team, json, &d, cache, NULL);
	fr_cache_write(cache);
	rc = errors || fr_diags_count(&d, FR_SEV_ERROR) ? FR_EXIT_FOUND : FR_EXIT_OK;
	if (set->unreadable) /* as when the walk could not read them: the check is incomplete */
		rc = FR_EXIT_FAIL;
print:
	rc = print_diags(&d, &files, json, quiet, rc);
	if (!json && !quiet && set && fr_history_forgeable(set))
		fr_history_warn_forgeable(stderr);
done:
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_cache_free(cache);
	fr_team_close(&team);
	git_libgit2_shutdown();
	return rc;
}
