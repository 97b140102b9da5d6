/* i18n.h - every user-facing string goes through _() so it can be translated (gettext)
 *
 * Mark a string with _("...") where it is used, or N_("...") where it sits in a table and is
 * translated later with _(table[i].text). The text domain is "flowrec"; catalogs are looked up
 * under FLOWREC_LOCALEDIR (default /usr/share/locale). Without a catalog the English text is used.
 */
#ifndef FR_I18N_H
#define FR_I18N_H

const char *fr_gettext(const char *msgid);
/* Set up the message catalog from the environment (LANG / LC_ALL); main calls it once. */
void fr_i18n_init(void);

#define _(s) fr_gettext(s)
#define N_(s) (s)

#endif
