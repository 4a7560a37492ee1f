/* Allocation that never returns NULL: on exhaustion budu restores the terminal
 * (through the hook the UI registers) and exits with a message. */
#ifndef BUDU_XALLOC_H
#define BUDU_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called before exiting on allocation failure; the UI uses it to endwin(). */
void xalloc_set_fatal_hook(void (*hook)(void));

#endif
