/* fastyaml.c - the front-matter reader for the YAML subset records are written in, without libyaml
 *
 * It builds the very tree fr_yaml_parse builds from libyaml's events (types, values, the line and
 * column of every node, the strings' source text), for: block mappings and sequences (compact
 * `- key: v` entries and indentless `key:` + `- item` sequences too), plain, single- and
 * double-quoted scalars on one line, flow sequences and mappings that open and close on one line,
 * comments, blank lines and empty values. The moment it meets anything else (a tab, a CR, a
 * control or non-printable character, invalid UTF-8, a BOM, anchors, aliases, tags, block
 * scalars, multi-line scalars, complex keys, documents markers, directives, an escape it does not
 * know, a long key, an indentation libyaml would refuse...) or any error at all (a duplicate key,
 * the depth bound), it gives up, and fr_yaml_parse_fm parses the whole text again with libyaml,
 * which says what is wrong. It never gives an answer of its own: the differential fuzz target
 * (tests/fuzz/fuzz_fastyaml.c) and tests/t-fastyaml.sh compare the two readers.
 *
 * Where libyaml's rules are subtle the reader gives up rather than follow them: a ':' in a flow
 * scalar, a '?' in one, a space before a key's ':', a comment that touches a value, a trailing
 * comma in a flow collection.
 */
#include "yaml.h"

#include "limits.h"
#include "util.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Beyond these the libyaml path decides (its own bounds are FR_MAX_DEPTH and
 * FR_MAX_ALIAS_NODES, and a simple key is at most 1024 characters long). */
#define FAST_MAX_DEPTH (FR_MAX_DEPTH - 8)
#define FAST_MAX_NODES (FR_MAX_ALIAS_NODES / 2)
#define FAST_MAX_KEY 1000

struct fy {
	fr_arena *a;
	const char *end;      /* the text ends here */
	const char *p;        /* the cursor */
	const char *bol;      /* where the cursor's line begins */
	const char *cpos;     /* col_of's last answer: ccol at cpos, on the line of bol */
	int ccol;
	int line;             /* 0-based line of the cursor */
	int line_offset;
	int ind;              /* indentation of the content line at the cursor; -1 at the end */
	int depth;
	int bad;              /* gave up */
	size_t nodes;
	/* the children of the open collections, a stack (maps push key, value, key, ...) */
	fr_node **stk;
	size_t nstk, capstk;
	fr_node *local[512];
};

/* How a plain scalar ended. */
enum { END_EOL, END_COMMENT, END_COLON, END_FLOW };

static fr_node *giveup(struct fy *f)
{
	f->bad = 1;
	return NULL;
}

/* Every character printable as libyaml's reader wants it, nothing that libyaml treats as a line
 * break or a BOM, no tab, no CR: then lines are '\n' and columns count code points. */
static int text_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if ((c < 0x20 && c != '\n') || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			/* U+0080..U+009F are C1 controls (and U+0085 a line break) */
			if (i + 1 >= n || (s[i + 1] & 0xc0) != 0x80 || (c == 0xc2 && s[i + 1] < 0xa0))
				return 0;
			i += 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			unsigned c1, c2, cp;
			if (i + 2 >= n)
				return 0;
			c1 = s[i + 1];
			c2 = s[i + 2];
			if ((c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80)
				return 0;
			cp = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
			if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0x2028 ||
			    cp == 0x2029 || cp == 0xfeff || cp >= 0xfffe)
				return 0;
			i += 3;
		} else if (c >= 0xf0 && c <= 0xf4) {
			unsigned cp;
			if (i + 3 >= n || (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80 ||
			    (s[i + 3] & 0xc0) != 0x80)
				return 0;
			cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3fu) << 12) | ((s[i + 2] & 0x3fu) << 6) |
			     (s[i + 3] & 0x3fu);
			if (cp < 0x10000 || cp > 0x10ffff)
				return 0;
			i += 4;
		} else {
			return 0;
		}
	}
	return 1;
}

static int at_eol(const struct fy *f)
{
	return f->p == f->end || *f->p == '\n';
}

/* blank or the end, at q */
static int blankz(const struct fy *f, const char *q)
{
	return q == f->end || *q == ' ' || *q == '\n';
}

/* 0-based column of q on the cursor's line, in code points: counted on from the last column
 * asked for, so a line of 300,000 flow items costs one pass, not 300,000. */
static int col_of(struct fy *f, const char *q)
{
	const char *r = f->cpos;
	int c = f->ccol;
	if (q < r || r < f->bol) {
		r = f->bol;
		c = 0;
	}
	for (; r < q; r++)
		c += ((unsigned char)*r & 0xc0) != 0x80;
	f->cpos = q;
	f->ccol = c;
	return c;
}

static fr_node *node(struct fy *f, fr_type t, int line, int col)
{
	f->nodes++;
	return fr_node_new(f->a, t, line + 1 + f->line_offset, col + 1);
}

static void push(struct fy *f, fr_node *n)
{
	if (f->nstk == f->capstk) {
		size_t nc = f->capstk * 2;
		fr_node **v = fr_xmalloc(nc * sizeof(*v));
		memcpy(v, f->stk, f->nstk * sizeof(*v));
		if (f->stk != f->local)
			free(f->stk);
		f->stk = v;
		f->capstk = nc;
	}
	f->stk[f->nstk++] = n;
}

/* The capacity fr_seq_push and fr_map_set assume: the next power of two, 8 at least. */
static size_t cap_for(size_t n)
{
	size_t c = 8;
	while (c < n)
		c *= 2;
	return c;
}

/* The children pushed since base become the items of seq. */
static void close_seq(struct fy *f, fr_node *seq, size_t base)
{
	size_t n = f->nstk - base;
	if (n) {
		seq->items = fr_alloc(f->a, cap_for(n) * sizeof(*seq->items));
		memcpy(seq->items, f->stk + base, n * sizeof(*seq->items));
	}
	seq->n = n;
	f->nstk = base;
}

/* The keys and values pushed since base become the pairs of map; 0, or -1 on a repeated key
 * (libyaml's path reports it). */
static int close_map(struct fy *f, fr_node *map, size_t base)
{
	size_t n = (f->nstk - base) / 2, i;
	if (n) {
		map->pairs = fr_alloc(f->a, cap_for(n) * sizeof(*map->pairs));
		for (i = 0; i < n; i++) {
			map->pairs[i].key = f->stk[base + 2 * i];
			map->pairs[i].val = f->stk[base + 2 * i + 1];
		}
	}
	map->n = n;
	f->nstk = base;
	return n > 1 && fr_yaml_dupkey(map) ? -1 : 0;
}

/* From p, the start of line f->line, to the first line with content (not blank, not only a
 * comment): the cursor on its first non-blank, ind its indentation; the end: ind -1. */
static void seek_content(struct fy *f, const char *p)
{
	for (;;) {
		const char *q = p;
		f->bol = f->cpos = p;
		f->ccol = 0;
		while (q < f->end && *q == ' ')
			q++;
		if (q < f->end && *q == '#')
			while (q < f->end && *q != '\n')
				q++;
		if (q == f->end)
			break;
		if (*q == '\n') {
			p = q + 1;
			f->line++;
			continue;
		}
		/* document markers: not ours */
		if (q == p && f->end - q >= 3 && (!memcmp(q, "---", 3) || !memcmp(q, "...", 3)))
			f->bad = 1;
		f->p = q;
		f->ind = (int)(q - p);
		return;
	}
	f->p = f->end;
	f->ind = -1;
}

/* Past the end of the cursor's line, to the next line with content. */
static void next_line(struct fy *f)
{
	const char *p = f->p;
	while (p < f->end && *p != '\n')
		p++;
	if (p == f->end) {
		f->p = f->end;
		f->ind = -1;
		return;
	}
	f->line++;
	seek_content(f, p + 1);
}

/* After a value: only blanks, then the end of the line or a comment after a blank. */
static void rest_of_line(struct fy *f)
{
	const char *s = f->p;
	while (f->p < f->end && *f->p == ' ')
		f->p++;
	if (!at_eol(f) && !(*f->p == '#' && f->p > s)) {
		f->bad = 1;
		return;
	}
	next_line(f);
}

/* Can a plain scalar start at q? libyaml's indicators cannot start one; of '-', '?' and ':'
 * followed by a non-blank (which can) only '-' before a digit or '.' is taken. */
static int plain_start(const struct fy *f, const char *q)
{
	switch (*q) {
	case ' ': case '\n': case '?': case ':': case ',': case '[': case ']': case '{': case '}':
	case '#': case '&': case '*': case '!': case '|': case '>': case '\'': case '"': case '%':
	case '@': case '`':
		return 0;
	case '-':
		return q + 1 < f->end && ((q[1] >= '0' && q[1] <= '9') || q[1] == '.');
	}
	return 1;
}

struct tok {
	const char *s, *e;   /* the text: of a plain scalar, or between a quoted one's quotes */
	int style;           /* 0 plain, '\'' or '"' */
	int escaped;         /* '' or a backslash inside */
	int ended;           /* plain: END_* */
	int col;             /* 0-based, code points */
};

static const unsigned char stop[2][256] = {
	{ [' '] = 1, [':'] = 1, ['\n'] = 1 },
	{ [' '] = 1, [':'] = 1, ['\n'] = 1, [','] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1,
	  ['?'] = 1 },
};

/* A plain scalar at the cursor (plain_start), cursor after it: at the ':' of END_COLON, the flow
 * indicator of END_FLOW, the '#' of END_COMMENT, the line's end. */
static int scan_plain(struct fy *f, struct tok *t, int flow)
{
	const char *q = f->p, *last;
	t->s = q;
	t->style = 0;
	t->escaped = 0;
	t->col = col_of(f, q);
	last = ++q; /* the first character is not blank (plain_start) */
	for (;;) {
		/* the bytes that need a look: ' ', ':', '\n' and, in flow, ",[]{}?" */
		const char *r = q;
		while (q < f->end && !stop[flow][(unsigned char)*q])
			q++;
		if (q > r)
			last = q;
		if (q == f->end || *q == '\n') {
			t->ended = END_EOL;
			break;
		}
		if (*q == ' ') {
			q++;
			if (q < f->end && *q == '#') {
				t->ended = END_COMMENT;
				break;
			}
			continue;
		}
		if (*q == ':') {
			if (q + 1 == f->end || q[1] == ' ' || q[1] == '\n') {
				t->ended = END_COLON;
				break;
			}
			if (flow)
				return -1;
		} else if (flow) {
			if (*q == '?')
				return -1;
			t->ended = END_FLOW;
			break;
		}
		last = ++q;
	}
	t->e = last;
	f->p = q;
	return 0;
}

/* A quoted scalar on one line at the cursor, cursor after the closing quote. */
static int scan_quoted(struct fy *f, struct tok *t)
{
	const char *q = f->p + 1;
	char quote = *f->p;
	t->style = quote;
	t->escaped = 0;
	t->col = col_of(f, f->p);
	t->s = q;
	for (;;) {
		if (q == f->end || *q == '\n')
			return -1;
		if (*q == quote) {
			if (quote == '\'' && q + 1 < f->end && q[1] == '\'') {
				t->escaped = 1;
				q += 2;
				continue;
			}
			break;
		}
		if (quote == '"' && *q == '\\') {
			if (q + 1 == f->end || !strchr("\\\"/ntr", q[1]) || !q[1])
				return -1;
			t->escaped = 1;
			q += 2;
			continue;
		}
		q++;
	}
	t->e = q;
	f->p = q + 1;
	return 0;
}

/* The scalar node of t (on the cursor's line). */
static fr_node *scalar(struct fy *f, const struct tok *t, int key)
{
	fr_node *n = node(f, FR_STRING, f->line, t->col);
	size_t len = (size_t)(t->e - t->s);
	if (!t->escaped) {
		n->str = fr_strndup(f->a, t->s, len);
		n->len = len;
	} else {
		char *d = fr_alloc(f->a, len + 1), *o = d;
		const char *q;
		for (q = t->s; q < t->e; q++) {
			if (t->style == '\'' && *q == '\'') {
				*o++ = '\'';
				q++;
			} else if (t->style == '"' && *q == '\\') {
				q++;
				*o++ = *q == 'n' ? '\n' : *q == 't' ? '\t' : *q == 'r' ? '\r' : *q;
			} else {
				*o++ = *q;
			}
		}
		*o = '\0';
		n->str = d;
		n->len = (size_t)(o - d);
	}
	/* only a null, a boolean or a number resolves, and none of them starts otherwise */
	if (!t->style && !key && (!len || strchr("~nNtTfF.+-0123456789", *t->s)))
		fr_yaml_resolve_plain(n);
	return n;
}

static fr_node *flow(struct fy *f);

/* One entry of a flow collection: a collection, a quoted or a plain scalar. */
static fr_node *flow_item(struct fy *f)
{
	struct tok t;
	if (f->p == f->end)
		return giveup(f);
	if (*f->p == '[' || *f->p == '{')
		return flow(f);
	if (*f->p == '"' || *f->p == '\'') {
		if (scan_quoted(f, &t))
			return giveup(f);
	} else if (!plain_start(f, f->p) || scan_plain(f, &t, 1) || t.ended != END_FLOW) {
		return giveup(f);
	}
	return scalar(f, &t, 0);
}

static void skip_spaces(struct fy *f)
{
	while (f->p < f->end && *f->p == ' ')
		f->p++;
}

/* A flow sequence or mapping that closes on its line, cursor after it. */
static fr_node *flow(struct fy *f)
{
	int is_map = *f->p == '{';
	char close = is_map ? '}' : ']';
	fr_node *c = node(f, is_map ? FR_MAP : FR_SEQ, f->line, col_of(f, f->p));
	size_t base = f->nstk;
	if (++f->depth > FAST_MAX_DEPTH)
		return giveup(f);
	f->p++;
	skip_spaces(f);
	if (f->p < f->end && *f->p == close) {
		f->p++;
		f->depth--;
		return c;
	}
	for (;;) {
		fr_node *v;
		if (is_map) {
			struct tok t;
			if (f->p == f->end)
				return giveup(f);
			if (*f->p == '"' || *f->p == '\'') {
				if (scan_quoted(f, &t) || f->p == f->end || *f->p != ':')
					return giveup(f);
			} else if (!plain_start(f, f->p) || scan_plain(f, &t, 1) ||
				   t.ended != END_COLON || t.e != f->p) {
				return giveup(f);
			}
			/* ": " exactly, and a key libyaml takes for a simple key */
			if (f->p + 1 == f->end || f->p[1] != ' ' || f->p - t.s > FAST_MAX_KEY)
				return giveup(f);
			push(f, scalar(f, &t, 1));
			f->p += 2;
			skip_spaces(f);
		}
		if (!(v = flow_item(f)))
			return NULL;
		push(f, v);
		skip_spaces(f);
		if (f->p == f->end)
			return giveup(f);
		if (*f->p == ',') {
			f->p++;
			skip_spaces(f);
			if (f->p < f->end && *f->p == close)
				return giveup(f); /* a trailing comma */
			continue;
		}
		if (*f->p != close)
			return giveup(f);
		f->p++;
		break;
	}
	if (is_map ? close_map(f, c, base) : (close_seq(f, c, base), 0))
		return giveup(f);
	f->depth--;
	return c;
}

static int is_entry(const struct fy *f)
{
	return f->ind >= 0 && *f->p == '-' && blankz(f, f->p + 1);
}

static fr_node *block_map(struct fy *f, int col);
static fr_node *block_seq(struct fy *f, int col, int indentless);

/* The block collection that starts at the cursor, at column col. */
static fr_node *block_node(struct fy *f, int col)
{
	return is_entry(f) ? block_seq(f, col, 0) : block_map(f, col);
}

/* A value after "key: " or "- " on the same line: a flow collection, a quoted or a plain
 * scalar; then the rest of the line, cursor on the next content line. */
static fr_node *inline_value(struct fy *f)
{
	struct tok t;
	fr_node *v;
	if (*f->p == '[' || *f->p == '{') {
		if (!(v = flow(f)))
			return NULL;
		rest_of_line(f);
		return f->bad ? NULL : v;
	}
	if (*f->p == '"' || *f->p == '\'') {
		if (scan_quoted(f, &t) || (f->p < f->end && *f->p == ':'))
			return giveup(f);
		v = scalar(f, &t, 0);
		rest_of_line(f);
		return f->bad ? NULL : v;
	}
	if (!plain_start(f, f->p) || scan_plain(f, &t, 0) || t.ended == END_COLON)
		return giveup(f);
	v = scalar(f, &t, 0);
	next_line(f);
	return f->bad ? NULL : v;
}

/* A key at the cursor, cursor after its ':' (followed by a blank). NULL when what is there is
 * not a key the reader takes. */
static fr_node *key(struct fy *f)
{
	struct tok t;
	if (*f->p == '"' || *f->p == '\'') {
		if (scan_quoted(f, &t) || f->p == f->end || *f->p != ':' || !blankz(f, f->p + 1))
			return giveup(f);
	} else if (!plain_start(f, f->p) || scan_plain(f, &t, 0) || t.ended != END_COLON ||
		   t.e != f->p) {
		return giveup(f);
	}
	if (f->p - t.s > FAST_MAX_KEY)
		return giveup(f);
	f->p++;
	return scalar(f, &t, 1);
}

/* The value of a key whose line ends after the ':' (blanks, a comment): a collection on the lines
 * below, an indentless sequence, or the empty scalar right after the ':'. */
static fr_node *value_below(struct fy *f, int col, int vline, int vcol)
{
	next_line(f);
	if (f->bad)
		return NULL;
	if (f->ind > col)
		return block_node(f, f->ind);
	if (f->ind == col && is_entry(f))
		return block_seq(f, col, 1);
	return node(f, FR_NULL, vline, vcol); /* "", as libyaml's empty plain scalar */
}

static fr_node *block_map(struct fy *f, int col)
{
	fr_node *m = node(f, FR_MAP, f->line, col);
	size_t base = f->nstk;
	if (++f->depth > FAST_MAX_DEPTH)
		return giveup(f);
	for (;;) {
		fr_node *k, *v;
		const char *after;
		if (!(k = key(f)))
			return NULL;
		push(f, k);
		after = f->p;
		skip_spaces(f);
		if (at_eol(f) || *f->p == '#') {
			int vline = f->line, vcol = col_of(f, after);
			v = value_below(f, col, vline, vcol);
		} else {
			v = inline_value(f);
		}
		if (!v || f->bad)
			return giveup(f);
		push(f, v);
		if (f->ind == col) {
			if (is_entry(f))
				return giveup(f);
			continue;
		}
		if (f->ind > col)
			return giveup(f);
		break;
	}
	if (close_map(f, m, base))
		return giveup(f);
	f->depth--;
	return m;
}

/* Is there a key at the cursor ("k: ", "'k': ")? Looks only. */
static int key_ahead(struct fy *f)
{
	const char *p = f->p;
	struct tok t;
	int yes;
	if (*f->p == '"' || *f->p == '\'')
		yes = !scan_quoted(f, &t) && f->p < f->end && *f->p == ':' && blankz(f, f->p + 1);
	else
		yes = plain_start(f, f->p) && !scan_plain(f, &t, 0) && t.ended == END_COLON;
	f->p = p;
	return yes;
}

static fr_node *block_seq(struct fy *f, int col, int indentless)
{
	fr_node *s = node(f, FR_SEQ, f->line, col);
	size_t base = f->nstk;
	if (++f->depth > FAST_MAX_DEPTH)
		return giveup(f);
	for (;;) {
		fr_node *v;
		int dline = f->line;
		f->p++; /* the '-' */
		skip_spaces(f);
		if (at_eol(f) || *f->p == '#') {
			next_line(f);
			if (f->bad)
				return NULL;
			if (f->ind > col) {
				v = block_node(f, f->ind);
			} else {
				v = node(f, FR_NULL, dline, col + 1);
			}
		} else {
			/* what follows "- " is ASCII so far: bytes are columns */
			int c2 = (int)(f->p - f->bol);
			if (*f->p == '-' && blankz(f, f->p + 1)) {
				v = block_seq(f, c2, 0);
			} else if (key_ahead(f)) {
				v = block_map(f, c2);
			} else {
				v = inline_value(f);
			}
		}
		if (!v || f->bad)
			return giveup(f);
		push(f, v);
		if (f->ind == col) {
			if (is_entry(f))
				continue;
			if (indentless)
				break;
			return giveup(f);
		}
		if (f->ind > col)
			return giveup(f);
		break;
	}
	close_seq(f, s, base);
	f->depth--;
	return s;
}

fr_node *fr_yaml_fast(fr_arena *a, const char *text, size_t len, int line_offset)
{
	struct fy f;
	fr_node *root = NULL;

	if (!text_ok((const unsigned char *)text, len))
		return NULL;
	memset(&f, 0, offsetof(struct fy, local));
	f.a = a;
	f.end = text + len;
	f.line_offset = line_offset;
	f.stk = f.local;
	f.capstk = FR_ARRAY_LEN(f.local);
	seek_content(&f, text);
	if (f.bad)
		goto done;
	if (f.ind < 0) {
		root = fr_node_new(a, FR_NULL, 1 + line_offset, 1);
		goto done;
	}
	root = block_node(&f, f.ind);
	if (!root || f.bad || f.ind >= 0)
		root = NULL;
done:
	if (f.stk != f.local)
		free(f.stk);
	return f.bad ? NULL : root;
}

static int force_libyaml;
static pthread_once_t force_once = PTHREAD_ONCE_INIT;

static void read_force(void)
{
	const char *e = getenv("FLOWREC_YAML");
	force_libyaml = e && !strcmp(e, "libyaml");
}

fr_node *fr_yaml_parse_fm(fr_arena *a, const char *text, size_t len, int line_offset, fr_error *err)
{
	fr_node *n;
	pthread_once(&force_once, read_force);
	if (!force_libyaml && (n = fr_yaml_fast(a, text, len, line_offset))) {
		memset(err, 0, sizeof(*err));
		return n;
	}
	return fr_yaml_parse(a, text, len, line_offset, err);
}
