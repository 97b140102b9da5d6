/* fuzz_record.c - libFuzzer target: one record file through every check of the engine
 * (front-matter split, YAML, schema, kind rules, figures) with a fixed team config. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "schemas.h"
#include "source.h"

static const char team[] =
	"team: t\npeople:\n"
	"  - {name: 王经理, role: manager}\n  - {name: 陈总, role: director}\n"
	"  - {name: 李娜, role: sales}\n  - {name: 王强, role: sales}\n"
	"  - {name: 赵敏, role: channel}\n  - {name: 刘芳, role: finance}\n"
	"host_rotation: [李娜, 王强]\n";

static fr_schemas *schemas;
static fr_config *cfg;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	fr_arena *a;
	size_t i;

	if (!schemas) {
		if (fr_schemas_load(&schemas, NULL, &d) ||
		    fr_config_load(&cfg, "flowrec.yaml", team, strlen(team), schemas, &d))
			abort();
		fr_diags_free(&d);
	}
	/* the same text twice, so cross-record rules (W-CARRY, X-UNIQUE ...) run too */
	fr_files_add(&files, "records/a.md", (const char *)data, size);
	fr_files_add(&files, "records/b.md", (const char *)data, size);
	fr_set_check(&set, &files, cfg, schemas, 20000, &d);
	a = fr_arena_new();
	for (i = 0; i < set->n; i++)
		fr_set_figures(set, set->recs[i], a);
	fr_arena_free(a);
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	return 0;
}
