/* yamltext.h - write YAML text that reads back as written: scalars quoted only when needed */
#ifndef FR_YAMLTEXT_H
#define FR_YAMLTEXT_H

#include "buf.h"

/* Append s as a YAML scalar that is safe in block and flow context alike: plain when it cannot
 * be misread (no indicator, not a number, boolean or null, nothing but letters, digits, CJK and
 * _-./()+), else a JSON string literal, which YAML reads as the same double-quoted scalar. */
void fr_yaml_scalar(fr_buf *b, const char *s);

#endif
