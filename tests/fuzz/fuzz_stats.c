/* One sample of GET /containers/{id}/stats (src/stats.c) and the row the Stats tab draws. */
#include <stdbool.h>

#include "fuzz.h"
#include "stats.h"

FUZZ_UTF8_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stats_sample s = { 0 };
	char *err = NULL;
	if (!stats_parse((const char *)data, size, &s, &err)) {
		FUZZ_ASSERT(err != NULL, "failure without a message");
		free(err);
		stats_sample_free(&s);
		return 0;
	}
	struct stats_row row;
	stats_format(&s, &row);
	const char *cells[] = { row.id, row.name, row.cpu, row.mem, row.mem_percent, row.net,
				row.block, row.pids };
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		fuzz_check_clean(cells[i]);
	stats_sample_free(&s);
	return 0;
}
