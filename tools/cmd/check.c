/* check.c - `flowrec check [PATH...]`: validate records, print compiler-style diagnostics */
#include "cmd.h"
#include "diagout.h"
#include "engine.h"
#include "i18n.h"
#include "limits.h"
#include "source.h"
#include "team.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *source_of(void *ud, const char *path, size_t *len)
{
	fr_file *f = fr_files_find(ud, path);
	if (!f)
		return NULL;
	*len = f->len;
	return f->data;
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

	if (stat(arg, &st)) {
		fr_die_msg(_("cannot read '%s': %s"), arg, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return add_dir(fs, root, arg, d, 0);
	rel = relative_to(root, arg);
	f = rel ? fr_files_find(fs, rel) : NULL;
	free(rel);
	if (f) {
		free(f->path);
		f->path = fr_xstrdup(arg);
		f->selected = 1;
		return 0;
	}
	if (fr_read_file(arg, FR_MAX_RECORD_BYTES, &data, &len)) {
		fr_die_msg(_("cannot read '%s': %s"), arg, strerror(errno));
		return -1;
	}
	f = fr_files_add(fs, arg, "", 0);
	free(f->data);
	f->data = data;
	f->len = len;
	return 0;
}

int cmd_check(int argc, char **argv)
{
	const char *format = "text", *today = NULL;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("format", "text|json", N_("diagnostics as compiler-style text or a JSON array"), &format),
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("the date to judge deadlines by"), &today),
		FR_OPT_END_
	};
	fr_team team;
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	size_t errors, i;
	int rc, json;

	rc = fr_parse_options("check", "[--format text|json] [PATH...]", opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	json = !strcmp(format, "json");
	if (!json && strcmp(format, "text"))
		return fr_usage_error("check", _("--format is text or json, not '%s'"), format);
	if ((rc = fr_team_open(&team, "check", today)))
		return rc;

	rc = FR_EXIT_FAIL;
	if (fr_files_from_dir(&files, team.root, &d))
		goto print;
	if (argc > 0) {
		for (i = 0; i < files.n; i++)
			files.v[i].selected = 0;
		for (i = 0; i < (size_t)argc; i++)
			if (add_named(&files, team.root, argv[i], &d))
				goto done;
		fr_files_sort(&files);
	}
	errors = fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	rc = errors ? FR_EXIT_FOUND : FR_EXIT_OK;
print:
	fr_diags_finish(&d);
	if (json) {
		if (fr_diags_print(stdout, &d, FR_FMT_JSON, 0, NULL, NULL))
			rc = FR_EXIT_FAIL;
	} else {
		fr_diags_print(stderr, &d, FR_FMT_TEXT, isatty(2), source_of, &files);
	}
done:
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_team_close(&team);
	return rc;
}
