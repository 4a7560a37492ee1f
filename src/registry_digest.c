/* The digest a registry announces for a tag (see registry_digest.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "registry_auth.h"
#include "registry_creds.h"
#include "registry_digest.h"
#include "xalloc.h"

char *
registry_tag_digest(const char *repo, const char *tag, const char *info_json, struct cancel *c,
		    struct registry_error *err)
{
	struct registry_ref ref;
	char *perr = NULL;
	memset(err, 0, sizeof(*err));
	if (!registry_ref_parse(repo, &ref, &perr)) {
		err->message = perr;
		return NULL;
	}
	struct registry_creds creds = { 0 };
	char *cerr = NULL;
	registry_auth_lookup(NULL, ref.host, &creds, &cerr);
	free(cerr);
	bool insecure = registry_is_insecure(ref.host, info_json);
	struct manifest m;
	char *digest = NULL;
	if (registry_manifest_auth(&ref, tag, insecure, &creds, c, &m, err)) {
		digest = xstrdup(m.digest ? m.digest : "");
		manifest_free(&m);
	}
	registry_creds_free(&creds);
	registry_ref_free(&ref);
	return digest;
}
