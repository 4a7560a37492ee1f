/* Stream lines with a cap (see linesplit.h). */
#include "config.h"

#include <string.h>

#include "linesplit.h"

static void
deliver(struct linesplit *ls, const char *p, size_t n, linesplit_fn fn, void *ctx)
{
	if (n && p[n - 1] == '\r')
		n--;
	if (n == 0 || ls->stopped)
		return;
	if (!fn(p, n, ctx))
		ls->stopped = true;
}

static void
overlong(struct linesplit *ls)
{
	ls->overlong = ls->stopped = true;
	sb_free(&ls->line);
}

bool
linesplit_feed(struct linesplit *ls, const char *data, size_t n, linesplit_fn fn, void *ctx)
{
	size_t max = ls->max ? ls->max : LINESPLIT_MAX;
	const char *p = data, *end = data + n;
	while (p < end && !ls->stopped) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t part = (size_t)((nl ? nl : end) - p);
		if (ls->line.len + part > max) {
			overlong(ls);
			break;
		}
		if (!nl) {
			sb_append(&ls->line, p, part);
			break;
		}
		if (ls->line.len) {
			sb_append(&ls->line, p, part);
			deliver(ls, ls->line.buf, ls->line.len, fn, ctx);
			sb_reset(&ls->line);
		} else {
			deliver(ls, p, part, fn, ctx);
		}
		p = nl + 1;
	}
	return !ls->stopped;
}

void
linesplit_free(struct linesplit *ls)
{
	sb_free(&ls->line);
}
