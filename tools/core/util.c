/* util.c - allocation that never returns NULL, and small shared helpers */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* One buffer of exactly the file's size (fstat), filled by read(): a record of 1 KB costs
 * 1 KB. A growing buffer that is shrunk at the end would not do: glibc serves buffers of
 * 128 KiB and more with their own mmap, and shrinking keeps that mapping, one per file, until
 * the process runs out of mappings (vm.max_map_count) at about 65,000 files. What is not a
 * regular file, or grows while read, is read in steps and copied into a buffer of its size. */
int fr_read_file(const char *path, size_t max, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int e;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((unsigned long long)st.st_size > max) {
			close(fd);
			errno = EFBIG;
			return -1;
		}
		cap = (size_t)st.st_size + 1;
		buf = fr_xmalloc(cap);
	}
	for (;;) {
		ssize_t got;
		char probe;
		if (n + 1 >= cap && cap) {
			/* full: one byte more or the end? (the usual end of a regular file) */
			got = read(fd, &probe, 1);
			if (got < 0 && errno == EINTR)
				continue;
			if (got == 0)
				break;
			if (got > 0) {
				if (n > max)
					break;
				cap *= 2;
				buf = fr_xrealloc(buf, cap);
				buf[n++] = probe;
				continue;
			}
		} else {
			if (!cap) {
				cap = 4096;
				buf = fr_xmalloc(cap);
			}
			got = read(fd, buf + n, cap - n - 1);
			if (got < 0 && errno == EINTR)
				continue;
		}
		if (got < 0) {
			e = errno;
			free(buf);
			close(fd);
			errno = e ? e : EIO;
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (n > max) {
		free(buf);
		errno = EFBIG;
		return -1;
	}
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
