/* json.h - a strict RFC 8259 JSON parser into the same tree as YAML (node.h)
 *
 * Bounded: nesting deeper than FR_MAX_DEPTH is an error, not a stack overflow. Duplicate object
 * keys are an error (X-DUPKEY). Strings are validated UTF-8; \u escapes (surrogate pairs
 * included) are decoded; a lone surrogate is an error.
 */
#ifndef FR_JSON_H
#define FR_JSON_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

/* Parse text[0..len) into nodes allocated from a. Returns the root, or NULL with err set
 * (1-based line and column of the offending character; rule "X-YAML" for syntax, as the same
 * slot YAML errors use, or "X-DUPKEY"). */
fr_node *fr_json_parse(fr_arena *a, const char *text, size_t len, fr_error *err);

#endif
