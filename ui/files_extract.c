/* X in the Files tab: a file or a folder out of the image into a directory, as
 * `docker cp $(docker create IMAGE):/path DEST` would, without a container: a prompt for the
 * destination, a confirmation when something of that name is there, then layer_stream_extract
 * on a worker of the owner view and a notice of what was written and what was skipped. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "files_internal.h"
#include "format.h"
#include "i18n.h"
#include "layer_cmd.h"
#include "layer_stream.h"
#include "xalloc.h"

void
files_extract_forget(struct files_pane *p)
{
	layer_pick_free(p->pending_pick);
	p->pending_pick = NULL;
	free(p->pending_dest);
	free(p->pending_path);
	p->pending_dest = p->pending_path = NULL;
}

/* ---- the worker ------------------------------------------------------------------------ */

struct extract_fetch {
	struct fetch base;
	char *image_id;
	struct layer_pick *pick;
	char *dest;
	char *path;		/* sanitized, for the notice */
	enum archive_result result;
	struct layer_extract_result res;
	char *err;
};

static void
extract_run(struct fetch *f)
{
	struct extract_fetch *ef = (struct extract_fetch *)f;
	struct layer_source src = { .engine = f->engine, .image = ef->image_id, .fd = -1 };
	/* The user said yes to replacing: overwrite; owners only as tar would (root). */
	struct layer_extract_opts o = { .dest = ef->dest, .overwrite = true, .owners = false, .cancel = &f->cancel };
	ef->result = layer_stream_extract(&src, ef->pick, &o, &ef->res, &ef->err);
}

static void
extract_apply(struct fetch *f, void *owner)
{
	struct extract_fetch *ef = (struct extract_fetch *)f;
	struct view *v = owner;
	v->files->extracting = false;
	switch (ef->result) {
	case ARCHIVE_RESULT_DONE: {
		char size[32];
		format_size(size, sizeof(size), ef->res.bytes > INT64_MAX ? INT64_MAX : (int64_t)ef->res.bytes);
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, _("Extracted %s into %s: files %zu, folders %zu, links %zu, %s"), ef->path,
			  ef->res.top ? ef->res.top : ef->dest, ef->res.files, ef->res.dirs, ef->res.links, size);
		if (ef->res.skipped) {
			/* The first reason; the rest are alike more often than not. */
			const char *report = ef->res.report ? ef->res.report : "";
			size_t len = strcspn(report, "\n");
			sb_printf(&sb, _("; %zu skipped (%.*s)"), ef->res.skipped, (int)len, report);
		}
		app_message(v->app, ef->res.skipped > 0, "%s", sb.buf);
		sb_free(&sb);
		break;
	}
	case ARCHIVE_RESULT_CANCELLED:
		app_message(v->app, false, _("Extraction cancelled: what was written stays in %s"), ef->dest);
		break;
	case ARCHIVE_RESULT_FAILED:
	case ARCHIVE_RESULT_EXISTS:
	default:
		app_message(v->app, true, _("Cannot extract %s: %s"), ef->path, ef->err ? ef->err : _("it exists"));
		break;
	}
}

static void
extract_release(struct fetch *f)
{
	struct extract_fetch *ef = (struct extract_fetch *)f;
	layer_pick_free(ef->pick);
	layer_extract_result_free(&ef->res);
	free(ef->image_id);
	free(ef->dest);
	free(ef->path);
	free(ef->err);
	free(ef);
}

static const struct fetch_ops extract_ops = { extract_run, extract_apply, extract_release };

static void
start(struct files_pane *p)
{
	struct extract_fetch *ef = xcalloc(1, sizeof(*ef));
	ef->image_id = xstrdup(p->image_id);
	ef->pick = p->pending_pick;
	ef->dest = p->pending_dest;
	ef->path = p->pending_path;
	p->pending_pick = NULL;
	p->pending_dest = p->pending_path = NULL;
	p->extracting = true;
	char key[32];
	view_named_key(p->view, "cancel", key, sizeof(key));
	app_message(p->view->app, false, _("Extracting %s into %s… (%s cancels)"), ef->path, ef->dest, key);
	app_fetch(p->view, p->job_slot, &ef->base, &extract_ops);
}

/* ---- asking ------------------------------------------------------------------------------ */

static void
replace_yes(void *ctx, struct dialog *d)
{
	(void)d;
	start(ctx);
}

static bool
dest_accept(void *ctx, const char *text, char **err)
{
	struct files_pane *p = ctx;
	const char *dest = text[0] ? text : ".";
	struct stat st;
	if (stat(dest, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*err = xasprintf(_("%s is not a directory"), dest);
		return false;
	}
	free(p->pending_dest);
	p->pending_dest = xstrdup(dest);
	/* The pick's top lands under its own name: is something there already? */
	char *target = xasprintf("%s%s%s", dest, dest[strlen(dest) - 1] == '/' ? "" : "/",
				 layer_pick_name(p->pending_pick));
	if (lstat(target, &st) != 0) {
		free(target);
		start(p);
		return true;
	}
	static const struct dialog_ops ops = { .yes = replace_yes };
	struct dialog *d = app_confirm(p->view->app, _(" Replace what is there?"), &ops, p);
	char *line = xasprintf(_("%s exists: extracting %s replaces what is there."), target, p->pending_path);
	dialog_add_line(d, line);
	free(line);
	dialog_add_line(d, "");
	dialog_add_line(d, _("The same with docker:"));
	char *cmd = layer_cmd_cp(p->image_name, p->pending_path, dest);
	dialog_add_line(d, cmd);
	free(cmd);
	free(target);
	return true;
}

static void
dest_cancel(void *ctx)
{
	files_extract_forget(ctx);
}

void
files_extract_ask(struct files_pane *p, uint32_t node)
{
	struct app *app = p->view->app;
	if (p->extracting) {
		char key[32];
		view_named_key(p->view, "cancel", key, sizeof(key));
		app_message(app, false, _("An extraction is running: %s cancels it"), key);
		return;
	}
	files_extract_forget(p);
	struct layer_query q;
	files_query(p, &q);
	char *err = NULL;
	/* Picked now: what the screen shows when X is pressed is what gets written. */
	p->pending_pick = layer_tree_pick(files_tree(p), &q, node, &err);
	if (!p->pending_pick) {
		app_message(app, true, "%s", err ? err : _("Nothing to extract here"));
		free(err);
		return;
	}
	p->pending_path = layer_tree_path_label(files_tree(p), node);
	free(p->prompt_label);
	p->prompt_label = xasprintf(_("Extract %s into: "), p->pending_path);
	char cwd[PATH_MAX];
	static const struct prompt_ops ops = { dest_accept, NULL, dest_cancel };
	app_prompt(app, p->prompt_label, getcwd(cwd, sizeof(cwd)) ? cwd : ".", &ops, p);
}

bool
files_extract_cancel(struct files_pane *p)
{
	struct fetch *f = p->view->slot[p->job_slot].f;
	if (!p->extracting || !f)
		return false;
	/* The worker stops and its notice says so; what was written stays. */
	cancel_request(&f->cancel);
	return true;
}
