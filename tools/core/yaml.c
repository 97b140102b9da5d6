/* yaml.c - libyaml events into the document tree, with marks and bounds */
#include "yaml.h"
#include "hint.h"
#include "i18n.h"
#include "limits.h"
#include "util.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct anchor {
	const char *name;
	fr_node *node;
	size_t weight;   /* nodes under it, aliases expanded */
};

struct frame {
	fr_node *node;
	size_t weight;
	fr_node *key;    /* a mapping's pending key, NULL when the next scalar is a key */
	int key_seen;
	const char *anchor;
};

struct builder {
	fr_arena *a;
	int line_offset;
	struct frame stack[FR_MAX_DEPTH + 1];
	int depth;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t *slots;    /* open addressing by name: index + 1 into anchors, 0 empty */
	size_t nslots;
	fr_node *root;
	size_t root_weight;
	fr_error *err;
	const char *text;    /* what is parsed, for the hints of a syntax error (hint.h) */
	size_t len;
};

static int is_in(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(s, *set))
			return 1;
	return 0;
}

static int all_of(const char *s, size_t n, const char *chars)
{
	size_t i;
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr(chars, s[i]))
			return 0;
	return 1;
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static int is_float(const char *s)
{
	int digits = 0;
	if (*s == '-' || *s == '+')
		s++;
	while (isdigit((unsigned char)*s)) {
		s++;
		digits++;
	}
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s)) {
			s++;
			digits++;
		}
	}
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

/* Resolve a plain scalar by the YAML 1.2 core schema into n (already FR_STRING). */
void fr_yaml_resolve_plain(fr_node *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	static const char *const infs[] = { ".inf", ".Inf", ".INF", NULL };
	static const char *const nans[] = { ".nan", ".NaN", ".NAN", NULL };
	const char *s = n->str;
	size_t len = n->len, i;

	if (strlen(s) != len)
		return; /* contains NUL: only a string can */
	/* by the first character: what no null, boolean or number starts with is a string (most
	 * values); a null or a boolean starts with a letter or '~', a number does not */
	switch (s[0]) {
	case '\0': case '~': case 'n': case 'N':
		if (is_in(s, nulls))
			n->type = FR_NULL;
		return;
	case 't': case 'T': case 'f': case 'F':
		if (is_in(s, trues) || is_in(s, falses)) {
			n->type = FR_BOOL;
			n->boolean = is_in(s, trues);
		}
		return;
	case '.': case '+': case '-':
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
		break;
	default:
		return;
	}
	/* a decimal integer of up to 15 digits is exact in a double: what strtod gives */
	i = s[0] == '-' || s[0] == '+';
	if (len > i && len - i <= 15) {
		double v = 0;
		size_t j;
		for (j = i; j < len && s[j] >= '0' && s[j] <= '9'; j++)
			v = v * 10 + (s[j] - '0');
		if (j == len) {
			n->type = FR_NUMBER;
			n->num = s[0] == '-' ? -v : v;
			return;
		}
	}
	if (len > 2 && s[0] == '0' && s[1] == 'o' && all_of(s + 2, len - 2, "01234567")) {
		n->type = FR_NUMBER;
		n->num = (double)strtoull(s + 2, NULL, 8);
	} else if (len > 2 && s[0] == '0' && s[1] == 'x' &&
		   all_of(s + 2, len - 2, "0123456789abcdefABCDEF")) {
		n->type = FR_NUMBER;
		n->num = (double)strtoull(s + 2, NULL, 16);
	} else if (is_float(s)) {
		n->type = FR_NUMBER;
		n->num = strtod(s, NULL);
	} else if ((s[0] == '+' || s[0] == '-') && is_in(s + 1, infs)) {
		n->type = FR_NUMBER;
		n->num = s[0] == '-' ? -INFINITY : INFINITY;
	} else if (is_in(s, infs)) {
		n->type = FR_NUMBER;
		n->num = INFINITY;
	} else if (is_in(s, nans)) {
		n->type = FR_NUMBER;
		n->num = NAN;
	}
}

static int line_of(struct builder *b, yaml_mark_t m)
{
	return (int)m.line + 1 + b->line_offset;
}

static int col_of(yaml_mark_t m)
{
	return (int)m.column + 1;
}

static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of name in the table: where it is, or the empty slot where it would go. */
static size_t *anchor_slot(struct builder *b, const char *name)
{
	size_t m = b->nslots - 1, k = (size_t)name_hash(name) & m;
	while (b->slots[k] && strcmp(b->anchors[b->slots[k] - 1].name, name))
		k = (k + 1) & m;
	return &b->slots[k];
}

/* The anchor of that name, or NULL: one hash lookup, so 40,000 aliases cost 40,000 lookups,
 * not 40,000 scans of every anchor. */
static struct anchor *find_anchor(struct builder *b, const char *name)
{
	size_t *sl;
	if (!b->nslots)
		return NULL;
	sl = anchor_slot(b, name);
	return *sl ? &b->anchors[*sl - 1] : NULL;
}

static int remember_anchor(struct builder *b, const char *name, fr_node *n, size_t weight)
{
	struct anchor *an;
	size_t i, *sl;
	if (!name)
		return 0;
	/* A later anchor of the same name replaces the earlier one, as YAML says. */
	if ((an = find_anchor(b, name))) {
		an->node = n;
		an->weight = weight;
		return 0;
	}
	FR_GROW(b->anchors, b->capanchors, b->nanchors + 1);
	b->anchors[b->nanchors].name = name;
	b->anchors[b->nanchors].node = n;
	b->anchors[b->nanchors].weight = weight;
	b->nanchors++;
	if (b->nanchors * 2 > b->nslots) {
		free(b->slots);
		b->nslots = b->nslots ? b->nslots * 2 : 64;
		b->slots = fr_xcalloc(b->nslots, sizeof(*b->slots));
		for (i = 0; i < b->nanchors; i++)
			*anchor_slot(b, b->anchors[i].name) = i + 1;
	} else {
		sl = anchor_slot(b, name);
		*sl = b->nanchors;
	}
	return 0;
}

/* Attach a finished node (of the given expanded weight) to its parent or make it the root. */
static int attach(struct builder *b, fr_node *n, size_t weight, yaml_mark_t m)
{
	struct frame *p;

	if (b->depth == 0) {
		b->root = n;
		b->root_weight = weight;
		return 0;
	}
	p = &b->stack[b->depth - 1];
	p->weight += weight;
	if (p->weight > FR_MAX_ALIAS_NODES) {
		fr_error_set(b->err, line_of(b, m), col_of(m), "X-YAML",
			     _("document too large once aliases are expanded (more than %d nodes)"),
			     FR_MAX_ALIAS_NODES);
		return -1;
	}
	if (p->node->type == FR_SEQ) {
		fr_seq_push(b->a, p->node, n);
		return 0;
	}
	if (!p->key_seen) {
		if (n->type == FR_SEQ || n->type == FR_MAP) {
			fr_error_set(b->err, n->line, n->col, "X-YAML",
				     _("a mapping key must be a plain value, not a list or mapping"));
			return -1;
		}
		if (n->type != FR_STRING) {
			/* the key's source text was kept in str by make_scalar */
			fr_node *k = fr_node_new(b->a, FR_STRING, n->line, n->col);
			k->str = n->str;
			k->len = n->len;
			n = k;
		}
		p->key = n;
		p->key_seen = 1;
		return 0;
	}
	{
		fr_node *map = p->node;
		if (map->n == 0 || (map->n >= 8 && !(map->n & (map->n - 1)))) {
			size_t nc = map->n ? map->n * 2 : 8;
			fr_pair *v = fr_alloc(b->a, nc * sizeof(*v));
			if (map->n)
				memcpy(v, map->pairs, map->n * sizeof(*v));
			map->pairs = v;
		}
		map->pairs[map->n].key = p->key;
		map->pairs[map->n].val = n;
		map->n++;
		p->key = NULL;
		p->key_seen = 0;
	}
	return 0;
}

static int cmp_keyref(const void *x, const void *y)
{
	const fr_pair *a = *(const fr_pair *const *)x, *b = *(const fr_pair *const *)y;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int c = memcmp(a->key->str, b->key->str, n);
	if (c)
		return c;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	return a < b ? -1 : a > b; /* document order among equals */
}

/* The second occurrence of the first repeated key of map (in document order), or NULL. */
static const fr_pair *first_dup(const fr_node *map)
{
	const fr_pair **v;
	const fr_pair *dup = NULL;
	size_t i, j;

	if (map->n < 2)
		return NULL;
	if (map->n <= 16) {
		for (i = 1; i < map->n && !dup; i++)
			for (j = 0; j < i; j++)
				if (map->pairs[i].key->len == map->pairs[j].key->len &&
				    !memcmp(map->pairs[i].key->str, map->pairs[j].key->str,
					    map->pairs[i].key->len)) {
					dup = &map->pairs[i];
					break;
				}
	} else {
		v = fr_xmalloc(map->n * sizeof(*v));
		for (i = 0; i < map->n; i++)
			v[i] = &map->pairs[i];
		qsort(v, map->n, sizeof(*v), cmp_keyref);
		for (i = 1; i < map->n; i++)
			if (v[i]->key->len == v[i - 1]->key->len &&
			    !memcmp(v[i]->key->str, v[i - 1]->key->str, v[i]->key->len) &&
			    (!dup || v[i] < dup))
				dup = v[i];
		free(v);
	}
	return dup;
}

int fr_yaml_dupkey(const fr_node *map)
{
	return first_dup(map) != NULL;
}

/* X-DUPKEY: report the second occurrence of the first repeated key (in document order). */
static int check_dupkeys(struct builder *b, const fr_node *map)
{
	const fr_pair *dup = first_dup(map);
	if (!dup)
		return 0;
	fr_error_set(b->err, dup->key->line, dup->key->col, "X-DUPKEY",
		     _("duplicate key '%s': the mapping already has it, and only one value can count"),
		     dup->key->str);
	return -1;
}

static int push(struct builder *b, fr_type t, yaml_mark_t m, const yaml_char_t *anchor)
{
	fr_node *n;
	if (b->depth >= FR_MAX_DEPTH) {
		fr_error_set(b->err, line_of(b, m), col_of(m), "X-YAML",
			     _("nesting deeper than %d levels"), FR_MAX_DEPTH);
		return -1;
	}
	n = fr_node_new(b->a, t, line_of(b, m), col_of(m));
	b->stack[b->depth].node = n;
	b->stack[b->depth].weight = 1;
	b->stack[b->depth].key = NULL;
	b->stack[b->depth].key_seen = 0;
	b->stack[b->depth].anchor = anchor ? fr_strdup(b->a, (const char *)anchor) : NULL;
	b->depth++;
	return 0;
}

static int pop(struct builder *b, yaml_mark_t m)
{
	struct frame f = b->stack[--b->depth];
	if (f.node->type == FR_MAP && check_dupkeys(b, f.node))
		return -1;
	remember_anchor(b, f.anchor, f.node, f.weight);
	return attach(b, f.node, f.weight, m);
}

static fr_node *make_scalar(struct builder *b, const yaml_event_t *ev)
{
	fr_node *n = fr_node_new(b->a, FR_STRING, line_of(b, ev->start_mark),
				 col_of(ev->start_mark));
	const char *tag = (const char *)ev->data.scalar.tag;
	n->str = fr_strndup(b->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
	n->len = ev->data.scalar.length;
	if (tag && !strcmp(tag, YAML_STR_TAG))
		return n;
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ||
	    (tag && strncmp(tag, "tag:yaml.org,2002:", 18) == 0))
		fr_yaml_resolve_plain(n);
	return n;
}

/* libyaml's words, so that they can be translated */
static const char *const yaml_words[] = {
	N_("could not find expected ':'"), N_("while scanning a simple key"),
	N_("mapping values are not allowed in this context"),
	N_("did not find expected key"), N_("while parsing a block mapping"),
	N_("did not find expected ',' or ']'"), N_("did not find expected ',' or '}'"),
	N_("while parsing a flow sequence"), N_("while parsing a flow mapping"),
	N_("found character that cannot start any token"), N_("while scanning for the next token"),
	N_("found unexpected end of stream"), N_("while scanning a quoted scalar"),
	N_("did not find expected node content"), N_("while parsing a block node"),
	N_("while parsing a flow node"), N_("did not find expected '-' indicator"),
	N_("while parsing a block collection"), N_("found a tab character that violates indentation"),
	N_("found undefined tag handle"), N_("block sequence entries are not allowed in this context"),
	N_("found unknown escape character"), N_("while parsing a quoted scalar"),
	N_("found unexpected ':'"), N_("while scanning a plain scalar"),
	N_("did not find the expected <document start>"), N_("syntax error"),
	NULL
};

static const char *yaml_word(const char *w)
{
	size_t i;
	for (i = 0; yaml_words[i]; i++)
		if (!strcmp(yaml_words[i], w))
			return _(yaml_words[i]);
	return w;
}

static void set_parser_error(struct builder *b, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	const char *problem = p->problem ? p->problem : "syntax error";
	int hl, hc, line;
	char hint[512];
	if (p->error == YAML_MEMORY_ERROR) {
		fr_error_set(b->err, 0, 0, "X-YAML", _("out of memory while reading YAML"));
		return;
	}
	/* a simple key that found no ':' is wrong where it starts, not where the scan gave up */
	if (p->context && !strcmp(p->context, "while scanning a simple key") &&
	    p->context_mark.line <= m.line)
		m = p->context_mark;
	line = line_of(b, p->problem_mark);
	if (b->text && fr_yaml_hint(b->text, b->len, 1 + b->line_offset, line, &hl, &hc, hint, sizeof(hint))) {
		fr_error_set(b->err, hl, hc, "X-YAML", _("line %d, column %d: %s"), hl, hc, hint);
		return;
	}
	if (p->context)
		fr_error_set(b->err, line_of(b, m), col_of(m), "X-YAML", _("invalid YAML: %s %s"),
			     yaml_word(problem), yaml_word(p->context));
	else
		fr_error_set(b->err, line_of(b, m), col_of(m), "X-YAML", _("invalid YAML: %s"),
			     yaml_word(problem));
}

fr_node *fr_yaml_parse(fr_arena *a, const char *text, size_t len, int line_offset, fr_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder *b;
	fr_node *root = NULL;
	int docs = 0, done = 0, failed = 0;

	b = fr_xcalloc(1, sizeof(*b));
	b->a = a;
	b->line_offset = line_offset;
	b->err = err;
	b->text = text;
	b->len = len;
	memset(err, 0, sizeof(*err));

	if (!yaml_parser_initialize(&parser)) {
		fr_error_set(err, 0, 0, "X-YAML", _("out of memory while reading YAML"));
		free(b);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!done && !failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			set_parser_error(b, &parser);
			failed = 1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				fr_error_set(err, line_of(b, ev.start_mark), col_of(ev.start_mark), "X-YAML",
					     _("more than one YAML document: the front-matter is one mapping"));
				failed = 1;
			}
			break;
		case YAML_SCALAR_EVENT: {
			fr_node *n = make_scalar(b, &ev);
			remember_anchor(b, ev.data.scalar.anchor ?
				fr_strdup(a, (const char *)ev.data.scalar.anchor) : NULL, n, 1);
			failed = attach(b, n, 1, ev.start_mark) != 0;
			break;
		}
		case YAML_ALIAS_EVENT: {
			const char *name = (const char *)ev.data.alias.anchor;
			struct anchor *an = find_anchor(b, name);
			if (!an) {
				fr_error_set(err, line_of(b, ev.start_mark), col_of(ev.start_mark), "X-YAML",
					     _("alias '*%s' names no anchor defined before it"), name);
				failed = 1;
				break;
			}
			failed = attach(b, an->node, an->weight, ev.start_mark) != 0;
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
			failed = push(b, FR_SEQ, ev.start_mark, ev.data.sequence_start.anchor) != 0;
			break;
		case YAML_MAPPING_START_EVENT:
			failed = push(b, FR_MAP, ev.start_mark, ev.data.mapping_start.anchor) != 0;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			failed = pop(b, ev.start_mark) != 0;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (!failed)
		root = b->root ? b->root : fr_node_new(a, FR_NULL, 1 + line_offset, 1);
	free(b->anchors);
	free(b->slots);
	free(b);
	return root;
}
