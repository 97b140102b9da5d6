/* hook.c - `flowrec hook install [--force] [HOOK...]`, and the hooks' bodies: `flowrec hook
 * pre-commit` and `flowrec hook pre-receive`
 *
 * The installed hooks are the tiny scripts of hooks/ (kept here byte for byte, the path of
 * this flowrec put in place of @FLOWREC@); they call back into this file. Hooks only read: the
 * index, the working tree and the refs are never changed.
 */
#include "buf.h"
#include "cmd.h"
#include "diagout.h"
#include "engine.h"
#include "history.h"
#include "i18n.h"
#include "repo.h"
#include "team.h"
#include "util.h"

#include <git2.h>

#include <errno.h>
#include <fcntl.h>
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
	"# Installed by 'flowrec hook install', which knows its own hooks by the next line.\n"
	"# flowrec-hook: 1\n"
	"installed='@FLOWREC@'\n"
	"flowrec=$installed\n"
	"if [ ! -x \"$flowrec\" ]; then\n"
	"\tflowrec=$(command -v flowrec) || {\n"
	"\t\techo \"flowrec hook: flowrec is neither at '$installed' nor in PATH\" >&2\n"
	"\t\texit 1\n"
	"\t}\n"
	"fi\n"
	"exec \"$flowrec\" hook pre-commit \"$@\"\n";

static const char pre_receive_hook[] =
	"#!/bin/sh\n"
	"# flowrec pre-receive hook: rejects a push whose new tips hold records with errors, or whose\n"
	"# new commits forge an approval (G-APPROVAL) or change another's record (G-OWNER, when the\n"
	"# team makes it an error); reads the \"old new ref\" lines git gives on stdin.\n"
	"# Installed by 'flowrec hook install', which knows its own hooks by the next line.\n"
	"# flowrec-hook: 1\n"
	"installed='@FLOWREC@'\n"
	"flowrec=$installed\n"
	"if [ ! -x \"$flowrec\" ]; then\n"
	"\tflowrec=$(command -v flowrec) || {\n"
	"\t\techo \"flowrec hook: flowrec is neither at '$installed' nor in PATH\" >&2\n"
	"\t\texit 1\n"
	"\t}\n"
	"fi\n"
	"exec \"$flowrec\" hook pre-receive \"$@\"\n";

static const struct hook {
	const char *name;
	const char *text;
} hooks[] = {
	{ "pre-commit", pre_commit_hook },
	{ "pre-receive", pre_receive_hook },
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

/* The hook's text with the path quoted for sh in place of @FLOWREC@. */
static char *hook_text(const struct hook *h, const char *self)
{
	const char *at = strstr(h->text, "@FLOWREC@"), *p;
	fr_buf b = FR_BUF_INIT;
	fr_buf_add(&b, h->text, (size_t)(at - h->text));
	for (p = self ? self : "flowrec"; *p; p++) {
		if (*p == '\'')
			fr_buf_adds(&b, "'\\''");
		else
			fr_buf_addc(&b, *p);
	}
	fr_buf_adds(&b, at + strlen("@FLOWREC@"));
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

static int hook_install(int argc, char **argv)
{
	int force = 0, rc, i;
	const struct fr_opt opts[] = {
		FR_OPT_FLAG_("force", N_("replace a hook flowrec did not write (it is kept as HOOK.flowrec-backup)"), &force),
		FR_OPT_END_
	};
	fr_repo *repo = NULL;
	fr_error err;
	char *dir = NULL, *self = NULL;

	rc = fr_parse_options("hook install", "[--force] [pre-commit|pre-receive...]", opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	for (i = 0; i < argc; i++)
		if (!find_hook(argv[i]))
			return fr_usage_error("hook install", _("no hook '%s': pre-commit or pre-receive"), argv[i]);
	if (fr_repo_open(&repo, NULL, &err)) {
		fr_die_msg("%s", err.msg);
		return FR_EXIT_FAIL;
	}
	rc = FR_EXIT_FAIL;
	if (fr_repo_hooks_dir(repo, &dir, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	if (mkdirs(dir)) {
		fr_die_msg(_("cannot create '%s': %s"), dir, strerror(errno));
		goto done;
	}
	self = self_path();
	rc = 0;
	if (!argc) {
		/* a bare repository is a server: pushes arrive there, nobody commits */
		rc = install_one(dir, find_hook(fr_repo_is_bare(repo) ? "pre-receive" : "pre-commit"), self,
				 force);
	}
	for (i = 0; i < argc && !rc; i++)
		rc = install_one(dir, find_hook(argv[i]), self, force);
done:
	free(self);
	free(dir);
	fr_repo_free(repo);
	return rc;
}

static const char *source_of(void *ud, const char *path, size_t *len)
{
	fr_file *f = fr_files_find(ud, path);
	if (!f)
		return NULL;
	*len = f->len;
	return f->data;
}

static int is_record(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n > 11 && !strncmp(path, "records/", 8) && !strcmp(path + n - 3, ".md");
}

/* pre-commit: the staged snapshot is checked as a whole (cross-record rules see every staged
 * record) and the diagnostics of the records the change adds or modifies are reported. A
 * change that touches no record, no flowrec.yaml and no schema is let through unread. */
static int hook_pre_commit(int argc, char **argv)
{
	fr_repo *repo = NULL;
	fr_changes *ch = NULL;
	fr_team team = { NULL, NULL, NULL, 0 };
	fr_files files = FR_FILES_INIT, team_files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	fr_error err;
	const fr_change *v;
	char *name = NULL, *email = NULL;
	size_t n, i, errors;
	long g;
	int rc;

	rc = fr_parse_options("hook pre-commit", "", (const struct fr_opt[]){ FR_OPT_END_ }, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (fr_repo_open(&repo, NULL, &err)) {
		fr_die_msg("%s", err.msg);
		return FR_EXIT_FAIL;
	}
	rc = FR_EXIT_FAIL;
	fr_repo_author(repo, &name, &email);
	if (fr_repo_staged(&ch, repo, name, email, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	v = fr_changes_list(ch, &n);
	rc = FR_EXIT_OK;
	if (!n)
		goto done;
	if (fr_repo_snapshot(repo, NULL, &files, &team_files, &d, &err)) {
		fr_die_msg("%s", err.msg);
		rc = FR_EXIT_FAIL;
		goto done;
	}
	if (!fr_files_find(&team_files, "flowrec.yaml") && !files.n)
		goto done;        /* the team's files are all gone: nothing left to check */
	if ((rc = fr_team_open_files(&team, "hook pre-commit", NULL, NULL, &team_files, _("the index"))))
		goto done;
	for (i = 0; i < files.n; i++)
		files.v[i].selected = 0;
	for (i = 0; i < n; i++) {
		fr_file *f = is_record(v[i].path) ? fr_files_find(&files, v[i].path) : NULL;
		if (f)
			f->selected = 1;
	}
	errors = fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	g = fr_history_authors(repo, ch, team.cfg, &d, &err);
	if (g < 0) {
		fr_die_msg("%s", err.msg);
		rc = FR_EXIT_FAIL;
		goto done;
	}
	fr_diags_finish(&d);
	fr_diags_print(stderr, &d, FR_FMT_TEXT, isatty(2), source_of, &files);
	errors = fr_diags_count(&d, FR_SEV_ERROR);
	if (errors) {
		fr_die_msg(_("commit rejected: %zu error(s) in the staged records; fix them and stage them again"),
			   errors);
		rc = FR_EXIT_FOUND;
	}
done:
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_files_free(&team_files);
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

/* Check one pushed ref: the records of its new tip, then the authors of its new commits.
 * Returns the number of errors (printed), or -1 after printing a failure. */
static long check_ref(fr_repo *repo, const char *old, const char *tip, const char *ref)
{
	fr_files records = FR_FILES_INIT, team_files = FR_FILES_INIT, base = FR_FILES_INIT;
	fr_files unused = FR_FILES_INIT;
	fr_team team = { NULL, NULL, NULL, 0 };
	fr_diags d = FR_DIAGS_INIT;
	fr_changes *ch = NULL;
	fr_set *set = NULL;
	fr_error err;
	char where[64], base_commit[41] = "";
	long rc = -1, g;
	size_t i;

	snprintf(where, sizeof(where), _("commit %.7s"), tip);
	if (fr_repo_snapshot(repo, tip, &records, &team_files, &d, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	if (!fr_files_find(&team_files, "flowrec.yaml") && !records.n) {
		rc = 0;    /* not a team's tree (a site branch, say): nothing of ours to check */
		goto done;
	}
	if (fr_team_open_files(&team, "hook pre-receive", NULL, NULL, &team_files, where))
		goto done;
	/* report the records the push changes: against the ref's old tip, or for a new ref
	 * against the server's HEAD */
	if (is_zero(old) || fr_repo_resolve(repo, old, base_commit, &err))
		if (fr_repo_resolve(repo, "HEAD", base_commit, &err))
			base_commit[0] = '\0';
	if (base_commit[0]) {
		if (fr_repo_snapshot(repo, base_commit, &base, &unused, &d, &err)) {
			fr_die_msg("%s", err.msg);
			goto done;
		}
		for (i = 0; i < records.n; i++) {
			const fr_file *b = fr_files_find(&base, records.v[i].path);
			records.v[i].selected = !b || strcmp(b->oid, records.v[i].oid);
		}
	}
	fr_set_check(&set, &records, team.cfg, team.schemas, team.today, &d);
	if (fr_repo_changes(&ch, repo, tip, NULL, 0, 1, &err) ||
	    (g = fr_history_authors(repo, ch, team.cfg, &d, &err)) < 0) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	fr_diags_finish(&d);
	if (d.n) {
		fprintf(stderr, _("flowrec: %s (%.7s):\n"), ref, tip);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, 0, NULL, NULL);
	}
	rc = (long)fr_diags_count(&d, FR_SEV_ERROR);
	if (rc)
		fr_die_msg(_("push to '%s' rejected: %ld error(s)"), ref, rc);
done:
	fr_set_free(set);
	fr_changes_free(ch);
	fr_diags_free(&d);
	fr_team_close(&team);
	fr_files_free(&records);
	fr_files_free(&team_files);
	fr_files_free(&base);
	fr_files_free(&unused);
	return rc;
}

/* pre-receive: stdin holds one "OLD NEW REF" line per pushed ref. */
static int hook_pre_receive(int argc, char **argv)
{
	fr_repo *repo = NULL;
	fr_error err;
	char *line = NULL;
	size_t cap = 0;
	int rc;

	rc = fr_parse_options("hook pre-receive", "< OLD NEW REF lines", (const struct fr_opt[]){ FR_OPT_END_ },
			      &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (fr_repo_open(&repo, NULL, &err)) {
		fr_die_msg("%s", err.msg);
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
		if (is_zero(tip))
			continue;         /* a deleted ref holds nothing to check */
		if (fr_repo_resolve(repo, tip, commit, &err))
			continue;         /* a tag of a tree or a blob: no records */
		e = check_ref(repo, old, commit, ref);
		if (e < 0)
			rc = FR_EXIT_FAIL;
		else if (e > 0 && rc == FR_EXIT_OK)
			rc = FR_EXIT_FOUND;
	}
	free(line);
	fr_repo_free(repo);
	return rc;
}

int cmd_hook(int argc, char **argv)
{
	int rc;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		FILE *f = argc < 2 ? stderr : stdout;
		fprintf(f, "%s", _("usage: flowrec hook install [--force] [pre-commit|pre-receive...]\n"
				   "   or: flowrec hook pre-commit          (run by the installed hook)\n"
				   "   or: flowrec hook pre-receive < OLD NEW REF lines\n"));
		return argc < 2 ? FR_EXIT_FAIL : 0;
	}
	git_libgit2_init();
	if (!strcmp(argv[1], "install"))
		rc = hook_install(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "pre-commit"))
		rc = hook_pre_commit(argc - 1, argv + 1);
	else if (!strcmp(argv[1], "pre-receive"))
		rc = hook_pre_receive(argc - 1, argv + 1);
	else
		rc = fr_usage_error("hook", _("'%s' is not a hook command: install, pre-commit or pre-receive"),
				    argv[1]);
	git_libgit2_shutdown();
	return rc;
}
