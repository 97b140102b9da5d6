/* hooksum.h - the pre-commit hook's summaries of the snapshots it checked
 *
 * A summary says of one snapshot (a git tree of the team's folder, under the cache's key and
 * today: its id, made by hook.c) how many errors its whole check has, and of each of its
 * records, in path order, what a change's neighbourhood is made of (fr_rdesc). The hook keeps
 * the summary of the snapshot it checked, which becomes HEAD, so that the next commit's hook
 * checks only the neighbourhood of its change (see hook.c, "only the touched kinds").
 *
 * One file per snapshot, DIR/hook-ID (DIR: GITDIR/flowrec, ID: 40 hex digits), written
 * through a temporary file and a rename; the two most recent are kept. Format FRHOOK4, in
 * this machine's byte order (the file never leaves the repository's .git):
 *     "FRHOOK4\n"   the id (20 bytes)   n (uint32)   errors (uint64)          40 bytes
 *     n records' fr_rdesc, 24 bytes each, as they are in memory
 *     fr_hash64 of the 40 bytes, chained over the records (uint64)
 * A file that is missing, short, of another format or id, or whose checksum or descriptions
 * are wrong is no summary: it only ever spares work, so nothing is said and the hook checks
 * both snapshots whole. Nothing here prints.
 */
#ifndef FR_HOOKSUM_H
#define FR_HOOKSUM_H

#include <stddef.h>
#include <stdint.h>

#define FR_HOOKSUM_KEEP 2       /* the last snapshot checked (the next HEAD), and HEAD */
#define FR_HOOKSUM_HEAD 40      /* magic, id, record count, error count */
#define FR_RDESC_NONE 255       /* fr_rdesc.kind of a record of no kind */

/* What the neighbourhood of a change is made of: of a record, its kind, the hash of its
 * X-UNIQUE key and its kind's scope (fr_kind.scope: owner and unit). 24 bytes, no padding:
 * the summary of 100,000 records is mapped and written whole. */
typedef struct fr_rdesc {
	unsigned char kind;        /* index in fr_kinds, FR_RDESC_NONE */
	unsigned char scoped;      /* 1: owner and unit hold its scope */
	uint16_t zero;             /* 0 (no padding of unknown value reaches the file) */
	int32_t unit;
	uint64_t key;              /* hash of its key text, 0: none (no X-UNIQUE) */
	uint64_t owner;            /* hash of its scope's owner */
} fr_rdesc;

typedef struct fr_hooksum {
	unsigned char id[20];
	uint64_t errors;           /* every error of the snapshot's whole check */
	uint32_t n;                /* its records, in path order */
	const fr_rdesc *desc;      /* each one's: into the mapped file, or owned (NULL: known
				    * to be missing) */
	void *map;                 /* private: the file's mapping, or the owned descriptions */
	size_t mapsize;            /* 0: map is owned heap memory */
	int dirty;                 /* to be written */
} fr_hooksum;

/* The summaries one run read or made. */
typedef struct fr_hooksums {
	char *dir;                 /* DIR, or NULL: no files are read or written */
	size_t nkinds;             /* a description's kind is below this, or FR_RDESC_NONE */
	fr_hooksum v[FR_HOOKSUM_KEEP];
	size_t n;
} fr_hooksums;

/* Start with none; dir (copied) may be NULL. */
void fr_hooksums_init(fr_hooksums *s, const char *dir, size_t nkinds);
void fr_hooksums_free(fr_hooksums *s);
/* The summary of id: this run's, else its file's (read once); NULL when there is none. */
const fr_hooksum *fr_hooksums_find(fr_hooksums *s, const unsigned char id[20]);
/* Keep the summary of id (n descriptions desc, heap: taken, freed here), to be written
 * unless its file says the same. The oldest kept goes when there is no room. */
void fr_hooksums_put(fr_hooksums *s, const unsigned char id[20], uint64_t errors, size_t n,
		     fr_rdesc *desc);
/* Write the summaries made; remove the files of the others (older snapshots) and an older
 * format's DIR/hook. A failure only costs the next run. */
void fr_hooksums_write(fr_hooksums *s);

/* The summary of id in a file's bytes (data[0..len), kept by the caller while x is used):
 * 0 with x->desc pointing into data; -1 when they are not one (x cleared). */
int fr_hooksum_parse(fr_hooksum *x, const void *data, size_t len, const unsigned char id[20],
		     size_t nkinds);

#endif
