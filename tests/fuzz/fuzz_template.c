/* The --format template evaluator (src/template*.c) over fixed documents: an image's inspect
 * (typed as types.ImageInspect), a container's (types.ContainerJSON) and the raw run alone.
 * The first byte picks the document; the rest is the template. */
#include <stdbool.h>

#include <cjson/cJSON.h>

#include "fuzz.h"
#include "template.h"

#ifndef FUZZ_FIXTURES
#define FUZZ_FIXTURES "tests/fixtures"
#endif

static cJSON *image_doc, *container_doc;

static cJSON *
load(const char *name)
{
	char path[4096];
	const char *dir = getenv("FIXTURES") ? getenv("FIXTURES") : FUZZ_FIXTURES;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	cJSON *doc = cJSON_Parse(buf);
	if (!doc) {
		fprintf(stderr, "%s: not JSON\n", path);
		exit(1);
	}
	return doc;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_utf8_locale();
	image_doc = load("inspect-rich.json");
	container_doc = load("container-web.json");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char *input = fuzz_str(data + 1, size - 1);
	struct template_result res = { 0 };
	bool ok;
	switch (data[0] % 3) {
	case 0:
		ok = template_eval(input, image_doc, &res);
		break;
	case 1:
		ok = template_eval_schema(input, container_doc, &template_schema_container, &res);
		break;
	default:
		ok = template_eval_schema(input, image_doc, NULL, &res);
		break;
	}
	if (ok)
		FUZZ_ASSERT(res.text && !res.error, "success without text");
	else
		FUZZ_ASSERT(!res.text && res.error, "failure without a message");
	if (res.error_column)
		FUZZ_ASSERT(res.error_column >= 1 && (size_t)res.error_column <= strlen(input) + 1,
			    "error column %d of %zu bytes", res.error_column, strlen(input));
	template_result_free(&res);
	free(input);
	return 0;
}
