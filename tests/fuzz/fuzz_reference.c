/* Image references (src/reference.c) as names come from the engine, a registry or the user:
 * reference_parse and what a parsed reference prints (which must parse again to itself), the
 * RepoTags/RepoDigests splitters, the registry's and push's readings of a name. */
#include <stdbool.h>

#include "fuzz.h"
#include "push.h"
#include "reference.h"
#include "registry.h"

static void
check_round_trip(const struct reference *ref)
{
	char *s = reference_string(ref, false);
	struct reference again = { 0 };
	enum ref_error e = reference_parse(s, &again);
	FUZZ_ASSERT(e == REF_OK, "\"%s\" does not parse again: %d", s, (int)e);
	char *t = reference_string(&again, false);
	FUZZ_ASSERT(strcmp(s, t) == 0, "\"%s\" parses again as \"%s\"", s, t);
	free(t);
	reference_free(&again);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct reference ref = { 0 };
	enum ref_error e = reference_parse(s, &ref);
	if (e == REF_OK) {
		FUZZ_ASSERT(ref.domain && ref.path, "parsed without a domain or a path");
		free(reference_name(&ref));
		free(reference_familiar_name(&ref));
		free(reference_string(&ref, true));
		check_round_trip(&ref);
	} else {
		FUZZ_ASSERT(reference_strerror(e) != NULL, "no words for error %d", (int)e);
	}
	reference_free(&ref);

	char *a = NULL, *b = NULL;
	reference_split_repo_tag(s, &a, &b);
	FUZZ_ASSERT(a && b, "split_repo_tag left a part NULL");
	free(a);
	free(b);
	a = b = NULL;
	reference_split_repo_digest(s, &a, &b);
	FUZZ_ASSERT(a && b, "split_repo_digest left a part NULL");
	free(a);
	free(b);
	(void)reference_is_domain(s, strlen(s));
	(void)reference_is_podman_local(s);

	char *err = NULL;
	struct registry_ref rr = { 0 };
	if (registry_ref_parse(s, &rr, &err))
		registry_ref_free(&rr);
	free(err);

	err = NULL;
	struct push_target pt = { 0 };
	if (push_target_parse(s, size & 1, &pt, &err))
		push_target_free(&pt);
	free(err);

	free(s);
	return 0;
}
