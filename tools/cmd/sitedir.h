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

#define FR_SITE_MARKER ".flowrec-site"

/* May render replace dir (for the team at team_root)? 1: it exists and may; 0: it does not
 * exist; -1: it must not be touched (a one-line message printed, saying why). */
int fr_sitedir_check(const char *dir, const char *team_root);
/* Write dir/.flowrec-site: the header and "BLOBID PATH" for every file under dir. 0 or -1. */
int fr_sitedir_seal(const char *dir);
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
