/* source.c - the files of a snapshot, read from the working tree */
#include "source.h"
#include "i18n.h"
#include "limits.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>

fr_file *fr_files_add(fr_files *fs, const char *path, const char *data, size_t len)
{
	fr_file *f;
	FR_GROW(fs->v, fs->cap, fs->n + 1);
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->path = fr_xstrdup(path);
	f->data = fr_xstrndup(data, len);
	f->len = len;
	f->selected = 1;
	return f;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const fr_file *)a)->path, ((const fr_file *)b)->path);
}

void fr_files_sort(fr_files *fs)
{
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_file);
}

void fr_files_free(fr_files *fs)
{
	size_t i;
	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].path);
		free(fs->v[i].data);
	}
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

fr_file *fr_files_find(const fr_files *fs, const char *path)
{
	size_t i;
	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].path, path))
			return &fs->v[i];
	return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static int walk(fr_files *fs, const char *root, const char *rel, int depth, fr_diags *d)
{
	char *dirpath = fr_xmalloc(strlen(root) + strlen(rel) + 2);
	DIR *dir;
	struct dirent *de;
	int rc = 0;

	sprintf(dirpath, "%s/%s", root, rel);
	dir = opendir(dirpath);
	if (!dir) {
		if (errno != ENOENT || depth > 0) {
			fr_diags_add(d, rel, 0, 0, FR_SEV_ERROR, "", _("cannot read folder: %s"),
				     strerror(errno));
			rc = -1;
		}
		free(dirpath);
		return rc;
	}
	while ((de = readdir(dir))) {
		char *child, *full;
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		child = fr_xmalloc(strlen(rel) + strlen(de->d_name) + 2);
		sprintf(child, "%s/%s", rel, de->d_name);
		full = fr_xmalloc(strlen(root) + strlen(child) + 2);
		sprintf(full, "%s/%s", root, child);
		if (lstat(full, &st) == 0) {
			if (S_ISDIR(st.st_mode) && depth < 32) {
				if (walk(fs, root, child, depth + 1, d))
					rc = -1;
			} else if (S_ISREG(st.st_mode) && ends_with(de->d_name, ".md")) {
				char *data;
				size_t len;
				if (fr_read_file(full, FR_MAX_RECORD_BYTES, &data, &len)) {
					fr_diags_add(d, child, 0, 0, FR_SEV_ERROR, "",
						     _("cannot read file: %s"), strerror(errno));
					rc = -1;
				} else {
					fr_file *f = fr_files_add(fs, child, "", 0);
					free(f->data);
					f->data = data;
					f->len = len;
				}
			}
		}
		free(child);
		free(full);
	}
	closedir(dir);
	free(dirpath);
	return rc;
}

int fr_files_from_dir(fr_files *fs, const char *root, fr_diags *d)
{
	int rc = walk(fs, root, "records", 0, d);
	fr_files_sort(fs);
	return rc;
}
