#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sanitize.h"
#include "utf8.h"
#include "strbuf.h"
#include "xalloc.h"

#define ELLIPSIS "\xe2\x80\xa6"	/* U+2026 */
#define ELLIPSIS_LEN 3

/* Decoded by hand (utf8.h) rather than with mbrtowc so validity never depends on the locale.
 * The NUL terminator fails every continuation test, so no length is needed here. */
static size_t
decode(const char *p, uint32_t *cp)
{
	return utf8_decode(p, (size_t)-1, cp);
}

/* Code points a terminal would act on instead of drawing (or that reorder the line). */
static bool
needs_escape(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)
		|| (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void
put_escape(struct strbuf *sb, uint32_t cp)
{
	switch (cp) {
	case '\n':
		sb_puts(sb, "\\n");
		break;
	case '\t':
		sb_puts(sb, "\\t");
		break;
	case '\r':
		sb_puts(sb, "\\r");
		break;
	case 0x1b:
		sb_puts(sb, "\\e");
		break;
	default:
		if (cp < 0x80)
			sb_printf(sb, "\\x%02x", (unsigned)cp);
		else
			sb_printf(sb, "\\u%04x", (unsigned)cp);
		break;
	}
}

bool
sanitize_is_clean(const char *s)
{
	if (!s)
		return false;
	const char *p = s;
	while (*p) {
		uint32_t cp;
		size_t len = decode(p, &cp);
		if (len == 0 || needs_escape(cp))
			return false;
		p += len;
	}
	return true;
}

char *
sanitize(const char *s)
{
	if (!s)
		return xstrdup("");
	if (sanitize_is_clean(s))
		return xstrdup(s);
	struct strbuf sb = STRBUF_INIT;
	const char *p = s;
	while (*p) {
		uint32_t cp;
		size_t len = decode(p, &cp);
		/* Copy clean runs in one go; only escapes go through printf. */
		const char *run = p;
		while (len != 0 && !needs_escape(cp)) {
			p += len;
			if (!*p)
				break;
			len = decode(p, &cp);
		}
		if (p > run)
			sb_append(&sb, run, (size_t)(p - run));
		if (!*p)
			break;
		if (len == 0) {
			sb_printf(&sb, "\\x%02x", (unsigned char)*p);
			p++;
		} else {
			put_escape(&sb, cp);
			p += len;
		}
	}
	return sb_detach(&sb);
}

/*
 * Columns of the character at p, which is len bytes long (len 0: an invalid byte).
 * mbrtowc/wcwidth follow the UI's LC_CTYPE; anything they cannot place counts one column,
 * which is also what the screen shows for an escaped or replaced byte.
 */
static int
char_width(const char *p, size_t len)
{
	unsigned char c = (unsigned char)*p;
	if (c < 0x80)
		return 1;
	if (len == 0)
		return 1;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	wchar_t wc;
	size_t r = mbrtowc(&wc, p, len, &st);
	if (r != len)
		return 1;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* Steps over one character, returning its byte length (an invalid byte counts as one). */
static size_t
next_char(const char *p, int *width)
{
	uint32_t cp;
	size_t len = decode(p, &cp);
	*width = char_width(p, len);
	return len ? len : 1;
}

int
text_width(const char *s)
{
	if (!s)
		return 0;
	int total = 0;
	const char *p = s;
	while (*p) {
		int w;
		p += next_char(p, &w);
		if (total > INT_MAX - w)
			return INT_MAX;
		total += w;
	}
	return total;
}

const char *
text_skip(const char *s, int cols)
{
	if (!s)
		return "";
	while (*s && cols > 0) {
		int w;
		s += next_char(s, &w);
		cols -= w;
	}
	return s;
}

/*
 * Length in bytes of the longest prefix of s that fits in `limit` columns, and its columns
 * in *cols. Zero-width characters right after the last one taken are kept with it (they
 * combine with it). byte_cap bounds the prefix so it fits a caller's buffer.
 */
static size_t
prefix_fit(const char *s, int limit, size_t byte_cap, int *cols)
{
	const char *p = s;
	int col = 0;
	while (*p) {
		int w;
		size_t len = next_char(p, &w);
		if (col + w > limit || (size_t)(p - s) + len > byte_cap)
			break;
		col += w;
		p += len;
	}
	*cols = col;
	return (size_t)(p - s);
}

int
text_fit(char *dst, size_t dstsz, const char *s, int width, bool pad)
{
	if (dstsz == 0)
		return 0;
	dst[0] = '\0';
	if (!s)
		s = "";
	if (width <= 0)
		return 0;
	size_t cap = dstsz - 1;
	bool cut = text_width(s) > width;
	int col;
	size_t len;
	if (cut) {
		/* Room for the ellipsis comes first; a buffer too small for it gets text only. */
		size_t room = cap >= ELLIPSIS_LEN ? cap - ELLIPSIS_LEN : cap;
		len = prefix_fit(s, width - 1, room, &col);
		memcpy(dst, s, len);
		if (len + ELLIPSIS_LEN <= cap) {
			memcpy(dst + len, ELLIPSIS, ELLIPSIS_LEN);
			len += ELLIPSIS_LEN;
			col++;
		}
	} else {
		len = prefix_fit(s, width, cap, &col);
		memcpy(dst, s, len);
	}
	/* A wide character that did not fit leaves a column over: pad fills it too. */
	if (pad)
		for (; col < width && len < cap; col++)
			dst[len++] = ' ';
	dst[len] = '\0';
	return col;
}

char *
text_ellipsis(const char *s, int max)
{
	if (!s || max <= 0)
		return xstrdup("");
	if (max == 1) {
		/* docker's Ellipsis: at width 1 the first rune alone, even a wide one. */
		int w;
		size_t len = *s ? next_char(s, &w) : 0;
		return xstrndup(s, len);
	}
	if (text_width(s) <= max)
		return xstrdup(s);
	int col;
	size_t len = prefix_fit(s, max - 1, SIZE_MAX, &col);
	char *out = xmalloc(len + ELLIPSIS_LEN + 1);
	memcpy(out, s, len);
	memcpy(out + len, ELLIPSIS, ELLIPSIS_LEN + 1);
	return out;
}
