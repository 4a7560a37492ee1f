/* The archive jobs: save images into a file, load a file into the engine, import a root file
 * system. Each runs on the tasks' worker through src/archive_*.c, posts its progress (bytes,
 * rate, the layer the engine loads) to its job, and ends with what it made: the loaded or
 * imported images are selected in the Images panel. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "archive_import.h"
#include "archive_load.h"
#include "archive_save.h"
#include "cmdline.h"
#include "format.h"
#include "i18n.h"
#include "images_view.h"
#include "session.h"
#include "strbuf.h"
#include "strv.h"
#include "tasks_internal.h"
#include "worker.h"
#include "xalloc.h"

struct archive_task {
	struct task_base b;
	enum job_kind kind;
	/* save */
	char **names;
	size_t nnames;
	bool overwrite;
	int64_t expected;
	/* save: the file; load and import: the source */
	char *path;
	/* import */
	char *reference, *message;
	char **changes;
	size_t nchanges;
	/* the outcome */
	enum archive_result res;
	char *err;
	struct archive_save_result saved;
	struct archive_loaded loaded;
	const char *compression;
	char *id;
};

static void
archive_task_free(struct archive_task *t)
{
	task_base_free(&t->b);
	strv_free(t->names, t->nnames);
	strv_free(t->changes, t->nchanges);
	free(t->path);
	free(t->reference);
	free(t->message);
	free(t->err);
	free(t->id);
	archive_loaded_free(&t->loaded);
	free(t);
}

/* ---- progress: worker -> the job's line ------------------------------------------------ */

struct progress_msg {
	struct tasks *t;
	unsigned id;
	enum job_kind kind;
	struct archive_progress p;
};

static void
progress_apply(void *arg, void *result, bool cancelled)
{
	struct progress_msg *m = arg;
	(void)result;
	if (cancelled) {
		free(m);
		return;
	}
	const struct archive_progress *p = &m->p;
	char done[32], total[32], rate[32];
	format_size(done, sizeof(done), (int64_t)p->done);
	format_size(total, sizeof(total), (int64_t)p->total);
	format_size(rate, sizeof(rate), (int64_t)p->rate);
	struct strbuf sb = STRBUF_INIT;
	int percent = p->total ? (int)(p->done * 100 / p->total) : -1;
	if (p->stage == ARCHIVE_STAGE_ENGINE) {
		if (m->kind == JOB_LOAD && p->layers) {
			char cur[32], of[32];
			format_size(cur, sizeof(cur), p->layer_current);
			format_size(of, sizeof(of), p->layer_total);
			sb_printf(&sb, _("The engine loads layer %zu: %s of %s"), p->layers, cur, of);
		} else {
			sb_printf(&sb, "%s", m->kind == JOB_SAVE ? _("Writing the file…") : _("The engine works on it…"));
		}
		percent = -1;
	} else {
		const char *verb = m->kind == JOB_SAVE ? _("Saved") : _("Sent");
		if (p->total && m->kind == JOB_SAVE)
			sb_printf(&sb, _("%s %s of about %s"), verb, done, total);
		else if (p->total)
			sb_printf(&sb, _("%s %s of %s"), verb, done, total);
		else
			sb_printf(&sb, "%s %s", verb, done);
		if (p->rate > 0)
			sb_printf(&sb, " · %s/s", rate);
		if (m->kind == JOB_SAVE && p->written && p->written != p->done) {
			char w[32];
			format_size(w, sizeof(w), (int64_t)p->written);
			sb_printf(&sb, " · ");
			sb_printf(&sb, _("%s in the file"), w);
		}
	}
	if (percent > 99)
		percent = 99;	/* 100 is for done */
	joblist_set_progress(&m->t->jobs, m->id, percent, sb.buf ? sb.buf : "");
	sb_free(&sb);
	free(m);
}

/* Worker thread, from inside the transfer: copy and post. */
static void
progress_post(const struct archive_progress *p, void *ctx)
{
	struct archive_task *t = ctx;
	struct progress_msg *m = xcalloc(1, sizeof(*m));
	m->t = t->b.t;
	m->id = t->b.id;
	m->kind = t->kind;
	m->p = *p;
	worker_send(t->b.t->worker, progress_apply, m);
}

/* ---- run and finish ---------------------------------------------------------------------- */

static void *
archive_run(void *arg)
{
	struct archive_task *t = arg;
	if (!task_begin(&t->b)) {
		t->res = ARCHIVE_RESULT_CANCELLED;
		return t;
	}
	switch (t->kind) {
	case JOB_SAVE: {
		struct archive_save_opts o = {
			.names = (const char *const *)t->names, .nnames = t->nnames, .path = t->path,
			.overwrite = t->overwrite, .expected = t->expected > 0 ? (uint64_t)t->expected : 0,
			.progress = progress_post, .progress_ctx = t, .cancel = t->b.cancel,
		};
		t->res = archive_save(t->b.engine, &o, &t->saved, &t->err);
		break;
	}
	case JOB_LOAD: {
		struct archive_load_opts o = { .path = t->path, .progress = progress_post, .progress_ctx = t,
					       .cancel = t->b.cancel };
		t->res = archive_load(t->b.engine, &o, &t->loaded, &t->compression, &t->err);
		break;
	}
	default: {
		struct archive_import_opts o = {
			.source = t->path, .reference = t->reference, .message = t->message,
			.changes = (const char *const *)t->changes, .nchanges = t->nchanges,
			.progress = progress_post, .progress_ctx = t, .cancel = t->b.cancel,
		};
		t->res = archive_import(t->b.engine, &o, &t->id, &t->err);
		break;
	}
	}
	return t;
}

static void
finish_save(struct archive_task *t, struct app *app)
{
	char size[32];
	format_size(size, sizeof(size), (int64_t)t->saved.written);
	char *line = xasprintf(_("Saved to %s (%s)"), t->path, size);
	joblist_set_progress(&t->b.t->jobs, t->b.id, 100, line);
	task_finish(&t->b, false, NULL, line);
	app_message(app, false, "%s", line);
	free(line);
}

static void
finish_load(struct archive_task *t, struct app *app)
{
	const struct archive_loaded *l = &t->loaded;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < l->nrefs; i++)
		sb_printf(&sb, "%sLoaded image: %s", sb.len ? "\n" : "", l->refs[i]);
	for (size_t i = 0; i < l->nids; i++)
		sb_printf(&sb, "%sLoaded image ID: %s", sb.len ? "\n" : "", l->ids[i]);
	for (size_t i = 0; i < l->nnotes; i++)
		sb_printf(&sb, "%s%s", sb.len ? "\n" : "", l->notes[i]);
	size_t n = l->nrefs + l->nids;
	char *line = xasprintf(ngettext("Loaded %zu image from %s", "Loaded %zu images from %s", n), n, t->path);
	joblist_set_progress(&t->b.t->jobs, t->b.id, 100, line);
	task_finish(&t->b, false, NULL, sb.buf ? sb.buf : "");
	app_message(app, false, "%s", line);
	free(line);
	sb_free(&sb);
	char **all = xcalloc(n ? n : 1, sizeof(*all));
	for (size_t i = 0; i < l->nrefs; i++)
		all[i] = l->refs[i];
	for (size_t i = 0; i < l->nids; i++)
		all[l->nrefs + i] = l->ids[i];
	images_panel_select(app, all, n);
	free(all);
}

static void
finish_import(struct archive_task *t, struct app *app)
{
	char shortid[16];
	format_short_id(shortid, sizeof(shortid), t->id ? t->id : "");
	char *line = t->reference && *t->reference
		? xasprintf(_("Imported %s as %s (%s)"), t->path, t->reference, shortid)
		: xasprintf(_("Imported %s as %s"), t->path, shortid);
	joblist_set_progress(&t->b.t->jobs, t->b.id, 100, line);
	task_finish(&t->b, false, NULL, t->id ? t->id : "");
	app_message(app, false, "%s", line);
	free(line);
	if (t->id)
		images_panel_select(app, &t->id, 1);
}

static void
archive_done(void *arg, void *result, bool cancelled)
{
	struct archive_task *t = arg;
	(void)result;
	if (!cancelled) {
		struct app *app = t->b.t->app;
		if (t->res == ARCHIVE_RESULT_CANCELLED) {
			task_finish(&t->b, true, NULL, NULL);
		} else if (t->res != ARCHIVE_RESULT_DONE) {
			const char *why = t->err ? t->err
				: t->res == ARCHIVE_RESULT_EXISTS ? _("The file exists: nothing was written")
				: _("The engine did not answer");
			task_finish(&t->b, false, why, NULL);
			app_message(app, true, "%s", why);
		} else if (t->kind == JOB_SAVE) {
			finish_save(t, app);
		} else if (t->kind == JOB_LOAD) {
			finish_load(t, app);
		} else {
			finish_import(t, app);
		}
	}
	archive_task_free(t);
}

static struct archive_task *
archive_task_new(struct tasks *tk, enum job_kind kind, const char *target)
{
	struct archive_task *t = xcalloc(1, sizeof(*t));
	t->kind = kind;
	archive_loaded_init(&t->loaded);
	task_base_init(tk, &t->b, kind, target);
	return t;
}

/* ---- what the Images panel calls ------------------------------------------------------- */

void
task_save(struct tasks *tk, char *const *names, size_t n, const char *path, bool overwrite, int64_t expected)
{
	char *target = n == 1 ? xasprintf("%s \xe2\x86\x92 %s", names[0], path)
		: xasprintf(ngettext("%zu image \xe2\x86\x92 %s", "%zu images \xe2\x86\x92 %s", n), n, path);
	struct archive_task *t = archive_task_new(tk, JOB_SAVE, target);
	free(target);
	t->names = xcalloc(n ? n : 1, sizeof(*t->names));
	for (size_t i = 0; i < n; i++)
		t->names[i] = xstrdup(names[i]);
	t->nnames = n;
	t->path = xstrdup(path);
	t->overwrite = overwrite;
	t->expected = expected;
	worker_post(tk->worker, archive_run, archive_done, t);
}

void
task_load(struct tasks *tk, const char *path)
{
	struct archive_task *t = archive_task_new(tk, JOB_LOAD, path);
	t->path = xstrdup(path);
	worker_post(tk->worker, archive_run, archive_done, t);
}

/* What people type after `docker import`. */
enum { IMPORT_CHANGE, IMPORT_MESSAGE };

static const struct cmdline_opt import_opts[] = {
	{ "change", 'c', true, IMPORT_CHANGE },
	{ "message", 'm', true, IMPORT_MESSAGE },
};

struct import_words {
	const char *source, *reference, *message;
	const char **changes;
	size_t nchanges;
};

static bool
import_opt(void *ctx, const struct cmdline_opt *opt, const char *value, bool on, char **err)
{
	struct import_words *im = ctx;
	(void)on;
	(void)err;
	if (opt->id == IMPORT_CHANGE)
		im->changes[im->nchanges++] = value;
	else
		im->message = value;
	return true;
}

static bool
import_arg(void *ctx, const char *word, char **err)
{
	struct import_words *im = ctx;
	if (!im->source) {
		im->source = word;
	} else if (!im->reference) {
		im->reference = word;
	} else {
		*err = cmdline_error(_("a file and a repository[:tag] only: %s is one too many"), word);
		return false;
	}
	return true;
}

/* -c/--change (repeated), -m/--message, then the file or directory and an optional
 * repository[:tag]. */
bool
task_import(struct tasks *tk, const char *input, char **err)
{
	struct words w = { 0 };
	*err = NULL;
	if (!words_split(input, &w)) {
		*err = xstrdup(_("A quote is not closed"));
		return false;
	}
	struct import_words im = { 0 };
	const char **changes = im.changes = xcalloc(w.n ? w.n : 1, sizeof(*changes));
	bool ok = cmdline_parse(&w, words_skip_command(&w, "import", NULL), import_opts,
				sizeof(import_opts) / sizeof(import_opts[0]), import_opt, import_arg, &im, err);
	const char *source = im.source, *reference = im.reference, *message = im.message;
	size_t nchanges = im.nchanges;
	if (ok && !source) {
		*err = xstrdup(_("Name the file or directory to import: PATH [REPOSITORY[:TAG]]"));
		ok = false;
	}
	if (ok && strcmp(source, "-") == 0) {
		*err = xstrdup(_("budu cannot read standard input: name the file or directory"));
		ok = false;
	}
	char *path = NULL;
	if (ok) {
		/* the engine would check these only after the upload: check them first */
		struct archive_import_opts o = { .source = source, .reference = reference, .message = message,
						 .changes = changes, .nchanges = nchanges };
		ok = archive_import_path(&o, &path, err);
		free(path);
	}
	if (ok) {
		char *target = xasprintf("%s \xe2\x86\x92 %s", source, reference ? reference : "<none>");
		struct archive_task *t = archive_task_new(tk, JOB_IMPORT, target);
		free(target);
		t->path = xstrdup(source);
		t->reference = reference ? xstrdup(reference) : NULL;
		t->message = message ? xstrdup(message) : NULL;
		t->changes = xcalloc(nchanges ? nchanges : 1, sizeof(*t->changes));
		for (size_t k = 0; k < nchanges; k++)
			t->changes[k] = xstrdup(changes[k]);
		t->nchanges = nchanges;
		worker_post(tk->worker, archive_run, archive_done, t);
	}
	free(changes);
	words_free(&w);
	return ok;
}
