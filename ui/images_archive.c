/* The Images panel's archive keys: s saves the marked images (or the selected one) into a
 * file, L loads an archive, I imports a root file system, b builds from a Dockerfile. They
 * prompt for what docker's commands take, confirm before a file is replaced, and start jobs
 * (ui/archive_tasks.c, ui/build_tasks.c) that report in the Jobs panel. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "archive_save.h"
#include "format.h"
#include "i18n.h"
#include "images_view.h"
#include "strv.h"
#include "tasks.h"
#include "view.h"
#include "xalloc.h"

/* "~/x" as the shell would expand it; anything else as typed. New string. */
static char *
expand_home(const char *path)
{
	const char *home = getenv("HOME");
	if (path[0] == '~' && (path[1] == '/' || !path[1]) && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* ---- s: save ----------------------------------------------------------------------------- */

/* The save being asked for: one prompt or dialog is open at a time, on the UI thread. */
static struct save_request {
	struct app *app;
	char **names;
	size_t n;
	int64_t size;
	char *path;
} save;

static void
save_clear(void)
{
	strv_free(save.names, save.n);
	free(save.path);
	save = (struct save_request){ 0 };
}

static void
save_yes(void *ctx, struct dialog *d)
{
	(void)ctx;
	(void)d;
	task_save(app_tasks(save.app), save.names, save.n, save.path, true, save.size);
	save_clear();
}

static bool
save_accept(void *ctx, const char *text, char **err)
{
	(void)ctx;
	if (!*text) {
		*err = xstrdup(_("Name the file: NAME.tar, or .tar.gz, .tar.zst, .tar.xz to compress"));
		return false;
	}
	free(save.path);
	save.path = expand_home(text);
	struct stat st;
	if (stat(save.path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = xstrdup(_("That is a directory: name a file in it"));
		return false;
	}
	if (!archive_save_exists(save.path)) {
		task_save(app_tasks(save.app), save.names, save.n, save.path, false, save.size);
		save_clear();
		return true;
	}
	/* Never overwritten without asking: the command, and what is replaced. */
	static const struct dialog_ops ops = { save_yes, NULL };
	struct dialog *d = app_confirm(save.app, _(" Replace this file?"), &ops, NULL);
	struct strbuf cmd = STRBUF_INIT;
	sb_printf(&cmd, "docker image save -o %s", save.path);
	for (size_t i = 0; i < save.n; i++)
		sb_printf(&cmd, " %s", save.names[i]);
	dialog_add_line(d, cmd.buf);
	sb_free(&cmd);
	char size[32], line[1200];
	format_size(size, sizeof(size), stat(save.path, &st) == 0 ? (int64_t)st.st_size : 0);
	snprintf(line, sizeof(line), _("%s exists (%s): it is replaced once the new archive is complete."),
		 save.path, size);
	dialog_add_line(d, line);
	return true;
}

static void
save_cancel(void *ctx)
{
	(void)ctx;
	save_clear();
}

static bool
cmd_save(struct view *view)
{
	save_clear();
	save.app = view->app;
	save.names = images_view_targets(view, &save.n, &save.size);
	if (!save.n) {
		save_clear();
		return true;
	}
	char *name = archive_save_default_name((const char *const *)save.names, save.n, ARCHIVE_COMPRESS_NONE);
	static const struct prompt_ops ops = { save_accept, NULL, save_cancel };
	app_prompt(view->app, _("Save to (.tar; .tar.gz, .tar.zst, .tar.xz compress): "), name, &ops, NULL);
	free(name);
	return true;
}

/* ---- L: load, I: import ------------------------------------------------------------------ */

static bool
load_accept(void *ctx, const char *text, char **err)
{
	struct app *app = ctx;
	if (!*text) {
		*err = xstrdup(_("Name the archive: a docker save file, plain or compressed"));
		return false;
	}
	char *path = expand_home(text);
	struct stat st;
	bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	if (!ok)
		*err = xasprintf(_("%s: no such file"), text);
	else
		task_load(app_tasks(app), path);
	free(path);
	return ok;
}

static bool
cmd_load(struct view *view)
{
	static const struct prompt_ops ops = { load_accept, NULL, NULL };
	app_prompt(view->app, _("Load (docker load -i): "), NULL, &ops, view->app);
	return true;
}

static bool
import_accept(void *ctx, const char *text, char **err)
{
	struct app *app = ctx;
	return task_import(app_tasks(app), text, err);
}

static bool
cmd_import(struct view *view)
{
	static const struct prompt_ops ops = { import_accept, NULL, NULL };
	app_prompt(view->app, _("Import (docker import [-c CHANGE] [-m MSG] FILE|DIR [REPO[:TAG]]): "), NULL,
		   &ops, view->app);
	return true;
}

/* ---- b: build ---------------------------------------------------------------------------------- */

static bool
build_accept(void *ctx, const char *text, char **err)
{
	struct app *app = ctx;
	return task_build(app_tasks(app), text, err);
}

static bool
cmd_build(struct view *view)
{
	static const struct prompt_ops ops = { build_accept, NULL, NULL };
	app_prompt(view->app, "docker build ", task_build_last(app_tasks(view->app)), &ops, view->app);
	return true;
}

static const struct view_key rows[] = {
	{ 's', 0, cmd_save, N_("Save the marked images, or the selected one, into a file (docker save)"), NULL, "save" },
	{ 'L', 0, cmd_load, N_("Load images from an archive file (docker load)"), NULL, "load" },
	{ 'I', 0, cmd_import, N_("Import a root file system from a tarball or a directory (docker import)"), NULL, "import" },
	{ 'b', 0, cmd_build, N_("Build an image from a Dockerfile and its context (docker build)"), NULL, "build" },
};

const struct keytable images_archive_keys = KEYTABLE("archives", N_("Archives and builds"), rows);
