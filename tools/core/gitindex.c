/* gitindex.c - a reader of git's index file and its cache-tree (see gitindex.h) */
#include "gitindex.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define HDR 12
#define TRAILER 20
#define ENTRY_FIXED 62          /* stat data, mode, ids, size, oid, flags */
#define MAX_DEPTH 512           /* directories deep in the cache-tree */

/* The 16-bit flags of an entry. */
#define F_ASSUME_VALID 0x8000
#define F_EXTENDED     0x4000
#define F_STAGE        0x3000
#define F_NAMEMASK     0x0fff
/* The 16-bit extended flags (version 3 and later). */
#define X_SKIP_WORKTREE 0x4000
#define X_INTENT_TO_ADD 0x2000
#define X_UNUSED        0x9fff

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static int unsupported(fr_error *err, const char *why)
{
	fr_error_set(err, 0, 0, "", "%s", why);
	return 1;
}

static int valid_mode(uint32_t m)
{
	return m == 0100644 || m == 0100755 || m == 0120000 || m == 0160000;
}

/* A path git itself would write: no empty, "." or ".." component, no leading or trailing '/'. */
static int valid_path(const char *p, size_t n)
{
	size_t i = 0;
	if (!n)
		return 0;
	while (i < n) {
		size_t j = i;
		while (j < n && p[j] != '/')
			j++;
		if (j == i || (j - i == 1 && p[i] == '.') ||
		    (j - i == 2 && p[i] == '.' && p[i + 1] == '.'))
			return 0;
		if (j == n)
			return 1;
		i = j + 1;
		if (i == n)
			return 0;
	}
	return 1;
}

/* git's varint of index version 4 (varint.c: each continuation adds one before shifting). */
static int varint(const unsigned char **p, const unsigned char *end, size_t *out)
{
	const unsigned char *s = *p;
	size_t v;
	if (s >= end)
		return -1;
	v = *s & 127;
	while (*s++ & 128) {
		if (s >= end || v > (SIZE_MAX >> 8))
			return -1;
		v = ((v + 1) << 7) | (*s & 127);
	}
	*p = s;
	*out = v;
	return 0;
}

static int parse_entries(fr_gitindex *ix, const unsigned char **pp, const unsigned char *end,
			 size_t count, fr_error *err)
{
	const unsigned char *p = *pp;
	size_t i, prevlen = 0, used = 0, cap = 0, limit = 0;
	size_t *off = NULL;             /* version 4: each path's offset in ix->paths */
	int rc = 0;

	if (ix->version == 4) {
		/* the paths' bytes, bounded (a path may repeat its predecessor's): real indexes
		 * hold fewer path bytes than file bytes */
		limit = 4 * (size_t)(end - p) + 65536;
		off = fr_xcalloc(count ? count : 1, sizeof(*off));
	}
	ix->v = fr_xmalloc((count ? count : 1) * sizeof(*ix->v));   /* each entry set below */
	for (i = 0; i < count; i++) {
		fr_gitindex_entry *e = &ix->v[i];
		unsigned flags, xflags = 0, namelen;
		const unsigned char *start = p;
		const char *path;
		size_t len;
		if ((size_t)(end - p) < ENTRY_FIXED) {
			rc = unsupported(err, "truncated entry");
			break;
		}
		e->mode = be32(p + 24);
		e->size = be32(p + 36);
		memcpy(e->oid, p + 40, 20);
		flags = be16(p + 60);
		p += ENTRY_FIXED;
		if (flags & F_EXTENDED) {
			if (ix->version < 3) {
				rc = unsupported(err, "extended flags in a version 2 index");
				break;
			}
			if ((size_t)(end - p) < 2) {
				rc = unsupported(err, "truncated entry");
				break;
			}
			xflags = be16(p);
			p += 2;
		}
		if (xflags & X_UNUSED)
			rc = unsupported(err, "unknown extended flags");
		else if (xflags & X_INTENT_TO_ADD)
			rc = unsupported(err, "intent-to-add entry");
		else if (flags & F_STAGE)
			rc = unsupported(err, "unmerged entry");
		else if ((e->mode & 0170000) == 0040000)
			rc = unsupported(err, "sparse directory entry");
		else if (!valid_mode(e->mode))
			rc = unsupported(err, "unknown mode");
		if (rc)
			break;
		namelen = flags & F_NAMEMASK;
		if (ix->version == 4) {
			size_t strip, slen;
			const unsigned char *nul;
			if (varint(&p, end, &strip) || strip > prevlen) {
				rc = unsupported(err, "bad path compression");
				break;
			}
			nul = memchr(p, '\0', (size_t)(end - p));
			if (!nul) {
				rc = unsupported(err, "truncated path");
				break;
			}
			slen = (size_t)(nul - p);
			len = prevlen - strip + slen;
			if (len + 1 > limit - used) {
				rc = unsupported(err, "paths too long");
				break;
			}
			FR_GROW(ix->paths, cap, used + len + 1);
			if (i)
				memmove(ix->paths + used, ix->paths + off[i - 1], prevlen - strip);
			memcpy(ix->paths + used + prevlen - strip, p, slen);
			ix->paths[used + len] = '\0';
			off[i] = used;
			path = ix->paths + used;
			used += len + 1;
			p = nul + 1;
		} else {
			const unsigned char *nul;
			size_t entlen, pad, k;
			if (namelen < F_NAMEMASK) {
				if ((size_t)(end - p) <= namelen || p[namelen] != '\0') {
					rc = unsupported(err, "bad path length");
					break;
				}
				nul = p + namelen;
			} else {
				nul = memchr(p, '\0', (size_t)(end - p));
				if (!nul) {
					rc = unsupported(err, "truncated path");
					break;
				}
			}
			len = (size_t)(nul - p);
			path = (const char *)p;
			/* an entry is padded with 1 to 8 NULs to a multiple of 8 bytes */
			entlen = (size_t)(nul - start);
			pad = 8 - entlen % 8;
			if ((size_t)(end - nul) < pad) {
				rc = unsupported(err, "truncated entry");
				break;
			}
			for (k = 0; k < pad && !rc; k++)
				if (nul[k])
					rc = unsupported(err, "bad entry padding");
			if (rc)
				break;
			p = nul + pad;
		}
		if (memchr(path, '\0', len))
			rc = unsupported(err, "bad path");
		else if (namelen < F_NAMEMASK ? namelen != len : len < F_NAMEMASK)
			rc = unsupported(err, "bad path length");
		else if (!valid_path(path, len))
			rc = unsupported(err, "bad path");
		if (rc)
			break;
		e->path = path;
		e->len = len;
		e->flags = (flags & F_ASSUME_VALID ? FR_GITINDEX_ASSUME_VALID : 0) |
			   (xflags & X_SKIP_WORKTREE ? FR_GITINDEX_SKIP_WORKTREE : 0);
		/* strictly sorted by path: one entry per path (stage 0 only, see above) */
		if (i) {
			const fr_gitindex_entry *b = &ix->v[i - 1];
			const char *bp = off ? ix->paths + off[i - 1] : b->path;
			size_t m = b->len < len ? b->len : len;
			int k = memcmp(bp, path, m);
			if (k > 0 || (!k && b->len >= len)) {
				rc = unsupported(err, "entries out of order");
				break;
			}
		}
		prevlen = len;
	}
	if (off) {
		/* the buffer moved as it grew: point into it now */
		for (size_t j = 0; j < i; j++)
			ix->v[j].path = ix->paths + off[j];
		free(off);
	}
	*pp = p;
	return rc;
}

/* A decimal number of the TREE extension, up to the byte stop: "-1" or digits. */
static int tree_num(const unsigned char **pp, const unsigned char *end, int stop, long *out)
{
	const unsigned char *p = *pp;
	long v = 0;
	int neg = 0, digits = 0;
	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	while (p < end && *p >= '0' && *p <= '9') {
		if (v > 100000000L)
			return -1;
		v = v * 10 + (*p++ - '0');
		digits++;
	}
	if (!digits || p >= end || *p != stop || (neg && v != 1))
		return -1;
	*pp = p + 1;
	*out = neg ? -1 : v;
	return 0;
}

static int parse_tree(fr_gitindex *ix, const unsigned char *p, const unsigned char *end,
		      fr_error *err)
{
	size_t cap = 0, depth = 0;
	size_t stack[MAX_DEPTH + 1];   /* open nodes */
	size_t left[MAX_DEPTH + 1];    /* subtrees still to come for each */
	if (p == end)
		return 0;
	while (p < end) {
		fr_gitindex_tree *t;
		const unsigned char *nul = memchr(p, '\0', (size_t)(end - p));
		long count, nsub;
		if (!nul)
			return unsupported(err, "bad cache-tree");
		FR_GROW(ix->tree, cap, ix->ntree + 1);
		t = &ix->tree[ix->ntree];
		memset(t, 0, sizeof(*t));
		t->name = (const char *)p;
		t->len = (size_t)(nul - p);
		p = nul + 1;
		if (tree_num(&p, end, ' ', &count) || tree_num(&p, end, '\n', &nsub) || nsub < 0)
			return unsupported(err, "bad cache-tree");
		if ((ix->ntree == 0) != (t->len == 0) || memchr(t->name, '/', t->len))
			return unsupported(err, "bad cache-tree name");
		if (count > (long)ix->n)
			return unsupported(err, "bad cache-tree count");
		t->count = count;
		t->nsub = (size_t)nsub;
		t->span = 1;
		if (count >= 0) {
			if ((size_t)(end - p) < 20)
				return unsupported(err, "bad cache-tree");
			memcpy(t->oid, p, 20);
			p += 20;
		}
		if (ix->ntree == 0) {
			depth = 0;
		} else {
			if (!depth)
				return unsupported(err, "bad cache-tree shape");
			left[depth - 1]--;
		}
		if (depth > MAX_DEPTH - 1)
			return unsupported(err, "cache-tree too deep");
		stack[depth] = ix->ntree;
		left[depth] = t->nsub;
		depth++;
		ix->ntree++;
		/* close every node whose subtrees are all read, adding its span to its parent */
		while (depth && !left[depth - 1]) {
			size_t done = stack[--depth];
			if (depth)
				ix->tree[stack[depth - 1]].span += ix->tree[done].span;
		}
		if (!depth && p != end)
			return unsupported(err, "bad cache-tree shape");
	}
	if (depth)
		return unsupported(err, "truncated cache-tree");
	return 0;
}

int fr_gitindex_parse(fr_gitindex **out, const void *data, size_t len, fr_error *err)
{
	const unsigned char *p = data, *end;
	fr_gitindex *ix;
	size_t count;
	int rc;

	*out = NULL;
	if (len < HDR + TRAILER || memcmp(p, "DIRC", 4))
		return unsupported(err, "not an index file");
	/* The trailing SHA-1 is not checked: git's own read_index does not either (only git fsck
	 * does), so the hook reads exactly the index git commits, whatever its trailer (all
	 * zeros with index.skipHash), and a 10 MB index is not hashed on every commit. Every
	 * byte is still bounds-checked. */
	end = p + len - TRAILER;
	ix = fr_xcalloc(1, sizeof(*ix));
	ix->version = be32(p + 4);
	count = be32(p + 8);
	if (ix->version < 2 || ix->version > 4)
		rc = unsupported(err, "unknown index version");
	else if (count > (len - HDR) / 62)   /* each entry: 40 bytes of stat data and mode, 20 of oid at least */
		rc = unsupported(err, "bad entry count");
	else {
		ix->n = count;
		p += HDR;
		rc = parse_entries(ix, &p, end, count, err);
	}
	while (!rc && p < end) {
		uint32_t size;
		if ((size_t)(end - p) < 8) {
			rc = unsupported(err, "truncated extension");
			break;
		}
		size = be32(p + 4);
		if (size > (size_t)(end - p) - 8) {
			rc = unsupported(err, "truncated extension");
			break;
		}
		if (!memcmp(p, "TREE", 4)) {
			if (ix->ntree) {
				rc = unsupported(err, "two cache-trees");
				break;
			}
			rc = parse_tree(ix, p + 8, p + 8 + size, err);
		} else if (!memcmp(p, "link", 4)) {
			rc = unsupported(err, "split index");
		} else if (!memcmp(p, "sdir", 4)) {
			rc = unsupported(err, "sparse index");
		} else if (p[0] < 'A' || p[0] > 'Z') {
			/* git: an extension whose name does not start with A-Z is required */
			rc = unsupported(err, "unknown required extension");
		}
		p += 8 + size;
	}
	if (rc) {
		fr_gitindex_free(ix);
		return rc;
	}
	*out = ix;
	return 0;
}

int fr_gitindex_read(fr_gitindex **out, const char *path, fr_error *err)
{
	struct stat st;
	void *map;
	int fd, rc;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fr_error_set(err, 0, 0, "", "%s: %s", path, strerror(errno));
		return errno == ENOENT ? 1 : -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		fr_error_set(err, 0, 0, "", "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size < HDR + TRAILER) {
		close(fd);
		return unsupported(err, "not an index file");
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		fr_error_set(err, 0, 0, "", "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = fr_gitindex_parse(out, map, (size_t)st.st_size, err);
	if (rc) {
		munmap(map, (size_t)st.st_size);
		return rc;
	}
	(*out)->map = map;
	(*out)->mapsize = (size_t)st.st_size;
	return 0;
}

void fr_gitindex_free(fr_gitindex *ix)
{
	if (!ix)
		return;
	if (ix->map)
		munmap(ix->map, ix->mapsize);
	free(ix->v);
	free(ix->tree);
	free(ix->paths);
	free(ix);
}

void fr_gitindex_range(const fr_gitindex *ix, const char *dir, size_t dlen, size_t *lo,
		       size_t *hi)
{
	size_t a = 0, b = ix->n;
	/* first entry not before dir */
	while (a < b) {
		size_t m = a + (b - a) / 2;
		const fr_gitindex_entry *e = &ix->v[m];
		size_t k = e->len < dlen ? e->len : dlen;
		int c = memcmp(e->path, dir, k);
		if (c < 0 || (!c && e->len < dlen))
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = ix->n;
	/* first entry after lo that does not start with dir */
	while (a < b) {
		size_t m = a + (b - a) / 2;
		const fr_gitindex_entry *e = &ix->v[m];
		if (e->len >= dlen && !memcmp(e->path, dir, dlen))
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}
