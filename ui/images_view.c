/* The Images panel's root: `docker image ls` as a list that filters, sorts, marks and scrolls,
 * with the in-use column, and the commands that act on images (pull, tag, remove, prune, copy).
 * It reads the session's image and container lists; it owns only its rows. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#include "app.h"
#include "details_view.h"
#include "docker_config.h"
#include "draw.h"
#include "filter_prompt.h"
#include "format.h"
#include "i18n.h"
#include "image_layers.h"
#include "images_view.h"
#include "marks.h"
#include "pull_input.h"
#include "push.h"
#include "reference.h"
#include "registry.h"
#include "registry_auth.h"
#include "registry_digest.h"
#include "registry_creds.h"
#include "remove.h"
#include "sanitize.h"
#include "satnum.h"
#include "session.h"
#include "sort_cols.h"
#include "terminal.h"
#include "strv.h"
#include "table.h"
#include "tasks.h"
#include "view.h"
#include "xalloc.h"

/* docker image ls's columns, then CONTAINERS (as docker system df -v names it): the images in
 * use, which is why removing them needs force. */
enum column { COL_REPO, COL_TAG, COL_DIGEST, COL_ID, COL_CREATED, COL_SIZE, COL_USED, COL_UPSTREAM, COL_COUNT };

static const char *const column_titles[COL_COUNT] = {
	N_("REPOSITORY"), N_("TAG"), N_("DIGEST"), N_("IMAGE ID"), N_("CREATED"), N_("SIZE"),
	N_("CONTAINERS"), N_("UPSTREAM"),
};

/* The order each column sorts by; UPSTREAM has none. */
static const int column_sort[COL_COUNT] = {
	[COL_REPO] = IMAGE_SORT_REPOSITORY, [COL_TAG] = IMAGE_SORT_TAG, [COL_DIGEST] = IMAGE_SORT_DIGEST,
	[COL_ID] = IMAGE_SORT_ID, [COL_CREATED] = IMAGE_SORT_CREATED, [COL_SIZE] = IMAGE_SORT_SIZE,
	[COL_USED] = IMAGE_SORT_CONTAINERS, [COL_UPSTREAM] = -1,
};

/* What V found for a repository:tag: the registry's digest against the image's RepoDigests. */
struct upstream {
	char *ref;		/* "repo:tag" as the row shows it */
	char *image_id;		/* the image the tag named when checked */
	char *status;		/* "same", "changed", or why it could not tell; translated */
};

/* U cycles which images the list shows, by whether a container uses them. */
enum usage_filter { USAGE_ALL, USAGE_UNUSED, USAGE_IN_USE, USAGE_COUNT };

struct images_view {
	struct view base;
	const struct image_list *list;		/* the session's, NULL before the first answer */
	bool partial;		/* list is the session's head: the first screenful, more to come */
	bool held;		/* the first screen's widths hold (see hold_first_screen) */
	int held_width[COL_COUNT];
	const struct container_list *containers;	/* the session's, NULL until known */
	struct image_row *rows;
	size_t nrows;
	size_t *visible;	/* indexes into rows that pass the filter, in sort order */
	struct list_pos pos;	/* over visible */
	enum image_sort sort;
	bool sort_reverse;	/* O: the sort's order reversed */
	bool show_all, digests, no_trunc;
	struct filter_prompt filter;
	enum usage_filter usage;	/* U: all images, only unused ones, only ones in use */
	struct marks marks;	/* "id repo:tag" of the marked rows: marks outlive reloads */
	size_t marks_hidden;	/* how many marked rows the filter hides: counted where the marks
				 * or the rows shown change, not on every frame (count_hidden) */
	int content_width[COL_COUNT];	/* widest cell of each column, header included; CREATED's
					 * widest age the rows can grow into (never cut later) */
	bool used_any;		/* a row's image is used by a container: CONTAINERS is shown */
	int header_x[COL_COUNT], header_w[COL_COUNT];	/* where the header drew each column (a click
							 * there sorts by it); width 0: not drawn */
	int first_col;		/* with full IDs: shown columns scrolled off to the left (Left/Right) */
	int screen_cols;	/* the width it was last drawn at */
	bool remove_force, remove_noprune;	/* the remove dialog's switches */
	bool push_all;		/* the push dialog's -a */
	struct upstream *upstream;	/* V's answers; the UPSTREAM column shows once there is one */
	size_t nupstream;
	char **pending;		/* images to select once the list has them (loaded, imported, built) */
	size_t npending;
	char *tag_id, *tag_text;	/* a tag move waiting for its confirmation */
	char *hub_id, *hub_ref;		/* the Docker Hub offer: the image tagged hub_ref, to push */
};

#define IV(v) ((struct images_view *)(v))

static void measure_columns(struct images_view *v);
static bool columns_past(struct images_view *v, int screen);
static void clear_marks(struct images_view *v);
static void select_pending(struct images_view *v);

static char *
mark_key(const struct image_row *r)
{
	return xasprintf("%s %s:%s", r->image->id, r->repo, r->tag);
}

static bool
is_marked(const struct images_view *v, const struct image_row *r)
{
	if (!v->marks.n)
		return false;
	char *k = mark_key(r);
	bool found = marks_has(&v->marks, k);
	free(k);
	return found;
}

/* Counts the marked rows the filter hides: after a change of the marks or of the rows shown
 * (visible is in row order). */
static void
count_hidden(struct images_view *v)
{
	v->marks_hidden = 0;
	if (!v->marks.n)
		return;
	size_t j = 0;
	for (size_t i = 0; i < v->nrows; i++) {
		if (j < v->pos.n && v->visible[j] == i) {
			j++;
			continue;
		}
		if (is_marked(v, &v->rows[i]))
			v->marks_hidden++;
	}
}

static void
clear_marks(struct images_view *v)
{
	marks_clear(&v->marks);
	v->marks_hidden = 0;
}

/* r is a row shown: the count of hidden marks stays. */
static void
toggle_mark_row(struct images_view *v, const struct image_row *r)
{
	char *k = mark_key(r);
	marks_toggle(&v->marks, k);
	free(k);
}

static void
toggle_mark(struct images_view *v)
{
	if (v->pos.n)
		toggle_mark_row(v, &v->rows[v->visible[v->pos.cursor]]);
}

/* The keys of the rows the filter shows, for +, * (a new array of new strings). */
static char **
shown_keys(const struct images_view *v)
{
	char **keys = xcalloc(v->pos.n ? v->pos.n : 1, sizeof(*keys));
	for (size_t i = 0; i < v->pos.n; i++)
		keys[i] = mark_key(&v->rows[v->visible[i]]);
	return keys;
}

/* The marked rows, those the filter shows in list order then those it hides, or the selected
 * row when none is marked: a new array of pointers into the rows (free the array only), valid
 * until the list changes. *hidden (may be NULL) counts the marked rows the filter hides. */
static const struct image_row **
marked_rows_hidden(const struct images_view *v, size_t *n, size_t *hidden)
{
	const struct image_row **out = xcalloc(v->nrows ? v->nrows : 1, sizeof(*out));
	*n = 0;
	if (hidden)
		*hidden = 0;
	/* Marks of rows gone since (removed elsewhere) are ignored. */
	if (v->marks.n) {
		bool *shown = xcalloc(v->nrows ? v->nrows : 1, sizeof(*shown));
		for (size_t i = 0; i < v->pos.n; i++) {
			shown[v->visible[i]] = true;
			if (is_marked(v, &v->rows[v->visible[i]]))
				out[(*n)++] = &v->rows[v->visible[i]];
		}
		for (size_t i = 0; i < v->nrows; i++)
			if (!shown[i] && is_marked(v, &v->rows[i])) {
				out[(*n)++] = &v->rows[i];
				if (hidden)
					(*hidden)++;
			}
		free(shown);
	}
	if (*n == 0 && v->pos.n)
		out[(*n)++] = &v->rows[v->visible[v->pos.cursor]];
	return out;
}

static const struct image_row **
marked_rows(const struct images_view *v, size_t *n)
{
	return marked_rows_hidden(v, n, NULL);
}

static const char *
cell_text(const struct images_view *v, const struct image_row *r, enum column c, char *buf, size_t n,
	  time_t now)
{
	switch (c) {
	case COL_REPO: return r->repo;
	case COL_TAG: return r->tag;
	case COL_DIGEST: return r->digest;
	case COL_ID:
		if (v->no_trunc)
			return r->image->id;
		format_short_id(buf, n, r->image->id);
		return buf;
	case COL_CREATED:
		format_created(buf, n, (int64_t)now, r->image->created);
		return buf;
	case COL_SIZE:
		format_size(buf, n, r->image->size);
		return buf;
	case COL_USED: {
		size_t running = 0;
		size_t used = v->containers ? containers_count_by_image(v->containers, r->image->id, &running) : 0;
		if (!used)
			return "";
		if (running)
			snprintf(buf, n, _("%zu (%zu running)"), used, running);
		else
			snprintf(buf, n, "%zu", used);
		return buf;
	}
	case COL_UPSTREAM:
		for (size_t i = 0; i < v->nupstream; i++) {
			const struct upstream *u = &v->upstream[i];
			snprintf(buf, n, "%s:%s", r->repo, r->tag);
			if (strcmp(u->ref, buf) == 0 && strcmp(u->image_id, r->image->id) == 0)
				return u->status;
		}
		return "";
	case COL_COUNT: break;
	}
	return "";
}

static bool
column_shown(const struct images_view *v, enum column c)
{
	if (c == COL_DIGEST)
		return v->digests;
	if (c == COL_USED)
		return v->containers != NULL && v->used_any;	/* not while empty on every row */
	if (c == COL_UPSTREAM)
		return v->nupstream > 0;
	return true;
}

/* Shown, and not scrolled off to the left (full IDs scroll sideways). */
static bool
column_drawn(const struct images_view *v, enum column c)
{
	if (!column_shown(v, c))
		return false;
	int before = 0;
	for (int i = 0; i < (int)c; i++)
		before += column_shown(v, (enum column)i);
	return !v->no_trunc || before >= v->first_col;
}

static void
measure_columns(struct images_view *v)
{
	time_t now = time(NULL);
	char buf[128];
	for (int c = 0; c < COL_COUNT; c++)
		v->content_width[c] = text_width(_(column_titles[c]));
	v->used_any = false;
	for (size_t i = 0; i < v->nrows; i++) {
		for (int c = 0; c < COL_COUNT; c++) {
			int w = c == COL_CREATED ? format_created_width((int64_t)now, v->rows[i].image->created)
						 : text_width(cell_text(v, &v->rows[i], (enum column)c, buf, sizeof(buf), now));
			if (w > v->content_width[c])
				v->content_width[c] = w;
			if (c == COL_USED && w > 0)
				v->used_any = true;
		}
	}
	/* The columns the list sizes stay as the first screen laid them out (hold_first_screen);
	 * the in-use and upstream columns come from other answers and size as ever. */
	for (int c = 0; v->held && c < COL_COUNT; c++)
		if (c != COL_USED && c != COL_UPSTREAM)
			v->content_width[c] = v->held_width[c];
}

/* Remembers the row under the cursor so a reload or re-sort keeps it selected. */
struct row_key {
	char *id, *repo, *tag;
};

static struct row_key
cursor_key(const struct images_view *v)
{
	struct row_key k = { 0 };
	if (v->pos.n == 0)
		return k;
	const struct image_row *r = &v->rows[v->visible[v->pos.cursor]];
	k.id = xstrdup(r->image->id);
	k.repo = xstrdup(r->repo);
	k.tag = xstrdup(r->tag);
	return k;
}

static void
restore_cursor(struct images_view *v, struct row_key *k, size_t fallback)
{
	v->pos.cursor = fallback < v->pos.n ? fallback : (v->pos.n ? v->pos.n - 1 : 0);
	if (k->id) {
		for (size_t i = 0; i < v->pos.n; i++) {
			const struct image_row *r = &v->rows[v->visible[i]];
			if (strcmp(r->image->id, k->id) == 0 && strcmp(r->repo, k->repo) == 0 &&
			    strcmp(r->tag, k->tag) == 0) {
				v->pos.cursor = i;
				break;
			}
		}
	}
	free(k->id);
	free(k->repo);
	free(k->tag);
}

/* Until the containers are known every image passes: nothing is hidden on a guess. */
static bool
usage_matches(const struct images_view *v, const struct image_row *r)
{
	if (v->usage == USAGE_ALL || !v->containers)
		return true;
	bool used = containers_count_by_image(v->containers, r->image->id, NULL) > 0;
	return v->usage == USAGE_IN_USE ? used : !used;
}

static void
apply_filter(struct images_view *v)
{
	free(v->visible);
	v->visible = xcalloc(v->nrows ? v->nrows : 1, sizeof(*v->visible));
	v->pos.n = 0;
	for (size_t i = 0; i < v->nrows; i++)
		if (image_row_matches(&v->rows[i], v->filter.text) && usage_matches(v, &v->rows[i]))
			v->visible[v->pos.n++] = i;
	count_hidden(v);
}

/* The rows in the chosen order (the in-use counts first, when that is the order). */
static void
sort_rows(struct images_view *v)
{
	if (v->sort == IMAGE_SORT_CONTAINERS)
		for (size_t i = 0; i < v->nrows; i++)
			v->rows[i].containers = v->containers
				? (uint32_t)containers_count_by_image(v->containers, v->rows[i].image->id, NULL) : 0;
	image_rows_sort_dir(v->rows, v->nrows, v->sort, v->sort_reverse);
}

/* Rows, sort, filter and widths from the list; keeps the cursor on its row. */
static void
rebuild(struct images_view *v, bool rows_too)
{
	struct row_key k = cursor_key(v);
	size_t old_cursor = v->pos.cursor;
	if (rows_too) {
		image_rows_free(v->rows, v->nrows);
		v->rows = NULL;
		v->nrows = v->list ? image_rows_build(v->list, v->digests, &v->rows) : 0;
	}
	sort_rows(v);
	apply_filter(v);
	v->held = false;	/* a new order or new columns: laid out again anyway */
	measure_columns(v);
	restore_cursor(v, &k, old_cursor);
}

/* ---- the session's lists ---------------------------------------------------------- */

static void fit_columns(const struct images_view *v, int width[COL_COUNT], int screen);

/* The whole list replaced the first screen's rows (partial), which were laid out from those
 * rows alone: docker sizes its columns over every row, and a later row may be wider. The rule:
 * what the first screen showed does not move. If the whole list lays out at this terminal
 * exactly as the first screen did (the usual case: the newest images are named like the
 * rest, or their row already filled the terminal and the cut absorbs the rest), nothing is
 * held and the layout is docker's. Otherwise the first screen's widths hold, and a later row
 * wider than its column is cut with … as on a narrow terminal, until the table is laid out
 * again for a reason of its own (another size, sort or column set, the next list). */
static void
hold_first_screen(struct images_view *v, const int before[COL_COUNT])
{
	int all[COL_COUNT], measured[COL_COUNT], first[COL_COUNT];
	if (v->screen_cols <= 0)
		return;	/* never drawn: nothing to keep */
	fit_columns(v, all, v->screen_cols);
	memcpy(measured, v->content_width, sizeof(measured));
	memcpy(v->content_width, before, sizeof(measured));
	fit_columns(v, first, v->screen_cols);
	if (memcmp(all, first, sizeof(all)) == 0) {
		memcpy(v->content_width, measured, sizeof(measured));
		return;
	}
	v->held = true;
	memcpy(v->held_width, before, sizeof(v->held_width));
	measure_columns(v);	/* the in-use column's own width */
}

/* While the head stands for the list, it is shown only in the order it is the head of (the
 * default: newest first) and unfiltered; else the panel says the list is loading. */
static bool
head_drawable(const struct images_view *v)
{
	return v->sort == IMAGE_SORT_CREATED && !v->sort_reverse && !v->filter.text[0] &&
	       v->usage == USAGE_ALL;
}

static void
images_update(struct view *view, unsigned what)
{
	struct images_view *v = IV(view);
	struct session *s = app_session(view->app);
	if (what & SESSION_IMAGES) {
		/* Rows point into the old list, still alive here: read the cursor's key first. */
		struct row_key k = cursor_key(v);
		size_t old_cursor = v->pos.cursor;
		bool was_partial = v->partial;
		int before[COL_COUNT];
		memcpy(before, v->content_width, sizeof(before));
		image_rows_free(v->rows, v->nrows);
		v->rows = NULL;
		v->list = session_images(s);
		v->partial = !v->list && (v->list = session_images_head(s)) != NULL;
		v->nrows = v->list ? image_rows_build(v->list, v->digests, &v->rows) : 0;
		sort_rows(v);
		apply_filter(v);
		v->held = false;
		measure_columns(v);
		if (was_partial && !v->partial && v->list && head_drawable(v) && !v->no_trunc)
			hold_first_screen(v, before);
		restore_cursor(v, &k, old_cursor);
		select_pending(v);
	}
	if (what & SESSION_CONTAINERS) {
		v->containers = session_containers(s);
		if (v->sort == IMAGE_SORT_CONTAINERS) {
			rebuild(v, false);
		} else if (v->usage != USAGE_ALL) {
			struct row_key k = cursor_key(v);
			apply_filter(v);
			restore_cursor(v, &k, v->pos.cursor);
		}
		measure_columns(v);
	}
}

static void
images_refresh(struct view *view, unsigned why)
{
	struct images_view *v = IV(view);
	struct session *s = app_session(view->app);
	/* Events edit the session's lists themselves (live.c): only opening and R read them. */
	/* The first list may come in pieces: a screenful of images is enough to draw. */
	session_set_first_screen(s, (size_t)term_rows());
	if (why & VIEW_REFRESH_USER)	/* R: now, even while a load runs (it may hang) */
		session_reload_images(s, v->show_all);
	else if (why & VIEW_REFRESH_OPEN)
		session_load_images(s, v->show_all);
	if (why & VIEW_REFRESH_USER)
		session_load_containers(s);
}

/* The filter's text changed: the rows that pass, the cursor on its row if it still passes. */
static void
refilter(struct view *view)
{
	struct images_view *v = IV(view);
	struct row_key k = cursor_key(v);
	apply_filter(v);
	restore_cursor(v, &k, 0);
}

static const struct image_row *
selected_row(const struct images_view *v)
{
	return v->pos.n ? &v->rows[v->visible[v->pos.cursor]] : NULL;
}

/* "repository:tag" of the selected row; "" for <none>. */
static void
selected_ref(const struct images_view *v, char *ref, size_t n)
{
	const struct image_row *r = selected_row(v);
	ref[0] = '\0';
	if (r && strcmp(r->repo, "<none>") != 0)
		snprintf(ref, n, "%s:%s", r->repo, r->tag);
}

/* ---- commands ------------------------------------------------------------------- */

static bool
cmd_open(struct view *view)
{
	const struct image_row *r = selected_row(IV(view));
	if (!r)
		return true;
	char id[16], title[512];
	format_short_id(id, sizeof(id), r->image->id);
	if (strcmp(r->repo, "<none>") == 0)
		snprintf(title, sizeof(title), "<none> (%s)", id);
	else
		snprintf(title, sizeof(title), "%s:%s (%s)", r->repo, r->tag, id);
	app_push(view->app, details_view_new(view->app, title, r->image->id));
	return true;
}

/* Esc clears the filter first; with none, it is BACK as everywhere. */
static bool
cmd_clear_filter(struct view *view)
{
	return filter_prompt_clear(&IV(view)->filter);
}

static bool
cmd_filter(struct view *view)
{
	filter_prompt_open(&IV(view)->filter);
	return true;
}

/* The column the rows are sorted by. */
static enum column
sort_column(const struct images_view *v)
{
	return (enum column)sort_cols_column(column_sort, COL_COUNT, (int)v->sort, COL_CREATED);
}

/* o, >, <: the next (step 1) or previous (-1) shown column that sorts, in its own direction. */
static void
sort_step(struct images_view *v, int step)
{
	bool shown[COL_COUNT];
	for (int c = 0; c < COL_COUNT; c++)
		shown[c] = column_shown(v, (enum column)c);
	v->sort = (enum image_sort)column_sort[sort_cols_step(column_sort, COL_COUNT, sort_column(v), step, shown)];
	v->sort_reverse = false;
	rebuild(v, false);
}

static bool cmd_sort(struct view *view) { sort_step(IV(view), 1); return true; }
static bool cmd_sort_prev(struct view *view) { sort_step(IV(view), -1); return true; }

static bool
cmd_sort_reverse(struct view *view)
{
	struct images_view *v = IV(view);
	v->sort_reverse = !v->sort_reverse;
	rebuild(v, false);
	return true;
}

/* Created, size and containers read largest first, the rest A to Z. */
static bool
sort_descending(const struct images_view *v)
{
	bool down = v->sort == IMAGE_SORT_CREATED || v->sort == IMAGE_SORT_SIZE || v->sort == IMAGE_SORT_CONTAINERS;
	return down != v->sort_reverse;
}

static const char *
images_header_at(struct view *view, int x)
{
	struct images_view *v = IV(view);
	for (int c = 0; c < COL_COUNT; c++)
		if (v->header_w[c] && x >= v->header_x[c] && x < v->header_x[c] + v->header_w[c])
			return column_sort[c] >= 0 ? column_titles[c] : NULL;
	return NULL;
}

/* The config file's and a header click's sort: by the column titled name ("ID" too for
 * IMAGE ID). */
static bool
images_sort_by(struct view *view, const char *name, int reverse)
{
	struct images_view *v = IV(view);
	int c = strcasecmp(name, "id") == 0 ? COL_ID : sort_cols_find(column_sort, column_titles, COL_COUNT, name);
	if (c < 0)
		return false;
	v->sort_reverse = sort_cols_reverse((int)v->sort, v->sort_reverse, column_sort[c], reverse);
	v->sort = (enum image_sort)column_sort[c];
	rebuild(v, false);
	return true;
}

static bool
cmd_toggle_all(struct view *view)
{
	struct images_view *v = IV(view);
	v->show_all = !v->show_all;
	app_message(view->app, false, "%s", v->show_all ? _("Showing intermediate images (-a)")
						       : _("Hiding intermediate images"));
	session_load_images(app_session(view->app), v->show_all);
	return true;
}

static bool
cmd_digests(struct view *view)
{
	struct images_view *v = IV(view);
	v->digests = !v->digests;
	rebuild(v, true);
	return true;
}

static bool
cmd_trunc(struct view *view)
{
	struct images_view *v = IV(view);
	v->no_trunc = !v->no_trunc;
	v->first_col = 0;
	measure_columns(v);
	return true;
}

/* With full IDs the columns keep their width and scroll sideways, a column at a time. */
static bool
cmd_scroll_right(struct view *view)
{
	struct images_view *v = IV(view);
	if (v->no_trunc && columns_past(v, v->screen_cols))
		v->first_col++;
	return true;
}

static bool
cmd_scroll_left(struct view *view)
{
	struct images_view *v = IV(view);
	if (v->first_col > 0)
		v->first_col--;
	return true;
}

static bool
cmd_usage(struct view *view)
{
	struct images_view *v = IV(view);
	v->usage = (enum usage_filter)((v->usage + 1) % USAGE_COUNT);
	struct row_key k = cursor_key(v);
	apply_filter(v);
	restore_cursor(v, &k, 0);
	return true;
}

static bool
cmd_mark(struct view *view)
{
	struct images_view *v = IV(view);
	toggle_mark(v);
	if (v->pos.n && v->pos.cursor + 1 < v->pos.n)
		v->pos.cursor++;
	return true;
}

static bool
cmd_mark_all(struct view *view)
{
	struct images_view *v = IV(view);
	marks_add_all(&v->marks, shown_keys(v), v->pos.n);
	count_hidden(v);
	return true;
}

static bool
cmd_unmark_all(struct view *view)
{
	clear_marks(IV(view));
	return true;
}

static bool
cmd_invert_marks(struct view *view)
{
	struct images_view *v = IV(view);
	marks_invert(&v->marks, shown_keys(v), v->pos.n);
	count_hidden(v);
	return true;
}

static bool
cmd_copy_id(struct view *view)
{
	const struct image_row *r = selected_row(IV(view));
	if (r)
		app_copy(view->app, xstrdup(r->image->id), _("image ID"));
	return true;
}

static bool
cmd_copy_ref(struct view *view)
{
	const struct image_row *r = selected_row(IV(view));
	char ref[1024];
	selected_ref(IV(view), ref, sizeof(ref));
	/* A <none> row has no name: its ID is what refers to it. */
	if (r)
		app_copy(view->app, xstrdup(ref[0] ? ref : r->image->id), _("reference"));
	return true;
}

static bool
pull_accept(void *ctx, const char *text, char **err)
{
	struct view *view = ctx;
	/* The reference is checked before the engine is called: a bad one stays to be mended. */
	return task_pull(app_tasks(view->app), text, err);
}

static bool
cmd_pull(struct view *view)
{
	static const struct prompt_ops ops = { pull_accept, NULL, NULL };
	char ref[1024];
	selected_ref(IV(view), ref, sizeof(ref));
	app_prompt(view->app, _("Pull (-a for all tags): "), ref, &ops, view);
	app_prompt_complete_images(view->app);
	return true;
}

/* The image (other than id) that the tag typed names now, or NULL. */
static const struct image *
tag_holder(const struct images_view *v, const char *id, const char *text)
{
	struct pull_input in;
	char *err = NULL;
	const struct image *holder = NULL;
	if (!v->list || !pull_input_parse(text, PULL_INPUT_TAG, &in, &err)) {
		free(err);
		return NULL;
	}
	for (size_t i = 0; i < v->list->nimages && !holder; i++) {
		const struct image *im = &v->list->images[i];
		for (size_t t = 0; t < im->ntags && strcmp(im->id, id) != 0; t++)
			if (strcmp(im->tags[t], in.display) == 0)
				holder = im;
	}
	pull_input_free(&in);
	return holder;
}

static void
tag_move_yes(void *ctx, struct dialog *d)
{
	struct images_view *v = ctx;
	(void)d;
	char *err = NULL;
	if (v->tag_id && !task_tag(app_tasks(v->base.app), v->tag_id, v->tag_text, &err))
		app_message(v->base.app, true, "%s", err ? err : "");
	free(err);
}

static bool
tag_accept(void *ctx, const char *text, char **err)
{
	struct view *view = ctx;
	struct images_view *v = IV(view);
	const struct image_row *r = selected_row(v);
	if (!r) {
		*err = xstrdup(_("No image selected"));
		return false;
	}
	const struct image *holder = tag_holder(v, r->image->id, text);
	if (!holder)
		return task_tag(app_tasks(view->app), r->image->id, text, err);
	/* docker tag moves a tag without a word: say which image it leaves first */
	static const struct dialog_ops ops = { tag_move_yes, NULL };
	free(v->tag_id);
	free(v->tag_text);
	v->tag_id = xstrdup(r->image->id);
	v->tag_text = xstrdup(text);
	char from[16], to[16], line[600];
	format_short_id(from, sizeof(from), holder->id);
	format_short_id(to, sizeof(to), r->image->id);
	struct dialog *d = app_confirm(view->app, _(" Move the tag?"), &ops, v);
	snprintf(line, sizeof(line), "docker tag %s %s", to, text);
	dialog_add_line(d, line);
	dialog_add_line(d, "");
	snprintf(line, sizeof(line), _("%s names %s now; it will name %s instead."), text, from, to);
	dialog_add_line(d, line);
	if (holder->ntags == 1)
		dialog_add_line(d, _("That image has no other tag: it will be listed as <none>."));
	return true;
}

static bool
cmd_tag(struct view *view)
{
	static const struct prompt_ops ops = { tag_accept, NULL, NULL };
	char ref[1024];
	if (!selected_row(IV(view)))
		return true;
	selected_ref(IV(view), ref, sizeof(ref));
	app_prompt(view->app, _("New tag for the image: "), ref, &ops, view);
	app_prompt_complete_images(view->app);
	return true;
}

/* The remove dialog: the plan for the marked rows (or the selected one), with its switches. */
static void remove_fill(struct images_view *v);

static void
remove_changed(void *ctx, struct dialog *d, int key)
{
	struct images_view *v = ctx;
	(void)key;
	v->remove_force = dialog_switch(d, 'f');
	v->remove_noprune = dialog_switch(d, 'p');
	remove_fill(v);
}

static void
remove_yes(void *ctx, struct dialog *d)
{
	struct images_view *v = ctx;
	(void)d;
	size_t n;
	const struct image_row **rows = marked_rows(v, &n);
	struct remove_plan plan;
	remove_plan(v->list, rows, n, v->containers, v->remove_force, v->remove_noprune, &plan);
	free(rows);
	task_remove(app_tasks(v->base.app), &plan, v->remove_force, v->remove_noprune);
	remove_plan_free(&plan);
	clear_marks(v);
}

static void
remove_fill(struct images_view *v)
{
	static const struct dialog_ops ops = { remove_yes, remove_changed };
	size_t n, hidden;
	const struct image_row **rows = marked_rows_hidden(v, &n, &hidden);
	struct remove_plan plan;
	remove_plan(v->list, rows, n, v->containers, v->remove_force, v->remove_noprune, &plan);
	free(rows);
	char title[128];
	snprintf(title, sizeof(title), " %s", ngettext("Remove this image reference?", "Remove these image references?", plan.nitems));
	struct dialog *d = app_confirm(v->base.app, title, &ops, v);
	if (hidden) {
		char line[160];
		snprintf(line, sizeof(line), ngettext("%zu of the marked rows is hidden by the filter, and goes too.",
						      "%zu of the marked rows are hidden by the filter, and go too.", hidden),
			 hidden);
		dialog_add_line(d, line);
	}
	tasks_describe_removal(&plan, d);
	dialog_add_switch(d, 'f', _("force (-f)"), v->remove_force);
	dialog_add_switch(d, 'p', _("do not delete untagged parents (--no-prune)"), v->remove_noprune);
	remove_plan_free(&plan);
}

static bool
cmd_remove(struct view *view)
{
	struct images_view *v = IV(view);
	if (!selected_row(v))
		return true;
	v->remove_force = v->remove_noprune = false;
	remove_fill(v);
	return true;
}

static bool
run_accept(void *ctx, const char *text, char **err)
{
	struct view *view = ctx;
	return task_run(app_tasks(view->app), text, err);
}

/* r: a new container from this image, with what people type after docker run. */
static bool
cmd_run(struct view *view)
{
	static const struct prompt_ops ops = { run_accept, NULL, NULL };
	const struct image_row *r = selected_row(IV(view));
	char ref[1024], id[16], initial[1100];
	selected_ref(IV(view), ref, sizeof(ref));
	if (r)
		format_short_id(id, sizeof(id), r->image->id);
	snprintf(initial, sizeof(initial), "-d %s", ref[0] ? ref : r ? id : "");
	app_prompt(view->app, _("docker run "), initial, &ops, view);
	app_prompt_complete_images(view->app);
	return true;
}

/* c: the Containers panel, narrowed to this image's containers. */
static bool
cmd_containers(struct view *view)
{
	const struct image_row *r = selected_row(IV(view));
	if (!r)
		return true;
	char ref[1024], id[16];
	selected_ref(IV(view), ref, sizeof(ref));
	format_short_id(id, sizeof(id), r->image->id);
	app_jump(view->app, PANEL_CONTAINERS, r->image->id, ref[0] ? ref : id);
	return true;
}

/* Podman names what it builds, imports or commits localhost/NAME: no registry is behind it. */
#define PODMAN_LOCAL_NOTE N_("a local image of Podman's (localhost/): no registry to ask")
/* Why a Podman-local name cannot be pushed, with the key that tags, as bound. */
static void
podman_local_push(struct images_view *v, char *buf, size_t n)
{
	char key[32];
	view_named_key(&v->base, "tag", key, sizeof(key));
	snprintf(buf, n, _("localhost/ is Podman's name for a local image, not a registry: %s tags it for one first"),
		 key);
}

static bool
engine_is_podman(struct view *view)
{
	return session_info(app_session(view->app))->podman;
}

/* u: push the marked rows (or the selected one), after a confirmation with the command and the
 * registry; a switch pushes every tag of the repository (-a). */
static void push_fill(struct images_view *v);

static void
push_changed(void *ctx, struct dialog *d, int key)
{
	struct images_view *v = ctx;
	(void)key;
	v->push_all = dialog_switch(d, 'a');
	push_fill(v);
}

static void
push_yes(void *ctx, struct dialog *d)
{
	struct images_view *v = ctx;
	(void)d;
	size_t n;
	const struct image_row **rows = marked_rows(v, &n);
	for (size_t i = 0; i < n; i++) {
		if (engine_is_podman(&v->base) && reference_is_podman_local(rows[i]->repo)) {
			char why[256];
			podman_local_push(v, why, sizeof(why));
			app_message(v->base.app, true, "%s", why);
			continue;
		}
		char *ref = v->push_all ? xstrdup(rows[i]->repo) : xasprintf("%s:%s", rows[i]->repo, rows[i]->tag);
		char *err = NULL;
		if (!task_push(app_tasks(v->base.app), ref, v->push_all, &err)) {
			app_message(v->base.app, true, "%s", err);
			free(err);
		}
		free(ref);
	}
	free(rows);
	clear_marks(v);
}

static void
push_fill(struct images_view *v)
{
	static const struct dialog_ops ops = { push_yes, push_changed };
	size_t n;
	const struct image_row **rows = marked_rows(v, &n);
	struct dialog *d = app_confirm(v->base.app, ngettext(" Push this image?", " Push these images?", n), &ops, v);
	char why[256], tag_key[32], panel_key[32];
	podman_local_push(v, why, sizeof(why));
	view_named_key(&v->base, "tag", tag_key, sizeof(tag_key));
	view_request_word(&v->base, (enum request)(REQ_PANEL + PANEL_REGISTRIES), panel_key, sizeof(panel_key));
	for (size_t i = 0; i < n; i++) {
		char *ref = v->push_all ? xstrdup(rows[i]->repo) : xasprintf("%s:%s", rows[i]->repo, rows[i]->tag);
		struct push_target t;
		char *err = NULL, line[1200];
		if (engine_is_podman(&v->base) && reference_is_podman_local(rows[i]->repo)) {
			snprintf(line, sizeof(line), "%s: %s", ref, why);
			dialog_add_line(d, line);
		} else if (push_target_parse(ref, v->push_all, &t, &err)) {
			snprintf(line, sizeof(line), "docker image push%s %s", v->push_all ? " -a" : "", ref);
			dialog_add_line(d, line);
			snprintf(line, sizeof(line), _("        to %s, with the login saved for it (%s shows them)"), t.registry,
				 panel_key);
			dialog_add_line(d, line);
			if (t.hub_library) {
				/* The naming rule: on Docker Hub only official images have no user part. */
				dialog_add_line(d, _("        Docker Hub keeps names without a user for official images: push"));
				snprintf(line, sizeof(line), _("        to <your user>/<name>:<tag>. n, then %s tags it so first."),
					 tag_key);
				dialog_add_line(d, line);
			}
			push_target_free(&t);
		} else {
			snprintf(line, sizeof(line), "%s: %s", ref, err);
			dialog_add_line(d, line);
			free(err);
		}
		free(ref);
	}
	free(rows);
	dialog_add_switch(d, 'a', _("every tag of the repository (-a)"), v->push_all);
}

/* The Docker Hub offer (u on an image named without a user, which only official images have
 * there): the naming rule said, a prompt for <user>/<name>:<tag> (the user from the Hub login
 * config.json holds; a helper's is not asked for, as that runs a program), Enter tags it as
 * docker tag does, then the usual confirmation with the push command; y pushes (tagging again
 * in the same job, so that the push never runs before the tag). */

/* The user name of the Docker Hub login in config.json's auths, or NULL (new string). One read
 * of the small file, on the UI thread, once per u. */
static char *
hub_login_user(void)
{
	struct docker_config cfg;
	char *err = NULL, *user = NULL;
	if (!docker_config_load(&cfg, NULL, &err)) {
		free(err);
		return NULL;
	}
	struct registry_creds c;
	if (docker_config_get(&cfg, DOCKER_HUB_KEY, &c, &err) == CREDS_FOUND) {
		if (c.username && *c.username)
			user = xstrdup(c.username);
		registry_creds_free(&c);
	}
	free(err);
	docker_config_free(&cfg);
	return user;
}

static void
hub_push_yes(void *ctx, struct dialog *d)
{
	struct images_view *v = ctx;
	(void)d;
	char *err = NULL;
	if (v->hub_id && !task_tag_push(app_tasks(v->base.app), v->hub_id, v->hub_ref, &err))
		app_message(v->base.app, true, "%s", err ? err : "");
	free(err);
}

static bool
hub_tag_accept(void *ctx, const char *text, char **err)
{
	struct images_view *v = IV((struct view *)ctx);
	const struct image_row *r = selected_row(v);
	if (!r) {
		*err = xstrdup(_("No image selected"));
		return false;
	}
	struct push_target t;
	if (!push_target_parse(text, false, &t, err))
		return false;
	if (t.hub_library) {
		push_target_free(&t);
		*err = xstrdup(_("Docker Hub wants <your user>/<name>:<tag>"));
		return false;
	}
	if (!task_tag(app_tasks(v->base.app), r->image->id, text, err)) {
		push_target_free(&t);
		return false;
	}
	free(v->hub_id);
	free(v->hub_ref);
	v->hub_id = xstrdup(r->image->id);
	v->hub_ref = xasprintf("%s:%s", t.name, t.tag);
	static const struct dialog_ops ops = { hub_push_yes, NULL };
	struct dialog *d = app_confirm(v->base.app, _(" Push this image?"), &ops, v);
	char line[1200];
	snprintf(line, sizeof(line), "docker image push %s", v->hub_ref);
	dialog_add_line(d, line);
	snprintf(line, sizeof(line), _("        to %s, with the login saved for it (6 shows them)"), t.registry);
	dialog_add_line(d, line);
	push_target_free(&t);
	return true;
}

/* True when the offer was made (r is named for Docker Hub without a user). */
static bool
hub_offer(struct images_view *v, const struct image_row *r)
{
	char *ref = xasprintf("%s:%s", r->repo, r->tag), *err = NULL;
	struct push_target t;
	bool hub = push_target_parse(ref, false, &t, &err);
	free(ref);
	free(err);
	if (!hub)
		return false;
	hub = t.hub_library;
	if (hub) {
		static const struct prompt_ops ops = { hub_tag_accept, NULL, NULL };
		char *user = hub_login_user();
		/* the name without docker.io/ and library/ */
		const char *name = strrchr(t.name, '/') ? strrchr(t.name, '/') + 1 : t.name;
		char *initial = xasprintf("%s/%s:%s", user ? user : "<user>", name, t.tag);
		/* The naming rule: on Docker Hub only official images have no user part. */
		app_prompt(v->base.app, _("Docker Hub: only official images have no user part. Tag, to push, as: "),
			   initial, &ops, &v->base);
		app_prompt_complete_images(v->base.app);
		free(initial);
		free(user);
	}
	push_target_free(&t);
	return hub;
}

static bool
cmd_push(struct view *view)
{
	struct images_view *v = IV(view);
	const struct image_row *r = selected_row(v);
	if (!r)
		return true;
	if (strcmp(r->repo, "<none>") == 0 && !v->marks.n) {
		char key[32];
		view_named_key(view, "tag", key, sizeof(key));
		app_message(view->app, true, _("An untagged image cannot be pushed: %s tags it first"), key);
		return true;
	}
	if (engine_is_podman(view) && reference_is_podman_local(r->repo) && !v->marks.n) {
		char why[256];
		podman_local_push(v, why, sizeof(why));
		app_message(view->app, true, "%s", why);
		return true;
	}
	if (!v->marks.n && !engine_is_podman(view) && hub_offer(v, r))
		return true;
	v->push_all = false;
	push_fill(v);
	return true;
}

/* ---- for the archive commands (ui/images_archive.c) ------------------------------------ */

static int
cmp_image_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const struct image *const *)a, y = (uintptr_t)*(const struct image *const *)b;
	return (x > y) - (x < y);
}

char **
images_view_targets(struct view *view, size_t *n, int64_t *size)
{
	struct images_view *v = IV(view);
	const struct image_row **rows = marked_rows(v, n);
	char **refs = xcalloc(*n ? *n : 1, sizeof(*refs));
	const struct image **images = xcalloc(*n ? *n : 1, sizeof(*images));
	for (size_t i = 0; i < *n; i++) {
		const struct image_row *r = rows[i];
		bool tagged = strcmp(r->repo, "<none>") != 0 && strcmp(r->tag, "<none>") != 0;
		refs[i] = tagged ? xasprintf("%s:%s", r->repo, r->tag) : xstrdup(r->image->id);
		images[i] = r->image;
	}
	/* an image counts once however many of its tags go: sorted, n log n (100,000 tags of one
	 * image were quadratic) */
	if (*n > 1)
		qsort(images, *n, sizeof(*images), cmp_image_ptr);
	*size = 0;
	for (size_t i = 0; i < *n; i++)
		if (i == 0 || images[i] != images[i - 1])
			*size = size_add(*size, images[i]->size);
	free(images);
	free(rows);
	return refs;
}

/* The pending images the list has now: the cursor on the first, all of them marked when there
 * are several. Done once any is found (the others may be hidden by the filter). */
static void
select_pending(struct images_view *v)
{
	if (!v->npending)
		return;
	bool found = false;
	for (size_t p = 0; p < v->npending; p++) {
		for (size_t i = 0; i < v->pos.n; i++) {
			const struct image_row *r = &v->rows[v->visible[i]];
			char *ref = xasprintf("%s:%s", r->repo, r->tag);
			bool hit = strcmp(v->pending[p], r->image->id) == 0 || strcmp(v->pending[p], ref) == 0;
			free(ref);
			if (!hit)
				continue;
			if (!found)
				v->pos.cursor = i;
			found = true;
			if (v->npending > 1 && !is_marked(v, r))
				toggle_mark_row(v, r);
			break;
		}
	}
	if (found) {
		strv_free(v->pending, v->npending);
		v->pending = NULL;
		v->npending = 0;
	}
}

void
images_panel_select(struct app *app, char *const *refs, size_t n)
{
	struct view *root = app_panel_root(app, PANEL_IMAGES);
	if (!root || !n)
		return;
	struct images_view *v = IV(root);
	strv_free(v->pending, v->npending);
	v->pending = xcalloc(n ? n : 1, sizeof(*v->pending));
	for (size_t i = 0; i < n; i++)
		v->pending[i] = xstrdup(refs[i]);
	v->npending = n;
	select_pending(v);
}

/* ---- the registry's digest: V (upstream changed?) and @ (pin: pull by digest) ---------- */

enum { SLOT_UPSTREAM };

struct upstream_item {
	char *repo, *tag, *image_id;
	bool local;		/* Podman's localhost/: no registry to ask */
	char **digests;		/* the image's RepoDigests */
	size_t ndigests;
	char *registry_digest;	/* the answer */
	char *status;
};

struct upstream_fetch {
	struct fetch base;
	struct upstream_item *items;
	size_t n;
	bool pin;		/* @: pull the first by the registry's digest */
};

static void
upstream_run(struct fetch *f)
{
	struct upstream_fetch *uf = (struct upstream_fetch *)f;
	/* Plain HTTP as docker allows it (loopback, or what the engine marks insecure): one /info
	 * answers for every tag checked. */
	struct engine_response info = engine_request(f->engine, "GET", "/info", NULL, &f->cancel);
	const char *info_body = info.status == ENGINE_OK && info.http_status == 200 ? info.body : NULL;
	for (size_t i = 0; i < uf->n && !atomic_load(&f->cancel.cancelled); i++) {
		struct upstream_item *it = &uf->items[i];
		if (it->local)
			continue;
		struct registry_error e;
		it->registry_digest = registry_tag_digest(it->repo, it->tag, info_body, &f->cancel, &e);
		if (it->registry_digest) {
			/* The tag moved when none of the image's RepoDigests for this repository is the
			 * registry's digest of the tag. */
			bool same = false, known = false;
			size_t rl = strlen(it->repo);
			for (size_t k = 0; k < it->ndigests; k++) {
				const char *d = it->digests[k];
				if (strncmp(d, it->repo, rl) == 0 && d[rl] == '@') {
					known = true;
					same = same || strcmp(d + rl + 1, it->registry_digest) == 0;
				}
			}
			it->status = xstrdup(same ? _("same") : known ? _("upstream changed")
					     : _("not pulled from there"));
		} else {
			it->status = xstrdup(e.message ? e.message : _("The registry did not answer"));
		}
		registry_error_free(&e);
	}
	engine_response_free(&info);
}

static void
upstream_apply(struct fetch *f, void *owner)
{
	struct upstream_fetch *uf = (struct upstream_fetch *)f;
	struct images_view *v = owner;
	size_t changed = 0;
	for (size_t i = 0; i < uf->n; i++) {
		struct upstream_item *it = &uf->items[i];
		char *ref = xasprintf("%s:%s", it->repo, it->tag);
		struct upstream *u = NULL;
		for (size_t k = 0; k < v->nupstream && !u; k++)
			if (strcmp(v->upstream[k].ref, ref) == 0)
				u = &v->upstream[k];
		if (!u) {
			v->upstream = xrealloc(v->upstream, (v->nupstream + 1) * sizeof(*v->upstream));
			u = &v->upstream[v->nupstream++];
			*u = (struct upstream){ 0 };
		} else {
			free(u->ref);
			free(u->image_id);
			free(u->status);
		}
		u->ref = ref;
		u->image_id = xstrdup(it->image_id);
		u->status = xstrdup(it->status ? it->status : "");
		changed += it->registry_digest && strcmp(it->status, _("upstream changed")) == 0;
	}
	measure_columns(v);
	if (uf->pin && uf->n && uf->items[0].registry_digest) {
		/* Pin: what the registry serves for the tag now, by its digest. */
		char *ref = xasprintf("%s@%s", uf->items[0].repo, uf->items[0].registry_digest);
		char *err = NULL;
		if (!task_pull(app_tasks(v->base.app), ref, &err)) {
			app_message(v->base.app, true, "%s", err);
			free(err);
		}
		free(ref);
	} else if (uf->pin && uf->n) {
		app_message(v->base.app, true, "%s", uf->items[0].status);
	} else {
		app_message(v->base.app, changed > 0, ngettext("Checked %zu tag with its registry: %zu changed upstream",
							     "Checked %zu tags with their registries: %zu changed upstream",
							     uf->n), uf->n, changed);
	}
}

static void
upstream_release(struct fetch *f)
{
	struct upstream_fetch *uf = (struct upstream_fetch *)f;
	for (size_t i = 0; i < uf->n; i++) {
		free(uf->items[i].repo);
		free(uf->items[i].tag);
		free(uf->items[i].image_id);
		strv_free(uf->items[i].digests, uf->items[i].ndigests);
		free(uf->items[i].registry_digest);
		free(uf->items[i].status);
	}
	free(uf->items);
	free(uf);
}

static const struct fetch_ops upstream_ops = { upstream_run, upstream_apply, upstream_release };

static bool
upstream_start(struct view *view, bool pin)
{
	struct images_view *v = IV(view);
	size_t n;
	const struct image_row **rows = pin ? NULL : marked_rows(v, &n);
	const struct image_row *one = selected_row(v);
	if (pin) {
		rows = xcalloc(1, sizeof(*rows));
		n = one ? 1 : 0;
		rows[0] = one;
	}
	struct upstream_fetch *uf = xcalloc(1, sizeof(*uf));
	uf->items = xcalloc(n ? n : 1, sizeof(*uf->items));
	uf->pin = pin;
	for (size_t i = 0; i < n; i++) {
		const struct image_row *r = rows[i];
		if (strcmp(r->repo, "<none>") == 0 || strcmp(r->tag, "<none>") == 0)
			continue;
		struct upstream_item *it = &uf->items[uf->n++];
		it->repo = xstrdup(r->repo);
		it->tag = xstrdup(r->tag);
		it->image_id = xstrdup(r->image->id);
		if (engine_is_podman(view) && reference_is_podman_local(r->repo)) {
			it->local = true;
			it->status = xstrdup(_(PODMAN_LOCAL_NOTE));
		}
		it->ndigests = r->image->ndigests;
		it->digests = xcalloc(it->ndigests ? it->ndigests : 1, sizeof(*it->digests));
		for (size_t k = 0; k < it->ndigests; k++)
			it->digests[k] = xstrdup(r->image->digests[k]);
	}
	free(rows);
	if (!uf->n) {
		upstream_release(&uf->base);
		app_message(view->app, true, "%s", _("An untagged image has no registry to ask"));
		return true;
	}
	app_message(view->app, false, "%s", pin ? _("Asking the registry for the tag's digest…")
						: _("Asking the registries for the tags' digests…"));
	app_fetch(view, SLOT_UPSTREAM, &uf->base, &upstream_ops);
	return true;
}

static bool cmd_upstream(struct view *view) { return upstream_start(view, false); }
static bool cmd_pin(struct view *view) { return upstream_start(view, true); }

static bool
cmd_prune(struct view *view)
{
	task_prune_preview(app_tasks(view->app));
	return true;
}

/* ---- keys ----------------------------------------------------------------------- */

static const struct view_key images_keys[] = {
	{ 0, REQ_ENTER, cmd_open, N_("Open the image's details"), NULL, NULL },
	{ 0, REQ_FILTER, cmd_filter, N_("Filter rows as you type (repository, tag, ID)"), NULL, NULL },
	{ 0, REQ_BACK, cmd_clear_filter, N_("Clear the filter"), NULL, NULL },
	{ 0, REQ_SORT, cmd_sort, N_("Sort by the next column (the header marks it)"), NULL, NULL },
	{ 0, REQ_SORT_PREV, cmd_sort_prev, N_("Sort by the previous column"), NULL, NULL },
	{ 0, REQ_SORT_REVERSE, cmd_sort_reverse, N_("Reverse the sort order"), NULL, NULL },
	{ 'a', 0, cmd_toggle_all, N_("Show or hide intermediate images (-a)"), NULL, "toggle-all" },
	{ 'D', 0, cmd_digests, N_("Show or hide the DIGEST column (--digests)"), NULL, "digests" },
	{ 'T', 0, cmd_trunc, N_("Show full or short image IDs (--no-trunc)"), NULL, "trunc" },
	{ KEY_RIGHT, 0, cmd_scroll_right, N_("With full IDs, scroll the columns right"), NULL, "scroll-right" },
	{ KEY_LEFT, 0, cmd_scroll_left, N_("With full IDs, scroll the columns left"), NULL, "scroll-left" },
	{ 'U', 0, cmd_usage, N_("Show all images, only unused ones, or only ones in use"), NULL, "usage" },
	{ ' ', 0, cmd_mark, N_("Mark or unmark the row (removing, pushing, saving act on the marks)"), NULL, "mark" },
	{ '+', 0, cmd_mark_all, N_("Mark every row shown"), NULL, "mark-all" },
	{ '-', 0, cmd_unmark_all, N_("Clear all marks"), NULL, "unmark-all" },
	{ '*', 0, cmd_invert_marks, N_("Invert the marks of the rows shown"), NULL, "invert-marks" },
	{ 0, REQ_COPY, cmd_copy_id, N_("Copy the image ID to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_ref, N_("Copy repository:tag to the clipboard"), NULL, NULL },
	{ 'p', 0, cmd_pull, N_("Pull an image (prompt; -a for all tags)"), NULL, "pull" },
	{ 't', 0, cmd_tag, N_("Tag the selected image"), NULL, "tag" },
	{ 'd', 0, cmd_remove, N_("Remove marked rows, or the selected one"), NULL, "remove" },
	{ 'P', 0, cmd_prune, N_("Clean up dangling or unused images"), NULL, "prune" },
	{ 'c', 0, cmd_containers, N_("The containers of this image (Containers panel)"), NULL, "containers" },
	{ 'u', 0, cmd_push, N_("Push the marked rows, or the selected one (a: all tags)"), NULL, "push" },
	{ 'V', 0, cmd_upstream, N_("Ask the registry whether the tag moved since it was pulled (UPSTREAM)"), NULL, "upstream" },
	{ '@', 0, cmd_pin, N_("Pin: pull what the tag is on the registry now, by its digest"), NULL, "pin" },
	{ 'r', 0, cmd_run, N_("Run a container from the image (docker run's options)"), NULL, "run" },
};

static const struct keytable images_table = KEYTABLE("images", N_("Images"), images_keys);
static const struct keytable *const images_tables[] = { &images_table, &images_archive_keys, NULL };

/* ---- the frame ------------------------------------------------------------------ */

static void
images_title(struct view *view, char *buf, size_t n)
{
	struct images_view *v = IV(view);
	static const char *const usage[USAGE_COUNT] = { "", N_("unused only"), N_("in use only") };
	snprintf(buf, n, "%s  %s %s%s%s%s", _("Images"), _("sort:"), image_sort_name(v->sort),
		 v->sort_reverse ? _(", reversed") : "",
		 v->usage ? "  \xc2\xb7 " : "", v->usage ? _(usage[v->usage]) : "");
}

/* The equivalent docker command: what you see is what it would print. */
static void
images_describe(struct view *view, char *buf, size_t n)
{
	struct images_view *v = IV(view);
	snprintf(buf, n, "docker image ls%s%s%s", v->show_all ? " -a" : "", v->digests ? " --digests" : "",
		 v->no_trunc ? " --no-trunc" : "");
}

static void
images_status(struct view *view, struct strbuf *sb)
{
	struct images_view *v = IV(view);
	if (!v->list)
		return;
	if (v->partial) {
		size_t n = v->list->nimages;
		sb_printf(sb, ngettext("%zu image so far, loading the rest…", "%zu images so far, loading the rest…", n), n);
		return;
	}
	/* The images' disk use, every layer once, as docker system df counts it. */
	char size[48];
	int64_t bytes;
	size_t unknown = session_disk_use(app_session(view->app), &bytes);
	layer_size_text(size, sizeof(size), bytes, unknown);
	size_t n = v->list->nimages;
	sb_printf(sb, ngettext("%zu image", "%zu images", n), n);
	sb_printf(sb, " · %s", size);
	if (v->filter.text[0]) {
		sb_printf(sb, " · ");
		sb_printf(sb, _("%zu of %zu rows match"), v->pos.n, v->nrows);
	}
	if (v->marks.n) {
		sb_printf(sb, " · ");
		sb_printf(sb, ngettext("%zu marked", "%zu marked", v->marks.n), v->marks.n);
		if (v->marks_hidden) {
			sb_printf(sb, " ");
			sb_printf(sb, _("(%zu hidden by the filter)"), v->marks_hidden);
		}
	}
}

static struct list_pos *
images_pos(struct view *view)
{
	return &IV(view)->pos;
}

static void
images_free(struct view *view)
{
	struct images_view *v = IV(view);
	image_rows_free(v->rows, v->nrows);
	clear_marks(v);
	free(v->visible);
	for (size_t i = 0; i < v->nupstream; i++) {
		free(v->upstream[i].ref);
		free(v->upstream[i].image_id);
		free(v->upstream[i].status);
	}
	free(v->upstream);
	strv_free(v->pending, v->npending);
	free(v->tag_id);
	free(v->tag_text);
	free(v->hub_id);
	free(v->hub_ref);
	free(v);
}

/* A narrow screen cuts what names no image first (UPSTREAM, DIGEST, an age's room to grow),
 * drops CONTAINERS before REPOSITORY goes below 20, and cuts REPOSITORY, the column that names
 * the image, last. A column empty on every row is not shown (column_shown). */
static const struct table_step image_steps[] = {
	{ COL_UPSTREAM, TABLE_CUT, 10 },
	{ COL_DIGEST, TABLE_CUT, 19 },
	{ COL_CREATED, TABLE_CUT, 13 },
	{ COL_REPO, TABLE_CUT, 30 },
	{ COL_TAG, TABLE_CUT, 16 },
	{ COL_UPSTREAM, TABLE_DROP, 0 },
	{ COL_REPO, TABLE_CUT, 20 },
	{ COL_USED, TABLE_DROP, 0 },
	{ COL_DIGEST, TABLE_DROP, 0 },
	{ COL_TAG, TABLE_CUT, 10 },
	{ COL_CREATED, TABLE_CUT, 10 },
	{ COL_REPO, TABLE_CUT, 12 },
};

/* Widths for the screen; 0 for a column not shown. Full IDs are never cut: the columns scroll
 * instead (first_col). */
static void
fit_columns(const struct images_view *v, int width[COL_COUNT], int screen)
{
	bool shown[COL_COUNT];
	for (int c = 0; c < COL_COUNT; c++)
		shown[c] = column_shown(v, (enum column)c);
	if (v->no_trunc)
		table_fit(v->content_width, shown, COL_COUNT, INT_MAX, NULL, 0, width);
	else
		table_fit(v->content_width, shown, COL_COUNT, screen, image_steps,
			  sizeof(image_steps) / sizeof(image_steps[0]), width);
}

static void
draw_row(const struct images_view *v, WINDOW *w, int y, const int width[COL_COUNT],
	 const struct image_row *r, bool selected, time_t now)
{
	int x = 0, maxx = getmaxx(w);
	char buf[128];
	attr_t base = selected ? draw_attr(ROLE_SELECTED) : draw_attr(ROLE_NORMAL);
	if (is_marked(v, r))
		base = draw_attr(selected ? ROLE_SELECTED : ROLE_MARKED) | A_BOLD;
	int last_c = table_last(width, COL_COUNT);
	for (int c = 0; c < COL_COUNT && x < maxx; c++) {
		if (!column_drawn(v, (enum column)c) || !width[c])
			continue;
		const char *text = cell_text(v, r, (enum column)c, buf, sizeof(buf), now);
		bool last = c == last_c;
		int cw = last ? maxx - x : width[c];
		if (cw > maxx - x)
			cw = maxx - x;
		int content = last ? cw : cw - TABLE_PADDING;
		attr_t attr = base;
		if (!selected && strcmp(text, "<none>") == 0)
			attr = draw_attr(ROLE_DIM);
		draw_text(w, y, x, text, content > 0 ? content : cw, attr);
		if (content > 0 && content < cw)
			draw_text(w, y, x + content, "", cw - content, base);
		x += cw;
	}
	if (x < maxx)
		draw_fill(w, y, x, base);
}

/* Whether the columns from first_col on end past the screen's right edge. */
static bool
columns_past(struct images_view *v, int screen)
{
	int width[COL_COUNT], total = 0;
	fit_columns(v, width, screen);
	for (int c = 0; c < COL_COUNT; c++)
		if (column_drawn(v, (enum column)c))
			total += width[c];
	return total > screen;
}

static bool
images_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct images_view *v = IV(view);
	if (!v->list || session_conn(app_session(view->app)) == CONN_DOWN)
		return false;	/* the app shows the engine's state */
	time_t now = time(NULL);
	int maxx = getmaxx(w);
	int width[COL_COUNT];
	if (v->held && maxx != v->screen_cols) {	/* another size: laid out again anyway */
		v->held = false;
		measure_columns(v);
	}
	v->screen_cols = maxx;
	fit_columns(v, width, maxx);
	/* A narrower screen may show more: no scrolling past what fits. */
	while (v->first_col > 0) {
		v->first_col--;
		if (columns_past(v, maxx)) {
			v->first_col++;
			break;
		}
	}

	int x = 0, last_c = table_last(width, COL_COUNT);
	memset(v->header_w, 0, sizeof(v->header_w));
	for (int c = 0; c < COL_COUNT && x < maxx; c++) {
		if (!column_drawn(v, (enum column)c) || !width[c])
			continue;
		int cw = c == last_c ? maxx - x : (width[c] < maxx - x ? width[c] : maxx - x);
		char head[96];
		snprintf(head, sizeof(head), "%s%s", _(column_titles[c]),
			 c == (int)sort_column(v) ? draw_sort_mark(sort_descending(v)) : "");
		draw_text(w, y, x, head, cw, draw_attr(ROLE_HEADER));
		v->header_x[c] = x;
		v->header_w[c] = cw;
		x += cw;
	}
	if (x < maxx)
		draw_fill(w, y, x, draw_attr(ROLE_HEADER));

	int rows = height - 1;
	if (rows <= 0)
		return true;
	if (v->partial && !head_drawable(v)) {
		/* another order or a filter needs the whole list: the keys still work (back to newest
		 * first shows the rows again) */
		for (int i = 0; i < rows; i++)
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
		if (height > 2)
			draw_text(w, y + 2, 2, _("The list is still loading: this order shows once it is whole."), maxx - 4,
				  draw_attr(ROLE_DIM));
		return true;
	}
	list_clamp(&v->pos, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->pos.top + (size_t)i;
		if (idx >= v->pos.n) {
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		draw_row(v, w, y + 1 + i, width, &v->rows[v->visible[idx]], idx == v->pos.cursor, now);
		/* Its age follows the clock: the loop wakes when the text would change. */
		app_wake_at(view->app, format_created_next((int64_t)now, v->rows[v->visible[idx]].image->created));
	}
	if (v->pos.n == 0 && height > 2) {
		char key[32], empty[256];
		view_key_of(view, cmd_clear_filter, key, sizeof(key));
		if (v->filter.text[0])
			snprintf(empty, sizeof(empty), _("No image matches the filter; %s clears it."), key);
		else
			snprintf(empty, sizeof(empty), "%s", _("No images on this engine."));
		draw_text(w, y + 2, 2, empty, maxx - 4, draw_attr(ROLE_DIM));
	}
	return true;
}

const struct view_ops images_view_ops = {
	.name = N_("Images"),
	.events = VIEW_EV_IMAGE | VIEW_EV_CONTAINER,
	.tables = images_tables,
	.title = images_title,
	.describe = images_describe,
	.reload = images_refresh,
	.draw = images_draw,
	.pos = images_pos,
	.status = images_status,
	.update = images_update,
	.sort_by = images_sort_by,
	.header_at = images_header_at,
	.free = images_free,
};

struct view *
images_view_new(struct app *app)
{
	struct images_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &images_view_ops, app);
	v->filter = (struct filter_prompt){ .view = &v->base, .apply = refilter };
	return &v->base;
}
