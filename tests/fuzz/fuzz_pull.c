/* The pull stream parser (src/pull.c): a POST /images/create body, line by line as the engine's
 * stream reader gives it, then what the Jobs view draws of it: totals, percent, summary and
 * every row's text, all within bounds and clean. */
#include <stdbool.h>

#include "fuzz.h"
#include "pull.h"

FUZZ_UTF8_INITIALIZE

static bool
feed(const char *line, size_t len, void *ctx)
{
	pull_feed(ctx, line, len);	/* on, past an error line: the parser must take anything */
	return true;
}

static void
check(const struct pull *p)
{
	struct pull_totals t;
	pull_totals(p, &t);
	FUZZ_ASSERT(t.layers_done <= t.layers && t.bytes_done >= 0 && t.bytes_total >= 0,
		    "totals: %zu/%zu layers, %lld/%lld bytes", t.layers_done, t.layers,
		    (long long)t.bytes_done, (long long)t.bytes_total);
	int pc = pull_percent(p);
	FUZZ_ASSERT(pc >= -1 && pc <= 100, "percent %d", pc);
	char buf[PULL_ROW_TEXT_MAX];
	pull_summary(p, buf, sizeof(buf));
	fuzz_check_clean(buf);
	for (size_t i = 0; i < p->nrows; i++) {
		const struct pull_row *r = &p->rows[i];
		FUZZ_ASSERT(r->current >= 0 && r->downloaded >= 0 && r->extracted >= 0,
			    "row %zu: negative counts", i);
		pull_row_text(r, buf, sizeof(buf));
		fuzz_check_clean(buf);
		pull_row_counts(r, buf, sizeof(buf));
		fuzz_check_clean(buf);
		(void)pull_row_done(p, r);
	}
	for (size_t i = 0; i < p->nlog; i++)
		fuzz_check_clean(p->log[i]);
	if (p->error)
		fuzz_check_clean(p->error);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pull p;
	pull_init(&p);
	fuzz_lines(data, size, feed, &p);
	check(&p);
	if (!p.done && !p.failed) {
		if (size & 1)
			pull_finish(&p);
		else
			pull_fail(&p, "engine lost\x1b[2J");
		check(&p);
	}
	pull_free(&p);
	return 0;
}
