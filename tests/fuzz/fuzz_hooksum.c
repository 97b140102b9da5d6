/* fuzz_hooksum.c - libFuzzer target: the hook's summary file reader (hooksum.c), on the
 * bytes as they are and made into a summary of the id read (magic, id, a record count that
 * fits, the checksum right), so the fuzzer reaches the descriptions' checks; what it accepts
 * must be what hooksum.h promises (every kind known or none, scoped 0 or 1, zero 0). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hooksum.h"
#include "util.h"

#define NKINDS 9

static const unsigned char Id[20] = { 0xfe, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 0xef };

static void check(const fr_hooksum *x, size_t size)
{
	uint32_t i;
	if (FR_HOOKSUM_HEAD + (size_t)x->n * sizeof(fr_rdesc) + 8 != size || memcmp(x->id, Id, 20))
		abort();
	for (i = 0; i < x->n; i++)
		if ((x->desc[i].kind >= NKINDS && x->desc[i].kind != FR_RDESC_NONE) ||
		    x->desc[i].scoped > 1 || x->desc[i].zero)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fr_hooksum x;
	uint64_t *buf = malloc((size / 8 + 2) * 8);   /* aligned as a mapped file is */
	unsigned char *p = (unsigned char *)buf;
	uint32_t n;
	uint64_t h;
	memcpy(p, data, size);
	if (!fr_hooksum_parse(&x, p, size, Id, NKINDS))
		check(&x, size);
	if (size >= FR_HOOKSUM_HEAD + 8) {
		n = (uint32_t)((size - FR_HOOKSUM_HEAD - 8) / sizeof(fr_rdesc));
		size = FR_HOOKSUM_HEAD + (size_t)n * sizeof(fr_rdesc) + 8;
		memcpy(p, "FRHOOK4\n", 8);
		memcpy(p + 8, Id, 20);
		memcpy(p + 28, &n, 4);
		h = fr_hash64(fr_hash64(0x666c6f77686f6f6bULL, p, FR_HOOKSUM_HEAD), p + FR_HOOKSUM_HEAD,
			      (size_t)n * sizeof(fr_rdesc));
		memcpy(p + size - 8, &h, 8);
		if (!fr_hooksum_parse(&x, p, size, Id, NKINDS))
			check(&x, size);
	}
	free(buf);
	return 0;
}
