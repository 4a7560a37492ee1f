/* An inspect document as the Details view shows it (src/jtree.c over src/json.c's parser):
 * every row's label, value, JSON and path once unfolded, search, folding; and each row's path
 * must be a template that names that row's node again (src/template.h). */
#include <stdbool.h>

#include <cjson/cJSON.h>

#include "fuzz.h"
#include "json.h"
#include "jtree.h"
#include "template.h"

FUZZ_UTF8_INITIALIZE

static void
check_path(const struct jtree *t, size_t row)
{
	char *path = jtree_path(t, row);
	FUZZ_ASSERT(path != NULL, "row %zu has no path", row);
	const cJSON *node = jtree_node(t, row);
	/* A null prints "<no value>" and names no node (src/template.h): nothing to compare. */
	if (cJSON_IsNull(node)) {
		free(path);
		return;
	}
	struct template_result res = { 0 };
	(void)template_eval_schema(path, jtree_doc(t), NULL, &res);
	FUZZ_ASSERT(res.node == node, "the path %s of row %zu names another node (%s)", path, row,
		    res.error ? res.error : "no error");
	template_result_free(&res);
	free(path);
}

/* Whether an object of the document gives a key twice: a path then names the first one's node
 * (Go's decoder keeps the last), so paths are not compared. */
static bool
duplicate_keys(const cJSON *n)
{
	for (const cJSON *c = n ? n->child : NULL; c; c = c->next) {
		if (cJSON_IsObject(n) && c->string)
			for (const cJSON *d = c->next; d; d = d->next)
				if (d->string && strcmp(c->string, d->string) == 0)
					return true;
		if (duplicate_keys(c))
			return true;
	}
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *doc = json_parse_whole((const char *)data, size);
	if (!doc)
		return 0;
	bool paths = !duplicate_keys(doc);
	struct jtree *t = jtree_new(doc);
	jtree_expand_all(t);
	size_t n = jtree_count(t);
	for (size_t i = 0; i < n; i++) {
		struct jtree_row r;
		FUZZ_ASSERT(jtree_row(t, i, &r), "row %zu of %zu is missing", i, n);
		free(jtree_label(t, i));
		free(jtree_value_text(t, i));
		free(jtree_value_json(t, i));
		size_t parent;
		if (jtree_parent(t, i, &parent))
			FUZZ_ASSERT(parent < i, "row %zu has parent %zu", i, parent);
		if (paths && i < 64)
			check_path(t, i);
	}
	size_t row = 0, index = 0;
	(void)jtree_search_count(t, 0, "a", &index);
	jtree_collapse_all(t);
	(void)jtree_search(t, 0, "e", true, &row);
	(void)jtree_search(t, row, "1", false, &row);
	if (jtree_count(t))
		(void)jtree_toggle(t, jtree_count(t) - 1);
	jtree_free(t);
	return 0;
}
