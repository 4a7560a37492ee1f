#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmdline.h"
#include "commit.h"
#include "i18n.h"
#include "image_target.h"
#include "reference.h"
#include "strbuf.h"
#include "xalloc.h"

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
	if (!image_target_parse(in->reference, _("refusing to create a tag with a digest reference"), &repo, &tag, err))
		return false;
	if (!image_changes_check(in->changes, in->nchanges, err)) {
		free(repo);
		free(tag);
		return false;
	}
	/* url.Values.Encode: keys sorted, values in the order given. */
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "/commit?author=");
	query_escape(&sb, in->author);
	for (size_t i = 0; i < in->nchanges; i++) {
		const char *c = in->changes[i];
		if (image_change_blank(c))
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
