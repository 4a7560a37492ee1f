/* The Details view of one container: tabs Logs (followed live, stdout and stderr apart, in a
 * bounded ring), Inspect (the JSON tree with `docker container inspect --format`), Top, Diff
 * and Ports. It reads the engine through its own fetches; the logs stream until the view
 * closes, the container goes, or the user pauses them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#include "app.h"
#include "config_apply.h"
#include "container_details.h"
#include "container_view.h"
#include "draw.h"
#include "engine.h"
#include "exec.h"
#include "i18n.h"
#include "inspect_pane.h"
#include "log_pane.h"
#include "logs.h"
#include "sanitize.h"
#include "session.h"
#include "stats.h"
#include "table.h"
#include "template.h"
#include "view.h"
#include "xalloc.h"

enum ctab { CTAB_LOGS, CTAB_INSPECT, CTAB_TOP, CTAB_DIFF, CTAB_STATS, CTAB_PORTS, CTAB_COUNT };

static const char *const ctab_names[CTAB_COUNT] = {
	N_("Logs"), N_("Inspect"), N_("Top"), N_("Diff"), N_("Stats"), N_("Ports"),
};

enum { SLOT_DETAILS, SLOT_LOGS, SLOT_STATS, SLOT_EXEC };

/* Seconds of CPU and memory history the Stats tab draws. */
#define STATS_HISTORY 120

/* How many lines of log the view keeps (the oldest go first); set log-lines in the config file
 * and BUDU_LOG_LINES override it. */
#define LOG_LINES_DEFAULT 10000
static const long tail_choices[] = { 500, 5000, -1 };
#define NTAIL ((int)(sizeof(tail_choices) / sizeof(tail_choices[0])))

struct container_view {
	struct view base;
	char *id;
	char *title;			/* "web (d58a169efc2d)" */
	char *name;
	char *exec_label;		/* "docker exec -it web ": the prompt's, which must outlive it */
	enum ctab tab;
	struct container_details *d;	/* NULL while loading */
	struct inspect_pane inspect;
	struct list_pos pos[CTAB_COUNT];
	/* Logs */
	struct log_ring ring;
	struct log_pane log;		/* on ring */
	bool timestamps;
	int tail_choice;
	char *since;			/* --since, as the engine takes it; NULL: from the start */
	char *since_text;		/* as typed, for the title */
	bool logs_ended;		/* the stream closed (the container stopped, or an error) */
	char *logs_error;
	/* Stats, streamed while its tab is on screen */
	struct stats_row stats;
	bool have_stats;
	char *stats_error;
	double cpu_hist[STATS_HISTORY], mem_hist[STATS_HISTORY];
	size_t nhist;
};

#define CTV(v) ((struct container_view *)(v))

static size_t
tab_rows(const struct container_view *v, enum ctab tab)
{
	if (tab == CTAB_LOGS)
		return v->ring.count;
	if (!v->d)
		return 0;
	switch (tab) {
	case CTAB_INSPECT: return inspect_pane_rows(&v->inspect);
	case CTAB_TOP: return v->d->ntop_rows;
	case CTAB_DIFF: return v->d->nchanges;
	case CTAB_PORTS: return v->d->nbindings;
	default: return 0;
	}
}

/* ---- fetches ------------------------------------------------------------------------ */

struct details_fetch {
	struct fetch base;
	char *id;
	struct container_details *result;
};

static void
details_run(struct fetch *f)
{
	struct details_fetch *df = (struct details_fetch *)f;
	df->result = container_details_fetch(f->engine, df->id, &f->cancel);
}

static void logs_start(struct container_view *v);

static void
details_apply(struct fetch *f, void *owner)
{
	struct details_fetch *df = (struct details_fetch *)f;
	struct container_view *v = owner;
	bool first = v->d == NULL;
	container_details_free(v->d);
	v->d = df->result;
	df->result = NULL;
	inspect_pane_set(&v->inspect, v->d->tree, v->d->inspect_error);
	/* The logs need Config.Tty to be read right: they start once it is known. */
	if (first && v->d->tree)
		logs_start(v);
}

static void
details_release(struct fetch *f)
{
	struct details_fetch *df = (struct details_fetch *)f;
	container_details_free(df->result);
	free(df->id);
	free(df);
}

static const struct fetch_ops details_ops = { details_run, details_apply, details_release };

/* The lines of one read of the stream, parsed on the worker, handed to the view at once. */
struct log_batch {
	struct log_line *lines;
	char **texts;
	size_t n, cap;
};

struct logs_fetch {
	struct fetch base;
	char *path;
	struct log_parser parser;
	struct log_batch *batch;	/* being filled on the worker */
	struct engine_response r;
};

static void
batch_add(const struct log_line *line, void *ctx)
{
	struct logs_fetch *lf = ctx;
	if (!lf->batch)
		lf->batch = xcalloc(1, sizeof(*lf->batch));
	struct log_batch *b = lf->batch;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->lines = xrealloc(b->lines, b->cap * sizeof(*b->lines));
		b->texts = xrealloc(b->texts, b->cap * sizeof(*b->texts));
	}
	b->lines[b->n] = *line;
	b->texts[b->n] = xstrndup(line->text, line->len);
	b->lines[b->n].text = b->texts[b->n];
	b->n++;
}

static void
batch_free(void *arg)
{
	struct log_batch *b = arg;
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->texts[i]);
	free(b->texts);
	free(b->lines);
	free(b);
}

static void
batch_apply(struct fetch *f, void *arg)
{
	struct container_view *v = f->owner;
	struct log_batch *b = arg;
	uint64_t dropped = log_pane_dropped(&v->log);
	for (size_t i = 0; i < b->n; i++)
		log_ring_push(&v->ring, &b->lines[i]);
	log_pane_pushed(&v->log, dropped);
}

static void
send_batch(struct logs_fetch *lf)
{
	if (lf->batch && lf->batch->n)
		fetch_send(&lf->base, batch_apply, lf->batch, batch_free);
	else
		batch_free(lf->batch);
	lf->batch = NULL;
}

static bool
logs_data(const char *data, size_t len, void *ctx)
{
	struct logs_fetch *lf = ctx;
	log_parser_feed(&lf->parser, data, len);
	send_batch(lf);
	return true;
}

static void
logs_run(struct fetch *f)
{
	struct logs_fetch *lf = (struct logs_fetch *)f;
	lf->r = engine_stream_raw(f->engine, "GET", lf->path, logs_data, lf, &f->cancel);
	log_parser_finish(&lf->parser);
	send_batch(lf);
}

static void
logs_apply(struct fetch *f, void *owner)
{
	struct logs_fetch *lf = (struct logs_fetch *)f;
	struct container_view *v = owner;
	v->logs_ended = true;
	free(v->logs_error);
	v->logs_error = NULL;
	if (lf->r.status != ENGINE_OK || lf->r.http_status >= 400)
		v->logs_error = xstrdup(lf->r.error ? lf->r.error : _("The engine did not answer"));
}

static void
logs_release(struct fetch *f)
{
	struct logs_fetch *lf = (struct logs_fetch *)f;
	log_parser_free(&lf->parser);
	batch_free(lf->batch);
	engine_response_free(&lf->r);
	free(lf->path);
	free(lf);
}

static const struct fetch_ops logs_ops = { logs_run, logs_apply, logs_release };

/* ---- stats: one sample a second while the tab is shown ----------------------------------- */

struct stats_fetch {
	struct fetch base;
	char *path;
	struct engine_response r;
};

struct stats_msg {
	struct stats_sample s;
	char *error;
};

static void
stats_msg_free(void *arg)
{
	struct stats_msg *m = arg;
	stats_sample_free(&m->s);
	free(m->error);
	free(m);
}

static void
stats_apply_sample(struct fetch *f, void *arg)
{
	struct container_view *v = f->owner;
	struct stats_msg *m = arg;
	free(v->stats_error);
	v->stats_error = m->error ? xstrdup(m->error) : NULL;
	if (m->error)
		return;
	stats_format(&m->s, &v->stats);
	v->have_stats = true;
	if (v->nhist == STATS_HISTORY) {
		memmove(v->cpu_hist, v->cpu_hist + 1, (STATS_HISTORY - 1) * sizeof(double));
		memmove(v->mem_hist, v->mem_hist + 1, (STATS_HISTORY - 1) * sizeof(double));
		v->nhist--;
	}
	v->cpu_hist[v->nhist] = m->s.cpu_percent;
	v->mem_hist[v->nhist] = m->s.mem_percent;
	v->nhist++;
}

static bool
stats_line(const char *line, size_t len, void *ctx)
{
	struct stats_fetch *sf = ctx;
	struct stats_msg *m = xcalloc(1, sizeof(*m));
	bool ok = stats_parse(line, len, &m->s, &m->error);
	/* A stopped container streams zero samples for ever: one says so, then the stream ends. */
	bool more = ok && m->s.running;
	fetch_send(&sf->base, stats_apply_sample, m, stats_msg_free);
	return more;
}

static void
stats_run(struct fetch *f)
{
	struct stats_fetch *sf = (struct stats_fetch *)f;
	sf->r = engine_stream(f->engine, "GET", sf->path, stats_line, sf, &f->cancel);
}

static void
stats_release(struct fetch *f)
{
	struct stats_fetch *sf = (struct stats_fetch *)f;
	engine_response_free(&sf->r);
	free(sf->path);
	free(sf);
}

static const struct fetch_ops stats_ops = { stats_run, NULL, stats_release };

static void
stats_start(struct container_view *v)
{
	struct stats_fetch *sf = xcalloc(1, sizeof(*sf));
	sf->path = stats_path(v->id, true);
	app_fetch(&v->base, SLOT_STATS, &sf->base, &stats_ops);
}

static bool
container_tty(const struct container_view *v)
{
	const cJSON *doc = v->d && v->d->tree ? jtree_doc(v->d->tree) : NULL;
	const cJSON *config = cJSON_GetObjectItemCaseSensitive(doc, "Config");
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(config, "Tty"));
}

/* (Re)reads the logs from the start with the current choices, and follows them. */
static void
logs_start(struct container_view *v)
{
	struct logs_fetch *lf = xcalloc(1, sizeof(*lf));
	struct logs_query q = { .follow = true, .timestamps = v->timestamps, .tail = tail_choices[v->tail_choice],
				.since = v->since };
	lf->path = logs_path(v->id, &q);
	log_parser_init(&lf->parser, container_tty(v), v->timestamps, 0, batch_add, lf);
	log_ring_clear(&v->ring);
	log_pane_restart(&v->log);
	v->logs_ended = false;
	app_fetch(&v->base, SLOT_LOGS, &lf->base, &logs_ops);
}

static void
container_reload(struct view *view, unsigned why)
{
	struct container_view *v = CTV(view);
	struct details_fetch *df = xcalloc(1, sizeof(*df));
	df->id = xstrdup(v->id);
	app_fetch(view, SLOT_DETAILS, &df->base, &details_ops);
	/* R, or the container started again: the stream ended, so read it anew. */
	if (v->d && (why & (VIEW_REFRESH_USER | VIEW_REFRESH_RECONNECT | VIEW_EV_CONTAINER)) && v->logs_ended)
		logs_start(v);
}

/* ---- drawing ------------------------------------------------------------------------ */

static void
draw_logs(struct container_view *v, WINDOW *w, int y, int height)
{
	const char *msg = v->logs_error ? v->logs_error : v->logs_ended ? _("No log lines.") : _("Reading the logs…");
	log_pane_draw(&v->log, w, y, height, msg, v->logs_error ? ROLE_ERROR : ROLE_DIM);
}

static void
draw_top(struct container_view *v, WINDOW *w, int y, int height)
{
	struct container_details *d = v->d;
	if (d->top_error) {
		draw_note(w, y, height, d->top_error, ROLE_DIM);
		return;
	}
	int cols = getmaxx(w), n = (int)d->ntop_titles;
	int *width = xcalloc(n ? (size_t)n : 1, sizeof(*width));
	for (int c = 0; c < n; c++) {
		width[c] = text_width(d->top_titles[c]);
		for (size_t r = 0; r < d->ntop_rows; r++)
			if (text_width(d->top_rows[r][c]) > width[c])
				width[c] = text_width(d->top_rows[r][c]);
	}
	table_layout(width, n, width);
	struct list_pos *p = &v->pos[CTAB_TOP];
	p->n = d->ntop_rows;
	list_clamp(p, height - 1);
	for (int i = -1; i < height - 1; i++) {
		size_t r = p->top + (size_t)i;
		if (i >= 0 && r >= d->ntop_rows) {
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		char **cells = i < 0 ? d->top_titles : d->top_rows[r];
		attr_t attr = draw_attr(i < 0 ? ROLE_HEADER : r == p->cursor ? ROLE_SELECTED : ROLE_NORMAL);
		int x = 0;
		for (int c = 0; c < n && x < cols; c++) {
			int cw = c == n - 1 ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
			draw_text(w, y + 1 + i, x, cells[c], cw, attr);
			x += cw;
		}
		if (x < cols)
			draw_fill(w, y + 1 + i, x, attr);
	}
	free(width);
}

static void
draw_diff(struct container_view *v, WINDOW *w, int y, int height)
{
	struct container_details *d = v->d;
	if (d->changes_error || !d->nchanges) {
		draw_note(w, y, height, d->changes_error ? d->changes_error
				: _("No change: the container's filesystem is its image's."),
			  d->changes_error ? ROLE_ERROR : ROLE_DIM);
		return;
	}
	struct list_pos *p = &v->pos[CTAB_DIFF];
	p->n = d->nchanges;
	list_clamp(p, height);
	for (int i = 0; i < height; i++) {
		size_t r = p->top + (size_t)i;
		if (r >= d->nchanges) {
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct container_change *c = &d->changes[r];
		char line[1024];
		snprintf(line, sizeof(line), "%c %s", c->kind, c->path);
		attr_t attr = draw_attr(r == p->cursor ? ROLE_SELECTED : c->kind == 'D' ? ROLE_ERROR
					: c->kind == 'A' ? ROLE_JSON_STRING : ROLE_NORMAL);
		draw_text(w, y + i, 0, line, getmaxx(w), attr);
	}
}

static void
draw_ports(struct container_view *v, WINDOW *w, int y, int height)
{
	struct container_details *d = v->d;
	if (!d->nbindings) {
		draw_note(w, y, height, _("No port is exposed or published."), ROLE_DIM);
		return;
	}
	struct list_pos *p = &v->pos[CTAB_PORTS];
	p->n = d->nbindings;
	list_clamp(p, height);
	for (int i = 0; i < height; i++) {
		size_t r = p->top + (size_t)i;
		if (r >= d->nbindings) {
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct container_binding *b = &d->bindings[r];
		char line[512];
		/* As docker port prints it; an exposed port that is not published says so. */
		if (b->host)
			snprintf(line, sizeof(line), "%s -> %s", b->port, b->host);
		else
			snprintf(line, sizeof(line), "%s  (%s)", b->port, _("exposed, not published"));
		draw_text(w, y + i, 0, line, getmaxx(w), draw_attr(r == p->cursor ? ROLE_SELECTED : ROLE_NORMAL));
	}
}

/* A sparkline of values 0..max over the last width samples. */
static void
draw_history(WINDOW *w, int y, int x, int width, const double *hist, size_t n, double max)
{
	static const char *const levels[] = { " ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
		"\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88" };
	static const char ascii[] = " .:-=+*#@";
	char buf[STATS_HISTORY * 3 + 1];
	size_t k = 0;
	size_t from = n > (size_t)width ? n - (size_t)width : 0;
	for (size_t i = from; i < n; i++) {
		double f = max > 0 ? hist[i] / max : 0;
		int l = f <= 0 ? 0 : f >= 1 ? 8 : 1 + (int)(f * 7);
		if (draw_utf8()) {
			size_t len = strlen(levels[l]);
			memcpy(buf + k, levels[l], len);
			k += len;
		} else {
			buf[k++] = ascii[l];
		}
	}
	buf[k] = '\0';
	draw_text(w, y, x, buf, width, draw_attr(ROLE_BAR));
}

static void
draw_stats(struct container_view *v, WINDOW *w, int y, int height)
{
	int cols = getmaxx(w);
	for (int i = 0; i < height; i++)
		draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
	if (v->stats_error && !v->have_stats) {
		draw_note(w, y, height, v->stats_error, ROLE_ERROR);
		return;
	}
	if (!v->have_stats) {
		draw_note(w, y, height, _("Reading stats (one sample a second)…"), ROLE_NOTE);
		return;
	}
	/* docker stats --no-stream's columns, then the last two minutes of CPU and memory. */
	const char *titles[] = { _("CPU %"), _("MEM USAGE / LIMIT"), _("MEM %"), _("NET I/O"), _("BLOCK I/O"), _("PIDS") };
	const char *cells[] = { v->stats.cpu, v->stats.mem, v->stats.mem_percent, v->stats.net, v->stats.block, v->stats.pids };
	int width[6];
	for (int c = 0; c < 6; c++)
		width[c] = text_width(titles[c]) > text_width(cells[c]) ? text_width(titles[c]) : text_width(cells[c]);
	table_layout(width, 6, width);
	for (int r = 0; r < 2 && r < height; r++) {
		int x = 1;
		for (int c = 0; c < 6 && x < cols; c++) {
			int cw = c == 5 ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
			draw_text(w, y + 1 + r, x, r ? cells[c] : titles[c], cw, draw_attr(r ? ROLE_NORMAL : ROLE_HEADER));
			x += cw;
		}
	}
	if (height > 8 && cols > 20) {
		int hw = cols - 16 < STATS_HISTORY ? cols - 16 : STATS_HISTORY;
		double max_cpu = 100;
		for (size_t i = 0; i < v->nhist; i++)
			if (v->cpu_hist[i] > max_cpu)
				max_cpu = v->cpu_hist[i];
		draw_text(w, y + 5, 1, _("CPU"), 14, draw_attr(ROLE_DIM));
		draw_history(w, y + 5, 15, hw, v->cpu_hist, v->nhist, max_cpu);
		draw_text(w, y + 7, 1, _("Memory"), 14, draw_attr(ROLE_DIM));
		draw_history(w, y + 7, 15, hw, v->mem_hist, v->nhist, 100);
	}
	if (v->stats_error && height > 10)
		draw_text(w, y + 9, 1, v->stats_error, cols - 2, draw_attr(ROLE_ERROR));
}

static bool
container_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct container_view *v = CTV(view);
	if (height < 2)
		return true;
	long count[CTAB_COUNT];
	for (int t = 0; t < CTAB_COUNT; t++)
		count[t] = v->d && t != CTAB_INSPECT && t != CTAB_LOGS && t != CTAB_STATS ? (long)tab_rows(v, (enum ctab)t) : -1;
	draw_tabs(w, y, ctab_names, count, CTAB_COUNT, (int)v->tab);
	y++;
	height--;
	if (v->tab == CTAB_LOGS) {
		draw_logs(v, w, y, height);
		return true;
	}
	if (!v->d) {
		char *msg = xasprintf(_("Loading %s…"), v->title);
		draw_note(w, y, height, msg, ROLE_NOTE);
		free(msg);
		return true;
	}
	switch (v->tab) {
	case CTAB_INSPECT: inspect_pane_draw(&v->inspect, w, y, height); break;
	case CTAB_TOP: draw_top(v, w, y, height); break;
	case CTAB_DIFF: draw_diff(v, w, y, height); break;
	case CTAB_PORTS: draw_ports(v, w, y, height); break;
	case CTAB_STATS: draw_stats(v, w, y, height); break;
	default: break;
	}
	return true;
}

/* ---- commands -------------------------------------------------------------------------- */

/* Stats stream only while their tab is on screen: the engine samples every second for them. */
static bool
set_tab(struct view *view, enum ctab t)
{
	struct container_view *v = CTV(view);
	if (t == CTAB_STATS && v->tab != CTAB_STATS)
		stats_start(v);
	else if (t != CTAB_STATS)
		fetch_cancel(&view->slot[SLOT_STATS]);
	v->tab = t;
	return true;
}

static bool cmd_next_tab(struct view *v) { return set_tab(v, (CTV(v)->tab + 1) % CTAB_COUNT); }
static bool cmd_prev_tab(struct view *v) { return set_tab(v, (CTV(v)->tab + CTAB_COUNT - 1) % CTAB_COUNT); }
static bool cmd_logs(struct view *v) { return set_tab(v, CTAB_LOGS); }
static bool cmd_inspect(struct view *v) { return set_tab(v, CTAB_INSPECT); }
static bool cmd_top(struct view *v) { return set_tab(v, CTAB_TOP); }
static bool cmd_diff(struct view *v) { return set_tab(v, CTAB_DIFF); }
static bool cmd_ports(struct view *v) { return set_tab(v, CTAB_PORTS); }
static bool cmd_stats(struct view *v) { return set_tab(v, CTAB_STATS); }

/* BACK always closes the view: it has nothing of its own to undo first. */
static bool
cmd_back(struct view *view)
{
	(void)view;
	return false;
}

static bool
cmd_timestamps(struct view *view)
{
	struct container_view *v = CTV(view);
	v->timestamps = !v->timestamps;
	logs_start(v);
	return true;
}

static bool
cmd_tail(struct view *view)
{
	struct container_view *v = CTV(view);
	v->tail_choice = (v->tail_choice + 1) % NTAIL;
	long t = tail_choices[v->tail_choice];
	if (t < 0)
		app_message(view->app, false, "%s", _("Reading every log line (--tail all)"));
	else
		app_message(view->app, false, _("Reading the last %ld log lines (--tail %ld)"), t, t);
	logs_start(v);
	return true;
}

static bool
since_accept(void *ctx, const char *text, char **err)
{
	struct container_view *v = ctx;
	char *value = NULL;
	if (*text && !logs_time_value(text, (long long)time(NULL), &value)) {
		*err = xstrdup(_("Not a time: 10m, 1h30m, 2026-12-05, 2026-12-05T14:30:00Z or Unix seconds"));
		return false;
	}
	free(v->since);
	free(v->since_text);
	v->since = value;
	v->since_text = *text ? xstrdup(text) : NULL;
	logs_start(v);
	return true;
}

/* s: only the lines since a time (docker logs --since); empty: from the start again. */
static bool
cmd_since(struct view *view)
{
	static const struct prompt_ops ops = { since_accept, NULL, NULL };
	app_prompt(view->app, _("Since (10m, 1h, 2026-12-05, RFC 3339; empty: all): "), CTV(view)->since_text, &ops, view);
	return true;
}

static bool
cmd_copy_id(struct view *view)
{
	app_copy(view->app, xstrdup(CTV(view)->id), _("container ID"));
	return true;
}

static bool
exec_accept(void *ctx, const char *text, char **err)
{
	struct container_view *v = ctx;
	return exec_start(&v->base, SLOT_EXEC, v->id, v->name, text, err);
}

static bool
cmd_exec(struct view *view)
{
	static const struct prompt_ops ops = { exec_accept, NULL, NULL };
	struct container_view *v = CTV(view);
	app_prompt(view->app, v->exec_label, "sh", &ops, view);
	return true;
}

static bool
cmd_attach(struct view *view)
{
	attach_start(view, SLOT_EXEC, CTV(view)->id, CTV(view)->name);
	return true;
}

/* ---- keys ---------------------------------------------------------------------------- */

static const struct view_key container_keys[] = {
	{ '\t', 0, cmd_next_tab, N_("Next tab"), NULL, "next-tab" },
	{ KEY_BTAB, 0, cmd_prev_tab, N_("Previous tab"), NULL, "prev-tab" },
	{ 'L', 0, cmd_logs, N_("Logs tab"), NULL, "logs" },
	{ 'i', 0, cmd_inspect, N_("Inspect tab"), NULL, "inspect" },
	{ 'T', 0, cmd_top, N_("Top tab: its processes"), NULL, "top" },
	{ 'D', 0, cmd_diff, N_("Diff tab: what changed in its filesystem"), NULL, "diff" },
	{ 'S', 0, cmd_stats, N_("Stats tab: CPU, memory, network and block I/O, live"), NULL, "stats" },
	{ 'P', 0, cmd_ports, N_("Ports tab"), NULL, "ports" },
	{ 0, REQ_COPY, cmd_copy_id, N_("Copy the container ID to the clipboard"), NULL, NULL },
	{ 'e', 0, cmd_exec, N_("Run a command in it, sh by default, with the terminal (docker exec -it)"), NULL, "exec" },
	{ 'A', 0, cmd_attach, N_("Attach to its main process (Ctrl-P Ctrl-Q detaches)"), NULL, "attach" },
	{ 0, REQ_BACK, cmd_back, N_("Back to where you came from"), NULL, NULL },
	{ 'q', REQ_BACK, NULL, NULL, NULL, NULL },
};

static const struct view_key logs_keys[] = {
	{ 't', 0, cmd_timestamps, N_("Show or hide timestamps (--timestamps)"), NULL, "timestamps" },
	{ 'm', 0, cmd_tail, N_("More or fewer lines: --tail 500, 5000, all"), NULL, "tail" },
	{ 's', 0, cmd_since, N_("Only the lines since a time (--since)"), NULL, "since" },
};

static const struct keytable logs_table = KEYTABLE("container-logs", N_("Container logs"), logs_keys);
static const struct keytable container_table = KEYTABLE("container", N_("Container"), container_keys);
static const struct keytable *const container_tables[] = { &logs_table, &log_pane_keys, &inspect_pane_keys,
							    &container_table, NULL };

static bool
container_uses(const struct view *view, const struct keytable *t)
{
	const struct container_view *v = (const struct container_view *)view;
	if (t == &logs_table || t == &log_pane_keys)
		return v->tab == CTAB_LOGS;
	if (t == &inspect_pane_keys)
		return v->tab == CTAB_INSPECT;
	return true;
}

/* ---- the view ------------------------------------------------------------------------- */

static void
container_title(struct view *view, char *buf, size_t n)
{
	snprintf(buf, n, "%s", CTV(view)->title);
}

static void
container_describe(struct view *view, char *buf, size_t n)
{
	struct container_view *v = CTV(view);
	char id[16];
	snprintf(id, sizeof(id), "%.12s", v->id);
	switch (v->tab) {
	case CTAB_LOGS: {
		long t = tail_choices[v->tail_choice];
		char tail[32] = "";
		if (t >= 0)
			snprintf(tail, sizeof(tail), " --tail %ld", t);
		snprintf(buf, n, "docker logs -f%s%s%s%s %s", v->timestamps ? " -t" : "", tail,
			 v->since_text ? " --since " : "", v->since_text ? v->since_text : "", id);
		break;
	}
	case CTAB_INSPECT: snprintf(buf, n, "docker container inspect %s", id); break;
	case CTAB_TOP: snprintf(buf, n, "docker top %s", id); break;
	case CTAB_DIFF: snprintf(buf, n, "docker diff %s", id); break;
	case CTAB_STATS: snprintf(buf, n, "docker stats %s", id); break;
	default: snprintf(buf, n, "docker port %s", id); break;
	}
}

static struct list_pos *
container_pos(struct view *view)
{
	struct container_view *v = CTV(view);
	struct list_pos *p = v->tab == CTAB_INSPECT ? &v->inspect.pos : v->tab == CTAB_LOGS ? &v->log.pos : &v->pos[v->tab];
	p->n = tab_rows(v, v->tab);
	return p;
}

static void
container_status(struct view *view, struct strbuf *sb)
{
	struct container_view *v = CTV(view);
	if (v->tab == CTAB_LOGS) {
		log_pane_status(&v->log, v->logs_ended, sb);
		return;
	}
	if (!v->d)
		return;
	size_t n = tab_rows(v, v->tab);
	sb_printf(sb, "%s: ", _(ctab_names[v->tab]));
	sb_printf(sb, ngettext("%zu row", "%zu rows", n), n);
}

static void
container_free(struct view *view)
{
	struct container_view *v = CTV(view);
	container_details_free(v->d);
	inspect_pane_free(&v->inspect);
	log_ring_free(&v->ring);
	log_pane_free(&v->log);
	free(v->logs_error);
	free(v->stats_error);
	free(v->since);
	free(v->since_text);
	free(v->id);
	free(v->name);
	free(v->exec_label);
	free(v->title);
	free(v);
}

const struct view_ops container_view_ops = {
	.name = N_("Container"),
	.events = VIEW_EV_CONTAINER,
	.tables = container_tables,
	.uses = container_uses,
	.title = container_title,
	.describe = container_describe,
	.reload = container_reload,
	.draw = container_draw,
	.pos = container_pos,
	.status = container_status,
	.free = container_free,
};

struct view *
container_view_new(struct app *app, const char *id, const char *name)
{
	struct container_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &container_view_ops, app);
	v->id = xstrdup(id);
	v->title = xasprintf("%s (%.12s)", name && *name ? name : id, id);
	v->name = xstrdup(name && *name ? name : id);
	v->exec_label = xasprintf("docker exec -it %s ", v->name);
	v->inspect.schema = &template_schema_container;
	v->base.inspect = &v->inspect;
	log_ring_init(&v->ring, config_log_lines(LOG_LINES_DEFAULT), 0);
	log_pane_init(&v->log, &log_pane_ring, &v->ring);
	v->base.log = &v->log;
	return &v->base;
}
