/* The sanitiser and the width functions (src/sanitize.c, src/utf8.c) on any bytes: sanitize()
 * gives valid UTF-8 without a control character or a bidi override, text_fit() never writes
 * more columns than asked, exactly as many when padding, and says how many it wrote;
 * text_ellipsis() stays within its width. The first two bytes choose the width and the buffer. */
#include <stdbool.h>
#include <wchar.h>

#include "fuzz.h"
#include "sanitize.h"

FUZZ_UTF8_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int width = data[0] % 64;		/* 0..63 columns */
	size_t small = data[1] % 32;		/* a small buffer: 0..31 bytes */
	bool pad = data[1] & 0x80;
	char *in = fuzz_str(data + 2, size - 2);

	char *s = sanitize(in);
	fuzz_check_clean(s);
	FUZZ_ASSERT(sanitize_is_clean(s), "sanitize's output is not clean: \"%s\"", s);
	if (sanitize_is_clean(in))
		FUZZ_ASSERT(strcmp(in, s) == 0, "a clean string changed: \"%s\"", in);
	int total = text_width(s);
	FUZZ_ASSERT(total >= 0, "negative width %d", total);

	/* A buffer that holds the whole text, the ellipsis and the padding: width decides alone. */
	size_t big = strlen(s) + (size_t)width + 8;
	char *dst = malloc(big);
	int col = text_fit(dst, big, s, width, pad);
	fuzz_check_clean(dst);
	FUZZ_ASSERT(col >= 0 && col <= width, "text_fit wrote %d columns for %d", col, width);
	FUZZ_ASSERT(text_width(dst) == col, "text_fit says %d columns, wrote %d: \"%s\"", col,
		    text_width(dst), dst);
	if (pad)
		FUZZ_ASSERT(col == width, "padded to %d columns, not %d: \"%s\"", col, width, dst);
	if (total <= width && width > 0)
		FUZZ_ASSERT(strncmp(dst, s, strlen(s)) == 0, "text that fits was cut: \"%s\"", dst);
	free(dst);

	/* A small buffer: never past its end (ASan), never over the width, always clean. */
	char *tiny = small ? malloc(small) : NULL;
	col = text_fit(tiny, small, s, width, pad);
	if (small) {
		fuzz_check_clean(tiny);
		FUZZ_ASSERT(strlen(tiny) < small, "text_fit overflowed its %zu bytes", small);
		FUZZ_ASSERT(col >= 0 && col <= width, "text_fit wrote %d columns for %d", col, width);
		FUZZ_ASSERT(text_width(tiny) == col, "text_fit says %d columns, wrote %d", col,
			    text_width(tiny));
	}
	free(tiny);

	char *el = text_ellipsis(s, width);
	fuzz_check_clean(el);
	/* docker's Ellipsis at width 1 keeps the first rune, even a wide one. */
	FUZZ_ASSERT(text_width(el) <= (width == 1 ? 2 : width), "text_ellipsis gave %d columns for %d",
		    text_width(el), width);
	free(el);

	free(s);
	free(in);
	return 0;
}
