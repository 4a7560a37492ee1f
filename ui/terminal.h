/* The terminal: set up curses, fall back when TERM is unknown, restore it on every exit path. */
#ifndef BUDU_TERMINAL_H
#define BUDU_TERMINAL_H

#include <stdbool.h>

/* Starts curses on stdin/stdout. Returns false with a translated message in *err when there is
 * no terminal. When TERM names no terminfo entry, a fallback is used and *note says which
 * (caller frees; NULL when none). */
bool term_start(char **note, char **err);
/* Leaves curses; safe to call twice and from the out-of-memory hook. */
void term_stop(void);
bool term_has_colors(void);

#endif
