/* GET /images/json (src/images.c): the parser, then the list's rows (with and without
 * digests) sorted every way and filtered, as the Images panel builds them. */
#include <stdbool.h>

#include "fuzz.h"
#include "images.h"

FUZZ_UTF8_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_list list = { 0 };
	char *err = NULL;
	if (!images_parse((const char *)data, size, &list, &err)) {
		FUZZ_ASSERT(err != NULL, "failure without a message");
		fuzz_check_clean(err);
		free(err);
		image_list_free(&list);
		return 0;
	}
	FUZZ_ASSERT(list.total_size >= 0, "total size %lld", (long long)list.total_size);
	for (size_t i = 0; i < list.nimages; i++) {
		const struct image *im = &list.images[i];
		fuzz_check_clean(im->id);
		for (size_t t = 0; t < im->ntags; t++)
			fuzz_check_clean(im->tags[t]);
		for (size_t d = 0; d < im->ndigests; d++)
			fuzz_check_clean(im->digests[d]);
	}
	for (int digests = 0; digests < 2; digests++) {
		struct image_row *rows = NULL;
		size_t n = image_rows_build(&list, digests, &rows);
		for (int s = 0; s < IMAGE_SORT_COUNT; s++)
			image_rows_sort(rows, n, (enum image_sort)s);
		for (size_t i = 0; i < n; i++) {
			fuzz_check_clean(rows[i].repo);
			fuzz_check_clean(rows[i].tag);
			fuzz_check_clean(rows[i].digest);
			(void)image_row_matches(&rows[i], "a");
			(void)image_row_matches(&rows[i], rows[(i + 1) % n].tag);
		}
		image_rows_free(rows, n);
	}
	image_list_free(&list);
	return 0;
}
