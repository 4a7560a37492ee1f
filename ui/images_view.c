#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "format.h"
#include "i18n.h"
#include "images_view.h"
#include "sanitize.h"
#include "xalloc.h"

/* docker image ls's columns, then CONTAINERS (as docker system df -v names it): the images in
 * use, which is why removing them needs force. */
enum column { COL_REPO, COL_TAG, COL_DIGEST, COL_ID, COL_CREATED, COL_SIZE, COL_USED, COL_COUNT };

static const char *const column_titles[COL_COUNT] = {
	N_("REPOSITORY"), N_("TAG"), N_("DIGEST"), N_("IMAGE ID"), N_("CREATED"), N_("SIZE"),
	N_("CONTAINERS"),
};

/* docker's tabwriter: a column is its widest cell plus 3, at least 10; the last is not padded. */
#define TAB_PADDING 3
#define TAB_MINWIDTH 10

struct images_view {
	struct image_list list;
	bool have_data;
	struct image_row *rows;
	size_t nrows;
	size_t *visible;	/* indexes into rows that pass the filter, in sort order */
	size_t nvisible;
	size_t cursor;		/* index into visible */
	size_t top;		/* first visible index on screen */
	enum image_sort sort;
	bool show_all, digests, no_trunc;
	char filter[256];
	struct container_list containers;
	bool have_containers;
	enum usage_filter usage;	/* U: all images, only unused ones, only ones in use */
	char **marks;		/* "id repo:tag" of the marked rows: marks outlive reloads */
	size_t nmarks;
	int content_width[COL_COUNT];	/* widest cell of each column, header included */
};

static void measure_columns(struct images_view *v);

struct images_view *
images_view_new(void)
{
	return xcalloc(1, sizeof(struct images_view));
}

void
images_view_free(struct images_view *v)
{
	if (!v)
		return;
	image_rows_free(v->rows, v->nrows);
	image_list_free(&v->list);
	container_list_free(&v->containers);
	images_view_clear_marks(v);
	free(v->visible);
	free(v);
}

static char *
mark_key(const struct image_row *r)
{
	return xasprintf("%s %s:%s", r->image->id, r->repo, r->tag);
}

static bool
is_marked(const struct images_view *v, const struct image_row *r)
{
	if (!v->nmarks)
		return false;
	char *k = mark_key(r);
	bool found = false;
	for (size_t i = 0; i < v->nmarks && !found; i++)
		found = strcmp(v->marks[i], k) == 0;
	free(k);
	return found;
}

void
images_view_clear_marks(struct images_view *v)
{
	for (size_t i = 0; i < v->nmarks; i++)
		free(v->marks[i]);
	free(v->marks);
	v->marks = NULL;
	v->nmarks = 0;
}

size_t
images_view_mark_count(const struct images_view *v)
{
	return v->nmarks;
}

static void
toggle_mark(struct images_view *v)
{
	if (!v->nvisible)
		return;
	char *k = mark_key(&v->rows[v->visible[v->cursor]]);
	for (size_t i = 0; i < v->nmarks; i++) {
		if (strcmp(v->marks[i], k) == 0) {
			free(v->marks[i]);
			v->marks[i] = v->marks[--v->nmarks];
			free(k);
			return;
		}
	}
	v->marks = xrealloc(v->marks, (v->nmarks + 1) * sizeof(*v->marks));
	v->marks[v->nmarks++] = k;
}

const struct image_row **
images_view_marked(const struct images_view *v, size_t *n)
{
	const struct image_row **out = xcalloc(v->nrows ? v->nrows : 1, sizeof(*out));
	*n = 0;
	/* Marked rows in list order; marks of rows gone since (removed elsewhere) are ignored. */
	for (size_t i = 0; i < v->nvisible && v->nmarks; i++)
		if (is_marked(v, &v->rows[v->visible[i]]))
			out[(*n)++] = &v->rows[v->visible[i]];
	if (*n == 0 && v->nvisible)
		out[(*n)++] = &v->rows[v->visible[v->cursor]];
	return out;
}

const struct image_list *
images_view_list(const struct images_view *v)
{
	return &v->list;
}

const struct container_list *
images_view_containers(const struct images_view *v)
{
	return v->have_containers ? &v->containers : NULL;
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
		size_t used = containers_count_by_image(&v->containers, r->image->id, &running);
		if (!used)
			return "";
		if (running)
			snprintf(buf, n, _("%zu (%zu running)"), used, running);
		else
			snprintf(buf, n, "%zu", used);
		return buf;
	}
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
		return v->have_containers;
	return true;
}

/* The last column is not padded, as in docker's tabwriter. */
static enum column
last_column(const struct images_view *v)
{
	return v->have_containers ? COL_USED : COL_SIZE;
}

static void
measure_columns(struct images_view *v)
{
	time_t now = time(NULL);
	char buf[128];
	for (int c = 0; c < COL_COUNT; c++)
		v->content_width[c] = text_width(_(column_titles[c]));
	for (size_t i = 0; i < v->nrows; i++) {
		for (int c = 0; c < COL_COUNT; c++) {
			int w = text_width(cell_text(v, &v->rows[i], (enum column)c, buf, sizeof(buf), now));
			if (w > v->content_width[c])
				v->content_width[c] = w;
		}
	}
}

/* Remembers the row under the cursor so a reload or re-sort keeps it selected. */
struct row_key {
	char *id, *repo, *tag;
};

static struct row_key
cursor_key(const struct images_view *v)
{
	struct row_key k = { 0 };
	if (v->nvisible == 0)
		return k;
	const struct image_row *r = &v->rows[v->visible[v->cursor]];
	k.id = xstrdup(r->image->id);
	k.repo = xstrdup(r->repo);
	k.tag = xstrdup(r->tag);
	return k;
}

static void
restore_cursor(struct images_view *v, struct row_key *k, size_t fallback)
{
	v->cursor = fallback < v->nvisible ? fallback : (v->nvisible ? v->nvisible - 1 : 0);
	if (k->id) {
		for (size_t i = 0; i < v->nvisible; i++) {
			const struct image_row *r = &v->rows[v->visible[i]];
			if (strcmp(r->image->id, k->id) == 0 && strcmp(r->repo, k->repo) == 0 &&
			    strcmp(r->tag, k->tag) == 0) {
				v->cursor = i;
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
	if (v->usage == USAGE_ALL || !v->have_containers)
		return true;
	bool used = containers_count_by_image(&v->containers, r->image->id, NULL) > 0;
	return v->usage == USAGE_IN_USE ? used : !used;
}

static void
apply_filter(struct images_view *v)
{
	free(v->visible);
	v->visible = xcalloc(v->nrows ? v->nrows : 1, sizeof(*v->visible));
	v->nvisible = 0;
	for (size_t i = 0; i < v->nrows; i++)
		if (image_row_matches(&v->rows[i], v->filter) && usage_matches(v, &v->rows[i]))
			v->visible[v->nvisible++] = i;
}

/* Rows, sort, filter and widths from the list; keeps the cursor on its row. */
static void
rebuild(struct images_view *v, bool rows_too)
{
	struct row_key k = cursor_key(v);
	size_t old_cursor = v->cursor;
	if (rows_too) {
		image_rows_free(v->rows, v->nrows);
		v->nrows = image_rows_build(&v->list, v->digests, &v->rows);
	}
	image_rows_sort(v->rows, v->nrows, v->sort);
	apply_filter(v);
	measure_columns(v);
	restore_cursor(v, &k, old_cursor);
}

void
images_view_set_list(struct images_view *v, struct image_list *list)
{
	/* Rows point into the old list: the cursor key must be read before it goes. */
	struct row_key k = cursor_key(v);
	size_t old_cursor = v->cursor;
	image_rows_free(v->rows, v->nrows);
	v->rows = NULL;
	v->nrows = 0;
	image_list_free(&v->list);
	v->list = *list;
	memset(list, 0, sizeof(*list));
	v->have_data = true;
	v->nrows = image_rows_build(&v->list, v->digests, &v->rows);
	image_rows_sort(v->rows, v->nrows, v->sort);
	apply_filter(v);
	measure_columns(v);
	restore_cursor(v, &k, old_cursor);
}

void
images_view_set_containers(struct images_view *v, struct container_list *list)
{
	container_list_free(&v->containers);
	v->containers = *list;
	memset(list, 0, sizeof(*list));
	v->have_containers = true;
	if (v->usage != USAGE_ALL) {
		struct row_key k = cursor_key(v);
		apply_filter(v);
		restore_cursor(v, &k, v->cursor);
	}
	measure_columns(v);
}

enum usage_filter
images_view_usage(const struct images_view *v)
{
	return v->usage;
}

bool
images_view_has_data(const struct images_view *v)
{
	return v->have_data;
}

void
images_view_set_filter(struct images_view *v, const char *filter)
{
	snprintf(v->filter, sizeof(v->filter), "%s", filter ? filter : "");
	struct row_key k = cursor_key(v);
	apply_filter(v);
	restore_cursor(v, &k, 0);
}

const struct image_row *
images_view_selected(const struct images_view *v)
{
	return v->nvisible ? &v->rows[v->visible[v->cursor]] : NULL;
}

const char *
images_view_filter(const struct images_view *v)
{
	return v->filter;
}

bool
images_view_show_all(const struct images_view *v)
{
	return v->show_all;
}

enum image_sort
images_view_sort(const struct images_view *v)
{
	return v->sort;
}

size_t
images_view_image_count(const struct images_view *v)
{
	return v->list.nimages;
}

size_t
images_view_row_count(const struct images_view *v)
{
	return v->nrows;
}

size_t
images_view_visible_count(const struct images_view *v)
{
	return v->nvisible;
}

long long
images_view_total_size(const struct images_view *v)
{
	return (long long)v->list.total_size;
}

void
images_view_describe(const struct images_view *v, char *cmd, size_t ncmd)
{
	snprintf(cmd, ncmd, "docker image ls%s%s%s", v->show_all ? " -a" : "",
		 v->digests ? " --digests" : "", v->no_trunc ? " --no-trunc" : "");
}

enum reaction
images_view_action(struct images_view *v, enum action a, int page)
{
	size_t n = v->nvisible;
	size_t step = page > 1 ? (size_t)page : 1;
	switch (a) {
	case ACT_DOWN:
		if (n && v->cursor + 1 < n)
			v->cursor++;
		return REACT_REDRAW;
	case ACT_UP:
		if (v->cursor > 0)
			v->cursor--;
		return REACT_REDRAW;
	case ACT_PAGE_DOWN:
		if (n) {
			v->cursor = v->cursor + step < n ? v->cursor + step : n - 1;
			v->top += step;
		}
		return REACT_REDRAW;
	case ACT_PAGE_UP:
		v->cursor = v->cursor > step ? v->cursor - step : 0;
		v->top = v->top > step ? v->top - step : 0;
		return REACT_REDRAW;
	case ACT_FIRST:
		v->cursor = 0;
		return REACT_REDRAW;
	case ACT_LAST:
		v->cursor = n ? n - 1 : 0;
		return REACT_REDRAW;
	case ACT_SORT:
		v->sort = (enum image_sort)((v->sort + 1) % IMAGE_SORT_COUNT);
		rebuild(v, false);
		return REACT_REDRAW;
	case ACT_TOGGLE_DIGESTS:
		v->digests = !v->digests;
		rebuild(v, true);
		return REACT_REDRAW;
	case ACT_TOGGLE_TRUNC:
		v->no_trunc = !v->no_trunc;
		measure_columns(v);
		return REACT_REDRAW;
	case ACT_TOGGLE_ALL:
		v->show_all = !v->show_all;
		return REACT_REDRAW | REACT_RELOAD;
	case ACT_CLEAR_FILTER:
		images_view_set_filter(v, "");
		return REACT_REDRAW;
	case ACT_OPEN:
		return n ? REACT_OPEN : REACT_NONE;
	case ACT_USAGE: {
		v->usage = (enum usage_filter)((v->usage + 1) % USAGE_COUNT);
		struct row_key k = cursor_key(v);
		apply_filter(v);
		restore_cursor(v, &k, 0);
		return REACT_REDRAW;
	}
	case ACT_MARK:
		toggle_mark(v);
		if (n && v->cursor + 1 < n)
			v->cursor++;
		return REACT_REDRAW;
	default:
		return REACT_NONE;
	}
}

/* Shrinks columns, most expendable first, until the row fits the screen. */
static void
fit_columns(const struct images_view *v, int width[COL_COUNT], int screen)
{
	static const enum column shrink_order[] = { COL_REPO, COL_DIGEST, COL_TAG, COL_ID, COL_CREATED };
	static const int min_width[COL_COUNT] = { 12, 10, 16, 15, 14, 0, 0 };
	int total = 0;
	int last = last_column(v);
	for (int c = 0; c < COL_COUNT; c++) {
		width[c] = 0;
		if (!column_shown(v, (enum column)c))
			continue;
		int w = v->content_width[c];
		width[c] = c == last ? w : (w + TAB_PADDING > TAB_MINWIDTH ? w + TAB_PADDING : TAB_MINWIDTH);
		total += width[c];
	}
	for (size_t i = 0; i < sizeof(shrink_order) / sizeof(shrink_order[0]) && total > screen; i++) {
		enum column c = shrink_order[i];
		int spare = width[c] - min_width[c];
		if (!column_shown(v, c) || spare <= 0)
			continue;
		int cut = total - screen < spare ? total - screen : spare;
		width[c] -= cut;
		total -= cut;
	}
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
	for (int c = 0; c < COL_COUNT && x < maxx; c++) {
		if (!column_shown(v, (enum column)c))
			continue;
		const char *text = cell_text(v, r, (enum column)c, buf, sizeof(buf), now);
		bool last = c == (int)last_column(v);
		int cw = last ? maxx - x : width[c];
		if (cw > maxx - x)
			cw = maxx - x;
		int content = last ? cw : cw - TAB_PADDING;
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

void
images_view_draw(struct images_view *v, WINDOW *w, int y, int height, time_t now)
{
	int maxx = getmaxx(w);
	int width[COL_COUNT];
	fit_columns(v, width, maxx);

	int x = 0;
	for (int c = 0; c < COL_COUNT && x < maxx; c++) {
		if (!column_shown(v, (enum column)c))
			continue;
		int cw = c == (int)last_column(v) ? maxx - x : (width[c] < maxx - x ? width[c] : maxx - x);
		draw_text(w, y, x, _(column_titles[c]), cw, draw_attr(ROLE_HEADER));
		x += cw;
	}
	if (x < maxx)
		draw_fill(w, y, x, draw_attr(ROLE_HEADER));

	int rows = height - 1;
	if (rows <= 0)
		return;
	view_scroll(&v->cursor, &v->top, v->nvisible, rows);

	for (int i = 0; i < rows; i++) {
		size_t idx = v->top + (size_t)i;
		if (idx >= v->nvisible) {
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		draw_row(v, w, y + 1 + i, width, &v->rows[v->visible[idx]], idx == v->cursor, now);
	}
}
