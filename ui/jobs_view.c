/* The Jobs panel: every job of the session (pull, tag, remove, prune) with its state, elapsed
 * time and result, and below the list the selected job's details: a pull's layers with their
 * bars, or the lines a removal printed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "build_view.h"
#include "config_apply.h"
#include "draw.h"
#include "push.h"
#include "i18n.h"
#include "jobs_view.h"
#include "sanitize.h"
#include "session.h"
#include "tasks.h"
#include "view.h"
#include "xalloc.h"

struct jobs_view {
	struct view base;
	struct tasks *tasks;
	struct joblist *jobs;
	struct list_pos pos;
};

#define JV(v) ((struct jobs_view *)(v))

/* Newest first: the job just started is where the eye lands. */
static struct job *
job_at(struct jobs_view *v, size_t i)
{
	size_t n = v->jobs->njobs;
	return i < n ? v->jobs->jobs[n - 1 - i] : NULL;
}

static struct job *
selected_job(struct jobs_view *v)
{
	return job_at(v, v->pos.cursor);
}

static void
format_elapsed(char *buf, size_t n, long long ms)
{
	long long s = ms / 1000;
	if (s < 3600)
		snprintf(buf, n, "%lld:%02lld", s / 60, s % 60);
	else
		snprintf(buf, n, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
}

static enum role
state_role(enum job_state s)
{
	switch (s) {
	case JOB_FAILED: return ROLE_ERROR;
	case JOB_RUNNING: return ROLE_NOTE;
	case JOB_CANCELLED:
	case JOB_QUEUED: return ROLE_DIM;
	default: return ROLE_NORMAL;
	}
}

/* TARGET: a job of the engine budu showed before a switch says where it runs. */
static void
target_text(char *buf, size_t n, const struct job *j, const char *here)
{
	bool elsewhere = j->engine[0] && strcmp(j->engine, here);
	snprintf(buf, n, "%s%s%s", j->target, elsewhere ? " @ " : "", elsewhere ? j->engine : "");
}

static void
draw_job_row(WINDOW *w, int y, struct job *j, bool selected, long long now, const char *here, int target_w)
{
	int cols = getmaxx(w), x = 0;
	attr_t base = draw_attr(selected ? ROLE_SELECTED : ROLE_NORMAL);
	char id[16], elapsed[32];
	snprintf(id, sizeof(id), "%u", j->id);
	format_elapsed(elapsed, sizeof(elapsed), job_elapsed_ms(j, now));
	const char *what = j->error[0] ? j->error : j->progress[0] ? j->progress : j->result;
	char target[256];
	target_text(target, sizeof(target), j, here);
	/* The first line of a multi-line result. */
	char first[256];
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(what, "\n"), what);
	struct { const char *text; int width; attr_t attr; } cells[] = {
		{ id, 5, base },
		{ job_kind_name(j->kind), 8, base },
		{ target, target_w, base },
		{ job_state_name(j->state), 11, selected ? base : draw_attr(state_role(j->state)) },
		{ elapsed, 9, base },
	};
	for (size_t c = 0; c < sizeof(cells) / sizeof(cells[0]) && x < cols; c++) {
		int cw = cells[c].width < cols - x ? cells[c].width : cols - x;
		draw_text(w, y, x, cells[c].text, cw - (cw > 1 ? 1 : 0), cells[c].attr);
		if (cw > 1)
			draw_text(w, y, x + cw - 1, " ", 1, base);
		x += cw;
	}
	if (x >= cols)
		return;
	int barw = j->state == JOB_RUNNING && j->percent >= 0 && cols - x > 40 ? 14 : 0;
	if (barw) {
		draw_bar(w, y, x, barw - 1, j->percent, 100, true, selected ? base : draw_attr(ROLE_BAR));
		draw_text(w, y, x + barw - 1, " ", 1, base);
		x += barw;
	}
	draw_text(w, y, x, first, cols - x, selected ? base : draw_attr(j->error[0] ? ROLE_ERROR : ROLE_NORMAL));
}

/* The selected job below the list: a pull's layers, or the job's result and error lines. */
static void
draw_detail(struct jobs_view *v, WINDOW *w, int y, int height, struct job *j)
{
	int cols = getmaxx(w);
	for (int i = 0; i < height; i++)
		draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
	if (!j || height <= 0)
		return;
	int row = 0;
	const struct pull *p = tasks_pull_model(v->tasks, j->id);
	if (p) {
		char line[PULL_ROW_TEXT_MAX];
		for (size_t i = 0; i < p->nrows && row < height; i++, row++) {
			const struct pull_row *r = &p->rows[i];
			pull_row_text(r, line, sizeof(line));
			int tw = cols > 60 ? cols - 24 : cols;
			/* through (Podman's end at "Download complete" too), and the image's own row */
			bool settled = pull_row_done(p, r) || r->kind == PULL_ROW_IMAGE;
			draw_text(w, y + row, 1, line, tw - 1, draw_attr(settled ? ROLE_DIM : ROLE_NORMAL));
			if (tw < cols && r->kind == PULL_ROW_LAYER && r->size > 0) {
				int pct = (int)((r->phase >= PULL_PHASE_EXTRACTING ? r->extracted : r->downloaded) * 100 / r->size);
				if (r->phase == PULL_PHASE_COMPLETE || r->phase == PULL_PHASE_EXISTS)
					pct = 100;
				draw_bar(w, y + row, tw, 22, pct, 100, true, draw_attr(ROLE_BAR));
			}
		}
		char buf[512];
		/* the engine's last words, wrapped: never cut */
		if (row < height && p->digest) {
			snprintf(buf, sizeof(buf), "Digest: %s", p->digest);
			row += draw_wrapped(w, y + row, 1, height - row, cols - 2, buf, draw_attr(ROLE_NORMAL));
		}
		if (row < height && p->status) {
			snprintf(buf, sizeof(buf), "Status: %s", p->status);
			row += draw_wrapped(w, y + row, 1, height - row, cols - 2, buf, draw_attr(ROLE_NOTE));
		}
		if (row < height && p->verdict)
			draw_text(w, y + row++, 1, p->verdict, cols - 2,
				  draw_attr(p->verdict_bad ? ROLE_ERROR : ROLE_NOTE));
	}
	const struct push *ps = tasks_push_model(v->tasks, j->id);
	if (ps) {
		char line[PUSH_ROW_TEXT_MAX];
		for (size_t i = 0; i < ps->nrows && row < height; i++, row++) {
			const struct push_row *r = &ps->rows[i];
			push_row_text(r, line, sizeof(line));
			bool settled = r->phase == PUSH_PHASE_PUSHED || r->phase == PUSH_PHASE_EXISTS ||
				r->phase == PUSH_PHASE_MOUNTED || r->phase == PUSH_PHASE_SKIPPED;
			int tw = cols > 60 ? cols - 24 : cols;
			draw_text(w, y + row, 1, line, tw - 1, draw_attr(settled ? ROLE_DIM : ROLE_NORMAL));
			if (tw < cols && r->kind == PUSH_ROW_LAYER && r->size > 0)
				draw_bar(w, y + row, tw, 22, settled ? 100 : r->pushed * 100 / r->size, 100, true,
					 draw_attr(ROLE_BAR));
		}
	}
	const struct build_output *bo = tasks_build_output(v->tasks, j->id);
	if (bo) {
		/* a build: the end of its log (Enter opens it whole) */
		const struct build_log *l = &bo->log;
		size_t first = l->n > (size_t)height ? l->n - (size_t)height : 0;
		for (size_t i = first; i < l->n && row < height; i++) {
			const struct build_line *bl = build_log_line(l, i);
			enum role r = bl->kind == BUILD_LINE_STEP ? ROLE_INSTRUCTION
				: bl->kind == BUILD_LINE_STDERR || bl->kind == BUILD_LINE_ERROR ? ROLE_ERROR : ROLE_NORMAL;
			draw_text(w, y + row++, 1, bl->text, cols - 2, draw_attr(r));
		}
		return;
	}
	const char *texts[] = { j->result, j->error };
	for (int t = 0; t < 2; t++) {
		const char *s = texts[t];
		if ((p || (ps && ps->nrows)) && t == 0)
			continue;	/* a pull's or a push's result is its rows */
		while (*s && row < height) {
			size_t len = strcspn(s, "\n");
			char *line = xstrndup(s, len);
			/* wrapped: a long message (a registry's error) is read whole here */
			int used = draw_wrapped(w, y + row, 1, height - row, cols - 2, line,
						draw_attr(t ? ROLE_ERROR : ROLE_NORMAL));
			row += used > 0 ? used : 1;
			free(line);
			s += len;
			if (*s == '\n')
				s++;
		}
	}
}

static bool
jobs_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct jobs_view *v = JV(view);
	long long now = now_ms();
	int cols = getmaxx(w);
	size_t n = v->jobs->njobs;
	char *here = host_label(engine_host(session_engine(app_session(view->app))));
	/* TARGET as wide as the widest (PROGRESS / RESULT keeps the rest): from 10 columns to 34,
	 * or a third of a wide screen */
	int target_w = 10, target_max = cols / 3 > 34 ? cols / 3 : 34;
	for (size_t i = 0; i < n; i++) {
		char target[256];
		struct job *j = job_at(v, i);
		if (!j)
			continue;
		target_text(target, sizeof(target), j, here);
		int tw = text_width(target) + 1;
		if (tw > target_w)
			target_w = tw < target_max ? tw : target_max;
	}
	const struct { const char *title; int width; } head[] = {
		{ N_("JOB"), 5 }, { N_("KIND"), 8 }, { N_("TARGET"), target_w }, { N_("STATE"), 11 },
		{ N_("ELAPSED"), 9 }, { N_("PROGRESS / RESULT"), 0 },
	};
	int x = 0;
	for (size_t c = 0; c < sizeof(head) / sizeof(head[0]) && x < cols; c++) {
		int cw = head[c].width ? (head[c].width < cols - x ? head[c].width : cols - x) : cols - x;
		draw_text(w, y, x, _(head[c].title), cw, draw_attr(ROLE_HEADER));
		x += cw;
	}
	if (n == 0) {
		free(here);
		for (int i = 1; i < height; i++)
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
		if (height > 2) {
			/* the Images panel's keys, as bound */
			char pull[32], tag[32], rm[32], prune[32], text[512];
			config_key_of("images", "pull", pull, sizeof(pull));
			config_key_of("images", "tag", tag, sizeof(tag));
			config_key_of("images", "remove", rm, sizeof(rm));
			config_key_of("images", "prune", prune, sizeof(prune));
			snprintf(text, sizeof(text),
				 tasks_jobs(v->tasks)->next_id > 1
				 ? _("No jobs left: the finished ones were cleared. In the Images panel: %s pulls, "
				     "%s tags, %s removes, %s cleans up.")
				 : _("No jobs yet. In the Images panel: %s pulls, %s tags, %s removes, %s cleans up."),
				 pull, tag, rm, prune);
			draw_wrapped(w, y + 2, 2, height - 2, cols - 4, text, draw_attr(ROLE_DIM));
		}
		return true;
	}
	int list_h = (height - 1) / 2;
	if (list_h < 1)
		list_h = 1;
	if ((size_t)list_h > n)
		list_h = (int)n;
	v->pos.n = n;
	list_clamp(&v->pos, list_h);
	for (int i = 0; i < list_h; i++) {
		size_t idx = v->pos.top + (size_t)i;
		struct job *j = job_at(v, idx);
		if (j) {
			draw_job_row(w, y + 1 + i, j, idx == v->pos.cursor, now, here, target_w);
			/* ELAPSED of a job that runs or waits counts seconds, progress or not. */
			if (!job_is_finished(j))
				app_wake_in(view->app, 1000 - job_elapsed_ms(j, now) % 1000);
		} else
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
	}
	free(here);
	int dy = y + 1 + list_h;
	if (dy < y + height)
		draw_text(w, dy, 0, "", cols, draw_attr(ROLE_HEADER));
	draw_detail(v, w, dy + 1, y + height - dy - 1, selected_job(v));
	return true;
}

static bool
cmd_cancel(struct view *view)
{
	struct jobs_view *v = JV(view);
	struct job *j = selected_job(v);
	if (j && !joblist_cancel(v->jobs, j->id))
		app_message(view->app, false, "%s", _("That job has finished already"));
	return true;
}

static bool
cmd_clear(struct view *view)
{
	size_t n = tasks_clear_finished(JV(view)->tasks);
	app_message(view->app, false, ngettext("Cleared %zu finished job", "Cleared %zu finished jobs", n), n);
	return true;
}

/* y: the digest a pull or push ended with, to pin or compare. */
static bool
cmd_copy_digest(struct view *view)
{
	struct jobs_view *v = JV(view);
	struct job *j = selected_job(v);
	const struct push *ps = j ? tasks_push_model(v->tasks, j->id) : NULL;
	const struct pull *p = j ? tasks_pull_model(v->tasks, j->id) : NULL;
	const char *d = ps && ps->digest ? ps->digest : p && p->digest ? p->digest : NULL;
	app_copy(view->app, d ? xstrdup(d) : NULL, _("digest"));
	return true;
}

/* Y: the job's row as the list shows it, its result's first line last. */
static bool
cmd_copy_row(struct view *view)
{
	struct jobs_view *v = JV(view);
	struct job *j = selected_job(v);
	if (!j) {
		app_copy(view->app, NULL, _("row"));
		return true;
	}
	char id[16], elapsed[32], first[256];
	snprintf(id, sizeof(id), "%u", j->id);
	format_elapsed(elapsed, sizeof(elapsed), job_elapsed_ms(j, now_ms()));
	const char *what = j->error[0] ? j->error : j->progress[0] ? j->progress : j->result;
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(what, "\n"), what);
	const char *cells[] = { id, job_kind_name(j->kind), j->target, job_state_name(j->state), elapsed, first };
	app_copy_row(view->app, cells, NULL, 6, _("row"));
	return true;
}

/* Enter on a build: its log, live. */
static bool
cmd_open(struct view *view)
{
	struct jobs_view *v = JV(view);
	struct job *j = selected_job(v);
	struct build_output *o = j ? tasks_build_output(v->tasks, j->id) : NULL;
	if (o)
		app_push(view->app, build_view_new(view->app, o));
	else if (j)
		app_message(view->app, false, "%s", _("Only a build has a log to open; its rows are below"));
	return true;
}

static const struct view_key jobs_keys[] = {
	{ 0, REQ_ENTER, cmd_open, N_("Open a build's log"), NULL, NULL },
	{ 0, REQ_COPY, cmd_copy_digest, N_("Copy the digest a pull or push ended with"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_row, N_("Copy the job's row to the clipboard"), NULL, NULL },
	{ 'x', 0, cmd_cancel, N_("Cancel the selected job"), N_("cancels"), "cancel" },
	{ 'c', 0, cmd_clear, N_("Clear finished jobs"), N_("clears finished"), "clear" },
};

static const struct keytable jobs_table = KEYTABLE("jobs", N_("Jobs"), jobs_keys);
static const struct keytable *const jobs_tables[] = { &jobs_table, NULL };

static struct list_pos *
jobs_pos(struct view *view)
{
	struct jobs_view *v = JV(view);
	v->pos.n = v->jobs->njobs;
	return &v->pos;
}

static void
jobs_status(struct view *view, struct strbuf *sb)
{
	size_t n = JV(view)->jobs->njobs;
	sb_printf(sb, ngettext("%zu job", "%zu jobs", n), n);
}

static void
jobs_free(struct view *view)
{
	free(view);
}

const struct view_ops jobs_view_ops = {
	.name = N_("Jobs"),
	.tables = jobs_tables,
	.draw = jobs_draw,
	.pos = jobs_pos,
	.status = jobs_status,
	.free = jobs_free,
};

struct view *
jobs_view_new(struct app *app)
{
	struct jobs_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &jobs_view_ops, app);
	v->tasks = app_tasks(app);
	v->jobs = tasks_jobs(v->tasks);
	return &v->base;
}
