/* Copying to the user's clipboard with OSC 52, which the terminal (or tmux, or the terminal at
 * the far end of an SSH session) carries out: no X11 or local clipboard tool needed. */
#ifndef BUDU_CLIPBOARD_H
#define BUDU_CLIPBOARD_H

#include <stddef.h>

/* The escape sequence that sets the clipboard to the n bytes of text: ESC ] 52 ; c ; <base64> BEL.
 * New string; the caller writes it to the terminal as is. Text longer than OSC52_MAX is cut
 * (terminals drop longer sequences); *cut tells, when not NULL. */
#define OSC52_MAX (100 * 1024)
char *clipboard_osc52(const char *text, size_t n, int *cut);

#endif
