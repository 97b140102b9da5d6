/* cache.c - the per-record cache under .git/flowrec/ (cache.h)
 *
 * The file (native byte order: the cache belongs to one machine's .git):
 *
 *   header   "FRCACHE5", the 20-byte key, 4 zero bytes, u64 entries, u64 kind results, u64
 *            data length, u64 paths length, u64 results length, u64 checksum (80 bytes)
 *   body     a region: the data, then its directory
 *   journal  chunks, each "FRJOURN2", the same five u64 and checksum (56 bytes), then a region
 *
 * A region is the entries' data (each entry's own diagnostics and facts, any order), then the
 * directory: one record of REC bytes per entry (the body's sorted by (path, blob id), a
 * chunk's in any order), the entries' paths one after the other in record order, and the
 * kind results. A run reads only directories: the data of an entry is read when its
 * diagnostics (if it has any) or its facts are needed.
 *
 * A record (offsets R_*): the stat data (6 x i64), the 20-byte blob id, u16 path length, u8
 * kind (the index in fr_kinds of the record as kept, 255: none), u8 flags (1: its facts hold
 * approvals, 2: its rules read today, 4: it has front-matter), i32 today (the day it read),
 * i32 body line, u32 diagnostics, u32 the path's offset in the file, u64 file length, u64 the
 * data's offset in the file, u32 data length, u32 zero, u64 the data's checksum.
 *
 * An entry's data: its diagnostics (each i32 line, i32 col, u8 severity, u8 rule length,
 * rule, u32 message length, message), then, with flag 4, its facts: a node is u8 type, line
 * and col as varints (LEB128 of the zigzag value) and by type u8 (bool), f64 (number), varint
 * length + bytes (string), varint n + n nodes (sequence), varint n + n key/value node pairs
 * (mapping): a key is 3 bytes and its text, where fixed-width fields made it 13.
 *
 * A kind result: u32 length of the rest, the 20-byte result key (fr_cache_result_key), i32
 * today-read flag, i32 today (its rules read today: served on that day only), u32
 * diagnostics, each u16 path length, path, i32 line, i32 col, u8 severity, u8 rule length,
 * rule, u32 message length, message.
 *
 * Checksums: a region's directory is checked whole when the file is opened (a 64-bit hash of
 * each record and its path, then of each result, chained, seeded with the header's counts
 * and lengths); each entry's data is checked (its own hash, kept in its record) only when
 * it is decoded. So a corrupt byte is never trusted: in the header or a directory it drops
 * the file (or the chunk and what follows it), in an entry's data that entry. Corruption,
 * not attacks, is the threat: the file lives in the user's own .git. A kept entry's data is
 * copied with its checksum, never summed again, so damage stays visible.
 *
 * An entry of the journal says the same as one of the body with the same key but newer stat
 * data: the latest wins. The journal ends at the end of the file or at the first chunk that
 * is cut short or does not add up (ignored with what follows). A run that adds entries or
 * results appends a chunk when the file is still the one it mapped (same inode and size,
 * under flock) and the journal stays under a quarter of the body; else it compacts: the
 * whole file with this run's entries and results, written to a temporary file and renamed.
 */
#include "cache.h"
#include "buf.h"
#include "i18n.h"
#include "util.h"

#include <git2.h>
#include <openssl/evp.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAGIC "FRCACHE5"
#define HEAD 80
#define JMAGIC "FRJOURN2"
#define JHEAD 56
#define MAX_CACHE ((size_t)1 << 31)

/* a directory record */
#define R_ST 0
#define R_OID 48
#define R_PLEN 68
#define R_KIND 70
#define R_FLAGS 71
#define R_TODAY 72
#define R_BLINE 76
#define R_NDIAG 80
#define R_POFF 84
#define R_FLEN 88
#define R_XOFF 96
#define R_XLEN 104
#define R_PAD 108
#define R_XSUM 112
#define REC 120
#define F_APPROVALS 1
#define F_TODAY 2
#define F_FM 4

/* A new entry: its key, its record (offsets and checksum filled when written), its
 * diagnostics serialised, and the record whose facts are serialised when written. */
struct fresh {
	char *path;
	unsigned char oid[20];
	unsigned char rec[REC];
	fr_buf diags;
	const fr_record *r;
};

struct slot {
	int kind;            /* 0 none, 1 keep entry e, 2 a new entry (nw) */
	int have_st;         /* kept entry: st replaces its stat data */
	long e;
	fr_stat st;
	struct fresh *nw;
};

/* A kind result of this run: one of the file (old) or a new one (bytes). */
struct rslot {
	unsigned char key[20];
	const unsigned char *old;
	fr_buf bytes;
};

struct fr_cache {
	char *dir;                  /* NULL: never written */
	unsigned char key[20];
	char *data;                 /* the file, mapped (mapped 1) or read, or NULL */
	size_t len;
	int mapped;
	const unsigned char **ent;  /* each entry's start in data: the body's, then the journal's */
	size_t n, cap_ent;
	size_t nbody;               /* ent[0..nbody) are the body's, sorted by (path, blob id) */
	size_t body_end;            /* the body's end in data (0: no valid file) */
	size_t journal_end;         /* the end of the journal's last good chunk */
	dev_t dev;                  /* the file mapped */
	ino_t ino;
	uint32_t *hix;              /* the journal's entries (the body's are found by their order),
				     * open addressing, pairs: 1 + the entry (0 free) and the top
				     * half of its path's hash */
	size_t hcap;                /* a power of two, or 0 */
	const unsigned char **res;  /* each kind result's start in data */
	size_t nres, cap_res;
	struct slot *slots;
	size_t nslots, cap;
	struct rslot *rs;           /* the kind results of the next file (under lock) */
	size_t nrs, caprs;
	int res_dirty;              /* a result is new */
	pthread_mutex_t lock;
	time_t started;
};

/* SHA-1 through OpenSSL's EVP (about 10x libgit2's collision-detecting SHA-1), fetched once;
 * libgit2's only when EVP fails. Both give the same digest. */
static EVP_MD *evp_sha1;
static pthread_once_t evp_once = PTHREAD_ONCE_INIT;

static void evp_init(void)
{
	evp_sha1 = EVP_MD_fetch(NULL, "SHA1", NULL);
}

/* SHA-1 of head[0..hn) then data[0..len); 0, or -1 when EVP cannot do it */
static int evp_digest(const void *head, size_t hn, const void *data, size_t len,
		      unsigned char out[20])
{
	EVP_MD_CTX *ctx;
	unsigned int mdlen = 0;
	int ok;
	pthread_once(&evp_once, evp_init);
	if (!evp_sha1 || !(ctx = EVP_MD_CTX_new()))
		return -1;
	ok = EVP_DigestInit_ex(ctx, evp_sha1, NULL) && EVP_DigestUpdate(ctx, head, hn) &&
	     EVP_DigestUpdate(ctx, data, len) && EVP_DigestFinal_ex(ctx, out, &mdlen) &&
	     mdlen == 20;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

static void blob_raw(const void *data, size_t len, unsigned char out[20])
{
	char head[32];
	int hn = snprintf(head, sizeof(head), "blob %zu", len);
	if (!data)
		data = "";
	if (evp_digest(head, (size_t)hn + 1, data, len, out)) {
		git_oid id;
		git_odb_hash(&id, data, len, GIT_OBJECT_BLOB);
		memcpy(out, id.id, 20);
	}
}

void fr_blob_oid(const char *data, size_t len, char out[41])
{
	unsigned char md[20];
	blob_raw(data, len, md);
	fr_oid_hex(md, out);
}

/* The keys (the cache's, the kind results'): a blob id of the bytes, as before */
static void sha1(const void *data, size_t len, unsigned char out[20])
{
	blob_raw(data, len, out);
}

/* The checksum: a 64-bit hash of each entry, chained (corruption, not attacks, is the threat:
 * the file lives in the user's own .git). */

#define SUM_SEED 0xcbf29ce484222325ULL

static uint64_t sum_entry(uint64_t sum, const unsigned char *p, size_t n)
{
	return fr_hash64(sum * 31 + n, p, n);
}

void fr_cache_key(unsigned char key[20], const unsigned char team[20])
{
	fr_buf b;
	struct stat st;
	const char *lang = fr_i18n_lang(), *msgs = setlocale(LC_MESSAGES, NULL);
	fr_buf_init(&b);
	fr_buf_adds(&b, "flowrec cache 1\n" FLOWREC_VERSION "\n");
	/* a rebuilt binary may have other rules under the same version */
	if (stat("/proc/self/exe", &st) == 0)
		fr_buf_addf(&b, "%lld %lld.%09ld\n", (long long)st.st_size, (long long)st.st_mtim.tv_sec,
			    st.st_mtim.tv_nsec);
	fr_buf_addf(&b, "%s\n%s\n", msgs ? msgs : "", lang ? lang : "");
	fr_buf_add(&b, team, 20);
	sha1(b.ptr, b.len, key);
	fr_buf_free(&b);
}

void fr_cache_team_hash(unsigned char out[20], const char *cfg, size_t len, const fr_files *files)
{
	fr_buf b;
	size_t i;
	fr_buf_init(&b);
	if (cfg)
		fr_buf_add(&b, cfg, len);
	fr_buf_addc(&b, '\0');
	for (i = 0; files && i < files->n; i++) {
		const fr_file *f = &files->v[i];
		if (strncmp(f->path, "schemas/", 8) || !f->data)
			continue;
		fr_buf_addf(&b, "%s%c%zu%c", f->path, 0, f->len, 0);
		fr_buf_add(&b, f->data, f->len);
	}
	sha1(b.ptr, b.len, out);
	fr_buf_free(&b);
}

/* ---- reading ---- */

struct rd {
	const unsigned char *p, *end;
	int bad;
};

static const void *take(struct rd *r, size_t n)
{
	const unsigned char *p = r->p;
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	return p;
}

#define GET(r, T) get_##T(r)
static uint8_t get_u8(struct rd *r) { const void *p = take(r, 1); uint8_t v = 0; if (p) memcpy(&v, p, 1); return v; }
static uint32_t get_u32(struct rd *r) { const void *p = take(r, 4); uint32_t v = 0; if (p) memcpy(&v, p, 4); return v; }
static int32_t get_i32(struct rd *r) { const void *p = take(r, 4); int32_t v = 0; if (p) memcpy(&v, p, 4); return v; }
static double get_f64(struct rd *r) { const void *p = take(r, 8); double v = 0; if (p) memcpy(&v, p, 8); return v; }
/* An unsigned LEB128 of at most 5 bytes (32 bits); bad past the end or when longer. */
static uint32_t get_var(struct rd *r)
{
	uint32_t v = 0;
	int shift;
	for (shift = 0; shift < 35; shift += 7) {
		const unsigned char *p = take(r, 1);
		if (!p)
			return 0;
		if (shift == 28 && *p > 15)
			break;
		v |= (uint32_t)(*p & 127) << shift;
		if (!(*p & 128))
			return v;
	}
	r->bad = 1;
	return 0;
}
static int32_t get_zig(struct rd *r) { uint32_t u = get_var(r); return (int32_t)((u >> 1) ^ (0u - (u & 1))); }

static void warn_damaged(const char *path, const char *why)
{
	fprintf(stderr, _("flowrec: warning: ignoring the cache '%s' (%s): it is rebuilt by this run\n"),
		path, why);
}

static uint64_t rd64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static uint32_t rd32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t rd16(const unsigned char *p) { uint16_t v; memcpy(&v, p, 2); return v; }

/* A region: its data at x, then its directory; v the header's five counts and lengths
 * (entries, results, data, paths, results' bytes). */
struct region {
	const unsigned char *x;
	uint64_t v[5];
};

#define JOURNAL_SALT 0x6a6f75726e616cULL

static uint64_t region_seed(uint64_t salt, const uint64_t v[5])
{
	return fr_hash64(SUM_SEED ^ salt, (const unsigned char *)v, 5 * sizeof(*v));
}

/* The bytes of a region of counts v, or 0 when they cannot be (too large). */
static uint64_t region_len(const uint64_t v[5])
{
	if (v[0] > MAX_CACHE / REC || v[1] > MAX_CACHE || v[2] > MAX_CACHE || v[3] > MAX_CACHE ||
	    v[4] > MAX_CACHE)
		return 0;
	return v[2] + v[0] * REC + v[3] + v[4];
}

static uint64_t data_sum(const unsigned char *p, size_t n)
{
	return fr_hash64(SUM_SEED ^ (uint64_t)n, p, n);
}

/* Index region g (its entries appended to c->ent, its results to c->res; the caller made sure
 * it lies within the file) and chain its directory's checksum into *sum (from seed); 0, or -1
 * when it does not add up (then nothing of it is kept). */
static int index_region(fr_cache *c, const struct region *g, uint64_t seed, uint64_t *sum)
{
	const unsigned char *base = (const unsigned char *)c->data, *recs, *res, *end, *p;
	uint64_t n = g->v[0], nres = g->v[1];
	size_t i, n0 = c->n, r0 = c->nres, at, xlo, xhi, pend;
	*sum = seed;
	if (c->n + n > UINT32_MAX - 1 || nres > g->v[4] / 36)
		return -1;
	recs = g->x + g->v[2];
	res = recs + n * REC + g->v[3];
	end = res + g->v[4];
	xlo = (size_t)(g->x - base);
	xhi = xlo + (size_t)g->v[2];
	at = (size_t)(recs - base) + (size_t)n * REC;
	pend = (size_t)(res - base);
	FR_GROW(c->ent, c->cap_ent, c->n + (size_t)n + 1);
	FR_GROW(c->res, c->cap_res, c->nres + (size_t)nres + 1);
	for (i = 0; i < n; i++) {
		const unsigned char *r = recs + i * REC;
		size_t pl = rd16(r + R_PLEN);
		uint64_t xo = rd64(r + R_XOFF);
		uint32_t xl = rd32(r + R_XLEN);
		/* the paths one after the other in record order; the data within the region's */
		if (!pl || rd32(r + R_POFF) != at || pl > pend - at || xo < xlo || xo > xhi ||
		    xl > xhi - xo || rd32(r + R_PAD) || r[R_FLAGS] > 7)
			goto bad;
		*sum = sum_entry(*sum, r, REC);
		*sum = sum_entry(*sum, base + at, pl);
		at += pl;
		c->ent[c->n++] = r;
	}
	if (at != pend)
		goto bad;
	for (p = res, i = 0; i < nres; i++) {
		uint32_t el;
		if (end - p < 4)
			goto bad;
		el = rd32(p);
		if (el < 20 + 8 + 4 || el > (size_t)(end - p) - 4)
			goto bad;
		c->res[c->nres++] = p;
		*sum = sum_entry(*sum, p, 4 + (size_t)el);
		p += 4 + (size_t)el;
	}
	if (p == end)
		return 0;
bad:
	c->n = n0;
	c->nres = r0;
	return -1;
}

/* The chunks after the body, each checked; the first one that is cut short or does not add
 * up (a write that was interrupted, or damage) ends the journal there: it and what follows are
 * ignored, and the next write compacts the file. */
static void read_journal(fr_cache *c)
{
	size_t at = c->body_end;
	while (at < c->len) {
		const unsigned char *p = (const unsigned char *)c->data + at;
		struct region g;
		uint64_t sum, len;
		int k;
		if (c->len - at < JHEAD || memcmp(p, JMAGIC, 8))
			break;
		for (k = 0; k < 5; k++)
			g.v[k] = rd64(p + 8 + 8 * k);
		g.x = p + JHEAD;
		len = region_len(g.v);
		if (!len || len > c->len - at - JHEAD ||
		    index_region(c, &g, region_seed(JOURNAL_SALT, g.v), &sum))
			break;
		if (sum != rd64(p + 48)) {
			c->n -= (size_t)g.v[0];
			c->nres -= (size_t)g.v[1];
			break;
		}
		at += JHEAD + (size_t)len;
	}
	c->journal_end = at;
}

static void index_paths(fr_cache *c);

/* The file at path mapped (or read) into c->data; 0, or -1 with errno. */
static int load_file(fr_cache *c, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	void *m;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (size_t)st.st_size > MAX_CACHE) {
		int e = errno;
		close(fd);
		errno = S_ISREG(st.st_mode) ? EFBIG : e ? e : EINVAL;
		return -1;
	}
	if (st.st_size == 0) {
		close(fd);
		c->data = fr_xstrdup("");
		c->len = 0;
		return 0;
	}
	/* mapped: the pages are the page cache's, nothing is copied; only the directories and
	 * the data of the entries decoded are ever touched */
	c->dev = st.st_dev;
	c->ino = st.st_ino;
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return fr_read_file_at(AT_FDCWD, path, MAX_CACHE, FR_READ_NOFOLLOW, &c->data, &c->len);
	c->data = m;
	c->len = (size_t)st.st_size;
	c->mapped = 1;
	return 0;
}

static void drop_data(fr_cache *c)
{
	if (c->mapped)
		munmap(c->data, c->len);
	else
		free(c->data);
	c->data = NULL;
	c->len = 0;
	c->mapped = 0;
}

/* No file: its entries, results, path table and mapping dropped. */
static void forget_entries(fr_cache *c)
{
	free(c->ent);
	c->ent = NULL;
	c->n = c->cap_ent = c->nbody = 0;
	c->body_end = c->journal_end = 0;
	free(c->hix);
	c->hix = NULL;
	c->hcap = 0;
	free(c->res);
	c->res = NULL;
	c->nres = c->cap_res = 0;
	drop_data(c);
}

fr_cache *fr_cache_open(const char *dir, const unsigned char key[20])
{
	fr_cache *c = fr_xcalloc(1, sizeof(*c));
	char *path;
	uint64_t sum, len;
	const unsigned char *d;
	struct region g;
	int k;

	c->started = time(NULL);
	pthread_mutex_init(&c->lock, NULL);
	memcpy(c->key, key, 20);
	if (!dir)
		return c;
	c->dir = fr_xstrdup(dir);
	path = fr_xmalloc(strlen(dir) + sizeof("/cache"));
	sprintf(path, "%s/cache", dir);
	if (load_file(c, path)) {
		if (errno != ENOENT)
			warn_damaged(path, strerror(errno));
		free(path);
		return c;
	}
	d = (const unsigned char *)c->data;
	if (c->len < HEAD || memcmp(d, MAGIC, 7)) {
		warn_damaged(path, _("not a flowrec cache"));
		goto drop;
	}
	if (memcmp(d, MAGIC, 8) || memcmp(d + 8, key, 20))
		goto drop; /* another format, build, language or team: silently rebuilt */
	for (k = 0; k < 5; k++)
		g.v[k] = rd64(d + 32 + 8 * k);
	g.x = d + HEAD;
	len = region_len(g.v);
	if (!len || len > c->len - HEAD) {
		warn_damaged(path, _("truncated"));
		goto drop;
	}
	if (rd32(d + 28) || index_region(c, &g, region_seed(0, g.v), &sum) ||
	    sum != rd64(d + 72)) {
		warn_damaged(path, _("checksum mismatch"));
		goto drop;
	}
	c->body_end = HEAD + (size_t)len;
	c->nbody = c->n;
	read_journal(c);
	index_paths(c);
	free(path);
	return c;
drop:
	forget_entries(c);
	free(path);
	return c;
}

static void free_slots(fr_cache *c)
{
	size_t i;
	for (i = 0; i < c->nslots; i++) {
		struct fresh *nw = c->slots[i].nw;
		if (nw) {
			fr_buf_free(&nw->diags);
			free(nw->path);
			free(nw);
		}
	}
	free(c->slots);
	c->slots = NULL;
	c->nslots = c->cap = 0;
	for (i = 0; i < c->nrs; i++)
		fr_buf_free(&c->rs[i].bytes);
	free(c->rs);
	c->rs = NULL;
	c->nrs = c->caprs = 0;
	c->res_dirty = 0;
}

void fr_cache_free(fr_cache *c)
{
	if (!c)
		return;
	free_slots(c);
	free(c->ent);
	free(c->hix);
	free(c->res);
	drop_data(c);
	pthread_mutex_destroy(&c->lock);
	free(c->dir);
	free(c);
}

void fr_cache_reset(fr_cache *c)
{
	char *path;
	if (!c)
		return;
	path = fr_xmalloc(strlen(c->dir ? c->dir : ".") + sizeof("/cache"));
	sprintf(path, "%s/cache", c->dir ? c->dir : ".");
	warn_damaged(path, _("checksum mismatch"));
	free(path);
	free_slots(c);
	forget_entries(c);
}

int fr_cache_has_key(const fr_cache *c, const unsigned char key[20])
{
	return c && !memcmp(c->key, key, 20);
}

/* The path and raw blob id of entry e. */
static void entry_key(const fr_cache *c, size_t e, const char **path, size_t *plen,
		      const unsigned char **oid)
{
	const unsigned char *r = c->ent[e];
	*plen = rd16(r + R_PLEN);
	*path = c->data + rd32(r + R_POFF);
	*oid = r + R_OID;
}

static int cmp_key(const char *pa, size_t la, const unsigned char *oa, const char *pb,
		   size_t lb, const unsigned char *ob)
{
	int k = memcmp(pa, pb, la < lb ? la : lb);
	if (k)
		return k;
	if (la != lb)
		return la < lb ? -1 : 1;
	return oa && ob ? memcmp(oa, ob, 20) : 0;
}

static uint64_t path_hash(const char *p, size_t n)
{
	uint64_t h = fr_hash64(SUM_SEED, (const unsigned char *)p, n);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* The table of the journal's entries by their path's hash (the body's are found by binary
 * search: sorted, and looked up in the walk's order, which is the body's). */
static void index_paths(fr_cache *c)
{
	size_t e, i, nj = c->n - c->nbody;
	uint64_t h;
	if (!nj)
		return;
	c->hcap = 16;
	while (c->hcap < 2 * nj)
		c->hcap *= 2;
	c->hix = fr_xcalloc(c->hcap, 2 * sizeof(*c->hix));
	for (e = c->nbody; e < c->n; e++) {
		const char *mp;
		size_t ml;
		const unsigned char *mo;
		entry_key(c, e, &mp, &ml, &mo);
		h = path_hash(mp, ml);
		for (i = h & (c->hcap - 1); c->hix[2 * i]; i = (i + 1) & (c->hcap - 1))
			;
		c->hix[2 * i] = (uint32_t)e + 1;
		c->hix[2 * i + 1] = (uint32_t)(h >> 32);
	}
}

static int path_is(const fr_cache *c, size_t e, const char *path, size_t pl)
{
	const char *mp;
	size_t ml;
	const unsigned char *mo;
	entry_key(c, e, &mp, &ml, &mo);
	return ml == pl && !memcmp(mp, path, pl);
}

/* The body's entries of path: [*lo, *hi) (empty when none). hint: where they likely start
 * (the entry after the last path looked up in path order), or (size_t)-1. */
static void body_range(const fr_cache *c, const char *path, size_t pl, size_t hint, size_t *lo,
		       size_t *hi)
{
	size_t a = 0, b = c->nbody;
	if (hint < c->nbody && path_is(c, hint, path, pl) &&
	    (hint == 0 || !path_is(c, hint - 1, path, pl))) {
		a = hint;
	} else {
		while (a < b) { /* the first entry whose path is not below path */
			size_t mid = a + (b - a) / 2;
			const char *mp;
			size_t ml;
			const unsigned char *mo;
			entry_key(c, mid, &mp, &ml, &mo);
			if (cmp_key(mp, ml, NULL, path, pl, NULL) < 0)
				a = mid + 1;
			else
				b = mid;
		}
	}
	for (b = a; b < c->nbody && path_is(c, b, path, pl); b++)
		;
	*lo = a;
	*hi = b;
}

/* The entries of path, the latest first (the journal's, the last chunk's first, then the
 * body's, the last first): *at starts at (size_t)-1; returns the next entry, or c->n when
 * there is no more. *hint as body_range's; it becomes the end of the path's body entries. */
static size_t next_of(const fr_cache *c, const char *path, size_t pl, uint64_t h, size_t *at,
		      size_t *hint)
{
	size_t i, best = c->n, lo, hi;
	if (*at == (size_t)-1 || *at >= c->nbody) {
		/* the journal: the probe sequence holds its entries in insertion order: collect
		 * the largest index below the last one returned */
		for (i = h & (c->hcap - 1); c->hcap && c->hix[2 * i]; i = (i + 1) & (c->hcap - 1)) {
			size_t e = c->hix[2 * i] - 1;
			if (c->hix[2 * i + 1] != (uint32_t)(h >> 32) ||
			    (*at != (size_t)-1 && e >= *at) || (best != c->n && e <= best))
				continue;
			if (path_is(c, e, path, pl))
				best = e;
		}
		if (best != c->n)
			return *at = best;
		/* then the body's */
		body_range(c, path, pl, *hint, &lo, &hi);
		*hint = hi;
		return *at = lo < hi ? hi - 1 : c->n;
	}
	/* within the body's run of path */
	if (*at > 0 && path_is(c, *at - 1, path, pl))
		return --*at;
	return *at = c->n;
}

static int hex_oid(const char *hex, unsigned char out[20])
{
	int i;
	if (!hex)
		return -1;
	for (i = 0; i < 40; i++) {
		int ch = (unsigned char)hex[i], v;
		if (ch >= '0' && ch <= '9')
			v = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			v = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			v = ch - 'A' + 10;
		else
			return -1;
		if (i & 1)
			out[i / 2] = (unsigned char)(out[i / 2] | v);
		else
			out[i / 2] = (unsigned char)(v << 4);
	}
	return hex[40] ? -1 : 0;
}

static void oid_hex(const unsigned char *raw, char out[41])
{
	fr_oid_hex(raw, out);
}

static void read_stat(const unsigned char *p, fr_stat *st)
{
	memcpy(st, p, sizeof(*st));
}

static int stat_known(const fr_stat *st)
{
	return st->mtime_s || st->mtime_ns || st->ino || st->size;
}

size_t fr_cache_entries(const fr_cache *c)
{
	return c ? c->n : 0;
}

int fr_cache_oid_by_stat(const fr_cache *c, const char *path, const fr_stat *st, char out[41],
			 size_t *hint, long *entry)
{
	size_t e, pl = strlen(path), at = (size_t)-1;
	uint64_t h = c->hcap ? path_hash(path, pl) : 0;
	*entry = -1;
	if (!stat_known(st))
		return 0;
	while ((e = next_of(c, path, pl, h, &at, hint)) < c->n) {
		const char *mp;
		size_t ml;
		const unsigned char *mo;
		fr_stat have;
		entry_key(c, e, &mp, &ml, &mo);
		read_stat(c->ent[e] + R_ST, &have);
		if (memcmp(&have, st, sizeof(have)))
			continue;
		oid_hex(mo, out);
		*entry = (long)e;
		return 1;
	}
	return 0;
}

/* Whether entry e serves today. */
static int serves_today(const fr_cache *c, size_t e, int today)
{
	const unsigned char *r = c->ent[e];
	return !(r[R_FLAGS] & F_TODAY) || (int32_t)rd32(r + R_TODAY) == today;
}

long fr_cache_find(const fr_cache *c, const char *path, const char *oid, int today)
{
	return fr_cache_find_at(c, -1, path, oid, today);
}

long fr_cache_find_at(const fr_cache *c, long hint, const char *path, const char *oid, int today)
{
	unsigned char raw[20];
	size_t e, ml, pl, at = (size_t)-1, bh = (size_t)-1;
	uint64_t h;
	const char *mp;
	const unsigned char *mo;
	if (!c->n || !oid)
		return -1;
	pl = strlen(path);
	if (hint >= 0 && (size_t)hint < c->n) {
		/* the entry the walk found by the file's stat data: when it is this (path, blob
		 * id) for today, it is the answer (entries of one key say the same) */
		char hex[41];
		entry_key(c, (size_t)hint, &mp, &ml, &mo);
		oid_hex(mo, hex);
		if (ml == pl && !memcmp(mp, path, pl) && !memcmp(hex, oid, 41) &&
		    serves_today(c, (size_t)hint, today))
			return hint;
	}
	if (hex_oid(oid, raw))
		return -1;
	h = c->hcap ? path_hash(path, pl) : 0;
	while ((e = next_of(c, path, pl, h, &at, &bh)) < c->n) {
		entry_key(c, e, &mp, &ml, &mo);
		if (memcmp(mo, raw, 20))
			continue;
		if (serves_today(c, e, today))
			return (long)e;
	}
	return -1;
}

/* A node of an entry's facts; keys and short strings from tab when not NULL (as
 * fr_node_prune_shared makes them). */
static fr_node *read_node(struct rd *r, fr_arena *a, fr_strtab *tab, int depth, int is_key)
{
	fr_node *n, *in;
	uint32_t k, i;
	fr_type type;
	int line, col;
	if (depth > 400) {
		r->bad = 1;
		return NULL;
	}
	type = (fr_type)GET(r, u8);
	line = get_zig(r);
	col = get_zig(r);
	if (is_key && type == FR_STRING && tab) {
		/* a key: the shared node of its text, when it is short enough to have one */
		const unsigned char *mark = r->p;
		const char *s;
		k = get_var(r);
		if (!(s = take(r, k)))
			return NULL;
		if ((in = fr_strtab_node(tab, s, k, line, col)))
			return in;
		r->p = mark;
	}
	n = fr_alloc(a, sizeof(*n));
	n->type = type;
	n->line = line;
	n->col = col;
	n->str = "";
	switch (n->type) {
	case FR_NULL:
		break;
	case FR_BOOL:
		n->boolean = GET(r, u8);
		break;
	case FR_NUMBER:
		n->num = GET(r, f64);
		break;
	case FR_STRING: {
		const char *s;
		k = get_var(r);
		if (!(s = take(r, k)))
			return NULL;
		if ((in = fr_strtab_node(tab, s, k, n->line, n->col))) {
			n->str = in->str;
		} else {
			n->str = fr_strndup(a, s, k);
		}
		n->len = k;
		break;
	}
	case FR_SEQ:
		k = get_var(r);
		if (r->bad || k > (size_t)(r->end - r->p) / 3)   /* a node is 3 bytes at least */
			return r->bad = 1, NULL;
		n->items = k ? fr_alloc(a, k * sizeof(*n->items)) : NULL;
		for (i = 0; i < k; i++)
			if (!(n->items[i] = read_node(r, a, tab, depth + 1, 0)))
				return NULL;
		n->n = k;
		break;
	case FR_MAP:
		k = get_var(r);
		if (r->bad || k > (size_t)(r->end - r->p) / 6)
			return r->bad = 1, NULL;
		n->pairs = k ? fr_alloc(a, k * sizeof(*n->pairs)) : NULL;
		for (i = 0; i < k; i++) {
			if (!(n->pairs[i].key = read_node(r, a, tab, depth + 1, 1)) ||
			    n->pairs[i].key->type != FR_STRING ||
			    !(n->pairs[i].val = read_node(r, a, tab, depth + 1, 0)))
				return r->bad = 1, NULL;
		}
		n->n = k;
		break;
	default:
		r->bad = 1;
		return NULL;
	}
	return r->bad ? NULL : n;
}

/* A reader over entry e's data when its checksum holds; 0, or -1. */
static int data_of(const fr_cache *c, size_t e, struct rd *r)
{
	const unsigned char *rec = c->ent[e];
	uint32_t xl = rd32(rec + R_XLEN);
	r->p = (const unsigned char *)c->data + rd64(rec + R_XOFF);
	r->end = r->p + xl;
	r->bad = 0;
	return data_sum(r->p, xl) == rd64(rec + R_XSUM) ? 0 : -1;
}

/* Past the diagnostics of an entry (n of them). */
static void skip_diags(struct rd *r, uint32_t n)
{
	uint32_t i;
	for (i = 0; i < n && !r->bad; i++) {
		uint8_t rl;
		take(r, 4 + 4 + 1);
		rl = GET(r, u8);
		take(r, rl);
		take(r, GET(r, u32));
	}
}

fr_record *fr_cache_stub(const fr_cache *c, long e, fr_arena *a, const char *path, fr_diags *d,
			 int *kind, int *approvals)
{
	const unsigned char *rec;
	uint32_t nd, i;
	struct rd r;
	fr_record *out;
	fr_diags own = FR_DIAGS_INIT;

	if (e < 0 || (size_t)e >= c->n)
		return NULL;
	rec = c->ent[e];
	nd = rd32(rec + R_NDIAG);
	/* the directory says it all, but for the diagnostics (data, checked first) */
	if (nd && data_of(c, (size_t)e, &r))
		return NULL;
	for (i = 0; i < nd && !r.bad; i++) {
		int line = GET(&r, i32), col = GET(&r, i32);
		int sev = GET(&r, u8);
		uint8_t rl = GET(&r, u8);
		const char *rule = take(&r, rl);
		uint32_t msl = GET(&r, u32);
		const char *msg = take(&r, msl);
		char rb[24];
		if (r.bad || rl >= sizeof(rb) || sev > FR_SEV_ERROR) {
			r.bad = 1;
			break;
		}
		memcpy(rb, rule, rl);
		rb[rl] = '\0';
		fr_diags_add(&own, path, line, col, (fr_severity)sev, rb, "%.*s", (int)msl, msg);
	}
	if (nd && r.bad) {
		fr_diags_free(&own);
		return NULL;
	}
	out = fr_alloc(a, sizeof(*out));
	out->path = fr_strdup(a, path);
	out->src = "";
	out->body = "";
	out->len = (size_t)rd64(rec + R_FLEN);
	out->body_line = (int32_t)rd32(rec + R_BLINE);
	out->valid = 1;
	*kind = rec[R_KIND];
	*approvals = rec[R_FLAGS] & F_APPROVALS;
	fr_diags_move(d, &own);
	return out;
}

fr_node *fr_cache_facts(const fr_cache *c, long e, fr_arena *a, fr_strtab *tab, int *bad)
{
	struct rd r;
	fr_node *fm = NULL;
	*bad = 1;
	if (e < 0 || (size_t)e >= c->n || data_of(c, (size_t)e, &r))
		return NULL;
	skip_diags(&r, rd32(c->ent[e] + R_NDIAG));
	if (!r.bad && (c->ent[e][R_FLAGS] & F_FM))
		fm = read_node(&r, a, tab, 0, 0);
	*bad = r.bad || r.p != r.end;
	return *bad ? NULL : fm;
}

/* ---- kind results ---- */

void fr_cache_result_key(const fr_cache *c, const void *list, size_t len, unsigned char out[20])
{
	fr_buf b;
	fr_buf_init(&b);
	fr_buf_adds(&b, "flowrec kind result 1\n");
	fr_buf_add(&b, c->key, 20);
	fr_buf_add(&b, list, len);
	sha1(b.ptr, b.len, out);
	fr_buf_free(&b);
}

/* The diagnostics of result p appended to d; 0, or -1 (nothing appended) when it does not
 * decode. */
static int read_result(const unsigned char *p, fr_diags *d)
{
	struct rd r;
	uint32_t el, nd, i;
	fr_diags own = FR_DIAGS_INIT;
	memcpy(&el, p, 4);
	r.p = p + 4 + 20 + 8;
	r.end = p + 4 + el;
	r.bad = 0;
	nd = GET(&r, u32);
	for (i = 0; i < nd && !r.bad; i++) {
		uint16_t pl;
		const char *path, *rule, *msg;
		int line, col, sev;
		uint8_t rl;
		uint32_t msl;
		char rb[24];
		const void *q = take(&r, 2);
		if (!q)
			break;
		memcpy(&pl, q, 2);
		path = take(&r, pl);
		line = GET(&r, i32);
		col = GET(&r, i32);
		sev = GET(&r, u8);
		rl = GET(&r, u8);
		rule = take(&r, rl);
		msl = GET(&r, u32);
		msg = take(&r, msl);
		if (r.bad || !pl || rl >= sizeof(rb) || sev > FR_SEV_ERROR ||
		    memchr(path, '\0', pl)) {
			r.bad = 1;
			break;
		}
		memcpy(rb, rule, rl);
		rb[rl] = '\0';
		{
			char *ps = fr_xmalloc((size_t)pl + 1);
			memcpy(ps, path, pl);
			ps[pl] = '\0';
			fr_diags_add(&own, ps, line, col, (fr_severity)sev, rb, "%.*s", (int)msl, msg);
			free(ps);
		}
	}
	if (r.bad || r.p != r.end) {
		fr_diags_free(&own);
		return -1;
	}
	fr_diags_move(d, &own);
	return 0;
}

int fr_cache_result(fr_cache *c, const unsigned char key[20], int today, fr_diags *d)
{
	size_t i;
	for (i = 0; i < c->nres; i++) {
		int32_t t[2];
		uint32_t el;
		memcpy(&el, c->res[i], 4);
		if (el < 20 + 8 + 4 || memcmp(c->res[i] + 4, key, 20))
			continue;
		memcpy(t, c->res[i] + 4 + 20, 8);
		if (t[0] && t[1] != today)
			continue; /* its rules read today: another day's */
		if (read_result(c->res[i], d))
			return 0;
		pthread_mutex_lock(&c->lock);
		FR_GROW(c->rs, c->caprs, c->nrs + 1);
		memset(&c->rs[c->nrs], 0, sizeof(c->rs[c->nrs]));
		memcpy(c->rs[c->nrs].key, key, 20);
		c->rs[c->nrs++].old = c->res[i];
		pthread_mutex_unlock(&c->lock);
		return 1;
	}
	return 0;
}

void fr_cache_put_result(fr_cache *c, const unsigned char key[20], int today_read, int today,
			 const fr_diag *d, size_t n)
{
	fr_buf b;
	size_t i;
	uint32_t el;
	int32_t t[2] = { today_read ? 1 : 0, today_read ? today : 0 };
	fr_buf_init(&b);
	fr_buf_add(&b, "\0\0\0\0", 4);
	fr_buf_add(&b, key, 20);
	fr_buf_add(&b, t, 8);
	el = (uint32_t)n;
	fr_buf_add(&b, &el, 4);
	for (i = 0; i < n; i++) {
		size_t pl = d[i].path ? strlen(d[i].path) : 0, rl = strlen(d[i].rule), ml = strlen(d[i].msg);
		uint16_t p16 = (uint16_t)pl;
		uint32_t m32 = (uint32_t)ml;
		uint8_t r8 = (uint8_t)rl, sev = (uint8_t)d[i].sev;
		int32_t line = d[i].line, col = d[i].col;
		if (!pl || pl > 65535 || rl > 23 || ml > 0xffffffffu) {
			fr_buf_free(&b); /* not representable: the kind is computed again next time */
			return;
		}
		fr_buf_add(&b, &p16, 2);
		fr_buf_add(&b, d[i].path, pl);
		fr_buf_add(&b, &line, 4);
		fr_buf_add(&b, &col, 4);
		fr_buf_add(&b, &sev, 1);
		fr_buf_add(&b, &r8, 1);
		fr_buf_add(&b, d[i].rule, rl);
		fr_buf_add(&b, &m32, 4);
		fr_buf_add(&b, d[i].msg, ml);
	}
	el = (uint32_t)(b.len - 4);
	memcpy(b.ptr, &el, 4);
	pthread_mutex_lock(&c->lock);
	FR_GROW(c->rs, c->caprs, c->nrs + 1);
	memset(&c->rs[c->nrs], 0, sizeof(c->rs[c->nrs]));
	memcpy(c->rs[c->nrs].key, key, 20);
	c->rs[c->nrs++].bytes = b;
	c->res_dirty = 1;
	pthread_mutex_unlock(&c->lock);
}

/* ---- writing ---- */

size_t fr_cache_reserve(fr_cache *c, size_t n)
{
	size_t first = c->nslots;
	FR_GROW(c->slots, c->cap, c->nslots + n + 1);
	memset(c->slots + first, 0, (n + 1) * sizeof(*c->slots));
	c->nslots += n;
	return first;
}

/* Stat data worth keeping: a file changed within the second before this run started could
 * change again within the same clock tick unseen (git's "racy" files): those are hashed. */
static void keep_stat(const fr_cache *c, const fr_stat *in, fr_stat *out)
{
	if (in && stat_known(in) && in->mtime_s < (int64_t)c->started - 1 &&
	    in->ctime_s < (int64_t)c->started - 1)
		*out = *in;
	else
		memset(out, 0, sizeof(*out));
}

void fr_cache_keep(fr_cache *c, size_t slot, long e, const fr_stat *st)
{
	struct slot *s = &c->slots[slot];
	s->kind = 1;
	s->e = e;
	/* a snapshot's file has no stat data: the entry keeps the working tree's */
	s->have_st = st && stat_known(st);
	keep_stat(c, st, &s->st);
}

static void put_u8(fr_buf *b, uint8_t v) { fr_buf_add(b, &v, 1); }
static void put_u32(fr_buf *b, uint32_t v) { fr_buf_add(b, &v, 4); }
static void put_i32(fr_buf *b, int32_t v) { fr_buf_add(b, &v, 4); }
static void wr16(unsigned char *p, uint16_t v) { memcpy(p, &v, 2); }
static void wr32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void wr64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }

/* An unsigned LEB128 at p (room for 5 bytes); the bytes written. */
static size_t var_at(unsigned char *p, uint32_t v)
{
	size_t n = 0;
	while (v >= 128) {
		p[n++] = (unsigned char)(v | 128);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

static uint32_t zig(int32_t v) { return ((uint32_t)v << 1) ^ (uint32_t)(v >> 31); }

/* A node of the facts, written in place (one growth check a node, not one a field: this is
 * most of writing the cache). */
static void put_node(fr_buf *b, const fr_node *n)
{
	unsigned char *p;
	size_t i, k;
	fr_buf_grow(b, 1 + 3 * 5 + 8);
	p = (unsigned char *)b->ptr + b->len;
	k = 0;
	p[k++] = (unsigned char)n->type;
	k += var_at(p + k, zig(n->line));
	k += var_at(p + k, zig(n->col));
	switch (n->type) {
	case FR_BOOL:
		p[k++] = (unsigned char)n->boolean;
		break;
	case FR_NUMBER:
		memcpy(p + k, &n->num, 8);
		k += 8;
		break;
	case FR_STRING:
		k += var_at(p + k, (uint32_t)n->len);
		b->len += k;
		fr_buf_add(b, n->str, n->len);
		return;
	case FR_SEQ:
		k += var_at(p + k, (uint32_t)n->n);
		b->len += k;
		for (i = 0; i < n->n; i++)
			put_node(b, n->items[i]);
		return;
	case FR_MAP:
		k += var_at(p + k, (uint32_t)n->n);
		b->len += k;
		for (i = 0; i < n->n; i++) {
			put_node(b, n->pairs[i].key);
			put_node(b, n->pairs[i].val);
		}
		return;
	default:
		break;
	}
	b->len += k;
}

void fr_cache_put(fr_cache *c, size_t slot, const char *path, const char *oid,
		  const fr_stat *st, const fr_record *r, int kind, int approvals,
		  const fr_diag *d, size_t n, int today_read, int today)
{
	struct slot *sl = &c->slots[slot];
	struct fresh *s;
	unsigned char raw[20];
	size_t pl = strlen(path), i;
	fr_stat kept;
	if (!pl || pl > 65535 || hex_oid(oid, raw) || n > UINT32_MAX)
		return;
	if (sl->nw) { /* put twice: the last one counts */
		fr_buf_free(&sl->nw->diags);
		free(sl->nw->path);
		free(sl->nw);
	}
	s = sl->nw = fr_xcalloc(1, sizeof(*s));
	s->path = fr_xstrdup(path);
	memcpy(s->oid, raw, 20);
	memset(s->rec, 0, REC);
	keep_stat(c, st, &kept);
	memcpy(s->rec + R_ST, &kept, sizeof(kept));
	memcpy(s->rec + R_OID, raw, 20);
	wr16(s->rec + R_PLEN, (uint16_t)pl);
	s->rec[R_KIND] = kind >= 0 && kind < 255 ? (uint8_t)kind : 255;
	s->rec[R_FLAGS] = (approvals ? F_APPROVALS : 0) | (today_read ? F_TODAY : 0);
	wr32(s->rec + R_TODAY, (uint32_t)(today_read ? today : 0));
	wr32(s->rec + R_BLINE, (uint32_t)r->body_line);
	wr32(s->rec + R_NDIAG, (uint32_t)n);
	wr64(s->rec + R_FLEN, (uint64_t)r->len);
	fr_buf_init(&s->diags);
	for (i = 0; i < n; i++) {
		size_t rl = strlen(d[i].rule), ml = strlen(d[i].msg);
		put_i32(&s->diags, d[i].line);
		put_i32(&s->diags, d[i].col);
		put_u8(&s->diags, (uint8_t)d[i].sev);
		put_u8(&s->diags, (uint8_t)rl);
		fr_buf_add(&s->diags, d[i].rule, rl);
		put_u32(&s->diags, (uint32_t)ml);
		fr_buf_add(&s->diags, d[i].msg, ml);
	}
	s->r = r;
	sl->kind = 2;
}

struct out_entry {
	const char *path;        /* the key */
	size_t plen;
	const unsigned char *oid;
	const struct slot *s;
};

static int cmp_out(const void *x, const void *y)
{
	const struct out_entry *a = x, *b = y;
	return cmp_key(a->path, a->plen, a->oid, b->path, b->plen, b->oid);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Where a region goes: a file (fd >= 0, written by the MiB) or one buffer (fd -1). */
struct out {
	int fd;
	int err;
	fr_buf b;
};

static void out_flush(struct out *o)
{
	if (o->fd >= 0 && o->b.len) {
		if (!o->err && write_all(o->fd, o->b.ptr, o->b.len))
			o->err = -1;
		fr_buf_reset(&o->b);
	}
}

static void out_add(struct out *o, const void *p, size_t n)
{
	fr_buf_add(&o->b, p, n);
	if (o->fd >= 0 && o->b.len >= (1 << 20))
		out_flush(o);
}

/* Whether slot entry o differs from what the file holds (new, or new stat data). */
static int is_new(const fr_cache *c, const struct out_entry *o)
{
	const struct slot *s = o->s;
	return s->kind == 2 ||
	       (s->have_st && memcmp(c->ent[s->e] + R_ST, &s->st, sizeof(s->st)));
}

/* Whether kind result i is to be written: the first of its key, and (only_new) new. */
static int result_wanted(const fr_cache *c, size_t i, int only_new)
{
	size_t j;
	if (only_new && c->rs[i].old)
		return 0;
	for (j = 0; j < i && memcmp(c->rs[j].key, c->rs[i].key, 20); j++)
		;
	return j == i;
}

static const unsigned char *result_bytes(const struct rslot *x)
{
	return x->old ? x->old : (const unsigned char *)x->bytes.ptr;
}

/* The region of entries v[0..n) (distinct keys) and the kind results (only_new: the new ones)
 * into o, its first byte at offset start of the file; v[5] its counts and lengths, *sum its
 * checksum (seeded with salt). */
static void write_region(const fr_cache *c, const struct out_entry *v, size_t n, int only_new,
			 struct out *o, uint64_t start, uint64_t salt, uint64_t v5[5], uint64_t *sum)
{
	struct xs {
		uint64_t off, sum;
		uint32_t len;
	} *x = fr_xcalloc(n + 1, sizeof(*x));
	fr_buf tmp;
	uint64_t xlen = 0, slen = 0, rlen = 0, nres = 0, poff;
	size_t i;

	fr_buf_init(&tmp);
	/* the data: a kept entry's as it is, with its checksum; a new one's serialised */
	for (i = 0; i < n; i++) {
		const struct slot *s = v[i].s;
		const unsigned char *p;
		size_t len;
		if (s->kind == 1) {
			const unsigned char *rec = c->ent[s->e];
			p = (const unsigned char *)c->data + rd64(rec + R_XOFF);
			len = rd32(rec + R_XLEN);
			x[i].sum = rd64(rec + R_XSUM);
		} else {
			fr_buf_reset(&tmp);
			fr_buf_add(&tmp, s->nw->diags.ptr, s->nw->diags.len);
			if (s->nw->r->fm)
				put_node(&tmp, s->nw->r->fm);
			p = (const unsigned char *)tmp.ptr;
			len = tmp.len;
			x[i].sum = data_sum(p, len);
		}
		x[i].off = start + xlen;
		x[i].len = (uint32_t)len;
		xlen += len;
		out_add(o, p, len);
	}
	for (i = 0; i < n; i++)
		slen += v[i].plen;
	for (i = 0; i < c->nrs; i++)
		if (result_wanted(c, i, only_new)) {
			rlen += 4 + (uint64_t)rd32(result_bytes(&c->rs[i]));
			nres++;
		}
	v5[0] = n;
	v5[1] = nres;
	v5[2] = xlen;
	v5[3] = slen;
	v5[4] = rlen;
	*sum = region_seed(salt, v5);
	/* the directory: the records, the paths, the results */
	poff = start + xlen + (uint64_t)n * REC;
	for (i = 0; i < n; i++) {
		const struct slot *s = v[i].s;
		unsigned char rec[REC];
		if (s->kind == 1) {
			memcpy(rec, c->ent[s->e], REC);
			if (s->have_st)
				memcpy(rec + R_ST, &s->st, sizeof(s->st));
		} else {
			memcpy(rec, s->nw->rec, REC);
			rec[R_FLAGS] = (unsigned char)(rec[R_FLAGS] | (s->nw->r->fm ? F_FM : 0));
		}
		wr32(rec + R_POFF, (uint32_t)poff);
		wr64(rec + R_XOFF, x[i].off);
		wr32(rec + R_XLEN, x[i].len);
		wr32(rec + R_PAD, 0);
		wr64(rec + R_XSUM, x[i].sum);
		*sum = sum_entry(*sum, rec, REC);
		*sum = sum_entry(*sum, (const unsigned char *)v[i].path, v[i].plen);
		poff += v[i].plen;
		out_add(o, rec, REC);
	}
	for (i = 0; i < n; i++)
		out_add(o, v[i].path, v[i].plen);
	for (i = 0; i < c->nrs; i++)
		if (result_wanted(c, i, only_new)) {
			const unsigned char *p = result_bytes(&c->rs[i]);
			size_t el = 4 + (size_t)rd32(p);
			*sum = sum_entry(*sum, p, el);
			out_add(o, p, el);
		}
	fr_buf_free(&tmp);
	free(x);
}

/* Append what this run adds (entries v[0..n) that are new, and the new kind results) to the
 * file as one journal chunk. 0 when done; 1 when the file should be compacted instead (no
 * valid file, a torn tail, another writer changed it since it was read, or the journal would
 * grow past a quarter of the body); -1 when the append failed (the file is as it was). */
static int append_chunk(fr_cache *c, const struct out_entry *v, size_t n, const char *path)
{
	struct out_entry *nv;
	struct out o;
	uint64_t v5[5], sum;
	unsigned char jh[JHEAD];
	struct stat st;
	size_t i, k = 0;
	int fd, rc = 0;

	if (!c->body_end || !c->mapped || c->journal_end != c->len)
		return 1;
	nv = fr_xcalloc(n + 1, sizeof(*nv));
	for (i = 0; i < n; i++)
		if (is_new(c, &v[i]))
			nv[k++] = v[i];
	o.fd = -1;
	o.err = 0;
	fr_buf_init(&o.b);
	write_region(c, nv, k, 1, &o, (uint64_t)c->len + JHEAD, JOURNAL_SALT, v5, &sum);
	free(nv);
	if (c->len - c->body_end + JHEAD + o.b.len > (c->body_end - HEAD) / 4) {
		fr_buf_free(&o.b);
		return 1;
	}
	memcpy(jh, JMAGIC, 8);
	for (i = 0; i < 5; i++)
		wr64(jh + 8 + 8 * i, v5[i]);
	wr64(jh + 48, sum);
	fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		fr_buf_free(&o.b);
		return 1;
	}
	/* one writer at a time; the file must still be the one this run read, as it read it
	 * (else another run changed it: compact, which never loses a complete file; the
	 * chunk's offsets assume it ends where it did) */
	if (flock(fd, LOCK_EX) || fstat(fd, &st) || st.st_dev != c->dev || st.st_ino != c->ino ||
	    (size_t)st.st_size != c->len) {
		close(fd);
		fr_buf_free(&o.b);
		return 1;
	}
	if (write_all(fd, (const char *)jh, JHEAD) || write_all(fd, o.b.ptr, o.b.len)) {
		/* a torn tail is ignored by readers; take it back all the same */
		if (ftruncate(fd, (off_t)c->len)) {
			/* the next reader ignores it and the next write compacts */
		}
		rc = -1;
	}
	if (close(fd))
		rc = -1;
	fr_buf_free(&o.b);
	return rc;
}

static int cache_write(fr_cache *c, int append_only);

int fr_cache_write(fr_cache *c)
{
	return cache_write(c, 0);
}

int fr_cache_append(fr_cache *c)
{
	return cache_write(c, 1);
}

static int cache_write(fr_cache *c, int append_only)
{
	struct out_entry *v;
	size_t i, j, n = 0;
	char *tmp, *path;
	int fd, rc = 0, dirty = 0;
	uint64_t v5[5], sum;
	unsigned char head[HEAD];

	if (!c || !c->dir)
		return 0;
	v = fr_xcalloc(c->nslots + 1, sizeof(*v));
	for (i = 0; i < c->nslots; i++) {
		struct slot *s = &c->slots[i];
		if (s->kind == 1) {
			if (s->have_st && memcmp(c->ent[s->e] + R_ST, &s->st, sizeof(s->st)))
				dirty = 1;
			entry_key(c, (size_t)s->e, &v[n].path, &v[n].plen, &v[n].oid);
			v[n++].s = s;
		} else if (s->kind == 2) {
			v[n].path = s->nw->path;
			v[n].plen = strlen(s->nw->path);
			v[n].oid = s->nw->oid;
			v[n++].s = s;
			dirty = 1;
		}
	}
	/* every record and kind result came from the cache as it was: the file says it all
	 * already (it may hold entries this run did not use, which is harmless) */
	if (c->res_dirty)
		dirty = 1;
	if (!dirty) {
		free(v);
		return 0;
	}
	/* the slots are in the walk's order, sorted already unless a hook put two snapshots */
	for (i = 1; i < n && cmp_out(&v[i - 1], &v[i]) <= 0; i++)
		;
	if (i < n)
		qsort(v, n, sizeof(*v), cmp_out);
	/* the same record in both snapshots of a hook: once */
	for (i = j = 0; i < n; i++)
		if (!j || cmp_out(&v[j - 1], &v[i]))
			v[j++] = v[i];
	n = j;

	path = fr_xmalloc(strlen(c->dir) + sizeof("/cache"));
	sprintf(path, "%s/cache", c->dir);
	/* a few new entries: appended to the journal; else (or when that fails) the whole file
	 * again, compacted: this run's entries and results only */
	if (append_chunk(c, v, n, path) == 0 || (append_only && c->mapped && c->body_end)) {
		free(v);
		free(path);
		return 0;
	}
	mkdir(c->dir, 0777);
	tmp = fr_xmalloc(strlen(c->dir) + sizeof("/cache.XXXXXX"));
	sprintf(tmp, "%s/cache.XXXXXX", c->dir);
	memset(head, 0, sizeof(head));
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = -1;
	} else {
		struct out o;
		o.fd = fd;
		o.err = 0;
		fr_buf_init(&o.b);
		/* the header last, when the counts and the checksum are known */
		out_add(&o, head, HEAD);
		write_region(c, v, n, 0, &o, HEAD, 0, v5, &sum);
		out_flush(&o);
		fr_buf_free(&o.b);
		rc = o.err;
		memcpy(head, MAGIC, 8);
		memcpy(head + 8, c->key, 20);
		for (i = 0; i < 5; i++)
			wr64(head + 32 + 8 * i, v5[i]);
		wr64(head + 72, sum);
		if (!rc && pwrite(fd, head, HEAD, 0) != HEAD)
			rc = -1;
		if (close(fd) || rc || rename(tmp, path)) {
			rc = -1;
			unlink(tmp);
		}
	}
	if (rc)
		fprintf(stderr, _("flowrec: warning: cannot write the cache '%s': %s (the next run is not faster)\n"),
			path, strerror(errno));
	free(v);
	free(tmp);
	free(path);
	return rc;
}
