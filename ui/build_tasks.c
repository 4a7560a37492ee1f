/* The build job: what people type after `docker build`, checked and resolved on the UI thread
 * (build_prepare), then the context streamed to the engine's classic builder on the tasks'
 * worker, its answer fed line by line into a build log on the UI thread. The log is shared by
 * the job and the views that show it (ui/build_view.c), so it outlives either. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "build.h"
#include "build_view.h"
#include "cmdline.h"
#include "config_apply.h"
#include "format.h"
#include "i18n.h"
#include "images_view.h"
#include "session.h"
#include "strbuf.h"
#include "tasks_internal.h"
#include "worker.h"
#include "xalloc.h"

/* ---- the shared output --------------------------------------------------------------------- */

static struct build_output *
output_new(unsigned job_id, const char *command)
{
	struct build_output *o = xcalloc(1, sizeof(*o));
	o->refs = 1;
	o->job_id = job_id;
	o->command = xstrdup(command);
	build_log_init(&o->log);
	build_log_set_max(&o->log, config_log_lines(BUILD_LOG_MAX));
	return o;
}

struct build_output *
build_output_ref(struct build_output *o)
{
	o->refs++;
	return o;
}

void
build_output_unref(struct build_output *o)
{
	if (!o || --o->refs > 0)
		return;
	build_log_free(&o->log);
	free(o->command);
	free(o->context);
	free(o);
}

void
build_output_stats(const struct build_output *o, struct build_context_stats *out)
{
	if (o->job)
		build_job_stats(o->job, out);
	else
		*out = o->stats;
}

struct build_output *
tasks_build_output(const struct tasks *t, unsigned job_id)
{
	for (size_t i = 0; i < t->nbuilds; i++)
		if (t->builds[i]->job_id == job_id)
			return t->builds[i];
	return NULL;
}

/* ---- the job --------------------------------------------------------------------------------- */

struct build_task {
	struct task_base b;
	struct build_job *job;
	struct engine_response r;
};

struct line_msg {
	struct tasks *t;
	unsigned id;
	char *line;
	size_t len;
};

/* The job's line in the Jobs panel: the step it is at. */
static void
show_step(struct tasks *t, unsigned id, const struct build_log *l)
{
	char line[512];
	if (l->steps)
		snprintf(line, sizeof(line), "Step %d/%d : %s", l->step, l->steps, l->step_text ? l->step_text : "");
	else
		snprintf(line, sizeof(line), "%s", _("Sending the build context…"));
	int percent = l->steps ? (l->step - 1) * 100 / l->steps : -1;
	joblist_set_progress(&t->jobs, id, percent, line);
}

static void
line_apply(void *arg, void *result, bool cancelled)
{
	struct line_msg *m = arg;
	(void)result;
	struct build_output *o = cancelled ? NULL : tasks_build_output(m->t, m->id);
	if (o) {
		build_log_feed(&o->log, m->line, m->len);
		show_step(m->t, m->id, &o->log);
	}
	free(m->line);
	free(m);
}

/* Worker: each answer line goes to the UI thread; the engine's error line ends the stream. */
static bool
build_line(const char *line, size_t len, void *ctx)
{
	struct build_task *t = ctx;
	struct line_msg *m = xcalloc(1, sizeof(*m));
	m->t = t->b.t;
	m->id = t->b.id;
	m->line = xstrndup(line, len);
	m->len = len;
	worker_send(t->b.t->worker, line_apply, m);
	return true;
}

static void *
build_task_run(void *arg)
{
	struct build_task *t = arg;
	if (!task_begin(&t->b)) {
		t->r.status = ENGINE_CANCELLED;
		return t;
	}
	t->r = build_run(t->job, t->b.engine, NULL, build_line, t, t->b.cancel);
	return t;
}

static void
build_task_done(void *arg, void *result, bool cancelled)
{
	struct build_task *t = arg;
	(void)result;
	struct build_output *o = cancelled ? NULL : tasks_build_output(t->b.t, t->b.id);
	if (o) {
		struct app *app = t->b.t->app;
		struct build_log *l = &o->log;
		build_job_stats(t->job, &o->stats);
		o->job = NULL;
		const char *context_error = build_job_context_error(t->job);
		bool user_cancel = t->r.status == ENGINE_CANCELLED && !context_error && !l->failed;
		if (user_cancel) {
			build_log_fail(l, _("cancelled"));
			task_finish(&t->b, true, NULL, NULL);
		} else if (context_error || l->failed || t->r.status != ENGINE_OK || t->r.http_status >= 400) {
			if (!l->failed)
				build_log_fail(l, context_error ? context_error
					       : t->r.error ? t->r.error : _("The engine did not answer"));
			char *why = l->failed_step_text
				? xasprintf(_("Step %d (%s): %s"), l->failed_step, l->failed_step_text, l->error)
				: xstrdup(l->error ? l->error : _("The build failed"));
			task_finish(&t->b, false, why, NULL);
			app_message(app, true, "%s", why);
			free(why);
		} else {
			build_log_finish(l);
			struct strbuf sb = STRBUF_INIT;
			char shortid[16];
			format_short_id(shortid, sizeof(shortid), l->image_id ? l->image_id : "");
			sb_printf(&sb, "Successfully built %s", shortid);
			for (size_t i = 0; i < l->ntags; i++)
				sb_printf(&sb, "\nSuccessfully tagged %s", l->tags[i]);
			char *line = l->ntags ? xasprintf(_("Built %s (%s)"), l->tags[0], shortid)
					      : xasprintf(_("Built %s"), shortid);
			joblist_set_progress(&t->b.t->jobs, t->b.id, 100, line);
			task_finish(&t->b, false, NULL, sb.buf);
			app_message(app, false, "%s", line);
			free(line);
			sb_free(&sb);
			/* the new image, selected in the Images panel once its list has it */
			if (l->ntags)
				images_panel_select(app, l->tags, l->ntags);
			else if (l->image_id)
				images_panel_select(app, &l->image_id, 1);
		}
	}
	engine_response_free(&t->r);
	build_job_free(t->job);
	task_base_free(&t->b);
	free(t);
}

const char *
task_build_last(const struct tasks *t)
{
	return t->last_build ? t->last_build : ".";
}

/* What people type after `docker build`. */
enum { BUILD_TAG, BUILD_FILE, BUILD_ARG, BUILD_TARGET, BUILD_NO_CACHE, BUILD_PULL };

static const struct cmdline_opt build_opts[] = {
	{ "tag", 't', true, BUILD_TAG },
	{ "file", 'f', true, BUILD_FILE },
	{ "build-arg", 0, true, BUILD_ARG },
	{ "target", 0, true, BUILD_TARGET },
	{ "no-cache", 0, false, BUILD_NO_CACHE },
	{ "pull", 0, false, BUILD_PULL },
};

struct build_words {
	struct build_form f;
	const char **tags, **args;
};

static bool
build_opt(void *ctx, const struct cmdline_opt *opt, const char *value, bool on, char **err)
{
	struct build_words *b = ctx;
	(void)err;
	switch (opt->id) {
	case BUILD_TAG: b->tags[b->f.ntags++] = value; break;
	case BUILD_FILE: b->f.dockerfile = value; break;
	case BUILD_ARG: b->args[b->f.nargs++] = value; break;
	case BUILD_TARGET: b->f.target = value; break;
	case BUILD_NO_CACHE: b->f.no_cache = on; break;
	default: b->f.pull = on; break;
	}
	return true;
}

static bool
build_arg(void *ctx, const char *word, char **err)
{
	struct build_words *b = ctx;
	if (b->f.context) {
		*err = cmdline_error(_("one context directory only: %s is one too many"), word);
		return false;
	}
	b->f.context = word;
	return true;
}

/* -t/--tag, -f/--file, --build-arg, --target, --no-cache, --pull, and the context directory. */
bool
task_build(struct tasks *tk, const char *input, char **err)
{
	struct words w = { 0 };
	*err = NULL;
	if (!words_split(input, &w)) {
		*err = xstrdup(_("A quote is not closed"));
		return false;
	}
	size_t first = words_skip_command(&w, "build", NULL);
	struct build_words bw = { 0 };
	const char **tags = bw.tags = xcalloc(w.n ? w.n : 1, sizeof(*tags));
	const char **args = bw.args = xcalloc(w.n ? w.n : 1, sizeof(*args));
	bool ok = cmdline_parse(&w, first, build_opts, sizeof(build_opts) / sizeof(build_opts[0]), build_opt,
				build_arg, &bw, err);
	struct build_form f = bw.f;
	if (ok && !f.context) {
		*err = xstrdup(_("Name the context directory: . for this one"));
		ok = false;
	}
	if (ok && strcmp(f.context, "-") == 0) {
		*err = xstrdup(_("budu cannot read a context from standard input: name a directory"));
		ok = false;
	}
	f.tags = tags;
	f.build_args = args;
	struct build_job *job = ok ? build_prepare(&f, err) : NULL;
	if (job) {
		free(tk->last_build);
		tk->last_build = xstrdup(input);
		struct strbuf cmd = STRBUF_INIT;
		sb_printf(&cmd, "docker build");
		for (size_t k = first; k < w.n; k++)
			sb_printf(&cmd, " %s", w.v[k]);
		struct build_task *t = xcalloc(1, sizeof(*t));
		t->job = job;
		const char *target = f.ntags ? f.tags[0] : build_job_context_dir(job);
		task_base_init(tk, &t->b, JOB_BUILD, target);
		struct build_output *o = output_new(t->b.id, cmd.buf);
		sb_free(&cmd);
		o->context = xstrdup(build_job_context_dir(job));
		o->job = job;
		tk->builds = xrealloc(tk->builds, (tk->nbuilds + 1) * sizeof(*tk->builds));
		tk->builds[tk->nbuilds++] = o;
		show_step(tk, t->b.id, &o->log);
		worker_post(tk->worker, build_task_run, build_task_done, t);
		/* the log, where the eye is */
		app_push(tk->app, build_view_new(tk->app, o));
	}
	free(tags);
	free(args);
	words_free(&w);
	return job != NULL;
}
