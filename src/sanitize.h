/* Text from the engine, a registry or Hub is untrusted: it is made safe to draw here,
 * and measured in terminal columns (wide characters count 2). */
#ifndef BUDU_SANITIZE_H
#define BUDU_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

/* A new string, valid UTF-8, holding no control character: C0 controls become
 * "\n", "\t", "\r", "\e" (ESC) or "\xNN"; DEL becomes "\x7f"; C1 controls (U+0080..U+009F)
 * and bidirectional overrides/isolates (U+202A..U+202E, U+2066..U+2069) become "\u202e";
 * bytes that are not valid UTF-8 become "\xNN". A backslash stays a backslash.
 * NULL in gives "" out. The caller frees. */
char *sanitize(const char *s);
/* True when sanitize(s) would return s unchanged (a fast path for clean strings). */
bool sanitize_is_clean(const char *s);

/* Display width in columns of a sanitized UTF-8 string (wcwidth; needs an LC_CTYPE
 * that is UTF-8, which the UI sets up; characters wcwidth rejects count 1). */
int text_width(const char *s);

/* Writes into dst (capacity dstsz bytes) the longest prefix of s that fits in `width`
 * columns. When s is wider, the prefix is cut to width-1 columns and "…" (U+2026) is
 * appended. When pad is true, spaces fill up to exactly `width` columns.
 * Never splits a UTF-8 sequence. Returns the columns written. */
int text_fit(char *dst, size_t dstsz, const char *s, int width, bool pad);

/* s past its first `cols` columns (a wide character cut in two is skipped whole): a line
 * scrolled sideways. s is sanitized. */
const char *text_skip(const char *s, int cols);

/* docker's Ellipsis(s, max): s itself if its width <= max, else the runes up to
 * width max-1 and "…". Returns a new string. */
char *text_ellipsis(const char *s, int max);

#endif
