/* The `?` overlay: the keys of the view on screen under its headings, then the generic ones
 * under "General", all read from the key tables themselves, so it cannot drift from the keys. */
#ifndef BUDU_HELP_H
#define BUDU_HELP_H

#include <curses.h>

#include "view.h"

/* Draws the help over the screen, starting at line `scroll` of its text. Returns the number of
 * text lines, so the caller can clamp scrolling. */
int help_draw(WINDOW *w, struct view *v, int scroll);

#endif
