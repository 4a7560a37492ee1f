/* The Disk usage panel's root: `docker system df` (the summary) and `docker system df -v` (v:
 * images, containers, local volumes and build cache, as sections the cursor moves through).
 *
 * /system/df makes the engine measure every layer, container and volume, seconds on a big
 * host, so it is read on demand only: when the panel is first shown, on R, and after a prune;
 * never on a timer or an event. While the engine works the panel says so with the time spent
 * (a ticker wakes the screen ten times a second while, and only while, the read is in flight);
 * Esc or x cancels it. P frees what the selected row counts: images (docker image prune),
 * stopped containers (docker container prune), both through the tasks the Images and
 * Containers panels use, or the build cache (docker builder prune), each after its preview. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "builder_prune.h"
#include "disk_view.h"
#include "draw.h"
#include "format.h"
#include "i18n.h"
#include "sanitize.h"
#include "session.h"
#include "strbuf.h"
#include "system_df.h"
#include "table.h"
#include "tasks.h"
#include "view.h"
#include "xalloc.h"

/* One line of the body: a caption, a blank, a table's header, or one of its rows. */
enum line_kind { LINE_CAPTION, LINE_BLANK, LINE_HEADER, LINE_ROW };

struct line {
	enum line_kind kind;
	enum df_table table;
	size_t row;
};

struct disk_view {
	struct view base;
	struct system_df df;
	bool have;		/* df holds an answer */
	char *error;		/* why the last read failed, or NULL */
	long long started_ms;	/* the read in flight began then; 0: none */
	long long took_ms;	/* what the last answer took */
	time_t read_at;
	bool verbose;		/* v: docker system df -v */
	bool reread;		/* a prune changed the usage: read again once on screen */
	bool cache_preview;	/* P on the build cache: its preview once the fresh answer is in */
	bool cache_all;		/* the build cache preview's -a */
	struct line *lines;
	struct list_pos pos;	/* over lines; the cursor rests on rows only */
	size_t last_cursor;
	int width[DF_TABLE_COUNT][DF_MAX_COLUMNS];	/* each table's widest cells */
	time_t measured_at;
};

#define DV(v) ((struct disk_view *)(v))

enum { SLOT_READ };

static bool
reading(const struct disk_view *v)
{
	return fetch_busy(&v->base.slot[SLOT_READ]);
}

/* ---- layout ------------------------------------------------------------------------ */

static void
add_line(struct disk_view *v, size_t *n, enum line_kind kind, enum df_table t, size_t row)
{
	v->lines[(*n)++] = (struct line){ kind, t, row };
}

/* The lines as docker prints them: the summary, or the four tables with their captions. */
static void
layout(struct disk_view *v)
{
	free(v->lines);
	v->lines = NULL;
	v->pos.n = 0;
	if (!v->have)
		return;
	enum df_table first = v->verbose ? DF_IMAGES : DF_SUMMARY;
	enum df_table last = v->verbose ? DF_BUILD_CACHE : DF_SUMMARY;
	size_t total = 0;
	for (enum df_table t = first; t <= last; t++)
		total += system_df_rows(&v->df, t) + 4;
	v->lines = xcalloc(total, sizeof(*v->lines));
	size_t n = 0;
	for (enum df_table t = first; t <= last; t++) {
		if (v->verbose) {
			if (t != first)
				add_line(v, &n, LINE_BLANK, t, 0);
			add_line(v, &n, LINE_CAPTION, t, 0);
			add_line(v, &n, LINE_BLANK, t, 0);
		}
		add_line(v, &n, LINE_HEADER, t, 0);
		for (size_t i = 0; i < system_df_rows(&v->df, t); i++)
			add_line(v, &n, LINE_ROW, t, i);
	}
	v->pos.n = n;
	if (v->pos.cursor >= n)
		v->pos.cursor = 0;
}

/* Each table's column widths, by display width (a Korean name takes two columns a letter). */
static void
measure(struct disk_view *v)
{
	time_t now = time(NULL);
	v->measured_at = now;
	for (enum df_table t = 0; t < DF_TABLE_COUNT; t++) {
		const char *titles[DF_MAX_COLUMNS];
		int n = system_df_columns(t, titles);
		for (int k = 0; k < n; k++)
			v->width[t][k] = text_width(titles[k]);
		if (!v->have)
			continue;
		for (size_t i = 0; i < system_df_rows(&v->df, t); i++) {
			struct df_row r;
			system_df_row(&v->df, t, i, now, &r);
			for (int k = 0; k < n; k++) {
				int w = text_width(r.cell[k]);
				if (w > v->width[t][k])
					v->width[t][k] = w;
			}
		}
	}
}

/* The cursor rests on a row: after a move it goes on in the move's direction to the next one. */
static void
settle_cursor(struct disk_view *v)
{
	if (!v->pos.n)
		return;
	int dir = v->pos.cursor < v->last_cursor ? -1 : 1;
	for (int pass = 0; pass < 2; pass++, dir = -dir) {
		for (size_t c = v->pos.cursor; c < v->pos.n; c += (size_t)dir) {
			if (v->lines[c].kind == LINE_ROW) {
				v->pos.cursor = c;
				v->last_cursor = c;
				return;
			}
			if (c == 0 && dir < 0)
				break;
		}
	}
}

static const struct line *
selected_line(struct disk_view *v)
{
	settle_cursor(v);
	if (!v->pos.n || v->lines[v->pos.cursor].kind != LINE_ROW)
		return NULL;
	return &v->lines[v->pos.cursor];
}

/* What the selected row counts: DF_IMAGES to DF_BUILD_CACHE, or DF_SUMMARY for none. */
static enum df_table
selected_type(struct disk_view *v)
{
	const struct line *l = selected_line(v);
	if (!l)
		return DF_SUMMARY;
	return l->table == DF_SUMMARY ? (enum df_table)(DF_IMAGES + l->row) : l->table;
}

/* ---- reading ------------------------------------------------------------------------ */

struct df_fetch {
	struct fetch base;
	struct system_df df;
	char *error;
	int status;
};

/* The ticks only wake the UI loop, which draws the time spent. */
static void tick(struct fetch *f, void *arg) { (void)f; (void)arg; }

static void
df_part(struct fetch *f, size_t i, struct cancel *c, void *ctx)
{
	struct df_fetch *df = ctx;
	(void)i;
	df->status = system_df_fetch(f->engine, c, &df->df, &df->error);
}

/* Ten wakes a second while the engine works, none once it answered. */
static void
df_fetch_run(struct fetch *f)
{
	fetch_run_parts(f, 1, df_part, f, 100, tick);
}

static void prune_cache_fill(struct disk_view *v);

static void
df_fetch_apply(struct fetch *f, void *owner)
{
	struct df_fetch *df = (struct df_fetch *)f;
	struct disk_view *v = owner;
	v->took_ms = now_ms() - v->started_ms;
	v->started_ms = 0;
	free(v->error);
	v->error = NULL;
	if (df->status != ENGINE_OK) {
		v->error = df->error;
		df->error = NULL;
		v->cache_preview = false;
		return;
	}
	system_df_free(&v->df);
	v->df = df->df;
	memset(&df->df, 0, sizeof(df->df));
	v->have = true;
	v->read_at = time(NULL);
	layout(v);
	measure(v);
	if (v->cache_preview) {
		v->cache_preview = false;
		prune_cache_fill(v);
	}
}

static void
df_fetch_release(struct fetch *f)
{
	struct df_fetch *df = (struct df_fetch *)f;
	system_df_free(&df->df);
	free(df->error);
	free(df);
}

static const struct fetch_ops df_fetch_ops = { df_fetch_run, df_fetch_apply, df_fetch_release };

static void
start_read(struct disk_view *v)
{
	struct df_fetch *df = xcalloc(1, sizeof(*df));
	v->started_ms = now_ms();
	v->reread = false;
	app_fetch(&v->base, SLOT_READ, &df->base, &df_fetch_ops);
}

/* First shown, R, and the engine back after a read that failed: never on events. */
static void
disk_reload(struct view *view, unsigned why)
{
	struct disk_view *v = DV(view);
	if ((why & (VIEW_REFRESH_OPEN | VIEW_REFRESH_USER)) || !v->have)
		start_read(v);
}

void
disk_panel_pruned(struct app *app)
{
	struct view *root = app_panel_root(app, PANEL_DISK);
	struct disk_view *v = DV(root);
	if (!v || (!v->have && !reading(v)))
		return;
	v->reread = true;		/* on screen: the next frame reads */
	root->dirty |= VIEW_REFRESH_USER;	/* hidden: shown next, it reads */
}

/* ---- commands ------------------------------------------------------------------------ */

static bool
cmd_cancel(struct view *view)
{
	struct disk_view *v = DV(view);
	if (!reading(v))
		return false;
	fetch_cancel(&view->slot[SLOT_READ]);
	v->started_ms = 0;
	v->cache_preview = false;
	char key[32];
	view_request_word(view, REQ_RELOAD, key, sizeof(key));
	if (v->have)
		app_message(view->app, false, "%s", _("Cancelled: the last reading stays on screen"));
	else
		app_message(view->app, false, _("Cancelled: %s reads the disk usage"), key);
	return true;
}

static bool
cmd_cancel_key(struct view *view)
{
	if (!cmd_cancel(view))
		app_message(view->app, false, "%s", _("Nothing is being read"));
	return true;
}

static bool
cmd_verbose(struct view *view)
{
	struct disk_view *v = DV(view);
	v->verbose = !v->verbose;
	v->pos.cursor = v->pos.top = v->last_cursor = 0;
	layout(v);
	return true;
}

/* Tab, Shift-Tab: the first row of the next or previous table. */
static void
jump_table(struct disk_view *v, int dir)
{
	const struct line *cur = selected_line(v);
	enum df_table t = cur ? cur->table : DF_SUMMARY;
	if (dir > 0) {
		for (size_t i = v->pos.cursor; i < v->pos.n; i++) {
			if (v->lines[i].kind == LINE_ROW && v->lines[i].table != t) {
				v->pos.cursor = v->last_cursor = i;
				return;
			}
		}
		return;
	}
	/* back: to the first row of the table before this one */
	enum df_table want = DF_TABLE_COUNT;
	for (size_t i = v->pos.cursor; i-- > 0;) {
		if (v->lines[i].kind != LINE_ROW)
			continue;
		if (want == DF_TABLE_COUNT && v->lines[i].table != t)
			want = v->lines[i].table;
		if (want != DF_TABLE_COUNT && v->lines[i].table == want)
			v->pos.cursor = v->last_cursor = i;
		else if (want != DF_TABLE_COUNT)
			return;
	}
}

static bool cmd_next_table(struct view *view) { jump_table(DV(view), 1); return true; }
static bool cmd_prev_table(struct view *view) { jump_table(DV(view), -1); return true; }

static void
prune_cache_yes(void *ctx, struct dialog *d)
{
	struct disk_view *v = ctx;
	(void)d;
	task_builder_prune(app_tasks(v->base.app), v->cache_all);
}

static void
prune_cache_changed(void *ctx, struct dialog *d, int key)
{
	struct disk_view *v = ctx;
	(void)key;
	v->cache_all = dialog_switch(d, 'a');
	prune_cache_fill(v);
}

/* The exact preview of docker builder prune: what goes, from the answer just read. */
static void
prune_cache_fill(struct disk_view *v)
{
	static const struct dialog_ops ops = { prune_cache_yes, prune_cache_changed };
	struct builder_prune_preview p;
	builder_prune_preview(&v->df, v->cache_all, &p);
	struct dialog *d = app_confirm(v->base.app, v->cache_all ? _(" Clean up all unused build cache")
								 : _(" Clean up dangling build cache"), &ops, v);
	char *cmd = builder_prune_command(v->cache_all);
	dialog_add_line(d, cmd);
	free(cmd);
	dialog_add_line(d, "");
	char line[512], size[32];
	if (!p.nrecords) {
		dialog_add_line(d, _("Nothing to remove: no build cache record matches."));
		d->can_proceed = false;
	} else {
		format_size_prec(size, sizeof(size), (double)p.space, 4);
		snprintf(line, sizeof(line), ngettext("%zu record goes, freeing %s:", "%zu records go, freeing %s:",
						      p.nrecords), p.nrecords, size);
		dialog_add_line(d, line);
		for (size_t i = 0; i < p.nrecords; i++) {
			const struct df_cache *c = p.records[i];
			char id[16];
			format_short_id(id, sizeof(id), c->id);
			format_size(size, sizeof(size), c->size);
			dialog_add_linef(d, "  %-12s  %-16s  %8s  %s", id, c->type, size, c->description);
		}
	}
	if (p.nkept) {
		snprintf(line, sizeof(line), ngettext("%zu record stays (in use%s).", "%zu records stay (in use%s).",
						      p.nkept), p.nkept,
			 v->cache_all ? "" : _(", shared with images, or internal"));
		dialog_add_line(d, "");
		dialog_add_line(d, line);
	}
	dialog_add_switch(d, 'a', _("all unused build cache, not only dangling (-a)"), v->cache_all);
	builder_prune_preview_free(&p);
}

static bool
cmd_prune(struct view *view)
{
	struct disk_view *v = DV(view);
	switch (selected_type(v)) {
	case DF_IMAGES:
		task_prune_preview(app_tasks(view->app));
		break;
	case DF_CONTAINERS:
		task_container_prune_preview(app_tasks(view->app));
		break;
	case DF_BUILD_CACHE:
		/* The preview must be exact: read the usage again, then ask. */
		v->cache_all = false;
		v->cache_preview = true;
		start_read(v);
		break;
	case DF_VOLUMES:
		app_message(view->app, true, "%s", _("Volumes are not pruned from budu yet: docker volume prune"));
		break;
	default:
		app_message(view->app, true, "%s", _("Select a row first: images, containers or build cache"));
		break;
	}
	return true;
}

/* y, Y: the row's first cell (its TYPE, ID or name), or the row as docker system df prints it. */
static void
copy_row(struct view *view, bool whole)
{
	struct disk_view *v = DV(view);
	const struct line *l = selected_line(v);
	if (!l) {
		app_copy(view->app, NULL, "");
		return;
	}
	struct df_row r;
	system_df_row(&v->df, l->table, l->row, time(NULL), &r);
	int n = system_df_columns(l->table, NULL);
	if (whole)
		app_copy_row(view->app, r.cell, NULL, n, _("row"));
	else
		app_copy(view->app, xstrdup(r.cell[0]), _("first cell"));
}

static bool cmd_copy_key(struct view *view) { copy_row(view, false); return true; }
static bool cmd_copy_row(struct view *view) { copy_row(view, true); return true; }

/* A click selects the row under it (captions, headers and blank lines take none). */
static bool
disk_click(struct view *view, int y, int x, int count)
{
	struct disk_view *v = DV(view);
	(void)x;
	(void)count;
	size_t idx = v->pos.top + (size_t)(y - (v->error ? 1 : 0));
	if (y >= (v->error ? 1 : 0) && idx < v->pos.n && v->lines[idx].kind == LINE_ROW)
		v->pos.cursor = v->last_cursor = idx;
	return true;
}

static const struct view_key disk_keys[] = {
	{ 'v', 0, cmd_verbose, N_("Details of every image, container, volume and build cache record (-v)"), NULL, "verbose" },
	{ '\t', 0, cmd_next_table, N_("Next table, previous table (with -v)"), NULL, "next-table" },
	{ KEY_BTAB, 0, cmd_prev_table, N_("Next table, previous table (with -v)"), NULL, "prev-table" },
	{ 'P', 0, cmd_prune,
	  N_("Clean up what the row counts: images (docker image prune), stopped containers, build cache "
	     "(docker builder prune), after a preview"), N_("cleans up"), "prune" },
	{ 'x', 0, cmd_cancel_key, N_("Cancel the reading (the engine stops measuring)"), NULL, "cancel" },
	{ 0, REQ_BACK, cmd_cancel, N_("Cancel the reading; with none, back"), NULL, NULL },
	{ 0, REQ_COPY, cmd_copy_key, N_("Copy the row's first cell (type, ID or name) to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_row, N_("Copy the row as docker system df prints it"), NULL, NULL },
};

static const struct keytable disk_table = KEYTABLE("disk", N_("Disk usage"), disk_keys);
static const struct keytable *const disk_tables[] = { &disk_table, NULL };

/* ---- the frame ---------------------------------------------------------------------- */

static void
disk_describe(struct view *view, char *buf, size_t n)
{
	snprintf(buf, n, "docker system df%s", DV(view)->verbose ? " -v" : "");
}

static void
reading_text(struct disk_view *v, char *buf, size_t n)
{
	long long ms = now_ms() - v->started_ms;
	char key[32];
	view_key_of(&v->base, cmd_cancel_key, key, sizeof(key));
	snprintf(buf, n, _("reading disk usage from the engine… %lld.%llds (%s cancels)"), ms / 1000, ms % 1000 / 100,
		 key);
}

static void
disk_status(struct view *view, struct strbuf *sb)
{
	struct disk_view *v = DV(view);
	char buf[160];
	if (reading(v) && v->have) {
		reading_text(v, buf, sizeof(buf));
		sb_puts(sb, buf);
		return;
	}
	if (!v->have)
		return;
	int64_t now = (int64_t)time(NULL);
	format_created(buf, sizeof(buf), now, (int64_t)v->read_at);
	/* "read 5 seconds ago" follows the clock. */
	app_wake_at(view->app, format_created_next(now, (int64_t)v->read_at));
	sb_printf(sb, _("read %s in %lld.%llds"), buf, v->took_ms / 1000, v->took_ms % 1000 / 100);
}

static void
draw_cells(struct disk_view *v, WINDOW *w, int y, const struct line *l, int64_t now, attr_t attr)
{
	int maxx = getmaxx(w);
	const char *titles[DF_MAX_COLUMNS];
	int n = system_df_columns(l->table, titles);
	int widths[DF_MAX_COLUMNS];
	table_layout(v->width[l->table], n, widths);
	struct df_row r;
	const char *const *cells = titles;
	if (l->kind == LINE_ROW) {
		system_df_row(&v->df, l->table, l->row, now, &r);
		cells = r.cell;
	}
	int x = 0;
	for (int k = 0; k < n && x < maxx; k++) {
		int cw = k == n - 1 ? maxx - x : (widths[k] < maxx - x ? widths[k] : maxx - x);
		x += draw_text(w, y, x, cells[k], cw, attr);
	}
	if (x < maxx)
		draw_fill(w, y, x, attr);
}

static bool
disk_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct disk_view *v = DV(view);
	if (v->reread && !reading(v))
		start_read(v);	/* a prune finished while the panel is on screen */
	char buf[256];
	if (!v->have) {
		if (reading(v)) {
			reading_text(v, buf, sizeof(buf));
			draw_note(w, y, height, buf, ROLE_NOTE);
		} else {
			char key[32];
			view_request_word(view, REQ_RELOAD, key, sizeof(key));
			snprintf(buf, sizeof(buf), _("Disk usage not read: %s reads it (docker system df)."), key);
			draw_note(w, y, height, v->error ? v->error : buf, v->error ? ROLE_ERROR : ROLE_DIM);
		}
		return true;
	}
	time_t now = time(NULL);
	if (now != v->measured_at)
		measure(v);	/* ages grow */
	settle_cursor(v);
	int rows = 0;
	if (v->error && height > 1) {
		draw_text(w, y, 0, v->error, getmaxx(w), draw_attr(ROLE_ERROR));
		rows = 1;
	}
	list_clamp(&v->pos, height - rows);
	for (int i = rows; i < height; i++) {
		size_t idx = v->pos.top + (size_t)(i - rows);
		if (idx >= v->pos.n) {
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct line *l = &v->lines[idx];
		switch (l->kind) {
		case LINE_CAPTION:
			system_df_caption(&v->df, l->table, buf, sizeof(buf));
			draw_text(w, y + i, 0, buf, getmaxx(w), draw_attr(ROLE_NORMAL) | A_BOLD);
			break;
		case LINE_BLANK:
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
			break;
		case LINE_HEADER:
			draw_cells(v, w, y + i, l, now, draw_attr(ROLE_HEADER));
			break;
		case LINE_ROW:
			draw_cells(v, w, y + i, l, now, draw_attr(idx == v->pos.cursor ? ROLE_SELECTED : ROLE_NORMAL));
			break;
		}
	}
	return true;
}

static struct list_pos *
disk_pos(struct view *view)
{
	struct disk_view *v = DV(view);
	/* Keys come faster than frames: settle the last move before the next one. */
	settle_cursor(v);
	v->last_cursor = v->pos.cursor;
	return &v->pos;
}

static void
disk_free(struct view *view)
{
	struct disk_view *v = DV(view);
	system_df_free(&v->df);
	free(v->lines);
	free(v->error);
	free(v);
}

const struct view_ops disk_view_ops = {
	.name = N_("Disk usage"),
	.tables = disk_tables,
	.describe = disk_describe,
	.reload = disk_reload,
	.draw = disk_draw,
	.pos = disk_pos,
	.click = disk_click,
	.status = disk_status,
	.free = disk_free,
};

struct view *
disk_view_new(struct app *app)
{
	struct disk_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &disk_view_ops, app);
	return &v->base;
}
