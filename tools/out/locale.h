/* locale.h - the labels of the HTML site in the team's locale (zh-CN or en)
 *
 * The team's `locale` in flowrec.yaml decides, never the reader's environment: one repository
 * renders to the same bytes on every machine. Keys are the English labels; an English team
 * sees the key itself, a zh-CN team the Chinese label (or the key when there is none).
 */
#ifndef FR_LOCALE_H
#define FR_LOCALE_H

/* The one table of labels for report and the site. For "zh-CN" the built-in Chinese label
 * (else the message catalog's, _()); for "en" the English, never a catalog's, so a document's
 * language is the one asked for whatever the messages speak. Returns a static string; NULL
 * gives "". */
const char *fr_label(const char *locale, const char *en);
/* The same, under the name the site's code uses. */
const char *fr_site_label(const char *locale, const char *en);
/* The html lang attribute for a team locale: "zh-CN" or "en". */
const char *fr_site_lang(const char *locale);
/* The name of a record kind ("weekly-meeting": 周例会纪要 / Weekly meeting); the kind itself
 * when unknown. */
const char *fr_site_kind_title(const char *locale, const char *kind);

#endif
