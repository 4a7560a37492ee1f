#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "details.h"
#include "details_view.h"
#include "draw.h"
#include "format.h"
#include "jtree.h"
#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"
#include "table.h"
#include "template.h"
#include "view.h"
#include "xalloc.h"

#define FOOTER_ROWS 4
#define BAR_WIDTH 12

enum details_tab { TAB_INSPECT, TAB_HISTORY, TAB_TAGS, TAB_CONTAINERS, TAB_COUNT };

static const char *const tab_names[TAB_COUNT] = {
	N_("Inspect"), N_("History"), N_("Tags"), N_("Containers"),
};

struct details_view {
	struct view base;
	char *title;
	char *image_id;
	struct details *d;		/* NULL while loading */
	enum details_tab tab;
	struct list_pos pos[TAB_COUNT];
	/* Inspect */
	char *format_text;		/* the last --format template and its output, for the footer */
	char *format_output;
	size_t format_row;		/* the row it named; the footer shows it while the cursor stays */
	/* History */
	bool full_width;		/* CREATED BY uncut, like --no-trunc */
	bool hide_empty;		/* leave out 0B layers */
	size_t *hist_rows;		/* indexes of the rows shown */
	size_t nhist_rows;
	char *last_search;		/* for n and N */
};

#define DV(v) ((struct details_view *)(v))
enum { SLOT_DETAILS };

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

static void
set_data(struct details_view *v, struct details *d)
{
	details_free(v->d);
	v->d = d;
	filter_history(v);
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
	case TAB_COUNT: break;
	}
	return 0;
}

static void
clear_format(struct details_view *v)
{
	free(v->format_text);
	free(v->format_output);
	v->format_text = v->format_output = NULL;
}

static void
draw_tabs(struct details_view *v, WINDOW *w, int y)
{
	int x = 0, cols = getmaxx(w);
	draw_fill(w, y, 0, draw_attr(ROLE_NORMAL));
	for (int t = 0; t < TAB_COUNT && x < cols; t++) {
		char label[96];
		size_t n = tab_rows(v, (enum details_tab)t);
		if (v->d && t != TAB_INSPECT)
			snprintf(label, sizeof(label), " %s (%zu) ", _(tab_names[t]), n);
		else
			snprintf(label, sizeof(label), " %s ", _(tab_names[t]));
		int lw = text_width(label);
		if (lw > cols - x)
			lw = cols - x;
		draw_text(w, y, x, label, lw, draw_attr(t == (int)v->tab ? ROLE_TAB_ACTIVE : ROLE_TAB));
		x += lw + 1;
	}
}

/* ---- Inspect ------------------------------------------------------------------ */

static enum role
kind_role(enum jtree_kind kind)
{
	switch (kind) {
	case JTREE_STRING: return ROLE_JSON_STRING;
	case JTREE_NUMBER: return ROLE_JSON_NUMBER;
	case JTREE_BOOL: return ROLE_JSON_BOOL;
	case JTREE_NULL: return ROLE_JSON_NULL;
	default: return ROLE_DIM;
	}
}

static void
draw_inspect_row(struct details_view *v, WINDOW *w, int y, size_t row, bool selected)
{
	struct jtree *t = v->d->tree;
	struct jtree_row r;
	int cols = getmaxx(w);
	if (!jtree_row(t, row, &r))
		return;
	attr_t sel = draw_attr(ROLE_SELECTED);
	draw_fill(w, y, 0, selected ? sel : draw_attr(ROLE_NORMAL));
	int x = 1 + 2 * r.depth;
	if (x > cols / 2)
		x = cols / 2;	/* deep trees keep room for the value */
	bool container = r.kind == JTREE_OBJECT || r.kind == JTREE_ARRAY;
	const char *marker = "  ";
	if (container && r.nchildren)
		marker = r.expanded ? (draw_utf8() ? "\xe2\x96\xbe " : "- ") : (draw_utf8() ? "\xe2\x96\xb8 " : "+ ");
	x += draw_text(w, y, x, marker, 2, selected ? sel : draw_attr(ROLE_DIM));
	char *label = jtree_label(t, row);
	int lw = text_width(label);
	int room = cols - x;
	if (lw > room * 2 / 3)
		lw = room * 2 / 3;
	if (lw > 0)
		x += draw_text(w, y, x, label, lw, selected ? sel : draw_attr(r.key ? ROLE_JSON_KEY : ROLE_DIM));
	free(label);
	if (x + 2 < cols)
		x += draw_text(w, y, x, ": ", 2, selected ? sel : draw_attr(ROLE_NORMAL));
	char *value = jtree_value_text(t, row);
	/* draw_text cuts long values with an ellipsis; the footer shows them whole. */
	if (x < cols)
		draw_text(w, y, x, value, cols - x, selected ? sel : draw_attr(kind_role(r.kind)));
	free(value);
}

/* Only what can show in a box of rows x cols gets wrapped: a 1 MB label costs nothing per key. */
static void
cap_to_box(char *text, int rows, int cols)
{
	size_t max = (size_t)(rows > 0 ? rows : 1) * (size_t)(cols > 0 ? cols : 1) * 4 + 16;
	if (strlen(text) <= max)
		return;
	size_t cut = max;
	while (cut > 0 && (text[cut] & 0xc0) == 0x80)
		cut--;	/* not inside a UTF-8 sequence */
	text[cut] = '\0';
}

static void
draw_inspect_footer(struct details_view *v, WINDOW *w, int y, int rows, char *value)
{
	int cols = getmaxx(w);
	size_t cur = v->pos[TAB_INSPECT].cursor;
	for (int i = 0; i < rows; i++)
		draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
	if (v->format_text && v->format_row == cur) {
		char *head = xasprintf("--format '%s'", v->format_text);
		draw_text(w, y, 1, head, cols - 2, draw_attr(ROLE_DIM));
		free(head);
		char *out = xstrdup(v->format_output);
		cap_to_box(out, rows - 1, cols - 2);
		draw_wrapped(w, y + 1, 1, rows - 1, cols - 2, out, draw_attr(ROLE_NORMAL));
		free(out);
		return;
	}
	char *path = jtree_path(v->d->tree, cur);
	if (path)
		draw_text(w, y, 1, path, cols - 2, draw_attr(ROLE_DIM));
	if (value) {
		cap_to_box(value, rows - 1, cols - 2);
		draw_wrapped(w, y + 1, 1, rows - 1, cols - 2, value, draw_attr(ROLE_NORMAL));
	}
	free(path);
}

/* Rows the footer needs for the selected value: it grows so a long value shows whole, up to a
 * third of the body. */
static int
inspect_footer_rows(struct details_view *v, int height, int cols, const char *value)
{
	if (height <= 8)
		return 0;
	int max = height / 3 > FOOTER_ROWS ? height / 3 : FOOTER_ROWS;
	const char *text = v->format_text && v->format_row == v->pos[TAB_INSPECT].cursor ? v->format_output : value;
	size_t len = text ? strlen(text) : 0;
	int width = cols > 3 ? cols - 2 : 1;
	/* Bytes over-count wide text only a little; wrapping at spaces needs some slack. */
	size_t lines = len / (size_t)width + 2;
	int rows = (int)(lines + 1 < (size_t)max ? lines + 1 : (size_t)max);
	return rows > FOOTER_ROWS ? rows : FOOTER_ROWS;
}

static void
draw_inspect(struct details_view *v, WINDOW *w, int y, int height)
{
	if (!v->d->tree) {
		draw_note(w, y, height, v->d->inspect_error, ROLE_ERROR);
		return;
	}
	size_t n = jtree_count(v->d->tree);
	if (v->pos[TAB_INSPECT].cursor >= n)
		v->pos[TAB_INSPECT].cursor = n ? n - 1 : 0;
	/* The footer shows a --format result instead while the cursor stays on its node. */
	bool format_shown = v->format_text && v->format_row == v->pos[TAB_INSPECT].cursor;
	char *value = format_shown ? NULL : jtree_value_json(v->d->tree, v->pos[TAB_INSPECT].cursor);
	int footer = inspect_footer_rows(v, height, getmaxx(w), value);
	int rows = height - footer - (footer ? 1 : 0);
	v->pos[TAB_INSPECT].n = n;
	list_clamp(&v->pos[TAB_INSPECT], rows);
	for (int i = 0; i < rows; i++) {
		size_t row = v->pos[TAB_INSPECT].top + (size_t)i;
		if (row >= n)
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
		else
			draw_inspect_row(v, w, y + i, row, row == v->pos[TAB_INSPECT].cursor);
	}
	if (footer) {
		draw_text(w, y + rows, 0, "", getmaxx(w), draw_attr(ROLE_HEADER));
		draw_inspect_footer(v, w, y + rows + 1, footer, value);
	}
	free(value);
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
	char buf[HISTORY_CELL_BUF];

	/* docker's tabwriter widths over the rows shown. */
	int width[HC_COUNT];
	for (int c = 0; c < HC_COUNT; c++)
		width[c] = text_width(hist_title((enum hist_col)c));
	for (size_t i = 0; i < v->nhist_rows; i++)
		for (int c = 0; c < HC_COUNT; c++) {
			int tw = text_width(hist_cell(v, &h->rows[v->hist_rows[i]], (enum hist_col)c, now, buf, sizeof(buf)));
			if (tw > width[c])
				width[c] = tw;
		}
	for (int c = 0; c < HC_COMMENT; c++)
		width[c] = table_width(width[c], false);
	width[HC_BAR] = BAR_WIDTH + TABLE_PADDING;
	/* A narrow terminal cuts CREATED BY first: it is the one long column. */
	int total = 0;
	for (int c = 0; c < HC_COMMENT; c++)
		total += width[c];
	if (total > cols && width[HC_CREATED_BY] > 16) {
		int cut = total - cols;
		if (cut > width[HC_CREATED_BY] - 16)
			cut = width[HC_CREATED_BY] - 16;
		width[HC_CREATED_BY] -= cut;
	}

	int x = 0;
	for (int c = 0; c < HC_COUNT && x < cols; c++) {
		int cw = c == HC_COMMENT ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
		draw_text(w, y, x, hist_title((enum hist_col)c), cw, draw_attr(ROLE_HEADER));
		x += cw;
	}
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
		bool selected = idx == v->pos[TAB_HISTORY].cursor;
		attr_t attr = selected ? draw_attr(ROLE_SELECTED)
				       : draw_attr(r->empty_layer ? ROLE_DIM : ROLE_NORMAL);
		x = 0;
		for (int c = 0; c < HC_COUNT && x < cols; c++) {
			int cw = c == HC_COMMENT ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
			int content = c == HC_COMMENT ? cw : cw - TABLE_PADDING;
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
	draw_tabs(v, w, y);
	y++;
	height--;
	if (!v->d) {
		char *msg = xasprintf(_("Loading %s…"), v->title);
		draw_note(w, y, height, msg, ROLE_NOTE);
		free(msg);
		return true;
	}
	switch (v->tab) {
	case TAB_INSPECT: draw_inspect(v, w, y, height); break;
	case TAB_HISTORY: draw_history(v, w, y, height, now); break;
	case TAB_TAGS: draw_tags(v, w, y, height); break;
	case TAB_CONTAINERS: draw_containers(v, w, y, height); break;
	case TAB_COUNT: break;
	}
	return true;
}


/* ---- its data ----------------------------------------------------------------------- */

struct details_fetch {
	struct fetch base;
	char *image_id;
	struct details *result;
};

static void
details_run(struct fetch *f)
{
	struct details_fetch *df = (struct details_fetch *)f;
	df->result = details_fetch(f->engine, df->image_id, &f->cancel);
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
	(void)why;
	struct details_fetch *df = xcalloc(1, sizeof(*df));
	df->image_id = xstrdup(DV(view)->image_id);
	app_fetch(view, SLOT_DETAILS, &df->base, &details_fetch_ops);
}

/* ---- commands ------------------------------------------------------------------------ */

static struct jtree *
tree(struct details_view *v)
{
	return v->d ? v->d->tree : NULL;
}

static bool
set_tab(struct details_view *v, enum details_tab tab)
{
	v->tab = tab;
	return true;
}

static bool cmd_next_tab(struct view *view) { return set_tab(DV(view), (DV(view)->tab + 1) % TAB_COUNT); }
static bool cmd_prev_tab(struct view *view) { return set_tab(DV(view), (DV(view)->tab + TAB_COUNT - 1) % TAB_COUNT); }
static bool cmd_inspect(struct view *view) { return set_tab(DV(view), TAB_INSPECT); }
static bool cmd_history(struct view *view) { return set_tab(DV(view), TAB_HISTORY); }
static bool cmd_tags(struct view *view) { return set_tab(DV(view), TAB_TAGS); }
static bool cmd_containers(struct view *view) { return set_tab(DV(view), TAB_CONTAINERS); }

/* BACK always closes Details: it has nothing of its own to undo first. */
static bool
cmd_back(struct view *view)
{
	(void)view;
	return false;
}

static bool
cmd_unfold(struct view *view)
{
	struct details_view *v = DV(view);
	if (tree(v))
		jtree_expand(tree(v), v->pos[TAB_INSPECT].cursor);
	return true;
}

static bool
cmd_fold(struct view *view)
{
	struct details_view *v = DV(view);
	struct jtree *t = tree(v);
	size_t *cur = &v->pos[TAB_INSPECT].cursor;
	struct jtree_row r;
	size_t parent;
	if (!t)
		return true;
	if (jtree_row(t, *cur, &r) && r.expanded)
		jtree_collapse(t, *cur);
	else if (jtree_parent(t, *cur, &parent))
		*cur = parent;
	return true;
}

static bool
cmd_expand_all(struct view *view)
{
	struct details_view *v = DV(view);
	struct jtree *t = tree(v);
	size_t *cur = &v->pos[TAB_INSPECT].cursor;
	if (!t)
		return true;
	const cJSON *node = jtree_node(t, *cur);
	jtree_expand_all(t);
	if (node)
		jtree_find_row(t, node, cur);
	return true;
}

static bool
cmd_collapse_all(struct view *view)
{
	struct details_view *v = DV(view);
	struct jtree *t = tree(v);
	size_t *cur = &v->pos[TAB_INSPECT].cursor;
	if (!t)
		return true;
	/* Keep the cursor on the depth-0 ancestor of where it was. */
	size_t parent;
	while (jtree_parent(t, *cur, &parent))
		*cur = parent;
	const cJSON *node = jtree_node(t, *cur);
	jtree_collapse_all(t);
	if (!node || !jtree_find_row(t, node, cur))
		*cur = 0;
	return true;
}

/* Inspect: search from the cursor for needle (keys and values); false when nothing matches. */
static bool
search(struct details_view *v, const char *needle, bool forward, bool skip_current)
{
	struct jtree *t = tree(v);
	if (!t || !needle || !*needle)
		return false;
	size_t cur = v->pos[TAB_INSPECT].cursor, row;
	/* Searching as you type starts at the cursor itself; n and N move past it. */
	size_t from = cur;
	if (!skip_current)
		from = forward ? (cur > 0 ? cur - 1 : (size_t)-1) : cur + 1;
	if (!jtree_search(t, from, needle, forward, &row))
		return false;
	v->pos[TAB_INSPECT].cursor = row;
	return true;
}

static void
search_edited(void *ctx, const char *text, char **err)
{
	/* Search as you type, from where the cursor is. */
	if (*text && !search(ctx, text, true, false))
		*err = xstrdup(_("not found"));
}

static bool
search_accept(void *ctx, const char *text, char **err)
{
	struct details_view *v = ctx;
	(void)err;
	if (*text) {
		free(v->last_search);
		v->last_search = xstrdup(text);
	}
	return true;
}

static bool
cmd_search(struct view *view)
{
	static const struct prompt_ops ops = { search_accept, search_edited, NULL };
	app_prompt(view->app, _("Search: "), NULL, &ops, view);
	return true;
}

static bool
search_again(struct view *view, bool forward)
{
	struct details_view *v = DV(view);
	if (!v->last_search)
		app_message(view->app, false, "%s", _("No search yet: / searches"));
	else if (!search(v, v->last_search, forward, true))
		app_message(view->app, true, _("Not found: %s"), v->last_search);
	return true;
}

static bool cmd_search_next(struct view *view) { return search_again(view, true); }
static bool cmd_search_prev(struct view *view) { return search_again(view, false); }

/* Evaluates a --format template (or a bare path), jumps to the node it names and shows the
 * output in the footer; a failure keeps the prompt open to mend it. */
static bool
goto_accept(void *ctx, const char *text, char **err)
{
	struct details_view *v = ctx;
	if (!*text)
		return true;
	struct jtree *t = tree(v);
	if (!t) {
		*err = xstrdup(_("No inspect document"));
		return false;
	}
	struct template_result res = { 0 };
	if (!template_eval(text, jtree_doc(t), &res)) {
		*err = res.error;
		res.error = NULL;
		template_result_free(&res);
		return false;
	}
	size_t row = v->pos[TAB_INSPECT].cursor;
	if (res.node && jtree_reveal(t, res.node, &row))
		v->pos[TAB_INSPECT].cursor = row;
	clear_format(v);
	v->format_text = xstrdup(text);
	v->format_output = res.text;
	res.text = NULL;
	v->format_row = v->pos[TAB_INSPECT].cursor;
	template_result_free(&res);
	return true;
}

static bool
cmd_goto(struct view *view)
{
	static const struct prompt_ops ops = { goto_accept, NULL, NULL };
	app_prompt(view->app, _("Path or --format: "), NULL, &ops, view);
	return true;
}

static bool
cmd_copy_value(struct view *view)
{
	struct details_view *v = DV(view);
	app_copy(view->app, tree(v) ? jtree_value_json(tree(v), v->pos[TAB_INSPECT].cursor) : NULL, _("value"));
	return true;
}

static bool
cmd_copy_path(struct view *view)
{
	struct details_view *v = DV(view);
	app_copy(view->app, tree(v) ? jtree_path(tree(v), v->pos[TAB_INSPECT].cursor) : NULL, _("path"));
	return true;
}

static bool
cmd_full_width(struct view *view)
{
	DV(view)->full_width = !DV(view)->full_width;
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

/* ---- keys ----------------------------------------------------------------------------- */

static const struct view_key details_keys[] = {
	{ '\t', 0, cmd_next_tab, N_("Next tab"), NULL },
	{ KEY_BTAB, 0, cmd_prev_tab, N_("Previous tab"), NULL },
	{ 'i', 0, cmd_inspect, N_("Inspect tab"), NULL },
	{ 'h', 0, cmd_history, N_("History tab"), NULL },
	{ 't', 0, cmd_tags, N_("Tags tab"), NULL },
	{ 'c', 0, cmd_containers, N_("Containers tab"), NULL },
	{ 0, REQ_BACK, cmd_back, N_("Back to the image list"), NULL },
	{ 'q', REQ_BACK, NULL, NULL, NULL },
};

static const struct view_key inspect_keys[] = {
	{ 0, REQ_ENTER, cmd_unfold, N_("Unfold the node"), NULL },
	{ ' ', 0, cmd_unfold, N_("Unfold the node"), NULL },
	{ KEY_RIGHT, 0, cmd_unfold, N_("Unfold the node"), NULL },
	{ 'l', 0, cmd_unfold, N_("Unfold the node"), NULL },
	{ KEY_LEFT, 0, cmd_fold, N_("Fold the node, or go to its parent"), NULL },
	{ 'E', 0, cmd_expand_all, N_("Unfold everything"), NULL },
	{ 'C', 0, cmd_collapse_all, N_("Fold everything"), NULL },
	{ 0, REQ_FILTER, cmd_search, N_("Search keys and values"), NULL },
	{ 0, REQ_SEARCH_NEXT, cmd_search_next, N_("Next match"), NULL },
	{ 0, REQ_SEARCH_PREV, cmd_search_prev, N_("Previous match"), NULL },
	{ ':', 0, cmd_goto, N_("Go to a path or --format template"), NULL },
	{ '.', 0, cmd_goto, N_("Go to a path or --format template"), NULL },
	{ 0, REQ_COPY, cmd_copy_value, N_("Copy the value (JSON) to the clipboard"), NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_path, N_("Copy the path to the clipboard"), NULL },
};

static const struct view_key history_keys[] = {
	{ 'T', 0, cmd_full_width, N_("Show CREATED BY in full or cut (--no-trunc)"), NULL },
	{ 'e', 0, cmd_hide_empty, N_("Hide or show empty layers (0B)"), NULL },
};

static const struct keytable inspect_table = KEYTABLE(N_("Inspect"), inspect_keys);
static const struct keytable history_table = KEYTABLE(N_("History"), history_keys);
static const struct keytable details_table = KEYTABLE(N_("Details"), details_keys);
static const struct keytable *const details_tables[] = { &inspect_table, &history_table, &details_table, NULL };

/* The tab's own keys, then the view's. */
static bool
details_uses(const struct view *view, const struct keytable *t)
{
	const struct details_view *v = (const struct details_view *)view;
	if (t == &inspect_table)
		return v->tab == TAB_INSPECT;
	if (t == &history_table)
		return v->tab == TAB_HISTORY;
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
	v->pos[v->tab].n = tab_rows(v, v->tab);
	return &v->pos[v->tab];
}

static void
details_status(struct view *view, struct strbuf *sb)
{
	struct details_view *v = DV(view);
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
	free(v->format_text);
	free(v->format_output);
	free(v->hist_rows);
	free(v->last_search);
	free(v);
}

const struct view_ops details_view_ops = {
	.name = N_("Details"),
	.tables = details_tables,
	.uses = details_uses,
	.title = details_title,
	.reload = details_refresh,
	.draw = details_draw,
	.pos = details_pos,
	.status = details_status,
	.free = details_view_free,
};

struct view *
details_view_new(struct app *app, const char *title, const char *image_id)
{
	struct details_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &details_view_ops, app);
	v->title = xstrdup(title);
	v->image_id = xstrdup(image_id);
	return &v->base;
}
