/* cache.c - the per-record cache under .git/flowrec/ (cache.h)
 *
 * The file (native byte order: the cache belongs to one machine's .git):
 *
 *   header   "FRCACHE3", the 20-byte key, u64 entries, u64 body length, u64 checksum,
 *            u64 kind results, 4 zero bytes (64 bytes)
 *   body     the entries, sorted by (path, blob id), then the kind results
 *   journal  chunks, each "FRJOURN1", u64 payload length, u64 entries, u64 results, u64
 *            checksum (seeded with those three, chunk_seed), then the payload: entries
 *            (any order) then kind results, as in the body
 *
 * The checksum chains a 64-bit hash of each entry and each result in order (sum_entry), so
 * that the file is written and checked piece by piece, never held twice in memory. An entry
 * of the journal says the same as one of the body with the same key but newer stat data: the
 * latest wins. The journal ends at the end of the file or at the first chunk that is cut
 * short or does not add up (ignored with what follows). A run that adds entries or results
 * appends a chunk when the file is still the one it mapped (same inode and size, under
 * flock) and the journal stays under a quarter of the body; else it compacts: the whole file
 * with this run's entries and results, written to a temporary file and renamed.
 *
 * An entry: u32 length of the rest, u16 path length, path, 20-byte blob id, 6 x i64 stat
 * data, i32 today-read flag, i32 today, u64 file length, i32 body line, u8 kind (the index
 * in fr_kinds of the record as kept, 255: none), u8 flags (1: its facts hold approvals),
 * u32 diagnostics (each i32 line, i32 col, u8 severity, u8 rule length, rule, u32 message
 * length, message), u8 has front-matter, then its facts: a node is u8 type, i32 line, i32 col
 * and by type u8 (bool), f64 (number), u32 length + bytes (string), u32 n + n nodes
 * (sequence), u32 n + n key/value node pairs (mapping). Everything before the facts is read
 * for every record a run takes from the cache (fr_cache_stub); the facts only when a kind's
 * result is not in the cache (fr_cache_facts).
 *
 * A kind result: u32 length of the rest, the 20-byte result key (fr_cache_result_key), i32
 * today-read flag, i32 today (its rules read today: served on that day only), u32
 * diagnostics, each u16 path length, path, i32 line, i32 col, u8 severity, u8 rule length,
 * rule, u32 message length, message.
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

#define MAGIC "FRCACHE3"
#define HEAD 64
#define MAX_CACHE ((size_t)1 << 31)
#define STAT_AT(pathlen) (4 + 2 + (pathlen) + 20) /* offset of the stat data in an entry */

struct slot {
	int kind;            /* 0 none, 1 keep entry e, 2 a new entry (written from r) */
	long e;
	int have_st;         /* kept entry: st replaces its stat data */
	fr_stat st;
	/* a new entry: its key, and all but its facts (the record's, serialised when written) */
	char *path;
	unsigned char oid[20];
	fr_buf head;         /* the entry from its stat data to its diagnostics, both included */
	const fr_record *r;
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
	static const char hex[] = "0123456789abcdef";
	unsigned char md[20];
	int i;
	blob_raw(data, len, md);
	for (i = 0; i < 20; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[40] = '\0';
}

/* The keys (the cache's, the kind results'): a blob id of the bytes, as before */
static void sha1(const void *data, size_t len, unsigned char out[20])
{
	blob_raw(data, len, out);
}

/* The checksum: a 64-bit hash of each entry, chained (corruption, not attacks, is the threat:
 * the file lives in the user's own .git). */
static uint64_t hash_bytes(uint64_t h, const unsigned char *p, size_t n)
{
	const uint64_t prime = 0x100000001b3ULL;
	/* four independent lanes: the checksum of a 100 MB file costs little beside reading it */
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

#define SUM_SEED 0xcbf29ce484222325ULL

static uint64_t sum_entry(uint64_t sum, const unsigned char *p, size_t n)
{
	return hash_bytes(sum * 31 + n, p, n);
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
static int64_t get_i64(struct rd *r) { const void *p = take(r, 8); int64_t v = 0; if (p) memcpy(&v, p, 8); return v; }
static double get_f64(struct rd *r) { const void *p = take(r, 8); double v = 0; if (p) memcpy(&v, p, 8); return v; }

static void warn_damaged(const char *path, const char *why)
{
	fprintf(stderr, _("flowrec: warning: ignoring the cache '%s' (%s): it is rebuilt by this run\n"),
		path, why);
}

/* Index a region's n entries and nres results (appended to c->ent and c->res) and chain
 * their checksum into *sum (from seed); 0, or -1 when they do not add up (then nothing of
 * the region is kept). */
static int index_region(fr_cache *c, const unsigned char *body, size_t len, uint64_t n,
			uint64_t nres, uint64_t seed, uint64_t *sum)
{
	struct rd r = { body, body + len, 0 };
	size_t i, n0 = c->n, r0 = c->nres;
	*sum = seed;
	if (n > len / 8 || nres > len / 8 || c->n + n > UINT32_MAX - 1)
		return -1;
	FR_GROW(c->ent, c->cap_ent, c->n + (size_t)n + 1);
	FR_GROW(c->res, c->cap_res, c->nres + (size_t)nres + 1);
	for (i = 0; i < n + nres; i++) {
		const unsigned char *start = r.p;
		uint32_t el = get_u32(&r);
		uint16_t pl = 0;
		if (r.bad || el < (i < n ? 2 + 20 : 20 + 8 + 4) || !take(&r, el))
			goto bad;
		memcpy(&pl, start + 4, 2);
		/* the key, the stat data and today lie inside the entry */
		if (i < n && el < 2 + (size_t)pl + 20 + sizeof(fr_stat) + 8)
			goto bad;
		if (i < n)
			c->ent[c->n++] = start;
		else
			c->res[c->nres++] = start;
		*sum = sum_entry(*sum, start, 4 + (size_t)el);
	}
	if (r.p == r.end)
		return 0;
bad:
	c->n = n0;
	c->nres = r0;
	return -1;
}

/* A journal chunk's header: "FRJOURN1", u64 payload length, u64 entries, u64 results, u64
 * checksum of the payload (seeded with the other three). */
#define JMAGIC "FRJOURN1"
#define JHEAD 40

static uint64_t chunk_seed(uint64_t len, uint64_t n, uint64_t nres)
{
	uint64_t v[3] = { len, n, nres };
	return hash_bytes(SUM_SEED ^ 0x6a6f75726e616cULL, (const unsigned char *)v, sizeof(v));
}

/* The chunks after the body, each checked; the first one that is cut short or does not add
 * up (a write that was interrupted, or damage) ends the journal there: it and what follows are
 * ignored, and the next write compacts the file. */
static void read_journal(fr_cache *c)
{
	size_t at = c->body_end;
	while (at < c->len) {
		const unsigned char *p = (const unsigned char *)c->data + at;
		uint64_t len, n, nres, want, sum;
		if (c->len - at < JHEAD || memcmp(p, JMAGIC, 8))
			break;
		memcpy(&len, p + 8, 8);
		memcpy(&n, p + 16, 8);
		memcpy(&nres, p + 24, 8);
		memcpy(&want, p + 32, 8);
		if (len > c->len - at - JHEAD ||
		    index_region(c, p + JHEAD, (size_t)len, n, nres, chunk_seed(len, n, nres), &sum))
			break;
		if (sum != want) {
			c->n -= (size_t)n;
			c->nres -= (size_t)nres;
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
	/* mapped: the pages are the page cache's, nothing is copied (MAP_POPULATE: mapped in
	 * one go, the checksum reads them all anyway) */
	c->dev = st.st_dev;
	c->ino = st.st_ino;
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
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
	uint64_t n, blen, sum, want, nres;
	const unsigned char *d;

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
	memcpy(&n, d + 28, 8);
	memcpy(&blen, d + 36, 8);
	memcpy(&want, d + 44, 8);
	memcpy(&nres, d + 52, 8);
	if (blen > c->len - HEAD) {
		warn_damaged(path, _("truncated"));
		goto drop;
	}
	if (index_region(c, d + HEAD, (size_t)blen, n, nres, SUM_SEED, &sum) || sum != want) {
		warn_damaged(path, _("checksum mismatch"));
		goto drop;
	}
	c->body_end = HEAD + (size_t)blen;
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
		fr_buf_free(&c->slots[i].head);
		free(c->slots[i].path);
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
	const unsigned char *p = c->ent[e] + 4;
	uint16_t l;
	memcpy(&l, p, 2);
	*path = (const char *)p + 2;
	*plen = l;
	*oid = p + 2 + l;
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
	uint64_t h = hash_bytes(SUM_SEED, (const unsigned char *)p, n);
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
	static const char hex[] = "0123456789abcdef";
	int i;
	for (i = 0; i < 20; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[40] = '\0';
}

static void read_stat(const unsigned char *p, fr_stat *st)
{
	memcpy(st, p, sizeof(*st));
}

static int stat_known(const fr_stat *st)
{
	return st->mtime_s || st->mtime_ns || st->ino || st->size;
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
		read_stat(c->ent[e] + STAT_AT(ml), &have);
		if (memcmp(&have, st, sizeof(have)))
			continue;
		oid_hex(mo, out);
		*entry = (long)e;
		return 1;
	}
	return 0;
}

/* Whether entry e (its path's length ml) serves today. */
static int serves_today(const fr_cache *c, size_t e, size_t ml, int today)
{
	int32_t t[2];
	memcpy(t, c->ent[e] + STAT_AT(ml) + sizeof(fr_stat), 8);
	return !t[0] || t[1] == today;
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
		    serves_today(c, (size_t)hint, ml, today))
			return hint;
	}
	if (hex_oid(oid, raw))
		return -1;
	h = c->hcap ? path_hash(path, pl) : 0;
	while ((e = next_of(c, path, pl, h, &at, &bh)) < c->n) {
		entry_key(c, e, &mp, &ml, &mo);
		if (memcmp(mo, raw, 20))
			continue;
		if (serves_today(c, e, ml, today))
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
	line = GET(r, i32);
	col = GET(r, i32);
	if (is_key && type == FR_STRING && tab) {
		/* a key: the shared node of its text, when it is short enough to have one */
		const unsigned char *mark = r->p;
		const char *s;
		k = GET(r, u32);
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
		k = GET(r, u32);
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
		k = GET(r, u32);
		if (r->bad || k > (size_t)(r->end - r->p) / 9)
			return r->bad = 1, NULL;
		n->items = k ? fr_alloc(a, k * sizeof(*n->items)) : NULL;
		for (i = 0; i < k; i++)
			if (!(n->items[i] = read_node(r, a, tab, depth + 1, 0)))
				return NULL;
		n->n = k;
		break;
	case FR_MAP:
		k = GET(r, u32);
		if (r->bad || k > (size_t)(r->end - r->p) / 18)
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

/* A reader at entry e's file length (after its stat data and today). */
static void at_rest(const fr_cache *c, size_t e, struct rd *r)
{
	const char *mp;
	size_t ml;
	const unsigned char *mo;
	uint32_t el;
	entry_key(c, e, &mp, &ml, &mo);
	memcpy(&el, c->ent[e], 4);
	r->p = c->ent[e] + STAT_AT(ml) + sizeof(fr_stat) + 8;
	r->end = c->ent[e] + 4 + el;
	r->bad = 0;
}

/* Past the diagnostics of an entry (r after its u32 count, n of them). */
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
	size_t before = d->n;
	uint32_t nd, i;
	struct rd r;
	fr_record *rec;
	fr_diags own = FR_DIAGS_INIT;

	if (e < 0 || (size_t)e >= c->n)
		return NULL;
	at_rest(c, (size_t)e, &r);
	rec = fr_alloc(a, sizeof(*rec));
	rec->path = fr_strdup(a, path);
	rec->src = "";
	rec->body = "";
	rec->len = (size_t)GET(&r, i64);
	rec->body_line = GET(&r, i32);
	*kind = GET(&r, u8);
	*approvals = GET(&r, u8) & 1;
	nd = GET(&r, u32);
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
	if (r.bad || !take(&r, 1)) {
		fr_diags_free(&own);
		d->n = before;
		return NULL;
	}
	rec->valid = 1;
	fr_diags_move(d, &own);
	return rec;
}

fr_node *fr_cache_facts(const fr_cache *c, long e, fr_arena *a, fr_strtab *tab, int *bad)
{
	struct rd r;
	fr_node *fm = NULL;
	*bad = 1;
	if (e < 0 || (size_t)e >= c->n)
		return NULL;
	at_rest(c, (size_t)e, &r);
	take(&r, 8 + 4 + 1 + 1);
	skip_diags(&r, GET(&r, u32));
	if (!r.bad && GET(&r, u8))
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
static void put_u16(fr_buf *b, uint16_t v) { fr_buf_add(b, &v, 2); }
static void put_u32(fr_buf *b, uint32_t v) { fr_buf_add(b, &v, 4); }
static void put_i32(fr_buf *b, int32_t v) { fr_buf_add(b, &v, 4); }
static void put_i64(fr_buf *b, int64_t v) { fr_buf_add(b, &v, 8); }

static void put_node(fr_buf *b, const fr_node *n)
{
	size_t i;
	put_u8(b, (uint8_t)n->type);
	put_i32(b, n->line);
	put_i32(b, n->col);
	switch (n->type) {
	case FR_BOOL:
		put_u8(b, (uint8_t)n->boolean);
		break;
	case FR_NUMBER:
		fr_buf_add(b, &n->num, 8);
		break;
	case FR_STRING:
		put_u32(b, (uint32_t)n->len);
		fr_buf_add(b, n->str, n->len);
		break;
	case FR_SEQ:
		put_u32(b, (uint32_t)n->n);
		for (i = 0; i < n->n; i++)
			put_node(b, n->items[i]);
		break;
	case FR_MAP:
		put_u32(b, (uint32_t)n->n);
		for (i = 0; i < n->n; i++) {
			put_node(b, n->pairs[i].key);
			put_node(b, n->pairs[i].val);
		}
		break;
	default:
		break;
	}
}

void fr_cache_put(fr_cache *c, size_t slot, const char *path, const char *oid,
		  const fr_stat *st, const fr_record *r, int kind, int approvals,
		  const fr_diag *d, size_t n, int today_read, int today)
{
	struct slot *s = &c->slots[slot];
	unsigned char raw[20];
	size_t pl = strlen(path), i;
	fr_stat kept;
	if (pl > 65535 || hex_oid(oid, raw))
		return;
	s->path = fr_xstrdup(path);
	memcpy(s->oid, raw, 20);
	fr_buf_init(&s->head);
	keep_stat(c, st, &kept);
	fr_buf_add(&s->head, &kept, sizeof(kept));
	put_i32(&s->head, today_read ? 1 : 0);
	put_i32(&s->head, today_read ? today : 0);
	put_i64(&s->head, (int64_t)r->len);
	put_i32(&s->head, r->body_line);
	put_u8(&s->head, kind >= 0 && kind < 255 ? (uint8_t)kind : 255);
	put_u8(&s->head, approvals ? 1 : 0);
	put_u32(&s->head, (uint32_t)n);
	for (i = 0; i < n; i++) {
		size_t rl = strlen(d[i].rule), ml = strlen(d[i].msg);
		put_i32(&s->head, d[i].line);
		put_i32(&s->head, d[i].col);
		put_u8(&s->head, (uint8_t)d[i].sev);
		put_u8(&s->head, (uint8_t)rl);
		fr_buf_add(&s->head, d[i].rule, rl);
		put_u32(&s->head, (uint32_t)ml);
		fr_buf_add(&s->head, d[i].msg, ml);
	}
	s->r = r;
	s->kind = 2;
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

/* The bytes of entry o into b (reset first). */
static void entry_bytes(const fr_cache *c, const struct out_entry *o, fr_buf *b)
{
	const struct slot *s = o->s;
	uint32_t el;
	fr_buf_reset(b);
	if (s->kind == 1) {
		memcpy(&el, c->ent[s->e], 4);
		fr_buf_add(b, c->ent[s->e], 4 + (size_t)el);
		if (s->have_st)
			memcpy(b->ptr + STAT_AT(o->plen), &s->st, sizeof(s->st));
		return;
	}
	put_u32(b, 0);
	put_u16(b, (uint16_t)o->plen);
	fr_buf_add(b, o->path, o->plen);
	fr_buf_add(b, o->oid, 20);
	fr_buf_add(b, s->head.ptr, s->head.len);
	put_u8(b, s->r->fm ? 1 : 0);
	if (s->r->fm)
		put_node(b, s->r->fm);
	el = (uint32_t)(b->len - 4);
	memcpy(b->ptr, &el, 4);
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

/* Whether slot entry o differs from what the file holds (new, or new stat data). */
static int is_new(const fr_cache *c, const struct out_entry *o)
{
	const struct slot *s = o->s;
	return s->kind == 2 ||
	       (s->have_st && memcmp(c->ent[s->e] + STAT_AT(o->plen), &s->st, sizeof(s->st)));
}

/* Append what this run adds (entries v[0..n) that are new, and the new kind results) to the
 * file as one journal chunk. 0 when done; 1 when the file should be compacted instead (no
 * valid file, a torn tail, another writer changed it since it was read, or the journal would
 * grow past a quarter of the body); -1 when the append failed (the file is as it was). */
static int append_chunk(fr_cache *c, const struct out_entry *v, size_t n, const char *path)
{
	fr_buf out, b;
	uint64_t cnt = 0, nres = 0, len, sum = 0, seed;
	unsigned char jh[JHEAD];
	struct stat st;
	size_t i;
	int fd, rc = 0;

	if (!c->body_end || !c->mapped || c->journal_end != c->len)
		return 1;
	fr_buf_init(&out);
	fr_buf_init(&b);
	for (i = 0; i < n; i++) {
		if ((i && !cmp_out(&v[i - 1], &v[i])) || !is_new(c, &v[i]))
			continue;
		entry_bytes(c, &v[i], &b);
		fr_buf_add(&out, b.ptr, b.len);
		cnt++;
	}
	for (i = 0; i < c->nrs; i++) {
		const struct rslot *x = &c->rs[i];
		uint32_t el;
		size_t j;
		if (x->old)
			continue;
		for (j = 0; j < i && memcmp(c->rs[j].key, x->key, 20); j++)
			;
		if (j < i)
			continue;
		memcpy(&el, x->bytes.ptr, 4);
		fr_buf_add(&out, x->bytes.ptr, 4 + (size_t)el);
		nres++;
	}
	fr_buf_free(&b);
	len = out.len;
	if (c->len - c->body_end + JHEAD + len > (c->body_end - HEAD) / 4) {
		fr_buf_free(&out);
		return 1;
	}
	/* the checksum as the reader chains it: entry by entry */
	{
		struct rd r = { (const unsigned char *)out.ptr, (const unsigned char *)out.ptr + out.len, 0 };
		sum = seed = chunk_seed(len, cnt, nres);
		while (r.p < r.end) {
			const unsigned char *start = r.p;
			uint32_t el = get_u32(&r);
			take(&r, el);
			sum = sum_entry(sum, start, 4 + (size_t)el);
		}
	}
	memcpy(jh, JMAGIC, 8);
	memcpy(jh + 8, &len, 8);
	memcpy(jh + 16, &cnt, 8);
	memcpy(jh + 24, &nres, 8);
	memcpy(jh + 32, &sum, 8);
	fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		fr_buf_free(&out);
		return 1;
	}
	/* one writer at a time; the file must still be the one this run read, as it read it
	 * (else another run changed it: compact, which never loses a complete file) */
	if (flock(fd, LOCK_EX) || fstat(fd, &st) || st.st_dev != c->dev || st.st_ino != c->ino ||
	    (size_t)st.st_size != c->len) {
		close(fd);
		fr_buf_free(&out);
		return 1;
	}
	if (write_all(fd, (const char *)jh, JHEAD) || write_all(fd, out.ptr, out.len)) {
		/* a torn tail is ignored by readers; take it back all the same */
		if (ftruncate(fd, (off_t)c->len)) {
			/* the next reader ignores it and the next write compacts */
		}
		rc = -1;
	}
	if (close(fd))
		rc = -1;
	fr_buf_free(&out);
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
	size_t i, n = 0;
	fr_buf b, out;
	char *tmp, *path;
	int fd, rc = 0, dirty = 0;
	uint64_t cnt = 0, blen = 0, sum = SUM_SEED, nres = 0;
	unsigned char head[HEAD];

	if (!c || !c->dir)
		return 0;
	v = fr_xcalloc(c->nslots + 1, sizeof(*v));
	for (i = 0; i < c->nslots; i++) {
		struct slot *s = &c->slots[i];
		if (s->kind == 1) {
			uint16_t pl;
			memcpy(&pl, c->ent[s->e] + 4, 2);
			if (s->have_st && memcmp(c->ent[s->e] + STAT_AT(pl), &s->st, sizeof(s->st)))
				dirty = 1;
			entry_key(c, (size_t)s->e, &v[n].path, &v[n].plen, &v[n].oid);
			v[n++].s = s;
		} else if (s->kind == 2) {
			v[n].path = s->path;
			v[n].plen = strlen(s->path);
			v[n].oid = s->oid;
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
	qsort(v, n, sizeof(*v), cmp_out);

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
	fr_buf_init(&b);
	fr_buf_init(&out);
	memset(head, 0, sizeof(head));
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = -1;
	} else {
		/* the header last, when the count, length and checksum are known */
		rc = write_all(fd, (const char *)head, HEAD);
		for (i = 0; i < n && !rc; i++) {
			if (i && !cmp_out(&v[i - 1], &v[i]))
				continue; /* the same record in both snapshots of a hook */
			entry_bytes(c, &v[i], &b);
			sum = sum_entry(sum, (const unsigned char *)b.ptr, b.len);
			blen += b.len;
			cnt++;
			fr_buf_add(&out, b.ptr, b.len);
			if (out.len >= (1 << 20)) {
				rc = write_all(fd, out.ptr, out.len);
				fr_buf_reset(&out);
			}
		}
		/* the kind results of this run, each once (both snapshots of a hook may share one) */
		for (i = 0; i < c->nrs && !rc; i++) {
			const struct rslot *x = &c->rs[i];
			const unsigned char *p = x->old ? x->old : (const unsigned char *)x->bytes.ptr;
			uint32_t el;
			size_t j;
			for (j = 0; j < i && memcmp(c->rs[j].key, x->key, 20); j++)
				;
			if (j < i)
				continue;
			memcpy(&el, p, 4);
			sum = sum_entry(sum, p, 4 + (size_t)el);
			blen += 4 + (size_t)el;
			nres++;
			fr_buf_add(&out, p, 4 + (size_t)el);
		}
		if (!rc && out.len)
			rc = write_all(fd, out.ptr, out.len);
		memcpy(head, MAGIC, 8);
		memcpy(head + 8, c->key, 20);
		memcpy(head + 28, &cnt, 8);
		memcpy(head + 36, &blen, 8);
		memcpy(head + 44, &sum, 8);
		memcpy(head + 52, &nres, 8);
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
	fr_buf_free(&b);
	fr_buf_free(&out);
	return rc;
}
