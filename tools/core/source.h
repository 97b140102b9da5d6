/* source.h - the files of a snapshot: where records come from before they are parsed
 *
 * A snapshot is a list of (path, bytes): the working tree, the git index, or a commit's tree
 * (repo.h fills it from git). Paths are relative to the repository root, '/'-separated.
 */
#ifndef FR_SOURCE_H
#define FR_SOURCE_H

#include <stddef.h>

#include "diag.h"

#include <stdint.h>

/* The stat data a working-tree file is recognised by (all 0: unknown, never matches). */
typedef struct fr_stat {
	int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns, ino;
} fr_stat;

struct stat;
fr_stat fr_stat_of(const struct stat *st);

typedef struct fr_file {
	char *path;         /* relative to the root, or as the user gave it */
	char *data;         /* NUL-terminated */
	size_t len;
	char oid[41];       /* git blob id when known, else "" (the road map's cache key) */
	int selected;       /* 1: report its diagnostics (files the user named, or all) */
	fr_stat st;         /* of the working-tree file when read from one, else all 0 */
	long centry;        /* 1 + the cache's entry its stat data matched (the walk's), else 0 */
	int xfile;          /* 1: found no record to read when read (an X-FILE error): not counted */
	int typed;          /* 1: its folder entry said "regular file" and it was not stat'ed (the
	                     * walk of a cold run): the reader takes fstat's data */
} fr_file;

typedef struct fr_files {
	fr_file *v;
	size_t n, cap;
} fr_files;

#define FR_FILES_INIT { NULL, 0, 0 }

/* Append a file; path and data are copied. */
fr_file *fr_files_add(fr_files *fs, const char *path, const char *data, size_t len);
void fr_files_sort(fr_files *fs);    /* by path */
void fr_files_free(fr_files *fs);
/* The file of that path, or NULL. */
fr_file *fr_files_find(const fr_files *fs, const char *path);

/* Every *.md file under root/records (recursively), path relative to root
 * ("records/weekly/2026-W10.md"). A missing records/ folder is no error. A symbolic link
 * (records/ itself or anything under it), a FIFO or device named *.md, or a file over
 * FR_MAX_RECORD_BYTES is never opened or followed: it is an X-FILE error at its line 1 and the
 * other files are still read. Unreadable files are diagnostics; returns 0, or -1 when
 * something could not be read (a permission, an I/O error). */
int fr_files_from_dir(fr_files *fs, const char *root, fr_diags *d);
/* The same, but no file is read: each has data NULL, len its size and its stat data, and oid
 * the cache's when the cache (may be NULL) knows those stat data; fr_set_check_opts reads a
 * file when it needs it, on its threads. A link, a FIFO or device, or a file over the limit is
 * the same X-FILE error, by its stat data. */
struct fr_cache;
int fr_files_from_dir_cached(fr_files *fs, const char *root, fr_diags *d,
			     const struct fr_cache *cache);

/* The X-FILE diagnostic of path at line 1 for an errno of fr_read_file_at: ELOOP (a symbolic
 * link), ESPIPE (not a regular file), EFBIG (size bytes, over FR_MAX_RECORD_BYTES), else
 * strerror's. */
void fr_diag_file(fr_diags *d, const char *path, int e, size_t size);

#endif
