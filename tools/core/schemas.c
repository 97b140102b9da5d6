/* schemas.c - compile the embedded schemas once, and a team's overrides */
#include "schemas.h"
#include "embedded.h"
#include "i18n.h"
#include "json.h"
#include "limits.h"
#include "source.h"
#include "util.h"
#include "yaml.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct entry {
	char *name;
	fr_arena *arena;   /* holds the schema's tree */
	fr_schema *schema;
};

struct fr_schemas {
	struct entry *v;
	size_t n, cap;
	int refs;            /* the built-in set is compiled once a process and shared */
};

/* The built-in schemas alone (no team overrides), compiled at their first load: the hooks
 * load them for each snapshot they check. Compiled schemas are read-only (the validator runs
 * on every core over one set), so sharing them is safe. */
static fr_schemas *builtin;

static int has_overrides(const fr_files *overrides)
{
	size_t i;
	for (i = 0; overrides && i < overrides->n; i++)
		if (!strncmp(overrides->v[i].path, "schemas/", 8) && !strchr(overrides->v[i].path + 8, '/'))
			return 1;
	return 0;
}

static struct entry *find(const fr_schemas *s, const char *name)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	return NULL;
}

/* Compile text as schema `name` (replacing any earlier one); diagnostics name `path`. */
static int add(fr_schemas *s, const char *name, const char *path, const char *text, size_t len,
	       int is_json, fr_diags *d)
{
	fr_arena *a = fr_arena_new();
	fr_error err;
	fr_node *root;
	fr_schema *sc = NULL;
	struct entry *e;

	root = is_json ? fr_json_parse(a, text, len, &err) : fr_yaml_parse(a, text, len, 0, &err);
	if (!root) {
		fr_diags_add(d, path, err.line, err.col, FR_SEV_ERROR, err.rule, "%s", err.msg);
		fr_arena_free(a);
		return -1;
	}
	if (fr_schema_compile(&sc, root, &err)) {
		fr_diags_add(d, path, err.line, err.col, FR_SEV_ERROR, "X-SCHEMA",
			     _("schema cannot be used: %s"), err.msg);
		fr_arena_free(a);
		return -1;
	}
	e = find(s, name);
	if (e) {
		fr_schema_free(e->schema);
		fr_arena_free(e->arena);
	} else {
		FR_GROW(s->v, s->cap, s->n + 1);
		e = &s->v[s->n++];
		e->name = fr_xstrdup(name);
	}
	e->arena = a;
	e->schema = sc;
	return 0;
}

static char *strip_ext(const char *file, int *is_json)
{
	const char *dot = strrchr(file, '.');
	*is_json = 0;
	if (!dot)
		return NULL;
	if (!strcmp(dot, ".json"))
		*is_json = 1;
	else if (strcmp(dot, ".yaml") && strcmp(dot, ".yml"))
		return NULL;
	return fr_xstrndup(file, (size_t)(dot - file));
}

int fr_schemas_load(fr_schemas **out, const fr_files *overrides, fr_diags *d)
{
	fr_schemas *s;
	const struct fr_embedded *e;
	size_t i;
	int rc = 0, own = has_overrides(overrides);

	*out = NULL;
	if (!own && builtin) {
		builtin->refs++;
		*out = builtin;
		return 0;
	}
	s = fr_xcalloc(1, sizeof(*s));
	s->refs = 1;
	for (e = fr_embedded_files; e->name; e++) {
		int is_json;
		char *name = strip_ext(e->name, &is_json);
		char path[256];
		if (!name)
			continue;
		snprintf(path, sizeof(path), "<built-in>/schemas/%s", e->name);
		if (add(s, name, path, e->data, e->len, is_json, d))
			rc = -1;
		free(name);
	}
	for (i = 0; overrides && i < overrides->n; i++) {
		const fr_file *f = &overrides->v[i];
		const char *base;
		char *name;
		int is_json;
		if (strncmp(f->path, "schemas/", 8) || strchr(f->path + 8, '/'))
			continue;
		base = f->path + 8;
		if (!(name = strip_ext(base, &is_json)))
			continue;
		if (add(s, name, f->path, f->data, f->len, is_json, d))
			rc = -1;
		free(name);
	}
	if (rc) {
		fr_schemas_free(s);
		return -1;
	}
	if (!own) {
		builtin = s;
		s->refs++;   /* (builtin's own reference: it lives as long as the process) */
	}
	*out = s;
	return 0;
}

int fr_files_from_schema_dir(fr_files *fs, const char *root, fr_diags *d)
{
	char *dirpath = fr_xmalloc(strlen(root) + sizeof("/schemas"));
	DIR *dir = NULL;
	struct dirent *de;
	struct stat st;
	int rc = 0, dfd;

	sprintf(dirpath, "%s/schemas", root);
	if (lstat(dirpath, &st)) {
		free(dirpath);
		return 0;
	}
	if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
		fr_diag_file(d, "schemas", S_ISLNK(st.st_mode) ? ELOOP : ESPIPE, 0);
		free(dirpath);
		return -1;
	}
	dfd = open(dirpath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd >= 0 && !(dir = fdopendir(dfd)))
		close(dfd);
	while (dir && (de = readdir(dir))) {
		int is_json;
		char *name, *rel, *text;
		size_t len;
		if (de->d_name[0] == '.' || !(name = strip_ext(de->d_name, &is_json)))
			continue;
		free(name);
		rel = fr_xmalloc(strlen(de->d_name) + sizeof("schemas/"));
		sprintf(rel, "schemas/%s", de->d_name);
		if (fr_read_file_at(dirfd(dir), de->d_name, FR_MAX_RECORD_BYTES, FR_READ_NOFOLLOW,
				    &text, &len)) {
			if (errno == ELOOP || errno == ESPIPE || errno == EFBIG)
				fr_diag_file(d, rel, errno, len);
			else
				fr_diags_add(d, rel, 0, 0, FR_SEV_ERROR, "X-SCHEMA",
					     _("cannot read schema: %s"), strerror(errno));
			rc = -1;
		} else {
			fr_file *f = fr_files_add(fs, rel, "", 0);
			free(f->data);
			f->data = text;
			f->len = len;
		}
		free(rel);
	}
	if (dir)
		closedir(dir);
	free(dirpath);
	fr_files_sort(fs);
	return rc;
}

void fr_schemas_free(fr_schemas *s)
{
	size_t i;
	if (!s || --s->refs > 0)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->v[i].name);
		fr_schema_free(s->v[i].schema);
		fr_arena_free(s->v[i].arena);
	}
	free(s->v);
	free(s);
}

const fr_schema *fr_schemas_get(const fr_schemas *s, const char *name)
{
	struct entry *e = s && name ? find(s, name) : NULL;
	return e ? e->schema : NULL;
}
