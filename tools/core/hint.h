/* hint.h - what a Chinese keyboard gets wrong in YAML, said so that it can be fixed
 *
 * Full-width punctuation (：，　０-９（）“”) looks like ASCII on screen but is another character
 * to YAML: `minutes： 50` is one long key with no value, `[a，b]` one name, `３０` a string.
 * A missing space after ':' (`minutes:50`) is a plain text too. These helpers find such a
 * mistake and say it in one translated sentence.
 */
#ifndef FR_HINT_H
#define FR_HINT_H

#include <stddef.h>

/* The nearest mistake on lines [1, upto] of text (lines and columns in the file: the text's
 * first line is line first_line): a full-width colon, comma, space, digit, bracket or quote
 * outside quotes, or a key with no space after its ':'. Returns 1 and *line, *col (code points
 * from 1) and the sentence in msg (already translated), or 0 when there is none. */
int fr_yaml_hint(const char *text, size_t len, int first_line, int upto, int *line, int *col,
		 char *msg, size_t msgsz);
/* A sentence about the full-width characters in a string value ("full-width digits '３０':
 * write 30"), or 0 when it holds none. *cp is the code-point offset of the first one. */
int fr_string_hint(const char *s, size_t len, size_t *cp, char *msg, size_t msgsz);

#endif
