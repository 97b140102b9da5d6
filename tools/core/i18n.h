/* i18n.h - every user-facing string goes through _() so it can be translated (gettext)
 *
 * Mark a string with _("...") where it is used, or N_("...") where it sits in a table and is
 * translated later with _(table[i].text); Q_(singular, plural, n) picks the plural form.
 * Catalogs are GNU .mo files of the text domain "flowrec" (po/LANG.po, compiled by the build),
 * read by flowrec itself, not by the C library: the language needs no generated system locale
 * (a machine with only C.UTF-8 speaks Chinese as well). They are looked up in
 * $FLOWREC_LOCALEDIR, next to the binary (build/locale, ../share/locale), in the installed
 * LOCALEDIR, and last in the copy compiled into the binary. Without one the English is used.
 *
 * The language, strongest first: --lang (any command), the environment (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG: the first that names a language; C and POSIX name none), the team's
 * `locale` in flowrec.yaml, English.
 */
#ifndef FR_I18N_H
#define FR_I18N_H

const char *fr_gettext(const char *msgid) __attribute__((format_arg(1)));
const char *fr_ngettext(const char *singular, const char *plural, unsigned long n)
	__attribute__((format_arg(1), format_arg(2)));

/* Who chose the language; a weaker source never overrides a stronger one. */
enum fr_lang_source { FR_LANG_DEFAULT, FR_LANG_TEAM, FR_LANG_ENV, FR_LANG_CLI };

/* Once, first thing in main: remove "--lang X" / "--lang=X" from argv (anywhere before a
 * "--"), then take the language from it or from the environment. Returns 0, or -1 when --lang
 * names no language flowrec speaks or has no value (*bad: the value, or "" when missing). */
int fr_i18n_init(int *argc, char **argv, const char **bad);
/* Switch to lang ("zh-CN", "zh_CN.UTF-8", "en", ...) as chosen by src, unless a stronger
 * source chose already. Returns 0, or -1 when lang names no language flowrec speaks (nothing
 * changes then). */
int fr_i18n_set(const char *lang, enum fr_lang_source src);
/* The language messages are in: "zh-CN" or "en". */
const char *fr_i18n_lang(void);
enum fr_lang_source fr_i18n_source(void);
/* The language of a document of the team (report, site): --lang's, else the team's locale,
 * never the environment's, so that a repository gives the same bytes on every machine. */
const char *fr_i18n_doc_lang(const char *team_locale);
/* "zh-CN" or "en" for a language tag or locale name; NULL when it names none flowrec speaks. */
const char *fr_i18n_canon(const char *lang);

#define _(s) fr_gettext(s)
#define N_(s) (s)
#define Q_(s, p, n) fr_ngettext(s, p, n)

#endif
