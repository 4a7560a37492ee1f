/* A registry's bodies (src/registry.c): a manifest under every Content-Type budu asks for
 * (and none, and a wrong one), a tags/list page, an error body under the statuses that
 * are worded, and the digest check. */
#include <stdbool.h>

#include "fuzz.h"
#include "registry.h"

FUZZ_UTF8_INITIALIZE

static const char *const types[] = {
	NULL,
	"application/vnd.oci.image.index.v1+json",
	"application/vnd.docker.distribution.manifest.list.v2+json",
	"application/vnd.oci.image.manifest.v1+json",
	"application/vnd.docker.distribution.manifest.v2+json",
	"application/vnd.docker.distribution.manifest.v1+prettyjws",
	"text/plain; charset=utf-8",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct manifest m = { 0 };
		char *err = NULL;
		if (manifest_parse(body, size, types[i], &m, &err)) {
			FUZZ_ASSERT(m.digest && registry_digest_matches(m.digest, body, size),
				    "the manifest's digest is not its body's");
			FUZZ_ASSERT(m.kind != MANIFEST_IMAGE || m.total_size >= 0, "total size %lld",
				    m.total_size);
		} else {
			FUZZ_ASSERT(err != NULL, "manifest: failure without a message");
		}
		free(err);
		manifest_free(&m);
	}

	char **tags = NULL;
	size_t ntags = 0;
	char *err = NULL;
	if (registry_tags_parse(body, size, &tags, &ntags, &err)) {
		for (size_t i = 0; i < ntags; i++)
			fuzz_check_clean(tags[i]);
	} else {
		FUZZ_ASSERT(err != NULL && ntags == 0, "tags: failure without a message");
	}
	for (size_t i = 0; i < ntags; i++)
		free(tags[i]);
	free(tags);
	free(err);

	static const long statuses[] = { 400, 401, 403, 404, 429, 500, 503 };
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		char *msg = registry_error_message(statuses[i], body, size, i & 1 ? "120" : NULL,
						   i & 2 ? "1765000100" : NULL, 1765000000);
		FUZZ_ASSERT(msg != NULL, "no message for HTTP %ld", statuses[i]);
		fuzz_check_clean(msg);
		free(msg);
	}
	return 0;
}
