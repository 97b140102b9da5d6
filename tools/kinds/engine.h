/* engine.h - run every check over a snapshot of records
 *
 * source files -> records (front-matter, YAML) -> X- rules + schema + kind rules -> the
 * cross-record rules of each kind -> diagnostics. The set keeps the parsed records so that
 * report, due and render compute figures without parsing again.
 */
#ifndef FR_ENGINE_H
#define FR_ENGINE_H

#include "config.h"
#include "diag.h"
#include "kind.h"
#include "record.h"
#include "schemas.h"
#include "source.h"

typedef struct fr_set {
	fr_record **recs;          /* every record, in path order */
	size_t n;
	const fr_config *cfg;      /* borrowed */
	const fr_schemas *schemas; /* borrowed */
	int today;
	/* per kind (index in fr_kinds), the records of that kind in path order */
	const fr_record **bykind[16];
	size_t nbykind[16];
	fr_arena *facts[64];       /* facts_only: the arenas of the kept records, one a thread */
	size_t nfacts;
	size_t unreadable;         /* files it had to read and could not (each a diagnostic) */
	/* with a cache (facts_only): each record's blob id (hex, "" when unknown) and its cache
	 * entry while its facts are still there (fm NULL: the record is a stub, its kind's result
	 * came from the cache), else -1; the facts decoded for the kinds that missed, one arena
	 * a kind; how many stubs hold approvals (fr_history_forgeable) */
	char (*oids)[41];
	long *entry;
	fr_arena *kfacts[16];
	size_t lazy_approvals;
} fr_set;

/* How fr_set_check_opts works. */
typedef struct fr_check_opts {
	/* keep of each record only what the cross-record rules read (fr_kind.facts): the
	 * diagnostics are the same, the memory a fraction; no figures or bodies afterwards
	 * (check and the hooks, not report, due or render) */
	int facts_only;
	/* free each file's data once parsed (f->data NULL afterwards) */
	int drop_sources;
	/* with facts_only: the records' own diagnostics and facts from here when their blob id
	 * (f->oid, else the hash of f->data) is in it, and the next cache (fr_cache_write, by
	 * the caller) of this run's; NULL: none. A file with data NULL is read from root/path. */
	struct fr_cache *cache;
	const char *root;
	/* when set, how a file with data NULL is read instead of from root/path (a snapshot's
	 * blob): 0, or nonzero with the reason in d; called from any thread */
	int (*load)(void *ud, fr_file *f, fr_diags *d);
	void *load_ud;
} fr_check_opts;

/* Parse every file and run every check. Diagnostics of the files marked selected are
 * appended to d, severities as the team set them, handbook words appended. *out (owned,
 * fr_set_free) always receives the set. Returns the number of errors found in d. */
size_t fr_set_check(fr_set **out, const fr_files *files, const fr_config *cfg,
		    const fr_schemas *schemas, int today, fr_diags *d);
/* The same with options; fr_set_check is it with none (whole trees, files untouched). */
size_t fr_set_check_opts(fr_set **out, fr_files *files, const fr_config *cfg,
			 const fr_schemas *schemas, int today, fr_diags *d, const fr_check_opts *o);
void fr_set_free(fr_set *s);

/* The records of one kind, in path order (borrowed); *n their count. */
const fr_record *const *fr_set_kind(const fr_set *s, const char *kind, size_t *n);

/* The figures of one record (a mapping from a), or NULL when its kind has none. */
fr_node *fr_set_figures(const fr_set *s, const fr_record *r, fr_arena *a);

/* Record i's facts: its fm after a facts_only check, else, when the record is a stub (its
 * kind's result came from cache: fm NULL), decoded from cache into a (the caller's, for as
 * long as it needs them: the record stays a stub); NULL when it has none or they do not
 * decode. Thread-safe. */
const fr_node *fr_set_facts(const fr_set *s, size_t i, struct fr_cache *cache, fr_arena *a);

/* X-UNIQUE's key of record r (of a kind) as text: its key fields joined by ", ", "" when one
 * is missing (X-UNIQUE compares no such record). */
void fr_record_key(const fr_record *r, char *out, size_t size);

#endif
