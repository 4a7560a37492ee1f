/* The jobs a user starts from the Images panel: pull, tag, remove and prune. Each runs on the
 * job worker pool; progress and results come back to the UI thread as messages, into the
 * joblist the Jobs panel shows. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_private.h"
#include "format.h"
#include "i18n.h"
#include "pull_input.h"
#include "remove.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

/* A message from a worker about job `id`: it started. */
static void
job_running(void *arg, void *result, bool cancelled)
{
	(void)result;
	unsigned id = (unsigned)(uintptr_t)arg;
	if (!cancelled)
		joblist_set_state(&the_app->jobs, id, JOB_RUNNING, now_ms());
}

static struct job *
job_of(unsigned id)
{
	return joblist_find(&the_app->jobs, id);
}

/* What every task starts with: the job it reports to, and where to run. */
struct task_base {
	struct engine *engine;
	struct worker *worker;
	unsigned id;
	struct cancel *cancel;	/* the job's: stable until the job is finished and cleared */
};

/* UI thread: a new job in the list, and the base of the task that runs it. */
static void
task_base_init(struct app *app, struct task_base *b, enum job_kind kind, const char *target)
{
	b->id = joblist_add(&app->jobs, kind, target, now_ms());
	b->engine = app->engine;
	b->worker = app->job_worker;
	b->cancel = &job_of(b->id)->cancel;
}

/* Worker thread: false when the job was cancelled before it ran; else tells the UI it runs. */
static bool
task_begin(const struct task_base *b)
{
	if (atomic_load(&b->cancel->cancelled))
		return false;
	worker_send(b->worker, job_running, (void *)(uintptr_t)b->id);
	return true;
}

/* UI thread: the job's outcome. error NULL means done (with result, which may be NULL). */
static void
task_finish(unsigned id, bool cancelled, const char *error, const char *result)
{
	struct app *app = the_app;
	long long now = now_ms();
	if (result)
		joblist_set_result(&app->jobs, id, result);
	if (error)
		joblist_set_error(&app->jobs, id, error);
	joblist_set_state(&app->jobs, id, cancelled ? JOB_CANCELLED : error ? JOB_FAILED : JOB_DONE, now);
}

/* ---- pull ------------------------------------------------------------------------ */

struct pull_task {
	struct task_base b;
	char *path;
	struct engine_response r;
};

struct pull_line_msg {
	unsigned id;
	char *line;
	size_t len;
};

const struct pull *
task_pull_model(unsigned job_id, void *ctx)
{
	struct app *app = ctx;
	for (size_t i = 0; i < app->npulls; i++)
		if (app->pulls[i].job_id == job_id)
			return &app->pulls[i].pull;
	return NULL;
}

static void
pull_line_apply(void *arg, void *result, bool cancelled)
{
	struct pull_line_msg *m = arg;
	(void)result;
	struct pull *p = cancelled ? NULL : (struct pull *)task_pull_model(m->id, the_app);
	if (p) {
		pull_feed(p, m->line, m->len);
		char summary[128];
		pull_summary(p, summary, sizeof(summary));
		joblist_set_progress(&the_app->jobs, m->id, pull_percent(p), summary);
	}
	free(m->line);
	free(m);
}

/* Worker side: every line goes to the UI thread, which owns the model. */
static bool
pull_line(const char *line, size_t len, void *ctx)
{
	struct pull_task *t = ctx;
	struct pull_line_msg *m = xmalloc(sizeof(*m));
	m->id = t->b.id;
	m->line = xstrndup(line, len);
	m->len = len;
	worker_send(t->b.worker, pull_line_apply, m);
	return true;
}

static void *
pull_run(void *arg)
{
	struct pull_task *t = arg;
	if (!task_begin(&t->b)) {
		t->r.status = ENGINE_CANCELLED;
		return t;
	}
	/* Closing the stream (cancel) makes the engine drop the pull. */
	t->r = engine_stream(t->b.engine, "POST", t->path, pull_line, t, t->b.cancel);
	return t;
}

static void
pull_done(void *arg, void *result, bool cancelled)
{
	struct pull_task *t = arg;
	(void)result;
	struct app *app = the_app;
	struct pull *p = cancelled ? NULL : (struct pull *)task_pull_model(t->b.id, app);
	if (p) {
		if (t->r.status == ENGINE_CANCELLED) {
			task_finish(t->b.id, true, NULL, NULL);
		} else if (t->r.status != ENGINE_OK || t->r.http_status >= 400 || p->failed) {
			if (!p->failed)
				pull_fail(p, t->r.error ? t->r.error : _("The engine did not answer"));
			task_finish(t->b.id, false, p->error, NULL);
		} else {
			pull_finish(p);
			struct strbuf sb = STRBUF_INIT;
			if (p->digest)
				sb_printf(&sb, "Digest: %s\n", p->digest);
			if (p->status)
				sb_printf(&sb, "Status: %s", p->status);
			char summary[128];
			pull_summary(p, summary, sizeof(summary));
			joblist_set_progress(&app->jobs, t->b.id, 100, summary);
			task_finish(t->b.id, false, NULL, sb.buf ? sb.buf : "");
			sb_free(&sb);
		}
	}
	engine_response_free(&t->r);
	free(t->path);
	free(t);
}

void
task_pull(struct app *app, const char *input, char **err)
{
	struct pull_input in;
	*err = NULL;
	if (!pull_input_parse(input, PULL_INPUT_PULL, &in, err))
		return;
	struct strbuf path = STRBUF_INIT;
	char *from = engine_escape(in.from_image);
	sb_printf(&path, "/images/create?fromImage=%s", from);
	free(from);
	/* No tag pulls every tag (-a); a digest goes in tag too. */
	if (in.tag && *in.tag) {
		char *tag = engine_escape(in.tag);
		sb_printf(&path, "&tag=%s", tag);
		free(tag);
	}
	if (in.platform && *in.platform) {
		char *platform = engine_escape(in.platform);
		sb_printf(&path, "&platform=%s", platform);
		free(platform);
	}
	struct pull_task *t = xcalloc(1, sizeof(*t));
	task_base_init(app, &t->b, JOB_PULL, in.display);
	t->path = sb_detach(&path);
	app->pulls = xrealloc(app->pulls, (app->npulls + 1) * sizeof(*app->pulls));
	app->pulls[app->npulls].job_id = t->b.id;
	pull_init(&app->pulls[app->npulls].pull);
	app->npulls++;
	worker_post(app->job_worker, pull_run, pull_done, t);
	app_message(app, false, _("Pulling %s: 3 or J shows the Jobs panel"), in.display);
	pull_input_free(&in);
}

/* ---- tag ------------------------------------------------------------------------- */

struct simple_task {
	struct task_base b;
	char *path;
	char *ok_text;
	struct engine_response r;
};

static void *
simple_run(void *arg)
{
	struct simple_task *t = arg;
	if (!task_begin(&t->b)) {
		t->r.status = ENGINE_CANCELLED;
		return t;
	}
	t->r = engine_request(t->b.engine, "POST", t->path, NULL, t->b.cancel);
	return t;
}

static void
simple_done(void *arg, void *result, bool cancelled)
{
	struct simple_task *t = arg;
	(void)result;
	if (!cancelled) {
		bool failed = t->r.status != ENGINE_OK || t->r.http_status >= 400;
		if (t->r.status == ENGINE_CANCELLED)
			task_finish(t->b.id, true, NULL, NULL);
		else if (failed)
			task_finish(t->b.id, false, t->r.error ? t->r.error : _("The engine did not answer"), NULL);
		else
			task_finish(t->b.id, false, NULL, t->ok_text);
	}
	engine_response_free(&t->r);
	free(t->path);
	free(t->ok_text);
	free(t);
}

void
task_tag(struct app *app, const char *input, char **err)
{
	*err = NULL;
	const struct image_row *row = images_view_selected(app->images);
	if (!row) {
		*err = xstrdup(_("No image selected"));
		return;
	}
	struct pull_input in;
	if (!pull_input_parse(input, PULL_INPUT_TAG, &in, err))
		return;
	char *repo = engine_escape(in.from_image), *tag = engine_escape(in.tag ? in.tag : "latest");
	struct simple_task *t = xcalloc(1, sizeof(*t));
	/* The short ID: what the user recognises from the list. */
	char shortid[16];
	format_short_id(shortid, sizeof(shortid), row->image->id);
	char *target = xasprintf("%s \xe2\x86\x92 %s", shortid, in.display);
	task_base_init(app, &t->b, JOB_TAG, target);
	free(target);
	t->path = xasprintf("/images/%s/tag?repo=%s&tag=%s", row->image->id, repo, tag);
	t->ok_text = xasprintf(_("Tagged %s as %s"), shortid, in.display);
	free(repo);
	free(tag);
	worker_post(app->job_worker, simple_run, simple_done, t);
	pull_input_free(&in);
}

/* ---- remove ----------------------------------------------------------------------- */

struct remove_task {
	struct task_base b;
	char **refs;
	size_t nrefs;
	bool force, noprune;
	struct strbuf text;
	char *error;
	bool cancelled;
};

static void *
remove_task_run(void *arg)
{
	struct remove_task *t = arg;
	if (!task_begin(&t->b)) {
		t->cancelled = true;
		return t;
	}
	/* One DELETE per reference, in order, as docker image rm does; a failure does not stop
	 * the rest, and every message is kept. */
	for (size_t i = 0; i < t->nrefs; i++) {
		if (atomic_load(&t->b.cancel->cancelled)) {
			t->cancelled = true;
			break;
		}
		struct remove_result r;
		remove_run(t->b.engine, t->refs[i], t->force, t->noprune, t->b.cancel, &r);
		if (r.text && *r.text) {
			if (t->text.len)
				sb_putc(&t->text, '\n');
			sb_puts(&t->text, r.text);
		}
		if (r.error) {
			char *e = t->error ? xasprintf("%s\n%s", t->error, r.error) : xstrdup(r.error);
			free(t->error);
			t->error = e;
		}
		remove_result_free(&r);
	}
	return t;
}

static void
remove_task_done(void *arg, void *result, bool cancelled)
{
	struct remove_task *t = arg;
	(void)result;
	if (!cancelled) {
		struct app *app = the_app;
		task_finish(t->b.id, t->cancelled, t->error, t->text.buf ? t->text.buf : "");
		/* A conflict needs force: say how, the dialog shows who uses the image. */
		if (t->error && strstr(t->error, "conflict"))
			app_message(app, true, _("%s (d, then f, forces it)"), t->error);
		else if (t->error)
			app_message(app, true, "%s", t->error);
	}
	for (size_t i = 0; i < t->nrefs; i++)
		free(t->refs[i]);
	free(t->refs);
	sb_free(&t->text);
	free(t->error);
	free(t);
}

/* The plan for the marked rows (or the selected one), with the dialog's switches. */
static void
remove_fill_dialog(struct app *app, bool force, bool noprune)
{
	size_t n;
	const struct image_row **rows = images_view_marked(app->images, &n);
	struct remove_plan plan;
	remove_plan(images_view_list(app->images), rows, n, images_view_containers(app->images), force,
		    noprune, &plan);
	free(rows);
	struct dialog *d = &app->dialog;
	char title[128];
	snprintf(title, sizeof(title), " %s", ngettext("Remove this image reference?", "Remove these image references?", plan.nitems));
	dialog_open(d, DIALOG_REMOVE, title);
	dialog_add_line(d, plan.command);
	dialog_add_line(d, "");
	int effect_width = text_width(_("delete"));
	if (text_width(_("untag")) > effect_width)
		effect_width = text_width(_("untag"));
	for (size_t i = 0; i < plan.nitems; i++) {
		const struct remove_item *it = &plan.items[i];
		char line[1024];
		const char *effect = it->effect == REMOVE_DELETE ? _("delete") : _("untag");
		/* Pad by display width: the words are translated (Hangul takes two columns). */
		char cell[64];
		text_fit(cell, sizeof(cell), effect, effect_width, true);
		snprintf(line, sizeof(line), "%s  %s", cell, it->arg);
		dialog_add_line(d, line);
		for (size_t u = 0; u < it->nusers; u++) {
			snprintf(line, sizeof(line), "        %s %s (%s)", _("used by container"), it->users[u].name,
				 it->users[u].state);
			dialog_add_line(d, line);
		}
		if (it->block == REMOVE_NEEDS_FORCE) {
			dialog_add_line(d, _("        needs force (f): a container uses it"));
		}
	}
	dialog_add_switch(d, 'f', _("force (-f)"), force);
	dialog_add_switch(d, 'p', _("do not delete untagged parents (--no-prune)"), noprune);
	remove_plan_free(&plan);
}

void
task_remove_confirm(struct app *app)
{
	if (!images_view_selected(app->images))
		return;
	remove_fill_dialog(app, false, false);
}

static void
remove_start(struct app *app, bool force, bool noprune)
{
	size_t n;
	const struct image_row **rows = images_view_marked(app->images, &n);
	struct remove_plan plan;
	remove_plan(images_view_list(app->images), rows, n, images_view_containers(app->images), force,
		    noprune, &plan);
	free(rows);
	struct remove_task *t = xcalloc(1, sizeof(*t));
	t->refs = xcalloc(plan.nitems ? plan.nitems : 1, sizeof(*t->refs));
	for (size_t i = 0; i < plan.nitems; i++)
		t->refs[t->nrefs++] = xstrdup(plan.items[i].ref);
	char *target = plan.nitems == 1 ? xstrdup(plan.items[0].arg)
		: xasprintf(ngettext("%zu image", "%zu images", plan.nitems), plan.nitems);
	task_base_init(app, &t->b, JOB_REMOVE, target);
	free(target);
	t->force = force;
	t->noprune = noprune;
	remove_plan_free(&plan);
	images_view_clear_marks(app->images);
	worker_post(app->job_worker, remove_task_run, remove_task_done, t);
}

/* ---- prune ----------------------------------------------------------------------- */

static const struct { int64_t seconds; const char *go; } until_choices[] = {
	{ PRUNE_NO_UNTIL, NULL }, { 24 * 3600, "24h" }, { 7 * 24 * 3600, "168h" }, { 30 * 24 * 3600, "720h" },
};
#define NUNTIL ((int)(sizeof(until_choices) / sizeof(until_choices[0])))

struct prune_fetch {
	struct engine *engine;
	struct image_list images;
	struct container_list containers;
	char *error;
};

static void *
prune_fetch_run(void *arg)
{
	struct prune_fetch *f = arg;
	if (images_fetch(f->engine, true, NULL, &f->images, &f->error) == ENGINE_OK)
		containers_fetch(f->engine, NULL, &f->containers, &f->error);
	return f;
}

static void
prune_fill_dialog(struct app *app)
{
	struct prune_state *ps = &app->prune;
	prune_preview_free(&ps->preview);
	int64_t until = until_choices[ps->until_choice].seconds;
	int64_t now = app->info.server_time > 0 ? (int64_t)time(NULL) : (int64_t)time(NULL);
	prune_preview(&ps->images, &ps->containers, ps->mode, until, now, &ps->preview);
	struct prune_preview *pv = &ps->preview;
	struct dialog *d = &app->dialog;
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "docker image prune%s%s%s", ps->mode == PRUNE_ALL ? " -a" : "",
		 until_choices[ps->until_choice].go ? " --filter until=" : "",
		 until_choices[ps->until_choice].go ? until_choices[ps->until_choice].go : "");
	dialog_open(d, DIALOG_PRUNE, ps->mode == PRUNE_ALL ? _(" Clean up unused images") : _(" Clean up dangling images"));
	dialog_add_line(d, cmd);
	dialog_add_line(d, "");
	if (pv->ndeleted == 0 && pv->nuntagged == 0) {
		dialog_add_line(d, _("Nothing to remove: no image matches."));
		d->can_proceed = false;
	} else {
		char size[32], line[512];
		format_size(size, sizeof(size), pv->reclaim_max);
		snprintf(line, sizeof(line), ngettext("%zu image goes, freeing up to %s:",
						      "%zu images go, freeing up to %s:", pv->ndeleted), pv->ndeleted, size);
		dialog_add_line(d, line);
		int age_width = 0;
		for (size_t i = 0; i < pv->nimages; i++) {
			char created[64];
			format_created(created, sizeof(created), now, pv->images[i].created);
			if (text_width(created) > age_width)
				age_width = text_width(created);
		}
		for (size_t i = 0; i < pv->nimages; i++) {
			const struct prune_image *im = &pv->images[i];
			char id[16], created[64], sz[32];
			format_short_id(id, sizeof(id), im->id);
			format_created(created, sizeof(created), now, im->created);
			format_size(sz, sizeof(sz), im->size);
			/* Ages are translated: pad them by display width, not bytes. */
			char age[128];
			text_fit(age, sizeof(age), created, age_width, true);
			snprintf(line, sizeof(line), "  %-12s  %s  %8s  %s%s", id, age, sz,
				 im->deleted ? "" : _("(untagged only) "),
				 im->nuntagged ? im->untagged[0] : "");
			dialog_add_line(d, line);
		}
	}
	dialog_add_switch(d, 'a', _("all unused images, not only dangling ones (-a)"), ps->mode == PRUNE_ALL);
	char until_label[96];
	snprintf(until_label, sizeof(until_label), "%s: %s", _("only images older than (until=)"),
		 until_choices[ps->until_choice].go ? until_choices[ps->until_choice].go : _("any age"));
	dialog_add_switch(d, 'u', until_label, ps->until_choice != 0);
}

static void
prune_fetch_done(void *arg, void *result, bool cancelled)
{
	struct prune_fetch *f = arg;
	(void)result;
	struct app *app = the_app;
	if (!cancelled && app->prune.loading) {
		struct prune_state *ps = &app->prune;
		ps->loading = false;
		if (f->error) {
			app_message(app, true, "%s", f->error);
		} else {
			image_list_free(&ps->images);
			container_list_free(&ps->containers);
			ps->images = f->images;
			ps->containers = f->containers;
			memset(&f->images, 0, sizeof(f->images));
			memset(&f->containers, 0, sizeof(f->containers));
			prune_fill_dialog(app);
		}
	}
	image_list_free(&f->images);
	container_list_free(&f->containers);
	free(f->error);
	free(f);
}

void
task_prune_start(struct app *app)
{
	/* The preview needs intermediate images and containers: fetch them first. */
	struct prune_fetch *f = xcalloc(1, sizeof(*f));
	f->engine = app->engine;
	app->prune.loading = true;
	app->prune.mode = PRUNE_DANGLING;
	app->prune.until_choice = 0;
	app_message(app, false, "%s", _("Preparing the preview of what goes…"));
	worker_post(app->worker, prune_fetch_run, prune_fetch_done, f);
}

struct prune_task {
	struct task_base b;
	enum prune_mode mode;
	int64_t until;
	struct prune_result r;
	bool ran;
};

static void *
prune_task_run(void *arg)
{
	struct prune_task *t = arg;
	if (!task_begin(&t->b))
		return t;
	prune_run(t->b.engine, t->mode, t->until, t->b.cancel, &t->r);
	t->ran = true;
	return t;
}

static void
prune_task_done(void *arg, void *result, bool cancelled)
{
	struct prune_task *t = arg;
	(void)result;
	if (!cancelled) {
		struct app *app = the_app;
		if (!t->ran || t->r.status == ENGINE_CANCELLED) {
			task_finish(t->b.id, true, NULL, NULL);
		} else if (t->r.error) {
			task_finish(t->b.id, false, t->r.error, NULL);
		} else {
			char *total = prune_reclaimed_line(t->r.reclaimed);
			char *text = t->r.text && *t->r.text ? xasprintf("%s\n%s", total, t->r.text) : xstrdup(total);
			task_finish(t->b.id, false, NULL, text);
			app_message(app, false, "%s", total);
			free(total);
			free(text);
		}
	}
	if (t->ran)
		prune_result_free(&t->r);
	free(t);
}

static void
prune_start(struct app *app)
{
	struct prune_state *ps = &app->prune;
	struct prune_task *t = xcalloc(1, sizeof(*t));
	t->mode = ps->mode;
	t->until = until_choices[ps->until_choice].seconds;
	task_base_init(app, &t->b, JOB_PRUNE, ps->mode == PRUNE_ALL ? _("unused images") : _("dangling images"));
	worker_post(app->job_worker, prune_task_run, prune_task_done, t);
}

/* ---- dialogs ---------------------------------------------------------------------- */

void
task_dialog_changed(struct app *app)
{
	struct dialog *d = &app->dialog;
	if (d->kind == DIALOG_REMOVE) {
		remove_fill_dialog(app, dialog_switch(d, 'f'), dialog_switch(d, 'p'));
	} else if (d->kind == DIALOG_PRUNE) {
		struct prune_state *ps = &app->prune;
		if (d->changed_key == 'a')
			ps->mode = ps->mode == PRUNE_ALL ? PRUNE_DANGLING : PRUNE_ALL;
		else if (d->changed_key == 'u')	/* steps through the ages: any, 24h, 7 days, 30 days */
			ps->until_choice = (ps->until_choice + 1) % NUNTIL;
		prune_fill_dialog(app);
	}
}

void
task_dialog_yes(struct app *app)
{
	struct dialog *d = &app->dialog;
	switch (d->kind) {
	case DIALOG_REMOVE:
		remove_start(app, dialog_switch(d, 'f'), dialog_switch(d, 'p'));
		break;
	case DIALOG_PRUNE:
		prune_start(app);
		break;
	case DIALOG_QUIT:
		app->quit = true;
		break;
	default:
		break;
	}
	dialog_close(d);
}

void
tasks_free(struct app *app)
{
	for (size_t i = 0; i < app->npulls; i++)
		pull_free(&app->pulls[i].pull);
	free(app->pulls);
	app->pulls = NULL;
	app->npulls = 0;
	image_list_free(&app->prune.images);
	container_list_free(&app->prune.containers);
	prune_preview_free(&app->prune.preview);
}

/* Pull models of jobs the list no longer has (c cleared them). */
void
tasks_forget_cleared(struct app *app)
{
	size_t k = 0;
	for (size_t i = 0; i < app->npulls; i++) {
		if (joblist_find(&app->jobs, app->pulls[i].job_id))
			app->pulls[k++] = app->pulls[i];
		else
			pull_free(&app->pulls[i].pull);
	}
	app->npulls = k;
}
