#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layer_cmd.h"
#include "strbuf.h"
#include "xalloc.h"

char *
layer_cmd_quote(const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+=,-";
	if (*s && strspn(s, safe) == strlen(s))
		return xstrdup(s);
	struct strbuf sb = STRBUF_INIT;
	sb_putc(&sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(&sb, "'\\''");
		else
			sb_putc(&sb, *s);
	}
	sb_putc(&sb, '\'');
	return sb_detach(&sb);
}

char *
layer_cmd_cat(const char *image, const char *path)
{
	char *i = layer_cmd_quote(image), *p = layer_cmd_quote(path);
	char *cmd = xasprintf("docker run --rm %s cat %s", i, p);
	free(i);
	free(p);
	return cmd;
}

char *
layer_cmd_cp(const char *image, const char *path, const char *dest)
{
	/* The container's path and the image are one word after the $( ): quote the path alone. */
	char *i = layer_cmd_quote(image), *p = layer_cmd_quote(path), *d = layer_cmd_quote(dest);
	char *cmd = xasprintf("docker cp $(docker create %s):%s %s", i, p, d);
	free(i);
	free(p);
	free(d);
	return cmd;
}
