/* GET /images/search (src/search.c): the parser, both sorts, and the DESCRIPTION cell. */
#include <stdbool.h>

#include "fuzz.h"
#include "search.h"

FUZZ_UTF8_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct search_results r = { 0 };
	char *err = NULL;
	if (!search_parse((const char *)data, size, &r, &err)) {
		FUZZ_ASSERT(err != NULL, "failure without a message");
		free(err);
		search_results_free(&r);
		return 0;
	}
	search_sort(&r, SEARCH_SORT_NAME);
	search_sort(&r, SEARCH_SORT_STARS);
	for (size_t i = 0; i < r.n; i++) {
		fuzz_check_clean(r.v[i].name);
		for (int nt = 0; nt < 2; nt++) {
			char *tmp = NULL;
			fuzz_check_clean(search_description_cell(&r.v[i], nt, &tmp));
			free(tmp);
		}
	}
	search_results_free(&r);
	return 0;
}
