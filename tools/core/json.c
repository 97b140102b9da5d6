/* json.c - a strict RFC 8259 JSON parser into the document tree, with positions and bounds */
#include "json.h"
#include "i18n.h"
#include "limits.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYNTAX "X-YAML" /* the rule syntax errors of any record format carry (json.h) */

struct jp {
	fr_arena *a;
	const unsigned char *s;
	size_t len, pos;
	int line;
	size_t line_start;       /* offset of the first byte of the current line */
	size_t col_pos;          /* column cache: col_val is the column of offset col_pos */
	int col_val;
	fr_error *err;
	int failed;
	/* Children of the open containers, innermost last; copied to the arena on close. */
	fr_node **items;
	size_t nitems, capitems;
	fr_pair *pairs;
	size_t npairs, cappairs;
	char *sbuf;              /* scratch for strings with escapes */
	size_t sbuf_len, sbuf_cap;
};

/* Column (1-based, in code points) of offset pos on the current line. Positions are asked
 * for mostly in increasing order, so the count continues from the last answer. */
static int col_at(struct jp *p, size_t pos)
{
	size_t i, from;
	int col;

	if (p->col_pos >= p->line_start && pos >= p->col_pos) {
		from = p->col_pos;
		col = p->col_val;
	} else {
		from = p->line_start;
		col = 1;
	}
	for (i = from; i < pos && i < p->len; i++)
		col += (p->s[i] & 0xc0) != 0x80;
	p->col_pos = pos;
	p->col_val = col;
	return col;
}

/* How the character at pos reads in a message: 'x', the UTF-8 character, or "end of file". */
static const char *show_char(struct jp *p, size_t pos, char *out, size_t outsz)
{
	unsigned c;
	size_t k;

	if (pos >= p->len)
		return _("end of file");
	c = p->s[pos];
	if (c >= 0x20 && c < 0x7f) {
		snprintf(out, outsz, "'%c'", (int)c);
		return out;
	}
	k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (c >= 0x80 && pos + k <= p->len &&
	    fr_utf8_check((const char *)p->s + pos, k) == k) {
		snprintf(out, outsz, "'%.*s'", (int)k, (const char *)p->s + pos);
		return out;
	}
	snprintf(out, outsz, _("byte 0x%02x"), c);
	return out;
}

static void fail_at(struct jp *p, size_t pos, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail_at(struct jp *p, size_t pos, const char *rule, const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof(p->err->msg)];

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fr_error_set(p->err, p->line, col_at(p, pos), rule, "%s", msg);
}

static void fail_unexpected(struct jp *p, const char *what)
{
	char b[32];
	fail_at(p, p->pos, SYNTAX, _("invalid JSON: expected %s, found %s"), what,
		show_char(p, p->pos, b, sizeof(b)));
}

static void skip_ws(struct jp *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->s[p->pos];
		if (c == '\n') {
			p->pos++;
			p->line++;
			p->line_start = p->pos;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			p->pos++;
		} else {
			break;
		}
	}
}

static fr_node *new_node(struct jp *p, fr_type t, size_t pos)
{
	return fr_node_new(p->a, t, p->line, col_at(p, pos));
}

static int hexval(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return -1;
}

/* Four hex digits at pos as a code unit, or -1. */
static long hex4(struct jp *p, size_t pos)
{
	long v = 0;
	size_t i;
	if (pos + 4 > p->len)
		return -1;
	for (i = 0; i < 4; i++) {
		int h = hexval(p->s[pos + i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static void sbuf_add(struct jp *p, const void *b, size_t n)
{
	FR_GROW(p->sbuf, p->sbuf_cap, p->sbuf_len + n + 1);
	memcpy(p->sbuf + p->sbuf_len, b, n);
	p->sbuf_len += n;
}

static void sbuf_add_cp(struct jp *p, unsigned long cp)
{
	unsigned char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xf0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	sbuf_add(p, u, n);
}

/* Length of the valid UTF-8 sequence at pos (lead byte >= 0x80), or 0. */
static size_t utf8_seq(struct jp *p, size_t pos)
{
	unsigned c = p->s[pos];
	size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	if (pos + k > p->len)
		return 0;
	return fr_utf8_check((const char *)p->s + pos, k) == k ? k : 0;
}

/* A string starting at the opening quote at p->pos. */
static fr_node *parse_string(struct jp *p)
{
	size_t start = p->pos, i = p->pos + 1, run = i;
	int escaped = 0;
	fr_node *n;

	p->sbuf_len = 0;
	for (;;) {
		unsigned c;
		if (i >= p->len) {
			fail_at(p, start, SYNTAX, _("invalid JSON: unterminated string"));
			return NULL;
		}
		c = p->s[i];
		if (c == '"')
			break;
		if (c < 0x20) {
			fail_at(p, i, SYNTAX, _("invalid JSON: control character in a string "
						"(write it as an escape such as \\n)"));
			return NULL;
		}
		if (c >= 0x80) {
			size_t k = utf8_seq(p, i);
			if (!k) {
				fail_at(p, i, SYNTAX, _("invalid JSON: invalid UTF-8 byte 0x%02x"), c);
				return NULL;
			}
			i += k;
			continue;
		}
		if (c != '\\') {
			i++;
			continue;
		}
		/* an escape: flush the plain run before it */
		escaped = 1;
		sbuf_add(p, p->s + run, i - run);
		if (i + 1 >= p->len) {
			fail_at(p, start, SYNTAX, _("invalid JSON: unterminated string"));
			return NULL;
		}
		switch (p->s[i + 1]) {
		case '"': sbuf_add(p, "\"", 1); break;
		case '\\': sbuf_add(p, "\\", 1); break;
		case '/': sbuf_add(p, "/", 1); break;
		case 'b': sbuf_add(p, "\b", 1); break;
		case 'f': sbuf_add(p, "\f", 1); break;
		case 'n': sbuf_add(p, "\n", 1); break;
		case 'r': sbuf_add(p, "\r", 1); break;
		case 't': sbuf_add(p, "\t", 1); break;
		case 'u': {
			long u = hex4(p, i + 2);
			if (u < 0) {
				fail_at(p, i, SYNTAX,
					_("invalid JSON: '\\u' must be followed by four hex digits"));
				return NULL;
			}
			if (u >= 0xdc00 && u <= 0xdfff) {
				fail_at(p, i, SYNTAX,
					_("invalid JSON: lone surrogate '\\u%04lx' in a string"), u);
				return NULL;
			}
			if (u >= 0xd800 && u <= 0xdbff) {
				long lo = -1;
				if (i + 7 < p->len && p->s[i + 6] == '\\' && p->s[i + 7] == 'u')
					lo = hex4(p, i + 8);
				if (lo < 0xdc00 || lo > 0xdfff) {
					fail_at(p, i, SYNTAX,
						_("invalid JSON: lone surrogate '\\u%04lx' in a string"),
						u);
					return NULL;
				}
				sbuf_add_cp(p, 0x10000 + (((unsigned long)u - 0xd800) << 10) +
						       ((unsigned long)lo - 0xdc00));
				i += 6;
			} else {
				sbuf_add_cp(p, (unsigned long)u);
			}
			i += 4;
			break;
		}
		default: {
			char b[32];
			fail_at(p, i, SYNTAX, _("invalid JSON: invalid escape '\\' then %s"),
				show_char(p, i + 1, b, sizeof(b)));
			return NULL;
		}
		}
		i += 2;
		run = i;
	}
	n = new_node(p, FR_STRING, start);
	if (escaped) {
		sbuf_add(p, p->s + run, i - run);
		n->str = fr_strndup(p->a, p->sbuf, p->sbuf_len);
		n->len = p->sbuf_len;
	} else {
		n->str = fr_strndup(p->a, (const char *)p->s + start + 1, i - start - 1);
		n->len = i - start - 1;
	}
	p->pos = i + 1;
	return n;
}

static int is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

/* A number by the RFC 8259 grammar; strtod converts only text that passed it, so the result
 * does not depend on anything but LC_NUMERIC being "C" (fr_i18n_init sets it). */
static fr_node *parse_number(struct jp *p)
{
	size_t start = p->pos, i = p->pos;
	char small[64], *txt;
	double v;
	fr_node *n;

	if (i < p->len && p->s[i] == '-')
		i++;
	if (i >= p->len || !is_digit(p->s[i])) {
		fail_at(p, start, SYNTAX, _("invalid JSON: invalid number, a digit must follow '-'"));
		return NULL;
	}
	if (p->s[i] == '0') {
		i++;
		if (i < p->len && is_digit(p->s[i])) {
			fail_at(p, start, SYNTAX,
				_("invalid JSON: invalid number, leading zeros are not allowed"));
			return NULL;
		}
	} else {
		while (i < p->len && is_digit(p->s[i]))
			i++;
	}
	if (i < p->len && p->s[i] == '.') {
		i++;
		if (i >= p->len || !is_digit(p->s[i])) {
			fail_at(p, start, SYNTAX,
				_("invalid JSON: invalid number, a digit must follow '.'"));
			return NULL;
		}
		while (i < p->len && is_digit(p->s[i]))
			i++;
	}
	if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
		i++;
		if (i < p->len && (p->s[i] == '+' || p->s[i] == '-'))
			i++;
		if (i >= p->len || !is_digit(p->s[i])) {
			fail_at(p, start, SYNTAX,
				_("invalid JSON: invalid number, the exponent needs digits"));
			return NULL;
		}
		while (i < p->len && is_digit(p->s[i]))
			i++;
	}
	txt = i - start < sizeof(small) ? small : fr_xmalloc(i - start + 1);
	memcpy(txt, p->s + start, i - start);
	txt[i - start] = '\0';
	v = strtod(txt, NULL);
	if (txt != small)
		free(txt);
	if (!isfinite(v)) {
		fail_at(p, start, SYNTAX, _("invalid JSON: number out of range"));
		return NULL;
	}
	n = new_node(p, FR_NUMBER, start);
	n->num = v;
	p->pos = i;
	return n;
}

static fr_node *parse_word(struct jp *p)
{
	static const struct { const char *w; fr_type t; int b; } words[] = {
		{ "true", FR_BOOL, 1 }, { "false", FR_BOOL, 0 }, { "null", FR_NULL, 0 },
	};
	size_t k;
	for (k = 0; k < FR_ARRAY_LEN(words); k++) {
		size_t wl = strlen(words[k].w);
		if (p->len - p->pos >= wl && !memcmp(p->s + p->pos, words[k].w, wl)) {
			fr_node *n = new_node(p, words[k].t, p->pos);
			n->boolean = words[k].b;
			p->pos += wl;
			return n;
		}
	}
	fail_unexpected(p, _("a value"));
	return NULL;
}

static uint64_t hash_key(const fr_node *k)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;
	for (i = 0; i < k->len; i++) {
		h ^= (unsigned char)k->str[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int same_key(const fr_node *a, const fr_node *b)
{
	return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

/* Index of the first pair whose key repeats an earlier one, or n. Small objects compare
 * pairwise; big ones use a hash table so a million keys do not take a million squared. */
static size_t find_dup(const fr_pair *v, size_t n)
{
	size_t i, j, cap, *tab, found = n;

	if (n <= 32) {
		for (i = 1; i < n; i++)
			for (j = 0; j < i; j++)
				if (same_key(v[i].key, v[j].key))
					return i;
		return n;
	}
	for (cap = 64; cap < 2 * n; cap *= 2)
		;
	tab = fr_xmalloc(cap * sizeof(*tab));
	for (i = 0; i < cap; i++)
		tab[i] = (size_t)-1;
	for (i = 0; i < n && found == n; i++) {
		size_t h = (size_t)hash_key(v[i].key) & (cap - 1);
		while (tab[h] != (size_t)-1) {
			if (same_key(v[tab[h]].key, v[i].key)) {
				found = i;
				break;
			}
			h = (h + 1) & (cap - 1);
		}
		tab[h] = i;
	}
	free(tab);
	return found;
}

static fr_node *parse_value(struct jp *p, int depth);

static fr_node *parse_array(struct jp *p, int depth)
{
	fr_node *n = new_node(p, FR_SEQ, p->pos);
	size_t base = p->nitems;

	p->pos++; /* '[' */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		return n;
	}
	for (;;) {
		fr_node *item = parse_value(p, depth);
		if (!item)
			return NULL;
		FR_GROW(p->items, p->capitems, p->nitems + 1);
		p->items[p->nitems++] = item;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			skip_ws(p);
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			break;
		}
		fail_unexpected(p, _("',' or ']' after an array item"));
		return NULL;
	}
	n->n = p->nitems - base;
	n->items = fr_alloc(p->a, n->n * sizeof(*n->items));
	memcpy(n->items, p->items + base, n->n * sizeof(*n->items));
	p->nitems = base;
	return n;
}

static fr_node *parse_object(struct jp *p, int depth)
{
	fr_node *n = new_node(p, FR_MAP, p->pos);
	size_t base = p->npairs, dup;

	p->pos++; /* '{' */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		return n;
	}
	for (;;) {
		fr_node *key, *val;
		if (p->pos >= p->len || p->s[p->pos] != '"') {
			fail_unexpected(p, _("a string key"));
			return NULL;
		}
		key = parse_string(p);
		if (!key)
			return NULL;
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			fail_unexpected(p, _("':' after the key"));
			return NULL;
		}
		p->pos++;
		skip_ws(p);
		val = parse_value(p, depth);
		if (!val)
			return NULL;
		FR_GROW(p->pairs, p->cappairs, p->npairs + 1);
		p->pairs[p->npairs].key = key;
		p->pairs[p->npairs].val = val;
		p->npairs++;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			skip_ws(p);
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			break;
		}
		fail_unexpected(p, _("',' or '}' after an object member"));
		return NULL;
	}
	n->n = p->npairs - base;
	dup = find_dup(p->pairs + base, n->n);
	if (dup < n->n) {
		const fr_node *k = p->pairs[base + dup].key;
		if (!p->failed) {
			p->failed = 1;
			fr_error_set(p->err, k->line, k->col, "X-DUPKEY", _("duplicate key '%s'"),
				     k->str);
		}
		return NULL;
	}
	n->pairs = fr_alloc(p->a, n->n * sizeof(*n->pairs));
	memcpy(n->pairs, p->pairs + base, n->n * sizeof(*n->pairs));
	p->npairs = base;
	return n;
}

/* A value at p->pos (whitespace already skipped); depth counts the open containers. */
static fr_node *parse_value(struct jp *p, int depth)
{
	unsigned c;

	if (p->pos >= p->len) {
		fail_unexpected(p, _("a value"));
		return NULL;
	}
	c = p->s[p->pos];
	if (c == '[' || c == '{') {
		if (depth >= FR_MAX_DEPTH) {
			fail_at(p, p->pos, SYNTAX, _("invalid JSON: nesting deeper than %d levels"),
				FR_MAX_DEPTH);
			return NULL;
		}
		return c == '[' ? parse_array(p, depth + 1) : parse_object(p, depth + 1);
	}
	if (c == '"')
		return parse_string(p);
	if (c == '-' || is_digit(c))
		return parse_number(p);
	return parse_word(p);
}

fr_node *fr_json_parse(fr_arena *a, const char *text, size_t len, fr_error *err)
{
	struct jp p;
	fr_node *root;

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.s = (const unsigned char *)(text ? text : "");
	p.len = text ? len : 0;
	p.line = 1;
	p.col_val = 1;
	p.err = err;
	memset(err, 0, sizeof(*err));
	/* A UTF-8 byte order mark may be ignored (RFC 8259 section 8.1). */
	if (p.len >= 3 && !memcmp(p.s, "\xef\xbb\xbf", 3))
		p.pos = p.line_start = p.col_pos = 3;
	skip_ws(&p);
	root = parse_value(&p, 0);
	if (root) {
		skip_ws(&p);
		if (p.pos < p.len) {
			fail_unexpected(&p, _("the end of the document after the JSON value"));
			root = NULL;
		}
	}
	free(p.items);
	free(p.pairs);
	free(p.sbuf);
	return root;
}
