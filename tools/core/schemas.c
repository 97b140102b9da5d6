/* schemas.c - compile the embedded schemas once, and a team's overrides */
#include "schemas.h"
#include "embedded.h"
#include "i18n.h"
#include "json.h"
#include "limits.h"
#include "util.h"
#include "yaml.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *name;
	fr_arena *arena;   /* holds the schema's tree */
	fr_schema *schema;
};

struct fr_schemas {
	struct entry *v;
	size_t n, cap;
};

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

int fr_schemas_load(fr_schemas **out, const char *override_dir, fr_diags *d)
{
	fr_schemas *s = fr_xcalloc(1, sizeof(*s));
	const struct fr_embedded *e;
	int rc = 0;

	*out = NULL;
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
	if (override_dir) {
		DIR *dir = opendir(override_dir);
		struct dirent *de;
		char **files = NULL;
		size_t nfiles = 0, cap = 0, i;
		while (dir && (de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			FR_GROW(files, cap, nfiles + 1);
			files[nfiles++] = fr_xstrdup(de->d_name);
		}
		if (dir)
			closedir(dir);
		/* sorted, so a run does not depend on the order of the directory */
		for (i = 1; i < nfiles; i++) {
			char *t = files[i];
			size_t j = i;
			for (; j > 0 && strcmp(files[j - 1], t) > 0; j--)
				files[j] = files[j - 1];
			files[j] = t;
		}
		for (i = 0; i < nfiles; i++) {
			int is_json;
			char *name = strip_ext(files[i], &is_json);
			char *path, *text;
			size_t len;
			if (name) {
				path = fr_xmalloc(strlen(override_dir) + strlen(files[i]) + 2);
				sprintf(path, "%s/%s", override_dir, files[i]);
				if (fr_read_file(path, FR_MAX_RECORD_BYTES, &text, &len)) {
					fr_diags_add(d, path, 0, 0, FR_SEV_ERROR, "X-SCHEMA",
						     _("cannot read schema: %s"), strerror(errno));
					rc = -1;
				} else {
					if (add(s, name, path, text, len, is_json, d))
						rc = -1;
					free(text);
				}
				free(path);
			}
			free(name);
			free(files[i]);
		}
		free(files);
	}
	if (rc) {
		fr_schemas_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void fr_schemas_free(fr_schemas *s)
{
	size_t i;
	if (!s)
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
