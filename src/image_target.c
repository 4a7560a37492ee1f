#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmdline.h"
#include "i18n.h"
#include "image_target.h"
#include "reference.h"
#include "xalloc.h"

#define BLANKS " \t\r\n"

/* The daemon's validCommitCommands (builder/dockerfile, BuildFromConfig). */
static const char *const instructions[] = {
	"CMD", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "ONBUILD", "USER", "VOLUME",
	"WORKDIR",
};

bool
image_target_parse(const char *typed, const char *digest_error, char **repo, char **tag, char **err)
{
	*repo = *tag = NULL;
	const char *r = typed ? typed + strspn(typed, BLANKS) : "";
	if (!*r)
		return true;
	size_t len = strcspn(r, BLANKS);
	if (r[len + strspn(r + len, BLANKS)]) {
		*err = cmdline_error(_("one image name only, not \"%s\""), r);
		return false;
	}
	char *name = xstrndup(r, len);
	struct reference ref;
	enum ref_error re = reference_parse(name, &ref);
	free(name);
	if (re != REF_OK) {
		*err = xstrdup(reference_strerror(re));
		return false;
	}
	if (ref.digest) {
		reference_free(&ref);
		*err = xstrdup(digest_error);
		return false;
	}
	*repo = reference_name(&ref);
	*tag = xstrdup(ref.tag ? ref.tag : "latest");
	reference_free(&ref);
	return true;
}

bool
image_change_blank(const char *line)
{
	return !line || !line[strspn(line, BLANKS)];
}

static bool
change_valid(const char *line, char **err)
{
	const char *p = line + strspn(line, BLANKS);
	size_t n = strcspn(p, BLANKS);
	for (size_t i = 0; i < sizeof(instructions) / sizeof(instructions[0]); i++) {
		if (strlen(instructions[i]) == n && strncasecmp(p, instructions[i], n) == 0) {
			if (!p[n + strspn(p + n, BLANKS)]) {
				*err = cmdline_error(_("%s needs a value"), instructions[i]);
				return false;
			}
			return true;
		}
	}
	char *word = xstrndup(p, n);
	*err = cmdline_error(_("%s is not a valid change command: CMD, ENTRYPOINT, ENV, EXPOSE, "
			       "HEALTHCHECK, LABEL, ONBUILD, USER, VOLUME or WORKDIR"), word);
	free(word);
	return false;
}

bool
image_changes_check(const char *const *changes, size_t n, char **err)
{
	for (size_t i = 0; i < n; i++)
		if (!image_change_blank(changes[i]) && !change_valid(changes[i], err))
			return false;
	return true;
}
