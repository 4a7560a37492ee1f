/* The jobs that act on containers: lifecycle (start, stop, restart, kill, pause, unpause,
 * rename, remove), run from an image (pulling it first when missing), and container prune with
 * its exact preview. Each runs on the tasks' worker; the outcome goes to the Jobs panel and the
 * status line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "cmdline.h"
#include "commit.h"
#include "config_apply.h"
#include "container_ops.h"
#include "builder_prune.h"
#include "container_prune.h"
#include "disk_view.h"
#include "format.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "session.h"
#include "strbuf.h"
#include "strv.h"
#include "registry_creds.h"
#include "tasks_internal.h"
#include "view.h"
#include "worker.h"
#include "xalloc.h"

/* ---- lifecycle ------------------------------------------------------------------------ */

struct op_task {
	struct task_base b;
	enum container_op op;
	char *id, *name, *signal, *new_name;
	struct container_op_args args;
	struct container_result r;
	bool ran;
};

static void *
op_run(void *arg)
{
	struct op_task *t = arg;
	if (!task_begin(&t->b))
		return t;
	container_op_run(t->b.engine, t->op, t->id, t->name, &t->args, t->b.cancel, &t->r);
	t->ran = true;
	return t;
}

static void
op_done(void *arg, void *result, bool cancelled)
{
	struct op_task *t = arg;
	(void)result;
	if (!cancelled) {
		struct app *app = t->b.t->app;
		if (!t->ran || t->r.status == ENGINE_CANCELLED) {
			task_finish(&t->b, true, NULL, NULL);
		} else if (t->r.ok) {
			/* Done, or already so (304): a notice either way, never an error. */
			task_finish(&t->b, false, NULL, t->r.message);
			app_message(app, false, "%s", t->r.message);
		} else {
			task_finish(&t->b, false, t->r.message, NULL);
			app_message(app, true, "%s", t->r.message);
		}
	}
	if (t->ran)
		container_result_free(&t->r);
	task_base_free(&t->b);
	free(t->id);
	free(t->name);
	free(t->signal);
	free(t->new_name);
	free(t);
}

void
task_container_op(struct tasks *tk, enum container_op op, const char *id, const char *name,
		  const struct container_op_args *args)
{
	struct op_task *t = xcalloc(1, sizeof(*t));
	t->op = op;
	t->id = xstrdup(id);
	t->name = xstrdup(name);
	t->args = *args;
	if (args->signal)
		t->args.signal = t->signal = xstrdup(args->signal);
	if (args->new_name)
		t->args.new_name = t->new_name = xstrdup(args->new_name);
	char *target = xasprintf("%s %s", container_op_name(op), name);
	task_base_init(tk, &t->b, JOB_CONTAINER, target);
	free(target);
	worker_post(tk->worker, op_run, op_done, t);
}

/* ---- run from an image ------------------------------------------------------------------ */

struct run_task {
	struct task_base b;
	struct run_args a;
	char *id;
	struct strbuf warnings;
	char *error;
	bool pulled;
	bool cancelled;
};

/* POST /containers/create: the new ID and the engine's warnings, or the HTTP status. */
static long
run_create(struct run_task *t)
{
	struct engine_response r = engine_request(t->b.engine, "POST", t->a.path, t->a.body, t->b.cancel);
	long status = r.status == ENGINE_OK ? r.http_status : -1;
	if (r.status == ENGINE_CANCELLED) {
		t->cancelled = true;
	} else if (status == 201) {
		cJSON *doc = json_parse(r.body, r.len);
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(doc, "Id");
		const cJSON *w;
		if (cJSON_IsString(id))
			t->id = sanitize(id->valuestring);
		cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(doc, "Warnings")) {
			if (!cJSON_IsString(w))
				continue;
			char *clean = sanitize(w->valuestring);
			sb_printf(&t->warnings, "%s%s %s", t->warnings.len ? "\n" : "", _("WARNING:"), clean);
			free(clean);
		}
		cJSON_Delete(doc);
	} else if (status != 404) {
		t->error = xstrdup(r.error ? r.error : _("The engine did not answer"));
	}
	engine_response_free(&r);
	return status;
}

/* The image is missing: pull it as docker run does, its layers on the job's rows. */
static bool
run_pull(struct run_task *t)
{
	struct strbuf path = STRBUF_INIT;
	char *from = engine_escape(t->a.image);
	sb_printf(&path, "/images/create?fromImage=%s", from);
	free(from);
	/* A reference without a tag pulls :latest, not every tag. */
	const char *last = strrchr(t->a.image, '/');
	last = last ? last : t->a.image;
	if (!strchr(last, ':') && !strchr(t->a.image, '@'))
		sb_puts(&path, "&tag=latest");
	if (t->a.platform) {
		char *p = engine_escape(t->a.platform);
		sb_printf(&path, "&platform=%s", p);
		free(p);
	}
	char *auth = task_registry_auth(t->a.image);
	struct engine_response r = engine_stream_auth(t->b.engine, "POST", path.buf, auth, task_pull_line, &t->b,
						      t->b.cancel);
	secret_free(auth);
	sb_free(&path);
	bool ok = r.status == ENGINE_OK && r.http_status < 400;
	if (r.status == ENGINE_CANCELLED)
		t->cancelled = true;
	else if (!ok)
		t->error = xstrdup(r.error ? r.error : _("The engine did not answer"));
	engine_response_free(&r);
	t->pulled = true;
	return ok;
}

static void *
run_run(void *arg)
{
	struct run_task *t = arg;
	if (!task_begin(&t->b)) {
		t->cancelled = true;
		return t;
	}
	long status = run_create(t);
	if (status == 404 && !t->cancelled && run_pull(t))
		status = run_create(t);
	if (status == 404 && !t->error)
		t->error = xasprintf(_("No such image: %s"), t->a.image);
	if (!t->id || t->error || t->cancelled)
		return t;
	char *path = xasprintf("/containers/%s/start", t->id);
	struct engine_response r = engine_request(t->b.engine, "POST", path, NULL, t->b.cancel);
	if (r.status == ENGINE_CANCELLED)
		t->cancelled = true;
	else if (r.status != ENGINE_OK || (r.http_status >= 400))
		t->error = xasprintf(_("Created %.12s, but it did not start: %s"), t->id,
				     r.error ? r.error : _("The engine did not answer"));
	engine_response_free(&r);
	free(path);
	return t;
}

static void
run_done(void *arg, void *result, bool cancelled)
{
	struct run_task *t = arg;
	(void)result;
	if (!cancelled) {
		struct app *app = t->b.t->app;
		if (t->cancelled) {
			task_finish(&t->b, true, NULL, NULL);
		} else if (t->error) {
			task_finish(&t->b, false, t->error, t->warnings.buf);
			app_message(app, true, "%s", t->error);
		} else {
			char *text = xasprintf("%.12s%s%s", t->id, t->warnings.len ? "\n" : "",
					       t->warnings.len ? t->warnings.buf : "");
			joblist_set_progress(&t->b.t->jobs, t->b.id, 100, "");
			task_finish(&t->b, false, NULL, text);
			free(text);
			app_message(app, t->warnings.len > 0, _("Started %s (%.12s)%s"),
				    t->a.name ? t->a.name : t->a.image, t->id,
				    t->warnings.len ? _(": see its warnings in the Jobs panel") : "");
			/* The new container is the one selected in the Containers panel. */
			struct view *root = app_panel_root(app, PANEL_CONTAINERS);
			if (root && root->ops->focus)
				root->ops->focus(root, t->id, NULL);
		}
	}
	run_args_free(&t->a);
	sb_free(&t->warnings);
	task_base_free(&t->b);
	free(t->id);
	free(t->error);
	free(t);
}

bool
task_run(struct tasks *tk, const char *input, char **err)
{
	struct run_task *t = xcalloc(1, sizeof(*t));
	if (!run_args_parse(input, &t->a, err)) {
		free(t);
		return false;
	}
	task_base_init(tk, &t->b, JOB_RUN, t->a.name ? t->a.name : t->a.image);
	tasks_add_pull_model(tk, t->b.id);
	if (!t->a.detach) {
		char key[32];
		config_key_of("containers", "attach", key, sizeof(key));
		app_message(tk->app, false, _("Runs detached here (-d): %s attaches to it"), key);
	}
	worker_post(tk->worker, run_run, run_done, t);
	return true;
}

/* ---- commit --------------------------------------------------------------------------- */

struct commit_task {
	struct task_base b;
	char *path;
	char *reference;
	struct engine_response r;
};

static void *
commit_run(void *arg)
{
	struct commit_task *t = arg;
	if (task_begin(&t->b))
		t->r = engine_request(t->b.engine, "POST", t->path, NULL, t->b.cancel);
	else
		t->r.status = ENGINE_CANCELLED;
	return t;
}

static void
commit_done(void *arg, void *result, bool cancelled)
{
	struct commit_task *t = arg;
	(void)result;
	if (!cancelled) {
		struct app *app = t->b.t->app;
		if (t->r.status == ENGINE_CANCELLED) {
			task_finish(&t->b, true, NULL, NULL);
		} else if (t->r.status != ENGINE_OK || t->r.http_status >= 400) {
			const char *why = t->r.error ? t->r.error : _("The engine did not answer");
			task_finish(&t->b, false, why, NULL);
			app_message(app, true, "%s", why);
		} else {
			cJSON *doc = json_parse(t->r.body, t->r.len);
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(doc, "Id");
			char *clean = sanitize(cJSON_IsString(id) ? id->valuestring : "");
			task_finish(&t->b, false, NULL, clean);
			char shortid[16];
			format_short_id(shortid, sizeof(shortid), clean);
			app_message(app, false, _("Committed %s as %s"), shortid, t->reference ? t->reference : "<none>");
			free(clean);
			cJSON_Delete(doc);
		}
	}
	engine_response_free(&t->r);
	task_base_free(&t->b);
	free(t->path);
	free(t->reference);
	free(t);
}

/* What people type after `docker commit CONTAINER`. */
enum { COMMIT_MESSAGE, COMMIT_AUTHOR, COMMIT_CHANGE, COMMIT_PAUSE };

static const struct cmdline_opt commit_opts[] = {
	{ "message", 'm', true, COMMIT_MESSAGE },
	{ "author", 'a', true, COMMIT_AUTHOR },
	{ "change", 'c', true, COMMIT_CHANGE },
	{ "pause", 'p', false, COMMIT_PAUSE },
};

struct commit_words {
	struct commit_input in;
	const char **changes;
};

static bool
commit_opt(void *ctx, const struct cmdline_opt *opt, const char *value, bool on, char **err)
{
	struct commit_words *c = ctx;
	(void)err;
	switch (opt->id) {
	case COMMIT_MESSAGE: c->in.message = value; break;
	case COMMIT_AUTHOR: c->in.author = value; break;
	case COMMIT_CHANGE: c->changes[c->in.nchanges++] = value; break;
	default: c->in.no_pause = !on; break;
	}
	return true;
}

static bool
commit_arg(void *ctx, const char *word, char **err)
{
	struct commit_words *c = ctx;
	if (c->in.reference) {
		*err = cmdline_error(_("one repository[:tag] only: %s is one too many"), word);
		return false;
	}
	c->in.reference = word;
	return true;
}

/* -m, -a, -c (repeated), --pause, and the repository[:tag]. */
bool
task_commit(struct tasks *tk, const char *id, const char *name, const char *input, char **err)
{
	struct words w = { 0 };
	if (!words_split(input, &w)) {
		*err = xstrdup(_("A quote is not closed"));
		return false;
	}
	struct commit_words c = { .in = { .container = id } };
	const char **changes = c.changes = xcalloc(w.n ? w.n : 1, sizeof(*changes));
	bool ok = cmdline_parse(&w, 0, commit_opts, sizeof(commit_opts) / sizeof(commit_opts[0]), commit_opt,
				commit_arg, &c, err);
	struct commit_input in = c.in;
	in.changes = changes;
	char *path = NULL;
	if (ok)
		ok = commit_path(&in, &path, err);
	if (ok) {
		struct commit_task *t = xcalloc(1, sizeof(*t));
		t->path = path;
		t->reference = in.reference ? xstrdup(in.reference) : NULL;
		char *target = xasprintf("%s \xe2\x86\x92 %s", name, in.reference ? in.reference : "<none>");
		task_base_init(tk, &t->b, JOB_COMMIT, target);
		free(target);
		worker_post(tk->worker, commit_run, commit_done, t);
	}
	free(changes);
	words_free(&w);
	return ok;
}

/* ---- container prune ---------------------------------------------------------------------- */

static const struct { int64_t seconds; const char *go; } until_choices[] = {
	{ CONTAINER_PRUNE_NO_UNTIL, NULL }, { 3600, "1h" }, { 24 * 3600, "24h" }, { 7 * 24 * 3600, "168h" },
};
#define NUNTIL ((int)(sizeof(until_choices) / sizeof(until_choices[0])))

struct cprune_fetch {
	struct fetch base;
	struct container_list list;
	char *error;
};

static void
cprune_fetch_run(struct fetch *f)
{
	struct cprune_fetch *pf = (struct cprune_fetch *)f;
	/* Sizes cost the engine a walk of every container's layer: only here, on demand. */
	containers_fetch_sized(f->engine, true, &f->cancel, &pf->list, &pf->error);
}

static void cprune_fill(struct tasks *tk);

static void
cprune_fetch_apply(struct fetch *f, void *owner)
{
	struct cprune_fetch *pf = (struct cprune_fetch *)f;
	struct tasks *tk = owner;
	if (pf->error) {
		app_message(tk->app, true, "%s", pf->error);
		return;
	}
	container_list_free(&tk->cprune.containers);
	tk->cprune.containers = pf->list;
	memset(&pf->list, 0, sizeof(pf->list));
	cprune_fill(tk);
}

static void
cprune_fetch_release(struct fetch *f)
{
	struct cprune_fetch *pf = (struct cprune_fetch *)f;
	container_list_free(&pf->list);
	free(pf->error);
	free(pf);
}

static const struct fetch_ops cprune_fetch_ops = { cprune_fetch_run, cprune_fetch_apply, cprune_fetch_release };

void
task_container_prune_preview(struct tasks *tk)
{
	struct cprune_fetch *pf = xcalloc(1, sizeof(*pf));
	tk->cprune.until_choice = 0;
	app_message(tk->app, false, "%s", _("Preparing the preview of what goes…"));
	fetch_post(app_fetcher(tk->app), &tk->cprune.slot, &pf->base, &cprune_fetch_ops, tk,
		   session_engine(app_session(tk->app)));
}

/* A container prune, or the build cache's (docker builder prune [-a]): the same answer. */
struct cprune_task {
	struct task_base b;
	bool build_cache, all;
	int64_t until;
	struct container_prune_result r;
	bool ran;
};

static void *
cprune_run(void *arg)
{
	struct cprune_task *t = arg;
	if (!task_begin(&t->b))
		return t;
	if (t->build_cache)
		builder_prune_run(t->b.engine, t->all, t->b.cancel, &t->r);
	else
		container_prune_run(t->b.engine, t->until, t->b.cancel, &t->r);
	t->ran = true;
	return t;
}

static void
cprune_done(void *arg, void *result, bool cancelled)
{
	struct cprune_task *t = arg;
	(void)result;
	if (!cancelled) {
		if (!t->ran || t->r.status == ENGINE_CANCELLED) {
			task_finish(&t->b, true, NULL, NULL);
		} else if (t->r.error) {
			task_finish(&t->b, false, t->r.error, NULL);
			app_message(t->b.t->app, true, "%s", t->r.error);
		} else {
			task_finish(&t->b, false, NULL, t->r.text);
			char size[32];
			format_size(size, sizeof(size), t->r.reclaimed);
			if (t->build_cache)
				app_message(t->b.t->app, false, _("Removed %zu build cache records; reclaimed %s"),
					    t->r.ndeleted, size);
			else
				app_message(t->b.t->app, false, _("Removed %zu containers; reclaimed %s"), t->r.ndeleted,
					    size);
			disk_panel_pruned(t->b.t->app);
		}
	}
	if (t->ran)
		container_prune_result_free(&t->r);
	task_base_free(&t->b);
	free(t);
}

static void
cprune_yes(void *ctx, struct dialog *d)
{
	struct tasks *tk = ctx;
	(void)d;
	struct cprune_task *t = xcalloc(1, sizeof(*t));
	t->until = until_choices[tk->cprune.until_choice].seconds;
	task_base_init(tk, &t->b, JOB_CONTAINER_PRUNE, _("stopped containers"));
	worker_post(tk->worker, cprune_run, cprune_done, t);
}

void
task_builder_prune(struct tasks *tk, bool all)
{
	struct cprune_task *t = xcalloc(1, sizeof(*t));
	t->build_cache = true;
	t->all = all;
	task_base_init(tk, &t->b, JOB_PRUNE, all ? _("all unused build cache") : _("dangling build cache"));
	worker_post(tk->worker, cprune_run, cprune_done, t);
}

static void
cprune_changed(void *ctx, struct dialog *d, int key)
{
	struct tasks *tk = ctx;
	(void)d;
	if (key == 'u')	/* steps through the ages: any, 1h, 24h, 7 days */
		tk->cprune.until_choice = (tk->cprune.until_choice + 1) % NUNTIL;
	cprune_fill(tk);
}

static void
cprune_fill(struct tasks *tk)
{
	static const struct dialog_ops ops = { cprune_yes, cprune_changed };
	int64_t until = until_choices[tk->cprune.until_choice].seconds;
	int64_t now = (int64_t)time(NULL);
	struct container_prune_preview pv;
	container_prune_preview(&tk->cprune.containers, until, now, &pv);
	struct dialog *d = app_confirm(tk->app, _(" Remove stopped containers"), &ops, tk);
	char *cmd = container_prune_command(until);
	dialog_add_line(d, cmd);
	free(cmd);
	dialog_add_line(d, "");
	if (!pv.ncontainers) {
		dialog_add_line(d, _("Nothing to remove: no stopped container matches."));
		d->can_proceed = false;
	} else {
		char size[32], line[512];
		format_size(size, sizeof(size), pv.space);
		snprintf(line, sizeof(line), ngettext("%zu container goes, freeing %s:", "%zu containers go, freeing %s:",
						      pv.ncontainers), pv.ncontainers, size);
		dialog_add_line(d, line);
		for (size_t i = 0; i < pv.ncontainers; i++) {
			const struct container *c = pv.containers[i];
			char sz[32];
			format_size(sz, sizeof(sz), c->size_rw);
			dialog_add_linef(d, "  %.12s  %-24s  %8s  %s", c->id, c->name, sz, c->status);
		}
	}
	if (pv.nkept_running) {
		char line[160];
		snprintf(line, sizeof(line), ngettext("%zu running container stays.", "%zu running containers stay.",
						      pv.nkept_running), pv.nkept_running);
		dialog_add_line(d, "");
		dialog_add_line(d, line);
	}
	char label[96];
	snprintf(label, sizeof(label), "%s: %s", _("only containers older than (until=)"),
		 until_choices[tk->cprune.until_choice].go ? until_choices[tk->cprune.until_choice].go : _("any age"));
	dialog_add_switch(d, 'u', label, tk->cprune.until_choice != 0);
	container_prune_preview_free(&pv);
}
