/* What the prompts take (typed or pasted): the shell-like word splitter (src/cmdline.c), the
 * pull and tag prompts (src/pull_input.c), the run prompt (src/run_args.c) and the search
 * prompt (src/search.c), whose command line must read back to the same query. */
#include <stdbool.h>

#include "cmdline.h"
#include "fuzz.h"
#include "pull_input.h"
#include "run_args.h"
#include "sanitize.h"
#include "search.h"

FUZZ_UTF8_INITIALIZE

static void
check_search(const char *s)
{
	struct search_query q, again;
	search_query_init(&q);
	search_query_init(&again);
	char *err = NULL;
	if (search_query_parse(s, &q, &err)) {
		free(search_query_path(&q));
		char *cmd = search_query_command(&q);
		fuzz_check_clean(cmd);
		if (sanitize_is_clean(q.term)) {
			char *err2 = NULL;
			bool ok = search_query_parse(cmd, &again, &err2);
			FUZZ_ASSERT(ok, "\"%s\" does not read back: %s", cmd, err2);
			FUZZ_ASSERT(strcmp(q.term, again.term) == 0 && q.min_stars == again.min_stars
				    && q.official == again.official && q.automated == again.automated
				    && q.limit == again.limit && q.no_trunc == again.no_trunc,
				    "\"%s\" reads back as another query (term \"%s\")", cmd, again.term);
		}
		free(cmd);
	} else {
		FUZZ_ASSERT(err != NULL, "search: failure without a message");
	}
	free(err);
	err = NULL;
	(void)search_query_parse_filters(s, &q, &err);
	free(err);
	search_query_free(&q);
	search_query_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);

	struct words w = { 0 };
	if (words_split(s, &w)) {
		(void)words_skip_command(&w, "pull", NULL);
		(void)words_skip_command(&w, "search", NULL);
	}
	words_free(&w);

	for (int mode = PULL_INPUT_PULL; mode <= PULL_INPUT_TAG; mode++) {
		struct pull_input in = { 0 };
		char *err = NULL;
		if (pull_input_parse(s, (enum pull_input_mode)mode, &in, &err)) {
			FUZZ_ASSERT(in.reference && in.display && in.from_image && in.tag,
				    "pull input with a NULL part");
			pull_input_free(&in);
		} else {
			FUZZ_ASSERT(err != NULL, "pull input: failure without a message");
		}
		free(err);
	}

	struct run_args ra = { 0 };
	char *err = NULL;
	if (run_args_parse(s, &ra, &err)) {
		FUZZ_ASSERT(ra.image && ra.body && ra.path, "run args with a NULL part");
		run_args_free(&ra);
	} else {
		FUZZ_ASSERT(err != NULL, "run: failure without a message");
	}
	free(err);

	check_search(s);
	free(s);
	return 0;
}
