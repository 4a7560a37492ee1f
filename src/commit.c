#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmdline.h"
#include "commit.h"
#include "i18n.h"
#include "reference.h"
#include "strbuf.h"
#include "xalloc.h"

/* The daemon's validCommitCommands. */
static const char *const instructions[] = {
	"CMD", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "ONBUILD", "USER", "VOLUME",
	"WORKDIR",
};

/* Go's url.QueryEscape, which the CLI's query goes through: the same bytes on the wire. */
static void
query_escape(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		    || *p == '-' || *p == '_' || *p == '.' || *p == '~')
			sb_putc(sb, (char)*p);
		else if (*p == ' ')
			sb_putc(sb, '+');
		else
			sb_printf(sb, "%%%02X", *p);
	}
}

static size_t
blank_len(const char *s)
{
	size_t n = 0;
	while (s[n] == ' ' || s[n] == '\t')
		n++;
	return n;
}

/* One -c line: a known instruction and something after it. */
static bool
change_valid(const char *line, char **err)
{
	const char *p = line + blank_len(line);
	size_t n = strcspn(p, " \t");
	for (size_t i = 0; i < sizeof(instructions) / sizeof(instructions[0]); i++) {
		if (strlen(instructions[i]) == n && strncasecmp(p, instructions[i], n) == 0) {
			if (!p[n + blank_len(p + n)]) {
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
commit_path(const struct commit_input *in, char **path, char **err)
{
	*path = NULL;
	*err = NULL;
	if (!in->container || !*in->container) {
		*err = xstrdup(_("no container to commit"));
		return false;
	}
	char *repo = NULL, *tag = NULL;
	const char *r = in->reference ? in->reference + blank_len(in->reference) : "";
	if (*r) {
		char *typed = xstrndup(r, strcspn(r, " \t\n"));
		if (r[strlen(typed) + blank_len(r + strlen(typed))]) {
			*err = cmdline_error(_("one image name only, not \"%s\""), r);
			free(typed);
			return false;
		}
		struct reference ref;
		enum ref_error re = reference_parse(typed, &ref);
		free(typed);
		if (re != REF_OK) {
			*err = xstrdup(reference_strerror(re));
			return false;
		}
		if (ref.digest) {
			reference_free(&ref);
			*err = xstrdup(_("refusing to create a tag with a digest reference"));
			return false;
		}
		repo = reference_name(&ref);
		tag = xstrdup(ref.tag ? ref.tag : "latest");
		reference_free(&ref);
	}
	for (size_t i = 0; i < in->nchanges; i++) {
		const char *c = in->changes[i];
		if (c && c[blank_len(c)] && !change_valid(c, err)) {
			free(repo);
			free(tag);
			return false;
		}
	}
	/* url.Values.Encode: keys sorted, values in the order given. */
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "/commit?author=");
	query_escape(&sb, in->author);
	for (size_t i = 0; i < in->nchanges; i++) {
		const char *c = in->changes[i];
		if (!c || !c[blank_len(c)])
			continue;
		sb_puts(&sb, "&changes=");
		query_escape(&sb, c);
	}
	sb_puts(&sb, "&comment=");
	query_escape(&sb, in->message);
	sb_puts(&sb, "&container=");
	query_escape(&sb, in->container);
	if (in->no_pause)
		sb_puts(&sb, "&pause=0");
	sb_puts(&sb, "&repo=");
	query_escape(&sb, repo);
	sb_puts(&sb, "&tag=");
	query_escape(&sb, tag);
	free(repo);
	free(tag);
	*path = sb_detach(&sb);
	return true;
}
