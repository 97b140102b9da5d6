/* sitedir.h - the site's folder: what render may replace, its manifest, its leftovers, and
 * page names that cannot collide
 *
 * render writes a new folder beside DIR and swaps it in. It replaces DIR only when it can
 * prove it wrote everything in it: the marker .flowrec-site lists every file render wrote with
 * its git blob id (SHA-1), and every file in DIR must be listed with that id. A folder that
 * holds .git or flowrec.yaml, the team's folder or one above it, or a folder in the team's
 * records/ is never replaced, whatever marker it has.
 */
#ifndef FR_SITEDIR_H
#define FR_SITEDIR_H

#include "buf.h"

#include <sys/stat.h>
#include <time.h>

#define FR_SITE_MARKER ".flowrec-site"

/* A file of a site: its path under the folder ("records/a.html"), its git blob id, and, for a
 * file found in an existing site, what lstat said of it before it was read and hashed. */
typedef struct fr_site_file {
	char *path;
	char id[41];
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
} fr_site_file;

/* The files of a site, sorted by path (strcmp) once listed or sealed. */
typedef struct fr_site_files {
	fr_site_file *v;
	size_t n, cap;
} fr_site_files;

#define FR_SITE_FILES_INIT { NULL, 0, 0 }

/* May render replace dir (for the team at team_root)? 1: it exists and may; 0: it does not
 * exist; -1: it must not be touched (a one-line message printed, saying why). When it returns
 * 1 and old is not NULL, *old holds every file of the folder (but the marker) with the blob id
 * of its content, as hashed to prove the folder is render's (the caller frees it). */
int fr_sitedir_check(const char *dir, const char *team_root, fr_site_files *old);
/* Append path with the blob id of its content (the caller wrote it into the site). */
void fr_site_files_add(fr_site_files *l, const char *path, const char id[41]);
/* The file at path in l (sorted), or NULL. */
const fr_site_file *fr_site_files_find(const fr_site_files *l, const char *path);
void fr_site_files_free(fr_site_files *l);
/* Write dir/.flowrec-site: the header and "BLOBID PATH" for every file under dir. 0 or -1. */
int fr_sitedir_seal(const char *dir);
/* The same from the files render wrote into dir (written: sorted here), without reading them
 * back: the caller knows written lists every file it put there. When the marker of old_dir
 * (not NULL: the site being replaced) holds those very bytes, dir's is a hard link to it (read
 * back through the link before it is trusted). 0 or -1. */
int fr_sitedir_seal_files(const char *dir, fr_site_files *written, const char *old_dir);
/* Write the marker of a folder being written (no manifest yet). 0 or -1. */
int fr_sitedir_begin(const char *dir);
/* Remove what an interrupted render left beside dir (DIR.tmp-XXXXXX, DIR.old-XXXXXX): only
 * folders that are provably flowrec's (a manifest that holds, or a folder still being written
 * that holds nothing but pages). */
void fr_sitedir_clean_leftovers(const char *dir);

/* Append one part of a record's path as a page path part, injectively: bytes other than
 * letters, digits, '.', '_', '-' and UTF-8 pass as "~XX" ('~' itself too), a leading '.' as
 * "~2E"; a folder part never ends in ".html" (its last '.' then "~2E"), so no page can be a
 * folder's name; a part longer than 200 bytes is cut and ends in "~~" and 16 hex digits of its
 * SHA-1. */
void fr_site_path_part(fr_buf *b, const char *part, size_t n, int is_folder);

#endif
