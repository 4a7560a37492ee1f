#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "i18n.h"
#include "inspect_pane.h"
#include "sanitize.h"
#include "template.h"
#include "xalloc.h"

#define FOOTER_ROWS 4

static void
clear_format(struct inspect_pane *p)
{
	free(p->format_text);
	free(p->format_output);
	p->format_text = p->format_output = NULL;
}

void
inspect_pane_set(struct inspect_pane *p, struct jtree *tree, const char *error)
{
	p->tree = tree;
	p->error = error;
	p->pos.n = tree ? jtree_count(tree) : 0;
}

void
inspect_pane_free(struct inspect_pane *p)
{
	clear_format(p);
	search_prompt_free(&p->search);
}

size_t
inspect_pane_rows(const struct inspect_pane *p)
{
	return p->tree ? jtree_count(p->tree) : 0;
}


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
draw_row(struct inspect_pane *p, WINDOW *w, int y, size_t row, bool selected)
{
	struct jtree *t = p->tree;
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

/* Text as a command prints it: each of its lines wrapped in the box, the newlines kept (a
 * println's last one ends the output, it adds no line). */
static void
draw_output(WINDOW *w, int y, int rows, int cols, char *out)
{
	cap_to_box(out, rows, cols);
	int used = 0;
	for (char *line = out; line && used < rows;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (!nl || nl[1] || *line)
			used += *line ? draw_wrapped(w, y + used, 1, rows - used, cols, line, draw_attr(ROLE_NORMAL)) : 1;
		line = nl ? nl + 1 : NULL;
	}
}

/* The footer names a command and shows exactly what it prints: a scalar as --format prints it
 * (amd64, not "amd64"), an object or array through {{json …}}. */
static void
draw_footer(struct inspect_pane *p, WINDOW *w, int y, int rows, char *value)
{
	int cols = getmaxx(w);
	size_t cur = p->pos.cursor;
	for (int i = 0; i < rows; i++)
		draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
	if (p->format_text && p->format_row == cur) {
		/* a bare path is evaluated as the template that names it */
		bool bare = !strstr(p->format_text, "{{");
		char *head = xasprintf("--format '%s%s%s'", bare ? "{{" : "", p->format_text, bare ? "}}" : "");
		draw_text(w, y, 1, head, cols - 2, draw_attr(ROLE_DIM));
		free(head);
		char *out = xstrdup(p->format_output);
		draw_output(w, y + 1, rows - 1, cols - 2, out);
		free(out);
		return;
	}
	char *path = jtree_path(p->tree, cur);
	struct jtree_row r;
	if (!path || !jtree_row(p->tree, cur, &r)) {
		free(path);
		return;
	}
	char *head = NULL, *out = NULL;
	struct template_result res = { 0 };
	if (r.kind != JTREE_OBJECT && r.kind != JTREE_ARRAY &&
	    template_eval_schema(path, jtree_doc(p->tree), p->schema, &res) && res.text) {
		head = xasprintf("--format '%s'", path);
		out = res.text;
		res.text = NULL;
	} else {
		/* {{X}} becomes {{json X}}, {{index .A 0}} becomes {{json (index .A 0)}} */
		size_t n = strlen(path);
		const char *inner = path + 2;
		int len = (int)(n - 4);
		bool call = memchr(inner, ' ', (size_t)len) != NULL;
		head = xasprintf("--format '{{json %s%.*s%s}}'", call ? "(" : "", len, inner, call ? ")" : "");
		out = value ? xstrdup(value) : xstrdup("");
	}
	template_result_free(&res);
	draw_text(w, y, 1, head, cols - 2, draw_attr(ROLE_DIM));
	draw_output(w, y + 1, rows - 1, cols - 2, out);
	free(head);
	free(out);
	free(path);
}

/* Rows the footer needs for the selected value: it grows so a long value shows whole, up to a
 * third of the body. */
static int
footer_rows(struct inspect_pane *p, int height, int cols, const char *value)
{
	if (height <= 8)
		return 0;
	int max = height / 3 > FOOTER_ROWS ? height / 3 : FOOTER_ROWS;
	const char *text = p->format_text && p->format_row == p->pos.cursor ? p->format_output : value;
	size_t len = text ? strlen(text) : 0;
	int width = cols > 3 ? cols - 2 : 1;
	/* Bytes over-count wide text only a little; wrapping at spaces needs some slack. */
	size_t lines = len / (size_t)width + 2;
	int rows = (int)(lines + 1 < (size_t)max ? lines + 1 : (size_t)max);
	return rows > FOOTER_ROWS ? rows : FOOTER_ROWS;
}

void
inspect_pane_draw(struct inspect_pane *p, WINDOW *w, int y, int height)
{
	if (!p->tree) {
		draw_note(w, y, height, p->error ? p->error : _("No inspect document"), ROLE_ERROR);
		return;
	}
	size_t n = jtree_count(p->tree);
	if (p->pos.cursor >= n)
		p->pos.cursor = n ? n - 1 : 0;
	/* The footer shows a --format result instead while the cursor stays on its node. */
	bool format_shown = p->format_text && p->format_row == p->pos.cursor;
	char *value = format_shown ? NULL : jtree_value_json(p->tree, p->pos.cursor);
	int footer = footer_rows(p, height, getmaxx(w), value);
	int rows = height - footer - (footer ? 1 : 0);
	p->pos.n = n;
	list_clamp(&p->pos, rows);
	for (int i = 0; i < rows; i++) {
		size_t row = p->pos.top + (size_t)i;
		if (row >= n)
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
		else
			draw_row(p, w, y + i, row, row == p->pos.cursor);
	}
	if (footer) {
		draw_text(w, y + rows, 0, "", getmaxx(w), draw_attr(ROLE_HEADER));
		draw_footer(p, w, y + rows + 1, footer, value);
	}
	free(value);
}

static bool
cmd_unfold(struct view *view)
{
	struct inspect_pane *p = view->inspect;
	if (p->tree)
		jtree_expand(p->tree, p->pos.cursor);
	return true;
}

static bool
cmd_fold(struct view *view)
{
	struct inspect_pane *p = view->inspect;
	struct jtree *t = p->tree;
	size_t *cur = &p->pos.cursor;
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
	struct inspect_pane *p = view->inspect;
	struct jtree *t = p->tree;
	size_t *cur = &p->pos.cursor;
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
	struct inspect_pane *p = view->inspect;
	struct jtree *t = p->tree;
	size_t *cur = &p->pos.cursor;
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
find(void *owner, const char *needle, bool forward, bool skip_current)
{
	struct inspect_pane *p = owner;
	struct jtree *t = p->tree;
	if (!t || !needle || !*needle)
		return false;
	size_t cur = p->pos.cursor, row;
	/* Searching as you type starts at the cursor itself; n and N move past it. */
	size_t from = cur;
	if (!skip_current)
		from = forward ? (cur > 0 ? cur - 1 : (size_t)-1) : cur + 1;
	if (!jtree_search(t, from, needle, forward, &row))
		return false;
	p->pos.cursor = row;
	return true;
}

static size_t
count(void *owner, const char *needle, size_t *index)
{
	struct inspect_pane *p = owner;
	return p->tree ? jtree_search_count(p->tree, p->pos.cursor, needle, index) : 0;
}

static bool
cmd_search(struct view *view)
{
	struct inspect_pane *p = view->inspect;
	p->search = (struct search_prompt){ .find = find, .count = count, .owner = p, .typing_forward = true,
					    .last = p->search.last };
	search_prompt_open(&p->search, view->app, _("Search: "));
	return true;
}

static bool cmd_search_next(struct view *v) { search_prompt_again(&v->inspect->search, v->app, true); return true; }
static bool cmd_search_prev(struct view *v) { search_prompt_again(&v->inspect->search, v->app, false); return true; }

/* Evaluates a --format template (or a bare path), jumps to the node it names and shows the
 * output in the footer; a failure keeps the prompt open to mend it. */
static bool
goto_accept(void *ctx, const char *text, char **err)
{
	struct inspect_pane *p = ctx;
	if (!*text)
		return true;
	struct jtree *t = p->tree;
	if (!t) {
		*err = xstrdup(_("No inspect document"));
		return false;
	}
	struct template_result res = { 0 };
	if (!template_eval_schema(text, jtree_doc(t), p->schema, &res)) {
		*err = res.error;
		res.error = NULL;
		template_result_free(&res);
		return false;
	}
	size_t row = p->pos.cursor;
	if (res.node && jtree_reveal(t, res.node, &row))
		p->pos.cursor = row;
	clear_format(p);
	p->format_text = xstrdup(text);
	p->format_output = res.text;
	res.text = NULL;
	p->format_row = p->pos.cursor;
	template_result_free(&res);
	return true;
}

static bool
cmd_goto(struct view *view)
{
	static const struct prompt_ops ops = { goto_accept, NULL, NULL };
	app_prompt(view->app, _("Path or --format: "), NULL, &ops, view->inspect);
	return true;
}

static bool
cmd_copy_value(struct view *view)
{
	struct inspect_pane *p = view->inspect;
	app_copy(view->app, p->tree ? jtree_value_json(p->tree, p->pos.cursor) : NULL, _("value"));
	return true;
}

static bool
cmd_copy_path(struct view *view)
{
	struct inspect_pane *p = view->inspect;
	app_copy(view->app, p->tree ? jtree_path(p->tree, p->pos.cursor) : NULL, _("path"));
	return true;
}

static const struct view_key rows[] = {
	{ 0, REQ_ENTER, cmd_unfold, N_("Unfold the node"), NULL, NULL },
	{ ' ', 0, cmd_unfold, N_("Unfold the node"), NULL, "unfold" },
	{ KEY_RIGHT, 0, cmd_unfold, N_("Unfold the node"), NULL, "unfold" },
	{ 'l', 0, cmd_unfold, N_("Unfold the node"), NULL, "unfold" },
	{ KEY_LEFT, 0, cmd_fold, N_("Fold the node, or go to its parent"), NULL, "fold" },
	{ 'E', 0, cmd_expand_all, N_("Unfold everything"), NULL, "expand-all" },
	{ 'C', 0, cmd_collapse_all, N_("Fold everything"), NULL, "collapse-all" },
	{ 0, REQ_FILTER, cmd_search, N_("Search keys and values"), NULL, NULL },
	{ 0, REQ_SEARCH_NEXT, cmd_search_next, N_("Next match"), NULL, NULL },
	{ 0, REQ_SEARCH_PREV, cmd_search_prev, N_("Previous match"), NULL, NULL },
	{ ':', 0, cmd_goto, N_("Go to a path or --format template"), NULL, "goto" },
	{ '.', 0, cmd_goto, N_("Go to a path or --format template"), NULL, "goto" },
	{ 0, REQ_COPY, cmd_copy_value, N_("Copy the value (JSON) to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_path, N_("Copy the path to the clipboard"), NULL, NULL },
};

const struct keytable inspect_pane_keys = KEYTABLE("inspect", N_("Inspect"), rows);
