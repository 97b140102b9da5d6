/* diagout.h - print diagnostics as DOMAIN.md section 5 says: compiler-style text or JSON */
#ifndef FR_DIAGOUT_H
#define FR_DIAGOUT_H

#include <stdio.h>

#include "diag.h"

typedef enum { FR_FMT_TEXT, FR_FMT_JSON } fr_diag_format;

/* Finds the text of a file by the path a diagnostic names, for the caret line; may return
 * NULL. The text stays owned by whoever holds it. */
typedef const char *(*fr_source_fn)(void *ud, const char *path, size_t *len);

/* Write every diagnostic of d to f: one "PATH:LINE:COL: error: MESSAGE [RULE]" per line, and
 * with caret=1 the offending source line and a caret under the column (display width aware);
 * or, with FR_FMT_JSON, one JSON array of {path,line,column,severity,rule,message}.
 * Returns 0, or -1 if writing failed. */
int fr_diags_print(FILE *f, const fr_diags *d, fr_diag_format fmt, int caret,
		   fr_source_fn source, void *ud);

/* The one line a command ends with, to f (translated): "checked 79 records: 0 errors, 3
 * warnings", or with a site folder "rendered 79 records into 'site': ...". */
void fr_diags_summary(FILE *f, const char *site, size_t records, const fr_diags *d);

#endif
