/* i18n.c - the one function every user-facing string passes through */
#include "i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>

#define FR_DOMAIN "flowrec"

const char *fr_gettext(const char *msgid)
{
	return dgettext(FR_DOMAIN, msgid);
}

void fr_i18n_init(void)
{
	const char *dir = getenv("FLOWREC_LOCALEDIR");
	setlocale(LC_ALL, "");
	/* Numbers are written in the C locale whatever the user's locale: outputs are contracts. */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(FR_DOMAIN, dir ? dir : "/usr/share/locale");
	bind_textdomain_codeset(FR_DOMAIN, "UTF-8");
}
