/* table.h - tables of text cells written as aligned text, GFM Markdown or CSV
 *
 * A table has columns (a header and an alignment) and rows of cells; it owns copies of every
 * cell. Text output aligns columns by display width (fr_utf8_width: a Chinese character is two
 * columns), pads every cell so that every line of a table has the same display width, and
 * right-aligns the columns marked FR_ALIGN_RIGHT (numbers). Control characters in cells
 * (newlines, tabs) become spaces in text and Markdown; CSV quotes them as RFC 4180 says.
 * The writers append to an fr_buf and never print.
 */
#ifndef FR_TABLE_H
#define FR_TABLE_H

#include <stddef.h>

#include "buf.h"

typedef enum { FR_ALIGN_LEFT, FR_ALIGN_RIGHT } fr_align;

typedef struct fr_table fr_table;

/* A new empty table (owned, fr_table_free; NULL is allowed there). */
fr_table *fr_table_new(void);
void fr_table_free(fr_table *t);

/* Add a column; columns come before the first row. header is copied. */
void fr_table_col(fr_table *t, const char *header, fr_align align);
/* Start a new row; the cells that follow fill it left to right. */
void fr_table_row(fr_table *t);
/* The next cell of the current row (NULL is an empty cell); cells beyond the columns are
 * dropped, missing cells are empty. */
void fr_table_cell(fr_table *t, const char *text);
void fr_table_cellf(fr_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t fr_table_rows(const fr_table *t);

/* Aligned text: header line, a rule of '-' the width of each column, the rows; each line
 * starts with indent (may be NULL) and ends with '\n'. Columns are two spaces apart. */
void fr_table_text(const fr_table *t, fr_buf *out, const char *indent);
/* A GFM table: "| a | b |", then "| --- | ---: |", then the rows ('|' escaped as "\|"). */
void fr_table_md(const fr_table *t, fr_buf *out);
/* CSV: header line, then the rows; fields quoted when they hold ',', '"', CR or LF. */
void fr_table_csv(const fr_table *t, fr_buf *out);
/* One CSV field (quoted when needed), without separator. */
void fr_csv_field(fr_buf *out, const char *s);

/* A number the way people write it: integers without decimals (40), others with up to 15
 * significant digits (82.5). out has room for 32 bytes. */
/* v as snprintf(out, 32, "%.*f", decimals, v) writes it (the same bytes: glibc rounds the
 * exact binary value, ties to even), without printf for 0 to 3 decimals and |v| * 10^decimals
 * below 2^63. Returns the length (at most 31). */
size_t fr_format_fixed(char out[32], double v, int decimals);
void fr_format_number(char out[32], double v);
/* A rate as a percent with one decimal ("85.0%"); out has room for 32 bytes. */
void fr_format_percent(char out[32], double rate);

/* Labels in the team's locale: fr_label in locale.h. */
#include "locale.h"

#endif
