/* fuzz_json.c - libFuzzer target: the JSON and the YAML parser on the same bytes */
#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fr_arena *a = fr_arena_new();
	fr_error err;
	fr_json_parse(a, (const char *)data, size, &err);
	fr_yaml_parse(a, (const char *)data, size, 0, &err);
	fr_arena_free(a);
	return 0;
}
