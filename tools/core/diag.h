/* diag.h - diagnostics: what is wrong, where, how bad, and which rule says so
 *
 * The library never prints. Every check appends fr_diag values to an fr_diags list; the
 * command prints them (text with a caret on a terminal, or JSON: DOMAIN.md section 5).
 */
#ifndef FR_DIAG_H
#define FR_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum { FR_SEV_OFF = 0, FR_SEV_WARNING = 1, FR_SEV_ERROR = 2 } fr_severity;

typedef struct fr_diag {
	char *path;     /* as given on the command line or relative to the repository root */
	int line, col;  /* 1-based, in the original file; 0 when there is no position */
	fr_severity sev;
	char rule[24];  /* rule id, e.g. "W-REASON"; "" for none */
	char *msg;      /* lowercase, no full stop, already translated */
} fr_diag;

typedef struct fr_diags {
	fr_diag *v;
	size_t n, cap;
} fr_diags;

#define FR_DIAGS_INIT { NULL, 0, 0 }

/* Append one diagnostic; path and the formatted message are copied. */
void fr_diags_add(fr_diags *d, const char *path, int line, int col, fr_severity sev,
		  const char *rule, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void fr_diags_vadd(fr_diags *d, const char *path, int line, int col, fr_severity sev,
		   const char *rule, const char *fmt, va_list ap);
/* Move every diagnostic of src to the end of dst; src is left empty. */
void fr_diags_move(fr_diags *dst, fr_diags *src);
/* Sort by path, line, column (stable); drop FR_SEV_OFF entries and exact duplicates. */
void fr_diags_finish(fr_diags *d);
size_t fr_diags_count(const fr_diags *d, fr_severity sev);
void fr_diags_free(fr_diags *d);

/* A fatal error of one step (a parse that cannot go on): a value, never a print or an abort. */
typedef struct fr_error {
	int line, col;     /* 1-based, 0 when unknown */
	char rule[24];     /* the rule it breaks, e.g. "X-YAML" */
	char msg[512];
} fr_error;

void fr_error_set(fr_error *e, int line, int col, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));


#endif
