/* gitindex.h - a reader of git's index file (.git/index), versions 2, 3 and 4, and of its
 * cache-tree (the TREE extension)
 *
 * It exists so the pre-commit hook can list the staged snapshot and the staged change without
 * loading the index through libgit2 (see repo.c). It reads exactly what git's
 * Documentation/gitformat-index.txt describes and refuses everything else: an index it cannot
 * read exactly (a split index's "link" extension, a sparse index's "sdir" extension or
 * directory entries, unmerged entries, intent-to-add entries, another required extension --
 * one whose name starts with a lowercase letter --, entries out of order, odd modes or paths)
 * is "unsupported", and the caller uses libgit2 instead. A wrong answer is never given in
 * place of "unsupported". The trailing checksum is not verified, as git itself does not
 * verify it when it reads the index (git fsck does). Nothing here prints.
 */
#ifndef FR_GITINDEX_H
#define FR_GITINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* fr_gitindex_entry.flags */
#define FR_GITINDEX_ASSUME_VALID  0x1
#define FR_GITINDEX_SKIP_WORKTREE 0x2

typedef struct fr_gitindex_entry {
	const char *path;          /* full path from the repository's top, NUL-terminated */
	size_t len;                /* strlen(path) */
	uint32_t mode;             /* 0100644, 0100755, 0120000 or 0160000 */
	unsigned char oid[20];     /* the blob (or, for 0160000, the commit) */
	uint32_t size;             /* the file's size as git last saw it (the stat data's only
				    * field kept: 100,000 entries are read on every commit) */
	unsigned flags;            /* FR_GITINDEX_* */
} fr_gitindex_entry;

/* One directory of the cache-tree, in git's order (preorder: a directory, then its nsub
 * subdirectories each followed by its own). */
typedef struct fr_gitindex_tree {
	const char *name;          /* the directory's own name ("" for the top), not terminated */
	size_t len;
	long count;                /* index entries under it; -1: invalid (oid unset) */
	size_t nsub;               /* its subdirectories */
	size_t span;               /* nodes of its whole subtree, itself included */
	unsigned char oid[20];     /* its tree when count >= 0 */
} fr_gitindex_tree;

typedef struct fr_gitindex {
	unsigned version;
	fr_gitindex_entry *v;      /* sorted by path (byte order), one stage-0 entry per path */
	size_t n;
	fr_gitindex_tree *tree;    /* the cache-tree; ntree 0 when the index has none */
	size_t ntree;
	void *map;                 /* private */
	size_t mapsize;
	char *paths;
} fr_gitindex;

/* Read the index file at path. Returns 0 with *out (fr_gitindex_free); 1 when the file is
 * not one this reader handles exactly (err says why, in English: a reason for tests, not a
 * message for users); -1 when the file cannot be read (err). */
int fr_gitindex_read(fr_gitindex **out, const char *path, fr_error *err);

/* The same from bytes in memory; the result points into data, which must outlive it. */
int fr_gitindex_parse(fr_gitindex **out, const void *data, size_t len, fr_error *err);

void fr_gitindex_free(fr_gitindex *ix);

/* The entries whose path starts with dir (dir "" or "a/b/"): [*lo, *hi) of ix->v. */
void fr_gitindex_range(const fr_gitindex *ix, const char *dir, size_t dlen, size_t *lo,
		       size_t *hi);

#endif
