/* util.c - allocation that never returns NULL, and small shared helpers */
#include "util.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void oom(void)
{
	fputs("flowrec: out of memory\n", stderr);
	abort();
}

void *fr_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *fr_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *fr_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *fr_xstrndup(const char *s, size_t n)
{
	char *p = fr_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *fr_xstrdup(const char *s)
{
	return fr_xstrndup(s, strlen(s));
}

void fr_grow(void **v, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;
	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / sz)
			oom();
		c *= 2;
	}
	*v = fr_xrealloc(*v, c * sz);
	*cap = c;
}

/* Open path (no following with FR_READ_NOFOLLOW, never blocking) and read it when what was
 * opened is a regular file of inode ino and device dev (any when ino is -1; any dev when 0).
 *
 * One buffer of exactly the file's size (fstat), filled by read(): a record of 1 KB costs
 * 1 KB. A growing buffer that is shrunk at the end would not do: glibc serves buffers of
 * 128 KiB and more with their own mmap, and shrinking keeps that mapping, one per file, until
 * the process runs out of mappings (vm.max_map_count) at about 65,000 files. A file that grows
 * while read is read on (up to max) and copied into a buffer of its size. */
static int open_and_read(int dirfd, const char *path, int64_t ino, dev_t dev, size_t max,
			 int flags, char **out, size_t *len, struct stat *seen)
{
	struct stat fst;
	char *buf;
	size_t n = 0, cap;
	int fd, e;

	fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
				 ((flags & FR_READ_NOFOLLOW) ? O_NOFOLLOW : 0));
	if (fd < 0)
		return -1;
	/* what was opened is what was looked at (not swapped for a FIFO in between) */
	if (fstat(fd, &fst) || !S_ISREG(fst.st_mode) ||
	    (ino != -1 && ((int64_t)fst.st_ino != ino || (dev && fst.st_dev != dev)))) {
		close(fd);
		errno = ESPIPE;
		return -1;
	}
	if (seen)
		*seen = fst;
	if ((unsigned long long)fst.st_size > max) {
		close(fd);
		*len = (size_t)fst.st_size;
		errno = EFBIG;
		return -1;
	}
	cap = (size_t)fst.st_size + 1;
	buf = fr_xmalloc(cap);
	for (;;) {
		ssize_t got;
		if (n + 1 >= cap) {
			char probe;
			got = read(fd, &probe, 1);      /* the usual end of a regular file */
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0) {
				cap *= 2;
				buf = fr_xrealloc(buf, cap);
				buf[n++] = probe;
			}
		} else {
			got = read(fd, buf + n, cap - n - 1);
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0)
				n += (size_t)got;
		}
		if (got < 0) {
			e = errno;
			close(fd);
			free(buf);
			errno = e ? e : EIO;
			return -1;
		}
		if (got == 0)
			break;
		if (n > max) {
			close(fd);
			free(buf);
			*len = n;
			errno = EFBIG;
			return -1;
		}
	}
	close(fd);
	if (cap != n + 1) { /* not the size fstat said: copy into a buffer of its size */
		char *exact = fr_xmalloc(n + 1);
		memcpy(exact, buf, n);
		free(buf);
		buf = exact;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* Nothing but a regular file is opened: the path is looked at first (fstatat, not following a
 * link with FR_READ_NOFOLLOW), opened O_NONBLOCK, and fstat must show the same regular file, so
 * a FIFO or a device (or a link to one) never makes flowrec wait. */
int fr_read_file_at(int dirfd, const char *path, size_t max, int flags, char **out, size_t *len)
{
	struct stat st;

	*out = NULL;
	*len = 0;
	if (fstatat(dirfd, path, &st, (flags & FR_READ_NOFOLLOW) ? AT_SYMLINK_NOFOLLOW : 0))
		return -1;
	if (S_ISLNK(st.st_mode)) {
		errno = ELOOP;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = ESPIPE;
		return -1;
	}
	return open_and_read(dirfd, path, (int64_t)st.st_ino, st.st_dev, max, flags, out, len, NULL);
}

int fr_read_seen_at(int dirfd, const char *path, int64_t ino, size_t max, char **out, size_t *len,
		    struct stat *st)
{
	*out = NULL;
	*len = 0;
	return open_and_read(dirfd, path, ino, 0, max, FR_READ_NOFOLLOW, out, len, st);
}

int fr_read_file(const char *path, size_t max, char **out, size_t *len)
{
	return fr_read_file_at(AT_FDCWD, path, max, 0, out, len);
}

const char *fr_read_strerror(int e)
{
	if (e == ELOOP)
		return _("it is a symbolic link; flowrec never follows one (commit the file itself)");
	if (e == ESPIPE)
		return _("it is not a regular file (a pipe, a device or a folder); flowrec reads only regular files");
	if (e == EFBIG)
		return _("file too large; split it");
	return strerror(e);
}

uint64_t fr_hash64(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	const uint64_t prime = 0x100000001b3ULL;
	/* four independent lanes: a checksum of 100 MB costs little beside reading it */
	uint64_t l0 = h, l1 = h ^ 0x9e3779b97f4a7c15ULL, l2 = h ^ 0xc2b2ae3d27d4eb4fULL,
		 l3 = h ^ 0x165667b19e3779f9ULL;
	while (n >= 32) {
		uint64_t w[4];
		memcpy(w, p, 32);
		l0 = (l0 ^ w[0]) * prime;
		l1 = (l1 ^ w[1]) * prime;
		l2 = (l2 ^ w[2]) * prime;
		l3 = (l3 ^ w[3]) * prime;
		l0 ^= l0 >> 29;
		l1 ^= l1 >> 29;
		l2 ^= l2 >> 29;
		l3 ^= l3 >> 29;
		p += 32;
		n -= 32;
	}
	h = l0 ^ (l1 * 3) ^ (l2 * 5) ^ (l3 * 7);
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * prime;
		h ^= h >> 29;
		p += 8;
		n -= 8;
	}
	while (n--)
		h = (h ^ *p++) * prime;
	return h;
}

size_t fr_thread_count(size_t n)
{
	const char *env = getenv("FLOWREC_THREADS");
	long t = env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	if (t < 1 || n < 256)
		t = 1;
	if (t > (env ? 64 : 8))
		t = env ? 64 : 8;
	return (size_t)t;
}

void fr_thread_failed(enum fr_thread_work what, int err)
{
	static int failed[2];
	if (__atomic_exchange_n(&failed[what], 1, __ATOMIC_RELAXED))
		return;
	/* said, not hidden: the result is the same, only slower */
	if (what == FR_THREADS_RENDER)
		fprintf(stderr, _("flowrec: warning: cannot start a thread (%s): rendering on fewer cores, more slowly\n"),
			strerror(err));
	else
		fprintf(stderr, _("flowrec: warning: cannot start a thread (%s): checking on fewer cores, more slowly\n"),
			strerror(err));
}

void fr_oid_hex(const unsigned char raw[20], char out[41])
{
	static const char hex[] = "0123456789abcdef";
	int i;
	for (i = 0; i < 20; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[40] = '\0';
}
