/* schema.c - JSON Schema draft 2020-12: compiled once into a graph, validated many times
 *
 * Compile walks the schema tree once: every subschema becomes one `struct sch`, memoised by
 * its tree node, so a subschema reached twice (YAML aliases, $ref) is compiled once. $id and
 * $anchor register URIs while walking; every $ref is resolved afterwards to a pointer, so
 * reference cycles are just cycles in the graph. Validation reads the graph only: its state
 * (depth, the $ref stack, PCRE2 match data) lives in a context on the caller's side, so two
 * threads may validate with one compiled schema.
 */
#include "schema.h"
#include "arena.h"
#include "buf.h"
#include "hint.h"
#include "i18n.h"
#include "limits.h"
#include "rulemsg.h"
#include "schema_format.h"
#include "schema_uri.h"
#include "suggest.h"
#include "util.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_RULE "X-SCHEMA"

typedef struct sch sch;

struct sch_prop {          /* properties, dependentSchemas */
	const fr_node *key;
	sch *s;
};

struct sch_dep {           /* dependentRequired */
	const fr_node *key;
	const fr_node *req;    /* array of strings */
};

struct sch_pat {           /* patternProperties */
	pcre2_code *re;
	sch *s;
};

struct sch_list {
	sch **v;
	size_t n;
};

/* type bits: one per fr_type, and one for "integer" */
#define T_BIT(t) (1u << (t))
#define T_INTEGER (1u << 6)
#define T_ALL 0x7fu

enum {
	N_MIN = 1, N_MAX = 2, N_XMIN = 4, N_XMAX = 8, N_MULT = 16
};

struct sch {
	const fr_node *node;     /* the tree node it was compiled from */
	int always;              /* 1: the schema true, 0: false, -1: an object schema */
	int values_only;         /* only const / enum (and annotations): for messages */
	const char *base;        /* base URI, after this schema's own $id */
	const char *rule;        /* x-rule, or NULL */
	const char *title;
	unsigned types;          /* T_ bits; 0 when there is no `type` */
	const fr_node *enum_v, *const_v;
	const fr_node *required;
	struct sch_prop *props;
	size_t nprops;
	struct sch_pat *pats;
	size_t npats;
	sch *additional, *propnames;
	sch **prefix;
	size_t nprefix;
	sch *items, *contains;
	size_t min_contains, max_contains;
	size_t min_items, max_items, min_len, max_len, min_props, max_props;
	int unique;
	pcre2_code *pattern;
	const char *pattern_src;
	fr_format format;
	unsigned nflags;
	double minimum, maximum, xmin, xmax, mult;
	struct sch_dep *dep_req;
	size_t ndep_req;
	struct sch_prop *dep_sch;
	size_t ndep_sch;
	struct sch_list all, any, one;
	sch *not_, *if_, *then_, *else_;
	sch *uneval_props, *uneval_items;
	const fr_node *ref_node; /* the $ref value, for errors */
	const char *ref_uri;     /* absolute */
	sch *ref;
};

struct fr_schema {
	fr_arena *arena;         /* every struct sch and string of the graph */
	const fr_node *root;
	sch *top;
	pcre2_code **codes;      /* owned, freed with the schema */
	size_t ncodes, capcodes;
	/* Read-only once compiled, so threads may share them: memory for match data comes
	 * from fr_xmalloc; a match may use at most 64 MiB of heap for backtracking. */
	pcre2_general_context *gctx;
	pcre2_match_context *mctx;
};

/* ---- compile ---------------------------------------------------------------------------- */

struct uri_entry {
	const char *uri;         /* absolute; "base#anchor" for anchors */
	const fr_node *node;
};

struct cc {
	fr_schema *out;
	fr_arena *a;
	fr_error *err;
	int failed;
	const fr_node **memo_k;  /* node -> sch, open addressing */
	sch **memo_v;
	size_t memo_n, memo_cap;
	sch **list;              /* every sch in creation order, for $ref resolution */
	size_t nlist, caplist;
	struct uri_entry *res;   /* schema resources by $id (and the root) */
	size_t nres, capres;
	struct uri_entry *anchors;
	size_t nanchors, capanchors;
	pcre2_compile_context *pctx;
	int lenient;             /* FR_SCHEMA_IGNORE_UNKNOWN: unknown keywords ignored */
};

static void cfail(struct cc *c, const fr_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cfail(struct cc *c, const fr_node *at, const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof(c->err->msg)];

	if (c->failed)
		return;
	c->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fr_error_set(c->err, at ? at->line : 0, at ? at->col : 0, DEFAULT_RULE, "%s", msg);
}

static size_t ptr_hash(const void *p, size_t cap)
{
	uintptr_t v = (uintptr_t)p;
	v ^= v >> 17;
	v *= (uintptr_t)0x9e3779b97f4a7c15ull;
	v ^= v >> 29;
	return (size_t)v & (cap - 1);
}

static sch *memo_get(const struct cc *c, const fr_node *n)
{
	size_t h;
	if (!c->memo_cap)
		return NULL;
	for (h = ptr_hash(n, c->memo_cap); c->memo_k[h]; h = (h + 1) & (c->memo_cap - 1))
		if (c->memo_k[h] == n)
			return c->memo_v[h];
	return NULL;
}

static void memo_put(struct cc *c, const fr_node *n, sch *s)
{
	size_t h;
	if ((c->memo_n + 1) * 2 > c->memo_cap) {
		size_t oc = c->memo_cap, nc = oc ? oc * 2 : 64, i;
		const fr_node **ok = c->memo_k;
		sch **ov = c->memo_v;
		c->memo_k = fr_xcalloc(nc, sizeof(*c->memo_k));
		c->memo_v = fr_xcalloc(nc, sizeof(*c->memo_v));
		c->memo_cap = nc;
		for (i = 0; i < oc; i++) {
			if (!ok[i])
				continue;
			for (h = ptr_hash(ok[i], nc); c->memo_k[h]; h = (h + 1) & (nc - 1))
				;
			c->memo_k[h] = ok[i];
			c->memo_v[h] = ov[i];
		}
		free(ok);
		free(ov);
	}
	for (h = ptr_hash(n, c->memo_cap); c->memo_k[h]; h = (h + 1) & (c->memo_cap - 1))
		;
	c->memo_k[h] = n;
	c->memo_v[h] = s;
	c->memo_n++;
}

static void add_uri(struct uri_entry **v, size_t *n, size_t *cap, const char *uri,
		    const fr_node *node)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i].uri, uri))
			return; /* the first one wins */
	FR_GROW(*v, *cap, *n + 1);
	(*v)[*n].uri = uri;
	(*v)[*n].node = node;
	(*n)++;
}

static const fr_node *find_uri(const struct uri_entry *v, size_t n, const char *uri)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(v[i].uri, uri))
			return v[i].node;
	return NULL;
}

static int key_is(const fr_node *k, const char *name)
{
	size_t n = strlen(name);
	return k->len == n && !memcmp(k->str, name, n);
}

/* A non-negative integer keyword value (2.0 counts); huge values saturate. */
static int get_count(struct cc *c, const fr_node *k, const fr_node *v, size_t *out)
{
	if (!fr_node_is_int(v) || v->num < 0) {
		cfail(c, v, _("invalid schema: '%s' must be a non-negative integer"), k->str);
		return -1;
	}
	*out = v->num >= 9007199254740992.0 ? SIZE_MAX : (size_t)v->num;
	return 0;
}

static int get_number(struct cc *c, const fr_node *k, const fr_node *v, double *out)
{
	if (v->type != FR_NUMBER) {
		cfail(c, v, _("invalid schema: '%s' must be a number"), k->str);
		return -1;
	}
	*out = v->num;
	return 0;
}

static int string_array(struct cc *c, const fr_node *k, const fr_node *v)
{
	size_t i;
	if (v->type != FR_SEQ) {
		cfail(c, v, _("invalid schema: '%s' must be an array of strings"), k->str);
		return -1;
	}
	for (i = 0; i < v->n; i++) {
		if (v->items[i]->type != FR_STRING) {
			cfail(c, v->items[i], _("invalid schema: '%s' must be an array of strings"),
			      k->str);
			return -1;
		}
	}
	return 0;
}

static unsigned type_bit(const fr_node *v)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "null", T_BIT(FR_NULL) }, { "boolean", T_BIT(FR_BOOL) },
		{ "number", T_BIT(FR_NUMBER) }, { "string", T_BIT(FR_STRING) },
		{ "array", T_BIT(FR_SEQ) }, { "object", T_BIT(FR_MAP) },
		{ "integer", T_INTEGER },
	};
	size_t i;
	if (v->type != FR_STRING)
		return 0;
	for (i = 0; i < FR_ARRAY_LEN(names); i++)
		if (key_is(v, names[i].name))
			return names[i].bit;
	return 0;
}

/* ECMA-262 spells Unicode general categories long (\p{Letter}, \p{gc=Lu}); PCRE2 wants the
 * short names. */
static const char *short_category(const char *name, size_t len)
{
	static const char *const names[][2] = {
		{ "Letter", "L" }, { "Cased_Letter", "L&" }, { "LC", "L&" },
		{ "Uppercase_Letter", "Lu" }, { "Lowercase_Letter", "Ll" },
		{ "Titlecase_Letter", "Lt" }, { "Modifier_Letter", "Lm" },
		{ "Other_Letter", "Lo" }, { "Mark", "M" }, { "Combining_Mark", "M" },
		{ "Nonspacing_Mark", "Mn" }, { "Spacing_Mark", "Mc" }, { "Enclosing_Mark", "Me" },
		{ "Number", "N" }, { "Decimal_Number", "Nd" }, { "digit", "Nd" },
		{ "Letter_Number", "Nl" }, { "Other_Number", "No" }, { "Punctuation", "P" },
		{ "punct", "P" }, { "Connector_Punctuation", "Pc" }, { "Dash_Punctuation", "Pd" },
		{ "Open_Punctuation", "Ps" }, { "Close_Punctuation", "Pe" },
		{ "Initial_Punctuation", "Pi" }, { "Final_Punctuation", "Pf" },
		{ "Other_Punctuation", "Po" }, { "Symbol", "S" }, { "Math_Symbol", "Sm" },
		{ "Currency_Symbol", "Sc" }, { "Modifier_Symbol", "Sk" }, { "Other_Symbol", "So" },
		{ "Separator", "Z" }, { "Space_Separator", "Zs" }, { "Line_Separator", "Zl" },
		{ "Paragraph_Separator", "Zp" }, { "Other", "C" }, { "Control", "Cc" },
		{ "cntrl", "Cc" }, { "Format", "Cf" }, { "Surrogate", "Cs" },
		{ "Private_Use", "Co" }, { "Unassigned", "Cn" },
	};
	size_t i;
	if (len > 17 && !memcmp(name, "General_Category=", 17))
		name += 17, len -= 17;
	else if (len > 3 && !memcmp(name, "gc=", 3))
		name += 3, len -= 3;
	for (i = 0; i < FR_ARRAY_LEN(names); i++)
		if (strlen(names[i][0]) == len && !memcmp(names[i][0], name, len))
			return names[i][1];
	return NULL;
}

/* ECMA-262 \s: Unicode white space and line terminators (U+3000, the ideographic space of
 * Chinese text, included); PCRE2 without UCP knows ASCII only. */
#define ECMA_SPACE "\\t\\n\\x0b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029" \
		   "\\u202f\\u205f\\u3000\\ufeff"

static void ecma_to_pcre(fr_buf *out, const char *s, size_t n)
{
	size_t i = 0;
	int in_class = 0;
	while (i < n) {
		if (s[i] != '\\' || i + 1 >= n) {
			if (s[i] == '[')
				in_class = 1;
			else if (s[i] == ']')
				in_class = 0;
			fr_buf_addc(out, s[i++]);
			continue;
		}
		if (s[i + 1] == 's' || (s[i + 1] == 'S' && !in_class)) {
			if (in_class)
				fr_buf_adds(out, ECMA_SPACE);
			else
				fr_buf_adds(out, s[i + 1] == 's' ? "[" ECMA_SPACE "]"
						 : "[^" ECMA_SPACE "]");
			i += 2;
			continue;
		}
		if ((s[i + 1] == 'p' || s[i + 1] == 'P') && i + 2 < n && s[i + 2] == '{') {
			const char *end = memchr(s + i + 3, '}', n - i - 3);
			const char *sh = end ? short_category(s + i + 3, (size_t)(end - s - i - 3))
					     : NULL;
			if (sh) {
				fr_buf_add(out, s + i, 3);
				fr_buf_adds(out, sh);
				fr_buf_addc(out, '}');
				i = (size_t)(end - s) + 1;
				continue;
			}
		}
		fr_buf_add(out, s + i, 2);
		i += 2;
	}
}

static pcre2_code *compile_regex(struct cc *c, const fr_node *src)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re;
	fr_buf pat = FR_BUF_INIT;

	/* ECMA-262 where it is cheap: '$' only at the very end, \uXXXX escapes, long Unicode
	 * category names. */
	ecma_to_pcre(&pat, src->str, src->len);
	re = pcre2_compile((PCRE2_SPTR)pat.ptr, pat.len,
			   PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_BSUX, &code, &off, c->pctx);
	fr_buf_free(&pat);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof(msg));
		cfail(c, src, _("invalid schema: pattern '%s' is not a valid regular expression: "
				"%s at offset %zu"), src->str, (const char *)msg, (size_t)off);
		return NULL;
	}
	FR_GROW(c->out->codes, c->out->capcodes, c->out->ncodes + 1);
	c->out->codes[c->out->ncodes++] = re;
	return re;
}

static sch *compile(struct cc *c, const fr_node *n, const char *base, int depth);

static sch *sub(struct cc *c, const fr_node *n, const char *base, int depth)
{
	return c->failed ? NULL : compile(c, n, base, depth + 1);
}

static int schema_list(struct cc *c, const fr_node *k, const fr_node *v, const char *base,
		       int depth, sch ***out, size_t *nout)
{
	size_t i;
	if (v->type != FR_SEQ) {
		cfail(c, v, _("invalid schema: '%s' must be an array of schemas"), k->str);
		return -1;
	}
	*out = fr_alloc(c->a, v->n * sizeof(**out));
	*nout = v->n;
	for (i = 0; i < v->n; i++)
		if (!((*out)[i] = sub(c, v->items[i], base, depth)))
			return -1;
	return 0;
}

static int schema_map(struct cc *c, const fr_node *k, const fr_node *v, const char *base,
		      int depth, struct sch_prop **out, size_t *nout)
{
	size_t i;
	if (v->type != FR_MAP) {
		cfail(c, v, _("invalid schema: '%s' must be an object of schemas"), k->str);
		return -1;
	}
	if (out) {
		*out = fr_alloc(c->a, v->n * sizeof(**out));
		*nout = v->n;
	}
	for (i = 0; i < v->n; i++) {
		sch *s = sub(c, v->pairs[i].val, base, depth);
		if (!s)
			return -1;
		if (out) {
			(*out)[i].key = v->pairs[i].key;
			(*out)[i].s = s;
		}
	}
	return 0;
}

static int compile_types(struct cc *c, sch *s, const fr_node *v)
{
	const fr_node *bad = NULL;
	size_t i;

	if (v->type == FR_STRING) {
		if (!(s->types = type_bit(v)))
			bad = v;
	} else if (v->type == FR_SEQ && v->n) {
		for (i = 0; i < v->n && !bad; i++) {
			unsigned b = type_bit(v->items[i]);
			if (!b)
				bad = v->items[i];
			s->types |= b;
		}
	} else {
		bad = v;
	}
	if (bad) {
		cfail(c, bad, _("invalid schema: 'type' must be a type name (null, boolean, "
				"number, integer, string, array, object) or an array of them"));
		return -1;
	}
	return 0;
}

/* One keyword of an object schema; unknown keywords are ignored, as the spec says. */
static int compile_keyword(struct cc *c, sch *s, const fr_node *k, const fr_node *v,
			   const char *base, int depth)
{
	const char *name = k->str;

	if (key_is(k, "type"))
		return compile_types(c, s, v);
	if (key_is(k, "enum")) {
		if (v->type != FR_SEQ) {
			cfail(c, v, _("invalid schema: 'enum' must be an array"));
			return -1;
		}
		s->enum_v = v;
		return 0;
	}
	if (key_is(k, "const")) {
		s->const_v = v;
		return 0;
	}
	if (key_is(k, "required")) {
		if (string_array(c, k, v))
			return -1;
		s->required = v;
		return 0;
	}
	if (key_is(k, "properties"))
		return schema_map(c, k, v, base, depth, &s->props, &s->nprops);
	if (key_is(k, "$defs"))
		return schema_map(c, k, v, base, depth, NULL, NULL);
	if (key_is(k, "dependentSchemas"))
		return schema_map(c, k, v, base, depth, &s->dep_sch, &s->ndep_sch);
	if (key_is(k, "patternProperties")) {
		size_t i;
		if (v->type != FR_MAP) {
			cfail(c, v, _("invalid schema: '%s' must be an object of schemas"), name);
			return -1;
		}
		s->pats = fr_alloc(c->a, v->n * sizeof(*s->pats));
		s->npats = v->n;
		for (i = 0; i < v->n; i++) {
			if (!(s->pats[i].re = compile_regex(c, v->pairs[i].key)))
				return -1;
			if (!(s->pats[i].s = sub(c, v->pairs[i].val, base, depth)))
				return -1;
		}
		return 0;
	}
	if (key_is(k, "dependentRequired")) {
		size_t i;
		if (v->type != FR_MAP) {
			cfail(c, v, _("invalid schema: '%s' must be an object of string arrays"),
			      name);
			return -1;
		}
		s->dep_req = fr_alloc(c->a, v->n * sizeof(*s->dep_req));
		s->ndep_req = v->n;
		for (i = 0; i < v->n; i++) {
			if (string_array(c, k, v->pairs[i].val))
				return -1;
			s->dep_req[i].key = v->pairs[i].key;
			s->dep_req[i].req = v->pairs[i].val;
		}
		return 0;
	}
	if (key_is(k, "additionalProperties"))
		return (s->additional = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "propertyNames"))
		return (s->propnames = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "items"))
		return (s->items = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "unevaluatedProperties"))
		return (s->uneval_props = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "unevaluatedItems"))
		return (s->uneval_items = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "contains"))
		return (s->contains = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "not"))
		return (s->not_ = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "if"))
		return (s->if_ = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "then"))
		return (s->then_ = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "else"))
		return (s->else_ = sub(c, v, base, depth)) ? 0 : -1;
	if (key_is(k, "prefixItems"))
		return schema_list(c, k, v, base, depth, &s->prefix, &s->nprefix);
	if (key_is(k, "allOf"))
		return schema_list(c, k, v, base, depth, &s->all.v, &s->all.n);
	if (key_is(k, "anyOf"))
		return schema_list(c, k, v, base, depth, &s->any.v, &s->any.n);
	if (key_is(k, "oneOf"))
		return schema_list(c, k, v, base, depth, &s->one.v, &s->one.n);
	if (key_is(k, "minContains"))
		return get_count(c, k, v, &s->min_contains);
	if (key_is(k, "maxContains"))
		return get_count(c, k, v, &s->max_contains);
	if (key_is(k, "minItems"))
		return get_count(c, k, v, &s->min_items);
	if (key_is(k, "maxItems"))
		return get_count(c, k, v, &s->max_items);
	if (key_is(k, "minLength"))
		return get_count(c, k, v, &s->min_len);
	if (key_is(k, "maxLength"))
		return get_count(c, k, v, &s->max_len);
	if (key_is(k, "minProperties"))
		return get_count(c, k, v, &s->min_props);
	if (key_is(k, "maxProperties"))
		return get_count(c, k, v, &s->max_props);
	if (key_is(k, "uniqueItems")) {
		if (v->type != FR_BOOL) {
			cfail(c, v, _("invalid schema: 'uniqueItems' must be true or false"));
			return -1;
		}
		s->unique = v->boolean;
		return 0;
	}
	if (key_is(k, "pattern")) {
		if (v->type != FR_STRING) {
			cfail(c, v, _("invalid schema: 'pattern' must be a string"));
			return -1;
		}
		s->pattern_src = v->str;
		return (s->pattern = compile_regex(c, v)) ? 0 : -1;
	}
	if (key_is(k, "minimum")) {
		s->nflags |= N_MIN;
		return get_number(c, k, v, &s->minimum);
	}
	if (key_is(k, "maximum")) {
		s->nflags |= N_MAX;
		return get_number(c, k, v, &s->maximum);
	}
	if (key_is(k, "exclusiveMinimum")) {
		s->nflags |= N_XMIN;
		return get_number(c, k, v, &s->xmin);
	}
	if (key_is(k, "exclusiveMaximum")) {
		s->nflags |= N_XMAX;
		return get_number(c, k, v, &s->xmax);
	}
	if (key_is(k, "multipleOf")) {
		s->nflags |= N_MULT;
		if (get_number(c, k, v, &s->mult))
			return -1;
		if (!(s->mult > 0)) {
			cfail(c, v, _("invalid schema: 'multipleOf' must be greater than 0"));
			return -1;
		}
		return 0;
	}
	if (key_is(k, "format")) {
		if (v->type != FR_STRING) {
			cfail(c, v, _("invalid schema: 'format' must be a string"));
			return -1;
		}
		s->format = fr_format_lookup(v->str);
		return 0;
	}
	if (key_is(k, "$ref")) {
		if (v->type != FR_STRING) {
			cfail(c, v, _("invalid schema: '$ref' must be a string"));
			return -1;
		}
		s->ref_node = v;
		s->ref_uri = fr_uri_resolve(c->a, base, v->str);
		return 0;
	}
	if (key_is(k, "x-rule")) {
		if (v->type != FR_STRING || !v->len || v->len >= sizeof(((fr_diag *)0)->rule) ||
		    strlen(v->str) != v->len) {
			cfail(c, v, _("invalid schema: 'x-rule' must be a rule id such as "
				      "'W-THREE' (at most %zu characters)"),
			      sizeof(((fr_diag *)0)->rule) - 1);
			return -1;
		}
		s->rule = v->str;
		return 0;
	}
	if (key_is(k, "title")) {
		if (v->type == FR_STRING)
			s->title = v->str;
		return 0;
	}
	return 0;
}

static int is_annotation(const fr_node *k)
{
	static const char *const names[] = {
		"title", "description", "$comment", "x-rule", "x-after-approval", "default", "examples",
		"$schema", "$id", "$anchor", "$defs",
	};
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(names); i++)
		if (key_is(k, names[i]))
			return 1;
	return 0;
}

/* Strict compilation (a team's schema): every keyword of a schema object is one flowrec
 * implements or an annotation that asserts nothing; anything else would be silently ignored
 * by a validator and pass data the team meant to reject, so it is an error. Returns 0 when k
 * (with value v) may stay, else -1 with the reason. */
static int check_keyword(struct cc *c, const fr_node *k, const fr_node *v)
{
	static const char *const implemented[] = {
		"type", "enum", "const", "required", "properties", "$defs", "dependentSchemas",
		"patternProperties", "dependentRequired", "additionalProperties", "propertyNames",
		"items", "unevaluatedProperties", "unevaluatedItems", "contains", "not", "if", "then",
		"else", "prefixItems", "allOf", "anyOf", "oneOf", "minContains", "maxContains",
		"minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties",
		"uniqueItems", "pattern", "minimum", "maximum", "exclusiveMinimum",
		"exclusiveMaximum", "multipleOf", "format", "$ref", "$id", "$anchor", "$schema",
		"x-rule",
	};
	/* annotations: they describe, assert nothing, and need no code */
	static const char *const annotations[] = {
		"title", "description", "$comment", "examples", "default", "deprecated", "readOnly",
		"writeOnly", "contentMediaType", "contentEncoding", "contentSchema", "definitions",
	};
	size_t i;
	if (c->lenient)
		return 0;
	for (i = 0; i < FR_ARRAY_LEN(implemented); i++)
		if (key_is(k, implemented[i]))
			goto value;
	for (i = 0; i < FR_ARRAY_LEN(annotations); i++)
		if (key_is(k, annotations[i]))
			return 0;
	if (k->len > 2 && !memcmp(k->str, "x-", 2))
		return 0;   /* an extension: flowrec's own (x-rule, x-after-approval) or the team's */
	if (key_is(k, "$dynamicRef") || key_is(k, "$recursiveRef") || key_is(k, "$dynamicAnchor") ||
	    key_is(k, "$recursiveAnchor"))
		cfail(c, k, _("invalid schema: '%s' is not supported by flowrec (no dynamic scopes): use $ref to a $defs entry"),
		      k->str);
	else if (key_is(k, "dependencies"))
		cfail(c, k, "%s", _("invalid schema: 'dependencies' is an older draft's keyword: use dependentRequired or dependentSchemas"));
	else if (key_is(k, "additionalItems"))
		cfail(c, k, "%s", _("invalid schema: 'additionalItems' is an older draft's keyword: use prefixItems, then items for the rest"));
	else
		cfail(c, k, _("invalid schema: unknown keyword '%s': flowrec does not implement it, so it would check nothing (annotations such as title, description, examples and x-... extensions are fine)"),
		      k->str);
	return -1;
value:
	if (key_is(k, "items") && v->type == FR_SEQ) {
		cfail(c, v, "%s", _("invalid schema: an array of schemas under 'items' is an older draft's form: use prefixItems, then items for the rest"));
		return -1;
	}
	if (key_is(k, "$schema") && (v->type != FR_STRING ||
				     (strcmp(v->str, "https://json-schema.org/draft/2020-12/schema") &&
				      strcmp(v->str, "https://json-schema.org/draft/2020-12/schema#")))) {
		cfail(c, v, "%s", _("invalid schema: flowrec implements JSON Schema draft 2020-12: '$schema' is https://json-schema.org/draft/2020-12/schema, or leave it out"));
		return -1;
	}
	if (key_is(k, "format") && v->type == FR_STRING && fr_format_lookup(v->str) == FR_FORMAT_NONE) {
		cfail(c, v, _("invalid schema: format '%s' is not checked by flowrec (it checks date, time, date-time and email): use a pattern"),
		      v->str);
		return -1;
	}
	return 0;
}

/* The schema at n; base is the base URI in force where n sits. */
static sch *compile(struct cc *c, const fr_node *n, const char *base, int depth)
{
	sch *s = memo_get(c, n);
	const fr_node *v;
	size_t i;
	int values = 0, others = 0;

	if (s)
		return s;
	if (depth > 2 * FR_MAX_DEPTH) {
		cfail(c, n, _("invalid schema: nested deeper than %d levels"), 2 * FR_MAX_DEPTH);
		return NULL;
	}
	s = fr_alloc(c->a, sizeof(*s));
	s->node = n;
	s->max_items = s->max_len = s->max_props = s->max_contains = SIZE_MAX;
	s->min_contains = 1;
	memo_put(c, n, s);
	FR_GROW(c->list, c->caplist, c->nlist + 1);
	c->list[c->nlist++] = s;
	if (n->type == FR_BOOL) {
		s->always = n->boolean;
		s->base = base;
		return s;
	}
	if (n->type != FR_MAP) {
		cfail(c, n, _("invalid schema: expected an object or a boolean, found %s"),
		      fr_type_name(n->type));
		return NULL;
	}
	s->always = -1;
	if ((v = fr_map_get(n, "$id")) != NULL) {
		const char *frag, *doc;
		if (v->type != FR_STRING) {
			cfail(c, v, _("invalid schema: '$id' must be a string"));
			return NULL;
		}
		doc = fr_uri_split(c->a, fr_uri_resolve(c->a, base, v->str), &frag);
		if (!*frag) { /* an $id with a fragment is not an identifier in 2020-12 */
			base = doc;
			add_uri(&c->res, &c->nres, &c->capres, base, n);
		}
	}
	s->base = base;
	for (i = 0; i < 2; i++) {
		v = fr_map_get(n, i ? "$dynamicAnchor" : "$anchor");
		if (v && v->type == FR_STRING)
			add_uri(&c->anchors, &c->nanchors, &c->capanchors,
				fr_asprintf(c->a, "%s#%s", base, v->str), n);
	}
	for (i = 0; i < n->n; i++) {
		const fr_node *k = n->pairs[i].key;
		if (check_keyword(c, k, n->pairs[i].val) ||
		    compile_keyword(c, s, k, n->pairs[i].val, base, depth))
			return NULL;
		if (key_is(k, "const") || key_is(k, "enum"))
			values = 1;
		else if (!is_annotation(k))
			others = 1;
	}
	s->values_only = values && !others;
	return s;
}

/* The node a JSON pointer (already %-decoded) names inside root, or NULL. *base is updated
 * to the base URI of the deepest compiled schema passed on the way. */
static const fr_node *follow_pointer(struct cc *c, const fr_node *root, const char *ptr,
				     size_t len, const char **base)
{
	const fr_node *n = root;
	size_t i = 0;
	fr_buf tok = FR_BUF_INIT;

	while (n && i < len) {
		size_t j;
		if (ptr[i] != '/') {
			n = NULL;
			break;
		}
		i++;
		fr_buf_reset(&tok);
		while (i < len && ptr[i] != '/') {
			if (ptr[i] == '~' && i + 1 < len && (ptr[i + 1] == '0' || ptr[i + 1] == '1')) {
				fr_buf_addc(&tok, ptr[i + 1] == '0' ? '~' : '/');
				i += 2;
			} else if (ptr[i] == '~') {
				n = NULL;
				break;
			} else {
				fr_buf_addc(&tok, ptr[i++]);
			}
		}
		if (!n)
			break;
		if (n->type == FR_MAP) {
			const fr_node *next = NULL;
			for (j = 0; j < n->n; j++) {
				const fr_node *k = n->pairs[j].key;
				if (k->len == tok.len && !memcmp(k->str, tok.ptr, tok.len)) {
					next = n->pairs[j].val;
					break;
				}
			}
			n = next;
		} else if (n->type == FR_SEQ) {
			size_t idx = 0;
			if (!tok.len || (tok.len > 1 && tok.ptr[0] == '0') || tok.len > 9) {
				n = NULL;
				break;
			}
			for (j = 0; j < tok.len; j++) {
				if (tok.ptr[j] < '0' || tok.ptr[j] > '9')
					break;
				idx = idx * 10 + (size_t)(tok.ptr[j] - '0');
			}
			n = j == tok.len && idx < n->n ? n->items[idx] : NULL;
		} else {
			n = NULL;
		}
		if (n) {
			const sch *known = memo_get(c, n);
			if (known)
				*base = known->base;
		}
	}
	fr_buf_free(&tok);
	return n;
}

static int resolve_ref(struct cc *c, sch *s)
{
	const char *frag, *base;
	const char *doc = fr_uri_split(c->a, s->ref_uri, &frag);
	const fr_node *res = find_uri(c->res, c->nres, doc), *target = NULL;

	if (res) {
		const sch *rs = memo_get(c, res);
		base = rs ? rs->base : doc;
		if (!*frag) {
			target = res;
		} else if (frag[0] == '/') {
			size_t len;
			const char *ptr = fr_uri_pct_decode(c->a, frag, &len);
			if (ptr)
				target = follow_pointer(c, res, ptr, len, &base);
		} else {
			target = find_uri(c->anchors, c->nanchors, s->ref_uri);
		}
	}
	if (!target) {
		cfail(c, s->ref_node, _("invalid schema: cannot resolve $ref '%s'%s"),
		      s->ref_node->str,
		      res ? "" : _(" (only references inside the same schema document work)"));
		return -1;
	}
	s->ref = compile(c, target, base, 0);
	return s->ref ? 0 : -1;
}

static void *pcre_alloc(size_t n, void *ud)
{
	return fr_xmalloc(n);
}

static void pcre_free(void *p, void *ud)
{
	free(p);
}

int fr_schema_compile(fr_schema **out, const fr_node *root, fr_error *err)
{
	return fr_schema_compile_opts(out, root, 0, err);
}

int fr_schema_compile_opts(fr_schema **out, const fr_node *root, int flags, fr_error *err)
{
	struct cc c;
	fr_schema *s = fr_xcalloc(1, sizeof(*s));
	size_t i;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	memset(err, 0, sizeof(*err));
	*out = NULL;
	s->arena = fr_arena_new();
	s->root = root;
	c.out = s;
	c.a = s->arena;
	c.err = err;
	c.lenient = (flags & FR_SCHEMA_IGNORE_UNKNOWN) != 0;
	s->gctx = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
	s->mctx = pcre2_match_context_create(s->gctx);
	pcre2_set_heap_limit(s->mctx, 64 * 1024);
	pcre2_set_match_limit(s->mctx, 1000000);   /* backtracking: bounded, and said so */
	c.pctx = pcre2_compile_context_create(s->gctx);
#ifdef PCRE2_EXTRA_ALT_BSUX
	pcre2_set_compile_extra_options(c.pctx, PCRE2_EXTRA_ALT_BSUX); /* \u{...} too */
#endif
	if (!root) {
		cfail(&c, NULL, _("invalid schema: empty document"));
		rc = -1;
		goto done;
	}
	add_uri(&c.res, &c.nres, &c.capres, "", root);
	s->top = compile(&c, root, "", 0);
	/* $ref targets may be compiled late (a pointer into a place the walk did not visit),
	 * so the list grows while it is read. */
	for (i = 0; s->top && i < c.nlist && !c.failed; i++)
		if (c.list[i]->ref_uri && resolve_ref(&c, c.list[i]))
			break;
	if (c.failed || !s->top)
		rc = -1;
done:
	free(c.memo_k);
	free(c.memo_v);
	free(c.list);
	free(c.res);
	free(c.anchors);
	pcre2_compile_context_free(c.pctx);
	if (rc) {
		fr_schema_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void fr_schema_free(fr_schema *s)
{
	size_t i;
	if (!s)
		return;
	for (i = 0; i < s->ncodes; i++)
		pcre2_code_free(s->codes[i]);
	pcre2_match_context_free(s->mctx);
	pcre2_general_context_free(s->gctx);
	free(s->codes);
	fr_arena_free(s->arena);
	free(s);
}

const fr_node *fr_schema_root(const fr_schema *s)
{
	return s ? s->root : NULL;
}

/* ---- validate --------------------------------------------------------------------------- */

struct vframe {
	const sch *s;
	const fr_node *inst;
};

struct vctx {
	const char *path;
	fr_diags *d;
	int silent;              /* > 0: only count (inside anyOf, oneOf, not, contains, if) */
	int depth;
	int deep_reported;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	size_t nrefs;            /* $refs being followed, to catch a loop that makes no progress */
	struct vframe refs[FR_MAX_SCHEMA_DEPTH];
	/* unknown keys and single missing keys reported, to merge a typo into one diagnostic
	 * when the key is required in one subschema and unknown in another (merge_typos) */
	struct typo {
		const fr_node *obj, *key;  /* key: the unknown key, or NULL for a missing one */
		char *name;                /* the missing key, 'name' (title) for the message */
		const char *missing;       /* the missing key itself */
		const char *rule;
		size_t diag;
	} *typos;
	size_t ntypos, captypos;
};

static void note_typo(struct vctx *c, const fr_node *obj, const fr_node *key, const char *missing,
		      const char *name, const char *rule)
{
	struct typo *t;
	if (c->silent || !c->d->n)
		return;
	FR_GROW(c->typos, c->captypos, c->ntypos + 1);
	t = &c->typos[c->ntypos++];
	t->obj = obj;
	t->key = key;
	t->missing = missing;
	t->name = name ? fr_xstrdup(name) : NULL;
	t->rule = rule;
	t->diag = c->d->n - 1;
}

/* A key required by one subschema and unknown to another, near-spelt: one diagnostic at the
 * key, under the rule that requires it ("did you mean"); the missing-key one is dropped. */
static void merge_typos(struct vctx *c, size_t before)
{
	size_t i, j, k;
	unsigned char *drop = c->ntypos ? fr_xcalloc(c->d->n + 1, 1) : NULL;
	for (i = 0; i < c->ntypos; i++) {
		struct typo *m = &c->typos[i];
		if (m->key || m->diag < before)
			continue;
		for (j = 0; j < c->ntypos; j++) {
			struct typo *u = &c->typos[j];
			fr_diag *g;
			fr_buf b = FR_BUF_INIT;
			if (!u->key || u->obj != m->obj || u->diag < before || u->key->type != FR_STRING ||
			    !fr_suggest(u->key->str, &m->missing, 1, sizeof(m->missing)))
				continue;
			g = &c->d->v[u->diag];
			fr_buf_addf(&b, _("unknown property '%s': did you mean %s?"), u->key->str, m->name);
			free(g->msg);
			g->msg = fr_buf_detach(&b, NULL);
			snprintf(g->rule, sizeof(g->rule), "%s", m->rule ? m->rule : DEFAULT_RULE);
			drop[m->diag] = 1;
			u->key = NULL;   /* used */
			u->obj = NULL;
			break;
		}
	}
	for (i = 0; i < c->ntypos; i++)
		free(c->typos[i].name);
	free(c->typos);
	if (!drop)
		return;
	for (i = k = before; i < c->d->n; i++) {
		if (drop[i]) {
			free(c->d->v[i].path);
			free(c->d->v[i].msg);
			continue;
		}
		c->d->v[k++] = c->d->v[i];
	}
	c->d->n = k;
	free(drop);
}

static void report(struct vctx *c, const fr_node *at, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct vctx *c, const fr_node *at, const char *rule, const char *fmt, ...)
{
	va_list ap;
	if (c->silent)
		return;
	fmt = fr_rule_schema_fmt(rule, fmt); /* a rule's own words (rulemsg.h) */
	va_start(ap, fmt);
	fr_diags_vadd(c->d, c->path, at ? at->line : 0, at ? at->col : 0, FR_SEV_ERROR,
		      rule ? rule : DEFAULT_RULE, fmt, ap);
	va_end(ap);
}

/* Shortest text that reads back as the same double. */
static void fmt_num(fr_buf *b, double v)
{
	char t[64];
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(t, sizeof(t), "%.0f", v);
	} else {
		snprintf(t, sizeof(t), "%.15g", v);
		if (strtod(t, NULL) != v)
			snprintf(t, sizeof(t), "%.17g", v);
	}
	fr_buf_adds(b, t);
}

/* A short rendering of a value for messages: 'text', 12.5, true, null, the array, ... */
static void add_subject(fr_buf *b, const fr_node *n)
{
	size_t i, cps = 0;
	switch (n->type) {
	case FR_NULL: fr_buf_adds(b, "null"); return;
	case FR_BOOL: fr_buf_adds(b, n->boolean ? "true" : "false"); return;
	case FR_NUMBER: fmt_num(b, n->num); return;
	case FR_SEQ: fr_buf_adds(b, _("the array")); return;
	case FR_MAP: fr_buf_adds(b, _("the object")); return;
	case FR_STRING: break;
	}
	fr_buf_addc(b, '\'');
	for (i = 0; i < n->len; i++) {
		unsigned char ch = (unsigned char)n->str[i];
		if ((ch & 0xc0) != 0x80 && ++cps > 60) {
			fr_buf_adds(b, "...");
			break;
		}
		fr_buf_addc(b, ch < 0x20 ? ' ' : (char)ch);
	}
	fr_buf_addc(b, '\'');
}

static void add_value(fr_buf *b, const fr_node *n)
{
	if (n->type == FR_SEQ || n->type == FR_MAP)
		fr_buf_adds(b, n->type == FR_SEQ ? "[...]" : "{...}");
	else
		add_subject(b, n);
}

/* 'a', 'b', 'c' (at most ten, then ...) */
static void add_value_list(fr_buf *b, const fr_node *seq)
{
	size_t i;
	for (i = 0; i < seq->n; i++) {
		if (i)
			fr_buf_adds(b, ", ");
		if (i == 10) {
			fr_buf_adds(b, "...");
			break;
		}
		add_value(b, seq->items[i]);
	}
}

static void add_types(fr_buf *b, unsigned types)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ T_BIT(FR_NULL), N_("null") }, { T_BIT(FR_BOOL), N_("boolean") },
		{ T_BIT(FR_NUMBER), N_("number") }, { T_INTEGER, N_("integer") },
		{ T_BIT(FR_STRING), N_("string") }, { T_BIT(FR_SEQ), N_("array") },
		{ T_BIT(FR_MAP), N_("object") },
	};
	size_t i;
	int first = 1;
	if ((types & T_BIT(FR_NUMBER)))
		types &= ~T_INTEGER;
	for (i = 0; i < FR_ARRAY_LEN(names); i++) {
		if (!(types & names[i].bit))
			continue;
		if (!first)
			fr_buf_adds(b, _(" or "));
		fr_buf_adds(b, _(names[i].name));
		first = 0;
	}
}

/* "string 'abc'", "number 1.5", "object" */
static void add_found(fr_buf *b, const fr_node *n)
{
	fr_buf_adds(b, _(fr_type_name(n->type)));
	if (n->type != FR_SEQ && n->type != FR_MAP && n->type != FR_NULL) {
		fr_buf_addc(b, ' ');
		add_subject(b, n);
	}
}

/* "; full-width digits '３０': write the half-width 30" when a string holds what a Chinese
 * keyboard types instead of ASCII (hint.h) */
static void add_hint(fr_buf *b, const fr_node *n)
{
	char m[256];
	size_t cp;
	if (n->type == FR_STRING && fr_string_hint(n->str, n->len, &cp, m, sizeof(m)))
		fr_buf_addf(b, _("; %s"), m);
}

static int type_ok(unsigned types, const fr_node *n)
{
	return (types & T_BIT(n->type)) || ((types & T_INTEGER) && fr_node_is_int(n));
}

/* ev, when not NULL, collects annotations for unevaluatedProperties / unevaluatedItems:
 * ev[i] is set when property or item i of inst (a container) was evaluated by a schema that
 * holds. */
static size_t v_schema(struct vctx *c, const sch *s, const fr_node *inst, const char *rule,
		       unsigned char *ev);

/* The title of a schema, or of the schema its $ref names (as `$ref: '#/$defs/task'` is
 * written), or NULL. */
static const char *title_of(const sch *s)
{
	int hops;
	for (hops = 0; s && hops < 8; hops++) {
		if (s->title)
			return s->title;
		s = s->ref;
	}
	return NULL;
}

/* The title of the subschema `properties` gives to key, or NULL. */
static const char *prop_title(const sch *s, const fr_node *key)
{
	size_t i;
	for (i = 0; i < s->nprops; i++) {
		const fr_node *k = s->props[i].key;
		if (k->len == key->len && !memcmp(k->str, key->str, k->len))
			return title_of(s->props[i].s);
	}
	return NULL;
}

/* 'name' (title) */
static void add_prop_name(fr_buf *b, const sch *s, const fr_node *key)
{
	const char *t = prop_title(s, key);
	fr_buf_addf(b, "'%s'", key->str);
	if (t && strcmp(t, key->str))
		fr_buf_addf(b, " (%s)", t);
}

/* Inside a check: count a failure; in silent mode the first one settles it. */
#define FAIL(c, nerr) do { (nerr)++; if ((c)->silent) return (nerr); } while (0)

static size_t v_silent(struct vctx *c, const sch *s, const fr_node *inst, const char *rule,
		       unsigned char *ev)
{
	size_t r;
	c->silent++;
	r = v_schema(c, s, inst, rule, ev);
	c->silent--;
	return r;
}

/* A fresh annotation set for inst, or NULL when inst has no members to annotate. */
static unsigned char *ev_new(const fr_node *inst)
{
	if (inst->type != FR_SEQ && inst->type != FR_MAP)
		return NULL;
	return fr_xcalloc(inst->n ? inst->n : 1, 1);
}

static void ev_merge(unsigned char *dst, const unsigned char *src, const fr_node *inst)
{
	size_t i;
	if (!dst || !src)
		return;
	for (i = 0; i < inst->n; i++)
		dst[i] |= src[i];
}

static size_t v_generic(struct vctx *c, const sch *s, const fr_node *inst, const char *rule)
{
	size_t nerr = 0, i;
	fr_buf b = FR_BUF_INIT, f = FR_BUF_INIT;

	if (s->types && !type_ok(s->types, inst)) {
		if (!c->silent) {
			add_types(&b, s->types);
			add_found(&f, inst);
			add_hint(&f, inst);
			report(c, inst, rule, _("expected %s, found %s"), b.ptr, f.ptr);
			fr_buf_free(&b);
			fr_buf_free(&f);
		}
		FAIL(c, nerr);
	}
	if (s->enum_v) {
		for (i = 0; i < s->enum_v->n; i++)
			if (fr_node_equal(s->enum_v->items[i], inst))
				break;
		if (i == s->enum_v->n) {
			if (!c->silent) {
				add_subject(&f, inst);
				add_value_list(&b, s->enum_v);
				report(c, inst, rule, _("%s is not one of the allowed values: %s"),
				       f.ptr, b.ptr);
				fr_buf_free(&b);
				fr_buf_free(&f);
			}
			FAIL(c, nerr);
		}
	}
	if (s->const_v && !fr_node_equal(s->const_v, inst)) {
		if (!c->silent) {
			add_value(&b, s->const_v);
			add_value(&f, inst);
			report(c, inst, rule, _("expected %s, found %s"), b.ptr, f.ptr);
			fr_buf_free(&b);
			fr_buf_free(&f);
		}
		FAIL(c, nerr);
	}
	return nerr;
}

static size_t v_string(struct vctx *c, const sch *s, const fr_node *n, const char *rule)
{
	size_t nerr = 0, len;
	fr_buf b = FR_BUF_INIT;
	static const char *const fmt_msg[] = {
		[FR_FORMAT_DATE] = N_("%s is not a valid date (YYYY-MM-DD)"),
		[FR_FORMAT_TIME] = N_("%s is not a valid time (HH:MM:SS with Z or an offset "
				      "such as +08:00)"),
		[FR_FORMAT_DATE_TIME] = N_("%s is not a valid date-time (YYYY-MM-DDTHH:MM:SS with "
					   "Z or an offset such as +08:00)"),
		[FR_FORMAT_EMAIL] = N_("%s is not a valid email address"),
	};

	if (s->min_len || s->max_len != SIZE_MAX) {
		len = fr_utf8_len(n->str, n->len);
		if (len < s->min_len) {
			if (!c->silent) {
				add_subject(&b, n);
				report(c, n, rule, _("%s is too short: expected at least %zu "
						     "characters, found %zu"), b.ptr, s->min_len, len);
				fr_buf_free(&b);
			}
			FAIL(c, nerr);
		}
		if (len > s->max_len) {
			if (!c->silent) {
				add_subject(&b, n);
				report(c, n, rule, _("%s is too long: expected at most %zu "
						     "characters, found %zu"), b.ptr, s->max_len, len);
				fr_buf_free(&b);
			}
			FAIL(c, nerr);
		}
	}
	if (s->pattern) {
		int rc = pcre2_match(s->pattern, (PCRE2_SPTR)n->str, n->len, 0, 0, c->md, c->mctx);
		if (rc < 0) {
			if (!c->silent && (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
					   rc == PCRE2_ERROR_DEPTHLIMIT)) {
				add_subject(&b, n);
				report(c, n, rule,
				       _("%s cannot be matched against the pattern '%s' within the limit of the work one value may take: simplify the pattern"),
				       b.ptr, s->pattern_src);
				fr_buf_free(&b);
			} else if (!c->silent) {
				add_subject(&b, n);
				report(c, n, rule, _("%s does not match the pattern '%s'"), b.ptr,
				       s->pattern_src);
				fr_buf_free(&b);
			}
			FAIL(c, nerr);
		}
	}
	if (s->format != FR_FORMAT_NONE && !fr_format_check(s->format, n->str, n->len)) {
		if (!c->silent) {
			add_subject(&b, n);
			add_hint(&b, n);
			report(c, n, rule, _(fmt_msg[s->format]), b.ptr);
			fr_buf_free(&b);
		}
		FAIL(c, nerr);
	}
	return nerr;
}

/* v is a multiple of m (> 0), allowing for the rounding of decimal fractions in binary:
 * 0.0075 is a multiple of 0.0001. A quotient too big for a double falls back to fmod. */
static int multiple_ok(double v, double m)
{
	double q = v / m;
	if (!isfinite(q))
		return fmod(v, m) == 0;
	return fabs(q - round(q)) <= fabs(q) * 16 * DBL_EPSILON;
}

static size_t v_number(struct vctx *c, const sch *s, const fr_node *n, const char *rule)
{
	static const struct { unsigned flag; const char *msg; } checks[] = {
		{ N_MIN, N_("%s is less than the minimum %s") },
		{ N_MAX, N_("%s is greater than the maximum %s") },
		{ N_XMIN, N_("%s must be greater than %s") },
		{ N_XMAX, N_("%s must be less than %s") },
		{ N_MULT, N_("%s is not a multiple of %s") },
	};
	size_t nerr = 0, i;
	double v = n->num;

	for (i = 0; i < FR_ARRAY_LEN(checks); i++) {
		unsigned fl = checks[i].flag;
		double lim;
		int bad;
		if (!(s->nflags & fl))
			continue;
		/* written so that NaN (YAML's .nan) fails every bound */
		switch (fl) {
		case N_MIN: lim = s->minimum; bad = !(v >= lim); break;
		case N_MAX: lim = s->maximum; bad = !(v <= lim); break;
		case N_XMIN: lim = s->xmin; bad = !(v > lim); break;
		case N_XMAX: lim = s->xmax; bad = !(v < lim); break;
		default: lim = s->mult; bad = !multiple_ok(v, lim); break;
		}
		if (!bad)
			continue;
		if (!c->silent) {
			fr_buf a = FR_BUF_INIT, b = FR_BUF_INIT;
			fmt_num(&a, v);
			fmt_num(&b, lim);
			report(c, n, rule, _(checks[i].msg), a.ptr, b.ptr);
			fr_buf_free(&a);
			fr_buf_free(&b);
		}
		FAIL(c, nerr);
	}
	return nerr;
}

/* A hash that agrees with fr_node_equal: equal trees hash alike. */
static uint64_t node_hash(const fr_node *n)
{
	uint64_t h;
	size_t i;
	switch (n->type) {
	case FR_NULL: return 0x51;
	case FR_BOOL: return 0x52 + (uint64_t)n->boolean;
	case FR_NUMBER: {
		double v = n->num == 0 ? 0.0 : n->num; /* -0 == 0 */
		memcpy(&h, &v, sizeof(h));
		return h * 0x9e3779b97f4a7c15ull;
	}
	case FR_STRING:
		h = 1469598103934665603ull;
		for (i = 0; i < n->len; i++)
			h = (h ^ (unsigned char)n->str[i]) * 1099511628211ull;
		return h;
	case FR_SEQ:
		h = 0x53;
		for (i = 0; i < n->n; i++)
			h = (h ^ node_hash(n->items[i])) * 1099511628211ull;
		return h;
	case FR_MAP:
		h = 0x54;
		for (i = 0; i < n->n; i++) /* a sum: the order of keys does not matter */
			h += (node_hash(n->pairs[i].key) * 31 + node_hash(n->pairs[i].val)) *
			     0x9e3779b97f4a7c15ull;
		return h;
	}
	return 0;
}

struct hidx {
	uint64_t h;
	size_t i;
};

static int cmp_hidx(const void *a, const void *b)
{
	const struct hidx *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The first item (smallest index j) equal to an earlier one: *first = that earlier index.
 * Returns 0 when all items are unique. */
static int find_duplicate(const fr_node *arr, size_t *first, size_t *dup)
{
	size_t i, j, n = arr->n, best = SIZE_MAX, bfirst = 0;
	struct hidx *v;

	if (n <= 32) {
		for (j = 1; j < n; j++)
			for (i = 0; i < j; i++)
				if (fr_node_equal(arr->items[i], arr->items[j])) {
					*first = i;
					*dup = j;
					return 1;
				}
		return 0;
	}
	v = fr_xmalloc(n * sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].h = node_hash(arr->items[i]);
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), cmp_hidx);
	/* Within a run of one hash (in index order), each item is compared with the distinct
	 * items of the run seen so far, not with every earlier one: 300,000 identical items are
	 * one comparison each, and the first repeat in the run is the run's smallest. */
	{
		size_t *reps = fr_xmalloc(n * sizeof(*reps)), nreps, r, end;
		for (i = 0; i < n; i = end) {
			int found = 0;
			for (end = i + 1; end < n && v[end].h == v[i].h; end++)
				;
			nreps = 0;
			for (j = i; j < end && !found; j++) {
				for (r = 0; r < nreps; r++) {
					if (fr_node_equal(arr->items[reps[r]], arr->items[v[j].i])) {
						if (v[j].i < best) {
							best = v[j].i;
							bfirst = reps[r];
						}
						found = 1;
						break;
					}
				}
				if (!found)
					reps[nreps++] = v[j].i;
			}
		}
		free(reps);
	}
	free(v);
	if (best == SIZE_MAX)
		return 0;
	*first = bfirst;
	*dup = best;
	return 1;
}

static size_t v_array(struct vctx *c, const sch *s, const fr_node *n, const char *rule,
		      unsigned char *ev)
{
	size_t nerr = 0, i;

	if (n->n < s->min_items) {
		report(c, n, rule, _("expected at least %zu items, found %zu"), s->min_items, n->n);
		FAIL(c, nerr);
	}
	if (n->n > s->max_items) {
		/* at the first item too many: that is the one to move or drop */
		report(c, n->n > s->max_items ? n->items[s->max_items] : n, rule,
		       _("expected at most %zu items, found %zu"), s->max_items, n->n);
		FAIL(c, nerr);
	}
	if (s->unique) {
		size_t first, dup;
		if (find_duplicate(n, &first, &dup)) {
			report(c, n->items[dup], rule,
			       _("item %zu repeats item %zu, the items must be unique"), dup + 1,
			       first + 1);
			FAIL(c, nerr);
		}
	}
	for (i = 0; i < s->nprefix && i < n->n; i++) {
		size_t e = v_schema(c, s->prefix[i], n->items[i], rule, NULL);
		if (ev)
			ev[i] = 1;
		if (e) {
			nerr += e;
			if (c->silent)
				return nerr;
		}
	}
	if (s->items && n->n > s->nprefix) {
		if (s->items->always == 0) {
			report(c, n, rule, _("expected at most %zu items, found %zu"), s->nprefix,
			       n->n);
			FAIL(c, nerr);
		} else {
			for (i = s->nprefix; i < n->n; i++) {
				size_t e = v_schema(c, s->items, n->items[i], rule, NULL);
				if (ev)
					ev[i] = 1;
				if (e) {
					nerr += e;
					if (c->silent)
						return nerr;
				}
			}
		}
	}
	if (s->contains && (s->min_contains > 0 || s->max_contains != SIZE_MAX || ev)) {
		size_t count = 0;
		for (i = 0; i < n->n; i++) {
			if (!v_silent(c, s->contains, n->items[i], rule, NULL)) {
				count++;
				if (ev)
					ev[i] = 1;
			}
		}
		const char *t = title_of(s->contains);
		if (count < s->min_contains) {
			if (s->min_contains == 1 && t)
				report(c, n, rule, _("the array has no item matching '%s'"), t);
			else if (s->min_contains == 1)
				report(c, n, rule, _("the array has no item of the required kind"));
			else if (t)
				report(c, n, rule, _("expected at least %zu items matching '%s', "
						     "found %zu"), s->min_contains, t, count);
			else
				report(c, n, rule, _("expected at least %zu matching items, found %zu"),
				       s->min_contains, count);
			FAIL(c, nerr);
		}
		if (count > s->max_contains) {
			if (t)
				report(c, n, rule, _("expected at most %zu items matching '%s', found "
						     "%zu"), s->max_contains, t, count);
			else
				report(c, n, rule, _("expected at most %zu matching items, found %zu"),
				       s->max_contains, count);
			FAIL(c, nerr);
		}
	}
	return nerr;
}

static int has_key(const fr_node *map, const fr_node *key)
{
	size_t i;
	for (i = 0; i < map->n; i++) {
		const fr_node *k = map->pairs[i].key;
		if (k->len == key->len && !memcmp(k->str, key->str, k->len))
			return 1;
	}
	return 0;
}

static int regex_match(struct vctx *c, pcre2_code *re, const fr_node *str)
{
	return pcre2_match(re, (PCRE2_SPTR)str->str, str->len, 0, 0, c->md, c->mctx) >= 0;
}

/* The value of one property against one subschema; false reports at the key. */
static size_t v_prop(struct vctx *c, const sch *sub, const fr_pair *p, const char *rule)
{
	if (sub->always == 0) {
		report(c, p->key, rule, _("property '%s' is not allowed"), p->key->str);
		return 1;
	}
	return v_schema(c, sub, p->val, rule, NULL);
}

/* Whether s names key among its properties or patterns. */
static int known_key(struct vctx *c, const sch *s, const fr_node *key)
{
	size_t j;
	for (j = 0; j < s->nprops; j++)
		if (s->props[j].key->len == key->len && !memcmp(s->props[j].key->str, key->str, key->len))
			return 1;
	for (j = 0; j < s->npats; j++)
		if (regex_match(c, s->pats[j].re, key))
			return 1;
	return 0;
}

/* A key of n that s does not know and that is a near-spelling of the missing key k: one typo
 * is one error ("did you mean"), not a missing key plus an unknown one. */
static long misspelt(struct vctx *c, const sch *s, const fr_node *n, const fr_node *k,
		     const unsigned char *claimed)
{
	size_t i;
	if (!s->additional || s->additional->always != 0)
		return -1;
	for (i = 0; i < n->n; i++) {
		const fr_node *key = n->pairs[i].key;
		if (claimed[i] || key->type != FR_STRING || known_key(c, s, key))
			continue;
		if (fr_suggest(key->str, &k->str, 1, sizeof(k->str)))
			return (long)i;
	}
	return -1;
}

/* property 'x' is not allowed; did you mean 'y'? (and a word on full-width characters) */
static void report_unknown(struct vctx *c, const sch *s, const fr_pair *p, const char *rule)
{
	const char *guess = NULL;
	char hint[256];
	size_t j, cp;
	for (j = 0; j < s->nprops && !guess; j++)
		if (fr_suggest(p->key->str, &s->props[j].key->str, 1, sizeof(s->props[j].key->str)))
			guess = s->props[j].key->str;
	if (fr_string_hint(p->key->str, p->key->len, &cp, hint, sizeof(hint)))
		report(c, p->key, rule, _("property '%s' is not allowed: %s"), p->key->str, hint);
	else if (guess)
		report(c, p->key, rule, _("property '%s' is not allowed; did you mean '%s'?"),
		       p->key->str, guess);
	else
		report(c, p->key, rule, _("property '%s' is not allowed"), p->key->str);
}

static void report_unknown_in(struct vctx *c, const sch *s, const fr_node *obj, const fr_pair *p,
			      const char *rule)
{
	report_unknown(c, s, p, rule);
	note_typo(c, obj, p->key, NULL, NULL, rule);
}

static size_t v_object(struct vctx *c, const sch *s, const fr_node *n, const char *rule,
		       unsigned char *ev)
{
	size_t nerr = 0, i, j;
	fr_buf b = FR_BUF_INIT;
	unsigned char *claimed = NULL;

	if (s->required) {
		size_t missing = 0;
		for (i = 0; i < s->required->n; i++) {
			const fr_node *k = s->required->items[i];
			long typo;
			if (has_key(n, k))
				continue;
			if (c->silent)
				return nerr + 1;
			if (!claimed)
				claimed = fr_xcalloc(n->n + 1, 1);
			if (k->type == FR_STRING && (typo = misspelt(c, s, n, k, claimed)) >= 0) {
				fr_buf t = FR_BUF_INIT;
				const fr_node *key = n->pairs[typo].key;
				char hint[256];
				size_t cp;
				claimed[typo] = 1;
				add_prop_name(&t, s, k);
				if (fr_string_hint(key->str, key->len, &cp, hint, sizeof(hint)))
					report(c, key, rule, _("unknown property '%s': %s; did you mean %s?"),
					       key->str, hint, t.ptr);
				else
					report(c, key, rule, _("unknown property '%s': did you mean %s?"),
					       key->str, t.ptr);
				fr_buf_free(&t);
				nerr++;
				continue;
			}
			if (missing++)
				fr_buf_adds(&b, ", ");
			add_prop_name(&b, s, k);
		}
		if (missing == 1) {
			report(c, n, rule, _("missing required property %s"), b.ptr);
			for (i = 0; i < s->required->n; i++)
				if (!has_key(n, s->required->items[i]) && s->required->items[i]->type == FR_STRING)
					note_typo(c, n, NULL, s->required->items[i]->str, b.ptr, rule);
		}
		else if (missing)
			report(c, n, rule, _("missing required properties %s"), b.ptr);
		fr_buf_free(&b);
		if (missing)
			nerr++;
	}
	if (n->n < s->min_props) {
		report(c, n, rule, _("expected at least %zu properties, found %zu"), s->min_props,
		       n->n);
		FAIL(c, nerr);
	}
	if (n->n > s->max_props) {
		report(c, n, rule, _("expected at most %zu properties, found %zu"), s->max_props,
		       n->n);
		FAIL(c, nerr);
	}
	if (s->nprops || s->npats || s->additional || s->propnames) {
		for (i = 0; i < n->n; i++) {
			const fr_pair *p = &n->pairs[i];
			int matched = 0;
			size_t e = 0;
			for (j = 0; j < s->nprops; j++) {
				const fr_node *k = s->props[j].key;
				if (k->len == p->key->len && !memcmp(k->str, p->key->str, k->len)) {
					matched = 1;
					e += v_prop(c, s->props[j].s, p, rule);
					break;
				}
			}
			for (j = 0; j < s->npats && !(e && c->silent); j++) {
				if (regex_match(c, s->pats[j].re, p->key)) {
					matched = 1;
					e += v_prop(c, s->pats[j].s, p, rule);
				}
			}
			if (!matched && s->additional && !(e && c->silent)) {
				matched = 1;
				if (claimed && claimed[i])
					e++;   /* said already: a near-spelling of a missing key */
				else if (s->additional->always == 0 && !c->silent)
					report_unknown_in(c, s, n, p, rule), e++;
				else
					e += v_prop(c, s->additional, p, rule);
			}
			if (matched && ev)
				ev[i] = 1;
			if (s->propnames && !(e && c->silent))
				e += v_schema(c, s->propnames, p->key, rule, NULL);
			if (e) {
				nerr += e;
				if (c->silent)
					return nerr;
			}
		}
	}
	if (s->ndep_req) {
		size_t failed = 0;
		for (i = 0; i < s->ndep_req; i++) {
			const struct sch_dep *dep = &s->dep_req[i];
			size_t missing = 0;
			fr_buf m = FR_BUF_INIT;
			if (!has_key(n, dep->key))
				continue;
			for (j = 0; j < dep->req->n; j++) {
				if (has_key(n, dep->req->items[j]))
					continue;
				if (missing++)
					fr_buf_adds(&m, ", ");
				add_prop_name(&m, s, dep->req->items[j]);
			}
			if (missing && !c->silent) {
				if (failed)
					fr_buf_adds(&b, "; ");
				fr_buf_addf(&b, missing == 1 ?
					    _("missing property %s, required when '%s' is present") :
					    _("missing properties %s, required when '%s' is present"),
					    m.ptr, dep->key->str);
			}
			fr_buf_free(&m);
			failed += missing > 0;
		}
		if (failed) {
			report(c, n, rule, "%s", b.ptr);
			fr_buf_free(&b);
			FAIL(c, nerr);
		}
	}
	for (i = 0; i < s->ndep_sch; i++) {
		if (has_key(n, s->dep_sch[i].key)) {
			size_t e = v_schema(c, s->dep_sch[i].s, n, rule, ev);
			if (e) {
				nerr += e;
				if (c->silent)
					return nerr;
			}
		}
	}
	free(claimed);
	return nerr;
}

/* The types a schema admits at first sight (following plain $refs), for messages. */
static unsigned admitted_types(const sch *s)
{
	int hops;
	for (hops = 0; s && hops < 8; hops++) {
		if (s->always == 0)
			return 0;
		if (s->always == 1)
			return T_ALL;
		if (s->types)
			return s->types;
		if (!s->ref)
			return T_ALL;
		s = s->ref;
	}
	return T_ALL;
}

/* The one diagnostic of an anyOf / oneOf that nothing matched: as specific as the
 * alternatives allow (a list of values, a list of types, their titles), else generic. */
static void report_no_match(struct vctx *c, const struct sch_list *l, const fr_node *inst,
			    const char *rule)
{
	fr_buf b = FR_BUF_INIT, f = FR_BUF_INIT;
	size_t i, j;
	int values = l->n > 0, titles = l->n > 0, admitted = 0, admitting = 0;
	unsigned types = 0;
	const sch *only = NULL;

	if (c->silent)
		return;
	for (i = 0; i < l->n; i++) {
		const sch *s = l->v[i];
		unsigned t = admitted_types(s);
		types |= t;
		admitted |= type_ok(t, inst);
		values &= s->always == -1 && s->values_only;
		titles &= s->always == -1 && title_of(s) != NULL;
		if (type_ok(t, inst)) {
			only = admitting ? NULL : s;
			admitting++;
		}
	}
	add_subject(&f, inst);
	if (admitting == 1 && types != T_ALL && inst->type != FR_SEQ && inst->type != FR_MAP) {
		/* One alternative takes this type of value: its reasons are the useful ones,
		 * and for a scalar they point at the same place. Still one diagnostic. */
		fr_diags sub = FR_DIAGS_INIT, *saved = c->d;
		c->d = &sub;
		v_schema(c, only, inst, rule, NULL);
		c->d = saved;
		for (i = 0; i < sub.n; i++) {
			if (i)
				fr_buf_adds(&b, "; ");
			fr_buf_adds(&b, sub.v[i].msg);
		}
		fr_diags_free(&sub);
	}
	if (b.len) {
		report(c, inst, rule, "%s", b.ptr);
	} else if (values) {
		size_t count = 0;
		for (i = 0; i < l->n; i++) {
			const sch *s = l->v[i];
			if (s->const_v) {
				if (count++)
					fr_buf_adds(&b, ", ");
				add_value(&b, s->const_v);
			}
			for (j = 0; s->enum_v && j < s->enum_v->n; j++) {
				if (count++)
					fr_buf_adds(&b, ", ");
				add_value(&b, s->enum_v->items[j]);
			}
		}
		report(c, inst, rule, _("%s is not one of the allowed values: %s"), f.ptr, b.ptr);
	} else if (!admitted && types != T_ALL) {
		fr_buf_reset(&f);
		add_types(&b, types);
		add_found(&f, inst);
		report(c, inst, rule, _("expected %s, found %s"), b.ptr, f.ptr);
	} else if (titles) {
		for (i = 0; i < l->n; i++) {
			if (i)
				fr_buf_adds(&b, ", ");
			fr_buf_addf(&b, "'%s'", title_of(l->v[i]));
		}
		report(c, inst, rule, _("%s matches none of the allowed forms (%s)"), f.ptr, b.ptr);
	} else {
		report(c, inst, rule, _("%s matches none of the allowed forms"), f.ptr);
	}
	fr_buf_free(&b);
	fr_buf_free(&f);
}

/* An anyOf / oneOf / if branch: silent, with its own annotations, merged into ev only when
 * the branch holds. Returns 0 when it holds. */
static size_t v_branch(struct vctx *c, const sch *s, const fr_node *inst, const char *rule,
		       unsigned char *ev)
{
	unsigned char *own = ev ? ev_new(inst) : NULL;
	size_t e = v_silent(c, s, inst, rule, own);
	if (!e)
		ev_merge(ev, own, inst);
	free(own);
	return e;
}

static size_t v_apply(struct vctx *c, const sch *s, const fr_node *inst, const char *rule,
		      unsigned char *ev)
{
	size_t nerr = 0, i;
	fr_buf f = FR_BUF_INIT;

	for (i = 0; i < s->all.n; i++) {
		size_t e = v_schema(c, s->all.v[i], inst, rule, ev);
		if (e) {
			nerr += e;
			if (c->silent)
				return nerr;
		}
	}
	if (s->any.n || s->any.v) {
		int any = 0;
		/* collecting annotations needs every branch that holds, else the first will do */
		for (i = 0; i < s->any.n && !(any && !ev); i++)
			if (!v_branch(c, s->any.v[i], inst, rule, ev))
				any = 1;
		if (!any) {
			report_no_match(c, &s->any, inst, rule);
			FAIL(c, nerr);
		}
	}
	if (s->one.n || s->one.v) {
		size_t first = SIZE_MAX, second = SIZE_MAX;
		for (i = 0; i < s->one.n && second == SIZE_MAX; i++) {
			if (v_branch(c, s->one.v[i], inst, rule, ev))
				continue;
			if (first == SIZE_MAX)
				first = i;
			else
				second = i;
		}
		if (first == SIZE_MAX) {
			report_no_match(c, &s->one, inst, rule);
			FAIL(c, nerr);
		} else if (second != SIZE_MAX) {
			if (!c->silent) {
				add_subject(&f, inst);
				report(c, inst, rule, _("%s matches more than one of the allowed forms "
							"(%zu and %zu), it must match exactly one"),
				       f.ptr, first + 1, second + 1);
				fr_buf_free(&f);
			}
			FAIL(c, nerr);
		}
	}
	if (s->not_ && !v_silent(c, s->not_, inst, rule, NULL)) {
		if (!c->silent) {
			add_subject(&f, inst);
			if (s->not_->always == -1 && s->not_->values_only)
				report(c, inst, rule, _("%s is not allowed here"), f.ptr);
			else
				report(c, inst, rule, _("%s matches a form that is not allowed here"),
				       f.ptr);
			fr_buf_free(&f);
		}
		FAIL(c, nerr);
	}
	if (s->if_) {
		/* then / else report their own failures: "if X then Y is required" is best
		 * told as the missing Y */
		const sch *branch = v_branch(c, s->if_, inst, rule, ev) ? s->else_ : s->then_;
		if (branch) {
			size_t e = v_schema(c, branch, inst, rule, ev);
			if (e) {
				nerr += e;
				if (c->silent)
					return nerr;
			}
		}
	}
	if (s->ref) {
		size_t k, e;
		for (k = 0; k < c->nrefs; k++) {
			if (c->refs[k].s == s->ref && c->refs[k].inst == inst) {
				report(c, inst, rule, _("schema $ref '%s' refers back to itself without "
							"going deeper into the value"), s->ref_node->str);
				return nerr + 1;
			}
		}
		c->refs[c->nrefs].s = s->ref;
		c->refs[c->nrefs].inst = inst;
		c->nrefs++;
		e = v_schema(c, s->ref, inst, rule, ev);
		c->nrefs--;
		nerr += e;
	}
	return nerr;
}

/* unevaluatedProperties / unevaluatedItems: the members no other keyword of s (nor of the
 * schemas it applies in place) evaluated. */
static size_t v_unevaluated(struct vctx *c, const sch *s, const fr_node *inst, const char *rule,
			    unsigned char *ev)
{
	size_t nerr = 0, i;
	for (i = 0; i < inst->n; i++) {
		size_t e;
		if (ev[i])
			continue;
		if (inst->type == FR_MAP) {
			e = v_prop(c, s->uneval_props, &inst->pairs[i], rule);
		} else if (s->uneval_items->always == 0) {
			report(c, inst->items[i], rule, _("item %zu is not allowed here"), i + 1);
			e = 1;
		} else {
			e = v_schema(c, s->uneval_items, inst->items[i], rule, NULL);
		}
		ev[i] = 1;
		if (e) {
			nerr += e;
			if (c->silent)
				return nerr;
		}
	}
	return nerr;
}

static size_t v_schema(struct vctx *c, const sch *s, const fr_node *inst, const char *rule,
		       unsigned char *ev)
{
	size_t nerr = 0;
	unsigned char *own = NULL;
	int uneval;

	if (s->always == 1)
		return 0;
	if (s->rule)
		rule = s->rule;
	if (s->always == 0) {
		if (!c->silent) {
			fr_buf f = FR_BUF_INIT;
			add_subject(&f, inst);
			report(c, inst, rule, _("%s is not allowed here"), f.ptr);
			fr_buf_free(&f);
		}
		return 1;
	}
	if (c->depth >= FR_MAX_SCHEMA_DEPTH) {
		if (!c->deep_reported && !c->silent) {
			c->deep_reported = 1;
			report(c, inst, rule, _("the schema nests deeper than %d levels here; does "
						"a $ref refer back to itself?"), FR_MAX_SCHEMA_DEPTH);
		}
		return 1;
	}
	c->depth++;
	if (inst->type != FR_SEQ && inst->type != FR_MAP)
		ev = NULL;
	/* A schema with unevaluated* sees the annotations of its own keywords only, never
	 * those of its siblings: it collects into a set of its own. */
	uneval = (inst->type == FR_MAP && s->uneval_props) || (inst->type == FR_SEQ && s->uneval_items);
	if (uneval)
		own = ev_new(inst);
	nerr += v_generic(c, s, inst, rule);
	if (!(nerr && c->silent)) {
		switch (inst->type) {
		case FR_STRING: nerr += v_string(c, s, inst, rule); break;
		case FR_NUMBER: nerr += v_number(c, s, inst, rule); break;
		case FR_SEQ: nerr += v_array(c, s, inst, rule, uneval ? own : ev); break;
		case FR_MAP: nerr += v_object(c, s, inst, rule, uneval ? own : ev); break;
		default: break;
		}
	}
	if (!(nerr && c->silent))
		nerr += v_apply(c, s, inst, rule, uneval ? own : ev);
	if (uneval && !(nerr && c->silent))
		nerr += v_unevaluated(c, s, inst, rule, own);
	if (uneval && !nerr)
		ev_merge(ev, own, inst);
	free(own);
	c->depth--;
	return nerr;
}

size_t fr_schema_validate(const fr_schema *s, const fr_node *inst, const char *path, fr_diags *d)
{
	struct vctx *c;
	size_t before = d->n, nerr;

	if (!s || !s->top || !inst)
		return 0;
	c = fr_xcalloc(1, sizeof(*c));
	c->path = path;
	c->d = d;
	if (s->ncodes) /* per call, so threads sharing the schema never share match data */
		c->md = pcre2_match_data_create(1, s->gctx);
	c->mctx = s->mctx;
	nerr = v_schema(c, s->top, inst, NULL, NULL);
	merge_typos(c, before);
	if (nerr && d->n == before)
		fr_diags_add(d, path, inst->line, inst->col, FR_SEV_ERROR, DEFAULT_RULE,
			     _("the value does not match the schema"));
	pcre2_match_data_free(c->md);
	free(c);
	return d->n - before;
}
