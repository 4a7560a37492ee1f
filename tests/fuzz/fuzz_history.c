/* GET /images/{id}/history (src/history.c): the parser, every cell of every row (truncated or
 * not) as the History tab draws it, and the footer's instruction reading of created_by. */
#include <stdbool.h>

#include "fuzz.h"
#include "history.h"

FUZZ_UTF8_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct history h = { 0 };
	char *err = NULL;
	if (!history_parse((const char *)data, size, &h, &err)) {
		FUZZ_ASSERT(err != NULL, "failure without a message");
		free(err);
		history_free(&h);
		return 0;
	}
	FUZZ_ASSERT(h.max_size >= 0, "max size %lld", (long long)h.max_size);
	char buf[HISTORY_CELL_BUF];
	for (size_t i = 0; i < h.nrows; i++) {
		const struct history_row *r = &h.rows[i];
		for (int c = 0; c < HISTORY_COL_COUNT; c++)
			for (int nt = 0; nt < 2; nt++)
				fuzz_check_clean(history_cell(r, (enum history_column)c, nt,
							      1765000000, buf, sizeof(buf)));
		const char *kw = NULL;
		char *rest = NULL;
		(void)history_instruction(r->created_by, &kw, &rest);
		FUZZ_ASSERT(rest != NULL, "no rest for \"%s\"", r->created_by);
		fuzz_check_clean(rest);
		free(rest);
	}
	history_free(&h);
	return 0;
}
