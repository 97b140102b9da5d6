/* fuzz_cache.c - libFuzzer target: the cache file's reader (tools/core/cache.c), past its
 * checksums. The input is [u8 entries][u8 results][u16 body length][body][u8 entries][u8
 * results][journal chunk payload]; the harness seals it into a file the way the writer does
 * (header, checksums; the cache's own static helpers, hence cache.c included here) so that
 * the fuzzer reaches what the checksum would hide: entry and result layout, lazy stubs, facts,
 * lookups by path, blob id and stat data, the journal. */
#ifndef FLOWREC_VERSION
#define FLOWREC_VERSION "fuzz"
#endif
#include "cache.c"

#include <stdint.h>
#include <stdlib.h>

static char *dir;

/* The checksum the reader chains over a region, as far as its entries go. */
static uint64_t seal(const unsigned char *p, size_t len, uint64_t seed)
{
	struct rd r = { p, p + len, 0 };
	uint64_t sum = seed;
	while (r.p < r.end) {
		const unsigned char *start = r.p;
		uint32_t el = get_u32(&r);
		if (r.bad || !take(&r, el))
			break;
		sum = sum_entry(sum, start, 4 + (size_t)el);
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char key[20], head[HEAD], jh[JHEAD];
	uint64_t n, nres, blen, sum, jn, jr, jlen;
	fr_cache *c;
	char *path;
	FILE *f;
	size_t i;
	uint16_t bl;

	if (!dir) {
		char tmpl[] = "/tmp/fuzz_cache.XXXXXX";
		if (!mkdtemp(tmpl))
			abort();
		dir = strdup(tmpl);
	}
	if (size < 4)
		return 0;
	memset(key, 7, sizeof(key));
	n = data[0];
	nres = data[1];
	memcpy(&bl, data + 2, 2);
	data += 4;
	size -= 4;
	blen = bl < size ? bl : size;
	memset(head, 0, sizeof(head));
	memcpy(head, MAGIC, 8);
	memcpy(head + 8, key, 20);
	memcpy(head + 28, &n, 8);
	memcpy(head + 36, &blen, 8);
	sum = seal(data, (size_t)blen, SUM_SEED);
	memcpy(head + 44, &sum, 8);
	memcpy(head + 52, &nres, 8);
	path = malloc(strlen(dir) + sizeof("/cache"));
	sprintf(path, "%s/cache", dir);
	f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(head, 1, HEAD, f);
	fwrite(data, 1, (size_t)blen, f);
	if (size - blen >= 2) {
		const unsigned char *jp = data + blen + 2;
		jn = data[blen];
		jr = data[blen + 1];
		jlen = size - blen - 2;
		memcpy(jh, JMAGIC, 8);
		memcpy(jh + 8, &jlen, 8);
		memcpy(jh + 16, &jn, 8);
		memcpy(jh + 24, &jr, 8);
		sum = seal(jp, (size_t)jlen, chunk_seed(jlen, jn, jr));
		memcpy(jh + 32, &sum, 8);
		fwrite(jh, 1, JHEAD, f);
		fwrite(jp, 1, (size_t)jlen, f);
	}
	fclose(f);

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
		long e;
		entry_key(c, i, &mp, &ml, &mo);
		snprintf(p, sizeof(p), "%.*s", (int)(ml < 200 ? ml : 200), mp);
		memcpy(id.id, mo, 20);
		git_oid_tostr(oid, sizeof(oid), &id);
		read_stat(c->ent[i] + STAT_AT(ml), &st);
		fr_cache_oid_by_stat(c, p, &st, oid);
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
