/* Arrays of owned strings (char **v with a count n), the shape the core hands out for tags,
 * digests, log lines and the like.
 * No state, any thread; cost O(n). */
#ifndef BUDU_STRV_H
#define BUDU_STRV_H

#include <stddef.h>

/* Frees v[0..n) and v itself; v may be NULL (n is then ignored). The caller resets its own
 * pointer and count. */
void strv_free(char **v, size_t n);

#endif
