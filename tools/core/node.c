/* node.c - building, reading and comparing document trees */
#include "node.h"

#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

fr_node *fr_node_new(fr_arena *a, fr_type t, int line, int col)
{
	fr_node *n = fr_alloc(a, sizeof(*n));
	n->type = t;
	n->line = line;
	n->col = col;
	n->str = "";
	return n;
}

fr_node *fr_node_null(fr_arena *a) { return fr_node_new(a, FR_NULL, 0, 0); }
fr_node *fr_node_seq(fr_arena *a) { return fr_node_new(a, FR_SEQ, 0, 0); }
fr_node *fr_node_map(fr_arena *a) { return fr_node_new(a, FR_MAP, 0, 0); }

fr_node *fr_node_bool(fr_arena *a, int b)
{
	fr_node *n = fr_node_new(a, FR_BOOL, 0, 0);
	n->boolean = !!b;
	return n;
}

fr_node *fr_node_number(fr_arena *a, double v)
{
	fr_node *n = fr_node_new(a, FR_NUMBER, 0, 0);
	n->num = v;
	return n;
}

fr_node *fr_node_stringn(fr_arena *a, const char *s, size_t len)
{
	fr_node *n = fr_node_new(a, FR_STRING, 0, 0);
	n->str = fr_strndup(a, s, len);
	n->len = len;
	return n;
}

fr_node *fr_node_string(fr_arena *a, const char *s)
{
	return fr_node_stringn(a, s ? s : "", s ? strlen(s) : 0);
}

/* Capacity is implicit: the next power of two at or above n (8 at least). */
static size_t cap_for(size_t n)
{
	size_t c = 8;
	while (c < n)
		c *= 2;
	return c;
}

void fr_seq_push(fr_arena *a, fr_node *seq, fr_node *item)
{
	if (seq->n == 0 || (seq->n >= 8 && cap_for(seq->n) == seq->n)) {
		size_t nc = seq->n ? seq->n * 2 : 8;
		fr_node **v = fr_alloc(a, nc * sizeof(*v));
		if (seq->n)
			memcpy(v, seq->items, seq->n * sizeof(*v));
		seq->items = v;
	}
	seq->items[seq->n++] = item;
}

void fr_map_set(fr_arena *a, fr_node *map, const char *key, fr_node *val)
{
	size_t i;
	for (i = 0; i < map->n; i++) {
		if (!strcmp(map->pairs[i].key->str, key)) {
			map->pairs[i].val = val;
			return;
		}
	}
	if (map->n == 0 || (map->n >= 8 && cap_for(map->n) == map->n)) {
		size_t nc = map->n ? map->n * 2 : 8;
		fr_pair *v = fr_alloc(a, nc * sizeof(*v));
		if (map->n)
			memcpy(v, map->pairs, map->n * sizeof(*v));
		map->pairs = v;
	}
	map->pairs[map->n].key = fr_node_string(a, key);
	map->pairs[map->n].val = val;
	map->n++;
}

const fr_pair *fr_map_pair(const fr_node *map, const char *key)
{
	size_t i, kl;
	if (!map || map->type != FR_MAP || !key)
		return NULL;
	kl = strlen(key);
	for (i = 0; i < map->n; i++) {
		const fr_node *k = map->pairs[i].key;
		if (k->len == kl && !memcmp(k->str, key, kl))
			return &map->pairs[i];
	}
	return NULL;
}

fr_node *fr_map_get(const fr_node *map, const char *key)
{
	const fr_pair *p = fr_map_pair(map, key);
	return p ? p->val : NULL;
}

const char *fr_node_str(const fr_node *n)
{
	return n && n->type == FR_STRING ? n->str : NULL;
}

const char *fr_map_str(const fr_node *map, const char *key)
{
	return fr_node_str(fr_map_get(map, key));
}

int fr_map_num(const fr_node *map, const char *key, double *out)
{
	const fr_node *n = fr_map_get(map, key);
	if (!n || n->type != FR_NUMBER)
		return 0;
	*out = n->num;
	return 1;
}

int fr_node_is_int(const fr_node *n)
{
	return n && n->type == FR_NUMBER && isfinite(n->num) && floor(n->num) == n->num;
}

size_t fr_node_count(const fr_node *n)
{
	return n && (n->type == FR_SEQ || n->type == FR_MAP) ? n->n : 0;
}

const fr_node *fr_map_item(const fr_node *map, const char *field, size_t i)
{
	const fr_node *s = fr_map_get(map, field);
	return s && s->type == FR_SEQ && i < s->n ? s->items[i] : NULL;
}

size_t fr_map_len(const fr_node *map, const char *field)
{
	const fr_node *s = fr_map_get(map, field);
	return s && s->type == FR_SEQ ? s->n : 0;
}

int fr_streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

int fr_str_nonblank(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 1;
	return 0;
}

const char *fr_type_name(fr_type t)
{
	switch (t) {
	case FR_NULL: return "null";
	case FR_BOOL: return "boolean";
	case FR_NUMBER: return "number";
	case FR_STRING: return "string";
	case FR_SEQ: return "array";
	case FR_MAP: return "object";
	}
	return "?";
}

int fr_node_equal(const fr_node *a, const fr_node *b)
{
	size_t i;
	if (a == b)
		return 1;
	if (!a || !b || a->type != b->type)
		return 0;
	switch (a->type) {
	case FR_NULL: return 1;
	case FR_BOOL: return a->boolean == b->boolean;
	case FR_NUMBER: return a->num == b->num;
	case FR_STRING: return a->len == b->len && !memcmp(a->str, b->str, a->len);
	case FR_SEQ:
		if (a->n != b->n)
			return 0;
		for (i = 0; i < a->n; i++)
			if (!fr_node_equal(a->items[i], b->items[i]))
				return 0;
		return 1;
	case FR_MAP:
		if (a->n != b->n)
			return 0;
		for (i = 0; i < a->n; i++) {
			const fr_node *k = a->pairs[i].key;
			const fr_node *o = NULL;
			size_t j;
			for (j = 0; j < b->n; j++) {
				const fr_node *bk = b->pairs[j].key;
				if (bk->len == k->len && !memcmp(bk->str, k->str, k->len)) {
					o = b->pairs[j].val;
					break;
				}
			}
			if (!o || !fr_node_equal(a->pairs[i].val, o))
				return 0;
		}
		return 1;
	}
	return 0;
}

int fr_node_identical(const fr_node *a, const fr_node *b)
{
	size_t i;
	if (a == b)
		return 1;
	if (!a || !b || a->type != b->type || a->line != b->line || a->col != b->col ||
	    a->len != b->len || !a->str != !b->str || (a->str && memcmp(a->str, b->str, a->len)) ||
	    a->n != b->n)
		return 0;
	switch (a->type) {
	case FR_BOOL: return a->boolean == b->boolean;
	case FR_NUMBER: return !memcmp(&a->num, &b->num, sizeof(a->num)) || (isnan(a->num) && isnan(b->num));
	case FR_SEQ:
		for (i = 0; i < a->n; i++)
			if (!fr_node_identical(a->items[i], b->items[i]))
				return 0;
		return 1;
	case FR_MAP:
		for (i = 0; i < a->n; i++)
			if (!fr_node_identical(a->pairs[i].key, b->pairs[i].key) ||
			    !fr_node_identical(a->pairs[i].val, b->pairs[i].val))
				return 0;
		return 1;
	default:
		return 1;
	}
}

static void walk(const fr_node *n, const char *path, fr_walk_fn fn, void *ud)
{
	const char *dot, *end;
	size_t klen;
	int each = 0;
	char key[128];
	const fr_node *v;
	size_t i;

	if (!n)
		return;
	if (!*path) {
		fn(ud, n);
		return;
	}
	dot = strchr(path, '.');
	end = dot ? dot : path + strlen(path);
	klen = (size_t)(end - path);
	if (klen >= 2 && !memcmp(end - 2, "[]", 2)) {
		each = 1;
		klen -= 2;
	}
	if (klen >= sizeof(key))
		return;
	memcpy(key, path, klen);
	key[klen] = '\0';
	v = klen ? fr_map_get(n, key) : n;
	path = dot ? dot + 1 : end;
	if (!v)
		return;
	if (!each) {
		walk(v, path, fn, ud);
		return;
	}
	if (v->type != FR_SEQ)
		return;
	for (i = 0; i < v->n; i++)
		walk(v->items[i], path, fn, ud);
}

void fr_node_walk(const fr_node *root, const char *path, fr_walk_fn fn, void *ud)
{
	walk(root, path, fn, ud);
}

size_t fr_utf8_check(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t k;
		unsigned cp, min;
		if (c < 0x80) {
			/* ASCII runs eight bytes at a time */
			i++;
			while (i + 8 <= n) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 1; cp = c & 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2; cp = c & 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return i;
		}
		if (i + k >= n)
			return i; /* truncated sequence */
		{
			size_t j;
			for (j = 1; j <= k; j++) {
				if ((s[i + j] & 0xc0) != 0x80)
					return i;
				cp = (cp << 6) | (s[i + j] & 0x3f);
			}
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += k + 1;
	}
	return n;
}

size_t fr_utf8_len(const char *s, size_t n)
{
	size_t i, len = 0;
	for (i = 0; i < n; i++)
		len += ((unsigned char)s[i] & 0xc0) != 0x80;
	return len;
}

static int wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
	       (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	       (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

size_t fr_utf8_width(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, w = 0;
	while (i < n) {
		unsigned c = s[i], cp;
		size_t k = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
		size_t j;
		cp = k == 0 ? c : k == 1 ? (c & 0x1f) : k == 2 ? (c & 0x0f) : (c & 0x07);
		for (j = 1; j <= k && i + j < n; j++)
			cp = (cp << 6) | (s[i + j] & 0x3f);
		i += k + 1;
		if (cp >= 0x300 && cp <= 0x36f)
			continue; /* combining marks take no column */
		w += wide(cp) ? 2 : 1;
	}
	return w;
}

/* ---- interned strings ---- */

/* Strings longer than this are rarely repeated (reasons, notes): not worth a slot. */
#define INTERN_MAX 64

struct strslot {
	uint32_t h, len;
	fr_node *n;     /* NULL: free */
};

struct fr_strtab {
	fr_arena *a;
	struct strslot *v;
	size_t n, cap;  /* used slots, slots (a power of 2) */
};

fr_strtab *fr_strtab_new(fr_arena *a)
{
	fr_strtab *t = fr_xcalloc(1, sizeof(*t));
	t->a = a;
	t->cap = 1024;
	t->v = fr_xcalloc(t->cap, sizeof(*t->v));
	return t;
}

void fr_strtab_free(fr_strtab *t)
{
	if (!t)
		return;
	free(t->v);
	free(t);
}

static uint32_t str_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

fr_node *fr_strtab_node(fr_strtab *t, const char *s, size_t len, int line, int col)
{
	uint32_t h;
	size_t i, mask;
	if (!t || len > INTERN_MAX)
		return NULL;
	if (2 * (t->n + 1) > t->cap) {
		struct strslot *old = t->v;
		size_t oc = t->cap, j;
		t->cap *= 2;
		t->v = fr_xcalloc(t->cap, sizeof(*t->v));
		for (j = 0; j < oc; j++) {
			if (!old[j].n)
				continue;
			for (i = old[j].h & (t->cap - 1); t->v[i].n; i = (i + 1) & (t->cap - 1))
				;
			t->v[i] = old[j];
		}
		free(old);
	}
	h = str_hash(s, len);
	mask = t->cap - 1;
	for (i = h & mask; t->v[i].n; i = (i + 1) & mask)
		if (t->v[i].h == h && t->v[i].len == len && !memcmp(t->v[i].n->str, s, len))
			return t->v[i].n;
	t->v[i].h = h;
	t->v[i].len = (uint32_t)len;
	t->v[i].n = fr_alloc(t->a, sizeof(fr_node));
	t->v[i].n->type = FR_STRING;
	t->v[i].n->line = line;
	t->v[i].n->col = col;
	t->v[i].n->str = fr_strndup(t->a, s, len);
	t->v[i].n->len = len;
	t->n++;
	return t->v[i].n;
}

/* ---- fr_node_prune ---- */

struct prune {
	fr_arena *a;
	size_t left;    /* nodes still allowed */
	fr_strtab *tab; /* strings shared, key nodes shared; NULL: none */
};

static fr_node *copy_shallow(struct prune *pr, const fr_node *n)
{
	fr_node *c, *in;
	if (!pr->left)
		return NULL;
	pr->left--;
	c = fr_alloc(pr->a, sizeof(*c));
	*c = *n;
	c->items = NULL;
	c->pairs = NULL;
	if (n->type == FR_STRING && (in = fr_strtab_node(pr->tab, n->str, n->len, n->line, n->col)))
		c->str = in->str;
	else if (n->type == FR_STRING)
		c->str = fr_strndup(pr->a, n->str, n->len);
	else
		c->str = "";
	if (n->type == FR_SEQ || n->type == FR_MAP)
		c->n = 0;
	return c;
}

/* A mapping's key: with a table, one shared node per key text (its position is not kept:
 * nothing reads the position of a key among the facts). */
static fr_node *copy_key(struct prune *pr, const fr_node *key)
{
	fr_node *in;
	if (pr->left && (in = fr_strtab_node(pr->tab, key->str, key->len, key->line, key->col))) {
		pr->left--;
		return in;
	}
	return copy_shallow(pr, key);
}

static fr_node *copy_deep(struct prune *pr, const fr_node *n)
{
	fr_node *c = copy_shallow(pr, n);
	size_t i;
	if (!c)
		return NULL;
	if (n->type == FR_SEQ && n->n) {
		c->items = fr_alloc(pr->a, n->n * sizeof(*c->items));
		for (i = 0; i < n->n; i++)
			if (!(c->items[i] = copy_deep(pr, n->items[i])))
				return NULL;
		c->n = n->n;
	} else if (n->type == FR_MAP && n->n) {
		c->pairs = fr_alloc(pr->a, n->n * sizeof(*c->pairs));
		for (i = 0; i < n->n; i++)
			if (!(c->pairs[i].key = copy_key(pr, n->pairs[i].key)) ||
			    !(c->pairs[i].val = copy_deep(pr, n->pairs[i].val)))
				return NULL;
		c->n = n->n;
	}
	return c;
}

/* The length of a path's first key: up to '.', '[', '!' or its end. */
static size_t seg_len(const char *p)
{
	return strcspn(p, ".[!");
}

/* What is left of a path after a key of length k: "" (all), "!" (shallow), "[]..." or a key. */
static const char *after_key(const char *p, size_t k)
{
	p += k;
	return *p == '.' ? p + 1 : p;
}

/* n as the rests (what is left of each path at n) want it. */
static fr_node *prune_node(struct prune *pr, const fr_node *n, const char **rests, size_t nr)
{
	const char **sub, *sub_local[32];
	size_t klen_local[32], *klen;
	fr_node *c;
	size_t i, j, k, ns, deep = 0;
	for (i = 0; i < nr; i++)
		deep |= !rests[i][0];
	if (deep)
		return copy_deep(pr, n);
	if (!(c = copy_shallow(pr, n)))
		return NULL;
	if (!(n->type == FR_SEQ || n->type == FR_MAP) || !n->n)
		return c;
	/* the paths are few (a kind's facts): their lists on the stack, else on the heap */
	sub = nr < 32 ? sub_local : fr_xmalloc((nr + 1) * sizeof(*sub));
	klen = nr < 32 ? klen_local : fr_xmalloc((nr + 1) * sizeof(*klen));
	if (n->type == FR_SEQ) {
		for (i = ns = 0; i < nr; i++)
			if (!strncmp(rests[i], "[]", 2))
				sub[ns++] = rests[i][2] == '.' ? rests[i] + 3 : rests[i] + 2;
		if (ns) {
			c->items = fr_alloc(pr->a, n->n * sizeof(*c->items));
			for (i = 0; i < n->n; i++)
				if (!(c->items[i] = prune_node(pr, n->items[i], sub, ns))) {
					c = NULL;
					goto done;
				}
			c->n = n->n;
		}
	} else {
		size_t kept = 0, want = 0;
		for (i = 0; i < nr; i++)
			klen[i] = seg_len(rests[i]);
		for (j = 0; j < n->n; j++) /* how many pairs to keep: the array is that long */
			for (i = 0; i < nr; i++) {
				k = klen[i];
				if (k && k == n->pairs[j].key->len &&
				    !memcmp(rests[i], n->pairs[j].key->str, k)) {
					want++;
					break;
				}
			}
		c->pairs = want ? fr_alloc(pr->a, want * sizeof(*c->pairs)) : NULL;
		for (j = 0; j < n->n && kept < want; j++) {
			const fr_node *key = n->pairs[j].key;
			for (i = ns = 0; i < nr; i++) {
				k = klen[i];
				if (k && k == key->len && !memcmp(rests[i], key->str, k))
					sub[ns++] = after_key(rests[i], k);
			}
			if (!ns)
				continue;
			if (!(c->pairs[kept].key = copy_key(pr, key)) ||
			    !(c->pairs[kept].val = prune_node(pr, n->pairs[j].val, sub, ns))) {
				c = NULL;
				goto done;
			}
			kept++;
		}
		c->n = kept;
	}
done:
	if (sub != sub_local)
		free(sub);
	if (klen != klen_local)
		free(klen);
	return c;
}

fr_node *fr_node_prune(fr_arena *a, const fr_node *n, const char *const *paths, size_t npaths,
		       size_t max_nodes)
{
	return fr_node_prune_shared(a, NULL, n, paths, npaths, max_nodes);
}

fr_node *fr_node_prune_shared(fr_arena *a, fr_strtab *tab, const fr_node *n,
			      const char *const *paths, size_t npaths, size_t max_nodes)
{
	struct prune pr = { a, max_nodes, tab };
	const char **rests;
	fr_node *c;
	size_t i;
	if (!n)
		return NULL;
	rests = fr_xmalloc((npaths + 1) * sizeof(*rests));
	for (i = 0; i < npaths; i++)
		rests[i] = paths[i];
	c = prune_node(&pr, n, rests, npaths);
	free(rests);
	return c;
}
