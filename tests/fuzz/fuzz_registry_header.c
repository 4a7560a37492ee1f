/* The registry's header parsers (src/registry.c): a WWW-Authenticate value (Bearer realm,
 * service, scope; Basic) and a Link header's next page, on any value curl may hand over. */
#include <stdbool.h>

#include "fuzz.h"
#include "registry.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value = fuzz_str(data, size);
	struct registry_challenge ch = { 0 };
	if (registry_challenge_parse(value, &ch))
		FUZZ_ASSERT(ch.realm != NULL, "a challenge without a realm");
	registry_challenge_free(&ch);
	(void)registry_challenge_basic(value);
	free(registry_link_next(value));
	free(value);
	return 0;
}
