#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "details_view.h"
#include "draw.h"
#include "format.h"
#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"
#include "template.h"
#include "xalloc.h"

#define TAB_PADDING 3
#define TAB_MINWIDTH 10
#define FOOTER_ROWS 4
#define BAR_WIDTH 12

static const char *const tab_names[TAB_COUNT] = {
	N_("Inspect"), N_("History"), N_("Tags"), N_("Containers"),
};

static const struct keymap_chain chains[TAB_COUNT] = {
	[TAB_INSPECT] = { .scope = { KEYMAP_INSPECT, KEYMAP_DETAILS }, .n = 2 },
	[TAB_HISTORY] = { .scope = { KEYMAP_HISTORY, KEYMAP_DETAILS }, .n = 2 },
	[TAB_TAGS] = { .scope = { KEYMAP_DETAILS }, .n = 1 },
	[TAB_CONTAINERS] = { .scope = { KEYMAP_DETAILS }, .n = 1 },
};

struct details_view {
	char *title;
	char *image_id;
	struct details *d;		/* NULL while loading */
	enum details_tab tab;
	size_t cursor[TAB_COUNT], top[TAB_COUNT];
	/* Inspect */
	char *format_text;		/* the last --format template and its output, for the footer */
	char *format_output;
	size_t format_row;		/* the row it named; the footer shows it while the cursor stays */
	/* History */
	bool full_width;		/* CREATED BY uncut, like --no-trunc */
	bool hide_empty;		/* leave out 0B layers */
	size_t *hist_rows;		/* indexes of the rows shown */
	size_t nhist_rows;
};

struct details_view *
details_view_new(const char *title, const char *image_id)
{
	struct details_view *v = xcalloc(1, sizeof(*v));
	v->title = xstrdup(title);
	v->image_id = xstrdup(image_id);
	return v;
}

void
details_view_free(struct details_view *v)
{
	if (!v)
		return;
	details_free(v->d);
	free(v->title);
	free(v->image_id);
	free(v->format_text);
	free(v->format_output);
	free(v->hist_rows);
	free(v);
}

const char *
details_view_image_id(const struct details_view *v)
{
	return v->image_id;
}

const char *
details_view_title(const struct details_view *v)
{
	return v->title;
}

bool
details_view_loading(const struct details_view *v)
{
	return v->d == NULL;
}

const struct keymap_chain *
details_view_chain(const struct details_view *v)
{
	return &chains[v->tab];
}

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

void
details_view_set_data(struct details_view *v, struct details *d)
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

/* Draws a message in the body, for empty tabs and failures. */
static void
draw_note(WINDOW *w, int y, int height, const char *msg, enum role role)
{
	for (int i = 0; i < height; i++)
		draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
	if (height > 1)
		draw_wrapped(w, y + 1, 2, height - 1, getmaxx(w) - 4, msg, draw_attr(role));
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
	size_t cur = v->cursor[TAB_INSPECT];
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
	const char *text = v->format_text && v->format_row == v->cursor[TAB_INSPECT] ? v->format_output : value;
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
	if (v->cursor[TAB_INSPECT] >= n)
		v->cursor[TAB_INSPECT] = n ? n - 1 : 0;
	/* The footer shows a --format result instead while the cursor stays on its node. */
	bool format_shown = v->format_text && v->format_row == v->cursor[TAB_INSPECT];
	char *value = format_shown ? NULL : jtree_value_json(v->d->tree, v->cursor[TAB_INSPECT]);
	int footer = inspect_footer_rows(v, height, getmaxx(w), value);
	int rows = height - footer - (footer ? 1 : 0);
	view_scroll(&v->cursor[TAB_INSPECT], &v->top[TAB_INSPECT], n, rows);
	for (int i = 0; i < rows; i++) {
		size_t row = v->top[TAB_INSPECT] + (size_t)i;
		if (row >= n)
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
		else
			draw_inspect_row(v, w, y + i, row, row == v->cursor[TAB_INSPECT]);
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

/* A bar in proportion to the largest layer: the heavy layers stand out at a glance. */
static void
draw_bar(WINDOW *w, int y, int x, int width, int64_t size, int64_t max, attr_t attr)
{
	if (width <= 0)
		return;
	int cells = max > 0 ? (int)((double)size / (double)max * width + 0.5) : 0;
	if (size > 0 && cells == 0)
		cells = 1;
	char buf[BAR_WIDTH * 3 + 1];
	size_t k = 0;
	for (int i = 0; i < width && i < BAR_WIDTH; i++) {
		if (i < cells && draw_utf8()) {
			memcpy(buf + k, "\xe2\x96\x88", 3);	/* full block */
			k += 3;
		} else {
			buf[k++] = i < cells ? '#' : ' ';
		}
	}
	buf[k] = '\0';
	draw_text(w, y, x, buf, width, attr);
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
		width[c] = width[c] + TAB_PADDING > TAB_MINWIDTH ? width[c] + TAB_PADDING : TAB_MINWIDTH;
	width[HC_BAR] = BAR_WIDTH + TAB_PADDING;
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
	view_scroll(&v->cursor[TAB_HISTORY], &v->top[TAB_HISTORY], v->nhist_rows, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->top[TAB_HISTORY] + (size_t)i;
		int yy = y + 1 + i;
		if (idx >= v->nhist_rows) {
			draw_fill(w, yy, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct history_row *r = &h->rows[v->hist_rows[idx]];
		bool selected = idx == v->cursor[TAB_HISTORY];
		attr_t attr = selected ? draw_attr(ROLE_SELECTED)
				       : draw_attr(r->empty_layer ? ROLE_DIM : ROLE_NORMAL);
		x = 0;
		for (int c = 0; c < HC_COUNT && x < cols; c++) {
			int cw = c == HC_COMMENT ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
			int content = c == HC_COMMENT ? cw : cw - TAB_PADDING;
			if (content <= 0)
				content = cw;
			if (c == HC_BAR) {
				draw_bar(w, yy, x, content, r->size, h->max_size,
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
	const struct history_row *r = &h->rows[v->hist_rows[v->cursor[TAB_HISTORY]]];
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
	widths[0] += TAB_PADDING;
	draw_list_header(w, y, titles, widths, 2);
	int rows = height - 1;
	view_scroll(&v->cursor[TAB_TAGS], &v->top[TAB_TAGS], n, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->top[TAB_TAGS] + (size_t)i;
		int yy = y + 1 + i;
		if (idx >= n) {
			draw_fill(w, yy, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		bool is_tag = idx < d->ntags;
		attr_t attr = draw_attr(idx == v->cursor[TAB_TAGS] ? ROLE_SELECTED : ROLE_NORMAL);
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
	widths[1] += TAB_PADDING;
	widths[2] += TAB_PADDING;
	draw_list_header(w, y, titles, widths, 4);
	int rows = height - 1;
	view_scroll(&v->cursor[TAB_CONTAINERS], &v->top[TAB_CONTAINERS], d->nused_by, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->top[TAB_CONTAINERS] + (size_t)i;
		int yy = y + 1 + i, x = 0, cols = getmaxx(w);
		if (idx >= d->nused_by) {
			draw_fill(w, yy, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct container *c = d->used_by[idx];
		attr_t attr = draw_attr(idx == v->cursor[TAB_CONTAINERS] ? ROLE_SELECTED : ROLE_NORMAL);
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

void
details_view_draw(struct details_view *v, WINDOW *w, int y, int height, time_t now)
{
	if (height < 2)
		return;
	draw_tabs(v, w, y);
	y++;
	height--;
	if (!v->d) {
		char *msg = xasprintf(_("Loading %s…"), v->title);
		draw_note(w, y, height, msg, ROLE_NOTE);
		free(msg);
		return;
	}
	switch (v->tab) {
	case TAB_INSPECT: draw_inspect(v, w, y, height); break;
	case TAB_HISTORY: draw_history(v, w, y, height, now); break;
	case TAB_TAGS: draw_tags(v, w, y, height); break;
	case TAB_CONTAINERS: draw_containers(v, w, y, height); break;
	case TAB_COUNT: break;
	}
}

static enum reaction
inspect_action(struct details_view *v, enum action a)
{
	struct jtree *t = v->d ? v->d->tree : NULL;
	if (!t)
		return REACT_NONE;
	size_t *cur = &v->cursor[TAB_INSPECT];
	switch (a) {
	case ACT_UNFOLD:
		jtree_expand(t, *cur);
		return REACT_REDRAW;
	case ACT_FOLD: {
		struct jtree_row r;
		size_t parent;
		if (jtree_row(t, *cur, &r) && r.expanded)
			jtree_collapse(t, *cur);
		else if (jtree_parent(t, *cur, &parent))
			*cur = parent;
		return REACT_REDRAW;
	}
	case ACT_EXPAND_ALL: {
		const cJSON *node = jtree_node(t, *cur);
		jtree_expand_all(t);
		if (node)
			jtree_find_row(t, node, cur);
		return REACT_REDRAW;
	}
	case ACT_COLLAPSE_ALL: {
		/* Keep the cursor on the depth-0 ancestor of where it was. */
		size_t parent;
		while (jtree_parent(t, *cur, &parent))
			*cur = parent;
		const cJSON *node = jtree_node(t, *cur);
		jtree_collapse_all(t);
		if (!node || !jtree_find_row(t, node, cur))
			*cur = 0;
		return REACT_REDRAW;
	}
	case ACT_SEARCH: return REACT_PROMPT_SEARCH;
	case ACT_GOTO_PATH: return REACT_PROMPT_PATH;
	case ACT_COPY_VALUE: return REACT_COPY_VALUE;
	case ACT_COPY_PATH: return REACT_COPY_PATH;
	default: return REACT_NONE;
	}
}

enum reaction
details_view_action(struct details_view *v, enum action a, int page)
{
	size_t n = tab_rows(v, v->tab);
	size_t *cur = &v->cursor[v->tab], *top = &v->top[v->tab];
	size_t step = page > 1 ? (size_t)page : 1;
	switch (a) {
	case ACT_BACK: return REACT_BACK;
	case ACT_NEXT_TAB:
		v->tab = (enum details_tab)((v->tab + 1) % TAB_COUNT);
		return REACT_REDRAW;
	case ACT_PREV_TAB:
		v->tab = (enum details_tab)((v->tab + TAB_COUNT - 1) % TAB_COUNT);
		return REACT_REDRAW;
	case ACT_TAB_INSPECT: v->tab = TAB_INSPECT; return REACT_REDRAW;
	case ACT_TAB_HISTORY: v->tab = TAB_HISTORY; return REACT_REDRAW;
	case ACT_TAB_TAGS: v->tab = TAB_TAGS; return REACT_REDRAW;
	case ACT_TAB_CONTAINERS: v->tab = TAB_CONTAINERS; return REACT_REDRAW;
	case ACT_DOWN:
		if (*cur + 1 < n)
			(*cur)++;
		return REACT_REDRAW;
	case ACT_UP:
		if (*cur > 0)
			(*cur)--;
		return REACT_REDRAW;
	case ACT_PAGE_DOWN:
		if (n) {
			*cur = *cur + step < n ? *cur + step : n - 1;
			*top += step;
		}
		return REACT_REDRAW;
	case ACT_PAGE_UP:
		*cur = *cur > step ? *cur - step : 0;
		*top = *top > step ? *top - step : 0;
		return REACT_REDRAW;
	case ACT_FIRST:
		*cur = 0;
		return REACT_REDRAW;
	case ACT_LAST:
		*cur = n ? n - 1 : 0;
		return REACT_REDRAW;
	case ACT_FULL_WIDTH:
		v->full_width = !v->full_width;
		return REACT_REDRAW;
	case ACT_HIDE_EMPTY: {
		size_t keep = v->nhist_rows ? v->hist_rows[v->cursor[TAB_HISTORY]] : 0;
		v->hide_empty = !v->hide_empty;
		filter_history(v);
		v->cursor[TAB_HISTORY] = 0;
		for (size_t i = 0; i < v->nhist_rows; i++)
			if (v->hist_rows[i] <= keep)
				v->cursor[TAB_HISTORY] = i;
		return REACT_REDRAW;
	}
	default:
		return v->tab == TAB_INSPECT ? inspect_action(v, a) : REACT_NONE;
	}
}

bool
details_view_search(struct details_view *v, const char *needle, bool forward, bool skip_current)
{
	struct jtree *t = v->d ? v->d->tree : NULL;
	if (!t || !needle || !*needle)
		return false;
	size_t cur = v->cursor[TAB_INSPECT], row;
	/* Searching as you type starts at the cursor itself; n and N move past it. */
	size_t from = cur;
	if (!skip_current)
		from = forward ? (cur > 0 ? cur - 1 : (size_t)-1) : cur + 1;
	if (!jtree_search(t, from, needle, forward, &row))
		return false;
	v->cursor[TAB_INSPECT] = row;
	return true;
}

bool
details_view_goto(struct details_view *v, const char *template_text, char **err)
{
	*err = NULL;
	struct jtree *t = v->d ? v->d->tree : NULL;
	if (!t) {
		*err = xstrdup(_("No inspect document"));
		return false;
	}
	struct template_result res = { 0 };
	if (!template_eval(template_text, jtree_doc(t), &res)) {
		*err = res.error;
		res.error = NULL;
		template_result_free(&res);
		return false;
	}
	size_t row = v->cursor[TAB_INSPECT];
	if (res.node && jtree_reveal(t, res.node, &row))
		v->cursor[TAB_INSPECT] = row;
	clear_format(v);
	v->format_text = xstrdup(template_text);
	v->format_output = res.text;
	res.text = NULL;
	v->format_row = v->cursor[TAB_INSPECT];
	template_result_free(&res);
	return true;
}

char *
details_view_copy_value(const struct details_view *v)
{
	if (!v->d || !v->d->tree)
		return NULL;
	return jtree_value_json(v->d->tree, v->cursor[TAB_INSPECT]);
}

char *
details_view_copy_path(const struct details_view *v)
{
	if (!v->d || !v->d->tree)
		return NULL;
	return jtree_path(v->d->tree, v->cursor[TAB_INSPECT]);
}
