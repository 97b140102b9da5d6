/* fuzz_schema.c - libFuzzer target: compile the first part as a JSON Schema (YAML or JSON) and
 * validate the second part against it; the parts are split at the first NUL byte. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "schema.h"
#include "yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nul = memchr(s, '\0', size);
	size_t n1 = nul ? (size_t)(nul - s) : size;
	fr_arena *a = fr_arena_new();
	fr_diags d = FR_DIAGS_INIT;
	fr_schema *sc = NULL;
	fr_node *schema, *doc;
	fr_error err;

	schema = fr_yaml_parse(a, s, n1, 0, &err);
	doc = nul ? fr_yaml_parse(a, nul + 1, size - n1 - 1, 0, &err) : NULL;
	if (schema && fr_schema_compile(&sc, schema, &err) == 0) {
		if (doc)
			fr_schema_validate(sc, doc, "doc", &d);
		fr_schema_free(sc);
	}
	fr_diags_free(&d);
	fr_arena_free(a);
	return 0;
}
