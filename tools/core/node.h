/* node.h - the document tree that YAML and JSON both parse into
 *
 * A node is a JSON value (null, boolean, number, string, array, object) that knows where it
 * stands in the original file. Every node and string lives in the arena it was parsed into and
 * is never freed on its own. Mapping keys are string nodes, in document order, unique (the
 * parsers reject duplicates with X-DUPKEY). A YAML alias points at the anchored node itself:
 * the tree may share subtrees but never has cycles.
 */
#ifndef FR_NODE_H
#define FR_NODE_H

#include <stddef.h>

#include "arena.h"

typedef enum {
	FR_NULL,
	FR_BOOL,
	FR_NUMBER,
	FR_STRING,
	FR_SEQ,    /* JSON array, YAML sequence */
	FR_MAP     /* JSON object, YAML mapping */
} fr_type;

typedef struct fr_node fr_node;

typedef struct fr_pair {
	fr_node *key;   /* always FR_STRING */
	fr_node *val;
} fr_pair;

struct fr_node {
	fr_type type;
	int line, col;        /* 1-based position of the value in the original file */
	int boolean;          /* FR_BOOL */
	double num;           /* FR_NUMBER; integral values (1, 1.0) are integers for the schema */
	const char *str;      /* FR_STRING: NUL-terminated UTF-8 ... */
	size_t len;           /* ... of len bytes (may hold NUL from JSON \u0000) */
	fr_node **items;      /* FR_SEQ: n items */
	fr_pair *pairs;       /* FR_MAP: n pairs */
	size_t n;
};

/* Builders for code that makes trees (figures, tests); all memory comes from a. */
fr_node *fr_node_new(fr_arena *a, fr_type t, int line, int col);
fr_node *fr_node_null(fr_arena *a);
fr_node *fr_node_bool(fr_arena *a, int b);
fr_node *fr_node_number(fr_arena *a, double v);
fr_node *fr_node_string(fr_arena *a, const char *s);
fr_node *fr_node_stringn(fr_arena *a, const char *s, size_t n);
fr_node *fr_node_seq(fr_arena *a);
fr_node *fr_node_map(fr_arena *a);
/* Append to a sequence / mapping built by the caller (amortised growth inside the arena). */
void fr_seq_push(fr_arena *a, fr_node *seq, fr_node *item);
void fr_map_set(fr_arena *a, fr_node *map, const char *key, fr_node *val);

/* Readers. Each accepts NULL and a node of the wrong type, and then returns the fallback. */
fr_node *fr_map_get(const fr_node *map, const char *key);      /* NULL if absent */
const fr_pair *fr_map_pair(const fr_node *map, const char *key); /* key node too, for positions */
const char *fr_node_str(const fr_node *n);                      /* NULL unless a string */
const char *fr_map_str(const fr_node *map, const char *key);   /* string value or NULL */
/* Number value of map[key] in *out; 1 if it is a number, else 0 and *out untouched. */
int fr_map_num(const fr_node *map, const char *key, double *out);
int fr_node_is_int(const fr_node *n);
size_t fr_node_count(const fr_node *n);                          /* items or pairs, else 0 */
/* Item i of the sequence map[field] (NULL when absent), and the length of that sequence. */
const fr_node *fr_map_item(const fr_node *map, const char *field, size_t i);
size_t fr_map_len(const fr_node *map, const char *field);
/* Both strings present and equal. */
int fr_streq(const char *a, const char *b);
/* A string with something other than blanks in it (NULL is blank). */
int fr_str_nonblank(const char *s);
const char *fr_type_name(fr_type t);                             /* "string", "object", ... */

/* Deep equality as JSON Schema means it: numbers by value (1 == 1.0), objects unordered. */
int fr_node_equal(const fr_node *a, const fr_node *b);
/* The same tree to the byte: types, values, source text of scalars, positions, key order (what
 * the two YAML readers must agree on). */
int fr_node_identical(const fr_node *a, const fr_node *b);

/* Walk a simple path and call fn for every node it reaches.
 * Path syntax: dot-separated keys; "[]" after a key visits each item of that sequence, e.g.
 * "reports[].last_week[].task" or "attendees[]". Missing steps are skipped silently. */
typedef void (*fr_walk_fn)(void *ud, const fr_node *n);
void fr_node_walk(const fr_node *root, const char *path, fr_walk_fn fn, void *ud);

/* A copy into a of only the parts of n that the paths name, positions kept: what the
 * cross-record rules read of a record once its tree is freed. Paths as fr_node_walk's
 * ("reports[].last_week[].task"); the node a path ends on is copied whole, or, with a '!'
 * after it ("price_survey!"), without its children (type and position only). Mappings keep
 * the named keys in document order, sequences every item. NULL when the copy would exceed
 * max_nodes (aliases copy their subtree each time), so the caller keeps the whole tree. */
/* Interned strings of one arena (a table on the heap, the strings in the arena): the facts of
 * many records share their keys and their short repeated values (names, units, tasks).
 * fr_strtab_node: the one string node of s[0..len) (made with that position the first time),
 * or NULL when t is NULL or the string is too long to be worth sharing. Free the table when
 * no more strings will be added; its strings stay with the arena. */
typedef struct fr_strtab fr_strtab;
fr_strtab *fr_strtab_new(fr_arena *a);
void fr_strtab_free(fr_strtab *t);
fr_node *fr_strtab_node(fr_strtab *t, const char *s, size_t len, int line, int col);

/* fr_node_prune with strings from tab (NULL: copies): values share its strings, mapping keys
 * are its shared nodes, so their positions are not the record's. */
fr_node *fr_node_prune_shared(fr_arena *a, fr_strtab *tab, const fr_node *n,
			      const char *const *paths, size_t npaths, size_t max_nodes);
fr_node *fr_node_prune(fr_arena *a, const fr_node *n, const char *const *paths, size_t npaths,
		       size_t max_nodes);

/* Number of code points in a valid UTF-8 string. */
size_t fr_utf8_len(const char *s, size_t n);
/* Offset of the first byte that is not valid UTF-8 (overlongs, surrogates, > U+10FFFF
 * rejected), or n if all valid. */
size_t fr_utf8_check(const char *s, size_t n);
/* Display width of UTF-8 text in a terminal (East Asian wide characters count 2). */
size_t fr_utf8_width(const char *s, size_t n);

#endif
