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

/* The walk: one buffer of names per depth (reused by the folders of that depth), the path
 * built in place, no stat for a folder or a file the folder's own entry types tell enough
 * about, and each folder's names sorted so that the list comes out in path order. */
struct names {
	char *buf;             /* the folder's getdents64 records */
	size_t cap;
	struct name {
		const char *s;
		size_t len;
		unsigned char type;  /* d_type */
	} *v;
	size_t n, vcap;
};

struct walker {
	fr_files *fs;
	fr_diags *d;
	const struct fr_cache *cache;
	int lazy;
	size_t hint;           /* fr_cache_oid_by_stat's */
	char *path;            /* the folder's path, then "/" and the name of the entry at hand */
	size_t pcap;
	struct names lv[33];
};

/* The order of full paths (strcmp's) among the names of one folder: a folder's name sorts as
 * if followed by its '/'. */
static int cmp_name(const void *x, const void *y)
{
	const struct name *a = x, *b = y;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n), ca, cb;
	if (c)
		return c;
	ca = a->len > n ? (unsigned char)a->s[n] : a->type == DT_DIR ? '/' : 0;
	cb = b->len > n ? (unsigned char)b->s[n] : b->type == DT_DIR ? '/' : 0;
	return ca - cb;
}

/* The names of folder dfd but the hidden ones into l, sorted; 0, or -1 with errno. */
static int read_names(int dfd, struct names *l)
{
	size_t used = 0, off;
	l->n = 0;
	for (;;) {
		ssize_t got;
		if (l->cap - used < 32768) {
			l->cap = l->cap ? 2 * l->cap : 65536;
			l->buf = fr_xrealloc(l->buf, l->cap);
		}
		got = getdents64(dfd, l->buf + used, l->cap - used);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		used += (size_t)got;
	}
	for (off = 0; off < used;) {
		const struct dirent64 *de = (const struct dirent64 *)(l->buf + off);
		off += de->d_reclen;
		if (de->d_name[0] == '.')
			continue;
		FR_GROW(l->v, l->vcap, l->n + 1);
		l->v[l->n].s = de->d_name;
		l->v[l->n].len = strlen(de->d_name);
		l->v[l->n++].type = de->d_type;
	}
	if (l->n > 32) {
		qsort(l->v, l->n, sizeof(*l->v), cmp_name);
	} else { /* a record's folder holds a few: an insertion sort costs less than qsort's calls */
		size_t i, j;
		for (i = 1; i < l->n; i++) {
			struct name t = l->v[i];
			for (j = i; j > 0 && cmp_name(&l->v[j - 1], &t) > 0; j--)
				l->v[j] = l->v[j - 1];
			l->v[j] = t;
		}
	}
	return 0;
}

static fr_file *add_file(fr_files *fs, const char *path, size_t len)
{
	fr_file *f;
	FR_GROW(fs->v, fs->cap, fs->n + 1);
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->path = fr_xstrndup(path, len);
	f->selected = 1;
	return f;
}

static int walk(struct walker *w, int dfd, size_t plen, int depth);

/* Entry nm of folder dfd (its path w->path[0..plen), at depth): a record, a folder walked, or
 * a diagnostic; -1 when something could not be read. */
static int one(struct walker *w, int dfd, size_t plen, int depth, const struct name *nm)
{
	const char *name = nm->s;
	size_t nl = nm->len, len = plen + 1 + nl;
	int md = nl >= 3 && !memcmp(name + nl - 3, ".md", 3), have_st = 0;
	unsigned type = nm->type;
	mode_t mode;
	struct stat st;

	if (len + 1 > w->pcap) {
		w->pcap = 2 * (len + 1);
		w->path = fr_xrealloc(w->path, w->pcap);
	}
	w->path[plen] = '/';
	memcpy(w->path + plen + 1, name, nl + 1);
	/* the folder's entry says what it is: a stat only for a record (its stat data) or
	 * when the type is not known */
	if (type == DT_DIR && depth < 32)
		mode = S_IFDIR;
	else if (type == DT_LNK)
		mode = S_IFLNK;
	else if (type == DT_REG && !md)
		return 0;
	else if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return 0;
	else
		mode = st.st_mode, have_st = 1;

	if (S_ISLNK(mode)) {
		fr_diag_file(w->d, w->path, ELOOP, 0);
	} else if (S_ISDIR(mode) && depth < 32) {
		int cfd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (cfd < 0 && !have_st && errno == ENOENT)
			return 0; /* gone since the folder was read: as if never seen */
		if (cfd < 0) {
			fr_diags_add(w->d, w->path, 0, 0, FR_SEV_ERROR, "",
				     _("cannot read folder: %s"), strerror(errno));
			return -1;
		} else if (walk(w, cfd, len, depth + 1)) {
			return -1;
		}
	} else if (md) {
		char *data;
		size_t dlen;
		fr_stat fst = stat_of(&st);
		char oid[41];
		long entry;
		int small = st.st_size <= FR_MAX_RECORD_BYTES;
		if (w->cache && S_ISREG(mode) && small &&
		    fr_cache_oid_by_stat(w->cache, w->path, &fst, oid, &w->hint, &entry)) {
			/* unchanged since the cache knew it: not read */
			fr_file *f = add_file(w->fs, w->path, len);
			f->len = (size_t)st.st_size;
			memcpy(f->oid, oid, 41);
			f->st = fst;
			f->centry = entry + 1;
		} else if (w->lazy && S_ISREG(mode) && small) {
			/* read by the engine, on every core, just before it is parsed */
			fr_file *f = add_file(w->fs, w->path, len);
			f->len = (size_t)st.st_size;
			f->st = fst;
		} else if (w->lazy && S_ISREG(mode)) {
			fr_diag_file(w->d, w->path, EFBIG, (size_t)st.st_size);
		} else if (w->lazy) {
			fr_diag_file(w->d, w->path, ESPIPE, 0);
		} else if (!fr_read_file_at(dfd, name, FR_MAX_RECORD_BYTES, FR_READ_NOFOLLOW,
					    &data, &dlen)) {
			fr_file *f = add_file(w->fs, w->path, len);
			f->data = data;
			f->len = dlen;
			f->st = fst;
		} else if (errno == ELOOP || errno == ESPIPE || errno == EFBIG) {
			fr_diag_file(w->d, w->path, errno, dlen);
		} else {
			fr_diags_add(w->d, w->path, 0, 0, FR_SEV_ERROR, "",
				     _("cannot read file: %s"), strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* The folder w->path[0..plen) (dfd, not followed if a link; closed here) and everything
 * under it. Links, FIFOs, devices and files over the limit are X-FILE diagnostics; only a
 * failure to read is -1. */
static int walk(struct walker *w, int dfd, size_t plen, int depth)
{
	struct names *l = &w->lv[depth];
	size_t i;
	int rc = 0;

	if (read_names(dfd, l)) {
		w->path[plen] = '\0';
		fr_diags_add(w->d, w->path, 0, 0, FR_SEV_ERROR, "", _("cannot read folder: %s"),
			     strerror(errno));
		close(dfd);
		return -1;
	}
	for (i = 0; i < l->n; i++)
		if (one(w, dfd, plen, depth, &l->v[i]))
			rc = -1;
	close(dfd);
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
		struct walker w;
		size_t i;
		memset(&w, 0, sizeof(w));
		w.fs = fs;
		w.d = d;
		w.cache = cache;
		w.lazy = lazy;
		w.hint = (size_t)-1;
		w.pcap = 4096;
		w.path = fr_xmalloc(w.pcap);
		memcpy(w.path, "records", 8);
		rc = walk(&w, dfd, 7, 0);
		for (i = 0; i < FR_ARRAY_LEN(w.lv); i++) {
			free(w.lv[i].buf);
			free(w.lv[i].v);
		}
		free(w.path);
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
