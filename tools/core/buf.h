/* buf.h - a growable byte string for messages, HTML and output
 *
 * Invariants (as git's strbuf): ptr is never NULL and ptr[len] == '\0' at all times, so a
 * buffer can be passed where a C string is wanted; it may hold NUL bytes before len.
 * FR_BUF_INIT is a valid empty buffer that owns no memory; fr_buf_free returns it there.
 */
#ifndef FR_BUF_H
#define FR_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct fr_buf {
	char *ptr;
	size_t len, cap;
} fr_buf;

extern char fr_buf_empty[];
#define FR_BUF_INIT { fr_buf_empty, 0, 0 }

void fr_buf_init(fr_buf *b);
void fr_buf_free(fr_buf *b);
void fr_buf_reset(fr_buf *b);                 /* len = 0, memory kept */
void fr_buf_grow(fr_buf *b, size_t extra);    /* room for extra more bytes */
void fr_buf_add(fr_buf *b, const void *p, size_t n);
void fr_buf_adds(fr_buf *b, const char *s);
void fr_buf_addc(fr_buf *b, char c);
void fr_buf_addf(fr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fr_buf_vaddf(fr_buf *b, const char *fmt, va_list ap);
/* Hand the bytes to the caller (free() them); the buffer is empty afterwards. */
char *fr_buf_detach(fr_buf *b, size_t *len);

/* Append s as a JSON string literal, quotes included (UTF-8 passes through). */
void fr_buf_add_json_str(fr_buf *b, const char *s, size_t n);
/* Append s with &, <, >, " and ' escaped for HTML text and attribute values. */
void fr_buf_add_html(fr_buf *b, const char *s, size_t n);

/* Append s for a line of text output (diagnostics, messages), so a value quoted in a message
 * cannot add lines, move the cursor or reorder what is shown: newline, carriage return and tab
 * as \n \r \t, other control bytes (ESC, DEL) as \xNN, C1 controls, bidi embeddings,
 * overrides and isolates, and line/paragraph separators as \uXXXX, an invalid UTF-8 byte as
 * \xNN. A backslash stays as it is. Everything else (CJK included) passes through. */
void fr_buf_add_text(fr_buf *b, const char *s, size_t n);
/* Does fr_buf_add_text change s? */
int fr_text_needs_quoting(const char *s, size_t n);

#endif
