/* hook.c - `flowrec hook install [--force] [HOOK...]`, `flowrec hook uninstall [HOOK...]`, and
 * the hooks' bodies: `flowrec hook pre-commit`, `flowrec hook pre-receive` and `flowrec hook
 * post-receive`
 *
 * The installed hooks are the tiny scripts of hooks/ (kept here byte for byte, the path of
 * this flowrec put in place of @FLOWREC@, their one message in place of @MISSING@); they call
 * back into this file. Hooks only read: the index, the working tree and the refs are never
 * changed, but for the one notes ref post-receive writes (refs/notes/flowrec-received).
 * Install and uninstall know flowrec's own hooks by HOOK_MARKER and never replace or remove
 * another hook unasked.
 */
#include "buf.h"
#include "cache.h"
#include "cmd.h"
#include "config.h"
#include "diagout.h"
#include "engine.h"
#include "gitindex.h"
#include "history.h"
#include "hooksum.h"
#include "i18n.h"
#include "repo.h"
#include "schemas.h"
#include "team.h"
#include "util.h"

#include <git2.h>

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The marker by which install knows a hook it wrote. */
#define HOOK_MARKER "# flowrec-hook: 1\n"

static const char pre_commit_hook[] =
	"#!/bin/sh\n"
	"# flowrec pre-commit hook: rejects a commit that adds or changes a record with errors and\n"
	"# prints the diagnostics; warnings pass. It reads the index and never changes it.\n"
	"# Installed by 'flowrec hook install' and removed by 'flowrec hook uninstall', which know\n"
	"# flowrec's own hooks by the next line.\n"
	"# flowrec-hook: 1\n"
	"installed='@FLOWREC@'\n"
	"flowrec=$installed\n"
	"if [ ! -x \"$flowrec\" ]; then\n"
	"\tflowrec=$(command -v flowrec) || {\n"
	"\t\tprintf @MISSING@ \"$installed\" >&2\n"
	"\t\texit 1\n"
	"\t}\n"
	"fi\n"
	"exec \"$flowrec\" hook pre-commit \"$@\"\n";

static const char pre_receive_hook[] =
	"#!/bin/sh\n"
	"# flowrec pre-receive hook: rejects a push whose new tips hold records with errors, or whose\n"
	"# new commits forge an approval (G-APPROVAL) or change another's record (G-OWNER, when the\n"
	"# team makes it an error); reads the \"old new ref\" lines git gives on stdin.\n"
	"# Installed by 'flowrec hook install' and removed by 'flowrec hook uninstall', which know\n"
	"# flowrec's own hooks by the next line.\n"
	"# flowrec-hook: 1\n"
	"installed='@FLOWREC@'\n"
	"flowrec=$installed\n"
	"if [ ! -x \"$flowrec\" ]; then\n"
	"\tflowrec=$(command -v flowrec) || {\n"
	"\t\tprintf @MISSING@ \"$installed\" >&2\n"
	"\t\texit 1\n"
	"\t}\n"
	"fi\n"
	"exec \"$flowrec\" hook pre-receive \"$@\"\n";

static const char post_receive_hook[] =
	"#!/bin/sh\n"
	"# flowrec post-receive hook: notes when the server received each new commit (and who pushed\n"
	"# it, when the host names the pusher) in refs/notes/flowrec-received, the clock of 'flowrec\n"
	"# due'; the push is already in, a failure here only says so. Reads \"old new ref\" lines.\n"
	"# Installed by 'flowrec hook install' and removed by 'flowrec hook uninstall', which know\n"
	"# flowrec's own hooks by the next line.\n"
	"# flowrec-hook: 1\n"
	"installed='@FLOWREC@'\n"
	"flowrec=$installed\n"
	"if [ ! -x \"$flowrec\" ]; then\n"
	"\tflowrec=$(command -v flowrec) || {\n"
	"\t\tprintf @MISSING@ \"$installed\" >&2\n"
	"\t\texit 1\n"
	"\t}\n"
	"fi\n"
	"exec \"$flowrec\" hook post-receive \"$@\"\n";

static const struct hook {
	const char *name;
	const char *text;
} hooks[] = {
	{ "pre-commit", pre_commit_hook },
	{ "pre-receive", pre_receive_hook },
	{ "post-receive", post_receive_hook },
};

static const struct hook *find_hook(const char *name)
{
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(hooks); i++)
		if (!strcmp(hooks[i].name, name))
			return &hooks[i];
	return NULL;
}

/* The absolute path of the running flowrec, or NULL (the hook then falls back to PATH). */
static char *self_path(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return fr_xstrdup(buf);
}

/* s inside a single-quoted sh word: ' becomes '\'' */
static void add_sh_quoted(fr_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\'')
			fr_buf_adds(b, "'\\''");
		else
			fr_buf_addc(b, *s);
	}
}

/* The hook's text with the path quoted for sh in place of @FLOWREC@, and in place of
 * @MISSING@ the message it prints when flowrec is gone, as a single-quoted printf format in
 * the language of this install (the script itself cannot ask flowrec for a translation when
 * flowrec is what is missing). Its one %s is the path the hook looked at; any other % and
 * every backslash of a translation are escaped for printf. */
static char *hook_text(const struct hook *h, const char *self)
{
	const char *at = strstr(h->text, "@FLOWREC@"), *miss = strstr(h->text, "@MISSING@"), *p;
	const char *msg = _("flowrec hook: flowrec is neither at '%s' nor in PATH; install it again or run 'flowrec hook install' from the new one");
	fr_buf b = FR_BUF_INIT, fmt = FR_BUF_INIT;
	for (p = msg; *p; p++) {
		if (*p == '%' && p[1] == 's')
			fr_buf_addc(&fmt, *p++);
		else if (*p == '%')
			fr_buf_addc(&fmt, '%');
		else if (*p == '\\')
			fr_buf_addc(&fmt, '\\');
		fr_buf_addc(&fmt, *p);
	}
	fr_buf_adds(&fmt, "\\n");
	fr_buf_add(&b, h->text, (size_t)(at - h->text));
	add_sh_quoted(&b, self ? self : "flowrec");
	p = at + strlen("@FLOWREC@");
	fr_buf_add(&b, p, (size_t)(miss - p));
	fr_buf_addc(&b, '\'');
	add_sh_quoted(&b, fmt.ptr);
	fr_buf_addc(&b, '\'');
	fr_buf_adds(&b, miss + strlen("@MISSING@"));
	fr_buf_free(&fmt);
	return fr_buf_detach(&b, NULL);
}

static int mkdirs(const char *dir)
{
	char *p = fr_xstrdup(dir), *s;
	int rc = 0;
	for (s = p + 1; *s && !rc; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (!rc && mkdir(p, 0777) && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* Write text to path through a temporary file and a rename, executable. */
static int write_hook(const char *path, const char *text)
{
	char *tmp = fr_xmalloc(strlen(path) + sizeof(".flowrec-XXXXXX"));
	size_t len = strlen(text);
	int fd, rc = 0;
	sprintf(tmp, "%s.flowrec-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, 0755))
		rc = -1;
	if (close(fd))
		rc = -1;
	if (!rc && rename(tmp, path))
		rc = -1;
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* A free name for the backup of a hook: HOOK.flowrec-backup, then .1, .2, ... */
static char *backup_name(const char *path)
{
	char *b = fr_xmalloc(strlen(path) + 48);
	int i;
	sprintf(b, "%s.flowrec-backup", path);
	for (i = 1; access(b, F_OK) == 0 || errno != ENOENT; i++)
		sprintf(b, "%s.flowrec-backup.%d", path, i);
	return b;
}

static int install_one(const char *dir, const struct hook *h, const char *self, int force)
{
	char *path = fr_xmalloc(strlen(dir) + strlen(h->name) + 2), *text, *old = NULL;
	struct stat st;
	size_t len;
	int rc = FR_EXIT_FAIL, ours = 0;

	sprintf(path, "%s/%s", dir, h->name);
	text = hook_text(h, self);
	if (lstat(path, &st) == 0) {
		if (S_ISREG(st.st_mode) && fr_read_file(path, 1 << 20, &old, &len) == 0)
			ours = strstr(old, HOOK_MARKER) != NULL;
		if (!ours && !force) {
			fr_die_msg(_("'%s' exists and was not written by flowrec: left as it is (run 'flowrec hook install --force' to replace it and keep it as a backup)"),
				   path);
			goto done;
		}
		if (!ours) {
			char *backup = backup_name(path);
			if (rename(path, backup)) {
				fr_die_msg(_("cannot keep '%s' as '%s': %s"), path, backup, strerror(errno));
				free(backup);
				goto done;
			}
			printf(_("kept the old %s hook as '%s'\n"), h->name, backup);
			free(backup);
		}
	} else if (errno != ENOENT) {
		fr_die_msg(_("cannot read '%s': %s"), path, strerror(errno));
		goto done;
	}
	if (write_hook(path, text)) {
		fr_die_msg(_("cannot write '%s': %s"), path, strerror(errno));
		goto done;
	}
	printf(_("installed the %s hook: %s\n"), h->name, path);
	rc = 0;
done:
	free(old);
	free(text);
	free(path);
	return rc;
}

static void warn_trust(fr_repo *repo);
static void head_language(fr_repo *repo);

/* The start of install and uninstall: every named hook exists, the repository opens, and its
 * hooks folder (core.hooksPath honoured) is known. Returns 0, or the exit status after saying
 * why; on success *repo and *dir are the caller's to free. */
static int open_hooks_dir(const char *cmd, int argc, char **argv, fr_repo **repo, char **dir)
{
	fr_error err;
	int i;
	for (i = 0; i < argc; i++)
		if (!find_hook(argv[i]))
			return fr_usage_error(cmd, _("no hook '%s': pre-commit, pre-receive or post-receive"), argv[i]);
	if (fr_repo_open(repo, NULL, &err)) {
		fr_die_msg("%s", err.msg);
		return FR_EXIT_FAIL;
	}
	if (fr_repo_hooks_dir(*repo, dir, &err)) {
		fr_die_msg("%s", err.msg);
		fr_repo_free(*repo);
		*repo = NULL;
		return FR_EXIT_FAIL;
	}
	return 0;
}

static int hook_install(int argc, char **argv)
{
	int force = 0, rc, i;
	const struct fr_opt opts[] = {
		FR_OPT_FLAG_("force", N_("replace a hook flowrec did not write (it is kept as HOOK.flowrec-backup)"), &force),
		FR_OPT_END_
	};
	fr_repo *repo = NULL;
	char *dir = NULL, *self = NULL;

	rc = fr_parse_options("hook install", "[--force] [pre-commit|pre-receive|post-receive...]", opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if ((rc = open_hooks_dir("hook install", argc, argv, &repo, &dir)))
		return rc;
	rc = FR_EXIT_FAIL;
	if (mkdirs(dir)) {
		fr_die_msg(_("cannot create '%s': %s"), dir, strerror(errno));
		goto done;
	}
	/* the hook's own message is written in the language of this command; a server has no
	 * working tree whose flowrec.yaml main read, so the team's locale comes from HEAD */
	if (fr_repo_is_bare(repo) && fr_i18n_source() < FR_LANG_ENV)
		head_language(repo);
	self = self_path();
	rc = 0;
	if (!argc && fr_repo_is_bare(repo)) {
		/* a bare repository is a server: pushes arrive there, nobody commits; pre-receive
		 * judges them, post-receive notes when they arrived */
		rc = install_one(dir, find_hook("pre-receive"), self, force);
		if (!rc)
			rc = install_one(dir, find_hook("post-receive"), self, force);
	} else if (!argc) {
		rc = install_one(dir, find_hook("pre-commit"), self, force);
	}
	for (i = 0; i < argc && !rc; i++)
		rc = install_one(dir, find_hook(argv[i]), self, force);
	if (!rc && (fr_repo_is_bare(repo) ? !argc : 0))
		warn_trust(repo);
	for (i = 0; i < argc && !rc; i++)
		if (!strcmp(argv[i], "pre-receive"))
			warn_trust(repo);
done:
	free(self);
	free(dir);
	fr_repo_free(repo);
	return rc;
}

/* Remove one hook if flowrec wrote it. Returns 0 (removed, or there is none), 1 (a hook
 * flowrec did not write: left, said why), 2 (I/O). */
static int uninstall_one(const char *dir, const struct hook *h, int named, int *removed)
{
	char *path = fr_xmalloc(strlen(dir) + strlen(h->name) + 2), *old = NULL, *backup;
	struct stat st;
	size_t len;
	int rc = FR_EXIT_FAIL;

	sprintf(path, "%s/%s", dir, h->name);
	if (lstat(path, &st)) {
		rc = errno == ENOENT ? FR_EXIT_OK : FR_EXIT_FAIL;
		if (errno != ENOENT)
			fr_die_msg(_("cannot read '%s': %s"), path, strerror(errno));
		else if (named)
			printf(_("no %s hook in '%s': nothing to remove\n"), h->name, dir);
		goto done;
	}
	if (!S_ISREG(st.st_mode) || fr_read_file(path, 1 << 20, &old, &len) || !strstr(old, HOOK_MARKER)) {
		fr_die_msg(_("'%s' was not written by flowrec: left as it is (remove it yourself if you no longer want it)"),
			   path);
		rc = FR_EXIT_FOUND;
		goto done;
	}
	if (unlink(path)) {
		fr_die_msg(_("cannot remove '%s': %s"), path, strerror(errno));
		goto done;
	}
	printf(_("removed the %s hook: %s\n"), h->name, path);
	(*removed)++;
	backup = fr_xmalloc(strlen(path) + sizeof(".flowrec-backup"));
	sprintf(backup, "%s.flowrec-backup", path);
	if (access(backup, F_OK) == 0)
		printf(_("the hook it replaced is still kept as '%s': rename it to '%s' to use it again\n"),
		       backup, path);
	free(backup);
	rc = FR_EXIT_OK;
done:
	free(old);
	free(path);
	return rc;
}

/* uninstall [HOOK...]: the named hooks, else every hook flowrec can write; exit 1 when one of
 * them is there but not flowrec's (the others are still removed). */
static int hook_uninstall(int argc, char **argv)
{
	const struct fr_opt opts[] = { FR_OPT_END_ };
	fr_repo *repo = NULL;
	char *dir = NULL;
	size_t i;
	int rc, j, removed = 0;

	rc = fr_parse_options("hook uninstall", "[pre-commit|pre-receive|post-receive...]", opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if ((rc = open_hooks_dir("hook uninstall", argc, argv, &repo, &dir)))
		return rc;
	rc = FR_EXIT_OK;
	for (i = 0; i < FR_ARRAY_LEN(hooks); i++) {
		int named = 0, r;
		for (j = 0; j < argc; j++)
			named |= !strcmp(argv[j], hooks[i].name);
		if (argc && !named)
			continue;
		r = uninstall_one(dir, &hooks[i], named, &removed);
		if (r > rc)
			rc = r;
	}
	if (!argc && !removed && rc == FR_EXIT_OK)
		printf(_("no flowrec hook in '%s': nothing to remove\n"), dir);
	free(dir);
	fr_repo_free(repo);
	return rc;
}

static fr_repo *blob_repo; /* where the blobs the cache spared are, for carets */

static const char *source_of(void *ud, const char *path, size_t *len)
{
	fr_file *f = fr_files_find(ud, path);
	if (!f)
		return NULL;
	if (!f->data && blob_repo) {
		fr_diags scratch = FR_DIAGS_INIT;
		fr_error err;
		fr_repo_load(blob_repo, f, &scratch, &err);
		fr_diags_free(&scratch);
	}
	*len = f->len;
	return f->data;
}

/* ---- the whole-snapshot rule ----
 *
 * A change is judged by what it does to the whole team, not only to the records it touches:
 * it is rejected when the check of the snapshot after it has an error the check of the
 * snapshot before it did not have, wherever that error is (a raised target breaks the next
 * week's W-CARRY, a new record collides with an untouched one: X-UNIQUE). Errors already
 * there before do not block unrelated work. Two errors are the same when their path, rule and
 * message are (line and column are not compared, so an edit above an old error does not make
 * it new), counted: a second equal error is new. */

struct snap;
static int snap_check_listed(struct snap *s, fr_repo *repo, const char *commit, int today,
			     int check, fr_cache **shared, int listed);

/* One snapshot's check with its own config and schemas. */
struct snap {
	fr_files records, team_files;
	fr_config *cfg;
	fr_schemas *schemas;
	fr_set *set;
	fr_diags d;                /* every diagnostic of every record, finished */
	int team;                  /* it holds a team (flowrec.yaml or records) */
	int loaded;                /* its config and schemas load */
	fr_cache *own;             /* its cache when its team is not the shared cache's */
};

static void snap_free(struct snap *s)
{
	fr_set_free(s->set);
	fr_config_free(s->cfg);
	fr_schemas_free(s->schemas);
	fr_files_free(&s->records);
	fr_files_free(&s->team_files);
	fr_diags_free(&s->d);
	fr_cache_free(s->own);
	memset(s, 0, sizeof(*s));
}

/* Read and check a snapshot (commit NULL: the index) quietly: a snapshot whose config does
 * not load has no diagnostics (loaded 0). shared (NULL: no cache): the cache of the first
 * snapshot checked, opened here when *shared is NULL and written by the caller; a snapshot
 * of another team (flowrec.yaml or schemas changed between the two) reads its own. Only the
 * blobs the cache does not hold are read. Returns 0, or -1 after printing a failure. */
static int snap_check(struct snap *s, fr_repo *repo, const char *commit, int today, int check,
		      fr_cache **shared)
{
	memset(s, 0, sizeof(*s));
	return snap_check_listed(s, repo, commit, today, check, shared, 0);
}

/* The same; listed: s holds the snapshot's files and their diagnostics already. */
static int snap_check_listed(struct snap *s, fr_repo *repo, const char *commit, int today,
			     int check, fr_cache **shared, int listed)
{
	fr_diags scratch = FR_DIAGS_INIT;
	const fr_file *cf;
	fr_error err;
	fr_cache *cache = NULL;
	if (!listed && fr_repo_snapshot_ids(repo, commit, &s->records, &s->team_files, &s->d, &err)) {
		fr_die_msg("%s", err.msg);
		return -1;
	}
	cf = fr_files_find(&s->team_files, "flowrec.yaml");
	s->team = cf || s->records.n;
	if (cf && !fr_schemas_load(&s->schemas, &s->team_files, &scratch) &&
	    !fr_config_load(&s->cfg, "flowrec.yaml", cf->data, cf->len, s->schemas, &scratch)) {
		s->loaded = 1;
		if (check) {
			fr_check_opts o = { 1, !isatty(2), NULL, NULL, fr_team_load_blob, repo };
			if (shared && !*shared) {
				cache = *shared = fr_team_cache(repo, &s->team_files);
			} else if (shared) {
				unsigned char key[20];
				fr_team_cache_key(&s->team_files, key);
				cache = fr_cache_has_key(*shared, key) ? *shared
					: (s->own = fr_team_cache(repo, &s->team_files));
			}
			o.cache = cache;
			if (fr_team_load_missing(repo, &s->records, cache, today, &s->d)) {
				fr_diags_free(&scratch);
				return -1;
			}
			fr_set_check_opts(&s->set, &s->records, s->cfg, s->schemas, today, &s->d, &o);
		}
	}
	fr_diags_free(&scratch);
	fr_diags_finish(&s->d);
	return 0;
}

/* After installing pre-receive: say when the approvals it guards can be forged (the roster of
 * HEAD trusts authors, or there is no roster yet). */
static void warn_trust(fr_repo *repo)
{
	struct snap s;
	char head[41];
	fr_error err;
	int author = 1;
	memset(&s, 0, sizeof(s));
	if (!fr_repo_resolve(repo, "HEAD", head, &err) && !snap_check(&s, repo, head, 0, 0, NULL) &&
	    s.loaded)
		author = fr_judge_trust(s.cfg) == FR_TRUST_AUTHOR;
	snap_free(&s);
	if (author)
		fr_history_warn_forgeable(stderr);
}

static void head_language(fr_repo *repo)
{
	struct snap s;
	char head[41];
	fr_error err;
	memset(&s, 0, sizeof(s));
	if (!fr_repo_resolve(repo, "HEAD", head, &err) && !snap_check(&s, repo, head, 0, 0, NULL) && s.loaded)
		fr_i18n_set(s.cfg->locale, FR_LANG_TEAM);
	snap_free(&s);
}

struct dkey {
	const fr_diag *d;
	size_t i;
};

static int dkey_cmp(const void *a, const void *b)
{
	const struct dkey *x = a, *y = b;
	int k = strcmp(x->d->path ? x->d->path : "", y->d->path ? y->d->path : "");
	if (!k)
		k = strcmp(x->d->rule, y->d->rule);
	if (!k)
		k = strcmp(x->d->msg, y->d->msg);
	if (!k)
		k = x->i < y->i ? -1 : x->i > y->i;
	return k;
}

static int dkey_same(const struct dkey *x, const struct dkey *y)
{
	return !strcmp(x->d->path ? x->d->path : "", y->d->path ? y->d->path : "") &&
	       !strcmp(x->d->rule, y->d->rule) && !strcmp(x->d->msg, y->d->msg);
}

static struct dkey *error_keys(const fr_diags *d, size_t *n)
{
	struct dkey *k = fr_xcalloc(d->n + 1, sizeof(*k));
	size_t i;
	*n = 0;
	for (i = 0; i < d->n; i++)
		if (d->v[i].sev == FR_SEV_ERROR) {
			k[*n].d = &d->v[i];
			k[*n].i = i;
			(*n)++;
		}
	qsort(k, *n, sizeof(*k), dkey_cmp);
	return k;
}

/* Into out: the errors of after that before does not have (the later ones of an equal group
 * beyond before's count), and the warnings of the records touched (selected in records).
 * Returns the number of errors of after that were already in before. */
static size_t new_diags(fr_diags *out, const struct snap *after, const struct snap *before)
{
	size_t na, nb, i = 0, j = 0, kept = 0;
	struct dkey *a = error_keys(&after->d, &na);
	struct dkey *b = error_keys(before ? &before->d : &(fr_diags)FR_DIAGS_INIT, &nb);
	char *fresh = fr_xcalloc(after->d.n + 1, 1);

	while (i < na) {
		size_t gi = i, ga, gb = 0;
		while (i < na && dkey_same(&a[gi], &a[i]))
			i++;
		ga = i - gi;
		while (j < nb && dkey_cmp(&b[j], &a[gi]) < 0 && !dkey_same(&b[j], &a[gi]))
			j++;
		while (j < nb && dkey_same(&b[j], &a[gi])) {
			j++;
			gb++;
		}
		kept += ga < gb ? ga : gb;
		for (; gb < ga; gb++)
			fresh[a[gi + gb].i] = 1;
	}
	for (i = 0; i < after->d.n; i++) {
		const fr_diag *x = &after->d.v[i];
		const fr_file *f = x->path ? fr_files_find(&after->records, x->path) : NULL;
		if (fresh[i] || (x->sev == FR_SEV_WARNING && (!f || f->selected)))
			fr_diags_add(out, x->path, x->line, x->col, x->sev, x->rule, "%s", x->msg);
	}
	free(fresh);
	free(a);
	free(b);
	return kept;
}

/* Mark the records of s that differ from before (all when before is NULL). */
static void mark_touched(struct snap *s, const struct snap *before)
{
	size_t i;
	for (i = 0; i < s->records.n; i++) {
		const fr_file *b = before ? fr_files_find(&before->records, s->records.v[i].path) : NULL;
		s->records.v[i].selected = !b || strcmp(b->oid, s->records.v[i].oid);
	}
}

static void say_kept(size_t kept, const char *where)
{
	if (kept)
		fprintf(stderr, _("flowrec: %zu error(s) already in %s are still there: they do not block this change ('flowrec check' lists them)\n"),
			kept, where);
}

/* ---- only the touched kinds (issue 12) ----
 *
 * The whole-snapshot rule compares all of the errors of both snapshots, but most of them
 * cancel: when the team's files (flowrec.yaml, the schemas: all snap_check reads besides the
 * records) are byte for byte the same in both snapshots, and so is today,
 *  - a record's own diagnostics (parse, schema, the X- rules, its kind's `check`) are a
 *    function of its path, its bytes, the config, the schemas and today alone (engine.c,
 *    check_common: no rule of one record reads c->set but for the schemas, nor another file);
 *  - a kind's cross-record diagnostics (check_unique, fr_kind.check_all) are a function of
 *    the config, today and that kind's records alone (kind.h states the rule; the only
 *    check_all are weekly's, monthly's, channel's and scorecard's, each reading only its own
 *    records; X-UNIQUE is per kind; no rule looks at a record's folder: a record's kind is
 *    its `kind:` field, so a record moved from one folder to another is a changed record of
 *    the kind its bytes say, in both snapshots);
 *  - a record's kind is a function of its bytes.
 * So a kind none of whose records changed (its (path, blob id) list is the same in both
 * snapshots) has the same diagnostics in both, and so has every unchanged record: the rule's
 * count difference does not see them. Within a touched kind, only a change's neighbourhood
 * (below) can differ. What is checked is the touched part: the neighbourhood of the changed
 * records (their descriptions in either snapshot), and the changed records themselves (those
 * of no kind too), in both snapshots; with the snapshot listing's
 * own diagnostics (links, ...), which are listed anyway. Each path's diagnostics are wholly
 * in that part or wholly out of it, so the exact duplicates fr_diags_finish drops are the
 * same. The new errors are then exactly the full rule's; the errors "already there" are the
 * part's plus the errors of the rest, which are the same in both snapshots: the errors of
 * the whole before-snapshot less those of its part. That total, and each record's
 * description, come from a summary of the before-snapshot kept in GITDIR/flowrec/hook-ID
 * by the run that checked it (the previous hooked commit checked the snapshot that is now
 * HEAD), under the id of
 * (the cache's key: flowrec's build, the language, flowrec.yaml and the schemas; today; the
 * team's folder; the git tree of that folder: the same tree is the same records). When there
 * is no summary (HEAD never checked by a hook, another day, a damaged file) both snapshots
 * are checked whole, as FLOWREC_HOOK_FULL=1 always does (the reference the tests compare
 * with), and their summaries are kept for the next run. */

#define DESC_SEED 0x666c6f77686f6f6bULL   /* of the key and owner hashes */

static size_t nkinds(void)
{
	size_t n = 0;
	while (fr_kinds[n])
		n++;
	return n;
}

/* The summaries of this repository's hook (hooksum.h), in GITDIR/flowrec. */
static void sums_init(fr_hooksums *s, fr_repo *repo)
{
	const char *g = fr_repo_gitdir(repo);
	char *dir = NULL;
	if (g) {
		dir = fr_xmalloc(strlen(g) + sizeof("/flowrec"));
		sprintf(dir, "%s/flowrec", g);
	}
	fr_hooksums_init(s, dir, nkinds());
	free(dir);
}

static int desc_same(const fr_rdesc *a, const fr_rdesc *b)
{
	return a->kind == b->kind && a->scoped == b->scoped && a->unit == b->unit &&
	       a->key == b->key && a->owner == b->owner;
}

/* The id of a snapshot's summary (see above), from its git tree (binary); 0, or -1 when the
 * tree is not known. */
static int snap_id(fr_repo *repo, const char *commit, const fr_files *team_files, int today,
		   unsigned char out[20])
{
	unsigned char tree[20], key[20];
	fr_buf b = FR_BUF_INIT;
	git_oid id;
	if (fr_repo_tree_id(repo, commit, tree))
		return -1;
	fr_team_cache_key(team_files, key);
	fr_buf_adds(&b, "flowrec hook summary 2");
	fr_buf_addc(&b, '\0');
	fr_buf_add(&b, (const char *)key, 20);
	fr_buf_addf(&b, "%d", today);
	fr_buf_addc(&b, '\0');
	fr_buf_adds(&b, fr_repo_prefix(repo));
	fr_buf_addc(&b, '\0');
	fr_buf_add(&b, (const char *)tree, 20);
	git_odb_hash(&id, b.ptr, b.len, GIT_OBJECT_BLOB);
	memcpy(out, id.id, 20);
	fr_buf_free(&b);
	return 0;
}

static unsigned char kind_of(const fr_record *r)
{
	size_t k;
	for (k = 0; r->k && fr_kinds[k]; k++)
		if (fr_kinds[k] == r->k)
			return (unsigned char)k;
	return FR_RDESC_NONE;
}

/* The description of record i of set (a stub's facts decoded from cache for the time it
 * takes): 0, or -1 when its facts cannot be had. */
static int describe(const fr_set *set, size_t i, fr_cache *cache, fr_rdesc *d)
{
	fr_record r = *set->recs[i];
	fr_arena *a = NULL;
	char key[512];
	const char *owner;
	int unit;
	memset(d, 0, sizeof(*d));
	d->kind = kind_of(&r);
	if (d->kind == FR_RDESC_NONE)
		return 0;
	if (!r.fm && !(r.fm = (fr_node *)fr_set_facts(set, i, cache, a = fr_arena_new()))) {
		fr_arena_free(a);
		return -1;
	}
	fr_record_key(&r, key, sizeof(key));
	if (key[0])
		d->key = fr_hash64(DESC_SEED, key, strlen(key)) | 1;
	if (r.k->scope && !r.k->scope(&r, &owner, &unit)) {
		d->scoped = 1;
		d->owner = fr_hash64(DESC_SEED, owner, strlen(owner));
		d->unit = unit;
	}
	fr_arena_free(a);
	return 0;
}

/* The descriptions of a checked snapshot's records, or NULL when its set does not hold every
 * listed record (one left out as too large) or a stub's facts do not decode. A record of
 * other (a snapshot described already, NULL: none) with the same path and blob has the
 * description it has there. */
static fr_rdesc *snap_descs(const struct snap *s, size_t listed, fr_cache *shared,
				const struct snap *other, const fr_rdesc *od)
{
	fr_rdesc *d;
	size_t i, j = 0;
	if (!s->set || s->set->n != listed || s->records.n != listed)
		return NULL;
	d = fr_xmalloc((listed + 1) * sizeof(*d));
	for (i = 0; i < listed; i++) {
		const fr_file *f = &s->records.v[i];
		int c = 1;
		while (od && j < other->records.n &&
		       (c = strcmp(other->records.v[j].path, f->path)) < 0)
			j++;
		if (od && j < other->records.n && !c && f->oid[0] &&
		    !strcmp(other->records.v[j].oid, f->oid)) {
			d[i] = od[j];
			continue;
		}
		if (describe(s->set, i, s->own ? s->own : shared, &d[i])) {
			free(d);
			return NULL;
		}
	}
	return d;
}

/* The summaries of both snapshots after their whole check (before may be NULL), those whose
 * id is known. */
static void keep_summaries(fr_hooksums *sums, const struct snap *now, size_t ln,
			   const unsigned char *now_id, const struct snap *before, size_t lb,
			   const unsigned char *before_id, fr_cache *shared)
{
	fr_rdesc *dn = NULL, *db = NULL;
	if (now_id && now->loaded)
		dn = snap_descs(now, ln, shared, NULL, NULL);
	if (before && before_id && before->loaded &&
	    (db = snap_descs(before, lb, shared, dn ? now : NULL, dn)))
		fr_hooksums_put(sums, before_id, fr_diags_count(&before->d, FR_SEV_ERROR), lb, db);
	if (dn)     /* the newest: the next commit's HEAD */
		fr_hooksums_put(sums, now_id, fr_diags_count(&now->d, FR_SEV_ERROR), ln, dn);
}

static void copy_file(fr_files *fs, const fr_file *f, int selected)
{
	fr_file *c;
	FR_GROW(fs->v, fs->cap, fs->n + 1);
	c = &fs->v[fs->n++];
	*c = *f;
	c->path = fr_xstrdup(f->path);
	c->data = f->data ? fr_xstrndup(f->data, f->len) : NULL;
	c->selected = selected;
}

static int same_files(const fr_files *a, const fr_files *b)
{
	size_t i;
	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].path, b->v[i].path) || a->v[i].len != b->v[i].len ||
		    (a->v[i].data == NULL) != (b->v[i].data == NULL) ||
		    (a->v[i].data && memcmp(a->v[i].data, b->v[i].data, a->v[i].len)))
			return 0;
	return 1;
}

static void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* FLOWREC_HOOK_TRACE=FILE: one line per hook run saying which way it checked (for tests). */
static void trace(const char *fmt, ...)
{
	const char *p = getenv("FLOWREC_HOOK_TRACE");
	FILE *f;
	va_list ap;
	if (!p || !*p || !(f = fopen(p, "a")))
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

/* ---- the neighbourhood of a change ----
 *
 * A record's cross-record diagnostics (X-UNIQUE and its kind's check_all) depend only on the
 * records of its kind with the same key (X-UNIQUE) and on those its kind's scope puts in its
 * window: the same owner, a unit in [unit - reach, unit] (kind.h states the rule). So x's
 * diagnostics can differ between the snapshots only when x changed, or when a changed record
 * (as either snapshot has it: a touch) is among what x depends on: those records are the
 * core, checked in both snapshots with what they depend on (the context, whose own
 * diagnostics are dropped: selected 0). Hashes stand for the keys and owners: a collision
 * only puts more records in the part. */

/* 1 when x's cross-record diagnostics can depend on t (a record of t's description). */
static int depends(const fr_rdesc *x, const fr_rdesc *t)
{
	int reach;
	if (t->kind != x->kind || t->kind == FR_RDESC_NONE)
		return 0;
	if (t->key && t->key == x->key)
		return 1;
	if (!t->scoped || !x->scoped || t->owner != x->owner)
		return 0;
	reach = fr_kinds[t->kind]->reach;
	return reach == FR_REACH_ALL ||
	       (t->unit <= x->unit && (int64_t)x->unit - (int64_t)t->unit <= reach);
}

static int desc_cmp_scope(const void *a, const void *b)
{
	const fr_rdesc *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

static int desc_cmp_key(const void *a, const void *b)
{
	const fr_rdesc *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return (x->key > y->key) - (x->key < y->key);
}

/* 1 when a core record (sorted by scope in sc[0..nsc), by key in ky[0..nky)) depends on x. */
static int needed(const fr_rdesc *x, const fr_rdesc *sc, size_t nsc, const fr_rdesc *ky,
		  size_t nky)
{
	fr_rdesc probe;
	size_t lo = 0, hi = nky;
	if (x->kind == FR_RDESC_NONE)
		return 0;
	while (x->key && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = desc_cmp_key(&ky[mid], x);
		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!x->scoped)
		return 0;
	/* the first core record of x's kind and owner at x's unit or later (any unit when the
	 * kind looks at all of an owner's): within reach? */
	probe = *x;
	if (fr_kinds[x->kind]->reach == FR_REACH_ALL)
		probe.unit = INT32_MIN;
	lo = 0;
	hi = nsc;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (desc_cmp_scope(&sc[mid], &probe) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nsc && sc[lo].kind == x->kind && sc[lo].owner == x->owner &&
	       (fr_kinds[x->kind]->reach == FR_REACH_ALL ||
		(int64_t)sc[lo].unit - (int64_t)x->unit <= fr_kinds[x->kind]->reach);
}

/* Mark in sel the part of a snapshot of n records (desc, changed): 2 core, 1 context, 0 out,
 * for the touches t[0..nt). Returns the part's size. */
static size_t select_part(unsigned char *sel, const fr_rdesc *desc, const unsigned char *changed,
			  size_t n, const fr_rdesc *t, size_t nt)
{
	fr_rdesc *sc = fr_xmalloc((n + nt + 1) * sizeof(*sc));
	fr_rdesc *ky = fr_xmalloc((n + nt + 1) * sizeof(*ky));
	size_t i, j, nsc = 0, nky = 0, part = 0;
	/* the changed records are core in either snapshot: what they depend on is context
	 * (those of this one may not be described yet, but are among the touches) */
	for (j = 0; j < nt; j++) {
		if (t[j].scoped)
			sc[nsc++] = t[j];
		if (t[j].key)
			ky[nky++] = t[j];
	}
	for (i = 0; i < n; i++) {
		sel[i] = changed[i] ? 2 : 0;
		for (j = 0; !sel[i] && j < nt; j++)
			if (depends(&desc[i], &t[j]))
				sel[i] = 2;
		if (sel[i] && desc[i].kind != FR_RDESC_NONE) {
			if (desc[i].scoped)
				sc[nsc++] = desc[i];
			if (desc[i].key)
				ky[nky++] = desc[i];
		}
	}
	qsort(sc, nsc, sizeof(*sc), desc_cmp_scope);
	qsort(ky, nky, sizeof(*ky), desc_cmp_key);
	for (i = 0; i < n; i++) {
		if (!sel[i] && (nsc || nky) && needed(&desc[i], sc, nsc, ky, nky))
			sel[i] = 1;
		part += sel[i] != 0;
	}
	free(sc);
	free(ky);
	return part;
}

/* One snapshot's records in path order as the shortcut reads them: its whole listing
 * (files), or, light (fr_repo_staged_light), the records alike in both snapshots (same)
 * merged with its own that differ (own, all changed); at[i] says which record is i-th. */
struct side {
	const fr_files *files;
	const fr_recref *same;
	const fr_files *own;
	size_t n;
	uint32_t *at;              /* light: (k << 1) | 1 for own->v[k], k << 1 for same[k] */
};

static void side_whole(struct side *sd, const fr_files *files)
{
	memset(sd, 0, sizeof(*sd));
	sd->files = files;
	sd->n = files->n;
}

/* The light side of own and same[0..nsame) (both in path order, no path in both). */
static void side_light(struct side *sd, const fr_recref *same, size_t nsame, const fr_files *own)
{
	size_t i = 0, k = 0, o = 0;
	memset(sd, 0, sizeof(*sd));
	sd->same = same;
	sd->own = own;
	sd->n = nsame + own->n;
	sd->at = fr_xmalloc((sd->n + 1) * sizeof(*sd->at));
	/* own is a few records, same nearly all: each of own goes where a binary search says */
	for (o = 0; o <= own->n; o++) {
		size_t lo = k, hi = nsame;
		while (o < own->n && lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(same[mid].path, own->v[o].path) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (o == own->n)
			lo = nsame;
		while (k < lo)
			sd->at[i++] = (uint32_t)(k++ << 1);
		if (o < own->n)
			sd->at[i++] = (uint32_t)(o << 1 | 1);
	}
}

/* Record i as a file of fs (its blob unread). */
static void side_file(const struct side *sd, size_t i, fr_files *fs, int selected)
{
	fr_file *c;
	const fr_recref *r;
	if (sd->files || sd->at[i] & 1) {
		copy_file(fs, sd->files ? &sd->files->v[i] : &sd->own->v[sd->at[i] >> 1], selected);
		return;
	}
	r = &sd->same[sd->at[i] >> 1];
	FR_GROW(fs->v, fs->cap, fs->n + 1);
	c = &fs->v[fs->n++];
	memset(c, 0, sizeof(*c));
	c->path = fr_xstrdup(r->path);
	fr_oid_hex(r->oid, c->oid);
	c->selected = selected;
}

/* The part of snapshot s (its team files; its records as sd has them) marked in sel, with the
 * team files; idx[j] the index in sd of the part's record j. Only the core is selected: the
 * context's diagnostics are not kept. */
static void snap_part(struct snap *part, const struct snap *s, const struct side *sd,
		      const unsigned char *sel, size_t *idx)
{
	size_t i;
	memset(part, 0, sizeof(*part));
	for (i = 0; i < s->team_files.n; i++)
		copy_file(&part->team_files, &s->team_files.v[i], 1);
	for (i = 0; i < sd->n; i++)
		if (sel[i]) {
			idx[part->records.n] = i;
			side_file(sd, i, &part->records, sel[i] == 2);
		}
}

/* A part this small is parsed from its blobs: opening the cache (checking its directory of
 * every record) costs more than parsing a few hundred records. */
#define PART_CACHED 256

/* Add d to the touches t (nt of them) unless it is there; 1 when it was not. */
static int touch(fr_rdesc **t, size_t *nt, size_t *cap, const fr_rdesc *d)
{
	size_t i;
	if (d->kind == FR_RDESC_NONE)
		return 0;
	for (i = 0; i < *nt; i++)
		if (desc_same(&(*t)[i], d))
			return 0;
	FR_GROW(*t, *cap, *nt + 1);
	(*t)[(*nt)++] = *d;
	return 1;
}

/* The neighbourhood of the change in both snapshots (listed: records, team files, the
 * listing's diagnostics in d) checked, their diagnostics added to now->d and before->d
 * (finished), and *common the errors of the rest, the same in both (see above); sums gets
 * now's summary. Returns 0; 1 when this cannot be done here (the caller checks both whole);
 * -1 after printing a failure. */
static int snap_fast(struct snap *now, struct snap *before, const struct side *A,
		     const struct side *B, fr_repo *repo, const char *now_commit,
		     const char *before_commit, int today, fr_cache **cache, fr_hooksums *sums,
		     const unsigned char now_id[20], const unsigned char before_id[20], size_t *common)
{
	const fr_hooksum *sb = fr_hooksums_find(sums, before_id);
	size_t na = A->n, nb = B->n, i, j, round, nt = 0, tcap = 0;
	size_t parta = 0, partb = 0;
	unsigned char *chA = NULL, *chB = NULL, *selA = NULL, *selB = NULL;
	fr_rdesc *dA = NULL, *t = NULL;
	size_t *idxA = NULL, *idxB = NULL;
	struct snap pa, pb, first;  /* first: round 0's part, whose records the cache may name */
	uint64_t errs;
	int rc = 1;

	memset(&pa, 0, sizeof(pa));
	memset(&pb, 0, sizeof(pb));
	memset(&first, 0, sizeof(first));
	if (!sb || sb->n != nb || !same_files(&now->team_files, &before->team_files) ||
	    !fr_files_find(&now->team_files, "flowrec.yaml"))
		return 1;
	chA = fr_xcalloc(na + 1, 1);
	chB = fr_xcalloc(nb + 1, 1);
	selA = fr_xcalloc(na + 1, 1);
	selB = fr_xcalloc(nb + 1, 1);
	dA = fr_xcalloc(na + 1, sizeof(*dA));
	idxA = fr_xmalloc((na + 1) * sizeof(*idxA));
	idxB = fr_xmalloc((nb + 1) * sizeof(*idxB));
	/* both lists are sorted by path: one merge finds the changed records (light: they are
	 * the sides' own, the rest alike in both); an unchanged record has the description it
	 * had (a function of its bytes) */
	for (i = j = 0; !A->files && (i < na || j < nb);) {
		if (i < na && A->at[i] & 1) {
			chA[i] = 1;
			dA[i++].kind = FR_RDESC_NONE;
		} else if (j < nb && B->at[j] & 1) {
			chB[j] = 1;
			touch(&t, &nt, &tcap, &sb->desc[j++]);
		} else if (i < na && j < nb) {
			dA[i++] = sb->desc[j++];
		} else {
			goto done;      /* (cannot be: the same records on both sides) */
		}
	}
	for (i = j = 0; A->files && (i < na || j < nb);) {
		int c = i == na ? 1 : j == nb ? -1 : strcmp(now->records.v[i].path, before->records.v[j].path);
		if (c < 0) {
			chA[i] = 1;
			dA[i++].kind = FR_RDESC_NONE;
		} else if (c > 0) {
			chB[j] = 1;
			touch(&t, &nt, &tcap, &sb->desc[j]);
			j++;
		} else if (strcmp(now->records.v[i].oid, before->records.v[j].oid)) {
			chA[i] = chB[j] = 1;
			touch(&t, &nt, &tcap, &sb->desc[j]);
			dA[i++].kind = FR_RDESC_NONE;
			j++;
		} else {
			dA[i++] = sb->desc[j++];
		}
	}
	for (i = 0; A->files && i < na; i++)
		now->records.v[i].selected = chA[i];
	/* the new side's changed records are described once they are checked: a touch not
	 * known yet is added, and both parts checked again (at most once more) */
	for (round = 0; round < 2; round++) {
		int more = 0;
		if (round) {
			first = pa;
			memset(&pa, 0, sizeof(pa));
		}
		parta = select_part(selA, dA, chA, na, t, nt);
		snap_part(&pa, now, A, selA, idxA);
		if (snap_check_listed(&pa, repo, now_commit, today, 1, parta < PART_CACHED ? NULL : cache,
				      1) < 0) {
			rc = -1;
			goto done;
		}
		/* (a record left out as too large: the summaries cannot describe it) */
		if (!pa.loaded || !pa.set || pa.set->n != parta || pa.records.n != parta)
			goto done;
		for (i = 0; i < parta; i++)
			if (chA[idxA[i]]) {
				if (describe(pa.set, i, pa.own ? pa.own : *cache, &dA[idxA[i]]))
					goto done;
				more |= touch(&t, &nt, &tcap, &dA[idxA[i]]);
			}
		if (more && !round)
			continue;
		if (more)
			goto done;
		partb = select_part(selB, sb->desc, chB, nb, t, nt);
		snap_part(&pb, before, B, selB, idxB);
		if (snap_check_listed(&pb, repo, before_commit, today, 1, partb < PART_CACHED ? NULL : cache,
				      1) < 0) {
			rc = -1;
			goto done;
		}
		if (!pb.loaded || !pb.set || pb.set->n != partb || pb.records.n != partb)
			goto done;
		break;
	}
	/* (a failure from here on leaves now and before spoilt: the caller lists them again) */
	fr_diags_move(&now->d, &pa.d);
	fr_diags_move(&before->d, &pb.d);
	fr_diags_finish(&now->d);
	fr_diags_finish(&before->d);
	errs = fr_diags_count(&before->d, FR_SEV_ERROR);
	if (errs > sb->errors)
		goto done;     /* not the summary of this snapshot after all: check both whole */
	*common = (size_t)(sb->errors - errs);
	/* the config and schemas the caller judges authorship by */
	now->cfg = pa.cfg;
	now->schemas = pa.schemas;
	before->cfg = pb.cfg;
	before->schemas = pb.schemas;
	pa.cfg = pb.cfg = NULL;
	pa.schemas = pb.schemas = NULL;
	now->team = before->team = 1;
	if (!A->files) {
		/* light: the part's records stand for now's (the changed ones selected), for the
		 * warnings of the touched records and the carets */
		for (i = 0; i < pa.records.n; i++)
			pa.records.v[i].selected = chA[idxA[i]];
		fr_files_free(&now->records);
		now->records = pa.records;
		memset(&pa.records, 0, sizeof(pa.records));
	}
	fr_hooksums_put(sums, now_id, *common + fr_diags_count(&now->d, FR_SEV_ERROR), na, dA);
	dA = NULL;   /* (the summaries' now) */
	/* the cache holds only the part's records now: appended to, never compacted from them */
	if (*cache)
		fr_cache_append(*cache);
	now->loaded = before->loaded = 1;
	rc = 0;
	{
		fr_buf names = FR_BUF_INIT;
		uint32_t seen = 0;
		for (i = 0; i < nt; i++)
			if (!(seen >> t[i].kind & 1)) {
				seen |= 1u << t[i].kind;
				fr_buf_addf(&names, " %s", fr_kinds[t[i].kind]->name);
			}
		trace("fast%s (%zu and %zu records)", names.ptr ? names.ptr : "", parta, partb);
		fr_buf_free(&names);
	}
done:
	snap_free(&pa);
	snap_free(&pb);
	snap_free(&first);
	free(chA);
	free(chB);
	free(selA);
	free(selB);
	free(dA);
	free(t);
	free(idxA);
	free(idxB);
	return rc;
}

/* List snapshot s (commit NULL: the index) anew: 0, or -1 after printing why not. */
static int snap_list(struct snap *s, fr_repo *repo, const char *commit)
{
	fr_error err;
	snap_free(s);
	if (fr_repo_snapshot_ids(repo, commit, &s->records, &s->team_files, &s->d, &err)) {
		fr_die_msg("%s", err.msg);
		return -1;
	}
	return 0;
}

/* The whole-snapshot rule's two checks (now always, before when before_commit is not NULL;
 * both listed): only the touched kinds when the summaries allow (snap_fast), else both whole,
 * their cache written and their summaries kept. The records of now that differ are selected;
 * *common: errors in both that were not checked again (0 for the whole check). Returns 0, or
 * -1 after printing a failure. */
static int snap_compare(struct snap *now, struct snap *before, fr_repo *repo, const char *now_commit,
			const char *before_commit, int today, fr_cache **cache, size_t *common,
			const fr_staged_light *light, size_t *listed)
{
	fr_hooksums sums;
	struct side A, B;
	unsigned char now_id[20], before_id[20];
	const char *full = getenv("FLOWREC_HOOK_FULL");
	size_t ln = now->records.n, lb = before->records.n;
	int have_now = !snap_id(repo, now_commit, &now->team_files, today, now_id);
	int have_before = before_commit && !snap_id(repo, before_commit, &before->team_files, today, before_id);
	int rc = 1;

	*common = 0;
	if (light) {
		side_light(&A, light->same, light->nsame, &now->records);
		side_light(&B, light->same, light->nsame, &before->records);
	} else {
		side_whole(&A, &now->records);
		side_whole(&B, &before->records);
	}
	*listed = A.n;
	sums_init(&sums, repo);
	if (getenv("FLOWREC_HOOK_TRACE")) {
		char a[41] = "-", b[41] = "-";
		size_t i;
		for (i = 0; have_now && i < 20; i++)
			sprintf(a + 2 * i, "%02x", now_id[i]);
		for (i = 0; have_before && i < 20; i++)
			sprintf(b + 2 * i, "%02x", before_id[i]);
		trace("ids %s %s%s", a, b, have_before && fr_hooksums_find(&sums, before_id) ? " known" : "");
	}
	if ((!full || strcmp(full, "1")) && before_commit && have_now && have_before) {
		rc = snap_fast(now, before, &A, &B, repo, now_commit, before_commit, today, cache,
			       &sums, now_id, before_id, common);
		if (rc < 0)
			goto done;
		if (rc && (snap_list(now, repo, now_commit) || snap_list(before, repo, before_commit))) {
			rc = -1;
			goto done;
		}
		if (rc)
			*common = 0;
		ln = now->records.n;
		lb = before->records.n;
	} else if (light && (snap_list(now, repo, now_commit) ||
			     (before_commit && snap_list(before, repo, before_commit)))) {
		rc = -1;   /* (light holds only the changed records: the whole check lists all) */
		goto done;
	} else if (light) {
		ln = now->records.n;
		lb = before->records.n;
	}
	if (rc) {
		trace("full");
		if (snap_check_listed(now, repo, now_commit, today, 1, cache, 1) ||
		    (before_commit && snap_check_listed(before, repo, before_commit, today, 1, cache, 1))) {
			rc = -1;
			goto done;
		}
		keep_summaries(&sums, now, ln, have_now ? now_id : NULL, before_commit ? before : NULL,
			       lb, have_before ? before_id : NULL, *cache);
		fr_cache_write(*cache);
		mark_touched(now, before_commit ? before : NULL);
	}
	fr_hooksums_write(&sums);
	if (rc)
		*listed = now->records.n;
	rc = 0;
done:
	free(A.at);
	free(B.at);
	fr_hooksums_free(&sums);
	return rc;
}

static void *start_libgit2(void *arg)
{
	(void)arg;
	git_libgit2_init();
	return NULL;
}

/* Start libgit2 (git_libgit2_init) while the index git commit names in $GIT_INDEX_FILE is
 * read on this thread: libgit2's start is ~4 ms of parsing the system's CA certificates
 * (mbedtls, whatever the program needs), as long as reading a 100,000-record index, and the
 * hook runs on every commit. The index read is handed to the repository
 * (fr_repo_adopt_index); NULL when there is no $GIT_INDEX_FILE, a single core, or an index the
 * reader does not read (repo.c reads it again and says why). */
static fr_gitindex *init_beside_index(void)
{
	const char *path = getenv("GIT_INDEX_FILE");
	fr_gitindex *ix = NULL;
	fr_error err;
	pthread_t tid;
	int e;
	if (!path || !*path || fr_thread_count(256) < 2) {
		git_libgit2_init();
		return NULL;
	}
	if ((e = pthread_create(&tid, NULL, start_libgit2, NULL))) {
		fr_thread_failed(FR_THREADS_CHECK, e);
		git_libgit2_init();
		return NULL;
	}
	if (fr_gitindex_read(&ix, path, &err))
		ix = NULL;
	pthread_join(tid, NULL);
	return ix;
}

/* pre-commit: the staged snapshot against HEAD's (the whole-snapshot rule above), and the
 * authorship of the staged change. A change that touches no record, no flowrec.yaml and no
 * schema is let through unread. */
static int hook_pre_commit(int argc, char **argv)
{
	fr_repo *repo = NULL;
	fr_changes *ch = NULL;
	fr_team team = { NULL, NULL, NULL, 0 };
	struct snap now, before;
	fr_judge judge = { .trust = FR_TRUST_AUTHOR };
	fr_diags d = FR_DIAGS_INIT;
	fr_error err;
	char *name = NULL, *email = NULL, head[41];
	fr_cache *cache = NULL;
	fr_staged_light light;
	fr_gitindex *ahead;
	size_t n, errors, kept, common, listed = 0;
	long g;
	int rc, have_head, quiet = 0, lit = 1;
	const struct fr_opt opts[] = {
		FR_OPT_FLAG_("quiet", N_("no summary line (-q)"), &quiet),
		FR_OPT_END_
	};

	memset(&now, 0, sizeof(now));
	memset(&before, 0, sizeof(before));
	memset(&light, 0, sizeof(light));
	rc = fr_parse_options("hook pre-commit", "[-q]", opts, &argc, argv);
	if (rc) {
		git_libgit2_init();   /* balanced by cmd_hook's shutdown */
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	}
	ahead = init_beside_index();
	if (fr_repo_open(&repo, NULL, &err)) {
		fr_gitindex_free(ahead);
		fr_die_msg("%s", err.msg);
		return FR_EXIT_FAIL;
	}
	if (ahead) {
		trace("index read ahead");
		fr_repo_adopt_index(repo, getenv("GIT_INDEX_FILE"), ahead);
	}
	rc = FR_EXIT_FAIL;
	fr_repo_author(repo, &name, &email);
	if (fr_repo_staged(&ch, repo, name, email, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	fr_changes_list(ch, &n);
	rc = FR_EXIT_OK;
	if (!n && !fr_changes_other(ch))
		goto done;        /* (a link staged alone still changes the snapshot: checked) */
	rc = FR_EXIT_FAIL;
	/* both snapshots light when the index's reader allows (only the changed records as
	 * files), else the index's listed whole */
	if ((lit = fr_repo_staged_light(repo, &light, &err)) < 0) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	if (!lit) {
		now.records = light.now;
		now.team_files = light.now_team;
		now.d = light.now_d;
		before.records = light.before;
		before.team_files = light.before_team;
		before.d = light.before_d;
		memset(&light.now, 0, sizeof(light.now));
		memset(&light.now_team, 0, sizeof(light.now_team));
		memset(&light.before, 0, sizeof(light.before));
		memset(&light.before_team, 0, sizeof(light.before_team));
		memset(&light.now_d, 0, sizeof(light.now_d));
		memset(&light.before_d, 0, sizeof(light.before_d));
	} else if (fr_repo_snapshot_ids(repo, NULL, &now.records, &now.team_files, &now.d, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	rc = FR_EXIT_OK;
	if (!fr_files_find(&now.team_files, "flowrec.yaml") && !now.records.n && !light.nsame)
		goto done;        /* the team's files are all gone: nothing left to check */
	/* opened loudly once, for the config's own diagnostics and the time zone */
	if ((rc = fr_team_open_files(&team, "hook pre-commit", NULL, NULL, &now.team_files, _("the index"))))
		goto done;
	rc = FR_EXIT_FAIL;
	have_head = !fr_repo_resolve(repo, "HEAD", head, &err);
	blob_repo = repo;
	/* the index's files listed above are the snapshot checked (listed once, not twice) */
	if (lit && have_head && snap_list(&before, repo, head))
		goto done;
	if (snap_compare(&now, &before, repo, NULL, have_head ? head : NULL, team.today, &cache,
			 &common, lit ? NULL : &light, &listed))
		goto done;
	kept = new_diags(&d, &now, have_head ? &before : NULL) + common;
	/* authorship by HEAD's roster, the way the server will judge it; here the author is all
	 * there is (the server may want a signature or its pusher) */
	judge.roster = before.loaded ? before.cfg : team.cfg;
	judge.schemas = before.loaded ? before.schemas : team.schemas;
	judge.first_config = !before.loaded;
	judge.trust = FR_TRUST_AUTHOR;
	/* the first commit brings the team and its rules: nothing to judge it by */
	g = have_head ? fr_history_authors(repo, ch, &judge, &d, &err) : 0;
	if (g < 0) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	rc = FR_EXIT_OK;
	fr_diags_finish(&d);
	fr_diags_print(stderr, &d, FR_FMT_TEXT, isatty(2), source_of, &now.records);
	say_kept(kept, "HEAD");
	errors = fr_diags_count(&d, FR_SEV_ERROR);
	if (errors) {
		fr_die_msg(_("commit rejected: %zu new error(s); fix them and stage them again"), errors);
		rc = FR_EXIT_FOUND;
	} else if (!quiet) {
		fr_diags_summary(stderr, NULL, listed, &d);
	}
done:
	blob_repo = NULL;
	snap_free(&now);
	snap_free(&before);
	fr_staged_light_free(&light);
	fr_cache_free(cache);
	fr_diags_free(&d);
	fr_team_close(&team);
	fr_changes_free(ch);
	fr_repo_free(repo);
	free(name);
	free(email);
	return rc;
}

static int is_zero(const char *oid)
{
	return strspn(oid, "0") == strlen(oid);
}

/* The protected branch as it is on the server before the push: its roster and schemas judge
 * every pushed commit. */
struct server {
	char head[41];             /* the commit of the server's HEAD, "" when unborn */
	struct snap prot;          /* its config and schemas (prot.loaded) */
};

/* Check one pushed ref: its new tip against its old one (a new ref: against the server's
 * HEAD) by the whole-snapshot rule, then every commit reachable from the new tip and not from
 * the old one (a new ref: not from the server's HEAD) by one judge. Returns the number of
 * errors (printed), or -1 after printing a failure. */
static long check_ref(fr_repo *repo, const struct server *sv, const char *old, const char *tip,
		      const char *ref, fr_cache **cache)
{
	fr_team team = { NULL, NULL, NULL, 0 };
	struct snap now, before;
	fr_judge judge = { .trust = FR_TRUST_AUTHOR };
	fr_diags d = FR_DIAGS_INIT;
	fr_changes *ch = NULL;
	fr_error err;
	char where[64], base_commit[41] = "";
	const char *hide[1], *var;
	long rc = -1, g;
	size_t kept, common, listed;

	memset(&now, 0, sizeof(now));
	memset(&before, 0, sizeof(before));
	snprintf(where, sizeof(where), _("commit %.7s"), tip);
	if (fr_repo_snapshot_ids(repo, tip, &now.records, &now.team_files, &d, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	if (!fr_files_find(&now.team_files, "flowrec.yaml") && fr_diags_count(&d, FR_SEV_ERROR)) {
		/* a link in place of flowrec.yaml, schemas/ or records/ (X-FILE): not a tree
		 * without a team, a team whose files cannot be read */
		fr_diags_finish(&d);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, 0, NULL, NULL);
		goto done;
	}
	if (!fr_files_find(&now.team_files, "flowrec.yaml") && !now.records.n) {
		rc = 0;    /* not a team's tree (a site branch, say): nothing of ours to check */
		goto done;
	}
	if (fr_team_open_files(&team, "hook pre-receive", NULL, NULL, &now.team_files, where))
		goto done;
	snap_free(&now);
	fr_diags_free(&d);
	if (is_zero(old) || fr_repo_resolve(repo, old, base_commit, &err))
		memcpy(base_commit, sv->head, 41);
	if (snap_list(&now, repo, tip) || (base_commit[0] && snap_list(&before, repo, base_commit)) ||
	    snap_compare(&now, &before, repo, tip, base_commit[0] ? base_commit : NULL, team.today, cache,
			 &common, NULL, &listed))
		goto done;
	/* written (in snap_compare) while the checked records it serialises were alive; the next
	 * ref reads it anew */
	fr_cache_free(*cache);
	*cache = NULL;
	kept = new_diags(&d, &now, base_commit[0] ? &before : NULL) + common;

	/* the first push to an empty server brings the rules it is judged by */
	judge.roster = sv->prot.loaded ? sv->prot.cfg : team.cfg;
	judge.schemas = sv->prot.loaded ? sv->prot.schemas : team.schemas;
	judge.first_config = !sv->prot.loaded;
	judge.trust = fr_judge_trust(judge.roster);
	judge.pusher = fr_judge_pusher(judge.roster, &var);
	judge.pusher_email = judge.roster->pusher_variable ? NULL : getenv("GITEA_PUSHER_EMAIL");
	if (judge.pusher_email && !*judge.pusher_email)
		judge.pusher_email = NULL;
	hide[0] = base_commit;
	/* an empty server is not judged: its first push brings the team and its rules */
	if (sv->head[0] && (fr_repo_changes(&ch, repo, tip, hide, 1, 0, &err) ||
			    (g = fr_history_authors(repo, ch, &judge, &d, &err)) < 0)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	fr_diags_finish(&d);
	if (d.n) {
		/* the ref's name is the pusher's: the line is quoted like every message
		 * (fr_buf_add_text), so an ESC or a bidi override in it prints escaped */
		fr_buf raw = FR_BUF_INIT, out = FR_BUF_INIT;
		fr_buf_addf(&raw, _("flowrec: %s (%.7s):\n"), ref, tip);
		if (raw.len && raw.ptr[raw.len - 1] == '\n')
			raw.ptr[--raw.len] = '\0';
		fr_buf_add_text(&out, raw.ptr, raw.len);
		fr_buf_addc(&out, '\n');
		fputs(out.ptr, stderr);
		fr_buf_free(&raw);
		fr_buf_free(&out);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, 0, NULL, NULL);
	}
	if (base_commit[0]) {
		char at[64];
		snprintf(at, sizeof(at), _("commit %.7s"), base_commit);
		say_kept(kept, at);
	}
	rc = (long)fr_diags_count(&d, FR_SEV_ERROR);
	if (rc)
		fr_die_msg(_("push to '%s' rejected: %ld new error(s)"), ref, rc);
done:
	snap_free(&now);
	snap_free(&before);
	fr_changes_free(ch);
	fr_diags_free(&d);
	fr_team_close(&team);
	return rc;
}

/* pre-receive: stdin holds one "OLD NEW REF" line per pushed ref. */
static int hook_pre_receive(int argc, char **argv)
{
	struct server sv;
	fr_repo *repo = NULL;
	fr_error err;
	fr_cache *cache = NULL;
	char *line = NULL;
	size_t cap = 0;
	int rc;

	rc = fr_parse_options("hook pre-receive", N_("< OLD NEW REF lines"), (const struct fr_opt[]){ FR_OPT_END_ },
			      &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (fr_repo_open(&repo, NULL, &err)) {
		fr_die_msg("%s", err.msg);
		return FR_EXIT_FAIL;
	}
	memset(&sv, 0, sizeof(sv));
	if (fr_repo_resolve(repo, "HEAD", sv.head, &err))
		sv.head[0] = '\0';
	if (sv.head[0] && snap_check(&sv.prot, repo, sv.head, 0, 0, NULL)) {
		fr_repo_free(repo);
		return FR_EXIT_FAIL;
	}
	rc = FR_EXIT_OK;
	while (getline(&line, &cap, stdin) > 0) {
		char old[128], tip[128], ref[1024], commit[41];
		long e;
		if (sscanf(line, "%127s %127s %1023s", old, tip, ref) != 3) {
			fr_die_msg(_("pre-receive: expected 'OLD NEW REF' on stdin, got '%.*s'"),
				   (int)strcspn(line, "\n"), line);
			rc = FR_EXIT_FAIL;
			break;
		}
		if (!strncmp(ref, "refs/notes/flowrec-", 19)) {
			fr_die_msg(_("push to '%s' rejected: the server writes its flowrec notes itself"), ref);
			rc = FR_EXIT_FOUND;
			continue;
		}
		if (is_zero(tip))
			continue;         /* a deleted ref holds nothing to check */
		if (fr_repo_resolve(repo, tip, commit, &err))
			continue;         /* a tag of a tree or a blob: no records */
		e = check_ref(repo, &sv, old, commit, ref, &cache);
		if (e < 0)
			rc = FR_EXIT_FAIL;
		else if (e > 0 && rc == FR_EXIT_OK)
			rc = FR_EXIT_FOUND;
	}
	free(line);
	fr_cache_free(cache);
	snap_free(&sv.prot);
	fr_repo_free(repo);
	return rc;
}

/* post-receive: the push is in (the refs moved); note when each commit new to the server
 * arrived, and who pushed it when the host says (the roster of the server's HEAD names the
 * variable). Exit 0 whatever happens: git ignores this hook's status, a failure is said. */
static int hook_post_receive(int argc, char **argv)
{
	fr_repo *repo = NULL;
	fr_error err;
	char *line = NULL, **tips = NULL, **refs = NULL, **olds = NULL, head[41];
	size_t cap = 0, n = 0, nold = 0, tcap = 0, rcap = 0, ocap = 0, written = 0, i;
	const char *pusher = NULL, *email = NULL, *var;
	struct snap prot;
	int rc, all_new = 1;

	memset(&prot, 0, sizeof(prot));
	rc = fr_parse_options("hook post-receive", N_("< OLD NEW REF lines"), (const struct fr_opt[]){ FR_OPT_END_ },
			      &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (fr_repo_open(&repo, NULL, &err)) {
		fr_die_msg(_("warning: the push is in, but its receive time is not noted: %s"), err.msg);
		return FR_EXIT_OK;
	}
	while (getline(&line, &cap, stdin) > 0) {
		char old[128], tip[128], ref[1024], commit[41];
		if (sscanf(line, "%127s %127s %1023s", old, tip, ref) != 3 || !strncmp(ref, "refs/notes/", 11))
			continue;
		if (!is_zero(old)) {
			all_new = 0;
			FR_GROW(olds, ocap, nold + 1);
			olds[nold++] = fr_xstrdup(old);
		}
		if (is_zero(tip) || fr_repo_resolve(repo, tip, commit, &err))
			continue;
		FR_GROW(tips, tcap, n + 1);
		FR_GROW(refs, rcap, n + 1);
		tips[n] = fr_xstrdup(commit);
		refs[n] = fr_xstrdup(ref);
		n++;
	}
	if (!fr_repo_resolve(repo, "HEAD", head, &err) && !snap_check(&prot, repo, head, 0, 0, NULL) && prot.loaded) {
		pusher = fr_judge_pusher(prot.cfg, &var);
		email = prot.cfg->pusher_variable ? NULL : getenv("GITEA_PUSHER_EMAIL");
	} else {
		pusher = fr_judge_pusher(NULL, &var);
		email = getenv("GITEA_PUSHER_EMAIL");
	}
	if (n && all_new && fr_repo_only_refs(repo, (const char *const *)refs, n)) {
		/* the first push to an empty server brings history from elsewhere: when it was
		 * made is not known here, its commits keep their commit dates */
		fprintf(stderr, "%s\n", _("flowrec: the first push to an empty server: its commits keep their commit dates (no receive time is noted for them)"));
	} else if (n && fr_repo_note_received(repo, (const char *const *)tips, (const char *const *)refs, n,
					      (const char *const *)olds, nold, (long long)time(NULL), pusher,
					      email, &written, &err)) {
		fr_die_msg(_("warning: the push is in, but its receive time is not noted in %s: %s; 'flowrec due' judges its commits by their commit dates"),
			   FR_NOTES_RECEIVED, err.msg);
	}
	for (i = 0; i < n; i++) {
		free(tips[i]);
		free(refs[i]);
	}
	for (i = 0; i < nold; i++)
		free(olds[i]);
	free(tips);
	free(refs);
	free(olds);
	free(line);
	snap_free(&prot);
	fr_repo_free(repo);
	return FR_EXIT_OK;
}

/* `flowrec hook debug-staged [PREFIX]`, for tests/t-gitindex.sh only (not in the help): the
 * index's snapshot, HEAD's and the staged change as the pre-commit hook reads them, one line
 * each, on stdout; on stderr which reader read them ($FLOWREC_GITINDEX picks one). */
static void dump_files(const char *what, const fr_files *fs)
{
	size_t i;
	for (i = 0; i < fs->n; i++)
		printf("%s %s %s %zu\n", what, fs->v[i].path, fs->v[i].oid, fs->v[i].len);
}

static int dump_snapshot(fr_repo *repo, const char *label, const char *commit, int lazy)
{
	fr_files records = { NULL, 0, 0 }, team = { NULL, 0, 0 };
	fr_diags d = FR_DIAGS_INIT;
	fr_error err;
	size_t i;
	if ((lazy ? fr_repo_snapshot_ids : fr_repo_snapshot)(repo, commit, &records, &team, &d, &err)) {
		fr_die_msg("%s", err.msg);
		return -1;
	}
	fr_diags_finish(&d);
	printf("%s%s\n", label, lazy ? " ids" : "");
	dump_files("record", &records);
	dump_files("team", &team);
	for (i = 0; i < d.n; i++)
		printf("diag %s %s %s\n", d.v[i].path ? d.v[i].path : "", d.v[i].rule, d.v[i].msg);
	fr_files_free(&records);
	fr_files_free(&team);
	fr_diags_free(&d);
	return 0;
}

static int hook_debug_staged(int argc, char **argv)
{
	fr_repo *repo = NULL;
	fr_changes *ch = NULL;
	fr_error err;
	char head[41];
	const fr_change *v;
	size_t n, i, j, trees;
	const char *why;
	int rc = FR_EXIT_FAIL;
	if (fr_repo_open(&repo, NULL, &err)) {
		fr_die_msg("%s", err.msg);
		return FR_EXIT_FAIL;
	}
	if (argc > 1)
		fr_repo_set_prefix(repo, argv[1]);
	/* in the hook's order: the staged change first, then the two snapshots */
	if (fr_repo_staged(&ch, repo, "A U Thor", "author@example.com", &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	if (dump_snapshot(repo, "index", NULL, 1) || dump_snapshot(repo, "index", NULL, 0))
		goto done;
	if (!fr_repo_resolve(repo, "HEAD", head, &err) &&
	    (dump_snapshot(repo, "HEAD", head, 1) || dump_snapshot(repo, "HEAD", head, 0)))
		goto done;
	v = fr_changes_list(ch, &n);
	printf("staged\n");
	for (i = 0; i < n; i++) {
		const fr_change *const *hist;
		size_t nh = v[i].path ? fr_changes_of(ch, v[i].path, &hist) : 0;
		printf("change %s %s parent %s", v[i].path ? v[i].path : "-", v[i].oid[0] ? v[i].oid : "-",
		       v[i].commit->parent[0] ? v[i].commit->parent : "-");
		for (j = 0; j < v[i].nbefore; j++)
			printf(" before %s %s", v[i].before[j].path, v[i].before[j].oid);
		printf(" lineage %zu\n", nh);
	}
	why = fr_repo_index_reader(repo, &trees);
	if (why)
		fprintf(stderr, "reader: libgit2 (%s)\n", why);
	else
		fprintf(stderr, "reader: index file (%zu trees)\n", trees);
	rc = FR_EXIT_OK;
done:
	fr_changes_free(ch);
	fr_repo_free(repo);
	return rc;
}

static const struct {
	const char *name, *summary;  /* N_() marked */
} subcommands[] = {
	{ "install", N_("install flowrec's git hook (pre-commit; pre-receive and post-receive in a bare repository)") },
	{ "uninstall", N_("remove the git hooks flowrec wrote, and only those") },
	{ "pre-commit", N_("check a commit (run by the installed hook)") },
	{ "pre-receive", N_("check a push (run by the installed hook on the server)") },
	{ "post-receive", N_("note when the server received a push's commits (run by the installed hook)") },
};

int cmd_hook(int argc, char **argv)
{
	int rc;
	size_t i;
	if (argc == 2 && !strcmp(argv[1], "--dump-options")) {
		/* for the completion script and the man page, see options.c */
		for (i = 0; i < FR_ARRAY_LEN(subcommands); i++)
			printf("command\t%s\t%s\n", subcommands[i].name, subcommands[i].summary);
		return 0;
	}
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		FILE *f = argc < 2 ? stderr : stdout;
		fprintf(f, "%s", _("usage: flowrec hook install [--force] [pre-commit|pre-receive|post-receive...]\n"
				   "   or: flowrec hook uninstall [pre-commit|pre-receive|post-receive...]\n"
				   "   or: flowrec hook pre-commit          (run by the installed hook)\n"
				   "   or: flowrec hook pre-receive < OLD NEW REF lines\n"
				   "   or: flowrec hook post-receive < OLD NEW REF lines\n"));
		fputc('\n', f);
		for (i = 0; i < FR_ARRAY_LEN(subcommands); i++)
			fprintf(f, "    %-13s %s\n", subcommands[i].name, _(subcommands[i].summary));
		return argc < 2 ? FR_EXIT_FAIL : 0;
	}
	/* pre-commit starts libgit2 itself, beside its first read (see init_beside_index) */
	if (strcmp(argv[1], "pre-commit"))
		git_libgit2_init();
	if (!strcmp(argv[1], "install"))
		rc = hook_install(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "uninstall"))
		rc = hook_uninstall(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "pre-commit"))
		rc = hook_pre_commit(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "pre-receive"))
		rc = hook_pre_receive(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "post-receive"))
		rc = hook_post_receive(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "debug-staged"))
		rc = hook_debug_staged(argc - 1, argv + 1);
	else
		rc = fr_usage_error("hook", _("'%s' is not a hook command: install, uninstall, pre-commit, pre-receive or post-receive"),
				    argv[1]);
	git_libgit2_shutdown();
	return rc;
}
