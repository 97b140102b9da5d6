/* cache.h - what `check` learnt of each record, kept between runs under .git/flowrec/
 *
 * One entry per (path, git blob id): the record's own diagnostics (parse, schema, X-, kind
 * rules), its kind and its facts (the pruned tree the cross-record rules read), plus the stat
 * data of the working-tree file it was read from, so that an unchanged file is neither read
 * nor hashed. And kind results: one kind's cross-record diagnostics under the hash of its
 * records' (path, blob id) list, so that a kind none of whose records changed is neither
 * decoded nor checked again. The whole file is keyed by flowrec's build, the locale and the
 * team (hashes of flowrec.yaml and the schemas); another key means an empty cache. Entries
 * and results whose rules looked at "today" are only used on the same today.
 *
 * The file (cache.c has the byte layout): a header, a body, then a journal of chunks appended
 * by later runs. The body and each chunk are a region: the entries' data (their own
 * diagnostics and facts), then a directory (one fixed-size record per entry: path, blob id,
 * stat data, kind, flags, diagnostics count, where its data is and its checksum; the kind
 * results). A run maps the file and checks the directories only (their checksums); it finds
 * the body's entries by their order (the walk's), the journal's by a hash of their path, and
 * reads an entry's data, checked first, only when it needs its diagnostics or its facts (its
 * kind's result is missing). A run that adds little appends one chunk (under flock, only to
 * the very file it read); otherwise it writes the whole file to a temporary name and renames
 * it, so two runs at once each see a complete file. A bad checksum in the header or the body's
 * directory, a wrong size or any inconsistency is a warning and an empty cache, never
 * trusted; an entry whose data does not check is read from its file again (its facts: a
 * warning and the whole check again without the cache); a journal chunk cut short (an
 * interrupted append) or damaged is ignored with everything after it, and the next write
 * compacts the file.
 */
#ifndef FR_CACHE_H
#define FR_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "node.h"
#include "record.h"
#include "source.h"

typedef struct fr_cache fr_cache;

/* A key for the whole cache: 20 bytes from the team's hash (fr_team.hash) and what else the
 * diagnostics depend on (this binary, the message language). */
void fr_cache_key(unsigned char key[20], const unsigned char team[20]);

/* The team's hash for fr_cache_key: flowrec.yaml's text (cfg NULL: none) and the schemas/
 * files among files (sorted by path; other paths are skipped), as the working tree or a
 * snapshot has them: the same files give the same hash. */
void fr_cache_team_hash(unsigned char out[20], const char *cfg, size_t len, const fr_files *files);

/* The cache at dir/cache for key: its entries when the file is there, valid and of this key,
 * else none (a damaged file is a warning on stderr). NULL dir: a cache that is never written.
 * Never NULL. */
fr_cache *fr_cache_open(const char *dir, const unsigned char key[20]);
void fr_cache_free(fr_cache *c);
/* How many records the cache knows (0 for NULL): with none, no stat data can match. */
size_t fr_cache_entries(const fr_cache *c);
/* 1 when c was opened for key. */
int fr_cache_has_key(const fr_cache *c, const unsigned char key[20]);

/* 1 and the blob id (hex) of path's entry whose stat data match st in out and that entry in
 * *entry (for fr_cache_find_at), else 0 and -1. *hint: (size_t)-1 at first, then kept from
 * call to call: paths looked up in path order (the walk's) are found without a search. */
int fr_cache_oid_by_stat(const fr_cache *c, const char *path, const fr_stat *st, char out[41],
			 size_t *hint, long *entry);

/* The entry of (path, oid hex), -1 when none; used on today only if its rules did not read
 * the date or read the same one. fr_cache_find_at: the same, trying entry hint first (the
 * walk's, fr_file.centry - 1; -1: none). */
long fr_cache_find(const fr_cache *c, const char *path, const char *oid, int today);
long fr_cache_find_at(const fr_cache *c, long hint, const char *path, const char *oid, int today);

/* The record of entry e without its facts (fm NULL: fr_cache_facts gives them when they are
 * needed): path, length, body line; its own diagnostics appended to d under path; *kind the
 * index in fr_kinds of its kind as it was kept (255: none), *approvals 1 when its facts hold
 * approvals. NULL when the entry cannot be read (then nothing is appended). */
fr_record *fr_cache_stub(const fr_cache *c, long e, fr_arena *a, const char *path, fr_diags *d,
			 int *kind, int *approvals);
/* The facts of entry e copied into a (keys and short strings shared through tab when not
 * NULL, as fr_node_prune_shared): NULL when it has none; *bad 1 (and NULL) when they do not
 * decode. Thread-safe. */
fr_node *fr_cache_facts(const fr_cache *c, long e, fr_arena *a, fr_strtab *tab, int *bad);

/* Kind results: a kind's cross-record diagnostics (engine.c, check_kind) kept under a key that
 * says all they depend on but today. fr_cache_result_key: the key of list[0..len) (what the
 * caller says the result depends on) under this cache's key. fr_cache_result: 1 and the
 * diagnostics appended to d when the cache has key's result for today (a result whose rules
 * did not read today serves every day), and the next file keeps it; else 0.
 * fr_cache_put_result: key's result for the next file; today_read: its rules read today.
 * Both thread-safe. */
void fr_cache_result_key(const fr_cache *c, const void *list, size_t len, unsigned char out[20]);
int fr_cache_result(fr_cache *c, const unsigned char key[20], int today, fr_diags *d);
void fr_cache_put_result(fr_cache *c, const unsigned char key[20], int today_read, int today,
			 const fr_diag *d, size_t n);

/* The cache turned out damaged after all (an entry whose facts do not decode): a warning,
 * and from now on an empty cache (entries, results and slots dropped). */
void fr_cache_reset(fr_cache *c);

/* Entries of the next file (thread-safe only per slot: the caller gives each record a slot).
 * fr_cache_keep: entry e is written again as it is. fr_cache_put: a new entry from a record
 * as kept (facts), its kind's index in fr_kinds (-1: none), whether its facts hold approvals
 * and its own diagnostics d[0..n) (copied). today_read: its rules read
 * `today`. r and its facts are serialised by fr_cache_write: they must live until then. */
size_t fr_cache_reserve(fr_cache *c, size_t nslots); /* the first of nslots new slots */
void fr_cache_keep(fr_cache *c, size_t slot, long e, const fr_stat *st);
void fr_cache_put(fr_cache *c, size_t slot, const char *path, const char *oid,
		  const fr_stat *st, const fr_record *r, int kind, int approvals,
		  const fr_diag *d, size_t n, int today_read, int today);

/* Write the slots' entries (sorted) and this run's kind results to dir/cache through a temporary file and a rename.
 * Returns 0, or -1 (a warning on stderr: the check itself is not affected). */
int fr_cache_write(fr_cache *c);
/* The same, but a valid file is only ever appended to: when it is due for compaction nothing
 * is written (no file, or a damaged one, is written whole from this run's entries). For a run
 * that saw only part of the records (the hooks' touched kinds), whose compacted file would
 * drop the rest. */
int fr_cache_append(fr_cache *c);

/* The blob id git gives data ("blob LEN\0" + data, SHA-1) in hex. */
void fr_blob_oid(const char *data, size_t len, char out[41]);

#endif
