/* source.c - the files of a snapshot, read from the working tree */
#include "source.h"
#include "cache.h"
#include "i18n.h"
#include "limits.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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

fr_stat fr_stat_of(const struct stat *st)
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

struct plan;

struct walker {
	struct plan *plan;     /* the lazy walk on every core: its folders are left to the threads */
	fr_files *fs;
	fr_diags *d;
	const struct fr_cache *cache;
	int lazy;
	int unstat;            /* lazy, and no cache to match stat data: a regular file's folder
	                        * entry is enough, the engine's read stats it (fr_read_seen_at) */
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
static int deferred(struct walker *w, int dfd, size_t plen, int depth);

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
	else if (type == DT_REG && w->unstat) {
		/* one path lookup a record less on a cold run: the engine opens it, refuses
		 * anything but a regular file there by then, and keeps fstat's data (not by the
		 * entry's d_ino: overlayfs may give another st_ino) */
		add_file(w->fs, w->path, len)->typed = 1;
		return 0;
	}
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
		fr_stat fst = fr_stat_of(&st);
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
	if (w->plan && deferred(w, dfd, plen, depth))
		return 0;
	for (i = 0; i < l->n; i++)
		if (one(w, dfd, plen, depth, &l->v[i]))
			rc = -1;
	close(dfd);
	return rc;
}

static void walker_init(struct walker *w, const fr_cache *cache, int lazy)
{
	memset(w, 0, sizeof(*w));
	w->cache = cache;
	w->lazy = lazy;
	w->unstat = lazy && fr_cache_entries(cache) == 0;
	w->hint = (size_t)-1;
	w->pcap = 4096;
	w->path = fr_xmalloc(w->pcap);
}

static void walker_free(struct walker *w)
{
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(w->lv); i++) {
		free(w->lv[i].buf);
		free(w->lv[i].v);
	}
	free(w->path);
}

/* ---- the lazy walk on every core ----
 *
 * Nearly all of a warm check's walk is the kernel's fstatat of each record, so the records are
 * stat'ed on every core. One thread reads the names of records/ and of each kind's folder as
 * the serial walk does (what it finds there itself, a top-level file or a folder it cannot
 * read, is said in the same order); the entries of those folders are left, in slices, to the
 * threads. Each slice has its own files and diagnostics, concatenated in the walk's order: the
 * serial walk's list and diagnostics, whatever the count of threads. */

/* Over this many entries in records/ (each kind's folder an open descriptor until the threads
 * are done), the slices are of records/ itself. */
#define MAX_DEFERRED_FOLDERS 64

struct folder {            /* a folder whose entries are left to the threads */
	int fd;
	char *path;            /* its path, plen bytes */
	size_t plen;
	int depth;
	struct names l;        /* its names, kept until the threads are done */
};

struct part {              /* a piece of the list, in the walk's order */
	fr_files fs;
	fr_diags d;
	const struct folder *f; /* the entries [lo, hi) of f, walked by a thread; NULL: what the
				 * planning thread found itself, in fs and d */
	size_t lo, hi;
	int rc;
};

struct plan {
	struct part *v;
	size_t n, cap;
	struct folder **f;
	size_t nf, capf;
	size_t entries;        /* of the folders */
	fr_files fs;           /* what the planning thread finds before the next folder */
	fr_diags d;
	size_t next;           /* the next part to walk, under lock */
	pthread_mutex_t lock;
	const fr_cache *cache;
};

/* What the planning thread found since the last folder becomes a part of its own. */
static void plan_flush(struct plan *p)
{
	struct part *pt;
	if (!p->fs.n && !p->d.n)
		return;
	FR_GROW(p->v, p->cap, p->n + 1);
	pt = &p->v[p->n++];
	memset(pt, 0, sizeof(*pt));
	pt->fs = p->fs;
	pt->d = p->d;
	memset(&p->fs, 0, sizeof(p->fs));
	memset(&p->d, 0, sizeof(p->d));
}

/* Whether the folder w->path[0..plen) (dfd, its names read into w->lv[depth]) is left to the
 * threads: each kind's folder, or records/ itself when it holds too many entries to keep a
 * descriptor open for each. Then dfd and the names are the plan's. */
static int deferred(struct walker *w, int dfd, size_t plen, int depth)
{
	struct plan *p = w->plan;
	struct folder *f;
	struct part *pt;
	if (depth != 1 && (depth != 0 || w->lv[0].n <= MAX_DEFERRED_FOLDERS))
		return 0;
	f = fr_xcalloc(1, sizeof(*f));
	f->fd = dfd;
	f->path = fr_xstrndup(w->path, plen);
	f->plen = plen;
	f->depth = depth;
	/* the next folder of this depth reads its names into buffers of its own */
	f->l = w->lv[depth];
	memset(&w->lv[depth], 0, sizeof(w->lv[depth]));
	FR_GROW(p->f, p->capf, p->nf + 1);
	p->f[p->nf++] = f;
	plan_flush(p);
	if (f->l.n) {
		FR_GROW(p->v, p->cap, p->n + 1);
		pt = &p->v[p->n++];
		memset(pt, 0, sizeof(*pt));
		pt->f = f;
		pt->hi = f->l.n;
		p->entries += f->l.n;
	}
	return 1;
}

/* The folders' parts cut into slices of at most per entries: enough slices that the threads
 * finish together (a kind can hold a third of the records), few enough that their lists cost
 * little. */
static void plan_slice(struct plan *p, size_t per)
{
	struct part *v = NULL;
	size_t n = 0, cap = 0, i, lo;
	for (i = 0; i < p->n; i++) {
		if (!p->v[i].f) {
			FR_GROW(v, cap, n + 1);
			v[n++] = p->v[i];
			continue;
		}
		for (lo = p->v[i].lo; lo < p->v[i].hi; lo += per) {
			FR_GROW(v, cap, n + 1);
			v[n] = p->v[i];
			v[n].lo = lo;
			v[n].hi = p->v[i].hi - lo > per ? lo + per : p->v[i].hi;
			n++;
		}
	}
	free(p->v);
	p->v = v;
	p->n = n;
	p->cap = cap;
}

static void walk_part(struct walker *w, struct part *pt)
{
	const struct folder *f = pt->f;
	size_t i;
	w->fs = &pt->fs;
	w->d = &pt->d;
	if (f->plen + 1 > w->pcap) {
		w->pcap = 2 * (f->plen + 1);
		w->path = fr_xrealloc(w->path, w->pcap);
	}
	memcpy(w->path, f->path, f->plen);
	for (i = pt->lo; i < pt->hi; i++)
		if (one(w, f->fd, f->plen, f->depth, &f->l.v[i]))
			pt->rc = -1;
}

/* A thread: the next part not walked, until there is none. Its walker is its own (path,
 * names, cache hint); the cache is only read. */
static void *walk_parts(void *arg)
{
	struct plan *p = arg;
	struct walker w;
	walker_init(&w, p->cache, 1);
	for (;;) {
		size_t k;
		pthread_mutex_lock(&p->lock);
		while (p->next < p->n && !p->v[p->next].f)
			p->next++;
		k = p->next < p->n ? p->next++ : p->n;
		pthread_mutex_unlock(&p->lock);
		if (k == p->n)
			break;
		walk_part(&w, &p->v[k]);
	}
	walker_free(&w);
	return NULL;
}

/* The parts on nt threads, this one among them; the parts of a thread that cannot start are
 * taken by the others. */
static void plan_run(struct plan *p, size_t nt)
{
	pthread_t tid[64];
	char started[64] = { 0 };
	size_t t;
	pthread_mutex_init(&p->lock, NULL);
	for (t = 1; t < nt && t < FR_ARRAY_LEN(tid); t++) {
		int e = pthread_create(&tid[t], NULL, walk_parts, p);
		started[t] = e == 0;
		if (e)
			fr_thread_failed(FR_THREADS_CHECK, e);
	}
	walk_parts(p);
	for (t = 1; t < nt && t < FR_ARRAY_LEN(tid); t++)
		if (started[t])
			pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&p->lock);
}

/* The parts' files and diagnostics appended to fs and d in order; -1 when a part's was. */
static int plan_collect(struct plan *p, fr_files *fs, fr_diags *d)
{
	size_t i, n = fs->n;
	int rc = 0;
	for (i = 0; i < p->n; i++)
		n += p->v[i].fs.n;
	FR_GROW(fs->v, fs->cap, n);
	for (i = 0; i < p->n; i++) {
		struct part *pt = &p->v[i];
		if (pt->fs.n)
			memcpy(fs->v + fs->n, pt->fs.v, pt->fs.n * sizeof(*pt->fs.v));
		fs->n += pt->fs.n;
		free(pt->fs.v);
		fr_diags_move(d, &pt->d);
		if (pt->rc)
			rc = -1;
	}
	return rc;
}

static void plan_free(struct plan *p)
{
	size_t i;
	for (i = 0; i < p->nf; i++) {
		close(p->f[i]->fd);
		free(p->f[i]->l.buf);
		free(p->f[i]->l.v);
		free(p->f[i]->path);
		free(p->f[i]);
	}
	free(p->f);
	free(p->v);
}

/* records/ (dfd, its path in w->path) walked with w planning and the threads walking. */
static int walk_threaded(struct walker *w, int dfd, fr_files *fs, fr_diags *d)
{
	struct plan p;
	size_t nt, per;
	int rc;
	memset(&p, 0, sizeof(p));
	p.cache = w->cache;
	w->plan = &p;
	w->fs = &p.fs;
	w->d = &p.d;
	rc = walk(w, dfd, 7, 0);
	w->plan = NULL;
	plan_flush(&p);
	nt = fr_thread_count(p.entries);
	per = p.entries / (nt * 64) + 1;
	plan_slice(&p, per);
	plan_run(&p, nt);
	if (plan_collect(&p, fs, d))
		rc = -1;
	plan_free(&p);
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
		walker_init(&w, cache, lazy);
		w.fs = fs;
		w.d = d;
		memcpy(w.path, "records", 8);
		/* the reading walk stays serial (its files are read by the engine's threads
		 * anyway); so does any walk that may have one core only */
		if (lazy && fr_thread_count((size_t)-1) > 1)
			rc = walk_threaded(&w, dfd, fs, d);
		else
			rc = walk(&w, dfd, 7, 0);
		walker_free(&w);
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
