/* The `?` overlay: every key of the keymap table with what it does. */
#ifndef BUDU_HELP_H
#define BUDU_HELP_H

#include <curses.h>

#include "keymap.h"

/* Draws the help over the screen, starting at line `scroll` of its text. Returns the number of
 * text lines, so the caller can clamp scrolling. */
int help_draw(WINDOW *w, const struct keymap_chain *chain, int scroll);

#endif
