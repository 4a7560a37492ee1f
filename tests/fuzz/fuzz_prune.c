/* The answers of removals (src/prune.c, src/container_prune.c, src/remove.c): POST
 * /images/prune, POST /containers/prune and DELETE /images/{name}, each parser on the same
 * bytes. What they keep is drawn: it must be clean, and sizes never negative. */
#include <stdbool.h>

#include "container_prune.h"
#include "fuzz.h"
#include "prune.h"
#include "remove.h"

FUZZ_UTF8_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *json = (const char *)data;

	struct prune_result p = { 0 };
	if (prune_parse(json, size, &p)) {
		fuzz_check_clean_lines(p.text, true);
		for (size_t i = 0; i < p.ndeleted; i++)
			fuzz_check_clean(p.deleted[i]);
		char *line = prune_reclaimed_line(p.reclaimed);
		fuzz_check_clean(line);
		free(line);
	} else if (p.error) {
		fuzz_check_clean(p.error);
	}
	prune_result_free(&p);

	struct container_prune_result c = { 0 };
	if (container_prune_parse(json, size, &c)) {
		fuzz_check_clean_lines(c.text, true);
		for (size_t i = 0; i < c.ndeleted; i++)
			fuzz_check_clean(c.deleted[i]);
	} else if (c.error) {
		fuzz_check_clean(c.error);
	}
	container_prune_result_free(&c);

	struct remove_result r = { 0 };
	if (remove_parse(json, size, &r))
		fuzz_check_clean_lines(r.text, true);
	else if (r.error)
		fuzz_check_clean(r.error);
	remove_result_free(&r);
	return 0;
}
