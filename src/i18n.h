/* Translation macros: _() translates now, N_() marks a string in a static table
 * for extraction and is translated with _() where it is shown. */
#ifndef BUDU_I18N_H
#define BUDU_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) ((const char *)(s))
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
