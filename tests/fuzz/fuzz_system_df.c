/* GET /system/df (src/system_df.c): the parser, then every row of every table, the captions and
 * the summary's sums, as the Disk usage panel draws them. */
#include <stdbool.h>

#include "fuzz.h"
#include "system_df.h"

FUZZ_UTF8_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct system_df df = { 0 };
	char *err = NULL;
	if (!system_df_parse((const char *)data, size, &df, &err)) {
		FUZZ_ASSERT(err != NULL, "failure without a message");
		free(err);
		system_df_free(&df);
		return 0;
	}
	static struct df_row row;
	char caption[256];
	for (int t = 0; t < DF_TABLE_COUNT; t++) {
		int cols = system_df_columns((enum df_table)t, NULL);
		size_t n = system_df_rows(&df, (enum df_table)t);
		for (size_t i = 0; i < n; i++) {
			system_df_row(&df, (enum df_table)t, i, 1765000000, &row);
			for (int c = 0; c < cols; c++)
				fuzz_check_clean(row.cell[c]);
		}
		system_df_caption(&df, (enum df_table)t, caption, sizeof(caption));
		fuzz_check_clean(caption);
		if (t != DF_SUMMARY) {
			struct df_usage u;
			system_df_usage(&df, (enum df_table)t, &u);
			FUZZ_ASSERT(u.size >= 0 && u.reclaimable >= 0, "table %d: size %lld, reclaimable %lld",
				    t, (long long)u.size, (long long)u.reclaimable);
		}
	}
	system_df_free(&df);
	return 0;
}
