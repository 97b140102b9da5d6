/* engine.c - run every check over a snapshot of records */
#include "engine.h"
#include "cache.h"
#include "date.h"
#include "hint.h"
#include "history.h"
#include "buf.h"
#include "limits.h"
#include "rate.h"
#include "i18n.h"
#include "rules.h"
#include "suggest.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void fr_rule(fr_ctx *c, const fr_record *r, const fr_node *at, const char *rule,
	     const char *fmt, ...)
{
	va_list ap;
	if (fr_config_severity(c->cfg, rule) == FR_SEV_OFF)
		return;
	va_start(ap, fmt);
	fr_diags_vadd(c->diags, r->path, at ? at->line : 1, at ? at->col : 1, FR_SEV_ERROR, rule,
		      fmt, ap);
	va_end(ap);
}

void fr_check_reasons(fr_ctx *c, const fr_record *r, const fr_node *items, const char *name_key,
		      const char *rule)
{
	size_t i;
	for (i = 0; items && items->type == FR_SEQ && i < items->n; i++) {
		const fr_node *t = items->items[i];
		fr_item it;
		fr_item_read(t, name_key, &it);
		if (!fr_item_flagged(&it, c->cfg->threshold) || fr_str_nonblank(fr_map_str(t, "reason")))
			continue;
		fr_rule(c, r, t, rule,
			_("'%s' has an achievement rate of %.1f%% (actual %g, target %g): a deviation over %g%% needs a 'reason'"),
			it.name ? it.name : "?", 100 * fr_rate(it.actual, it.target, it.lower),
			it.actual, it.target, 100 * c->cfg->threshold);
	}
}

int fr_record_week_monday(const fr_record *r)
{
	int monday;
	if (fr_week_parse(fr_map_str(r->fm, "week"), &monday))
		return FR_NO_DATE;
	return monday;
}

static int kind_index(const fr_kind *k)
{
	int i;
	for (i = 0; fr_kinds[i]; i++)
		if (fr_kinds[i] == k)
			return i;
	return -1;
}

const fr_record *const *fr_set_kind(const fr_set *s, const char *kind, size_t *n)
{
	int i = kind_index(fr_kind_find(kind));
	if (i < 0) {
		*n = 0;
		return NULL;
	}
	*n = s->nbykind[i];
	return s->bykind[i];
}

fr_node *fr_set_figures(const fr_set *s, const fr_record *r, fr_arena *a)
{
	fr_diags scratch = FR_DIAGS_INIT;
	fr_ctx c = { s->cfg, s, &scratch, s->today, NULL };
	fr_node *f;
	if (!r->k || !r->k->figures || !r->fm)
		return NULL;
	f = r->k->figures(&c, r, a);
	fr_diags_free(&scratch);
	return f;
}

/* ---- the rules common to every kind ---- */

struct person_walk {
	fr_ctx *c;
	const fr_record *r;
};

static void check_person(void *ud, const fr_node *n)
{
	struct person_walk *w = ud;
	const fr_config *cfg = w->c->cfg;
	const char *guess;
	char hint[256];
	size_t cp;
	if (n->type != FR_STRING || fr_config_person(cfg, n->str))
		return;
	if (strstr(n->str, "，") || strstr(n->str, "、"))
		fr_rule(w->c, w->r, n, "X-PERSON",
			_("'%s' is not one name: names in a list are separated by a half-width ', ', not '，' or '、'"),
			n->str);
	else if (fr_string_hint(n->str, n->len, &cp, hint, sizeof(hint)))
		fr_rule(w->c, w->r, n, "X-PERSON", _("'%s' is not in the team's roster: %s"), n->str, hint);
	else if (cfg->npeople && (guess = fr_suggest(n->str, &cfg->people[0].name, cfg->npeople, sizeof(cfg->people[0]))))
		fr_rule(w->c, w->r, n, "X-PERSON",
			_("'%s' is not in the team's roster; did you mean '%s'?"), n->str, guess);
	else
		fr_rule(w->c, w->r, n, "X-PERSON", _("'%s' is not in the team's roster ('people' in flowrec.yaml)"),
			n->str);
}

static void check_slogan(void *ud, const fr_node *n)
{
	struct person_walk *w = ud;
	size_t i;
	if (n->type != FR_STRING)
		return;
	for (i = 0; i < w->c->cfg->nslogans; i++) {
		if (strstr(n->str, w->c->cfg->slogans[i])) {
			fr_rule(w->c, w->r, n, "X-SLOGAN",
				_("'%s' is a slogan ('%s'), not an action: say what will be done, by whom, how much"),
				n->str, w->c->cfg->slogans[i]);
			return;
		}
	}
}

/* memmem for the short strings of a record: glibc's memmem builds a shift table on every call,
 * which cost more than the search (10 % of check); memchr finds the candidates. */
static const char *find_in(const char *s, size_t len, const char *ph, size_t pl)
{
	const char *p = s, *end = s + len;
	if (!pl)
		return s;
	while (pl <= (size_t)(end - p) && (p = memchr(p, ph[0], (size_t)(end - p) - pl + 1))) {
		if (!memcmp(p, ph, pl))
			return p;
		p++;
	}
	return NULL;
}

static const char *find_placeholder(const fr_config *cfg, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < cfg->nplaceholders; i++)
		if (find_in(s, len, cfg->placeholders[i], strlen(cfg->placeholders[i])))
			return cfg->placeholders[i];
	return NULL;
}

static void placeholders_in(fr_ctx *c, const fr_record *r, const fr_node *n, int depth)
{
	size_t i;
	const char *p;
	if (!n || depth > 300)
		return;
	switch (n->type) {
	case FR_STRING:
		if ((p = find_placeholder(c->cfg, n->str, n->len)))
			fr_rule(c, r, n, "X-PLACEHOLDER",
				_("placeholder '%s' left in the record: fill it in"), p);
		break;
	case FR_SEQ:
		for (i = 0; i < n->n; i++)
			placeholders_in(c, r, n->items[i], depth + 1);
		break;
	case FR_MAP:
		for (i = 0; i < n->n; i++)
			placeholders_in(c, r, n->pairs[i].val, depth + 1);
		break;
	default:
		break;
	}
}

static void placeholders_in_body(fr_ctx *c, const fr_record *r)
{
	const char *s = r->body, *end = r->body + r->body_len;
	int line = r->body_line;
	while (s < end) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		const char *p;
		size_t i;
		if (!e)
			e = end;
		for (i = 0; i < c->cfg->nplaceholders; i++) {
			const char *ph = c->cfg->placeholders[i];
			p = find_in(s, (size_t)(e - s), ph, strlen(ph));
			if (p) {
				fr_diags_add(c->diags, r->path, line, (int)fr_utf8_len(s, (size_t)(p - s)) + 1,
					     FR_SEV_ERROR, "X-PLACEHOLDER",
					     _("placeholder '%s' left in the record: fill it in"), ph);
				break;
			}
		}
		s = e + 1;
		line++;
	}
}

static void check_common(fr_ctx *c, fr_record *r)
{
	struct person_walk w = { c, r };
	const fr_node *kn;
	const fr_schema *sc;
	const char *const *p;

	if (!r->fm)
		return;
	kn = fr_map_get(r->fm, "kind");
	if (r->fm->type != FR_MAP) {
		fr_rule(c, r, r->fm, "X-KIND",
			_("the front-matter is a mapping of fields, starting with 'kind'"));
		return;
	}
	if (!kn) {
		fr_rule(c, r, r->fm, "X-KIND", _("missing 'kind': say which record this is (e.g. kind: weekly-meeting)"));
	} else if (!r->kind || !(r->k = fr_kind_find(r->kind))) {
		{
			char names[512] = "";
			size_t i;
			for (i = 0; fr_kinds[i]; i++) {
				if (i)
					strncat(names, ", ", sizeof(names) - strlen(names) - 1);
				strncat(names, fr_kinds[i]->name, sizeof(names) - strlen(names) - 1);
			}
			fr_rule(c, r, kn, "X-KIND", _("unknown kind '%s': known kinds are %s"),
				r->kind ? r->kind : fr_type_name(kn->type), names);
		}
	}
	placeholders_in(c, r, r->fm, 0);
	placeholders_in_body(c, r);
	if (!r->k)
		return;
	sc = fr_schemas_get(c->set->schemas, r->k->name);
	if (!sc) {
		fr_rule(c, r, kn, "X-KIND", _("no schema for kind '%s'"), r->k->name);
		return;
	}
	fr_schema_validate(sc, r->fm, r->path, c->diags);
	for (p = r->k->people; p && *p; p++)
		fr_node_walk(r->fm, *p, check_person, &w);
	for (p = r->k->actions; p && *p; p++)
		fr_node_walk(r->fm, *p, check_slogan, &w);
	if (r->k->check)
		r->k->check(c, r);
}

/* X-UNIQUE: the key of a record as text, "" when a key field is missing (engine.h). */
void fr_record_key(const fr_record *r, char *out, size_t size)
{
	const char *const *k;
	out[0] = '\0';
	for (k = r->k->key; *k; k++) {
		const fr_node *n = fr_map_get(r->fm, *k);
		char part[256];
		if (!n) {
			out[0] = '\0';
			return;
		}
		if (n->type == FR_STRING)
			snprintf(part, sizeof(part), "%s", n->str);
		else if (n->type == FR_NUMBER)
			snprintf(part, sizeof(part), "%g", n->num);
		else
			snprintf(part, sizeof(part), "<%s>", fr_type_name(n->type));
		if (k != r->k->key)
			strncat(out, ", ", size - strlen(out) - 1);
		strncat(out, part, size - strlen(out) - 1);
	}
}

struct keyed {
	char *key;    /* heap */
	size_t i;     /* index in path order */
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Every record whose key an earlier record (in path order) already has is reported, naming
 * that first record. A sort, not a scan of pairs: the road ahead is 100,000 records. */
static void check_unique(fr_ctx *c, const fr_record *const *recs, size_t n)
{
	struct keyed *v;
	size_t i, first = 0;
	char buf[512];
	if (n < 2)
		return;
	v = fr_xmalloc(n * sizeof(*v));
	for (i = 0; i < n; i++) {
		fr_record_key(recs[i], buf, sizeof(buf));
		v[i].key = fr_xstrdup(buf);
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), cmp_keyed);
	for (i = 1; i < n; i++) {
		const fr_record *r = recs[v[i].i];
		if (strcmp(v[i].key, v[first].key)) {
			first = i;
			continue;
		}
		if (!v[i].key[0])
			continue;
		fr_rule(c, r, fr_map_get(r->fm, r->k->key[0]), "X-UNIQUE",
			_("another %s record has the same %s (%s): %s"), r->k->name,
			r->k->key[1] ? "key" : r->k->key[0], v[i].key, recs[v[first].i]->path);
	}
	for (i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

/* Record indexes sorted by path, to find the record a diagnostic names in O(log n). */
struct by_path {
	const fr_set *s;
	size_t *order;
};

static int cmp_order(const void *x, const void *y, void *ud)
{
	const fr_set *s = ud;
	return strcmp(s->recs[*(const size_t *)x]->path, s->recs[*(const size_t *)y]->path);
}

static long find_record(const struct by_path *bp, const char *path)
{
	size_t lo = 0, hi = bp->s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(bp->s->recs[bp->order[mid]]->path, path);
		if (!c)
			return (long)bp->order[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* ---- the per-record phase, on every core ---- */

struct worker {
	fr_ctx c;             /* its own diagnostics; config, set and today shared read-only */
	fr_diags diags;
	fr_files *files;
	fr_set *s;
	size_t lo, hi;
	const fr_check_opts *o;
	fr_arena *facts;      /* facts_only: the records as kept, of this slice */
	fr_strtab *tab;       /* and the strings they share */
	size_t slot;          /* cache: the slot of file 0 */
	int today_read;
	size_t unreadable;
	size_t lazy_approvals; /* stubs whose facts hold approvals */
};

/* What the cross-record phase reads of r (kind, key, the kind's facts) copied into a, and r
 * freed; r itself when its tree is beyond what a copy may cost (fr_node_prune). */
static fr_record *keep_facts(fr_arena *a, fr_strtab *tab, fr_record *r)
{
	const char *paths[64];
	const char *const *p;
	size_t n = 0;
	fr_record *f;
	fr_node *fm = NULL;
	if (r->fm && r->k) {
		paths[n++] = "kind";
		for (p = r->k->key; *p && n < FR_ARRAY_LEN(paths); p++)
			paths[n++] = *p;
		for (p = r->k->facts; p && *p && n < FR_ARRAY_LEN(paths) - 2; p++)
			paths[n++] = *p;
		/* the approvals, which check reads to warn that author trust can be forged */
		if (r->k->approvals)
			paths[n++] = r->k->approvals;
		if (!(fm = fr_node_prune_shared(a, tab, r->fm, paths, n, 100000)))
			return r;
	}
	f = fr_alloc(a, sizeof(*f));
	f->path = fr_strdup(a, r->path);
	f->src = "";
	f->len = r->len;
	f->fm = fm;
	f->kind = fm ? fr_map_str(fm, "kind") : NULL;
	f->k = fm ? r->k : NULL;
	f->body = "";
	f->body_line = r->body_line;
	f->valid = r->valid;
	fr_record_free(r);
	return f;
}

/* The record of f from the cache without its facts (a stub: its diagnostics appended, its
 * kind known), or NULL; oid receives the blob id when one is known or could be worked out,
 * else "". */
static fr_record *from_cache(struct worker *w, size_t i, fr_file *f, char oid[41])
{
	fr_cache *cache = w->o->cache;
	fr_record *r;
	long e;
	int k = 255, approvals = 0, nk;
	oid[0] = '\0';
	if (f->oid[0])
		memcpy(oid, f->oid, 41);
	else if (f->data)
		fr_blob_oid(f->data, f->len, oid);
	if (!oid[0] || (e = fr_cache_find_at(cache, f->centry - 1, f->path, oid, w->c.today)) < 0 ||
	    !(r = fr_cache_stub(cache, e, w->facts, f->path, &w->diags, &k, &approvals)))
		return NULL;
	for (nk = 0; fr_kinds[nk]; nk++)
		;
	r->k = k < nk ? fr_kinds[k] : NULL;
	r->kind = r->k ? r->k->name : NULL;
	w->s->entry[i] = r->k ? e : -1;
	w->lazy_approvals += approvals != 0;
	fr_cache_keep(cache, w->slot + i, e, &f->st);
	return r;
}

/* A file not read by the walk (the engine reads on every core), or known by its stat data or
 * blob id but not in the cache after all (another today, an entry that does not decode): read
 * now. Returns 0, or -1 when it could not be (its text is then "", its error in the
 * diagnostics, and it must not be cached). */
static int read_late(struct worker *w, fr_file *f)
{
	struct stat st;
	char *full;
	size_t len;
	int rc = 0, seen;
	if (w->o->load) {
		if (w->o->load(w->o->load_ud, f, &w->diags) || !f->data) {
			free(f->data);
			f->data = fr_xstrdup("");
			f->len = 0;
			w->unreadable++;
			return -1;
		}
		return 0;
	}
	full = fr_xmalloc(strlen(w->o->root ? w->o->root : ".") + strlen(f->path) + 2);
	sprintf(full, "%s/%s", w->o->root ? w->o->root : ".", f->path);
	/* the walk saw it a regular file (its lstat's inode in f->st, or only its folder entry's
	 * type on a cold run): not looked at again; the stat data the cache keeps are fstat's */
	seen = f->typed || f->st.ino != 0;
	if (seen ? fr_read_seen_at(AT_FDCWD, full, f->typed ? -1 : f->st.ino, FR_MAX_RECORD_BYTES,
				   &f->data, &len, &st)
		 : fr_read_file_at(AT_FDCWD, full, FR_MAX_RECORD_BYTES, FR_READ_NOFOLLOW, &f->data, &len)) {
		if (errno == ELOOP || errno == ESPIPE || errno == EFBIG) {
			/* not a record to read (over the limit, or swapped since the walk): its
			 * X-FILE error, as the walk says it when it looks */
			fr_diag_file(&w->diags, f->path, errno, len);
			f->xfile = 1;
		} else {
			fr_diags_add(&w->diags, f->path, 0, 0, FR_SEV_ERROR, "",
				     _("cannot read file: %s"), strerror(errno));
			w->unreadable++;
		}
		f->data = fr_xstrdup("");
		len = 0;
		rc = -1;
	}
	if (!rc && seen)  /* what was read, as the cache will know it */
		f->st = fr_stat_of(&st);
	f->len = len;
	free(full);
	return rc;
}

static void *check_range(void *p)
{
	struct worker *w = p;
	size_t i;
	w->c.today_read = &w->today_read;
	for (i = w->lo; i < w->hi; i++) {
		fr_record *r = NULL;
		fr_file *f = &w->files->v[i];
		size_t d0 = w->diags.n;
		char oid[41] = "";
		int unread = 0;
		/* not read yet and no blob id by which the cache could know it: read it now */
		if (!f->data && !f->oid[0] && read_late(w, f))
			unread = 1;
		if (!unread && w->o->cache && w->o->facts_only)
			r = from_cache(w, i, f, oid);
		if (!r && !unread && !f->data && read_late(w, f))
			unread = 1;
		if (w->s->oids && !unread) {
			if (!oid[0] && f->oid[0])
				memcpy(oid, f->oid, 41);
			else if (!oid[0] && w->o->cache)
				fr_blob_oid(f->data, f->len, oid);
			memcpy(w->s->oids[i], oid, 41);
		}
		if (!r && unread) {
			/* its read error says it all: an empty record, nothing to check or keep */
			fr_diags none = FR_DIAGS_INIT;
			fr_record_parse(&r, f->path, "", 0, &none);
			fr_diags_free(&none);
			r->valid = 1;
			if (w->o->facts_only)
				r = keep_facts(w->facts, w->tab, r);
		} else if (!r) {
			w->today_read = 0;
			fr_record_parse(&r, f->path, f->data, f->len, &w->diags);
			r->valid = 1;
			check_common(&w->c, r);
			if (w->o->facts_only)
				r = keep_facts(w->facts, w->tab, r);
			if (w->o->cache && !r->arena && oid[0])
				fr_cache_put(w->o->cache, w->slot + i, f->path, oid, &f->st, r,
					     r->k ? kind_index(r->k) : -1,
					     fr_history_has_approvals(r->fm),
					     /* v is NULL while no diagnostic was added: no
					      * offset on it, not even + 0 (C11 6.5.6) */
					     w->diags.n > d0 ? w->diags.v + d0 : NULL,
					     w->diags.n - d0, w->today_read,
					     w->c.today);
		}
		if (w->o->drop_sources) {
			free(f->data);
			f->data = NULL;
		}
		w->s->recs[i] = r;
	}
	return NULL;
}

/* Parse every file and run the rules of one record, in contiguous slices of the path order,
 * one thread each. Nothing below shares mutable state: each record has its arena, each thread
 * its diagnostics (appended in slice order, so the result is the single-threaded one); the
 * schemas are compiled and the time zone set before this runs. */
static void check_records(fr_set *s, fr_files *files, const fr_ctx *proto,
			  const fr_check_opts *o)
{
	size_t nt = fr_thread_count(files->n), t, per;
	struct worker *w = fr_xcalloc(nt, sizeof(*w));
	pthread_t *tid = fr_xcalloc(nt, sizeof(*tid));
	char *started = fr_xcalloc(nt, 1);
	size_t slot = o->cache && o->facts_only ? fr_cache_reserve(o->cache, files->n) : 0;
	per = (files->n + nt - 1) / nt;
	for (t = 0; t < nt; t++) {
		w[t].c = *proto;
		w[t].c.diags = &w[t].diags;
		w[t].files = files;
		w[t].s = s;
		w[t].lo = t * per < files->n ? t * per : files->n;
		w[t].hi = (t + 1) * per < files->n ? (t + 1) * per : files->n;
		w[t].o = o;
		w[t].slot = slot;
		if (o->facts_only) {
			s->facts[s->nfacts++] = w[t].facts = fr_arena_new();
			w[t].tab = fr_strtab_new(w[t].facts);
		}
	}
	for (t = 1; t < nt; t++) {
		int e = pthread_create(&tid[t], NULL, check_range, &w[t]);
		started[t] = e == 0;
		if (e)
			fr_thread_failed(FR_THREADS_CHECK, e);
	}
	check_range(&w[0]);
	for (t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			check_range(&w[t]); /* no thread to be had: its slice is done here */
	}
	for (t = 0; t < nt; t++) {
		fr_diags_move(proto->diags, &w[t].diags);
		fr_strtab_free(w[t].tab);
		s->unreadable += w[t].unreadable;
		s->lazy_approvals += w[t].lazy_approvals;
	}
	free(started);
	free(tid);
	free(w);
}

/* ---- the cross-record phase: one kind at a time, kinds on every core ---- */

struct kind_job {
	fr_set *s;
	const fr_ctx *proto;
	fr_cache *cache;       /* facts_only with a cache: the kinds' results */
	int broken;            /* a stub's facts did not decode: the cache is damaged */
	fr_diags *diags;       /* per kind, merged in the kinds' order */
	pthread_mutex_t lock;
	size_t *idx[16];       /* per kind, its records' indexes in s->recs */
	int next;              /* next kind to take */
	int order[16];         /* the kinds, most records first */
	int nkinds;
};

/* The key of kind k's result: what its cross-record diagnostics depend on besides the
 * cache's own key (binary, language, config, schemas) and today (which the result notes when
 * its rules read it, through fr_today): the kind and its records' (path, blob id) in path
 * order; 0 when a record's blob id is unknown (no key). */
static int kind_key(const fr_set *s, fr_cache *cache, int k, const fr_record *const *recs,
		    size_t n, const size_t *idx, unsigned char key[20])
{
	fr_buf b;
	size_t i;
	fr_buf_init(&b);
	fr_buf_addf(&b, "%s\n%zu\n", fr_kinds[k]->name, n);
	for (i = 0; i < n; i++) {
		const char *oid = s->oids[idx[i]];
		if (!oid[0]) {
			fr_buf_free(&b);
			return 0;
		}
		fr_buf_adds(&b, recs[i]->path);
		fr_buf_addc(&b, '\0');
		fr_buf_add(&b, oid, 40);
	}
	fr_cache_result_key(cache, b.ptr, b.len, key);
	fr_buf_free(&b);
	return 1;
}

static void check_kind(struct kind_job *j, int k)
{
	fr_set *s = j->s;
	fr_ctx c = *j->proto;
	size_t i, *idx = j->idx[k];
	unsigned char key[20];
	int keyed = 0, today_read = 0;
	c.diags = &j->diags[k];
	c.today_read = &today_read;
	if (j->cache && s->nbykind[k]) {
		/* the cache has this very list's result: nothing of the kind is decoded */
		keyed = kind_key(s, j->cache, k, s->bykind[k], s->nbykind[k], idx, key);
		if (keyed && fr_cache_result(j->cache, key, s->today, c.diags))
			return;
		/* else the stubs' facts, and the rules on them */
		fr_strtab *tab = NULL;
		for (i = 0; i < s->nbykind[k]; i++) {
			fr_record *r = s->recs[idx[i]];
			int bad;
			if (s->entry[idx[i]] < 0)
				continue;
			if (!s->kfacts[k]) {
				s->kfacts[k] = fr_arena_new();
				tab = fr_strtab_new(s->kfacts[k]);
			}
			r->fm = fr_cache_facts(j->cache, s->entry[idx[i]], s->kfacts[k], tab, &bad);
			if (bad || !r->fm || !fr_streq(fr_map_str(r->fm, "kind"), fr_kinds[k]->name)) {
				j->broken = 1;
				fr_strtab_free(tab);
				return;
			}
			r->kind = fr_map_str(r->fm, "kind");
			s->entry[idx[i]] = -1;
		}
		fr_strtab_free(tab);
	}
	check_unique(&c, s->bykind[k], s->nbykind[k]);
	if (fr_kinds[k]->check_all && s->nbykind[k])
		fr_kinds[k]->check_all(&c, s->bykind[k], s->nbykind[k]);
	if (keyed)
		fr_cache_put_result(j->cache, key, today_read, s->today, c.diags->v, c.diags->n);
}

static void *kinds_worker(void *p)
{
	struct kind_job *j = p;
	for (;;) {
		int k;
		pthread_mutex_lock(&j->lock);
		k = j->next < j->nkinds ? j->order[j->next++] : -1;
		pthread_mutex_unlock(&j->lock);
		if (k < 0)
			return NULL;
		check_kind(j, k);
	}
}

/* The cross-record rules of every kind; -1 when the cache turned out damaged (a stub's facts
 * do not decode), else 0. */
static int check_kinds(fr_set *s, const fr_ctx *proto, fr_cache *cache)
{
	struct kind_job j;
	size_t cnt[16] = { 0 }, nt = fr_thread_count(s->n), t, i;
	pthread_t tid[8];
	int started[8] = { 0 }, k, a, b;
	unsigned char *of = fr_xmalloc(s->n + 1);
	memset(&j, 0, sizeof(j));
	j.s = s;
	j.proto = proto;
	j.cache = cache;
	pthread_mutex_init(&j.lock, NULL);
	for (k = 0; fr_kinds[k] && k < 16; k++)
		j.order[j.nkinds++] = k;
	/* each kind's records in path order, in two passes over the set */
	for (i = 0; i < s->n; i++) {
		of[i] = 255;
		for (k = 0; s->recs[i]->k && k < j.nkinds; k++)
			if (s->recs[i]->k == fr_kinds[k]) {
				of[i] = (unsigned char)k;
				cnt[k]++;
				break;
			}
	}
	for (k = 0; k < j.nkinds; k++) {
		s->bykind[k] = fr_xcalloc(cnt[k] + 1, sizeof(*s->bykind[k]));
		j.idx[k] = fr_xcalloc(cnt[k] + 1, sizeof(*j.idx[k]));
	}
	for (i = 0; i < s->n; i++)
		if (of[i] != 255) {
			k = of[i];
			j.idx[k][s->nbykind[k]] = i;
			s->bykind[k][s->nbykind[k]++] = s->recs[i];
		}
	free(of);
	/* the biggest kinds first, so that the last one to finish is a small one */
	for (a = 1; a < j.nkinds; a++)
		for (b = a; b > 0 && cnt[j.order[b]] > cnt[j.order[b - 1]]; b--) {
			int x = j.order[b];
			j.order[b] = j.order[b - 1];
			j.order[b - 1] = x;
		}
	j.diags = fr_xcalloc((size_t)j.nkinds + 1, sizeof(*j.diags));
	if (nt > FR_ARRAY_LEN(tid) + 1)
		nt = FR_ARRAY_LEN(tid) + 1;
	for (t = 1; t < nt; t++) {
		int e = pthread_create(&tid[t - 1], NULL, kinds_worker, &j);
		started[t - 1] = e == 0;
		if (e)
			fr_thread_failed(FR_THREADS_CHECK, e);
	}
	kinds_worker(&j);
	for (t = 1; t < nt; t++)
		if (started[t - 1])
			pthread_join(tid[t - 1], NULL);
	for (k = 0; k < j.nkinds; k++) {
		fr_diags_move(proto->diags, &j.diags[k]);
		free(j.idx[k]);
	}
	free(j.diags);
	pthread_mutex_destroy(&j.lock);
	return j.broken ? -1 : 0;
}

size_t fr_set_check(fr_set **out, const fr_files *files, const fr_config *cfg,
		    const fr_schemas *schemas, int today, fr_diags *d)
{
	static const fr_check_opts trees = { 0, 0, NULL, NULL, NULL, NULL };
	/* with neither option the files are only read */
	return fr_set_check_opts(out, (fr_files *)files, cfg, schemas, today, d, &trees);
}

size_t fr_set_check_opts(fr_set **out, fr_files *files, const fr_config *cfg,
			 const fr_schemas *schemas, int today, fr_diags *d, const fr_check_opts *o)
{
	fr_set *s = fr_xcalloc(1, sizeof(*s));
	fr_diags all = FR_DIAGS_INIT;
	struct by_path bp;
	fr_ctx c;
	size_t i, j, errors = 0;
	fr_cache *cache = o->facts_only ? o->cache : NULL;

	s->cfg = cfg;
	s->schemas = schemas;
	s->today = today;
	s->recs = fr_xcalloc(files->n + 1, sizeof(*s->recs));
	c.cfg = cfg;
	c.set = s;
	c.diags = &all;
	c.today = today;
	c.today_read = NULL;
	if (cache) {
		s->oids = fr_xcalloc(files->n + 1, sizeof(*s->oids));
		s->entry = fr_xmalloc((files->n + 1) * sizeof(*s->entry));
		for (i = 0; i <= files->n; i++)
			s->entry[i] = -1;
	}

	/* record i is file i; the per-record checks run on every core, then the kinds */
	check_records(s, files, &c, o);
	s->n = files->n;
	if (check_kinds(s, &c, cache)) {
		/* a damaged cache (its checksum held, its facts did not decode): said, dropped,
		 * and the whole check again without it */
		fr_diags_free(&all);
		fr_set_free(s);
		fr_cache_reset(cache);
		return fr_set_check_opts(out, files, cfg, schemas, today, d, o);
	}

	bp.s = s;
	bp.order = fr_xmalloc((s->n + 1) * sizeof(*bp.order));
	for (i = 0; i < s->n; i++)
		bp.order[i] = i;
	for (i = 1; i < s->n && cmp_order(&bp.order[i - 1], &bp.order[i], s) <= 0; i++)
		; /* the files come sorted nearly always: a check is cheaper than qsort's n log n */
	if (i < s->n)
		qsort_r(bp.order, s->n, sizeof(*bp.order), cmp_order, s);

	/* the team's severities, the handbook's words, and only the files asked about */
	for (i = j = 0; i < all.n; i++) {
		fr_diag *g = &all.v[i];
		const fr_rule_info *ri = g->rule[0] ? fr_rule_find(g->rule) : NULL;
		long at = find_record(&bp, g->path);
		if (ri)
			g->sev = fr_config_severity(cfg, g->rule);
		if (at >= 0 && g->sev == FR_SEV_ERROR)
			s->recs[at]->valid = 0;
		if (g->sev == FR_SEV_OFF || at < 0 || !files->v[at].selected) {
			free(g->path);
			free(g->msg);
			continue;
		}
		if (ri && ri->quote) {
			const char *form = _("%s (handbook: 「%s」)");
			char *m = fr_xmalloc(strlen(g->msg) + strlen(ri->quote) + strlen(form) + 1);
			sprintf(m, form, g->msg, ri->quote);
			free(g->msg);
			g->msg = m;
		}
		all.v[j++] = *g;
	}
	all.n = j;
	free(bp.order);
	errors = fr_diags_count(&all, FR_SEV_ERROR);
	fr_diags_move(d, &all);
	*out = s;
	return errors;
}

const fr_node *fr_set_facts(const fr_set *s, size_t i, fr_cache *cache, fr_arena *a)
{
	const fr_record *r = s->recs[i];
	fr_node *fm;
	int bad = 0;
	if (r->fm || !cache || !s->entry || s->entry[i] < 0 || !r->k)
		return r->fm;
	fm = fr_cache_facts(cache, s->entry[i], a, NULL, &bad);
	return bad || !fr_streq(fr_map_str(fm, "kind"), r->k->name) ? NULL : fm;
}

void fr_set_free(fr_set *s)
{
	size_t i;
	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		fr_record_free(s->recs[i]);
	for (i = 0; i < FR_ARRAY_LEN(s->bykind); i++)
		free(s->bykind[i]);
	for (i = 0; i < s->nfacts; i++)
		fr_arena_free(s->facts[i]);
	for (i = 0; i < FR_ARRAY_LEN(s->kfacts); i++)
		if (s->kfacts[i])
			fr_arena_free(s->kfacts[i]);
	free(s->oids);
	free(s->entry);
	free(s->recs);
	free(s);
}
