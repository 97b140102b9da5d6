/* schema.h - JSON Schema (draft 2020-12) compiled once, validated many times
 *
 * Compile turns a schema tree (parsed from YAML or JSON) into an immutable graph; validating
 * against it is thread-safe and allocates nothing that outlives the call. Each failing keyword
 * appends one diagnostic at the failing value's position. Its rule id is the innermost `x-rule`
 * annotation on the way to the failing subschema, or "X-SCHEMA" when there is none.
 *
 * Supported: type enum const required properties additionalProperties patternProperties
 * propertyNames items prefixItems contains minContains maxContains minItems maxItems
 * uniqueItems minLength maxLength pattern minimum maximum exclusiveMinimum exclusiveMaximum
 * multipleOf minProperties maxProperties dependentRequired dependentSchemas allOf anyOf oneOf
 * not if/then/else $ref ($defs, $anchor, JSON pointers, $id inside the document) $defs,
 * boolean schemas, format (date, time, date-time, email) as an assertion, x-rule, title and
 * description (annotations). Other keywords are ignored, as the spec says for unknown ones.
 */
#ifndef FR_SCHEMA_H
#define FR_SCHEMA_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

typedef struct fr_schema fr_schema;

/* Compile root. The tree (and its arena) must outlive *out; *out is owned by the caller and
 * released with fr_schema_free. Returns 0, or -1 with err set (bad keyword value, a $ref that
 * does not resolve, a pattern PCRE2 rejects: position of the offending schema node). */
int fr_schema_compile(fr_schema **out, const fr_node *root, fr_error *err);
/* Strict by default: a keyword flowrec does not implement ($dynamicRef, dependencies, an
 * array under items, a format it does not check, any unknown name) is an error, except
 * annotations (title, description, $comment, examples, default, deprecated, readOnly,
 * writeOnly, content*, x-...). FR_SCHEMA_IGNORE_UNKNOWN ignores unknown keywords as the
 * specification says a validator does (the JSON-Schema-Test-Suite driver). */
#define FR_SCHEMA_IGNORE_UNKNOWN 1
int fr_schema_compile_opts(fr_schema **out, const fr_node *root, int flags, fr_error *err);
void fr_schema_free(fr_schema *s);

/* Validate inst against s; append diagnostics (severity error, path as given) to d.
 * Returns the number of diagnostics appended: 0 means valid. */
size_t fr_schema_validate(const fr_schema *s, const fr_node *inst, const char *path, fr_diags *d);

/* The tree the schema was compiled from (borrowed), e.g. to read `title`s for labels. */
const fr_node *fr_schema_root(const fr_schema *s);

#endif
