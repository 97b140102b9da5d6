/* record.c - split a record file into its front-matter and body, and parse the front-matter */
#include "record.h"
#include "i18n.h"
#include "util.h"
#include "yaml.h"

#include <stdlib.h>
#include <string.h>

void fr_offset_pos(const char *src, size_t off, int *line, int *col)
{
	size_t i;
	int l = 1, c = 1;
	for (i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)src[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xc0) != 0x80 && ch != '\r') {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Is the line at p (up to its end e, line break excluded) the marker m, with only trailing
 * blanks after it? */
static int is_marker(const char *p, const char *e, const char *m)
{
	size_t n = strlen(m);
	if ((size_t)(e - p) < n || memcmp(p, m, n))
		return 0;
	for (p += n; p < e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

int fr_record_parse(fr_record **out, const char *path, const char *src, size_t len, fr_diags *d)
{
	fr_arena *a = fr_arena_new();
	fr_record *r = fr_alloc(a, sizeof(*r));
	const char *s, *end, *p, *yaml_start, *yaml_end = NULL, *body = NULL;
	size_t bad;
	int line, col, closing_line = 0;
	fr_error err;

	r->arena = a;
	r->path = fr_strdup(a, path);
	r->src = fr_strndup(a, src, len);
	r->len = len;
	*out = r;
	s = r->src;
	end = s + len;

	bad = fr_utf8_check(s, len);
	if (bad < len) {
		fr_offset_pos(s, bad, &line, &col);
		fr_diags_add(d, path, line, col, FR_SEV_ERROR, "X-FRONTMATTER",
			     _("invalid UTF-8 (byte 0x%02x): a record is a UTF-8 text file"),
			     (unsigned char)s[bad]);
		return -1;
	}
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	p = memchr(s, '\n', (size_t)(end - s));
	if (!p || !is_marker(s, p, "---")) {
		fr_diags_add(d, path, 1, 1, FR_SEV_ERROR, "X-FRONTMATTER",
			     _("a record starts with a '---' line that opens its front-matter"));
		return -1;
	}
	yaml_start = p + 1;
	line = 2;
	for (p = yaml_start; p < end; line++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		if (is_marker(p, e, "---") || is_marker(p, e, "...")) {
			yaml_end = p;
			body = e < end ? e + 1 : end;
			closing_line = line;
			break;
		}
		p = e + 1;
	}
	if (!yaml_end) {
		fr_diags_add(d, path, 1, 1, FR_SEV_ERROR, "X-FRONTMATTER",
			     _("the front-matter opened on line 1 is never closed by a '---' line"));
		return -1;
	}
	r->body = body;
	r->body_len = (size_t)(end - body);
	r->body_line = closing_line + 1;
	r->fm = fr_yaml_parse_fm(a, yaml_start, (size_t)(yaml_end - yaml_start), 1, &err);
	if (!r->fm) {
		fr_diags_add(d, path, err.line, err.col, FR_SEV_ERROR, err.rule, "%s", err.msg);
		return -1;
	}
	r->kind = fr_map_str(r->fm, "kind");
	return 0;
}

void fr_record_free(fr_record *r)
{
	if (r)
		fr_arena_free(r->arena);
}
