/* UTF-8 read and written strictly, without the locale: validity must not depend on LC_CTYPE. */
#ifndef BUDU_UTF8_H
#define BUDU_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* Decodes one UTF-8 sequence of s (at most len bytes) into *cp and returns its length (1..4),
 * or 0 when it is not well-formed (stray continuation, truncated, overlong, surrogate, above
 * U+10FFFF): the caller then treats the single byte *s as invalid. len must be >= 1. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Appends the UTF-8 encoding of cp (<= U+10FFFF). */
void utf8_encode(struct strbuf *sb, uint32_t cp);

#endif
