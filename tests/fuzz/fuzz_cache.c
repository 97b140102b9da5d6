/* fuzz_cache.c - libFuzzer target: the cache file's reader (tools/core/cache.c), past its
 * checksums. The input is the body's counts (u8 entries, u8 results, u32 data length, u32
 * paths length, u32 results length), the body's region, then optionally a journal chunk's
 * counts and region; the harness seals it into a file the way the writer does (header, path
 * offsets, each entry's data checksum, the directories' checksums; the cache's own static
 * helpers, hence cache.c included here) so that the fuzzer reaches what the checksums would
 * hide: record and result layout, lazy stubs, facts, lookups by path, blob id and stat data,
 * the journal. */
#ifndef FLOWREC_VERSION
#define FLOWREC_VERSION "fuzz"
#endif
#include "cache.c"

#include <stdint.h>
#include <stdlib.h>

static char *dir;

/* Seal the region whose counts are v (its data at image + at, the image len bytes long) the
 * way the writer does: each record's path offset and data checksum made right where they
 * fit, then the directory's checksum (from seed) as the reader chains it; 0 when the reader
 * would find it does not add up anyway. */
static uint64_t seal(unsigned char *image, size_t len, size_t at, const uint64_t v[5],
		     uint64_t seed)
{
	fr_cache t;
	struct region g;
	uint64_t rl = region_len(v), i, sum = 0, poff;
	size_t recs;
	if (!rl || rl > len - at)
		return 0;
	recs = at + (size_t)v[2];
	poff = recs + v[0] * REC;
	for (i = 0; i < v[0]; i++) {
		unsigned char *r = image + recs + i * REC;
		uint64_t xo = rd64(r + R_XOFF);
		uint32_t xl = rd32(r + R_XLEN);
		wr32(r + R_POFF, (uint32_t)poff);
		poff += rd16(r + R_PLEN);
		if (xo >= at && xo <= at + v[2] && xl <= at + v[2] - xo)
			wr64(r + R_XSUM, data_sum(image + xo, xl));
	}
	memset(&t, 0, sizeof(t));
	t.data = (char *)image;
	t.len = len;
	memcpy(g.v, v, sizeof(g.v));
	g.x = image + at;
	if (!index_region(&t, &g, seed, &sum)) {
		free(t.ent);
		free(t.res);
		return sum;
	}
	free(t.ent);
	free(t.res);
	return 0;
}

/* The five counts of a region from the input: u8 entries, u8 results, u32 data, u32 paths,
 * u32 results' length (14 bytes). */
static void counts(const uint8_t *p, uint64_t v[5])
{
	uint32_t l;
	int k;
	v[0] = p[0];
	v[1] = p[1];
	for (k = 0; k < 3; k++) {
		memcpy(&l, p + 2 + 4 * k, 4);
		v[2 + k] = l % (1u << 20);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char key[20], *image;
	uint64_t v[5], jv[5], blen, sum, jlen = 0;
	fr_cache *c;
	char *path;
	FILE *f;
	size_t i, len;
	size_t hint = (size_t)-1;
	int k, journal = 0;

	if (!dir) {
		char tmpl[] = "/tmp/fuzz_cache.XXXXXX";
		if (!mkdtemp(tmpl))
			abort();
		dir = strdup(tmpl);
	}
	if (size < 14)
		return 0;
	memset(key, 7, sizeof(key));
	counts(data, v);
	data += 14;
	size -= 14;
	blen = region_len(v);
	if (blen > size)
		blen = size;
	if (size - blen >= 14) {
		counts(data + blen, jv);
		jlen = size - blen - 14;
		journal = 1;
	}
	len = HEAD + (size_t)blen + (journal ? JHEAD + (size_t)jlen : 0);
	image = calloc(1, len + 1);
	if (!image)
		abort();
	memcpy(image, MAGIC, 8);
	memcpy(image + 8, key, 20);
	for (k = 0; k < 5; k++)
		wr64(image + 32 + 8 * k, v[k]);
	memcpy(image + HEAD, data, (size_t)blen);
	if (journal) {
		unsigned char *jh = image + HEAD + blen;
		memcpy(jh, JMAGIC, 8);
		for (k = 0; k < 5; k++)
			wr64(jh + 8 + 8 * k, jv[k]);
		memcpy(jh + JHEAD, data + blen + 14, (size_t)jlen);
		sum = seal(image, len, HEAD + (size_t)blen + JHEAD, jv, region_seed(JOURNAL_SALT, jv));
		wr64(jh + 48, sum);
	}
	sum = seal(image, len, HEAD, v, region_seed(0, v));
	wr64(image + 72, sum);
	path = malloc(strlen(dir) + sizeof("/cache"));
	sprintf(path, "%s/cache", dir);
	f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(image, 1, len, f);
	fclose(f);
	free(image);

	c = fr_cache_open(dir, key);
	for (i = 0; i < c->n; i++) {
		const char *mp;
		size_t ml;
		const unsigned char *mo;
		char p[256], oid[41];
		git_oid id;
		fr_stat st;
		fr_arena *a = fr_arena_new();
		fr_strtab *tab = fr_strtab_new(a);
		fr_diags d = FR_DIAGS_INIT;
		int kind, approvals, bad;
		long e, at;
		entry_key(c, i, &mp, &ml, &mo);
		snprintf(p, sizeof(p), "%.*s", (int)(ml < 200 ? ml : 200), mp);
		memcpy(id.id, mo, 20);
		git_oid_tostr(oid, sizeof(oid), &id);
		read_stat(c->ent[i] + R_ST, &st);
		if (fr_cache_oid_by_stat(c, p, &st, oid, &hint, &at))
			fr_cache_find_at(c, at, p, oid, 20000);
		e = fr_cache_find(c, p, oid, 20000);
		if (fr_cache_stub(c, (long)i, a, p, &d, &kind, &approvals))
			fr_cache_facts(c, (long)i, a, tab, &bad);
		if (e >= 0)
			fr_cache_facts(c, e, a, NULL, &bad);
		fr_strtab_free(tab);
		fr_arena_free(a);
		fr_diags_free(&d);
	}
	for (i = 0; i < c->nres; i++) {
		fr_diags d = FR_DIAGS_INIT;
		unsigned char k[20];
		memcpy(k, c->res[i] + 4, 20);
		fr_cache_result(c, k, 20000, &d);
		fr_diags_free(&d);
	}
	fr_cache_free(c);
	free(path);
	return 0;
}
