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

/* "3 of 17 matches" for the match under the cursor; "not found". */
static void
say_where(struct search_prompt *s, struct app *app, const char *needle)
{
	size_t index = 0, n = s->count ? s->count(s->owner, needle, &index) : 1;
	if (!n)
		app_message(app, true, _("Not found: %s"), needle);
	else if (s->count && index)
		app_message(app, false, ngettext("%zu of %zu match", "%zu of %zu matches", n), index, n);
}

static bool
accept(void *ctx, const char *text, char **err)
{
	struct search_prompt *s = ctx;
	(void)err;
	if (*text) {
		free(s->last);
		s->last = xstrdup(text);
		if (s->app)
			say_where(s, s->app, text);
	}
	return true;
}

void
search_prompt_open(struct search_prompt *s, struct app *app, const char *label)
{
	static const struct prompt_ops ops = { accept, edited, NULL };
	s->app = app;
	app_prompt(app, label, NULL, &ops, s);
}

void
search_prompt_again(struct search_prompt *s, struct app *app, bool same_way)
{
	if (!s->last)
	{
		char key[32];
		app_key_word(app, REQ_FILTER, key, sizeof(key));
		app_message(app, false, _("No search yet: %s searches"), key);
	}
	else if (!s->find(s->owner, s->last, same_way ? s->typing_forward : !s->typing_forward, true))
		app_message(app, true, _("Not found: %s"), s->last);
	else
		say_where(s, app, s->last);
}

void
search_prompt_free(struct search_prompt *s)
{
	free(s->last);
	s->last = NULL;
}
