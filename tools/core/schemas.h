/* schemas.h - the compiled schemas of every record kind and of the config
 *
 * Each schema is compiled once, up front, and shared read-only (threads may validate with it).
 * The embedded schemas (schemas/ in the source tree, built into the binary) can be overridden
 * per kind by a team: a file schemas/KIND.yaml in the team repository replaces the built-in one.
 */
#ifndef FR_SCHEMAS_H
#define FR_SCHEMAS_H

#include "diag.h"
#include "schema.h"
#include "source.h"

typedef struct fr_schemas fr_schemas;

/* Load and compile every embedded schema, then the team's overrides: the files of `overrides`
 * (NULL: none) whose path is schemas/NAME.yaml, .yml or .json, in path order, from the working
 * tree or a git snapshot alike. Problems are diagnostics in d naming the override's path;
 * returns 0 and *out (owned, fr_schemas_free), or -1 when a schema could not be compiled.
 * The built-in set without overrides is compiled once a process and shared (read-only). Not
 * thread-safe: load and free on one thread. */
int fr_schemas_load(fr_schemas **out, const fr_files *overrides, fr_diags *d);

/* Read the schema files of root/schemas (a missing folder is none) into fs as
 * "schemas/NAME". Returns 0, or -1 with a diagnostic when one cannot be read. */
int fr_files_from_schema_dir(fr_files *fs, const char *root, fr_diags *d);
void fr_schemas_free(fr_schemas *s);

/* The schema for a name without extension ("weekly-meeting", "flowrec-config"), or NULL. */
const fr_schema *fr_schemas_get(const fr_schemas *s, const char *name);

#endif
