#include "config.h"

#include <stdio.h>

#include "app.h"
#include "filter_prompt.h"
#include "i18n.h"
#include "view.h"

static void
edited(void *ctx, const char *text, char **err)
{
	struct filter_prompt *f = ctx;
	(void)err;
	snprintf(f->text, sizeof(f->text), "%s", text);
	f->apply(f->view);
}

static void
cancelled(void *ctx)
{
	edited(ctx, "", NULL);
}

static bool
accepted(void *ctx, const char *text, char **err)
{
	(void)ctx;
	(void)text;
	(void)err;
	return true;
}

void
filter_prompt_open(struct filter_prompt *f)
{
	static const struct prompt_ops ops = { accepted, edited, cancelled };
	app_prompt(f->view->app, _("Filter: "), f->text, &ops, f);
}

bool
filter_prompt_clear(struct filter_prompt *f)
{
	if (!f->text[0])
		return false;
	f->text[0] = '\0';
	f->apply(f->view);
	return true;
}
