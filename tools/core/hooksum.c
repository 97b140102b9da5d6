/* hooksum.c - the pre-commit hook's summaries of the snapshots it checked (see hooksum.h) */
#include "hooksum.h"
#include "util.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAGIC "FRHOOK4\n"
#define OLD_FILE "hook"           /* FRHOOK2's one file, before there was one per snapshot */
#define SEED 0x666c6f77686f6f6bULL

_Static_assert(sizeof(fr_rdesc) == 24, "a description is written as it is in memory");

static uint64_t checksum(const unsigned char *head, const fr_rdesc *desc, size_t n)
{
	return fr_hash64(fr_hash64(SEED, head, FR_HOOKSUM_HEAD), desc, n * sizeof(*desc));
}

/* DIR/hook-ID (hex) followed by suffix. */
static char *file_of(const char *dir, const unsigned char id[20], const char *suffix)
{
	char *p = fr_xmalloc(strlen(dir) + sizeof("/hook-") + 40 + strlen(suffix));
	char *at = p + sprintf(p, "%s/hook-", dir);
	fr_oid_hex(id, at);
	strcat(at, suffix);
	return p;
}

int fr_hooksum_parse(fr_hooksum *x, const void *data, size_t len, const unsigned char id[20],
		     size_t nkinds)
{
	const unsigned char *p = data;
	uint32_t n;
	uint64_t errors, h;
	size_t i;
	memset(x, 0, sizeof(*x));
	if (len < FR_HOOKSUM_HEAD + 8 || memcmp(p, MAGIC, 8) || memcmp(p + 8, id, 20) ||
	    (uintptr_t)(p + FR_HOOKSUM_HEAD) % _Alignof(fr_rdesc))
		return -1;
	memcpy(&n, p + 28, 4);
	memcpy(&errors, p + 32, 8);
	if ((len - FR_HOOKSUM_HEAD - 8) % sizeof(fr_rdesc) || (len - FR_HOOKSUM_HEAD - 8) / sizeof(fr_rdesc) != n)
		return -1;
	memcpy(&h, p + len - 8, 8);
	if (h != checksum(p, (const fr_rdesc *)(p + FR_HOOKSUM_HEAD), n))
		return -1;
	x->desc = (const fr_rdesc *)(p + FR_HOOKSUM_HEAD);
	for (i = 0; i < n; i++) {
		const fr_rdesc *d = &x->desc[i];
		if ((d->kind >= nkinds && d->kind != FR_RDESC_NONE) || d->scoped > 1 || d->zero) {
			x->desc = NULL;
			return -1;
		}
	}
	memcpy(x->id, id, 20);
	x->n = n;
	x->errors = errors;
	return 0;
}

/* The file of id, mapped, into x: 0, else -1 (x cleared but for its id: known missing). */
static int load(const fr_hooksums *s, const unsigned char id[20], fr_hooksum *x)
{
	char *path = s->dir ? file_of(s->dir, id, "") : NULL;
	struct stat st;
	void *map = MAP_FAILED;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
	memset(x, 0, sizeof(*x));
	if (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size <= ((uint64_t)1 << 32) * sizeof(fr_rdesc))
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (fd >= 0)
		close(fd);
	free(path);
	if (map != MAP_FAILED && !fr_hooksum_parse(x, map, (size_t)st.st_size, id, s->nkinds)) {
		x->map = map;
		x->mapsize = (size_t)st.st_size;
		return 0;
	}
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	memset(x, 0, sizeof(*x));
	memcpy(x->id, id, 20);
	return -1;
}

static void drop(fr_hooksum *x)
{
	if (x->mapsize)
		munmap(x->map, x->mapsize);
	else
		free(x->map);
	memset(x, 0, sizeof(*x));
}

void fr_hooksums_init(fr_hooksums *s, const char *dir, size_t nkinds)
{
	memset(s, 0, sizeof(*s));
	s->dir = dir ? fr_xstrdup(dir) : NULL;
	s->nkinds = nkinds;
}

void fr_hooksums_free(fr_hooksums *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		drop(&s->v[i]);
	free(s->dir);
	memset(s, 0, sizeof(*s));
}

const fr_hooksum *fr_hooksums_find(fr_hooksums *s, const unsigned char id[20])
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!memcmp(s->v[i].id, id, 20))
			return s->v[i].desc ? &s->v[i] : NULL;
	if (s->n == FR_HOOKSUM_KEEP)
		return NULL;
	load(s, id, &s->v[s->n]);   /* (a missing one is remembered as such: desc NULL) */
	return s->v[s->n++].desc ? &s->v[s->n - 1] : NULL;
}

void fr_hooksums_put(fr_hooksums *s, const unsigned char id[20], uint64_t errors, size_t n,
		     fr_rdesc *desc)
{
	const fr_hooksum *had = fr_hooksums_find(s, id);
	fr_hooksum *x;
	size_t i;
	if (had && had->errors == errors && had->n == n && !memcmp(had->desc, desc, n * sizeof(*desc))) {
		free(desc);
		return;
	}
	for (i = 0; i < s->n && memcmp(s->v[i].id, id, 20); i++)
		;
	if (i == s->n && s->n == FR_HOOKSUM_KEEP) {
		/* the oldest goes (its file stays until the next write prunes it) */
		drop(&s->v[0]);
		memmove(&s->v[0], &s->v[1], (FR_HOOKSUM_KEEP - 1) * sizeof(s->v[0]));
		i = --s->n;
	}
	if (i == s->n)
		s->n++;
	x = &s->v[i];
	drop(x);
	memcpy(x->id, id, 20);
	x->errors = errors;
	x->n = (uint32_t)n;
	x->desc = desc;
	x->map = desc;
	x->dirty = 1;
}

/* Write x to its file through a temporary file and a rename. */
static void save(const fr_hooksums *s, const fr_hooksum *x)
{
	char *path = file_of(s->dir, x->id, ""), *tmp = file_of(s->dir, x->id, ".XXXXXX");
	unsigned char head[FR_HOOKSUM_HEAD];
	size_t body = (size_t)x->n * sizeof(*x->desc);
	uint64_t h;
	struct iovec io[3];
	ssize_t want = (ssize_t)(sizeof(head) + body + sizeof(h));
	int fd;
	memcpy(head, MAGIC, 8);
	memcpy(head + 8, x->id, 20);
	memcpy(head + 28, &x->n, 4);
	memcpy(head + 32, &x->errors, 8);
	h = checksum(head, x->desc, x->n);
	io[0].iov_base = head;
	io[0].iov_len = sizeof(head);
	io[1].iov_base = (void *)x->desc;
	io[1].iov_len = body;
	io[2].iov_base = &h;
	io[2].iov_len = sizeof(h);
	mkdir(s->dir, 0777);
	fd = mkstemp(tmp);
	if (fd >= 0) {
		if (writev(fd, io, 3) != want) {
			close(fd);
			unlink(tmp);
		} else if (close(fd) || rename(tmp, path)) {
			unlink(tmp);
		}
	}
	free(path);
	free(tmp);
}

/* 1 when name is hook-ID of a summary kept in s, 0 when of another, -1 when not hook-ID. */
static int kept(const fr_hooksums *s, const char *name)
{
	size_t i;
	char hex[41];
	if (strncmp(name, "hook-", 5) || strlen(name) != 45)
		return -1;
	for (i = 0; i < s->n; i++) {
		fr_oid_hex(s->v[i].id, hex);
		if (!strcmp(name + 5, hex))
			return 1;
	}
	return 0;
}

void fr_hooksums_write(fr_hooksums *s)
{
	DIR *dp;
	struct dirent *e;
	size_t i;
	int dirty = 0;
	if (!s->dir)
		return;
	for (i = 0; i < s->n; i++)
		if (s->v[i].dirty && s->v[i].desc) {
			save(s, &s->v[i]);
			dirty = 1;
		}
	if (dirty && (dp = opendir(s->dir))) {
		int dfd = dirfd(dp);
		while ((e = readdir(dp)))
			if (!kept(s, e->d_name))
				unlinkat(dfd, e->d_name, 0);
		closedir(dp);
	}
	{
		char *old = fr_xmalloc(strlen(s->dir) + sizeof("/" OLD_FILE));
		sprintf(old, "%s/" OLD_FILE, s->dir);
		unlink(old);
		free(old);
	}
}
