/* The terminal: set up curses, fall back when TERM is unknown, restore it on every exit path. */
#ifndef BUDU_TERMINAL_H
#define BUDU_TERMINAL_H

#include <stdbool.h>

/* Starts curses on stdin/stdout. Returns false with a translated message in *err when there is
 * no terminal, or one that cannot place the cursor (TERM=dumb). When TERM names no terminfo
 * entry, a fallback is used and *note says which (caller frees; NULL when none). */
bool term_start(char **note, char **err);
/* Leaves curses; safe to call twice and from the out-of-memory hook. Without an alternate
 * screen (TERM=linux, vt100) it clears the last frame. */
void term_stop(void);
/* From term_start on, SIGTERM, SIGHUP, SIGQUIT and the fatal signals (SIGSEGV, SIGABRT...)
 * give the terminal back before they end budu as they would have; SIGINT (Ctrl-C) ends
 * nothing: each makes this descriptor readable, for the loop to ask as q does. -1 when none. */
int term_interrupt_fd(void);
/* Takes the pending Ctrl-Cs and returns how many (0 when none). */
int term_interrupts(void);
bool term_has_colors(void);
/* The screen's height: LINES once term_start ran; before, what it will be (the LINES variable,
 * else the terminal's size), 24 if neither says. */
int term_rows(void);
/* Mouse reports on (clicks of the first button, the wheel) or off, so that the terminal's own
 * selection works. Returns false when the terminal has no mouse to turn on. */
bool term_mouse(bool on);

#endif
