/* GET /containers/json (src/containers.c, src/container_rows.c): the parser, the index by
 * image, every cell of every row as the Containers panel draws it, each sort and the filter;
 * and the container view's top and changes parsers (src/container_details.c) on the same bytes. */
#include <stdbool.h>

#include "container_details.h"
#include "container_rows.h"
#include "containers.h"
#include "fuzz.h"

FUZZ_UTF8_INITIALIZE

static void
details(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct container_details *d = calloc(1, sizeof(*d));
	char *err = NULL;
	if (!container_top_parse(s, d, &err))
		FUZZ_ASSERT(err != NULL, "top: failure without a message");
	free(err);
	err = NULL;
	if (!container_changes_parse(s, d, &err))
		FUZZ_ASSERT(err != NULL, "changes: failure without a message");
	free(err);
	container_details_free(d);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	details(data, size);
	struct container_list list = { 0 };
	char *err = NULL;
	if (!containers_parse((const char *)data, size, &list, &err)) {
		FUZZ_ASSERT(err != NULL, "failure without a message");
		free(err);
		container_list_free(&list);
		return 0;
	}
	struct container_row *rows = NULL;
	size_t n = container_rows_build(&list, &rows);
	char buf[CONTAINER_CELL_BUF];
	for (size_t i = 0; i < n; i++) {
		const struct container *c = rows[i].container;
		for (int col = 0; col < CONTAINER_COL_COUNT; col++)
			for (int nt = 0; nt < 2; nt++)
				fuzz_check_clean(container_cell(c, (enum container_column)col, nt,
								1765000000, buf, sizeof(buf)));
		(void)container_is_running(c);
		(void)containers_find(&list, c->id);
		(void)containers_count_by_image(&list, c->image_id, NULL);
		(void)container_row_matches(&rows[i], "a");
	}
	for (int s = 0; s < CONTAINER_SORT_COUNT; s++)
		container_rows_sort(rows, n, (enum container_sort)s);
	free(rows);
	container_list_free(&list);
	return 0;
}
