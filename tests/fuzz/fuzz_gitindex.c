/* fuzz_gitindex.c - libFuzzer target: the git index reader (gitindex.c), on the bytes as they
 * are (the checksum almost always fails) and with their SHA-1 trailer made right, so the
 * fuzzer reaches the entries, the path compression of version 4 and the cache-tree; what it
 * returns must hold the reader's promises (sorted, valid modes, a consistent cache-tree). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "gitindex.h"

static void check(const fr_gitindex *ix)
{
	size_t i, lo, hi;
	for (i = 0; i < ix->n; i++) {
		const fr_gitindex_entry *e = &ix->v[i];
		if (strlen(e->path) != e->len || !e->len)
			abort();
		if (i && strcmp(ix->v[i - 1].path, e->path) >= 0)
			abort();
		fr_gitindex_range(ix, e->path, e->len, &lo, &hi);
		if (lo != i || hi <= i)
			abort();
	}
	for (i = 0; i < ix->ntree; i++)
		if (ix->tree[i].span < 1 || i + ix->tree[i].span > ix->ntree)
			abort();
	if (ix->ntree && ix->tree[0].span != ix->ntree)
		abort();
	fr_gitindex_range(ix, "", 0, &lo, &hi);
	if (lo != 0 || hi != ix->n)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fr_gitindex *ix = NULL;
	fr_error err;
	unsigned char *copy;
	unsigned int mdlen = 0;
	if (!fr_gitindex_parse(&ix, data, size, &err))
		check(ix);
	fr_gitindex_free(ix);
	ix = NULL;
	if (size < 32)
		return 0;
	copy = malloc(size);
	memcpy(copy, data, size);
	memcpy(copy, "DIRC", 4);
	EVP_Digest(copy, size - 20, copy + size - 20, &mdlen, EVP_sha1(), NULL);
	if (!fr_gitindex_parse(&ix, copy, size, &err))
		check(ix);
	fr_gitindex_free(ix);
	free(copy);
	return 0;
}
