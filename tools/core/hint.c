/* hint.c - full-width punctuation and a missing space after ':' */
#include "hint.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

enum fw { FW_NONE, FW_COLON, FW_COMMA, FW_SPACE, FW_DIGIT, FW_PAREN, FW_QUOTE, FW_IDEO_COMMA };

/* The full-width character at p (UTF-8), its kind and byte length. */
static enum fw fw_at(const unsigned char *p, size_t left, size_t *n)
{
	*n = 3;
	if (left < 3)
		return FW_NONE;
	if (p[0] == 0xef && p[1] == 0xbc) {
		if (p[2] == 0x9a)
			return FW_COLON;                  /* ： U+FF1A */
		if (p[2] == 0x8c)
			return FW_COMMA;                  /* ， U+FF0C */
		if (p[2] >= 0x90 && p[2] <= 0x99)
			return FW_DIGIT;                  /* ０-９ U+FF10-FF19 */
		if (p[2] == 0x88 || p[2] == 0x89)
			return FW_PAREN;                  /* （ ） */
	}
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return FW_SPACE;                          /* U+3000 */
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x81)
		return FW_IDEO_COMMA;                     /* 、 U+3001 */
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x9c || p[2] == 0x9d))
		return FW_QUOTE;                          /* “ ” */
	return FW_NONE;
}

/* The run of full-width digits at p as ASCII ("３０" -> "30"); returns its byte length. */
static size_t digits(const unsigned char *p, size_t left, char *ascii, size_t asz)
{
	size_t off = 0, k = 0, n;
	while (off < left && fw_at(p + off, left - off, &n) == FW_DIGIT) {
		if (k + 1 < asz)
			ascii[k++] = (char)('0' + (p[off + 2] - 0x90));
		off += n;
	}
	ascii[k] = 0;
	return off;
}

static void say(enum fw k, const unsigned char *p, size_t left, char *msg, size_t msgsz)
{
	char ascii[32], orig[96];
	size_t n;
	switch (k) {
	case FW_COLON:
		snprintf(msg, msgsz, "%s", _("full-width colon '：': write the half-width ': ' (a colon and a space)"));
		break;
	case FW_COMMA:
		snprintf(msg, msgsz, "%s", _("full-width comma '，': write the half-width ', ' (a comma and a space)"));
		break;
	case FW_IDEO_COMMA:
		snprintf(msg, msgsz, "%s", _("enumeration comma '、' between names: write the half-width ', '"));
		break;
	case FW_SPACE:
		snprintf(msg, msgsz, "%s", _("full-width space '　': indent and separate with half-width spaces"));
		break;
	case FW_DIGIT:
		n = digits(p, left, ascii, sizeof(ascii));
		snprintf(orig, sizeof(orig), "%.*s", (int)(n < sizeof(orig) ? n : sizeof(orig) - 1), (const char *)p);
		snprintf(msg, msgsz, _("full-width digits '%s': write the half-width %s"), orig, ascii);
		break;
	case FW_PAREN:
		snprintf(msg, msgsz, "%s", _("full-width parenthesis '（）': write the half-width '()'"));
		break;
	case FW_QUOTE:
		snprintf(msg, msgsz, "%s", _("full-width quotes '“”': write the half-width '\"'"));
		break;
	case FW_NONE:
		msg[0] = 0;
		break;
	}
}

int fr_string_hint(const char *s, size_t len, size_t *cp, char *msg, size_t msgsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n, c = 0;
	for (i = 0; i < len; c += ((p[i] & 0xc0) != 0x80), i++) {
		enum fw k = fw_at(p + i, len - i, &n);
		if (k == FW_NONE || k == FW_IDEO_COMMA)
			continue;
		*cp = c;
		say(k, p + i, len - i, msg, msgsz);
		return 1;
	}
	return 0;
}

static int is_key_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* One line: the first mistake on it that breaks YAML, and its column. Only what YAML reads
 * differently counts: a full-width colon or a missing space after the key, a full-width
 * space in the indent or before a value, a full-width comma inside [ ] or { }. Full-width
 * punctuation in Chinese text is fine; quoted text and comments are skipped. */
static int line_hint(const unsigned char *l, size_t n, int *col, char *msg, size_t msgsz)
{
	size_t i = 0, k, c = 1;
	char q = 0;
	int in_key, indent = 1, flow = 0, after_colon = 0;
	while (i < n && (l[i] == ' ' || l[i] == '-'))
		i++;
	in_key = i < n && is_key_start(l[i]);
	for (i = 0; i < n; i++) {
		enum fw f;
		if ((l[i] & 0xc0) == 0x80)
			continue;
		if (i)
			c++;
		if (q) {
			if ((char)l[i] == q)
				q = 0;
			continue;
		}
		f = fw_at(l + i, n - i, &k);
		if (f == FW_SPACE && (indent || after_colon)) {
			*col = (int)c;
			say(f, l + i, n - i, msg, msgsz);
			return 1;
		}
		if (l[i] != ' ' && l[i] != '-' && f != FW_SPACE)
			indent = 0;
		if (l[i] != ' ' && f != FW_SPACE)
			after_colon = 0;
		if (l[i] == '"' || l[i] == '\'') {
			q = (char)l[i];
			in_key = 0;
			continue;
		}
		if (l[i] == '#' && (i == 0 || l[i - 1] == ' '))
			return 0;
		if (l[i] == '[' || l[i] == '{')
			flow++;
		if ((l[i] == ']' || l[i] == '}') && flow)
			flow--;
		if ((in_key && f == FW_COLON) || (flow && (f == FW_COMMA || f == FW_COLON))) {
			*col = (int)c;
			say(f, l + i, n - i, msg, msgsz);
			return 1;
		}
		if (l[i] == ':') {
			if (i + 1 < n && fw_at(l + i + 1, n - i - 1, &k) == FW_SPACE) {
				*col = (int)c + 1;
				say(FW_SPACE, l + i + 1, n - i - 1, msg, msgsz);
				return 1;
			}
			if (in_key && i + 1 < n && l[i + 1] != ' ' && l[i + 1] != '\t') {
				*col = (int)c;
				snprintf(msg, msgsz, "%s", _("no space after ':': write 'key: value' with a space after the colon"));
				return 1;
			}
			in_key = 0;
			after_colon = 1;
		}
		if (in_key && (l[i] == ' ' || l[i] == '{' || l[i] == '[' || l[i] == ','))
			in_key = 0;
	}
	return 0;
}

int fr_yaml_hint(const char *text, size_t len, int first_line, int upto, int *line, int *col,
		 char *msg, size_t msgsz)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	int l = first_line, found = 0;
	char m[512];
	while (p < end && l <= upto) {
		const unsigned char *e = memchr(p, '\n', (size_t)(end - p));
		int c;
		if (!e)
			e = end;
		if (line_hint(p, (size_t)(e - p), &c, m, sizeof(m))) {
			*line = l;
			*col = c;
			snprintf(msg, msgsz, "%s", m);
			found = 1;
		}
		p = e + 1;
		l++;
	}
	return found;
}
