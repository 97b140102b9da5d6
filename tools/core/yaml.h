/* yaml.h - YAML into the document tree (node.h), with positions, the YAML 1.2 core schema
 * and hard bounds
 *
 * Plain scalars resolve as the YAML 1.2 core schema says: null (~, null, empty), booleans
 * (true/false in three casings), integers (decimal, 0o octal, 0x hex) and floats (incl. .inf,
 * .nan); everything else is a string, so `no`, `on`, `09:20` and `2026-03-02` stay strings.
 * Quoted scalars and `!!str` are always strings. Mapping keys must be scalars and are kept as
 * strings. `<<` is an ordinary key (merge keys are YAML 1.1, not 1.2).
 *
 * Bounds, each an error with a position, never a crash or a hang: nesting deeper than
 * FR_MAX_DEPTH; more than FR_MAX_ALIAS_NODES nodes reachable once aliases are expanded (the
 * "billion laughs"); an alias to an unknown anchor; more than one document.
 */
#ifndef FR_YAML_H
#define FR_YAML_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

/* Parse text[0..len) into nodes allocated from a; line_offset is added to every line (the
 * lines of the file before the text, e.g. 1 for a front-matter block after its "---").
 * Returns the root (FR_NULL for an empty document), or NULL with err set: rule "X-YAML" for
 * syntax and bounds, "X-DUPKEY" for a repeated key (at the second occurrence). */
fr_node *fr_yaml_parse(fr_arena *a, const char *text, size_t len, int line_offset, fr_error *err);

/* fr_yaml_parse for a record's front-matter: the same tree and the same error, through the fast
 * reader of fastyaml.c when the text stays inside the subset records are written in (block
 * collections, one-line scalars and flow collections, comments), else through libyaml. The
 * environment variable FLOWREC_YAML=libyaml makes it always take libyaml (for the tests). */
fr_node *fr_yaml_parse_fm(fr_arena *a, const char *text, size_t len, int line_offset, fr_error *err);

/* The fast reader alone: fr_yaml_parse's tree, or NULL when the text is outside its subset or
 * has any error (then nodes may have been allocated from a all the same). For the tests. */
fr_node *fr_yaml_fast(fr_arena *a, const char *text, size_t len, int line_offset);

/* Shared by both readers: n (FR_STRING, a plain scalar) resolved by the core schema; whether a
 * mapping repeats a key. */
void fr_yaml_resolve_plain(fr_node *n);
int fr_yaml_dupkey(const fr_node *map);

#endif
