/* yamltext.c - write YAML text that reads back as written */
#include "yamltext.h"
#include "util.h"

#include <string.h>
#include <strings.h>

static int plain_ok(const char *s)
{
	static const char *const words[] = { "true", "false", "null", "yes", "no", "on", "off", "y", "n" };
	const unsigned char *p = (const unsigned char *)s;
	size_t i;
	if (!*s || strchr("-?:,[]{}#&*!|>'\"%@`~. ", *s) || (*s >= '0' && *s <= '9'))
		return 0;
	for (i = 0; i < FR_ARRAY_LEN(words); i++)
		if (!strcasecmp(s, words[i]))
			return 0;
	for (; *p; p++)
		if (*p < 0x80 && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				   (*p >= '0' && *p <= '9') || strchr("_-./()+", *p)))
			return 0;
	return 1;
}

void fr_yaml_scalar(fr_buf *b, const char *s)
{
	if (plain_ok(s))
		fr_buf_adds(b, s);
	else
		fr_buf_add_json_str(b, s, strlen(s));
}
