/* e and A: a shell (or any command) in a running container, and attaching to its main
 * process. The engine's part (create, the connection upgrade) runs as a fetch, so a stalled
 * engine never freezes budu; then the terminal is handed over (ui/handover.c) and, once the
 * session ends, budu says how it ended. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "cmdline.h"
#include "config_apply.h"
#include "engine.h"
#include "exec.h"
#include "handover.h"
#include "hijack.h"
#include "i18n.h"
#include "json.h"
#include "view.h"
#include "xalloc.h"

/* docker's own default, shown before handing over so nobody is stuck inside. */
#define DETACH_KEYS "ctrl-p,ctrl-q"

struct exec_fetch {
	struct fetch base;
	char *container, *name;
	struct words cmd;	/* exec: the command; none for attach */
	bool attach;
	bool tty;
	char *exec_id;
	struct hijack *h;
	char *error;
	bool not_running;
};

/* Whether the container runs and has a TTY (attach needs both answers first). */
static bool
container_state(struct engine *e, const char *id, struct cancel *c, bool *running, bool *tty, bool *stdin_open)
{
	char *path = xasprintf("/containers/%s/json", id);
	struct engine_response r;
	char *err = NULL;
	bool ok = engine_get_ok(e, path, c, &r, &err) == ENGINE_OK;
	free(path);
	free(err);
	if (ok) {
		cJSON *doc = json_parse(r.body, r.len);
		const cJSON *state = cJSON_GetObjectItemCaseSensitive(doc, "State");
		const cJSON *config = cJSON_GetObjectItemCaseSensitive(doc, "Config");
		*running = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(state, "Running")) &&
			!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(state, "Paused"));
		*tty = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(config, "Tty"));
		*stdin_open = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(config, "OpenStdin"));
		cJSON_Delete(doc);
	}
	engine_response_free(&r);
	return ok;
}

static void
exec_run(struct fetch *f)
{
	struct exec_fetch *x = (struct exec_fetch *)f;
	bool running = false, tty = false, stdin_open = false;
	if (!container_state(f->engine, x->container, &f->cancel, &running, &tty, &stdin_open)) {
		x->error = xasprintf(_("No such container: %s"), x->name);
		return;
	}
	if (!running) {
		x->not_running = true;
		return;
	}
	if (x->attach) {
		x->tty = tty;
		x->h = hijack_attach(f->engine, x->container, stdin_open, DETACH_KEYS, &x->error);
		return;
	}
	static const char *const env[] = { "TERM=xterm-256color" };
	struct exec_config cfg = {
		.cmd = (const char *const *)x->cmd.v, .ncmd = x->cmd.n, .env = env, .nenv = 1,
		.tty = true, .attach_stdin = true, .attach_stdout = true, .attach_stderr = true,
		.detach_keys = DETACH_KEYS,
	};
	x->tty = true;
	if (hijack_exec_create(f->engine, x->container, &cfg, &x->exec_id, &x->error))
		x->h = hijack_exec_start(f->engine, x->exec_id, true, &x->error);
}

struct resize_ctx {
	struct engine *e;
	const char *exec_id, *container;
};

static void
resize(void *ctx, int rows, int cols)
{
	struct resize_ctx *r = ctx;
	char *err = NULL;
	if (r->exec_id)
		hijack_exec_resize(r->e, r->exec_id, rows, cols, &err);
	else
		hijack_container_resize(r->e, r->container, rows, cols, &err);
	free(err);
}

static void
exec_apply(struct fetch *f, void *owner)
{
	struct exec_fetch *x = (struct exec_fetch *)f;
	struct view *v = owner;
	if (x->not_running) {
		char key[32];
		config_key_of("containers", "start", key, sizeof(key));
		app_message(v->app, true, _("%s is not running: start it first (%s)"), x->name, key);
		return;
	}
	if (!x->h) {
		app_message(v->app, true, "%s", x->error ? x->error : _("The engine did not answer"));
		return;
	}
	/* Without a TTY the terminal stays cooked: lines go at Enter, Ctrl-Q is flow control and
	 * Ctrl-C a signal, which handover_run takes to detach. */
	char *banner = x->attach && !x->tty
		? xasprintf(_("budu: attached to %s, which has no TTY: lines go at Enter. Ctrl-C detaches "
			      "and leaves it running."), x->name)
		: x->attach
		? xasprintf(_("budu: attached to %s. Ctrl-P Ctrl-Q detaches and leaves it running; "
			      "Ctrl-C goes to the process."), x->name)
		: xasprintf(_("budu: %s in %s. exit ends it; Ctrl-P Ctrl-Q detaches."), x->cmd.v[0], x->name);
	struct resize_ctx rc = { f->engine, x->exec_id, x->container };
	handover_run(x->h, x->tty, banner, resize, &rc);
	free(banner);
	hijack_close(x->h);
	x->h = NULL;
	if (x->attach) {
		app_message(v->app, false, _("Detached from %s"), x->name);
		return;
	}
	bool running = false;
	int code = -1;
	char *err = NULL;
	if (!hijack_exec_inspect(f->engine, x->exec_id, &running, &code, &err)) {
		app_message(v->app, true, "%s", err ? err : _("The engine did not answer"));
	} else if (running) {
		app_message(v->app, false, _("Detached from %s in %s: it goes on running"), x->cmd.v[0], x->name);
	} else if (code == 126 || code == 127) {
		/* The engine runs it before it can tell: this is how a missing command shows. */
		app_message(v->app, true, _("%s has no %s (exit code %d)"), x->name, x->cmd.v[0], code);
	} else {
		app_message(v->app, code != 0, _("%s in %s ended: exit code %d"), x->cmd.v[0], x->name, code);
	}
	free(err);
}

static void
exec_release(struct fetch *f)
{
	struct exec_fetch *x = (struct exec_fetch *)f;
	hijack_close(x->h);
	words_free(&x->cmd);
	free(x->container);
	free(x->name);
	free(x->exec_id);
	free(x->error);
	free(x);
}

static const struct fetch_ops exec_ops = { exec_run, exec_apply, exec_release };

bool
exec_start(struct view *v, int slot, const char *id, const char *name, const char *command, char **err)
{
	struct exec_fetch *x = xcalloc(1, sizeof(*x));
	if (!words_split(command, &x->cmd) || x->cmd.n == 0) {
		*err = xstrdup(_("What to run? e.g. sh, or bash"));
		words_free(&x->cmd);
		free(x);
		return false;
	}
	x->container = xstrdup(id);
	x->name = xstrdup(name);
	app_fetch(v, slot, &x->base, &exec_ops);
	return true;
}

void
attach_start(struct view *v, int slot, const char *id, const char *name)
{
	struct exec_fetch *x = xcalloc(1, sizeof(*x));
	x->container = xstrdup(id);
	x->name = xstrdup(name);
	x->attach = true;
	app_fetch(v, slot, &x->base, &exec_ops);
}
