/* source.c - the files of a snapshot, read from the working tree */
#include "source.h"
#include "cache.h"
#include "i18n.h"
#include "limits.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

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
	size_t i;
	/* snapshots of git come sorted already: a check is cheaper than qsort's n log n */
	for (i = 1; i < fs->n; i++)
		if (strcmp(fs->v[i - 1].path, fs->v[i].path) > 0)
			break;
	if (i < fs->n)
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
	size_t i, lo = 0, hi = fs->n;
	/* the lists are sorted by path nearly always (fr_files_sort): a binary search finds it;
	 * only a miss (not there, or a list being built) pays the scan */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(fs->v[mid].path, path);
		if (!c)
			return &fs->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].path, path))
			return &fs->v[i];
	return NULL;
}

void fr_diag_file(fr_diags *d, const char *path, int e, size_t size)
{
	if (e == EFBIG)
		fr_diags_add(d, path, 1, 1, FR_SEV_ERROR, "X-FILE",
			     _("file too large (%llu bytes, at most %u); split it into smaller records"),
			     (unsigned long long)size, FR_MAX_RECORD_BYTES);
	else if (e == ELOOP)
		fr_diags_add(d, path, 1, 1, FR_SEV_ERROR, "X-FILE", "%s",
			     _("a symbolic link where flowrec reads team files; it is not followed: commit the file or folder itself"));
	else
		fr_diags_add(d, path, 1, 1, FR_SEV_ERROR, "X-FILE", "%s", fr_read_strerror(e));
}

static fr_stat stat_of(const struct stat *st)
{
	fr_stat s;
	s.size = (int64_t)st->st_size;
	s.mtime_s = (int64_t)st->st_mtim.tv_sec;
	s.mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	s.ctime_s = (int64_t)st->st_ctim.tv_sec;
	s.ctime_ns = (int64_t)st->st_ctim.tv_nsec;
	s.ino = (int64_t)st->st_ino;
	return s;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* The folder rel (an fd, not followed if a link) and everything under it. Links, FIFOs,
 * devices and files over the limit are X-FILE diagnostics; only a failure to read is -1. */
static int walk(fr_files *fs, int dfd, const char *rel, int depth, fr_diags *d,
		const fr_cache *cache, int lazy)
{
	DIR *dir = fdopendir(dfd);
	struct dirent *de;
	int rc = 0;

	if (!dir) {
		fr_diags_add(d, rel, 0, 0, FR_SEV_ERROR, "", _("cannot read folder: %s"),
			     strerror(errno));
		close(dfd);
		return -1;
	}
	while ((de = readdir(dir))) {
		char *child;
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		child = fr_xmalloc(strlen(rel) + strlen(de->d_name) + 2);
		sprintf(child, "%s/%s", rel, de->d_name);
		if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			if (S_ISLNK(st.st_mode)) {
				fr_diag_file(d, child, ELOOP, 0);
			} else if (S_ISDIR(st.st_mode) && depth < 32) {
				int cfd = openat(dirfd(dir), de->d_name,
						 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				if (cfd < 0) {
					fr_diags_add(d, child, 0, 0, FR_SEV_ERROR, "",
						     _("cannot read folder: %s"), strerror(errno));
					rc = -1;
				} else if (walk(fs, cfd, child, depth + 1, d, cache, lazy)) {
					rc = -1;
				}
			} else if (ends_with(de->d_name, ".md")) {
				char *data;
				size_t len;
				fr_stat fst = stat_of(&st);
				char oid[41];
				if (cache && S_ISREG(st.st_mode) && st.st_size <= FR_MAX_RECORD_BYTES &&
				    fr_cache_oid_by_stat(cache, child, &fst, oid)) {
					/* unchanged since the cache knew it: not read */
					fr_file *f = fr_files_add(fs, child, "", 0);
					free(f->data);
					f->data = NULL;
					f->len = (size_t)st.st_size;
					memcpy(f->oid, oid, 41);
					f->st = fst;
				} else if (lazy && S_ISREG(st.st_mode) && st.st_size <= FR_MAX_RECORD_BYTES) {
					/* read by the engine, on every core, just before it is parsed */
					fr_file *f = fr_files_add(fs, child, "", 0);
					free(f->data);
					f->data = NULL;
					f->len = (size_t)st.st_size;
					f->st = fst;
				} else if (lazy && S_ISREG(st.st_mode)) {
					fr_diag_file(d, child, EFBIG, (size_t)st.st_size);
				} else if (lazy) {
					fr_diag_file(d, child, ESPIPE, 0);
				} else if (!fr_read_file_at(dirfd(dir), de->d_name, FR_MAX_RECORD_BYTES,
						     FR_READ_NOFOLLOW, &data, &len)) {
					fr_file *f = fr_files_add(fs, child, "", 0);
					free(f->data);
					f->data = data;
					f->len = len;
					f->st = fst;
				} else if (errno == ELOOP || errno == ESPIPE || errno == EFBIG) {
					fr_diag_file(d, child, errno, len);
				} else {
					fr_diags_add(d, child, 0, 0, FR_SEV_ERROR, "",
						     _("cannot read file: %s"), strerror(errno));
					rc = -1;
				}
			}
		}
		free(child);
	}
	closedir(dir);
	return rc;
}


static int from_dir(fr_files *fs, const char *root, fr_diags *d, const fr_cache *cache, int lazy)
{
	char *dirpath = fr_xmalloc(strlen(root) + sizeof("/records"));
	struct stat st;
	int rc = 0, dfd;

	sprintf(dirpath, "%s/records", root);
	if (lstat(dirpath, &st)) {
		if (errno != ENOENT) {
			fr_diags_add(d, "records", 0, 0, FR_SEV_ERROR, "", _("cannot read folder: %s"),
				     strerror(errno));
			rc = -1;
		}
	} else if (S_ISLNK(st.st_mode)) {
		fr_diag_file(d, "records", ELOOP, 0);
	} else if (!S_ISDIR(st.st_mode)) {
		fr_diag_file(d, "records", ESPIPE, 0);
	} else if ((dfd = open(dirpath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		fr_diags_add(d, "records", 0, 0, FR_SEV_ERROR, "", _("cannot read folder: %s"),
			     strerror(errno));
		rc = -1;
	} else {
		rc = walk(fs, dfd, "records", 0, d, cache, lazy);
	}
	free(dirpath);
	fr_files_sort(fs);
	return rc;
}

int fr_files_from_dir(fr_files *fs, const char *root, fr_diags *d)
{
	return from_dir(fs, root, d, NULL, 0);
}

int fr_files_from_dir_cached(fr_files *fs, const char *root, fr_diags *d, const fr_cache *cache)
{
	return from_dir(fs, root, d, cache, 1);
}
