/* record.h - one record file: its bytes, its front-matter tree and its Markdown body
 *
 * A record owns an arena that holds its copy of the source, every node and every string;
 * fr_record_free releases all of it at once. Positions stay relative to the original file.
 */
#ifndef FR_RECORD_H
#define FR_RECORD_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

struct fr_kind;

typedef struct fr_record {
	fr_arena *arena;
	const char *path;        /* as given, or relative to the repository root */
	const char *src;         /* the whole file, NUL-terminated copy */
	size_t len;
	fr_node *fm;             /* front-matter root; NULL when the file could not be read as one */
	const char *kind;        /* fm's `kind` when it is a string, else NULL */
	const struct fr_kind *k; /* the kind's rules and figures, NULL when unknown */
	const char *body;        /* the Markdown after the closing line */
	size_t body_len;
	int body_line;           /* line of the file on which the body starts */
	int valid;               /* set by the checks: 1 when no error was found */
} fr_record;

/* Split the front-matter block (a UTF-8 BOM and CRLF accepted) and parse it as YAML.
 * Always returns a record in *out (owned by the caller, fr_record_free); when the file is not
 * valid UTF-8, has no closed `---` block, or its YAML is bad, r->fm is NULL and one diagnostic
 * (X-FRONTMATTER, X-YAML or X-DUPKEY) is appended to d. Returns 0 when fm was parsed, else -1. */
int fr_record_parse(fr_record **out, const char *path, const char *src, size_t len, fr_diags *d);
void fr_record_free(fr_record *r);

/* Line and column (1-based, code points) of byte offset off in src. */
void fr_offset_pos(const char *src, size_t off, int *line, int *col);

#endif
