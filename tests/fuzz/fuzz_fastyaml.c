/* fuzz_fastyaml.c - libFuzzer target: the fast front-matter reader (fastyaml.c) against libyaml's
 * path on the same text. Whenever the fast reader gives a tree, libyaml's path must give the very
 * same one (types, values, source text, line and column of every node, key order); and
 * fr_yaml_parse_fm (fast, else libyaml) must always give what fr_yaml_parse gives, the same tree
 * or the same error (rule, position, message). Anything else aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yaml.h"

static int same_error(const fr_error *a, const fr_error *b)
{
	return a->line == b->line && a->col == b->col && !strcmp(a->rule, b->rule) &&
	       !strcmp(a->msg, b->msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	fr_arena *a = fr_arena_new();
	fr_error lib_err, fm_err;
	fr_node *fast, *lib, *fm;

	fast = fr_yaml_fast(a, text, size, 1);
	lib = fr_yaml_parse(a, text, size, 1, &lib_err);
	if (fast && (!lib || !fr_node_identical(fast, lib)))
		abort();
	fm = fr_yaml_parse_fm(a, text, size, 1, &fm_err);
	if (!fm != !lib || (fm && !fr_node_identical(fm, lib)) ||
	    (!fm && !same_error(&fm_err, &lib_err)))
		abort();
	fr_arena_free(a);
	return 0;
}
