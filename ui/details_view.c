#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "details.h"
#include "container_view.h"
#include "details_view.h"
#include "draw.h"
#include "files_pane.h"
#include "format.h"
#include "jtree.h"
#include "i18n.h"
#include "inspect_pane.h"
#include "sanitize.h"
#include "session.h"
#include "strbuf.h"
#include "table.h"
#include "template.h"
#include "view.h"
#include "xalloc.h"

#define FOOTER_ROWS 4
#define BAR_WIDTH 12

enum details_tab { TAB_INSPECT, TAB_HISTORY, TAB_TAGS, TAB_CONTAINERS, TAB_FILES, TAB_COUNT };

static const char *const tab_names[TAB_COUNT] = {
	N_("Inspect"), N_("History"), N_("Tags"), N_("Containers"), N_("Files"),
};

struct details_view {
	struct view base;
	char *title;
	char *image_id;
	struct details *d;		/* NULL while loading */
	enum details_tab tab;
	struct list_pos pos[TAB_COUNT];
	struct inspect_pane inspect;
	struct files_pane files;	/* read from the engine when the tab is first shown */
	/* History */
	bool full_width;		/* CREATED BY uncut, like --no-trunc */
	int hist_list_rows;		/* History rows on screen (a click below them is the footer) */
	bool hide_empty;		/* leave out 0B layers */
	int hscroll;			/* with full_width: columns scrolled off to the left */
	size_t *hist_rows;		/* indexes of the rows shown */
	size_t nhist_rows;
};

#define DV(v) ((struct details_view *)(v))
enum { SLOT_DETAILS, SLOT_FILES, SLOT_FILES_EXTRACT };

static void
filter_history(struct details_view *v)
{
	free(v->hist_rows);
	v->hist_rows = NULL;
	v->nhist_rows = 0;
	if (!v->d || !v->d->history.nrows)
		return;
	v->hist_rows = xcalloc(v->d->history.nrows, sizeof(*v->hist_rows));
	for (size_t i = 0; i < v->d->history.nrows; i++)
		if (!v->hide_empty || !v->d->history.rows[i].empty_layer)
			v->hist_rows[v->nhist_rows++] = i;
}

/* The image's Size: about what its archive weighs, for the Files tab's progress. */
static uint64_t
image_size(const struct details *d)
{
	const cJSON *size = d && d->tree ? cJSON_GetObjectItemCaseSensitive(jtree_doc(d->tree), "Size") : NULL;
	return cJSON_IsNumber(size) && size->valuedouble > 0 ? (uint64_t)size->valuedouble : 0;
}

static void
set_data(struct details_view *v, struct details *d)
{
	details_free(v->d);
	v->d = d;
	/* the containers: the session's list, kept current by events, when it has one */
	const struct container_list *l = session_containers(app_session(v->base.app));
	if (d && l)
		details_use_containers(d, l);
	inspect_pane_set(&v->inspect, d ? d->tree : NULL, d ? d->inspect_error : NULL);
	filter_history(v);
	files_pane_set_expected(&v->files, image_size(d));
}

/* ---- helpers ---------------------------------------------------------------- */

static size_t
tab_rows(const struct details_view *v, enum details_tab tab)
{
	if (!v->d)
		return 0;
	switch (tab) {
	case TAB_INSPECT: return v->d->tree ? jtree_count(v->d->tree) : 0;
	case TAB_HISTORY: return v->nhist_rows;
	case TAB_TAGS: return v->d->ntags + v->d->ndigests;
	case TAB_CONTAINERS: return v->d->nused_by;
	case TAB_FILES: break;	/* not from v->d: see files_pane_rows */
	case TAB_COUNT: break;
	}
	return 0;
}

/* The counts the tabs show: rows, -1 for none. */
static void
tab_counts(struct details_view *v, long count[TAB_COUNT])
{
	for (int t = 0; t < TAB_COUNT; t++)
		count[t] = v->d && t != TAB_INSPECT && t != TAB_FILES ? (long)tab_rows(v, (enum details_tab)t) : -1;
	/* Tags (N) counts the tags; the digests are listed below them, not counted as tags */
	if (v->d)
		count[TAB_TAGS] = (long)v->d->ntags;
}

static void
draw_details_tabs(struct details_view *v, WINDOW *w, int y)
{
	long count[TAB_COUNT];
	tab_counts(v, count);
	draw_tabs(w, y, tab_names, count, TAB_COUNT, (int)v->tab);
}

/* ---- History --------------------------------------------------------------------- */

enum hist_col { HC_IMAGE, HC_CREATED, HC_CREATED_BY, HC_SIZE, HC_BAR, HC_TOTAL, HC_COMMENT, HC_COUNT };

static const char *
hist_title(enum hist_col c)
{
	switch (c) {
	case HC_IMAGE: return history_column_title(HISTORY_COL_IMAGE);
	case HC_CREATED: return history_column_title(HISTORY_COL_CREATED);
	case HC_CREATED_BY: return history_column_title(HISTORY_COL_CREATED_BY);
	case HC_SIZE: return history_column_title(HISTORY_COL_SIZE);
	case HC_BAR: return "";
	case HC_TOTAL: return _("TOTAL");
	case HC_COMMENT: return history_column_title(HISTORY_COL_COMMENT);
	case HC_COUNT: break;
	}
	return "";
}

static const char *
hist_cell(const struct details_view *v, const struct history_row *r, enum hist_col c, time_t now,
	  char *buf, size_t n)
{
	switch (c) {
	case HC_IMAGE: return history_cell(r, HISTORY_COL_IMAGE, false, now, buf, n);
	case HC_CREATED: return history_cell(r, HISTORY_COL_CREATED, false, now, buf, n);
	case HC_CREATED_BY: return history_cell(r, HISTORY_COL_CREATED_BY, v->full_width, now, buf, n);
	case HC_SIZE: return history_cell(r, HISTORY_COL_SIZE, false, now, buf, n);
	case HC_TOTAL:
		format_size(buf, n, r->cumulative_size);
		return buf;
	case HC_COMMENT: return history_cell(r, HISTORY_COL_COMMENT, false, now, buf, n);
	case HC_BAR:
	case HC_COUNT: break;
	}
	return "";
}

/* A narrow screen drops budu's own columns (the bar, TOTAL) first, then COMMENT, before CREATED BY,
 * the column that says what a step did, gives way. */
static const struct table_step hist_steps[] = {
	{ HC_BAR, TABLE_DROP, 0 },
	{ HC_TOTAL, TABLE_DROP, 0 },
	{ HC_COMMENT, TABLE_CUT, 7 },
	{ HC_CREATED_BY, TABLE_CUT, 30 },
	{ HC_COMMENT, TABLE_DROP, 0 },
	{ HC_CREATED, TABLE_CUT, 11 },
	{ HC_CREATED_BY, TABLE_CUT, 10 },
	{ HC_IMAGE, TABLE_CUT, 7 },
};

/* With T a row (r; NULL: the header) is the line docker history --no-trunc prints, from column
 * hscroll on, like less -S. */
static void
draw_hist_shifted(struct details_view *v, WINDOW *w, int y, const struct history_row *r, const int *width,
		  time_t now, attr_t attr)
{
	const char *cells[HC_COUNT];
	char *clean[HC_COUNT] = { 0 };
	int widths[HC_COUNT], n = 0;
	char buf[HISTORY_CELL_BUF];
	for (int c = 0; c < HC_COUNT; c++) {
		if (!width[c])
			continue;
		clean[n] = sanitize(r ? hist_cell(v, r, (enum hist_col)c, now, buf, sizeof(buf))
				     : hist_title((enum hist_col)c));
		cells[n] = clean[n];
		widths[n++] = width[c];
	}
	char *line = table_line(cells, widths, n);
	int cols = getmaxx(w);
	/* no scrolling past the end of the widest row */
	int total = 0;
	for (int i = 0; i < n; i++)
		total += widths[i];
	if (v->hscroll > total - cols)
		v->hscroll = total - cols > 0 ? total - cols : 0;
	int used = draw_text(w, y, 0, text_skip(line, v->hscroll), cols, attr);
	if (used < cols)
		draw_fill(w, y, used, attr);
	free(line);
	for (int i = 0; i < n; i++)
		free(clean[i]);
}

static void
draw_history(struct details_view *v, WINDOW *w, int y, int height, time_t now)
{
	struct history *h = &v->d->history;
	if (v->d->history_error) {
		draw_note(w, y, height, v->d->history_error, ROLE_ERROR);
		return;
	}
	int cols = getmaxx(w);
	int footer = height > 8 ? FOOTER_ROWS : 0;
	int rows = height - 1 - footer - (footer ? 1 : 0);
	v->hist_list_rows = rows;
	char buf[HISTORY_CELL_BUF];

	/* docker's tabwriter widths over the rows shown. */
	int content_w[HC_COUNT], width[HC_COUNT];
	bool shown[HC_COUNT];
	for (int c = 0; c < HC_COUNT; c++) {
		content_w[c] = text_width(hist_title((enum hist_col)c));
		shown[c] = c != HC_COMMENT;	/* COMMENT when a row has one */
	}
	for (size_t i = 0; i < v->nhist_rows; i++)
		for (int c = 0; c < HC_COUNT; c++) {
			const struct history_row *r = &h->rows[v->hist_rows[i]];
			/* CREATED: the widest age it can grow into, so it never jumps or gets cut. */
			int tw = c == HC_CREATED && r->created > HISTORY_EPOCH
					 ? format_created_width((int64_t)now, r->created)
					 : text_width(hist_cell(v, r, (enum hist_col)c, now, buf, sizeof(buf)));
			if (tw > content_w[c])
				content_w[c] = tw;
			if (c == HC_COMMENT && r->comment[0])
				shown[c] = true;
		}
	content_w[HC_BAR] = BAR_WIDTH;
	if (v->full_width) {
		/* T: the rows as docker history --no-trunc prints them, scrolled sideways */
		shown[HC_BAR] = shown[HC_TOTAL] = false;
		table_fit(content_w, shown, HC_COUNT, INT_MAX, NULL, 0, width);
	} else {
		table_fit(content_w, shown, HC_COUNT, cols, hist_steps, sizeof(hist_steps) / sizeof(hist_steps[0]),
			  width);
		v->hscroll = 0;
	}
	int last = table_last(width, HC_COUNT);

	if (v->full_width)
		draw_hist_shifted(v, w, y, NULL, width, now, draw_attr(ROLE_HEADER));
	int x = 0;
	for (int c = 0; c < HC_COUNT && x < cols && !v->full_width; c++) {
		if (!width[c])
			continue;
		int cw = c == last ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
		draw_text(w, y, x, hist_title((enum hist_col)c), cw, draw_attr(ROLE_HEADER));
		x += cw;
	}
	if (x < cols && !v->full_width)
		draw_fill(w, y, x, draw_attr(ROLE_HEADER));
	v->pos[TAB_HISTORY].n = v->nhist_rows;
	list_clamp(&v->pos[TAB_HISTORY], rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->pos[TAB_HISTORY].top + (size_t)i;
		int yy = y + 1 + i;
		if (idx >= v->nhist_rows) {
			draw_fill(w, yy, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct history_row *r = &h->rows[v->hist_rows[idx]];
		if (r->created > HISTORY_EPOCH)
			app_wake_at(v->base.app, format_created_next((int64_t)now, r->created));
		bool selected = idx == v->pos[TAB_HISTORY].cursor;
		attr_t attr = selected ? draw_attr(ROLE_SELECTED)
				       : draw_attr(r->empty_layer ? ROLE_DIM : ROLE_NORMAL);
		if (v->full_width) {
			draw_hist_shifted(v, w, yy, r, width, now, attr);
			continue;
		}
		x = 0;
		for (int c = 0; c < HC_COUNT && x < cols; c++) {
			if (!width[c])
				continue;
			int cw = c == last ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
			int content = c == last ? cw : cw - TABLE_PADDING;
			if (content <= 0)
				content = cw;
			if (c == HC_BAR) {
				draw_bar(w, yy, x, content, r->size, h->max_size, false,
					 selected ? attr : draw_attr(ROLE_BAR));
			} else {
				draw_text(w, yy, x, hist_cell(v, r, (enum hist_col)c, now, buf, sizeof(buf)),
					  content, attr);
			}
			if (content < cw)
				draw_text(w, yy, x + content, "", cw - content, attr);
			x += cw;
		}
		if (x < cols)
			draw_fill(w, yy, x, attr);
	}
	if (!footer)
		return;
	int fy = y + 1 + rows;
	draw_text(w, fy, 0, "", cols, draw_attr(ROLE_HEADER));
	for (int i = 1; i <= footer; i++)
		draw_fill(w, fy + i, 0, draw_attr(ROLE_NORMAL));
	if (!v->nhist_rows)
		return;
	/* The whole step, its Dockerfile instruction highlighted. */
	const struct history_row *r = &h->rows[v->hist_rows[v->pos[TAB_HISTORY].cursor]];
	const char *keyword = NULL;
	char *rest = NULL;
	history_instruction(r->created_by, &keyword, &rest);
	int kx = 1;
	if (keyword)
		kx += draw_text(w, fy + 1, 1, keyword, text_width(keyword), draw_attr(ROLE_INSTRUCTION)) + 1;
	if (rest[0])
		draw_wrapped(w, fy + 1, kx, footer, cols - kx - 1, rest, draw_attr(ROLE_NORMAL));
	else if (!keyword)
		draw_text(w, fy + 1, 1, r->comment[0] ? r->comment : _("(no command: an imported or committed layer)"),
			  cols - 2, draw_attr(ROLE_DIM));
	free(rest);
}

/* ---- Tags and Containers ------------------------------------------------------------ */

static void
draw_list_header(WINDOW *w, int y, const char *const *titles, const int *widths, int n)
{
	int x = 0, cols = getmaxx(w);
	for (int c = 0; c < n && x < cols; c++) {
		int cw = c == n - 1 ? cols - x : (widths[c] < cols - x ? widths[c] : cols - x);
		draw_text(w, y, x, titles[c], cw, draw_attr(ROLE_HEADER));
		x += cw;
	}
}

static void
draw_tags(struct details_view *v, WINDOW *w, int y, int height)
{
	struct details *d = v->d;
	size_t n = d->ntags + d->ndigests;
	if (d->inspect_error) {
		draw_note(w, y, height, d->inspect_error, ROLE_ERROR);
		return;
	}
	if (!n) {
		draw_note(w, y, height, _("This image has no tag and no digest: it is dangling."), ROLE_DIM);
		return;
	}
	const char *titles[] = { _("KIND"), _("REFERENCE") };
	/* The kind column fits its words in any language. */
	int widths[] = { text_width(titles[0]), 0 };
	if (text_width(_("tag")) > widths[0])
		widths[0] = text_width(_("tag"));
	if (text_width(_("digest")) > widths[0])
		widths[0] = text_width(_("digest"));
	widths[0] += TABLE_PADDING;
	draw_list_header(w, y, titles, widths, 2);
	int rows = height - 1;
	v->pos[TAB_TAGS].n = n;
	list_clamp(&v->pos[TAB_TAGS], rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->pos[TAB_TAGS].top + (size_t)i;
		int yy = y + 1 + i;
		if (idx >= n) {
			draw_fill(w, yy, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		bool is_tag = idx < d->ntags;
		attr_t attr = draw_attr(idx == v->pos[TAB_TAGS].cursor ? ROLE_SELECTED : ROLE_NORMAL);
		draw_text(w, yy, 0, is_tag ? _("tag") : _("digest"), widths[0], attr);
		draw_text(w, yy, widths[0], is_tag ? d->tags[idx] : d->digests[idx - d->ntags],
			  getmaxx(w) - widths[0], attr);
	}
}

static void
draw_containers(struct details_view *v, WINDOW *w, int y, int height)
{
	struct details *d = v->d;
	if (d->containers_error) {
		draw_note(w, y, height, d->containers_error, ROLE_ERROR);
		return;
	}
	if (!d->nused_by) {
		draw_note(w, y, height, _("No container uses this image: it can be removed without force."),
			  ROLE_DIM);
		return;
	}
	const char *titles[] = { _("CONTAINER ID"), _("NAME"), _("STATE"), _("STATUS") };
	int widths[4] = { 15, 0, 0, 0 };
	widths[1] = text_width(titles[1]);
	widths[2] = text_width(titles[2]);
	for (size_t i = 0; i < d->nused_by; i++) {
		int nw = text_width(d->used_by[i]->name), sw = text_width(d->used_by[i]->state);
		if (nw > widths[1])
			widths[1] = nw;
		if (sw > widths[2])
			widths[2] = sw;
	}
	widths[1] += TABLE_PADDING;
	widths[2] += TABLE_PADDING;
	draw_list_header(w, y, titles, widths, 4);
	int rows = height - 1;
	v->pos[TAB_CONTAINERS].n = d->nused_by;
	list_clamp(&v->pos[TAB_CONTAINERS], rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->pos[TAB_CONTAINERS].top + (size_t)i;
		int yy = y + 1 + i, x = 0, cols = getmaxx(w);
		if (idx >= d->nused_by) {
			draw_fill(w, yy, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct container *c = d->used_by[idx];
		attr_t attr = draw_attr(idx == v->pos[TAB_CONTAINERS].cursor ? ROLE_SELECTED : ROLE_NORMAL);
		char id[16];
		snprintf(id, sizeof(id), "%.12s", c->id);
		const char *cells[] = { id, c->name, c->state, c->status };
		for (int k = 0; k < 4 && x < cols; k++) {
			int cw = k == 3 ? cols - x : (widths[k] < cols - x ? widths[k] : cols - x);
			draw_text(w, yy, x, cells[k], cw, attr);
			x += cw;
		}
	}
}

/* ---- the view ----------------------------------------------------------------------- */

static bool
details_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct details_view *v = DV(view);
	time_t now = time(NULL);
	if (height < 2)
		return true;
	draw_details_tabs(v, w, y);
	y++;
	height--;
	/* The files come from the archive, not from the details: the tab does not wait for them. */
	if (v->tab == TAB_FILES) {
		files_pane_draw(&v->files, w, y, height);
		return true;
	}
	if (!v->d) {
		char *msg = xasprintf(_("Loading %s…"), v->title);
		draw_note(w, y, height, msg, ROLE_NOTE);
		free(msg);
		return true;
	}
	switch (v->tab) {
	case TAB_INSPECT: inspect_pane_draw(&v->inspect, w, y, height); break;
	case TAB_HISTORY: draw_history(v, w, y, height, now); break;
	case TAB_TAGS: draw_tags(v, w, y, height); break;
	case TAB_CONTAINERS: draw_containers(v, w, y, height); break;
	case TAB_FILES:
	case TAB_COUNT: break;
	}
	return true;
}


/* ---- its data ----------------------------------------------------------------------- */

struct details_fetch {
	struct fetch base;
	char *image_id;
	bool containers;	/* the session has no container list yet: read one */
	struct details *result;
};

static void
details_run(struct fetch *f)
{
	struct details_fetch *df = (struct details_fetch *)f;
	df->result = details_fetch(f->engine, df->image_id, df->containers, &f->cancel);
}

static void
details_apply(struct fetch *f, void *owner)
{
	struct details_fetch *df = (struct details_fetch *)f;
	set_data(owner, df->result);
	df->result = NULL;
}

static void
details_release(struct fetch *f)
{
	struct details_fetch *df = (struct details_fetch *)f;
	details_free(df->result);
	free(df->image_id);
	free(df);
}

static const struct fetch_ops details_fetch_ops = { details_run, details_apply, details_release };

static void
details_refresh(struct view *view, unsigned why)
{
	/* R on the Files tab reads the archive again too. */
	if ((why & VIEW_REFRESH_USER) && DV(view)->tab == TAB_FILES)
		files_pane_reload(&DV(view)->files);
	struct details_fetch *df = xcalloc(1, sizeof(*df));
	df->image_id = xstrdup(DV(view)->image_id);
	df->containers = !session_containers(app_session(view->app));
	app_fetch(view, SLOT_DETAILS, &df->base, &details_fetch_ops);
}

/* The session's container list changed: the Containers tab follows it (the old one goes). */
static void
details_update(struct view *view, unsigned what)
{
	struct details_view *v = DV(view);
	const struct container_list *l = session_containers(app_session(view->app));
	if ((what & SESSION_CONTAINERS) && v->d && l)
		details_use_containers(v->d, l);
}

/* ---- commands ------------------------------------------------------------------------ */

static bool
set_tab(struct details_view *v, enum details_tab tab)
{
	v->tab = tab;
	if (tab == TAB_FILES)
		files_pane_show(&v->files, false);
	return true;
}

static bool cmd_next_tab(struct view *view) { return set_tab(DV(view), (DV(view)->tab + 1) % TAB_COUNT); }
static bool cmd_prev_tab(struct view *view) { return set_tab(DV(view), (DV(view)->tab + TAB_COUNT - 1) % TAB_COUNT); }
static bool cmd_inspect(struct view *view) { return set_tab(DV(view), TAB_INSPECT); }
static bool cmd_history(struct view *view) { return set_tab(DV(view), TAB_HISTORY); }
static bool cmd_tags(struct view *view) { return set_tab(DV(view), TAB_TAGS); }
static bool cmd_containers(struct view *view) { return set_tab(DV(view), TAB_CONTAINERS); }

/* f: the Files tab; on it, f reads the archive again after a cancel or a failure. */
static bool
cmd_files(struct view *view)
{
	struct details_view *v = DV(view);
	bool again = v->tab == TAB_FILES;
	set_tab(v, TAB_FILES);
	files_pane_show(&v->files, again);
	return true;
}

/* Enter on the Containers tab opens that container over the image. */
static bool
cmd_open_container(struct view *view)
{
	struct details_view *v = DV(view);
	if (v->tab != TAB_CONTAINERS || !v->d || v->pos[TAB_CONTAINERS].cursor >= v->d->nused_by)
		return false;
	const struct container *c = v->d->used_by[v->pos[TAB_CONTAINERS].cursor];
	app_push(view->app, container_view_new(view->app, c->id, c->name));
	return true;
}

/* BACK always closes Details: it has nothing of its own to undo first. */
static bool
cmd_back(struct view *view)
{
	(void)view;
	return false;
}

static bool
cmd_full_width(struct view *view)
{
	DV(view)->full_width = !DV(view)->full_width;
	return true;
}

/* Sideways by 8 columns, as the log pane scrolls; drawing stops it at the widest row's end. */
static bool
cmd_hist_right(struct view *view)
{
	if (DV(view)->full_width)
		DV(view)->hscroll += 8;
	return true;
}

static bool
cmd_hist_left(struct view *view)
{
	struct details_view *v = DV(view);
	v->hscroll = v->hscroll > 8 ? v->hscroll - 8 : 0;
	return true;
}

static bool
cmd_hide_empty(struct view *view)
{
	struct details_view *v = DV(view);
	size_t *cur = &v->pos[TAB_HISTORY].cursor;
	size_t keep = v->nhist_rows ? v->hist_rows[*cur] : 0;
	v->hide_empty = !v->hide_empty;
	filter_history(v);
	*cur = 0;
	for (size_t i = 0; i < v->nhist_rows; i++)
		if (v->hist_rows[i] <= keep)
			*cur = i;
	return true;
}

/* ---- copy ----------------------------------------------------------------------------- */

static const struct history_row *
selected_history(const struct details_view *v)
{
	size_t c = v->pos[TAB_HISTORY].cursor;
	return v->d && c < v->nhist_rows ? &v->d->history.rows[v->hist_rows[c]] : NULL;
}

/* y: the step's image ID ("<missing>" has none). */
static bool
cmd_copy_history_id(struct view *view)
{
	const struct history_row *r = selected_history(DV(view));
	app_copy(view->app, r && r->id[0] ? xstrdup(r->id) : NULL, _("image ID"));
	return true;
}

/* Y: the step as docker history --no-trunc prints it. */
static bool
cmd_copy_history_row(struct view *view)
{
	const struct history_row *r = selected_history(DV(view));
	if (!r) {
		app_copy(view->app, NULL, _("row"));
		return true;
	}
	char bufs[4][HISTORY_CELL_BUF];
	time_t now = time(NULL);
	const char *cells[] = {
		history_cell(r, HISTORY_COL_IMAGE, true, now, bufs[0], sizeof(bufs[0])),
		history_cell(r, HISTORY_COL_CREATED, true, now, bufs[1], sizeof(bufs[1])),
		history_cell(r, HISTORY_COL_CREATED_BY, true, now, bufs[2], sizeof(bufs[2])),
		history_cell(r, HISTORY_COL_SIZE, true, now, bufs[3], sizeof(bufs[3])),
		r->comment,
	};
	app_copy_row(view->app, cells, NULL, 5, _("row"));
	return true;
}

/* y, Y on Tags: the reference; the row (kind and reference). */
static void
copy_tag(struct view *view, bool whole)
{
	struct details_view *v = DV(view);
	size_t c = v->pos[TAB_TAGS].cursor;
	if (!v->d || c >= v->d->ntags + v->d->ndigests) {
		app_copy(view->app, NULL, _("reference"));
		return;
	}
	bool is_tag = c < v->d->ntags;
	const char *ref = is_tag ? v->d->tags[c] : v->d->digests[c - v->d->ntags];
	const char *cells[] = { is_tag ? _("tag") : _("digest"), ref };
	if (whole)
		app_copy_row(view->app, cells, NULL, 2, _("row"));
	else
		app_copy(view->app, xstrdup(ref), _("reference"));
}

static bool cmd_copy_tag(struct view *view) { copy_tag(view, false); return true; }
static bool cmd_copy_tag_row(struct view *view) { copy_tag(view, true); return true; }

/* y, Y on Containers: the container's ID; its row. */
static void
copy_used_by(struct view *view, bool whole)
{
	struct details_view *v = DV(view);
	size_t c = v->pos[TAB_CONTAINERS].cursor;
	if (!v->d || c >= v->d->nused_by) {
		app_copy(view->app, NULL, _("container ID"));
		return;
	}
	const struct container *ct = v->d->used_by[c];
	char id[16];
	snprintf(id, sizeof(id), "%.12s", ct->id);
	const char *cells[] = { id, ct->name, ct->state, ct->status };
	if (whole)
		app_copy_row(view->app, cells, NULL, 4, _("row"));
	else
		app_copy(view->app, xstrdup(ct->id), _("container ID"));
}

static bool cmd_copy_used_by(struct view *view) { copy_used_by(view, false); return true; }
static bool cmd_copy_used_by_row(struct view *view) { copy_used_by(view, true); return true; }

/* ---- keys ----------------------------------------------------------------------------- */

static const struct view_key details_keys[] = {
	{ '\t', 0, cmd_next_tab, N_("Next tab"), NULL, "next-tab" },
	{ KEY_BTAB, 0, cmd_prev_tab, N_("Previous tab"), NULL, "prev-tab" },
	{ 'i', 0, cmd_inspect, N_("Inspect tab"), NULL, "inspect" },
	{ 'h', 0, cmd_history, N_("History tab"), NULL, "history" },
	{ 't', 0, cmd_tags, N_("Tags tab"), NULL, "tags" },
	{ 'c', 0, cmd_containers, N_("Containers tab"), NULL, "containers" },
	{ 'f', 0, cmd_files, N_("Files tab"), NULL, "files" },
	{ 0, REQ_BACK, cmd_back, N_("Back to the image list"), NULL, NULL },
	{ 'q', REQ_BACK, NULL, NULL, NULL, NULL },
};

static const struct view_key used_by_keys[] = {
	{ 0, REQ_ENTER, cmd_open_container, N_("Open the container"), NULL, NULL },
	{ 0, REQ_COPY, cmd_copy_used_by, N_("Copy the container ID to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_used_by_row, N_("Copy the row to the clipboard"), NULL, NULL },
};

static const struct view_key tags_keys[] = {
	{ 0, REQ_COPY, cmd_copy_tag, N_("Copy the reference to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_tag_row, N_("Copy the row to the clipboard"), NULL, NULL },
};

static const struct view_key history_keys[] = {
	{ 'T', 0, cmd_full_width, N_("Show CREATED BY in full or cut (--no-trunc)"), NULL, "full-width" },
	{ KEY_RIGHT, 0, cmd_hist_right, N_("With CREATED BY in full, scroll the rows right"), NULL, "scroll-right" },
	{ KEY_LEFT, 0, cmd_hist_left, N_("With CREATED BY in full, scroll the rows left"), NULL, "scroll-left" },
	{ 'e', 0, cmd_hide_empty, N_("Hide or show empty layers (0B)"), NULL, "hide-empty" },
	{ 0, REQ_COPY, cmd_copy_history_id, N_("Copy the step's image ID to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_history_row, N_("Copy the step as docker history --no-trunc prints it"), NULL, NULL },
};

static const struct keytable history_table = KEYTABLE("history", N_("History"), history_keys);
static const struct keytable used_by_table = KEYTABLE("used-by", N_("Containers"), used_by_keys);
static const struct keytable tags_table = KEYTABLE("tags", N_("Tags"), tags_keys);
static const struct keytable details_table = KEYTABLE("details", N_("Details"), details_keys);
static const struct keytable *const details_tables[] = {
	&inspect_pane_keys, &history_table, &tags_table, &used_by_table, &files_pane_keys, &details_table, NULL,
};

/* The tab's own keys, then the view's. */
static bool
details_uses(const struct view *view, const struct keytable *t)
{
	const struct details_view *v = (const struct details_view *)view;
	if (t == &inspect_pane_keys)
		return v->tab == TAB_INSPECT;
	if (t == &history_table)
		return v->tab == TAB_HISTORY;
	if (t == &used_by_table)
		return v->tab == TAB_CONTAINERS;
	if (t == &tags_table)
		return v->tab == TAB_TAGS;
	if (t == &files_pane_keys)
		return v->tab == TAB_FILES;
	return true;
}

/* A click on a tab shows it; on a row of History, Tags or Containers (under the tabs and the
 * header) selects it, twice opens it. Inspect and Files take no clicks on their rows. */
static bool
details_click(struct view *view, int y, int x, int count)
{
	struct details_view *v = DV(view);
	if (y == 0) {
		long n[TAB_COUNT];
		tab_counts(v, n);
		int t = draw_tab_at(tab_names, n, TAB_COUNT, x);
		if (t == TAB_FILES)
			cmd_files(view);
		else if (t >= 0)
			set_tab(v, (enum details_tab)t);
		return true;
	}
	if (!v->d || v->tab == TAB_INSPECT || v->tab == TAB_FILES || y < 2)
		return true;
	struct list_pos *p = &v->pos[v->tab];
	size_t idx = p->top + (size_t)(y - 2);
	p->n = tab_rows(v, v->tab);
	/* History's footer is below its rows: only rows on screen count */
	if (idx >= p->n || (v->tab == TAB_HISTORY && y - 2 >= v->hist_list_rows))
		return true;
	p->cursor = idx;
	if (count > 1 && v->tab == TAB_CONTAINERS)
		cmd_open_container(view);
	return true;
}

/* ---- the view ------------------------------------------------------------------------- */

static void
details_title(struct view *view, char *buf, size_t n)
{
	snprintf(buf, n, "%s", DV(view)->title);
}

static struct list_pos *
details_pos(struct view *view)
{
	struct details_view *v = DV(view);
	if (v->tab == TAB_FILES)
		return files_pane_pos(&v->files);
	struct list_pos *p = v->tab == TAB_INSPECT ? &v->inspect.pos : &v->pos[v->tab];
	p->n = tab_rows(v, v->tab);
	return p;
}

static void
details_status(struct view *view, struct strbuf *sb)
{
	struct details_view *v = DV(view);
	if (v->tab == TAB_FILES) {
		files_pane_status(&v->files, sb);
		return;
	}
	if (!v->d)
		return;
	size_t n = tab_rows(v, v->tab);
	sb_printf(sb, "%s: ", _(tab_names[v->tab]));
	sb_printf(sb, ngettext("%zu row", "%zu rows", n), n);
}

static void
details_view_free(struct view *view)
{
	struct details_view *v = DV(view);
	details_free(v->d);
	free(v->title);
	free(v->image_id);
	inspect_pane_free(&v->inspect);
	files_pane_free(&v->files);
	free(v->hist_rows);
	free(v);
}

const struct view_ops details_view_ops = {
	.name = N_("Details"),
	.tables = details_tables,
	.uses = details_uses,
	.title = details_title,
	.reload = details_refresh,
	.update = details_update,
	.draw = details_draw,
	.pos = details_pos,
	.status = details_status,
	.click = details_click,
	.free = details_view_free,
};

struct view *
details_view_new(struct app *app, const char *title, const char *image_id)
{
	struct details_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &details_view_ops, app);
	v->title = xstrdup(title);
	v->image_id = xstrdup(image_id);
	v->inspect.schema = &template_schema_image;
	v->base.inspect = &v->inspect;
	files_pane_init(&v->files, &v->base, SLOT_FILES, SLOT_FILES_EXTRACT, image_id);
	v->base.files = &v->files;
	return &v->base;
}
