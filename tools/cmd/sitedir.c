/* sitedir.c - the site's folder: what render may replace, its manifest, its leftovers */
#include "sitedir.h"
#include "cache.h"
#include "cmd.h"
#include "i18n.h"
#include "util.h"

#include <git2.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "flowrec site: `flowrec render` wrote every file listed here and replaces this folder as a whole.\n"
#define BEING_WRITTEN "flowrec site being written by `flowrec render`.\n"
/* what the pages' writer (tools/site/write.c) puts there until the manifest replaces it */
#define BEING_WRITTEN2 "flowrec site: `flowrec render` replaces this folder as a whole.\n"

/* ---- page names ---- */

static int keep_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-' || c >= 0x80;
}

void fr_site_path_part(fr_buf *b, const char *part, size_t n, int is_folder)
{
	size_t start = b->len, i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)part[i];
		if (keep_byte(c) && !(i == 0 && c == '.'))
			fr_buf_addc(b, (char)c);
		else
			fr_buf_addf(b, "~%02X", c);
	}
	if (b->len == start)
		fr_buf_adds(b, "~");
	if (is_folder && b->len - start >= 5 && !memcmp(b->ptr + b->len - 5, ".html", 5)) {
		b->len -= 5;
		b->ptr[b->len] = '\0';
		fr_buf_adds(b, "~2Ehtml");
	}
	if (b->len - start > 200) {
		git_oid id;
		char hex[41];
		size_t cut = start + 160;
		while (cut > start && (((unsigned char)b->ptr[cut] & 0xc0) == 0x80 ||
				       (cut >= 1 && b->ptr[cut - 1] == '~') ||
				       (cut >= 2 && b->ptr[cut - 2] == '~')))
			cut--;   /* not inside a UTF-8 sequence or a ~XX */
		git_odb_hash(&id, part, n, GIT_OBJECT_BLOB);
		git_oid_tostr(hex, sizeof(hex), &id);
		b->len = cut;
		b->ptr[b->len] = '\0';
		fr_buf_addf(b, "~~%.16s", hex);
	}
}

/* ---- the manifest ---- */

struct list {
	fr_site_file *v;
	size_t n, cap;
	int bad;            /* something that is not a regular file or a folder */
	int foreign;        /* .git, flowrec.yaml */
};

static void list_free(struct list *l)
{
	fr_site_files f = { l->v, l->n, l->cap };
	fr_site_files_free(&f);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int blob_id(int dfd, const char *name, char id[41])
{
	char *data;
	size_t len;
	if (fr_read_file_at(dfd, name, (size_t)1 << 30, FR_READ_NOFOLLOW, &data, &len))
		return -1;
	fr_blob_oid(data, len, id);
	free(data);
	return 0;
}

/* Every file under the folder dfd (not the top marker), "a/b.html" with its blob id. */
static int walk(struct list *l, int dfd, const char *rel, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	if (!d) {
		close(dfd);
		return -1;
	}
	while ((de = readdir(d))) {
		struct stat st;
		char *path;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!*rel && !strcmp(de->d_name, FR_SITE_MARKER))
			continue;
		if (!strcmp(de->d_name, ".git") || (!*rel && !strcmp(de->d_name, "flowrec.yaml")))
			l->foreign = 1;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			l->bad = 1;
			continue;
		}
		path = fr_xmalloc(strlen(rel) + strlen(de->d_name) + 2);
		sprintf(path, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (S_ISDIR(st.st_mode) && depth < 64) {
			int cfd = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (cfd < 0 || walk(l, cfd, path, depth + 1))
				l->bad = 1;
			free(path);
		} else if (S_ISREG(st.st_mode)) {
			FR_GROW(l->v, l->cap, l->n + 1);
			l->v[l->n].path = path;
			l->v[l->n].dev = st.st_dev;
			l->v[l->n].ino = st.st_ino;
			l->v[l->n].size = st.st_size;
			l->v[l->n].mtime = st.st_mtim;
			if (blob_id(dirfd(d), de->d_name, l->v[l->n].id))
				l->bad = 1;
			l->n++;
		} else {
			l->bad = 1;
			free(path);
		}
	}
	closedir(d);
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const fr_site_file *)a)->path, ((const fr_site_file *)b)->path);
}

static int list_dir(struct list *l, const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	memset(l, 0, sizeof(*l));
	if (dfd < 0 || walk(l, dfd, "", 0))
		return -1;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_entry);
	return 0;
}

static char *marker_text(const char *dir, size_t *len)
{
	char *path = fr_xmalloc(strlen(dir) + sizeof("/" FR_SITE_MARKER)), *text = NULL;
	sprintf(path, "%s/%s", dir, FR_SITE_MARKER);
	if (fr_read_file_at(AT_FDCWD, path, 64u << 20, FR_READ_NOFOLLOW, &text, len))
		text = NULL;
	free(path);
	return text;
}

static int write_marker(const char *dir, const char *text, size_t len)
{
	char *path = fr_xmalloc(strlen(dir) + sizeof("/" FR_SITE_MARKER));
	FILE *f;
	int rc = -1;
	sprintf(path, "%s/%s", dir, FR_SITE_MARKER);
	f = fopen(path, "wb");
	if (f) {
		rc = fwrite(text, 1, len, f) == len ? 0 : -1;
		if (fclose(f))
			rc = -1;
	}
	free(path);
	return rc;
}

int fr_sitedir_begin(const char *dir)
{
	return write_marker(dir, BEING_WRITTEN, strlen(BEING_WRITTEN));
}

int fr_sitedir_seal(const char *dir)
{
	struct list l;
	fr_buf b = FR_BUF_INIT;
	size_t i;
	int rc;
	if (list_dir(&l, dir) || l.bad) {
		list_free(&l);
		return -1;
	}
	fr_buf_adds(&b, HEADER);
	for (i = 0; i < l.n; i++)
		fr_buf_addf(&b, "%s %s\n", l.v[i].id, l.v[i].path);
	rc = write_marker(dir, b.ptr, b.len);
	fr_buf_free(&b);
	list_free(&l);
	return rc;
}

/* 1 when the file at path holds exactly text. */
static int holds_text(const char *path, const char *text, size_t len)
{
	char *data;
	size_t n;
	int same;
	if (fr_read_file_at(AT_FDCWD, path, 64u << 20, FR_READ_NOFOLLOW, &data, &n))
		return 0;
	same = n == len && !memcmp(data, text, len);
	free(data);
	return same;
}

int fr_sitedir_seal_files(const char *dir, fr_site_files *written, const char *old_dir)
{
	fr_buf b = FR_BUF_INIT;
	size_t i;
	int rc = -1;
	if (written->n > 1)
		qsort(written->v, written->n, sizeof(*written->v), cmp_entry);
	fr_buf_adds(&b, HEADER);
	for (i = 0; i < written->n; i++)
		fr_buf_addf(&b, "%s %s\n", written->v[i].id, written->v[i].path);
	if (old_dir) {
		/* nothing changed: keep the old marker too (linked, then read back to be sure) */
		char *from = fr_xmalloc(strlen(old_dir) + sizeof("/" FR_SITE_MARKER));
		char *to = fr_xmalloc(strlen(dir) + sizeof("/" FR_SITE_MARKER));
		sprintf(from, "%s/%s", old_dir, FR_SITE_MARKER);
		sprintf(to, "%s/%s", dir, FR_SITE_MARKER);
		if (holds_text(from, b.ptr, b.len) && !unlink(to)) {
			if (!link(from, to) && holds_text(to, b.ptr, b.len))
				rc = 0;
			else
				unlink(to);
		}
		free(from);
		free(to);
	}
	if (rc)
		rc = write_marker(dir, b.ptr, b.len);
	fr_buf_free(&b);
	return rc;
}

void fr_site_files_add(fr_site_files *l, const char *path, const char id[41])
{
	FR_GROW(l->v, l->cap, l->n + 1);
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].path = fr_xstrdup(path);
	memcpy(l->v[l->n].id, id, 41);
	l->n++;
}

const fr_site_file *fr_site_files_find(const fr_site_files *l, const char *path)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k = strcmp(l->v[mid].path, path);
		if (!k)
			return &l->v[mid];
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void fr_site_files_free(fr_site_files *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when every file in dir is in its manifest with the same content (or, allow_being_written,
 * when the folder is still being written and holds only pages), else 0. The manifest's lines
 * are sorted once and each file found by binary search. */
static int provably_ours(const char *dir, int allow_being_written, fr_site_files *keep)
{
	struct list l;
	size_t len, i, nlines = 0, cap = 0;
	char *text = marker_text(dir, &len), **lines = NULL, *p;
	fr_buf want = FR_BUF_INIT;
	int ok = 0;
	if (!text)
		return 0;
	if (list_dir(&l, dir) || l.bad || l.foreign)
		goto done;
	if (!strncmp(text, HEADER, strlen(HEADER))) {
		for (p = text + strlen(HEADER); *p;) {
			char *e = strchr(p, '\n');
			if (!e)
				break;
			*e = '\0';
			FR_GROW(lines, cap, nlines + 1);
			lines[nlines++] = p;
			p = e + 1;
		}
		if (nlines > 1)
			qsort(lines, nlines, sizeof(*lines), cmp_str);
		ok = 1;
		for (i = 0; ok && i < l.n; i++) {
			const char *key;
			fr_buf_reset(&want);
			fr_buf_addf(&want, "%s %s", l.v[i].id, l.v[i].path);
			key = want.ptr;
			if (!nlines || !bsearch(&key, lines, nlines, sizeof(*lines), cmp_str))
				ok = 0;
		}
	} else if (allow_being_written && (!strcmp(text, BEING_WRITTEN) || !strcmp(text, BEING_WRITTEN2))) {
		ok = 1;
		for (i = 0; ok && i < l.n; i++) {
			size_t n = strlen(l.v[i].path);
			if (!(n > 5 && !strcmp(l.v[i].path + n - 5, ".html")) &&
			    strcmp(l.v[i].path, "style.css"))
				ok = 0;
		}
	}
done:
	fr_buf_free(&want);
	free(lines);
	if (ok && keep) {   /* the files, sorted by path, with the ids just proved */
		keep->v = l.v;
		keep->n = l.n;
		keep->cap = l.cap;
		l.v = NULL;
		l.n = 0;
	}
	list_free(&l);
	free(text);
	return ok;
}

static int dir_is_empty(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int empty = 1;
	if (!dp)
		return 0;
	while (empty && (de = readdir(dp)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(dp);
	return empty;
}

static int has(const char *dir, const char *name)
{
	struct stat st;
	char *p = fr_xmalloc(strlen(dir) + strlen(name) + 2);
	int r;
	sprintf(p, "%s/%s", dir, name);
	r = lstat(p, &st) == 0;
	free(p);
	return r;
}

/* a is b or a folder above it */
static int contains(const char *a, const char *b)
{
	size_t n = strlen(a);
	return !strcmp(a, "/") || (!strncmp(a, b, n) && (b[n] == '/' || b[n] == '\0'));
}

int fr_sitedir_check(const char *dir, const char *team_root, fr_site_files *old)
{
	struct stat st;
	char *real, *troot, *recs;
	int rc = 1;
	if (lstat(dir, &st)) {
		if (errno == ENOENT)
			return 0;
		fr_die_msg(_("cannot use '%s': %s"), dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fr_die_msg(_("'%s' exists and is not a folder: not replacing it"), dir);
		return -1;
	}
	real = realpath(dir, NULL);
	troot = team_root ? realpath(team_root, NULL) : NULL;
	recs = troot ? fr_xmalloc(strlen(troot) + sizeof("/records")) : NULL;
	if (recs)
		sprintf(recs, "%s/records", troot);
	if (!real) {
		fr_die_msg(_("cannot use '%s': %s"), dir, strerror(errno));
		rc = -1;
	} else if (has(real, ".git") || has(real, "flowrec.yaml") ||
		   (troot && (contains(real, troot) || contains(recs, real)))) {
		fr_die_msg(_("'%s' holds a repository, a team or its records: render never replaces it (choose another folder with -o)"),
			   dir);
		rc = -1;
	} else if (!dir_is_empty(real) && !provably_ours(real, 0, old)) {
		fr_die_msg(_("'%s' holds files that flowrec render did not write (they are not in its %s): not replacing it (choose another folder with -o, or empty it)"),
			   dir, FR_SITE_MARKER);
		rc = -1;
	}
	free(real);
	free(troot);
	free(recs);
	return rc;
}

/* Remove a folder tree without following links. */
static int remove_at(int dfd, const char *name, int depth)
{
	int cfd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d;
	struct dirent *de;
	if (cfd < 0)
		return unlinkat(dfd, name, 0);
	if (!(d = fdopendir(cfd))) {
		close(cfd);
		return -1;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && depth < 64)
			remove_at(dirfd(d), de->d_name, depth + 1);
	closedir(d);
	return unlinkat(dfd, name, AT_REMOVEDIR);
}

void fr_sitedir_clean_leftovers(const char *dir)
{
	char *copy = fr_xstrdup(dir), *copy2 = fr_xstrdup(dir);
	const char *parent = dirname(copy), *base = basename(copy2);
	size_t bl = strlen(base);
	DIR *d = opendir(parent);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		const char *s = de->d_name;
		struct stat st;
		char *full;
		size_t i;
		int ok;
		if (strncmp(s, base, bl) || (strncmp(s + bl, ".tmp-", 5) && strncmp(s + bl, ".old-", 5)) ||
		    strlen(s + bl + 5) != 6)
			continue;
		for (i = 0, ok = 1; i < 6; i++)
			if (!keep_byte((unsigned char)s[bl + 5 + i]) || s[bl + 5 + i] == '.' ||
			    (unsigned char)s[bl + 5 + i] >= 0x80)
				ok = 0;
		if (!ok || fstatat(dirfd(d), s, &st, AT_SYMLINK_NOFOLLOW) || !S_ISDIR(st.st_mode))
			continue;
		full = fr_xmalloc(strlen(parent) + strlen(s) + 2);
		sprintf(full, "%s/%s", parent, s);
		if (provably_ours(full, !strncmp(s + bl, ".tmp-", 5), NULL))
			remove_at(dirfd(d), s, 0);
		free(full);
	}
	if (d)
		closedir(d);
	free(copy);
	free(copy2);
}
