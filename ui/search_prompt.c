#include "config.h"

#include <stdlib.h>

#include "app.h"
#include "i18n.h"
#include "search_prompt.h"
#include "xalloc.h"

static void
edited(void *ctx, const char *text, char **err)
{
	struct search_prompt *s = ctx;
	if (*text && !s->find(s->owner, text, s->typing_forward, false))
		*err = xstrdup(_("not found"));
}

static bool
accept(void *ctx, const char *text, char **err)
{
	struct search_prompt *s = ctx;
	(void)err;
	if (*text) {
		free(s->last);
		s->last = xstrdup(text);
	}
	return true;
}

void
search_prompt_open(struct search_prompt *s, struct app *app, const char *label)
{
	static const struct prompt_ops ops = { accept, edited, NULL };
	app_prompt(app, label, NULL, &ops, s);
}

void
search_prompt_again(struct search_prompt *s, struct app *app, bool same_way)
{
	if (!s->last)
		app_message(app, false, "%s", _("No search yet: / searches"));
	else if (!s->find(s->owner, s->last, same_way ? s->typing_forward : !s->typing_forward, true))
		app_message(app, true, _("Not found: %s"), s->last);
}

void
search_prompt_free(struct search_prompt *s)
{
	free(s->last);
	s->last = NULL;
}
