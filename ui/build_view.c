/* One build's log: a line that says where the build is (the context sent, the step, the
 * outcome), then the engine's output, following the end unless you scroll up, steps marked >
 * and highlighted, errors marked ! in red; x cancels (the engine stops the build). The log is
 * the job's (ui/build_tasks.c): closing the view leaves it in the Jobs panel. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "build_view.h"
#include "draw.h"
#include "format.h"
#include "i18n.h"
#include "log_pane.h"
#include "tasks.h"
#include "view.h"
#include "xalloc.h"

struct build_view {
	struct view base;
	struct build_output *out;	/* a reference */
	struct log_pane log;
	uint64_t dropped;		/* what the log had dropped at the last draw */
};

#define BV(v) ((struct build_view *)(v))

/* ---- the build log as the pane's source ------------------------------------------------- */

static size_t src_count(const void *src) { return ((const struct build_log *)src)->n; }
static uint64_t src_dropped(const void *src) { return ((const struct build_log *)src)->dropped; }

static bool
src_get(const void *src, size_t i, struct log_pane_line *out)
{
	const struct build_line *l = build_log_line(src, i);
	if (!l)
		return false;
	enum log_stream s = l->kind == BUILD_LINE_STEP ? LOG_STEP
		: l->kind == BUILD_LINE_STDERR || l->kind == BUILD_LINE_ERROR ? LOG_STDERR : LOG_STDOUT;
	*out = (struct log_pane_line){ .text = l->text, .stream = s, .time = "" };
	return true;
}

static const struct log_pane_source build_source = { src_count, src_dropped, src_get };

/* ---- drawing -------------------------------------------------------------------------------- */

static const struct job *
build_job_of(const struct build_view *v)
{
	return joblist_find(tasks_jobs(app_tasks(v->base.app)), v->out->job_id);
}

/* "/src/app: 1,234 files, 4.5MB sent · Step 2/5 : RUN make", or how it ended. */
static void
summary(const struct build_view *v, char *buf, size_t n, enum role *role)
{
	const struct build_log *l = &v->out->log;
	struct build_context_stats st;
	build_output_stats(v->out, &st);
	char size[32];
	format_size(size, sizeof(size), (int64_t)st.tar_bytes);
	int k = snprintf(buf, n, ngettext("%s: %llu file, %s sent", "%s: %llu files, %s sent",
					  (unsigned long)st.files), v->out->context, (unsigned long long)st.files, size);
	if (k < 0 || (size_t)k >= n)
		return;
	*role = ROLE_NOTE;
	const struct job *j = build_job_of(v);
	if (l->failed && j && j->state == JOB_CANCELLED) {
		snprintf(buf + k, n - (size_t)k, " · %s", _("cancelled"));
		*role = ROLE_DIM;
	} else if (l->failed) {
		if (l->failed_step_text)
			snprintf(buf + k, n - (size_t)k, " · %s %d/%d : %s", _("failed at step"), l->failed_step,
				 l->steps, l->failed_step_text);
		else
			snprintf(buf + k, n - (size_t)k, " · %s", _("failed"));
		*role = ROLE_ERROR;
	} else if (l->done) {
		char shortid[16];
		format_short_id(shortid, sizeof(shortid), l->image_id ? l->image_id : "");
		snprintf(buf + k, n - (size_t)k, " · %s %s%s%s", _("built"), shortid, l->ntags ? " " : "",
			 l->ntags ? l->tags[0] : "");
	} else if (l->steps) {
		snprintf(buf + k, n - (size_t)k, " · Step %d/%d : %s", l->step, l->steps, l->step_text ? l->step_text : "");
	} else if (!st.done) {
		snprintf(buf + k, n - (size_t)k, " · %s", _("sending the context…"));
	}
}

static bool
build_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct build_view *v = BV(view);
	if (height < 2)
		return true;
	char line[1024];
	enum role role = ROLE_NOTE;
	summary(v, line, sizeof(line), &role);
	draw_fill(w, y, 0, draw_attr(role));
	draw_text(w, y, 1, line, getmaxx(w) - 2, draw_attr(role));
	/* lines that dropped out of the log since the last draw: a paused cursor stays on its line */
	log_pane_pushed(&v->log, v->dropped);
	v->dropped = log_pane_dropped(&v->log);
	const char *empty = v->out->log.failed && v->out->log.error ? v->out->log.error : _("Waiting for the engine…");
	log_pane_draw(&v->log, w, y + 1, height - 1, empty, v->out->log.failed ? ROLE_ERROR : ROLE_DIM);
	return true;
}

/* ---- keys ------------------------------------------------------------------------------------- */

static bool
cmd_cancel(struct view *view)
{
	struct build_view *v = BV(view);
	if (!joblist_cancel(tasks_jobs(app_tasks(view->app)), v->out->job_id))
		app_message(view->app, false, "%s", _("The build has finished already"));
	else
		app_message(view->app, false, "%s", _("Cancelling the build: the engine stops it"));
	return true;
}

/* BACK closes the log; the build goes on in the Jobs panel. */
static bool
cmd_back(struct view *view)
{
	(void)view;
	return false;
}

static const struct view_key build_keys[] = {
	{ 'x', 0, cmd_cancel, N_("Cancel the build (the engine stops it)"), N_("cancels"), "cancel" },
	{ 0, REQ_BACK, cmd_back, N_("Close the log (the build goes on in the Jobs panel)"), NULL, NULL },
	{ 'q', REQ_BACK, NULL, NULL, NULL, NULL },
};

static const struct keytable build_table = KEYTABLE("build", N_("Build"), build_keys);
static const struct keytable *const build_tables[] = { &log_pane_keys, &build_table, NULL };

/* ---- the frame ------------------------------------------------------------------------------- */

static void
build_title(struct view *view, char *buf, size_t n)
{
	struct build_view *v = BV(view);
	const struct job *j = build_job_of(v);
	snprintf(buf, n, "%s %u%s%s", _("Build"), v->out->job_id, j ? " · " : "", j ? job_state_name(j->state) : "");
}

static void
build_describe(struct view *view, char *buf, size_t n)
{
	snprintf(buf, n, "%s", BV(view)->out->command);
}

static struct list_pos *
build_pos(struct view *view)
{
	struct build_view *v = BV(view);
	v->log.pos.n = v->out->log.n;
	return &v->log.pos;
}

static void
build_status(struct view *view, struct strbuf *sb)
{
	struct build_view *v = BV(view);
	const struct job *j = build_job_of(v);
	log_pane_status(&v->log, !j || job_is_finished(j), sb);
}

static void
build_free(struct view *view)
{
	struct build_view *v = BV(view);
	log_pane_free(&v->log);
	build_output_unref(v->out);
	free(v);
}

const struct view_ops build_view_ops = {
	.name = N_("Build"),
	.tables = build_tables,
	.title = build_title,
	.describe = build_describe,
	.draw = build_draw,
	.pos = build_pos,
	.status = build_status,
	.free = build_free,
};

struct view *
build_view_new(struct app *app, struct build_output *o)
{
	struct build_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &build_view_ops, app);
	v->out = build_output_ref(o);
	log_pane_init(&v->log, &build_source, &o->log);
	v->base.log = &v->log;
	v->dropped = log_pane_dropped(&v->log);
	return &v->base;
}
