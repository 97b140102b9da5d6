/* test_gitindex.c - the git index reader on real index files made by git (the fuzz seeds of
 * tests/fuzz/corpus/gitindex/, see tests/t-gitindex.sh for the repositories behind them):
 * what it reads, and what it refuses as unsupported */
#include "test.h"

#include <openssl/evp.h>
#include <stdlib.h>

#include "gitindex.h"

static fr_error E;
static char P[4096];

static const char *seed(const char *name)
{
	const char *t = getenv("TESTS");
	snprintf(P, sizeof(P), "%s/fuzz/corpus/gitindex/%s", t ? t : "tests", name);
	return P;
}

static int find(const fr_gitindex *ix, const char *path)
{
	size_t i;
	for (i = 0; i < ix->n; i++)
		if (!strcmp(ix->v[i].path, path))
			return (int)i;
	return -1;
}

static void test_gitindex__reads_v2_entries_and_cache_tree(void)
{
	fr_gitindex *ix = NULL;
	int i;
	T_INTEQ(fr_gitindex_read(&ix, seed("v2-cache-tree"), &E), 0);
	T_INTEQ(ix->version, 2);
	T_INTEQ(ix->n, 13);
	i = find(ix, "records/l.md");
	T_ASSERT(i >= 0);
	T_INTEQ(ix->v[i].mode, 0120000);
	i = find(ix, "records/w/x/long-name-number-3.md");
	T_ASSERT(i >= 0 && ix->v[i].mode == 0100644 && ix->v[i].size == 2);
	T_ASSERT(ix->ntree == 5 && ix->tree[0].len == 0 && ix->tree[0].count == 13);
	T_INTEQ(ix->tree[0].span, 5);
	fr_gitindex_free(ix);
}

static void test_gitindex__invalid_cache_tree_has_count_minus_one(void)
{
	fr_gitindex *ix = NULL;
	T_INTEQ(fr_gitindex_read(&ix, seed("v2-invalid"), &E), 0);
	T_INTEQ(ix->tree[0].count, -1);
	fr_gitindex_free(ix);
}

static void test_gitindex__v3_skip_worktree_and_v4_paths_match(void)
{
	fr_gitindex *a = NULL, *b = NULL, *c = NULL;
	size_t i;
	T_INTEQ(fr_gitindex_read(&a, seed("v3-skip-worktree"), &E), 0);
	T_INTEQ(fr_gitindex_read(&b, seed("v4"), &E), 0);
	T_INTEQ(fr_gitindex_read(&c, seed("v4-assume-valid"), &E), 0);
	T_INTEQ(a->version, 3);
	T_INTEQ(b->version, 4);
	T_ASSERT(a->n == b->n && b->n == c->n);
	for (i = 0; i < a->n; i++) {
		T_STREQ(a->v[i].path, b->v[i].path);
		T_ASSERT(!memcmp(a->v[i].oid, b->v[i].oid, 20));
	}
	T_INTEQ(a->v[find(a, "records/w/2.md")].flags, FR_GITINDEX_SKIP_WORKTREE);
	T_INTEQ(c->v[find(c, "records/w/3.md")].flags, FR_GITINDEX_ASSUME_VALID);
	T_INTEQ(a->v[find(a, "records/w/3.md")].flags, 0);
	fr_gitindex_free(a);
	fr_gitindex_free(b);
	fr_gitindex_free(c);
}

static void test_gitindex__optional_extensions_are_skipped(void)
{
	fr_gitindex *ix = NULL;
	T_INTEQ(fr_gitindex_read(&ix, seed("v2-untracked-cache"), &E), 0);
	T_ASSERT(ix->n > 0);
	fr_gitindex_free(ix);
}

static void test_gitindex__refuses_what_it_cannot_read_exactly(void)
{
	static const struct { const char *seed, *why; } cases[] = {
		{ "v2-split-index", "" },
		{ "v2-unmerged", "unmerged entry" },
		{ "v4-intent-to-add", "intent-to-add entry" },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fr_gitindex *ix = NULL;
		T_INTEQ(fr_gitindex_read(&ix, seed(cases[i].seed), &E), 1);
		T_ASSERT(ix == NULL);
		if (*cases[i].why)
			T_STREQ(E.msg, cases[i].why);
	}
}

/* The trailer is not verified, as git's read_index does not verify it: a wrong checksum or
 * one of all zeros (index.skipHash) reads the same entries; a truncated file is refused. */
static void test_gitindex__trailer_unchecked_truncation_refused(void)
{
	FILE *f = fopen(seed("v2-cache-tree"), "rb");
	unsigned char buf[4096];
	size_t n, k, count;
	fr_gitindex *ix = NULL;
	T_ASSERT(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	T_INTEQ(fr_gitindex_parse(&ix, buf, n, &E), 0);
	count = ix->n;
	T_ASSERT(count > 0);
	fr_gitindex_free(ix);
	buf[n - 1] ^= 1;
	T_INTEQ(fr_gitindex_parse(&ix, buf, n, &E), 0);
	T_INTEQ(ix->n, count);
	fr_gitindex_free(ix);
	memset(buf + n - 20, 0, 20);
	T_INTEQ(fr_gitindex_parse(&ix, buf, n, &E), 0);
	T_INTEQ(ix->n, count);
	T_INTEQ(find(ix, "records/w/1.md") >= 0, 1);
	fr_gitindex_free(ix);
	for (k = 0; k < n - 20; k += 7) {
		T_INTEQ(fr_gitindex_parse(&ix, buf, k, &E), 1);
		T_ASSERT(ix == NULL);
	}
}

/* A version-2 index of n entries records/NNNNNNN.md (88 bytes each), built here byte by byte as
 * gitformat-index.txt says (stat data, mode, oid, flags, the path NUL-padded to 8), with its
 * SHA-1 trailer, as git writes it; the caller frees it. */
static unsigned char *big_index(size_t n, size_t *len)
{
	size_t i, cap = 12 + n * 88 + 20, at = 12;
	unsigned char *b = calloc(1, cap);
	unsigned int mdlen = 0;
	memcpy(b, "DIRC\0\0\0\2", 8);
	b[8] = (unsigned char)(n >> 24), b[9] = (unsigned char)(n >> 16);
	b[10] = (unsigned char)(n >> 8), b[11] = (unsigned char)n;
	for (i = 0; i < n; i++) {
		char name[32];
		int nl = snprintf(name, sizeof(name), "records/%07zu.md", i);
		memset(b + at + 24, 0, 4);
		b[at + 24 + 2] = 0x81, b[at + 24 + 3] = 0xa4;   /* mode 0100644 */
		memset(b + at + 40, (int)(i & 0xff), 20);        /* the oid */
		b[at + 60] = 0, b[at + 61] = (unsigned char)nl;
		memcpy(b + at + 62, name, (size_t)nl);
		at += (62 + (size_t)nl + 8) & ~(size_t)7;
	}
	EVP_Digest(b, at, b + at, &mdlen, EVP_sha1(), NULL);
	*len = at + 20;
	return b;
}

/* A large index (20,000 entries, the size of a team's years) is read entry for entry: the
 * bytes as they are (an oid byte changed is read changed), and an entry out of order anywhere
 * is still refused. */
static void test_gitindex__large_index_read_as_it_is(void)
{
	size_t len, n = 20000;
	unsigned char *b = big_index(n, &len);
	fr_gitindex *ix = NULL;
	T_ASSERT(len > (1u << 20));
	T_INTEQ(fr_gitindex_parse(&ix, b, len, &E), 0);
	T_INTEQ(ix->n, n);
	T_STREQ(ix->v[n - 1].path, "records/0019999.md");
	T_INTEQ(ix->v[5000].oid[5], 5000 & 0xff);
	fr_gitindex_free(ix);
	b[12 + 88 * 5000 + 45] ^= 1;          /* the oid of records/0005000.md */
	T_INTEQ(fr_gitindex_parse(&ix, b, len, &E), 0);
	T_INTEQ(ix->v[5000].oid[5], (5000 & 0xff) ^ 1);
	fr_gitindex_free(ix);
	b[12 + 88 * 5000 + 62 + 8] = '9';     /* its path now sorts after the next one's */
	T_INTEQ(fr_gitindex_parse(&ix, b, len, &E), 1);
	T_ASSERT(ix == NULL);
	T_STREQ(E.msg, "entries out of order");
	free(b);
}

static void test_gitindex__range_finds_a_folder(void)
{
	fr_gitindex *ix = NULL;
	size_t lo, hi;
	T_INTEQ(fr_gitindex_read(&ix, seed("v2-cache-tree"), &E), 0);
	fr_gitindex_range(ix, "records/w/", 10, &lo, &hi);
	T_INTEQ(hi - lo, 10);
	T_STREQ(ix->v[lo].path, "records/w/1.md");
	fr_gitindex_range(ix, "records/w/x/", 12, &lo, &hi);
	T_INTEQ(hi - lo, 5);
	fr_gitindex_range(ix, "records/v/", 10, &lo, &hi);
	T_INTEQ(hi - lo, 0);
	fr_gitindex_free(ix);
}

int main(void)
{
	T_RUN(test_gitindex__reads_v2_entries_and_cache_tree);
	T_RUN(test_gitindex__invalid_cache_tree_has_count_minus_one);
	T_RUN(test_gitindex__v3_skip_worktree_and_v4_paths_match);
	T_RUN(test_gitindex__optional_extensions_are_skipped);
	T_RUN(test_gitindex__refuses_what_it_cannot_read_exactly);
	T_RUN(test_gitindex__trailer_unchecked_truncation_refused);
	T_RUN(test_gitindex__large_index_read_as_it_is);
	T_RUN(test_gitindex__range_finds_a_folder);
	return t_done();
}
