/* ciformat.h - diagnostics for CI systems: SARIF 2.1.0 (GitHub code scanning), GitLab Code
 * Quality JSON, and GitHub Actions workflow commands */
#ifndef FR_CIFORMAT_H
#define FR_CIFORMAT_H

#include <stdio.h>

#include "diag.h"
#include "diagout.h"

typedef enum { FR_CI_SARIF, FR_CI_GITLAB, FR_CI_GITHUB } fr_ci_format;

/* Write d (finished: sorted, deduplicated) to f in that format. source (may be NULL) gives a
 * file's text: the fingerprints hash the offending line's text rather than its number, so a
 * finding keeps its fingerprint when lines are added above it. Returns 0, or -1 if writing
 * failed. */
int fr_diags_print_ci(FILE *f, const fr_diags *d, fr_ci_format fmt, fr_source_fn source, void *ud);

#endif
